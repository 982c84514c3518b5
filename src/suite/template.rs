//! Templates: strings with `{{…}}` holes, parsed into [`Template`] pieces.
//!
//! ```yaml
//! SnapshotId: "{{fixture.snapshot.system}}"   # a fixture's id on the target
//! ImageName: "{{unique}}"                      # a fresh name (also {{unique:LABEL}})
//! ClientToken: "{{uuid:token}}"                # a fresh UUID (also {{uuid}})
//! ImageId: "{{steps.first.ImageId}}"           # a field captured from an earlier step
//! Description: "{{repeat 257 a}}"              # `a` 257 times, expanded here
//! ```
//!
//! Whitespace just inside the braces is allowed (`{{ uuid }}`). Anything
//! else inside `{{ }}`, and an unclosed `{{`, is an error. Whether a fixture
//! or a step exists is checked by the loader, which knows them.

use super::model::{Piece, Template};

/// The largest `N` of `{{repeat N TEXT}}`.
pub const MAX_REPEAT: usize = 100_000;
/// The largest text one `{{repeat}}` may produce, in characters.
pub const MAX_REPEAT_OUTPUT: usize = 1_000_000;

const FORMS: &str = "expected `{{fixture.KIND.NAME}}`, `{{unique}}`, `{{unique:LABEL}}`, `{{uuid}}`, `{{uuid:LABEL}}`, `{{steps.STEP.FIELD}}` or `{{repeat N TEXT}}`";

/// Why a string is not a valid template.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TemplateError {
    pub message: String,
    pub help: Option<String>,
}

impl TemplateError {
    fn new(message: String, help: Option<&str>) -> TemplateError {
        TemplateError {
            message,
            help: help.map(str::to_owned),
        }
    }
}

/// Parses `text`. A string without holes is [`Template::literal`].
pub fn parse(text: &str) -> Result<Template, TemplateError> {
    let mut pieces: Vec<Piece> = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find("{{") {
        push_text(&mut pieces, &rest[..open]);
        let after = &rest[open + 2..];
        let Some(close) = after.find("}}") else {
            return Err(TemplateError::new(
                format!("unclosed `{{{{` in template `{}`", shorten(text)),
                Some("close the hole with `}}`"),
            ));
        };
        match hole(after[..close].trim())? {
            Piece::Text(repeated) => push_text(&mut pieces, &repeated),
            piece => pieces.push(piece),
        }
        rest = &after[close + 2..];
    }
    push_text(&mut pieces, rest);
    if pieces.is_empty() {
        return Ok(Template::literal(""));
    }
    Ok(Template { pieces })
}

fn push_text(pieces: &mut Vec<Piece>, text: &str) {
    if text.is_empty() {
        return;
    }
    if let Some(Piece::Text(last)) = pieces.last_mut() {
        last.push_str(text);
    } else {
        pieces.push(Piece::Text(text.to_owned()));
    }
}

/// One hole's content, trimmed. `repeat` comes back already expanded, as text.
fn hole(inner: &str) -> Result<Piece, TemplateError> {
    let unknown = || {
        TemplateError::new(
            format!("unknown template hole `{{{{{}}}}}`", shorten(inner)),
            Some(FORMS),
        )
    };
    if let Some(name) = inner.strip_prefix("fixture.") {
        if name.is_empty() || name.chars().any(char::is_whitespace) {
            return Err(unknown());
        }
        return Ok(Piece::Fixture(name.to_owned()));
    }
    if let Some(path) = inner.strip_prefix("steps.") {
        return match path.split_once('.') {
            Some((step, field))
                if !step.is_empty()
                    && !field.is_empty()
                    && !path.chars().any(char::is_whitespace) =>
            {
                Ok(Piece::Capture {
                    step: step.to_owned(),
                    field: field.to_owned(),
                })
            }
            _ => Err(TemplateError::new(
                format!("`{{{{{}}}}}` needs a step and a field", shorten(inner)),
                Some("write `{{steps.STEP.FIELD}}`, e.g. `{{steps.first.ImageId}}`"),
            )),
        };
    }
    if let Some(rest) = inner.strip_prefix("repeat")
        && (rest.is_empty() || rest.starts_with(char::is_whitespace))
    {
        return repeat(rest.trim_start());
    }
    let (word, label) = match inner.split_once(':') {
        Some((word, label)) => (word.trim_end(), Some(label.trim_start())),
        None => (inner, None),
    };
    if let Some(label) = label
        && (label.is_empty() || !label.chars().all(is_label_char))
    {
        return Err(TemplateError::new(
            format!(
                "bad label `{}` in `{{{{{}}}}}`",
                shorten(label),
                shorten(inner)
            ),
            Some("a label is letters, digits, `_` and `-`"),
        ));
    }
    let label = label.unwrap_or("").to_owned();
    match word {
        "unique" => Ok(Piece::Unique(label)),
        "uuid" => Ok(Piece::Uuid(label)),
        _ => Err(unknown()),
    }
}

