//! Classes of a forbidden prefix (`Limit::NoPrefix`): each prefix at the
//! start, alone, in another case (ambiguity `prefix-case`), and inside the
//! value, where it is allowed. Implementations test "contains" for "starts
//! with", need something after the prefix, or compare without case.

use super::{Class, Place, Probe, Variant, class};

pub static CLASSES: &[Class] = &[
    class(
        "starts-with",
        Probe::Forbidden(Variant::AsWritten, Place::Start),
        "the prefix not checked at all, or only one of the prefixes",
    ),
    class(
        "alone",
        Probe::Forbidden(Variant::AsWritten, Place::Alone),
        "a pattern that needs text after the prefix",
    ),
    class(
        "upper-case",
        Probe::Forbidden(Variant::UpperCase, Place::Start),
        "the prefix compared as written or without case (ambiguity `prefix-case`)",
    ),
    class(
        "inside",
        Probe::Forbidden(Variant::AsWritten, Place::Middle),
        "\"starts with\" implemented as \"contains\"",
    ),
];
