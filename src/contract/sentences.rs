//! The sentences that fix what every answer looks like, whatever the rule:
//! the success and error envelopes, the identifiers, the content types
//! (`wire-protocol.md` §4, `CreateImage.md`'s response table) and the
//! gateway's error table (`wire-protocol.md` §5). A case's expectation of
//! a field of the envelope is traced to these ([`crate::suite::trace`]);
//! what a rule decides is traced to the rule's own quotes.

use super::documents::{Quote, ci, wire};

/// The gateway's errors, `wire-protocol.md` §5: the code, the status and
/// the fixed start of the message (what follows `<…>` is the server's).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct GatewayRow {
    pub code: &'static str,
    pub status: u16,
    /// The message up to its first `<`, as documented.
    pub message: &'static str,
}

impl GatewayRow {
    /// The row of the table, as a quote.
    pub fn quote(&self) -> Quote {
        let text = format!("| {} | {} | {}", self.code, self.status, self.message);
        Quote {
            doc: super::documents::Doc::WireProtocol,
            place: "§5 Gateway errors".into(),
            text: text.into(),
        }
    }

    /// The row with this code.
    pub fn by_code(code: &str) -> Option<&'static GatewayRow> {
        GATEWAY_ROWS.iter().find(|row| row.code == code)
    }
}

/// `wire-protocol.md` §5, in the document's order.
pub static GATEWAY_ROWS: [GatewayRow; 8] = [
    GatewayRow {
        code: "SignatureDoesNotMatch",
        status: 400,
        message: "Specified signature is not matched with our calculation. server string to sign is:",
    },
    GatewayRow {
        code: "IncompleteSignature",
        status: 400,
        message: "The request signature does not conform to Aliyun standards. server string to sign is:",
    },
    GatewayRow {
        code: "InvalidAccessKeyId.NotFound",
        status: 404,
        message: "Specified access key is not found.",
    },
    GatewayRow {
        code: "InvalidTimeStamp.Expired",
        status: 400,
        message: "Specified time stamp or date value is expired.",
    },
    GatewayRow {
        code: "SignatureNonceUsed",
        status: 400,
        message: "Specified signature nonce was used already.",
    },
    GatewayRow {
        code: "MissingParameter",
        status: 400,
        message: "The input parameter \"",
    },
    GatewayRow {
        code: "Throttling",
        status: 400,
        message: "Request was denied due to request throttling.",
    },
    GatewayRow {
        code: "Forbidden.RAM",
        status: 403,
        message: "User not authorized to operate on the specified resource, or this API doesn't support RAM.",
    },
];

/// A created image is answered with 200 and the success envelope.
pub const SUCCESS: &[Quote] = &[
    wire(
        "§4 Response envelopes",
        "Success, JSON: {\"RequestId\":\"C8B26B44-0189-443E-9816-D951F59623A9\",\"ImageId\":\"m-bp146shijn7hujku****\"}",
    ),
    wire(
        "§6 How the official clients read errors",
        "any status outside 2xx raises ServerException",
    ),
];

/// `RequestId` in every answer, and its shape.
pub const REQUEST_ID: &[Quote] = &[
    ci(
        "Response parameters, RequestId",
        "|RequestId|String|473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E|The ID of the request. |",
    ),
    wire(
        "§4 Response envelopes",
        "RequestId an uppercase UUID (8-4-4-4-12)",
    ),
];

/// `ImageId` in a success, and its shape.
pub const IMAGE_ID: &[Quote] = &[
    ci(
        "Response parameters, ImageId",
        "|ImageId|String|m-bp146shijn7hujku****|The ID of the image. |",
    ),
    wire(
        "§4 Response envelopes",
        "ImageId m- followed by 20 lowercase letters and digits",
    ),
];

/// What an error envelope carries (and so what it does not: `ImageId`).
pub const ERROR_ENVELOPE: &[Quote] = &[
    wire(
        "§4 Response envelopes",
        "Error, JSON (real ECS response): {\"RequestId\":\"81EF1E7D-0D15-5CAF-B602-3487FAFA88D5\",\"HostId\":\"ecs.cn-hangzhou.aliyuncs.com\",\"Code\":\"InvalidInstanceId.NotFound\",\"Message\":\"The specified InstanceId does not exist.\"",
    ),
    wire(
        "§4 Response envelopes",
        "Error, XML: <?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>…</RequestId><HostId>ecs.aliyuncs.com</HostId><Code>…</Code><Message>…</Message></Error>",
    ),
];

/// A success carries only the response parameters, never `Code`.
pub const SUCCESS_FIELDS: &[Quote] = &[
    ci(
        "Response parameters",
        "|ImageId|String|m-bp146shijn7hujku****|The ID of the image. | |RequestId|String|",
    ),
    wire("§4 Response envelopes", "A success body never carries Code"),
];

/// The content types of the two envelopes.
pub const CONTENT_TYPE: &[Quote] = &[wire(
    "§4 Response envelopes",
    "Real responses carry Content-Type: application/json;charset=utf-8 (XML: text/xml;charset=utf-8)",
)];

/// The XML root element.
pub const XML_ROOT: &[Quote] = &[
    wire(
        "§4 Response envelopes",
        "Success, XML: root element is the action name plus Response",
    ),
    wire("§4 Response envelopes", "Error, XML: ... <Error>"),
];

/// The response format a request asks for.
pub const FORMAT: &[Quote] = &[
    wire(
        "§2 Signature V1",
        "Format (JSON or XML; when omitted the ECS docs say XML)",
    ),
    wire(
        "§1 Request styles",
        "none sent; expects JSON (accept: application/json)",
    ),
];

/// A parameter the error table has no row for is refused as its siblings
/// are: 400, with a code that names it (`Invalid<Name>.Malformed`,
/// `InvalidParameter…`). The rows the suite reads that from.
pub const MALFORMED_FAMILY: &[Quote] = &[
    ci(
        "Error codes",
        "|400|InvalidImageName.Malformed|The specified Image name is wrongly formed.|",
    ),
    ci(
        "Error codes",
        "|400|InvalidDescription.Malformed|The specified description is wrongly formed.|",
    ),
    ci("Error codes", "|400|InvalidParameter.AllEmpty|%s|"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_sentence_is_verbatim() {
        for quotes in [
            SUCCESS,
            REQUEST_ID,
            IMAGE_ID,
            ERROR_ENVELOPE,
            SUCCESS_FIELDS,
            CONTENT_TYPE,
            XML_ROOT,
            FORMAT,
            MALFORMED_FAMILY,
        ] {
            for quote in quotes {
                assert!(quote.is_verbatim(), "{quote}");
            }
        }
    }

    #[test]
    fn every_gateway_row_is_a_row_of_the_gateway_table() {
        for row in &GATEWAY_ROWS {
            assert!(row.quote().is_verbatim(), "{}", row.quote());
        }
    }
}
