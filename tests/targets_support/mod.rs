//! Shared by the `targets_*` tests (beside `common`): temporary case
//! directories, and a tiny capturing HTTP server that answers as the test
//! says. Everything listens on loopback.

#![allow(dead_code)]

use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use axum::body::Bytes;
use axum::http::{HeaderMap, Method, StatusCode, Uri, header};
use axum::response::IntoResponse;

use crate::common::temp_dir;

/// A JSON success answer of `CreateImage`.
pub const CREATED: &str =
    r#"{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","ImageId":"m-bp1hu74xiv2jok7936mg"}"#;

/// A JSON success answer of `CreateImage` whose `RequestId` and `ImageId`
/// no other answer of this process carries, as a conformant target's
/// (the run-level invariants hold over a run of them).
pub fn fresh_created() -> String {
    static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
    let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    format!(
        r#"{{"RequestId":"C8B26B44-0189-443E-9816-{n:012X}","ImageId":"m-bp1hu74xiv2j{n:08}"}}"#
    )
}

/// A JSON `400 Throttling` answer.
pub const THROTTLED: &str = r#"{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","HostId":"ecs.aliyuncs.com","Code":"Throttling","Message":"Request was denied due to request throttling."}"#;

/// Runs `command` off the async runtime (the servers of the test keep running).
pub async fn output(mut command: Command) -> Output {
    tokio::task::spawn_blocking(move || command.output().expect("the binary starts"))
        .await
        .expect("the binary's task")
}

pub fn crate_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// A case directory with the shipped manifest and the given case files.
pub fn case_dir(name: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = temp_dir(name);
    std::fs::copy(
        crate_dir().join("cases/fixtures.yaml"),
        dir.join("fixtures.yaml"),
    )
    .unwrap();
    for (file, content) in files {
        std::fs::write(dir.join(file), content).unwrap();
    }
    dir
}

/// `count` cases that each create an image from `snapshot.system`, ids
/// `targets.creates-N` (run them alone with the filter `targets.`: the
/// suite also generates boundary cases).
pub fn creating_cases(count: usize) -> String {
    let mut yaml = String::from("area: Targets\ncases:\n");
    for i in 0..count {
        yaml.push_str(&format!(
            "  - id: targets.creates-{i}\n    rule: Source.snapshot\n    snapshot: false\n    request:\n      SnapshotId: \"{{{{fixture.snapshot.system}}}}\"\n    expect:\n      status: 200\n      body: {{ ImageId: {{ is: image-id }} }}\n"
        ));
    }
    yaml
}

/// One request as the capturing server received it.
#[derive(Clone, Debug)]
pub struct Captured {
    pub at: Instant,
    pub method: String,
    /// The request target as sent (origin form: `/?…`).
    pub uri: String,
    /// Lowercase names.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Captured {
    /// A V1 parameter from the query or the form body, still percent-encoded.
    pub fn param(&self, name: &str) -> Option<String> {
        let query = self.uri.split_once('?').map_or("", |(_, q)| q);
        query
            .split('&')
            .chain(self.body.split('&'))
            .filter_map(|pair| pair.split_once('='))
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.to_owned())
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// `Action` (V1) or `x-acs-action` (V3).
    pub fn action(&self) -> Option<String> {
        self.param("Action")
            .or_else(|| self.header("x-acs-action").map(str::to_owned))
    }
}

/// What the capturing server has seen.
pub type Seen = Arc<Mutex<Vec<Captured>>>;

/// Serves on `127.0.0.1:0`; `answer(n, request)` (n from 0) gives the
/// status and JSON body of the n-th request.
pub async fn capturing_server(
    answer: impl Fn(usize, &Captured) -> (u16, String) + Send + Sync + 'static,
) -> (SocketAddr, Seen) {
    let seen: Seen = Arc::default();
    let answer = Arc::new(answer);
    let state = seen.clone();
    let app = axum::Router::new().fallback(
        move |method: Method, uri: Uri, headers: HeaderMap, body: Bytes| {
            let seen = state.clone();
            let answer = answer.clone();
            async move {
                let captured = Captured {
                    at: Instant::now(),
                    method: method.to_string(),
                    uri: uri.to_string(),
                    headers: headers
                        .iter()
                        .map(|(n, v)| {
                            (
                                n.as_str().to_owned(),
                                String::from_utf8_lossy(v.as_bytes()).into_owned(),
                            )
                        })
                        .collect(),
                    body: String::from_utf8_lossy(&body).into_owned(),
                };
                let (status, body) = {
                    let mut seen = seen.lock().unwrap();
                    let reply = answer(seen.len(), &captured);
                    seen.push(captured);
                    reply
                };
                (
                    StatusCode::from_u16(status).unwrap(),
                    [(header::CONTENT_TYPE, "application/json;charset=utf-8")],
                    body,
                )
                    .into_response()
            }
        },
    );
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (addr, seen)
}

/// The emulator's test-only default keys, as flags.
pub const EMULATOR_KEYS: [&str; 4] = [
    "--access-key-id",
    "emulator-default-key",
    "--access-key-secret",
    "emulator-default-secret",
];
