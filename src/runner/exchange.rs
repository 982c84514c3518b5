//! Sends one signed request and reads its answer, within the request timeout
//! and the body-size cap. Every way a target can misbehave becomes a one-line
//! reason, never a panic or a hang: refused or reset connections, silence
//! and trickles (timed out), a redirect (never followed), a body over
//! [`MAX_BODY_BYTES`](super::target::MAX_BODY_BYTES) (reading stops at the cap; [`super::transport`]), a body that is not UTF-8,
//! JSON or XML, and a content type that names neither (whether it is the
//! one the request's `Format` asked for is the cases' `content_type`
//! expectation). [`NoAnswer`] keeps the two kinds apart: no complete answer
//! (transport), or an answer that is not an API answer (decode).
//!
//! Every attempt waits for the target's [`RateLimit`](super::rate::RateLimit);
//! a `400 Throttling` answer is re-sent (re-signed, fresh nonce) as the
//! [`RetryPolicy`](super::retry::RetryPolicy) allows; the image of every
//! successful `CreateImage` is recorded for `--cleanup`.

use crate::check::{Failure, Observed};
use crate::suite::{Expectation, Step};
use crate::wire::credentials::Credentials;
use crate::wire::request::{PreparedRequest, RequestSpec, Tampering, prepare_tampered};
use crate::wire::{Format, WireStyle, decode};

use super::retry::is_throttling;
use super::target::Target;
use super::transport::{RawAnswer, transmit};

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
    /// The nonce deliberately repeats an earlier step's: a retry keeps it.
    pub reused_nonce: bool,
}

impl Outgoing {
    /// The request as `prepare_tampered` builds it: `action` on `host`,
    /// signed and tampered with as this outgoing request says.
    pub fn prepared(&self, host: &str, action: &str) -> PreparedRequest {
        prepare_tampered(
            &RequestSpec {
                style: self.style,
                host,
                action,
                format: Some(self.format),
                params: &self.params,
                credentials: &self.credentials,
                nonce: &self.nonce,
                timestamp: &self.timestamp,
            },
            &self.tampering,
        )
    }
}

/// Why a request has no answer the checks can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    /// No complete answer was read: the connection was refused or reset,
    /// the target was silent, redirected, or sent more than the size cap.
    Transport(String),
    /// An answer came back, but its body is not JSON or XML as its content
    /// type says (or the content type names neither).
    Undecodable(String),
}

impl NoAnswer {
    /// The failure's `what`: `transport` or `decode`.
    pub fn what(&self) -> &'static str {
        match self {
            NoAnswer::Transport(_) => "transport",
            NoAnswer::Undecodable(_) => "decode",
        }
    }

    /// What the failure says was expected.
    pub fn expected(&self) -> &'static str {
        match self {
            NoAnswer::Transport(_) => "an answer",
            NoAnswer::Undecodable(_) => "a JSON or XML answer",
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            NoAnswer::Transport(reason) | NoAnswer::Undecodable(reason) => reason,
        }
    }

    /// The failure of `step` (labelled `label`): an undecodable answer
    /// breaks the step's `expect:` block and points at it, a missing one
    /// points at the step.
    pub fn failure(&self, label: &str, step: &Step) -> Failure {
        let expect_loc = match (self, &step.expect) {
            (NoAnswer::Transport(_), _) => None,
            (NoAnswer::Undecodable(_), Expectation::Single(expect)) => expect
                .content_type
                .as_ref()
                .map(|c| c.loc.clone())
                .or_else(|| expect.loc.clone()),
            (NoAnswer::Undecodable(_), Expectation::OneOf(readings)) => {
                readings.first().and_then(|r| r.expect.loc.clone())
            }
        };
        Failure::new(
            label,
            self.what(),
            self.expected(),
            self.reason(),
            Some(expect_loc.unwrap_or_else(|| step.loc.clone())),
        )
    }
}

impl std::fmt::Display for NoAnswer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.reason())
    }
}

/// Signs `outgoing` as `CreateImage` and sends it; the answer, or why there
/// is none.
pub async fn send(target: &Target, outgoing: &Outgoing) -> Result<Observed, NoAnswer> {
    call(target, "CreateImage", outgoing).await
}

