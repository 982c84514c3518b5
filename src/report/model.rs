//! [`Report`]: the document every report format renders — the JSON report
//! itself, deserialised again by `report merge`. Its fields are the JSON
//! schema (`docs/report.schema.json`); see [`super::json`] for the field by
//! field description and the versioning rule.

use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::check::invariants::Judgement;

pub use super::request::{HeaderEntry, RequestEntry};

/// The JSON report's schema version. Raised on any change that removes or
/// renames a field or changes its meaning; adding an optional field keeps it.
///
/// 2: every run carries `reference` (how its answers compared with the
/// snapshot set), `totals` count `reference_differs`, and `diff` is only the
/// snapshot difference that failed the run (a difference from the reference
/// set seen from another target is advisory and in `reference`).
///
/// 3: a run may be `not_judged` (with its `reason`: the target could not be
/// reached, throttled it to the end, may have acted on a request whose
/// answer was lost, or the run was not run), counted in `totals.not_judged`
/// and in `finished`.
pub const SCHEMA_VERSION: u32 = 3;

/// One invocation's results (or several shards', merged).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Report {
    pub schema_version: u32,
    /// `false` when the run was interrupted (Ctrl-C) before every planned
    /// run finished; the report then holds what finished.
    pub complete: bool,
    pub provenance: Provenance,
    pub totals: Totals,
    /// The expected-failures gate, when `--expected-failures` was given.
    pub gate: Option<Gate>,
    pub runs: Vec<RunEntry>,
    /// The run-level invariants ([`crate::contract::invariants`]), judged
    /// over every answer of the runs; a broken one is a contract failure,
    /// whatever the gate says.
    #[serde(default)]
    pub invariants: Vec<Judgement>,
}

/// Where the results come from.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Provenance {
    pub harness_version: String,
    /// `sha256:HEX` over the case files and the fixture manifest.
    pub suite_hash: String,
    /// Cases in the suite (before filters and shards).
    pub case_count: usize,
    pub target: TargetInfo,
    /// The second target of a differential run (`--against`).
    pub against: Option<TargetInfo>,
    pub options: RunOptions,
    /// RFC 3339, UTC.
    pub started_at: String,
    pub duration_ms: u64,
    /// Where the snapshots the runs were compared with were recorded.
    pub snapshot_sources: Vec<SnapshotSource>,
    /// The shards a merged report was made from (`hash:K/N`), in order.
    pub shards: Vec<String>,
}

/// A target, as a report may name it: the URL never carries credentials.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct TargetInfo {
    /// The URL without userinfo.
    pub url: String,
    /// `true` for the embedded reference emulator.
    pub embedded: bool,
    /// The embedded emulator's deliberate fault, if any.
    pub mutant: Option<String>,
}

/// The command-line options that shape the results (never credentials).
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RunOptions {
    pub formats: Vec<String>,
    pub wires: Vec<String>,
    pub snapshots: String,
    pub region: String,
    /// libtest-mimic's name filter and `--skip` filters.
    pub filter: Option<String>,
    pub exact: bool,
    pub skip: Vec<String>,
    /// `hash:K/N`.
    pub partition: Option<String>,
    pub timeout_s: f64,
    pub total_timeout_s: f64,
    pub expected_failures: Option<String>,
    pub strict: bool,
    /// The command that replays a run of this report, less `--exact
    /// RUN-ID` (absent from reports written before it was recorded).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub command: Option<String>,
}

/// Where a snapshot's expectations were recorded, from its metadata.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub struct SnapshotSource {
    /// The target URL the answer was recorded from, without credentials.
    pub target: Option<String>,
    /// `YYYY-MM-DD`.
    pub recorded_at: Option<String>,
    pub harness_version: Option<String>,
    /// Snapshots with this provenance among the runs' snapshots (in
    /// `provenance.snapshot_sources`; 1 in a run's own `snapshot`).
    pub count: usize,
}

