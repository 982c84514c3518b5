//! Whether a case can fail: a case counts only if every step's
//! expectation refuses all but at most one of a set of trivially wrong
//! answers ([`trivial_answers`]: a success with a random image id, a
//! gateway's `SignatureDoesNotMatch`, an unknown access key, `Forbidden.RAM`,
//! internal errors, and for each error status a code no contract knows) in
//! each format. A step
//! that accepts two of them — status only, `code: { is: present }`, a
//! code regex that matches anything, a `one_of` whose branches together
//! accept everything — passes whatever the target answers. A concurrent
//! step accepts a trivial answer only if its `tally:` would hold with
//! every copy answering it: a tally of some created and some refused
//! copies refuses every uniform answer.
//!
//! A case whose answer cannot be pinned down says so with the tag
//! [`INFORMATIONAL`]; it runs, but counts in no coverage.

use serde_json::{Value, json};

use crate::check::{Observed, check_expectation};
use crate::suite::{Case, Piece, Template};
use crate::wire::decode::Body;

/// The tag of a case that cannot be definite.
pub const INFORMATIONAL: &str = "informational";

/// Marked informational by its author.
pub fn is_informational(case: &Case) -> bool {
    case.tags.iter().any(|t| t == INFORMATIONAL)
}

/// The steps of `case` that accept more than one trivially wrong answer
/// of one format, each with the answers it accepts.
pub fn vacuous_steps(case: &Case) -> Vec<(String, Vec<String>)> {
    let mut out = Vec::new();
    for step in &case.steps {
        for xml in [false, true] {
            let accepted: Vec<String> = trivial_answers(xml)
                .into_iter()
                .filter(|(_, observed)| {
                    let (failures, reading) =
                        check_expectation(&step.name, &step.expect, observed, &literal);
                    failures.is_empty() && tally_allows_every_copy(step, reading.as_deref())
                })
                .map(|(name, _)| name.to_owned())
                .collect();
            if accepted.len() > 1 {
                out.push((step.name.clone(), accepted));
                break;
            }
        }
    }
    out
}

/// Whether a concurrent step's `tally:` holds when every copy gives the
/// same answer, the one that matched `reading`: each count must then be
/// all the copies (for that reading) or none (for the others). A step
/// sent once has no tally.
fn tally_allows_every_copy(step: &crate::suite::Step, reading: Option<&str>) -> bool {
    step.concurrent.as_ref().is_none_or(|concurrent| {
        concurrent.tally.iter().all(|tally| {
            let uniform = if Some(tally.name.as_str()) == reading {
                concurrent.count
            } else {
                0
            };
            tally.count == uniform
        })
    })
}

/// A case that counts: not informational, and no step passes whatever
/// the target answers.
pub fn counts(case: &Case) -> bool {
    !is_informational(case) && vacuous_steps(case).is_empty()
}

/// A template's text when it has no holes (holes match nothing here).
fn literal(template: &Template) -> Option<String> {
    let mut out = String::new();
    for piece in &template.pieces {
        match piece {
            Piece::Text(text) => out.push_str(text),
            _ => return None,
        }
    }
    Some(out)
}

/// Answers no definite expectation accepts more than one of, in JSON or
/// in XML: (name, answer).
pub fn trivial_answers(xml: bool) -> Vec<(&'static str, Observed)> {
    let request_id = "0B8E3B57-7C11-4F7A-9B39-2B7F4C7F0C1D";
    let error = |status: u16, code: &str, message: &str| {
        (
            status,
            json!({ "RequestId": request_id, "HostId": "ecs.aliyuncs.com", "Code": code, "Message": message }),
        )
    };
    let answers = [
        (
            "200 with a random ImageId",
            (
                200,
                json!({ "RequestId": request_id, "ImageId": "m-q7w3e9r1t5y2u8i4o6p0" }),
            ),
        ),
        (
            "400 SignatureDoesNotMatch",
            error(
                400,
                "SignatureDoesNotMatch",
                "Specified signature is not matched with our calculation. server string to sign is:GET&%2F&x",
            ),
        ),
        (
            "404 InvalidAccessKeyId.NotFound",
            error(
                404,
                "InvalidAccessKeyId.NotFound",
                "Specified access key is not found.",
            ),
        ),
        (
            "403 Forbidden.RAM",
            error(
                403,
                "Forbidden.RAM",
                "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
            ),
        ),
        (
            "500 InternalError",
            error(500, "InternalError", "An unexpected fault occurred."),
        ),
        (
            "400 with an unknown code",
            error(400, "Zq.UnknownToTheContract", "Nothing the contract says."),
        ),
        (
            "403 with an unknown code",
            error(403, "Zq.Denied", "Nothing the contract says."),
        ),
        (
            "404 with an unknown code",
            error(404, "Zq.NotFound", "Nothing the contract says."),
        ),
        (
            "500 UnknownError",
            error(500, "UnknownError", "Nothing the contract says."),
        ),
    ];
    answers
        .into_iter()
        .map(|(name, (status, value))| (name, observed(status, value, xml)))
        .collect()
}

