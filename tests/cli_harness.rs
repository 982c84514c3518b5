//! End-to-end tests of the `createimage-contract` command: exit codes, what
//! a failure says, and what happens with broken input or a dead target.

mod common;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::{Served, run, temp_dir, text};

/// The libtest line that reports the run `name`.
fn run_line<'a>(stdout: &'a str, name: &str) -> &'a str {
    stdout
        .lines()
        .find(|l| l.starts_with("test ") && l.split_whitespace().any(|w| w == name))
        .unwrap_or_else(|| panic!("no line for {name} in:\n{stdout}"))
}

fn manifest() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/fixtures.yaml")
}

#[test]
fn a_mutant_that_answers_403_for_a_malformed_name_fails_the_name_cases_with_exit_1() {
    let out = run(&[
        "run",
        "--mutant",
        "image-name-malformed-403",
        "--formats",
        "json",
        "--snapshots",
        "off",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}\n{}",
        text(&out.stderr)
    );
    assert!(
        run_line(&stdout, "image-name.too-short::json::v1-get").ends_with("FAILED"),
        "{stdout}"
    );
    assert!(
        stdout.contains("error: status (step `request`)"),
        "{stdout}"
    );
    assert!(stdout.contains("^ expected 400"), "{stdout}");
    assert!(stdout.contains("= actual   403"), "{stdout}");
    assert!(stdout.contains("cases/image_name.yaml:"), "{stdout}");
    // Cases about other rules are untouched by this fault.
    assert!(
        run_line(&stdout, "source.missing-all-three::json::v1-get").ends_with("ok"),
        "{stdout}"
    );
}

#[test]
fn a_broken_case_file_is_rejected_with_file_line_col_before_any_request() {
    let dir = temp_dir("broken");
    std::fs::write(
        dir.join("broken.yaml"),
        "area: Broken\ncases:\n  - id: broken.one\n    rule: X\n    reqest: {}\n    expect: { status: 400 }\n",
    )
    .unwrap();
    let out = run(&[
        "run",
        "--cases",
        dir.to_str().unwrap(),
        "--fixtures",
        manifest().to_str().unwrap(),
    ]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("broken.yaml:5:5"), "{stderr}");
    assert!(stderr.contains("    reqest: {}"), "{stderr}");
    assert!(stderr.contains("did you mean `request`"), "{stderr}");
    assert!(text(&out.stdout).is_empty(), "no run may start");
}

#[test]
fn a_closed_port_fails_every_run_with_the_reason_in_bounded_time() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let started = Instant::now();
    let out = run(&[
        "run",
        "--target",
        &format!("http://127.0.0.1:{port}"),
        "--timeout",
        "2",
        "--snapshots",
        "off",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(started.elapsed() < Duration::from_secs(60));
    assert!(stdout.contains(" 0 passed"), "{stdout}");
    assert!(
        stdout.contains("cannot connect to http://127.0.0.1:"),
        "{stdout}"
    );
    assert!(!stdout.contains("... ok"), "{stdout}");
}

#[test]
fn list_prints_id_rule_and_location_of_every_case() {
    let out = run(&["list"]);
    assert_eq!(out.status.code(), Some(0));
    let stdout = text(&out.stdout);
    let line = stdout
        .lines()
        .find(|l| l.starts_with("image-name.too-short\t"))
        .expect("the case is listed");
    assert!(
        line.contains("\tImageName.length\tcases/image_name.yaml:"),
        "{line}"
    );
}

#[test]
fn libtest_list_and_exact_filter_select_runs_by_name() {
    let out = run(&[
        "run",
        "--list",
        "--exact",
        "image-name.too-short::xml::v1-get",
    ]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    assert_eq!(
        stdout.lines().filter(|l| l.ends_with(": test")).count(),
        1,
        "{stdout}"
    );
}

#[test]
fn libtest_json_output_is_not_broken_by_anything_else_on_stdout() {
    let out = run(&[
        "run",
        "--format",
        "json",
        "-Z",
        "unstable-options",
        "image-name",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    for line in text(&out.stdout).lines() {
        serde_json::from_str::<serde_json::Value>(line)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
    }
}

#[test]
fn serve_answers_signed_requests_and_run_passes_against_it() {
    let served = Served::start(&[]);
    let out = run(&["run", "--target", &served.url, "image-name"]);
    let status = served.interrupt();
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(
        status.success(),
        "serve stops cleanly on Ctrl-C: {status:?}"
    );
}
