//! Targets that close connections without saying so (RFC 9112 §9.3): a
//! request that met a connection the target closed before answering is
//! sent again, byte for byte, on a fresh connection; the run is judged on
//! that answer, unless the target refuses it as a replay — it had read
//! the first copy, and may have acted on it — and then the run is not
//! judged. Every server is the reference emulator behind a loopback front
//! written in the test (`support/closing.rs`).

#[path = "support/closing.rs"]
mod closing;
mod common;
mod targets_support;

use closing::{Closing, ClosingFront};
use common::*;
use targets_support::*;

/// `run --target URL` with the default flags otherwise (every run, the
/// fixture manifest's keys and ids).
async fn default_run_against(url: &str) -> std::process::Output {
    let mut command = binary();
    command.args(["run", "--target", url]);
    output(command).await
}

/// `(passed, failed, ignored)` from libtest's summary line.
fn summary(stdout: &str) -> (usize, usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("test result:"))
        .unwrap_or_else(|| panic!("no summary in:\n{stdout}"));
    let count = |what: &str| {
        line.split(['.', ';'])
            .find_map(|part| part.trim().strip_suffix(what)?.trim().parse().ok())
            .unwrap_or_else(|| panic!("no `{what}` count in {line}"))
    };
    (count("passed"), count("failed"), count("ignored"))
}

#[tokio::test(flavor = "multi_thread")]
async fn against_a_target_that_closes_each_connection_after_answering_every_run_of_the_default_run_passes()
 {
    let front = ClosingFront::start(Closing::AfterEachAnswer).await;
    let out = default_run_against(&front.url()).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let (passed, failed, _) = summary(&stdout);
    assert_eq!(failed, 0, "{}", shown(&out));
    assert!(passed > 3700, "the whole default run: {passed} passed");
    assert!(!text(&out.stderr).contains("not judged"));
    let reads = front.reads();
    assert!(reads.len() >= passed, "{} requests read", reads.len());
    assert!(
        reads.iter().all(|r| r.answered),
        "every request read was answered"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_on_a_connection_closed_before_it_was_answered_is_sent_again_byte_for_byte_on_a_fresh_connection()
 {
    let front = ClosingFront::start(Closing::OnTheSecondRequest { acted: false }).await;
    let dir = case_dir("closed-unread", &[("targets.yaml", &creating_cases(4))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &front.url(), "--jobs", "1"])
        .args([
            "--wire",
            "v1-get",
            "--formats",
            "json",
            "--snapshots",
            "off",
        ])
        .arg("targets.creates-");
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(summary(&text(&out.stdout)), (4, 0, 0), "{}", shown(&out));
    let reads = front.reads();
    let dropped: Vec<_> = reads.iter().filter(|r| !r.answered).collect();
    assert!(!dropped.is_empty(), "some request met a closed connection");
    for lost in dropped {
        let again = reads
            .iter()
            .find(|r| r.answered && r.bytes == lost.bytes)
            .expect("the same bytes were sent again, and answered");
        assert_ne!(again.connection, lost.connection, "on another connection");
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn a_request_the_target_read_and_acted_on_before_closing_the_connection_is_not_judged() {
    let front = ClosingFront::start(Closing::OnTheSecondRequest { acted: true }).await;
    let dir = case_dir("closed-acted", &[("targets.yaml", &creating_cases(2))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &front.url(), "--jobs", "1"])
        .args([
            "--wire",
            "v1-get",
            "--formats",
            "json",
            "--snapshots",
            "off",
        ])
        .args(["--json"])
        .arg(dir.join("report.json"))
        .arg("targets.creates-");
    let out = output(command).await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "incomplete\n{}", shown(&out));
    assert!(
        stdout.contains("test [Targets] targets.creates-0::json::v1-get ... ok"),
        "the first request of the connection was answered\n{stdout}"
    );
    assert!(
        stdout.contains("not judged: the target closed the connection before answering ("),
        "{stdout}"
    );
    assert!(
        stdout.contains("sent again on a fresh connection, the request was refused as a replay (SignatureNonceUsed): the target had read it and may have acted on it"),
        "{stdout}"
    );
    assert!(
        stderr.contains(
            "createimage-contract: incomplete: 1 passed; 0 failed; 1 not judged; 0 ignored"
        ),
        "{stderr}"
    );
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["runs"][1]["outcome"], "not_judged", "{report:#}");
}
