//! Steps and their requests.
//!
//! ```yaml
//! steps:
//!   - name: first                    # [a-z0-9][a-z0-9_-]*, unique in the case
//!     request:                       # parameter → scalar (a template)
//!       SnapshotId: "{{fixture.snapshot.system}}"
//!       ClientToken: "{{uuid}}"
//!     expect: { status: 200 }
//!   - name: replay
//!     request:
//!       same_as: first               # start from an earlier step's parameters…
//!       Description: changed         # …then set some
//!       ImageName: ~                 # …or remove them (null)
//!     expect: { status: 200, body: { ImageId: "{{steps.first.ImageId}}" } }
//! ```
//!
//! A step may also carry `tamper:` and `concurrent:` (see `options.rs`).
//!
//! A parameter value is a scalar: a string (a template), or a number or
//! boolean sent exactly as written (`Size: 0040` sends `0040`).

use super::model::{Param, Step, Template};
use super::node::{Node, Pos, Value};
use super::reader::{Reader, StepScope, step_problem};
use super::{expect, options};

pub(super) const STEP_KEYS: [&str; 6] = [
    "name",
    "request",
    "expect",
    "tamper",
    "concurrent",
    "account",
];

/// Reads the `steps:` list of a case.
pub fn read_steps(r: &mut Reader, node: &Node) -> Option<Vec<Step>> {
    let Value::Seq(items) = &node.value else {
        r.wrong_type(node, "a list of steps", "`steps`");
        return None;
    };
    if items.is_empty() {
        r.error(
            node.pos,
            "`steps` is empty",
            Some("give at least one step, or use `request` and `expect`".to_owned()),
        );
        return None;
    }
    let names: Vec<Option<(String, Pos)>> = items.iter().map(|item| step_name(r, item)).collect();
    let mut steps = Vec::new();
    let mut ok = true;
    let mut before: Vec<String> = Vec::new();
    for (index, item) in items.iter().enumerate() {
        let current = names[index]
            .as_ref()
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        if let Some((name, pos)) = &names[index] {
            let first = names[..index].iter().flatten().find(|(n, _)| n == name);
            if let Some((_, first)) = first {
                let help = Some(format!("first defined at {first}"));
                r.error(*pos, format!("duplicate step name `{name}`"), help);
                ok = false;
            }
        }
        let after = names[index + 1..]
            .iter()
            .flatten()
            .map(|(n, _)| n.clone())
            .collect();
        r.scope = Some(StepScope {
            current: current.clone(),
            before: before.clone(),
            after,
        });
        match read_step(r, item) {
            Some(step) => steps.push(step),
            None => ok = false,
        }
        if !current.is_empty() && !before.contains(&current) {
            before.push(current);
        }
    }
    r.scope = None;
    ok.then_some(steps)
}

/// The step's `name`, checked, before the steps are read (so that a later
/// step can be told apart from an unknown one).
fn step_name(r: &mut Reader, item: &Node) -> Option<(String, Pos)> {
    let Value::Map(entries) = &item.value else {
        return None;
    };
    let (_, node) = entries
        .iter()
        .find(|(key, _)| matches!(&key.value, Value::Str(k) if k == "name"))?;
    let name = r.string(node, "`name`")?;
    if !is_step_name(&name) {
        r.error(
            node.pos,
            format!("invalid step name `{name}`"),
            Some("a step name is lowercase letters, digits, `_` and `-`, starting with a letter or digit".to_owned()),
        );
        return None;
    }
    Some((name, node.pos))
}

fn is_step_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '-')
}

fn read_step(r: &mut Reader, item: &Node) -> Option<Step> {
    let fields = r.map(item, "a step", &STEP_KEYS)?;
    let name = r.require(&fields, "name", "a step");
    let request = r.require(&fields, "request", "a step");
    let expect = r.require(&fields, "expect", "a step");
    let name = name.and_then(|_| r.scope.as_ref().map(|s| s.current.clone()));
    let request = request.and_then(|node| read_request(r, node));
    let expect = expect.and_then(|node| expect::read(r, node));
    let options = options::read(r, &fields);
    let account = fields
        .get("account")
        .map(|node| super::case::account(r, node));
    let (same_as, params) = request?;
    let name = name.filter(|n| !n.is_empty())?;
    let (tamper, concurrent) = options?;
    Some(Step {
        name,
        loc: r.loc(item.pos),
        same_as,
        params,
        expect: expect?,
        tamper,
        concurrent,
        account: account.map_or(Some(None), |a| a.map(Some))?,
    })
}

