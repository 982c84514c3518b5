//! Case files → [`Suite`].
//!
//! Case files are YAML (read with serde-saphyr, spans kept). Loading checks
//! everything that can be checked without a target — unknown keys, wrong
//! types, missing fields, duplicate case ids, unknown fixture names, bad
//! templates — and reports every problem in every file with `file:line:col`
//! and the offending line, before any request is sent.

mod model;

pub use model::*;
