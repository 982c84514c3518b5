//! One case: its identity, where it runs, and its request(s).
//!
//! ```yaml
//! - id: image-name.too-short        # [a-z0-9][a-z0-9._-]*, unique in the suite
//!   rule: ImageName.length          # or a list of rules
//!   account: default                # optional: a fixture account
//!   formats: [json, xml]            # optional: json, xml
//!   wire: [v1-get, v3]              # optional: v1-get, v1-post-query, v1-post-form, v3
//!   tags: [name]                    # optional
//!   request: { ImageName: a }       # one request…
//!   expect: { status: 400 }
//!   # …or `steps:` (see the `step` module), never both
//! ```
//!
//! `rule`, `formats`, `wire` and `tags` take one string or a list.

use std::str::FromStr;

use super::model::{Case, Step};
use super::node::{Node, Pos};
use super::reader::Reader;
use super::{expect, step, suggest};
use crate::wire::{Format, WireStyle};

const CASE_KEYS: [&str; 9] = [
    "id", "rule", "account", "formats", "wire", "tags", "request", "expect", "steps",
];

/// A case as read, with its id (when valid) kept apart so that duplicate ids
/// are found even in a case that has other problems.
pub struct ReadCase {
    pub case: Option<Case>,
    pub id: Option<(String, Pos)>,
}

pub fn read(r: &mut Reader, node: &Node) -> ReadCase {
    let Some(fields) = r.map(node, "a case", &CASE_KEYS) else {
        return ReadCase {
            case: None,
            id: None,
        };
    };
    let id = r
        .require(&fields, "id", "a case")
        .and_then(|node| case_id(r, node));
    let rules = r
        .require(&fields, "rule", "a case")
        .and_then(|node| r.strings(node, "`rule`"));
    let account = fields.get("account").map(|node| account(r, node));
    let formats = fields
        .get("formats")
        .map(|node| names::<Format>(r, node, "`formats`"));
    let wire = fields
        .get("wire")
        .map(|node| names::<WireStyle>(r, node, "`wire`"));
    let tags = fields.get("tags").map(|node| r.strings(node, "`tags`"));
    let steps = steps(r, &fields);

    let case = (|| {
        Some(Case {
            id: id.clone()?.0,
            rules: rules?.into_iter().map(|(rule, _)| rule).collect(),
            loc: r.loc(node.pos),
            account: account.map_or(Some(None), |a| a.map(Some))?,
            formats: formats.map_or(Some(None), |f| f.map(Some))?,
            wire: wire.map_or(Some(None), |w| w.map(Some))?,
            tags: tags
                .map_or(Some(Vec::new()), |t| t)?
                .into_iter()
                .map(|(tag, _)| tag)
                .collect(),
            steps: steps?,
        })
    })();
    ReadCase { case, id }
}

fn case_id(r: &mut Reader, node: &Node) -> Option<(String, Pos)> {
    let id = r.string(node, "`id`")?;
    let mut chars = id.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    if !valid {
        r.error(
            node.pos,
            format!("invalid case id `{id}`"),
            Some("an id is lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit".to_owned()),
        );
        return None;
    }
    Some((id, node.pos))
}

fn account(r: &mut Reader, node: &Node) -> Option<String> {
    let name = r.string(node, "`account`")?;
    if r.known.accounts.contains(&name) {
        return Some(name);
    }
    let known: Vec<&str> = r.known.accounts.iter().map(String::as_str).collect();
    let help = suggest::help(&name, known);
    r.error(node.pos, format!("unknown account `{name}`"), help);
    None
}

/// `formats:` or `wire:` — names parsed with their `FromStr`.
fn names<T: FromStr<Err = String>>(r: &mut Reader, node: &Node, what: &str) -> Option<Vec<T>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (name, pos) in r.strings(node, what)? {
        match name.parse::<T>() {
            Ok(value) => out.push(value),
            Err(message) => {
                r.error(pos, message, None);
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// `request` + `expect` (one step named `request`) or `steps`.
fn steps(r: &mut Reader, fields: &super::reader::Fields) -> Option<Vec<Step>> {
    let request = fields.get("request");
    let expect = fields.get("expect");
    if let Some(steps) = fields.get("steps") {
        let mut ok = true;
        for name in ["request", "expect"] {
            if let Some(key) = fields.key(name) {
                r.error(
                    key.pos,
                    format!("a case with `steps` cannot also have `{name}`"),
                    Some(
                        "use `request` and `expect` for one request, or put them inside each step"
                            .to_owned(),
                    ),
                );
                ok = false;
            }
        }
        let steps = step::read_steps(r, steps);
        return steps.filter(|_| ok);
    }
    let (Some(request_node), Some(expect_node)) = (request, expect) else {
        let missing = if request.is_some() {
            "missing `expect` in a case"
        } else if expect.is_some() {
            "missing `request` in a case"
        } else {
            "missing `request` and `expect` (or `steps`) in a case"
        };
        r.error(fields.node.pos, missing, None);
        return None;
    };
    let request = step::read_request(r, request_node);
    let expect = expect::read(r, expect_node);
    let (same_as, params) = request?;
    let key = fields.key("request").map_or(request_node.pos, |k| k.pos);
    Some(vec![Step {
        name: "request".to_owned(),
        loc: r.loc(key),
        same_as,
        params,
        expect: expect?,
    }])
}
