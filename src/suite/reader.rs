//! The walk from the spanned YAML tree to the typed model: one [`Reader`]
//! per file collects every diagnostic and offers the checks each part of the
//! model shares (types, keys, duplicate keys, templates, fixture names).

use std::collections::BTreeSet;
use std::sync::Arc;

use super::diagnostic::{Diagnostic, line_text};
use super::model::{Loc, Piece, Template};
use super::node::{Node, Pos, Value};
use super::{suggest, template};
use crate::contract::params;

/// The names a case may refer to: what the fixture manifest defines, and
/// the contract's rule ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Known {
    /// Fixture names without the `fixture.` prefix: `instance.running`,
    /// `snapshot.system`, `resource-group.default`.
    pub fixtures: BTreeSet<String>,
    /// Account names usable in `account:`.
    pub accounts: BTreeSet<String>,
    /// Rule ids usable in `rule:` (default: every rule of
    /// [`crate::contract::params`]).
    pub rules: BTreeSet<String>,
}

impl Default for Known {
    /// No fixtures, no accounts, and the contract's rule ids.
    fn default() -> Known {
        Known {
            fixtures: BTreeSet::new(),
            accounts: BTreeSet::new(),
            rules: params::rule_ids().map(str::to_owned).collect(),
        }
    }
}

/// The steps a template inside one step may capture from.
#[derive(Clone, Debug, Default)]
pub struct StepScope {
    /// The step being read.
    pub current: String,
    /// Steps declared before it, in order.
    pub before: Vec<String>,
    /// Steps declared after it.
    pub after: Vec<String>,
}

/// One file's walk: its source, what it may refer to, and the problems found.
pub struct Reader<'a> {
    pub file: Arc<str>,
    source: &'a str,
    pub known: &'a Known,
    pub diagnostics: Vec<Diagnostic>,
    /// Set while the loader reads a step (`None` outside steps).
    pub scope: Option<StepScope>,
}

/// A map's entries after the key checks: each key once, in file order.
pub struct Fields<'n> {
    pub node: &'n Node,
    pub entries: Vec<Field<'n>>,
    /// Known keys that an unknown key was taken for (`reqest` → `request`):
    /// their absence is not reported again.
    pub misspelt: Vec<&'static str>,
}

/// One `key: value` entry.
pub struct Field<'n> {
    pub name: String,
    pub key: &'n Node,
    pub value: &'n Node,
}

impl<'n> Fields<'n> {
    pub fn get(&self, name: &str) -> Option<&'n Node> {
        self.entries
            .iter()
            .find(|f| f.name == name)
            .map(|f| f.value)
    }

    pub fn key(&self, name: &str) -> Option<&'n Node> {
        self.entries.iter().find(|f| f.name == name).map(|f| f.key)
    }
}

