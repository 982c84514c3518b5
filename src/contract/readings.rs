//! The documented readings of each ambiguity, as data: a choice name, a
//! one-line summary, and the edit of [`Rules`] that makes the emulator take
//! it. The first reading of every list is the reference emulator's default
//! and leaves the rules as they are.
//!
//! A reading is listed only where a statement of `CreateImage.md` (or
//! `wire-protocol.md`) supports it; an ambiguity the document leaves to the
//! emulator alone has the single reading [`SOLE`].
//!
//! Cases name the branches of a `one_of` after these choices: a branch that
//! the default reading answers carries the default's name, a branch only
//! another reading answers carries that reading's name.

use std::time::Duration;

use super::choices::IMAGE_FAMILY_OWN_CODE;
use super::errors;
use super::rule_set::Scope;
use super::rule_set::{
    DeclaredDataOnSystemSnapshot, DeviceFamily, EmptyDiskCategory, Foreign, NotGiven, Rules,
    SignaturePartMissing, SystemWithoutSnapshot, TagIndexAboveMax,
};

/// One documented reading.
#[derive(Clone, Copy, Debug)]
pub struct Reading {
    /// Kebab-case, unique within its ambiguity.
    pub choice: &'static str,
    pub summary: &'static str,
    /// Turns the reference rules into this reading's.
    pub edit: fn(&mut Rules),
}

fn keep(_: &mut Rules) {}

/// The reference rules under the reading `choice` of `readings` (the
/// reference rules when there is no such choice).
pub fn rules_under(readings: &[Reading], choice: &str) -> Rules {
    let mut rules = Rules::reference();
    if let Some(reading) = readings.iter().find(|r| r.choice == choice) {
        (reading.edit)(&mut rules);
    }
    rules
}

const fn default(choice: &'static str, summary: &'static str) -> Reading {
    Reading {
        choice,
        summary,
        edit: keep,
    }
}

/// The only reading of an ambiguity where the document supports no other.
pub const SOLE: &[Reading] = &[default(
    "reference",
    "the reference emulator's choice; the document supports no other reading",
)];

/// How long a request with a `ClientToken` stays in progress under the
/// reading `client-token-mismatch=in-flight-conflict`.
pub const IN_FLIGHT_FOR: Duration = Duration::from_millis(100);

pub const IMAGE_NAME_CHARACTERS: &[Reading] = &[
    default(
        "union",
        "letters, digits, `:`, `.`, `_` and `-`: what either table allows",
    ),
    Reading {
        choice: "parameter-table",
        summary: "the parameter table: letters, digits, `:`, `_` and `-`; a period is refused",
        edit: |r| r.image_name_punctuation = &[':', '_', '-'],
    },
    Reading {
        choice: "error-table",
        summary: "the error table: letters, digits, `.`, `_` and `-`; a colon is refused",
        edit: |r| r.image_name_punctuation = &['.', '_', '-'],
    },
];

pub const DEVICE_NAMES: &[Reading] = &[
    default(
        "either-family",
        "basic disks on /dev/xvd*, other categories on /dev/vd* or /dev/xvd*, in any order",
    ),
    Reading {
        choice: "parameter-table",
        summary: "the parameter table: basic disks on /dev/xvd*, other categories on /dev/vd* only",
        edit: |r| r.devices.other = &[DeviceFamily::Vd],
    },
    Reading {
        choice: "method-text",
        summary: "the method text: the system disk on /dev/xvda, data disks ascending from /dev/xvdb",
        edit: |r| {
            r.devices.basic = &[DeviceFamily::Xvd];
            r.devices.other = &[DeviceFamily::Xvd];
            r.devices.system_letter = Some(b'a');
            r.devices.first_data_letter = b'b';
            r.devices.data_ascending = true;
        },
    },
];

pub const EMPTY_DISK_CATEGORY: &[Reading] = &[
    default(
        "other-category",
        "an empty disk without a device is of another category than basic (20 to 32768 GiB, default 20)",
    ),
    Reading {
        choice: "basic-disk",
        summary: "an empty disk without a device is a basic disk (5 to 2000 GiB, default 5)",
        edit: |r| r.empty_disk_without_device = EmptyDiskCategory::Basic,
    },
];

