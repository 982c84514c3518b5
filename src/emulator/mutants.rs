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
//! kebab-case name and a one-line description in one table ([`MUTANTS`]).
//!
//! Adding a mutant is one variant, one table row, and one small hook at the
//! place the emulator makes the decision the mutant gets wrong:
//!
//! - answer-only faults (status, code or message of an error) are applied
//!   in [`Mutant::rewrite_error`], as every error is rendered;
//! - the gateway asks its emulator (`emulator.mutant_is(Mutant::…)`);
//! - everything else — the rules, the store, the envelopes, the ids — asks
//!   [`Mutant::active`]: while the server handles a request it runs inside
//!   [`scoped`], which makes the emulator's mutant the active one on that
//!   thread (the handling after the body is read is synchronous). Code
//!   called outside a request, such as unit tests of a rule, sees no mutant.

use std::cell::Cell;

use super::error::ApiError;

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
}

/// One row per mutant: the value, its name, its description.
pub static MUTANTS: [(Mutant, &str, &str); 52] = [
    (
        Mutant::NoSignatureCheck,
        "no-signature-check",
        "the gateway accepts requests whose signature does not match (V1 and V3)",
    ),
    (
        Mutant::NoV3SignatureCheck,
        "no-v3-signature-check",
        "V3 (ACS3-HMAC-SHA256) signatures are not verified; V1 still is",
    ),
    (
        Mutant::NoTimestampWindow,
        "no-timestamp-window",
        "a timestamp is parsed but never compared with the 15-minute window",
    ),
    (
        Mutant::FutureTimestampsAccepted,
        "future-timestamps-accepted",
        "the window is checked one way only: timestamps in the future pass",
    ),
    (
        Mutant::NonceReplayAllowed,
        "nonce-replay-allowed",
        "signature nonces are not remembered: a replayed request is accepted",
    ),
    (
        Mutant::NonceOptional,
        "nonce-optional",
        "a V1 request without SignatureNonce is accepted",
    ),
    (
        Mutant::FormatDefaultJson,
        "format-default-json",
        "a V1 request without Format is answered in JSON instead of XML",
    ),
    (
        Mutant::V3FormatDefaultXml,
        "v3-format-default-xml",
        "a V3 request without Format is answered in XML instead of JSON",
    ),
    (
        Mutant::RegionIdOptional,
        "region-id-optional",
        "a request without RegionId is accepted",
    ),
    (
        Mutant::VersionOptional,
        "version-optional",
        "a request without Version is accepted",
    ),
    (
        Mutant::ImageNameMalformed403,
        "image-name-malformed-403",
        "InvalidImageName.Malformed is answered with HTTP 403 instead of 400",
    ),
    (
        Mutant::SnapshotNotFound400,
        "snapshot-not-found-400",
        "InvalidSnapshotId.NotFound is answered with HTTP 400 instead of 404",
    ),
    (
        Mutant::InstanceNotFoundCodeCase,
        "instance-not-found-code-case",
        "the code is spelled InvalidInstanceID.NotFound instead of InvalidInstanceId.NotFound",
    ),
    (
        Mutant::DuplicatedMessageCorrected,
        "duplicated-message-corrected",
        "the duplicate-name message says \"been\" where the contract says \"bean\"",
    ),
    (
        Mutant::MissingSourceGatewayMessage,
        "missing-source-gateway-message",
        "no source answers MissingParameter with the gateway's message instead of the operation's",
    ),
    (
        Mutant::SignatureMismatchAsIncomplete,
        "signature-mismatch-as-incomplete",
        "a wrong signature is answered IncompleteSignature instead of SignatureDoesNotMatch",
    ),
    (
        Mutant::TimestampExpired403,
        "timestamp-expired-403",
        "InvalidTimeStamp.Expired is answered with HTTP 403 instead of 400",
    ),
    (
        Mutant::DescriptionErrorAsImageName,
        "description-error-as-image-name",
        "a malformed Description is answered with the ImageName row (copy-paste)",
    ),
    (
        Mutant::ErrorsWithStatus200,
        "errors-with-status-200",
        "errors are answered with HTTP 200 and the error body",
    ),
    (
        Mutant::XmlSuccessRootAction,
        "xml-success-root-action",
        "the XML success root is <CreateImage> instead of <CreateImageResponse>",
    ),
    (
        Mutant::XmlErrorRootResponse,
        "xml-error-root-response",
        "the XML error root is <Response> instead of <Error>",
    ),
    (
        Mutant::JsonCamelCaseFields,
        "json-camel-case-fields",
        "JSON fields are camelCase (requestId, imageId, code, …)",
    ),
    (
        Mutant::SuccessCarriesCode,
        "success-carries-code",
        "a success body also carries Code 200",
    ),
    (
        Mutant::ErrorWithoutRequestId,
        "error-without-request-id",
        "error bodies leave out RequestId",
    ),
    (
        Mutant::ContentTypeTextPlain,
        "content-type-text-plain",
        "answers keep the framework's default content type text/plain",
    ),
    (
        Mutant::RequestIdLowercase,
        "request-id-lowercase",
        "RequestId is a lowercase UUID",
    ),
    (
        Mutant::RequestIdWithoutHyphens,
        "request-id-without-hyphens",
        "RequestId is a UUID without hyphens",
    ),
    (
        Mutant::ImageIdUppercase,
        "image-id-uppercase",
        "ImageId is m- followed by uppercase letters and digits",
    ),
    (
        Mutant::ImageNameMax127,
        "image-name-max-127",
        "ImageName may have at most 127 characters instead of 128",
    ),
    (
        Mutant::ImageNameMin1,
        "image-name-min-1",
        "ImageName may have a single character",
    ),
    (
        Mutant::ImageNameDigitFirst,
        "image-name-digit-first",
        "ImageName may start with a digit",
    ),
    (
        Mutant::ImageNameAnyCharacter,
        "image-name-any-character",
        "ImageName's character set is not checked",
    ),
    (
        Mutant::DescriptionMax255,
        "description-max-255",
        "Description may have at most 255 characters instead of 256",
    ),
    (
        Mutant::DescriptionMin3,
        "description-min-3",
        "Description needs at least 3 characters instead of 2",
    ),
    (
        Mutant::DescriptionUrlAllowed,
        "description-url-allowed",
        "Description may start with http:// or https://",
    ),
    (
        Mutant::PlatformAnyValue,
        "platform-any-value",
        "any Platform value is accepted",
    ),
    (
        Mutant::ArchitectureAnyValue,
        "architecture-any-value",
        "any Architecture value is accepted",
    ),
    (
        Mutant::ArchitectureI386Refused,
        "architecture-i386-refused",
        "Architecture i386 is refused",
    ),
    (
        Mutant::SnapshotOverMapping,
        "snapshot-over-mapping",
        "SnapshotId outranks DiskDeviceMapping (priority swapped)",
    ),
    (
        Mutant::MappingOverInstance,
        "mapping-over-instance",
        "DiskDeviceMapping outranks InstanceId (priority swapped)",
    ),
    (
        Mutant::StoppedInstanceRefused,
        "stopped-instance-refused",
        "only Running instances may make an image; Stopped ones are refused",
    ),
    (
        Mutant::EmptyDiskDefaultSizeBasic,
        "empty-disk-default-size-basic",
        "an empty disk without Size gets the basic-disk default (5 GiB) whatever its category",
    ),
    (
        Mutant::TagsQuotaUnchecked,
        "tags-quota-unchecked",
        "more than 20 tags are accepted (the ones past Tag.20 silently dropped)",
    ),
    (
        Mutant::InstanceLockIgnored,
        "instance-lock-ignored",
        "an instance locked for security reasons may make an image",
    ),
    (
        Mutant::ImageFamilyReservedPrefixAllowed,
        "image-family-reserved-prefix-allowed",
        "ImageFamily may start with acs: or aliyun",
    ),
    (
        Mutant::ResourceGroupUnchecked,
        "resource-group-unchecked",
        "a ResourceGroupId that does not exist is accepted",
    ),
    (
        Mutant::NoBalanceIgnored,
        "no-balance-ignored",
        "an account without balance may create images",
    ),
    (
        Mutant::DuplicateNameUnchecked,
        "duplicate-name-unchecked",
        "an image name already used in the account is accepted again",
    ),
    (
        Mutant::DuplicateNameRacy,
        "duplicate-name-racy",
        "the duplicate-name check and the insertion are two critical sections: concurrent requests race",
    ),
    (
        Mutant::ClientTokenIgnored,
        "client-token-ignored",
        "ClientToken is ignored: a retried request creates another image",
    ),
    (
        Mutant::ClientTokenMismatchReplays,
        "client-token-mismatch-replays",
        "a reused ClientToken returns the earlier image even when the parameters differ",
    ),
    (
        Mutant::ImageQuotaOffByOne,
        "image-quota-off-by-one",
        "the image quota is compared with > instead of >=: one image too many is allowed",
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

    pub fn from_name(name: &str) -> Option<Mutant> {
        MUTANTS.iter().find(|row| row.1 == name).map(|row| row.0)
    }

    fn row(self) -> &'static (Mutant, &'static str, &'static str) {
        // Every variant has a row (checked by a test); the fallback is never used.
        MUTANTS
            .iter()
            .find(|row| row.0 == self)
            .unwrap_or(&MUTANTS[0])
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
