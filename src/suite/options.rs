//! The optional keys of a step (or of a single-request case): `tamper:` and
//! `concurrent:` (syntax in [`Tamper`] and [`Concurrent`]).

use super::model::{Concurrent, Located, Tally, Tamper};
use super::node::{Node, Value};
use super::reader::{Fields, Reader, step_problem};
use super::suggest;
use crate::wire::NonceShape;
use crate::wire::request::COMMON_PARAMETERS;

pub(super) const TAMPER_KEYS: [&str; 17] = [
    "wrong_secret",
    "unknown_access_key",
    "timestamp_offset",
    "reuse_nonce",
    "without",
    "strip",
    "spell",
    "add",
    "nonce",
    "plus_for_space",
    "access_key",
    "security_token_of",
    "append",
    "append_to_query",
    "append_to_body",
    "alter",
    "unsigned_headers",
];

/// The common parameters `spell:` may give another value: those the
/// harness sends with a fixed value in every request style.
pub(super) const SPELLABLE: [&str; 4] = ["Action", "Version", "Format", "SecurityToken"];

pub(super) const CONCURRENT_KEYS: [&str; 5] =
    ["count", "distinct", "tally", "accounts", "disjoint"];

/// The most copies of one request a step may send at once.
pub const MAX_CONCURRENT: u32 = 256;

/// Reads `tamper:` and `concurrent:` from the fields of a step or case.
pub fn read(r: &mut Reader, fields: &Fields) -> Option<(Tamper, Option<Concurrent>)> {
    let tamper = match fields.get("tamper") {
        Some(node) => tamper(r, node),
        None => Some(Tamper::default()),
    };
    let concurrent = match fields.get("concurrent") {
        Some(node) => concurrent(r, node).map(Some),
        None => Some(None),
    };
    Some((tamper?, concurrent?))
}

fn tamper(r: &mut Reader, node: &Node) -> Option<Tamper> {
    let fields = r.map(node, "`tamper`", &TAMPER_KEYS)?;
    let mut tamper = Tamper::default();
    let mut ok = true;
    if let Some(node) = fields.get("wrong_secret") {
        ok &= r
            .boolean(node, "`wrong_secret`")
            .map(|b| tamper.wrong_secret = b)
            .is_some();
    }
    if let Some(node) = fields.get("unknown_access_key") {
        ok &= r
            .boolean(node, "`unknown_access_key`")
            .map(|b| tamper.unknown_access_key = b)
            .is_some();
    }
    if let Some(node) = fields.get("timestamp_offset") {
        match r.scalar_text(node).as_deref().and_then(parse_offset) {
            Some(seconds) => tamper.timestamp_offset_seconds = seconds,
            None => {
                r.error(
                    node.pos,
                    "`timestamp_offset` must be a whole number of seconds, minutes or hours",
                    Some("for example `-20m`, `30s`, `2h`".to_owned()),
                );
                ok = false;
            }
        }
    }
    if let Some(node) = fields.get("reuse_nonce") {
        match r.string(node, "`reuse_nonce`") {
            Some(step) => match r.scope.as_ref().and_then(|s| step_problem(s, &step)) {
                None if r.scope.is_some() => tamper.reuse_nonce = Some(step),
                None => {
                    r.error(
                        node.pos,
                        "`reuse_nonce` only works between the `steps:` of a case",
                        None,
                    );
                    ok = false;
                }
                Some((problem, help)) => {
                    r.error(node.pos, format!("`reuse_nonce` {problem}"), help);
                    ok = false;
                }
            },
            None => ok = false,
        }
    }
    for (key, list) in [
        ("without", &mut tamper.without),
        ("strip", &mut tamper.strip),
        ("unsigned_headers", &mut tamper.unsigned_headers),
    ] {
        if let Some(node) = fields.get(key) {
            match r.strings(node, &format!("`{key}`")) {
                Some(names) => list.extend(names.into_iter().map(|(name, _)| name)),
                None => ok = false,
            }
        }
    }
    if let Some(node) = fields.get("spell") {
        match spelled(r, node) {
            Some(pairs) => tamper.spell = pairs,
            None => ok = false,
        }
    }
    if let Some(node) = fields.get("add") {
        match added(r, node) {
            Some(pairs) => tamper.add = pairs,
            None => ok = false,
        }
    }
    if let Some(node) = fields.get("nonce") {
        match r.string(node, "`nonce`").map(|s| s.parse::<NonceShape>()) {
            Some(Ok(shape)) => tamper.nonce = shape,
            Some(Err(problem)) => {
                r.error(node.pos, problem, None);
                ok = false;
            }
            None => ok = false,
        }
    }
    if let Some(node) = fields.get("plus_for_space") {
        ok &= r
            .boolean(node, "`plus_for_space`")
            .map(|b| tamper.plus_for_space = b)
            .is_some();
    }
    ok &= after_signing(r, &fields, &mut tamper);
    ok.then_some(tamper)
}

