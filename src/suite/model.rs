//! The typed form of the case files: what the loader produces and the runner
//! consumes.
//!
//! ```yaml
//! area: ImageName
//! cases:
//!   - id: image-name.too-short
//!     rule: ImageName.length
//!     request:
//!       SnapshotId: "{{fixture.snapshot.system}}"
//!       ImageName: a
//!     expect:
//!       status: 400
//!       code: InvalidImageName.Malformed
//!       message: The specified Image name is wrongly formed.
//!       body:
//!         RequestId: { is: request-id }
//!         ImageId: { is: absent }
//! ```

use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;

use super::media_type::ExpectedMediaType;
use crate::wire::credentials::KeyVariant;
use crate::wire::{Format, NonceShape, WireStyle};

/// A position in a case file: `file:line:col`, 1-based.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Loc {
    /// The path as the user gave it (relative to the working directory when possible).
    pub file: Arc<str>,
    pub line: u32,
    pub column: u32,
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// Every case file of a directory, in file-name order.
#[derive(Clone, Debug)]
pub struct Suite {
    pub files: Vec<CaseFile>,
}

impl Suite {
    /// Every case with the file it came from, in file then declaration order.
    pub fn cases(&self) -> impl Iterator<Item = (&CaseFile, &Case)> {
        self.files
            .iter()
            .flat_map(|file| file.cases.iter().map(move |case| (file, case)))
    }
}

/// One `cases/*.yaml` file: an area of the contract and its cases.
#[derive(Clone, Debug)]
pub struct CaseFile {
    pub path: PathBuf,
    /// `area:` — the part of the contract the file covers, e.g. `ImageName`.
    pub area: String,
    pub cases: Vec<Case>,
}

/// One case: a single request with its expectation, or several steps.
#[derive(Clone, Debug)]
pub struct Case {
    /// `id:` — stable, unique across the suite, e.g. `image-name.too-short`.
    pub id: String,
    /// `rule:` — the contract rule(s) the case checks (a string or a list).
    pub rules: Vec<String>,
    /// Where `- id:` stands.
    pub loc: Loc,
    /// `account:` — the fixture account whose credentials sign the requests
    /// (default: `default`).
    pub account: Option<String>,
    /// `formats:` — which `Format` values to run (default: both).
    pub formats: Option<Vec<Format>>,
    /// `wire:` — which request styles to run (default: the run's style).
    pub wire: Option<Vec<WireStyle>>,
    /// `tags:` — free labels for filtering.
    pub tags: Vec<String>,
    /// `snapshot:` — compare with a recorded snapshot (default `true`). Off
    /// only for cases whose answer legitimately depends on what ran before.
    pub snapshot: bool,
    /// A single-request case (`request:` + `expect:`) is one step named `request`.
    pub steps: Vec<Step>,
}

impl Case {
    /// Every account a step of the case signs with (the case's own first).
    pub fn accounts(&self) -> Vec<&str> {
        let own = self.account.as_deref().unwrap_or("default");
        let mut out = vec![own];
        for step in &self.steps {
            let step_own = step.account.as_deref().unwrap_or(own);
            let group = step.concurrent.iter().flat_map(|c| c.accounts.iter());
            for name in std::iter::once(step_own).chain(group.map(String::as_str)) {
                if !out.contains(&name) {
                    out.push(name);
                }
            }
        }
        out
    }

    /// Every fixture reference (`instance.running`, …) used by any template of the case.
    pub fn fixtures(&self) -> Vec<&str> {
        let mut out: Vec<&str> = Vec::new();
        for step in &self.steps {
            for param in &step.params {
                for piece in &param.value.pieces {
                    if let Piece::Fixture(name) = piece
                        && !out.contains(&name.as_str())
                    {
                        out.push(name);
                    }
                }
            }
        }
        out
    }
}

/// One request and what must come back.
#[derive(Clone, Debug)]
pub struct Step {
    /// `name:` (default `request` for a single-request case).
    pub name: String,
    pub loc: Loc,
    /// `request: { same_as: STEP, … }` — start from the parameters of an
    /// earlier step (after templating, so `{{unique}}` keeps its value), then
    /// apply `params` on top. A param whose value is YAML `null` is removed.
    pub same_as: Option<String>,
    /// The operation parameters, in file order. Values are templates.
    pub params: Vec<Param>,
    pub expect: Expectation,
    /// `tamper:` — deliberate damage to the signed request.
    pub tamper: Tamper,
    /// `concurrent:` — send the step several times at once.
    pub concurrent: Option<Concurrent>,
    /// `account:` — the fixture account that signs this step (default: the
    /// case's).
    pub account: Option<String>,
}

