//! The facts a report states about where it comes from: the suite's hash
//! and the clock.

use std::path::Path;

use sha2::{Digest, Sha256};
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::suite::{Suite, generated};

/// `sha256:HEX` over every case file and the fixture manifest: for each file
/// in file-name order, its name, a NUL, its length in decimal, a NUL, its
/// bytes. The cases generated from the contract data have no file: they
/// count as a file named `<generated>` holding their ids and rules, one case
/// a line. The same suite hashes the same wherever it is checked out.
pub fn suite_hash(suite: &Suite, fixtures: &Path) -> std::io::Result<String> {
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    for file in &suite.files {
        if file.path == Path::new(generated::PATH) {
            let listing: String = file
                .cases
                .iter()
                .map(|case| format!("{} {}\n", case.id, case.rules.join(",")))
                .collect();
            files.push((generated::PATH.to_string(), listing.into_bytes()));
        } else {
            files.push((file_name(&file.path), std::fs::read(&file.path)?));
        }
    }
    files.push((file_name(fixtures), std::fs::read(fixtures)?));
    files.sort();
    let mut hasher = Sha256::new();
    for (name, bytes) in &files {
        hasher.update(name.as_bytes());
        hasher.update([0]);
        hasher.update(bytes.len().to_string().as_bytes());
        hasher.update([0]);
        hasher.update(bytes);
    }
    Ok(format!("sha256:{}", hex::encode(hasher.finalize())))
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// Now, RFC 3339 in UTC, to the millisecond.
pub fn now_rfc3339() -> String {
    let now = OffsetDateTime::now_utc();
    let now = now
        .replace_nanosecond(now.nanosecond() / 1_000_000 * 1_000_000)
        .unwrap_or(now);
    now.format(&Rfc3339).unwrap_or_default()
}
