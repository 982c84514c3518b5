//! Response envelopes (wire-protocol.md §4): the success and error bodies in
//! JSON or XML, their content types and the `X-Acs-Request-Id` header.
//!
//! JSON success: `{"RequestId":…,"ImageId":…}`; JSON error:
//! `{"RequestId","HostId","Code","Message","Recommend"}`. XML success:
//! `<CreateImageResponse><RequestId>…</RequestId><ImageId>…</ImageId></CreateImageResponse>`;
//! XML error: `<?xml version="1.0" encoding="UTF-8"?><Error>…</Error>` (no
//! `Recommend`, as documented). XML is written with quick-xml, so every value
//! is escaped.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use quick_xml::Writer;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};

use super::error::ApiError;
use super::mutants::Mutant;
use crate::wire::Format;

/// `HostId` of every error.
pub const HOST_ID: &str = "ecs.aliyuncs.com";
pub const JSON_CONTENT_TYPE: &str = "application/json;charset=utf-8";
pub const XML_CONTENT_TYPE: &str = "text/xml;charset=utf-8";

/// A rendered answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Envelope {
    pub status: u16,
    pub content_type: &'static str,
    pub request_id: String,
    pub body: String,
}

/// The success body of `action` (`CreateImage`).
pub fn success(format: Format, action: &str, request_id: &str, image_id: &str) -> Envelope {
    let body = match format {
        Format::Json => {
            // Written directly into one buffer (field names are plain ASCII;
            // values are escaped by serde_json), in the same bytes as the
            // object `{"RequestId":…,"ImageId":…[,"Code":"200"]}`.
            let mut body = Vec::with_capacity(96);
            json_field(&mut body, true, "RequestId", request_id);
            json_field(&mut body, false, "ImageId", image_id);
            if Mutant::SuccessCarriesCode.active() {
                json_field(&mut body, false, "Code", "200");
            }
            body.push(b'}');
            String::from_utf8(body).unwrap_or_default()
        }
        Format::Xml => {
            let root = if Mutant::XmlSuccessRootAction.active() {
                action.to_owned()
            } else {
                format!("{action}Response")
            };
            let code = Mutant::SuccessCarriesCode
                .active()
                .then_some(("Code", "200"));
            let fields: Vec<(&str, &str)> = [("RequestId", request_id), ("ImageId", image_id)]
                .into_iter()
                .chain(code)
                .collect();
            xml(false, &root, &fields)
        }
    };
    Envelope {
        status: 200,
        content_type: content_type(format),
        request_id: request_id.to_owned(),
        body,
    }
}

/// The success body of an operation that answers only its `RequestId`
/// (`DeleteImage`).
pub fn success_without_result(format: Format, action: &str, request_id: &str) -> Envelope {
    let body = match format {
        Format::Json => {
            let mut map = serde_json::Map::new();
            map.insert("RequestId".into(), request_id.into());
            serde_json::Value::Object(map).to_string()
        }
        Format::Xml => xml(
            false,
            &format!("{action}Response"),
            &[("RequestId", request_id)],
        ),
    };
    Envelope {
        status: 200,
        content_type: content_type(format),
        request_id: request_id.to_owned(),
        body,
    }
}

/// The error body.
pub fn error(format: Format, request_id: &str, err: &ApiError) -> Envelope {
    let body = match format {
        Format::Json => {
            let mut map = serde_json::Map::new();
            if !Mutant::ErrorWithoutRequestId.active() {
                map.insert(field("RequestId"), request_id.into());
            }
            map.insert(field("HostId"), HOST_ID.into());
            map.insert(field("Code"), err.code.as_ref().into());
            map.insert(field("Message"), err.message.as_ref().into());
            map.insert(field("Recommend"), recommend(&err.code, request_id).into());
            serde_json::Value::Object(map).to_string()
        }
        Format::Xml => {
            let root = if Mutant::XmlErrorRootResponse.active() {
                "Response"
            } else {
                "Error"
            };
            let request_id =
                (!Mutant::ErrorWithoutRequestId.active()).then_some(("RequestId", request_id));
            let fields: Vec<(&str, &str)> = request_id
                .into_iter()
                .chain([
                    ("HostId", HOST_ID),
                    ("Code", err.code.as_ref()),
                    ("Message", err.message.as_ref()),
                ])
                .collect();
            xml(true, root, &fields)
        }
    };
    Envelope {
        status: err.status,
        content_type: content_type(format),
        request_id: request_id.to_owned(),
        body,
    }
}

