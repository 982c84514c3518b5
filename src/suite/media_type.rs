//! The `media_type` matcher: a `Content-Type` compared as RFC 9110 defines
//! it, not as text.
//!
//! ```yaml
//! content_type: { media_type: application/json }
//! content_type: { media_type: "text/xml; charset=utf-8" }
//! ```
//!
//! What it accepts, each from its clause:
//!
//! - type, subtype and parameter names are case-insensitive (RFC 9110
//!   §8.3.1): `Application/JSON; Charset=utf-8` is `application/json`;
//! - optional whitespace around `;` (RFC 9110 §5.6.6):
//!   `application/json ; charset=utf-8`;
//! - a parameter value may be a token or a quoted string, and the two are
//!   equivalent (RFC 9110 §5.6.6): `charset="utf-8"` is `charset=utf-8`;
//! - the `charset` value is case-insensitive (RFC 9110 §8.3.2): `UTF-8`,
//!   `Utf-8`;
//! - a `charset` may be left out: `application/json` defines no parameter at
//!   all (RFC 8259 §11) and UTF-8 is its only encoding (RFC 8259 §8.1); an XML
//!   body without one is read by its declaration, UTF-8 by default (RFC 7303
//!   §3.2, XML 1.0 §4.3.3);
//! - other parameters are ignored.
//!
//! A `charset` the answer does give must be the expected one (`utf-8`
//! unless the matcher names another): the bodies are UTF-8. A header that is
//! not a media type at all never matches.

use std::fmt;

use mediatype::names::CHARSET;
use mediatype::{MediaType, ReadParams};

/// The charset a media type is expected in when the matcher names none.
pub const DEFAULT_CHARSET: &str = "utf-8";

/// An expected media type: `type/subtype` (lowercase) and the charset an
/// answer may name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpectedMediaType {
    /// `type/subtype`, with a `+suffix` if it has one, in lowercase.
    essence: String,
    /// The only charset accepted when one is given, in lowercase.
    charset: String,
}

/// Why a `media_type` value in a case file is not one.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum MediaTypeSyntaxError {
    #[error("`{text}` is not a media type ({reason})")]
    Malformed { text: String, reason: String },
    #[error("`{text}` has the parameter `{name}`: only `charset` can be expected")]
    UnknownParameter { text: String, name: String },
}

impl ExpectedMediaType {
    /// Parses the expected value of a `media_type` matcher: `type/subtype`,
    /// optionally with `; charset=NAME`.
    pub fn parse(text: &str) -> Result<ExpectedMediaType, MediaTypeSyntaxError> {
        let parsed =
            MediaType::parse(text.trim()).map_err(|err| MediaTypeSyntaxError::Malformed {
                text: text.to_owned(),
                reason: err.to_string().to_lowercase(),
            })?;
        let mut charset = DEFAULT_CHARSET.to_owned();
        for (name, value) in parsed.params() {
            if name != CHARSET {
                return Err(MediaTypeSyntaxError::UnknownParameter {
                    text: text.to_owned(),
                    name: name.as_str().to_owned(),
                });
            }
            charset = value.unquoted_str().to_ascii_lowercase();
        }
        Ok(ExpectedMediaType {
            essence: essence(&parsed),
            charset,
        })
    }

    /// Whether a `Content-Type` header value is this media type.
    pub fn matches(&self, header: &str) -> bool {
        let Ok(actual) = MediaType::parse(header.trim()) else {
            return false;
        };
        essence(&actual) == self.essence
            && actual.params().all(|(name, value)| {
                name != CHARSET || value.unquoted_str().eq_ignore_ascii_case(&self.charset)
            })
    }
}

impl fmt::Display for ExpectedMediaType {
    /// `application/json (charset, if any, utf-8)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (charset, if any, {})", self.essence, self.charset)
    }
}

/// `type/subtype[+suffix]` in lowercase.
pub(crate) fn essence(media_type: &MediaType<'_>) -> String {
    let mut text = format!("{}/{}", media_type.ty.as_str(), media_type.subty.as_str());
    if let Some(suffix) = &media_type.suffix {
        text.push('+');
        text.push_str(suffix.as_str());
    }
    text.to_ascii_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn json() -> ExpectedMediaType {
        ExpectedMediaType::parse("application/json").unwrap()
    }

    #[test]
    fn type_subtype_and_parameter_names_compare_without_case() {
        assert!(json().matches("application/json;charset=utf-8"));
        assert!(json().matches("Application/JSON"));
        assert!(json().matches("APPLICATION/json; CHARSET=utf-8"));
    }

    #[test]
    fn the_charset_value_compares_without_case() {
        assert!(json().matches("application/json;charset=UTF-8"));
        assert!(json().matches("application/json;charset=Utf-8"));
    }

    #[test]
    fn whitespace_around_the_semicolon_is_optional() {
        assert!(json().matches("application/json; charset=utf-8"));
        assert!(json().matches("application/json ; charset=utf-8"));
        assert!(json().matches("application/json\t;\tcharset=utf-8"));
        assert!(json().matches(" application/json "));
    }

    #[test]
    fn a_quoted_charset_is_the_same_charset() {
        assert!(json().matches("application/json;charset=\"utf-8\""));
        assert!(json().matches("application/json; charset=\"UTF-8\""));
    }

    #[test]
    fn no_charset_is_accepted_and_another_charset_is_not() {
        assert!(json().matches("application/json"));
        assert!(!json().matches("application/json;charset=iso-8859-1"));
        assert!(!json().matches("application/json; charset=\"utf-16\""));
        assert!(!json().matches("application/json;charset=utf-8;charset=latin1"));
    }

    #[test]
    fn other_parameters_are_ignored() {
        assert!(json().matches("application/json; q=1; charset=utf-8"));
    }

    #[test]
    fn another_type_subtype_or_suffix_does_not_match() {
        assert!(!json().matches("text/json"));
        assert!(!json().matches("application/xml;charset=utf-8"));
        assert!(!json().matches("application/problem+json"));
        assert!(!json().matches("text/plain; charset=utf-8"));
        let problem = ExpectedMediaType::parse("application/problem+json").unwrap();
        assert!(problem.matches("Application/Problem+JSON"));
    }

    #[test]
    fn a_header_that_is_not_a_media_type_does_not_match() {
        for header in [
            "",
            "application",
            "application/json garbage",
            "json;charset=utf-8",
        ] {
            assert!(!json().matches(header), "{header:?}");
        }
        assert!(!json().matches("application/json;charset=\"utf-8"));
    }

    #[test]
    fn an_expected_charset_replaces_the_default() {
        let latin = ExpectedMediaType::parse("text/xml; charset=ISO-8859-1").unwrap();
        assert!(latin.matches("text/xml;charset=iso-8859-1"));
        assert!(latin.matches("text/xml"));
        assert!(!latin.matches("text/xml;charset=utf-8"));
    }

    #[test]
    fn an_expected_value_that_is_not_a_media_type_is_an_error() {
        let err = ExpectedMediaType::parse("json").unwrap_err();
        assert!(
            matches!(err, MediaTypeSyntaxError::Malformed { .. }),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("`json` is not a media type ("));
        let err = ExpectedMediaType::parse("application/json; q=1").unwrap_err();
        assert_eq!(
            err.to_string(),
            "`application/json; q=1` has the parameter `q`: only `charset` can be expected"
        );
    }

    #[test]
    fn it_reads_as_its_essence_and_charset() {
        assert_eq!(
            ExpectedMediaType::parse("Text/XML").unwrap().to_string(),
            "text/xml (charset, if any, utf-8)"
        );
    }
}
