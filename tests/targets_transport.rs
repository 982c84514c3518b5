//! Reaching a real target: HTTPS with a private CA (`--ca-cert`), STS
//! tokens from a profile (sent, never printed), and the standard proxy
//! variables. Every server here is on loopback and written in the test.

mod common;
mod targets_support;

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};

use common::*;
use createimage_contract::contract::Rules;
use createimage_contract::emulator::{self, RunningEmulator};
use createimage_contract::fixtures::Manifest;
use rustls::pki_types::{PrivateKeyDer, PrivatePkcs8KeyDer};
use targets_support::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

async fn start_emulator() -> RunningEmulator {
    emulator::start(
        "127.0.0.1:0".parse().unwrap(),
        &Manifest::builtin(),
        Rules::reference(),
        None,
    )
    .await
    .unwrap()
}

/// A TLS endpoint for `localhost` with a fresh self-signed certificate, in
/// front of `upstream`; returns its port and the certificate's PEM.
async fn tls_front(upstream: SocketAddr) -> (u16, String) {
    let certified = rcgen::generate_simple_self_signed(vec!["localhost".to_owned()]).unwrap();
    let key = PrivateKeyDer::Pkcs8(PrivatePkcs8KeyDer::from(
        certified.signing_key.serialize_der(),
    ));
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(vec![certified.cert.der().clone()], key)
    .unwrap();
    let acceptor = tokio_rustls::TlsAcceptor::from(Arc::new(config));
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let port = listener.local_addr().unwrap().port();
    tokio::spawn(async move {
        while let Ok((tcp, _)) = listener.accept().await {
            let acceptor = acceptor.clone();
            tokio::spawn(async move {
                let Ok(mut tls) = acceptor.accept(tcp).await else {
                    return;
                };
                let Ok(mut plain) = TcpStream::connect(upstream).await else {
                    return;
                };
                let _ = tokio::io::copy_bidirectional(&mut tls, &mut plain).await;
            });
        }
    });
    (port, certified.cert.pem())
}

#[tokio::test(flavor = "multi_thread")]
async fn https_with_a_private_ca_passes_with_ca_cert_and_is_not_judged_with_a_certificate_reason_without()
 {
    let running = start_emulator().await;
    let (port, pem) = tls_front(running.addr).await;
    let dir = temp_dir("tls");
    let cert = dir.join("cert.pem");
    std::fs::write(&cert, pem).unwrap();
    let target = format!("https://localhost:{port}");
    let subset = ["--formats", "json", "--snapshots", "off", "source"];

    let mut command = binary();
    command
        .args(["run", "--target", &target, "--ca-cert"])
        .arg(&cert)
        .args(subset);
    let out = output(command).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    assert!(stdout.contains(" 0 failed;"), "{stdout}");
    assert!(!stdout.contains(" 0 passed;"), "{stdout}");

    // Without the CA no run reaches the target: each is not judged, with
    // the certificate's reason (every run is sent: --keep-going).
    let mut command = binary();
    command
        .args(["run", "--target", &target, "--keep-going"])
        .args(subset);
    let out = output(command).await;
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    let runs = stdout
        .lines()
        .filter(|l| l.starts_with("test ") && !l.starts_with("test result"))
        .count();
    let reasons: Vec<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("not judged: "))
        .collect();
    assert!(runs > 0 && reasons.len() == runs, "{stdout}");
    for reason in reasons {
        assert!(
            reason.contains("invalid peer certificate: UnknownIssuer")
                && reason.contains("--ca-cert"),
            "{reason}"
        );
    }
    running.shutdown().await;
}

