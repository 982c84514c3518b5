//! Every deliberate fault of the reference emulator is noticed by the suite
//! (the mutant is *killed*: at least one run fails against it), and the
//! clean emulator passes every run. A surviving mutant means a missing case:
//! add the case, never weaken the mutant.

use createimage_contract::commands::SessionOptions;
use createimage_contract::commands::mutants::{Event, evaluate};
use createimage_contract::emulator::Mutant;

#[test]
fn every_mutant_is_killed_and_the_clean_emulator_passes_every_run() {
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("the project directory");
    let options = SessionOptions::embedded("cases", "snapshots");
    let mutants: Vec<Mutant> = Mutant::all().collect();
    let report = evaluate(&options, &mutants, 8, |_: Event<'_>| {}).expect("the suite loads");
    assert!(
        report.clean_failures.is_empty(),
        "the clean emulator failed: {:#?}",
        report.clean_failures
    );
    let survivors: Vec<String> = report
        .results
        .iter()
        .filter(|r| !r.killed())
        .map(|r| format!("{}: {}", r.mutant.name(), r.mutant.description()))
        .collect();
    assert!(
        survivors.is_empty(),
        "no case notices these mutants:\n{}",
        survivors.join("\n")
    );
    assert_eq!(report.results.len(), mutants.len());
    assert!(mutants.len() >= 40);
}
