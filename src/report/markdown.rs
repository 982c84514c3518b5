//! The Markdown summary (`--markdown FILE`): a few lines fit for a pull
//! request comment or `$GITHUB_STEP_SUMMARY` — the score, the totals, the
//! target and suite, the failures in a table (the first 30), the runs that
//! differ from the reference snapshots (with the first few diffs), the gate
//! and the runs a second target answered differently.

use std::fmt::Write as _;

use super::model::{OutcomeKind, Report};
use super::reference::advisory_difference;

/// Failures listed in full; the rest are counted.
const MAX_ROWS: usize = 30;

/// Distinct reference diffs shown.
const MAX_DIFFS: usize = 5;

pub fn render(report: &Report) -> String {
    let t = &report.totals;
    let p = &report.provenance;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "## CreateImage contract: {:.1}% ({}/{} passed){}\n",
        report.score(),
        t.passed,
        t.passed + t.failed,
        if report.complete {
            ""
        } else {
            " — INCOMPLETE (interrupted)"
        }
    );
    let _ = writeln!(
        out,
        "| passed | failed | ignored | expected failures | new failures | planned |"
    );
    let _ = writeln!(out, "|---:|---:|---:|---:|---:|---:|");
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} |\n",
        t.passed, t.failed, t.ignored, t.expected_failures, t.new_failures, t.planned
    );
    let _ = writeln!(
        out,
        "Target `{}`{} · suite `{}` ({} cases) · createimage-contract {} · {}\n",
        cell(&p.target.url),
        p.target
            .mutant
            .as_ref()
            .map(|m| format!(" (mutant `{}`)", cell(m)))
            .unwrap_or_default(),
        short_hash(&p.suite_hash),
        p.case_count,
        cell(&p.harness_version),
        cell(&p.started_at),
    );
    let failed: Vec<_> = report
        .runs
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Failed)
        .collect();
    if !failed.is_empty() {
        let _ = writeln!(out, "### Failures ({})\n", failed.len());
        let _ = writeln!(out, "| run | what | expected | actual | listed |");
        let _ = writeln!(out, "|---|---|---|---|---|");
        for run in failed.iter().take(MAX_ROWS) {
            let first = run.failures.first();
            let _ = writeln!(
                out,
                "| `{}` | {} | {} | {} | {} |",
                cell(&run.id),
                cell(first.map(|f| f.what.as_str()).unwrap_or("")),
                cell(first.map(|f| f.expected.as_str()).unwrap_or("")),
                cell(first.map(|f| f.actual.as_str()).unwrap_or("")),
                run.expected_failure
                    .as_deref()
                    .map(|r| format!("expected: {}", cell(r)))
                    .unwrap_or_else(|| "**new**".to_string()),
            );
        }
        if failed.len() > MAX_ROWS {
            let _ = writeln!(out, "\n… and {} more.", failed.len() - MAX_ROWS);
        }
        out.push('\n');
    }
    if let Some(gate) = &report.gate {
        let _ = writeln!(
            out,
            "### Gate: {}\n\n{} expected · {} new · {} stale{} · {} listed but not run\n",
            if gate.passed { "passed" } else { "**FAILED**" },
            gate.expected.len(),
            gate.new.len(),
            gate.stale.len(),
            if gate.strict { " (strict)" } else { "" },
            gate.not_run.len(),
        );
        for id in &gate.stale {
            let _ = writeln!(out, "- stale: `{}`", cell(id));
        }
        if !gate.stale.is_empty() {
            out.push('\n');
        }
    }
    let differing: Vec<_> = report
        .runs
        .iter()
        .filter_map(|r| Some((r, advisory_difference(r)?)))
        .collect();
    if !differing.is_empty() {
        let _ = writeln!(
            out,
            "### Differs from the reference ({} runs, advisory)\n",
            differing.len()
        );
        let mut shown: Vec<&str> = Vec::new();
        for (run, diff) in differing.iter().take(MAX_ROWS) {
            let _ = writeln!(out, "- `{}`", cell(&run.id));
            if !shown.contains(diff) && shown.len() < MAX_DIFFS {
                shown.push(diff);
                let _ = writeln!(out, "\n  ```diff");
                for line in diff.lines() {
                    let _ = writeln!(out, "  {}", line.replace("```", "'''"));
                }
                let _ = writeln!(out, "  ```\n");
            }
        }
        if differing.len() > MAX_ROWS {
            let _ = writeln!(out, "\n… and {} more.", differing.len() - MAX_ROWS);
        }
        out.push('\n');
    }
    if let Some(against) = &p.against {
        let differing: Vec<_> = report
            .runs
            .iter()
            .filter(|r| r.differential.as_ref().is_some_and(|d| d.differs))
            .collect();
        let _ = writeln!(
            out,
            "### Against `{}`: {} runs answered differently\n",
            cell(&against.url),
            differing.len()
        );
        for run in differing.iter().take(MAX_ROWS) {
            let _ = writeln!(out, "- `{}`", cell(&run.id));
        }
    }
    out
}

/// Text safe inside a table cell or code span: no pipes, newlines,
/// backticks or HTML.
fn cell(text: &str) -> String {
    text.replace('|', "\\|")
        .replace(['\n', '\r'], " ")
        .replace('`', "'")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

fn short_hash(hash: &str) -> String {
    hash.chars().take(7 + 12).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_that_differ_from_the_reference_have_a_section_with_their_diff() {
        use crate::report::model::ReferenceEntry;
        use crate::report::testing::{report, run};
        let mut differs = run("a::json::v1-get", OutcomeKind::Passed);
        differs.reference = ReferenceEntry::Differs {
            diff: "-old\n+new\n".into(),
        };
        let text = render(&report(vec![
            differs,
            run("b::json::v1-get", OutcomeKind::Passed),
        ]));
        assert!(
            text.contains("### Differs from the reference (1 runs, advisory)\n\n- `a::json::v1-get`\n\n  ```diff\n  -old\n  +new\n  ```"),
            "{text}"
        );
    }

    #[test]
    fn table_cells_cannot_break_the_table_or_inject_html() {
        assert_eq!(cell("a|b\n<script>`x`"), "a\\|b &lt;script&gt;'x'");
    }
}
