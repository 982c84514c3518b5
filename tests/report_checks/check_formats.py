"""Checks a JSON report against its schema and a JUnit report against the
JSON one, with readers that share no code with the harness.

usage: check_formats.py SCHEMA REPORT.json REPORT.xml
"""

import json
import sys

import jsonschema
from junitparser import Error, Failure, JUnitXml, Skipped


def fail(message):
    print(f"check_formats: {message}", file=sys.stderr)
    sys.exit(1)


def main(schema_path, json_path, junit_path):
    schema = json.load(open(schema_path))
    jsonschema.Draft202012Validator.check_schema(schema)
    report = json.load(open(json_path))
    validator = jsonschema.Draft202012Validator(
        schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(report), key=lambda e: list(e.path))
    for error in errors[:10]:
        print(f"  at /{'/'.join(map(str, error.path))}: {error.message}", file=sys.stderr)
    if errors:
        fail(f"{json_path} does not follow {schema_path} ({len(errors)} errors)")

    runs = {run["id"]: run for run in report["runs"]}
    totals = report["totals"]
    if totals["finished"] != len(runs):
        fail(f"totals.finished is {totals['finished']}, but there are {len(runs)} runs")
    counted = totals["passed"] + totals["failed"] + totals["ignored"] + totals["not_judged"]
    if counted != totals["finished"]:
        fail(f"totals do not add up: {totals}")

    xml = JUnitXml.fromfile(junit_path)
    cases = {}
    suites = set()
    invariants = {judgement["id"]: judgement for judgement in report.get("invariants", [])}
    for suite in xml:
        if suite.name == "invariants":
            check_invariants(suite, invariants)
            continue
        suites.add(suite.name)
        for case in suite:
            if case.name in cases:
                fail(f"testcase {case.name} appears twice")
            cases[case.name] = (suite.name, case)
    if set(cases) != set(runs):
        fail(f"JUnit testcases and JSON runs differ: {sorted(set(cases) ^ set(runs))[:5]}")
    areas = {run["area"] for run in runs.values()}
    if suites != areas:
        fail(f"testsuites {sorted(suites)} are not the areas {sorted(areas)}")

    for run_id, run in runs.items():
        suite, case = cases[run_id]
        if suite != run["area"]:
            fail(f"{run_id} is in testsuite {suite}, not its area {run['area']}")
        results = case.result
        kinds = {type(r) for r in results}
        if run["outcome"] == "passed" and results:
            fail(f"{run_id} passed but has {results}")
        if run["outcome"] == "ignored" and kinds != {Skipped}:
            fail(f"{run_id} is ignored but not skipped in JUnit")
        if run["outcome"] == "failed":
            if run["expected_failure"] is not None:
                if kinds != {Skipped}:
                    fail(f"{run_id} is a listed failure but not skipped in JUnit")
                continue
            if kinds != {Failure}:
                fail(f"{run_id} failed but JUnit has {results}")
            failure = results[0]
            first = run["failures"][0]
            if f"expected {first['expected']}, actual {first['actual']}" not in failure.message:
                fail(f"{run_id}: JUnit message {failure.message!r} does not state the first failure")
            if run["diff"] and run["diff"].splitlines()[0] not in (failure.text or ""):
                fail(f"{run_id}: JUnit failure text lacks the snapshot diff")
        if run["outcome"] == "not_judged":
            if kinds != {Error} or not results[0].message.startswith("not judged: "):
                fail(f"{run_id} is not judged but JUnit has {results}")
            continue
        if Error in kinds:
            fail(f"{run_id} is a JUnit error; only runs not judged are")
    if invariants and "invariants" not in {suite.name for suite in xml}:
        fail("the JSON report judges invariants, but JUnit has no testsuite `invariants`")
    print(
        f"check_formats: {json_path} follows the schema; {len(cases)} JUnit testcases in "
        f"{len(suites)} testsuites match its {len(runs)} runs; "
        f"{len(invariants)} invariants match the testsuite `invariants`"
    )


def check_invariants(suite, invariants):
    """The testsuite `invariants`: one testcase per judged invariant, failed
    when broken, skipped when not exercised, passed when held."""
    seen = {}
    for case in suite:
        if case.name in seen:
            fail(f"invariant {case.name} appears twice")
        seen[case.name] = case
    if set(seen) != set(invariants):
        fail(f"JUnit invariants and JSON invariants differ: {sorted(set(seen) ^ set(invariants))}")
    expected = {"held": set(), "not_exercised": {Skipped}, "broken": {Failure}}
    for name, case in seen.items():
        kinds = {type(r) for r in case.result}
        status = invariants[name]["status"]
        if kinds != expected[status]:
            fail(f"invariant {name} is {status} in JSON but JUnit has {case.result}")


if __name__ == "__main__":
    if len(sys.argv) != 4:
        fail(__doc__)
    main(*sys.argv[1:])
