//! Properties of the V1 and V3 signers, over arbitrary parameter sets
//! (unicode, empty values, the characters RFC 3986 reserves: `*`, `~`, `+`,
//! `%`, `/`, space, `&`, `=`): a request signed by `wire::request::prepare`
//! verifies after the trip through the wire encoding
//! (`wire::percent::parse_pairs` → `v1::verify` / `v3::verify`), and a
//! change of one byte of the signature or of a signed parameter is rejected.

use createimage_contract::wire::request::{
    COMMON_PARAMETERS, PreparedRequest, RequestSpec, prepare,
};
use createimage_contract::wire::{Credentials, Format, WireStyle, percent, v1, v3};
use proptest::prelude::*;

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[a-zA-Z0-9 *~+%/&=?:._é漢😀-]{0,12}",
        1 => any::<String>(),
        1 => Just(String::new()),
    ]
}

fn name() -> impl Strategy<Value = String> {
    text().prop_filter("not a common parameter", |n| {
        !COMMON_PARAMETERS.contains(&n.as_str())
    })
}

fn params() -> impl Strategy<Value = Vec<(String, String)>> {
    prop::collection::vec((name(), text()), 0..8)
}

fn v1_style() -> impl Strategy<Value = WireStyle> {
    prop_oneof![
        Just(WireStyle::V1Get),
        Just(WireStyle::V1PostQuery),
        Just(WireStyle::V1PostForm),
    ]
}

fn sign(style: WireStyle, params: &[(String, String)], secret: &str) -> PreparedRequest {
    let credentials = Credentials::new("test-key", secret);
    prepare(&RequestSpec {
        style,
        host: "127.0.0.1:8080",
        action: "CreateImage",
        format: Some(Format::Json),
        params,
        credentials: &credentials,
        nonce: "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf",
        timestamp: "2016-02-23T12:46:24Z",
    })
}

/// What a V1 server receives: query and form body, decoded and merged.
fn received_v1(request: &PreparedRequest) -> Vec<(String, String)> {
    let mut pairs = percent::parse_pairs(request.query()).expect("the query decodes");
    let body = std::str::from_utf8(&request.body).expect("the body is text");
    pairs.extend(percent::parse_pairs(body).expect("the body decodes"));
    pairs
}

fn signature_of(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .find(|(n, _)| n == v1::SIGNATURE_PARAM)
        .map(|(_, v)| v.clone())
        .expect("a Signature parameter")
}

fn verifies_v1(method: &str, pairs: &[(String, String)], secret: &str, signature: &str) -> bool {
    v1::verify(secret, &v1::string_to_sign(method, pairs), signature)
}

/// The V3 string to sign, rebuilt as the server does it from what it received.
fn v3_string_to_sign(request: &PreparedRequest, query: &[(String, String)]) -> (String, String) {
    let authorization = v3::parse_authorization(request.header("authorization").unwrap())
        .expect("the authorization parses");
    let input = v3::CanonicalInput {
        method: request.method,
        path: "/",
        query,
        headers: &request.headers,
        payload_sha256: request.header("x-acs-content-sha256").unwrap(),
    };
    let canonical = v3::canonical_request(&input, &authorization.signed_headers);
    (v3::string_to_sign(&canonical), authorization.signature)
}

