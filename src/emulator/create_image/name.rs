//! The free-text parameters: `ImageName`, `Description`, `ImageFamily`,
//! `ImageVersion` and `ClientToken`. Lengths count characters; letters and
//! digits are ASCII unless the rules read them as Unicode (ambiguity
//! `letters`); forbidden prefixes match as written unless the rules match
//! them in any case (ambiguity `prefix-case`); limits, characters and rows
//! come from [`Rules`].

use crate::contract::Rules;
use crate::contract::errors::{
    DESCRIPTION_MALFORMED, IMAGE_NAME_MALFORMED, IMAGE_VERSION_MALFORMED,
};
use crate::contract::rule_set::FreeTextRules;
use crate::contract::rules::URL_PREFIXES;
use crate::emulator::error::ApiError;

/// 2–128, starts with a letter, letters/digits and the rules' punctuation
/// (ambiguity `image-name-characters`), not `http://` / `https://`.
pub fn check_image_name(rules: &Rules, name: Option<&str>) -> Result<(), ApiError> {
    let Some(name) = name else { return Ok(()) };
    let ok = within(name, rules.image_name_len)
        && (!rules.image_name_starts_with_letter || starts_with_letter(rules, name))
        && (!rules.image_name_characters_checked
            || only(name, rules.image_name_punctuation, rules.unicode_letters))
        && !starts_with_url(rules, name);
    ok.then_some(()).ok_or_else(|| IMAGE_NAME_MALFORMED.into())
}

/// 2–256, not starting with `http://` / `https://`.
pub fn check_description(rules: &Rules, text: Option<&str>) -> Result<(), ApiError> {
    let Some(sent) = text else { return Ok(()) };
    let text = rules.free_text.read(sent);
    let ok = within(&text, rules.description_len)
        && !(rules.description_url_prefix_forbidden && starts_with_url(rules, &text))
        && !FreeTextRules::holds(sent, rules.free_text.description_refuses);
    ok.then_some(()).ok_or_else(|| DESCRIPTION_MALFORMED.into())
}

/// 2–128, starts with a letter, letters/digits/`:`/`_`/`-`, no `http://` or
/// `https://` anywhere, not starting with `acs:` or `aliyun`
/// (ambiguity `image-family-error` for the code).
pub fn check_image_family(rules: &Rules, family: Option<&str>) -> Result<(), ApiError> {
    let Some(family) = family else { return Ok(()) };
    let ok = within(family, rules.image_family_len)
        && starts_with_letter(rules, family)
        && only(
            family,
            rules.image_family_punctuation,
            rules.unicode_letters,
        )
        && !contains_url(rules, family)
        && !starts_with_any(rules, family, rules.image_family_reserved_prefixes);
    ok.then_some(())
        .ok_or_else(|| rules.image_family_malformed.into())
}

/// 1–40, letters/digits/`.`/`_`/`-` (ambiguity `image-version-rule`).
pub fn check_image_version(rules: &Rules, version: Option<&str>) -> Result<(), ApiError> {
    let Some(version) = version else {
        return Ok(());
    };
    let ok = within(version, rules.image_version_len)
        && only(version, rules.image_version_punctuation, false);
    ok.then_some(())
        .ok_or_else(|| IMAGE_VERSION_MALFORMED.into())
}

/// ASCII ("can only contain ASCII characters": a tab or a control
/// character is ASCII too), at most 64, unless the rules leave the format
/// to the client (ambiguity `client-token-format`).
pub fn check_client_token(rules: &Rules, token: Option<&str>) -> Result<(), ApiError> {
    let Some(token) = token else { return Ok(()) };
    let ok = !rules.client_token.format_checked
        || (token.len() <= rules.client_token.max_len && token.is_ascii());
    ok.then_some(())
        .ok_or_else(ApiError::client_token_malformed)
}

fn within(text: &str, (min, max): (usize, usize)) -> bool {
    let len = text.chars().count();
    (min..=max).contains(&len)
}

fn starts_with_letter(rules: &Rules, text: &str) -> bool {
    text.chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || (rules.unicode_letters && c.is_alphabetic()))
}

