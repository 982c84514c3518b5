//! Boundary cases generated from the contract data
//! ([`crate::contract::params`]) at load time, never written to disk.
//!
//! For every observable rule of a parameter listed in `SUBJECTS`, by its
//! [`Limit`]:
//!
//! - `Length`: min-1, min, max, max+1 characters;
//! - `FirstLetter`: a digit, `_`, `-` first (rejected), an upper-case letter
//!   first (accepted);
//! - `Characters`: each allowed class (digit, upper-case letter, each allowed
//!   punctuation character) and each forbidden one (space, `/`, `!`, `@`,
//!   and punctuation the parameter does not allow);
//! - `NoPrefix` / `NoSubstring`: each forbidden text at the start / inside;
//! - `Values`: each value, and a near miss of each (case changed);
//! - `Count`: the maximum and one more;
//! - `Ascii`: printable ASCII punctuation (accepted), a non-ASCII letter;
//! - `SizeRange` (`DiskDeviceMapping.N.Size`): min-1, min, max, max+1 of each
//!   range, for an entry without a snapshot.
//!
//! What a rejected value gets follows the rule's [`Basis`]: its documented
//! row; the emulator's row or any other 400 code (`ErrorChosen`); the
//! emulator's row or acceptance (`RuleChosen`). Values the document both
//! allows and forbids (`disputed`) accept either answer, as `one_of` readings.
//!
//! The cases are rendered as one YAML case file ([`yaml`]) and read by the
//! same loader as the files in `cases/`, as if it were the file
//! [`PATH`]; their ids are `generated.RULE.VARIANT`
//! (`generated.image-name.length.max-plus-1`) and their area is `Generated`.

use std::fmt::Write as _;

use crate::contract::errors::ErrorRow;
use crate::contract::params::{self, Basis, Limit, Rule};

/// The name the generated cases are loaded under (no such file exists).
pub const PATH: &str = "<generated>";

/// The system snapshot every generated request is built on.
const SNAPSHOT: (&str, &str) = ("SnapshotId", "{{fixture.snapshot.system}}");

/// How to put a value of one parameter into a request that is otherwise valid.
struct Subject {
    /// The contract's [`Param::name`].
    param: &'static str,
    /// The request parameter that carries the value.
    key: &'static str,
    /// The rest of the request.
    base: &'static [(&'static str, &'static str)],
    /// A valid value, unique per run when the parameter must be.
    core: &'static str,
    /// `core` is a template of this many characters that makes the value
    /// unique per run; values shorter than this cannot be unique.
    unique_len: Option<usize>,
    /// The character that pads a value to a length (valid anywhere).
    pad: char,
    /// An empty value is a value (tags), not an absent parameter.
    empty_is_value: bool,
}

const fn subject(param: &'static str, key: &'static str, core: &'static str, pad: char) -> Subject {
    Subject {
        param,
        key,
        base: &[SNAPSHOT],
        core,
        unique_len: None,
        pad,
        empty_is_value: false,
    }
}

/// The parameters whose limits are generated. (`DiskDeviceMapping.N.Size`
/// is handled by [`size_cases`]; `DiskType` values need a different request
/// per value and are written by hand.)
static SUBJECTS: &[Subject] = &[
    Subject {
        unique_len: Some(18),
        ..subject("ImageName", "ImageName", "{{unique}}", 'x')
    },
    subject("Description", "Description", "described", 'd'),
    subject("ImageFamily", "ImageFamily", "family", 'f'),
    subject("ImageVersion", "ImageVersion", "1", '1'),
    Subject {
        unique_len: Some(36),
        ..subject("ClientToken", "ClientToken", "{{uuid}}", 't')
    },
    Subject {
        base: &[SNAPSHOT, ("Tag.1.Value", "value")],
        empty_is_value: true,
        ..subject("Tag.N.Key", "Tag.1.Key", "key", 'k')
    },
    Subject {
        base: &[SNAPSHOT, ("Tag.1.Key", "key")],
        empty_is_value: true,
        ..subject("Tag.N.Value", "Tag.1.Value", "value", 'v')
    },
    subject("Platform", "Platform", "CentOS", 'x'),
    subject("Architecture", "Architecture", "x86_64", 'x'),
];

