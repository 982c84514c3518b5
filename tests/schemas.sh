#!/usr/bin/env bash
# Every shipped case file and target profile validates against its JSON
# Schema (docs/case.schema.json, docs/profile.schema.json) with an
# independent validator (check-jsonschema, installed in a venv under
# target/), each names its schema in its first line for editors, and the
# validator rejects a case file with a misspelt key (so a schema that
# accepts anything cannot pass). `cargo test` keeps the schemas equal to
# what the loaders generate.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
VENV="$ROOT/target/schemas-venv"
if [[ ! -x "$VENV/bin/check-jsonschema" ]]; then
    python3 -m venv "$VENV"
    "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "check-jsonschema==0.33.*"
fi
CHECK="$VENV/bin/check-jsonschema"
WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

cases=()
profiles=()
for file in cases/*.yaml; do
    case "$(basename "$file")" in
        fixtures.yaml) continue ;;
        profile.*) profiles+=("$file"); kind=profile ;;
        *) cases+=("$file"); kind=case ;;
    esac
    first="$(head -n 1 "$file")"
    if [[ "$first" != "# yaml-language-server: \$schema=../docs/$kind.schema.json" ]]; then
        echo "schemas: FAILED: $file does not start with its schema comment (found: $first)" >&2
        exit 1
    fi
done
(( ${#cases[@]} > 0 && ${#profiles[@]} > 0 )) || { echo "schemas: FAILED: no case files or profiles found" >&2; exit 1; }

"$CHECK" --schemafile docs/case.schema.json "${cases[@]}"
"$CHECK" --schemafile docs/profile.schema.json "${profiles[@]}"

# A misspelt key and a status out of range must be rejected.
cat >"$WORK/bad.yaml" <<'YAML'
area: Broken
cases:
  - id: broken.case
    rule: ImageName.length
    reqest: { ImageName: a }
    expect: { status: 99 }
YAML
if "$CHECK" --schemafile docs/case.schema.json "$WORK/bad.yaml" >"$WORK/bad.out" 2>&1; then
    echo "schemas: FAILED: the case schema accepts a misspelt key and status 99" >&2
    exit 1
fi
grep -q "reqest" "$WORK/bad.out" || { echo "schemas: FAILED: the validator did not name the misspelt key" >&2; cat "$WORK/bad.out" >&2; exit 1; }
printf 'endpoint: http://127.0.0.1:1\nregoin: x\n' >"$WORK/bad-profile.yaml"
if "$CHECK" --schemafile docs/profile.schema.json "$WORK/bad-profile.yaml" >/dev/null 2>&1; then
    echo "schemas: FAILED: the profile schema accepts a misspelt key" >&2
    exit 1
fi
echo "schemas: ok (${#cases[@]} case files, ${#profiles[@]} profiles)"
