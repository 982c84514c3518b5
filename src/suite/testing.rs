//! Helpers for the loader's tests: a small manifest and one-line summaries
//! of what a case file yields.

use std::path::Path;

use super::diagnostic::Diagnostic;
use super::load::load_str;
use super::model::CaseFile;
use super::reader::Known;

/// The fixtures, accounts and rules the tests' case files may name: the
/// contract's rule ids and the short ones the tests use (`R`, `A.b`, …).
pub fn known() -> Known {
    let mut rules = Known::default().rules;
    rules.extend(["R", "X", "A.b", "C.d", "ClientToken.conflict"].map(String::from));
    Known {
        fixtures: [
            "instance.running",
            "snapshot.system",
            "resource-group.default",
        ]
        .map(String::from)
        .into(),
        accounts: ["default", "no-balance"].map(String::from).into(),
        rules,
    }
}

/// Loads `text` as `cases/t.yaml`.
pub fn load(text: &str) -> Result<CaseFile, Vec<Diagnostic>> {
    load_str(Path::new("cases/t.yaml"), text, &known()).map_err(|e| e.diagnostics)
}

/// Every problem of `text` as `file:line:col: message`.
pub fn problems(text: &str) -> Vec<String> {
    match load(text) {
        Ok(_) => Vec::new(),
        Err(diagnostics) => diagnostics
            .iter()
            .map(|d| format!("{}: {}", d.loc, d.message))
            .collect(),
    }
}

/// The single problem of `text`, whole.
pub fn problem(text: &str) -> Diagnostic {
    match load(text) {
        Ok(_) => panic!("expected a problem, the file loaded"),
        Err(mut diagnostics) => {
            assert_eq!(
                diagnostics.len(),
                1,
                "expected one problem: {diagnostics:#?}"
            );
            diagnostics.remove(0)
        }
    }
}

/// A file of one case, `case` being its lines after `- id: c` (indented by
/// four spaces). The case's keys start on line 4.
pub fn one_case(case: &str) -> String {
    format!("area: X\ncases:\n  - id: c\n{case}")
}
