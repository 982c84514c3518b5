//! `explore` against the embedded emulator: no disagreement under the
//! default reading nor under any other documented reading, and a sample of
//! the emulator's own mutants each found, shrunk, and written as a case
//! file that fails against the mutant and passes against the clean
//! emulator.

use std::sync::Arc;

use createimage_contract::check::snapshot::Mode;
use createimage_contract::commands::{Session, SessionOptions};
use createimage_contract::contract::ambiguities::AMBIGUITIES;
use createimage_contract::contract::selection::{Chosen, Selection};
use createimage_contract::emulator::Mutant;
use createimage_contract::explore::{Explorer, Options, Summary};
use createimage_contract::runner::Outcome;

/// Requests per exploration of a clean emulator.
const CLEAN_BUDGET: u64 = 1_000;
/// Requests per exploration of a mutant.
const MUTANT_BUDGET: u64 = 4_000;

fn options(cases: &str) -> SessionOptions {
    let mut options = SessionOptions::embedded(cases, "snapshots");
    options.suite.fixtures = Some("cases/fixtures.yaml".into());
    options.snapshots = Mode::Off;
    options
}

fn explore(readings: Selection, mutant: Option<Mutant>, seed: u64, budget: u64) -> Summary {
    let mut session_options = options("cases");
    session_options.readings = readings.clone();
    session_options.mutant = mutant;
    let session = Session::open(&session_options).expect("a session");
    let mut explore = Options::new(seed, budget);
    explore.readings = readings;
    let explorer = Arc::new(Explorer::new(
        session.context.target.clone(),
        &session.manifest,
        &session.suite,
        explore,
    ));
    let summary = explorer.run(session.runtime.handle());
    session.close();
    summary
}

fn assert_no_disagreement(readings: Selection, seed: u64) {
    let label = readings.to_string();
    let summary = explore(readings, None, seed, CLEAN_BUDGET);
    assert!(
        summary.requests >= CLEAN_BUDGET * 7 / 10,
        "{label}: {summary:?}"
    );
    assert!(
        summary.findings.is_empty() && summary.disagreements == 0,
        "{label}: {:#?}",
        summary
            .findings
            .iter()
            .map(|f| f.yaml.clone())
            .collect::<Vec<_>>()
    );
}

#[test]
fn the_reference_emulator_never_disagrees_with_itself() {
    assert_no_disagreement(Selection::default(), 11);
}

/// Every documented reading: a target that takes it is never reported.
#[test]
fn a_target_taking_any_documented_reading_is_never_reported() {
    let mut checked = 0;
    for ambiguity in AMBIGUITIES {
        for reading in ambiguity.readings.iter().skip(1) {
            assert_no_disagreement(Selection::one(Chosen { ambiguity, reading }), 12);
            checked += 1;
        }
    }
    assert!(checked >= 15, "{checked} readings");
}

#[test]
fn a_target_taking_several_readings_at_once_is_never_reported() {
    let selection = Selection::parse(&[
        "image-name-characters=error-table",
        "tags-quota=index-out-of-range",
        "letters=unicode",
        "client-token-mismatch=always-conflict",
    ])
    .unwrap();
    assert_no_disagreement(selection, 13);
}

