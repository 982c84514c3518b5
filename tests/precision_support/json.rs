//! Writes a JSON body again with another member order, other insignificant
//! whitespace and other string escapes (RFC 8259 §2, §4, §7), through
//! serde_json's own `Formatter` extension point.

use std::io::{self, Write};

use serde_json::ser::{Formatter, Serializer};
use serde_json::{Map, Value};

use super::variation::{Dim, Variation};

/// `value` written as `variation` says (member order, whitespace, escapes).
pub fn write(value: &Value, variation: &Variation) -> Vec<u8> {
    let value = reorder(value, variation.pick(Dim::JsonOrder));
    let spacing = SPACINGS[variation.pick(Dim::JsonSpace)];
    let formatter = Varied {
        spacing,
        escape: variation.pick(Dim::JsonEscape),
        depth: 0,
        has_value: false,
    };
    let mut out = spacing.before.as_bytes().to_vec();
    let mut serializer = Serializer::with_formatter(&mut out, formatter);
    serde::Serialize::serialize(&value, &mut serializer).expect("writing into a Vec");
    out.extend_from_slice(spacing.after.as_bytes());
    out
}

/// Every object's members in another order (choice 1 reversed, 2 rotated
/// by one), recursively; choice 0 keeps them.
pub fn reorder(value: &Value, choice: usize) -> Value {
    match value {
        Value::Object(map) => {
            let mut members: Vec<(&String, &Value)> = map.iter().collect();
            match choice {
                0 => {}
                1 => members.reverse(),
                _ if members.is_empty() => {}
                _ => members.rotate_left(1),
            }
            let map: Map<String, Value> = members
                .into_iter()
                .map(|(k, v)| (k.clone(), reorder(v, choice)))
                .collect();
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| reorder(v, choice)).collect()),
        other => other.clone(),
    }
}

/// Where insignificant whitespace goes.
#[derive(Clone, Copy)]
struct Spacing {
    /// Before and after the document.
    before: &'static str,
    after: &'static str,
    /// Line break and indent unit, or none (members on one line).
    newline: Option<(&'static str, &'static str)>,
    /// Inside the brackets when on one line.
    pad: &'static str,
    colon: &'static str,
    comma: &'static str,
}

/// Index-aligned with `Dim::JsonSpace`'s choices.
const SPACINGS: [Spacing; 4] = [
    Spacing {
        before: "",
        after: "",
        newline: None,
        pad: "",
        colon: ":",
        comma: ",",
    },
    Spacing {
        before: "",
        after: "\n",
        newline: Some(("\n", "  ")),
        pad: "",
        colon: ": ",
        comma: ",",
    },
    Spacing {
        before: " ",
        after: " ",
        newline: None,
        pad: " ",
        colon: " : ",
        comma: " , ",
    },
    Spacing {
        before: "\r\n ",
        after: "\r\n\t",
        newline: Some(("\r\n", "\t")),
        pad: "",
        colon: ":\t",
        comma: ",",
    },
];

struct Varied {
    spacing: Spacing,
    escape: usize,
    depth: usize,
    has_value: bool,
}

impl Varied {
    fn open<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth += 1;
        self.has_value = false;
        w.write_all(bracket)
    }

    fn close<W: ?Sized + Write>(&mut self, w: &mut W, bracket: &[u8]) -> io::Result<()> {
        self.depth -= 1;
        if self.has_value {
            self.line_or(w, self.spacing.pad)?;
        }
        w.write_all(bracket)
    }

    fn item<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        if !first {
            w.write_all(self.spacing.comma.as_bytes())?;
        }
        let pad = if first { self.spacing.pad } else { "" };
        self.line_or(w, pad)
    }

    /// A line break and the indent of the current depth, or else `pad`.
    fn line_or<W: ?Sized + Write>(&self, w: &mut W, pad: &str) -> io::Result<()> {
        match self.spacing.newline {
            Some((newline, indent)) => {
                w.write_all(newline.as_bytes())?;
                w.write_all(indent.repeat(self.depth).as_bytes())
            }
            None => w.write_all(pad.as_bytes()),
        }
    }
}