pub const CLIENT_TOKEN_MISMATCH: &[Reading] = &[
    default(
        "by-progress",
        "other parameters after the token's request completed: 400 IdempotenceParamNotMatch; while it is in progress: 403 InvalidParamter.Conflict",
    ),
    Reading {
        choice: "in-flight-conflict",
        summary: "as by-progress, and a request is in progress while it is processed: identical concurrent requests after the first get 403 InvalidParamter.Conflict",
        edit: |r| r.client_token.in_flight_for = Some(IN_FLIGHT_FOR),
    },
    Reading {
        choice: "always-conflict",
        summary: "a reused token with other parameters, or in progress: 403 InvalidParamter.Conflict",
        edit: |r| r.client_token.mismatch = errors::CLIENT_TOKEN_CONFLICT,
    },
    Reading {
        choice: "always-idempotence-param-not-match",
        summary: "a reused token with other parameters, or in progress: 400 IdempotenceParamNotMatch",
        edit: |r| r.client_token.in_progress = errors::IDEMPOTENCE_PARAM_NOT_MATCH,
    },
];

pub const ALL_EMPTY_VS_MISSING_PARAMETER: &[Reading] = &[
    default(
        "all-empty",
        "source parameters present but all empty: InvalidParameter.AllEmpty",
    ),
    Reading {
        choice: "missing-parameter",
        summary: "source parameters present but all empty are not specified: MissingParameter",
        edit: |r| r.empty_source = errors::SOURCE_MISSING,
    },
    Reading {
        choice: "empty-data-disk",
        summary: "an empty DiskDeviceMapping.N.SnapshotId is an entry without a snapshot, an empty data disk (Method 3): a mapping of such entries has no system disk, 400 OperationDenied",
        edit: |r| r.empty_mapping_snapshot_is_empty_disk = true,
    },
];

pub const DATA_DISK_WHITELIST_SCOPE: &[Reading] = &[
    default(
        "system-disk-only",
        "only a system disk made from a data-disk snapshot needs the account whitelisted: 403 UserNotInTheWhiteList",
    ),
    Reading {
        choice: "any-data-snapshot",
        summary: "any data-disk snapshot in a DiskDeviceMapping needs the account whitelisted: 403 UserNotInTheWhiteList",
        edit: |r| r.whitelist_for_any_data_snapshot = true,
    },
];

pub const DECLARED_DISK_TYPE: &[Reading] = &[
    default(
        "declared",
        "DiskType=data on a system-disk snapshot: the declared type wins, the entry is a data disk",
    ),
    Reading {
        choice: "snapshot-type",
        summary: "DiskType=data on a system-disk snapshot: the snapshot's own type wins, the entry is the system disk",
        edit: |r| r.declared_data_on_system_snapshot = DeclaredDataOnSystemSnapshot::SnapshotType,
    },
    Reading {
        choice: "refused",
        summary: "DiskType=data on a system-disk snapshot: 400 InvalidDiskType.ValueNotSupported",
        edit: |r| r.declared_data_on_system_snapshot = DeclaredDataOnSystemSnapshot::Refused,
    },
];

pub const EMPTY_VALUES: &[Reading] = &[
    default(
        "empty-is-absent",
        "an empty optional parameter is not given (\"empty by default\")",
    ),
    Reading {
        choice: "empty-is-too-short",
        summary: "an empty ImageName, Description or ImageFamily is a value, too short for its length rule",
        edit: |r| r.empty_values_checked = &["ImageName", "Description", "ImageFamily"],
    },
    Reading {
        choice: "empty-is-a-value",
        summary: "every empty optional parameter is a value its rules check (empty values kept, wire-protocol.md §1): ImageName, Description, ImageFamily and ImageVersion too short, Platform and Architecture not a valid value, ResourceGroupId no group that exists",
        edit: |r| r.empty_values_checked = EMPTY_VALUES_CHECKED,
    },
];

