//! Compares what came back with what the case expects, and with the run's
//! recorded snapshot; produces a [`Verdict`].
//!
//! A contract failure is data ([`Failure`]), collected into the verdict; it is
//! never an `Err`. Harness errors (a snapshot file that cannot be read) are
//! kept apart by the runner.

mod expect;
mod matcher;
pub mod media_type;
mod normalise;
mod observed;
pub mod semantic;
pub mod snapshot;
mod verdict;

pub use expect::check_expectation;
pub use matcher::{describe, field, scalar_text};
pub use normalise::Normaliser;
pub use observed::Observed;
pub use verdict::{Failure, Verdict};