/// `tamper:` — how a step's request departs from the harness's own
/// spelling: deliberately broken, to check the target's gateway, or spelled
/// as a real client spells it (wire-protocol.md §1), which the target must
/// accept.
///
/// ```yaml
/// tamper:
///   wrong_secret: true          # sign with a secret the target does not hold
///   unknown_access_key: true    # an AccessKeyId the target does not know
///   timestamp_offset: -20m      # shift Timestamp (s, m or h)
///   reuse_nonce: first          # the SignatureNonce of an earlier step
///   without: [Action]           # common parameters left out before signing
///   strip: [SignatureNonce]     # parameters (V3: headers) removed after signing
///   spell: { Format: json }     # a common parameter's value as a client spells it, signed
///   add: { SignatureType: "" }  # a parameter added beside the common ones, signed
///   nonce: uuid                 # the nonce's shape: hex-32 (default), hex-64, uuid
///   plus_for_space: true        # spaces written as `+` in the query or form body
///   access_key: swap-case       # the AccessKeyId in the other case (prefixed, suffixed, truncated), signed with the key's secret
///   security_token_of: sts-other  # the security token of another account, signed
///   append: { Description: x }  # added after signing where the style carries parameters
///   append_to_query: { Description: x }  # added after signing to the URL query
///   append_to_body: { Description: x }   # added after signing in a form body (V3: unhashed)
///   alter: { Action: DeleteImage }       # a parameter (V3: header) changed after signing
///   unsigned_headers: [x-acs-date]       # V3: sent but left out of SignedHeaders
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Tamper {
    pub wrong_secret: bool,
    pub unknown_access_key: bool,
    pub timestamp_offset_seconds: i64,
    pub reuse_nonce: Option<String>,
    pub without: Vec<String>,
    pub strip: Vec<String>,
    /// Common parameter → the value sent instead of the harness's
    /// (`Action`, `Version`, `Format`).
    pub spell: Vec<(String, String)>,
    /// Parameter → value, sent beside the common parameters (V3: in the query).
    pub add: Vec<(String, String)>,
    pub nonce: NonceShape,
    pub plus_for_space: bool,
    pub access_key: Option<KeyVariant>,
    /// The account whose security token is sent instead of the step's own.
    pub security_token_of: Option<String>,
    pub append: Vec<(String, String)>,
    pub append_to_query: Vec<(String, String)>,
    pub append_to_body: Vec<(String, String)>,
    pub alter: Vec<(String, String)>,
    pub unsigned_headers: Vec<String>,
}

/// `concurrent:` — the step's request sent `count` times at once. Every
/// answer is checked against `expect`; then the answers as a group.
///
/// ```yaml
/// concurrent:
///   count: 16
///   distinct: { ImageId: 1 }               # distinct values among answers carrying the field
///   tally: { created: 1, duplicated: 15 }  # answers per `one_of` reading
///   accounts: [default, other]             # copy i signed by accounts[i % 2]
///   disjoint: [ImageId]                    # no value answered to two accounts
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Concurrent {
    pub count: u32,
    pub distinct: Vec<Tally>,
    pub tally: Vec<Tally>,
    /// The accounts that sign the copies in turn (empty: the step's).
    pub accounts: Vec<String>,
    /// Fields whose value, once answered to one account, is never answered
    /// to another.
    pub disjoint: Vec<Located<String>>,
    pub loc: Loc,
}

/// One `name: count` entry of `distinct:` or `tally:`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tally {
    pub name: String,
    pub count: u32,
    pub loc: Loc,
}

/// One request parameter (`ImageName: a`).
#[derive(Clone, Debug)]
pub struct Param {
    pub name: String,
    pub value: Template,
    /// `true` for YAML `null`: the parameter is removed from what `same_as`
    /// copied (and `value` is empty).
    pub remove: bool,
    pub loc: Loc,
}

/// A string with `{{…}}` holes.
///
/// - `{{fixture.KIND.NAME}}` — the target's id of a fixture (`fixture.snapshot.system`).
/// - `{{unique}}` / `{{unique:LABEL}}` — a fresh name, unique per run and valid as
///   an `ImageName` (starts with a letter); the same within one run.
/// - `{{uuid}}` / `{{uuid:LABEL}}` — a fresh UUID, the same within one run.
/// - `{{steps.STEP.FIELD}}` — a body field captured from an earlier step.
/// - `{{repeat N TEXT}}` — TEXT repeated N times (for length limits).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Template {
    pub pieces: Vec<Piece>,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Piece {
    Text(String),
    /// `instance.running` (without the `fixture.` prefix).
    Fixture(String),
    /// The label (`""` for plain `{{unique}}`).
    Unique(String),
    Uuid(String),
    Capture {
        step: String,
        field: String,
    },
}

impl Template {
    pub fn literal(text: impl Into<String>) -> Template {
        Template {
            pieces: vec![Piece::Text(text.into())],
        }
    }
}

/// What a step expects: one set of expectations, or several documented
/// readings of an ambiguous rule, any one of which may match.
#[derive(Clone, Debug)]
pub enum Expectation {
    Single(Box<Expect>),
    /// `expect: { one_of: [ { reading: NAME, status: …, … }, … ] }`
    OneOf(Vec<Reading>),
}

