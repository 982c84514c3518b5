//! [`Store`]: the emulator's mutable state — images, the names taken per
//! account, client tokens, images used per account — behind one lock.
//!
//! [`Store::commit`] is the only way an image comes into being. It runs the
//! stateful rules and the insertion under the same lock, so duplicate names,
//! idempotent replays and quotas stay exact under concurrent requests:
//! in-progress token → token replay or mismatch → duplicate name → image
//! quota → insert.
//!
//! Memory is bounded and small: at most [`MAX_IMAGES`] images exist in all
//! (beyond that every account is over quota). An image costs one entry keyed
//! by its id packed into 16 bytes (see [`ImageKey`]), holding its account as
//! an index and its name; a taken name and a remembered token are 16-byte
//! keys (a SHA-256 prefix of account and value), a token's fingerprint is
//! 16 bytes too. Lookups are hash-table probes, whatever the number of
//! images.

use std::collections::{HashMap, HashSet};
use std::sync::{Mutex, MutexGuard};

use sha2::{Digest, Sha256};

use super::error::ApiError;
use super::in_flight::InFlight;
use super::mutants::Mutant;
use crate::contract::errors;
use crate::contract::rule_set::{AccountScope, ClientTokenRules, Scope};

/// The most images the emulator keeps, over all accounts.
pub const MAX_IMAGES: usize = 200_000;

/// A created image.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Image {
    pub id: String,
    pub account: String,
    pub name: Option<String>,
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
    /// SHA-256 of the request's parameters (see `create_image::fingerprint`);
    /// the store keeps its first 16 bytes.
    pub fingerprint: [u8; 32],
    /// What a token in progress or reused with other parameters answers.
    pub token_rules: ClientTokenRules,
    /// Whether tokens and names are the account's own or every account's.
    pub scope: AccountScope,
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

/// An image id of the emulator's shape, `m-` and 20 characters of
/// `[a-z0-9]`, packed as a base-36 number into 16 bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct ImageKey([u8; 16]);

const ID_PREFIX: &str = "m-";
const ID_DIGITS: usize = 20;
const ID_ALPHABET: &[u8; 36] = b"0123456789abcdefghijklmnopqrstuvwxyz";

impl ImageKey {
    /// The key of `id`; `None` for an id of another shape (no image has it).
    pub fn parse(id: &str) -> Option<ImageKey> {
        let digits = id.strip_prefix(ID_PREFIX)?.as_bytes();
        if digits.len() != ID_DIGITS {
            return None;
        }
        let mut n: u128 = 0;
        for &c in digits {
            let d = match c {
                b'0'..=b'9' => c - b'0',
                b'a'..=b'z' => c - b'a' + 10,
                _ => return None,
            };
            n = n * 36 + u128::from(d);
        }
        Some(ImageKey(n.to_le_bytes()))
    }

    /// The id this key packs.
    pub fn id(&self) -> String {
        let mut n = u128::from_le_bytes(self.0);
        let mut digits = [b'0'; ID_DIGITS];
        for slot in digits.iter_mut().rev() {
            *slot = ID_ALPHABET[(n % 36) as usize];
            n /= 36;
        }
        let mut id = String::with_capacity(ID_PREFIX.len() + ID_DIGITS);
        id.push_str(ID_PREFIX);
        id.extend(digits.iter().map(|&b| char::from(b)));
        id
    }
}

/// A name or token of one account: a 16-byte SHA-256 prefix, so that a
/// long value costs no more than a short one.
type ValueKey = [u8; 16];

const NAME_KIND: u8 = b'n';
const TOKEN_KIND: u8 = b't';

/// The account index under which values shared by every account are kept
/// (a `Scope::Global` token or name).
const EVERY_ACCOUNT: u32 = u32::MAX;

/// The account index a value of `scope` is kept under.
fn space(scope: Scope, account: u32) -> u32 {
    match scope {
        Scope::Account => account,
        Scope::Global => EVERY_ACCOUNT,
    }
}

