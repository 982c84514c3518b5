//! The client side of the wire: one signed HTTP request, ready to send, for
//! any of the four [`WireStyle`]s.
//!
//! [`prepare`] turns a [`RequestSpec`] (action, operation parameters,
//! credentials, nonce, timestamp) into a [`PreparedRequest`]: method, the
//! path and query exactly as they must go on the wire, headers and body. The
//! transport (reqwest in the runner) sends it as-is and never re-encodes it,
//! so the bytes on the wire are the bytes that were signed.

use time::OffsetDateTime;

use super::credentials::Credentials;
use super::nonce::NonceShape;
use super::percent::encode;
use super::style::{Format, WireStyle};
use super::{v1, v3};

/// The ECS API version every request names.
pub const API_VERSION: &str = "2014-05-26";

/// Content type of a V1 form body.
pub const FORM_CONTENT_TYPE: &str = "application/x-www-form-urlencoded";

/// Every common parameter a V1 request carries (V3 sends most of them as
/// `x-acs-*` headers); an operation parameter never takes one of these
/// names.
pub const COMMON_PARAMETERS: [&str; 10] = [
    "Action",
    "Version",
    "Format",
    "AccessKeyId",
    "SignatureMethod",
    "SignatureVersion",
    "SignatureNonce",
    "Timestamp",
    "Signature",
    "SecurityToken",
];

/// What to send: one operation call, before signing.
#[derive(Debug, Clone, Copy)]
pub struct RequestSpec<'a> {
    /// How the request travels (signature, method, where parameters go).
    pub style: WireStyle,
    /// `host[:port]` of the target, for the V3 `host` header (`127.0.0.1:8080`).
    pub host: &'a str,
    /// The operation, e.g. `CreateImage`.
    pub action: &'a str,
    /// The `Format` parameter, if the request names one.
    pub format: Option<Format>,
    /// The operation's parameters in order, `RegionId` included.
    pub params: &'a [(String, String)],
    /// The key that signs the request.
    pub credentials: &'a Credentials,
    /// `SignatureNonce` / `x-acs-signature-nonce`.
    pub nonce: &'a str,
    /// `Timestamp` / `x-acs-date`, `YYYY-MM-DDThh:mm:ssZ`.
    pub timestamp: &'a str,
}

/// A signed request, ready to send byte for byte.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreparedRequest {
    /// `GET` or `POST`.
    pub method: &'static str,
    /// `/` or `/?…`, already percent-encoded: send it as-is.
    pub path_and_query: String,
    /// Headers to send, lowercase names, in order.
    pub headers: Vec<(String, String)>,
    /// The body (empty except for the V1 form style).
    pub body: Vec<u8>,
}

impl PreparedRequest {
    /// The value of the first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(header, _)| header.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// The part of [`Self::path_and_query`] after `?` (empty when there is none).
    pub fn query(&self) -> &str {
        self.path_and_query
            .split_once('?')
            .map_or("", |(_, query)| query)
    }
}

