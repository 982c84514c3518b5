//! [`NonceCache`]: the signature nonces seen, per access key, remembered for
//! as long as their request's timestamp is inside the 15-minute window
//! (a nonce expires at its timestamp + 15 minutes).
//!
//! Memory is bounded: each entry is a 32-byte hash of (access key, nonce)
//! plus its expiry, and at most [`NONCE_CAP`] entries are kept. When the cap
//! is reached, expired entries are evicted; if every entry is still live the
//! request is refused with `Throttling` rather than forgetting a live nonce
//! (which would let a replay through).

use std::collections::HashMap;
use std::sync::Mutex;

use sha2::{Digest, Sha256};

use super::error::ApiError;

/// The most nonces remembered at once.
pub const NONCE_CAP: usize = 100_000;

/// Nonces seen, with their expiry (Unix seconds).
#[derive(Debug)]
pub struct NonceCache {
    seen: Mutex<HashMap<[u8; 32], i64>>,
    cap: usize,
}

impl Default for NonceCache {
    fn default() -> Self {
        NonceCache::with_cap(NONCE_CAP)
    }
}

impl NonceCache {
    pub fn with_cap(cap: usize) -> NonceCache {
        NonceCache {
            seen: Mutex::new(HashMap::new()),
            cap,
        }
    }

    /// Records `nonce` for `access_key_id` until `expires_at`; an error if it
    /// is already recorded and not expired.
    pub fn check_and_insert(
        &self,
        access_key_id: &str,
        nonce: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), ApiError> {
        let key = hash(access_key_id, nonce);
        let mut seen = self.seen.lock().unwrap_or_else(|p| p.into_inner());
        if let Some(&expiry) = seen.get(&key)
            && expiry >= now
        {
            return Err(ApiError::nonce_used());
        }
        if seen.len() >= self.cap {
            seen.retain(|_, expiry| *expiry >= now);
            if seen.len() >= self.cap {
                return Err(ApiError::throttling());
            }
        }
        seen.insert(key, expires_at);
        Ok(())
    }

    pub fn len(&self) -> usize {
        self.seen.lock().unwrap_or_else(|p| p.into_inner()).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

fn hash(access_key_id: &str, nonce: &str) -> [u8; 32] {
    let mut hasher = Sha256::new();
    hasher.update((access_key_id.len() as u64).to_be_bytes());
    hasher.update(access_key_id.as_bytes());
    hasher.update(nonce.as_bytes());
    hasher.finalize().into()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonce_reused_within_window_is_refused() {
        let cache = NonceCache::default();
        cache.check_and_insert("k", "n", 0, 900).unwrap();
        assert_eq!(
            cache.check_and_insert("k", "n", 10, 910).unwrap_err().code,
            "SignatureNonceUsed"
        );
    }

    #[test]
    fn nonces_are_per_access_key() {
        let cache = NonceCache::default();
        cache.check_and_insert("a", "n", 0, 900).unwrap();
        cache.check_and_insert("b", "n", 0, 900).unwrap();
    }

    #[test]
    fn expired_nonces_are_evicted_at_the_cap() {
        let cache = NonceCache::with_cap(3);
        for n in ["1", "2", "3"] {
            cache.check_and_insert("k", n, 0, 100).unwrap();
        }
        cache.check_and_insert("k", "4", 200, 1100).unwrap();
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn full_cache_of_live_nonces_throttles() {
        let cache = NonceCache::with_cap(2);
        cache.check_and_insert("k", "1", 0, 900).unwrap();
        cache.check_and_insert("k", "2", 0, 900).unwrap();
        assert_eq!(
            cache.check_and_insert("k", "3", 1, 901).unwrap_err().code,
            "Throttling"
        );
        assert_eq!(cache.len(), 2);
    }
}
