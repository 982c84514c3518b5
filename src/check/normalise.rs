//! Replaces the values that change from run to run — request ids, image ids,
//! generated names, fixture ids, nonces and timestamps — with stable tokens
//! before a response is compared with its snapshot.
//!
//! Rules apply in order: first the values the run itself generated or bound
//! (so a fixture id reads `<fixture:snapshot.system>` whatever the target's
//! real id is), then a gateway's echoed string to sign, then the id shapes.
//! Each distinct value of a shape gets a numbered token (`<image-id:1>`,
//! `<image-id:2>`), so the same id keeps the same token across the steps of a
//! run while its value may change.

use std::borrow::Cow;
use std::collections::HashMap;
use std::sync::{Arc, LazyLock};

use regex::Regex;
use serde_json::Value;

static REQUEST_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}")
        .expect("request-id pattern")
});
/// A gateway's echo of its string to sign depends on the request style,
/// the nonce and the time: it is replaced whole.
static STRING_TO_SIGN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?s)(server string to sign is:).*").expect("string-to-sign pattern")
});
static IMAGE_ID: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\bm-[a-z0-9]{20}\b").expect("image-id pattern"));

/// Turns one run's answers into their snapshot form. Cloning one is cheap
/// (the literals are shared), so a normaliser of a target's fixture ids is
/// built once and cloned for each run.
#[derive(Clone, Debug, Default)]
pub struct Normaliser {
    /// Known literal values and their tokens, longest value first.
    literals: Vec<(Arc<str>, Arc<str>)>,
    shapes: HashMap<(&'static str, String), usize>,
    counters: HashMap<&'static str, usize>,
}

impl Normaliser {
    pub fn new() -> Normaliser {
        Normaliser::default()
    }

    /// Replace every occurrence of `value` by `<token>`. Values shorter than
    /// four characters are ignored: they would replace ordinary text.
    pub fn add_literal(&mut self, value: &str, token: &str) {
        if value.len() < 4 || self.literals.iter().any(|(v, _)| &**v == value) {
            return;
        }
        // Longest first; among equal lengths, in the order they were added.
        let at = self
            .literals
            .partition_point(|(known, _)| known.len() >= value.len());
        self.literals
            .insert(at, (value.into(), format!("<{token}>").into()));
    }

    /// Also replace `value` as it appears percent-encoded once and twice, the
    /// way a server's string to sign quotes it.
    pub fn add_literal_encoded(&mut self, value: &str, token: &str) {
        let once = crate::wire::percent::encode(value);
        let twice = crate::wire::percent::encode(&once);
        self.add_literal(value, token);
        self.add_literal(&once, token);
        self.add_literal(&twice, token);
    }

    /// The normalised copy of a body tree.
    pub fn value(&mut self, value: &Value) -> Value {
        let mut copy = value.clone();
        self.normalise(&mut copy);
        copy
    }

    /// Normalises a body tree in place: only the strings that change are
    /// written again.
    pub fn normalise(&mut self, value: &mut Value) {
        match value {
            Value::String(s) => {
                if let Cow::Owned(changed) = self.replaced(s) {
                    *s = changed;
                }
            }
            Value::Array(items) => items.iter_mut().for_each(|v| self.normalise(v)),
            Value::Object(map) => map.values_mut().for_each(|v| self.normalise(v)),
            _ => {}
        }
    }

    /// The normalised copy of one string.
    pub fn text(&mut self, text: &str) -> String {
        self.replaced(text).into_owned()
    }

    /// `text` with every literal, string to sign and id replaced; borrowed
    /// when nothing was.
    fn replaced<'t>(&mut self, text: &'t str) -> Cow<'t, str> {
        let mut out = Cow::Borrowed(text);
        for (value, token) in &self.literals {
            if out.contains(&**value) {
                out = Cow::Owned(out.replace(&**value, token));
            }
        }
        if STRING_TO_SIGN.is_match(&out) {
            out = Cow::Owned(
                STRING_TO_SIGN
                    .replace(&out, "${1}<string-to-sign>")
                    .into_owned(),
            );
        }
        let out = self.tokens(out, "request-id", &REQUEST_ID);
        self.tokens(out, "image-id", &IMAGE_ID)
    }

    fn tokens<'t>(
        &mut self,
        text: Cow<'t, str>,
        kind: &'static str,
        pattern: &Regex,
    ) -> Cow<'t, str> {
        if !pattern.is_match(&text) {
            return text;
        }
        Cow::Owned(
            pattern
                .replace_all(&text, |caps: &regex::Captures| {
                    let found = caps[0].to_string();
                    let next = self.counters.get(kind).copied().unwrap_or(0) + 1;
                    let n = *self.shapes.entry((kind, found)).or_insert_with(|| {
                        self.counters.insert(kind, next);
                        next
                    });
                    format!("<{kind}:{n}>")
                })
                .into_owned(),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_same_id_keeps_the_same_token_and_new_ids_count_up() {
        let mut n = Normaliser::new();
        let a = n.value(&json!({"ImageId": "m-aaaaaaaaaaaaaaaaaaaa", "RequestId": "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"}));
        let b = n.value(
            &json!({"ImageId": "m-aaaaaaaaaaaaaaaaaaaa", "Other": "m-bbbbbbbbbbbbbbbbbbbb"}),
        );
        assert_eq!(
            a,
            json!({"ImageId": "<image-id:1>", "RequestId": "<request-id:1>"})
        );
        assert_eq!(
            b,
            json!({"ImageId": "<image-id:1>", "Other": "<image-id:2>"})
        );
    }

    #[test]
    fn ids_inside_longer_strings_are_replaced_too() {
        let mut n = Normaliser::new();
        let text = n.text("https://x/?requestId=473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E&q=1");
        assert_eq!(text, "https://x/?requestId=<request-id:1>&q=1");
    }

    #[test]
    fn a_gateway_string_to_sign_is_replaced_whole() {
        let mut n = Normaliser::new();
        assert_eq!(
            n.text("Specified signature is not matched. server string to sign is:ACS3-HMAC-SHA256\nf9a8"),
            "Specified signature is not matched. server string to sign is:<string-to-sign>"
        );
    }

    #[test]
    fn literals_apply_before_shapes_and_in_encoded_forms() {
        let mut n = Normaliser::new();
        n.add_literal_encoded("2016-02-23T12:46:24Z", "timestamp");
        n.add_literal("s-fixture0001", "fixture:snapshot.system");
        assert_eq!(
            n.text("Timestamp%3D2016-02-23T12%253A46%253A24Z uses s-fixture0001"),
            "Timestamp%3D<timestamp> uses <fixture:snapshot.system>"
        );
    }
}
