//! Writes an XML body again with another declaration, whitespace between
//! elements, child order and text escapes (XML 1.0 §2.3, §2.4, §2.7, §2.8,
//! §4.1), from the tree the harness decodes it to.
//!
//! The tree (`wire::decode::Body`) keeps every element and its text; the
//! emulator's answers carry no attributes, comments or mixed content, so
//! nothing is lost by writing them again from it.

use createimage_contract::wire::decode::Body;
use quick_xml::escape::partial_escape;
use serde_json::Value;

use super::json::reorder;
use super::variation::{Dim, Variation};

/// Index-aligned with `Dim::XmlDeclaration`'s choices 1 to 5.
const DECLARATIONS: [&str; 5] = [
    "",
    r#"<?xml version="1.0" encoding="utf-8"?>"#,
    "<?xml version='1.0' encoding='utf-8' standalone='yes'?>",
    r#"<?xml version="1.0"?>"#,
    "\u{feff}<?xml version=\"1.0\" encoding=\"UTF-8\"?>",
];

/// `body` written as `variation` says; `declaration` is the one the answer
/// came with (kept by choice 0).
pub fn write(body: &Body, declaration: Option<&str>, variation: &Variation) -> Vec<u8> {
    let root = body.root.as_deref().unwrap_or("Response");
    let writer = XmlWriter {
        space: variation.pick(Dim::XmlSpace),
        escape: variation.pick(Dim::XmlEscape),
    };
    let mut out = match variation.pick(Dim::XmlDeclaration) {
        0 => declaration.unwrap_or("").to_owned(),
        choice => DECLARATIONS[choice - 1].to_owned(),
    };
    let value = reorder(&body.value, variation.pick(Dim::XmlOrder));
    if !out.is_empty() {
        out.push_str(writer.newline());
    }
    writer.element(&mut out, root, &value, 0);
    out.push_str(writer.newline());
    out.into_bytes()
}

/// The XML declaration a body starts with, if it has one.
pub fn declaration(text: &str) -> Option<&str> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if !text.starts_with("<?xml") {
        return None;
    }
    text.find("?>").map(|end| &text[..end + 2])
}

struct XmlWriter {
    space: usize,
    escape: usize,
}

impl XmlWriter {
    fn newline(&self) -> &'static str {
        ["", "\n", "\r\n"][self.space]
    }

    fn indent(&self, out: &mut String, depth: usize) {
        if self.space > 0 {
            out.push_str(self.newline());
            out.push_str(&["", "  ", "\t"][self.space].repeat(depth));
        }
    }

    fn element(&self, out: &mut String, name: &str, value: &Value, depth: usize) {
        out.push_str(&format!("<{name}>"));
        match value {
            Value::Object(members) if !members.is_empty() => {
                for (child, value) in members {
                    let items = match value {
                        Value::Array(items) => items.as_slice(),
                        single => std::slice::from_ref(single),
                    };
                    for item in items {
                        self.indent(out, depth + 1);
                        self.element(out, child, item, depth + 1);
                    }
                }
                self.indent(out, depth);
            }
            Value::Object(_) | Value::Null => {}
            Value::String(text) => self.text(out, text),
            other => self.text(out, &other.to_string()),
        }
        out.push_str(&format!("</{name}>"));
    }

    fn text(&self, out: &mut String, text: &str) {
        match self.escape {
            0 => out.push_str(&partial_escape(text)),
            1 => {
                for c in text.chars() {
                    match c {
                        '/' => out.push_str("&#x2F;"),
                        c if !c.is_ascii() => out.push_str(&format!("&#x{:X};", u32::from(c))),
                        c => out.push_str(&partial_escape(c.to_string())),
                    }
                }
            }
            2 if !text.is_empty() => {
                out.push_str("<![CDATA[");
                out.push_str(&text.replace("]]>", "]]]]><![CDATA[>"));
                out.push_str("]]>");
            }
            2 => {}
            _ => {
                for c in text.chars() {
                    out.push_str(&format!("&#{};", u32::from(c)));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use createimage_contract::wire::decode::decode_xml;

    const ERROR: &str = r#"<?xml version="1.0" encoding="UTF-8"?><Error><RequestId>R</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>A.B</Code><Message>a &lt;b&gt; &amp; c/d «é» ]]&gt; 𝄞</Message><Tags><Tag>1</Tag><Tag>2</Tag></Tags><Empty></Empty></Error>"#;

    fn written(dim: Dim, choice: usize) -> Vec<u8> {
        let body = decode_xml(ERROR.as_bytes()).unwrap();
        write(
            &body,
            declaration(ERROR),
            &Variation::as_sent("R").with(dim, choice),
        )
    }

    #[test]
    fn choice_zero_writes_the_answer_as_it_came() {
        let text = String::from_utf8(written(Dim::XmlOrder, 0)).unwrap();
        assert_eq!(text, ERROR);
    }

    #[test]
    fn every_xml_variant_changes_the_bytes_and_keeps_the_tree() {
        let original = decode_xml(ERROR.as_bytes()).unwrap();
        let plain = written(Dim::XmlOrder, 0);
        for dim in [
            Dim::XmlDeclaration,
            Dim::XmlSpace,
            Dim::XmlOrder,
            Dim::XmlEscape,
        ] {
            for choice in 1..dim.choices().len() {
                let bytes = written(dim, choice);
                let what = format!("{}: {}", dim.name(), dim.choices()[choice]);
                assert_ne!(bytes, plain, "{what}");
                let reread = decode_xml(&bytes)
                    .unwrap_or_else(|e| panic!("{what}: {e}\n{}", String::from_utf8_lossy(&bytes)));
                assert_eq!(reread, original, "{what}");
            }
        }
    }

    #[test]
    fn children_change_order_and_repeated_ones_keep_theirs() {
        let text = String::from_utf8(written(Dim::XmlOrder, 1)).unwrap();
        assert!(text.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?><Error><Empty></Empty><Tags><Tag>1</Tag><Tag>2</Tag></Tags><Message>"#), "{text}");
    }

    #[test]
    fn whitespace_goes_between_elements_only() {
        let text = String::from_utf8(written(Dim::XmlSpace, 2)).unwrap();
        assert!(
            text.contains("<Error>\r\n\t<RequestId>R</RequestId>\r\n\t<HostId>"),
            "{text}"
        );
        assert!(text.contains("<Tags>\r\n\t\t<Tag>1</Tag>"), "{text}");
    }

    #[test]
    fn escapes_are_the_ones_named() {
        let text = |choice| String::from_utf8(written(Dim::XmlEscape, choice)).unwrap();
        assert!(
            text(1).contains("c&#x2F;d &#xAB;&#xE9;&#xBB;"),
            "{}",
            text(1)
        );
        assert!(
            text(2).contains("<![CDATA[a <b> & c/d «é» ]]]]><![CDATA[> 𝄞]]>"),
            "{}",
            text(2)
        );
        assert!(
            text(3).contains("<Code>&#65;&#46;&#66;</Code>"),
            "{}",
            text(3)
        );
    }

    #[test]
    fn the_declaration_is_read_from_the_start() {
        assert_eq!(
            declaration(ERROR),
            Some(r#"<?xml version="1.0" encoding="UTF-8"?>"#)
        );
        assert_eq!(declaration("<R/>"), None);
        assert_eq!(declaration("<?xml version"), None);
    }
}
