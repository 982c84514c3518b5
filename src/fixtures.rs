//! The fixture manifest, `cases/fixtures.yaml`: every account and resource a
//! case may name (`{{fixture.instance.running}}`), with the properties the
//! rules look at and the deterministic id the reference emulator seeds.
//!
//! [`Manifest`] is read by the runner (to bind `{{fixture.REF}}` and to sign
//! with an account's key) and by the emulator (to seed its world). It is a
//! contract of its own for emulator authors: `docs/fixtures.md` says what
//! every kind and field means, `docs/fixtures.schema.json` is generated from
//! these types ([`crate::schemas`]), and `createimage-contract fixtures
//! --json` prints the manifest [`Resolved`]: every default filled in, as
//! plain JSON any language loads.
//!
//! ```yaml
//! accounts:
//!   - name: default
//!     access_key_id: emulator-default-key
//!     access_key_secret: emulator-default-secret
//! instances:
//!   - name: running
//!     id: i-emu0running00000001
//!     status: Running
//!     disks:
//!       - { name: running-system, id: d-emu0running00000001, type: system, category: cloud_essd, size: 40 }
//! snapshots:
//!   - { name: system, id: s-emu0system000000001, source_disk_type: system, size: 40, created: "2023-01-10" }
//! resource_groups:
//!   - { name: default, id: rg-emu0default0000001 }
//! client_tokens:
//!   - name: in-progress
//!     token: emulator-token-in-progress-0001
//!     owner: default
//!     first_request: { InstanceId: i-emu0running00000001 }
//! ```
//!
//! Besides what serde checks (types, unknown fields), [`Manifest::parse`]
//! checks what the schema says but serde cannot: unique names, keys and ids,
//! ids of their kind's shape, dates, the snapshot statuses and categories
//! the rules know, one system disk listed first, and client tokens whose
//! owner exists and whose first request names only operation parameters.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::wire::credentials::Credentials;

/// Snapshot statuses: only `accomplished` may back an image.
pub const SNAPSHOT_STATUSES: [&str; 3] = ["accomplished", "progressing", "failed"];
/// Snapshot categories: `flash` and `archive` cannot back an image.
pub const SNAPSHOT_CATEGORIES: [&str; 3] = ["standard", "flash", "archive"];

/// The whole manifest. Its JSON Schema (`docs/fixtures.schema.json`) is
/// derived from this type; `docs/fixtures.md` says what each field drives.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "createimage-contract fixture manifest")]
pub struct Manifest {
    /// Accounts that sign requests; a case picks one with `account:`
    /// (default `default`).
    pub accounts: Vec<Account>,
    /// Resource groups (`ResourceGroupId`): `resource-group.NAME`.
    #[serde(default)]
    pub resource_groups: Vec<ResourceGroup>,
    /// Instances and their disks (`InstanceId`): `instance.NAME`,
    /// `disk.NAME`.
    #[serde(default)]
    pub instances: Vec<Instance>,
    /// Snapshots (`SnapshotId`, `DiskDeviceMapping.N.SnapshotId`):
    /// `snapshot.NAME`.
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    /// Client tokens whose first request is still being processed:
    /// `client-token.NAME`.
    #[serde(default)]
    pub client_tokens: Vec<ClientToken>,
}

/// An account: its key pair and the state the account rules look at.
/// Images, image names, client tokens and the image quota are the
/// account's own.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Account {
    /// The name cases use (`account: no-balance`).
    pub name: String,
    /// AccessKeyId: a TEST-ONLY key of a local emulator, never a secret.
    #[schemars(length(min = 1))]
    pub access_key_id: String,
    /// AccessKeySecret: TEST-ONLY, like the key id.
    #[schemars(length(min = 1))]
    pub access_key_secret: String,
    /// STS: the security token the account's temporary key pair comes with,
    /// sent with every request of the account (`SecurityToken` in V1,
    /// `x-acs-security-token` in V3). Absent (null): a long-term key pair.
    #[serde(default)]
    #[schemars(length(min = 1))]
    pub security_token: Option<String>,
    /// Custom images the account may own: a request that would make it own
    /// more answers `403 QuotaExceed.Image` (rule `Account.image-quota`).
    #[serde(default = "default_image_quota")]
    pub image_quota: u32,
    /// Custom images the account owns before any request.
    #[serde(default)]
    pub images_used: u32,
    /// `none`: `403 InvalidAccountStatus.NotEnoughBalance` (rule
    /// `Account.balance`).
    #[serde(default)]
    pub balance: Balance,
    /// `disabled`: `403 InvalidAccountStatus.SnapshotServiceUnavailable`
    /// (rule `Account.snapshot-service`).
    #[serde(default)]
    pub snapshot_service: Service,
    /// May make a system disk from a data-disk snapshot
    /// (`DiskDeviceMapping.N.DiskType=system` with a snapshot whose
    /// `source_disk_type` is `data`); `false`: `403 UserNotInTheWhiteList`
    /// (rule `Account.data-disk-whitelist`).
    #[serde(default)]
    pub data_disk_image_whitelisted: bool,
    /// Every `CreateImage` of the account whose parameters are well formed
    /// fails with `500 InternalError`, "The request processing has failed
    /// due to some unknown error, exception or failure." (rule
    /// `Account.internal-error`).
    #[serde(default)]
    pub fail: bool,
}

