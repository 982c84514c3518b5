//! Classes of a forbidden text anywhere in the value (`Limit::NoSubstring`):
//! inside, at the start, at the end, and in another case (ambiguity
//! `prefix-case`). Implementations check only the start, need text after
//! it, or compare without case.

use super::{Class, Place, Probe, Variant, class};

pub static CLASSES: &[Class] = &[
    class(
        "contains",
        Probe::Forbidden(Variant::AsWritten, Place::Middle),
        "\"contains\" implemented as \"starts with\"",
    ),
    class(
        "at-start",
        Probe::Forbidden(Variant::AsWritten, Place::Start),
        "the text not checked at all, or only one of the texts",
    ),
    class(
        "at-end",
        Probe::Forbidden(Variant::AsWritten, Place::End),
        "a pattern that needs text after the forbidden text",
    ),
    class(
        "upper-case",
        Probe::Forbidden(Variant::UpperCase, Place::Middle),
        "the text compared as written or without case (ambiguity `prefix-case`)",
    ),
];
