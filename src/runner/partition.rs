//! [`Partition`]: deterministic sharding of a plan by run id
//! (`--partition hash:K/N`), so that N machines run disjoint parts of the
//! suite whose union is the whole of it.
//!
//! A run belongs to shard `K` (1-based) when the 64-bit FNV-1a hash of its
//! id, modulo `N`, is `K - 1`. FNV-1a is fixed by its definition, so the
//! split is the same on every machine, Rust version and run.

use std::fmt;
use std::str::FromStr;

use super::plan::Plan;

/// One shard of `count`, `index` counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Partition {
    pub index: u64,
    pub count: u64,
}

impl Partition {
    /// Whether the run `id` belongs to this shard.
    pub fn contains(&self, id: &str) -> bool {
        fnv1a64(id.as_bytes()) % self.count == self.index - 1
    }

    /// Keeps only this shard's runs, in plan order.
    pub fn apply(&self, plan: &mut Plan) {
        plan.runs.retain(|run| self.contains(&run.id));
    }
}

/// 64-bit FNV-1a.
fn fnv1a64(bytes: &[u8]) -> u64 {
    const OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    bytes
        .iter()
        .fold(OFFSET, |hash, &b| (hash ^ u64::from(b)).wrapping_mul(PRIME))
}

impl FromStr for Partition {
    type Err = String;

    /// `hash:K/N` with `1 <= K <= N`.
    fn from_str(s: &str) -> Result<Partition, String> {
        let bad = || format!("invalid partition `{s}`: expected hash:K/N with 1 <= K <= N");
        let rest = s.strip_prefix("hash:").ok_or_else(bad)?;
        let (k, n) = rest.split_once('/').ok_or_else(bad)?;
        let index: u64 = k.parse().map_err(|_| bad())?;
        let count: u64 = n.parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Partition { index, count })
    }
}

impl fmt::Display for Partition {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "hash:{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fnv1a_matches_its_published_test_vectors() {
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn every_id_belongs_to_exactly_one_shard() {
        for n in 1..=7 {
            for i in 0..200 {
                let id = format!("case-{i}::json::v1-get");
                let owners = (1..=n)
                    .filter(|&k| Partition { index: k, count: n }.contains(&id))
                    .count();
                assert_eq!(owners, 1, "{id} in {n} shards");
            }
        }
    }

    #[test]
    fn a_partition_reads_and_prints_as_hash_k_of_n() {
        let p: Partition = "hash:2/3".parse().unwrap();
        assert_eq!(p, Partition { index: 2, count: 3 });
        assert_eq!(p.to_string(), "hash:2/3");
        for bad in [
            "hash:0/3", "hash:4/3", "hash:1/0", "2/3", "hash:a/b", "hash:1",
        ] {
            assert!(bad.parse::<Partition>().is_err(), "{bad}");
        }
    }
}
