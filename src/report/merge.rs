//! `report merge`: combines the JSON reports of shards (`--partition
//! hash:K/N` on N machines) into one report, as if one machine had run the
//! whole suite.
//!
//! The shards must come from the same suite (same suite hash) and may not
//! share a run. Runs are put back in plan order (their `position`). The merged report starts when the first shard started and
//! lasts until the last one ended; it is complete when every shard is; its
//! gate is the union of the shards' gates. Each shard judged the run-level
//! invariants over its own answers; the merged report keeps every
//! shard's breaches (an invariant is broken if any shard broke it), and
//! does not compare the answers of one shard with another's.

use crate::check::invariants::{Judgement, Status};
use std::collections::{BTreeMap, BTreeSet};

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::gate;
use super::model::{Gate, Report, RunEntry, SnapshotSource};

/// Merges shard reports, in the order given.
pub fn merge(reports: Vec<(String, Report)>) -> Result<Report, String> {
    let mut iter = reports.into_iter();
    let Some((first_name, mut merged)) = iter.next() else {
        return Err("give at least one JSON report to merge".to_string());
    };
    let mut owners: BTreeMap<String, String> = merged
        .runs
        .iter()
        .map(|r| (r.id.clone(), first_name.clone()))
        .collect();
    let mut shards = shard_names(&merged);
    let mut span = Span::of(&merged)?;
    let mut gates: Vec<Gate> = merged.gate.take().into_iter().collect();
    for (name, report) in iter {
        if report.provenance.suite_hash != merged.provenance.suite_hash {
            return Err(format!(
                "{name} is a report of another suite ({}) than {first_name} ({})",
                report.provenance.suite_hash, merged.provenance.suite_hash
            ));
        }
        for run in &report.runs {
            if let Some(owner) = owners.insert(run.id.clone(), name.clone()) {
                return Err(format!(
                    "the run {} is in both {owner} and {name}: merge each shard once",
                    run.id
                ));
            }
        }
        shards.extend(shard_names(&report));
        span = span.union(Span::of(&report)?);
        merged.complete &= report.complete;
        merged.totals.planned += report.totals.planned;
        merged.provenance.snapshot_sources = SnapshotSource::tally(
            std::mem::take(&mut merged.provenance.snapshot_sources)
                .into_iter()
                .chain(report.provenance.snapshot_sources),
        );
        gates.extend(report.gate);
        merged.runs.extend(report.runs);
        merged.invariants =
            merge_invariants(std::mem::take(&mut merged.invariants), report.invariants);
    }
    merged.runs.sort_by_key(|r| (r.position, r.id.clone()));
    merged.provenance.shards = shards;
    merged.provenance.options.partition = None;
    merged.provenance.started_at = span.start.format(&Rfc3339).unwrap_or_default();
    merged.provenance.duration_ms = (span.end - span.start).whole_milliseconds().max(0) as u64;
    merged.gate = merge_gates(gates, &merged.runs);
    merged.recount();
    Ok(merged)
}

/// Each shard's invariants, as judged over that shard's own answers:
/// broken if broken in any shard (every breach kept), held if held in
/// some, else not exercised. Answers of different shards are not compared
/// with each other.
fn merge_invariants(mut merged: Vec<Judgement>, more: Vec<Judgement>) -> Vec<Judgement> {
    for judgement in more {
        let Some(into) = merged.iter_mut().find(|j| j.id == judgement.id) else {
            merged.push(judgement);
            continue;
        };
        into.status = match (into.status, judgement.status) {
            (Status::Broken, _) | (_, Status::Broken) => Status::Broken,
            (Status::Held, _) | (_, Status::Held) => Status::Held,
            _ => Status::NotExercised,
        };
        into.observed += judgement.observed;
        into.cases.extend(judgement.cases);
        into.cases.sort();
        into.cases.dedup();
        into.breaches.extend(judgement.breaches);
    }
    merged
}

/// The shards a report stands for: its own partition, or those it was merged from.
fn shard_names(report: &Report) -> Vec<String> {
    if !report.provenance.shards.is_empty() {
        report.provenance.shards.clone()
    } else {
        vec![
            report
                .provenance
                .options
                .partition
                .clone()
                .unwrap_or_else(|| "all".to_string()),
        ]
    }
}

#[derive(Clone, Copy)]
struct Span {
    start: OffsetDateTime,
    end: OffsetDateTime,
}

impl Span {
    fn of(report: &Report) -> Result<Span, String> {
        let start = OffsetDateTime::parse(&report.provenance.started_at, &Rfc3339)
            .map_err(|e| format!("invalid started_at `{}`: {e}", report.provenance.started_at))?;
        let end = start + time::Duration::milliseconds(report.provenance.duration_ms as i64);
        Ok(Span { start, end })
    }

