//! `explore`: property-based differential exploration of a target.
//!
//! Cases are generated ([`strategy`], from the suite and the contract's
//! classes: [`corpus`]) as [`draft::Draft`]s, sent to the target and to the
//! reference emulator in this process ([`oracle`]), and their normalised
//! answers compared ([`answer`]). A case the target answers as no
//! documented reading would is a disagreement: it is shrunk with
//! proptest's value trees to a minimal case ([`shrink`]), deduplicated by
//! rule and by the pair of codes, and written as a ready-to-add case file
//! ([`finding`]). The same seed generates the same cases
//! ([`Explorer::new`]); fresh names and tokens keep every case independent
//! of the others, and, drawn from the seed and a salt of the invocation,
//! every invocation independent of the earlier ones ([`fresh`]).
//!
//! Every answer of the target (not the oracles') is also an
//! [`Observation`] for the run-level invariants
//! ([`crate::contract::invariants`]), judged once the exploration ends: a
//! broken invariant is a finding, named with the requests that break it
//! (`request N` is the N-th answer, `case I` the generated case).
//!
//! ```text
//! Corpus ─strategy─▶ Draft ─resolve─▶ Outgoing ─┬─▶ target ─┐
//!                                              └─▶ oracles ─┴─▶ Answer = ? ─▶ Disagreement ─shrink─▶ Finding
//! ```

pub mod answer;
pub mod corpus;
pub mod draft;
pub mod finding;
pub mod fresh;
pub mod oracle;
pub mod repro;
pub mod resolve;
pub mod shrink;
pub mod strategy;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use proptest::strategy::{SBoxedStrategy, Strategy, ValueTree};
use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};

use crate::check::Normaliser;
use crate::check::Observed;
use crate::check::invariants::{Judgement, Observation};
use crate::contract::selection::Selection;
use crate::fixtures::Manifest;
use crate::runner::{CreatedImages, NoAnswer, Outgoing, Target, send};
use crate::suite::Suite;
use crate::wire::credentials::Credentials;

use answer::{Answer, Outcome};
use corpus::Corpus;
use draft::{Draft, Origin, Shape};
use fresh::{Fresh, Freshener};
use oracle::Oracles;
use resolve::{Side, Stamps};

/// How an exploration runs.
#[derive(Clone)]
pub struct Options {
    /// What the cases are: the same seed generates the same requests.
    pub seed: u64,
    /// Mixed with the seed into every fresh name and token: another salt
    /// sends the same requests under names and tokens no earlier
    /// invocation sent. Part of [`Options::reproduce`].
    pub salt: u64,
    /// Requests sent to the target, shrinking included, at most.
    pub requests: u64,
    /// Stop generating new cases after this long.
    pub time: Option<Duration>,
    /// Cases in flight at once.
    pub jobs: usize,
    /// The readings the embedded target takes (one more oracle).
    pub readings: Selection,
    /// Cases tried while shrinking one disagreement, at most.
    pub shrink_steps: usize,
    /// Distinct pairs of codes shrunk, at most.
    pub max_findings: usize,
    /// The command that reproduces the run, for the case files' header.
    pub reproduce: String,
    /// Called with the requests sent so far, now and then.
    pub progress: Option<Arc<dyn Fn(u64) + Send + Sync>>,
}

impl Options {
    /// An exploration of `seed` under a random salt.
    pub fn new(seed: u64, requests: u64) -> Options {
        Options::salted(seed, rand::random(), requests)
    }

    /// An exploration of `seed` under `salt` (as `--salt` gives it).
    pub fn salted(seed: u64, salt: u64, requests: u64) -> Options {
        Options {
            seed,
            salt,
            requests,
            time: None,
            jobs: 8,
            readings: Selection::default(),
            shrink_steps: 300,
            max_findings: 16,
            reproduce: format!(
                "createimage-contract explore --seed {seed} --salt {} --requests {requests}",
                salt_hex(salt)
            ),
            progress: None,
        }
    }
}

/// Times a case the target may answer from an earlier invocation's state
/// is checked again under other names and tokens ([`Explorer::check`]).
pub const RESPELLINGS: u64 = 3;

/// The codes of a name or token already used.
const TAKEN: [&str; 3] = [
    crate::contract::errors::IMAGE_NAME_DUPLICATED.code,
    crate::contract::errors::IDEMPOTENCE_PARAM_NOT_MATCH.code,
    crate::contract::errors::CLIENT_TOKEN_CONFLICT.code,
];

