//! The matrix picture: one row per contract rule (grouped by the area of
//! the case files that exercise it), one column per request style and
//! format, each cell coloured by its runs — all passed, some failed, all
//! ignored, or not exercised (a bare grey cell) — with its column and
//! counts in its `title` ("v1-get json: 3 passed, 1 failed") and a link
//! to the rule's runs (the whole row is one link). A CSS grid, each row a
//! subgrid: no script, no image.
//!
//! Rules of the contract that no run exercises close the matrix, under
//! "Not exercised", so that a gap is as visible as a failure.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::anchor;
use crate::contract::params;
use crate::report::model::{OutcomeKind, Report, RunEntry};
use crate::wire::{Format, WireStyle};

/// The area under which rules no run exercises are listed.
pub const NOT_EXERCISED: &str = "Not exercised";

/// The row of runs that name no rule.
pub const NO_RULE: &str = "(no rule)";

/// One row: a rule within an area, and the runs that exercise it there.
pub struct Row<'a> {
    pub area: &'a str,
    pub rule: &'a str,
    pub runs: Vec<&'a RunEntry>,
}

impl Row<'_> {
    /// The id of the rule's runs in the runs section.
    pub fn anchor(&self) -> String {
        anchor("rule", &format!("{}-{}", self.area, self.rule))
    }
}

/// The rows, in the order the runs first name them, then the contract's
/// unexercised rules in document order. A run with several rules is in each
/// of their rows.
pub fn rows(report: &Report) -> Vec<Row<'_>> {
    let mut rows: Vec<Row> = Vec::new();
    for run in &report.runs {
        let rules: Vec<&str> = if run.rules.is_empty() {
            vec![NO_RULE]
        } else {
            run.rules.iter().map(String::as_str).collect()
        };
        for rule in rules {
            match rows
                .iter_mut()
                .find(|r| r.area == run.area && r.rule == rule)
            {
                Some(row) => row.runs.push(run),
                None => rows.push(Row {
                    area: &run.area,
                    rule,
                    runs: vec![run],
                }),
            }
        }
    }
    // Rows of one area together, in the order areas first appear.
    let areas: Vec<&str> = rows.iter().fold(Vec::new(), |mut areas, row| {
        if !areas.contains(&row.area) {
            areas.push(row.area);
        }
        areas
    });
    rows.sort_by_key(|row| areas.iter().position(|a| *a == row.area));
    for rule in params::rule_ids() {
        if !rows.iter().any(|r| r.rule == rule) {
            rows.push(Row {
                area: NOT_EXERCISED,
                rule,
                runs: Vec::new(),
            });
        }
    }
    rows
}

/// The columns: every (request style, format) some run used, in the
/// harness's order of styles and formats.
pub fn columns(report: &Report) -> Vec<(String, String)> {
    let rank = |wire: &str, format: &str| {
        (
            WireStyle::ALL
                .iter()
                .position(|w| w.name() == wire)
                .unwrap_or(usize::MAX),
            Format::ALL
                .iter()
                .position(|f| f.name() == format)
                .unwrap_or(usize::MAX),
        )
    };
    let mut columns: Vec<(String, String)> = Vec::new();
    for run in &report.runs {
        if !columns
            .iter()
            .any(|(w, f)| *w == run.wire && *f == run.format)
        {
            columns.push((run.wire.clone(), run.format.clone()));
        }
    }
    columns.sort_by(|(w1, f1), (w2, f2)| rank(w1, f1).cmp(&rank(w2, f2)).then(w1.cmp(w2)));
    columns
}

/// A cell's class and hover text.
fn cell(runs: &[&RunEntry]) -> (&'static str, String) {
    let count = |outcome| runs.iter().filter(|r| r.outcome == outcome).count();
    let (passed, failed, ignored, not_judged) = (
        count(OutcomeKind::Passed),
        count(OutcomeKind::Failed),
        count(OutcomeKind::Ignored),
        count(OutcomeKind::NotJudged),
    );
    let class = if failed > 0 {
        "f"
    } else if not_judged > 0 {
        "u"
    } else if passed > 0 {
        "p"
    } else if ignored > 0 {
        "x"
    } else {
        "o"
    };
    // The counts that are not zero: "8 passed", "3 passed, 1 failed".
    let hover = [
        (passed, "passed"),
        (failed, "failed"),
        (not_judged, "not judged"),
        (ignored, "ignored"),
    ]
    .iter()
    .filter(|(count, _)| *count > 0)
    .map(|(count, what)| format!("{count} {what}"))
    .collect::<Vec<_>>()
    .join(", ");
    let hover = if hover.is_empty() {
        "not exercised".to_string()
    } else {
        hover
    };
    (class, hover)
}

