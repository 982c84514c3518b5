//! `explore`: generated requests against a target, checked against the
//! reference emulator in this process under every documented reading
//! ([`crate::explore`]); each disagreement is shrunk and written to `--out`
//! as a case file. Exit 1 when any disagreement was found, 0 when none.
//! The seed (`--seed`) and the invocation's salt (`--salt`, random unless
//! given) are printed first and in the summary, with the command that
//! repeats the exploration.
//!
//! The target is opened as `run` opens it ([`Session`]): the embedded
//! emulator when none is given (with `--reading` and `--mutant`), the
//! profile's accounts and fixture ids, `--rate`, retries and `--cleanup`.

use std::ffi::OsString;
use std::io::IsTerminal;
use std::sync::Arc;
use std::time::Duration;

use clap::Parser;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use crate::check::snapshot::Mode;
use crate::cli::{Cli, Command, ExploreArgs};
use crate::contract::selection::Selection;
use crate::exit;
use crate::explore::{Explorer, Options, Summary, salt_hex};
use crate::wire::WireStyle;

use super::HarnessError;
use super::session::Session;

pub fn explore(args: &ExploreArgs) -> Result<i32, HarnessError> {
    let mut options = session_options(args)?;
    options.snapshots = Mode::Off;
    let session = Session::open(&options)?;
    let seed = args.seed.unwrap_or_else(rand::random);
    let salt = args.salt.unwrap_or_else(rand::random);
    eprintln!(
        "explore: seed {seed}, salt {}, at most {} requests",
        salt_hex(salt),
        args.requests
    );
    let mut explore = Options::salted(seed, salt, args.requests);
    explore.jobs = usize::from(args.jobs.max(1));
    explore.time = args
        .time
        .filter(|t| t.is_finite() && *t > 0.0)
        .map(Duration::from_secs_f64);
    explore.readings = Selection::parse(&args.readings).map_err(HarnessError::Usage)?;
    let repeat = reproduce(args, seed, salt);
    explore.reproduce = repeat.clone();
    let bar = progress_bar(args.requests);
    if let Some(bar) = bar.clone() {
        explore.progress = Some(Arc::new(move |sent| bar.set_position(sent)));
    }
    let explorer = Arc::new(
        Explorer::new(
            session.context.target.clone(),
            &session.manifest,
            &session.suite,
            explore,
        )
        .recording_into(session.context.created.clone()),
    );
    let summary = explorer.run(session.runtime.handle());
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    if args.pacing.cleanup {
        let report = session.clean_up(WireStyle::V1Get);
        eprintln!(
            "cleanup: deleted {} image(s) this exploration created",
            report.deleted.len()
        );
        for (image_id, reason) in &report.failed {
            eprintln!("cleanup: could not delete {image_id}: {reason}");
        }
    }
    session.close();
    for finding in &summary.findings {
        let path = finding.write(&args.out).map_err(|e| {
            HarnessError::Usage(format!("cannot write to {}: {e}", args.out.display()))
        })?;
        eprintln!(
            "disagreement: {} — target {} where the reference answers {}: {}",
            finding.rule,
            finding.target_code,
            finding.reference_code,
            path.display()
        );
    }
    for judgement in summary.invariants.iter().filter(|j| j.broken()) {
        eprintln!(
            "invariant broken: {} — {} (the requests: `request N` is the N-th answer, `case I` the case of seed {} it belongs to)",
            judgement.id, judgement.statement, summary.seed
        );
    }
    for repro in &summary.invariant_repros {
        let path = repro.write(&args.out).map_err(|e| {
            HarnessError::Usage(format!("cannot write to {}: {e}", args.out.display()))
        })?;
        eprintln!(
            "invariant broken: {}, its requests as cases: {}",
            repro.invariant,
            path.display()
        );
    }
    eprint!(
        "{}",
        crate::check::invariants::console_block(&summary.invariants)
    );
    eprint!("{}", summary_text(&summary, &repeat));
    let broken = summary.invariants.iter().any(|j| j.broken());
    Ok(if summary.findings.is_empty() && !broken {
        exit::ALL_PASSED
    } else {
        exit::CONTRACT_FAILURES
    })
}

