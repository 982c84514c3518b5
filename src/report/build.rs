//! Turns a session's [`RunRecord`]s into a [`Report`]: one [`RunEntry`] per
//! finished run (in plan order), the totals, the snapshots' provenance, the
//! differential answers and the gate — then removes every secret.

use std::collections::HashMap;

use crate::check::snapshot::SnapshotStore;
use crate::check::{NotCompared, Reference};
use crate::runner::{Against, Outcome, Run, RunRecord};
use crate::suite::{Expect, Expectation, Matcher, Piece, Template};

use super::gate::ExpectedFailures;
use super::model::{
    Differential, ExpectedStep, FailureEntry, OutcomeKind, Provenance, QuoteEntry, ReadingChoice,
    ReferenceEntry, Report, RequestEntry, RunEntry, SCHEMA_VERSION, SnapshotSource, Totals,
};
use super::redact::Redactor;
use super::redact_entry::Redact;

/// Everything a report is made from.
pub struct Inputs<'a> {
    /// The runs that were selected, in plan order.
    pub selected: &'a [Run],
    /// The runs that finished, in any order.
    pub records: &'a [RunRecord],
    /// Run id → its place in the whole plan (before filters and shards).
    pub positions: &'a HashMap<String, usize>,
    pub snapshots: &'a SnapshotStore,
    pub against: Option<&'a Against>,
    pub expected: Option<&'a ExpectedFailures>,
    pub strict: bool,
    pub provenance: Provenance,
    pub complete: bool,
    pub redactor: &'a Redactor,
    /// Entries already made by [`prepare`] as their runs finished, by run
    /// id; a finished run without one is prepared here.
    pub prepared: HashMap<String, RunEntry>,
}

/// Builds the report; every string in it has passed the redactor.
pub fn build(inputs: Inputs<'_>) -> Report {
    let order: HashMap<&str, usize> = inputs
        .selected
        .iter()
        .enumerate()
        .map(|(i, run)| (run.id.as_str(), i))
        .collect();
    let mut records: Vec<&RunRecord> = inputs.records.iter().collect();
    records.sort_by_cached_key(|r| order.get(r.run.id.as_str()).copied().unwrap_or(usize::MAX));
    let mut prepared = inputs.prepared;
    let runs: Vec<RunEntry> = records
        .iter()
        .map(|record| {
            let mut entry = match prepared.remove(&record.run.id) {
                Some(entry) => entry,
                None => prepare(record, inputs.snapshots, inputs.against, inputs.redactor),
            };
            entry.position = inputs
                .positions
                .get(&entry.id)
                .copied()
                .unwrap_or(usize::MAX);
            entry
        })
        .collect();
    let mut provenance = redacted(inputs.provenance, inputs.redactor);
    provenance.snapshot_sources = snapshot_sources(&records, &runs);
    let mut report = Report {
        schema_version: SCHEMA_VERSION,
        complete: inputs.complete,
        provenance,
        totals: Totals {
            planned: inputs.selected.len(),
            ..Totals::default()
        },
        gate: None,
        runs,
        invariants: redacted(invariants(&records), inputs.redactor),
    };
    if let Some(expected) = inputs.expected {
        expected.judge(&mut report, inputs.strict);
        report.gate = report.gate.map(|gate| redacted(gate, inputs.redactor));
        for run in &mut report.runs {
            if let Some(reason) = &mut run.expected_failure {
                *reason = inputs.redactor.text(reason);
            }
        }
    }
    report.recount();
    report
}

/// The invariants, judged over the answers of every finished run (a run
/// not judged still contributes the answers it met).
pub fn invariants(records: &[&RunRecord]) -> Vec<crate::check::invariants::Judgement> {
    let observations: Vec<_> = records
        .iter()
        .flat_map(|r| r.observations.iter().cloned())
        .collect();
    crate::check::invariants::judge(&observations)
}

/// One finished run's report entry, every string passed through
/// `redactor` — made as the run finishes, so that building the report at
/// the end only gathers entries.
pub fn prepare(
    record: &RunRecord,
    snapshots: &SnapshotStore,
    against: Option<&Against>,
    redactor: &Redactor,
) -> RunEntry {
    let mut entry = entry(record, snapshots, against);
    entry.redact(redactor);
    entry
}

