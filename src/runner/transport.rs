//! How a signed request reaches its target and its answer comes back,
//! before decoding: over HTTP with reqwest (any URL), or handed as an
//! `http::Request` to a service in this process (the embedded emulator,
//! whose router is the same one `serve` puts behind a socket).
//!
//! Both ways end in the same checks: a redirect is never followed and
//! fails the request, and an answer body over [`MAX_BODY_BYTES`] is not
//! read past the cap. A request that got not one byte of an answer says
//! why ([`Silence`]): the target could not be reached, was silent, or
//! closed the connection.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use tower::ServiceExt as _;

use crate::wire::request::PreparedRequest;

use super::exchange::{NoAnswer, Silence};
use super::target::{MAX_BODY_BYTES, Target, root_cause};

/// How requests travel to a [`Target`].
#[derive(Clone, Debug)]
pub enum Transport {
    /// Over the network (TLS roots, proxies and timeouts as the client was
    /// built with).
    Http(Http),
    /// Handed to this HTTP service in the same process, as the request
    /// would arrive from the network: method, path and query, the `host`
    /// header, the request's own headers, `content-length` and body.
    InProcess(axum::Router),
}

/// The HTTP clients of a target: the one every request goes through, its
/// connections kept alive and reused, and one that opens a fresh
/// connection for each request, built the first time a request must be
/// sent again after a closed connection.
#[derive(Clone)]
pub struct Http {
    pub client: reqwest::Client,
    fresh: Arc<OnceLock<Result<reqwest::Client, String>>>,
    build_fresh: BuildClient,
    /// Requests sent again on a fresh connection.
    resent: Arc<AtomicUsize>,
}

/// Builds an HTTP client, or says why it cannot.
pub type BuildClient = Arc<dyn Fn() -> Result<reqwest::Client, String> + Send + Sync>;

impl Http {
    /// `client`, and `build_fresh` to build the client of fresh
    /// connections when one is needed.
    pub fn new(client: reqwest::Client, build_fresh: BuildClient) -> Http {
        Http {
            client,
            fresh: Arc::default(),
            build_fresh,
            resent: Arc::default(),
        }
    }

    /// How many requests were sent again on a fresh connection so far.
    pub fn resent(&self) -> usize {
        self.resent.load(Ordering::Relaxed)
    }

    fn fresh(&self) -> Result<&reqwest::Client, String> {
        self.fresh
            .get_or_init(|| (self.build_fresh)())
            .as_ref()
            .map_err(Clone::clone)
    }
}

impl std::fmt::Debug for Http {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Http")
            .field("client", &self.client)
            .field("fresh", &self.fresh.get().is_some())
            .finish()
    }
}

/// Which connection a request goes out on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connect {
    /// A kept-alive connection when there is one.
    Pooled,
    /// A new connection, used for this request only.
    Fresh,
}

/// An answer as read, before decoding.
pub struct RawAnswer {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Vec<u8>,
}

/// Sends `prepared` to `target` and reads its answer, or says why there is
/// none, within the target's request timeout. In process, every request is
/// as good as on a fresh connection.
///
/// Over HTTP one deadline covers both phases, and the phase it ran out in
/// names the failure: no answer yet ("waiting for the answer"), or a status
/// and part of a body ("while reading the body"). The client's own timeout
/// is the same length and says the same for the same phase, so which of
/// the two fires first never changes the reason.
pub async fn transmit(
    target: &Target,
    prepared: &PreparedRequest,
    connect: Connect,
) -> Result<RawAnswer, NoAnswer> {
    match &target.transport {
        Transport::Http(http) => {
            let client = match connect {
                Connect::Pooled => &http.client,
                Connect::Fresh => {
                    http.resent.fetch_add(1, Ordering::Relaxed);
                    http.fresh().map_err(NoAnswer::Transport)?
                }
            };
            over_http(client, target, prepared).await
        }
        Transport::InProcess(service) => {
            match tokio::time::timeout(
                target.request_timeout,
                in_process(service, target, prepared),
            )
            .await
            {
                Ok(answer) => answer.map_err(NoAnswer::Transport),
                Err(_) => Err(timed_out_waiting(target)),
            }
        }
    }
}

