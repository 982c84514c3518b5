//! Target profiles: what is unbound is ignored with its name (never passed),
//! the shipped profiles are complete and valid, flags override a profile,
//! and a bad profile is a harness error that points at its line.

mod common;
mod targets_support;

use std::path::Path;

use clap::Parser;
use common::*;
use createimage_contract::cli::{Cli, Command};
use createimage_contract::commands::run::session_options;
use createimage_contract::contract::Rules;
use createimage_contract::emulator;
use createimage_contract::fixtures::Manifest;
use createimage_contract::profile::Profile;
use createimage_contract::wire::WireStyle;
use targets_support::*;

/// The libtest lines of ignored runs: `(run name, reason)`.
fn ignored_lines(stdout: &str) -> Vec<(String, String)> {
    stdout
        .lines()
        .filter_map(|line| {
            let (head, reason) = line.split_once("... ignored")?;
            let name = head.split_whitespace().last()?.to_owned();
            Some((name, reason.trim().to_owned()))
        })
        .collect()
}

fn summary_count(stdout: &str, what: &str) -> usize {
    let line = stdout
        .lines()
        .find(|l| l.starts_with("test result:"))
        .unwrap_or_else(|| panic!("no summary in:\n{stdout}"));
    line.split(';')
        .find_map(|part| {
            let part = part.trim().trim_start_matches("test result: ok.");
            let part = part.trim_start_matches("test result: FAILED.").trim();
            part.strip_suffix(what)?.trim().parse().ok()
        })
        .unwrap_or_else(|| panic!("no `{what}` count in {line}"))
}

#[tokio::test(flavor = "multi_thread")]
async fn unbound_fixtures_and_accounts_make_their_runs_ignored_with_the_missing_name() {
    // The real suite, plus one case signed by another account.
    let mut files: Vec<(String, String)> = Vec::new();
    for entry in std::fs::read_dir(crate_dir().join("cases")).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".yaml") && !name.starts_with("profile") && name != "fixtures.yaml" {
            files.push((name, std::fs::read_to_string(&path).unwrap()));
        }
    }
    files.push((
        "zz_accounts.yaml".into(),
        "area: Accounts\ncases:\n  - id: targets.no-balance\n    rule: Account.balance\n    account: no-balance\n    snapshot: false\n    request:\n      SnapshotId: \"{{fixture.snapshot.system}}\"\n    expect:\n      status: 403\n".into(),
    ));
    let borrowed: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, c)| (n.as_str(), c.as_str()))
        .collect();
    let cases = case_dir("ignored", &borrowed);
    let profile = cases.join("profile.partial.yaml");
    std::fs::write(
        &profile,
        "# binds the default account and one snapshot only\n\
         accounts:\n  default: { from_manifest: true }\n  no-balance:\n    access_key_id_env: CIC_TEST_NO_BALANCE_ID\n    access_key_secret_env: CIC_TEST_NO_BALANCE_SECRET\n\
         fixtures:\n  snapshot.system: s-emu0system000000001\n",
    )
    .unwrap();

    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&cases)
        .arg("--profile")
        .arg(&profile)
        .args(["--formats", "json", "--snapshots", "off"])
        .env("CIC_TEST_NO_BALANCE_ID", "set-but-the-secret-is-not")
        .env_remove("CIC_TEST_NO_BALANCE_SECRET");
    let out = output(command).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));

    let ignored = ignored_lines(&stdout);
    assert_eq!(ignored.len(), summary_count(&stdout, "ignored"), "{stdout}");
    assert_eq!(summary_count(&stdout, "failed"), 0, "{stdout}");
    for expected in [
        "sample.documented-request::json::v1-get",
        "source.instance-only::json::v1-get",
        "source.stopped-instance::json::v1-get",
    ] {
        let (_, reason) = ignored
            .iter()
            .find(|(name, _)| name == expected)
            .unwrap_or_else(|| panic!("{expected} is not ignored:\n{stdout}"));
        assert!(
            reason.contains("fixture `instance.")
                && reason.contains("is not bound for this target"),
            "{expected}: {reason}"
        );
    }
    let (_, reason) = ignored
        .iter()
        .find(|(name, _)| name == "targets.no-balance::json::v1-get")
        .unwrap_or_else(|| panic!("the no-balance case is not ignored:\n{stdout}"));
    assert!(reason.contains("account `no-balance`"), "{reason}");
    assert!(reason.contains("`CIC_TEST_NO_BALANCE_SECRET`"), "{reason}");
    assert!(!reason.contains("CIC_TEST_NO_BALANCE_ID"), "{reason}");
    // A step signed by an unbound account leaves its whole run not run,
    // though the case's own account is bound.
    let (_, reason) = ignored
        .iter()
        .find(|(name, _)| name == "account-scope.client-token.default-then-other::json::v1-get")
        .unwrap_or_else(|| panic!("the case with an `other` step is not ignored:\n{stdout}"));
    assert!(reason.contains("account `other`"), "{reason}");
    // Every ignored run names what is missing; nothing unbound passed.
    for (name, reason) in &ignored {
        assert!(reason.contains("is not bound"), "{name}: {reason}");
    }
    assert!(summary_count(&stdout, "passed") > 0, "{stdout}");
}

