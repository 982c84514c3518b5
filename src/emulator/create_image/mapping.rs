//! Method 3, `DiskDeviceMapping.N`: syntax ([`parse`]) and the rules that look
//! at snapshots and the account ([`resolve`]).
//!
//! Syntax, entry by entry in N order: `DiskType` (`system`/`data`) →
//! `InvalidDiskType.ValueNotSupported`; `Size` (decimal GiB) →
//! `InvalidSize.ValueNotSupported`; `Device` (`/dev/xvd[a-z]` or
//! `/dev/vd[a-z]`) → `InvalidDevice.Malformed`.
//!
//! Resolution, in order: each snapshot usable (see
//! [`super::source::usable_snapshot`]; one that does not exist gets the
//! rules' row, ambiguity `snapshot-not-found-row`); `DiskType=data` on a
//! system-disk snapshot → the rules' type or `InvalidDiskType.ValueNotSupported`
//! (ambiguity `declared-disk-type`); a system entry without a snapshot →
//! the rules' answer (ambiguity `system-snapshot-missing`); no system entry /
//! two or more → `OperationDenied` (400); the system snapshot encrypted (or
//! any, when the rules deny encrypted data disks) → `OperationDenied` (400);
//! a data-disk snapshot as system disk → `UserNotInTheWhiteList`, then
//! Platform and Architecture required (their `Malformed` rows, or
//! `MissingParameter`, as the rules say) unless the rules let their defaults
//! apply; when the rules say so, any data-disk snapshot without the
//! whitelist → `UserNotInTheWhiteList` (ambiguity `data-disk-whitelist-scope`);
//! devices (families per category, system letter, data letters and
//! order from the rules, ambiguity `device-names`) → `InvalidDevice.Malformed`,
//! duplicates → `InvalidDevice.InUse`; sizes (ambiguity `empty-disk-category`)
//! → `InvalidSize.ValueNotSupported`.

use std::collections::BTreeSet;

use super::params::Params;
use super::source::usable_snapshot;
use crate::contract::errors::ErrorRow;
use crate::contract::rule_set::{
    DeclaredDataOnSystemSnapshot, EmptyDiskCategory, NotGiven, SystemWithoutSnapshot,
};
use crate::contract::rules::{
    BASIC_DISK_CATEGORY, BASIC_DISK_DEFAULT_SIZE, BASIC_DISK_SIZE, DISK_SIZE,
};
use crate::contract::{Rules, errors};
use crate::emulator::error::ApiError;
use crate::emulator::world::World;
use crate::fixtures::{Account, DiskType, Snapshot};

/// A device-name family: `/dev/xvd?` or `/dev/vd?`.
pub use crate::contract::rule_set::DeviceFamily as Family;

/// A device name: family and letter (`b'a'..=b'z'`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Device {
    pub family: Family,
    pub letter: u8,
}

impl Device {
    pub fn parse(text: &str) -> Option<Device> {
        let (family, rest) = if let Some(rest) = text.strip_prefix("/dev/xvd") {
            (Family::Xvd, rest)
        } else {
            (Family::Vd, text.strip_prefix("/dev/vd")?)
        };
        match rest.as_bytes() {
            [letter @ b'a'..=b'z'] => Some(Device {
                family,
                letter: *letter,
            }),
            _ => None,
        }
    }

    pub fn name(self) -> String {
        let prefix = match self.family {
            Family::Xvd => "/dev/xvd",
            Family::Vd => "/dev/vd",
        };
        format!("{prefix}{}", char::from(self.letter))
    }
}

/// One syntactically valid entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry<'a> {
    pub n: u64,
    pub snapshot_id: Option<&'a str>,
    pub size: Option<u64>,
    pub device: Option<Device>,
    pub disk_type: Option<DiskType>,
}

/// A disk of the image to be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Disk {
    pub snapshot_id: Option<String>,
    pub disk_type: DiskType,
    pub device: Device,
    pub size: u64,
}

