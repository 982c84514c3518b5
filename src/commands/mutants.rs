//! `mutants`: proves the suite notices broken implementations. Replays the
//! whole suite against the clean reference emulator, which must pass every
//! run (snapshots compared), then against the emulator started with each
//! deliberate fault ([`crate::emulator::mutants`]).
//!
//! A mutant is *killed* when a run-level invariant
//! ([`crate::contract::invariants`]) is broken over its answers, or when an
//! **expectation** of a case fails against it ([`crate::check::Failure::is_expectation`]: status, code,
//! message, body, content type, root, `only`, `one_of`, the group checks of
//! concurrent steps, captures, an answer that does not decode). A snapshot
//! difference proves nothing — the snapshot holds our own emulator's bytes —
//! so mutants are replayed with snapshot comparison off; a transport error
//! or a timeout is no verdict on the contract either. A mutant no
//! expectation notices *survived*: the suite is missing a case. A mutant
//! whose emulator panicked on any request (answered `500 InternalError`
//! and counted by [`crate::emulator::panics`]) is *broken*, whatever
//! failed: the fault is in the mutant, not caught by the suite.
//!
//! Each mutant is first tried over V1 GET in both formats (cases that name
//! their own request styles keep them); one that survives is tried again
//! over every request style. The clean emulator is replayed over every
//! style. The exit code is 0 only when the clean emulator passed every run
//! without a panic and every mutant was killed.
//!
//! The table names, for each killed mutant, the expectation that killed it
//! (its case file and line), the run, and how many more runs failed:
//!
//! ```text
//! mutant                                result    killed by
//! image-name-max-127                    killed    cases/image_name.yaml:45    image-name.longest-allowed::json::v1-get (+1)
//! ```

mod table;

use std::io::Write as _;

use crate::check::snapshot::Mode;
use crate::cli::MutantsArgs;
use crate::emulator::Mutant;
use crate::exit;
use crate::runner::{Outcome, RunRecord};
use crate::suite::Loc;
use crate::wire::WireStyle;

use super::HarnessError;
use super::session::{Session, SessionOptions};

/// Runs in flight at once unless `--jobs` says otherwise.
pub const DEFAULT_JOBS: usize = 8;

/// The expectation that failed in one run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Kill {
    /// The run's id (`CASE::FORMAT::WIRE`).
    pub run: String,
    /// What the expectation checks (`status`, `body.ImageId`, …).
    pub what: String,
    /// Where the expectation is written (the case's place when the
    /// failure has none of its own).
    pub loc: Loc,
}

/// What happened to one mutant.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MutantResult {
    pub mutant: Mutant,
    /// The runs whose expectations failed against it, in plan order, each
    /// with its first failed expectation; empty if it survived.
    pub killed_by: Vec<Kill>,
    /// Requests whose handling panicked (each answered `500 InternalError`).
    pub panics: u64,
    /// The first panic's message and place.
    pub first_panic: Option<String>,
}

/// A mutant's fate.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fate {
    /// An expectation failed, and the emulator never panicked.
    Killed,
    /// No expectation failed.
    Survived,
    /// The emulator panicked: the mutant itself is faulty.
    Broken,
}

impl MutantResult {
    pub fn fate(&self) -> Fate {
        if self.panics > 0 {
            Fate::Broken
        } else if self.killed_by.is_empty() {
            Fate::Survived
        } else {
            Fate::Killed
        }
    }

    pub fn killed(&self) -> bool {
        self.fate() == Fate::Killed
    }
}

/// The clean emulator's failed runs, and every mutant's fate.
#[derive(Clone, Debug, Default)]
pub struct MutantsReport {
    /// How many runs the clean emulator passed or ignored.
    pub clean_runs: usize,
    /// Runs that failed against the clean emulator (any failure, snapshots
    /// included): should be none.
    pub clean_failures: Vec<String>,
    /// Requests that made the clean emulator panic: should be none.
    pub clean_panics: u64,
    pub results: Vec<MutantResult>,
}

impl MutantsReport {
    /// Every mutant killed by an expectation, none broken, and the clean
    /// emulator passing every run without a panic.
    pub fn all_killed(&self) -> bool {
        self.clean_failures.is_empty()
            && self.clean_panics == 0
            && self.results.iter().all(MutantResult::killed)
    }

    /// How many mutants met `fate`.
    pub fn count(&self, fate: Fate) -> usize {
        self.results.iter().filter(|r| r.fate() == fate).count()
    }
}

