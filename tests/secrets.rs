//! The access key secret, and every signature made with it, stay on the
//! wire: the whole suite (every request style, both formats) is replayed
//! against `serve` seeded with a random secret, through a recording proxy
//! that collects the signatures actually sent, and neither the secret nor
//! any signature appears in stdout, stderr, a recorded snapshot or a
//! pending `.snap.new` file.
//!
//! A failed run shows the request each failing step sent: the STS cases,
//! signed with a random secret and security token the target does not
//! know, fail on every request style, and neither the secret, nor the
//! token, nor a signature appears in their console output or in any
//! report (JSON, JUnit, HTML, Markdown).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::{Arc, Mutex};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

use common::{Served, temp_dir};

const DEFAULT_SECRET: &str = "access_key_secret: emulator-default-secret";

/// The binary outside CI, so that pending `.snap.new` files are written too.
fn binary() -> Command {
    let mut command = common::binary();
    command.env_remove("CI");
    command
}

/// A TCP proxy on a loopback port that forwards to `upstream` and keeps a
/// copy of every byte the client sent.
fn recording_proxy(upstream: &str) -> (String, Arc<Mutex<Vec<u8>>>) {
    let upstream = upstream.trim_start_matches("http://").to_string();
    let sent = Arc::new(Mutex::new(Vec::new()));
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let record = sent.clone();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .unwrap();
        runtime.block_on(async move {
            let listener = TcpListener::from_std(listener).unwrap();
            while let Ok((client, _)) = listener.accept().await {
                let upstream = upstream.clone();
                let record = record.clone();
                tokio::spawn(async move {
                    let Ok(server) = TcpStream::connect(&upstream).await else {
                        return;
                    };
                    let (mut client_read, mut client_write) = client.into_split();
                    let (mut server_read, mut server_write) = server.into_split();
                    let up = async move {
                        let mut buffer = vec![0u8; 16 * 1024];
                        while let Ok(n) = client_read.read(&mut buffer).await {
                            if n == 0 {
                                break;
                            }
                            record.lock().unwrap().extend_from_slice(&buffer[..n]);
                            if server_write.write_all(&buffer[..n]).await.is_err() {
                                break;
                            }
                        }
                        let _ = server_write.shutdown().await;
                    };
                    let down = async move {
                        let _ = tokio::io::copy(&mut server_read, &mut client_write).await;
                        let _ = client_write.shutdown().await;
                    };
                    tokio::join!(up, down);
                });
            }
        });
    });
    (url, sent)
}

/// Every V1 `Signature` parameter (as sent and percent-decoded) and every
/// V3 `Signature=` of an `Authorization` header in the recorded traffic.
fn signatures(traffic: &str) -> Vec<String> {
    let v1 = regex::Regex::new(r"(?:^|[?&\s])Signature=([A-Za-z0-9%+/=]+)").unwrap();
    let v3 =
        regex::Regex::new(r"(?i)authorization: ACS3-HMAC-SHA256 [^\r\n]*Signature=([0-9a-f]+)")
            .unwrap();
    let mut found = Vec::new();
    for capture in v1.captures_iter(traffic).chain(v3.captures_iter(traffic)) {
        let raw = capture[1].to_string();
        let decoded = raw
            .replace("%2B", "+")
            .replace("%2F", "/")
            .replace("%3D", "=");
        found.push(decoded);
        found.push(raw);
    }
    found.sort();
    found.dedup();
    found
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            files.extend(files_under(&path));
        } else {
            files.push(path);
        }
    }
    files
}

