//! Checks one step's answer against its `expect:` block.

use std::collections::BTreeSet;

use crate::suite::{Expect, Expectation, Template};

use super::matcher::{describe, matches, show_actual};
use super::{Failure, Observed};

/// Checks `observed` against a step's expectation. Returns the failures and,
/// for a `one_of`, the name of the reading that matched.
pub fn check_expectation(
    step: &str,
    expectation: &Expectation,
    observed: &Observed,
    resolve: &dyn Fn(&Template) -> Option<String>,
) -> (Vec<Failure>, Option<String>) {
    match expectation {
        Expectation::Single(expect) => (check_expect(step, expect, observed, resolve), None),
        Expectation::OneOf(readings) => {
            let mut tried = Vec::new();
            for reading in readings {
                let failures = check_expect(step, &reading.expect, observed, resolve);
                if failures.is_empty() {
                    return (Vec::new(), Some(reading.name.clone()));
                }
                tried.push((reading, failures));
            }
            let mut detail = String::new();
            for (reading, failures) in &tried {
                detail.push_str(&format!("reading `{}`:\n", reading.name));
                for f in failures {
                    detail.push_str(&format!(
                        "  {}: expected {}, actual {}\n",
                        f.what, f.expected, f.actual
                    ));
                }
            }
            let names: Vec<&str> = readings.iter().map(|r| r.name.as_str()).collect();
            let loc = readings.first().and_then(|r| r.expect.loc.clone());
            let failure = Failure::new(
                step,
                "one_of",
                format!("one of the readings {}", names.join(", ")),
                format!(
                    "status {} with code {}",
                    observed.status,
                    show_actual(observed.field("Code"))
                ),
                loc,
            )
            .with_detail(detail.trim_end().to_string());
            (vec![failure], None)
        }
    }
}

/// Checks every part of one `Expect`; each mismatch is one failure.
pub fn check_expect(
    step: &str,
    expect: &Expect,
    observed: &Observed,
    resolve: &dyn Fn(&Template) -> Option<String>,
) -> Vec<Failure> {
    let mut failures = Vec::new();
    if let Some(status) = &expect.status
        && status.value != observed.status
    {
        failures.push(Failure::new(
            step,
            "status",
            status.value.to_string(),
            observed.status.to_string(),
            Some(status.loc.clone()),
        ));
    }
    let content_type = observed.content_type.clone().map(serde_json::Value::String);
    let root = observed.body.root.clone().map(serde_json::Value::String);
    for (what, actual, expected) in [
        ("content_type", content_type.as_ref(), &expect.content_type),
        ("root", root.as_ref(), &expect.root),
    ] {
        if let Some(expected) = expected
            && !matches(&expected.value, actual, resolve)
        {
            failures.push(Failure::new(
                step,
                what,
                describe(&expected.value, resolve),
                show_actual(actual),
                Some(expected.loc.clone()),
            ));
        }
    }
    for (what, field, expected) in [
        ("code", "Code", &expect.code),
        ("message", "Message", &expect.message),
    ] {
        if let Some(expected) = expected {
            let actual = observed.field(field);
            if !matches(&expected.value, actual, resolve) {
                failures.push(Failure::new(
                    step,
                    what,
                    describe(&expected.value, resolve),
                    show_actual(actual),
                    Some(expected.loc.clone()),
                ));
            }
        }
    }
    for field in &expect.body {
        let actual = observed.field(&field.path);
        if !matches(&field.matcher, actual, resolve) {
            failures.push(Failure::new(
                step,
                format!("body.{}", field.path),
                describe(&field.matcher, resolve),
                show_actual(actual),
                Some(field.loc.clone()),
            ));
        }
    }
    if let Some(loc) = &expect.only {
        let mut allowed: BTreeSet<&str> = expect
            .body
            .iter()
            .map(|f| f.path.split('.').next().unwrap_or(&f.path))
            .collect();
        if expect.code.is_some() {
            allowed.insert("Code");
        }
        if expect.message.is_some() {
            allowed.insert("Message");
        }
        if let Some(object) = observed.body.value.as_object() {
            let extra: Vec<&str> = object
                .keys()
                .map(String::as_str)
                .filter(|k| !allowed.contains(k))
                .collect();
            if !extra.is_empty() {
                let allowed: Vec<&str> = allowed.into_iter().collect();
                failures.push(Failure::new(
                    step,
                    "only",
                    format!("no fields but {}", allowed.join(", ")),
                    format!("also {}", extra.join(", ")),
                    Some(loc.clone()),
                ));
            }
        }
    }
    failures
}
