//! The whole case suite against the embedded reference emulator, as part of
//! `cargo test`: one libtest trial per run, with the same flags as
//! `createimage-contract run` (a filter, `--exact`, `--skip`, …).

use std::process::ExitCode;

use clap::Parser;
use createimage_contract::cli::{Cli, Command};
use createimage_contract::commands;

fn main() -> ExitCode {
    if let Err(e) = std::env::set_current_dir(env!("CARGO_MANIFEST_DIR")) {
        eprintln!("error: cannot enter the project directory: {e}");
        return ExitCode::from(2);
    }
    // Every request style: the corpus must pass over each of them.
    let mut argv = vec![
        "createimage-contract".to_string(),
        "run".to_string(),
        "--wire".to_string(),
        "all".to_string(),
    ];
    argv.extend(std::env::args().skip(1));
    let cli = match Cli::try_parse_from(argv) {
        Ok(cli) => cli,
        Err(e) => e.exit(),
    };
    let Command::Run(args) = cli.command else {
        unreachable!("argv starts with `run`")
    };
    match commands::run(*args) {
        Ok(code) => ExitCode::from(code as u8),
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