async fn over_http(
    client: &reqwest::Client,
    target: &Target,
    prepared: &PreparedRequest,
) -> Result<RawAnswer, NoAnswer> {
    let method = reqwest::Method::from_bytes(prepared.method.as_bytes())
        .map_err(|e| NoAnswer::Transport(format!("bad method: {e}")))?;
    let url = format!("{}{}", target.base_url, prepared.path_and_query);
    let mut request = client.request(method, url);
    for (name, value) in &prepared.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    if !prepared.body.is_empty() {
        request = request.body(prepared.body.clone());
    }
    let deadline = tokio::time::Instant::now() + target.request_timeout;
    let mut response = match tokio::time::timeout_at(deadline, request.send()).await {
        Ok(sent) => sent.map_err(|e| unanswered(&e, target))?,
        Err(_) => return Err(timed_out_waiting(target)),
    };
    let status = response.status().as_u16();
    let content_type = header_text(response.headers(), reqwest::header::CONTENT_TYPE);
    refuse_redirect(status, response.headers()).map_err(NoAnswer::Transport)?;
    if let Some(length) = response.content_length()
        && length > MAX_BODY_BYTES as u64
    {
        return Err(NoAnswer::Transport(format!(
            "answer body of {length} bytes exceeds the {} limit (status {status}); not read",
            body_limit()
        )));
    }
    let mut body = Vec::new();
    loop {
        let Ok(next) = tokio::time::timeout_at(deadline, response.chunk()).await else {
            return Err(timed_out_reading(target, body.len(), status));
        };
        match next {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_BODY_BYTES {
                    return Err(NoAnswer::Transport(over_the_limit(status)));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) if e.is_timeout() => {
                return Err(timed_out_reading(target, body.len(), status));
            }
            Err(e) => {
                return Err(NoAnswer::Transport(format!(
                    "connection failed while reading the body after {} bytes (status {status}): {}",
                    body.len(),
                    root_cause(&e)
                )));
            }
        }
    }
    Ok(RawAnswer {
        status,
        content_type,
        body,
    })
}

async fn in_process(
    service: &axum::Router,
    target: &Target,
    prepared: &PreparedRequest,
) -> Result<RawAnswer, String> {
    let mut request = axum::http::Request::builder()
        .method(prepared.method)
        .uri(prepared.path_and_query.as_str());
    // What an HTTP client adds: the `host` it was pointed at (V3 sends and
    // signs its own) and the length of a body.
    if !prepared
        .headers
        .iter()
        .any(|(name, _)| name.eq_ignore_ascii_case("host"))
    {
        request = request.header(axum::http::header::HOST, target.host.as_str());
    }
    for (name, value) in &prepared.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    if !prepared.body.is_empty() {
        request = request.header(axum::http::header::CONTENT_LENGTH, prepared.body.len());
    }
    let request = request
        .body(axum::body::Body::from(prepared.body.clone()))
        .map_err(|e| format!("request failed: {}", root_cause(&e)))?;
    let response = match service.clone().oneshot(request).await {
        Ok(response) => response,
        Err(never) => match never {},
    };
    let (head, body) = response.into_parts();
    let status = head.status.as_u16();
    let content_type = header_text(&head.headers, axum::http::header::CONTENT_TYPE);
    refuse_redirect(status, &head.headers)?;
    let body = axum::body::to_bytes(body, MAX_BODY_BYTES)
        .await
        .map_err(|_| over_the_limit(status))?;
    Ok(RawAnswer {
        status,
        content_type,
        body: body.into(),
    })
}

