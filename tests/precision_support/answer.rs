//! Rewrites one answer's body and `Content-Type`: a request id of the
//! proxy's own everywhere the emulator's appeared, another `HostId` and
//! `Recommend` in an error, the body written again by [`super::json`] or
//! [`super::xml`], and the media type spelled another way.
//!
//! A body that is neither the emulator's JSON nor its XML passes unchanged.

use createimage_contract::wire::decode::{Body, decode_xml};
use serde_json::Value;

use super::variation::{Dim, Variation};
use super::{json, xml};

/// Index-aligned with `Dim::ContentType`'s choices 1 to 5.
const JSON_CONTENT_TYPES: [&str; 5] = [
    "Application/JSON",
    "application/json; charset=UTF-8",
    "application/json;charset=\"utf-8\"",
    "application/json",
    "application/json ; Charset=Utf-8",
];
const XML_CONTENT_TYPES: [&str; 5] = [
    "Text/XML",
    "text/xml; charset=UTF-8",
    "text/xml;charset=\"utf-8\"",
    "application/xml",
    "application/xml ; Charset=Utf-8",
];

/// What the emulator answered.
#[derive(Clone, Debug)]
pub struct Upstream {
    pub content_type: Option<String>,
    /// Its `X-Acs-Request-Id` header.
    pub request_id: Option<String>,
    pub body: Vec<u8>,
}

/// What the proxy answers instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rewritten {
    pub content_type: Option<String>,
    pub body: Vec<u8>,
    /// The dimensions that applied to this answer and the choice each got.
    pub applied: Vec<(Dim, usize)>,
}

enum Kind {
    Json(Value),
    Xml(Body, Option<String>),
}

/// Rewrites `upstream` as `variation` says.
pub fn rewrite(upstream: &Upstream, variation: &Variation) -> Rewritten {
    let unchanged = Rewritten {
        content_type: upstream.content_type.clone(),
        body: upstream.body.clone(),
        applied: Vec::new(),
    };
    let Some(kind) = kind(upstream) else {
        return unchanged;
    };
    let mut applied = Vec::new();
    let mut pick = |dim: Dim| {
        let choice = variation.pick(dim);
        applied.push((dim, choice));
        choice
    };
    let (body, content_type) = match kind {
        Kind::Json(mut value) => {
            vary_values(&mut value, upstream, variation, &mut pick, true);
            for dim in [Dim::JsonOrder, Dim::JsonSpace, Dim::JsonEscape] {
                pick(dim);
            }
            let choice = pick(Dim::ContentType);
            (
                json::write(&value, variation),
                content_type(upstream, &JSON_CONTENT_TYPES, choice),
            )
        }
        Kind::Xml(mut body, declaration) => {
            vary_values(&mut body.value, upstream, variation, &mut pick, false);
            for dim in [
                Dim::XmlDeclaration,
                Dim::XmlSpace,
                Dim::XmlOrder,
                Dim::XmlEscape,
            ] {
                pick(dim);
            }
            let choice = pick(Dim::ContentType);
            let bytes = xml::write(&body, declaration.as_deref(), variation);
            (bytes, content_type(upstream, &XML_CONTENT_TYPES, choice))
        }
    };
    Rewritten {
        content_type,
        body,
        applied,
    }
}

fn kind(upstream: &Upstream) -> Option<Kind> {
    let essence = upstream
        .content_type
        .as_deref()?
        .split(';')
        .next()?
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" => serde_json::from_slice(&upstream.body).ok().map(Kind::Json),
        "text/xml" => {
            let body = decode_xml(&upstream.body).ok()?;
            let text = std::str::from_utf8(&upstream.body).ok()?;
            Some(Kind::Xml(body, xml::declaration(text).map(str::to_owned)))
        }
        _ => None,
    }
}

fn content_type(upstream: &Upstream, spellings: &[&str; 5], choice: usize) -> Option<String> {
    match choice {
        0 => upstream.content_type.clone(),
        n => Some(spellings[n - 1].to_owned()),
    }
}

/// The proxy's request id for the emulator's everywhere, then `HostId` and
/// (`recommend`: in JSON) `Recommend` of an error.
fn vary_values(
    value: &mut Value,
    upstream: &Upstream,
    variation: &Variation,
    pick: &mut dyn FnMut(Dim) -> usize,
    recommend: bool,
) {
    let theirs = upstream
        .request_id
        .clone()
        .or_else(|| value.get("RequestId")?.as_str().map(str::to_owned));
    if let Some(theirs) = theirs.filter(|id| !id.is_empty()) {
        replace_text(value, &theirs, &variation.request_id);
    }
    let Some(members) = value.as_object_mut() else {
        return;
    };
    if members.contains_key("HostId") {
        let choice = pick(Dim::HostId);
        if choice > 0 {
            members.insert("HostId".into(), Dim::HostId.choices()[choice].into());
        }
    }
    let code = members
        .get("Code")
        .and_then(Value::as_str)
        .map(str::to_owned);
    if let (true, true, Some(code)) = (recommend, members.contains_key("Recommend"), code) {
        let choice = pick(Dim::Recommend);
        if let Some(url) = recommend_url(choice, &code, &variation.request_id) {
            members.insert("Recommend".into(), url.into());
        }
    }
}

/// Another troubleshooting URL naming the same `code` (choice 0: none, the
/// emulator's stays).
fn recommend_url(choice: usize, code: &str, request_id: &str) -> Option<String> {
    match choice {
        0 => None,
        1 => Some(format!(
            "https://api.aliyun.com/troubleshoot?product=Ecs&requestId={request_id}&q={code}"
        )),
        2 => Some(format!(
            "https://next.api.aliyun.com/troubleshoot?q={code}&product=Ecs&requestId={request_id}"
        )),
        _ => Some(format!(
            "https://api.alibabacloud.com/troubleshoot/Ecs/{code}?requestId={request_id}"
        )),
    }
}

