//! [`Finding`]: a shrunk disagreement as a ready-to-add case file — the
//! rule it breaks, the target's and the reference's codes, and the case in
//! the suite's YAML format with the reference emulator's answers as its
//! expectations (a `one_of` where documented readings answer differently),
//! headed by the seed and the command that reproduces it.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::contract::errors::ERROR_ROWS;
use crate::contract::params;
use crate::wire::NonceShape;
use crate::wire::request::Tampering;

use super::Disagreement;
use super::Explorer;
use super::answer::Outcome;
use super::draft::{Draft, FormatChoice, Gateway, Origin, Shape, WRONG_SECURITY_TOKEN};
use super::resolve;

/// One deduplicated, shrunk disagreement.
#[derive(Clone, Debug)]
pub struct Finding {
    pub rule: String,
    pub target_code: String,
    pub reference_code: String,
    pub seed: u64,
    pub salt: u64,
    pub index: u64,
    pub draft: Draft,
    /// The case file.
    pub yaml: String,
}

impl Finding {
    pub async fn new(explorer: &Explorer, found: Disagreement) -> Finding {
        let rule = rule_of(&found.draft, &found.reference_code, &found.target_code);
        let readings = explorer.readings_of(&found.draft).await;
        let mut finding = Finding {
            rule,
            target_code: found.target_code,
            reference_code: found.reference_code,
            seed: explorer.seed(),
            salt: explorer.salt(),
            index: found.index,
            draft: found.draft,
            yaml: String::new(),
        };
        finding.yaml = finding.render(&explorer.options.reproduce, &readings);
        finding
    }

    /// What findings are deduplicated by.
    pub fn key(&self) -> (String, String, String) {
        (
            self.rule.clone(),
            self.target_code.clone(),
            self.reference_code.clone(),
        )
    }

    /// `explore.RULE.TARGET-vs-REFERENCE`, in kebab case.
    pub fn id(&self) -> String {
        format!(
            "explore.{}.{}-vs-{}",
            kebab(&self.rule),
            kebab(&self.target_code),
            kebab(&self.reference_code)
        )
    }

    /// Writes the case file into `dir` as `ID.yaml`.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("{}.yaml", self.id()));
        std::fs::write(&path, &self.yaml)?;
        Ok(path)
    }

    fn render(&self, reproduce: &str, readings: &[(String, Vec<Outcome>)]) -> String {
        let draft = &self.draft;
        let mut out = String::new();
        let _ = writeln!(
            out,
            "# yaml-language-server: $schema=../docs/case.schema.json\n\
             # Found by `createimage-contract explore` with seed {}, salt {}\n\
             # (case {}): the target answered {} where the reference emulator answers {}.\n\
             # Reproduce: {reproduce}",
            self.seed,
            super::salt_hex(self.salt),
            self.index,
            self.target_code,
            self.reference_code
        );
        let _ = writeln!(out, "area: Explore\ncases:");
        out.push_str(&case_text(&self.id(), &self.rule, draft, readings));
        out
    }
}

/// One case of a finding's file, from `  - id:` on: the draft's steps as
/// requests, with the reference emulator's answers as expectations.
pub fn case_text(
    id: &str,
    rule: &str,
    draft: &Draft,
    readings: &[(String, Vec<Outcome>)],
) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "  - id: {id}");
    let _ = writeln!(out, "    rule: {rule}");
    if draft.account != "default" {
        let _ = writeln!(out, "    account: {}", draft.account);
    }
    let format = match draft.format {
        FormatChoice::Xml => "xml",
        FormatChoice::Json | FormatChoice::Omitted => "json",
    };
    let _ = writeln!(out, "    formats: [{format}]");
    let _ = writeln!(out, "    wire: [{}]", draft.style.name());
    let _ = writeln!(out, "    snapshot: false");
    let _ = writeln!(out, "    steps:");
    let steps = draft.steps();
    let count = if draft.shape == Shape::Concurrent {
        1
    } else {
        steps.len()
    };
    for (i, params) in steps.iter().take(count).enumerate() {
        let _ = writeln!(out, "      - name: {}", STEP_NAMES[i]);
        let account = draft.shape.account_of(i, &draft.account);
        if account != draft.account {
            let _ = writeln!(out, "        account: {account}");
        }
        let _ = writeln!(out, "        request:");
        if params.is_empty() {
            let _ = writeln!(out, "          {{}}");
        }
        for param in params {
            let _ = writeln!(
                out,
                "          {}: {}",
                quoted(&param.key),
                quoted(&param.template())
            );
        }
        tamper(&mut out, draft, i);
        if draft.shape == Shape::Concurrent {
            concurrent(&mut out, readings);
        } else {
            expectation(&mut out, readings, i);
        }
    }
    out
}