#[tokio::test(flavor = "multi_thread")]
async fn the_emulator_profile_runs_the_suite_against_a_served_emulator_with_nothing_ignored() {
    let manifest = Manifest::builtin();
    let running = emulator::start(
        "127.0.0.1:0".parse().unwrap(),
        &manifest,
        Rules::reference(),
        None,
    )
    .await
    .unwrap();
    let mut command = binary();
    command
        .args([
            "run",
            "--profile",
            "cases/profile.emulator.yaml",
            "--target",
        ])
        .arg(format!("http://{}", running.addr))
        .args(["--formats", "json", "--snapshots", "off", "source"]);
    let out = output(command).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert_eq!(summary_count(&stdout, "ignored"), 0, "{stdout}");
    assert!(summary_count(&stdout, "passed") > 0, "{stdout}");
    running.shutdown().await;
}

#[test]
fn the_emulator_profile_binds_every_account_and_fixture_of_the_manifest() {
    let manifest = Manifest::builtin();
    let profile = Profile::load(&crate_dir().join("cases/profile.emulator.yaml")).unwrap();
    profile.check(&manifest).unwrap();
    let resolved = profile.resolve(&manifest, |_| None);
    assert!(
        resolved.unbound_accounts.is_empty(),
        "cases/profile.emulator.yaml must list every account of cases/fixtures.yaml: {:?}",
        resolved.unbound_accounts.keys()
    );
    assert_eq!(resolved.bindings, manifest.bindings());
    for (name, credentials) in &resolved.accounts {
        assert_eq!(
            credentials.access_key_id,
            manifest.account(name).unwrap().access_key_id
        );
    }
}

#[test]
fn the_example_region_profile_parses_and_names_only_known_accounts_and_fixtures() {
    // Parsed and checked, never used to send anything.
    let profile = Profile::load(&crate_dir().join("cases/profile.example-region.yaml")).unwrap();
    profile.check(&Manifest::builtin()).unwrap();
    assert!(
        profile
            .endpoint
            .as_deref()
            .is_some_and(|e| e.starts_with("https://"))
    );
    assert!(!profile.fixtures.is_empty());
}

#[test]
fn flags_override_the_profile() {
    let dir = temp_dir("override");
    let profile = dir.join("profile.yaml");
    std::fs::write(
        &profile,
        "endpoint: https://ecs.example.invalid\nregion: cn-beijing\nwire: [v3]\nca_cert: ca.pem\n",
    )
    .unwrap();
    let parse = |extra: &[&str]| {
        let mut args = vec!["createimage-contract", "run", "--profile"];
        let profile = profile.to_str().unwrap();
        args.push(profile);
        args.extend_from_slice(extra);
        let Command::Run(run) = Cli::try_parse_from(args).unwrap().command else {
            panic!("not run");
        };
        session_options(&run).unwrap()
    };
    let from_profile = parse(&[]);
    assert_eq!(
        from_profile.target.as_deref(),
        Some("https://ecs.example.invalid")
    );
    assert_eq!(from_profile.region, "cn-beijing");
    assert_eq!(from_profile.wires, vec![WireStyle::V3]);
    assert_eq!(from_profile.ca_cert, Some(dir.join("ca.pem")));
    assert!(from_profile.credentials.is_none());

    let overridden = parse(&[
        "--target",
        "http://127.0.0.1:9",
        "--region",
        "cn-shanghai",
        "--wire",
        "v1-post-form",
        "--ca-cert",
        "other.pem",
        "--access-key-id",
        "id",
        "--access-key-secret",
        "secret",
    ]);
    assert_eq!(overridden.target.as_deref(), Some("http://127.0.0.1:9"));
    assert_eq!(overridden.region, "cn-shanghai");
    assert_eq!(overridden.wires, vec![WireStyle::V1PostForm]);
    assert_eq!(overridden.ca_cert, Some(Path::new("other.pem").to_owned()));
    assert_eq!(overridden.credentials.unwrap().access_key_id, "id");
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profile_with_an_unknown_key_is_a_harness_error_at_its_line_and_column() {
    let dir = temp_dir("bad-profile");
    let profile = dir.join("profile.yaml");
    std::fs::write(
        &profile,
        "region: cn-hangzhou\naccounts:\n  default: { from_manifest: true }\nfixture:\n  snapshot.system: s-1\n",
    )
    .unwrap();
    let mut command = binary();
    command.args(["run", "--profile"]).arg(&profile);
    let out = output(command).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(
        stderr.contains(&format!("{}:4:1: ", profile.display())),
        "{stderr}"
    );
    assert!(stderr.contains("fixture"), "{stderr}");

    std::fs::write(&profile, "fixtures:\n  snapshot.sytem: s-1\n").unwrap();
    let mut command = binary();
    command.args(["run", "--profile"]).arg(&profile);
    let out = output(command).await;
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}", shown(&out));
    assert!(
        stderr.contains(&format!("{}:2:", profile.display())),
        "{stderr}"
    );
    assert!(
        stderr.contains("did you mean `snapshot.system`?"),
        "{stderr}"
    );
}
