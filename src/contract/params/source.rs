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
        .ambiguities(&["source-priority", "snapshot-not-found-row"]),
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
        .errors(&["snapshot-not-found", "system-snapshot-missing"])
        .ambiguities(&["snapshot-not-found-row"]),
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
);
