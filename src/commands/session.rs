//! [`Session`]: everything one invocation needs to replay the suite — the
//! loaded suite, the runtime, the embedded emulator when there is no
//! target, the target and the plan. `run`, and every command that replays
//! the suite, opens one.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::check::snapshot::{Mode, SnapshotStore};
use crate::cli::SuiteArgs;
use crate::contract::selection::Selection;
use crate::emulator::{self, Mutant};
use crate::fixtures::Manifest;
use crate::profile::{Profile, Resolved};
use crate::runner::{
    Against, CleanupReport, Connection, Context, CreatedImages, Partition, Plan, PlanOptions,
    RateLimit, RetryPolicy, RunRecord, Sources, Target, Transport, clean_up, plan, run_all,
};
use crate::suite::Suite;
use crate::wire::credentials::Credentials;
use crate::wire::{Format, WireStyle};

use super::{HarnessError, load_suite, release, runtime};

/// What a session replays, against what.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    pub suite: SuiteArgs,
    /// `None`: the embedded emulator.
    pub target: Option<String>,
    /// The default account's credentials for a `target` (or with a
    /// profile); they override the profile's.
    pub credentials: Option<Credentials>,
    /// With a profile, only its accounts and fixture bindings count.
    pub profile: Option<Profile>,
    /// A PEM file of CA certificates trusted beside the system's.
    pub ca_cert: Option<PathBuf>,
    /// Requests per second across the whole run.
    pub rate: Option<f64>,
    /// How often a `400 Throttling` answer is retried.
    pub retries: u32,
    pub region: String,
    pub formats: Vec<Format>,
    pub wires: Vec<WireStyle>,
    pub snapshots: Mode,
    /// The reference snapshot set, recorded from the embedded emulator.
    pub snapshots_dir: PathBuf,
    /// The target's own snapshot set (`--snapshot-dir`, a profile's
    /// `snapshots:`), compared strictly.
    pub own_snapshots: Option<PathBuf>,
    pub request_timeout: Duration,
    pub total_timeout: Duration,
    /// The embedded emulator's deliberate fault.
    pub mutant: Option<Mutant>,
    /// The documented readings the embedded emulator takes besides its
    /// defaults (`--reading ID=CHOICE`).
    pub readings: Selection,
    /// Only this shard of the plan (`--partition hash:K/N`).
    pub partition: Option<Partition>,
    /// A second target every run also goes to (`--against URL`).
    pub against: Option<String>,
    /// The second target's default account (default: the manifest's).
    pub against_credentials: Option<Credentials>,
    /// The command that replays a run of this session, less `--exact ID`.
    pub reproduce: String,
}

/// The request styles a run sends when neither `--wire` nor a profile
/// names any: every style, because real clients send all of them
/// (wire-protocol.md §1: GET, POST with the query, POST with a form body,
/// and V3).
pub const DEFAULT_WIRE_STYLES: [WireStyle; 4] = WireStyle::ALL;

impl SessionOptions {
    /// The whole suite in both formats over every request style, against
    /// the embedded emulator, snapshots checked.
    pub fn embedded(
        cases: impl Into<PathBuf>,
        snapshots_dir: impl Into<PathBuf>,
    ) -> SessionOptions {
        SessionOptions {
            suite: SuiteArgs {
                cases: cases.into(),
                fixtures: None,
            },
            target: None,
            credentials: None,
            profile: None,
            ca_cert: None,
            rate: None,
            retries: crate::runner::DEFAULT_RETRIES,
            region: "cn-hangzhou".to_string(),
            formats: Format::ALL.to_vec(),
            wires: DEFAULT_WIRE_STYLES.to_vec(),
            snapshots: Mode::Check,
            snapshots_dir: snapshots_dir.into(),
            own_snapshots: None,
            request_timeout: Duration::from_secs(10),
            total_timeout: Duration::from_secs(600),
            mutant: None,
            readings: Selection::default(),
            partition: None,
            against: None,
            against_credentials: None,
            reproduce: "createimage-contract run".to_string(),
        }
    }
}

