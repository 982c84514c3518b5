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
        ),
        rule(
            "ClientToken.different-parameters",
            "Request uses a client token in a previous request but is not identical to that request.",
            Limit::Statement,
        )
        .errors(&["idempotence-param-not-match", "client-token-conflict"])
        .ambiguities(&["client-token-mismatch"]),
        rule(
            "ClientToken.in-progress",
            "The specified same token is trying to make requests with different parameters.",
            Limit::Statement,
        )
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
        .basis(Basis::ErrorChosen)
        .ambiguities(&["client-token-format"]),
        rule(
            "ClientToken.ascii",
            "Can only contain ASCII characters.",
            Limit::Ascii,
        )
        .basis(Basis::ErrorChosen)
        .ambiguities(&["client-token-format"]),
    ],
);
