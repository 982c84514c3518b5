//! Fresh values: every case's `{{unique}}` names and `{{uuid}}` tokens
//! ([`Fresh`]), derived from the seed, the invocation's salt and the
//! attempt — the seed and the salt together reproduce them, and another
//! salt gives names and tokens no earlier invocation sent, so that a
//! long-lived target that kept an earlier exploration's images is explored
//! as precisely as a new one; and [`Freshener`], which rewrites a literal
//! `ImageName` or `ClientToken` an earlier case of the run already sent, so
//! that no case depends on another (an image name is unique per account, a
//! token remembers its first request).

use std::collections::{HashMap, HashSet};
use std::hash::{Hash, Hasher};

use super::draft::{Bit, Draft};

/// The parameters whose values must not repeat across cases.
const UNIQUE_KEYS: [&str; 2] = ["ImageName", "ClientToken"];

/// SplitMix64: a stable mix of a seed and a counter.
pub fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn label_hash(label: &str) -> u64 {
    // FNV-1a: stable across runs and platforms.
    let mut hash = 0xcbf2_9ce4_8422_2325u64;
    for byte in label.bytes() {
        hash ^= u64::from(byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The fresh values of one attempt of one case.
#[derive(Clone, Debug)]
pub struct Fresh {
    key: u64,
}

impl Fresh {
    /// The fresh values of `attempt` in the invocation of `seed` and `salt`.
    pub fn new(seed: u64, salt: u64, attempt: u64) -> Fresh {
        Fresh {
            key: mix(seed ^ mix(attempt) ^ mix(salt ^ 0x5A17_5A17_5A17_5A17)),
        }
    }

    /// `ex` and 16 hex digits: 18 characters, a valid `ImageName`.
    pub fn name(&self, label: &str) -> String {
        format!("ex{:016x}", mix(self.key ^ label_hash(label)))
    }

    pub fn uuid(&self, label: &str) -> String {
        let high = mix(self.key ^ label_hash(label) ^ 0x5555);
        let low = mix(high);
        uuid::Uuid::from_u64_pair(high, low).to_string()
    }
}

/// Rewrites literal values an earlier case sent.
#[derive(Debug, Default)]
pub struct Freshener {
    seen: HashSet<(String, String)>,
    counter: u64,
}

impl Freshener {
    /// Replaces each literal `ImageName`/`ClientToken` value seen in an
    /// earlier case by one of the same length (its first character kept,
    /// its tail made of ASCII letters and digits), then remembers them.
    pub fn freshen(&mut self, draft: &mut Draft) {
        let mut mine: HashMap<String, String> = HashMap::new();
        for param in draft
            .params
            .iter_mut()
            .filter(|p| UNIQUE_KEYS.contains(&p.key.as_str()))
        {
            let [Bit::Text(value)] = param.value.as_slice() else {
                continue;
            };
            let key = (param.key.clone(), value.clone());
            if let Some(replacement) = mine.get(value) {
                param.value = vec![Bit::Text(replacement.clone())];
                continue;
            }
            let replacement = if self.seen.contains(&key) {
                self.variant(&param.key, value)
            } else {
                value.clone()
            };
            mine.insert(value.clone(), replacement.clone());
            param.value = vec![Bit::Text(replacement)];
        }
        for param in &draft.params {
            if let [Bit::Text(value)] = param.value.as_slice()
                && UNIQUE_KEYS.contains(&param.key.as_str())
            {
                self.seen.insert((param.key.clone(), value.clone()));
            }
        }
    }

    fn variant(&mut self, key: &str, value: &str) -> String {
        let chars: Vec<char> = value.chars().collect();
        if chars.len() < 2 {
            return value.to_owned();
        }
        let tail = (chars.len() - 1).min(8);
        let head: String = chars[..chars.len() - tail].iter().collect();
        for _ in 0..64 {
            self.counter += 1;
            let mut n = self.counter;
            let mut digits = String::new();
            for _ in 0..tail {
                digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('x'));
                n /= 36;
            }
            let candidate = format!("{head}{digits}");
            if !self.seen.contains(&(key.to_owned(), candidate.clone())) {
                return candidate;
            }
        }
        value.to_owned()
    }
}

/// A stable hash of anything hashable (dedup keys, seeds of cases).
pub fn stable<T: Hash>(value: &T) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::explore::draft::{FormatChoice, Gateway, Origin, Param, Shape};
    use crate::wire::WireStyle;

    fn draft(name: &str) -> Draft {
        Draft {
            shape: Shape::Single,
            account: "default".into(),
            style: WireStyle::V1Get,
            format: FormatChoice::Json,
            gateway: Gateway::Intact,
            spelling: Default::default(),
            params: vec![Param::text("ImageName", name, Origin::Random)],
        }
    }

    #[test]
    fn an_image_name_sent_by_an_earlier_case_is_replaced_by_one_of_the_same_length() {
        let mut freshener = Freshener::default();
        let mut first = draft("abcdef");
        freshener.freshen(&mut first);
        assert_eq!(first.params[0].template(), "abcdef");
        let mut second = draft("abcdef");
        freshener.freshen(&mut second);
        let renamed = second.params[0].template();
        assert_ne!(renamed, "abcdef");
        assert_eq!(renamed.chars().count(), 6);
        assert!(renamed.starts_with('a'));
    }

    #[test]
    fn fresh_names_are_valid_image_names_and_depend_on_the_attempt() {
        let a = Fresh::new(7, 0, 1).name("");
        assert_eq!(a.len(), 18);
        assert!(a.starts_with("ex"));
        assert_eq!(a, Fresh::new(7, 0, 1).name(""));
        assert_ne!(a, Fresh::new(7, 0, 2).name(""));
        assert_ne!(Fresh::new(7, 0, 1).uuid("a"), Fresh::new(7, 0, 1).uuid("b"));
    }

    #[test]
    fn another_salt_gives_other_fresh_names_and_tokens_for_the_same_seed() {
        let names: HashSet<String> = (0..4u64)
            .flat_map(|salt| (0..256).map(move |attempt| Fresh::new(1, salt, attempt).name("")))
            .collect();
        assert_eq!(names.len(), 4 * 256);
        assert_ne!(Fresh::new(1, 1, 5).uuid(""), Fresh::new(1, 2, 5).uuid(""));
        assert_eq!(Fresh::new(1, 2, 5).uuid(""), Fresh::new(1, 2, 5).uuid(""));
    }
}