fn value_key(kind: u8, account: u32, value: &str) -> ValueKey {
    let mut hasher = Sha256::new();
    hasher.update([kind]);
    hasher.update(account.to_be_bytes());
    hasher.update(value.as_bytes());
    prefix(&hasher.finalize().into())
}

fn prefix(hash: &[u8; 32]) -> [u8; 16] {
    let mut out = [0; 16];
    out.copy_from_slice(&hash[..16]);
    out
}

/// One stored image: its account (an index into `State::accounts`) and name.
#[derive(Debug)]
struct Record {
    account: u32,
    name: Option<Box<str>>,
}

#[derive(Debug, Default)]
struct State {
    images: HashMap<ImageKey, Record>,
    /// Names taken, per account.
    names: HashSet<ValueKey>,
    /// Token per account (or for every account) → (fingerprint prefix,
    /// image, the account that sent it).
    tokens: HashMap<ValueKey, ([u8; 16], ImageKey, u32)>,
    /// Account names, by index; `created[i]` counts account i's images
    /// created since start (deleted ones excluded).
    accounts: Vec<Box<str>>,
    account_index: HashMap<Box<str>, u32>,
    created: Vec<u32>,
}

impl State {
    fn account(&self, name: &str) -> Option<u32> {
        self.account_index.get(name).copied()
    }

    /// The account's index, given it one if it had none; an internal error
    /// past 2^32 accounts.
    fn intern_account(&mut self, name: &str) -> Result<u32, ApiError> {
        if let Some(index) = self.account(name) {
            return Ok(index);
        }
        let index = u32::try_from(self.accounts.len())
            .map_err(|_| ApiError::from(errors::INTERNAL_ERROR))?;
        self.accounts.push(name.into());
        self.account_index.insert(name.into(), index);
        self.created.push(0);
        Ok(index)
    }
}

/// The shared mutable state.
#[derive(Debug)]
pub struct Store {
    state: Mutex<State>,
    /// (account, token) of the tokens whose first request is in progress.
    tokens_in_progress: HashSet<(String, String)>,
    in_flight: InFlight,
    max_images: usize,
    /// The next id of the mutant `image-id-racy`'s counter.
    racy_counter: std::sync::atomic::AtomicU64,
}

impl Store {
    /// A store in which each (account, token) of `tokens_in_progress` has
    /// its first request in progress.
    pub fn new(tokens_in_progress: HashSet<(String, String)>) -> Store {
        Store::with_max_images(tokens_in_progress, MAX_IMAGES)
    }

    /// A store that keeps at most `max_images` images (default [`MAX_IMAGES`]).
    pub fn with_max_images(
        tokens_in_progress: HashSet<(String, String)>,
        max_images: usize,
    ) -> Store {
        Store {
            state: Mutex::new(State::default()),
            tokens_in_progress,
            in_flight: InFlight::default(),
            max_images,
            racy_counter: std::sync::atomic::AtomicU64::new(1),
        }
    }

