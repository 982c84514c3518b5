//! `run`: replay the suite against a target and report per run.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::check::snapshot::SnapshotStore;
use crate::cli::RunArgs;
use crate::emulator;
use crate::exit;
use crate::fixtures::Manifest;
use crate::runner::{Context, PlanOptions, Sources, Target, plan, trials};
use crate::wire::credentials::Credentials;

use super::serve::parse_mutant;
use super::{HarnessError, load_suite, runtime};

/// How many runs are in flight at once unless `--test-threads` says otherwise.
pub const DEFAULT_PARALLEL_RUNS: usize = 8;

pub fn run(args: RunArgs) -> Result<i32, HarnessError> {
    let (manifest, suite) = load_suite(&args.suite)?;
    let mutant = parse_mutant(args.mutant.as_deref())?;
    let request_timeout = seconds(args.timeout, "--timeout")?;
    let total_timeout = seconds(args.total_timeout, "--total-timeout")?;
    let runtime = runtime()?;

    let embedded = match &args.target {
        Some(_) => None,
        None => {
            let listen: SocketAddr = ([127, 0, 0, 1], 0).into();
            let running = runtime
                .block_on(emulator::start(listen, &manifest, mutant))
                .map_err(|e| HarnessError::Bind {
                    addr: listen.to_string(),
                    reason: e.to_string(),
                })?;
            Some(running)
        }
    };
    let url = match (&args.target, &embedded) {
        (Some(url), _) => url.clone(),
        (None, Some(running)) => format!("http://{}", running.addr),
        (None, None) => unreachable!("an embedded emulator runs when no target is given"),
    };
    let accounts = accounts(&manifest, &args)?;
    let target = Target::new(
        &url,
        &args.region,
        accounts,
        manifest.bindings(),
        request_timeout,
    )
    .map_err(HarnessError::Usage)?;

    let plan = plan(
        &suite,
        &PlanOptions {
            formats: args.formats.clone(),
            wires: args.wire_styles(),
        },
    );
    let in_ci = std::env::var_os("CI").is_some();
    let context = Arc::new(Context {
        runtime: runtime.handle().clone(),
        target,
        snapshots: SnapshotStore::new(&args.snapshots_dir, args.snapshots, in_ci),
        sources: Sources::default(),
        deadline: Instant::now() + total_timeout,
        records: Mutex::new(Vec::new()),
    });
    let mut libtest = args.libtest.clone();
    if libtest.test_threads.is_none() {
        libtest.test_threads = Some(DEFAULT_PARALLEL_RUNS);
    }
    let conclusion = libtest_mimic::run(&libtest, trials(&plan, &context));

    if let Some(running) = embedded {
        runtime.block_on(running.shutdown());
    }
    Ok(if conclusion.has_failed() {
        exit::CONTRACT_FAILURES
    } else {
        exit::ALL_PASSED
    })
}

/// Credentials per fixture account. The embedded emulator uses the
/// manifest's keys; another target takes the default account's keys from
/// the command line or the standard variables, and the other accounts'
/// keys from the manifest (for targets seeded from the same manifest).
fn accounts(
    manifest: &Manifest,
    args: &RunArgs,
) -> Result<BTreeMap<String, Credentials>, HarnessError> {
    let mut accounts: BTreeMap<String, Credentials> = manifest
        .account_names()
        .into_iter()
        .filter_map(|name| {
            let account = manifest.account(&name)?;
            Some((
                name,
                Credentials {
                    access_key_id: account.access_key_id.clone(),
                    access_key_secret: account.access_key_secret.clone(),
                    security_token: None,
                },
            ))
        })
        .collect();
    if args.target.is_some() {
        match (&args.access_key_id, &args.access_key_secret) {
            (Some(id), Some(secret)) => {
                accounts.insert(
                    "default".to_string(),
                    Credentials {
                        access_key_id: id.clone(),
                        access_key_secret: secret.clone(),
                        security_token: args.security_token.clone(),
                    },
                );
            }
            (None, None) => {}
            _ => {
                return Err(HarnessError::Usage(
                    "give both an access key id and its secret (--access-key-id/--access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET)".to_string(),
                ));
            }
        }
    }
    Ok(accounts)
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
