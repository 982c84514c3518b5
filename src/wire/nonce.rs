//! [`NonceShape`]: the shapes of `SignatureNonce` (V3:
//! `x-acs-signature-nonce`) the official clients send (wire-protocol.md §1):
//! 32 hex characters (Python classic, pop-core), 64 hex characters (Node
//! Tea), a UUID with dashes (the documentation's examples). A nonce is any
//! text used once; none of these shapes is required.

use std::fmt;
use std::str::FromStr;

/// The shape of a fresh nonce.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum NonceShape {
    /// 32 lowercase hex characters (Python classic, pop-core).
    #[default]
    Hex32,
    /// 64 lowercase hex characters (Node Tea).
    Hex64,
    /// A lowercase UUID with dashes, 8-4-4-4-12 (the documentation).
    Uuid,
}

impl NonceShape {
    pub const ALL: [NonceShape; 3] = [NonceShape::Hex32, NonceShape::Hex64, NonceShape::Uuid];

    /// The name case files use (`nonce: hex-64`).
    pub fn name(self) -> &'static str {
        match self {
            NonceShape::Hex32 => "hex-32",
            NonceShape::Hex64 => "hex-64",
            NonceShape::Uuid => "uuid",
        }
    }

    /// A fresh nonce of this shape, from random UUIDs (v4).
    pub fn fresh(self) -> String {
        let simple = || uuid::Uuid::new_v4().simple().to_string();
        match self {
            NonceShape::Hex32 => simple(),
            NonceShape::Hex64 => simple() + &simple(),
            NonceShape::Uuid => uuid::Uuid::new_v4().hyphenated().to_string(),
        }
    }
}

impl fmt::Display for NonceShape {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for NonceShape {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        NonceShape::ALL
            .into_iter()
            .find(|shape| shape.name() == s)
            .ok_or_else(|| format!("unknown nonce shape `{s}` (expected hex-32, hex-64 or uuid)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lower_hex(text: &str) -> bool {
        text.bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    }

    #[test]
    fn each_shape_is_what_its_client_sends() {
        let hex32 = NonceShape::Hex32.fresh();
        assert!(hex32.len() == 32 && lower_hex(&hex32), "{hex32}");
        let hex64 = NonceShape::Hex64.fresh();
        assert!(hex64.len() == 64 && lower_hex(&hex64), "{hex64}");
        let uuid = NonceShape::Uuid.fresh();
        let groups: Vec<usize> = uuid.split('-').map(str::len).collect();
        assert_eq!(groups, [8, 4, 4, 4, 12], "{uuid}");
        assert!(lower_hex(&uuid.replace('-', "")), "{uuid}");
    }

    #[test]
    fn fresh_nonces_differ_and_names_read_back() {
        for shape in NonceShape::ALL {
            assert_ne!(shape.fresh(), shape.fresh(), "{shape}");
            assert_eq!(shape.name().parse::<NonceShape>(), Ok(shape));
        }
        assert!("hex".parse::<NonceShape>().is_err());
    }
}