#[test]
fn the_secret_and_its_signatures_appear_in_no_output_snapshot_or_pending_file() {
    let secret = format!("known-{}", uuid::Uuid::new_v4().simple());
    let dir = temp_dir("run");
    let manifest_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/fixtures.yaml"))
            .unwrap();
    assert!(manifest_text.contains(DEFAULT_SECRET));
    let manifest = dir.join("fixtures.yaml");
    std::fs::write(
        &manifest,
        manifest_text.replacen(DEFAULT_SECRET, &format!("access_key_secret: {secret}"), 1),
    )
    .unwrap();
    let server = Served::start_with(binary(), &["--fixtures", common::path_str(&manifest)]);
    let (url, traffic) = recording_proxy(&server.url);

    // Recorded snapshots (into an empty directory: the target's own set),
    // then pending ones (checking against an empty own set, outside CI).
    let recorded = dir.join("recorded");
    let pending = dir.join("pending");
    let mut outputs = Vec::new();
    // Every request style signs once; pending files do not depend on it.
    for (mode, snapshots, wire) in [("update", &recorded, "all"), ("check", &pending, "v1-get")] {
        std::fs::create_dir_all(snapshots).unwrap();
        let out = binary()
            .args([
                "run",
                "--target",
                &url,
                "--access-key-id",
                "emulator-default-key",
                "--access-key-secret",
                &secret,
                "--wire",
                wire,
                "--snapshots",
                mode,
                "--snapshot-dir",
            ])
            .arg(snapshots)
            .output()
            .unwrap();
        outputs.push((
            format!("stdout of --snapshots {mode}"),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        ));
        outputs.push((
            format!("stderr of --snapshots {mode}"),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ));
    }
    drop(server);

    let traffic = String::from_utf8_lossy(&traffic.lock().unwrap()).into_owned();
    let signatures = signatures(&traffic);
    assert!(
        signatures.len() > 100,
        "the proxy saw the signatures: {}",
        signatures.len()
    );
    let recorded_files = files_under(&recorded);
    let pending_files = files_under(&pending);
    assert!(
        recorded_files
            .iter()
            .any(|p| p.extension().is_some_and(|e| e == "snap")),
        "snapshots were recorded"
    );
    assert!(
        pending_files
            .iter()
            .any(|p| p.to_string_lossy().ends_with(".snap.new")),
        "pending snapshots were written"
    );
    for file in recorded_files.iter().chain(&pending_files) {
        outputs.push((
            file.display().to_string(),
            std::fs::read_to_string(file).unwrap(),
        ));
    }
    // Thousands of signatures in well over a thousand texts: one pass per
    // text finds any of them.
    let signature_finder = aho_corasick::AhoCorasick::new(&signatures).unwrap();
    for (place, text) in &outputs {
        assert!(!text.contains(&secret), "the secret appears in {place}");
        if let Some(found) = signature_finder.find(text.as_str()) {
            panic!(
                "the signature {} appears in {place}",
                &text[found.start()..found.end()]
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_failed_run_shows_its_request_without_the_secret_the_security_token_or_a_signature() {
    let secret = format!("sts-secret-{}", uuid::Uuid::new_v4().simple());
    let token = format!("sts-token-{}", uuid::Uuid::new_v4().simple());
    let dir = temp_dir("failed-requests");
    let manifest_text =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("cases/fixtures.yaml"))
            .unwrap();
    for known in [
        "access_key_secret: emulator-sts-secret",
        "security_token: emulator-sts-security-token-0001",
    ] {
        assert!(manifest_text.contains(known), "{known}");
    }
    let manifest = dir.join("fixtures.yaml");
    std::fs::write(
        &manifest,
        manifest_text
            .replacen(
                "access_key_secret: emulator-sts-secret",
                &format!("access_key_secret: {secret}"),
                1,
            )
            .replacen(
                "security_token: emulator-sts-security-token-0001",
                &format!("security_token: {token}"),
                1,
            ),
    )
    .unwrap();
    // The target knows the manifest's own keys: the STS account's requests,
    // signed with the random secret and token, are refused.
    let server = Served::start_with(binary(), &[]);
    let (url, traffic) = recording_proxy(&server.url);
    let reports = ["report.json", "report.xml", "report.html", "summary.md"];
    let out = binary()
        .current_dir(&dir)
        .args(["run", "--target", &url, "--fixtures"])
        .arg(&manifest)
        .arg("--cases")
        .arg(Path::new(env!("CARGO_MANIFEST_DIR")).join("cases"))
        .args(["--wire", "all", "--snapshots", "off"])
        .args(["--json", reports[0], "--junit", reports[1]])
        .args(["--html", reports[2], "--markdown", reports[3]])
        .arg("gateway.sts-")
        .output()
        .unwrap();
    drop(server);
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert_eq!(
        out.status.code(),
        Some(1),
        "{stdout}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.contains("request (step `request`), as sent:"),
        "a failed run shows its request: {stdout}"
    );
    assert!(
        stdout.contains("x-acs-security-token: <redacted>")
            && stdout.contains("SecurityToken=<redacted>"),
        "the token is shown redacted, in the V3 header and the V1 parameter: {stdout}"
    );
    let mut outputs = vec![
        ("stdout".to_string(), stdout),
        (
            "stderr".to_string(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        ),
    ];
    for report in reports {
        let text = std::fs::read_to_string(dir.join(report)).unwrap();
        assert!(
            text.contains("as sent") || text.contains("\"requests\""),
            "{report} shows a request"
        );
        outputs.push((report.to_string(), text));
    }
    let traffic = String::from_utf8_lossy(&traffic.lock().unwrap()).into_owned();
    assert!(traffic.contains(&token), "the token went on the wire");
    let signatures = signatures(&traffic);
    assert!(!signatures.is_empty(), "the proxy saw the signatures");
    let encoded_token = token.replace('-', "%2D");
    for (place, text) in &outputs {
        for secret_text in [&secret, &token, &encoded_token] {
            assert!(
                !text.contains(secret_text.as_str()),
                "{secret_text} appears in {place}"
            );
        }
        for signature in &signatures {
            assert!(
                !text.contains(signature.as_str()),
                "the signature {signature} appears in {place}"
            );
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
}
