//! What a generated case expects ([`Answer`]), and how it is written as an
//! `expect:` block. Every answer is definite: a creation, a documented row,
//! a 400 whose code names the parameter (where the document has no row),
//! or a `one_of` of those named after the readings that give them.

use std::fmt::Write as _;

use crate::contract::errors::ErrorRow;
use crate::contract::params::{Basis, Rule};
use crate::wire::Format;

/// What a generated case expects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Answer {
    Created,
    /// Created, answered in this format's envelope (content type, XML
    /// root, `RequestId` and `ImageId`).
    CreatedIn(Format),
    Row(&'static ErrorRow),
    /// 400 with a code that names the parameter (`Invalid(Parameter|NAMES)…`):
    /// the document names no row.
    Rejected(&'static str),
    OneOf(Vec<(String, Answer)>),
}

impl Answer {
    /// `self`, or each of its readings.
    pub fn branches(&self) -> Vec<(String, Answer)> {
        match self {
            Answer::OneOf(readings) => readings.clone(),
            other => vec![(String::new(), other.clone())],
        }
    }

    /// A `one_of` of named answers, each `one_of` flattened into its
    /// readings (`NAME.INNER`); a single answer stands alone.
    pub fn one_of(named: Vec<(&str, Answer)>) -> Answer {
        let mut out: Vec<(String, Answer)> = Vec::new();
        for (name, answer) in named {
            for (inner, answer) in answer.branches() {
                let name = match (name.is_empty(), inner.is_empty()) {
                    (_, true) => name.to_owned(),
                    (true, false) => inner,
                    (false, false) => format!("{name}.{inner}"),
                };
                if !out.iter().any(|(_, a)| *a == answer) {
                    out.push((name, answer));
                }
            }
        }
        if out.len() == 1 {
            out.remove(0).1
        } else {
            Answer::OneOf(out)
        }
    }

    pub fn may_create(&self) -> bool {
        self.branches()
            .iter()
            .any(|(_, a)| matches!(a, Answer::Created | Answer::CreatedIn(_)))
    }
}

/// What a value `rule` refuses gets, by the rule's basis: its documented
/// row; where the error is the emulator's choice, the readings of the
/// rule's ambiguity (a row, a code naming the parameter, or a creation
/// where a reading does not enforce the rule) or a code naming the
/// parameter; where the rule itself is the emulator's reading, that row or
/// a creation.
pub fn rejected(rule: &Rule, names: &'static str) -> Answer {
    let row = || row_of(rule, names);
    let names_ambiguity = |id: &str| rule.ambiguities.contains(&id);
    match rule.basis {
        Basis::Documented => row(),
        Basis::ErrorChosen if names_ambiguity("image-family-error") => Answer::one_of(vec![
            ("image-name-row", row()),
            ("own-code", Answer::Rejected(names)),
        ]),
        // The format is the client's duty and has no row: a code naming the
        // parameter, or the token accepted.
        Basis::ErrorChosen if names_ambiguity("client-token-format") => Answer::one_of(vec![
            ("enforced", Answer::Rejected(names)),
            ("not-enforced", Answer::Created),
        ]),
        Basis::ErrorChosen => Answer::Rejected(names),
        Basis::RuleChosen => {
            Answer::one_of(vec![("rejected", row()), ("accepted", Answer::Created)])
        }
    }
}

/// The rule's first error row (a rule without rows: a code naming the parameter).
pub fn row_of(rule: &Rule, names: &'static str) -> Answer {
    rule.errors
        .first()
        .and_then(|id| ErrorRow::by_id(id))
        .map_or(Answer::Rejected(names), Answer::Row)
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

/// The `expect:` block's lines at `indent`.
pub fn render(out: &mut String, answer: &Answer, indent: &str) {
    match answer {
        Answer::Created => {
            let _ = writeln!(out, "{indent}status: 200");
            let _ = writeln!(out, "{indent}body: {{ ImageId: {{ is: image-id }} }}");
        }
        Answer::CreatedIn(format) => {
            let _ = writeln!(out, "{indent}status: 200");
            let (content_type, root) = match format {
                Format::Json => ("{ media_type: application/json }", "{ is: absent }"),
                Format::Xml => (
                    "{ one_of: [{ media_type: text/xml }, { media_type: application/xml }] }",
                    "CreateImageResponse",
                ),
            };
            let _ = writeln!(out, "{indent}content_type: {content_type}");
            let _ = writeln!(out, "{indent}root: {root}");
            let _ = writeln!(
                out,
                "{indent}body: {{ RequestId: {{ is: request-id }}, ImageId: {{ is: image-id }} }}"
            );
        }
        Answer::Row(row) => {
            let _ = writeln!(out, "{indent}status: {}", row.status);
            let _ = writeln!(out, "{indent}code: {}", quoted(row.code));
            if row.message_is_placeholder() {
                let _ = writeln!(out, "{indent}message: {{ is: present }}");
            } else {
                let _ = writeln!(out, "{indent}message: {}", quoted(row.message));
            }
            let _ = writeln!(out, "{indent}body: {{ ImageId: {{ is: absent }} }}");
        }
        Answer::Rejected(names) => {
            let _ = writeln!(out, "{indent}status: 400");
            let pattern = format!("Invalid(Parameter|{names})(\\..+)?");
            let _ = writeln!(out, "{indent}code: {{ regex: {} }}", quoted(&pattern));
            let _ = writeln!(out, "{indent}body: {{ ImageId: {{ is: absent }} }}");
        }
        Answer::OneOf(readings) => {
            let _ = writeln!(out, "{indent}one_of:");
            let inner = format!("{indent}    ");
            for (name, answer) in readings {
                let _ = writeln!(out, "{indent}  - reading: {name}");
                render(out, answer, &inner);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::contract::errors::IMAGE_NAME_MALFORMED;
    use crate::contract::params::find;

    #[test]
    fn a_malformed_image_family_takes_either_reading_of_its_ambiguity() {
        let answer = rejected(find("ImageFamily.prefix").unwrap(), "ImageFamily");
        assert_eq!(
            answer,
            Answer::OneOf(vec![
                ("image-name-row".into(), Answer::Row(&IMAGE_NAME_MALFORMED)),
                ("own-code".into(), Answer::Rejected("ImageFamily")),
            ])
        );
    }

    #[test]
    fn a_malformed_client_token_is_refused_or_accepted_by_the_readings_of_its_format() {
        for rule in ["ClientToken.length", "ClientToken.ascii"] {
            assert_eq!(
                rejected(find(rule).unwrap(), "ClientToken"),
                Answer::OneOf(vec![
                    ("enforced".into(), Answer::Rejected("ClientToken")),
                    ("not-enforced".into(), Answer::Created),
                ]),
                "{rule}"
            );
        }
    }

    #[test]
    fn nested_readings_are_flattened_and_named_after_both() {
        let inner = Answer::one_of(vec![("a", Answer::Created), ("b", Answer::Rejected("X"))]);
        let outer = Answer::one_of(vec![
            ("c", Answer::Row(&IMAGE_NAME_MALFORMED)),
            ("d", inner),
        ]);
        let names: Vec<String> = outer.branches().into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["c", "d.a", "d.b"]);
    }

    #[test]
    fn a_code_without_a_row_must_name_the_parameter() {
        let mut out = String::new();
        render(&mut out, &Answer::Rejected("ClientToken"), "");
        assert!(
            out.contains(r#"code: { regex: "Invalid(Parameter|ClientToken)(\\..+)?" }"#),
            "{out}"
        );
    }
}