/// Whether the target answered the case's first request as taken where
/// the reference did not: what a target that kept an earlier invocation's
/// name or token answers (a concurrent pair: more taken answers than the
/// reference gave).
fn taken_from_before(target: &Answer, reference: &Answer) -> bool {
    let taken = |answer: &Answer| {
        answer
            .codes
            .iter()
            .filter(|(_, code)| TAKEN.contains(&code.as_str()))
            .count()
    };
    let first_taken = |answer: &Answer| {
        answer
            .codes
            .first()
            .is_some_and(|(_, code)| TAKEN.contains(&code.as_str()))
    };
    (first_taken(target) && !first_taken(reference))
        || (target.codes.len() > 1
            && taken(target) > taken(reference)
            && taken(target) == target.codes.len())
}

/// A salt as `--salt` takes it and the summary prints it: 16 hex digits.
pub fn salt_hex(salt: u64) -> String {
    format!("{salt:016x}")
}

/// Reads `--salt HEX`: 1 to 16 hex digits, `0x` allowed.
pub fn parse_salt(text: &str) -> Result<u64, String> {
    let digits = text
        .strip_prefix("0x")
        .or_else(|| text.strip_prefix("0X"))
        .unwrap_or(text);
    if digits.is_empty() || digits.len() > 16 || !digits.bytes().all(|b| b.is_ascii_hexdigit()) {
        return Err(format!("`{text}` is not 1 to 16 hex digits"));
    }
    u64::from_str_radix(digits, 16).map_err(|e| e.to_string())
}

/// A case the target answered as no documented reading would.
#[derive(Clone, Debug)]
pub struct Disagreement {
    /// Which generated case (its seed is the run's seed and this index).
    pub index: u64,
    pub draft: Draft,
    /// `400 InvalidImageName.Malformed`, `200 -`, `0 no-answer`.
    pub target_code: String,
    pub reference_code: String,
    pub target: Answer,
    pub reference: Answer,
}

/// The outcome of one case.
#[derive(Clone, Debug)]
pub enum Checked {
    /// Some oracle answered the same.
    Agreed,
    Disagreed(Box<(Answer, Answer)>),
    /// The request budget is spent.
    Exhausted,
    /// The target lacks an account or fixture the case needs.
    Unsendable,
}

/// What an exploration found and did.
#[derive(Clone, Debug, Default)]
pub struct Summary {
    pub seed: u64,
    pub salt: u64,
    pub requests: u64,
    pub cases: u64,
    /// Requests sent when the first disagreement came back.
    pub first_disagreement_at: Option<u64>,
    /// Disagreements before deduplication.
    pub disagreements: u64,
    pub findings: Vec<finding::Finding>,
    pub rules: BTreeSet<String>,
    pub classes: BTreeSet<(String, String)>,
    pub elapsed: Duration,
    /// The run-level invariants, judged over the target's answers.
    pub invariants: Vec<Judgement>,
    /// Requests sent when the first answer breaking an invariant came back
    /// (the second answer of the earliest breach).
    pub first_breach_at: Option<u64>,
    /// A case file for each broken invariant, of the cases of its first
    /// breach.
    pub invariant_repros: Vec<repro::InvariantRepro>,
}

impl Summary {
    pub fn requests_per_second(&self) -> f64 {
        self.requests as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }
}

/// One exploration of one target.
pub struct Explorer {
    target: Target,
    /// The images the exploration created on the target (for `--cleanup`).
    created: CreatedImages,
    oracle_bindings: BTreeMap<String, String>,
    oracle_accounts: BTreeMap<String, Credentials>,
    target_fixtures: Normaliser,
    oracle_fixtures: Normaliser,
    oracles: Oracles,
    strategy: SBoxedStrategy<Draft>,
    /// Read once: `Config::default()` reads the environment.
    config: Config,
    options: Options,
    sent: AtomicU64,
    attempts: AtomicU64,
    generator: Mutex<Generator>,
    /// The target's answers, for the invariants, each with the requests
    /// sent when it came back.
    observations: Mutex<Vec<(u64, Observation)>>,
    /// The draft each case sent, by case index, for the case files of
    /// broken invariants.
    drafts: Mutex<BTreeMap<u64, Draft>>,
}

/// Cases in seed order: case `i` is the same for the same seed, whatever
/// order workers take them in.
struct Generator {
    next: u64,
    freshener: Freshener,
}

