//! Ctrl-C during `run`: the runs that finished are written, the reports say
//! they are incomplete, and the process exits 130.

mod common;
mod report_support;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{binary, path_str, temp_dir};
use report_support::{FakeTarget, Reply, read_report};

#[test]
fn ctrl_c_writes_what_finished_marked_incomplete_and_exits_130() {
    // The first three requests are answered at once; every later one hangs.
    let target = FakeTarget::start(|_, index| {
        if index < 3 {
            Reply::Json(
                400,
                r#"{"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E","Code":"X","Message":"y"}"#
                    .to_string(),
            )
        } else {
            Reply::Hang
        }
    });
    let dir = temp_dir("interrupt");
    let (json, junit, html) = (dir.join("r.json"), dir.join("r.xml"), dir.join("r.html"));
    let mut child = binary()
        .args([
            "run",
            "--target",
            &target.url,
            "--access-key-id",
            "AKIDEXAMPLE",
            "--access-key-secret",
            "interrupt-test-secret",
            "--snapshots",
            "off",
            "--timeout",
            "60",
            "--test-threads",
            "1",
            "--json",
            path_str(&json),
            "--junit",
            path_str(&junit),
            "--html",
            path_str(&html),
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stdout.take().unwrap()).lines();
    let started = Instant::now();
    // Wait for the first finished run, then for the hanging one to start.
    for line in lines.by_ref() {
        let line = line.unwrap();
        if line.starts_with("test ") && (line.ends_with("FAILED") || line.ends_with("ok")) {
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no run finished"
        );
    }
    while target.requests.lock().unwrap().len() < 4 {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "no request hangs"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    let status = child.wait().unwrap();
    assert_eq!(status.code(), Some(130));
    assert!(
        started.elapsed() < Duration::from_secs(30),
        "Ctrl-C was not prompt"
    );

    let report = read_report(&json);
    assert!(!report.complete);
    assert!(report.totals.finished >= 1, "{:?}", report.totals);
    assert!(
        report.totals.finished < report.totals.planned,
        "{:?}",
        report.totals
    );
    let xml = std::fs::read_to_string(&junit).unwrap();
    let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    // One testcase per finished run, and one per run-level invariant.
    assert_eq!(
        parsed.tests,
        report.totals.finished + report.invariants.len()
    );
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("id=\"incomplete\"")
    );
}
