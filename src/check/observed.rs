//! [`Observed`]: one decoded answer, as the checks see it.

use serde_json::Value;

use crate::wire::decode::Body;

/// One answer from the target: HTTP status, content type and decoded body.
#[derive(Clone, Debug)]
pub struct Observed {
    pub status: u16,
    pub content_type: Option<String>,
    pub body: Body,
}

impl Observed {
    /// A top-level or dotted-path field of the body tree.
    pub fn field(&self, path: &str) -> Option<&Value> {
        super::matcher::field(&self.body.value, path)
    }
}
