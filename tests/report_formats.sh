#!/usr/bin/env bash
# Runs the suite against a mutant emulator (so some runs fail) and checks
# the report files with independent readers: the JSON report against its
# JSON Schema (docs/report.schema.json, with Python's jsonschema), and the
# JUnit report with Python's junitparser, each against the other.
source "$(dirname "$0")/report_checks/env.sh"

mutant_run report_formats --json "$WORK/report.json" --junit "$WORK/report.xml"
"$PY" tests/report_checks/check_formats.py docs/report.schema.json "$WORK/report.json" "$WORK/report.xml"

# Another target (a mutant emulator behind `serve`) is compared with the
# reference snapshots advisorily: its report holds runs whose `reference`
# is `differs`, and follows the same schema.
"$BIN" serve --listen 127.0.0.1:0 --mutant image-name-malformed-403 >"$WORK/serve.out" 2>/dev/null &
SERVE_PID=$!
trap 'kill "$SERVE_PID" 2>/dev/null; rm -rf "$WORK"' EXIT
for _ in $(seq 50); do
    grep -q "listening on" "$WORK/serve.out" 2>/dev/null && break
    sleep 0.1
done
URL="$(sed -n 's/^listening on //p' "$WORK/serve.out")"
set +e
"$BIN" run --target "$URL" --format terse --json "$WORK/foreign.json" --junit "$WORK/foreign.xml" >/dev/null 2>&1
set -e
"$PY" tests/report_checks/check_formats.py docs/report.schema.json "$WORK/foreign.json" "$WORK/foreign.xml"
"$PY" - "$WORK/foreign.json" <<'PY'
import json, sys
runs = json.load(open(sys.argv[1]))["runs"]
if not any(run["reference"]["outcome"] == "differs" for run in runs):
    sys.exit("report_formats: no run of the foreign target differs from the reference")
PY

# Runs not judged (the target cannot be reached: a port nothing listens on)
# follow the same schema, and are JUnit errors.
PORT="$("$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
set +e
"$BIN" run --target "http://127.0.0.1:$PORT" --format terse --json "$WORK/unreached.json" --junit "$WORK/unreached.xml" image-name. >/dev/null 2>&1
set -e
"$PY" tests/report_checks/check_formats.py docs/report.schema.json "$WORK/unreached.json" "$WORK/unreached.xml"

# A merged report follows the same schema.
for k in 1 2; do
    "$BIN" run --partition "hash:$k/2" --format terse --json "$WORK/shard-$k.json" >/dev/null
done
"$BIN" report merge "$WORK/shard-1.json" "$WORK/shard-2.json" --json "$WORK/merged.json" --junit "$WORK/merged.xml"
"$PY" tests/report_checks/check_formats.py docs/report.schema.json "$WORK/merged.json" "$WORK/merged.xml"
echo "report_formats: ok"
