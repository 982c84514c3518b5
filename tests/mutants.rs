//! Every deliberate fault of the reference emulator is noticed by an
//! *expectation* of the suite (the mutant is *killed*: a status, code,
//! message, body, … check fails against it — a snapshot difference or a
//! transport error does not count), no mutant makes the emulator panic,
//! and the clean emulator passes every run. A surviving mutant means a
//! missing case: add the case, never weaken the mutant.
//!
//! The other documented readings of the contract's contradictions are not
//! mutants but readings (`tests/readings.rs`): the suite must pass them.

use createimage_contract::commands::SessionOptions;
use createimage_contract::commands::mutants::{Event, Fate, evaluate};
use createimage_contract::emulator::Mutant;

#[test]
fn every_mutant_is_killed_by_an_expectation_none_is_broken_and_the_clean_emulator_passes() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the project directory");
    let options = SessionOptions::embedded("cases", "snapshots");
    let mutants: Vec<Mutant> = Mutant::all().collect();
    let report = evaluate(&options, &mutants, 8, |_: Event<'_>| {}).expect("the suite loads");
    assert!(
        report.clean_failures.is_empty(),
        "the clean emulator failed: {:#?}",
        report.clean_failures
    );
    assert_eq!(report.clean_panics, 0, "the clean emulator panicked");
    let broken: Vec<String> = report
        .results
        .iter()
        .filter(|r| r.fate() == Fate::Broken)
        .map(|r| format!("{}: {:?}", r.mutant.name(), r.first_panic))
        .collect();
    assert!(
        broken.is_empty(),
        "these mutants make the emulator panic:\n{}",
        broken.join("\n")
    );
    let survivors: Vec<String> = report
        .results
        .iter()
        .filter(|r| r.fate() == Fate::Survived)
        .map(|r| format!("{}: {}", r.mutant.name(), r.mutant.description()))
        .collect();
    assert!(
        survivors.is_empty(),
        "no expectation notices these mutants:\n{}",
        survivors.join("\n")
    );
    for result in &report.results {
        assert!(
            result.killed_by.iter().all(|kill| kill.what != "snapshot"),
            "{} is counted as killed by a snapshot",
            result.mutant.name()
        );
    }
    assert!(report.all_killed());
    assert_eq!(report.results.len(), mutants.len());
    assert!(mutants.len() >= 40);
}

/// The identity mutants break no single answer: only a run-level invariant
/// over all the answers notices them, and the table names it.
#[test]
fn the_identity_mutants_are_killed_by_the_invariant_they_break() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the project directory");
    let options = SessionOptions::embedded("cases", "snapshots");
    let expected = [
        ("request-id-per-second", "invariant request-id.distinct"),
        ("image-id-from-parameters", "invariant image-id.distinct"),
        ("image-id-racy", "invariant image-id.distinct"),
    ];
    let mutants: Vec<Mutant> = expected
        .iter()
        .map(|(name, _)| Mutant::from_name(name).expect("a mutant of the table"))
        .collect();
    let report = evaluate(&options, &mutants, 8, |_: Event<'_>| {}).expect("the suite loads");
    for ((name, invariant), result) in expected.iter().zip(&report.results) {
        assert_eq!(result.fate(), Fate::Killed, "{name}");
        assert_eq!(result.killed_by[0].what, *invariant, "{name}");
    }
}
