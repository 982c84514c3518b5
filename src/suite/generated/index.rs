//! The classes of a repeated parameter's index range (`Tag.N`, N from 1
//! to the maximum), instantiated with tag keys beside a system snapshot.
//! One tag above the maximum is one tag too many or an index out of range
//! (ambiguity `tags-quota`); index 0 is outside `1..=max`, for which the
//! document has no row: a code that names the tags or the parameter. So is
//! an index that is no number (`Tag.one.Key`): `one` is none of the valid
//! values of N. The document does not say how N is written: `Tag.01.Key`
//! is index 1 (created) or an invalid index (a code that names the tags or
//! the parameter), and the case accepts both.

use crate::contract::classes::{Bound, Class, Probe};
use crate::contract::params::{Limit, Rule};

use super::answer::{Answer, row_of};
use super::subjects::SNAPSHOT;
use super::{Instance, Sending};

const CODES: &str = "Tag|TagKey";

pub fn instances(rule: &'static Rule, class: &Class) -> Vec<Instance> {
    let Limit::Count(max) = rule.limit else {
        return Vec::new();
    };
    let max = max as u64;
    if let Probe::IndexText(text) = class.probe {
        return vec![spelled_index(class, text, max)];
    }
    let indexes: Vec<u64> = match class.probe {
        Probe::Entries(bound) => (1..=bound.of(1, max).unwrap_or(0)).collect(),
        Probe::SingleIndex(bound) => bound.of(1, max).into_iter().collect(),
        Probe::Gap => vec![1, 3],
        _ => return Vec::new(),
    };
    let answer = if indexes.iter().any(|i| *i > max) {
        Answer::one_of(vec![
            ("quota-exceeded", row_of(rule, CODES)),
            ("index-out-of-range", Answer::Rejected(CODES)),
        ])
    } else if indexes.contains(&0) || class.probe == Probe::SingleIndex(Bound::MinMinus1) {
        Answer::Rejected(CODES)
    } else {
        Answer::Created
    };
    let mut params = vec![(SNAPSHOT.0.to_owned(), SNAPSHOT.1.to_owned())];
    params.extend(
        indexes
            .iter()
            .map(|i| (format!("Tag.{i}.Key"), format!("key{i}"))),
    );
    vec![Instance {
        variant: class.id.to_owned(),
        params,
        answer: Ok(answer),
        no_snapshot: None,
        sending: Sending::default(),
    }]
}

/// One tag whose index is written as `text`.
fn spelled_index(class: &Class, text: &str, max: u64) -> Instance {
    let number = text
        .bytes()
        .all(|b| b.is_ascii_digit())
        .then(|| text.parse::<u64>().ok())
        .flatten()
        .filter(|n| (1..=max).contains(n));
    let answer = match number {
        Some(n) => Answer::one_of(vec![
            (&format!("index-{n}"), Answer::Created),
            ("invalid-index", Answer::Rejected(CODES)),
        ]),
        None => Answer::Rejected(CODES),
    };
    Instance {
        variant: class.id.to_owned(),
        params: vec![
            (SNAPSHOT.0.to_owned(), SNAPSHOT.1.to_owned()),
            (format!("Tag.{text}.Key"), "key".to_owned()),
        ],
        answer: Ok(answer),
        no_snapshot: None,
        sending: Sending::default(),
    }
}
