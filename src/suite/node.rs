//! The spanned YAML tree: a case file as read by serde-saphyr, before it is
//! given any meaning.
//!
//! [`parse`] turns text into a [`Node`] tree in which every map key, map value
//! and list item keeps its 1-based line and column. The loader then walks the
//! tree by hand, so that one bad value never hides the next: every problem of
//! a file can be reported in one go.
//!
//! The YAML is read with YAML 1.2 core scalars: `yes`, `no`, `on`, `off` stay
//! strings, as do numbers with leading zeros or underscores (`007`, `1_000`).
//! Duplicate keys are kept (the loader reports them with both positions).

use std::fmt;

use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, NonFiniteFloatPolicy, Options, Spanned};

/// A 1-based line and column (in characters) within one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.column)
    }
}

/// One YAML node and where it starts.
#[derive(Clone, Debug)]
pub struct Node {
    pub value: Value,
    pub pos: Pos,
    /// The node's byte range in the source, when the parser knows it.
    bytes: Option<(usize, usize)>,
}

/// What a node holds.
#[derive(Clone, Debug)]
pub enum Value {
    /// Entries in file order, duplicates included.
    Map(Vec<(Node, Node)>),
    Seq(Vec<Node>),
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
}

impl Value {
    /// The kind of value with its article, for messages: `a map`, `an integer`.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Map(_) => "a map",
            Value::Seq(_) => "a list",
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Null => "null",
        }
    }
}

impl Node {
    /// How a scalar was written: the string itself, or the source spelling of
    /// a number or boolean (`0x10`, `1.50`, `True`). `None` for maps, lists
    /// and null.
    pub fn scalar_text(&self, source: &str) -> Option<String> {
        let spelled = || {
            self.bytes
                .and_then(|(start, len)| source.get(start..start.checked_add(len)?))
                .map(str::to_owned)
        };
        match &self.value {
            Value::Str(s) => Some(s.clone()),
            Value::Int(i) => Some(spelled().unwrap_or_else(|| i.to_string())),
            Value::Float(f) => Some(spelled().unwrap_or_else(|| f.to_string())),
            Value::Bool(b) => Some(spelled().unwrap_or_else(|| b.to_string())),
            Value::Map(_) | Value::Seq(_) | Value::Null => None,
        }
    }

    /// Whether the node's source text starts with `{{`: an unquoted template,
    /// which YAML reads as a map inside a map.
    pub fn is_unquoted_template(&self, source: &str) -> bool {
        matches!(self.value, Value::Map(_))
            && self
                .bytes
                .and_then(|(start, _)| source.get(start..))
                .is_some_and(|text| text.starts_with("{{"))
    }
}

/// A file that is not valid YAML.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
    pub pos: Option<Pos>,
    pub message: String,
}

/// Reads one YAML document into a spanned tree.
pub fn parse(text: &str) -> Result<Node, SyntaxError> {
    let mut options = Options::default();
    options.duplicate_keys = DuplicateKeyPolicy::PassThrough;
    options.strict_booleans = true;
    options.leading_zero_numbers_as_strings = true;
    options.underscored_numbers_as_strings = true;
    options.non_finite_float_policy = NonFiniteFloatPolicy::AsString;
    serde_saphyr::from_str_with_options::<Node>(text, options).map_err(|err| {
        let pos = err
            .location()
            .and_then(|loc| pos_of(loc.line(), loc.column()));
        SyntaxError {
            pos,
            message: bare_message(&err.without_snippet().to_string()),
        }
    })
}

/// serde-saphyr ends its plain messages with ` at line L, column C`; the
/// position is reported separately, so drop it.
fn bare_message(message: &str) -> String {
    let message = message.trim();
    if let Some((head, tail)) = message.rsplit_once(" at line ") {
        let is_position = tail
            .split_once(", column ")
            .is_some_and(|(l, c)| l.parse::<u64>().is_ok() && c.parse::<u64>().is_ok());
        if is_position {
            return head.to_owned();
        }
    }
    message.to_owned()
}

fn pos_of(line: u64, column: u64) -> Option<Pos> {
    let line = u32::try_from(line).ok().filter(|l| *l > 0)?;
    let column = u32::try_from(column).ok()?.max(1);
    Some(Pos { line, column })
}

