#!/usr/bin/env bash
# JSON reports against their schemas (docs/schema/): every golden output of
# a `--format json` run (tests/golden/FOLDER/NAME.out whose NAME.args asks
# for it) and the JSON the examples emit (run, run --all-scenarios, segment) must
#   - be UTF-8 (strict: no surrogates, no overlongs) and strict JSON: no
#     NaN or Infinity, no duplicate keys, no lone \uD800 escapes;
#   - validate against run.schema.json or segment.schema.json;
#   - have their keys in the documented order (that of the schema's
#     `properties`, which JSON Schema itself cannot check).
# A negative self-test shows the check can fail: broken copies of goldens (a
# misspelt, missing, unknown or misplaced key, a wrong status, NaN, bytes
# that are not UTF-8, ...) must each be rejected.
# Usage: tests/json_schema.sh BUILD/dairy     (uses Debian's python3-jsonschema)
set -u
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"

# The cases: SCHEMA FILE per line.
list="$tmp/list"
: >"$list"
for model in $(bash tests/golden_cases.sh); do
    args=${model%.dairy}.args
    [ -f "$args" ] || continue
    line=$(head -n1 "$args")
    case " $line " in *" --format json "*) ;; *) continue ;; esac
    out=${args%.args}.out
    [ -s "$out" ] || continue   # a usage error (say --period with JSON) prints no report
    case "$line" in segment*) schema=segment ;; diff*) schema=diff ;; *) schema=run ;; esac
    echo "$schema $out" >>"$list"
