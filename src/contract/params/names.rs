//! The free-text parameters: `ImageName`, `Description`, `ImageFamily`, `ImageVersion`.

use super::*;

/// `ImageName`.
pub(super) const IMAGE_NAME: Param = parameter(
    "ImageName",
    Type::String,
    false,
    &[
        rule(
            "ImageName.length",
            "The name must be 2 to 128 characters in length.",
            Limit::Length {
                min: IMAGE_NAME_LEN.0,
                max: IMAGE_NAME_LEN.1,
            },
        )
        .errors(&["image-name-malformed"])
        .ambiguities(&["empty-values"]),
        rule(
            "ImageName.first-character",
            "It must start with a letter.",
            Limit::FirstLetter,
        )
        .errors(&["image-name-malformed"]),
        rule(
            "ImageName.characters",
            "Letters, digits, colons (:) [error table: periods (.)], underscores (_), and hyphens (-).",
            Limit::Characters {
                punctuation: IMAGE_NAME_PUNCTUATION,
                disputed: &[':', '.'],
            },
        )
        .errors(&["image-name-malformed"])
        .ambiguities(&["image-name-characters"]),
        rule(
            "ImageName.prefix",
            "Cannot start with http:// or https://.",
            Limit::NoPrefix(&URL_PREFIXES),
        )
        .errors(&["image-name-malformed"]),
        rule(
            "ImageName.unique",
            "The specified Image name has already bean used.",
            Limit::Statement,
        )
        .errors(&["image-name-duplicated"]),
        rule(
            "ImageName.default",
            "This parameter is empty by default.",
            Limit::Default(""),
        )
        .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
    ],
);

/// `Description`.
pub(super) const DESCRIPTION: Param = parameter(
    "Description",
    Type::String,
    false,
    &[
        rule(
            "Description.length",
            "The description must be 2 to 256 characters in length.",
            Limit::Length {
                min: DESCRIPTION_LEN.0,
                max: DESCRIPTION_LEN.1,
            },
        )
        .errors(&["description-malformed"])
        .ambiguities(&["empty-values"]),
        rule(
            "Description.prefix",
            "Cannot start with http:// or https://.",
            Limit::NoPrefix(&URL_PREFIXES),
        )
        .errors(&["description-malformed"]),
        rule(
            "Description.default",
            "This parameter is empty by default.",
            Limit::Default(""),
        )
        .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
    ],
);

/// `ImageFamily`.
pub(super) const IMAGE_FAMILY: Param = parameter(
    "ImageFamily",
    Type::String,
    false,
    &[
        rule(
            "ImageFamily.length",
            "The name must be 2 to 128 characters in length.",
            Limit::Length {
                min: IMAGE_FAMILY_LEN.0,
                max: IMAGE_FAMILY_LEN.1,
            },
        )
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error", "empty-values"]),
        rule(
            "ImageFamily.first-character",
            "It must start with a letter.",
            Limit::FirstLetter,
        )
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error"]),
        rule(
            "ImageFamily.characters",
            "Letters, digits, colons (:), underscores (_), and hyphens (-).",
            Limit::Characters {
                punctuation: IMAGE_FAMILY_PUNCTUATION,
                disputed: &[],
            },
        )
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error"]),
        rule(
            "ImageFamily.url",
            "It cannot contain http:// or https://.",
            Limit::NoSubstring(&URL_PREFIXES),
        )
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error"]),
        rule(
            "ImageFamily.prefix",
            "It cannot start with acs: or aliyun.",
            Limit::NoPrefix(&RESERVED_KEY_PREFIXES),
        )
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error"]),
        rule(
            "ImageFamily.default",
            "This parameter is empty by default.",
            Limit::Default(""),
        )
        .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
    ],
);

/// `ImageVersion`.
pub(super) const IMAGE_VERSION: Param = parameter(
    "ImageVersion",
    Type::String,
    false,
    &[
        rule(
            "ImageVersion.length",
            "Only in the sample request (ImageVersion=2017011017) and the error table (InvalidImageVersion.Malformed).",
            Limit::Length {
                min: IMAGE_VERSION_LEN.0,
                max: IMAGE_VERSION_LEN.1,
            },
        )
        .errors(&["image-version-malformed"])
        .basis(Basis::RuleChosen)
        .ambiguities(&["image-version-rule", "empty-values"]),
        rule(
            "ImageVersion.characters",
            "Only in the sample request (ImageVersion=2017011017) and the error table (InvalidImageVersion.Malformed).",
            Limit::Characters {
                punctuation: IMAGE_VERSION_PUNCTUATION,
                disputed: &[],
            },
        )
        .errors(&["image-version-malformed"])
        .basis(Basis::RuleChosen)
        .ambiguities(&["image-version-rule"]),
    ],
);
