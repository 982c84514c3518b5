//! Every request parameter of `CreateImage.md`, and every rule the document
//! states about a parameter or about the request as a whole, as data:
//! [`PARAMS`], each [`Param`] with its [`Rule`]s, each rule with a stable id
//! (`ImageName.length`, `Tag.key.prefix`, `DiskDeviceMapping.size.range`).
//!
//! A case names the rules it checks (`rule: ImageName.length`); the loader
//! accepts only ids listed here ([`rule_ids`]). The coverage report lists,
//! for every rule, the cases that exercise it, and the generated boundary
//! cases are derived from each rule's [`Limit`]. The limits themselves are
//! the constants of [`super::rules`]; this module only points at them.
//!
//! Two sections come from `wire-protocol.md` rather than `CreateImage.md`:
//! `Gateway` (signatures, timestamps, nonces, common parameters) and
//! `Format` (the response envelopes), so that the gateway and format cases
//! name rules too.
//!
//! A rule no client can observe through `CreateImage` alone (a default that
//! only `DescribeImages` would show) carries the reason in
//! `Rule::unobservable`; every other rule needs a case. Where the document
//! contradicts itself, `Rule::ambiguities` names the entries of
//! [`super::ambiguities`] that record both readings and the emulator's choice.
//!
//! The table is split by parameter group, one file each (`names`, `mapping`,
//! `source`, `tags`, …); [`PARAMS`] puts them back in the document's order.

use super::choices::{DISK_CATEGORIES_DENIED, SNAPSHOT_CATEGORIES_DENIED};
use super::documents::{Quote, ci, wire as wp};
use super::rules::{
    ARCHITECTURES, BASIC_DISK_DEFAULT_SIZE, BASIC_DISK_SIZE, CLIENT_TOKEN_MAX_LEN,
    DEFAULT_ARCHITECTURE, DEFAULT_PLATFORM, DESCRIPTION_LEN, DISK_DEFAULT_SIZE, DISK_SIZE,
    IMAGE_FAMILY_LEN, IMAGE_FAMILY_PUNCTUATION, IMAGE_NAME_LEN, IMAGE_NAME_PUNCTUATION,
    IMAGE_VERSION_LEN, IMAGE_VERSION_PUNCTUATION, INSTANCE_STATES_ALLOWED, MAX_TAGS, PLATFORMS,
    RESERVED_KEY_PREFIXES, RESERVED_VALUE_PREFIX, TAG_KEY_MAX_LEN, TAG_VALUE_MAX_LEN, URL_PREFIXES,
};

/// `quotes![ci(…), wp(…)]`: the `&'static [Quote]` of a rule
/// ([`Rule::quotes`]). A [`Quote`] owns its words (a `Cow`), so a plain
/// `&[…]` argument would be a temporary of the constant and not promoted
/// to `'static`; the macro makes the list a constant of its own.
macro_rules! quotes {
    ($($quote:expr),* $(,)?) => {
        const { &[$($quote),*] }
    };
}

mod account;
mod client_token;
mod mapping;
mod names;
mod platform;
mod request;
mod source;
mod tags;
mod wire;

/// A request parameter (`ImageName`, `Tag.N.Key`), or a part of the document
/// that constrains the request as a whole (`Source`, `Account`, `Response`).
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// As the document spells it (`DiskDeviceMapping.N.Size`), or the name of
    /// the part of the document.
    pub name: &'static str,
    pub kind: Kind,
    pub rules: &'static [Rule],
}

/// What a [`Param`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A request parameter of the documented type.
    Parameter { ty: Type, required: bool },
    /// Not a parameter: the request or the answer as a whole.
    Section,
}

/// The documented type of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
}

/// One rule: what the document says, the limit as data, and what a
/// violation answers with.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Stable: `Param.rule-name` (`ImageName.first-character`).
    pub id: &'static str,
    /// The document's words (or a summary of them).
    pub says: &'static str,
    /// The sentences of the documents that state the rule, verbatim
    /// ([`Quote::is_verbatim`]): what a verdict on the rule cites.
    pub quotes: &'static [Quote],
    pub limit: Limit,
    /// The error rows (ids of [`super::errors::ERROR_ROWS`]) a violation
    /// answers with: the documented ones, or the emulator's choice where the
    /// document names none (see `Rule::basis`).
    pub errors: &'static [&'static str],
    /// How firmly the document states the rule and its error.
    pub basis: Basis,
    /// Ids of [`super::ambiguities::AMBIGUITIES`] that bear on this rule.
    pub ambiguities: &'static [&'static str],
    /// `Some(reason)` when no client can observe the rule through
    /// `CreateImage` alone; such a rule needs no case.
    pub unobservable: Option<&'static str>,
}

