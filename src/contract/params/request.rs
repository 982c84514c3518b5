//! The request as a whole: `Action`, `RegionId`, and the sample request of the Examples section.

use super::*;

/// `Action`.
pub(super) const ACTION: Param = parameter(
    "Action",
    Type::String,
    true,
    &[rule(
        "Action.value",
        "Set the value to CreateImage.",
        Limit::Values {
            values: &["CreateImage"],
            disputed: &[],
        },
    )
    .basis(Basis::ErrorChosen)],
);

/// `RegionId`.
pub(super) const REGION_ID: Param = parameter(
    "RegionId",
    Type::String,
    true,
    &[rule(
        "RegionId.required",
        "RegionId is required.",
        Limit::Statement,
    )],
);

/// `Sample`.
pub(super) const SAMPLE: Param = section(
    "Sample",
    &[rule(
        "Sample.request",
        "The sample request of the Examples section succeeds.",
        Limit::Statement,
    )],
);
