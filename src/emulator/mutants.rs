//! Deliberate faults the emulator can be started with (`serve --mutant NAME`,
//! `run --mutant NAME`), so that `createimage-contract mutants` can prove the
//! suite notices when an implementation breaks a rule.
//!
//! Each [`Mutant`] is a realistic mistake an emulator author makes: a rule
//! relaxed or off by one, the right code with the wrong status or the other
//! way round, a wrong message, the source priority swapped, a wrong
//! default, idempotence or the duplicate-name check broken, an envelope
//! with the wrong shape, a gateway check skipped. A documented reading of
//! an ambiguity is not a fault: it is selected with `--reading`
//! ([`crate::contract::selection`]), never as a mutant. Each has a stable
//! kebab-case name, a one-line description and the ids of the rules it
//! breaks, in one table ([`MUTANTS`]).
//!
//! Adding a mutant is one variant, one table row, and one line at the seam
//! where the decision it gets wrong is made. There are four seams, and no
//! rule check of `create_image` knows about mutants:
//!
//! - **rules** ([`Mutant::broken_rules`]): a rule got wrong is an edit of
//!   [`Rules`], the value every check reads ("`ImageName` up to 127",
//!   "priority swapped", "any `Platform`", "`Format` compared
//!   case-sensitively"), made once when the emulator is built, exactly as a
//!   documented reading is;
//! - **answers** ([`Mutant::rewrite_error`]): the status, code or message of
//!   an error, rewritten as every error is rendered;
//! - **gateway** (`emulator.mutant_is(Mutant::…)` in [`super::gateway`]):
//!   a signature, timestamp, nonce or common-parameter check skipped;
//! - **store, envelopes and ids** ([`Mutant::active`] in [`super::store`],
//!   [`super::envelope`], [`super::ids`]): idempotence, duplicate names, the
//!   quota and the store's race, the shape of what is sent back, and the
//!   identities across answers (a `RequestId` per second, an `ImageId`
//!   from the parameters or from a racy counter: killed by a run-level
//!   invariant, [`crate::contract::invariants`]). While
//!   the server handles a request it runs inside [`scoped`], which makes the
//!   emulator's mutant the active one on that thread (the handling after the
//!   body is read is synchronous); code called outside a request, such as
//!   unit tests, sees no mutant.

use std::cell::Cell;

use super::error::ApiError;
use crate::contract::Rules;
use crate::contract::rule_set::{SourceKind, TextChars};
use crate::contract::rules::BASIC_DISK_DEFAULT_SIZE;

/// `architecture-i386-refused`: the documented architectures but `i386`.
const ARCHITECTURES_WITHOUT_I386: &[&str] = &["x86_64", "arm64"];

