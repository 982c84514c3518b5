//! Shared by the `report_*` tests (beside `common`): reading a JSON report,
//! and a fake target whose answers a test chooses.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use createimage_contract::report::{Report, json};

pub fn read_report(path: &Path) -> Report {
    json::read(path).unwrap_or_else(|e| panic!("{e}"))
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
