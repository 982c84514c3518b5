//! `explore` throughput: checked requests per second against the embedded
//! emulator (the target and the oracles in this process), versus a plain
//! client loop in the style of the harness benchmark's raw loop, which
//! sends signed requests, prepared in advance, to a fresh emulator of its
//! own on a Unix socket, with the same number in flight, and checks
//! nothing. Both in this process, on one tokio runtime,
//! alternating round by round.
//!
//! `cargo bench --bench explore [-- --rounds N]`; the goal is at least
//! 10,000 checked requests per second.

mod support;

use std::sync::Arc;
use std::time::Instant;

use createimage_contract::check::snapshot::Mode;
use createimage_contract::commands::{Session, SessionOptions};
use createimage_contract::contract::Rules;
use createimage_contract::emulator;
use createimage_contract::explore::{Explorer, Options};
use createimage_contract::wire::credentials::Credentials;
use createimage_contract::wire::request::{RequestSpec, fresh_nonce, prepare, timestamp_now};
use createimage_contract::wire::{Format, WireStyle};

use support::{Options as BenchOptions, Spread};

const JOBS: usize = 8;

fn main() {
    let options = BenchOptions::from_args(5);
    let requests: u64 = if options.quick { 2_000 } else { 20_000 };
    std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")).expect("enter the project");
    support::header(
        "explore throughput: checked requests vs a plain reqwest loop",
        "cargo bench --bench explore",
    );
    let mut session_options = SessionOptions::embedded("cases", "snapshots");
    session_options.snapshots = Mode::Off;
    let mut ratios = Vec::new();
    let mut rates = (Vec::new(), Vec::new());
    for round in 0..=options.rounds {
        let session = Session::open(&session_options).expect("a session");
        let plain = plain_rate(&session, requests as usize);
        let explorer = Arc::new(Explorer::new(
            session.context.target.clone(),
            &session.manifest,
            &session.suite,
            Options::new(round as u64, requests),
        ));
        let summary = explorer.run(session.runtime.handle());
        assert!(
            summary.findings.is_empty(),
            "the emulator disagrees with itself"
        );
        session.close();
        let checked = summary.requests_per_second();
        if round == 0 {
            continue;
        }
        println!(
            "round {round}: plain loop {plain:>7.0} requests/s, explore {checked:>7.0} checked requests/s, ratio {:.3}",
            checked / plain
        );
        ratios.push(checked / plain);
        rates.0.push(plain);
        rates.1.push(checked);
    }
    println!("plain loop requests/s: {}", Spread::of(&rates.0).show(0));
    println!(
        "explore    requests/s: {}   goal >= 10000",
        Spread::of(&rates.1).show(0)
    );
    println!(
        "explore / plain loop (median, range): {}",
        Spread::of(&ratios).show(3)
    );
}

/// Requests per second of a plain loop: `count` signed CreateImage
/// requests (fresh names, so each creates an image) sent `JOBS` at a time
/// to an emulator of their own, each answer read whole and not checked.
fn plain_rate(session: &Session, count: usize) -> f64 {
    let runtime = &session.runtime;
    let socket = std::env::temp_dir().join(format!(
        "createimage-contract-bench-{}-{}.sock",
        std::process::id(),
        fresh_nonce()
    ));
    let running = runtime
        .block_on(emulator::start_unix(
            socket.clone(),
            &session.manifest,
            Rules::reference(),
            None,
        ))
        .expect("an emulator");
    let host = "127.0.0.1".to_string();
    let account = session
        .manifest
        .account("default")
        .expect("default account");
    let credentials = Credentials::new(&account.access_key_id, &account.access_key_secret);
    let snapshot = session.manifest.bindings()["snapshot.system"].clone();
    let client = support::plain_client()
        .unix_socket(socket)
        .build()
        .expect("a client");
    let batch: Vec<reqwest::Request> = (0..count)
        .map(|i| {
            let params = vec![
                ("RegionId".to_owned(), "cn-hangzhou".to_owned()),
                ("SnapshotId".to_owned(), snapshot.clone()),
                ("ImageName".to_owned(), format!("plain{i:012}")),
            ];
            let prepared = prepare(&RequestSpec {
                style: WireStyle::ALL[i % 4],
                host: &host,
                action: "CreateImage",
                format: Some(Format::Json),
                params: &params,
                credentials: &credentials,
                nonce: &fresh_nonce(),
                timestamp: &timestamp_now(),
            });
            let method = reqwest::Method::from_bytes(prepared.method.as_bytes()).expect("method");
            let mut builder =
                client.request(method, format!("http://{host}{}", prepared.path_and_query));
            for (name, value) in &prepared.headers {
                builder = builder.header(name.as_str(), value.as_str());
            }
            builder.body(prepared.body).build().expect("a request")
        })
        .collect();
    let started = Instant::now();
    runtime.block_on(support::send_all(&client, batch, JOBS));
    let rate = count as f64 / started.elapsed().as_secs_f64();
    runtime.block_on(running.shutdown());
    rate
}