/// Syntax of every entry.
pub fn parse<'a>(params: &Params<'a>, rules: &Rules) -> Result<Vec<Entry<'a>>, ApiError> {
    let mut out = Vec::with_capacity(params.mappings.len());
    for (&n, raw) in &params.mappings {
        let disk_type = match raw.disk_type.map(|t| rules.listed(t)) {
            None => None,
            Some("system") => Some(DiskType::System),
            Some("data") => Some(DiskType::Data),
            Some(_) => return Err(errors::DISK_TYPE_NOT_SUPPORTED.into()),
        };
        let size = match raw.size {
            None => None,
            Some(text)
                if !text.is_empty()
                    && text.len() <= 12
                    && text.bytes().all(|b| b.is_ascii_digit()) =>
            {
                text.parse().ok()
            }
            Some(_) => return Err(errors::SIZE_NOT_SUPPORTED.into()),
        };
        let device = match raw.device {
            None => None,
            Some(text) => {
                Some(Device::parse(text).ok_or(ApiError::from(errors::DEVICE_MALFORMED))?)
            }
        };
        out.push(Entry {
            n,
            snapshot_id: raw.snapshot_id,
            size,
            device,
            disk_type,
        });
    }
    Ok(out)
}

/// The rules that need the world and the account; returns the image's disks.
pub fn resolve(
    world: &World,
    rules: &Rules,
    account: &Account,
    entries: &[Entry<'_>],
    platform: Option<&str>,
    architecture: Option<&str>,
) -> Result<Vec<Disk>, ApiError> {
    let mut snapshots: Vec<Option<&Snapshot>> = Vec::with_capacity(entries.len());
    for entry in entries {
        snapshots.push(match entry.snapshot_id {
            // Ambiguity `snapshot-not-found-row`.
            Some(id) => Some(usable_snapshot(world, rules, id, rules.snapshot_not_found)?),
            None => None,
        });
    }
    let empty_is_data = rules.system_disk_without_snapshot == SystemWithoutSnapshot::EmptyDataDisk;
    let mut types: Vec<DiskType> = Vec::with_capacity(entries.len());
    for (e, s) in entries.iter().zip(&snapshots) {
        types.push(match (s, e.disk_type) {
            (None, _) if empty_is_data => DiskType::Data,
            // Ambiguity `declared-disk-type`.
            (Some(s), Some(DiskType::Data)) if s.source_disk_type == DiskType::System => {
                match rules.declared_data_on_system_snapshot {
                    DeclaredDataOnSystemSnapshot::Declared => DiskType::Data,
                    DeclaredDataOnSystemSnapshot::SnapshotType => DiskType::System,
                    DeclaredDataOnSystemSnapshot::Refused => {
                        return Err(errors::DISK_TYPE_NOT_SUPPORTED.into());
                    }
                }
            }
            (s, declared) => declared
                .or(s.map(|s| s.source_disk_type))
                .unwrap_or(DiskType::Data),
        });
    }
    if let SystemWithoutSnapshot::Refused(row) = rules.system_disk_without_snapshot
        && types
            .iter()
            .zip(&snapshots)
            .any(|(t, s)| *t == DiskType::System && s.is_none())
    {
        return Err(row.into());
    }
    let systems: Vec<usize> = (0..entries.len())
        .filter(|&i| types[i] == DiskType::System)
        .collect();
    let system = match systems.as_slice() {
        [] => return Err(errors::MAPPING_NO_SYSTEM_DISK.into()),
        [one] => *one,
        _ => return Err(errors::MAPPING_SEVERAL_SYSTEM_DISKS.into()),
    };
    if let Some(snapshot) = snapshots[system] {
        if snapshot.encrypted {
            return Err(errors::ENCRYPTED_SOURCE_DENIED.into());
        }
        // Ambiguity `data-snapshot-as-system-disk`.
        if snapshot.source_disk_type == DiskType::Data {
            if !account.data_disk_image_whitelisted {
                return Err(errors::USER_NOT_IN_WHITE_LIST.into());
            }
            if rules.data_system_disk_needs_platform_and_architecture {
                if platform.is_none() {
                    return Err(not_given(rules, "Platform", errors::PLATFORM_MALFORMED));
                }
                if architecture.is_none() {
                    return Err(not_given(
                        rules,
                        "Architecture",
                        errors::ARCHITECTURE_MALFORMED,
                    ));
                }
            }
        }
    }
    // Ambiguity `data-disk-whitelist-scope`.
    if rules.whitelist_for_any_data_snapshot
        && !account.data_disk_image_whitelisted
        && snapshots
            .iter()
            .flatten()
            .any(|s| s.source_disk_type == DiskType::Data)
    {
        return Err(errors::USER_NOT_IN_WHITE_LIST.into());
    }
    // Ambiguity `encrypted-and-kms`.
    if rules.encrypted_data_disks_denied && snapshots.iter().flatten().any(|s| s.encrypted) {
        return Err(errors::ENCRYPTED_SOURCE_DENIED.into());
    }
    let basic: Vec<bool> = entries
        .iter()
        .zip(&snapshots)
        .map(|(e, s)| is_basic(rules, e, *s))
        .collect();
    let devices = devices(rules, entries, &basic, &types, system)?;
    let mut disks = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let size = size(rules, entry.size, snapshots[i], basic[i])?;
        disks.push(Disk {
            snapshot_id: snapshots[i].map(|s| s.id.clone()),
            disk_type: types[i],
            device: devices[i],
            size,
        });
    }
    Ok(disks)
}

