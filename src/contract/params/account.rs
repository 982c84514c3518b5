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
        rule(
            "Account.client-token-scope",
            "A client token is unique among different requests: another account's request is never a retry of this account's.",
            Limit::Statement,
        )
        // Whether a token is its account's own or shared by every account is
        // the project's reading (client-token-scope); either way one account
        // never receives another's image.
        .quotes(quotes![
            ci(
                "Request parameters, ClientToken",
                "You can use the client to generate the value, but you must ensure that it is unique among different requests.",
            ),
            ci(
                "Error codes, IdempotenceParamNotMatch",
                "The error message returned because this request and the previous request contain the same client token but different parameters.",
            ),
        ])
        .errors(&["idempotence-param-not-match", "client-token-conflict"])
        .ambiguities(&["client-token-scope", "client-token-mismatch"]),
        rule(
            "Account.image-name-scope",
            "The specified Image name has already bean used.",
            Limit::Statement,
        )
        // Whether a name is unique within its account or among every
        // account's images is the project's reading (image-name-scope).
        .quotes(quotes![ci(
            "Error codes, InvalidImageName.Duplicated",
            "The error message returned because the specified image name already exists.",
        )])
        .errors(&["image-name-duplicated"])
        .ambiguities(&["image-name-scope"]),
        rule(
            "Account.own-resources",
            "An account makes images of its own snapshots and instances only.",
            Limit::Statement,
        )
        // Whose resources an account may name is the project's reading
        // (foreign-resource); either way no image is made of another
        // account's resource.
        .quotes(quotes![
            ci(
                "Error codes, InvalidSnapshotId.NotFound",
                "The error message returned because the specified SnapshotId parameter does not exist.",
            ),
            ci(
                "Error codes, InvalidInstanceId.NotFound",
                "The error message returned because the specified InstanceId parameter does not exist.",
            ),
        ])
        .errors(&[
            "snapshot-not-found",
            "instance-not-found",
            "snapshot-not-allowed",
            "system-snapshot-missing",
        ])
        .ambiguities(&["foreign-resource", "snapshot-not-found-row"]),
    ],
);
