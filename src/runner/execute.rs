//! Executes one [`Run`]: resolves each step's parameters, sends it, checks
//! the answer and the snapshot, and returns the [`Outcome`].

use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::check::snapshot::{Comparison, SnapshotStore};
use crate::check::{Failure, Normaliser, Verdict, check_expectation};
use crate::suite::Step;

use super::exchange::{Sent, send};
use super::plan::Run;
use super::target::Target;
use super::vars::{RunVars, Unresolved};

/// How a run ended.
#[derive(Clone, Debug)]
pub enum Outcome {
    Passed(Verdict),
    Failed(Verdict),
    /// The run could not be executed against this target (an unbound
    /// fixture or account); never counted as passed.
    Ignored(String),
}

/// One finished run, for reports.
#[derive(Clone, Debug)]
pub struct RunRecord {
    pub run: Run,
    pub outcome: Outcome,
    pub duration: Duration,
    /// The normalised answers, as stored in snapshots.
    pub normalised: Value,
}

/// Runs every step of `run` against `target`.
pub async fn execute(run: &Run, target: &Target, snapshots: &SnapshotStore) -> RunRecord {
    let started = Instant::now();
    let (outcome, normalised) = execute_steps(run, target, snapshots).await;
    RunRecord {
        run: run.clone(),
        outcome,
        duration: started.elapsed(),
        normalised,
    }
}

async fn execute_steps(run: &Run, target: &Target, snapshots: &SnapshotStore) -> (Outcome, Value) {
    let case = &run.case;
    let account = case.account.as_deref().unwrap_or("default");
    let Some(credentials) = target.accounts.get(account) else {
        return (
            Outcome::Ignored(format!(
                "account `{account}` has no credentials for this target"
            )),
            Value::Null,
        );
    };
    if let Some(missing) = case
        .fixtures()
        .into_iter()
        .find(|f| !target.bindings.contains_key(*f))
    {
        return (
            Outcome::Ignored(format!("fixture `{missing}` is not bound for this target")),
            Value::Null,
        );
    }
    let mut vars = RunVars::new(&target.bindings);
    let mut verdict = Verdict::default();
    let mut sent_params: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut answers = Map::new();
    let mut normaliser = Normaliser::new();
    for (reference, id) in &target.bindings {
        normaliser.add_literal(id, &format!("fixture:{reference}"));
    }
    normaliser.add_literal(&credentials.access_key_id, "access-key-id");

    for step in &case.steps {
        let params = match step_params(step, &vars, &sent_params, &target.region) {
            Ok(params) => params,
            Err(Unresolved::Fixture(name)) => {
                return (
                    Outcome::Ignored(format!("fixture `{name}` is not bound for this target")),
                    Value::Null,
                );
            }
            Err(Unresolved::Capture { step: from, field }) => {
                verdict.failures.push(Failure::new(
                    &step.name,
                    "capture",
                    format!("step `{from}` to have answered with `{field}`"),
                    "no such field",
                    Some(step.loc.clone()),
                ));
                break;
            }
        };
        let exchange = send(target, credentials, run.wire, run.format, params).await;
        remember_sent(&mut normaliser, &exchange.sent);
        sent_params.push((step.name.clone(), exchange.sent.params.clone()));
        let observed = match exchange.answer {
            Ok(observed) => observed,
            Err(reason) => {
                verdict.failures.push(Failure::new(
                    &step.name,
                    "transport",
                    "an answer",
                    reason,
                    Some(step.loc.clone()),
                ));
                break;
            }
        };
        let resolve = |t: &crate::suite::Template| vars.resolve(t).ok();
        let (failures, reading) = check_expectation(&step.name, &step.expect, &observed, &resolve);
        verdict.failures.extend(failures);
        if let Some(reading) = reading {
            verdict.readings.push((step.name.clone(), reading));
        }
        for (value, token) in vars.generated() {
            normaliser.add_literal(&value, &token);
        }
        answers.insert(
            step.name.clone(),
            json!({
                "status": observed.status,
                "content_type": observed.content_type,
                "root": observed.body.root,
                "body": normaliser.value(&observed.body.value),
            }),
        );
        vars.capture(&step.name, observed.body.value);
    }

    let normalised = Value::Object(answers);
    if case.snapshot && verdict.failures.iter().all(|f| f.what != "transport") {
        compare_snapshot(run, snapshots, &normalised, &mut verdict);
    }
    let outcome = if verdict.passed() {
        Outcome::Passed(verdict)
    } else {
        Outcome::Failed(verdict)
    };
    (outcome, normalised)
}

/// The parameters of one step: `RegionId` first (unless the step sets or
/// removes it), then what `same_as` copies, then the step's own params.
fn step_params(
    step: &Step,
    vars: &RunVars<'_>,
    earlier: &[(String, Vec<(String, String)>)],
    region: &str,
) -> Result<Vec<(String, String)>, Unresolved> {
    let mut params: Vec<(String, String)> = match &step.same_as {
        Some(name) => earlier
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, p)| p.clone())
            .unwrap_or_default(),
        None => vec![("RegionId".to_string(), region.to_string())],
    };
    for param in &step.params {
        params.retain(|(name, _)| name != &param.name);
        if !param.remove {
            params.push((param.name.clone(), vars.resolve(&param.value)?));
        }
    }
    Ok(params)
}

fn remember_sent(normaliser: &mut Normaliser, sent: &Sent) {
    normaliser.add_literal_encoded(&sent.nonce, "nonce");
    normaliser.add_literal_encoded(&sent.timestamp, "timestamp");
}

fn compare_snapshot(
    run: &Run,
    snapshots: &SnapshotStore,
    normalised: &Value,
    verdict: &mut Verdict,
) {
    let text = serde_json::to_string_pretty(normalised).unwrap_or_default();
    let last_step = run
        .case
        .steps
        .last()
        .map(|s| s.name.as_str())
        .unwrap_or("request");
    let name = run.snapshot_name();
    let may_record = verdict.passed();
    match snapshots.compare(
        &name,
        &text,
        &run.case.loc.file,
        &format!("{}::{}", run.case.id, run.format),
        may_record,
    ) {
        Ok(Comparison::Differs { diff, pending }) => {
            let mut failure = Failure::new(
                last_step,
                "snapshot",
                format!(
                    "the accepted snapshot {}",
                    snapshots.path_of(&name).display()
                ),
                "a different answer",
                None,
            );
            let mut detail = diff;
            if let Some(pending) = pending {
                detail.push_str(&format!("\nthe new answer is in {} (accept with --snapshots update or cargo insta review)", pending.display()));
            }
            failure = failure.with_detail(detail);
            verdict.failures.push(failure);
        }
        Ok(Comparison::Missing { pending }) => {
            let mut failure = Failure::new(
                last_step,
                "snapshot",
                format!(
                    "an accepted snapshot {}",
                    snapshots.path_of(&name).display()
                ),
                "none recorded",
                None,
            );
            let hint = match pending {
                Some(p) => format!(
                    "the answer is in {}; accept it with --snapshots update or cargo insta review",
                    p.display()
                ),
                None => "record it with --snapshots update".to_string(),
            };
            failure = failure.with_detail(hint);
            verdict.failures.push(failure);
        }
        Ok(_) => {}
        Err(e) => verdict.failures.push(Failure::new(
            last_step,
            "snapshot",
            "a readable snapshot",
            e.to_string(),
            None,
        )),
    }
}
