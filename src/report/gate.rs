//! [`ExpectedFailures`]: the CI gate's list of runs a target is known to
//! fail (`run --expected-failures FILE`).
//!
//! The file is a YAML map from a run id (`CASE-ID::FORMAT::WIRE`, as
//! printed by `run`) or a case id (every run of the case) to the reason it
//! fails — a known fault of the target — or to a *dispute*: the target's
//! author reads the sentence the case rests on otherwise, and says how:
//!
//! ```yaml
//! # expected-failures.yaml
//! image-name.too-short::json::v1-get: "answers 403 for a malformed name (TICKET-12)"
//! image-name.too-short::xml::v1-get: "the same fault, XML envelope"
//! response.success-from-a-mapping:
//!   dispute: "wire-protocol.md §4 gives identifier shapes 'seen in the wild', a description; our RequestId is a lowercase UUID"
//! ```
//!
//! A listed run that fails does not fail the gate; a failed run that is not
//! listed does (exit 1). Disputed runs are reported apart from expected
//! failures, with the sentence the case rests on and the dispute beside it.
//! A listed run that passes is *stale*: the entry should be removed, and
//! with `--strict` a stale entry fails the gate too. Entries that match no
//! run (filtered out, or in another shard) are reported as not run and
//! judged by nothing.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::model::{Gate, OutcomeKind, Report};

/// Run id or case id → why it is expected to fail.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ExpectedFailures {
    pub path: PathBuf,
    pub entries: BTreeMap<String, Listed>,
}

/// Why a listed run fails.
#[derive(Clone, Debug, PartialEq, Eq, serde::Deserialize)]
#[serde(untagged)]
pub enum Listed {
    /// A known fault of the target.
    Reason(String),
    /// The target's author disputes the case's reading of the documents.
    Dispute { dispute: String },
}

impl Listed {
    pub fn text(&self) -> &str {
        match self {
            Listed::Reason(text) | Listed::Dispute { dispute: text } => text,
        }
    }

    pub fn is_dispute(&self) -> bool {
        matches!(self, Listed::Dispute { .. })
    }
}

impl ExpectedFailures {
    /// Reads the file; an empty file lists nothing.
    pub fn load(path: &Path) -> Result<ExpectedFailures, String> {
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("cannot read the expected failures {}: {e}", path.display()))?;
        ExpectedFailures::parse(path, &text)
    }

    pub fn parse(path: &Path, text: &str) -> Result<ExpectedFailures, String> {
        let entries: Option<BTreeMap<String, Listed>> = if text.trim().is_empty() {
            None
        } else {
            serde_saphyr::from_str(text).map_err(|e| {
                format!(
                    "invalid expected failures {}: {e}\n  = help: the file is a map of run id (or case id) to reason or dispute, e.g.\n    image-name.too-short::json::v1-get: \"answers 403 (TICKET-12)\"\n    gateway.nonce-missing: {{ dispute: \"wire-protocol.md §5: …\" }}",
                    path.display()
                )
            })?
        };
        Ok(ExpectedFailures {
            path: path.to_path_buf(),
            entries: entries.unwrap_or_default(),
        })
    }

    /// Marks listed runs and sets the report's gate.
    pub fn judge(&self, report: &mut Report, strict: bool) {
        let mut gate = Gate {
            file: self.path.display().to_string(),
            strict,
            ..Gate::default()
        };
        let mut matched = std::collections::BTreeSet::new();
        let mut cases: BTreeMap<String, bool> = BTreeMap::new();
        for run in &mut report.runs {
            let key = [&run.id, &run.case_id]
                .into_iter()
                .find(|key| self.entries.contains_key(key.as_str()));
            let listed = key.and_then(|key| self.entries.get(key.as_str()));
            if let Some(key) = key {
                matched.insert(key.clone());
            }
            run.expected_failure = listed.map(|l| l.text().to_owned());
            run.disputed = listed.is_some_and(Listed::is_dispute);
            match (run.outcome, listed) {
                (OutcomeKind::Failed, Some(l)) if l.is_dispute() => {
                    gate.disputed.push(run.id.clone())
                }
                (OutcomeKind::Failed, Some(_)) => gate.expected.push(run.id.clone()),
                (OutcomeKind::Failed, None) => gate.new.push(run.id.clone()),
                // A run listed by its own id that passed is stale; a case
                // listed by its id is stale only when none of its runs failed.
                (OutcomeKind::Passed, Some(_)) if key == Some(&run.id) => {
                    gate.stale.push(run.id.clone())
                }
                _ => {}
            }
            if key == Some(&run.case_id) {
                let failed = run.outcome == OutcomeKind::Failed;
                *cases.entry(run.case_id.clone()).or_insert(false) |= failed;
            }
        }
        gate.stale.extend(
            cases
                .into_iter()
                .filter(|(_, failed)| !failed)
                .map(|(case, _)| case),
        );
        gate.not_run = self
            .entries
            .keys()
            .filter(|id| !matched.contains(*id))
            .cloned()
            .collect();
        gate.passed = verdict(&gate);
        report.gate = Some(gate);
    }
}

/// The line under a failure that says how to dispute it: the entry of
/// the expected-failures file that disputes every run of `case_id`.
pub fn dispute_hint(case_id: &str) -> String {
    format!(
        "to dispute: add `{}` (your reading of the sentence) to the --expected-failures file; see docs/disputes.md",
        dispute_entry(case_id)
    )
}

/// `CASE-ID: { dispute: "…" }`: the entry, with `…` for the reading.
pub fn dispute_entry(case_id: &str) -> String {
    format!("{case_id}: {{ dispute: \"…\" }}")
}

