//! Matchers: how one expected value is written.
//!
//! ```yaml
//! code: InvalidImageName.Malformed            # a plain scalar: equals (a template)
//! message: { equals: "The specified ..." }    # the same, spelled out
//! ImageId: { regex: "m-[a-z0-9]{20}" }        # the whole value matches
//! RequestId: { is: request-id }               # request-id | image-id | absent | present
//! Code: { one_of: [Forbidden, { regex: "Invalid.*" }] }   # any one matches (2 or more)
//! ImageId: { all_of: [{ is: image-id }, { not: "{{steps.a.ImageId}}" }] }  # each matches; present and not
//! content_type: { media_type: application/json }          # as RFC 9110 compares it
//! ```
//!
//! A regex is anchored: it must match the whole value (`^(?:…)$`). A
//! `media_type` compares type and subtype without case, allows optional
//! whitespace, a quoted value and no `charset`, and requires a `charset` that
//! is given to be `utf-8` in any case (see `media_type.rs`): write it for
//! `content_type`, where a regex would reject `Application/JSON`.

use std::sync::Arc;

use super::media_type::ExpectedMediaType;
use super::model::{Matcher, Shape};
use super::node::{Node, Value};
use super::reader::Reader;
use super::suggest;

pub(super) const MATCHER_KEYS: [&str; 7] = [
    "equals",
    "regex",
    "is",
    "one_of",
    "media_type",
    "not",
    "all_of",
];
pub(super) const SHAPES: [&str; 4] = ["request-id", "image-id", "absent", "present"];

