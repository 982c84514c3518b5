//! The rules of [`super::SnapshotStore`]: what is compared with what, and
//! what may be written where.

use std::collections::BTreeMap;
use std::path::PathBuf;

use insta::Snapshot;
use serde_json::{Value, json};

use super::*;
use crate::check::snapshot_file::today;

fn temp_dir(name: &str) -> PathBuf {
    let dir =
        std::env::temp_dir().join(format!("cic-snap-{name}-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn subject<'a>(readings: &'a [(String, String)], may_record: bool) -> Subject<'a> {
    Subject {
        source: "cases/a.yaml",
        expression: "case::json",
        readings,
        may_record,
    }
}

fn answer(code: &str) -> Value {
    json!({"request": {"status": 400, "content_type": "application/json;charset=utf-8", "root": null, "body": {"Code": code}}})
}

fn reading(name: &str) -> Vec<(String, String)> {
    vec![("request".to_string(), name.to_string())]
}

fn compare(store: &SnapshotStore, name: &str, actual: &Value) -> Comparison {
    store.compare(name, actual, subject(&[], true)).unwrap()
}

#[test]
fn update_mode_records_a_file_that_insta_reads_back() {
    let dir = temp_dir("update");
    let store = SnapshotStore::new(&dir, Mode::Update, true);
    let outcome = compare(&store, "case.json", &json!({"a": 1}));
    assert!(matches!(outcome, Comparison::Recorded { .. }));
    let snapshot = Snapshot::from_file(&dir.join("case.json.snap")).unwrap();
    assert_eq!(snapshot.as_text().unwrap().to_string(), "{\n  \"a\": 1\n}");
    assert_eq!(snapshot.metadata().expression(), Some("case::json"));
    let fresh = SnapshotStore::new(&dir, Mode::Check, true);
    assert_eq!(
        compare(&fresh, "case.json", &json!({"a": 1})),
        Comparison::Matched
    );
}

#[test]
fn a_recorded_snapshot_names_its_target_date_and_harness_version() {
    let dir = temp_dir("provenance");
    let store =
        SnapshotStore::new(&dir, Mode::Update, true).recording_from("http://127.0.0.1:8080");
    compare(&store, "p.json", &json!({}));
    let recorded = store.recorded("p.json").unwrap();
    assert_eq!(recorded.target.as_deref(), Some("http://127.0.0.1:8080"));
    assert_eq!(recorded.recorded_at, Some(today()));
    assert_eq!(
        recorded.harness_version.as_deref(),
        Some(env!("CARGO_PKG_VERSION"))
    );
    let snapshot = Snapshot::from_file(&dir.join("p.json.snap")).unwrap();
    let description = snapshot.metadata().description().unwrap();
    assert!(
        description.starts_with("recorded from http://127.0.0.1:8080 on "),
        "{description}"
    );
}

#[test]
fn a_snapshot_without_provenance_reads_as_none() {
    let dir = temp_dir("no-provenance");
    std::fs::write(
        dir.join("old.json.snap"),
        "---\nsource: \"s\"\nexpression: \"e\"\n---\n{}\n",
    )
    .unwrap();
    let store = SnapshotStore::new(&dir, Mode::Check, true);
    assert_eq!(store.recorded("old.json"), None);
    assert_eq!(store.recorded("missing.json"), None);
}

#[test]
fn check_mode_never_overwrites_an_accepted_snapshot() {
    let dir = temp_dir("check");
    compare(
        &SnapshotStore::new(&dir, Mode::Update, true),
        "c.xml",
        &answer("Old"),
    );
    let before = std::fs::read_to_string(dir.join("c.xml.snap")).unwrap();
    let outcome = compare(
        &SnapshotStore::new(&dir, Mode::Check, false),
        "c.xml",
        &answer("New"),
    );
    let Comparison::Differs { diff, pending } = outcome else {
        panic!("expected a difference, got {outcome:?}");
    };
    assert!(
        diff.contains("-      \"Code\": \"Old\"") && diff.contains("+      \"Code\": \"New\""),
        "{diff}"
    );
    assert_eq!(pending, Some(dir.join("c.xml.snap.new")));
    assert_eq!(
        std::fs::read_to_string(dir.join("c.xml.snap")).unwrap(),
        before
    );
}

#[test]
fn an_answer_that_differs_only_in_what_a_target_may_choose_matches() {
    let dir = temp_dir("semantic");
    compare(
        &SnapshotStore::new(&dir, Mode::Update, true),
        "s.json",
        &answer("X"),
    );
    let other: Value = serde_json::from_str(
        r#"{"request": {"body": {"Code": "X"}, "root": null, "content_type": "Application/JSON", "status": 400}}"#,
    )
    .unwrap();
    assert_eq!(
        compare(
            &SnapshotStore::new(&dir, Mode::Check, false),
            "s.json",
            &other
        ),
        Comparison::Matched
    );
    assert!(!dir.join("s.json.snap.new").exists());
}

#[test]
fn update_mode_does_not_record_the_answer_of_a_failed_run() {
    let dir = temp_dir("failed");
    let outcome = SnapshotStore::new(&dir, Mode::Update, true)
        .compare("f.json", &json!({}), subject(&[], false))
        .unwrap();
    assert_eq!(outcome, Comparison::Missing { pending: None });
    assert!(!dir.join("f.json.snap").exists());
}

#[test]
fn in_ci_a_missing_snapshot_fails_and_writes_nothing() {
    let dir = temp_dir("ci");
    let outcome = compare(
        &SnapshotStore::new(&dir, Mode::Check, true),
        "n.json",
        &json!({}),
    );
    assert_eq!(outcome, Comparison::Missing { pending: None });
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
}

#[test]
fn the_reference_set_seen_from_another_target_is_never_written() {
    let dir = temp_dir("advisory");
    compare(
        &SnapshotStore::new(&dir, Mode::Update, true),
        "r.json",
        &answer("Ours"),
    );
    let advisory = SnapshotStore::new(&dir, Mode::Check, false).advisory();
    assert!(!advisory.differences_fail());
    assert!(matches!(
        compare(&advisory, "r.json", &answer("Theirs")),
        Comparison::Differs { pending: None, .. }
    ));
    assert_eq!(
        compare(&advisory, "missing.json", &answer("Theirs")),
        Comparison::Missing { pending: None }
    );
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);
    assert!(
        SnapshotStore::new(&dir, Mode::Strict, false)
            .advisory()
            .differences_fail()
    );
    assert!(SnapshotStore::new(&dir, Mode::Check, false).differences_fail());
}

#[test]
fn a_written_snapshot_records_the_readings_it_matched() {
    let dir = temp_dir("readings");
    let store = SnapshotStore::new(&dir, Mode::Update, true);
    let matched = reading("allowed");
    store
        .compare("o.json", &answer("A"), subject(&matched, true))
        .unwrap();
    let readings = store.recorded("o.json").unwrap().readings.unwrap();
    assert_eq!(
        readings,
        BTreeMap::from([("request".to_string(), "allowed".to_string())])
    );
}

#[test]
fn a_run_that_matched_another_reading_is_not_compared_with_the_main_snapshot() {
    let dir = temp_dir("other-reading");
    let allowed = reading("allowed");
    let forbidden = reading("forbidden");
    SnapshotStore::new(&dir, Mode::Update, true)
        .compare("o.json", &answer("A"), subject(&allowed, true))
        .unwrap();
    let check = SnapshotStore::new(&dir, Mode::Check, true);
    let outcome = check
        .compare("o.json", &answer("B"), subject(&forbidden, true))
        .unwrap();
    assert!(
        matches!(&outcome, Comparison::OtherReading { recorded, matched }
            if recorded["request"] == "allowed" && matched["request"] == "forbidden"),
        "{outcome:?}"
    );
    // Recording puts the other reading beside the main snapshot, never over it.
    let before = std::fs::read_to_string(dir.join("o.json.snap")).unwrap();
    let update = SnapshotStore::new(&dir, Mode::Update, true);
    let outcome = update
        .compare("o.json", &answer("B"), subject(&forbidden, true))
        .unwrap();
    assert_eq!(
        outcome,
        Comparison::Recorded {
            path: dir.join("o.json@forbidden.snap")
        }
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("o.json.snap")).unwrap(),
        before
    );
    // Then that reading is compared with its own snapshot.
    let check = SnapshotStore::new(&dir, Mode::Check, true);
    assert_eq!(
        check
            .compare("o.json", &answer("B"), subject(&forbidden, true))
            .unwrap(),
        Comparison::Matched
    );
    assert!(matches!(
        check
            .compare("o.json", &answer("C"), subject(&forbidden, true))
            .unwrap(),
        Comparison::Differs { .. }
    ));
}

