//! Signature V1 (RPC style, HMAC-SHA1), wire-protocol.md §2.
//!
//! The same functions serve the harness, which signs, and the emulator, which
//! rebuilds the string to sign from the parameters it received and verifies.
//! The canonical form is computed from decoded `(name, value)` pairs, so the
//! caller decides where they came from (query, form body or both merged).

use base64::Engine as _;
use base64::engine::general_purpose::STANDARD as BASE64;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::percent::encode;

type HmacSha1 = Hmac<Sha1>;

/// The parameter that carries the signature; it is never part of what is signed.
pub const SIGNATURE_PARAM: &str = "Signature";

/// The canonicalised query string: every pair except `Signature`, names and
/// values RFC 3986-encoded, sorted by encoded name (then encoded value, so
/// repeated names sort stably), joined as `name=value` with `&`.
pub fn canonical_query(params: &[(String, String)]) -> String {
    let mut encoded: Vec<(String, String)> = params
        .iter()
        .filter(|(name, _)| name != SIGNATURE_PARAM)
        .map(|(name, value)| (encode(name), encode(value)))
        .collect();
    encoded.sort_unstable();
    let length = encoded.iter().map(|(n, v)| n.len() + v.len() + 2).sum();
    let mut query = String::with_capacity(length);
    for (i, (name, value)) in encoded.iter().enumerate() {
        if i > 0 {
            query.push('&');
        }
        query.push_str(name);
        query.push('=');
        query.push_str(value);
    }
    query
}

/// `METHOD&%2F&enc(canonical query)`.
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    let canonical = canonical_query(params);
    // Encoding at most triples a byte.
    let mut out = String::with_capacity(method.len() + 6 + canonical.len() * 3 / 2);
    out.push_str(method);
    out.push('&');
    crate::wire::percent::encode_into(&mut out, "/");
    out.push('&');
    crate::wire::percent::encode_into(&mut out, &canonical);
    out
}

/// `base64(HMAC-SHA1(key = secret + "&", string_to_sign))`.
pub fn sign(access_key_secret: &str, string_to_sign: &str) -> String {
    BASE64.encode(
        mac(access_key_secret, string_to_sign)
            .finalize()
            .into_bytes(),
    )
}

/// Whether `signature` is the V1 signature of `string_to_sign`, compared in
/// constant time. A signature that is not valid base64 is simply not a match.
pub fn verify(access_key_secret: &str, string_to_sign: &str, signature: &str) -> bool {
    let Ok(claimed) = BASE64.decode(signature) else {
        return false;
    };
    mac(access_key_secret, string_to_sign)
        .verify_slice(&claimed)
        .is_ok()
}