/// The parameters whose empty value is a value under the reading
/// `empty-values=empty-is-a-value`: every optional parameter with a rule
/// that refuses an empty value. Left out: `ClientToken` (its rules admit
/// an empty token, which stays no token), the tags (empty keys and values
/// are values under every reading) and the sources (`InstanceId`,
/// `SnapshotId`, `DiskDeviceMapping.N.*`: ambiguity
/// `all-empty-vs-missing-parameter`).
pub const EMPTY_VALUES_CHECKED: &[&str] = &[
    "ImageName",
    "Description",
    "ImageFamily",
    "ImageVersion",
    "Platform",
    "Architecture",
    "ResourceGroupId",
];

pub const SYSTEM_SNAPSHOT_MISSING: &[Reading] = &[
    default(
        "system-snapshot-missing",
        "DiskType=system without a SnapshotId: 403 InvalidSystemSnapshot.Missing",
    ),
    Reading {
        choice: "no-system-disk",
        summary: "an entry without a SnapshotId is an empty data disk, whatever its DiskType",
        edit: |r| r.system_disk_without_snapshot = SystemWithoutSnapshot::EmptyDataDisk,
    },
    Reading {
        choice: "disk-type-not-supported",
        summary: "an entry without a SnapshotId is an empty data disk, so DiskType=system is a type it does not support: 400 InvalidDiskType.ValueNotSupported",
        edit: |r| {
            r.system_disk_without_snapshot =
                SystemWithoutSnapshot::Refused(errors::DISK_TYPE_NOT_SUPPORTED)
        },
    },
];

pub const TAGS_QUOTA: &[Reading] = &[
    default(
        "quota-exceeded",
        "Tag.N with N above 20 is one tag too many: 403 QuotaExceed.Tags",
    ),
    Reading {
        choice: "index-out-of-range",
        summary: "Tag.N with N above 20 is an invalid index: 400 InvalidParameter.IndexOutOfRange",
        edit: |r| r.tag_index_above_max = TagIndexAboveMax::OutOfRange,
    },
];

pub const IMAGE_FAMILY_ERROR: &[Reading] = &[
    default(
        "image-name-row",
        "a malformed ImageFamily: 400 InvalidImageName.Malformed",
    ),
    Reading {
        choice: "own-code",
        summary: "a malformed ImageFamily: a 400 code of its own (InvalidImageFamily.Malformed)",
        edit: |r| r.image_family_malformed = IMAGE_FAMILY_OWN_CODE,
    },
];

pub const ARCHITECTURE_ARM64: &[Reading] = &[
    default("arm64-accepted", "Architecture i386, x86_64 or arm64"),
    Reading {
        choice: "documented-values-only",
        summary: "Architecture i386 or x86_64 only, as the parameter table lists",
        edit: |r| r.architectures = &["i386", "x86_64"],
    },
];

pub const LETTERS: &[Reading] = &[
    default(
        "ascii",
        "letters and digits are ASCII: `é`, `中` are refused",
    ),
    Reading {
        choice: "unicode",
        summary: "letters are every Unicode letter (`é`, `中`), digits every Unicode digit",
        edit: |r| r.unicode_letters = true,
    },
];

pub const PREFIX_CASE: &[Reading] = &[
    default(
        "as-written",
        "forbidden prefixes and texts match as written: `HTTP://x`, `ACS:x` pass",
    ),
    Reading {
        choice: "any-case",
        summary: "forbidden prefixes and texts match in any case: `HTTP://x`, `ACS:x`, `Aliyun` are refused",
        edit: |r| r.prefixes_any_case = true,
    },
];

pub const DATA_SNAPSHOT_AS_SYSTEM_DISK: &[Reading] = &[
    default(
        "required",
        "a system disk from a data-disk snapshot needs Platform and Architecture given",
    ),
    Reading {
        choice: "default-applies",
        summary: "a system disk from a data-disk snapshot takes the defaults of Platform and Architecture",
        edit: |r| r.data_system_disk_needs_platform_and_architecture = false,
    },
    Reading {
        choice: "missing-parameter",
        summary: "a system disk from a data-disk snapshot needs Platform and Architecture given; one not given is 400 MissingParameter naming it",
        edit: |r| r.data_system_disk_parameter_not_given = NotGiven::MissingParameter,
    },
];

