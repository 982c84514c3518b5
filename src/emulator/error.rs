//! [`ApiError`]: an error the emulator answers with (status, code, message),
//! built from a documented row of the contract or from one of the
//! gateway / emulator-specific codes below.
//!
//! Gateway codes (wire-protocol.md §5): `SignatureDoesNotMatch`,
//! `IncompleteSignature`, `InvalidAccessKeyId.NotFound`,
//! `InvalidTimeStamp.Expired`, `SignatureNonceUsed`, `MissingParameter`
//! (gateway message form), `Throttling`.
//!
//! Emulator-specific codes (not in `CreateImage.md`; chosen here):
//!
//! | Code | HTTP | When |
//! |---|---|---|
//! | `InvalidAction.NotFound` | 404 | `Action` is not `CreateImage`, or the path is not `/` |
//! | `InvalidVersion` | 400 | `Version` is not `2014-05-26` |
//! | `UnsupportedHTTPMethod` | 405 | a method other than GET or POST |
//! | `RequestTooLarge` | 413 | body over 64 KiB ([`super::server::MAX_BODY_BYTES`]) or query string over 32 KiB ([`super::server::MAX_QUERY_BYTES`]); a URI over 65534 bytes is refused by the HTTP layer with a bare 414 |
//! | `InvalidParameter.Encoding` | 400 | bad percent-encoding or bytes that are not UTF-8 |
//! | `InvalidParameter.Duplicate` | 400 | one parameter name given twice (query and/or body) |
//! | `InvalidParameter.IndexOutOfRange` | 400 | `Tag.N` / `DiskDeviceMapping.N` with N not a positive decimal integer, or `DiskDeviceMapping.N` with N > 26 |
//! | `InvalidClientToken.Malformed` | 400 | `ClientToken` not printable ASCII or longer than 64 (not under `--reading client-token-format=not-enforced`) |
//! | `InvalidImageFamily.Malformed` | 400 | a malformed `ImageFamily`, only under `--reading image-family-error=own-code` ([`crate::contract::choices::IMAGE_FAMILY_OWN_CODE`]) |
//! | `Throttling` | 400 | the nonce cache is full of unexpired nonces |
//!
//! `IncompleteSignature` also covers a `SignatureMethod` other than
//! `HMAC-SHA1`, a `SignatureVersion` other than `1.0` and an unparsable V3
//! `Authorization` header; a signature part left out is `IncompleteSignature`
//! or, under `--reading missing-signature-part=missing-parameter`,
//! `MissingParameter` naming it.

use std::borrow::Cow;

use crate::contract::errors::ErrorRow;

/// An error answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub status: u16,
    pub code: Cow<'static, str>,
    pub message: Cow<'static, str>,
}

impl From<ErrorRow> for ApiError {
    fn from(row: ErrorRow) -> ApiError {
        ApiError {
            status: row.status,
            code: Cow::Borrowed(row.code),
            message: Cow::Borrowed(row.emitted_message()),
        }
    }
}

impl ApiError {
    pub fn new(status: u16, code: &'static str, message: impl Into<Cow<'static, str>>) -> Self {
        ApiError {
            status,
            code: Cow::Borrowed(code),
            message: message.into(),
        }
    }

    pub fn signature_does_not_match(string_to_sign: &str) -> Self {
        Self::new(
            400,
            "SignatureDoesNotMatch",
            format!(
                "Specified signature is not matched with our calculation. server string to sign is:{string_to_sign}"
            ),
        )
    }

    pub fn incomplete_signature(string_to_sign: &str) -> Self {
        Self::new(
            400,
            "IncompleteSignature",
            format!(
                "The request signature does not conform to Aliyun standards. server string to sign is:{string_to_sign}"
            ),
        )
    }

    pub fn access_key_not_found() -> Self {
        Self::new(
            404,
            "InvalidAccessKeyId.NotFound",
            "Specified access key is not found.",
        )
    }

