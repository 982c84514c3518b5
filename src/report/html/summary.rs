//! The top of the page and its bottom: who was tested, when, with which
//! suite, the verdict and score, the gate, the counts per contract area,
//! the reasons runs were not judged; and the provenance table.

use std::fmt::Write as _;

use html_escape::encode_text as text;

use super::bar;
use crate::report::digest::{self, Verdict};
use crate::report::model::Report;

pub fn render(out: &mut String, report: &Report) {
    let t = &report.totals;
    let p = &report.provenance;
    let verdict = Verdict::of(report);
    out.push_str("<section id=\"summary\">\n<h1>CreateImage conformance report</h1>\n");
    let _ = writeln!(
        out,
        "<p class=\"muted\" id=\"meta\">Target <code>{}</code>{}{} · {} · suite <code>{}</code> · createimage-contract {}</p>",
        text(&p.target.url),
        if p.target.embedded {
            " (embedded reference emulator)"
        } else {
            ""
        },
        p.target
            .mutant
            .as_ref()
            .map(|m| format!(" with mutant <code>{}</code>", text(m)))
            .unwrap_or_default(),
        text(&p.started_at),
        text(&p.suite_hash),
        text(&p.harness_version),
    );
    if !report.complete {
        let _ = writeln!(
            out,
            "<p class=\"banner\" id=\"incomplete\">Incomplete: the run was interrupted; {} of {} planned runs finished.</p>",
            t.finished, t.planned
        );
    }
    out.push_str("<div class=\"top\">\n");
    let _ = writeln!(
        out,
        "<div class=\"verdict {}\" id=\"verdict\"><p class=\"word\">{}</p><p class=\"score\" id=\"score\">{}%</p><div class=\"counts\" id=\"counts\"><span>{} passed</span><span>{} failed</span><span>{} ignored</span><span>{} planned</span>{}</div>{}</div>",
        match verdict {
            Verdict::Passed => "passed",
            Verdict::Failed => "failed",
            Verdict::Incomplete => "incomplete",
            Verdict::NothingTested => "empty",
        },
        verdict.name(),
        report.score_text(),
        t.passed,
        t.failed,
        t.ignored,
        t.planned,
        [
            (t.expected_failures, "expected failures"),
            (t.disputed, "disputed"),
            (t.not_judged, "not judged"),
        ]
        .iter()
        .filter(|(count, _)| *count > 0)
        .map(|(count, what)| format!("<span>{count} {what}</span>"))
        .collect::<String>(),
        gate(report),
    );
    areas(out, report);
    out.push_str("</div>\n");
    not_judged(out, report);
    out.push_str("</section>\n");
}

/// Why runs were not judged, each reason once with its count.
fn not_judged(out: &mut String, report: &Report) {
    let reasons = report.not_judged_reasons();
    if reasons.is_empty() {
        return;
    }
    let _ = writeln!(
        out,
        "<div id=\"not-judged\"><h2>Not judged ({})</h2><p class=\"muted\">These runs are neither passed nor failed: the verdict is incomplete.</p><ul>",
        report.totals.not_judged
    );
    for (reason, count) in reasons {
        let _ = write!(
            out,
            "<li>{count} {}: {}",
            if count == 1 { "run" } else { "runs" },
            text(reason)
        );
        if let Some(run) = report.first_not_judged(reason)
            && let Some(request) = run.requests.first()
        {
            let _ = writeln!(
                out,
                "<p>The request of <code>{}</code> (step {}, {}), as sent:</p>",
                text(&run.id),
                text(&request.step),
                text(&run.source)
            );
            super::pre(out, &request.lines().join("\n"));
        }
        out.push_str("</li>\n");
    }
    out.push_str("</ul></div>\n");
}

fn gate(report: &Report) -> String {
    let Some(gate) = &report.gate else {
        return String::new();
    };
    let mut line = format!(
        "<p id=\"gate\">Gate {}: expected failures from <code>{}</code>{}: {} expected, {} new, {} stale, {} listed but not run.</p>",
        if gate.passed { "passed" } else { "failed" },
        text(&gate.file),
        if gate.strict { " (strict)" } else { "" },
        gate.expected.len(),
        gate.new.len(),
        gate.stale.len(),
        gate.not_run.len()
    );
    for id in &gate.stale {
        let _ = write!(line, "<p>stale entry: <code>{}</code></p>", text(id));
    }
    line
}

/// The counts per area; a column of runs not judged when there are any.
fn areas(out: &mut String, report: &Report) {
    let with_not_judged = report.totals.not_judged > 0;
    let _ = writeln!(
        out,
        "<table id=\"areas\"><thead><tr><th>area</th><th>passed</th><th>failed</th>{}<th>ignored</th><th></th></tr></thead><tbody>",
        if with_not_judged {
            "<th>not judged</th>"
        } else {
            ""
        }
    );
    for area in digest::areas(report) {
        let _ = write!(
            out,
            "<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td>",
            text(&area.area),
            area.passed,
            area.failed,
        );
        if with_not_judged {
            let _ = write!(out, "<td class=\"n\">{}</td>", area.not_judged);
        }
        let _ = write!(out, "<td class=\"n\">{}</td><td>", area.ignored);
        bar(out, area.passed, area.failed, area.not_judged, area.ignored);
        out.push_str("</td></tr>\n");
    }
    out.push_str("</tbody></table>\n");
}

pub fn provenance(out: &mut String, report: &Report) {
    let p = &report.provenance;
    let o = &p.options;
    let mut rows: Vec<(&str, String)> = vec![
        (
            "harness",
            format!("createimage-contract {}", p.harness_version),
        ),
        ("suite hash", p.suite_hash.clone()),
        ("cases", p.case_count.to_string()),
        ("target", p.target.url.clone()),
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
