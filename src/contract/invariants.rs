//! Run-level invariants: what must hold between the answers of one run set,
//! whatever each answer is on its own. One row per invariant: a stable id,
//! one sentence, the quotes of the documents that fix it, and what it
//! ranges over. [`crate::check::invariants`] judges them after the runs.
//!
//! Only what a sentence fixes is here; what was considered and left out
//! (no sentence fixes it) is listed in `docs/contradictions.md`.

use super::documents::{Quote, ci, wire};

/// Which answers an invariant ranges over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Range {
    /// Every answer that carries a `RequestId`, errors and concurrent copies
    /// included.
    EveryAnswer,
    /// Every successful `CreateImage` answer (2xx with an `ImageId`).
    Successes,
}

impl Range {
    pub fn describe(self) -> &'static str {
        match self {
            Range::EveryAnswer => {
                "every answer carrying a RequestId (errors and concurrent copies included)"
            }
            Range::Successes => "every successful CreateImage answer",
        }
    }
}

/// One invariant.
#[derive(Clone, Debug)]
pub struct Invariant {
    /// Stable id (`request-id.distinct`).
    pub id: &'static str,
    /// What must hold, in one sentence.
    pub statement: &'static str,
    /// The words of the documents that fix it.
    pub quotes: &'static [Quote],
    pub range: Range,
}

impl Invariant {
    /// The row with this id.
    pub fn by_id(id: &str) -> Option<&'static Invariant> {
        INVARIANTS.iter().find(|i| i.id == id)
    }

    /// The quotes, one per line, as a failure's `because`.
    pub fn because(&self) -> String {
        self.quotes
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("\n")
    }
}

pub const REQUEST_ID_DISTINCT: &str = "request-id.distinct";
pub const IMAGE_ID_DISTINCT: &str = "image-id.distinct";
pub const IMAGE_ID_REPLAYED: &str = "image-id.replayed";
pub const IMAGE_ID_ONE_ACCOUNT: &str = "image-id.one-account";
pub const NONCE_ONCE: &str = "signature-nonce.once";

/// Every run-level invariant, in the order reports list them.
pub static INVARIANTS: [Invariant; 5] = [
    Invariant {
        id: REQUEST_ID_DISTINCT,
        statement: "every RequestId of the run is distinct: no two answers share one, except a replay repeating its first answer (a success with the same image, or the same error to the same parameters)",
        quotes: &[
            ci(
                "Response parameters, RequestId",
                "|RequestId|String|473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E|The ID of the request. |",
            ),
            wire(
                "§4 Response envelopes",
                "RequestId an uppercase UUID (8-4-4-4-12)",
            ),
        ],
        range: Range::EveryAnswer,
    },
    Invariant {
        id: IMAGE_ID_DISTINCT,
        statement: "every ImageId a successful create returned is distinct, except that a replay (the same account and ClientToken) repeats it",
        quotes: &[
            ci(
                "Response parameters, ImageId",
                "|ImageId|String|m-bp146shijn7hujku****|The ID of the image. |",
            ),
            ci(
                "Request parameters, ClientToken",
                "The client token that is used to ensure the idempotence of the request.",
            ),
        ],
        range: Range::Successes,
    },
    Invariant {
        id: IMAGE_ID_REPLAYED,
        statement: "successful creates with the same account, ClientToken and parameters return exactly the same ImageId",
        quotes: &[
            ci(
                "Request parameters, ClientToken",
                "The client token that is used to ensure the idempotence of the request.",
            ),
            ci(
                "Error codes, 400 IdempotenceParamNotMatch",
                "this request and the previous request contain the same client token but different parameters",
            ),
        ],
        range: Range::Successes,
    },
    Invariant {
        id: IMAGE_ID_ONE_ACCOUNT,
        statement: "an ImageId returned to one account is never returned to another",
        quotes: &[
            ci(
                "Response parameters, ImageId",
                "|ImageId|String|m-bp146shijn7hujku****|The ID of the image. |",
            ),
            ci(
                "Description",
                "You can call the CreateImage operation to create a custom image",
            ),
        ],
        range: Range::Successes,
    },
    Invariant {
        id: NONCE_ONCE,
        statement: "a SignatureNonce is accepted at most once per account within the 15-minute window: a success for a request whose nonce already succeeded is a replay accepted",
        quotes: &[
            wire(
                "§5 Gateway errors",
                "| SignatureNonceUsed | 400 | Specified signature nonce was used already. |",
            ),
            wire(
                "§5 Gateway errors",
                "Timestamps and nonces are checked against a 15-minute window.",
            ),
        ],
        range: Range::Successes,
    },
];

/// The nonce window of `wire-protocol.md` §5, in seconds.
pub const NONCE_WINDOW_SECONDS: i64 = 15 * 60;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invariant_quote_is_verbatim() {
        for invariant in &INVARIANTS {
            assert!(!invariant.quotes.is_empty(), "{}", invariant.id);
            for quote in invariant.quotes {
                assert!(quote.is_verbatim(), "{}: {quote}", invariant.id);
            }
        }
    }

    #[test]
    fn invariant_ids_are_unique_and_found() {
        for invariant in &INVARIANTS {
            assert_eq!(Invariant::by_id(invariant.id).unwrap().id, invariant.id);
        }
        let mut ids: Vec<_> = INVARIANTS.iter().map(|i| i.id).collect();
        ids.dedup();
        assert_eq!(ids.len(), INVARIANTS.len());
    }
}
