#!/usr/bin/env bash
# Renders the HTML report of a run against a mutant emulator (so there are
# failures) in headless Chromium, and checks what a reader would see
# (tests/report_checks/check_render.py): the summary, the matrix with a
# failed cell, the failures first with every failed run, the readings
# chosen, the 45 documented error rows, and a screenshot that is not blank.
# The page must render with the network closed (it is self-contained). The
# report and the screenshot are kept in target/html-render/ (a CI artifact).
source "$(dirname "$0")/report_checks/env.sh"

CHROMIUM="$(command -v chromium || command -v chromium-browser || true)"
if [[ -z "$CHROMIUM" ]]; then
    echo "html_render: FAILED: chromium is not installed (apt-get install -y chromium)" >&2
    exit 1
fi

mutant_run html_render --html "$WORK/report.html" --json "$WORK/report.json"

chrome() {
    timeout 120 "$CHROMIUM" --headless --no-sandbox --disable-gpu --disable-quic \
        --no-first-run --disable-background-networking --disable-component-update \
        --disable-sync --user-data-dir="$(mktemp -d -p "$WORK")" "$@"
}
if ! chrome --window-size=1280,2000 --screenshot="$WORK/shot.png" "file://$WORK/report.html" \
    >"$WORK/chrome-shot.log" 2>&1 || [[ ! -s "$WORK/shot.png" ]]; then
    echo "html_render: FAILED: chromium took no screenshot" >&2
    cat "$WORK/chrome-shot.log" >&2
    exit 1
fi
if ! chrome --dump-dom "file://$WORK/report.html" >"$WORK/dom.html" 2>"$WORK/chrome-dom.log" \
    || [[ ! -s "$WORK/dom.html" ]]; then
    echo "html_render: FAILED: chromium dumped no DOM" >&2
    cat "$WORK/chrome-dom.log" >&2
    exit 1
fi
"$PY" tests/report_checks/check_render.py "$WORK/report.json" "$WORK/dom.html" "$WORK/shot.png"
KEEP="$ROOT/target/html-render"
mkdir -p "$KEEP"
cp "$WORK/report.html" "$WORK/shot.png" "$KEEP/"
echo "html_render: ok (report and screenshot in $KEEP)"
