//! RFC 3986 percent-encoding as the ECS signatures use it, and the parser for
//! query strings and `application/x-www-form-urlencoded` bodies.
//!
//! Both signature versions encode names and values the same way
//! (wire-protocol.md §2 step 1): `A-Z a-z 0-9 - _ . ~` stay as they are,
//! every other UTF-8 byte becomes `%XY` with uppercase hex. The parser is the
//! other direction, as a server (or a test re-verifying a prepared request)
//! needs it: it is strict about malformed escapes, because a lenient decoder
//! would verify a signature over bytes the client never sent.

use percent_encoding::percent_decode;

/// Percent-encodes `s` per RFC 3986: unreserved characters stay, everything
/// else becomes `%XY` (uppercase hex) of its UTF-8 bytes. Space is `%20`,
/// `*` is `%2A`, `~` stays.
pub fn encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 2);
    encode_into(&mut out, s);
    out
}

/// [`encode`], appended to `out` (no allocation of its own).
pub fn encode_into(out: &mut String, s: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for &byte in s.as_bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(byte));
        } else {
            out.push('%');
            out.push(char::from(HEX[usize::from(byte >> 4)]));
            out.push(char::from(HEX[usize::from(byte & 0xf)]));
        }
    }
}

/// A query string or form body that cannot be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ParamError {
    /// A `%` not followed by two hex digits, in the name or the value.
    #[error("parameter `{name}` has invalid percent-encoding `{escape}`")]
    InvalidPercentEncoding {
        /// The parameter's name as it appeared on the wire.
        name: String,
        /// The offending escape (at most three characters, starting with `%`).
        escape: String,
    },
    /// The name or value decodes to bytes that are not UTF-8.
    #[error("parameter `{name}` is not valid UTF-8 once percent-decoded")]
    InvalidUtf8 {
        /// The parameter's name as it appeared on the wire.
        name: String,
    },
}

/// Parses a query string (without the leading `?`) or a form body into
/// `(name, value)` pairs, in order.
///
/// Splits on `&`, then on the first `=`. Empty values are kept
/// (`SignatureType=` gives `("SignatureType", "")`), a segment without `=`
/// gets the value `""`, empty segments are skipped. `+` decodes to a space
/// and `%XY` to its byte; a malformed escape or a result that is not UTF-8 is
/// an error naming the parameter.
pub fn parse_pairs(s: &str) -> Result<Vec<(String, String)>, ParamError> {
    let mut pairs = Vec::new();
    for segment in s.split('&').filter(|segment| !segment.is_empty()) {
        let (raw_name, raw_value) = segment.split_once('=').unwrap_or((segment, ""));
        let name = decode_component(raw_name, raw_name)?;
        let value = decode_component(raw_value, raw_name)?;
        pairs.push((name, value));
    }
    Ok(pairs)
}

/// Decodes one name or value; `wire_name` is the raw parameter name used in
/// error messages.
fn decode_component(raw: &str, wire_name: &str) -> Result<String, ParamError> {
    if let Some(escape) = first_bad_escape(raw) {
        return Err(ParamError::InvalidPercentEncoding {
            name: wire_name.to_owned(),
            escape: escape.to_owned(),
        });
    }
    let plus_as_space = raw.replace('+', " ");
    percent_decode(plus_as_space.as_bytes())
        .decode_utf8()
        .map(|decoded| decoded.into_owned())
        .map_err(|_| ParamError::InvalidUtf8 {
            name: wire_name.to_owned(),
        })
}

/// The first `%` escape in `raw` that is not followed by two hex digits.
fn first_bad_escape(raw: &str) -> Option<&str> {
    let bytes = raw.as_bytes();
    bytes
        .iter()
        .enumerate()
        .filter(|&(_, &byte)| byte == b'%')
        .map(|(at, _)| at)
        .find(|&at| {
            let digits = bytes.get(at + 1..at + 3);
            !digits.is_some_and(|digits| digits.iter().all(u8::is_ascii_hexdigit))
        })
        .map(|at| {
            // The escape is ASCII up to the first non-ASCII byte; cut there so
            // the slice stays on a character boundary.
            let end = (at + 1..bytes.len().min(at + 3))
                .find(|&i| !bytes[i].is_ascii())
                .unwrap_or(bytes.len().min(at + 3));
            &raw[at..end]
        })
}

#[cfg(test)]
mod tests {
    #[test]
    fn encode_agrees_with_the_percent_encoding_crate_on_every_character() {
        use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
        const RFC3986: &AsciiSet = &NON_ALPHANUMERIC
            .remove(b'-')
            .remove(b'_')
            .remove(b'.')
            .remove(b'~');
        let every: String = (0..=0x2FFu32).filter_map(char::from_u32).collect();
        let text = format!("{every}é中😀 a+b/c*d~e%f");
        assert_eq!(
            encode(&text),
            utf8_percent_encode(&text, RFC3986).to_string()
        );
    }

