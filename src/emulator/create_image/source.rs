//! Which source the image comes from, and the rules of methods 1 and 2.
//!
//! Priority `InstanceId` > `DiskDeviceMapping` > `SnapshotId`: the image is
//! made from the highest-priority source given; the others are ignored, or,
//! when the rules check them, the snapshots they name must exist
//! ([`check_lower_sources`]; ambiguity `source-priority`).
//! None given → `MissingParameter`, or the rules' answer to sources given
//! empty (by default `InvalidParameter.AllEmpty`; ambiguity
//! `all-empty-vs-missing-parameter`).
//!
//! Method 1 (instance), in order: not found; locked for security; status not
//! Running/Stopped; then over all disks, stage by stage: category, status,
//! encryption (system disk encrypted, or any disk when the rules deny
//! encrypted data disks → OperationDenied; encrypted data disk without KMS
//! access → KMSUnauthorized; ambiguity `encrypted-and-kms`), snapshot quota,
//! snapshot creation.
//!
//! Method 2 (snapshot): the usable-snapshot checks of [`usable_snapshot`]
//! (a `SnapshotId` that does not exist gets the rules' row, ambiguity
//! `snapshot-not-found-row`), then encrypted → OperationDenied 400, then
//! not from a system disk → OperationDenied 403.

use super::params::Params;
use crate::contract::choices::{DISK_CATEGORIES_DENIED, SNAPSHOT_CATEGORIES_DENIED};
use crate::contract::errors::ErrorRow;
use crate::contract::rule_set::{Foreign, SourceKind};
use crate::contract::{Rules, errors};
use crate::emulator::error::ApiError;
use crate::emulator::ids;
use crate::emulator::world::World;
use crate::fixtures::{DiskType, Snapshot};

/// The source the image is built from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source<'a> {
    Instance(&'a str),
    Mapping,
    Snapshot(&'a str),
}

impl Source<'_> {
    /// The kind of source, as the priority order names it.
    pub fn kind(self) -> SourceKind {
        match self {
            Source::Instance(_) => SourceKind::Instance,
            Source::Mapping => SourceKind::Mapping,
            Source::Snapshot(_) => SourceKind::Snapshot,
        }
    }
}

pub fn choose<'a>(params: &Params<'a>, rules: &Rules) -> Result<Source<'a>, ApiError> {
    let given = |kind: &SourceKind| match kind {
        SourceKind::Instance => params.instance_id.map(Source::Instance),
        SourceKind::Mapping => (!params.mappings.is_empty()).then_some(Source::Mapping),
        SourceKind::Snapshot => params.snapshot_id.map(Source::Snapshot),
    };
    if let Some(source) = rules.source_priority.iter().find_map(given) {
        Ok(source)
    } else if params.empty_source_given {
        Err(rules.empty_source.into())
    } else {
        Err(errors::SOURCE_MISSING.into())
    }
}

/// When the rules check them (ambiguity `source-priority`, reading
/// `lower-validated`): every snapshot that a source of lower priority than
/// `chosen` names exists, in priority order. A snapshot that does not exist
/// gets the rules' row for it (ambiguity `snapshot-not-found-row`); an
/// instance is no snapshot.
pub fn check_lower_sources(
    world: &World,
    rules: &Rules,
    params: &Params<'_>,
    chosen: Source<'_>,
) -> Result<(), ApiError> {
    if !rules.lower_source_snapshots_checked {
        return Ok(());
    }
    let exists = |id: &str, row: ErrorRow| {
        if world.snapshots.contains_key(id) {
            Ok(())
        } else {
            Err(ApiError::from(row))
        }
    };
    let lower = rules
        .source_priority
        .iter()
        .skip_while(|kind| **kind != chosen.kind())
        .skip(1);
    for kind in lower {
        match kind {
            SourceKind::Instance => {}
            SourceKind::Mapping => {
                for id in params.mappings.values().filter_map(|m| m.snapshot_id) {
                    exists(id, rules.snapshot_not_found)?;
                }
            }
            SourceKind::Snapshot => {
                if let Some(id) = params.snapshot_id {
                    exists(id, rules.snapshot_not_found)?;
                }
            }
        }
    }
    Ok(())
}

