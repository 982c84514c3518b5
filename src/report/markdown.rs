//! The Markdown summary (`--markdown FILE`), for `$GITHUB_STEP_SUMMARY` or
//! a pull request comment: the verdict line; the target and suite; the
//! counts per contract area; why runs were not judged, when some were; the
//! gate; the first [`MAX_FAILURES`] failures
//! with their case, expected and actual status and code, and the command
//! that reproduces each; the readings chosen where a contradiction was exercised; the
//! differences from the reference counted by field; the runs a second
//! target answered differently.
//!
//! The layout is link-free (tables, lists and code spans only), and every
//! piece of text is made safe for a table cell ([`cell`]).

use std::fmt::Write as _;

use serde_json::Value;

use super::digest::{self, Verdict};
use super::gate::dispute_hint;
use super::model::{OutcomeKind, Report, RunEntry, informational_note};

/// Failures listed; the rest are counted.
pub const MAX_FAILURES: usize = 20;

/// Runs of a differential run listed; the rest are counted.
const MAX_DIFFERENTIAL: usize = 30;

pub fn render(report: &Report) -> String {
    let mut out = String::new();
    verdict(&mut out, report);
    areas(&mut out, report);
    not_judged(&mut out, report);
    gate(&mut out, report);
    invariants(&mut out, report);
    failures(&mut out, report);
    disputed(&mut out, report);
    readings(&mut out, report);
    differences(&mut out, report);
    differential(&mut out, report);
    out
}

fn verdict(out: &mut String, report: &Report) {
    let t = &report.totals;
    let p = &report.provenance;
    let _ = writeln!(
        out,
        "## CreateImage conformance: {} — {}% ({} of {} passed, {} ignored{}){}\n",
        match Verdict::of(report) {
            Verdict::Passed => "passed",
            Verdict::Failed => "**FAILED**",
            Verdict::Incomplete => "**INCOMPLETE**",
            Verdict::NothingTested => "nothing tested",
        },
        report.score_text(),
        t.passed,
        runs(t.passed + t.failed),
        t.ignored,
        if t.not_judged > 0 {
            format!(", {} not judged", t.not_judged)
        } else {
            String::new()
        },
        if report.complete {
            ""
        } else {
            " — INCOMPLETE (interrupted)"
        }
    );
    let _ = writeln!(
        out,
        "Target `{}`{} · suite `{}` ({} cases) · createimage-contract {} · {}\n",
        cell(&p.target.url),
        p.target
            .mutant
            .as_ref()
            .map(|m| format!(" (mutant `{}`)", cell(m)))
            .unwrap_or_default(),
        short_hash(&p.suite_hash),
        p.case_count,
        cell(&p.harness_version),
        cell(&p.started_at),
    );
}

fn areas(out: &mut String, report: &Report) {
    let areas = digest::areas(report);
    if areas.is_empty() {
        return;
    }
    // A column of runs not judged only when there are some.
    let t = &report.totals;
    let judged = |count: usize| {
        if t.not_judged > 0 {
            format!(" {count} |")
        } else {
            String::new()
        }
    };
    let _ = writeln!(
        out,
        "| area | passed | failed |{} ignored |",
        if t.not_judged > 0 {
            " not judged |"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "|---|---:|---:|{}---:|",
        if t.not_judged > 0 { "---:|" } else { "" }
    );
    for area in &areas {
        let _ = writeln!(
            out,
            "| {} | {} | {} |{} {} |",
            cell(&area.area),
            area.passed,
            area.failed,
            judged(area.not_judged),
            area.ignored
        );
    }
    let _ = writeln!(
        out,
        "| **all** | **{}** | **{}** |{} **{}** |\n",
        t.passed,
        t.failed,
        if t.not_judged > 0 {
            format!(" **{}** |", t.not_judged)
        } else {
            String::new()
        },
        t.ignored
    );
}

/// Reasons listed for runs not judged; the rest are counted.
const MAX_REASONS: usize = 10;

/// Why runs were not judged: each reason once, with its count.
fn not_judged(out: &mut String, report: &Report) {
    let reasons = report.not_judged_reasons();
    if reasons.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### Not judged ({})\n\nNeither passed nor failed: the verdict is incomplete.\n",
        report.totals.not_judged
    );
    for (reason, count) in reasons.iter().take(MAX_REASONS) {
        let _ = writeln!(out, "- {}: {}", runs(*count), cell(reason));
        if let Some(run) = report.first_not_judged(reason)
            && let Some(request) = run.requests.first()
        {
            let _ = writeln!(
                out,
                "\n  the request of `{}` (step `{}`, {}), as sent:\n",
                cell(&run.id),
                cell(&request.step),
                cell(&run.source)
            );
            fenced(out, &request.lines().join("\n"));
        }
    }
    if reasons.len() > MAX_REASONS {
        let _ = writeln!(
            out,
            "- … and {} other reasons (every run is in the JSON and HTML reports)",
            reasons.len() - MAX_REASONS
        );
    }
    out.push('\n');
}