/// The keys that damage a request after it is signed, or sign a key or
/// token that is not the step's own: `access_key`, `security_token_of`,
/// `append`, `append_to_query`, `append_to_body`, `alter`.
fn after_signing(r: &mut Reader, fields: &Fields, tamper: &mut Tamper) -> bool {
    let mut ok = true;
    if let Some(node) = fields.get("access_key") {
        match r.string(node, "`access_key`").map(|s| s.parse()) {
            Some(Ok(variant)) => tamper.access_key = Some(variant),
            Some(Err(problem)) => {
                r.error(node.pos, problem, None);
                ok = false;
            }
            None => ok = false,
        }
    }
    if let Some(node) = fields.get("security_token_of") {
        match super::case::account(r, node) {
            Some(account) => tamper.security_token_of = Some(account),
            None => ok = false,
        }
    }
    for (key, list) in [
        ("append", &mut tamper.append),
        ("append_to_query", &mut tamper.append_to_query),
        ("append_to_body", &mut tamper.append_to_body),
        ("alter", &mut tamper.alter),
    ] {
        if let Some(node) = fields.get(key) {
            match valued(r, node, key) {
                Some(pairs) => *list = pairs,
                None => ok = false,
            }
        }
    }
    ok
}

/// `{ Name: value, … }`: any names, each with its value (empty allowed).
fn valued(r: &mut Reader, node: &Node, key: &str) -> Option<Vec<(String, String)>> {
    let fields = r.entries(node, &format!("`{key}`"))?;
    let mut out = Vec::new();
    let mut ok = true;
    for field in &fields.entries {
        match value_text(r, field.value, key, &field.name) {
            Some(value) => out.push((field.name.clone(), value)),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// `spell: { Format: json }`: common parameters of [`SPELLABLE`], each
/// with the value to send.
fn spelled(r: &mut Reader, node: &Node) -> Option<Vec<(String, String)>> {
    let fields = r.entries(node, "`spell`")?;
    let mut out = Vec::new();
    let mut ok = true;
    for field in &fields.entries {
        if !SPELLABLE.contains(&field.name.as_str()) {
            let help = match field.name.as_str() {
                "SignatureNonce" => {
                    Some("`nonce: hex-32 | hex-64 | uuid` sets its shape".to_owned())
                }
                "Timestamp" => Some("`timestamp_offset` shifts it".to_owned()),
                _ => suggest::help(&field.name, SPELLABLE.iter().copied())
                    .or_else(|| Some(format!("`spell` takes {}", SPELLABLE.join(", ")))),
            };
            r.error(
                field.key.pos,
                format!("`spell` cannot give `{}` a value", field.name),
                help,
            );
            ok = false;
            continue;
        }
        match value_text(r, field.value, "spell", &field.name) {
            Some(value) => out.push((field.name.clone(), value)),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// `add: { SignatureType: "" }`: parameters that are not common ones, each
/// with its value (empty allowed).
fn added(r: &mut Reader, node: &Node) -> Option<Vec<(String, String)>> {
    let fields = r.entries(node, "`add`")?;
    let mut out = Vec::new();
    let mut ok = true;
    for field in &fields.entries {
        if let Some(common) = COMMON_PARAMETERS
            .iter()
            .find(|c| c.eq_ignore_ascii_case(&field.name))
        {
            let help = if SPELLABLE.contains(common) {
                format!("`spell: {{ {common}: … }}` sends it with another value")
            } else {
                "the harness sends it already".to_owned()
            };
            r.error(
                field.key.pos,
                format!("`add` names `{}`, a common parameter", field.name),
                Some(help),
            );
            ok = false;
            continue;
        }
        match value_text(r, field.value, "add", &field.name) {
            Some(value) => out.push((field.name.clone(), value)),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

/// A scalar's text as written; a map, list or null is reported.
fn value_text(r: &mut Reader, node: &Node, key: &str, name: &str) -> Option<String> {
    let text = r.scalar_text(node);
    if text.is_none() {
        r.wrong_type(
            node,
            "a scalar (`\"\"` for an empty value)",
            &format!("`{key}.{name}`"),
        );
    }
    text
}

/// `-20m` → -1200; `30s`, `2h`, or a bare number of seconds.
fn parse_offset(text: &str) -> Option<i64> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().last()? {
        (i, 's') => (&text[..i], 1),
        (i, 'm') => (&text[..i], 60),
        (i, 'h') => (&text[..i], 3600),
        _ => (text, 1),
    };
    number.parse::<i64>().ok()?.checked_mul(unit)
}

fn concurrent(r: &mut Reader, node: &Node) -> Option<Concurrent> {
    let fields = r.map(node, "`concurrent`", &CONCURRENT_KEYS)?;
    let count = r
        .require(&fields, "count", "`concurrent`")
        .and_then(|node| {
            let within = count_value(r, node, "`count`")?;
            if (2..=MAX_CONCURRENT).contains(&within) {
                Some(within)
            } else {
                r.error(
                    node.pos,
                    format!("`count` must be between 2 and {MAX_CONCURRENT}, found {within}"),
                    None,
                );
                None
            }
        });
    let distinct = fields
        .get("distinct")
        .map(|node| tallies(r, node, "`distinct`"));
    let tally = fields.get("tally").map(|node| tallies(r, node, "`tally`"));
    let accounts = fields.get("accounts").map(|node| accounts(r, node));
    let disjoint = fields.get("disjoint").map(|node| {
        r.strings(node, "`disjoint`").map(|names| {
            names
                .into_iter()
                .map(|(value, pos)| Located {
                    value,
                    loc: r.loc(pos),
                })
                .collect::<Vec<_>>()
        })
    });
    Some(Concurrent {
        count: count?,
        distinct: distinct.unwrap_or(Some(Vec::new()))?,
        tally: tally.unwrap_or(Some(Vec::new()))?,
        accounts: accounts.unwrap_or(Some(Vec::new()))?,
        disjoint: disjoint.unwrap_or(Some(Vec::new()))?,
        loc: r.loc(node.pos),
    })
}

/// `accounts:` of a concurrent step: two or more accounts of the manifest.
fn accounts(r: &mut Reader, node: &Node) -> Option<Vec<String>> {
    let names = r.strings(node, "`accounts`")?;
    if names.len() < 2 {
        r.error(
            node.pos,
            format!(
                "`accounts` needs at least 2 accounts, found {}",
                names.len()
            ),
            None,
        );
        return None;
    }
    let mut out = Vec::new();
    let mut ok = true;
    for (name, pos) in names {
        if r.known.accounts.contains(&name) {
            out.push(name);
        } else {
            let known: Vec<&str> = r.known.accounts.iter().map(String::as_str).collect();
            let help = suggest::help(&name, known);
            r.error(pos, format!("unknown account `{name}`"), help);
            ok = false;
        }
    }
    ok.then_some(out)
}

fn tallies(r: &mut Reader, node: &Node, what: &str) -> Option<Vec<Tally>> {
    let fields = r.entries(node, what)?;
    let mut out = Vec::new();
    let mut ok = true;
    for field in &fields.entries {
        match count_value(r, field.value, &format!("`{}`", field.name)) {
            Some(count) => out.push(Tally {
                name: field.name.clone(),
                count,
                loc: r.loc(field.value.pos),
            }),
            None => ok = false,
        }
    }
    ok.then_some(out)
}

fn count_value(r: &mut Reader, node: &Node, what: &str) -> Option<u32> {
    match node.value {
        Value::Int(n) if (0..=i64::from(u32::MAX)).contains(&n) => Some(n as u32),
        _ => {
            r.wrong_type(node, "a whole number", what);
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_offset;

    #[test]
    fn timestamp_offsets_take_seconds_minutes_or_hours() {
        assert_eq!(parse_offset("-20m"), Some(-1200));
        assert_eq!(parse_offset("30s"), Some(30));
        assert_eq!(parse_offset("2h"), Some(7200));
        assert_eq!(parse_offset("45"), Some(45));
        assert_eq!(parse_offset("soon"), None);
    }
}

#[cfg(test)]
mod loading_tests {
    use crate::suite::testing::{load, one_case, problem, problems};

    const REQUEST: &str =
        "    rule: R\n    request: { SnapshotId: s }\n    expect: { status: 400 }\n";

    #[test]
    fn a_single_request_case_carries_tamper_and_concurrent_to_its_step() {
        let text = one_case(&format!(
            "{REQUEST}    tamper: {{ wrong_secret: true, timestamp_offset: -20m, without: [Action], strip: Signature }}\n    concurrent: {{ count: 4, distinct: {{ ImageId: 1 }}, tally: {{ created: 1 }} }}\n"
        ));
        let file = load(&text).unwrap();
        let step = &file.cases[0].steps[0];
        assert!(step.tamper.wrong_secret);
        assert_eq!(step.tamper.timestamp_offset_seconds, -1200);
        assert_eq!(step.tamper.without, vec!["Action"]);
        assert_eq!(step.tamper.strip, vec!["Signature"]);
        let concurrent = step.concurrent.as_ref().unwrap();
        assert_eq!(concurrent.count, 4);
        assert_eq!(concurrent.distinct[0].name, "ImageId");
        assert_eq!(concurrent.tally[0].count, 1);
    }

    #[test]
    fn tamper_keys_are_checked_like_any_other() {
        let text = one_case(&format!(
            "{REQUEST}    tamper: {{ wrong_secrets: true, timestamp_offset: soon }}\n"
        ));
        assert_eq!(
            problems(&text),
            vec![
                "cases/t.yaml:7:15: unknown key `wrong_secrets` in `tamper`",
                "cases/t.yaml:7:54: `timestamp_offset` must be a whole number of seconds, minutes or hours",
            ]
        );
    }

    #[test]
    fn a_client_spelling_is_read_into_the_tamper_of_its_step() {
        let text = one_case(&format!(
            "{REQUEST}    tamper: {{ spell: {{ Format: json }}, add: {{ SignatureType: \"\" }}, nonce: uuid, plus_for_space: true }}\n"
        ));
        let file = load(&text).unwrap();
        let tamper = &file.cases[0].steps[0].tamper;
        assert_eq!(tamper.spell, vec![("Format".to_owned(), "json".to_owned())]);
        assert_eq!(
            tamper.add,
            vec![("SignatureType".to_owned(), String::new())]
        );
        assert_eq!(tamper.nonce, crate::wire::NonceShape::Uuid);
        assert!(tamper.plus_for_space);
    }

    #[test]
    fn spell_takes_fixed_common_parameters_and_add_takes_no_common_one() {
        let text = one_case(&format!(
            "{REQUEST}    tamper: {{ spell: {{ Fromat: json, SignatureNonce: x }}, add: {{ Format: json }}, nonce: hex }}\n"
        ));
        let found = problems(&text);
        assert_eq!(
            found,
            vec![
                "cases/t.yaml:7:24: `spell` cannot give `Fromat` a value",
                "cases/t.yaml:7:38: `spell` cannot give `SignatureNonce` a value",
                "cases/t.yaml:7:66: `add` names `Format`, a common parameter",
                "cases/t.yaml:7:89: unknown nonce shape `hex` (expected hex-32, hex-64 or uuid)",
            ]
        );
    }

    #[test]
    fn concurrent_needs_a_count_between_2_and_the_maximum() {
        let text = one_case(&format!("{REQUEST}    concurrent: {{ count: 1 }}\n"));
        assert_eq!(
            problems(&text),
            vec!["cases/t.yaml:7:26: `count` must be between 2 and 256, found 1"]
        );
    }

    #[test]
    fn reuse_nonce_must_name_an_earlier_step() {
        let text = one_case(
            "    rule: R\n    steps:\n      - name: a\n        request: { SnapshotId: s }\n        expect: { status: 200 }\n        tamper: { reuse_nonce: b }\n      - name: b\n        request: { SnapshotId: s }\n        expect: { status: 200 }\n",
        );
        let found = problems(&text);
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].starts_with("cases/t.yaml:9:32: `reuse_nonce`"),
            "{found:?}"
        );
    }

    #[test]
    fn a_concurrent_group_signs_its_copies_by_its_accounts_in_turn() {
        let text = one_case(&format!(
            "{REQUEST}    concurrent: {{ count: 4, accounts: [default, no-balance], disjoint: [ImageId] }}\n"
        ));
        let file = load(&text).unwrap();
        let case = &file.cases[0];
        let concurrent = case.steps[0].concurrent.as_ref().unwrap();
        assert_eq!(concurrent.accounts, ["default", "no-balance"]);
        assert_eq!(concurrent.disjoint[0].value, "ImageId");
        assert_eq!(case.accounts(), vec!["default", "no-balance"]);
    }

    #[test]
    fn concurrent_accounts_are_known_accounts_at_least_two() {
        let one = one_case(&format!(
            "{REQUEST}    concurrent: {{ count: 2, accounts: [default] }}\n"
        ));
        assert_eq!(
            problem(&one).message,
            "`accounts` needs at least 2 accounts, found 1"
        );
        let unknown = one_case(&format!(
            "{REQUEST}    concurrent: {{ count: 2, accounts: [default, nobody] }}\n"
        ));
        assert_eq!(problem(&unknown).message, "unknown account `nobody`");
    }
}
