//! The HTTP side: an axum router whose every route lands in one handler,
//! which enforces the size limit, runs the [`super::gateway`], the operation
//! ([`super::create_image`], or [`super::delete_image`] for `DeleteImage`)
//! and renders the [`super::envelope`].
//!
//! Parameters are read from the raw query string and body (never through
//! axum's `Query`/`Form` extractors, which lose duplicates and empty values).

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
    mutants::scoped(emulator.mutant(), || {
        respond(&emulator, &incoming, body.is_some())
    })
}

/// Answers a request whose body was read (`complete`) or refused as too large.
fn respond(emulator: &Emulator, incoming: &Incoming<'_>, complete: bool) -> Response {
    let request_id = ids::request_id();
    let query = incoming.query;
    if !complete {
        // Too large (or unreadable): answer before decoding anything.
        let format = gateway::format_of(incoming, None);
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
            envelope::success(format, &admitted.action, &request_id, committed.image_id())
        })
    };
    match answer {
        Ok(envelope) => envelope.into_response(),
        Err(err) => emulator.error(format, &request_id, err).into_response(),
    }
}