const STEP_NAMES: [&str; 2] = ["first", "second"];

fn tamper(out: &mut String, draft: &Draft, step: usize) {
    let mut lines: Vec<String> = Vec::new();
    if step == 0 {
        match &draft.gateway {
            Gateway::Intact => {}
            Gateway::WrongSecret => lines.push("wrong_secret: true".into()),
            Gateway::UnknownAccessKey => lines.push("unknown_access_key: true".into()),
            Gateway::TimestampOffset(s) => lines.push(format!("timestamp_offset: {s}s")),
            Gateway::Without(name) => lines.push(format!("without: [{name}]")),
            Gateway::Strip(name) => lines.push(format!("strip: [{name}]")),
            Gateway::AccessKey(variant) => lines.push(format!("access_key: {}", variant.name())),
            Gateway::Appended(place, name, value) => {
                lines.push(format!("{}: {{ {name}: {} }}", place.key(), quoted(value)))
            }
            Gateway::Altered(name, value) => {
                lines.push(format!("alter: {{ {name}: {} }}", quoted(value)))
            }
            Gateway::UnsignedHeader(name) => lines.push(format!("unsigned_headers: [{name}]")),
            Gateway::SecurityTokenOmitted => lines.push("without: [SecurityToken]".into()),
            Gateway::SecurityTokenWrong => {}
            Gateway::SecurityTokenOf(other) => lines.push(format!("security_token_of: {other}")),
        }
    }
    let wrong_token = step == 0 && draft.gateway == Gateway::SecurityTokenWrong;
    if draft.format == FormatChoice::Omitted {
        match lines.iter_mut().find(|l| l.starts_with("without: [")) {
            Some(line) => *line = line.replace("without: [", "without: [Format, "),
            None => lines.push("without: [Format]".into()),
        }
    }
    if step == 1 && draft.shape == Shape::SameNonceTwice {
        lines.push("reuse_nonce: first".into());
    }
    lines.extend(spelling_lines(draft));
    if wrong_token {
        let entry = format!("SecurityToken: {}", quoted(WRONG_SECURITY_TOKEN));
        match lines.iter_mut().find(|l| l.starts_with("spell: { ")) {
            Some(line) => *line = line.replace("spell: { ", &format!("spell: {{ {entry}, ")),
            None => lines.push(format!("spell: {{ {entry} }}")),
        }
    }
    if !lines.is_empty() {
        let _ = writeln!(out, "        tamper:");
        for line in lines {
            let _ = writeln!(out, "          {line}");
        }
    }
}

/// The `tamper:` keys of the draft's client spelling (every step's), as
/// [`resolve::spell`] sends it.
fn spelling_lines(draft: &Draft) -> Vec<String> {
    let mut tampering = Tampering::default();
    resolve::spell(draft, &mut tampering);
    let map = |pairs: &[(String, String)]| {
        let entries: Vec<String> = pairs
            .iter()
            .map(|(name, value)| format!("{name}: {}", quoted(value)))
            .collect();
        format!("{{ {} }}", entries.join(", "))
    };
    let mut lines = Vec::new();
    if !tampering.spell.is_empty() {
        lines.push(format!("spell: {}", map(&tampering.spell)));
    }
    if !tampering.add.is_empty() {
        lines.push(format!("add: {}", map(&tampering.add)));
    }
    if tampering.nonce != NonceShape::default() {
        lines.push(format!("nonce: {}", tampering.nonce));
    }
    if tampering.plus_for_space {
        lines.push("plus_for_space: true".to_owned());
    }
    lines
}

