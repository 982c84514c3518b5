//! The equivalence classes of every kind of property a rule states, as
//! data: for each [`Limit`] kind, the classes of values a conformant
//! implementation answers alike and a buggy one commonly gets wrong
//! ([`Class`], listed once per kind: [`length`], [`first_letter`],
//! [`characters`], [`ascii`], [`prefix`], [`substring`], [`values`],
//! [`range`], [`index`], [`encoding`], [`spelling`]), and the classes of
//! free text ([`free_text`]: line breaks, tabs, other white space and
//! control characters) added to the kinds a free-text parameter has.
//!
//! The classes come from what each property says and from how
//! implementations typically break it (counting bytes or UTF-16 units
//! instead of characters, trimming, comparing without case, decoding `+` or
//! `%XX` twice, reading a client's spelling of a common parameter
//! strictly), not from the reference emulator. [`of`] gives the classes
//! of a rule; [`admits`] says whether a value satisfies a limit, so that a
//! generated case knows its answer from the contract alone. The generated
//! cases (`crate::suite::generated`) instantiate every class for every rule
//! of its kind, and `coverage` reports rule × class.

pub mod admits;
pub mod ascii;
pub mod characters;
pub mod encoding;
pub mod first_letter;
pub mod free_text;
pub mod index;
pub mod length;
pub mod prefix;
pub mod range;
pub mod spelling;
pub mod substring;
pub mod values;

use super::params::{Limit, Rule};

/// One equivalence class of a kind of property.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Class {
    /// Stable, kebab-case, unique within its kind (`max-plus-1.outside-bmp`).
    pub id: &'static str,
    /// The value the class stands for, relative to the rule's limit.
    pub probe: Probe,
    /// How implementations commonly get this class wrong.
    pub breaks: &'static str,
}

/// The value of a class, relative to the rule's limit and to a valid value
/// of the parameter (its *core*).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Probe {
    /// A value of a length at a bound, made of one kind of character.
    Length(Bound, Unit),
    /// The core with this text in front.
    Start(&'static str),
    /// The core, this text, then one more letter.
    Middle(&'static str),
    /// The core with this text at the end.
    End(&'static str),
    /// Each punctuation character the rule allows, inside / at the end.
    EachAllowed(Place),
    /// Each forbidden text of the rule, changed by `Variant`, at `Place`.
    Forbidden(Variant, Place),
    /// Each listed value, as listed.
    EachValue,
    /// Each listed value with its letters' case swapped.
    EachValueCaseSwapped,
    /// The first listed value, changed.
    FirstValue(Variant),
    /// An integer at a bound of each range.
    Number(Bound),
    /// A text that is not an integer in range (`-1`, `20.5`, `abc`).
    NumberText(&'static str),
    /// Entries `1..=N` of a repeated parameter, N at a bound of `1..=max`.
    Entries(Bound),
    /// One entry alone, its index N at a bound of `1..=max`.
    SingleIndex(Bound),
    /// Two entries whose indexes leave a gap (1 and 3).
    Gap,
    /// One entry alone, its index written as this text (`01`, `one`).
    IndexText(&'static str),
    /// A valid request, spelled as a real client spells it.
    Spelling(Spelling),
}

/// How a real client spells a request (wire-protocol.md §1).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    /// `Format` with its letters in this case.
    Format(LetterCase),
    /// This parameter added, signed, with an empty value.
    EmptyParameter(&'static str),
    /// A nonce of this shape (`hex-32`, `hex-64`, `uuid`).
    Nonce(&'static str),
    /// A value with a space, the space written as `+`.
    SpaceAsPlus,
}

/// The letter case of a spelled value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LetterCase {
    /// `json`.
    Lower,
    /// `Json`: the first letter upper case, the rest lower.
    Capitalised,
}

impl LetterCase {
    pub fn apply(self, text: &str) -> String {
        let lower = text.to_ascii_lowercase();
        match self {
            LetterCase::Lower => lower,
            LetterCase::Capitalised => {
                let mut chars = lower.chars();
                chars
                    .next()
                    .map(|first| first.to_ascii_uppercase().to_string() + chars.as_str())
                    .unwrap_or_default()
            }
        }
    }
}

/// A bound of a length or a numeric range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Bound {
    MinMinus1,
    Min,
    Max,
    MaxPlus1,
}

impl Bound {
    /// The value at this bound of `min..=max` (`None` below zero).
    pub fn of(self, min: u64, max: u64) -> Option<u64> {
        match self {
            Bound::MinMinus1 => min.checked_sub(1),
            Bound::Min => Some(min),
            Bound::Max => Some(max),
            Bound::MaxPlus1 => Some(max + 1),
        }
    }
}

/// The character a length is counted in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Unit {
    /// One byte in UTF-8, one unit in UTF-16.
    Ascii,
    /// Two bytes in UTF-8 (`é`).
    TwoByte,
    /// Three bytes in UTF-8 (`中`).
    ThreeByte,
    /// Four bytes in UTF-8, a surrogate pair in UTF-16 (`😀`).
    OutsideBmp,
    /// A tab (U+0009): ASCII white space.
    Tab,
    /// CR LF pairs (U+000D U+000A), two characters each; an odd length
    /// starts with one of the parameter's padding.
    CrLf,
}

impl Unit {
    /// The character, or `None` for ASCII (the parameter's own padding)
    /// and for CR LF pairs.
    pub fn char(self) -> Option<char> {
        match self {
            Unit::Ascii | Unit::CrLf => None,
            Unit::TwoByte => Some('é'),
            Unit::ThreeByte => Some('中'),
            Unit::OutsideBmp => Some('😀'),
            Unit::Tab => Some('\t'),
        }
    }
}

/// Where a text goes in a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Place {
    /// First, before the core.
    Start,
    /// Inside: after the core, before one more letter.
    Middle,
    /// Last, after the core.
    End,
    /// The whole value.
    Alone,
}

/// How a forbidden text or a listed value is changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Variant {
    AsWritten,
    UpperCase,
    LeadingSpace,
    TrailingSpace,
    /// This text in front.
    Leading(&'static str),
    /// This text after.
    Trailing(&'static str),
    /// The last character dropped.
    Truncated,
    Empty,
}

impl Variant {
    pub fn apply(self, text: &str) -> String {
        match self {
            Variant::AsWritten => text.to_owned(),
            Variant::UpperCase => text.to_uppercase(),
            Variant::LeadingSpace => format!(" {text}"),
            Variant::TrailingSpace => format!("{text} "),
            Variant::Leading(front) => format!("{front}{text}"),
            Variant::Trailing(back) => format!("{text}{back}"),
            Variant::Truncated => {
                let mut t = text.to_owned();
                t.pop();
                t
            }
            Variant::Empty => String::new(),
        }
    }
}

/// The classes of a rule's kind of property (none for a statement, a
/// default or a property of a fixture rather than of a request value): the
/// kind's own, then those of free text ([`free_text`]) where the kind is
/// one a free-text parameter has.
pub fn of(rule: &Rule) -> Vec<&'static Class> {
    let (own, free): (&'static [Class], &'static [Class]) = match rule.limit {
        Limit::Length { .. } => (length::CLASSES, free_text::LENGTH),
        Limit::Characters { .. } => (characters::CLASSES, free_text::CHARACTERS),
        Limit::NoPrefix(_) => (prefix::CLASSES, free_text::PREFIX),
        _ => (kind(rule), &[]),
    };
    own.iter().chain(free).collect()
}

/// The classes of a rule's own kind of property.
fn kind(rule: &Rule) -> &'static [Class] {
    match rule.limit {
        Limit::Length { .. } => length::CLASSES,
        Limit::FirstLetter => first_letter::CLASSES,
        Limit::Characters { .. } => characters::CLASSES,
        Limit::Ascii => ascii::CLASSES,
        Limit::NoPrefix(_) => prefix::CLASSES,
        Limit::NoSubstring(_) => substring::CLASSES,
        Limit::Values { .. } => values::CLASSES,
        Limit::SizeRange { .. } => range::CLASSES,
        Limit::Count(_) => index::CLASSES,
        Limit::Encoding => encoding::CLASSES,
        Limit::Spelling(spelled) => spelling::of(spelled),
        Limit::Default(_) | Limit::Statement => &[],
    }
}

