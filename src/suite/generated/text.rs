//! The classes of text parameters, instantiated for one rule: lengths,
//! first characters, character sets, ASCII, forbidden prefixes and texts,
//! value lists and signed text. Each value's answer comes from the
//! contract's limits ([`admits`]) over every rule of the parameter, so a
//! value that another rule refuses first is not applicable to this one.

use crate::contract::classes::admits::{Verdict, admits, both};
use crate::contract::classes::{Class, Place, Probe, Unit};
use crate::contract::errors::IMAGE_NAME_DUPLICATED;
use crate::contract::params::{self, Basis, Limit, Param, Rule};

use super::answer::{Answer, rejected, row_of};
use super::names::{char_name, near_miss, slug};
use super::subjects::Subject;
use super::{Instance, Sending};

/// A value as written in the case (a template) and as the target sees it.
#[derive(Clone, Debug, Default)]
struct Text {
    template: String,
    plain: String,
}

impl Text {
    fn core(s: &Subject) -> Text {
        Text {
            template: s.core.to_owned(),
            plain: s.core_text.to_owned(),
        }
    }

    fn literal(text: &str) -> Text {
        Text {
            template: text.to_owned(),
            plain: text.to_owned(),
        }
    }

    fn push(mut self, text: &str) -> Text {
        self.template.push_str(text);
        self.plain.push_str(text);
        self
    }

    fn then(mut self, other: Text) -> Text {
        self.template.push_str(&other.template);
        self.plain.push_str(&other.plain);
        self
    }

    /// `c` `n` times: a long run as a `{{repeat}}` template, except white
    /// space and control characters, which a template's hole would trim.
    fn repeat(mut self, c: char, n: usize) -> Text {
        if n > 16 && !c.is_whitespace() && !c.is_control() {
            self.template.push_str(&format!("{{{{repeat {n} {c}}}}}"));
        } else {
            self.template.extend(std::iter::repeat_n(c, n));
        }
        self.plain.extend(std::iter::repeat_n(c, n));
        self
    }
}

/// Every instance of `class` for `rule`, carried by `s`.
pub fn instances(s: &Subject, rule: &'static Rule, class: &Class) -> Vec<Instance> {
    values(s, rule, class)
        .into_iter()
        .map(|(variant, text)| {
            let answer = match class.probe {
                // One empty disputed value per rule: the plain class stands for it.
                Probe::Length(_, unit)
                    if text.plain.is_empty() && !s.empty_is_value && unit != Unit::Ascii =>
                {
                    Err(
                        "an empty value has no characters of any width: the ASCII class of this bound is the empty value".to_owned(),
                    )
                }
                // The white space of a length's bounds probes only a
                // parameter whose characters allow it.
                Probe::Length(_, Unit::Tab | Unit::CrLf) if refused_by_another(s, rule, &text).is_some() => Err(format!(
                    "{} refuses these characters: its own classes probe them",
                    refused_by_another(s, rule, &text).unwrap_or_default()
                )),
                Probe::Length(_, Unit::CrLf) if !text.plain.contains("\r\n") => Err(
                    "a value this short holds no CR LF pair: the ASCII class of this bound is the same value".to_owned(),
                ),
                _ => answer_for(s, rule, &text),
            };
            let no_snapshot = answer.as_ref().ok().and_then(|a| {
                (s.param == "ImageName" && a.may_create() && !text.template.contains("{{"))
                    .then_some(
                        "a value this short cannot be unique per run: whether it is taken depends on what ran before",
                    )
            });
            let answer = match answer {
                Ok(a) if no_snapshot.is_some() => Ok(Answer::one_of(vec![
                    ("", created_as(a)),
                    ("already-taken", Answer::Row(&IMAGE_NAME_DUPLICATED)),
                ])),
                other => other,
            };
            let mut params: Vec<(String, String)> = s
                .base
                .iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect();
            params.push((s.key.to_owned(), text.template));
            Instance {
                variant,
                params,
                answer,
                no_snapshot,
                sending: Sending::default(),
            }
        })
        .collect()
}

/// A plain creation is named `created` beside `already-taken`.
fn created_as(answer: Answer) -> Answer {
    match answer {
        Answer::Created => Answer::OneOf(vec![("created".into(), Answer::Created)]),
        other => other,
    }
}