    fn union(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

fn merge_gates(gates: Vec<Gate>, runs: &[RunEntry]) -> Option<Gate> {
    let first = gates.first()?.clone();
    let ran: BTreeSet<&str> = runs.iter().map(|r| r.id.as_str()).collect();
    let union = |pick: fn(&Gate) -> &Vec<String>| -> Vec<String> {
        let set: BTreeSet<String> = gates.iter().flat_map(|g| pick(g).iter().cloned()).collect();
        set.into_iter().collect()
    };
    let mut merged = Gate {
        file: first.file,
        strict: gates.iter().any(|g| g.strict),
        expected: union(|g| &g.expected),
        disputed: union(|g| &g.disputed),
        new: union(|g| &g.new),
        stale: union(|g| &g.stale),
        not_run: union(|g| &g.not_run)
            .into_iter()
            .filter(|id| !ran.contains(id.as_str()) && !runs.iter().any(|r| r.case_id == *id))
            .collect(),
        passed: false,
    };
    merged.passed = gate::verdict(&merged);
    Some(merged)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::OutcomeKind;
    use crate::report::testing::{report, run};

    #[test]
    fn a_merged_report_carries_every_runs_reference_outcome() {
        use crate::report::model::ReferenceEntry;
        let mut a = report(vec![run("x::json::v1-get", OutcomeKind::Passed)]);
        a.runs[0].reference = ReferenceEntry::Differs {
            diff: "-a\n+b\n".into(),
        };
        a.provenance.options.partition = Some("hash:1/2".into());
        let mut b = report(vec![run("y::json::v1-get", OutcomeKind::Passed)]);
        b.runs[0].position = 1;
        b.provenance.options.partition = Some("hash:2/2".into());
        let merged = merge(vec![("a".into(), a.clone()), ("b".into(), b)]).unwrap();
        assert_eq!(merged.runs[0].reference, a.runs[0].reference);
        assert_eq!(merged.runs[1].reference, ReferenceEntry::Matched);
        assert_eq!(merged.totals.reference_differs, 1);
    }

    #[test]
    fn merged_shards_add_up_and_keep_suite_order() {
        let mut a = report(vec![run("x::json::v1-get", OutcomeKind::Passed)]);
        a.runs[0].position = 2;
        a.provenance.options.partition = Some("hash:1/2".into());
        let mut b = report(vec![
            run("y::json::v1-get", OutcomeKind::Failed),
            run("z::json::v1-get", OutcomeKind::Ignored),
        ]);
        b.runs[0].position = 1;
        b.provenance.options.partition = Some("hash:2/2".into());
        b.provenance.started_at = "2026-01-01T00:00:01Z".into();
        b.provenance.duration_ms = 500;
        b.complete = false;
        let merged = merge(vec![("a".into(), a), ("b".into(), b)]).unwrap();
        assert_eq!(merged.totals.planned, 3);
        assert_eq!(
            (
                merged.totals.passed,
                merged.totals.failed,
                merged.totals.ignored
            ),
            (1, 1, 1)
        );
        assert_eq!(merged.provenance.shards, vec!["hash:1/2", "hash:2/2"]);
        assert_eq!(merged.provenance.duration_ms, 1500);
        assert!(!merged.complete);
        let ids: Vec<&str> = merged.runs.iter().map(|r| r.id.as_str()).collect();
        assert_eq!(
            ids,
            ["z::json::v1-get", "y::json::v1-get", "x::json::v1-get"]
        );
    }

    #[test]
    fn merged_shards_keep_every_broken_invariant_and_never_pass_one_no_shard_exercised() {
        use crate::check::invariants::{Observation, judge};
        let success = |run: &str, image: &str, request: &str| Observation {
            run: run.into(),
            case: run.into(),
            step: "create".into(),
            account: "default".into(),
            status: 200,
            request_id: Some(request.into()),
            image_id: Some(image.into()),
            nonce: request.into(),
            ..Observation::default()
        };
        let mut a = report(vec![run("x::json::v1-get", OutcomeKind::Passed)]);
        a.invariants = judge(&[success("x", "m-1", "R1"), success("x", "m-1", "R2")]);
        a.provenance.options.partition = Some("hash:1/2".into());
        let mut b = report(vec![run("y::json::v1-get", OutcomeKind::Passed)]);
        b.invariants = judge(&[]);
        b.provenance.options.partition = Some("hash:2/2".into());
        let merged = merge(vec![("a".into(), a), ("b".into(), b)]).unwrap();
        let status = |id: &str| {
            merged
                .invariants
                .iter()
                .find(|j| j.id == id)
                .map(|j| j.status)
                .unwrap()
        };
        assert_eq!(status("image-id.distinct"), Status::Broken);
        assert_eq!(status("request-id.distinct"), Status::Held);
        assert!(!merged.passed());
        let mut c = report(vec![run("z::json::v1-get", OutcomeKind::Passed)]);
        let mut d = report(vec![run("w::json::v1-get", OutcomeKind::Passed)]);
        c.invariants = judge(&[]);
        c.provenance.options.partition = Some("hash:1/2".into());
        d.invariants = judge(&[]);
        d.provenance.options.partition = Some("hash:2/2".into());
        let merged = merge(vec![("c".into(), c), ("d".into(), d)]).unwrap();
        assert!(
            merged
                .invariants
                .iter()
                .all(|j| j.status == Status::NotExercised)
        );
    }

    #[test]
    fn a_shard_merged_twice_is_refused() {
        let a = report(vec![run("x::json::v1-get", OutcomeKind::Passed)]);
        let err = merge(vec![("a".into(), a.clone()), ("b".into(), a)]).unwrap_err();
        assert!(err.contains("in both a and b"), "{err}");
    }

    #[test]
    fn reports_of_different_suites_are_refused() {
        let a = report(vec![]);
        let mut b = report(vec![]);
        b.provenance.suite_hash = "sha256:ff".into();
        assert!(merge(vec![("a".into(), a), ("b".into(), b)]).is_err());
    }
}
