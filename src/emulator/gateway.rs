//! The gateway in front of the operation (wire-protocol.md §2, §3, §5):
//! decodes the parameters, picks the response format, authenticates the
//! request (V1 or V3), checks timestamp and nonce, then the common
//! parameters, and hands the operation its parameters.
//!
//! Order, first failure wins:
//! 1. Method GET/POST (`UnsupportedHTTPMethod`), path `/`
//!    (`InvalidAction.NotFound`). Size limits are enforced by the server.
//! 2. Query and form body decoded with `wire::percent::parse_pairs`, `+`
//!    as a space (`Gateway.plus-as-space`; `InvalidParameter.Encoding`),
//!    merged, every pair kept: a name given twice is signed twice.
//! 3. Format: the `Format` parameter (case-insensitive:
//!    `Format.case-insensitive`); otherwise XML for V1, JSON for V3
//!    (ambiguity `format-parameter`).
//! 4. V1 (no `Authorization` header): `AccessKeyId`, `Signature`,
//!    `SignatureNonce`, `Timestamp`, `SignatureMethod`, `SignatureVersion`
//!    present (`IncompleteSignature`, or `MissingParameter` naming the first
//!    one missing: ambiguity `missing-signature-part`), `SignatureMethod`
//!    = `HMAC-SHA1` and `SignatureVersion` = `1.0` (`IncompleteSignature`); key known
//!    (`InvalidAccessKeyId.NotFound`); timestamp parsable and within ±15
//!    minutes (`InvalidTimeStamp.Expired`); signature over the request method
//!    and every merged parameter but `Signature`, empty-valued ones included
//!    (`Gateway.empty-parameter`; `SignatureDoesNotMatch`); an STS key's
//!    own `SecurityToken` (`MissingParameter`, else the emulator's
//!    `InvalidSecurityToken.MismatchWithAccessKey`: `Gateway.security-token`);
//!    nonce unused (`SignatureNonceUsed`), whatever its shape
//!    (`Gateway.nonce-shapes`). A key is found by its id byte for byte.
//!
//! How the spellings of real clients are read is data of the rules
//! ([`Rules::spellings`]), so that a mutant that reads one strictly is an
//! edit of the rules.
//!    V3 (`Authorization: ACS3-HMAC-SHA256 …`): header parsable
//!    (`IncompleteSignature`), `x-acs-date` and `x-acs-signature-nonce`
//!    present (as for V1, named `Timestamp` and `SignatureNonce`); under the
//!    reading `sent-headers-signed` of `v3-signed-headers`, `host` and the
//!    §3 `x-acs-*` headers sent named in `SignedHeaders`
//!    (`IncompleteSignature`); key known; date within the window;
//!    `x-acs-content-sha256`, when sent, equal to the body's hash, and the
//!    signature over the canonical request built from `SignedHeaders`
//!    (`SignatureDoesNotMatch`); an STS key's own `x-acs-security-token`, as
//!    for V1; nonce unused.
//! 5. `Action` (V3: `x-acs-action`), `Version` (V3: `x-acs-version`),
//!    `RegionId` present (`MissingParameter`, gateway message form);
//!    `Action` = `CreateImage` or `DeleteImage` (`InvalidAction.NotFound`);
//!    `Version` = `2014-05-26` (`InvalidVersion`).
//! 6. No name twice (`InvalidParameter.Duplicate`), only once the pairs
//!    are known to be the ones signed: an unsigned copy of a parameter is
//!    `SignatureDoesNotMatch`, and the answer is in the format asked for.

use std::borrow::Cow;
use std::collections::BTreeSet;

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use super::Emulator;
use super::error::ApiError;
use super::mutants::Mutant;
use crate::contract::Rules;
use crate::contract::rule_set::SignaturePartMissing;
use crate::fixtures::Account;
use crate::wire::{API_VERSION, Format, percent, v1, v3};

/// Timestamps and nonces are checked against this window, either side of now.
pub const WINDOW_SECONDS: i64 = 15 * 60;
/// The operation under test.
pub const ACTION: &str = "CreateImage";
/// The one other operation served, so that `run --cleanup` works against
/// the emulator (see [`super::delete_image`]).
pub const DELETE_ACTION: &str = "DeleteImage";

/// One HTTP request, as the server received it.
#[derive(Debug, Clone, Copy)]
pub struct Incoming<'a> {
    pub method: &'a str,
    pub path: &'a str,
    /// The raw query string, without `?`.
    pub query: &'a str,
    /// Headers, names lowercase, values lossily decoded.
    pub headers: &'a [(String, String)],
    pub body: &'a [u8],
}

impl Incoming<'_> {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    fn is_v3(&self) -> bool {
        self.header("authorization").is_some()
    }
}

