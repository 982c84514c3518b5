//! [`Draft`]: one explored case before it is sent — its shape (a single
//! request or a short stateful sequence), the account, request style and
//! format, any damage to the signed request, how its requests are spelled
//! ([`Spelling`]: as the harness or as some real client spells them), and
//! the operation parameters as template pieces ([`Bit`]: text, a fixture, a
//! fresh name or token).
//!
//! Drafts are what the strategies ([`super::strategy`]) generate and
//! shrink; [`super::resolve`] turns one into the requests each side sends.

use crate::contract::classes::LetterCase;
use crate::wire::credentials::KeyVariant;
use crate::wire::{NonceShape, WireStyle};

/// What a case sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// One request.
    Single,
    /// The request, then again with the same `ClientToken`.
    ReplaySameToken,
    /// The request, then with the same `ClientToken` and another `Description`.
    ReplayChangedParameters,
    /// The request, then the same `ImageName` under another token.
    SameNameTwice,
    /// The request, then again with the same `SignatureNonce`.
    SameNonceTwice,
    /// Two copies with the same `ImageName` (and no token) at once.
    Concurrent,
    /// The request, then again, the same `ClientToken` included, signed by
    /// another account ([`Shape::second_account`]).
    ReplayFromOtherAccount,
}

/// The account that signs the second request of
/// [`Shape::ReplayFromOtherAccount`] (`default` when the first is this one).
pub const OTHER_ACCOUNT: &str = "other";

impl Shape {
    /// The account that signs request `i` of a case of this shape whose
    /// account is `account`.
    pub fn account_of(self, i: usize, account: &str) -> &str {
        match self {
            Shape::ReplayFromOtherAccount if i == 1 && account == OTHER_ACCOUNT => "default",
            Shape::ReplayFromOtherAccount if i == 1 => OTHER_ACCOUNT,
            _ => account,
        }
    }

    /// Requests the shape sends.
    pub fn requests(self) -> usize {
        match self {
            Shape::Single => 1,
            _ => 2,
        }
    }
}

/// The `Format` a request names.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FormatChoice {
    Json,
    Xml,
    /// No `Format` parameter at all.
    Omitted,
}

/// Deliberate damage to the first request of a case (the `tamper:` of a
/// case file).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Gateway {
    Intact,
    WrongSecret,
    UnknownAccessKey,
    /// `Timestamp` shifted by this many seconds.
    TimestampOffset(i64),
    /// A common parameter left out before signing.
    Without(&'static str),
    /// A parameter (V3: header) removed after signing.
    Strip(&'static str),
    /// The AccessKeyId as this near miss of the account's own, signed with
    /// the account's secret.
    AccessKey(KeyVariant),
    /// A parameter and its value added after signing, in this place.
    Appended(Place, &'static str, &'static str),
    /// A common parameter (V3: its header) given another value after signing.
    Altered(&'static str, &'static str),
    /// V3: a header sent but left out of `SignedHeaders`.
    UnsignedHeader(&'static str),
    /// An STS account's request without its security token.
    SecurityTokenOmitted,
    /// An STS account's request with a token that is no account's.
    SecurityTokenWrong,
    /// An STS account's request with the token of this other account.
    SecurityTokenOf(String),
}

/// Where a parameter added after signing goes (`tamper:` keys `append`,
/// `append_to_query`, `append_to_body`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// Where the style carries its parameters.
    Parameters,
    /// The URL query.
    Query,
    /// A form body.
    Body,
}

impl Place {
    /// The `tamper:` key.
    pub fn key(self) -> &'static str {
        match self {
            Place::Parameters => "append",
            Place::Query => "append_to_query",
            Place::Body => "append_to_body",
        }
    }
}

/// The token an explored request sends as a wrong one.
pub const WRONG_SECURITY_TOKEN: &str = "explore-wrong-security-token";

impl Gateway {
    /// Damage that only an STS account's request can carry.
    pub fn needs_security_token(&self) -> bool {
        matches!(
            self,
            Gateway::SecurityTokenOmitted
                | Gateway::SecurityTokenWrong
                | Gateway::SecurityTokenOf(_)
        )
    }
}