/// A deliberate fault.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Mutant {
    // Gateway.
    NoSignatureCheck,
    NoV3SignatureCheck,
    NoTimestampWindow,
    FutureTimestampsAccepted,
    NonceReplayAllowed,
    NonceOptional,
    FormatDefaultJson,
    V3FormatDefaultXml,
    RegionIdOptional,
    VersionOptional,
    FormatCaseSensitive,
    EmptyValuesDropped,
    NonceHex32Only,
    PlusNotSpace,
    AccessKeyPrefixMatch,
    V3ContentHashTrusted,
    V1FormBodyUnsigned,
    V1SignatureOverKnownParameters,
    V1UnsignedCopyUsed,
    SecurityTokenUnchecked,
    SecurityTokenAny,
    SecurityTokenAnyAccount,
    // Answers: status, code, message.
    ImageNameMalformed403,
    SnapshotNotFound400,
    InstanceNotFoundCodeCase,
    DuplicatedMessageCorrected,
    MissingSourceGatewayMessage,
    SignatureMismatchAsIncomplete,
    TimestampExpired403,
    DescriptionErrorAsImageName,
    ErrorsWithStatus200,
    // Envelopes and identifiers.
    XmlSuccessRootAction,
    XmlErrorRootResponse,
    JsonCamelCaseFields,
    SuccessCarriesCode,
    ErrorWithoutRequestId,
    ContentTypeTextPlain,
    RequestIdLowercase,
    RequestIdWithoutHyphens,
    ImageIdUppercase,
    // Parameter rules.
    ImageNameMax127,
    ImageNameMin1,
    ImageNameDigitFirst,
    ImageNameAnyCharacter,
    DescriptionMax255,
    DescriptionMin3,
    DescriptionUrlAllowed,
    PlatformAnyValue,
    ArchitectureAnyValue,
    ArchitectureI386Refused,
    // Sources.
    SnapshotOverMapping,
    MappingOverInstance,
    StoppedInstanceRefused,
    EmptyDiskDefaultSizeBasic,
    TagsQuotaUnchecked,
    InstanceLockIgnored,
    ImageFamilyReservedPrefixAllowed,
    ResourceGroupUnchecked,
    NoBalanceIgnored,
    // State: names, tokens, quotas.
    DuplicateNameUnchecked,
    DuplicateNameRacy,
    ClientTokenIgnored,
    ClientTokenMismatchReplays,
    ImageQuotaOffByOne,
    // Accounts: whose state and resources.
    ClientTokenSharedAcrossAccounts,
    ResourcesOfEveryAccount,
    OwnershipOfTheSystemDiskOnly,
    // Identities, across answers (killed by a run-level invariant).
    RequestIdPerSecond,
    ImageIdFromParameters,
    ImageIdRacy,
    // Free text.
    FreeTextTrimmed,
    ControlCharactersRefused,
    LineBreaksRefused,
    TagValueWhiteSpaceRefused,
    // Value lists.
    ValueListTrailingLineFeed,
}

