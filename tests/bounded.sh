#!/usr/bin/env bash
# Bounded runs (issue 14): `dairy run --time-limit`, `--gap`, Ctrl-C and the
# progress line, on instances of bench/gen_lp.c big enough to be stopped:
#   - lp:   gen_lp --lp, about 20 000 variables (an LP, about a second);
#   - big:  gen_lp --lp, about 300 000 variables (seconds even with sifting: to interrupt);
#   - mip:  gen_lp at 6 000 variables with every plant optional, its
#           minimum intake a third of its capacity and a fixed cost, so the
#           branch and bound searches some 70 subproblems.
# Where the clock would decide where a solve stops, DAIRY_TEST_STOP=N (N
# simplex iterations) or DAIRY_TEST_STOP_NODES=N (N subproblems) stands in
# for it (src/solve_ctl.h), so those reports are compared byte for byte
# between two runs.  Each check states what must hold: exit status 3, the
# status marked in text and JSON, the best plan so far no better than the
# optimum and the bound no worse, the JSON parsing, nothing on stdout but
# the report, the progress line on stderr only when asked for (or on a
# terminal, through script(1)'s pty) and cleared at the end.
# Usage: tests/bounded.sh BUILD/dairy
set -u
bin=$(realpath "${1:-build/dairy}")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
pids=""
trap 'for p in $pids; do kill "$p" 2>/dev/null; done; rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { echo "FAIL $*"; fail=$((fail + 1)); }
check() { # description, command...: the command must succeed
    local what=$1; shift
    if "$@"; then ok; else bad "$what"; fi
}
# json FILE EXPR: a Python expression over d (the parsed report) holds
json() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); sys.exit(0 if ($2) else 1)" "$1"; }

cc -std=c11 -O2 -Wall -Wextra -Werror bench/gen_lp.c -o "$tmp/gen_lp" -lm || exit 1
mkdir -p "$tmp/lp" "$tmp/big" "$tmp/mip"
"$tmp/gen_lp" --lp "$tmp/lp" 20000 >/dev/null
"$tmp/gen_lp" --lp "$tmp/big" 300000 >/dev/null
"$tmp/gen_lp" "$tmp/mip" 6000 7 >/dev/null
awk -F, -v OFS=, 'NR == 1 { print; next }
    { c = $3; sub(/.*\.\./, "", c); $3 = int(c / 3) ".." c; $4 = int(c * 60); $5 = "yes"; print }' \
    "$tmp/mip/plants.csv" >"$tmp/plants.csv" && mv "$tmp/plants.csv" "$tmp/mip/plants.csv"
LP=$tmp/lp/model.dairy BIG=$tmp/big/model.dairy MIP=$tmp/mip/model.dairy

# run OUT ERR ARGS...: dairy run, its exit status in $code
run() { local out=$1 err=$2; shift 2; "$bin" run "$@" >"$out" 2>"$err"; code=$?; }

# --- the optima, for comparison
run "$tmp/lp.json" "$tmp/e" "$LP" --format json
check "lp solves (exit $code)" test $code = 0
run "$tmp/mip.json" "$tmp/e" "$MIP" --format json
check "mip solves (exit $code)" test $code = 0
lp_opt=$(python3 -c "import json; print(json.load(open('$tmp/lp.json'))['objective'])")
mip_opt=$(python3 -c "import json; print(json.load(open('$tmp/mip.json'))['objective'])")

# --- an LP stopped at the limit after its first phase: the best plan so far
DAIRY_TEST_STOP=1500 run "$tmp/a.txt" "$tmp/e" "$LP" --time-limit 100
check "lp at the limit: exit 3 (got $code)" test $code = 3
check "lp at the limit: status marked" grep -q '^status: time limit — .*the plan below is the best found so far, not proved optimal' "$tmp/a.txt"
check "lp at the limit: the plan's profit is shown" grep -q '^profit  ' "$tmp/a.txt"
check "lp at the limit: no shadow prices" bash -c "! grep -q '^binding limits' '$tmp/a.txt'"
check "lp at the limit: nothing on stderr" test ! -s "$tmp/e"
DAIRY_TEST_STOP=1500 run "$tmp/b.txt" "$tmp/e" "$LP" --time-limit 100
check "lp at the limit: deterministic" cmp -s "$tmp/a.txt" "$tmp/b.txt"
DAIRY_TEST_STOP=1500 run "$tmp/a.json" "$tmp/e" "$LP" --time-limit 100 --format json
check "lp at the limit (json): exit 3" test $code = 3
check "lp at the limit (json): status, a plan no better than the optimum" \
    json "$tmp/a.json" "d['status'] == 'time limit' and d['objective'] is not None and d['objective'] <= $lp_opt + 1e-6 * abs($lp_opt) and len(d['collection']) > 0 and d['binding'] == [] and 'bound' in d and 'gap' in d"