impl<'de> Deserialize<'de> for Node {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Node, D::Error> {
        let spanned = Spanned::<Value>::deserialize(deserializer)?;
        let loc = spanned.referenced;
        let span = loc.span();
        let bytes = match (span.byte_offset(), span.byte_len()) {
            (Some(start), Some(len)) => usize::try_from(start).ok().zip(usize::try_from(len).ok()),
            _ => None,
        };
        Ok(Node {
            value: spanned.value,
            pos: pos_of(loc.line(), loc.column()).unwrap_or(Pos { line: 1, column: 1 }),
            bytes,
        })
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_i128<E>(self, v: i128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_u128<E>(self, v: u128) -> Result<Value, E> {
        Ok(i64::try_from(v).map_or(Value::Float(v as f64), Value::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Float(v))
    }
    fn visit_char<E>(self, v: char) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }
    fn visit_bytes<E>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Str(String::from_utf8_lossy(v).into_owned()))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }
    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<Value, D::Error> {
        Value::deserialize(deserializer)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element::<Node>()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<Node>()? {
            let value = map.next_value::<Node>()?;
            entries.push((key, value));
        }
        Ok(Value::Map(entries))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    fn entries(node: &Node) -> &[(Node, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            other => panic!("expected a map, found {other:?}"),
        }
    }

    #[test]
    fn nested_keys_and_values_keep_their_line_and_column() {
        let text = "area: X\ncases:\n  - id: a\n    request:\n      ImageName: b\n";
        let root = parse(text).unwrap();
        let top = entries(&root);
        assert_eq!(top[1].0.pos, at(2, 1));
        let Value::Seq(cases) = &top[1].1.value else {
            panic!("cases is not a list")
        };
        let case = entries(&cases[0]);
        assert_eq!(cases[0].pos, at(3, 5));
        assert_eq!(case[0].1.pos, at(3, 9));
        assert_eq!(case[1].0.pos, at(4, 5));
        let request = entries(&case[1].1);
        assert_eq!(request[0].0.pos, at(5, 7));
        assert_eq!(request[0].1.pos, at(5, 18));
    }

    #[test]
    fn flow_maps_keep_positions_of_their_keys() {
        let root = parse("expect: { status: 400, body: { ImageId: x } }\n").unwrap();
        let expect = entries(&entries(&root)[0].1);
        assert_eq!(expect[0].0.pos, at(1, 11));
        assert_eq!(expect[1].0.pos, at(1, 24));
        assert_eq!(entries(&expect[1].1)[0].1.pos, at(1, 41));
    }

    #[test]
    fn duplicate_keys_are_kept_for_the_loader_to_report() {
        let root = parse("a: 1\na: 2\n").unwrap();
        let top = entries(&root);
        assert_eq!(top.len(), 2);
        assert_eq!(top[1].0.pos, at(2, 1));
    }

    #[test]
    fn scalars_keep_their_source_spelling() {
        let text = "a: 0x10\nb: 1.50\nc: 007\nd: yes\ne: True\n";
        let root = parse(text).unwrap();
        let spelled: Vec<String> = entries(&root)
            .iter()
            .map(|(_, v)| v.scalar_text(text).unwrap())
            .collect();
        assert_eq!(spelled, ["0x10", "1.50", "007", "yes", "True"]);
        assert!(matches!(entries(&root)[3].1.value, Value::Str(_)));
    }

    #[test]
    fn syntax_error_reports_its_position_without_repeating_it() {
        let err = parse("a: [1, 2\nb: 3\n").unwrap_err();
        assert_eq!(err.pos, Some(at(2, 2)));
        assert_eq!(err.message, "illegal placement of ':' indicator");
    }

    #[test]
    fn an_unquoted_template_is_recognised() {
        let text = "a: {{unique}}\nb: { c: d }\n";
        let root = parse(text).unwrap();
        let top = entries(&root);
        assert!(top[0].1.is_unquoted_template(text));
        assert!(!top[1].1.is_unquoted_template(text));
    }

    #[test]
    fn an_empty_file_is_null() {
        assert!(matches!(parse("").unwrap().value, Value::Null));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        assert!(parse(&text).is_err());
    }
}
