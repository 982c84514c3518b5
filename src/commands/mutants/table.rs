//! The `mutants` command's output: the clean emulator's line, one aligned
//! row per mutant, and the closing summary.
//!
//! ```text
//! clean emulator: 2532 of 2532 runs passed
//!
//! mutant                                result    killed by
//! image-name-max-127                    killed    cases/image_name.yaml:45    image-name.longest-allowed::json::v1-get (+1)
//! image-name-min-1                      survived  no expectation notices: ImageName may have a single character
//! some-faulty-mutant                    BROKEN    3 requests panicked the emulator: index out of bounds (at src/…:12)
//! ```

use super::{Fate, MutantResult, MutantsReport};

/// The widest mutant name (`image-family-reserved-prefix-allowed`) and a space.
const NAME_WIDTH: usize = 37;
const RESULT_WIDTH: usize = 8;

/// The clean emulator's line, its failed runs, and the table's header.
pub fn clean(runs: usize, failures: &[String], panics: u64) -> String {
    let mut text = format!(
        "clean emulator: {} of {runs} runs passed\n",
        runs - failures.len()
    );
    for run in failures {
        text.push_str(&format!("  FAILED {run}\n"));
    }
    if panics > 0 {
        text.push_str(&format!(
            "  BROKEN {panics} requests panicked the clean emulator\n"
        ));
    }
    text.push_str(&format!(
        "\n{:<NAME_WIDTH$}  {:<RESULT_WIDTH$}  killed by\n",
        "mutant", "result"
    ));
    text
}

/// One row: name, fate, and for a killed mutant the `file:line` of the
/// expectation that killed it (padded to `loc_width`), the run, and how
/// many more runs failed.
pub fn row(result: &MutantResult, loc_width: usize) -> String {
    let (label, detail) = match result.fate() {
        Fate::Killed => {
            let first = &result.killed_by[0];
            let place = if first.what.starts_with("invariant ") {
                first.what.clone()
            } else {
                format!("{}:{}", first.loc.file, first.loc.line)
            };
            let more = match result.killed_by.len() - 1 {
                0 => String::new(),
                n => format!(" (+{n})"),
            };
            (
                "killed",
                format!("{place:<loc_width$}  {}{more}", first.run),
            )
        }
        Fate::Survived => (
            "survived",
            format!("no expectation notices: {}", result.mutant.description()),
        ),
        Fate::Broken => (
            "BROKEN",
            format!(
                "{} request{} panicked the emulator: {}",
                result.panics,
                if result.panics == 1 { "" } else { "s" },
                result.first_panic.as_deref().unwrap_or("no message")
            ),
        ),
    };
    format!(
        "{:<NAME_WIDTH$}  {label:<RESULT_WIDTH$}  {detail}\n",
        result.mutant.name()
    )
}

/// The closing line: how many mutants met each fate, and the clean run.
pub fn summary(report: &MutantsReport) -> String {
    let clean = if report.clean_failures.is_empty() && report.clean_panics == 0 {
        format!("passed all {} runs", report.clean_runs)
    } else if report.clean_panics > 0 {
        format!(
            "failed {} runs and panicked on {} requests",
            report.clean_failures.len(),
            report.clean_panics
        )
    } else {
        format!("failed {} runs", report.clean_failures.len())
    };
    format!(
        "{} mutants: {} killed by an expectation or an invariant, {} survived, {} broken; the clean emulator {clean}",
        report.results.len(),
        report.count(Fate::Killed),
        report.count(Fate::Survived),
        report.count(Fate::Broken),
    )
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::commands::mutants::Kill;
    use crate::emulator::Mutant;
    use crate::suite::Loc;

    fn kill(run: &str, line: u32) -> Kill {
        Kill {
            run: run.into(),
            what: "status".into(),
            loc: Loc {
                file: Arc::from("cases/image_name.yaml"),
                line,
                column: 15,
            },
        }
    }

    fn result(killed_by: Vec<Kill>, panics: u64) -> MutantResult {
        MutantResult {
            mutant: Mutant::ImageNameMin1,
            killed_by,
            panics,
            first_panic: (panics > 0).then(|| "boom (at src/x.rs:3)".to_owned()),
        }
    }

    #[test]
    fn a_killed_row_names_the_expectations_line_the_run_and_how_many_more_failed() {
        let row = row(
            &result(
                vec![kill("a::json::v1-get", 41), kill("b::xml::v1-get", 7)],
                0,
            ),
            26,
        );
        assert_eq!(
            row,
            format!(
                "{:<37}  killed    {:<26}  a::json::v1-get (+1)\n",
                "image-name-min-1", "cases/image_name.yaml:41"
            )
        );
    }

    #[test]
    fn rows_of_one_table_align_their_columns() {
        let short = row(&result(vec![kill("a::json::v1-get", 4)], 0), 26);
        let long = row(&result(vec![kill("b::json::v1-get", 1234)], 0), 26);
        assert_eq!(short.find("a::"), long.find("b::"));
        assert_eq!(
            clean(2, &[], 0).lines().last().unwrap().find("killed by"),
            short.find("cases/")
        );
    }

    #[test]
    fn a_surviving_row_says_what_no_expectation_notices() {
        assert!(
            row(&result(Vec::new(), 0), 26).contains(
                "survived  no expectation notices: ImageName may have a single character"
            )
        );
    }

    #[test]
    fn a_mutant_that_panicked_is_broken_even_when_an_expectation_failed() {
        let broken = result(vec![kill("a::json::v1-get", 4)], 3);
        assert_eq!(broken.fate(), Fate::Broken);
        let text = row(&broken, 26);
        assert!(
            text.contains("BROKEN    3 requests panicked the emulator: boom (at src/x.rs:3)"),
            "{text}"
        );
        assert!(!text.contains("killed"), "{text}");
    }

    #[test]
    fn the_summary_counts_each_fate() {
        let report = MutantsReport {
            clean_runs: 10,
            clean_failures: Vec::new(),
            clean_panics: 0,
            results: vec![
                result(vec![kill("a::json::v1-get", 4)], 0),
                result(Vec::new(), 0),
                result(Vec::new(), 2),
            ],
        };
        assert!(!report.all_killed());
        assert_eq!(
            summary(&report),
            "3 mutants: 1 killed by an expectation or an invariant, 1 survived, 1 broken; the clean emulator passed all 10 runs"
        );
    }
}
