//! The `CreateImage` operation: every parameter rule of `CreateImage.md`,
//! run in one documented order once the gateway has authenticated the
//! request. The first rule that fails decides the answer.
//!
//! 1. Indexes of `Tag.N.*` / `DiskDeviceMapping.N.*` ([`params`]).
//! 2. A source is given ([`source::choose`]): `MissingParameter` /
//!    `InvalidParameter.AllEmpty`.
//! 3. Syntax, in the order `Rules::syntax_order` gives (by default):
//!    `ClientToken`, `ImageName`, `Description`, `ImageFamily`,
//!    `ImageVersion` ([`name`]); `Platform`, `Architecture` ([`platform`]);
//!    tags ([`tags`]); then the mapping entries when the mapping is the
//!    source ([`mapping::parse`]).
//! 4. The account: marked failing → `InternalError`; no balance; snapshot
//!    service off.
//! 5. `ResourceGroupId` exists.
//! 6. The resources the source names are the account's own
//!    ([`source::check_owned`]); then the source's rules: instance / mapping / snapshot ([`source`],
//!    [`mapping::resolve`]); then, when the rules check them, the snapshots
//!    the lower-priority sources name ([`source::check_lower_sources`]).
//! 7. Atomically in the store: token in progress, token replay or mismatch,
//!    duplicate name, image quota, creation ([`crate::emulator::store`]).
//!    Under `client-token-mismatch=in-flight-conflict` a request with a
//!    token first marks it in progress ([`crate::emulator::in_flight`]) for
//!    the time its processing takes.
//!
//! Every check reads its limits, sets, dates and error rows from the
//! [`Rules`] it is given; the order of the syntax checks and the priority
//! of the sources are data of the rules too.

pub mod mapping;
pub mod name;
pub mod params;
pub mod platform;
pub mod source;
pub mod tags;

use self::params::Params;
use self::source::Source;
use super::error::ApiError;
use super::ids;
use super::in_flight;
use super::store::{Committed, NewImage, Store};
use super::world::World;
use crate::contract::rule_set::SyntaxCheck;
use crate::contract::{Rules, errors};
use crate::fixtures::{Account, Balance, Service};

/// Parameters left out of the idempotence fingerprint (they may differ
/// between a request and its retry; ambiguity `client-token-mismatch`).
pub const NOT_FINGERPRINTED: [&str; 12] = [
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "Signature",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "SignatureType",
    "Timestamp",
    "SecurityToken",
    "RegionId",
];

/// One parameter's syntax check.
fn check_syntax(check: SyntaxCheck, params: &Params<'_>, rules: &Rules) -> Result<(), ApiError> {
    match check {
        SyntaxCheck::ClientToken => name::check_client_token(rules, params.client_token),
        SyntaxCheck::ImageName => name::check_image_name(rules, params.image_name),
        SyntaxCheck::Description => name::check_description(rules, params.description),
        SyntaxCheck::ImageFamily => name::check_image_family(rules, params.image_family),
        SyntaxCheck::ImageVersion => name::check_image_version(rules, params.image_version),
        SyntaxCheck::Platform => platform::check_platform(rules, params.platform),
        SyntaxCheck::Architecture => platform::check_architecture(rules, params.architecture),
        SyntaxCheck::Tags => tags::check(params, rules).map(|_| ()),
    }
}

