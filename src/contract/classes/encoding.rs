//! Classes of text that travels signed (`Limit::Encoding`): each class of
//! characters of RFC 3986 and beyond that URL encoders and signature
//! verifiers treat differently (wire-protocol.md §2: `A-Z a-z 0-9 - _ . ~`
//! stay, all else is `%XY`, a space is `%20`, `*` is `%2A`). A verifier
//! that decodes `+` wrongly, decodes twice, encodes `~` or `*` the old way,
//! or encodes Latin-1 instead of UTF-8 computes another signature: the
//! request is refused although it is valid.

use super::{Class, Probe, class};

pub static CLASSES: &[Class] = &[
    class(
        "unreserved",
        Probe::Middle("-._~"),
        "`~` percent-encoded (the Java URLEncoder)",
    ),
    class("space", Probe::Middle(" d"), "a space signed as `+`"),
    class(
        "plus",
        Probe::Middle("+d"),
        "`+` decoded as a space before verifying, or not decoded from a Tea query",
    ),
    class(
        "percent",
        Probe::Middle("100%"),
        "`%` left raw or decoded twice",
    ),
    class(
        "percent-escape-text",
        Probe::Middle("%41%2B"),
        "a value decoded twice (`%41` becomes `A`)",
    ),
    class(
        "asterisk",
        Probe::Middle("*"),
        "`*` left as is (form encoders) instead of `%2A`",
    ),
    class(
        "gen-delims",
        Probe::Middle(":/?#[]@"),
        "reserved characters left unencoded",
    ),
    class(
        "sub-delims",
        Probe::Middle("!$&'()*+,;="),
        "`&` and `=` splitting the canonical query",
    ),
    class(
        "quotes-and-brackets",
        Probe::Middle("\"<>\\^`{|}"),
        "characters a lenient encoder leaves raw",
    ),
    class(
        "two-byte",
        Probe::Middle("é"),
        "a value encoded as Latin-1 instead of UTF-8",
    ),
    class(
        "cjk",
        Probe::Middle("中文"),
        "a value encoded in another charset",
    ),
    class(
        "outside-bmp",
        Probe::Middle("😀"),
        "a character outside the BMP encoded as two surrogates",
    ),
];