fn gate(out: &mut String, report: &Report) {
    let Some(gate) = &report.gate else { return };
    let _ = writeln!(
        out,
        "### Gate: {}\n\n{} expected · {} new · {} stale{} · {} listed but not run\n",
        if gate.passed { "passed" } else { "**FAILED**" },
        gate.expected.len(),
        gate.new.len(),
        gate.stale.len(),
        if gate.strict { " (strict)" } else { "" },
        gate.not_run.len(),
    );
    for id in &gate.stale {
        let _ = writeln!(out, "- stale: `{}`", cell(id));
    }
    if !gate.stale.is_empty() {
        out.push('\n');
    }
}

/// One row per run-level invariant; each broken one with its breaches,
/// the runs that break it, and the sentences that fix it.
fn invariants(out: &mut String, report: &Report) {
    if report.invariants.is_empty() {
        return;
    }
    let broken = report.invariants_broken();
    let _ = writeln!(
        out,
        "### Invariants: {}\n\n| invariant | status | answers | cases |\n|---|---|---|---|",
        if broken == 0 {
            "none broken".to_string()
        } else {
            format!("**{broken} BROKEN**")
        }
    );
    for j in &report.invariants {
        let _ = writeln!(
            out,
            "| `{}` | {} | {} | {} |",
            cell(&j.id),
            cell(&crate::check::invariants::status_word(j)),
            j.observed,
            j.cases.len()
        );
    }
    out.push('\n');
    for j in report.invariants.iter().filter(|j| j.broken()) {
        let _ = writeln!(
            out,
            "- **`{}` broken**: {}",
            cell(&j.id),
            cell(&j.statement)
        );
        for b in j.breaches.iter().take(MAX_FAILURES) {
            let _ = writeln!(
                out,
                "  - `{}`: {} — runs {}",
                cell(&b.value),
                cell(&b.detail),
                b.runs
                    .iter()
                    .map(|r| format!("`{}`", cell(r)))
                    .collect::<Vec<_>>()
                    .join(", ")
            );
        }
        if j.breaches.len() > MAX_FAILURES {
            let _ = writeln!(out, "  - … and {} more", j.breaches.len() - MAX_FAILURES);
        }
        for line in j.because.lines() {
            let _ = writeln!(out, "  - because {}", cell(line));
        }
    }
    if broken > 0 {
        out.push('\n');
    }
}

fn failures(out: &mut String, report: &Report) {
    let failed: Vec<&RunEntry> = report
        .runs
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Failed)
        .collect();
    if failed.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Failures ({})\n", failed.len());
    let _ = writeln!(
        out,
        "| run | case | failed | expected | actual | because | reproduce |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|");
    for run in failed.iter().take(MAX_FAILURES) {
        let (expected, actual) = codes(run);
        let _ = writeln!(
            out,
            "| `{}`{}{} | {} | {} | {} | {} | {} | `{}` |",
            cell(&run.id),
            match (&run.expected_failure, run.disputed) {
                (Some(_), true) => " (disputed)",
                (Some(_), false) => " (expected)",
                (None, _) => "",
            },
            if informational_note(&run.tags).is_some() {
                " (informational)"
            } else {
                ""
            },
            cell(&run.source),
            parts(run),
            cell(&expected),
            cell(&actual),
            cell(&because(run)),
            cell(&digest::reproduce(report, run)),
        );
    }
    if failed.len() > MAX_FAILURES {
        let _ = writeln!(
            out,
            "\n… and {} more (every failure is in the JSON and HTML reports).",
            failed.len() - MAX_FAILURES
        );
    }
    out.push('\n');
    for run in failed.iter().take(MAX_FAILURES) {
        failure_detail(out, run);
    }
}