impl Explorer {
    /// An exploration of `target`, whose fixtures and accounts are those
    /// of `manifest` bound to the target's ids, drawing from `suite`.
    pub fn new(target: Target, manifest: &Manifest, suite: &Suite, options: Options) -> Explorer {
        let accounts: BTreeSet<String> = target.accounts.keys().cloned().collect();
        let bound: BTreeSet<String> = target.bindings.keys().cloned().collect();
        let styles = crate::wire::WireStyle::ALL;
        let mut corpus = Corpus::new(suite, &accounts, &bound, &styles);
        corpus.sts_accounts = target
            .accounts
            .iter()
            .filter(|(_, credentials)| credentials.security_token.is_some())
            .map(|(name, _)| name.clone())
            .collect();
        let corpus = Arc::new(corpus);
        let strategy = strategy::drafts(corpus, target.region.clone());
        let oracle_bindings = manifest.bindings();
        let oracle_accounts = manifest.credentials();
        let freshener = Freshener::new(options.salt);
        Explorer {
            target_fixtures: answer::fixture_normaliser(&target.bindings),
            oracle_fixtures: answer::fixture_normaliser(&oracle_bindings),
            oracles: Oracles::new(manifest, &options.readings),
            target,
            created: CreatedImages::default(),
            oracle_bindings,
            oracle_accounts,
            strategy,
            config: Config::default(),
            options,
            sent: AtomicU64::new(0),
            attempts: AtomicU64::new(1 << 40),
            generator: Mutex::new(Generator { next: 0, freshener }),
            observations: Mutex::new(Vec::new()),
            drafts: Mutex::new(BTreeMap::new()),
        }
    }

    /// Records the images the exploration creates in `created` (the
    /// session's ledger, which `--cleanup` deletes).
    pub fn recording_into(mut self, created: CreatedImages) -> Explorer {
        self.created = created;
        self
    }

    pub fn target(&self) -> &Target {
        &self.target
    }

    pub fn seed(&self) -> u64 {
        self.options.seed
    }

    pub fn salt(&self) -> u64 {
        self.options.salt
    }

    /// Requests sent to the target so far.
    pub fn sent(&self) -> u64 {
        self.sent.load(Ordering::Relaxed)
    }

    /// The value tree of case `index`.
    pub fn tree(&self, index: u64) -> Box<dyn ValueTree<Value = Draft>> {
        let mut seed = [0u8; 32];
        for (i, chunk) in seed.chunks_mut(8).enumerate() {
            let word = fresh::mix(self.options.seed ^ fresh::mix(index) ^ fresh::mix(i as u64));
            chunk.copy_from_slice(&word.to_le_bytes());
        }
        let rng = TestRng::from_seed(RngAlgorithm::ChaCha, &seed);
        let mut runner = TestRunner::new_with_rng(self.config.clone(), rng);
        // Generation fails only when a filter rejects too often; the text
        // filter rejects only values holding `{{`.
        loop {
            if let Ok(tree) = self.strategy.new_tree(&mut runner) {
                return Box::new(tree);
            }
        }
    }

    /// Rewrites the literal names and tokens an earlier case sent.
    pub fn freshen(&self, draft: &mut Draft) {
        lock(&self.generator).freshener.freshen(draft);
    }

    fn next_case(&self) -> (u64, Draft) {
        let mut generator = lock(&self.generator);
        let index = generator.next;
        generator.next += 1;
        let mut draft = self.tree(index).current();
        generator.freshener.freshen(&mut draft);
        lock(&self.drafts).insert(index, draft.clone());
        (index, draft)
    }

