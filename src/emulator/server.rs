//! The HTTP side: an axum router whose every route lands in one handler,
//! which enforces the size limit, runs the [`super::gateway`], the operation
//! ([`super::create_image`], or [`super::delete_image`] for `DeleteImage`)
//! and renders the [`super::envelope`].
//!
//! Parameters are read from the raw query string and body (never through
//! axum's `Query`/`Form` extractors, which lose duplicates and empty values).
//!
//! The handling is one synchronous call inside [`panics::catch`]: should it
//! panic, the request is answered with the documented `500 InternalError`
//! envelope (rendered with no mutant active), the panic is counted on the
//! emulator and nothing is printed; the server keeps serving.

use axum::Router;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use time::OffsetDateTime;

use super::Emulator;
use super::create_image::create_image;
use super::delete_image::delete_image;
use super::envelope;
use super::error::ApiError;
use super::gateway::{self, Incoming};
use super::ids;
use super::mutants;
use super::panics;
use crate::contract::errors;
use crate::wire::Format;

/// The largest body accepted (`RequestTooLarge`, 413).
pub const MAX_BODY_BYTES: usize = 64 * 1024;
/// The largest query string accepted (`RequestTooLarge`, 413). Kept below
/// the HTTP layer's own URI limit (65534 bytes, answered with a bare 414), so
/// that an oversized query normally gets an envelope.
pub const MAX_QUERY_BYTES: usize = 32 * 1024;

pub fn router(emulator: Emulator) -> Router {
    Router::new().fallback(handle).with_state(emulator)
}

