//! The console's section on the reference snapshots, printed after the
//! libtest lines: every run that differs from the reference without that
//! failing it (the reference set seen from another target), with its diff,
//! and every run that matched another documented reading than its snapshot
//! recorded.
//!
//! Runs with the same diff (one case over several request styles, or one
//! difference a target makes everywhere) are listed together under one
//! diff. When more than [`MANY_RUNS`] runs differ, only the first
//! [`FEW_DIFFS`] diffs are shown, with a count and where the rest are (the
//! reports, or `--show-all-differences`), so that the verdict printed after
//! this section is not buried under hundreds of advisory lines.

use std::fmt::Write as _;

use super::model::{ReadingChoice, ReferenceEntry, Report, RunEntry};

/// More runs than this differing, and the section shows only the first
/// [`FEW_DIFFS`] diffs (unless every one is asked for).
pub const MANY_RUNS: usize = 20;

/// Distinct diffs shown when many runs differ; the rest are counted.
pub const FEW_DIFFS: usize = 3;

/// How much of the section the console shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shown {
    /// Every diff (`--show-all-differences`).
    All,
    /// The first [`FEW_DIFFS`] diffs when more than [`MANY_RUNS`] runs
    /// differ; the rest are counted, and said to be in `reports`.
    Few,
}

/// Runs listed by id under one diff; the rest are counted.
const MAX_IDS: usize = 8;

/// Whether a run differs from the reference without having failed for it.
pub fn advisory_difference(run: &RunEntry) -> Option<&str> {
    let diff = run.reference.diff()?;
    (!run.failures.iter().any(|f| f.what == "snapshot")).then_some(diff)
}

