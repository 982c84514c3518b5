//! [`InFlight`]: the client tokens whose request is being processed right
//! now, for the reading `client-token-mismatch=in-flight-conflict` (see
//! [`crate::contract::rule_set::ClientTokenRules::in_flight_for`]): while a
//! request with a token is in progress, another with the same token gets
//! the in-progress answer.

use std::collections::HashSet;
use std::sync::Mutex;
use std::time::Duration;

/// Tokens in progress, per account.
#[derive(Debug, Default)]
pub struct InFlight {
    tokens: Mutex<HashSet<(String, String)>>,
}

/// Ends a token's time in progress when dropped.
#[derive(Debug)]
pub struct InProgress<'a> {
    owner: &'a InFlight,
    key: (String, String),
}

impl InFlight {
    /// Marks `token` of `account` in progress; `None` when it already is.
    pub fn begin(&self, account: &str, token: &str) -> Option<InProgress<'_>> {
        let key = (account.to_owned(), token.to_owned());
        let mut tokens = self.tokens.lock().unwrap_or_else(|p| p.into_inner());
        // Lazily: an `InProgress` built and dropped here would end the
        // token's time in progress (and relock).
        tokens
            .insert(key.clone())
            .then(|| InProgress { owner: self, key })
    }
}

impl Drop for InProgress<'_> {
    fn drop(&mut self) {
        let mut tokens = self.owner.tokens.lock().unwrap_or_else(|p| p.into_inner());
        tokens.remove(&self.key);
    }
}

/// Waits `pause` without holding any lock, as a request whose processing
/// takes that long. On a multi-threaded runtime the worker's other tasks
/// move to another thread meanwhile.
pub fn process_for(pause: Duration) {
    let sleep = || std::thread::sleep(pause);
    match tokio::runtime::Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(sleep)
        }
        _ => sleep(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_in_progress_cannot_begin_again_until_it_ends() {
        let in_flight = InFlight::default();
        let first = in_flight.begin("a", "t").unwrap();
        assert!(in_flight.begin("a", "t").is_none());
        assert!(in_flight.begin("b", "t").is_some());
        drop(first);
        assert!(in_flight.begin("a", "t").is_some());
    }
}
