//! Compares what came back with what the case expects, and with the run's
//! recorded snapshot (as trees: [`semantic`]); produces a [`Verdict`] whose
//! [`Reference`] says how the answers compared with the snapshot set.
//!
//! A contract failure is data ([`Failure`]), collected into the verdict; it is
//! never an `Err`. Harness errors (a snapshot file that cannot be read) are
//! kept apart by the runner.

mod expect;
mod failure;
pub mod invariants;
mod kinds;
mod matcher;
pub mod media_type;
mod normalise;
mod observed;
pub mod reference;
pub mod semantic;
pub mod snapshot;
mod snapshot_file;
mod verdict;

pub use expect::check_expectation;
pub use failure::Failure;
pub use matcher::{describe, field, scalar_text};
pub use normalise::Normaliser;
pub use observed::Observed;
pub use reference::{NotCompared, Reference};
pub use verdict::Verdict;
