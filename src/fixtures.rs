//! The fixture manifest, `cases/fixtures.yaml`: every account and resource a
//! case may name (`{{fixture.instance.running}}`), with the properties the
//! rules look at and the deterministic id the reference emulator seeds.
//!
//! [`Manifest`] is read by the runner (to bind `{{fixture.REF}}` and to sign
//! with an account's key) and by the emulator (to seed its world). Emulator
//! authors can seed their own emulator from the same file.
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
//!   - { name: system, id: s-emu0system000000001, source_disk_type: system, size: 40, created: 2023-01-10 }
//! resource_groups:
//!   - { name: default, id: rg-emu0default0000001 }
//! ```

use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::wire::credentials::Credentials;

/// The whole manifest.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub accounts: Vec<Account>,
    #[serde(default)]
    pub resource_groups: Vec<ResourceGroup>,
    #[serde(default)]
    pub instances: Vec<Instance>,
    #[serde(default)]
    pub snapshots: Vec<Snapshot>,
    #[serde(default)]
    pub client_tokens: Vec<ClientToken>,
}

/// An account: its key pair and the state the account rules look at.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Account {
    pub name: String,
    pub access_key_id: String,
    pub access_key_secret: String,
    /// Custom images the account may own (`QuotaExceed.Image`).
    #[serde(default = "default_image_quota")]
    pub image_quota: u32,
    /// Custom images the account owns before any request.
    #[serde(default)]
    pub images_used: u32,
    /// `none` → `InvalidAccountStatus.NotEnoughBalance`.
    #[serde(default)]
    pub balance: Balance,
    /// `disabled` → `InvalidAccountStatus.SnapshotServiceUnavailable`.
    #[serde(default)]
    pub snapshot_service: Service,
    /// May create a system disk from a data-disk snapshot (else `UserNotInTheWhiteList`).
    #[serde(default)]
    pub data_disk_image_whitelisted: bool,
    /// Every `CreateImage` of this account fails with the generic `InternalError`.
    #[serde(default)]
    pub fail: bool,
}

fn default_image_quota() -> u32 {
    100_000
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Balance {
    #[default]
    Ok,
    None,
}

#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum Service {
    #[default]
    Enabled,
    Disabled,
}

/// A resource group (`ResourceGroupId`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ResourceGroup {
    pub name: String,
    pub id: String,
}

/// An instance and its disks (`InstanceId`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Instance {
    pub name: String,
    pub id: String,
    /// `Running`, `Stopped`, `Starting`, `Stopping`, `Pending`, …
    pub status: String,
    /// `security` → `InstanceLockedForSecurity`.
    #[serde(default)]
    pub lock_reason: Option<String>,
    pub disks: Vec<Disk>,
}

/// `system` or `data`.
#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "snake_case")]
pub enum DiskType {
    System,
    Data,
}

/// A disk attached to an instance.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Disk {
    pub name: String,
    pub id: String,
    #[serde(rename = "type")]
    pub disk_type: DiskType,
    /// `cloud` (basic), `cloud_efficiency`, `cloud_ssd`, `cloud_essd`, `local_ssd_pro`, …
    pub category: String,
    /// GiB.
    pub size: u64,
    /// `In_use` (default), `Available`, `Transferring`, `CreatingSnapshot`, `Invalid`, `Expired`, …
    #[serde(default = "default_disk_status")]
    pub status: String,
    #[serde(default)]
    pub encrypted: bool,
    /// ECS may use the disk's KMS key (matters for encrypted disks).
    #[serde(default = "yes")]
    pub kms_authorized: bool,
    /// The disk's snapshot quota is used up (`QuotaExceed.Snapshot`).
    #[serde(default)]
    pub snapshot_quota_exhausted: bool,
    /// Creating a snapshot of this disk fails (the snapshot `InternalError`).
    #[serde(default)]
    pub snapshot_fails: bool,
}

fn default_disk_status() -> String {
    "In_use".to_owned()
}

fn yes() -> bool {
    true
}

/// A snapshot (`SnapshotId`, `DiskDeviceMapping.N.SnapshotId`).
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub name: String,
    pub id: String,
    pub source_disk_type: DiskType,
    /// Category of the source disk (`cloud` is a basic disk).
    #[serde(default = "default_disk_category")]
    pub disk_category: String,
    /// Snapshot category: `standard` (default), `flash`, `archive`.
    #[serde(default = "default_snapshot_category")]
    pub category: String,
    /// GiB.
    pub size: u64,
    /// Creation date, `YYYY-MM-DD` (UTC).
    pub created: String,
    /// `accomplished` (default), `progressing`, `failed`.
    #[serde(default = "default_snapshot_status")]
    pub status: String,
    #[serde(default)]
    pub encrypted: bool,
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

/// A `ClientToken` whose first request is still in progress.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientToken {
    pub name: String,
    pub token: String,
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
            if account.access_key_id.is_empty() || account.access_key_secret.is_empty() {
                return Err(format!("account `{}` has an empty key", account.name));
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
        for snapshot in &self.snapshots {
            if snapshot.created_date().is_none() {
                return Err(format!(
                    "snapshot.{}: created `{}` is not a date (YYYY-MM-DD)",
                    snapshot.name, snapshot.created
                ));
            }
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
        }
        let mut tokens = BTreeSet::new();
        for token in &self.client_tokens {
            if !tokens.insert(token.name.as_str()) || token.token.is_empty() {
                return Err(format!(
                    "client-token.{}: duplicate name or empty token",
                    token.name
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
            .map(|a| {
                let keys = Credentials::new(&a.access_key_id, &a.access_key_secret);
                (a.name.clone(), keys)
            })
            .collect()
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
}