/// An authenticated request, ready for the operation.
#[derive(Debug, Clone)]
pub struct Admitted<'e> {
    /// The emulator's own record of the account (borrowed, not copied).
    pub account: &'e Account,
    /// Query and form parameters, merged, in arrival order.
    pub params: Vec<(String, String)>,
    pub action: String,
}

/// The format of the answer, decided as early as the request allows.
pub fn format_of(
    rules: &Rules,
    incoming: &Incoming<'_>,
    params: Option<&[(String, String)]>,
) -> Format {
    let given = params
        .and_then(|p| p.iter().find(|(n, _)| n == "Format"))
        .and_then(|(_, v)| {
            if rules.spellings.format_any_case {
                v.parse::<Format>().ok()
            } else {
                Format::ALL.into_iter().find(|f| f.param_value() == v)
            }
        });
    let v3 = incoming.is_v3();
    given.unwrap_or(
        if (v3 && !Mutant::V3FormatDefaultXml.active())
            || (!v3 && Mutant::FormatDefaultJson.active())
        {
            Format::Json
        } else {
            Format::Xml
        },
    )
}

/// Runs the gateway. Returns the answer format and the admitted request or
/// the error to send.
pub fn admit<'e>(
    emulator: &'e Emulator,
    incoming: &Incoming<'_>,
    now: OffsetDateTime,
) -> (Format, Result<Admitted<'e>, ApiError>) {
    let rules = emulator.rules();
    let params = decode(rules, incoming);
    let format = format_of(rules, incoming, params.as_ref().ok().map(Vec::as_slice));
    let result = params.and_then(|params| {
        if incoming.method != "GET" && incoming.method != "POST" {
            return Err(ApiError::unsupported_method());
        }
        if incoming.path != "/" {
            return Err(ApiError::action_not_found());
        }
        let (account, action, version) = if incoming.is_v3() {
            authenticate_v3(emulator, incoming, &params, now)?
        } else {
            authenticate_v1(emulator, incoming, &params, now)?
        };
        common(emulator, &params, action.as_deref(), version.as_deref())?;
        let params = if emulator.mutant_is(Mutant::V1UnsignedCopyUsed) {
            each_name_once(params, Kept::Last)
        } else {
            no_name_twice(&params)?;
            params
        };
        Ok(Admitted {
            account,
            params,
            action: action.unwrap_or_default(),
        })
    });
    (format, result)
}

/// The format a request asks for (its `Format`, else the default of its
/// signature version), however far it is from being admitted.
pub fn requested_format(rules: &Rules, incoming: &Incoming<'_>) -> Format {
    format_of(rules, incoming, decode(rules, incoming).ok().as_deref())
}

/// The query and (for a form body) the body, decoded and merged.
fn decode(rules: &Rules, incoming: &Incoming<'_>) -> Result<Vec<(String, String)>, ApiError> {
    let mut params = pairs(rules, incoming.query)?;
    if !incoming.body.is_empty() && is_form(incoming) {
        let body = std::str::from_utf8(incoming.body).map_err(|_| ApiError::bad_encoding())?;
        params.extend(pairs(rules, body)?);
    }
    Ok(params)
}

/// Which copy of a name given twice [`each_name_once`] keeps.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kept {
    First,
    Last,
}

/// The pairs with each name once, at the place of its first copy.
fn each_name_once(params: Vec<(String, String)>, kept: Kept) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::with_capacity(params.len());
    for (name, value) in params {
        match out.iter_mut().find(|(n, _)| *n == name) {
            Some(pair) if kept == Kept::Last => pair.1 = value,
            Some(_) => {}
            None => out.push((name, value)),
        }
    }
    out
}

/// A parameter name given twice, in the query, the body or both.
fn no_name_twice(params: &[(String, String)]) -> Result<(), ApiError> {
    let mut names = BTreeSet::new();
    match params.iter().find(|(name, _)| !names.insert(name.as_str())) {
        Some((name, _)) => Err(ApiError::duplicate_parameter(name)),
        None => Ok(()),
    }
}

/// A query string or form body decoded: `+` is a space, as Tea clients
/// write it, unless the rules read it as a plus.
fn pairs(rules: &Rules, raw: &str) -> Result<Vec<(String, String)>, ApiError> {
    let raw = if rules.spellings.plus_is_space {
        Cow::Borrowed(raw)
    } else {
        Cow::Owned(raw.replace('+', "%2B"))
    };
    percent::parse_pairs(&raw).map_err(|_| ApiError::bad_encoding())
}

/// Whether a nonce has the shape the rules ask for (by the contract, any).
fn nonce_shaped(rules: &Rules, nonce: &str) -> bool {
    rules
        .spellings
        .nonce_hex_digits
        .is_none_or(|digits| nonce.len() == digits && nonce.bytes().all(|b| b.is_ascii_hexdigit()))
}

