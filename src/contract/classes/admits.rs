//! Whether a value satisfies a rule's limit, read from the contract data
//! alone ([`admits`]): the oracle the generated cases take their answers
//! from. Where the document is ambiguous about a value, the answer is
//! [`Verdict::Disputed`], naming the ambiguity's reading that admits it
//! and the one that refuses it.

use crate::contract::params::{Limit, Rule};

/// What a limit says of one value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Verdict {
    Admitted,
    Refused,
    /// Admitted under the reading `allowed`, refused under `refused`.
    Disputed(Dispute),
}

/// The two readings that disagree about a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dispute {
    pub ambiguity: &'static str,
    pub allowed: &'static str,
    pub refused: &'static str,
}

const fn dispute(ambiguity: &'static str, allowed: &'static str, refused: &'static str) -> Dispute {
    Dispute {
        ambiguity,
        allowed,
        refused,
    }
}

/// Values the document both allows and forbids, per rule: (rule, value,
/// the ambiguity's readings that allow and refuse it).
pub const DISPUTED: &[(&str, &str, Dispute)] = &[
    (
        "ImageName.characters",
        ":",
        dispute("image-name-characters", "union", "error-table"),
    ),
    (
        "ImageName.characters",
        ".",
        dispute("image-name-characters", "union", "parameter-table"),
    ),
    (
        "Architecture.values",
        "arm64",
        dispute(
            "architecture-arm64",
            "arm64-accepted",
            "documented-values-only",
        ),
    ),
];

/// A letter or digit outside ASCII (ambiguity `letters`).
pub const UNICODE_LETTER: Dispute = dispute("letters", "unicode", "ascii");
/// A forbidden text in another case (ambiguity `prefix-case`).
pub const OTHER_CASE: Dispute = dispute("prefix-case", "as-written", "any-case");
/// An empty value of an optional parameter whose rule refuses it as a value
/// (ambiguity `empty-values`): not given, or a value the rule checks.
pub const EMPTY_VALUE: Dispute = dispute("empty-values", "empty-is-absent", "empty-is-a-value");

/// A length whose value holds CR LF, in range counted in code points only
/// (ambiguity `character-unit`: a grapheme cluster makes CR LF one).
pub const CODE_POINTS_ONLY: Dispute = dispute("character-unit", "code-point", "grapheme");
/// A length whose value holds CR LF, in range counted in grapheme clusters only.
pub const GRAPHEMES_ONLY: Dispute = dispute("character-unit", "grapheme", "code-point");

/// Whether `rule` is one whose empty value is disputed: it names the
/// ambiguity `empty-values`.
fn empty_is_disputed(rule: &Rule) -> bool {
    rule.ambiguities.contains(&EMPTY_VALUE.ambiguity)
}

/// Whether `rule` is a length whose unit is disputed: it names the
/// ambiguity `character-unit`.
fn counts_clusters(rule: &Rule) -> bool {
    rule.ambiguities.contains(&CODE_POINTS_ONLY.ambiguity)
}

/// What `rule`'s limit says of `value`.
pub fn admits(rule: &Rule, value: &str) -> Verdict {
    let listed = |text: &str| {
        DISPUTED
            .iter()
            .find(|(id, v, _)| *id == rule.id && *v == text)
            .map(|(_, _, d)| *d)
    };
    let len = value.chars().count();
    match rule.limit {
        Limit::Length { min, .. } if len == 0 && min > 0 && empty_is_disputed(rule) => {
            Verdict::Disputed(EMPTY_VALUE)
        }
        Limit::Length { min, max } => {
            let within = |n: usize| (min..=max).contains(&n);
            // Every character of the classes' values but CR LF is a grapheme
            // cluster of its own: merging the pairs counts clusters.
            let clusters = len - value.matches("\r\n").count();
            match (within(len), within(clusters)) {
                (true, false) if counts_clusters(rule) => Verdict::Disputed(CODE_POINTS_ONLY),
                (false, true) if counts_clusters(rule) => Verdict::Disputed(GRAPHEMES_ONLY),
                (ok, _) => verdict(ok),
            }
        }
        Limit::FirstLetter => match value.chars().next() {
            Some(c) if c.is_ascii_alphabetic() => Verdict::Admitted,
            Some(c) if c.is_alphabetic() => Verdict::Disputed(UNICODE_LETTER),
            _ => Verdict::Refused,
        },
        Limit::Characters { punctuation, .. } => {
            let mut out = Verdict::Admitted;
            for c in value.chars() {
                let this = if c.is_ascii_alphanumeric() {
                    Verdict::Admitted
                } else if let Some(d) = listed(c.encode_utf8(&mut [0; 4])) {
                    Verdict::Disputed(d)
                } else if punctuation.contains(&c) {
                    Verdict::Admitted
                } else if !c.is_ascii() && c.is_alphanumeric() {
                    Verdict::Disputed(UNICODE_LETTER)
                } else {
                    Verdict::Refused
                };
                out = both(out, this).unwrap_or(Verdict::Refused);
            }
            out
        }
        Limit::Ascii => verdict(value.chars().all(|c| c.is_ascii_graphic() || c == ' ')),
        Limit::NoPrefix(prefixes) => forbidden(value, prefixes, |v, p| v.starts_with(p)),
        Limit::NoSubstring(texts) => forbidden(value, texts, |v, p| v.contains(p)),
        Limit::Values { values, .. } => {
            if let Some(d) = listed(value) {
                Verdict::Disputed(d)
            } else if value.is_empty() && empty_is_disputed(rule) {
                // An empty optional parameter is not given, or a value that
                // is none of the listed ones (ambiguity `empty-values`).
                Verdict::Disputed(EMPTY_VALUE)
            } else {
                // Elsewhere an empty optional parameter is not given.
                verdict(value.is_empty() || values.contains(&value))
            }
        }
        Limit::SizeRange { .. }
        | Limit::Count(_)
        | Limit::Encoding
        | Limit::Spelling(_)
        | Limit::Default(_)
        | Limit::Statement => Verdict::Admitted,
    }
}

