//! Every expectation traced to the sentence that fixes it.
//!
//! A case asserts parts of an answer: its status, code, message, content
//! type, XML root, body fields, `only`. Each part must rest on words of
//! `CreateImage.md` or `wire-protocol.md` ([`Quote`]); [`of_expect`] finds
//! them, part by part:
//!
//! - a code is fixed by a rule of the case that names it — a rule with a
//!   documented error row of that code, or whose own quotes name the code
//!   (the gateway table) — with the rule's quotes and the row; among the
//!   readings of a `one_of`, by a rule of the same parameter too; a rule whose
//!   error is the suite's choice ([`Basis::ErrorChosen`]) fixes no literal
//!   code, only a code that names the parameter (`Invalid(Parameter|…)`,
//!   [`sentences::MALFORMED_FAMILY`]); a rule that is itself the suite's
//!   reading ([`Basis::RuleChosen`]) fixes a code only among readings
//!   (`one_of`);
//! - a status and a message are fixed by the row that fixes the code (200
//!   by the success envelope and a rule of the case);
//! - the envelope's parts (`RequestId`, `ImageId`, content type, root,
//!   `only`, `HostId`) by the envelope sentences of [`sentences`];
//! - a reading of a `one_of` named after a documented reading of an
//!   ambiguity that a rule of the case names, by what the document says
//!   there ([`crate::contract::ambiguities`]);
//! - anything, by the block's own `because:` quotes.
//!
//! A part with no sentence is *untraced*: [`untraced`] lists them, and
//! `cargo test` fails on any in the shipped suite. A failed run prints the
//! sentences of what failed ([`explain`]), so an implementer can tell from
//! the report alone whether to fix their code or dispute the case.

use std::collections::BTreeSet;

use crate::check::Failure;
use crate::contract::ambiguities::Ambiguity;
use crate::contract::documents::Quote;
use crate::contract::errors::{ERROR_ROWS, ErrorRow};
use crate::contract::params::{self, Basis, Rule};
use crate::contract::sentences::{self, GatewayRow};

use super::Loc;
use super::model::{Case, Expect, Expectation, Matcher, Piece, Step, Template};

/// One asserted part of an expectation and the sentences that fix it
/// (empty: untraced).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Traced {
    /// As a failure names it: `status`, `code`, `message`, `content_type`,
    /// `root`, `body.ImageId`, `only`.
    pub part: String,
    pub loc: Option<Loc>,
    pub because: Vec<Quote>,
}

/// The rules a case names.
fn rules_of(case: &Case) -> Vec<&'static Rule> {
    case.rules
        .iter()
        .filter_map(|id| params::find(id))
        .collect()
}

/// The rules of the parameters the case names rules of: among readings,
/// a case about one rule of `ImageName` may accept the row of another
/// (a name already taken, beside a name of the shortest length).
fn siblings_of(case: &Case) -> Vec<&'static Rule> {
    let mut out: Vec<&'static Rule> = Vec::new();
    for (param, _) in params::rules().filter(|(_, rule)| case.rules.iter().any(|id| id == rule.id))
    {
        for rule in param.rules {
            if !out.iter().any(|r| r.id == rule.id) {
                out.push(rule);
            }
        }
    }
    out
}

/// A literal value of a matcher (no templates but text).
fn literal(matcher: &Matcher) -> Option<&str> {
    match matcher {
        Matcher::Equals(Template { pieces }) => match pieces.as_slice() {
            [Piece::Text(text)] => Some(text),
            _ => None,
        },
        _ => None,
    }
}

/// The code an answer with this code matcher gives, when it is one value.
fn codes(matcher: &Matcher) -> Vec<&str> {
    match matcher {
        Matcher::OneOf(options) => options.iter().filter_map(literal).collect(),
        other => literal(other).into_iter().collect(),
    }
}

