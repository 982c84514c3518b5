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
