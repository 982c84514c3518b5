//! The harness against targets that misbehave on the wire: every run fails
//! (exit 1, nothing passed) with a one-line reason naming the fault, the
//! process never panics, each invocation ends in bounded time, and a huge
//! body is cut at the documented cap (`runner::target::MAX_BODY_BYTES`).
//! No complete answer is a `transport` failure; an answer that is not JSON
//! or XML as labelled is a `decode` failure (an expectation of the case).
//! A target that cannot be reached at all is no verdict: its runs are not
//! judged, and the exit code is still 1.

#[path = "support/hostile.rs"]
mod hostile;

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use hostile::{Fault, HostileServer, refused_url};

/// Two cases in two formats over one request style: four runs per
/// invocation.
const FILTER: &str = "image-name.too-";
const RUNS: usize = 4;
/// Far above the 2 s request timeout, far below a hang.
const BOUND: Duration = Duration::from_secs(40);

struct Outcome {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    elapsed: Duration,
}

fn run_against(url: &str) -> Outcome {
    let started = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_createimage-contract"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CI", "1")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .stdin(Stdio::null())
        .args([
            "run",
            "--target",
            url,
            "--timeout",
            "2",
            "--snapshots",
            "off",
            "--wire",
            "v1-get",
            FILTER,
        ])
        .output()
        .expect("the binary starts");
    Outcome {
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        elapsed: started.elapsed(),
    }
}

/// No complete answer.
const TRANSPORT: &str = "transport";
/// An answer that is not JSON or XML as labelled.
const DECODE: &str = "decode";

/// The reason of every failure of `kind`: the `= actual` line after each
/// `error: KIND`.
fn reasons_of(kind: &str, stdout: &str) -> Vec<String> {
    let heading = format!("error: {kind} ");
    let mut reasons = Vec::new();
    let mut in_kind = false;
    for line in stdout.lines() {
        if line.starts_with("error: ") {
            in_kind = line.starts_with(&heading);
        } else if in_kind && let Some((_, reason)) = line.split_once("= actual ") {
            reasons.push(reason.trim().to_string());
            in_kind = false;
        }
    }
    reasons
}

/// Runs the filter against `url` and checks the guarantees; every run fails
/// with one `kind` failure whose reason contains each of `needles`.
fn assert_every_run_fails_naming(url: &str, kind: &str, needles: &[&str]) {
    let out = run_against(url);
    let all = format!("stdout:\n{}\nstderr:\n{}", out.stdout, out.stderr);
    assert_eq!(out.code, Some(1), "{all}");
    assert!(out.stdout.contains(" 0 passed"), "{all}");
    assert!(out.stdout.contains(&format!("{RUNS} failed")), "{all}");
    assert!(!out.stderr.contains("panicked"), "{all}");
    assert!(out.elapsed < BOUND, "took {:?}\n{all}", out.elapsed);
    let reasons = reasons_of(kind, &out.stdout);
    assert_eq!(reasons.len(), RUNS, "one {kind} reason per run\n{all}");
    for reason in &reasons {
        for needle in needles {
            assert!(
                reason.contains(needle),
                "reason {reason:?} does not name {needle:?}\n{all}"
            );
        }
    }
}

fn against(fault: Fault, kind: &str, needles: &[&str]) {
    let server = HostileServer::start(fault);
    assert_every_run_fails_naming(&server.url(), kind, needles);
}

#[test]
fn a_refused_connection_says_it_cannot_connect_and_leaves_every_run_not_judged() {
    let out = run_against(&refused_url());
    let all = format!("stdout:\n{}\nstderr:\n{}", out.stdout, out.stderr);
    assert_eq!(out.code, Some(1), "{all}");
    assert!(out.elapsed < BOUND, "took {:?}\n{all}", out.elapsed);
    assert!(
        !out.stdout.contains("error: "),
        "no broken expectation\n{all}"
    );
    let reasons: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|line| line.strip_prefix("not judged: "))
        .collect();
    assert_eq!(reasons.len(), RUNS, "{all}");
    for reason in reasons {
        assert!(reason.starts_with("cannot connect to"), "{reason}");
        assert!(reason.contains("refused"), "{reason}");
    }
    assert!(
        out.stderr
            .contains("createimage-contract: incomplete: 0 passed; 0 failed; 4 not judged"),
        "{all}"
    );
}

#[test]
fn a_reset_in_the_middle_of_the_body_says_the_connection_failed() {
    against(
        Fault::ResetMidBody,
        TRANSPORT,
        &["connection failed while reading the body"],
    );
}

#[test]
fn headers_then_silence_times_out() {
    against(
        Fault::SilenceAfterHeaders,
        TRANSPORT,
        &["timed out after 2 s"],
    );
}

#[test]
fn a_50_mib_body_is_cut_at_the_documented_limit() {
    against(Fault::HugeBody, TRANSPORT, &["exceeds the 1 MiB limit"]);
}

#[test]
fn a_50_mib_body_without_a_length_stops_being_read_at_the_limit() {
    against(
        Fault::HugeUndeclaredBody,
        TRANSPORT,
        &["exceeds the 1 MiB limit", "stopped reading"],
    );
}

#[test]
fn invalid_utf8_says_not_utf8() {
    against(Fault::InvalidUtf8, DECODE, &["not valid UTF-8"]);
}

#[test]
fn truncated_json_says_truncated_json() {
    against(Fault::TruncatedJson, DECODE, &["truncated JSON"]);
}

#[test]
fn truncated_xml_says_truncated_xml() {
    against(Fault::TruncatedXml, DECODE, &["truncated XML"]);
}

#[test]
fn an_html_502_page_says_status_and_neither_json_nor_xml() {
    against(
        Fault::HtmlBadGateway,
        DECODE,
        &["status 502", "text/html", "neither JSON nor XML"],
    );
}

#[test]
fn a_wrong_content_type_says_it_is_neither_json_nor_xml() {
    against(
        Fault::WrongContentType,
        DECODE,
        &["content type `text/plain` is neither JSON nor XML"],
    );
}

#[test]
fn a_redirect_loop_says_it_was_redirected_and_is_not_followed() {
    against(
        Fault::RedirectLoop,
        TRANSPORT,
        &["redirected with status 302", "does not follow redirects"],
    );
}

#[test]
fn no_body_at_all_says_empty_body() {
    against(Fault::NoBody, DECODE, &["empty body"]);
}

#[test]
fn a_slow_trickle_of_bytes_times_out() {
    against(Fault::Trickle, TRANSPORT, &["timed out after 2 s"]);
}
