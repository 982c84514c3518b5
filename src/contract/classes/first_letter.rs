//! Classes of "must start with a letter" (`Limit::FirstLetter`): what may
//! stand first. Implementations check the whole value's characters but not
//! the first one, accept any allowed punctuation first, trim leading
//! spaces, or read "letter" as ASCII only or as any Unicode letter
//! (ambiguity `letters`).

use super::{Class, Probe, class};

pub static CLASSES: &[Class] = &[
    class(
        "digit-first",
        Probe::Start("7"),
        "the first character checked against the letters and digits of the body",
    ),
    class(
        "underscore-first",
        Probe::Start("_"),
        "allowed punctuation accepted first",
    ),
    class(
        "hyphen-first",
        Probe::Start("-"),
        "allowed punctuation accepted first (an option-like value)",
    ),
    class(
        "colon-first",
        Probe::Start(":"),
        "allowed punctuation accepted first",
    ),
    class(
        "upper-case-first",
        Probe::Start("Q"),
        "only lower-case letters accepted first",
    ),
    class(
        "lower-case-first",
        Probe::Start("q"),
        "only upper-case letters accepted first",
    ),
    class(
        "space-first",
        Probe::Start(" "),
        "the value trimmed before the check",
    ),
    class(
        "non-ascii-letter-first",
        Probe::Start("é"),
        "a letter read as ASCII only, or as any Unicode letter",
    ),
];
