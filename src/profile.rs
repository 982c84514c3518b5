//! Target profiles (`run --profile FILE`): how to reach one target and what
//! its fixtures are called there.
//!
//! A [`Profile`] names the endpoint, region and request styles, where each
//! fixture account's keys come from (environment variables, by name — a
//! profile never holds a secret), and the target's id for each fixture
//! reference of the manifest. Command-line flags override what it says.
//!
//! ```yaml
//! endpoint: https://ecs.cn-hangzhou.aliyuncs.com   # optional: --target overrides
//! region: cn-hangzhou                               # optional: --region overrides
//! wire: [v1-get, v3]                                # optional: --wire overrides
//! ca_cert: private-ca.pem                           # optional, relative to this file
//! snapshots: snapshots-ours                         # optional: this target's own snapshot set
//! accounts:
//!   default:
//!     access_key_id_env: ALIBABA_CLOUD_ACCESS_KEY_ID
//!     access_key_secret_env: ALIBABA_CLOUD_ACCESS_KEY_SECRET
//!     security_token_env: ALIBABA_CLOUD_SECURITY_TOKEN   # optional (STS)
//!   no-balance:
//!     from_manifest: true     # the manifest's test-only keys (a seeded emulator)
//! fixtures_from_manifest: false   # true: every fixture has the manifest's id
//! fixtures:
//!   snapshot.system: s-bp1abcdefghijklmnopq
//!   instance.running: i-bp1abcdefghijklmnopq
//! ```
//!
//! With a profile only the profile counts: an account it does not list, or
//! whose variable is not set, is *unbound*, and so is a fixture it does not
//! bind; the runs that need them are ignored with the missing name, never
//! passed. Unknown keys, accounts and fixture references are errors that
//! point at `file:line:col`.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use schemars::JsonSchema;
use serde::Deserialize;
use serde_saphyr::Spanned;

use crate::fixtures::Manifest;
use crate::wire::WireStyle;
use crate::wire::credentials::Credentials;

/// One target profile, as written. Its JSON Schema
/// (`docs/profile.schema.json`) is derived from this type.
#[derive(Clone, Debug, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "createimage-contract target profile")]
pub struct Profile {
    /// `https://ecs.cn-hangzhou.aliyuncs.com`; absent: the embedded emulator.
    #[serde(default)]
    pub endpoint: Option<String>,
    #[serde(default)]
    pub region: Option<String>,
    /// Request styles (`v1-get`, `v1-post-query`, `v1-post-form`, `v3`, `all`).
    #[serde(default)]
    #[schemars(with = "Vec<String>")]
    pub wire: Vec<Spanned<String>>,
    /// A PEM file of extra CA certificates, relative to the profile.
    #[serde(default)]
    pub ca_cert: Option<PathBuf>,
    /// This target's own snapshot set, relative to the profile: recorded
    /// from it with `--snapshots update`, then compared strictly. Without
    /// one, the reference set is compared advisorily.
    #[serde(default)]
    pub snapshots: Option<PathBuf>,
    /// Fixture account name → where its keys come from.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, AccountSource>")]
    pub accounts: BTreeMap<String, Spanned<AccountSource>>,
    /// Bind every fixture to the manifest's own id (a target seeded from
    /// the manifest); `fixtures` entries still override.
    #[serde(default)]
    pub fixtures_from_manifest: bool,
    /// Fixture reference (`snapshot.system`) → the target's id.
    #[serde(default)]
    #[schemars(with = "BTreeMap<String, String>")]
    pub fixtures: BTreeMap<String, Spanned<String>>,
    /// The file it was read from (relative paths are resolved against it).
    #[serde(skip)]
    pub path: PathBuf,
}

/// Where one account's keys come from.
#[derive(Clone, Debug, Default, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AccountSource {
    #[serde(default)]
    pub access_key_id_env: Option<String>,
    #[serde(default)]
    pub access_key_secret_env: Option<String>,
    /// An STS token, sent as `SecurityToken` / `x-acs-security-token`.
    #[serde(default)]
    pub security_token_env: Option<String>,
    /// Use the manifest's keys (and security token, for an STS account):
    /// only for targets seeded from the manifest, whose keys are test-only.
    #[serde(default)]
    pub from_manifest: bool,
}

/// What a profile resolves to, for one manifest and one environment.
#[derive(Clone, Debug, Default)]
pub struct Resolved {
    pub accounts: BTreeMap<String, Credentials>,
    /// Account name → why it has no credentials.
    pub unbound_accounts: BTreeMap<String, String>,
    pub bindings: BTreeMap<String, String>,
}

