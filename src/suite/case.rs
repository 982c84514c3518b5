//! One case: its identity, where it runs, and its request(s).
//!
//! ```yaml
//! - id: image-name.too-short        # [a-z0-9][a-z0-9._-]*, unique in the suite
//!   rule: ImageName.length          # or a list of rules
//!   account: default                # optional: a fixture account
//!   formats: [json, xml]            # optional: json, xml
//!   wire: [v1-get, v3]              # optional: v1-get, v1-post-query, v1-post-form, v3
//!   tags: [name]                    # optional
//!   snapshot: false                 # optional: no snapshot (answers that vary by run order)
//!   request: { ImageName: a }       # one request…
//!   expect: { status: 400 }
//!   # …or `steps:` (see the `step` module), never both
//! ```
//!
//! `rule`, `formats`, `wire` and `tags` take one string or a list.

use std::str::FromStr;

use super::model::{Case, Step};
use super::node::{Node, Pos};
use super::reader::Reader;
use super::{expect, options, step, suggest};
use crate::wire::{Format, WireStyle};

pub(super) const CASE_KEYS: [&str; 12] = [
    "id",
    "rule",
    "account",
    "formats",
    "wire",
    "tags",
    "snapshot",
    "request",
    "expect",
    "tamper",
    "concurrent",
    "steps",
];

/// A case as read, with its id (when valid) kept apart so that duplicate ids
/// are found even in a case that has other problems.
pub struct ReadCase {
    pub case: Option<Case>,
    pub id: Option<(String, Pos)>,
}

pub fn read(r: &mut Reader, node: &Node) -> ReadCase {
    let Some(fields) = r.map(node, "a case", &CASE_KEYS) else {
        return ReadCase {
            case: None,
            id: None,
        };
    };
    let id = r
        .require(&fields, "id", "a case")
        .and_then(|node| case_id(r, node));
    let rules = r
        .require(&fields, "rule", "a case")
        .and_then(|node| r.strings(node, "`rule`"))
        .and_then(|rules| known_rules(r, rules));
    let account = fields.get("account").map(|node| account(r, node));
    let formats = fields
        .get("formats")
        .map(|node| names::<Format>(r, node, "`formats`"));
    let wire = fields
        .get("wire")
        .map(|node| names::<WireStyle>(r, node, "`wire`"));
    let tags = fields.get("tags").map(|node| r.strings(node, "`tags`"));
    let snapshot = fields
        .get("snapshot")
        .map(|node| r.boolean(node, "`snapshot`"));
    let steps = steps(r, &fields);

    let case = (|| {
        Some(Case {
            id: id.clone()?.0,
            rules: rules?.into_iter().map(|(rule, _)| rule).collect(),
            loc: r.loc(node.pos),
            account: account.map_or(Some(None), |a| a.map(Some))?,
            formats: formats.map_or(Some(None), |f| f.map(Some))?,
            wire: wire.map_or(Some(None), |w| w.map(Some))?,
            tags: tags
                .map_or(Some(Vec::new()), |t| t)?
                .into_iter()
                .map(|(tag, _)| tag)
                .collect(),
            snapshot: snapshot.unwrap_or(Some(true))?,
            steps: steps?,
        })
    })();
    ReadCase { case, id }
}

fn case_id(r: &mut Reader, node: &Node) -> Option<(String, Pos)> {
    let id = r.string(node, "`id`")?;
    let mut chars = id.chars();
    let valid = chars
        .next()
        .is_some_and(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || ".-_".contains(c));
    if !valid {
        r.error(
            node.pos,
            format!("invalid case id `{id}`"),
            Some("an id is lowercase letters, digits, `.`, `_` and `-`, starting with a letter or digit".to_owned()),
        );
        return None;
    }
    Some((id, node.pos))
}

/// Every rule id must be one of the contract's (`Known::rules`).
fn known_rules(r: &mut Reader, rules: Vec<(String, Pos)>) -> Option<Vec<(String, Pos)>> {
    let mut ok = true;
    for (rule, pos) in &rules {
        if r.known.rules.contains(rule) {
            continue;
        }
        let help = suggest::closest(rule, r.known.rules.iter().map(String::as_str))
            .map(|best| format!("did you mean `{best}`?"))
            .or_else(|| Some("`createimage-contract coverage` lists every rule id".to_owned()));
        r.error(*pos, format!("unknown rule `{rule}`"), help);
        ok = false;
    }
    ok.then_some(rules)
}