/// Counts over the runs.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Totals {
    /// Runs selected (after filters and shards).
    pub planned: usize,
    /// Runs that finished (`passed + failed + ignored + not_judged`).
    pub finished: usize,
    pub passed: usize,
    pub failed: usize,
    pub ignored: usize,
    /// Runs that were not judged: never passed, nor contract failures.
    pub not_judged: usize,
    /// Failed runs listed in the expected-failures file as known faults.
    pub expected_failures: usize,
    /// Failed runs whose case the expected-failures file disputes.
    #[serde(default)]
    pub disputed: usize,
    /// Failed runs not listed there (all failed runs without a gate).
    pub new_failures: usize,
    /// Runs whose normalised answers differ between the two targets.
    pub differing: usize,
    /// Runs whose answers differ from their snapshot (`reference.outcome`
    /// is `differs`), whether or not that failed them.
    pub reference_differs: usize,
}

/// The expected-failures gate's verdict.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Gate {
    /// The expected-failures file.
    pub file: String,
    pub strict: bool,
    /// Failed runs that are listed as known faults.
    pub expected: Vec<String>,
    /// Failed runs whose case is disputed.
    #[serde(default)]
    pub disputed: Vec<String>,
    /// Failed runs that are not listed: they fail the gate.
    pub new: Vec<String>,
    /// Listed runs that passed: the entry should go.
    pub stale: Vec<String>,
    /// Listed runs that were not run here (filtered out, another shard).
    pub not_run: Vec<String>,
    /// No new failures, and (with `strict`) no stale entries.
    pub passed: bool,
}

/// How one run ended.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum OutcomeKind {
    Passed,
    Failed,
    Ignored,
    /// No verdict on the contract: see [`RunEntry::reason`].
    #[serde(rename = "not_judged")]
    NotJudged,
}

impl OutcomeKind {
    pub fn name(self) -> &'static str {
        match self {
            OutcomeKind::Passed => "passed",
            OutcomeKind::Failed => "failed",
            OutcomeKind::Ignored => "ignored",
            OutcomeKind::NotJudged => "not judged",
        }
    }
}

/// One run: one case in one format over one request style.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct RunEntry {
    /// `CASE-ID::FORMAT::WIRE`.
    pub id: String,
    /// The run's place in the whole plan (before filters and shards): the
    /// order of the runs of merged shard reports.
    pub position: usize,
    pub case_id: String,
    pub area: String,
    pub rules: Vec<String>,
    pub tags: Vec<String>,
    /// `file:line:col` of the case.
    pub source: String,
    pub format: String,
    pub wire: String,
    pub outcome: OutcomeKind,
    /// Why an ignored run was not executed, or a run not judged.
    pub reason: Option<String>,
    /// The `one_of` branch the answer matched, per step: a documented
    /// reading where the contract contradicts itself, or another answer the
    /// case accepts (`created`); the readings chosen count only the former
    /// (`digest::readings`).
    pub readings: Vec<ReadingChoice>,
    /// What the case expects, per step (and per reading).
    pub expected: Vec<ExpectedStep>,
    /// Every broken expectation: what was expected and what came back.
    pub failures: Vec<FailureEntry>,
    /// The request of each step a failure names (or of the step a run not
    /// judged stopped at), as sent: absent from a run that passed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub requests: Vec<RequestEntry>,
    /// Every step's normalised answer, as stored in snapshots.
    pub normalised: Value,
    /// The snapshot diff (accepted → actual), when a snapshot difference
    /// failed the run.
    pub diff: Option<String>,
    /// How the run's answers compared with its snapshot set.
    pub reference: ReferenceEntry,
    /// Where the run's snapshot was recorded, when it says.
    pub snapshot: Option<SnapshotSource>,
    /// The reason given in the expected-failures file, when listed there.
    pub expected_failure: Option<String>,
    /// The listing is a dispute of the case's reading.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub disputed: bool,
    /// The second target's answer, in a differential run.
    pub differential: Option<Differential>,
    pub duration_ms: f64,
}

