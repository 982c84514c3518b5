//! Shared by the emulator's integration tests: start an emulator on a
//! loopback port, sign requests with `wire`, send them over a plain HTTP/1.1
//! connection, and read the answer.

#![allow(dead_code)]

use std::collections::BTreeMap;
use std::net::SocketAddr;

use createimage_contract::contract::Rules;
use createimage_contract::emulator::{self, Mutant, RunningEmulator};
use createimage_contract::fixtures::Manifest;
use createimage_contract::wire::request::{fresh_nonce, timestamp_now};
use createimage_contract::wire::{
    Credentials, Format, PreparedRequest, RequestSpec, WireStyle, prepare,
};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// An answer.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A top-level field of a JSON body, or the text of an XML element.
    pub fn field(&self, name: &str) -> Option<String> {
        if self.body.starts_with('{') {
            let value: serde_json::Value = serde_json::from_str(&self.body).ok()?;
            value.get(name)?.as_str().map(str::to_owned)
        } else {
            let open = format!("<{name}>");
            let close = format!("</{name}>");
            let start = self.body.find(&open)? + open.len();
            let end = self.body[start..].find(&close)? + start;
            Some(
                self.body[start..end]
                    .replace("&lt;", "<")
                    .replace("&gt;", ">")
                    .replace("&quot;", "\"")
                    .replace("&apos;", "'")
                    .replace("&amp;", "&"),
            )
        }
    }

    pub fn code(&self) -> String {
        self.field("Code").unwrap_or_default()
    }

    pub fn message(&self) -> String {
        self.field("Message").unwrap_or_default()
    }
}

/// A started emulator plus the manifest it was seeded from.
pub struct Harness {
    pub running: RunningEmulator,
    pub manifest: Manifest,
    pub bindings: BTreeMap<String, String>,
}

impl Harness {
    pub async fn start() -> Harness {
        Harness::with(Manifest::builtin(), None).await
    }

    pub async fn with(manifest: Manifest, mutant: Option<Mutant>) -> Harness {
        let running = emulator::start(
            "127.0.0.1:0".parse().unwrap(),
            &manifest,
            Rules::reference(),
            mutant,
        )
        .await
        .expect("bind a loopback port");
        let bindings = manifest.bindings();
        Harness {
            running,
            manifest,
            bindings,
        }
    }

    pub fn addr(&self) -> SocketAddr {
        self.running.addr
    }

    /// `@snapshot.system` → the fixture's id; anything else unchanged.
    pub fn resolve(&self, value: &str) -> String {
        match value.strip_prefix('@') {
            Some(reference) => self
                .bindings
                .get(reference)
                .unwrap_or_else(|| panic!("no fixture {reference}"))
                .clone(),
            None => value.to_owned(),
        }
    }

    pub fn credentials(&self, account: &str) -> Credentials {
        let account = self.manifest.account(account).expect("account in manifest");
        Credentials::new(&account.access_key_id, &account.access_key_secret)
    }

    /// A signed CreateImage request (RegionId added) for `account`.
    pub fn prepare(
        &self,
        account: &str,
        style: WireStyle,
        format: Option<Format>,
        params: &[(&str, &str)],
    ) -> PreparedRequest {
        let mut pairs: Vec<(String, String)> = vec![("RegionId".into(), "cn-hangzhou".into())];
        pairs.extend(params.iter().map(|(k, v)| (k.to_string(), self.resolve(v))));
        let credentials = self.credentials(account);
        let host = self.addr().to_string();
        prepare(&RequestSpec {
            style,
            host: &host,
            action: "CreateImage",
            format,
            params: &pairs,
            credentials: &credentials,
            nonce: &fresh_nonce(),
            timestamp: &timestamp_now(),
        })
    }

    pub async fn call(
        &self,
        account: &str,
        style: WireStyle,
        format: Option<Format>,
        params: &[(&str, &str)],
    ) -> Reply {
        send(self.addr(), &self.prepare(account, style, format, params)).await
    }

    /// JSON, V1 GET, default account.
    pub async fn json(&self, params: &[(&str, &str)]) -> Reply {
        self.call("default", WireStyle::V1Get, Some(Format::Json), params)
            .await
    }
}

/// Sends a prepared request.
pub async fn send(addr: SocketAddr, req: &PreparedRequest) -> Reply {
    let headers: Vec<(&str, &str)> = req
        .headers
        .iter()
        .filter(|(n, _)| n != "host")
        .map(|(n, v)| (n.as_str(), v.as_str()))
        .collect();
    raw(addr, req.method, &req.path_and_query, &headers, &req.body).await
}

/// Sends any bytes as an HTTP/1.1 request and reads the whole answer.
pub async fn raw(
    addr: SocketAddr,
    method: &str,
    path_and_query: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) -> Reply {
    let mut stream = tokio::net::TcpStream::connect(addr).await.expect("connect");
    let mut head =
        format!("{method} {path_and_query} HTTP/1.1\r\nhost: {addr}\r\nconnection: close\r\n");
    for (name, value) in headers {
        head.push_str(&format!("{name}: {value}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n\r\n", body.len()));
    stream.write_all(head.as_bytes()).await.expect("write head");
    // The server may answer (413) before reading a large body; ignore a reset.
    let _ = stream.write_all(body).await;
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes).await;
    parse(&bytes)
}

fn parse(bytes: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(bytes).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").expect("an HTTP answer");
    let mut lines = head.split("\r\n");
    let status_line = lines.next().unwrap_or_default();
    let status = status_line
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .expect("a status code");
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let chunked = headers
        .iter()
        .any(|(n, v)| n == "transfer-encoding" && v.contains("chunked"));
    let body = if chunked {
        dechunk(body)
    } else {
        body.to_owned()
    };
    Reply {
        status,
        headers,
        body,
    }
}

fn dechunk(mut rest: &str) -> String {
    let mut out = String::new();
    while let Some((size, after)) = rest.split_once("\r\n") {
        let Ok(size) = usize::from_str_radix(size.trim(), 16) else {
            break;
        };
        if size == 0 || after.len() < size {
            break;
        }
        out.push_str(&after[..size]);
        rest = after[size..].trim_start_matches("\r\n");
    }
    out
}
