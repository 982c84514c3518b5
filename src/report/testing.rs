//! Small reports for the report modules' own tests.

use serde_json::Value;

use super::model::{
    FailureEntry, OutcomeKind, Provenance, QuoteEntry, ReferenceEntry, Report, RunEntry,
    RunOptions, TargetInfo, Totals,
};

/// A run with nothing but its id and outcome.
pub fn run(id: &str, outcome: OutcomeKind) -> RunEntry {
    RunEntry {
        id: id.to_string(),
        position: 0,
        case_id: id.split("::").next().unwrap_or(id).to_string(),
        area: "Area".into(),
        rules: vec![],
        tags: vec![],
        source: "cases/a.yaml:1:3".into(),
        format: "json".into(),
        wire: "v1-get".into(),
        outcome,
        reason: None,
        readings: vec![],
        expected: vec![],
        failures: vec![],
        requests: vec![],
        normalised: Value::Null,
        diff: None,
        reference: ReferenceEntry::Matched,
        snapshot: None,
        expected_failure: None,
        disputed: false,
        differential: None,
        duration_ms: 1.0,
    }
}

/// A run not judged, "cannot connect", that sent `GET /?Action=CreateImage`.
pub fn not_judged_with_its_request(id: &str) -> RunEntry {
    let mut unreached = run(id, OutcomeKind::NotJudged);
    unreached.reason = Some("cannot connect".into());
    unreached.requests = vec![super::request::RequestEntry::new(
        "request",
        &crate::wire::PreparedRequest {
            method: "GET",
            path_and_query: "/?Action=CreateImage".into(),
            headers: vec![],
            body: vec![],
        },
    )];
    unreached
}

/// A complete report of `runs`, counted.
pub fn report(runs: Vec<RunEntry>) -> Report {
    let mut report = Report {
        schema_version: super::model::SCHEMA_VERSION,
        complete: true,
        provenance: Provenance {
            harness_version: "0.0.0".into(),
            suite_hash: "sha256:00".into(),
            case_count: runs.len(),
            target: TargetInfo {
                url: "http://127.0.0.1:1".into(),
                embedded: false,
                mutant: None,
            },
            against: None,
            options: RunOptions::default(),
            started_at: "2026-01-01T00:00:00Z".into(),
            duration_ms: 0,
            snapshot_sources: vec![],
            shards: vec![],
        },
        totals: Totals {
            planned: runs.len(),
            ..Totals::default()
        },
        gate: None,
        runs,
        invariants: Vec::new(),
    };
    report.recount();
    report
}

/// One passed and one failed run, whose failure's actual value is `actual`.
pub fn report_with_failure(actual: &str) -> Report {
    let mut failed = run("b.case::json::v1-get", OutcomeKind::Failed);
    failed.failures.push(FailureEntry {
        step: "request".into(),
        what: "message".into(),
        expected: "\"x\"".into(),
        actual: actual.to_string(),
        location: Some("cases/a.yaml:9:16".into()),
        detail: Some(format!("-old\n+{actual}")),
        because: vec![QuoteEntry {
            doc: "CreateImage.md".into(),
            place: "Error codes".into(),
            quote: "|400|InvalidImageName.Malformed|The specified Image name is wrongly formed.|"
                .into(),
        }],
        ..FailureEntry::default()
    });
    report(vec![
        run("a.case::json::v1-get", OutcomeKind::Passed),
        failed,
    ])
}
