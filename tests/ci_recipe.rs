//! The GitHub Actions recipe of `docs/ci.md` works as written: its
//! `createimage-contract` steps (each `run:` block through `bash -e`, with
//! the matrix filled in and `$GITHUB_STEP_SUMMARY` a file, not the workflow
//! engine), run against the embedded emulator, merge into the same report
//! as one unsharded run, and write the Markdown summary to the step summary.

mod common;
mod report_support;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::{checkout_with_binary, path_str, shown};
use report_support::read_report;
use serde_json::Value;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The workflow: the first ```yaml block of docs/ci.md.
fn workflow() -> Value {
    let doc = std::fs::read_to_string(Path::new(ROOT).join("docs/ci.md")).unwrap();
    let start = doc.find("```yaml\n").expect("a yaml block") + "```yaml\n".len();
    let end = start + doc[start..].find("```").expect("the block ends");
    serde_saphyr::from_str(&doc[start..end]).expect("the workflow is YAML")
}

/// A job's `run:` blocks that call the harness.
fn harness_steps(workflow: &Value, job: &str) -> Vec<String> {
    workflow["jobs"][job]["steps"]
        .as_array()
        .unwrap_or_else(|| panic!("job {job} has steps"))
        .iter()
        .filter_map(|step| step["run"].as_str())
        .filter(|run| run.contains("createimage-contract "))
        .map(str::to_string)
        .collect()
}

/// A directory that looks like a checkout (cases, snapshots, an empty
/// expected-failures file) with the binary on `PATH`.
fn checkout(name: &str) -> (PathBuf, String) {
    let (dir, path) = checkout_with_binary(name, &["cases", "snapshots"]);
    std::fs::write(dir.join("expected-failures.yaml"), "{}\n").unwrap();
    (dir, path)
}

fn bash(dir: &Path, path: &str, script: &str, summary: &Path) -> std::process::Output {
    assert!(!script.contains("${{"), "an expression is left: {script}");
    Command::new("bash")
        .args(["-e", "-c", script])
        .current_dir(dir)
        .env("PATH", path)
        .env("CI", "1")
        .env("GITHUB_STEP_SUMMARY", summary)
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .output()
        .expect("bash starts")
}

#[test]
fn the_ci_recipe_merges_its_shards_into_the_report_of_one_unsharded_run() {
    let workflow = workflow();
    let shards: Vec<String> = workflow["jobs"]["shard"]["strategy"]["matrix"]["shard"]
        .as_array()
        .expect("a shard matrix")
        .iter()
        .map(|k| k.to_string())
        .collect();
    assert!(shards.len() > 1, "the recipe shards the suite");
    let (shard_steps, report_steps) = (
        harness_steps(&workflow, "shard"),
        harness_steps(&workflow, "report"),
    );
    assert_eq!(shard_steps.len(), 1, "{shard_steps:?}");
    assert_eq!(report_steps.len(), 1, "{report_steps:?}");
    assert!(shard_steps[0].contains("--partition hash:"));
    assert!(shard_steps[0].contains("--expected-failures"));
    assert!(report_steps[0].contains("report merge"));

    let (dir, path) = checkout("ci-recipe");
    let step_summary = dir.join("step-summary.md");
    for k in &shards {
        let script = shard_steps[0].replace("${{ matrix.shard }}", k);
        let out = bash(&dir, &path, &script, &step_summary);
        assert_eq!(out.status.code(), Some(0), "shard {k}: {}", shown(&out));
    }
    let out = bash(&dir, &path, &report_steps[0], &step_summary);
    assert_eq!(out.status.code(), Some(0), "merge: {}", shown(&out));

    let whole = dir.join("whole.json");
    let out = bash(
        &dir,
        &path,
        &format!(
            "createimage-contract run --expected-failures expected-failures.yaml --format terse --json {}",
            path_str(&whole)
        ),
        &step_summary,
    );
    assert_eq!(out.status.code(), Some(0), "single run: {}", shown(&out));

    let (merged, whole) = (read_report(&dir.join("report.json")), read_report(&whole));
    assert_eq!(merged.totals, whole.totals);
    let runs = |r: &createimage_contract::report::Report| -> Vec<(String, &'static str, usize)> {
        r.runs
            .iter()
            .map(|run| (run.id.clone(), run.outcome.name(), run.failures.len()))
            .collect()
    };
    assert_eq!(runs(&merged), runs(&whole));
    assert_eq!(merged.passed(), whole.passed());
    assert_eq!(merged.gate.as_ref().map(|g| g.passed), Some(true));
    assert_eq!(merged.provenance.shards.len(), shards.len());

    let summary = std::fs::read_to_string(dir.join("summary.md")).unwrap();
    assert!(
        summary.starts_with("## CreateImage conformance: passed"),
        "{summary}"
    );
    assert_eq!(std::fs::read_to_string(&step_summary).unwrap(), summary);
    assert!(
        std::fs::read_to_string(dir.join("report.html"))
            .unwrap()
            .contains("id=\"matrix\"")
    );
    assert!(
        std::fs::read_to_string(dir.join("badge.svg"))
            .unwrap()
            .contains(">100 %<")
    );
    let _ = std::fs::remove_dir_all(&dir);
}
