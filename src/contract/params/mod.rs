//! Every request parameter of `CreateImage.md`, and every rule the document
//! states about a parameter or about the request as a whole, as data:
//! [`PARAMS`], each [`Param`] with its [`Rule`]s, each rule with a stable id
//! (`ImageName.length`, `Tag.key.prefix`, `DiskDeviceMapping.size.range`).
//!
//! A case names the rules it checks (`rule: ImageName.length`); the loader
//! accepts only ids listed here ([`rule_ids`]). The coverage report lists,
//! for every rule, the cases that exercise it, and the generated boundary
//! cases are derived from each rule's [`Limit`]. The limits themselves are
//! the constants of [`super::rules`]; this module only points at them.
//!
//! Two sections come from `wire-protocol.md` rather than `CreateImage.md`:
//! `Gateway` (signatures, timestamps, nonces, common parameters) and
//! `Format` (the response envelopes), so that the gateway and format cases
//! name rules too.
//!
//! A rule no client can observe through `CreateImage` alone (a default that
//! only `DescribeImages` would show) carries the reason in
//! `Rule::unobservable`; every other rule needs a case. Where the document
//! contradicts itself, `Rule::ambiguities` names the entries of
//! [`super::ambiguities`] that record both readings and the emulator's choice.

use super::choices::{DISK_CATEGORIES_DENIED, SNAPSHOT_CATEGORIES_DENIED};
use super::rules::{
    ARCHITECTURES, BASIC_DISK_DEFAULT_SIZE, BASIC_DISK_SIZE, CLIENT_TOKEN_MAX_LEN,
    DEFAULT_ARCHITECTURE, DEFAULT_PLATFORM, DESCRIPTION_LEN, DISK_DEFAULT_SIZE, DISK_SIZE,
    IMAGE_FAMILY_LEN, IMAGE_FAMILY_PUNCTUATION, IMAGE_NAME_LEN, IMAGE_NAME_PUNCTUATION,
    IMAGE_VERSION_LEN, IMAGE_VERSION_PUNCTUATION, INSTANCE_STATES_ALLOWED, MAX_TAGS, PLATFORMS,
    RESERVED_KEY_PREFIXES, RESERVED_VALUE_PREFIX, TAG_KEY_MAX_LEN, TAG_VALUE_MAX_LEN, URL_PREFIXES,
};

/// A request parameter (`ImageName`, `Tag.N.Key`), or a part of the document
/// that constrains the request as a whole (`Source`, `Account`, `Response`).
#[derive(Clone, Copy, Debug)]
pub struct Param {
    /// As the document spells it (`DiskDeviceMapping.N.Size`), or the name of
    /// the part of the document.
    pub name: &'static str,
    pub kind: Kind,
    pub rules: &'static [Rule],
}

/// What a [`Param`] is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A request parameter of the documented type.
    Parameter { ty: Type, required: bool },
    /// Not a parameter: the request or the answer as a whole.
    Section,
}

/// The documented type of a parameter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    String,
    Integer,
}

/// One rule: what the document says, the limit as data, and what a
/// violation answers with.
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    /// Stable: `Param.rule-name` (`ImageName.first-character`).
    pub id: &'static str,
    /// The document's words (or a summary of them).
    pub says: &'static str,
    pub limit: Limit,
    /// The error rows (ids of [`super::errors::ERROR_ROWS`]) a violation
    /// answers with: the documented ones, or the emulator's choice where the
    /// document names none (see `Rule::basis`).
    pub errors: &'static [&'static str],
    /// How firmly the document states the rule and its error.
    pub basis: Basis,
    /// Ids of [`super::ambiguities::AMBIGUITIES`] that bear on this rule.
    pub ambiguities: &'static [&'static str],
    /// `Some(reason)` when no client can observe the rule through
    /// `CreateImage` alone; such a rule needs no case.
    pub unobservable: Option<&'static str>,
}

/// How firmly `CreateImage.md` states a rule.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The rule and the error a violation gets are both documented.
    Documented,
    /// The rule is documented but the error row is not: `Rule::errors` is
    /// the emulator's choice, and a target may answer with another 400 code.
    ErrorChosen,
    /// The rule itself is the emulator's reading of an unstated rule: a
    /// target may also accept what the emulator rejects.
    RuleChosen,
}

