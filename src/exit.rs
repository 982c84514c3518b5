//! Process exit codes, one named constant per outcome.

/// Every run passed (ignored runs do not count as failures).
pub const ALL_PASSED: i32 = 0;
/// At least one run broke the contract.
pub const CONTRACT_FAILURES: i32 = 1;
/// No run broke the contract, but some were not judged (the target could
/// not be reached or throttled them, or they were not run): the verdict is
/// incomplete. The same code as a contract failure, as neither shows the
/// target conforms; stderr and the reports tell the two apart.
pub const INCOMPLETE: i32 = 1;
/// The command line was wrong, or the harness itself could not work
/// (a case file could not be read or parsed, a port could not be bound).
pub const HARNESS_ERROR: i32 = 2;
