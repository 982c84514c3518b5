//! Sends one signed request and reads its answer, within the request timeout
//! and the body-size cap. Every way a target can misbehave becomes a one-line
//! reason, never a panic or a hang: refused or reset connections, silence
//! and trickles (timed out), a redirect (never followed), a body over
//! [`MAX_BODY_BYTES`] (reading stops at the cap), a body that is not UTF-8,
//! JSON or XML, and a content type that is not the one the request's
//! `Format` asked for.

use crate::check::Observed;
use crate::wire::credentials::Credentials;
use crate::wire::request::{PreparedRequest, RequestSpec, Tampering, prepare_tampered};
use crate::wire::{Format, WireStyle, decode};

use super::target::{MAX_BODY_BYTES, Target};

/// One request as the runner means to send it, before signing.
#[derive(Clone, Debug)]
pub struct Outgoing {
    pub credentials: Credentials,
    pub style: WireStyle,
    pub format: Format,
    pub params: Vec<(String, String)>,
    pub nonce: String,
    pub timestamp: String,
    pub tampering: Tampering,
}

/// Signs `outgoing` as `CreateImage` and sends it; the answer, or why there
/// is none.
pub async fn send(target: &Target, outgoing: &Outgoing) -> Result<Observed, String> {
    let prepared = prepare_tampered(
        &RequestSpec {
            style: outgoing.style,
            host: &target.host,
            action: "CreateImage",
            format: Some(outgoing.format),
            params: &outgoing.params,
            credentials: &outgoing.credentials,
            nonce: &outgoing.nonce,
            timestamp: &outgoing.timestamp,
        },
        &outgoing.tampering,
    );
    // A request that leaves `Format` out gets the target's default format.
    let asked = [&outgoing.tampering.without, &outgoing.tampering.strip]
        .iter()
        .all(|names| !names.iter().any(|n| n.eq_ignore_ascii_case("Format")))
        .then_some(outgoing.format);
    match tokio::time::timeout(target.request_timeout, transmit(target, &prepared, asked)).await {
        Ok(answer) => answer,
        Err(_) => Err(format!(
            "timed out after {} s waiting for the answer",
            target.request_timeout.as_secs_f64()
        )),
    }
}

async fn transmit(
    target: &Target,
    prepared: &PreparedRequest,
    asked: Option<Format>,
) -> Result<Observed, String> {
    let method = reqwest::Method::from_bytes(prepared.method.as_bytes())
        .map_err(|e| format!("bad method: {e}"))?;
    let url = format!("{}{}", target.base_url, prepared.path_and_query);
    let mut request = target.client.request(method, url);
    for (name, value) in &prepared.headers {
        request = request.header(name.as_str(), value.as_str());
    }
    if !prepared.body.is_empty() {
        request = request.body(prepared.body.clone());
    }
    let mut response = request
        .send()
        .await
        .map_err(|e| transport_reason(&e, target))?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(reqwest::header::CONTENT_TYPE)
        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
    if response.status().is_redirection() {
        let location = response
            .headers()
            .get(reqwest::header::LOCATION)
            .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned());
        return Err(format!(
            "redirected with status {status} to `{}`; a target must answer, the harness does not follow redirects",
            location.as_deref().unwrap_or("nowhere")
        ));
    }
    if let Some(length) = response.content_length()
        && length > MAX_BODY_BYTES as u64
    {
        return Err(format!(
            "answer body of {length} bytes exceeds the {} limit (status {status}); not read",
            body_limit()
        ));
    }
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_BODY_BYTES {
                    return Err(format!(
                        "answer body exceeds the {} limit (status {status}); stopped reading",
                        body_limit()
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => break,
            Err(e) if e.is_timeout() => {
                return Err(format!(
                    "timed out after {} s while reading the body, {} bytes received (status {status})",
                    target.request_timeout.as_secs_f64(),
                    body.len()
                ));
            }
            Err(e) => {
                return Err(format!(
                    "connection failed while reading the body after {} bytes (status {status}): {}",
                    body.len(),
                    root_cause(&e)
                ));
            }
        }
    }
    let decoded = decode::decode(content_type.as_deref(), &body).map_err(|e| {
        format!(
            "cannot decode the answer (status {status}, content type {}): {e}",
            content_type.as_deref().unwrap_or("none")
        )
    })?;
    if let Some(format) = asked
        && !content_type_matches(content_type.as_deref(), format)
    {
        return Err(format!(
            "content type `{}` does not match the requested Format={} (status {status})",
            content_type.as_deref().unwrap_or("none"),
            format.param_value()
        ));
    }
    Ok(Observed {
        status,
        content_type,
        body: decoded,
    })
}

/// `MAX_BODY_BYTES` for people: `1 MiB`.
fn body_limit() -> String {
    format!("{} MiB", MAX_BODY_BYTES / (1024 * 1024))
}

/// Whether `content_type` is a media type of `format`: `application/json`,
/// `text/json` or `…+json` for JSON; `text/xml`, `application/xml` or
/// `…+xml` for XML (parameters such as `;charset=utf-8` ignored).
fn content_type_matches(content_type: Option<&str>, format: Format) -> bool {
    let Some(content_type) = content_type else {
        return false;
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    match format {
        Format::Json => {
            matches!(essence.as_str(), "application/json" | "text/json")
                || essence.ends_with("+json")
        }
        Format::Xml => {
            matches!(essence.as_str(), "text/xml" | "application/xml") || essence.ends_with("+xml")
        }
    }
}

fn transport_reason(error: &reqwest::Error, target: &Target) -> String {
    if error.is_timeout() {
        format!(
            "timed out after {} s waiting for the answer",
            target.request_timeout.as_secs_f64()
        )
    } else if error.is_connect() {
        format!(
            "cannot connect to {}: {}",
            target.base_url,
            root_cause(error)
        )
    } else {
        format!("request failed: {}", root_cause(error))
    }
}

/// The innermost cause, which names the fault (`Connection refused`, …).
fn root_cause(error: &(dyn std::error::Error + 'static)) -> String {
    let mut current = error;
    while let Some(next) = current.source() {
        current = next;
    }
    current.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_type_must_be_the_one_format_asked_for() {
        assert!(content_type_matches(
            Some("application/json;charset=utf-8"),
            Format::Json
        ));
        assert!(content_type_matches(
            Some("text/xml;charset=utf-8"),
            Format::Xml
        ));
        assert!(content_type_matches(Some("Application/XML"), Format::Xml));
        assert!(!content_type_matches(Some("text/xml"), Format::Json));
        assert!(!content_type_matches(Some("text/plain"), Format::Json));
        assert!(!content_type_matches(None, Format::Xml));
    }

    #[test]
    fn the_body_limit_reads_in_mebibytes() {
        assert_eq!(body_limit(), "1 MiB");
    }
}
