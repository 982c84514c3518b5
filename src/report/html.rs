//! The HTML conformance report (`--html FILE`): one self-contained page
//! (inline CSS, no scripts, fonts or other fetches) for publishing.
//!
//! Sections: the headline score and totals; the contract's 45 documented
//! error rows ([`ERROR_ROWS`]), each with the runs whose expectation names
//! that row's status and code, coloured by result; the documented
//! ambiguities ([`AMBIGUITIES`]) with the reading the target chose; the
//! failures with their diffs; the runs that differ from the reference
//! snapshots (advisory); the differential answers; the gate; every run;
//! and the provenance. Every piece of text goes through `html-escape`, so
//! nothing a target answers can become markup.
//!
//! A run belongs to an ambiguity when one of its rules names it in the
//! contract data (`params::Rule::ambiguities`), or one of its tags is the
//! ambiguity's id (or `ambiguity:ID`). Readings of runs that belong to none
//! are listed under "other readings".

use std::collections::BTreeMap;
use std::fmt::Write as _;

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};

use crate::contract::ambiguities::{AMBIGUITIES, Ambiguity};
use crate::contract::errors::ERROR_ROWS;
use crate::contract::params;

use super::model::{OutcomeKind, Report, RunEntry};
use super::reference::advisory_difference;