done
for m in examples/*.dairy; do
    base=$(basename "$m" .dairy)
    for args in "run" "run --all-scenarios" "segment"; do
        schema=${args%% *}
        # segment needs customers
        [ "$schema" = segment ] && ! grep -q '^customers' "$m" && continue
        dest="$tmp/example_${base}_$(echo "$args" | tr -c 'a-z' _)json"
        # shellcheck disable=SC2086
        if (cd examples && "$bin" $args --format json "$base.dairy") >"$dest" 2>/dev/null; then
            echo "$schema $dest" >>"$list"
        else
            echo "FAIL $m: dairy $args --format json exited non-zero"
            echo "error $dest" >>"$list"
        fi
    done
done

/usr/bin/python3 - "$list" "$root/docs/schema" <<'PY'
import json, sys
import jsonschema

list_file, schema_dir = sys.argv[1], sys.argv[2]
schemas = {}
for name in ("run", "segment", "diff"):
    with open(f"{schema_dir}/{name}.schema.json", encoding="utf-8") as f:
        s = json.load(f)
    jsonschema.Draft202012Validator.check_schema(s)
    schemas[name] = jsonschema.Draft202012Validator(s)

def reject_constant(c):
    raise ValueError(f"{c} is not JSON")

def no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise ValueError(f"duplicate key {sorted(dup)[0]!r}")
    return dict(pairs)

def strings_are_utf8(v):
    if isinstance(v, str):
        v.encode("utf-8")  # a lone \ud800 escape fails here
    elif isinstance(v, list):
        for x in v:
            strings_are_utf8(x)
    elif isinstance(v, dict):
        for k, x in v.items():
            strings_are_utf8(k)
            strings_are_utf8(x)

def order_problems(doc, node, root, path=""):
    """Keys out of the order of the schema's `properties` (the documented
    order, which JSON Schema itself cannot check)."""
    while "$ref" in node:
        node = root["$defs"][node["$ref"].rsplit("/", 1)[1]]
    found = []
    for sub in node.get("allOf", []):
        found += order_problems(doc, sub, root, path)
    if "oneOf" in node:
        branch = 1 if isinstance(doc, dict) and "scenarios" in doc else 0
        found += order_problems(doc, node["oneOf"][branch], root, path)
    if isinstance(doc, dict) and "properties" in node:
        props = list(node["properties"])
        keys = [k for k in doc if k in props]
        if keys != sorted(keys, key=props.index):
            found.append(f"{path or '(top)'}: keys {keys} are not in the order {props}")
        for k in keys:
            found += order_problems(doc[k], node["properties"][k], root, f"{path}/{k}")
    if isinstance(doc, dict) and isinstance(node.get("additionalProperties"), dict):
        for k, v in doc.items():
            found += order_problems(v, node["additionalProperties"], root, f"{path}/{k}")
    if isinstance(doc, list) and "items" in node:
        for i, v in enumerate(doc):
            found += order_problems(v, node["items"], root, f"{path}/{i}")
    return found

def problems(data, schema):
    """Why data is not a valid report for the schema: [] when it is."""
    try:
        text = data.decode("utf-8", errors="strict")
        doc = json.loads(text, parse_constant=reject_constant,
                         object_pairs_hook=no_duplicates)
        strings_are_utf8(doc)
    except (UnicodeError, ValueError) as e:
        return [f"not strict UTF-8 JSON: {e}"]
    # A run report is one case or all of them (the schema's top-level
    # oneOf): say what is wrong with the one it is meant to be.
    branch = 1 if isinstance(doc, dict) and "scenarios" in doc else 0
    def leaves(e, top):
        if not e.context:
            yield e
            return
        for c in e.context:
            if not top or e.validator != "oneOf" or c.relative_schema_path[0] == branch:
                yield from leaves(c, False)
    found = [l for e in schemas[schema].iter_errors(doc) for l in leaves(e, True)]
    if not found:
        return order_problems(doc, schemas[schema].schema, schemas[schema].schema)
    found.sort(key=lambda e: [str(p) for p in e.absolute_path])
    def message(e):  # "not" repeats the whole instance: say what it means
        return e.schema.get("description", e.message) if e.validator == "not" else e.message
    return [f"{'/'.join(map(str, e.absolute_path)) or '(top)'}: {message(e)[:200]}" for e in found]

passed = failed = 0
cases = [l.split(" ", 1) for l in open(list_file).read().splitlines()]
for schema, path in cases:
    if schema == "error":
        failed += 1
        continue
    with open(path, "rb") as f:
        why = problems(f.read(), schema)
    if why:
        failed += 1
        print(f"FAIL {path} ({schema} schema):")
        for w in why[:10]:
            print(f"  {w}")
    else:
        passed += 1

# Negative self-test: each broken report must be rejected.
def first_of(schema, needle):
    for s, p in cases:
        if s == schema and needle in p:
            return open(p, "rb").read()
    raise SystemExit(f"self-test: no {schema} report named like {needle!r}")

run = first_of("run", "run_intro_json")
cases_json = first_of("run", "run_scenarios_json")
infeasible = first_of("run", "run_infeasible_json")
seg = first_of("segment", "segment_json")
def broken(what, schema, source, old, new):
    data = source.replace(old, new, 1)
    if data == source:
        raise SystemExit(f"self-test {what!r}: {old!r} is no longer in the golden")
    return what, schema, data

self_tests = [
    broken("misspelt key", "run", run, b'"tonnes": 7500', b'"tones": 7500'),
    broken("missing key", "run", run, b'  "sense": "maximize profit",\n', b""),
    broken("keys out of order", "run", run, b'"farm": "north", "plant": "city_dairy"',
           b'"plant": "city_dairy", "farm": "north"'),
    broken("members out of order", "run", run, b'  "sense": "maximize profit",\n  "currency": "BYN",\n',
           b'  "currency": "BYN",\n  "sense": "maximize profit",\n'),
    broken("unknown key", "run", run, b'"currency": "BYN"', b'"currency": "BYN", "extra": 1'),
    broken("wrong status", "run", run, b'"status": "optimal"', b'"status": "solved"'),
    broken("label for a name", "run", run, b'"plant": "city_dairy"', b'"plant": "City Dairy"'),
    broken("string for a number", "run", run, b'"objective": 2974594', b'"objective": "2974594"'),
    broken("NaN", "run", run, b'"objective": 2974594', b'"objective": NaN'),
    broken("Infinity", "run", run, b'"max": 400', b'"max": Infinity'),
    broken("duplicate key", "run", run, b'"currency": "BYN"', b'"currency": "BYN", "currency": "BYN"'),
    broken("byte 0xff", "run", run, b'"farm": "north"', b'"farm": "n\xffrth"'),
    broken("encoded surrogate", "run", run, b'"farm": "north"', b'"farm": "n\xed\xa0\x80rth"'),
    broken("lone surrogate escape", "run", run, b'"farm": "north"', b'"farm": "n\\ud800rth"'),
    broken("shortfalls without infeasible", "run", infeasible, b'"status": "infeasible"', b'"status": "failed"'),
    broken("case without a name", "run", cases_json, b'      "name": "base",\n', b""),
    broken("segment misspelt key", "segment", seg, b'"share"', b'"shares"'),
    broken("segment share above 1", "segment", seg, b'"share": 0.4', b'"share": 1.4'),
    ("segment report as a run report", "run", seg),
    broken("diff unknown op", "diff", first_of("diff", "diff_json_plan"), b'"op": "changed"', b'"op": "moved"'),
    broken("diff change without new", "diff", first_of("diff", "diff_json_plan"), b', "new": "9 500 t"', b''),
]
for what, schema, data in self_tests:
    if problems(data, schema):
        passed += 1
    else:
        failed += 1
        print(f"FAIL self-test {what!r}: a broken report was accepted")

print(f"json schema: {passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
