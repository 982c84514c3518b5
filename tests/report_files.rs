//! The report files of `run`: written whatever the outcome, consistent with
//! the console, readable by a JUnit reader, and free of secrets and of
//! markup a target smuggled in.

mod common;
mod report_support;

use std::collections::BTreeSet;

use common::{path_str, run, shown, temp_dir, text};
use createimage_contract::report::model::OutcomeKind;
use quick_junit::TestCaseStatus;
use report_support::{FakeTarget, Reply, read_report};

/// `(passed, failed, ignored)` from libtest's summary line.
fn libtest_counts(stdout: &str) -> (usize, usize, usize) {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("test result:"))
        .unwrap_or_else(|| panic!("no summary in:\n{stdout}"));
    let count = |word: &str| -> usize {
        let before = line.split(&format!(" {word}")).next().unwrap();
        before.rsplit(' ').next().unwrap().parse().unwrap()
    };
    (count("passed;"), count("failed;"), count("ignored;"))
}

#[test]
fn every_report_is_written_when_runs_fail_and_agrees_with_the_console() {
    let dir = temp_dir("files");
    let (json, junit, html, md, badge) = (
        dir.join("r.json"),
        dir.join("r.xml"),
        dir.join("r.html"),
        dir.join("r.md"),
        dir.join("r.svg"),
    );
    let out = run(&[
        "run",
        "--mutant",
        "image-name-malformed-403",
        "--badge",
        path_str(&badge),
        "--json",
        path_str(&json),
        "--junit",
        path_str(&junit),
        "--html",
        path_str(&html),
        "--markdown",
        path_str(&md),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let (passed, failed, ignored) = libtest_counts(&text(&out.stdout));
    assert!(failed > 0);

    let report = read_report(&json);
    assert!(report.complete);
    assert_eq!(
        (
            report.totals.passed,
            report.totals.failed,
            report.totals.ignored
        ),
        (passed, failed, ignored)
    );
    assert_eq!(report.totals.planned, passed + failed + ignored);
    assert_eq!(
        report.provenance.target.mutant.as_deref(),
        Some("image-name-malformed-403")
    );
    assert!(report.provenance.target.embedded);
    assert!(report.provenance.suite_hash.starts_with("sha256:"));
    let too_short = report
        .runs
        .iter()
        .find(|r| r.id == "image-name.too-short::json::v1-get")
        .unwrap();
    assert_eq!(too_short.outcome, OutcomeKind::Failed);
    let status = too_short
        .failures
        .iter()
        .find(|f| f.what == "status")
        .unwrap();
    assert_eq!(
        (status.expected.as_str(), status.actual.as_str()),
        ("400", "403")
    );
    assert!(
        status
            .location
            .as_deref()
            .unwrap()
            .starts_with("cases/image_name.yaml:")
    );
    assert!(
        too_short
            .diff
            .as_deref()
            .unwrap()
            .contains("+    \"status\": 403")
    );
    assert_eq!(
        too_short.expected[0].code.as_deref(),
        Some("InvalidImageName.Malformed")
    );

    // A JUnit reader sees one testcase per run, a testsuite per area, and
    // the failure's message and diff; then a testsuite `invariants`, one
    // testcase per run-level invariant (none broken here).
    let xml = std::fs::read_to_string(&junit).unwrap();
    let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
    assert_eq!(report.invariants.len(), 5);
    assert_eq!(parsed.tests, report.runs.len() + report.invariants.len());
    assert_eq!(parsed.failures, failed);
    let mut areas: BTreeSet<&str> = report.runs.iter().map(|r| r.area.as_str()).collect();
    areas.insert("invariants");
    let suites: BTreeSet<&str> = parsed.test_suites.iter().map(|s| s.name.as_str()).collect();
    assert_eq!(areas, suites);
    let case = parsed
        .test_suites
        .iter()
        .flat_map(|s| &s.test_cases)
        .find(|c| c.name.as_str() == "image-name.too-short::json::v1-get")
        .unwrap();
    let TestCaseStatus::NonSuccess {
        message,
        description,
        ..
    } = &case.status
    else {
        panic!("not a failure: {:?}", case.status);
    };
    assert_eq!(
        message.as_ref().unwrap().as_str(),
        "status (step `request`): expected 400, actual 403 (and 1 more)"
    );
    assert!(
        description
            .as_ref()
            .unwrap()
            .as_str()
            .contains("+    \"status\": 403")
    );

    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(&format!("{}%", report.score_text())));
    assert!(page.contains("id=\"failure-image-name.too-short::json::v1-get\""));
    // A full run (every request style and format) stays a page a browser
    // opens at once.
    assert!(report.runs.len() > 2000, "{} runs", report.runs.len());
    assert!(
        page.len() < 1_000_000,
        "the HTML report of {} runs is {} bytes, over 1 MB",
        report.runs.len(),
        page.len()
    );
    let summary = std::fs::read_to_string(&md).unwrap();
    assert!(
        summary.starts_with("## CreateImage conformance: **FAILED** — "),
        "{summary}"
    );
    // The table lists failed runs in plan order, with the parts that
    // failed, the expected and the actual status and code: the first one
    // is there.
    let first_failed = report
        .runs
        .iter()
        .find(|r| r.outcome == OutcomeKind::Failed)
        .unwrap();
    let row = format!("| `{}` | {} | `", first_failed.id, first_failed.source);
    let end = format!(
        "| `createimage-contract run --mutant image-name-malformed-403 --exact {}` |",
        first_failed.id
    );
    let line = summary
        .lines()
        .find(|l| l.starts_with(&row))
        .unwrap_or_else(|| panic!("{row}\n{summary}"));
    assert!(line.ends_with(&end), "{line}");
    // The actual answer, then the sentences the expectation rests on.
    assert!(
        line.contains("` | 400 InvalidImageName.Malformed")
            && line.contains("| 403 InvalidImageName.Malformed | CreateImage.md, "),
        "{line}"
    );
    // Under the table, its request as sent and the entry that disputes it.
    let detail = summary
        .split(&format!("#### `{}`\n", first_failed.id))
        .nth(1)
        .unwrap_or_else(|| panic!("no detail of {}\n{summary}", first_failed.id));
    assert!(
        detail.contains(&format!("`{}: {{ dispute: ", first_failed.case_id))
            && detail.contains("- request (step `request`), as sent:"),
        "{detail}"
    );
    let badge = std::fs::read_to_string(&badge).unwrap();
    assert!(
        badge.contains("CreateImage conformance") && badge.contains("#cf222e"),
        "{badge}"
    );
}

#[test]
fn no_report_contains_a_credential_or_a_signature() {
    const SECRET: &str = "KnownSecret-d41d8cd98f00b204";
    const URL_PASSWORD: &str = "UrlPassword-e9800998ecf8427e";
    // A target that leaks everything: the request line (with its
    // signature), and the secret itself, in every answer.
    let target = FakeTarget::start(|head, _| {
        let line = head.lines().next().unwrap_or("").replace('"', "'");
        Reply::Json(
            400,
            format!(
                r#"{{"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E","Code":"Leak","Message":"got {line} with key {SECRET}","Signature":"c2lnbmF0dXJlIQ=="}}"#
            ),
        )
    });
    let dir = temp_dir("secrets");
    let files: Vec<_> = ["r.json", "r.xml", "r.html", "r.md"]
        .iter()
        .map(|f| dir.join(f))
        .collect();
    let target_url = target
        .url
        .replace("http://", &format!("http://user:{URL_PASSWORD}@"));
    let out = run(&[
        "run",
        "--target",
        &target_url,
        "--access-key-id",
        "AKIDEXAMPLE",
        "--access-key-secret",
        SECRET,
        "--snapshots",
        "off",
        "--wire",
        "v1-get,v3",
        "--formats",
        "json",
        "--json",
        path_str(&files[0]),
        "--junit",
        path_str(&files[1]),
        "--html",
        path_str(&files[2]),
        "--markdown",
        path_str(&files[3]),
        "image-name",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let requests = target.requests.lock().unwrap().clone();
    assert!(!requests.is_empty());
    // The signatures that went over the wire, V1 (query) and V3 (header).
    let mut signatures = Vec::new();
    for head in &requests {
        if let Some(start) = head.find("Signature=") {
            let rest = &head[start + "Signature=".len()..];
            let end = rest.find(['&', ' ', '\r', ',']).unwrap_or(rest.len());
            signatures.push(rest[..end].to_string());
        }
    }
    assert!(signatures.len() >= requests.len(), "{requests:?}");
    for file in &files {
        let content = std::fs::read_to_string(file).unwrap();
        for secret in [SECRET, URL_PASSWORD, "c2lnbmF0dXJlIQ=="] {
            assert!(
                !content.contains(secret),
                "{} contains {secret}",
                file.display()
            );
        }
        for signature in &signatures {
            assert!(
                !content.contains(signature.as_str()),
                "{} contains the signature {signature}",
                file.display()
            );
        }
    }
    let report = read_report(&files[0]);
    assert_eq!(report.provenance.target.url, target.url);
    // The first run that sent its request (runs whose accounts the flags
    // leave unbound are not run).
    let leak = report
        .runs
        .iter()
        .map(|r| &r.normalised["request"]["body"]["Message"])
        .find(|m| m.is_string())
        .expect("a run that was answered");
    assert!(leak.as_str().unwrap().contains("<redacted>"), "{leak}");
}

#[test]
fn text_a_target_sends_is_escaped_in_the_html_report() {
    let target = FakeTarget::start(|_, _| {
        Reply::Json(
            400,
            r#"{"RequestId":"473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E","Code":"<script>alert('code')</script>","Message":"<img src=x onerror=alert(1)>"}"#.to_string(),
        )
    });
    let dir = temp_dir("escape");
    let html = dir.join("r.html");
    let out = run(&[
        "run",
        "--target",
        &target.url,
        "--access-key-id",
        "AKIDEXAMPLE",
        "--access-key-secret",
        "secret-for-escape-test",
        "--snapshots",
        "off",
        "--formats",
        "json",
        "--html",
        path_str(&html),
        "image-name.too-short",
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(!page.contains("<script"), "unescaped script");
    assert!(!page.contains("<img"), "unescaped image");
    assert!(
        page.contains("&lt;script&gt;alert"),
        "the code is shown, escaped"
    );
}