/// How one run's answers compared with its snapshot set: the reference set
/// (advisory, seen from another target) or the target's own (strict).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(tag = "outcome", rename_all = "snake_case", deny_unknown_fields)]
pub enum ReferenceEntry {
    Matched,
    /// `diff`: a unified diff (accepted → actual) of the canonical forms.
    Differs {
        diff: String,
    },
    /// The run matched other documented readings than the snapshot
    /// recorded, and those readings have no snapshot of their own.
    OtherReading {
        recorded: Vec<ReadingChoice>,
        matched: Vec<ReadingChoice>,
    },
    /// `why`: `snapshots_off`, `case_without_snapshot`, `not_recorded`,
    /// `recorded`, `transport_failure`, `ignored` or `unreadable`.
    NotCompared {
        why: String,
    },
}

impl ReferenceEntry {
    pub fn diff(&self) -> Option<&str> {
        match self {
            ReferenceEntry::Differs { diff } => Some(diff),
            _ => None,
        }
    }
}

/// The `one_of` branch a step's answer matched (see [`RunEntry::readings`]).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ReadingChoice {
    pub step: String,
    pub reading: String,
}

/// One step's expectation in plain text (one entry per reading of a `one_of`).
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExpectedStep {
    pub step: String,
    pub reading: Option<String>,
    pub status: Option<u16>,
    pub code: Option<String>,
    pub message: Option<String>,
}

/// What a failure says of an expectation no sentence fixes.
pub const UNTRACED: &str =
    "(no sentence of the documents fixes this: it is the suite's reading, open to dispute)";

/// What a failure of a case tagged `informational` says of it
/// (docs/cases.md): why it asserts so little, and that it still fails.
pub const INFORMATIONAL: &str = "informational case: the documents fix no single answer here, so it asserts a refusal only (not which error); it counts in no coverage, but its failure fails the run like any other";

/// [`INFORMATIONAL`] for a run whose case carries the tag.
pub fn informational_note(tags: &[String]) -> Option<&'static str> {
    tags.iter()
        .any(|t| t == crate::coverage::definite::INFORMATIONAL)
        .then_some(INFORMATIONAL)
}

/// One broken expectation.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FailureEntry {
    pub step: String,
    /// `status`, `code`, `message`, `body.FIELD`, `snapshot`, `transport`, …
    pub what: String,
    pub expected: String,
    pub actual: String,
    /// `file:line:col` of the expectation.
    pub location: Option<String>,
    pub detail: Option<String>,
    /// The sentences of the documents that fix what was expected; empty
    /// for a snapshot or transport failure, and for an expectation no
    /// sentence fixes (then `untraced` is true).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub because: Vec<QuoteEntry>,
    /// For a `one_of` no reading matched: every answer the case accepts.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub accepted: Vec<String>,
    /// An expectation of the case that no sentence of the documents fixes:
    /// the suite's own reading, open to dispute.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub untraced: bool,
}

/// A sentence of the documents.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct QuoteEntry {
    /// `CreateImage.md` or `wire-protocol.md`.
    pub doc: String,
    /// Where in it: a section, a table, a row.
    pub place: String,
    pub quote: String,
}

impl From<&crate::contract::documents::Quote> for QuoteEntry {
    fn from(quote: &crate::contract::documents::Quote) -> QuoteEntry {
        QuoteEntry {
            doc: quote.doc.name().to_owned(),
            place: quote.place.to_string(),
            quote: quote.text.to_string(),
        }
    }
}

impl std::fmt::Display for QuoteEntry {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}, {}: \"{}\"", self.doc, self.place, self.quote)
    }
}

/// A differential run's second answer.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Differential {
    /// The run's outcome against the second target.
    pub outcome: OutcomeKind,
    /// Whether the two normalised answers differ.
    pub differs: bool,
    /// A unified diff, this target's normalised answer → the second's.
    pub diff: Option<String>,
    /// The second target's normalised answers.
    pub normalised: Value,
}

