//! Decoding an answer body, JSON or XML, into one tree ([`Body`]) so that a
//! single expectation checks both formats alike.
//!
//! JSON decodes as it is. XML maps onto the same shape: the root element's
//! name goes to [`Body::root`] and its children become an object; an element
//! holding only text is a string, an empty element is `""`, an element with
//! children is an object, and a child name that repeats becomes an array of
//! its values in order. Attributes, comments, processing instructions and the
//! declaration are ignored. So
//!
//! ```text
//! <CreateImageResponse><RequestId>R</RequestId><ImageId>m-1</ImageId></CreateImageResponse>
//! {"RequestId":"R","ImageId":"m-1"}
//! ```
//!
//! decode to the same `value`. XML carries no types, so every leaf is a string.
//!
//! Nothing here panics on any input: every fault is a [`DecodeError`] whose
//! one-line message names it, and nesting deeper than [`MAX_DEPTH`] is
//! refused before it can exhaust the stack.

use quick_xml::Reader;
use quick_xml::errors::{Error as XmlError, SyntaxError};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::Event;
use serde_json::{Map, Value};

/// The deepest nesting accepted: containers for JSON, elements for XML
/// (`{"a":1}` and `<R><a>1</a></R>` are both one level below the root,
/// depth 1 and 2 respectively counting the root).
pub const MAX_DEPTH: usize = 64;

/// A decoded answer body.
#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    /// The XML root element's name (`CreateImageResponse`, `Error`); `None`
    /// for JSON.
    pub root: Option<String>,
    /// The body tree: the whole JSON document, or the XML root's content.
    pub value: Value,
}

/// Why a body could not be decoded.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DecodeError {
    /// No bytes, or only whitespace.
    #[error("empty body")]
    Empty,
    /// The bytes are not UTF-8.
    #[error("body is not valid UTF-8 at byte {offset}")]
    InvalidUtf8 {
        /// Offset of the first byte that is not part of valid UTF-8.
        offset: usize,
    },
    /// Malformed JSON; the message is serde_json's and ends with the position.
    #[error("invalid JSON: {message}")]
    InvalidJson {
        message: String,
        line: usize,
        column: usize,
    },
    /// JSON that stops before the document is complete.
    #[error("truncated JSON: {message}")]
    TruncatedJson {
        message: String,
        line: usize,
        column: usize,
    },
    /// Malformed XML.
    #[error("invalid XML at line {line}, column {column}: {message}")]
    InvalidXml {
        message: String,
        line: usize,
        column: usize,
    },
    /// XML that stops before the root element is closed.
    #[error("truncated XML at line {line}, column {column}: {message}")]
    TruncatedXml {
        message: String,
        line: usize,
        column: usize,
    },
    /// Nesting deeper than [`MAX_DEPTH`].
    #[error("body nests deeper than {limit} levels")]
    TooDeep { limit: usize },
    /// The content type or the first byte says the body is something else
    /// (an HTML error page from a proxy, plain text, …).
    #[error("body is neither JSON nor XML (content type `{content_type}`, starts with {start:?})")]
    NeitherJsonNorXml {
        /// The `Content-Type` header, or `none`.
        content_type: String,
        /// The first few characters of the body.
        start: String,
    },
}

/// Decodes `bytes` by `content_type`: `application/json` and `text/json` (and
/// any `+json`) as JSON, `text/xml` and `application/xml` (and any `+xml`) as
/// XML, parameters such as `;charset=utf-8` ignored. An HTML content type is
/// an error. With no content type, or another one, the first non-whitespace
/// byte decides: `{` or `[` is JSON, `<` is XML, anything else is an error.
pub fn decode(content_type: Option<&str>, bytes: &[u8]) -> Result<Body, DecodeError> {
    if bytes.trim_ascii().is_empty() {
        return Err(DecodeError::Empty);
    }
    let neither = || DecodeError::NeitherJsonNorXml {
        content_type: content_type.unwrap_or("none").to_owned(),
        start: excerpt(bytes),
    };
    match content_type.map(media_kind) {
        Some(MediaKind::Json) => decode_json(bytes),
        Some(MediaKind::Xml) => decode_xml(bytes),
        Some(MediaKind::Html) => Err(neither()),
        Some(MediaKind::Other) | None => match first_significant_byte(bytes) {
            Some(b'{' | b'[') => decode_json(bytes),
            Some(b'<') => decode_xml(bytes),
            _ => Err(neither()),
        },
    }
}

