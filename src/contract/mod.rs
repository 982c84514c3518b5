//! `CreateImage.md` as data, every rule traced to its words ([`documents`]): the documented error rows ([`errors`]), the
//! parameter rules and their limits ([`rules`]), every parameter with its
//! rules under stable ids ([`params`]), and every place where the
//! document contradicts itself or leaves a choice open, with the reading the
//! emulator takes by default ([`ambiguities`]) and the other documented
//! readings ([`readings`]), and the equivalence classes of every kind of
//! property a rule states ([`classes`]). [`Rules`] is all of it as one value, the one the
//! emulator holds; [`selection`] turns `--reading ID=CHOICE` into it.
//!
//! The emulator, the coverage report and generated boundary cases all read
//! from here, so a rule is written down once.

pub mod ambiguities;
pub mod choices;
pub mod classes;
pub mod documents;
pub mod errors;
pub mod invariants;
pub mod params;
pub mod readings;
pub mod rule_set;
pub mod rules;
pub mod selection;
pub mod sentences;

pub use rule_set::Rules;
