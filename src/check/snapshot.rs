//! Recorded snapshots: one insta `.snap` file per case and format, holding
//! every step's normalised answer (status, content type, XML root, body).
//!
//! Files are read through insta and each is read at most once per process.
//! The default mode never writes over an accepted snapshot: a new or changed
//! answer fails the run and, outside CI, is left beside it as a pending
//! `.snap.new` for `cargo insta review`; in CI (`CI` set) nothing is written.
//! Accepting is the explicit `--snapshots update`.
//!
//! Every written snapshot says where its answer came from: its header carries
//! a `description` line and an `info` map ([`Recorded`]: the target's URL
//! without credentials, the date, the harness version), which reports show
//! as the provenance of their expectations.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use insta::internals::TextSnapshotContents;
use insta::{Snapshot, TextSnapshotKind};
use similar::TextDiff;

/// What `--snapshots` asks for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Mode {
    /// Compare with the accepted snapshot; a mismatch fails the run.
    Check,
    /// Compare, and record new or changed snapshots as accepted.
    Update,
    /// Do not compare.
    Off,
}

/// The result of comparing one answer with its snapshot.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Comparison {
    Matched,
    /// No accepted snapshot exists. `pending` is where the new one was left, if anywhere.
    Missing {
        pending: Option<PathBuf>,
    },
    /// The accepted snapshot differs; `diff` is a unified diff (accepted → actual).
    Differs {
        diff: String,
        pending: Option<PathBuf>,
    },
    /// `--snapshots update` wrote it (new or changed).
    Recorded {
        path: PathBuf,
    },
    Skipped,
}

impl Comparison {
    pub fn is_failure(&self) -> bool {
        matches!(
            self,
            Comparison::Missing { .. } | Comparison::Differs { .. }
        )
    }
}

/// Where snapshots live and what may be written there.
#[derive(Debug)]
pub struct SnapshotStore {
    dir: PathBuf,
    mode: Mode,
    write_pending: bool,
    /// Accepted snapshots read so far (normalised), by name: each file is
    /// read once.
    accepted: Mutex<HashMap<String, Arc<Option<String>>>>,
    /// What a written snapshot's header says about its origin.
    recording: Recorded,
}

/// Where a snapshot's answer was recorded: the `info` map of its header.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Recorded {
    /// The target's URL, without credentials (or `embedded reference emulator`).
    pub target: Option<String>,
    /// `YYYY-MM-DD`, UTC.
    pub recorded_at: Option<String>,
    pub harness_version: Option<String>,
}

impl Recorded {
    /// The header's human-readable `description` line.
    fn description(&self) -> String {
        format!(
            "recorded from {} on {} by createimage-contract {}",
            self.target.as_deref().unwrap_or("an unnamed target"),
            self.recorded_at.as_deref().unwrap_or("an unknown date"),
            self.harness_version
                .as_deref()
                .unwrap_or("of an unknown version"),
        )
    }
}

impl SnapshotStore {
    /// `no_pending` disables pending `.snap.new` files (in CI, and for
    /// answers known to be wrong, such as a mutant emulator's).
    pub fn new(dir: impl Into<PathBuf>, mode: Mode, no_pending: bool) -> SnapshotStore {
        SnapshotStore {
            dir: dir.into(),
            mode,
            write_pending: !no_pending && mode == Mode::Check,
            accepted: Mutex::new(HashMap::new()),
            recording: Recorded {
                target: None,
                recorded_at: None,
                harness_version: Some(env!("CARGO_PKG_VERSION").to_string()),
            },
        }
    }

    /// Names the target that written snapshots are recorded from (a URL
    /// without credentials); they are dated today.
    pub fn recording_from(mut self, target: impl Into<String>) -> SnapshotStore {
        self.recording.target = Some(target.into());
        self
    }

    /// Where the accepted snapshot `name` was recorded, when its header says.
    pub fn recorded(&self, name: &str) -> Option<Recorded> {
        let text = std::fs::read_to_string(self.path_of(name)).ok()?;
        read_recorded(&text)
    }

    pub fn mode(&self) -> Mode {
        self.mode
    }

    /// The accepted snapshot's file for a snapshot name.
    pub fn path_of(&self, name: &str) -> PathBuf {
        self.dir.join(format!("{name}.snap"))
    }

