//! The image's source: which of `InstanceId`, `DiskDeviceMapping` and `SnapshotId` is used, and the rules of methods 1 (instance) and 2 (snapshot).

use super::*;

/// `Source`.
pub(super) const SOURCE: Param = section(
    "Source",
    &[
        rule(
            "Source.required",
            "None of SnapshotId, InstanceId, and parameters that start with DiskDeviceMapping is specified: MissingParameter.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description",
                "You can call the CreateImage operation to create a custom image by using one of the following methods.",
            ),
            ci(
                "Error codes, MissingParameter",
                "The error message returned because none of SnapshotId, InstanceId, and parameters that start with DiskDeviceMapping is specified.",
            ),
        ])
        .errors(&["source-missing"]),
        rule(
            "Source.all-empty",
            "InvalidParameter.AllEmpty: no parameters are specified.",
            Limit::Statement,
        )
        // "No parameters are specified" does not fix which requests get AllEmpty rather than
        // MissingParameter: that is the project's reading (all-empty-vs-missing-parameter).
        .quotes(quotes![ci(
            "Error codes, InvalidParameter.AllEmpty",
            "The error message returned because no parameters are specified. Specify required parameters.",
        )])
        .errors(&["all-empty"])
        .ambiguities(&["all-empty-vs-missing-parameter"]),
        rule(
            "Source.priority",
            "InstanceId > DiskDeviceMapping > SnapshotId: the image is created from the parameter with the higher priority.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Description",
            "The following request parameters are sorted by priority: InstanceId > DiskDeviceMapping > SnapshotId. If your request contains two or more parameters, the custom image is created based on the parameter with a higher priority by default.",
        )])
        .ambiguities(&["source-priority", "snapshot-not-found-row"]),
        rule(
            "Source.instance",
            "Method 1: create a custom image from an instance; only InstanceId is needed.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Description, Method 1",
            "Method 1: Create a custom image from an instance. You only need to specify the instance ID (InstanceId).",
        )]),
        rule(
            "Source.snapshot",
            "Method 2: create a custom image from the system disk snapshot of an instance; only SnapshotId is needed.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Description, Method 2",
            "Method 2: Create a custom image from the system disk snapshot of an instance. You only need to specify the ID of the system disk snapshot (SnapshotId).",
        )]),
        rule(
            "Source.disk-device-mapping",
            "Method 3: create a custom image from multiple disk snapshots given by DiskDeviceMapping.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Description, Method 3",
            "Method 3: Create a custom image from multiple disk snapshots. You must specify the data mapping between the disks corresponding to the snapshots (DiskDeviceMapping).",
        )]),
    ],
);

/// `SnapshotId`.
pub(super) const SNAPSHOT_ID: Param = parameter(
    "SnapshotId",
    Type::String,
    false,
    &[
        rule(
            "SnapshotId.exists",
            "The specified SnapshotId does not exist.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InvalidSnapshotId.NotFound",
            "The error message returned because the specified SnapshotId parameter does not exist.",
        )])
        .errors(&["snapshot-not-found", "system-snapshot-missing"])
        .ambiguities(&["snapshot-not-found-row"]),
        rule(
            "SnapshotId.system-disk",
            "Method 2 uses the system disk snapshot of an instance.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description, Method 2",
                "You only need to specify the ID of the system disk snapshot (SnapshotId).",
            ),
            ci(
                "Error codes, OperationDenied (403, not from system disk)",
                "The error message returned because the specified snapshot was not created from a system disk.",
            ),
        ])
        .errors(&["snapshot-not-system-disk"]),
        rule(
            "SnapshotId.created-after-cutoff",
            "The specified snapshot cannot be created on or before July 15, 2013.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description, Method 2",
                "The specified snapshot cannot be created on or before July 15, 2013.",
            ),
            ci(
                "Error codes, InvalidSnapshot.TooOld",
                "The error message returned because the operation is not supported while the snapshot specified by the DiskDeviceMapping.N.SnapshotId or SnapshotId parameter was created before July 15, 2013.",
            ),
        ])
        .errors(&["snapshot-too-old"])
        .ambiguities(&["snapshot-too-old-date"]),
        rule(
            "SnapshotId.ready",
            "The current status of the snapshot does not support this operation.",
            Limit::Statement,
        )
        // Which snapshot states do not support the operation is not said: the fixtures decide.
        .quotes(quotes![ci(
            "Error codes, InvalidSnapshotId.NotReady",
            "The error message returned because the operation is not supported while the specified snapshot is in the current state.",
        )])
        .errors(&["snapshot-not-ready"]),
        rule(
            "SnapshotId.category",
            "The operation is not supported by the snapshot type.",
            Limit::Values {
                values: &SNAPSHOT_CATEGORIES_DENIED,
                disputed: &[],
            },
        )
        // No sentence names the snapshot categories (flash, archive) that are denied:
        // they are the project's choice (SNAPSHOT_CATEGORIES_DENIED).
        .quotes(quotes![ci(
            "Error codes, OperationDenied.InvalidSnapshotCategory",
            "The error message returned because the operation is not supported by the snapshot type.",
        )])
        .errors(&["snapshot-category-denied"])
        .ambiguities(&["snapshot-category-message"]),
        rule(
            "SnapshotId.allowed",
            "The specified snapshot is not allowed to create image.",
            Limit::Statement,
        )
        // Which snapshots cannot be used is not said: the fixtures decide.
        .quotes(quotes![ci(
            "Error codes, OperationDenied (403, not allowed to create image)",
            "The error message returned because the specified snapshot cannot be used to create images.",
        )])
        .errors(&["snapshot-not-allowed"]),
        rule(
            "SnapshotId.not-encrypted",
            "Not support creating system image from an encrypted snapshot/disk.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, OperationDenied (400, encrypted snapshot/disk)",
            "The error message returned because an encrypted disk or snapshot cannot be used to create custom images.",
        )])
        .errors(&["encrypted-source-denied"])
        .ambiguities(&["encrypted-and-kms"]),
    ],
);

