//! Soak: `serve` under sustained use. `REQUESTS` signed `CreateImage`
//! requests (2,000,000 unless `--requests N`), each with a fresh nonce,
//! round robin over the four request styles, 32 in flight over keep-alive
//! connections, sent to `serve` — the binary cargo built for this
//! benchmark, a child process on a loopback port. Every request passes the
//! gateway (its nonce is recorded) and is then refused by a parameter rule
//! (a malformed tag key), so the store stays empty and the nonce window
//! holds every request of the last 15 minutes.
//!
//! Prints the throughput, `serve`'s peak resident memory (`VmHWM`), the
//! number of `Throttling` answers (goal: 0) and of any other unexpected
//! answer; and, as the ratio measured in the same run, the throughput of
//! the last tenth of the requests over that of the first tenth (the nonce
//! window full against nearly empty). Then the nonce window alone, in this
//! process, filled to its cap with expiries spread over 15 minutes: its
//! heap bytes, and the time of a check with the window nearly full against
//! nearly empty.
//!
//! It takes minutes, and CI does not run it:
//! `cargo bench --bench soak [-- --requests N]` (`--quick`: 20,000).

mod support;

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Instant;

use createimage_contract::emulator::nonces::{NONCE_CAP, NonceCache};
use createimage_contract::fixtures::Manifest;
use createimage_contract::wire::credentials::Credentials;
use createimage_contract::wire::request::{RequestSpec, fresh_nonce, prepare, timestamp_now};
use createimage_contract::wire::{Format, WireStyle};

/// Requests in flight at once.
const IN_FLIGHT: usize = 32;
/// What every answer should be.
const EXPECTED_CODE: &str = "InvalidTagKey.Malformed";

fn main() {
    let options = support::Options::from_args(1);
    let requests = requests_flag().unwrap_or(if options.quick { 20_000 } else { 2_000_000 });
    support::header(
        "soak: signed requests to `serve`, its nonce window filling",
        "cargo bench --bench soak [-- --requests N]",
    );
    println!("{requests} requests, {IN_FLIGHT} in flight, every request style in turn");

    let mut served = Served::start();
    let runtime = createimage_contract::commands::runtime().expect("runtime");
    let tally = runtime.block_on(soak(&served.url, requests));
    let peak_kib = served.peak_kib();
    served.stop();

    let tenth = requests / 10;
    let first = tenth as f64 / tally.first_tenth;
    let last = tenth as f64 / tally.last_tenth;
    println!(
        "throughput: {:.0} requests/s over {:.1} s",
        requests as f64 / tally.total,
        tally.total
    );
    println!(
        "first tenth {first:.0} requests/s, last tenth {last:.0} requests/s: last / first {:.3}",
        last / first
    );
    println!(
        "serve's peak resident memory: {:.1} MiB   goal <= 128 MiB",
        peak_kib as f64 / 1024.0
    );
    println!(
        "Throttling answers: {}   goal 0; other unexpected answers: {}",
        tally.throttled, tally.unexpected
    );

    // The window alone: filled to its cap with expiries spread over 15
    // minutes (sustained use), each check timed in batches of SAMPLE.
    let cache = NonceCache::default();
    let now = 1_800_000_000;
    let started = Instant::now();
    let mut batch = Instant::now();
    let mut empty = 0.0;
    for i in 0..NONCE_CAP {
        cache
            .check_and_insert(
                "key",
                &format!("{i:032x}"),
                now,
                now + 900 + (i % 900) as i64,
            )
            .expect("room up to the cap");
        if i + 1 == SAMPLE {
            empty = batch.elapsed().as_secs_f64();
        }
        if i + 1 == NONCE_CAP - SAMPLE {
            batch = Instant::now();
        }
    }
    let full = batch.elapsed().as_secs_f64();
    let ns = |seconds: f64| seconds * 1e9 / SAMPLE as f64;
    println!(
        "the nonce window alone at its cap ({} live nonces, filled in {:.1} s): {:.1} MiB on the heap, {:.1} bytes per nonce",
        cache.len(),
        started.elapsed().as_secs_f64(),
        cache.heap_bytes() as f64 / (1024.0 * 1024.0),
        cache.heap_bytes() as f64 / cache.len() as f64
    );
    println!(
        "a check and insert: {:.0} ns with the window nearly full, {:.0} ns nearly empty: full / empty {:.2}",
        ns(full),
        ns(empty),
        full / empty
    );
}

/// Checks timed together at each end of the window's fill.
const SAMPLE: usize = 100_000;

/// `--requests N`, if given.
fn requests_flag() -> Option<usize> {
    let mut args = std::env::args().skip_while(|a| a != "--requests").skip(1);
    args.next().map(|n| {
        n.parse()
            .ok()
            .filter(|n| *n >= 10)
            .expect("--requests takes a number of at least 10")
    })
}

