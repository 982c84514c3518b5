//! Hands each run to libtest-mimic as a trial, so its usual flags work
//! (a name filter, `--exact`, `--skip`, `--list`, `--test-threads`,
//! `--format json`). Trials block on the one shared tokio runtime.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use libtest_mimic::{Completion, Failed, Trial};

use crate::check::snapshot::SnapshotStore;
use crate::check::{Failure, Verdict};

use super::differential::Against;
use super::execute::{Outcome, RunRecord, execute};
use super::plan::Plan;
use super::sources::Sources;
use super::target::Target;

/// Everything a trial needs, shared by all trials of one invocation.
#[derive(Debug)]
pub struct Context {
    pub runtime: tokio::runtime::Handle,
    pub target: Target,
    pub snapshots: SnapshotStore,
    pub sources: Sources,
    /// When the whole invocation must have finished.
    pub deadline: Instant,
    /// Every finished run, in completion order.
    pub records: Mutex<Vec<RunRecord>>,
    /// The second target of a differential run (`--against`).
    pub against: Option<Against>,
}

/// How much of a failed run's answer its failure message shows.
const MAX_ANSWER_SHOWN: usize = 2000;

/// `text` cut to at most `max` bytes (on a character boundary), marked when cut.
fn shorten(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_string();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} more bytes)", &text[..end], text.len() - end)
}

/// One libtest-mimic trial per run of the plan, kind = the case's area.
pub fn trials(plan: &Plan, context: &Arc<Context>) -> Vec<Trial> {
    plan.runs
        .iter()
        .map(|run| {
            let run = run.clone();
            let context = context.clone();
            let area = run.area.clone();
            Trial::ignorable_test(run.id.clone(), move || {
                let deadline = tokio::time::Instant::from_std(context.deadline);
                let started = Instant::now();
                let record = context.runtime.block_on(async {
                    tokio::time::timeout_at(deadline, async {
                        let record = execute(&run, &context.target, &context.snapshots).await;
                        if let Some(against) = &context.against {
                            against.compare(&run, &record).await;
                        }
                        record
                    })
                    .await
                });
                let Ok(record) = record else {
                    context
                        .records
                        .lock()
                        .unwrap_or_else(|e| e.into_inner())
                        .push(out_of_time(&run, started));
                    return Err(Failed::from(OUT_OF_TIME));
                };
                let result = match &record.outcome {
                    Outcome::Passed(_) => Ok(Completion::Completed),
                    Outcome::Ignored(reason) => Ok(Completion::ignored_with(reason)),
                    Outcome::Failed(verdict) => {
                        let mut message = String::new();
                        for failure in &verdict.failures {
                            let line = failure.loc.as_ref().and_then(|l| context.sources.line(l));
                            message.push_str(&failure.render(line.as_deref()));
                        }
                        if !record.normalised.is_null() {
                            message.push_str(&format!(
                                "answer (normalised): {}\n",
                                shorten(&record.normalised.to_string(), MAX_ANSWER_SHOWN)
                            ));
                        }
                        message.push_str(&format!(
                            "reproduce: createimage-contract run --exact {}",
                            record.run.id
                        ));
                        Err(Failed::from(context.target.redact(&message)))
                    }
                };
                context
                    .records
                    .lock()
                    .unwrap_or_else(|e| e.into_inner())
                    .push(record);
                result
            })
            .with_kind(area)
        })
        .collect()
}

const OUT_OF_TIME: &str = "the overall time limit ran out before this run finished";

/// The record of a run cut short by `--total-timeout`: a failure.
fn out_of_time(run: &super::plan::Run, started: Instant) -> RunRecord {
    let step = run
        .case
        .steps
        .first()
        .map(|s| s.name.as_str())
        .unwrap_or("request");
    RunRecord {
        run: run.clone(),
        outcome: Outcome::Failed(Verdict {
            failures: vec![Failure::new(
                step,
                "timeout",
                "an answer",
                OUT_OF_TIME,
                None,
            )],
            ..Verdict::default()
        }),
        duration: started.elapsed(),
        normalised: serde_json::Value::Null,
    }
}
