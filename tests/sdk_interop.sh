#!/usr/bin/env bash
# Official-SDK interoperability check of the reference emulator.
#
# Our runner and our emulator share one wire module, so a signing or envelope
# mistake in it would pass the suite on both sides. This script puts a client
# we did not write in front of the emulator: Alibaba Cloud's own Python SDK
# (aliyun-python-sdk-core + aliyun-python-sdk-ecs, V1 signature, POST with every
# parameter in the query). It
#   1. makes target/sdk-venv with the pinned SDK (tests/sdk-requirements.txt),
#   2. builds and starts `createimage-contract serve` on a free loopback port,
#   3. runs tests/sdk_interop.py against it, and stops the emulator.
# It never skips: if the SDK cannot be installed or run, it fails.
# Usage: bash tests/sdk_interop.sh   (PYTHON=/path/to/python3 to choose python)
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=target/sdk-venv
REQUIREMENTS=tests/sdk-requirements.txt
LOGS=target/sdk-interop
BIN=target/release/createimage-contract

die() {
    echo "sdk_interop: FAILED: $*" >&2
    exit 1
}

# --- 1. the SDK in its own virtual environment --------------------------------

sdk_importable() {
    "$VENV/bin/python" -c 'import yaml, aliyunsdkcore.client, aliyunsdkecs.request.v20140526.CreateImageRequest' 2>/dev/null
}

make_venv() {
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
}

# Reuse the venv only if it was completed with these very pins.
if cmp -s "$REQUIREMENTS" "$VENV/installed-requirements.txt" && sdk_importable; then
    echo "== SDK venv: reusing $VENV"
else
    echo "== SDK venv: creating $VENV"
    command -v "$PYTHON" >/dev/null || die "'$PYTHON' not found; the check needs CPython 3 with venv and pip"
    if ! make_venv; then
        # Debian ships venv support separately (python3-venv).
        [ "$(id -u)" = 0 ] || die "'$PYTHON -m venv' does not work; install python3-venv (apt-get install python3-venv) or run as root"
        command -v apt-get >/dev/null || die "'$PYTHON -m venv' does not work and there is no apt-get to install python3-venv"
        echo "== installing python3-venv with apt-get"
        apt-get update || die "apt-get update failed"
        DEBIAN_FRONTEND=noninteractive apt-get install -y python3-venv || die "cannot install python3-venv"
        make_venv || die "'$PYTHON -m venv' still fails after installing python3-venv"
    fi
    "$VENV/bin/python" -m pip install --disable-pip-version-check --no-input -q -r "$REQUIREMENTS" ||
        die "cannot install the official SDK from PyPI (pip install -r $REQUIREMENTS)"
    sdk_importable || die "the SDK was installed but cannot be imported"
    cp "$REQUIREMENTS" "$VENV/installed-requirements.txt"
fi

# --- 2. the emulator on a free loopback port ------------------------------------

echo "== building the emulator"
cargo build --release || die "cargo build --release failed"

mkdir -p "$LOGS"
"$BIN" serve --listen 127.0.0.1:0 --fixtures cases/fixtures.yaml >"$LOGS/emulator.out" 2>"$LOGS/emulator.err" &
EMULATOR=$!

stop_emulator() {
    local status=$?
    if kill -0 "$EMULATOR" 2>/dev/null; then
        kill -INT "$EMULATOR" 2>/dev/null || true
        for _ in $(seq 50); do
            kill -0 "$EMULATOR" 2>/dev/null || break
            sleep 0.1
        done
        if kill -0 "$EMULATOR" 2>/dev/null; then
            echo "sdk_interop: the emulator ignored SIGINT for 5 s; killing it" >&2
            kill -KILL "$EMULATOR" 2>/dev/null || true
        fi
    fi
    wait "$EMULATOR" 2>/dev/null || true
    if [ "$status" -ne 0 ]; then
        echo "sdk_interop: emulator stderr ($LOGS/emulator.err):" >&2
        tail -n 40 "$LOGS/emulator.err" >&2 || true
    fi
}
trap stop_emulator EXIT
trap 'exit 130' INT TERM

# The first stdout line is `listening on http://127.0.0.1:PORT`.
ENDPOINT=
for _ in $(seq 100); do
    line=$(head -n 1 "$LOGS/emulator.out")
    if [[ $line =~ ^listening\ on\ http://(127\.0\.0\.1:[0-9]+)$ ]]; then
        ENDPOINT=${BASH_REMATCH[1]}
        break
    fi
    kill -0 "$EMULATOR" 2>/dev/null || die "the emulator exited before listening"
    sleep 0.1
done
[ -n "$ENDPOINT" ] || die "the emulator did not print 'listening on http://127.0.0.1:PORT' within 10 s (got: '$line')"
echo "== emulator listening on $ENDPOINT"

# --- 3. the checks ------------------------------------------------------------------

"$VENV/bin/python" tests/sdk_interop.py --endpoint "$ENDPOINT" --fixtures cases/fixtures.yaml