/// The values of a class: (id variant, value).
fn values(s: &Subject, rule: &Rule, class: &Class) -> Vec<(String, Text)> {
    let id = class.id.to_owned();
    let core = || Text::core(s);
    match (class.probe, rule.limit) {
        (Probe::Length(bound, unit), Limit::Length { min, max }) => {
            // An empty value: where it is a value (tags), or where whether it
            // is one is disputed (ambiguity `empty-values`).
            let empty_probed = s.empty_is_value || rule.ambiguities.contains(&"empty-values");
            match bound.of(min as u64, max as u64) {
                Some(n) if n > 0 || empty_probed => vec![(id, fill(s, n as usize, unit))],
                _ => Vec::new(),
            }
        }
        (Probe::Start(t), _) => vec![(id, Text::literal(t).then(core()))],
        (Probe::Middle(t), _) => vec![(id, core().push(t).push("z"))],
        (Probe::End(t), _) => vec![(id, core().push(t))],
        (Probe::EachAllowed(Place::End), Limit::Characters { punctuation, .. }) => punctuation
            .iter()
            .map(|c| {
                (
                    format!("{id}-{}", char_name(*c)),
                    core().push(&c.to_string()),
                )
            })
            .collect(),
        (Probe::Forbidden(variant, place), Limit::NoPrefix(texts) | Limit::NoSubstring(texts)) => {
            texts
                .iter()
                .map(|t| {
                    let t2 = variant.apply(t);
                    let value = match place {
                        Place::Start => Text::literal(&t2).then(core()),
                        Place::Alone => Text::literal(&t2),
                        Place::Middle => core().push("-").push(&t2).push("x"),
                        Place::End => core().push("-").push(&t2),
                    };
                    (format!("{id}-{}", slug(t)), value)
                })
                .collect()
        }
        (Probe::EachValue, Limit::Values { values, .. }) => values
            .iter()
            .map(|v| (format!("value-{}", slug(v)), Text::literal(v)))
            .collect(),
        (Probe::EachValueCaseSwapped, Limit::Values { values, .. }) => values
            .iter()
            .map(|v| {
                (
                    format!("near-miss-{}", slug(v)),
                    Text::literal(&near_miss(v)),
                )
            })
            .collect(),
        (Probe::FirstValue(variant), Limit::Values { values, .. }) => {
            vec![(id, Text::literal(&variant.apply(values[0])))]
        }
        _ => Vec::new(),
    }
}

/// A valid value of `n` characters in `unit`: the unique core first when
/// the value is long enough to hold it.
fn fill(s: &Subject, n: usize, unit: Unit) -> Text {
    if unit == Unit::CrLf {
        let pairs = n / 2;
        let mut text = Text::default().repeat(s.pad, n % 2);
        text = text.push(&"\r\n".repeat(pairs));
        return text;
    }
    let c = unit.char().unwrap_or(s.pad);
    match s.unique_len {
        Some(len) if n >= len => Text::core(s).repeat(c, n - len),
        _ => Text::default().repeat(c, n),
    }
}

/// The answer to `text` by every rule of the parameter: `Err(why)` when the
/// value is not applicable to `rule` (another rule refuses it first, or two
/// ambiguities decide it).
fn answer_for(s: &Subject, rule: &'static Rule, text: &Text) -> Result<Answer, String> {
    let plain = text.plain.as_str();
    let verdict = admits(rule, plain);
    if verdict == Verdict::Refused {
        return Ok(rejected(rule, s.codes));
    }
    let mut combined = verdict;
    let mut disputer = rule;
    for other in param(s).rules.iter().filter(|r| r.id != rule.id) {
        let said = admits(other, plain);
        if said == Verdict::Refused {
            return Err(format!("{} refuses it first", other.id));
        }
        if matches!(said, Verdict::Disputed(_)) {
            disputer = other;
        }
        combined =
            both(combined, said).ok_or_else(|| "two ambiguities decide it together".to_owned())?;
    }
    Ok(match combined {
        Verdict::Disputed(d) => Answer::one_of(vec![
            (d.allowed, Answer::Created),
            (d.refused, rejected(disputer, s.codes)),
        ]),
        _ => admitted(s),
    })
}

/// What a value every rule of the parameter admits gets: a creation; where
/// a rule of the parameter is the emulator's own reading of an unstated
/// rule ([`Basis::RuleChosen`]: `ImageVersion`, of which the documents give
/// only the sample value and an error row), a creation or that rule's row.
/// The documented sample itself is a case written by hand.
fn admitted(s: &Subject) -> Answer {
    match param(s).rules.iter().find(|r| r.basis == Basis::RuleChosen) {
        Some(chosen) => Answer::one_of(vec![
            ("accepted", Answer::Created),
            ("rejected", row_of(chosen, s.codes)),
        ]),
        None => Answer::Created,
    }
}

/// The first other rule of the parameter that refuses `text`.
fn refused_by_another(s: &Subject, rule: &Rule, text: &Text) -> Option<&'static str> {
    param(s)
        .rules
        .iter()
        .find(|other| other.id != rule.id && admits(other, &text.plain) == Verdict::Refused)
        .map(|other| other.id)
}

fn param(s: &Subject) -> &'static Param {
    params::PARAMS
        .iter()
        .find(|p| p.name == s.param)
        .expect("every subject is a parameter of the contract")
}
