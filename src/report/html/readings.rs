//! "Readings chosen": for every documented contradiction of the contract,
//! what the document says, the reference emulator's reading, and which of
//! its own readings this target's answers matched, with how many runs
//! matched each (see [`crate::report::digest::readings`]).

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::anchor;
use crate::report::digest::readings::{AmbiguityReadings, readings};
use crate::report::model::Report;

pub fn render(out: &mut String, report: &Report) {
    let tally = readings(report);
    out.push_str("<section id=\"readings\">\n<h2>Readings chosen</h2>\n<p>Where <code>CreateImage.md</code> contradicts itself, the cases accept each documented reading; here is which reading this target's answers matched.</p>\n");
    out.push_str("<table><thead><tr><th>contradiction</th><th>the document says</th><th>reference emulator</th><th>this target matched</th></tr></thead><tbody>\n");
    for entry in &tally.ambiguities {
        let a = entry.ambiguity;
        let _ = write!(
            out,
            "<tr id=\"{}\"><td><code>{}</code></td><td>",
            attr(&anchor("ambiguity", a.id)),
            text(a.id)
        );
        for (place, said) in a.statements() {
            let _ = write!(out, "<p><b>{}</b>: {}</p>", text(&place), text(said));
        }
        let _ = write!(
            out,
            "</td><td><code>{}</code>: {}</td><td class=\"matched\">",
            text(a.default_reading().choice),
            text(a.choice)
        );
        matched(out, entry);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n</section>\n");
}

fn matched(out: &mut String, entry: &AmbiguityReadings) {
    if entry.runs == 0 {
        out.push_str("<span class=\"muted\">not exercised</span>");
        return;
    }
    let mut any = false;
    for (choice, runs) in entry.chosen() {
        any = true;
        let _ = write!(out, "<p><code>{}</code> × {runs}</p>", text(choice));
    }
    if entry.matched_none > 0 {
        any = true;
        let _ = write!(
            out,
            "<p class=\"f-text\">no documented reading × {}</p>",
            entry.matched_none
        );
    }
    if !any {
        let _ = write!(
            out,
            "<span class=\"muted\">{} runs, none with a choice of reading</span>",
            entry.runs
        );
    }
}
