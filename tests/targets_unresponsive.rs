//! A target that answers nothing ends the run fast: when the first 8 runs
//! all get no answer in the same way and no run has had one, the other
//! runs are not run (each not judged, with the reason and `--keep-going`),
//! and `run` exits 1. A target that answers some runs is never cut short.
//! The bounds on time are loose: the binary is the debug build, on a
//! machine shared with other work.

mod common;
#[path = "support/hostile.rs"]
mod hostile;
mod targets_support;

use std::time::{Duration, Instant};

use common::*;
use targets_support::*;

/// A server that accepts every connection, reads what comes, and never
/// answers.
fn silent_server() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("address");
    std::thread::spawn(move || {
        let mut held = Vec::new();
        for stream in listener.incoming().flatten() {
            let mut reader = stream.try_clone().expect("a clone");
            std::thread::spawn(move || {
                let mut sink = [0u8; 4096];
                while matches!(std::io::Read::read(&mut reader, &mut sink), Ok(n) if n > 0) {}
            });
            held.push(stream);
        }
    });
    format!("http://{addr}")
}

/// `run --target URL ARGS…` with the default flags otherwise; the output
/// and how long it took.
async fn run_against(url: &str, args: &[&str]) -> (std::process::Output, Duration) {
    let mut command = binary();
    command.args(["run", "--target", url]).args(args);
    let started = Instant::now();
    let out = output(command).await;
    (out, started.elapsed())
}

const NOT_RUN: &str = "not run: the first 8 runs";
const KEEP_GOING: &str = "(--keep-going sends every run anyway)";

#[tokio::test(flavor = "multi_thread")]
async fn against_a_server_that_never_answers_the_default_run_exits_1_within_30_s() {
    let (out, took) = run_against(&silent_server(), &[]).await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(took < Duration::from_secs(30), "took {took:?}");
    assert_eq!(
        stdout.matches("= actual   timed out after 10 s").count(),
        8,
        "the first 8 runs time out\n{stdout}"
    );
    assert!(
        stdout.contains(&format!(
            "ignored ({NOT_RUN} timed out waiting for an answer, and no run had an answer {KEEP_GOING})"
        )),
        "{stdout}"
    );
    assert!(
        stderr.contains(&format!(
            "runs): {NOT_RUN} timed out waiting for an answer, and no run had an answer {KEEP_GOING}"
        )),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn against_a_closed_port_the_default_run_exits_1_at_once() {
    let (out, took) = run_against(&hostile::refused_url(), &[]).await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    // 2 s for the release build; the debug build parses and plans slower.
    assert!(took < Duration::from_secs(10), "took {took:?}");
    assert!(
        stdout.contains("not judged: cannot connect to http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(
        stderr.contains("createimage-contract: incomplete: 0 passed; 0 failed; "),
        "{stderr}"
    );
    assert!(
        stderr.contains(&format!(
            "runs): {NOT_RUN} could not reach the target, and no run had an answer {KEEP_GOING}"
        )),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn with_keep_going_every_run_is_sent_to_a_closed_port() {
    let (out, _) = run_against(
        &hostile::refused_url(),
        &["--keep-going", "--wire", "v1-get", "image-name."],
    )
    .await;
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(!stdout.contains("not run"), "{stdout}");
    let refused = stdout.matches("not judged: cannot connect to").count();
    assert!(refused > 8, "{refused} runs sent\n{stdout}");
    assert!(
        stderr.contains(&format!("not judged ({refused} runs): cannot connect to")),
        "{stderr}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn a_target_that_answers_some_runs_and_times_out_on_others_is_not_cut_short() {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let answered = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let app = axum::Router::new().fallback(move || {
        let answered = answered.clone();
        async move {
            if answered.swap(true, std::sync::atomic::Ordering::SeqCst) {
                tokio::time::sleep(Duration::from_secs(3600)).await;
            }
            (
                [(axum::http::header::CONTENT_TYPE, "application/json")],
                CREATED,
            )
        }
    });
    tokio::spawn(async move { axum::serve(listener, app).await });
    let dir = case_dir("answers-some", &[("targets.yaml", &creating_cases(12))]);
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .args(["--target", &format!("http://{addr}"), "--timeout", "1"])
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
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(!stdout.contains("not run"), "{stdout}");
    assert!(
        stdout.contains("test result: FAILED. 1 passed; 11 failed; 0 ignored"),
        "{stdout}"
    );
    assert_eq!(
        stdout.matches("timed out after 1 s").count(),
        11,
        "{stdout}"
    );
}
