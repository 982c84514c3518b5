//! Method 3, `DiskDeviceMapping.N`: syntax ([`parse`]) and the rules that look
//! at snapshots and the account ([`resolve`]).
//!
//! Syntax, entry by entry in N order: `DiskType` (`system`/`data`) →
//! `InvalidDiskType.ValueNotSupported`; `Size` (decimal GiB) →
//! `InvalidSize.ValueNotSupported`; `Device` (`/dev/xvd[a-z]` or
//! `/dev/vd[a-z]`) → `InvalidDevice.Malformed`.
//!
//! Resolution, in order: each snapshot usable (see
//! [`super::source::usable_snapshot`]); a system entry without a snapshot →
//! `InvalidSystemSnapshot.Missing`; no system entry / two or more →
//! `OperationDenied` (400); the system snapshot encrypted → `OperationDenied`
//! (400); a data-disk snapshot as system disk → `UserNotInTheWhiteList`, then
//! Platform and Architecture required; devices (family per category,
//! ambiguity `device-names`) → `InvalidDevice.Malformed`, duplicates →
//! `InvalidDevice.InUse`; sizes (ambiguity `empty-disk-category`) →
//! `InvalidSize.ValueNotSupported`.

use std::collections::BTreeSet;

use super::params::Params;
use super::source::usable_snapshot;
use crate::contract::errors;
use crate::contract::rules::{
    BASIC_DISK_CATEGORY, BASIC_DISK_DEFAULT_SIZE, BASIC_DISK_SIZE, DISK_DEFAULT_SIZE, DISK_SIZE,
};
use crate::emulator::error::ApiError;
use crate::emulator::mutants::Mutant;
use crate::emulator::world::World;
use crate::fixtures::{Account, DiskType, Snapshot};

/// A device-name family.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Family {
    /// `/dev/xvd?`: basic disks (and, per the method text, any disk).
    Xvd,
    /// `/dev/vd?`: every category but basic.
    Vd,
}

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
pub fn parse<'a>(params: &Params<'a>) -> Result<Vec<Entry<'a>>, ApiError> {
    let mut out = Vec::with_capacity(params.mappings.len());
    for (&n, raw) in &params.mappings {
        let disk_type = match raw.disk_type {
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
    account: &Account,
    entries: &[Entry<'_>],
    platform: Option<&str>,
    architecture: Option<&str>,
) -> Result<Vec<Disk>, ApiError> {
    let mut snapshots: Vec<Option<&Snapshot>> = Vec::with_capacity(entries.len());
    for entry in entries {
        snapshots.push(match entry.snapshot_id {
            Some(id) => Some(usable_snapshot(world, id)?),
            None => None,
        });
    }
    let types: Vec<DiskType> = entries
        .iter()
        .zip(&snapshots)
        .map(|(e, s)| {
            e.disk_type
                .or(s.map(|s| s.source_disk_type))
                .unwrap_or(DiskType::Data)
        })
        .collect();
    if types
        .iter()
        .zip(&snapshots)
        .any(|(t, s)| *t == DiskType::System && s.is_none())
    {
        return Err(errors::SYSTEM_SNAPSHOT_MISSING.into());
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
            if platform.is_none() {
                return Err(errors::PLATFORM_MALFORMED.into());
            }
            if architecture.is_none() {
                return Err(errors::ARCHITECTURE_MALFORMED.into());
            }
        }
    }
    let devices = devices(entries, &snapshots, &types, system)?;
    let mut disks = Vec::with_capacity(entries.len());
    for (i, entry) in entries.iter().enumerate() {
        let device = devices[i];
        let size = size(entry.size, snapshots[i], device)?;
        disks.push(Disk {
            snapshot_id: snapshots[i].map(|s| s.id.clone()),
            disk_type: types[i],
            device,
            size,
        });
    }
    Ok(disks)
}

fn is_basic(snapshot: &Snapshot) -> bool {
    snapshot.disk_category == BASIC_DISK_CATEGORY
}

/// Given devices checked against their category and for uniqueness; the
/// others assigned the first free letter (`a` first for the system disk).
fn devices(
    entries: &[Entry<'_>],
    snapshots: &[Option<&Snapshot>],
    types: &[DiskType],
    system: usize,
) -> Result<Vec<Device>, ApiError> {
    let mut used = BTreeSet::new();
    for (entry, snapshot) in entries.iter().zip(snapshots) {
        let Some(device) = entry.device else { continue };
        if snapshot.is_some_and(is_basic) && device.family == Family::Vd {
            return Err(errors::DEVICE_MALFORMED.into());
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
        let family = if snapshots[i].is_some_and(is_basic) {
            Family::Xvd
        } else {
            Family::Vd
        };
        let letters = if types[i] == DiskType::System {
            b'a'..=b'z'
        } else {
            b'b'..=b'z'
        };
        let free = letters
            .chain(std::iter::once(b'a'))
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
fn size(given: Option<u64>, snapshot: Option<&Snapshot>, device: Device) -> Result<u64, ApiError> {
    let (min, max, default) = match snapshot {
        Some(s) => {
            let max = if is_basic(s) {
                BASIC_DISK_SIZE.1
            } else {
                DISK_SIZE.1
            };
            (s.size, max.max(s.size), s.size)
        }
        None if device.family == Family::Xvd => (
            BASIC_DISK_SIZE.0,
            BASIC_DISK_SIZE.1,
            BASIC_DISK_DEFAULT_SIZE,
        ),
        None if Mutant::EmptyDiskDefaultSizeBasic.active() => {
            (DISK_SIZE.0, DISK_SIZE.1, BASIC_DISK_DEFAULT_SIZE)
        }
        None => (DISK_SIZE.0, DISK_SIZE.1, DISK_DEFAULT_SIZE),
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
    use crate::fixtures::Manifest;

    fn run_as(account: &str, list: &[(&str, &str)]) -> Result<Vec<Disk>, ApiError> {
        let manifest = Manifest::builtin();
        let pairs = super::super::bound_pairs(&manifest, list);
        let params = Params::parse(&pairs)?;
        let entries = parse(&params)?;
        let world = World::seed(&manifest);
        resolve(
            &world,
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
}
