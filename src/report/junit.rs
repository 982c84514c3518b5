//! The JUnit XML report (`--junit FILE`), written with `quick-junit`.
//!
//! One `<testsuite>` per area (in suite order), one `<testcase>` per run
//! (`name` = the run id, `classname` = the area). A failed run carries a
//! `<failure>` whose message is its first broken expectation and whose text
//! is every failure with its snapshot diff. Ignored runs are `<skipped>` with
//! the reason; so are failures listed in the expected-failures file (the
//! gate does not count them), with the reason and the failure text. A run
//! not judged is an `<error>` (type `not_judged`, the reason as its
//! message): never a pass, and apart from the failures. Each suite carries
//! the provenance as properties.

use quick_junit::{NonSuccessKind, Property, TestCase, TestCaseStatus, TestSuite};

use super::model::{OutcomeKind, ReferenceEntry, Report, RunEntry};
use super::reference::{advisory_difference, readings_text};
use crate::check::invariants::{Judgement, Status};

/// The report as JUnit XML.
pub fn render(report: &Report) -> Result<String, String> {
    let mut junit = quick_junit::Report::new("createimage-contract");
    junit.set_time(std::time::Duration::from_millis(
        report.provenance.duration_ms,
    ));
    let mut suites: Vec<TestSuite> = Vec::new();
    for run in &report.runs {
        let index = match suites.iter().position(|s| s.name.as_str() == run.area) {
            Some(index) => index,
            None => {
                let mut suite = TestSuite::new(run.area.as_str());
                suite.add_properties(properties(report));
                suites.push(suite);
                suites.len() - 1
            }
        };
        suites[index].add_test_case(test_case(run));
    }
    if !report.invariants.is_empty() {
        let mut suite = TestSuite::new("invariants");
        suite.add_properties(properties(report));
        for judgement in &report.invariants {
            suite.add_test_case(invariant_case(judgement));
        }
        suites.push(suite);
    }
    junit.add_test_suites(suites);
    junit
        .to_string()
        .map_err(|e| format!("cannot write the JUnit report: {e}"))
}

fn properties(report: &Report) -> Vec<Property> {
    let p = &report.provenance;
    vec![
        Property::new("harness_version", p.harness_version.as_str()),
        Property::new("suite_hash", p.suite_hash.as_str()),
        Property::new("target", p.target.url.as_str()),
        Property::new("started_at", p.started_at.as_str()),
        Property::new("complete", report.complete.to_string()),
    ]
}

/// A run-level invariant as a test case: passed when held, failed with
/// its breaches and sentences when broken, skipped when not exercised.
fn invariant_case(judgement: &Judgement) -> TestCase {
    let status = match judgement.status {
        Status::Held => TestCaseStatus::success(),
        Status::NotExercised => {
            let mut status = TestCaseStatus::skipped();
            status.set_message("not exercised: no answer it ranges over");
            status
        }
        Status::Broken => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            status.set_message(format!("{} broken: {}", judgement.id, judgement.statement));
            status.set_type("invariant");
            status.set_description(crate::check::invariants::console_block(
                std::slice::from_ref(judgement),
            ));
            status
        }
    };
    let mut case = TestCase::new(judgement.id.as_str(), status);
    case.set_classname("invariants");
    case
}