    pub fn timestamp_expired() -> Self {
        Self::new(
            400,
            "InvalidTimeStamp.Expired",
            "Specified time stamp or date value is expired.",
        )
    }

    pub fn nonce_used() -> Self {
        Self::new(
            400,
            "SignatureNonceUsed",
            "Specified signature nonce was used already.",
        )
    }

    pub fn missing_parameter(name: &str) -> Self {
        Self::new(
            400,
            "MissingParameter",
            format!(
                "The input parameter \"{name}\" that is mandatory for processing this request is not supplied."
            ),
        )
    }

    pub fn forbidden_ram() -> Self {
        Self::new(
            403,
            "Forbidden.RAM",
            "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
        )
    }

    pub fn throttling() -> Self {
        Self::new(
            400,
            "Throttling",
            "Request was denied due to request throttling.",
        )
    }

    pub fn action_not_found() -> Self {
        Self::new(
            404,
            "InvalidAction.NotFound",
            "Specified api is not found, please check your url and method.",
        )
    }

    pub fn invalid_version() -> Self {
        Self::new(
            400,
            "InvalidVersion",
            "Specified parameter Version is not valid.",
        )
    }

    pub fn unsupported_method() -> Self {
        Self::new(
            405,
            "UnsupportedHTTPMethod",
            "This http method is not supported.",
        )
    }

    pub fn request_too_large(limit: usize) -> Self {
        Self::new(
            413,
            "RequestTooLarge",
            format!("The request exceeds the size limit of {limit} bytes."),
        )
    }

    pub fn bad_encoding() -> Self {
        Self::new(
            400,
            "InvalidParameter.Encoding",
            "The request contains invalid percent-encoding or bytes that are not UTF-8.",
        )
    }

    /// A security token that is not the one of the request's STS key: the
    /// documents give no answer, this is the emulator's.
    pub fn security_token_mismatch() -> Self {
        Self::new(
            400,
            "InvalidSecurityToken.MismatchWithAccessKey",
            "Specified SecurityToken mismatch with the AccessKey.".to_owned(),
        )
    }

    pub fn duplicate_parameter(name: &str) -> Self {
        Self::new(
            400,
            "InvalidParameter.Duplicate",
            format!("The parameter \"{}\" is given more than once.", clip(name)),
        )
    }

    pub fn index_out_of_range(name: &str, max: usize) -> Self {
        Self::new(
            400,
            "InvalidParameter.IndexOutOfRange",
            format!(
                "The index N of parameter \"{}\" must be an integer from 1 to {max}.",
                clip(name)
            ),
        )
    }

    pub fn client_token_malformed() -> Self {
        Self::new(
            400,
            "InvalidClientToken.Malformed",
            "The specified ClientToken is wrongly formed.",
        )
    }
}

/// A parameter name echoed in a message, cut to a sane length.
fn clip(name: &str) -> String {
    const MAX: usize = 100;
    if name.chars().count() <= MAX {
        name.to_owned()
    } else {
        let mut cut: String = name.chars().take(MAX).collect();
        cut.push('…');
        cut
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::errors;

    #[test]
    fn row_error_carries_the_documented_text() {
        let err = ApiError::from(errors::SNAPSHOT_NOT_FOUND);
        assert_eq!(err.status, 404);
        assert_eq!(err.code, "InvalidSnapshotId.NotFound");
        assert_eq!(err.message, "The specified SnapshotId does not exist.");
    }

    #[test]
    fn placeholder_row_carries_the_chosen_message() {
        let err = ApiError::from(errors::TAGS_QUOTA_EXCEEDED);
        assert_eq!(err.message, crate::contract::errors::TAGS_QUOTA_MESSAGE);
    }

    #[test]
    fn echoed_parameter_names_are_clipped() {
        let err = ApiError::duplicate_parameter(&"x".repeat(10_000));
        assert!(err.message.len() < 200);
    }
}