/// How every request of a case is spelled: as the harness spells it (the
/// default), or as some real client does (wire-protocol.md §1; the
/// `tamper:` keys `spell`, `add`, `nonce` and `plus_for_space` of a case
/// file). A conformant target answers every spelling alike.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Spelling {
    /// `Format` in this letter case (`json`, `Json`) rather than `JSON`.
    pub format_case: Option<LetterCase>,
    /// `SignatureType=` added, empty, as the Python classic client signs it
    /// (V1 styles only: V3 has no such parameter).
    pub empty_signature_type: bool,
    pub nonce: NonceShape,
    /// Spaces written as `+` in the query or form body (Tea clients).
    pub plus_for_space: bool,
}

impl Spelling {
    /// Whether the harness's own spelling.
    pub fn is_default(&self) -> bool {
        *self == Spelling::default()
    }
}

/// One piece of a parameter value.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub enum Bit {
    Text(String),
    /// A fixture reference (`snapshot.system`): the side's own id for it.
    Fixture(String),
    /// A fresh name (`{{unique:LABEL}}`), the same within one case.
    Unique(String),
    /// A fresh UUID (`{{uuid:LABEL}}`), the same within one case.
    Uuid(String),
}

/// Where a parameter value came from: a class of a rule, a case of the
/// suite, or random text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// `rule` and the class id (`max-plus-1.outside-bmp`).
    Class(String, String),
    /// A hand-written case that checks `rule`.
    Case(String),
    Random,
}

/// One operation parameter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Param {
    pub key: String,
    pub value: Vec<Bit>,
    pub origin: Origin,
}

impl Param {
    pub fn text(key: &str, value: &str, origin: Origin) -> Param {
        Param {
            key: key.to_owned(),
            value: vec![Bit::Text(value.to_owned())],
            origin,
        }
    }

    /// The value with fresh names, tokens and fixtures written as the case
    /// file's template holes.
    pub fn template(&self) -> String {
        self.value
            .iter()
            .map(|bit| match bit {
                Bit::Text(text) => text.clone(),
                Bit::Fixture(name) => format!("{{{{fixture.{name}}}}}"),
                Bit::Unique(label) if label.is_empty() => "{{unique}}".to_owned(),
                Bit::Unique(label) => format!("{{{{unique:{label}}}}}"),
                Bit::Uuid(label) if label.is_empty() => "{{uuid}}".to_owned(),
                Bit::Uuid(label) => format!("{{{{uuid:{label}}}}}"),
            })
            .collect()
    }
}

/// One explored case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Draft {
    pub shape: Shape,
    /// A fixture account name (`default`, `no-balance`, …).
    pub account: String,
    pub style: WireStyle,
    pub format: FormatChoice,
    pub gateway: Gateway,
    pub spelling: Spelling,
    /// `RegionId` and the operation parameters, keys unique, in order.
    pub params: Vec<Param>,
}

impl Draft {
    pub fn param(&self, key: &str) -> Option<&Param> {
        self.params.iter().find(|p| p.key == key)
    }

    /// Sets `key` (replacing its value, or appending it).
    pub fn set(&mut self, param: Param) {
        match self.params.iter_mut().find(|p| p.key == param.key) {
            Some(existing) => *existing = param,
            None => self.params.push(param),
        }
    }

    pub fn remove(&mut self, key: &str) {
        self.params.retain(|p| p.key != key);
    }

    /// The parameters of each request of the case, in order (a concurrent
    /// pair is two identical requests).
    pub fn steps(&self) -> Vec<Vec<Param>> {
        let first = self.params.clone();
        let mut second = first.clone();
        match self.shape {
            Shape::Single => return vec![first],
            Shape::ReplayChangedParameters => {
                let changed = match self.param("Description") {
                    Some(p) if p.template() == "changed description" => "other description",
                    _ => "changed description",
                };
                let param = Param::text("Description", changed, Origin::Random);
                match second.iter_mut().find(|p| p.key == "Description") {
                    Some(existing) => *existing = param,
                    None => second.push(param),
                }
            }
            Shape::SameNameTwice => {
                for p in second.iter_mut().filter(|p| p.key == "ClientToken") {
                    p.value = vec![Bit::Uuid("second".to_owned())];
                }
            }
            Shape::ReplaySameToken
            | Shape::SameNonceTwice
            | Shape::Concurrent
            | Shape::ReplayFromOtherAccount => {}
        }
        vec![first, second]
    }
}
