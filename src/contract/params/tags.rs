//! `Tag.N.Key` and `Tag.N.Value`.

use super::*;

/// `Tag.N.Key`.
pub(super) const KEY: Param = parameter(
    "Tag.N.Key",
    Type::String,
    false,
    &[
        rule(
            "Tag.count",
            "Valid values of N: 1 to 20.",
            Limit::Count(MAX_TAGS),
        )
        .errors(&["tags-quota-exceeded"])
        .ambiguities(&["tags-quota"]),
        rule(
            "Tag.key.length",
            "The tag key cannot be an empty string. It can be up to 128 characters in length.",
            Limit::Length {
                min: 1,
                max: TAG_KEY_MAX_LEN,
            },
        )
        .errors(&["tag-key-malformed"]),
        rule(
            "Tag.key.url",
            "The tag key cannot contain http:// or https://.",
            Limit::NoSubstring(&URL_PREFIXES),
        )
        .errors(&["tag-key-malformed"]),
        rule(
            "Tag.key.prefix",
            "The tag key cannot start with acs: or aliyun.",
            Limit::NoPrefix(&RESERVED_KEY_PREFIXES),
        )
        .errors(&["tag-key-malformed"]),
        rule(
            "Tag.key.unique",
            "The Tag.N.Key contain duplicate key.",
            Limit::Statement,
        )
        .errors(&["tag-key-duplicate"]),
        rule(
            "Tag.deprecated-spelling",
            "Tag.N.key and Tag.N.value will be removed in the future; use Tag.N.Key and Tag.N.Value.",
            Limit::Statement,
        )
        .ambiguities(&["lowercase-tag-parameters"]),
    ],
);

/// `Tag.N.Value`.
pub(super) const VALUE: Param = parameter(
    "Tag.N.Value",
    Type::String,
    false,
    &[
        rule(
            "Tag.value.length",
            "The tag value can be an empty string. It can be up to 128 characters in length.",
            Limit::Length {
                min: 0,
                max: TAG_VALUE_MAX_LEN,
            },
        )
        .errors(&["tag-value-malformed"])
        .ambiguities(&["empty-values"]),
        rule(
            "Tag.value.prefix",
            "The tag value cannot start with acs:.",
            Limit::NoPrefix(&[RESERVED_VALUE_PREFIX]),
        )
        .errors(&["tag-value-malformed"]),
        rule(
            "Tag.value.url",
            "The tag value cannot contain http:// or https://.",
            Limit::NoSubstring(&URL_PREFIXES),
        )
        .errors(&["tag-value-malformed"]),
    ],
);