# --- stopped before any feasible basis: said so, still exit 3
DAIRY_TEST_STOP=50 run "$tmp/c.txt" "$tmp/e" "$LP" --time-limit 100
check "lp stopped early: exit 3" test $code = 3
check "lp stopped early: no plan, said so" grep -q '^status: time limit — .*no plan meeting every constraint had been found yet' "$tmp/c.txt"
check "lp stopped early: no plan tables" bash -c "! grep -q '^profit' '$tmp/c.txt'"
DAIRY_TEST_STOP=50 run "$tmp/c.json" "$tmp/e" "$LP" --time-limit 100 --format json
check "lp stopped early (json)" json "$tmp/c.json" "d['status'] == 'time limit' and d['objective'] is None and d['collection'] == []"

# --- the clock itself: a limit far shorter than the solve
start=$(date +%s%N)
run "$tmp/d.json" "$tmp/e" "$LP" --time-limit 0.05 --format json
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "lp --time-limit 0.05: exit 3 (got $code)" test $code = 3
check "lp --time-limit 0.05: status" json "$tmp/d.json" "d['status'] == 'time limit'"
check "lp --time-limit 0.05: stopped soon (${ms} ms)" test $ms -lt 5000

# --- a MIP stopped in its branch and bound: incumbent, bound and gap
DAIRY_TEST_STOP_NODES=30 run "$tmp/m.txt" "$tmp/e" "$MIP" --time-limit 100
check "mip at the limit: exit 3" test $code = 3
check "mip at the limit: status marked" grep -q '^status: time limit — .*the plan below is the best found so far' "$tmp/m.txt"
check "mip at the limit: bound and gap" grep -Eq '^best bound: [0-9.]+ \(gap [0-9.]+%\)$' "$tmp/m.txt"
DAIRY_TEST_STOP_NODES=30 run "$tmp/m2.txt" "$tmp/e" "$MIP" --time-limit 100
check "mip at the limit: deterministic" cmp -s "$tmp/m.txt" "$tmp/m2.txt"
DAIRY_TEST_STOP_NODES=30 run "$tmp/m.json" "$tmp/e" "$MIP" --time-limit 100 --format json
check "mip at the limit (json): incumbent <= optimum <= bound, gap as GLPK's" \
    json "$tmp/m.json" "d['status'] == 'time limit' and d['objective'] <= $mip_opt * (1 + 1e-9) and d['bound'] >= $mip_opt * (1 - 1e-9) and abs(d['gap'] - abs(d['objective'] - d['bound']) / abs(d['objective'])) < 1e-6"
DAIRY_TEST_STOP_NODES=1 run "$tmp/n.json" "$tmp/e" "$MIP" --time-limit 100 --format json
check "mip stopped before an incumbent (json): no plan, a bound" \
    json "$tmp/n.json" "d['status'] == 'time limit' and d['objective'] is None and d['bound'] >= $mip_opt and d['gap'] is None"

# --- --gap: the search stops at the first plan within 2 %; exit 0
run "$tmp/g.txt" "$tmp/e" "$MIP" --gap 0.02
check "mip --gap 0.02: exit 0 (got $code)" test $code = 0
check "mip --gap 0.02: status within gap" grep -q '^status: within gap — ' "$tmp/g.txt"
check "mip --gap 0.02: bound and gap" grep -Eq '^best bound: [0-9.]+ \(gap [0-9.]+%\)$' "$tmp/g.txt"
check "mip --gap 0.02: shadow prices of the plan" grep -q '^binding limits' "$tmp/g.txt"
run "$tmp/g.json" "$tmp/e" "$MIP" --gap 0.02 --format json
check "mip --gap 0.02 (json): gap <= 0.02, plan <= optimum <= bound" \
    json "$tmp/g.json" "d['status'] == 'within gap' and d['gap'] <= 0.02 and d['objective'] <= $mip_opt * (1 + 1e-9) and d['bound'] >= $mip_opt * (1 - 1e-9)"
