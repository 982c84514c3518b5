//! `list`: one line per case — id, rules, file:line; `list --rule ID`:
//! everything about one rule ([`super::rule`]).

use crate::cli::ListArgs;
use crate::exit;

use super::{HarnessError, load_suite};

pub fn list(args: &ListArgs) -> Result<i32, HarnessError> {
    let (_, suite) = load_suite(&args.suite)?;
    if let Some(id) = &args.rule {
        print!("{}", super::rule::describe(id, &suite)?);
        return Ok(exit::ALL_PASSED);
    }
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
