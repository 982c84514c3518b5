//! Sends one signed request and reads its answer, within the request timeout
//! and the body-size cap. Every way a target can misbehave becomes a one-line
//! reason, never a panic or a hang: refused or reset connections, silence
//! and trickles (timed out), a redirect (never followed), a body over
//! [`MAX_BODY_BYTES`](super::target::MAX_BODY_BYTES) (reading stops at the cap; [`super::transport`]), a body that is not UTF-8,
//! JSON or XML, and a content type that names neither (whether it is the
//! one the request's `Format` asked for is the cases' `content_type`
//! expectation). [`NoAnswer`] keeps the kinds apart: not one byte of an
//! answer ([`Silence`]: unreachable, timed out, closed), an answer that
//! broke off or was no answer (transport), an answer that is not an API
//! answer (decode), and a request that cannot be judged.
//!
//! Every attempt waits for the target's [`RateLimit`](super::rate::RateLimit);
//! a `400 Throttling` answer is re-sent (re-signed, fresh nonce) as the
//! [`RetryPolicy`](super::retry::RetryPolicy) allows; the image of every
//! successful `CreateImage` is recorded for `--cleanup`.
//!
//! A request that met a connection the target closed before answering
//! (RFC 9112 §9.3: a server may close an idle connection at any time, and
//! a pooled connection can be closed just as a request goes out on it) is
//! sent again once, byte for byte — the same nonce, timestamp and
//! signature — on a fresh connection ([`send_once`]). That is safe: a
//! target must refuse a nonce it has seen (`SignatureNonceUsed`), so at
//! most one of the two copies can be acted on, and a request without a
//! valid nonce and signature must be refused whatever it asks. If the copy
//! sent again is refused as a replay (and its step did not reuse a nonce on
//! purpose), the target had read the first one and may have acted on it:
//! the request is not judged ([`NoAnswer::NotJudged`]). Any other answer
//! shows the target had not taken the first copy, and stands.

use crate::check::{Failure, Observed};
use crate::suite::{Expectation, Step};
use crate::wire::credentials::Credentials;
use crate::wire::request::{PreparedRequest, RequestSpec, Tampering, prepare_tampered};
use crate::wire::{Format, WireStyle, decode};

use super::retry::is_throttling;
use super::target::Target;
use super::transport::{Connect, RawAnswer, transmit};

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

/// How a request met no answer at all: not one byte of one came back.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Silence {
    /// No connection could be made (refused, no route, no such name, a
    /// TLS handshake that failed): the request never reached the target.
    Unreachable,
    /// Nothing came back within the request timeout.
    TimedOut,
    /// The target closed or reset the connection before answering.
    Closed,
}

/// Why a request has no answer the checks can read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoAnswer {
    /// Not one byte of an answer. An unreachable target leaves the run not
    /// judged; one that is silent or closes the connection fails it.
    Unanswered(Silence, String),
    /// An answer began but no complete one was read: the connection was
    /// reset or the time ran out while reading the body, or the target
    /// redirected, or sent more than the size cap.
    Transport(String),
    /// An answer came back, but its body is not JSON or XML as its content
    /// type says (or the content type names neither).
    Undecodable(String),
    /// An answer came back that cannot be judged: the target still
    /// throttled after the retries, or a request sent again after a closed
    /// connection was refused as a replay.
    NotJudged(String),
}