/// Step `i`'s expectation: each distinct answer of the oracles, named by
/// the first reading that gives it.
fn expectation(out: &mut String, readings: &[(String, Vec<Outcome>)], i: usize) {
    let mut distinct: Vec<(String, String)> = Vec::new();
    for (reading, outcomes) in readings {
        let Some(expect) = expect_lines(outcomes, i, true) else {
            continue;
        };
        if !distinct.iter().any(|(_, e)| *e == expect) {
            distinct.push((reading.clone(), expect));
        }
    }
    let _ = writeln!(out, "        expect:");
    match distinct.as_slice() {
        [] => {
            let _ = writeln!(out, "          status: 200");
        }
        [(_, only)] => indent(out, only, "          "),
        several => {
            let _ = writeln!(out, "          one_of:");
            for (reading, expect) in several {
                let _ = writeln!(out, "            - reading: {}", quoted(reading));
                indent(out, expect, "              ");
            }
        }
    }
}

/// Two copies at once: each answer is one of the default oracle's two.
fn concurrent(out: &mut String, readings: &[(String, Vec<Outcome>)]) {
    let Some((_, outcomes)) = readings.first() else {
        return;
    };
    let created = outcomes
        .iter()
        .filter(|o| o.as_ref().is_ok_and(|o| o.field("ImageId").is_some()))
        .count();
    let _ = writeln!(out, "        concurrent:");
    let _ = writeln!(out, "          count: 2");
    if created == 1 {
        let _ = writeln!(out, "          distinct: {{ ImageId: 1 }}");
    }
    let mut distinct: Vec<String> = Vec::new();
    for i in 0..outcomes.len() {
        if let Some(expect) = expect_lines(outcomes, i, false)
            && !distinct.contains(&expect)
        {
            distinct.push(expect);
        }
    }
    let _ = writeln!(out, "        expect:");
    let _ = writeln!(out, "          one_of:");
    for (n, expect) in distinct.iter().enumerate() {
        let _ = writeln!(out, "            - reading: answer-{}", n + 1);
        indent(out, expect, "              ");
    }
}

fn indent(out: &mut String, lines: &str, prefix: &str) {
    for line in lines.lines() {
        let _ = writeln!(out, "{prefix}{line}");
    }
}

/// The expectation of answer `i` of `outcomes`, as YAML lines; `steps`:
/// the answers are those of successive steps (not of copies sent at once).
fn expect_lines(outcomes: &[Outcome], i: usize, steps: bool) -> Option<String> {
    let observed = outcomes.get(i)?.as_ref().ok()?;
    let mut out = String::new();
    let _ = writeln!(out, "status: {}", observed.status);
    if let Some(content_type) = &observed.content_type {
        let essence = content_type.split(';').next().unwrap_or("").trim();
        let _ = writeln!(out, "content_type: {{ media_type: {} }}", quoted(essence));
    }
    if let Some(root) = &observed.body.root {
        let _ = writeln!(out, "root: {}", quoted(root));
    }
    let code = observed.field("Code").and_then(Value::as_str);
    if let Some(code) = code {
        let _ = writeln!(out, "code: {}", quoted(code));
    }
    if let Some(message) = observed.field("Message").and_then(Value::as_str)
        && !message.contains("string to sign")
    {
        let _ = writeln!(out, "message: {}", quoted(message));
    }
    let _ = writeln!(out, "body:");
    let _ = writeln!(out, "  RequestId: {{ is: request-id }}");
    match observed.field("ImageId").and_then(Value::as_str) {
        Some(id) => {
            let earlier = outcomes[..i].iter().position(|o| {
                o.as_ref()
                    .ok()
                    .and_then(|o| o.field("ImageId"))
                    .and_then(Value::as_str)
                    == Some(id)
            });
            match earlier {
                Some(j) => {
                    let _ = writeln!(
                        out,
                        "  ImageId: \"{{{{steps.{}.ImageId}}}}\"",
                        STEP_NAMES[j]
                    );
                }
                None => {
                    // A new image: none of the earlier steps' images.
                    let others: Vec<String> = (0..i)
                        .filter(|_| steps)
                        .filter(|&j| {
                            outcomes[j]
                                .as_ref()
                                .is_ok_and(|o| o.field("ImageId").is_some())
                        })
                        .map(|j| {
                            format!(", {{ not: \"{{{{steps.{}.ImageId}}}}\" }}", STEP_NAMES[j])
                        })
                        .collect();
                    if others.is_empty() {
                        let _ = writeln!(out, "  ImageId: {{ is: image-id }}");
                    } else {
                        let _ = writeln!(
                            out,
                            "  ImageId: {{ all_of: [{{ is: image-id }}{}] }}",
                            others.concat()
                        );
                    }
                }
            }
        }
        None => {
            let _ = writeln!(out, "  ImageId: {{ is: absent }}");
        }
    }
    if code.is_none() {
        let _ = writeln!(out, "  Code: {{ is: absent }}");
    }
    Some(out)
}

