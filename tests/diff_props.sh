#!/usr/bin/env bash
# Properties of `dairy diff` over every example, stdlib module and golden
# input that checks:
#   - a model and its `dairy fmt` output mean the same: exit 0, no output
#     (the formatted copy sits beside the model, so `use` and CSV paths
#     resolve alike);
#   - a model compared with itself: exit 0, no output;
#   - every number written in an example or a golden diff model, its last
#     digit changed (outside comments), gives a model that either does not
#     check or that `dairy diff` reports as changed (exit 1): a property of
#     the model that the comparison leaves out shows up here;
# and over the golden diff cases (OLD in data/, NEW the case), both ways:
#   - what is added one way is removed the other way, and as many things
#     change: `+` lines of OLD→NEW are the `-` lines of NEW→OLD, and the
#     counts of `~` lines agree; the exit status is 1 both ways or 0 both.
# Usage: tests/diff_props.sh BUILD/dairy
set -u
bin=$(realpath "${1:-build/dairy}")
cd "$(dirname "$0")/.."
ok=0 bad=0
for m in examples/*.dairy stdlib/*.dairy $(bash tests/golden_cases.sh); do
    dir=$(dirname "$m"); base=$(basename "$m")
    "$bin" check "$m" >/dev/null 2>&1 || continue
    tmp="$dir/.diff-fmt-$base"
    if ! "$bin" fmt "$m" >"$tmp" 2>/dev/null; then rm -f "$tmp"; continue; fi
    out=$("$bin" diff "$m" "$tmp" 2>&1); rc=$?
    if [ $rc = 0 ] && [ -z "$out" ]; then ok=$((ok + 1)); else
        echo "FAIL $m: differs from its fmt output (exit $rc)"; echo "$out" | head -5; bad=$((bad + 1)); fi
    rm -f "$tmp"
    out=$("$bin" diff "$m" "$m" 2>&1); rc=$?
    if [ $rc = 0 ] && [ -z "$out" ]; then ok=$((ok + 1)); else
        echo "FAIL $m: differs from itself (exit $rc)"; bad=$((bad + 1)); fi
done
# every number mutated: checked models must differ
mut=$(python3 - "$bin" examples/*.dairy tests/golden/diff/diff_*.dairy <<'PY'
import os, re, subprocess, sys
binary, paths = sys.argv[1], sys.argv[2:]
num = re.compile(r'(?<![A-Za-z_0-9.])[0-9][0-9_]*(\.[0-9]+)?')
ok = bad = 0
for path in paths:
    lines = open(path, encoding="utf-8").read().split("\n")
    d, base = os.path.split(path)
    tmp = os.path.join(d, ".diff-mut-" + base)
    for i, line in enumerate(lines):
        code = line.split("#", 1)[0]
        for m in num.finditer(code):
            s = m.group(0)
            last = max(j for j, c in enumerate(s) if c.isdigit())
            t = s[:last] + ("1" if s[last] != "1" else "2") + s[last + 1:]
            mutated = lines[:i] + [line[:m.start()] + t + line[m.end():]] + lines[i + 1:]
            with open(tmp, "w", encoding="utf-8") as f:
                f.write("\n".join(mutated))
            if subprocess.run([binary, "check", tmp], capture_output=True).returncode != 0:
                continue
            r = subprocess.run([binary, "diff", path, tmp], capture_output=True)
            if r.returncode == 1 and r.stdout:
                ok += 1
            else:
                bad += 1
                print(f"FAIL {path}:{i + 1}: `{s}` → `{t}` is no change to dairy diff (exit {r.returncode})")
    if os.path.exists(tmp):
        os.remove(tmp)
print(f"MUTATIONS {ok} {bad}")
PY
)
echo "$mut" | grep '^FAIL'
read -r _ mok mbad <<<"$(echo "$mut" | grep '^MUTATIONS')"
ok=$((ok + ${mok:-0})); bad=$((bad + ${mbad:-1}))
[ "${mok:-0}" -gt 100 ] || { echo "FAIL: only ${mok:-0} mutations checked"; bad=$((bad + 1)); }

# both ways: the golden cases of the form `diff data/OLD.dairy` + NEW
for args in tests/golden/diff/diff_*.args; do
    line=$(head -n1 "$args")
    set -- $line
    [ $# = 2 ] && [ "$1" = diff ] || continue   # options: not a plain OLD NEW
    dir=$(dirname "$args"); new=$(basename "${args%.args}").dairy; old=$2
    fwd=$(cd "$dir" && "$bin" diff "$old" "$new" 2>/dev/null); rf=$?
    back=$(cd "$dir" && "$bin" diff "$new" "$old" 2>/dev/null); rb=$?
    # side P's lines, their mark dropped; a count of the lines not listed
    # ("N more customers added") names the way it goes, which turns round
    side() { printf '%s\n' "$1" | grep "^$2 " | sed -e 's/^. //' \
        -e 's/ more \([a-z]*\) \(added\|removed\)$/ more \1 added or removed/' | LC_ALL=C sort; }
    plus_f=$(side "$fwd" +); minus_b=$(side "$back" -)
    minus_f=$(side "$fwd" -); plus_b=$(side "$back" +)
    nf=$(printf '%s\n' "$fwd" | grep -c '^~ '); nb=$(printf '%s\n' "$back" | grep -c '^~ ')
    if [ "$rf" = "$rb" ] && [ "$rf" != 2 ] && [ "$plus_f" = "$minus_b" ] && [ "$minus_f" = "$plus_b" ] &&
        [ "$nf" = "$nb" ]; then ok=$((ok + 1)); else
        echo "FAIL $args: OLD→NEW and NEW→OLD do not mirror (exit $rf and $rb, $nf and $nb changes)"
        bad=$((bad + 1)); fi
done
echo "diff properties: $ok passed, $bad failed"
[ $bad = 0 ] && [ $ok -gt 0 ]
