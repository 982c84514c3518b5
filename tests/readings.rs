//! Every documented reading of every ambiguity is really accepted: the
//! whole suite, over every request style and both formats, passes against
//! the embedded emulator configured with that reading — and each reading
//! other than the default is observable: some run matches another `one_of`
//! reading than it does against the default emulator (else the reading is
//! dead, or no case exercises it).
//!
//! Beside `tests/mutants.rs`: the mutants prove the suite fails broken
//! implementations, this proves it passes conformant ones whichever
//! documented reading they chose.

use std::collections::{BTreeMap, BTreeSet};

use createimage_contract::check::snapshot::Mode;
use createimage_contract::commands::{Session, SessionOptions};
use createimage_contract::contract::ambiguities::AMBIGUITIES;
use createimage_contract::contract::selection::{Chosen, Selection};
use createimage_contract::runner::{Outcome, RunRecord};
use createimage_contract::wire::WireStyle;

/// The readings each run matched, by run id.
type Matched = BTreeMap<String, BTreeSet<(String, String)>>;

fn replay(readings: Selection) -> Vec<RunRecord> {
    let options = SessionOptions {
        wires: WireStyle::ALL.to_vec(),
        // Snapshots compared: a run that matched another documented
        // reading than its snapshot recorded is "other reading", never a
        // failure; every other run must match the reference set exactly.
        snapshots: Mode::Check,
        readings,
        ..SessionOptions::embedded("cases", "snapshots")
    };
    let session = Session::open(&options).expect("the suite loads and the emulator starts");
    let records = session.run_all(8);
    session.close();
    records
}

fn matched(records: &[RunRecord]) -> Matched {
    records
        .iter()
        .map(|r| {
            let readings = match &r.outcome {
                Outcome::Passed(v) | Outcome::Failed(v) => v.readings.iter().cloned().collect(),
                Outcome::Ignored(_) | Outcome::NotJudged(_) => BTreeSet::new(),
            };
            (r.run.id.clone(), readings)
        })
        .collect()
}

/// `run id: first failure` for every run that did not pass, then every
/// broken run-level invariant.
fn not_passed(records: &[RunRecord]) -> Vec<String> {
    let all: Vec<&RunRecord> = records.iter().collect();
    let broken = createimage_contract::report::build::invariants(&all)
        .into_iter()
        .filter(|j| j.broken())
        .map(|j| format!("invariant {} broken: {:?}", j.id, j.breaches));
    records
        .iter()
        .filter_map(|r| match &r.outcome {
            Outcome::Passed(_) => None,
            Outcome::Failed(v) => Some(format!(
                "{}: {}",
                r.run.id,
                v.failures
                    .first()
                    .map(|f| format!("{f:?}"))
                    .unwrap_or_default()
                    .chars()
                    .take(600)
                    .collect::<String>()
            )),
            Outcome::Ignored(why) => Some(format!("{}: ignored: {why}", r.run.id)),
            Outcome::NotJudged(why) => Some(format!("{}: not judged: {why}", r.run.id)),
        })
        .chain(broken)
        .collect()
}

#[test]
fn every_documented_reading_passes_the_whole_suite_and_is_observable() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the project directory");
    let reference = replay(Selection::default());
    let failures = not_passed(&reference);
    assert!(
        failures.is_empty(),
        "the default emulator failed:\n{}",
        failures.join("\n")
    );
    assert!(reference.len() > 1000, "{} runs", reference.len());
    let default_matched = matched(&reference);

    let mut problems = Vec::new();
    let mut tried = 0;
    for ambiguity in AMBIGUITIES {
        for reading in &ambiguity.readings[1..] {
            tried += 1;
            let chosen = Chosen { ambiguity, reading };
            let records = replay(Selection::one(chosen));
            let failures = not_passed(&records);
            if !failures.is_empty() {
                problems.push(format!(
                    "--reading {chosen}: {} run(s) failed:\n  {}",
                    failures.len(),
                    failures.join("\n  ")
                ));
            }
            let differs = matched(&records)
                .iter()
                .any(|(id, readings)| default_matched.get(id) != Some(readings));
            if !differs {
                problems.push(format!(
                    "--reading {chosen}: no run matched another reading than under the default: the reading is dead or no case exercises it"
                ));
            }
        }
    }
    assert!(tried >= 13, "only {tried} alternative readings");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
