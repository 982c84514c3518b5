//! Shared by the `report_*` tests: the command, temporary directories, the
//! reference emulator as a child process, and a fake target whose answers a
//! test chooses.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use createimage_contract::report::{Report, json};

pub fn binary() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_createimage-contract"));
    command
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .env("CI", "1")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_ID")
        .env_remove("ALIBABA_CLOUD_ACCESS_KEY_SECRET")
        .env_remove("ALIBABA_CLOUD_SECURITY_TOKEN")
        .env_remove("CREATEIMAGE_CONTRACT_AGAINST_ACCESS_KEY_ID")
        .env_remove("CREATEIMAGE_CONTRACT_AGAINST_ACCESS_KEY_SECRET")
        .stdin(Stdio::null());
    command
}

pub fn run(args: &[&str]) -> Output {
    binary().args(args).output().expect("the binary starts")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// Both output streams, for assertion messages.
pub fn shown(out: &Output) -> String {
    format!(
        "exit {:?}\n--- stdout\n{}\n--- stderr\n{}",
        out.status.code(),
        text(&out.stdout),
        text(&out.stderr)
    )
}

pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("cic-report-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 temporary path")
}

pub fn read_report(path: &Path) -> Report {
    json::read(path).unwrap_or_else(|e| panic!("{e}"))
}

/// `serve --listen 127.0.0.1:0 [--mutant NAME]` as a child, and its URL.
pub struct Served {
    pub child: Child,
    pub url: String,
}

impl Served {
    pub fn start(mutant: Option<&str>) -> Served {
        let mut command = binary();
        command.args(["serve", "--listen", "127.0.0.1:0"]);
        if let Some(mutant) = mutant {
            command.args(["--mutant", mutant]);
        }
        let mut child = command
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().trim_start_matches("listening on ").to_string();
        assert!(url.starts_with("http://127.0.0.1:"), "{line}");
        Served { child, url }
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What the fake target does with one request: answer with a status and a
/// JSON body, or hold the connection open without answering.
pub enum Reply {
    Json(u16, String),
    Hang,
}

/// A loopback HTTP server that hands every request's head (request line and
/// headers) to a closure and sends what it says. Every answer closes its
/// connection.
pub struct FakeTarget {
    pub url: String,
    /// Every request head received, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
}

impl FakeTarget {
    pub fn start(reply: impl Fn(&str, usize) -> Reply + Send + Sync + 'static) -> FakeTarget {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let reply = Arc::new(reply);
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(stream) = stream else { continue };
                let seen = seen.clone();
                let reply = reply.clone();
                std::thread::spawn(move || serve_one(stream, &seen, &*reply));
            }
        });
        FakeTarget { url, requests }
    }
}

fn serve_one(
    mut stream: TcpStream,
    seen: &Mutex<Vec<String>>,
    reply: &dyn Fn(&str, usize) -> Reply,
) {
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut byte = [0u8; 1];
    while !head.ends_with(b"\r\n\r\n") {
        match stream.read(&mut byte) {
            Ok(1) => head.push(byte[0]),
            _ => return,
        }
    }
    let head = String::from_utf8_lossy(&head).into_owned();
    let length: usize = head
        .lines()
        .find_map(|l| {
            let (name, value) = l.split_once(':')?;
            name.eq_ignore_ascii_case("content-length")
                .then(|| value.trim().parse().ok())?
        })
        .unwrap_or(0);
    let mut body = vec![0u8; length];
    let _ = stream.read_exact(&mut body);
    let index = {
        let mut seen = seen.lock().unwrap();
        seen.push(head.clone());
        seen.len() - 1
    };
    match reply(&head, index) {
        Reply::Json(status, body) => {
            let _ = write!(
                stream,
                "HTTP/1.1 {status} X\r\nContent-Type: application/json;charset=utf-8\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        Reply::Hang => std::thread::sleep(Duration::from_secs(120)),
    }
}
