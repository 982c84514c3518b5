//! [`Reporting`]: what `run` needs to turn a session's records into reports
//! at any moment — after libtest-mimic finishes, or on Ctrl-C with what
//! finished so far.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use crate::cli::RunArgs;
use crate::report::build::prepare;
use crate::report::model::RunEntry;
use crate::report::model::{Provenance, RunOptions, TargetInfo};
use crate::report::redact::{self, Redactor};
use crate::report::{ExpectedFailures, Inputs, Outputs, Report, build, provenance};
use crate::runner::{PlanOptions, Run, RunRecord, plan};

use super::HarnessError;
use super::session::{Session, SessionOptions};

/// Report settings and the fixed part of the provenance of one `run`.
#[derive(Debug)]
pub struct Reporting {
    pub outputs: Outputs,
    pub expected: Option<ExpectedFailures>,
    pub strict: bool,
    /// The runs libtest-mimic will run (after its filters), in plan order.
    pub selected: Vec<Run>,
    /// Run id → its place in the whole plan, before filters and shards.
    positions: HashMap<String, usize>,
    provenance: Provenance,
    started: Instant,
    redactor: Redactor,
    /// Each finished run's entry, made as it finished ([`Reporting::prepare`]).
    prepared: Mutex<HashMap<String, RunEntry>>,
}

impl Reporting {
    pub fn new(
        args: &RunArgs,
        options: &SessionOptions,
        session: &Session,
        selected: Vec<Run>,
    ) -> Result<Reporting, HarnessError> {
        let expected = args
            .expected_failures
            .as_deref()
            .map(ExpectedFailures::load)
            .transpose()
            .map_err(HarnessError::Usage)?;
        let suite_hash = provenance::suite_hash(&session.suite, &args.suite.fixtures_path())
            .map_err(|e| HarnessError::Usage(format!("cannot read the suite to hash it: {e}")))?;
        let context = &session.context;
        let mut redactor = Redactor::new();
        let targets =
            std::iter::once(&context.target).chain(context.against.as_ref().map(|a| &a.target));
        for target in targets {
            for credentials in target.accounts.values() {
                redactor.secret(&credentials.access_key_secret);
                if let Some(token) = &credentials.security_token {
                    redactor.secret(token);
                }
            }
        }
        for secret in [
            &args.endpoint.access_key_secret,
            &args.endpoint.security_token,
            &args.against_access_key_secret,
        ]
        .into_iter()
        .flatten()
        {
            redactor.secret(secret);
        }
        for url in [&options.target, &options.against].into_iter().flatten() {
            if let Ok(parsed) = reqwest::Url::parse(url)
                && let Some(password) = parsed.password()
            {
                redactor.secret(password);
            }
        }
        let provenance = Provenance {
            harness_version: env!("CARGO_PKG_VERSION").to_string(),
            suite_hash,
            case_count: session.suite.cases().count(),
            target: TargetInfo {
                url: redact::url(&context.target.base_url),
                embedded: options.target.is_none(),
                mutant: args.mutant.clone(),
            },
            against: options.against.as_deref().map(|url| TargetInfo {
                url: redact::url(url),
                embedded: false,
                mutant: None,
            }),
            options: RunOptions {
                formats: options.formats.iter().map(ToString::to_string).collect(),
                wires: options.wires.iter().map(ToString::to_string).collect(),
                snapshots: format!("{:?}", options.snapshots).to_lowercase(),
                region: options.region.clone(),
                filter: args.libtest.filter.clone(),
                exact: args.libtest.exact,
                skip: args.libtest.skip.clone(),
                partition: options.partition.map(|p| p.to_string()),
                timeout_s: args.pacing.timeout,
                total_timeout_s: args.total_timeout,
                expected_failures: args
                    .expected_failures
                    .as_ref()
                    .map(|p| p.display().to_string()),
                strict: args.strict,
                command: Some(options.reproduce.clone()),
            },
            started_at: provenance::now_rfc3339(),
            duration_ms: 0,
            snapshot_sources: Vec::new(),
            shards: Vec::new(),
        };
        // A run's place in the whole plan, which a shard's report keeps so
        // that merged shards read in plan order; without a partition the
        // session's plan is the whole plan.
        let positions = match options.partition {
            None => session
                .plan
                .runs
                .iter()
                .enumerate()
                .map(|(i, run)| (run.id.clone(), i))
                .collect(),
            Some(_) => plan(
                &session.suite,
                &PlanOptions {
                    formats: options.formats.clone(),
                    wires: options.wires.clone(),
                },
            )
            .runs
            .into_iter()
            .enumerate()
            .map(|(i, run)| (run.id, i))
            .collect(),
        };
        Ok(Reporting {
            positions,
            outputs: Outputs {
                json: args.reports.json.clone(),
                junit: args.reports.junit.clone(),
                html: args.reports.html.clone(),
                markdown: args.reports.markdown.clone(),
                badge: args.reports.badge.clone(),
            },
            expected,
            strict: args.strict,
            selected,
            provenance,
            started: Instant::now(),
            redactor,
            prepared: Mutex::new(HashMap::new()),
        })
    }

    /// Makes a finished run's report entry now, on the runtime beside the
    /// runs still going, rather than all of them at the end.
    pub fn prepare(&self, record: &RunRecord, session: &crate::runner::Context) {
        let entry = prepare(
            record,
            &session.snapshots,
            session.against.as_ref(),
            &self.redactor,
        );
        self.prepared
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(entry.id.clone(), entry);
    }

    /// The report of what has finished so far.
    pub fn report(&self, session: &crate::runner::Context, complete: bool) -> Report {
        // Held while the report is built: runs still going (on Ctrl-C) wait
        // to be recorded rather than the records being copied.
        let records = session.records.lock().unwrap_or_else(|e| e.into_inner());
        let mut provenance = self.provenance.clone();
        provenance.duration_ms = self.started.elapsed().as_millis() as u64;
        build(Inputs {
            selected: &self.selected,
            records: &records,
            positions: &self.positions,
            snapshots: &session.snapshots,
            against: session.against.as_ref(),
            expected: self.expected.as_ref(),
            strict: self.strict,
            provenance,
            complete,
            redactor: &self.redactor,
            // Handed over, not copied: a later report (there is none after
            // the final one) would prepare its entries again from the records.
            prepared: std::mem::take(&mut *self.prepared.lock().unwrap_or_else(|e| e.into_inner())),
        })
    }
}
