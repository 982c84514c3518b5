//! The page's rules: self-contained, escaped, failures first, runs collapsed.

use super::*;
use crate::report::model::{OutcomeKind, ReferenceEntry};
use crate::report::testing::{report, report_with_failure, run};

#[test]
fn the_page_loads_nothing_from_elsewhere_and_escapes_what_a_target_sent() {
    let page = render(&report_with_failure("<script>alert(1)</script>"));
    assert!(!page.contains("<script"), "target text was not escaped");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    for fetch in ["src=", "@import", "url("] {
        assert!(!page.contains(fetch), "the page fetches with {fetch}");
    }
    let links: Vec<&str> = page.split("href=\"").skip(1).collect();
    assert!(!links.is_empty(), "the matrix links to the runs");
    for link in links {
        assert!(link.starts_with('#'), "a link leaves the page: {link:.40}");
    }
}

#[test]
fn the_summary_and_matrix_come_first_then_the_failures_before_any_other_section() {
    let page = render(&report_with_failure("403"));
    let at = |needle: &str| {
        page.find(needle)
            .unwrap_or_else(|| panic!("{needle} is missing"))
    };
    assert!(at("id=\"summary\"") < at("id=\"matrix\""));
    assert!(at("id=\"matrix\"") < at("id=\"failures\""));
    for later in [
        "readings",
        "differences",
        "error-rows",
        "runs",
        "provenance",
    ] {
        assert!(
            at("id=\"failures\"") < at(&format!("id=\"{later}\"")),
            "{later} before the failures"
        );
    }
}

#[test]
fn a_failure_shows_expected_actual_location_and_the_reproduce_command() {
    let page = render(&report_with_failure("\"y\""));
    // The run's anchor sits in its failure's entry (an <article>).
    let anchor = page.find("id=\"failure-b.case::json::v1-get\"").unwrap();
    let start = page[..anchor].rfind("<article").unwrap();
    let failure = &page[start..page[start..].find("</article>").unwrap() + start];
    for shown in [
        "<td>\"x\"</td>",
        "<td>\"y\"</td>",
        "cases/a.yaml:9:16",
        "cases/a.yaml:1:3",
        "<span class=\"add\">+\"y\"</span>",
        "createimage-contract run --target http://127.0.0.1:1 --exact b.case::json::v1-get",
    ] {
        assert!(failure.contains(shown), "{shown} missing from {failure}");
    }
}

#[test]
fn a_failed_run_colours_its_matrix_cell_and_links_there_from_its_mark() {
    let mut failing = report_with_failure("403");
    for run in &mut failing.runs {
        run.rules = vec!["ImageName.length".into()];
    }
    let page = render(&failing);
    let row = &page[page
        .find("<a class=\"row\" href=\"#rule-Area-ImageName.length\">")
        .unwrap()..];
    let row = &row[..row.find("</a>").unwrap()];
    assert!(row.contains(">ImageName.length</span>"), "{row}");
    assert!(
        row.ends_with("<i class=\"f\" title=\"v1-get json: 1 passed, 1 failed\"></i>"),
        "{row}"
    );
    assert!(page.contains("<details id=\"rule-Area-ImageName.length\">"));
    assert!(page.contains("<td class=\"f\"><a href=\"#fail-1\"></a></td>"));
    assert!(page.contains("<article class=\"failure\" id=\"fail-1\">"));
}

#[test]
fn passed_runs_are_collapsed_and_never_listed_open() {
    let runs = (0..50)
        .map(|i| run(&format!("c{i}::json::v1-get"), OutcomeKind::Passed))
        .collect();
    let page = render(&report(runs));
    let section = &page[page.find("id=\"runs\"").unwrap()..];
    let section = &section[..section.find("</section>").unwrap()];
    let open_rows = section.matches("<tr id=\"case-").count();
    let closed = section.matches("<details id=").count();
    assert_eq!(open_rows, 50);
    assert!(closed >= 1);
    assert!(!section.contains("<details open"));
    // every row sits inside a closed <details>
    let before_first_details = &section[..section.find("<details").unwrap()];
    assert!(!before_first_details.contains("<tr"));
}

