//! `coverage`: for every documented rule and error row, the cases that
//! exercise it; with `--run`, also how their runs ended against the
//! embedded emulator and how each run-level invariant came out. Exit 1
//! when an observable rule or a row has no case, or when a run failed or
//! an invariant broke.

use crate::check::snapshot::Mode;
use crate::cli::CoverageArgs;
use crate::coverage::{Coverage, render, tally};
use crate::exit;

use super::{HarnessError, Session, SessionOptions, load_suite};

pub fn coverage(args: &CoverageArgs) -> Result<i32, HarnessError> {
    let (coverage, results) = if args.run {
        let options = SessionOptions {
            suite: args.suite.clone(),
            snapshots: Mode::Off,
            ..SessionOptions::embedded(args.suite.cases.clone(), "snapshots")
        };
        let session = Session::open(&options)?;
        let records = session.run_all(args.jobs);
        let coverage = Coverage::of(&session.suite);
        session.close();
        let all: Vec<_> = records.iter().collect();
        let judged = crate::report::build::invariants(&all);
        (coverage, Some((tally(&records), judged)))
    } else {
        let (_, suite) = load_suite(&args.suite)?;
        (Coverage::of(&suite), None)
    };
    let text = render(&coverage, results.as_ref().map(|(tally, _)| tally));
    // How the invariants came out goes before the closing summary line.
    let (body, last) = text
        .trim_end_matches('\n')
        .rsplit_once('\n')
        .unwrap_or(("", text.as_str()));
    if !body.is_empty() {
        println!("{body}");
    }
    if let Some((_, judged)) = &results {
        print!("{}", crate::check::invariants::console_block(judged));
    }
    println!("{}", last.trim_end_matches('\n'));
    let failed = results.as_ref().is_some_and(|(r, judged)| {
        r.values().any(|t| t.failed > 0) || judged.iter().any(|j| j.broken())
    });
    Ok(if coverage.is_complete() && !failed {
        exit::ALL_PASSED
    } else {
        exit::CONTRACT_FAILURES
    })
}
