//! Snapshot provenance: recording names the target, the date and the
//! harness version, and reports say where their expectations came from.

mod common;
mod report_support;

use common::{path_str, run, shown, temp_dir};
use report_support::read_report;

#[test]
fn recorded_snapshots_name_their_origin_and_reports_show_it() {
    let dir = temp_dir("provenance");
    let snapshots = dir.join("snapshots");
    let out = run(&[
        "run",
        "--snapshots",
        "update",
        "--snapshots-dir",
        path_str(&snapshots),
        "image-name.too-short",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let snap = std::fs::read_to_string(snapshots.join("image-name.too-short.json.snap")).unwrap();
    assert!(
        snap.contains("info:\n  target: \"embedded reference emulator\""),
        "{snap}"
    );
    assert!(
        snap.contains(&format!(
            "  harness_version: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )),
        "{snap}"
    );

    let json = dir.join("r.json");
    let out = run(&[
        "run",
        "--snapshots-dir",
        path_str(&snapshots),
        "--json",
        path_str(&json),
        "image-name.too-short",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let report = read_report(&json);
    let sources = &report.provenance.snapshot_sources;
    assert_eq!(sources.len(), 1, "{sources:?}");
    assert_eq!(
        sources[0].target.as_deref(),
        Some("embedded reference emulator")
    );
    assert_eq!(
        sources[0].harness_version.as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    assert_eq!(sources[0].count, 2, "one snapshot per format");
    let date = sources[0].recorded_at.as_deref().unwrap();
    assert!(report.provenance.started_at.starts_with(date), "{date}");
    assert!(report.runs.iter().all(|r| r.snapshot.is_some()));
}
