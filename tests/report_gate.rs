//! The expected-failures gate: listed failures pass, new ones fail, listed
//! runs that pass are stale (and fail only with `--strict`).

mod common;
mod report_support;

use common::{path_str, run, shown, temp_dir, text};
use report_support::read_report;

const MUTANT: &str = "image-name-malformed-403";

/// The runs the mutant breaks, from an unlisted run's JSON report.
fn mutant_failures() -> Vec<String> {
    let dir = temp_dir("gate-baseline");
    let json = dir.join("r.json");
    let out = run(&["run", "--mutant", MUTANT, "--json", path_str(&json)]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let report = read_report(&json);
    report
        .runs
        .iter()
        .filter(|r| !r.failures.is_empty())
        .map(|r| r.id.clone())
        .collect()
}

fn expected_file(dir: &std::path::Path, ids: &[String]) -> std::path::PathBuf {
    let path = dir.join("expected-failures.yaml");
    let mut yaml = String::from("# run id: reason\n");
    for id in ids {
        yaml.push_str(&format!("{id}: \"answers 403 for a malformed name\"\n"));
    }
    std::fs::write(&path, yaml).unwrap();
    path
}

#[test]
fn listed_failures_pass_the_gate_and_an_unlisted_one_fails_it() {
    let failures = mutant_failures();
    assert!(failures.len() >= 2, "{failures:?}");
    let dir = temp_dir("gate-listed");
    let all = expected_file(&dir, &failures);
    let json = dir.join("all.json");
    let out = run(&[
        "run",
        "--mutant",
        MUTANT,
        "--expected-failures",
        path_str(&all),
        "--json",
        path_str(&json),
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let stderr = text(&out.stderr);
    assert!(stderr.contains("passed"), "{stderr}");
    assert!(
        stderr.contains(&format!("expected failures: {}", failures.len())),
        "{stderr}"
    );
    let gate = read_report(&json).gate.unwrap();
    assert!(gate.passed);
    assert_eq!(gate.expected.len(), failures.len());

    let (missing, listed) = failures.split_first().unwrap();
    let some = expected_file(&dir, listed);
    let json = dir.join("some.json");
    let out = run(&[
        "run",
        "--mutant",
        MUTANT,
        "--expected-failures",
        path_str(&some),
        "--json",
        path_str(&json),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!("new failures: 1 ({missing})")),
        "{stderr}"
    );
    let report = read_report(&json);
    assert_eq!(report.gate.unwrap().new, vec![missing.clone()]);
    assert_eq!(report.totals.new_failures, 1);
}

#[test]
fn a_listed_run_that_passes_is_stale_and_fails_the_gate_only_with_strict() {
    let dir = temp_dir("gate-stale");
    let listed = expected_file(&dir, &["image-name.too-short::json::v1-get".to_string()]);
    let json = dir.join("r.json");
    let md = dir.join("r.md");
    let args = [
        "run",
        "--expected-failures",
        path_str(&listed),
        "--json",
        path_str(&json),
        "--markdown",
        path_str(&md),
    ];
    let out = run(&args);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert!(
        text(&out.stderr)
            .contains("stale entries (listed but passed): 1 (image-name.too-short::json::v1-get)"),
        "{}",
        shown(&out)
    );
    let gate = read_report(&json).gate.unwrap();
    assert_eq!(gate.stale, vec!["image-name.too-short::json::v1-get"]);
    assert!(
        std::fs::read_to_string(&md)
            .unwrap()
            .contains("- stale: `image-name.too-short::json::v1-get`")
    );

    let mut strict = args.to_vec();
    strict.push("--strict");
    let out = run(&strict);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    assert!(!read_report(&json).gate.unwrap().passed);
}

#[test]
fn an_expected_failures_file_that_is_not_a_map_is_a_usage_error() {
    let dir = temp_dir("gate-bad");
    let bad = dir.join("bad.yaml");
    std::fs::write(&bad, "- image-name.too-short::json::v1-get\n").unwrap();
    let out = run(&["run", "--expected-failures", path_str(&bad)]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(
        text(&out.stderr).contains("map of run id (or case id) to reason or dispute"),
        "{}",
        shown(&out)
    );
}
