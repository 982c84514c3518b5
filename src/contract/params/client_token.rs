//! `ClientToken`: its syntax and idempotence.

use super::*;

/// `ClientToken`.
pub(super) const CLIENT_TOKEN: Param = parameter(
    "ClientToken",
    Type::String,
    false,
    &[
        rule(
            "ClientToken.idempotence",
            "The client token ensures the idempotence of the request: a retry returns the same image.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Request parameters, ClientToken",
            "The client token that is used to ensure the idempotence of the request.",
        )]),
        rule(
            "ClientToken.different-parameters",
            "Request uses a client token in a previous request but is not identical to that request.",
            Limit::Statement,
        )
        // Which of the two rows a reused token gets is the project's reading
        // (client-token-mismatch).
        .quotes(quotes![
            ci(
                "Request parameters, ClientToken",
                "You can use the client to generate the value, but you must ensure that it is unique among different requests.",
            ),
            ci(
                "Error codes, IdempotenceParamNotMatch",
                "The error message returned because this request and the previous request contain the same client token but different parameters.",
            ),
            ci(
                "Error codes, InvalidParamter.Conflict",
                "The error message returned because the same token is used to make requests that have different parameters.",
            ),
        ])
        .errors(&["idempotence-param-not-match", "client-token-conflict"])
        .ambiguities(&["client-token-mismatch"]),
        rule(
            "ClientToken.in-progress",
            "The specified same token is trying to make requests with different parameters.",
            Limit::Statement,
        )
        // No sentence says the Conflict row answers a token whose first request is still
        // in progress: that is the project's reading (client-token-mismatch).
        .quotes(quotes![ci(
            "Error codes, InvalidParamter.Conflict",
            "The error message returned because the same token is used to make requests that have different parameters.",
        )])
        .errors(&["client-token-conflict"])
        .ambiguities(&["client-token-mismatch"]),
        rule(
            "ClientToken.length",
            "Cannot exceed 64 characters in length.",
            Limit::Length {
                min: 0,
                max: CLIENT_TOKEN_MAX_LEN,
            },
        )
        // No row of the error table names ClientToken: the error a violation gets is
        // the project's choice (client-token-format).
        .quotes(quotes![ci(
            "Request parameters, ClientToken",
            "The ClientToken value can only contain ASCII characters and cannot exceed 64 characters in length.",
        )])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["client-token-format"]),
        rule(
            "ClientToken.ascii",
            "Can only contain ASCII characters.",
            Limit::Ascii,
        )
        // No row of the error table names ClientToken: the error a violation gets is
        // the project's choice (client-token-format).
        .quotes(quotes![ci(
            "Request parameters, ClientToken",
            "The ClientToken value can only contain ASCII characters and cannot exceed 64 characters in length.",
        )])
        .basis(Basis::ErrorChosen)
        .ambiguities(&["client-token-format"]),
    ],
);