/// The rule a disagreement breaks: the rule of the client spelling the
/// case uses, if any (shrinking keeps a spelling only where the
/// disagreement needs it: the harness's own spelling is the simplest); else
/// the gateway rule of the damage the case carries, if any; else
/// one whose error row has the reference's (else the target's) code and
/// whose parameter the case carries; else the rule of a value the case
/// took from the suite; else `Request`.
pub fn rule_of(draft: &Draft, reference_code: &str, target_code: &str) -> String {
    if let Some(rule) = spelling_rule(draft).or_else(|| damage_rule(&draft.gateway)) {
        return rule.to_owned();
    }
    for code in [reference_code, target_code] {
        let code = code.split_once(' ').map_or(code, |(_, c)| c);
        let rows: Vec<&str> = ERROR_ROWS
            .iter()
            .filter(|row| row.code == code)
            .map(|row| row.id)
            .collect();
        let mut fallback = None;
        for (param, rule) in params::rules() {
            if !rule.errors.iter().any(|e| rows.contains(e)) {
                continue;
            }
            if draft.params.iter().any(|p| names(param.name, &p.key)) {
                return rule.id.to_owned();
            }
            fallback.get_or_insert(rule.id);
        }
        if let Some(rule) = fallback {
            return rule.to_owned();
        }
    }
    draft
        .params
        .iter()
        .find_map(|p| match &p.origin {
            Origin::Class(rule, _) | Origin::Case(rule) if !rule.is_empty() => Some(rule.clone()),
            _ => None,
        })
        .unwrap_or_else(|| "Request".to_owned())
}

/// The gateway rule a damaged signature breaks (none for a part left out,
/// which may be a signature part or a common parameter).
fn damage_rule(gateway: &Gateway) -> Option<&'static str> {
    match gateway {
        // A shifted timestamp may be inside the window.
        Gateway::Intact | Gateway::Without(_) | Gateway::TimestampOffset(_) => None,
        Gateway::WrongSecret | Gateway::Strip(_) | Gateway::Appended(..) | Gateway::Altered(..) => {
            Some("Gateway.signature")
        }
        Gateway::UnknownAccessKey | Gateway::AccessKey(_) => Some("Gateway.access-key"),
        Gateway::UnsignedHeader(_) => Some("Gateway.signed-headers"),
        Gateway::SecurityTokenOmitted
        | Gateway::SecurityTokenWrong
        | Gateway::SecurityTokenOf(_) => Some("Gateway.security-token"),
    }
}

/// The rule of the first part of the draft's spelling that is not the
/// harness's own.
fn spelling_rule(draft: &Draft) -> Option<&'static str> {
    let spelling = &draft.spelling;
    let mut tampering = Tampering::default();
    resolve::spell(draft, &mut tampering);
    [
        (!tampering.spell.is_empty(), "Format.case-insensitive"),
        (!tampering.add.is_empty(), "Gateway.empty-parameter"),
        (
            spelling.nonce != NonceShape::default(),
            "Gateway.nonce-shapes",
        ),
        (spelling.plus_for_space, "Gateway.plus-as-space"),
    ]
    .into_iter()
    .find_map(|(spelled, rule)| spelled.then_some(rule))
}

/// Whether the documented name (`Tag.N.Key`) names the request key (`Tag.3.Key`).
fn names(documented: &str, key: &str) -> bool {
    let a: Vec<&str> = documented.split('.').collect();
    let b: Vec<&str> = key.split('.').collect();
    a.len() == b.len() && a.iter().zip(&b).all(|(x, y)| *x == "N" || x == y)
}

fn kebab(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}
