//! Matchers: how one expected value is written.
//!
//! ```yaml
//! code: InvalidImageName.Malformed            # a plain scalar: equals (a template)
//! message: { equals: "The specified ..." }    # the same, spelled out
//! ImageId: { regex: "m-[a-z0-9]{20}" }        # the whole value matches
//! RequestId: { is: request-id }               # request-id | image-id | absent | present
//! Code: { one_of: [Forbidden, { regex: "Invalid.*" }] }   # any one matches (2 or more)
//! ```
//!
//! A regex is anchored: it must match the whole value (`^(?:…)$`).

use std::sync::Arc;

use super::model::{Matcher, Shape};
use super::node::{Node, Value};
use super::reader::Reader;
use super::suggest;

const MATCHER_KEYS: [&str; 4] = ["equals", "regex", "is", "one_of"];
const SHAPES: [&str; 4] = ["request-id", "image-id", "absent", "present"];

/// Reads the matcher at `node`; `what` names it in messages (``for `code` ``).
pub fn read(r: &mut Reader, node: &Node, what: &str) -> Option<Matcher> {
    match &node.value {
        Value::Map(_) => {}
        Value::Seq(_) => {
            r.error(
                node.pos,
                format!("expected a value or a matcher for {what}, found a list"),
                Some("for several accepted values write `{ one_of: [a, b] }`".to_owned()),
            );
            return None;
        }
        Value::Null => {
            r.error(
                node.pos,
                format!("expected a value or a matcher for {what}, found null"),
                Some("to expect a missing field write `{ is: absent }`".to_owned()),
            );
            return None;
        }
        _ => return equals(r, node, what),
    }
    let fields = r.map(node, &format!("the matcher for {what}"), &MATCHER_KEYS)?;
    match fields.entries.as_slice() {
        [] => {
            r.error(
                node.pos,
                format!("empty matcher for {what}"),
                suggest::expected_one_of(MATCHER_KEYS),
            );
            None
        }
        [field] => match field.name.as_str() {
            "equals" => equals(r, field.value, what),
            "regex" => regex(r, field.value, what),
            "is" => shape(r, field.value, what),
            _ => one_of(r, field.value, what),
        },
        [_, second, ..] => {
            r.error(
                second.key.pos,
                format!("a matcher takes one key, found `{}` too", second.name),
                Some("to accept any of several matchers use `one_of`".to_owned()),
            );
            None
        }
    }
}

fn equals(r: &mut Reader, node: &Node, what: &str) -> Option<Matcher> {
    let Some(text) = r.scalar_text(node) else {
        r.wrong_type(node, "a value", what);
        return None;
    };
    r.template(node, &text).map(Matcher::Equals)
}

fn regex(r: &mut Reader, node: &Node, what: &str) -> Option<Matcher> {
    let pattern = r.string(node, &format!("`regex` of {what}"))?;
    match regex::Regex::new(&format!("^(?:{pattern})$")) {
        Ok(re) => Some(Matcher::Regex(Arc::new(re))),
        Err(err) => {
            r.error(
                node.pos,
                format!("invalid regex: {}", regex_reason(&err)),
                None,
            );
            None
        }
    }
}

/// The last line of the regex crate's message (`unclosed group`).
fn regex_reason(err: &regex::Error) -> String {
    let text = err.to_string();
    let last = text
        .lines()
        .rev()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("");
    last.trim().trim_start_matches("error: ").to_owned()
}

fn shape(r: &mut Reader, node: &Node, what: &str) -> Option<Matcher> {
    let name = r.string(node, &format!("`is` of {what}"))?;
    match name.as_str() {
        "request-id" => Some(Matcher::Shape(Shape::RequestId)),
        "image-id" => Some(Matcher::Shape(Shape::ImageId)),
        "absent" => Some(Matcher::Absent),
        "present" => Some(Matcher::Present),
        _ => {
            let help = suggest::help(&name, SHAPES);
            r.error(node.pos, format!("unknown shape `{name}` for `is`"), help);
            None
        }
    }
}

fn one_of(r: &mut Reader, node: &Node, what: &str) -> Option<Matcher> {
    let Value::Seq(items) = &node.value else {
        r.wrong_type(node, "a list", &format!("`one_of` of {what}"));
        return None;
    };
    if items.len() < 2 {
        r.error(
            node.pos,
            format!("`one_of` needs at least 2 matchers, found {}", items.len()),
            None,
        );
        return None;
    }
    let matchers: Vec<Option<Matcher>> = items.iter().map(|item| read(r, item, what)).collect();
    matchers
        .into_iter()
        .collect::<Option<Vec<_>>>()
        .map(Matcher::OneOf)
}
