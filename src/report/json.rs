//! The JSON report (`--json FILE`): the [`Report`] document itself, and the
//! format `report merge` reads back.
//!
//! # Schema, version 1
//!
//! The JSON Schema is `docs/report.schema.json` (draft 2020-12). Top level:
//!
//! - `schema_version` (integer): 1. Raised when a field is removed, renamed or
//!   changes meaning; new optional fields keep the version. Readers refuse a
//!   version they do not know.
//! - `complete` (bool): `false` when the run was interrupted (Ctrl-C); the
//!   report then holds the runs that finished.
//! - `provenance`: `harness_version`; `suite_hash` (`sha256:HEX` over every
//!   case file and the fixture manifest, by file name, in name order);
//!   `case_count`; `target` and `against` (`url` without credentials,
//!   `embedded`, `mutant`); `options` (formats, wires, snapshots mode, region,
//!   filter, exact, skip, partition, timeouts, expected-failures file,
//!   strict); `started_at` (RFC 3339, UTC); `duration_ms`;
//!   `snapshot_sources` (where the compared snapshots were recorded: target,
//!   date, harness version, number of snapshots); `shards` (of a merged report).
//! - `totals`: `planned`, `finished`, `passed`, `failed`, `ignored`,
//!   `expected_failures`, `new_failures`, `differing`.
//! - `gate` (null without `--expected-failures`): `file`, `strict`,
//!   `expected`, `new`, `stale`, `not_run` (run ids), `passed`.
//! - `runs`: one object per finished run, in plan order: `id`
//!   (`CASE::FORMAT::WIRE`), `position` (in the whole plan, before filters
//!   and shards), `case_id`, `area`, `rules`, `tags`, `source`
//!   (`file:line:col`), `format`, `wire`, `outcome` (`passed`, `failed`,
//!   `ignored`), `reason` (why ignored), `readings` (`{step, reading}`: the
//!   documented reading the target chose), `expected` (per step and reading:
//!   `status`, `code`, `message`), `failures` (`{step, what, expected,
//!   actual, location, detail}`: what was expected and what came back),
//!   `normalised` (every step's normalised answer, the snapshot form), `diff`
//!   (the snapshot diff), `snapshot` (this run's snapshot provenance),
//!   `expected_failure` (the listed reason), `differential` (`outcome`,
//!   `differs`, `diff`, `normalised` of the second target), `duration_ms`.
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
    fn another_schema_version_is_refused_by_name() {
        let err = parse(r#"{"schema_version": 99}"#).unwrap_err();
        assert!(err.contains("schema version 99"), "{err}");
        assert!(parse("[]").is_err());
    }
}
