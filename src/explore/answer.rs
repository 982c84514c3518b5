//! [`Answer`]: one side's answers to a case, as compared — every answer
//! with its fixture ids tokenised (`<fixture:snapshot.system>`), then the
//! ordered semantic normalisers of [`crate::check::semantic`] applied
//! (request and image ids numbered by value, media types, `HostId`, …),
//! so two conformant answers are equal whatever a target may choose. A
//! concurrent pair is compared as a multiset: either may have come first.

use std::sync::OnceLock;

use serde_json::{Value, json};

use crate::check::{Normaliser, Observed, semantic};

/// One request's outcome: an answer, or why there is none
/// (`transport`/`decode`, the kinds of [`crate::runner::NoAnswer`]).
pub type Outcome = Result<Observed, &'static str>;

/// A side's answers to one case, comparable ([`Answer::same_as`]).
#[derive(Clone, Debug)]
pub struct Answer {
    /// The answers with fixture and generated ids tokenised, before the
    /// semantic normalisers (a concurrent pair in the order of its text).
    normalised: Value,
    /// `normalised` through the semantic normalisers, made on first need:
    /// two equal `normalised` values are equal canonically too.
    canonical: OnceLock<Value>,
    /// Per request: `(status, Code)`; `Code` is `-` on success and
    /// `no-answer` when nothing decodable came back.
    pub codes: Vec<(u16, String)>,
}

impl Answer {
    pub fn of(outcomes: &[Outcome], fixtures: &Normaliser, concurrent: bool) -> Answer {
        let codes = outcomes.iter().map(code_of).collect();
        let normalised = if concurrent {
            let mut each: Vec<Value> = outcomes
                .iter()
                .map(|o| one(o, &mut fixtures.clone()))
                .collect();
            each.sort_by_key(|v| v.to_string());
            Value::Array(each)
        } else {
            let mut normaliser = fixtures.clone();
            let steps: serde_json::Map<String, Value> = outcomes
                .iter()
                .enumerate()
                .map(|(i, o)| (format!("{}", i + 1), one(o, &mut normaliser)))
                .collect();
            Value::Object(steps)
        };
        Answer {
            normalised,
            canonical: OnceLock::new(),
            codes,
        }
    }

    /// The answers as compared: through the semantic normalisers; a
    /// concurrent pair as a multiset (in the order of the canonical text).
    pub fn canonical(&self) -> &Value {
        self.canonical.get_or_init(|| match &self.normalised {
            Value::Array(each) => {
                let mut each: Vec<Value> = each.iter().map(semantic::canonical).collect();
                each.sort_by_key(|v| v.to_string());
                Value::Array(each)
            }
            whole => semantic::canonical(whole),
        })
    }

    /// Whether the two sides' answers are the same, whatever a target may
    /// choose: equal as they came (the common case, no normaliser run), or
    /// equal canonically.
    pub fn same_as(&self, other: &Answer) -> bool {
        self.normalised == other.normalised || self.canonical() == other.canonical()
    }

    /// The code of the first request that differs from `other`'s, or of
    /// the last request.
    pub fn code_against(&self, other: &Answer) -> String {
        let differing = self
            .codes
            .iter()
            .zip(&other.codes)
            .position(|(a, b)| a != b)
            .unwrap_or(self.codes.len().saturating_sub(1));
        self.codes
            .get(differing)
            .map(|(status, code)| format!("{status} {code}"))
            .unwrap_or_default()
    }
}

/// The shapes wire-protocol.md §4 gives the ids (an uppercase UUID; `m-`
/// and 20 lowercase letters and digits): the normalisers replace the
/// values, so whether each has its shape is compared beside them.
static REQUEST_ID: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
        .expect("request-id shape")
});
static IMAGE_ID: std::sync::LazyLock<regex::Regex> =
    std::sync::LazyLock::new(|| regex::Regex::new(r"^m-[a-z0-9]{20}$").expect("image-id shape"));

fn shape(observed: &Observed, field: &str, pattern: &regex::Regex) -> Value {
    match observed.field(field).and_then(Value::as_str) {
        Some(value) => Value::Bool(pattern.is_match(value)),
        None => Value::Null,
    }
}

fn one(outcome: &Outcome, normaliser: &mut Normaliser) -> Value {
    match outcome {
        Ok(observed) => json!({
            "status": observed.status,
            "content_type": observed.content_type,
            "root": observed.body.root,
            "body": normaliser.value(&observed.body.value),
            "id_shapes": [
                shape(observed, "RequestId", &REQUEST_ID),
                shape(observed, "ImageId", &IMAGE_ID),
            ],
        }),
        Err(kind) => json!({ "no_answer": kind }),
    }
}

fn code_of(outcome: &Outcome) -> (u16, String) {
    match outcome {
        Ok(observed) => (
            observed.status,
            observed
                .field("Code")
                .and_then(Value::as_str)
                .unwrap_or("-")
                .to_owned(),
        ),
        Err(_) => (0, "no-answer".to_owned()),
    }
}

/// A normaliser that replaces each bound fixture id by its reference.
pub fn fixture_normaliser(bindings: &std::collections::BTreeMap<String, String>) -> Normaliser {
    let mut normaliser = Normaliser::new();
    for (reference, id) in bindings {
        normaliser.add_literal(id, &format!("fixture:{reference}"));
    }
    normaliser
}