/// How a request departs from the harness's own spelling: deliberate
/// damage, for cases that check how a target treats broken signatures, or a
/// real client's spelling of the same request (wire-protocol.md §1), which a
/// target must accept. Names are V1 common parameters (`Action`,
/// `SignatureNonce`, `Signature`, …); for V3 they map to the matching header
/// (`x-acs-action`, `x-acs-signature-nonce`, `authorization`, …), and a V3
/// header may also be named directly.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tampering {
    /// Left out before signing: the request is validly signed without them.
    pub without: Vec<String>,
    /// Removed after signing.
    pub strip: Vec<String>,
    /// Common parameters sent with another value than the harness's
    /// (`Format=json`), signed like any other. V3: a name with a header of
    /// its own (`Action`, `Version`) sets that header, `Format` goes in the
    /// query.
    pub spell: Vec<(String, String)>,
    /// Parameters added beside the common ones and signed (`SignatureType=`
    /// with its empty value, as the Python classic client sends it). V3: in
    /// the query.
    pub add: Vec<(String, String)>,
    /// Spaces written as `+` in the query (V1 form: the body), as Tea
    /// clients write them; the signature covers the space, as always.
    pub plus_for_space: bool,
    /// The shape of every nonce made for the request: the first is the
    /// caller's ([`RequestSpec::nonce`]); a retry or a concurrent copy makes
    /// its own with [`NonceShape::fresh`].
    pub nonce: NonceShape,
    /// Parameters added after signing where the style carries its
    /// parameters: the query (V1 GET and POST query, V3) or the form body
    /// (V1 form).
    pub append: Vec<(String, String)>,
    /// Parameters added after signing to the URL query, whatever the style
    /// (V1 form: the query beside the signed body).
    pub append_to_query: Vec<(String, String)>,
    /// Parameters added after signing in an `application/x-www-form-urlencoded`
    /// body (V1 query styles: a body beside the signed query; V3: a body
    /// that `x-acs-content-sha256`, the empty body's hash, does not match).
    pub append_to_body: Vec<(String, String)>,
    /// Parameters or headers sent with another value than the one signed,
    /// named as in `spell` (V3: a common parameter's header, or a header by
    /// its name).
    pub alter: Vec<(String, String)>,
    /// V3: headers sent but left out of `SignedHeaders` (and so of the
    /// canonical request), named as in `without`. V1: nothing.
    pub unsigned_headers: Vec<String>,
}

impl Tampering {
    fn leaves_out(names: &[String], param: &str) -> bool {
        names.iter().any(|n| n.eq_ignore_ascii_case(param))
    }

    fn leaves_out_header(names: &[String], header: &str) -> bool {
        names
            .iter()
            .any(|n| n.eq_ignore_ascii_case(header) || v3_header_of(n) == Some(header))
    }

    /// The value `spell` gives the common parameter `name`, if any.
    fn spelling_of(&self, name: &str) -> Option<&str> {
        self.spell
            .iter()
            .find(|(spelled, _)| spelled.eq_ignore_ascii_case(name))
            .map(|(_, value)| value.as_str())
    }

    /// Gives the parameters or headers named in `alter` their altered value.
    fn alter_values(&self, sent: &mut [(String, String)]) {
        for (name, value) in &self.alter {
            for (_, sent) in sent
                .iter_mut()
                .filter(|(n, _)| n.eq_ignore_ascii_case(name))
            {
                sent.clone_from(value);
            }
        }
    }

    /// Gives the V3 headers named in `alter` (directly or by the common
    /// parameter they carry) their altered value.
    fn alter_headers(&self, headers: &mut [(String, String)]) {
        for (name, value) in &self.alter {
            for (_, sent) in headers.iter_mut().filter(|(h, _)| {
                h.eq_ignore_ascii_case(name) || v3_header_of(name) == Some(h.as_str())
            }) {
                sent.clone_from(value);
            }
        }
    }

    /// The query or form body as sent: `+` for each space when asked.
    fn written(&self, encoded: String) -> String {
        if self.plus_for_space {
            // `encode` writes a space as `%20` and a `+` as `%2B`: every
            // `%20` is a space.
            encoded.replace("%20", "+")
        } else {
            encoded
        }
    }
}

/// The V3 header that carries what a V1 common parameter carries.
fn v3_header_of(param: &str) -> Option<&'static str> {
    match param.to_ascii_lowercase().as_str() {
        "action" => Some("x-acs-action"),
        "version" => Some("x-acs-version"),
        "timestamp" => Some("x-acs-date"),
        "signaturenonce" => Some("x-acs-signature-nonce"),
        "signature" | "accesskeyid" => Some("authorization"),
        "securitytoken" => Some("x-acs-security-token"),
        _ => None,
    }
}

/// Builds and signs the request `spec` describes.
pub fn prepare(spec: &RequestSpec) -> PreparedRequest {
    prepare_tampered(spec, &Tampering::default())
}

/// Builds and signs the request `spec` describes, damaged as `tampering` says.
pub fn prepare_tampered(spec: &RequestSpec, tampering: &Tampering) -> PreparedRequest {
    match spec.style {
        WireStyle::V1Get => prepare_v1(spec, tampering, "GET", V1Placement::Query),
        WireStyle::V1PostQuery => prepare_v1(spec, tampering, "POST", V1Placement::Query),
        WireStyle::V1PostForm => prepare_v1(spec, tampering, "POST", V1Placement::Form),
        WireStyle::V3 => prepare_v3(spec, tampering),
    }
}

