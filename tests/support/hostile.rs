//! A misbehaving HTTP server on a loopback port: each [`Fault`] is one way a
//! target under test can go wrong on the wire. It reads each request (head
//! and declared body) and then answers with its fault, connection after
//! connection, until the test process ends.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// The 50 MiB body of [`Fault::HugeBody`].
pub const HUGE_BODY_BYTES: usize = 50 * 1024 * 1024;

/// One way to misbehave.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fault {
    /// Promises 1000 bytes of body, sends 100, then resets the connection.
    ResetMidBody,
    /// Sends a complete head promising a body, then nothing, forever.
    SilenceAfterHeaders,
    /// A 50 MiB JSON-looking body, its length declared.
    HugeBody,
    /// A 50 MiB body without a length, ended by closing the connection.
    HugeUndeclaredBody,
    /// A JSON content type over bytes that are not UTF-8.
    InvalidUtf8,
    /// A JSON body cut in the middle (the length header is honest).
    TruncatedJson,
    /// An XML body cut in the middle.
    TruncatedXml,
    /// A proxy's HTML error page, status 502.
    HtmlBadGateway,
    /// A well-formed JSON error envelope labelled `text/plain`.
    WrongContentType,
    /// 302 back to the same URL, every time.
    RedirectLoop,
    /// Status 200 with `Content-Length: 0`.
    NoBody,
    /// A valid answer, one byte every 300 ms.
    Trickle,
}

/// A running hostile server.
pub struct HostileServer {
    pub addr: SocketAddr,
}

impl HostileServer {
    /// Starts serving `fault` on `127.0.0.1:0` in a background thread.
    pub fn start(fault: Fault) -> HostileServer {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        listener.set_nonblocking(true).expect("non-blocking");
        let addr = listener.local_addr().expect("local addr");
        std::thread::spawn(move || {
            let runtime = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .expect("runtime");
            runtime.block_on(async move {
                let listener = TcpListener::from_std(listener).expect("tokio listener");
                loop {
                    let Ok((stream, _)) = listener.accept().await else {
                        continue;
                    };
                    tokio::spawn(async move {
                        let _ = serve(stream, fault).await;
                    });
                }
            });
        });
        HostileServer { addr }
    }

    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }
}

/// A URL whose port nothing listens on.
pub fn refused_url() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let port = listener.local_addr().expect("local addr").port();
    drop(listener);
    format!("http://127.0.0.1:{port}")
}

async fn serve(mut stream: TcpStream, fault: Fault) -> std::io::Result<()> {
    // One request per connection is enough: every fault ends the exchange.
    read_request(&mut stream).await?;
    match fault {
        Fault::ResetMidBody => {
            stream
                .write_all(&head(200, "application/json", Some(1000)))
                .await?;
            stream.write_all(&[b' '; 100]).await?;
            stream.flush().await?;
            tokio::time::sleep(Duration::from_millis(50)).await;
            stream.set_zero_linger()?;
            drop(stream);
        }
        Fault::SilenceAfterHeaders => {
            stream
                .write_all(&head(200, "application/json", Some(100)))
                .await?;
            stream.flush().await?;
            tokio::time::sleep(Duration::from_secs(600)).await;
        }
        Fault::HugeBody | Fault::HugeUndeclaredBody => {
            let length = (fault == Fault::HugeBody).then_some(HUGE_BODY_BYTES);
            stream
                .write_all(&head(200, "application/json", length))
                .await?;
            let chunk = vec![b'x'; 64 * 1024];
            let mut sent = 0;
            while sent < HUGE_BODY_BYTES {
                stream.write_all(&chunk).await?;
                sent += chunk.len();
            }
        }
        Fault::InvalidUtf8 => {
            answer(&mut stream, 400, "application/json", b"{\"Code\":\"\xff\xfe\xfd\"}").await?
        }
        Fault::TruncatedJson => {
            answer(
                &mut stream,
                400,
                "application/json;charset=utf-8",
                b"{\"RequestId\":\"C8B26B44-0189-443E-9816-D951F59623A9\",\"Code\":\"InvalidImageNa",
            )
            .await?
        }
        Fault::TruncatedXml => {
            answer(
                &mut stream,
                400,
                "text/xml;charset=utf-8",
                b"<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><RequestId>C8B26B44</RequestId><Code>InvalidImage",
            )
            .await?
        }
        Fault::HtmlBadGateway => {
            answer(
                &mut stream,
                502,
                "text/html",
                b"<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>",
            )
            .await?
        }
        Fault::WrongContentType => {
            answer(
                &mut stream,
                400,
                "text/plain",
                b"{\"RequestId\":\"C8B26B44-0189-443E-9816-D951F59623A9\",\"HostId\":\"ecs.aliyuncs.com\",\"Code\":\"InvalidImageName.Malformed\",\"Message\":\"The specified Image name is wrongly formed.\"}",
            )
            .await?
        }
        Fault::RedirectLoop => {
            let head = b"HTTP/1.1 302 Found\r\nLocation: /\r\nContent-Length: 0\r\nConnection: close\r\n\r\n".to_vec();
            stream.write_all(&head).await?;
        }
        Fault::NoBody => answer(&mut stream, 200, "application/json", b"").await?,
        Fault::Trickle => {
            let body = b"{\"RequestId\":\"C8B26B44-0189-443E-9816-D951F59623A9\",\"ImageId\":\"m-bp146shijn7hujku000\"}";
            stream
                .write_all(&head(200, "application/json", Some(body.len())))
                .await?;
            for byte in body {
                stream.write_all(&[*byte]).await?;
                stream.flush().await?;
                tokio::time::sleep(Duration::from_millis(300)).await;
            }
        }
    }
    Ok(())
}

fn head(status: u16, content_type: &str, length: Option<usize>) -> Vec<u8> {
    let mut head = format!("HTTP/1.1 {status} Whatever\r\nContent-Type: {content_type}\r\n");
    if let Some(length) = length {
        head.push_str(&format!("Content-Length: {length}\r\n"));
    }
    head.push_str("Connection: close\r\n\r\n");
    head.into_bytes()
}

async fn answer(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
) -> std::io::Result<()> {
    stream
        .write_all(&head(status, content_type, Some(body.len())))
        .await?;
    stream.write_all(body).await?;
    stream.flush().await?;
    stream.shutdown().await
}

/// Reads the head and the declared body of one request (bounded).
async fn read_request(stream: &mut TcpStream) -> std::io::Result<()> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = find(&buffer, b"\r\n\r\n") {
            break end + 4;
        }
        if buffer.len() > 256 * 1024 {
            return Ok(());
        }
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(());
        }
        buffer.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_ascii_lowercase();
    let length: usize = head
        .lines()
        .find_map(|line| line.strip_prefix("content-length:"))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(0)
        .min(256 * 1024);
    while buffer.len() - head_end < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        buffer.extend_from_slice(&chunk[..n]);
    }
    Ok(())
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