fn only(text: &str, punctuation: &[char], unicode: bool) -> bool {
    text.chars().all(|c| {
        c.is_ascii_alphanumeric() || (unicode && c.is_alphanumeric()) || punctuation.contains(&c)
    })
}

/// The text as the forbidden-prefix rules compare it.
fn compared(rules: &Rules, text: &str) -> String {
    if rules.prefixes_any_case {
        text.to_lowercase()
    } else {
        text.to_owned()
    }
}

pub(super) fn starts_with_any(rules: &Rules, text: &str, prefixes: &[&str]) -> bool {
    let text = compared(rules, text);
    prefixes.iter().any(|p| text.starts_with(p))
}

pub(super) fn starts_with_url(rules: &Rules, text: &str) -> bool {
    starts_with_any(rules, text, &URL_PREFIXES)
}

pub(super) fn contains_url(rules: &Rules, text: &str) -> bool {
    let text = compared(rules, text);
    URL_PREFIXES.iter().any(|p| text.contains(p))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::readings;

    const RULES: Rules = Rules::reference();

    fn name_ok(name: &str) -> bool {
        check_image_name(&RULES, Some(name)).is_ok()
    }

    #[test]
    fn image_name_under_the_parameter_table_refuses_a_period_only() {
        let rules = readings::rules_under(readings::IMAGE_NAME_CHARACTERS, "parameter-table");
        assert!(check_image_name(&rules, Some("a:b_c-d")).is_ok());
        assert!(check_image_name(&rules, Some("a.b")).is_err());
    }

    #[test]
    fn image_name_under_the_error_table_refuses_a_colon_only() {
        let rules = readings::rules_under(readings::IMAGE_NAME_CHARACTERS, "error-table");
        assert!(check_image_name(&rules, Some("a.b_c-d")).is_ok());
        assert!(check_image_name(&rules, Some("a:b")).is_err());
    }

    #[test]
    fn image_family_with_its_own_code_is_400_invalid_image_family() {
        let rules = readings::rules_under(readings::IMAGE_FAMILY_ERROR, "own-code");
        let err = check_image_family(&rules, Some("acs:x")).unwrap_err();
        assert_eq!(
            (err.status, err.code.as_ref()),
            (400, "InvalidImageFamily.Malformed")
        );
    }

    #[test]
    fn letters_under_the_unicode_reading_include_non_ascii_letters() {
        let rules = readings::rules_under(readings::LETTERS, "unicode");
        assert!(check_image_name(&rules, Some("éa中")).is_ok());
        assert!(check_image_name(&RULES, Some("aé")).is_err());
        assert!(check_image_name(&rules, Some("a😀")).is_err());
        assert!(check_image_family(&rules, Some("中x")).is_ok());
    }

    #[test]
    fn forbidden_prefixes_under_the_any_case_reading_match_in_any_case() {
        let rules = readings::rules_under(readings::PREFIX_CASE, "any-case");
        assert!(check_description(&rules, Some("HTTP://x")).is_err());
        assert!(check_description(&RULES, Some("HTTP://x")).is_ok());
        assert!(check_image_family(&rules, Some("Aliyunx")).is_err());
        assert!(check_image_family(&RULES, Some("Aliyunx")).is_ok());
    }

    #[test]
    fn image_name_length_is_two_to_128() {
        assert!(!name_ok("a"));
        assert!(name_ok("ab"));
        assert!(name_ok(&"a".repeat(128)));
        assert!(!name_ok(&"a".repeat(129)));
    }

    #[test]
    fn image_name_starts_with_a_letter() {
        assert!(!name_ok("1abc"));
        assert!(!name_ok("_abc"));
        assert!(!name_ok("éabc"));
    }

    #[test]
    fn image_name_accepts_colons_and_periods() {
        assert!(name_ok("a:b.c_d-e"));
        assert!(!name_ok("a b"));
        assert!(!name_ok("a/b"));
    }

    #[test]
    fn image_name_cannot_start_with_a_url() {
        // `http://x` also fails the character rule; both readings reject it.
        assert!(!name_ok("http://x"));
        assert!(!name_ok("https://x"));
        assert!(name_ok("httpx"));
    }

    #[test]
    fn image_name_malformed_is_400_with_documented_message() {
        let err = check_image_name(&RULES, Some("a")).unwrap_err();
        assert_eq!(
            (err.status, err.code.as_ref()),
            (400, "InvalidImageName.Malformed")
        );
        assert_eq!(err.message, "The specified Image name is wrongly formed.");
    }

    #[test]
    fn description_length_is_two_to_256_and_no_url_prefix() {
        assert!(check_description(&RULES, Some("a")).is_err());
        assert!(check_description(&RULES, Some("ab")).is_ok());
        assert!(check_description(&RULES, Some(&"é".repeat(256))).is_ok());
        assert!(check_description(&RULES, Some(&"a".repeat(257))).is_err());
        assert!(check_description(&RULES, Some("https://example.com")).is_err());
        assert!(check_description(&RULES, Some("see https://example.com")).is_ok());
    }

    #[test]
    fn description_counts_white_space_and_control_characters_and_refuses_none() {
        for text in ["\t\t", "a\r\nb", "a\u{1}b", "a\u{7f}", "\u{3000}\u{3000}"] {
            assert!(check_description(&RULES, Some(text)).is_ok(), "{text:?}");
        }
        assert!(check_description(&RULES, Some(&"\t".repeat(257))).is_err());
        assert!(check_description(&RULES, Some(" http://example.com")).is_ok());
    }

    #[test]
    fn description_read_trimmed_or_refusing_a_kind_of_character() {
        use crate::contract::rule_set::{FreeTextRules, TextChars};
        let mut rules = RULES;
        rules.free_text = FreeTextRules {
            trimmed: true,
            crlf_as_one: true,
            description_refuses: &[TextChars::LineBreaks],
            tag_value_refuses: &[],
        };
        assert!(check_description(&rules, Some("\t\t")).is_err());
        assert!(check_description(&rules, Some(" http://example.com")).is_err());
        assert!(check_description(&rules, Some("a\u{2028}b")).is_err());
        assert!(check_description(&rules, Some("a\tb")).is_ok());
        assert!(check_description(&rules, Some(&"\r\n".repeat(100))).is_err());
    }

    #[test]
    fn image_family_rules() {
        assert!(check_image_family(&RULES, Some("hangzhou-daily-update")).is_ok());
        assert!(check_image_family(&RULES, Some("a")).is_err());
        assert!(check_image_family(&RULES, Some("acs:x")).is_err());
        assert!(check_image_family(&RULES, Some("aliyunx")).is_err());
        assert!(check_image_family(&RULES, Some("a.b")).is_err());
        assert!(check_image_family(&RULES, Some("1ab")).is_err());
    }

    #[test]
    fn image_version_rules() {
        assert!(check_image_version(&RULES, Some("2017011017")).is_ok());
        assert!(check_image_version(&RULES, Some("1.0.2-beta")).is_ok());
        assert!(check_image_version(&RULES, Some(&"1".repeat(41))).is_err());
        assert!(check_image_version(&RULES, Some("1 0")).is_err());
    }

    #[test]
    fn client_token_is_ascii_up_to_64() {
        assert!(check_client_token(&RULES, Some(&"a".repeat(64))).is_ok());
        assert!(check_client_token(&RULES, Some(&"a".repeat(65))).is_err());
        assert!(check_client_token(&RULES, Some("tökén")).is_err());
    }

    #[test]
    fn a_client_token_may_hold_any_ascii_character_tabs_and_controls_included() {
        assert!(check_client_token(&RULES, Some("a\tb\u{1}c\u{7f}")).is_ok());
    }

    #[test]
    fn any_client_token_is_accepted_when_its_format_is_not_enforced() {
        let rules = readings::rules_under(readings::CLIENT_TOKEN_FORMAT, "not-enforced");
        assert!(check_client_token(&rules, Some(&"a".repeat(65))).is_ok());
        assert!(check_client_token(&rules, Some("tökén")).is_ok());
    }
}