/// The closing lines: requests, disagreements, what was exercised, speed,
/// and the seed, the salt and the command (`repeat`) that repeat the
/// exploration.
pub fn summary_text(summary: &Summary, repeat: &str) -> String {
    let first = summary
        .first_disagreement_at
        .map(|n| format!(", the first after {n} requests"))
        .unwrap_or_default();
    let broken = summary.invariants.iter().filter(|j| j.broken()).count();
    let breach = match summary.first_breach_at {
        Some(n) if broken > 0 => {
            format!("explore: {broken} invariants broken, the first after {n} requests\n")
        }
        _ => String::new(),
    };
    format!(
        "explore: {} requests in {} cases, {:.1} s ({:.0} requests/s)\n\
         explore: {} disagreements{first}, {} after shrinking and deduplication\n\
         explore: exercised {} rules and {} rule × class pairs\n\
         {breach}\
         explore: seed {}, salt {}; repeat with: {repeat}\n",
        summary.requests,
        summary.cases,
        summary.elapsed.as_secs_f64(),
        summary.requests_per_second(),
        summary.disagreements,
        summary.findings.len(),
        summary.rules.len(),
        summary.classes.len(),
        summary.seed,
        salt_hex(summary.salt),
    )
}

/// A bar on a terminal; none in CI or when stderr is not a terminal.
fn progress_bar(requests: u64) -> Option<ProgressBar> {
    if std::env::var_os("CI").is_some() || !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::with_draw_target(Some(requests), ProgressDrawTarget::stderr());
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} requests, {per_sec}, {eta} left")
    {
        bar.set_style(style);
    }
    Some(bar)
}

/// The command line that repeats this exploration (no secrets).
fn reproduce(args: &ExploreArgs, seed: u64, salt: u64) -> String {
    let mut out = format!(
        "createimage-contract explore --seed {seed} --salt {} --requests {}",
        salt_hex(salt),
        args.requests
    );
    if let Some(target) = &args.endpoint.target {
        out.push_str(&format!(" --target {}", crate::report::redact::url(target)));
    }
    if let Some(profile) = &args.endpoint.profile {
        out.push_str(&format!(" --profile {}", profile.display()));
    }
    for reading in &args.readings {
        out.push_str(&format!(" --reading {reading}"));
    }
    if let Some(mutant) = &args.mutant {
        out.push_str(&format!(" --mutant {mutant}"));
    }
    out
}

/// The session `run` would open for the same target flags.
fn session_options(args: &ExploreArgs) -> Result<super::SessionOptions, HarnessError> {
    let mut argv: Vec<OsString> = vec!["createimage-contract".into(), "run".into()];
    let mut flag = |name: &str, value: OsString| {
        argv.push(format!("--{name}").into());
        argv.push(value);
    };
    flag("cases", args.suite.cases.clone().into());
    if let Some(fixtures) = &args.suite.fixtures {
        flag("fixtures", fixtures.clone().into());
    }
    let optional = [
        ("target", args.endpoint.target.clone().map(OsString::from)),
        ("profile", args.endpoint.profile.clone().map(OsString::from)),
        (
            "access-key-id",
            args.endpoint.access_key_id.clone().map(OsString::from),
        ),
        (
            "access-key-secret",
            args.endpoint.access_key_secret.clone().map(OsString::from),
        ),
        (
            "security-token",
            args.endpoint.security_token.clone().map(OsString::from),
        ),
        ("region", args.endpoint.region.clone().map(OsString::from)),
        ("ca-cert", args.endpoint.ca_cert.clone().map(OsString::from)),
        ("rate", args.pacing.rate.map(|r| r.to_string().into())),
        ("mutant", args.mutant.clone().map(OsString::from)),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            flag(name, value);
        }
    }
    flag("retries", args.pacing.retries.to_string().into());
    flag("timeout", args.pacing.timeout.to_string().into());
    for reading in &args.readings {
        flag("reading", reading.into());
    }
    let cli = Cli::try_parse_from(argv).map_err(|e| HarnessError::Usage(e.to_string()))?;
    let Command::Run(run) = cli.command else {
        return Err(HarnessError::Usage(
            "explore: cannot read the target flags".into(),
        ));
    };
    super::run::session_options(&run)
}
