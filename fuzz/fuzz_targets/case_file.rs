//! The case-file loader on arbitrary text: it reports problems, it never
//! panics, and every problem renders.

#![no_main]

use std::path::Path;
use std::sync::OnceLock;

use createimage_contract::fixtures::Manifest;
use createimage_contract::suite::{Known, load_str};
use libfuzzer_sys::fuzz_target;

fn known() -> &'static Known {
    static KNOWN: OnceLock<Known> = OnceLock::new();
    KNOWN.get_or_init(|| {
        let manifest = Manifest::builtin();
        Known {
            fixtures: manifest.references(),
            accounts: manifest.account_names(),
            ..Known::default()
        }
    })
}

fuzz_target!(|text: &str| {
    match load_str(Path::new("fuzz.yaml"), text, known()) {
        Ok(file) => {
            let _ = file.cases.len();
        }
        Err(errors) => {
            let _ = errors.to_string();
        }
    }
});
