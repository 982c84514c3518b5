//! `Tag.N.Key` / `Tag.N.Value` (and the deprecated `Tag.N.key` /
//! `Tag.N.value`): at most 20 tags, key and value syntax, unique keys.
//!
//! Order: too many → `QuotaExceed.Tags`; then tag by tag in N order, key
//! (`InvalidTagKey.Malformed`) then value (`InvalidTagValue.Malformed`);
//! then duplicate keys (`Duplicate.TagKey`). A value without a key is a
//! malformed (empty) key.

use std::collections::BTreeSet;

use super::name::{contains_url, starts_with_any};
use super::params::Params;
use crate::contract::Rules;
use crate::contract::errors::{
    TAG_KEY_DUPLICATE, TAG_KEY_MALFORMED, TAG_VALUE_MALFORMED, TAGS_QUOTA_EXCEEDED,
};
use crate::contract::rule_set::FreeTextRules;
use crate::contract::rules::{
    RESERVED_KEY_PREFIXES, RESERVED_VALUE_PREFIX, TAG_KEY_MAX_LEN, TAG_VALUE_MAX_LEN,
};
use crate::emulator::error::ApiError;

/// The tags, as (key, value) in N order.
pub fn check(params: &Params<'_>, rules: &Rules) -> Result<Vec<(String, String)>, ApiError> {
    if rules.tags_quota_checked && (params.tag_index_over_max || params.tags.len() > rules.max_tags)
    {
        return Err(TAGS_QUOTA_EXCEEDED.into());
    }
    let mut out = Vec::with_capacity(params.tags.len());
    for tag in params.tags.values() {
        // Ambiguity `lowercase-tag-parameters`: the capitalised spelling wins.
        let key = tag.key.or(tag.key_lowercase).unwrap_or("");
        let value = tag.value.or(tag.value_lowercase).unwrap_or("");
        if !key_ok(rules, key) {
            return Err(TAG_KEY_MALFORMED.into());
        }
        if !value_ok(rules, value) {
            return Err(TAG_VALUE_MALFORMED.into());
        }
        out.push((key.to_owned(), value.to_owned()));
    }
    let mut seen = BTreeSet::new();
    if !out.iter().all(|(key, _)| seen.insert(key.as_str())) {
        return Err(TAG_KEY_DUPLICATE.into());
    }
    Ok(out)
}

fn key_ok(rules: &Rules, key: &str) -> bool {
    let key = rules.free_text.read(key);
    !key.is_empty()
        && key.chars().count() <= TAG_KEY_MAX_LEN
        && !contains_url(rules, &key)
        && !starts_with_any(rules, &key, &RESERVED_KEY_PREFIXES)
}

fn value_ok(rules: &Rules, sent: &str) -> bool {
    let value = rules.free_text.read(sent);
    !FreeTextRules::holds(sent, rules.free_text.tag_value_refuses)
        && value.chars().count() <= TAG_VALUE_MAX_LEN
        && !contains_url(rules, &value)
        && !starts_with_any(rules, &value, &[RESERVED_VALUE_PREFIX])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(list: &[(&str, &str)]) -> Result<Vec<(String, String)>, ApiError> {
        let pairs: Vec<(String, String)> = list
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let rules = Rules::reference();
        let params = Params::parse(&pairs, &rules)?;
        check(&params, &rules)
    }

    fn code(list: &[(&str, &str)]) -> String {
        run(list).unwrap_err().code.into_owned()
    }

    #[test]
    fn tag_key_cannot_be_empty() {
        assert_eq!(code(&[("Tag.1.Key", "")]), "InvalidTagKey.Malformed");
        assert_eq!(code(&[("Tag.1.Value", "v")]), "InvalidTagKey.Malformed");
    }

    #[test]
    fn tag_key_limits() {
        assert!(run(&[("Tag.1.Key", &"k".repeat(128))]).is_ok());
        assert_eq!(
            code(&[("Tag.1.Key", &"k".repeat(129))]),
            "InvalidTagKey.Malformed"
        );
        assert_eq!(
            code(&[("Tag.1.Key", "x http://y")]),
            "InvalidTagKey.Malformed"
        );
        assert_eq!(code(&[("Tag.1.Key", "acs:x")]), "InvalidTagKey.Malformed");
        assert_eq!(code(&[("Tag.1.Key", "aliyunx")]), "InvalidTagKey.Malformed");
    }

    #[test]
    fn tag_value_may_be_empty_but_not_reserved() {
        assert!(run(&[("Tag.1.Key", "k"), ("Tag.1.Value", "")]).is_ok());
        assert!(run(&[("Tag.1.Key", "k"), ("Tag.1.Value", "aliyun")]).is_ok());
        assert_eq!(
            code(&[("Tag.1.Key", "k"), ("Tag.1.Value", "acs:v")]),
            "InvalidTagValue.Malformed"
        );
        assert_eq!(
            code(&[("Tag.1.Key", "k"), ("Tag.1.Value", "a https://b")]),
            "InvalidTagValue.Malformed"
        );
        assert_eq!(
            code(&[("Tag.1.Key", "k"), ("Tag.1.Value", &"v".repeat(129))]),
            "InvalidTagValue.Malformed"
        );
    }

    #[test]
    fn duplicate_tag_keys() {
        assert_eq!(
            code(&[("Tag.1.Key", "k"), ("Tag.2.key", "k")]),
            "Duplicate.TagKey"
        );
    }

    #[test]
    fn more_than_twenty_tags_is_quota_exceed() {
        let err = run(&[("Tag.21.Key", "k")]).unwrap_err();
        assert_eq!((err.status, err.code.as_ref()), (403, "QuotaExceed.Tags"));
        let twenty: Vec<(String, String)> = (1..=20)
            .map(|n| (format!("Tag.{n}.Key"), format!("k{n}")))
            .collect();
        let list: Vec<(&str, &str)> = twenty
            .iter()
            .map(|(a, b)| (a.as_str(), b.as_str()))
            .collect();
        assert_eq!(run(&list).unwrap().len(), 20);
    }

    #[test]
    fn capitalised_spelling_wins() {
        let tags = run(&[
            ("Tag.1.key", "old"),
            ("Tag.1.Key", "new"),
            ("Tag.1.value", "v"),
        ])
        .unwrap();
        assert_eq!(tags, [("new".to_owned(), "v".to_owned())]);
    }
}