/// One row per mutant: the value, its name, its description, and the ids
/// of the rules it breaks.
pub static MUTANTS: [(Mutant, &str, &str, &[&str]); 75] = [
    (
        Mutant::NoSignatureCheck,
        "no-signature-check",
        "the gateway accepts requests whose signature does not match (V1 and V3)",
        &["Gateway.signature"],
    ),
    (
        Mutant::NoV3SignatureCheck,
        "no-v3-signature-check",
        "V3 (ACS3-HMAC-SHA256) signatures are not verified; V1 still is",
        &["Gateway.signature"],
    ),
    (
        Mutant::NoTimestampWindow,
        "no-timestamp-window",
        "a timestamp is parsed but never compared with the 15-minute window",
        &["Gateway.timestamp-window"],
    ),
    (
        Mutant::FutureTimestampsAccepted,
        "future-timestamps-accepted",
        "the window is checked one way only: timestamps in the future pass",
        &["Gateway.timestamp-window"],
    ),
    (
        Mutant::NonceReplayAllowed,
        "nonce-replay-allowed",
        "signature nonces are not remembered: a replayed request is accepted",
        &["Gateway.nonce"],
    ),
    (
        Mutant::NonceOptional,
        "nonce-optional",
        "a V1 request without SignatureNonce is accepted",
        &["Gateway.nonce"],
    ),
    (
        Mutant::FormatDefaultJson,
        "format-default-json",
        "a V1 request without Format is answered in JSON instead of XML",
        &["Format.default"],
    ),
    (
        Mutant::V3FormatDefaultXml,
        "v3-format-default-xml",
        "a V3 request without Format is answered in XML instead of JSON",
        &["Format.default"],
    ),
    (
        Mutant::RegionIdOptional,
        "region-id-optional",
        "a request without RegionId is accepted",
        &["RegionId.required"],
    ),
    (
        Mutant::VersionOptional,
        "version-optional",
        "a request without Version is accepted",
        &["Gateway.common-parameters"],
    ),
    (
        Mutant::FormatCaseSensitive,
        "format-case-sensitive",
        "Format is compared case-sensitively: json or Json gets the default envelope of the signature version",
        &["Format.case-insensitive"],
    ),
    (
        Mutant::EmptyValuesDropped,
        "empty-values-dropped",
        "empty-valued parameters (SignatureType=) are dropped before a V1 signature is verified",
        &["Gateway.empty-parameter"],
    ),
    (
        Mutant::NonceHex32Only,
        "nonce-32-hex-only",
        "a nonce must be 32 hex digits: Node Tea's 64 and the documentation's UUIDs are refused as incomplete",
        &["Gateway.nonce-shapes"],
    ),
    (
        Mutant::PlusNotSpace,
        "plus-not-space",
        "the query and form body are decoded by RFC 3986 alone: a `+` stays a plus instead of a space",
        &["Gateway.plus-as-space"],
    ),
    (
        Mutant::AccessKeyPrefixMatch,
        "access-key-prefix-match",
        "an AccessKeyId is looked up by prefix: a known key with a character more or less is that key",
        &["Gateway.access-key"],
    ),
    (
        Mutant::V3ContentHashTrusted,
        "v3-content-hash-trusted",
        "V3: the x-acs-content-sha256 header is taken as the payload hash; the body is never hashed",
        &["Gateway.signature"],
    ),
    (
        Mutant::V1FormBodyUnsigned,
        "v1-form-body-unsigned",
        "V1 with the signature in the query: the form body's parameters are read but not signed",
        &["Gateway.signature"],
    ),
    (
        Mutant::V1SignatureOverKnownParameters,
        "v1-signature-over-known-parameters",
        "V1: only the common and documented parameters are signed; any other is read unsigned",
        &["Gateway.signature"],
    ),
    (
        Mutant::V1UnsignedCopyUsed,
        "v1-unsigned-copy-used",
        "V1: a parameter given twice is verified by its first copy and used by its last, so an unsigned copy after the signed one is what the operation reads",
        &["Gateway.signature"],
    ),
    (
        Mutant::SecurityTokenUnchecked,
        "security-token-unchecked",
        "an STS key's SecurityToken (V3 x-acs-security-token) is never checked: missing or wrong, it passes",
        &["Gateway.security-token"],
    ),
    (
        Mutant::SecurityTokenAny,
        "security-token-any",
        "an STS key's SecurityToken must be sent, but any value passes",
        &["Gateway.security-token"],
    ),
    (
        Mutant::SecurityTokenAnyAccount,
        "security-token-any-account",
        "an STS key's SecurityToken may be any STS key's token, not only its own",
        &["Gateway.security-token"],
    ),
    (
        Mutant::ImageNameMalformed403,
        "image-name-malformed-403",
        "InvalidImageName.Malformed is answered with HTTP 403 instead of 400",
        &[
            "ImageName.length",
            "ImageName.first-character",
            "ImageName.characters",
            "ImageName.prefix",
        ],
    ),
    (
        Mutant::SnapshotNotFound400,
        "snapshot-not-found-400",
        "InvalidSnapshotId.NotFound is answered with HTTP 400 instead of 404",
        &["SnapshotId.exists"],
    ),
    (
        Mutant::InstanceNotFoundCodeCase,
        "instance-not-found-code-case",
        "the code is spelled InvalidInstanceID.NotFound instead of InvalidInstanceId.NotFound",
        &["InstanceId.exists"],
    ),
    (
        Mutant::DuplicatedMessageCorrected,
        "duplicated-message-corrected",
        "the duplicate-name message says \"been\" where the contract says \"bean\"",
        &["ImageName.unique"],
    ),
    (
        Mutant::MissingSourceGatewayMessage,
        "missing-source-gateway-message",
        "no source answers MissingParameter with the gateway's message instead of the operation's",
        &["Source.required"],
    ),
    (
        Mutant::SignatureMismatchAsIncomplete,
        "signature-mismatch-as-incomplete",
        "a wrong signature is answered IncompleteSignature instead of SignatureDoesNotMatch",
        &["Gateway.signature"],
    ),
    (
        Mutant::TimestampExpired403,
        "timestamp-expired-403",
        "InvalidTimeStamp.Expired is answered with HTTP 403 instead of 400",
        &["Gateway.timestamp-window"],
    ),
    (
        Mutant::DescriptionErrorAsImageName,
        "description-error-as-image-name",
        "a malformed Description is answered with the ImageName row (copy-paste)",
        &["Description.length", "Description.prefix"],
    ),
    (
        Mutant::ErrorsWithStatus200,
        "errors-with-status-200",
        "errors are answered with HTTP 200 and the error body",
        &["Response.fields"],
    ),
    (
        Mutant::XmlSuccessRootAction,
        "xml-success-root-action",
        "the XML success root is <CreateImage> instead of <CreateImageResponse>",
        &["Format.xml"],
    ),
    (
        Mutant::XmlErrorRootResponse,
        "xml-error-root-response",
        "the XML error root is <Response> instead of <Error>",
        &["Format.xml"],
    ),
    (
        Mutant::JsonCamelCaseFields,
        "json-camel-case-fields",
        "JSON fields are camelCase (requestId, imageId, code, …)",
        &["Format.json", "Response.fields"],
    ),
    (
        Mutant::SuccessCarriesCode,
        "success-carries-code",
        "a success body also carries Code 200",
        &["Response.fields"],
    ),
    (
        Mutant::ErrorWithoutRequestId,
        "error-without-request-id",
        "error bodies leave out RequestId",
        &["Response.request-id"],
    ),
    (
        Mutant::ContentTypeTextPlain,
        "content-type-text-plain",
        "answers keep the framework's default content type text/plain",
        &["Format.json", "Format.xml"],
    ),
    (
        Mutant::RequestIdLowercase,
        "request-id-lowercase",
        "RequestId is a lowercase UUID",
        &["Response.request-id"],
    ),
    (
        Mutant::RequestIdWithoutHyphens,
        "request-id-without-hyphens",
        "RequestId is a UUID without hyphens",
        &["Response.request-id"],
    ),
    (
        Mutant::ImageIdUppercase,
        "image-id-uppercase",
        "ImageId is m- followed by uppercase letters and digits",
        &["Response.image-id"],
    ),
    (
        Mutant::ImageNameMax127,
        "image-name-max-127",
        "ImageName may have at most 127 characters instead of 128",
        &["ImageName.length"],
    ),
    (
        Mutant::ImageNameMin1,
        "image-name-min-1",
        "ImageName may have a single character",
        &["ImageName.length"],
    ),
    (
        Mutant::ImageNameDigitFirst,
        "image-name-digit-first",
        "ImageName may start with a digit",
        &["ImageName.first-character"],
    ),
    (
        Mutant::ImageNameAnyCharacter,
        "image-name-any-character",
        "ImageName's character set is not checked",
        &["ImageName.characters"],
    ),
    (
        Mutant::DescriptionMax255,
        "description-max-255",
        "Description may have at most 255 characters instead of 256",
        &["Description.length"],
    ),
    (
        Mutant::DescriptionMin3,
        "description-min-3",
        "Description needs at least 3 characters instead of 2",
        &["Description.length"],
    ),
    (
        Mutant::DescriptionUrlAllowed,
        "description-url-allowed",
        "Description may start with http:// or https://",
        &["Description.prefix"],
    ),
    (
        Mutant::PlatformAnyValue,
        "platform-any-value",
        "any Platform value is accepted",
        &["Platform.values"],
    ),
    (
        Mutant::ArchitectureAnyValue,
        "architecture-any-value",
        "any Architecture value is accepted",
        &["Architecture.values"],
    ),
    (
        Mutant::ArchitectureI386Refused,
        "architecture-i386-refused",
        "Architecture i386 is refused",
        &["Architecture.values"],
    ),
    (
        Mutant::SnapshotOverMapping,
        "snapshot-over-mapping",
        "SnapshotId outranks DiskDeviceMapping (priority swapped)",
        &["Source.priority"],
    ),
    (
        Mutant::MappingOverInstance,
        "mapping-over-instance",
        "DiskDeviceMapping outranks InstanceId (priority swapped)",
        &["Source.priority"],
    ),
    (
        Mutant::StoppedInstanceRefused,
        "stopped-instance-refused",
        "only Running instances may make an image; Stopped ones are refused",
        &["InstanceId.status"],
    ),
    (
        Mutant::EmptyDiskDefaultSizeBasic,
        "empty-disk-default-size-basic",
        "an empty disk without Size gets the basic-disk default (5 GiB) whatever its category",
        &["DiskDeviceMapping.size.default"],
    ),
    (
        Mutant::TagsQuotaUnchecked,
        "tags-quota-unchecked",
        "more than 20 tags are accepted (the ones past Tag.20 silently dropped)",
        &["Tag.count"],
    ),
    (
        Mutant::InstanceLockIgnored,
        "instance-lock-ignored",
        "an instance locked for security reasons may make an image",
        &["InstanceId.locked"],
    ),
    (
        Mutant::ImageFamilyReservedPrefixAllowed,
        "image-family-reserved-prefix-allowed",
        "ImageFamily may start with acs: or aliyun",
        &["ImageFamily.prefix"],
    ),
    (
        Mutant::ResourceGroupUnchecked,
        "resource-group-unchecked",
        "a ResourceGroupId that does not exist is accepted",
        &["ResourceGroupId.exists"],
    ),
    (
        Mutant::NoBalanceIgnored,
        "no-balance-ignored",
        "an account without balance may create images",
        &["Account.balance"],
    ),
    (
        Mutant::DuplicateNameUnchecked,
        "duplicate-name-unchecked",
        "an image name already used in the account is accepted again",
        &["ImageName.unique"],
    ),
    (
        Mutant::DuplicateNameRacy,
        "duplicate-name-racy",
        "the duplicate-name check and the insertion are two critical sections: concurrent requests race",
        &["ImageName.unique"],
    ),
    (
        Mutant::ClientTokenIgnored,
        "client-token-ignored",
        "ClientToken is ignored: a retried request creates another image",
        &["ClientToken.idempotence"],
    ),
    (
        Mutant::ClientTokenMismatchReplays,
        "client-token-mismatch-replays",
        "a reused ClientToken returns the earlier image even when the parameters differ",
        &["ClientToken.different-parameters"],
    ),
    (
        Mutant::ImageQuotaOffByOne,
        "image-quota-off-by-one",
        "the image quota is compared with > instead of >=: one image too many is allowed",
        &["Account.image-quota"],
    ),
    (
        Mutant::ClientTokenSharedAcrossAccounts,
        "client-token-shared-across-accounts",
        "a ClientToken is looked up without its account: another account sending it gets the first account's ImageId",
        &["Account.client-token-scope"],
    ),
    (
        Mutant::ResourcesOfEveryAccount,
        "resources-of-every-account",
        "snapshot and instance ownership is ignored: an account makes images of another account's resources",
        &["Account.own-resources"],
    ),
    (
        Mutant::OwnershipOfTheSystemDiskOnly,
        "ownership-of-the-system-disk-only",
        "a DiskDeviceMapping's ownership is checked for its first (system) disk only: another account's snapshot as a data disk is used",
        &["Account.own-resources"],
    ),
    (
        Mutant::RequestIdPerSecond,
        "request-id-per-second",
        "the RequestId is derived from the clock's second: requests answered in the same second share it",
        &["Response.request-id"],
    ),
    (
        Mutant::ImageIdFromParameters,
        "image-id-from-parameters",
        "the ImageId shown is a hash of the operation parameters: two creates with the same parameters and no name share it",
        &["Response.image-id"],
    ),
    (
        Mutant::ImageIdRacy,
        "image-id-racy",
        "the image id counter is read and written outside the store's lock, and trusted to be fresh: concurrent creates share an id",
        &["Response.image-id"],
    ),
    (
        Mutant::FreeTextTrimmed,
        "free-text-trimmed",
        "Description, tag keys and tag values are trimmed of white space before their length and prefix checks",
        &[
            "Description.length",
            "Description.prefix",
            "Tag.key.length",
            "Tag.key.prefix",
            "Tag.value.length",
            "Tag.value.prefix",
        ],
    ),
    (
        Mutant::ControlCharactersRefused,
        "control-characters-refused",
        "a Description with a control character (U+0001, U+001F, U+007F …) is refused as malformed",
        &["Description.length"],
    ),
    (
        Mutant::LineBreaksRefused,
        "line-breaks-refused",
        "a Description with a line break (LF, CR, U+2028) is refused as malformed",
        &["Description.length"],
    ),
    (
        Mutant::TagValueWhiteSpaceRefused,
        "tag-value-white-space-refused",
        "a tag value with white space other than the plain space (tab, line break, U+00A0, U+3000) is refused",
        &["Tag.value.length"],
    ),
    (
        Mutant::ValueListTrailingLineFeed,
        "value-list-trailing-line-feed",
        "Platform, Architecture and DiskDeviceMapping.N.DiskType match their lists with a `^(…)$` pattern whose `$` matches before a final line feed: `CentOS\\n` is accepted",
        &[
            "Platform.values",
            "Architecture.values",
            "DiskDeviceMapping.disk-type.values",
        ],
    ),
];

