//! What a reader takes in at a glance, computed once from a [`Report`] for
//! the human formats (HTML, Markdown, the badge): the [`Verdict`], the
//! counts per contract area ([`areas`]), the readings a target's answers
//! matched ([`readings`]), the differences from the reference grouped by
//! field ([`differences`]) and the command that reproduces a run
//! ([`reproduce`]). Nothing here renders; each format decides how to show
//! these values.

pub mod areas;
pub mod differences;
pub mod readings;

pub use areas::{AreaCount, areas};
pub use differences::{FieldDifference, differences};
pub use readings::{AmbiguityReadings, readings};

use super::model::{Report, RunEntry};

/// The one-word judgement of a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Something was judged and no failure counts against the target (no
    /// failures, or only failures listed in the expected-failures file).
    Passed,
    /// A failure counts against the target (or the gate failed).
    Failed,
    /// No failure counts against the target, but some runs were not
    /// judged: the verdict is incomplete, never a pass.
    Incomplete,
    /// No run passed or failed: every run was ignored, or none was selected.
    NothingTested,
}

impl Verdict {
    pub fn of(report: &Report) -> Verdict {
        let t = &report.totals;
        if t.not_judged > 0 {
            if report.no_failure_counts() {
                Verdict::Incomplete
            } else {
                Verdict::Failed
            }
        } else if t.passed + t.failed == 0 {
            Verdict::NothingTested
        } else if report.passed() {
            Verdict::Passed
        } else {
            Verdict::Failed
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Verdict::Passed => "passed",
            Verdict::Failed => "failed",
            Verdict::Incomplete => "incomplete",
            Verdict::NothingTested => "nothing tested",
        }
    }
}

/// `createimage-contract run --exact RUN-ID`, with the target (or the
/// embedded emulator's mutant) the report was made against. The target URL
/// in a report never carries credentials.
pub fn reproduce(report: &Report, run: &RunEntry) -> String {
    if let Some(command) = &report.provenance.options.command {
        return format!("{command} --exact {}", shell_word(&run.id));
    }
    let target = &report.provenance.target;
    let mut command = String::from("createimage-contract run");
    if !target.embedded {
        command.push_str(" --target ");
        command.push_str(&shell_word(&target.url));
    } else if let Some(mutant) = &target.mutant {
        command.push_str(" --mutant ");
        command.push_str(&shell_word(mutant));
    }
    command.push_str(" --exact ");
    command.push_str(&shell_word(&run.id));
    command
}

/// A word a POSIX shell reads back unchanged: as is when it holds only safe
/// characters, otherwise in single quotes.
pub fn shell_word(word: &str) -> String {
    let safe = |c: char| c.is_ascii_alphanumeric() || "-_.:/=@%+,".contains(c);
    if !word.is_empty() && word.chars().all(safe) {
        word.to_string()
    } else {
        format!("'{}'", word.replace('\'', r"'\''"))
    }
}

/// The runs whose second target, in a differential run, answered
/// differently.
pub fn differing(report: &Report) -> Vec<&RunEntry> {
    report
        .runs
        .iter()
        .filter(|r| r.differential.as_ref().is_some_and(|d| d.differs))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::OutcomeKind;
    use crate::report::testing::{report, run};

    #[test]
    fn the_verdict_is_nothing_tested_when_every_run_was_ignored() {
        let ignored = report(vec![run("a::json::v1-get", OutcomeKind::Ignored)]);
        assert_eq!(Verdict::of(&ignored), Verdict::NothingTested);
        assert_eq!(Verdict::of(&report(vec![])), Verdict::NothingTested);
        let passed = report(vec![run("a::json::v1-get", OutcomeKind::Passed)]);
        assert_eq!(Verdict::of(&passed), Verdict::Passed);
        let failed = report(vec![run("a::json::v1-get", OutcomeKind::Failed)]);
        assert_eq!(Verdict::of(&failed), Verdict::Failed);
    }

    #[test]
    fn a_run_not_judged_makes_the_verdict_incomplete_unless_a_failure_counts() {
        let not_judged = || run("b::json::v1-get", OutcomeKind::NotJudged);
        let incomplete = report(vec![
            run("a::json::v1-get", OutcomeKind::Passed),
            not_judged(),
        ]);
        assert_eq!(Verdict::of(&incomplete), Verdict::Incomplete);
        assert!(!incomplete.passed());
        assert_eq!(
            Verdict::of(&report(vec![not_judged()])),
            Verdict::Incomplete
        );
        let failed = report(vec![
            run("a::json::v1-get", OutcomeKind::Failed),
            not_judged(),
        ]);
        assert_eq!(Verdict::of(&failed), Verdict::Failed);
    }

    #[test]
    fn the_reproduce_command_names_the_target_and_quotes_what_a_shell_would_read() {
        let mut r = report(vec![run("a.b::json::v1-get", OutcomeKind::Failed)]);
        assert_eq!(
            reproduce(&r, &r.runs[0]),
            "createimage-contract run --target http://127.0.0.1:1 --exact a.b::json::v1-get"
        );
        r.provenance.target.embedded = true;
        r.provenance.target.mutant = Some("m'; rm -rf /".into());
        assert_eq!(
            reproduce(&r, &r.runs[0]),
            r"createimage-contract run --mutant 'm'\''; rm -rf /' --exact a.b::json::v1-get"
        );
    }

    #[test]
    fn a_report_that_recorded_its_command_reproduces_with_it() {
        let mut r = report(vec![run("a.b::json::v3", OutcomeKind::Failed)]);
        r.provenance.options.command =
            Some("createimage-contract run --reading image-name-characters=colon-refused".into());
        assert_eq!(
            reproduce(&r, &r.runs[0]),
            "createimage-contract run --reading image-name-characters=colon-refused --exact a.b::json::v3"
        );
    }
}