start=$(date +%s%N)
run "$tmp/g0.json" "$tmp/g0.err" "$MIP" --gap 0 --format json --progress
ms=$(( ($(date +%s%N) - start) / 1000000 ))
check "mip --gap 0 is the optimum" json "$tmp/g0.json" "d['status'] == 'optimal' and abs(d['objective'] - $mip_opt) <= 1e-6 * abs($mip_opt)"
# the branch and bound's progress line, when the search outlasts its first
# second (it does here, under load; a fast machine may finish before)
if [ $ms -gt 1800 ]; then
    check "mip --progress: the branch and bound's line (${ms} ms)" \
        grep -Eq 'dairy: MIP [0-9]+ nodes \([0-9]+ open\), (incumbent [-0-9.e+]+, bound [-0-9.e+]+, gap [0-9.]+%|no incumbent yet, bound [-0-9.e+]+), [0-9.]+ s' "$tmp/g0.err"
fi

# --- no progress line when stderr is not a terminal (unless --progress)
run "$tmp/q.txt" "$tmp/q.err" "$BIG" --time-limit 1.5
check "no --progress, stderr a file: stderr empty" test ! -s "$tmp/q.err"
check "big --time-limit 1.5: exit 3" test $code = 3

# --- Ctrl-C: SIGINT once the solve is under way (the progress line says so)
interrupt() { # OUT ERR ARGS...: dairy run in the background, SIGINT, wait
    local out=$1 err=$2; shift 2
    "$bin" run "$@" --progress >"$out" 2>"$err" &
    local pid=$! t=0
    pids="$pids $pid"
    while ! grep -q 'dairy: simplex' "$err" 2>/dev/null && [ $t -lt 300 ]; do
        sleep 0.1; t=$((t + 1))
    done
    kill -INT "$pid"
    wait "$pid"; code=$?
}
interrupt "$tmp/i.txt" "$tmp/i.err" "$BIG"
check "SIGINT: exit 3 (got $code)" test $code = 3
check "SIGINT: status interrupted" grep -q '^status: interrupted — the solver was stopped by Ctrl-C (SIGINT); ' "$tmp/i.txt"
check "SIGINT: the report is whole (title first, a status)" bash -c "head -1 '$tmp/i.txt' | grep -q '^LP benchmark' && [ \$(grep -c '^status: ' '$tmp/i.txt') = 1 ]"
check "SIGINT: progress on stderr, none on stdout" bash -c "grep -q 'dairy: simplex phase [12], iteration [0-9]*, objective .*, [0-9.]* s' '$tmp/i.err' && ! grep -q \$'\\r' '$tmp/i.txt'"
check "SIGINT: the progress line is cleared at the end" bash -c "tail -c 2 '$tmp/i.err' | od -c | grep -q '\\\\r'"
interrupt "$tmp/i.json" "$tmp/i2.err" "$BIG" --format json
check "SIGINT (json): exit 3" test $code = 3
check "SIGINT (json): parses, status interrupted" json "$tmp/i.json" "d['status'] == 'interrupted' and 'bound' in d"

# --- on a terminal the progress line is the default; --quiet silences it
if command -v script >/dev/null; then
    script -qec "'$bin' run '$BIG' --time-limit 2.5 >'$tmp/t.txt'" "$tmp/tty.log" >/dev/null 2>&1
    check "tty: progress shown by default" grep -q 'dairy: simplex phase' "$tmp/tty.log"
    check "tty: stdout is the report only" bash -c "! grep -q 'dairy: simplex' '$tmp/t.txt'"
    script -qec "'$bin' run '$BIG' --time-limit 2.5 --quiet >'$tmp/t.txt'" "$tmp/tty.log" >/dev/null 2>&1
    check "tty: --quiet silences it" bash -c "! grep -q 'dairy: ' '$tmp/tty.log'"
fi

echo "bounded runs: $pass passed, $fail failed"
[ $fail = 0 ]
