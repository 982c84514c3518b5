//! [`NonceCache`]: the signature nonces seen, per access key, remembered for
//! as long as their request's timestamp is inside the 15-minute window
//! (a nonce expires at its timestamp + 15 minutes). A nonce used again
//! before it expires is refused, always.
//!
//! Memory is bounded, and the bound is far above what sustained use
//! reaches: each entry is one `u64` — a 58-bit keyed fingerprint of
//! (access key, nonce) and the second its expiry falls on within a
//! 64-second bucket — in a hash table per bucket of expiry times. A bucket
//! whose every nonce has expired is dropped whole, so expiry never scans
//! the live nonces. At most [`NONCE_CAP`] nonces are kept (4,000,000,
//! under 128 MiB at its worst: about 10 to 20 bytes per nonce, with one
//! table's growth on top). When every kept nonce is still live the request
//! is refused with `Throttling` rather than forgetting a live nonce (which
//! would let a replay through).
//!
//! The fingerprint is keyed with a random key per process, so nobody can
//! choose nonces that collide; two different nonces of one access key
//! collide with a probability of about 2⁻⁵⁸ per live nonce (one request in
//! 10¹¹ at the cap), which would refuse a fresh nonce, never admit a
//! reused one.

use std::collections::BTreeMap;
use std::hash::BuildHasher;
use std::sync::Mutex;

use hashbrown::HashTable;

use super::error::ApiError;

/// The most nonces remembered at once.
pub const NONCE_CAP: usize = 4_000_000;

/// Expiry times are grouped in buckets of this many seconds (a power of
/// two: an entry keeps its second within the bucket in its low bits).
const BUCKET_SECONDS: i64 = 1 << OFFSET_BITS;
const OFFSET_BITS: u32 = 6;
const OFFSET_MASK: u64 = (1 << OFFSET_BITS) - 1;

/// Nonces seen, with their expiry (Unix seconds).
#[derive(Debug)]
pub struct NonceCache {
    window: Mutex<Window>,
    keys: std::hash::RandomState,
    cap: usize,
}

/// The live nonces, by expiry bucket (Unix seconds / [`BUCKET_SECONDS`]).
#[derive(Debug, Default)]
struct Window {
    buckets: BTreeMap<i64, HashTable<u64>>,
    len: usize,
}

impl Default for NonceCache {
    fn default() -> Self {
        NonceCache::with_cap(NONCE_CAP)
    }
}

impl NonceCache {
    pub fn with_cap(cap: usize) -> NonceCache {
        NonceCache {
            window: Mutex::new(Window::default()),
            keys: std::hash::RandomState::new(),
            cap,
        }
    }

    /// Records `nonce` for `access_key_id` until `expires_at`; an error if it
    /// is already recorded and not expired (`SignatureNonceUsed`), or if the
    /// cache holds [`NONCE_CAP`] live nonces (`Throttling`).
    pub fn check_and_insert(
        &self,
        access_key_id: &str,
        nonce: &str,
        now: i64,
        expires_at: i64,
    ) -> Result<(), ApiError> {
        let fingerprint = self.keys.hash_one((access_key_id, nonce)) >> OFFSET_BITS;
        let mut window = self.window.lock().unwrap_or_else(|p| p.into_inner());
        window.forget_expired(now);
        if window.live(fingerprint, now) {
            return Err(ApiError::nonce_used());
        }
        if expires_at < now {
            // Already expired: nothing to remember.
            return Ok(());
        }
        if window.len >= self.cap {
            return Err(ApiError::throttling());
        }
        window.insert(fingerprint, expires_at);
        Ok(())
    }

    /// Nonces kept (live, or expired less than a bucket ago).
    pub fn len(&self) -> usize {
        self.window.lock().unwrap_or_else(|p| p.into_inner()).len
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The bytes the kept nonces take on the heap (their tables).
    pub fn heap_bytes(&self) -> usize {
        let window = self.window.lock().unwrap_or_else(|p| p.into_inner());
        window
            .buckets
            .values()
            .map(HashTable::allocation_size)
            .sum()
    }
}

impl Window {
    /// Drops every bucket whose last second is past.
    fn forget_expired(&mut self, now: i64) {
        while let Some(entry) = self.buckets.first_entry() {
            if (entry.key() + 1) * BUCKET_SECONDS > now {
                break;
            }
            self.len -= entry.remove().len();
        }
    }

    /// Whether `fingerprint` is kept with an expiry at or after `now`.
    fn live(&self, fingerprint: u64, now: i64) -> bool {
        let hash = table_hash(fingerprint);
        self.buckets.iter().any(|(bucket, table)| {
            table
                .find(hash, |entry| entry >> OFFSET_BITS == fingerprint)
                .is_some_and(|entry| bucket * BUCKET_SECONDS + (entry & OFFSET_MASK) as i64 >= now)
        })
    }

