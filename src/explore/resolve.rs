//! From a [`Draft`] to the requests one side sends: the side's fixture ids
//! and credentials ([`Side`]), the case's fresh names and tokens, and one
//! nonce and timestamp per request shared by both sides, so that the
//! target and the oracle receive the same request.

use std::collections::BTreeMap;

use crate::runner::Outgoing;
use crate::wire::Format;
use crate::wire::WireStyle;
use crate::wire::credentials::Credentials;
use crate::wire::request::{Tampering, timestamp_from_now};

use super::draft::{Bit, Draft, FormatChoice, Gateway, Param, Place, WRONG_SECURITY_TOKEN};
use super::fresh::Fresh;

/// What one side names things with.
#[derive(Clone, Copy, Debug)]
pub struct Side<'a> {
    /// Fixture reference → the side's id.
    pub bindings: &'a BTreeMap<String, String>,
    /// Account name → its keys.
    pub accounts: &'a BTreeMap<String, Credentials>,
}

/// The nonce and timestamp of each request of a case.
#[derive(Clone, Debug)]
pub struct Stamps {
    pub nonces: Vec<String>,
    pub timestamps: Vec<String>,
}

impl Stamps {
    pub fn now(draft: &Draft) -> Stamps {
        let count = draft.shape.requests();
        let offset = match draft.gateway {
            Gateway::TimestampOffset(seconds) => seconds,
            _ => 0,
        };
        let shape = draft.spelling.nonce;
        let first_nonce = shape.fresh();
        let nonces = (0..count)
            .map(|i| {
                if i == 0 || draft.shape == super::draft::Shape::SameNonceTwice {
                    first_nonce.clone()
                } else {
                    shape.fresh()
                }
            })
            .collect();
        let timestamps = (0..count)
            .map(|i| timestamp_from_now(if i == 0 { offset } else { 0 }))
            .collect();
        Stamps { nonces, timestamps }
    }
}

/// Why a case cannot be sent to a side.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unsendable(pub String);

/// The requests of `draft` as `side` sends them.
pub fn requests(
    draft: &Draft,
    side: Side<'_>,
    fresh: &Fresh,
    stamps: &Stamps,
) -> Result<Vec<Outgoing>, Unsendable> {
    let mut out = Vec::new();
    for (i, params) in draft.steps().iter().enumerate() {
        let account = draft.shape.account_of(i, &draft.account);
        let mut credentials = side
            .accounts
            .get(account)
            .ok_or_else(|| Unsendable(format!("no credentials for account {account}")))?
            .clone();
        let mut tampering = Tampering::default();
        if i == 0 {
            match &draft.gateway {
                Gateway::Intact | Gateway::TimestampOffset(_) => {}
                Gateway::WrongSecret => credentials.access_key_secret.push_str("-wrong"),
                Gateway::UnknownAccessKey => {
                    credentials.access_key_id = "explore-unknown-access-key".to_owned()
                }
                Gateway::Without(name) => tampering.without.push((*name).to_owned()),
                Gateway::Strip(name) => tampering.strip.push((*name).to_owned()),
                Gateway::AccessKey(variant) => {
                    credentials.access_key_id = variant.apply(&credentials.access_key_id)
                }
                Gateway::Appended(place, name, value) => {
                    let pair = ((*name).to_owned(), (*value).to_owned());
                    match place {
                        Place::Parameters => tampering.append.push(pair),
                        Place::Query => tampering.append_to_query.push(pair),
                        Place::Body => tampering.append_to_body.push(pair),
                    }
                }
                Gateway::Altered(name, value) => tampering
                    .alter
                    .push(((*name).to_owned(), (*value).to_owned())),
                Gateway::UnsignedHeader(name) => {
                    tampering.unsigned_headers.push((*name).to_owned())
                }
                Gateway::SecurityTokenOmitted => tampering.without.push("SecurityToken".to_owned()),
                Gateway::SecurityTokenWrong => tampering
                    .spell
                    .push(("SecurityToken".to_owned(), WRONG_SECURITY_TOKEN.to_owned())),
                Gateway::SecurityTokenOf(other) => {
                    credentials.security_token = side
                        .accounts
                        .get(other)
                        .and_then(|c| c.security_token.clone())
                }
            }
        }
        if draft.format == FormatChoice::Omitted {
            tampering.without.push("Format".to_owned());
        }
        spell(draft, &mut tampering);
        out.push(Outgoing {
            credentials,
            style: draft.style,
            format: match draft.format {
                FormatChoice::Xml => Format::Xml,
                FormatChoice::Json | FormatChoice::Omitted => Format::Json,
            },
            params: values(params, side, fresh)?,
            nonce: stamps.nonces[i].clone(),
            timestamp: stamps.timestamps[i].clone(),
            tampering,
            reused_nonce: i > 0 && draft.shape == super::draft::Shape::SameNonceTwice,
        });
    }
    Ok(out)
}

/// The client spelling of `draft`, on every request of the case.
pub fn spell(draft: &Draft, tampering: &mut Tampering) {
    let spelling = &draft.spelling;
    let format = match draft.format {
        FormatChoice::Json => Some(Format::Json),
        FormatChoice::Xml => Some(Format::Xml),
        FormatChoice::Omitted => None,
    };
    if let (Some(case), Some(format)) = (spelling.format_case, format) {
        let spelled = case.apply(format.param_value());
        tampering.spell.push(("Format".to_owned(), spelled));
    }
    if spelling.empty_signature_type && draft.style != WireStyle::V3 {
        tampering
            .add
            .push(("SignatureType".to_owned(), String::new()));
    }
    tampering.nonce = spelling.nonce;
    tampering.plus_for_space = spelling.plus_for_space;
}

fn values(
    params: &[Param],
    side: Side<'_>,
    fresh: &Fresh,
) -> Result<Vec<(String, String)>, Unsendable> {
    let mut out = Vec::with_capacity(params.len());
    for param in params {
        let mut value = String::new();
        for bit in &param.value {
            match bit {
                Bit::Text(text) => value.push_str(text),
                Bit::Fixture(name) => value.push_str(
                    side.bindings
                        .get(name)
                        .ok_or_else(|| Unsendable(format!("fixture {name} is not bound")))?,
                ),
                Bit::Unique(label) => value.push_str(&fresh.name(label)),
                Bit::Uuid(label) => value.push_str(&fresh.uuid(label)),
            }
        }
        out.push((param.key.clone(), value));
    }
    Ok(out)
}
