//! What every benchmark shares: its few options, the spread of repeated
//! measurements, and how a result line reads.
//!
//! A benchmark measures its subject and its baseline in the same process,
//! round after round, alternating, and prints the ratio of each round with
//! the median and the spread (min–max): on a shared machine only a ratio
//! measured side by side means something.

#![allow(dead_code)]

use std::time::Duration;

/// The options every benchmark takes (`cargo bench --bench NAME -- OPTIONS`).
#[derive(Debug, Clone)]
pub struct Options {
    /// Rounds of (baseline, subject) measurements.
    pub rounds: usize,
    /// A tiny run that only shows the benchmark works (for CI).
    pub quick: bool,
}

impl Options {
    /// Reads `--rounds N` and `--quick`; cargo's own `--bench` is ignored.
    pub fn from_args(default_rounds: usize) -> Options {
        let mut options = Options {
            rounds: default_rounds,
            quick: false,
        };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--rounds" => {
                    options.rounds = args
                        .next()
                        .and_then(|n| n.parse().ok())
                        .filter(|n| *n > 0)
                        .expect("--rounds takes a positive number");
                }
                "--quick" => options.quick = true,
                _ => {}
            }
        }
        if options.quick {
            options.rounds = 1;
        }
        options
    }
}

/// Median, minimum and maximum of some measurements.
#[derive(Debug, Clone, Copy)]
pub struct Spread {
    pub median: f64,
    pub min: f64,
    pub max: f64,
}

impl Spread {
    pub fn of(values: &[f64]) -> Spread {
        assert!(!values.is_empty(), "no measurement");
        let mut sorted = values.to_vec();
        sorted.sort_by(f64::total_cmp);
        let n = sorted.len();
        let median = if n % 2 == 1 {
            sorted[n / 2]
        } else {
            (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0
        };
        Spread {
            median,
            min: sorted[0],
            max: sorted[n - 1],
        }
    }

    /// `0.812 (0.790–0.845)` with `digits` decimals.
    pub fn show(&self, digits: usize) -> String {
        format!(
            "{:.digits$} ({:.digits$}–{:.digits$})",
            self.median, self.min, self.max
        )
    }
}

/// The header every benchmark prints: what, where, when.
pub fn header(name: &str, command: &str) {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let load = std::fs::read_to_string("/proc/loadavg")
        .ok()
        .and_then(|l| l.split_whitespace().next().map(str::to_owned))
        .unwrap_or_else(|| "?".to_owned());
    println!("== {name}");
    println!("command: {command}");
    println!("machine: {cores} cores, load average {load} at start");
}

pub fn secs(d: Duration) -> f64 {
    d.as_secs_f64()
}

/// The plain client loop several benchmarks take as their baseline: sends
/// every request of `batch`, `jobs` at a time, reading each answer whole,
/// checking nothing.
pub async fn send_all(client: &reqwest::Client, batch: Vec<reqwest::Request>, jobs: usize) {
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::{Arc, Mutex};
    let batch: Arc<Vec<Mutex<Option<reqwest::Request>>>> =
        Arc::new(batch.into_iter().map(|r| Mutex::new(Some(r))).collect());
    let next = Arc::new(AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..jobs {
        let (client, batch, next) = (client.clone(), batch.clone(), next.clone());
        workers.spawn(async move {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(slot) = batch.get(i) else { break };
                let request = slot.lock().unwrap().take().expect("sent once");
                let response = client.execute(request).await.expect("an answer");
                std::hint::black_box(response.bytes().await.expect("a body"));
            }
        });
    }
    while workers.join_next().await.is_some() {}
}

/// A reqwest client builder for a benchmark's own loop: no proxies from the
/// environment, and the TLS provider the harness installs (rustls with
/// `ring`; reqwest is built without one of its own) installed first.
pub fn plain_client() -> reqwest::ClientBuilder {
    let _ = rustls::crypto::ring::default_provider().install_default();
    reqwest::Client::builder().no_proxy()
}
