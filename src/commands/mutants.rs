//! `mutants`: proves the suite notices broken implementations. Replays the
//! whole suite against the clean reference emulator, which must pass every
//! run, then against the emulator started with each deliberate fault
//! ([`crate::emulator::mutants`]), which must fail at least one run: the
//! mutant is *killed*. A mutant that passes everything *survived*: the suite
//! is missing a case.
//!
//! Each mutant is first tried over V1 GET in both formats (cases that name
//! their own request styles keep them); one that survives is tried again
//! over every request style. The clean emulator is replayed over every
//! style.
//!
//! ```text
//! mutant                              result    killed by
//! image-name-max-127                  killed    image-name.longest-allowed::json::v1-get (+1)
//! ```

use std::io::Write as _;

use crate::cli::MutantsArgs;
use crate::emulator::Mutant;
use crate::exit;
use crate::runner::{Outcome, RunRecord};
use crate::wire::WireStyle;

use super::HarnessError;
use super::session::{Session, SessionOptions};

/// Runs in flight at once unless `--jobs` says otherwise.
pub const DEFAULT_JOBS: usize = 8;

/// What happened to one mutant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MutantResult {
    pub mutant: Mutant,
    /// The runs that failed against it, in plan order; empty if it survived.
    pub killed_by: Vec<String>,
}

impl MutantResult {
    pub fn killed(&self) -> bool {
        !self.killed_by.is_empty()
    }
}

/// The clean emulator's failed runs, and every mutant's fate.
#[derive(Clone, Debug, Default)]
pub struct MutantsReport {
    /// How many runs the clean emulator passed or ignored.
    pub clean_runs: usize,
    /// Runs that failed against the clean emulator: should be none.
    pub clean_failures: Vec<String>,
    pub results: Vec<MutantResult>,
}

impl MutantsReport {
    /// Every mutant killed and the clean emulator passing every run.
    pub fn all_killed(&self) -> bool {
        self.clean_failures.is_empty() && self.results.iter().all(MutantResult::killed)
    }
}

pub fn mutants(args: &MutantsArgs) -> Result<i32, HarnessError> {
    let selected = select(&args.mutants)?;
    let mut base = SessionOptions::embedded(args.suite.cases.clone(), args.snapshots_dir.clone());
    base.suite = args.suite.clone();
    let jobs = args.jobs.unwrap_or(DEFAULT_JOBS);
    let bar = progress_bar(selected.len() as u64 + 1);
    let mut out = std::io::stdout().lock();
    let report = evaluate(&base, &selected, jobs, |event| {
        bar.inc(1);
        let _ = bar.suspend(|| match event {
            Event::Clean {
                runs,
                failures: failed,
            } => {
                let mut text = format!(
                    "clean emulator: {} of {runs} runs passed\n",
                    runs - failed.len()
                );
                for run in failed {
                    text.push_str(&format!("  FAILED {run}\n"));
                }
                text.push_str(&format!("\n{:<36}  {:<8}  killed by\n", "mutant", "result"));
                out.write_all(text.as_bytes())
            }
            Event::Mutant(result) => out.write_all(row(result).as_bytes()),
        });
        let _ = out.flush();
    })?;
    bar.finish_and_clear();
    let killed = report.results.iter().filter(|r| r.killed()).count();
    let survived = report.results.len() - killed;
    println!(
        "\n{} mutants: {killed} killed, {survived} survived; the clean emulator {}",
        report.results.len(),
        if report.clean_failures.is_empty() {
            format!("passed all {} runs", report.clean_runs)
        } else {
            format!("failed {} runs", report.clean_failures.len())
        }
    );
    Ok(if report.all_killed() {
        exit::ALL_PASSED
    } else {
        exit::CONTRACT_FAILURES
    })
}

/// A bar on stderr while the mutants are replayed: only on a terminal and
/// outside CI, so logs and piped output get the table alone.
fn progress_bar(steps: u64) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() || std::env::var_os("CI").is_some() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(steps);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{bar:30} {pos}/{len} emulators replayed ({elapsed})",
    ) {
        bar.set_style(style);
    }
    bar
}

/// Progress, as it happens.
pub enum Event<'a> {
    Clean { runs: usize, failures: &'a [String] },
    Mutant(&'a MutantResult),
}

/// Replays the suite of `base` against the clean emulator and each of
/// `mutants`, with at most `jobs` runs in flight.
pub fn evaluate(
    base: &SessionOptions,
    mutants: &[Mutant],
    jobs: usize,
    mut progress: impl FnMut(Event<'_>),
) -> Result<MutantsReport, HarnessError> {
    let every_style = WireStyle::ALL.to_vec();
    let clean = replay(base, None, &every_style, jobs)?;
    let clean_failures = failed(&clean);
    progress(Event::Clean {
        runs: clean.len(),
        failures: &clean_failures,
    });
    let mut results = Vec::with_capacity(mutants.len());
    for &mutant in mutants {
        let mut killed_by = Vec::new();
        for wires in [vec![WireStyle::V1Get], every_style.clone()] {
            killed_by = failed(&replay(base, Some(mutant), &wires, jobs)?);
            if !killed_by.is_empty() {
                break;
            }
        }
        let result = MutantResult { mutant, killed_by };
        progress(Event::Mutant(&result));
        results.push(result);
    }
    Ok(MutantsReport {
        clean_runs: clean.len(),
        clean_failures,
        results,
    })
}

fn replay(
    base: &SessionOptions,
    mutant: Option<Mutant>,
    wires: &[WireStyle],
    jobs: usize,
) -> Result<Vec<RunRecord>, HarnessError> {
    let mut options = base.clone();
    options.target = None;
    options.mutant = mutant;
    options.wires = wires.to_vec();
    let session = Session::open(&options)?;
    let records = session.run_all(jobs);
    session.close();
    Ok(records)
}

fn failed(records: &[RunRecord]) -> Vec<String> {
    records
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed(_)))
        .map(|r| r.run.id.clone())
        .collect()
}

fn select(names: &[String]) -> Result<Vec<Mutant>, HarnessError> {
    if names.is_empty() {
        return Ok(Mutant::all().collect());
    }
    names
        .iter()
        .map(|name| {
            super::serve::parse_mutant(Some(name))
                .map(|m| m.expect("parse_mutant of Some is Some or an error"))
        })
        .collect()
}

/// One table row: name, result, the first run that killed it and how many more.
fn row(result: &MutantResult) -> String {
    let verdict = match result.killed_by.as_slice() {
        [] => format!(
            "survived  (no case notices: {})",
            result.mutant.description()
        ),
        [only] => format!("killed    {only}"),
        [first, rest @ ..] => format!("killed    {first} (+{})", rest.len()),
    };
    format!("{:<36}  {verdict}\n", result.mutant.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_row_names_the_first_killing_run_and_counts_the_others() {
        let result = MutantResult {
            mutant: Mutant::ImageNameMin1,
            killed_by: vec!["a::json::v1-get".into(), "b::xml::v1-get".into()],
        };
        assert_eq!(
            row(&result),
            format!(
                "{:<36}  killed    a::json::v1-get (+1)\n",
                "image-name-min-1"
            )
        );
    }

    #[test]
    fn a_surviving_row_says_what_no_case_notices() {
        let result = MutantResult {
            mutant: Mutant::ImageNameMin1,
            killed_by: Vec::new(),
        };
        assert!(
            row(&result)
                .contains("survived  (no case notices: ImageName may have a single character)")
        );
    }
}