/// A report part with every string passed through `redactor`: it goes
/// through a JSON tree, so no field is ever missed.
pub fn redacted<T: serde::Serialize + serde::de::DeserializeOwned>(
    part: T,
    redactor: &Redactor,
) -> T {
    let Ok(mut value) = serde_json::to_value(&part) else {
        return part;
    };
    redactor.value(&mut value);
    serde_json::from_value(value).unwrap_or(part)
}

fn entry(record: &RunRecord, snapshots: &SnapshotStore, against: Option<&Against>) -> RunEntry {
    let run = &record.run;
    let (outcome, reason, verdict) = match &record.outcome {
        Outcome::Passed(v) => (OutcomeKind::Passed, None, Some(v)),
        Outcome::Failed(v) => (OutcomeKind::Failed, None, Some(v)),
        Outcome::Ignored(reason) => (OutcomeKind::Ignored, Some(reason.clone()), None),
        Outcome::NotJudged(reason) => (OutcomeKind::NotJudged, Some(reason.clone()), None),
    };
    let failures: Vec<FailureEntry> = verdict
        .map(|v| {
            v.failures
                .iter()
                .map(|f| FailureEntry {
                    step: f.step.clone(),
                    what: f.what.clone(),
                    expected: f.expected.clone(),
                    actual: f.actual.clone(),
                    location: f.loc.as_ref().map(ToString::to_string),
                    detail: f.detail.clone(),
                    because: f.sentences().into_iter().map(QuoteEntry::from).collect(),
                    accepted: f.accepted.clone(),
                    untraced: f.is_untraced(),
                })
                .collect()
        })
        .unwrap_or_default();
    let diff = failures
        .iter()
        .find(|f| f.what == "snapshot")
        .and_then(|f| f.detail.clone());
    let compared = !matches!(outcome, OutcomeKind::Ignored | OutcomeKind::NotJudged);
    let snapshot = if run.case.snapshot && compared {
        snapshots
            .recorded(&run.snapshot_name())
            .map(|r| SnapshotSource {
                target: r.target,
                recorded_at: r.recorded_at,
                harness_version: r.harness_version,
                count: 1,
            })
    } else {
        None
    };
    RunEntry {
        id: run.id.clone(),
        position: 0,
        case_id: run.case.id.clone(),
        area: run.area.clone(),
        rules: run.case.rules.clone(),
        tags: run.case.tags.clone(),
        source: run.case.loc.to_string(),
        format: run.format.to_string(),
        wire: run.wire.to_string(),
        outcome,
        reason,
        readings: verdict
            .map(|v| {
                v.readings
                    .iter()
                    .map(|(step, reading)| ReadingChoice {
                        step: step.clone(),
                        reading: reading.clone(),
                    })
                    .collect()
            })
            .unwrap_or_default(),
        expected: expected_steps(run),
        failures,
        requests: record
            .requests
            .iter()
            .map(|(step, request)| RequestEntry::new(step, request))
            .collect(),
        normalised: record.normalised.clone(),
        diff,
        reference: match outcome {
            OutcomeKind::NotJudged => ReferenceEntry::NotCompared {
                why: NotCompared::NotJudged.name().to_string(),
            },
            _ => reference_entry(verdict.map(|v| &v.reference)),
        },
        snapshot,
        expected_failure: None,
        disputed: false,
        differential: against
            .and_then(|a| a.answer(&run.id))
            .map(|answer| Differential {
                outcome: match answer.outcome {
                    Outcome::Passed(_) => OutcomeKind::Passed,
                    Outcome::Failed(_) => OutcomeKind::Failed,
                    Outcome::Ignored(_) => OutcomeKind::Ignored,
                    Outcome::NotJudged(_) => OutcomeKind::NotJudged,
                },
                differs: answer.diff.is_some(),
                diff: answer.diff,
                normalised: answer.normalised,
            }),
        duration_ms: record.duration.as_secs_f64() * 1000.0,
    }
}

