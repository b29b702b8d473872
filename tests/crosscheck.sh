#!/usr/bin/env bash
# Independent solvers agree with `dairy run`: for every example and golden
# model that checks (and for each of its scenarios), the objective of
# `dairy run --format json` equals
#   glpsol on `dairy emit lp`, glpsol on `dairy emit mathprog`, and
#   cbc on `dairy emit mps` (run with `max` for a maximising model: CBC
#   ignores the objective sense written in MPS)
# to 1e-6 relative; an infeasible model is infeasible for all three.
set -u
bin=$(realpath "${1:-build/dairy}")
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0

# agree A B: equal to 1e-6 relative (absolute near zero)
agree() { awk -v a="$1" -v b="$2" 'BEGIN { d = a - b; if (d < 0) d = -d; s = (a < 0 ? -a : a); if (s < 1) s = 1; exit !(d <= 1e-6 * s) }'; }

check_one() { # model [scenario]
    local model=$1 scen=${2:-} sargs="" label dir base
    [ -n "$scen" ] && sargs="--scenario $scen"
    label="$model${scen:+ [$scen]}"
    dir=$(dirname "$model"); base=$(basename "$model")
    # shellcheck disable=SC2086
    (cd "$dir" && "$bin" run "$base" $sargs --format json) >"$tmp/run.json" 2>/dev/null
    local code=$?
    if [ $code != 0 ] && [ $code != 3 ]; then return; fi   # not a model that solves
    local status ours sense
    status=$(sed -n 's/^ *"status": "\([a-z]*\)".*/\1/p' "$tmp/run.json" | head -1)
    ours=$(sed -n 's/^ *"objective": \([-0-9.eE+]*\).*/\1/p' "$tmp/run.json" | head -1)
    sense=$(sed -n 's/^ *"sense": "\([a-z]*\).*/\1/p' "$tmp/run.json" | head -1)
    # a program without variables has nothing for another solver to check
    (cd "$dir" && "$bin" emit lp "$base" $sargs) 2>/dev/null | grep -q 'NO ROWS/COLUMNS' && return
    for what in lp mathprog mps; do
        # shellcheck disable=SC2086
        (cd "$dir" && "$bin" emit $what "$base" $sargs) >"$tmp/m.$what" 2>/dev/null || {
            echo "FAIL $label: emit $what"; fail=$((fail + 1)); continue; }
        local theirs="" tstat=""
        case $what in
        lp|mathprog)
            local opt=--lp; [ $what = mathprog ] && opt=--math
            glpsol $opt "$tmp/m.$what" -o "$tmp/sol" >"$tmp/log" 2>&1
            if grep -q "NO PRIMAL FEASIBLE\|NO INTEGER FEASIBLE\|PROBLEM HAS NO" "$tmp/log" "$tmp/sol" 2>/dev/null; then tstat=infeasible
            else
                theirs=$(sed -n 's/^Objective: *[A-Za-z_]* = \([-0-9.eE+]*\).*/\1/p' "$tmp/sol" | head -1)
                tstat=optimal
            fi ;;
        mps)
            local dirn=min; [ "$sense" = maximize ] && dirn=max
            cbc "$tmp/m.mps" $dirn solve >"$tmp/log" 2>&1
            # an LP ends "Optimal objective X - N iterations", a MIP "Objective value: X"
            theirs=$(sed -n -e 's/^Objective value: *\([-0-9.eE+]*\).*/\1/p' \
                            -e 's/^Optimal objective \([-0-9.eE+]*\) .*/\1/p' "$tmp/log" | head -1)
            if [ -n "$theirs" ]; then tstat=optimal
            elif grep -qi "infeasible" "$tmp/log"; then tstat=infeasible
            else tstat=unknown; fi ;;
        esac
        if [ "$status" = infeasible ] && [ "$tstat" = infeasible ]; then pass=$((pass + 1)); continue; fi
        if [ "$status" = optimal ] && [ -n "$theirs" ] && agree "$ours" "$theirs"; then
            pass=$((pass + 1))
        else
            echo "FAIL $label: $what says $tstat ${theirs:-?}, dairy says $status ${ours:-?}"
            fail=$((fail + 1))
        fi
    done
}

for model in examples/*.dairy $(bash tests/golden_cases.sh); do
    check_one "$model"
    for s in $(sed -n 's/^scenario \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$model"); do
        check_one "$model" "$s"
    done
done
echo "cross-check (glpsol lp, glpsol mathprog, cbc mps): $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
