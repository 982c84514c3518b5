//! `--partition hash:K/N` and `report merge`: shards are disjoint and cover
//! the plan, and merged shard reports total what one unsharded run does,
//! runs not judged included.

mod common;
#[path = "support/hostile.rs"]
mod hostile;
mod report_support;

use std::collections::BTreeSet;

use common::{path_str, run, shown, temp_dir};
use createimage_contract::commands::load_suite;
use createimage_contract::runner::{Partition, PlanOptions, plan};
use createimage_contract::wire::WireStyle;
use report_support::read_report;

#[test]
fn hash_shards_are_disjoint_and_together_are_the_whole_plan() {
    let (_, suite) = load_suite(&createimage_contract::cli::SuiteArgs {
        cases: concat!(env!("CARGO_MANIFEST_DIR"), "/cases").into(),
        fixtures: None,
    })
    .unwrap();
    let options = PlanOptions {
        wires: WireStyle::ALL.to_vec(),
        ..PlanOptions::default()
    };
    let whole = plan(&suite, &options);
    let all: Vec<String> = whole.runs.iter().map(|r| r.id.clone()).collect();
    for count in 1..=5 {
        let mut seen = BTreeSet::new();
        let mut total = 0;
        for index in 1..=count {
            let mut shard = whole.clone();
            Partition { index, count }.apply(&mut shard);
            total += shard.runs.len();
            for run in &shard.runs {
                assert!(
                    seen.insert(run.id.clone()),
                    "{} in two of {count} shards",
                    run.id
                );
            }
            // Each shard keeps plan order.
            let positions: Vec<usize> = shard
                .runs
                .iter()
                .map(|r| all.iter().position(|id| id == &r.id).unwrap())
                .collect();
            assert!(positions.windows(2).all(|w| w[0] < w[1]));
        }
        assert_eq!(total, all.len(), "{count} shards");
        assert_eq!(seen, all.iter().cloned().collect::<BTreeSet<_>>());
    }
}

#[test]
fn three_merged_shards_total_the_same_as_one_unsharded_run() {
    let dir = temp_dir("shards");
    let whole = dir.join("whole.json");
    let out = run(&[
        "run",
        "--mutant",
        "image-name-malformed-403",
        "--json",
        path_str(&whole),
    ]);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let mut shards = Vec::new();
    for k in 1..=3 {
        let file = dir.join(format!("shard-{k}.json"));
        let partition = format!("hash:{k}/3");
        let out = run(&[
            "run",
            "--mutant",
            "image-name-malformed-403",
            "--partition",
            &partition,
            "--json",
            path_str(&file),
        ]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{}", shown(&out));
        let shard = read_report(&file);
        assert_eq!(
            shard.provenance.options.partition.as_deref(),
            Some(partition.as_str())
        );
        assert!(shard.totals.planned > 0, "shard {k} is empty");
        shards.push(file);
    }
    let merged = dir.join("merged.json");
    let html = dir.join("merged.html");
    let mut args = vec!["report", "merge"];
    args.extend(shards.iter().map(|p| path_str(p)));
    args.extend(["--json", path_str(&merged), "--html", path_str(&html)]);
    let out = run(&args);
    assert_eq!(
        out.status.code(),
        Some(1),
        "failures merge into a failing exit: {}",
        shown(&out)
    );

    let whole = read_report(&whole);
    let merged = read_report(&merged);
    assert_eq!(merged.totals, whole.totals);
    let ids = |r: &createimage_contract::report::Report| -> Vec<String> {
        r.runs.iter().map(|run| run.id.clone()).collect()
    };
    assert_eq!(ids(&merged), ids(&whole), "suite order is restored");
    assert_eq!(
        merged.provenance.shards,
        ["hash:1/3", "hash:2/3", "hash:3/3"]
    );
    assert_eq!(merged.provenance.suite_hash, whole.provenance.suite_hash);
    assert!(
        std::fs::read_to_string(&html)
            .unwrap()
            .contains("hash:1/3, hash:2/3, hash:3/3")
    );

    // Merging the same shard twice is refused.
    let out = run(&[
        "report",
        "merge",
        path_str(&shards[0]),
        path_str(&shards[0]),
    ]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
}

#[test]
fn shards_with_runs_not_judged_merge_into_an_incomplete_report_and_exit_1() {
    let dir = temp_dir("shards-not-judged");
    let url = hostile::refused_url();
    let mut shards = Vec::new();
    for k in 1..=2 {
        let file = dir.join(format!("shard-{k}.json"));
        let partition = format!("hash:{k}/2");
        let out = run(&[
            "run",
            "--target",
            &url,
            "--wire",
            "v1-get",
            "--partition",
            &partition,
            "--json",
            path_str(&file),
            "image-name.",
        ]);
        assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
        shards.push(file);
    }
    let merged = dir.join("merged.json");
    let mut args = vec!["report", "merge"];
    args.extend(shards.iter().map(|p| path_str(p)));
    args.extend(["--json", path_str(&merged)]);
    let out = run(&args);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let merged = read_report(&merged);
    assert!(merged.totals.not_judged > 0, "{:?}", merged.totals);
    assert_eq!(merged.totals.not_judged, merged.totals.finished);
    let stderr = common::text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "createimage-contract: incomplete: 0 passed; 0 failed; {} not judged; 0 ignored",
            merged.totals.not_judged
        )),
        "{stderr}"
    );
}
