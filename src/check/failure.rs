//! [`Failure`]: one way a run broke its contract, and how it is shown.

use std::fmt::Write as _;

use crate::contract::documents::Quote;
use crate::suite::Loc;

/// One way a run broke its contract.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// The step whose answer failed (`request` for single-request cases).
    pub step: String,
    /// What was checked: `status`, `code`, `message`, `body.ImageId`,
    /// `only`, `snapshot`, `transport`, `decode`, …
    pub what: String,
    pub expected: String,
    pub actual: String,
    /// The expectation's place in the case file, when there is one.
    pub loc: Option<Loc>,
    /// More lines: a snapshot diff, the readings that were tried.
    pub detail: Option<String>,
    /// The sentences of the documents that fix what was expected
    /// ([`crate::suite::trace`]); empty for what no sentence decides (a
    /// snapshot, the transport).
    pub because: Vec<Quote>,
    /// For a `one_of` that no reading matched: every accepted answer.
    pub accepted: Vec<String>,
}

impl Failure {
    pub fn new(
        step: &str,
        what: impl Into<String>,
        expected: impl Into<String>,
        actual: impl Into<String>,
        loc: Option<Loc>,
    ) -> Failure {
        Failure {
            step: step.to_string(),
            what: what.into(),
            expected: expected.into(),
            actual: actual.into(),
            loc,
            detail: None,
            because: Vec::new(),
            accepted: Vec::new(),
        }
    }

    pub fn with_detail(mut self, detail: impl Into<String>) -> Failure {
        self.detail = Some(detail.into());
        self
    }

    /// Renders the failure like a compiler diagnostic; `line_text` is the
    /// case-file line at `loc`, when it could be read.
    pub fn render(&self, line_text: Option<&str>) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "error: {} (step `{}`)", self.what, self.step);
        if let Some(loc) = &self.loc {
            let number = loc.line.to_string();
            let pad = " ".repeat(number.len());
            let _ = writeln!(out, "{pad}--> {loc}");
            if let Some(text) = line_text {
                let caret = " ".repeat(loc.column.saturating_sub(1) as usize);
                let _ = writeln!(out, "{pad} |");
                let _ = writeln!(out, "{number} | {text}");
                let _ = writeln!(out, "{pad} | {caret}^ expected {}", self.expected);
            } else {
                let _ = writeln!(out, "{pad} = expected {}", self.expected);
            }
            let _ = writeln!(out, "{pad} = actual   {}", self.actual);
        } else {
            let _ = writeln!(out, "  expected {}", self.expected);
            let _ = writeln!(out, "  actual   {}", self.actual);
        }
        if let Some(detail) = &self.detail {
            for line in detail.lines() {
                let _ = writeln!(out, "  {line}");
            }
        }
        let pad = " ".repeat(
            self.loc
                .as_ref()
                .map_or(1, |loc| loc.line.to_string().len()),
        );
        for quote in self.sentences() {
            let _ = writeln!(out, "{pad} = because {quote}");
        }
        for answer in &self.accepted {
            let _ = writeln!(out, "{pad} = accepts {answer}");
        }
        if self.is_untraced() {
            let _ = writeln!(out, "{pad} = because {}", crate::report::model::UNTRACED);
        }
        out
    }

    /// [`Self::because`], each sentence once (the same document, place
    /// and words), in order.
    pub fn sentences(&self) -> Vec<&Quote> {
        let mut out: Vec<&Quote> = Vec::new();
        for quote in &self.because {
            if !out.contains(&quote) {
                out.push(quote);
            }
        }
        out
    }

    /// Whether the failure is of an expectation a reading of the documents
    /// stands behind (its sentences, the answers a `one_of` accepts, or
    /// the suite's own reading): one a target's author may dispute.
    pub fn traced_or_read(&self) -> bool {
        !self.because.is_empty() || !self.accepted.is_empty() || self.is_untraced()
    }

    /// A broken expectation of the case that no sentence of the documents
    /// fixes (a snapshot, the transport or the decoding are not the
    /// case's expectations of the contract).
    pub fn is_untraced(&self) -> bool {
        self.is_expectation()
            && !matches!(self.what.as_str(), "capture" | "decode")
            && self.because.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn a_failure_with_a_location_points_a_caret_at_its_column() {
        let failure = Failure::new(
            "request",
            "status",
            "400",
            "403",
            Some(Loc {
                file: Arc::from("cases/name.yaml"),
                line: 14,
                column: 15,
            }),
        );
        let text = failure.render(Some("      status: 400"));
        assert_eq!(
            text,
            "error: status (step `request`)\n  --> cases/name.yaml:14:15\n   |\n14 |       status: 400\n   |               ^ expected 400\n   = actual   403\n   = because (no sentence of the documents fixes this: it is the suite's reading, open to dispute)\n"
        );
    }

    #[test]
    fn a_sentence_given_twice_is_printed_once() {
        let mut failure = Failure::new("request", "code", "\"A\"", "\"B\"", None);
        let quote = crate::contract::documents::ci("Error codes", "|400|A|");
        failure.because = vec![quote.clone(), quote];
        let text = failure.render(None);
        assert_eq!(text.matches("= because").count(), 1, "{text}");
    }

    #[test]
    fn a_failure_prints_each_sentence_that_fixes_it_and_each_accepted_answer() {
        let mut failure =
            Failure::new("request", "one_of", "one of the readings a, b", "403", None);
        failure.because = vec![crate::contract::documents::ci(
            "Error codes",
            "|400|IdempotenceParamNotMatch|",
        )];
        failure.accepted = vec![
            "reading `a`: 400 \"X\"".into(),
            "reading `b`: 403 \"Y\"".into(),
        ];
        let text = failure.render(None);
        assert!(
            text.ends_with(
                "  = because CreateImage.md, Error codes: \"|400|IdempotenceParamNotMatch|\"\n  = accepts reading `a`: 400 \"X\"\n  = accepts reading `b`: 403 \"Y\"\n"
            ),
            "{text}"
        );
    }
}
