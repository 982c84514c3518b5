//! [`Target`]: where the runs go, what they sign with, and how requests
//! reach it ([`Transport`]: the HTTP client with its TLS roots and proxies,
//! or a service in this process), at what rate, with what retries.
//!
//! HTTPS goes through rustls (the `ring` provider) with the system's CA
//! roots, read by reqwest's platform verifier, plus any `--ca-cert` PEM
//! file; a machine without system roots gets a clear error at start for an
//! `https://` target, and needs no roots at all for an `http://` one. The
//! standard proxy variables (`HTTP_PROXY`, `HTTPS_PROXY`, `ALL_PROXY`,
//! `NO_PROXY`, and their lowercase forms) are honoured; the embedded
//! emulator is reached in this process, without a socket.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use crate::check::Normaliser;
use crate::wire::credentials::Credentials;

use super::rate::RateLimit;
use super::retry::RetryPolicy;
use super::transport::{BuildClient, Http, Transport};

/// An endpoint that speaks the ECS RPC protocol.
#[derive(Clone, Debug)]
pub struct Target {
    /// `http://127.0.0.1:8080`, without a trailing slash.
    pub base_url: String,
    /// The `host` header value (`127.0.0.1:8080`), signed by V3.
    pub host: String,
    pub region: String,
    /// Credentials per fixture account name (`default`, `no-balance`, …).
    pub accounts: BTreeMap<String, Credentials>,
    /// Account name → why it has no credentials here (its runs are ignored
    /// with this reason).
    pub unbound_accounts: BTreeMap<String, String>,
    /// Fixture reference (`snapshot.system`) → the target's resource id.
    pub bindings: BTreeMap<String, String>,
    pub transport: Transport,
    pub request_timeout: Duration,
    pub rate: RateLimit,
    pub retry: RetryPolicy,
    /// A normaliser that knows every fixture id, built on first use.
    fixture_normaliser: OnceLock<Normaliser>,
}

/// How the HTTP client is set up.
#[derive(Clone, Debug)]
pub struct Connection {
    /// Per request, answer body included.
    pub request_timeout: Duration,
    /// A PEM file of CA certificates trusted beside the system's.
    pub ca_cert: Option<PathBuf>,
    pub rate: RateLimit,
    pub retry: RetryPolicy,
}

impl Default for Connection {
    fn default() -> Connection {
        Connection {
            request_timeout: Duration::from_secs(10),
            ca_cert: None,
            rate: RateLimit::unlimited(),
            retry: RetryPolicy::default(),
        }
    }
}

/// The largest answer body the harness reads; a larger one fails the run.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

impl Target {
    /// A target at `url` with an HTTP client that never follows redirects and
    /// gives up on a request after the connection's timeout.
    pub fn new(
        url: &str,
        region: &str,
        accounts: BTreeMap<String, Credentials>,
        bindings: BTreeMap<String, String>,
        connection: &Connection,
    ) -> Result<Target, String> {
        let (scheme, _) = scheme_and_host(url)?;
        let https = scheme == "https";
        let pooled = client(https, connection, Reuse::KeepAlive)?;
        let fresh_connection = connection.clone();
        let fresh: BuildClient = Arc::new(move || client(https, &fresh_connection, Reuse::Never));
        Target::with_transport(
            url,
            region,
            accounts,
            bindings,
            Transport::Http(Http::new(pooled, fresh)),
            connection,
        )
    }

    /// A target reached through `transport`; `url` names the `host` header
    /// its requests carry.
    pub fn with_transport(
        url: &str,
        region: &str,
        accounts: BTreeMap<String, Credentials>,
        bindings: BTreeMap<String, String>,
        transport: Transport,
        connection: &Connection,
    ) -> Result<Target, String> {
        let (_, host) = scheme_and_host(url)?;
        Ok(Target {
            base_url: url.trim_end_matches('/').to_string(),
            host,
            region: region.to_string(),
            accounts,
            unbound_accounts: BTreeMap::new(),
            bindings,
            transport,
            request_timeout: connection.request_timeout,
            rate: connection.rate.clone(),
            retry: connection.retry,
            fixture_normaliser: OnceLock::new(),
        })
    }

    /// A normaliser that replaces each bound fixture id by
    /// `<fixture:REFERENCE>`; each run clones it (cheaply) and adds its own
    /// values. Built once, from the bindings as they are at first use.
    pub fn fixture_normaliser(&self) -> &Normaliser {
        self.fixture_normaliser.get_or_init(|| {
            let mut normaliser = Normaliser::new();
            for (reference, id) in &self.bindings {
                normaliser.add_literal(id, &format!("fixture:{reference}"));
            }
            normaliser
        })
    }

    /// `text` with every account's secret and security token masked, as
    /// sent, percent-encoded once, and twice (inside a string to sign).
    pub fn redact(&self, text: &str) -> String {
        let mut out = text.to_owned();
        for credentials in self.accounts.values() {
            let secrets = [
                Some(("access-key-secret", &credentials.access_key_secret)),
                credentials
                    .security_token
                    .as_ref()
                    .map(|t| ("security-token", t)),
            ];
            for (label, secret) in secrets.into_iter().flatten() {
                if secret.len() < 4 {
                    continue;
                }
                let once = crate::wire::percent::encode(secret);
                let twice = crate::wire::percent::encode(&once);
                for form in [twice, once, secret.clone()] {
                    out = out.replace(&form, &format!("<{label}>"));
                }
            }
        }
        out
    }
}

