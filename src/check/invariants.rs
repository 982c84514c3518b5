//! Judges the run-level invariants ([`crate::contract::invariants`]) over
//! the [`Observation`]s of a run set: a pure function from every answer the
//! runs met to each invariant's [`Judgement`] — held, broken (with the runs
//! that break it and the values), or not exercised (nothing it ranges over
//! was observed: never a vacuous pass).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::contract::invariants::{
    IMAGE_ID_DISTINCT, IMAGE_ID_ONE_ACCOUNT, IMAGE_ID_REPLAYED, INVARIANTS, Invariant, NONCE_ONCE,
    NONCE_WINDOW_SECONDS, REQUEST_ID_DISTINCT, Range,
};

/// One answer, as the invariants see it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Observation {
    /// The run id (`CASE::FORMAT::WIRE`, or explore's request number).
    pub run: String,
    pub case: String,
    /// The step, with `#N` for a copy of a concurrent step.
    pub step: String,
    /// The account the request was signed for.
    pub account: String,
    pub client_token: Option<String>,
    /// A digest of the operation parameters as sent (all but the signature,
    /// nonce, timestamp and credentials).
    pub fingerprint: String,
    pub status: u16,
    /// The answer's `Code`, if any.
    pub code: Option<String>,
    pub request_id: Option<String>,
    pub image_id: Option<String>,
    pub nonce: String,
    /// The signed timestamp, seconds since the epoch (when it parsed).
    pub at: Option<i64>,
}

impl Observation {
    /// A successful create: 2xx with an `ImageId`.
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status) && self.image_id.is_some()
    }

    fn ranges_over(&self, range: Range) -> bool {
        match range {
            Range::EveryAnswer => self.request_id.is_some(),
            Range::Successes => self.is_success(),
        }
    }

    /// `RUN step STEP`.
    pub fn place(&self) -> String {
        format!("{} step {}", self.run, self.step)
    }
}

/// Parameters that are not the operation's: they differ between a request
/// and its retry by construction.
pub const NOT_PARAMETERS: [&str; 5] = [
    "Signature",
    "SignatureNonce",
    "Timestamp",
    "AccessKeyId",
    "SecurityToken",
];

/// The fingerprint of a request's parameters: every pair but
/// [`NOT_PARAMETERS`], in hex, shortened.
pub fn fingerprint(params: &[(String, String)]) -> String {
    hex::encode(&crate::wire::fingerprint::of_parameters(params, &NOT_PARAMETERS)[..8])
}

/// How one invariant came out.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Held,
    Broken,
    /// Nothing it ranges over was observed.
    NotExercised,
}

/// One set of answers that breaks an invariant.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Breach {
    /// The value they share or disagree on.
    pub value: String,
    /// What is wrong, in words.
    pub detail: String,
    /// `RUN step STEP` of each answer involved.
    pub answers: Vec<String>,
    /// The runs involved, each once, in order.
    pub runs: Vec<String>,
}

/// One invariant, judged.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Judgement {
    pub id: String,
    pub statement: String,
    /// The sentences that fix it.
    pub because: String,
    pub status: Status,
    /// How many answers it ranged over.
    pub observed: usize,
    /// The cases whose answers it ranged over.
    pub cases: Vec<String>,
    pub breaches: Vec<Breach>,
}

impl Judgement {
    pub fn broken(&self) -> bool {
        self.status == Status::Broken
    }
}

/// Judges every invariant over `observations`.
pub fn judge(observations: &[Observation]) -> Vec<Judgement> {
    INVARIANTS
        .iter()
        .map(|invariant| judge_one(invariant, observations))
        .collect()
}