/// `InstanceId`.
pub(super) const INSTANCE_ID: Param = parameter(
    "InstanceId",
    Type::String,
    false,
    &[
        rule(
            "InstanceId.exists",
            "The specified InstanceId does not exist.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InvalidInstanceId.NotFound",
            "The error message returned because the specified InstanceId parameter does not exist.",
        )])
        .errors(&["instance-not-found"]),
        rule(
            "InstanceId.status",
            "The instance must be in the Running or Stopped state.",
            Limit::Values {
                values: &INSTANCE_STATES_ALLOWED,
                disputed: &[],
            },
        )
        .quotes(quotes![
            ci(
                "Description, Method 1",
                "The instance must be in the Running (Running) or Stopped (Stopped) state.",
            ),
            ci(
                "Error codes, IncorrectInstanceStatus",
                "The error message returned because the operation is not supported while the instance is in the current state.",
            ),
        ])
        .errors(&["instance-status-incorrect"]),
        rule(
            "InstanceId.locked",
            "An instance locked for security reasons (OperationLocks: security) prohibits all operations.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description",
                "If the response message contains {\"OperationLocks\": {\"LockReason\" : \"security\"}} when you query information of an instance, the instance is locked for security reasons and all operations are prohibited on it.",
            ),
            ci(
                "Error codes, InstanceLockedForSecurity",
                "The error message returned because the operation is not supported while the instance is locked for security reasons.",
            ),
        ])
        .errors(&["instance-locked-for-security"]),
        rule(
            "InstanceId.disk-category",
            "The specified diskCategory is not allowed to create image.",
            Limit::Values {
                values: &DISK_CATEGORIES_DENIED,
                disputed: &[],
            },
        )
        // No sentence names the disk categories that are denied: they are the
        // project's choice (DISK_CATEGORIES_DENIED).
        .quotes(quotes![ci(
            "Error codes, InvalidDiskCategory.CreateImage",
            "The error message returned because the operation is not supported by the specified disk category.",
        )])
        .errors(&["disk-category-not-allowed"]),
        rule(
            "InstanceId.disk-status",
            "The disks must be in a state that allows a snapshot (invalid, transferring, creating a snapshot, other).",
            Limit::Statement,
        )
        // Which disk status gets which row is the project's reading (disk-status).
        .quotes(quotes![
            ci(
                "Error codes, IncorrectDiskStatus.Invalid",
                "The error message returned because the device status is invalid.",
            ),
            ci(
                "Error codes, IncorrectDiskStatus.Transferring",
                "The error message returned because the specified disk is being migrated.",
            ),
            ci(
                "Error codes, IncorrectDiskStatus",
                "The error message returned because the operation is not supported while the disk is in the current state.",
            ),
            ci(
                "Error codes, IncorrectDiskStatus.CreatingSnapshot",
                "The error message returned because another snapshot is being created.",
            ),
        ])
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
        // That only a system disk is refused, and a data disk only without KMS
        // access, is the project's reading (encrypted-and-kms).
        .quotes(quotes![
            ci(
                "Error codes, OperationDenied (400, encrypted snapshot/disk)",
                "The error message returned because an encrypted disk or snapshot cannot be used to create custom images.",
            ),
            ci(
                "Error codes, InvalidParameter.KMSKeyId.KMSUnauthorized",
                "The error message returned because ECS is not authorized to access your KMS resources.",
            ),
        ])
        .errors(&["encrypted-source-denied", "kms-unauthorized"])
        .ambiguities(&["encrypted-and-kms"]),
        rule(
            "InstanceId.snapshot-quota",
            "A new snapshot is created for each disk: the snapshot quota must allow it.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description, Method 1",
                "After the CreateImage operation is called, a new snapshot is created for each disk of the instance.",
            ),
            ci(
                "Error codes, QuotaExceed.Snapshot",
                "The error message returned because the maximum number of snapshots has been reached.",
            ),
        ])
        .errors(&["snapshot-quota-exceeded"]),
        rule(
            "InstanceId.snapshot-creation",
            "The process of creating snapshot has failed due to some unknown error.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InternalError (snapshot)",
            "The error message returned because the snapshot has failed to be created.",
        )])
        .errors(&["snapshot-creation-failed"])
        .ambiguities(&["internal-errors"]),
        rule(
            "InstanceId.snapshot-per-disk",
            "After the CreateImage operation is called, a new snapshot is created for each disk of the instance.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Description, Method 1",
            "After the CreateImage operation is called, a new snapshot is created for each disk of the instance.",
        )])
        .unobservable("only DescribeSnapshots shows the snapshots created for the image"),
    ],
);