fn default_image_quota() -> u32 {
    100_000
}

/// An account's balance.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    /// Enough to pay for images and snapshots.
    #[default]
    Ok,
    /// Not enough: `403 InvalidAccountStatus.NotEnoughBalance`.
    None,
}

/// Whether the account's snapshot service is opened.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    #[default]
    Enabled,
    /// `403 InvalidAccountStatus.SnapshotServiceUnavailable`.
    Disabled,
}

/// A resource group (`ResourceGroupId`): any id not listed answers
/// `404 InvalidResourceGroup.NotFound` (rule `ResourceGroupId.exists`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceGroup {
    pub name: String,
    /// `rg-` then lowercase letters, digits and `-`.
    #[schemars(regex(pattern = r"^rg-[a-z0-9-]{1,61}$"))]
    pub id: String,
}

/// An instance and its disks (`InstanceId`). Any instance id not listed
/// answers `404 InvalidInstanceId.NotFound` (rule `InstanceId.exists`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub name: String,
    /// The account (`accounts[].name`) the instance belongs to. Absent
    /// (null): every account of the manifest may use it. Another account
    /// naming it gets `404 InvalidInstanceId.NotFound` or `403
    /// Forbidden.RAM` (rule `Account.own-resources`, ambiguity
    /// `foreign-resource`).
    #[serde(default)]
    pub owner: Option<String>,
    /// `i-` then lowercase letters, digits and `-`.
    #[schemars(regex(pattern = r"^i-[a-z0-9-]{1,62}$"))]
    pub id: String,
    /// `Running` and `Stopped` may make an image; any other status
    /// (`Starting`, `Stopping`, `Pending`, …) answers
    /// `400 IncorrectInstanceStatus` (rule `InstanceId.status`).
    #[schemars(extend("examples" = ["Running", "Stopped", "Starting"]))]
    pub status: String,
    /// `security`: `400 InstanceLockedForSecurity` (rule
    /// `InstanceId.locked`). Absent (null): not locked; no other reason
    /// changes an answer.
    #[serde(default)]
    #[schemars(extend("examples" = ["security"]))]
    pub lock_reason: Option<String>,
    /// The disks attached: exactly one system disk, listed first, then the
    /// data disks in the order they were attached. The instance's checks
    /// look at every disk stage by stage (category, status, encryption, KMS,
    /// snapshot quota, snapshot creation); within a stage the first disk in
    /// this order that fails decides the answer.
    #[schemars(length(min = 1))]
    pub disks: Vec<Disk>,
}

/// `system` or `data`.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, JsonSchema, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DiskType {
    System,
    Data,
}

