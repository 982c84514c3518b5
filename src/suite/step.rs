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
//! A parameter value is a scalar: a string (a template), or a number or
//! boolean sent exactly as written (`Size: 0040` sends `0040`).

use super::expect;
use super::model::{Param, Step, Template};
use super::node::{Node, Pos, Value};
use super::reader::{Reader, StepScope, step_problem};

const STEP_KEYS: [&str; 3] = ["name", "request", "expect"];

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
    let (same_as, params) = request?;
    let name = name.filter(|n| !n.is_empty())?;
    Some(Step {
        name,
        loc: r.loc(item.pos),
        same_as,
        params,
        expect: expect?,
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
