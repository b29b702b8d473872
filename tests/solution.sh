#!/usr/bin/env bash
# `dairy run --solution FILE` reports what `dairy run` reports, from another
# solver's file: for every example and golden model that solves to an
# optimum (the base model only; the golden models of run/, the others
# being mostly the same chains again), `dairy emit mps`, then
#   glpsol --freemps M.mps [--max] --write G.sol          (glpsol's raw format)
#   cbc M.mps [max] solve printingOptions all solu C.sol   (rows and columns)
#   cbc M.mps [max] solve solu C0.sol                      (columns only)
# and `dairy run --solution` of each, as JSON, against `dairy run`'s JSON:
#   - the status and the objective, to 1e-6 relative;
#   - every flow (collection, production, shipments, sales, to 1e-6
#     relative or 1e-6 t), the totals and the plants;
#   - the binding limits and their shadow prices (1e-5 relative: CBC prints
#     8 digits) where the solver gives duals (an LP through glpsol or
#     `printingOptions all`; a MIP's solution has none from glpsol, and its
#     shadow prices are those of the LP with the plant decisions fixed in
#     dairy, so only its objective and flows are compared);
#   - and for glpsol's file of an LP the text report byte for byte.
# Two optimal plans of one program can differ (a degenerate optimum), and
# so can two sets of duals of one plan: a model whose flows, or whose
# binding limits, differ at an equal objective is counted as an alternative
# optimum, not a failure, and named; more than one in five fails the run.  Then the errors: a file of another model, a maximising
# model solved as a minimum (glpsol without --max, cbc without max), a
# file that is no solution, each exit 2 with its message and no report.
# Usage: tests/solution.sh BUILD/dairy
set -u
bin=$(realpath "${1:-build/dairy}")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; alt=0; models=0

cat >"$tmp/cmp.py" <<'EOF'
import json, sys
a = json.load(open(sys.argv[1])); b = json.load(open(sys.argv[2])); duals = sys.argv[3] == "1"
def close(x, y, rel=1e-6, ab=1e-6):
    if x is None or y is None: return x is y
    return abs(x - y) <= max(ab, rel * max(abs(x), abs(y)))
if a["status"] != b["status"] or not close(a["objective"], b["objective"]):
    print("objective: %s %s vs %s %s" % (a["status"], a["objective"], b["status"], b["objective"])); sys.exit(1)
def flows(d):
    out = {}
    for key in ("collection", "production", "shipments", "sales"):
        for r in d[key]:
            k = (key,) + tuple(str(v) for kk, v in r.items() if kk not in ("tonnes", "max", "min", "price"))
            out[k] = r["tonnes"]
    return out
fa, fb = flows(a), flows(b)
same = set(fa) == set(fb) and all(close(fa[k], fb[k]) for k in fa)
same = same and all(close(a["totals"][k], b["totals"][k], 1e-6, 1e-4) for k in a["totals"])
same = same and a["plants"] == b["plants"]
if not same:
    print("flows differ at an equal objective"); sys.exit(2)
if duals:
    da = {r["constraint"]: r["shadow_price"] for r in a["binding"]}
    db = {r["constraint"]: r["shadow_price"] for r in b["binding"]}
    if set(da) != set(db):
        print("other binding limits: %s vs %s" % (sorted(da), sorted(db))); sys.exit(2)
    if not all(close(da[k], db[k], 1e-5, 1e-6) for k in da):
        print("shadow prices differ: %s vs %s" % (sorted(da.items()), sorted(db.items()))); sys.exit(3)
EOF

compare() { # label, dairy's json, theirs, duals(0/1)
    local msg code
    msg=$(python3 "$tmp/cmp.py" "$2" "$3" "$4"); code=$?
    case $code in
    0) pass=$((pass + 1)) ;;
    2) alt=$((alt + 1)); echo "note $1: $msg (an alternative optimum)" ;;
    *) fail=$((fail + 1)); echo "FAIL $1: $msg" ;;
    esac
}

