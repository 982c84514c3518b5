//! `list`: one line per case — id, rules, file:line.

use crate::cli::SuiteArgs;
use crate::exit;

use super::{HarnessError, load_suite};

pub fn list(args: &SuiteArgs) -> Result<i32, HarnessError> {
    let (_, suite) = load_suite(args)?;
    let mut out = String::new();
    for (_, case) in suite.cases() {
        out.push_str(&format!(
            "{}\t{}\t{}:{}\n",
            case.id,
            case.rules.join(","),
            case.loc.file,
            case.loc.line
        ));
    }
    print!("{out}");
    Ok(exit::ALL_PASSED)
}