impl NoAnswer {
    /// The failure's `what`: `transport` or `decode` (`not judged` for a
    /// request whose run is not judged).
    pub fn what(&self) -> &'static str {
        match self {
            _ if !self.judges() => "not judged",
            NoAnswer::Undecodable(_) => "decode",
            _ => "transport",
        }
    }

    /// What the failure says was expected.
    pub fn expected(&self) -> &'static str {
        match self {
            NoAnswer::Undecodable(_) => "a JSON or XML answer",
            _ => "an answer",
        }
    }

    pub fn reason(&self) -> &str {
        match self {
            NoAnswer::Unanswered(_, reason)
            | NoAnswer::Transport(reason)
            | NoAnswer::Undecodable(reason)
            | NoAnswer::NotJudged(reason) => reason,
        }
    }

    /// Whether the run can be judged on this: not when the target could
    /// not be reached, throttled to the end, or may have acted on a request
    /// whose answer was lost.
    pub fn judges(&self) -> bool {
        !matches!(
            self,
            NoAnswer::Unanswered(Silence::Unreachable, _) | NoAnswer::NotJudged(_)
        )
    }

    /// The silence, when not one byte of an answer came back.
    pub fn silence(&self) -> Option<Silence> {
        match self {
            NoAnswer::Unanswered(silence, _) => Some(*silence),
            _ => None,
        }
    }

    /// The failure of `step` (labelled `label`): an undecodable answer
    /// breaks the step's `expect:` block and points at it, a missing one
    /// points at the step.
    pub fn failure(&self, label: &str, step: &Step) -> Failure {
        let expect_loc = match (self, &step.expect) {
            (NoAnswer::Undecodable(_), Expectation::Single(expect)) => expect
                .content_type
                .as_ref()
                .map(|c| c.loc.clone())
                .or_else(|| expect.loc.clone()),
            (NoAnswer::Undecodable(_), Expectation::OneOf(readings)) => {
                readings.first().and_then(|r| r.expect.loc.clone())
            }
            _ => None,
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

/// [`send`], for a run's verdict: an answer still `400 Throttling` after
/// the retries is no verdict on the contract, and the request is not judged.
pub async fn send_for_verdict(target: &Target, outgoing: &Outgoing) -> Result<Observed, NoAnswer> {
    let observed = send(target, outgoing).await?;
    if is_throttling(&observed) {
        return Err(NoAnswer::NotJudged(throttled(target.retry.retries)));
    }
    Ok(observed)
}

/// Why a run throttled to the end is not judged.
fn throttled(retries: u32) -> String {
    format!(
        "the target throttled this run after {retries} {}",
        if retries == 1 { "retry" } else { "retries" }
    )
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

/// One attempt; a request that met a closed connection is sent again, the
/// same bytes on a fresh connection (see the module's documentation).
async fn send_once(
    target: &Target,
    action: &str,
    outgoing: &Outgoing,
) -> Result<Observed, NoAnswer> {
    let prepared = outgoing.prepared(&target.host, action);
    let closed = match transmit(target, &prepared, Connect::Pooled).await {
        Err(NoAnswer::Unanswered(Silence::Closed, reason)) => reason,
        raw => return raw?.decode().map_err(NoAnswer::Undecodable),
    };
    target.rate.wait().await;
    let observed = transmit(target, &prepared, Connect::Fresh)
        .await
        .map_err(|again| match again {
            NoAnswer::Unanswered(silence, reason) => NoAnswer::Unanswered(
                silence,
                format!("{reason} (sent again on a fresh connection after: {closed})"),
            ),
            other => other,
        })?
        .decode()
        .map_err(NoAnswer::Undecodable)?;
    if is_replay_refusal(&observed) && !outgoing.reused_nonce {
        return Err(NoAnswer::NotJudged(format!(
            "{closed}; sent again on a fresh connection, the request was refused as a replay (SignatureNonceUsed): the target had read it and may have acted on it"
        )));
    }
    Ok(observed)
}

/// Whether an answer refuses the request's nonce as already used.
fn is_replay_refusal(observed: &Observed) -> bool {
    observed
        .field("Code")
        .and_then(crate::check::scalar_text)
        .as_deref()
        == Some("SignatureNonceUsed")
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
        let failure =
            NoAnswer::Unanswered(Silence::TimedOut, "timed out".into()).failure("request", &step);
        assert_eq!(
            (failure.what.as_str(), failure.actual.as_str()),
            ("transport", "timed out")
        );
        assert!(!failure.is_expectation());
        assert_eq!(failure.loc, Some(step.loc));
    }
}