    /// The tokens whose request is being processed.
    pub fn in_flight(&self) -> &InFlight {
        &self.in_flight
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panic while holding the lock cannot leave State half-written
        // (every mutation is a single insert), so a poisoned lock is usable.
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Checks the stateful rules and creates the image, atomically.
    /// `make_id` returns fresh ids of the emulator's shape
    /// ([`crate::emulator::ids::image_id`]).
    pub fn commit(
        &self,
        new: NewImage,
        make_id: impl FnMut() -> String,
    ) -> Result<Committed, ApiError> {
        let mut state = self.lock();
        let account = state.intern_account(&new.account)?;
        let fingerprint = prefix(&new.fingerprint);
        let client_token = new
            .client_token
            .as_deref()
            .filter(|_| !Mutant::ClientTokenIgnored.active());
        let tokens_global = new.scope.client_tokens == Scope::Global;
        // The mutant looks a token up without its account, and takes a hit
        // of another account for a retry.
        let shared = Mutant::ClientTokenSharedAcrossAccounts.active();
        let token_scope = if shared {
            Scope::Global
        } else {
            new.scope.client_tokens
        };
        let token_key =
            client_token.map(|token| value_key(TOKEN_KIND, space(token_scope, account), token));
        if let (Some(token), Some(key)) = (client_token, &token_key) {
            let in_progress = if tokens_global {
                self.tokens_in_progress.iter().any(|(_, t)| t == token)
            } else {
                self.tokens_in_progress
                    .contains(&(new.account.clone(), token.to_owned()))
            };
            if in_progress {
                return Err(new.token_rules.in_progress.into());
            }
            if let Some((remembered, image, owner)) = state.tokens.get(key) {
                if *owner != account && !shared {
                    // Another account's request is never this one's retry.
                    return Err(new.token_rules.mismatch.into());
                }
                return if *remembered == fingerprint || Mutant::ClientTokenMismatchReplays.active()
                {
                    Ok(Committed::Replayed(image.id()))
                } else {
                    Err(new.token_rules.mismatch.into())
                };
            }
        }
        let name_key = new
            .name
            .as_deref()
            .map(|name| value_key(NAME_KIND, space(new.scope.image_names, account), name));
        if let Some(key) = &name_key
            && state.names.contains(key)
            && !Mutant::DuplicateNameUnchecked.active()
        {
            return Err(errors::IMAGE_NAME_DUPLICATED.into());
        }
        if Mutant::DuplicateNameRacy.active() {
            // The check above and the insertion below in two critical
            // sections, a database round trip apart.
            drop(state);
            round_trip_pause();
            state = self.lock();
        }
        let created = state.created[account as usize];
        let used = u64::from(new.images_used_at_start) + u64::from(created);
        let over = if Mutant::ImageQuotaOffByOne.active() {
            used > u64::from(new.image_quota)
        } else {
            used >= u64::from(new.image_quota)
        };
        if over || state.images.len() >= self.max_images {
            return Err(errors::IMAGE_QUOTA_EXCEEDED.into());
        }
        let (key, id) = if Mutant::ImageIdRacy.active() {
            // The counter read and written outside the lock, a database
            // round trip apart, and its id trusted to be fresh.
            drop(state);
            let id = self.racy_id();
            state = self.lock();
            let key = ImageKey::parse(&id).ok_or(ApiError::from(errors::INTERNAL_ERROR))?;
            (key, id)
        } else {
            unique_id(&state, make_id)?
        };
        if let Some(name_key) = name_key {
            state.names.insert(name_key);
        }
        if let Some(token_key) = token_key {
            state.tokens.insert(token_key, (fingerprint, key, account));
        }
        state.created[account as usize] += 1;
        state.images.insert(
            key,
            Record {
                account,
                name: new.name.map(String::into_boxed_str),
            },
        );
        Ok(Committed::Created(id))
    }

    /// `image-id-racy`: the next id of a counter read, then written a
    /// round trip later, with no lock held.
    fn racy_id(&self) -> String {
        use std::sync::atomic::Ordering::Relaxed;
        let next = self.racy_counter.load(Relaxed);
        round_trip_pause();
        self.racy_counter.store(next + 1, Relaxed);
        format!("m-{next:020}")
    }

    /// Every image of an account.
    pub fn images_of(&self, account: &str) -> Vec<Image> {
        let state = self.lock();
        let Some(index) = state.account(account) else {
            return Vec::new();
        };
        state
            .images
            .iter()
            .filter(|(_, record)| record.account == index)
            .map(|(key, record)| Image {
                id: key.id(),
                account: account.to_owned(),
                name: record.name.as_deref().map(str::to_owned),
            })
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
        let (Some(key), Some(index)) = (ImageKey::parse(id), state.account(account)) else {
            return false;
        };
        if state
            .images
            .get(&key)
            .is_none_or(|record| record.account != index)
        {
            return false;
        }
        let Some(record) = state.images.remove(&key) else {
            return false;
        };
        if let Some(name) = record.name {
            // Whichever scope the name was taken in: only this image held it.
            for space in [index, EVERY_ACCOUNT] {
                state.names.remove(&value_key(NAME_KIND, space, &name));
            }
        }
        let created = &mut state.created[index as usize];
        *created = created.saturating_sub(1);
        true
    }

    /// Whether an image with this id exists.
    pub fn contains(&self, id: &str) -> bool {
        ImageKey::parse(id).is_some_and(|key| self.lock().images.contains_key(&key))
    }
}

/// 50 ms without holding the lock (mutant `duplicate-name-racy`). On a
/// multi-threaded runtime the worker's other tasks move to another thread
/// meanwhile, so concurrent requests really do overlap.
fn round_trip_pause() {
    let pause = || std::thread::sleep(std::time::Duration::from_millis(50));
    match tokio::runtime::Handle::try_current() {
        Ok(handle) if handle.runtime_flavor() == tokio::runtime::RuntimeFlavor::MultiThread => {
            tokio::task::block_in_place(pause)
        }
        _ => pause(),
    }
}

/// How many fresh ids [`unique_id`] tries before it gives up.
const ID_ATTEMPTS: usize = 8;

/// A fresh id and its key. 36^20 ids: a collision is astronomically rare,
/// but never reuse one. An id generator that gives ids of another shape,
/// or only ids already taken, is an internal error, never a panic or an
/// endless loop.
fn unique_id(
    state: &State,
    mut make_id: impl FnMut() -> String,
) -> Result<(ImageKey, String), ApiError> {
    for _ in 0..ID_ATTEMPTS {
        let id = make_id();
        let Some(key) = ImageKey::parse(&id) else {
            break;
        };
        if !state.images.contains_key(&key) {
            return Ok((key, id));
        }
    }
    Err(errors::INTERNAL_ERROR.into())
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
            token_rules: crate::contract::Rules::reference().client_token,
            scope: crate::contract::Rules::reference().account_scope,
        }
    }

    #[test]
    fn an_image_key_packs_and_unpacks_every_id_of_the_emulator_shape() {
        for id in [
            "m-00000000000000000000",
            "m-zzzzzzzzzzzzzzzzzzzz",
            "m-bp1a2b3c4d5e6f7g8h9i",
        ] {
            assert_eq!(ImageKey::parse(id).unwrap().id(), id);
        }
        for _ in 0..1000 {
            let id = crate::emulator::ids::image_id();
            assert_eq!(ImageKey::parse(&id).unwrap().id(), id);
        }
        for other in [
            "m-short",
            "s-00000000000000000000",
            "m-0000000000000000000A",
            "",
        ] {
            assert_eq!(ImageKey::parse(other), None, "{other}");
        }
    }

    #[test]
    fn an_id_generator_of_another_shape_is_an_internal_error_not_a_panic() {
        let store = Store::new(HashSet::new());
        for bad in ["m-BP1A2B3C4D5E6F7G8H9I", "m-short", ""] {
            let err = store
                .commit(new("a", Some("n"), None, 0), || bad.to_owned())
                .unwrap_err();
            assert_eq!((err.status, err.code.as_ref()), (500, "InternalError"));
        }
        assert_eq!(store.image_count(), 0);
        store
            .commit(new("a", Some("n"), None, 0), crate::emulator::ids::image_id)
            .unwrap();
    }

    #[test]
    fn an_id_generator_that_only_repeats_a_taken_id_gives_up() {
        let store = Store::new(HashSet::new());
        let taken = "m-bp1a2b3c4d5e6f7g8h9i";
        store
            .commit(new("a", None, None, 0), || taken.to_owned())
            .unwrap();
        let err = store
            .commit(new("a", None, None, 1), || taken.to_owned())
            .unwrap_err();
        assert_eq!(err.code, "InternalError");
        assert_eq!(store.image_count(), 1);
    }

    #[test]
    fn names_and_tokens_are_per_account_whatever_their_length() {
        let store = Store::new(HashSet::new());
        let long = "n".repeat(128);
        store
            .commit(
                new("a", Some(&long), Some(&long), 1),
                crate::emulator::ids::image_id,
            )
            .unwrap();
        store
            .commit(
                new("b", Some(&long), Some(&long), 2),
                crate::emulator::ids::image_id,
            )
            .unwrap();
        let err = store
            .commit(
                new("a", Some(&long), None, 3),
                crate::emulator::ids::image_id,
            )
            .unwrap_err();
        assert_eq!(err.code, "InvalidImageName.Duplicated");
        let images = store.images_of("a");
        assert_eq!(images.len(), 1);
        assert_eq!(images[0].name.as_deref(), Some(long.as_str()));
        assert!(store.contains(&images[0].id));
        assert!(!store.contains("m-not-an-id"));
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
    fn token_in_progress_is_conflict_for_its_owner_only() {
        let store = Store::new(HashSet::from([("a".to_owned(), "busy".to_owned())]));
        let err = store
            .commit(
                new("a", None, Some("busy"), 1),
                crate::emulator::ids::image_id,
            )
            .unwrap_err();
        assert_eq!(err.code, "InvalidParamter.Conflict");
        assert_eq!(err.status, 403);
        // Tokens are an account's own: another account's "busy" is new.
        assert!(
            store
                .commit(
                    new("b", None, Some("busy"), 1),
                    crate::emulator::ids::image_id
                )
                .is_ok()
        );
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

    fn scoped(account: &str, name: Option<&str>, token: Option<&str>, scope: Scope) -> NewImage {
        let mut image = new(account, name, token, 7);
        image.scope.client_tokens = scope;
        image.scope.image_names = scope;
        image
    }

    #[test]
    fn another_accounts_token_is_a_new_image_or_refused_never_the_first_image() {
        for (scope, second_is_new) in [(Scope::Account, true), (Scope::Global, false)] {
            let store = Store::new(HashSet::new());
            let first = store
                .commit(
                    scoped("a", None, Some("t"), scope),
                    crate::emulator::ids::image_id,
                )
                .unwrap();
            let second = store.commit(
                scoped("b", None, Some("t"), scope),
                crate::emulator::ids::image_id,
            );
            match second {
                Ok(Committed::Created(id)) => {
                    assert!(second_is_new, "{scope:?}");
                    assert_ne!(id, first.image_id());
                }
                Err(err) => {
                    assert!(!second_is_new, "{scope:?}");
                    assert_eq!(err.code, "IdempotenceParamNotMatch");
                }
                Ok(replayed) => panic!("{scope:?}: {replayed:?}"),
            }
            let retry = store
                .commit(
                    scoped("a", None, Some("t"), scope),
                    crate::emulator::ids::image_id,
                )
                .unwrap();
            assert_eq!(retry, Committed::Replayed(first.image_id().to_owned()));
        }
    }

    #[test]
    fn a_global_name_is_taken_for_every_account_until_its_image_is_deleted() {
        let store = Store::new(HashSet::new());
        let first = store
            .commit(
                scoped("a", Some("n"), None, Scope::Global),
                crate::emulator::ids::image_id,
            )
            .unwrap();
        let err = store
            .commit(
                scoped("b", Some("n"), None, Scope::Global),
                crate::emulator::ids::image_id,
            )
            .unwrap_err();
        assert_eq!(err.code, "InvalidImageName.Duplicated");
        assert!(store.delete("a", first.image_id()));
        store
            .commit(
                scoped("b", Some("n"), None, Scope::Global),
                crate::emulator::ids::image_id,
            )
            .unwrap();
    }
}
