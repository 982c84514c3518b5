//! The command line: `run`, `serve`, `list`, `coverage`, `mutants`,
//! `readings`, `report merge` and `schema`.

use std::net::SocketAddr;
use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::check::snapshot::Mode;
use crate::runner::Partition;
use crate::wire::{Format, WireStyle};

/// Tells whether an implementation of Alibaba Cloud ECS `CreateImage`
/// honours its contract.
#[derive(Debug, Parser)]
#[command(name = "createimage-contract", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Replay the cases against a target (default: the embedded reference emulator).
    Run(Box<RunArgs>),
    /// Run the reference emulator until Ctrl-C.
    Serve(ServeArgs),
    /// List the cases: id, rule, file:line; or with --rule ID, everything
    /// about one rule.
    List(ListArgs),
    /// For every documented rule and error row, the cases that exercise it.
    Coverage(CoverageArgs),
    /// Replay the suite against every deliberate fault of the emulator and
    /// report which ones no case notices.
    Mutants(MutantsArgs),
    /// List the ambiguities of the contract that have more than one
    /// documented reading, and their choices (`--reading ID=CHOICE`).
    Readings(ReadingsArgs),
    /// Work with JSON reports (`report merge`).
    #[command(subcommand)]
    Report(ReportCommand),
    /// Print the JSON Schema of case files, target profiles or the fixture
    /// manifest (as in docs/case.schema.json, docs/profile.schema.json and
    /// docs/fixtures.schema.json).
    Schema(SchemaArgs),
    /// Print the fixture manifest resolved: every fixture reference with its
    /// id, or with --json every account and resource with every property,
    /// defaults filled in, for an emulator to seed itself from.
    Fixtures(FixturesArgs),
    /// Generate requests from the contract, send them to a target and to
    /// the reference emulator in this process, and write each disagreement,
    /// shrunk, as a ready-to-add case file.
    Explore(Box<ExploreArgs>),
}

#[derive(Debug, Args)]
pub struct ExploreArgs {
    #[command(flatten)]
    pub suite: SuiteArgs,

    #[command(flatten)]
    pub endpoint: TargetArgs,

    /// The seed of the generated cases; the same seed sends the same cases
    /// (default: a random one, printed).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,

    /// Mixed with the seed into every fresh image name and client token:
    /// the same seed sends the same requests under names no earlier
    /// exploration sent (default: a random one, printed; give the printed
    /// one to repeat an exploration exactly).
    #[arg(long, value_name = "HEX", value_parser = crate::explore::parse_salt)]
    pub salt: Option<u64>,

    /// Send at most N requests to the target, shrinking included.
    #[arg(long, default_value_t = 10_000, value_name = "N")]
    pub requests: u64,

    /// Stop generating new cases after S seconds.
    #[arg(long, value_name = "S")]
    pub time: Option<f64>,

    /// Where the case files of disagreements are written.
    #[arg(long, default_value = "explore-findings", value_name = "DIR")]
    pub out: PathBuf,

    #[command(flatten)]
    pub pacing: PacingArgs,

    /// Cases in flight at once.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub jobs: u16,

    /// Start the embedded emulator with this documented reading
    /// (repeatable; see `readings`). Every documented reading is accepted
    /// from any target either way.
    #[arg(long = "reading", value_name = "ID=CHOICE", conflicts_with = "target")]
    pub readings: Vec<String>,

    /// Start the embedded emulator with this deliberate fault (see `mutants`).
    #[arg(long, value_name = "NAME", conflicts_with = "target")]
    pub mutant: Option<String>,
}

#[derive(Debug, Args)]
pub struct FixturesArgs {
    /// The fixture manifest to resolve.
    #[arg(long, default_value = "cases/fixtures.yaml", value_name = "FILE")]
    pub fixtures: PathBuf,

    /// Print JSON (schema: `$defs/ResolvedManifest` of
    /// docs/fixtures.schema.json): accounts with their keys, resource groups,
    /// instances with their disks, snapshots and client tokens, every field
    /// present, and `references`, each fixture reference's id.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct SchemaArgs {
    /// Which file's schema.
    #[arg(value_enum)]
    pub kind: crate::schemas::SchemaKind,
}

#[derive(Debug, Args)]
pub struct CoverageArgs {
    #[command(flatten)]
    pub suite: SuiteArgs,

    /// Also run the suite against the embedded emulator and show, per rule
    /// and row, how its runs ended (snapshots are not compared).
    #[arg(long)]
    pub run: bool,

    /// Runs in flight at once with `--run`.
    #[arg(long, default_value_t = 8, value_name = "N")]
    pub jobs: usize,
}

