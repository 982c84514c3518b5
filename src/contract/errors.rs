//! The 45 rows of the error table of `CreateImage.md`, in document order,
//! with the text exactly as documented (typos such as `bean used` and
//! `InvalidParamter` included).
//!
//! Each row has a stable [`ErrorRow::id`]. Four rows document a placeholder
//! instead of a message (`%s`, `? s`); the concrete message the emulator sends
//! for them is chosen in [`super::ambiguities`] ([`ErrorRow::emitted_message`]).

use super::documents::{Doc, Quote};

/// One documented error: HTTP status, error code and message.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ErrorRow {
    /// Stable, kebab-case, unique (e.g. `snapshot-not-found`).
    pub id: &'static str,
    pub status: u16,
    pub code: &'static str,
    /// The message column, verbatim.
    pub message: &'static str,
}

/// Message sent for `InvalidParameter.AllEmpty` (documented as `%s`).
pub const ALL_EMPTY_MESSAGE: &str =
    "The input parameters InstanceId, DiskDeviceMapping and SnapshotId are all empty.";
/// Message sent for `OperationDenied.InvalidSnapshotCategory` (documented as `%s`).
pub const SNAPSHOT_CATEGORY_MESSAGE: &str =
    "The category of the specified snapshot does not support creating image.";
/// Message sent for `InvalidSystemSnapshot.Missing` (documented as `? s`).
pub const SYSTEM_SNAPSHOT_MISSING_MESSAGE: &str =
    "The specified DiskDeviceMapping.n.DiskType is system but no system disk snapshot is given.";
/// Message sent for `QuotaExceed.Tags` (documented as `%s`).
pub const TAGS_QUOTA_MESSAGE: &str = "The number of tags exceeds the upper limit of 20.";

/// The concrete message for a row whose documented message is a placeholder.
pub fn placeholder_message(row_id: &str) -> Option<&'static str> {
    match row_id {
        "all-empty" => Some(ALL_EMPTY_MESSAGE),
        "snapshot-category-denied" => Some(SNAPSHOT_CATEGORY_MESSAGE),
        "system-snapshot-missing" => Some(SYSTEM_SNAPSHOT_MISSING_MESSAGE),
        "tags-quota-exceeded" => Some(TAGS_QUOTA_MESSAGE),
        _ => None,
    }
}

impl ErrorRow {
    /// `true` when the documented message is a placeholder (`%s`, `? s`).
    pub fn message_is_placeholder(&self) -> bool {
        self.message == "%s" || self.message == "? s"
    }

    /// The message the reference emulator sends for this row: the documented
    /// one, or for a placeholder row the message chosen in
    /// [`placeholder_message`].
    pub fn emitted_message(&self) -> &'static str {
        if self.message_is_placeholder() {
            placeholder_message(self.id).unwrap_or(self.message)
        } else {
            self.message
        }
    }

    /// The row with this id.
    pub fn by_id(id: &str) -> Option<&'static ErrorRow> {
        ERROR_ROWS.iter().find(|row| row.id == id)
    }

    /// The row of the error table, as a quote: what fixes the status, the
    /// code and the message of an answer that gives this row.
    pub fn quote(&self) -> Quote {
        Quote {
            doc: Doc::CreateImage,
            place: "Error codes".into(),
            text: format!("|{}|{}|{}|", self.status, self.code, self.message).into(),
        }
    }
}