/// A body is a form unless its content type says otherwise.
fn is_form(incoming: &Incoming<'_>) -> bool {
    match incoming.header("content-type") {
        None => true,
        Some(ct) => ct
            .trim()
            .to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded"),
    }
}

fn param<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

type Authenticated<'e> = (&'e Account, Option<String>, Option<String>);

fn authenticate_v1<'e>(
    emulator: &'e Emulator,
    incoming: &Incoming<'_>,
    params: &[(String, String)],
    now: OffsetDateTime,
) -> Result<Authenticated<'e>, ApiError> {
    let rules = emulator.rules();
    let signed = if rules.spellings.empty_values_signed {
        Cow::Borrowed(params)
    } else {
        Cow::Owned(
            params
                .iter()
                .filter(|(_, v)| !v.is_empty())
                .cloned()
                .collect(),
        )
    };
    let signed = signed_by_mutant(emulator, rules, incoming, signed);
    let string_to_sign = v1::string_to_sign(incoming.method, &signed);
    let get = |name: &str| param(params, name).filter(|v| !v.is_empty());
    let incomplete = || ApiError::incomplete_signature(&string_to_sign);
    let missing = |name: &str| signature_part_missing(rules, name, &string_to_sign);
    let key = get("AccessKeyId").ok_or_else(|| missing("AccessKeyId"))?;
    let signature = get("Signature").ok_or_else(|| missing("Signature"))?;
    let nonce = get("SignatureNonce").filter(|n| nonce_shaped(rules, n));
    let nonce = match nonce {
        None if emulator.mutant_is(Mutant::NonceOptional) => None,
        nonce => Some(nonce.ok_or_else(|| missing("SignatureNonce"))?),
    };
    let timestamp = get("Timestamp").ok_or_else(|| missing("Timestamp"))?;
    let method = get("SignatureMethod").ok_or_else(|| missing("SignatureMethod"))?;
    let version = get("SignatureVersion").ok_or_else(|| missing("SignatureVersion"))?;
    if method != "HMAC-SHA1" || version != "1.0" {
        return Err(incomplete());
    }
    let account = account_by_key(emulator, key)?;
    let expires_at = check_timestamp(emulator, timestamp, now)?;
    if !emulator.mutant_is(Mutant::NoSignatureCheck)
        && !v1::verify(&account.access_key_secret, &string_to_sign, signature)
    {
        return Err(ApiError::signature_does_not_match(&string_to_sign));
    }
    check_security_token(emulator, account, param(params, "SecurityToken"))?;
    if let Some(nonce) = nonce {
        check_nonce(emulator, key, nonce, now, expires_at)?;
    }
    Ok((
        account,
        param(params, "Action").map(str::to_owned),
        param(params, "Version").map(str::to_owned),
    ))
}

fn authenticate_v3<'e>(
    emulator: &'e Emulator,
    incoming: &Incoming<'_>,
    params: &[(String, String)],
    now: OffsetDateTime,
) -> Result<Authenticated<'e>, ApiError> {
    let rules = emulator.rules();
    let query = pairs(rules, incoming.query)?;
    let body_sha256 = v3::content_sha256(incoming.body);
    let payload_sha256 = incoming
        .header("x-acs-content-sha256")
        .unwrap_or(&body_sha256);
    // A verifier that trusts the header hashes no body.
    let body_sha256 = if emulator.mutant_is(Mutant::V3ContentHashTrusted) {
        payload_sha256.to_owned()
    } else {
        body_sha256.clone()
    };
    let string_to_sign_for = |signed_headers: &[String]| {
        let input = v3::CanonicalInput {
            method: incoming.method,
            path: incoming.path,
            query: &query,
            headers: incoming.headers,
            payload_sha256,
        };
        v3::string_to_sign(&v3::canonical_request(&input, signed_headers))
    };
    let authorization = incoming.header("authorization").unwrap_or_default();
    let authorization = v3::parse_authorization(authorization)
        .map_err(|_| ApiError::incomplete_signature(&string_to_sign_for(&[])))?;
    let string_to_sign = string_to_sign_for(&authorization.signed_headers);
    // A header is named by the V1 parameter it carries.
    let missing = |name: &str| signature_part_missing(rules, name, &string_to_sign);
    let get = |name: &str| incoming.header(name).filter(|v| !v.trim().is_empty());
    let date = get("x-acs-date").ok_or_else(|| missing("Timestamp"))?;
    let nonce = get("x-acs-signature-nonce")
        .filter(|n| nonce_shaped(rules, n.trim()))
        .ok_or_else(|| missing("SignatureNonce"))?;
    if rules.v3_sent_headers_signed
        && V3_HEADERS.iter().any(|name| {
            incoming.header(name).is_some()
                && !authorization.signed_headers.iter().any(|h| h == name)
        })
    {
        return Err(ApiError::incomplete_signature(&string_to_sign));
    }
    let account = account_by_key(emulator, &authorization.access_key_id)?;
    let expires_at = check_timestamp(emulator, date.trim(), now)?;
    if !emulator.mutant_is(Mutant::NoSignatureCheck)
        && !emulator.mutant_is(Mutant::NoV3SignatureCheck)
        && (!payload_sha256.eq_ignore_ascii_case(&body_sha256)
            || !v3::verify(
                &account.access_key_secret,
                &string_to_sign,
                &authorization.signature,
            ))
    {
        return Err(ApiError::signature_does_not_match(&string_to_sign));
    }
    check_security_token(emulator, account, get("x-acs-security-token"))?;
    check_nonce(
        emulator,
        &authorization.access_key_id,
        nonce.trim(),
        now,
        expires_at,
    )?;
    let action = get("x-acs-action").or_else(|| param(params, "Action"));
    let version = get("x-acs-version").or_else(|| param(params, "Version"));
    Ok((
        account,
        action.map(|a| a.trim().to_owned()),
        version.map(|v| v.trim().to_owned()),
    ))
}