for model in examples/*.dairy $(bash tests/golden_cases.sh | grep '^tests/golden/run/'); do
    dir=$(dirname "$model"); base=$(basename "$model")
    (cd "$dir" && "$bin" run "$base" --format json) >"$tmp/run.json" 2>/dev/null || continue
    (cd "$dir" && "$bin" emit lp "$base") 2>/dev/null | grep -q 'NO ROWS/COLUMNS' && continue
    (cd "$dir" && "$bin" emit mps "$base") >"$tmp/m.mps" 2>/dev/null || continue
    models=$((models + 1))
    mip=0; grep -q '^ *MARKER\|open(' "$tmp/m.mps" && mip=1
    gmax=""; cmax=""
    if grep -q '"sense": "maximize' "$tmp/run.json"; then gmax=--max; cmax=max; fi
    glpsol --freemps "$tmp/m.mps" $gmax --write "$tmp/g.sol" >/dev/null 2>&1
    cbc "$tmp/m.mps" $cmax solve printingOptions all solu "$tmp/c.sol" >/dev/null 2>&1
    cbc "$tmp/m.mps" $cmax solve solu "$tmp/c0.sol" >/dev/null 2>&1
    for s in g c c0; do
        if ! (cd "$dir" && "$bin" run "$base" --solution "$tmp/$s.sol" --format json) \
                >"$tmp/$s.json" 2>"$tmp/$s.err"; then
            fail=$((fail + 1)); echo "FAIL $model [$s]: $(cat "$tmp/$s.err")"; continue
        fi
        duals=0; [ $s != c0 ] && [ $mip = 0 ] && duals=1
        compare "$model [$s]" "$tmp/run.json" "$tmp/$s.json" $duals
    done
    if [ $mip = 0 ]; then
        (cd "$dir" && "$bin" run "$base") >"$tmp/run.txt" 2>/dev/null
        (cd "$dir" && "$bin" run "$base" --solution "$tmp/g.sol") >"$tmp/g.txt" 2>/dev/null
        if cmp -s "$tmp/run.txt" "$tmp/g.txt"; then pass=$((pass + 1))
        elif python3 "$tmp/cmp.py" "$tmp/run.json" "$tmp/g.json" 1 >/dev/null; then
            fail=$((fail + 1)); echo "FAIL $model [g]: the text reports differ"
        fi
    fi
done

# errors: exit 2, the reason, nothing on stdout
err_case() { # label, expected message (grep -E), model, solution file
    "$bin" run "$3" --solution "$4" >"$tmp/e.out" 2>"$tmp/e.err"
    local code=$?
    if [ $code = 2 ] && [ ! -s "$tmp/e.out" ] && grep -Eq "$2" "$tmp/e.err"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL error $1: exit $code, $(cat "$tmp/e.err")"
    fi
}
"$bin" emit mps examples/intro.dairy >"$tmp/intro.mps"
glpsol --freemps "$tmp/intro.mps" --max --write "$tmp/intro.g" >/dev/null 2>&1
glpsol --freemps "$tmp/intro.mps" --write "$tmp/intro_min.g" >/dev/null 2>&1
cbc "$tmp/intro.mps" max solve solu "$tmp/intro.c" >/dev/null 2>&1
cbc "$tmp/intro.mps" solve solu "$tmp/intro_min.c" >/dev/null 2>&1
other=examples/region.dairy
err_case "glpsol file of another model" 'cannot read .* as glpsol.s solution of this model' "$other" "$tmp/intro.g"
err_case "cbc file of another model" "names column .x\(north,city_dairy\)., which this model's program does not have" "$other" "$tmp/intro.c"
err_case "glpsol without --max" 'minimises the objective, but the model maximises profit' examples/intro.dairy "$tmp/intro_min.g"
err_case "cbc without max" 'solved as a minimum' examples/intro.dairy "$tmp/intro_min.c"
printf 'hello\n' >"$tmp/junk"
err_case "not a solution" 'is not a solution of glpsol' examples/intro.dairy "$tmp/junk"
err_case "missing file" 'cannot read .*: No such file' examples/intro.dairy "$tmp/none"
sed 's/^\( *4 s(city_dairy,d1) *\)150/\1170/' "$tmp/intro.c" >"$tmp/intro_bad.c"
err_case "a plan that breaks a row" 'does not fit this model: its plan makes row' examples/intro.dairy "$tmp/intro_bad.c"

echo "solution files (glpsol, cbc): $pass passed, $fail failed, $alt alternative optima, $models models"
[ $fail = 0 ] && [ $pass -gt 0 ] && [ $((alt * 5)) -le $((models * 3)) ]
