//! Signature V3 (`ACS3-HMAC-SHA256`), wire-protocol.md §3.
//!
//! The canonical request is built from decoded parts ([`CanonicalInput`]) and
//! an explicit list of signed header names, so the same code signs on the
//! client (which chooses the names) and verifies on the server (which takes
//! them from the `Authorization` header, see [`parse_authorization`]).

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::percent::encode;

type HmacSha256 = Hmac<Sha256>;

/// The algorithm name that opens the `Authorization` header and the string to sign.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Hex SHA-256 of an empty body.
pub const EMPTY_PAYLOAD_SHA256: &str =
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// Hex SHA-256 of a request body, the value of `x-acs-content-sha256`.
pub fn content_sha256(body: &[u8]) -> String {
    hex::encode(Sha256::digest(body))
}

/// What goes into a canonical request, all decoded.
#[derive(Debug, Clone, Copy)]
pub struct CanonicalInput<'a> {
    /// The HTTP method, as sent (`POST`).
    pub method: &'a str,
    /// The request path (`/` for RPC operations).
    pub path: &'a str,
    /// Decoded query parameters, any order.
    pub query: &'a [(String, String)],
    /// Every header of the request, names in any case; only the signed ones
    /// are used.
    pub headers: &'a [(String, String)],
    /// Hex SHA-256 of the body (the `x-acs-content-sha256` header).
    pub payload_sha256: &'a str,
}

/// The canonical request: method, path, canonical query, canonical headers,
/// signed header names and payload hash, joined with `\n`.
///
/// The signed names are lowercased, sorted and deduplicated, as the official
/// SDK utilities do before signing. Each one contributes
/// `name:value\n`, where the value is every header of that name (any case),
/// trimmed, sorted and joined with `,`; a signed header that is absent
/// contributes `name:\n`.
pub fn canonical_request(input: &CanonicalInput, signed_headers: &[String]) -> String {
    let names = normalised_names(signed_headers);
    let canonical_headers: String = names
        .iter()
        .map(|name| format!("{name}:{}\n", header_value(input.headers, name)))
        .collect();
    format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        input.method,
        input.path,
        canonical_query(input.query),
        canonical_headers,
        names.join(";"),
        input.payload_sha256
    )
}

/// The canonical query string: names and values RFC 3986-encoded, sorted by
/// encoded name then value, an empty value kept as `name=`. A request built
/// by this crate sends exactly this string.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = query
        .iter()
        .map(|(name, value)| (encode(name), encode(value)))
        .collect();
    encoded.sort();
    let parts: Vec<String> = encoded
        .into_iter()
        .map(|(name, value)| format!("{name}={value}"))
        .collect();
    parts.join("&")
}

/// `ACS3-HMAC-SHA256\n` + hex SHA-256 of the canonical request.
pub fn string_to_sign(canonical_request: &str) -> String {
    format!(
        "{ALGORITHM}\n{}",
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    )
}

/// Hex HMAC-SHA256 of the string to sign, keyed with the secret itself (no `&`).
pub fn sign(access_key_secret: &str, string_to_sign: &str) -> String {
    hex::encode(
        mac(access_key_secret, string_to_sign)
            .finalize()
            .into_bytes(),
    )
}

/// Whether `signature_hex` is the V3 signature of `string_to_sign`, compared
/// in constant time. Hex case is ignored; anything that is not hex of the
/// right length is a mismatch.
pub fn verify(access_key_secret: &str, string_to_sign: &str, signature_hex: &str) -> bool {
    let Ok(claimed) = hex::decode(signature_hex) else {
        return false;
    };
    mac(access_key_secret, string_to_sign)
        .verify_slice(&claimed)
        .is_ok()
}

fn mac(access_key_secret: &str, string_to_sign: &str) -> HmacSha256 {
    // HMAC takes keys of any length (long ones are hashed), so this cannot fail.
    let mut mac = HmacSha256::new_from_slice(access_key_secret.as_bytes())
        .expect("HMAC accepts any key length");
    mac.update(string_to_sign.as_bytes());
    mac
}