/// The quotes of the documented readings named `reading` (or, for a
/// flattened name `a.b`, any of its segments) of the ambiguities the
/// case's rules name.
fn reading_quotes(rules: &[&'static Rule], reading: &str) -> Vec<Quote> {
    let mut out = Vec::new();
    for rule in rules {
        for id in rule.ambiguities {
            let Some(ambiguity) = Ambiguity::by_id(id) else {
                continue;
            };
            let named = std::iter::once(reading)
                .chain(reading.split('.'))
                .any(|name| ambiguity.reading(name).is_some());
            if named && ambiguity.readings.len() > 1 {
                out.extend(ambiguity.quotes());
            }
        }
    }
    out
}

/// The rows of the error table and the gateway table that give `code`
/// (with `status`, when given).
fn rows_for(
    code: &str,
    status: Option<u16>,
) -> (Vec<&'static ErrorRow>, Option<&'static GatewayRow>) {
    let rows = ERROR_ROWS
        .iter()
        .filter(|row| row.code == code && status.is_none_or(|s| s == row.status))
        .collect();
    let gateway = GatewayRow::by_code(code).filter(|row| status.is_none_or(|s| s == row.status));
    (rows, gateway)
}

/// The quotes of the rules that fix `code`: a rule with a row of that
/// code, or whose quotes name it. `among_readings`: the code is one
/// reading of a `one_of`, where a rule that is the suite's own reading
/// may stand.
fn rules_fixing(rules: &[&'static Rule], code: &str, among_readings: bool) -> Vec<Quote> {
    let mut out = Vec::new();
    for rule in rules {
        let allowed = match rule.basis {
            Basis::Documented => true,
            Basis::RuleChosen => among_readings,
            Basis::ErrorChosen => false,
        };
        let names_it = rule
            .errors
            .iter()
            .filter_map(|id| ErrorRow::by_id(id))
            .any(|row| row.code == code)
            || rule.quotes.iter().any(|q| q.text.contains(code));
        if allowed && names_it {
            out.extend(rule.quotes.iter().cloned());
        }
    }
    out
}

/// The quotes of every rule of the case.
fn all_rule_quotes(rules: &[&'static Rule]) -> Vec<Quote> {
    rules
        .iter()
        .flat_map(|r| r.quotes.iter().cloned())
        .collect()
}

/// Each asserted part of one block of expectations (`reading`: the name of
/// its `one_of` reading, if any) with the sentences that fix it.
pub fn of_expect(case: &Case, expect: &Expect, reading: Option<&str>) -> Vec<Traced> {
    let rules = rules_of(case);
    let among_readings = reading.is_some();
    let mut shared: Vec<Quote> = expect.because.clone();
    if let Some(name) = reading {
        shared.extend(reading_quotes(&rules, name));
    }
    let status = expect.status.as_ref().map(|s| s.value);
    let mut out = Vec::new();
    let mut part = |part: &str, loc: Option<&Loc>, mut because: Vec<Quote>| {
        because.extend(shared.iter().cloned());
        dedup(&mut because);
        out.push(Traced {
            part: part.to_owned(),
            loc: loc.cloned(),
            because,
        });
    };

    // The code, and the rows that fix it.
    let mut rows: Vec<Quote> = Vec::new();
    let mut code_quotes: Vec<Quote> = Vec::new();
    if let Some(code) = &expect.code {
        let literal_codes = codes(&code.value);
        if !literal_codes.is_empty() {
            let mut all = true;
            let siblings = siblings_of(case);
            for c in &literal_codes {
                let (error_rows, gateway) = rows_for(c, status);
                let mut fixing = rules_fixing(&rules, c, among_readings);
                if fixing.is_empty() && among_readings {
                    fixing = rules_fixing(&siblings, c, true);
                }
                let row_quotes: Vec<Quote> = error_rows
                    .iter()
                    .map(|r| r.quote())
                    .chain(gateway.map(GatewayRow::quote))
                    .collect();
                if fixing.is_empty() || row_quotes.is_empty() {
                    all = false;
                }
                code_quotes.extend(fixing);
                rows.extend(row_quotes);
            }
            if !all {
                code_quotes.clear();
                rows.clear();
            }
        } else if let Matcher::Regex(pattern) = &code.value
            && pattern.as_str().contains("Invalid(Parameter|")
            && !rules.is_empty()
        {
            code_quotes = all_rule_quotes(&rules);
            if !code_quotes.is_empty() {
                code_quotes.extend(sentences::MALFORMED_FAMILY.iter().cloned());
                rows.extend(sentences::MALFORMED_FAMILY.iter().cloned());
            }
        }
        let mut because = code_quotes.clone();
        if !because.is_empty() {
            because.extend(rows.iter().cloned());
        }
        part("code", Some(&code.loc), because);
    }

    if let Some(s) = &expect.status {
        let because = if s.value == 200 {
            let rules = all_rule_quotes(&rules);
            if rules.is_empty() {
                Vec::new()
            } else {
                rules
                    .into_iter()
                    .chain(sentences::SUCCESS.iter().cloned())
                    .collect()
            }
        } else if !rows.is_empty() {
            code_quotes.iter().chain(&rows).cloned().collect()
        } else if expect.code.is_none() {
            status_only(&rules, s.value)
        } else {
            Vec::new()
        };
        part("status", Some(&s.loc), because);
    }

    if let Some(message) = &expect.message {
        let because = match &message.value {
            Matcher::Absent => sentences::SUCCESS_FIELDS.to_vec(),
            _ if !rows.is_empty() => rows.clone(),
            _ => Vec::new(),
        };
        part("message", Some(&message.loc), because);
    }
    if let Some(content_type) = &expect.content_type {
        let mut because = sentences::CONTENT_TYPE.to_vec();
        because.extend(sentences::FORMAT.iter().cloned());
        part("content_type", Some(&content_type.loc), because);
    }
    if let Some(root) = &expect.root {
        let mut because = sentences::XML_ROOT.to_vec();
        because.extend(sentences::FORMAT.iter().cloned());
        part("root", Some(&root.loc), because);
    }
    for field in &expect.body {
        let because = body_field(&rules, &field.path, &field.matcher, &rows);
        part(&format!("body.{}", field.path), Some(&field.loc), because);
    }
    if let Some(loc) = &expect.only {
        let because = if status == Some(200) {
            sentences::SUCCESS_FIELDS.to_vec()
        } else {
            sentences::ERROR_ENVELOPE.to_vec()
        };
        part("only", Some(loc), because);
    }
    out
}

/// A status asserted without a code: fixed where every row of the case's
/// rules has that status.
fn status_only(rules: &[&'static Rule], status: u16) -> Vec<Quote> {
    let mut out = Vec::new();
    for rule in rules {
        let rows: Vec<&ErrorRow> = rule
            .errors
            .iter()
            .filter_map(|id| ErrorRow::by_id(id))
            .collect();
        if rule.basis == Basis::Documented
            && !rows.is_empty()
            && rows.iter().all(|r| r.status == status)
        {
            out.extend(rule.quotes.iter().cloned());
            out.extend(rows.iter().map(|r| r.quote()));
        } else if rule.basis == Basis::ErrorChosen && status == 400 {
            out.extend(rule.quotes.iter().cloned());
            out.extend(sentences::MALFORMED_FAMILY.iter().cloned());
        }
    }
    if out
        .iter()
        .all(|q| !rules.iter().any(|r| r.quotes.contains(q)))
    {
        out.clear();
    }
    out
}

/// The sentences of one body field.
fn body_field(
    rules: &[&'static Rule],
    path: &str,
    matcher: &Matcher,
    rows: &[Quote],
) -> Vec<Quote> {
    match (path, matcher) {
        ("RequestId", Matcher::Absent) => Vec::new(),
        ("RequestId", _) => sentences::REQUEST_ID.to_vec(),
        ("ImageId", Matcher::Absent) => sentences::ERROR_ENVELOPE.to_vec(),
        ("ImageId", Matcher::Shape(_) | Matcher::Present) => sentences::IMAGE_ID.to_vec(),
        ("Code" | "Message", Matcher::Absent) => sentences::SUCCESS_FIELDS.to_vec(),
        ("Code" | "Message", _) if !rows.is_empty() => rows.to_vec(),
        ("HostId" | "Recommend", Matcher::Present | Matcher::Absent) => {
            sentences::ERROR_ENVELOPE.to_vec()
        }
        // A value taken from an earlier answer, or a value of the
        // request: what the rule of the case says about it.
        _ => all_rule_quotes(rules),
    }
}

fn dedup(quotes: &mut Vec<Quote>) {
    let mut seen = BTreeSet::new();
    quotes.retain(|q| seen.insert(q.clone()));
}

/// Every block of expectations of a step, with its reading's name.
fn blocks(step: &Step) -> Vec<(Option<&str>, &Expect)> {
    match &step.expect {
        Expectation::Single(expect) => vec![(None, expect.as_ref())],
        Expectation::OneOf(readings) => readings
            .iter()
            .map(|r| (Some(r.name.as_str()), &r.expect))
            .collect(),
    }
}

/// The parts of a case that no sentence fixes: `(step, reading, part)`
/// with the place of the part.
pub fn untraced(case: &Case) -> Vec<Untraced> {
    let mut out = Vec::new();
    for step in &case.steps {
        for (reading, expect) in blocks(step) {
            for traced in of_expect(case, expect, reading) {
                if traced.because.is_empty() {
                    out.push(Untraced {
                        step: step.name.clone(),
                        reading: reading.map(str::to_owned),
                        part: traced.part,
                        loc: traced.loc,
                    });
                }
            }
        }
        if let Some(concurrent) = &step.concurrent
            && (!concurrent.distinct.is_empty() || !concurrent.tally.is_empty())
            && all_rule_quotes(&rules_of(case)).is_empty()
        {
            out.push(Untraced {
                step: step.name.clone(),
                reading: None,
                part: "concurrent".to_owned(),
                loc: Some(concurrent.loc.clone()),
            });
        }
    }
    out
}

/// How many parts the case's expectations assert, readings counted apart.
pub fn parts(case: &Case) -> usize {
    case.steps
        .iter()
        .map(|step| {
            blocks(step)
                .into_iter()
                .map(|(reading, expect)| of_expect(case, expect, reading).len())
                .sum::<usize>()
        })
        .sum()
}

/// An asserted part that no sentence fixes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Untraced {
    pub step: String,
    pub reading: Option<String>,
    pub part: String,
    pub loc: Option<Loc>,
}

/// Gives each failure of `step` the sentences that fix what it checked,
/// and, for a `one_of` that no reading matched, every accepted answer.
pub fn explain(case: &Case, step: &Step, failures: &mut [Failure]) {
    for failure in failures.iter_mut() {
        if failure.what == "one_of" {
            let Expectation::OneOf(readings) = &step.expect else {
                continue;
            };
            let mut because = Vec::new();
            for reading in readings {
                for traced in of_expect(case, &reading.expect, Some(&reading.name)) {
                    because.extend(traced.because);
                }
                failure
                    .accepted
                    .push(accepted(&reading.name, &reading.expect));
            }
            dedup(&mut because);
            failure.because = because;
            continue;
        }
        let Expectation::Single(expect) = &step.expect else {
            continue;
        };
        if let Some(traced) = of_expect(case, expect, None)
            .into_iter()
            .find(|t| t.part == failure.what)
        {
            failure.because = traced.because;
        } else if failure.what.starts_with("distinct.") || failure.what.starts_with("tally.") {
            failure.because = all_rule_quotes(&rules_of(case));
        }
        dedup(&mut failure.because);
    }
}

fn literal_text(template: &Template) -> Option<String> {
    template
        .pieces
        .iter()
        .map(|piece| match piece {
            Piece::Text(text) => Some(text.clone()),
            _ => None,
        })
        .collect()
}

/// One accepted answer of a `one_of`, in a line: `reading \`x\`: 400 Code`.
fn accepted(name: &str, expect: &Expect) -> String {
    let mut parts = Vec::new();
    if let Some(status) = &expect.status {
        parts.push(status.value.to_string());
    }
    if let Some(code) = &expect.code {
        parts.push(crate::check::describe(&code.value, &|t: &Template| {
            literal_text(t)
        }));
    }
    if parts.is_empty() {
        parts.push("(see the case)".to_owned());
    }
    format!("reading `{name}`: {}", parts.join(" "))
}
