"""Checks a rendered HTML report: the screenshot is not blank and the DOM
Chromium built shows the score, the error rows and every failure.

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
    """Element ids, their text, and every external reference."""

    def __init__(self):
        super().__init__()
        self.stack = []
        self.text = {}
        self.external = []
        self.tags = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.tags.add(tag)
        for name in ("src", "href"):
            if attrs.get(name):
                self.external.append(f"<{tag} {name}={attrs[name]}>")
        if tag in ("br", "meta", "img", "link", "input"):
            return
        self.stack.append(attrs.get("id"))
        for element in self.stack:
            if element:
                self.text.setdefault(element, "")

    def handle_endtag(self, tag):
        if tag in ("br", "meta", "img", "link", "input"):
            return
        if self.stack:
            self.stack.pop()

    def handle_data(self, data):
        for element in self.stack:
            if element:
                self.text[element] = self.text.get(element, "") + data


def main(json_path, dom_path, shot_path):
    report = json.load(open(json_path))
    dom = Dom()
    dom.feed(open(dom_path, encoding="utf-8").read())

    if dom.external or "script" in dom.tags:
        fail(f"the page is not self-contained: {dom.external[:5]} scripts={'script' in dom.tags}")

    totals = report["totals"]
    judged = totals["passed"] + totals["failed"]
    score = f"{100.0 * totals['passed'] / judged:.1f}%" if judged else "100.0%"
    if dom.text.get("score", "").strip() != score:
        fail(f"the score reads {dom.text.get('score')!r}, not {score!r}")
    counts = dom.text.get("counts", "")
    for part in (f"{totals['passed']} passed", f"{totals['failed']} failed"):
        if part not in counts:
            fail(f"the headline lacks {part!r}: {counts!r}")

    rows = [key for key in dom.text if key.startswith("row-")]
    if len(rows) != 45:
        fail(f"{len(rows)} documented error rows shown, not 45")
    if "failing" not in dom.text.get("row-image-name-malformed", ""):
        fail("the InvalidImageName.Malformed row is not shown failing")

    failed = [run for run in report["runs"] if run["outcome"] == "failed"]
    if not failed:
        fail("the report has no failures to show; run it against a mutant")
    for run in failed:
        shown = dom.text.get(f"failure-{run['id']}")
        if shown is None:
            fail(f"the failure of {run['id']} is not shown")
        first = run["failures"][0]
        if f"expected {first['expected']}, actual {first['actual']}" not in shown:
            fail(f"the failure of {run['id']} does not say what was expected and what came back")
        if run["diff"] and "+++ actual answer" not in shown:
            fail(f"the failure of {run['id']} lacks its snapshot diff")
    if "Failures (" + str(len(failed)) + ")" not in dom.text.get("failures", ""):
        fail("the failures heading does not count the failures")

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
        fail("no red in the screenshot, yet there are failures and a failing score")
    print(
        f"check_render: score {score}, 45 error rows, {len(failed)} failures shown; "
        f"screenshot {image.width}x{image.height} with {len(colours)} colours"
    )


if __name__ == "__main__":
    if len(sys.argv) != 4:
        fail(__doc__)
    main(*sys.argv[1:])
