//! The emulator's read-only world, seeded from the fixture manifest:
//! accounts by access key id, instances and snapshots by id, resource groups,
//! and the client tokens whose first request is still in progress.

use std::collections::{HashMap, HashSet};

use crate::fixtures::{Account, Instance, Manifest, Snapshot};

/// Everything the rules look up; never changes after start.
#[derive(Debug, Default)]
pub struct World {
    pub accounts_by_key: HashMap<String, Account>,
    pub instances: HashMap<String, Instance>,
    pub snapshots: HashMap<String, Snapshot>,
    pub resource_groups: HashSet<String>,
    pub tokens_in_progress: HashSet<String>,
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
                .map(|t| t.token.clone())
                .collect(),
        }
    }
}
