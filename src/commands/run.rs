//! `run`: replay the suite against a target, report per run on the console
//! (libtest-mimic), then write the requested report files and judge the
//! expected-failures gate.
//!
//! Reports are written whatever the outcome; on Ctrl-C the runs that
//! finished are written as an incomplete report and the process exits 130.
//!
//! Runs not judged (the target could not be reached or throttled them,
//! or they were not run once the first runs all got no answer: see
//! [`crate::runner::Breaker`], which `--keep-going` leaves out) are
//! summed up on stderr, each reason once, and the exit code is
//! [`exit::INCOMPLETE`]: the run did not show the target conforms.

use std::sync::Arc;
use std::time::Duration;

use crate::cli::RunArgs;
use crate::contract::selection::Selection;
use crate::exit;
use crate::profile::Profile;
use crate::report::model::OutcomeKind;
use crate::report::reference::{Shown, console_section};
use crate::report::{Outputs, Report, gate};
use crate::runner::{Breaker, CleanupReport, trials};
use crate::wire::WireStyle;
use crate::wire::credentials::Credentials;

use super::HarnessError;
use super::release;
use super::reporting::Reporting;
use super::reproduce;
use super::serve::parse_mutant;
use super::session::{DEFAULT_WIRE_STYLES, Session, SessionOptions};
use super::verdict;

/// How many runs are in flight at once unless `--jobs` (or
/// `--test-threads`) says otherwise.
pub const DEFAULT_PARALLEL_RUNS: usize = 8;

/// The exit code after Ctrl-C (128 + SIGINT), as shells report it.
pub const INTERRUPTED: i32 = 130;

pub fn run(args: RunArgs) -> Result<i32, HarnessError> {
    let options = session_options(&args)?;
    let session = Session::open(&options)?;
    let mut libtest = args.libtest.clone();
    // Runs go ahead on the runtime, `jobs` at once; libtest-mimic only
    // prints their lines, in plan order, from one thread.
    let jobs = args
        .jobs
        .map(usize::from)
        .or(libtest.test_threads)
        .unwrap_or(DEFAULT_PARALLEL_RUNS);
    libtest.test_threads = Some(1);
    let runs = trials(&session.plan);
    if libtest.list {
        let _ = libtest_mimic::run(&libtest, runs.trials);
        session.close();
        return Ok(exit::ALL_PASSED);
    }
    let chosen: Vec<bool> = runs
        .trials
        .iter()
        .map(|trial| !libtest.is_filtered_out(trial))
        .collect();
    let selected = session
        .plan
        .runs
        .iter()
        .zip(&chosen)
        .filter(|(_, chosen)| **chosen)
        .map(|(run, _)| run.clone())
        .collect();
    let reporting = Arc::new(Reporting::new(&args, &options, &session, selected)?);
    on_interrupt(&session, &reporting);
    let breaker = (!args.keep_going).then(|| Arc::new(Breaker::default()));
    let trials = {
        let reporting = reporting.clone();
        let context = session.context.clone();
        runs.start(
            &session.plan,
            &context.clone(),
            &chosen,
            jobs,
            breaker,
            move |record| reporting.prepare(record, &context),
        )
    };
    let conclusion = libtest_mimic::run(&libtest, trials);
    let report = reporting.report(&session.context, true);
    if args.pacing.cleanup {
        let style = options.wires.first().copied().unwrap_or(WireStyle::V1Get);
        report_cleanup(&session.clean_up(style));
    }
    session.close();
    reporting
        .outputs
        .write(&report)
        .map_err(HarnessError::Report)?;
    console_summary(&report, &reporting.outputs, args.show_all_differences);
    if let Some(why) = nothing_tested(&report)
        && !args.allow_empty
    {
        eprintln!(
            "createimage-contract: {why}: a run that tested nothing is not a pass (--allow-empty accepts it)"
        );
        return Ok(exit::CONTRACT_FAILURES);
    }
    // libtest-mimic counts runs not judged as failed (never as passed).
    let not_judged_shown_as_failed = report
        .runs
        .iter()
        .filter(|r| r.outcome == OutcomeKind::NotJudged)
        .count();
    let unrecorded_failures =
        conclusion.num_failed as usize > report.totals.failed + not_judged_shown_as_failed;
    let code = match &report.gate {
        _ if !report.no_failure_counts() || unrecorded_failures => exit::CONTRACT_FAILURES,
        _ if report.totals.not_judged > 0 => exit::INCOMPLETE,
        None if conclusion.has_failed() => exit::CONTRACT_FAILURES,
        _ => exit::ALL_PASSED,
    };
    release::in_background((report, reporting));
    Ok(code)
}