pub const SNAPSHOT_NOT_FOUND: ErrorRow = ErrorRow {
    id: "snapshot-not-found",
    status: 404,
    code: "InvalidSnapshotId.NotFound",
    message: "The specified SnapshotId does not exist.",
};
pub const IMAGE_NAME_MALFORMED: ErrorRow = ErrorRow {
    id: "image-name-malformed",
    status: 400,
    code: "InvalidImageName.Malformed",
    message: "The specified Image name is wrongly formed.",
};
pub const IMAGE_NAME_DUPLICATED: ErrorRow = ErrorRow {
    id: "image-name-duplicated",
    status: 400,
    code: "InvalidImageName.Duplicated",
    message: "The specified Image name has already bean used.",
};
pub const DESCRIPTION_MALFORMED: ErrorRow = ErrorRow {
    id: "description-malformed",
    status: 400,
    code: "InvalidDescription.Malformed",
    message: "The specified description is wrongly formed.",
};
pub const IMAGE_VERSION_MALFORMED: ErrorRow = ErrorRow {
    id: "image-version-malformed",
    status: 400,
    code: "InvalidImageVersion.Malformed",
    message: "The specified ImageVersion is wrongly formed.",
};
pub const SNAPSHOT_NOT_READY: ErrorRow = ErrorRow {
    id: "snapshot-not-ready",
    status: 403,
    code: "InvalidSnapshotId.NotReady",
    message: "The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation.",
};
pub const SNAPSHOT_TOO_OLD: ErrorRow = ErrorRow {
    id: "snapshot-too-old",
    status: 403,
    code: "InvalidSnapshot.TooOld",
    message: "This operation is denied because the specified snapshot by DiskDeviceMapping.n.SnapshotId or SnapshotId is created before 2013-07-15.",
};
pub const SNAPSHOT_NOT_ALLOWED: ErrorRow = ErrorRow {
    id: "snapshot-not-allowed",
    status: 403,
    code: "OperationDenied",
    message: "The specified snapshot is not allowed to create image.",
};
pub const IMAGE_QUOTA_EXCEEDED: ErrorRow = ErrorRow {
    id: "image-quota-exceeded",
    status: 403,
    code: "QuotaExceed.Image",
    message: "The Image Quota exceeds.",
};
pub const SNAPSHOT_NOT_SYSTEM_DISK: ErrorRow = ErrorRow {
    id: "snapshot-not-system-disk",
    status: 403,
    code: "OperationDenied",
    message: "The specified snapshot is not from system disk.",
};
pub const CLIENT_TOKEN_CONFLICT: ErrorRow = ErrorRow {
    id: "client-token-conflict",
    status: 403,
    code: "InvalidParamter.Conflict",
    message: "The specified same token is trying to make requests with different parameters.",
};
pub const INSTANCE_NOT_FOUND: ErrorRow = ErrorRow {
    id: "instance-not-found",
    status: 404,
    code: "InvalidInstanceId.NotFound",
    message: "The specified InstanceId does not exist.",
};
pub const INSTANCE_STATUS_INCORRECT: ErrorRow = ErrorRow {
    id: "instance-status-incorrect",
    status: 400,
    code: "IncorrectInstanceStatus",
    message: "The current status of the instance does not support this operation.",
};
pub const INSTANCE_LOCKED_FOR_SECURITY: ErrorRow = ErrorRow {
    id: "instance-locked-for-security",
    status: 400,
    code: "InstanceLockedForSecurity",
    message: "The specified operation is denied as your instance is locked for security reasons.",
};
pub const DEVICE_MALFORMED: ErrorRow = ErrorRow {
    id: "device-malformed",
    status: 400,
    code: "InvalidDevice.Malformed",
    message: "The specified parameter DiskDeviceMapping.n.Device is not valid.",
};
pub const SOURCE_MISSING: ErrorRow = ErrorRow {
    id: "source-missing",
    status: 400,
    code: "MissingParameter",
    message: "The input parameter SnapshotId or InstanceId or DiskDeviceMapping that is mandatory for processing this request is not supplied.",
};
pub const SIZE_NOT_SUPPORTED: ErrorRow = ErrorRow {
    id: "size-not-supported",
    status: 400,
    code: "InvalidSize.ValueNotSupported",
    message: "The specified parameter DiskDeviceMapping.n.Size beyond the permitted range.",
};
pub const DEVICE_IN_USE: ErrorRow = ErrorRow {
    id: "device-in-use",
    status: 400,
    code: "InvalidDevice.InUse",
    message: "The specified parameter DiskDeviceMapping.n.Device has been occupied.",
};
pub const MAPPING_NO_SYSTEM_DISK: ErrorRow = ErrorRow {
    id: "mapping-no-system-disk",
    status: 400,
    code: "OperationDenied",
    message: "The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot.",
};
pub const MAPPING_SEVERAL_SYSTEM_DISKS: ErrorRow = ErrorRow {
    id: "mapping-several-system-disks",
    status: 400,
    code: "OperationDenied",
    message: "The specified parameter DiskDeviceMapping.n.SnapshotId contains two or more system disk snapshots.",
};
pub const DISK_CATEGORY_NOT_ALLOWED: ErrorRow = ErrorRow {
    id: "disk-category-not-allowed",
    status: 400,
    code: "InvalidDiskCategory.CreateImage",
    message: "The specified diskCategory is not allowed to create image.",
};
pub const ACCOUNT_NOT_ENOUGH_BALANCE: ErrorRow = ErrorRow {
    id: "account-not-enough-balance",
    status: 403,
    code: "InvalidAccountStatus.NotEnoughBalance",
    message: "Your account does not have enough balance.",
};
pub const ACCOUNT_SNAPSHOT_SERVICE_UNAVAILABLE: ErrorRow = ErrorRow {
    id: "account-snapshot-service-unavailable",
    status: 403,
    code: "InvalidAccountStatus.SnapshotServiceUnavailable",
    message: "Snapshot service has not been opened yet.",
};
pub const USER_NOT_IN_WHITE_LIST: ErrorRow = ErrorRow {
    id: "user-not-in-white-list",
    status: 403,
    code: "UserNotInTheWhiteList",
    message: "The user is not in the white list of create image by data disk snapshot.",
};
pub const ARCHITECTURE_MALFORMED: ErrorRow = ErrorRow {
    id: "architecture-malformed",
    status: 400,
    code: "InvalidArchitecture.Malformed",
    message: "The specified Architecture is wrongly formed.",
};
pub const PLATFORM_MALFORMED: ErrorRow = ErrorRow {
    id: "platform-malformed",
    status: 400,
    code: "InvalidPlatform.Malformed",
    message: "The specified Platform is wrongly formed.",
};
pub const ENCRYPTED_SOURCE_DENIED: ErrorRow = ErrorRow {
    id: "encrypted-source-denied",
    status: 400,
    code: "OperationDenied",
    message: "Not support creating system image from an encrypted snapshot/disk.",
};
pub const ALL_EMPTY: ErrorRow = ErrorRow {
    id: "all-empty",
    status: 400,
    code: "InvalidParameter.AllEmpty",
    message: "%s",
};
pub const DISK_STATUS_INVALID: ErrorRow = ErrorRow {
    id: "disk-status-invalid",
    status: 403,
    code: "IncorrectDiskStatus.Invalid",
    message: "Device status is invalid, please restart instance and try again.",
};
pub const SNAPSHOT_CATEGORY_DENIED: ErrorRow = ErrorRow {
    id: "snapshot-category-denied",
    status: 403,
    code: "OperationDenied.InvalidSnapshotCategory",
    message: "%s",
};
pub const SNAPSHOT_QUOTA_EXCEEDED: ErrorRow = ErrorRow {
    id: "snapshot-quota-exceeded",
    status: 403,
    code: "QuotaExceed.Snapshot",
    message: "The snapshot quota exceeds.",
};
pub const DISK_TRANSFERRING: ErrorRow = ErrorRow {
    id: "disk-transferring",
    status: 403,
    code: "IncorrectDiskStatus.Transferring",
    message: "The specified device is transferring, you can retry after the process is finished.",
};
pub const DISK_STATUS_INCORRECT: ErrorRow = ErrorRow {
    id: "disk-status-incorrect",
    status: 403,
    code: "IncorrectDiskStatus",
    message: "The current disk status does not support this operation.",
};
pub const SYSTEM_SNAPSHOT_MISSING: ErrorRow = ErrorRow {
    id: "system-snapshot-missing",
    status: 403,
    code: "InvalidSystemSnapshot.Missing",
    message: "? s",
};
pub const DISK_CREATING_SNAPSHOT: ErrorRow = ErrorRow {
    id: "disk-creating-snapshot",
    status: 403,
    code: "IncorrectDiskStatus.CreatingSnapshot",
    message: "A previous snapshot creation is in process.",
};
pub const RESOURCE_GROUP_NOT_FOUND: ErrorRow = ErrorRow {
    id: "resource-group-not-found",
    status: 404,
    code: "InvalidResourceGroup.NotFound",
    message: "The ResourceGroup provided does not exist in our records.",
};
pub const SNAPSHOT_CREATION_FAILED: ErrorRow = ErrorRow {
    id: "snapshot-creation-failed",
    status: 500,
    code: "InternalError",
    message: "The process of creating snapshot has failed due to some unknown error.",
};
pub const KMS_UNAUTHORIZED: ErrorRow = ErrorRow {
    id: "kms-unauthorized",
    status: 403,
    code: "InvalidParameter.KMSKeyId.KMSUnauthorized",
    message: "ECS service have no right to access your KMS.",
};
pub const INTERNAL_ERROR: ErrorRow = ErrorRow {
    id: "internal-error",
    status: 500,
    code: "InternalError",
    message: "The request processing has failed due to some unknown error, exception or failure.",
};
pub const TAG_KEY_DUPLICATE: ErrorRow = ErrorRow {
    id: "tag-key-duplicate",
    status: 400,
    code: "Duplicate.TagKey",
    message: "The Tag.N.Key contain duplicate key.",
};
pub const TAG_KEY_MALFORMED: ErrorRow = ErrorRow {
    id: "tag-key-malformed",
    status: 400,
    code: "InvalidTagKey.Malformed",
    message: "The specified Tag.n.Key is not valid.",
};
pub const TAG_VALUE_MALFORMED: ErrorRow = ErrorRow {
    id: "tag-value-malformed",
    status: 400,
    code: "InvalidTagValue.Malformed",
    message: "The specified Tag.n.Value is not valid.",
};
pub const TAGS_QUOTA_EXCEEDED: ErrorRow = ErrorRow {
    id: "tags-quota-exceeded",
    status: 403,
    code: "QuotaExceed.Tags",
    message: "%s",
};
pub const DISK_TYPE_NOT_SUPPORTED: ErrorRow = ErrorRow {
    id: "disk-type-not-supported",
    status: 400,
    code: "InvalidDiskType.ValueNotSupported",
    message: "The specified disk type is not supported.",
};
pub const IDEMPOTENCE_PARAM_NOT_MATCH: ErrorRow = ErrorRow {
    id: "idempotence-param-not-match",
    status: 400,
    code: "IdempotenceParamNotMatch",
    message: "Request uses a client token in a previous request but is not identical to that request.",
};

