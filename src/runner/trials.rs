//! Hands each run to libtest-mimic as a trial, so its usual flags work
//! (a name filter, `--exact`, `--skip`, `--list`, `--format json`).
//!
//! The runs themselves execute as tasks on the one shared tokio runtime,
//! in plan order with a bounded number in flight; libtest-mimic prints
//! their lines in plan order on one thread, each trial waiting only for its
//! run's result. Client, emulator and checks then share the runtime's
//! workers, with no thread per run in flight.
//!
//! A run that was not judged prints as failed, its message saying why
//! ("not judged: …"), so that libtest-mimic never reads it as a pass; one
//! the [`Breaker`] kept from being sent prints as ignored, with the reason.

use std::sync::{Arc, Mutex};
use std::time::Instant;

use libtest_mimic::{Completion, Failed, Trial};
use tokio::sync::{Semaphore, oneshot};

use crate::check::snapshot::SnapshotStore;
use crate::check::{Failure, Verdict};
use crate::report::gate::dispute_hint;
use crate::report::model::informational_note;
use crate::report::request::RequestEntry;

use super::breaker::Breaker;
use super::cleanup::CreatedImages;
use super::differential::Against;
use super::execute::{Outcome, Reach, RunRecord, execute};
use super::plan::{Plan, Run};
use super::sources::Sources;
use super::target::Target;