fn judge_one(invariant: &Invariant, observations: &[Observation]) -> Judgement {
    let ranged: Vec<&Observation> = observations
        .iter()
        .filter(|o| o.ranges_over(invariant.range))
        .collect();
    let breaches = match invariant.id {
        REQUEST_ID_DISTINCT => shared(
            &ranged,
            |o| o.request_id.clone(),
            repeats_its_answer,
            "answers share this RequestId",
        ),
        IMAGE_ID_DISTINCT => shared(
            &ranged,
            |o| o.image_id.clone(),
            |a, b| a.account != b.account || is_replay(a, b),
            "creates that are not replays of each other (another ClientToken, or none) share this ImageId",
        ),
        IMAGE_ID_ONE_ACCOUNT => shared(
            &ranged,
            |o| o.image_id.clone(),
            |a, b| a.account == b.account,
            "this ImageId was returned to more than one account",
        ),
        IMAGE_ID_REPLAYED => replays_differ(&ranged),
        NONCE_ONCE => shared(
            &ranged,
            |o| Some(format!("{} {}", o.account, o.nonce)),
            |a, b| match (a.at, b.at) {
                (Some(x), Some(y)) => (x - y).abs() > NONCE_WINDOW_SECONDS,
                _ => false,
            },
            "requests with this account and SignatureNonce both succeeded",
        ),
        _ => Vec::new(),
    };
    let mut cases: Vec<String> = ranged.iter().map(|o| o.case.clone()).collect();
    cases.sort();
    cases.dedup();
    let status = if !breaches.is_empty() {
        Status::Broken
    } else if ranged.is_empty() {
        Status::NotExercised
    } else {
        Status::Held
    };
    Judgement {
        id: invariant.id.to_string(),
        statement: invariant.statement.to_string(),
        because: invariant.because(),
        status,
        observed: ranged.len(),
        cases,
        breaches,
    }
}

/// Same account and a ClientToken in common: the second may repeat the
/// first's ImageId.
fn is_replay(a: &Observation, b: &Observation) -> bool {
    a.account == b.account && a.client_token.is_some() && a.client_token == b.client_token
}

/// A replay that answers with the first answer again, RequestId included:
/// a success with the same image, or the same error to the same
/// parameters. The documents do not say whether a replay is a request of
/// its own or the first one answered again (docs/contradictions.md,
/// "asserted less").
fn repeats_its_answer(a: &Observation, b: &Observation) -> bool {
    is_replay(a, b)
        && a.status == b.status
        && a.code == b.code
        && a.image_id == b.image_id
        && (a.is_success() || a.fingerprint == b.fingerprint)
}

/// Groups answers by `key`; a group in which two answers are not
/// `allowed` to share the key is a breach.
fn shared(
    ranged: &[&Observation],
    key: impl Fn(&Observation) -> Option<String>,
    allowed: impl Fn(&Observation, &Observation) -> bool,
    detail: &str,
) -> Vec<Breach> {
    let mut groups: BTreeMap<String, Vec<&Observation>> = BTreeMap::new();
    for o in ranged {
        if let Some(k) = key(o) {
            groups.entry(k).or_default().push(o);
        }
    }
    let mut breaches = Vec::new();
    for (value, group) in groups {
        let mut involved: Vec<&Observation> = Vec::new();
        for (i, a) in group.iter().enumerate() {
            for b in &group[i + 1..] {
                if !allowed(a, b) {
                    for o in [*a, *b] {
                        if !involved.iter().any(|x| std::ptr::eq(*x, o)) {
                            involved.push(o);
                        }
                    }
                }
            }
        }
        if !involved.is_empty() {
            breaches.push(breach(value, detail.to_string(), &involved));
        }
    }
    breaches
}

/// Successes with the same account, ClientToken and fingerprint that
/// returned different ImageIds.
fn replays_differ(ranged: &[&Observation]) -> Vec<Breach> {
    let mut groups: BTreeMap<(String, String, String), Vec<&Observation>> = BTreeMap::new();
    // An empty ClientToken is no token under the reading empty-is-absent
    // (ambiguity empty-values): requests with it are not asked to replay.
    for o in ranged {
        if let Some(token) = o.client_token.as_ref().filter(|t| !t.is_empty()) {
            groups
                .entry((o.account.clone(), token.clone(), o.fingerprint.clone()))
                .or_default()
                .push(o);
        }
    }
    let mut breaches = Vec::new();
    for ((_, token, _), group) in groups {
        let mut ids: Vec<&str> = group.iter().filter_map(|o| o.image_id.as_deref()).collect();
        ids.sort_unstable();
        ids.dedup();
        if ids.len() > 1 {
            breaches.push(breach(
                format!("ClientToken {token}"),
                format!(
                    "replays of one request returned {} different ImageIds: {}",
                    ids.len(),
                    ids.join(", ")
                ),
                &group,
            ));
        }
    }
    breaches
}