pub const ENCRYPTED_AND_KMS: &[Reading] = &[
    default(
        "data-disk-allowed",
        "only an encrypted system disk or snapshot is refused",
    ),
    Reading {
        choice: "any-encrypted-disk-denied",
        summary: "any encrypted disk or snapshot is refused, data disks included",
        edit: |r| r.encrypted_data_disks_denied = true,
    },
];

pub const SNAPSHOT_TOO_OLD_DATE: &[Reading] = &[
    default(
        "on-or-before",
        "a snapshot created on or before 2013-07-15 is too old (the method text)",
    ),
    Reading {
        choice: "strictly-before",
        summary: "a snapshot created before 2013-07-15 is too old; one of that day is not (the error row)",
        edit: |r| r.first_usable_snapshot_day = super::rules::SNAPSHOT_CUTOFF,
    },
];

pub const SOURCE_PRIORITY: &[Reading] = &[
    default(
        "lower-ignored",
        "only the highest-priority source given is looked at; lower-priority source parameters are ignored",
    ),
    Reading {
        choice: "lower-validated",
        summary: "the image is made from the highest-priority source, but a snapshot a lower-priority source names must exist (InvalidSnapshotId.NotFound)",
        edit: |r| r.lower_source_snapshots_checked = true,
    },
];

pub const CLIENT_TOKEN_FORMAT: &[Reading] = &[
    default(
        "enforced",
        "a ClientToken not printable ASCII or longer than 64: 400 InvalidClientToken.Malformed",
    ),
    Reading {
        choice: "not-enforced",
        summary: "the format is the client's duty: any ClientToken is accepted",
        edit: |r| r.client_token.format_checked = false,
    },
];

pub const MISSING_SIGNATURE_PART: &[Reading] = &[
    default(
        "incomplete-signature",
        "a request without Signature, SignatureNonce (or another part of its signature; V3: the Authorization header, x-acs-signature-nonce): 400 IncompleteSignature",
    ),
    Reading {
        choice: "missing-parameter",
        summary: "a part of the signature not given is a common parameter not supplied: 400 MissingParameter naming it (V3: the V1 parameter its header carries; no Authorization header: the request is read as V1 and AccessKeyId is missing)",
        edit: |r| r.signature_part_missing = SignaturePartMissing::MissingParameter,
    },
];

pub const V3_SIGNED_HEADERS: &[Reading] = &[
    default(
        "as-listed",
        "a V3 signature is verified over the headers its SignedHeaders names, whichever they are",
    ),
    Reading {
        choice: "sent-headers-signed",
        summary: "a V3 request that sends host or an x-acs-* header of §3 without naming it in SignedHeaders: 400 IncompleteSignature",
        edit: |r| r.v3_sent_headers_signed = true,
    },
];

pub const ACCESS_KEY_CASE: &[Reading] = &[
    default(
        "exact",
        "an AccessKeyId is found as sent, byte for byte: one that differs from a known id only in case is 404 InvalidAccessKeyId.NotFound",
    ),
    Reading {
        choice: "any-case",
        summary: "an AccessKeyId is found without regard to case: one that differs from a known id only in case is that key, and a request signed with its secret is admitted",
        edit: |r| r.spellings.access_key_any_case = true,
    },
];

pub const CHARACTER_UNIT: &[Reading] = &[
    default(
        "code-point",
        "a character of a length is a Unicode code point: CR LF in free text is two characters",
    ),
    Reading {
        choice: "grapheme",
        summary: "a character of a length is a user-perceived character (a Unicode extended grapheme cluster): CR LF in free text is one character",
        edit: |r| r.free_text.crlf_as_one = true,
    },
];

pub const SNAPSHOT_NOT_FOUND_ROW: &[Reading] = &[
    default(
        "not-found",
        "a SnapshotId or DiskDeviceMapping.N.SnapshotId that does not exist: 404 InvalidSnapshotId.NotFound",
    ),
    Reading {
        choice: "system-snapshot-missing",
        summary: "a SnapshotId or DiskDeviceMapping.N.SnapshotId that does not exist: 403 InvalidSystemSnapshot.Missing (\"Check whether the snapshot exists\")",
        edit: |r| r.snapshot_not_found = errors::SYSTEM_SNAPSHOT_MISSING,
    },
];

