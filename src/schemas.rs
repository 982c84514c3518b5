//! The JSON Schemas of the files a user writes, shipped in `docs/` for
//! editors and validators: case files (`docs/case.schema.json`, built from
//! the loader's key lists in [`crate::suite::schema`]) and target profiles
//! (`docs/profile.schema.json`, derived from [`crate::profile::Profile`],
//! the type the profile loader deserialises). `createimage-contract schema
//! KIND` prints one; a test fails when a committed file differs from what
//! the code generates (`UPDATE_SCHEMAS=1 cargo test` rewrites them).

use clap::ValueEnum;

/// Which schema.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SchemaKind {
    /// A case file (`cases/*.yaml`).
    Case,
    /// A target profile (`run --profile FILE`).
    Profile,
}

impl SchemaKind {
    pub const ALL: [SchemaKind; 2] = [SchemaKind::Case, SchemaKind::Profile];

    /// Where the schema is committed, relative to the repository.
    pub fn doc_path(self) -> &'static str {
        match self {
            SchemaKind::Case => "docs/case.schema.json",
            SchemaKind::Profile => "docs/profile.schema.json",
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
        };
        let mut text = serde_json::to_string_pretty(&schema).expect("a schema is JSON");
        text.push('\n');
        text
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