fn mac(access_key_secret: &str, string_to_sign: &str) -> HmacSha1 {
    let key = format!("{access_key_secret}&");
    // HMAC takes keys of any length (long ones are hashed), so this cannot fail.
    let mut mac = HmacSha1::new_from_slice(key.as_bytes()).expect("HMAC accepts any key length");
    mac.update(string_to_sign.as_bytes());
    mac
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::wire::pairs;

    fn describe_regions_params() -> Vec<(String, String)> {
        pairs(&[
            ("Action", "DescribeRegions"),
            ("Version", "2014-05-26"),
            ("Format", "XML"),
            ("AccessKeyId", "testid"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2016-02-23T12:46:24Z"),
        ])
    }

    fn describe_dedicated_hosts_params() -> Vec<(String, String)> {
        pairs(&[
            ("Action", "DescribeDedicatedHosts"),
            ("Version", "2014-05-26"),
            ("Format", "JSON"),
            ("RegionId", "cn-beijing"),
            ("AccessKeyId", "testid"),
            ("SignatureMethod", "HMAC-SHA1"),
            ("SignatureNonce", "edb2b34af0af9a6d14deaf7c1a5315eb"),
            ("SignatureVersion", "1.0"),
            ("Timestamp", "2023-03-13T08:34:30Z"),
        ])
    }

    #[test]
    fn v1_get_vector_from_ecs_docs_builds_documented_string_to_sign() {
        assert_eq!(
            string_to_sign("GET", &describe_regions_params()),
            "GET&%2F&AccessKeyId%3Dtestid%26Action%3DDescribeRegions%26Format%3DXML\
             %26SignatureMethod%3DHMAC-SHA1%26SignatureNonce%3D3ee8c1b8-83d3-44af-a94f-4e0ad82fd6cf\
             %26SignatureVersion%3D1.0%26Timestamp%3D2016-02-23T12%253A46%253A24Z\
             %26Version%3D2014-05-26"
        );
    }

    #[test]
    fn v1_get_vector_from_ecs_docs_signs_to_documented_value() {
        let sts = string_to_sign("GET", &describe_regions_params());
        assert_eq!(sign("testsecret", &sts), "OLeaidS1JvxuMvnyHOwuJ+uX5qY=");
    }

    #[test]
    fn v1_post_vector_from_ecs_docs_signs_to_documented_value() {
        let sts = string_to_sign("POST", &describe_regions_params());
        assert!(sts.starts_with("POST&%2F&AccessKeyId%3Dtestid%26"));
        assert_eq!(sign("testsecret", &sts), "MxbnVAM4w6sft9xjVpe/GCKueuk=");
    }

    #[test]
    fn v1_get_vector_from_dedicated_hosts_docs_signs_to_documented_value() {
        let sts = string_to_sign("GET", &describe_dedicated_hosts_params());
        assert_eq!(sign("testsecret", &sts), "9NaGiOspFP5UPcwX8Iwt2YJXXuk=");
    }

    #[test]
    fn v1_post_vector_from_dedicated_hosts_docs_signs_to_documented_value() {
        let sts = string_to_sign("POST", &describe_dedicated_hosts_params());
        assert_eq!(sign("testsecret", &sts), "ZvQ9xGiFnquSJRvj+WE6kdSpTwU=");
    }

    #[test]
    fn v1_openapi_util_vector_builds_string_to_sign_and_signature() {
        let params = pairs(&[("query", "test"), ("body", "test")]);
        let sts = string_to_sign("GET", &params);
        assert_eq!(sts, "GET&%2F&body%3Dtest%26query%3Dtest");
        assert_eq!(sign("secret", &sts), "XlUyV4sXjOuX5FnjUz9IF9tm5rU=");
    }

    #[test]
    fn canonical_query_drops_signature_and_sorts_by_encoded_name() {
        let params = pairs(&[("b", "2"), ("Signature", "abc="), ("a", "x y"), ("A", "*")]);
        assert_eq!(canonical_query(&params), "A=%2A&a=x%20y&b=2");
    }

    #[test]
    fn canonical_query_keeps_empty_values_as_signed_by_python_classic() {
        let params = pairs(&[("SignatureType", ""), ("Format", "JSON")]);
        assert_eq!(canonical_query(&params), "Format=JSON&SignatureType=");
    }

    #[test]
    fn canonical_query_orders_repeated_names_by_value() {
        let params = pairs(&[("k", "b"), ("k", "a")]);
        assert_eq!(canonical_query(&params), "k=a&k=b");
    }

    #[test]
    fn verify_accepts_the_documented_signature() {
        let sts = string_to_sign("GET", &describe_regions_params());
        assert!(verify("testsecret", &sts, "OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
    }

    #[test]
    fn verify_rejects_wrong_secret_method_or_signature() {
        let get = string_to_sign("GET", &describe_regions_params());
        let post = string_to_sign("POST", &describe_regions_params());
        assert!(!verify("other", &get, "OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
        assert!(!verify("testsecret", &post, "OLeaidS1JvxuMvnyHOwuJ+uX5qY="));
        assert!(!verify("testsecret", &get, "MxbnVAM4w6sft9xjVpe/GCKueuk="));
    }

    #[test]
    fn verify_treats_undecodable_or_truncated_signature_as_mismatch() {
        let sts = string_to_sign("GET", &describe_regions_params());
        assert!(!verify("testsecret", &sts, "not base64!!"));
        assert!(!verify("testsecret", &sts, ""));
        assert!(!verify("testsecret", &sts, "OLeaidS1"));
    }
}
