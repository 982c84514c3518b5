//! The classes of a request spelled as real clients spell it
//! (`Limit::Spelling`, wire-protocol.md §1), instantiated: a valid request
//! on a system snapshot, sent over every request style where the spelling
//! is meaningful, spelled with the case's own `tamper:` (`spell`, `add`,
//! `nonce`, `plus_for_space`). The answer is the one the harness's own
//! spelling gets: a creation, and for a spelled `Format` the envelope of
//! that format (a server that compares case-sensitively falls back to the
//! default envelope, XML, which differs from the asked JSON). `Format` is
//! spelled over the V1 styles only: it is a V1 common parameter
//! (wire-protocol.md §2), and the documents describe V3 clients sending
//! none and expecting JSON (§1), so what a V3 server does with one is not
//! the contract.

use crate::contract::classes::{Class, Probe, Spelling};
use crate::contract::params::{Limit, Rule};
use crate::wire::{Format, WireStyle};

use super::answer::Answer;
use super::subjects::SNAPSHOT;
use super::{Instance, Sending, quoted};

/// The V1 request styles: the empty `SignatureType` and `Format` are V1
/// common parameters (the Python classic client signs V1 only); V3 has
/// neither.
const V1_STYLES: [WireStyle; 3] = [
    WireStyle::V1Get,
    WireStyle::V1PostQuery,
    WireStyle::V1PostForm,
];

/// A `Description` with spaces, for `plus_for_space`: valid by every rule
/// of `Description`, and another valid value if `+` is read as a plus.
const SPACED: &str = "described with spaces";

pub fn instances(rule: &'static Rule, class: &Class) -> Vec<Instance> {
    let (Limit::Spelling(_), Probe::Spelling(spelling)) = (rule.limit, class.probe) else {
        return Vec::new();
    };
    let on_snapshot = || vec![(SNAPSHOT.0.to_owned(), SNAPSHOT.1.to_owned())];
    let instance = |variant: String, params, answer, sending| Instance {
        variant,
        params,
        answer: Ok(answer),
        no_snapshot: None,
        sending,
    };
    match spelling {
        Spelling::Format(case) => Format::ALL
            .into_iter()
            .map(|format| {
                let spelled = case.apply(format.param_value());
                instance(
                    format!("{}-{}", class.id, format.name()),
                    on_snapshot(),
                    Answer::CreatedIn(format),
                    Sending {
                        formats: vec![format],
                        wire: V1_STYLES.to_vec(),
                        tamper: Some(format!("{{ spell: {{ Format: {} }} }}", quoted(&spelled))),
                    },
                )
            })
            .collect(),
        Spelling::EmptyParameter(name) => vec![instance(
            class.id.to_owned(),
            on_snapshot(),
            Answer::Created,
            Sending {
                formats: Vec::new(),
                wire: V1_STYLES.to_vec(),
                tamper: Some(format!("{{ add: {{ {name}: \"\" }} }}")),
            },
        )],
        Spelling::Nonce(shape) => vec![instance(
            class.id.to_owned(),
            on_snapshot(),
            Answer::Created,
            Sending {
                formats: Vec::new(),
                wire: WireStyle::ALL.to_vec(),
                tamper: Some(format!("{{ nonce: {shape} }}")),
            },
        )],
        Spelling::SpaceAsPlus => {
            let mut params = on_snapshot();
            params.push(("Description".to_owned(), SPACED.to_owned()));
            vec![instance(
                class.id.to_owned(),
                params,
                Answer::Created,
                Sending {
                    formats: Vec::new(),
                    wire: WireStyle::ALL.to_vec(),
                    tamper: Some("{ plus_for_space: true }".to_owned()),
                },
            )]
        }
    }
}
