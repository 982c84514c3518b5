//! Cost control for real clouds: `--rate` spaces requests, `400 Throttling`
//! (and nothing else) is retried a bounded number of times — a run still
//! throttled after them is not judged, never passed nor failed — and
//! `--cleanup` deletes what a run created without ever changing the exit
//! code.

mod common;
mod targets_support;

use std::time::Duration;

use common::*;
use createimage_contract::contract::Rules;
use createimage_contract::emulator;
use createimage_contract::fixtures::Manifest;
use targets_support::*;

#[tokio::test(flavor = "multi_thread")]
async fn rate_spaces_twenty_requests_at_ten_per_second_over_at_least_one_and_a_half_seconds() {
    let (addr, seen) = capturing_server(|_, _| (200, fresh_created())).await;
    let dir = case_dir("rate", &[("targets.yaml", &creating_cases(10))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &format!("http://{addr}"), "--rate", "10"])
        .args([
            "--wire",
            "v1-get",
            "--formats",
            "json,xml",
            "--snapshots",
            "off",
            "targets.",
        ]);
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 20);
    let first = seen.iter().map(|r| r.at).min().unwrap();
    let last = seen.iter().map(|r| r.at).max().unwrap();
    assert!(
        last - first >= Duration::from_millis(1500),
        "20 requests in {:?}",
        last - first
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_throttled_request_is_retried_with_a_fresh_nonce_until_it_succeeds() {
    let (addr, seen) = capturing_server(|n, _| match n {
        0 | 1 => (400, THROTTLED.to_owned()),
        _ => (200, CREATED.to_owned()),
    })
    .await;
    let dir = case_dir("retry", &[("targets.yaml", &creating_cases(1))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &format!("http://{addr}")])
        .args([
            "--wire",
            "v1-get",
            "--formats",
            "json",
            "--snapshots",
            "off",
            "targets.",
        ]);
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let seen = seen.lock().unwrap();
    assert_eq!(seen.len(), 3);
    let nonces: std::collections::BTreeSet<_> = seen
        .iter()
        .map(|r| r.param("SignatureNonce").unwrap())
        .collect();
    assert_eq!(nonces.len(), 3, "each retry is signed anew");
    assert!(seen[1].at - seen[0].at >= Duration::from_millis(500));
}

#[tokio::test(flavor = "multi_thread")]
async fn retries_are_bounded_and_only_throttling_is_retried() {
    let (addr, seen) = capturing_server(|_, _| (400, THROTTLED.to_owned())).await;
    let dir = case_dir("retry-bound", &[("targets.yaml", &creating_cases(1))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &format!("http://{addr}"), "--retries", "1"])
        .args([
            "--wire",
            "v1-get",
            "--formats",
            "json",
            "--snapshots",
            "off",
            "targets.",
        ]);
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert_eq!(seen.lock().unwrap().len(), 2, "the request and one retry");

    let (addr, seen) = capturing_server(|_, _| {
        (
            503,
            THROTTLED
                .replace("Throttling", "ServiceUnavailable")
                .to_owned(),
        )
    })
    .await;
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &format!("http://{addr}")])
        .args([
            "--wire",
            "v1-get",
            "--formats",
            "json",
            "--snapshots",
            "off",
            "targets.",
        ]);
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert_eq!(seen.lock().unwrap().len(), 1, "a 503 is not retried");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_run_still_throttled_after_the_retries_is_not_judged_in_the_console_and_every_report() {
    let (addr, _) = capturing_server(|_, _| (400, THROTTLED.to_owned())).await;
    let dir = case_dir("throttled", &[("targets.yaml", &creating_cases(2))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &format!("http://{addr}"), "--retries", "1"])
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
        .args(["--junit"])
        .arg(dir.join("report.xml"))
        .args(["--html"])
        .arg(dir.join("report.html"))
        .args(["--markdown"])
        .arg(dir.join("report.md"))
        .arg("targets.creates-");
    let out = output(command).await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "incomplete\n{}", shown(&out));
    let reason = "the target throttled this run after 1 retry";
    assert_eq!(
        stdout.matches(&format!("not judged: {reason}")).count(),
        2,
        "{stdout}"
    );
    assert!(
        !stdout.contains("error: "),
        "no broken expectation\n{stdout}"
    );
    assert!(
        stderr.contains(
            "createimage-contract: incomplete: 0 passed; 0 failed; 2 not judged; 0 ignored\n"
        ),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!("  not judged (2 runs): {reason}\n")),
        "{stderr}"
    );

    let read = |file: &str| std::fs::read_to_string(dir.join(file)).unwrap();
    let json: serde_json::Value = serde_json::from_str(&read("report.json")).unwrap();
    assert_eq!(json["totals"]["not_judged"], 2, "{json:#}");
    assert_eq!(json["totals"]["failed"], 0);
    assert_eq!(json["totals"]["passed"], 0);
    for run in json["runs"].as_array().unwrap() {
        assert_eq!(run["outcome"], "not_judged");
        assert_eq!(run["reason"], reason);
        assert_eq!(run["failures"], serde_json::json!([]));
    }
    let junit = read("report.xml");
    assert!(junit.contains(r#"errors="2""#), "{junit}");
    assert!(junit.contains(r#"failures="0""#), "{junit}");
    assert!(
        junit.contains(&format!(
            r#"<error message="not judged: {reason}" type="not_judged""#
        )),
        "{junit}"
    );
    let html = read("report.html");
    assert!(
        html.contains(r#"<div class="verdict incomplete""#),
        "{html}"
    );
    // Each reason with the request of its first run, as sent.
    assert!(
        html.contains(&format!("<li>2 runs: {reason}<p>The request of <code>")),
        "{html}"
    );
    let markdown = read("report.md");
    assert!(
        markdown.starts_with(
            "## CreateImage conformance: **INCOMPLETE** — 100.0% (0 of 0 runs passed, 0 ignored, 2 not judged)"
        ),
        "{markdown}"
    );
    assert!(
        markdown.contains(&format!("- 2 runs: {reason}\n\n  the request of `")),
        "{markdown}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn cleanup_deletes_every_image_the_run_created_from_the_emulator() {
    let running = emulator::start(
        "127.0.0.1:0".parse().unwrap(),
        &Manifest::builtin(),
        Rules::reference(),
        None,
    )
    .await
    .unwrap();
    let target = format!("http://{}", running.addr);
    let subset = ["--formats", "json,xml", "--snapshots", "off", "source"];

    let mut command = binary();
    command.args(["run", "--target", &target]).args(subset);
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let left_by_a_run = running.emulator.store().image_count();
    assert!(left_by_a_run > 0, "the subset creates images");

    let mut command = binary();
    command
        .args(["run", "--target", &target, "--cleanup"])
        .args(subset);
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "cleanup: deleted {left_by_a_run} image(s) this run created"
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("could not delete"), "{stderr}");
    assert_eq!(
        running.emulator.store().image_count(),
        left_by_a_run,
        "only the first run's images are left"
    );
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_cleanup_failure_is_reported_on_stderr_and_leaves_the_exit_code_alone() {
    let (addr, seen) = capturing_server(|_, request| {
        if request.action().as_deref() == Some("DeleteImage") {
            (
                403,
                r#"{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource."}"#.to_owned(),
            )
        } else {
            (200, CREATED.to_owned())
        }
    })
    .await;
    let dir = case_dir("cleanup-fails", &[("targets.yaml", &creating_cases(1))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &format!("http://{addr}"), "--cleanup"])
        .args([
            "--wire",
            "v1-get",
            "--formats",
            "json",
            "--snapshots",
            "off",
            "targets.",
        ]);
    let out = output(command).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert!(
        stderr.contains(
            "cleanup: could not delete m-bp1hu74xiv2jok7936mg: status 403, Forbidden.RAM: User not authorized"
        ),
        "{stderr}"
    );
    let seen = seen.lock().unwrap();
    let delete = seen
        .iter()
        .find(|r| r.action().as_deref() == Some("DeleteImage"))
        .expect("a DeleteImage was sent");
    assert_eq!(
        delete.param("ImageId").as_deref(),
        Some("m-bp1hu74xiv2jok7936mg")
    );
    assert!(delete.param("Signature").is_some());
}
