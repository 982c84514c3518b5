//! The `createimage-contract` command: parses the command line, runs the
//! command, and maps its outcome to an exit code.

use std::process::ExitCode;

use clap::Parser;
use createimage_contract::cli::{Cli, Command};
use createimage_contract::{commands, exit};

/// Every run allocates and frees many small strings and trees on several
/// threads at once; mimalloc serves that with less contention and fewer
/// page faults than the system allocator (`cargo bench --bench cold_start`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc is built without asking for transparent huge pages (its
/// `no_thp` feature): each thread takes its pages from another part of its
/// arenas, and the kernel would zero a whole 2 MiB page for the first few
/// KiB a thread touches there — at start-up, before `main`, too. Where the
/// kernel gives huge pages without being asked, this process declines them
/// as soon as `main` runs. Ordinary pages cost less here
/// (`cargo bench --bench cold_start`).
fn without_transparent_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: PR_SET_THP_DISABLE takes integer arguments only and changes
    // nothing but this process's use of huge pages; an error leaves them on.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

fn main() -> ExitCode {
    without_transparent_huge_pages();
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Run(args) => commands::run(*args),
        Command::Serve(args) => commands::serve(&args),
        Command::List(args) => commands::list(&args),
        Command::Report(command) => commands::report(command),
        Command::Coverage(args) => commands::coverage(&args),
        Command::Mutants(args) => commands::mutants(&args),
        Command::Readings(args) => commands::readings(&args),
        Command::Schema(args) => commands::schema(&args),
        Command::Fixtures(args) => commands::fixtures(&args),
        Command::Explore(args) => commands::explore(&args),
    };
    let code = match result {
        Ok(code) => code,
        Err(error) => {
            eprintln!("{}", error.rendered());
            exit::HARNESS_ERROR
        }
    };
    ExitCode::from(code as u8)
}
