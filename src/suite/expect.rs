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
use crate::contract::documents::{Doc, Quote};

pub(super) const EXPECT_KEYS: [&str; 9] = [
    "status",
    "content_type",
    "root",
    "code",
    "message",
    "body",
    "only",
    "one_of",
    "because",
];
pub(super) const READING_KEYS: [&str; 9] = [
    "reading",
    "status",
    "content_type",
    "root",
    "code",
    "message",
    "body",
    "only",
    "because",
];

/// Reads an `expect:` value.
pub fn read(r: &mut Reader, node: &Node) -> Option<Expectation> {
    let fields = r.map(node, "`expect`", &EXPECT_KEYS)?;
    let Some(one_of) = fields.get("one_of") else {
        return parts(r, &fields, "`expect`").map(|e| Expectation::Single(Box::new(e)));
    };
    if let Some(other) = fields
        .entries
        .iter()
        .find(|f| f.name != "one_of" && f.name != "because")
    {
        r.error(
            other.key.pos,
            format!("`{}` cannot stand beside `one_of` in `expect`", other.name),
            Some("put it inside each reading".to_owned()),
        );
    }
    let shared = match fields.get("because") {
        Some(node) => Some(because(r, node)?),
        None => None,
    };
    let mut readings = readings(r, one_of)?;
    for reading in &mut readings {
        reading
            .expect
            .because
            .extend(shared.iter().flatten().cloned());
    }
    Some(Expectation::OneOf(readings))
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
    if !fields
        .entries
        .iter()
        .any(|f| f.name != "reading" && f.name != "because")
    {
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
    for (name, slot) in [
        ("content_type", &mut expect.content_type),
        ("root", &mut expect.root),
        ("code", &mut expect.code),
        ("message", &mut expect.message),
    ] {
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
    if let Some(node) = fields.get("because") {
        match because(r, node) {
            Some(quotes) => expect.because = quotes,
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

/// `because:` — a list of `{ doc: CreateImage.md | wire-protocol.md, at:
/// PLACE, quote: WORDS }`, each quote found verbatim in its document.
fn because(r: &mut Reader, node: &Node) -> Option<Vec<Quote>> {
    let Value::Seq(items) = &node.value else {
        r.wrong_type(node, "a list of quotes", "`because`");
        return None;
    };
    let mut out = Vec::new();
    let mut ok = true;
    for item in items {
        let Some(fields) = r.map(item, "a quote", &["doc", "at", "quote"]) else {
            ok = false;
            continue;
        };
        let mut text = |name: &str| match fields.get(name) {
            Some(node) => r.string(node, &format!("`{name}`")).map(|s| (s, node.pos)),
            None => {
                r.error(
                    item.pos,
                    format!("missing `{name}` in a quote of `because`"),
                    Some(
                        "write `{ doc: CreateImage.md, at: \"Error codes\", quote: \"…\" }`"
                            .to_owned(),
                    ),
                );
                None
            }
        };
        let (Some((doc, doc_pos)), Some((at, _)), Some((quote, quote_pos))) =
            (text("doc"), text("at"), text("quote"))
        else {
            ok = false;
            continue;
        };
        let Some(doc) = Doc::from_name(&doc) else {
            r.error(
                doc_pos,
                format!("unknown document `{doc}`"),
                Some("the contract is `CreateImage.md` and `wire-protocol.md`".to_owned()),
            );
            ok = false;
            continue;
        };
        let quote = Quote {
            doc,
            place: at.into(),
            text: quote.into(),
        };
        if !quote.is_verbatim() {
            r.error(
                quote_pos,
                format!("these words are not in {}", doc.name()),
                Some("quote the document word for word (`...` stands for words left out); docs/spec/ holds both documents".to_owned()),
            );
            ok = false;
            continue;
        }
        out.push(quote);
    }
    ok.then_some(out)
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

#[cfg(test)]
mod tests {
    use crate::suite::testing::{one_case, problem, problems};

    /// A case whose `expect:` is `expect` (starting on line 6, column 13).
    fn expecting(expect: &str) -> String {
        one_case(&format!(
            "    rule: R\n    request: {{}}\n    expect: {expect}\n"
        ))
    }

    #[test]
    fn status_must_be_an_integer() {
        let d = problem(&expecting("{ status: \"400\" }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:23");
        assert_eq!(
            d.message,
            "expected an integer for `status`, found a string"
        );
        assert_eq!(d.help.as_deref(), Some("remove the quotes: `400`"));
        let d = problem(&expecting("{ status: abc }"));
        assert_eq!(
            d.message,
            "expected an integer for `status`, found a string"
        );
        assert_eq!(d.help, None);
    }

    #[test]
    fn status_must_be_between_100_and_599() {
        let d = problem(&expecting("{ status: 999 }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:23");
        assert_eq!(
            d.message,
            "`status` must be an HTTP status between 100 and 599, found 999"
        );
        assert_eq!(problems(&expecting("{ status: -1 }")).len(), 1);
    }

    #[test]
    fn unknown_key_in_expect_suggests_the_closest() {
        let d = problem(&expecting("{ stauts: 400, code: X }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:15");
        assert_eq!(d.message, "unknown key `stauts` in `expect`");
        assert_eq!(d.help.as_deref(), Some("did you mean `status`?"));
    }

    #[test]
    fn an_expectation_that_checks_nothing_is_an_error() {
        let d = problem(&expecting("{}"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:13");
        assert_eq!(d.message, "`expect` checks nothing");
    }

    #[test]
    fn one_of_needs_at_least_two_readings() {
        let d = problem(&expecting("{ one_of: [{ reading: a, status: 400 }] }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:23");
        assert_eq!(d.message, "`one_of` needs at least 2 readings, found 1");
    }

    #[test]
    fn every_reading_needs_a_name() {
        let d = problem(&expecting(
            "{ one_of: [{ reading: a, status: 400 }, { status: 403 }] }",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:53");
        assert_eq!(d.message, "missing `reading` in a reading of `one_of`");
    }

    #[test]
    fn reading_names_are_unique() {
        let d = problem(&expecting(
            "{ one_of: [{ reading: a, status: 400 }, { reading: a, status: 403 }] }",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:64");
        assert_eq!(d.message, "duplicate reading `a`");
    }

    #[test]
    fn one_of_stands_alone_in_expect() {
        let d = problem(&expecting(
            "{ status: 400, one_of: [{ reading: a, code: A }, { reading: b, code: B }] }",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:15");
        assert_eq!(
            d.message,
            "`status` cannot stand beside `one_of` in `expect`"
        );
    }

    #[test]
    fn only_is_a_boolean() {
        let d = problem(&expecting("{ status: 400, only: yes }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:34");
        assert_eq!(
            d.message,
            "expected `true` or `false` for `only`, found a string"
        );
    }

    #[test]
    fn a_body_field_path_has_no_empty_segment() {
        let d = problem(&expecting("{ body: { Error..Code: x } }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:23");
        assert_eq!(d.message, "bad field path `Error..Code` in `body`");
    }
}
