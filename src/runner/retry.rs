//! [`RetryPolicy`]: `--retries N`. An answer `400 Throttling` (and only that)
//! is sent again — re-signed with a fresh nonce — after an exponentially
//! growing, jittered pause, at most N times; the last answer stands.
//! Delays come from `backon`.

use std::time::Duration;

use backon::{BackoffBuilder, ExponentialBuilder};

use crate::check::{Observed, scalar_text};

/// How throttled requests are retried.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RetryPolicy {
    /// How many times one request may be re-sent.
    pub retries: u32,
    /// The pause before the first retry; each later pause doubles.
    pub first_delay: Duration,
    pub max_delay: Duration,
}

/// Retries unless `--retries` says otherwise.
pub const DEFAULT_RETRIES: u32 = 3;

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy::new(DEFAULT_RETRIES)
    }
}

impl RetryPolicy {
    /// `retries` retries, first after 0.5 s, pauses doubling up to 10 s.
    pub fn new(retries: u32) -> RetryPolicy {
        RetryPolicy {
            retries,
            first_delay: Duration::from_millis(500),
            max_delay: Duration::from_secs(10),
        }
    }

    /// The pauses before each retry, in order; as many as there are retries.
    pub fn delays(&self) -> impl Iterator<Item = Duration> + use<> {
        ExponentialBuilder::new()
            .with_min_delay(self.first_delay)
            .with_max_delay(self.max_delay)
            .with_factor(2.0)
            .with_max_times(self.retries as usize)
            .with_jitter()
            .build()
    }
}

/// Whether an answer is the gateway's `400 Throttling`.
pub fn is_throttling(observed: &Observed) -> bool {
    observed.status == 400
        && observed.field("Code").and_then(scalar_text).as_deref() == Some("Throttling")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::decode;

    fn answer(status: u16, body: &str) -> Observed {
        Observed {
            status,
            content_type: Some("application/json".into()),
            body: decode::decode(Some("application/json"), body.as_bytes()).unwrap(),
        }
    }

    #[test]
    fn only_400_throttling_is_throttling() {
        assert!(is_throttling(&answer(400, r#"{"Code":"Throttling"}"#)));
        assert!(!is_throttling(&answer(503, r#"{"Code":"Throttling"}"#)));
        assert!(!is_throttling(&answer(
            400,
            r#"{"Code":"Throttling.User"}"#
        )));
        assert!(!is_throttling(&answer(
            400,
            r#"{"Code":"ServiceUnavailable"}"#
        )));
    }

    #[test]
    fn there_are_as_many_delays_as_retries_and_they_grow() {
        let delays: Vec<Duration> = RetryPolicy::new(3).delays().collect();
        assert_eq!(delays.len(), 3);
        assert!(delays[0] >= Duration::from_millis(500));
        assert!(delays[2] >= Duration::from_secs(2));
        assert_eq!(RetryPolicy::new(0).delays().count(), 0);
    }
}
