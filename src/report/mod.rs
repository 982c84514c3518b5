//! Reports: every format renders the same [`Report`], built once from a
//! session's run records ([`build()`]), with every secret removed
//! ([`redact`]; each run's entry as the run finishes, [`redact_entry`]).
//! One file per format:
//!
//! - [`json`]: the document itself, versioned (`docs/report.schema.json`);
//!   `report merge` ([`merge()`]) reads it back.
//! - [`junit`]: JUnit XML for CI test dashboards.
//! - [`html`]: a self-contained conformance page for publishing.
//! - [`markdown`]: a short summary for a pull request or
//!   `$GITHUB_STEP_SUMMARY`.
//! - [`badge`]: an SVG badge of the score for a README.
//!
//! [`digest`] computes what the human formats show at a glance (verdict,
//! areas, readings chosen, differences by field, reproduce commands).
//! [`gate`] judges failures against an expected-failures file; [`reference`]
//! writes the console's section on runs that differ from the reference
//! snapshots; [`request`] shows the request a failing step sent. Adding a
//! format is one file here, one field of [`Outputs`] and one flag.

pub mod badge;
pub mod build;
pub mod digest;
pub mod gate;
pub mod html;
pub mod json;
pub mod junit;
pub mod markdown;
pub mod merge;
pub mod model;
pub mod provenance;
pub mod redact;
pub mod redact_entry;
pub mod reference;
pub mod request;
#[cfg(test)]
pub(crate) mod testing;

use std::path::{Path, PathBuf};

pub use build::{Inputs, build};
pub use gate::ExpectedFailures;
pub use merge::merge;
pub use model::Report;

/// Renders a report in one format.
type Renderer = fn(&Report) -> Result<String, String>;

/// The report files one invocation writes.
#[derive(Clone, Debug, Default)]
pub struct Outputs {
    pub json: Option<PathBuf>,
    pub junit: Option<PathBuf>,
    pub html: Option<PathBuf>,
    pub markdown: Option<PathBuf>,
    pub badge: Option<PathBuf>,
}

impl Outputs {
    pub fn is_empty(&self) -> bool {
        self.json.is_none()
            && self.junit.is_none()
            && self.html.is_none()
            && self.markdown.is_none()
            && self.badge.is_none()
    }

    /// Writes every requested format; the first failure is returned after
    /// trying them all.
    pub fn write(&self, report: &Report) -> Result<(), String> {
        let mut first_error = None;
        let formats: [(&Option<PathBuf>, Renderer); 5] = [
            (&self.json, |r| Ok(json::render(r))),
            (&self.junit, junit::render),
            (&self.html, |r| Ok(html::render(r))),
            (&self.markdown, |r| Ok(markdown::render(r))),
            (&self.badge, |r| Ok(badge::render(r))),
        ];
        for (path, render) in formats {
            if let Some(path) = path
                && let Err(e) = render(report).and_then(|text| write_file(path, &text))
            {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }
}

/// Writes through a temporary file beside `path`, so that a reader never
/// sees half a report.
fn write_file(path: &Path, text: &str) -> Result<(), String> {
    let fail = |e: std::io::Error| format!("cannot write the report {}: {e}", path.display());
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).map_err(fail)?;
    }
    let mut tmp = path.as_os_str().to_owned();
    tmp.push(format!(".tmp{}", std::process::id()));
    let tmp = PathBuf::from(tmp);
    std::fs::write(&tmp, text).map_err(fail)?;
    std::fs::rename(&tmp, path).map_err(fail)
}
