//! Every row of the contract's error table is reachable: for each of the 45
//! rows of `ERROR_ROWS`, a real signed request to a started emulator gets
//! exactly the documented status, code and message (for placeholder rows,
//! the message chosen in `contract::ambiguities`). The table below maps each
//! row id to the request that reaches it; a row missing from it fails.

mod emulator_support;

use std::collections::BTreeSet;

use createimage_contract::contract::errors::{ERROR_ROWS, ErrorRow};
use createimage_contract::wire::{Format, WireStyle};
use emulator_support::Harness;

type Params = &'static [(&'static str, &'static str)];

/// One row: the account, requests that must succeed first, the request.
struct Reach {
    row: &'static str,
    account: &'static str,
    setup: &'static [Params],
    request: Params,
}

const fn reach(row: &'static str, request: Params) -> Reach {
    Reach {
        row,
        account: "default",
        setup: &[],
        request,
    }
}

const fn reach_as(row: &'static str, account: &'static str, request: Params) -> Reach {
    Reach {
        row,
        account,
        setup: &[],
        request,
    }
}

const SYS: (&str, &str) = ("SnapshotId", "@snapshot.system");
const MAP_SYS: (&str, &str) = ("DiskDeviceMapping.1.SnapshotId", "@snapshot.system");

static TABLE: &[Reach] = &[
    reach(
        "snapshot-not-found",
        &[("SnapshotId", "s-doesnotexist000000000")],
    ),
    reach("image-name-malformed", &[SYS, ("ImageName", "a")]),
    Reach {
        row: "image-name-duplicated",
        account: "default",
        setup: &[&[SYS, ("ImageName", "error-table-duplicate")]],
        request: &[SYS, ("ImageName", "error-table-duplicate")],
    },
    reach("description-malformed", &[SYS, ("Description", "http://x")]),
    reach("image-version-malformed", &[SYS, ("ImageVersion", "1 0")]),
    reach(
        "snapshot-not-ready",
        &[("SnapshotId", "@snapshot.not-ready")],
    ),
    reach("snapshot-too-old", &[("SnapshotId", "@snapshot.too-old")]),
    reach(
        "snapshot-not-allowed",
        &[("SnapshotId", "@snapshot.not-allowed")],
    ),
    reach_as("image-quota-exceeded", "image-quota-full", &[SYS]),
    reach(
        "snapshot-not-system-disk",
        &[("SnapshotId", "@snapshot.data")],
    ),
    reach(
        "client-token-conflict",
        &[SYS, ("ClientToken", "@client-token.in-progress")],
    ),
    reach(
        "instance-not-found",
        &[("InstanceId", "i-doesnotexist000000000")],
    ),
    reach(
        "instance-status-incorrect",
        &[("InstanceId", "@instance.starting")],
    ),
    reach(
        "instance-locked-for-security",
        &[("InstanceId", "@instance.locked")],
    ),
    reach(
        "device-malformed",
        &[MAP_SYS, ("DiskDeviceMapping.1.Device", "/dev/sda")],
    ),
    reach("source-missing", &[("ImageName", "no-source")]),
    reach(
        "size-not-supported",
        &[MAP_SYS, ("DiskDeviceMapping.1.Size", "1")],
    ),
    reach(
        "device-in-use",
        &[
            MAP_SYS,
            ("DiskDeviceMapping.1.Device", "/dev/vda"),
            ("DiskDeviceMapping.2.SnapshotId", "@snapshot.data"),
            ("DiskDeviceMapping.2.Device", "/dev/vda"),
        ],
    ),
    reach(
        "mapping-no-system-disk",
        &[("DiskDeviceMapping.1.SnapshotId", "@snapshot.data")],
    ),
    reach(
        "mapping-several-system-disks",
        &[
            MAP_SYS,
            ("DiskDeviceMapping.2.SnapshotId", "@snapshot.system-2"),
        ],
    ),
    reach(
        "disk-category-not-allowed",
        &[("InstanceId", "@instance.local-disk")],
    ),
    reach_as("account-not-enough-balance", "no-balance", &[SYS]),
    reach_as(
        "account-snapshot-service-unavailable",
        "snapshot-service-off",
        &[SYS],
    ),
    reach_as(
        "user-not-in-white-list",
        "not-whitelisted",
        &[
            ("DiskDeviceMapping.1.SnapshotId", "@snapshot.data"),
            ("DiskDeviceMapping.1.DiskType", "system"),
            ("Platform", "CentOS"),
            ("Architecture", "x86_64"),
        ],
    ),
    reach("architecture-malformed", &[SYS, ("Architecture", "sparc")]),
    reach("platform-malformed", &[SYS, ("Platform", "Plan 9")]),
    reach(
        "encrypted-source-denied",
        &[("SnapshotId", "@snapshot.encrypted")],
    ),
    reach("all-empty", &[("SnapshotId", ""), ("InstanceId", "")]),
    reach(
        "disk-status-invalid",
        &[("InstanceId", "@instance.disk-invalid")],
    ),
    reach(
        "snapshot-category-denied",
        &[("SnapshotId", "@snapshot.flash")],
    ),
    reach(
        "snapshot-quota-exceeded",
        &[("InstanceId", "@instance.snapshot-quota-full")],
    ),
    reach(
        "disk-transferring",
        &[("InstanceId", "@instance.disk-transferring")],
    ),
    reach(
        "disk-status-incorrect",
        &[("InstanceId", "@instance.disk-expired")],
    ),
    reach(
        "system-snapshot-missing",
        &[
            ("DiskDeviceMapping.1.DiskType", "system"),
            ("DiskDeviceMapping.1.Size", "40"),
        ],
    ),
    reach(
        "disk-creating-snapshot",
        &[("InstanceId", "@instance.disk-creating-snapshot")],
    ),
    reach(
        "resource-group-not-found",
        &[SYS, ("ResourceGroupId", "rg-doesnotexist00000000")],
    ),
    reach(
        "snapshot-creation-failed",
        &[("InstanceId", "@instance.snapshot-fails")],
    ),
    reach(
        "kms-unauthorized",
        &[("InstanceId", "@instance.kms-unauthorized")],
    ),
    reach_as("internal-error", "failing", &[SYS]),
    reach(
        "tag-key-duplicate",
        &[SYS, ("Tag.1.Key", "k"), ("Tag.2.Key", "k")],
    ),
    reach("tag-key-malformed", &[SYS, ("Tag.1.Key", "acs:k")]),
    reach(
        "tag-value-malformed",
        &[SYS, ("Tag.1.Key", "k"), ("Tag.1.Value", "acs:v")],
    ),
    reach("tags-quota-exceeded", &[SYS, ("Tag.21.Key", "k")]),
    reach(
        "disk-type-not-supported",
        &[MAP_SYS, ("DiskDeviceMapping.1.DiskType", "boot")],
    ),
    Reach {
        row: "idempotence-param-not-match",
        account: "default",
        setup: &[&[SYS, ("ClientToken", "error-table-token")]],
        request: &[
            SYS,
            ("ClientToken", "error-table-token"),
            ("ImageName", "changed"),
        ],
    },
];

