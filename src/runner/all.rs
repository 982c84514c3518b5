//! Runs a whole plan without libtest-mimic — for commands that only need the
//! records (`mutants`, `coverage --run`, benchmarks) — with at most `jobs`
//! runs in flight.

use std::sync::Arc;

use tokio::sync::Semaphore;
use tokio::task::JoinSet;

use super::execute::{RunRecord, execute};
use super::plan::Run;
use super::trials::Context;

/// Executes every run and returns the records in plan order.
pub async fn run_all(runs: &[Run], context: &Arc<Context>, jobs: usize) -> Vec<RunRecord> {
    let permits = Arc::new(Semaphore::new(jobs.max(1)));
    let mut tasks = JoinSet::new();
    for (index, run) in runs.iter().cloned().enumerate() {
        let context = context.clone();
        let permits = permits.clone();
        tasks.spawn(async move {
            let _permit = permits.acquire_owned().await;
            let record = execute(&run, &context.target, &context.created, &context.snapshots).await;
            if let Some(against) = &context.against {
                against.compare(&run, &record).await;
            }
            (index, record)
        });
    }
    let mut records: Vec<Option<RunRecord>> = vec![None; runs.len()];
    while let Some(joined) = tasks.join_next().await {
        if let Ok((index, record)) = joined {
            records[index] = Some(record);
        }
    }
    records.into_iter().flatten().collect()
}
