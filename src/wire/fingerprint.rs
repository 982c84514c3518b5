//! The fingerprint of a request's parameters: what identifies "the same
//! parameters" when a request is repeated, as the emulator's idempotence and
//! the harness's replay invariant both need it, each leaving out the
//! parameters that differ between a request and its retry by construction.

use sha2::{Digest, Sha256};

/// SHA-256 over the `(name, value)` pairs but those named in `left_out`,
/// sorted, each part prefixed by its length, so that no two different sets
/// of pairs share a fingerprint by concatenation.
pub fn of_parameters(pairs: &[(String, String)], left_out: &[&str]) -> [u8; 32] {
    let mut kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(name, _)| !left_out.contains(&name.as_str()))
        .collect();
    kept.sort();
    let mut hasher = Sha256::new();
    for (name, value) in kept {
        for part in [name, value] {
            hasher.update((part.len() as u64).to_be_bytes());
            hasher.update(part.as_bytes());
        }
    }
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::wire::pairs;

    #[test]
    fn order_and_left_out_parameters_do_not_change_the_fingerprint() {
        let a = of_parameters(
            &pairs(&[("A", "1"), ("B", "2"), ("Nonce", "x")]),
            &["Nonce"],
        );
        let b = of_parameters(
            &pairs(&[("B", "2"), ("A", "1"), ("Nonce", "y")]),
            &["Nonce"],
        );
        assert_eq!(a, b);
    }

    #[test]
    fn moving_characters_between_name_and_value_changes_the_fingerprint() {
        let a = of_parameters(&pairs(&[("AB", "C")]), &[]);
        let b = of_parameters(&pairs(&[("A", "BC")]), &[]);
        assert_ne!(a, b);
    }
}