const fn class(id: &'static str, probe: Probe, breaks: &'static str) -> Class {
    Class { id, probe, breaks }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::params;
    use std::collections::BTreeSet;

    #[test]
    fn class_ids_are_unique_within_a_kind_and_kebab_case() {
        for (_, rule) in params::rules() {
            let classes = of(rule);
            let ids: BTreeSet<&str> = classes.iter().map(|c| c.id).collect();
            assert_eq!(ids.len(), classes.len(), "{}", rule.id);
            for id in ids {
                assert!(
                    id.bytes().all(|b| b.is_ascii_lowercase()
                        || b.is_ascii_digit()
                        || b"-.".contains(&b)),
                    "{id}"
                );
            }
        }
    }

    #[test]
    fn every_kind_of_value_limit_has_classes_and_says_how_they_break() {
        for (_, rule) in params::rules() {
            let value_limit = !matches!(rule.limit, Limit::Statement | Limit::Default(_));
            assert_eq!(!of(rule).is_empty(), value_limit, "{}", rule.id);
            assert!(of(rule).iter().all(|c| !c.breaks.is_empty()));
        }
    }

    #[test]
    fn a_length_below_zero_has_no_value() {
        assert_eq!(Bound::MinMinus1.of(0, 64), None);
        assert_eq!(Bound::MaxPlus1.of(2, 128), Some(129));
    }

    #[test]
    fn variants_change_the_text_as_named() {
        assert_eq!(Variant::UpperCase.apply("acs:"), "ACS:");
        assert_eq!(Variant::Truncated.apply("CentOS"), "CentO");
        assert_eq!(Variant::TrailingSpace.apply("i386"), "i386 ");
        assert_eq!(Variant::Trailing("\n").apply("CentOS"), "CentOS\n");
    }
}
