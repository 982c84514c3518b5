//! [`InvariantRepro`]: a broken run-level invariant as a case file. The
//! explore cases whose answers break it first are written one after the
//! other, each with the reference emulator's answers as its expectations
//! (as a [`super::finding::Finding`] is), so that running the file against
//! the target judges the same requests again and the invariant breaks
//! again wherever the fault does not depend on timing.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::check::invariants::Judgement;

use super::Explorer;
use super::draft::Draft;
use super::finding::{case_text, rule_of};

/// A case file that repeats the requests of one broken invariant.
#[derive(Clone, Debug)]
pub struct InvariantRepro {
    /// The invariant's id (`image-id.distinct`).
    pub invariant: String,
    /// The case file.
    pub yaml: String,
}

impl InvariantRepro {
    /// The file for `judgement`, of the explore cases `cases` (index and
    /// the draft sent) whose answers break it.
    pub async fn new(
        explorer: &Explorer,
        judgement: &Judgement,
        cases: &[(u64, Draft)],
    ) -> InvariantRepro {
        let mut yaml = String::new();
        let breach = judgement.breaches.first();
        let _ = writeln!(
            yaml,
            "# yaml-language-server: $schema=../docs/case.schema.json\n\
             # Found by `createimage-contract explore` with seed {}, salt {}: the target's\n\
             # answers break the run-level invariant {}: {}.\n\
             # {}\n\
             # Run this file (`run --cases DIR`) to send the same requests again:\n\
             # the invariant is judged over their answers.\n\
             # Reproduce the exploration: {}",
            explorer.seed(),
            super::salt_hex(explorer.salt()),
            judgement.id,
            judgement.statement,
            breach.map_or(String::new(), |b| format!(
                "{} ({})",
                b.detail,
                b.answers.join(", ")
            )),
            explorer.options.reproduce,
        );
        let _ = writeln!(yaml, "area: Explore\ncases:");
        for (index, draft) in cases {
            let readings = explorer.readings_of(draft).await;
            let id = format!("explore.invariant.{}.case-{index}", judgement.id);
            yaml.push_str(&case_text(&id, &rule_of(draft, "", ""), draft, &readings));
        }
        InvariantRepro {
            invariant: judgement.id.clone(),
            yaml,
        }
    }

    /// Writes the case file into `dir` as `explore.invariant.ID.yaml`.
    pub fn write(&self, dir: &Path) -> std::io::Result<PathBuf> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(format!("explore.invariant.{}.yaml", self.invariant));
        std::fs::write(&path, &self.yaml)?;
        Ok(path)
    }
}
