//! Which variant of each free detail one answer gets, and the tally of the
//! variants the proxy really applied.
//!
//! Every dimension lists its choices; choice 0 is the emulator's own. An
//! answer's choices come from SHA-256 of the seed and the answer's number,
//! so a run is reproducible from its seed and, over the thousands of answers
//! of a suite, every choice of every dimension is drawn (the test asserts
//! it from the tally rather than assuming it).

use std::collections::BTreeMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

/// One detail the protocol leaves free.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Dim {
    JsonOrder,
    JsonSpace,
    JsonEscape,
    XmlDeclaration,
    XmlSpace,
    XmlOrder,
    XmlEscape,
    HostId,
    Recommend,
    ContentType,
    Framing,
    Reason,
    ExtraHeaders,
}

impl Dim {
    pub const ALL: [Dim; 13] = [
        Dim::JsonOrder,
        Dim::JsonSpace,
        Dim::JsonEscape,
        Dim::XmlDeclaration,
        Dim::XmlSpace,
        Dim::XmlOrder,
        Dim::XmlEscape,
        Dim::HostId,
        Dim::Recommend,
        Dim::ContentType,
        Dim::Framing,
        Dim::Reason,
        Dim::ExtraHeaders,
    ];

    /// The choices, index-aligned with what the rewriter does for each.
    pub fn choices(self) -> &'static [&'static str] {
        match self {
            Dim::JsonOrder | Dim::XmlOrder => &["as sent", "reversed", "rotated by one"],
            Dim::JsonSpace => &["compact", "pretty, 2 spaces", "spaced", "tabs and CRLF"],
            Dim::JsonEscape => &[
                "minimal",
                "solidus escaped",
                "non-ASCII and solidus as \\uXXXX",
                "every character as \\u00xx",
            ],
            Dim::XmlDeclaration => &[
                "as sent",
                "none",
                "version, lowercase encoding name",
                "single quotes, lowercase encoding, standalone",
                "version only",
                "byte order mark and declaration",
            ],
            Dim::XmlSpace => &["none", "LF and 2 spaces", "CRLF and tabs"],
            Dim::XmlEscape => &[
                "minimal",
                "solidus and non-ASCII as character references",
                "CDATA sections",
                "every character as a character reference",
            ],
            Dim::HostId => &[
                "as sent",
                "ecs.cn-hangzhou.aliyuncs.com",
                "ecs-cn-hangzhou.aliyuncs.com",
                "ecs-vpc.cn-hangzhou.aliyuncs.com",
            ],
            Dim::Recommend => &[
                "as sent",
                "query in another order",
                "another host and path",
                "another path, code in the path",
            ],
            Dim::ContentType => &[
                "as sent",
                "type in capitals",
                "space and capital charset",
                "quoted charset",
                "no charset",
                "space before ';', capital parameter name",
            ],
            Dim::Framing => &[
                "content-length",
                "chunked, one chunk",
                "chunked, 7-byte chunks",
            ],
            Dim::Reason => &["standard", "custom phrase", "empty"],
            Dim::ExtraHeaders => &["none", "cache, vary, trace and CORS headers"],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Dim::JsonOrder => "JSON member order",
            Dim::JsonSpace => "JSON whitespace",
            Dim::JsonEscape => "JSON string escapes",
            Dim::XmlDeclaration => "XML declaration",
            Dim::XmlSpace => "XML whitespace",
            Dim::XmlOrder => "XML child order",
            Dim::XmlEscape => "XML text escapes",
            Dim::HostId => "HostId",
            Dim::Recommend => "Recommend",
            Dim::ContentType => "Content-Type spelling",
            Dim::Framing => "message framing",
            Dim::Reason => "reason phrase",
            Dim::ExtraHeaders => "extra header fields",
        }
    }
}

/// The choices for one answer, and its request id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Variation {
    picks: [usize; Dim::ALL.len()],
    /// The uppercase UUID this answer carries instead of the emulator's.
    pub request_id: String,
}

impl Variation {
    /// The variation of answer number `n` under `seed`.
    pub fn of_answer(seed: u64, n: u64) -> Variation {
        let digest = Sha256::new()
            .chain_update(seed.to_le_bytes())
            .chain_update(n.to_le_bytes())
            .finalize();
        let mut picks = [0; Dim::ALL.len()];
        for (i, dim) in Dim::ALL.iter().enumerate() {
            picks[i] = usize::from(digest[i]) % dim.choices().len();
        }
        let mut id = [0u8; 16];
        id.copy_from_slice(&digest[16..32]);
        let request_id = uuid::Builder::from_random_bytes(id)
            .into_uuid()
            .hyphenated()
            .to_string()
            .to_ascii_uppercase();
        Variation { picks, request_id }
    }