    fn insert(&mut self, fingerprint: u64, expires_at: i64) {
        let bucket = expires_at.div_euclid(BUCKET_SECONDS);
        let offset = expires_at.rem_euclid(BUCKET_SECONDS) as u64;
        let table = self.buckets.entry(bucket).or_default();
        let entry = (fingerprint << OFFSET_BITS) | offset;
        // A fingerprint kept but expired in this bucket is replaced.
        match table.find_entry(table_hash(fingerprint), |e| e >> OFFSET_BITS == fingerprint) {
            Ok(mut found) => *found.get_mut() = entry,
            Err(_) => {
                table.insert_unique(table_hash(fingerprint), entry, |e| {
                    table_hash(e >> OFFSET_BITS)
                });
                self.len += 1;
            }
        }
    }
}

/// The table's hash of a fingerprint: its bits spread over the whole word
/// (the table reads the top bits as well as the bottom ones).
fn table_hash(fingerprint: u64) -> u64 {
    fingerprint.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_800_000_000;

    #[test]
    fn nonce_reused_within_window_is_refused() {
        let cache = NonceCache::default();
        cache.check_and_insert("k", "n", NOW, NOW + 900).unwrap();
        assert_eq!(
            cache
                .check_and_insert("k", "n", NOW + 10, NOW + 910)
                .unwrap_err()
                .code,
            "SignatureNonceUsed"
        );
    }

    #[test]
    fn a_nonce_is_refused_until_the_second_it_expires_and_accepted_after() {
        let cache = NonceCache::default();
        let expiry = NOW + 900;
        cache.check_and_insert("k", "n", NOW, expiry).unwrap();
        assert!(
            cache
                .check_and_insert("k", "n", expiry, expiry + 900)
                .is_err()
        );
        cache
            .check_and_insert("k", "n", expiry + 1, expiry + 901)
            .unwrap();
        assert!(
            cache
                .check_and_insert("k", "n", expiry + 2, expiry + 902)
                .is_err(),
            "and remembered again"
        );
    }

    #[test]
    fn nonces_are_per_access_key() {
        let cache = NonceCache::default();
        cache.check_and_insert("a", "n", NOW, NOW + 900).unwrap();
        cache.check_and_insert("b", "n", NOW, NOW + 900).unwrap();
        cache.check_and_insert("an", "", NOW, NOW + 900).unwrap();
    }

    #[test]
    fn a_reused_nonce_is_refused_whatever_the_timestamp_it_comes_with() {
        let cache = NonceCache::default();
        cache.check_and_insert("k", "n", NOW, NOW + 1800).unwrap();
        for expiry in [NOW, NOW + 1, NOW + 64, NOW + 900, NOW + 1799] {
            assert!(cache.check_and_insert("k", "n", NOW, expiry).is_err());
        }
    }

    #[test]
    fn expired_buckets_are_forgotten_whole() {
        let cache = NonceCache::with_cap(3);
        for n in ["1", "2", "3"] {
            cache.check_and_insert("k", n, NOW, NOW + 100).unwrap();
        }
        cache
            .check_and_insert("k", "4", NOW + 200, NOW + 1100)
            .unwrap();
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn at_the_cap_of_live_nonces_a_fresh_one_is_throttled_and_a_reused_one_still_refused() {
        let cache = NonceCache::with_cap(2);
        cache.check_and_insert("k", "1", NOW, NOW + 900).unwrap();
        cache.check_and_insert("k", "2", NOW, NOW + 900).unwrap();
        assert_eq!(
            cache
                .check_and_insert("k", "3", NOW + 1, NOW + 901)
                .unwrap_err()
                .code,
            "Throttling"
        );
        assert_eq!(
            cache
                .check_and_insert("k", "1", NOW + 1, NOW + 901)
                .unwrap_err()
                .code,
            "SignatureNonceUsed"
        );
        assert_eq!(cache.len(), 2);
        // Once the first nonces expire, there is room again.
        cache
            .check_and_insert("k", "3", NOW + 1000, NOW + 1900)
            .unwrap();
        assert_eq!(cache.len(), 1);
    }

    #[test]
    fn an_already_expired_nonce_is_not_kept() {
        let cache = NonceCache::default();
        cache.check_and_insert("k", "n", NOW, NOW - 1).unwrap();
        assert!(cache.is_empty());
    }

    #[test]
    fn a_hundred_thousand_live_nonces_take_under_twenty_one_bytes_each() {
        let cache = NonceCache::default();
        for i in 0..100_000 {
            cache
                .check_and_insert("k", &format!("nonce-{i}"), NOW, NOW + 900 + i % 60)
                .unwrap();
        }
        assert_eq!(cache.len(), 100_000);
        let per_nonce = cache.heap_bytes() as f64 / 100_000.0;
        assert!(per_nonce < 21.0, "{per_nonce} bytes per nonce");
    }
}