fn observed(status: u16, value: Value, xml: bool) -> Observed {
    let (content_type, root) = match (xml, status) {
        (false, _) => ("application/json;charset=utf-8", None),
        (true, 200) => ("text/xml;charset=utf-8", Some("CreateImageResponse")),
        (true, _) => ("text/xml;charset=utf-8", Some("Error")),
    };
    Observed {
        status,
        content_type: Some(content_type.to_owned()),
        body: Body {
            root: root.map(str::to_owned),
            value,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::{Known, load_str};
    use std::path::Path;

    fn vacuous(expect: &str) -> bool {
        let text = format!(
            "area: X\ncases:\n  - id: c\n    rule: ImageName.length\n    request: {{}}\n    expect:\n{expect}"
        );
        let file = load_str(Path::new("t.yaml"), &text, &Known::default()).unwrap();
        !vacuous_steps(&file.cases[0]).is_empty()
    }

    #[test]
    fn a_status_without_a_code_passes_whatever_400_comes_back() {
        assert!(vacuous("      status: 400\n"));
        assert!(vacuous("      status: 400\n      code: { is: present }\n"));
        assert!(vacuous("      code: { regex: \".*\" }\n"));
        for status in [403, 404, 500] {
            assert!(vacuous(&format!("      status: {status}\n")), "{status}");
        }
    }

    #[test]
    fn a_documented_row_or_a_creation_is_definite() {
        assert!(!vacuous(
            "      status: 400\n      code: InvalidImageName.Malformed\n"
        ));
        assert!(!vacuous(
            "      status: 200\n      body: { ImageId: { is: image-id } }\n"
        ));
        assert!(!vacuous(
            "      status: 400\n      code: { regex: \"Invalid(Parameter|ClientToken)(\\\\..+)?\" }\n"
        ));
    }

    #[test]
    fn a_one_of_whose_branches_accept_everything_is_not_definite() {
        assert!(vacuous(
            "      one_of:\n        - { reading: a, status: 200 }\n        - { reading: b, status: 400 }\n"
        ));
        assert!(!vacuous(
            "      one_of:\n        - { reading: a, status: 200 }\n        - { reading: b, status: 400, code: InvalidImageName.Malformed }\n"
        ));
    }

    fn vacuous_at_once(concurrent: &str, expect: &str) -> bool {
        let text = format!(
            "area: X\ncases:\n  - id: c\n    rule: ImageName.length\n    request: {{}}\n    concurrent: {concurrent}\n    expect:\n{expect}"
        );
        let file = load_str(Path::new("t.yaml"), &text, &Known::default()).unwrap();
        !vacuous_steps(&file.cases[0]).is_empty()
    }

    #[test]
    fn a_tally_of_some_created_and_some_refused_copies_refuses_every_uniform_answer() {
        let branches = "      one_of:\n        - { reading: created, status: 200, body: { ImageId: { is: image-id } } }\n        - { reading: forbidden, status: 403, code: Forbidden.RAM }\n";
        assert!(!vacuous_at_once(
            "{ count: 4, tally: { created: 2 } }",
            branches
        ));
        assert!(vacuous_at_once("{ count: 4 }", branches));
        assert!(vacuous_at_once(
            "{ count: 4, tally: { refused: 4 } }",
            "      one_of:\n        - { reading: created, status: 200 }\n        - { reading: refused, status: 400 }\n"
        ));
    }

    #[test]
    fn a_content_type_alone_accepts_every_answer_of_its_format() {
        assert!(vacuous(
            "      content_type: { media_type: application/json }\n"
        ));
    }
}