pub fn mutants(args: &MutantsArgs) -> Result<i32, HarnessError> {
    let selected = select(&args.mutants)?;
    let mut base = SessionOptions::embedded(args.suite.cases.clone(), args.snapshots_dir.clone());
    base.suite = args.suite.clone();
    let jobs = args.jobs.unwrap_or(DEFAULT_JOBS);
    let bar = progress_bar(selected.len() as u64 + 1);
    let mut out = std::io::stdout().lock();
    let mut loc_width = 0;
    let report = evaluate(&base, &selected, jobs, |event| {
        bar.inc(1);
        let text = match event {
            Event::Clean {
                runs,
                failures,
                panics,
                loc_width: width,
            } => {
                loc_width = width;
                table::clean(runs, failures, panics)
            }
            Event::Mutant(result) => table::row(result, loc_width),
        };
        let _ = bar.suspend(|| out.write_all(text.as_bytes()));
        let _ = out.flush();
    })?;
    bar.finish_and_clear();
    println!("\n{}", table::summary(&report));
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
    Clean {
        runs: usize,
        failures: &'a [String],
        panics: u64,
        /// The width of the widest `file:line` an expectation can have.
        loc_width: usize,
    },
    Mutant(&'a MutantResult),
}

/// Replays the suite of `base` against the clean emulator (with `base`'s
/// snapshot mode) and each of `mutants` (snapshots off), with at most
/// `jobs` runs in flight.
pub fn evaluate(
    base: &SessionOptions,
    mutants: &[Mutant],
    jobs: usize,
    mut progress: impl FnMut(Event<'_>),
) -> Result<MutantsReport, HarnessError> {
    let every_style = WireStyle::ALL.to_vec();
    let clean = replay(base, None, &every_style, jobs)?;
    let clean_failures = failed(&clean.records);
    progress(Event::Clean {
        runs: clean.records.len(),
        failures: &clean_failures,
        panics: clean.panics,
        loc_width: clean.loc_width,
    });
    let mut without_snapshots = base.clone();
    without_snapshots.snapshots = Mode::Off;
    let mut results = Vec::with_capacity(mutants.len());
    for &mutant in mutants {
        let mut result = MutantResult {
            mutant,
            killed_by: Vec::new(),
            panics: 0,
            first_panic: None,
        };
        for wires in [vec![WireStyle::V1Get], every_style.clone()] {
            let replayed = replay(&without_snapshots, Some(mutant), &wires, jobs)?;
            result.panics += replayed.panics;
            result.first_panic = result.first_panic.or(replayed.first_panic);
            result.killed_by = kills(&replayed.records);
            if result.fate() != Fate::Survived {
                break;
            }
        }
        progress(Event::Mutant(&result));
        results.push(result);
    }
    Ok(MutantsReport {
        clean_runs: clean.records.len(),
        clean_failures,
        clean_panics: clean.panics,
        results,
    })
}

/// One replay of the suite against one emulator.
struct Replayed {
    records: Vec<RunRecord>,
    panics: u64,
    first_panic: Option<String>,
    loc_width: usize,
}

fn replay(
    base: &SessionOptions,
    mutant: Option<Mutant>,
    wires: &[WireStyle],
    jobs: usize,
) -> Result<Replayed, HarnessError> {
    let mut options = base.clone();
    options.target = None;
    options.mutant = mutant;
    options.wires = wires.to_vec();
    let session = Session::open(&options)?;
    let records = session.run_all(jobs);
    let (panics, first_panic) = session
        .embedded_emulator()
        .map(|emulator| {
            let log = emulator.panics();
            (log.count(), log.first().map(str::to_owned))
        })
        .unwrap_or_default();
    let loc_width = session
        .suite
        .files
        .iter()
        .map(|file| file.path.display().to_string().len())
        .chain([crate::suite::generated::PATH.len()])
        .max()
        .unwrap_or(0)
        + ":1234".len();
    session.close();
    Ok(Replayed {
        records,
        panics,
        first_panic,
        loc_width,
    })
}

/// The runs that failed, by id, then each broken invariant
/// (`invariant ID`).
fn failed(records: &[RunRecord]) -> Vec<String> {
    let mut failed: Vec<String> = records
        .iter()
        .filter(|r| matches!(r.outcome, Outcome::Failed(_)))
        .map(|r| r.run.id.clone())
        .collect();
    failed.extend(invariant_kills(records).into_iter().map(|k| k.what));
    failed
}

/// Each broken run-level invariant (`what` is `invariant ID`, the run the
/// first of its first breach), then the runs whose expectations failed,
/// each with its first failed one.
fn kills(records: &[RunRecord]) -> Vec<Kill> {
    let mut kills = invariant_kills(records);
    kills.extend(expectation_kills(records));
    kills
}

/// The place a kill by an invariant names: the table of invariants.
pub const INVARIANTS_FILE: &str = "src/contract/invariants.rs";

/// One kill per broken invariant, judged over every answer of `records`.
fn invariant_kills(records: &[RunRecord]) -> Vec<Kill> {
    let all: Vec<&RunRecord> = records.iter().collect();
    crate::report::build::invariants(&all)
        .into_iter()
        .filter(|j| j.broken())
        .map(|j| Kill {
            run: j
                .breaches
                .first()
                .and_then(|b| b.runs.first())
                .cloned()
                .unwrap_or_default(),
            what: format!("invariant {}", j.id),
            loc: Loc {
                file: INVARIANTS_FILE.into(),
                line: 0,
                column: 0,
            },
        })
        .collect()
}

fn expectation_kills(records: &[RunRecord]) -> Vec<Kill> {
    records
        .iter()
        .filter_map(|record| {
            let Outcome::Failed(verdict) = &record.outcome else {
                return None;
            };
            let failure = verdict.failures.iter().find(|f| f.is_expectation())?;
            Some(Kill {
                run: record.run.id.clone(),
                what: failure.what.clone(),
                loc: failure
                    .loc
                    .clone()
                    .unwrap_or_else(|| record.run.case.loc.clone()),
            })
        })
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

#[cfg(test)]
mod tests {
    use std::sync::Arc;
    use std::time::Duration;

    use super::*;
    use crate::check::{Failure, Verdict};
    use crate::runner::Run;
    use crate::suite::testing::{load, one_case};
    use crate::wire::Format;

    /// A failed run of a one-case file, with `failures`.
    fn failed_run(failures: Vec<Failure>) -> RunRecord {
        let file = load(&one_case(
            "    rule: R\n    request: { ImageName: x }\n    expect: { status: 400 }\n",
        ))
        .expect("the case loads");
        let case = Arc::new(file.cases[0].clone());
        RunRecord {
            run: Run {
                id: "c::json::v1-get".into(),
                area: file.area.clone(),
                case,
                format: Format::Json,
                wire: WireStyle::V1Get,
            },
            outcome: Outcome::Failed(Verdict {
                failures,
                ..Verdict::default()
            }),
            duration: Duration::ZERO,
            normalised: serde_json::Value::Null,
            reach: crate::runner::Reach::Answered,
            observations: Vec::new(),
            requests: Vec::new(),
        }
    }

    fn failure(what: &str, line: Option<u32>) -> Failure {
        let loc = line.map(|line| Loc {
            file: Arc::from("cases/t.yaml"),
            line,
            column: 15,
        });
        Failure::new("request", what, "x", "y", loc)
    }

    #[test]
    fn a_run_failing_only_its_snapshot_or_transport_kills_nothing() {
        let records = [
            failed_run(vec![failure("snapshot", None)]),
            failed_run(vec![failure("transport", Some(4))]),
            failed_run(vec![failure("timeout", None)]),
        ];
        assert_eq!(kills(&records), Vec::new());
    }

    #[test]
    fn a_kill_is_the_first_failed_expectation_of_a_run_and_where_it_is_written() {
        let records = [failed_run(vec![
            failure("snapshot", None),
            failure("code", Some(7)),
            failure("status", Some(6)),
        ])];
        let killed = kills(&records);
        assert_eq!(killed.len(), 1);
        assert_eq!(
            (killed[0].run.as_str(), killed[0].what.as_str()),
            ("c::json::v1-get", "code")
        );
        assert_eq!(
            (&*killed[0].loc.file, killed[0].loc.line),
            ("cases/t.yaml", 7)
        );
    }

    #[test]
    fn an_expectation_without_a_place_points_at_its_case() {
        let killed = kills(&[failed_run(vec![failure("one_of", None)])]);
        assert_eq!(killed[0].loc.file.as_ref(), "cases/t.yaml");
        assert_eq!(killed[0].loc.line, 3, "the line of `- id: c`");
    }
}
