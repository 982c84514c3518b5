//! The command that replays a run as it was run, less its `--exact RUN-ID`:
//! the flags that decide which suite, which target (or which emulator:
//! deliberate fault, readings), which region and which snapshots a run saw.
//! Never a credential (a profile names where its keys come from; the keys
//! given on the command line come from the environment again), never a
//! report file, and never `--snapshots update`, which would write.

use clap::ValueEnum as _;

use crate::check::snapshot::Mode;
use crate::cli::RunArgs;
use crate::report::digest::shell_word;
use crate::report::redact;

/// `createimage-contract run` and the flags of `args` that shape one run's
/// verdict, each value shell-quoted.
pub fn command(args: &RunArgs) -> String {
    let mut words = vec!["createimage-contract".to_owned(), "run".to_owned()];
    let mut flag = |name: &str, value: &str| {
        words.push(name.to_owned());
        words.push(shell_word(value));
    };
    if args.suite.cases.as_os_str() != "cases" {
        flag("--cases", &args.suite.cases.display().to_string());
    }
    if let Some(fixtures) = &args.suite.fixtures {
        flag("--fixtures", &fixtures.display().to_string());
    }
    if let Some(profile) = &args.endpoint.profile {
        flag("--profile", &profile.display().to_string());
    }
    if let Some(target) = &args.endpoint.target {
        flag("--target", &redact::url(target));
    }
    if let Some(region) = &args.endpoint.region {
        flag("--region", region);
    }
    if let Some(ca_cert) = &args.endpoint.ca_cert {
        flag("--ca-cert", &ca_cert.display().to_string());
    }
    if let Some(mutant) = &args.mutant {
        flag("--mutant", mutant);
    }
    for reading in &args.readings {
        flag("--reading", reading);
    }
    match args.snapshots {
        Mode::Check | Mode::Update => {}
        other => {
            if let Some(value) = other.to_possible_value() {
                flag("--snapshots", value.get_name());
            }
        }
    }
    if args.snapshots_dir.as_os_str() != "snapshots" {
        flag("--snapshots-dir", &args.snapshots_dir.display().to_string());
    }
    if let Some(own) = &args.snapshot_dir {
        flag("--snapshot-dir", &own.display().to_string());
    }
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::{Cli, Command};

    fn command_of(line: &[&str]) -> String {
        let cli = Cli::try_parse_from(["createimage-contract", "run"].iter().chain(line).copied())
            .expect("the command line parses");
        let Command::Run(args) = cli.command else {
            panic!("a run command");
        };
        command(&args)
    }

    #[test]
    fn the_default_run_reproduces_with_no_flag() {
        assert_eq!(command_of(&[]), "createimage-contract run");
    }

    #[test]
    fn a_run_reproduces_with_the_flags_that_shaped_its_verdict() {
        assert_eq!(
            command_of(&[
                "--cases",
                "my cases",
                "--mutant",
                "image-name-too-long-accepted",
                "--reading",
                "image-name-characters=colon-refused",
                "--snapshots",
                "off",
                "--snapshots-dir",
                "ref",
                "--json",
                "r.json",
                "--jobs",
                "4",
            ]),
            "createimage-contract run --cases 'my cases' --mutant image-name-too-long-accepted \
             --reading image-name-characters=colon-refused --snapshots off --snapshots-dir ref"
        );
    }

    #[test]
    fn a_reproduce_command_never_carries_a_credential() {
        let shown = command_of(&[
            "--target",
            "http://user:pa55word@127.0.0.1:9/",
            "--access-key-id",
            "AKID",
            "--access-key-secret",
            "s3cr3t-value",
            "--region",
            "cn-beijing",
        ]);
        assert_eq!(
            shown,
            "createimage-contract run --target http://127.0.0.1:9/ --region cn-beijing"
        );
    }

    #[test]
    fn recording_snapshots_is_not_part_of_a_reproduction() {
        assert_eq!(
            command_of(&["--snapshots", "update"]),
            "createimage-contract run"
        );
    }
}