#[test]
fn reference_differences_are_grouped_by_field_with_their_count() {
    let mut runs = Vec::new();
    for i in 0..3 {
        let mut r = run(&format!("c{i}::json::v1-get"), OutcomeKind::Passed);
        r.reference = ReferenceEntry::Differs {
            diff: "-  \"Code\": \"A\"\n+  \"Code\": \"B\"\n".into(),
        };
        runs.push(r);
    }
    let page = render(&report(runs));
    assert!(
        page.contains("<tr id=\"field-Code\"><td><code>Code</code></td><td class=\"n\">3</td>"),
        "{page}"
    );
}

#[test]
fn every_documented_error_row_has_its_counts() {
    let page = render(&report(vec![]));
    assert_eq!(page.matches("<tr class=\"none\" id=\"row-").count(), 45);
}

#[test]
fn runs_of_a_case_that_failed_the_same_way_share_one_entry_and_keep_their_anchors() {
    let base = report_with_failure("403");
    let failed = base
        .runs
        .iter()
        .find(|r| r.outcome == OutcomeKind::Failed)
        .unwrap()
        .clone();
    let mut xml = failed.clone();
    xml.id = "b.case::xml::v1-get".into();
    xml.format = "xml".into();
    let mut other = failed.clone();
    other.id = "b.case::json::v3".into();
    other.wire = "v3".into();
    other.failures[0].actual = "404".into();
    let mut runs = base.runs.clone();
    runs.extend([xml, other]);
    let page = render(&report(runs));
    assert!(page.contains("<h2>Failures (3)</h2>"));
    assert_eq!(page.matches("<article class=\"failure\"").count(), 2);
    let entry = |id: &str| {
        let at = page.find(&format!("id=\"failure-{id}\"")).unwrap();
        let start = page[..at].rfind("<article").unwrap();
        &page[start..start + page[start..].find("</article>").unwrap()]
    };
    assert_eq!(entry("b.case::json::v1-get"), entry("b.case::xml::v1-get"));
    assert_ne!(entry("b.case::json::v1-get"), entry("b.case::json::v3"));
    assert!(
        entry("b.case::json::v1-get").contains(
            "2 runs: <code id=\"failure-b.case::json::v1-get\">v1-get json</code> <code id=\"failure-b.case::xml::v1-get\">v1-get xml</code></p>"
        )
    );
    assert!(entry("b.case::json::v3").contains("<td>404</td>"));
    let failures = &page[page.find("id=\"failures\"").unwrap()..];
    let failures = &failures[..failures.find("</section>").unwrap()];
    assert_eq!(failures.matches("<td>404</td>").count(), 1);
    assert_eq!(failures.matches("<td>403</td>").count(), 1);
    // Each failed run's cell in the runs section links to its entry.
    assert_eq!(page.matches("<a href=\"#fail-1\">").count(), 2);
    assert_eq!(page.matches("<a href=\"#fail-2\">").count(), 1);
}

#[test]
fn a_failure_shows_its_request_as_sent_escaped_and_the_entry_that_disputes_it() {
    let mut r = report_with_failure("403");
    let failed = &mut r.runs[1];
    failed.tags = vec!["informational".into()];
    failed.requests = vec![crate::report::request::RequestEntry::new(
        "request",
        &crate::wire::PreparedRequest {
            method: "GET",
            path_and_query: "/?Action=CreateImage&Name=%3Cb%3E&Extra=<i>".into(),
            headers: vec![("accept".into(), "application/json".into())],
            body: vec![],
        },
    )];
    let page = render(&r);
    assert!(
        page.contains("<pre>GET /?Action=CreateImage&amp;Name=%3Cb%3E&amp;Extra=&lt;i&gt; HTTP/1.1\naccept: application/json\n"),
        "{page}"
    );
    assert!(
        page.contains("<code>b.case: { dispute: \"…\" }</code>"),
        "{page}"
    );
    assert!(page.contains("informational case: the documents fix no single answer"));
}

#[test]
fn a_reason_runs_were_not_judged_for_shows_the_request_of_its_first_run() {
    let unreached = crate::report::testing::not_judged_with_its_request("a::json::v1-get");
    let mut r = report(vec![unreached]);
    r.recount();
    let page = render(&r);
    assert!(
        page.contains("<li>1 run: cannot connect<p>The request of <code>a::json::v1-get</code> (step request, cases/a.yaml:1:3), as sent:</p>\n<pre>GET /?Action=CreateImage HTTP/1.1\n</pre></li>"),
        "{page}"
    );
}