/// Reads the matcher at `node`; `what` names it in messages (``for `code` ``).
pub fn read(r: &mut Reader, node: &Node, what: &str) -> Option<Matcher> {
    match &node.value {
        Value::Map(_) if r.unquoted_template(node, what) => return None,
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
        // Every key was unknown, and has been reported as such.
        [] if matches!(&node.value, Value::Map(raw) if !raw.is_empty()) => None,
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
            "media_type" => media_type(r, field.value, what),
            "not" => read(r, field.value, what).map(|m| Matcher::Not(Box::new(m))),
            "all_of" => several(r, field.value, what, "all_of").map(Matcher::AllOf),
            _ => several(r, field.value, what, "one_of").map(Matcher::OneOf),
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

fn media_type(r: &mut Reader, node: &Node, what: &str) -> Option<Matcher> {
    let text = r.string(node, &format!("`media_type` of {what}"))?;
    match ExpectedMediaType::parse(&text) {
        Ok(expected) => Some(Matcher::MediaType(expected)),
        Err(err) => {
            r.error(
                node.pos,
                err.to_string(),
                Some("write `type/subtype`, e.g. `application/json`".to_owned()),
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

/// The matchers of `one_of` or `all_of` (`key`): a list of at least 2.
fn several(r: &mut Reader, node: &Node, what: &str, key: &str) -> Option<Vec<Matcher>> {
    let Value::Seq(items) = &node.value else {
        r.wrong_type(node, "a list", &format!("`{key}` of {what}"));
        return None;
    };
    if items.len() < 2 {
        r.error(
            node.pos,
            format!("`{key}` needs at least 2 matchers, found {}", items.len()),
            None,
        );
        return None;
    }
    let matchers: Vec<Option<Matcher>> = items.iter().map(|item| read(r, item, what)).collect();
    matchers.into_iter().collect::<Option<Vec<_>>>()
}

#[cfg(test)]
mod tests {
    use crate::suite::model::{Expectation, Matcher, Piece, Shape};
    use crate::suite::testing::{load, one_case, problem};

    /// A case whose `body:` holds `ImageId: {matcher}` (the matcher starts on
    /// line 8, column 18).
    fn matching(matcher: &str) -> String {
        one_case(&format!(
            "    rule: R\n    request: {{}}\n    expect:\n      body:\n        ImageId: {matcher}\n"
        ))
    }

    fn matcher_of(text: &str) -> Matcher {
        let file = load(text).unwrap();
        let Expectation::Single(expect) = &file.cases[0].steps[0].expect else {
            panic!("expected a single expectation")
        };
        expect.body[0].matcher.clone()
    }

    #[test]
    fn a_plain_scalar_is_an_equality_on_a_template() {
        let Matcher::Equals(template) = matcher_of(&matching("\"m-{{unique}}\"")) else {
            panic!("expected Equals")
        };
        assert_eq!(
            template.pieces,
            [Piece::Text("m-".into()), Piece::Unique(String::new())]
        );
        let Matcher::Equals(template) = matcher_of(&matching("{ equals: 42 }")) else {
            panic!("expected Equals")
        };
        assert_eq!(template.pieces, [Piece::Text("42".into())]);
    }

    #[test]
    fn a_regex_must_match_the_whole_value() {
        let Matcher::Regex(re) = matcher_of(&matching("{ regex: \"m-[a-z0-9]+\" }")) else {
            panic!("expected Regex")
        };
        assert!(re.is_match("m-abc1"));
        assert!(!re.is_match("xm-abc1"));
        assert!(!re.is_match("m-abc1 "));
        let Matcher::Regex(re) = matcher_of(&matching("{ regex: \"a|b\" }")) else {
            panic!("expected Regex")
        };
        assert!(!re.is_match("ab"));
    }

    #[test]
    fn a_bad_regex_is_a_load_error() {
        let d = problem(&matching("{ regex: \"(m-\" }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:27");
        assert_eq!(d.message, "invalid regex: unclosed group");
    }

    #[test]
    fn media_type_reads_a_type_and_subtype() {
        let Matcher::MediaType(expected) =
            matcher_of(&matching("{ media_type: application/json }"))
        else {
            panic!("expected MediaType")
        };
        assert!(expected.matches("Application/JSON; charset=UTF-8"));
        assert!(!expected.matches("text/xml"));
    }

    #[test]
    fn a_media_type_that_is_not_one_is_a_load_error() {
        let d = problem(&matching("{ media_type: json }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:32");
        assert_eq!(d.message, "`json` is not a media type (invalid type name)");
        assert_eq!(
            d.help.as_deref(),
            Some("write `type/subtype`, e.g. `application/json`")
        );
    }

    #[test]
    fn is_names_a_known_shape() {
        assert!(matches!(
            matcher_of(&matching("{ is: image-id }")),
            Matcher::Shape(Shape::ImageId)
        ));
        assert!(matches!(
            matcher_of(&matching("{ is: absent }")),
            Matcher::Absent
        ));
        let d = problem(&matching("{ is: image_id }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:24");
        assert_eq!(d.message, "unknown shape `image_id` for `is`");
        assert_eq!(d.help.as_deref(), Some("did you mean `image-id`?"));
    }

    #[test]
    fn one_of_needs_at_least_two_matchers() {
        let Matcher::OneOf(any) = matcher_of(&matching("{ one_of: [a, { is: absent }] }")) else {
            panic!("expected OneOf")
        };
        assert_eq!(any.len(), 2);
        let d = problem(&matching("{ one_of: [a] }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:28");
        assert_eq!(d.message, "`one_of` needs at least 2 matchers, found 1");
    }

    #[test]
    fn a_matcher_takes_one_key() {
        let d = problem(&matching("{ is: absent, regex: x }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:32");
        assert_eq!(d.message, "a matcher takes one key, found `regex` too");
    }

    #[test]
    fn unknown_matcher_key_suggests_the_closest() {
        let d = problem(&matching("{ regx: x }"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:20");
        assert_eq!(d.message, "unknown key `regx` in the matcher for `ImageId`");
        assert_eq!(d.help.as_deref(), Some("did you mean `regex`?"));
    }

    #[test]
    fn an_unquoted_template_is_an_error_with_a_hint() {
        let d = problem(&matching("{{steps.a.ImageId}}"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:18");
        assert_eq!(d.message, "a template for `ImageId` must be quoted");
    }

    #[test]
    fn null_is_not_a_matcher() {
        let d = problem(&matching("~"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:8:18");
        assert_eq!(
            d.message,
            "expected a value or a matcher for `ImageId`, found null"
        );
        assert_eq!(
            d.help.as_deref(),
            Some("to expect a missing field write `{ is: absent }`")
        );
    }
}
