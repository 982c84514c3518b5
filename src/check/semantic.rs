//! Compares a run's answers with a snapshot as trees, not as text: what a
//! conformant target may choose never makes them differ.
//!
//! Both sides — the accepted snapshot as read, and the actual answers — go
//! through the same ordered list of normalisers, [`NORMALISERS`], each
//! replacing one kind of value the contract leaves to the target: the media
//! type's spelling, request ids, image ids, timestamps, `HostId` and
//! `Recommend`. New normalisers are only ever appended, so a snapshot that
//! matched stays matched. Then the trees compare with `Value`'s equality,
//! for which JSON member order does not matter. XML needs nothing here: the
//! decoder already drops the declaration and the whitespace between
//! elements (`crate::wire::decode`).
//!
//! A difference is shown as a unified diff of the two canonical forms,
//! pretty JSON with keys sorted.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind, MatchKind};
use regex::Regex;
use serde_json::{Map, Value};
use similar::TextDiff;

use super::media_type;

/// One normaliser: a stable name (it may be cited in a snapshot's header
/// one day, so it never changes) and what it does to a tree of answers.
pub struct SemanticNormaliser {
    pub name: &'static str,
    pub replaces: &'static str,
    apply: fn(&mut Value),
}

/// Every semantic normaliser, in the order they apply. Append only.
pub const NORMALISERS: &[SemanticNormaliser] = &[
    SemanticNormaliser {
        name: "media-type",
        replaces: "each `content_type` by its RFC 9110 canonical spelling",
        apply: media_types,
    },
    SemanticNormaliser {
        name: "request-id",
        replaces: "each `RequestId` value by `<request-id:N>`, numbered by value",
        apply: request_ids,
    },
    SemanticNormaliser {
        name: "image-id",
        replaces: "each `ImageId` value by `<image-id:N>`, numbered by value",
        apply: image_ids,
    },
    SemanticNormaliser {
        name: "timestamp",
        replaces: "each RFC 3339 date-time by `<timestamp>`",
        apply: timestamps,
    },
    SemanticNormaliser {
        name: "host-id",
        replaces: "each `HostId` value by `<host-id>`",
        apply: host_ids,
    },
    SemanticNormaliser {
        name: "recommend",
        replaces: "each `Recommend` URL by `<recommend:CODE>` (the error code it names) or `<recommend>`",
        apply: recommends,
    },
];

/// The answers with every normaliser applied, in order.
pub fn canonical(answers: &Value) -> Value {
    let mut value = answers.clone();
    for normaliser in NORMALISERS {
        (normaliser.apply)(&mut value);
    }
    value
}

/// `None` when the accepted and actual answers are semantically equal, else
/// a unified diff (accepted → actual) of their canonical forms.
pub fn difference(accepted: &Value, actual: &Value) -> Option<String> {
    difference_between(accepted, actual, ("accepted snapshot", "actual answer"))
}

/// [`difference`] with the diff's two headers named (`left → right`).
pub fn difference_between(left: &Value, right: &Value, names: (&str, &str)) -> Option<String> {
    difference_from_canonical(&canonical(left), right, names)
}

/// [`difference_between`] for a left side already in canonical form (an
/// accepted snapshot is made canonical once, when it is read).
pub fn difference_from_canonical(
    left: &Value,
    right: &Value,
    names: (&str, &str),
) -> Option<String> {
    let right = canonical(right);
    if *left == right {
        return None;
    }
    Some(
        TextDiff::from_lines(&sorted_text(left), &sorted_text(&right))
            .unified_diff()
            .context_radius(3)
            .header(names.0, names.1)
            .to_string(),
    )
}

/// Pretty JSON with every object's keys sorted.
pub fn sorted_text(value: &Value) -> String {
    serde_json::to_string_pretty(&sorted(value)).unwrap_or_default()
}

fn sorted(value: &Value) -> Value {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(&String, &Value)> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sorted(v)))
                    .collect::<Map<String, Value>>(),
            )
        }
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        other => other.clone(),
    }
}

/// A unified diff, accepted (`-`) → actual (`+`).
pub fn unified_diff(accepted: &str, actual: &str) -> String {
    TextDiff::from_lines(accepted, actual)
        .unified_diff()
        .context_radius(3)
        .header("accepted snapshot", "actual answer")
        .to_string()
}

/// Visits every string in a deterministic order — the top level (the
/// steps) as written, every object below it by sorted key — with the name
/// of the member holding it.
fn each_string(value: &mut Value, visit: &mut dyn FnMut(Option<&str>, &mut String)) {
    fn walk(
        value: &mut Value,
        key: Option<&str>,
        sort: bool,
        visit: &mut dyn FnMut(Option<&str>, &mut String),
    ) {
        match value {
            Value::String(s) => visit(key, s),
            Value::Array(items) => {
                for item in items {
                    walk(item, key, true, visit);
                }
            }
            Value::Object(map) => {
                let mut members: Vec<(&String, &mut Value)> = map.iter_mut().collect();
                if sort {
                    members.sort_by(|a, b| a.0.cmp(b.0));
                }
                for (k, v) in members {
                    walk(v, Some(k), true, visit);
                }
            }
            _ => {}
        }
    }
    walk(value, None, false, visit);
}