/// Everything a trial needs, shared by all trials of one invocation.
#[derive(Debug)]
pub struct Context {
    pub runtime: tokio::runtime::Handle,
    pub target: Target,
    /// The images the runs created on `target` (for `--cleanup`).
    pub created: CreatedImages,
    pub snapshots: SnapshotStore,
    pub sources: Sources,
    /// When the whole invocation must have finished.
    pub deadline: Instant,
    /// Every finished run, in completion order.
    pub records: Mutex<Vec<RunRecord>>,
    /// The second target of a differential run (`--against`).
    pub against: Option<Against>,
    /// The command that replays a run, less `--exact RUN-ID`.
    pub reproduce: String,
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

/// What a trial reports to libtest-mimic.
type TrialResult = Result<Completion, Failed>;

/// The trials of a plan and the runs behind them: libtest-mimic prints
/// each trial's line in plan order, one at a time, while the runs
/// themselves go ahead on the runtime, [`Runs::start`]ed with at most
/// `jobs` in flight. A trial only waits for its run's result.
pub struct Runs {
    pub trials: Vec<Trial>,
    senders: Vec<oneshot::Sender<TrialResult>>,
}

/// One libtest-mimic trial per run of the plan, kind = the case's area;
/// nothing runs until [`Runs::start`].
pub fn trials(plan: &Plan) -> Runs {
    let mut senders = Vec::with_capacity(plan.runs.len());
    let trials = plan
        .runs
        .iter()
        .map(|run| {
            let (sender, receiver) = oneshot::channel();
            senders.push(sender);
            Trial::ignorable_test(run.id.clone(), move || {
                receiver.blocking_recv().unwrap_or_else(|_| {
                    Err(Failed::from("the harness stopped before this run finished"))
                })
            })
            .with_kind(run.area.clone())
        })
        .collect();
    Runs { trials, senders }
}

impl Runs {
    /// Starts the runs whose trials libtest-mimic will run (`selected`,
    /// by plan index), in plan order, at most `jobs` at once, and returns
    /// the trials. Each finished run is handed to `finished` and recorded
    /// in the context before its trial is told. With a `breaker`, once it
    /// trips the runs in flight are cut short and the others not run.
    pub fn start(
        self,
        plan: &Plan,
        context: &Arc<Context>,
        selected: &[bool],
        jobs: usize,
        breaker: Option<Arc<Breaker>>,
        finished: impl Fn(&RunRecord) + Send + Sync + 'static,
    ) -> Vec<Trial> {
        let finished = Arc::new(finished);
        let permits = Arc::new(Semaphore::new(jobs.max(1)));
        let work: Vec<(Run, oneshot::Sender<TrialResult>)> = plan
            .runs
            .iter()
            .zip(self.senders)
            .zip(selected)
            .filter(|(_, selected)| **selected)
            .map(|((run, sender), _)| (run.clone(), sender))
            .collect();
        let context = context.clone();
        context.runtime.clone().spawn(async move {
            for (run, sender) in work {
                let Ok(permit) = permits.clone().acquire_owned().await else {
                    return;
                };
                if let Some(why) = breaker.as_ref().and_then(|b| b.tripped()) {
                    let record = not_judged(&run, format!("not run: {why}"), Instant::now());
                    let result = trial_result(&record, &context);
                    finished(&record);
                    context.record(record);
                    let _ = sender.send(result);
                    continue;
                }
                let context = context.clone();
                let finished = finished.clone();
                let breaker = breaker.clone();
                tokio::spawn(async move {
                    let result = run_one(&run, &context, breaker.as_deref(), &*finished).await;
                    drop(permit);
                    let _ = sender.send(result);
                });
            }
        });
        self.trials
    }
}

/// Executes one run within the overall deadline (and until the breaker
/// trips), records it, and says what its trial reports.
async fn run_one(
    run: &Run,
    context: &Context,
    breaker: Option<&Breaker>,
    finished: &(dyn Fn(&RunRecord) + Send + Sync),
) -> TrialResult {
    let deadline = tokio::time::Instant::from_std(context.deadline);
    let started = Instant::now();
    let work = tokio::time::timeout_at(deadline, async {
        let record = execute(run, &context.target, &context.created, &context.snapshots).await;
        if let Some(against) = &context.against {
            against.compare(run, &record).await;
        }
        record
    });
    let record = match breaker {
        None => work.await,
        Some(breaker) => tokio::select! {
            record = work => record,
            why = breaker.trips() => Ok(not_judged(run, format!("cut short: {why}"), started)),
        },
    };
    let Ok(record) = record else {
        let record = out_of_time(run, started);
        finished(&record);
        context.record(record);
        return Err(Failed::from(OUT_OF_TIME));
    };
    if let Some(breaker) = breaker {
        breaker.observe(record.reach);
    }
    let result = trial_result(&record, context);
    finished(&record);
    context.record(record);
    result
}

/// What a finished run's trial reports to libtest-mimic.
fn trial_result(record: &RunRecord, context: &Context) -> TrialResult {
    let reproduce = || format!("reproduce: {} --exact {}", context.reproduce, record.run.id);
    match &record.outcome {
        Outcome::Passed(_) => Ok(Completion::Completed),
        Outcome::Ignored(reason) => Ok(Completion::ignored_with(reason)),
        Outcome::NotJudged(reason) if record.reach == Reach::Unsent => {
            Ok(Completion::ignored_with(context.target.redact(reason)))
        }
        Outcome::NotJudged(reason) => Err(Failed::from(context.target.redact(&format!(
            "not judged: {reason}\n{}{}",
            requests_text(record),
            reproduce()
        )))),
        Outcome::Failed(verdict) => {
            let mut message = String::new();
            if let Some(note) = informational_note(&record.run.case.tags) {
                message.push_str(&format!("note: {note}\n"));
            }
            for failure in &verdict.failures {
                let line = failure.loc.as_ref().and_then(|l| context.sources.line(l));
                message.push_str(&failure.render(line.as_deref()));
            }
            message.push_str(&requests_text(record));
            if !record.normalised.is_null() {
                message.push_str(&format!(
                    "answer (normalised): {}\n",
                    shorten(&record.normalised.to_string(), MAX_ANSWER_SHOWN)
                ));
            }
            if verdict.failures.iter().any(Failure::traced_or_read) {
                message.push_str(&format!("{}\n", dispute_hint(&record.run.case.id)));
            }
            message.push_str(&reproduce());
            Err(Failed::from(context.target.redact(&message)))
        }
    }
}

/// The request of each failing step, as sent ([`RequestEntry::text`]).
fn requests_text(record: &RunRecord) -> String {
    record
        .requests
        .iter()
        .map(|(step, request)| RequestEntry::new(step, request).text())
        .collect()
}

impl Context {
    /// Keeps a finished run's record for the reports.
    fn record(&self, record: RunRecord) {
        self.records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(record);
    }
}

const OUT_OF_TIME: &str = "the overall time limit ran out before this run finished";

/// The record of a run cut short by `--total-timeout`: a failure.
fn out_of_time(run: &Run, started: Instant) -> RunRecord {
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
        reach: Reach::Unsent,
        observations: Vec::new(),
        requests: Vec::new(),
    }
}

/// The record of a run the breaker kept from being judged: not run, or
/// cut short.
fn not_judged(run: &Run, reason: String, started: Instant) -> RunRecord {
    RunRecord {
        run: run.clone(),
        outcome: Outcome::NotJudged(reason),
        duration: started.elapsed(),
        normalised: serde_json::Value::Null,
        reach: Reach::Unsent,
        observations: Vec::new(),
        requests: Vec::new(),
    }
}