/// Both verdicts at once: refused if either refuses; disputed if one is
/// (or both are, by the same readings); `None` when two different
/// disputes meet (no single pair of readings decides the value).
pub fn both(a: Verdict, b: Verdict) -> Option<Verdict> {
    match (a, b) {
        (Verdict::Refused, _) | (_, Verdict::Refused) => Some(Verdict::Refused),
        (Verdict::Admitted, other) | (other, Verdict::Admitted) => Some(other),
        (Verdict::Disputed(x), Verdict::Disputed(y)) => (x == y).then_some(a),
    }
}

fn verdict(ok: bool) -> Verdict {
    if ok {
        Verdict::Admitted
    } else {
        Verdict::Refused
    }
}

fn forbidden(value: &str, texts: &[&str], hit: fn(&str, &str) -> bool) -> Verdict {
    if texts.iter().any(|t| hit(value, t)) {
        Verdict::Refused
    } else if texts.iter().any(|t| hit(&value.to_lowercase(), t)) {
        Verdict::Disputed(OTHER_CASE)
    } else {
        Verdict::Admitted
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::params::find;

    fn says(rule: &str, value: &str) -> Verdict {
        admits(find(rule).unwrap(), value)
    }

    #[test]
    fn image_name_length_counts_characters_not_bytes_or_utf16_units() {
        assert_eq!(
            says("ImageName.length", &"😀".repeat(128)),
            Verdict::Admitted
        );
        assert_eq!(
            says("ImageName.length", &"😀".repeat(129)),
            Verdict::Refused
        );
    }

    #[test]
    fn image_name_characters_dispute_non_ascii_letters_but_refuse_symbols() {
        assert_eq!(
            says("ImageName.characters", "abé"),
            Verdict::Disputed(UNICODE_LETTER)
        );
        assert_eq!(says("ImageName.characters", "ab😀"), Verdict::Refused);
        assert_eq!(says("ImageName.characters", "a b"), Verdict::Refused);
        assert!(matches!(
            says("ImageName.characters", "a:b"),
            Verdict::Disputed(d) if d.refused == "error-table"
        ));
    }

    #[test]
    fn image_name_first_character_disputes_a_non_ascii_letter_only() {
        assert_eq!(
            says("ImageName.first-character", "éa"),
            Verdict::Disputed(UNICODE_LETTER)
        );
        assert_eq!(says("ImageName.first-character", "_a"), Verdict::Refused);
    }

    #[test]
    fn tag_key_prefix_refuses_as_written_and_disputes_other_cases() {
        assert_eq!(says("Tag.key.prefix", "acs:x"), Verdict::Refused);
        assert_eq!(
            says("Tag.key.prefix", "ACS:x"),
            Verdict::Disputed(OTHER_CASE)
        );
        assert_eq!(says("Tag.key.prefix", "xacs:"), Verdict::Admitted);
    }

    #[test]
    fn tag_value_url_refuses_the_text_anywhere() {
        assert_eq!(says("Tag.value.url", "https://"), Verdict::Refused);
        assert_eq!(
            says("Tag.value.url", "a-HTTP://b"),
            Verdict::Disputed(OTHER_CASE)
        );
    }

    #[test]
    fn platform_values_match_exactly_and_empty_is_disputed() {
        assert_eq!(says("Platform.values", "Windows 7"), Verdict::Admitted);
        assert_eq!(says("Platform.values", " CentOS"), Verdict::Refused);
        assert_eq!(says("Platform.values", ""), Verdict::Disputed(EMPTY_VALUE));
    }

    #[test]
    fn an_empty_value_is_disputed_only_where_the_rule_names_empty_values() {
        assert_eq!(
            says("ImageVersion.length", ""),
            Verdict::Disputed(EMPTY_VALUE)
        );
        assert_eq!(says("Tag.key.length", ""), Verdict::Refused);
        assert_eq!(says("ClientToken.length", ""), Verdict::Admitted);
    }

    #[test]
    fn crlf_at_a_free_text_length_bound_is_disputed_by_the_unit_of_a_character() {
        assert_eq!(
            says("Description.length", "\r\n"),
            Verdict::Disputed(CODE_POINTS_ONLY)
        );
        assert_eq!(
            says("Tag.key.length", &format!("k{}", "\r\n".repeat(64))),
            Verdict::Disputed(GRAPHEMES_ONLY)
        );
        assert_eq!(says("Description.length", "a\r\nb"), Verdict::Admitted);
        assert_eq!(
            says("Tag.value.length", &"\r\n".repeat(129)),
            Verdict::Refused
        );
        // A rule that does not name the ambiguity counts code points.
        assert_eq!(says("ImageName.length", "\r\n"), Verdict::Admitted);
    }

    #[test]
    fn client_token_ascii_admits_printable_ascii_and_space() {
        assert_eq!(says("ClientToken.ascii", "a +%*~"), Verdict::Admitted);
        assert_eq!(says("ClientToken.ascii", "aé"), Verdict::Refused);
    }

    #[test]
    fn two_different_disputes_decide_nothing() {
        let a = Verdict::Disputed(UNICODE_LETTER);
        assert_eq!(both(a, Verdict::Disputed(OTHER_CASE)), None);
        assert_eq!(both(a, a), Some(a));
        assert_eq!(both(a, Verdict::Refused), Some(Verdict::Refused));
    }
}