/// One open session. [`Session::close`] stops the embedded emulator.
#[derive(Debug)]
pub struct Session {
    pub manifest: Manifest,
    pub suite: Suite,
    pub plan: Plan,
    pub context: Arc<Context>,
    pub runtime: tokio::runtime::Runtime,
    /// The embedded emulator, when there is no target: the target's
    /// transport is its router, called in this process.
    embedded: Option<emulator::Emulator>,
}

impl Session {
    pub fn open(options: &SessionOptions) -> Result<Session, HarnessError> {
        if options.mutant.is_some() && options.snapshots == Mode::Update {
            return Err(HarnessError::Usage(
                "a mutant's answers are wrong on purpose: they cannot be recorded as snapshots"
                    .to_string(),
            ));
        }
        if options.target.is_some()
            && options.own_snapshots.is_none()
            && options.snapshots == Mode::Update
        {
            return Err(HarnessError::Usage(format!(
                "--snapshots update against another target than the embedded emulator needs that target's own snapshot set: name one with --snapshot-dir DIR or `snapshots: DIR` in its profile ({} is the reference set, recorded from the embedded emulator only)",
                options.snapshots_dir.display()
            )));
        }
        if !options.readings.is_default() && options.snapshots == Mode::Update {
            return Err(HarnessError::Usage(format!(
                "snapshots are recorded from the emulator's default readings: drop --reading {} or --snapshots update",
                options.readings
            )));
        }
        if !options.readings.is_default() && options.target.is_some() {
            return Err(HarnessError::Usage(format!(
                "--reading {} configures the embedded emulator, not a target: drop it, or run without --target (and without a profile `endpoint`)",
                options.readings
            )));
        }
        let (manifest, suite) = load_suite(&options.suite)?;
        let runtime = runtime()?;
        let embedded = options
            .target
            .is_none()
            .then(|| emulator::Emulator::new(&manifest, options.readings.rules(), options.mutant));
        let rate = match options.rate {
            Some(rate) => RateLimit::per_second(rate).map_err(HarnessError::Usage)?,
            None => RateLimit::unlimited(),
        };
        let connection = Connection {
            request_timeout: options.request_timeout,
            ca_cert: options.ca_cert.clone(),
            rate,
            retry: RetryPolicy::new(options.retries),
        };
        let resolved = credentials_and_bindings(&manifest, options)?;
        let mut target = match (&options.target, &embedded) {
            (Some(url), _) => Target::new(
                url,
                &options.region,
                resolved.accounts,
                resolved.bindings,
                &connection,
            ),
            (None, Some(emulator)) => Target::with_transport(
                EMBEDDED_URL,
                &options.region,
                resolved.accounts,
                resolved.bindings,
                Transport::InProcess(emulator.router()),
                &connection,
            ),
            (None, None) => unreachable!("an embedded emulator is made when no target is given"),
        }
        .map_err(HarnessError::Usage)?;
        target.unbound_accounts = resolved.unbound_accounts;
        let against = match &options.against {
            Some(url) => Some(Against::new(
                Target::new(
                    url,
                    &options.region,
                    accounts(&manifest, true, &options.against_credentials),
                    manifest.bindings(),
                    &connection,
                )
                .map_err(HarnessError::Usage)?,
            )),
            None => None,
        };
        let recorded_from = match &options.target {
            Some(url) => crate::report::redact::url(url),
            None if options.readings.is_default() => EMBEDDED.to_string(),
            None => format!("{EMBEDDED} with --reading {}", options.readings),
        };
        let mut plan = plan(
            &suite,
            &PlanOptions {
                formats: options.formats.clone(),
                wires: options.wires.clone(),
            },
        );
        if let Some(partition) = &options.partition {
            partition.apply(&mut plan);
        }
        let snapshots = snapshot_store(options, recorded_from);
        let context = Arc::new(Context {
            runtime: runtime.handle().clone(),
            target,
            created: CreatedImages::default(),
            snapshots,
            sources: Sources::default(),
            deadline: Instant::now() + options.total_timeout,
            records: Mutex::new(Vec::new()),
            against,
            reproduce: options.reproduce.clone(),
        });
        Ok(Session {
            manifest,
            suite,
            plan,
            context,
            runtime,
            embedded,
        })
    }

