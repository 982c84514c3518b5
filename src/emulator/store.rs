//! [`Store`]: the emulator's mutable state — images, the names taken per
//! account, client tokens, images used per account — behind one lock.
//!
//! [`Store::commit`] is the only way an image comes into being. It runs the
//! stateful rules and the insertion under the same lock, so duplicate names,
//! idempotent replays and quotas stay exact under concurrent requests:
//! in-progress token → token replay or mismatch → duplicate name → image
//! quota → insert.
//!
//! Memory is bounded: at most [`MAX_IMAGES`] images exist in all (beyond that
//! every account is over quota), and each remembered token costs one
//! fixed-size fingerprint.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use super::error::ApiError;
use crate::contract::{ambiguities, errors};

/// The most images the emulator keeps, over all accounts.
pub const MAX_IMAGES: usize = 200_000;

/// A created image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub id: String,
    pub account: String,
    pub name: Option<String>,
    /// Snapshots created for the image (method 1) or used by it.
    pub snapshot_ids: Vec<String>,
}

/// What a request wants created.
#[derive(Clone, Debug)]
pub struct NewImage {
    pub account: String,
    /// The account's image quota and the images it owned before any request.
    pub image_quota: u32,
    pub images_used_at_start: u32,
    pub name: Option<String>,
    pub client_token: Option<String>,
    /// SHA-256 of the request's parameters (see `create_image::fingerprint`).
    pub fingerprint: [u8; 32],
    pub snapshot_ids: Vec<String>,
}

/// What [`Store::commit`] did.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Committed {
    Created(String),
    /// Same token, same parameters: the earlier image, nothing created.
    Replayed(String),
}

impl Committed {
    pub fn image_id(&self) -> &str {
        match self {
            Committed::Created(id) | Committed::Replayed(id) => id,
        }
    }
}

#[derive(Debug, Default)]
struct State {
    images: HashMap<String, Image>,
    /// (account, image name)
    names: HashSet<(String, String)>,
    /// (account, token) → (fingerprint, image id)
    tokens: HashMap<(String, String), ([u8; 32], String)>,
    /// Images created per account since start.
    created: HashMap<String, u32>,
}

/// The shared mutable state.
#[derive(Debug)]
pub struct Store {
    state: Mutex<State>,
    tokens_in_progress: HashSet<String>,
}

impl Store {
    pub fn new(tokens_in_progress: HashSet<String>) -> Store {
        Store {
            state: Mutex::new(State::default()),
            tokens_in_progress,
        }
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave State half-written
        // (every mutation is a single insert), so a poisoned lock is usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Checks the stateful rules and creates the image, atomically.
    pub fn commit(
        &self,
        new: NewImage,
        make_id: impl FnMut() -> String,
    ) -> Result<Committed, ApiError> {
        let mut state = self.lock();
        if let Some(token) = &new.client_token {
            if self.tokens_in_progress.contains(token) {
                return Err(ambiguities::CLIENT_TOKEN_IN_PROGRESS.into());
            }
            if let Some((fingerprint, image_id)) =
                state.tokens.get(&(new.account.clone(), token.clone()))
            {
                return if *fingerprint == new.fingerprint {
                    Ok(Committed::Replayed(image_id.clone()))
                } else {
                    Err(ambiguities::CLIENT_TOKEN_MISMATCH.into())
                };
            }
        }
        if let Some(name) = &new.name
            && state.names.contains(&(new.account.clone(), name.clone()))
        {
            return Err(errors::IMAGE_NAME_DUPLICATED.into());
        }
        let created = state.created.get(&new.account).copied().unwrap_or(0);
        let used = u64::from(new.images_used_at_start) + u64::from(created);
        if used >= u64::from(new.image_quota) || state.images.len() >= MAX_IMAGES {
            return Err(errors::IMAGE_QUOTA_EXCEEDED.into());
        }
        let id = unique_id(&state, make_id);
        if let Some(name) = &new.name {
            state.names.insert((new.account.clone(), name.clone()));
        }
        if let Some(token) = new.client_token {
            state
                .tokens
                .insert((new.account.clone(), token), (new.fingerprint, id.clone()));
        }
        *state.created.entry(new.account.clone()).or_insert(0) += 1;
        state.images.insert(
            id.clone(),
            Image {
                id: id.clone(),
                account: new.account,
                name: new.name,
                snapshot_ids: new.snapshot_ids,
            },
        );
        Ok(Committed::Created(id))
    }

    /// Every image of an account.
    pub fn images_of(&self, account: &str) -> Vec<Image> {
        self.lock()
            .images
            .values()
            .filter(|i| i.account == account)
            .cloned()
            .collect()
    }

    /// How many images exist.
    pub fn image_count(&self) -> usize {
        self.lock().images.len()
    }

    /// Deletes `account`'s image `id`: its name becomes free and it no
    /// longer counts against the quota (a remembered `ClientToken` still
    /// replays the old id). `false` when the account has no such image.
    pub fn delete(&self, account: &str, id: &str) -> bool {
        let mut state = self.lock();
        if state
            .images
            .get(id)
            .is_none_or(|image| image.account != account)
        {
            return false;
        }
        let Some(image) = state.images.remove(id) else {
            return false;
        };
        if let Some(name) = image.name {
            state.names.remove(&(image.account.clone(), name));
        }
        if let Some(created) = state.created.get_mut(&image.account) {
            *created = created.saturating_sub(1);
        }
        true
    }

    /// Whether an image with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        self.lock().images.contains_key(id)
    }
}

