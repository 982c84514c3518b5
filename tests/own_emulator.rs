//! The path of `docs/own-emulator.md` works as written, with `serve` (the
//! reference emulator, with the page's deliberate fault) in the place of
//! the reader's emulator.
//!
//! The page's fenced blocks are followed in order, in a directory that
//! looks like a checkout (`cases`, `snapshots` and `docs` linked, the binary
//! on `PATH`):
//! - a `yaml` or `python` block whose first line is a comment naming a
//!   file (`# my-emulator.yaml`) is that file: the page's files are written
//!   before every script (a script may use a file the page shows after it);
//! - an `sh` block is run through `bash -e`; a line `createimage-contract
//!   serve … &` is started here instead (`--listen 127.0.0.1:0`, and the
//!   address it prints stands for `127.0.0.1:8080` in every later command
//!   and file), so that it is stopped by its process id at the end; the
//!   block must exit `N` when a line says `# exits N`, else `0`;
//! - the example failure (the block with `reproduce:`) must match what the
//!   failing run printed.
//!
//! `seed.py` reads `fixtures --json` with Python's standard library only.
//! The manifest's in-progress client token, which the page says differs
//! from what the cases send with it, is checked against every case.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Served, binary, checkout_with_binary, shown, temp_dir, text};
use createimage_contract::fixtures::Manifest;
use createimage_contract::suite::{Known, Piece, load_dir};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// The address the page's commands and files use for the reader's emulator.
const PAGE_ADDRESS: &str = "127.0.0.1:8080";

/// One fenced block of the page: its info string and its text.
struct Block {
    lang: String,
    text: String,
}

fn page() -> String {
    std::fs::read_to_string(Path::new(ROOT).join("docs/own-emulator.md")).unwrap()
}

fn blocks(page: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut open: Option<Block> = None;
    for line in page.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(lang)) => {
                open = Some(Block {
                    lang: lang.trim().to_owned(),
                    text: String::new(),
                })
            }
            (Some(_), Some(_)) => blocks.extend(open.take()),
            (Some(block), None) => {
                block.text.push_str(line);
                block.text.push('\n');
            }
            (None, None) => {}
        }
    }
    blocks
}

/// A directory that looks like a checkout, and a `PATH` with the binary.
fn checkout() -> (PathBuf, String) {
    checkout_with_binary("own-emulator", &["cases", "snapshots", "docs"])
}

/// `bash -e -c SCRIPT` in `dir`, with the binary first on `PATH` and no
/// credential or proxy of this machine.
fn bash(dir: &Path, path: &str, script: &str) -> Output {
    let mut command = Command::new("bash");
    command.args(["-e", "-c", script]).current_dir(dir);
    for (name, _) in binary().get_envs() {
        command.env_remove(name);
    }
    command
        .env("PATH", path)
        .env("CI", "1")
        .output()
        .expect("bash starts")
}

/// The exit code a block's `# exits N` comment announces (default 0).
fn expected_exit(script: &str) -> i32 {
    script
        .lines()
        .find_map(|line| line.split("# exits ").nth(1))
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .map(|n| n.parse().expect("a number after `# exits`"))
        .unwrap_or(0)
}

/// The page followed so far: the checkout, the page's files, the emulator
/// it started and the address that stands for `127.0.0.1:8080`.
struct Walk {
    dir: PathBuf,
    path: String,
    /// The page's files: written (again) before every script, with the
    /// address of the emulator started so far (a script may use a file
    /// the page shows after it).
    files: Vec<(String, String)>,
    served: Vec<Served>,
    address: String,
}

impl Walk {
    /// An `sh` block made ready to run: its `serve … &` line started here,
    /// the page's files written, the page's address replaced.
    fn script(&mut self, block: &str) -> String {
        let mut script = String::new();
        for line in block.lines() {
            let serve = line
                .trim()
                .strip_prefix("createimage-contract serve")
                .and_then(|rest| rest.strip_suffix('&'));
            match serve {
                Some(args) => self.serve(args),
                None => {
                    script.push_str(line);
                    script.push('\n');
                }
            }
        }
        for (name, text) in &self.files {
            std::fs::write(
                self.dir.join(name),
                text.replace(PAGE_ADDRESS, &self.address),
            )
            .unwrap();
        }
        script.replace(PAGE_ADDRESS, &self.address)
    }

    /// `serve ARGS` started as a child of this test, on a free port.
    fn serve(&mut self, args: &str) {
        let mut extra = Vec::new();
        let mut words = args.split_whitespace();
        while let Some(word) = words.next() {
            if word == "--listen" {
                assert_eq!(words.next(), Some(PAGE_ADDRESS));
            } else {
                extra.push(word);
            }
        }
        let mut command = binary();
        command.current_dir(&self.dir);
        let server = Served::start_with(command, &extra);
        self.address = server.url.trim_start_matches("http://").to_owned();
        self.served.push(server);
    }
}