/// A disk attached to an instance. No `CreateImage` parameter takes a disk
/// id: `disk.NAME` exists so that a profile can say which disk of a real
/// target an instance fixture's disk is; no case sends it.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Disk {
    pub name: String,
    /// `d-` then lowercase letters, digits and `-`.
    #[schemars(regex(pattern = r"^d-[a-z0-9-]{1,62}$"))]
    pub id: String,
    #[serde(rename = "type")]
    pub disk_type: DiskType,
    /// `cloud` (a basic disk), `cloud_efficiency`, `cloud_ssd`,
    /// `cloud_essd`, …; `local_ssd_pro`, `local_hdd_pro`, `ephemeral` and
    /// `ephemeral_ssd` cannot back an image: `400
    /// InvalidDiskCategory.CreateImage` (rule `InstanceId.disk-category`).
    #[schemars(extend("examples" = ["cloud_essd", "cloud_efficiency", "cloud", "local_ssd_pro"]))]
    pub category: String,
    /// GiB.
    pub size: u64,
    /// `In_use` (default) or `Available`: usable. `Transferring`,
    /// `CreatingSnapshot`, `Invalid`: `403
    /// IncorrectDiskStatus.Transferring`, `.CreatingSnapshot`, `.Invalid`;
    /// any other (`Expired`, …): `403 IncorrectDiskStatus` (rule
    /// `InstanceId.disk-status`).
    #[serde(default = "default_disk_status")]
    #[schemars(extend("examples" = ["In_use", "Available", "Transferring", "CreatingSnapshot", "Invalid", "Expired"]))]
    pub status: String,
    /// An encrypted system disk answers `400 OperationDenied` ("Not support
    /// creating system image from an encrypted snapshot/disk."); an
    /// encrypted data disk is allowed when `kms_authorized` (rule
    /// `InstanceId.not-encrypted`, ambiguity `encrypted-and-kms`).
    #[serde(default)]
    pub encrypted: bool,
    /// ECS may use the disk's KMS key; `false` on an encrypted disk:
    /// `403 InvalidParameter.KMSKeyId.KMSUnauthorized`.
    #[serde(default = "yes")]
    pub kms_authorized: bool,
    /// The disk's snapshot quota is used up: `403 QuotaExceed.Snapshot`
    /// (rule `InstanceId.snapshot-quota`).
    #[serde(default)]
    pub snapshot_quota_exhausted: bool,
    /// Creating a snapshot of this disk fails: `500 InternalError`, "The
    /// process of creating snapshot has failed due to some unknown error."
    /// (rule `InstanceId.snapshot-creation`).
    #[serde(default)]
    pub snapshot_fails: bool,
}

fn default_disk_status() -> String {
    "In_use".to_owned()
}

fn yes() -> bool {
    true
}

/// A snapshot (`SnapshotId`, `DiskDeviceMapping.N.SnapshotId`). Any
/// snapshot id not listed answers `404 InvalidSnapshotId.NotFound`.
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub name: String,
    /// The account (`accounts[].name`) the snapshot belongs to. Absent
    /// (null): every account of the manifest may use it. Another account
    /// naming it may not make an image of it: the not-found row of
    /// snapshots (`404 InvalidSnapshotId.NotFound` or `403
    /// InvalidSystemSnapshot.Missing`), `403 OperationDenied`, `403
    /// Forbidden.RAM` or `400 InvalidImageVersion.Malformed` (rule
    /// `Account.own-resources`, ambiguity `foreign-resource`).
    #[serde(default)]
    pub owner: Option<String>,
    /// `s-` then lowercase letters, digits and `-`.
    #[schemars(regex(pattern = r"^s-[a-z0-9-]{1,62}$"))]
    pub id: String,
    /// The disk it was taken of. `data` given as `SnapshotId`: `403
    /// OperationDenied`, "The specified snapshot is not from system disk."
    /// (rule `SnapshotId.system-disk`); as a mapping's system disk, see
    /// `data_disk_image_whitelisted`.
    pub source_disk_type: DiskType,
    /// Category of the source disk (default `cloud_essd`). `cloud` (a basic
    /// disk): a mapping entry of it takes `/dev/xvd?` devices and 5 to 2000
    /// GiB; any other, `/dev/vd?` or `/dev/xvd?` and 20 to 32768 GiB
    /// (ambiguity `device-names`).
    #[serde(default = "default_disk_category")]
    #[schemars(extend("examples" = ["cloud_essd", "cloud"]))]
    pub disk_category: String,
    /// Snapshot category (default `standard`); `flash` and `archive`
    /// answer `403 OperationDenied.InvalidSnapshotCategory` (rule
    /// `SnapshotId.category`).
    #[serde(default = "default_snapshot_category")]
    #[schemars(extend("enum" = SNAPSHOT_CATEGORIES))]
    pub category: String,
    /// GiB: a mapping entry's `Size` may not be smaller (rule
    /// `DiskDeviceMapping.size.at-least-snapshot`).
    pub size: u64,
    /// Creation date, `YYYY-MM-DD` (UTC), a quoted string. On or before
    /// 2013-07-15: `403 InvalidSnapshot.TooOld` (rule
    /// `SnapshotId.created-after-cutoff`, ambiguity `snapshot-too-old-date`).
    #[schemars(regex(pattern = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"))]
    pub created: String,
    /// `accomplished` (default) may back an image; `progressing` and
    /// `failed` answer `403 InvalidSnapshotId.NotReady` (rule
    /// `SnapshotId.ready`).
    #[serde(default = "default_snapshot_status")]
    #[schemars(extend("enum" = SNAPSHOT_STATUSES))]
    pub status: String,
    /// As `SnapshotId` or a mapping's system disk: `400 OperationDenied`,
    /// "Not support creating system image from an encrypted snapshot/disk."
    /// (rule `SnapshotId.not-encrypted`).
    #[serde(default)]
    pub encrypted: bool,
    /// `false`: `403 OperationDenied`, "The specified snapshot is not
    /// allowed to create image." (rule `SnapshotId.allowed`).
    #[serde(default = "yes")]
    pub allowed_to_create_image: bool,
}