impl Mutant {
    /// Every mutant, in table order.
    pub fn all() -> impl Iterator<Item = Mutant> {
        MUTANTS.iter().map(|row| row.0)
    }

    pub fn name(self) -> &'static str {
        Self::row(self).1
    }

    pub fn description(self) -> &'static str {
        Self::row(self).2
    }

    /// The ids of the contract's rules ([`crate::contract::params`]) this
    /// mutant breaks.
    pub fn rules(self) -> &'static [&'static str] {
        Self::row(self).3
    }

    pub fn from_name(name: &str) -> Option<Mutant> {
        MUTANTS.iter().find(|row| row.1 == name).map(|row| row.0)
    }

    fn row(self) -> &'static (Mutant, &'static str, &'static str, &'static [&'static str]) {
        // Every variant has a row (checked by a test); the fallback is never used.
        MUTANTS
            .iter()
            .find(|row| row.0 == self)
            .unwrap_or(&MUTANTS[0])
    }

    /// The rules as this mutant breaks them, when it is a rule got wrong
    /// ("`ImageName` up to 127 characters", "priority swapped"): an edit of
    /// [`Rules`], the value the checks read, as a reading is. `None` for a
    /// mutant of another seam (module docs).
    pub fn broken_rules(self, reference: Rules) -> Option<Rules> {
        let mut rules = reference;
        match self {
            Mutant::ImageNameMin1 => rules.image_name_len.0 = 1,
            Mutant::ImageNameMax127 => rules.image_name_len.1 -= 1,
            Mutant::ImageNameDigitFirst => rules.image_name_starts_with_letter = false,
            Mutant::ImageNameAnyCharacter => rules.image_name_characters_checked = false,
            Mutant::DescriptionMin3 => rules.description_len.0 += 1,
            Mutant::DescriptionMax255 => rules.description_len.1 -= 1,
            Mutant::DescriptionUrlAllowed => rules.description_url_prefix_forbidden = false,
            Mutant::ImageFamilyReservedPrefixAllowed => rules.image_family_reserved_prefixes = &[],
            Mutant::PlatformAnyValue => rules.platform_checked = false,
            Mutant::ArchitectureAnyValue => rules.architecture_checked = false,
            Mutant::ArchitectureI386Refused => rules.architectures = ARCHITECTURES_WITHOUT_I386,
            Mutant::TagsQuotaUnchecked => rules.tags_quota_checked = false,
            Mutant::NoBalanceIgnored => rules.balance_checked = false,
            Mutant::ResourceGroupUnchecked => rules.resource_group_checked = false,
            Mutant::InstanceLockIgnored => rules.security_lock_checked = false,
            Mutant::ResourcesOfEveryAccount => rules.account_scope.ownership_checked = false,
            Mutant::OwnershipOfTheSystemDiskOnly => {
                rules.account_scope.ownership_of_every_mapping = false
            }
            Mutant::StoppedInstanceRefused => rules.instance_states_allowed = &["Running"],
            Mutant::MappingOverInstance => {
                rules.source_priority = [
                    SourceKind::Mapping,
                    SourceKind::Instance,
                    SourceKind::Snapshot,
                ];
            }
            Mutant::SnapshotOverMapping => {
                rules.source_priority = [
                    SourceKind::Instance,
                    SourceKind::Snapshot,
                    SourceKind::Mapping,
                ];
            }
            Mutant::EmptyDiskDefaultSizeBasic => {
                rules.empty_disk_default_size = BASIC_DISK_DEFAULT_SIZE
            }
            Mutant::FormatCaseSensitive => rules.spellings.format_any_case = false,
            Mutant::EmptyValuesDropped => rules.spellings.empty_values_signed = false,
            Mutant::NonceHex32Only => rules.spellings.nonce_hex_digits = Some(32),
            Mutant::PlusNotSpace => rules.spellings.plus_is_space = false,
            Mutant::FreeTextTrimmed => rules.free_text.trimmed = true,
            Mutant::ControlCharactersRefused => {
                rules.free_text.description_refuses = &[TextChars::Controls]
            }
            Mutant::LineBreaksRefused => {
                rules.free_text.description_refuses = &[TextChars::LineBreaks]
            }
            Mutant::TagValueWhiteSpaceRefused => {
                rules.free_text.tag_value_refuses = &[TextChars::WhiteSpace]
            }
            Mutant::ValueListTrailingLineFeed => rules.listed_value_final_line_feed_ignored = true,
            _ => return None,
        }
        Some(rules)
    }

    /// Whether this mutant is the one of the request being handled on this
    /// thread (see [`scoped`]).
    pub fn active(self) -> bool {
        ACTIVE.with(|active| active.get() == Some(self))
    }

    /// Applies an answer-only mutant to an error about to be sent.
    pub fn rewrite_error(self, err: &mut ApiError) {
        let code = err.code.as_ref();
        match self {
            Mutant::ImageNameMalformed403 if code == "InvalidImageName.Malformed" => {
                err.status = 403;
            }
            Mutant::SnapshotNotFound400 if code == "InvalidSnapshotId.NotFound" => {
                err.status = 400;
            }
            Mutant::InstanceNotFoundCodeCase if code == "InvalidInstanceId.NotFound" => {
                err.code = "InvalidInstanceID.NotFound".into();
            }
            Mutant::DuplicatedMessageCorrected if code == "InvalidImageName.Duplicated" => {
                err.message = "The specified Image name has already been used.".into();
            }
            Mutant::MissingSourceGatewayMessage
                if code == "MissingParameter"
                    && err.message.starts_with("The input parameter S") =>
            {
                *err = ApiError::missing_parameter("SnapshotId");
            }
            Mutant::SignatureMismatchAsIncomplete if code == "SignatureDoesNotMatch" => {
                let string_to_sign = err.message.split_once("is:").map_or("", |(_, s)| s);
                *err = ApiError::incomplete_signature(string_to_sign);
            }
            Mutant::TimestampExpired403 if code == "InvalidTimeStamp.Expired" => {
                err.status = 403;
            }
            Mutant::DescriptionErrorAsImageName if code == "InvalidDescription.Malformed" => {
                *err = crate::contract::errors::IMAGE_NAME_MALFORMED.into();
            }
            Mutant::ErrorsWithStatus200 => err.status = 200,
            _ => {}
        }
    }
}