#[test]
fn updating_an_old_snapshot_of_a_one_of_case_changes_only_its_header() {
    let dir = temp_dir("header");
    let contents = "{\n  \"request\": {\n    \"status\": 400,\n    \"body\": {\n      \"Code\": \"A\"\n    }\n  }\n}";
    std::fs::write(
        dir.join("h.json.snap"),
        format!("---\nsource: \"cases/a.yaml\"\nexpression: \"case::json\"\n---\n{contents}\n"),
    )
    .unwrap();
    // The same answer with its members in another order.
    let actual = json!({"request": {"body": {"Code": "A"}, "status": 400}});
    let matched = reading("allowed");
    let outcome = SnapshotStore::new(&dir, Mode::Update, true)
        .recording_from("embedded reference emulator")
        .compare("h.json", &actual, subject(&matched, true))
        .unwrap();
    assert_eq!(outcome, Comparison::Matched);
    let text = std::fs::read_to_string(dir.join("h.json.snap")).unwrap();
    assert!(text.ends_with(&format!("\n---\n{contents}\n")), "{text}");
    assert!(
        text.contains("  readings:\n    \"request\": \"allowed\"\n"),
        "{text}"
    );
    // A snapshot without readings, for a case without one_of, is left alone.
    std::fs::write(
        dir.join("plain.json.snap"),
        format!("---\nsource: \"s\"\nexpression: \"e\"\n---\n{contents}\n"),
    )
    .unwrap();
    let before = std::fs::read_to_string(dir.join("plain.json.snap")).unwrap();
    SnapshotStore::new(&dir, Mode::Update, true)
        .compare("plain.json", &actual, subject(&[], true))
        .unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("plain.json.snap")).unwrap(),
        before
    );
}
