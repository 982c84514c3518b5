//! A run that tested nothing is not a pass: when no run is selected, or
//! every selected run is ignored for an unbound fixture or account, `run`
//! exits 1 with one line saying why; `--allow-empty` accepts it.

mod common;

use common::{run, temp_dir, text};

/// The line that explains why nothing was tested, if stderr has one.
fn nothing_tested_line(stderr: &str) -> Option<&str> {
    stderr
        .lines()
        .find(|l| l.contains("a run that tested nothing is not a pass"))
}

#[test]
fn a_filter_that_selects_no_run_exits_1_naming_the_filter() {
    let out = run(&["run", "no-case-has-this-name", "--formats", "json"]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let line = nothing_tested_line(&stderr).unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("no run was selected"), "{line}");
}

#[test]
fn allow_empty_accepts_a_filter_that_selects_no_run() {
    let out = run(&[
        "run",
        "no-case-has-this-name",
        "--formats",
        "json",
        "--allow-empty",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn a_target_with_nothing_bound_exits_1_naming_what_is_unbound() {
    let dir = temp_dir("nothing-bound");
    let profile = dir.join("profile.yaml");
    // No account and no fixture: every run is ignored, no request is sent
    // (the endpoint is never contacted).
    std::fs::write(&profile, "endpoint: http://127.0.0.1:9\n").unwrap();
    let args = [
        "run",
        "--profile",
        profile.to_str().unwrap(),
        "--formats",
        "json",
        "source.",
    ];
    let out = run(&args);
    let stdout = text(&out.stdout);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(!stdout.contains("... ok"), "{stdout}");
    let line = nothing_tested_line(&stderr).unwrap_or_else(|| panic!("{stderr}"));
    assert!(line.contains("selected runs were ignored"), "{line}");
    assert!(line.contains("account `default`"), "{line}");

    let mut allowed = args.to_vec();
    allowed.push("--allow-empty");
    let out = run(&allowed);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}
