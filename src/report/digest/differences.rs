//! [`differences`]: the runs whose answers differ from their reference
//! snapshot, grouped by the field that differs, each group with its count
//! and one example diff.
//!
//! The diff (`ReferenceEntry::Differs`) is a unified diff of the canonical
//! JSON of a run's normalised answers (see `check::snapshot`): every changed
//! line that holds a member (`"Code": "…"`) names that member as the field;
//! a run whose changed lines hold no member (an array item, a bracket) is
//! counted under [`OTHER`]. A run counts once under each field it changes.

use crate::report::model::{Report, RunEntry};

/// The field of changes that name no member.
pub const OTHER: &str = "(other lines)";

/// One field that differs from the reference somewhere.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldDifference {
    pub field: String,
    /// Runs whose diff changes it.
    pub runs: usize,
    /// The first such run, and its diff.
    pub example_run: String,
    pub example_diff: String,
}

/// Most runs first, then by field name.
pub fn differences(report: &Report) -> Vec<FieldDifference> {
    let mut out: Vec<FieldDifference> = Vec::new();
    for run in &report.runs {
        let Some(diff) = run.reference.diff() else {
            continue;
        };
        for field in changed_fields(diff) {
            match out.iter_mut().find(|d| d.field == field) {
                Some(found) => found.runs += 1,
                None => out.push(example(run, diff, field)),
            }
        }
    }
    out.sort_by(|a, b| b.runs.cmp(&a.runs).then_with(|| a.field.cmp(&b.field)));
    out
}

fn example(run: &RunEntry, diff: &str, field: String) -> FieldDifference {
    FieldDifference {
        field,
        runs: 1,
        example_run: run.id.clone(),
        example_diff: diff.to_string(),
    }
}

/// The distinct members named on the diff's changed lines, in order.
pub fn changed_fields(diff: &str) -> Vec<String> {
    let mut fields: Vec<String> = Vec::new();
    let mut other = false;
    for line in diff.lines() {
        if line.starts_with("+++") || line.starts_with("---") {
            continue;
        }
        let Some(changed) = line.strip_prefix(['+', '-']) else {
            continue;
        };
        match member(changed) {
            Some(name) if !fields.iter().any(|f| f == name) => fields.push(name.to_string()),
            Some(_) => {}
            None => other = true,
        }
    }
    if other && fields.is_empty() {
        fields.push(OTHER.to_string());
    }
    fields
}

/// `"Code": …` → `Code`.
fn member(line: &str) -> Option<&str> {
    let rest = line.trim_start().strip_prefix('"')?;
    let end = rest.find("\":")?;
    let name = &rest[..end];
    (!name.contains('"')).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::model::{OutcomeKind, ReferenceEntry};
    use crate::report::testing::{report, run};

    const CODE_AND_MESSAGE: &str = "--- reference\n+++ actual answer\n@@ -1,4 +1,4 @@\n {\n-    \"Code\": \"A\",\n-    \"Message\": \"x\"\n+    \"Code\": \"B\",\n+    \"Message\": \"y\"\n }\n";

    #[test]
    fn a_changed_member_line_names_its_field_and_other_lines_count_apart() {
        assert_eq!(changed_fields(CODE_AND_MESSAGE), ["Code", "Message"]);
        assert_eq!(changed_fields("-  1,\n+  2,\n"), [OTHER]);
        assert_eq!(
            changed_fields("+++ b\n--- a\n   \"status\": 400,\n"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn differences_are_grouped_by_field_with_a_count_and_the_first_example() {
        let differs = |id: &str, diff: &str| {
            let mut r = run(id, OutcomeKind::Passed);
            r.reference = ReferenceEntry::Differs { diff: diff.into() };
            r
        };
        let status = "-  \"status\": 400,\n+  \"status\": 403,\n";
        let groups = differences(&report(vec![
            differs("a::json::v1-get", CODE_AND_MESSAGE),
            differs("b::json::v1-get", status),
            run("c::json::v1-get", OutcomeKind::Passed),
            differs("d::json::v1-get", CODE_AND_MESSAGE),
        ]));
        let shown: Vec<(&str, usize, &str)> = groups
            .iter()
            .map(|g| (g.field.as_str(), g.runs, g.example_run.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("Code", 2, "a::json::v1-get"),
                ("Message", 2, "a::json::v1-get"),
                ("status", 1, "b::json::v1-get")
            ]
        );
        assert_eq!(groups[2].example_diff, status);
    }
}
