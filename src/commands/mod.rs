//! What each command does, behind the clap definitions in [`crate::cli`].
//! Each returns an exit code from [`crate::exit`], or a [`HarnessError`].

mod coverage;
mod error;
pub mod explore;
mod fixtures;
mod list;
pub mod mutants;
mod readings;
mod release;
mod report;
mod reporting;
mod reproduce;
mod rule;
pub mod run;
mod schema;
mod serve;
pub mod session;
mod verdict;

pub use coverage::coverage;
pub use error::HarnessError;
pub use explore::explore;
pub use fixtures::fixtures;
pub use list::list;
pub use mutants::mutants;
pub use readings::readings;
pub use report::report;
pub use run::run;
pub use schema::schema;
pub use serve::serve;
pub use session::{Session, SessionOptions};

use crate::fixtures::Manifest;
use crate::suite::{Known, Suite, load_dir};

use crate::cli::SuiteArgs;

/// Loads the fixture manifest and every case file; any problem is a harness error.
pub fn load_suite(args: &SuiteArgs) -> Result<(Manifest, Suite), HarnessError> {
    let manifest =
        Manifest::load(&args.fixtures_path()).map_err(|e| HarnessError::Fixtures(e.to_string()))?;
    let known = Known {
        fixtures: manifest.references(),
        accounts: manifest.account_names(),
        ..Known::default()
    };
    let suite = load_dir(&args.cases, &known).map_err(HarnessError::Cases)?;
    Ok((manifest, suite))
}

/// The one tokio runtime of a process.
pub fn runtime() -> Result<tokio::runtime::Runtime, HarnessError> {
    tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| HarnessError::Runtime(e.to_string()))
}