/// The answer to `Platform` or `Architecture` not given where a system disk
/// from a data-disk snapshot needs it (ambiguity `data-snapshot-as-system-disk`):
/// its `Malformed` row, or `MissingParameter` naming it.
fn not_given(rules: &Rules, name: &str, malformed: ErrorRow) -> ApiError {
    match rules.data_system_disk_parameter_not_given {
        NotGiven::MalformedRow => malformed.into(),
        NotGiven::MissingParameter => ApiError::missing_parameter(name),
    }
}

/// Whether an entry is a basic disk: its snapshot's category; for an empty
/// disk, its device's family (`/dev/xvd*`), or without a device the rules'
/// category (ambiguity `empty-disk-category`).
fn is_basic(rules: &Rules, entry: &Entry<'_>, snapshot: Option<&Snapshot>) -> bool {
    match (snapshot, entry.device) {
        (Some(s), _) => s.disk_category == BASIC_DISK_CATEGORY,
        (None, Some(device)) => device.family == Family::Xvd,
        (None, None) => rules.empty_disk_without_device == EmptyDiskCategory::Basic,
    }
}

/// Given devices checked against the rules (family per category, system
/// letter, data letters and order) and for uniqueness; the others assigned
/// the first free letter in their category's first family (`a` first for
/// the system disk).
fn devices(
    rules: &Rules,
    entries: &[Entry<'_>],
    basic: &[bool],
    types: &[DiskType],
    system: usize,
) -> Result<Vec<Device>, ApiError> {
    let names = &rules.devices;
    let families = |i: usize| if basic[i] { names.basic } else { names.other };
    let mut used = BTreeSet::new();
    let mut last_data_letter = None;
    for (i, entry) in entries.iter().enumerate() {
        let Some(device) = entry.device else { continue };
        let letter_ok = if i == system {
            names.system_letter.is_none_or(|l| l == device.letter)
        } else {
            device.letter >= names.first_data_letter
        };
        if !families(i).contains(&device.family) || !letter_ok {
            return Err(errors::DEVICE_MALFORMED.into());
        }
        // Where data disks must ascend, a data device given twice is out of
        // order before it is in use.
        if i != system {
            if names.data_ascending && last_data_letter >= Some(device.letter) {
                return Err(errors::DEVICE_MALFORMED.into());
            }
            last_data_letter = Some(device.letter);
        }
        if !used.insert(device) {
            return Err(errors::DEVICE_IN_USE.into());
        }
    }
    // The system disk is assigned first so that it gets `a` when free.
    let order = std::iter::once(system).chain((0..entries.len()).filter(|&i| i != system));
    let mut out: Vec<Option<Device>> = entries.iter().map(|e| e.device).collect();
    for i in order {
        if out[i].is_some() {
            continue;
        }
        let family = families(i).first().copied().unwrap_or(Family::Vd);
        let letters = if types[i] == DiskType::System {
            names.system_letter.unwrap_or(b'a')..=b'z'
        } else {
            names.first_data_letter.max(b'b')..=b'z'
        };
        let wrap =
            (types[i] != DiskType::System && names.first_data_letter == b'a').then_some(b'a');
        let free = letters
            .chain(wrap)
            .map(|letter| Device { family, letter })
            .find(|d| !used.contains(d))
            .ok_or(ApiError::from(errors::DEVICE_IN_USE))?;
        used.insert(free);
        out[i] = Some(free);
    }
    Ok(out
        .into_iter()
        .map(|d| {
            d.unwrap_or(Device {
                family: Family::Vd,
                letter: b'a',
            })
        })
        .collect())
}

/// Ambiguity `empty-disk-category`.
fn size(
    rules: &Rules,
    given: Option<u64>,
    snapshot: Option<&Snapshot>,
    basic: bool,
) -> Result<u64, ApiError> {
    let (min, max, default) = match snapshot {
        Some(s) => {
            let max = if basic {
                BASIC_DISK_SIZE.1
            } else {
                DISK_SIZE.1
            };
            (s.size, max.max(s.size), s.size)
        }
        None if basic => (
            BASIC_DISK_SIZE.0,
            BASIC_DISK_SIZE.1,
            BASIC_DISK_DEFAULT_SIZE,
        ),
        None => (DISK_SIZE.0, DISK_SIZE.1, rules.empty_disk_default_size),
    };
    let size = given.unwrap_or(default);
    if (min..=max).contains(&size) {
        Ok(size)
    } else {
        Err(errors::SIZE_NOT_SUPPORTED.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::readings;
    use crate::fixtures::Manifest;

    fn run_as(account: &str, list: &[(&str, &str)]) -> Result<Vec<Disk>, ApiError> {
        run_under(&Rules::reference(), account, list)
    }

    fn run_under(
        rules: &Rules,
        account: &str,
        list: &[(&str, &str)],
    ) -> Result<Vec<Disk>, ApiError> {
        let manifest = Manifest::builtin();
        let pairs = super::super::bound_pairs(&manifest, list);
        let params = Params::parse(&pairs, rules)?;
        let entries = parse(&params, rules)?;
        let world = World::seed(&manifest);
        resolve(
            &world,
            rules,
            manifest.account(account).unwrap(),
            &entries,
            params.platform,
            params.architecture,
        )
    }

    fn run(list: &[(&str, &str)]) -> Result<Vec<Disk>, ApiError> {
        run_as("default", list)
    }

    fn err(list: &[(&str, &str)]) -> (u16, String, String) {
        let e = run(list).unwrap_err();
        (e.status, e.code.into_owned(), e.message.into_owned())
    }

    const SYS: (&str, &str) = ("DiskDeviceMapping.1.SnapshotId", "@snapshot.system");

    #[test]
    fn system_snapshot_alone_defaults_device_and_size() {
        let disks = run(&[SYS]).unwrap();
        assert_eq!(disks.len(), 1);
        assert_eq!(disks[0].device.name(), "/dev/vda");
        assert_eq!(disks[0].size, 40);
    }

    #[test]
    fn basic_snapshot_defaults_to_xvda() {
        let disks = run(&[("DiskDeviceMapping.1.SnapshotId", "@snapshot.system-basic")]).unwrap();
        assert_eq!(disks[0].device.name(), "/dev/xvda");
    }

    #[test]
    fn entry_without_snapshot_is_an_empty_data_disk() {
        let disks = run(&[SYS, ("DiskDeviceMapping.2.Size", "50")]).unwrap();
        assert_eq!(disks[1].disk_type, DiskType::Data);
        assert_eq!(disks[1].device.name(), "/dev/vdb");
        assert_eq!(disks[1].size, 50);
        let disks = run(&[SYS, ("DiskDeviceMapping.2.Device", "/dev/vdc")]).unwrap();
        assert_eq!(disks[1].size, 20);
        let disks = run(&[SYS, ("DiskDeviceMapping.2.Device", "/dev/xvdc")]).unwrap();
        assert_eq!(disks[1].size, 5);
    }

    #[test]
    fn no_system_disk_is_operation_denied() {
        let e = err(&[("DiskDeviceMapping.1.SnapshotId", "@snapshot.data")]);
        assert_eq!(e.0, 400);
        assert_eq!(
            e.2,
            "The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot."
        );
    }

    #[test]
    fn two_system_disks_is_operation_denied() {
        let e = err(&[
            SYS,
            ("DiskDeviceMapping.2.SnapshotId", "@snapshot.system-2"),
        ]);
        assert_eq!(
            e.2,
            "The specified parameter DiskDeviceMapping.n.SnapshotId contains two or more system disk snapshots."
        );
    }

    #[test]
    fn device_syntax_and_family() {
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.1.Device", "/dev/sda")]).1,
            "InvalidDevice.Malformed"
        );
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.1.Device", "/dev/vdaa")]).1,
            "InvalidDevice.Malformed"
        );
        assert!(run(&[SYS, ("DiskDeviceMapping.1.Device", "/dev/xvda")]).is_ok());
        let basic = ("DiskDeviceMapping.1.SnapshotId", "@snapshot.system-basic");
        assert_eq!(
            err(&[basic, ("DiskDeviceMapping.1.Device", "/dev/vda")]).1,
            "InvalidDevice.Malformed"
        );
    }

    #[test]
    fn device_given_twice_is_in_use() {
        let e = err(&[
            SYS,
            ("DiskDeviceMapping.1.Device", "/dev/vda"),
            ("DiskDeviceMapping.2.SnapshotId", "@snapshot.data"),
            ("DiskDeviceMapping.2.Device", "/dev/vda"),
        ]);
        assert_eq!(e.1, "InvalidDevice.InUse");
    }

    #[test]
    fn size_below_snapshot_or_outside_range_is_not_supported() {
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.1.Size", "39")]).1,
            "InvalidSize.ValueNotSupported"
        );
        assert!(run(&[SYS, ("DiskDeviceMapping.1.Size", "32768")]).is_ok());
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.1.Size", "32769")]).1,
            "InvalidSize.ValueNotSupported"
        );
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.1.Size", "abc")]).1,
            "InvalidSize.ValueNotSupported"
        );
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.2.Size", "19")]).1,
            "InvalidSize.ValueNotSupported"
        );
        assert_eq!(
            err(&[
                SYS,
                ("DiskDeviceMapping.2.Size", "2001"),
                ("DiskDeviceMapping.2.Device", "/dev/xvdb")
            ])
            .1,
            "InvalidSize.ValueNotSupported"
        );
        assert!(
            run(&[
                SYS,
                ("DiskDeviceMapping.2.Size", "5"),
                ("DiskDeviceMapping.2.Device", "/dev/xvdb")
            ])
            .is_ok()
        );
    }

    #[test]
    fn disk_type_must_be_system_or_data() {
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.1.DiskType", "boot")]).1,
            "InvalidDiskType.ValueNotSupported"
        );
        assert_eq!(
            err(&[SYS, ("DiskDeviceMapping.1.DiskType", "system\n")]).1,
            "InvalidDiskType.ValueNotSupported"
        );
    }

    #[test]
    fn system_disk_type_without_snapshot_is_system_snapshot_missing() {
        let e = err(&[
            ("DiskDeviceMapping.1.DiskType", "system"),
            ("DiskDeviceMapping.1.Size", "40"),
        ]);
        assert_eq!((e.0, e.1.as_str()), (403, "InvalidSystemSnapshot.Missing"));
    }

    #[test]
    fn data_snapshot_as_system_disk_needs_whitelist_platform_and_architecture() {
        let base = [
            ("DiskDeviceMapping.1.SnapshotId", "@snapshot.data"),
            ("DiskDeviceMapping.1.DiskType", "system"),
        ];
        let e = run_as(
            "not-whitelisted",
            &[
                base[0],
                base[1],
                ("Platform", "CentOS"),
                ("Architecture", "x86_64"),
            ],
        )
        .unwrap_err();
        assert_eq!(e.code, "UserNotInTheWhiteList");
        assert_eq!(
            err(&[base[0], base[1], ("Architecture", "x86_64")]).1,
            "InvalidPlatform.Malformed"
        );
        assert_eq!(
            err(&[base[0], base[1], ("Platform", "CentOS")]).1,
            "InvalidArchitecture.Malformed"
        );
        assert!(
            run(&[
                base[0],
                base[1],
                ("Platform", "CentOS"),
                ("Architecture", "x86_64")
            ])
            .is_ok()
        );
    }

    #[test]
    fn encrypted_system_snapshot_is_denied_but_encrypted_data_snapshot_is_fine() {
        let e = err(&[("DiskDeviceMapping.1.SnapshotId", "@snapshot.encrypted")]);
        assert_eq!(
            (e.0, e.2.as_str()),
            (
                400,
                "Not support creating system image from an encrypted snapshot/disk."
            )
        );
        assert!(
            run(&[
                SYS,
                ("DiskDeviceMapping.2.SnapshotId", "@snapshot.data-encrypted")
            ])
            .is_ok()
        );
    }

    #[test]
    fn twenty_six_empty_entries_cannot_crash() {
        let names: Vec<String> = (1..=26)
            .map(|n| format!("DiskDeviceMapping.{n}.Size"))
            .collect();
        let list: Vec<(&str, &str)> = names.iter().map(|n| (n.as_str(), "20")).collect();
        assert_eq!(err(&list).1, "OperationDenied");
    }

    fn code_under(readings: &[readings::Reading], choice: &str, list: &[(&str, &str)]) -> String {
        let rules = readings::rules_under(readings, choice);
        match run_under(&rules, "default", list) {
            Ok(_) => "created".to_owned(),
            Err(e) => e.code.into_owned(),
        }
    }

    #[test]
    fn devices_under_the_parameter_table_keep_other_categories_on_vd() {
        let r = readings::DEVICE_NAMES;
        let xvda = [SYS, ("DiskDeviceMapping.1.Device", "/dev/xvda")];
        assert_eq!(
            code_under(r, "parameter-table", &xvda),
            "InvalidDevice.Malformed"
        );
        let vda = [SYS, ("DiskDeviceMapping.1.Device", "/dev/vda")];
        assert_eq!(code_under(r, "parameter-table", &vda), "created");
    }

    #[test]
    fn devices_under_the_method_text_are_xvda_then_ascending_data_disks() {
        let r = readings::DEVICE_NAMES;
        let vda = [SYS, ("DiskDeviceMapping.1.Device", "/dev/vda")];
        assert_eq!(
            code_under(r, "method-text", &vda),
            "InvalidDevice.Malformed"
        );
        let xvdb = [SYS, ("DiskDeviceMapping.1.Device", "/dev/xvdb")];
        assert_eq!(
            code_under(r, "method-text", &xvdb),
            "InvalidDevice.Malformed"
        );
        let descending = [
            SYS,
            ("DiskDeviceMapping.2.Device", "/dev/xvdd"),
            ("DiskDeviceMapping.3.Device", "/dev/xvdc"),
        ];
        assert_eq!(
            code_under(r, "method-text", &descending),
            "InvalidDevice.Malformed"
        );
        assert_eq!(code_under(r, "either-family", &descending), "created");
        let rules = readings::rules_under(r, "method-text");
        let disks = run_under(
            &rules,
            "default",
            &[SYS, ("DiskDeviceMapping.2.Size", "50")],
        )
        .unwrap();
        assert_eq!(disks[0].device.name(), "/dev/xvda");
        assert_eq!(disks[1].device.name(), "/dev/xvdb");
    }

    #[test]
    fn an_empty_disk_without_a_device_is_basic_under_that_reading() {
        let r = readings::EMPTY_DISK_CATEGORY;
        let small = [SYS, ("DiskDeviceMapping.2.Size", "19")];
        assert_eq!(
            code_under(r, "other-category", &small),
            "InvalidSize.ValueNotSupported"
        );
        assert_eq!(code_under(r, "basic-disk", &small), "created");
        let large = [SYS, ("DiskDeviceMapping.2.Size", "2001")];
        assert_eq!(
            code_under(r, "basic-disk", &large),
            "InvalidSize.ValueNotSupported"
        );
        let rules = readings::rules_under(r, "basic-disk");
        let disks = run_under(
            &rules,
            "default",
            &[SYS, ("DiskDeviceMapping.2.DiskType", "data")],
        )
        .unwrap();
        assert_eq!(
            (disks[1].device.name().as_str(), disks[1].size),
            ("/dev/xvdb", 5)
        );
    }

    #[test]
    fn a_system_entry_without_snapshot_is_an_empty_data_disk_under_that_reading() {
        let list = [
            ("DiskDeviceMapping.1.DiskType", "system"),
            ("DiskDeviceMapping.1.Size", "40"),
        ];
        let r = readings::SYSTEM_SNAPSHOT_MISSING;
        assert_eq!(code_under(r, "no-system-disk", &list), "OperationDenied");
        let with_system = [
            list[0],
            list[1],
            ("DiskDeviceMapping.2.SnapshotId", "@snapshot.system"),
        ];
        assert_eq!(code_under(r, "no-system-disk", &with_system), "created");
    }

    #[test]
    fn a_data_snapshot_system_disk_takes_the_defaults_under_that_reading() {
        let list = [
            ("DiskDeviceMapping.1.SnapshotId", "@snapshot.data"),
            ("DiskDeviceMapping.1.DiskType", "system"),
        ];
        let r = readings::DATA_SNAPSHOT_AS_SYSTEM_DISK;
        assert_eq!(code_under(r, "default-applies", &list), "created");
        assert_eq!(
            code_under(r, "required", &list),
            "InvalidPlatform.Malformed"
        );
    }

    #[test]
    fn a_data_snapshot_system_disk_without_platform_is_a_missing_parameter_under_that_reading() {
        let base = [
            ("DiskDeviceMapping.1.SnapshotId", "@snapshot.data"),
            ("DiskDeviceMapping.1.DiskType", "system"),
        ];
        let rules =
            readings::rules_under(readings::DATA_SNAPSHOT_AS_SYSTEM_DISK, "missing-parameter");
        for (given, missing) in [
            (("Architecture", "x86_64"), "Platform"),
            (("Platform", "CentOS"), "Architecture"),
        ] {
            let e = run_under(&rules, "default", &[base[0], base[1], given]).unwrap_err();
            assert_eq!((e.status, e.code.as_ref()), (400, "MissingParameter"));
            assert!(
                e.message.contains(&format!("\"{missing}\"")),
                "{}",
                e.message
            );
        }
        assert!(
            run_under(
                &rules,
                "default",
                &[
                    base[0],
                    base[1],
                    ("Platform", "CentOS"),
                    ("Architecture", "x86_64")
                ]
            )
            .is_ok()
        );
    }

    #[test]
    fn a_system_entry_without_snapshot_is_an_unsupported_disk_type_under_that_reading() {
        let list = [
            ("DiskDeviceMapping.1.DiskType", "system"),
            ("DiskDeviceMapping.1.Size", "40"),
        ];
        let r = readings::SYSTEM_SNAPSHOT_MISSING;
        assert_eq!(
            code_under(r, "disk-type-not-supported", &list),
            "InvalidDiskType.ValueNotSupported"
        );
        let with_system = [
            ("DiskDeviceMapping.1.SnapshotId", "@snapshot.system"),
            ("DiskDeviceMapping.2.DiskType", "data"),
        ];
        assert_eq!(
            code_under(r, "disk-type-not-supported", &with_system),
            "created"
        );
    }

    #[test]
    fn a_data_device_given_twice_is_out_of_order_under_the_method_text() {
        let twice = [
            ("DiskDeviceMapping.1.SnapshotId", "@snapshot.system-basic"),
            ("DiskDeviceMapping.1.Device", "/dev/xvda"),
            ("DiskDeviceMapping.2.Device", "/dev/xvdb"),
            ("DiskDeviceMapping.3.Device", "/dev/xvdb"),
        ];
        let r = readings::DEVICE_NAMES;
        assert_eq!(
            code_under(r, "either-family", &twice),
            "InvalidDevice.InUse"
        );
        assert_eq!(
            code_under(r, "method-text", &twice),
            "InvalidDevice.Malformed"
        );
    }

    #[test]
    fn an_encrypted_data_snapshot_is_denied_when_any_encrypted_disk_is() {
        let list = [
            SYS,
            ("DiskDeviceMapping.2.SnapshotId", "@snapshot.data-encrypted"),
        ];
        let r = readings::ENCRYPTED_AND_KMS;
        assert_eq!(
            code_under(r, "any-encrypted-disk-denied", &list),
            "OperationDenied"
        );
        assert_eq!(code_under(r, "data-disk-allowed", &list), "created");
    }

    #[test]
    fn a_data_snapshot_beside_a_system_snapshot_needs_the_whitelist_under_that_reading() {
        let list = [SYS, ("DiskDeviceMapping.2.SnapshotId", "@snapshot.data")];
        let any = readings::rules_under(readings::DATA_DISK_WHITELIST_SCOPE, "any-data-snapshot");
        let err = run_under(&any, "not-whitelisted", &list).unwrap_err();
        assert_eq!(
            (err.status, err.code.as_ref()),
            (403, "UserNotInTheWhiteList")
        );
        assert!(run_under(&any, "default", &list).is_ok());
        assert!(run_under(&any, "not-whitelisted", &[SYS]).is_ok());
        assert!(run_as("not-whitelisted", &list).is_ok());
    }

    #[test]
    fn data_declared_on_a_system_snapshot_under_each_reading() {
        let list = [
            SYS,
            ("DiskDeviceMapping.1.DiskType", "data"),
            ("DiskDeviceMapping.2.SnapshotId", "@snapshot.data"),
        ];
        let r = readings::DECLARED_DISK_TYPE;
        assert_eq!(code_under(r, "declared", &list), "OperationDenied");
        assert_eq!(code_under(r, "snapshot-type", &list), "created");
        assert_eq!(
            code_under(r, "refused", &list),
            "InvalidDiskType.ValueNotSupported"
        );
        // The documented use is kept: a data-disk snapshot declared system.
        let data_as_system = [
            ("DiskDeviceMapping.1.SnapshotId", "@snapshot.data"),
            ("DiskDeviceMapping.1.DiskType", "system"),
            ("Platform", "CentOS"),
            ("Architecture", "x86_64"),
        ];
        assert_eq!(code_under(r, "refused", &data_as_system), "created");
    }

    #[test]
    fn a_missing_mapping_snapshot_is_a_missing_system_snapshot_under_that_reading() {
        let list = [("DiskDeviceMapping.1.SnapshotId", "s-nope")];
        let r = readings::SNAPSHOT_NOT_FOUND_ROW;
        assert_eq!(
            code_under(r, "not-found", &list),
            "InvalidSnapshotId.NotFound"
        );
        assert_eq!(
            code_under(r, "system-snapshot-missing", &list),
            "InvalidSystemSnapshot.Missing"
        );
    }

    #[test]
    fn an_empty_mapping_snapshot_has_no_system_disk_under_that_reading() {
        let list = [("DiskDeviceMapping.1.SnapshotId", "")];
        let r = readings::ALL_EMPTY_VS_MISSING_PARAMETER;
        let rules = readings::rules_under(r, "empty-data-disk");
        let err = run_under(&rules, "default", &list).unwrap_err();
        assert_eq!(
            (err.status, err.code.as_ref(), err.message.as_ref()),
            (
                400,
                "OperationDenied",
                "The specified parameter DiskDeviceMapping.n.SnapshotId does not contain system disk snapshot."
            )
        );
    }
}
