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

use rayon::prelude::*;

use super::diagnostic::{Diagnostic, LoadErrors, line_text};
use super::model::{CaseFile, Loc, Suite};
use super::node::{self, Pos, Value};
use super::reader::{Known, Reader};
use super::{case, generated};

pub(super) const FILE_KEYS: [&str; 2] = ["area", "cases"];

/// Case ids seen so far, with where each was given.
type SeenIds = BTreeMap<String, Loc>;

/// Loads one case file from its text; `path` is how it is shown in messages.
pub fn load_str(path: &Path, text: &str, known: &Known) -> Result<CaseFile, LoadErrors> {
    let read = read_file(path, text, known);
    let (file, diagnostics) = read.with_unique_ids(text, known, &mut SeenIds::new());
    finish(file, diagnostics)
}

/// How many parts the generated case file is read in, at the same time as
/// the case files.
const GENERATED_PARTS: usize = 4;

/// One text to read: a case file, or a part of the generated case file.
enum Source {
    File(PathBuf),
    Generated(String),
}

/// Loads every `*.yaml` / `*.yml` file of `dir` (not its subdirectories), in
/// file-name order, then the cases generated from the contract data (see
/// [`generated`]), last. The fixture manifest (`fixtures.yaml`) and target
/// profiles (`profile*`) are not case files and are skipped. Case ids must be
/// unique across all files.
///
/// The texts are parsed in parallel; ids are then checked in that order, so
/// a duplicate is reported where it comes second, as a reader would.
pub fn load_dir(dir: &Path, known: &Known) -> Result<Suite, LoadErrors> {
    let names = match case_file_names(dir) {
        Ok(names) => names,
        Err(err) => {
            return Err(LoadErrors {
                diagnostics: vec![whole_file(dir, format!("cannot read the directory: {err}"))],
            });
        }
    };
    let mut sources: Vec<Source> = names
        .iter()
        .map(|name| Source::File(dir.join(name)))
        .collect();
    sources.extend(
        generated::yaml_parts(GENERATED_PARTS)
            .into_iter()
            .map(Source::Generated),
    );
    let read: Vec<Result<(String, Read), Diagnostic>> = sources
        .par_iter()
        .map(|source| match source {
            Source::File(path) => {
                let text = read_text(path)?;
                let read = read_file(path, &text, known);
                Ok((text, read))
            }
            Source::Generated(text) => Ok((
                String::new(),
                read_file(Path::new(generated::PATH), text, known),
            )),
        })
        .collect();
    let mut seen = SeenIds::new();
    let mut files = Vec::new();
    let mut diagnostics = Vec::new();
    let mut generated_file: Option<CaseFile> = None;
    for (source, read) in sources.iter().zip(read) {
        let (text, read) = match read {
            Ok(read) => read,
            Err(diagnostic) => {
                diagnostics.push(diagnostic);
                continue;
            }
        };
        let text = match source {
            Source::File(_) => text.as_str(),
            Source::Generated(text) => text.as_str(),
        };
        let (file, found) = read.with_unique_ids(text, known, &mut seen);
        diagnostics.extend(found);
        match (source, &mut generated_file) {
            (Source::File(_), _) => files.push(file),
            (Source::Generated(_), Some(whole)) => whole.cases.extend(file.cases),
            (Source::Generated(_), None) => generated_file = Some(file),
        }
    }
    files.extend(generated_file);
    if diagnostics.is_empty() {
        Ok(Suite { files })
    } else {
        Err(LoadErrors { diagnostics })
    }
}