impl<'a> Reader<'a> {
    pub fn new(file: Arc<str>, source: &'a str, known: &'a Known) -> Reader<'a> {
        Reader {
            file,
            source,
            known,
            diagnostics: Vec::new(),
            scope: None,
        }
    }

    pub fn loc(&self, pos: Pos) -> Loc {
        Loc {
            file: self.file.clone(),
            line: pos.line,
            column: pos.column,
        }
    }

    pub fn error(&mut self, pos: Pos, message: impl Into<String>, help: Option<String>) {
        self.diagnostics.push(Diagnostic {
            loc: self.loc(pos),
            message: message.into(),
            line_text: line_text(self.source, pos.line),
            help,
        });
    }

    /// Reports `node` as the wrong type for `what`.
    pub fn wrong_type(&mut self, node: &Node, expected: &str, what: &str) {
        let help = match (&node.value, expected) {
            (Value::Str(s), "an integer") if s.trim().parse::<i64>().is_ok() => {
                Some(format!("remove the quotes: `{}`", s.trim()))
            }
            _ => None,
        };
        self.error(
            node.pos,
            format!(
                "expected {expected} for {what}, found {}",
                node.value.kind()
            ),
            help,
        );
    }

    /// A scalar key's text; a map, list or null key is reported.
    fn key_text(&mut self, key: &Node, what: &str) -> Option<String> {
        match key.scalar_text(self.source) {
            Some(text) => Some(text),
            None => {
                self.error(
                    key.pos,
                    format!(
                        "a key in {what} must be a plain name, found {}",
                        key.value.kind()
                    ),
                    None,
                );
                None
            }
        }
    }

    /// The entries of a map with any keys (request parameters, body fields).
    /// Reports a non-map and duplicate keys; keeps the first of duplicates.
    pub fn entries<'n>(&mut self, node: &'n Node, what: &str) -> Option<Fields<'n>> {
        let Value::Map(raw) = &node.value else {
            self.wrong_type(node, "a map", what);
            return None;
        };
        let mut entries: Vec<Field<'n>> = Vec::with_capacity(raw.len());
        for (key, value) in raw {
            let Some(name) = self.key_text(key, what) else {
                continue;
            };
            if let Some(first) = entries.iter().find(|f| f.name == name) {
                let help = Some(format!("first given at {}", first.key.pos));
                self.error(key.pos, format!("duplicate key `{name}` in {what}"), help);
                continue;
            }
            entries.push(Field { name, key, value });
        }
        Some(Fields {
            node,
            entries,
            misspelt: Vec::new(),
        })
    }

    /// The entries of a map whose keys are fixed: also reports unknown keys
    /// (with a did-you-mean) and drops them.
    pub fn map<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        allowed: &[&'static str],
    ) -> Option<Fields<'n>> {
        let mut fields = self.entries(node, what)?;
        let mut unknown = Vec::new();
        fields.entries.retain(|field| {
            let known = allowed.contains(&field.name.as_str());
            if !known {
                unknown.push((field.key.pos, field.name.clone()));
            }
            known
        });
        for (pos, name) in unknown {
            if let Some(best) = suggest::closest(&name, allowed.iter().copied()) {
                fields.misspelt.push(best);
            }
            let help = suggest::help(&name, allowed.iter().copied());
            self.error(pos, format!("unknown key `{name}` in {what}"), help);
        }
        Some(fields)
    }

    /// Reports `missing `name` in what` at the map when `name` is absent.
    pub fn require<'n>(
        &mut self,
        fields: &Fields<'n>,
        name: &'static str,
        what: &str,
    ) -> Option<&'n Node> {
        let found = fields.get(name);
        if found.is_none() && !fields.misspelt.contains(&name) {
            self.error(fields.node.pos, format!("missing `{name}` in {what}"), None);
        }
        found
    }

    /// A string value (numbers and booleans are not strings here).
    pub fn string(&mut self, node: &Node, what: &str) -> Option<String> {
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => {
                self.error(node.pos, format!("{what} is empty"), None);
                None
            }
            Value::Str(s) => Some(s.clone()),
            _ => {
                self.wrong_type(node, "a string", what);
                None
            }
        }
    }

    /// One string or a list of strings (`rule:`, `tags:`, `formats:`), with
    /// the position of each.
    pub fn strings(&mut self, node: &Node, what: &str) -> Option<Vec<(String, Pos)>> {
        match &node.value {
            Value::Seq(items) if items.is_empty() => {
                self.error(node.pos, format!("{what} is an empty list"), None);
                None
            }
            Value::Seq(items) => {
                let mut out = Vec::new();
                let mut ok = true;
                for item in items {
                    match self.string(item, what) {
                        Some(s) => out.push((s, item.pos)),
                        None => ok = false,
                    }
                }
                ok.then_some(out)
            }
            Value::Str(_) => self.string(node, what).map(|s| vec![(s, node.pos)]),
            _ => {
                self.wrong_type(node, "a string or a list of strings", what);
                None
            }
        }
    }

    pub fn boolean(&mut self, node: &Node, what: &str) -> Option<bool> {
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(node, "`true` or `false`", what);
                None
            }
        }
    }

    /// A scalar's text as written (`0x10` stays `0x10`); `None` for a map,
    /// list or null, which the caller reports.
    pub fn scalar_text(&self, node: &Node) -> Option<String> {
        node.scalar_text(self.source)
    }

    /// Reports `{{…}}` written without quotes (YAML reads it as a map);
    /// returns whether it did.
    pub fn unquoted_template(&mut self, node: &Node, what: &str) -> bool {
        if !node.is_unquoted_template(self.source) {
            return false;
        }
        self.error(
            node.pos,
            format!("a template for {what} must be quoted"),
            Some("YAML reads an unquoted `{{…}}` as a map: write `\"{{unique}}\"`".to_owned()),
        );
        true
    }

    /// Parses a scalar as a template and checks what it refers to: fixtures
    /// against the manifest, captures against the steps in scope.
    pub fn template(&mut self, node: &Node, text: &str) -> Option<Template> {
        let template = match template::parse(text) {
            Ok(template) => template,
            Err(err) => {
                self.error(node.pos, err.message, err.help);
                return None;
            }
        };
        let mut ok = true;
        for piece in &template.pieces {
            match piece {
                Piece::Fixture(name) if !self.known.fixtures.contains(name) => {
                    let help =
                        suggest::closest(name, self.known.fixtures.iter().map(String::as_str))
                            .map(|best| format!("did you mean `{best}`?"));
                    self.error(node.pos, format!("unknown fixture `{name}`"), help);
                    ok = false;
                }
                Piece::Capture { step, field } => {
                    if let Some((message, help)) = self.capture_problem(step, field) {
                        self.error(node.pos, message, help);
                        ok = false;
                    }
                }
                _ => {}
            }
        }
        ok.then_some(template)
    }

    /// Why `{{steps.STEP.FIELD}}` cannot be used here, if it cannot.
    fn capture_problem(&self, step: &str, field: &str) -> Option<(String, Option<String>)> {
        let hole = format!("`{{{{steps.{step}.{field}}}}}`");
        let Some(scope) = &self.scope else {
            return Some((
                format!("{hole} refers to step `{step}`, but this case has no steps"),
                Some("captures work between the `steps:` of one case".to_owned()),
            ));
        };
        step_problem(scope, step).map(|(problem, help)| (format!("{hole} {problem}"), help))
    }
}