/// The parts of the answer a run failed on, each once, as code spans
/// (`` `status` (step `request`), `body.ImageId` ``).
fn parts(run: &RunEntry) -> String {
    let mut parts: Vec<String> = Vec::new();
    for failure in &run.failures {
        let part = if failure.step == "request" {
            format!("`{}`", cell(&failure.what))
        } else {
            format!("`{}` (step `{}`)", cell(&failure.what), cell(&failure.step))
        };
        if !parts.contains(&part) {
            parts.push(part);
        }
    }
    parts.join(", ")
}

/// Under the table, for one failed run: what an `informational` tag
/// means, how to dispute the run (when it is not listed), and the request
/// of each failing step as it was sent.
fn failure_detail(out: &mut String, run: &RunEntry) {
    let _ = writeln!(out, "#### `{}`\n", cell(&run.id));
    if let Some(note) = informational_note(&run.tags) {
        let _ = writeln!(out, "- {note} (docs/cases.md)");
    }
    if run.disputable() {
        let _ = writeln!(out, "- {}", dispute_hint(&cell(&run.case_id)));
    }
    for request in &run.requests {
        let _ = writeln!(
            out,
            "- request (step `{}`), as sent:\n",
            cell(&request.step)
        );
        fenced(out, &request.lines().join("\n"));
    }
    out.push('\n');
}

