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

/// An AccessKeyId that differs from a known one only in letter case, or by
/// a character before or after it, or by its last character missing: a
/// target that looks keys up loosely takes it for the known key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyVariant {
    /// Every ASCII letter in the other case (`LTAIab` → `ltaiAB`).
    SwapCase,
    /// One character before the id.
    Prefixed,
    /// One character after the id.
    Suffixed,
    /// The id without its last character.
    Truncated,
}

impl KeyVariant {
    pub const ALL: [KeyVariant; 4] = [
        KeyVariant::SwapCase,
        KeyVariant::Prefixed,
        KeyVariant::Suffixed,
        KeyVariant::Truncated,
    ];

    /// The name a case file gives it.
    pub fn name(self) -> &'static str {
        match self {
            KeyVariant::SwapCase => "swap-case",
            KeyVariant::Prefixed => "prefixed",
            KeyVariant::Suffixed => "suffixed",
            KeyVariant::Truncated => "truncated",
        }
    }

    /// `access_key_id` as this variant spells it.
    pub fn apply(self, access_key_id: &str) -> String {
        match self {
            KeyVariant::SwapCase => access_key_id
                .chars()
                .map(|c| {
                    if c.is_ascii_lowercase() {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    }
                })
                .collect(),
            KeyVariant::Prefixed => format!("X{access_key_id}"),
            KeyVariant::Suffixed => format!("{access_key_id}X"),
            KeyVariant::Truncated => {
                let mut id = access_key_id.to_owned();
                id.pop();
                id
            }
        }
    }
}

impl std::str::FromStr for KeyVariant {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        KeyVariant::ALL
            .into_iter()
            .find(|v| v.name() == s)
            .ok_or_else(|| {
                let names: Vec<&str> = KeyVariant::ALL.iter().map(|v| v.name()).collect();
                format!("`access_key` is one of {}", names.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_key_variant_differs_from_the_key_and_reads_back_by_name() {
        for variant in KeyVariant::ALL {
            for id in ["emulator-default-key", "LTAI5tExample"] {
                assert_ne!(variant.apply(id), id, "{variant:?}");
            }
            assert_eq!(variant.name().parse::<KeyVariant>(), Ok(variant));
        }
        assert_eq!(KeyVariant::SwapCase.apply("LTAIab-1"), "ltaiAB-1");
    }

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
