//! "Invariants": each run-level invariant with its status, the answers and
//! cases it ranged over, and for a broken one its breaches (the runs that
//! break it, linked to their cases' rows) and the sentences that fix it.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::anchor;
use crate::check::invariants::{Status, status_word};
use crate::report::model::Report;

pub fn render(out: &mut String, report: &Report) {
    if report.invariants.is_empty() {
        return;
    }
    out.push_str("<section id=\"invariants\">\n<h2>Invariants</h2>\n<p>What must hold between the answers of all runs: judged after the runs over every answer.</p>\n");
    out.push_str("<table><thead><tr><th>invariant</th><th>status</th><th>answers</th><th>cases</th></tr></thead><tbody>\n");
    for j in &report.invariants {
        let class = match j.status {
            Status::Held => "passed",
            Status::Broken => "failed",
            Status::NotExercised => "ignored",
        };
        let _ = writeln!(
            out,
            "<tr id=\"{}\" class=\"{class}\"><td><code>{}</code><br>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            attr(&anchor("invariant", &j.id)),
            text(&j.id),
            text(&j.statement),
            text(&status_word(j)),
            j.observed,
            j.cases.len()
        );
        if j.status != Status::Broken {
            continue;
        }
        out.push_str("<tr><td colspan=\"4\"><ul>");
        for b in &j.breaches {
            let _ = write!(
                out,
                "<li><code>{}</code>: {} — ",
                text(&b.value),
                text(&b.detail)
            );
            for (i, run) in b.runs.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                let _ = write!(
                    out,
                    "<a href=\"#{}\"><code>{}</code></a>",
                    attr(&anchor("case", run.split("::").next().unwrap_or(run))),
                    text(run)
                );
            }
            out.push_str("</li>");
        }
        out.push_str("</ul>");
        for line in j.because.lines() {
            let _ = write!(out, "<p>because {}</p>", text(line));
        }
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n</section>\n");
}
