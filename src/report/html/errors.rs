//! The 45 documented error rows of `CreateImage.md` ([`ERROR_ROWS`]): each
//! with its status, code and message, how many runs expecting it passed,
//! failed or were ignored, and its cases behind a link (a closed
//! `<details>` of links to the cases' runs), never one element per run.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::anchor;
use crate::contract::errors::{ERROR_ROWS, ErrorRow};
use crate::report::model::{OutcomeKind, Report, RunEntry};

/// The runs whose expectation names the row's status and code.
fn runs_of<'a>(report: &'a Report, row: &ErrorRow) -> Vec<&'a RunEntry> {
    report
        .runs
        .iter()
        .filter(|r| {
            r.expected_codes()
                .any(|(status, code)| status == row.status && code == row.code)
        })
        .collect()
}

pub fn render(out: &mut String, report: &Report) {
    let mut body = String::new();
    let (mut covered, mut clean) = (0, 0);
    for row in ERROR_ROWS.iter() {
        let runs = runs_of(report, row);
        let count = |outcome| runs.iter().filter(|r| r.outcome == outcome).count();
        let (passed, failed, ignored) = (
            count(OutcomeKind::Passed),
            count(OutcomeKind::Failed),
            count(OutcomeKind::Ignored),
        );
        let not_judged = count(OutcomeKind::NotJudged);
        let (class, result) = match (runs.len(), failed, not_judged) {
            (0, _, _) => ("none", "not exercised"),
            (_, 0, 0) => ("pass", "passing"),
            (_, 0, _) => ("none", "not judged"),
            _ => ("fail", "failing"),
        };
        if !runs.is_empty() {
            covered += 1;
            clean += usize::from(failed == 0);
        }
        let _ = write!(
            body,
            "<tr class=\"{class}\" id=\"{}\"><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td><td class=\"status\">{result}</td><td class=\"n\">{passed}</td><td class=\"n\">{failed}</td><td class=\"n\">{ignored}</td><td>",
            attr(&anchor("row", row.id)),
            text(row.id),
            row.status,
            text(row.code),
            text(row.message),
        );
        cases(&mut body, &runs);
        body.push_str("</td></tr>\n");
    }
    let _ = writeln!(
        out,
        "<section id=\"error-rows\">\n<h2>Documented errors</h2>\n<p>{covered} of {} documented error rows exercised by the runs; {clean} of them with every run passing.</p>",
        ERROR_ROWS.len()
    );
    out.push_str("<table><thead><tr><th>row</th><th>status</th><th>code</th><th>message</th><th>result</th><th>passed</th><th>failed</th><th>ignored</th><th>runs</th></tr></thead><tbody>\n");
    out.push_str(&body);
    out.push_str("</tbody></table>\n</section>\n");
}

/// The cases of the runs, each a link to its runs in the runs section.
fn cases(out: &mut String, runs: &[&RunEntry]) {
    let mut cases: Vec<&str> = Vec::new();
    for run in runs {
        if !cases.contains(&run.case_id.as_str()) {
            cases.push(&run.case_id);
        }
    }
    if cases.is_empty() {
        return;
    }
    let _ = write!(
        out,
        "<details class=\"cases\"><summary>{} runs of {} cases</summary>",
        runs.len(),
        cases.len()
    );
    for case in cases {
        let _ = write!(
            out,
            "<a href=\"#{}\">{}</a> ",
            attr(&anchor("case", case)),
            text(case)
        );
    }
    out.push_str("</details>");
}
