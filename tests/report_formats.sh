#!/usr/bin/env bash
# Runs the suite against a mutant emulator (so some runs fail) and checks
# the report files with independent readers: the JSON report against its
# JSON Schema (docs/report.schema.json, with Python's jsonschema), and the
# JUnit report with Python's junitparser, each against the other.
source "$(dirname "$0")/report_checks/env.sh"

mutant_run report_formats --json "$WORK/report.json" --junit "$WORK/report.xml"
"$PY" tests/report_checks/check_formats.py docs/report.schema.json "$WORK/report.json" "$WORK/report.xml"

# A merged report follows the same schema.
for k in 1 2; do
    "$BIN" run --partition "hash:$k/2" --format terse --json "$WORK/shard-$k.json" >/dev/null
done
"$BIN" report merge "$WORK/shard-1.json" "$WORK/shard-2.json" --json "$WORK/merged.json" --junit "$WORK/merged.xml"
"$PY" tests/report_checks/check_formats.py docs/report.schema.json "$WORK/merged.json" "$WORK/merged.xml"
echo "report_formats: ok"