/// One reading of a rule that `CreateImage.md` states in more than one way.
#[derive(Clone, Debug)]
pub struct Reading {
    /// `reading:` — a short name shown in reports (`conflict-403`).
    pub name: String,
    pub expect: Expect,
}

/// `expect:` — each part optional; an absent part is not checked.
#[derive(Clone, Debug, Default)]
pub struct Expect {
    pub loc: Option<Loc>,
    /// `status: 400`
    pub status: Option<Located<u16>>,
    /// `content_type:` — matched against the `Content-Type` header.
    pub content_type: Option<Located<Matcher>>,
    /// `root:` — matched against the XML root element's name (absent for JSON).
    pub root: Option<Located<Matcher>>,
    /// `code:` — matched against the body's `Code` (which must be absent on success).
    pub code: Option<Located<Matcher>>,
    /// `message:` — matched against the body's `Message`.
    pub message: Option<Located<Matcher>>,
    /// `body: { Field: matcher, … }` — top-level fields of the body tree
    /// (a dotted path reaches nested fields).
    pub body: Vec<FieldExpect>,
    /// `only: true` — no fields other than those named in `body` (and
    /// `Code`/`Message` when `code`/`message` are given) may be present.
    pub only: Option<Loc>,
    /// `because:` — the sentences of the documents that fix what this
    /// block asserts, beside those the contract data gives
    /// ([`crate::suite::trace`]); each checked verbatim when loaded.
    pub because: Vec<crate::contract::documents::Quote>,
}

/// A value with the place it was written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    pub loc: Loc,
}

/// One `body:` entry.
#[derive(Clone, Debug)]
pub struct FieldExpect {
    /// A dotted path into the body tree (`ImageId`, `Error.Code`).
    pub path: String,
    pub matcher: Matcher,
    pub loc: Loc,
}

/// How a value is checked.
///
/// - a plain scalar: equals (after templating; numbers compare by their text)
/// - `{ regex: "^m-" }`: the whole value matches
/// - `{ is: request-id | image-id | absent | present }`
/// - `{ media_type: application/json }`: a `Content-Type` as RFC 9110
///   compares it ([`ExpectedMediaType`])
/// - `{ one_of: [m1, m2, …] }`: any one matches
/// - `{ not: m }`: present, and `m` does not match
/// - `{ all_of: [m1, m2, …] }`: every one matches
#[derive(Clone, Debug)]
pub enum Matcher {
    Equals(Template),
    Regex(Arc<regex::Regex>),
    MediaType(ExpectedMediaType),
    Shape(Shape),
    Absent,
    Present,
    OneOf(Vec<Matcher>),
    /// `{ not: m }`: present, and `m` does not match.
    Not(Box<Matcher>),
    /// `{ all_of: [m1, m2, …] }`: every one matches.
    AllOf(Vec<Matcher>),
}

/// A named value shape.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shape {
    /// An uppercase UUID, 8-4-4-4-12.
    RequestId,
    /// `m-` followed by 20 lowercase letters or digits.
    ImageId,
}

impl Shape {
    pub fn name(self) -> &'static str {
        match self {
            Shape::RequestId => "request-id",
            Shape::ImageId => "image-id",
        }
    }

    pub fn matches(self, value: &str) -> bool {
        match self {
            Shape::RequestId => is_upper_uuid(value),
            Shape::ImageId => {
                value.len() == 22
                    && value.starts_with("m-")
                    && value[2..]
                        .bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
            }
        }
    }
}

fn is_upper_uuid(value: &str) -> bool {
    let groups: Vec<&str> = value.split('-').collect();
    groups.len() == 5
        && groups.iter().zip([8, 4, 4, 4, 12]).all(|(g, len)| {
            g.len() == len
                && g.bytes()
                    .all(|b| b.is_ascii_digit() || (b'A'..=b'F').contains(&b))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_id_shape_is_an_uppercase_uuid() {
        assert!(Shape::RequestId.matches("473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"));
        assert!(!Shape::RequestId.matches("473469c7-aa6f-4dc5-b3db-a3dc0de3c83e"));
        assert!(!Shape::RequestId.matches("473469C7AA6F-4DC5-B3DB-A3DC0DE3C83E"));
    }

    #[test]
    fn image_id_shape_is_m_dash_and_twenty_lowercase_alphanumerics() {
        assert!(Shape::ImageId.matches("m-bp1hu74xiv2jok7936mg"));
        assert!(!Shape::ImageId.matches("m-bp1hu74xiv2jok7936m"));
        assert!(!Shape::ImageId.matches("m-BP1HU74XIV2JOK7936MG"));
        assert!(!Shape::ImageId.matches("i-bp1hu74xiv2jok7936mg"));
    }
}
