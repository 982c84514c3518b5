//! How much of the documented contract a suite covers: for every rule of
//! [`crate::contract::params`], every class of each rule
//! ([`crate::contract::classes`]) and every error row of
//! [`crate::contract::errors`], the cases that exercise it ([`Coverage`]),
//! and, after a run, what the target answered ([`Tally`] per case).
//!
//! A case covers a rule it names in `rule:`, and a class of that rule when
//! it carries the tag `class:ID`. A case covers an error row when one of
//! its expectations (or one of its `one_of` readings) states that row's
//! status, code and message ([`rows::expected_rows`]). Only definite cases
//! count ([`definite`]): an informational case, or one that passes whatever
//! the target answers, covers nothing. A rule marked not observable needs no
//! case, nor does a class no generated request can exercise
//! ([`crate::suite::generated::plan`] says why); every other rule, class and
//! row does.

pub mod definite;
mod render;
mod rows;

use std::collections::BTreeMap;

pub use render::render;
pub use rows::expected_rows;

use crate::contract::errors::{ERROR_ROWS, ErrorRow};
use crate::contract::invariants::{INVARIANTS, Invariant, Range};
use crate::contract::params::{self, Param, Rule};
use crate::runner::{Outcome, RunRecord};
use crate::suite::Suite;
use crate::suite::generated::{self, CLASS_TAG, Planned};

/// Every documented rule, class and row, with the cases that exercise it.
#[derive(Clone, Debug)]
pub struct Coverage {
    pub rules: Vec<RuleCoverage>,
    pub classes: Vec<ClassCoverage>,
    pub rows: Vec<RowCoverage>,
    /// Asserted parts of every case's expectations (`suite::trace`).
    pub expectations: usize,
    /// Those no sentence of the documents fixes, with their case id.
    pub untraced: Vec<(String, crate::suite::trace::Untraced)>,
    /// Every run-level invariant and the cases whose answers it ranges over.
    pub invariants: Vec<InvariantCoverage>,
}

/// One run-level invariant and the definite cases whose answers it ranges
/// over: every case for an invariant over every answer, the cases with a
/// step that expects a success for one over successful creates.
#[derive(Clone, Debug)]
pub struct InvariantCoverage {
    pub invariant: &'static Invariant,
    pub cases: Vec<String>,
}

/// Whether some step of `case` expects a 2xx answer (in some reading).
fn expects_success(case: &crate::suite::Case) -> bool {
    let success = |e: &crate::suite::Expect| {
        e.status
            .as_ref()
            .is_some_and(|s| (200..300).contains(&s.value))
    };
    case.steps.iter().any(|step| match &step.expect {
        crate::suite::Expectation::Single(e) => success(e),
        crate::suite::Expectation::OneOf(readings) => readings.iter().any(|r| success(&r.expect)),
    })
}

/// One class of one rule and the ids of the cases that exercise it.
#[derive(Clone, Debug)]
pub struct ClassCoverage {
    pub planned: Planned,
    pub cases: Vec<String>,
}

impl ClassCoverage {
    /// Applicable and exercised by no case.
    pub fn is_uncovered(&self) -> bool {
        self.cases.is_empty() && self.planned.not_applicable.is_none()
    }
}

/// One rule and the ids of the cases that name it.
#[derive(Clone, Debug)]
pub struct RuleCoverage {
    pub param: &'static Param,
    pub rule: &'static Rule,
    pub cases: Vec<String>,
}

/// One error row and the ids of the cases that expect it.
#[derive(Clone, Debug)]
pub struct RowCoverage {
    pub row: &'static ErrorRow,
    pub cases: Vec<String>,
}

impl RuleCoverage {
    /// Observable and exercised by no case.
    pub fn is_uncovered(&self) -> bool {
        self.cases.is_empty() && self.rule.unobservable.is_none()
    }
}