/// The current UTC time as `YYYY-MM-DDThh:mm:ssZ`.
pub fn timestamp_now() -> String {
    format_timestamp(OffsetDateTime::now_utc())
}

/// The UTC time `seconds` from now (negative: in the past), as
/// `YYYY-MM-DDThh:mm:ssZ`.
pub fn timestamp_from_now(seconds: i64) -> String {
    let at = OffsetDateTime::now_utc()
        .checked_add(time::Duration::seconds(seconds))
        .unwrap_or_else(OffsetDateTime::now_utc);
    format_timestamp(at)
}

/// A fresh nonce: 32 lowercase hex characters from a random UUID (v4), as
/// the Python classic client and pop-core send it.
pub fn fresh_nonce() -> String {
    NonceShape::Hex32.fresh()
}

fn format_timestamp(at: OffsetDateTime) -> String {
    let at = at.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        at.year(),
        u8::from(at.month()),
        at.day(),
        at.hour(),
        at.minute(),
        at.second()
    )
}

enum V1Placement {
    Query,
    Form,
}

fn prepare_v1(
    spec: &RequestSpec,
    tampering: &Tampering,
    method: &'static str,
    placement: V1Placement,
) -> PreparedRequest {
    let mut common: Vec<(String, String)> = Vec::new();
    let mut push = |name: &str, value: &str| {
        let value = tampering.spelling_of(name).unwrap_or(value);
        common.push((name.to_owned(), value.to_owned()));
    };
    push("Action", spec.action);
    push("Version", API_VERSION);
    if let Some(format) = spec.format {
        push("Format", format.param_value());
    }
    push("AccessKeyId", &spec.credentials.access_key_id);
    push("SignatureMethod", "HMAC-SHA1");
    push("SignatureVersion", "1.0");
    push("SignatureNonce", spec.nonce);
    push("Timestamp", spec.timestamp);
    if let Some(token) = &spec.credentials.security_token {
        push("SecurityToken", token);
    }
    for (name, value) in &tampering.spell {
        if !common.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            common.push((name.clone(), value.clone()));
        }
    }
    let mut params: Vec<(String, String)> = spec.params.to_vec();
    params.extend(common);
    params.extend(tampering.add.iter().cloned());
    params.retain(|(name, _)| !Tampering::leaves_out(&tampering.without, name));
    let string_to_sign = v1::string_to_sign(method, &params);
    let signature = v1::sign(&spec.credentials.access_key_secret, &string_to_sign);
    params.push((v1::SIGNATURE_PARAM.to_owned(), signature));
    params.retain(|(name, _)| !Tampering::leaves_out(&tampering.strip, name));
    tampering.alter_values(&mut params);
    params.extend(tampering.append.iter().cloned());

    match placement {
        V1Placement::Query => {
            let mut query = params;
            query.extend(tampering.append_to_query.iter().cloned());
            let body = encode_pairs(&tampering.append_to_body);
            wire_request(
                method,
                tampering.written(encode_pairs(&query)),
                tampering.written(body),
            )
        }
        V1Placement::Form => {
            let mut body = params;
            body.extend(tampering.append_to_body.iter().cloned());
            let query = encode_pairs(&tampering.append_to_query);
            wire_request(
                method,
                tampering.written(query),
                tampering.written(encode_pairs(&body)),
            )
        }
    }
}

/// A request with this query (none when empty) and this form body (none
/// when empty).
fn wire_request(method: &'static str, query: String, body: String) -> PreparedRequest {
    PreparedRequest {
        method,
        path_and_query: if query.is_empty() {
            "/".to_owned()
        } else {
            format!("/?{query}")
        },
        headers: if body.is_empty() {
            Vec::new()
        } else {
            vec![("content-type".to_owned(), FORM_CONTENT_TYPE.to_owned())]
        },
        body: body.into_bytes(),
    }
}