/// What `seed.py` prints for the shipped manifest.
fn seeded_line(manifest: &Manifest) -> String {
    format!(
        "seeded {} accounts, {} resource groups, {} instances, {} snapshots, {} client tokens",
        manifest.accounts.len(),
        manifest.resource_groups.len(),
        manifest.instances.len(),
        manifest.snapshots.len(),
        manifest.client_tokens.len()
    )
}

#[test]
fn the_own_emulator_path_works_as_written_against_a_served_emulator() {
    let page = page();
    let blocks = blocks(&page);
    let (dir, path) = checkout();
    let manifest = Manifest::builtin();
    let mut outputs: Vec<(String, Output)> = Vec::new();
    let (mut files, mut scripts) = (0, 0);
    let mut pages_files: Vec<(String, String)> = Vec::new();
    for block in &blocks {
        if block.lang != "yaml" && block.lang != "python" {
            continue;
        }
        let Some(name) = block.text.lines().next().and_then(|l| l.strip_prefix("# ")) else {
            continue;
        };
        let name = name.trim();
        assert!(
            !name.contains(' ') && name.contains('.'),
            "a file block starts with `# NAME.EXT`: {name}"
        );
        pages_files.push((name.to_owned(), block.text.clone()));
        files += 1;
    }
    let mut walk = Walk {
        dir,
        path,
        files: pages_files,
        served: Vec::new(),
        address: PAGE_ADDRESS.to_owned(),
    };

    for block in blocks.iter().filter(|b| b.lang == "sh") {
        let script = walk.script(&block.text);
        let out = bash(&walk.dir, &walk.path, &script);
        assert_eq!(
            out.status.code(),
            Some(expected_exit(&script)),
            "{script}{}",
            shown(&out)
        );
        scripts += 1;
        outputs.push((script, out));
    }
    assert!(
        files >= 3 && scripts >= 6,
        "{files} files, {scripts} scripts"
    );
    assert_eq!(walk.served.len(), 1, "the page starts one emulator");
    let (dir, path) = (walk.dir.clone(), walk.path.clone());

    // seed.py loaded everything the manifest holds.
    let (_, seeded) = outputs
        .iter()
        .find(|(script, _)| script.contains("python3 seed.py"))
        .expect("the page runs seed.py");
    assert_eq!(text(&seeded.stdout).trim(), seeded_line(&manifest));

    // Every run of the suite over the four styles, nothing ignored.
    let full_runs: Vec<&Output> = outputs
        .iter()
        .filter(|(script, _)| {
            script.contains("run --profile my-emulator.yaml") && !script.contains("--exact")
        })
        .map(|(_, out)| out)
        .collect();
    assert!(full_runs.len() >= 4, "{}", full_runs.len());
    let listed = bash(
        &dir,
        &path,
        "createimage-contract run --profile my-emulator.yaml --list",
    );
    let listed = text(&listed.stdout);
    let planned = listed.lines().filter(|l| l.ends_with(": test")).count();
    for style in ["::v1-get:", "::v1-post-query:", "::v1-post-form:", "::v3:"] {
        assert!(listed.contains(style), "{style} is not planned");
    }
    for out in &full_runs {
        let stdout = text(&out.stdout);
        let summary = stdout
            .lines()
            .find(|l| l.starts_with("test result:"))
            .unwrap_or_else(|| panic!("no summary: {}", shown(out)));
        assert!(summary.contains(" 0 ignored;"), "{summary}");
        let count = |what: &str| -> usize {
            summary
                .split(['.', ';'])
                .find_map(|part| part.trim().strip_suffix(what)?.trim().parse().ok())
                .unwrap_or_else(|| panic!("no `{what}` in {summary}"))
        };
        assert_eq!(count("passed") + count("failed"), planned, "{summary}");
    }

    // The example failure is what the failing run printed.
    let example = blocks
        .iter()
        .find(|b| b.lang.is_empty() && b.text.contains("reproduce:"))
        .expect("an example failure");
    let failing = text(&full_runs[0].stdout);
    for line in example.text.lines() {
        let line = line.trim();
        if line.contains('…') || line.starts_with("-->") || line.is_empty() {
            continue;
        }
        let shown_line = if line.starts_with(|c: char| c.is_ascii_digit()) {
            // `63 |       code: …`: the case line, wherever the file puts it.
            line.split_once('|').map_or(line, |(_, rest)| rest).trim()
        } else {
            line
        };
        assert!(
            failing.lines().any(|l| l.trim().ends_with(shown_line)),
            "the example line `{line}` is not in the output:\n{failing}"
        );
    }
    let location = example
        .text
        .lines()
        .find_map(|l| l.trim().strip_prefix("--> "))
        .expect("the example's location");
    let file = location.split(':').next().unwrap();
    assert!(failing.contains(&format!("--> {file}:")), "{location}");

    // The gate: reports written, disputed runs counted, the badge drawn,
    // and the own snapshot set recorded and compared.
    let report: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("report.json")).unwrap()).unwrap();
    assert_eq!(report["gate"]["passed"], true, "{}", report["gate"]);
    assert_eq!(report["totals"]["disputed"], 4, "{}", report["totals"]);
    for file in ["report.html", "summary.md", "badge.svg"] {
        assert!(dir.join(file).is_file(), "{file}");
    }
    let recorded = std::fs::read_dir(dir.join("snapshots-mine"))
        .unwrap()
        .count();
    assert!(recorded > 500, "{recorded} snapshots recorded");
    let gate = outputs.last().unwrap();
    assert!(gate.0.contains("--badge badge.svg"), "the gate is last");
    assert!(
        text(&gate.1.stdout).contains(" 0 failed;") || text(&gate.1.stderr).contains("disputed: 4"),
        "{}",
        shown(&gate.1)
    );

    drop(walk);
    let _ = std::fs::remove_dir_all(&dir);
}

