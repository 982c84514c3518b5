//! `--cleanup`: the images a run created, and deleting them afterwards.
//!
//! [`CreatedImages`] collects the `ImageId` of every successful `CreateImage`
//! answer (with the account and region that created it). [`clean_up`] sends
//! one signed `DeleteImage` per image through the same wire code, rate limit
//! and retries as the cases, and reports what it could not delete. A cleanup
//! failure is not a contract failure: it never changes the exit code.

use std::collections::HashSet;
use std::sync::{Arc, Mutex};

use crate::check::{Observed, scalar_text};
use crate::wire::credentials::Credentials;
use crate::wire::request::{Tampering, fresh_nonce, timestamp_now};
use crate::wire::{Format, WireStyle};

use super::exchange::{Outgoing, call};
use super::target::Target;

/// One image a run created.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Created {
    pub image_id: String,
    pub region: String,
    pub credentials: Credentials,
}

/// The images created so far, in creation order, each once. Cheap to clone.
#[derive(Clone, Debug, Default)]
pub struct CreatedImages {
    images: Arc<Mutex<Recorded>>,
}

/// The list, and its ids for a constant-time "already there?".
#[derive(Debug, Default)]
struct Recorded {
    list: Vec<Created>,
    ids: HashSet<String>,
}

impl CreatedImages {
    /// Remembers the image a successful answer names, if any.
    pub fn record(&self, observed: &Observed, outgoing: &Outgoing) {
        if observed.status != 200 || observed.field("Code").is_some() {
            return;
        }
        let Some(image_id) = observed
            .field("ImageId")
            .and_then(scalar_text)
            .filter(|id| !id.is_empty())
        else {
            return;
        };
        let region = outgoing
            .params
            .iter()
            .find(|(name, _)| name == "RegionId")
            .map(|(_, value)| value.clone())
            .unwrap_or_default();
        let mut images = self.lock();
        if images.ids.insert(image_id.clone()) {
            images.list.push(Created {
                image_id,
                region,
                credentials: outgoing.credentials.clone(),
            });
        }
    }

    /// The ids recorded so far.
    pub fn ids(&self) -> Vec<String> {
        self.lock()
            .list
            .iter()
            .map(|c| c.image_id.clone())
            .collect()
    }

    /// Everything recorded, leaving the list empty.
    pub fn take(&self) -> Vec<Created> {
        std::mem::take(&mut *self.lock()).list
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Recorded> {
        self.images.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// What a cleanup did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CleanupReport {
    pub deleted: Vec<String>,
    /// Image id → why it is still there.
    pub failed: Vec<(String, String)>,
}

/// Deletes every image in `created` from `target`, over `style`, one after
/// another.
pub async fn clean_up(target: &Target, created: &CreatedImages, style: WireStyle) -> CleanupReport {
    let mut report = CleanupReport::default();
    for created in created.take() {
        let outgoing = Outgoing {
            credentials: created.credentials,
            style,
            format: Format::Json,
            params: vec![
                ("RegionId".to_owned(), created.region),
                ("ImageId".to_owned(), created.image_id.clone()),
            ],
            nonce: fresh_nonce(),
            timestamp: timestamp_now(),
            tampering: Tampering::default(),
            reused_nonce: false,
        };
        match call(target, "DeleteImage", &outgoing).await {
            Ok(answer) if answer.status == 200 && answer.field("Code").is_none() => {
                report.deleted.push(created.image_id);
            }
            Ok(answer) => {
                let text = |name: &str| answer.field(name).and_then(scalar_text);
                let reason = format!(
                    "status {}, {}: {}",
                    answer.status,
                    text("Code").unwrap_or_else(|| "no code".to_owned()),
                    text("Message").unwrap_or_default()
                );
                report.failed.push((created.image_id, reason));
            }
            Err(reason) => report.failed.push((created.image_id, reason.to_string())),
        }
    }
    report
}
