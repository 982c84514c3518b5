//! Classes of "only ASCII characters" (`Limit::Ascii`): printable ASCII
//! that URL encoders and signers treat differently (space, `+`, `%`, `*`,
//! `~`), and non-ASCII characters of each UTF-8 width. Implementations
//! check bytes below 128 after decoding `+` or `%XX` wrongly, or test for
//! "alphanumeric" instead of ASCII.

use super::{Class, Probe, class};

pub static CLASSES: &[Class] = &[
    class(
        "printable",
        Probe::Middle("+/=~"),
        "ASCII narrowed to letters, digits and `-`",
    ),
    class(
        "space",
        Probe::Middle(" "),
        "a space refused, or `+` and `%20` confused",
    ),
    class("plus", Probe::Middle("+"), "`+` decoded as a space"),
    class("percent", Probe::Middle("%"), "`%` decoded again"),
    class(
        "asterisk",
        Probe::Middle("*"),
        "`*` left unencoded by a form encoder",
    ),
    class(
        "non-ascii",
        Probe::Middle("é"),
        "a byte check that lets Latin-1 through",
    ),
    class(
        "cjk",
        Probe::Middle("中"),
        "a check that accepts any letter",
    ),
    class(
        "outside-bmp",
        Probe::Middle("😀"),
        "a check per UTF-16 unit",
    ),
];
