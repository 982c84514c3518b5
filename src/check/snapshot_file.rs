//! One `.snap` file: insta's format — a YAML header, then the contents —
//! read and written here, so that insta reads every file back and
//! `cargo insta review` accepts pending ones.
//!
//! The header's `description` line and `info` map ([`Recorded`]) say where
//! the answer came from: the target's URL without credentials, the date,
//! the harness version, and for a case with `one_of` steps the documented
//! reading each of them matched. A run that matched other readings is
//! compared with, or recorded into, a sibling file whose name encodes them
//! ([`reading_name`]).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;
use std::sync::OnceLock;

use insta::TextSnapshotKind;
use insta::internals::TextSnapshotContents;
use serde_json::Value;

/// Where a snapshot's answer was recorded: the `info` map of its header.
#[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Recorded {
    /// The target's URL, without credentials (or `embedded reference emulator`).
    pub target: Option<String>,
    /// `YYYY-MM-DD`, UTC.
    pub recorded_at: Option<String>,
    pub harness_version: Option<String>,
    /// Step → the documented reading its `one_of` matched; absent in files
    /// recorded before readings were, and for cases without `one_of`.
    #[serde(default)]
    pub readings: Option<BTreeMap<String, String>>,
}

impl Recorded {
    /// The header's human-readable `description` line.
    fn description(&self) -> String {
        format!(
            "recorded from {} on {} by createimage-contract {}",
            self.target.as_deref().unwrap_or("an unnamed target"),
            self.recorded_at.as_deref().unwrap_or("an unknown date"),
            self.harness_version
                .as_deref()
                .unwrap_or("of an unknown version"),
        )
    }
}

/// An accepted snapshot as read: its contents as text (as insta compares
/// them), as a tree, and its header's provenance.
#[derive(Clone, Debug)]
pub struct Accepted {
    pub text: String,
    pub value: Value,
    pub recorded: Option<Recorded>,
    /// `value` through the semantic normalisers, made on first need: an
    /// answer equal to `value` never needs it.
    canonical: OnceLock<Value>,
}

impl Accepted {
    pub fn new(text: String, value: Value, recorded: Option<Recorded>) -> Accepted {
        Accepted {
            text,
            value,
            recorded,
            canonical: OnceLock::new(),
        }
    }

    /// The contents through the semantic normalisers, as they are compared.
    pub fn canonical(&self) -> &Value {
        self.canonical
            .get_or_init(|| super::semantic::canonical(&self.value))
    }
}

/// Reads an accepted snapshot; `None` when there is no such file. Its
/// header's provenance is read by `provenance`, given the header's YAML
/// ([`recorded_in`], or something that remembers what it read before: most
/// snapshots of a set share one provenance).
pub fn read_with(
    path: &Path,
    provenance: &dyn Fn(&str) -> Option<Recorded>,
) -> std::io::Result<Option<Accepted>> {
    let file = match std::fs::read_to_string(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(e),
    };
    let fail = |e: &dyn std::fmt::Display| {
        std::io::Error::other(format!("cannot read snapshot {}: {e}", path.display()))
    };
    let (header, contents) =
        split(&file).ok_or_else(|| fail(&"it has no `---` header (insta's .snap format)"))?;
    let text = normalised(contents.to_string());
    let value: Value = serde_json::from_str(&text).map_err(|e| {
        fail(&format!(
            "its contents are not the JSON of a run's answers ({e})"
        ))
    })?;
    Ok(Some(Accepted::new(text, value, provenance(header))))
}

/// A `.snap` file's YAML header and its contents, as insta lays them out:
/// `---`, the header, `---`, the contents.
fn split(file: &str) -> Option<(&str, &str)> {
    let rest = file
        .strip_prefix("---\n")
        .or_else(|| file.strip_prefix("---\r\n"))?;
    let end = rest.find("\n---\n").or_else(|| rest.find("\n---\r\n"))?;
    let after = &rest[end + 1..];
    let contents = after.split_once('\n').map_or("", |(_, c)| c);
    Some((&rest[..end], contents))
}

/// A snapshot's contents as insta compares them (trailing whitespace
/// trimmed, CRLF as LF).
pub fn normalised(contents: String) -> String {
    TextSnapshotContents::new(contents, TextSnapshotKind::File).to_string()
}