/// How firmly `CreateImage.md` states a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The rule and the error a violation gets are both documented.
    Documented,
    /// The rule is documented but the error row is not: `Rule::errors` is
    /// the emulator's choice, and a target may answer with another 400 code.
    ErrorChosen,
    /// The rule itself is the emulator's reading of an unstated rule: a
    /// target may also accept what the emulator rejects.
    RuleChosen,
}

/// A rule's limit, as data the generated boundary cases are derived from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Length in characters, inclusive (`min` 0: no minimum).
    Length { min: usize, max: usize },
    /// Must start with an ASCII letter.
    FirstLetter,
    /// ASCII letters, digits and `punctuation`; `disputed` are the
    /// punctuation characters the document both allows and forbids.
    Characters {
        punctuation: &'static [char],
        disputed: &'static [char],
    },
    /// Printable ASCII only.
    Ascii,
    /// Must not start with any of these.
    NoPrefix(&'static [&'static str]),
    /// Must not contain any of these.
    NoSubstring(&'static [&'static str]),
    /// One of these, exactly; `disputed` are values the document both
    /// allows and omits.
    Values {
        values: &'static [&'static str],
        disputed: &'static [&'static str],
    },
    /// The value used when the parameter is not given.
    Default(&'static str),
    /// An integer range, inclusive, for an entry without a snapshot: basic
    /// disks and every other category.
    SizeRange {
        basic: (u64, u64),
        other: (u64, u64),
    },
    /// At most this many, indexed 1 to this (`Tag.N`).
    Count(usize),
    /// Every value travels signed, whatever its characters (the request
    /// styles and percent-encoding of `wire-protocol.md`).
    Encoding,
    /// A request spelled as a real client spells it (wire-protocol.md §1)
    /// is accepted and answered as the harness's own spelling is.
    Spelling(Spelled),
    /// A rule about state, existence, priority or shape: its cases are
    /// written by hand.
    Statement,
}

/// What real clients spell their own way ([`Limit::Spelling`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelled {
    /// The `Format` value's letter case (`json`, `Json`).
    FormatCase,
    /// A signed parameter with an empty value (`SignatureType=`).
    EmptyParameter,
    /// The shape of the signature nonce.
    Nonce,
    /// A space in the query or form body, written as `+`.
    SpaceAsPlus,
}

const fn rule(id: &'static str, says: &'static str, limit: Limit) -> Rule {
    Rule {
        id,
        says,
        quotes: &[],
        limit,
        errors: &[],
        basis: Basis::Documented,
        ambiguities: &[],
        unobservable: None,
    }
}

impl Rule {
    const fn quotes(mut self, quotes: &'static [Quote]) -> Rule {
        self.quotes = quotes;
        self
    }

    const fn errors(mut self, errors: &'static [&'static str]) -> Rule {
        self.errors = errors;
        self
    }

    const fn basis(mut self, basis: Basis) -> Rule {
        self.basis = basis;
        self
    }

    const fn ambiguities(mut self, ids: &'static [&'static str]) -> Rule {
        self.ambiguities = ids;
        self
    }

    const fn unobservable(mut self, reason: &'static str) -> Rule {
        self.unobservable = Some(reason);
        self
    }
}

const fn parameter(name: &'static str, ty: Type, required: bool, rules: &'static [Rule]) -> Param {
    Param {
        name,
        kind: Kind::Parameter { ty, required },
        rules,
    }
}

const fn section(name: &'static str, rules: &'static [Rule]) -> Param {
    Param {
        name,
        kind: Kind::Section,
        rules,
    }
}

const SHOWN_BY_DESCRIBE_IMAGES: &str =
    "only DescribeImages shows the image's attributes; CreateImage answers with an ImageId alone";