/// `text` with the byte at `index % len` replaced by the printable ASCII
/// `replacement` (or `replacement` appended when `text` has no ASCII byte
/// there); always a different string.
fn change_one_byte(text: &str, index: usize, replacement: u8) -> String {
    let mut bytes = text.as_bytes().to_vec();
    let ascii: Vec<usize> = (0..bytes.len()).filter(|&i| bytes[i].is_ascii()).collect();
    if ascii.is_empty() {
        bytes.push(replacement);
    } else {
        let at = ascii[index % ascii.len()];
        bytes[at] = if bytes[at] == replacement {
            if replacement == b'a' { b'b' } else { b'a' }
        } else {
            replacement
        };
    }
    String::from_utf8(bytes).expect("ASCII replaced by ASCII")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn v1_sign_then_verify_round_trips(
        style in v1_style(), params in params(), secret in text()
    ) {
        let request = sign(style, &params, &secret);
        let pairs = received_v1(&request);
        // Every operation parameter arrives exactly as given.
        for pair in &params {
            prop_assert!(pairs.contains(pair), "{pair:?} lost on the wire");
        }
        let signature = signature_of(&pairs);
        prop_assert!(verifies_v1(request.method, &pairs, &secret, &signature));
    }

    #[test]
    fn v1_rejects_a_signature_with_one_byte_changed(
        style in v1_style(), params in params(), secret in text(),
        index in any::<usize>(), replacement in 0x21u8..0x7f,
    ) {
        let request = sign(style, &params, &secret);
        let pairs = received_v1(&request);
        let signature = signature_of(&pairs);
        let forged = change_one_byte(&signature, index, replacement);
        prop_assert!(!verifies_v1(request.method, &pairs, &secret, &forged), "{forged}");
    }

    #[test]
    fn v1_rejects_a_signed_parameter_with_one_byte_changed(
        style in v1_style(), params in params(), secret in text(),
        which in any::<usize>(), in_name in any::<bool>(),
        index in any::<usize>(), replacement in 0x21u8..0x7f,
    ) {
        let request = sign(style, &params, &secret);
        let mut pairs = received_v1(&request);
        let signature = signature_of(&pairs);
        let signed: Vec<usize> = (0..pairs.len())
            .filter(|&i| pairs[i].0 != v1::SIGNATURE_PARAM)
            .collect();
        let target = signed[which % signed.len()];
        let (name, value) = &mut pairs[target];
        if in_name {
            *name = change_one_byte(name, index, replacement);
        } else {
            *value = change_one_byte(value, index, replacement);
        }
        prop_assume!(pairs[target].0 != v1::SIGNATURE_PARAM);
        prop_assert!(!verifies_v1(request.method, &pairs, &secret, &signature));
    }

    #[test]
    fn v3_sign_then_verify_round_trips(params in params(), secret in text()) {
        let request = sign(WireStyle::V3, &params, &secret);
        let query = percent::parse_pairs(request.query()).expect("the query decodes");
        for pair in &params {
            prop_assert!(query.contains(pair), "{pair:?} lost on the wire");
        }
        let (string_to_sign, signature) = v3_string_to_sign(&request, &query);
        prop_assert!(v3::verify(&secret, &string_to_sign, &signature));
    }

    #[test]
    fn v3_rejects_a_signature_with_one_byte_changed(
        params in params(), secret in text(),
        index in any::<usize>(), replacement in 0x21u8..0x7f,
    ) {
        let request = sign(WireStyle::V3, &params, &secret);
        let query = percent::parse_pairs(request.query()).expect("the query decodes");
        let (string_to_sign, signature) = v3_string_to_sign(&request, &query);
        let forged = change_one_byte(&signature, index, replacement);
        // Hex is case-insensitive: `a` → `A` is the same signature.
        prop_assume!(!forged.eq_ignore_ascii_case(&signature));
        prop_assert!(!v3::verify(&secret, &string_to_sign, &forged), "{forged}");
    }

    #[test]
    fn v3_rejects_a_signed_parameter_with_one_byte_changed(
        params in params(), secret in text(),
        which in any::<usize>(), in_name in any::<bool>(),
        index in any::<usize>(), replacement in 0x21u8..0x7f,
    ) {
        let request = sign(WireStyle::V3, &params, &secret);
        let mut query = percent::parse_pairs(request.query()).expect("the query decodes");
        let (_, signature) = v3_string_to_sign(&request, &query);
        let target = which % query.len();
        let (name, value) = &mut query[target];
        if in_name {
            *name = change_one_byte(name, index, replacement);
        } else {
            *value = change_one_byte(value, index, replacement);
        }
        let (string_to_sign, _) = v3_string_to_sign(&request, &query);
        prop_assert!(!v3::verify(&secret, &string_to_sign, &signature));
    }

    #[test]
    fn v3_rejects_a_signed_header_with_one_byte_changed(
        params in params(), secret in text(),
        which in any::<usize>(), index in any::<usize>(), replacement in 0x21u8..0x7f,
    ) {
        let mut request = sign(WireStyle::V3, &params, &secret);
        let query = percent::parse_pairs(request.query()).expect("the query decodes");
        let (_, signature) = v3_string_to_sign(&request, &query);
        let signed: Vec<usize> = (0..request.headers.len())
            .filter(|&i| request.headers[i].0 != "authorization" && request.headers[i].0 != "accept")
            .collect();
        let target = signed[which % signed.len()];
        let value = &mut request.headers[target].1;
        *value = change_one_byte(value, index, replacement);
        let (string_to_sign, _) = v3_string_to_sign(&request, &query);
        prop_assert!(!v3::verify(&secret, &string_to_sign, &signature));
    }
}
