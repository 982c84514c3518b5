//! Classes of the index range of a repeated parameter (`Limit::Count`:
//! `Tag.N` with N from 1 to the maximum): the maximum number of entries and
//! one more, one entry alone at index 0, at the maximum and above it, and
//! indexes with a gap. Implementations count entries but not indexes (or
//! the other way round), start at 0, or require consecutive indexes.

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
];
