//! [`readings`]: for every documented contradiction of the contract
//! ([`AMBIGUITIES`]), which of its readings this target's answers matched,
//! and how often.
//!
//! Cases name the branches of a `one_of` after the choices of the
//! ambiguity that splits the answer (`union`, `error-table`); a generated
//! case whose value two ambiguities split joins their choices with a dot
//! (`ascii.image-name-row`). Each part of a run's recorded reading
//! (`RunEntry::readings`) is counted under the documented reading of that
//! name of each ambiguity the run bears on ([`belongs`]). A part that is no
//! choice of such an ambiguity — `created`, `name-already-taken`: answers a
//! case accepts for other reasons than a contradiction — is no reading,
//! and is not counted; the run's own record keeps it.

use crate::contract::ambiguities::{AMBIGUITIES, Ambiguity};
use crate::contract::params;
use crate::report::model::{OutcomeKind, Report, RunEntry};

/// Every ambiguity's tally, in [`AMBIGUITIES`] order.
#[derive(Clone, Debug)]
pub struct Readings {
    pub ambiguities: Vec<AmbiguityReadings>,
}

/// One ambiguity: the runs that bear on it and the readings they matched.
#[derive(Clone, Debug)]
pub struct AmbiguityReadings {
    pub ambiguity: &'static Ambiguity,
    /// Runs that bear on it (any outcome).
    pub runs: usize,
    /// Each documented reading, in the ambiguity's order, with the runs
    /// whose answers matched it.
    pub documented: Vec<(&'static str, usize)>,
    /// Failed runs whose `one_of` offered readings of this ambiguity: they
    /// matched none of them.
    pub matched_none: usize,
}

impl AmbiguityReadings {
    /// The documented readings this target's answers matched at least once.
    pub fn chosen(&self) -> impl Iterator<Item = (&'static str, usize)> + '_ {
        self.documented.iter().copied().filter(|(_, n)| *n > 0)
    }
}

/// Whether `run` bears on `ambiguity`: one of its rules names the
/// ambiguity in the contract data (`params::Rule::ambiguities`), one of its
/// tags is the ambiguity's id (or `ambiguity:ID`), or its `one_of` offers
/// a reading that is the ambiguity's alone (no other has a choice of that
/// name).
pub fn belongs(run: &RunEntry, ambiguity: &Ambiguity) -> bool {
    run.tags
        .iter()
        .any(|t| t == ambiguity.id || t.strip_prefix("ambiguity:") == Some(ambiguity.id))
        || run
            .rules
            .iter()
            .any(|rule| params::find(rule).is_some_and(|r| r.ambiguities.contains(&ambiguity.id)))
        || offered(run).any(|name| owner(name).is_some_and(|a| a.id == ambiguity.id))
}

pub fn readings(report: &Report) -> Readings {
    let mut ambiguities: Vec<AmbiguityReadings> = AMBIGUITIES
        .iter()
        .map(|ambiguity| AmbiguityReadings {
            ambiguity,
            runs: 0,
            documented: ambiguity.readings.iter().map(|r| (r.choice, 0)).collect(),
            matched_none: 0,
        })
        .collect();
    for run in &report.runs {
        for tally in ambiguities.iter_mut().filter(|t| belongs(run, t.ambiguity)) {
            tally.runs += 1;
            let own = |name: &str| tally.ambiguity.reading(name).is_some();
            if run.outcome == OutcomeKind::Failed && offered(run).any(own) {
                tally.matched_none += 1;
            }
            for (choice, count) in tally.documented.iter_mut() {
                if matched(run).any(|name| name == *choice) {
                    *count += 1;
                }
            }
        }
    }
    Readings { ambiguities }
}

/// The parts of the reading names a run's answers matched.
fn matched(run: &RunEntry) -> impl Iterator<Item = &str> {
    run.readings
        .iter()
        .flat_map(|choice| choice.reading.split('.'))
}

/// The parts of the reading names the run's `one_of` expectations offer.
fn offered(run: &RunEntry) -> impl Iterator<Item = &str> {
    run.expected
        .iter()
        .filter_map(|e| e.reading.as_deref())
        .flat_map(|name| name.split('.'))
}

/// The one ambiguity with a choice of this name, if only one has it.
fn owner(name: &str) -> Option<&'static Ambiguity> {
    let mut owners = AMBIGUITIES.iter().filter(|a| a.reading(name).is_some());
    let first = owners.next()?;
    owners.next().is_none().then_some(first)
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
    fn a_run_belongs_to_the_ambiguity_whose_choice_alone_its_one_of_offers() {
        let offering = |names: &[&str]| {
            let mut run = run("a::json::v1-get", OutcomeKind::Passed);
            run.expected = names
                .iter()
                .map(|name| ExpectedStep {
                    step: "request".into(),
                    reading: Some((*name).into()),
                    status: Some(200),
                    code: None,
                    message: None,
                })
                .collect();
            run
        };
        let letters = Ambiguity::by_id("letters").unwrap();
        let device = Ambiguity::by_id("device-names").unwrap();
        let characters = Ambiguity::by_id("image-name-characters").unwrap();
        assert!(belongs(&offering(&["ascii.rejected", "unicode"]), letters));
        // `parameter-table` is a choice of two ambiguities: it names neither.
        let shared = offering(&["parameter-table"]);
        assert!(!belongs(&shared, device) && !belongs(&shared, characters));
        assert!(!belongs(&offering(&["created", "already-taken"]), letters));
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
            choosing("e::json::v1-get", first.choice, "no-ambiguity"),
            failed,
        ]));
        let found = tally
            .ambiguities
            .iter()
            .find(|t| t.ambiguity.id == ambiguity.id)
            .unwrap();
        assert_eq!(found.runs, 4);
        assert_eq!(found.documented[0], (first.choice, 2));
        assert_eq!(found.documented[1], (second.choice, 1));
        assert_eq!(found.matched_none, 1);
    }

    /// `image-name.shortest-allowed` accepts `created` or
    /// `name-already-taken`, and its rule bears on `empty-values`: neither
    /// branch is a reading of it nor of any other ambiguity. A branch
    /// named after two ambiguities' choices (`ascii.image-name-row`) is a
    /// reading of each of them, not of `empty-values`.
    #[test]
    fn a_branch_name_that_is_not_a_documented_choice_is_never_listed_under_an_ambiguity() {
        let branch = |name: &str| ExpectedStep {
            step: "request".into(),
            reading: Some(name.into()),
            status: Some(200),
            code: None,
            message: None,
        };
        let taken = || vec![branch("created"), branch("name-already-taken")];
        let tag = "ambiguity:empty-values";
        let mut created = choosing("c1::json::v1-get", "created", tag);
        created.expected = taken();
        let mut already = choosing("c2::json::v1-get", "name-already-taken", tag);
        already.expected = taken();
        let mut two = choosing("c3::json::v1-get", "ascii.image-name-row", tag);
        two.expected = vec![branch("ascii.image-name-row"), branch("unicode.own-code")];
        let mut failed = run("f::json::v1-get", OutcomeKind::Failed);
        failed.tags = vec![tag.into()];
        failed.expected = taken();
        let report = report(vec![created, already, two, failed]);
        let tally = readings(&report);
        let of = |id: &str| {
            tally
                .ambiguities
                .iter()
                .find(|t| t.ambiguity.id == id)
                .unwrap()
        };
        assert_eq!(of("empty-values").runs, 4);
        assert_eq!(of("empty-values").chosen().count(), 0);
        assert_eq!(of("empty-values").matched_none, 0);
        assert_eq!(of("letters").chosen().collect::<Vec<_>>(), [("ascii", 1)]);
        assert_eq!(
            of("image-family-error").chosen().collect::<Vec<_>>(),
            [("image-name-row", 1)]
        );
        for tally in &tally.ambiguities {
            for (choice, _) in tally.chosen() {
                assert!(tally.ambiguity.reading(choice).is_some(), "{choice}");
            }
        }
        let section = |page: &str, start: &str, end: &str| {
            let from = page.find(start).expect("a readings section");
            let to = page[from..].find(end).map_or(page.len(), |n| from + n);
            page[from..to].to_owned()
        };
        let markdown = crate::report::markdown::render(&report);
        let markdown = section(&markdown, "### Readings chosen", "\n\n###");
        let html = crate::report::html::render(&report);
        let html = section(&html, "<section id=\"readings\">", "</section>");
        for name in ["created", "name-already-taken"] {
            assert!(!markdown.contains(&format!("`{name}`")), "{markdown}");
            assert!(!html.contains(&format!("<code>{name}</code>")), "{html}");
        }
        assert!(
            markdown.contains("| `letters` | `ascii` | `ascii` × 1 |"),
            "{markdown}"
        );
        assert!(!markdown.contains("`empty-values`"), "{markdown}");
        assert!(
            html.contains("4 runs, none with a choice of reading"),
            "{html}"
        );
        assert!(!html.contains("ambiguity-other"), "{html}");
    }
}