fn default_disk_category() -> String {
    "cloud_essd".to_owned()
}

fn default_snapshot_category() -> String {
    "standard".to_owned()
}

fn default_snapshot_status() -> String {
    "accomplished".to_owned()
}

impl Snapshot {
    /// The creation date (validated when the manifest is read).
    pub fn created_date(&self) -> Option<time::Date> {
        parse_date(&self.created)
    }
}

/// A `ClientToken` whose first request is still being processed. Its
/// `owner` sent `first_request` with it; while that request is in progress
/// the token, sent again by the owner with other parameters, answers `403
/// InvalidParamter.Conflict` (rule `ClientToken.in-progress`, ambiguity
/// `client-token-mismatch`).
#[derive(Clone, Debug, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClientToken {
    pub name: String,
    /// The `ClientToken` value.
    #[schemars(length(min = 1, max = 64))]
    pub token: String,
    /// The account (`accounts[].name`) that sent the first request: tokens
    /// are an account's own.
    pub owner: String,
    /// The operation parameters of the first request (no common parameter,
    /// no `RegionId`, no `ClientToken`), ids as written in this manifest.
    /// The cases send the token with other parameters.
    #[schemars(length(min = 1))]
    pub first_request: BTreeMap<String, String>,
}

/// The manifest with every default filled in, and every fixture reference
/// with its id: what `createimage-contract fixtures --json` prints for an
/// emulator written in any language to seed itself from. Its schema is
/// `$defs/ResolvedManifest` of `docs/fixtures.schema.json`.
#[derive(Clone, Debug, Serialize, JsonSchema)]
#[schemars(title = "createimage-contract fixture manifest, resolved")]
pub struct Resolved {
    /// The manifest, every field present (absent options are null).
    #[serde(flatten)]
    pub manifest: Manifest,
    /// Every fixture reference a case may use in `{{fixture.REF}}` →
    /// what it stands for: `instance.running` → `i-…`, `disk.NAME`,
    /// `snapshot.NAME`, `resource-group.NAME` → their ids;
    /// `client-token.NAME` → the token.
    pub references: BTreeMap<String, String>,
}

/// Why a manifest could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    #[error("failed to read {}: {source}", path.display())]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{}:{line}:{column}: {message}", path.display())]
    Parse {
        path: PathBuf,
        line: u64,
        column: u64,
        message: String,
    },
    #[error("{}: {message}", path.display())]
    Invalid { path: PathBuf, message: String },
}

impl Manifest {
    /// Reads and validates a manifest file.
    pub fn load(path: &Path) -> Result<Manifest, ManifestError> {
        let text = std::fs::read_to_string(path).map_err(|source| ManifestError::Io {
            path: path.to_owned(),
            source,
        })?;
        Manifest::parse(&text, path)
    }

    /// Parses and validates manifest text; `path` is used in messages.
    pub fn parse(text: &str, path: &Path) -> Result<Manifest, ManifestError> {
        let manifest: Manifest = serde_saphyr::from_str(text).map_err(|err| {
            let (line, column) = err
                .location()
                .map(|loc| (loc.line(), loc.column()))
                .unwrap_or((1, 1));
            ManifestError::Parse {
                path: path.to_owned(),
                line,
                column,
                message: err.to_string(),
            }
        })?;
        manifest
            .validate()
            .map_err(|message| ManifestError::Invalid {
                path: path.to_owned(),
                message,
            })?;
        Ok(manifest)
    }

