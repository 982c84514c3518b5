//! The last line `run` prints: the verdict, after the advisory sections
//! and the gate's counts, so that it is never buried. With an
//! expected-failures gate that passed, it says so even when libtest-mimic's
//! own line above reads `test result: FAILED` (it counts the listed runs).

use crate::report::Report;
use crate::report::digest::Verdict;

/// `createimage-contract: passed: …`, or `None` when nothing was tested
/// (the line that says so comes next).
pub fn last_line(report: &Report) -> Option<String> {
    let t = &report.totals;
    let verdict = Verdict::of(report);
    let word = match verdict {
        Verdict::Passed => "passed",
        Verdict::Failed => "FAILED",
        Verdict::Incomplete => "INCOMPLETE",
        Verdict::NothingTested => return None,
    };
    let mut parts = Vec::new();
    match &report.gate {
        Some(gate) => {
            let listed = [
                (gate.disputed.len(), "disputed run"),
                (gate.expected.len(), "expected failure"),
            ]
            .iter()
            .filter(|(n, _)| *n > 0)
            .map(|(n, what)| count(*n, what))
            .collect::<Vec<_>>();
            let mut text = format!(
                "the gate {}{}",
                if gate.passed { "passed" } else { "FAILED" },
                if listed.is_empty() {
                    String::new()
                } else {
                    format!(" with {}", listed.join(" and "))
                }
            );
            text.push_str(&match gate.new.len() {
                0 => ", no new failure".to_string(),
                n => format!(", {}", count(n, "new failure")),
            });
            if gate.strict && !gate.stale.is_empty() {
                text.push_str(&format!(
                    ", {} (--strict)",
                    count(gate.stale.len(), "stale entry")
                ));
            }
            parts.push(text);
        }
        None if t.passed + t.failed == 0 => {}
        None if t.failed == 0 => parts.push(format!("{} passed", count(t.passed, "run"))),
        None => parts.push(format!(
            "{} of {} failed",
            t.failed,
            count(t.passed + t.failed, "run")
        )),
    }
    let broken = report.invariants_broken();
    if broken > 0 {
        parts.push(format!("{} broken", count(broken, "invariant")));
    }
    if t.not_judged > 0 {
        parts.push(format!("{} not judged", count(t.not_judged, "run")));
    }
    let mut line = format!("createimage-contract: {word}: {}", parts.join("; "));
    if verdict == Verdict::Passed && t.failed > 0 {
        line.push_str(" (libtest's \"test result: FAILED\" above counts the listed runs)");
    }
    Some(line)
}

/// `1 run`, `2 runs`; `1 entry`, `2 entries`.
fn count(n: usize, what: &str) -> String {
    match (n, what.strip_suffix('y')) {
        (1, _) => format!("1 {what}"),
        (_, Some(stem)) => format!("{n} {stem}ies"),
        (_, None) => format!("{n} {what}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::ExpectedFailures;
    use crate::report::model::OutcomeKind;
    use crate::report::testing::{report, run};

    fn gated(list: &str, runs: Vec<crate::report::model::RunEntry>) -> Report {
        let mut r = report(runs);
        ExpectedFailures::parse(std::path::Path::new("x.yaml"), list)
            .unwrap()
            .judge(&mut r, false);
        r.recount();
        r
    }

    #[test]
    fn a_gate_that_passes_with_every_failure_disputed_says_so_last() {
        let r = gated(
            "a: { dispute: \"x\" }\n",
            vec![
                run("a::json::v1-get", OutcomeKind::Failed),
                run("a::xml::v3", OutcomeKind::Failed),
                run("b::json::v1-get", OutcomeKind::Passed),
            ],
        );
        assert_eq!(
            last_line(&r).unwrap(),
            "createimage-contract: passed: the gate passed with 2 disputed runs, no new failure (libtest's \"test result: FAILED\" above counts the listed runs)"
        );
    }

    #[test]
    fn a_gate_that_fails_counts_its_new_failures() {
        let r = gated(
            "a::json::v1-get: known\n",
            vec![
                run("a::json::v1-get", OutcomeKind::Failed),
                run("b::json::v1-get", OutcomeKind::Failed),
            ],
        );
        assert_eq!(
            last_line(&r).unwrap(),
            "createimage-contract: FAILED: the gate FAILED with 1 expected failure, 1 new failure"
        );
    }

    #[test]
    fn without_a_gate_the_line_counts_the_failed_runs() {
        let r = report(vec![
            run("a::json::v1-get", OutcomeKind::Failed),
            run("b::json::v1-get", OutcomeKind::Passed),
        ]);
        assert_eq!(
            last_line(&r).unwrap(),
            "createimage-contract: FAILED: 1 of 2 runs failed"
        );
        assert_eq!(last_line(&report(vec![])), None);
        let passed = report(vec![run("b::json::v1-get", OutcomeKind::Passed)]);
        assert_eq!(
            last_line(&passed).unwrap(),
            "createimage-contract: passed: 1 run passed"
        );
    }
}
