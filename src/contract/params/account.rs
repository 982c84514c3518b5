//! `ResourceGroupId` and the account behind the request (balance, snapshot service, image quota, whitelist).

use super::*;

/// `ResourceGroupId`.
pub(super) const RESOURCE_GROUP_ID: Param = parameter(
    "ResourceGroupId",
    Type::String,
    false,
    &[
        rule(
            "ResourceGroupId.exists",
            "The ResourceGroup provided does not exist in our records.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InvalidResourceGroup.NotFound",
            "The error message returned because the specified ResourceGroupId parameter does not exist.",
        )])
        .errors(&["resource-group-not-found"])
        .ambiguities(&["empty-values"]),
        rule(
            "ResourceGroupId.assigned",
            "The resource group to which to assign the custom image.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Request parameters, ResourceGroupId",
            "The ID of the resource group to which to assign the custom image.",
        )])
        .unobservable(SHOWN_BY_DESCRIBE_IMAGES),
    ],
);

/// `Account`.
pub(super) const ACCOUNT: Param = section(
    "Account",
    &[
        rule(
            "Account.balance",
            "Your account does not have enough balance.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InvalidAccountStatus.NotEnoughBalance",
            "The error message returned because your account balance is insufficient.",
        )])
        .errors(&["account-not-enough-balance"]),
        rule(
            "Account.snapshot-service",
            "Snapshot service has not been opened yet.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InvalidAccountStatus.SnapshotServiceUnavailable",
            "The error message returned because the operation is not supported while the snapshot service is not activated.",
        )])
        .errors(&["account-snapshot-service-unavailable"]),
        rule(
            "Account.image-quota",
            "The maximum number of custom images has been reached.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, QuotaExceed.Image",
            "The error message returned because the maximum number of custom images has been reached.",
        )])
        .errors(&["image-quota-exceeded"]),
        rule(
            "Account.data-disk-whitelist",
            "The user is not in the white list of create image by data disk snapshot.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, UserNotInTheWhiteList",
            "The error message returned because you are not authorized to create an image from data disk snapshots.",
        )])
        .errors(&["user-not-in-white-list"])
        .ambiguities(&["data-disk-whitelist-scope"]),
        rule(
            "Account.internal-error",
            "The request processing has failed due to some unknown error, exception or failure.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Error codes, InternalError",
            "The error message returned because an internal error has occurred.",
        )])
        .errors(&["internal-error"])
        .ambiguities(&["internal-errors"]),
    ],
);
