//! Turns a [`Suite`](crate::suite::Suite) into a [`Plan`] of runs, sends each
//! run's requests to a [`Target`], checks the answers, and hands every run to
//! libtest-mimic as a trial.
//!
//! A run is one case in one response format over one request style; its id is
//! `CASE-ID::FORMAT::WIRE` (`image-name.too-short::json::v1-get`), the name
//! libtest-mimic filters on. All runs share one tokio runtime, built once.
//!
//! Reaching a target: [`Target`] holds its [`Transport`] (an HTTP client
//! with TLS roots and proxies, or the embedded emulator's service in this
//! process), the [`RateLimit`] every attempt waits for, the [`RetryPolicy`]
//! for `400 Throttling`, and the [`CreatedImages`] that [`clean_up`] deletes.
//!
//! A plan may be cut to one shard ([`Partition`]); with a second target
//! ([`Against`]) every run is sent to both and their normalised answers are
//! compared. A [`Breaker`] stops sending when the first runs all get no
//! answer at all.

mod all;
mod breaker;
mod cleanup;
mod concurrent;
mod differential;
mod exchange;
mod execute;
mod observe;
mod partition;
mod plan;
mod rate;
mod retry;
mod sources;
mod target;
mod transport;
mod trials;
mod vars;

pub use all::run_all;
pub use breaker::{Breaker, SILENT_RUNS};
pub use cleanup::{CleanupReport, Created, CreatedImages, clean_up};
pub use differential::{Against, AgainstAnswer, normalised_diff};
pub use exchange::{NoAnswer, Outgoing, Silence, is_json_or_xml, send, send_for_verdict};
pub use execute::{Outcome, Reach, RunRecord, execute};
pub use observe::observation;
pub use partition::Partition;
pub use plan::{Plan, PlanOptions, Run, plan};
pub use rate::RateLimit;
pub use retry::{DEFAULT_RETRIES, RetryPolicy};
pub use sources::Sources;
pub use target::MAX_BODY_BYTES;
pub use target::{Connection, Target};
pub use transport::{Http, Transport};
pub use trials::{Context, Runs, trials};
