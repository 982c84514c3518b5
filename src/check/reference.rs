//! [`Reference`]: how one run's answers compare with its snapshot set, and
//! whether that fails the run ([`judge`]).
//!
//! Against the target's own set a difference, or a missing snapshot, fails
//! the run. Against the reference set seen from another target it is only
//! reported, unless `--snapshots strict` asks for byte parity. A run that
//! matched another documented reading than its snapshot recorded never
//! fails. A snapshot that cannot be read always does: that is the harness's
//! fault, not the target's.

use std::collections::BTreeMap;
use std::path::Path;

use super::failure::Failure;
use super::snapshot::{Comparison, SnapshotStore};

/// One run's snapshot outcome, as every report shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    Matched,
    /// A unified diff (accepted → actual) of the canonical forms.
    Differs {
        diff: String,
    },
    /// The run matched other documented readings than the snapshot
    /// recorded, and those readings have no snapshot of their own.
    OtherReading {
        recorded: BTreeMap<String, String>,
        matched: BTreeMap<String, String>,
    },
    NotCompared(NotCompared),
}

/// Why a run's answers were not compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NotCompared {
    /// `--snapshots off`.
    SnapshotsOff,
    /// The case says `snapshot: false`.
    CaseWithoutSnapshot,
    /// No snapshot is recorded for this case and format.
    NotRecorded,
    /// `--snapshots update` has just recorded the answers.
    Recorded,
    /// No complete, decodable answer came back (a transport failure, a
    /// time limit, a body that is not the format it is labelled).
    TransportFailure,
    /// The run was ignored (an unbound fixture or account).
    Ignored,
    /// The run was not judged (its answers are missing or cannot count).
    NotJudged,
    /// The snapshot file could not be read.
    Unreadable,
}

impl Default for Reference {
    /// Nothing was compared: the run ended before its answers were complete.
    fn default() -> Reference {
        Reference::NotCompared(NotCompared::TransportFailure)
    }
}

impl NotCompared {
    /// The name reports use (`snapshots_off`, `not_recorded`, …).
    pub fn name(self) -> &'static str {
        match self {
            NotCompared::SnapshotsOff => "snapshots_off",
            NotCompared::CaseWithoutSnapshot => "case_without_snapshot",
            NotCompared::NotRecorded => "not_recorded",
            NotCompared::Recorded => "recorded",
            NotCompared::TransportFailure => "transport_failure",
            NotCompared::Ignored => "ignored",
            NotCompared::NotJudged => "not_judged",
            NotCompared::Unreadable => "unreadable",
        }
    }
}

/// The reference outcome of one comparison, and the failure it causes, if
/// any; `step` is the step a snapshot failure is reported on.
pub fn judge(
    compared: std::io::Result<Comparison>,
    store: &SnapshotStore,
    accepted: &Path,
    step: &str,
) -> (Reference, Option<Failure>) {
    let fails = store.differences_fail();
    match compared {
        Ok(Comparison::Matched) => (Reference::Matched, None),
        Ok(Comparison::Differs { diff, pending }) => {
            let failure = fails.then(|| {
                let mut detail = diff.clone();
                if let Some(pending) = pending {
                    detail.push_str(&format!(
                        "\nthe new answer is in {} (accept with --snapshots update or cargo insta review)",
                        pending.display()
                    ));
                }
                Failure::new(
                    step,
                    "snapshot",
                    format!("the accepted snapshot {}", accepted.display()),
                    "a different answer",
                    None,
                )
                .with_detail(detail)
            });
            (Reference::Differs { diff }, failure)
        }
        Ok(Comparison::Missing { pending }) => {
            let failure = fails.then(|| {
                let hint = match pending {
                    Some(p) => format!(
                        "the answer is in {}; accept it with --snapshots update or cargo insta review",
                        p.display()
                    ),
                    None => "record it with --snapshots update".to_string(),
                };
                Failure::new(
                    step,
                    "snapshot",
                    format!("an accepted snapshot {}", accepted.display()),
                    "none recorded",
                    None,
                )
                .with_detail(hint)
            });
            (Reference::NotCompared(NotCompared::NotRecorded), failure)
        }
        Ok(Comparison::OtherReading { recorded, matched }) => {
            (Reference::OtherReading { recorded, matched }, None)
        }
        Ok(Comparison::Recorded { .. }) => (Reference::NotCompared(NotCompared::Recorded), None),
        Ok(Comparison::Skipped) => (Reference::NotCompared(NotCompared::SnapshotsOff), None),
        Err(e) => (
            Reference::NotCompared(NotCompared::Unreadable),
            Some(Failure::new(
                step,
                "snapshot",
                "a readable snapshot",
                e.to_string(),
                None,
            )),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::snapshot::Mode;

    fn differs() -> std::io::Result<Comparison> {
        Ok(Comparison::Differs {
            diff: "-a\n+b\n".into(),
            pending: None,
        })
    }

    #[test]
    fn a_difference_from_the_targets_own_set_fails_the_run() {
        let own = SnapshotStore::new("snapshots", Mode::Check, true);
        let (reference, failure) = judge(differs(), &own, Path::new("x.snap"), "request");
        assert!(matches!(reference, Reference::Differs { .. }));
        assert_eq!(failure.unwrap().what, "snapshot");
    }

    #[test]
    fn a_difference_from_the_reference_set_is_advisory_unless_strict() {
        let advisory = SnapshotStore::new("snapshots", Mode::Check, true).advisory();
        let (reference, failure) = judge(differs(), &advisory, Path::new("x.snap"), "request");
        assert_eq!(
            reference,
            Reference::Differs {
                diff: "-a\n+b\n".into()
            }
        );
        assert_eq!(failure, None);
        let missing = judge(
            Ok(Comparison::Missing { pending: None }),
            &advisory,
            Path::new("x.snap"),
            "request",
        );
        assert_eq!(
            missing,
            (Reference::NotCompared(NotCompared::NotRecorded), None)
        );
        let strict = SnapshotStore::new("snapshots", Mode::Strict, true).advisory();
        assert!(
            judge(differs(), &strict, Path::new("x.snap"), "request")
                .1
                .is_some()
        );
    }

    #[test]
    fn another_reading_never_fails() {
        let own = SnapshotStore::new("snapshots", Mode::Strict, true);
        let other = Comparison::OtherReading {
            recorded: BTreeMap::from([("request".into(), "a".into())]),
            matched: BTreeMap::from([("request".into(), "b".into())]),
        };
        let (reference, failure) = judge(Ok(other), &own, Path::new("x.snap"), "request");
        assert!(matches!(reference, Reference::OtherReading { .. }));
        assert_eq!(failure, None);
    }

    #[test]
    fn an_unreadable_snapshot_always_fails() {
        let advisory = SnapshotStore::new("snapshots", Mode::Check, true).advisory();
        let (_, failure) = judge(
            Err(std::io::Error::other("bad")),
            &advisory,
            Path::new("x.snap"),
            "request",
        );
        assert!(failure.is_some());
    }
}
