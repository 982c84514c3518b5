//! The HTML conformance report (`--html FILE`): one self-contained page
//! (inline CSS, no scripts, fonts or other fetches; the only links are
//! fragments of the page itself) for publishing, read top to bottom:
//!
//! 1. [`summary`]: target, date, suite hash, harness version, the verdict
//!    and score, the gate, passed / failed / ignored (and not judged) per
//!    contract area, and why runs were not judged;
//! 2. [`matrix`]: the contract's rules (rows, grouped by area) × request
//!    style and format (columns), each cell coloured by its runs and linked
//!    to them;
//! 3. [`failures`]: every failed run with what was expected, what came
//!    back, the diff, the case file and line, and the reproduce command,
//!    the runs of a case that failed the same way sharing one entry;
//! 4. [`readings`]: which documented reading of each contradiction the
//!    target's answers matched;
//! 5. [`differences`]: the differences from the reference snapshots,
//!    grouped by field, and a second target's differing answers;
//! 6. [`errors`]: the 45 documented error rows with their counts;
//! 7. [`runs`]: every run, collapsed per rule (`<details>`), one table row
//!    per case with a bare cell per run; and the provenance.
//!
//! Every piece of text goes through `html-escape`, so nothing a target
//! answers can become markup. A full run (3,713 runs) stays well under
//! 1 MB, and grows slowly with the suite: what is written per run is one
//! bare table cell (and, for a failed run, its id in its failure's
//! entry), never per-run text or attributes repeated in several sections;
//! what is per case, per rule or per distinct failure is written once.

mod differences;
mod errors;
mod failures;
mod invariants;
mod matrix;
mod readings;
mod runs;
mod summary;

use std::collections::HashMap;
use std::fmt::Write as _;

use html_escape::encode_text as text;

use super::model::{Report, RunEntry};

const STYLE: &str = include_str!("style.css");

/// The page.
pub fn render(report: &Report) -> String {
    let mut out = String::with_capacity(64 * 1024 + report.runs.len() * 256);
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>CreateImage conformance report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    let rows = matrix::rows(report);
    let failed = failures::groups(report);
    // Each failed run's entry in the failures section, by run id.
    let entries: HashMap<&str, String> = failed
        .iter()
        .enumerate()
        .flat_map(|(index, group)| {
            group
                .runs
                .iter()
                .map(move |run| (run.id.as_str(), failures::entry_anchor(index)))
        })
        .collect();
    summary::render(&mut out, report);
    matrix::render(&mut out, report, &rows);
    invariants::render(&mut out, report);
    failures::render(&mut out, report, &failed);
    readings::render(&mut out, report);
    differences::render(&mut out, report);
    errors::render(&mut out, report);
    runs::render(&mut out, report, &rows, &entries);
    summary::provenance(&mut out, report);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

/// The `id` of an element that stands for `what` (a run, rule or case id):
/// whitespace becomes `_`, the rest is escaped where it is written.
fn anchor(prefix: &str, what: &str) -> String {
    let mut id = String::with_capacity(prefix.len() + what.len() + 1);
    id.push_str(prefix);
    id.push('-');
    id.extend(
        what.chars()
            .map(|c| if c.is_whitespace() { '_' } else { c }),
    );
    id
}

/// The id of a failed run's entry in the failures section.
fn failure_anchor(run: &RunEntry) -> String {
    anchor("failure", &run.id)
}

/// A diff or failure text, with added and removed lines coloured.
fn pre(out: &mut String, body: &str) {
    out.push_str("<pre>");
    for line in body.lines() {
        let escaped = text(line);
        let trimmed = line.trim_start();
        if trimmed.starts_with('+') && !trimmed.starts_with("+++") {
            let _ = writeln!(out, "<span class=\"add\">{escaped}</span>");
        } else if trimmed.starts_with('-') && !trimmed.starts_with("---") {
            let _ = writeln!(out, "<span class=\"del\">{escaped}</span>");
        } else {
            let _ = writeln!(out, "{escaped}");
        }
    }
    out.push_str("</pre>");
}

/// A proportional bar of passed, failed, not judged and ignored runs.
fn bar(out: &mut String, passed: usize, failed: usize, not_judged: usize, ignored: usize) {
    let total = (passed + failed + not_judged + ignored).max(1) as f64;
    out.push_str("<div class=\"bar\">");
    for (class, count) in [
        ("p", passed),
        ("f", failed),
        ("u", not_judged),
        ("x", ignored),
    ] {
        if count > 0 {
            let _ = write!(
                out,
                "<i class=\"{class}\" style=\"width:{:.2}%\"></i>",
                100.0 * count as f64 / total
            );
        }
    }
    out.push_str("</div>");
}

#[cfg(test)]
mod tests;
