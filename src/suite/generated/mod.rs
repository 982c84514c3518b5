//! Cases generated from the contract data at load time, never written to
//! disk: every equivalence class ([`crate::contract::classes`]) of every
//! observable rule whose parameter a generated request can carry.
//!
//! Each class is instantiated for each rule of its kind, one file per kind
//! of instantiation: text parameters ([`text`]: lengths, first characters,
//! character sets, ASCII, forbidden prefixes and texts, value lists, signed
//! text), integer ranges ([`numbers`]), index ranges ([`index`]) and
//! requests spelled as real clients spell them ([`spelling`]: each with the
//! `formats:`, `wire:` and `tamper:` its spelling needs). A
//! value's answer comes from the contract's limits
//! ([`crate::contract::classes::admits`]); where the document is ambiguous
//! the case lists the readings (`one_of`, named after the ambiguity's
//! readings), and where it names no error row the code must name the
//! parameter ([`answer`]). A class another rule of the same parameter
//! decides first is not applicable to the rule ([`plan`] says why).
//!
//! The cases are rendered as one YAML case file ([`yaml`]) and read by the
//! same loader as the files in `cases/`, as if it were the file [`PATH`];
//! their ids are `generated.RULE.VARIANT`
//! (`generated.image-name.length.max-plus-1`), their area is `Generated`,
//! and each carries the tag `class:ID` of the class it exercises.

mod answer;
mod index;
mod names;
mod numbers;
mod spelling;
mod subjects;
mod text;

use std::fmt::Write as _;

use crate::contract::classes::{self, Class};
use crate::contract::params::{self, Limit, Param, Rule};
use crate::wire::{Format, WireStyle};

use answer::Answer;
use names::kebab;

/// The name the generated cases are loaded under (no such file exists).
pub const PATH: &str = "<generated>";

/// The tag that names the class a case exercises: `class:ID`.
pub const CLASS_TAG: &str = "class:";

/// One value of a class for a rule, with its answer.
struct Instance {
    /// The last part of the case id.
    variant: String,
    params: Vec<(String, String)>,
    /// `Err(why)`: the class is not applicable to the rule for this value.
    answer: Result<Answer, String>,
    /// `Some(why)`: no snapshot, for this reason.
    no_snapshot: Option<&'static str>,
    sending: Sending,
}

/// How a case's request is sent where not as the run's: the formats and
/// request styles it runs in (empty: the run's), and its `tamper:` (a YAML
/// flow map).
#[derive(Clone, Debug, Default)]
struct Sending {
    formats: Vec<Format>,
    wire: Vec<WireStyle>,
    tamper: Option<String>,
}

/// One generated case.
struct Generated {
    id: String,
    rule: &'static str,
    class: &'static str,
    params: Vec<(String, String)>,
    answer: Answer,
    no_snapshot: Option<&'static str>,
    sending: Sending,
}

/// A class of a rule and whether the generated cases exercise it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Planned {
    pub rule: &'static str,
    pub class: &'static Class,
    /// `Some(why)` when no generated case can exercise the class for this
    /// rule (another rule decides every value first, or no generated
    /// request carries the parameter).
    pub not_applicable: Option<String>,
}

const HEADER: &str = "# Generated from src/contract/ at load time (src/suite/generated/).\narea: Generated\ncases:\n";

/// The generated case file.
pub fn yaml() -> String {
    let mut out = String::from(HEADER);
    for case in cases() {
        render(&mut out, &case);
    }
    out
}

/// The generated case file in `parts` documents of about equal size, to be
/// read at the same time. Each is the file's header and a run of its cases,
/// preceded by blank lines so that every case sits on the line it has in
/// [`yaml`]: a message about a generated case names the same line either way.
pub fn yaml_parts(parts: usize) -> Vec<String> {
    let cases = cases();
    let per_part = cases.len().div_ceil(parts.max(1)).max(1);
    let header_lines = HEADER.lines().count();
    let mut lines_before = header_lines;
    let mut out = Vec::new();
    for chunk in cases.chunks(per_part) {
        let mut part = "\n".repeat(lines_before - header_lines);
        part.push_str(HEADER);
        let start = part.len();
        for case in chunk {
            render(&mut part, case);
        }
        lines_before += part[start..].lines().count();
        out.push(part);
    }
    out
}

