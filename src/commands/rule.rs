//! `list --rule ID`: everything about one rule of the contract on one
//! screen — what the document says and the limit it sets, the error rows a
//! violation answers with, the emulator's check, the documented readings
//! that bear on it, the cases that exercise it (file:line), its generated
//! classes and the deliberate faults that break it.

use std::fmt::Write as _;

use crate::contract::ambiguities::Ambiguity;
use crate::contract::errors::ErrorRow;
use crate::contract::params::{self, Rule};
use crate::emulator::{Mutant, checks};
use crate::suite::{Suite, generated};

use super::HarnessError;

/// The page about `id`, or a usage error naming the nearest rule ids.
pub fn describe(id: &str, suite: &Suite) -> Result<String, HarnessError> {
    let Some(rule) = params::find(id) else {
        let mut near: Vec<(f64, &str)> = params::rules()
            .map(|(_, rule)| (strsim::jaro_winkler(id, rule.id), rule.id))
            .collect();
        near.sort_by(|a, b| b.0.total_cmp(&a.0));
        let near: Vec<&str> = near.iter().take(3).map(|(_, id)| *id).collect();
        return Err(HarnessError::Usage(format!(
            "no rule `{id}` in the contract (did you mean {}?)",
            near.join(", ")
        )));
    };
    let mut out = String::new();
    header(&mut out, rule);
    check(&mut out, rule);
    readings(&mut out, rule);
    cases(&mut out, rule, suite);
    classes(&mut out, rule);
    mutants(&mut out, rule);
    Ok(out)
}

fn header(out: &mut String, rule: &Rule) {
    let _ = writeln!(out, "{}", rule.id);
    let _ = writeln!(out, "  says     {}", rule.says);
    let _ = writeln!(out, "  limit    {:?}", rule.limit);
    let _ = writeln!(out, "  basis    {:?}", rule.basis);
    if let Some(why) = rule.unobservable {
        let _ = writeln!(out, "  not observable: {why}");
    }
    for row in rule.errors.iter().filter_map(|id| ErrorRow::by_id(id)) {
        let _ = writeln!(
            out,
            "  error    {} {} \"{}\"",
            row.status, row.code, row.message
        );
    }
}

fn check(out: &mut String, rule: &Rule) {
    match checks::of(rule.id) {
        Some(check) => {
            let _ = writeln!(
                out,
                "  check    {}: {}",
                check.file,
                check.functions.join(", ")
            );
        }
        None => {
            let _ = writeln!(out, "  check    none in the emulator");
        }
    }
}

fn readings(out: &mut String, rule: &Rule) {
    for ambiguity in rule
        .ambiguities
        .iter()
        .filter_map(|id| Ambiguity::by_id(id))
    {
        let choices: Vec<&str> = ambiguity.readings.iter().map(|r| r.choice).collect();
        let _ = writeln!(
            out,
            "  reading  {} ({}; default {})",
            ambiguity.id,
            choices.join(" | "),
            ambiguity.default_reading().choice
        );
    }
}

fn cases(out: &mut String, rule: &Rule, suite: &Suite) {
    let (mut written, mut generated_count) = (Vec::new(), 0);
    for (_, case) in suite.cases() {
        if !case.rules.iter().any(|r| r == rule.id) {
            continue;
        }
        if case.loc.file.as_ref() == generated::PATH {
            generated_count += 1;
        } else {
            written.push(format!("{}:{}  {}", case.loc.file, case.loc.line, case.id));
        }
    }
    let _ = writeln!(
        out,
        "  cases    {} written, {} generated",
        written.len(),
        generated_count
    );
    for line in written {
        let _ = writeln!(out, "           {line}");
    }
}

fn classes(out: &mut String, rule: &Rule) {
    for planned in generated::plan().iter().filter(|p| p.rule == rule.id) {
        match &planned.not_applicable {
            None => {
                let _ = writeln!(out, "  class    {}", planned.class.id);
            }
            Some(why) => {
                let _ = writeln!(
                    out,
                    "  class    {} (not applicable: {why})",
                    planned.class.id
                );
            }
        }
    }
}

fn mutants(out: &mut String, rule: &Rule) {
    for mutant in Mutant::all().filter(|m| m.rules().contains(&rule.id)) {
        let _ = writeln!(
            out,
            "  mutant   {}: {}",
            mutant.name(),
            mutant.description()
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cli::SuiteArgs;

    fn suite() -> Suite {
        let args = SuiteArgs {
            cases: std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("cases"),
            fixtures: None,
        };
        super::super::load_suite(&args).unwrap().1
    }

    #[test]
    fn a_rule_page_names_its_check_cases_classes_mutants_and_readings() {
        let page = describe("ImageName.length", &suite()).unwrap();
        for part in [
            "src/emulator/create_image/name.rs: check_image_name",
            "400 InvalidImageName.Malformed",
            "cases/image_name.yaml:",
            "generated",
            "  class    ",
            "mutant   image-name-max-127",
            "mutant   image-name-min-1",
            "reading  empty-values",
        ] {
            assert!(page.contains(part), "no `{part}` in\n{page}");
        }
        assert!(page.lines().count() < 60, "more than a screen:\n{page}");
    }

    #[test]
    fn an_unknown_rule_is_a_usage_error_that_names_the_nearest() {
        let err = describe("ImageName.lenght", &suite())
            .unwrap_err()
            .to_string();
        assert!(err.contains("ImageName.length"), "{err}");
    }
}
