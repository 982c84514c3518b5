//! [`Target`]: where the runs go and what they sign with.

use std::collections::BTreeMap;
use std::time::Duration;

use crate::wire::credentials::Credentials;

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
    /// Fixture reference (`snapshot.system`) → the target's resource id.
    pub bindings: BTreeMap<String, String>,
    pub client: reqwest::Client,
    pub request_timeout: Duration,
}

/// The largest answer body the harness reads; a larger one fails the run.
pub const MAX_BODY_BYTES: usize = 1024 * 1024;

impl Target {
    /// A target at `url` with an HTTP client that never follows redirects and
    /// gives up on a request after `request_timeout`.
    pub fn new(
        url: &str,
        region: &str,
        accounts: BTreeMap<String, Credentials>,
        bindings: BTreeMap<String, String>,
        request_timeout: Duration,
    ) -> Result<Target, String> {
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
        // HTTPS uses rustls with the `ring` provider; installing it twice is harmless.
        let _ = rustls::crypto::ring::default_provider().install_default();
        let client = reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .timeout(request_timeout)
            .connect_timeout(request_timeout)
            .build()
            .map_err(|e| format!("cannot build the HTTP client: {e}"))?;
        Ok(Target {
            base_url: url.trim_end_matches('/').to_string(),
            host,
            region: region.to_string(),
            accounts,
            bindings,
            client,
            request_timeout,
        })
    }
}