/// The headers wire-protocol.md §3 lists, which the reading
/// `sent-headers-signed` of `v3-signed-headers` requires signed when sent.
const V3_HEADERS: [&str; 6] = [
    "host",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
];

/// The account whose AccessKeyId is `key`, compared byte for byte (§5
/// `InvalidAccessKeyId.NotFound` otherwise).
fn account_by_key<'e>(emulator: &'e Emulator, key: &str) -> Result<&'e Account, ApiError> {
    let loose = |known: &str| {
        (emulator.rules().spellings.access_key_any_case && known.eq_ignore_ascii_case(key))
            || (emulator.mutant_is(Mutant::AccessKeyPrefixMatch)
                && !key.is_empty()
                && (known.starts_with(key) || key.starts_with(known)))
    };
    emulator.account_by_key(key).or_else(|err| {
        emulator
            .world()
            .accounts_by_key
            .values()
            .find(|account| loose(&account.access_key_id))
            .ok_or(err)
    })
}

/// An STS account's request carries its own security token (V1
/// `SecurityToken`, V3 `x-acs-security-token`, wire-protocol.md §2): none
/// is `MissingParameter`, another is
/// `InvalidSecurityToken.MismatchWithAccessKey` (the emulator's code: the
/// documents give none). A key without a token ignores one sent.
fn check_security_token(
    emulator: &Emulator,
    account: &Account,
    sent: Option<&str>,
) -> Result<(), ApiError> {
    let Some(expected) = account.security_token.as_deref() else {
        return Ok(());
    };
    if emulator.mutant_is(Mutant::SecurityTokenUnchecked) {
        return Ok(());
    }
    let sent = sent
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::missing_parameter("SecurityToken"))?;
    let accepted = sent == expected
        || emulator.mutant_is(Mutant::SecurityTokenAny)
        || (emulator.mutant_is(Mutant::SecurityTokenAnyAccount)
            && emulator
                .world()
                .accounts_by_key
                .values()
                .any(|a| a.security_token.as_deref() == Some(sent)));
    if accepted {
        Ok(())
    } else {
        Err(ApiError::security_token_mismatch())
    }
}

/// The V1 parameters a mutant signs instead of all of them:
/// `v1-form-body-unsigned` (the query's alone when it carries the
/// signature), `v1-signature-over-known-parameters` (the common and
/// documented ones alone).
fn signed_by_mutant<'p>(
    emulator: &Emulator,
    rules: &Rules,
    incoming: &Incoming<'_>,
    signed: Cow<'p, [(String, String)]>,
) -> Cow<'p, [(String, String)]> {
    if emulator.mutant_is(Mutant::V1FormBodyUnsigned)
        && incoming.query.contains("Signature=")
        && let Ok(query) = pairs(rules, incoming.query)
    {
        return Cow::Owned(query);
    }
    if emulator.mutant_is(Mutant::V1UnsignedCopyUsed) {
        return Cow::Owned(each_name_once(signed.into_owned(), Kept::First));
    }
    if emulator.mutant_is(Mutant::V1SignatureOverKnownParameters) {
        return Cow::Owned(
            signed
                .iter()
                .filter(|(name, _)| known_parameter(name))
                .cloned()
                .collect(),
        );
    }
    signed
}