/// Why a profile cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileError {
    pub path: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub at: Option<(u64, u64)>,
    pub message: String,
    pub help: Option<String>,
}

impl fmt::Display for ProfileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let Some((line, column)) = self.at {
            write!(f, ":{line}:{column}")?;
        }
        write!(f, ": {}", self.message)?;
        if let Some(help) = &self.help {
            write!(f, " ({help})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ProfileError {}

impl Profile {
    /// Reads and parses a profile file (not yet checked against a manifest).
    pub fn load(path: &Path) -> Result<Profile, ProfileError> {
        let text = std::fs::read_to_string(path).map_err(|e| ProfileError {
            path: path.to_owned(),
            at: None,
            message: format!("cannot read the profile: {e}"),
            help: None,
        })?;
        Profile::parse(&text, path)
    }

    /// Parses profile text; `path` is used in messages and for `ca_cert`.
    pub fn parse(text: &str, path: &Path) -> Result<Profile, ProfileError> {
        let mut profile: Profile = serde_saphyr::from_str(text).map_err(|err| ProfileError {
            path: path.to_owned(),
            at: err.location().map(|l| (l.line(), l.column())),
            message: strip_position(&err.without_snippet().to_string()),
            help: None,
        })?;
        profile.path = path.to_owned();
        for (name, source) in &profile.accounts {
            let problem = source.value.problem();
            if let Some(message) = problem {
                return Err(profile.error_at(
                    &source.referenced,
                    format!("account `{name}`: {message}"),
                    None,
                ));
            }
        }
        profile.wires()?;
        Ok(profile)
    }

    /// The request styles it names, in order, without repeats.
    pub fn wires(&self) -> Result<Vec<WireStyle>, ProfileError> {
        let mut styles = Vec::new();
        for item in &self.wire {
            let add = if item.value == "all" {
                WireStyle::ALL.to_vec()
            } else {
                let style = item
                    .value
                    .parse::<WireStyle>()
                    .map_err(|e| self.error_at(&item.referenced, format!("wire: {e}"), None))?;
                vec![style]
            };
            for style in add {
                if !styles.contains(&style) {
                    styles.push(style);
                }
            }
        }
        Ok(styles)
    }

    /// `ca_cert`, resolved against the profile's directory.
    pub fn ca_cert_path(&self) -> Option<PathBuf> {
        let relative = self.ca_cert.as_ref()?;
        let base = self.path.parent().unwrap_or(Path::new("."));
        Some(base.join(relative))
    }

    /// `snapshots`, resolved against the profile's directory.
    pub fn snapshots_path(&self) -> Option<PathBuf> {
        let relative = self.snapshots.as_ref()?;
        let base = self.path.parent().unwrap_or(Path::new("."));
        Some(base.join(relative))
    }

    /// Checks every account name and fixture reference against `manifest`.
    pub fn check(&self, manifest: &Manifest) -> Result<(), ProfileError> {
        let names = manifest.account_names();
        for (name, source) in &self.accounts {
            if !names.contains(name) {
                let help = crate::suite::help(name, names.iter().map(String::as_str));
                return Err(self.error_at(
                    &source.referenced,
                    format!("unknown account `{name}`"),
                    help,
                ));
            }
        }
        let references = manifest.references();
        for (reference, id) in &self.fixtures {
            if !references.contains(reference) {
                let help = crate::suite::help(reference, references.iter().map(String::as_str));
                return Err(self.error_at(
                    &id.referenced,
                    format!("unknown fixture `{reference}`"),
                    help,
                ));
            }
            if id.value.trim().is_empty() {
                return Err(self.error_at(
                    &id.referenced,
                    format!("fixture `{reference}` is bound to an empty id"),
                    None,
                ));
            }
        }
        Ok(())
    }

    /// The credentials and bindings this profile gives, reading variables
    /// through `env` (an unset or empty variable leaves the account unbound).
    pub fn resolve(&self, manifest: &Manifest, env: impl Fn(&str) -> Option<String>) -> Resolved {
        let env = |name: &str| env(name).filter(|v| !v.is_empty());
        let mut resolved = Resolved::default();
        for name in manifest.account_names() {
            let Some(source) = self.accounts.get(&name) else {
                resolved.unbound_accounts.insert(
                    name.clone(),
                    format!(
                        "account `{name}` is not bound for this target (not in {})",
                        self.path.display()
                    ),
                );
                continue;
            };
            match source.value.credentials(&name, manifest, &env) {
                Ok(credentials) => {
                    resolved.accounts.insert(name, credentials);
                }
                Err(reason) => {
                    resolved.unbound_accounts.insert(name, reason);
                }
            }
        }
        if self.fixtures_from_manifest {
            resolved.bindings = manifest.bindings();
        }
        for (reference, id) in &self.fixtures {
            resolved
                .bindings
                .insert(reference.clone(), id.value.trim().to_owned());
        }
        resolved
    }

    fn error_at(
        &self,
        at: &serde_saphyr::Location,
        message: String,
        help: Option<String>,
    ) -> ProfileError {
        ProfileError {
            path: self.path.clone(),
            at: Some((at.line(), at.column())),
            message,
            help,
        }
    }
}

impl AccountSource {
    /// What is wrong with how the source is written, if anything.
    fn problem(&self) -> Option<&'static str> {
        let by_env = self.access_key_id_env.is_some() || self.access_key_secret_env.is_some();
        let names = [
            &self.access_key_id_env,
            &self.access_key_secret_env,
            &self.security_token_env,
        ];
        if names
            .iter()
            .any(|n| n.as_ref().is_some_and(|n| n.trim().is_empty()))
        {
            return Some("an environment variable name is empty");
        }
        match (self.from_manifest, by_env) {
            (true, true) => {
                Some("give either `from_manifest: true` or `*_env` variables, not both")
            }
            (true, false) if self.security_token_env.is_some() => {
                Some("`security_token_env` goes with `access_key_id_env`/`access_key_secret_env`")
            }
            (true, false) => None,
            (false, _)
                if self.access_key_id_env.is_none() || self.access_key_secret_env.is_none() =>
            {
                Some(
                    "give `access_key_id_env` and `access_key_secret_env` (or `from_manifest: true`)",
                )
            }
            (false, _) => None,
        }
    }

    fn credentials(
        &self,
        name: &str,
        manifest: &Manifest,
        env: &impl Fn(&str) -> Option<String>,
    ) -> Result<Credentials, String> {
        if self.from_manifest {
            let account = manifest
                .account(name)
                .ok_or_else(|| format!("account `{name}` is not in the manifest"))?;
            return Ok(account.credentials());
        }
        let mut values = Vec::new();
        let mut missing = Vec::new();
        for variable in [&self.access_key_id_env, &self.access_key_secret_env]
            .into_iter()
            .chain(
                self.security_token_env
                    .as_ref()
                    .map(|_| &self.security_token_env),
            )
            .flatten()
        {
            match env(variable) {
                Some(value) => values.push(value),
                None => missing.push(format!("`{variable}`")),
            }
        }
        if !missing.is_empty() {
            return Err(format!(
                "account `{name}` is not bound for this target: environment variable {} is not set",
                missing.join(", ")
            ));
        }
        let mut values = values.into_iter();
        Ok(Credentials {
            access_key_id: values.next().unwrap_or_default(),
            access_key_secret: values.next().unwrap_or_default(),
            security_token: values.next(),
        })
    }
}

/// serde-saphyr ends plain messages with ` at line L, column C`; the
/// position is printed in front instead.
fn strip_position(message: &str) -> String {
    let message = message.trim();
    match message.rsplit_once(" at line ") {
        Some((head, tail)) if tail.contains(", column ") => head.to_owned(),
        _ => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Profile, ProfileError> {
        Profile::parse(text, Path::new("p.yaml"))
    }

    fn manifest() -> Manifest {
        Manifest::builtin()
    }

    #[test]
    fn unknown_key_is_an_error_at_its_line_and_column() {
        let err = parse("region: cn-hangzhou\nendpont: https://x\n").unwrap_err();
        let shown = err.to_string();
        assert!(shown.starts_with("p.yaml:2:1: "), "{shown}");
        assert!(shown.contains("endpont"), "{shown}");
    }

    #[test]
    fn unknown_key_inside_an_account_is_an_error_at_its_line() {
        let text = "accounts:\n  default:\n    access_key_id_env: A\n    secret: B\n";
        let shown = parse(text).unwrap_err().to_string();
        assert!(shown.starts_with("p.yaml:4:"), "{shown}");
    }

    #[test]
    fn an_account_needs_both_variables_or_the_manifest() {
        let text = "accounts:\n  default:\n    access_key_id_env: A\n";
        let err = parse(text).unwrap_err();
        assert_eq!(err.at.map(|a| a.0), Some(3), "{err}");
        assert!(err.message.contains("access_key_secret_env"), "{err}");
        let text = "accounts:\n  default: { from_manifest: true, access_key_id_env: A }\n";
        assert!(parse(text).unwrap_err().message.contains("not both"));
    }

    #[test]
    fn an_unknown_fixture_is_named_with_a_suggestion() {
        let profile = parse("fixtures:\n  snapshot.sytem: s-1\n").unwrap();
        let err = profile.check(&manifest()).unwrap_err();
        assert_eq!(err.at.map(|a| a.0), Some(2), "{err}");
        assert!(err.to_string().contains("unknown fixture `snapshot.sytem`"));
        assert!(err.to_string().contains("did you mean `snapshot.system`?"));
    }

    #[test]
    fn an_unknown_account_is_an_error() {
        let profile = parse("accounts:\n  defualt: { from_manifest: true }\n").unwrap();
        let err = profile.check(&manifest()).unwrap_err();
        assert!(err.to_string().contains("did you mean `default`?"), "{err}");
    }

    #[test]
    fn a_bad_wire_style_is_an_error_at_its_place() {
        let err = parse("wire: [v1-get, v4]\n").unwrap_err();
        assert_eq!(err.at, Some((1, 16)), "{err}");
    }

    #[test]
    fn credentials_come_from_the_named_variables() {
        let text = "accounts:\n  default:\n    access_key_id_env: MY_ID\n    access_key_secret_env: MY_SECRET\n    security_token_env: MY_TOKEN\n";
        let profile = parse(text).unwrap();
        let env = |name: &str| match name {
            "MY_ID" => Some("id".to_owned()),
            "MY_SECRET" => Some("secret".to_owned()),
            "MY_TOKEN" => Some("token".to_owned()),
            _ => None,
        };
        let resolved = profile.resolve(&manifest(), env);
        let default = &resolved.accounts["default"];
        assert_eq!(default.access_key_id, "id");
        assert_eq!(default.access_key_secret, "secret");
        assert_eq!(default.security_token.as_deref(), Some("token"));
    }

    #[test]
    fn a_missing_variable_leaves_the_account_unbound_naming_the_variable() {
        let text = "accounts:\n  default: { access_key_id_env: MY_ID, access_key_secret_env: MY_SECRET }\n";
        let resolved = parse(text)
            .unwrap()
            .resolve(&manifest(), |n| (n == "MY_ID").then(|| "id".to_owned()));
        assert!(!resolved.accounts.contains_key("default"));
        let reason = &resolved.unbound_accounts["default"];
        assert!(reason.contains("`MY_SECRET`"), "{reason}");
        assert!(!reason.contains("MY_ID"), "{reason}");
    }

    #[test]
    fn accounts_the_profile_does_not_list_are_unbound() {
        let resolved = parse("{}").unwrap().resolve(&manifest(), |_| None);
        assert!(resolved.accounts.is_empty());
        assert!(resolved.unbound_accounts.contains_key("no-balance"));
        assert!(resolved.bindings.is_empty());
    }

    #[test]
    fn only_the_profiles_fixtures_are_bound_unless_it_takes_the_manifests() {
        let profile = parse("fixtures:\n  snapshot.system: s-real\n").unwrap();
        let resolved = profile.resolve(&manifest(), |_| None);
        assert_eq!(
            resolved.bindings,
            BTreeMap::from([("snapshot.system".to_owned(), "s-real".to_owned())])
        );
        let text = "fixtures_from_manifest: true\nfixtures:\n  snapshot.system: s-real\n";
        let resolved = parse(text).unwrap().resolve(&manifest(), |_| None);
        assert_eq!(resolved.bindings["snapshot.system"], "s-real");
        assert_eq!(
            resolved.bindings["instance.running"],
            manifest().bindings()["instance.running"]
        );
    }

    #[test]
    fn a_profiles_own_snapshot_set_is_relative_to_the_profile() {
        let profile = Profile::parse("snapshots: ours\n", Path::new("dir/p.yaml")).unwrap();
        assert_eq!(profile.snapshots_path(), Some(PathBuf::from("dir/ours")));
        let none = Profile::parse("region: cn-hangzhou\n", Path::new("p.yaml")).unwrap();
        assert_eq!(none.snapshots_path(), None);
    }

    #[test]
    fn ca_cert_is_relative_to_the_profile() {
        let profile = Profile::parse("ca_cert: ca.pem\n", Path::new("dir/p.yaml")).unwrap();
        assert_eq!(profile.ca_cert_path(), Some(PathBuf::from("dir/ca.pem")));
    }
}
