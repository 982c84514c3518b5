//! `report merge`: shard reports in, one report out (any formats).

use crate::cli::{MergeArgs, ReportCommand};
use crate::exit;
use crate::report::{Outputs, json, merge};

use super::HarnessError;

pub fn report(command: ReportCommand) -> Result<i32, HarnessError> {
    match command {
        ReportCommand::Merge(args) => merge_reports(&args),
    }
}

fn merge_reports(args: &MergeArgs) -> Result<i32, HarnessError> {
    let mut reports = Vec::new();
    for path in &args.inputs {
        reports.push((
            path.display().to_string(),
            json::read(path).map_err(HarnessError::Report)?,
        ));
    }
    let merged = merge(reports).map_err(HarnessError::Report)?;
    let outputs = Outputs {
        json: args.reports.json.clone(),
        junit: args.reports.junit.clone(),
        html: args.reports.html.clone(),
        markdown: args.reports.markdown.clone(),
        badge: args.reports.badge.clone(),
    };
    outputs.write(&merged).map_err(HarnessError::Report)?;
    let t = &merged.totals;
    eprintln!(
        "merged {} reports: {} runs, {} passed, {} failed, {} ignored{}{}",
        args.inputs.len(),
        t.finished,
        t.passed,
        t.failed,
        t.ignored,
        if t.not_judged > 0 {
            format!(", {} not judged", t.not_judged)
        } else {
            String::new()
        },
        if merged.complete { "" } else { " (incomplete)" }
    );
    eprint!("{}", super::run::not_judged_section(&merged));
    if let Some(gate) = &merged.gate {
        eprint!("{}", crate::report::gate::summary(gate));
    }
    Ok(if merged.passed() {
        exit::ALL_PASSED
    } else if merged.no_failure_counts() {
        exit::INCOMPLETE
    } else {
        exit::CONTRACT_FAILURES
    })
}
