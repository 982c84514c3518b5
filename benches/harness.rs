//! Harness throughput: the whole suite replayed many times against the
//! embedded emulator, everything checked (expectations and snapshots),
//! versus a plain client loop that sends the same requests — the same
//! bytes, signed in advance — with the same kind of reqwest client and the
//! same number in flight, and checks nothing. Both in this process, on one
//! tokio runtime, alternating round by round.
//!
//! Each round: the harness replays the suite `REPLAYS` times against a
//! recording emulator (not timed), and those requests, byte for byte, are
//! what the plain loop sends to an emulator of its own (timed; its nonces
//! are new to that emulator); then the harness replays the suite `REPLAYS`
//! times against a third emulator (timed). The harness's snapshot store is
//! one for the whole process, so each snapshot file is read once.
//!
//! What a target that closes its connections costs: the harness also
//! replays the suite `REPLAYS` times against an emulator behind a front
//! that closes each connection after answering, without `Connection:
//! close` (timed; every request on a new connection, and each request
//! that met a connection already closed sent again on a fresh one), and
//! its rate is compared with the harness's against the emulator that keeps
//! connections alive.
//!
//! `cargo bench --bench harness [-- --rounds N]`

#[path = "../tests/support/closing.rs"]
mod closing;
mod support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::middleware::Next;
use createimage_contract::check::snapshot::{Mode, SnapshotStore};
use createimage_contract::cli::SuiteArgs;
use createimage_contract::commands::{load_suite, runtime};
use createimage_contract::contract::Rules;
use createimage_contract::emulator::{self, Emulator};
use createimage_contract::fixtures::Manifest;
use createimage_contract::runner::{
    Connection, Context, Outcome, Plan, PlanOptions, Sources, Target, Transport, plan, run_all,
};

use support::{Options, Spread};

/// Runs in flight at once: `run`'s default.
const JOBS: usize = createimage_contract::commands::run::DEFAULT_PARALLEL_RUNS;

/// One request as the emulator received it.
#[derive(Clone, Debug)]
struct Captured {
    method: axum::http::Method,
    path_and_query: String,
    headers: axum::http::HeaderMap,
    body: axum::body::Bytes,
}

type Journal = Arc<Mutex<Vec<Captured>>>;

fn main() {
    let options = Options::from_args(5);
    let replays = if options.quick { 1 } else { 10 };
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("enter the project");
    support::header(
        "harness throughput: the checked suite vs a plain reqwest loop of the same requests",
        "cargo bench --bench harness",
    );
    let (manifest, suite) = load_suite(&SuiteArgs {
        cases: "cases".into(),
        fixtures: None,
    })
    .expect("load the suite");
    let plan = plan(&suite, &PlanOptions::default());
    let runtime = runtime().expect("runtime");

    let journal: Journal = Arc::default();
    let recording = runtime.block_on(start_recording(&manifest, journal.clone()));
    let plain = start(&runtime, &manifest);
    let checked = start(&runtime, &manifest);
    let recorder = context(&runtime, &manifest, recording);
    let harness = context(&runtime, &manifest, checked.addr);
    let closing_front = runtime.block_on(closing::ClosingFront::start(
        closing::Closing::AfterEachAnswer,
    ));
    let closing = context(&runtime, &manifest, closing_front.addr);
    let Transport::Http(http) = target(&manifest, plain.addr).transport else {
        unreachable!("a target at a URL is reached over HTTP")
    };
    let client = http.client;
    let plain_url = format!("http://{}", plain.addr);

    let mut ratios = Vec::new();
    let mut rates = (Vec::new(), Vec::new());
    let mut closing_ratios = Vec::new();
    let mut closing_rates = Vec::new();
    let mut closing_requests = 0;
    for round in 0..=options.rounds {
        journal.lock().unwrap().clear();
        for _ in 0..replays {
            replay(&runtime, &plan, &recorder);
        }
        let captured = std::mem::take(&mut *journal.lock().unwrap());
        let requests = captured.len();

        let batch: Vec<reqwest::Request> = captured
            .iter()
            .map(|c| request(&client, &plain_url, c))
            .collect();
        let started = Instant::now();
        runtime.block_on(support::send_all(&client, batch, JOBS));
        let plain_time = started.elapsed();

        let started = Instant::now();
        for _ in 0..replays {
            replay(&runtime, &plan, &harness);
        }
        let harness_time = started.elapsed();

        let reads_before = closing_front.reads.lock().unwrap().len();
        let started = Instant::now();
        for _ in 0..replays {
            replay(&runtime, &plan, &closing);
        }
        let closing_time = started.elapsed();
        closing_requests += closing_front.reads.lock().unwrap().len() - reads_before;

        if round == 0 {
            println!(
                "{} runs and {} requests per replay, {replays} replays per measurement, {JOBS} in flight",
                plan.runs.len(),
                requests / replays
            );
            continue;
        }
        let runs = (plan.runs.len() * replays) as f64;
        let plain_rate = runs / plain_time.as_secs_f64();
        let harness_rate = runs / harness_time.as_secs_f64();
        println!(
            "round {round}: plain loop {plain_rate:>7.0} runs/s ({:.2} s), harness {harness_rate:>7.0} runs/s ({:.2} s), ratio {:.3}",
            plain_time.as_secs_f64(),
            harness_time.as_secs_f64(),
            harness_rate / plain_rate
        );
        ratios.push(harness_rate / plain_rate);
        rates.0.push(plain_rate);
        rates.1.push(harness_rate);
        let closing_rate = runs / closing_time.as_secs_f64();
        println!(
            "         harness against a target closing every connection {closing_rate:>7.0} runs/s ({:.2} s), ratio to the harness {:.3}",
            closing_time.as_secs_f64(),
            closing_rate / harness_rate
        );
        closing_rates.push(closing_rate);
        closing_ratios.push(closing_rate / harness_rate);
    }
    println!("plain loop runs/s: {}", Spread::of(&rates.0).show(0));
    println!("harness    runs/s: {}", Spread::of(&rates.1).show(0));
    println!(
        "harness / plain loop (median, range): {}   goal >= 0.70",
        Spread::of(&ratios).show(3)
    );
    let Transport::Http(http) = &closing.target.transport else {
        unreachable!("a target at a URL is reached over HTTP")
    };
    println!(
        "harness against a closing target runs/s: {}",
        Spread::of(&closing_rates).show(0)
    );
    println!(
        "closing target / keep-alive target (median, range): {}; {} of {} requests answered were sent again on a fresh connection",
        Spread::of(&closing_ratios).show(3),
        http.resent(),
        closing_requests
    );
}