pub const CLIENT_TOKEN_SCOPE: &[Reading] = &[
    default(
        "per-account",
        "a ClientToken is its account's own: another account's request with the same token and parameters creates its own image",
    ),
    Reading {
        choice: "global-token",
        summary: "a ClientToken is unique among every account's requests: another account's request with it is not identical to the first and gets the mismatch row",
        edit: |r| r.account_scope.client_tokens = Scope::Global,
    },
];

pub const IMAGE_NAME_SCOPE: &[Reading] = &[
    default(
        "per-account",
        "an ImageName is unique within its account: another account may use it",
    ),
    Reading {
        choice: "global-name",
        summary: "an ImageName is unique among every account's images: a name another account uses is 400 InvalidImageName.Duplicated",
        edit: |r| r.account_scope.image_names = Scope::Global,
    },
];

pub const FOREIGN_RESOURCE: &[Reading] = &[
    default(
        "not-found",
        "a snapshot or instance of another account does not exist for this one: the not-found row of snapshots, InvalidInstanceId.NotFound",
    ),
    Reading {
        choice: "not-allowed",
        summary: "a snapshot of another account may not be used to create an image: 403 OperationDenied, \"The specified snapshot is not allowed to create image.\"; an instance of another account does not exist",
        edit: |r| r.account_scope.foreign = Foreign::NotAllowed,
    },
    Reading {
        choice: "forbidden-ram",
        summary: "the account is not authorized to operate on another account's snapshot or instance: 403 Forbidden.RAM, \"User not authorized to operate on the specified resource, or this API doesn't support RAM.\"",
        edit: |r| r.account_scope.foreign = Foreign::ForbiddenRam,
    },
    Reading {
        choice: "image-version-row",
        summary: "a snapshot of another account is one \"you are not authorized to use\": 400 InvalidImageVersion.Malformed, the row whose description says so; an instance of another account does not exist",
        edit: |r| r.account_scope.foreign = Foreign::ImageVersionRow,
    },
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_default_reading_leaves_the_rules_as_they_are() {
        let mut rules = Rules::reference();
        (SOLE[0].edit)(&mut rules);
        (IMAGE_NAME_CHARACTERS[0].edit)(&mut rules);
        assert_eq!(rules, Rules::reference());
    }

    #[test]
    fn every_other_reading_changes_the_rules() {
        for readings in [
            IMAGE_NAME_CHARACTERS,
            DEVICE_NAMES,
            EMPTY_DISK_CATEGORY,
            CLIENT_TOKEN_MISMATCH,
            ALL_EMPTY_VS_MISSING_PARAMETER,
            EMPTY_VALUES,
            SYSTEM_SNAPSHOT_MISSING,
            TAGS_QUOTA,
            IMAGE_FAMILY_ERROR,
            ARCHITECTURE_ARM64,
            LETTERS,
            PREFIX_CASE,
            DATA_SNAPSHOT_AS_SYSTEM_DISK,
            ENCRYPTED_AND_KMS,
            SNAPSHOT_TOO_OLD_DATE,
            SOURCE_PRIORITY,
            CLIENT_TOKEN_FORMAT,
            MISSING_SIGNATURE_PART,
            V3_SIGNED_HEADERS,
            ACCESS_KEY_CASE,
            CHARACTER_UNIT,
            SNAPSHOT_NOT_FOUND_ROW,
            CLIENT_TOKEN_SCOPE,
            IMAGE_NAME_SCOPE,
            FOREIGN_RESOURCE,
            DATA_DISK_WHITELIST_SCOPE,
            DECLARED_DISK_TYPE,
        ] {
            for reading in &readings[1..] {
                let mut rules = Rules::reference();
                (reading.edit)(&mut rules);
                assert_ne!(rules, Rules::reference(), "{}", reading.choice);
            }
        }
    }
}