fn prepare_v3(spec: &RequestSpec, tampering: &Tampering) -> PreparedRequest {
    let method = "POST";
    let path = "/";
    let mut query: Vec<(String, String)> = spec.params.to_vec();
    let format = spec.format.map(Format::param_value);
    if let Some(format) = tampering.spelling_of("Format").or(format) {
        query.push(("Format".to_owned(), format.to_owned()));
    }
    for (name, value) in &tampering.spell {
        let elsewhere = name.eq_ignore_ascii_case("Format") || v3_header_of(name).is_some();
        if !elsewhere {
            query.push((name.clone(), value.clone()));
        }
    }
    query.extend(tampering.add.iter().cloned());
    query.retain(|(name, _)| !Tampering::leaves_out(&tampering.without, name));
    let mut headers: Vec<(String, String)> = vec![
        ("host".to_owned(), spec.host.to_owned()),
        ("x-acs-action".to_owned(), spec.action.to_owned()),
        ("x-acs-version".to_owned(), API_VERSION.to_owned()),
        ("x-acs-date".to_owned(), spec.timestamp.to_owned()),
        ("x-acs-signature-nonce".to_owned(), spec.nonce.to_owned()),
        (
            "x-acs-content-sha256".to_owned(),
            v3::EMPTY_PAYLOAD_SHA256.to_owned(),
        ),
    ];
    if let Some(token) = &spec.credentials.security_token {
        headers.push(("x-acs-security-token".to_owned(), token.clone()));
    }
    headers.push(("accept".to_owned(), "application/json".to_owned()));
    for (name, value) in &tampering.spell {
        if let Some(header) = v3_header_of(name) {
            for (_, sent) in headers.iter_mut().filter(|(h, _)| h == header) {
                sent.clone_from(value);
            }
        }
    }
    headers.retain(|(name, _)| !Tampering::leaves_out_header(&tampering.without, name));

    let mut signed_headers: Vec<String> = headers
        .iter()
        .map(|(name, _)| name.clone())
        .filter(|name| name == "host" || name.starts_with("x-acs-"))
        .filter(|name| !Tampering::leaves_out_header(&tampering.unsigned_headers, name))
        .collect();
    signed_headers.sort();
    let input = v3::CanonicalInput {
        method,
        path,
        query: &query,
        headers: &headers,
        payload_sha256: v3::EMPTY_PAYLOAD_SHA256,
    };
    let canonical = v3::canonical_request(&input, &signed_headers);
    let signature = v3::sign(
        &spec.credentials.access_key_secret,
        &v3::string_to_sign(&canonical),
    );
    let authorization = v3::Authorization {
        access_key_id: spec.credentials.access_key_id.clone(),
        signed_headers,
        signature,
    };
    headers.push(("authorization".to_owned(), authorization.to_header_value()));
    headers.retain(|(name, _)| !Tampering::leaves_out_header(&tampering.strip, name));
    tampering.alter_headers(&mut headers);

    query.retain(|(name, _)| !Tampering::leaves_out(&tampering.strip, name));
    tampering.alter_values(&mut query);
    query.extend(tampering.append.iter().cloned());
    query.extend(tampering.append_to_query.iter().cloned());
    let canonical_query = tampering.written(v3::canonical_query(&query));
    let path_and_query = if canonical_query.is_empty() {
        path.to_owned()
    } else {
        format!("{path}?{canonical_query}")
    };
    let mut body = Vec::new();
    if !tampering.append_to_body.is_empty() {
        headers.push(("content-type".to_owned(), FORM_CONTENT_TYPE.to_owned()));
        body = tampering
            .written(encode_pairs(&tampering.append_to_body))
            .into_bytes();
    }
    PreparedRequest {
        method,
        path_and_query,
        headers,
        body,
    }
}