#[test]
fn the_table_names_every_row_once() {
    let documented: BTreeSet<&str> = ERROR_ROWS.iter().map(|r| r.id).collect();
    let reached: Vec<&str> = TABLE.iter().map(|r| r.row).collect();
    let unique: BTreeSet<&str> = reached.iter().copied().collect();
    assert_eq!(unique.len(), reached.len(), "a row is listed twice");
    let missing: Vec<_> = documented.difference(&unique).collect();
    let unknown: Vec<_> = unique.difference(&documented).collect();
    assert!(
        missing.is_empty() && unknown.is_empty(),
        "missing {missing:?}, unknown {unknown:?}"
    );
}

#[tokio::test(flavor = "multi_thread")]
async fn every_documented_error_row_is_reachable_with_its_exact_status_code_and_message() {
    let harness = Harness::start().await;
    let mut failures = Vec::new();
    for (i, row) in ERROR_ROWS.iter().enumerate() {
        let Some(reach) = TABLE.iter().find(|r| r.row == row.id) else {
            failures.push(format!("{}: no request in the table", row.id));
            continue;
        };
        // Spread the rows over every wire style and both formats.
        let style = WireStyle::ALL[i % WireStyle::ALL.len()];
        let format = Format::ALL[(i / WireStyle::ALL.len()) % 2];
        for setup in reach.setup {
            let reply = harness
                .call(reach.account, style, Some(format), setup)
                .await;
            assert_eq!(
                reply.status, 200,
                "{}: setup failed: {}",
                row.id, reply.body
            );
        }
        let reply = harness
            .call(reach.account, style, Some(format), reach.request)
            .await;
        if let Some(problem) = mismatch(row, &reply) {
            failures.push(format!("{} ({style}, {format}): {problem}", row.id));
        }
    }
    harness.running.shutdown().await;
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

fn mismatch(row: &ErrorRow, reply: &emulator_support::Reply) -> Option<String> {
    let expected = (
        row.status,
        row.code.to_owned(),
        row.emitted_message().to_owned(),
    );
    let actual = (reply.status, reply.code(), reply.message());
    (expected != actual).then(|| format!("expected {expected:?}, got {actual:?} — {}", reply.body))
}