pub fn render(out: &mut String, report: &Report, rows: &[Row]) {
    let columns = columns(report);
    out.push_str("<section id=\"matrix\">\n<h2>Rules × request styles and formats</h2>\n");
    let _ = writeln!(
        out,
        "<p class=\"legend muted\">Each cell is one rule over one request style and format; hover for its counts, click for its runs.<i class=\"p\"></i>all passed<i class=\"f\"></i>some failed{}<i class=\"x\"></i>ignored<i class=\"o\"></i>not exercised</p>",
        if report.totals.not_judged > 0 {
            "<i class=\"u\"></i>some not judged"
        } else {
            ""
        }
    );
    let _ = writeln!(
        out,
        "<div class=\"matrix\" style=\"grid-template-columns: minmax(160px, 20rem) repeat({}, minmax(34px, 1fr))\">",
        columns.len()
    );
    out.push_str("<div></div>");
    for (wire, format) in &columns {
        let _ = write!(
            out,
            "<div class=\"h\">{}<br>{}</div>",
            text(wire),
            text(format)
        );
    }
    out.push('\n');
    let mut area = None;
    for row in rows {
        if area != Some(row.area) {
            area = Some(row.area);
            let _ = writeln!(out, "<div class=\"g\">{}</div>", text(row.area));
        }
        // The row is one link to the rule's runs (a subgrid of the
        // matrix), its cells small marks: the rule is the row's label and
        // the hover names the column, which a long matrix scrolls away from.
        if row.runs.is_empty() {
            out.push_str("<div class=\"row\">");
        } else {
            let _ = write!(out, "<a class=\"row\" href=\"#{}\">", attr(&row.anchor()));
        }
        let _ = write!(
            out,
            "<span class=\"r\" title=\"{}\">{}</span>",
            attr(params::find(row.rule).map_or(row.rule, |r| r.says)),
            text(row.rule)
        );
        for (wire, format) in &columns {
            let runs: Vec<&RunEntry> = row
                .runs
                .iter()
                .copied()
                .filter(|r| r.wire == *wire && r.format == *format)
                .collect();
            if runs.is_empty() {
                out.push_str("<b></b>");
            } else {
                let (class, hover) = cell(&runs);
                let _ = write!(
                    out,
                    "<i class=\"{class}\" title=\"{} {}: {hover}\"></i>",
                    attr(wire),
                    attr(format)
                );
            }
        }
        out.push_str(if row.runs.is_empty() {
            "</div>\n"
        } else {
            "</a>\n"
        });
    }
    out.push_str("</div>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report, run};

    fn ruled(id: &str, outcome: OutcomeKind, rule: &str) -> RunEntry {
        let mut run = run(id, outcome);
        run.rules = vec![rule.to_string()];
        run
    }

    #[test]
    fn a_cell_with_one_failed_run_is_failed_and_an_empty_one_not_exercised() {
        let passed = ruled("a::json::v1-get", OutcomeKind::Passed, "R");
        let failed = ruled("b::json::v1-get", OutcomeKind::Failed, "R");
        let ignored = ruled("c::json::v1-get", OutcomeKind::Ignored, "R");
        assert_eq!(cell(&[&passed, &failed]).0, "f");
        assert_eq!(
            cell(&[&passed, &ignored]),
            ("p", "1 passed, 1 ignored".to_string())
        );
        assert_eq!(cell(&[&ignored]).0, "x");
        assert_eq!(cell(&[]), ("o", "not exercised".to_string()));
    }

    #[test]
    fn rows_group_rules_by_area_and_end_with_the_unexercised_rules() {
        let mut other = ruled("b::json::v1-get", OutcomeKind::Passed, "ImageName.length");
        other.area = "Other".into();
        let r = report(vec![
            ruled("a::json::v1-get", OutcomeKind::Passed, "ImageName.length"),
            other,
            ruled("c::xml::v3", OutcomeKind::Failed, "ImageName.length"),
        ]);
        let rows = rows(&r);
        assert_eq!(
            (rows[0].area, rows[0].rule, rows[0].runs.len()),
            ("Area", "ImageName.length", 2)
        );
        assert_eq!((rows[1].area, rows[1].runs.len()), ("Other", 1));
        assert!(
            rows[2..]
                .iter()
                .all(|row| row.area == NOT_EXERCISED && row.runs.is_empty())
        );
        assert_eq!(rows.len() - 2, params::rule_ids().count() - 1);
    }

    #[test]
    fn columns_follow_the_harness_order_of_styles_then_formats() {
        let r = report(vec![
            run("a::xml::v3", OutcomeKind::Passed),
            run("a::json::v3", OutcomeKind::Passed),
            run("a::xml::v1-get", OutcomeKind::Passed),
        ]);
        let mut runs = r.runs.clone();
        for (run, (wire, format)) in
            runs.iter_mut()
                .zip([("v3", "xml"), ("v3", "json"), ("v1-get", "xml")])
        {
            run.wire = wire.into();
            run.format = format.into();
        }
        let r = report(runs);
        let names: Vec<String> = columns(&r)
            .into_iter()
            .map(|(w, f)| format!("{w}/{f}"))
            .collect();
        assert_eq!(names, ["v1-get/xml", "v3/json", "v3/xml"]);
    }
}