/// Every parameter and part of the document, in the document's order.
pub static PARAMS: &[Param] = &[
    request::ACTION,
    request::REGION_ID,
    source::SOURCE,
    mapping::SNAPSHOT_ID,
    mapping::SIZE,
    mapping::DEVICE,
    mapping::DISK_TYPE,
    source::SNAPSHOT_ID,
    source::INSTANCE_ID,
    names::IMAGE_NAME,
    names::DESCRIPTION,
    platform::PLATFORM,
    platform::ARCHITECTURE,
    client_token::CLIENT_TOKEN,
    tags::KEY,
    tags::VALUE,
    account::RESOURCE_GROUP_ID,
    names::IMAGE_FAMILY,
    names::IMAGE_VERSION,
    account::ACCOUNT,
    wire::RESPONSE,
    wire::GATEWAY,
    wire::FORMAT,
    request::SAMPLE,
];

/// Every rule with the parameter (or section) it belongs to, in document order.
pub fn rules() -> impl Iterator<Item = (&'static Param, &'static Rule)> {
    PARAMS
        .iter()
        .flat_map(|param| param.rules.iter().map(move |rule| (param, rule)))
}

/// Every rule id, in document order.
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    rules().map(|(_, rule)| rule.id)
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    rules().map(|(_, rule)| rule).find(|rule| rule.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::ambiguities::AMBIGUITIES;
    use crate::contract::documents::plain;
    use crate::contract::errors::{ERROR_ROWS, ErrorRow};
    use std::collections::BTreeSet;

    #[test]
    fn rule_ids_are_unique() {
        let ids: BTreeSet<&str> = rule_ids().collect();
        assert_eq!(ids.len(), rule_ids().count());
    }

    #[test]
    fn a_rule_id_starts_with_its_parameter_family_and_is_kebab_case_after_it() {
        for (param, rule) in rules() {
            let family = param.name.split('.').next().unwrap();
            let (head, tail) = rule.id.split_once('.').unwrap();
            assert_eq!(head, family, "{}", rule.id);
            assert!(
                tail.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b)),
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn every_error_row_a_rule_names_exists() {
        for (_, rule) in rules() {
            for row in rule.errors {
                assert!(
                    ERROR_ROWS.iter().any(|r| r.id == *row),
                    "{}: {row}",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn every_error_row_belongs_to_some_rule() {
        for row in &ERROR_ROWS {
            assert!(
                rules().any(|(_, rule)| rule.errors.contains(&row.id)),
                "{}",
                row.id
            );
        }
    }

    #[test]
    fn every_observable_rule_quotes_its_sentences_verbatim() {
        for (_, rule) in rules() {
            if rule.unobservable.is_none() {
                assert!(!rule.quotes.is_empty(), "{}", rule.id);
            }
            for quote in rule.quotes {
                assert!(quote.is_verbatim(), "{}: {quote}", rule.id);
            }
        }
    }

    #[test]
    fn a_rule_quotes_when_its_errors_apply_not_the_rows_themselves() {
        for (_, rule) in rules() {
            for row in rule.errors.iter().filter_map(|id| ErrorRow::by_id(id)) {
                let cells = plain(&format!("|{}|{}|", row.status, row.code));
                for quote in rule.quotes {
                    assert!(
                        !plain(&quote.text).contains(&cells),
                        "{} quotes the row {}: {quote}",
                        rule.id,
                        row.id
                    );
                }
            }
        }
    }

    #[test]
    fn every_ambiguity_a_rule_names_exists() {
        for (_, rule) in rules() {
            for id in rule.ambiguities {
                assert!(AMBIGUITIES.iter().any(|a| a.id == *id), "{}: {id}", rule.id);
            }
        }
    }

    #[test]
    fn a_documented_rule_with_a_limit_names_the_rows_a_violation_gets() {
        for (_, rule) in rules() {
            let checks_a_value = !matches!(
                rule.limit,
                Limit::Statement | Limit::Default(_) | Limit::Encoding | Limit::Spelling(_)
            );
            if checks_a_value && rule.basis == Basis::Documented && rule.unobservable.is_none() {
                assert!(!rule.errors.is_empty(), "{}", rule.id);
            }
        }
    }

    #[test]
    fn disputed_values_and_characters_are_among_the_accepted_ones() {
        for (_, rule) in rules() {
            match rule.limit {
                Limit::Values { values, disputed } => {
                    assert!(disputed.iter().all(|d| values.contains(d)), "{}", rule.id)
                }
                Limit::Characters {
                    punctuation,
                    disputed,
                } => assert!(
                    disputed.iter().all(|d| punctuation.contains(d)),
                    "{}",
                    rule.id
                ),
                _ => {}
            }
        }
    }
}
