//! Snapshot sets per target, end to end: another target is compared with
//! the reference set advisorily (a difference is reported in the console,
//! the JSON and the JUnit report, and fails nothing), `--snapshots strict`
//! makes it fail, and a target's own set, recorded with
//! `--snapshots update`, is compared strictly.

mod common;
mod report_support;

use common::{path_str, run, shown, temp_dir, text};
use report_support::{FakeTarget, Reply, read_report};

use createimage_contract::report::model::{OutcomeKind, ReferenceEntry};

/// The one run these tests make: its expectations check the status, the
/// code and the message, not the other members.
const RUN: &str = "account.image-quota-full::json::v1-get";

/// A conformant answer to `RUN`, in another member order and with a
/// regional `HostId`, plus `extra` members.
fn quota_answer(extra: &str) -> FakeTarget {
    let body = format!(
        r#"{{"Code":"QuotaExceed.Image","Message":"The Image Quota exceeds.","RequestId":"8C5C2B4E-7F6A-4A3B-9C1D-2E3F4A5B6C7D","HostId":"ecs.cn-hangzhou.aliyuncs.com","Recommend":"https://api.aliyun.com/troubleshoot?q=QuotaExceed.Image&product=Ecs"{extra}}}"#
    );
    FakeTarget::start(move |_, _| Reply::Json(403, body.clone()))
}

fn run_against(target: &FakeTarget, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "run",
        "--target",
        &target.url,
        "--formats",
        "json",
        "--exact",
        RUN,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

#[test]
fn a_conformant_target_that_varies_what_the_contract_leaves_free_matches_the_reference() {
    let target = quota_answer("");
    let dir = temp_dir("reference-conformant");
    let json = dir.join("r.json");
    let out = run_against(
        &target,
        &["--snapshots", "strict", "--json", path_str(&json)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(
        read_report(&json).runs[0].reference,
        ReferenceEntry::Matched
    );
}

#[test]
fn another_target_that_differs_only_from_the_reference_passes_and_says_how() {
    let target = quota_answer(r#","Extra":"only here""#);
    let dir = temp_dir("reference-advisory");
    let (json, junit) = (dir.join("r.json"), dir.join("r.xml"));
    let out = run_against(
        &target,
        &["--json", path_str(&json), "--junit", path_str(&junit)],
    );
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let console = text(&out.stderr);
    assert!(
        console.contains(&format!("differs from the reference: {RUN}")),
        "{console}"
    );
    assert!(
        console.contains("+      \"Extra\": \"only here\""),
        "{console}"
    );
    let report = read_report(&json);
    let entry = &report.runs[0];
    assert_eq!(entry.outcome, OutcomeKind::Passed);
    let diff = entry.reference.diff().expect("a reference difference");
    assert!(diff.contains("+      \"Extra\": \"only here\""), "{diff}");
    assert_eq!(entry.diff, None);
    assert_eq!(report.totals.reference_differs, 1);
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(
        xml.contains("<system-out>differs from the reference snapshot"),
        "{xml}"
    );
    assert!(!xml.contains("<failure"), "{xml}");
    // Nothing is ever written into the reference set for another target.
    let pending = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("snapshots/account.image-quota-full.json.snap.new");
    assert!(!pending.exists());
}

#[test]
fn snapshots_strict_makes_a_difference_from_the_reference_fail() {
    let target = quota_answer(r#","Extra":"only here""#);
    let out = run_against(&target, &["--snapshots", "strict"]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(
        text(&out.stdout).contains("error: snapshot"),
        "{}",
        shown(&out)
    );
}

#[test]
fn recording_another_targets_answers_needs_its_own_set() {
    let target = quota_answer("");
    let out = run_against(&target, &["--snapshots", "update"]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    let message = text(&out.stderr);
    assert!(message.contains("--snapshot-dir DIR"), "{message}");
    assert!(message.contains("`snapshots: DIR`"), "{message}");
}

#[test]
fn a_targets_own_set_is_recorded_from_it_and_then_compared_strictly() {
    let dir = temp_dir("reference-own");
    let own = dir.join("ours");
    let first = quota_answer(r#","Extra":"ours""#);
    let out = run_against(
        &first,
        &["--snapshot-dir", path_str(&own), "--snapshots", "update"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let recorded = std::fs::read_to_string(own.join("account.image-quota-full.json.snap")).unwrap();
    assert!(
        recorded.contains(&format!("target: \"{}\"", first.url)),
        "{recorded}"
    );
    // The same answers match their own set.
    let out = run_against(&first, &["--snapshot-dir", path_str(&own)]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    // A changed answer fails against it, without --snapshots strict.
    let changed = quota_answer(r#","Extra":"changed""#);
    let out = run_against(&changed, &["--snapshot-dir", path_str(&own)]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(
        text(&out.stdout).contains("error: snapshot"),
        "{}",
        shown(&out)
    );
    // A profile's `snapshots:` names the same set, relative to the profile.
    let profile = dir.join("profile.yaml");
    std::fs::write(
        &profile,
        format!(
            "endpoint: {}\nsnapshots: ours\naccounts:\n  image-quota-full:\n    from_manifest: true\nfixtures_from_manifest: true\n",
            changed.url
        ),
    )
    .unwrap();
    let out = run(&[
        "run",
        "--profile",
        path_str(&profile),
        "--formats",
        "json",
        "--exact",
        RUN,
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(
        text(&out.stdout).contains("+      \"Extra\": \"changed\""),
        "{}",
        shown(&out)
    );
}

#[test]
fn a_target_that_chose_another_documented_reading_is_not_failed_by_the_snapshot() {
    // The reference emulator allows a colon in ImageName; this target takes
    // the error table's reading and refuses it.
    let target = FakeTarget::start(|_, _| {
        Reply::Json(
            400,
            r#"{"RequestId":"8C5C2B4E-7F6A-4A3B-9C1D-2E3F4A5B6C7D","HostId":"ecs.aliyuncs.com","Code":"InvalidImageName.Malformed","Message":"The specified Image name is wrongly formed.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidImageName.Malformed&product=Ecs"}"#
                .to_string(),
        )
    });
    let dir = temp_dir("reference-reading");
    let (json, junit) = (dir.join("r.json"), dir.join("r.xml"));
    let run_id = "image-name.colon::json::v1-get";
    let out = run(&[
        "run",
        "--target",
        &target.url,
        "--formats",
        "json",
        "--exact",
        run_id,
        "--snapshots",
        "strict",
        "--json",
        path_str(&json),
        "--junit",
        path_str(&junit),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let console = text(&out.stderr);
    assert!(
        console.contains(&format!(
            "other reading: {run_id} (request: error-table; the snapshot recorded request: union)"
        )),
        "{console}"
    );
    let report = read_report(&json);
    let ReferenceEntry::OtherReading { recorded, matched } = &report.runs[0].reference else {
        panic!("{:?}", report.runs[0].reference);
    };
    assert_eq!(recorded[0].reading, "union");
    assert_eq!(matched[0].reading, "error-table");
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert!(xml.contains("other reading: request: error-table"), "{xml}");
}
