//! `run`: replay the suite against a target and report per run.

use std::time::Duration;

use crate::cli::RunArgs;
use crate::exit;
use crate::runner::trials;
use crate::wire::credentials::Credentials;

use super::HarnessError;
use super::serve::parse_mutant;
use super::session::{Session, SessionOptions};

/// How many runs are in flight at once unless `--test-threads` says otherwise.
pub const DEFAULT_PARALLEL_RUNS: usize = 8;

pub fn run(args: RunArgs) -> Result<i32, HarnessError> {
    let options = session_options(&args)?;
    let session = Session::open(&options)?;
    let mut libtest = args.libtest.clone();
    if libtest.test_threads.is_none() {
        libtest.test_threads = Some(DEFAULT_PARALLEL_RUNS);
    }
    let conclusion = libtest_mimic::run(&libtest, trials(&session.plan, &session.context));
    session.close();
    Ok(if conclusion.has_failed() {
        exit::CONTRACT_FAILURES
    } else {
        exit::ALL_PASSED
    })
}

/// The session a `run` command line asks for.
pub fn session_options(args: &RunArgs) -> Result<SessionOptions, HarnessError> {
    let credentials = match (&args.access_key_id, &args.access_key_secret) {
        (Some(id), Some(secret)) => Some(Credentials {
            access_key_id: id.clone(),
            access_key_secret: secret.clone(),
            security_token: args.security_token.clone(),
        }),
        (None, None) => None,
        _ if args.target.is_none() => None,
        _ => {
            return Err(HarnessError::Usage(
                "give both an access key id and its secret (--access-key-id/--access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET)".to_string(),
            ));
        }
    };
    Ok(SessionOptions {
        suite: args.suite.clone(),
        target: args.target.clone(),
        credentials,
        region: args.region.clone(),
        formats: args.formats.clone(),
        wires: args.wire_styles(),
        snapshots: args.snapshots,
        snapshots_dir: args.snapshots_dir.clone(),
        request_timeout: seconds(args.timeout, "--timeout")?,
        total_timeout: seconds(args.total_timeout, "--total-timeout")?,
        mutant: parse_mutant(args.mutant.as_deref())?,
    })
}

fn seconds(value: f64, flag: &str) -> Result<Duration, HarnessError> {
    if value.is_finite() && value > 0.0 && value < 1e9 {
        Ok(Duration::from_secs_f64(value))
    } else {
        Err(HarnessError::Usage(format!(
            "{flag} must be a positive number of seconds, not {value}"
        )))
    }
}
