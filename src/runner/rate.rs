//! [`RateLimit`]: `--rate N`, at most N requests per second across the whole
//! run (every attempt, retries and cleanup included), spaced evenly, so that
//! a real cloud account is never flooded. Built on `governor`.

use std::fmt;
use std::sync::Arc;
use std::time::Duration;

use governor::{DefaultDirectRateLimiter, Quota, RateLimiter};

/// A shared request-rate limit; unlimited by default. Cheap to clone.
#[derive(Clone, Default)]
pub struct RateLimit {
    limiter: Option<Arc<DefaultDirectRateLimiter>>,
    per_second: Option<f64>,
}

impl RateLimit {
    /// No limit.
    pub fn unlimited() -> RateLimit {
        RateLimit::default()
    }

    /// At most `per_second` requests per second (a fraction is allowed:
    /// `0.5` is one request every two seconds), with no bursts.
    pub fn per_second(per_second: f64) -> Result<RateLimit, String> {
        if !(per_second.is_finite() && per_second > 0.0 && per_second <= 1_000_000.0) {
            return Err(format!(
                "--rate must be a positive number of requests per second, not {per_second}"
            ));
        }
        let quota = Quota::with_period(Duration::from_secs_f64(1.0 / per_second))
            .ok_or_else(|| format!("--rate {per_second} is too high"))?;
        Ok(RateLimit {
            limiter: Some(Arc::new(RateLimiter::direct(quota))),
            per_second: Some(per_second),
        })
    }

    /// Waits until one more request may go.
    pub async fn wait(&self) {
        if let Some(limiter) = &self.limiter {
            limiter.until_ready().await;
        }
    }
}

impl fmt::Debug for RateLimit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.per_second {
            Some(rate) => write!(f, "RateLimit({rate}/s)"),
            None => f.write_str("RateLimit(unlimited)"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Instant;

    #[test]
    fn a_rate_that_is_not_positive_is_refused() {
        for bad in [0.0, -1.0, f64::NAN, f64::INFINITY] {
            assert!(RateLimit::per_second(bad).is_err(), "{bad}");
        }
    }

    #[tokio::test]
    async fn eleven_requests_at_twenty_per_second_take_half_a_second() {
        let limit = RateLimit::per_second(20.0).unwrap();
        let started = Instant::now();
        for _ in 0..11 {
            limit.wait().await;
        }
        assert!(started.elapsed() >= Duration::from_millis(450));
    }
}
