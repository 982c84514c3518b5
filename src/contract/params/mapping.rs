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
        // The NotFound and InvalidSystemSnapshot.Missing rows speak of the SnapshotId
        // parameter: which answers an unknown DiskDeviceMapping.N.SnapshotId is
        // ambiguous (snapshot-not-found-row).
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.SnapshotId",
                "The ID of snapshot N that is used to create disk N specified by DiskDeviceMapping.N.Size in the custom image.",
            ),
            ci(
                "Error codes, InvalidSnapshotId.NotFound",
                "The error message returned because the specified SnapshotId parameter does not exist.",
            ),
        ])
        .errors(&["snapshot-not-found", "system-snapshot-missing"])
        .ambiguities(&["snapshot-not-found-row"]),
        rule(
            "DiskDeviceMapping.snapshot.ready",
            "The current status of the DiskDeviceMapping.n.SnapshotId or SnapshotId does not support this operation.",
            Limit::Statement,
        )
        // Which snapshot states do not support the operation is not said: the fixtures decide.
        .quotes(quotes![ci(
            "Error codes, InvalidSnapshotId.NotReady",
            "The error message returned because the operation is not supported while the specified snapshot is in the current state.",
        )])
        .errors(&["snapshot-not-ready"]),
        rule(
            "DiskDeviceMapping.snapshot.created-after-cutoff",
            "Method 3: the specified snapshot cannot be created on or before July 15, 2013.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description, Method 3",
                "When you use Method 3 to create a custom image, take note of the following items: ... The specified snapshot cannot be created on or before July 15, 2013.",
            ),
            ci(
                "Error codes, InvalidSnapshot.TooOld",
                "The error message returned because the operation is not supported while the snapshot specified by the DiskDeviceMapping.N.SnapshotId or SnapshotId parameter was created before July 15, 2013.",
            ),
        ])
        .errors(&["snapshot-too-old"])
        .ambiguities(&["snapshot-too-old-date"]),
        rule(
            "DiskDeviceMapping.snapshot.optional",
            "SnapshotId may not be specified. In this case, an empty data disk with a specific size is created.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Description, Method 3",
            "SnapshotId may not be specified. In this case, an empty data disk with a specific size is created.",
        )]),
        rule(
            "DiskDeviceMapping.system-disk.exactly-one",
            "You can specify only one system disk snapshot.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci("Description, Method 3", "You can specify only one system disk snapshot."),
            ci(
                "Error codes, OperationDenied (400, no system disk snapshot)",
                "The error message returned because the specified DiskDeviceMapping.N.SnapshotID parameter does not contain a system disk snapshot ID.",
            ),
            ci(
                "Error codes, OperationDenied (400, two or more system disk snapshots)",
                "The error message returned because the specified DiskDeviceMapping.N.SnapshotID parameter already contains a system disk snapshot ID.",
            ),
        ])
        .errors(&["mapping-no-system-disk", "mapping-several-system-disks"]),
        rule(
            "DiskDeviceMapping.system-disk.snapshot-required",
            "InvalidSystemSnapshot.Missing (message `? s`).",
            Limit::Statement,
        )
        // No sentence says that a system entry needs a snapshot, nor when
        // InvalidSystemSnapshot.Missing applies: the project's reading (system-snapshot-missing).
        .quotes(quotes![
            ci(
                "Description, Method 3",
                "SnapshotId may not be specified. In this case, an empty data disk with a specific size is created.",
            ),
            ci(
                "Error codes, InvalidSystemSnapshot.Missing",
                "The error message returned because the specified SnapshotId parameter is invalid. Check whether the snapshot exists.",
            ),
        ])
        .errors(&["system-snapshot-missing", "disk-type-not-supported"])
        .ambiguities(&["system-snapshot-missing"]),
        rule(
            "DiskDeviceMapping.system-disk.not-encrypted",
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
        // No sentence says what a Size that is not an integer gets: InvalidSize.ValueNotSupported
        // is the project's reading.
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.Size",
                "|DiskDeviceMapping.N.Size|Integer|No|2000|The size of disk N in the custom image. Unit: GiB.",
            ),
            ci(
                "Error codes, InvalidSize.ValueNotSupported",
                "The error message returned because the specified DiskDeviceMapping.N.Size parameter is not within the permitted range.",
            ),
        ])
        .errors(&["size-not-supported"]),
        rule(
            "DiskDeviceMapping.size.range",
            "Without a snapshot: basic disks 5 to 2000, other disk categories 20 to 32768.",
            Limit::SizeRange {
                basic: BASIC_DISK_SIZE,
                other: DISK_SIZE,
            },
        )
        // The request names no disk category: which range an entry gets is the
        // project's reading (empty-disk-category).
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.Size",
                "If no corresponding snapshot IDs are specified in the DiskDeviceMapping.N.SnapshotId value, the following valid values and default value are available for DiskDeviceMapping.N.Size: - For basic disks, the valid values are 5 to 2000, and the default value is 5. - For other disk categories, the valid values are 20 to 32768, and the default value is 20.",
            ),
            ci(
                "Error codes, InvalidSize.ValueNotSupported",
                "The error message returned because the specified DiskDeviceMapping.N.Size parameter is not within the permitted range.",
            ),
        ])
        .errors(&["size-not-supported"])
        .ambiguities(&["empty-disk-category"]),
        rule(
            "DiskDeviceMapping.size.at-least-snapshot",
            "With a snapshot: must be greater than or equal to the size of the specified snapshot.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.Size",
                "If a corresponding snapshot ID is specified in the DiskDeviceMapping.N.SnapshotId value, the value of DiskDeviceMapping.N.Size must be greater than or equal to the size of the specified snapshot.",
            ),
            ci(
                "Error codes, InvalidSize.ValueNotSupported",
                "The error message returned because the specified DiskDeviceMapping.N.Size parameter is not within the permitted range.",
            ),
        ])
        .errors(&["size-not-supported"]),
        rule(
            "DiskDeviceMapping.size.default",
            "Default: 5 for basic disks, 20 for other categories, the snapshot's size with a snapshot.",
            Limit::SizeRange {
                basic: (BASIC_DISK_DEFAULT_SIZE, BASIC_DISK_DEFAULT_SIZE),
                other: (DISK_DEFAULT_SIZE, DISK_DEFAULT_SIZE),
            },
        )
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.Size",
                "For basic disks, the valid values are 5 to 2000, and the default value is 5. - For other disk categories, the valid values are 20 to 32768, and the default value is 20.",
            ),
            ci(
                "Request parameters, DiskDeviceMapping.N.Size",
                "The default value of DiskDeviceMapping.N.Size is the size of the specified snapshot.",
            ),
        ])
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
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.Device",
                "The device name of disk N in the custom image. Valid values: - For disk categories other than basic disks, such as standard SSDs, ultra disks, and enhanced SSDs: /dev/vda to /dev/vdz - For basic disks: /dev/xvda to /dev/xvdz",
            ),
            ci(
                "Error codes, InvalidDevice.Malformed",
                "The error message returned because the specified DiskDeviceMapping.N.Device parameter is invalid.",
            ),
        ])
        .errors(&["device-malformed"])
        .ambiguities(&["device-names"]),
        rule(
            "DiskDeviceMapping.device.unique",
            "The device names of the data disks are unique (InvalidDevice.InUse: has been occupied).",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description, Method 3",
                "The device names of the data disks are unique and ascend from /dev/xvdb to /dev/xvdz.",
            ),
            ci(
                "Error codes, InvalidDevice.InUse",
                "The error message returned because device names specified in the DiskDeviceMapping.N.Device value already exist.",
            ),
        ])
        .errors(&["device-in-use"])
        .ambiguities(&["device-names"]),
        rule(
            "DiskDeviceMapping.device.system-xvda",
            "Method 3: the device name of the system disk must be /dev/xvda.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci("Description, Method 3", "The device name of the system disk must be /dev/xvda."),
            ci(
                "Error codes, InvalidDevice.Malformed",
                "The error message returned because the specified DiskDeviceMapping.N.Device parameter is invalid.",
            ),
        ])
        .errors(&["device-malformed"])
        .ambiguities(&["device-names"]),
        rule(
            "DiskDeviceMapping.device.data-ascending",
            "Method 3: the device names of the data disks ascend from /dev/xvdb to /dev/xvdz.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Description, Method 3",
                "The device names of the data disks are unique and ascend from /dev/xvdb to /dev/xvdz.",
            ),
            ci(
                "Error codes, InvalidDevice.Malformed",
                "The error message returned because the specified DiskDeviceMapping.N.Device parameter is invalid.",
            ),
        ])
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
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.DiskType",
                "Valid values: - system: system disk - data: data disk",
            ),
            ci(
                "Error codes, InvalidDiskType.ValueNotSupported",
                "The error message returned because the specified disk type is not supported.",
            ),
        ])
        .errors(&["disk-type-not-supported"])
        .ambiguities(&["declared-disk-type"]),
        rule(
            "DiskDeviceMapping.disk-type.default",
            "If you do not set this parameter, the disk type is determined by the corresponding snapshot.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Request parameters, DiskDeviceMapping.N.DiskType",
            "If you do not set this parameter, the disk type is determined by the corresponding snapshot.",
        )]),
        rule(
            "DiskDeviceMapping.disk-type.data-snapshot-as-system",
            "You can set this parameter to create the system disk of the custom image from a data disk snapshot.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Request parameters, DiskDeviceMapping.N.DiskType",
                "You can set this parameter to create the system disk of the custom image from a data disk snapshot.",
            ),
            ci(
                "Error codes, UserNotInTheWhiteList",
                "The error message returned because you are not authorized to create an image from data disk snapshots.",
            ),
        ])
        .errors(&["user-not-in-white-list"])
        .ambiguities(&["data-snapshot-as-system-disk"]),
    ],
);
