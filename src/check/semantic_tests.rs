//! The rules of [`super`]: what a conformant target may vary compares
//! equal, and every real difference still differs.

use serde_json::{Value, json};

use super::{canonical, difference};
use crate::wire::decode::decode;

fn answer(status: u16, content_type: &str, body: Value) -> Value {
    json!({"request": {"status": status, "content_type": content_type, "root": null, "body": body}})
}

fn error_body() -> Value {
    json!({
        "RequestId": "<request-id:1>",
        "HostId": "ecs.aliyuncs.com",
        "Code": "QuotaExceed.Image",
        "Message": "The Image Quota exceeds.",
        "Recommend": "https://api.aliyun.com/troubleshoot?q=QuotaExceed.Image&product=Ecs&requestId=<request-id:1>"
    })
}

fn accepted() -> Value {
    answer(403, "application/json;charset=utf-8", error_body())
}

fn with_body(edit: impl FnOnce(&mut serde_json::Map<String, Value>)) -> Value {
    let mut body = error_body();
    edit(body.as_object_mut().unwrap());
    answer(403, "application/json;charset=utf-8", body)
}

fn equal(actual: &Value) {
    assert_eq!(difference(&accepted(), actual), None, "{actual:#}");
}

fn differs(actual: &Value) -> String {
    difference(&accepted(), actual).unwrap_or_else(|| panic!("no difference found: {actual:#}"))
}

