//! Classes of an integer range (`Limit::SizeRange`): min−1, min, max, max+1
//! of each range, texts that are not an integer in range: negative, a
//! decimal, not a number, and one that overflows 64 bits; and an integer
//! in range written with a leading zero (`040`), which the document
//! (Integer) neither allows nor forbids. Implementations compare off by
//! one, parse leniently (`20.5` as 20), wrap around, or answer a parse
//! failure with an internal error.

use super::{Bound, Class, Probe, class};

const EDGE: &str = "an off-by-one comparison, or the other range's limits";

pub static CLASSES: &[Class] = &[
    class("min-minus-1", Probe::Number(Bound::MinMinus1), EDGE),
    class("min", Probe::Number(Bound::Min), EDGE),
    class("max", Probe::Number(Bound::Max), EDGE),
    class("max-plus-1", Probe::Number(Bound::MaxPlus1), EDGE),
    class(
        "negative",
        Probe::NumberText("-1"),
        "a signed parse that lets a negative through or wraps it",
    ),
    class(
        "decimal",
        Probe::NumberText("20.5"),
        "a lenient parse that truncates",
    ),
    class(
        "not-a-number",
        Probe::NumberText("abc"),
        "a parse failure answered with 500 or ignored",
    ),
    class(
        "leading-zero",
        Probe::NumberText("040"),
        "a parse failure answered with 500 or a code of no size rule",
    ),
    class(
        "overflow",
        Probe::NumberText("18446744073709551616"),
        "a 64-bit parse that wraps or fails with 500",
    ),
];
