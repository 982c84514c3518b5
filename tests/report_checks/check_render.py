"""Checks a rendered HTML report against its JSON report: the DOM Chromium
built is self-contained (no scripts; links only to the page's own
fragments), opens with the summary (verdict, score, counts, every area),
then the matrix (with at least one failed cell, linked to the runs), then
the failures (every failed run, in an entry with what was expected, what
came back and its reproduce command, linked from its cell in the runs
section) before any other section; every case has its row among the runs; the readings chosen and
the 45 documented error rows are there; and the screenshot is not blank.

usage: check_render.py REPORT.json DOM.html SHOT.png
"""

import html.parser
import json
import sys

from PIL import Image


def fail(message):
    print(f"check_render: {message}", file=sys.stderr)
    sys.exit(1)


class Dom(html.parser.HTMLParser):
    """Element ids (in document order) with their text and the ids around
    them, every link, the classes of the links inside each id'd element,
    and the matrix's cells (class, title, the link around them)."""

    VOID = ("br", "meta", "img", "link", "input", "hr")

    def __init__(self):
        super().__init__()
        self.stack = []
        self.text = {}
        self.order = []
        self.links = []
        self.tags = set()
        self.link_classes = {}
        self.parents = {}
        self.hrefs = []
        self.matrix_cells = []
        self.classes = []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        if attrs.get("src"):
            self.links.append(f"<{tag} src={attrs['src']}>")
        if attrs.get("href") is not None:
            self.links.append(attrs["href"])
            for element in self.stack:
                if element:
                    self.link_classes.setdefault(element, []).append(
                        (attrs.get("class", ""), attrs["href"], attrs.get("title", ""))
                    )
        if tag in self.VOID:
            return
        if tag in ("i", "b") and "matrix" in self.classes:
            links = [href for href in self.hrefs if href is not None]
            self.matrix_cells.append((attrs.get("class", ""), attrs.get("title", ""), links[-1] if links else None))
        element = attrs.get("id")
        if element and element not in self.text:
            self.text[element] = ""
            self.order.append(element)
            self.parents[element] = [e for e in self.stack if e]
        self.stack.append(element)
        self.hrefs.append(attrs.get("href") if tag == "a" else None)
        self.classes.append(attrs.get("class", ""))

    def handle_endtag(self, tag):
        if tag in self.VOID:
            return
        if self.stack:
            self.stack.pop()
            self.hrefs.pop()
            self.classes.pop()

    def handle_data(self, data):
        for element in self.stack:
            if element:
                self.text[element] += data


