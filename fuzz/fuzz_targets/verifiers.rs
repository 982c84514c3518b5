//! The signature verifiers and their parsers on arbitrary input: V1 and V3
//! verification of any claimed signature is a yes or no, never a panic; the
//! `Authorization` parser refuses or parses; and whatever the parameters, a
//! request signed by `prepare` verifies after the wire trip.

#![no_main]

use arbitrary::Arbitrary;
use createimage_contract::wire::request::{COMMON_PARAMETERS, RequestSpec, prepare};
use createimage_contract::wire::{Credentials, Format, WireStyle, percent, v1, v3};
use libfuzzer_sys::fuzz_target;

#[derive(Debug, Arbitrary)]
struct Input<'a> {
    secret: &'a str,
    string_to_sign: &'a str,
    claimed: &'a str,
    authorization: &'a str,
    query: &'a str,
    params: Vec<(String, String)>,
    v3: bool,
}

fuzz_target!(|input: Input<'_>| {
    let _ = v1::verify(input.secret, input.string_to_sign, input.claimed);
    let _ = v3::verify(input.secret, input.string_to_sign, input.claimed);
    if let Ok(authorization) = v3::parse_authorization(input.authorization) {
        let _ = authorization.to_header_value();
    }
    if let Ok(pairs) = percent::parse_pairs(input.query) {
        let string_to_sign = v1::string_to_sign("GET", &pairs);
        let _ = v1::verify(input.secret, &string_to_sign, input.claimed);
    }
    round_trip(&input);
});

/// A request signed here verifies as a server would verify it.
fn round_trip(input: &Input<'_>) {
    if input
        .params
        .iter()
        .any(|(n, _)| COMMON_PARAMETERS.contains(&n.as_str()))
    {
        return;
    }
    let credentials = Credentials::new("fuzz-key", input.secret);
    let style = if input.v3 {
        WireStyle::V3
    } else {
        WireStyle::V1Get
    };
    let request = prepare(&RequestSpec {
        style,
        host: "127.0.0.1:1",
        action: "CreateImage",
        format: Some(Format::Json),
        params: &input.params,
        credentials: &credentials,
        nonce: "n",
        timestamp: "2024-01-01T00:00:00Z",
    });
    let query = percent::parse_pairs(request.query()).expect("a prepared query decodes");
    if input.v3 {
        let authorization = v3::parse_authorization(request.header("authorization").unwrap())
            .expect("a prepared authorization parses");
        let canonical = v3::canonical_request(
            &v3::CanonicalInput {
                method: request.method,
                path: "/",
                query: &query,
                headers: &request.headers,
                payload_sha256: v3::EMPTY_PAYLOAD_SHA256,
            },
            &authorization.signed_headers,
        );
        assert!(v3::verify(
            input.secret,
            &v3::string_to_sign(&canonical),
            &authorization.signature
        ));
    } else {
        let signature = query
            .iter()
            .find(|(n, _)| n == "Signature")
            .map(|(_, v)| v.clone())
            .expect("a Signature parameter");
        assert!(v1::verify(
            input.secret,
            &v1::string_to_sign(request.method, &query),
            &signature
        ));
    }
}
