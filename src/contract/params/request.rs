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
    // No sentence names the error a request with another Action gets.
    .quotes(quotes![ci(
        "Request parameters, Action",
        "The operation that you want to perform. Set the value to CreateImage.",
    )])
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
    )
    .quotes(quotes![
        ci("Request parameters, RegionId", "|RegionId|String|Yes|"),
        wp(
            "§5 Gateway errors",
            "| MissingParameter | 400 | The input parameter \"<Name>\" that is mandatory for processing this request is not supplied. |",
        ),
    ])],
);

/// `Sample`.
pub(super) const SAMPLE: Param = section(
    "Sample",
    &[rule(
        "Sample.request",
        "The sample request of the Examples section succeeds.",
        Limit::Statement,
    )
    // The section pairs the sample request with sample success responses; no
    // sentence says that the request succeeds.
    .quotes(quotes![
        ci(
            "Examples, Sample requests",
            "https://ecs.aliyuncs.com/?Action=CreateImage &RegionId=cn-hangzhou ... &Tag.1.Value=ValueTest &<Common request parameters>",
        ),
        ci("Examples", "Sample success responses"),
    ])],
);