fn normalised_names(signed_headers: &[String]) -> Vec<String> {
    let mut names: Vec<String> = signed_headers
        .iter()
        .map(|name| name.trim().to_ascii_lowercase())
        .collect();
    names.sort();
    names.dedup();
    names
}

fn header_value(headers: &[(String, String)], lowercase_name: &str) -> String {
    let mut values: Vec<&str> = headers
        .iter()
        .filter(|(name, _)| name.eq_ignore_ascii_case(lowercase_name))
        .map(|(_, value)| value.trim())
        .collect();
    values.sort_unstable();
    values.join(",")
}

/// The parts of an `Authorization: ACS3-HMAC-SHA256 …` header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Authorization {
    /// The `Credential` part: the AccessKeyId.
    pub access_key_id: String,
    /// The `SignedHeaders` part, split on `;`, as sent.
    pub signed_headers: Vec<String>,
    /// The `Signature` part, hex.
    pub signature: String,
}

impl Authorization {
    /// The header value: `ACS3-HMAC-SHA256 Credential=…,SignedHeaders=…,Signature=…`.
    pub fn to_header_value(&self) -> String {
        format!(
            "{ALGORITHM} Credential={},SignedHeaders={},Signature={}",
            self.access_key_id,
            self.signed_headers.join(";"),
            self.signature
        )
    }
}

/// An `Authorization` header that is not a well-formed V3 authorization.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AuthorizationError {
    /// The header is empty or has nothing after the algorithm.
    #[error("authorization header is empty")]
    Empty,
    /// The first word is not `ACS3-HMAC-SHA256`.
    #[error("authorization uses algorithm `{0}`, expected `ACS3-HMAC-SHA256`")]
    WrongAlgorithm(String),
    /// A required part (`Credential`, `SignedHeaders`, `Signature`) is absent or empty.
    #[error("authorization has no `{0}` part")]
    MissingPart(&'static str),
    /// A part appears twice.
    #[error("authorization has `{0}` more than once")]
    DuplicatePart(String),
    /// A part that is not `name=value`, or a name this protocol does not define.
    #[error("authorization has an unexpected part `{0}`")]
    UnexpectedPart(String),
    /// `SignedHeaders` has an empty name (`host;;x-acs-date`).
    #[error("authorization `SignedHeaders` has an empty header name")]
    EmptySignedHeader,
}

