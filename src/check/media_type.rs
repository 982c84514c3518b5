//! Media types compared as RFC 9110 §8.3 says: the type, subtype and
//! parameter names are case-insensitive, so is the `charset` value, optional
//! whitespace may surround `;`, parameter order carries no meaning, and a
//! quoted parameter value equals the same value as a token. Parsing is the
//! `mediatype` crate's, as for the cases' `media_type` matcher
//! ([`crate::suite::media_type`]).
//!
//! For JSON (`application/json`, `text/json`, `+json`) a missing charset is
//! UTF-8 (RFC 8259 §8.1, §11), and for XML (`text/xml`, `application/xml`,
//! `+xml`) the charset comes from the document when the header names none
//! (RFC 7303 §3): in both, `charset=utf-8` and no charset are the same.
//! `text/xml` is registered "in all respects the same as" `application/xml`
//! (RFC 7303 §9.2), so the two are one media type here.
//!
//! [`canonical`] writes one spelling for every equal media type; two media
//! types are equal when their canonical forms are.

use mediatype::{MediaType, ReadParams};

use crate::suite::media_type::essence;

/// The canonical spelling of a `Content-Type` value: lower-case type and
/// subtype (`text/xml` as `application/xml`), then the parameters sorted by
/// (lower-case) name, each `;name=value` with the value quoted only when it
/// is not a token. A UTF-8 charset of a JSON or XML media type is left out.
/// A value that is not a media type is compared as its trimmed, lower-case
/// text.
pub fn canonical(media_type: &str) -> String {
    let Ok(parsed) = MediaType::parse(media_type.trim()) else {
        return media_type.trim().to_ascii_lowercase();
    };
    let mut essence = essence(&parsed);
    if essence == "text/xml" {
        essence = "application/xml".to_string();
    }
    let mut params: Vec<(String, String)> = parsed
        .params()
        .map(|(name, value)| {
            let name = name.as_str().to_ascii_lowercase();
            let mut value = value.unquoted_str().into_owned();
            if name == "charset" {
                value = value.to_ascii_lowercase();
            }
            (name, value)
        })
        .collect();
    if utf8_by_default(&essence) {
        params.retain(|(name, value)| !(name == "charset" && value == "utf-8"));
    }
    params.sort();
    let mut out = essence;
    for (name, value) in params {
        out.push(';');
        out.push_str(&name);
        out.push('=');
        if !value.is_empty() && value.chars().all(is_token_char) {
            out.push_str(&value);
        } else {
            out.push('"');
            for c in value.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        }
    }
    out
}

/// Whether a missing charset of this media type means UTF-8 (or "as the
/// document says", which for the answers compared here is UTF-8: the
/// decoder reads nothing else).
fn utf8_by_default(essence: &str) -> bool {
    matches!(
        essence,
        "application/json" | "text/json" | "text/xml" | "application/xml"
    ) || essence.ends_with("+json")
        || essence.ends_with("+xml")
}

/// RFC 9110 §5.6.2 `tchar`.
fn is_token_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c)
}

#[cfg(test)]
mod tests {
    use super::canonical;

    fn same(a: &str, b: &str) {
        assert_eq!(canonical(a), canonical(b), "{a:?} and {b:?}");
    }

    fn differ(a: &str, b: &str) {
        assert_ne!(canonical(a), canonical(b), "{a:?} and {b:?}");
    }

    #[test]
    fn the_charset_value_and_every_name_are_case_insensitive() {
        same(
            "application/json;charset=utf-8",
            "application/json;charset=UTF-8",
        );
        same(
            "application/json;charset=utf-8",
            "Application/JSON;Charset=utf-8",
        );
        same(
            "text/xml;charset=ISO-8859-1",
            "TEXT/XML; CHARSET=iso-8859-1",
        );
    }

    #[test]
    fn whitespace_around_the_separators_is_optional() {
        same(
            "application/json;charset=utf-8",
            "application/json ; charset=utf-8",
        );
        same("text/plain;a=1;b=2", " text/plain;  a=1 ;b=2 ");
    }

    #[test]
    fn a_quoted_value_equals_the_same_token() {
        same(
            "application/json;charset=utf-8",
            "application/json; charset=\"utf-8\"",
        );
        same("text/plain;x=\"a\\\"b\"", "text/plain;x=\"a\\\"b\"");
        differ("text/plain;x=\"a;b\"", "text/plain;x=a");
    }

    #[test]
    fn parameter_order_carries_no_meaning() {
        same("text/plain;a=1;b=2", "text/plain;b=2;a=1");
    }

    #[test]
    fn json_and_xml_without_a_charset_are_utf_8() {
        same("application/json;charset=utf-8", "application/json");
        same("Application/JSON", "application/json;charset=UTF-8");
        same("text/xml;charset=utf-8", "text/xml");
        same("application/xml; charset=\"UTF-8\"", "application/xml");
        same(
            "application/problem+json",
            "application/problem+json;charset=utf-8",
        );
    }

    #[test]
    fn text_xml_is_application_xml() {
        same("text/xml;charset=utf-8", "application/xml");
        same("TEXT/XML", "application/xml; charset=\"UTF-8\"");
    }

    #[test]
    fn another_type_charset_or_parameter_value_differs() {
        differ("application/json", "text/xml");
        differ("application/json", "application/xml");
        differ("application/json", "text/json");
        differ("text/xml;charset=utf-8", "text/xml;charset=iso-8859-1");
        differ("text/plain", "text/plain;charset=utf-8");
        differ("text/plain;x=A", "text/plain;x=a");
    }
}