/// A rule's limit, as data the generated boundary cases are derived from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// Length in characters, inclusive (`min` 0: no minimum).
    Length { min: usize, max: usize },
    /// Must start with an ASCII letter.
    FirstLetter,
    /// ASCII letters, digits and `punctuation`; `disputed` are the
    /// punctuation characters the document both allows and forbids.
    Characters {
        punctuation: &'static [char],
        disputed: &'static [char],
    },
    /// Printable ASCII only.
    Ascii,
    /// Must not start with any of these.
    NoPrefix(&'static [&'static str]),
    /// Must not contain any of these.
    NoSubstring(&'static [&'static str]),
    /// One of these, exactly; `disputed` are values the document both
    /// allows and omits.
    Values {
        values: &'static [&'static str],
        disputed: &'static [&'static str],
    },
    /// The value used when the parameter is not given.
    Default(&'static str),
    /// An integer range, inclusive, for an entry without a snapshot: basic
    /// disks and every other category.
    SizeRange {
        basic: (u64, u64),
        other: (u64, u64),
    },
    /// At most this many, indexed 1 to this (`Tag.N`).
    Count(usize),
    /// Every value travels signed, whatever its characters (the request
    /// styles and percent-encoding of `wire-protocol.md`).
    Encoding,
    /// A rule about state, existence, priority or shape: its cases are
    /// written by hand.
    Statement,
}

const fn rule(id: &'static str, says: &'static str, limit: Limit) -> Rule {
    Rule {
        id,
        says,
        limit,
        errors: &[],
        basis: Basis::Documented,
        ambiguities: &[],
        unobservable: None,
    }
}

impl Rule {
    const fn errors(mut self, errors: &'static [&'static str]) -> Rule {
        self.errors = errors;
        self
    }

    const fn basis(mut self, basis: Basis) -> Rule {
        self.basis = basis;
        self
    }

    const fn ambiguities(mut self, ids: &'static [&'static str]) -> Rule {
        self.ambiguities = ids;
        self
    }

    const fn unobservable(mut self, reason: &'static str) -> Rule {
        self.unobservable = Some(reason);
        self
    }
}

const fn parameter(name: &'static str, ty: Type, required: bool, rules: &'static [Rule]) -> Param {
    Param {
        name,
        kind: Kind::Parameter { ty, required },
        rules,
    }
}

const fn section(name: &'static str, rules: &'static [Rule]) -> Param {
    Param {
        name,
        kind: Kind::Section,
        rules,
    }
}

const SHOWN_BY_DESCRIBE_IMAGES: &str =
    "only DescribeImages shows the image's attributes; CreateImage answers with an ImageId alone";

