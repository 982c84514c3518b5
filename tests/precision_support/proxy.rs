//! The loopback reverse proxy: every request goes to the emulator exactly
//! as it came (method, target, every header including `Host`, the body
//! bytes), so V1 and V3 signatures verify as they would at the emulator;
//! every answer comes back rewritten by [`super::answer`], with its framing,
//! reason phrase, extra header fields, header name case and connection
//! persistence varied here.

use std::collections::VecDeque;
use std::convert::Infallible;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};

use http_body_util::combinators::BoxBody;
use http_body_util::{BodyExt, Full};
use hyper::body::{Body, Bytes, Frame, Incoming};
use hyper::header::{self, HeaderName, HeaderValue};
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

use super::answer::{Upstream, rewrite};
use super::variation::{
    Dim, HEADER_CASE, HEADER_CASES, PERSISTENCE, PERSISTENCES, Tally, Variation,
};

/// A running proxy; dropping it stops accepting.
pub struct Proxy {
    pub url: String,
    pub tally: Arc<Tally>,
    accept: JoinHandle<()>,
}

impl Drop for Proxy {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

struct Shared {
    upstream: SocketAddr,
    seed: u64,
    answers: AtomicU64,
    tally: Arc<Tally>,
}

/// Starts a proxy on 127.0.0.1 (a free port) in front of `upstream`.
pub async fn start(upstream: SocketAddr, seed: u64) -> Proxy {
    let listener = TcpListener::bind("127.0.0.1:0")
        .await
        .expect("a loopback port");
    let url = format!("http://{}", listener.local_addr().expect("its address"));
    let tally = Arc::new(Tally::default());
    let shared = Arc::new(Shared {
        upstream,
        seed,
        answers: AtomicU64::new(0),
        tally: tally.clone(),
    });
    let accept = tokio::spawn(async move {
        let mut connections: usize = 0;
        while let Ok((stream, _)) = listener.accept().await {
            // Header names are case-insensitive (RFC 9110 §5.1): every other
            // connection writes them in Title-Case. A server may close a
            // connection after any answer (RFC 9112 §9.6, `Connection:
            // close`): one in four does.
            let title_case = connections % 2 == 1;
            let keep_alive = connections % 4 < 2;
            connections += 1;
            let tally = &shared.tally;
            tally.record(HEADER_CASE, HEADER_CASES[usize::from(title_case)]);
            tally.record(PERSISTENCE, PERSISTENCES[usize::from(!keep_alive)]);
            let shared = shared.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |request| {
                    let shared = shared.clone();
                    async move { Ok::<_, Infallible>(answer(&shared, request).await) }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .title_case_headers(title_case)
                    .keep_alive(keep_alive)
                    .serve_connection(TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    Proxy { url, tally, accept }
}

type ProxyBody = BoxBody<Bytes, Infallible>;

async fn answer(shared: &Shared, request: Request<Incoming>) -> Response<ProxyBody> {
    match forward(shared.upstream, request).await {
        Ok(response) => vary(shared, response).await,
        Err(reason) => {
            let mut response = Response::new(full(format!("precision proxy: {reason}")));
            *response.status_mut() = StatusCode::BAD_GATEWAY;
            response
        }
    }
}

/// The request, unchanged, to the emulator over a connection of its own.
async fn forward(
    upstream: SocketAddr,
    request: Request<Incoming>,
) -> Result<Response<Bytes>, String> {
    let (parts, body) = request.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    let stream = TcpStream::connect(upstream)
        .await
        .map_err(|e| e.to_string())?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| e.to_string())?;
    tokio::spawn(connection);
    let response = sender
        .send_request(Request::from_parts(parts, Full::new(body)))
        .await
        .map_err(|e| e.to_string())?;
    let (parts, body) = response.into_parts();
    let body = body.collect().await.map_err(|e| e.to_string())?.to_bytes();
    Ok(Response::from_parts(parts, body))
}

/// Header fields the proxy writes itself rather than copying, and the
/// hop-by-hop ones of its upstream connection (RFC 9110 §7.6.1).
const REWRITTEN: [HeaderName; 7] = [
    header::CONNECTION,
    HeaderName::from_static("keep-alive"),
    header::CONTENT_TYPE,
    header::CONTENT_LENGTH,
    header::TRANSFER_ENCODING,
    header::DATE,
    HeaderName::from_static("x-acs-request-id"),
];

async fn vary(shared: &Shared, response: Response<Bytes>) -> Response<ProxyBody> {
    let n = shared.answers.fetch_add(1, Ordering::Relaxed);
    let variation = Variation::of_answer(shared.seed, n);
    let (parts, body) = response.into_parts();
    let header_text = |name: &str| {
        parts
            .headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned)
    };
    let upstream = Upstream {
        content_type: header_text("content-type"),
        request_id: header_text("x-acs-request-id"),
        body: body.to_vec(),
    };
    let rewritten = rewrite(&upstream, &variation);
    let mut applied = rewritten.applied.clone();

    let framing = variation.pick(Dim::Framing);
    let body = match framing {
        0 => full(rewritten.body),
        _ => chunked(rewritten.body, if framing == 1 { usize::MAX } else { 7 }),
    };
    let mut out = Response::new(body);
    *out.status_mut() = parts.status;
    for (name, value) in &parts.headers {
        if !REWRITTEN.contains(name) {
            out.headers_mut().append(name, value.clone());
        }
    }
    let headers = out.headers_mut();
    if let Some(value) = rewritten
        .content_type
        .and_then(|v| HeaderValue::from_str(&v).ok())
    {
        headers.insert(header::CONTENT_TYPE, value);
    }
    if let Ok(value) = HeaderValue::from_str(&variation.request_id) {
        headers.insert("x-acs-request-id", value);
    }
    if variation.pick(Dim::ExtraHeaders) == 1 {
        // Extra fields a recipient must ignore if it does not know them
        // (RFC 9110 §5.1).
        headers.insert(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache, no-store"),
        );
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
        headers.insert(
            header::ACCESS_CONTROL_ALLOW_ORIGIN,
            HeaderValue::from_static("*"),
        );
        headers.insert(
            "x-acs-trace-id",
            HeaderValue::from_static("0bc1613d17001234567890000e1a2b"),
        );
    }
    let reason = variation.pick(Dim::Reason);
    if reason > 0 {
        let phrase: &'static [u8] = if reason == 1 {
            b"Answered By A Proxy"
        } else {
            b""
        };
        out.extensions_mut()
            .insert(hyper::ext::ReasonPhrase::from_static(phrase));
    }
    applied.extend([
        (Dim::Framing, framing),
        (Dim::Reason, reason),
        (Dim::ExtraHeaders, variation.pick(Dim::ExtraHeaders)),
    ]);
    for (dim, choice) in applied {
        shared.tally.applied(dim, choice);
    }
    out
}

fn full(body: impl Into<Bytes>) -> ProxyBody {
    Full::new(body.into()).boxed()
}

/// A body of unknown length, so that hyper frames it with the chunked
/// transfer coding (RFC 9112 §7.1), in chunks of `size` bytes.
fn chunked(body: Vec<u8>, size: usize) -> ProxyBody {
    let chunks = body
        .chunks(size.max(1))
        .map(Bytes::copy_from_slice)
        .collect();
    Chunks(chunks).boxed()
}

/// Data frames one after the other; the default size hint (unknown) is
/// what makes the framing chunked.
struct Chunks(VecDeque<Bytes>);

impl Body for Chunks {
    type Data = Bytes;
    type Error = Infallible;

    fn poll_frame(
        mut self: Pin<&mut Self>,
        _cx: &mut Context<'_>,
    ) -> Poll<Option<Result<Frame<Bytes>, Infallible>>> {
        Poll::Ready(self.0.pop_front().map(|chunk| Ok(Frame::data(chunk))))
    }
}
