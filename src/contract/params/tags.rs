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
        // That an N above 20 is answered as too many tags is the project's reading
        // (tags-quota).
        .quotes(quotes![
            ci(
                "Request parameters, Tag.N.Key",
                "The key of tag N of the custom image. Valid values of N: 1 to 20.",
            ),
            ci(
                "Request parameters, Tag.N.Value",
                "The value of tag N of the custom image. Valid values of N: 1 to 20.",
            ),
            ci(
                "Error codes, QuotaExceed.Tags",
                "The error message returned because the number of specified tags exceeds the upper limit.",
            ),
        ])
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
        .quotes(quotes![
            ci(
                "Request parameters, Tag.N.Key",
                "The tag key cannot be an empty string. It can be up to 128 characters in length and cannot contain http:// or https://.",
            ),
            ci(
                "Error codes, InvalidTagKey.Malformed",
                "The error message returned because the specified Tag.N.Key parameter is invalid.",
            ),
        ])
        .errors(&["tag-key-malformed"])
        .ambiguities(&["character-unit"]),
        rule(
            "Tag.key.url",
            "The tag key cannot contain http:// or https://.",
            Limit::NoSubstring(&URL_PREFIXES),
        )
        .quotes(quotes![
            ci(
                "Request parameters, Tag.N.Key",
                "It can be up to 128 characters in length and cannot contain http:// or https://.",
            ),
            ci(
                "Error codes, InvalidTagKey.Malformed",
                "The error message returned because the specified Tag.N.Key parameter is invalid.",
            ),
        ])
        .errors(&["tag-key-malformed"]),
        rule(
            "Tag.key.prefix",
            "The tag key cannot start with acs: or aliyun.",
            Limit::NoPrefix(&RESERVED_KEY_PREFIXES),
        )
        .quotes(quotes![
            ci("Request parameters, Tag.N.Key", "It cannot start with acs: or aliyun."),
            ci(
                "Error codes, InvalidTagKey.Malformed",
                "The error message returned because the specified Tag.N.Key parameter is invalid.",
            ),
        ])
        .errors(&["tag-key-malformed"]),
        rule(
            "Tag.key.unique",
            "The Tag.N.Key contain duplicate key.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, Duplicate.TagKey",
            "The error message returned because the specified tag key already exists. Tag keys must be unique.",
        )])
        .errors(&["tag-key-duplicate"]),
        rule(
            "Tag.deprecated-spelling",
            "Tag.N.key and Tag.N.value will be removed in the future; use Tag.N.Key and Tag.N.Value.",
            Limit::Statement,
        )
        // No sentence says which spelling wins when both are given for one N
        // (lowercase-tag-parameters).
        .quotes(quotes![
            ci(
                "Request parameters, Tag.N.value",
                "This parameter will be removed in the future. We recommend that you use the Tag.N.Value parameter to ensure future compatibility.",
            ),
            ci(
                "Request parameters, Tag.N.key",
                "This parameter will be removed in the future. We recommend that you use the Tag.N.Key parameter to ensure future compatibility.",
            ),
        ])
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
        .quotes(quotes![
            ci(
                "Request parameters, Tag.N.Value",
                "The tag value can be an empty string. It can be up to 128 characters in length.",
            ),
            ci(
                "Error codes, InvalidTagValue.Malformed",
                "The error message returned because the specified Tag.N.Value parameter is invalid.",
            ),
        ])
        .errors(&["tag-value-malformed"])
        .ambiguities(&["empty-values", "character-unit"]),
        rule(
            "Tag.value.prefix",
            "The tag value cannot start with acs:.",
            Limit::NoPrefix(&[RESERVED_VALUE_PREFIX]),
        )
        .quotes(quotes![
            ci(
                "Request parameters, Tag.N.Value",
                "It cannot start with acs: or contain http:// or https://.",
            ),
            ci(
                "Error codes, InvalidTagValue.Malformed",
                "The error message returned because the specified Tag.N.Value parameter is invalid.",
            ),
        ])
        .errors(&["tag-value-malformed"]),
        rule(
            "Tag.value.url",
            "The tag value cannot contain http:// or https://.",
            Limit::NoSubstring(&URL_PREFIXES),
        )
        .quotes(quotes![
            ci(
                "Request parameters, Tag.N.Value",
                "It cannot start with acs: or contain http:// or https://.",
            ),
            ci(
                "Error codes, InvalidTagValue.Malformed",
                "The error message returned because the specified Tag.N.Value parameter is invalid.",
            ),
        ])
        .errors(&["tag-value-malformed"]),
    ],
);
