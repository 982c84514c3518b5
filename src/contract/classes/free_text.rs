//! Classes of the characters free text carries that are neither letters nor
//! the plain space: line breaks (LF, CRLF, U+2028), the tab, other Unicode
//! white space (U+3000) and control characters (U+0001, U+007F). Each is
//! one class of every kind of rule a free-text parameter has, and its
//! answer comes from that rule alone:
//!
//! - a **length** (`Description`, `Tag.N.Key`, `Tag.N.Value`): the
//!   documents state only a length and forbidden texts, so such a character
//!   is allowed and counts as one character like any other, also at either
//!   end ([`LENGTH`]: inside the value, at either end, and values of tabs or
//!   CR LF pairs only at the bounds). Implementations trim the value before
//!   counting, or refuse control characters or line breaks. What a
//!   character is, neither document says: a code point makes CR LF two, an
//!   extended grapheme cluster (Unicode UAX #29) one, so at the bounds a
//!   value of CR LF pairs takes either answer (ambiguity `character-unit`),
//!   and the reading named in the report says which unit the target counts;
//! - a **set of allowed characters** (`ImageName`, `ImageFamily`,
//!   `ImageVersion`): none of them is a letter, a digit or listed
//!   punctuation, so each is refused ([`CHARACTERS`]). Implementations test
//!   with a pattern whose `$` matches before a final line break, or whose
//!   `\s`, `\w` or "letter" takes in more than the rule says;
//! - a **forbidden prefix** (`Description`, `Tag.N.Key`, `Tag.N.Value`):
//!   a value that starts with white space, then the prefix, does not start
//!   with the prefix ([`PREFIX`]). No sentence of either document trims or
//!   normalises a parameter's value (the only trimming of
//!   `wire-protocol.md` is of V3 header values in the canonical request), so
//!   the documents decide this; an implementation that trims first refuses
//!   it.
//!
//! Characters outside the Basic Multilingual Plane already have their
//! classes in every kind ([`super::length`]'s `*.outside-bmp`,
//! [`super::characters`]' and [`super::encoding`]'s `outside-bmp`), and so
//! does the plain space ([`super::characters`], [`super::encoding`],
//! `Gateway.plus-as-space`). U+0000 has no class: see
//! `docs/contradictions.md` ("asserted less"). The list is kept short: each
//! class is a case in every request style and format.

use super::{Bound, Class, Place, Probe, Unit, Variant, class};

const TRIMMED: &str = "the value trimmed of white space before the length is counted";
const LINE_BREAK: &str = "line breaks refused in free text";
const CRLF_BOUND: &str = "CR LF pairs at a bound answered with neither a creation nor the length's row (which of the two names the unit the target counts)";
const CONTROL: &str = "control characters refused in free text, or the value cut at one";
const WIDE: &str =
    "Unicode white space trimmed or refused (`str::trim`, `\\s` in a Unicode pattern)";

/// Classes of a length of free text.
pub static LENGTH: &[Class] = &[
    class("line-feed", Probe::Middle("\n"), LINE_BREAK),
    class("crlf", Probe::Middle("\r\n"), LINE_BREAK),
    class("line-separator", Probe::Middle("\u{2028}"), LINE_BREAK),
    class(
        "tab",
        Probe::Middle("\t"),
        "a tab refused, or taken for a field separator",
    ),
    class("ideographic-space", Probe::Middle("\u{3000}"), WIDE),
    class("control-u0001", Probe::Middle("\u{1}"), CONTROL),
    class("control-u007f", Probe::Middle("\u{7f}"), CONTROL),
    class("leading-tab", Probe::Start("\t"), TRIMMED),
    class("trailing-line-feed", Probe::End("\n"), TRIMMED),
    class("min.tab", Probe::Length(Bound::Min, Unit::Tab), TRIMMED),
    class(
        "max-plus-1.tab",
        Probe::Length(Bound::MaxPlus1, Unit::Tab),
        TRIMMED,
    ),
    class(
        "min.crlf",
        Probe::Length(Bound::Min, Unit::CrLf),
        CRLF_BOUND,
    ),
    class(
        "max-plus-1.crlf",
        Probe::Length(Bound::MaxPlus1, Unit::CrLf),
        CRLF_BOUND,
    ),
];

const REFUSED: &str =
    "a character set tested with `\\s`, `\\w` or a Unicode class that takes it in";

/// Classes of a set of allowed characters.
pub static CHARACTERS: &[Class] = &[
    class("line-feed", Probe::Middle("\n"), REFUSED),
    class(
        "trailing-line-feed",
        Probe::End("\n"),
        "a pattern whose `$` matches before a final line break (Python, PHP, Ruby, Perl)",
    ),
    class("tab", Probe::Middle("\t"), REFUSED),
    class("ideographic-space", Probe::Middle("\u{3000}"), REFUSED),
    class("control-u0001", Probe::Middle("\u{1}"), REFUSED),
];

/// Classes of a forbidden prefix.
pub static PREFIX: &[Class] = &[
    class(
        "after-space",
        Probe::Forbidden(Variant::LeadingSpace, Place::Start),
        TRIMMED,
    ),
    class(
        "after-tab",
        Probe::Forbidden(Variant::Leading("\t"), Place::Start),
        TRIMMED,
    ),
];

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::classes::admits::{Verdict, admits};
    use crate::contract::params::find;

    fn says(rule: &str, value: &str) -> Verdict {
        admits(find(rule).unwrap(), value)
    }

    #[test]
    fn free_text_classes_join_each_kind_a_free_text_parameter_has() {
        let ids = |rule: &str| -> Vec<&str> {
            super::super::of(find(rule).unwrap())
                .iter()
                .map(|c| c.id)
                .collect()
        };
        assert!(ids("Description.length").contains(&"crlf"));
        assert!(ids("Tag.value.prefix").contains(&"after-tab"));
        assert!(ids("ImageFamily.characters").contains(&"trailing-line-feed"));
        assert!(!ids("ClientToken.ascii").contains(&"tab"));
    }

    #[test]
    fn a_length_counts_white_space_and_control_characters_like_any_character() {
        assert_eq!(says("Description.length", "\t\t"), Verdict::Admitted);
        assert_eq!(says("Description.length", "a\r\n"), Verdict::Admitted);
        assert_eq!(says("Description.length", "\u{7f}"), Verdict::Refused);
        assert_eq!(
            says("Tag.value.length", &"\u{3000}".repeat(129)),
            Verdict::Refused
        );
    }

    #[test]
    fn white_space_before_a_forbidden_prefix_means_the_value_does_not_start_with_it() {
        assert_eq!(says("Description.prefix", "\thttp://x"), Verdict::Admitted);
        assert_eq!(says("Tag.key.prefix", " acs:x"), Verdict::Admitted);
        assert_eq!(says("Tag.value.prefix", "\nacs:x"), Verdict::Admitted);
    }

    #[test]
    fn a_character_set_refuses_every_free_text_character() {
        for class in CHARACTERS {
            let (Probe::Middle(text) | Probe::End(text)) = class.probe else {
                panic!("{}", class.id)
            };
            assert_eq!(
                says("ImageName.characters", &format!("ab{text}")),
                Verdict::Refused,
                "{}",
                class.id
            );
        }
    }
}
