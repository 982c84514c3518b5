//! Recorded snapshots: one insta `.snap` file per case and format, holding
//! every step's normalised answer (status, content type, XML root, body).
//!
//! A [`SnapshotStore`] is one snapshot set and its relation to the target:
//! the target's own set (recorded from it; the embedded emulator's is
//! `snapshots/`, the reference set), where a difference fails the run, or
//! the reference set seen from another target ([`SnapshotStore::advisory`]),
//! where a difference is reported and fails nothing unless
//! `--snapshots strict` asks for byte parity. Answers compare as trees
//! ([`super::semantic`]), never as text.
//!
//! Files are read through insta and each is read at most once per process.
//! The default mode never writes over an accepted snapshot: a new or changed
//! answer is, outside CI and for the target's own set, left beside it as a
//! pending `.snap.new` for `cargo insta review`. Accepting is the explicit
//! `--snapshots update`, and never writes into a set seen advisorily.
//!
//! A case with `one_of` steps records which reading each matched in the
//! header ([`Recorded::readings`]); a run that matched other readings is
//! compared with that reading's sibling snapshot when there is one, else it
//! is [`Comparison::OtherReading`], which never fails.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use serde_json::Value;

use super::semantic;
pub use super::semantic::unified_diff;
pub use super::snapshot_file::Recorded;
use super::snapshot_file::{self as file, Accepted};

/// What `--snapshots` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Compare with the accepted snapshot; a difference fails the run when
    /// the set is the target's own (the embedded emulator's, or a profile's
    /// `snapshots:`), and is reported only when it is the reference set.
    Check,
    /// Compare; every difference fails the run, from the reference set too.
    Strict,
    /// Compare, and record new or changed snapshots into the target's own set.
    Update,
    /// Do not compare.
    Off,
}

/// The result of comparing one run's answers with its snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comparison {
    Matched,
    /// No accepted snapshot exists. `pending` is where the new one was left, if anywhere.
    Missing {
        pending: Option<PathBuf>,
    },
    /// The accepted snapshot differs; `diff` is a unified diff (accepted →
    /// actual) of the canonical forms.
    Differs {
        diff: String,
        pending: Option<PathBuf>,
    },
    /// The run matched other documented readings than the snapshot
    /// recorded, and no snapshot of those readings exists: not compared.
    OtherReading {
        recorded: BTreeMap<String, String>,
        matched: BTreeMap<String, String>,
    },
    /// `--snapshots update` wrote it (new or changed).
    Recorded {
        path: PathBuf,
    },
    Skipped,
}

/// Where snapshots live and what may be written there.
#[derive(Debug)]
pub struct SnapshotStore {
    dir: PathBuf,
    mode: Mode,
    write_pending: bool,
    /// The reference set seen from another target: nothing is written, and
    /// differences fail only in [`Mode::Strict`].
    advisory: bool,
    /// Accepted snapshots read so far, by name: each file is read once.
    accepted: Mutex<HashMap<String, Arc<Option<Accepted>>>>,
    /// What a written snapshot's header says about its origin.
    recording: Recorded,
    /// The date written snapshots are recorded on, `YYYY-MM-DD`.
    today: String,
    /// Header provenances read so far, by their YAML text.
    provenances: Mutex<HashMap<String, Option<Recorded>>>,
}

/// One comparison's inputs beside the answers: where a written snapshot
/// says it comes from, and what the run's verdict was.
#[derive(Clone, Copy, Debug)]
pub struct Subject<'a> {
    /// The case file, for the header's `source`.
    pub source: &'a str,
    /// `CASE::FORMAT`, for the header's `expression`.
    pub expression: &'a str,
    /// `(step, reading)` for each `one_of` step, as the verdict has them.
    pub readings: &'a [(String, String)],
    /// False for a run whose expectations failed: its answer is never
    /// recorded as accepted.
    pub may_record: bool,
}

impl SnapshotStore {
    /// `no_pending` disables pending `.snap.new` files (in CI, and for
    /// answers known to be wrong, such as a mutant emulator's).
    pub fn new(dir: impl Into<PathBuf>, mode: Mode, no_pending: bool) -> SnapshotStore {
        SnapshotStore {
            dir: dir.into(),
            mode,
            write_pending: !no_pending && matches!(mode, Mode::Check | Mode::Strict),
            advisory: false,
            accepted: Mutex::new(HashMap::new()),
            recording: Recorded {
                harness_version: Some(env!("CARGO_PKG_VERSION").to_string()),
                ..Recorded::default()
            },
            today: file::today(),
            provenances: Mutex::new(HashMap::new()),
        }
    }

    /// Marks the set as the reference set compared with another target than
    /// the one it was recorded from: nothing is ever written into it, and a
    /// difference fails the run only in [`Mode::Strict`].
    pub fn advisory(mut self) -> SnapshotStore {
        self.advisory = true;
        self.write_pending = false;
        self
    }

    /// Names the target that written snapshots are recorded from (a URL
    /// without credentials); they are dated today.
    pub fn recording_from(mut self, target: impl Into<String>) -> SnapshotStore {
        self.recording.target = Some(target.into());
        self
    }