/// `text` in a fenced code block whose fence no line of `text` can close.
fn fenced(out: &mut String, text: &str) {
    let mut longest = 0;
    let mut run = 0;
    for c in text.chars() {
        run = if c == '`' { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    let fence = "`".repeat((longest + 1).max(3));
    let _ = writeln!(out, "  {fence}http");
    for line in text.lines() {
        let _ = writeln!(out, "  {line}");
    }
    let _ = writeln!(out, "  {fence}");
}

/// The runs whose case the target's author disputes: the sentence the case
/// rests on and the dispute, side by side, one row per case.
fn disputed(out: &mut String, report: &Report) {
    let mut cases: Vec<(&RunEntry, usize)> = Vec::new();
    for run in report
        .runs
        .iter()
        .filter(|r| r.disputed && r.outcome == OutcomeKind::Failed)
    {
        match cases
            .iter_mut()
            .find(|(first, _)| first.case_id == run.case_id)
        {
            Some((_, runs)) => *runs += 1,
            None => cases.push((run, 1)),
        }
    }
    if cases.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Disputed ({} cases)\n", cases.len());
    let _ = writeln!(out, "| case | runs | the suite rests on | the dispute |");
    let _ = writeln!(out, "|---|---|---|---|");
    for (run, runs) in cases {
        let _ = writeln!(
            out,
            "| `{}` | {runs} | {} | {} |",
            cell(&run.case_id),
            cell(&because(run)),
            cell(run.expected_failure.as_deref().unwrap_or("")),
        );
    }
    out.push('\n');
}

/// The sentences behind a failed run's first broken expectation, each as
/// `DOC, PLACE: "QUOTE"`, joined by `; `; the answers a `one_of` accepts;
/// or that no sentence fixes it.
fn because(run: &RunEntry) -> String {
    let Some(first) = run.failures.iter().find(|f| !f.why_lines().is_empty()) else {
        return String::new();
    };
    let mut parts: Vec<String> = first.sentences().iter().map(ToString::to_string).collect();
    parts.extend(first.accepted.iter().map(|a| format!("accepts {a}")));
    if first.untraced {
        parts.push(crate::report::model::UNTRACED.to_owned());
    }
    parts.join("; ")
}

/// The expected and the actual status and code of a failed run's first
/// failing step (`400 InvalidImageName.Malformed`; readings joined by
/// `or`); the first failure's own expected and actual values when the step
/// expects no status or code.
fn codes(run: &RunEntry) -> (String, String) {
    let Some(first) = run.failures.first() else {
        return (String::new(), String::new());
    };
    let pair = |status: Option<u64>, code: Option<&str>| {
        let parts: Vec<String> = status
            .map(|s| s.to_string())
            .into_iter()
            .chain(code.map(str::to_string))
            .collect();
        parts.join(" ")
    };
    let expected: Vec<String> = run
        .expected
        .iter()
        .filter(|e| e.step == first.step && (e.status.is_some() || e.code.is_some()))
        .map(|e| pair(e.status.map(u64::from), e.code.as_deref()))
        .collect();
    let answer = &run.normalised[first.step.as_str()];
    let actual = pair(
        answer["status"].as_u64(),
        answer["body"]["Code"].as_str().or(match &answer["body"] {
            Value::Object(body) => body.get("Error").and_then(|e| e["Code"].as_str()),
            _ => None,
        }),
    );
    if expected.is_empty() || actual.is_empty() {
        return (first.expected.clone(), first.actual.clone());
    }
    (expected.join(" or "), actual)
}

fn readings(out: &mut String, report: &Report) {
    let tally = digest::readings(report);
    let exercised: Vec<_> = tally
        .ambiguities
        .iter()
        .filter(|a| a.chosen().next().is_some() || a.matched_none > 0)
        .collect();
    if exercised.is_empty() {
        return;
    }
    let _ = writeln!(out, "### Readings chosen\n");
    let _ = writeln!(
        out,
        "| contradiction | reference reading | this target matched |"
    );
    let _ = writeln!(out, "|---|---|---|");
    for entry in exercised {
        let mut matched: Vec<String> = entry
            .chosen()
            .map(|(choice, runs)| format!("`{}` × {runs}", cell(choice)))
            .collect();
        if entry.matched_none > 0 {
            matched.push(format!(
                "**no documented reading** × {}",
                entry.matched_none
            ));
        }
        let _ = writeln!(
            out,
            "| `{}` | `{}` | {} |",
            cell(entry.ambiguity.id),
            cell(entry.ambiguity.default_reading().choice),
            matched.join(", ")
        );
    }
    out.push('\n');
}

fn differences(out: &mut String, report: &Report) {
    let groups = digest::differences(report);
    if groups.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "### Differences from the reference ({})\n",
        runs(report.totals.reference_differs)
    );
    let _ = writeln!(out, "| field | runs | for example |");
    let _ = writeln!(out, "|---|---:|---|");
    for group in &groups {
        let _ = writeln!(
            out,
            "| `{}` | {} | `{}` |",
            cell(&group.field),
            group.runs,
            cell(&group.example_run)
        );
    }
    out.push('\n');
}

fn differential(out: &mut String, report: &Report) {
    let Some(against) = &report.provenance.against else {
        return;
    };
    let differing = super::digest::differing(report);
    let _ = writeln!(
        out,
        "### Against `{}`: {} runs answered differently\n",
        cell(&against.url),
        differing.len()
    );
    for run in differing.iter().take(MAX_DIFFERENTIAL) {
        let _ = writeln!(out, "- `{}`", cell(&run.id));
    }
    if differing.len() > MAX_DIFFERENTIAL {
        let _ = writeln!(out, "\n… and {} more.", differing.len() - MAX_DIFFERENTIAL);
    }
}

/// Text safe inside a table cell or code span: no pipes, newlines,
/// backticks or HTML.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('`', "'")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// `1 run`, `2 runs`.
fn runs(count: usize) -> String {
    format!("{count} run{}", if count == 1 { "" } else { "s" })
}

fn short_hash(hash: &str) -> String {
    hash.chars().take(7 + 12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{ExpectedStep, FailureEntry};
    use crate::report::testing::{report, run};

    #[test]
    fn table_cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(cell("a|b\n<script>`x`"), "a\\|b &lt;script&gt;'x'");
    }

    #[test]
    fn a_failure_row_shows_the_expected_and_the_actual_status_and_code() {
        let mut failed = run("a::json::v1-get", OutcomeKind::Failed);
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
            location: None,
            detail: None,
            untraced: true,
            ..FailureEntry::default()
        }];
        failed.normalised = serde_json::json!({
            "request": { "status": 403, "body": { "Code": "Forbidden.RAM" } }
        });
        assert_eq!(
            codes(&failed),
            (
                "400 InvalidImageName.Malformed".into(),
                "403 Forbidden.RAM".into()
            )
        );
        let text = render(&report(vec![failed]));
        assert!(text.contains("| `a::json::v1-get` | cases/a.yaml:1:3 | `status` | 400 InvalidImageName.Malformed | 403 Forbidden.RAM | (no sentence of the documents fixes this: it is the suite's reading, open to dispute) | `createimage-contract run --target http://127.0.0.1:1 --exact a::json::v1-get` |"), "{text}");
    }

    #[test]
    fn only_the_first_twenty_failures_are_listed_and_the_rest_counted() {
        let runs = (0..25)
            .map(|i| run(&format!("c{i}::json::v1-get"), OutcomeKind::Failed))
            .collect();
        let text = render(&report(runs));
        assert!(text.contains("`c19::json::v1-get`"));
        assert!(!text.contains("`c20::json::v1-get`"));
        assert!(text.contains("… and 5 more"));
    }

    #[test]
    fn a_disputed_case_is_shown_once_with_the_sentence_beside_the_dispute() {
        let failed = |id: &str| {
            let mut run = run(id, OutcomeKind::Failed);
            run.expected_failure = Some("I read §5 otherwise".into());
            run.disputed = true;
            run.failures = vec![FailureEntry {
                what: "code".into(),
                because: vec![crate::report::model::QuoteEntry {
                    doc: "wire-protocol.md".into(),
                    place: "§5 Gateway errors".into(),
                    quote: "| IncompleteSignature | 400 |".into(),
                }],
                ..FailureEntry::default()
            }];
            run
        };
        let text = render(&report(vec![
            failed("a::json::v1-get"),
            failed("a::xml::v3"),
        ]));
        assert!(text.contains("### Disputed (1 cases)"), "{text}");
        assert!(
            text.contains("| `a` | 2 | wire-protocol.md, §5 Gateway errors: \"\\| IncompleteSignature \\| 400 \\|\" | I read §5 otherwise |"),
            "{text}"
        );
        assert!(text.contains("| `a::json::v1-get` (disputed) |"), "{text}");
    }

    #[test]
    fn a_failure_row_names_the_part_of_the_answer_that_failed() {
        let mut failed = run("a::json::v1-get", OutcomeKind::Failed);
        failed.failures = vec![FailureEntry {
            step: "request".into(),
            what: "body.ImageId".into(),
            expected: "absent".into(),
            actual: "m-0123".into(),
            ..FailureEntry::default()
        }];
        let text = render(&report(vec![failed]));
        assert!(
            text.contains("| `body.ImageId` | absent | m-0123 |"),
            "{text}"
        );
    }

    #[test]
    fn under_each_failure_are_its_request_as_sent_and_the_entry_that_disputes_it() {
        let mut failed = run("gateway.appended::json::v1-get", OutcomeKind::Failed);
        failed.tags = vec!["informational".into()];
        failed.failures = vec![FailureEntry {
            what: "body.ImageId".into(),
            untraced: true,
            ..FailureEntry::default()
        }];
        failed.requests = vec![crate::report::request::RequestEntry::new(
            "request",
            &crate::wire::PreparedRequest {
                method: "GET",
                path_and_query: "/?Action=CreateImage&Extra=1".into(),
                headers: vec![("accept".into(), "application/json".into())],
                body: vec![],
            },
        )];
        let text = render(&report(vec![failed]));
        assert!(
            text.contains("| `gateway.appended::json::v1-get` (informational) |"),
            "{text}"
        );
        assert!(
            text.contains(
                "#### `gateway.appended::json::v1-get`\n\n- informational case: the documents fix no single answer here, so it asserts a refusal only"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "- to dispute: add `gateway.appended: { dispute: \"…\" }` (your reading of the sentence) to the --expected-failures file; see docs/disputes.md\n"
            ),
            "{text}"
        );
        assert!(
            text.contains(
                "- request (step `request`), as sent:\n\n  ```http\n  GET /?Action=CreateImage&Extra=1 HTTP/1.1\n  accept: application/json\n  ```\n"
            ),
            "{text}"
        );
    }

    #[test]
    fn a_reason_runs_were_not_judged_for_shows_the_request_of_its_first_run() {
        let unreached = crate::report::testing::not_judged_with_its_request("a::json::v1-get");
        let text = render(&report(vec![unreached]));
        assert!(
            text.contains("- 1 run: cannot connect\n\n  the request of `a::json::v1-get` (step `request`, cases/a.yaml:1:3), as sent:\n\n  ```http\n  GET /?Action=CreateImage HTTP/1.1\n  ```\n"),
            "{text}"
        );
    }

    #[test]
    fn a_listed_failure_has_no_dispute_hint() {
        let mut failed = run("a::json::v1-get", OutcomeKind::Failed);
        failed.expected_failure = Some("TICKET-12".into());
        assert!(!render(&report(vec![failed])).contains("to dispute"));
    }

    #[test]
    fn a_fence_is_longer_than_any_run_of_backticks_in_the_request() {
        let mut out = String::new();
        fenced(&mut out, "a ```` b");
        assert!(out.starts_with("  `````http\n"), "{out}");
    }

    #[test]
    fn the_summary_has_no_links() {
        let text = render(&crate::report::testing::report_with_failure("http://x"));
        assert!(!text.contains("]("), "{text}");
        assert!(!text.contains("<a "), "{text}");
    }
}