/// Parses `ACS3-HMAC-SHA256 Credential=<id>,SignedHeaders=<h1;h2>,Signature=<hex>`.
/// Spaces around the parts are tolerated, the parts may come in any order.
pub fn parse_authorization(value: &str) -> Result<Authorization, AuthorizationError> {
    let value = value.trim();
    let (algorithm, rest) = value.split_once(char::is_whitespace).unwrap_or((value, ""));
    if algorithm.is_empty() {
        return Err(AuthorizationError::Empty);
    }
    if algorithm != ALGORITHM {
        return Err(AuthorizationError::WrongAlgorithm(algorithm.to_owned()));
    }
    let mut credential = None;
    let mut signed_headers = None;
    let mut signature = None;
    for part in rest.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, part_value) = part
            .split_once('=')
            .ok_or_else(|| AuthorizationError::UnexpectedPart(part.to_owned()))?;
        let slot = match name.trim() {
            "Credential" => &mut credential,
            "SignedHeaders" => &mut signed_headers,
            "Signature" => &mut signature,
            _ => return Err(AuthorizationError::UnexpectedPart(part.to_owned())),
        };
        if slot.is_some() {
            return Err(AuthorizationError::DuplicatePart(name.trim().to_owned()));
        }
        *slot = Some(part_value.trim().to_owned());
    }
    let required = |slot: Option<String>, name: &'static str| {
        slot.filter(|v| !v.is_empty())
            .ok_or(AuthorizationError::MissingPart(name))
    };
    let access_key_id = required(credential, "Credential")?;
    let signed_headers = required(signed_headers, "SignedHeaders")?;
    let signature = required(signature, "Signature")?;
    let signed_headers: Vec<String> = signed_headers
        .split(';')
        .map(|name| name.trim().to_owned())
        .collect();
    if signed_headers.iter().any(String::is_empty) {
        return Err(AuthorizationError::EmptySignedHeader);
    }
    Ok(Authorization {
        access_key_id,
        signed_headers,
        signature,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::wire::pairs;

    fn names(list: &str) -> Vec<String> {
        list.split(';').map(str::to_owned).collect()
    }

    const DOCS_SIGNED: &str =
        "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version";

    fn docs_query() -> Vec<(String, String)> {
        pairs(&[
            (
                "ImageId",
                "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd",
            ),
            ("RegionId", "cn-shanghai"),
        ])
    }

    fn docs_headers() -> Vec<(String, String)> {
        pairs(&[
            ("host", "ecs.cn-shanghai.aliyuncs.com"),
            ("x-acs-action", "RunInstances"),
            ("x-acs-version", "2014-05-26"),
            ("x-acs-date", "2023-10-26T10:22:32Z"),
            ("x-acs-signature-nonce", "3156853299f313e23d1673dc12e1703d"),
            ("x-acs-content-sha256", EMPTY_PAYLOAD_SHA256),
        ])
    }

    fn docs_canonical_request() -> String {
        let query = docs_query();
        let headers = docs_headers();
        let input = CanonicalInput {
            method: "POST",
            path: "/",
            query: &query,
            headers: &headers,
            payload_sha256: EMPTY_PAYLOAD_SHA256,
        };
        canonical_request(&input, &names(DOCS_SIGNED))
    }

    #[test]
    fn empty_payload_hash_is_sha256_of_nothing() {
        assert_eq!(content_sha256(b""), EMPTY_PAYLOAD_SHA256);
    }

    #[test]
    fn v3_docs_vector_builds_the_documented_canonical_request() {
        assert_eq!(
            docs_canonical_request(),
            "POST\n/\n\
             ImageId=win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd&RegionId=cn-shanghai\n\
             host:ecs.cn-shanghai.aliyuncs.com\n\
             x-acs-action:RunInstances\n\
             x-acs-content-sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855\n\
             x-acs-date:2023-10-26T10:22:32Z\n\
             x-acs-signature-nonce:3156853299f313e23d1673dc12e1703d\n\
             x-acs-version:2014-05-26\n\
             \n\
             host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-signature-nonce;x-acs-version\n\
             e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn v3_docs_vector_hashes_canonical_request_to_documented_value() {
        assert_eq!(
            string_to_sign(&docs_canonical_request()),
            "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259"
        );
    }

    #[test]
    fn v3_docs_vector_signs_to_documented_value() {
        let sts = string_to_sign(&docs_canonical_request());
        assert_eq!(
            sign("YourAccessKeySecret", &sts),
            "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0"
        );
    }

    #[test]
    fn v3_openapi_util_vector_joins_repeated_headers_and_keeps_empty_query_values() {
        let query = pairs(&[("test", "ok"), ("empty", "")]);
        let headers = pairs(&[("x-acs-test", "http"), ("x-acs-TEST", "https")]);
        let input = CanonicalInput {
            method: "GET",
            path: "/",
            query: &query,
            headers: &headers,
            payload_sha256: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
        };
        let canonical = canonical_request(&input, &names("x-acs-test"));
        assert_eq!(
            canonical,
            "GET\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n\
             55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23"
        );
        assert_eq!(
            sign("secret", &string_to_sign(&canonical)),
            "d16b30a7699ae9e43875b13195b2f81bcc3ed10c14a9b5eb780e51619aa50be1"
        );
    }

    #[test]
    fn canonical_headers_use_only_signed_names_lowercased_and_trimmed() {
        let query = vec![];
        let headers = pairs(&[
            ("Host", "  example  "),
            ("User-Agent", "ignored"),
            ("X-Acs-Date", "d"),
        ]);
        let input = CanonicalInput {
            method: "POST",
            path: "/",
            query: &query,
            headers: &headers,
            payload_sha256: EMPTY_PAYLOAD_SHA256,
        };
        let canonical = canonical_request(&input, &names("x-acs-date;HOST"));
        assert_eq!(
            canonical,
            format!(
                "POST\n/\n\nhost:example\nx-acs-date:d\n\nhost;x-acs-date\n{EMPTY_PAYLOAD_SHA256}"
            )
        );
    }

    #[test]
    fn canonical_query_encodes_rfc3986_and_sorts() {
        let query = pairs(&[("b", "x y"), ("a", "*~"), ("Tag.1.Key", "镜")]);
        assert_eq!(
            canonical_query(&query),
            "Tag.1.Key=%E9%95%9C&a=%2A~&b=x%20y"
        );
    }

    #[test]
    fn verify_accepts_documented_signature_in_either_hex_case() {
        let sts = string_to_sign(&docs_canonical_request());
        let sig = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
        assert!(verify("YourAccessKeySecret", &sts, sig));
        assert!(verify("YourAccessKeySecret", &sts, &sig.to_uppercase()));
    }

    #[test]
    fn verify_rejects_wrong_secret_garbage_and_truncated_signatures() {
        let sts = string_to_sign(&docs_canonical_request());
        let sig = "06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0";
        assert!(!verify("other", &sts, sig));
        assert!(!verify("YourAccessKeySecret", &sts, &sig[..62]));
        assert!(!verify("YourAccessKeySecret", &sts, "zz"));
        assert!(!verify("YourAccessKeySecret", &sts, ""));
    }

    #[test]
    fn parse_authorization_reads_the_three_parts() {
        let auth = parse_authorization(
            "ACS3-HMAC-SHA256 Credential=testid,SignedHeaders=host;x-acs-date,Signature=abcd",
        )
        .unwrap();
        assert_eq!(
            auth,
            Authorization {
                access_key_id: "testid".into(),
                signed_headers: names("host;x-acs-date"),
                signature: "abcd".into(),
            }
        );
    }

    #[test]
    fn parse_authorization_tolerates_spaces_after_commas() {
        let auth =
            parse_authorization("ACS3-HMAC-SHA256 Credential=id, SignedHeaders=host, Signature=ab")
                .unwrap();
        assert_eq!(auth.signed_headers, names("host"));
        assert_eq!(auth.signature, "ab");
    }

    #[test]
    fn parse_authorization_round_trips_to_header_value() {
        let text = "ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host;x-acs-action,Signature=ab";
        assert_eq!(parse_authorization(text).unwrap().to_header_value(), text);
    }

    #[test]
    fn parse_authorization_rejects_wrong_algorithm() {
        assert_eq!(
            parse_authorization("ACS3-HMAC-SM3 Credential=id,SignedHeaders=host,Signature=ab"),
            Err(AuthorizationError::WrongAlgorithm("ACS3-HMAC-SM3".into()))
        );
        assert_eq!(parse_authorization(""), Err(AuthorizationError::Empty));
    }

    #[test]
    fn parse_authorization_rejects_missing_or_empty_parts() {
        assert_eq!(
            parse_authorization("ACS3-HMAC-SHA256 Credential=id,SignedHeaders=host"),
            Err(AuthorizationError::MissingPart("Signature"))
        );
        assert_eq!(
            parse_authorization("ACS3-HMAC-SHA256 Credential=,SignedHeaders=host,Signature=a"),
            Err(AuthorizationError::MissingPart("Credential"))
        );
        assert_eq!(
            parse_authorization("ACS3-HMAC-SHA256"),
            Err(AuthorizationError::MissingPart("Credential"))
        );
    }

    #[test]
    fn parse_authorization_rejects_duplicate_unknown_and_malformed_parts() {
        assert_eq!(
            parse_authorization(
                "ACS3-HMAC-SHA256 Credential=a,Credential=b,SignedHeaders=host,Signature=a"
            ),
            Err(AuthorizationError::DuplicatePart("Credential".into()))
        );
        assert!(matches!(
            parse_authorization(
                "ACS3-HMAC-SHA256 Credential=a,Extra=1,SignedHeaders=host,Signature=a"
            ),
            Err(AuthorizationError::UnexpectedPart(_))
        ));
        assert!(matches!(
            parse_authorization("ACS3-HMAC-SHA256 Credential,SignedHeaders=host,Signature=a"),
            Err(AuthorizationError::UnexpectedPart(_))
        ));
        assert_eq!(
            parse_authorization("ACS3-HMAC-SHA256 Credential=a,SignedHeaders=host;;x,Signature=a"),
            Err(AuthorizationError::EmptySignedHeader)
        );
    }
}