/// Runs CreateImage for an authenticated account.
pub fn create_image(
    world: &World,
    store: &Store,
    rules: &Rules,
    account: &Account,
    pairs: &[(String, String)],
) -> Result<Committed, ApiError> {
    let params = Params::parse(pairs, rules)?;
    let source = source::choose(&params, rules)?;

    for check in rules.syntax_order {
        check_syntax(check, &params, rules)?;
    }
    let entries = match source {
        Source::Mapping => mapping::parse(&params, rules)?,
        _ => Vec::new(),
    };

    if account.fail {
        return Err(errors::INTERNAL_ERROR.into());
    }
    if rules.balance_checked && account.balance == Balance::None {
        return Err(errors::ACCOUNT_NOT_ENOUGH_BALANCE.into());
    }
    if account.snapshot_service == Service::Disabled {
        return Err(errors::ACCOUNT_SNAPSHOT_SERVICE_UNAVAILABLE.into());
    }
    if let Some(group) = params.resource_group_id
        && rules.resource_group_checked
        && !world.resource_groups.contains(group)
    {
        return Err(errors::RESOURCE_GROUP_NOT_FOUND.into());
    }

    source::check_owned(world, rules, &account.name, &params, source)?;
    // The snapshots the image is made from; checked, not stored (no
    // operation describes an image).
    match source {
        Source::Instance(id) => {
            source::from_instance(world, rules, id)?;
        }
        Source::Snapshot(id) => {
            source::from_snapshot(world, rules, id)?;
        }
        Source::Mapping => {
            mapping::resolve(
                world,
                rules,
                account,
                &entries,
                params.platform,
                params.architecture,
            )?;
        }
    }
    source::check_lower_sources(world, rules, &params, source)?;

    // Ambiguity `client-token-mismatch`, reading `in-flight-conflict`.
    let _in_progress = match (rules.client_token.in_flight_for, params.client_token) {
        (Some(pause), Some(token)) => {
            let Some(marked) = store.in_flight().begin(&account.name, token) else {
                return Err(rules.client_token.in_progress.into());
            };
            in_flight::process_for(pause);
            Some(marked)
        }
        _ => None,
    };
    store.commit(
        NewImage {
            account: account.name.clone(),
            image_quota: account.image_quota,
            images_used_at_start: account.images_used,
            name: params.image_name.map(str::to_owned),
            client_token: params.client_token.map(str::to_owned),
            fingerprint: fingerprint(pairs),
            token_rules: rules.client_token,
            scope: rules.account_scope,
        },
        ids::image_id,
    )
}

/// The parameters' fingerprint, minus [`NOT_FINGERPRINTED`].
pub fn fingerprint(pairs: &[(String, String)]) -> [u8; 32] {
    crate::wire::fingerprint::of_parameters(pairs, &NOT_FINGERPRINTED)
}

