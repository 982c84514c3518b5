//! Deliberate faults the emulator can be started with (`serve --mutant NAME`),
//! so the suite can prove it notices when an implementation breaks a rule.
//!
//! Each [`Mutant`] has a stable kebab-case name and a one-line description in
//! one table ([`MUTANTS`]); adding a mutant is one variant, one table row, and
//! the one place in the emulator that consults it. Mutants that only change
//! the answer (status, code or message of an error) are applied in
//! [`Mutant::rewrite_error`]; mutants that change behaviour are checked where
//! the behaviour lives (`emulator.mutant_is(Mutant::…)`).

use super::error::ApiError;

/// A deliberate fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mutant {
    /// `InvalidImageName.Malformed` comes back with 403 instead of 400.
    ImageNameMalformed403,
    /// The gateway accepts any signature (V1 and V3).
    NoSignatureCheck,
}

/// One row per mutant: the value, its name, its description.
pub static MUTANTS: [(Mutant, &str, &str); 2] = [
    (
        Mutant::ImageNameMalformed403,
        "image-name-malformed-403",
        "InvalidImageName.Malformed is answered with HTTP 403 instead of 400",
    ),
    (
        Mutant::NoSignatureCheck,
        "no-signature-check",
        "the gateway accepts requests whose signature does not match",
    ),
];

static ALL: [Mutant; 2] = [Mutant::ImageNameMalformed403, Mutant::NoSignatureCheck];

impl Mutant {
    /// Every mutant, in table order.
    pub fn all() -> &'static [Mutant] {
        &ALL
    }

    pub fn name(self) -> &'static str {
        Self::row(self).1
    }

    pub fn description(self) -> &'static str {
        Self::row(self).2
    }

    pub fn from_name(name: &str) -> Option<Mutant> {
        MUTANTS.iter().find(|row| row.1 == name).map(|row| row.0)
    }

    fn row(self) -> &'static (Mutant, &'static str, &'static str) {
        // Every variant has a row (checked by a test); the fallback is never used.
        MUTANTS
            .iter()
            .find(|row| row.0 == self)
            .unwrap_or(&MUTANTS[0])
    }

    /// Applies an answer-only mutant to an error about to be sent.
    pub fn rewrite_error(self, err: &mut ApiError) {
        match self {
            Mutant::ImageNameMalformed403 => {
                if err.code == "InvalidImageName.Malformed" {
                    err.status = 403;
                }
            }
            Mutant::NoSignatureCheck => {}
        }
    }
}

impl std::fmt::Display for Mutant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn every_mutant_has_its_own_row_and_name() {
        assert_eq!(Mutant::all().len(), MUTANTS.len());
        let names: BTreeSet<_> = Mutant::all().iter().map(|m| m.name()).collect();
        assert_eq!(names.len(), MUTANTS.len());
        for &mutant in Mutant::all() {
            assert_eq!(Mutant::from_name(mutant.name()), Some(mutant));
            assert!(MUTANTS.iter().any(|row| row.0 == mutant));
        }
    }

    #[test]
    fn image_name_malformed_403_changes_only_that_code() {
        let mut err = ApiError::from(crate::contract::errors::IMAGE_NAME_MALFORMED);
        Mutant::ImageNameMalformed403.rewrite_error(&mut err);
        assert_eq!(err.status, 403);
        let mut other = ApiError::from(crate::contract::errors::DESCRIPTION_MALFORMED);
        Mutant::ImageNameMalformed403.rewrite_error(&mut other);
        assert_eq!(other.status, 400);
    }
}
