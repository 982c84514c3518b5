//! Every expectation of the shipped suite — the case files of `cases/` and
//! the cases generated from the contract — rests on a sentence of
//! `CreateImage.md` or `wire-protocol.md` (`suite::trace`). An expectation
//! with no sentence is the suite's own reading: it must become a
//! documented ambiguity with readings, or assert less.

use std::path::PathBuf;

use createimage_contract::fixtures::Manifest;
use createimage_contract::suite::trace::untraced;
use createimage_contract::suite::{Known, Suite, load_dir};

fn project() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn shipped() -> Suite {
    let manifest = Manifest::load(&project().join("cases/fixtures.yaml")).unwrap();
    let known = Known {
        fixtures: manifest.references(),
        accounts: manifest.account_names(),
        ..Known::default()
    };
    load_dir(&project().join("cases"), &known).unwrap()
}

#[test]
fn every_expectation_of_the_shipped_suite_is_traced_to_a_sentence() {
    let suite = shipped();
    let mut lines = Vec::new();
    for (_, case) in suite.cases() {
        for gap in untraced(case) {
            let at = gap.loc.map(|l| l.to_string()).unwrap_or_default();
            let reading = gap
                .reading
                .map(|r| format!(" reading `{r}`"))
                .unwrap_or_default();
            lines.push(format!(
                "{at}: {} step `{}`{reading}: `{}` has no sentence",
                case.id, gap.step, gap.part
            ));
        }
    }
    assert!(
        lines.is_empty(),
        "{} expectations are not traced to the documents (give the rule its quotes, \
         a `because:`, a documented reading, or assert less):\n{}",
        lines.len(),
        lines.join("\n")
    );
}

#[test]
fn the_audit_names_every_ambiguity_with_each_of_its_readings() {
    let audit = std::fs::read_to_string(project().join("docs/contradictions.md")).unwrap();
    for ambiguity in createimage_contract::contract::ambiguities::AMBIGUITIES
        .iter()
        .filter(|a| a.readings.len() > 1)
    {
        assert!(
            audit.contains(&format!("`{}`", ambiguity.id)),
            "docs/contradictions.md does not name `{}`",
            ambiguity.id
        );
        for reading in ambiguity.readings {
            assert!(
                audit.contains(&format!("`{}`", reading.choice)),
                "docs/contradictions.md does not name `{}={}`",
                ambiguity.id,
                reading.choice
            );
        }
    }
}
