//! `readings`: every ambiguity of the contract with more than one
//! documented reading — its id, its choices (the default marked) and what
//! each means — as a table, or as JSON with `--json`.

use serde_json::{Value, json};

use crate::cli::ReadingsArgs;
use crate::contract::ambiguities::{AMBIGUITIES, Ambiguity};
use crate::exit;

use super::HarnessError;

pub fn readings(args: &ReadingsArgs) -> Result<i32, HarnessError> {
    let selectable: Vec<&Ambiguity> = AMBIGUITIES
        .iter()
        .filter(|a| a.readings.len() > 1)
        .collect();
    if args.json {
        let text = serde_json::to_string_pretty(&as_json(&selectable))
            .map_err(|e| HarnessError::Report(e.to_string()))?;
        println!("{text}");
    } else {
        print!("{}", table(&selectable));
    }
    Ok(exit::ALL_PASSED)
}

/// `[{"id", "choices", "default", "summary", "readings"}]`: `summary` is
/// what the contract says, place by place, and what it leaves unsaid
/// ([`Ambiguity::statements`]), and `readings` what each choice means.
pub fn as_json(ambiguities: &[&Ambiguity]) -> Value {
    Value::Array(
        ambiguities
            .iter()
            .map(|a| {
                let summary: Vec<String> = a
                    .statements()
                    .map(|(place, text)| format!("{place}: {text}"))
                    .collect();
                let readings: Vec<Value> = a
                    .readings
                    .iter()
                    .map(|r| json!({"choice": r.choice, "summary": r.summary}))
                    .collect();
                json!({
                    "id": a.id,
                    "choices": a.readings.iter().map(|r| r.choice).collect::<Vec<_>>(),
                    "default": a.default_reading().choice,
                    "summary": summary.join("; "),
                    "readings": readings,
                })
            })
            .collect(),
    )
}

/// One line per reading: id (on the first line of its ambiguity), choice
/// (`(default)` after the default), summary.
pub fn table(ambiguities: &[&Ambiguity]) -> String {
    const DEFAULT: &str = " (default)";
    let id_width = ambiguities.iter().map(|a| a.id.len()).max().unwrap_or(0);
    let choice_width = ambiguities
        .iter()
        .flat_map(|a| a.readings.iter().map(|r| r.choice.len()))
        .max()
        .unwrap_or(0)
        + DEFAULT.len();
    let mut out = format!(
        "{:id_width$}  {:choice_width$}  SUMMARY\n",
        "AMBIGUITY", "CHOICE"
    );
    for a in ambiguities {
        for (i, r) in a.readings.iter().enumerate() {
            let id = if i == 0 { a.id } else { "" };
            let choice = if i == 0 {
                format!("{}{DEFAULT}", r.choice)
            } else {
                r.choice.to_string()
            };
            out.push_str(&format!(
                "{id:id_width$}  {choice:choice_width$}  {}\n",
                r.summary
            ));
        }
    }
    out.push_str("\nSelect one with `run --reading ID=CHOICE` or `serve --reading ID=CHOICE`.\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn selectable() -> Vec<&'static Ambiguity> {
        AMBIGUITIES
            .iter()
            .filter(|a| a.readings.len() > 1)
            .collect()
    }

    #[test]
    fn the_table_marks_each_default_and_lists_every_choice() {
        let text = table(&selectable());
        assert!(text.contains("image-name-characters"));
        assert!(text.contains("union (default)"));
        assert!(text.contains("error-table "));
        assert!(!text.contains("image-version-rule"));
    }

    #[test]
    fn the_json_lists_id_choices_default_what_the_contract_says_and_each_reading() {
        let value = as_json(&selectable());
        let first = &value[0];
        assert_eq!(first["id"], "image-name-characters");
        assert_eq!(first["default"], "union");
        assert_eq!(
            first["choices"],
            json!(["union", "parameter-table", "error-table"])
        );
        let summary = first["summary"].as_str().unwrap();
        assert!(summary.contains("colons (:)"), "{summary}");
        assert!(summary.contains("periods (.)"), "{summary}");
        assert_eq!(first["readings"][2]["choice"], "error-table");
        assert!(first["readings"][2]["summary"].is_string());
        assert_eq!(value.as_array().unwrap().len(), selectable().len());
    }
}
