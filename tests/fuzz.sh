#!/usr/bin/env bash
# Fuzzes the parsers that read untrusted input: the case-file loader, the
# answer decoder, the emulator's request handling (parser, gateway,
# operation) and the signature verifiers. Builds every target in fuzz/
# (cargo-fuzz, nightly), runs each for FUZZ_SECONDS (default 20), and fails
# on any crash, or when it finds no target at all; the crashing input is
# left in fuzz/artifacts/TARGET/.
#
# Reproduce a crash: cargo +nightly fuzz run TARGET fuzz/artifacts/TARGET/crash-…
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${FUZZ_SECONDS:-20}"

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
  rustup toolchain install nightly --profile minimal
fi
if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  cargo install cargo-fuzz --locked
fi

# The code under test is safe Rust: what we look for is panics, overflows,
# runaway recursion and hangs, which need no sanitizer. Without one the
# build is several times faster.
fuzz=(cargo +nightly fuzz)
opts=(--sanitizer none --release --debug-assertions)

# Seed corpora: the real case files, and one answer of each kind.
mkdir -p fuzz/corpus/case_file fuzz/corpus/decode
cp cases/*.yaml fuzz/corpus/case_file/
printf '\001{"RequestId":"R","ImageId":"m-1"}' > fuzz/corpus/decode/json
printf '\002<Error><Code>C</Code><Message>M</Message></Error>' > fuzz/corpus/decode/xml

# A run that fuzzes nothing must not pass: no target listed is a failure.
targets=$("${fuzz[@]}" list) || { echo "error: cargo fuzz list failed: no fuzz target can be run" >&2; exit 1; }
if [ -z "${targets//[[:space:]]/}" ]; then
  echo "error: cargo fuzz list found no fuzz target in fuzz/ (expected fuzz/fuzz_targets/*.rs declared as [[bin]] in fuzz/Cargo.toml)" >&2
  exit 1
fi
"${fuzz[@]}" build "${opts[@]}"
for target in $targets; do
  echo "== fuzz $target for ${seconds}s"
  "${fuzz[@]}" run "${opts[@]}" "$target" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
done
