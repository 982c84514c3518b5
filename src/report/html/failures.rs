//! The failed runs, right after the summary and the matrix, one entry per
//! case and distinct failure: the runs of a case that failed the same way
//! (the same broken expectations, details and diff — typically the four
//! request styles of one format) share one entry, which lists each of
//! them (each with its own `failure-RUN-ID` anchor) and shows, once, the
//! case file and line, every broken expectation (step, what, expected,
//! actual, where the expectation is written), the diffs, the command
//! that reproduces them, and in the first [`DETAILED`] entries the request
//! of each failing step as the first run sent it and the entry that
//! disputes the case. Entries holding the first [`OPEN`] failed runs
//! are shown; the rest sit in a closed `<details>`, so that a target
//! failing everywhere still gets a page that opens quickly.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{failure_anchor, pre};
use crate::report::digest::reproduce;
use crate::report::gate::dispute_entry;
use crate::report::model::{OutcomeKind, Report, RunEntry, informational_note};

/// Failed runs whose entries are shown open.
pub const OPEN: usize = 100;

/// Entries that show their first run's request and the entry that
/// disputes their case; the JSON report holds every failed run's request
/// (the page of a full run stays under 1 MB).
pub const DETAILED: usize = 20;

/// Failed runs of one case that failed the same way, and that way rendered.
pub(super) struct Group<'a> {
    pub runs: Vec<&'a RunEntry>,
    body: String,
}

/// The failed runs, by case in plan order, then by distinct failure.
pub(super) fn groups(report: &Report) -> Vec<Group<'_>> {
    let mut cases: Vec<(&str, Vec<Group>)> = Vec::new();
    for run in report
        .runs
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Failed)
    {
        let at = match cases.iter().position(|(case, _)| *case == run.case_id) {
            Some(at) => at,
            None => {
                cases.push((&run.case_id, Vec::new()));
                cases.len() - 1
            }
        };
        let groups = &mut cases[at].1;
        let body = body(run);
        match groups.iter_mut().find(|g| g.body == body) {
            Some(group) => group.runs.push(run),
            None => groups.push(Group {
                runs: vec![run],
                body,
            }),
        }
    }
    cases.into_iter().flat_map(|(_, groups)| groups).collect()
}

