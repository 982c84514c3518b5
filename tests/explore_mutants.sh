#!/usr/bin/env bash
# Explores every mutant of the embedded emulator and prints how many
# requests it took to find each, by a disagreement or a broken invariant
# (the goal: every mutant within 20,000).
#
#   tests/explore_mutants.sh [BIN] [REQUESTS] [SEED]
#
# BIN defaults to target/release/createimage-contract (build it first with
# `cargo build --release`). Exits 1 when some mutant was not found.
set -u
bin=${1:-target/release/createimage-contract}
requests=${2:-20000}
seed=${3:-1}
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
found=0
missed=()
# The names, from the table of src/emulator/mutants.rs (MUTANTS).
mutants=$(grep -oE '^        "[a-z0-9-]+",$' src/emulator/mutants.rs | tr -d ' ",')
printf '%-40s %s\n' MUTANT 'REQUESTS TO FIRST DISAGREEMENT'
for mutant in $mutants; do
  summary=$(CI=1 "$bin" explore --mutant "$mutant" --seed "$seed" --requests "$requests" \
    --out "$out/$mutant" 2>&1)
  first=$(printf '%s\n' "$summary" | sed -n 's/.*the first after \([0-9]*\) requests.*/\1/p' | sort -n | head -1)
  if [ -n "$first" ]; then
    found=$((found + 1))
    printf '%-40s %s\n' "$mutant" "$first"
  else
    missed+=("$mutant")
    printf '%-40s %s\n' "$mutant" "not found in $requests"
  fi
done
echo "found $found; not found ${#missed[@]}: ${missed[*]:-none}"
[ ${#missed[@]} -eq 0 ]