/// One replay of the whole plan; every run must pass.
fn replay(runtime: &tokio::runtime::Runtime, plan: &Plan, context: &Arc<Context>) {
    let records = runtime.block_on(run_all(&plan.runs, context, JOBS));
    assert_eq!(records.len(), plan.runs.len());
    if let Some(failed) = records
        .iter()
        .find(|r| matches!(r.outcome, Outcome::Failed(_) | Outcome::NotJudged(_)))
    {
        panic!("{} failed: {:?}", failed.run.id, failed.outcome);
    }
}

fn start(runtime: &tokio::runtime::Runtime, manifest: &Manifest) -> emulator::RunningEmulator {
    runtime
        .block_on(emulator::start(
            ([127, 0, 0, 1], 0).into(),
            manifest,
            Rules::reference(),
            None,
        ))
        .expect("start an emulator")
}

/// An emulator whose every request is also written to `journal`.
async fn start_recording(manifest: &Manifest, journal: Journal) -> SocketAddr {
    let router = Emulator::new(manifest, Rules::reference(), None)
        .router()
        .layer(axum::middleware::from_fn(
            move |request: Request, next: Next| {
                let journal = journal.clone();
                async move {
                    let (parts, body) = request.into_parts();
                    let body = axum::body::to_bytes(body, usize::MAX)
                        .await
                        .unwrap_or_default();
                    journal.lock().unwrap().push(Captured {
                        method: parts.method.clone(),
                        path_and_query: parts
                            .uri
                            .path_and_query()
                            .map_or("/".to_owned(), |p| p.to_string()),
                        headers: parts.headers.clone(),
                        body: body.clone(),
                    });
                    next.run(Request::from_parts(parts, Body::from(body))).await
                }
            },
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move { axum::serve(listener, router).await });
    addr
}

/// The target the harness (and the plain loop's client) uses for `addr`:
/// every account with the manifest's keys, fixtures bound to its ids.
fn target(manifest: &Manifest, addr: SocketAddr) -> Target {
    let accounts = manifest.credentials();
    let connection = Connection::default();
    Target::new(
        &format!("http://{addr}"),
        "cn-hangzhou",
        accounts,
        manifest.bindings(),
        &connection,
    )
    .expect("a target")
}

fn context(
    runtime: &tokio::runtime::Runtime,
    manifest: &Manifest,
    addr: SocketAddr,
) -> Arc<Context> {
    Arc::new(Context {
        runtime: runtime.handle().clone(),
        target: target(manifest, addr),
        created: Default::default(),
        snapshots: SnapshotStore::new("snapshots", Mode::Check, true),
        sources: Sources::default(),
        deadline: Instant::now() + Duration::from_secs(3600),
        records: Mutex::new(Vec::new()),
        against: None,
        reproduce: "createimage-contract run".to_string(),
    })
}

/// The captured request, to be sent as it was (its `host` header, signed
/// by V3, included) to `base_url`.
fn request(client: &reqwest::Client, base_url: &str, captured: &Captured) -> reqwest::Request {
    let mut headers = captured.headers.clone();
    headers.remove(axum::http::header::CONTENT_LENGTH);
    let method = reqwest::Method::from_bytes(captured.method.as_str().as_bytes()).expect("method");
    let mut builder = client
        .request(method, format!("{base_url}{}", captured.path_and_query))
        .headers(headers);
    if !captured.body.is_empty() {
        builder = builder.body(captured.body.clone());
    }
    builder.build().expect("a request")
}
