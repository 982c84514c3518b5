//! [`areas`]: passed, failed, ignored and not judged runs per contract
//! area (the `area:` of each case file), in the order the areas first
//! appear.

use crate::report::model::{OutcomeKind, Report};

/// One area's counts.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AreaCount {
    pub area: String,
    pub passed: usize,
    pub failed: usize,
    pub ignored: usize,
    pub not_judged: usize,
}

impl AreaCount {
    pub fn total(&self) -> usize {
        self.passed + self.failed + self.ignored + self.not_judged
    }
}

pub fn areas(report: &Report) -> Vec<AreaCount> {
    let mut out: Vec<AreaCount> = Vec::new();
    for run in &report.runs {
        let index = match out.iter().position(|a| a.area == run.area) {
            Some(index) => index,
            None => {
                out.push(AreaCount {
                    area: run.area.clone(),
                    ..AreaCount::default()
                });
                out.len() - 1
            }
        };
        let count = &mut out[index];
        match run.outcome {
            OutcomeKind::Passed => count.passed += 1,
            OutcomeKind::Failed => count.failed += 1,
            OutcomeKind::Ignored => count.ignored += 1,
            OutcomeKind::NotJudged => count.not_judged += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::testing::{report, run};

    #[test]
    fn areas_are_counted_in_the_order_they_first_appear() {
        let mut b = run("b::json::v1-get", OutcomeKind::Failed);
        b.area = "Tags".into();
        let counts = areas(&report(vec![
            b,
            run("a::json::v1-get", OutcomeKind::Passed),
            run("a::xml::v1-get", OutcomeKind::Ignored),
        ]));
        let shown: Vec<(&str, usize, usize, usize)> = counts
            .iter()
            .map(|a| (a.area.as_str(), a.passed, a.failed, a.ignored))
            .collect();
        assert_eq!(shown, [("Tags", 0, 1, 0), ("Area", 1, 0, 1)]);
    }
}