impl Report {
    /// Counts the runs; `planned` is kept.
    pub fn recount(&mut self) {
        let planned = self.totals.planned;
        let mut totals = Totals {
            planned,
            ..Totals::default()
        };
        for run in &self.runs {
            totals.finished += 1;
            match run.outcome {
                OutcomeKind::Passed => totals.passed += 1,
                OutcomeKind::Ignored => totals.ignored += 1,
                OutcomeKind::Failed if run.disputed => {
                    totals.failed += 1;
                    totals.disputed += 1;
                }
                OutcomeKind::NotJudged => totals.not_judged += 1,
                OutcomeKind::Failed if run.expected_failure.is_some() => {
                    totals.failed += 1;
                    totals.expected_failures += 1;
                }
                OutcomeKind::Failed => {
                    totals.failed += 1;
                    totals.new_failures += 1;
                }
            }
            if run.differential.as_ref().is_some_and(|d| d.differs) {
                totals.differing += 1;
            }
            if run.reference.diff().is_some() {
                totals.reference_differs += 1;
            }
        }
        self.totals = totals;
    }

    /// Passed runs over passed and failed runs, in percent (100 with none).
    pub fn score(&self) -> f64 {
        let judged = self.totals.passed + self.totals.failed;
        if judged == 0 {
            100.0
        } else {
            100.0 * self.totals.passed as f64 / judged as f64
        }
    }

    /// [`Self::score`] with one decimal, rounded down (never above the
    /// truth: 4491 of 4493 is `99.9`, not `100.0`), computed on integers.
    pub fn score_text(&self) -> String {
        let judged = (self.totals.passed + self.totals.failed) as u128;
        let tenths = match judged {
            0 => 1000,
            _ => self.totals.passed as u128 * 1000 / judged,
        };
        format!("{}.{}", tenths / 10, tenths % 10)
    }

    /// Whether this report passes: no new failures, the gate (if any)
    /// passed, and every run that finished was judged (or ignored).
    pub fn passed(&self) -> bool {
        self.no_failure_counts() && self.totals.not_judged == 0
    }

    /// Whether no failure counts against the target: none at all, or (with
    /// a gate) only listed ones and the gate passed. Runs not judged count
    /// neither way.
    pub fn no_failure_counts(&self) -> bool {
        if self.invariants_broken() > 0 {
            return false;
        }
        match &self.gate {
            Some(gate) => gate.passed,
            None => self.totals.failed == 0,
        }
    }

    /// How many invariants are broken.
    pub fn invariants_broken(&self) -> usize {
        self.invariants.iter().filter(|j| j.broken()).count()
    }

    /// The first run not judged for `reason`: the one whose request a
    /// report shows beside the reason.
    pub fn first_not_judged(&self, reason: &str) -> Option<&RunEntry> {
        self.runs.iter().find(|r| {
            r.outcome == OutcomeKind::NotJudged
                && r.reason.as_deref().unwrap_or("no reason given") == reason
        })
    }

    /// Each distinct reason a run was not judged for, with how many runs
    /// give it, the most frequent first (then in order of first run).
    pub fn not_judged_reasons(&self) -> Vec<(&str, usize)> {
        let mut reasons: Vec<(&str, usize)> = Vec::new();
        for run in self
            .runs
            .iter()
            .filter(|r| r.outcome == OutcomeKind::NotJudged)
        {
            let reason = run.reason.as_deref().unwrap_or("no reason given");
            match reasons.iter_mut().find(|(r, _)| *r == reason) {
                Some((_, count)) => *count += 1,
                None => reasons.push((reason, 1)),
            }
        }
        reasons.sort_by_key(|(_, count)| std::cmp::Reverse(*count));
        reasons
    }
}

impl SnapshotSource {
    /// Adds up sources with the same target, date and version.
    pub fn tally(sources: impl IntoIterator<Item = SnapshotSource>) -> Vec<SnapshotSource> {
        let mut tallied: Vec<SnapshotSource> = Vec::new();
        for source in sources {
            match tallied.iter_mut().find(|s| {
                (&s.target, &s.recorded_at, &s.harness_version)
                    == (&source.target, &source.recorded_at, &source.harness_version)
            }) {
                Some(found) => found.count += source.count,
                None => tallied.push(source),
            }
        }
        tallied.sort();
        tallied
    }
}