/// Every parameter and part of the document, in the document's order.
pub static PARAMS: &[Param] = &[
    parameter(
        "Action",
        Type::String,
        true,
        &[rule(
            "Action.value",
            "Set the value to CreateImage.",
            Limit::Values {
                values: &["CreateImage"],
                disputed: &[],
            },
        )
        .basis(Basis::ErrorChosen)],
    ),
    parameter(
        "RegionId",
        Type::String,
        true,
        &[rule(
            "RegionId.required",
            "RegionId is required.",
            Limit::Statement,
        )],
    ),
    section(
        "Source",
        &[
            rule(
                "Source.required",
                "None of SnapshotId, InstanceId, and parameters that start with DiskDeviceMapping is specified: MissingParameter.",
                Limit::Statement,
            )
            .errors(&["source-missing"]),
            rule(
                "Source.all-empty",
                "InvalidParameter.AllEmpty: no parameters are specified.",
                Limit::Statement,
            )
            .errors(&["all-empty"])
            .ambiguities(&["all-empty-vs-missing-parameter"]),
            rule(
                "Source.priority",
                "InstanceId > DiskDeviceMapping > SnapshotId: the image is created from the parameter with the higher priority.",
                Limit::Statement,
            )
            .ambiguities(&["source-priority"]),
            rule(
                "Source.instance",
                "Method 1: create a custom image from an instance; only InstanceId is needed.",
                Limit::Statement,
            ),
            rule(
                "Source.snapshot",
                "Method 2: create a custom image from the system disk snapshot of an instance; only SnapshotId is needed.",
                Limit::Statement,
            ),
            rule(
                "Source.disk-device-mapping",
                "Method 3: create a custom image from multiple disk snapshots given by DiskDeviceMapping.",
                Limit::Statement,
            ),
        ],
    ),
    parameter(
        "DiskDeviceMapping.N.SnapshotId",
        Type::String,
        false,
        &[
            rule(
                "DiskDeviceMapping.snapshot.exists",
                "The ID of snapshot N that is used to create disk N.",
                Limit::Statement,
            )
            .errors(&["snapshot-not-found"]),
            rule(
                "DiskDeviceMapping.snapshot.ready",
                "The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation.",
                Limit::Statement,
            )
            .errors(&["snapshot-not-ready"]),
            rule(
                "DiskDeviceMapping.snapshot.created-after-cutoff",
                "Method 3: the specified snapshot cannot be created on or before July 15, 2013.",
                Limit::Statement,
            )
            .errors(&["snapshot-too-old"])
            .ambiguities(&["snapshot-too-old-date"]),
            rule(
                "DiskDeviceMapping.snapshot.optional",
                "SnapshotId may not be specified. In this case, an empty data disk with a specific size is created.",
                Limit::Statement,
            ),
            rule(
                "DiskDeviceMapping.system-disk.exactly-one",
                "You can specify only one system disk snapshot.",
                Limit::Statement,
            )
            .errors(&["mapping-no-system-disk", "mapping-several-system-disks"]),
            rule(
                "DiskDeviceMapping.system-disk.snapshot-required",
                "InvalidSystemSnapshot.Missing (message `? s`).",
                Limit::Statement,
            )
            .errors(&["system-snapshot-missing"])
            .ambiguities(&["system-snapshot-missing"]),
            rule(
                "DiskDeviceMapping.system-disk.not-encrypted",
                "Not support creating system image from an encrypted snapshot/disk.",
                Limit::Statement,
            )
            .errors(&["encrypted-source-denied"])
            .ambiguities(&["encrypted-and-kms"]),
        ],
    ),
    parameter(
        "DiskDeviceMapping.N.Size",
        Type::Integer,
        false,
        &[
            rule(
                "DiskDeviceMapping.size.type",
                "The size of disk N in the custom image (Integer, GiB).",
                Limit::Statement,
            )
            .errors(&["size-not-supported"]),
            rule(
                "DiskDeviceMapping.size.range",
                "Without a snapshot: basic disks 5 to 2000, other disk categories 20 to 32768.",
                Limit::SizeRange {
                    basic: BASIC_DISK_SIZE,
                    other: DISK_SIZE,
                },
            )
            .errors(&["size-not-supported"])
            .ambiguities(&["empty-disk-category"]),
            rule(
                "DiskDeviceMapping.size.at-least-snapshot",
                "With a snapshot: must be greater than or equal to the size of the specified snapshot.",
                Limit::Statement,
            )
            .errors(&["size-not-supported"]),
            rule(
                "DiskDeviceMapping.size.default",
                "Default: 5 for basic disks, 20 for other categories, the snapshot's size with a snapshot.",
                Limit::SizeRange {
                    basic: (BASIC_DISK_DEFAULT_SIZE, BASIC_DISK_DEFAULT_SIZE),
                    other: (DISK_DEFAULT_SIZE, DISK_DEFAULT_SIZE),
                },
            )
            .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
        ],
    ),
    parameter(
        "DiskDeviceMapping.N.Device",
        Type::String,
        false,
        &[
            rule(
                "DiskDeviceMapping.device.values",
                "Other categories: /dev/vda to /dev/vdz; basic disks: /dev/xvda to /dev/xvdz.",
                Limit::Statement,
            )
            .errors(&["device-malformed"])
            .ambiguities(&["device-names"]),
            rule(
                "DiskDeviceMapping.device.unique",
                "The device names of the data disks are unique (InvalidDevice.InUse: has been occupied).",
                Limit::Statement,
            )
            .errors(&["device-in-use"]),
            rule(
                "DiskDeviceMapping.device.system-xvda",
                "Method 3: the device name of the system disk must be /dev/xvda.",
                Limit::Statement,
            )
            .errors(&["device-malformed"])
            .ambiguities(&["device-names"]),
            rule(
                "DiskDeviceMapping.device.data-ascending",
                "Method 3: the device names of the data disks ascend from /dev/xvdb to /dev/xvdz.",
                Limit::Statement,
            )
            .errors(&["device-malformed"])
            .ambiguities(&["device-names"]),
        ],
    ),
    parameter(
        "DiskDeviceMapping.N.DiskType",
        Type::String,
        false,
        &[
            rule(
                "DiskDeviceMapping.disk-type.values",
                "Valid values: system, data.",
                Limit::Values {
                    values: &["system", "data"],
                    disputed: &[],
                },
            )
            .errors(&["disk-type-not-supported"]),
            rule(
                "DiskDeviceMapping.disk-type.default",
                "If you do not set this parameter, the disk type is determined by the corresponding snapshot.",
                Limit::Statement,
            ),
            rule(
                "DiskDeviceMapping.disk-type.data-snapshot-as-system",
                "You can set this parameter to create the system disk of the custom image from a data disk snapshot.",
                Limit::Statement,
            )
            .errors(&["user-not-in-white-list"])
            .ambiguities(&["data-snapshot-as-system-disk"]),
        ],
    ),
    parameter(
        "SnapshotId",
        Type::String,
        false,
        &[
            rule(
                "SnapshotId.exists",
                "The specified SnapshotId does not exist.",
                Limit::Statement,
            )
            .errors(&["snapshot-not-found"]),
            rule(
                "SnapshotId.system-disk",
                "Method 2 uses the system disk snapshot of an instance.",
                Limit::Statement,
            )
            .errors(&["snapshot-not-system-disk"]),
            rule(
                "SnapshotId.created-after-cutoff",
                "The specified snapshot cannot be created on or before July 15, 2013.",
                Limit::Statement,
            )
            .errors(&["snapshot-too-old"])
            .ambiguities(&["snapshot-too-old-date"]),
            rule(
                "SnapshotId.ready",
                "The current status of the snapshot does not support this operation.",
                Limit::Statement,
            )
            .errors(&["snapshot-not-ready"]),
            rule(
                "SnapshotId.category",
                "The operation is not supported by the snapshot type.",
                Limit::Values {
                    values: &SNAPSHOT_CATEGORIES_DENIED,
                    disputed: &[],
                },
            )
            .errors(&["snapshot-category-denied"])
            .ambiguities(&["snapshot-category-message"]),
            rule(
                "SnapshotId.allowed",
                "The specified snapshot is not allowed to create image.",
                Limit::Statement,
            )
            .errors(&["snapshot-not-allowed"]),
            rule(
                "SnapshotId.not-encrypted",
                "Not support creating system image from an encrypted snapshot/disk.",
                Limit::Statement,
            )
            .errors(&["encrypted-source-denied"])
            .ambiguities(&["encrypted-and-kms"]),
        ],
    ),
    parameter(
        "InstanceId",
        Type::String,
        false,
        &[
            rule(
                "InstanceId.exists",
                "The specified InstanceId does not exist.",
                Limit::Statement,
            )
            .errors(&["instance-not-found"]),
            rule(
                "InstanceId.status",
                "The instance must be in the Running or Stopped state.",
                Limit::Values {
                    values: &INSTANCE_STATES_ALLOWED,
                    disputed: &[],
                },
            )
            .errors(&["instance-status-incorrect"]),
            rule(
                "InstanceId.locked",
                "An instance locked for security reasons (OperationLocks: security) prohibits all operations.",
                Limit::Statement,
            )
            .errors(&["instance-locked-for-security"]),
            rule(
                "InstanceId.disk-category",
                "The specified diskCategory is not allowed to create image.",
                Limit::Values {
                    values: &DISK_CATEGORIES_DENIED,
                    disputed: &[],
                },
            )
            .errors(&["disk-category-not-allowed"]),
            rule(
                "InstanceId.disk-status",
                "The disks must be in a state that allows a snapshot (invalid, transferring, creating a snapshot, other).",
                Limit::Statement,
            )
            .errors(&[
                "disk-status-invalid",
                "disk-transferring",
                "disk-status-incorrect",
                "disk-creating-snapshot",
            ])
            .ambiguities(&["disk-status"]),
            rule(
                "InstanceId.not-encrypted",
                "Not support creating system image from an encrypted snapshot/disk; ECS must be able to access the KMS key.",
                Limit::Statement,
            )
            .errors(&["encrypted-source-denied", "kms-unauthorized"])
            .ambiguities(&["encrypted-and-kms"]),
            rule(
                "InstanceId.snapshot-quota",
                "A new snapshot is created for each disk: the snapshot quota must allow it.",
                Limit::Statement,
            )
            .errors(&["snapshot-quota-exceeded"]),
            rule(
                "InstanceId.snapshot-creation",
                "The process of creating snapshot has failed due to some unknown error.",
                Limit::Statement,
            )
            .errors(&["snapshot-creation-failed"])
            .ambiguities(&["internal-errors"]),
            rule(
                "InstanceId.snapshot-per-disk",
                "After the CreateImage operation is called, a new snapshot is created for each disk of the instance.",
                Limit::Statement,
            )
            .unobservable("only DescribeSnapshots shows the snapshots created for the image"),
        ],
    ),
    parameter(
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
    ),
    parameter(
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
            .errors(&["description-malformed"]),
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
    ),
    parameter(
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
            .errors(&["platform-malformed"]),
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
    ),
    parameter(
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
            .ambiguities(&["architecture-arm64"]),
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
    ),
    parameter(
        "ClientToken",
        Type::String,
        false,
        &[
            rule(
                "ClientToken.idempotence",
                "The client token ensures the idempotence of the request: a retry returns the same image.",
                Limit::Statement,
            ),
            rule(
                "ClientToken.different-parameters",
                "Request uses a client token in a previous request but is not identical to that request.",
                Limit::Statement,
            )
            .errors(&["idempotence-param-not-match", "client-token-conflict"])
            .ambiguities(&["client-token-mismatch"]),
            rule(
                "ClientToken.in-progress",
                "The specified same token is trying to make requests with different parameters.",
                Limit::Statement,
            )
            .errors(&["client-token-conflict"])
            .ambiguities(&["client-token-mismatch"]),
            rule(
                "ClientToken.length",
                "Cannot exceed 64 characters in length.",
                Limit::Length {
                    min: 0,
                    max: CLIENT_TOKEN_MAX_LEN,
                },
            )
            .basis(Basis::ErrorChosen)
            .ambiguities(&["client-token-format"]),
            rule(
                "ClientToken.ascii",
                "Can only contain ASCII characters.",
                Limit::Ascii,
            )
            .basis(Basis::ErrorChosen)
            .ambiguities(&["client-token-format"]),
        ],
    ),
    parameter(
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
    ),
    parameter(
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
    ),
    parameter(
        "ResourceGroupId",
        Type::String,
        false,
        &[
            rule(
                "ResourceGroupId.exists",
                "The ResourceGroup provided does not exist in our records.",
                Limit::Statement,
            )
            .errors(&["resource-group-not-found"]),
            rule(
                "ResourceGroupId.assigned",
                "The resource group to which to assign the custom image.",
                Limit::Statement,
            )
            .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
        ],
    ),
    parameter(
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
            .ambiguities(&["image-family-error"]),
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
    ),
    parameter(
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
            .ambiguities(&["image-version-rule"]),
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
    ),
    section(
        "Account",
        &[
            rule(
                "Account.balance",
                "Your account does not have enough balance.",
                Limit::Statement,
            )
            .errors(&["account-not-enough-balance"]),
            rule(
                "Account.snapshot-service",
                "Snapshot service has not been opened yet.",
                Limit::Statement,
            )
            .errors(&["account-snapshot-service-unavailable"]),
            rule(
                "Account.image-quota",
                "The maximum number of custom images has been reached.",
                Limit::Statement,
            )
            .errors(&["image-quota-exceeded"]),
            rule(
                "Account.data-disk-whitelist",
                "The user is not in the white list of create image by data disk snapshot.",
                Limit::Statement,
            )
            .errors(&["user-not-in-white-list"]),
            rule(
                "Account.internal-error",
                "The request processing has failed due to some unknown error, exception or failure.",
                Limit::Statement,
            )
            .errors(&["internal-error"])
            .ambiguities(&["internal-errors"]),
        ],
    ),
    section(
        "Response",
        &[
            rule(
                "Response.image-id",
                "ImageId (String): the ID of the image, e.g. m-bp146shijn7hujku****.",
                Limit::Statement,
            ),
            rule(
                "Response.request-id",
                "RequestId (String): the ID of the request, e.g. 473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E.",
                Limit::Statement,
            ),
            rule(
                "Response.fields",
                "The response parameters are ImageId and RequestId.",
                Limit::Statement,
            ),
            rule(
                "Response.image-available",
                "The created custom image can be used only when it is in the Available state.",
                Limit::Statement,
            )
            .unobservable("only DescribeImages shows the image's state"),
        ],
    ),
    section(
        "Gateway",
        &[
            rule(
                "Gateway.signature",
                "wire-protocol.md §2, §3, §5: a request whose signature does not match is refused (SignatureDoesNotMatch); a correctly signed one is verified alike in every request style, whatever the characters of its values.",
                Limit::Encoding,
            ),
            rule(
                "Gateway.incomplete-signature",
                "wire-protocol.md §5: a request without a complete signature is refused (IncompleteSignature).",
                Limit::Statement,
            ),
            rule(
                "Gateway.access-key",
                "wire-protocol.md §5: an unknown access key is refused (InvalidAccessKeyId.NotFound).",
                Limit::Statement,
            ),
            rule(
                "Gateway.timestamp-window",
                "wire-protocol.md §5: timestamps are checked against a 15-minute window (InvalidTimeStamp.Expired).",
                Limit::Statement,
            ),
            rule(
                "Gateway.nonce",
                "wire-protocol.md §5: a signature nonce is used once within the window (SignatureNonceUsed).",
                Limit::Statement,
            ),
            rule(
                "Gateway.common-parameters",
                "wire-protocol.md §5: a missing common parameter is MissingParameter naming it.",
                Limit::Statement,
            ),
        ],
    ),
    section(
        "Format",
        &[
            rule(
                "Format.json",
                "wire-protocol.md §4: Format=JSON answers with the JSON envelope.",
                Limit::Statement,
            ),
            rule(
                "Format.xml",
                "wire-protocol.md §4: Format=XML answers with the XML envelope, root CreateImageResponse or Error.",
                Limit::Statement,
            ),
            rule(
                "Format.default",
                "wire-protocol.md §2: Format is JSON or XML; when omitted the ECS docs say XML.",
                Limit::Statement,
            )
            .ambiguities(&["format-parameter"]),
        ],
    ),
    section(
        "Sample",
        &[rule(
            "Sample.request",
            "The sample request of the Examples section succeeds.",
            Limit::Statement,
        )],
    ),
];

