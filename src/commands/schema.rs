//! `schema case|profile`: prints a JSON Schema (see [`crate::schemas`]).

use crate::cli::SchemaArgs;
use crate::exit;

use super::HarnessError;

pub fn schema(args: &SchemaArgs) -> Result<i32, HarnessError> {
    print!("{}", args.kind.render());
    Ok(exit::ALL_PASSED)
}
