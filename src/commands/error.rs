//! [`HarnessError`]: everything that stops the harness itself (exit code 2),
//! as opposed to a contract failure, which is data.

use crate::suite::LoadErrors;

#[derive(Debug, thiserror::Error)]
pub enum HarnessError {
    #[error("{0}")]
    Cases(LoadErrors),
    #[error("cannot load the fixture manifest: {0}")]
    Fixtures(String),
    #[error("cannot start the async runtime: {0}")]
    Runtime(String),
    #[error("cannot start the emulator on {addr}: {reason}")]
    Bind { addr: String, reason: String },
    #[error("{0}")]
    Usage(String),
    /// A report could not be read or written.
    #[error("{0}")]
    Report(String),
}

impl HarnessError {
    /// The error as the command line prints it: `error: …`, except for case
    /// files, whose diagnostics each carry their own `error:` and location.
    pub fn rendered(&self) -> String {
        match self {
            HarnessError::Cases(errors) => errors.to_string(),
            other => format!("error: {other}"),
        }
    }
}