/// No new failures, and with `strict` no stale entries either.
pub fn verdict(gate: &Gate) -> bool {
    gate.new.is_empty() && (gate.stale.is_empty() || !gate.strict)
}

/// What the console says about a gate, one line per group.
pub fn summary(gate: &Gate) -> String {
    let mut out = String::new();
    let list = |ids: &[String]| ids.join(", ");
    out.push_str(&format!(
        "gate ({}): {}\n",
        gate.file,
        if gate.passed { "passed" } else { "FAILED" }
    ));
    out.push_str(&format!(
        "  expected failures: {}{}\n",
        gate.expected.len(),
        if gate.expected.is_empty() {
            String::new()
        } else {
            format!(" ({})", list(&gate.expected))
        }
    ));
    if !gate.disputed.is_empty() {
        out.push_str(&format!(
            "  disputed: {} ({})\n",
            gate.disputed.len(),
            list(&gate.disputed)
        ));
    }
    out.push_str(&format!(
        "  new failures: {}{}\n",
        gate.new.len(),
        if gate.new.is_empty() {
            String::new()
        } else {
            format!(" ({})", list(&gate.new))
        }
    ));
    out.push_str(&format!(
        "  stale entries (listed but passed{}): {}{}\n",
        if gate.strict {
            "; --strict fails on them"
        } else {
            ""
        },
        gate.stale.len(),
        if gate.stale.is_empty() {
            String::new()
        } else {
            format!(" ({})", list(&gate.stale))
        }
    ));
    if !gate.not_run.is_empty() {
        out.push_str(&format!("  listed but not run: {}\n", gate.not_run.len()));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report, run};

    fn list(text: &str) -> ExpectedFailures {
        ExpectedFailures::parse(Path::new("x.yaml"), text).unwrap()
    }

    #[test]
    fn a_listed_failure_passes_the_gate_and_an_unlisted_one_fails_it() {
        let expected = list("a::json::v1-get: known\n");
        let mut r = report(vec![run("a::json::v1-get", OutcomeKind::Failed)]);
        expected.judge(&mut r, false);
        r.recount();
        let gate = r.gate.clone().unwrap();
        assert!(gate.passed && r.passed());
        assert_eq!(gate.expected, vec!["a::json::v1-get"]);
        assert_eq!(r.totals.expected_failures, 1);
        assert_eq!(r.runs[0].expected_failure.as_deref(), Some("known"));

        let mut r = report(vec![run("b::json::v1-get", OutcomeKind::Failed)]);
        expected.judge(&mut r, false);
        let gate = r.gate.unwrap();
        assert!(!gate.passed);
        assert_eq!(gate.new, vec!["b::json::v1-get"]);
        assert_eq!(gate.not_run, vec!["a::json::v1-get"]);
    }

    #[test]
    fn a_listed_run_that_passes_is_stale_and_fails_only_a_strict_gate() {
        let expected = list("a::json::v1-get: fixed since\n");
        let mut r = report(vec![run("a::json::v1-get", OutcomeKind::Passed)]);
        expected.judge(&mut r, false);
        assert_eq!(r.gate.as_ref().unwrap().stale, vec!["a::json::v1-get"]);
        assert!(r.gate.as_ref().unwrap().passed);
        expected.judge(&mut r, true);
        assert!(!r.gate.as_ref().unwrap().passed);
        assert!(summary(r.gate.as_ref().unwrap()).contains("stale entries"));
    }

    #[test]
    fn a_disputed_case_covers_its_runs_and_is_reported_apart_from_expected_failures() {
        let expected = list("a:\n  dispute: \"I read §5 otherwise\"\nb::json::v1-get: known\n");
        let mut r = report(vec![
            run("a::json::v1-get", OutcomeKind::Failed),
            run("a::xml::v3", OutcomeKind::Failed),
            run("b::json::v1-get", OutcomeKind::Failed),
        ]);
        expected.judge(&mut r, false);
        r.recount();
        let gate = r.gate.clone().unwrap();
        assert!(gate.passed);
        assert_eq!(gate.disputed, vec!["a::json::v1-get", "a::xml::v3"]);
        assert_eq!(gate.expected, vec!["b::json::v1-get"]);
        assert_eq!(r.totals.disputed, 2);
        assert_eq!(r.totals.expected_failures, 1);
        assert!(r.runs[0].disputed && !r.runs[2].disputed);
        assert!(summary(&gate).contains("disputed: 2"));
    }

    #[test]
    fn a_listed_case_is_stale_only_when_none_of_its_runs_failed() {
        let expected = list("a:\n  dispute: \"x\"\nb: known\n");
        let mut r = report(vec![
            run("a::json::v1-get", OutcomeKind::Failed),
            run("a::json::v3", OutcomeKind::Passed),
            run("b::json::v1-get", OutcomeKind::Passed),
        ]);
        expected.judge(&mut r, true);
        let gate = r.gate.unwrap();
        assert_eq!(gate.stale, vec!["b"]);
        assert!(!gate.passed);
    }

    #[test]
    fn the_dispute_hint_is_an_entry_the_expected_failures_file_accepts() {
        let hint = dispute_hint("gateway.nonce-missing");
        let entry = hint.split('`').nth(1).expect("the entry is in a code span");
        let parsed = list(entry);
        assert!(
            parsed.entries["gateway.nonce-missing"].is_dispute(),
            "{hint}"
        );
        assert!(hint.contains("docs/disputes.md"), "{hint}");
    }

    #[test]
    fn an_expected_failures_file_that_is_not_a_map_says_what_it_should_be() {
        let err = ExpectedFailures::parse(Path::new("x.yaml"), "- a\n- b\n").unwrap_err();
        assert!(
            err.contains("map of run id (or case id) to reason or dispute"),
            "{err}"
        );
        assert!(list("").entries.is_empty());
    }
}