pub fn render(out: &mut String, report: &Report, groups: &[Group]) {
    let failed: usize = groups.iter().map(|g| g.runs.len()).sum();
    let _ = writeln!(
        out,
        "<section id=\"failures\">\n<h2>Failures ({failed})</h2>"
    );
    if failed == 0 {
        out.push_str("<p>No run failed.</p>\n");
    } else {
        let cases = {
            let mut cases: Vec<&str> = groups.iter().map(|g| g.runs[0].case_id.as_str()).collect();
            cases.dedup();
            cases.len()
        };
        let _ = writeln!(
            out,
            "<p class=\"muted\">{} distinct failures of {cases} cases. The runs of a case that failed the same way share one entry, which names each by request style and format (its run id is <code>CASE::FORMAT::STYLE</code>); an entry's command reproduces its first run, and another with that run's id after <code>--exact</code>.</p>",
            groups.len(),
        );
    }
    let mut shown = 0;
    let mut closed = false;
    for (index, group) in groups.iter().enumerate() {
        if shown >= OPEN && !closed {
            closed = true;
            let _ = writeln!(
                out,
                "<details><summary>{} more failures</summary>",
                failed - shown
            );
        }
        entry(out, report, index, group);
        shown += group.runs.len();
    }
    if closed {
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

/// Under the broken expectations, what says so: each expectation's
/// sentences of the documents, the answers a `one_of` accepts, or that no
/// sentence fixes it — from which an implementer decides whether to fix
/// their code or dispute the case.
fn why(out: &mut String, run: &RunEntry) {
    let failures: Vec<_> = run
        .failures
        .iter()
        .filter(|f| !f.because.is_empty() || !f.accepted.is_empty() || f.untraced)
        .collect();
    if failures.is_empty() {
        return;
    }
    out.push_str("<dl class=\"because\">\n");
    for f in failures {
        let _ = writeln!(out, "<dt>{} (step {})</dt>", text(&f.what), text(&f.step));
        for quote in f.sentences() {
            let _ = writeln!(
                out,
                "<dd><cite>{}, {}</cite>: <q>{}</q></dd>",
                text(&quote.doc),
                text(&quote.place),
                text(&quote.quote)
            );
        }
        for answer in &f.accepted {
            let _ = writeln!(out, "<dd>accepts {}</dd>", text(answer));
        }
        if f.untraced {
            let _ = writeln!(out, "<dd>{}</dd>", text(crate::report::model::UNTRACED));
        }
    }
    out.push_str("</dl>\n");
}

/// What a run's failure shows besides its id: the expected-failure note,
/// the broken expectations, the details and the diff.
fn body(run: &RunEntry) -> String {
    let mut out = String::new();
    if let Some(reason) = &run.expected_failure {
        let kind = if run.disputed {
            "Disputed by the target's author"
        } else {
            "Expected failure"
        };
        let _ = writeln!(out, "<p>{kind}: {}</p>", text(reason));
    }
    out.push_str("<table><thead><tr><th>step</th><th>what</th><th>expected</th><th>actual</th><th>at</th></tr></thead><tbody>\n");
    for f in &run.failures {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            text(&f.step),
            text(&f.what),
            text(&f.expected),
            text(&f.actual),
            text(f.location.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</tbody></table>\n");
    why(&mut out, run);
    let mut shown: Vec<&str> = Vec::new();
    for detail in run.failures.iter().filter_map(|f| f.detail.as_deref()) {
        pre(&mut out, detail);
        shown.push(detail);
    }
    if let Some(diff) = &run.diff
        && !shown.iter().any(|d| d.contains(diff.trim()))
    {
        pre(&mut out, diff);
    }
    out
}

/// The id of the `index`th entry: short, as every failed run's cell in
/// the runs section links to its entry.
pub fn entry_anchor(index: usize) -> String {
    format!("fail-{}", index + 1)
}

fn entry(out: &mut String, report: &Report, index: usize, group: &Group) {
    let first = group.runs[0];
    let _ = write!(
        out,
        "<article class=\"failure{}\" id=\"{}\"><h3><code>{}</code> <span class=\"muted\">{}</span></h3>\n<p class=\"runs\">{}:",
        if first.expected_failure.is_some() {
            " listed"
        } else {
            ""
        },
        entry_anchor(index),
        text(&first.case_id),
        text(&first.source),
        match group.runs.len() {
            1 => "1 run".to_string(),
            n => format!("{n} runs"),
        }
    );
    for run in &group.runs {
        let _ = write!(
            out,
            " <code id=\"{}\">{} {}</code>",
            attr(&failure_anchor(run)),
            text(&run.wire),
            text(&run.format)
        );
    }
    out.push_str("</p>\n");
    if let Some(note) = informational_note(&first.tags) {
        let _ = writeln!(out, "<p>{}</p>", text(note));
    }
    out.push_str(&group.body);
    if index < DETAILED {
        details(out, first);
    }
    let _ = write!(
        out,
        "<p>Reproduce: <code class=\"reproduce\">{}</code>",
        text(&reproduce(report, first))
    );
    out.push_str("</p></article>\n");
}

/// The request of each failing step of `run` as sent, and the entry that
/// disputes its case (when it is disputable).
fn details(out: &mut String, first: &RunEntry) {
    for request in &first.requests {
        let _ = writeln!(
            out,
            "<p>Request (step {}) of <code>{} {}</code>, as sent:</p>",
            text(&request.step),
            text(&first.wire),
            text(&first.format)
        );
        pre(out, &request.lines().join("\n"));
    }
    if first.disputable() {
        let _ = writeln!(
            out,
            "<p>To dispute: <code>{}</code> in the expected-failures file (docs/disputes.md)</p>",
            text(&dispute_entry(&first.case_id))
        );
    }
}
