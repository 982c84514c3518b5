//! Everything about the ECS RPC protocol, shared by the harness (client) and
//! the emulator (server): percent-encoding, V1 and V3 signatures, the request
//! styles a client may use, and decoding JSON or XML answers into one body
//! tree.

pub mod credentials;
pub mod decode;
pub mod fingerprint;
pub mod nonce;
pub mod percent;
pub mod request;
mod style;
pub mod v1;
pub mod v3;

pub use credentials::Credentials;
pub use decode::{Body, DecodeError, decode};
pub use nonce::NonceShape;
pub use percent::ParamError;
pub use request::{API_VERSION, PreparedRequest, RequestSpec, prepare};
pub use style::{Format, WireStyle};
pub use v3::{Authorization, AuthorizationError};

/// `(name, value)` pairs from literals, as tests write parameters.
#[cfg(test)]
pub(crate) fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}