pub(super) fn account(r: &mut Reader, node: &Node) -> Option<String> {
    let name = r.string(node, "`account`")?;
    if r.known.accounts.contains(&name) {
        return Some(name);
    }
    let known: Vec<&str> = r.known.accounts.iter().map(String::as_str).collect();
    let help = suggest::help(&name, known);
    r.error(node.pos, format!("unknown account `{name}`"), help);
    None
}

/// `formats:` or `wire:` — names parsed with their `FromStr`.
fn names<T: FromStr<Err = String>>(r: &mut Reader, node: &Node, what: &str) -> Option<Vec<T>> {
    let mut out = Vec::new();
    let mut ok = true;
    for (name, pos) in r.strings(node, what)? {
        match name.parse::<T>() {
            Ok(value) => out.push(value),
            Err(message) => {
                r.error(pos, message, None);
                ok = false;
            }
        }
    }
    ok.then_some(out)
}

/// `request` + `expect` (one step named `request`) or `steps`.
fn steps(r: &mut Reader, fields: &super::reader::Fields) -> Option<Vec<Step>> {
    let request = fields.get("request");
    let expect = fields.get("expect");
    if let Some(steps) = fields.get("steps") {
        let mut ok = true;
        for name in ["request", "expect", "tamper", "concurrent"] {
            if let Some(key) = fields.key(name) {
                r.error(
                    key.pos,
                    format!("a case with `steps` cannot also have `{name}`"),
                    Some(
                        "use `request` and `expect` for one request, or put them inside each step"
                            .to_owned(),
                    ),
                );
                ok = false;
            }
        }
        let steps = step::read_steps(r, steps);
        return steps.filter(|_| ok);
    }
    let read_request = request.map(|node| step::read_request(r, node));
    let read_expect = expect.map(|node| expect::read(r, node));
    let misspelt = |name| fields.misspelt.contains(&name);
    let missing = match (request.is_some(), expect.is_some()) {
        _ if misspelt("steps") => None,
        (true, false) if !misspelt("expect") => Some("missing `expect` in a case"),
        (false, true) if !misspelt("request") => Some("missing `request` in a case"),
        (false, false) if !misspelt("request") && !misspelt("expect") => {
            Some("missing `request` and `expect` (or `steps`) in a case")
        }
        _ => None,
    };
    if let Some(missing) = missing {
        r.error(fields.node.pos, missing, None);
    }
    let options = options::read(r, fields);
    let (same_as, params) = read_request??;
    let expect = read_expect??;
    let (tamper, concurrent) = options?;
    let key = fields.key("request")?.pos;
    Some(vec![Step {
        name: "request".to_owned(),
        loc: r.loc(key),
        same_as,
        params,
        expect,
        tamper,
        concurrent,
    }])
}

#[cfg(test)]
mod tests {
    use crate::suite::testing::{load, one_case, problem, problems};
    use crate::wire::{Format, WireStyle};

    const EXPECT: &str = "    expect: { status: 400 }\n";

    #[test]
    fn unknown_key_suggests_the_closest_known_key() {
        let d = problem(&one_case(
            "    rule: R\n    reqest: {}\n    expect: { status: 400 }\n",
        ));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:5:5");
        assert_eq!(d.message, "unknown key `reqest` in a case");
        assert_eq!(d.help.as_deref(), Some("did you mean `request`?"));
        assert_eq!(d.line_text, "    reqest: {}");
    }

    #[test]
    fn unknown_key_far_from_any_lists_the_expected_keys() {
        let d = problem(&one_case(&format!(
            "    rule: R\n    request: {{}}\n{EXPECT}    payload: 1\n"
        )));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:7:5");
        assert_eq!(d.message, "unknown key `payload` in a case");
        assert_eq!(
            d.help.as_deref(),
            Some(
                "expected one of `id`, `rule`, `account`, `formats`, `wire`, `tags`, `snapshot`, `request`, `expect`, `tamper`, `concurrent` or `steps`"
            )
        );
    }

    #[test]
    fn missing_id_and_rule_are_reported_at_the_case() {
        let text = "area: X\ncases:\n  - request: {}\n    expect: { status: 400 }\n";
        assert_eq!(
            problems(text),
            [
                "cases/t.yaml:3:5: missing `id` in a case",
                "cases/t.yaml:3:5: missing `rule` in a case"
            ]
        );
    }

    #[test]
    fn a_case_needs_a_request_and_an_expectation_or_steps() {
        assert_eq!(
            problems(&one_case("    rule: R\n")),
            ["cases/t.yaml:3:5: missing `request` and `expect` (or `steps`) in a case"]
        );
        assert_eq!(
            problems(&one_case("    rule: R\n    request: {}\n")),
            ["cases/t.yaml:3:5: missing `expect` in a case"]
        );
        assert_eq!(
            problems(&one_case(&format!("    rule: R\n{EXPECT}"))),
            ["cases/t.yaml:3:5: missing `request` in a case"]
        );
    }

