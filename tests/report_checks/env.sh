# Sourced by the report check scripts: sets BIN (the release binary, built
# when out of date) and PY (a Python with the packages of requirements.txt, in a venv
# under target/), and makes WORK, a temporary directory removed on exit.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
BIN="$ROOT/target/release/createimage-contract"
cargo build --release --quiet
VENV="$ROOT/target/report-checks-venv"
if [[ ! -x "$VENV/bin/python" ]] || ! "$VENV/bin/python" -c "import junitparser, jsonschema, PIL, rfc3339_validator" 2>/dev/null; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check -r tests/report_checks/requirements.txt
fi
PY="$VENV/bin/python"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT
# No pending .snap.new files beside the accepted snapshots.
export CI="${CI:-1}"

# mutant_run NAME REPORT-FLAGS…: the whole suite against the
# image-name-malformed-403 mutant (so some runs fail), writing the reports
# the flags ask for; fails the calling script unless the run exits 1.
mutant_run() {
    local name="$1"
    shift
    local code
    set +e
    "$BIN" run --mutant image-name-malformed-403 --format terse "$@" \
        >"$WORK/stdout" 2>"$WORK/stderr"
    code=$?
    set -e
    if [[ $code -ne 1 ]]; then
        echo "$name: expected exit 1 from a mutant run, got $code" >&2
        cat "$WORK/stdout" "$WORK/stderr" >&2
        exit 1
    fi
}