    /// Whether a difference from this set fails the run.
    pub fn differences_fail(&self) -> bool {
        !self.advisory || self.mode == Mode::Strict
    }

    /// Whether this is the reference set seen from another target.
    pub fn is_advisory(&self) -> bool {
        self.advisory
    }

    /// Where the accepted snapshot `name` was recorded, when its header says.
    pub fn recorded(&self, name: &str) -> Option<Recorded> {
        self.accepted(name)
            .ok()?
            .as_ref()
            .as_ref()
            .and_then(|a| a.recorded.clone())
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    pub fn dir(&self) -> &std::path::Path {
        &self.dir
    }

    /// The accepted snapshot's file for a snapshot name.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.snap"))
    }

    /// Compares a run's normalised answers with the accepted snapshot
    /// `name` — or, when the run matched other readings than that snapshot
    /// recorded, with those readings' sibling snapshot.
    pub fn compare(
        &self,
        name: &str,
        actual: &Value,
        subject: Subject<'_>,
    ) -> std::io::Result<Comparison> {
        if self.mode == Mode::Off {
            return Ok(Comparison::Skipped);
        }
        let matched: BTreeMap<String, String> = subject.readings.iter().cloned().collect();
        let main = self.accepted(name)?;
        let recorded_readings = main
            .as_ref()
            .as_ref()
            .and_then(|a| a.recorded.as_ref())
            .and_then(|r| r.readings.clone());
        if let Some(recorded) = recorded_readings
            && !matched.is_empty()
            && recorded != matched
        {
            let sibling = file::reading_name(name, &matched);
            let accepted = self.accepted(&sibling)?;
            if accepted.is_none() && !(self.records() && subject.may_record) {
                return Ok(Comparison::OtherReading { recorded, matched });
            }
            return self.compare_with(&sibling, &accepted, actual, &matched, subject);
        }
        self.compare_with(name, &main, actual, &matched, subject)
    }

    fn records(&self) -> bool {
        self.mode == Mode::Update && !self.advisory
    }

    fn compare_with(
        &self,
        name: &str,
        accepted: &Option<Accepted>,
        actual: &Value,
        matched: &BTreeMap<String, String>,
        subject: Subject<'_>,
    ) -> std::io::Result<Comparison> {
        let path = self.path_of(name);
        let readings = (!matched.is_empty()).then(|| matched.clone());
        let recorded = Recorded {
            recorded_at: Some(self.today.clone()),
            readings: readings.clone(),
            ..self.recording.clone()
        };
        let record = self.records() && subject.may_record;
        let differs = match accepted {
            // An answer equal to the accepted one as recorded is equal to
            // it canonically too, without being made canonical.
            Some(found) => match (found.value != *actual)
                .then(|| {
                    semantic::difference_from_canonical(
                        found.canonical(),
                        actual,
                        ("accepted snapshot", "actual answer"),
                    )
                })
                .flatten()
            {
                None => {
                    let header_readings = found.recorded.as_ref().and_then(|r| r.readings.clone());
                    if record && readings.is_some() && header_readings != readings {
                        // Only the header changes: the accepted contents stay.
                        self.write(name, subject, &recorded, &found.text, found.value.clone())?;
                    }
                    return Ok(Comparison::Matched);
                }
                Some(diff) => Some(diff),
            },
            None => None,
        };
        let contents = file::normalised(serde_json::to_string_pretty(actual).unwrap_or_default());
        if record {
            self.write(name, subject, &recorded, &contents, actual.clone())?;
            return Ok(Comparison::Recorded { path });
        }
        let pending = if self.write_pending {
            let pending = path.with_extension("snap.new");
            file::write(
                &pending,
                subject.source,
                subject.expression,
                &recorded,
                &contents,
            )?;
            Some(pending)
        } else {
            None
        };
        Ok(match differs {
            Some(diff) => Comparison::Differs { diff, pending },
            None => Comparison::Missing { pending },
        })
    }

    /// Writes the accepted snapshot `name` and remembers it as read.
    fn write(
        &self,
        name: &str,
        subject: Subject<'_>,
        recorded: &Recorded,
        contents: &str,
        value: Value,
    ) -> std::io::Result<()> {
        file::write(
            &self.path_of(name),
            subject.source,
            subject.expression,
            recorded,
            contents,
        )?;
        self.lock().insert(
            name.to_string(),
            Arc::new(Some(Accepted::new(
                contents.to_string(),
                value,
                Some(recorded.clone()),
            ))),
        );
        Ok(())
    }

    fn accepted(&self, name: &str) -> std::io::Result<Arc<Option<Accepted>>> {
        if let Some(found) = self.lock().get(name) {
            return Ok(found.clone());
        }
        let loaded = Arc::new(file::read_with(&self.path_of(name), &|header| {
            let part = file::provenance_part(header);
            let mut known = self.provenances.lock().unwrap_or_else(|e| e.into_inner());
            if let Some(found) = known.get(part) {
                return found.clone();
            }
            let read = file::recorded_in(part);
            known.insert(part.to_string(), read.clone());
            read
        })?);
        self.lock().insert(name.to_string(), loaded.clone());
        Ok(loaded)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Option<Accepted>>>> {
        self.accepted.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
#[path = "snapshot_tests.rs"]
mod tests;