fn media_types(value: &mut Value) {
    let Value::Object(steps) = value else { return };
    for answer in steps.values_mut() {
        if let Some(Value::String(content_type)) = answer.get_mut("content_type") {
            *content_type = media_type::canonical(content_type);
        }
    }
}

static REQUEST_ID_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<request-id:\d+>").expect("request-id token pattern"));
static IMAGE_ID_TOKEN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"<image-id:\d+>").expect("image-id token pattern"));

fn request_ids(value: &mut Value) {
    renumber(value, "RequestId", "request-id", &REQUEST_ID_TOKEN);
}

fn image_ids(value: &mut Value) {
    renumber(value, "ImageId", "image-id", &IMAGE_ID_TOKEN);
}

/// Gives every distinct value of a `member` (and every token of `kind`
/// already in the tree) the token `<kind:N>`, N counting in order of first
/// appearance; each value is replaced wherever it appears, inside longer
/// strings too. Equal values keep equal tokens, so which steps answered with
/// the same id still counts.
fn renumber(value: &mut Value, member: &str, kind: &str, token: &Regex) {
    let mut numbers: HashMap<String, usize> = HashMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut note = |found: &str| {
        if !numbers.contains_key(found) {
            order.push(found.to_string());
            numbers.insert(found.to_string(), order.len());
        }
    };
    each_string(value, &mut |key, s| {
        if key == Some(member) && !s.is_empty() {
            note(s);
        }
        if s.contains('<') {
            for m in token.find_iter(s) {
                note(m.as_str());
            }
        }
    });
    if order.is_empty() {
        return;
    }
    // Inside other strings, only values long enough not to be ordinary text
    // are replaced (a whole string always is), the longest first where two
    // start at the same place.
    let inner: Vec<&String> = order.iter().filter(|v| v.len() >= 4).collect();
    let mut replacer: Option<Option<(AhoCorasick, Vec<String>)>> = None;
    each_string(value, &mut |_, s| {
        if let Some(n) = numbers.get(s.as_str()) {
            *s = format!("<{kind}:{n}>");
            return;
        }
        if !inner.iter().any(|v| s.contains(v.as_str())) {
            return;
        }
        // Built once per tree, and only for a tree that needs it.
        let built = replacer.get_or_insert_with(|| {
            let automaton = AhoCorasick::builder()
                .kind(Some(AhoCorasickKind::NoncontiguousNFA))
                .match_kind(MatchKind::LeftmostLongest)
                .build(&inner)
                .ok()?;
            let tokens = inner
                .iter()
                .map(|v| format!("<{kind}:{}>", numbers[v.as_str()]))
                .collect();
            Some((automaton, tokens))
        });
        if let Some((automaton, tokens)) = built {
            *s = automaton.replace_all(s, tokens);
        }
    });
}

static DATE_TIME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?([Zz]|[+-]\d{2}:?\d{2})?")
        .expect("date-time pattern")
});

fn timestamps(value: &mut Value) {
    each_string(value, &mut |_, s| {
        if s.contains(':') && DATE_TIME.is_match(s) {
            *s = DATE_TIME.replace_all(s, "<timestamp>").into_owned();
        }
    });
}

fn host_ids(value: &mut Value) {
    each_string(value, &mut |key, s| {
        if key == Some("HostId") {
            *s = "<host-id>".to_string();
        }
    });
}

fn recommends(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let code = map.get("Code").and_then(Value::as_str).map(str::to_owned);
            for (key, item) in map.iter_mut() {
                match item {
                    Value::String(url) if key == "Recommend" => {
                        *url = match recommended_code(url, code.as_deref()) {
                            Some(code) => format!("<recommend:{code}>"),
                            None => "<recommend>".to_string(),
                        };
                    }
                    other => recommends(other),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(recommends),
        _ => {}
    }
}

/// The error code a troubleshooting URL names: the answer's own `Code`
/// when the URL (percent-decoded) carries it anywhere, in its path or its
/// query; otherwise its `q`, `code` or `errorCode` query parameter.
fn recommended_code(url: &str, code: Option<&str>) -> Option<String> {
    let decoded = percent_encoding::percent_decode_str(url).decode_utf8_lossy();
    if let Some(code) = code.filter(|c| !c.is_empty() && decoded.contains(c)) {
        return Some(code.to_string());
    }
    query_code(url)
}

/// The code a troubleshooting URL's `q`, `code` or `errorCode` query
/// parameter names.
fn query_code(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1;
    let query = query.split('#').next().unwrap_or(query);
    query.split('&').find_map(|pair| {
        let (name, value) = pair.split_once('=')?;
        let name = name.to_ascii_lowercase();
        if !matches!(name.as_str(), "q" | "code" | "errorcode") || value.is_empty() {
            return None;
        }
        let value = value.replace('+', " ");
        Some(
            percent_encoding::percent_decode_str(&value)
                .decode_utf8_lossy()
                .into_owned(),
        )
    })
}

#[cfg(test)]
#[path = "semantic_tests.rs"]
mod tests;