impl Coverage {
    /// What `suite` covers.
    pub fn of(suite: &Suite) -> Coverage {
        let mut rules: Vec<RuleCoverage> = params::rules()
            .map(|(param, rule)| RuleCoverage {
                param,
                rule,
                cases: Vec::new(),
            })
            .collect();
        let mut rows: Vec<RowCoverage> = ERROR_ROWS
            .iter()
            .map(|row| RowCoverage {
                row,
                cases: Vec::new(),
            })
            .collect();
        let mut classes: Vec<ClassCoverage> = generated::plan()
            .into_iter()
            .map(|planned| ClassCoverage {
                planned,
                cases: Vec::new(),
            })
            .collect();
        let mut expectations = 0;
        let mut untraced = Vec::new();
        let mut invariants: Vec<InvariantCoverage> = INVARIANTS
            .iter()
            .map(|invariant| InvariantCoverage {
                invariant,
                cases: Vec::new(),
            })
            .collect();
        for (_, case) in suite.cases() {
            expectations += crate::suite::trace::parts(case);
            untraced.extend(
                crate::suite::trace::untraced(case)
                    .into_iter()
                    .map(|gap| (case.id.clone(), gap)),
            );
            if !definite::counts(case) {
                continue;
            }
            for named in &case.rules {
                if let Some(entry) = rules.iter_mut().find(|r| r.rule.id == *named) {
                    entry.cases.push(case.id.clone());
                }
                for tag in &case.tags {
                    let Some(class) = tag.strip_prefix(CLASS_TAG) else {
                        continue;
                    };
                    if let Some(entry) = classes
                        .iter_mut()
                        .find(|c| c.planned.rule == named && c.planned.class.id == class)
                    {
                        entry.cases.push(case.id.clone());
                    }
                }
            }
            let success = expects_success(case);
            for entry in &mut invariants {
                if entry.invariant.range == Range::EveryAnswer || success {
                    entry.cases.push(case.id.clone());
                }
            }
            for row in expected_rows(case) {
                if let Some(entry) = rows.iter_mut().find(|r| r.row.id == row.id) {
                    entry.cases.push(case.id.clone());
                }
            }
        }
        Coverage {
            rules,
            classes,
            rows,
            expectations,
            untraced,
            invariants,
        }
    }

    /// Applicable classes no case exercises.
    pub fn uncovered_classes(&self) -> impl Iterator<Item = &ClassCoverage> {
        self.classes.iter().filter(|c| c.is_uncovered())
    }

    /// Observable rules no case names.
    pub fn uncovered_rules(&self) -> impl Iterator<Item = &RuleCoverage> {
        self.rules.iter().filter(|r| r.is_uncovered())
    }

    /// Rows no case expects.
    pub fn uncovered_rows(&self) -> impl Iterator<Item = &RowCoverage> {
        self.rows.iter().filter(|r| r.cases.is_empty())
    }

    /// Every observable rule, every applicable class and every row has a case.
    pub fn is_complete(&self) -> bool {
        self.uncovered_rules().next().is_none()
            && self.uncovered_classes().next().is_none()
            && self.uncovered_rows().next().is_none()
            && self.untraced.is_empty()
    }
}

/// How a case's runs ended against a target.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Tally {
    pub passed: usize,
    pub failed: usize,
    pub ignored: usize,
    pub not_judged: usize,
}

impl Tally {
    pub fn add(&mut self, other: Tally) {
        self.passed += other.passed;
        self.failed += other.failed;
        self.ignored += other.ignored;
        self.not_judged += other.not_judged;
    }

    /// The sum over some cases.
    pub fn over(cases: &[String], results: &BTreeMap<String, Tally>) -> Tally {
        let mut total = Tally::default();
        for case in cases {
            if let Some(tally) = results.get(case) {
                total.add(*tally);
            }
        }
        total
    }
}