    #[test]
    fn request_and_steps_together_are_an_error() {
        let text = one_case(
            "    rule: R\n    request: {}\n    steps:\n      - { name: a, request: {}, expect: { status: 200 } }\n",
        );
        assert_eq!(
            problems(&text),
            ["cases/t.yaml:5:5: a case with `steps` cannot also have `request`"]
        );
    }

    #[test]
    fn case_id_must_be_lowercase_letters_digits_dots_dashes_and_underscores() {
        let text = "area: X\ncases:\n  - id: Image_Name\n    rule: R\n    request: {}\n    expect: { status: 400 }\n";
        let d = problem(text);
        assert_eq!(d.loc.to_string(), "cases/t.yaml:3:9");
        assert_eq!(d.message, "invalid case id `Image_Name`");
        for id in ["-x", ".x", "a b", "é"] {
            let text = format!(
                "area: X\ncases:\n  - id: \"{id}\"\n    rule: R\n    request: {{}}\n{EXPECT}"
            );
            assert_eq!(problems(&text).len(), 1, "{id}");
        }
    }

    #[test]
    fn unknown_account_suggests_a_known_one() {
        let d = problem(&one_case(&format!(
            "    rule: R\n    account: defualt\n    request: {{}}\n{EXPECT}"
        )));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:5:14");
        assert_eq!(d.message, "unknown account `defualt`");
        assert_eq!(d.help.as_deref(), Some("did you mean `default`?"));
    }

    #[test]
    fn bad_format_and_wire_names_point_at_the_name() {
        let text = one_case(&format!(
            "    rule: R\n    formats: [json, jsn]\n    wire: [v1-get, v2]\n    request: {{}}\n{EXPECT}"
        ));
        assert_eq!(
            problems(&text),
            [
                "cases/t.yaml:5:21: unknown format `jsn` (expected `json` or `xml`)",
                "cases/t.yaml:6:20: unknown wire style `v2` (expected v1-get, v1-post-query, v1-post-form or v3)"
            ]
        );
    }

    #[test]
    fn rule_formats_wire_and_tags_take_one_string_or_a_list() {
        let text = one_case(&format!(
            "    rule: [A.b, C.d]\n    account: no-balance\n    formats: xml\n    wire: [v3, v1-post-form]\n    tags: slow\n    request: {{}}\n{EXPECT}"
        ));
        let file = load(&text).unwrap();
        let case = &file.cases[0];
        assert_eq!(case.rules, ["A.b", "C.d"]);
        assert_eq!(case.account.as_deref(), Some("no-balance"));
        assert_eq!(case.formats, Some(vec![Format::Xml]));
        assert_eq!(case.wire, Some(vec![WireStyle::V3, WireStyle::V1PostForm]));
        assert_eq!(case.tags, ["slow"]);
        assert_eq!(case.loc.to_string(), "cases/t.yaml:3:5");
    }

    #[test]
    fn an_unknown_rule_id_is_an_error_with_the_closest_rule_id() {
        let d = problem(&one_case(&format!(
            "    rule: [R, ImageName.lenght]\n    request: {{}}\n{EXPECT}"
        )));
        assert_eq!(d.loc.to_string(), "cases/t.yaml:4:15");
        assert_eq!(d.message, "unknown rule `ImageName.lenght`");
        assert_eq!(d.help.as_deref(), Some("did you mean `ImageName.length`?"));
    }

    #[test]
    fn an_unknown_rule_id_far_from_any_points_at_the_coverage_command() {
        let d = problem(&one_case(&format!(
            "    rule: Nothing.like-it\n    request: {{}}\n{EXPECT}"
        )));
        assert_eq!(d.message, "unknown rule `Nothing.like-it`");
        assert_eq!(
            d.help.as_deref(),
            Some("`createimage-contract coverage` lists every rule id")
        );
    }

    #[test]
    fn an_empty_rule_list_is_an_error() {
        assert_eq!(
            problems(&one_case(&format!(
                "    rule: []\n    request: {{}}\n{EXPECT}"
            ))),
            ["cases/t.yaml:4:11: `rule` is an empty list"]
        );
    }

    #[test]
    fn a_case_that_is_not_a_map_is_an_error() {
        assert_eq!(
            problems("area: X\ncases:\n  - just text\n"),
            ["cases/t.yaml:3:5: expected a map for a case, found a string"]
        );
    }
}
