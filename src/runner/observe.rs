//! What the run-level invariants see of one exchange
//! ([`crate::check::invariants::Observation`]): made from the request the
//! runner sent and the answer it got, for every answered request of a run,
//! each copy of a concurrent step included.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

use crate::check::invariants::{Observation, fingerprint};
use crate::check::{Observed, scalar_text};

use super::exchange::Outgoing;

/// The observation of `observed`, the answer to `outgoing`, sent as step
/// `step` of run `run` (case `case`) for `account`.
pub fn observation(
    run: &str,
    case: &str,
    step: &str,
    account: &str,
    outgoing: &Outgoing,
    observed: &Observed,
) -> Observation {
    let text = |name: &str| observed.field(name).and_then(scalar_text);
    // The format and any tampering are part of what was sent: requests that
    // differ in them are not asked to be replays of each other.
    let mut sent = outgoing.params.clone();
    sent.push(("Format".into(), outgoing.format.to_string()));
    sent.push(("tampering".into(), format!("{:?}", outgoing.tampering)));
    Observation {
        run: run.to_string(),
        case: case.to_string(),
        step: step.to_string(),
        account: account.to_string(),
        client_token: outgoing
            .params
            .iter()
            .find(|(name, _)| name == "ClientToken")
            .map(|(_, value)| value.clone()),
        fingerprint: fingerprint(&sent),
        status: observed.status,
        code: text("Code"),
        request_id: text("RequestId"),
        image_id: text("ImageId"),
        nonce: outgoing.nonce.clone(),
        at: OffsetDateTime::parse(&outgoing.timestamp, &Rfc3339)
            .ok()
            .map(OffsetDateTime::unix_timestamp),
    }
}
