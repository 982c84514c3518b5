//! The two documents the contract is, and quotations of them.
//!
//! `CreateImage.md` (the operation) and `wire-protocol.md` (signing,
//! envelopes, the gateway) are kept verbatim in `docs/spec/` and compiled
//! in. A [`Quote`] names a document, a place in it and the words it says;
//! every quote the contract data or a case file gives is checked against
//! the text ([`Quote::is_verbatim`]), so that the sentence a verdict cites
//! is one an implementer can find. Markdown escapes, emphasis, code spans
//! (every `*`) and runs of white space do not count; `...` (or `…`) in a quote stands
//! for words left out, the pieces appearing in order.

use std::borrow::Cow;
use std::fmt;

/// `docs/spec/CreateImage.md`.
pub const CREATE_IMAGE_MD: &str = include_str!("../../docs/spec/CreateImage.md");
/// `docs/spec/wire-protocol.md`.
pub const WIRE_PROTOCOL_MD: &str = include_str!("../../docs/spec/wire-protocol.md");

/// One of the two documents.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Doc {
    CreateImage,
    WireProtocol,
}

impl Doc {
    /// The file name, as a case file writes it (`doc: CreateImage.md`).
    pub fn name(self) -> &'static str {
        match self {
            Doc::CreateImage => "CreateImage.md",
            Doc::WireProtocol => "wire-protocol.md",
        }
    }

    /// The document with this file name.
    pub fn from_name(name: &str) -> Option<Doc> {
        [Doc::CreateImage, Doc::WireProtocol]
            .into_iter()
            .find(|doc| doc.name() == name)
    }

    /// The whole text.
    pub fn text(self) -> &'static str {
        match self {
            Doc::CreateImage => CREATE_IMAGE_MD,
            Doc::WireProtocol => WIRE_PROTOCOL_MD,
        }
    }
}

/// Words of a document: which one, where (a section, a table and its
/// row), and the words themselves.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Quote {
    pub doc: Doc,
    /// `Request parameters, ImageName`; `§5 Gateway errors`.
    pub place: Cow<'static, str>,
    pub text: Cow<'static, str>,
}

/// A quote of `CreateImage.md`.
pub const fn ci(place: &'static str, text: &'static str) -> Quote {
    Quote {
        doc: Doc::CreateImage,
        place: Cow::Borrowed(place),
        text: Cow::Borrowed(text),
    }
}

/// A quote of `wire-protocol.md`.
pub const fn wire(place: &'static str, text: &'static str) -> Quote {
    Quote {
        doc: Doc::WireProtocol,
        place: Cow::Borrowed(place),
        text: Cow::Borrowed(text),
    }
}

impl Quote {
    /// `true` when the words appear in the document as quoted (each piece
    /// between `...` in order), markup and white space aside.
    pub fn is_verbatim(&self) -> bool {
        let haystack = plain(self.doc.text());
        let mut from = 0;
        let mut pieces = 0;
        for piece in self.text.split(['…']).flat_map(|p| p.split("...")) {
            let piece = plain(piece);
            if piece.is_empty() {
                continue;
            }
            match haystack[from..].find(&piece) {
                Some(at) => from += at + piece.len(),
                None => return false,
            }
            pieces += 1;
        }
        pieces > 0
    }
}

impl fmt::Display for Quote {
    /// `CreateImage.md, Request parameters, ImageName: "The name must …"`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}, {}: \"{}\"", self.doc.name(), self.place, self.text)
    }
}

/// The words of `text` without Markdown markup: backslash escapes
/// resolved, every `*` (emphasis, and the masks of example ids) and code-span
/// mark dropped, white space runs made one space,
/// table cell borders kept.
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        let c = match c {
            '\\' => match chars.peek() {
                Some(next) if next.is_ascii_punctuation() => chars.next().unwrap_or(c),
                _ => c,
            },
            other => other,
        };
        if c == '`' || c == '*' {
            continue;
        }
        if c.is_whitespace() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_matches_through_markdown_escapes_and_line_breaks() {
        let quote = ci(
            "Request parameters, ImageName",
            "can contain letters, digits, colons (:), underscores (_), and hyphens (-).",
        );
        assert!(quote.is_verbatim());
    }

    #[test]
    fn an_ellipsis_joins_pieces_that_appear_in_order() {
        assert!(
            ci(
                "Description",
                "sorted by priority: ... InstanceId > DiskDeviceMapping"
            )
            .is_verbatim()
        );
        assert!(
            !ci(
                "Description",
                "InstanceId > DiskDeviceMapping ... sorted by priority"
            )
            .is_verbatim()
        );
    }

    #[test]
    fn words_the_document_does_not_say_are_not_verbatim() {
        assert!(
            !ci(
                "Request parameters, ImageName",
                "must be 2 to 127 characters"
            )
            .is_verbatim()
        );
        assert!(!wire("§5", "").is_verbatim());
    }

    #[test]
    fn code_spans_do_not_count() {
        assert!(
            wire(
                "§2",
                "Format (JSON or XML; when omitted the ECS docs say XML)"
            )
            .is_verbatim()
        );
    }
}