    /// Compares `actual` with the accepted snapshot `name`; `source` and
    /// `expression` go into a written snapshot's metadata. `may_record` is
    /// false for a run whose expectations failed: its answer is never
    /// recorded as accepted.
    pub fn compare(
        &self,
        name: &str,
        actual: &str,
        source: &str,
        expression: &str,
        may_record: bool,
    ) -> std::io::Result<Comparison> {
        if self.mode == Mode::Off {
            return Ok(Comparison::Skipped);
        }
        let path = self.path_of(name);
        let accepted = self.accepted(name, &path)?;
        // insta's `matches_latest`: the normalised texts are equal. The
        // accepted one is normalised once, when its file is read.
        let body = normalised(actual.to_string());
        let differs = match accepted.as_ref() {
            Some(text) if *text == body => return Ok(Comparison::Matched),
            Some(text) => Some(unified_diff(text, &body)),
            None => None,
        };
        let recorded = Recorded {
            recorded_at: Some(today()),
            ..self.recording.clone()
        };
        if self.mode == Mode::Update && may_record {
            write_snapshot(&path, source, expression, &recorded, &body)?;
            return Ok(Comparison::Recorded { path });
        }
        let pending = if self.write_pending {
            let pending = path.with_extension("snap.new");
            write_snapshot(&pending, source, expression, &recorded, &body)?;
            Some(pending)
        } else {
            None
        };
        Ok(match differs {
            Some(diff) => Comparison::Differs { diff, pending },
            None => Comparison::Missing { pending },
        })
    }

