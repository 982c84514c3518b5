//! [`Against`]: differential runs (`run --against URL`). Every run goes to
//! the target and then to a second target; the two normalised answers (the
//! snapshot form, with ids and generated values tokenised) are compared as
//! trees, like snapshots, and where they differ a unified diff says how.
//!
//! The second target is never compared with snapshots and never decides the
//! run's outcome: the difference is reported beside it.

use std::collections::BTreeMap;
use std::sync::Mutex;

use serde_json::Value;

use crate::check::snapshot::{Mode, SnapshotStore};

use super::cleanup::CreatedImages;
use super::execute::{Outcome, RunRecord, execute};
use super::plan::Run;
use super::target::Target;

/// The second target of a differential run, and what it answered.
#[derive(Debug)]
pub struct Against {
    pub target: Target,
    /// The images the runs created on the second target.
    created: CreatedImages,
    snapshots: SnapshotStore,
    answers: Mutex<BTreeMap<String, AgainstAnswer>>,
}

/// One run's answer from the second target.
#[derive(Clone, Debug)]
pub struct AgainstAnswer {
    pub outcome: Outcome,
    pub normalised: Value,
    /// `None` when both normalised answers are equal.
    pub diff: Option<String>,
}

impl Against {
    pub fn new(target: Target) -> Against {
        Against {
            target,
            created: CreatedImages::default(),
            snapshots: SnapshotStore::new(std::env::temp_dir(), Mode::Off, true),
            answers: Mutex::new(BTreeMap::new()),
        }
    }

    /// Sends `run` to the second target and compares its normalised answer
    /// with `primary`'s.
    pub async fn compare(&self, run: &Run, primary: &RunRecord) {
        let second = execute(run, &self.target, &self.created, &self.snapshots).await;
        let diff = normalised_diff(&primary.normalised, &second.normalised);
        self.lock().insert(
            run.id.clone(),
            AgainstAnswer {
                outcome: second.outcome,
                normalised: second.normalised,
                diff,
            },
        );
    }

    /// The second target's answer to the run `id`, once compared.
    pub fn answer(&self, id: &str) -> Option<AgainstAnswer> {
        self.lock().get(id).cloned()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, AgainstAnswer>> {
        self.answers.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// A unified diff of two normalised answers, compared as trees (what a
/// target may choose does not differ: [`crate::check::semantic`]), or
/// `None` when they are equal.
pub fn normalised_diff(target: &Value, against: &Value) -> Option<String> {
    crate::check::semantic::difference_between(target, against, ("target", "against"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn equal_normalised_answers_have_no_diff() {
        let a = json!({"request": {"status": 400, "body": {"Code": "X"}}});
        assert_eq!(normalised_diff(&a, &a.clone()), None);
    }

    #[test]
    fn answers_that_differ_only_in_what_a_target_may_choose_have_no_diff() {
        let a = json!({"request": {"status": 400, "content_type": "application/json;charset=utf-8", "body": {"Code": "X", "HostId": "ecs.aliyuncs.com"}}});
        let b = json!({"request": {"body": {"HostId": "ecs.cn-hangzhou.aliyuncs.com", "Code": "X"}, "content_type": "application/json", "status": 400}});
        assert_eq!(normalised_diff(&a, &b), None);
    }

    #[test]
    fn a_different_status_shows_in_the_diff() {
        let a = json!({"request": {"status": 400}});
        let b = json!({"request": {"status": 403}});
        let diff = normalised_diff(&a, &b).unwrap();
        assert!(diff.contains("-    \"status\": 400"), "{diff}");
        assert!(diff.contains("+    \"status\": 403"), "{diff}");
    }
}
