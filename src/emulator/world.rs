//! The emulator's read-only world, seeded from the fixture manifest:
//! accounts by access key id, instances and snapshots by id, resource groups,
//! and the client tokens whose first request is still in progress, with the
//! account that sent it.

use std::collections::{HashMap, HashSet};

use crate::fixtures::{Account, Instance, Manifest, Snapshot};

/// Everything the rules look up; never changes after start.
#[derive(Debug, Default)]
pub struct World {
    pub accounts_by_key: HashMap<String, Account>,
    pub instances: HashMap<String, Instance>,
    pub snapshots: HashMap<String, Snapshot>,
    pub resource_groups: HashSet<String>,
    /// (owner account name, token) of every token in progress.
    pub tokens_in_progress: HashSet<(String, String)>,
}

impl World {
    pub fn seed(manifest: &Manifest) -> World {
        World {
            accounts_by_key: manifest
                .accounts
                .iter()
                .map(|a| (a.access_key_id.clone(), a.clone()))
                .collect(),
            instances: manifest
                .instances
                .iter()
                .map(|i| (i.id.clone(), i.clone()))
                .collect(),
            snapshots: manifest
                .snapshots
                .iter()
                .map(|s| (s.id.clone(), s.clone()))
                .collect(),
            resource_groups: manifest
                .resource_groups
                .iter()
                .map(|g| g.id.clone())
                .collect(),
            tokens_in_progress: manifest
                .client_tokens
                .iter()
                .map(|t| (t.owner.clone(), t.token.clone()))
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_in_progress_is_seeded_for_its_owner_and_every_account_by_its_key() {
        let manifest = Manifest::builtin();
        let world = World::seed(&manifest);
        let token = &manifest.client_tokens[0];
        assert!(
            world
                .tokens_in_progress
                .contains(&(token.owner.clone(), token.token.clone()))
        );
        assert_eq!(world.tokens_in_progress.len(), manifest.client_tokens.len());
        for account in &manifest.accounts {
            assert_eq!(
                world.accounts_by_key[&account.access_key_id].name,
                account.name
            );
        }
    }
}
