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
use crate::contract::rules::URL_PREFIXES;

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

/// Respells the literal names and tokens cases send.
///
/// A literal `ImageName` or `ClientToken` (a value of the suite, or random
/// text) is sent respelled ([`respelled`]): the same shape — length, and
/// where each letter, digit and other character stands — with its letters
/// and digits drawn from the invocation's salt, so that a target that kept
/// what an earlier invocation created does not hold it, and never a value
/// an earlier case of this invocation sent, so that no case depends on
/// another (an image name is unique per account, a token remembers its
/// first request).
#[derive(Debug, Default)]
pub struct Freshener {
    salt: u64,
    seen: HashSet<(String, String)>,
    counter: u64,
}

impl Freshener {
    pub fn new(salt: u64) -> Freshener {
        Freshener {
            salt,
            ..Freshener::default()
        }
    }

    /// Respells each literal `ImageName`/`ClientToken` value, then
    /// remembers them; a value the case sends twice is respelled alike.
    pub fn freshen(&mut self, draft: &mut Draft) {
        self.counter += 1;
        let stream = mix(self.counter);
        self.respell(draft, stream);
    }

    /// `draft` with its literal names and tokens respelled once more, drawn
    /// from `stream` (a case sent again because the target may hold a
    /// value an earlier invocation sent); `None` when it has none.
    pub fn renamed(&mut self, draft: &Draft, stream: u64) -> Option<Draft> {
        has_literal(draft).then(|| {
            let mut renamed = draft.clone();
            self.respell(&mut renamed, mix(stream ^ 0xA5A5_A5A5));
            renamed
        })
    }

