//! The suite passes a conformant target that is not our emulator byte for
//! byte: the emulator behind a proxy that varies every detail the protocol
//! leaves free (`precision_support`: member order, whitespace, escapes,
//! media type spelling, framing, reason phrase, header case, request ids,
//! `HostId`, `Recommend`). The mutants (`tests/mutants.rs`) prove the suite
//! fails broken targets; this proves it passes conformant ones. A failing
//! run here is a precision bug of the harness — an expectation stricter than
//! the contract — to fix in the cases or the checks, never in the proxy.

mod common;
mod precision_support;

use std::process::Output;

use common::{binary, shown, text};
use createimage_contract::emulator;
use createimage_contract::fixtures::Manifest;
use precision_support::proxy::{self, Proxy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// The seed of every answer's variation (any value works; a fixed one keeps
/// a failure reproducible).
const SEED: u64 = 0x0005_eed0_f00d;

/// The emulator, served in process, and the proxy in front of it.
async fn conformant_target() -> (emulator::RunningEmulator, Proxy) {
    let running = emulator::start(
        "127.0.0.1:0".parse().unwrap(),
        &Manifest::builtin(),
        createimage_contract::contract::Rules::reference(),
        None,
    )
    .await
    .expect("the emulator starts");
    let proxy = proxy::start(running.addr, SEED).await;
    (running, proxy)
}

/// `run` against `url` as a user would point it at their own target: the
/// emulator profile's keys and fixture ids (`--target` overrides its
/// endpoint), every request style, then `extra`.
async fn run_suite(url: &str, extra: &[&str]) -> Output {
    let mut command = binary();
    command
        .args([
            "run",
            "--profile",
            "cases/profile.emulator.yaml",
            "--target",
            url,
        ])
        .args(["--wire", "all"])
        .args(extra);
    tokio::task::spawn_blocking(move || command.output().expect("the binary starts"))
        .await
        .expect("the run finishes")
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

/// The failed runs' lines, for the assertion message.
fn failed_runs(stdout: &str) -> String {
    stdout
        .lines()
        .filter(|l| l.ends_with("FAILED"))
        .collect::<Vec<_>>()
        .join("\n")
}

/// Runs the suite through the proxy with `extra` flags and asserts that
/// every run passed and every variant was exercised.
async fn assert_every_run_passes(extra: &[&str]) {
    let (running, proxy) = conformant_target().await;
    let out = run_suite(&proxy.url, extra).await;
    let stdout = text(&out.stdout);
    let (passed, failed, ignored) = summary(&stdout);
    assert!(
        out.status.code() == Some(0) && failed == 0,
        "{failed} runs failed against a conformant target:\n{}\n\n{}\nvariants applied:\n{}",
        failed_runs(&stdout),
        shown(&out),
        proxy.tally.summary()
    );
    assert_eq!(ignored, 0, "every fixture and account is bound: {stdout}");
    assert!(
        passed > 600,
        "the whole suite ran over every style: {passed} runs"
    );
    let never = proxy.tally.never_applied();
    assert!(
        never.is_empty(),
        "the suite never met these variants, so it proved nothing about them: {never:#?}"
    );
    running.shutdown().await;
}

/// The default `run`, snapshots compared as they are by default. A target
/// without a snapshot set of its own is compared with the reference set
/// advisorily: its differences are reported, never failed.
#[tokio::test(flavor = "multi_thread")]
async fn the_default_run_passes_every_run_against_a_conformant_target_that_varies_what_the_protocol_leaves_free()
 {
    assert_every_run_passes(&[]).await;
}

#[tokio::test(flavor = "multi_thread")]
async fn every_expectation_holds_against_a_conformant_target_that_varies_what_the_protocol_leaves_free()
 {
    assert_every_run_passes(&["--snapshots", "off"]).await;
}

/// One raw HTTP/1.1 exchange with the proxy on a connection of its own.
async fn raw_exchange(url: &str) -> String {
    let addr = url.trim_start_matches("http://");
    let mut stream = TcpStream::connect(addr).await.expect("the proxy accepts");
    let request = format!(
        "GET /?Action=CreateImage&Format=JSON HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut answer = Vec::new();
    stream.read_to_end(&mut answer).await.unwrap();
    String::from_utf8(answer).expect("a UTF-8 answer")
}

/// What the raw exchanges must show between them, one marker per variant
/// of the details that only the bytes on the wire reveal.
const WIRE_VARIANTS: [&str; 8] = [
    "standard reason phrase",
    "custom reason phrase",
    "empty reason phrase",
    "chunked",
    "content-length",
    "lowercase field names",
    "Title-Case field names",
    "extra fields",
];

/// The markers of [`WIRE_VARIANTS`] one answer shows.
fn wire_variants(answer: &str) -> Vec<&'static str> {
    let (head, _) = answer.split_once("\r\n\r\n").expect("a head and a body");
    let status = head.lines().next().unwrap_or_default();
    let mut parts = status.splitn(3, ' ');
    let (_, code, reason) = (parts.next(), parts.next(), parts.next().unwrap_or_default());
    let standard = code
        .and_then(|c| c.parse::<u16>().ok())
        .and_then(|c| hyper::StatusCode::from_u16(c).ok())
        .and_then(|c| c.canonical_reason())
        .expect("a known status");
    let lower = head.to_ascii_lowercase();
    [
        (WIRE_VARIANTS[0], reason == standard),
        (WIRE_VARIANTS[1], reason == "Answered By A Proxy"),
        (WIRE_VARIANTS[2], reason.is_empty()),
        (
            WIRE_VARIANTS[3],
            lower.contains("\r\ntransfer-encoding: chunked"),
        ),
        (WIRE_VARIANTS[4], lower.contains("\r\ncontent-length: ")),
        (WIRE_VARIANTS[5], head.contains("\r\ncontent-type: ")),
        (WIRE_VARIANTS[6], head.contains("\r\nContent-Type: ")),
        (WIRE_VARIANTS[7], lower.contains("\r\nx-acs-trace-id: ")),
    ]
    .into_iter()
    .filter_map(|(what, shown)| shown.then_some(what))
    .collect()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_proxy_varies_framing_reason_phrase_and_field_name_case_on_the_wire() {
    let (running, proxy) = conformant_target().await;
    let mut seen: Vec<&str> = Vec::new();
    for _ in 0..40 {
        let answer = raw_exchange(&proxy.url).await;
        let shown = wire_variants(&answer);
        assert_eq!(
            shown
                .iter()
                .filter(|v| v.ends_with("reason phrase"))
                .count(),
            1,
            "{answer}"
        );
        assert_ne!(
            shown.contains(&"chunked"),
            shown.contains(&"content-length"),
            "one framing: {answer}"
        );
        seen.extend(shown);
    }
    let missing: Vec<&str> = WIRE_VARIANTS
        .into_iter()
        .filter(|v| !seen.contains(v))
        .collect();
    assert!(missing.is_empty(), "never on the wire: {missing:?}");
    running.shutdown().await;
}