fn header_text(headers: &axum::http::HeaderMap, name: axum::http::HeaderName) -> Option<String> {
    headers
        .get(name)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
}

/// A redirect fails the request: a target must answer.
fn refuse_redirect(status: u16, headers: &axum::http::HeaderMap) -> Result<(), String> {
    if !(300..400).contains(&status) {
        return Ok(());
    }
    let location = header_text(headers, axum::http::header::LOCATION);
    Err(format!(
        "redirected with status {status} to `{}`; a target must answer, the harness does not follow redirects",
        location.as_deref().unwrap_or("nowhere")
    ))
}

/// The time ran out before the first byte of an answer.
fn timed_out_waiting(target: &Target) -> NoAnswer {
    NoAnswer::Unanswered(
        Silence::TimedOut,
        format!(
            "timed out after {} s waiting for the answer",
            target.request_timeout.as_secs_f64()
        ),
    )
}

/// The time ran out after the status, with `received` bytes of the body.
fn timed_out_reading(target: &Target, received: usize, status: u16) -> NoAnswer {
    NoAnswer::Transport(format!(
        "timed out after {} s while reading the body, {received} bytes received (status {status})",
        target.request_timeout.as_secs_f64()
    ))
}

fn over_the_limit(status: u16) -> String {
    format!(
        "answer body exceeds the {} limit (status {status}); stopped reading",
        body_limit()
    )
}

/// `MAX_BODY_BYTES` for people: `1 MiB`.
fn body_limit() -> String {
    format!("{} MiB", MAX_BODY_BYTES / (1024 * 1024))
}

/// Why `send` got not one byte of an answer: the connection could not be
/// made, the time ran out, or the connection was closed or reset first.
fn unanswered(error: &reqwest::Error, target: &Target) -> NoAnswer {
    if error.is_timeout() {
        timed_out_waiting(target)
    } else if error.is_connect() {
        let cause = root_cause(error);
        let hint = if cause.contains("UnknownIssuer") {
            " (the server's certificate is not signed by a trusted CA: add its CA with --ca-cert FILE)"
        } else {
            ""
        };
        NoAnswer::Unanswered(
            Silence::Unreachable,
            format!("cannot connect to {}: {cause}{hint}", target.base_url),
        )
    } else if closed_before_answering(error) {
        NoAnswer::Unanswered(
            Silence::Closed,
            format!(
                "the target closed the connection before answering ({})",
                root_cause(error)
            ),
        )
    } else {
        NoAnswer::Transport(format!("request failed: {}", root_cause(error)))
    }
}