/// `report …`.
#[derive(Debug, Subcommand)]
pub enum ReportCommand {
    /// Combine the JSON reports of shards into one report, in any format.
    /// Exits 1 when the merged runs fail (or fail their gate), like `run`.
    Merge(MergeArgs),
}

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The shards' JSON reports (`run --json FILE`).
    #[arg(required = true, value_name = "REPORT.json")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub reports: ReportFiles,
}

/// The report files to write; any number of them.
#[derive(Debug, Clone, Default, Args)]
pub struct ReportFiles {
    /// Write a JUnit XML report (one testcase per run, a testsuite per area).
    #[arg(long, value_name = "FILE")]
    pub junit: Option<PathBuf>,

    /// Write the JSON report (schema: docs/report.schema.json).
    #[arg(long, value_name = "FILE")]
    pub json: Option<PathBuf>,

    /// Write a self-contained HTML conformance report.
    #[arg(long, value_name = "FILE")]
    pub html: Option<PathBuf>,

    /// Write a Markdown summary (for a pull request or $GITHUB_STEP_SUMMARY).
    #[arg(long, value_name = "FILE")]
    pub markdown: Option<PathBuf>,

    /// Write an SVG badge of the score ("CreateImage conformance | 100 %"),
    /// green when the run passed, red on failures, grey when nothing was tested.
    #[arg(long, value_name = "FILE")]
    pub badge: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub suite: SuiteArgs,
    /// Instead of the cases, everything about the rule ID
    /// (`ImageName.length`): what the contract says, its error rows, the
    /// emulator's check, readings, cases, generated classes and mutants.
    #[arg(long, value_name = "ID")]
    pub rule: Option<String>,
}

/// Where the suite lives.
#[derive(Debug, Clone, Args)]
pub struct SuiteArgs {
    /// The directory of case files.
    #[arg(long, default_value = "cases", value_name = "DIR")]
    pub cases: PathBuf,
    /// The fixture manifest (default: DIR/fixtures.yaml).
    #[arg(long, value_name = "FILE")]
    pub fixtures: Option<PathBuf>,
}

impl SuiteArgs {
    pub fn fixtures_path(&self) -> PathBuf {
        self.fixtures
            .clone()
            .unwrap_or_else(|| self.cases.join("fixtures.yaml"))
    }
}

/// Which endpoint to reach, and how (`run` and `explore`).
#[derive(Debug, Clone, Args)]
pub struct TargetArgs {
    /// The endpoint to test, e.g. https://ecs.cn-hangzhou.aliyuncs.com.
    /// Without it (and without a profile's `endpoint`), the suite is
    /// replayed against the embedded reference emulator, in this process.
    #[arg(long, value_name = "URL")]
    pub target: Option<String>,

    /// A target profile: endpoint, region, wire styles, where each account's
    /// keys come from, and the target's id for each fixture. The other
    /// flags override it.
    #[arg(long, value_name = "FILE")]
    pub profile: Option<PathBuf>,

    /// Access key id of the target's default account (default: the
    /// profile's, or else ALIBABA_CLOUD_ACCESS_KEY_ID).
    #[arg(long)]
    pub access_key_id: Option<String>,

    /// Access key secret of the target's default account (default: the
    /// profile's, or else ALIBABA_CLOUD_ACCESS_KEY_SECRET; prefer a variable).
    #[arg(long)]
    pub access_key_secret: Option<String>,

    /// STS security token of the default account, sent as `SecurityToken`
    /// (default: ALIBABA_CLOUD_SECURITY_TOKEN, unless a profile gives the keys).
    #[arg(long)]
    pub security_token: Option<String>,

    /// The `RegionId` every request carries unless a case sets it
    /// (default: the profile's, or else cn-hangzhou).
    #[arg(long)]
    pub region: Option<String>,

    /// A PEM file of CA certificates to trust beside the system's (a
    /// private cloud's CA).
    #[arg(long, value_name = "FILE")]
    pub ca_cert: Option<PathBuf>,
}

/// How requests are paced, retried and cleaned up after (`run` and
/// `explore`).
#[derive(Debug, Clone, Args)]
pub struct PacingArgs {
    /// At most N requests per second across the whole command (retries and
    /// cleanup included).
    #[arg(long, value_name = "N")]
    pub rate: Option<f64>,

    /// How many times a `400 Throttling` answer is retried, with
    /// exponential backoff.
    #[arg(long, value_name = "N", default_value_t = crate::runner::DEFAULT_RETRIES)]
    pub retries: u32,

    /// Afterwards, delete every image the requests created (a signed
    /// DeleteImage per ImageId); what cannot be deleted is reported on
    /// stderr.
    #[arg(long)]
    pub cleanup: bool,

    /// Seconds one request may take, answer body included.
    #[arg(long, default_value_t = 10.0, value_name = "SECONDS")]
    pub timeout: f64,
}

#[derive(Debug, Args)]
pub struct RunArgs {
    #[command(flatten)]
    pub suite: SuiteArgs,

