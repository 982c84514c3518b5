//! Golden files of what the command prints: the console of `run` (a passing
//! run, a failing run with one failure of each kind, the requests of
//! tampered steps, a run whose failure is disputed and ends with the
//! gate's verdict, a transport failure, a run not judged, a bad case file), `list`, `coverage`, `readings`, `mutants` over two
//! mutants, and the JSON, JUnit and HTML reports of a small fixed run. The
//! Markdown summary and the badge are pinned from a fixed report by
//! `tests/report_golden.rs`.
//!
//! Each snapshot holds the exit code, stdout and stderr (or the report
//! file), after [`REDACTIONS`]: ports, temporary paths, dates, durations,
//! the suite hash, the harness version and ids. A change to any output is a
//! reviewed snapshot change: `INSTA_UPDATE=always cargo test --test
//! cli_golden` rewrites them (review the diff); `.ci/run` sets
//! `INSTA_UPDATE=no`, so a missing or different snapshot fails there.

mod common;
#[path = "support/hostile.rs"]
mod hostile;

use std::path::{Path, PathBuf};
use std::process::Output;

use common::{binary, path_str, temp_dir, text};
use regex::Regex;

/// What varies from one invocation to the next, in the order it is
/// replaced; new rules go at the end so that accepted snapshots stay valid.
const REDACTIONS: &[(&str, &str)] = &[
    (r"127\.0\.0\.1:\d+", "127.0.0.1:[port]"),
    (
        r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z",
        "[timestamp]",
    ),
    (r"sha256:[0-9a-f]{12,64}", "sha256:[suite-hash]"),
    (r"finished in \d+(\.\d+)?s", "finished in [duration]"),
    (r#""duration_ms": \d+(\.\d+)?"#, r#""duration_ms": "[ms]""#),
    (r#"time="\d+(\.\d+)?""#, r#"time="[s]""#),
    (r"\b\d+(\.\d+)? ms\b", "[ms]"),
    (
        r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}",
        "[request-id]",
    ),
    (r"\bm-[0-9a-z]{20}\b", "[image-id]"),
    // What a failing step's request shows: its nonce (hex-32), its
    // percent-encoded timestamp, and a `{{unique}}` value.
    (r"\b[0-9a-f]{32}\b", "[nonce]"),
    (r"\d{4}-\d{2}-\d{2}T\d{2}%3A\d{2}%3A\d{2}Z", "[timestamp]"),
    (r"\bct[0-9a-f]{16}\b", "[unique]"),
];

/// `output` with the temporary directory `dir`, the project's directory,
/// the harness version and every pattern of [`REDACTIONS`] replaced.
fn redact(output: &str, dir: Option<&Path>) -> String {
    let mut output = match dir {
        Some(dir) => output.replace(path_str(dir), "[tmp]"),
        None => output.to_string(),
    };
    output = output.replace(env!("CARGO_MANIFEST_DIR"), "[project]");
    output = output.replace(
        &format!("createimage-contract {}", env!("CARGO_PKG_VERSION")),
        "createimage-contract [version]",
    );
    output = Regex::new(&format!(
        r#"("harness_version": |name="harness_version" value=)"{}""#,
        regex::escape(env!("CARGO_PKG_VERSION"))
    ))
    .unwrap()
    .replace_all(&output, r#"$1"[version]""#)
    .into_owned();
    for (pattern, replacement) in REDACTIONS {
        output = Regex::new(pattern)
            .unwrap()
            .replace_all(&output, *replacement)
            .into_owned();
    }
    output
}

/// The exit code and both streams, redacted.
fn console(out: &Output, dir: Option<&Path>) -> String {
    redact(
        &format!(
            "exit: {:?}\n--- stdout\n{}\n--- stderr\n{}",
            out.status.code(),
            text(&out.stdout),
            text(&out.stderr)
        ),
        dir,
    )
}

/// Runs the binary from the crate root (the project's `cases/` and
/// `snapshots/`).
fn in_project(args: &[&str]) -> String {
    let out = binary().args(args).output().expect("the binary starts");
    console(&out, None)
}

const FIXTURES: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/cases/fixtures.yaml");

/// A temporary checkout: `cases/golden.yaml` holding `cases`, and an empty
/// snapshot set `snapshots/`.
struct Checkout {
    dir: PathBuf,
}

impl Checkout {
    fn new(name: &str, cases: &str) -> Checkout {
        let dir = temp_dir(name);
        std::fs::create_dir_all(dir.join("cases")).unwrap();
        std::fs::create_dir_all(dir.join("snapshots")).unwrap();
        std::fs::write(dir.join("cases/golden.yaml"), cases).unwrap();
        Checkout { dir }
    }

    /// `run --cases cases --fixtures <the project's> --snapshots-dir
    /// snapshots ARGS…` from the checkout.
    fn run(&self, args: &[&str]) -> Output {
        binary()
            .current_dir(&self.dir)
            .args(["run", "--cases", "cases", "--fixtures", FIXTURES])
            .args(["--snapshots-dir", "snapshots"])
            .args(args)
            .output()
            .expect("the binary starts")
    }

    fn console(&self, out: &Output) -> String {
        console(out, Some(&self.dir))
    }

    fn read(&self, file: &str) -> String {
        redact(
            &std::fs::read_to_string(self.dir.join(file)).unwrap(),
            Some(&self.dir),
        )
    }
}

impl Drop for Checkout {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// One case per kind of failed expectation, against the embedded emulator
/// (which answers each `400 InvalidImageName.Malformed`, and creates the
/// image of `golden.traced`), and one that passes. `golden.traced` fails an expectation the documents fix (its
/// sentences are printed), `golden.readings` a `one_of` of documented
/// readings (every accepted answer is printed); the others assert what no
/// sentence fixes for their request (printed as the suite's reading). Only `golden.snapshot` has a snapshot (see [`WRONG_SNAPSHOT`]).
const FAILING_CASES: &str = r#"area: Golden
cases:
  - id: golden.passes
    rule: ImageName.length
    snapshot: false
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect: { status: 400, code: InvalidImageName.Malformed }
  - id: golden.status
    rule: ImageName.length
    snapshot: false
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect:
      status: 403
  - id: golden.code
    rule: ImageName.length
    snapshot: false
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect:
      code: InvalidImageName.Duplicated
  - id: golden.message
    rule: ImageName.length
    snapshot: false
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect:
      message: The image name is too short.
  - id: golden.body
    rule: ImageName.length
    snapshot: false
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect:
      body:
        ImageId: { is: present }
  - id: golden.snapshot
    rule: ImageName.length
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect:
      status: 400
  - id: golden.traced
    rule: ImageName.length
    snapshot: false
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: "{{unique}}" }
    expect:
      status: 400
      code: InvalidImageName.Malformed
      message: The specified Image name is wrongly formed.
  - id: golden.readings
    rule: ImageName.characters
    snapshot: false
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect:
      one_of:
        - { reading: parameter-table, status: 200 }
        - { reading: error-table, status: 404, code: InvalidSnapshotId.NotFound }
"#;

/// The accepted snapshot of `golden.snapshot` in JSON, with a message the
/// emulator does not send.
const WRONG_SNAPSHOT: &str = r#"---
source: "cases/golden.yaml"
expression: "golden.snapshot::json"
---
{
  "request": {
    "status": 400,
    "content_type": "application/json;charset=utf-8",
    "root": null,
    "body": {
      "RequestId": "<request-id:1>",
      "HostId": "ecs.aliyuncs.com",
      "Code": "InvalidImageName.Malformed",
      "Message": "The specified Image name is badly formed.",
      "Recommend": "https://api.aliyun.com/troubleshoot?q=InvalidImageName.Malformed&product=Ecs&requestId=<request-id:1>"
    }
  }
}
"#;

fn failing_checkout(name: &str) -> Checkout {
    let checkout = Checkout::new(name, FAILING_CASES);
    std::fs::write(
        checkout.dir.join("snapshots/golden.snapshot.json.snap"),
        WRONG_SNAPSHOT,
    )
    .unwrap();
    checkout
}

#[test]
fn run_prints_a_line_per_run_and_the_summary_when_every_run_passes() {
    insta::assert_snapshot!(
        "run_passing",
        in_project(&[
            "run",
            "--formats",
            "json,xml",
            "--wire",
            "v1-get,v3",
            "image-name.too-short",
        ])
    );
}

#[test]
fn run_prints_each_broken_expectation_at_its_case_line_status_code_message_body_and_snapshot() {
    let checkout = failing_checkout("golden-failing");
    let out = checkout.run(&["--formats", "json", "--wire", "v1-get", "golden."]);
    assert_eq!(out.status.code(), Some(1), "{}", checkout.console(&out));
    insta::assert_snapshot!("run_failing", checkout.console(&out));
}

#[test]
fn run_prints_a_transport_failure_with_its_reason_at_the_request() {
    let checkout = failing_checkout("golden-transport");
    let server = hostile::HostileServer::start(hostile::Fault::SilenceAfterHeaders);
    let out = checkout.run(&[
        "--target",
        &server.url(),
        "--timeout",
        "2",
        "--formats",
        "json",
        "--wire",
        "v1-get",
        "--exact",
        "golden.passes::json::v1-get",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", checkout.console(&out));
    insta::assert_snapshot!("run_transport", checkout.console(&out));
}

#[test]
fn run_prints_a_run_it_cannot_judge_apart_from_failures_with_the_reason() {
    let checkout = failing_checkout("golden-not-judged");
    let out = checkout.run(&[
        "--target",
        &hostile::refused_url(),
        "--timeout",
        "2",
        "--formats",
        "json",
        "--wire",
        "v1-get",
        "--exact",
        "golden.passes::json::v1-get",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", checkout.console(&out));
    insta::assert_snapshot!("run_not_judged", checkout.console(&out));
}

/// Two steps damaged after signing, by an STS account: a V3 request with
/// a form body its `x-acs-content-sha256` does not match, and a V1 form
/// with a parameter appended to the signed body. The emulator refuses
/// both; the cases expect a success, so each failure shows its request.
const TAMPERING_CASES: &str = r#"area: Golden
cases:
  - id: golden.v3-body-not-hashed
    rule: Gateway.signature
    account: sts
    snapshot: false
    wire: [v3]
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: golden-image }
    tamper: { append_to_body: { Description: not hashed } }
    expect: { status: 200 }
  - id: golden.form-appended
    rule: Gateway.signature
    account: sts
    snapshot: false
    wire: [v1-post-form]
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: golden-image }
    tamper: { append: { Description: not signed } }
    expect: { status: 200 }
"#;

#[test]
fn a_failed_run_shows_its_request_as_sent_after_tampering_with_the_security_token_redacted() {
    let checkout = Checkout::new("golden-tampering", TAMPERING_CASES);
    let out = checkout.run(&["--formats", "json", "golden."]);
    let console = checkout.console(&out);
    assert_eq!(out.status.code(), Some(1), "{console}");
    assert!(
        !console.contains("emulator-sts-security-token"),
        "{console}"
    );
    insta::assert_snapshot!("run_tampering", console);
}

#[test]
fn a_run_whose_every_failure_is_disputed_ends_with_the_gate_verdict() {
    let checkout = failing_checkout("golden-disputed");
    std::fs::write(
        checkout.dir.join("expected.yaml"),
        "golden.status: { dispute: \"wire-protocol.md §5 gives no status for this\" }\n",
    )
    .unwrap();
    let out = checkout.run(&[
        "--formats",
        "json",
        "--wire",
        "v1-get",
        "--expected-failures",
        "expected.yaml",
        "golden.status",
    ]);
    let console = checkout.console(&out);
    assert_eq!(out.status.code(), Some(0), "{console}");
    assert!(
        console.trim_end().ends_with(
            "createimage-contract: passed: the gate passed with 1 disputed run, no new failure (libtest's \"test result: FAILED\" above counts the listed runs)"
        ),
        "{console}"
    );
    insta::assert_snapshot!("run_disputed", console);
}

#[test]
fn a_bad_case_file_is_reported_at_file_line_col_with_a_hint_and_nothing_runs() {
    let checkout = Checkout::new(
        "golden-bad-case-file",
        "area: Golden\ncases:\n  - id: golden.typo\n    rule: ImageName.lenght\n    reqest: { ImageName: a }\n    expect: { status: 400 }\n",
    );
    let out = checkout.run(&[]);
    assert_eq!(out.status.code(), Some(2), "{}", checkout.console(&out));
    insta::assert_snapshot!("bad_case_file", checkout.console(&out));
}

#[test]
fn list_prints_id_rule_and_location_of_every_case() {
    insta::assert_snapshot!("list", in_project(&["list"]));
}

#[test]
fn coverage_prints_the_cases_of_every_rule_class_and_error_row() {
    insta::assert_snapshot!("coverage", in_project(&["coverage"]));
}

#[test]
fn readings_prints_every_ambiguity_with_its_choices_and_default() {
    insta::assert_snapshot!("readings", in_project(&["readings"]));
}

#[test]
fn mutants_prints_a_line_per_mutant_with_the_expectation_that_killed_it() {
    insta::assert_snapshot!(
        "mutants",
        in_project(&["mutants", "image-name-max-127", "image-name-malformed-403"])
    );
}

/// A small fixed run for the reports: `golden.passes` and `golden.status`,
/// in both formats over V1 GET.
fn reported_run(name: &str) -> Checkout {
    let checkout = failing_checkout(name);
    let out = checkout.run(&[
        "--formats",
        "json,xml",
        "--wire",
        "v1-get",
        "--skip",
        "golden.code",
        "--skip",
        "golden.message",
        "--skip",
        "golden.body",
        "--skip",
        "golden.snapshot",
        "--json",
        "report.json",
        "--junit",
        "report.xml",
        "--html",
        "report.html",
        "golden.",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", checkout.console(&out));
    checkout
}

#[test]
fn the_json_junit_and_html_reports_of_a_small_run_are_as_accepted() {
    let checkout = reported_run("golden-reports");
    insta::assert_snapshot!("report_json", checkout.read("report.json"));
    insta::assert_snapshot!("report_junit", checkout.read("report.xml"));
    insta::assert_snapshot!("report_html", checkout.read("report.html"));
}

#[test]
fn redaction_replaces_ports_dates_durations_hashes_versions_ids_and_paths() {
    let dir = Path::new("/tmp/cic-golden-42");
    let raw = format!(
        "http://127.0.0.1:41234 /tmp/cic-golden-42/cases/golden.yaml \
         2026-12-06T21:43:15.011Z sha256:55e4ba3058a6 finished in 0.03s \
         \"duration_ms\": 10.587 time=\"0.029\" <code>29 ms</code> \
         5D3E8B1C-0A2F-4B6E-9C7D-1E2F3A4B5C6D m-0123456789abcdefghij \
         createimage-contract {v} \"harness_version\": \"{v}\" \
         {project}/cases/fixtures.yaml",
        v = env!("CARGO_PKG_VERSION"),
        project = env!("CARGO_MANIFEST_DIR")
    );
    assert_eq!(
        redact(&raw, Some(dir)),
        "http://127.0.0.1:[port] [tmp]/cases/golden.yaml \
         [timestamp] sha256:[suite-hash] finished in [duration] \
         \"duration_ms\": \"[ms]\" time=\"[s]\" <code>[ms]</code> \
         [request-id] [image-id] \
         createimage-contract [version] \"harness_version\": \"[version]\" \
         [project]/cases/fixtures.yaml"
    );
}

/// A broken run-level invariant: the mutant `image-id-from-parameters`
/// gives the two creates of `response.success-from-a-mapping` (JSON and
/// XML, the same parameters, no name) one `ImageId`. Every answer passes
/// its case; the console, the Markdown summary and the JUnit report name
/// the invariant, the runs and the sentences, and the exit code is 1.
#[test]
fn a_broken_invariant_is_printed_with_its_runs_and_sentences_and_fails_the_run() {
    let dir = temp_dir("golden-invariant");
    let markdown = dir.join("summary.md");
    let junit = dir.join("report.xml");
    let out = binary()
        .args([
            "run",
            "--mutant",
            "image-id-from-parameters",
            "--formats",
            "json,xml",
            "--wire",
            "v1-get",
            "--markdown",
            path_str(&markdown),
            "--junit",
            path_str(&junit),
            "response.success-from-a-mapping",
        ])
        .output()
        .expect("the binary starts");
    assert_eq!(out.status.code(), Some(1), "{}", console(&out, Some(&dir)));
    insta::assert_snapshot!("run_invariant_broken", console(&out, Some(&dir)));
    let read = |path: &Path| redact(&std::fs::read_to_string(path).unwrap(), Some(&dir));
    insta::assert_snapshot!("run_invariant_broken_markdown", read(&markdown));
    insta::assert_snapshot!("run_invariant_broken_junit", read(&junit));
    let _ = std::fs::remove_dir_all(&dir);
}