/// Explores `mutant`, then replays each written case file against the
/// mutant (some run fails) and against the clean emulator (every run passes).
/// Returns the rules the findings name.
fn found_shrunk_and_written(mutant: &str) -> Vec<String> {
    let mutant = Mutant::from_name(mutant).expect("a mutant");
    let summary = explore(Selection::default(), Some(mutant), 21, MUTANT_BUDGET);
    assert!(
        !summary.findings.is_empty(),
        "{mutant} not found: {summary:?}"
    );
    assert!(summary.requests <= MUTANT_BUDGET);
    let dir = std::env::temp_dir().join(format!("explore-{mutant}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let finding = &summary.findings[0];
    let path = finding.write(&dir).expect("written");
    assert!(finding.yaml.contains("--seed 21"), "{}", finding.yaml);
    assert!(
        finding.draft.params.len() <= 6,
        "not shrunk: {}",
        finding.yaml
    );
    let replay = |with: Option<Mutant>| {
        let mut session_options = options(dir.to_str().unwrap());
        session_options.mutant = with;
        let mut session = Session::open(&session_options)
            .unwrap_or_else(|e| panic!("{}: {e}\n{}", path.display(), finding.yaml));
        session
            .plan
            .runs
            .retain(|run| run.id.starts_with(&format!("{}::", finding.id())));
        assert!(!session.plan.runs.is_empty(), "{}", finding.yaml);
        let records = session.run_all(4);
        session.close();
        records
    };
    let against_mutant = replay(Some(mutant));
    assert!(
        against_mutant
            .iter()
            .any(|r| matches!(r.outcome, Outcome::Failed(_))),
        "the case passes against {mutant}:\n{}",
        finding.yaml
    );
    let against_clean = replay(None);
    for record in &against_clean {
        assert!(
            matches!(record.outcome, Outcome::Passed(_)),
            "{}: {:?}\n{}",
            record.run.id,
            record.outcome,
            finding.yaml
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
    summary.findings.iter().map(|f| f.rule.clone()).collect()
}

/// A broken invariant is written as a case file of the cases whose
/// answers break it: run again, they break it against the mutant and hold
/// it against the clean emulator.
#[test]
fn a_broken_invariant_is_written_as_the_cases_that_break_it() {
    let mutant = Mutant::from_name("image-id-from-parameters").expect("a mutant");
    let summary = explore(Selection::default(), Some(mutant), 1, 400);
    let repro = summary
        .invariant_repros
        .iter()
        .find(|r| r.invariant == "image-id.distinct")
        .unwrap_or_else(|| panic!("no case file for image-id.distinct: {summary:?}"));
    let dir = std::env::temp_dir().join(format!("explore-invariant-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    repro.write(&dir).expect("written");
    let judged = |with: Option<Mutant>| {
        let mut session_options = options(dir.to_str().unwrap());
        session_options.mutant = with;
        let mut session =
            Session::open(&session_options).unwrap_or_else(|e| panic!("{e}\n{}", repro.yaml));
        session
            .plan
            .runs
            .retain(|run| run.id.starts_with("explore.invariant."));
        assert!(session.plan.runs.len() >= 2, "{}", repro.yaml);
        let records = session.run_all(4);
        session.close();
        let records: Vec<_> = records.iter().collect();
        createimage_contract::report::build::invariants(&records)
            .into_iter()
            .find(|j| j.id == "image-id.distinct")
            .expect("the invariant")
    };
    assert!(judged(Some(mutant)).broken(), "{}", repro.yaml);
    assert!(!judged(None).broken(), "{}", repro.yaml);
    let _ = std::fs::remove_dir_all(&dir);
}

/// A client spelling read strictly is found, and named after its rule.
fn spelling_found(mutant: &str) {
    let rules = found_shrunk_and_written(mutant);
    let rule = Mutant::from_name(mutant).expect("a mutant").rules()[0];
    assert!(rules.iter().any(|r| r == rule), "{mutant}: {rules:?}");
}

#[test]
fn a_length_limit_off_by_one_is_found_and_written_as_a_failing_case() {
    found_shrunk_and_written("image-name-max-127");
}

#[test]
fn a_wrong_status_is_found_and_written_as_a_failing_case() {
    found_shrunk_and_written("snapshot-not-found-400");
}

#[test]
fn an_ignored_client_token_is_found_and_written_as_a_failing_case() {
    found_shrunk_and_written("client-token-ignored");
}

#[test]
fn a_wrong_xml_envelope_is_found_and_written_as_a_failing_case() {
    found_shrunk_and_written("xml-success-root-action");
}

#[test]
fn a_format_compared_case_sensitively_is_found_and_written_as_a_failing_case() {
    spelling_found("format-case-sensitive");
}

#[test]
fn a_plus_not_read_as_a_space_is_found_and_written_as_a_failing_case() {
    spelling_found("plus-not-space");
}

#[test]
fn the_images_an_exploration_creates_are_what_cleanup_deletes() {
    let session = Session::open(&options("cases")).expect("a session");
    let explorer = Arc::new(
        Explorer::new(
            session.context.target.clone(),
            &session.manifest,
            &session.suite,
            Options::new(3, 300),
        )
        .recording_into(session.context.created.clone()),
    );
    explorer.run(session.runtime.handle());
    let emulator = session.embedded_emulator().expect("the embedded emulator");
    let stored = emulator.store().image_count();
    assert!(stored > 0, "300 requests created no image");
    let report = session.clean_up(createimage_contract::wire::WireStyle::V1Get);
    assert_eq!(report.deleted.len(), stored, "{report:?}");
    assert!(report.failed.is_empty(), "{report:?}");
    assert_eq!(emulator.store().image_count(), 0);
    session.close();
}
