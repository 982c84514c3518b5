//! Every run, collapsed: one closed `<details>` per row of the matrix (a
//! rule within an area) holding a table with one row per case and one
//! cell per request style and format (the matrix's columns), coloured by
//! the run's outcome: passed, failed (a link to its failure's entry), not
//! judged or ignored (the reason in the `title`), or blank where the case
//! has no such run. A run
//! costs one bare `<td>`: the column says which run it is, so nothing is
//! repeated per run. The matrix's cells and the error rows link here.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::matrix::{Row, columns};
use super::{anchor, failure_anchor};
use crate::report::model::{OutcomeKind, Report, RunEntry};

/// `entries`: the id of each failed run's entry in the failures section.
pub fn render(out: &mut String, report: &Report, rows: &[Row], entries: &HashMap<&str, String>) {
    let columns = columns(report);
    let _ = writeln!(
        out,
        "<section id=\"runs\">\n<h2>Every run ({})</h2>\n<p class=\"legend muted\">By rule; open a rule to see its cases, one row per case and one cell per request style and format:<i class=\"p\"></i>passed<i class=\"f\"></i>failed (click for the failure){}<i class=\"x\"></i>ignored (hover for why); blank: no such run.</p>",
        report.runs.len(),
        if report.totals.not_judged > 0 {
            "<i class=\"u\"></i>not judged (hover for why)"
        } else {
            ""
        }
    );
    let mut head = String::from("<thead><tr><th>case</th><th>file</th>");
    for (wire, format) in &columns {
        let _ = write!(head, "<th>{}<br>{}</th>", text(wire), text(format));
    }
    head.push_str("</tr></thead>");
    let mut area = None;
    let mut cases_seen: BTreeSet<&str> = BTreeSet::new();
    for row in rows.iter().filter(|row| !row.runs.is_empty()) {
        if area != Some(row.area) {
            area = Some(row.area);
            let _ = writeln!(out, "<h3>{}</h3>", text(row.area));
        }
        let count = |outcome| row.runs.iter().filter(|r| r.outcome == outcome).count();
        let not_judged = match count(OutcomeKind::NotJudged) {
            0 => String::new(),
            n => format!(", {n} not judged"),
        };
        let _ = writeln!(
            out,
            "<details id=\"{}\"><summary><code>{}</code> — {} runs: {} passed, {} failed{not_judged}, {} ignored</summary><table class=\"k\">{head}<tbody>",
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
                "<tr{id}><th>{}</th><th>{}</th>",
                text(case),
                text(&runs[0].source)
            );
            for (wire, format) in &columns {
                match runs.iter().find(|r| r.wire == *wire && r.format == *format) {
                    Some(run) => cell(out, run, entries),
                    None => out.push_str("<td class=\"o\"></td>"),
                }
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody></table></details>\n");
    }
    out.push_str("</section>\n");
}

/// One run's cell: bare when it passed (the table's default colour).
fn cell(out: &mut String, run: &RunEntry, entries: &HashMap<&str, String>) {
    match run.outcome {
        OutcomeKind::Passed => out.push_str("<td></td>"),
        OutcomeKind::Failed => {
            let _ = write!(
                out,
                "<td class=\"f\"><a href=\"#{}\"></a></td>",
                attr(
                    entries
                        .get(run.id.as_str())
                        .map_or(failure_anchor(run), String::clone)
                        .as_str()
                )
            );
        }
        OutcomeKind::Ignored | OutcomeKind::NotJudged => {
            let (class, what) = match run.outcome {
                OutcomeKind::Ignored => ("x", "ignored"),
                _ => ("u", "not judged"),
            };
            let _ = write!(
                out,
                "<td class=\"{class}\" title=\"{what}{}\"></td>",
                run.reason
                    .as_deref()
                    .map(|r| attr(&format!(": {r}")).into_owned())
                    .unwrap_or_default()
            );
        }
    }
}
