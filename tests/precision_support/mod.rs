//! A conformant target that is not byte-identical to the reference emulator:
//! a loopback reverse proxy in front of it that forwards every request
//! unchanged and answers with every detail the protocol leaves free varied.
//!
//! The mutants prove the suite fails broken targets; this target proves it
//! passes a conformant one that merely chose differently where the
//! standards let it. What is varied, and the clause that leaves it free:
//!
//! | detail | variants | free by |
//! |---|---|---|
//! | JSON member order | as sent, reversed, rotated | RFC 8259 §1 and §4: an object is an *unordered* collection; interoperable readers do not depend on member order |
//! | JSON whitespace | compact, pretty (2 spaces), spaces around `:` and `,`, tabs and CRLF, leading and trailing | RFC 8259 §2: insignificant whitespace around the six structural characters |
//! | JSON string escapes | minimal, `\/`, every non-ASCII character (and `/`) as `\uXXXX` with surrogate pairs, every character as `\u00xx` | RFC 8259 §7: any character may be escaped |
//! | XML declaration | as sent, none, `encoding="utf-8"`, single quotes with `standalone`, `version` only, a byte order mark before it | XML 1.0 §2.8 (the declaration is optional; `'` or `"`), §4.3.3 (encoding names are case-insensitive; UTF-8 without one; UTF-8 may begin with a byte order mark); RFC 7303 §3.2 |
//! | XML whitespace | none, LF and 2 spaces, CRLF and tabs, between elements | XML 1.0 §2.10 and §2.3 (`S`); the SDKs map element content, not layout |
//! | XML child order | as sent, reversed, rotated (repeated names keep their order) | the protocol gives none (wire-protocol.md §4 lists fields; the SDKs map children by name) |
//! | XML text escapes | minimal, `&#x2F;` and `&#xE9;` character references, CDATA sections, every character as `&#NN;` | XML 1.0 §4.1 (character references), §2.7 (CDATA), §2.4 |
//! | `Content-Type` spelling | as sent, `Application/JSON`, `; charset=UTF-8`, `charset="utf-8"`, no charset, ` ; Charset=Utf-8`; XML likewise, with `application/xml` | RFC 9110 §8.3.1 (type, subtype, parameter names case-insensitive), §8.3.2 (charset value case-insensitive), §5.6.6 (optional whitespace, quoted-string), RFC 8259 §11 (application/json has no charset parameter), RFC 7303 §9.2 (text/xml is application/xml) |
//! | header name case | lowercase, Title-Case (per connection) | RFC 9110 §5.1: field names are case-insensitive |
//! | connection persistence | persistent, closed after one answer (`Connection: close`, per connection) | RFC 9112 §9.3 and §9.6: a server may close after any response |
//! | extra header fields | none; `Cache-Control`, `Vary`, `Access-Control-Allow-Origin`, `X-Acs-Trace-Id` | RFC 9110 §5.1: unknown fields are ignored |
//! | message framing | `Content-Length`, chunked in one chunk, chunked in 7-byte chunks | RFC 9112 §6: either frames a response body |
//! | reason phrase | standard, custom, empty | RFC 9112 §4: the reason phrase is optional and carries no meaning |
//! | `RequestId` | always an uppercase UUID of the proxy's own, the same in the body, in `Recommend` and in `X-Acs-Request-Id` | wire-protocol.md §4 (any uppercase UUID) |
//! | error `HostId` | as sent, `ecs.cn-hangzhou.aliyuncs.com`, `ecs-cn-hangzhou.aliyuncs.com`, `ecs-vpc.cn-hangzhou.aliyuncs.com` | wire-protocol.md §4: real ECS names its regional host |
//! | error `Recommend` | as sent, its query in another order, another host, the code in the path (always naming the code and the request id) | wire-protocol.md §4: a troubleshooting URL |
//!
//! Not varied, because the contract does not leave it free: status codes,
//! `Code`, `Message`, `ImageId`, the XML root, the set of members (a success
//! body with a member more is arguably not conformant, wire-protocol.md §4),
//! and UTF-8 itself.
//!
//! Each answer's variants come from a seed and its number
//! ([`variation::Variation::of_answer`]); the proxy tallies what it applied
//! so the test can assert that every variant was exercised.

#![allow(dead_code)]

pub mod answer;
pub mod json;
pub mod proxy;
pub mod variation;
pub mod xml;
