//! Classes of a request spelled as real clients spell it
//! (`Limit::Spelling`): the wire quirks a verifier must survive, listed in
//! wire-protocol.md §1 and §2, one list per thing spelled ([`of`]). Each
//! class is a spelling an official client sends; a conformant server
//! answers it exactly as the harness's own spelling, and a server commonly
//! gets it wrong by comparing a common parameter without folding case,
//! dropping empty pairs before verifying, checking a nonce's shape, or
//! decoding the query by RFC 3986 alone.
//!
//! - `Format` in lower case (`json`, the Tea clients signing V1) and
//!   capitalised (`Json`): the envelope of `JSON`/`XML`.
//! - An empty signed parameter (`SignatureType=`, the Python classic
//!   client). V1 only: the Python classic client signs V1, and its
//!   `SignatureType` is a V1 common parameter; V3 carries common parameters
//!   in headers and has no such pair (an empty operation parameter is a
//!   question of `CreateImage.md`'s rules, ambiguity `empty-values`).
//! - Nonces of 32 hex characters (Python classic, pop-core), 64 (Node Tea)
//!   and UUIDs with dashes (the documentation's examples).
//! - A space in the query as `+` (Tea clients), in every request style,
//!   since the query and the form body are both
//!   `application/x-www-form-urlencoded`. A literal `+`, sent as `%2B`, is
//!   already the `plus` class of [`super::encoding`] (a server that turns
//!   `+` into a space after percent-decoding), and a space sent as `%20` its
//!   `space` class; neither sends a raw `+` for a space.
//!
//! Booleans arrive as `True` (Python) or `true` (Node), but `CreateImage.md`
//! has no boolean parameter (its types are String and Integer): no class
//! here spells one. `DryRun` and the other booleans of wire-protocol.md §7
//! are not in the contract, which requires nothing of them.

use super::{Class, LetterCase, Probe, Spelling, class};
use crate::contract::params::Spelled;

/// `Format` in another letter case.
pub static FORMAT_CASE: &[Class] = &[
    class(
        "lowercase",
        Probe::Spelling(Spelling::Format(LetterCase::Lower)),
        "`Format` compared case-sensitively: the Tea clients' `json` gets the default envelope, or is refused",
    ),
    class(
        "capitalised",
        Probe::Spelling(Spelling::Format(LetterCase::Capitalised)),
        "the spellings seen in the wild listed (`JSON`, `json`) instead of folding case",
    ),
];

/// A signed parameter with an empty value.
pub static EMPTY_PARAMETER: &[Class] = &[class(
    "signature-type",
    Probe::Spelling(Spelling::EmptyParameter("SignatureType")),
    "empty pairs dropped (or written without `=`) before verifying: another string to sign, SignatureDoesNotMatch",
)];

/// The shapes of a nonce, named as case files name them (`nonce: hex-64`).
pub static NONCE: &[Class] = &[
    class(
        "hex-32",
        Probe::Spelling(Spelling::Nonce("hex-32")),
        "a nonce required to look like the documentation's UUIDs",
    ),
    class(
        "hex-64",
        Probe::Spelling(Spelling::Nonce("hex-64")),
        "a nonce limited to 32 (or a UUID's 36) characters: Node Tea's is refused",
    ),
    class(
        "uuid",
        Probe::Spelling(Spelling::Nonce("uuid")),
        "a nonce required to be hex: the documentation's dashes are refused",
    ),
];

/// A space written as `+`.
pub static SPACE_AS_PLUS: &[Class] = &[class(
    "space",
    Probe::Spelling(Spelling::SpaceAsPlus),
    "the query decoded by RFC 3986 alone: `+` stays a plus, and the signature is computed over another value",
)];

/// The classes of one thing spelled.
pub fn of(spelled: Spelled) -> &'static [Class] {
    match spelled {
        Spelled::FormatCase => FORMAT_CASE,
        Spelled::EmptyParameter => EMPTY_PARAMETER,
        Spelled::Nonce => NONCE,
        Spelled::SpaceAsPlus => SPACE_AS_PLUS,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn format_case_changes_the_letters_only() {
        assert_eq!(LetterCase::Lower.apply("JSON"), "json");
        assert_eq!(LetterCase::Capitalised.apply("XML"), "Xml");
    }
}
