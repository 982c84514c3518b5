//! [`RequestEntry`]: the request a failing step sent, as the console and
//! every report show it — method, path and query, headers and body exactly
//! as they went on the wire (after `tamper:`), so that a tampering case
//! (a parameter appended after signing, a swapped access key id, a body
//! its hash does not match) shows what it did.
//!
//! Nothing secret is shown: an access key secret is never sent; the value
//! of a security token (`SecurityToken` in the query or a form body, the
//! `x-acs-security-token` header) reads [`REDACTED`], and so does every
//! signature value, as everywhere in reports ([`Redactor`]). Access key ids
//! are shown. A body is cut at [`MAX_BODY_SHOWN`] bytes.

use serde::{Deserialize, Serialize};

use super::redact::{REDACTED, Redactor};
use crate::wire::PreparedRequest;

/// Bytes of a request body shown; the rest are counted.
pub const MAX_BODY_SHOWN: usize = 2000;

/// The parameter that carries a security token (V1, and a V3 query that
/// spells it).
const TOKEN_PARAMETER: &str = "SecurityToken";

/// The header that carries a security token (V3).
const TOKEN_HEADER: &str = "x-acs-security-token";

/// One step's request as sent.
///
/// ```json
/// { "step": "request", "method": "GET",
///   "target": "/?AccessKeyId=…&Action=CreateImage&…&Signature=<redacted>",
///   "headers": [{ "name": "accept", "value": "application/json" }],
///   "body": "", "body_bytes": 0 }
/// ```
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct RequestEntry {
    pub step: String,
    /// `GET` or `POST`.
    pub method: String,
    /// The path and query, percent-encoded as sent.
    pub target: String,
    /// In the order sent, lowercase names.
    pub headers: Vec<HeaderEntry>,
    /// The body as text (bytes that are not UTF-8 replaced), cut at
    /// [`MAX_BODY_SHOWN`] bytes.
    pub body: String,
    /// The whole body's length in bytes.
    pub body_bytes: usize,
}

/// One header of a [`RequestEntry`].
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct HeaderEntry {
    pub name: String,
    pub value: String,
}

impl RequestEntry {
    /// `request`, sent by `step`, with its security token and signature
    /// values redacted and its body cut.
    pub fn new(step: &str, request: &PreparedRequest) -> RequestEntry {
        let signatures = Redactor::new();
        let target = match request.path_and_query.split_once('?') {
            Some((path, query)) => format!("{path}?{}", without_token(query)),
            None => request.path_and_query.clone(),
        };
        let body = String::from_utf8_lossy(&request.body);
        let form = request
            .header("content-type")
            .is_some_and(|t| t.starts_with(crate::wire::request::FORM_CONTENT_TYPE));
        let body = if form {
            without_token(&body)
        } else {
            body.into_owned()
        };
        RequestEntry {
            step: step.to_owned(),
            method: request.method.to_owned(),
            target: signatures.text(&target),
            headers: request
                .headers
                .iter()
                .map(|(name, value)| HeaderEntry {
                    name: name.clone(),
                    value: if name.eq_ignore_ascii_case(TOKEN_HEADER) {
                        REDACTED.to_owned()
                    } else {
                        signatures.text(value)
                    },
                })
                .collect(),
            body: signatures.text(&cut(&body, MAX_BODY_SHOWN)),
            body_bytes: request.body.len(),
        }
    }

    /// The request as an HTTP/1.1 message reads: the request line, one
    /// line per header, and the body after an empty line (when there is one).
    pub fn lines(&self) -> Vec<String> {
        let mut out = vec![format!("{} {} HTTP/1.1", self.method, self.target)];
        out.extend(
            self.headers
                .iter()
                .map(|h| format!("{}: {}", h.name, h.value)),
        );
        if self.body_bytes > 0 {
            out.push(String::new());
            out.extend(self.body.lines().map(str::to_owned));
        }
        out
    }

    /// `request (step `NAME`), as sent:` and [`Self::lines`], indented by
    /// four spaces: the console's and the plain-text reports' form.
    pub fn text(&self) -> String {
        let mut out = format!("request (step `{}`), as sent:\n", self.step);
        for line in self.lines() {
            out.push_str("    ");
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// `name=value&…` with the value of every `SecurityToken` replaced.
fn without_token(pairs: &str) -> String {
    pairs
        .split('&')
        .map(|pair| match pair.split_once('=') {
            Some((name, _)) if name.eq_ignore_ascii_case(TOKEN_PARAMETER) => {
                format!("{name}={REDACTED}")
            }
            _ => pair.to_owned(),
        })
        .collect::<Vec<_>>()
        .join("&")
}

/// `text` cut to at most `max` bytes on a character boundary, and how
/// many bytes were left out.
fn cut(text: &str, max: usize) -> String {
    if text.len() <= max {
        return text.to_owned();
    }
    let mut end = max;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}… ({} more bytes)", &text[..end], text.len() - end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(query: &str, headers: &[(&str, &str)], body: &str) -> PreparedRequest {
        PreparedRequest {
            method: "POST",
            path_and_query: format!("/?{query}"),
            headers: headers
                .iter()
                .map(|(n, v)| (n.to_string(), v.to_string()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    #[test]
    fn a_security_token_is_never_shown_in_the_query_a_form_body_or_a_header() {
        let shown = RequestEntry::new(
            "request",
            &request(
                "AccessKeyId=key-1&SecurityToken=t0k3n%2Bv&X=1",
                &[
                    ("x-acs-security-token", "t0k3n+v"),
                    ("content-type", "application/x-www-form-urlencoded"),
                ],
                "A=b&SecurityToken=t0k3n%2Bv",
            ),
        );
        let text = shown.text();
        assert!(!text.contains("t0k3n"), "{text}");
        assert!(
            text.contains("AccessKeyId=key-1"),
            "key ids are shown: {text}"
        );
        assert!(text.contains("SecurityToken=<redacted>&X=1"), "{text}");
        assert!(text.contains("x-acs-security-token: <redacted>"), "{text}");
        assert!(
            text.ends_with("\n    A=b&SecurityToken=<redacted>\n"),
            "{text}"
        );
    }

    #[test]
    fn signature_values_are_redacted_as_in_every_report() {
        let shown = RequestEntry::new(
            "request",
            &request(
                "Action=CreateImage&Signature=abcdefghij%3D",
                &[(
                    "authorization",
                    "ACS3-HMAC-SHA256 Credential=key-1,SignedHeaders=host,Signature=0123456789abcdef",
                )],
                "",
            ),
        );
        let text = shown.text();
        assert!(
            !text.contains("abcdefghij") && !text.contains("0123456789abcdef"),
            "{text}"
        );
        assert!(text.contains("Credential=key-1"), "{text}");
    }

    #[test]
    fn the_request_reads_as_an_http_message_with_its_body_cut() {
        let body = "x".repeat(MAX_BODY_SHOWN + 5);
        let shown = RequestEntry::new("first", &request("A=1", &[("host", "h")], &body));
        let lines = shown.lines();
        assert_eq!(lines[0], "POST /?A=1 HTTP/1.1");
        assert_eq!(lines[1], "host: h");
        assert_eq!(lines[2], "");
        assert!(lines[3].ends_with("… (5 more bytes)"), "{}", lines[3]);
        assert_eq!(shown.body_bytes, MAX_BODY_SHOWN + 5);
        assert!(
            shown
                .text()
                .starts_with("request (step `first`), as sent:\n    POST")
        );
    }
}