#[test]
fn value_equality_ignores_json_member_order_even_with_preserve_order() {
    let a: Value = serde_json::from_str(r#"{"a": 1, "b": {"c": 2, "d": 3}}"#).unwrap();
    let b: Value = serde_json::from_str(r#"{"b": {"d": 3, "c": 2}, "a": 1}"#).unwrap();
    assert_eq!(a, b);
    // Member order is kept for display, only not compared.
    assert_ne!(a.to_string(), b.to_string());
}

#[test]
fn json_member_order_does_not_matter() {
    let reordered: Value = serde_json::from_str(
        r#"{"Recommend": "https://api.aliyun.com/troubleshoot?q=QuotaExceed.Image&product=Ecs&requestId=<request-id:1>",
            "Message": "The Image Quota exceeds.", "Code": "QuotaExceed.Image",
            "HostId": "ecs.aliyuncs.com", "RequestId": "<request-id:1>"}"#,
    )
    .unwrap();
    equal(&answer(403, "application/json;charset=utf-8", reordered));
}

#[test]
fn content_type_spellings_that_rfc_9110_calls_equal_compare_equal() {
    for spelling in [
        "application/json;charset=UTF-8",
        "Application/JSON",
        "application/json",
        "application/json; charset=\"utf-8\"",
    ] {
        equal(&answer(403, spelling, error_body()));
    }
}

#[test]
fn a_regional_host_id_compares_equal() {
    equal(&with_body(|b| {
        b["HostId"] = json!("ecs.cn-hangzhou.aliyuncs.com");
    }));
}

#[test]
fn another_recommend_url_naming_the_same_code_compares_equal() {
    equal(&with_body(|b| {
        b["Recommend"] =
            json!("https://next.api.aliyun.com/troubleshoot?q=QuotaExceed.Image&product=Ecs");
    }));
}

#[test]
fn a_recommend_url_naming_the_code_in_its_path_compares_equal() {
    equal(&with_body(|b| {
        b["Recommend"] = json!("https://troubleshoot.example/ecs/QuotaExceed.Image?lang=en");
    }));
}

#[test]
fn a_recommend_url_naming_another_code_differs() {
    let diff = differs(&with_body(|b| {
        b["Recommend"] = json!("https://api.aliyun.com/troubleshoot?q=Other.Code");
    }));
    assert!(
        diff.contains("+      \"Recommend\": \"<recommend:Other.Code>\""),
        "{diff}"
    );
}

#[test]
fn request_ids_of_any_shape_compare_equal_and_keep_their_identity() {
    let two = |first: &str, second: &str| {
        json!({
            "first": {"status": 200, "body": {"RequestId": first}},
            "second": {"status": 200, "body": {"RequestId": second}},
        })
    };
    let ours = two("<request-id:1>", "<request-id:2>");
    assert_eq!(difference(&ours, &two("abc-1", "abc-2")), None);
    assert!(difference(&ours, &two("abc-1", "abc-1")).is_some());
}

#[test]
fn image_ids_are_numbered_by_value_across_steps() {
    let run = |created: &str, described: &str, other: &str| {
        json!({
            "create": {"status": 200, "body": {"ImageId": created}},
            "again": {"status": 200, "body": {"ImageId": described, "Message": format!("see {other}")}},
        })
    };
    let ours = run("<image-id:1>", "<image-id:1>", "<image-id:1>");
    assert_eq!(difference(&ours, &run("img-77", "img-77", "img-77")), None);
    assert!(difference(&ours, &run("img-77", "img-78", "img-77")).is_some());
    assert!(difference(&ours, &run("img-77", "img-77", "img-78")).is_some());
}

#[test]
fn timestamps_compare_equal_whatever_their_value() {
    let at = |t: &str| json!({"request": {"status": 200, "body": {"CreationTime": t}}});
    assert_eq!(
        difference(
            &at("2016-02-23T12:46:24Z"),
            &at("2026-12-02T16:21:11.123+08:00")
        ),
        None
    );
}

#[test]
fn xml_declaration_and_whitespace_between_elements_do_not_matter() {
    let xml = |text: &str| {
        let body = decode(Some("text/xml;charset=utf-8"), text.as_bytes()).unwrap();
        json!({"request": {"status": 400, "content_type": "text/xml;charset=utf-8", "root": body.root, "body": body.value}})
    };
    let compact = xml("<Error><RequestId>R-1</RequestId><Code>X</Code></Error>");
    let spaced = xml(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error>\n  <Code>X</Code>\n  <RequestId>R-2</RequestId>\n</Error>\n",
    );
    assert_eq!(difference(&compact, &spaced), None);
    let other = xml("<Error><RequestId>R-1</RequestId><Code>Y</Code></Error>");
    assert!(difference(&compact, &other).is_some());
}

#[test]
fn another_code_differs() {
    let diff = differs(&with_body(|b| {
        b["Code"] = json!("QuotaExceed.Other");
    }));
    assert!(
        diff.contains("-      \"Code\": \"QuotaExceed.Image\""),
        "{diff}"
    );
    assert!(
        diff.contains("+      \"Code\": \"QuotaExceed.Other\""),
        "{diff}"
    );
}

#[test]
fn another_status_differs() {
    differs(&answer(400, "application/json;charset=utf-8", error_body()));
}

#[test]
fn a_missing_field_differs() {
    differs(&with_body(|b| {
        b.remove("Message");
    }));
}

#[test]
fn an_extra_field_differs() {
    let diff = differs(&with_body(|b| {
        b.insert("Extra".into(), json!("x"));
    }));
    assert!(diff.contains("+      \"Extra\": \"x\""), "{diff}");
}

#[test]
fn another_content_type_differs() {
    differs(&answer(403, "text/xml;charset=utf-8", error_body()));
    differs(&answer(
        403,
        "application/json;charset=iso-8859-1",
        error_body(),
    ));
}

#[test]
fn a_difference_is_a_unified_diff_of_canonical_forms_with_sorted_keys() {
    let diff = differs(&with_body(|b| {
        b["Code"] = json!("Other");
    }));
    assert!(
        diff.starts_with("--- accepted snapshot\n+++ actual answer\n"),
        "{diff}"
    );
    let code = diff.find("\"Code\"").unwrap();
    let host = diff.find("\"HostId\": \"<host-id>\"").unwrap();
    assert!(code < host, "keys are sorted: {diff}");
}

#[test]
fn canonical_forms_name_what_was_replaced() {
    let c = canonical(&accepted());
    assert_eq!(c["request"]["content_type"], json!("application/json"));
    assert_eq!(c["request"]["body"]["HostId"], json!("<host-id>"));
    assert_eq!(
        c["request"]["body"]["Recommend"],
        json!("<recommend:QuotaExceed.Image>")
    );
    assert_eq!(c["request"]["body"]["RequestId"], json!("<request-id:1>"));
}
