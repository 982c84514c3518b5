//! A loopback HTTP/1.1 front of the reference emulator that closes its
//! connections without saying so (no `Connection: close`), as RFC 9112
//! §9.3 lets a server do at any time. Each request it reads goes to the
//! emulator in this process; what it does with a connection after that is
//! its [`Closing`] mode. It records every request's bytes as read, with the
//! connection it came on.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use createimage_contract::contract::Rules;
use createimage_contract::emulator::Emulator;
use createimage_contract::fixtures::Manifest;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tower::ServiceExt as _;

/// What the front does with each connection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Closing {
    /// Answers one request, then closes the connection.
    AfterEachAnswer,
    /// Answers the first request of a connection; reads the second and
    /// closes the connection without answering it. With `acted`, the
    /// emulator handles that second request first (its nonce is then
    /// used, and an image it asks for created): its answer is lost.
    OnTheSecondRequest { acted: bool },
}

/// One request as the front read it.
#[derive(Clone, Debug)]
pub struct Read {
    /// The connection's number, from 0, in the order they were accepted.
    pub connection: usize,
    /// The head and body, as sent.
    pub bytes: Vec<u8>,
    /// Whether the emulator answered it and the answer went out.
    pub answered: bool,
}

/// A running front.
pub struct ClosingFront {
    pub addr: SocketAddr,
    pub reads: Arc<Mutex<Vec<Read>>>,
}

impl ClosingFront {
    /// Starts the front, and its emulator (the builtin manifest, the
    /// default readings), on the current tokio runtime.
    pub async fn start(closing: Closing) -> ClosingFront {
        let router = Emulator::new(&Manifest::builtin(), Rules::reference(), None).router();
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("address");
        let reads: Arc<Mutex<Vec<Read>>> = Arc::default();
        let log = reads.clone();
        tokio::spawn(async move {
            let mut connection = 0;
            while let Ok((stream, _)) = listener.accept().await {
                let (router, log) = (router.clone(), log.clone());
                tokio::spawn(serve(stream, connection, closing, router, log));
                connection += 1;
            }
        });
        ClosingFront { addr, reads }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn reads(&self) -> Vec<Read> {
        self.reads.lock().unwrap().clone()
    }
}

async fn serve(
    mut stream: TcpStream,
    connection: usize,
    closing: Closing,
    router: axum::Router,
    log: Arc<Mutex<Vec<Read>>>,
) {
    let _ = stream.set_nodelay(true);
    let mut buffer = Vec::new();
    for index in 0.. {
        let Some(bytes) = read_request(&mut stream, &mut buffer).await else {
            return;
        };
        let (answer, last) = match closing {
            Closing::AfterEachAnswer => (Some(respond(&router, &bytes).await), true),
            Closing::OnTheSecondRequest { acted } if index == 1 => {
                if acted {
                    let _ = respond(&router, &bytes).await;
                }
                (None, true)
            }
            Closing::OnTheSecondRequest { .. } => (Some(respond(&router, &bytes).await), false),
        };
        log.lock().unwrap().push(Read {
            connection,
            bytes,
            answered: answer.is_some(),
        });
        if let Some(answer) = answer {
            if stream.write_all(&answer).await.is_err() {
                return;
            }
            let _ = stream.flush().await;
        }
        if last {
            // Dropped without a word: the client learns it from the end of
            // the stream.
            return;
        }
    }
}

/// Reads one request (head and `content-length` body) from `stream`,
/// keeping what follows it in `buffer`.
async fn read_request(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> Option<Vec<u8>> {
    let mut chunk = [0u8; 8192];
    loop {
        if let Some(end) = find(buffer, b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
            let length: usize = head
                .lines()
                .find_map(|line| line.strip_prefix("content-length:"))
                .and_then(|v| v.trim().parse().ok())
                .unwrap_or(0);
            let total = end + 4 + length;
            if buffer.len() >= total {
                let rest = buffer.split_off(total);
                return Some(std::mem::replace(buffer, rest));
            }
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
}

/// The emulator's answer to the raw request, as HTTP/1.1 bytes (keep-alive:
/// no `Connection` header).
async fn respond(router: &axum::Router, bytes: &[u8]) -> Vec<u8> {
    let end = find(bytes, b"\r\n\r\n").expect("a head");
    let head = String::from_utf8_lossy(&bytes[..end]);
    let mut lines = head.lines();
    let mut first = lines.next().expect("a request line").split(' ');
    let (method, target) = (first.next().unwrap_or("GET"), first.next().unwrap_or("/"));
    let mut request = axum::http::Request::builder().method(method).uri(target);
    for line in lines {
        if let Some((name, value)) = line.split_once(':') {
            request = request.header(name.trim(), value.trim());
        }
    }
    let request = request
        .body(axum::body::Body::from(bytes[end + 4..].to_vec()))
        .expect("a request");
    let response = router.clone().oneshot(request).await.expect("an answer");
    let (parts, body) = response.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .expect("the body");
    let mut out = format!(
        "HTTP/1.1 {} {}\r\n",
        parts.status.as_u16(),
        parts.status.canonical_reason().unwrap_or("")
    );
    for (name, value) in &parts.headers {
        if name != axum::http::header::CONTENT_LENGTH {
            out.push_str(&format!(
                "{name}: {}\r\n",
                String::from_utf8_lossy(value.as_bytes())
            ));
        }
    }
    out.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    let mut out = out.into_bytes();
    out.extend_from_slice(&body);
    out
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