/// A common parameter or one of `CreateImage.md`'s.
fn known_parameter(name: &str) -> bool {
    const DOCUMENTED: [&str; 11] = [
        "RegionId",
        "InstanceId",
        "SnapshotId",
        "ImageName",
        "ImageFamily",
        "ImageVersion",
        "Description",
        "Platform",
        "Architecture",
        "ClientToken",
        "ResourceGroupId",
    ];
    crate::wire::request::COMMON_PARAMETERS.contains(&name)
        || DOCUMENTED.contains(&name)
        || name.starts_with("Tag.")
        || name.starts_with("DiskDeviceMapping.")
}

/// The answer to a request without the signature part `name` (a V1
/// parameter), as the rules read it (ambiguity `missing-signature-part`).
fn signature_part_missing(rules: &Rules, name: &str, string_to_sign: &str) -> ApiError {
    match rules.signature_part_missing {
        SignaturePartMissing::IncompleteSignature => ApiError::incomplete_signature(string_to_sign),
        SignaturePartMissing::MissingParameter => ApiError::missing_parameter(name),
    }
}

/// Parses an RFC 3339 UTC timestamp and checks the window; returns when a
/// nonce sent with it expires (Unix seconds).
fn check_timestamp(emulator: &Emulator, text: &str, now: OffsetDateTime) -> Result<i64, ApiError> {
    let at = OffsetDateTime::parse(text, &Rfc3339).map_err(|_| ApiError::timestamp_expired())?;
    let skew = (at - now).whole_seconds();
    let skew = if emulator.mutant_is(Mutant::FutureTimestampsAccepted) {
        -skew
    } else {
        skew.abs()
    };
    if skew > WINDOW_SECONDS && !emulator.mutant_is(Mutant::NoTimestampWindow) {
        return Err(ApiError::timestamp_expired());
    }
    Ok(at.unix_timestamp() + WINDOW_SECONDS)
}

/// Records the nonce, or refuses it when already used within its window.
fn check_nonce(
    emulator: &Emulator,
    access_key_id: &str,
    nonce: &str,
    now: OffsetDateTime,
    expires_at: i64,
) -> Result<(), ApiError> {
    if emulator.mutant_is(Mutant::NonceReplayAllowed) {
        return Ok(());
    }
    emulator
        .nonces()
        .check_and_insert(access_key_id, nonce, now.unix_timestamp(), expires_at)
}