fn unique_id(state: &State, mut make_id: impl FnMut() -> String) -> String {
    let mut id = make_id();
    // 36^20 ids: a collision is astronomically rare, but never reuse one.
    while state.images.contains_key(&id) {
        id = make_id();
    }
    id
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn new(account: &str, name: Option<&str>, token: Option<&str>, fp: u8) -> NewImage {
        NewImage {
            account: account.into(),
            image_quota: 100,
            images_used_at_start: 0,
            name: name.map(Into::into),
            client_token: token.map(Into::into),
            fingerprint: [fp; 32],
            snapshot_ids: Vec::new(),
        }
    }

    #[test]
    fn same_name_twice_in_one_account_is_duplicated() {
        let store = Store::new(HashSet::new());
        store
            .commit(new("a", Some("n"), None, 0), crate::emulator::ids::image_id)
            .unwrap();
        let err = store
            .commit(new("a", Some("n"), None, 0), crate::emulator::ids::image_id)
            .unwrap_err();
        assert_eq!(err.code, "InvalidImageName.Duplicated");
        store
            .commit(new("b", Some("n"), None, 0), crate::emulator::ids::image_id)
            .unwrap();
    }

    #[test]
    fn same_token_same_parameters_replays_without_creating() {
        let store = Store::new(HashSet::new());
        let first = store
            .commit(
                new("a", Some("n"), Some("t"), 1),
                crate::emulator::ids::image_id,
            )
            .unwrap();
        let second = store
            .commit(
                new("a", Some("n"), Some("t"), 1),
                crate::emulator::ids::image_id,
            )
            .unwrap();
        assert_eq!(second, Committed::Replayed(first.image_id().to_owned()));
        assert_eq!(store.image_count(), 1);
    }

    #[test]
    fn same_token_other_parameters_is_idempotence_param_not_match() {
        let store = Store::new(HashSet::new());
        store
            .commit(new("a", None, Some("t"), 1), crate::emulator::ids::image_id)
            .unwrap();
        let err = store
            .commit(new("a", None, Some("t"), 2), crate::emulator::ids::image_id)
            .unwrap_err();
        assert_eq!(err.code, "IdempotenceParamNotMatch");
        assert_eq!(err.status, 400);
    }

    #[test]
    fn token_in_progress_is_conflict() {
        let store = Store::new(HashSet::from(["busy".to_owned()]));
        let err = store
            .commit(
                new("a", None, Some("busy"), 1),
                crate::emulator::ids::image_id,
            )
            .unwrap_err();
        assert_eq!(err.code, "InvalidParamter.Conflict");
        assert_eq!(err.status, 403);
    }

    #[test]
    fn quota_counts_images_used_at_start() {
        let store = Store::new(HashSet::new());
        let mut req = new("a", None, None, 0);
        req.image_quota = 2;
        req.images_used_at_start = 1;
        store
            .commit(req.clone(), crate::emulator::ids::image_id)
            .unwrap();
        let err = store
            .commit(req, crate::emulator::ids::image_id)
            .unwrap_err();
        assert_eq!(err.code, "QuotaExceed.Image");
    }

    #[test]
    fn a_deleted_image_frees_its_name_and_only_its_owner_may_delete_it() {
        let store = Store::new(HashSet::new());
        let id = store
            .commit(new("a", Some("n"), None, 0), crate::emulator::ids::image_id)
            .unwrap()
            .image_id()
            .to_owned();
        assert!(!store.delete("b", &id));
        assert!(store.delete("a", &id));
        assert!(!store.delete("a", &id));
        assert_eq!(store.image_count(), 0);
        store
            .commit(new("a", Some("n"), None, 0), crate::emulator::ids::image_id)
            .unwrap();
    }

    #[test]
    fn concurrent_commits_with_one_name_create_exactly_one_image() {
        let store = Arc::new(Store::new(HashSet::new()));
        let handles: Vec<_> = (0..64)
            .map(|_| {
                let store = store.clone();
                std::thread::spawn(move || {
                    store
                        .commit(
                            new("a", Some("same"), None, 0),
                            crate::emulator::ids::image_id,
                        )
                        .is_ok()
                })
            })
            .collect();
        let ok = handles
            .into_iter()
            .filter(|_| true)
            .map(|h| h.join().unwrap())
            .filter(|ok| *ok)
            .count();
        assert_eq!(ok, 1);
        assert_eq!(store.image_count(), 1);
    }
}
