#!/usr/bin/env bash
# Every shipped case file, target profile and the fixture manifest
# validates against its JSON Schema (docs/case.schema.json,
# docs/profile.schema.json, docs/fixtures.schema.json) with an independent
# validator (check-jsonschema, installed in a venv under target/), each names
# its schema in its first line for editors, and the validator rejects a case
# file with a misspelt key, and a manifest with a misspelt key or an
# unquoted date (so a schema that accepts anything cannot pass). What
# `createimage-contract fixtures --json` prints validates against the
# schema's `$defs/ResolvedManifest`. `cargo test` keeps the schemas equal
# to what the loaders generate.
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
        fixtures.yaml) kind=fixtures ;;
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
"$CHECK" --schemafile docs/fixtures.schema.json cases/fixtures.yaml

# The resolved manifest, as `fixtures --json` prints it, against
# $defs/ResolvedManifest: the same schema with that definition as its root.
cargo run --quiet -- fixtures --json >"$WORK/resolved.json"
"$VENV/bin/python" - "$WORK/resolved-schema.json" <<'PY'
import json, sys
schema = json.load(open("docs/fixtures.schema.json", encoding="utf-8"))
root = {"$schema": schema["$schema"], "$defs": schema["$defs"], "$ref": "#/$defs/ResolvedManifest"}
json.dump(root, open(sys.argv[1], "w", encoding="utf-8"))
PY
"$CHECK" --schemafile "$WORK/resolved-schema.json" "$WORK/resolved.json"
# A resolved manifest missing a field is not one.
"$VENV/bin/python" - "$WORK/resolved.json" "$WORK/resolved-short.json" <<'PY'
import json, sys
world = json.load(open(sys.argv[1], encoding="utf-8"))
del world["snapshots"][0]["status"]
json.dump(world, open(sys.argv[2], "w", encoding="utf-8"))
PY
if "$CHECK" --schemafile "$WORK/resolved-schema.json" "$WORK/resolved-short.json" >/dev/null 2>&1; then
    echo "schemas: FAILED: the resolved manifest's schema accepts a snapshot without its status" >&2
    exit 1
fi

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
# A manifest with a misspelt key, or an unquoted date (a date to the YAML
# libraries of other languages, not a string), must be rejected.
manifest_with() {
    printf 'accounts: []\nsnapshots:\n  - { name: s, id: s-1, source_disk_type: system, size: 1, %s }\n' "$1"
}
manifest_with 'created: "2023-01-10"' >"$WORK/good-fixtures.yaml"
"$CHECK" --schemafile docs/fixtures.schema.json "$WORK/good-fixtures.yaml" >/dev/null
manifest_with 'created: "2023-01-10", staus: failed' >"$WORK/bad-fixtures.yaml"
if "$CHECK" --schemafile docs/fixtures.schema.json "$WORK/bad-fixtures.yaml" >/dev/null 2>&1; then
    echo "schemas: FAILED: the fixtures schema accepts a misspelt key" >&2
    exit 1
fi
# check-jsonschema reads YAML dates as strings; a YAML library as another
# language's emulator would use it (ruamel.yaml, safe) reads them as dates.
# Read that way, the manifest must still be plain JSON data valid against
# its schema.
cat >"$WORK/plain.py" <<'PY'
import json, sys
import jsonschema
from ruamel.yaml import YAML
schema = json.load(open("docs/fixtures.schema.json", encoding="utf-8"))
with open(sys.argv[1], encoding="utf-8") as f:
    data = YAML(typ="safe", pure=True).load(f)
try:
    data = json.loads(json.dumps(data))
except TypeError as err:
    sys.exit(f"{sys.argv[1]}: a YAML library reads a value that is not JSON data: {err}")
jsonschema.Draft202012Validator(schema).validate(data)
PY
"$VENV/bin/python" "$WORK/plain.py" cases/fixtures.yaml
manifest_with 'created: 2023-01-10' >"$WORK/date-fixtures.yaml"
if "$VENV/bin/python" "$WORK/plain.py" "$WORK/date-fixtures.yaml" >"$WORK/date.out" 2>&1; then
    echo "schemas: FAILED: an unquoted date passes as a string" >&2
    exit 1
fi
grep -q "not JSON data" "$WORK/date.out" || { echo "schemas: FAILED: the unquoted date was not the reason" >&2; cat "$WORK/date.out" >&2; exit 1; }
echo "schemas: ok (${#cases[@]} case files, ${#profiles[@]} profiles, the fixture manifest and its resolved form)"
