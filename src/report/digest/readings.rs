//! [`readings`]: for every documented contradiction of the contract
//! ([`AMBIGUITIES`]), which of its readings this target's answers matched,
//! and how often.
//!
//! A run belongs to an ambiguity when one of its rules names it in the
//! contract data (`params::Rule::ambiguities`), or one of its tags is the
//! ambiguity's id (or `ambiguity:ID`). Cases name the branches of a
//! `one_of` after the ambiguity's choices, so a run's recorded reading
//! (`RunEntry::readings`) is counted under the documented reading of that
//! name; a branch named otherwise is counted by its own name. Readings of
//! runs that belong to no ambiguity are counted apart ([`Readings::unlinked`]).

use crate::contract::ambiguities::{AMBIGUITIES, Ambiguity};
use crate::contract::params;
use crate::report::model::{OutcomeKind, Report, RunEntry};

/// Every ambiguity's tally, in [`AMBIGUITIES`] order.
#[derive(Clone, Debug)]
pub struct Readings {
    pub ambiguities: Vec<AmbiguityReadings>,
    /// Reading name → runs, for runs linked to no ambiguity.
    pub unlinked: Vec<(String, usize)>,
}

/// One ambiguity: the runs that bear on it and the readings they matched.
#[derive(Clone, Debug)]
pub struct AmbiguityReadings {
    pub ambiguity: &'static Ambiguity,
    /// Runs that belong to it (any outcome).
    pub runs: usize,
    /// Each documented reading, in the ambiguity's order, with the runs
    /// whose answers matched it.
    pub documented: Vec<(&'static str, usize)>,
    /// Branch names that are not a documented choice, with their runs.
    pub other: Vec<(String, usize)>,
    /// Failed runs with a `one_of` expectation: they matched no reading.
    pub matched_none: usize,
}

impl AmbiguityReadings {
    /// The documented readings this target's answers matched at least once.
    pub fn chosen(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.documented.iter().copied().filter(|(_, n)| *n > 0)
    }
}

/// Whether `run` bears on `ambiguity`.
pub fn belongs(run: &RunEntry, ambiguity: &Ambiguity) -> bool {
    run.tags
        .iter()
        .any(|t| t == ambiguity.id || t.strip_prefix("ambiguity:") == Some(ambiguity.id))
        || run
            .rules
            .iter()
            .any(|rule| params::find(rule).is_some_and(|r| r.ambiguities.contains(&ambiguity.id)))
}

pub fn readings(report: &Report) -> Readings {
    let mut ambiguities: Vec<AmbiguityReadings> = AMBIGUITIES
        .iter()
        .map(|ambiguity| AmbiguityReadings {
            ambiguity,
            runs: 0,
            documented: ambiguity.readings.iter().map(|r| (r.choice, 0)).collect(),
            other: Vec::new(),
            matched_none: 0,
        })
        .collect();
    let mut unlinked = Vec::new();
    for run in &report.runs {
        let mut linked = false;
        for tally in ambiguities.iter_mut().filter(|t| belongs(run, t.ambiguity)) {
            linked = true;
            tally.runs += 1;
            if run.outcome == OutcomeKind::Failed
                && run.expected.iter().any(|e| e.reading.is_some())
            {
                tally.matched_none += 1;
            }
            for name in names(run) {
                match tally
                    .documented
                    .iter_mut()
                    .find(|(choice, _)| *choice == name)
                {
                    Some((_, count)) => *count += 1,
                    None => add(&mut tally.other, name),
                }
            }
        }
        if !linked {
            for name in names(run) {
                add(&mut unlinked, name);
            }
        }
    }
    Readings {
        ambiguities,
        unlinked,
    }
}

/// The distinct reading names a run's answers matched.
fn names(run: &RunEntry) -> Vec<&str> {
    let mut names: Vec<&str> = Vec::new();
    for choice in &run.readings {
        if !names.contains(&choice.reading.as_str()) {
            names.push(&choice.reading);
        }
    }
    names
}

fn add(counts: &mut Vec<(String, usize)>, name: &str) {
    match counts.iter_mut().find(|(n, _)| n == name) {
        Some((_, count)) => *count += 1,
        None => counts.push((name.to_string(), 1)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{ExpectedStep, ReadingChoice};
    use crate::report::testing::{report, run};

    fn choosing(id: &str, reading: &str, tag: &str) -> RunEntry {
        let mut run = run(id, OutcomeKind::Passed);
        run.tags = vec![tag.to_string()];
        run.readings = vec![ReadingChoice {
            step: "request".into(),
            reading: reading.into(),
        }];
        run
    }

    #[test]
    fn a_run_belongs_to_the_ambiguities_its_rules_or_tags_name() {
        let device = Ambiguity::by_id("device-names").unwrap();
        let (_, rule) = params::rules()
            .find(|(_, r)| r.ambiguities.contains(&"device-names"))
            .unwrap();
        let mut run = run("a::json::v1-get", OutcomeKind::Passed);
        assert!(!belongs(&run, device));
        run.rules = vec![rule.id.to_string()];
        assert!(belongs(&run, device));
        run.rules.clear();
        run.tags = vec!["ambiguity:device-names".into()];
        assert!(belongs(&run, device));
    }

    #[test]
    fn matched_readings_are_counted_under_the_documented_choice_of_that_name() {
        let ambiguity = AMBIGUITIES
            .iter()
            .find(|a| a.readings.len() > 1)
            .expect("an ambiguity with two readings");
        let [first, second, ..] = ambiguity.readings else {
            unreachable!()
        };
        let tag = format!("ambiguity:{}", ambiguity.id);
        let mut failed = run("d::json::v1-get", OutcomeKind::Failed);
        failed.tags = vec![tag.clone()];
        failed.expected = vec![ExpectedStep {
            step: "request".into(),
            reading: Some(first.choice.into()),
            status: Some(400),
            code: None,
            message: None,
        }];
        let tally = readings(&report(vec![
            choosing("a::json::v1-get", first.choice, &tag),
            choosing("a::xml::v1-get", first.choice, &tag),
            choosing("b::json::v1-get", second.choice, &tag),
            choosing("c::json::v1-get", "a-branch-name", &tag),
            choosing("e::json::v1-get", "elsewhere", "no-ambiguity"),
            failed,
        ]));
        let found = tally
            .ambiguities
            .iter()
            .find(|t| t.ambiguity.id == ambiguity.id)
            .unwrap();
        assert_eq!(found.runs, 5);
        assert_eq!(found.documented[0], (first.choice, 2));
        assert_eq!(found.documented[1], (second.choice, 1));
        assert_eq!(found.other, [("a-branch-name".to_string(), 1)]);
        assert_eq!(found.matched_none, 1);
        assert_eq!(tally.unlinked, [("elsewhere".to_string(), 1)]);
    }
}
