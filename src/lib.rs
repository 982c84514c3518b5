//! # createimage-contract
//!
//! A contract-testing harness for implementations of the Alibaba Cloud ECS
//! `CreateImage` operation, and a reference emulator of that operation.
//!
//! The harness loads YAML cases, replays them against any endpoint that speaks
//! the ECS RPC protocol (signed as the real cloud requires), checks status,
//! error code, message and body shape, diffs each response against a recorded
//! snapshot, and reports per run. With no target given it makes the embedded
//! reference emulator and replays the suite against it in the same process:
//! each request is handed to the emulator's HTTP service as it would arrive
//! from the network, without a socket (`serve` puts the same service on a
//! port).
//!
//! ## The data path
//!
//! One module per stage, one named type across each boundary:
//!
//! ```text
//! cases/*.yaml ──suite──▶ Suite{Case…} ──runner::plan──▶ Plan{Run…} ──wire──▶ check::Observed
//!                                                                               │
//!                                   check::Verdict ◀────────────────────────────┘
//!                                          │
//!                         runner::RunRecord (console via libtest-mimic)
//!                                          │
//!                   report::build ──▶ report::Report ──▶ JSON, JUnit, HTML, Markdown
//! ```
//!
//! - [`fixtures`]: the fixture manifest (`cases/fixtures.yaml`): every resource
//!   and account a case may name, with the ids the emulator seeds, and the
//!   account that owns a resource when one does (a step may sign as
//!   another account: state and resources belong to an account); a
//!   contract of its own for emulator authors (`docs/fixtures.md`, its JSON
//!   Schema, `fixtures --json`: the manifest resolved, as plain JSON).
//! - [`profile`]: target profiles (`run --profile FILE`): a target's endpoint,
//!   region, request styles, where each account's keys come from (variable
//!   names), and its id for each fixture; what a profile leaves unbound is
//!   ignored, never passed.
//! - [`suite`]: case files → [`suite::Suite`]. Every node keeps its
//!   `file:line:col`, so a bad case file and a failed expectation both point at
//!   the line that caused them. [`suite::trace`] traces every asserted part of
//!   an expectation to the sentences of the documents that fix it, and gives
//!   each failure those sentences.
//! - [`wire`]: the protocol, shared by client and server: V1 and V3 signing and
//!   verification, the request styles (GET query, POST query, POST form, V3),
//!   and decoding JSON or XML answers into one body tree.
//! - [`runner`]: turns a suite into a [`runner::Plan`] of runs (case × format ×
//!   wire style), keeps one shard of it ([`runner::Partition`],
//!   `--partition hash:K/N`), sends them on one tokio runtime (HTTPS with the
//!   system's roots and `--ca-cert`, proxies, `--rate`, retries on
//!   `Throttling`, a request that met a closed connection sent again on a
//!   fresh one), and hands each run to libtest-mimic as a trial; a run that
//!   says nothing about the contract (the target unreachable, throttling to
//!   the end) is not judged ([`runner::Outcome::NotJudged`]), and a
//!   [`runner::Breaker`] stops sending when the first runs get no answer;
//!   `--cleanup` deletes the images the runs created (a ledger the run
//!   keeps, not the transport); with `--against` each run also goes to a
//!   second target ([`runner::Against`]) and the normalised answers are
//!   diffed. A target is reached over HTTP, the embedded emulator in
//!   process ([`runner::Transport`]).
//! - [`check`]: compares an exchange with the case's expectations and its
//!   recorded snapshot; produces a [`check::Verdict`]. After the runs,
//!   [`check::invariants`] judges the run-level invariants
//!   ([`contract::invariants`]: distinct `RequestId`s and `ImageId`s, a
//!   replay repeating its `ImageId`, a nonce accepted once) over every
//!   answer; a broken one fails the run set. Contract failures are
//!   data, never errors. Snapshots compare as trees, through an ordered list
//!   of normalisers for what a target may choose ([`check::semantic`]); a
//!   snapshot set belongs to a target: `snapshots/` is the reference set,
//!   recorded from the embedded emulator and compared strictly against it,
//!   advisorily against any other target (`--snapshots strict` for byte
//!   parity), while a profile's `snapshots:` set is compared strictly
//!   ([`check::reference`]).
//! - [`report`]: every finished run's record becomes one [`report::Report`],
//!   with provenance and every secret removed, rendered as JSON (versioned,
//!   the format `report merge` reads back), JUnit, a self-contained HTML
//!   conformance page, a Markdown summary and an SVG badge; the
//!   expected-failures gate judges it. A failed run shows the request of
//!   each failing step as sent (a [`runner::RunRecord`] keeps it,
//!   [`report::request`] shows it, its security token and signatures
//!   redacted) and the entry that would dispute its case; `run` prints
//!   the verdict last.
//! - [`schemas`]: the JSON Schemas of case files, target profiles and the
//!   fixture manifest (`docs/*.schema.json`), generated from what the
//!   loaders read (and, for the manifest resolved, what `fixtures --json`
//!   writes).
//! - [`contract`]: `CreateImage.md` as data: the two documents themselves
//!   (`docs/spec/`, [`contract::documents`]) and verbatim quotes of them, every
//!   parameter and its rules under stable ids with the sentences that state
//!   them, the documented error rows, the envelope and gateway sentences
//!   ([`contract::sentences`]), every place the document contradicts itself
//!   with its readings, and [`contract::Rules`], the rule table as one value. Generated boundary cases (`suite::generated`) are
//!   derived from it.
//! - [`emulator`]: the reference `CreateImage` server, which interprets
//!   [`contract::Rules`]: gateway (signature over everything it covers,
//!   the access key matched exactly, an STS key's security token, format,
//!   envelopes), the
//!   operation's checks (each reads its limits from the rules;
//!   [`emulator::checks`] maps every rule id to the function that decides
//!   it), and an atomic store; and its deliberate faults
//!   ([`emulator::mutants`]): a fault of a rule is an edit of the rules, as
//!   a reading is, and the others sit behind one named seam each. The
//!   `mutants` command ([`commands::mutants()`]) proves the suite notices
//!   them; `list --rule ID` shows everything about one rule.
//! - [`explore`]: property-based differential exploration (`explore`):
//!   generated requests sent to a target and to reference emulators in the
//!   process, one per documented reading; each disagreement shrunk with
//!   proptest and written as a case file.
//! - [`coverage`]: which rules and error rows the suite exercises, whether
//!   every expectation is traced, and what the target answered
//!   (`createimage-contract coverage [--run]`).
//! - [`commands`]: what each command does; [`commands::Session`] opens a
//!   suite against a target (the embedded emulator when none is given).
//! - [`cli`] and [`exit`]: the command line and its exit codes.

pub mod check;
pub mod cli;
pub mod commands;
pub mod contract;
pub mod coverage;
pub mod emulator;
pub mod exit;
pub mod explore;
pub mod fixtures;
pub mod profile;
pub mod report;
pub mod runner;
pub mod schemas;
pub mod suite;
pub mod wire;
