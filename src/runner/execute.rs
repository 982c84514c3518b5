//! Executes one [`Run`]: resolves each step's parameters, sends it (once, or
//! several times at once), checks the answers and the snapshot, and returns
//! the [`Outcome`], and whether the target answered at all ([`Reach`]).
//!
//! A run is judged on its answers. It is not judged ([`Outcome::NotJudged`])
//! when a request could not reach the target, was still throttled after the
//! retries, or may have been acted on with its answer lost — unless an
//! earlier step already broke the contract, which fails the run.

use std::collections::{BTreeMap, HashMap};
use std::time::{Duration, Instant};

use serde_json::{Map, Value, json};

use crate::check::invariants::Observation;
use crate::check::reference::judge;
use crate::check::snapshot::{SnapshotStore, Subject};
use crate::check::{Failure, Normaliser, NotCompared, Observed, Reference, Verdict};
use crate::suite::{Step, Template};
use crate::wire::credentials::Credentials;
use crate::wire::request::{PreparedRequest, Tampering, timestamp_from_now};

use super::cleanup::CreatedImages;
use super::concurrent::send_concurrently;
use super::exchange::{NoAnswer, Outgoing, Silence, send_for_verdict};
use super::observe::observation;
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
    /// The run was not judged, for the reason given: the target could not
    /// be reached or throttled it to the end, a request's answer was lost
    /// after the target may have acted on it, or the run was not run at
    /// all (see [`super::breaker`]). Never counted as passed, nor as a
    /// contract failure.
    NotJudged(String),
}

/// Whether a run's requests met any answer, for stopping early when a
/// target answers nothing ([`super::breaker`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reach {
    /// Nothing was sent (an ignored run, one not run), or the run was cut
    /// short before it learned anything.
    Unsent,
    /// Something came back, whatever it was.
    Answered,
    /// The run's first request got not one byte of an answer.
    Silent(Silence),
}

impl Reach {
    /// Takes in what one request met.
    pub fn note(&mut self, answer: Result<(), &NoAnswer>) {
        *self = match (*self, answer.err().and_then(NoAnswer::silence)) {
            (Reach::Answered, _) | (_, None) => Reach::Answered,
            (Reach::Silent(first), Some(_)) => Reach::Silent(first),
            (Reach::Unsent, Some(silence)) => Reach::Silent(silence),
        };
    }
}

/// One finished run, for reports.
#[derive(Clone, Debug)]
pub struct RunRecord {
    pub run: Run,
    pub outcome: Outcome,
    pub duration: Duration,
    /// The normalised answers, as stored in snapshots.
    pub normalised: Value,
    /// Whether the target answered any of the run's requests.
    pub reach: Reach,
    /// Every answer, for the run-level invariants.
    pub observations: Vec<Observation>,
    /// The request of each step that failed (of a failed run) or had no
    /// judged answer (a run not judged), by step name, as signed and
    /// tampered with: what went on the wire (its first attempt). Empty for
    /// a run that passed.
    pub requests: Vec<(String, PreparedRequest)>,
}

/// The access key id a `tamper: { unknown_access_key: true }` step signs with.
pub const UNKNOWN_ACCESS_KEY_ID: &str = "createimage-contract-unknown-key";

/// Runs every step of `run` against `target`.
/// Runs `run` against `target`; every image it creates goes into `created`
/// (the run's ledger, for `--cleanup`).
pub async fn execute(
    run: &Run,
    target: &Target,
    created: &CreatedImages,
    snapshots: &SnapshotStore,
) -> RunRecord {
    let started = Instant::now();
    let mut reach = Reach::Unsent;
    let mut observations = Vec::new();
    let mut sent = Vec::new();
    let (outcome, normalised) = execute_steps(
        run,
        target,
        created,
        snapshots,
        &mut reach,
        &mut observations,
        &mut sent,
    )
    .await;
    let requests = failing_requests(&outcome, &sent, &target.host);
    RunRecord {
        run: run.clone(),
        outcome,
        duration: started.elapsed(),
        normalised,
        reach,
        observations,
        requests,
    }
}

/// The requests worth showing with a run's verdict: each step a failure
/// names (a copy of a concurrent step, `step#2`, by its step), or the last
/// step sent of a run not judged. Prepared again from what was sent: the
/// same nonce and timestamp sign the same bytes.
fn failing_requests(
    outcome: &Outcome,
    sent: &[(String, Outgoing)],
    host: &str,
) -> Vec<(String, PreparedRequest)> {
    let steps: Vec<&str> = match outcome {
        Outcome::Passed(_) | Outcome::Ignored(_) => return Vec::new(),
        Outcome::Failed(verdict) => verdict
            .failures
            .iter()
            .map(|f| {
                f.step
                    .split_once('#')
                    .map_or(f.step.as_str(), |(step, _)| step)
            })
            .collect(),
        Outcome::NotJudged(_) => sent
            .last()
            .map(|(step, _)| step.as_str())
            .into_iter()
            .collect(),
    };
    sent.iter()
        .filter(|(step, _)| steps.contains(&step.as_str()))
        .map(|(step, outgoing)| (step.clone(), outgoing.prepared(host, "CreateImage")))
        .collect()
}