/// The resources the chosen source names belong to `account` or to every
/// account (rule `Account.own-resources`): a snapshot or instance of
/// another account is refused as the rules say (ambiguity
/// `foreign-resource`), before anything else about it is looked at.
pub fn check_owned(
    world: &World,
    rules: &Rules,
    account: &str,
    params: &Params<'_>,
    chosen: Source<'_>,
) -> Result<(), ApiError> {
    if !rules.account_scope.ownership_checked {
        return Ok(());
    }
    let foreign = |owner: &Option<String>| owner.as_deref().is_some_and(|o| o != account);
    let snapshot = |id: &str| match world.snapshots.get(id) {
        Some(s) if foreign(&s.owner) => Err(match rules.account_scope.foreign {
            Foreign::NotFound => rules.snapshot_not_found.into(),
            Foreign::NotAllowed => errors::SNAPSHOT_NOT_ALLOWED.into(),
            Foreign::ForbiddenRam => ApiError::forbidden_ram(),
            Foreign::ImageVersionRow => errors::IMAGE_VERSION_MALFORMED.into(),
        }),
        _ => Ok(()),
    };
    match chosen {
        Source::Instance(id) => match world.instances.get(id) {
            Some(i) if foreign(&i.owner) => Err(match rules.account_scope.foreign {
                Foreign::NotFound | Foreign::NotAllowed | Foreign::ImageVersionRow => {
                    errors::INSTANCE_NOT_FOUND.into()
                }
                Foreign::ForbiddenRam => ApiError::forbidden_ram(),
            }),
            _ => Ok(()),
        },
        Source::Snapshot(id) => snapshot(id),
        Source::Mapping => params
            .mappings
            .values()
            .take(if rules.account_scope.ownership_of_every_mapping {
                usize::MAX
            } else {
                1
            })
            .filter_map(|m| m.snapshot_id)
            .try_for_each(snapshot),
    }
}

/// Method 1: checks the instance and "creates" one snapshot per disk.
pub fn from_instance(world: &World, rules: &Rules, id: &str) -> Result<Vec<String>, ApiError> {
    let instance = world
        .instances
        .get(id)
        .ok_or(ApiError::from(errors::INSTANCE_NOT_FOUND))?;
    if rules.security_lock_checked && instance.lock_reason.as_deref() == Some("security") {
        return Err(errors::INSTANCE_LOCKED_FOR_SECURITY.into());
    }
    if !rules
        .instance_states_allowed
        .contains(&instance.status.as_str())
    {
        return Err(errors::INSTANCE_STATUS_INCORRECT.into());
    }
    let disks = &instance.disks;
    if disks
        .iter()
        .any(|d| DISK_CATEGORIES_DENIED.contains(&d.category.as_str()))
    {
        return Err(errors::DISK_CATEGORY_NOT_ALLOWED.into());
    }
    for disk in disks {
        // Ambiguity `disk-status`.
        match disk.status.as_str() {
            "In_use" | "Available" => {}
            "Transferring" => return Err(errors::DISK_TRANSFERRING.into()),
            "CreatingSnapshot" => return Err(errors::DISK_CREATING_SNAPSHOT.into()),
            "Invalid" => return Err(errors::DISK_STATUS_INVALID.into()),
            _ => return Err(errors::DISK_STATUS_INCORRECT.into()),
        }
    }
    // Ambiguity `encrypted-and-kms`.
    let denied = |disk_type| disk_type == DiskType::System || rules.encrypted_data_disks_denied;
    if disks.iter().any(|d| d.encrypted && denied(d.disk_type)) {
        return Err(errors::ENCRYPTED_SOURCE_DENIED.into());
    }
    if disks.iter().any(|d| d.encrypted && !d.kms_authorized) {
        return Err(errors::KMS_UNAUTHORIZED.into());
    }
    if disks.iter().any(|d| d.snapshot_quota_exhausted) {
        return Err(errors::SNAPSHOT_QUOTA_EXCEEDED.into());
    }
    if disks.iter().any(|d| d.snapshot_fails) {
        return Err(errors::SNAPSHOT_CREATION_FAILED.into());
    }
    Ok(disks.iter().map(|_| ids::snapshot_id()).collect())
}

