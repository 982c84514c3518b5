//! Expectations: what a step's answer must look like.
//!
//! ```yaml
//! expect:
//!   status: 400                                  # 100–599
//!   code: InvalidImageName.Malformed             # a matcher on the body's Code
//!   message: The specified Image name is wrongly formed.
//!   body:                                        # field path → matcher
//!     RequestId: { is: request-id }
//!     ImageId: { is: absent }
//!   only: true                                   # no other fields may be present
//! ```
//!
//! Where `CreateImage.md` states a rule in more than one way, `one_of` lists
//! the readings (two or more, each named), any one of which may match:
//!
//! ```yaml
//! expect:
//!   one_of:
//!     - { reading: invalid-paramter-conflict, status: 403, code: InvalidParamter.Conflict }
//!     - { reading: idempotence-param-not-match, status: 400, code: IdempotenceParamNotMatch }
//! ```

use super::matcher;
use super::model::{Expect, Expectation, FieldExpect, Located, Reading};
use super::node::{Node, Value};
use super::reader::{Fields, Reader};

const EXPECT_KEYS: [&str; 6] = ["status", "code", "message", "body", "only", "one_of"];
const READING_KEYS: [&str; 6] = ["reading", "status", "code", "message", "body", "only"];

/// Reads an `expect:` value.
pub fn read(r: &mut Reader, node: &Node) -> Option<Expectation> {
    let fields = r.map(node, "`expect`", &EXPECT_KEYS)?;
    let Some(one_of) = fields.get("one_of") else {
        return parts(r, &fields, "`expect`").map(Expectation::Single);
    };
    if let Some(other) = fields.entries.iter().find(|f| f.name != "one_of") {
        r.error(
            other.key.pos,
            format!("`{}` cannot stand beside `one_of` in `expect`", other.name),
            Some("put it inside each reading".to_owned()),
        );
    }
    readings(r, one_of).map(Expectation::OneOf)
}

fn readings(r: &mut Reader, node: &Node) -> Option<Vec<Reading>> {
    let Value::Seq(items) = &node.value else {
        r.wrong_type(node, "a list of readings", "`one_of`");
        return None;
    };
    if items.len() < 2 {
        r.error(
            node.pos,
            format!("`one_of` needs at least 2 readings, found {}", items.len()),
            Some(
                "with a single reading, write its expectations directly under `expect`".to_owned(),
            ),
        );
        return None;
    }
    let mut out: Vec<Reading> = Vec::new();
    let mut ok = true;
    let mut names: Vec<(String, super::node::Pos)> = Vec::new();
    for item in items {
        let Some(fields) = r.map(item, "a reading", &READING_KEYS) else {
            ok = false;
            continue;
        };
        let name = match fields.get("reading") {
            Some(node) => r.string(node, "`reading`").map(|name| (name, node.pos)),
            None => {
                r.error(
                    item.pos,
                    "missing `reading` in a reading of `one_of`",
                    Some("name each reading: `reading: conflict-403`".to_owned()),
                );
                None
            }
        };
        if let Some((name, pos)) = &name {
            if let Some((_, first)) = names.iter().find(|(n, _)| n == name) {
                let help = Some(format!("first given at {first}"));
                r.error(*pos, format!("duplicate reading `{name}`"), help);
                ok = false;
            }
            names.push((name.clone(), *pos));
        }
        let expect = parts(r, &fields, "a reading");
        match (name, expect) {
            (Some((name, _)), Some(expect)) => out.push(Reading { name, expect }),
            _ => ok = false,
        }
    }
    ok.then_some(out)
}

/// The parts shared by `expect` and each reading.
fn parts(r: &mut Reader, fields: &Fields, what: &str) -> Option<Expect> {
    if !fields.entries.iter().any(|f| f.name != "reading") {
        r.error(
            fields.node.pos,
            format!("{what} checks nothing"),
            Some("give at least one of `status`, `code`, `message` or `body`".to_owned()),
        );
        return None;
    }
    let mut ok = true;
    let mut expect = Expect {
        loc: Some(r.loc(fields.node.pos)),
        ..Expect::default()
    };
    if let Some(node) = fields.get("status") {
        expect.status = status(r, node);
        ok &= expect.status.is_some();
    }
    for (name, slot) in [("code", &mut expect.code), ("message", &mut expect.message)] {
        if let Some(node) = fields.get(name) {
            *slot = matcher::read(r, node, &format!("`{name}`")).map(|value| Located {
                value,
                loc: r.loc(node.pos),
            });
            ok &= slot.is_some();
        }
    }
    if let Some(node) = fields.get("body") {
        match body(r, node) {
            Some(body) => expect.body = body,
            None => ok = false,
        }
    }
    if let Some(node) = fields.get("only") {
        match r.boolean(node, "`only`") {
            Some(true) => expect.only = Some(r.loc(node.pos)),
            Some(false) => {}
            None => ok = false,
        }
    }
    ok.then_some(expect)
}

fn status(r: &mut Reader, node: &Node) -> Option<Located<u16>> {
    let Value::Int(code) = node.value else {
        r.wrong_type(node, "an integer", "`status`");
        return None;
    };
    match u16::try_from(code) {
        Ok(code) if (100..=599).contains(&code) => Some(Located {
            value: code,
            loc: r.loc(node.pos),
        }),
        _ => {
            r.error(
                node.pos,
                format!("`status` must be an HTTP status between 100 and 599, found {code}"),
                None,
            );
            None
        }
    }
}

fn body(r: &mut Reader, node: &Node) -> Option<Vec<FieldExpect>> {
    let fields = r.entries(node, "`body`")?;
    let mut out = Vec::new();
    let mut ok = true;
    for field in &fields.entries {
        let path = field.name.trim();
        if path.is_empty() || path.split('.').any(str::is_empty) {
            r.error(
                field.key.pos,
                format!("bad field path `{}` in `body`", field.name),
                Some("write a field name, or a dotted path such as `Error.Code`".to_owned()),
            );
            ok = false;
            continue;
        }
        match matcher::read(r, field.value, &format!("`{path}`")) {
            Some(matcher) => out.push(FieldExpect {
                path: path.to_owned(),
                matcher,
                loc: r.loc(field.key.pos),
            }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}