    /// Every dimension as the emulator answers (choice 0).
    pub fn as_sent(request_id: &str) -> Variation {
        Variation {
            picks: [0; Dim::ALL.len()],
            request_id: request_id.to_owned(),
        }
    }

    /// The same with one dimension set to `choice`.
    pub fn with(mut self, dim: Dim, choice: usize) -> Variation {
        self.picks[dim as usize] = choice;
        self
    }

    pub fn pick(&self, dim: Dim) -> usize {
        self.picks[dim as usize]
    }
}

/// How often each choice of each dimension was applied, plus how many
/// connections took each per-connection choice.
#[derive(Debug, Default)]
pub struct Tally {
    counts: Mutex<BTreeMap<(String, String), usize>>,
}

/// The tally's dimensions chosen per connection rather than per answer:
/// header name case, and whether the connection stays open.
pub const HEADER_CASE: &str = "header name case";
pub const HEADER_CASES: [&str; 2] = ["lowercase", "Title-Case"];
pub const PERSISTENCE: &str = "connection persistence";
pub const PERSISTENCES: [&str; 2] = ["persistent", "closed after one answer"];

impl Tally {
    pub fn record(&self, dim: &str, choice: &str) {
        let mut counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        *counts
            .entry((dim.to_owned(), choice.to_owned()))
            .or_default() += 1;
    }

    pub fn applied(&self, dim: Dim, choice: usize) {
        self.record(dim.name(), dim.choices()[choice]);
    }

    /// Every choice of every dimension (and both header cases) that was
    /// never applied, as `dimension: choice`.
    pub fn never_applied(&self) -> Vec<String> {
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        let all = Dim::ALL
            .iter()
            .flat_map(|d| d.choices().iter().map(move |c| (d.name(), *c)))
            .chain(HEADER_CASES.iter().map(|c| (HEADER_CASE, *c)))
            .chain(PERSISTENCES.iter().map(|c| (PERSISTENCE, *c)));
        all.filter(|(d, c)| !counts.contains_key(&((*d).to_owned(), (*c).to_owned())))
            .map(|(d, c)| format!("{d}: {c}"))
            .collect()
    }

    /// The counts, one `dimension: choice × n` per line.
    pub fn summary(&self) -> String {
        let counts = self.counts.lock().unwrap_or_else(|e| e.into_inner());
        counts
            .iter()
            .map(|((d, c), n)| format!("{d}: {c} × {n}\n"))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_s_variation_is_reproducible_from_seed_and_number() {
        assert_eq!(Variation::of_answer(7, 3), Variation::of_answer(7, 3));
        assert_ne!(Variation::of_answer(7, 3), Variation::of_answer(7, 4));
        assert_ne!(Variation::of_answer(7, 3), Variation::of_answer(8, 3));
    }

    #[test]
    fn the_request_id_is_an_uppercase_uuid_of_its_own_per_answer() {
        let a = Variation::of_answer(1, 1).request_id;
        let b = Variation::of_answer(1, 2).request_id;
        assert_ne!(a, b);
        for id in [a, b] {
            let groups: Vec<usize> = id.split('-').map(str::len).collect();
            assert_eq!(groups, [8, 4, 4, 4, 12], "{id}");
            assert!(
                id.chars()
                    .all(|c| c == '-' || c.is_ascii_digit() || c.is_ascii_uppercase())
            );
        }
    }

    #[test]
    fn a_few_hundred_answers_draw_every_choice_of_every_dimension() {
        let tally = Tally::default();
        for n in 0..500 {
            let v = Variation::of_answer(42, n);
            for dim in Dim::ALL {
                tally.applied(dim, v.pick(dim));
            }
        }
        for case in HEADER_CASES {
            tally.record(HEADER_CASE, case);
        }
        for persistence in PERSISTENCES {
            tally.record(PERSISTENCE, persistence);
        }
        assert_eq!(tally.never_applied(), Vec::<String>::new());
    }

    #[test]
    fn a_choice_never_applied_is_named() {
        let tally = Tally::default();
        tally.applied(Dim::Reason, 1);
        let missing = tally.never_applied();
        assert!(missing.contains(&"reason phrase: standard".to_owned()));
        assert!(!missing.contains(&"reason phrase: custom phrase".to_owned()));
    }
}
