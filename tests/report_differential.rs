//! `run --against URL`: every run goes to both targets, and the report
//! shows where the two normalised answers differ.

mod common;
mod report_support;

use common::{Served, path_str, run, shown, temp_dir, text};
use report_support::read_report;

#[test]
fn a_second_target_with_a_fault_differs_on_every_run_the_fault_touches() {
    let faulty = Served::start(&["--mutant", "image-name-malformed-403"]);
    let dir = temp_dir("differential");
    let (json, html) = (dir.join("r.json"), dir.join("r.html"));
    let out = run(&[
        "run",
        "--against",
        &faulty.url,
        "--json",
        path_str(&json),
        "--html",
        path_str(&html),
    ]);
    // The first target is the faultless embedded emulator: every run passes.
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let report = read_report(&json);
    assert_eq!(report.provenance.against.as_ref().unwrap().url, faulty.url);
    let differing: Vec<&str> = report
        .runs
        .iter()
        .filter(|r| r.differential.as_ref().unwrap().differs)
        .map(|r| r.id.as_str())
        .collect();
    // Every run whose expectation is InvalidImageName.Malformed.
    let malformed: Vec<&str> = report
        .runs
        .iter()
        .filter(|r| {
            r.expected.iter().any(|e| {
                e.code.as_deref() == Some("InvalidImageName.Malformed") && e.reading.is_none()
            })
        })
        .map(|r| r.id.as_str())
        .collect();
    assert!(!malformed.is_empty());
    for id in &malformed {
        assert!(
            differing.contains(id),
            "{id} does not differ: {differing:?}"
        );
    }
    // Any other difference comes from state: a fixed name that one target
    // had already taken when the other had not (a case with readings).
    for id in differing.iter().filter(|id| !malformed.contains(id)) {
        let run = report.runs.iter().find(|r| r.id == *id).unwrap();
        assert!(
            run.expected.iter().any(|e| e.reading.is_some()),
            "{id} differs for no reason"
        );
    }
    assert_eq!(report.totals.differing, differing.len());
    let run = report.runs.iter().find(|r| r.id == malformed[0]).unwrap();
    let d = run.differential.as_ref().unwrap();
    let diff = d.diff.as_deref().unwrap();
    assert!(diff.contains("-    \"status\": 400"), "{diff}");
    assert!(diff.contains("+    \"status\": 403"), "{diff}");
    assert_eq!(
        d.outcome,
        createimage_contract::report::model::OutcomeKind::Failed
    );

    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "{} of {} runs answered differently",
            differing.len(),
            report.totals.finished
        )),
        "{stderr}"
    );
    let page = std::fs::read_to_string(&html).unwrap();
    assert!(page.contains(&format!("id=\"diff-{}\"", malformed[0])));
}