fn breach(value: String, detail: String, involved: &[&Observation]) -> Breach {
    let mut runs: Vec<String> = Vec::new();
    for o in involved {
        if !runs.contains(&o.run) {
            runs.push(o.run.clone());
        }
    }
    Breach {
        value,
        detail,
        answers: involved.iter().map(|o| o.place()).collect(),
        runs,
    }
}

/// Breaches of one invariant the console shows; the reports hold all.
pub const MAX_BREACHES_SHOWN: usize = 10;

/// The console block of the judgements: each broken invariant with its
/// runs and sentences, then one line per invariant.
pub fn console_block(judgements: &[Judgement]) -> String {
    let mut out = String::new();
    for j in judgements.iter().filter(|j| j.broken()) {
        out.push_str(&format!("invariant {} BROKEN: {}\n", j.id, j.statement));
        for b in j.breaches.iter().take(MAX_BREACHES_SHOWN) {
            out.push_str(&format!("  {}: {}\n", b.value, b.detail));
            for answer in &b.answers {
                out.push_str(&format!("    {answer}\n"));
            }
        }
        if j.breaches.len() > MAX_BREACHES_SHOWN {
            out.push_str(&format!(
                "  … and {} more breaches (all in the reports)\n",
                j.breaches.len() - MAX_BREACHES_SHOWN
            ));
        }
        for line in j.because.lines() {
            out.push_str(&format!("  because {line}\n"));
        }
    }
    if !judgements.is_empty() {
        out.push_str("invariants:");
        for j in judgements {
            out.push_str(&format!(" {} {};", j.id, status_word(j)));
        }
        out.pop();
        out.push('\n');
    }
    out
}