    #[command(flatten)]
    pub endpoint: TargetArgs,

    #[command(flatten)]
    pub pacing: PacingArgs,

    /// Response formats to run each case in.
    #[arg(long, value_delimiter = ',', default_value = "json,xml", value_parser = parse_format)]
    pub formats: Vec<Format>,

    /// Request styles to run each case over, comma-separated (`all` for
    /// every style; default: the profile's, or else all four: v1-get,
    /// v1-post-query, v1-post-form, v3).
    #[arg(long, value_delimiter = ',', value_parser = parse_wire)]
    pub wire: Vec<WireChoice>,

    /// Compare with recorded snapshots, compare strictly, record them, or
    /// skip them. A target's own set (the embedded emulator's, or
    /// --snapshot-dir) is always compared strictly; another target is
    /// compared with the reference set advisorily unless `strict`.
    #[arg(long, value_enum, default_value = "check")]
    pub snapshots: Mode,

    /// The reference snapshot set, recorded from the embedded emulator.
    #[arg(long, default_value = "snapshots", value_name = "DIR")]
    pub snapshots_dir: PathBuf,

    /// This target's own snapshot set (overrides the profile's
    /// `snapshots:`): recorded from it with --snapshots update, then
    /// compared strictly.
    #[arg(long, value_name = "DIR")]
    pub snapshot_dir: Option<PathBuf>,

    /// Seconds the whole run may take.
    #[arg(long, default_value_t = 600.0, value_name = "SECONDS")]
    pub total_timeout: f64,

    /// Send every run, even when the first 8 runs all got no answer in the
    /// same way (could not connect, timed out, connection closed); without
    /// it the others are then not run.
    #[arg(long)]
    pub keep_going: bool,

    /// Start the embedded emulator with this deliberate fault.
    #[arg(long, value_name = "NAME", conflicts_with = "target")]
    pub mutant: Option<String>,

    /// Start the embedded emulator with this documented reading of an
    /// ambiguity instead of its default (repeatable; see `readings`).
    #[arg(long = "reading", value_name = "ID=CHOICE", conflicts_with = "target")]
    pub readings: Vec<String>,

    /// Runs in flight at once (default 8), as tasks on one runtime: N runs
    /// keep up to N requests in flight whatever the number of CPUs; raise
    /// it for a slow, remote target. Overrides --test-threads.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..=1024))]
    pub jobs: Option<u16>,

    #[command(flatten)]
    pub reports: ReportFiles,

    /// A YAML map of run id to reason: runs known to fail. Listed failures
    /// do not fail the run; listed runs that pass are reported as stale.
    #[arg(long, value_name = "FILE")]
    pub expected_failures: Option<PathBuf>,

    /// Exit 0 even when the run tested nothing (no run selected, or every
    /// selected run ignored for an unbound fixture or account).
    #[arg(long)]
    pub allow_empty: bool,

    /// Print every run that differs from the reference snapshots, with its
    /// diff, after the run (default: the first few when more than 20
    /// differ; every one is in the JSON and HTML reports).
    #[arg(long)]
    pub show_all_differences: bool,

    /// With --expected-failures: stale entries (listed runs that passed)
    /// fail the run too.
    #[arg(long, requires = "expected_failures")]
    pub strict: bool,

    /// Run only this shard of the plan: hash:K/N (1 <= K <= N). N machines
    /// running K = 1..N together run every run exactly once.
    #[arg(long, value_name = "hash:K/N", value_parser = parse_partition)]
    pub partition: Option<Partition>,

    /// Also send every run to this second target and report where the two
    /// normalised answers differ.
    #[arg(long, value_name = "URL")]
    pub against: Option<String>,

    /// Access key id of the second target's default account (default: the
    /// fixture manifest's).
    #[arg(
        long,
        env = "CREATEIMAGE_CONTRACT_AGAINST_ACCESS_KEY_ID",
        hide_env_values = true,
        requires = "against"
    )]
    pub against_access_key_id: Option<String>,

    /// Access key secret of the second target's default account.
    #[arg(
        long,
        env = "CREATEIMAGE_CONTRACT_AGAINST_ACCESS_KEY_SECRET",
        hide_env_values = true,
        requires = "against"
    )]
    pub against_access_key_secret: Option<String>,

    /// libtest-mimic's own flags: FILTER, --exact, --skip, --list,
    /// --test-threads, --format pretty|terse|json, …
    #[command(flatten)]
    pub libtest: libtest_mimic::Arguments,
}

/// One `--wire` value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WireChoice {
    One(WireStyle),
    All,
}