async fn handle(State(emulator): State<Emulator>, request: Request) -> Response {
    // The request taken whole (not through the `Method`, `Uri` and
    // `HeaderMap` extractors, which clone their parts).
    let (parts, body) = request.into_parts();
    let (method, uri, header_map) = (parts.method, parts.uri, parts.headers);
    let mut headers: Vec<(String, String)> = Vec::with_capacity(header_map.len());
    headers.extend(header_map.iter().map(|(name, value)| {
        (
            name.as_str().to_owned(),
            String::from_utf8_lossy(value.as_bytes()).into_owned(),
        )
    }));
    let query = uri.query().unwrap_or("");
    let declared_length = header_map
        .get(axum::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let too_large = query.len() > MAX_QUERY_BYTES
        || declared_length.is_some_and(|len| len > MAX_BODY_BYTES as u64);
    let body = if too_large {
        None
    } else {
        axum::body::to_bytes(body, MAX_BODY_BYTES).await.ok()
    };
    let incoming = Incoming {
        method: method.as_str(),
        path: uri.path(),
        query,
        headers: &headers,
        body: body.as_deref().unwrap_or_default(),
    };
    // From here on the handling is synchronous: the emulator's mutant, if
    // any, is active for all of it.
    let answered = mutants::scoped(emulator.mutant(), || {
        panics::catch(|| respond(&emulator, &incoming, body.is_some()))
    });
    answered.unwrap_or_else(|description| {
        emulator.panics().record(description);
        internal_error(&emulator, &incoming)
    })
}

/// The answer to a request whose handling panicked: `500 InternalError`
/// in the format the request asked for (XML if even that cannot be told).
fn internal_error(emulator: &Emulator, incoming: &Incoming<'_>) -> Response {
    let format = panics::catch(|| gateway::requested_format(emulator.rules(), incoming))
        .unwrap_or(Format::Xml);
    let err = ApiError::from(errors::INTERNAL_ERROR);
    envelope::error(format, &ids::request_id(), &err).into_response()
}

/// Answers a request whose body was read (`complete`) or refused as too large.
fn respond(emulator: &Emulator, incoming: &Incoming<'_>, complete: bool) -> Response {
    #[cfg(test)]
    tests::panic_if_asked(incoming);
    let request_id = ids::request_id();
    let query = incoming.query;
    if !complete {
        // Too large (or unreadable): answer before decoding anything.
        let format = gateway::format_of(emulator.rules(), incoming, None);
        let limit = if query.len() > MAX_QUERY_BYTES {
            MAX_QUERY_BYTES
        } else {
            MAX_BODY_BYTES
        };
        let err = ApiError::request_too_large(limit);
        return emulator.error(format, &request_id, err).into_response();
    };
    let (format, admitted) = gateway::admit(emulator, incoming, OffsetDateTime::now_utc());
    let admitted = match admitted {
        Ok(admitted) => admitted,
        Err(err) => return emulator.error(format, &request_id, err).into_response(),
    };
    let answer = if admitted.action == gateway::DELETE_ACTION {
        delete_image(emulator.store(), admitted.account, &admitted.params)
            .map(|()| envelope::success_without_result(format, &admitted.action, &request_id))
    } else {
        create_image(
            emulator.world(),
            emulator.store(),
            emulator.rules(),
            admitted.account,
            &admitted.params,
        )
        .map(|committed| {
            let image_id = ids::rendered_image_id(committed.image_id(), &admitted.params);
            envelope::success(format, &admitted.action, &request_id, &image_id)
        })
    };
    match answer {
        Ok(envelope) => envelope.into_response(),
        Err(err) => emulator.error(format, &request_id, err).into_response(),
    }
}

#[cfg(test)]
mod tests {
    use tokio::io::{AsyncReadExt as _, AsyncWriteExt as _};

    use super::*;
    use crate::fixtures::Manifest;

    /// A request carrying this header makes the handling panic (tests only).
    const PANIC_HEADER: &str = "x-emulator-test-panic";

    pub(super) fn panic_if_asked(incoming: &Incoming<'_>) {
        if incoming
            .headers
            .iter()
            .any(|(name, _)| name == PANIC_HEADER)
        {
            panic!("deliberate panic in the request path");
        }
    }

    /// Sends `GET /?Format=JSON` with `headers`; the status and the body.
    async fn get(addr: std::net::SocketAddr, headers: &str) -> (u16, String) {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        let request = format!(
            "GET /?Format=JSON HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n{headers}\r\n"
        );
        stream.write_all(request.as_bytes()).await.unwrap();
        let mut answer = String::new();
        stream.read_to_string(&mut answer).await.unwrap();
        let status = answer[9..12].parse().unwrap();
        let (_, body) = answer.split_once("\r\n\r\n").unwrap();
        (status, body.to_owned())
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panic_while_handling_is_answered_500_internal_error_and_counted() {
        let running = super::super::start(
            ([127, 0, 0, 1], 0).into(),
            &Manifest::builtin(),
            crate::contract::Rules::reference(),
            None,
        )
        .await
        .unwrap();
        let (status, body) = get(running.addr, &format!("{PANIC_HEADER}: 1\r\n")).await;
        assert_eq!(status, 500, "{body}");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["Code"], "InternalError");
        assert_eq!(body["Message"], errors::INTERNAL_ERROR.message);
        assert!(body["RequestId"].as_str().is_some_and(|id| id.len() == 36));
        let panics = running.emulator.panics();
        assert_eq!(panics.count(), 1);
        assert!(
            panics
                .first()
                .is_some_and(|p| p.starts_with("deliberate panic in the request path (at ")),
            "{:?}",
            panics.first()
        );
        running.shutdown().await;
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn the_server_keeps_serving_after_a_panic() {
        let running = super::super::start(
            ([127, 0, 0, 1], 0).into(),
            &Manifest::builtin(),
            crate::contract::Rules::reference(),
            None,
        )
        .await
        .unwrap();
        for _ in 0..3 {
            assert_eq!(
                get(running.addr, &format!("{PANIC_HEADER}: 1\r\n")).await.0,
                500
            );
        }
        let (status, body) = get(running.addr, "").await;
        assert_eq!(
            status, 400,
            "an unsigned request is refused as usual: {body}"
        );
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_ne!(body["Code"], "InternalError");
        assert_eq!(running.emulator.panics().count(), 3);
        running.shutdown().await;
    }
}