/// Writes a snapshot in insta's `.snap` format.
pub fn write(
    path: &Path,
    source: &str,
    expression: &str,
    recorded: &Recorded,
    contents: &str,
) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut text = String::new();
    let _ = writeln!(text, "---");
    let _ = writeln!(text, "source: {}", yaml_string(source));
    let _ = writeln!(text, "expression: {}", yaml_string(expression));
    let _ = writeln!(
        text,
        "description: {}",
        yaml_string(&recorded.description())
    );
    let _ = writeln!(text, "info:");
    for (key, value) in [
        ("target", &recorded.target),
        ("recorded_at", &recorded.recorded_at),
        ("harness_version", &recorded.harness_version),
    ] {
        if let Some(value) = value {
            let _ = writeln!(text, "  {key}: {}", yaml_string(value));
        }
    }
    if let Some(readings) = recorded.readings.as_ref().filter(|r| !r.is_empty()) {
        let _ = writeln!(text, "  readings:");
        for (step, reading) in readings {
            let _ = writeln!(text, "    {}: {}", yaml_string(step), yaml_string(reading));
        }
    }
    let _ = writeln!(text, "---");
    text.push_str(contents);
    text.push('\n');
    // A private temporary name: runs of the same case in other request styles
    // may write the same snapshot at the same time.
    let tmp = path.with_extension(format!("tmp{}", uuid::Uuid::new_v4().simple()));
    std::fs::write(&tmp, text)?;
    std::fs::rename(&tmp, path)
}

/// The part of a header's YAML that [`recorded_in`] reads: from its
/// top-level `info:` key on (the last key this module writes), or the whole
/// header when it has none.
pub fn provenance_part(header: &str) -> &str {
    if header.starts_with("info:") {
        return header;
    }
    header
        .find("\ninfo:")
        .map_or(header, |at| &header[at + 1..])
}

/// The `info` map of a header's YAML, when it has one.
pub fn recorded_in(header: &str) -> Option<Recorded> {
    #[derive(serde::Deserialize)]
    struct Header {
        info: Option<Recorded>,
    }
    let header: Header = serde_saphyr::from_str(header).ok()?;
    header.info
}

/// The snapshot name for a run of `name` that matched `readings`:
/// `NAME@READING` for the step `request`, `NAME@STEP=READING` for another,
/// several joined by `+`; characters other than letters, digits, `.`, `_`
/// and `-` become `_`.
pub fn reading_name(name: &str, readings: &BTreeMap<String, String>) -> String {
    let clean = |s: &str| -> String {
        s.chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || "._-".contains(c) {
                    c
                } else {
                    '_'
                }
            })
            .collect()
    };
    let parts: Vec<String> = readings
        .iter()
        .map(|(step, reading)| match step.as_str() {
            "request" => clean(reading),
            _ => format!("{}={}", clean(step), clean(reading)),
        })
        .collect();
    format!("{name}@{}", parts.join("+"))
}

/// Today's date, UTC, `YYYY-MM-DD`.
pub fn today() -> String {
    let date = time::OffsetDateTime::now_utc().date();
    format!(
        "{:04}-{:02}-{:02}",
        date.year(),
        u8::from(date.month()),
        date.day()
    )
}

/// A double-quoted scalar: JSON string syntax is valid YAML.
fn yaml_string(s: &str) -> String {
    Value::String(s.to_string()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_shipped_snapshot_reads_as_insta_reads_it_and_its_provenance_part_says_all() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("snapshots");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_none_or(|e| e != "snap") {
                continue;
            }
            let ours = read_with(&path, &recorded_in).unwrap().unwrap();
            let header = split(&std::fs::read_to_string(&path).unwrap())
                .unwrap()
                .0
                .to_string();
            assert_eq!(
                recorded_in(provenance_part(&header)),
                recorded_in(&header),
                "{}",
                path.display()
            );
            let theirs = insta::Snapshot::from_file(&path).unwrap();
            let theirs = normalised(theirs.as_text().unwrap().to_string());
            assert_eq!(ours.text, theirs, "{}", path.display());
            checked += 1;
        }
        assert!(
            checked > 100,
            "only {checked} snapshots found in {}",
            dir.display()
        );
    }

    #[test]
    fn readings_in_a_header_read_back() {
        let dir = std::env::temp_dir().join(format!("cic-snapfile-{}", uuid::Uuid::new_v4()));
        let path = dir.join("a.json.snap");
        let recorded = Recorded {
            target: Some("embedded reference emulator".into()),
            recorded_at: Some("2026-12-02".into()),
            harness_version: Some("0.1.0".into()),
            readings: Some(BTreeMap::from([("request".into(), "colon-allowed".into())])),
        };
        write(&path, "cases/a.yaml", "a::json", &recorded, "{}").unwrap();
        let accepted = read_with(&path, &recorded_in).unwrap().unwrap();
        assert_eq!(accepted.recorded, Some(recorded));
        assert_eq!(accepted.value, serde_json::json!({}));
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_reading_name_encodes_every_step_and_reading() {
        let one = BTreeMap::from([("request".into(), "colon-forbidden".into())]);
        assert_eq!(reading_name("n.json", &one), "n.json@colon-forbidden");
        let two = BTreeMap::from([
            ("first".into(), "a b".into()),
            ("second".into(), "c/d".into()),
        ]);
        assert_eq!(reading_name("n.xml", &two), "n.xml@first=a_b+second=c_d");
    }
}