    /// Reserves `n` requests of the budget.
    fn reserve(&self, n: u64) -> bool {
        self.sent
            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, |sent| {
                (sent + n <= self.options.requests).then_some(sent + n)
            })
            .is_ok()
    }

    /// Sends `draft` to the target and the default oracle and, when they
    /// differ, to the other oracles.
    /// Sends one request of case `index` to the target; an image it
    /// created is recorded, and the answer observed for the invariants.
    async fn send(
        &self,
        outgoing: &Outgoing,
        account: &str,
        index: u64,
    ) -> Result<Observed, NoAnswer> {
        let answer = send(&self.target, outgoing).await;
        self.observe(outgoing, account, index, answer)
    }

    /// Sends two requests of case `index` at once, each on a task of its
    /// own (so a target in the process handles them on two threads, as a
    /// server handles two connections), then records them as [`Self::send`]
    /// does.
    async fn send_at_once(
        &self,
        pair: [&Outgoing; 2],
        account: &str,
        index: u64,
    ) -> [Result<Observed, NoAnswer>; 2] {
        let tasks = pair.map(|outgoing| {
            let target = self.target.clone();
            let outgoing = outgoing.clone();
            tokio::spawn(async move { send(&target, &outgoing).await })
        });
        let mut answers = Vec::with_capacity(2);
        for (task, outgoing) in tasks.into_iter().zip(pair) {
            let answer = task.await.unwrap_or_else(|e| {
                Err(NoAnswer::Transport(format!("the request task failed: {e}")))
            });
            answers.push(self.observe(outgoing, account, index, answer));
        }
        let second = answers.pop().expect("two answers");
        let first = answers.pop().expect("two answers");
        [first, second]
    }

    /// Records a target's answer: the image it created, and the answer for
    /// the invariants.
    fn observe(
        &self,
        outgoing: &Outgoing,
        account: &str,
        index: u64,
        answer: Result<Observed, NoAnswer>,
    ) -> Result<Observed, NoAnswer> {
        // A draft may send one of its requests as another account (a
        // replay from another account): the key pair says whose it is.
        let account = self
            .target
            .accounts
            .iter()
            .find(|(_, keys)| keys.access_key_id == outgoing.credentials.access_key_id)
            .map_or(account, |(name, _)| name.as_str());
        if let Ok(observed) = &answer {
            self.created.record(observed, outgoing);
            let mut observations = lock(&self.observations);
            let number = observations.len() + 1;
            let run = format!("request {number}");
            let case = format!("case {index}");
            observations.push((
                self.sent(),
                crate::runner::observation(&run, &case, &case, account, outgoing, observed),
            ));
        }
        answer
    }

    /// The invariants over every answer of the target so far, and the
    /// requests sent when the earliest breach was complete.
    pub fn invariants(&self) -> (Vec<Judgement>, Option<u64>) {
        let observations = lock(&self.observations);
        let all: Vec<Observation> = observations.iter().map(|(_, o)| o.clone()).collect();
        let judgements = crate::check::invariants::judge(&all);
        let sent_at: BTreeMap<&str, u64> = observations
            .iter()
            .map(|(sent, o)| (o.run.as_str(), *sent))
            .collect();
        let first = judgements
            .iter()
            .flat_map(|j| &j.breaches)
            .filter_map(|b| {
                let mut at: Vec<u64> = b
                    .runs
                    .iter()
                    .filter_map(|run| sent_at.get(run.as_str()).copied())
                    .collect();
                at.sort_unstable();
                at.get(1).or(at.first()).copied()
            })
            .min();
        (judgements, first)
    }

    /// Checks `draft` (`attempt` draws its fresh names and tokens). When
    /// the target answers the first request as taken (a duplicate name, a
    /// token used with other parameters) where the reference does not, and
    /// the case sends a literal name or token, the target may hold that
    /// value from before this invocation: the case is checked again with
    /// its literal names and tokens respelled, up to [`RESPELLINGS`] times,
    /// and only a disagreement that stays is one.
    pub async fn check(&self, draft: &Draft, attempt: u64) -> Checked {
        let mut checked = self.check_once(draft, attempt).await;
        for again in 0..RESPELLINGS {
            let Checked::Disagreed(answers) = &checked else {
                break;
            };
            if !taken_from_before(&answers.0, &answers.1) {
                break;
            }
            let stream = fresh::mix(attempt) ^ again;
            let Some(renamed) = lock(&self.generator).freshener.renamed(draft, stream) else {
                break;
            };
            checked = match self.check_once(&renamed, self.attempt()).await {
                Checked::Exhausted => break,
                other => other,
            };
        }
        checked
    }

    async fn check_once(&self, draft: &Draft, attempt: u64) -> Checked {
        let fresh = Fresh::new(self.options.seed, self.options.salt, attempt);
        let stamps = Stamps::now(draft);
        let target_side = Side {
            bindings: &self.target.bindings,
            accounts: &self.target.accounts,
        };
        let oracle_side = Side {
            bindings: &self.oracle_bindings,
            accounts: &self.oracle_accounts,
        };
        let (Ok(to_target), Ok(to_oracle)) = (
            resolve::requests(draft, target_side, &fresh, &stamps),
            resolve::requests(draft, oracle_side, &fresh, &stamps),
        ) else {
            return Checked::Unsendable;
        };
        if !self.reserve(to_target.len() as u64) {
            return Checked::Exhausted;
        }
        let concurrent = draft.shape == Shape::Concurrent;
        let outcomes: Vec<Outcome> = if concurrent {
            let [a, b] = self
                .send_at_once([&to_target[0], &to_target[1]], &draft.account, attempt)
                .await;
            vec![kind(a), kind(b)]
        } else {
            let mut out = Vec::new();
            for outgoing in &to_target {
                out.push(kind(self.send(outgoing, &draft.account, attempt).await));
            }
            out
        };
        let target = Answer::of(&outcomes, &self.target_fixtures, concurrent);
        let host = &self.target.host;
        let reference = Answer::of(
            &self.oracles.default.answer(host, &to_oracle).await,
            &self.oracle_fixtures,
            concurrent,
        );
        if target.same_as(&reference) {
            return Checked::Agreed;
        }
        for oracle in &self.oracles.alternatives {
            let answer = Answer::of(
                &oracle.answer(host, &to_oracle).await,
                &self.oracle_fixtures,
                concurrent,
            );
            if answer.same_as(&target) {
                return Checked::Agreed;
            }
        }
        Checked::Disagreed(Box::new((target, reference)))
    }

    /// Every oracle's answer to `draft` (for a finding's expectations):
    /// the reading, its answers.
    pub async fn readings_of(&self, draft: &Draft) -> Vec<(String, Vec<Outcome>)> {
        let attempt = self.attempts.fetch_add(1, Ordering::Relaxed);
        let fresh = Fresh::new(self.options.seed, self.options.salt, attempt);
        let stamps = Stamps::now(draft);
        let side = Side {
            bindings: &self.oracle_bindings,
            accounts: &self.oracle_accounts,
        };
        let Ok(requests) = resolve::requests(draft, side, &fresh, &stamps) else {
            return Vec::new();
        };
        let host = &self.target.host;
        let mut out = vec![(
            "default".to_owned(),
            self.oracles.default.answer(host, &requests).await,
        )];
        for oracle in &self.oracles.alternatives {
            out.push((oracle.reading.clone(), oracle.answer(host, &requests).await));
        }
        out
    }

    /// The normaliser of the oracles' fixture ids.
    pub fn oracle_fixtures(&self) -> &Normaliser {
        &self.oracle_fixtures
    }

    /// A fresh attempt number (fresh names and tokens) for a re-sent case.
    pub fn attempt(&self) -> u64 {
        self.attempts.fetch_add(1, Ordering::Relaxed)
    }

    /// Explores, then shrinks what disagreed: everything on `runtime`.
    pub fn run(self: &Arc<Self>, runtime: &tokio::runtime::Handle) -> Summary {
        let started = Instant::now();
        let shared = Arc::new(Shared {
            deadline: self.options.time.map(|t| started + t),
            // Shrinking gets what exploring leaves, and at least a quarter.
            explore_budget: self.options.requests - self.options.requests / 4,
            ..Shared::default()
        });
        let workers: Vec<_> = (0..self.options.jobs.max(1))
            .map(|_| runtime.spawn(worker(self.clone(), shared.clone())))
            .collect();
        runtime.block_on(async {
            for worker in workers {
                let _ = worker.await;
            }
        });
        let found = std::mem::take(&mut *lock(&shared.found));
        let mut findings: Vec<finding::Finding> = Vec::new();
        for disagreement in found {
            let shrunk = runtime.block_on(shrink::shrink(self, &disagreement));
            let finding = runtime.block_on(finding::Finding::new(self, shrunk));
            if !findings.iter().any(|f| f.key() == finding.key()) {
                findings.push(finding);
            }
        }
        let (rules, classes) = std::mem::take(&mut *lock(&shared.exercised));
        let (invariants, first_breach_at) = self.invariants();
        let mut invariant_repros = Vec::new();
        for judgement in invariants.iter().filter(|j| j.broken()) {
            let cases = self.cases_of_first_breach(judgement);
            invariant_repros
                .push(runtime.block_on(repro::InvariantRepro::new(self, judgement, &cases)));
        }
        Summary {
            seed: self.options.seed,
            salt: self.options.salt,
            requests: self.sent(),
            cases: shared.cases.load(Ordering::Relaxed),
            first_disagreement_at: *lock(&shared.first),
            disagreements: shared.disagreements.load(Ordering::Relaxed),
            findings,
            rules,
            classes,
            elapsed: started.elapsed(),
            invariants,
            first_breach_at,
            invariant_repros,
        }
    }

    /// The cases, with the drafts they sent, whose answers make the first
    /// breach of `judgement`, in case order.
    fn cases_of_first_breach(&self, judgement: &Judgement) -> Vec<(u64, Draft)> {
        let Some(breach) = judgement.breaches.first() else {
            return Vec::new();
        };
        let observations = lock(&self.observations);
        let mut indexes: Vec<u64> = breach
            .runs
            .iter()
            .filter_map(|run| observations.iter().find(|(_, o)| &o.run == run))
            .filter_map(|(_, o)| o.case.strip_prefix("case ")?.parse().ok())
            .collect();
        indexes.sort_unstable();
        indexes.dedup();
        let drafts = lock(&self.drafts);
        indexes
            .into_iter()
            .filter_map(|i| Some((i, drafts.get(&i)?.clone())))
            .collect()
    }

    /// Keeps the first disagreement of each pair of codes.
    fn record(
        &self,
        shared: &Shared,
        index: u64,
        draft: &Draft,
        target: Answer,
        reference: Answer,
    ) {
        shared.disagreements.fetch_add(1, Ordering::Relaxed);
        lock(&shared.first).get_or_insert(self.sent());
        let target_code = target.code_against(&reference);
        let reference_code = reference.code_against(&target);
        let mut found = lock(&shared.found);
        let known = found
            .iter()
            .any(|d| d.target_code == target_code && d.reference_code == reference_code);
        if !known && found.len() < self.options.max_findings {
            found.push(Disagreement {
                index,
                draft: draft.clone(),
                target_code,
                reference_code,
                target,
                reference,
            });
        }
    }
}

