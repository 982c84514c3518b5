//! How a value of one parameter is put into a request that is otherwise
//! valid ([`Subject`]), for every parameter whose classes are generated.

use crate::contract::params::{Limit, Param, Rule};

/// The system snapshot every generated request is built on.
pub const SNAPSHOT: (&str, &str) = ("SnapshotId", "{{fixture.snapshot.system}}");

/// A parameter the generated cases carry.
pub struct Subject {
    /// The contract's [`Param::name`].
    pub param: &'static str,
    /// The request parameter that carries the value.
    pub key: &'static str,
    /// The rest of the request.
    pub base: &'static [(&'static str, &'static str)],
    /// A valid value, unique per run when the parameter must be.
    pub core: &'static str,
    /// `core` as the checks see it once its template is filled in.
    pub core_text: &'static str,
    /// `core` is a template of this many characters that makes the value
    /// unique per run; values shorter than this cannot be unique.
    pub unique_len: Option<usize>,
    /// The character that pads a value to a length (valid anywhere).
    pub pad: char,
    /// An empty value is a value (tags), not an absent parameter.
    pub empty_is_value: bool,
    /// The words a code of its own for this parameter would carry, where
    /// the document has no row (`Invalid(Parameter|NAMES)…`).
    pub codes: &'static str,
}

const fn subject(
    param: &'static str,
    core: &'static str,
    pad: char,
    codes: &'static str,
) -> Subject {
    Subject {
        param,
        key: param,
        base: &[SNAPSHOT],
        core,
        core_text: core,
        unique_len: None,
        pad,
        empty_is_value: false,
        codes,
    }
}

/// The parameters whose classes are generated. (`DiskType` values need a
/// different request per value and are written by hand; `Action` is set by
/// the signer; the fixture-state rules of sources are written by hand.)
pub static SUBJECTS: &[Subject] = &[
    Subject {
        core_text: "ct0123456789abcdef",
        unique_len: Some(18),
        ..subject("ImageName", "{{unique}}", 'x', "ImageName")
    },
    subject("Description", "described", 'd', "Description"),
    subject("ImageFamily", "family", 'f', "ImageFamily"),
    subject("ImageVersion", "1", '1', "ImageVersion"),
    Subject {
        core_text: "123e4567-e89b-12d3-a456-426655440000",
        unique_len: Some(36),
        ..subject("ClientToken", "{{uuid}}", 't', "ClientToken")
    },
    Subject {
        key: "Tag.1.Key",
        base: &[SNAPSHOT, ("Tag.1.Value", "value")],
        empty_is_value: true,
        ..subject("Tag.N.Key", "key", 'k', "Tag|TagKey")
    },
    Subject {
        key: "Tag.1.Value",
        base: &[SNAPSHOT, ("Tag.1.Key", "key")],
        empty_is_value: true,
        ..subject("Tag.N.Value", "value", 'v', "Tag|TagValue")
    },
    subject("Platform", "CentOS", 'x', "Platform"),
    subject("Architecture", "x86_64", 'x', "Architecture"),
];

/// The subject that carries values of `rule`: its parameter's, or for the
/// signing rule (`Limit::Encoding`) free text, `Description`.
pub fn of(param: &Param, rule: &Rule) -> Option<&'static Subject> {
    let name = if rule.limit == Limit::Encoding {
        "Description"
    } else {
        param.name
    };
    SUBJECTS.iter().find(|s| s.param == name)
}