async fn execute_steps(
    run: &Run,
    target: &Target,
    created: &CreatedImages,
    snapshots: &SnapshotStore,
    reach: &mut Reach,
    observations: &mut Vec<Observation>,
    requests: &mut Vec<(String, Outgoing)>,
) -> (Outcome, Value) {
    let case = &run.case;
    // Every account a step signs with must be bound: a run missing one is
    // not run, whichever step needs it.
    let mut signers: HashMap<&str, &Credentials> = HashMap::new();
    for account in case.accounts() {
        let Some(credentials) = target.accounts.get(account) else {
            let reason = target
                .unbound_accounts
                .get(account)
                .cloned()
                .unwrap_or_else(|| {
                    format!("account `{account}` has no credentials for this target")
                });
            return (Outcome::Ignored(reason), Value::Null);
        };
        signers.insert(account, credentials);
    }
    let own = case.account.as_deref().unwrap_or("default");
    let credentials = signers[own];
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
    let mut sent: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut nonces: HashMap<String, String> = HashMap::new();
    let mut answers = Map::new();
    // Why the run cannot be judged, once a request says so.
    let mut not_judged: Option<String> = None;
    let mut normaliser = target.fixture_normaliser().clone();
    normaliser.add_literal(&credentials.access_key_id, "access-key-id");
    if let Some(token) = &credentials.security_token {
        normaliser.add_literal_encoded(token, "security-token");
    }
    normaliser.add_literal(UNKNOWN_ACCESS_KEY_ID, "unknown-access-key-id");
    for (name, other) in signers.iter().filter(|(name, _)| **name != own) {
        normaliser.add_literal(&other.access_key_id, &format!("access-key-id:{name}"));
        if let Some(token) = &other.security_token {
            normaliser.add_literal_encoded(token, &format!("security-token:{name}"));
        }
    }

    for step in &case.steps {
        let params = match step_params(step, &vars, &sent, &target.region) {
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
        let step_account = step.account.as_deref().unwrap_or(own);
        let signer = signers[step_account];
        let outgoing = outgoing(step, signer, &target.accounts, run, params, &nonces);
        normaliser.add_literal_encoded(&outgoing.nonce, "nonce");
        normaliser.add_literal_encoded(&outgoing.timestamp, "timestamp");
        nonces.insert(step.name.clone(), outgoing.nonce.clone());
        sent.push((step.name.clone(), outgoing.params.clone()));
        requests.push((step.name.clone(), outgoing.clone()));
        let resolve = |t: &Template| vars.resolve(t).ok();

        if let Some(concurrent) = &step.concurrent {
            let copies_signed_by: Vec<(String, Credentials)> = concurrent
                .accounts
                .iter()
                .map(|name| {
                    (
                        name.clone(),
                        signing_credentials(step, signers[name.as_str()], &target.accounts),
                    )
                })
                .collect();
            let group = send_concurrently(
                step,
                concurrent,
                &copies_signed_by,
                target,
                created,
                &outgoing,
                &resolve,
                &mut normaliser,
            )
            .await;
            for (copy, observed) in &group.answered {
                observations.push(observation(
                    &run.id,
                    &case.id,
                    &format!("{}#{}", step.name, copy.index),
                    copy.account.as_deref().unwrap_or(step_account),
                    &copy.outgoing,
                    observed,
                ));
            }
            if let Some(answered) = group.reach {
                reach.note(answered.as_ref().map(|_| ()));
            }
            let mut failures = group.failures;
            crate::suite::trace::explain(case, step, &mut failures);
            verdict.failures.extend(failures);
            for reading in group.readings {
                verdict.readings.push((step.name.clone(), reading));
            }
            answers.insert(step.name.clone(), group.summary);
            if group.not_judged.is_some() {
                not_judged = group.not_judged;
                break;
            }
            if group.stop {
                break;
            }
            if let Some(first) = group.first_body {
                vars.capture(&step.name, first);
            }
            continue;
        }

        let observed = match send_for_verdict(target, &outgoing).await {
            Ok(observed) => {
                reach.note(Ok(()));
                created.record(&observed, &outgoing);
                observations.push(observation(
                    &run.id,
                    &case.id,
                    &step.name,
                    step_account,
                    &outgoing,
                    &observed,
                ));
                observed
            }
            Err(no_answer) => {
                reach.note(Err(&no_answer));
                if no_answer.judges() {
                    verdict.failures.push(no_answer.failure(&step.name, step));
                } else {
                    not_judged = Some(no_answer.reason().to_owned());
                }
                break;
            }
        };
        let (mut failures, reading) =
            crate::check::check_expectation(&step.name, &step.expect, &observed, &resolve);
        crate::suite::trace::explain(case, step, &mut failures);
        verdict.failures.extend(failures);
        if let Some(reading) = reading {
            verdict.readings.push((step.name.clone(), reading));
        }
        for (value, token) in vars.generated() {
            normaliser.add_literal(&value, &token);
        }
        answers.insert(step.name.clone(), answer_json(&observed, &mut normaliser));
        vars.capture(&step.name, observed.body.value);
    }

    let normalised = Value::Object(answers);
    if let Some(reason) = not_judged {
        if verdict.failures.is_empty() {
            return (Outcome::NotJudged(reason), normalised);
        }
        // An earlier step broke the contract: the run fails on that, and
        // its answers, incomplete, are not compared with the snapshot.
        return (Outcome::Failed(verdict), normalised);
    }
    // An answer that never came, or could not be decoded, has nothing to
    // compare: its reference outcome stays "not compared".
    let answered = |f: &Failure| f.what != "transport" && f.what != "decode";
    if !case.snapshot {
        verdict.reference = Reference::NotCompared(NotCompared::CaseWithoutSnapshot);
    } else if verdict.failures.iter().all(answered) {
        compare_snapshot(run, snapshots, &normalised, &mut verdict);
    }
    let outcome = if verdict.passed() {
        Outcome::Passed(verdict)
    } else {
        Outcome::Failed(verdict)
    };
    (outcome, normalised)
}

/// One answer as it is stored in a snapshot.
pub fn answer_json(observed: &Observed, normaliser: &mut Normaliser) -> Value {
    json!({
        "status": observed.status,
        "content_type": observed.content_type,
        "root": observed.body.root,
        "body": normaliser.value(&observed.body.value),
    })
}

/// The request a step sends: the run's credentials, style and format, a
/// fresh nonce and timestamp, and whatever `tamper:` asks for.
fn outgoing(
    step: &Step,
    credentials: &Credentials,
    accounts: &BTreeMap<String, Credentials>,
    run: &Run,
    params: Vec<(String, String)>,
    nonces: &HashMap<String, String>,
) -> Outgoing {
    let tamper = &step.tamper;
    let credentials = signing_credentials(step, credentials, accounts);
    let reused = tamper
        .reuse_nonce
        .as_ref()
        .and_then(|step| nonces.get(step).cloned());
    let reused_nonce = reused.is_some();
    let nonce = reused.unwrap_or_else(|| tamper.nonce.fresh());
    Outgoing {
        credentials,
        style: run.wire,
        format: run.format,
        params,
        nonce,
        timestamp: timestamp_from_now(tamper.timestamp_offset_seconds),
        tampering: Tampering {
            without: tamper.without.clone(),
            strip: tamper.strip.clone(),
            spell: tamper.spell.clone(),
            add: tamper.add.clone(),
            plus_for_space: tamper.plus_for_space,
            nonce: tamper.nonce,
            append: tamper.append.clone(),
            append_to_query: tamper.append_to_query.clone(),
            append_to_body: tamper.append_to_body.clone(),
            alter: tamper.alter.clone(),
            unsigned_headers: tamper.unsigned_headers.clone(),
        },
        reused_nonce,
    }
}

/// The key pair a step signs with: the account's, damaged as its
/// `tamper:` asks.
fn signing_credentials(
    step: &Step,
    credentials: &Credentials,
    accounts: &BTreeMap<String, Credentials>,
) -> Credentials {
    let tamper = &step.tamper;
    let mut credentials = credentials.clone();
    if tamper.wrong_secret {
        credentials.access_key_secret = format!("{}-wrong", credentials.access_key_secret);
    }
    if tamper.unknown_access_key {
        credentials.access_key_id = UNKNOWN_ACCESS_KEY_ID.to_string();
    }
    if let Some(variant) = tamper.access_key {
        credentials.access_key_id = variant.apply(&credentials.access_key_id);
    }
    if let Some(account) = &tamper.security_token_of {
        credentials.security_token = accounts
            .get(account)
            .and_then(|other| other.security_token.clone());
    }
    credentials
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

/// Compares the answers with the run's snapshot ([`crate::check::snapshot`]
/// and [`crate::check::reference`] decide); records the outcome in the
/// verdict, with the failure it causes, if any.
fn compare_snapshot(
    run: &Run,
    snapshots: &SnapshotStore,
    normalised: &Value,
    verdict: &mut Verdict,
) {
    let last_step = run
        .case
        .steps
        .last()
        .map(|s| s.name.as_str())
        .unwrap_or("request");
    let name = run.snapshot_name();
    let expression = format!("{}::{}", run.case.id, run.format);
    let compared = snapshots.compare(
        &name,
        normalised,
        Subject {
            source: &run.case.loc.file,
            expression: &expression,
            readings: &verdict.readings,
            may_record: verdict.passed(),
        },
    );
    let (reference, failure) = judge(compared, snapshots, &snapshots.path_of(&name), last_step);
    verdict.reference = reference;
    verdict.failures.extend(failure);
}
