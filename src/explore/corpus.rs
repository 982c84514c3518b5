//! [`Corpus`]: what the strategies draw from — every request of the suite
//! (its hand-written cases and the cases generated from the contract's
//! classes, `crate::suite::generated`), every parameter value in them with
//! the rule and class it exercises, the parameter names of the contract,
//! and the fixtures, accounts and request styles the target can be sent.

use std::collections::{BTreeMap, BTreeSet};

use crate::contract::params::{self, Kind};
use crate::suite::generated::CLASS_TAG;
use crate::suite::{Piece, Suite};
use crate::wire::WireStyle;

use super::draft::{Bit, Origin, Param};

/// One request of a case: its account and parameters.
#[derive(Clone, Debug)]
pub struct Base {
    pub account: String,
    pub params: Vec<Param>,
}

/// Everything the strategies choose from.
#[derive(Clone, Debug)]
pub struct Corpus {
    pub bases: Vec<Base>,
    /// Every parameter value of every base, labelled.
    pub values: Vec<Param>,
    /// Parameter names: the contract's (with `N` as `1`) and the suite's.
    pub keys: Vec<String>,
    /// Accounts the target has credentials for.
    pub accounts: Vec<String>,
    /// Those of them that sign with a security token (STS), in name order.
    pub sts_accounts: Vec<String>,
    pub styles: Vec<WireStyle>,
    /// Fixture references by kind (`instance`, `snapshot`, …), bound on the target.
    pub fixtures: BTreeMap<String, Vec<String>>,
}

impl Corpus {
    /// The corpus of `suite` for a target with these `accounts` and fixture
    /// `bound` references. Steps that capture a field of an earlier step,
    /// or name an account or fixture the target lacks, are left out.
    pub fn new(
        suite: &Suite,
        accounts: &BTreeSet<String>,
        bound: &BTreeSet<String>,
        styles: &[WireStyle],
    ) -> Corpus {
        let mut bases = Vec::new();
        let mut values = Vec::new();
        let mut keys: BTreeSet<String> = params::PARAMS
            .iter()
            .filter(|p| matches!(p.kind, Kind::Parameter { .. }))
            .map(|p| p.name.replace(".N.", ".1."))
            .filter(|name| name != "Action")
            .collect();
        for (_, case) in suite.cases() {
            let account = case.account.clone().unwrap_or_else(|| "default".to_owned());
            if !accounts.contains(&account) {
                continue;
            }
            let rule = case.rules.first().cloned().unwrap_or_default();
            let class = case
                .tags
                .iter()
                .find_map(|t| t.strip_prefix(CLASS_TAG))
                .map(str::to_owned);
            let origin = match class {
                Some(class) => Origin::Class(rule.clone(), class),
                None => Origin::Case(rule.clone()),
            };
            for step in case.steps.iter().filter(|s| s.same_as.is_none()) {
                let account = step.account.clone().unwrap_or_else(|| account.clone());
                if !accounts.contains(&account) {
                    continue;
                }
                let mut params = Vec::new();
                let mut usable = true;
                for param in step.params.iter().filter(|p| !p.remove) {
                    let mut value = Vec::new();
                    for piece in &param.value.pieces {
                        match piece {
                            Piece::Text(text) => value.push(Bit::Text(text.clone())),
                            Piece::Fixture(name) if bound.contains(name) => {
                                value.push(Bit::Fixture(name.clone()))
                            }
                            Piece::Unique(label) => value.push(Bit::Unique(label.clone())),
                            Piece::Uuid(label) => value.push(Bit::Uuid(label.clone())),
                            Piece::Fixture(_) | Piece::Capture { .. } => usable = false,
                        }
                    }
                    params.push(Param {
                        key: param.name.clone(),
                        value,
                        origin: origin.clone(),
                    });
                }
                if !usable {
                    continue;
                }
                for param in &params {
                    keys.insert(param.key.clone());
                    if !values.contains(param) {
                        values.push(param.clone());
                    }
                }
                bases.push(Base {
                    account: account.clone(),
                    params,
                });
            }
        }
        let mut fixtures: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for reference in bound {
            if let Some((kind, _)) = reference.split_once('.') {
                fixtures
                    .entry(kind.to_owned())
                    .or_default()
                    .push(reference.clone());
            }
        }
        // The default account first: the strategies shrink towards it.
        let mut accounts: Vec<String> = accounts.iter().cloned().collect();
        accounts.sort_by_key(|a| a != "default");
        Corpus {
            bases,
            values,
            keys: keys.into_iter().collect(),
            accounts,
            sts_accounts: Vec::new(),
            styles: styles.to_vec(),
            fixtures,
        }
    }

    /// The bound fixtures of `kind`, or a placeholder reference when none is.
    pub fn fixtures_of(&self, kind: &str) -> Vec<String> {
        self.fixtures.get(kind).cloned().unwrap_or_default()
    }
}