/// Run outcomes per case id.
pub fn tally(records: &[RunRecord]) -> BTreeMap<String, Tally> {
    let mut out: BTreeMap<String, Tally> = BTreeMap::new();
    for record in records {
        let tally = out.entry(record.run.case.id.clone()).or_default();
        match record.outcome {
            Outcome::Passed(_) => tally.passed += 1,
            Outcome::Failed(_) => tally.failed += 1,
            Outcome::Ignored(_) => tally.ignored += 1,
            Outcome::NotJudged(_) => tally.not_judged += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::{Known, load_str};
    use std::path::Path;

    fn suite(text: &str) -> Suite {
        let known = Known {
            fixtures: ["snapshot.system".to_owned()].into(),
            accounts: ["default".to_owned()].into(),
            ..Known::default()
        };
        let file = load_str(Path::new("cases/t.yaml"), text, &known).unwrap();
        Suite { files: vec![file] }
    }

    const TWO_CASES: &str = r#"area: X
cases:
  - id: name.too-short
    rule: ImageName.length
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: a }
    expect:
      status: 400
      code: InvalidImageName.Malformed
      message: The specified Image name is wrongly formed.
  - id: name.status-only
    rule: ImageName.prefix
    request: { SnapshotId: "{{fixture.snapshot.system}}", ImageName: "http://x" }
    expect: { status: 400, code: InvalidImageName.Malformed }
"#;

    #[test]
    fn a_case_covers_the_rules_it_names() {
        let coverage = Coverage::of(&suite(TWO_CASES));
        let length = coverage
            .rules
            .iter()
            .find(|r| r.rule.id == "ImageName.length")
            .unwrap();
        assert_eq!(length.cases, ["name.too-short"]);
        assert!(!coverage.is_complete());
    }

    #[test]
    fn a_row_is_covered_only_by_an_expectation_of_its_status_code_and_message() {
        let coverage = Coverage::of(&suite(TWO_CASES));
        let row = coverage
            .rows
            .iter()
            .find(|r| r.row.id == "image-name-malformed")
            .unwrap();
        assert_eq!(row.cases, ["name.too-short"]);
    }

    #[test]
    fn a_case_covers_the_class_its_tag_names_for_the_rules_it_names() {
        let text = format!(
            "{TWO_CASES}  - id: name.emoji\n    rule: ImageName.length\n    tags: [\"class:max-plus-1.outside-bmp\"]\n    request: {{ ImageName: x }}\n    expect: {{ status: 400, code: InvalidImageName.Malformed }}\n"
        );
        let coverage = Coverage::of(&suite(&text));
        let class = coverage
            .classes
            .iter()
            .find(|c| {
                c.planned.rule == "ImageName.length"
                    && c.planned.class.id == "max-plus-1.outside-bmp"
            })
            .unwrap();
        assert_eq!(class.cases, ["name.emoji"]);
        assert!(
            coverage
                .uncovered_classes()
                .any(|c| c.planned.class.id == "max.2-byte")
        );
    }

    #[test]
    fn an_informational_or_vacuous_case_covers_nothing() {
        let text = format!(
            "{TWO_CASES}  - id: name.any-400\n    rule: ImageName.unique\n    request: {{ ImageName: x }}\n    expect: {{ status: 400 }}\n  - id: name.told\n    rule: ImageName.unique\n    tags: [informational]\n    request: {{ ImageName: x }}\n    expect: {{ status: 400, code: InvalidImageName.Duplicated }}\n"
        );
        let coverage = Coverage::of(&suite(&text));
        let unique = coverage
            .rules
            .iter()
            .find(|r| r.rule.id == "ImageName.unique")
            .unwrap();
        assert!(unique.cases.is_empty(), "{:?}", unique.cases);
    }

    #[test]
    fn unobservable_rules_are_never_uncovered() {
        let coverage = Coverage::of(&suite(TWO_CASES));
        assert!(
            coverage
                .uncovered_rules()
                .all(|r| r.rule.unobservable.is_none())
        );
        assert!(
            coverage
                .uncovered_rules()
                .any(|r| r.rule.id == "ImageName.unique")
        );
    }
}
