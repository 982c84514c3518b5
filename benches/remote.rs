//! Remote-target concurrency: the whole suite against a target 50 ms away
//! — a proxy that holds every request 50 ms before passing it to an
//! emulator — with `run --jobs 64` versus `run --jobs 1`, in the same run.
//! The proxy counts the requests it holds at once: `--jobs 64` must keep at
//! least 64 in flight, whatever the number of CPUs (more while a
//! `concurrent:` case sends its group at once).
//!
//! `cargo bench --bench remote [-- --rounds N]`

mod support;

use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::response::{IntoResponse, Response};
use createimage_contract::contract::Rules;
use createimage_contract::emulator;
use createimage_contract::fixtures::Manifest;

use support::{Options, Spread};

const LATENCY: Duration = Duration::from_millis(50);

#[derive(Clone)]
struct Proxy {
    upstream: String,
    client: reqwest::Client,
    holding: Arc<AtomicUsize>,
    peak: Arc<AtomicUsize>,
}

fn main() {
    let options = Options::from_args(2);
    support::header(
        "remote target (+50 ms per request): run --jobs 64 vs --jobs 1",
        "cargo bench --bench remote",
    );
    let project = env!("CARGO_MANIFEST_DIR");
    std::env::set_current_dir(project).expect("enter the project");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let manifest = Manifest::load("cases/fixtures.yaml".as_ref()).expect("the manifest");
    let upstream = runtime
        .block_on(emulator::start(
            ([127, 0, 0, 1], 0).into(),
            &manifest,
            Rules::reference(),
            None,
        ))
        .expect("start the emulator");
    let proxy = Proxy {
        upstream: format!("http://{}", upstream.addr),
        // A plain client, without proxies from the environment.
        client: support::plain_client().build().expect("a client"),
        holding: Arc::default(),
        peak: Arc::default(),
    };
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
        .expect("bind");
    let target = format!("http://{}", listener.local_addr().expect("address"));
    let router = axum::Router::new()
        .fallback(forward)
        .with_state(proxy.clone());
    runtime.spawn(async move { axum::serve(listener, router).await });

    let binary = env!("CARGO_BIN_EXE_createimage-contract");
    let suite = |jobs: &str| -> (f64, usize) {
        proxy.peak.store(0, Ordering::SeqCst);
        let started = Instant::now();
        // One request style, as the profile said when the numbers of
        // docs/performance.md were measured (it now runs all four).
        let status = Command::new(binary)
            .args(["run", "--profile", "cases/profile.emulator.yaml"])
            .args(["--wire", "v1-get"])
            .args(["--target", &target, "--jobs", jobs, "--format", "terse"])
            .env("CI", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("spawn createimage-contract");
        let elapsed = started.elapsed().as_secs_f64();
        assert!(status.success(), "run --jobs {jobs} failed: {status}");
        (elapsed, proxy.peak.load(Ordering::SeqCst))
    };
    let (mut one, mut many, mut speedup) = (vec![], vec![], vec![]);
    for round in 1..=options.rounds {
        let (t64, peak64) = suite("64");
        let (t1, peak1) = if options.quick { (t64, 1) } else { suite("1") };
        println!(
            "round {round}: --jobs 1 {t1:.2} s (peak {peak1} in flight), --jobs 64 {t64:.2} s (peak {peak64} in flight), {:.1}x",
            t1 / t64
        );
        // At least 64: a `concurrent:` case sends its requests at once
        // within one run, so the peak can exceed the number of runs.
        assert!(
            peak64 >= 64,
            "--jobs 64 held only {peak64} requests in flight"
        );
        one.push(t1);
        many.push(t64);
        speedup.push(t1 / t64);
    }
    println!("--jobs 1  s: {}", Spread::of(&one).show(2));
    println!("--jobs 64 s: {}", Spread::of(&many).show(2));
    println!(
        "speed-up --jobs 64 over --jobs 1 (median, range): {}   goal >= 30",
        Spread::of(&speedup).show(1)
    );
}

/// Holds the request `LATENCY`, then passes it upstream and its answer back.
async fn forward(State(proxy): State<Proxy>, request: Request) -> Response {
    let now = proxy.holding.fetch_add(1, Ordering::SeqCst) + 1;
    proxy.peak.fetch_max(now, Ordering::SeqCst);
    tokio::time::sleep(LATENCY).await;
    let (parts, body) = request.into_parts();
    let body = axum::body::to_bytes(body, usize::MAX)
        .await
        .unwrap_or_default();
    let path = parts.uri.path_and_query().map_or("/", |p| p.as_str());
    let mut headers = parts.headers.clone();
    headers.remove(axum::http::header::CONTENT_LENGTH);
    let method = reqwest::Method::from_bytes(parts.method.as_str().as_bytes()).expect("method");
    let answer = proxy
        .client
        .request(method, format!("{}{path}", proxy.upstream))
        .headers(headers)
        .body(body)
        .send()
        .await;
    proxy.holding.fetch_sub(1, Ordering::SeqCst);
    let Ok(answer) = answer else {
        return (axum::http::StatusCode::BAD_GATEWAY, "upstream failed").into_response();
    };
    let mut response = Response::builder().status(answer.status().as_u16());
    for (name, value) in answer.headers() {
        response = response.header(name.as_str(), value.as_bytes());
    }
    let bytes = answer.bytes().await.unwrap_or_default();
    response
        .body(Body::from(bytes))
        .unwrap_or_else(|_| (axum::http::StatusCode::BAD_GATEWAY, "bad answer").into_response())
}