    /// Runs the whole plan without console output.
    pub fn run_all(&self, jobs: usize) -> Vec<RunRecord> {
        self.runtime
            .block_on(run_all(&self.plan.runs, &self.context, jobs))
    }

    /// Deletes every image the runs so far created (`--cleanup`), over the
    /// session's first request style.
    pub fn clean_up(&self, style: WireStyle) -> CleanupReport {
        self.runtime
            .block_on(clean_up(&self.context.target, &self.context.created, style))
    }

    /// The embedded emulator, when the session has no target.
    pub fn embedded_emulator(&self) -> Option<&emulator::Emulator> {
        self.embedded.as_ref()
    }

    /// Ends the session: what is left on the runtime (idle client
    /// connections) is dropped without waiting for its threads to wind
    /// down, and what the session holds is freed in the background
    /// ([`release::in_background`]).
    pub fn close(self) {
        let Session {
            manifest,
            suite,
            plan,
            context,
            runtime,
            embedded,
        } = self;
        runtime.shutdown_background();
        release::in_background((manifest, suite, plan, context, embedded));
    }
}

/// The snapshot set the runs compare with: the target's own set when it has
/// one (the embedded emulator's is the reference set), compared strictly;
/// else the reference set, advisorily. No pending snapshots in CI, nor from
/// a mutant (its answers are wrong on purpose).
fn snapshot_store(options: &SessionOptions, recorded_from: String) -> SnapshotStore {
    // No pending snapshots in CI, nor from a mutant (its answers are wrong
    // on purpose) or another reading (the reference set records the
    // defaults).
    let no_pending = std::env::var_os("CI").is_some()
        || options.mutant.is_some()
        || !options.readings.is_default();
    let own = options.own_snapshots.clone().or_else(|| {
        options
            .target
            .is_none()
            .then(|| options.snapshots_dir.clone())
    });
    match own {
        Some(dir) => SnapshotStore::new(dir, options.snapshots, no_pending),
        None => SnapshotStore::new(&options.snapshots_dir, options.snapshots, true).advisory(),
    }
    .recording_from(recorded_from)
}

/// Credentials per account, why the others have none, and the fixture
/// bindings. With a profile, only the profile counts (the command line's
/// keys still override its default account); without one, see [`accounts`].
fn credentials_and_bindings(
    manifest: &Manifest,
    options: &SessionOptions,
) -> Result<Resolved, HarnessError> {
    let Some(profile) = &options.profile else {
        return Ok(Resolved {
            accounts: accounts(manifest, options.target.is_some(), &options.credentials),
            unbound_accounts: BTreeMap::new(),
            bindings: manifest.bindings(),
        });
    };
    profile
        .check(manifest)
        .map_err(|e| HarnessError::Usage(e.to_string()))?;
    let mut resolved = profile.resolve(manifest, |name| std::env::var(name).ok());
    if let Some(credentials) = &options.credentials {
        resolved
            .accounts
            .insert("default".to_string(), credentials.clone());
        resolved.unbound_accounts.remove("default");
    }
    Ok(resolved)
}

/// The URL of the embedded emulator: it names the `host` header its
/// requests carry (and V3 signs); no name is looked up and no socket opened.
pub const EMBEDDED_URL: &str = "http://embedded-emulator";

/// How snapshots recorded from the embedded emulator name their target.
pub const EMBEDDED: &str = "embedded reference emulator";

/// Credentials per fixture account. The embedded emulator uses the
/// manifest's keys; another (`external`) target takes the default account's
/// keys from `default` when given, and the other accounts' keys from the
/// manifest (for targets seeded from the same manifest).
fn accounts(
    manifest: &Manifest,
    external: bool,
    default: &Option<Credentials>,
) -> BTreeMap<String, Credentials> {
    let mut accounts = manifest.credentials();
    if external && let Some(credentials) = default {
        accounts.insert("default".to_string(), credentials.clone());
    }
    accounts
}
