#!/usr/bin/env bash
# Renders the HTML report of a run against a mutant emulator (so there are
# failures) in headless Chromium, and checks what a reader would see
# (tests/report_checks/check_render.py): the summary, the matrix with a
# failed cell, the failures first with every failed run, the readings
# chosen, the 45 documented error rows, and a screenshot that is not blank;
# and that the page renders within 2 s more than an empty page does.
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
# Opening and rendering the page may take at most 2 s beyond what the same
# browser takes for an empty page, measured side by side (best of 3 each).
printf '<!doctype html><title>empty</title>' >"$WORK/empty.html"
render_ms() {
    local best=
    for _ in 1 2 3; do
        local started ended
        started=$(date +%s%N)
        chrome --dump-dom "file://$1" >/dev/null 2>&1
        ended=$(date +%s%N)
        local ms=$(((ended - started) / 1000000))
        if [[ -z "$best" || "$ms" -lt "$best" ]]; then best=$ms; fi
    done
    echo "$best"
}
empty_ms=$(render_ms "$WORK/empty.html")
report_ms=$(render_ms "$WORK/report.html")
echo "html_render: the report renders in ${report_ms} ms, an empty page in ${empty_ms} ms"
if ((report_ms - empty_ms > 2000)); then
    echo "html_render: FAILED: the report takes $((report_ms - empty_ms)) ms more than an empty page to render (at most 2000)" >&2
    exit 1
fi
"$PY" tests/report_checks/check_render.py "$WORK/report.json" "$WORK/dom.html" "$WORK/shot.png"
KEEP="$ROOT/target/html-render"
mkdir -p "$KEEP"
cp "$WORK/report.html" "$WORK/shot.png" "$KEEP/"
echo "html_render: ok (report and screenshot in $KEEP)"
