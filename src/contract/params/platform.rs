//! `Platform` and `Architecture`.

use super::*;

/// `Platform`.
pub(super) const PLATFORM: Param = parameter(
    "Platform",
    Type::String,
    false,
    &[
        rule(
            "Platform.values",
            "Valid values: CentOS, Ubuntu, SUSE, OpenSUSE, RedHat, Debian, CoreOS, Aliyun, Windows Server 2012, Windows 7, Customized Linux, Others Linux.",
            Limit::Values {
                values: &PLATFORMS,
                disputed: &[],
            },
        )
        .quotes(quotes![
            ci(
                "Request parameters, Platform",
                "Valid values: - CentOS - Ubuntu - SUSE - OpenSUSE - RedHat - Debian - CoreOS - Aliyun - Windows Server 2012 - Windows 7 - Customized Linux - Others Linux",
            ),
            ci(
                "Error codes, InvalidPlatform.Malformed",
                "The error message returned because the specified Platform parameter is invalid.",
            ),
        ])
        .errors(&["platform-malformed"])
        .ambiguities(&["empty-values"]),
        rule(
            "Platform.required-for-data-system-disk",
            "If you specify a data disk snapshot to create the system disk, you must use the Platform parameter.",
            Limit::Statement,
        )
        // The row speaks of a specified Platform that is invalid: that a missing one
        // gets it is the project's reading (data-snapshot-as-system-disk).
        .quotes(quotes![
            ci(
                "Request parameters, Platform",
                "If you specify a data disk snapshot to create the system disk of the custom image, you must use the Platform parameter to determine the distribution of the operating system for the system disk.",
            ),
            ci(
                "Error codes, InvalidPlatform.Malformed",
                "The error message returned because the specified Platform parameter is invalid.",
            ),
        ])
        .errors(&["platform-malformed"])
        .ambiguities(&["data-snapshot-as-system-disk"]),
        rule(
            "Platform.default",
            "Default value: Others Linux.",
            Limit::Default(DEFAULT_PLATFORM),
        )
        .quotes(quotes![ci("Request parameters, Platform", "Default value: Others Linux.")])
        .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
    ],
);

/// `Architecture`.
pub(super) const ARCHITECTURE: Param = parameter(
    "Architecture",
    Type::String,
    false,
    &[
        rule(
            "Architecture.values",
            "Valid values: i386, x86_64.",
            Limit::Values {
                values: &ARCHITECTURES,
                disputed: &["arm64"],
            },
        )
        .quotes(quotes![
            ci("Request parameters, Architecture", "Valid values: - i386 - x86_64"),
            ci(
                "Error codes, InvalidArchitecture.Malformed",
                "The error message returned because the specified Architecture parameter is invalid.",
            ),
            wp("§7 Newer CreateImage parameters", "Architecture gained arm64"),
        ])
        .errors(&["architecture-malformed"])
        .ambiguities(&["architecture-arm64", "empty-values"]),
        rule(
            "Architecture.required-for-data-system-disk",
            "If you specify a data disk snapshot to create the system disk, you must use the Architecture parameter.",
            Limit::Statement,
        )
        // The row speaks of a specified Architecture that is invalid: that a missing
        // one gets it is the project's reading (data-snapshot-as-system-disk).
        .quotes(quotes![
            ci(
                "Request parameters, Architecture",
                "If you specify a data disk snapshot to create the system disk of the custom image, you must use the Architecture parameter to determine the system architecture of the system disk.",
            ),
            ci(
                "Error codes, InvalidArchitecture.Malformed",
                "The error message returned because the specified Architecture parameter is invalid.",
            ),
        ])
        .errors(&["architecture-malformed"])
        .ambiguities(&["data-snapshot-as-system-disk"]),
        rule(
            "Architecture.default",
            "Default value: x86_64.",
            Limit::Default(DEFAULT_ARCHITECTURE),
        )
        .quotes(quotes![ci("Request parameters, Architecture", "Default value: x86_64.")])
        .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
    ],
);