fn common(
    emulator: &Emulator,
    params: &[(String, String)],
    action: Option<&str>,
    version: Option<&str>,
) -> Result<(), ApiError> {
    let action = action.filter(|a| !a.is_empty());
    let version = version.filter(|v| !v.is_empty());
    let action = action.ok_or_else(|| ApiError::missing_parameter("Action"))?;
    let version = match version {
        None if emulator.mutant_is(Mutant::VersionOptional) => API_VERSION,
        version => version.ok_or_else(|| ApiError::missing_parameter("Version"))?,
    };
    if action != ACTION && action != DELETE_ACTION {
        return Err(ApiError::action_not_found());
    }
    if version != API_VERSION {
        return Err(ApiError::invalid_version());
    }
    if param(params, "RegionId").is_none_or(str::is_empty)
        && !emulator.mutant_is(Mutant::RegionIdOptional)
    {
        return Err(ApiError::missing_parameter("RegionId"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::fixtures::Manifest;
    use crate::wire::{Credentials, RequestSpec, WireStyle, prepare};

    fn emulator() -> Emulator {
        Emulator::new(
            &Manifest::builtin(),
            crate::contract::Rules::reference(),
            None,
        )
    }

    fn now() -> OffsetDateTime {
        OffsetDateTime::parse("2024-05-01T10:20:30Z", &Rfc3339).unwrap()
    }

    fn signed(
        style: WireStyle,
        params: &[(&str, &str)],
        nonce: &str,
        timestamp: &str,
    ) -> crate::wire::PreparedRequest {
        let params: Vec<(String, String)> = params
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        let credentials = Credentials::new("emulator-default-key", "emulator-default-secret");
        prepare(&RequestSpec {
            style,
            host: "127.0.0.1:1",
            action: "CreateImage",
            format: None,
            params: &params,
            credentials: &credentials,
            nonce,
            timestamp,
        })
    }

    fn admit_prepared<'e>(
        em: &'e Emulator,
        req: &crate::wire::PreparedRequest,
    ) -> (Format, Result<Admitted<'e>, ApiError>) {
        let (path, query) = req
            .path_and_query
            .split_once('?')
            .unwrap_or((&req.path_and_query, ""));
        let incoming = Incoming {
            method: req.method,
            path,
            query,
            headers: &req.headers,
            body: &req.body,
        };
        admit(em, &incoming, now())
    }

    #[test]
    fn every_wire_style_is_admitted() {
        let em = emulator();
        for (i, style) in WireStyle::ALL.into_iter().enumerate() {
            let req = signed(
                style,
                &[("RegionId", "cn-hangzhou"), ("ImageName", "a b+c")],
                &format!("n{i}"),
                "2024-05-01T10:20:30Z",
            );
            let (format, admitted) = admit_prepared(&em, &req);
            let admitted = admitted.unwrap_or_else(|e| panic!("{style}: {e:?}"));
            assert_eq!(admitted.account.name, "default");
            assert_eq!(param(&admitted.params, "ImageName"), Some("a b+c"));
            assert_eq!(
                format,
                if style == WireStyle::V3 {
                    Format::Json
                } else {
                    Format::Xml
                }
            );
        }
    }

    /// The manifest's STS account signs with its key pair and sends its
    /// token (V1 `SecurityToken`, V3 `x-acs-security-token`, signed); the
    /// gateway admits it over every style.
    #[test]
    fn an_sts_accounts_request_with_its_security_token_is_admitted_over_every_style() {
        let em = emulator();
        let credentials = Manifest::builtin().credentials()["sts"].clone();
        assert!(credentials.security_token.is_some());
        let params = vec![("RegionId".to_owned(), "cn-hangzhou".to_owned())];
        for style in WireStyle::ALL {
            let req = prepare(&RequestSpec {
                style,
                host: "127.0.0.1:1",
                action: "CreateImage",
                format: None,
                params: &params,
                credentials: &credentials,
                nonce: &format!("sts-{style}"),
                timestamp: "2024-05-01T10:20:30Z",
            });
            let carried = req
                .headers
                .iter()
                .any(|(name, _)| name == "x-acs-security-token")
                || req.path_and_query.contains("SecurityToken=")
                || String::from_utf8_lossy(&req.body).contains("SecurityToken=");
            assert!(carried, "{style}: the token is sent");
            let admitted = admit_prepared(&em, &req).1;
            assert_eq!(
                admitted.map(|a| a.account.name.clone()),
                Ok("sts".to_owned()),
                "{style}"
            );
        }
    }

    /// A request of `account`, signed with `credentials` and spelled as
    /// `tampering` says.
    fn signed_as(
        style: WireStyle,
        credentials: &Credentials,
        tampering: &crate::wire::request::Tampering,
        nonce: &str,
    ) -> crate::wire::PreparedRequest {
        let params = vec![("RegionId".to_owned(), "cn-hangzhou".to_owned())];
        crate::wire::request::prepare_tampered(
            &RequestSpec {
                style,
                host: "127.0.0.1:1",
                action: "CreateImage",
                format: None,
                params: &params,
                credentials,
                nonce,
                timestamp: "2024-05-01T10:20:30Z",
            },
            tampering,
        )
    }

    #[test]
    fn gateway_security_token_an_sts_key_needs_its_own_token() {
        let em = emulator();
        let accounts = Manifest::builtin().credentials();
        let sts = accounts["sts"].clone();
        let other_token = accounts["sts-other"].security_token.clone();
        assert!(other_token.is_some() && other_token != sts.security_token);
        let with_other = Credentials {
            security_token: other_token,
            ..sts.clone()
        };
        let without = crate::wire::request::Tampering {
            without: vec!["SecurityToken".into()],
            ..Default::default()
        };
        let wrong = crate::wire::request::Tampering {
            spell: vec![("SecurityToken".into(), "not-the-token".into())],
            ..Default::default()
        };
        for style in WireStyle::ALL {
            for (i, (credentials, tampering, code)) in [
                (&sts, &without, "MissingParameter"),
                (&sts, &wrong, "InvalidSecurityToken.MismatchWithAccessKey"),
                (
                    &with_other,
                    &Default::default(),
                    "InvalidSecurityToken.MismatchWithAccessKey",
                ),
            ]
            .into_iter()
            .enumerate()
            {
                let req = signed_as(style, credentials, tampering, &format!("t{i}{style}"));
                let err = admit_prepared(&em, &req).1.unwrap_err();
                assert_eq!(err.code, code, "{style} {i}");
            }
        }
    }

    #[test]
    fn gateway_access_key_a_near_miss_of_a_known_key_is_not_found() {
        let em = emulator();
        for style in WireStyle::ALL {
            for variant in crate::wire::credentials::KeyVariant::ALL {
                let credentials = Credentials::new(
                    variant.apply("emulator-default-key"),
                    "emulator-default-secret",
                );
                let req = signed_as(style, &credentials, &Default::default(), "k");
                assert_eq!(
                    admit_prepared(&em, &req).1.unwrap_err().code,
                    "InvalidAccessKeyId.NotFound",
                    "{style} {variant:?}"
                );
            }
        }
    }

    #[test]
    fn gateway_signed_headers_a_header_left_out_is_incomplete_under_sent_headers_signed() {
        let em = emulator();
        let mut rules = crate::contract::Rules::reference();
        rules.v3_sent_headers_signed = true;
        let strict = Emulator::new(&Manifest::builtin(), rules, None);
        let credentials = Credentials::new("emulator-default-key", "emulator-default-secret");
        for header in ["x-acs-date", "x-acs-action", "host"] {
            let tampering = crate::wire::request::Tampering {
                unsigned_headers: vec![header.into()],
                ..Default::default()
            };
            let req = signed_as(WireStyle::V3, &credentials, &tampering, header);
            assert!(admit_prepared(&em, &req).1.is_ok(), "{header}");
            assert_eq!(
                admit_prepared(&strict, &req).1.unwrap_err().code,
                "IncompleteSignature",
                "{header}"
            );
        }
    }

    #[test]
    fn replayed_nonce_is_refused() {
        let em = emulator();
        for style in WireStyle::ALL {
            let req = signed(
                style,
                &[("RegionId", "cn-hangzhou")],
                &format!("same-{style}"),
                "2024-05-01T10:20:30Z",
            );
            assert!(admit_prepared(&em, &req).1.is_ok());
            assert_eq!(
                admit_prepared(&em, &req).1.unwrap_err().code,
                "SignatureNonceUsed"
            );
        }
    }

    #[test]
    fn timestamp_outside_fifteen_minutes_is_expired() {
        let em = emulator();
        for style in WireStyle::ALL {
            for ts in ["2024-05-01T10:05:29Z", "2024-05-01T10:35:31Z", "yesterday"] {
                let req = signed(
                    style,
                    &[("RegionId", "cn-hangzhou")],
                    &format!("{style}{ts}"),
                    ts,
                );
                assert_eq!(
                    admit_prepared(&em, &req).1.unwrap_err().code,
                    "InvalidTimeStamp.Expired",
                    "{style} {ts}"
                );
            }
            let req = signed(
                style,
                &[("RegionId", "cn-hangzhou")],
                &format!("{style}-edge"),
                "2024-05-01T10:35:30Z",
            );
            assert!(admit_prepared(&em, &req).1.is_ok());
        }
    }

    #[test]
    fn missing_region_is_gateway_missing_parameter() {
        let em = emulator();
        let req = signed(WireStyle::V1Get, &[], "n", "2024-05-01T10:20:30Z");
        let err = admit_prepared(&em, &req).1.unwrap_err();
        assert_eq!(
            err.message,
            "The input parameter \"RegionId\" that is mandatory for processing this request is not supplied."
        );
    }

    /// A request spelled as `tampering` says, signed with the default key.
    fn spelled(
        style: WireStyle,
        tampering: &crate::wire::request::Tampering,
        nonce: &str,
    ) -> crate::wire::PreparedRequest {
        let params = vec![
            ("RegionId".to_owned(), "cn-hangzhou".to_owned()),
            ("Description".to_owned(), "a b+c".to_owned()),
        ];
        let credentials = Credentials::new("emulator-default-key", "emulator-default-secret");
        crate::wire::request::prepare_tampered(
            &RequestSpec {
                style,
                host: "127.0.0.1:1",
                action: "CreateImage",
                format: Some(Format::Xml),
                params: &params,
                credentials: &credentials,
                nonce,
                timestamp: "2024-05-01T10:20:30Z",
            },
            tampering,
        )
    }

    fn with_rules(edit: impl FnOnce(&mut crate::contract::rule_set::Spellings)) -> Emulator {
        let mut rules = crate::contract::Rules::reference();
        edit(&mut rules.spellings);
        Emulator::new(&Manifest::builtin(), rules, None)
    }

    #[test]
    fn format_case_insensitive_reads_format_in_any_case() {
        let em = emulator();
        let strict = with_rules(|s| s.format_any_case = false);
        for (i, (spelling, format)) in [
            ("json", Format::Json),
            ("Json", Format::Json),
            ("xml", Format::Xml),
            ("Xml", Format::Xml),
        ]
        .into_iter()
        .enumerate()
        {
            let tampering = crate::wire::request::Tampering {
                spell: vec![("Format".into(), spelling.into())],
                ..Default::default()
            };
            for style in WireStyle::ALL {
                let req = spelled(style, &tampering, &format!("f{i}{style}"));
                let (answered, admitted) = admit_prepared(&em, &req);
                assert!(admitted.is_ok(), "{spelling} {style}");
                assert_eq!(answered, format, "{spelling} {style}");
                let default = if style == WireStyle::V3 {
                    Format::Json
                } else {
                    Format::Xml
                };
                assert_eq!(admit_prepared(&strict, &req).0, default, "{spelling}");
            }
        }
    }

    #[test]
    fn gateway_empty_parameter_is_part_of_the_v1_signature() {
        let em = emulator();
        let dropping = with_rules(|s| s.empty_values_signed = false);
        let tampering = crate::wire::request::Tampering {
            add: vec![("SignatureType".into(), String::new())],
            ..Default::default()
        };
        for style in [
            WireStyle::V1Get,
            WireStyle::V1PostQuery,
            WireStyle::V1PostForm,
        ] {
            let req = spelled(style, &tampering, &format!("e{style}"));
            let admitted = admit_prepared(&em, &req).1.unwrap();
            assert_eq!(param(&admitted.params, "SignatureType"), Some(""));
            assert_eq!(
                admit_prepared(&dropping, &req).1.unwrap_err().code,
                "SignatureDoesNotMatch"
            );
        }
    }

    #[test]
    fn gateway_nonce_shapes_are_each_admitted() {
        let em = emulator();
        let hex_only = with_rules(|s| s.nonce_hex_digits = Some(32));
        for style in WireStyle::ALL {
            for shape in crate::wire::NonceShape::ALL {
                let req = spelled(style, &Default::default(), &shape.fresh());
                assert!(admit_prepared(&em, &req).1.is_ok(), "{shape} {style}");
                let refused = admit_prepared(&hex_only, &req).1.err().map(|e| e.code);
                let expected =
                    (shape != crate::wire::NonceShape::Hex32).then(|| "IncompleteSignature".into());
                assert_eq!(refused, expected, "{shape} {style}");
            }
        }
    }

    #[test]
    fn gateway_plus_as_space_decodes_a_plus_as_a_space() {
        let em = emulator();
        let literal = with_rules(|s| s.plus_is_space = false);
        let tampering = crate::wire::request::Tampering {
            plus_for_space: true,
            ..Default::default()
        };
        for style in WireStyle::ALL {
            let req = spelled(style, &tampering, &format!("p{style}"));
            let admitted = admit_prepared(&em, &req).1.unwrap();
            assert_eq!(param(&admitted.params, "Description"), Some("a b+c"));
            assert_eq!(
                admit_prepared(&literal, &req).1.unwrap_err().code,
                "SignatureDoesNotMatch",
                "{style}"
            );
        }
    }

    #[test]
    fn tampered_v3_body_hash_is_signature_mismatch() {
        let em = emulator();
        let mut req = signed(
            WireStyle::V3,
            &[("RegionId", "cn-hangzhou")],
            "n",
            "2024-05-01T10:20:30Z",
        );
        req.body = b"x=1".to_vec();
        req.headers
            .push(("content-type".into(), "application/json".into()));
        assert_eq!(
            admit_prepared(&em, &req).1.unwrap_err().code,
            "SignatureDoesNotMatch"
        );
    }
}

#[cfg(test)]
mod robustness {
    use super::*;
    use crate::emulator::create_image::create_image;
    use crate::fixtures::Manifest;
    use rand::Rng;

    /// Random parameter soup, signature check off so every input reaches the
    /// operation: every answer is an envelope-able result, never a panic.
    #[test]
    fn random_requests_never_panic() {
        let em = Emulator::new(
            &Manifest::builtin(),
            crate::contract::Rules::reference(),
            Some(Mutant::NoSignatureCheck),
        );
        let pieces = [
            "Tag.",
            "DiskDeviceMapping.",
            "1",
            "0",
            "21",
            "99999999999999999999",
            ".Key",
            ".Value",
            ".key",
            ".SnapshotId",
            ".Size",
            ".Device",
            ".DiskType",
            "=",
            "&",
            "%",
            "%FF",
            "%2",
            "+",
            "/dev/vda",
            "/dev/xvdb",
            "system",
            "data",
            "s-emu0system000000001",
            "s-emu0data00000000001",
            "InstanceId",
            "SnapshotId",
            "ImageName",
            "ClientToken",
            "a",
            "é",
            "acs:",
            "http://",
            "",
        ];
        let now = OffsetDateTime::now_utc();
        let ts = crate::wire::request::timestamp_now();
        let mut rng = rand::rng();
        for i in 0..3000 {
            let mut query = format!(
                "Action=CreateImage&Version=2014-05-26&RegionId=r&AccessKeyId=emulator-default-key&SignatureMethod=HMAC-SHA1&SignatureVersion=1.0&Signature=x&SignatureNonce=n{i}&Timestamp={ts}&"
            );
            for _ in 0..rng.random_range(0..40) {
                query.push_str(pieces[rng.random_range(0..pieces.len())]);
            }
            let incoming = Incoming {
                method: "GET",
                path: "/",
                query: &query,
                headers: &[],
                body: b"",
            };
            let (_, admitted) = admit(&em, &incoming, now);
            if let Ok(admitted) = admitted {
                let _ = create_image(
                    em.world(),
                    em.store(),
                    em.rules(),
                    admitted.account,
                    &admitted.params,
                );
            }
        }
    }
}
