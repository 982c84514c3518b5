//! [`RunVars`]: the values one run gives its templates — fresh names and
//! UUIDs, fixture bindings, and fields captured from earlier steps.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use serde_json::Value;

use crate::check::{field, scalar_text};
use crate::suite::{Piece, Template};

/// Why a template could not be expanded.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Unresolved {
    /// The target has no id for this fixture.
    Fixture(String),
    /// The earlier step did not answer with this field.
    Capture { step: String, field: String },
}

/// Template values for one run. Each label of `{{unique}}`/`{{uuid}}` gets one
/// fresh value per run, so every created name and token is unique per run and
/// the suite can be re-run against a stateful target.
#[derive(Debug)]
pub struct RunVars<'a> {
    bindings: &'a BTreeMap<String, String>,
    generated: Mutex<HashMap<(bool, String), String>>,
    bodies: HashMap<String, Value>,
}

impl<'a> RunVars<'a> {
    pub fn new(bindings: &'a BTreeMap<String, String>) -> RunVars<'a> {
        RunVars {
            bindings,
            generated: Mutex::new(HashMap::new()),
            bodies: HashMap::new(),
        }
    }

    /// Remembers a step's answer for `{{steps.STEP.FIELD}}`.
    pub fn capture(&mut self, step: &str, body: Value) {
        self.bodies.insert(step.to_string(), body);
    }

    /// Every generated value with its token name, for normalising snapshots.
    pub fn generated(&self) -> Vec<(String, String)> {
        let generated = self.generated.lock().unwrap_or_else(|e| e.into_inner());
        generated
            .iter()
            .map(|((is_uuid, label), value)| {
                let kind = if *is_uuid { "uuid" } else { "unique" };
                let token = if label.is_empty() {
                    kind.to_string()
                } else {
                    format!("{kind}:{label}")
                };
                (value.clone(), token)
            })
            .collect()
    }

    pub fn resolve(&self, template: &Template) -> Result<String, Unresolved> {
        let mut out = String::new();
        for piece in &template.pieces {
            match piece {
                Piece::Text(text) => out.push_str(text),
                Piece::Fixture(name) => out.push_str(
                    self.bindings
                        .get(name)
                        .ok_or_else(|| Unresolved::Fixture(name.clone()))?,
                ),
                Piece::Unique(label) => out.push_str(&self.fresh(false, label)),
                Piece::Uuid(label) => out.push_str(&self.fresh(true, label)),
                Piece::Capture { step, field: path } => {
                    let value = self
                        .bodies
                        .get(step)
                        .and_then(|body| field(body, path))
                        .and_then(scalar_text)
                        .ok_or_else(|| Unresolved::Capture {
                            step: step.clone(),
                            field: path.clone(),
                        })?;
                    out.push_str(&value);
                }
            }
        }
        Ok(out)
    }

    fn fresh(&self, uuid: bool, label: &str) -> String {
        let mut generated = self.generated.lock().unwrap_or_else(|e| e.into_inner());
        generated
            .entry((uuid, label.to_string()))
            .or_insert_with(|| {
                let id = uuid::Uuid::new_v4();
                if uuid {
                    id.to_string()
                } else {
                    // A valid ImageName: starts with a letter, letters and digits.
                    format!("ct{}", &id.simple().to_string()[..16])
                }
            })
            .clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn template(pieces: Vec<Piece>) -> Template {
        Template { pieces }
    }

    #[test]
    fn a_unique_label_keeps_its_value_within_a_run_and_differs_across_runs() {
        let bindings = BTreeMap::new();
        let a = RunVars::new(&bindings);
        let b = RunVars::new(&bindings);
        let t = template(vec![Piece::Unique(String::new())]);
        let first = a.resolve(&t).unwrap();
        assert_eq!(first, a.resolve(&t).unwrap());
        assert_ne!(first, b.resolve(&t).unwrap());
        assert!(first.starts_with("ct") && first.len() == 18);
        let other = a
            .resolve(&template(vec![Piece::Unique("x".into())]))
            .unwrap();
        assert_ne!(first, other);
    }

    #[test]
    fn an_unbound_fixture_is_reported_by_name() {
        let bindings = BTreeMap::new();
        let vars = RunVars::new(&bindings);
        let t = template(vec![Piece::Fixture("snapshot.system".into())]);
        assert_eq!(
            vars.resolve(&t),
            Err(Unresolved::Fixture("snapshot.system".into()))
        );
    }

    #[test]
    fn captures_read_fields_of_an_earlier_answer() {
        let bindings = BTreeMap::new();
        let mut vars = RunVars::new(&bindings);
        vars.capture("first", serde_json::json!({"ImageId": "m-1"}));
        let t = template(vec![Piece::Capture {
            step: "first".into(),
            field: "ImageId".into(),
        }]);
        assert_eq!(vars.resolve(&t).unwrap(), "m-1");
    }
}
