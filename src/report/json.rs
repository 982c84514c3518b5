//! The JSON report (`--json FILE`): the [`Report`] document itself, and the
//! format `report merge` reads back.
//!
//! # Schema, version 3
//!
//! The JSON Schema is `docs/report.schema.json` (draft 2020-12). Top level:
//!
//! - `schema_version` (integer): 3. Raised when a field is removed, renamed or
//!   changes meaning; new optional fields keep the version. Readers refuse a
//!   version they do not know. (3: runs may be `not_judged`.)
//! - `complete` (bool): `false` when the run was interrupted (Ctrl-C); the
//!   report then holds the runs that finished.
//! - `provenance`: `harness_version`; `suite_hash` (`sha256:HEX` over every
//!   case file and the fixture manifest, by file name, in name order);
//!   `case_count`; `target` and `against` (`url` without credentials,
//!   `embedded`, `mutant`); `options` (formats, wires, snapshots mode —
//!   `check`, `strict`, `update`, `off` —, region,
//!   filter, exact, skip, partition, timeouts, expected-failures file,
//!   strict); `started_at` (RFC 3339, UTC); `duration_ms`;
//!   `snapshot_sources` (where the compared snapshots were recorded: target,
//!   date, harness version, number of snapshots); `shards` (of a merged report).
//! - `totals`: `planned`, `finished`, `passed`, `failed`, `ignored`,
//!   `not_judged`, `expected_failures`, `new_failures`, `differing`,
//!   `reference_differs` (runs whose `reference.outcome` is `differs`).
//! - `gate` (null without `--expected-failures`): `file`, `strict`,
//!   `expected`, `new`, `stale`, `not_run` (run ids), `passed`.
//! - `runs`: one object per finished run, in plan order: `id`
//!   (`CASE::FORMAT::WIRE`), `position` (in the whole plan, before filters
//!   and shards), `case_id`, `area`, `rules`, `tags`, `source`
//!   (`file:line:col`), `format`, `wire`, `outcome` (`passed`, `failed`,
//!   `ignored`, `not_judged`: neither passed nor failed, because the
//!   target could not be reached, still throttled after the retries, or may
//!   have acted on a request whose answer was lost, or because the run was
//!   not run once the first runs all had no answer), `reason` (why ignored
//!   or not judged), `readings` (`{step, reading}`: the `one_of` branch the
//!   answer matched, named after the documented reading it is, or as the
//!   case names an answer it accepts, e.g. `created`), `expected` (per step and reading:
//!   `status`, `code`, `message`), `failures` (`{step, what, expected,
//!   actual, location, detail}`: what was expected and what came back),
//!   `requests` (failed and not-judged runs only: `{step, method, target,
//!   headers, body, body_bytes}`, each failing step's request as sent,
//!   security token and signature values redacted, the body cut;
//!   [`super::request`]),
//!   `normalised` (every step's normalised answer, the snapshot form), `diff`
//!   (the snapshot diff that failed the run), `reference` (how the answers
//!   compared with the snapshot set: `{"outcome": "matched"}`,
//!   `{"outcome": "differs", "diff"}`, `{"outcome": "other_reading",
//!   "recorded", "matched"}` with `{step, reading}` lists, or
//!   `{"outcome": "not_compared", "why"}` — `snapshots_off`,
//!   `case_without_snapshot`, `not_recorded`, `recorded`,
//!   `transport_failure`, `ignored`, `not_judged`, `unreadable`; a difference from the
//!   reference set seen from another target is advisory and fails nothing
//!   unless `--snapshots strict`), `snapshot` (this run's snapshot provenance),
//!   `expected_failure` (the listed reason), `differential` (`outcome`,
//!   `differs`, `diff`, `normalised` of the second target), `duration_ms`.
//! - `invariants`: one object per run-level invariant
//!   ([`crate::contract::invariants`]), judged over every answer of the
//!   runs: `id`, `statement`, `because` (the sentences), `status` (`held`,
//!   `broken`, `not_exercised`: nothing it ranges over was answered),
//!   `observed` (answers), `cases`, `breaches` (`{value, detail, answers,
//!   runs}`). A broken one fails the report whatever the gate says; a
//!   merged report keeps every shard's breaches. Optional: older reports
//!   have none.
//!
//! Credentials and signatures never appear: see [`super::redact`].

use std::path::Path;

use super::model::{Report, SCHEMA_VERSION};

/// The report as pretty-printed JSON.
pub fn render(report: &Report) -> String {
    let mut text = serde_json::to_string_pretty(report).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// Reads a JSON report, refusing another schema version.
pub fn read(path: &Path) -> Result<Report, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the report {}: {e}", path.display()))?;
    parse(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses a JSON report, refusing another schema version.
pub fn parse(text: &str) -> Result<Report, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not a JSON report: {e}"))?;
    match value.get("schema_version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(SCHEMA_VERSION) => {}
        Some(v) => {
            return Err(format!(
                "schema version {v} is not supported (this harness reads version {SCHEMA_VERSION})"
            ));
        }
        None => return Err("not a JSON report: no schema_version".to_string()),
    }
    serde_json::from_value(value).map_err(|e| format!("not a JSON report: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_runs_reference_outcome_reads_back() {
        use crate::report::model::{OutcomeKind, ReadingChoice, ReferenceEntry};
        use crate::report::testing::{report, run};
        let outcomes = [
            ReferenceEntry::Matched,
            ReferenceEntry::Differs {
                diff: "-a\n+b\n".into(),
            },
            ReferenceEntry::OtherReading {
                recorded: vec![ReadingChoice {
                    step: "request".into(),
                    reading: "x".into(),
                }],
                matched: vec![ReadingChoice {
                    step: "request".into(),
                    reading: "y".into(),
                }],
            },
            ReferenceEntry::NotCompared {
                why: "snapshots_off".into(),
            },
        ];
        let runs = outcomes
            .iter()
            .enumerate()
            .map(|(i, reference)| {
                let mut entry = run(&format!("c{i}::json::v1-get"), OutcomeKind::Passed);
                entry.reference = reference.clone();
                entry
            })
            .collect();
        let report = report(runs);
        let text = render(&report);
        assert!(text.contains("\"outcome\": \"other_reading\""), "{text}");
        assert_eq!(parse(&text).unwrap(), report);
        assert_eq!(report.totals.reference_differs, 1);
    }

    #[test]
    fn another_schema_version_is_refused_by_name() {
        let err = parse(r#"{"schema_version": 99}"#).unwrap_err();
        assert!(err.contains("schema version 99"), "{err}");
        assert!(parse("[]").is_err());
    }
}
