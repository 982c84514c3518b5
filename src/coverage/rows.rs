//! Which documented error rows a case expects.
//!
//! An expectation (or a `one_of` reading) names a row when its `status` is
//! the row's, its `code` is the row's code written literally, and its
//! `message` is the row's message written literally — or, for a row whose
//! documented message is a placeholder (`%s`, `? s`), any message
//! expectation other than `{ is: absent }`. Rows that share a status and a
//! code (`OperationDenied`, `InternalError`) are told apart by the message.

use crate::contract::errors::{ERROR_ROWS, ErrorRow};
use crate::suite::{Case, Expect, Expectation, Matcher, Piece};

/// Every row some step of `case` expects, in table order, each once.
pub fn expected_rows(case: &Case) -> Vec<&'static ErrorRow> {
    let mut expects: Vec<&Expect> = Vec::new();
    for step in &case.steps {
        match &step.expect {
            Expectation::Single(expect) => expects.push(expect),
            Expectation::OneOf(readings) => expects.extend(readings.iter().map(|r| &r.expect)),
        }
    }
    ERROR_ROWS
        .iter()
        .filter(|row| expects.iter().any(|expect| names_row(expect, row)))
        .collect()
}

fn names_row(expect: &Expect, row: &ErrorRow) -> bool {
    let (Some(status), Some(code), Some(message)) = (&expect.status, &expect.code, &expect.message)
    else {
        return false;
    };
    status.value == row.status
        && literals(&code.value).iter().any(|c| c == row.code)
        && if row.message_is_placeholder() {
            !matches!(message.value, Matcher::Absent)
        } else {
            literals(&message.value).iter().any(|m| m == row.message)
        }
}

/// The literal texts a matcher accepts (`Equals` without holes, and those
/// inside `one_of`).
fn literals(matcher: &Matcher) -> Vec<String> {
    match matcher {
        Matcher::Equals(template) => {
            let mut text = String::new();
            for piece in &template.pieces {
                match piece {
                    Piece::Text(t) => text.push_str(t),
                    _ => return Vec::new(),
                }
            }
            vec![text]
        }
        Matcher::OneOf(matchers) => matchers.iter().flat_map(literals).collect(),
        _ => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::suite::{Known, load_str};
    use std::path::Path;

    fn rows(expect: &str) -> Vec<&'static str> {
        let text = format!(
            "area: X\ncases:\n  - id: c\n    rule: Source.required\n    request: {{}}\n    expect:\n{expect}"
        );
        let file = load_str(Path::new("t.yaml"), &text, &Known::default()).unwrap();
        expected_rows(&file.cases[0]).iter().map(|r| r.id).collect()
    }

    #[test]
    fn rows_sharing_status_and_code_are_told_apart_by_the_message() {
        assert_eq!(
            rows(
                "      status: 403\n      code: OperationDenied\n      message: The specified snapshot is not from system disk.\n"
            ),
            ["snapshot-not-system-disk"]
        );
        assert!(rows("      status: 403\n      code: OperationDenied\n").is_empty());
    }

    #[test]
    fn a_placeholder_row_is_named_by_any_message_expectation() {
        assert_eq!(
            rows(
                "      status: 403\n      code: QuotaExceed.Tags\n      message: { is: present }\n"
            ),
            ["tags-quota-exceeded"]
        );
    }

    #[test]
    fn a_wrong_status_or_a_code_pattern_names_no_row() {
        assert!(
            rows("      status: 400\n      code: QuotaExceed.Image\n      message: The Image Quota exceeds.\n")
                .is_empty()
        );
        assert!(
            rows("      status: 403\n      code: { regex: \"QuotaExceed.*\" }\n      message: The Image Quota exceeds.\n")
                .is_empty()
        );
    }

    #[test]
    fn every_reading_of_a_one_of_counts() {
        assert_eq!(
            rows(
                "      one_of:\n        - { reading: a, status: 400, code: IdempotenceParamNotMatch, message: Request uses a client token in a previous request but is not identical to that request. }\n        - { reading: b, status: 403, code: InvalidParamter.Conflict, message: The specified same token is trying to make requests with different parameters. }\n"
            ),
            ["client-token-conflict", "idempotence-param-not-match"]
        );
    }
}
