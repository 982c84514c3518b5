//! The text of `createimage-contract coverage`: every rule, every class of
//! every rule, then every error row, each with its cases (and, after a run,
//! how their runs ended), then what is uncovered and a one-line summary.
//!
//! ```text
//! rule ImageName.length  6 cases  runs: 12 passed, 0 failed
//!     image-name.too-short, image-name.shortest-allowed, …
//! rule ImageName.default  not observable: only DescribeImages shows …
//! class ImageName.length × max.outside-bmp  1 case
//!     generated.image-name.length.max.outside-bmp
//! class ImageName.prefix × upper-case  not applicable: ImageName.characters refuses it first
//! row image-name-malformed  400 InvalidImageName.Malformed  "The specified Image name is wrongly formed."  14 cases
//!     image-name.too-short, …
//! coverage: rows 45/45, rules 86/86 (9 not observable), classes 380/380 (61 not applicable), expectations traced 12011/12011
//! ```

use std::collections::BTreeMap;
use std::fmt::Write as _;

use super::{Coverage, Tally};

/// The report; `results` are the run outcomes per case id (`--run`).
pub fn render(coverage: &Coverage, results: Option<&BTreeMap<String, Tally>>) -> String {
    let mut out = String::new();
    let runs = |cases: &[String]| match results {
        Some(results) => {
            let t = Tally::over(cases, results);
            let mut text = format!("  runs: {} passed, {} failed", t.passed, t.failed);
            if t.ignored > 0 {
                let _ = write!(text, ", {} ignored", t.ignored);
            }
            if t.not_judged > 0 {
                let _ = write!(text, ", {} not judged", t.not_judged);
            }
            text
        }
        None => String::new(),
    };
    let _ = writeln!(out, "Rules of the contract (src/contract/params/)");
    for entry in &coverage.rules {
        let id = entry.rule.id;
        if let Some(reason) = entry.rule.unobservable {
            let _ = writeln!(out, "rule {id}  not observable: {reason}");
        } else if entry.cases.is_empty() {
            let _ = writeln!(out, "rule {id}  NOT COVERED");
        } else {
            let _ = writeln!(
                out,
                "rule {id}  {}{}",
                count(entry.cases.len()),
                runs(&entry.cases)
            );
            let _ = writeln!(out, "    {}", entry.cases.join(", "));
        }
    }
    let _ = writeln!(out, "\nClasses of each rule (src/contract/classes/)");
    for entry in &coverage.classes {
        let head = format!("class {} × {}", entry.planned.rule, entry.planned.class.id);
        if let Some(why) = &entry.planned.not_applicable {
            let _ = writeln!(out, "{head}  not applicable: {why}");
        } else if entry.cases.is_empty() {
            let _ = writeln!(out, "{head}  NOT COVERED");
        } else {
            let _ = writeln!(
                out,
                "{head}  {}{}",
                count(entry.cases.len()),
                runs(&entry.cases)
            );
            let _ = writeln!(out, "    {}", entry.cases.join(", "));
        }
    }
    let _ = writeln!(
        out,
        "\nError rows of CreateImage.md (src/contract/errors.rs)"
    );
    for entry in &coverage.rows {
        let row = entry.row;
        let head = format!(
            "row {}  {} {}  {:?}",
            row.id, row.status, row.code, row.message
        );
        if entry.cases.is_empty() {
            let _ = writeln!(out, "{head}  NOT COVERED");
        } else {
            let _ = writeln!(
                out,
                "{head}  {}{}",
                count(entry.cases.len()),
                runs(&entry.cases)
            );
            let _ = writeln!(out, "    {}", entry.cases.join(", "));
        }
    }
    out.push('\n');
    for entry in coverage.uncovered_rules() {
        let _ = writeln!(
            out,
            "uncovered: rule {} ({})",
            entry.rule.id, entry.param.name
        );
    }
    for entry in coverage.uncovered_classes() {
        let _ = writeln!(
            out,
            "uncovered: class {} × {}",
            entry.planned.rule, entry.planned.class.id
        );
    }
    for entry in coverage.uncovered_rows() {
        let row = entry.row;
        let _ = writeln!(
            out,
            "uncovered: row {} ({} {} {:?})",
            row.id, row.status, row.code, row.message
        );
    }
    for (case, gap) in &coverage.untraced {
        let at = gap
            .loc
            .as_ref()
            .map(|l| format!(" ({l})"))
            .unwrap_or_default();
        let reading = gap
            .reading
            .as_ref()
            .map(|r| format!(" reading `{r}`"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "untraced: {case} step `{}`{reading}: {}{at}",
            gap.step, gap.part
        );
    }
    let _ = writeln!(out, "\nRun-level invariants (src/contract/invariants.rs)");
    let mut listed: Option<(&str, &[String])> = None;
    for entry in &coverage.invariants {
        let id = entry.invariant.id;
        if entry.cases.is_empty() {
            let _ = writeln!(
                out,
                "invariant {id}  NO CASE: nothing it ranges over is asked for"
            );
        } else if entry.invariant.range == crate::contract::invariants::Range::EveryAnswer {
            let _ = writeln!(
                out,
                "invariant {id}  every case ({})",
                count(entry.cases.len())
            );
        } else if let Some((first, cases)) = listed.filter(|(_, cases)| *cases == &entry.cases[..])
        {
            let _ = writeln!(
                out,
                "invariant {id}  {} expecting a success, as {first}",
                count(cases.len())
            );
        } else {
            let _ = writeln!(
                out,
                "invariant {id}  {} expecting a success",
                count(entry.cases.len())
            );
            let (generated, written): (Vec<&String>, Vec<&String>) = entry
                .cases
                .iter()
                .partition(|case| case.starts_with("generated."));
            let written: Vec<&str> = written.iter().map(|c| c.as_str()).collect();
            let _ = writeln!(
                out,
                "    {} and {} generated",
                written.join(", "),
                generated.len()
            );
            listed = Some((id, &entry.cases));
        }
    }
    let rows_covered = coverage.rows.len() - coverage.uncovered_rows().count();
    let observable = coverage
        .rules
        .iter()
        .filter(|r| r.rule.unobservable.is_none())
        .count();
    let rules_covered = observable - coverage.uncovered_rules().count();
    let applicable = coverage
        .classes
        .iter()
        .filter(|c| c.planned.not_applicable.is_none())
        .count();
    let classes_covered = applicable - coverage.uncovered_classes().count();
    let _ = write!(
        out,
        "coverage: rows {rows_covered}/{}, rules {rules_covered}/{observable} ({} not observable), classes {classes_covered}/{applicable} ({} not applicable), expectations traced {}/{}",
        coverage.rows.len(),
        coverage.rules.len() - observable,
        coverage.classes.len() - applicable,
        coverage.expectations - coverage.untraced.len(),
        coverage.expectations,
    );
    if let Some(results) = results {
        let mut total = Tally::default();
        for tally in results.values() {
            total.add(*tally);
        }
        let _ = write!(
            out,
            "; runs: {} passed, {} failed, {} ignored",
            total.passed, total.failed, total.ignored
        );
        if total.not_judged > 0 {
            let _ = write!(out, ", {} not judged", total.not_judged);
        }
    }
    out.push('\n');
    out
}

fn count(n: usize) -> String {
    if n == 1 {
        "1 case".to_owned()
    } else {
        format!("{n} cases")
    }
}
