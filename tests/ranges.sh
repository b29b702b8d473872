#!/usr/bin/env bash
# The ranges of `dairy run --ranges` are GLPK's own: for every example and
# golden model that solves to an optimum (and for each of its scenarios),
# every number of the "ranges" of `dairy run --ranges --format json` equals
# the sensitivity analysis report of `glpsol --lp --ranges FILE` on
# `dairy emit lp`:
#   - a limit (a row): lo and hi are the row's "Activity range" (of the
#     `~r_N` column GLPK's LP writer puts in a row with two bounds);
#   - a price or cost (a column): value - lo and hi - value are the column's
#     "Obj coef range" less its coefficient, turned round for a cost under
#     a profit (-(price + haulage) is the coefficient of a milk route);
# to 1e-6 relative, or to the last digit glpsol prints when it prints
# fewer (5 decimals up to 999999.99998, else 6 significant digits).
# A mixed-integer model (an `optional` plant) has no report in glpsol: its
# LP is written again with each `open(PLANT)` fixed at dairy's decision
# (the "plants" of the JSON), as dairy fixes them before its analysis.
# Degenerate bases: two optimal bases of one LP can give different ranges.
# dairy's basis comes from GLPK's simplex with presolve (and, in a MIP, the
# branch and bound's last basis), glpsol's from its own start, and a plan
# where a basic variable sits at a bound (primal degenerate) or a nonbasic
# one has a zero reduced cost (dual degenerate) has several optimal bases
# with different ranges, each correct for its basis.  So a range is
# compared only where both sides have the same basis status for it (a limit
# nonbasic, a column of the plan basic, an unused column nonbasic), and in
# a degenerate plan a range that differs is counted as skipped, not failed;
# in a plan that is not degenerate every range must agree.  A plan with
# more skipped than agreeing ranges is named (run_huge_bounds: at 1e16 t,
# 1e16 + 1000 is 1e16, and glpsol's plan is another of equal profit), and
# the whole run fails when more than one range in ten is skipped.
set -u
bin=$(realpath "${1:-build/dairy}")
cd "$(dirname "$0")/.." || exit 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0; skip=0; models=0