/// Appends `"name":"value"` (JSON-escaped), opening the object first or
/// separating with a comma.
fn json_field(body: &mut Vec<u8>, first: bool, name: &str, value: &str) {
    body.push(if first { b'{' } else { b',' });
    // Writing a string into a Vec cannot fail.
    if Mutant::JsonCamelCaseFields.active() {
        let _ = serde_json::to_writer(&mut *body, &camel_case(name));
    } else {
        let _ = serde_json::to_writer(&mut *body, name);
    }
    body.push(b':');
    let _ = serde_json::to_writer(&mut *body, value);
}

/// A JSON field name as sent.
fn field(name: &str) -> String {
    if Mutant::JsonCamelCaseFields.active() {
        camel_case(name)
    } else {
        name.to_owned()
    }
}

fn camel_case(name: &str) -> String {
    let mut chars = name.chars();
    chars
        .next()
        .map(|first| first.to_ascii_lowercase().to_string() + chars.as_str())
        .unwrap_or_default()
}

fn content_type(format: Format) -> &'static str {
    if Mutant::ContentTypeTextPlain.active() {
        return "text/plain; charset=utf-8";
    }
    match format {
        Format::Json => JSON_CONTENT_TYPE,
        Format::Xml => XML_CONTENT_TYPE,
    }
}

fn recommend(code: &str, request_id: &str) -> String {
    let code = crate::wire::percent::encode(code);
    format!("https://api.aliyun.com/troubleshoot?q={code}&product=Ecs&requestId={request_id}")
}

fn xml(declaration: bool, root: &str, fields: &[(&str, &str)]) -> String {
    let mut writer = Writer::new(Vec::new());
    // Writing into a Vec cannot fail; errors are ignored rather than unwrapped.
    if declaration {
        let _ = writer.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)));
    }
    let _ = writer.write_event(Event::Start(BytesStart::new(root)));
    for (name, value) in fields {
        let _ = writer.write_event(Event::Start(BytesStart::new(*name)));
        let _ = writer.write_event(Event::Text(BytesText::new(value)));
        let _ = writer.write_event(Event::End(BytesEnd::new(*name)));
    }
    let _ = writer.write_event(Event::End(BytesEnd::new(root)));
    String::from_utf8(writer.into_inner()).unwrap_or_default()
}

impl IntoResponse for Envelope {
    fn into_response(self) -> Response {
        let status = StatusCode::from_u16(self.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
        let mut response = (status, self.body).into_response();
        let headers = response.headers_mut();
        headers.insert(
            header::CONTENT_TYPE,
            HeaderValue::from_static(self.content_type),
        );
        if let Ok(value) = HeaderValue::from_str(&self.request_id) {
            headers.insert("x-acs-request-id", value);
        }
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const RID: &str = "C8B26B44-0189-443E-9816-D951F59623A9";

    #[test]
    fn json_success_has_request_id_then_image_id() {
        let env = success(Format::Json, "CreateImage", RID, "m-bp146shijn7hujku0000");
        assert_eq!(
            env.body,
            r#"{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","ImageId":"m-bp146shijn7hujku0000"}"#
        );
        assert_eq!(env.content_type, "application/json;charset=utf-8");
    }

    #[test]
    fn xml_success_root_is_action_response() {
        let env = success(Format::Xml, "CreateImage", RID, "m-1");
        assert_eq!(
            env.body,
            "<CreateImageResponse><RequestId>C8B26B44-0189-443E-9816-D951F59623A9</RequestId><ImageId>m-1</ImageId></CreateImageResponse>"
        );
        assert_eq!(env.content_type, "text/xml;charset=utf-8");
    }

    #[test]
    fn json_error_has_the_five_fields_in_order() {
        let err = ApiError::from(crate::contract::errors::INSTANCE_NOT_FOUND);
        let env = error(Format::Json, RID, &err);
        assert_eq!(env.status, 404);
        let value: serde_json::Value = serde_json::from_str(&env.body).unwrap();
        let keys: Vec<_> = value.as_object().unwrap().keys().cloned().collect();
        assert_eq!(
            keys,
            ["RequestId", "HostId", "Code", "Message", "Recommend"]
        );
        assert_eq!(
            value["Recommend"],
            format!(
                "https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound&product=Ecs&requestId={RID}"
            )
        );
    }

    #[test]
    fn xml_error_escapes_values() {
        let err = ApiError::signature_does_not_match("GET&%2F&a%3D<b>&c");
        let env = error(Format::Xml, RID, &err);
        assert!(
            env.body
                .starts_with(r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>"#),
            "{}",
            env.body
        );
        assert!(env.body.contains("&lt;b&gt;&amp;c"), "{}", env.body);
        assert!(env.body.ends_with("</Message></Error>"));
    }
}