#[tokio::test(flavor = "multi_thread")]
async fn a_profiles_security_token_is_sent_with_every_request_and_never_printed() {
    const TOKEN: &str = "CAIS+sts/t0ken=value";
    // Echo the raw request back as the message when asked to, the way a
    // gateway quotes its string to sign.
    let (addr, seen) = capturing_server(|_, request| {
        if request.param("Description").as_deref() == Some("echo")
            || request.uri.contains("Description=echo")
        {
            let message = format!("{} {}", request.uri, request.body).replace('"', "'");
            (
                400,
                format!(
                    r#"{{"RequestId":"C8B26B44-0189-443E-9816-D951F59623A9","Code":"SignatureDoesNotMatch","Message":"{message}"}}"#
                ),
            )
        } else {
            (200, CREATED.to_owned())
        }
    })
    .await;
    let mut cases = creating_cases(1);
    cases.push_str("  - id: targets.echo\n    rule: Source.snapshot\n    snapshot: false\n    request:\n      SnapshotId: \"{{fixture.snapshot.system}}\"\n      Description: echo\n    expect:\n      status: 400\n      message: not what the server says\n");
    let dir = case_dir("sts", &[("targets.yaml", &cases)]);
    let profile = dir.join("profile.sts.yaml");
    std::fs::write(
        &profile,
        "accounts:\n  default:\n    access_key_id_env: CIC_TEST_ID\n    access_key_secret_env: CIC_TEST_SECRET\n    security_token_env: CIC_TEST_TOKEN\nfixtures_from_manifest: true\n",
    )
    .unwrap();
    let mut command = binary();
    command
        .args(["run", "--cases"])
        .arg(&dir)
        .arg("--profile")
        .arg(&profile)
        .args(["--target", &format!("http://{addr}")])
        .args([
            "--wire",
            "v1-get,v1-post-form,v3",
            "--snapshots",
            "off",
            "targets.",
        ])
        .env("CIC_TEST_ID", "sts-key-id")
        .env("CIC_TEST_SECRET", "sts-key-secret")
        .env("CIC_TEST_TOKEN", TOKEN);
    let out = output(command).await;
    let shown = shown(&out);
    // The echo case fails on purpose: its failure quotes the request.
    assert_eq!(out.status.code(), Some(1), "{shown}");
    assert!(shown.contains("targets.echo::json::v1-get"), "{shown}");
    assert!(shown.contains("<security-token>"), "{shown}");
    let encoded = "CAIS%2Bsts%2Ft0ken%3Dvalue";
    for form in [TOKEN, encoded, "CAIS%252Bsts", "sts-key-secret"] {
        assert!(!shown.contains(form), "`{form}` printed:\n{shown}");
    }

    let seen = seen.lock().unwrap();
    assert_eq!(
        seen.len(),
        2 * 2 * 3,
        "two cases × two formats × three styles"
    );
    for request in seen.iter() {
        match request.header("authorization") {
            Some(auth) => {
                assert!(auth.contains("Credential=sts-key-id"), "{auth}");
                assert_eq!(request.header("x-acs-security-token"), Some(TOKEN));
            }
            None => {
                assert_eq!(request.param("AccessKeyId").as_deref(), Some("sts-key-id"));
                assert_eq!(request.param("SecurityToken").as_deref(), Some(encoded));
            }
        }
    }
}

/// A forward proxy for plain HTTP: records each connection's first request
/// line (absolute URI) and passes the bytes on to `upstream`, whatever host
/// the request names.
async fn http_proxy(upstream: SocketAddr) -> (SocketAddr, Arc<Mutex<Vec<String>>>) {
    let lines: Arc<Mutex<Vec<String>>> = Arc::default();
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    let seen = lines.clone();
    tokio::spawn(async move {
        while let Ok((mut client, _)) = listener.accept().await {
            let seen = seen.clone();
            tokio::spawn(async move {
                let mut head = Vec::new();
                let mut buf = [0u8; 4096];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match client.read(&mut buf).await {
                        Ok(0) | Err(_) => return,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                let first = String::from_utf8_lossy(&head);
                let first = first.lines().next().unwrap_or_default().to_owned();
                seen.lock().unwrap().push(first);
                let Ok(mut server) = TcpStream::connect(upstream).await else {
                    return;
                };
                if server.write_all(&head).await.is_err() {
                    return;
                }
                let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
            });
        }
    });
    (addr, lines)
}

#[tokio::test(flavor = "multi_thread")]
async fn requests_go_through_the_proxy_named_by_http_proxy() {
    let running = start_emulator().await;
    let (proxy, lines) = http_proxy(running.addr).await;
    // A host name that never resolves: only the proxy can reach it.
    let target = format!("http://emulator.invalid:{}", running.addr.port());
    let subset = ["--formats", "json", "--snapshots", "off", "source"];

    let mut command = binary();
    command
        .args(["run", "--target", &target])
        .args(subset)
        .env("HTTP_PROXY", format!("http://{proxy}"));
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(0), "{}", shown(&out));
    let lines = lines.lock().unwrap().clone();
    assert!(!lines.is_empty());
    for line in &lines {
        assert!(
            line.starts_with(&format!("GET {target}/"))
                || line.starts_with(&format!("POST {target}/")),
            "not an absolute-URI request: {line}"
        );
    }

    let mut command = binary();
    command
        .args(["run", "--target", &target, "--timeout", "5"])
        .args(subset);
    let out = output(command).await;
    assert_eq!(out.status.code(), Some(1), "{}", shown(&out));
    running.shutdown().await;
}
