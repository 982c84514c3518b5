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
        .errors(&["resource-group-not-found"])
        .ambiguities(&["empty-values"]),
        rule(
            "ResourceGroupId.assigned",
            "The resource group to which to assign the custom image.",
            Limit::Statement,
        )
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
        .errors(&["account-not-enough-balance"]),
        rule(
            "Account.snapshot-service",
            "Snapshot service has not been opened yet.",
            Limit::Statement,
        )
        .errors(&["account-snapshot-service-unavailable"]),
        rule(
            "Account.image-quota",
            "The maximum number of custom images has been reached.",
            Limit::Statement,
        )
        .errors(&["image-quota-exceeded"]),
        rule(
            "Account.data-disk-whitelist",
            "The user is not in the white list of create image by data disk snapshot.",
            Limit::Statement,
        )
        .errors(&["user-not-in-white-list"]),
        rule(
            "Account.internal-error",
            "The request processing has failed due to some unknown error, exception or failure.",
            Limit::Statement,
        )
        .errors(&["internal-error"])
        .ambiguities(&["internal-errors"]),
    ],
);
