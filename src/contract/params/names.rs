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
        .quotes(quotes![
            ci(
                "Request parameters, ImageName",
                "The name must be 2 to 128 characters in length and can contain letters, digits, colons (:), underscores (_), and hyphens (-).",
            ),
            ci(
                "Error codes, InvalidImageName.Malformed",
                "The error message returned because the specified ImageName parameter is invalid. The name must be 2 to 128 characters in length and can contain letters, digits, periods (.), underscores (_), and hyphens (-). It must start with a letter and cannot start with http:// or https://.",
            ),
        ])
        .errors(&["image-name-malformed"])
        .ambiguities(&["empty-values"]),
        rule(
            "ImageName.first-character",
            "It must start with a letter.",
            Limit::FirstLetter,
        )
        .quotes(quotes![
            ci(
                "Request parameters, ImageName",
                "It must start with a letter and cannot start with http:// or https://.",
            ),
            ci(
                "Error codes, InvalidImageName.Malformed",
                "The error message returned because the specified ImageName parameter is invalid. The name must be 2 to 128 characters in length and can contain letters, digits, periods (.), underscores (_), and hyphens (-). It must start with a letter and cannot start with http:// or https://.",
            ),
        ])
        .errors(&["image-name-malformed"]),
        rule(
            "ImageName.characters",
            "Letters, digits, colons (:) [error table: periods (.)], underscores (_), and hyphens (-).",
            Limit::Characters {
                punctuation: IMAGE_NAME_PUNCTUATION,
                disputed: &[':', '.'],
            },
        )
        .quotes(quotes![
            ci(
                "Request parameters, ImageName",
                "The name must be 2 to 128 characters in length and can contain letters, digits, colons (:), underscores (_), and hyphens (-).",
            ),
            ci(
                "Error codes, InvalidImageName.Malformed",
                "The error message returned because the specified ImageName parameter is invalid. The name must be 2 to 128 characters in length and can contain letters, digits, periods (.), underscores (_), and hyphens (-). It must start with a letter and cannot start with http:// or https://.",
            ),
        ])
        .errors(&["image-name-malformed"])
        .ambiguities(&["image-name-characters"]),
        rule(
            "ImageName.prefix",
            "Cannot start with http:// or https://.",
            Limit::NoPrefix(&URL_PREFIXES),
        )
        .quotes(quotes![
            ci(
                "Request parameters, ImageName",
                "It must start with a letter and cannot start with http:// or https://.",
            ),
            ci(
                "Error codes, InvalidImageName.Malformed",
                "The error message returned because the specified ImageName parameter is invalid. The name must be 2 to 128 characters in length and can contain letters, digits, periods (.), underscores (_), and hyphens (-). It must start with a letter and cannot start with http:// or https://.",
            ),
        ])
        .errors(&["image-name-malformed"]),
        rule(
            "ImageName.unique",
            "The specified Image name has already bean used.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InvalidImageName.Duplicated",
            "The error message returned because the specified image name already exists.",
        )])
        .errors(&["image-name-duplicated"]),
        rule(
            "ImageName.default",
            "This parameter is empty by default.",
            Limit::Default(""),
        )
        .quotes(quotes![ci("Request parameters, ImageName", "This parameter is empty by default.")])
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
        .quotes(quotes![
            ci(
                "Request parameters, Description",
                "The description must be 2 to 256 characters in length and cannot start with http:// or https://.",
            ),
            ci(
                "Error codes, InvalidDescription.Malformed",
                "The error message returned because the specified Description parameter is invalid. The description must be 2 to 256 characters in length and cannot start with http:// or https://.",
            ),
        ])
        .errors(&["description-malformed"])
        .ambiguities(&["empty-values", "character-unit"]),
        rule(
            "Description.prefix",
            "Cannot start with http:// or https://.",
            Limit::NoPrefix(&URL_PREFIXES),
        )
        .quotes(quotes![
            ci(
                "Request parameters, Description",
                "The description must be 2 to 256 characters in length and cannot start with http:// or https://.",
            ),
            ci(
                "Error codes, InvalidDescription.Malformed",
                "The error message returned because the specified Description parameter is invalid. The description must be 2 to 256 characters in length and cannot start with http:// or https://.",
            ),
        ])
        .errors(&["description-malformed"]),
        rule(
            "Description.default",
            "This parameter is empty by default.",
            Limit::Default(""),
        )
        .quotes(quotes![ci(
            "Request parameters, Description",
            "This parameter is empty by default.",
        )])
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
        // No row of the error table names ImageFamily: InvalidImageName.Malformed is
        // the project's choice (image-family-error).
        .quotes(quotes![ci(
            "Request parameters, ImageFamily",
            "The name of the image family of the custom image. The name must be 2 to 128 characters in length and can contain letters, digits, colons (:), underscores (_), and hyphens (-).",
        )])
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error", "empty-values"]),
        rule(
            "ImageFamily.first-character",
            "It must start with a letter.",
            Limit::FirstLetter,
        )
        // No row of the error table names ImageFamily: InvalidImageName.Malformed is
        // the project's choice (image-family-error).
        .quotes(quotes![ci(
            "Request parameters, ImageFamily",
            "It must start with a letter and cannot start with acs: or aliyun.",
        )])
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
        // No row of the error table names ImageFamily: InvalidImageName.Malformed is
        // the project's choice (image-family-error).
        .quotes(quotes![ci(
            "Request parameters, ImageFamily",
            "The name of the image family of the custom image. The name must be 2 to 128 characters in length and can contain letters, digits, colons (:), underscores (_), and hyphens (-).",
        )])
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error"]),
        rule(
            "ImageFamily.url",
            "It cannot contain http:// or https://.",
            Limit::NoSubstring(&URL_PREFIXES),
        )
        // No row of the error table names ImageFamily: InvalidImageName.Malformed is
        // the project's choice (image-family-error).
        .quotes(quotes![ci(
            "Request parameters, ImageFamily",
            "It cannot contain http:// or https://.",
        )])
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error"]),
        rule(
            "ImageFamily.prefix",
            "It cannot start with acs: or aliyun.",
            Limit::NoPrefix(&RESERVED_KEY_PREFIXES),
        )
        // No row of the error table names ImageFamily: InvalidImageName.Malformed is
        // the project's choice (image-family-error).
        .quotes(quotes![ci(
            "Request parameters, ImageFamily",
            "It must start with a letter and cannot start with acs: or aliyun.",
        )])
        .errors(&["image-name-malformed"])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["image-family-error"]),
        rule(
            "ImageFamily.default",
            "This parameter is empty by default.",
            Limit::Default(""),
        )
        .quotes(quotes![ci(
            "Request parameters, ImageFamily",
            "This parameter is empty by default.",
        )])
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
        // No sentence states ImageVersion's length: 1 to 40 characters is the
        // project's reading of the sample value (image-version-rule).
        .quotes(quotes![
            ci("Examples, Sample requests", "&ImageVersion=2017011017"),
            ci(
                "Error codes, InvalidImageVersion.Malformed",
                "The error message returned because the specified image version is invalid or you are not authorized to use the snapshot.",
            ),
            wp("§7 Newer CreateImage parameters", "Current SDK models also carry: ImageVersion"),
        ])
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
        // No sentence states ImageVersion's characters: letters, digits, `.`, `_`, `-`
        // is the project's reading of the sample value (image-version-rule).
        .quotes(quotes![
            ci("Examples, Sample requests", "&ImageVersion=2017011017"),
            ci(
                "Error codes, InvalidImageVersion.Malformed",
                "The error message returned because the specified image version is invalid or you are not authorized to use the snapshot.",
            ),
            wp("§7 Newer CreateImage parameters", "Current SDK models also carry: ImageVersion"),
        ])
        .errors(&["image-version-malformed"])
        .basis(Basis::RuleChosen)
        .ambiguities(&["image-version-rule"]),
    ],
);
