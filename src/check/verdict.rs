//! [`Verdict`]: the outcome of one run, as data.

use super::failure::Failure;
use super::reference::Reference;

/// The outcome of one run: every failure, and which documented reading the
/// target chose where the case accepts several.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Verdict {
    pub failures: Vec<Failure>,
    /// `(step, reading)` for each step whose expectation was a `one_of`.
    pub readings: Vec<(String, String)>,
    /// How the answers compared with the run's snapshot.
    pub reference: Reference,
}

impl Verdict {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}
