//! What `wire-protocol.md` adds: the answer (`Response`), the gateway (signatures, timestamps, nonces, common parameters, and the spellings of real clients it must accept) and the envelopes (`Format`, read in any case).

use super::*;

/// `Response`.
pub(super) const RESPONSE: Param = section(
    "Response",
    &[
        rule(
            "Response.image-id",
            "ImageId (String): the ID of the image, e.g. m-bp146shijn7hujku****.",
            Limit::Statement,
        ),
        rule(
            "Response.request-id",
            "RequestId (String): the ID of the request, e.g. 473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E.",
            Limit::Statement,
        ),
        rule(
            "Response.fields",
            "The response parameters are ImageId and RequestId.",
            Limit::Statement,
        ),
        rule(
            "Response.image-available",
            "The created custom image can be used only when it is in the Available state.",
            Limit::Statement,
        )
        .unobservable("only DescribeImages shows the image's state"),
    ],
);

/// `Gateway`.
pub(super) const GATEWAY: Param = section(
    "Gateway",
    &[
        rule(
            "Gateway.signature",
            "wire-protocol.md §2, §3, §5: a request whose signature does not match is refused (SignatureDoesNotMatch); a correctly signed one is verified alike in every request style, whatever the characters of its values.",
            Limit::Encoding,
        ),
        rule(
            "Gateway.incomplete-signature",
            "wire-protocol.md §5: a request without a complete signature is refused (IncompleteSignature).",
            Limit::Statement,
        )
        .ambiguities(&["missing-signature-part"]),
        rule(
            "Gateway.access-key",
            "wire-protocol.md §5: an unknown access key is refused (InvalidAccessKeyId.NotFound).",
            Limit::Statement,
        ),
        rule(
            "Gateway.timestamp-window",
            "wire-protocol.md §5: timestamps are checked against a 15-minute window (InvalidTimeStamp.Expired).",
            Limit::Statement,
        ),
        rule(
            "Gateway.nonce",
            "wire-protocol.md §5: a signature nonce is used once within the window (SignatureNonceUsed).",
            Limit::Statement,
        ),
        rule(
            "Gateway.common-parameters",
            "wire-protocol.md §5: a missing common parameter is MissingParameter naming it.",
            Limit::Statement,
        ),
        rule(
            "Gateway.empty-parameter",
            "wire-protocol.md §1: the Python classic client sends SignatureType= with an empty value, and the empty pair is part of what it signed: keep empty-valued parameters.",
            Limit::Spelling(Spelled::EmptyParameter),
        ),
        rule(
            "Gateway.nonce-shapes",
            "wire-protocol.md §1: nonces are 32 hex chars (Python, pop-core), 64 hex chars (Node Tea), UUIDs in docs; each is accepted.",
            Limit::Spelling(Spelled::Nonce),
        ),
        rule(
            "Gateway.plus-as-space",
            "wire-protocol.md §1: Tea clients encode a space as + in the query; decode + as space before re-encoding for the signature.",
            Limit::Spelling(Spelled::SpaceAsPlus),
        ),
    ],
);

/// `Format`.
pub(super) const FORMAT: Param = section(
    "Format",
    &[
        rule(
            "Format.json",
            "wire-protocol.md §4: Format=JSON answers with the JSON envelope.",
            Limit::Statement,
        ),
        rule(
            "Format.xml",
            "wire-protocol.md §4: Format=XML answers with the XML envelope, root CreateImageResponse or Error.",
            Limit::Statement,
        ),
        rule(
            "Format.case-insensitive",
            "wire-protocol.md §1: the Tea clients signing V1 send Format=json in lower case: read Format without regard to case.",
            Limit::Spelling(Spelled::FormatCase),
        ),
        rule(
            "Format.default",
            "wire-protocol.md §2: Format is JSON or XML; when omitted the ECS docs say XML.",
            Limit::Statement,
        )
        .ambiguities(&["format-parameter"]),
    ],
);
