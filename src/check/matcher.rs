//! Evaluates one [`Matcher`] against one value of the body tree (or the
//! `Content-Type` header, for `content_type`).

use serde_json::Value;

use crate::suite::Matcher;

/// Follows a dotted path (`Error.Code`) through nested objects.
pub fn field<'v>(value: &'v Value, path: &str) -> Option<&'v Value> {
    path.split('.')
        .try_fold(value, |current, segment| current.as_object()?.get(segment))
}

/// The text of a scalar, so that JSON `20` and XML `<Size>20</Size>` compare
/// alike. Objects and arrays have no scalar text.
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Null => Some(String::new()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Whether `actual` satisfies `matcher`; `resolve` expands templates in
/// expected values. An expected value whose template cannot be resolved never
/// matches.
pub fn matches(
    matcher: &Matcher,
    actual: Option<&Value>,
    resolve: &dyn Fn(&crate::suite::Template) -> Option<String>,
) -> bool {
    match matcher {
        Matcher::Absent => actual.is_none(),
        Matcher::Present => actual.is_some(),
        Matcher::Equals(template) => match (actual.and_then(scalar_text), resolve(template)) {
            (Some(got), Some(want)) => got == want,
            _ => false,
        },
        Matcher::Regex(regex) => actual
            .and_then(scalar_text)
            .is_some_and(|got| regex.is_match(&got)),
        Matcher::Shape(shape) => actual
            .and_then(scalar_text)
            .is_some_and(|got| shape.matches(&got)),
        Matcher::MediaType(expected) => actual
            .and_then(scalar_text)
            .is_some_and(|got| expected.matches(&got)),
        Matcher::OneOf(options) => options.iter().any(|m| matches(m, actual, resolve)),
        Matcher::Not(inner) => actual.is_some() && !matches(inner, actual, resolve),
        Matcher::AllOf(all) => all.iter().all(|m| matches(m, actual, resolve)),
    }
}

/// A short human description of what a matcher wants.
pub fn describe(
    matcher: &Matcher,
    resolve: &dyn Fn(&crate::suite::Template) -> Option<String>,
) -> String {
    match matcher {
        Matcher::Absent => "absent".to_string(),
        Matcher::Present => "present".to_string(),
        Matcher::Equals(template) => match resolve(template) {
            Some(text) => format!("{text:?}"),
            None => "a value captured from an earlier step that did not produce it".to_string(),
        },
        Matcher::Regex(regex) => format!("a value matching /{}/", regex.as_str()),
        Matcher::Shape(shape) => match shape.name() {
            name if name.starts_with('i') => format!("an {name}"),
            name => format!("a {name}"),
        },
        Matcher::MediaType(expected) => format!("the media type {expected}"),
        Matcher::OneOf(options) => {
            let parts: Vec<String> = options.iter().map(|m| describe(m, resolve)).collect();
            format!("one of [{}]", parts.join(", "))
        }
        Matcher::Not(inner) => format!("a value other than {}", describe(inner, resolve)),
        Matcher::AllOf(all) => {
            let parts: Vec<String> = all.iter().map(|m| describe(m, resolve)).collect();
            parts.join(" and ")
        }
    }
}

/// How an actual value reads in a failure message.
pub fn show_actual(actual: Option<&Value>) -> String {
    match actual {
        None => "absent".to_string(),
        Some(Value::String(s)) => format!("{s:?}"),
        Some(other) => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::{Shape, Template};
    use serde_json::json;
    use std::sync::Arc;

    fn literal(t: &Template) -> Option<String> {
        Some(
            t.pieces
                .iter()
                .map(|p| match p {
                    crate::suite::Piece::Text(s) => s.clone(),
                    _ => String::new(),
                })
                .collect(),
        )
    }

    #[test]
    fn numbers_and_strings_compare_by_their_text() {
        let m = Matcher::Equals(Template::literal("20"));
        assert!(matches(&m, Some(&json!(20)), &literal));
        assert!(matches(&m, Some(&json!("20")), &literal));
        assert!(!matches(&m, Some(&json!("21")), &literal));
        assert!(!matches(&m, None, &literal));
    }

    #[test]
    fn absent_matches_only_a_missing_field() {
        assert!(matches(&Matcher::Absent, None, &literal));
        assert!(!matches(&Matcher::Absent, Some(&json!("")), &literal));
    }

    #[test]
    fn shapes_and_regexes_need_a_scalar() {
        let shape = Matcher::Shape(Shape::ImageId);
        assert!(matches(
            &shape,
            Some(&json!("m-bp1hu74xiv2jok7936mg")),
            &literal
        ));
        assert!(!matches(&shape, Some(&json!({"a": 1})), &literal));
        let regex = Matcher::Regex(Arc::new(regex::Regex::new("^(?:m-.*)$").unwrap()));
        assert!(matches(&regex, Some(&json!("m-x")), &literal));
        assert!(!matches(&regex, Some(&json!("xm-x")), &literal));
    }

    #[test]
    fn a_media_type_matches_a_content_type_as_rfc_9110_compares_it() {
        let m =
            Matcher::MediaType(crate::suite::ExpectedMediaType::parse("application/json").unwrap());
        for header in [
            "application/json;charset=utf-8",
            "Application/JSON",
            "application/json; charset=\"UTF-8\"",
        ] {
            assert!(matches(&m, Some(&json!(header)), &literal), "{header}");
        }
        assert!(!matches(
            &m,
            Some(&json!("text/plain; charset=utf-8")),
            &literal
        ));
        assert!(!matches(
            &m,
            Some(&json!("application/json;charset=latin1")),
            &literal
        ));
        assert!(!matches(&m, None, &literal));
        assert_eq!(
            describe(&m, &literal),
            "the media type application/json (charset, if any, utf-8)"
        );
    }

    #[test]
    fn one_of_matches_when_any_option_matches() {
        let m = Matcher::OneOf(vec![
            Matcher::Equals(Template::literal("a")),
            Matcher::Absent,
        ]);
        assert!(matches(&m, None, &literal));
        assert!(matches(&m, Some(&json!("a")), &literal));
        assert!(!matches(&m, Some(&json!("b")), &literal));
    }

    #[test]
    fn dotted_paths_reach_nested_fields() {
        let v = json!({"Error": {"Code": "X"}});
        assert_eq!(field(&v, "Error.Code"), Some(&json!("X")));
        assert_eq!(field(&v, "Error.Missing"), None);
    }

    #[test]
    fn not_wants_a_present_value_the_inner_matcher_refuses() {
        let m = Matcher::Not(Box::new(Matcher::Equals(Template::literal("m-a"))));
        assert!(matches(&m, Some(&json!("m-b")), &literal));
        assert!(!matches(&m, Some(&json!("m-a")), &literal));
        assert!(!matches(&m, None, &literal));
    }

    #[test]
    fn all_of_wants_every_matcher() {
        let m = Matcher::AllOf(vec![
            Matcher::Shape(Shape::ImageId),
            Matcher::Not(Box::new(Matcher::Equals(Template::literal(
                "m-bp1hu74xiv2jok7936mg",
            )))),
        ]);
        assert!(matches(
            &m,
            Some(&json!("m-bp1hu74xiv2jok7936mh")),
            &literal
        ));
        assert!(!matches(
            &m,
            Some(&json!("m-bp1hu74xiv2jok7936mg")),
            &literal
        ));
        assert!(!matches(&m, Some(&json!("other")), &literal));
        assert_eq!(
            describe(&m, &literal),
            "an image-id and a value other than \"m-bp1hu74xiv2jok7936mg\""
        );
    }
}