/// A case file's text; a diagnostic when it cannot be read or is not UTF-8.
fn read_text(path: &Path) -> Result<String, Diagnostic> {
    let bytes = std::fs::read(path)
        .map_err(|err| whole_file(path, format!("cannot read the file: {err}")))?;
    String::from_utf8(bytes).map_err(|err| not_utf8(path, err.as_bytes(), err.utf8_error()))
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

/// One file as read: its cases, the problems found in it, and the id of
/// each case with where it is given (for [`Read::with_unique_ids`]).
struct Read {
    file: CaseFile,
    diagnostics: Vec<Diagnostic>,
    ids: Vec<(String, Pos)>,
}

impl Read {
    /// The file and its problems in line order, a case id already in `seen`
    /// (from a file read before) among them; this file's ids go into `seen`.
    fn with_unique_ids(
        self,
        text: &str,
        known: &Known,
        seen: &mut SeenIds,
    ) -> (CaseFile, Vec<Diagnostic>) {
        let mut r = Reader::new(self.file.path.display().to_string().into(), text, known);
        for (id, pos) in self.ids {
            let loc = r.loc(pos);
            if let Some(first) = seen.get(&id) {
                let help = Some(format!("first defined at {first}"));
                r.error(pos, format!("duplicate case id `{id}`"), help);
            } else {
                seen.insert(id, loc);
            }
        }
        let mut diagnostics = self.diagnostics;
        diagnostics.append(&mut r.diagnostics);
        diagnostics.sort_by_key(|d| (d.loc.line, d.loc.column));
        (self.file, diagnostics)
    }
}

/// Reads one file, returning what could be read and every problem found.
fn read_file(path: &Path, text: &str, known: &Known) -> Read {
    let shown: Arc<str> = path.display().to_string().into();
    let mut file = CaseFile {
        path: path.to_path_buf(),
        area: String::new(),
        cases: Vec::new(),
    };
    let mut ids = Vec::new();
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
            return Read {
                file,
                diagnostics: vec![diagnostic],
                ids,
            };
        }
    };
    let mut r = Reader::new(shown, text, known);
    if matches!(root.value, Value::Null) {
        r.error(
            Pos { line: 1, column: 1 },
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
                        ids.extend(read.id);
                        file.cases.extend(read.case);
                    }
                }
                _ => r.wrong_type(cases, "a list of cases", "`cases`"),
            }
        }
    }
    Read {
        file,
        diagnostics: r.diagnostics,
        ids,
    }
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

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::suite::model::{Expectation, Matcher, Piece, Shape};
    use crate::suite::testing::{known, load, problems};

    /// A fresh directory under the system temp dir, removed on drop.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            let path = std::env::temp_dir().join(format!("suite-load-{}", uuid::Uuid::new_v4()));
            std::fs::create_dir(&path).unwrap();
            TempDir(path)
        }

        fn write(&self, name: &str, text: impl AsRef<[u8]>) {
            std::fs::write(self.0.join(name), text).unwrap();
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    fn case(id: &str) -> String {
        format!("  - id: {id}\n    rule: R\n    request: {{}}\n    expect: {{ status: 400 }}\n")
    }

    const VALID: &str = r#"area: ClientToken
cases:
  - id: client-token.replay-returns-same-image
    rule: ClientToken.idempotence
    tags: [idempotence]
    steps:
      - name: first
        request: { SnapshotId: "{{fixture.snapshot.system}}", ClientToken: "{{uuid}}", ImageName: "{{unique}}" }
        expect: { status: 200, body: { ImageId: { is: image-id } } }
      - name: replay
        request: { same_as: first, Description: "{{repeat 3 ab}}" }
        expect: { status: 200, body: { ImageId: "{{steps.first.ImageId}}" } }
  - id: client-token.conflict
    rule: [ClientToken.conflict, ClientToken.idempotence]
    request:
      SnapshotId: "{{fixture.snapshot.system}}"
    expect:
      one_of:
        - { reading: invalid-paramter-conflict, status: 403, code: InvalidParamter.Conflict }
        - reading: idempotence-param-not-match
          status: 400
          code: { regex: "Idempotence.*" }
          only: true
"#;

    #[test]
    fn a_valid_file_with_steps_same_as_captures_and_one_of_loads_into_the_model() {
        let file = load(VALID).unwrap();
        assert_eq!(file.area, "ClientToken");
        assert_eq!(file.path, Path::new("cases/t.yaml"));
        let [replay, conflict] = file.cases.as_slice() else {
            panic!("expected two cases")
        };

        assert_eq!(replay.id, "client-token.replay-returns-same-image");
        assert_eq!(replay.loc.to_string(), "cases/t.yaml:3:5");
        assert_eq!(replay.rules, ["ClientToken.idempotence"]);
        assert_eq!(replay.tags, ["idempotence"]);
        assert_eq!(replay.account, None);
        assert_eq!(replay.fixtures(), ["snapshot.system"]);
        let [first, second] = replay.steps.as_slice() else {
            panic!("expected two steps")
        };
        assert_eq!(first.name, "first");
        assert_eq!(first.loc.to_string(), "cases/t.yaml:7:9");
        assert_eq!(first.same_as, None);
        let names: Vec<&str> = first.params.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["SnapshotId", "ClientToken", "ImageName"]);
        assert_eq!(first.params[1].value.pieces, [Piece::Uuid(String::new())]);
        let Expectation::Single(expect) = &first.expect else {
            panic!("expected a single expectation")
        };
        assert_eq!(expect.status.as_ref().map(|s| s.value), Some(200));
        assert!(matches!(
            expect.body[0].matcher,
            Matcher::Shape(Shape::ImageId)
        ));
        assert_eq!(expect.body[0].loc.to_string(), "cases/t.yaml:9:40");

        assert_eq!(second.same_as.as_deref(), Some("first"));
        assert_eq!(second.params.len(), 1);
        assert_eq!(
            second.params[0].value.pieces,
            [Piece::Text("ababab".into())]
        );
        let Expectation::Single(expect) = &second.expect else {
            panic!("expected a single expectation")
        };
        let Matcher::Equals(template) = &expect.body[0].matcher else {
            panic!("expected Equals")
        };
        assert_eq!(
            template.pieces,
            [Piece::Capture {
                step: "first".into(),
                field: "ImageId".into()
            }]
        );

        assert_eq!(conflict.rules.len(), 2);
        assert_eq!(conflict.steps.len(), 1);
        assert_eq!(conflict.steps[0].name, "request");
        let Expectation::OneOf(readings) = &conflict.steps[0].expect else {
            panic!("expected one_of")
        };
        let names: Vec<&str> = readings.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(
            names,
            ["invalid-paramter-conflict", "idempotence-param-not-match"]
        );
        assert_eq!(
            readings[0].expect.status.as_ref().map(|s| s.value),
            Some(403)
        );
        assert!(matches!(
            readings[1].expect.code.as_ref().map(|c| &c.value),
            Some(Matcher::Regex(_))
        ));
        assert_eq!(
            readings[1]
                .expect
                .only
                .as_ref()
                .map(ToString::to_string)
                .as_deref(),
            Some("cases/t.yaml:23:17")
        );
    }

    #[test]
    fn no_prefix_or_mangled_variant_of_a_valid_file_panics() {
        let known = known();
        let path = Path::new("cases/t.yaml");
        for (end, _) in VALID.char_indices() {
            let _ = load_str(path, &VALID[..end], &known);
        }
        for (at, _) in VALID.char_indices().step_by(7) {
            for insert in [
                "{{", "}}", ":", "- ", "\t", "\"", "[", "&a ", "*a", "\u{1b}", "\n  ",
            ] {
                let mangled = format!("{}{insert}{}", &VALID[..at], &VALID[at..]);
                let _ = load_str(path, &mangled, &known);
            }
        }
    }

    #[test]
    fn a_file_with_three_different_errors_yields_three_diagnostics() {
        let text = "area: X\ncases:\n  - id: a\n    rule: R\n    reqest: {}\n    expect: { status: 999 }\n  - id: b\n    rule: R\n    request: { SnapshotId: \"{{fixture.nope}}\" }\n    expect: { status: 200 }\n";
        assert_eq!(
            problems(text),
            [
                "cases/t.yaml:5:5: unknown key `reqest` in a case",
                "cases/t.yaml:6:23: `status` must be an HTTP status between 100 and 599, found 999",
                "cases/t.yaml:9:28: unknown fixture `nope`",
            ]
        );
    }

    #[test]
    fn duplicate_case_ids_in_a_file_point_at_the_second_and_name_the_first() {
        let text = format!("area: X\ncases:\n{}{}", case("a"), case("a"));
        let d = &load(&text).unwrap_err()[0];
        assert_eq!(d.loc.to_string(), "cases/t.yaml:7:9");
        assert_eq!(d.message, "duplicate case id `a`");
        assert_eq!(d.help.as_deref(), Some("first defined at cases/t.yaml:3:9"));
    }

    #[test]
    fn the_file_needs_an_area_and_a_list_of_cases() {
        assert_eq!(
            problems("cases: []\n"),
            ["cases/t.yaml:1:1: missing `area` in the case file"]
        );
        assert_eq!(
            problems("area: X\ncases: { id: a }\n"),
            ["cases/t.yaml:2:8: expected a list of cases for `cases`, found a map"]
        );
        assert_eq!(
            problems("- a\n"),
            ["cases/t.yaml:1:1: expected a map for the case file, found a list"]
        );
        assert_eq!(
            problems("# nothing\n"),
            ["cases/t.yaml:1:1: the case file is empty"]
        );
    }

    #[test]
    fn a_yaml_syntax_error_is_reported_with_its_position() {
        let d = &load("area: X\ncases: [\n  - id: a\n").unwrap_err()[0];
        assert!(d.message.starts_with("invalid YAML: "), "{}", d.message);
        assert!(d.loc.line >= 2, "{}", d.loc);
    }

    #[test]
    fn a_duplicate_yaml_key_is_an_error_not_an_override() {
        assert_eq!(
            problems("area: X\narea: Y\ncases: []\n"),
            ["cases/t.yaml:2:1: duplicate key `area` in the case file"]
        );
    }

    #[test]
    fn a_loaded_diagnostic_prints_its_source_line_and_caret() {
        let text = "area: X\ncases:\n  - id: a\n    rule: R\n    reqest: {}\n    expect: { status: 400 }\n";
        let err = load_str(Path::new("cases/image_name.yaml"), text, &known()).unwrap_err();
        assert_eq!(
            err.to_string(),
            "error: unknown key `reqest` in a case\n --> cases/image_name.yaml:5:5\n  |\n5 |     reqest: {}\n  |     ^\n  = help: did you mean `request`?\n\nerror: 1 problem in case files"
        );
    }

    #[test]
    fn load_dir_reports_an_id_shared_by_two_files_with_both_locations() {
        let dir = TempDir::new();
        dir.write("a.yaml", format!("area: A\ncases:\n{}", case("shared")));
        dir.write(
            "b.yml",
            format!("area: B\ncases:\n{}{}", case("b"), case("shared")),
        );
        let err = load_dir(&dir.0, &known()).unwrap_err();
        let [d] = err.diagnostics.as_slice() else {
            panic!("expected one problem: {err}")
        };
        let a = dir.0.join("a.yaml").display().to_string();
        let b = dir.0.join("b.yml").display().to_string();
        assert_eq!(d.loc.to_string(), format!("{b}:7:9"));
        assert_eq!(d.message, "duplicate case id `shared`");
        assert_eq!(d.help, Some(format!("first defined at {a}:3:9")));
    }

    #[test]
    fn load_dir_reads_case_files_in_name_order_and_skips_the_manifest_and_profiles() {
        let dir = TempDir::new();
        dir.write("b.yaml", format!("area: B\ncases:\n{}", case("b")));
        dir.write("a.yml", format!("area: A\ncases:\n{}", case("a")));
        dir.write("fixtures.yaml", "fixtures: {}\n");
        dir.write("profile-aliyun.yaml", "endpoint: x\n");
        dir.write("notes.txt", "not yaml");
        std::fs::create_dir(dir.0.join("nested.yaml")).unwrap();
        let suite = load_dir(&dir.0, &known()).unwrap();
        let areas: Vec<&str> = suite.files.iter().map(|f| f.area.as_str()).collect();
        assert_eq!(areas, ["A", "B", "Generated"]);
        assert_eq!(suite.files[0].path, dir.0.join("a.yml"));
        assert_eq!(
            suite.files[1].cases[0].loc.file.as_ref(),
            dir.0.join("b.yaml").display().to_string()
        );
    }

    #[test]
    fn load_dir_keeps_going_after_a_file_with_a_syntax_error() {
        let dir = TempDir::new();
        dir.write("a.yaml", "area: A\ncases: [\n");
        dir.write("b.yaml", "area: B\ncases:\n  - id: b\n    rule: R\n");
        dir.write("c.yaml", b"area: \xff\ncases: []\n");
        let err = load_dir(&dir.0, &known()).unwrap_err();
        let summary: Vec<String> = err
            .diagnostics
            .iter()
            .map(|d| {
                let name = Path::new(d.loc.file.as_ref()).file_name().unwrap();
                format!("{}:{}: {}", name.to_string_lossy(), d.loc.line, d.message)
            })
            .collect();
        assert_eq!(summary.len(), 3, "{summary:#?}");
        assert!(summary[0].starts_with("a.yaml:"));
        assert!(summary[0].contains("invalid YAML"));
        assert_eq!(
            summary[1],
            "b.yaml:3: missing `request` and `expect` (or `steps`) in a case"
        );
        assert_eq!(summary[2], "c.yaml:1: the file is not valid UTF-8");
        assert_eq!(err.diagnostics[2].loc.column, 7);
    }

    #[test]
    fn load_dir_on_a_missing_directory_is_a_diagnostic_without_a_line() {
        let dir = TempDir::new();
        let missing = dir.0.join("nope");
        let err = load_dir(&missing, &known()).unwrap_err();
        assert_eq!(err.diagnostics.len(), 1);
        assert_eq!(err.diagnostics[0].loc.line, 0);
        assert!(
            err.diagnostics[0]
                .message
                .starts_with("cannot read the directory")
        );
    }
}
