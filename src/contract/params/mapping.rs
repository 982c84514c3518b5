//! `DiskDeviceMapping.N.*` (method 3): each entry's snapshot, size, device and disk type.

use super::*;

/// `DiskDeviceMapping.N.SnapshotId`.
pub(super) const SNAPSHOT_ID: Param = parameter(
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
        .errors(&["system-snapshot-missing", "disk-type-not-supported"])
        .ambiguities(&["system-snapshot-missing"]),
        rule(
            "DiskDeviceMapping.system-disk.not-encrypted",
            "Not support creating system image from an encrypted snapshot/disk.",
            Limit::Statement,
        )
        .errors(&["encrypted-source-denied"])
        .ambiguities(&["encrypted-and-kms"]),
    ],
);

/// `DiskDeviceMapping.N.Size`.
pub(super) const SIZE: Param = parameter(
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
);

/// `DiskDeviceMapping.N.Device`.
pub(super) const DEVICE: Param = parameter(
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
        .errors(&["device-in-use"])
        .ambiguities(&["device-names"]),
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
);

/// `DiskDeviceMapping.N.DiskType`.
pub(super) const DISK_TYPE: Param = parameter(
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
);