/// Decodes a JSON body; [`Body::root`] is `None`.
pub fn decode_json(bytes: &[u8]) -> Result<Body, DecodeError> {
    let text = utf8_text(bytes)?;
    let value: Value = serde_json::from_str(text).map_err(json_error)?;
    if json_depth(&value) > MAX_DEPTH {
        return Err(DecodeError::TooDeep { limit: MAX_DEPTH });
    }
    Ok(Body { root: None, value })
}

/// Decodes an XML body: the root element's name and its content (see the
/// module docs for the mapping).
pub fn decode_xml(bytes: &[u8]) -> Result<Body, DecodeError> {
    let text = utf8_text(bytes)?;
    XmlTree::new(text).build()
}

enum MediaKind {
    Json,
    Xml,
    Html,
    Other,
}

fn media_kind(content_type: &str) -> MediaKind {
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match essence.as_str() {
        "application/json" | "text/json" => MediaKind::Json,
        "text/xml" | "application/xml" => MediaKind::Xml,
        "text/html" | "application/xhtml+xml" => MediaKind::Html,
        other if other.ends_with("+json") => MediaKind::Json,
        other if other.ends_with("+xml") => MediaKind::Xml,
        _ => MediaKind::Other,
    }
}

fn first_significant_byte(bytes: &[u8]) -> Option<u8> {
    let bytes = bytes.strip_prefix(UTF8_BOM.as_bytes()).unwrap_or(bytes);
    bytes.iter().copied().find(|b| !b.is_ascii_whitespace())
}

const UTF8_BOM: &str = "\u{feff}";

fn excerpt(bytes: &[u8]) -> String {
    let head = &bytes[..bytes.len().min(64)];
    String::from_utf8_lossy(head)
        .trim_start()
        .chars()
        .take(24)
        .collect()
}

/// The body as text, without a leading byte order mark; whitespace only is empty.
fn utf8_text(bytes: &[u8]) -> Result<&str, DecodeError> {
    let text = std::str::from_utf8(bytes).map_err(|err| DecodeError::InvalidUtf8 {
        offset: err.valid_up_to(),
    })?;
    let text = text.strip_prefix(UTF8_BOM).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(DecodeError::Empty);
    }
    Ok(text)
}

fn json_error(err: serde_json::Error) -> DecodeError {
    let (message, line, column) = (err.to_string(), err.line(), err.column());
    if err.is_eof() {
        DecodeError::TruncatedJson {
            message,
            line,
            column,
        }
    } else if message.starts_with("recursion limit exceeded") {
        // serde_json stops at its own (deeper) limit before the stack is at risk.
        DecodeError::TooDeep { limit: MAX_DEPTH }
    } else {
        DecodeError::InvalidJson {
            message,
            line,
            column,
        }
    }
}

/// Depth of the deepest container (a scalar is 0, `{}` is 1), without recursion.
fn json_depth(value: &Value) -> usize {
    let mut deepest = 0;
    let mut pending = vec![(value, 0)];
    while let Some((value, depth)) = pending.pop() {
        let children: Box<dyn Iterator<Item = &Value>> = match value {
            Value::Array(items) => Box::new(items.iter()),
            Value::Object(map) => Box::new(map.values()),
            _ => continue,
        };
        deepest = deepest.max(depth + 1);
        pending.extend(children.map(|child| (child, depth + 1)));
    }
    deepest
}

/// An element being read: its name, the children seen so far, its text.
struct OpenElement {
    name: String,
    children: Map<String, Value>,
    text: String,
}

impl OpenElement {
    fn new(name: String) -> Self {
        OpenElement {
            name,
            children: Map::new(),
            text: String::new(),
        }
    }

    /// The element's value: its children if it has any (text between them is
    /// dropped), else its text (`""` when empty).
    fn into_value(self) -> (String, Value) {
        let value = if self.children.is_empty() {
            Value::String(self.text)
        } else {
            Value::Object(self.children)
        };
        (self.name, value)
    }

    fn add_child(&mut self, name: String, value: Value) {
        match self.children.get_mut(&name) {
            Some(Value::Array(values)) => values.push(value),
            Some(existing) => {
                let first = existing.take();
                *existing = Value::Array(vec![first, value]);
            }
            None => {
                self.children.insert(name, value);
            }
        }
    }
}

/// Builds a [`Body`] from XML text with an explicit stack of open elements,
/// so depth is bounded by [`MAX_DEPTH`] rather than by the call stack.
struct XmlTree<'a> {
    text: &'a str,
    reader: Reader<&'a [u8]>,
    open: Vec<OpenElement>,
    done: Option<Body>,
}