fn is_label_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '-'
}

fn repeat(args: &str) -> Result<Piece, TemplateError> {
    let bad = |message: String| {
        TemplateError::new(
            message,
            Some("write `{{repeat N TEXT}}`, e.g. `{{repeat 129 a}}`"),
        )
    };
    let (count, text) = args
        .split_once(char::is_whitespace)
        .map(|(count, text)| (count, text.trim_start()))
        .unwrap_or((args, ""));
    let Ok(count) = count.parse::<usize>() else {
        return Err(bad(format!(
            "`repeat` needs a count, found `{}`",
            shorten(count)
        )));
    };
    if count > MAX_REPEAT {
        return Err(bad(format!(
            "`repeat` count {count} is over the limit of {MAX_REPEAT}"
        )));
    }
    if text.is_empty() {
        return Err(bad("`repeat` needs a text to repeat".to_owned()));
    }
    let output = count.saturating_mul(text.chars().count());
    if output > MAX_REPEAT_OUTPUT {
        return Err(bad(format!(
            "`repeat` would produce {output} characters, over the limit of {MAX_REPEAT_OUTPUT}"
        )));
    }
    Ok(Piece::Text(text.repeat(count)))
}

/// At most 60 characters of `text`, for messages.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(60) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> Piece {
        Piece::Text(s.to_owned())
    }

    #[test]
    fn a_string_without_holes_is_a_literal() {
        assert_eq!(
            parse("plain }} text").unwrap(),
            Template::literal("plain }} text")
        );
        assert_eq!(parse("").unwrap(), Template::literal(""));
    }

    #[test]
    fn every_hole_form_parses_into_its_piece() {
        let template = parse(
            "a{{fixture.snapshot.system}}{{unique}}{{unique:x}}{{uuid}}{{uuid:tok}}{{steps.first.Error.Code}}z",
        )
        .unwrap();
        assert_eq!(
            template.pieces,
            [
                text("a"),
                Piece::Fixture("snapshot.system".into()),
                Piece::Unique(String::new()),
                Piece::Unique("x".into()),
                Piece::Uuid(String::new()),
                Piece::Uuid("tok".into()),
                Piece::Capture {
                    step: "first".into(),
                    field: "Error.Code".into()
                },
                text("z"),
            ]
        );
    }

    #[test]
    fn whitespace_inside_the_braces_is_allowed() {
        assert_eq!(
            parse("{{ uuid }}-{{  fixture.instance.running\t}}")
                .unwrap()
                .pieces,
            [
                Piece::Uuid(String::new()),
                text("-"),
                Piece::Fixture("instance.running".into())
            ]
        );
    }

    #[test]
    fn repeat_is_expanded_at_load_time_and_merged_with_text() {
        assert_eq!(
            parse("x{{repeat 3 ab}}y").unwrap(),
            Template::literal("xabababy")
        );
        assert_eq!(parse("{{repeat 0 a}}").unwrap(), Template::literal(""));
    }

    #[test]
    fn repeat_over_the_limit_is_an_error() {
        let err = parse("{{repeat 100001 a}}").unwrap_err();
        assert_eq!(
            err.message,
            "`repeat` count 100001 is over the limit of 100000"
        );
        let err = parse("{{repeat 100000 abcdefghijk}}").unwrap_err();
        assert!(
            err.message
                .starts_with("`repeat` would produce 1100000 characters")
        );
        assert!(parse("{{repeat 100000 a}}").is_ok());
    }

    #[test]
    fn repeat_needs_a_count_and_a_text() {
        assert_eq!(
            parse("{{repeat a b}}").unwrap_err().message,
            "`repeat` needs a count, found `a`"
        );
        assert_eq!(
            parse("{{repeat 3}}").unwrap_err().message,
            "`repeat` needs a text to repeat"
        );
    }

    #[test]
    fn unclosed_braces_are_an_error() {
        assert_eq!(
            parse("name-{{unique").unwrap_err().message,
            "unclosed `{{` in template `name-{{unique`"
        );
    }

    #[test]
    fn an_unknown_hole_is_an_error_listing_the_forms() {
        let err = parse("{{random}}").unwrap_err();
        assert_eq!(err.message, "unknown template hole `{{random}}`");
        assert_eq!(err.help.as_deref(), Some(FORMS));
        assert!(parse("{{}}").is_err());
        assert!(parse("{{fixture.}}").is_err());
        assert!(parse("{{uuid:}}").is_err());
    }

    #[test]
    fn a_capture_needs_a_step_and_a_field() {
        assert_eq!(
            parse("{{steps.first}}").unwrap_err().message,
            "`{{steps.first}}` needs a step and a field"
        );
    }
}
