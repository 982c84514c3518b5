//! [`Redactor`]: keeps credentials and signatures out of every report.
//!
//! A report is built, then every string in it passes through one redactor
//! before any format renders it: each known secret (access key secrets,
//! security tokens, in plain and percent-encoded form) becomes `<redacted>`,
//! and so does the value of anything that looks like a signature
//! (`Signature=…`, `Signature: …`, `"Signature": "…"`). Target URLs lose
//! their userinfo ([`url`]).

use std::sync::{LazyLock, OnceLock};

use aho_corasick::{AhoCorasick, MatchKind};
use regex::Regex;
use serde_json::Value;

/// What a removed secret reads as.
pub const REDACTED: &str = "<redacted>";

static SIGNATURE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r#"(?i)(signature"?\s*(?:=|%3D|:)\s*"?)[A-Za-z0-9+/=%_\-]{8,}"#)
        .expect("signature pattern")
});

/// Replaces known secrets and signature values in text.
#[derive(Clone, Debug, Default)]
pub struct Redactor {
    secrets: Vec<String>,
    /// Finds every secret in one pass, the longest where two start at the
    /// same place; built when first needed after the last secret was added.
    finder: OnceLock<Option<AhoCorasick>>,
}

impl Redactor {
    pub fn new() -> Redactor {
        Redactor::default()
    }

    /// Adds a secret; values shorter than four characters are ignored (they
    /// would replace ordinary text, and are no secret worth the name).
    pub fn secret(&mut self, value: &str) {
        if value.len() < 4 {
            return;
        }
        let once = crate::wire::percent::encode(value);
        let twice = crate::wire::percent::encode(&once);
        for form in [value.to_string(), once, twice] {
            if !self.secrets.contains(&form) {
                self.secrets.push(form);
            }
        }
        self.finder = OnceLock::new();
    }

    fn finder(&self) -> Option<&AhoCorasick> {
        self.finder
            .get_or_init(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&self.secrets)
                    .ok()
            })
            .as_ref()
    }

    /// The redacted copy of one string.
    pub fn text(&self, text: &str) -> String {
        self.redacted(text).unwrap_or_else(|| text.to_string())
    }

    /// The redacted copy of one string, or `None` when nothing in it is
    /// secret.
    pub fn redacted(&self, text: &str) -> Option<String> {
        let mut out = None;
        if let Some(finder) = self.finder().filter(|f| f.is_match(text)) {
            out = Some(finder.replace_all(text, &vec![REDACTED; self.secrets.len()]));
        }
        let current = out.as_deref().unwrap_or(text);
        if SIGNATURE.is_match(current) {
            out = Some(
                SIGNATURE
                    .replace_all(current, |caps: &regex::Captures| {
                        format!("{}{REDACTED}", &caps[1])
                    })
                    .into_owned(),
            );
        }
        out
    }

    /// Redacts every string (and object key) of a JSON tree in place.
    pub fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                if let Some(redacted) = self.redacted(s) {
                    *s = redacted;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Object(map) => {
                let keys_change = map.keys().any(|key| self.redacted(key).is_some());
                if !keys_change {
                    for (key, v) in map.iter_mut() {
                        if key.eq_ignore_ascii_case("signature") && v.is_string() {
                            *v = Value::String(REDACTED.to_string());
                        }
                        self.value(v);
                    }
                    return;
                }
                let entries = std::mem::take(map);
                for (key, mut v) in entries {
                    if key.eq_ignore_ascii_case("signature") && v.is_string() {
                        v = Value::String(REDACTED.to_string());
                    }
                    self.value(&mut v);
                    map.insert(self.text(&key), v);
                }
            }
            _ => {}
        }
    }
}

/// A URL without userinfo (`http://user:pass@host/` → `http://host/`); text
/// that is no URL is returned with everything up to an `@` removed.
pub fn url(text: &str) -> String {
    match reqwest::Url::parse(text) {
        Ok(mut parsed) => {
            let _ = parsed.set_username("");
            let _ = parsed.set_password(None);
            let shown = parsed.to_string();
            // `Url` adds a trailing slash to a bare host; keep the user's form.
            if !text.ends_with('/') {
                shown.trim_end_matches('/').to_string()
            } else {
                shown
            }
        }
        Err(_) => match text.rsplit_once('@') {
            Some((_, host)) => host.to_string(),
            None => text.to_string(),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn credentials_in_a_url_are_removed() {
        assert_eq!(
            url("http://AKID:topsecret@127.0.0.1:8080"),
            "http://127.0.0.1:8080"
        );
        assert_eq!(url("https://h.example/x/"), "https://h.example/x/");
        assert_eq!(url("not a url user:pw@h"), "h");
    }

    #[test]
    fn known_secrets_are_removed_in_plain_and_encoded_form() {
        let mut r = Redactor::new();
        r.secret("s3cr3t/with+chars");
        let text = r.text("a s3cr3t/with+chars b s3cr3t%2Fwith%2Bchars c");
        assert_eq!(text, "a <redacted> b <redacted> c");
    }

    #[test]
    fn signature_values_are_removed_wherever_they_appear() {
        let r = Redactor::new();
        assert_eq!(
            r.text("GET /?Signature=abcdEFGH1234%2B%3D&Nonce=1"),
            "GET /?Signature=<redacted>&Nonce=1"
        );
        assert_eq!(
            r.text("ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=0123456789abcdef"),
            "ACS3-HMAC-SHA256 Credential=x,SignedHeaders=host,Signature=<redacted>"
        );
        let mut v = json!({"Signature": "c2lnbmF0dXJlIQ==", "list": ["Signature: abcdefgh12"]});
        r.value(&mut v);
        assert_eq!(
            v,
            json!({"Signature": "<redacted>", "list": ["Signature: <redacted>"]})
        );
    }

    #[test]
    fn ordinary_text_is_untouched() {
        let r = Redactor::new();
        let text = "The request signature we calculated does not match the signature you provided.";
        assert_eq!(r.text(text), text);
    }
}
