//! The JSON Schemas of the files a user writes or reads, shipped in `docs/`
//! for editors and validators: case files (`docs/case.schema.json`, built
//! from the loader's key lists in [`crate::suite::schema`]), target profiles
//! (`docs/profile.schema.json`, derived from [`crate::profile::Profile`],
//! the type the profile loader deserialises) and the fixture manifest
//! (`docs/fixtures.schema.json`, derived from
//! [`crate::fixtures::Manifest`] as the loader reads it, and, under
//! `$defs/ResolvedManifest`, from [`crate::fixtures::Resolved`] as
//! `fixtures --json` writes it: every field present). `createimage-contract
//! schema KIND` prints one; a test fails when a committed file differs from
//! what the code generates (`UPDATE_SCHEMAS=1 cargo test` rewrites them).

use clap::ValueEnum;
use schemars::Schema;
use schemars::generate::SchemaSettings;
use serde_json::Value;

/// Which schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A case file (`cases/*.yaml`).
    Case,
    /// A target profile (`run --profile FILE`).
    Profile,
    /// The fixture manifest (`cases/fixtures.yaml`), and what `fixtures
    /// --json` prints (`$defs/ResolvedManifest`).
    Fixtures,
}

/// Where, in the fixtures schema, the resolved manifest's schema is.
pub const RESOLVED_DEF: &str = "ResolvedManifest";

impl SchemaKind {
    pub const ALL: [SchemaKind; 3] = [SchemaKind::Case, SchemaKind::Profile, SchemaKind::Fixtures];

    /// Where the schema is committed, relative to the repository.
    pub fn doc_path(self) -> &'static str {
        match self {
            SchemaKind::Case => "docs/case.schema.json",
            SchemaKind::Profile => "docs/profile.schema.json",
            SchemaKind::Fixtures => "docs/fixtures.schema.json",
        }
    }

    /// The schema, as committed: pretty JSON and a final newline.
    pub fn render(self) -> String {
        let schema = match self {
            SchemaKind::Case => crate::suite::schema::case_schema(),
            SchemaKind::Profile => {
                let mut schema = schemars::schema_for!(crate::profile::Profile);
                schema.insert(
                    "$id".into(),
                    "https://createimage-contract.invalid/profile.schema.json".into(),
                );
                schema
            }
            SchemaKind::Fixtures => fixtures_schema(),
        };
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
        text.push('\n');
        text
    }
}

/// The manifest as the loader reads it (defaults may be left out), with
/// the resolved manifest as `fixtures --json` writes it (every field
/// present) under `$defs/ResolvedManifest`; the resolved form's own
/// definitions are named `Resolved…` so that the two never share one.
fn fixtures_schema() -> Schema {
    let mut schema = schemars::schema_for!(crate::fixtures::Manifest);
    schema.insert(
        "$id".into(),
        "https://createimage-contract.invalid/fixtures.schema.json".into(),
    );
    let resolved = SchemaSettings::draft2020_12()
        .for_serialize()
        .into_generator()
        .into_root_schema_for::<crate::fixtures::Resolved>();
    let mut resolved = resolved.to_value();
    renamed_refs(&mut resolved);
    let Value::Object(mut resolved) = resolved else {
        unreachable!("a root schema is an object")
    };
    resolved.remove("$schema");
    // What `fixtures --json` writes has no other member (serde's flatten
    // leaves this to the writer).
    resolved.insert("additionalProperties".into(), Value::Bool(false));
    let resolved_defs = resolved.remove("$defs");
    let defs = schema
        .ensure_object()
        .entry("$defs")
        .or_insert_with(|| Value::Object(Default::default()));
    if let (Value::Object(defs), Some(Value::Object(resolved_defs))) = (defs, resolved_defs) {
        for (name, def) in resolved_defs {
            defs.insert(format!("Resolved{name}"), def);
        }
        defs.insert(RESOLVED_DEF.into(), Value::Object(resolved));
    }
    schema
}