/// Request parameters for tests: `(name, value)` pairs in which a value
/// `@REF` stands for the manifest's id of fixture `REF`.
#[cfg(test)]
fn bound_pairs(
    manifest: &crate::fixtures::Manifest,
    list: &[(&str, &str)],
) -> Vec<(String, String)> {
    let bindings = manifest.bindings();
    list.iter()
        .map(|(k, v)| {
            let v = v
                .strip_prefix('@')
                .map(|r| bindings[r].clone())
                .unwrap_or(v.to_string());
            (k.to_string(), v)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::Manifest;

    struct Env {
        manifest: Manifest,
        world: World,
        store: Store,
        rules: Rules,
    }

    fn env() -> Env {
        env_with(Rules::reference())
    }

    fn env_with(rules: Rules) -> Env {
        let manifest = Manifest::builtin();
        let world = World::seed(&manifest);
        let store = Store::new(world.tokens_in_progress.clone());
        Env {
            manifest,
            world,
            store,
            rules,
        }
    }

    impl Env {
        fn call(&self, account: &str, list: &[(&str, &str)]) -> Result<Committed, ApiError> {
            let pairs = super::bound_pairs(&self.manifest, list);
            create_image(
                &self.world,
                &self.store,
                &self.rules,
                self.manifest.account(account).unwrap(),
                &pairs,
            )
        }

        fn code(&self, account: &str, list: &[(&str, &str)]) -> String {
            self.call(account, list).unwrap_err().code.into_owned()
        }
    }

    #[test]
    fn the_first_syntax_check_in_the_rules_order_decides_the_answer() {
        let both_malformed = [
            ("SnapshotId", "@snapshot.system"),
            ("ImageName", "1starts-with-a-digit"),
            ("Description", "http://a-url"),
        ];
        assert_eq!(
            env().code("default", &both_malformed),
            "InvalidImageName.Malformed"
        );
        let mut rules = Rules::reference();
        rules.syntax_order.swap(1, 2);
        assert_eq!(
            env_with(rules).code("default", &both_malformed),
            "InvalidDescription.Malformed"
        );
    }

    #[test]
    fn valid_instance_wins_over_missing_snapshot() {
        let env = env();
        let ok = env.call(
            "default",
            &[
                ("InstanceId", "@instance.running"),
                ("SnapshotId", "s-doesnotexist"),
            ],
        );
        assert!(matches!(ok, Ok(Committed::Created(_))));
    }

    #[test]
    fn account_rules() {
        let env = env();
        let sys = [("SnapshotId", "@snapshot.system")];
        assert_eq!(
            env.code("no-balance", &sys),
            "InvalidAccountStatus.NotEnoughBalance"
        );
        assert_eq!(
            env.code("snapshot-service-off", &sys),
            "InvalidAccountStatus.SnapshotServiceUnavailable"
        );
        assert_eq!(env.code("image-quota-full", &sys), "QuotaExceed.Image");
        let failing = env.call("failing", &sys).unwrap_err();
        assert_eq!(
            (failing.status, failing.message.as_ref()),
            (
                500,
                "The request processing has failed due to some unknown error, exception or failure."
            )
        );
    }

    #[test]
    fn resource_group_must_exist() {
        let env = env();
        assert!(
            env.call(
                "default",
                &[
                    ("SnapshotId", "@snapshot.system"),
                    ("ResourceGroupId", "@resource-group.default")
                ]
            )
            .is_ok()
        );
        assert_eq!(
            env.code(
                "default",
                &[
                    ("SnapshotId", "@snapshot.system"),
                    ("ResourceGroupId", "rg-nope")
                ]
            ),
            "InvalidResourceGroup.NotFound"
        );
    }

    #[test]
    fn duplicate_name_in_one_account() {
        let env = env();
        let req = [
            ("SnapshotId", "@snapshot.system"),
            ("ImageName", "dup-name"),
        ];
        env.call("default", &req).unwrap();
        assert_eq!(env.code("default", &req), "InvalidImageName.Duplicated");
    }

    #[test]
    fn client_token_replay_ignores_format_and_signature_parameters() {
        let env = env();
        let first = env
            .call(
                "default",
                &[
                    ("SnapshotId", "@snapshot.system"),
                    ("ClientToken", "t1"),
                    ("Format", "JSON"),
                    ("SignatureNonce", "a"),
                ],
            )
            .unwrap();
        let second = env
            .call(
                "default",
                &[
                    ("SnapshotId", "@snapshot.system"),
                    ("ClientToken", "t1"),
                    ("Format", "XML"),
                    ("SignatureNonce", "b"),
                ],
            )
            .unwrap();
        assert_eq!(second, Committed::Replayed(first.image_id().to_owned()));
        assert_eq!(
            env.code(
                "default",
                &[
                    ("SnapshotId", "@snapshot.system"),
                    ("ClientToken", "t1"),
                    ("ImageName", "other")
                ]
            ),
            "IdempotenceParamNotMatch"
        );
    }

    #[test]
    fn client_token_in_progress_is_conflict() {
        let env = env();
        assert_eq!(
            env.code(
                "default",
                &[
                    ("SnapshotId", "@snapshot.system"),
                    ("ClientToken", "@client-token.in-progress")
                ]
            ),
            "InvalidParamter.Conflict"
        );
    }

    #[test]
    fn image_family_malformed_uses_the_image_name_row() {
        let env = env();
        assert_eq!(
            env.code(
                "default",
                &[("SnapshotId", "@snapshot.system"), ("ImageFamily", "acs:x")]
            ),
            "InvalidImageName.Malformed"
        );
    }
}