    fn accepted(&self, name: &str, path: &Path) -> std::io::Result<Arc<Option<String>>> {
        if let Some(found) = self.lock().get(name) {
            return Ok(found.clone());
        }
        let loaded = if path.exists() {
            let snapshot = Snapshot::from_file(path).map_err(|e| {
                std::io::Error::other(format!("cannot read snapshot {}: {e}", path.display()))
            })?;
            Some(normalised(
                snapshot
                    .as_text()
                    .map(|t| t.to_string())
                    .unwrap_or_default(),
            ))
        } else {
            None
        };
        let loaded = Arc::new(loaded);
        self.lock().insert(name.to_string(), loaded.clone());
        Ok(loaded)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Option<String>>>> {
        self.accepted.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A snapshot's contents as insta compares them (trailing whitespace
/// trimmed, CRLF as LF).
fn normalised(contents: String) -> String {
    TextSnapshotContents::new(contents, TextSnapshotKind::File).to_string()
}

/// Writes a snapshot in insta's `.snap` format (a YAML metadata header, then
/// the contents), so that insta reads it back and `cargo insta review` can
/// accept pending ones.
fn write_snapshot(
    path: &Path,
    source: &str,
    expression: &str,
    recorded: &Recorded,
    contents: &str,
) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut text = String::new();
    let _ = writeln!(text, "---");
    let _ = writeln!(text, "source: {}", yaml_string(source));
    let _ = writeln!(text, "expression: {}", yaml_string(expression));
    let _ = writeln!(
        text,
        "description: {}",
        yaml_string(&recorded.description())
    );
    let _ = writeln!(text, "info:");
    for (key, value) in [
        ("target", &recorded.target),
        ("recorded_at", &recorded.recorded_at),
        ("harness_version", &recorded.harness_version),
    ] {
        if let Some(value) = value {
            let _ = writeln!(text, "  {key}: {}", yaml_string(value));
        }
    }
    let _ = writeln!(text, "---");
    text.push_str(contents);
    text.push('\n');
    // A private temporary name: runs of the same case in other request styles
    // may write the same snapshot at the same time.
    let tmp = path.with_extension(format!("tmp{}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// The `info` map of a `.snap` file's header, when it has one.
fn read_recorded(text: &str) -> Option<Recorded> {
    #[derive(serde::Deserialize)]
    struct Header {
        info: Option<Recorded>,
    }
    let rest = text.strip_prefix("---\n")?;
    let end = rest.find("\n---\n")?;
    let header: Header = serde_saphyr::from_str(&rest[..end]).ok()?;
    header.info
}

/// Today's date, UTC, `YYYY-MM-DD`.
fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A double-quoted scalar: JSON string syntax is valid YAML.
fn yaml_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// A unified diff, accepted (`-`) → actual (`+`).
pub fn unified_diff(accepted: &str, actual: &str) -> String {
    TextDiff::from_lines(accepted, actual)
        .unified_diff()
        .context_radius(3)
        .header("accepted snapshot", "actual answer")
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn temp_dir(name: &str) -> PathBuf {
        let dir =
            std::env::temp_dir().join(format!("cic-snap-{name}-{}", uuid::Uuid::new_v4().simple()));
        std::fs::create_dir_all(&dir).unwrap();
        dir
    }

    #[test]
    fn update_mode_records_a_file_that_insta_reads_back() {
        let dir = temp_dir("update");
        let store = SnapshotStore::new(&dir, Mode::Update, true);
        let outcome = store
            .compare(
                "case.json",
                "{\n  \"a\": 1\n}",
                "cases/a.yaml",
                "case::json",
                true,
            )
            .unwrap();
        assert!(matches!(outcome, Comparison::Recorded { .. }));
        let snapshot = Snapshot::from_file(&dir.join("case.json.snap")).unwrap();
        assert_eq!(snapshot.as_text().unwrap().to_string(), "{\n  \"a\": 1\n}");
        assert_eq!(snapshot.metadata().expression(), Some("case::json"));
        let fresh = SnapshotStore::new(&dir, Mode::Check, true);
        assert_eq!(
            fresh
                .compare("case.json", "{\n  \"a\": 1\n}", "", "", true)
                .unwrap(),
            Comparison::Matched
        );
    }

    #[test]
    fn a_recorded_snapshot_names_its_target_date_and_harness_version() {
        let dir = temp_dir("provenance");
        let store =
            SnapshotStore::new(&dir, Mode::Update, true).recording_from("http://127.0.0.1:8080");
        store.compare("p.json", "body", "s", "e", true).unwrap();
        let recorded = store.recorded("p.json").unwrap();
        assert_eq!(recorded.target.as_deref(), Some("http://127.0.0.1:8080"));
        assert_eq!(recorded.recorded_at, Some(today()));
        assert_eq!(
            recorded.harness_version.as_deref(),
            Some(env!("CARGO_PKG_VERSION"))
        );
        // insta still reads the file, with the provenance as its description.
        let snapshot = Snapshot::from_file(&dir.join("p.json.snap")).unwrap();
        assert_eq!(snapshot.as_text().unwrap().to_string(), "body");
        let description = snapshot.metadata().description().unwrap();
        assert!(
            description.starts_with("recorded from http://127.0.0.1:8080 on "),
            "{description}"
        );
    }

    #[test]
    fn a_snapshot_without_provenance_reads_as_none() {
        let dir = temp_dir("no-provenance");
        std::fs::write(
            dir.join("old.json.snap"),
            "---\nsource: \"s\"\nexpression: \"e\"\n---\nbody\n",
        )
        .unwrap();
        let store = SnapshotStore::new(&dir, Mode::Check, true);
        assert_eq!(store.recorded("old.json"), None);
        assert_eq!(store.recorded("missing.json"), None);
    }

    #[test]
    fn check_mode_never_overwrites_an_accepted_snapshot() {
        let dir = temp_dir("check");
        SnapshotStore::new(&dir, Mode::Update, true)
            .compare("c.xml", "old", "s", "e", true)
            .unwrap();
        let before = std::fs::read_to_string(dir.join("c.xml.snap")).unwrap();
        let outcome = SnapshotStore::new(&dir, Mode::Check, false)
            .compare("c.xml", "new", "s", "e", true)
            .unwrap();
        let Comparison::Differs { diff, pending } = outcome else {
            panic!("expected a difference, got {outcome:?}");
        };
        assert!(diff.contains("-old") && diff.contains("+new"), "{diff}");
        assert_eq!(pending, Some(dir.join("c.xml.snap.new")));
        assert_eq!(
            std::fs::read_to_string(dir.join("c.xml.snap")).unwrap(),
            before
        );
    }

    #[test]
    fn update_mode_does_not_record_the_answer_of_a_failed_run() {
        let dir = temp_dir("failed");
        let outcome = SnapshotStore::new(&dir, Mode::Update, true)
            .compare("f.json", "wrong", "s", "e", false)
            .unwrap();
        assert_eq!(outcome, Comparison::Missing { pending: None });
        assert!(!dir.join("f.json.snap").exists());
    }

    #[test]
    fn in_ci_a_missing_snapshot_fails_and_writes_nothing() {
        let dir = temp_dir("ci");
        let outcome = SnapshotStore::new(&dir, Mode::Check, true)
            .compare("n.json", "x", "s", "e", true)
            .unwrap();
        assert_eq!(outcome, Comparison::Missing { pending: None });
        assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 0);
    }
}
