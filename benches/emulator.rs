//! Emulator throughput: signed `CreateImage` requests per second (JSON
//! answers, each creating an image with a fresh name), V1 and V3, against a
//! bare hyper server that answers every request with a fixed body of the
//! same size — both loaded by the same in-process load generator in the same
//! run.
//!
//! The load generator keeps `CONNECTIONS` keep-alive connections, one
//! request in flight on each, and writes requests signed in advance (fresh
//! nonces: the emulator refuses a nonce twice), as wrk would. It runs on
//! its own thread and runtime; the servers run on a two-worker runtime. On
//! a 2-core machine the generator competes with the server for the CPU, in
//! the same way for both servers.
//!
//! `cargo bench --bench emulator [-- --rounds N]`

mod support;

use std::convert::Infallible;
use std::net::SocketAddr;
use std::time::{Duration, Instant};

use createimage_contract::contract::Rules;
use createimage_contract::emulator;
use createimage_contract::fixtures::Manifest;
use createimage_contract::wire::credentials::Credentials;
use createimage_contract::wire::request::{RequestSpec, fresh_nonce, prepare, timestamp_now};
use createimage_contract::wire::{Format, WireStyle};
use http_body_util::Full;
use hyper::body::Bytes;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use support::{Options, Spread};

const CONNECTIONS: usize = 32;

fn main() {
    let options = Options::from_args(5);
    // A fresh emulator per measurement: the default account's quota
    // (100,000 images) bounds one emulator's requests.
    let requests = if options.quick { 2_000 } else { 40_000 };
    support::header(
        "emulator throughput: CreateImage (JSON) vs a bare hyper server",
        "cargo bench --bench emulator",
    );
    println!("{requests} requests per measurement, {CONNECTIONS} connections");
    let server = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("server runtime");
    let manifest = Manifest::builtin();
    let credentials = {
        let account = manifest.account("default").expect("default account");
        Credentials::new(&account.access_key_id, &account.access_key_secret)
    };
    let snapshot = manifest.bindings()["snapshot.system"].clone();

    let bare_addr = server.block_on(start_bare());
    let (mut bare, mut v1, mut v3) = (Vec::new(), Vec::new(), Vec::new());
    for round in 0..=options.rounds {
        // The bare server gets the same signed bytes, and ignores them.
        let bare_rate = load(
            bare_addr,
            signed_requests(
                bare_addr,
                WireStyle::V1Get,
                &credentials,
                &snapshot,
                requests,
            ),
        );
        let mut rates = [0.0; 2];
        for (slot, style) in [WireStyle::V1Get, WireStyle::V3].into_iter().enumerate() {
            let running = server
                .block_on(emulator::start(
                    ([127, 0, 0, 1], 0).into(),
                    &manifest,
                    Rules::reference(),
                    None,
                ))
                .expect("start the emulator");
            let batch = signed_requests(running.addr, style, &credentials, &snapshot, requests);
            rates[slot] = load(running.addr, batch);
            assert_eq!(
                running.emulator.store().image_count(),
                requests,
                "every request must create an image"
            );
            server.block_on(running.shutdown());
        }
        // Round 0 warms up (connections, allocator, caches) and is not counted.
        if round == 0 {
            continue;
        }
        println!(
            "round {round}: bare {:>8.0} req/s, V1 {:>8.0} req/s ({:.3}), V3 {:>8.0} req/s ({:.3})",
            bare_rate,
            rates[0],
            rates[0] / bare_rate,
            rates[1],
            rates[1] / bare_rate
        );
        bare.push(bare_rate);
        v1.push(rates[0] / bare_rate);
        v3.push(rates[1] / bare_rate);
    }
    println!(
        "bare hyper:                {} req/s",
        Spread::of(&bare).show(0)
    );
    println!(
        "V1 / bare (median, range): {}   goal >= 0.60",
        Spread::of(&v1).show(3)
    );
    println!("V3 / bare (median, range): {}", Spread::of(&v3).show(3));
}

/// A hyper HTTP/1.1 server that answers every request `200` with a fixed
/// JSON body as long as a CreateImage answer, without reading the request
/// beyond its head.
async fn start_bare() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    let body = Bytes::from(format!(
        "{{\"RequestId\":\"{}\",\"ImageId\":\"m-00000000000000000000\"}}",
        "473469C7-AA6F-4DC5-B3DB-A3DC0DE3C83E"
    ));
    tokio::spawn(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                continue;
            };
            let body = body.clone();
            tokio::spawn(async move {
                let service = hyper::service::service_fn(move |_request| {
                    let body = body.clone();
                    async move {
                        Ok::<_, Infallible>(
                            hyper::Response::builder()
                                .header("content-type", "application/json;charset=utf-8")
                                .body(Full::new(body))
                                .expect("response"),
                        )
                    }
                });
                let _ = hyper::server::conn::http1::Builder::new()
                    .serve_connection(hyper_util::rt::TokioIo::new(stream), service)
                    .await;
            });
        }
    });
    addr
}

