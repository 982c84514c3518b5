//! The emulator's gateway over real HTTP: envelopes and headers, formats,
//! every request style, each gateway error of wire-protocol.md §5, the
//! emulator's own bad-input errors, and the mutants that touch the gateway.

mod emulator_support;

use createimage_contract::emulator::Mutant;
use createimage_contract::fixtures::Manifest;
use createimage_contract::wire::request::{fresh_nonce, timestamp_now};
use createimage_contract::wire::{Format, WireStyle, percent, v1, v3};
use emulator_support::{Harness, Reply, raw, send};

const KEY: &str = "emulator-default-key";
const SECRET: &str = "emulator-default-secret";

fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The V1 common parameters, fresh nonce and timestamp.
fn v1_common() -> Vec<(String, String)> {
    pairs(&[
        ("Action", "CreateImage"),
        ("Version", "2014-05-26"),
        ("Format", "JSON"),
        ("AccessKeyId", KEY),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("SignatureNonce", &fresh_nonce()),
        ("Timestamp", &timestamp_now()),
    ])
}

fn encode_all(params: &[(String, String)]) -> String {
    params
        .iter()
        .map(|(k, v)| format!("{}={}", percent::encode(k), percent::encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Signs `params` (V1) and returns them with `Signature` appended.
fn signed_v1(method: &str, mut params: Vec<(String, String)>) -> Vec<(String, String)> {
    let sts = v1::string_to_sign(method, &params);
    params.push(("Signature".into(), v1::sign(SECRET, &sts)));
    params
}

async fn get(h: &Harness, params: &[(String, String)]) -> Reply {
    raw(
        h.addr(),
        "GET",
        &format!("/?{}", encode_all(params)),
        &[],
        b"",
    )
    .await
}

/// The answer is JSON, the format the request asked for.
fn assert_json(reply: &Reply) {
    assert!(
        reply
            .header("content-type")
            .is_some_and(|t| t.starts_with("application/json")),
        "{}",
        reply.body
    );
}

fn assert_error(reply: &Reply, status: u16, code: &str) {
    assert_eq!(
        (reply.status, reply.code().as_str()),
        (status, code),
        "{}",
        reply.body
    );
}

fn with_region(extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut p = v1_common();
    p.push(("RegionId".into(), "cn-hangzhou".into()));
    p.extend(pairs(extra));
    p
}

#[tokio::test]
async fn json_success_envelope_and_headers() {
    let h = Harness::start().await;
    let reply = h.json(&[("SnapshotId", "@snapshot.system")]).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert_eq!(
        reply.header("content-type"),
        Some("application/json;charset=utf-8")
    );
    let body: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    let keys: Vec<_> = body.as_object().unwrap().keys().cloned().collect();
    assert_eq!(keys, ["RequestId", "ImageId"]);
    let request_id = body["RequestId"].as_str().unwrap();
    assert_eq!(reply.header("x-acs-request-id"), Some(request_id));
    let uuid = regex::Regex::new(r"^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$")
        .unwrap();
    assert!(uuid.is_match(request_id));
    assert!(
        regex::Regex::new(r"^m-[a-z0-9]{20}$")
            .unwrap()
            .is_match(body["ImageId"].as_str().unwrap())
    );
    h.running.shutdown().await;
}

#[tokio::test]
async fn v1_without_format_answers_xml_and_v3_answers_json() {
    let h = Harness::start().await;
    let xml = h
        .call(
            "default",
            WireStyle::V1PostForm,
            None,
            &[("SnapshotId", "@snapshot.system")],
        )
        .await;
    assert_eq!(xml.status, 200, "{}", xml.body);
    assert_eq!(xml.header("content-type"), Some("text/xml;charset=utf-8"));
    assert!(
        xml.body.starts_with("<CreateImageResponse><RequestId>"),
        "{}",
        xml.body
    );
    assert_eq!(
        xml.header("x-acs-request-id").map(str::to_owned),
        xml.field("RequestId")
    );
    let json = h
        .call(
            "default",
            WireStyle::V3,
            None,
            &[("SnapshotId", "@snapshot.system")],
        )
        .await;
    assert_eq!(json.status, 200, "{}", json.body);
    assert!(json.body.starts_with('{'));
    h.running.shutdown().await;
}

#[tokio::test]
async fn xml_error_envelope() {
    let h = Harness::start().await;
    let reply = h
        .call(
            "default",
            WireStyle::V1Get,
            Some(Format::Xml),
            &[("InstanceId", "i-nope")],
        )
        .await;
    assert_eq!(reply.status, 404);
    assert!(
        reply
            .body
            .starts_with(r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>"#),
        "{}",
        reply.body
    );
    assert!(reply.body.contains("<HostId>ecs.aliyuncs.com</HostId><Code>InvalidInstanceId.NotFound</Code><Message>The specified InstanceId does not exist.</Message></Error>"));
    assert_eq!(
        reply.header("x-acs-request-id").map(str::to_owned),
        reply.field("RequestId")
    );
    h.running.shutdown().await;
}

#[tokio::test]
async fn format_is_case_insensitive() {
    let h = Harness::start().await;
    let mut params = with_region(&[("SnapshotId", &h.resolve("@snapshot.system"))]);
    params.retain(|(k, _)| k != "Format");
    params.push(("Format".into(), "json".into()));
    let reply = get(&h, &signed_v1("GET", params)).await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    assert!(reply.body.starts_with('{'));
    h.running.shutdown().await;
}

#[tokio::test]
async fn every_wire_style_succeeds() {
    let h = Harness::start().await;
    for style in WireStyle::ALL {
        let reply = h
            .call(
                "default",
                style,
                Some(Format::Json),
                &[
                    ("SnapshotId", "@snapshot.system"),
                    ("Description", "a b ~*"),
                ],
            )
            .await;
        assert_eq!(reply.status, 200, "{style}: {}", reply.body);
    }
    h.running.shutdown().await;
}

#[tokio::test]
async fn common_parameters_in_query_and_operation_parameters_in_form_body_are_merged() {
    let h = Harness::start().await;
    // `SignatureType=` (empty) is signed, as the Python classic client does.
    let common = signed_v1(
        "POST",
        with_region(&[
            ("SnapshotId", &h.resolve("@snapshot.system")),
            ("SignatureType", ""),
        ]),
    );
    // Split: operation parameters in the body, the rest (with Signature) in the query.
    let (body, query): (Vec<_>, Vec<_>) = common
        .into_iter()
        .partition(|(k, _)| k == "SnapshotId" || k == "RegionId");
    let reply = raw(
        h.addr(),
        "POST",
        &format!("/?{}", encode_all(&query)),
        &[("content-type", "application/x-www-form-urlencoded")],
        encode_all(&body).as_bytes(),
    )
    .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    h.running.shutdown().await;
}

#[tokio::test]
async fn plus_in_query_is_a_space() {
    let h = Harness::start().await;
    let params = signed_v1(
        "GET",
        with_region(&[
            ("SnapshotId", &h.resolve("@snapshot.system")),
            ("Description", "with space"),
        ]),
    );
    let query = encode_all(&params).replace("%20", "+");
    let reply = raw(h.addr(), "GET", &format!("/?{query}"), &[], b"").await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    h.running.shutdown().await;
}

#[tokio::test]
async fn signature_does_not_match_names_the_server_string_to_sign() {
    let h = Harness::start().await;
    let mut params = signed_v1("GET", with_region(&[("SnapshotId", "s-x")]));
    let expected_sts = v1::string_to_sign("GET", &params);
    params.last_mut().unwrap().1 = "AAAAAAAAAAAAAAAAAAAAAAAAAAA=".into();
    let reply = get(&h, &params).await;
    assert_error(&reply, 400, "SignatureDoesNotMatch");
    assert_eq!(
        reply.message(),
        format!(
            "Specified signature is not matched with our calculation. server string to sign is:{expected_sts}"
        )
    );
    // Signed as POST, sent as GET: mismatch too.
    let reply = get(&h, &signed_v1("POST", with_region(&[]))).await;
    assert_error(&reply, 400, "SignatureDoesNotMatch");
    h.running.shutdown().await;
}

#[tokio::test]
async fn each_missing_signature_parameter_is_incomplete_signature() {
    let h = Harness::start().await;
    for missing in [
        "AccessKeyId",
        "SignatureMethod",
        "SignatureVersion",
        "SignatureNonce",
        "Timestamp",
        "Signature",
    ] {
        let mut params = signed_v1("GET", with_region(&[]));
        params.retain(|(k, _)| k != missing);
        let reply = get(&h, &params).await;
        assert_error(&reply, 400, "IncompleteSignature");
        assert!(
            reply.message().starts_with("The request signature does not conform to Aliyun standards. server string to sign is:GET&%2F&"),
            "{missing}: {}",
            reply.message()
        );
    }
    let mut params = with_region(&[]);
    params.retain(|(k, _)| k != "SignatureMethod");
    params.push(("SignatureMethod".into(), "HMAC-SHA256".into()));
    assert_error(
        &get(&h, &signed_v1("GET", params)).await,
        400,
        "IncompleteSignature",
    );
    h.running.shutdown().await;
}

#[tokio::test]
async fn unknown_access_key_is_not_found() {
    let h = Harness::start().await;
    let mut params = with_region(&[]);
    params.retain(|(k, _)| k != "AccessKeyId");
    params.push(("AccessKeyId".into(), "nobody".into()));
    let reply = get(&h, &signed_v1("GET", params)).await;
    assert_error(&reply, 404, "InvalidAccessKeyId.NotFound");
    assert_eq!(reply.message(), "Specified access key is not found.");
    h.running.shutdown().await;
}

#[tokio::test]
async fn old_or_unparsable_timestamp_is_expired() {
    let h = Harness::start().await;
    for ts in ["2016-02-23T12:46:24Z", "not a time"] {
        let mut params = with_region(&[]);
        params.retain(|(k, _)| k != "Timestamp");
        params.push(("Timestamp".into(), ts.into()));
        let reply = get(&h, &signed_v1("GET", params)).await;
        assert_error(&reply, 400, "InvalidTimeStamp.Expired");
        assert_eq!(
            reply.message(),
            "Specified time stamp or date value is expired."
        );
    }
    h.running.shutdown().await;
}

#[tokio::test]
async fn reused_nonce_is_refused_for_v1_and_v3() {
    let h = Harness::start().await;
    for style in [WireStyle::V1Get, WireStyle::V3] {
        let req = h.prepare(
            "default",
            style,
            Some(Format::Json),
            &[("SnapshotId", "@snapshot.system")],
        );
        assert_eq!(send(h.addr(), &req).await.status, 200);
        let again = send(h.addr(), &req).await;
        assert_error(&again, 400, "SignatureNonceUsed");
        assert_eq!(
            again.message(),
            "Specified signature nonce was used already."
        );
    }
    h.running.shutdown().await;
}

#[tokio::test]
async fn missing_action_version_or_region_is_gateway_missing_parameter() {
    let h = Harness::start().await;
    for missing in ["Action", "Version", "RegionId"] {
        let mut params = with_region(&[]);
        params.retain(|(k, _)| k != missing);
        let reply = get(&h, &signed_v1("GET", params)).await;
        assert_error(&reply, 400, "MissingParameter");
        assert_eq!(
            reply.message(),
            format!(
                "The input parameter \"{missing}\" that is mandatory for processing this request is not supplied."
            )
        );
    }
    h.running.shutdown().await;
}

#[tokio::test]
async fn unknown_action_and_version() {
    let h = Harness::start().await;
    let mut params = with_region(&[]);
    params.retain(|(k, _)| k != "Action");
    params.push(("Action".into(), "DescribeRegions".into()));
    assert_error(
        &get(&h, &signed_v1("GET", params)).await,
        404,
        "InvalidAction.NotFound",
    );
    let mut params = with_region(&[]);
    params.retain(|(k, _)| k != "Version");
    params.push(("Version".into(), "2099-01-01".into()));
    assert_error(
        &get(&h, &signed_v1("GET", params)).await,
        400,
        "InvalidVersion",
    );
    assert_error(
        &raw(h.addr(), "GET", "/other", &[], b"").await,
        404,
        "InvalidAction.NotFound",
    );
    assert_error(
        &raw(h.addr(), "PUT", "/", &[], b"").await,
        405,
        "UnsupportedHTTPMethod",
    );
    h.running.shutdown().await;
}

#[tokio::test]
async fn oversized_body_and_query_are_413() {
    let h = Harness::start().await;
    let body = format!("Description={}", "a".repeat(70 * 1024));
    let reply = raw(
        h.addr(),
        "POST",
        "/",
        &[("content-type", "application/x-www-form-urlencoded")],
        body.as_bytes(),
    )
    .await;
    assert_error(&reply, 413, "RequestTooLarge");
    let reply = raw(
        h.addr(),
        "GET",
        &format!("/?Description={}", "a".repeat(40 * 1024)),
        &[],
        b"",
    )
    .await;
    assert_error(&reply, 413, "RequestTooLarge");
    assert_eq!(
        reply.message(),
        "The request exceeds the size limit of 32768 bytes."
    );
    h.running.shutdown().await;
}

#[tokio::test]
async fn bad_encoding_is_a_clear_error() {
    let h = Harness::start().await;
    assert_error(
        &raw(h.addr(), "GET", "/?Description=%zz", &[], b"").await,
        400,
        "InvalidParameter.Encoding",
    );
    assert_error(
        &raw(h.addr(), "GET", "/?Description=%FF%FE", &[], b"").await,
        400,
        "InvalidParameter.Encoding",
    );
    h.running.shutdown().await;
}

/// A POST whose query holds `query` and whose form body holds `body`.
async fn post_split(h: &Harness, query: &[(String, String)], body: &[(String, String)]) -> Reply {
    raw(
        h.addr(),
        "POST",
        &format!("/?{}", encode_all(query)),
        &[("content-type", "application/x-www-form-urlencoded")],
        encode_all(body).as_bytes(),
    )
    .await
}

#[tokio::test]
async fn a_parameter_given_twice_and_signed_twice_is_a_duplicate_in_the_format_asked_for() {
    let h = Harness::start().await;
    let snapshot = h.resolve("@snapshot.system");
    let (body, query): (Vec<_>, Vec<_>) = signed_v1(
        "POST",
        with_region(&[
            ("SnapshotId", &snapshot),
            ("Description", "in the query"),
            ("Description", "in the body"),
        ]),
    )
    .into_iter()
    .partition(|(k, v)| k == "Description" && v == "in the body");
    let reply = post_split(&h, &query, &body).await;
    assert_error(&reply, 400, "InvalidParameter.Duplicate");
    assert!(reply.message().contains("\"Description\""));
    assert_json(&reply);
    h.running.shutdown().await;
}

#[tokio::test]
async fn an_unsigned_copy_of_a_signed_parameter_does_not_match_the_signature() {
    let h = Harness::start().await;
    let snapshot = h.resolve("@snapshot.system");
    let query = signed_v1(
        "POST",
        with_region(&[("SnapshotId", &snapshot), ("Description", "signed")]),
    );
    let unsigned = pairs(&[("Description", "http://unsigned.example")]);
    let reply = post_split(&h, &query, &unsigned).await;
    assert_error(&reply, 400, "SignatureDoesNotMatch");
    assert_json(&reply);
    h.running.shutdown().await;
}

#[tokio::test]
async fn absurd_indexes_are_clear_errors() {
    let h = Harness::start().await;
    let sys = ("SnapshotId", "@snapshot.system");
    let reply = h
        .json(&[sys, ("Tag.99999999999999999999999999.Key", "k")])
        .await;
    assert_error(&reply, 403, "QuotaExceed.Tags");
    let reply = h
        .json(&[(
            "DiskDeviceMapping.4294967296.SnapshotId",
            "@snapshot.system",
        )])
        .await;
    assert_error(&reply, 400, "InvalidParameter.IndexOutOfRange");
    let reply = h.json(&[sys, ("Tag.one.Key", "k")]).await;
    assert_error(&reply, 400, "InvalidParameter.IndexOutOfRange");
    h.running.shutdown().await;
}

/// V3 exactly as Tea clients shape it: operation parameters in the query
/// (space as `+`), the six documented signed headers, `accept` unsigned.
#[tokio::test]
async fn v3_with_tea_shape_and_plus_encoded_query() {
    let h = Harness::start().await;
    let query = pairs(&[
        ("RegionId", "cn-hangzhou"),
        ("SnapshotId", &h.resolve("@snapshot.system")),
        ("Description", "tea client"),
    ]);
    let host = h.addr().to_string();
    let nonce = fresh_nonce();
    let date = timestamp_now();
    let headers = pairs(&[
        ("host", &host),
        ("x-acs-action", "CreateImage"),
        ("x-acs-version", "2014-05-26"),
        ("x-acs-date", &date),
        ("x-acs-signature-nonce", &nonce),
        ("x-acs-content-sha256", v3::EMPTY_PAYLOAD_SHA256),
    ]);
    let signed: Vec<String> = headers.iter().map(|(k, _)| k.clone()).collect();
    let input = v3::CanonicalInput {
        method: "POST",
        path: "/",
        query: &query,
        headers: &headers,
        payload_sha256: v3::EMPTY_PAYLOAD_SHA256,
    };
    let signature = v3::sign(
        SECRET,
        &v3::string_to_sign(&v3::canonical_request(&input, &signed)),
    );
    let authorization = v3::Authorization {
        access_key_id: KEY.into(),
        signed_headers: signed,
        signature,
    }
    .to_header_value();
    let mut send_headers: Vec<(&str, &str)> = headers
        .iter()
        .filter(|(k, _)| k != "host")
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    send_headers.push(("accept", "application/json"));
    send_headers.push(("authorization", &authorization));
    let path = format!("/?{}", encode_all(&query).replace("%20", "+"));
    let reply = raw(h.addr(), "POST", &path, &send_headers, b"").await;
    assert_eq!(reply.status, 200, "{}", reply.body);

    // The same request with a body the hash does not cover.
    let nonce2 = fresh_nonce();
    let resent: Vec<(&str, &str)> = send_headers
        .iter()
        .map(|&(k, v)| {
            if k == "x-acs-signature-nonce" {
                (k, nonce2.as_str())
            } else {
                (k, v)
            }
        })
        .collect();
    let reply = raw(h.addr(), "POST", &path, &resent, b"{}").await;
    assert_error(&reply, 400, "SignatureDoesNotMatch");
    assert!(
        reply
            .message()
            .contains("server string to sign is:ACS3-HMAC-SHA256\n"),
        "{}",
        reply.message()
    );
    h.running.shutdown().await;
}

#[tokio::test]
async fn v3_without_date_or_with_garbled_authorization_is_incomplete() {
    let h = Harness::start().await;
    let mut req = h.prepare(
        "default",
        WireStyle::V3,
        None,
        &[("SnapshotId", "@snapshot.system")],
    );
    req.headers.retain(|(k, _)| k != "x-acs-date");
    assert_error(&send(h.addr(), &req).await, 400, "IncompleteSignature");
    let mut req = h.prepare(
        "default",
        WireStyle::V3,
        None,
        &[("SnapshotId", "@snapshot.system")],
    );
    for (k, v) in &mut req.headers {
        if k == "authorization" {
            *v = "ACS3-HMAC-SHA256 Credential=emulator-default-key".into();
        }
    }
    assert_error(&send(h.addr(), &req).await, 400, "IncompleteSignature");
    h.running.shutdown().await;
}

#[tokio::test]
async fn mutant_no_signature_check_accepts_a_wrong_signature() {
    let h = Harness::with(Manifest::builtin(), Some(Mutant::NoSignatureCheck)).await;
    let mut params = signed_v1(
        "GET",
        with_region(&[("SnapshotId", &h.resolve("@snapshot.system"))]),
    );
    params.last_mut().unwrap().1 = "wrong".into();
    assert_eq!(get(&h, &params).await.status, 200);
    h.running.shutdown().await;
}

#[tokio::test]
async fn mutant_image_name_malformed_403_changes_the_status() {
    let h = Harness::with(Manifest::builtin(), Some(Mutant::ImageNameMalformed403)).await;
    let reply = h
        .json(&[("SnapshotId", "@snapshot.system"), ("ImageName", "a")])
        .await;
    assert_error(&reply, 403, "InvalidImageName.Malformed");
    h.running.shutdown().await;
}