impl FailureEntry {
    /// [`Self::because`], each sentence once (the same document, place
    /// and quote), in order: a report written before they were
    /// deduplicated may hold one twice.
    pub fn sentences(&self) -> Vec<&QuoteEntry> {
        let mut out: Vec<&QuoteEntry> = Vec::new();
        for quote in &self.because {
            if !out.contains(&quote) {
                out.push(quote);
            }
        }
        out
    }

    /// `because …` for each sentence, `accepts …` for each accepted
    /// answer, or the line that says no sentence fixes it.
    pub fn why_lines(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .sentences()
            .iter()
            .map(|q| format!("because {q}"))
            .collect();
        out.extend(self.accepted.iter().map(|a| format!("accepts {a}")));
        if self.untraced {
            out.push(format!("because {UNTRACED}"));
        }
        out
    }

    /// `status (step `request`): expected 400, actual 403`.
    pub fn one_line(&self) -> String {
        format!(
            "{} (step `{}`): expected {}, actual {}",
            self.what, self.step, self.expected, self.actual
        )
    }
}

impl RunEntry {
    /// Every failure, one line each with its location, then its detail
    /// (diffs, the readings tried), as plain text; then the request of
    /// each failing step as sent, and (unless the run is listed) how to
    /// dispute it. An `informational` case says so first.
    pub fn failure_text(&self) -> String {
        let mut out = String::new();
        if let Some(note) = informational_note(&self.tags) {
            out.push_str(&format!("note: {note}\n"));
        }
        out.push_str(&self.failures_text());
        out.push_str(&self.requests_text());
        if self.disputable() {
            out.push_str(&super::gate::dispute_hint(&self.case_id));
            out.push('\n');
        }
        out
    }

    /// Whether the run failed an expectation of its case (one a sentence
    /// fixes, or the suite's own reading) and is not listed in the
    /// expected-failures file: what a dispute is for. A snapshot or a
    /// transport failure is no reading of the documents.
    pub fn disputable(&self) -> bool {
        self.expected_failure.is_none() && self.failures.iter().any(|f| !f.why_lines().is_empty())
    }

    /// The request of each failing step, as sent.
    pub fn requests_text(&self) -> String {
        self.requests.iter().map(RequestEntry::text).collect()
    }

    fn failures_text(&self) -> String {
        let mut out = String::new();
        for failure in &self.failures {
            out.push_str(&failure.one_line());
            if let Some(location) = &failure.location {
                out.push_str(&format!("\n  --> {location}"));
            }
            out.push('\n');
            if let Some(detail) = &failure.detail {
                for line in detail.lines() {
                    out.push_str("  ");
                    out.push_str(line);
                    out.push('\n');
                }
            }
            for line in failure.why_lines() {
                out.push_str("  ");
                out.push_str(&line);
                out.push('\n');
            }
        }
        out
    }

    /// The expected `(status, code)` pairs of every step and reading.
    pub fn expected_codes(&self) -> impl Iterator<Item = (u16, &str)> {
        self.expected
            .iter()
            .filter_map(|e| Some((e.status?, e.code.as_deref()?)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::report;

    #[test]
    fn the_headline_score_is_rounded_down_never_up_to_100() {
        let mut r = report(vec![]);
        for (passed, failed, shown) in [
            (4491, 2, "99.9"),
            (3, 1, "75.0"),
            (2, 1, "66.6"),
            (5, 0, "100.0"),
            (0, 0, "100.0"),
            (0, 4, "0.0"),
        ] {
            r.totals.passed = passed;
            r.totals.failed = failed;
            assert_eq!(r.score_text(), shown, "{passed} of {}", passed + failed);
        }
    }

    #[test]
    fn a_sentence_given_twice_under_one_failure_is_listed_once() {
        let quote = QuoteEntry {
            doc: "CreateImage.md".into(),
            place: "Error codes".into(),
            quote: "|400|X|".into(),
        };
        let failure = FailureEntry {
            because: vec![quote.clone(), quote],
            ..FailureEntry::default()
        };
        assert_eq!(failure.sentences().len(), 1);
        assert_eq!(failure.why_lines().len(), 1);
    }
}