    fn validate(&self) -> Result<(), String> {
        let mut keys = BTreeSet::new();
        let mut names = BTreeSet::new();
        for account in &self.accounts {
            if !names.insert(account.name.as_str()) {
                return Err(format!("account `{}` is declared twice", account.name));
            }
            if !keys.insert(account.access_key_id.as_str()) {
                return Err(format!(
                    "access key id `{}` is used by two accounts",
                    account.access_key_id
                ));
            }
            if account.access_key_id.is_empty()
                || account.access_key_secret.is_empty()
                || account.security_token.as_deref() == Some("")
            {
                return Err(format!(
                    "account `{}` has an empty key or security token",
                    account.name
                ));
            }
        }
        let mut ids = BTreeSet::new();
        for (reference, id) in self.bindings_with_duplicates()? {
            let prefix = match reference.split_once('.').map(|(kind, _)| kind) {
                Some("instance") => "i-",
                Some("disk") => "d-",
                Some("snapshot") => "s-",
                Some("resource-group") => "rg-",
                _ => "",
            };
            let shaped = id.starts_with(prefix)
                && id.len() > prefix.len()
                && id.len() <= 64
                && id
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
            if !shaped {
                return Err(format!(
                    "{reference}: id `{id}` must be `{prefix}` followed by lowercase letters and digits"
                ));
            }
            if !ids.insert(id) {
                return Err(format!("{reference}: id `{id}` is used twice"));
            }
        }
        let owners = self
            .snapshots
            .iter()
            .map(|s| (format!("snapshot.{}", s.name), &s.owner))
            .chain(
                self.instances
                    .iter()
                    .map(|i| (format!("instance.{}", i.name), &i.owner)),
            );
        for (reference, owner) in owners {
            if let Some(owner) = owner
                && self.account(owner).is_none()
            {
                return Err(format!(
                    "{reference}: owner `{owner}` is not an account of the manifest"
                ));
            }
        }
        for snapshot in &self.snapshots {
            let name = &snapshot.name;
            if snapshot.created_date().is_none() {
                return Err(format!(
                    "snapshot.{name}: created `{}` is not a date (YYYY-MM-DD)",
                    snapshot.created
                ));
            }
            one_of(name, "status", &snapshot.status, &SNAPSHOT_STATUSES)?;
            one_of(name, "category", &snapshot.category, &SNAPSHOT_CATEGORIES)?;
        }
        for instance in &self.instances {
            let systems = instance
                .disks
                .iter()
                .filter(|d| d.disk_type == DiskType::System)
                .count();
            if systems != 1 {
                return Err(format!(
                    "instance.{}: must have exactly one system disk (has {systems})",
                    instance.name
                ));
            }
            if instance.disks[0].disk_type != DiskType::System {
                return Err(format!(
                    "instance.{}: the system disk is listed first, then the data disks",
                    instance.name
                ));
            }
        }
        self.validate_client_tokens()
    }

    fn validate_client_tokens(&self) -> Result<(), String> {
        let mut names = BTreeSet::new();
        let mut values = BTreeSet::new();
        for token in &self.client_tokens {
            let name = &token.name;
            if !names.insert(name.as_str()) {
                return Err(format!("client-token.{name} is declared twice"));
            }
            if token.token.is_empty() || !values.insert(token.token.as_str()) {
                return Err(format!(
                    "client-token.{name}: the token is empty or used twice"
                ));
            }
            if self.account(&token.owner).is_none() {
                return Err(format!(
                    "client-token.{name}: owner `{}` is not an account of the manifest",
                    token.owner
                ));
            }
            if token.first_request.is_empty() {
                return Err(format!(
                    "client-token.{name}: first_request names no parameter"
                ));
            }
            let not_operation = token.first_request.keys().find(|p| {
                crate::wire::request::COMMON_PARAMETERS.contains(&p.as_str())
                    || *p == "RegionId"
                    || *p == "ClientToken"
            });
            if let Some(parameter) = not_operation {
                return Err(format!(
                    "client-token.{name}: first_request gives `{parameter}`; it holds the operation's parameters only"
                ));
            }
        }
        Ok(())
    }