compare() { # run.json model.lp report  -> "pass skip fail" on the last line
    python3 - "$@" <<'EOF'
import json, re, sys
run = json.load(open(sys.argv[1]))
rep = open(sys.argv[3]).read().split('\n')
lp = open(sys.argv[2]).read()

# In a MIP, dairy says a row of an optional plant (`sum x - 5000 open(small)
# <= 0`) as the limit the model wrote (5000 t, the plant open): the fixed
# open(PLANT) columns' part moves the row's range.  name -> that part.
opened = dict((m.group(1), float(m.group(2)))
              for m in re.finditer(r'^ *(open\(\S+\)) = (\S+)$', lp, re.M))
decided = {}
body = lp.split('Subject To', 1)[-1].split('\nBounds', 1)[0]
for m in re.finditer(r'^ (\S+):((?:.|\n)*?)(?=^ \S+:|\Z)', body, re.M):
    for t in re.finditer(r'([-+]) (?:(\S+) )?(open\(\S+\))', m.group(2)):
        a = float(t.group(2) or 1) * (-1 if t.group(1) == '-' else 1)
        decided[m.group(1)] = decided.get(m.group(1), 0) - a * opened.get(t.group(3), 0)

def num(tok):
    if tok in ('+Inf', 'Inf'): return float('inf')
    if tok == '-Inf': return float('-inf')
    if tok == '.': return 0.0
    return float(tok)

def tol(tok):
    """Half the last digit glpsol prints of a number."""
    if tok in ('+Inf', '-Inf', '.'): return 0.0
    m = re.match(r'^-?(\d*)\.?(\d*)(?:e([-+]\d+))?$', tok)
    dec = len(m.group(2)); exp = int(m.group(3) or 0)
    return 0.5 * 10.0 ** (exp - dec)

# name -> (status, activity, lo_act, hi_act, coef, lo_coef, hi_coef), per pass
rows, cols, part, i, degenerate = {}, {}, None, 0, []
while i < len(rep):
    line = rep[i]
    if line.startswith('   No. Row name'): part = rows
    elif line.startswith('   No. Column name'): part = cols
    m = re.match(r'^ *(\d+) (\S+)(.*)$', line)
    if part is not None and m and not line.startswith('GLPK'):
        name, rest = m.group(2), m.group(3).split()
        if not rest:
            i += 1; rest = rep[i].split()
        second = rep[i + 1].split()
        part[name] = (rest[0], rest[1], rest[2], rest[4], rest[5], second[2], second[3],
                      int(m.group(1)))
        act, lb, ub, dj = num(rest[1]), num(rest[3]), num(second[1]), num(second[0])
        near = lambda a, b: abs(a - b) <= 1e-5 * max(1.0, abs(a))
        if rest[0] == 'BS' and (near(act, lb) or near(act, ub)):
            degenerate.append(name)     # a basic variable at a bound
        if rest[0] in ('NL', 'NU') and dj == 0:
            degenerate.append(name)     # a nonbasic one that may enter at no cost
        i += 2; continue
    i += 1

INF = float('inf')

def agree(ours, tok, base=0.0, sign=1):
    """ours (None: unlimited, which way is end's) against glpsol's token."""
    theirs = num(tok)
    if abs(theirs) != INF: theirs = sign * (theirs - base)
    else: theirs = sign * theirs
    if ours is None or abs(theirs) == INF: return ours is None and abs(theirs) == INF
    slack = max(1e-6 * max(1.0, abs(ours)), tol(tok) + 1e-6 * abs(base) + 1e-9)
    return abs(ours - theirs) <= slack

def inf_ok(ours, tok, sign, want):
    """An unlimited end must be unlimited the same way."""
    return ours is not None or num(tok) * sign == want

p = s = f = 0
profit = run['sense'] == 'maximize profit'
for r in run.get('ranges', []):
    if 'constraint' in r:
        name = r['constraint']
        row = rows.get(name)
        if row is None: f += 1; print('FAIL no row', name); continue
        # a row with two bounds is `row - ~r_N = lb`, lb <= ~r_N <= ub rewritten
        # as 0 <= ~r_N <= ub - lb: its range is ~r_N's, moved by the row's lb
        src = cols.get('~r_%d' % row[7])
        base = (-num(row[1]) if src else 0.0) - decided.get(name, 0.0)
        src = src or row
        if src[0] == 'BS': s += 1; continue
        got = (src[3], src[5], -base)
        ok = agree(r['lo'], src[3], base) and agree(r['hi'], src[5], base) and \
             inf_ok(r['lo'], src[3], 1, -INF) and inf_ok(r['hi'], src[5], 1, INF)
    else:
        name = r['column']
        col = cols.get(name)
        if col is None: f += 1; print('FAIL no column', name); continue
        used = not r['kind'].startswith('enter_')
        if (col[0] == 'BS') != used: s += 1; continue
        coef = num(col[2])
        sign = -1 if (profit and r['kind'] in ('milk', 'processing', 'enter_milk',
                                               'enter_processing')) else 1
        # value + sign * (their coefficient range - their coefficient)
        lo_t, hi_t = (col[4], col[6]) if sign > 0 else (col[6], col[4])
        v = r['value']
        got = (col[2], col[4], col[6])
        ok = agree(None if r['lo'] is None else r['lo'] - v, lo_t, coef, sign) and \
             agree(None if r['hi'] is None else r['hi'] - v, hi_t, coef, sign) and \
             inf_ok(r['lo'], lo_t, sign, -INF) and inf_ok(r['hi'], hi_t, sign, INF)
    if ok: p += 1
    elif degenerate: s += 1     # another optimal basis of a degenerate plan
    else:
        f += 1
        print('FAIL', name, r['kind'], r['value'], r['lo'], r['hi'], 'glpsol:', got)
print(p, s, f)
EOF
}