/// Whether the connection ended before the head of an answer: the end of
/// the stream where an answer should begin, or a reset or broken pipe.
fn closed_before_answering(error: &(dyn std::error::Error + 'static)) -> bool {
    use std::io::ErrorKind;
    let mut current = Some(error);
    while let Some(e) = current {
        if e.downcast_ref::<hyper::Error>()
            .is_some_and(hyper::Error::is_incomplete_message)
        {
            return true;
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>()
            && matches!(
                io.kind(),
                ErrorKind::ConnectionReset
                    | ErrorKind::ConnectionAborted
                    | ErrorKind::BrokenPipe
                    | ErrorKind::UnexpectedEof
            )
        {
            return true;
        }
        current = e.source();
    }
    false
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use axum::http::{HeaderMap, Method, StatusCode, Uri};
    use axum::response::IntoResponse;

    use super::*;
    use crate::runner::Connection;

    fn in_process_target(service: axum::Router) -> Target {
        Target::with_transport(
            "http://embedded-emulator",
            "r",
            BTreeMap::new(),
            BTreeMap::new(),
            Transport::InProcess(service),
            &Connection::default(),
        )
        .unwrap()
    }

    fn prepared(headers: &[(&str, &str)], body: &str) -> PreparedRequest {
        PreparedRequest {
            method: "POST",
            path_and_query: "/?Action=CreateImage&ImageName=a%20b".to_owned(),
            headers: headers
                .iter()
                .map(|(n, v)| ((*n).to_owned(), (*v).to_owned()))
                .collect(),
            body: body.as_bytes().to_vec(),
        }
    }

    /// Answers with what it was handed: method, URI, every header, body.
    async fn echo(method: Method, uri: Uri, headers: HeaderMap, body: String) -> String {
        let mut seen = format!("{method} {uri}\n");
        for (name, value) in &headers {
            seen.push_str(&format!("{name}: {}\n", value.to_str().unwrap()));
        }
        seen + &body
    }

    async fn sent(target: &Target, prepared: &PreparedRequest) -> String {
        let Ok(answer) = transmit(target, prepared, Connect::Pooled).await else {
            panic!("no answer");
        };
        String::from_utf8(answer.body).unwrap()
    }

    #[tokio::test]
    async fn a_request_in_process_arrives_as_an_http_client_sends_it() {
        let target = in_process_target(axum::Router::new().fallback(echo));
        let form = "ImageName=x";
        let seen = sent(
            &target,
            &prepared(
                &[("content-type", "application/x-www-form-urlencoded")],
                form,
            ),
        )
        .await;
        assert_eq!(
            seen,
            "POST /?Action=CreateImage&ImageName=a%20b\n\
             host: embedded-emulator\n\
             content-type: application/x-www-form-urlencoded\n\
             content-length: 11\n\
             ImageName=x"
        );
    }

    #[tokio::test]
    async fn a_v3_request_in_process_keeps_the_host_header_it_signed() {
        let target = in_process_target(axum::Router::new().fallback(echo));
        let seen = sent(&target, &prepared(&[("host", "signed.example")], "")).await;
        assert_eq!(
            seen.lines()
                .filter(|l| l.starts_with("host:"))
                .collect::<Vec<_>>(),
            ["host: signed.example"]
        );
        assert!(!seen.contains("content-length"), "no body, no length");
    }

    #[tokio::test]
    async fn a_redirect_in_process_fails_the_request() {
        let redirect = || async {
            (StatusCode::FOUND, [("location", "http://elsewhere/")], "").into_response()
        };
        let target = in_process_target(axum::Router::new().fallback(redirect));
        let Err(NoAnswer::Transport(reason)) =
            transmit(&target, &prepared(&[], ""), Connect::Pooled).await
        else {
            panic!("a redirect is no answer");
        };
        assert_eq!(
            reason,
            "redirected with status 302 to `http://elsewhere/`; a target must answer, the harness does not follow redirects"
        );
    }

    #[tokio::test]
    async fn an_answer_over_the_body_cap_in_process_is_not_read() {
        let huge = || async { "x".repeat(MAX_BODY_BYTES + 1) };
        let target = in_process_target(axum::Router::new().fallback(huge));
        let Err(NoAnswer::Transport(reason)) =
            transmit(&target, &prepared(&[], ""), Connect::Pooled).await
        else {
            panic!("an answer over the cap is no answer");
        };
        assert_eq!(
            reason,
            "answer body exceeds the 1 MiB limit (status 200); stopped reading"
        );
    }

    #[test]
    fn a_reset_a_broken_pipe_or_the_end_of_the_stream_is_a_connection_closed_before_answering() {
        use std::io::{Error, ErrorKind};
        for kind in [
            ErrorKind::ConnectionReset,
            ErrorKind::BrokenPipe,
            ErrorKind::ConnectionAborted,
            ErrorKind::UnexpectedEof,
        ] {
            assert!(closed_before_answering(&Error::from(kind)), "{kind:?}");
        }
        assert!(!closed_before_answering(&Error::from(
            ErrorKind::ConnectionRefused
        )));
        assert!(!closed_before_answering(&Error::other("no")));
    }

    #[test]
    fn the_body_limit_reads_in_mebibytes() {
        assert_eq!(body_limit(), "1 MiB");
    }
}