    /// Every (reference, id) pair; an error if a reference repeats.
    fn bindings_with_duplicates(&self) -> Result<Vec<(String, &str)>, String> {
        let mut out: Vec<(String, &str)> = Vec::new();
        for group in &self.resource_groups {
            out.push((format!("resource-group.{}", group.name), &group.id));
        }
        for instance in &self.instances {
            out.push((format!("instance.{}", instance.name), &instance.id));
            for disk in &instance.disks {
                out.push((format!("disk.{}", disk.name), &disk.id));
            }
        }
        for snapshot in &self.snapshots {
            out.push((format!("snapshot.{}", snapshot.name), &snapshot.id));
        }
        let mut seen = BTreeSet::new();
        for (reference, _) in &out {
            if !seen.insert(reference.clone()) {
                return Err(format!("{reference} is declared twice"));
            }
        }
        Ok(out)
    }

    /// Every fixture reference a case may use in `{{fixture.REF}}`, e.g.
    /// `instance.running`, `snapshot.system`, `resource-group.default`,
    /// `disk.running-system`, `client-token.in-progress`.
    pub fn references(&self) -> BTreeSet<String> {
        self.bindings().into_keys().collect()
    }

    /// The emulator's id (or value) for each reference, e.g.
    /// `snapshot.system` → `s-emu0system000000001`.
    pub fn bindings(&self) -> BTreeMap<String, String> {
        let mut out: BTreeMap<String, String> = self
            .bindings_with_duplicates()
            .unwrap_or_default()
            .into_iter()
            .map(|(reference, id)| (reference, id.to_owned()))
            .collect();
        for token in &self.client_tokens {
            out.insert(format!("client-token.{}", token.name), token.token.clone());
        }
        out
    }

    pub fn account_names(&self) -> BTreeSet<String> {
        self.accounts.iter().map(|a| a.name.clone()).collect()
    }

    pub fn account(&self, name: &str) -> Option<&Account> {
        self.accounts.iter().find(|a| a.name == name)
    }

    /// Every account's keys, by account name (what a target seeded from
    /// this manifest, such as the emulator, accepts).
    pub fn credentials(&self) -> BTreeMap<String, Credentials> {
        self.accounts
            .iter()
            .map(|a| (a.name.clone(), a.credentials()))
            .collect()
    }

    /// The manifest with every default filled in and every reference's id
    /// (`fixtures --json`).
    pub fn resolved(&self) -> Resolved {
        Resolved {
            manifest: self.clone(),
            references: self.bindings(),
        }
    }

    /// The manifest shipped with the harness (`cases/fixtures.yaml`), built in.
    pub fn builtin() -> Manifest {
        // The shipped file is checked by a test; an invalid edit falls back to
        // an empty manifest instead of panicking.
        Manifest::parse(BUILTIN, Path::new("cases/fixtures.yaml")).unwrap_or(Manifest {
            accounts: Vec::new(),
            resource_groups: Vec::new(),
            instances: Vec::new(),
            snapshots: Vec::new(),
            client_tokens: Vec::new(),
        })
    }
}

impl Account {
    /// The account's keys, with its security token when it has one.
    pub fn credentials(&self) -> Credentials {
        Credentials {
            security_token: self.security_token.clone(),
            ..Credentials::new(&self.access_key_id, &self.access_key_secret)
        }
    }
}

/// `Err` naming the snapshot and field when `value` is not one of `allowed`.
fn one_of(snapshot: &str, field: &str, value: &str, allowed: &[&str]) -> Result<(), String> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(format!(
            "snapshot.{snapshot}: {field} `{value}` is not one of {}",
            allowed.join(", ")
        ))
    }
}

/// The text of `cases/fixtures.yaml`, compiled in.
pub const BUILTIN: &str = include_str!("../cases/fixtures.yaml");

fn parse_date(text: &str) -> Option<time::Date> {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    time::Date::parse(text, &format).ok()
}