/// A verdict's reference outcome as reported; an ignored run (no verdict)
/// was not compared.
fn reference_entry(reference: Option<&Reference>) -> ReferenceEntry {
    let choices = |readings: &std::collections::BTreeMap<String, String>| {
        readings
            .iter()
            .map(|(step, reading)| ReadingChoice {
                step: step.clone(),
                reading: reading.clone(),
            })
            .collect()
    };
    match reference {
        None => ReferenceEntry::NotCompared {
            why: NotCompared::Ignored.name().to_string(),
        },
        Some(Reference::Matched) => ReferenceEntry::Matched,
        Some(Reference::Differs { diff }) => ReferenceEntry::Differs { diff: diff.clone() },
        Some(Reference::OtherReading { recorded, matched }) => ReferenceEntry::OtherReading {
            recorded: choices(recorded),
            matched: choices(matched),
        },
        Some(Reference::NotCompared(why)) => ReferenceEntry::NotCompared {
            why: why.name().to_string(),
        },
    }
}

/// Distinct snapshot provenances, counted once per snapshot file; snapshots
/// whose header names no origin are counted under an all-empty source.
fn snapshot_sources(records: &[&RunRecord], runs: &[RunEntry]) -> Vec<SnapshotSource> {
    let mut seen = std::collections::BTreeSet::new();
    let mut sources = Vec::new();
    for (record, entry) in records.iter().zip(runs) {
        if !record.run.case.snapshot
            || matches!(entry.outcome, OutcomeKind::Ignored | OutcomeKind::NotJudged)
        {
            continue;
        }
        if !seen.insert(record.run.snapshot_name()) {
            continue;
        }
        sources.push(entry.snapshot.clone().unwrap_or(SnapshotSource {
            target: None,
            recorded_at: None,
            harness_version: None,
            count: 1,
        }));
    }
    SnapshotSource::tally(sources)
}

/// What each step expects, in plain text; a `one_of` gives one entry per reading.
fn expected_steps(run: &Run) -> Vec<ExpectedStep> {
    let mut out = Vec::new();
    for step in &run.case.steps {
        match &step.expect {
            Expectation::Single(expect) => out.push(expected_step(&step.name, None, expect)),
            Expectation::OneOf(readings) => {
                for reading in readings {
                    out.push(expected_step(
                        &step.name,
                        Some(reading.name.clone()),
                        &reading.expect,
                    ));
                }
            }
        }
    }
    out
}

fn expected_step(step: &str, reading: Option<String>, expect: &Expect) -> ExpectedStep {
    ExpectedStep {
        step: step.to_string(),
        reading,
        status: expect.status.as_ref().map(|s| s.value),
        code: expect.code.as_ref().map(|m| matcher_text(&m.value)),
        message: expect.message.as_ref().map(|m| matcher_text(&m.value)),
    }
}

/// A matcher as a case file would write it: a plain value for equality.
pub fn matcher_text(matcher: &Matcher) -> String {
    match matcher {
        Matcher::Equals(template) => template_text(template),
        Matcher::Regex(regex) => format!("/{}/", regex.as_str()),
        Matcher::Shape(shape) => format!("<{}>", shape.name()),
        Matcher::MediaType(expected) => format!("<media type {expected}>"),
        Matcher::Absent => "<absent>".to_string(),
        Matcher::Present => "<present>".to_string(),
        Matcher::OneOf(options) => options
            .iter()
            .map(matcher_text)
            .collect::<Vec<_>>()
            .join(" | "),
        Matcher::Not(inner) => format!("<not {}>", matcher_text(inner)),
        Matcher::AllOf(all) => all.iter().map(matcher_text).collect::<Vec<_>>().join(" & "),
    }
}

fn template_text(template: &Template) -> String {
    template
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => text.clone(),
            Piece::Fixture(name) => format!("{{{{fixture.{name}}}}}"),
            Piece::Unique(label) if label.is_empty() => "{{unique}}".to_string(),
            Piece::Unique(label) => format!("{{{{unique:{label}}}}}"),
            Piece::Uuid(label) if label.is_empty() => "{{uuid}}".to_string(),
            Piece::Uuid(label) => format!("{{{{uuid:{label}}}}}"),
            Piece::Capture { step, field } => format!("{{{{steps.{step}.{field}}}}}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn templates_read_back_as_the_case_file_wrote_them() {
        let t = Template {
            pieces: vec![
                Piece::Text("x-".into()),
                Piece::Fixture("snapshot.system".into()),
                Piece::Unique(String::new()),
                Piece::Capture {
                    step: "first".into(),
                    field: "ImageId".into(),
                },
            ],
        };
        assert_eq!(
            template_text(&t),
            "x-{{fixture.snapshot.system}}{{unique}}{{steps.first.ImageId}}"
        );
    }
}
