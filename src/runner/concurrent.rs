//! A `concurrent:` step: the same request sent `count` times at once (each
//! copy with its own nonce, signed by the step's account or by the group's
//! `accounts:` in turn), every answer checked against the step's
//! expectation, then the answers checked as a group (`distinct:`, `tally:`,
//! `disjoint:`).
//! A copy that cannot be judged (throttled to the end, the target
//! unreachable) leaves the group incomplete: its answers are still
//! checked one by one, the group's counts are not.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::{Value, json};
use tokio::task::JoinSet;

use crate::check::{Failure, Normaliser, Observed, check_expectation, field, scalar_text};
use crate::suite::{Concurrent, Step, Template};
use crate::wire::credentials::Credentials;

use super::cleanup::CreatedImages;
use super::exchange::{NoAnswer, Outgoing, send_for_verdict};
use super::target::Target;

/// What a concurrent step produced.
pub struct Group {
    pub failures: Vec<Failure>,
    /// For the snapshot: how many answers had each status and code, which
    /// does not depend on which copy happened to win.
    pub summary: Value,
    /// The body of the first answer (for `{{steps.STEP.FIELD}}`).
    pub first_body: Option<Value>,
    /// Each `one_of` reading some answer matched, in name order.
    pub readings: Vec<String>,
    /// No answer came back at all: later steps cannot run.
    pub stop: bool,
    /// Why the group cannot be judged, when a copy cannot be.
    pub not_judged: Option<String>,
    /// `Ok` when some copy was answered; else what the first copy met
    /// (`None`: no copy was sent).
    pub reach: Option<Result<(), NoAnswer>>,
    /// Every answered copy, with the request it answered.
    pub answered: Vec<(SentCopy, Observed)>,
}

/// One copy of a concurrent step: its number (from 1) and what was sent.
pub struct SentCopy {
    pub index: u32,
    /// The account that signed the copy, when the group mixes accounts.
    pub account: Option<String>,
    pub outgoing: Outgoing,
}

