//! Classes of the index range of a repeated parameter (`Limit::Count`:
//! `Tag.N` with N from 1 to the maximum): the maximum number of entries and
//! one more, one entry alone at index 0, at the maximum and above it,
//! indexes with a gap, and an index written with a leading zero or as a
//! word. Implementations count entries but not indexes (or the other way
//! round), start at 0, require consecutive indexes, or parse an index
//! leniently or not at all.

use super::{Bound, Class, Probe, class};

pub static CLASSES: &[Class] = &[
    class("max", Probe::Entries(Bound::Max), "a limit one too low"),
    class(
        "max-plus-1",
        Probe::Entries(Bound::MaxPlus1),
        "entries not counted",
    ),
    class(
        "index-0",
        Probe::SingleIndex(Bound::MinMinus1),
        "indexes that start at 0",
    ),
    class(
        "index-max-alone",
        Probe::SingleIndex(Bound::Max),
        "an index taken as a count",
    ),
    class(
        "index-max-plus-1-alone",
        Probe::SingleIndex(Bound::MaxPlus1),
        "entries counted but indexes not checked",
    ),
    class("gap", Probe::Gap, "consecutive indexes required"),
    class(
        "index-leading-zero",
        Probe::IndexText("01"),
        "an index parse failure answered with 500, or a gateway code",
    ),
    class(
        "index-not-a-number",
        Probe::IndexText("one"),
        "an index parsed leniently (`one` as 0, or the entry silently dropped)",
    ),
];
