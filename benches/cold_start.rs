//! Cold start: the wall time of the default `createimage-contract run` (the
//! whole suite over every request style against the embedded emulator,
//! snapshots checked), from process start to
//! exit, versus `createimage-contract --version` and `list` (start-up and
//! loading the suite) — spawned alternately in the same run. The binary is
//! the one cargo built for this benchmark (release settings).
//!
//! `cargo bench --bench cold_start [-- --rounds N]`

mod support;

use std::process::{Command, Stdio};
use std::time::Instant;

use support::{Options, Spread};

fn main() {
    let options = Options::from_args(10);
    support::header(
        "cold start: `run` (whole suite, embedded emulator) vs `--version` and `list`",
        "cargo bench --bench cold_start",
    );
    let binary = env!("CARGO_BIN_EXE_createimage-contract");
    let project = env!("CARGO_MANIFEST_DIR");
    let time = |args: &[&str]| -> f64 {
        let started = Instant::now();
        let status = Command::new(binary)
            .args(args)
            .current_dir(project)
            .env("CI", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("spawn createimage-contract");
        let elapsed = started.elapsed().as_secs_f64();
        assert!(status.success(), "`{}` failed: {status}", args.join(" "));
        elapsed
    };
    let (mut version, mut list, mut run, mut ratio) = (vec![], vec![], vec![], vec![]);
    for round in 0..=options.rounds {
        let v = time(&["--version"]);
        let l = time(&["list"]);
        let r = time(&["run", "--format", "terse"]);
        if round == 0 {
            continue;
        }
        version.push(v * 1000.0);
        list.push(l * 1000.0);
        run.push(r * 1000.0);
        ratio.push(r / v);
    }
    println!("--version  ms: {}", Spread::of(&version).show(1));
    println!("list       ms: {}", Spread::of(&list).show(1));
    println!(
        "run        ms: {}   goal <= 300 ms (every request style)",
        Spread::of(&run).show(1)
    );
    println!(
        "run / --version (median, range): {}",
        Spread::of(&ratio).show(1)
    );
}