/// The scheme (`http` or `https`) and the `host` header value of `url`.
fn scheme_and_host(url: &str) -> Result<(String, String), String> {
    let parsed =
        reqwest::Url::parse(url).map_err(|e| format!("invalid target URL `{url}`: {e}"))?;
    if !matches!(parsed.scheme(), "http" | "https") {
        return Err(format!(
            "invalid target URL `{url}`: the scheme must be http or https"
        ));
    }
    let host = match (parsed.host_str(), parsed.port()) {
        (Some(h), Some(p)) => format!("{h}:{p}"),
        (Some(h), None) => h.to_string(),
        (None, _) => return Err(format!("invalid target URL `{url}`: no host")),
    };
    Ok((parsed.scheme().to_string(), host))
}

/// Whether a client keeps its connections for later requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Reuse {
    KeepAlive,
    /// A new connection for every request, closed after it.
    Never,
}

fn client(https: bool, connection: &Connection, reuse: Reuse) -> Result<reqwest::Client, String> {
    // HTTPS uses rustls with the `ring` provider; installing it twice is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let mut builder = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .timeout(connection.request_timeout)
        .connect_timeout(connection.request_timeout);
    if reuse == Reuse::Never {
        builder = builder.pool_max_idle_per_host(0);
    }
    if https {
        if let Some(path) = &connection.ca_cert {
            builder = builder.tls_certs_merge(ca_certificates(path)?);
        }
    } else {
        // Plain HTTP never verifies a certificate: a TLS setup without roots
        // keeps a machine without system CA certificates usable.
        builder = builder.tls_backend_preconfigured(plain_http_tls()?);
    }
    builder.build().map_err(|e| {
        let cause = root_cause(&e);
        if https {
            format!(
                "cannot set up TLS: {cause} (give --ca-cert FILE, or point SSL_CERT_FILE at a CA bundle)"
            )
        } else {
            format!("cannot build the HTTP client: {cause}")
        }
    })
}

/// Every certificate in a PEM file; an error if there is none.
fn ca_certificates(path: &PathBuf) -> Result<Vec<reqwest::Certificate>, String> {
    let shown = path.display();
    let pem =
        std::fs::read(path).map_err(|e| format!("cannot read the CA certificate {shown}: {e}"))?;
    let certificates = reqwest::Certificate::from_pem_bundle(&pem)
        .map_err(|e| format!("cannot read the CA certificate {shown}: {}", root_cause(&e)))?;
    if certificates.is_empty() {
        return Err(format!(
            "cannot read the CA certificate {shown}: no PEM certificate in it"
        ));
    }
    Ok(certificates)
}

fn plain_http_tls() -> Result<rustls::ClientConfig, String> {
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    Ok(rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| format!("cannot build the HTTP client: {e}"))?
        .with_root_certificates(rustls::RootCertStore::empty())
        .with_no_client_auth())
}

/// The innermost cause, which names the fault (`Connection refused`,
/// `invalid peer certificate: UnknownIssuer`, …).
pub fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn target(url: &str, connection: &Connection) -> Result<Target, String> {
        Target::new(url, "r", BTreeMap::new(), BTreeMap::new(), connection)
    }

    #[test]
    fn an_https_target_loads_the_system_roots() {
        // The platform verifier refuses to start without system roots; this
        // machine has them, so the client builds.
        target("https://ecs.example.invalid", &Connection::default()).unwrap();
    }

    #[test]
    fn an_http_target_needs_no_ca_roots() {
        target("http://127.0.0.1:1", &Connection::default()).unwrap();
    }

    #[test]
    fn a_ca_cert_file_that_is_not_pem_is_a_clear_error() {
        let path = std::env::temp_dir().join(format!("cic-not-pem-{}", std::process::id()));
        std::fs::write(&path, "hello").unwrap();
        let connection = Connection {
            ca_cert: Some(path.clone()),
            ..Connection::default()
        };
        let err = target("https://x.invalid", &connection).unwrap_err();
        assert!(err.starts_with("cannot read the CA certificate"), "{err}");
        let _ = std::fs::remove_file(path);
    }

    #[test]
    fn redact_masks_secrets_and_tokens_in_every_encoding() {
        let mut t = target("http://127.0.0.1:1", &Connection::default()).unwrap();
        t.accounts.insert(
            "default".into(),
            Credentials {
                access_key_id: "id-1".into(),
                access_key_secret: "sec/ret".into(),
                security_token: Some("tok+en/=".into()),
            },
        );
        let text = "a tok+en/= b tok%2Ben%2F%3D c tok%252Ben%252F%253D d sec/ret id-1";
        let shown = t.redact(text);
        assert_eq!(
            shown,
            "a <security-token> b <security-token> c <security-token> d <access-key-secret> id-1"
        );
    }
}
