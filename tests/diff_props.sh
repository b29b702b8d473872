#!/usr/bin/env bash
# Properties of `dairy diff` over every example, stdlib module and golden
# input that checks:
#   - a model and its `dairy fmt` output mean the same: exit 0, no output
#     (the formatted copy sits beside the model, so `use` and CSV paths
#     resolve alike);
#   - a model compared with itself: exit 0, no output;
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
# both ways: the golden cases of the form `diff data/OLD.dairy` + NEW
for args in tests/golden/diff/diff_*.args; do
    line=$(head -n1 "$args")
    set -- $line
    [ $# = 2 ] && [ "$1" = diff ] || continue   # options: not a plain OLD NEW
    dir=$(dirname "$args"); new=$(basename "${args%.args}").dairy; old=$2
    fwd=$(cd "$dir" && "$bin" diff "$old" "$new" 2>/dev/null); rf=$?
    back=$(cd "$dir" && "$bin" diff "$new" "$old" 2>/dev/null); rb=$?
    plus_f=$(printf '%s\n' "$fwd" | grep '^+ ' | sed 's/^+ //' | LC_ALL=C sort)
    minus_b=$(printf '%s\n' "$back" | grep '^- ' | sed 's/^- //' | LC_ALL=C sort)
    minus_f=$(printf '%s\n' "$fwd" | grep '^- ' | sed 's/^- //' | LC_ALL=C sort)
    plus_b=$(printf '%s\n' "$back" | grep '^+ ' | sed 's/^+ //' | LC_ALL=C sort)
    nf=$(printf '%s\n' "$fwd" | grep -c '^~ '); nb=$(printf '%s\n' "$back" | grep -c '^~ ')
    if [ "$rf" = "$rb" ] && [ "$rf" != 2 ] && [ "$plus_f" = "$minus_b" ] && [ "$minus_f" = "$plus_b" ] &&
        [ "$nf" = "$nb" ]; then ok=$((ok + 1)); else
        echo "FAIL $args: OLD→NEW and NEW→OLD do not mirror (exit $rf and $rb, $nf and $nb changes)"
        bad=$((bad + 1)); fi
done
echo "diff properties: $ok passed, $bad failed"
[ $bad = 0 ] && [ $ok -gt 0 ]