/// Sends the copies of `step`; copy i is signed by
/// `copies_signed_by[i % n]` (an account and its key pair), or, when that
/// is empty, as `outgoing` is.
#[allow(clippy::too_many_arguments)]
pub async fn send_concurrently(
    step: &Step,
    concurrent: &Concurrent,
    copies_signed_by: &[(String, Credentials)],
    target: &Target,
    created: &CreatedImages,
    outgoing: &Outgoing,
    resolve: &(dyn Fn(&Template) -> Option<String> + Sync),
    normaliser: &mut Normaliser,
) -> Group {
    let mut tasks = JoinSet::new();
    for copy in 0..concurrent.count {
        let target = target.clone();
        let mut outgoing = outgoing.clone();
        if copy > 0 && step.tamper.reuse_nonce.is_none() {
            outgoing.nonce = outgoing.tampering.nonce.fresh();
        }
        if !copies_signed_by.is_empty() {
            let (_, credentials) = &copies_signed_by[copy as usize % copies_signed_by.len()];
            outgoing.credentials = credentials.clone();
        }
        let created = created.clone();
        tasks.spawn(async move {
            let answer = send_for_verdict(&target, &outgoing).await;
            if let Ok(observed) = &answer {
                created.record(observed, &outgoing);
            }
            (copy, answer, Some(outgoing))
        });
    }
    let mut answers: Vec<(u32, Result<Observed, NoAnswer>, Option<Outgoing>)> = Vec::new();
    while let Some(joined) = tasks.join_next().await {
        match joined {
            Ok(answer) => answers.push(answer),
            Err(e) => answers.push((
                u32::MAX,
                Err(NoAnswer::Transport(format!("the request task failed: {e}"))),
                None,
            )),
        }
    }
    answers.sort_by_key(|(copy, _, _)| *copy);
    let mut answered = Vec::new();

    let mut failures = Vec::new();
    let mut not_judged = None;
    let mut reach = None;
    let mut readings: BTreeMap<String, u32> = BTreeMap::new();
    let mut summary: BTreeMap<String, u32> = BTreeMap::new();
    let mut observed_all = Vec::new();
    // (field, value) → the accounts it was answered to, for `disjoint:`.
    let mut answered_to: BTreeMap<(String, String), BTreeSet<String>> = BTreeMap::new();
    for (copy, answer, sent) in answers {
        let account = (!copies_signed_by.is_empty()).then(|| {
            copies_signed_by[copy as usize % copies_signed_by.len()]
                .0
                .clone()
        });
        let label = format!("{}#{}", step.name, copy + 1);
        match (&reach, &answer) {
            (_, Ok(_)) => reach = Some(Ok(())),
            (None, Err(no_answer)) => reach = Some(Err(no_answer.clone())),
            _ => {}
        }
        match answer {
            Ok(observed) => {
                let (found, reading) = check_expectation(&label, &step.expect, &observed, resolve);
                failures.extend(found);
                if let Some(reading) = reading {
                    *readings.entry(reading).or_default() += 1;
                }
                let code = observed
                    .field("Code")
                    .and_then(scalar_text)
                    .unwrap_or_else(|| "-".to_string());
                *summary
                    .entry(format!("{} {}", observed.status, normaliser.text(&code)))
                    .or_default() += 1;
                for field_name in &concurrent.disjoint {
                    if let (Some(value), Some(account)) = (
                        field(&observed.body.value, &field_name.value).and_then(scalar_text),
                        &account,
                    ) {
                        answered_to
                            .entry((field_name.value.clone(), value))
                            .or_default()
                            .insert(account.clone());
                    }
                }
                if let Some(outgoing) = sent {
                    answered.push((
                        SentCopy {
                            index: copy + 1,
                            account: account.clone(),
                            outgoing,
                        },
                        observed.clone(),
                    ));
                }
                observed_all.push(observed);
            }
            Err(no_answer) if no_answer.judges() => failures.push(no_answer.failure(&label, step)),
            Err(no_answer) => {
                not_judged.get_or_insert_with(|| no_answer.reason().to_owned());
            }
        }
    }
    let group_counts = if not_judged.is_some() {
        (&[][..], &[][..])
    } else {
        (&concurrent.distinct[..], &concurrent.tally[..])
    };
    for tally in group_counts.0 {
        let values: BTreeSet<String> = observed_all
            .iter()
            .filter_map(|o| field(&o.body.value, &tally.name).and_then(scalar_text))
            .collect();
        if values.len() != tally.count as usize {
            failures.push(Failure::new(
                &step.name,
                format!("distinct.{}", tally.name),
                format!(
                    "{} distinct value(s) across {} answers",
                    tally.count, concurrent.count
                ),
                format!(
                    "{} ({})",
                    values.len(),
                    values.into_iter().collect::<Vec<_>>().join(", ")
                ),
                Some(tally.loc.clone()),
            ));
        }
    }
    for tally in group_counts.1 {
        let got = readings.get(&tally.name).copied().unwrap_or(0);
        if got != tally.count {
            failures.push(Failure::new(
                &step.name,
                format!("tally.{}", tally.name),
                format!("{} answer(s) reading `{}`", tally.count, tally.name),
                format!("{got} (all readings: {readings:?})"),
                Some(tally.loc.clone()),
            ));
        }
    }
    for field_name in &concurrent.disjoint {
        let shared: Vec<String> = answered_to
            .iter()
            .filter(|((name, _), accounts)| *name == field_name.value && accounts.len() > 1)
            .map(|((_, value), accounts)| {
                let names: Vec<&str> = accounts.iter().map(String::as_str).collect();
                format!("{} to {}", normaliser.text(value), names.join(" and "))
            })
            .collect();
        if !shared.is_empty() {
            failures.push(Failure::new(
                &step.name,
                format!("disjoint.{}", field_name.value),
                "no value answered to two accounts".to_string(),
                shared.join("; "),
                Some(field_name.loc.clone()),
            ));
        }
    }
    let stop = observed_all.is_empty();
    Group {
        failures,
        summary: json!({ "concurrent": concurrent.count, "answers": summary }),
        first_body: observed_all.into_iter().next().map(|o| o.body.value),
        readings: readings.into_keys().collect(),
        stop,
        not_judged,
        reach,
        answered,
    }
}