/// `step: reading, …`.
pub fn readings_text(readings: &[ReadingChoice]) -> String {
    readings
        .iter()
        .map(|r| format!("{}: {}", r.step, r.reading))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The section, or `""` when no run differs and none matched another
/// reading; `reports` names where every diff is (the report files
/// written, if any).
pub fn console_section(report: &Report, shown: Shown, reports: &[String]) -> String {
    let mut out = String::new();
    let mut groups: Vec<(&str, Vec<&str>)> = Vec::new();
    for run in &report.runs {
        if let Some(diff) = advisory_difference(run) {
            match groups.iter_mut().find(|(d, _)| *d == diff) {
                Some((_, ids)) => ids.push(&run.id),
                None => groups.push((diff, vec![&run.id])),
            }
        }
    }
    let differing: usize = groups.iter().map(|(_, ids)| ids.len()).sum();
    if differing > 0 {
        let _ = writeln!(
            out,
            "\n{differing} run(s) differ from the reference snapshots, in {} way(s). Advisory: the reference set was recorded from the embedded emulator, and these runs are judged by their expectations (--snapshots strict makes a difference fail; a profile's `snapshots:` names this target's own set).",
            groups.len()
        );
        let limit = match shown {
            Shown::Few if differing > MANY_RUNS => FEW_DIFFS,
            _ => groups.len(),
        };
        for (diff, ids) in groups.iter().take(limit) {
            let shown: Vec<&str> = ids.iter().take(MAX_IDS).copied().collect();
            let more = match ids.len().saturating_sub(MAX_IDS) {
                0 => String::new(),
                n => format!(" and {n} more"),
            };
            let _ = writeln!(
                out,
                "\ndiffers from the reference: {}{more}",
                shown.join(", ")
            );
            for line in diff.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
        if groups.len() > limit {
            let left: usize = groups[limit..].iter().map(|(_, ids)| ids.len()).sum();
            let _ = writeln!(
                out,
                "\n… and {left} more run(s) differ in {} more way(s): every run's diff is in {}; --show-all-differences prints them all here",
                groups.len() - limit,
                match reports {
                    [] => "the JSON report's `reference` and the HTML report (--json, --html)"
                        .to_string(),
                    files => files.join(", "),
                }
            );
        }
    }
    let other: Vec<&RunEntry> = report
        .runs
        .iter()
        .filter(|r| matches!(r.reference, ReferenceEntry::OtherReading { .. }))
        .collect();
    if !other.is_empty() {
        let _ = writeln!(
            out,
            "\n{} run(s) matched another documented reading than their snapshot recorded (not compared, never failed):",
            other.len()
        );
        for run in other {
            if let ReferenceEntry::OtherReading { recorded, matched } = &run.reference {
                let _ = writeln!(
                    out,
                    "  other reading: {} ({}; the snapshot recorded {})",
                    run.id,
                    readings_text(matched),
                    readings_text(recorded)
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{FailureEntry, OutcomeKind};
    use crate::report::testing::{report, run};

    fn differs(id: &str, diff: &str) -> RunEntry {
        let mut entry = run(id, OutcomeKind::Passed);
        entry.reference = ReferenceEntry::Differs {
            diff: diff.to_string(),
        };
        entry
    }

    #[test]
    fn the_section_groups_runs_by_diff_and_shows_each_diff_once() {
        let diff = "--- accepted snapshot\n+++ actual answer\n@@ -1 +1 @@\n-a\n+b\n";
        let mut other = run("c::json::v1-get", OutcomeKind::Passed);
        other.reference = ReferenceEntry::OtherReading {
            recorded: vec![ReadingChoice {
                step: "request".into(),
                reading: "allowed".into(),
            }],
            matched: vec![ReadingChoice {
                step: "request".into(),
                reading: "forbidden".into(),
            }],
        };
        let text = console_section(
            &report(vec![
                differs("a::json::v1-get", diff),
                differs("a::json::v3", diff),
                run("b::json::v1-get", OutcomeKind::Passed),
                other,
            ]),
            Shown::Few,
            &[],
        );
        assert_eq!(
            text,
            "\n2 run(s) differ from the reference snapshots, in 1 way(s). Advisory: the reference set was recorded from the embedded emulator, and these runs are judged by their expectations (--snapshots strict makes a difference fail; a profile's `snapshots:` names this target's own set).\n\
             \ndiffers from the reference: a::json::v1-get, a::json::v3\n\
             \x20   --- accepted snapshot\n\
             \x20   +++ actual answer\n\
             \x20   @@ -1 +1 @@\n\
             \x20   -a\n\
             \x20   +b\n\
             \n1 run(s) matched another documented reading than their snapshot recorded (not compared, never failed):\n\
             \x20 other reading: c::json::v1-get (request: forbidden; the snapshot recorded request: allowed)\n"
        );
    }

    #[test]
    fn a_difference_that_failed_the_run_is_not_repeated_here() {
        let mut failed = differs("a::json::v1-get", "-a\n+b\n");
        failed.outcome = OutcomeKind::Failed;
        failed.failures.push(FailureEntry {
            step: "request".into(),
            what: "snapshot".into(),
            expected: "x".into(),
            actual: "y".into(),
            location: None,
            detail: None,
            ..FailureEntry::default()
        });
        assert_eq!(console_section(&report(vec![failed]), Shown::Few, &[]), "");
    }

    #[test]
    fn many_differences_show_a_few_and_say_where_the_rest_are() {
        let runs: Vec<RunEntry> = (0..30)
            .map(|i| differs(&format!("c{i}::json::v1-get"), &format!("-{i}\n+x\n")))
            .collect();
        let text = console_section(&report(runs), Shown::Few, &["report.json".into()]);
        assert_eq!(
            text.matches("differs from the reference:").count(),
            FEW_DIFFS
        );
        assert!(
            text.contains("… and 27 more run(s) differ in 27 more way(s): every run's diff is in report.json; --show-all-differences prints them all here"),
            "{text}"
        );
    }

    #[test]
    fn a_few_differences_or_the_flag_show_every_diff() {
        let runs = |n: usize| -> Vec<RunEntry> {
            (0..n)
                .map(|i| differs(&format!("c{i}::json::v1-get"), &format!("-{i}\n+x\n")))
                .collect()
        };
        let few = console_section(&report(runs(MANY_RUNS)), Shown::Few, &[]);
        assert_eq!(
            few.matches("differs from the reference:").count(),
            MANY_RUNS
        );
        let all = console_section(&report(runs(30)), Shown::All, &[]);
        assert_eq!(all.matches("differs from the reference:").count(), 30);
        assert!(!all.contains("more run(s) differ"), "{all}");
    }
}