    use super::*;

    use crate::wire::pairs;

    #[test]
    fn encode_keeps_unreserved_characters() {
        assert_eq!(encode("AZaz09-_.~"), "AZaz09-_.~");
    }

    #[test]
    fn encode_uses_uppercase_hex_for_space_star_and_reserved() {
        assert_eq!(encode("a b*c/d:e+f=g&h"), "a%20b%2Ac%2Fd%3Ae%2Bf%3Dg%26h");
    }

    #[test]
    fn encode_percent_encodes_utf8_bytes() {
        assert_eq!(encode("é镜"), "%C3%A9%E9%95%9C");
    }

    #[test]
    fn parse_keeps_empty_values_as_signed_by_python_classic() {
        assert_eq!(
            parse_pairs("SignatureType=&Format=JSON").unwrap(),
            pairs(&[("SignatureType", ""), ("Format", "JSON")])
        );
    }

    #[test]
    fn parse_gives_a_name_without_equals_an_empty_value() {
        assert_eq!(parse_pairs("DryRun").unwrap(), pairs(&[("DryRun", "")]));
    }

    #[test]
    fn parse_splits_on_the_first_equals_only() {
        assert_eq!(parse_pairs("a=b=c").unwrap(), pairs(&[("a", "b=c")]));
    }

    #[test]
    fn parse_skips_empty_segments() {
        assert_eq!(
            parse_pairs("&a=1&&b=2&").unwrap(),
            pairs(&[("a", "1"), ("b", "2")])
        );
        assert_eq!(parse_pairs("").unwrap(), vec![]);
    }

    #[test]
    fn parse_decodes_plus_as_space_as_tea_clients_send_it() {
        assert_eq!(
            parse_pairs("ImageName=my+image&Description=a%20b%2Bc").unwrap(),
            pairs(&[("ImageName", "my image"), ("Description", "a b+c")])
        );
    }

    #[test]
    fn parse_decodes_utf8_escapes() {
        assert_eq!(
            parse_pairs("Tag.1.Key=%E9%95%9C%e9%95%9c").unwrap(),
            pairs(&[("Tag.1.Key", "镜镜")])
        );
    }

    #[test]
    fn parse_keeps_order_and_duplicates() {
        assert_eq!(
            parse_pairs("b=1&a=2&b=3").unwrap(),
            pairs(&[("b", "1"), ("a", "2"), ("b", "3")])
        );
    }

    #[test]
    fn parse_rejects_non_hex_escape_naming_the_parameter() {
        let err = parse_pairs("ok=1&ImageName=a%G1").unwrap_err();
        assert_eq!(
            err,
            ParamError::InvalidPercentEncoding {
                name: "ImageName".into(),
                escape: "%G1".into()
            }
        );
        assert_eq!(
            err.to_string(),
            "parameter `ImageName` has invalid percent-encoding `%G1`"
        );
    }

    #[test]
    fn parse_rejects_truncated_escape() {
        assert!(matches!(
            parse_pairs("Description=%4"),
            Err(ParamError::InvalidPercentEncoding { name, escape }) if name == "Description" && escape == "%4"
        ));
        assert!(matches!(
            parse_pairs("Description=%"),
            Err(ParamError::InvalidPercentEncoding { escape, .. }) if escape == "%"
        ));
    }

    #[test]
    fn parse_rejects_bad_escape_in_a_name() {
        assert!(matches!(
            parse_pairs("Ima%ZZgeName=x"),
            Err(ParamError::InvalidPercentEncoding { name, .. }) if name == "Ima%ZZgeName"
        ));
    }

    #[test]
    fn parse_rejects_escape_followed_by_multibyte_character_without_panicking() {
        assert!(matches!(
            parse_pairs("a=%é"),
            Err(ParamError::InvalidPercentEncoding { escape, .. }) if escape == "%"
        ));
        assert!(matches!(
            parse_pairs("a=%4é"),
            Err(ParamError::InvalidPercentEncoding { escape, .. }) if escape == "%4"
        ));
    }

    #[test]
    fn parse_rejects_invalid_utf8_after_decoding() {
        let err = parse_pairs("ImageName=%FF%FE").unwrap_err();
        assert_eq!(
            err,
            ParamError::InvalidUtf8 {
                name: "ImageName".into()
            }
        );
    }

    #[test]
    fn encode_then_parse_round_trips() {
        let original = "a b+c&d=e%f/镜~*";
        let wire = format!("k={}", encode(original));
        assert_eq!(parse_pairs(&wire).unwrap(), pairs(&[("k", original)]));
    }
}