impl RunArgs {
    pub fn wire_styles(&self) -> Vec<WireStyle> {
        let mut styles = Vec::new();
        for choice in &self.wire {
            let add: Vec<WireStyle> = match choice {
                WireChoice::All => WireStyle::ALL.to_vec(),
                WireChoice::One(style) => vec![*style],
            };
            for style in add {
                if !styles.contains(&style) {
                    styles.push(style);
                }
            }
        }
        styles
    }
}

fn parse_format(s: &str) -> Result<Format, String> {
    s.parse()
}

fn parse_partition(s: &str) -> Result<Partition, String> {
    s.parse()
}

fn parse_wire(s: &str) -> Result<WireChoice, String> {
    if s == "all" {
        Ok(WireChoice::All)
    } else {
        s.parse().map(WireChoice::One)
    }
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    pub listen: SocketAddr,

    /// The fixture manifest to seed from.
    #[arg(long, default_value = "cases/fixtures.yaml", value_name = "FILE")]
    pub fixtures: PathBuf,

    /// Serve with this deliberate fault.
    #[arg(long, value_name = "NAME")]
    pub mutant: Option<String>,

    /// Serve with this documented reading of an ambiguity instead of its
    /// default (repeatable; see `readings`).
    #[arg(long = "reading", value_name = "ID=CHOICE")]
    pub readings: Vec<String>,
}

#[derive(Debug, Args)]
pub struct ReadingsArgs {
    /// Print a JSON list of {"id", "choices", "default", "summary", "readings"}.
    #[arg(long)]
    pub json: bool,
}

#[derive(Debug, Args)]
pub struct MutantsArgs {
    #[command(flatten)]
    pub suite: SuiteArgs,

    /// The snapshot directory (snapshots are compared, never written).
    #[arg(long, default_value = "snapshots", value_name = "DIR")]
    pub snapshots_dir: PathBuf,

    /// Runs in flight at once (default 8).
    #[arg(long, value_name = "N")]
    pub jobs: Option<usize>,

    /// Only these mutants (default: all of them).
    #[arg(value_name = "MUTANT")]
    pub mutants: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cli_definition_is_consistent() {
        use clap::CommandFactory;
        Cli::command().debug_assert();
    }

    #[test]
    fn run_accepts_libtest_flags_beside_its_own() {
        let cli = Cli::try_parse_from([
            "createimage-contract",
            "run",
            "--formats",
            "json",
            "--wire",
            "all",
            "--exact",
            "--format",
            "json",
            "--test-threads",
            "4",
            "image-name",
        ])
        .unwrap();
        let Command::Run(run) = cli.command else {
            panic!("not run");
        };
        assert_eq!(run.formats, vec![Format::Json]);
        assert_eq!(run.wire_styles(), WireStyle::ALL.to_vec());
        assert!(run.libtest.exact);
        assert_eq!(run.libtest.test_threads, Some(4));
        assert_eq!(run.libtest.filter.as_deref(), Some("image-name"));
    }

    #[test]
    fn run_and_serve_take_repeated_readings() {
        let cli = Cli::try_parse_from([
            "createimage-contract",
            "run",
            "--reading",
            "image-name-characters=error-table",
            "--reading",
            "tags-quota=index-out-of-range",
        ])
        .unwrap();
        let Command::Run(run) = cli.command else {
            panic!("not run");
        };
        assert_eq!(run.readings.len(), 2);
        let cli = Cli::try_parse_from([
            "createimage-contract",
            "serve",
            "--reading",
            "tags-quota=index-out-of-range",
        ])
        .unwrap();
        let Command::Serve(serve) = cli.command else {
            panic!("not serve");
        };
        assert_eq!(serve.readings, ["tags-quota=index-out-of-range"]);
        assert!(
            Cli::try_parse_from([
                "createimage-contract",
                "run",
                "--target",
                "http://127.0.0.1:9",
                "--reading",
                "tags-quota=index-out-of-range",
            ])
            .is_err()
        );
    }

    #[test]
    fn run_takes_report_files_gates_shards_and_a_second_target() {
        let cli = Cli::try_parse_from([
            "createimage-contract",
            "run",
            "--json",
            "r.json",
            "--junit",
            "r.xml",
            "--expected-failures",
            "x.yaml",
            "--strict",
            "--partition",
            "hash:2/3",
            "--against",
            "http://127.0.0.1:9",
        ])
        .unwrap();
        let Command::Run(run) = cli.command else {
            panic!("not run");
        };
        assert_eq!(run.reports.json, Some(PathBuf::from("r.json")));
        assert_eq!(run.reports.junit, Some(PathBuf::from("r.xml")));
        assert!(run.strict);
        assert_eq!(run.partition.unwrap().to_string(), "hash:2/3");
        assert_eq!(run.against.as_deref(), Some("http://127.0.0.1:9"));
        assert!(
            Cli::try_parse_from(["createimage-contract", "run", "--partition", "hash:4/3"])
                .is_err()
        );
    }
}