const STYLE: &str = r#"
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; color: #1f2328; background: #f6f8fa; }
main { max-width: 1200px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 8px; font-size: 26px; }
h2 { margin-top: 36px; border-bottom: 1px solid #d0d7de; padding-bottom: 4px; }
.headline { display: flex; gap: 24px; align-items: center; background: #fff; border: 1px solid #d0d7de; border-radius: 8px; padding: 16px 24px; }
.score { font-size: 56px; font-weight: 700; margin: 0; }
.score.good { color: #1a7f37; } .score.bad { color: #cf222e; }
.counts span { display: inline-block; margin-right: 14px; font-weight: 600; }
.banner { background: #fff8c5; border: 1px solid #d4a72c; padding: 8px 12px; border-radius: 6px; margin: 12px 0; }
table { border-collapse: collapse; width: 100%; background: #fff; font-size: 13px; }
th, td { border: 1px solid #d0d7de; padding: 4px 8px; text-align: left; vertical-align: top; }
th { background: #eaeef2; }
tr.pass td.status { background: #dafbe1; } tr.fail td.status { background: #ffebe9; } tr.none td.status { background: #eaeef2; }
.run { display: inline-block; margin: 1px 4px 1px 0; padding: 0 6px; border-radius: 10px; font: 12px ui-monospace, monospace; overflow-wrap: anywhere; }
td:last-child { min-width: 280px; }
.passed { background: #dafbe1; color: #116329; } .failed { background: #ffebe9; color: #a40e26; }
.ignored { background: #eaeef2; color: #57606a; } .expected { background: #fff8c5; color: #7d4e00; }
pre { background: #fff; border: 1px solid #d0d7de; padding: 8px; overflow-x: auto; font-size: 12px; }
pre .add { color: #116329; background: #dafbe1; } pre .del { color: #a40e26; background: #ffebe9; }
.failure { background: #fff; border: 1px solid #d0d7de; border-left: 4px solid #cf222e; border-radius: 6px; padding: 8px 12px; margin: 10px 0; }
.failure.listed { border-left-color: #d4a72c; }
code { font: 12px ui-monospace, monospace; }
.muted { color: #57606a; }
"#;

/// The page.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    out.push_str(
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>CreateImage conformance report</title>\n<style>",
    );
    out.push_str(STYLE);
    out.push_str("</style>\n</head>\n<body>\n<main>\n");
    headline(&mut out, report);
    error_rows(&mut out, report);
    ambiguities(&mut out, report);
    failures(&mut out, report);
    reference(&mut out, report);
    differential(&mut out, report);
    gate(&mut out, report);
    all_runs(&mut out, report);
    provenance(&mut out, report);
    out.push_str("</main>\n</body>\n</html>\n");
    out
}

fn headline(out: &mut String, report: &Report) {
    let t = &report.totals;
    let p = &report.provenance;
    let _ = writeln!(out, "<h1>CreateImage conformance report</h1>");
    let _ = writeln!(
        out,
        "<p class=\"muted\">Target <code>{}</code>{} · {}</p>",
        text(&p.target.url),
        p.target
            .mutant
            .as_ref()
            .map(|m| format!(" with mutant <code>{}</code>", text(m)))
            .unwrap_or_default(),
        text(&p.started_at)
    );
    if !report.complete {
        let _ = writeln!(
            out,
            "<p class=\"banner\" id=\"incomplete\">Incomplete: the run was interrupted; {} of {} planned runs finished.</p>",
            t.finished, t.planned
        );
    }
    let class = if t.failed == 0 { "good" } else { "bad" };
    let _ = writeln!(
        out,
        "<section class=\"headline\"><p class=\"score {class}\" id=\"score\">{:.1}%</p><div class=\"counts\" id=\"counts\"><span>{} passed</span><span>{} failed</span><span>{} ignored</span><span>{} planned</span>{}</div></section>",
        report.score(),
        t.passed,
        t.failed,
        t.ignored,
        t.planned,
        if t.expected_failures > 0 {
            format!("<span>{} expected failures</span>", t.expected_failures)
        } else {
            String::new()
        }
    );
}

fn badge(run: &RunEntry) -> String {
    let class = match (run.outcome, &run.expected_failure) {
        (OutcomeKind::Failed, Some(_)) => "expected",
        (outcome, _) => outcome.name(),
    };
    format!(
        "<span class=\"run {class}\" title=\"{}\">{}</span>",
        attr(&format!("{}: {}", run.id, class)),
        text(&run.id)
    )
}

fn error_rows(out: &mut String, report: &Report) {
    let mut covered = 0;
    let mut clean = 0;
    let mut rows = String::new();
    for row in ERROR_ROWS.iter() {
        let runs: Vec<&RunEntry> = report
            .runs
            .iter()
            .filter(|r| {
                r.expected_codes()
                    .any(|(status, code)| status == row.status && code == row.code)
            })
            .collect();
        let class = if runs.is_empty() {
            "none"
        } else if runs.iter().any(|r| r.outcome == OutcomeKind::Failed) {
            "fail"
        } else {
            "pass"
        };
        if !runs.is_empty() {
            covered += 1;
            if class == "pass" {
                clean += 1;
            }
        }
        let result = match class {
            "none" => "not exercised",
            "fail" => "failing",
            _ => "passing",
        };
        let badges: String = runs.iter().map(|r| badge(r)).collect();
        let _ = writeln!(
            rows,
            "<tr class=\"{class}\" id=\"row-{}\"><td><code>{}</code></td><td>{}</td><td><code>{}</code></td><td>{}</td><td class=\"status\">{result}</td><td>{badges}</td></tr>",
            attr(row.id),
            text(row.id),
            row.status,
            text(row.code),
            text(row.message),
        );
    }
    let _ = writeln!(
        out,
        "<h2 id=\"error-rows\">Documented errors</h2>\n<p>{covered} of {} documented error rows exercised by the runs; {clean} of them with every run passing.</p>",
        ERROR_ROWS.len()
    );
    let _ = writeln!(
        out,
        "<table><thead><tr><th>row</th><th>status</th><th>code</th><th>message</th><th>result</th><th>runs</th></tr></thead><tbody>\n{rows}</tbody></table>"
    );
}

fn belongs(run: &RunEntry, ambiguity: &Ambiguity) -> bool {
    run.tags
        .iter()
        .any(|t| t == ambiguity.id || t.strip_prefix("ambiguity:") == Some(ambiguity.id))
        || run
            .rules
            .iter()
            .any(|rule| params::find(rule).is_some_and(|r| r.ambiguities.contains(&ambiguity.id)))
}

fn ambiguities(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<h2 id=\"ambiguities\">Ambiguities of the contract</h2>\n<p>Where <code>CreateImage.md</code> contradicts itself, the cases accept each documented reading; this is the reading the target chose.</p>"
    );
    let _ = writeln!(
        out,
        "<table><thead><tr><th>ambiguity</th><th>the document says</th><th>reference emulator</th><th>target's readings</th></tr></thead><tbody>"
    );
    for ambiguity in AMBIGUITIES {
        let runs: Vec<&RunEntry> = report
            .runs
            .iter()
            .filter(|r| belongs(r, ambiguity))
            .collect();
        let said: String = ambiguity
            .said
            .iter()
            .map(|s| format!("<p><b>{}</b>: {}</p>", text(s.place), text(s.text)))
            .collect();
        let _ = writeln!(
            out,
            "<tr id=\"ambiguity-{}\"><td><code>{}</code></td><td>{said}</td><td>{}</td><td>{}</td></tr>",
            attr(ambiguity.id),
            text(ambiguity.id),
            text(ambiguity.choice),
            readings_cell(&runs),
        );
    }
    let others: Vec<&RunEntry> = report
        .runs
        .iter()
        .filter(|r| !r.readings.is_empty() && !AMBIGUITIES.iter().any(|a| belongs(r, a)))
        .collect();
    if !others.is_empty() {
        let _ = writeln!(
            out,
            "<tr id=\"ambiguity-other\"><td>other readings</td><td colspan=\"2\">cases with documented readings not linked to a listed ambiguity</td><td>{}</td></tr>",
            readings_cell(&others)
        );
    }
    out.push_str("</tbody></table>\n");
}

/// The readings chosen, with how many runs chose each, and failed runs.
fn readings_cell(runs: &[&RunEntry]) -> String {
    if runs.is_empty() {
        return "<span class=\"muted\">not exercised</span>".to_string();
    }
    let mut chosen: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for run in runs {
        for reading in &run.readings {
            chosen
                .entry(format!("{} ({})", reading.reading, run.case_id))
                .or_default()
                .push(&run.id);
        }
    }
    let mut cell = String::new();
    for (reading, ids) in &chosen {
        let _ = write!(
            cell,
            "<p><span class=\"run passed\">{}</span> × {}</p>",
            text(reading),
            ids.len()
        );
    }
    for run in runs.iter().filter(|r| r.outcome == OutcomeKind::Failed) {
        let has_readings = run.expected.iter().any(|e| e.reading.is_some());
        let _ = write!(
            cell,
            "<p>{} {}</p>",
            badge(run),
            if has_readings {
                "matched no documented reading"
            } else {
                "failed"
            }
        );
    }
    if cell.is_empty() {
        cell = "<span class=\"muted\">no reading recorded</span>".to_string();
    }
    cell
}

/// A diff or failure text, with added and removed lines coloured.
fn pre(body: &str) -> String {
    let mut out = String::from("<pre>");
    for line in body.lines() {
        let escaped = text(line);
        let trimmed = line.trim_start();
        if trimmed.starts_with('+') && !trimmed.starts_with("+++") {
            let _ = writeln!(out, "<span class=\"add\">{escaped}</span>");
        } else if trimmed.starts_with('-') && !trimmed.starts_with("---") {
            let _ = writeln!(out, "<span class=\"del\">{escaped}</span>");
        } else {
            let _ = writeln!(out, "{escaped}");
        }
    }
    out.push_str("</pre>");
    out
}

fn failures(out: &mut String, report: &Report) {
    let failed: Vec<&RunEntry> = report
        .runs
        .iter()
        .filter(|r| r.outcome == OutcomeKind::Failed)
        .collect();
    let _ = writeln!(out, "<h2 id=\"failures\">Failures ({})</h2>", failed.len());
    if failed.is_empty() {
        out.push_str("<p>No run failed.</p>\n");
    }
    for run in failed {
        let listed = run.expected_failure.is_some();
        let _ = writeln!(
            out,
            "<div class=\"failure{}\" id=\"failure-{}\"><p>{} <span class=\"muted\">{}</span>{}</p>{}</div>",
            if listed { " listed" } else { "" },
            attr(&run.id),
            badge(run),
            text(&run.source),
            run.expected_failure
                .as_deref()
                .map(|r| format!(" — expected failure: {}", text(r)))
                .unwrap_or_default(),
            pre(&run.failure_text()),
        );
    }
}

/// The runs that differ from the reference snapshots without failing.
fn reference(out: &mut String, report: &Report) {
    let differing: Vec<(&RunEntry, &str)> = report
        .runs
        .iter()
        .filter_map(|r| Some((r, advisory_difference(r)?)))
        .collect();
    if differing.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<h2 id=\"reference\">Differs from the reference: {} runs (advisory)</h2>",
        differing.len()
    );
    for (run, diff) in differing {
        let _ = writeln!(
            out,
            "<div class=\"failure listed\" id=\"reference-{}\"><p>{}</p>{}</div>",
            attr(&run.id),
            badge(run),
            pre(diff)
        );
    }
}

fn differential(out: &mut String, report: &Report) {
    let Some(against) = &report.provenance.against else {
        return;
    };
    let differing: Vec<&RunEntry> = report
        .runs
        .iter()
        .filter(|r| r.differential.as_ref().is_some_and(|d| d.differs))
        .collect();
    let _ = writeln!(
        out,
        "<h2 id=\"differential\">Against <code>{}</code>: {} runs answered differently</h2>",
        text(&against.url),
        differing.len()
    );
    for run in differing {
        let diff = run
            .differential
            .as_ref()
            .and_then(|d| d.diff.as_deref())
            .unwrap_or("");
        let _ = writeln!(
            out,
            "<div class=\"failure\" id=\"diff-{}\"><p>{}</p>{}</div>",
            attr(&run.id),
            badge(run),
            pre(diff)
        );
    }
}

fn gate(out: &mut String, report: &Report) {
    let Some(gate) = &report.gate else { return };
    let _ = writeln!(
        out,
        "<h2 id=\"gate\">Gate: {}</h2>\n<p>Expected failures from <code>{}</code>{}: {} expected, {} new, {} stale, {} listed but not run.</p>",
        if gate.passed { "passed" } else { "failed" },
        text(&gate.file),
        if gate.strict { " (strict)" } else { "" },
        gate.expected.len(),
        gate.new.len(),
        gate.stale.len(),
        gate.not_run.len()
    );
    for (label, ids) in [("new failure", &gate.new), ("stale entry", &gate.stale)] {
        for id in ids {
            let _ = writeln!(out, "<p>{label}: <code>{}</code></p>", text(id));
        }
    }
}

fn all_runs(out: &mut String, report: &Report) {
    let _ = writeln!(
        out,
        "<h2 id=\"runs\">Every run ({})</h2>\n<details><summary>show</summary><table><thead><tr><th>run</th><th>area</th><th>rules</th><th>outcome</th><th>readings</th><th>ms</th></tr></thead><tbody>",
        report.runs.len()
    );
    for run in &report.runs {
        let readings: Vec<String> = run
            .readings
            .iter()
            .map(|r| format!("{}: {}", r.step, r.reading))
            .collect();
        let _ = writeln!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}{}</td><td>{}</td><td>{:.1}</td></tr>",
            badge(run),
            text(&run.area),
            text(&run.rules.join(", ")),
            run.outcome.name(),
            run.reason
                .as_deref()
                .map(|r| format!(": {}", text(r)))
                .unwrap_or_default(),
            text(&readings.join(", ")),
            run.duration_ms
        );
    }
    out.push_str("</tbody></table></details>\n");
}

fn provenance(out: &mut String, report: &Report) {
    let p = &report.provenance;
    let o = &p.options;
    let mut rows: Vec<(&str, String)> = vec![
        (
            "harness",
            format!("createimage-contract {}", p.harness_version),
        ),
        ("suite hash", p.suite_hash.clone()),
        ("cases", p.case_count.to_string()),
        (
            "target",
            format!(
                "{}{}",
                p.target.url,
                if p.target.embedded {
                    " (embedded reference emulator)"
                } else {
                    ""
                }
            ),
        ),
        ("started", p.started_at.clone()),
        ("duration", format!("{} ms", p.duration_ms)),
        ("complete", report.complete.to_string()),
        ("formats", o.formats.join(", ")),
        ("request styles", o.wires.join(", ")),
        ("snapshots", o.snapshots.clone()),
        ("region", o.region.clone()),
    ];
    if let Some(against) = &p.against {
        rows.push(("against", against.url.clone()));
    }
    if let Some(filter) = &o.filter {
        rows.push(("filter", filter.clone()));
    }
    if let Some(partition) = &o.partition {
        rows.push(("partition", partition.clone()));
    }
    if !p.shards.is_empty() {
        rows.push(("merged shards", p.shards.join(", ")));
    }
    for source in &p.snapshot_sources {
        rows.push((
            "expectations recorded",
            match (&source.target, &source.recorded_at) {
                (None, None) => format!("{} snapshots without recorded provenance", source.count),
                _ => format!(
                    "{} snapshots from {} on {} by createimage-contract {}",
                    source.count,
                    source.target.as_deref().unwrap_or("an unnamed target"),
                    source.recorded_at.as_deref().unwrap_or("an unknown date"),
                    source.harness_version.as_deref().unwrap_or("?"),
                ),
            },
        ));
    }
    let _ = writeln!(out, "<h2 id=\"provenance\">Provenance</h2>\n<table><tbody>");
    for (name, value) in rows {
        let _ = writeln!(
            out,
            "<tr><th>{}</th><td><code>{}</code></td></tr>",
            text(name),
            text(&value)
        );
    }
    out.push_str("</tbody></table>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_belongs_to_the_ambiguities_its_rules_or_tags_name() {
        let device = AMBIGUITIES.iter().find(|a| a.id == "device-names").unwrap();
        let (param, rule) = params::rules()
            .find(|(_, r)| r.ambiguities.contains(&"device-names"))
            .unwrap();
        let mut run = crate::report::testing::run("a::json::v1-get", OutcomeKind::Passed);
        assert!(!belongs(&run, device), "{}", param.name);
        run.rules = vec![rule.id.to_string()];
        assert!(belongs(&run, device));
        run.rules.clear();
        run.tags = vec!["ambiguity:device-names".into()];
        assert!(belongs(&run, device));
    }

    #[test]
    fn the_page_loads_nothing_from_elsewhere() {
        let page = render(&crate::report::testing::report_with_failure(
            "<script>alert(1)</script>",
        ));
        assert!(!page.contains("<script"), "target text was not escaped");
        assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
        for fetch in ["src=", "href=", "@import", "url("] {
            assert!(!page.contains(fetch), "the page fetches with {fetch}");
        }
    }
}
