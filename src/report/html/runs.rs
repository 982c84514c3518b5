//! Every run, collapsed: one closed `<details>` per row of the matrix (a
//! rule within an area) holding its cases, each case with one small mark
//! per run (its format and request style and outcome in the `title`; a
//! failed run's mark links to its failure). The matrix's cells and the
//! error rows link here.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::matrix::Row;
use super::{anchor, class, failure_anchor};
use crate::report::model::{OutcomeKind, Report, RunEntry};

pub fn render(out: &mut String, report: &Report, rows: &[Row]) {
    let _ = writeln!(
        out,
        "<section id=\"runs\">\n<h2>Every run ({})</h2>\n<p class=\"muted\">By rule; open a rule to see its cases and their runs.</p>",
        report.runs.len()
    );
    let mut area = None;
    let mut cases_seen: BTreeSet<&str> = BTreeSet::new();
    for row in rows.iter().filter(|row| !row.runs.is_empty()) {
        if area != Some(row.area) {
            area = Some(row.area);
            let _ = writeln!(out, "<h3>{}</h3>", text(row.area));
        }
        let count = |outcome| row.runs.iter().filter(|r| r.outcome == outcome).count();
        let _ = writeln!(
            out,
            "<details id=\"{}\"><summary><code>{}</code> — {} runs: {} passed, {} failed, {} ignored</summary><table><tbody>",
            attr(&row.anchor()),
            text(row.rule),
            row.runs.len(),
            count(OutcomeKind::Passed),
            count(OutcomeKind::Failed),
            count(OutcomeKind::Ignored),
        );
        let mut cases: Vec<(&str, Vec<&RunEntry>)> = Vec::new();
        for run in &row.runs {
            match cases.iter_mut().find(|(case, _)| *case == run.case_id) {
                Some((_, runs)) => runs.push(run),
                None => cases.push((&run.case_id, vec![run])),
            }
        }
        for (case, runs) in cases {
            let id = if cases_seen.insert(case) {
                format!(" id=\"{}\"", attr(&anchor("case", case)))
            } else {
                String::new()
            };
            let _ = write!(
                out,
                "<tr{id}><td><code>{}</code></td><td class=\"muted\">{}</td><td>",
                text(case),
                text(&runs[0].source)
            );
            for run in runs {
                mark(out, run);
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody></table></details>\n");
    }
    out.push_str("</section>\n");
}

/// One run as a small coloured square.
fn mark(out: &mut String, run: &RunEntry) {
    let mut title = format!("{} · {}: {}", run.format, run.wire, run.outcome.name());
    if let Some(reason) = &run.reason {
        title.push_str(" (");
        title.push_str(reason);
        title.push(')');
    }
    if run.outcome == OutcomeKind::Failed {
        let _ = write!(
            out,
            "<a class=\"m f\" href=\"#{}\" title=\"{}\"></a>",
            attr(&failure_anchor(run)),
            attr(&title)
        );
    } else {
        let _ = write!(
            out,
            "<i class=\"m {}\" title=\"{}\"></i>",
            class(run.outcome),
            attr(&title)
        );
    }
}
