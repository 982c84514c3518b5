//! The AccessKey pair (and optional STS token) a request is signed with.
//!
//! [`Credentials`] never prints its secret or token: its `Debug` shows them as
//! `***`, so a credential can sit inside any logged or reported structure.

use std::fmt;

/// An AccessKey pair, with the STS security token when the key is temporary.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    /// The AccessKeyId, sent in the clear (`AccessKeyId` or `Credential=`).
    pub access_key_id: String,
    /// The AccessKeySecret, only ever used as an HMAC key.
    pub access_key_secret: String,
    /// The STS token, sent as `SecurityToken` (V1) or `x-acs-security-token` (V3).
    pub security_token: Option<String>,
}

impl Credentials {
    /// A long-term AccessKey pair, without a security token.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Credentials {
            access_key_id: access_key_id.into(),
            access_key_secret: access_key_secret.into(),
            security_token: None,
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &"***")
            .field(
                "security_token",
                &self.security_token.as_ref().map(|_| "***"),
            )
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_masks_secret_and_security_token() {
        let credentials = Credentials {
            access_key_id: "LTAIexample".into(),
            access_key_secret: "s3cr3t-value".into(),
            security_token: Some("sts-t0ken-value".into()),
        };
        let shown = format!("{credentials:?} {credentials:#?}");
        assert!(shown.contains("LTAIexample"));
        assert!(shown.contains("***"));
        assert!(!shown.contains("s3cr3t-value"));
        assert!(!shown.contains("sts-t0ken-value"));
    }

    #[test]
    fn debug_shows_absent_security_token_as_none() {
        let shown = format!("{:?}", Credentials::new("id", "secret-xyz"));
        assert!(shown.contains("security_token: None"));
        assert!(!shown.contains("secret-xyz"));
    }
}
