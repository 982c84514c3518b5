//! The answer decoder on arbitrary bytes under each kind of content type
//! (JSON, XML, HTML, other, none): an error or a body tree, never a panic.

#![no_main]

use createimage_contract::wire::decode::{decode, decode_json, decode_xml};
use libfuzzer_sys::fuzz_target;

const CONTENT_TYPES: [Option<&str>; 6] = [
    None,
    Some("application/json;charset=utf-8"),
    Some("text/xml;charset=utf-8"),
    Some("text/html"),
    Some("text/plain"),
    Some("application/problem+json"),
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, body)) = data.split_first() else {
        return;
    };
    let content_type = CONTENT_TYPES[usize::from(selector) % CONTENT_TYPES.len()];
    if let Err(e) = decode(content_type, body) {
        let _ = e.to_string();
    }
    let _ = decode_json(body);
    let _ = decode_xml(body);
});