/// The `one_of` branch names of a disputed value, as the readings of its
/// ambiguity name them: (rule, value, the default reading that allows it,
/// the reading that refuses it).
const DISPUTED_READINGS: &[(&str, &str, &str, &str)] = &[
    ("ImageName.characters", ":", "union", "error-table"),
    ("ImageName.characters", ".", "union", "parameter-table"),
    (
        "Architecture.values",
        "arm64",
        "arm64-accepted",
        "documented-values-only",
    ),
];

/// The branch names for a disputed `value` of `rule` (generic names when
/// the table has none).
fn disputed_names(rule: &Rule, value: &str) -> (&'static str, &'static str) {
    DISPUTED_READINGS
        .iter()
        .find(|(id, v, _, _)| *id == rule.id && *v == value)
        .map_or(("allowed", "forbidden"), |(_, _, allowed, refused)| {
            (*allowed, *refused)
        })
}

/// What a generated case expects.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Answer {
    Created,
    Row(&'static ErrorRow),
    /// 400 with some error code (the document names no row).
    Rejected,
    OneOf(Vec<(&'static str, Answer)>),
}

/// One generated case.
struct Generated {
    id: String,
    rule: &'static str,
    params: Vec<(String, String)>,
    answer: Answer,
    /// `Some(why)`: no snapshot, for this reason.
    no_snapshot: Option<&'static str>,
}

/// The generated case file.
pub fn yaml() -> String {
    let mut out = String::from(
        "# Generated from src/contract/params.rs at load time (src/suite/generated.rs).\narea: Generated\ncases:\n",
    );
    for case in cases() {
        render(&mut out, &case);
    }
    out
}

fn cases() -> Vec<Generated> {
    let mut out = Vec::new();
    for (param, rule) in params::rules() {
        if rule.unobservable.is_some() {
            continue;
        }
        if let Some(subject) = SUBJECTS.iter().find(|s| s.param == param.name) {
            out.extend(for_rule(subject, rule));
        } else if param.name == "DiskDeviceMapping.N.Size" {
            out.extend(size_cases(rule));
        }
    }
    out
}

fn for_rule(s: &Subject, rule: &'static Rule) -> Vec<Generated> {
    let mut out = Vec::new();
    let mut add = |variant: String, value: String, answer: Answer| {
        out.push(Generated {
            id: format!("generated.{}.{variant}", kebab(rule.id)),
            rule: rule.id,
            params: request(s, value),
            answer,
            no_snapshot: None,
        });
    };
    match rule.limit {
        Limit::Length { min, max } => {
            let mut lengths = Vec::new();
            if min >= 1 && (min > 1 || s.empty_is_value) {
                lengths.push(("min-minus-1", min - 1));
            }
            if min >= 1 || s.empty_is_value {
                lengths.push(("min", min));
            }
            lengths.extend([("max", max), ("max-plus-1", max + 1)]);
            for (variant, n) in lengths {
                let ok = (min..=max).contains(&n);
                let answer = if ok { Answer::Created } else { rejected(rule) };
                add(variant.to_owned(), fill(s, n), answer);
            }
        }
        Limit::FirstLetter => {
            for (variant, first) in [("digit", '7'), ("underscore", '_'), ("hyphen", '-')] {
                add(
                    format!("{variant}-first"),
                    format!("{first}{}", s.core),
                    rejected(rule),
                );
            }
            add(
                "upper-case-first".to_owned(),
                format!("Q{}", s.core),
                Answer::Created,
            );
        }
        Limit::Characters {
            punctuation,
            disputed,
        } => {
            add("digit".to_owned(), format!("{}7z", s.core), Answer::Created);
            add(
                "upper-case".to_owned(),
                format!("{}Qz", s.core),
                Answer::Created,
            );
            for c in [':', '.', '_', '-', ' ', '/', '!', '@'] {
                let value = format!("{}{c}z", s.core);
                let answer = if disputed.contains(&c) {
                    let (allowed, refused) = disputed_names(rule, &c.to_string());
                    Answer::OneOf(vec![(allowed, Answer::Created), (refused, row_of(rule))])
                } else if punctuation.contains(&c) {
                    Answer::Created
                } else {
                    rejected(rule)
                };
                add(char_name(c).to_owned(), value, answer);
            }
        }
        Limit::Ascii => {
            add(
                "printable".to_owned(),
                format!("{}+/=~", s.core),
                Answer::Created,
            );
            add(
                "non-ascii".to_owned(),
                format!("{}é", s.core),
                rejected(rule),
            );
        }
        Limit::NoPrefix(prefixes) => {
            for prefix in prefixes {
                add(
                    format!("starts-with-{}", slug(prefix)),
                    format!("{prefix}{}", s.core),
                    rejected(rule),
                );
            }
        }
        Limit::NoSubstring(texts) => {
            for text in texts {
                add(
                    format!("contains-{}", slug(text)),
                    format!("{}-{text}x", s.core),
                    rejected(rule),
                );
            }
        }
        Limit::Values { values, disputed } => {
            for value in values {
                let answer = if disputed.contains(value) {
                    let (allowed, refused) = disputed_names(rule, value);
                    Answer::OneOf(vec![(allowed, Answer::Created), (refused, row_of(rule))])
                } else {
                    Answer::Created
                };
                add(
                    format!("value-{}", slug(value)),
                    (*value).to_owned(),
                    answer,
                );
                add(
                    format!("near-miss-{}", slug(value)),
                    near_miss(value),
                    rejected(rule),
                );
            }
        }
        Limit::Count(max) => {
            for (variant, n) in [("max", max), ("max-plus-1", max + 1)] {
                let mut params = vec![(SNAPSHOT.0.to_owned(), SNAPSHOT.1.to_owned())];
                params.extend((1..=n).map(|i| (format!("Tag.{i}.Key"), format!("key{i}"))));
                out.push(Generated {
                    id: format!("generated.{}.{variant}", kebab(rule.id)),
                    rule: rule.id,
                    params,
                    // One tag too many has an index above the maximum: one
                    // tag too many, or an index out of range (ambiguity
                    // `tags-quota`).
                    answer: if n <= max {
                        Answer::Created
                    } else {
                        Answer::OneOf(vec![
                            ("quota-exceeded", row_of(rule)),
                            ("index-out-of-range", Answer::Rejected),
                        ])
                    },
                    no_snapshot: None,
                });
            }
            return out;
        }
        Limit::Default(_) | Limit::SizeRange { .. } | Limit::Statement => {}
    }
    // A valid value too short to be unique per run may have been taken by
    // an earlier run: either answer proves it well formed.
    if let Some(len) = s.unique_len {
        for case in &mut out {
            let value = &case.params.iter().find(|(k, _)| k == s.key).unwrap().1;
            if case.answer == Answer::Created && !value.contains("{{") && value.len() < len {
                case.answer = Answer::OneOf(vec![
                    ("created", Answer::Created),
                    (
                        "already-taken",
                        Answer::Row(&crate::contract::errors::IMAGE_NAME_DUPLICATED),
                    ),
                ]);
                case.no_snapshot = Some(
                    "a value this short cannot be unique per run: whether it is taken depends on what ran before",
                );
            }
        }
    }
    out
}

/// `DiskDeviceMapping.N.Size` of an entry without a snapshot, beside a
/// system snapshot: without a device it is another category, or a basic
/// disk (ambiguity `empty-disk-category`, readings `other-category` and
/// `basic-disk`); on `/dev/xvdb` it is a basic disk by the parameter table,
/// but could be any category by the method text.
fn size_cases(rule: &'static Rule) -> Vec<Generated> {
    let Limit::SizeRange { basic, other } = rule.limit else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (family, device, readings) in [
        (
            "other",
            None,
            vec![("other-category", other), ("basic-disk", basic)],
        ),
        (
            "basic",
            Some("/dev/xvdb"),
            vec![("basic-disk", basic), ("other-category", other)],
        ),
    ] {
        let (min, max) = readings[0].1;
        for (variant, n) in [
            ("min-minus-1", min - 1),
            ("min", min),
            ("max", max),
            ("max-plus-1", max + 1),
        ] {
            let answers: Vec<(&'static str, Answer)> = readings
                .iter()
                .map(|(name, (lo, hi))| {
                    let answer = if (*lo..=*hi).contains(&n) {
                        Answer::Created
                    } else {
                        rejected(rule)
                    };
                    (*name, answer)
                })
                .collect();
            let answer = if answers.iter().all(|(_, a)| *a == answers[0].1) {
                answers[0].1.clone()
            } else {
                Answer::OneOf(answers)
            };
            let mut params = vec![(
                "DiskDeviceMapping.1.SnapshotId".to_owned(),
                SNAPSHOT.1.to_owned(),
            )];
            if let Some(device) = device {
                params.push(("DiskDeviceMapping.2.Device".to_owned(), device.to_owned()));
            }
            params.push(("DiskDeviceMapping.2.Size".to_owned(), n.to_string()));
            out.push(Generated {
                id: format!("generated.{}.{family}-{variant}", kebab(rule.id)),
                rule: rule.id,
                params,
                answer,
                no_snapshot: None,
            });
        }
    }
    out
}

/// The request: the subject's base, then its parameter.
fn request(s: &Subject, value: String) -> Vec<(String, String)> {
    let mut params: Vec<(String, String)> = s
        .base
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect();
    params.push((s.key.to_owned(), value));
    params
}

/// A valid value of `n` characters.
fn fill(s: &Subject, n: usize) -> String {
    match s.unique_len {
        Some(len) if n >= len => format!("{}{}", s.core, pad(s.pad, n - len)),
        _ => pad(s.pad, n),
    }
}

fn pad(c: char, n: usize) -> String {
    match n {
        0..=16 => c.to_string().repeat(n),
        _ => format!("{{{{repeat {n} {c}}}}}"),
    }
}

/// What a rejected value gets, by the rule's basis.
fn rejected(rule: &Rule) -> Answer {
    match (rule.basis, rule.errors.first()) {
        (Basis::Documented, _) => row_of(rule),
        (Basis::ErrorChosen, Some(_)) => Answer::OneOf(vec![
            ("emulator-row", row_of(rule)),
            ("other-code", Answer::Rejected),
        ]),
        (Basis::ErrorChosen, None) => Answer::Rejected,
        (Basis::RuleChosen, _) => Answer::OneOf(vec![
            ("rejected", row_of(rule)),
            ("accepted", Answer::Created),
        ]),
    }
}

/// The rule's first error row (a rule without rows: any 400).
fn row_of(rule: &Rule) -> Answer {
    rule.errors
        .first()
        .and_then(|id| ErrorRow::by_id(id))
        .map_or(Answer::Rejected, Answer::Row)
}

/// The value with its letters' case swapped (or an `x` added when it has none).
fn near_miss(value: &str) -> String {
    let swapped: String = value
        .chars()
        .map(|c| {
            if c.is_ascii_uppercase() {
                c.to_ascii_lowercase()
            } else {
                c.to_ascii_uppercase()
            }
        })
        .collect();
    if swapped == value {
        format!("{value}x")
    } else {
        swapped
    }
}

fn char_name(c: char) -> &'static str {
    match c {
        ':' => "colon",
        '.' => "period",
        '_' => "underscore",
        '-' => "hyphen",
        ' ' => "space",
        '/' => "slash",
        '!' => "exclamation-mark",
        '@' => "at-sign",
        _ => "other",
    }
}

/// `ImageName.first-character` → `image-name.first-character`.
fn kebab(id: &str) -> String {
    let mut out = String::new();
    let mut previous_lower = false;
    for c in id.chars() {
        if c.is_ascii_uppercase() {
            if previous_lower {
                out.push('-');
            }
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
        previous_lower = c.is_ascii_lowercase() || c.is_ascii_digit();
    }
    out
}

/// `Windows Server 2012` → `windows-server-2012`, `http://` → `http`.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() || c == '_' {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_default()
}

fn render(out: &mut String, case: &Generated) {
    let _ = writeln!(out, "  - id: {}", case.id);
    let _ = writeln!(out, "    rule: {}", case.rule);
    if let Some(why) = case.no_snapshot {
        let _ = writeln!(out, "    # {why}");
        let _ = writeln!(out, "    snapshot: false");
    }
    let _ = writeln!(out, "    request:");
    for (key, value) in &case.params {
        let _ = writeln!(out, "      {key}: {}", quoted(value));
    }
    let _ = writeln!(out, "    expect:");
    match &case.answer {
        Answer::OneOf(readings) => {
            let _ = writeln!(out, "      one_of:");
            for (name, answer) in readings {
                let _ = writeln!(out, "        - reading: {name}");
                render_answer(out, answer, "          ");
            }
        }
        answer => render_answer(out, answer, "      "),
    }
}

fn render_answer(out: &mut String, answer: &Answer, indent: &str) {
    match answer {
        Answer::Created => {
            let _ = writeln!(out, "{indent}status: 200");
            let _ = writeln!(out, "{indent}body: {{ ImageId: {{ is: image-id }} }}");
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
        Answer::Rejected => {
            let _ = writeln!(out, "{indent}status: 400");
            let _ = writeln!(out, "{indent}code: {{ is: present }}");
            let _ = writeln!(out, "{indent}body: {{ ImageId: {{ is: absent }} }}");
        }
        Answer::OneOf(_) => unreachable!("readings are not nested"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    fn ids() -> Vec<String> {
        cases().into_iter().map(|c| c.id).collect()
    }

    #[test]
    fn generated_case_ids_are_unique_and_stable() {
        let ids = ids();
        let unique: BTreeSet<&String> = ids.iter().collect();
        assert_eq!(unique.len(), ids.len());
        for id in [
            "generated.image-name.length.min-minus-1",
            "generated.image-name.length.max-plus-1",
            "generated.image-name.first-character.digit-first",
            "generated.image-name.characters.colon",
            "generated.image-name.prefix.starts-with-https",
            "generated.description.length.max",
            "generated.image-family.prefix.starts-with-aliyun",
            "generated.client-token.length.max-plus-1",
            "generated.tag.key.length.min-minus-1",
            "generated.tag.value.length.min",
            "generated.tag.count.max-plus-1",
            "generated.platform.values.value-windows-server-2012",
            "generated.architecture.values.near-miss-x86_64",
            "generated.disk-device-mapping.size.range.basic-max-plus-1",
        ] {
            assert!(ids.iter().any(|i| i == id), "{id} missing from {ids:#?}");
        }
    }

    #[test]
    fn generated_cases_are_the_same_on_every_load() {
        assert_eq!(yaml(), yaml());
    }

    #[test]
    fn length_limits_are_probed_at_min_minus_1_min_max_and_max_plus_1() {
        let cases = cases();
        let name = |id: &str| cases.iter().find(|c| c.id == id).unwrap();
        let value = |id: &str| name(id).params.last().unwrap().1.clone();
        assert_eq!(value("generated.image-name.length.min-minus-1"), "x");
        assert_eq!(
            value("generated.image-name.length.max"),
            "{{unique}}{{repeat 110 x}}"
        );
        assert_eq!(
            value("generated.description.length.max-plus-1"),
            "{{repeat 257 d}}"
        );
        assert_eq!(value("generated.tag.key.length.min-minus-1"), "");
        assert!(matches!(
            name("generated.image-name.length.max-plus-1").answer,
            Answer::Row(row) if row.id == "image-name-malformed"
        ));
        // Two characters cannot be unique per run.
        let shortest = name("generated.image-name.length.min");
        assert!(shortest.no_snapshot.is_some());
        assert!(matches!(shortest.answer, Answer::OneOf(_)));
    }

    #[test]
    fn twenty_tags_are_accepted_and_twenty_one_exceed_the_quota_or_the_index_range() {
        let cases = cases();
        let max = cases
            .iter()
            .find(|c| c.id == "generated.tag.count.max")
            .unwrap();
        assert_eq!(max.params.len(), 21);
        assert_eq!(max.answer, Answer::Created);
        let over = cases
            .iter()
            .find(|c| c.id == "generated.tag.count.max-plus-1")
            .unwrap();
        assert_eq!(over.params.last().unwrap().0, "Tag.21.Key");
        let Answer::OneOf(readings) = &over.answer else {
            panic!("{:?}", over.answer);
        };
        assert!(
            matches!(readings[0], ("quota-exceeded", Answer::Row(row)) if row.code == "QuotaExceed.Tags")
        );
        assert_eq!(readings[1], ("index-out-of-range", Answer::Rejected));
    }

    #[test]
    fn a_disputed_value_accepts_either_reading() {
        let cases = cases();
        let arm = cases
            .iter()
            .find(|c| c.id == "generated.architecture.values.value-arm64")
            .unwrap();
        assert!(matches!(&arm.answer, Answer::OneOf(r) if r.len() == 2));
        let basic_min = cases
            .iter()
            .find(|c| c.id == "generated.disk-device-mapping.size.range.basic-min")
            .unwrap();
        assert!(matches!(&basic_min.answer, Answer::OneOf(r) if r.len() == 2));
    }

    #[test]
    fn a_disputed_value_names_its_branches_after_the_readings_that_take_them() {
        use crate::contract::ambiguities::Ambiguity;
        use crate::contract::readings::rules_under;
        for (rule, value, allowed, refused) in DISPUTED_READINGS {
            let id = if rule.starts_with("ImageName") {
                "image-name-characters"
            } else {
                "architecture-arm64"
            };
            let ambiguity = Ambiguity::by_id(id).unwrap();
            assert_eq!(ambiguity.default_reading().choice, *allowed);
            let under = rules_under(ambiguity.readings, refused);
            assert_ne!(under, crate::contract::Rules::reference(), "{refused}");
            let c = value.chars().next().unwrap();
            let refuses = if id == "image-name-characters" {
                !under.image_name_punctuation.contains(&c)
            } else {
                !under.architectures.contains(value)
            };
            assert!(refuses, "{id}={refused} does not refuse {value}");
        }
        let colon = cases()
            .into_iter()
            .find(|c| c.id == "generated.image-name.characters.colon")
            .unwrap();
        assert!(
            matches!(&colon.answer, Answer::OneOf(r) if r[0].0 == "union" && r[1].0 == "error-table")
        );
    }

    #[test]
    fn unobservable_rules_generate_nothing() {
        assert!(!ids().iter().any(|id| id.contains(".default.")));
    }

    #[test]
    fn kebab_and_slug_make_id_parts() {
        assert_eq!(
            kebab("DiskDeviceMapping.size.range"),
            "disk-device-mapping.size.range"
        );
        assert_eq!(kebab("Tag.key.prefix"), "tag.key.prefix");
        assert_eq!(slug("Windows Server 2012"), "windows-server-2012");
        assert_eq!(slug("https://"), "https");
        assert_eq!(slug("acs:"), "acs");
    }
}
