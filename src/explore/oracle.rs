//! The oracles: reference emulators in this process, one per documented
//! reading ([`Oracles`]), each reached through its router without a socket.
//! The first follows every default reading; the others each take one other
//! reading of one ambiguity (`crate::contract::ambiguities`), and, when the
//! embedded target was started with `--reading`, one more takes exactly
//! that selection. An answer is acceptable when some oracle gives it.
//!
//! The default oracle sees every case; another sees a case only when the
//! target disagreed with the default one. What an oracle does not see
//! cannot change its answers: every case uses fresh names and tokens
//! ([`super::fresh`]).

use axum::body::Body;
use tower::ServiceExt;

use crate::check::Observed;
use crate::contract::ambiguities::AMBIGUITIES;
use crate::contract::selection::{Chosen, Selection};
use crate::emulator::Emulator;
use crate::fixtures::Manifest;
use crate::runner::{MAX_BODY_BYTES, Outgoing, is_json_or_xml};
use crate::wire::decode;

use super::answer::Outcome;

/// One in-process reference emulator.
#[derive(Clone, Debug)]
pub struct Oracle {
    /// `default`, or the reading it takes (`image-name-characters=error-table`).
    pub reading: String,
    pub selection: Selection,
    router: axum::Router,
}

impl Oracle {
    pub fn new(manifest: &Manifest, reading: String, selection: Selection) -> Oracle {
        let emulator = Emulator::new(manifest, selection.rules(), None);
        Oracle {
            reading,
            selection,
            router: emulator.router(),
        }
    }

    /// Sends the requests one after the other; an answer, or why none.
    pub async fn answer(&self, host: &str, requests: &[Outgoing]) -> Vec<Outcome> {
        let mut out = Vec::with_capacity(requests.len());
        for outgoing in requests {
            out.push(self.one(host, outgoing).await);
        }
        out
    }

    async fn one(&self, host: &str, outgoing: &Outgoing) -> Outcome {
        let prepared = outgoing.prepared(host, "CreateImage");
        let mut request = axum::http::Request::builder()
            .method(prepared.method)
            .uri(prepared.path_and_query.as_str());
        let mut has_host = false;
        for (name, value) in &prepared.headers {
            has_host |= name.eq_ignore_ascii_case("host");
            request = request.header(name.as_str(), value.as_str());
        }
        if !has_host {
            request = request.header("host", host);
        }
        let Ok(request) = request.body(Body::from(prepared.body)) else {
            return Err("transport");
        };
        let Ok(response) = self.router.clone().oneshot(request).await;
        let status = response.status().as_u16();
        let content_type = response
            .headers()
            .get(axum::http::header::CONTENT_TYPE)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        let Ok(bytes) = axum::body::to_bytes(response.into_body(), MAX_BODY_BYTES).await else {
            return Err("transport");
        };
        if !is_json_or_xml(content_type.as_deref()) {
            return Err("decode");
        }
        match decode::decode(content_type.as_deref(), &bytes) {
            Ok(body) => Ok(Observed {
                status,
                content_type,
                body,
            }),
            Err(_) => Err("decode"),
        }
    }
}

/// Every oracle: the default first.
#[derive(Clone, Debug)]
pub struct Oracles {
    pub default: Oracle,
    pub alternatives: Vec<Oracle>,
}

impl Oracles {
    /// The default oracle, one per other documented reading, and one for
    /// `selected` when it is not the default.
    pub fn new(manifest: &Manifest, selected: &Selection) -> Oracles {
        let default = Oracle::new(manifest, "default".to_owned(), Selection::default());
        let mut alternatives = Vec::new();
        for ambiguity in AMBIGUITIES {
            for reading in ambiguity.readings.iter().skip(1) {
                let chosen = Chosen { ambiguity, reading };
                alternatives.push(Oracle::new(
                    manifest,
                    chosen.to_string(),
                    Selection::one(chosen),
                ));
            }
        }
        if selected.chosen().iter().filter(|c| !c.is_default()).count() > 1 {
            alternatives.push(Oracle::new(
                manifest,
                selected.to_string(),
                selected.clone(),
            ));
        }
        Oracles {
            default,
            alternatives,
        }
    }
}