/// Reads a `request:` map into its `same_as` and its parameters.
pub fn read_request(r: &mut Reader, node: &Node) -> Option<(Option<String>, Vec<Param>)> {
    let fields = r.entries(node, "`request`")?;
    let mut same_as = None;
    let mut params = Vec::new();
    let mut ok = true;
    for field in &fields.entries {
        if field.name == "same_as" {
            same_as = read_same_as(r, field.value);
            ok &= same_as.is_some();
            continue;
        }
        match param(r, &field.name, field.key, field.value) {
            Some(param) => params.push(param),
            None => ok = false,
        }
    }
    ok.then_some((same_as, params))
}

fn read_same_as(r: &mut Reader, node: &Node) -> Option<String> {
    let step = r.string(node, "`same_as`")?;
    let Some(scope) = &r.scope else {
        r.error(
            node.pos,
            "`same_as` only works between the `steps:` of a case",
            None,
        );
        return None;
    };
    if let Some((problem, help)) = step_problem(scope, &step) {
        r.error(node.pos, format!("`same_as` {problem}"), help);
        return None;
    }
    Some(step)
}

fn param(r: &mut Reader, name: &str, key: &Node, value: &Node) -> Option<Param> {
    let (value, remove) = match &value.value {
        Value::Null => (Template { pieces: Vec::new() }, true),
        Value::Str(text) => (r.template(value, text)?, false),
        Value::Map(_) if r.unquoted_template(value, &format!("`{name}`")) => return None,
        Value::Map(_) | Value::Seq(_) => {
            r.error(
                value.pos,
                format!(
                    "parameter `{name}` must be a single value, found {}",
                    value.value.kind()
                ),
                Some("for a repeated parameter write numbered keys: `Tag.1.Key: env`".to_owned()),
            );
            return None;
        }
        _ => (Template::literal(r.scalar_text(value)?), false),
    };
    Some(Param {
        name: name.to_owned(),
        value,
        remove,
        loc: r.loc(key.pos),
    })
}

#[cfg(test)]
mod tests {
    use crate::suite::model::Piece;
    use crate::suite::testing::{load, one_case, problem, problems};

    /// A case whose steps start on line 6, each given on one line.
    fn steps(lines: &[&str]) -> String {
        let mut text = one_case("    rule: R\n    steps:\n");
        for line in lines {
            text.push_str("      - ");
            text.push_str(line);
            text.push('\n');
        }
        text
    }

    #[test]
    fn empty_steps_are_an_error() {
        let d = problem(&one_case("    rule: R\n    steps: []\n"));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:5:12");
        assert_eq!(d.message, "`steps` is empty");
    }

    #[test]
    fn duplicate_step_names_point_at_the_second_and_name_the_first() {
        let d = problem(&steps(&[
            "{ name: first, request: {}, expect: { status: 200 } }",
            "{ name: first, request: {}, expect: { status: 200 } }",
        ]));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:7:17");
        assert_eq!(d.message, "duplicate step name `first`");
        assert_eq!(d.help.as_deref(), Some("first defined at 6:17"));
    }

    #[test]
    fn same_as_an_unknown_step_suggests_an_earlier_one() {
        let d = problem(&steps(&[
            "{ name: first, request: {}, expect: { status: 200 } }",
            "{ name: replay, request: { same_as: frist }, expect: { status: 200 } }",
        ]));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:7:45");
        assert_eq!(d.message, "`same_as` refers to unknown step `frist`");
        assert_eq!(d.help.as_deref(), Some("did you mean `first`?"));
    }

    #[test]
    fn same_as_a_later_step_is_an_error() {
        let d = problem(&steps(&[
            "{ name: first, request: { same_as: replay }, expect: { status: 200 } }",
            "{ name: replay, request: {}, expect: { status: 200 } }",
        ]));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:44");
        assert_eq!(
            d.message,
            "`same_as` refers to step `replay`, which comes later"
        );
    }

    #[test]
    fn same_as_itself_is_an_error() {
        let d = problem(&steps(&[
            "{ name: first, request: { same_as: first }, expect: { status: 200 } }",
        ]));
        assert_eq!(d.message, "`same_as` refers to step `first` itself");
    }

    #[test]
    fn a_capture_of_a_later_step_is_an_error() {
        let d = problem(&steps(&[
            "{ name: first, request: {}, expect: { body: { ImageId: \"{{steps.second.ImageId}}\" } } }",
            "{ name: second, request: {}, expect: { status: 200 } }",
        ]));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:64");
        assert_eq!(
            d.message,
            "`{{steps.second.ImageId}}` refers to step `second`, which comes later"
        );
    }