fn test_case(run: &RunEntry) -> TestCase {
    let status = match (run.outcome, &run.expected_failure) {
        (OutcomeKind::Passed, _) => TestCaseStatus::success(),
        (OutcomeKind::Ignored, _) => {
            let mut status = TestCaseStatus::skipped();
            status.set_message(format!(
                "ignored: {}",
                run.reason.as_deref().unwrap_or("not executed")
            ));
            status
        }
        (OutcomeKind::NotJudged, _) => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Error);
            status.set_message(format!(
                "not judged: {}",
                run.reason.as_deref().unwrap_or("no reason given")
            ));
            if !run.requests.is_empty() {
                status.set_description(run.requests_text());
            }
            status.set_type("not_judged");
            status
        }
        (OutcomeKind::Failed, Some(reason)) => {
            let mut status = TestCaseStatus::skipped();
            let kind = if run.disputed {
                "disputed"
            } else {
                "expected failure"
            };
            status.set_message(format!("{kind}: {reason}"));
            status.set_description(run.failure_text());
            status
        }
        (OutcomeKind::Failed, None) => {
            let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
            let first = run.failures.first();
            let message = match (first, run.failures.len()) {
                (Some(f), 1) => f.one_line(),
                (Some(f), n) => format!("{} (and {} more)", f.one_line(), n - 1),
                (None, _) => "failed".to_string(),
            };
            status.set_message(message);
            if let Some(f) = first {
                status.set_type(f.what.as_str());
            }
            status.set_description(run.failure_text());
            status
        }
    };
    let mut case = TestCase::new(run.id.as_str(), status);
    case.set_classname(run.area.as_str());
    case.set_time(std::time::Duration::from_secs_f64(
        (run.duration_ms / 1000.0).max(0.0),
    ));
    let mut out = Vec::new();
    if let Some(diff) = advisory_difference(run) {
        out.push(format!(
            "differs from the reference snapshot (advisory, not a failure):\n{diff}"
        ));
    }
    if let ReferenceEntry::OtherReading { recorded, matched } = &run.reference {
        out.push(format!(
            "other reading: {} (the snapshot recorded {}); not compared",
            readings_text(matched),
            readings_text(recorded)
        ));
    }
    if let Some(d) = &run.differential
        && let Some(diff) = &d.diff
    {
        out.push(format!("the second target answered differently:\n{diff}"));
    }
    if !out.is_empty() {
        case.set_system_out(out.join("\n"));
    }
    case
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report, run};

    fn status_of<'a>(parsed: &'a quick_junit::Report, id: &str) -> &'a TestCaseStatus {
        &parsed
            .test_suites
            .iter()
            .flat_map(|s| &s.test_cases)
            .find(|c| c.name.as_str() == id)
            .unwrap()
            .status
    }

    #[test]
    fn an_advisory_reference_difference_is_system_out_not_a_failure() {
        let mut differs = run("a::json::v1-get", OutcomeKind::Passed);
        differs.reference = ReferenceEntry::Differs {
            diff: "-old\n+new\n".into(),
        };
        let xml = render(&report(vec![differs])).unwrap();
        let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
        assert_eq!((parsed.tests, parsed.failures), (1, 0));
        let case = &parsed.test_suites[0].test_cases[0];
        assert!(matches!(case.status, TestCaseStatus::Success { .. }));
        let out = case.system_out.as_ref().unwrap().as_str();
        assert!(
            out.starts_with("differs from the reference snapshot"),
            "{out}"
        );
        assert!(out.contains("+new"), "{out}");
    }

    #[test]
    fn a_failure_text_shows_the_request_as_sent_and_the_entry_that_disputes_it() {
        let mut failed = run("a.case::json::v1-get", OutcomeKind::Failed);
        failed.failures = vec![crate::report::model::FailureEntry {
            what: "code".into(),
            untraced: true,
            ..Default::default()
        }];
        failed.requests = vec![crate::report::request::RequestEntry::new(
            "request",
            &crate::wire::PreparedRequest {
                method: "GET",
                path_and_query: "/?Action=CreateImage&Extra=1".into(),
                headers: vec![],
                body: vec![],
            },
        )];
        let xml = render(&report(vec![failed])).unwrap();
        let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
        let TestCaseStatus::NonSuccess { description, .. } =
            status_of(&parsed, "a.case::json::v1-get")
        else {
            panic!("not a failure");
        };
        let text = description.as_ref().unwrap().as_str();
        assert!(
            text.contains("request (step `request`), as sent:\n    GET /?Action=CreateImage&Extra=1 HTTP/1.1\n"),
            "{text}"
        );
        assert!(text.contains("add `a.case: { dispute: \"…\" }`"), "{text}");
    }

    #[test]
    fn a_run_not_judged_is_an_error_with_its_reason_apart_from_failures() {
        let mut throttled = run("a::json::v1-get", OutcomeKind::NotJudged);
        throttled.reason = Some("the target throttled this run after 3 retries".into());
        let xml = render(&report(vec![
            throttled,
            run("b::json::v1-get", OutcomeKind::Failed),
        ]))
        .unwrap();
        let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
        assert_eq!((parsed.tests, parsed.failures, parsed.errors), (2, 1, 1));
        let TestCaseStatus::NonSuccess {
            kind: NonSuccessKind::Error,
            message,
            ty,
            ..
        } = status_of(&parsed, "a::json::v1-get")
        else {
            panic!("not an error");
        };
        assert_eq!(
            message.as_ref().unwrap().as_str(),
            "not judged: the target throttled this run after 3 retries"
        );
        assert_eq!(ty.as_ref().unwrap().as_str(), "not_judged");
    }

    #[test]
    fn ignored_runs_and_listed_failures_are_skipped_with_their_reason() {
        let mut ignored = run("a::json::v1-get", OutcomeKind::Ignored);
        ignored.reason = Some("fixture `snapshot.system` is not bound for this target".into());
        let mut listed = run("b::json::v1-get", OutcomeKind::Failed);
        listed.expected_failure = Some("TICKET-12".into());
        let new = run("c::json::v1-get", OutcomeKind::Failed);
        let xml = render(&report(vec![ignored, listed, new])).unwrap();
        let parsed = quick_junit::Report::deserialize_from_str(&xml).unwrap();
        assert_eq!((parsed.tests, parsed.failures), (3, 1));
        let TestCaseStatus::Skipped { message, .. } = status_of(&parsed, "a::json::v1-get") else {
            panic!("not skipped");
        };
        assert_eq!(
            message.as_ref().unwrap().as_str(),
            "ignored: fixture `snapshot.system` is not bound for this target"
        );
        let TestCaseStatus::Skipped { message, .. } = status_of(&parsed, "b::json::v1-get") else {
            panic!("not skipped");
        };
        assert_eq!(
            message.as_ref().unwrap().as_str(),
            "expected failure: TICKET-12"
        );
        assert!(matches!(
            status_of(&parsed, "c::json::v1-get"),
            TestCaseStatus::NonSuccess { .. }
        ));
    }
}