/// The rules, and the rule × class pairs, the cases drew values from.
type Exercised = (BTreeSet<String>, BTreeSet<(String, String)>);

/// What the workers of one exploration share.
#[derive(Default)]
struct Shared {
    deadline: Option<Instant>,
    explore_budget: u64,
    found: Mutex<Vec<Disagreement>>,
    disagreements: AtomicU64,
    first: Mutex<Option<u64>>,
    cases: AtomicU64,
    exercised: Mutex<Exercised>,
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|p| p.into_inner())
}

/// Takes cases in seed order until the budget or the time is spent.
async fn worker(explorer: Arc<Explorer>, shared: Arc<Shared>) {
    let mut rules = BTreeSet::new();
    let mut classes = BTreeSet::new();
    loop {
        if shared.deadline.is_some_and(|d| Instant::now() >= d)
            || explorer.sent() + 2 > shared.explore_budget
            || lock(&shared.found).len() >= explorer.options.max_findings
        {
            break;
        }
        let (index, draft) = explorer.next_case();
        match explorer.check(&draft, index).await {
            Checked::Agreed => {}
            Checked::Unsendable => continue,
            Checked::Exhausted => break,
            Checked::Disagreed(answers) => {
                let (target, reference) = *answers;
                explorer.record(&shared, index, &draft, target, reference);
            }
        }
        shared.cases.fetch_add(1, Ordering::Relaxed);
        for param in &draft.params {
            match &param.origin {
                Origin::Class(rule, class) => {
                    rules.insert(rule.clone());
                    classes.insert((rule.clone(), class.clone()));
                }
                Origin::Case(rule) => {
                    rules.insert(rule.clone());
                }
                Origin::Random => {}
            }
        }
        if let Some(progress) = &explorer.options.progress {
            progress(explorer.sent());
        }
    }
    let mut all = lock(&shared.exercised);
    all.0.extend(rules);
    all.1.extend(classes);
}

fn kind(result: Result<Observed, NoAnswer>) -> Outcome {
    result.map_err(|e| e.what())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_salt_is_read_as_up_to_16_hex_digits_and_printed_as_16() {
        assert_eq!(parse_salt("c0ffee"), Ok(0xc0ffee));
        assert_eq!(parse_salt("0xC0FFEE"), Ok(0xc0ffee));
        assert_eq!(salt_hex(0xc0ffee), "0000000000c0ffee");
        assert_eq!(parse_salt(&salt_hex(u64::MAX)), Ok(u64::MAX));
        for bad in ["", "0x", "salty", "+1", "1 2", "00000000000000001"] {
            assert!(parse_salt(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_reproduce_command_carries_the_seed_and_the_salt() {
        let options = Options::salted(7, 0xabc, 500);
        assert_eq!(
            options.reproduce,
            "createimage-contract explore --seed 7 --salt 0000000000000abc --requests 500"
        );
        assert_ne!(Options::new(7, 500).salt, Options::new(7, 500).salt);
    }
}
