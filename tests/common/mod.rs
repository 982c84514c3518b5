//! Shared by the integration tests that run the `createimage-contract`
//! binary: the command with a clean environment, its output as text,
//! temporary directories, and `serve` as a child process.

#![allow(dead_code)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Output, Stdio};

/// The binary, run from the crate root with `CI=1` (so nothing is written
/// beside the snapshots), without any credential or proxy variable of the
/// machine it runs on.
pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_createimage-contract"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CI", "1")
        .stdin(Stdio::null());
    for name in [
        "ALIBABA_CLOUD_ACCESS_KEY_ID",
        "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
        "ALIBABA_CLOUD_SECURITY_TOKEN",
        "CREATEIMAGE_CONTRACT_AGAINST_ACCESS_KEY_ID",
        "CREATEIMAGE_CONTRACT_AGAINST_ACCESS_KEY_SECRET",
        "HTTP_PROXY",
        "http_proxy",
        "HTTPS_PROXY",
        "https_proxy",
        "ALL_PROXY",
        "all_proxy",
        "NO_PROXY",
        "no_proxy",
    ] {
        command.env_remove(name);
    }
    command
}

/// Runs the binary with `args` and waits for it.
pub fn run(args: &[&str]) -> Output {
    binary().args(args).output().expect("the binary starts")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The exit code and both output streams, for assertion messages.
pub fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    )
}

/// A fresh, empty directory under the system's temporary directory.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cic-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// A temporary directory that looks like a checkout: `shared` entries of
/// the crate (`cases`, `snapshots`, ...) linked into it, and a `bin/` with
/// the binary. Returns the directory and a `PATH` with that `bin/` first.
pub fn checkout_with_binary(name: &str, shared: &[&str]) -> (PathBuf, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = temp_dir(name);
    for entry in shared {
        std::os::unix::fs::symlink(root.join(entry), dir.join(entry)).unwrap();
    }
    let bin = dir.join("bin");
    std::fs::create_dir(&bin).unwrap();
    std::os::unix::fs::symlink(
        env!("CARGO_BIN_EXE_createimage-contract"),
        bin.join("createimage-contract"),
    )
    .unwrap();
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    (dir, path)
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

/// `serve --listen 127.0.0.1:0 ARGS…` as a child process, and its URL.
/// Dropping it kills the process.
pub struct Served {
    pub child: Child,
    pub url: String,
}

impl Served {
    /// Starts `serve` with extra arguments (`--mutant NAME`, `--fixtures F`).
    pub fn start(extra: &[&str]) -> Served {
        Served::start_with(binary(), extra)
    }

    /// Starts `serve` from a prepared command (another environment).
    pub fn start_with(mut command: Command, extra: &[&str]) -> Served {
        let mut child = command
            .args(["serve", "--listen", "127.0.0.1:0"])
            .args(extra)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("serve starts");
        let mut line = String::new();
        BufReader::new(child.stdout.take().expect("serve's stdout"))
            .read_line(&mut line)
            .expect("serve prints its address");
        let url = line.trim().trim_start_matches("listening on ").to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{line}");
        Served { child, url }
    }

    /// Ctrl-C, then the exit status of a graceful shutdown.
    pub fn interrupt(mut self) -> ExitStatus {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        self.child.wait().expect("serve exits")
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