def main(json_path, dom_path, shot_path):
    report = json.load(open(json_path))
    dom = Dom()
    dom.feed(open(dom_path, encoding="utf-8").read())

    outside = [link for link in dom.links if not link.startswith("#")]
    if outside or "script" in dom.tags:
        fail(f"the page is not self-contained: {outside[:5]} scripts={'script' in dom.tags}")
    missing = sorted({link[1:] for link in dom.links if link.startswith("#")} - set(dom.text))
    if missing:
        fail(f"links to fragments that do not exist: {missing[:5]}")

    # Summary first.
    sections = [s for s in dom.order if s in ("summary", "matrix", "failures", "readings", "differences", "error-rows", "runs", "provenance")]
    if sections[:3] != ["summary", "matrix", "failures"]:
        fail(f"the page does not open with summary, matrix, failures: {sections}")
    totals = report["totals"]
    judged = totals["passed"] + totals["failed"]
    # Rounded down, never above the truth: 4491 of 4493 reads 99.9%.
    tenths = totals["passed"] * 1000 // judged if judged else 1000
    score = f"{tenths // 10}.{tenths % 10}%"
    if dom.text.get("score", "").strip() != score:
        fail(f"the score reads {dom.text.get('score')!r}, not {score!r}")
    if not dom.text.get("verdict", "").strip().lower().startswith("failed"):
        fail(f"the verdict does not say failed: {dom.text.get('verdict')!r}")
    counts = dom.text.get("counts", "")
    for part in (f"{totals['passed']} passed", f"{totals['failed']} failed"):
        if part not in counts:
            fail(f"the headline lacks {part!r}: {counts!r}")
    meta = dom.text.get("meta", "")
    provenance = report["provenance"]
    for part in (provenance["suite_hash"], provenance["harness_version"], provenance["started_at"]):
        if part not in meta:
            fail(f"the summary does not name {part!r}: {meta!r}")
    areas = {run["area"] for run in report["runs"]}
    for area in areas:
        if area not in dom.text.get("areas", ""):
            fail(f"the area {area!r} has no row in the summary")

    # The matrix: a failed cell, in a row linking to its rule's runs.
    cells = dom.matrix_cells
    failed_cells = [cell for cell in cells if cell[0] == "f"]
    if not failed_cells:
        fail(f"no failed cell in the matrix ({len(cells)} cells)")
    if not all(href and href.startswith("#rule-") and href[1:] in dom.text and "failed" in title for _, title, href in failed_cells):
        fail(f"a failed cell does not link to its rule's runs or count them: {failed_cells[0]}")

    # Failures: every failed run, in an entry with what was expected, what
    # came back and how to reproduce it; the runs section links there.
    failed = [run for run in report["runs"] if run["outcome"] == "failed"]
    if not failed:
        fail("the report has no failures to show; run it against a mutant")
    runs_links = {href for _, href, _ in dom.link_classes.get("runs", [])}
    for run in failed:
        anchor = f"failure-{run['id']}"
        if anchor not in dom.text:
            fail(f"the failure of {run['id']} is not shown")
        if dom.text[anchor].split() != [run["wire"], run["format"]]:
            fail(f"the failure of {run['id']} is named {dom.text[anchor]!r}")
        entries = [e for e in dom.parents[anchor] if e.startswith("fail-")]
        if len(entries) != 1 or "failures" not in dom.parents[anchor]:
            fail(f"the failure of {run['id']} is not in one entry of the failures section: {dom.parents[anchor]}")
        shown = dom.text[entries[0]]
        if run["case_id"] not in shown:
            fail(f"the failure of {run['id']} does not name its case")
        for failure in run["failures"]:
            for part in (failure["expected"], failure["actual"]):
                if part not in shown:
                    fail(f"the failure of {run['id']} does not show {part!r}")
        if f"--exact {run['case_id']}::" not in shown:
            fail(f"the failure of {run['id']} has no reproduce command")
        if run["diff"] and "+++ actual answer" not in shown:
            fail(f"the failure of {run['id']} lacks its snapshot diff")
        if f"#{entries[0]}" not in runs_links:
            fail(f"no cell of the runs section links {run['id']} to its failure")
    if "Failures (" + str(len(failed)) + ")" not in dom.text.get("failures", ""):
        fail("the failures heading does not count the failures")

    # Every case has its row in the runs section.
    for case in {run["case_id"] for run in report["runs"]}:
        if "runs" not in dom.parents.get(f"case-{case}", []):
            fail(f"the case {case} has no row among the runs")

    # Readings chosen: every documented contradiction, some with a reading matched.
    ambiguities = [key for key in dom.text if key.startswith("ambiguity-")]
    if len(ambiguities) < 5:
        fail(f"only {len(ambiguities)} contradictions under readings chosen")
    matched = [key for key in ambiguities if "×" in dom.text[key]]
    if not matched:
        fail("no contradiction shows a reading the target matched")

    rows = [key for key in dom.text if key.startswith("row-")]
    if len(rows) != 45:
        fail(f"{len(rows)} documented error rows shown, not 45")
    if "failing" not in dom.text.get("row-image-name-malformed", ""):
        fail("the InvalidImageName.Malformed row is not shown failing")

    image = Image.open(shot_path).convert("RGB")
    small = image.resize((image.width // 4, image.height // 4))
    colours = small.getcolors(maxcolors=1 << 20) or []
    if len(colours) < 16:
        fail(f"the screenshot looks blank: {len(colours)} distinct colours")
    most = max(count for count, _ in colours) / (small.width * small.height)
    if most > 0.97:
        fail(f"the screenshot is {most:.0%} one colour")
    reds = sum(c for c, (r, g, b) in colours if r > 180 and g < 90 and b < 90)
    if reds == 0:
        fail("no red in the screenshot, yet there are failures and a failing verdict")
    print(
        f"check_render: {score}, {len(areas)} areas, {len(failed_cells)} failed matrix cells, "
        f"{len(failed)} failures shown, {len(matched)} contradictions with readings, 45 error rows; "
        f"screenshot {image.width}x{image.height} with {len(colours)} colours"
    )


if __name__ == "__main__":
    if len(sys.argv) != 4:
        fail(__doc__)
    main(*sys.argv[1:])