/// Method 2: a system-disk snapshot.
pub fn from_snapshot(world: &World, rules: &Rules, id: &str) -> Result<Vec<String>, ApiError> {
    let snapshot = usable_snapshot(world, rules, id, rules.snapshot_not_found)?;
    if snapshot.encrypted {
        return Err(errors::ENCRYPTED_SOURCE_DENIED.into());
    }
    if snapshot.source_disk_type != DiskType::System {
        return Err(errors::SNAPSHOT_NOT_SYSTEM_DISK.into());
    }
    Ok(vec![snapshot.id.clone()])
}

/// A snapshot that exists and may back an image, in this order: not found
/// (`not_found`), not ready (status other than `accomplished`), too old (created before the
/// rules' first usable day, ambiguity `snapshot-too-old-date`), category
/// (`flash`, `archive`), not allowed to create images.
pub fn usable_snapshot<'w>(
    world: &'w World,
    rules: &Rules,
    id: &str,
    not_found: ErrorRow,
) -> Result<&'w Snapshot, ApiError> {
    let snapshot = world.snapshots.get(id).ok_or(ApiError::from(not_found))?;
    if snapshot.status != "accomplished" {
        return Err(errors::SNAPSHOT_NOT_READY.into());
    }
    if snapshot
        .created_date()
        .is_none_or(|d| d < rules.first_usable_snapshot_day)
    {
        return Err(errors::SNAPSHOT_TOO_OLD.into());
    }
    if SNAPSHOT_CATEGORIES_DENIED.contains(&snapshot.category.as_str()) {
        return Err(errors::SNAPSHOT_CATEGORY_DENIED.into());
    }
    if !snapshot.allowed_to_create_image {
        return Err(errors::SNAPSHOT_NOT_ALLOWED.into());
    }
    Ok(snapshot)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::readings;
    use crate::fixtures::Manifest;

    const RULES: Rules = Rules::reference();

    fn world() -> World {
        World::seed(&Manifest::builtin())
    }

    fn id(reference: &str) -> String {
        Manifest::builtin().bindings()[reference].clone()
    }

    fn instance_code(reference: &str) -> String {
        from_instance(&world(), &RULES, &id(reference))
            .unwrap_err()
            .code
            .into_owned()
    }

    fn snapshot_code(reference: &str) -> String {
        from_snapshot(&world(), &RULES, &id(reference))
            .unwrap_err()
            .code
            .into_owned()
    }

    #[test]
    fn instance_id_outranks_mapping_and_snapshot() {
        let pairs = vec![
            ("SnapshotId".to_owned(), "s-nope".to_owned()),
            ("InstanceId".to_owned(), "i-1".to_owned()),
            (
                "DiskDeviceMapping.1.SnapshotId".to_owned(),
                "s-2".to_owned(),
            ),
        ];
        let params = Params::parse(&pairs, &RULES).unwrap();
        assert_eq!(choose(&params, &RULES).unwrap(), Source::Instance("i-1"));
    }

    #[test]
    fn mapping_outranks_snapshot() {
        let pairs = vec![
            ("SnapshotId".to_owned(), "s-nope".to_owned()),
            (
                "DiskDeviceMapping.1.SnapshotId".to_owned(),
                "s-2".to_owned(),
            ),
        ];
        let params = Params::parse(&pairs, &RULES).unwrap();
        assert_eq!(choose(&params, &RULES).unwrap(), Source::Mapping);
    }

    #[test]
    fn no_source_is_missing_parameter_and_empty_sources_are_all_empty() {
        let none: Vec<(String, String)> = vec![("ImageName".into(), "abc".into())];
        assert_eq!(
            choose(&Params::parse(&none, &RULES).unwrap(), &RULES)
                .unwrap_err()
                .code,
            "MissingParameter"
        );
        let empty: Vec<(String, String)> = vec![("SnapshotId".into(), String::new())];
        let err = choose(&Params::parse(&empty, &RULES).unwrap(), &RULES).unwrap_err();
        assert_eq!(err.code, "InvalidParameter.AllEmpty");
        assert_eq!(err.message, crate::contract::errors::ALL_EMPTY_MESSAGE);
    }

    #[test]
    fn running_and_stopped_instances_make_one_snapshot_per_disk() {
        assert_eq!(
            from_instance(&world(), &RULES, &id("instance.running"))
                .unwrap()
                .len(),
            2
        );
        assert_eq!(
            from_instance(&world(), &RULES, &id("instance.stopped"))
                .unwrap()
                .len(),
            1
        );
    }

    #[test]
    fn instance_rules_each_reachable_through_a_fixture() {
        assert_eq!(
            from_instance(&world(), &RULES, "i-nope").unwrap_err().code,
            "InvalidInstanceId.NotFound"
        );
        assert_eq!(
            instance_code("instance.starting"),
            "IncorrectInstanceStatus"
        );
        assert_eq!(
            instance_code("instance.locked"),
            "InstanceLockedForSecurity"
        );
        assert_eq!(
            instance_code("instance.disk-transferring"),
            "IncorrectDiskStatus.Transferring"
        );
        assert_eq!(
            instance_code("instance.disk-creating-snapshot"),
            "IncorrectDiskStatus.CreatingSnapshot"
        );
        assert_eq!(
            instance_code("instance.disk-invalid"),
            "IncorrectDiskStatus.Invalid"
        );
        assert_eq!(
            instance_code("instance.disk-expired"),
            "IncorrectDiskStatus"
        );
        assert_eq!(
            instance_code("instance.local-disk"),
            "InvalidDiskCategory.CreateImage"
        );
        assert_eq!(
            instance_code("instance.snapshot-quota-full"),
            "QuotaExceed.Snapshot"
        );
        assert_eq!(
            instance_code("instance.encrypted-system"),
            "OperationDenied"
        );
        assert_eq!(
            instance_code("instance.kms-unauthorized"),
            "InvalidParameter.KMSKeyId.KMSUnauthorized"
        );
        assert_eq!(instance_code("instance.snapshot-fails"), "InternalError");
        assert!(from_instance(&world(), &RULES, &id("instance.encrypted-data")).is_ok());
    }

    #[test]
    fn snapshot_rules_each_reachable_through_a_fixture() {
        assert!(from_snapshot(&world(), &RULES, &id("snapshot.system")).is_ok());
        assert!(from_snapshot(&world(), &RULES, &id("snapshot.day-after-cutoff")).is_ok());
        assert_eq!(
            from_snapshot(&world(), &RULES, "s-nope").unwrap_err().code,
            "InvalidSnapshotId.NotFound"
        );
        assert_eq!(snapshot_code("snapshot.too-old"), "InvalidSnapshot.TooOld");
        assert_eq!(
            snapshot_code("snapshot.cutoff-day"),
            "InvalidSnapshot.TooOld"
        );
        assert_eq!(
            snapshot_code("snapshot.not-ready"),
            "InvalidSnapshotId.NotReady"
        );
        assert_eq!(
            snapshot_code("snapshot.failed"),
            "InvalidSnapshotId.NotReady"
        );
        assert_eq!(
            snapshot_code("snapshot.flash"),
            "OperationDenied.InvalidSnapshotCategory"
        );
        let not_allowed = from_snapshot(&world(), &RULES, &id("snapshot.not-allowed")).unwrap_err();
        assert_eq!(
            (not_allowed.status, not_allowed.message.as_ref()),
            (
                403,
                "The specified snapshot is not allowed to create image."
            )
        );
        let encrypted = from_snapshot(&world(), &RULES, &id("snapshot.encrypted")).unwrap_err();
        assert_eq!(encrypted.status, 400);
        let data = from_snapshot(&world(), &RULES, &id("snapshot.data")).unwrap_err();
        assert_eq!(
            data.message,
            "The specified snapshot is not from system disk."
        );
    }

    #[test]
    fn a_snapshot_of_the_cutoff_day_is_usable_strictly_before() {
        let rules = readings::rules_under(readings::SNAPSHOT_TOO_OLD_DATE, "strictly-before");
        assert!(from_snapshot(&world(), &rules, &id("snapshot.cutoff-day")).is_ok());
        assert_eq!(
            from_snapshot(&world(), &rules, &id("snapshot.too-old"))
                .unwrap_err()
                .code,
            "InvalidSnapshot.TooOld"
        );
    }

    #[test]
    fn an_encrypted_data_disk_is_denied_when_any_encrypted_disk_is() {
        let rules = readings::rules_under(readings::ENCRYPTED_AND_KMS, "any-encrypted-disk-denied");
        let err = from_instance(&world(), &rules, &id("instance.encrypted-data")).unwrap_err();
        assert_eq!((err.status, err.code.as_ref()), (400, "OperationDenied"));
        assert!(from_instance(&world(), &rules, &id("instance.running")).is_ok());
    }

    #[test]
    fn a_missing_top_level_snapshot_is_a_missing_system_snapshot_under_that_reading() {
        let rules =
            readings::rules_under(readings::SNAPSHOT_NOT_FOUND_ROW, "system-snapshot-missing");
        let err = from_snapshot(&world(), &rules, "s-nope").unwrap_err();
        assert_eq!(
            (err.status, err.code.as_ref()),
            (403, "InvalidSystemSnapshot.Missing")
        );
        assert!(from_snapshot(&world(), &rules, &id("snapshot.system")).is_ok());
    }

    fn lower(rules: &Rules, pairs: &[(&str, &str)]) -> Result<(), ApiError> {
        let pairs: Vec<(String, String)> = pairs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let params = Params::parse(&pairs, rules).unwrap();
        let chosen = choose(&params, rules).unwrap();
        check_lower_sources(&world(), rules, &params, chosen)
    }

    #[test]
    fn lower_sources_are_ignored_by_default_and_their_snapshots_must_exist_under_that_reading() {
        let validated = readings::rules_under(readings::SOURCE_PRIORITY, "lower-validated");
        let instance = id("instance.running");
        let system = id("snapshot.system");
        let missing_snapshot = [("InstanceId", instance.as_str()), ("SnapshotId", "s-nope")];
        assert!(lower(&RULES, &missing_snapshot).is_ok());
        assert_eq!(
            lower(&validated, &missing_snapshot).unwrap_err().code,
            "InvalidSnapshotId.NotFound"
        );
        let missing_mapping = [
            ("SnapshotId", system.as_str()),
            ("DiskDeviceMapping.1.SnapshotId", "s-nope"),
        ];
        // The mapping is the chosen source here: checked as a source, not as a lower one.
        assert!(lower(&validated, &missing_mapping).is_ok());
        let lower_mapping = [
            ("InstanceId", instance.as_str()),
            ("DiskDeviceMapping.1.SnapshotId", "s-nope"),
        ];
        assert_eq!(
            lower(&validated, &lower_mapping).unwrap_err().code,
            "InvalidSnapshotId.NotFound"
        );
        let all_there = [
            ("InstanceId", instance.as_str()),
            ("DiskDeviceMapping.1.SnapshotId", system.as_str()),
            ("SnapshotId", system.as_str()),
        ];
        assert!(lower(&validated, &all_there).is_ok());
        let mut both = validated;
        both.snapshot_not_found = crate::contract::errors::SYSTEM_SNAPSHOT_MISSING;
        assert_eq!(
            lower(&both, &missing_snapshot).unwrap_err().code,
            "InvalidSystemSnapshot.Missing"
        );
        assert_eq!(
            lower(&both, &lower_mapping).unwrap_err().code,
            "InvalidSystemSnapshot.Missing"
        );
    }

    #[test]
    fn sources_given_empty_are_missing_under_that_reading() {
        let rules = readings::rules_under(
            readings::ALL_EMPTY_VS_MISSING_PARAMETER,
            "missing-parameter",
        );
        let empty: Vec<(String, String)> = vec![("SnapshotId".into(), String::new())];
        let err = choose(&Params::parse(&empty, &rules).unwrap(), &rules).unwrap_err();
        assert_eq!(err.code, "MissingParameter");
    }

    #[test]
    fn an_empty_mapping_snapshot_is_an_empty_disk_under_that_reading() {
        let rules =
            readings::rules_under(readings::ALL_EMPTY_VS_MISSING_PARAMETER, "empty-data-disk");
        let empty: Vec<(String, String)> =
            vec![("DiskDeviceMapping.1.SnapshotId".into(), String::new())];
        let params = Params::parse(&empty, &rules).unwrap();
        assert_eq!(choose(&params, &rules).unwrap(), Source::Mapping);
        assert!(params.mappings[&1].snapshot_id.is_none());
        let err = choose(&Params::parse(&empty, &RULES).unwrap(), &RULES).unwrap_err();
        assert_eq!(err.code, "InvalidParameter.AllEmpty");
    }

    /// The code `account` gets for `pairs` from the ownership check.
    fn owned(rules: &Rules, account: &str, pairs: &[(&str, &str)]) -> Option<String> {
        let pairs: Vec<(String, String)> =
            pairs.iter().map(|(k, v)| (k.to_string(), id(v))).collect();
        let params = Params::parse(&pairs, rules).unwrap();
        let chosen = choose(&params, rules).unwrap();
        check_owned(&world(), rules, account, &params, chosen)
            .err()
            .map(|e| e.code.into_owned())
    }

    #[test]
    fn a_resource_with_an_owner_is_not_found_for_every_other_account() {
        let snapshot = [("SnapshotId", "snapshot.other-system")];
        let instance = [("InstanceId", "instance.other-running")];
        let mapping = [("DiskDeviceMapping.1.SnapshotId", "snapshot.other-system")];
        for pairs in [&snapshot[..], &instance, &mapping] {
            assert_eq!(owned(&RULES, "other", pairs), None);
        }
        let not_found = |pairs| owned(&RULES, "default", pairs);
        assert_eq!(
            not_found(&snapshot).as_deref(),
            Some("InvalidSnapshotId.NotFound")
        );
        assert_eq!(
            not_found(&mapping).as_deref(),
            Some("InvalidSnapshotId.NotFound")
        );
        assert_eq!(
            not_found(&instance).as_deref(),
            Some("InvalidInstanceId.NotFound")
        );
        assert_eq!(
            owned(&RULES, "default", &[("SnapshotId", "snapshot.system")]),
            None
        );
        let mut not_allowed = RULES;
        not_allowed.account_scope.foreign = Foreign::NotAllowed;
        assert_eq!(
            owned(&not_allowed, "default", &snapshot).as_deref(),
            Some("OperationDenied")
        );
        assert_eq!(
            owned(&not_allowed, "default", &instance).as_deref(),
            Some("InvalidInstanceId.NotFound")
        );
        let mut forbidden = RULES;
        forbidden.account_scope.foreign = Foreign::ForbiddenRam;
        for request in [&snapshot, &instance] {
            assert_eq!(
                owned(&forbidden, "default", request).as_deref(),
                Some("Forbidden.RAM")
            );
        }
        let mut version_row = RULES;
        version_row.account_scope.foreign = Foreign::ImageVersionRow;
        assert_eq!(
            owned(&version_row, "default", &snapshot).as_deref(),
            Some("InvalidImageVersion.Malformed")
        );
        assert_eq!(
            owned(&version_row, "default", &instance).as_deref(),
            Some("InvalidInstanceId.NotFound")
        );
        let mut ignored = RULES;
        ignored.account_scope.ownership_checked = false;
        assert_eq!(owned(&ignored, "default", &snapshot), None);
    }
}