/// Every rule with the parameter (or section) it belongs to, in document order.
pub fn rules() -> impl Iterator<Item = (&'static Param, &'static Rule)> {
    PARAMS
        .iter()
        .flat_map(|param| param.rules.iter().map(move |rule| (param, rule)))
}

/// Every rule id, in document order.
pub fn rule_ids() -> impl Iterator<Item = &'static str> {
    rules().map(|(_, rule)| rule.id)
}

/// The rule with this id.
pub fn find(id: &str) -> Option<&'static Rule> {
    rules().map(|(_, rule)| rule).find(|rule| rule.id == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::ambiguities::AMBIGUITIES;
    use crate::contract::errors::ERROR_ROWS;
    use std::collections::BTreeSet;

    #[test]
    fn rule_ids_are_unique() {
        let ids: BTreeSet<&str> = rule_ids().collect();
        assert_eq!(ids.len(), rule_ids().count());
    }

    #[test]
    fn a_rule_id_starts_with_its_parameter_family_and_is_kebab_case_after_it() {
        for (param, rule) in rules() {
            let family = param.name.split('.').next().unwrap();
            let (head, tail) = rule.id.split_once('.').unwrap();
            assert_eq!(head, family, "{}", rule.id);
            assert!(
                tail.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b"-.".contains(&b)),
                "{}",
                rule.id
            );
        }
    }

    #[test]
    fn every_error_row_a_rule_names_exists() {
        for (_, rule) in rules() {
            for row in rule.errors {
                assert!(
                    ERROR_ROWS.iter().any(|r| r.id == *row),
                    "{}: {row}",
                    rule.id
                );
            }
        }
    }

    #[test]
    fn every_error_row_belongs_to_some_rule() {
        for row in &ERROR_ROWS {
            assert!(
                rules().any(|(_, rule)| rule.errors.contains(&row.id)),
                "{}",
                row.id
            );
        }
    }

    #[test]
    fn every_ambiguity_a_rule_names_exists() {
        for (_, rule) in rules() {
            for id in rule.ambiguities {
                assert!(AMBIGUITIES.iter().any(|a| a.id == *id), "{}: {id}", rule.id);
            }
        }
    }

    #[test]
    fn a_documented_rule_with_a_limit_names_the_rows_a_violation_gets() {
        for (_, rule) in rules() {
            let checks_a_value = !matches!(
                rule.limit,
                Limit::Statement | Limit::Default(_) | Limit::Encoding
            );
            if checks_a_value && rule.basis == Basis::Documented && rule.unobservable.is_none() {
                assert!(!rule.errors.is_empty(), "{}", rule.id);
            }
        }
    }

    #[test]
    fn disputed_values_and_characters_are_among_the_accepted_ones() {
        for (_, rule) in rules() {
            match rule.limit {
                Limit::Values { values, disputed } => {
                    assert!(disputed.iter().all(|d| values.contains(d)), "{}", rule.id)
                }
                Limit::Characters {
                    punctuation,
                    disputed,
                } => assert!(
                    disputed.iter().all(|d| punctuation.contains(d)),
                    "{}",
                    rule.id
                ),
                _ => {}
            }
        }
    }
}
