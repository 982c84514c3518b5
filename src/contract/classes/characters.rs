//! Classes of a set of allowed characters (`Limit::Characters`: ASCII
//! letters, digits and some punctuation): each allowed class inside and at
//! the end, each commonly mishandled forbidden character (those URL
//! encoders and signers treat differently among them), non-ASCII letters
//! (ambiguity `letters`), a character outside the Basic Multilingual Plane,
//! and a trailing space (a value trimmed before the check).

use super::{Class, Place, Probe, class};

const FORBIDDEN: &str =
    "a deny-list that misses this character, or a check made after the value was URL-decoded twice";

pub static CLASSES: &[Class] = &[
    class("digit", Probe::Middle("7"), "digits refused"),
    class(
        "upper-case",
        Probe::Middle("Q"),
        "only lower-case letters accepted",
    ),
    class(
        "colon",
        Probe::Middle(":"),
        "the document's two lists of punctuation disagree (ambiguity `image-name-characters`)",
    ),
    class(
        "period",
        Probe::Middle("."),
        "the document's two lists of punctuation disagree (ambiguity `image-name-characters`)",
    ),
    class(
        "underscore",
        Probe::Middle("_"),
        "allowed punctuation refused",
    ),
    class("hyphen", Probe::Middle("-"), "allowed punctuation refused"),
    class(
        "allowed-at-end",
        Probe::EachAllowed(Place::End),
        "a pattern that requires a letter or digit last",
    ),
    class("space", Probe::Middle(" "), FORBIDDEN),
    class("slash", Probe::Middle("/"), FORBIDDEN),
    class("exclamation-mark", Probe::Middle("!"), FORBIDDEN),
    class("at-sign", Probe::Middle("@"), FORBIDDEN),
    class(
        "plus",
        Probe::Middle("+"),
        "`+` decoded as a space, then refused or accepted as one",
    ),
    class("percent", Probe::Middle("%"), FORBIDDEN),
    class(
        "asterisk",
        Probe::Middle("*"),
        "`*` left unencoded by a form encoder",
    ),
    class(
        "tilde",
        Probe::Middle("~"),
        "`~` encoded by an old URL encoder",
    ),
    class(
        "non-ascii-letter",
        Probe::Middle("é"),
        "a letter read as ASCII only, or as any Unicode letter",
    ),
    class(
        "cjk-letter",
        Probe::Middle("中"),
        "a letter read as ASCII only, or as any Unicode letter",
    ),
    class(
        "outside-bmp",
        Probe::Middle("😀"),
        "a character checked per UTF-16 unit or per byte",
    ),
    class(
        "trailing-space",
        Probe::End(" "),
        "the value trimmed before the check",
    ),
];
