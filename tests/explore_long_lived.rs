//! `explore` against a long-lived target: `serve` on a loopback port,
//! explored twice with the same seed. Each invocation draws its fresh
//! names and tokens from the seed and a salt of its own, so the second
//! sends none the first created and neither reports a disagreement; given
//! the first one's salt again (`--salt`), the second sends the same names
//! and the target, which kept them, answers them as taken.

mod common;

use common::{Served, path_str, run, shown, temp_dir, text};

/// Requests per exploration: enough to create many images.
const REQUESTS: &str = "2000";

/// `explore --seed 1` against `url` with `extra` flags.
fn explore(url: &str, out: &str, requests: &str, extra: &[&str]) -> std::process::Output {
    let mut args = vec![
        "explore",
        "--seed",
        "1",
        "--requests",
        requests,
        "--target",
        url,
        "--profile",
        "cases/profile.emulator.yaml",
        "--out",
        out,
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// The salt the summary prints (`explore: seed 1, salt HEX; …`).
fn salt_of(stderr: &str) -> String {
    let line = stderr
        .lines()
        .find(|l| l.starts_with("explore: seed 1, salt "))
        .unwrap_or_else(|| panic!("no seed line:\n{stderr}"));
    line["explore: seed 1, salt ".len()..]
        .chars()
        .take_while(char::is_ascii_hexdigit)
        .collect()
}

#[test]
fn the_same_seed_explored_twice_against_one_long_lived_target_never_disagrees() {
    let served = Served::start(&[]);
    let dir = temp_dir("explore-long-lived");
    let mut salts = Vec::new();
    for invocation in ["first", "second"] {
        let out = explore(&served.url, path_str(&dir.join(invocation)), REQUESTS, &[]);
        let stderr = text(&out.stderr);
        assert_eq!(out.status.code(), Some(0), "{invocation}: {}", shown(&out));
        assert!(
            stderr.contains("explore: 0 disagreements"),
            "{invocation}: {stderr}"
        );
        assert!(!dir.join(invocation).exists(), "{invocation}: {stderr}");
        let salt = salt_of(&stderr);
        assert_eq!(salt.len(), 16, "{stderr}");
        assert!(
            stderr.contains(&format!("--seed 1 --salt {salt} --requests {REQUESTS}")),
            "the summary repeats the exploration: {stderr}"
        );
        salts.push(salt);
    }
    assert_ne!(salts[0], salts[1], "each invocation draws its own salt");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_same_salt_sends_the_same_names_again_and_the_written_case_says_so() {
    let served = Served::start(&[]);
    let dir = temp_dir("explore-same-salt");
    let salt = "00000000c0ffee01";
    let first = explore(
        &served.url,
        path_str(&dir.join("first")),
        "300",
        &["--salt", salt],
    );
    assert_eq!(first.status.code(), Some(0), "{}", shown(&first));
    assert_eq!(salt_of(&text(&first.stderr)), salt);
    let second = explore(
        &served.url,
        path_str(&dir.join("second")),
        "300",
        &["--salt", salt],
    );
    assert_eq!(second.status.code(), Some(1), "{}", shown(&second));
    let stderr = text(&second.stderr);
    assert!(stderr.contains("InvalidImageName.Duplicated"), "{stderr}");
    let written: Vec<String> = std::fs::read_dir(dir.join("second"))
        .expect("case files written")
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect();
    assert!(!written.is_empty(), "{stderr}");
    for case in &written {
        assert!(
            case.contains(&format!("salt {salt}")) && case.contains(&format!("--salt {salt}")),
            "{case}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_salt_that_is_not_hex_is_refused() {
    let out = run(&["explore", "--salt", "salty", "--requests", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(text(&out.stderr).contains("hex digits"), "{}", shown(&out));
}
