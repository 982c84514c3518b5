//! Golden files of the human report formats: the Markdown summary and the
//! badge of a small report built with fixed values (no ports, dates or
//! durations that vary), compared with `tests/snapshots/` by insta
//! (`INSTA_UPDATE=always cargo test --test report_golden` rewrites them;
//! review the diff).

use createimage_contract::report::model::{
    ExpectedStep, FailureEntry, OutcomeKind, Provenance, QuoteEntry, ReadingChoice, ReferenceEntry,
    Report, RunEntry, RunOptions, SCHEMA_VERSION, TargetInfo, Totals,
};
use createimage_contract::report::{badge, markdown};
use serde_json::json;

fn run(case: &str, area: &str, rule: &str, format: &str, wire: &str) -> RunEntry {
    RunEntry {
        id: format!("{case}::{format}::{wire}"),
        position: 0,
        case_id: case.into(),
        area: area.into(),
        rules: vec![rule.into()],
        tags: vec![],
        source: format!("cases/{}.yaml:8:5", area.to_lowercase()),
        format: format.into(),
        wire: wire.into(),
        outcome: OutcomeKind::Passed,
        reason: None,
        readings: vec![],
        expected: vec![],
        failures: vec![],
        requests: vec![],
        normalised: serde_json::Value::Null,
        diff: None,
        reference: ReferenceEntry::Matched,
        snapshot: None,
        expected_failure: None,
        disputed: false,
        differential: None,
        duration_ms: 1.0,
    }
}

/// Five runs over two areas: one failure (a wrong code), one ignored run,
/// one run that chose a documented reading, one that differs from the
/// reference in its message.
fn fixed_report() -> Report {
    let mut failed = run(
        "image-name.too-short",
        "ImageName",
        "ImageName.length",
        "json",
        "v1-get",
    );
    failed.outcome = OutcomeKind::Failed;
    failed.expected = vec![ExpectedStep {
        step: "request".into(),
        reading: None,
        status: Some(400),
        code: Some("InvalidImageName.Malformed".into()),
        message: None,
    }];
    failed.failures = vec![FailureEntry {
        step: "request".into(),
        what: "status".into(),
        expected: "400".into(),
        actual: "403".into(),
        location: Some("cases/imagename.yaml:15:15".into()),
        detail: None,
        because: vec![
            QuoteEntry {
                doc: "CreateImage.md".into(),
                place: "Request parameters, ImageName".into(),
                quote: "The name must be 2 to 128 characters in length".into(),
            },
            QuoteEntry {
                doc: "CreateImage.md".into(),
                place: "Error codes".into(),
                quote:
                    "|400|InvalidImageName.Malformed|The specified Image name is wrongly formed.|"
                        .into(),
            },
        ],
        ..FailureEntry::default()
    }];
    failed.normalised = json!({
        "request": { "status": 403, "body": { "Code": "InvalidImageName.Malformed" } }
    });
    let mut reading = run(
        "device.vd-on-basic-disk",
        "DiskDeviceMapping",
        "DiskDeviceMapping.Device.format",
        "xml",
        "v3",
    );
    reading.tags = vec!["ambiguity:device-names".into()];
    reading.readings = vec![ReadingChoice {
        step: "request".into(),
        reading: "parameter-table".into(),
    }];
    let mut differs = run(
        "image-name.longest-allowed",
        "ImageName",
        "ImageName.length",
        "xml",
        "v1-get",
    );
    differs.reference = ReferenceEntry::Differs {
        diff: "--- accepted snapshot\n+++ actual answer\n@@ -3 +3 @@\n-    \"Message\": \"a\"\n+    \"Message\": \"b\"\n".into(),
    };
    let mut ignored = run(
        "account.no-balance",
        "Accounts",
        "Account.balance",
        "json",
        "v1-get",
    );
    ignored.outcome = OutcomeKind::Ignored;
    ignored.reason = Some("unbound account `no-balance`".into());
    let runs = vec![
        failed,
        run(
            "image-name.too-short",
            "ImageName",
            "ImageName.length",
            "xml",
            "v1-get",
        ),
        differs,
        reading,
        ignored,
    ];
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        complete: true,
        provenance: Provenance {
            harness_version: "0.1.0".into(),
            suite_hash: "sha256:0123456789abcdef0123456789abcdef".into(),
            case_count: 4,
            target: TargetInfo {
                url: "https://ecs.example.invalid".into(),
                embedded: false,
                mutant: None,
            },
            against: None,
            options: RunOptions::default(),
            started_at: "2026-01-02T03:04:05Z".into(),
            duration_ms: 1234,
            snapshot_sources: vec![],
            shards: vec![],
        },
        totals: Totals {
            planned: 5,
            ..Totals::default()
        },
        gate: None,
        runs,
        invariants: Vec::new(),
    };
    report.recount();
    report
}

#[test]
fn the_markdown_summary_of_a_small_report_is_as_accepted() {
    insta::assert_snapshot!("markdown", markdown::render(&fixed_report()));
}

#[test]
fn the_badge_of_a_failing_report_is_red_with_the_score_rounded_down() {
    insta::assert_snapshot!("badge_failed", badge::render(&fixed_report()));
}

#[test]
fn the_badge_of_a_passing_report_is_green_at_100() {
    let mut report = fixed_report();
    report.runs.remove(0);
    report.recount();
    insta::assert_snapshot!("badge_passed", badge::render(&report));
}