fn encode_pairs(params: &[(String, String)]) -> String {
    let parts: Vec<String> = params
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect();
    parts.join("&")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::wire::percent::parse_pairs;

    #[test]
    fn a_v1_request_without_action_is_validly_signed_without_it() {
        let params = operation_params();
        let creds = credentials(None);
        let prepared = prepare_tampered(
            &spec(WireStyle::V1Get, &params, &creds),
            &Tampering {
                without: vec!["Action".into()],
                ..Tampering::default()
            },
        );
        let pairs = parse_pairs(prepared.query()).unwrap();
        assert!(!pairs.iter().any(|(n, _)| n == "Action"));
        let signature = &pairs.iter().find(|(n, _)| n == "Signature").unwrap().1;
        assert!(v1::verify(
            SECRET,
            &v1::string_to_sign("GET", &pairs),
            signature
        ));
    }

    #[test]
    fn stripping_after_signing_removes_the_parameter_or_header() {
        let params = operation_params();
        let creds = credentials(None);
        let strip = Tampering {
            strip: vec!["SignatureNonce".into()],
            ..Tampering::default()
        };
        let v1 = prepare_tampered(&spec(WireStyle::V1PostForm, &params, &creds), &strip);
        let body = String::from_utf8(v1.body.clone()).unwrap();
        assert!(!body.contains("SignatureNonce=") && body.contains("Signature="));
        let v3 = prepare_tampered(&spec(WireStyle::V3, &params, &creds), &strip);
        assert!(v3.header("x-acs-signature-nonce").is_none());
        assert!(
            v3.header("authorization")
                .unwrap()
                .contains("x-acs-signature-nonce")
        );
    }

    #[test]
    fn a_spelled_format_is_sent_and_signed_as_the_client_spells_it() {
        let params = operation_params();
        let creds = credentials(None);
        let spelled = Tampering {
            spell: vec![("Format".into(), "json".into())],
            ..Tampering::default()
        };
        for style in [WireStyle::V1Get, WireStyle::V1PostForm] {
            let request = prepare_tampered(
                &RequestSpec {
                    format: Some(Format::Json),
                    ..spec(style, &params, &creds)
                },
                &spelled,
            );
            let wire = parameters_text(&request, style);
            let pairs = parse_pairs(&wire).unwrap();
            assert_eq!(value(&pairs, "Format"), Some("json"), "{style}");
            assert_eq!(pairs.iter().filter(|(n, _)| n == "Format").count(), 1);
            assert!(v1_verifies(&request, &wire), "{style}");
        }
        let v3 = prepare_tampered(
            &RequestSpec {
                format: Some(Format::Json),
                ..spec(WireStyle::V3, &params, &creds)
            },
            &spelled,
        );
        let query = parse_pairs(v3.query()).unwrap();
        assert_eq!(value(&query, "Format"), Some("json"));
        assert!(v3_verifies(&v3));
    }

    #[test]
    fn a_spelled_action_is_the_v3_action_header() {
        let params = operation_params();
        let creds = credentials(None);
        let spelled = Tampering {
            spell: vec![("Action".into(), "createimage".into())],
            ..Tampering::default()
        };
        let v3 = prepare_tampered(&spec(WireStyle::V3, &params, &creds), &spelled);
        assert_eq!(v3.header("x-acs-action"), Some("createimage"));
        assert_eq!(value(&parse_pairs(v3.query()).unwrap(), "Action"), None);
        assert!(v3_verifies(&v3));
    }

    #[test]
    fn an_added_empty_parameter_is_part_of_what_is_signed() {
        let params = operation_params();
        let creds = credentials(None);
        let added = Tampering {
            add: vec![("SignatureType".into(), String::new())],
            ..Tampering::default()
        };
        let request = prepare_tampered(&spec(WireStyle::V1Get, &params, &creds), &added);
        assert!(request.query().contains("&SignatureType=&"));
        assert!(v1_verifies(&request, request.query()));
        // A verifier that drops the empty pair computes another signature.
        let mut pairs = parse_pairs(request.query()).unwrap();
        let signature = value(&pairs, "Signature").unwrap().to_owned();
        pairs.retain(|(_, v)| !v.is_empty());
        assert!(!v1::verify(
            SECRET,
            &v1::string_to_sign("GET", &pairs),
            &signature
        ));
    }

    #[test]
    fn spaces_written_as_plus_verify_once_decoded() {
        let params = operation_params();
        let creds = credentials(None);
        let plus = Tampering {
            plus_for_space: true,
            ..Tampering::default()
        };
        for style in WireStyle::ALL {
            let request = prepare_tampered(&spec(style, &params, &creds), &plus);
            let wire = parameters_text(&request, style);
            assert!(
                wire.contains("ImageName=my+image%3A+~%2A%2F"),
                "{style}: {wire}"
            );
            assert!(!wire.contains("%20"), "{style}");
            let verified = match style {
                WireStyle::V3 => v3_verifies(&request),
                _ => v1_verifies(&request, &wire),
            };
            assert!(verified, "{style}");
        }
    }

    #[test]
    fn parameters_appended_after_signing_go_where_asked_and_are_not_signed() {
        let params = operation_params();
        let creds = credentials(None);
        let pair = vec![("DryRun".to_owned(), "false".to_owned())];
        let tampered = |style, tampering: Tampering| {
            prepare_tampered(&spec(style, &params, &creds), &tampering)
        };
        let form = tampered(
            WireStyle::V1PostForm,
            Tampering {
                append: pair.clone(),
                ..Tampering::default()
            },
        );
        let body = String::from_utf8(form.body.clone()).unwrap();
        assert!(body.ends_with("&DryRun=false") && form.query().is_empty());
        assert!(!v1_verifies(&form, &body));
        let beside_body = tampered(
            WireStyle::V1PostForm,
            Tampering {
                append_to_query: pair.clone(),
                ..Tampering::default()
            },
        );
        assert_eq!(beside_body.query(), "DryRun=false");
        let body = String::from_utf8(beside_body.body.clone()).unwrap();
        assert!(v1_verifies(&beside_body, &body), "the body alone is signed");
        let beside_query = tampered(
            WireStyle::V1PostQuery,
            Tampering {
                append_to_body: pair.clone(),
                ..Tampering::default()
            },
        );
        assert_eq!(beside_query.body, b"DryRun=false");
        assert_eq!(beside_query.header("content-type"), Some(FORM_CONTENT_TYPE));
        assert!(v1_verifies(&beside_query, beside_query.query()));
        let v3 = tampered(
            WireStyle::V3,
            Tampering {
                append_to_body: pair,
                ..Tampering::default()
            },
        );
        assert!(v3_verifies(&v3), "signed over the empty body's hash");
        assert_ne!(v3::content_sha256(&v3.body), v3::EMPTY_PAYLOAD_SHA256);
    }

    #[test]
    fn altered_and_unsigned_v3_headers_are_sent_but_not_signed_as_sent() {
        let params = operation_params();
        let creds = credentials(None);
        let altered = prepare_tampered(
            &spec(WireStyle::V3, &params, &creds),
            &Tampering {
                alter: vec![("Action".into(), "DeleteImage".into())],
                ..Tampering::default()
            },
        );
        assert_eq!(altered.header("x-acs-action"), Some("DeleteImage"));
        assert!(!v3_verifies(&altered));
        let unsigned = prepare_tampered(
            &spec(WireStyle::V3, &params, &creds),
            &Tampering {
                unsigned_headers: vec!["x-acs-date".into()],
                ..Tampering::default()
            },
        );
        let auth = v3::parse_authorization(unsigned.header("authorization").unwrap()).unwrap();
        assert!(!auth.signed_headers.iter().any(|h| h == "x-acs-date"));
        assert!(unsigned.header("x-acs-date").is_some());
        assert!(v3_verifies(&unsigned));
    }

    const SECRET: &str = "Sup3r-Secret/Value+=";
    const TOKEN: &str = "sts-token-value";

    fn operation_params() -> Vec<(String, String)> {
        vec![
            ("RegionId".into(), "cn-hangzhou".into()),
            ("SnapshotId".into(), "s-bp1abc".into()),
            ("ImageName".into(), "my image: ~*/镜像".into()),
            ("Description".into(), "".into()),
        ]
    }

    fn credentials(token: Option<&str>) -> Credentials {
        Credentials {
            access_key_id: "testid".into(),
            access_key_secret: SECRET.into(),
            security_token: token.map(str::to_owned),
        }
    }

    fn spec<'a>(
        style: WireStyle,
        params: &'a [(String, String)],
        credentials: &'a Credentials,
    ) -> RequestSpec<'a> {
        RequestSpec {
            style,
            host: "127.0.0.1:8080",
            action: "CreateImage",
            format: None,
            params,
            credentials,
            nonce: "0123456789abcdef0123456789abcdef",
            timestamp: "2024-05-01T10:20:30Z",
        }
    }

    fn prepared(style: WireStyle, format: Option<Format>, token: Option<&str>) -> PreparedRequest {
        let params = operation_params();
        let credentials = credentials(token);
        prepare(&RequestSpec {
            format,
            ..spec(style, &params, &credentials)
        })
    }

    fn value<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// Re-verifies a V1 request as a server would: decode the parameters,
    /// rebuild the string to sign, check the signature.
    /// Where `style` carries the parameters: the form body, or the query.
    fn parameters_text(request: &PreparedRequest, style: WireStyle) -> String {
        match style {
            WireStyle::V1PostForm => String::from_utf8(request.body.clone()).unwrap(),
            _ => request.query().to_owned(),
        }
    }

    fn v1_verifies(request: &PreparedRequest, wire_params: &str) -> bool {
        let params = parse_pairs(wire_params).unwrap();
        let signature = value(&params, "Signature").unwrap().to_owned();
        let sts = v1::string_to_sign(request.method, &params);
        v1::verify(SECRET, &sts, &signature)
    }

    /// Re-verifies a V3 request as a server would, from its query and its
    /// `Authorization` header.
    fn v3_verifies(request: &PreparedRequest) -> bool {
        let query = parse_pairs(request.query()).unwrap();
        let auth = v3::parse_authorization(request.header("authorization").unwrap()).unwrap();
        let input = v3::CanonicalInput {
            method: request.method,
            path: "/",
            query: &query,
            headers: &request.headers,
            payload_sha256: request.header("x-acs-content-sha256").unwrap(),
        };
        let canonical = v3::canonical_request(&input, &auth.signed_headers);
        v3::verify(SECRET, &v3::string_to_sign(&canonical), &auth.signature)
    }

    #[test]
    fn v1_get_request_reverifies_after_parsing_the_query_back() {
        let request = prepared(WireStyle::V1Get, Some(Format::Json), None);
        assert_eq!(request.method, "GET");
        assert!(request.path_and_query.starts_with("/?"));
        assert!(request.body.is_empty());
        assert!(v1_verifies(&request, request.query()));
    }

    #[test]
    fn v1_post_query_request_reverifies_with_post_method() {
        let request = prepared(WireStyle::V1PostQuery, Some(Format::Xml), None);
        assert_eq!(request.method, "POST");
        assert!(request.body.is_empty());
        assert!(v1_verifies(&request, request.query()));
    }

    #[test]
    fn v1_post_form_request_carries_everything_in_the_body() {
        let request = prepared(WireStyle::V1PostForm, Some(Format::Json), Some(TOKEN));
        assert_eq!(request.method, "POST");
        assert_eq!(request.path_and_query, "/");
        assert_eq!(request.header("Content-Type"), Some(FORM_CONTENT_TYPE));
        let body = String::from_utf8(request.body.clone()).unwrap();
        assert!(v1_verifies(&request, &body));
    }

    #[test]
    fn v1_request_carries_operation_and_common_parameters() {
        let request = prepared(WireStyle::V1Get, Some(Format::Json), Some(TOKEN));
        let params = parse_pairs(request.query()).unwrap();
        for (name, expected) in [
            ("RegionId", "cn-hangzhou"),
            ("ImageName", "my image: ~*/镜像"),
            ("Description", ""),
            ("Action", "CreateImage"),
            ("Version", API_VERSION),
            ("Format", "JSON"),
            ("AccessKeyId", "testid"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureVersion", "1.0"),
            ("SignatureNonce", "0123456789abcdef0123456789abcdef"),
            ("Timestamp", "2024-05-01T10:20:30Z"),
            ("SecurityToken", TOKEN),
        ] {
            assert_eq!(value(&params, name), Some(expected), "{name}");
        }
    }

    #[test]
    fn v1_request_omits_format_and_token_when_not_given() {
        let request = prepared(WireStyle::V1Get, None, None);
        let params = parse_pairs(request.query()).unwrap();
        assert_eq!(value(&params, "Format"), None);
        assert_eq!(value(&params, "SecurityToken"), None);
    }

    #[test]
    fn v1_query_is_rfc3986_encoded() {
        let request = prepared(WireStyle::V1Get, None, None);
        assert!(
            request
                .query()
                .contains("ImageName=my%20image%3A%20~%2A%2F%E9%95%9C%E5%83%8F")
        );
        assert!(
            request
                .query()
                .contains("Timestamp=2024-05-01T10%3A20%3A30Z")
        );
    }

    #[test]
    fn v3_request_reverifies_from_its_authorization_header() {
        let request = prepared(WireStyle::V3, Some(Format::Json), Some(TOKEN));
        assert_eq!(request.method, "POST");
        assert!(request.body.is_empty());
        let query = parse_pairs(request.query()).unwrap();
        let auth = v3::parse_authorization(request.header("authorization").unwrap()).unwrap();
        assert_eq!(auth.access_key_id, "testid");
        let input = v3::CanonicalInput {
            method: request.method,
            path: "/",
            query: &query,
            headers: &request.headers,
            payload_sha256: request.header("x-acs-content-sha256").unwrap(),
        };
        let canonical = v3::canonical_request(&input, &auth.signed_headers);
        assert!(v3::verify(
            SECRET,
            &v3::string_to_sign(&canonical),
            &auth.signature
        ));
    }

    #[test]
    fn v3_request_signs_host_and_every_x_acs_header() {
        let request = prepared(WireStyle::V3, None, Some(TOKEN));
        let auth = v3::parse_authorization(request.header("authorization").unwrap()).unwrap();
        assert_eq!(
            auth.signed_headers.join(";"),
            "host;x-acs-action;x-acs-content-sha256;x-acs-date;x-acs-security-token;\
             x-acs-signature-nonce;x-acs-version"
        );
        assert_eq!(request.header("host"), Some("127.0.0.1:8080"));
        assert_eq!(request.header("x-acs-action"), Some("CreateImage"));
        assert_eq!(request.header("x-acs-version"), Some(API_VERSION));
        assert_eq!(request.header("x-acs-date"), Some("2024-05-01T10:20:30Z"));
        assert_eq!(request.header("x-acs-security-token"), Some(TOKEN));
        assert_eq!(request.header("accept"), Some("application/json"));
        assert_eq!(
            request.header("x-acs-content-sha256"),
            Some(v3::EMPTY_PAYLOAD_SHA256)
        );
    }

    #[test]
    fn v3_query_holds_operation_parameters_exactly_as_canonicalised() {
        let request = prepared(WireStyle::V3, Some(Format::Xml), None);
        let mut expected = operation_params();
        expected.push(("Format".into(), "XML".into()));
        assert_eq!(request.query(), v3::canonical_query(&expected));
        let query = parse_pairs(request.query()).unwrap();
        assert_eq!(value(&query, "Action"), None);
        assert_eq!(value(&query, "Description"), Some(""));
        assert_eq!(request.header("x-acs-security-token"), None);
    }

    #[test]
    fn prepared_requests_never_contain_the_secret() {
        for style in WireStyle::ALL {
            let request = prepared(style, Some(Format::Json), Some(TOKEN));
            let everything = format!(
                "{} {:?} {}",
                request.path_and_query,
                request.headers,
                String::from_utf8_lossy(&request.body)
            );
            assert!(!everything.contains(SECRET), "{style}");
            assert!(!everything.contains(&encode(SECRET)), "{style}");
        }
    }

    #[test]
    fn timestamp_has_the_documented_shape() {
        let at = OffsetDateTime::from_unix_timestamp(1_456_231_584).unwrap();
        assert_eq!(format_timestamp(at), "2016-02-23T12:46:24Z");
        let now = timestamp_now();
        assert_eq!(now.len(), 20);
        assert!(now.ends_with('Z') && now.as_bytes()[10] == b'T');
    }

    #[test]
    fn fresh_nonce_is_32_lowercase_hex_and_unique() {
        let nonce = fresh_nonce();
        assert_eq!(nonce.len(), 32);
        assert!(
            nonce
                .bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        );
        assert_ne!(nonce, fresh_nonce());
    }
}