/// Signs `outgoing` as `action` and sends it, pacing every attempt and
/// retrying a throttled one.
pub async fn call(
    target: &Target,
    action: &str,
    outgoing: &Outgoing,
) -> Result<Observed, NoAnswer> {
    let mut delays = target.retry.delays();
    let mut attempt = std::borrow::Cow::Borrowed(outgoing);
    loop {
        target.rate.wait().await;
        let observed = send_once(target, action, &attempt).await?;
        if !is_throttling(&observed) {
            return Ok(observed);
        }
        let Some(delay) = delays.next() else {
            return Ok(observed);
        };
        tokio::time::sleep(delay).await;
        let again = attempt.to_mut();
        if !again.reused_nonce {
            again.nonce = again.tampering.nonce.fresh();
        }
    }
}

async fn send_once(
    target: &Target,
    action: &str,
    outgoing: &Outgoing,
) -> Result<Observed, NoAnswer> {
    let prepared = outgoing.prepared(&target.host, action);
    let raw = match tokio::time::timeout(target.request_timeout, transmit(target, &prepared)).await
    {
        Ok(raw) => raw.map_err(NoAnswer::Transport)?,
        Err(_) => {
            return Err(NoAnswer::Transport(format!(
                "timed out after {} s waiting for the answer",
                target.request_timeout.as_secs_f64()
            )));
        }
    };
    raw.decode().map_err(NoAnswer::Undecodable)
}

impl RawAnswer {
    /// The answer's body tree, or why it is not an API answer.
    fn decode(self) -> Result<Observed, String> {
        let RawAnswer {
            status,
            content_type,
            body,
        } = self;
        let decoded = decode::decode(content_type.as_deref(), &body).map_err(|e| {
            format!(
                "cannot decode the answer (status {status}, content type {}): {e}",
                content_type.as_deref().unwrap_or("none")
            )
        })?;
        if !is_json_or_xml(content_type.as_deref()) {
            return Err(format!(
                "content type `{}` is neither JSON nor XML (status {status})",
                content_type.as_deref().unwrap_or("none")
            ));
        }
        Ok(Observed {
            status,
            content_type,
            body: decoded,
        })
    }
}

/// Whether `content_type` names JSON (`application/json`, `text/json`,
/// `…+json`) or XML (`text/xml`, `application/xml`, `…+xml`); parameters
/// such as `;charset=utf-8` ignored. A body that decodes as JSON under
/// `text/plain` is still not an API answer.
pub fn is_json_or_xml(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else {
        return false;
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    matches!(
        essence.as_str(),
        "application/json" | "text/json" | "text/xml" | "application/xml"
    ) || essence.ends_with("+json")
        || essence.ends_with("+xml")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_answer_must_be_labelled_json_or_xml() {
        assert!(is_json_or_xml(Some("application/json;charset=utf-8")));
        assert!(is_json_or_xml(Some("text/xml;charset=utf-8")));
        assert!(is_json_or_xml(Some("Application/XML")));
        assert!(is_json_or_xml(Some("application/problem+json")));
        assert!(!is_json_or_xml(Some("text/plain; charset=utf-8")));
        assert!(!is_json_or_xml(None));
    }

    fn step_of(expect: &str) -> Step {
        let file = crate::suite::testing::load(&crate::suite::testing::one_case(&format!(
            "    rule: R\n    request: {{ ImageName: x }}\n    expect:\n{expect}"
        )))
        .expect("the case loads");
        file.cases[0].steps[0].clone()
    }

    #[test]
    fn an_undecodable_answer_is_a_decode_failure_at_the_content_type_expectation() {
        let step = step_of("      status: 200\n      content_type: application/json\n");
        let failure = NoAnswer::Undecodable("truncated JSON".into()).failure("request", &step);
        assert_eq!(failure.what, "decode");
        assert!(failure.is_expectation());
        assert_eq!(
            failure.loc.map(|l| l.line),
            Some(8),
            "the `content_type:` line"
        );
    }

    #[test]
    fn no_answer_at_all_is_a_transport_failure_at_the_step() {
        let step = step_of("      status: 200\n");
        let failure = NoAnswer::Transport("connection refused".into()).failure("request", &step);
        assert_eq!(
            (failure.what.as_str(), failure.actual.as_str()),
            ("transport", "connection refused")
        );
        assert!(!failure.is_expectation());
        assert_eq!(failure.loc, Some(step.loc));
    }
}
