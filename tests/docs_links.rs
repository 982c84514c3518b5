//! The README stays short and every page of `docs/` stays one click away:
//! README.md is under 10 KB, links every page of `docs/`, and every
//! relative link in README.md and `docs/*.md` points at a file that exists
//! and, with a `#anchor`, at a heading of that file (anchors as GitHub
//! makes them from headings).

use std::collections::HashSet;
use std::path::{Path, PathBuf};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// The Markdown files whose links are checked: README.md and docs/*.md.
fn pages() -> Vec<PathBuf> {
    let mut pages = vec![Path::new(ROOT).join("README.md")];
    let mut docs: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join("docs"))
        .expect("docs/ exists")
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "md"))
        .collect();
    docs.sort();
    pages.extend(docs);
    pages
}

/// The lines of `text` outside fenced code blocks, with their line numbers.
fn prose_lines(text: &str) -> Vec<(usize, &str)> {
    let mut fenced = false;
    let mut lines = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim_start().starts_with("```") {
            fenced = !fenced;
            continue;
        }
        if !fenced {
            lines.push((n + 1, line));
        }
    }
    lines
}

/// `line` without its inline code spans.
fn without_code_spans(line: &str) -> String {
    line.split('`').step_by(2).collect::<Vec<_>>().join(" ")
}

/// The targets of the inline links (`[text](target)`) and reference
/// definitions (`[label]: target`) of `text`, with their line numbers.
fn links(text: &str) -> Vec<(usize, String)> {
    let mut found = Vec::new();
    for (n, line) in prose_lines(text) {
        let line = without_code_spans(line);
        let trimmed = line.trim_start();
        if trimmed.starts_with('[')
            && let Some((_, target)) = trimmed.split_once("]: ")
        {
            found.push((n, target.trim().to_string()));
            continue;
        }
        let mut rest = line.as_str();
        while let Some(at) = rest.find("](") {
            let after = &rest[at + 2..];
            let end = after.find(')').unwrap_or(after.len());
            let target = after[..end].split_whitespace().next().unwrap_or("");
            found.push((n, target.to_string()));
            rest = &after[end..];
        }
    }
    found
}

/// The anchor GitHub gives a heading: lowercased, everything but letters,
/// digits, spaces, `-` and `_` dropped, spaces turned into `-`.
fn slug(heading: &str) -> String {
    heading
        .trim()
        .chars()
        .filter_map(|c| match c {
            ' ' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .flat_map(char::to_lowercase)
        .collect()
}

/// The anchors of `text`'s headings; a repeated heading gets `-1`, `-2`, …
fn anchors(text: &str) -> HashSet<String> {
    let mut anchors = HashSet::new();
    for (_, line) in prose_lines(text) {
        let Some(heading) = line.strip_prefix('#') else {
            continue;
        };
        let heading = heading.trim_start_matches('#');
        if !heading.starts_with(' ') {
            continue;
        }
        let base = slug(heading.trim().trim_end_matches('#'));
        let mut anchor = base.clone();
        let mut n = 0;
        while !anchors.insert(anchor.clone()) {
            n += 1;
            anchor = format!("{base}-{n}");
        }
    }
    anchors
}

/// Every broken relative link of the page `page` with text `text`, as
/// `page:line: target (why)`.
fn broken_links(page: &Path, text: &str) -> Vec<String> {
    let dir = page.parent().unwrap();
    let mut broken = Vec::new();
    for (line, target) in links(text) {
        if target.contains("://") || target.starts_with("mailto:") {
            continue;
        }
        let (file, anchor) = match target.split_once('#') {
            Some((file, anchor)) => (file, Some(anchor)),
            None => (target.as_str(), None),
        };
        let why = if target.is_empty() {
            Some("an empty link".to_string())
        } else if !file.is_empty() && !dir.join(file).exists() {
            Some(format!("no file {}", dir.join(file).display()))
        } else if let Some(anchor) = anchor {
            let linked = if file.is_empty() {
                text.to_string()
            } else {
                std::fs::read_to_string(dir.join(file)).unwrap_or_default()
            };
            (!anchors(&linked).contains(anchor)).then(|| "no such heading".to_string())
        } else {
            None
        };
        if let Some(why) = why {
            broken.push(format!("{}:{line}: {target} ({why})", page.display()));
        }
    }
    broken
}

#[test]
fn the_readme_is_under_ten_kilobytes() {
    let size = std::fs::metadata(Path::new(ROOT).join("README.md"))
        .unwrap()
        .len();
    assert!(
        size < 10 * 1024,
        "README.md is {size} bytes; move reference material to docs/"
    );
}

#[test]
fn every_relative_link_in_the_readme_and_docs_points_at_a_file_and_heading_that_exist() {
    let mut broken = Vec::new();
    let mut checked = 0;
    for page in pages() {
        let text = std::fs::read_to_string(&page).unwrap();
        checked += links(&text).len();
        broken.extend(broken_links(&page, &text));
    }
    assert!(
        checked >= 20,
        "only {checked} links found: the parser is off"
    );
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
}

#[test]
fn every_page_of_docs_is_one_click_from_the_readme() {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("README.md")).unwrap();
    let linked: HashSet<String> = links(&readme)
        .into_iter()
        .map(|(_, target)| target.split('#').next().unwrap().to_string())
        .collect();
    let missing: Vec<String> = pages()
        .iter()
        .skip(1)
        .map(|page| format!("docs/{}", page.file_name().unwrap().to_string_lossy()))
        .filter(|page| !linked.contains(page))
        .collect();
    assert!(missing.is_empty(), "not linked from README.md: {missing:?}");
}

#[test]
fn a_link_to_a_missing_file_or_heading_is_reported_and_code_is_not_a_link() {
    let page = Path::new(ROOT).join("README.md");
    let text = "# Top\n\n## Checks beyond `cargo test`\n\n\
        [ok](docs/ci.md) [ok](#checks-beyond-cargo-test) [ok](#top)\n\
        [gone](docs/nothing-here.md) [bad anchor](docs/ci.md#no-such-heading)\n\
        `[code](docs/nothing.md)`\n\n```\n[fenced](docs/nothing.md)\n```\n\
        [ref]: docs/also-gone.md\n";
    let broken = broken_links(&page, text);
    assert_eq!(broken.len(), 3, "{broken:#?}");
    assert!(broken[0].contains("docs/nothing-here.md (no file"));
    assert!(broken[1].contains("docs/ci.md#no-such-heading (no such heading)"));
    assert!(broken[2].contains("docs/also-gone.md (no file"));
}

#[test]
fn anchors_are_made_from_headings_as_github_makes_them() {
    assert_eq!(
        slug("Does the suite catch faults? (`mutants`)"),
        "does-the-suite-catch-faults-mutants"
    );
    assert_eq!(
        slug("The contract's contradictions"),
        "the-contracts-contradictions"
    );
    assert_eq!(
        slug("Shards and merged reports"),
        "shards-and-merged-reports"
    );
    let repeated = anchors("## Notes\n\n## Notes\n\n```\n# not a heading\n```\n");
    assert_eq!(
        repeated,
        HashSet::from(["notes".to_string(), "notes-1".to_string()])
    );
}
