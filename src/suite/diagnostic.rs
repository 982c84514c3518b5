//! Problems found in case files, printed like a compiler's errors.
//!
//! A [`Diagnostic`] names the place (`file:line:col`), quotes the line and
//! puts a caret under the column:
//!
//! ```text
//! error: unknown key `reqest` in a case
//!   --> cases/image_name.yaml:12:5
//!    |
//! 12 |     reqest:
//!    |     ^
//!    = help: did you mean `request`?
//! ```
//!
//! [`LoadErrors`] is every diagnostic of a load, in file then line order.

use std::fmt;

use super::model::Loc;

/// One problem in a case file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Where the problem is. A line of 0 means the file as a whole (it could
    /// not be read): no source line is shown.
    pub loc: Loc,
    /// A lowercase fragment: ``unknown key `reqest` in a case``.
    pub message: String,
    /// The source line at `loc.line`, safe to print on a terminal.
    pub line_text: String,
    pub help: Option<String>,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(f, "error: {}", self.message)?;
        if self.loc.line == 0 {
            write!(f, " --> {}", self.loc.file)?;
        } else {
            let number = self.loc.line.to_string();
            let pad = " ".repeat(number.len());
            writeln!(f, "{pad}--> {}", self.loc)?;
            writeln!(f, "{pad} |")?;
            if self.line_text.is_empty() {
                writeln!(f, "{number} |")?;
            } else {
                writeln!(f, "{number} | {}", self.line_text)?;
            }
            let indent = " ".repeat(self.loc.column.saturating_sub(1) as usize);
            write!(f, "{pad} | {indent}^")?;
            if let Some(help) = &self.help {
                write!(f, "\n{pad} = help: {help}")?;
            }
            return Ok(());
        }
        if let Some(help) = &self.help {
            write!(f, "\n = help: {help}")?;
        }
        Ok(())
    }
}

/// Every problem found while loading case files. Nothing is loaded when
/// there is at least one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoadErrors {
    pub diagnostics: Vec<Diagnostic>,
}

impl fmt::Display for LoadErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for diagnostic in &self.diagnostics {
            write!(f, "{diagnostic}\n\n")?;
        }
        let n = self.diagnostics.len();
        let noun = if n == 1 { "problem" } else { "problems" };
        write!(f, "error: {n} {noun} in case files")
    }
}

impl std::error::Error for LoadErrors {}

/// Line `line` (1-based) of `source`, made safe for a terminal: a tab
/// becomes one space and any other control or bidirectional-override
/// character becomes `�`, so each character still takes one column and the
/// caret lines up.
pub fn line_text(source: &str, line: u32) -> String {
    let Some(index) = (line as usize).checked_sub(1) else {
        return String::new();
    };
    let text = source.split('\n').nth(index).unwrap_or("");
    let text = text.strip_suffix('\r').unwrap_or(text);
    text.chars()
        .map(|c| match c {
            '\t' => ' ',
            c if c.is_control() || is_bidi_control(c) => '\u{FFFD}',
            c => c,
        })
        .collect()
}

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

#[cfg(test)]
mod tests {
    use super::*;

    fn loc(line: u32, column: u32) -> Loc {
        Loc {
            file: "cases/image_name.yaml".into(),
            line,
            column,
        }
    }

    #[test]
    fn diagnostic_prints_like_a_compiler_error() {
        let diagnostic = Diagnostic {
            loc: loc(12, 5),
            message: "unknown key `reqest` in a case".into(),
            line_text: "    reqest:".into(),
            help: Some("did you mean `request`?".into()),
        };
        assert_eq!(
            diagnostic.to_string(),
            "error: unknown key `reqest` in a case\n  --> cases/image_name.yaml:12:5\n   |\n12 |     reqest:\n   |     ^\n   = help: did you mean `request`?"
        );
    }

    #[test]
    fn diagnostic_without_help_ends_at_the_caret() {
        let diagnostic = Diagnostic {
            loc: loc(3, 1),
            message: "missing `area` in the file".into(),
            line_text: "cases:".into(),
            help: None,
        };
        assert_eq!(
            diagnostic.to_string(),
            "error: missing `area` in the file\n --> cases/image_name.yaml:3:1\n  |\n3 | cases:\n  | ^"
        );
    }

    #[test]
    fn diagnostic_for_a_whole_file_shows_no_source_line() {
        let diagnostic = Diagnostic {
            loc: loc(0, 0),
            message: "cannot read the file: permission denied".into(),
            line_text: String::new(),
            help: None,
        };
        assert_eq!(
            diagnostic.to_string(),
            "error: cannot read the file: permission denied\n --> cases/image_name.yaml"
        );
    }

    #[test]
    fn load_errors_list_every_diagnostic_then_a_count() {
        let one = Diagnostic {
            loc: loc(1, 1),
            message: "first".into(),
            line_text: "a".into(),
            help: None,
        };
        let two = Diagnostic {
            message: "second".into(),
            ..one.clone()
        };
        let errors = LoadErrors {
            diagnostics: vec![one.clone(), two.clone()],
        };
        assert_eq!(
            errors.to_string(),
            format!("{one}\n\n{two}\n\nerror: 2 problems in case files")
        );
    }

    #[test]
    fn line_text_makes_tabs_and_escapes_safe_for_a_terminal() {
        let source = "a: 1\n\tb: \u{1b}[31mred\r\nc: \u{202E}x\n";
        assert_eq!(line_text(source, 2), " b: \u{FFFD}[31mred");
        assert_eq!(line_text(source, 3), "c: \u{FFFD}x");
        assert_eq!(line_text(source, 9), "");
        assert_eq!(line_text(source, 0), "");
    }
}
