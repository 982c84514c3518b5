//! `createimage-contract coverage`: the real corpus covers every documented
//! rule, every applicable class of each rule and every error row; no case
//! passes whatever the target answers; a corpus missing a file names what
//! only that file covered; an unknown rule id in a case is a load error
//! with a hint.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use createimage_contract::coverage::Coverage;
use createimage_contract::coverage::definite::{is_informational, vacuous_steps};
use createimage_contract::fixtures::Manifest;
use createimage_contract::suite::{Known, Suite, load_dir};

fn project() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_createimage-contract"))
        .args(args)
        .current_dir(project())
        .env("CI", "1")
        .stdin(Stdio::null())
        .output()
        .expect("the binary starts")
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// A copy of `cases/` (and the manifest) without the file `left_out`,
/// removed on drop.
struct Corpus(PathBuf);

impl Corpus {
    fn without(left_out: &str) -> Corpus {
        let dir =
            std::env::temp_dir().join(format!("cic-coverage-{left_out}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        for entry in std::fs::read_dir(project().join("cases")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap();
            if name != left_out {
                std::fs::copy(&path, dir.join(name)).unwrap();
            }
        }
        Corpus(dir)
    }

    fn path(&self) -> &str {
        self.0.to_str().unwrap()
    }
}

impl Drop for Corpus {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn load(dir: &Path) -> Suite {
    let manifest = Manifest::load(&project().join("cases/fixtures.yaml")).unwrap();
    let known = Known {
        fixtures: manifest.references(),
        accounts: manifest.account_names(),
        ..Known::default()
    };
    load_dir(dir, &known).unwrap()
}

fn covered_rows(suite: &Suite) -> BTreeSet<&'static str> {
    Coverage::of(suite)
        .rows
        .iter()
        .filter(|r| !r.cases.is_empty())
        .map(|r| r.row.id)
        .collect()
}

#[test]
fn coverage_of_the_real_corpus_is_complete_and_exits_0() {
    let out = run(&["coverage"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    assert!(!stdout.contains("uncovered:"), "{stdout}");
    assert!(!stdout.contains("NOT COVERED"), "{stdout}");
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.starts_with("coverage: rows 45/45, rules "),
        "{summary}"
    );
    let classes = summary.split(", classes ").nth(1).unwrap();
    let (covered, of) = classes.split_once(' ').unwrap().0.split_once('/').unwrap();
    assert_eq!(covered, of, "{summary}");
    assert!(covered.parse::<usize>().unwrap() > 200, "{summary}");
    assert!(
        stdout.contains("class Description.length × max.outside-bmp  ")
            && stdout.contains("generated.description.length.max.outside-bmp"),
        "{stdout}"
    );
    assert!(
        stdout.contains("class ImageName.prefix × upper-case  not applicable: "),
        "{stdout}"
    );
    // The classes of free text, with their cases, and where a character
    // rule answers them first.
    for (class, case) in [
        (
            "Description.length × line-feed",
            "generated.description.length.line-feed",
        ),
        (
            "Tag.value.length × max-plus-1.tab",
            "generated.tag.value.length.max-plus-1.tab",
        ),
        (
            "Tag.key.prefix × after-tab",
            "generated.tag.key.prefix.after-tab-acs",
        ),
        (
            "ImageName.characters × control-u0001",
            "generated.image-name.characters.control-u0001",
        ),
    ] {
        assert!(
            stdout.contains(&format!("class {class}  ")) && stdout.contains(case),
            "{class}: {stdout}"
        );
    }
    assert!(
        stdout.contains(
            "class ImageName.length × tab  not applicable: ImageName.characters refuses it first"
        ),
        "{stdout}"
    );
    assert!(
        stdout.contains("rule ImageName.default  not observable: "),
        "{stdout}"
    );
    assert!(
        stdout.contains("rule ImageName.length  ")
            && stdout.contains("generated.image-name.length.max-plus-1"),
        "{stdout}"
    );
}

#[test]
fn no_case_passes_whatever_the_target_answers() {
    let suite = load(&project().join("cases"));
    let mut vacuous = Vec::new();
    let mut checked = 0;
    for (file, case) in suite.cases() {
        if is_informational(case) {
            continue;
        }
        checked += 1;
        for (step, accepted) in vacuous_steps(case) {
            vacuous.push(format!(
                "{} ({}) step `{step}` accepts {}",
                case.id,
                file.path.display(),
                accepted.join(" and ")
            ));
        }
    }
    assert!(checked > 400, "{checked}");
    assert!(vacuous.is_empty(), "{}", vacuous.join("\n"));
}

#[test]
fn a_class_without_its_case_exits_1_naming_rule_and_class() {
    let corpus = Corpus::without("none");
    // A corpus of one case per rule covers the rules but not their classes:
    // the generated cases are always loaded, so strip their classes by
    // checking the rendering of a suite that names no class at all.
    let suite = load(&corpus.0);
    let coverage = Coverage::of(&suite);
    assert!(coverage.uncovered_classes().next().is_none());
    let mut bare = suite.clone();
    for file in &mut bare.files {
        for case in &mut file.cases {
            case.tags.retain(|t| !t.starts_with("class:"));
        }
    }
    let stripped = Coverage::of(&bare);
    assert!(!stripped.is_complete());
    let missing: Vec<String> = stripped
        .uncovered_classes()
        .map(|c| format!("{} × {}", c.planned.rule, c.planned.class.id))
        .collect();
    assert!(
        missing.contains(&"Tag.key.length × max.outside-bmp".to_owned()),
        "{missing:?}"
    );
    assert_eq!(
        missing.len(),
        coverage
            .classes
            .iter()
            .filter(|c| c.planned.not_applicable.is_none())
            .count()
    );
}

#[test]
fn a_corpus_without_a_file_exits_1_naming_the_rows_only_that_file_covered() {
    let corpus = Corpus::without("accounts_quotas.yaml");
    let full = covered_rows(&load(&project().join("cases")));
    let partial = covered_rows(&load(&corpus.0));
    let lost: Vec<&str> = full.difference(&partial).copied().collect();
    assert!(lost.contains(&"account-not-enough-balance"), "{lost:?}");
    assert!(lost.contains(&"internal-error"), "{lost:?}");

    let out = run(&["coverage", "--cases", corpus.path()]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}{}", text(&out.stderr));
    let named: BTreeSet<&str> = stdout
        .lines()
        .filter_map(|l| l.strip_prefix("uncovered: row "))
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(named, lost.iter().copied().collect(), "{stdout}");
    assert!(
        stdout.contains("uncovered: rule Account.balance (Account)"),
        "{stdout}"
    );
    let summary = stdout.lines().last().unwrap();
    assert!(
        summary.starts_with(&format!("coverage: rows {}/45", 45 - lost.len())),
        "{summary}"
    );
}

#[test]
fn coverage_run_shows_what_the_embedded_emulator_answered() {
    let out = run(&["coverage", "--run", "--jobs", "4"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}{}", text(&out.stderr));
    let line = stdout
        .lines()
        .find(|l| l.starts_with("row tags-quota-exceeded "))
        .unwrap();
    assert!(
        line.contains("runs: ") && line.contains(" passed, 0 failed"),
        "{line}"
    );
    assert!(
        stdout
            .lines()
            .last()
            .unwrap()
            .contains(", 0 failed, 0 ignored")
    );
}

#[test]
fn an_unknown_rule_id_stops_the_load_with_did_you_mean() {
    let corpus = Corpus::without("none");
    std::fs::write(
        corpus.0.join("typo.yaml"),
        "area: Typo\ncases:\n  - id: typo.one\n    rule: ImageName.lenght\n    request: { ImageName: a }\n    expect: { status: 400 }\n",
    )
    .unwrap();
    let out = run(&["list", "--cases", corpus.path()]);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("unknown rule `ImageName.lenght`"),
        "{stderr}"
    );
    assert!(stderr.contains("typo.yaml:4:11"), "{stderr}");
    assert!(
        stderr.contains("did you mean `ImageName.length`?"),
        "{stderr}"
    );
}

#[test]
fn generated_cases_are_listed_once_each_with_their_rule() {
    let out = run(&["list"]);
    let stdout = text(&out.stdout);
    assert_eq!(out.status.code(), Some(0));
    let generated: Vec<&str> = stdout
        .lines()
        .filter(|l| l.starts_with("generated."))
        .collect();
    assert!(generated.len() > 50, "{}", generated.len());
    let ids: BTreeSet<&str> = generated
        .iter()
        .map(|l| l.split('\t').next().unwrap())
        .collect();
    assert_eq!(ids.len(), generated.len());
    let line = generated
        .iter()
        .find(|l| l.starts_with("generated.tag.count.max-plus-1\t"))
        .unwrap();
    assert!(line.contains("\tTag.count\t<generated>:"), "{line}");
}
