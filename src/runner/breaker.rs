//! [`Breaker`]: ends a run fast when its target answers nothing. When the
//! first [`SILENT_RUNS`] runs to finish all got not one byte of an answer,
//! in the same way ([`Silence`]: could not connect, timed out, connection
//! closed), and no run has had an answer, the breaker trips: runs not yet
//! started are not run, runs in flight are cut short, each not judged with
//! the reason and how to send them anyway (`--keep-going`, which leaves
//! the breaker out). A single answer of any kind disarms it for good, so a
//! target that answers some runs and times out on others is never cut
//! short.

use std::sync::Mutex;

use tokio::sync::watch;

use super::exchange::Silence;
use super::execute::Reach;

/// Runs that must fail alike, with no answer anywhere, before the rest are
/// not sent: as many as `run` has in flight by default, so that against a
/// silent target the breaker trips when the first wave times out.
pub const SILENT_RUNS: usize = 8;

/// Watches finished runs; see the module's documentation.
#[derive(Debug)]
pub struct Breaker {
    state: Mutex<State>,
    tripped: watch::Sender<Option<String>>,
}

#[derive(Debug, Default)]
struct State {
    /// Some run had an answer: the breaker never trips.
    disarmed: bool,
    /// The silence of the latest runs, and how many in a row met it.
    streak: Option<(Silence, usize)>,
}

impl Default for Breaker {
    fn default() -> Breaker {
        Breaker {
            state: Mutex::default(),
            tripped: watch::Sender::new(None),
        }
    }
}

impl Breaker {
    /// Takes in how a finished run reached its target; may trip.
    pub fn observe(&self, reach: Reach) {
        let mut state = self.state.lock().unwrap_or_else(|e| e.into_inner());
        if state.disarmed {
            return;
        }
        let silence = match reach {
            Reach::Unsent => return,
            Reach::Answered => {
                state.disarmed = true;
                return;
            }
            Reach::Silent(silence) => silence,
        };
        let count = match state.streak {
            Some((same, count)) if same == silence => count + 1,
            _ => 1,
        };
        state.streak = Some((silence, count));
        if count >= SILENT_RUNS && self.tripped.borrow().is_none() {
            self.tripped.send_replace(Some(why(silence)));
        }
    }

    /// Why the rest of the runs are not sent, once the breaker has tripped
    /// (without the `not run: ` a run's reason begins with).
    pub fn tripped(&self) -> Option<String> {
        self.tripped.borrow().clone()
    }

    /// Waits until the breaker trips (forever if it never does); returns
    /// why.
    pub async fn trips(&self) -> String {
        let mut receiver = self.tripped.subscribe();
        let why = receiver
            .wait_for(Option::is_some)
            .await
            .ok()
            .and_then(|why| why.clone());
        match why {
            Some(why) => why,
            None => std::future::pending().await,
        }
    }
}

/// Why the breaker tripped; the runs it keeps from being judged say "not
/// run: WHY" or "cut short: WHY".
fn why(silence: Silence) -> String {
    let what = match silence {
        Silence::Unreachable => "could not reach the target",
        Silence::TimedOut => "timed out waiting for an answer",
        Silence::Closed => "had the connection closed before an answer",
    };
    format!(
        "the first {SILENT_RUNS} runs {what}, and no run had an answer (--keep-going sends every run anyway)"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn silent(breaker: &Breaker, silence: Silence, runs: usize) {
        for _ in 0..runs {
            breaker.observe(Reach::Silent(silence));
        }
    }

    #[test]
    fn runs_that_fail_alike_with_no_answer_anywhere_trip_it() {
        let breaker = Breaker::default();
        silent(&breaker, Silence::Unreachable, SILENT_RUNS - 1);
        assert_eq!(breaker.tripped(), None);
        breaker.observe(Reach::Unsent);
        silent(&breaker, Silence::Unreachable, 1);
        assert_eq!(
            breaker.tripped().as_deref(),
            Some(
                "the first 8 runs could not reach the target, and no run had an answer (--keep-going sends every run anyway)"
            )
        );
    }

    #[test]
    fn one_answer_disarms_it_for_good() {
        let breaker = Breaker::default();
        silent(&breaker, Silence::TimedOut, SILENT_RUNS - 1);
        breaker.observe(Reach::Answered);
        silent(&breaker, Silence::TimedOut, 10 * SILENT_RUNS);
        assert_eq!(breaker.tripped(), None);
    }

    #[test]
    fn runs_that_fail_in_different_ways_do_not_trip_it() {
        let breaker = Breaker::default();
        for _ in 0..SILENT_RUNS {
            silent(&breaker, Silence::TimedOut, SILENT_RUNS - 1);
            silent(&breaker, Silence::Closed, 1);
        }
        assert_eq!(breaker.tripped(), None);
    }

    #[tokio::test]
    async fn a_run_waiting_on_it_learns_why_when_it_trips() {
        let breaker = std::sync::Arc::new(Breaker::default());
        let waiting = tokio::spawn({
            let breaker = breaker.clone();
            async move { breaker.trips().await }
        });
        silent(&breaker, Silence::Closed, SILENT_RUNS);
        assert!(waiting.await.unwrap().contains("connection closed"));
    }
}
