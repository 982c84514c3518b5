//! Where the emulator decides each rule of the contract: from a rule id
//! ([`crate::contract::params`]) to the file and functions that check it,
//! as `createimage-contract list --rule ID` shows it. A test holds every
//! observable rule to a row, and every row to functions that exist.

/// The functions that decide the rules whose ids start with `rules`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Check {
    /// A rule id, or the start of several (`ImageName.`).
    pub rules: &'static str,
    /// The file, from the project's root.
    pub file: &'static str,
    pub functions: &'static [&'static str],
}

const fn check(
    rules: &'static str,
    file: &'static str,
    functions: &'static [&'static str],
) -> Check {
    Check {
        rules,
        file,
        functions,
    }
}

const GATEWAY: &str = "src/emulator/gateway.rs";
const OPERATION: &str = "src/emulator/create_image/mod.rs";
const NAMES: &str = "src/emulator/create_image/name.rs";
const PLATFORM: &str = "src/emulator/create_image/platform.rs";
const SOURCE: &str = "src/emulator/create_image/source.rs";
const MAPPING: &str = "src/emulator/create_image/mapping.rs";
const STORE: &str = "src/emulator/store.rs";
const ENVELOPE: &str = "src/emulator/envelope.rs";
const IDS: &str = "src/emulator/ids.rs";

/// Every check; the longest `rules` that starts a rule id is its check.
pub const CHECKS: &[Check] = &[
    check("Action.", GATEWAY, &["common"]),
    check("RegionId.", GATEWAY, &["common"]),
    check("Gateway.common-parameters", GATEWAY, &["common"]),
    check(
        "Gateway.signature",
        GATEWAY,
        &["authenticate_v1", "authenticate_v3"],
    ),
    check(
        "Gateway.incomplete-signature",
        GATEWAY,
        &[
            "authenticate_v1",
            "authenticate_v3",
            "signature_part_missing",
        ],
    ),
    check("Gateway.access-key", GATEWAY, &["account_by_key"]),
    check("Gateway.timestamp-window", GATEWAY, &["check_timestamp"]),
    check("Gateway.signed-headers", GATEWAY, &["authenticate_v3"]),
    check("Gateway.security-token", GATEWAY, &["check_security_token"]),
    check("Gateway.nonce", GATEWAY, &["check_nonce"]),
    check("Gateway.empty-parameter", GATEWAY, &["authenticate_v1"]),
    check(
        "Gateway.nonce-shapes",
        GATEWAY,
        &["authenticate_v1", "authenticate_v3"],
    ),
    check("Gateway.plus-as-space", GATEWAY, &["decode"]),
    check("Format.", ENVELOPE, &["success", "error"]),
    check("Format.default", GATEWAY, &["format_of"]),
    check("Format.case-insensitive", GATEWAY, &["format_of"]),
    check("Source.", SOURCE, &["choose"]),
    check(
        "Source.priority",
        SOURCE,
        &["choose", "check_lower_sources"],
    ),
    check("InstanceId.", SOURCE, &["from_instance"]),
    check("SnapshotId.", SOURCE, &["from_snapshot", "usable_snapshot"]),
    check("DiskDeviceMapping.", MAPPING, &["parse", "resolve"]),
    check("ImageName.", NAMES, &["check_image_name"]),
    check("ImageName.unique", STORE, &["commit"]),
    check("ImageName.default", OPERATION, &["create_image"]),
    check("Description.", NAMES, &["check_description"]),
    check("ImageFamily.", NAMES, &["check_image_family"]),
    check("ImageVersion.", NAMES, &["check_image_version"]),
    check("Platform.", PLATFORM, &["check_platform"]),
    check(
        "Platform.required-for-data-system-disk",
        MAPPING,
        &["resolve"],
    ),
    check("Architecture.", PLATFORM, &["check_architecture"]),
    check(
        "Architecture.required-for-data-system-disk",
        MAPPING,
        &["resolve"],
    ),
    check("ClientToken.", NAMES, &["check_client_token"]),
    check("ClientToken.idempotence", STORE, &["commit"]),
    check("ClientToken.different-parameters", STORE, &["commit"]),
    check("ClientToken.in-progress", OPERATION, &["create_image"]),
    check("Tag.", "src/emulator/create_image/tags.rs", &["check"]),
    check("ResourceGroupId.", OPERATION, &["create_image"]),
    check("Account.", OPERATION, &["create_image"]),
    check("Account.image-quota", STORE, &["commit"]),
    check("Response.", ENVELOPE, &["success", "error"]),
    check("Response.image-id", IDS, &["image_id"]),
    check("Response.request-id", IDS, &["request_id"]),
    check("Sample.", OPERATION, &["create_image"]),
];

/// The check of the rule `id`.
pub fn of(id: &str) -> Option<&'static Check> {
    CHECKS
        .iter()
        .filter(|check| id.starts_with(check.rules))
        .max_by_key(|check| check.rules.len())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::params;

    #[test]
    fn every_observable_rule_has_a_check() {
        for (_, rule) in params::rules() {
            if rule.unobservable.is_none() {
                assert!(of(rule.id).is_some(), "no check decides `{}`", rule.id);
            }
        }
    }

    #[test]
    fn every_check_names_functions_that_exist_in_its_file() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for check in CHECKS {
            let source = std::fs::read_to_string(root.join(check.file)).unwrap();
            for function in check.functions {
                let defined = [format!("fn {function}("), format!("fn {function}<")]
                    .iter()
                    .any(|d| source.contains(d.as_str()));
                assert!(defined, "{} has no `fn {function}`", check.file);
            }
        }
    }

    #[test]
    fn every_row_decides_some_rule() {
        for check in CHECKS {
            assert!(
                params::rules().any(|(_, rule)| of(rule.id) == Some(check)),
                "`{}` decides no rule",
                check.rules
            );
        }
    }

    #[test]
    fn the_longest_matching_row_is_the_check() {
        assert_eq!(of("ImageName.unique").unwrap().file, STORE);
        assert_eq!(of("ImageName.length").unwrap().file, NAMES);
    }
}