/// Every `#/$defs/NAME` reference of `value` made `#/$defs/ResolvedNAME`.
fn renamed_refs(value: &mut Value) {
    match value {
        Value::Object(map) => {
            for (key, inner) in map.iter_mut() {
                match inner {
                    Value::String(target) if key == "$ref" => {
                        if let Some(name) = target.strip_prefix("#/$defs/") {
                            *target = format!("#/$defs/Resolved{name}");
                        }
                    }
                    _ => renamed_refs(inner),
                }
            }
        }
        Value::Array(items) => items.iter_mut().for_each(renamed_refs),
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_committed_schemas_are_what_the_loaders_generate() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        for kind in SchemaKind::ALL {
            let path = root.join(kind.doc_path());
            let fresh = kind.render();
            if std::env::var_os("UPDATE_SCHEMAS").is_some() {
                std::fs::write(&path, &fresh).unwrap();
                continue;
            }
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == fresh,
                "{} differs from what the loader generates: run `UPDATE_SCHEMAS=1 cargo test --lib schemas` (or `createimage-contract schema {}`) and commit it",
                kind.doc_path(),
                kind.to_possible_value().unwrap().get_name()
            );
        }
    }

    #[test]
    fn the_case_schema_names_every_key_the_loader_accepts() {
        let schema = SchemaKind::Case.render();
        for key in [
            "\"area\"",
            "\"cases\"",
            "\"steps\"",
            "\"one_of\"",
            "\"media_type\"",
            "\"timestamp_offset\"",
            "\"tally\"",
            "\"request-id\"",
        ] {
            assert!(schema.contains(key), "{key} missing");
        }
    }

    #[test]
    fn the_fixtures_schema_rejects_unknown_keys_and_states_the_defaults() {
        let schema: serde_json::Value =
            serde_json::from_str(&SchemaKind::Fixtures.render()).unwrap();
        assert_eq!(schema["additionalProperties"], false);
        let defs = &schema["$defs"];
        for def in ["Account", "Instance", "Disk", "Snapshot", "ClientToken"] {
            assert_eq!(defs[def]["additionalProperties"], false, "{def}");
        }
        assert_eq!(defs["Disk"]["properties"]["status"]["default"], "In_use");
        assert_eq!(
            defs["Account"]["properties"]["data_disk_image_whitelisted"]["default"],
            false
        );
        assert_eq!(
            defs["Snapshot"]["properties"]["status"]["enum"],
            serde_json::json!(crate::fixtures::SNAPSHOT_STATUSES)
        );
    }

    #[test]
    fn the_resolved_manifest_schema_requires_every_field_it_describes() {
        let schema: serde_json::Value =
            serde_json::from_str(&SchemaKind::Fixtures.render()).unwrap();
        let defs = schema["$defs"].as_object().unwrap();
        let resolved: Vec<_> = defs
            .iter()
            .filter(|(name, def)| name.starts_with("Resolved") && def["properties"].is_object())
            .collect();
        assert!(resolved.len() >= 6, "{:?}", defs.keys());
        for (name, def) in resolved {
            let required: Vec<&str> = def["required"]
                .as_array()
                .unwrap_or_else(|| panic!("{name} requires nothing"))
                .iter()
                .filter_map(|r| r.as_str())
                .collect();
            for property in def["properties"].as_object().unwrap().keys() {
                assert!(required.contains(&property.as_str()), "{name}.{property}");
            }
            assert_eq!(def["additionalProperties"], false, "{name}");
            let text = serde_json::to_string(def).unwrap();
            assert!(
                !text.contains("\"#/$defs/Account\""),
                "{name} refers to the input form"
            );
        }
    }

    #[test]
    fn the_profile_schema_rejects_unknown_keys_as_the_loader_does() {
        let schema: serde_json::Value =
            serde_json::from_str(&SchemaKind::Profile.render()).unwrap();
        assert_eq!(schema["additionalProperties"], false);
        assert!(schema["properties"]["fixtures_from_manifest"].is_object());
        assert!(
            schema["properties"].get("path").is_none(),
            "`path` is not written in a profile"
        );
    }
}