/// The page's profile is the shipped emulator profile: the same accounts,
/// every style, every fixture from the manifest.
#[test]
fn the_pages_profile_binds_every_account_of_the_manifest_over_every_style() {
    let page = page();
    let profile = blocks(&page)
        .into_iter()
        .find(|b| b.text.starts_with("# my-emulator.yaml"))
        .expect("the page writes my-emulator.yaml");
    let dir = temp_dir("own-emulator-profile");
    let file = dir.join("my-emulator.yaml");
    std::fs::write(&file, &profile.text).unwrap();
    let manifest = Manifest::builtin();
    for path in [file, Path::new(ROOT).join("cases/profile.emulator.yaml")] {
        let profile = createimage_contract::profile::Profile::load(&path).unwrap();
        profile.check(&manifest).unwrap();
        let resolved = profile.resolve(&manifest, |_| None);
        assert!(resolved.unbound_accounts.is_empty(), "{path:?}");
        assert_eq!(resolved.bindings, manifest.bindings(), "{path:?}");
        let wire: Vec<&str> = profile.wire.iter().map(|w| w.value.as_str()).collect();
        assert_eq!(
            wire,
            ["v1-get", "v1-post-query", "v1-post-form", "v3"],
            "{path:?}: the default run's styles"
        );
        assert_eq!(
            resolved.accounts["sts"].security_token.as_deref(),
            manifest.account("sts").unwrap().security_token.as_deref(),
            "{path:?}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// The page names the gateway errors no fixture reaches: exactly the rows
/// of wire-protocol.md §5 that no case expects.
#[test]
fn the_gateway_errors_the_page_says_no_fixture_reaches_are_those_no_case_expects() {
    let mut expected = String::new();
    for entry in std::fs::read_dir(Path::new(ROOT).join("cases")).unwrap() {
        expected.push_str(&std::fs::read_to_string(entry.unwrap().path()).unwrap());
    }
    let page = page();
    let unreached = page
        .split("### What no fixture reaches")
        .nth(1)
        .expect("the section");
    for row in createimage_contract::contract::sentences::GATEWAY_ROWS.iter() {
        let asserted = expected.contains(&format!("code: {}\n", row.code));
        let listed = unreached.contains(&format!("| `{}` (gateway) |", row.code));
        assert!(
            asserted != listed,
            "{}: a case expects it: {asserted}; the page lists it as unreached: {listed}",
            row.code
        );
    }
}

/// The manifest states the in-progress token's first request; the cases
/// send the token with other parameters, from its owner.
#[test]
fn the_in_progress_tokens_first_request_differs_from_every_request_sent_with_it() {
    let manifest = Manifest::builtin();
    let known = Known {
        fixtures: manifest.references(),
        accounts: manifest.account_names(),
        ..Known::default()
    };
    let suite = load_dir(&Path::new(ROOT).join("cases"), &known).unwrap();
    let bindings = manifest.bindings();
    let mut sent = 0;
    for token in &manifest.client_tokens {
        let reference = format!("client-token.{}", token.name);
        for (_, case) in suite.cases() {
            for step in &case.steps {
                let sends_it = step.params.iter().any(|p| {
                    p.value
                        .pieces
                        .iter()
                        .any(|piece| *piece == Piece::Fixture(reference.clone()))
                });
                if !sends_it {
                    continue;
                }
                sent += 1;
                assert_eq!(
                    case.account.as_deref().unwrap_or("default"),
                    token.owner,
                    "{}: sent by another account than its owner",
                    case.id
                );
                let params: BTreeMap<String, String> = step
                    .params
                    .iter()
                    .filter(|p| p.name != "ClientToken" && !p.remove)
                    .map(|p| {
                        let value: String = p
                            .value
                            .pieces
                            .iter()
                            .map(|piece| match piece {
                                Piece::Text(text) => text.clone(),
                                Piece::Fixture(name) => bindings[name].clone(),
                                _ => "<fresh>".to_owned(),
                            })
                            .collect();
                        (p.name.clone(), value)
                    })
                    .collect();
                assert!(step.same_as.is_none(), "{}: same_as", case.id);
                assert_ne!(
                    params, token.first_request,
                    "{}: the same parameters as the token's first request",
                    case.id
                );
            }
        }
    }
    assert!(sent > 0, "no case sends an in-progress token");
}