fn replace_text(value: &mut Value, from: &str, to: &str) {
    match value {
        Value::String(text) if text.contains(from) => *text = text.replace(from, to),
        Value::Array(items) => items.iter_mut().for_each(|v| replace_text(v, from, to)),
        Value::Object(members) => members.values_mut().for_each(|v| replace_text(v, from, to)),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use createimage_contract::wire::decode::decode;

    const THEIRS: &str = "C8B26B44-0189-443E-9816-D951F59623A9";
    const OURS: &str = "0F3A2B1C-4D5E-4F60-8172-839405A6B7C8";

    fn json_error() -> Upstream {
        Upstream {
            content_type: Some("application/json;charset=utf-8".into()),
            request_id: Some(THEIRS.into()),
            body: format!(
                r#"{{"RequestId":"{THEIRS}","HostId":"ecs.aliyuncs.com","Code":"InvalidSnapshotId.NotFound","Message":"The specified SnapshotId does not exist.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidSnapshotId.NotFound&product=Ecs&requestId={THEIRS}"}}"#
            )
            .into_bytes(),
        }
    }

    fn xml_success() -> Upstream {
        Upstream {
            content_type: Some("text/xml;charset=utf-8".into()),
            request_id: Some(THEIRS.into()),
            body: format!(
                "<CreateImageResponse><RequestId>{THEIRS}</RequestId><ImageId>m-bp146shijn7hujku0000</ImageId></CreateImageResponse>"
            )
            .into_bytes(),
        }
    }

    fn tree(answer: &Rewritten) -> Body {
        decode(answer.content_type.as_deref(), &answer.body).expect("the harness decodes it")
    }

    fn as_sent() -> Variation {
        Variation::as_sent(OURS)
    }

    #[test]
    fn the_request_id_is_the_proxy_s_everywhere() {
        let answer = rewrite(&json_error(), &as_sent());
        let body = tree(&answer);
        assert_eq!(body.value["RequestId"], OURS);
        assert!(
            body.value["Recommend"]
                .as_str()
                .unwrap()
                .ends_with(&format!("requestId={OURS}"))
        );
        assert!(!String::from_utf8(answer.body).unwrap().contains(THEIRS));
        assert_eq!(
            tree(&rewrite(&xml_success(), &as_sent())).value["RequestId"],
            OURS
        );
    }

    #[test]
    fn every_content_type_spelling_differs_and_decodes_to_the_same_tree() {
        for upstream in [json_error(), xml_success()] {
            let plain = rewrite(&upstream, &as_sent());
            for choice in 1..Dim::ContentType.choices().len() {
                let answer = rewrite(&upstream, &as_sent().with(Dim::ContentType, choice));
                assert_ne!(answer.content_type, plain.content_type);
                assert_eq!(answer.body, plain.body);
                assert_eq!(tree(&answer), tree(&plain));
            }
        }
    }

    #[test]
    fn every_host_id_is_a_regional_host_and_the_rest_stays() {
        let plain = tree(&rewrite(&json_error(), &as_sent()));
        for choice in 1..Dim::HostId.choices().len() {
            let mut body = tree(&rewrite(
                &json_error(),
                &as_sent().with(Dim::HostId, choice),
            ));
            let host = body.value["HostId"].as_str().unwrap().to_owned();
            assert_ne!(host, "ecs.aliyuncs.com");
            assert!(
                host.ends_with(".aliyuncs.com") && host.contains("cn-hangzhou"),
                "{host}"
            );
            body.value["HostId"] = plain.value["HostId"].clone();
            assert_eq!(body, plain);
        }
    }

    #[test]
    fn every_recommend_names_the_code_and_the_request_id() {
        let plain = tree(&rewrite(&json_error(), &as_sent()));
        let mut urls = vec![plain.value["Recommend"].clone()];
        for choice in 1..Dim::Recommend.choices().len() {
            let mut body = tree(&rewrite(
                &json_error(),
                &as_sent().with(Dim::Recommend, choice),
            ));
            let url = body.value["Recommend"].as_str().unwrap().to_owned();
            assert!(url.starts_with("https://"), "{url}");
            assert!(
                url.contains("InvalidSnapshotId.NotFound") && url.contains(OURS),
                "{url}"
            );
            assert!(!urls.contains(&Value::from(url.clone())), "{url}");
            urls.push(url.into());
            body.value["Recommend"] = plain.value["Recommend"].clone();
            assert_eq!(body, plain);
        }
    }

    #[test]
    fn the_dimensions_that_apply_are_recorded() {
        let applied = |u: &Upstream| -> Vec<Dim> {
            rewrite(u, &as_sent())
                .applied
                .into_iter()
                .map(|(d, _)| d)
                .collect()
        };
        let json = applied(&json_error());
        assert!(json.contains(&Dim::Recommend) && json.contains(&Dim::JsonEscape));
        assert!(!json.contains(&Dim::XmlOrder));
        let xml = applied(&xml_success());
        assert!(xml.contains(&Dim::XmlOrder) && !xml.contains(&Dim::HostId));
    }

    #[test]
    fn a_body_that_is_neither_json_nor_xml_passes_unchanged() {
        let upstream = Upstream {
            content_type: Some("text/plain".into()),
            request_id: None,
            body: b"Service Unavailable".to_vec(),
        };
        let answer = rewrite(&upstream, &Variation::of_answer(1, 1));
        assert_eq!(answer.body, upstream.body);
        assert_eq!(answer.content_type, upstream.content_type);
        assert!(answer.applied.is_empty());
    }
}
