//! Which failures are the case's *expectations* failing, and which are not.
//!
//! A [`Failure`] names what was checked in its `what`. The rule: a failure
//! is an expectation's when it says that an answer the target gave breaks
//! something the case file states about the contract. It is not when it
//! only says that the answer differs from bytes recorded from our own
//! emulator, or that no answer came back at all:
//!
//! | `what` | from | an expectation? |
//! |---|---|---|
//! | `status`, `content_type`, `root`, `code`, `message` | `expect:` | yes |
//! | `body.FIELD` | `expect: { body: … }` | yes |
//! | `only` | `expect: { only: true }` | yes |
//! | `one_of` | `expect: { one_of: … }`: no documented reading matched | yes |
//! | `distinct.FIELD`, `tally.READING` | a `concurrent:` step's group checks | yes |
//! | `capture` | a step used `{{steps.STEP.FIELD}}` and STEP's answer lacked FIELD | yes |
//! | `decode` | an answer came back but is not JSON or XML as its content type says | yes |
//! | `snapshot` | the normalised answer differs from the recorded snapshot | no: the snapshot holds our emulator's bytes |
//! | `transport` | no complete answer (refused, reset, timed out, redirected, over the size cap) | no |
//! | `timeout` | `--total-timeout` ran out before the run finished | no |
//!
//! Anything else is not counted: a new kind of check is an expectation only
//! once it is added here. The `mutants` command kills a mutant only with an
//! expectation failure ([`Failure::is_expectation`]).

use super::Failure;

/// `what` values that are an expectation failing, whole.
const EXPECTATIONS: [&str; 9] = [
    "status",
    "content_type",
    "root",
    "code",
    "message",
    "only",
    "one_of",
    "capture",
    "decode",
];

/// `what` prefixes (`body.ImageId`, `distinct.ImageId`, `tally.created`).
const EXPECTATION_PREFIXES: [&str; 3] = ["body.", "distinct.", "tally."];

impl Failure {
    /// Whether this failure is an expectation of the case failing (see the
    /// module documentation), not a snapshot difference, a transport error
    /// or a timeout.
    pub fn is_expectation(&self) -> bool {
        let what = self.what.as_str();
        EXPECTATIONS.contains(&what)
            || EXPECTATION_PREFIXES.iter().any(|prefix| {
                what.strip_prefix(prefix)
                    .is_some_and(|rest| !rest.is_empty())
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn failure(what: &str) -> Failure {
        Failure::new("request", what, "x", "y", None)
    }

    #[test]
    fn every_check_of_an_expect_block_is_an_expectation() {
        for what in [
            "status",
            "content_type",
            "root",
            "code",
            "message",
            "only",
            "one_of",
            "body.ImageId",
            "body.Error.Code",
        ] {
            assert!(failure(what).is_expectation(), "{what}");
        }
    }

    #[test]
    fn group_checks_captures_and_undecodable_answers_are_expectations() {
        for what in ["distinct.ImageId", "tally.created", "capture", "decode"] {
            assert!(failure(what).is_expectation(), "{what}");
        }
    }

    #[test]
    fn snapshot_transport_and_timeout_failures_are_not_expectations() {
        for what in [
            "snapshot",
            "transport",
            "timeout",
            "body.",
            "tally.",
            "reference",
            "",
        ] {
            assert!(!failure(what).is_expectation(), "{what}");
        }
    }
}