/// What came back, and how long it took (seconds).
#[derive(Debug, Default)]
struct Tally {
    throttled: usize,
    unexpected: usize,
    total: f64,
    first_tenth: f64,
    last_tenth: f64,
}

async fn soak(url: &str, requests: usize) -> Tally {
    let client = support::plain_client()
        .pool_max_idle_per_host(IN_FLIGHT)
        .build()
        .expect("client");
    let manifest = Manifest::builtin();
    let account = manifest.account("default").expect("default account");
    let credentials = Arc::new(Credentials::new(
        &account.access_key_id,
        &account.access_key_secret,
    ));
    let params: Arc<Vec<(String, String)>> = Arc::new(vec![
        ("RegionId".into(), "cn-hangzhou".into()),
        (
            "SnapshotId".into(),
            manifest.bindings()["snapshot.system"].clone(),
        ),
        ("Tag.1.Key".into(), "aliyun-soak".into()),
    ]);
    let host = url.trim_start_matches("http://").to_owned();
    let next = Arc::new(AtomicUsize::new(0));
    let done = Arc::new(AtomicUsize::new(0));
    let throttled = Arc::new(AtomicUsize::new(0));
    let unexpected = Arc::new(AtomicUsize::new(0));
    let tenth = requests / 10;
    let started = Instant::now();
    let marks = Arc::new(std::sync::Mutex::new([None::<Instant>; 3]));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..IN_FLIGHT {
        let (client, credentials, params, host, url) = (
            client.clone(),
            credentials.clone(),
            params.clone(),
            host.clone(),
            url.to_owned(),
        );
        let (next, done, throttled, unexpected, marks) = (
            next.clone(),
            done.clone(),
            throttled.clone(),
            unexpected.clone(),
            marks.clone(),
        );
        workers.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                if i >= requests {
                    break;
                }
                let nonce = fresh_nonce();
                let timestamp = timestamp_now();
                let prepared = prepare(&RequestSpec {
                    style: WireStyle::ALL[i % WireStyle::ALL.len()],
                    host: &host,
                    action: "CreateImage",
                    format: Some(Format::Json),
                    params: &params,
                    credentials: &credentials,
                    nonce: &nonce,
                    timestamp: &timestamp,
                });
                let method =
                    reqwest::Method::from_bytes(prepared.method.as_bytes()).expect("a method");
                let mut request =
                    client.request(method, format!("{url}{}", prepared.path_and_query));
                for (name, value) in &prepared.headers {
                    request = request.header(name.as_str(), value.as_str());
                }
                if !prepared.body.is_empty() {
                    request = request.body(prepared.body);
                }
                let body = match request.send().await {
                    Ok(response) => response.text().await.unwrap_or_default(),
                    Err(_) => String::new(),
                };
                if body.contains("\"Throttling\"") {
                    throttled.fetch_add(1, Ordering::Relaxed);
                } else if !body.contains(EXPECTED_CODE) {
                    unexpected.fetch_add(1, Ordering::Relaxed);
                }
                let finished = done.fetch_add(1, Ordering::Relaxed) + 1;
                let mark = if finished == tenth {
                    Some(0)
                } else if finished == requests - tenth {
                    Some(1)
                } else if finished == requests {
                    Some(2)
                } else {
                    None
                };
                if let Some(mark) = mark {
                    marks.lock().unwrap()[mark] = Some(Instant::now());
                }
            }
        });
    }
    while workers.join_next().await.is_some() {}
    let [first, last_start, end] = *marks.lock().unwrap();
    let (first, last_start, end) = (
        first.expect("a tenth"),
        last_start.expect("nine tenths"),
        end.expect("the end"),
    );
    Tally {
        throttled: throttled.load(Ordering::Relaxed),
        unexpected: unexpected.load(Ordering::Relaxed),
        total: (end - started).as_secs_f64(),
        first_tenth: (first - started).as_secs_f64(),
        last_tenth: (end - last_start).as_secs_f64(),
    }
}

/// `serve --listen 127.0.0.1:0`, the binary cargo built for this benchmark.
struct Served {
    child: Child,
    url: String,
}

impl Served {
    fn start() -> Served {
        let mut child = Command::new(env!("CARGO_BIN_EXE_createimage-contract"))
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .args(["serve", "--listen", "127.0.0.1:0"])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("serve's stdout"))
            .read_line(&mut line)
            .expect("serve prints its address");
        let url = line.trim().trim_start_matches("listening on ").to_owned();
        assert!(url.starts_with("http://127.0.0.1:"), "{line}");
        Served { child, url }
    }

    /// `VmHWM` of the process, in KiB.
    fn peak_kib(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id()))
            .expect("the process's status");
        status
            .lines()
            .find_map(|line| line.strip_prefix("VmHWM:"))
            .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
            .expect("VmHWM")
    }

    fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