/// Why a step reference (`same_as`, a capture) to `step` is not to an earlier
/// step: ``refers to step `x`, which comes later``, with a hint.
pub fn step_problem(scope: &StepScope, step: &str) -> Option<(String, Option<String>)> {
    if scope.before.iter().any(|s| s == step) {
        return None;
    }
    if step == scope.current {
        return Some((format!("refers to step `{step}` itself"), None));
    }
    if scope.after.iter().any(|s| s == step) {
        return Some((
            format!("refers to step `{step}`, which comes later"),
            Some("a step can only use steps declared before it".to_owned()),
        ));
    }
    let help = suggest::closest(step, scope.before.iter().map(String::as_str))
        .map(|best| format!("did you mean `{best}`?"))
        .or_else(|| {
            suggest::expected_one_of(scope.before.iter().map(String::as_str))
                .map(|list| format!("{list} (the steps before this one)"))
        });
    Some((format!("refers to unknown step `{step}`"), help))
}

#[cfg(test)]
mod tests {
    use crate::suite::testing::{one_case, problem};

    #[test]
    fn duplicate_keys_point_at_the_second_and_name_the_first() {
        let d = problem(&one_case(
            "    rule: R\n    request:\n      ImageName: a\n      ImageName: b\n    expect: { status: 400 }\n",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:7:7");
        assert_eq!(d.message, "duplicate key `ImageName` in `request`");
        assert_eq!(d.help.as_deref(), Some("first given at 6:7"));
    }

    #[test]
    fn unknown_fixture_suggests_the_closest_fixture() {
        let d = problem(&one_case(
            "    rule: R\n    request:\n      SnapshotId: \"{{fixture.snapshot.sytem}}\"\n    expect: { status: 400 }\n",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:19");
        assert_eq!(d.message, "unknown fixture `snapshot.sytem`");
        assert_eq!(d.help.as_deref(), Some("did you mean `snapshot.system`?"));
    }

    #[test]
    fn a_bad_template_is_reported_at_its_value() {
        let d = problem(&one_case(
            "    rule: R\n    request:\n      ImageName: \"{{unique\"\n    expect: { status: 400 }\n",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:18");
        assert_eq!(d.message, "unclosed `{{` in template `{{unique`");
        let d = problem(&one_case(
            "    rule: R\n    request:\n      ImageName: \"{{uniq}}\"\n    expect: { status: 400 }\n",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:6:18");
        assert_eq!(d.message, "unknown template hole `{{uniq}}`");
    }
}
