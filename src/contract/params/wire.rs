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
        )
        .quotes(quotes![
            ci(
                "Response parameters, ImageId",
                "|ImageId|String|m-bp146shijn7hujku****|The ID of the image. |",
            ),
            wp("§4 Response envelopes", "ImageId m- followed by 20 lowercase letters and digits"),
        ]),
        rule(
            "Response.request-id",
            "RequestId (String): the ID of the request, e.g. 473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Response parameters, RequestId",
                "|RequestId|String|473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E|The ID of the request. |",
            ),
            wp("§4 Response envelopes", "RequestId an uppercase UUID (8-4-4-4-12)"),
        ]),
        rule(
            "Response.fields",
            "The response parameters are ImageId and RequestId.",
            Limit::Statement,
        )
        .quotes(quotes![
            ci(
                "Response parameters",
                "|ImageId|String|m-bp146shijn7hujku****|The ID of the image. | |RequestId|String|473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E|The ID of the request. |",
            ),
            wp("§4 Response envelopes", "A success body never carries Code"),
        ]),
        rule(
            "Response.image-available",
            "The created custom image can be used only when it is in the Available state.",
            Limit::Statement,
        )
        .quotes(quotes![ci(
            "Description",
            "The created custom image can be used only when it is in the Available (Available) state.",
        )])
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
        )
        .quotes(quotes![
            wp(
                "§1 Request styles",
                "A server must accept GET with query, POST with query, and POST with a form body (merge query and form before verifying).",
            ),
            wp(
                "§2 Signature V1",
                "Percent-encode with UTF-8 per RFC 3986: A-Z a-z 0-9 - _ . ~ stay; all else becomes %XY (uppercase hex).",
            ),
            wp(
                "§2 Signature V1",
                "Signature = base64(HMAC-SHA1(key = AccessKeySecret + \"&\", StringToSign))",
            ),
            wp(
                "§3 Signature V3",
                "Signature = hex(HMAC-SHA256(key = AccessKeySecret, StringToSign))",
            ),
            wp(
                "§5 Gateway errors",
                "| SignatureDoesNotMatch | 400 | Specified signature is not matched with our calculation. server string to sign is:",
            ),
        ]),
        rule(
            "Gateway.incomplete-signature",
            "wire-protocol.md §5: a request without a complete signature is refused (IncompleteSignature).",
            Limit::Statement,
        )
        // No sentence says which requests are incomplete (no Signature, no
        // SignatureNonce): that they get IncompleteSignature is the project's reading.
        .quotes(quotes![
            wp(
                "§2 Signature V1",
                "Common parameters: Action, Version (2014-05-26), ... SignatureNonce, Timestamp (UTC, YYYY-MM-DDThh:mm:ssZ), Signature",
            ),
            wp(
                "§5 Gateway errors",
                "| IncompleteSignature | 400 | The request signature does not conform to Aliyun standards. server string to sign is:",
            ),
        ])
        .ambiguities(&["missing-signature-part"]),
        rule(
            "Gateway.access-key",
            "wire-protocol.md §5: an unknown access key is refused (InvalidAccessKeyId.NotFound).",
            Limit::Statement,
        )
        .quotes(quotes![wp(
            "§5 Gateway errors",
            "| InvalidAccessKeyId.NotFound | 404 | Specified access key is not found. |",
        )])
        .ambiguities(&["access-key-case"]),
        rule(
            "Gateway.signed-headers",
            "wire-protocol.md §3: a V3 verifier builds its header list from SignedHeaders; which headers it must name is not said.",
            Limit::Statement,
        )
        .quotes(quotes![
            wp(
                "§3 Signature V3",
                "The set of signed headers differs by client (Python Tea also signs `accept` and `user-agent`): a verifier builds its header list from `SignedHeaders`.",
            ),
            wp(
                "§3 Signature V3",
                "canonical headers (each `lowercase-name:trimmed-value\\n`, repeated values sorted and joined by `,`), the signed header names joined by `;`",
            ),
        ])
        .ambiguities(&["v3-signed-headers"]),
        rule(
            "Gateway.security-token",
            "wire-protocol.md §2: a request signed with STS credentials carries SecurityToken (V3: its x-acs-* header); without it, it is MissingParameter naming it.",
            Limit::Statement,
        )
        .quotes(quotes![
            wp(
                "§2 Signature V1",
                "Common parameters: Action, Version (2014-05-26), Format (JSON or XML; when omitted the ECS docs say XML), AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, SignatureNonce, Timestamp (UTC, YYYY-MM-DDThh:mm:ssZ), Signature, and SecurityToken with STS credentials.",
            ),
            wp(
                "§1 Request styles",
                "operation parameters in the query, common ones in x-acs-* headers",
            ),
            wp(
                "§5 Gateway errors",
                "| MissingParameter | 400 | The input parameter \"<Name>\" that is mandatory for processing this request is not supplied. |",
            ),
        ]),
        rule(
            "Gateway.timestamp-window",
            "wire-protocol.md §5: timestamps are checked against a 15-minute window (InvalidTimeStamp.Expired).",
            Limit::Statement,
        )
        // The window's side is not said: that it spans 15 minutes either side of the
        // server's clock is the project's reading.
        .quotes(quotes![
            wp(
                "§5 Gateway errors",
                "Timestamps and nonces are checked against a 15-minute window.",
            ),
            wp(
                "§5 Gateway errors",
                "| InvalidTimeStamp.Expired | 400 | Specified time stamp or date value is expired. |",
            ),
        ]),
        rule(
            "Gateway.nonce",
            "wire-protocol.md §5: a signature nonce is used once within the window (SignatureNonceUsed).",
            Limit::Statement,
        )
        .quotes(quotes![
            wp(
                "§5 Gateway errors",
                "Timestamps and nonces are checked against a 15-minute window.",
            ),
            wp(
                "§5 Gateway errors",
                "| SignatureNonceUsed | 400 | Specified signature nonce was used already. |",
            ),
        ]),
        rule(
            "Gateway.common-parameters",
            "wire-protocol.md §5: a missing common parameter is MissingParameter naming it.",
            Limit::Statement,
        )
        .quotes(quotes![
            wp(
                "§2 Signature V1",
                "Common parameters: Action, Version (2014-05-26), Format (JSON or XML; when omitted the ECS docs say XML), AccessKeyId, SignatureMethod=HMAC-SHA1, SignatureVersion=1.0, SignatureNonce, Timestamp (UTC, YYYY-MM-DDThh:mm:ssZ), Signature, and SecurityToken with STS credentials.",
            ),
            wp(
                "§5 Gateway errors",
                "| MissingParameter | 400 | The input parameter \"<Name>\" that is mandatory for processing this request is not supplied. |",
            ),
        ]),
        rule(
            "Gateway.empty-parameter",
            "wire-protocol.md §1: the Python classic client sends SignatureType= with an empty value, and the empty pair is part of what it signed: keep empty-valued parameters.",
            Limit::Spelling(Spelled::EmptyParameter),
        )
        .quotes(quotes![wp(
            "§1 Request styles",
            "The Python classic client sends SignatureType= with an empty value, and the empty pair is part of what it signed: keep empty-valued parameters.",
        )]),
        rule(
            "Gateway.nonce-shapes",
            "wire-protocol.md §1: nonces are 32 hex chars (Python, pop-core), 64 hex chars (Node Tea), UUIDs in docs; each is accepted.",
            Limit::Spelling(Spelled::Nonce),
        )
        .quotes(quotes![wp(
            "§1 Request styles",
            "Wire quirks that a verifier must survive: ... Nonces: 32 hex chars (Python, pop-core), 64 hex chars (Node Tea), UUIDs in docs.",
        )]),
        rule(
            "Gateway.plus-as-space",
            "wire-protocol.md §1: Tea clients encode a space as + in the query; decode + as space before re-encoding for the signature.",
            Limit::Spelling(Spelled::SpaceAsPlus),
        )
        .quotes(quotes![wp(
            "§1 Request styles",
            "Tea clients encode a space as + in the query; decode + as space before re-encoding for the signature.",
        )]),
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
        )
        .quotes(quotes![
            wp("§2 Signature V1", "Format (JSON or XML; when omitted the ECS docs say XML)"),
            wp(
                "§4 Response envelopes",
                "Success, JSON: {\"RequestId\":\"C8B26B44-0189-443E-9816-D951F59623A9\",\"ImageId\":\"m-bp146shijn7hujku****\"}",
            ),
            wp(
                "§4 Response envelopes",
                "Error, JSON (real ECS response): {\"RequestId\":\"81EF1E7D-0D15-5CAF-B602-3487FAFA88D5\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\"InvalidInstanceId.NotFound\",\"Message\":\"The specified InstanceId does not exist.\"",
            ),
        ]),
        rule(
            "Format.xml",
            "wire-protocol.md §4: Format=XML answers with the XML envelope, root CreateImageResponse or Error.",
            Limit::Statement,
        )
        .quotes(quotes![
            wp("§2 Signature V1", "Format (JSON or XML; when omitted the ECS docs say XML)"),
            wp(
                "§4 Response envelopes",
                "Success, XML: root element is the action name plus Response: <CreateImageResponse><RequestId>…</RequestId><ImageId>…</ImageId></CreateImageResponse>",
            ),
            wp(
                "§4 Response envelopes",
                "Error, XML: <?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>…</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>…</Code><Message>…</Message></Error>",
            ),
        ]),
        rule(
            "Format.case-insensitive",
            "wire-protocol.md §1: the Tea clients signing V1 send Format=json in lower case: read Format without regard to case.",
            Limit::Spelling(Spelled::FormatCase),
        )
        .quotes(quotes![wp(
            "§1 Request styles",
            "The Tea clients with signature_algorithm='v2' sign V1 and send POST with every parameter in the query and Format=json in lower case: read Format without regard to case.",
        )]),
        rule(
            "Format.default",
            "wire-protocol.md §2: Format is JSON or XML; when omitted the ECS docs say XML.",
            Limit::Statement,
        )
        // Neither sentence says what an unrecognised Format gets: the style's default
        // is the project's reading (format-parameter).
        .quotes(quotes![
            wp("§2 Signature V1", "Format (JSON or XML; when omitted the ECS docs say XML)"),
            wp(
                "§1 Request styles, Python Tea",
                "none sent; expects JSON (accept: application/json)",
            ),
        ])
        .ambiguities(&["format-parameter"]),
    ],
);
