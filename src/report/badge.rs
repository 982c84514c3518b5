//! The README badge (`--badge FILE`): a small SVG reading
//! "CreateImage conformance | 99.9 %", its right half coloured by the
//! report's [`Verdict`] — green when it passed, red when a failure counts
//! against the target, amber when runs were not judged ("incomplete"),
//! grey when nothing was tested. The score is rounded down, so a target
//! with a failure never reads 100 %. The text is escaped.

use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use super::digest::Verdict;
use super::model::Report;

const LABEL: &str = "CreateImage conformance";

/// The badge of `report`.
pub fn render(report: &Report) -> String {
    let verdict = Verdict::of(report);
    let value = match verdict {
        Verdict::NothingTested => "nothing tested".to_string(),
        Verdict::Incomplete => format!("{}, incomplete", score(report)),
        _ => score(report),
    };
    let colour = match verdict {
        Verdict::Passed => "#2da44e",
        Verdict::Failed => "#cf222e",
        Verdict::Incomplete => "#bf8700",
        Verdict::NothingTested => "#8c959f",
    };
    svg(LABEL, &value, colour)
}

/// `100 %`, or one decimal rounded down (`99.9 %`).
fn score(report: &Report) -> String {
    if report.totals.failed == 0 {
        "100 %".to_string()
    } else {
        format!("{} %", report.score_text())
    }
}

/// Width of a text in 11 px Verdana, near enough: 7 px a character, plus
/// padding.
fn width(s: &str) -> usize {
    s.chars().count() * 7 + 10
}

fn svg(label: &str, value: &str, colour: &str) -> String {
    let (left, right) = (width(label), width(value));
    let total = left + right;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{total}\" height=\"20\" role=\"img\" aria-label=\"{}: {}\">",
        attr(label),
        attr(value)
    );
    let _ = writeln!(out, "<title>{}: {}</title>", text(label), text(value));
    let _ = writeln!(
        out,
        "<rect width=\"{left}\" height=\"20\" rx=\"3\" fill=\"#555\"/>\n<rect x=\"{left}\" width=\"{right}\" height=\"20\" rx=\"3\" fill=\"{colour}\"/>"
    );
    let _ = writeln!(
        out,
        "<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,DejaVu Sans,sans-serif\" font-size=\"11\">"
    );
    let _ = writeln!(
        out,
        "<text x=\"{}\" y=\"14\">{}</text>\n<text x=\"{}\" y=\"14\">{}</text>",
        left / 2,
        text(label),
        left + right / 2,
        text(value)
    );
    out.push_str("</g>\n</svg>\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::OutcomeKind;
    use crate::report::testing::{report, run};

    fn scored(passed: usize, failed: usize) -> Report {
        let mut r = report(vec![]);
        r.totals.passed = passed;
        r.totals.failed = failed;
        r
    }

    #[test]
    fn a_score_is_rounded_down_so_a_failure_never_reads_100() {
        assert_eq!(score(&scored(10, 0)), "100 %");
        assert_eq!(score(&scored(9999, 1)), "99.9 %");
        assert_eq!(score(&scored(4491, 2)), "99.9 %");
        assert_eq!(score(&scored(0, 3)), "0.0 %");
    }

    #[test]
    fn the_badge_is_green_red_or_grey_by_verdict() {
        let passed = render(&report(vec![run("a::json::v1-get", OutcomeKind::Passed)]));
        assert!(passed.contains("fill=\"#2da44e\"") && passed.contains(">100 %<"));
        let failed = render(&report(vec![
            run("a::json::v1-get", OutcomeKind::Passed),
            run("b::json::v1-get", OutcomeKind::Failed),
        ]));
        assert!(failed.contains("fill=\"#cf222e\"") && failed.contains(">50.0 %<"));
        let empty = render(&report(vec![run("a::json::v1-get", OutcomeKind::Ignored)]));
        assert!(empty.contains("fill=\"#8c959f\"") && empty.contains(">nothing tested<"));
    }

    #[test]
    fn badge_text_is_escaped() {
        let badge = svg("a<b>&\"", "1", "#000");
        assert!(badge.contains("aria-label=\"a&lt;b&gt;&amp;&quot;: 1\""));
        assert!(badge.contains(">a&lt;b&gt;&amp;\"</text>"));
    }
}