/// Every row of the table, in document order.
pub static ERROR_ROWS: [ErrorRow; 45] = [
    SNAPSHOT_NOT_FOUND,
    IMAGE_NAME_MALFORMED,
    IMAGE_NAME_DUPLICATED,
    DESCRIPTION_MALFORMED,
    IMAGE_VERSION_MALFORMED,
    SNAPSHOT_NOT_READY,
    SNAPSHOT_TOO_OLD,
    SNAPSHOT_NOT_ALLOWED,
    IMAGE_QUOTA_EXCEEDED,
    SNAPSHOT_NOT_SYSTEM_DISK,
    CLIENT_TOKEN_CONFLICT,
    INSTANCE_NOT_FOUND,
    INSTANCE_STATUS_INCORRECT,
    INSTANCE_LOCKED_FOR_SECURITY,
    DEVICE_MALFORMED,
    SOURCE_MISSING,
    SIZE_NOT_SUPPORTED,
    DEVICE_IN_USE,
    MAPPING_NO_SYSTEM_DISK,
    MAPPING_SEVERAL_SYSTEM_DISKS,
    DISK_CATEGORY_NOT_ALLOWED,
    ACCOUNT_NOT_ENOUGH_BALANCE,
    ACCOUNT_SNAPSHOT_SERVICE_UNAVAILABLE,
    USER_NOT_IN_WHITE_LIST,
    ARCHITECTURE_MALFORMED,
    PLATFORM_MALFORMED,
    ENCRYPTED_SOURCE_DENIED,
    ALL_EMPTY,
    DISK_STATUS_INVALID,
    SNAPSHOT_CATEGORY_DENIED,
    SNAPSHOT_QUOTA_EXCEEDED,
    DISK_TRANSFERRING,
    DISK_STATUS_INCORRECT,
    SYSTEM_SNAPSHOT_MISSING,
    DISK_CREATING_SNAPSHOT,
    RESOURCE_GROUP_NOT_FOUND,
    SNAPSHOT_CREATION_FAILED,
    KMS_UNAUTHORIZED,
    INTERNAL_ERROR,
    TAG_KEY_DUPLICATE,
    TAG_KEY_MALFORMED,
    TAG_VALUE_MALFORMED,
    TAGS_QUOTA_EXCEEDED,
    DISK_TYPE_NOT_SUPPORTED,
    IDEMPOTENCE_PARAM_NOT_MATCH,
];

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn row_ids_are_unique() {
        let ids: BTreeSet<_> = ERROR_ROWS.iter().map(|r| r.id).collect();
        assert_eq!(ids.len(), ERROR_ROWS.len());
    }

    #[test]
    fn code_and_message_pairs_are_unique() {
        let pairs: BTreeSet<_> = ERROR_ROWS.iter().map(|r| (r.code, r.message)).collect();
        assert_eq!(pairs.len(), ERROR_ROWS.len());
    }

    #[test]
    fn every_placeholder_row_has_a_chosen_message() {
        for row in ERROR_ROWS.iter().filter(|r| r.message_is_placeholder()) {
            assert!(!row.emitted_message().contains("%s"), "{}", row.id);
            assert_ne!(row.emitted_message(), "? s", "{}", row.id);
        }
    }

    #[test]
    fn four_rows_are_placeholders() {
        assert_eq!(
            ERROR_ROWS
                .iter()
                .filter(|r| r.message_is_placeholder())
                .count(),
            4
        );
    }

    #[test]
    fn every_row_is_a_row_of_the_error_table_verbatim() {
        for row in &ERROR_ROWS {
            assert!(row.quote().is_verbatim(), "{}", row.quote());
        }
    }
}