impl fmt::Display for DiskType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            DiskType::System => "system",
            DiskType::Data => "data",
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_manifest_is_valid() {
        let manifest = Manifest::parse(BUILTIN, Path::new("cases/fixtures.yaml")).unwrap();
        assert!(manifest.account("default").is_some());
        let refs = manifest.references();
        for expected in [
            "instance.running",
            "snapshot.system",
            "resource-group.default",
            "client-token.in-progress",
        ] {
            assert!(refs.contains(expected), "{expected}");
        }
    }

    #[test]
    fn default_account_has_the_documented_test_key() {
        let manifest = Manifest::builtin();
        let account = manifest.account("default").unwrap();
        assert_eq!(account.access_key_id, "emulator-default-key");
        assert_eq!(account.access_key_secret, "emulator-default-secret");
    }

    #[test]
    fn unknown_field_is_rejected_with_line_and_column() {
        let text = "accounts:\n  - name: a\n    access_key_id: k\n    access_key_secret: s\n    colour: red\n";
        let err = Manifest::parse(text, Path::new("f.yaml")).unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("f.yaml:5:"), "{shown}");
    }

    #[test]
    fn id_in_wrong_shape_is_rejected() {
        let text = "accounts: []\nresource_groups:\n  - { name: x, id: group-1 }\n";
        let err = Manifest::parse(text, Path::new("f.yaml")).unwrap_err();
        assert!(err.to_string().contains("resource-group.x"), "{err}");
    }

    #[test]
    fn bad_date_is_rejected() {
        let text = "accounts: []\nsnapshots:\n  - { name: x, id: s-1, source_disk_type: system, size: 1, created: yesterday }\n";
        assert!(Manifest::parse(text, Path::new("f.yaml")).is_err());
    }

    /// The YAML of `cases/fixtures.yaml`, as a tree.
    fn shipped_tree() -> serde_json::Value {
        serde_saphyr::from_str(BUILTIN).unwrap()
    }

    #[test]
    fn the_shipped_manifest_states_every_field_a_rule_looks_at() {
        // Every field of the resolved form but the options, whose absence
        // means "none" (no lock, no security token).
        let resolved = serde_json::to_value(Manifest::builtin().resolved()).unwrap();
        let fields = |kind: &str| -> Vec<String> {
            let first = match kind {
                "disks" => &resolved["instances"][0]["disks"][0],
                kind => &resolved[kind][0],
            };
            first
                .as_object()
                .unwrap()
                .iter()
                .filter(|(_, value)| !value.is_null())
                .map(|(name, _)| name.clone())
                .filter(|name| name != "lock_reason" && name != "security_token")
                .collect()
        };
        let tree = shipped_tree();
        let mut written: Vec<(String, &serde_json::Value)> = Vec::new();
        for kind in ["accounts", "instances", "snapshots", "client_tokens"] {
            for item in tree[kind].as_array().unwrap() {
                written.push((kind.to_owned(), item));
            }
        }
        for instance in tree["instances"].as_array().unwrap() {
            for disk in instance["disks"].as_array().unwrap() {
                written.push(("disks".to_owned(), disk));
            }
        }
        for (kind, item) in written {
            for field in fields(&kind) {
                assert!(
                    item.get(&field).is_some(),
                    "{kind} `{}` leaves `{field}` to its default",
                    item["name"]
                );
            }
        }
    }

    #[test]
    fn the_shipped_manifest_quotes_every_date() {
        let dates: Vec<&str> = BUILTIN
            .lines()
            .filter_map(|line| line.trim().strip_prefix("created:"))
            .map(str::trim)
            .collect();
        assert_eq!(dates.len(), Manifest::builtin().snapshots.len());
        for date in dates {
            assert!(
                date.starts_with('"') && date.ends_with('"'),
                "`created: {date}` is read as a date, not a string, by YAML libraries of other languages"
            );
        }
    }

    #[test]
    fn the_shipped_manifest_names_an_sts_account_and_a_second_ordinary_one() {
        let manifest = Manifest::builtin();
        let sts = manifest.credentials()["sts"].clone();
        assert_eq!(
            sts.security_token.as_deref(),
            Some("emulator-sts-security-token-0001")
        );
        let other = manifest.account("other").unwrap();
        let default = manifest.account("default").unwrap();
        assert_eq!(
            (
                other.image_quota,
                other.balance,
                other.fail,
                other.security_token.is_none()
            ),
            (default.image_quota, default.balance, default.fail, true)
        );
    }

    #[test]
    fn the_resolved_manifest_fills_in_every_default() {
        let text = "accounts:\n  - { name: a, access_key_id: k, access_key_secret: s }\n\
            instances:\n  - name: i\n    id: i-1\n    status: Running\n    disks:\n      - { name: d, id: d-1, type: system, category: cloud_essd, size: 40 }\n\
            snapshots:\n  - { name: s, id: s-1, source_disk_type: system, size: 40, created: \"2023-01-10\" }\n";
        let manifest = Manifest::parse(text, Path::new("f.yaml")).unwrap();
        let resolved = serde_json::to_value(manifest.resolved()).unwrap();
        let account = &resolved["accounts"][0];
        assert_eq!(account["image_quota"], 100_000);
        assert_eq!(account["balance"], "ok");
        assert_eq!(account["data_disk_image_whitelisted"], false);
        assert!(account["security_token"].is_null());
        let disk = &resolved["instances"][0]["disks"][0];
        assert_eq!(disk["status"], "In_use");
        assert_eq!(disk["kms_authorized"], true);
        let snapshot = &resolved["snapshots"][0];
        assert_eq!(snapshot["disk_category"], "cloud_essd");
        assert_eq!(snapshot["category"], "standard");
        assert_eq!(snapshot["status"], "accomplished");
        assert_eq!(resolved["references"]["disk.d"], "d-1");
        assert_eq!(resolved["client_tokens"], serde_json::json!([]));
    }

    fn rejected(text: &str) -> String {
        Manifest::parse(text, Path::new("f.yaml"))
            .unwrap_err()
            .to_string()
    }

    #[test]
    fn an_instance_whose_system_disk_is_not_listed_first_is_rejected() {
        let shown = rejected(
            "accounts: []\ninstances:\n  - name: i\n    id: i-1\n    status: Running\n    disks:\n\
             \x20     - { name: d2, id: d-2, type: data, category: cloud_essd, size: 40 }\n\
             \x20     - { name: d1, id: d-1, type: system, category: cloud_essd, size: 40 }\n",
        );
        assert!(
            shown.contains("instance.i: the system disk is listed first"),
            "{shown}"
        );
    }

    #[test]
    fn a_snapshot_status_or_category_the_rules_do_not_know_is_rejected() {
        let snapshot = |extra: &str| {
            format!(
                "accounts: []\nsnapshots:\n  - {{ name: x, id: s-1, source_disk_type: system, size: 1, created: \"2023-01-10\", {extra} }}\n"
            )
        };
        assert!(rejected(&snapshot("status: ready")).contains("status `ready` is not one of"));
        assert!(rejected(&snapshot("category: Flash")).contains("category `Flash` is not one of"));
        assert!(Manifest::parse(&snapshot("category: archive"), Path::new("f.yaml")).is_ok());
    }

    #[test]
    fn a_resource_owner_is_an_account_of_the_manifest() {
        let snapshot = |owner: &str| {
            format!(
                "accounts:\n  - {{ name: a, access_key_id: k, access_key_secret: s }}\n\
                 snapshots:\n  - {{ name: x, id: s-1, owner: {owner}, source_disk_type: system, size: 1, created: \"2023-01-10\" }}\n"
            )
        };
        let manifest = Manifest::parse(&snapshot("a"), Path::new("f.yaml")).unwrap();
        assert_eq!(manifest.snapshots[0].owner.as_deref(), Some("a"));
        assert!(rejected(&snapshot("b")).contains("snapshot.x: owner `b` is not an account"));
    }

    #[test]
    fn a_client_token_needs_a_known_owner_and_operation_parameters_only() {
        let token = |owner: &str, first: &str| {
            format!(
                "accounts:\n  - {{ name: a, access_key_id: k, access_key_secret: s }}\n\
                 client_tokens:\n  - {{ name: t, token: tok, owner: {owner}, first_request: {first} }}\n"
            )
        };
        assert!(Manifest::parse(&token("a", "{ SnapshotId: s-1 }"), Path::new("f.yaml")).is_ok());
        assert!(rejected(&token("b", "{ SnapshotId: s-1 }")).contains("owner `b`"));
        assert!(rejected(&token("a", "{}")).contains("names no parameter"));
        for parameter in ["ClientToken", "Signature", "RegionId"] {
            let shown = rejected(&token("a", &format!("{{ {parameter}: x }}")));
            assert!(shown.contains(&format!("gives `{parameter}`")), "{shown}");
        }
    }

    #[test]
    fn the_shipped_in_progress_token_is_its_owners_with_the_first_request_stated() {
        let manifest = Manifest::builtin();
        let token = &manifest.client_tokens[0];
        assert_eq!(token.owner, "default");
        assert!(token.first_request.contains_key("InstanceId"));
    }
}