    fn respell(&mut self, draft: &mut Draft, stream: u64) {
        let mut mine: HashMap<String, String> = HashMap::new();
        for param in draft
            .params
            .iter_mut()
            .filter(|p| UNIQUE_KEYS.contains(&p.key.as_str()))
        {
            let [Bit::Text(value)] = param.value.as_slice() else {
                continue;
            };
            let replacement = match mine.get(value) {
                Some(replacement) => replacement.clone(),
                None => {
                    let replacement = self.variant(&param.key, value, stream);
                    mine.insert(value.clone(), replacement.clone());
                    replacement
                }
            };
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

    /// A respelling of `value` this invocation has not sent as `key`; when
    /// its shape leaves too few (no letter or digit to draw), one with its
    /// tail rewritten in letters and digits, or at last `value` itself.
    fn variant(&self, key: &str, value: &str, stream: u64) -> String {
        let is_new = |candidate: &String| {
            !self.seen.contains(&(key.to_owned(), candidate.clone()))
                && starts_with_url(candidate) == starts_with_url(value)
        };
        let base = mix(self.salt ^ label_hash(key) ^ stream);
        for draw in 0..64u64 {
            let candidate = respelled(value, mix(base ^ mix(draw)));
            if is_new(&candidate) {
                return candidate;
            }
        }
        let chars: Vec<char> = value.chars().collect();
        if chars.len() < 2 {
            return value.to_owned();
        }
        let tail = (chars.len() - 1).min(8);
        let head: String = chars[..chars.len() - tail].iter().collect();
        for draw in 0..64u64 {
            let mut n = mix(base ^ mix(draw) ^ 0x7A11);
            let mut digits = String::new();
            for _ in 0..tail {
                digits.push(char::from_digit((n % 36) as u32, 36).unwrap_or('x'));
                n /= 36;
            }
            let candidate = format!("{head}{digits}");
            if is_new(&candidate) {
                return candidate;
            }
        }
        value.to_owned()
    }
}

/// Whether `draft` sends a literal `ImageName` or `ClientToken`.
pub fn has_literal(draft: &Draft) -> bool {
    draft.params.iter().any(|p| {
        UNIQUE_KEYS.contains(&p.key.as_str()) && matches!(p.value.as_slice(), [Bit::Text(_)])
    })
}

/// `value` with each ASCII letter replaced by a letter of the same case and
/// each ASCII digit by a digit, drawn from `key`; every other character
/// kept, and so is a start that reads, in any case, as the start of
/// `http://` or `https://` (a forbidden prefix, or a near miss, stays one).
/// Every rule of a name or token reads both alike (but for a URL prefix
/// drawn by chance, which [`Freshener`] never sends).
pub fn respelled(value: &str, key: u64) -> String {
    let kept = kept_prefix(value);
    let mut state = key;
    let mut out = String::with_capacity(value.len());
    for (i, c) in value.chars().enumerate() {
        let pick = |state: &mut u64, n: u64| {
            *state = mix(*state);
            (*state % n) as u8
        };
        let replaced = if i < kept {
            c
        } else if c.is_ascii_lowercase() {
            char::from(b'a' + pick(&mut state, 26))
        } else if c.is_ascii_uppercase() {
            char::from(b'A' + pick(&mut state, 26))
        } else if c.is_ascii_digit() {
            char::from(b'0' + pick(&mut state, 10))
        } else {
            c
        };
        out.push(replaced);
    }
    out
}

/// Whether `value` starts, in any case, with a URL prefix.
fn starts_with_url(value: &str) -> bool {
    let lower = value.to_ascii_lowercase();
    URL_PREFIXES.iter().any(|prefix| lower.starts_with(prefix))
}

/// How many leading characters of `value` read, in any case, as the start
/// of a URL prefix.
fn kept_prefix(value: &str) -> usize {
    let lower = value.to_ascii_lowercase();
    URL_PREFIXES
        .iter()
        .map(|prefix| {
            lower
                .chars()
                .zip(prefix.chars())
                .take_while(|(a, b)| a == b)
                .count()
        })
        .max()
        .unwrap_or(0)
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

    fn freshened(freshener: &mut Freshener, name: &str) -> String {
        let mut sent = draft(name);
        freshener.freshen(&mut sent);
        sent.params[0].template()
    }

    #[test]
    fn a_literal_image_name_is_sent_respelled_in_the_same_shape() {
        let mut freshener = Freshener::new(7);
        let sent = freshened(&mut freshener, "Ab-9é:x");
        assert_ne!(sent, "Ab-9é:x");
        let shape = |text: &str| -> Vec<char> {
            text.chars()
                .map(|c| match c {
                    'a'..='z' => 'a',
                    'A'..='Z' => 'A',
                    '0'..='9' => '0',
                    other => other,
                })
                .collect()
        };
        assert_eq!(shape(&sent), shape("Ab-9é:x"));
    }

    #[test]
    fn a_url_prefix_or_a_near_miss_of_one_is_kept_when_respelled() {
        assert!(respelled("http://image", 3).starts_with("http://"));
        assert!(respelled("HTTPS://image", 3).starts_with("HTTPS://"));
        assert!(respelled("httpx", 3).starts_with("http"));
        assert_ne!(respelled("http://image", 3), respelled("http://image", 4));
    }

    #[test]
    fn an_image_name_sent_by_an_earlier_case_is_never_sent_again() {
        let mut freshener = Freshener::new(7);
        let sent: HashSet<String> = (0..200).map(|_| freshened(&mut freshener, "ab")).collect();
        assert_eq!(sent.len(), 200);
        assert!(sent.iter().all(|name| name.chars().count() == 2));
    }

    #[test]
    fn another_salt_sends_a_literal_name_respelled_otherwise() {
        let of = |salt| freshened(&mut Freshener::new(salt), "abcdefghijkl");
        assert_eq!(of(1), of(1));
        assert_ne!(of(1), of(2));
    }

    #[test]
    fn a_case_sent_again_gets_names_no_case_sent() {
        let mut freshener = Freshener::new(7);
        let mut first = draft("abcdef");
        freshener.freshen(&mut first);
        let again = freshener.renamed(&first, 1).expect("a literal name");
        assert_ne!(again.params[0].template(), first.params[0].template());
        let unique = Draft {
            params: vec![Param {
                key: "ImageName".into(),
                value: vec![Bit::Unique(String::new())],
                origin: Origin::Random,
            }],
            ..first
        };
        assert!(freshener.renamed(&unique, 2).is_none());
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
