//! "Differences from the reference": the runs whose answers differ from the
//! reference snapshots, grouped by the field that differs, each group with
//! its count and one example diff (see
//! [`crate::report::digest::differences`]); then, in a differential run,
//! the runs the second target answered differently.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::{anchor, pre};
use crate::report::digest::differences;
use crate::report::model::Report;

/// Differential diffs shown; the rest are counted.
const MAX_DIFFERENTIAL: usize = 50;

pub fn render(out: &mut String, report: &Report) {
    let groups = differences(report);
    let _ = writeln!(
        out,
        "<section id=\"differences\">\n<h2>Differences from the reference</h2>\n<p>{} runs answered differently from the reference snapshots (recorded from the embedded emulator){}.</p>",
        report.totals.reference_differs,
        if groups.is_empty() {
            ""
        } else {
            ", by the field that differs"
        }
    );
    if !groups.is_empty() {
        out.push_str("<table><thead><tr><th>field</th><th>runs</th><th>one example</th></tr></thead><tbody>\n");
        for group in &groups {
            let _ = write!(
                out,
                "<tr id=\"{}\"><td><code>{}</code></td><td class=\"n\">{}</td><td><details><summary><code>{}</code></summary>",
                attr(&anchor("field", &group.field)),
                text(&group.field),
                group.runs,
                text(&group.example_run),
            );
            pre(out, &group.example_diff);
            out.push_str("</details></td></tr>\n");
        }
        out.push_str("</tbody></table>\n");
    }
    out.push_str("</section>\n");
    differential(out, report);
}

fn differential(out: &mut String, report: &Report) {
    let Some(against) = &report.provenance.against else {
        return;
    };
    let differing = crate::report::digest::differing(report);
    let _ = writeln!(
        out,
        "<section id=\"differential\">\n<h2>Against <code>{}</code>: {} runs answered differently</h2>",
        text(&against.url),
        differing.len()
    );
    for run in differing.iter().take(MAX_DIFFERENTIAL) {
        let diff = run
            .differential
            .as_ref()
            .and_then(|d| d.diff.as_deref())
            .unwrap_or("");
        let _ = write!(
            out,
            "<details id=\"{}\"><summary><code>{}</code></summary>",
            attr(&anchor("diff", &run.id)),
            text(&run.id)
        );
        pre(out, diff);
        out.push_str("</details>\n");
    }
    if differing.len() > MAX_DIFFERENTIAL {
        let _ = writeln!(
            out,
            "<p>… and {} more (every run's is in the JSON report).</p>",
            differing.len() - MAX_DIFFERENTIAL
        );
    }
    out.push_str("</section>\n");
}