/// `\uXXXX` for each UTF-16 unit of `c`.
fn unicode_escape(c: char, upper: bool) -> String {
    let mut units = [0u16; 2];
    c.encode_utf16(&mut units)
        .iter()
        .map(|u| {
            if upper {
                format!("\\u{u:04X}")
            } else {
                format!("\\u{u:04x}")
            }
        })
        .collect()
}

impl Formatter for Varied {
    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"[")
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"]")
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.open(w, b"{")
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.close(w, b"}")
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.item(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        w.write_all(self.spacing.colon.as_bytes())
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, _w: &mut W) -> io::Result<()> {
        self.has_value = true;
        Ok(())
    }
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        w: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let text: String = match self.escape {
            0 => fragment.to_owned(),
            1 => fragment.replace('/', "\\/"),
            2 => fragment
                .chars()
                .map(|c| match c {
                    '/' => "\\/".to_owned(),
                    c if !c.is_ascii() => unicode_escape(c, true),
                    c => c.to_string(),
                })
                .collect(),
            _ => fragment.chars().map(|c| unicode_escape(c, false)).collect(),
        };
        w.write_all(text.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn sample() -> Value {
        json!({
            "RequestId": "R",
            "Code": "InvalidImageName.Malformed",
            "Message": "Nom d'image «café» / ünïcode 𝄞",
            "Nested": {"A": [1, "x/y"], "B": {}}
        })
    }

    fn written(dim: Dim, choice: usize) -> Vec<u8> {
        write(&sample(), &Variation::as_sent("R").with(dim, choice))
    }

    #[test]
    fn choice_zero_is_the_compact_unescaped_document() {
        assert_eq!(
            String::from_utf8(written(Dim::JsonOrder, 0)).unwrap(),
            serde_json::to_string(&sample()).unwrap()
        );
    }

    #[test]
    fn every_json_variant_changes_the_bytes_and_keeps_the_tree() {
        let plain = written(Dim::JsonOrder, 0);
        for dim in [Dim::JsonOrder, Dim::JsonSpace, Dim::JsonEscape] {
            for choice in 1..dim.choices().len() {
                let bytes = written(dim, choice);
                assert_ne!(bytes, plain, "{}: {}", dim.name(), dim.choices()[choice]);
                let reread: Value = serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                    panic!(
                        "{}: {e}\n{}",
                        dim.choices()[choice],
                        String::from_utf8_lossy(&bytes)
                    )
                });
                assert_eq!(reread, sample(), "{}", dim.choices()[choice]);
            }
        }
    }

    #[test]
    fn member_order_really_changes() {
        let keys = |dim_choice: usize| -> Vec<String> {
            let bytes = written(Dim::JsonOrder, dim_choice);
            let v: Value = serde_json::from_slice(&bytes).unwrap();
            v.as_object().unwrap().keys().cloned().collect()
        };
        assert_eq!(keys(0), ["RequestId", "Code", "Message", "Nested"]);
        assert_eq!(keys(1), ["Nested", "Message", "Code", "RequestId"]);
        assert_eq!(keys(2), ["Code", "Message", "Nested", "RequestId"]);
    }

    #[test]
    fn escapes_are_the_ones_named() {
        let text = |choice| String::from_utf8(written(Dim::JsonEscape, choice)).unwrap();
        assert!(text(1).contains("x\\/y"));
        assert!(text(2).contains("caf\\u00E9") && text(2).contains("\\uD834\\uDD1E"));
        assert!(text(3).contains("\"\\u0052\""), "{}", text(3));
        assert!(text(3).is_ascii());
    }

    #[test]
    fn whitespace_is_only_between_tokens() {
        let text = |choice| String::from_utf8(written(Dim::JsonSpace, choice)).unwrap();
        assert!(text(1).contains("\n  \"RequestId\": \"R\",\n"));
        assert!(text(2).starts_with(" { \"RequestId\" : \"R\" , "));
        assert!(text(3).starts_with("\r\n {\r\n\t\"RequestId\":\t\"R\",\r\n"));
        assert!(text(1).contains("\"B\": {}"), "an empty object stays empty");
    }
}