/// On Ctrl-C: write what finished, marked incomplete, and exit 130.
fn on_interrupt(session: &Session, reporting: &Arc<Reporting>) {
    let context = session.context.clone();
    let reporting = reporting.clone();
    session.runtime.spawn(async move {
        if tokio::signal::ctrl_c().await.is_err() {
            return;
        }
        let report = reporting.report(&context, false);
        eprintln!(
            "\ncreateimage-contract: interrupted after {} of {} runs",
            report.totals.finished, report.totals.planned
        );
        if let Err(e) = reporting.outputs.write(&report) {
            eprintln!("error: {e}");
        } else if !reporting.outputs.is_empty() {
            eprintln!("createimage-contract: wrote the incomplete reports");
        }
        std::process::exit(INTERRUPTED);
    });
}

/// Why a finished run tested nothing, if it did: no run was selected, or
/// every selected run was ignored (each distinct reason named once).
pub fn nothing_tested(report: &Report) -> Option<String> {
    let totals = &report.totals;
    if totals.passed + totals.failed + totals.not_judged > 0 || !report.complete {
        return None;
    }
    if totals.planned == 0 {
        return Some("no run was selected (check the filter, --skip and --partition)".to_string());
    }
    let mut reasons: Vec<&str> = Vec::new();
    for reason in report.runs.iter().filter_map(|r| r.reason.as_deref()) {
        if !reasons.contains(&reason) {
            reasons.push(reason);
        }
    }
    Some(format!(
        "all {} selected runs were ignored ({})",
        totals.planned,
        reasons.join("; ")
    ))
}

/// After libtest-mimic's lines, on stderr (stdout is libtest-mimic's,
/// and may be `--format json`): the advisory differences from the
/// reference snapshots (the first few, unless `show_all`), the
/// differential count, the invariants (each broken one with the runs that
/// break it and the sentences that fix it, then one line for all), the
/// runs not judged (counted apart from contract failures, each reason
/// once), the gate's counts, and last the verdict ([`verdict::last_line`]).
fn console_summary(report: &Report, outputs: &Outputs, show_all: bool) {
    let shown = if show_all { Shown::All } else { Shown::Few };
    let reports: Vec<String> = [&outputs.json, &outputs.html]
        .into_iter()
        .flatten()
        .map(|path| path.display().to_string())
        .collect();
    eprint!("{}", console_section(report, shown, &reports));
    if let Some(against) = &report.provenance.against {
        eprintln!(
            "against {}: {} of {} runs answered differently",
            against.url, report.totals.differing, report.totals.finished
        );
        for run in report
            .runs
            .iter()
            .filter(|r| r.differential.as_ref().is_some_and(|d| d.differs))
        {
            eprintln!("  differs: {}", run.id);
        }
    }
    eprint!(
        "{}",
        crate::check::invariants::console_block(&report.invariants)
    );
    eprint!("{}", not_judged_section(report));
    if let Some(gate) = &report.gate {
        eprint!("{}", gate::summary(gate));
    }
    if let Some(line) = verdict::last_line(report) {
        eprintln!("{line}");
    }
}

/// `createimage-contract: incomplete: …` and each reason runs were not
/// judged for, when some were; nothing otherwise.
pub fn not_judged_section(report: &Report) -> String {
    let t = &report.totals;
    if t.not_judged == 0 {
        return String::new();
    }
    let mut out = format!(
        "createimage-contract: incomplete: {} passed; {} failed; {} not judged; {} ignored\n",
        t.passed, t.failed, t.not_judged, t.ignored
    );
    for (reason, count) in report.not_judged_reasons() {
        out.push_str(&format!(
            "  not judged ({count} {}): {reason}\n",
            if count == 1 { "run" } else { "runs" }
        ));
    }
    out
}

/// The default region when neither the command line nor a profile names one.
pub const DEFAULT_REGION: &str = "cn-hangzhou";