# The LP of a MIP with each open(PLANT) fixed at the JSON's decision: the
# plant's name where lp_ident keeps it, else p<N> (docs/lp.md, names).
fix_mip() { # run.json in.lp out.lp
    python3 - "$@" <<'EOF'
import json, re, sys
run = json.load(open(sys.argv[1]))
fixed = {}
for n, pl in enumerate(run['plants'], 1):
    name = pl['plant']
    ident = name if re.match(r'^[A-Za-z_][A-Za-z0-9_]*$', name) and len(name) <= 60 else 'p%d' % n
    fixed['open(%s)' % ident] = 1 if pl['open'] else 0
out, section = [], None
for line in open(sys.argv[2]).read().split('\n'):
    word = line.strip()
    if word in ('Generals', 'General', 'Binaries', 'Binary'):
        section = 'int'; continue
    if word == 'End': section = None
    if section == 'int': continue
    m = re.match(r'^\s*0 <= (open\(\S+\)) <= 1\s*$', line)
    if m and m.group(1) in fixed:
        line = ' %s = %d' % (m.group(1), fixed[m.group(1)])
    out.append(line)
open(sys.argv[3], 'w').write('\n'.join(out))
EOF
}

check_one() { # model [scenario]
    local model=$1 scen=${2:-} sargs="" label dir base
    [ -n "$scen" ] && sargs="--scenario $scen"
    label="$model${scen:+ [$scen]}"
    dir=$(dirname "$model"); base=$(basename "$model")
    # shellcheck disable=SC2086
    (cd "$dir" && "$bin" run "$base" $sargs --ranges --format json) >"$tmp/run.json" 2>/dev/null
    local code=$?
    if [ $code = 2 ] && grep -q '"status"' "$tmp/run.json"; then
        echo "FAIL $label: the solver failed"; fail=$((fail + 1)); return 0
    fi
    [ $code = 0 ] || return 0                     # no optimal plan: no ranges
    grep -q '"ranges": \[$' "$tmp/run.json" || return 0   # none to compare
    # shellcheck disable=SC2086
    (cd "$dir" && "$bin" emit lp "$base" $sargs) >"$tmp/m.lp" 2>/dev/null || {
        echo "FAIL $label: emit lp"; fail=$((fail + 1)); return 0; }
    if grep -qx 'Generals\|Binaries' "$tmp/m.lp"; then
        fix_mip "$tmp/run.json" "$tmp/m.lp" "$tmp/fixed.lp" && mv "$tmp/fixed.lp" "$tmp/m.lp"
    fi
    rm -f "$tmp/rng"
    glpsol --lp "$tmp/m.lp" --ranges "$tmp/rng" >"$tmp/log" 2>&1
    if [ ! -s "$tmp/rng" ]; then
        echo "FAIL $label: glpsol wrote no ranges"; tail -3 "$tmp/log"; fail=$((fail + 1)); return 0
    fi
    compare "$tmp/run.json" "$tmp/m.lp" "$tmp/rng" >"$tmp/cmp" 2>&1
    local p s f
    read -r p s f < <(tail -n1 "$tmp/cmp")
    if ! [[ "$p" =~ ^[0-9]+$ ]]; then
        echo "FAIL $label: comparison failed"; cat "$tmp/cmp"; fail=$((fail + 1)); return 0
    fi
    models=$((models + 1))
    pass=$((pass + p)); skip=$((skip + s)); fail=$((fail + f))
    if [ "$f" -gt 0 ]; then
        echo "FAIL $label: $p agree, $s skipped (another basis), $f differ"
        sed '$d' "$tmp/cmp" | head -5
    elif [ "$s" -gt "$p" ]; then
        echo "note $label: $p agree, $s skipped (another basis)"
    fi
}

shift $(( $# > 0 ? 1 : 0 ))   # any further arguments: only these models
if [ $# = 0 ]; then
    # shellcheck disable=SC2046
    set -- examples/*.dairy $(bash tests/golden_cases.sh)
fi
for model in "$@"; do
    check_one "$model"
    for s in $(sed -n 's/^scenario \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$model"); do
        check_one "$model" "$s"
    done
done
echo "ranges (glpsol --ranges): $pass ranges agree in $models plans, $skip skipped (another basis), $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ] && [ $((10 * skip)) -le $pass ]
