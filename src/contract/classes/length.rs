//! Classes of a length counted in characters (`Limit::Length`): each bound
//! (min−1, min, max, max+1) in each width of character. A UTF-8 byte
//! counter gets the multi-byte widths wrong at max; a UTF-16 counter (Java,
//! JavaScript, C#) gets the characters outside the Basic Multilingual Plane
//! wrong, each counting as two. Where the parameter allows only some
//! characters, the widths it refuses are not applicable.

use super::{Bound, Class, Probe, Unit, class};

const ASCII: &str =
    "the plain boundary: an off-by-one comparison (`<` for `<=`) or a limit copied wrong";
const TWO: &str = "a length counted in UTF-8 bytes: two per character";
const THREE: &str = "a length counted in UTF-8 bytes: three per character";
const ASTRAL: &str =
    "a length counted in UTF-16 code units (a surrogate pair is two) or in bytes (four)";

pub static CLASSES: &[Class] = &[
    class(
        "min-minus-1",
        Probe::Length(Bound::MinMinus1, Unit::Ascii),
        ASCII,
    ),
    class("min", Probe::Length(Bound::Min, Unit::Ascii), ASCII),
    class("max", Probe::Length(Bound::Max, Unit::Ascii), ASCII),
    class(
        "max-plus-1",
        Probe::Length(Bound::MaxPlus1, Unit::Ascii),
        ASCII,
    ),
    class(
        "min-minus-1.2-byte",
        Probe::Length(Bound::MinMinus1, Unit::TwoByte),
        TWO,
    ),
    class("min.2-byte", Probe::Length(Bound::Min, Unit::TwoByte), TWO),
    class("max.2-byte", Probe::Length(Bound::Max, Unit::TwoByte), TWO),
    class(
        "max-plus-1.2-byte",
        Probe::Length(Bound::MaxPlus1, Unit::TwoByte),
        TWO,
    ),
    class(
        "min-minus-1.3-byte",
        Probe::Length(Bound::MinMinus1, Unit::ThreeByte),
        THREE,
    ),
    class(
        "min.3-byte",
        Probe::Length(Bound::Min, Unit::ThreeByte),
        THREE,
    ),
    class(
        "max.3-byte",
        Probe::Length(Bound::Max, Unit::ThreeByte),
        THREE,
    ),
    class(
        "max-plus-1.3-byte",
        Probe::Length(Bound::MaxPlus1, Unit::ThreeByte),
        THREE,
    ),
    class(
        "min-minus-1.outside-bmp",
        Probe::Length(Bound::MinMinus1, Unit::OutsideBmp),
        ASTRAL,
    ),
    class(
        "min.outside-bmp",
        Probe::Length(Bound::Min, Unit::OutsideBmp),
        ASTRAL,
    ),
    class(
        "max.outside-bmp",
        Probe::Length(Bound::Max, Unit::OutsideBmp),
        ASTRAL,
    ),
    class(
        "max-plus-1.outside-bmp",
        Probe::Length(Bound::MaxPlus1, Unit::OutsideBmp),
        ASTRAL,
    ),
];