/// The session a `run` command line asks for: the flags, then the profile,
/// then the defaults.
pub fn session_options(args: &RunArgs) -> Result<SessionOptions, HarnessError> {
    let profile = args
        .endpoint
        .profile
        .as_deref()
        .map(Profile::load)
        .transpose()
        .map_err(|e| HarnessError::Usage(e.to_string()))?;
    let target = args
        .endpoint
        .target
        .clone()
        .or_else(|| profile.as_ref().and_then(|p| p.endpoint.clone()));
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    let token = args
        .endpoint
        .security_token
        .clone()
        .or_else(|| env(SECURITY_TOKEN_VAR));
    // The standard variables stand in for the flags only without a profile:
    // a profile names its own variables.
    let (id, secret) = match (
        &args.endpoint.access_key_id,
        &args.endpoint.access_key_secret,
        &profile,
    ) {
        (None, None, None) => (env(ACCESS_KEY_ID_VAR), env(ACCESS_KEY_SECRET_VAR)),
        (id, secret, _) => (id.clone(), secret.clone()),
    };
    let credentials = match (id, secret) {
        (Some(id), Some(secret)) => Some(Credentials {
            access_key_id: id,
            access_key_secret: secret,
            security_token: token,
        }),
        (None, None) => None,
        _ if target.is_none() && profile.is_none() => None,
        _ => {
            return Err(HarnessError::Usage(
                "give both an access key id and its secret (--access-key-id/--access-key-secret or ALIBABA_CLOUD_ACCESS_KEY_ID/ALIBABA_CLOUD_ACCESS_KEY_SECRET)".to_string(),
            ));
        }
    };
    if !args.readings.is_empty() && target.is_some() {
        return Err(HarnessError::Usage(
            "--reading configures the embedded emulator, not a target: the profile names an endpoint (drop --reading, or use a profile without `endpoint`)".to_string(),
        ));
    }
    let readings = Selection::parse(&args.readings).map_err(HarnessError::Usage)?;
    if args.mutant.is_some() && target.is_some() {
        return Err(HarnessError::Usage(
            "--mutant applies to the embedded emulator only: the profile names an endpoint (drop --mutant, or use a profile without `endpoint`)".to_string(),
        ));
    }
    let profile_wires = match &profile {
        Some(p) => p.wires().map_err(|e| HarnessError::Usage(e.to_string()))?,
        None => Vec::new(),
    };
    let wires = [args.wire_styles(), profile_wires]
        .into_iter()
        .find(|styles| !styles.is_empty())
        .unwrap_or_else(|| DEFAULT_WIRE_STYLES.to_vec());
    let region = args
        .endpoint
        .region
        .clone()
        .or_else(|| profile.as_ref().and_then(|p| p.region.clone()))
        .unwrap_or_else(|| DEFAULT_REGION.to_string());
    let ca_cert = args
        .endpoint
        .ca_cert
        .clone()
        .or_else(|| profile.as_ref().and_then(Profile::ca_cert_path));
    let own_snapshots = args
        .snapshot_dir
        .clone()
        .or_else(|| profile.as_ref().and_then(Profile::snapshots_path));
    Ok(SessionOptions {
        suite: args.suite.clone(),
        target,
        credentials,
        profile,
        ca_cert,
        rate: args.pacing.rate,
        retries: args.pacing.retries,
        region,
        formats: args.formats.clone(),
        wires,
        snapshots: args.snapshots,
        snapshots_dir: args.snapshots_dir.clone(),
        own_snapshots,
        request_timeout: seconds(args.pacing.timeout, "--timeout")?,
        total_timeout: seconds(args.total_timeout, "--total-timeout")?,
        mutant: parse_mutant(args.mutant.as_deref())?,
        readings,
        partition: args.partition,
        against: args.against.clone(),
        against_credentials: match (&args.against_access_key_id, &args.against_access_key_secret) {
            (Some(id), Some(secret)) => Some(Credentials {
                access_key_id: id.clone(),
                access_key_secret: secret.clone(),
                security_token: None,
            }),
            (None, None) => None,
            _ => {
                return Err(HarnessError::Usage(
                    "give both the second target's access key id and its secret (--against-access-key-id/--against-access-key-secret)".to_string(),
                ));
            }
        },
        reproduce: reproduce::command(args),
    })
}

/// The default account's standard variables (without a profile).
pub const ACCESS_KEY_ID_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
pub const ACCESS_KEY_SECRET_VAR: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
pub const SECURITY_TOKEN_VAR: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";

/// Prints what `--cleanup` did on stderr. A cleanup failure is not a
/// contract failure: the exit code stays what the runs made it.
fn report_cleanup(report: &CleanupReport) {
    eprintln!(
        "cleanup: deleted {} image(s) this run created",
        report.deleted.len()
    );
    for (image_id, reason) in &report.failed {
        eprintln!("cleanup: could not delete {image_id}: {reason}");
    }
    if !report.failed.is_empty() {
        eprintln!(
            "cleanup: {} image(s) left behind; delete them by hand",
            report.failed.len()
        );
    }
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