impl std::fmt::Display for Mutant {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

thread_local! {
    static ACTIVE: Cell<Option<Mutant>> = const { Cell::new(None) };
}

/// Runs `f` with `mutant` active on this thread, then restores the previous
/// one (also when `f` panics).
pub fn scoped<R>(mutant: Option<Mutant>, f: impl FnOnce() -> R) -> R {
    struct Restore(Option<Mutant>);
    impl Drop for Restore {
        fn drop(&mut self) {
            ACTIVE.with(|active| active.set(self.0));
        }
    }
    let _restore = Restore(ACTIVE.with(|active| active.replace(mutant)));
    f()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn i386_refused_keeps_every_other_documented_architecture() {
        let kept: Vec<&str> = crate::contract::rules::ARCHITECTURES
            .into_iter()
            .filter(|a| *a != "i386")
            .collect();
        assert_eq!(ARCHITECTURES_WITHOUT_I386, kept);
    }

    #[test]
    fn a_rule_mutant_changes_the_rules_and_no_other_mutant_does() {
        let reference = Rules::reference();
        for mutant in Mutant::all() {
            if let Some(broken) = mutant.broken_rules(reference) {
                assert_ne!(broken, reference, "{mutant} leaves the rules as they are");
            }
        }
        assert!(Mutant::NoSignatureCheck.broken_rules(reference).is_none());
        assert!(Mutant::ImageNameMax127.broken_rules(reference).is_some());
    }

    #[test]
    fn every_mutant_names_the_rules_it_breaks_by_their_ids() {
        for mutant in Mutant::all() {
            assert!(!mutant.rules().is_empty(), "{mutant} names no rule");
            for id in mutant.rules() {
                assert!(
                    crate::contract::params::find(id).is_some(),
                    "{mutant} names `{id}`, which is no rule"
                );
            }
        }
    }

    #[test]
    fn every_mutant_has_its_own_row_name_and_description() {
        let names: BTreeSet<_> = Mutant::all().map(|m| m.name()).collect();
        assert_eq!(names.len(), MUTANTS.len());
        let values: BTreeSet<_> = Mutant::all().collect();
        assert_eq!(values.len(), MUTANTS.len());
        for mutant in Mutant::all() {
            assert_eq!(Mutant::from_name(mutant.name()), Some(mutant));
            assert!(!mutant.description().is_empty());
            assert!(
                mutant
                    .name()
                    .bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-'),
                "{mutant}"
            );
        }
    }

    #[test]
    fn at_least_forty_mutants() {
        assert!(MUTANTS.len() >= 40);
    }

    #[test]
    fn image_name_malformed_403_changes_only_that_code() {
        let mut err = ApiError::from(crate::contract::errors::IMAGE_NAME_MALFORMED);
        Mutant::ImageNameMalformed403.rewrite_error(&mut err);
        assert_eq!(err.status, 403);
        let mut other = ApiError::from(crate::contract::errors::DESCRIPTION_MALFORMED);
        Mutant::ImageNameMalformed403.rewrite_error(&mut other);
        assert_eq!(other.status, 400);
    }

    #[test]
    fn a_mutant_is_active_only_inside_its_scope() {
        assert!(!Mutant::ImageNameMin1.active());
        scoped(Some(Mutant::ImageNameMin1), || {
            assert!(Mutant::ImageNameMin1.active());
            assert!(!Mutant::ImageNameMax127.active());
            scoped(None, || assert!(!Mutant::ImageNameMin1.active()));
            assert!(Mutant::ImageNameMin1.active());
        });
        assert!(!Mutant::ImageNameMin1.active());
    }
}