impl<'a> XmlTree<'a> {
    fn new(text: &'a str) -> Self {
        XmlTree {
            text,
            reader: Reader::from_str(text),
            open: Vec::new(),
            done: None,
        }
    }

    fn build(mut self) -> Result<Body, DecodeError> {
        loop {
            let event = match self.reader.read_event() {
                Ok(event) => event,
                Err(err) => return Err(self.reader_error(&err)),
            };
            match event {
                Event::Start(start) => {
                    let name = self.element_name(start.name().as_ref())?;
                    self.open_element(name)?;
                }
                Event::Empty(start) => {
                    let name = self.element_name(start.name().as_ref())?;
                    self.open_element(name)?;
                    self.close_element()?;
                }
                Event::End(_) => self.close_element()?,
                Event::Text(text) => {
                    let text = text
                        .xml10_content()
                        .map_err(|err| self.invalid(err.to_string()))?;
                    self.add_text(&text)?;
                }
                Event::CData(cdata) => {
                    let text = cdata
                        .decode()
                        .map_err(|err| self.invalid(err.to_string()))?;
                    self.add_text(&text)?;
                }
                Event::GeneralRef(reference) => {
                    let resolved = match reference.resolve_char_ref() {
                        Ok(Some(ch)) => ch.to_string(),
                        Ok(None) => {
                            let name = reference
                                .decode()
                                .map_err(|err| self.invalid(err.to_string()))?;
                            resolve_predefined_entity(&name)
                                .ok_or_else(|| self.invalid(format!("unknown entity `&{name};`")))?
                                .to_owned()
                        }
                        Err(err) => return Err(self.invalid(err.to_string())),
                    };
                    self.add_text(&resolved)?;
                }
                Event::Comment(_) | Event::Decl(_) | Event::PI(_) | Event::DocType(_) => {}
                Event::Eof => return self.finish(),
            }
        }
    }

    fn element_name(&self, raw: &[u8]) -> Result<String, DecodeError> {
        std::str::from_utf8(raw)
            .map(str::to_owned)
            .map_err(|_| self.invalid("element name is not UTF-8".to_owned()))
    }

    fn open_element(&mut self, name: String) -> Result<(), DecodeError> {
        if self.done.is_some() {
            return Err(self.invalid(format!(
                "element <{name}> after the root element has closed"
            )));
        }
        if self.open.len() >= MAX_DEPTH {
            return Err(DecodeError::TooDeep { limit: MAX_DEPTH });
        }
        self.open.push(OpenElement::new(name));
        Ok(())
    }

    fn close_element(&mut self) -> Result<(), DecodeError> {
        let element = self
            .open
            .pop()
            .ok_or_else(|| self.invalid("end tag without a start tag".to_owned()))?;
        let (name, value) = element.into_value();
        match self.open.last_mut() {
            Some(parent) => parent.add_child(name, value),
            None => {
                // The root's content is always an object, even when empty;
                // a root holding only text keeps it as a string.
                let value = match value {
                    Value::String(text) if text.trim().is_empty() => Value::Object(Map::new()),
                    other => other,
                };
                self.done = Some(Body {
                    root: Some(name),
                    value,
                });
            }
        }
        Ok(())
    }

    fn add_text(&mut self, text: &str) -> Result<(), DecodeError> {
        match self.open.last_mut() {
            Some(element) => {
                element.text.push_str(text);
                Ok(())
            }
            None if text.trim().is_empty() => Ok(()),
            None if self.done.is_some() => {
                Err(self.invalid("text after the root element".to_owned()))
            }
            None => Err(self.invalid("text before the root element".to_owned())),
        }
    }

    fn finish(&mut self) -> Result<Body, DecodeError> {
        if let Some(element) = self.open.last() {
            let message = format!("element <{}> is not closed", element.name);
            return Err(self.truncated(message));
        }
        self.done
            .take()
            .ok_or_else(|| self.invalid("no root element".to_owned()))
    }

    fn reader_error(&self, err: &XmlError) -> DecodeError {
        match err {
            XmlError::Syntax(
                SyntaxError::UnclosedTag
                | SyntaxError::UnclosedComment
                | SyntaxError::UnclosedCData
                | SyntaxError::UnclosedPI
                | SyntaxError::UnclosedXmlDecl
                | SyntaxError::UnclosedDoctype
                | SyntaxError::UnclosedSingleQuotedAttributeValue
                | SyntaxError::UnclosedDoubleQuotedAttributeValue,
            ) => self.truncated(err.to_string()),
            _ => {
                let (line, column) = line_column(self.text, self.reader.error_position());
                DecodeError::InvalidXml {
                    message: err.to_string(),
                    line,
                    column,
                }
            }
        }
    }