/// `count` CreateImage requests, each with a fresh name and nonce, signed now.
fn signed_requests(
    addr: SocketAddr,
    style: WireStyle,
    credentials: &Credentials,
    snapshot: &str,
    count: usize,
) -> Vec<Vec<u8>> {
    let host = addr.to_string();
    let timestamp = timestamp_now();
    (0..count)
        .map(|i| {
            let params = vec![
                ("RegionId".to_owned(), "cn-hangzhou".to_owned()),
                ("SnapshotId".to_owned(), snapshot.to_owned()),
                ("ImageName".to_owned(), format!("bench-image-{i:07}")),
            ];
            let nonce = fresh_nonce();
            let prepared = prepare(&RequestSpec {
                style,
                host: &host,
                action: "CreateImage",
                format: Some(Format::Json),
                params: &params,
                credentials,
                nonce: &nonce,
                timestamp: &timestamp,
            });
            let mut raw = format!(
                "{} {} HTTP/1.1\r\n",
                prepared.method, prepared.path_and_query
            );
            if prepared.header("host").is_none() {
                raw.push_str(&format!("host: {host}\r\n"));
            }
            for (name, value) in &prepared.headers {
                raw.push_str(&format!("{name}: {value}\r\n"));
            }
            if !prepared.body.is_empty() {
                raw.push_str(&format!("content-length: {}\r\n", prepared.body.len()));
            }
            raw.push_str("\r\n");
            let mut raw = raw.into_bytes();
            raw.extend_from_slice(&prepared.body);
            raw
        })
        .collect()
}

/// Sends every request over `CONNECTIONS` keep-alive connections, one in
/// flight on each; requests per second. Every answer must be `200`.
fn load(addr: SocketAddr, requests: Vec<Vec<u8>>) -> f64 {
    let total = requests.len();
    let mut shares: Vec<Vec<Vec<u8>>> = (0..CONNECTIONS).map(|_| Vec::new()).collect();
    for (i, request) in requests.into_iter().enumerate() {
        shares[i % CONNECTIONS].push(request);
    }
    let generator = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("generator runtime");
    let elapsed = std::thread::scope(|scope| {
        scope
            .spawn(|| {
                generator.block_on(async {
                    let mut streams = Vec::new();
                    for _ in 0..CONNECTIONS {
                        let stream = TcpStream::connect(addr).await.expect("connect");
                        stream.set_nodelay(true).expect("nodelay");
                        streams.push(stream);
                    }
                    let started = Instant::now();
                    let mut tasks = tokio::task::JoinSet::new();
                    for (stream, share) in streams.into_iter().zip(shares) {
                        tasks.spawn(connection(stream, share));
                    }
                    let mut answered = 0;
                    while let Some(done) = tasks.join_next().await {
                        answered += done.expect("a connection task");
                    }
                    assert_eq!(answered, total);
                    started.elapsed()
                })
            })
            .join()
            .expect("the load generator")
    });
    total as f64 / elapsed.max(Duration::from_nanos(1)).as_secs_f64()
}

async fn connection(mut stream: TcpStream, requests: Vec<Vec<u8>>) -> usize {
    let mut buffer = Vec::with_capacity(4096);
    let mut answered = 0;
    for request in &requests {
        stream.write_all(request).await.expect("write a request");
        let status = read_answer(&mut stream, &mut buffer).await;
        assert_eq!(status, 200, "answer: {}", String::from_utf8_lossy(&buffer));
        answered += 1;
    }
    answered
}

/// Reads one answer (headers and a `content-length` body); its status.
async fn read_answer(stream: &mut TcpStream, buffer: &mut Vec<u8>) -> u16 {
    buffer.clear();
    let mut chunk = [0u8; 4096];
    loop {
        if let Some(end) = find(buffer, b"\r\n\r\n") {
            let head = std::str::from_utf8(&buffer[..end]).expect("ASCII head");
            let status = head
                .split(' ')
                .nth(1)
                .and_then(|s| s.parse().ok())
                .expect("a status line");
            let length: usize = head
                .lines()
                .filter_map(|l| l.split_once(':'))
                .find(|(n, _)| n.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.trim().parse().ok())
                .expect("content-length");
            while buffer.len() < end + 4 + length {
                let n = stream.read(&mut chunk).await.expect("read the body");
                assert!(n > 0, "closed mid-body");
                buffer.extend_from_slice(&chunk[..n]);
            }
            return status;
        }
        let n = stream.read(&mut chunk).await.expect("read the answer");
        assert!(n > 0, "connection closed before an answer");
        buffer.extend_from_slice(&chunk[..n]);
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}
