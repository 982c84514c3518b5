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
        .errors(&["platform-malformed"])
        .ambiguities(&["empty-values"]),
        rule(
            "Platform.required-for-data-system-disk",
            "If you specify a data disk snapshot to create the system disk, you must use the Platform parameter.",
            Limit::Statement,
        )
        .errors(&["platform-malformed"])
        .ambiguities(&["data-snapshot-as-system-disk"]),
        rule(
            "Platform.default",
            "Default value: Others Linux.",
            Limit::Default(DEFAULT_PLATFORM),
        )
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
        .errors(&["architecture-malformed"])
        .ambiguities(&["architecture-arm64", "empty-values"]),
        rule(
            "Architecture.required-for-data-system-disk",
            "If you specify a data disk snapshot to create the system disk, you must use the Architecture parameter.",
            Limit::Statement,
        )
        .errors(&["architecture-malformed"])
        .ambiguities(&["data-snapshot-as-system-disk"]),
        rule(
            "Architecture.default",
            "Default value: x86_64.",
            Limit::Default(DEFAULT_ARCHITECTURE),
        )
        .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
    ],
);