    fn invalid(&self, message: String) -> DecodeError {
        let (line, column) = line_column(self.text, self.reader.buffer_position());
        DecodeError::InvalidXml {
            message,
            line,
            column,
        }
    }

    fn truncated(&self, message: String) -> DecodeError {
        let (line, column) = line_column(self.text, self.text.len() as u64);
        DecodeError::TruncatedXml {
            message,
            line,
            column,
        }
    }
}

/// 1-based line and column (in characters) of a byte offset into `text`.
fn line_column(text: &str, offset: u64) -> (usize, usize) {
    let offset = usize::try_from(offset)
        .unwrap_or(usize::MAX)
        .min(text.len());
    let before = text.as_bytes().get(..offset).unwrap_or_default();
    let before = String::from_utf8_lossy(before);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, column)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    const SUCCESS_JSON: &str = r#"{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","ImageId":"m-bp146shijn7hujku****"}"#;
    const SUCCESS_XML: &str = "<CreateImageResponse><RequestId>C8B26B44-0189-443E-9816-D951F59623A9</RequestId>\
         <ImageId>m-bp146shijn7hujku****</ImageId></CreateImageResponse>";
    const ERROR_JSON: &str = r#"{"RequestId":"81EF1E7D-0D15-5CAF-B602-3487FAFA88D5","HostId":"ecs.cn-hangzhou.aliyuncs.com","Code":"InvalidInstanceId.NotFound","Message":"The specified InstanceId does not exist.","Recommend":"https://api.aliyun.com/troubleshoot?q=InvalidInstanceId.NotFound&product=Ecs&requestId=81EF1E7D-0D15-5CAF-B602-3487FAFA88D5"}"#;
    const ERROR_XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>81EF1E7D-0D15-5CAF-B602-3487FAFA88D5</RequestId><HostId>ecs.cn-hangzhou.aliyuncs.com</HostId><Code>InvalidInstanceId.NotFound</Code><Message>The specified InstanceId does not exist.</Message></Error>"#;

    fn xml(text: &str) -> Result<Body, DecodeError> {
        decode_xml(text.as_bytes())
    }

    #[test]
    fn success_envelope_decodes_alike_from_json_and_xml() {
        let from_json = decode(
            Some("application/json;charset=utf-8"),
            SUCCESS_JSON.as_bytes(),
        )
        .unwrap();
        let from_xml = decode(Some("text/xml;charset=utf-8"), SUCCESS_XML.as_bytes()).unwrap();
        assert_eq!(from_json.root, None);
        assert_eq!(from_xml.root.as_deref(), Some("CreateImageResponse"));
        assert_eq!(from_json.value, from_xml.value);
        assert_eq!(
            from_xml.value,
            json!({"RequestId": "C8B26B44-0189-443E-9816-D951F59623A9", "ImageId": "m-bp146shijn7hujku****"})
        );
    }

    #[test]
    fn error_envelope_decodes_alike_from_json_and_xml() {
        let from_json = decode(Some("application/json"), ERROR_JSON.as_bytes()).unwrap();
        let from_xml = decode(Some("text/xml"), ERROR_XML.as_bytes()).unwrap();
        assert_eq!(from_xml.root.as_deref(), Some("Error"));
        for field in ["RequestId", "HostId", "Code", "Message"] {
            assert_eq!(from_json.value[field], from_xml.value[field], "{field}");
        }
        assert_eq!(from_xml.value["Code"], "InvalidInstanceId.NotFound");
        assert!(from_json.value["Recommend"].is_string());
    }

    #[test]
    fn content_type_parameters_and_case_are_ignored() {
        assert!(
            decode(
                Some("Application/JSON; charset=UTF-8"),
                SUCCESS_JSON.as_bytes()
            )
            .is_ok()
        );
        assert!(decode(Some("application/xml"), SUCCESS_XML.as_bytes()).is_ok());
        assert!(decode(Some("text/json"), SUCCESS_JSON.as_bytes()).is_ok());
    }

    #[test]
    fn without_content_type_the_first_byte_decides() {
        let json = decode(None, format!("  \n{SUCCESS_JSON}").as_bytes()).unwrap();
        assert_eq!(json.root, None);
        let xml = decode(Some("application/octet-stream"), SUCCESS_XML.as_bytes()).unwrap();
        assert_eq!(xml.root.as_deref(), Some("CreateImageResponse"));
        assert!(matches!(
            decode(None, b"Service Unavailable"),
            Err(DecodeError::NeitherJsonNorXml { content_type, start })
                if content_type == "none" && start == "Service Unavailable"
        ));
    }

    #[test]
    fn html_error_page_is_an_error_even_when_well_formed() {
        let page = b"<html><body><h1>502 Bad Gateway</h1></body></html>";
        let err = decode(Some("text/html; charset=utf-8"), page).unwrap_err();
        assert!(matches!(err, DecodeError::NeitherJsonNorXml { .. }));
        assert_eq!(
            err.to_string(),
            "body is neither JSON nor XML (content type `text/html; charset=utf-8`, \
             starts with \"<html><body><h1>502 Bad \")"
        );
    }

    #[test]
    fn json_content_type_wins_over_sniffing() {
        assert!(matches!(
            decode(Some("application/json"), SUCCESS_XML.as_bytes()),
            Err(DecodeError::InvalidJson {
                line: 1,
                column: 1,
                ..
            })
        ));
    }

    #[test]
    fn empty_or_blank_body_is_empty() {
        assert_eq!(
            decode(Some("application/json"), b""),
            Err(DecodeError::Empty)
        );
        assert_eq!(decode(None, b" \r\n\t"), Err(DecodeError::Empty));
        assert_eq!(decode_json(b"  "), Err(DecodeError::Empty));
        assert_eq!(decode_xml(b""), Err(DecodeError::Empty));
    }

    #[test]
    fn invalid_utf8_names_the_byte_offset() {
        let err = decode(Some("application/json"), b"{\"a\":\"\xff\"}").unwrap_err();
        assert_eq!(err, DecodeError::InvalidUtf8 { offset: 6 });
        assert_eq!(err.to_string(), "body is not valid UTF-8 at byte 6");
        assert_eq!(
            decode_xml(b"<R>\xc3</R>"),
            Err(DecodeError::InvalidUtf8 { offset: 3 })
        );
    }

    #[test]
    fn truncated_json_is_reported_as_truncated_with_position() {
        let err = decode_json(br#"{"RequestId":"abc","Ima"#).unwrap_err();
        assert!(
            matches!(&err, DecodeError::TruncatedJson { line: 1, .. }),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .starts_with("truncated JSON: EOF while parsing")
        );
    }

    #[test]
    fn invalid_json_carries_serde_message_and_position() {
        let err = decode_json(b"{\n  \"a\": tru }").unwrap_err();
        assert!(
            matches!(&err, DecodeError::InvalidJson { line: 2, .. }),
            "{err:?}"
        );
        assert!(err.to_string().starts_with("invalid JSON: "));
        assert!(matches!(
            decode_json(b"{} {}"),
            Err(DecodeError::InvalidJson { .. })
        ));
    }

    #[test]
    fn truncated_xml_inside_an_element_is_reported_as_truncated() {
        let err = xml("<CreateImageResponse><RequestId>abc</RequestId><ImageId>m-1").unwrap_err();
        assert_eq!(
            err,
            DecodeError::TruncatedXml {
                message: "element <ImageId> is not closed".into(),
                line: 1,
                column: 60,
            }
        );
    }

    #[test]
    fn truncated_xml_inside_a_tag_is_reported_as_truncated() {
        let err = xml("<CreateImageResponse><RequestId>abc</Req").unwrap_err();
        assert!(matches!(err, DecodeError::TruncatedXml { .. }), "{err:?}");
    }

    #[test]
    fn xml_entities_and_character_references_are_unescaped() {
        let body = xml(
            "<Error><Message>a &amp; b &lt;c&gt; &quot;d&quot; &apos;e&apos; &#38; &#x26;</Message></Error>",
        )
        .unwrap();
        assert_eq!(body.value["Message"], r#"a & b <c> "d" 'e' & &"#);
    }

    #[test]
    fn xml_cdata_is_kept_verbatim() {
        let body = xml("<R><M><![CDATA[a & <b>]]></M></R>").unwrap();
        assert_eq!(body.value["M"], "a & <b>");
    }

    #[test]
    fn unknown_xml_entity_is_an_error() {
        assert!(matches!(
            xml("<R><M>&nbsp;</M></R>"),
            Err(DecodeError::InvalidXml { message, .. }) if message.contains("&nbsp;")
        ));
    }

    #[test]
    fn repeated_xml_elements_become_an_array_in_order() {
        let body = xml(
            "<R><Tags><Tag><Key>a</Key></Tag><Tag><Key>b</Key></Tag><Tag><Key>c</Key></Tag></Tags><Id>1</Id></R>",
        )
        .unwrap();
        assert_eq!(
            body.value,
            json!({"Tags": {"Tag": [{"Key": "a"}, {"Key": "b"}, {"Key": "c"}]}, "Id": "1"})
        );
    }

    #[test]
    fn empty_xml_elements_are_empty_strings_and_attributes_are_ignored() {
        let body = xml(r#"<R a="1"><A/><B></B><C x="y">v</C></R>"#).unwrap();
        assert_eq!(body.value, json!({"A": "", "B": "", "C": "v"}));
        assert_eq!(xml("<R/>").unwrap().value, json!({}));
    }

    #[test]
    fn pretty_printed_xml_ignores_whitespace_between_children() {
        let body = xml(
            "<?xml version=\"1.0\"?>\n<!-- note -->\n<R>\n  <A>x</A>\n  <?pi data?>\n  <B>\n    <C> y </C>\n  </B>\n</R>\n",
        )
        .unwrap();
        assert_eq!(body.value, json!({"A": "x", "B": {"C": " y "}}));
    }

    #[test]
    fn xml_after_the_root_is_an_error() {
        assert!(matches!(
            xml("<R><A>1</A></R><R2/>"),
            Err(DecodeError::InvalidXml { message, .. }) if message.contains("<R2>")
        ));
        assert!(matches!(
            xml("<R/>trailing"),
            Err(DecodeError::InvalidXml { message, .. }) if message == "text after the root element"
        ));
        assert!(matches!(
            xml("junk<R/>"),
            Err(DecodeError::InvalidXml { .. })
        ));
    }

    #[test]
    fn mismatched_xml_end_tag_is_an_error_with_position() {
        let err = xml("<R>\n<A>1</B></R>").unwrap_err();
        assert!(
            matches!(&err, DecodeError::InvalidXml { line: 2, .. }),
            "{err:?}"
        );
    }

    #[test]
    fn xml_without_a_root_element_is_an_error() {
        assert!(matches!(
            xml("<?xml version=\"1.0\"?><!-- nothing -->"),
            Err(DecodeError::InvalidXml { message, .. }) if message == "no root element"
        ));
    }

    #[test]
    fn json_nesting_up_to_the_limit_is_accepted_and_beyond_is_refused() {
        let nested = |depth: usize| format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        assert!(decode_json(nested(MAX_DEPTH).as_bytes()).is_ok());
        assert_eq!(
            decode_json(nested(MAX_DEPTH + 1).as_bytes()),
            Err(DecodeError::TooDeep { limit: MAX_DEPTH })
        );
        assert_eq!(
            decode_json(nested(200_000).as_bytes()),
            Err(DecodeError::TooDeep { limit: MAX_DEPTH })
        );
    }

    #[test]
    fn xml_nesting_up_to_the_limit_is_accepted_and_beyond_is_refused() {
        let nested = |depth: usize| format!("{}{}", "<a>".repeat(depth), "</a>".repeat(depth));
        assert!(xml(&nested(MAX_DEPTH)).is_ok());
        assert_eq!(
            xml(&nested(MAX_DEPTH + 1)),
            Err(DecodeError::TooDeep { limit: MAX_DEPTH })
        );
        assert_eq!(
            xml(&nested(200_000)),
            Err(DecodeError::TooDeep { limit: MAX_DEPTH })
        );
    }

    #[test]
    fn byte_order_mark_is_skipped() {
        let body = decode(None, format!("\u{feff}{SUCCESS_JSON}").as_bytes()).unwrap();
        assert_eq!(body.value["ImageId"], "m-bp146shijn7hujku****");
        assert!(decode(None, format!("\u{feff}{SUCCESS_XML}").as_bytes()).is_ok());
    }

    #[test]
    fn arbitrary_bytes_never_panic() {
        let samples: [&[u8]; 9] = [
            b"<",
            b"<a",
            b"<a>&",
            b"<a>&#xFFFFFFFF;</a>",
            b"<a>&#0;</a>",
            b"{\"",
            b"[1,",
            b"<a></a></a>",
            b"<\xff>",
        ];
        for sample in samples {
            let _ = decode(None, sample);
            let _ = decode_xml(sample);
            let _ = decode_json(sample);
        }
    }
}