/// `held (N answers)`, `BROKEN`, `not exercised`.
pub fn status_word(j: &Judgement) -> String {
    match j.status {
        Status::Held if j.observed == 1 => "held (1 answer)".to_string(),
        Status::Held => format!("held ({} answers)", j.observed),
        Status::Broken => match j.breaches.len() {
            1 => "BROKEN (1 breach)".to_string(),
            n => format!("BROKEN ({n} breaches)"),
        },
        Status::NotExercised => "not exercised".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(
        run: &str,
        account: &str,
        token: Option<&str>,
        fp: &str,
        image: &str,
        rid: &str,
    ) -> Observation {
        Observation {
            run: run.into(),
            case: run.split("::").next().unwrap_or(run).into(),
            step: "create".into(),
            account: account.into(),
            client_token: token.map(Into::into),
            fingerprint: fp.into(),
            status: 200,
            code: None,
            request_id: Some(rid.into()),
            image_id: Some(image.into()),
            nonce: format!("nonce-{rid}"),
            at: Some(0),
        }
    }

    fn error(run: &str, rid: &str) -> Observation {
        Observation {
            run: run.into(),
            case: run.into(),
            step: "create".into(),
            account: "default".into(),
            status: 400,
            code: Some("InvalidImageName.Malformed".into()),
            request_id: Some(rid.into()),
            nonce: format!("nonce-{rid}"),
            ..Observation::default()
        }
    }

    fn status(judgements: &[Judgement], id: &str) -> Status {
        judgements.iter().find(|j| j.id == id).unwrap().status
    }

    fn breaches<'a>(judgements: &'a [Judgement], id: &str) -> &'a [Breach] {
        &judgements.iter().find(|j| j.id == id).unwrap().breaches
    }

    #[test]
    fn a_conformant_answer_set_holds_every_invariant() {
        let answers = vec![
            ok("a::json::v1-get", "default", None, "f1", "m-1", "R1"),
            ok("a::json::v1-get", "default", Some("t"), "f2", "m-2", "R2"),
            ok("b::xml::v3", "default", Some("t"), "f2", "m-2", "R3"),
            ok("c::json::v3", "other", Some("t"), "f2", "m-3", "R4"),
            error("d::json::v3", "R5"),
        ];
        let judgements = judge(&answers);
        for j in &judgements {
            assert_eq!(j.status, Status::Held, "{j:?}");
        }
    }

    #[test]
    fn request_id_distinct_is_broken_by_two_answers_sharing_one_errors_included() {
        let answers = vec![
            ok("a::json::v1-get", "default", None, "f1", "m-1", "R1"),
            error("b::json::v1-get", "R1"),
        ];
        let judgements = judge(&answers);
        let found = breaches(&judgements, REQUEST_ID_DISTINCT);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].runs, ["a::json::v1-get", "b::json::v1-get"]);
        assert_eq!(found[0].value, "R1");
    }

    #[test]
    fn request_id_distinct_lets_a_successful_replay_repeat_its_first_answer() {
        let mut first = ok("r1", "default", Some("tok"), "fp", "m-1", "RID-1");
        first.step = "first".into();
        let mut replay = ok("r1", "default", Some("tok"), "fp", "m-1", "RID-1");
        replay.step = "replay".into();
        replay.nonce = "nonce-replay".into();
        let judgements = judge(&[first.clone(), replay]);
        assert_eq!(status(&judgements, REQUEST_ID_DISTINCT), Status::Held);
        let mut other_image = ok("r2", "default", Some("tok"), "fp", "m-2", "RID-1");
        other_image.nonce = "nonce-other".into();
        other_image.step = "other".into();
        let judgements = judge(&[first, other_image]);
        assert_eq!(status(&judgements, REQUEST_ID_DISTINCT), Status::Broken);
    }

    #[test]
    fn request_id_distinct_lets_a_refused_replay_repeat_its_first_error() {
        let refused = |step: &str, fingerprint: &str, code: &str| Observation {
            step: step.into(),
            client_token: Some("tok".into()),
            fingerprint: fingerprint.into(),
            code: Some(code.into()),
            nonce: format!("nonce-{step}"),
            ..error("r1", "RID-1")
        };
        let first = refused("first", "fp", "InvalidDescription.Malformed");
        let again = refused("again", "fp", "InvalidDescription.Malformed");
        let judgements = judge(&[first.clone(), again]);
        assert_eq!(status(&judgements, REQUEST_ID_DISTINCT), Status::Held);
        for other in [
            refused("changed", "fp-2", "InvalidDescription.Malformed"),
            refused("another-error", "fp", "InvalidImageName.Malformed"),
        ] {
            let judgements = judge(&[first.clone(), other]);
            assert_eq!(status(&judgements, REQUEST_ID_DISTINCT), Status::Broken);
        }
    }

    #[test]
    fn image_id_replayed_asks_nothing_of_an_empty_client_token() {
        let answers = vec![
            ok("a::json::v1-get", "default", Some(""), "fp", "m-1", "R1"),
            ok("b::json::v1-get", "default", Some(""), "fp", "m-2", "R2"),
        ];
        let judgements = judge(&answers);
        assert_eq!(status(&judgements, IMAGE_ID_REPLAYED), Status::Held);
        assert_eq!(status(&judgements, IMAGE_ID_DISTINCT), Status::Held);
    }

    #[test]
    fn request_id_distinct_covers_concurrent_copies_of_one_run() {
        let mut first = error("a", "R1");
        first.step = "create#1".into();
        let mut second = error("a", "R1");
        second.step = "create#2".into();
        let judgements = judge(&[first, second]);
        assert_eq!(status(&judgements, REQUEST_ID_DISTINCT), Status::Broken);
        assert_eq!(breaches(&judgements, REQUEST_ID_DISTINCT)[0].runs, ["a"]);
    }

    #[test]
    fn image_id_distinct_is_broken_by_two_creates_without_a_token_sharing_one() {
        let answers = vec![
            ok("a", "default", None, "f1", "m-1", "R1"),
            ok("b", "default", None, "f1", "m-1", "R2"),
        ];
        let judgements = judge(&answers);
        assert_eq!(status(&judgements, IMAGE_ID_DISTINCT), Status::Broken);
        assert_eq!(status(&judgements, IMAGE_ID_ONE_ACCOUNT), Status::Held);
    }

    #[test]
    fn image_id_distinct_is_broken_by_different_tokens_sharing_one() {
        let answers = vec![
            ok("a", "default", Some("t1"), "f1", "m-1", "R1"),
            ok("b", "default", Some("t2"), "f1", "m-1", "R2"),
        ];
        assert_eq!(status(&judge(&answers), IMAGE_ID_DISTINCT), Status::Broken);
    }

    #[test]
    fn image_id_distinct_lets_a_replay_with_the_same_token_repeat_it() {
        let answers = vec![
            ok("a", "default", Some("t"), "f1", "m-1", "R1"),
            ok("a", "default", Some("t"), "f1", "m-1", "R2"),
        ];
        let judgements = judge(&answers);
        assert_eq!(status(&judgements, IMAGE_ID_DISTINCT), Status::Held);
        assert_eq!(status(&judgements, IMAGE_ID_REPLAYED), Status::Held);
    }

    #[test]
    fn image_id_replayed_is_broken_by_a_replay_returning_another_id() {
        let answers = vec![
            ok("a", "default", Some("t"), "f1", "m-1", "R1"),
            ok("a", "default", Some("t"), "f1", "m-2", "R2"),
        ];
        let judgements = judge(&answers);
        let found = breaches(&judgements, IMAGE_ID_REPLAYED);
        assert_eq!(found.len(), 1);
        assert!(found[0].detail.contains("m-1, m-2"), "{}", found[0].detail);
    }

    #[test]
    fn image_id_replayed_asks_nothing_of_other_parameters_or_accounts() {
        let answers = vec![
            ok("a", "default", Some("t"), "f1", "m-1", "R1"),
            ok("a", "default", Some("t"), "f2", "m-2", "R2"),
            ok("a", "other", Some("t"), "f1", "m-3", "R3"),
        ];
        assert_eq!(status(&judge(&answers), IMAGE_ID_REPLAYED), Status::Held);
    }

    #[test]
    fn image_id_one_account_is_broken_by_one_id_returned_to_two_accounts() {
        let answers = vec![
            ok("a", "default", Some("t"), "f1", "m-1", "R1"),
            ok("b", "other", Some("t"), "f1", "m-1", "R2"),
        ];
        let judgements = judge(&answers);
        assert_eq!(status(&judgements, IMAGE_ID_ONE_ACCOUNT), Status::Broken);
        assert_eq!(
            breaches(&judgements, IMAGE_ID_ONE_ACCOUNT)[0].runs,
            ["a", "b"]
        );
        // Reported once, as the account invariant, not twice.
        assert_eq!(status(&judgements, IMAGE_ID_DISTINCT), Status::Held);
    }

    #[test]
    fn signature_nonce_once_is_broken_by_two_successes_with_one_nonce() {
        let mut first = ok("a", "default", None, "f1", "m-1", "R1");
        let mut second = ok("b", "default", None, "f2", "m-2", "R2");
        first.nonce = "n".into();
        second.nonce = "n".into();
        let judgements = judge(&[first.clone(), second.clone()]);
        assert_eq!(status(&judgements, NONCE_ONCE), Status::Broken);
        // Another account's nonce, or one outside the window, is not a replay.
        second.account = "other".into();
        assert_eq!(
            status(&judge(&[first.clone(), second.clone()]), NONCE_ONCE),
            Status::Held
        );
        second.account = "default".into();
        second.at = Some(NONCE_WINDOW_SECONDS + 1);
        assert_eq!(status(&judge(&[first, second]), NONCE_ONCE), Status::Held);
    }

    #[test]
    fn signature_nonce_once_counts_a_refused_copy_as_not_accepted() {
        let first = ok("a", "default", None, "f1", "m-1", "R1");
        let mut refused = error("a", "R2");
        refused.nonce = first.nonce.clone();
        refused.code = Some("SignatureNonceUsed".into());
        assert_eq!(status(&judge(&[first, refused]), NONCE_ONCE), Status::Held);
    }

    #[test]
    fn an_invariant_with_nothing_to_range_over_is_not_exercised_never_held() {
        let judgements = judge(&[error("a", "R1")]);
        assert_eq!(status(&judgements, REQUEST_ID_DISTINCT), Status::Held);
        assert_eq!(status(&judgements, IMAGE_ID_DISTINCT), Status::NotExercised);
        assert!(judge(&[]).iter().all(|j| j.status == Status::NotExercised));
    }

    #[test]
    fn the_fingerprint_ignores_the_signature_nonce_timestamp_and_credentials() {
        let p = |pairs: &[(&str, &str)]| {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect::<Vec<_>>()
        };
        let a = fingerprint(&p(&[
            ("ImageName", "x"),
            ("SignatureNonce", "1"),
            ("Timestamp", "t1"),
        ]));
        let b = fingerprint(&p(&[
            ("Timestamp", "t2"),
            ("SignatureNonce", "2"),
            ("ImageName", "x"),
        ]));
        let c = fingerprint(&p(&[("ImageName", "y")]));
        assert_eq!(a, b);
        assert_ne!(a, c);
    }
}
