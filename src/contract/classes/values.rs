//! Classes of a list of values (`Limit::Values`): each value as listed,
//! each with its case swapped, and the first value padded with a space,
//! followed by a line feed, truncated, or empty (an empty optional
//! parameter is not given, ambiguity `empty-values`). Implementations
//! compare without case, trim, match a prefix, test with a pattern whose
//! `$` matches before a final line break, or refuse a listed value with a
//! space in it.

use super::{Class, Probe, Variant, class};

pub static CLASSES: &[Class] = &[
    class(
        "each-value",
        Probe::EachValue,
        "a listed value left out, or one with a space refused",
    ),
    class(
        "each-value-case-swapped",
        Probe::EachValueCaseSwapped,
        "values compared without case",
    ),
    class(
        "leading-space",
        Probe::FirstValue(Variant::LeadingSpace),
        "the value trimmed before the comparison",
    ),
    class(
        "trailing-space",
        Probe::FirstValue(Variant::TrailingSpace),
        "the value trimmed before the comparison",
    ),
    class(
        "trailing-line-feed",
        Probe::FirstValue(Variant::Trailing("\n")),
        "a pattern whose `$` matches before a final line break (Python, PHP, Ruby, Perl)",
    ),
    class(
        "truncated",
        Probe::FirstValue(Variant::Truncated),
        "a prefix of a value accepted",
    ),
    class(
        "empty",
        Probe::FirstValue(Variant::Empty),
        "an empty value refused although it means \"not given\"",
    ),
];