/// Every class of every observable rule, with why it is not applicable.
pub fn plan() -> Vec<Planned> {
    let mut out = Vec::new();
    for (param, rule) in params::rules() {
        if rule.unobservable.is_some() {
            continue;
        }
        for class in classes::of(rule) {
            let found = instances(param, rule, class);
            let not_applicable = if found.is_empty() {
                Some(
                    "no generated request carries this parameter: its cases are written by hand"
                        .to_owned(),
                )
            } else if found.iter().all(|i| i.answer.is_err()) {
                let why: Vec<String> = found.into_iter().filter_map(|i| i.answer.err()).collect();
                Some(why.join("; "))
            } else {
                None
            };
            out.push(Planned {
                rule: rule.id,
                class,
                not_applicable,
            });
        }
    }
    out
}

fn instances(param: &Param, rule: &'static Rule, class: &Class) -> Vec<Instance> {
    match rule.limit {
        Limit::SizeRange { .. } => numbers::instances(rule, class),
        Limit::Count(_) => index::instances(rule, class),
        Limit::Spelling(_) => spelling::instances(rule, class),
        _ => subjects::of(param, rule)
            .map(|s| text::instances(s, rule, class))
            .unwrap_or_default(),
    }
}

fn cases() -> Vec<Generated> {
    let mut out = Vec::new();
    for (param, rule) in params::rules() {
        if rule.unobservable.is_some() {
            continue;
        }
        for class in classes::of(rule) {
            for instance in instances(param, rule, class) {
                let Ok(answer) = instance.answer else {
                    continue;
                };
                out.push(Generated {
                    id: format!("generated.{}.{}", kebab(rule.id), instance.variant),
                    rule: rule.id,
                    class: class.id,
                    params: instance.params,
                    answer,
                    no_snapshot: instance.no_snapshot,
                    sending: instance.sending,
                });
            }
        }
    }
    out
}

/// `text` as a YAML double-quoted scalar: JSON's escapes, and `\uXXXX` for
/// every character YAML may not hold raw or may read as a line break
/// (U+007F–U+009F, U+2028, U+2029, U+FEFF).
fn quoted(text: &str) -> String {
    let json = serde_json::to_string(text).unwrap_or_default();
    let mut out = String::with_capacity(json.len());
    for c in json.chars() {
        if c.is_control() || matches!(c, '\u{2028}' | '\u{2029}' | '\u{feff}') {
            out.push_str(&format!("\\u{:04X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

fn render(out: &mut String, case: &Generated) {
    let _ = writeln!(out, "  - id: {}", case.id);
    let _ = writeln!(out, "    rule: {}", case.rule);
    let _ = writeln!(
        out,
        "    tags: [{}]",
        quoted(&format!("{CLASS_TAG}{}", case.class))
    );
    let names = |names: Vec<&str>| names.join(", ");
    if !case.sending.formats.is_empty() {
        let formats = case.sending.formats.iter().map(|f| f.name()).collect();
        let _ = writeln!(out, "    formats: [{}]", names(formats));
    }
    if !case.sending.wire.is_empty() {
        let wire = case.sending.wire.iter().map(|w| w.name()).collect();
        let _ = writeln!(out, "    wire: [{}]", names(wire));
    }
    if let Some(why) = case.no_snapshot {
        let _ = writeln!(out, "    # {why}");
        let _ = writeln!(out, "    snapshot: false");
    }
    let _ = writeln!(out, "    request:");
    for (key, value) in &case.params {
        let _ = writeln!(out, "      {key}: {}", quoted(value));
    }
    if let Some(tamper) = &case.sending.tamper {
        let _ = writeln!(out, "    tamper: {tamper}");
    }
    let _ = writeln!(out, "    expect:");
    answer::render(out, &case.answer, "      ");
}

#[cfg(test)]
mod tests;
