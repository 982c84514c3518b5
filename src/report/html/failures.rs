//! The failed runs, right after the summary and the matrix: each with the
//! case file and line, every broken expectation (step, what, expected,
//! actual, where the expectation is written), the diffs, and the command
//! that reproduces it. The first [`OPEN`] are shown; the rest sit in a
//! closed `<details>`, so that a target failing everywhere still gets a page
//! that opens quickly.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{failure_anchor, pre};
use crate::report::digest::reproduce;
use crate::report::model::{OutcomeKind, Report, RunEntry};

/// Failures shown open.
pub const OPEN: usize = 100;

pub fn render(out: &mut String, report: &Report) {
    let failed: Vec<&RunEntry> = report
        .runs
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Failed)
        .collect();
    let _ = writeln!(
        out,
        "<section id=\"failures\">\n<h2>Failures ({})</h2>",
        failed.len()
    );
    if failed.is_empty() {
        out.push_str("<p>No run failed.</p>\n");
    }
    for (index, run) in failed.iter().enumerate() {
        if index == OPEN {
            let _ = writeln!(
                out,
                "<details><summary>{} more failures</summary>",
                failed.len() - OPEN
            );
        }
        failure(out, report, run);
    }
    if failed.len() > OPEN {
        out.push_str("</details>\n");
    }
    out.push_str("</section>\n");
}

fn failure(out: &mut String, report: &Report, run: &RunEntry) {
    let _ = writeln!(
        out,
        "<article class=\"failure{}\" id=\"{}\"><h3><code>{}</code> <span class=\"muted\">{}</span></h3>",
        if run.expected_failure.is_some() {
            " listed"
        } else {
            ""
        },
        attr(&failure_anchor(run)),
        text(&run.id),
        text(&run.source),
    );
    if let Some(reason) = &run.expected_failure {
        let _ = writeln!(out, "<p>Expected failure: {}</p>", text(reason));
    }
    out.push_str("<table><thead><tr><th>step</th><th>what</th><th>expected</th><th>actual</th><th>at</th></tr></thead><tbody>\n");
    for f in &run.failures {
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td><code>{}</code></td><td><code>{}</code></td><td><code>{}</code></td></tr>",
            text(&f.step),
            text(&f.what),
            text(&f.expected),
            text(&f.actual),
            text(f.location.as_deref().unwrap_or("")),
        );
    }
    out.push_str("</tbody></table>\n");
    let mut shown: Vec<&str> = Vec::new();
    for detail in run.failures.iter().filter_map(|f| f.detail.as_deref()) {
        pre(out, detail);
        shown.push(detail);
    }
    if let Some(diff) = &run.diff
        && !shown.iter().any(|d| d.contains(diff.trim()))
    {
        pre(out, diff);
    }
    let _ = writeln!(
        out,
        "<p>Reproduce: <code class=\"reproduce\">{}</code></p></article>",
        text(&reproduce(report, run))
    );
}
