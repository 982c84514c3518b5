//! Reading case files: [`load_dir`] for a suite, [`load_str`] for one file.
//!
//! ```yaml
//! area: ImageName          # the part of the contract the file covers
//! cases:                   # a list of cases (see the `case` module)
//!   - id: image-name.too-short
//!     ...
//! ```
//!
//! Every problem of every file is collected; a YAML syntax error ends only
//! its own file. Nothing is returned unless there are no problems at all.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::case;
use super::diagnostic::{Diagnostic, LoadErrors, line_text};
use super::model::{CaseFile, Loc, Suite};
use super::node::{self, Value};
use super::reader::{Known, Reader};

const FILE_KEYS: [&str; 2] = ["area", "cases"];

/// Case ids seen so far, with where each was given.
type SeenIds = BTreeMap<String, Loc>;

/// Loads one case file from its text; `path` is how it is shown in messages.
pub fn load_str(path: &Path, text: &str, known: &Known) -> Result<CaseFile, LoadErrors> {
    let (file, diagnostics) = read_file(path, text, known, &mut SeenIds::new());
    finish(file, diagnostics)
}

/// Loads every `*.yaml` / `*.yml` file of `dir` (not its subdirectories), in
/// file-name order. The fixture manifest (`fixtures.yaml`) and target
/// profiles (`profile*`) are not case files and are skipped. Case ids must be
/// unique across all files.
pub fn load_dir(dir: &Path, known: &Known) -> Result<Suite, LoadErrors> {
    let names = match case_file_names(dir) {
        Ok(names) => names,
        Err(err) => {
            return Err(LoadErrors {
                diagnostics: vec![whole_file(dir, format!("cannot read the directory: {err}"))],
            });
        }
    };
    let mut seen = SeenIds::new();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    for name in names {
        let path = dir.join(&name);
        let text = match std::fs::read(&path) {
            Ok(bytes) => bytes,
            Err(err) => {
                diagnostics.push(whole_file(&path, format!("cannot read the file: {err}")));
                continue;
            }
        };
        let text = match String::from_utf8(text) {
            Ok(text) => text,
            Err(err) => {
                diagnostics.push(not_utf8(&path, err.as_bytes(), err.utf8_error()));
                continue;
            }
        };
        let (file, found) = read_file(&path, &text, known, &mut seen);
        files.push(file);
        diagnostics.extend(found);
    }
    if diagnostics.is_empty() {
        Ok(Suite { files })
    } else {
        Err(LoadErrors { diagnostics })
    }
}

fn case_file_names(dir: &Path) -> std::io::Result<Vec<std::ffi::OsString>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let path = PathBuf::from(&name);
        let is_yaml = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("yaml" | "yml")
        );
        let text = name.to_string_lossy();
        let skipped =
            text == "fixtures.yaml" || text == "fixtures.yml" || text.starts_with("profile");
        if is_yaml && !skipped && entry.path().is_file() {
            names.push(name);
        }
    }
    names.sort();
    Ok(names)
}

fn finish(file: CaseFile, mut diagnostics: Vec<Diagnostic>) -> Result<CaseFile, LoadErrors> {
    if diagnostics.is_empty() {
        return Ok(file);
    }
    diagnostics.sort_by_key(|d| (d.loc.line, d.loc.column));
    Err(LoadErrors { diagnostics })
}

/// Reads one file, returning what could be read and every problem found,
/// in line order. Ids go into `seen`, which spans the files of a load.
fn read_file(
    path: &Path,
    text: &str,
    known: &Known,
    seen: &mut SeenIds,
) -> (CaseFile, Vec<Diagnostic>) {
    let shown: Arc<str> = path.display().to_string().into();
    let mut file = CaseFile {
        path: path.to_path_buf(),
        area: String::new(),
        cases: Vec::new(),
    };
    let root = match node::parse(text) {
        Ok(root) => root,
        Err(err) => {
            let (line, column) = err.pos.map_or((0, 0), |p| (p.line, p.column));
            let diagnostic = Diagnostic {
                loc: Loc {
                    file: shown,
                    line,
                    column,
                },
                message: format!("invalid YAML: {}", err.message),
                line_text: line_text(text, line),
                help: None,
            };
            return (file, vec![diagnostic]);
        }
    };
    let mut r = Reader::new(shown, text, known);
    if matches!(root.value, Value::Null) {
        r.error(
            root.pos,
            "the case file is empty",
            Some("a case file has `area:` and `cases:`".to_owned()),
        );
    } else if let Some(fields) = r.map(&root, "the case file", &FILE_KEYS) {
        if let Some(area) = r.require(&fields, "area", "the case file") {
            file.area = r.string(area, "`area`").unwrap_or_default();
        }
        if let Some(cases) = r.require(&fields, "cases", "the case file") {
            match &cases.value {
                Value::Seq(items) => {
                    for item in items {
                        let read = case::read(&mut r, item);
                        if let Some((id, pos)) = read.id {
                            let loc = r.loc(pos);
                            if let Some(first) = seen.get(&id) {
                                let help = Some(format!("first defined at {first}"));
                                r.error(pos, format!("duplicate case id `{id}`"), help);
                            } else {
                                seen.insert(id, loc);
                            }
                        }
                        file.cases.extend(read.case);
                    }
                }
                _ => r.wrong_type(cases, "a list of cases", "`cases`"),
            }
        }
    }
    let mut diagnostics = r.diagnostics;
    diagnostics.sort_by_key(|d| (d.loc.line, d.loc.column));
    (file, diagnostics)
}

/// A problem with a file or directory as a whole (no line to show).
fn whole_file(path: &Path, message: String) -> Diagnostic {
    Diagnostic {
        loc: Loc {
            file: path.display().to_string().into(),
            line: 0,
            column: 0,
        },
        message,
        line_text: String::new(),
        help: None,
    }
}

/// Points at the first byte that is not UTF-8.
fn not_utf8(path: &Path, bytes: &[u8], err: std::str::Utf8Error) -> Diagnostic {
    let valid = String::from_utf8_lossy(&bytes[..err.valid_up_to()]);
    let line = valid.matches('\n').count() + 1;
    let column = valid.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    let source = String::from_utf8_lossy(bytes);
    let line = u32::try_from(line).unwrap_or(u32::MAX);
    Diagnostic {
        loc: Loc {
            file: path.display().to_string().into(),
            line,
            column: u32::try_from(column).unwrap_or(u32::MAX),
        },
        message: "the file is not valid UTF-8".to_owned(),
        line_text: line_text(&source, line),
        help: None,
    }
}
