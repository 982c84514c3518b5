//! Case files → [`Suite`].
//!
//! Case files are YAML (read with serde-saphyr, spans kept). Loading checks
//! everything that can be checked without a target — unknown keys, wrong
//! types, missing fields, duplicate case ids, unknown fixture names, bad
//! templates — and reports every problem in every file with `file:line:col`
//! and the offending line, before any request is sent.
//!
//! The stages, one file each:
//!
//! - `node.rs`: YAML text → a spanned tree;
//! - `reader.rs`: the walk over that tree, collecting [`Diagnostic`]s;
//! - `case.rs`, `step.rs`, `options.rs`, `expect.rs`, `matcher.rs`,
//!   `media_type.rs`, `template.rs`: one part
//!   of the case syntax each, documented with the YAML it reads;
//! - `load.rs`: files and directories ([`load_dir`], [`load_str`]);
//! - `generated.rs`: boundary cases derived from the contract data, merged
//!   into every suite [`load_dir`] reads;
//! - `trace.rs`: the sentence of the documents behind every expectation;
//! - `diagnostic.rs`: how a problem is printed;
//! - `schema.rs`: the JSON Schema of case files, from the key lists above.

mod case;
mod diagnostic;
mod expect;
pub mod generated;
mod load;
mod matcher;
pub mod media_type;
mod model;
mod node;
mod options;
mod reader;
pub mod schema;
mod step;
pub(crate) mod suggest;
mod template;
#[cfg(test)]
pub(crate) mod testing;
pub mod trace;

pub use diagnostic::{Diagnostic, LoadErrors};
pub use load::{load_dir, load_str};
pub use media_type::{ExpectedMediaType, MediaTypeSyntaxError};
pub use model::*;
pub use reader::Known;
pub use suggest::help;