    #[test]
    fn a_capture_of_an_unknown_step_is_an_error() {
        let d = problem(&steps(&[
            "{ name: first, request: {}, expect: { status: 200 } }",
            "{ name: second, request: { ImageId: \"{{steps.frst.ImageId}}\" }, expect: { status: 200 } }",
        ]));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:7:45");
        assert_eq!(
            d.message,
            "`{{steps.frst.ImageId}}` refers to unknown step `frst`"
        );
        assert_eq!(d.help.as_deref(), Some("did you mean `first`?"));
    }

    #[test]
    fn same_as_and_captures_outside_steps_are_errors() {
        let text = one_case(
            "    rule: R\n    request:\n      same_as: first\n      ImageId: \"{{steps.first.ImageId}}\"\n    expect: { status: 200 }\n",
        );
        assert_eq!(
            problems(&text),
            [
                "cases/t.yaml:6:16: `same_as` only works between the `steps:` of a case",
                "cases/t.yaml:7:16: `{{steps.first.ImageId}}` refers to step `first`, but this case has no steps"
            ]
        );
    }

    #[test]
    fn a_step_needs_a_name_a_request_and_an_expectation() {
        assert_eq!(
            problems(&steps(&["{ request: {} }"])),
            [
                "cases/t.yaml:6:9: missing `name` in a step",
                "cases/t.yaml:6:9: missing `expect` in a step"
            ]
        );
    }

    #[test]
    fn an_invalid_step_name_is_an_error() {
        let d = problem(&steps(&[
            "{ name: First.Step, request: {}, expect: { status: 200 } }",
        ]));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:17");
        assert_eq!(d.message, "invalid step name `First.Step`");
    }

    #[test]
    fn a_parameter_value_that_is_a_map_or_a_list_is_an_error() {
        let text = one_case(
            "    rule: R\n    request:\n      Tag: { Key: a }\n      DiskDeviceMapping: [a]\n    expect: { status: 400 }\n",
        );
        assert_eq!(
            problems(&text),
            [
                "cases/t.yaml:6:12: parameter `Tag` must be a single value, found a map",
                "cases/t.yaml:7:26: parameter `DiskDeviceMapping` must be a single value, found a list"
            ]
        );
    }

    #[test]
    fn an_unquoted_template_is_an_error_with_a_hint() {
        let d = problem(&one_case(
            "    rule: R\n    request:\n      ImageName: {{unique}}\n    expect: { status: 400 }\n",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:18");
        assert_eq!(d.message, "a template for `ImageName` must be quoted");
    }

    #[test]
    fn request_that_is_not_a_map_is_an_error() {
        let d = problem(&one_case(
            "    rule: R\n    request: [a]\n    expect: { status: 400 }\n",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:5:14");
        assert_eq!(d.message, "expected a map for `request`, found a list");
    }

    #[test]
    fn scalars_are_sent_as_written_and_null_removes_a_parameter() {
        let text = one_case(
            "    rule: R\n    request:\n      Size: 0040\n      Encrypted: true\n      Ratio: 1.50\n      ImageName: ~\n    expect: { status: 400 }\n",
        );
        let file = load(&text).unwrap();
        let params = &file.cases[0].steps[0].params;
        let values: Vec<(&str, Vec<Piece>, bool)> = params
            .iter()
            .map(|p| (p.name.as_str(), p.value.pieces.clone(), p.remove))
            .collect();
        let text = |s: &str| vec![Piece::Text(s.to_owned())];
        assert_eq!(
            values,
            [
                ("Size", text("0040"), false),
                ("Encrypted", text("true"), false),
                ("Ratio", text("1.50"), false),
                ("ImageName", vec![], true),
            ]
        );
        assert_eq!(params[0].loc.to_string(), "cases/t.yaml:6:7");
    }

    #[test]
    fn a_step_names_its_own_account_and_the_case_lists_every_account_it_signs_with() {
        let text = one_case(
            "    rule: R\n    steps:\n      - name: a\n        request: {}\n        expect: { status: 200 }\n      - name: b\n        account: no-balance\n        request: { same_as: a }\n        expect: { status: 403 }\n",
        );
        let file = load(&text).unwrap();
        let case = &file.cases[0];
        assert_eq!(case.steps[0].account, None);
        assert_eq!(case.steps[1].account.as_deref(), Some("no-balance"));
        assert_eq!(case.accounts(), vec!["default", "no-balance"]);
    }

    #[test]
    fn an_unknown_step_account_is_an_error_at_its_name() {
        let text = one_case(
            "    rule: R\n    steps:\n      - name: a\n        account: nobody\n        request: {}\n        expect: { status: 200 }\n",
        );
        let d = problem(&text);
        assert_eq!(d.loc.to_string(), "cases/t.yaml:7:18");
        assert_eq!(d.message, "unknown account `nobody`");
    }
}
