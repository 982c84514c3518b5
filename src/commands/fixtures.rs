//! `fixtures [--json]`: the fixture manifest resolved. Without `--json`,
//! one line per fixture reference with its id (what a profile's `fixtures:`
//! binds) and one per account with its key id; with `--json`, the
//! [`crate::fixtures::Resolved`] manifest, every default filled in, for an
//! emulator in any language to seed itself from (`docs/own-emulator.md`).

use std::fmt::Write;

use crate::cli::FixturesArgs;
use crate::exit;
use crate::fixtures::Manifest;

use super::HarnessError;

pub fn fixtures(args: &FixturesArgs) -> Result<i32, HarnessError> {
    let manifest =
        Manifest::load(&args.fixtures).map_err(|e| HarnessError::Fixtures(e.to_string()))?;
    if args.json {
        let mut text =
            serde_json::to_string_pretty(&manifest.resolved()).expect("a manifest is JSON");
        text.push('\n');
        print!("{text}");
    } else {
        print!("{}", listing(&manifest));
    }
    Ok(exit::ALL_PASSED)
}

/// Accounts (name, key id, STS or not), then every reference and its id.
fn listing(manifest: &Manifest) -> String {
    let mut out = String::new();
    let bindings = manifest.bindings();
    let width = bindings
        .keys()
        .map(String::len)
        .chain(manifest.accounts.iter().map(|a| a.name.len() + 8))
        .max()
        .unwrap_or(0);
    for account in &manifest.accounts {
        let sts = if account.security_token.is_some() {
            "  (STS, with a security token)"
        } else {
            ""
        };
        let name = format!("account.{}", account.name);
        let _ = writeln!(out, "{name:width$}  {}{sts}", account.access_key_id);
    }
    for (reference, id) in &bindings {
        let _ = writeln!(out, "{reference:width$}  {id}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_listing_names_every_account_and_reference_once() {
        let manifest = Manifest::builtin();
        let shown = listing(&manifest);
        assert_eq!(
            shown.lines().count(),
            manifest.accounts.len() + manifest.references().len()
        );
        assert!(shown.contains("account.default"));
        assert!(
            shown
                .lines()
                .any(|l| l.starts_with("snapshot.system ") && l.ends_with("s-emu0system000000001"))
        );
    }
}
