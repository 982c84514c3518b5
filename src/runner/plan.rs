//! [`Plan`]: every run of a suite, case × format × request style.

use std::sync::Arc;

use crate::suite::{Case, Suite};
use crate::wire::{Format, WireStyle};

/// One case in one response format over one request style.
#[derive(Clone, Debug)]
pub struct Run {
    /// `CASE-ID::FORMAT::WIRE`.
    pub id: String,
    /// The case file's `area:`.
    pub area: String,
    pub case: Arc<Case>,
    pub format: Format,
    pub wire: WireStyle,
}

impl Run {
    /// The snapshot shared by every request style of this case and format.
    pub fn snapshot_name(&self) -> String {
        format!("{}.{}", self.case.id, self.format)
    }
}

/// The runs of one invocation, in suite order.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub runs: Vec<Run>,
}

/// What the command line asks for; a case's own `formats:`/`wire:` win.
#[derive(Clone, Debug)]
pub struct PlanOptions {
    pub formats: Vec<Format>,
    pub wires: Vec<WireStyle>,
}

impl Default for PlanOptions {
    fn default() -> Self {
        PlanOptions {
            formats: Format::ALL.to_vec(),
            wires: vec![WireStyle::V1Get],
        }
    }
}

/// Expands every case into its runs.
pub fn plan(suite: &Suite, options: &PlanOptions) -> Plan {
    let mut runs = Vec::new();
    for (file, case) in suite.cases() {
        let case = Arc::new(case.clone());
        let formats = case.formats.as_deref().unwrap_or(&options.formats);
        let wires = case.wire.as_deref().unwrap_or(&options.wires);
        for &format in formats {
            for &wire in wires {
                runs.push(Run {
                    id: format!("{}::{}::{}", case.id, format, wire),
                    area: file.area.clone(),
                    case: case.clone(),
                    format,
                    wire,
                });
            }
        }
    }
    Plan { runs }
}
