#!/usr/bin/env bash
# fmt is idempotent and changes nothing that check sees, over every example,
# stdlib module and golden input that parses.  Uses build/dairy.
set -u
cd "$(dirname "$0")/.."
B=build
ok=0 bad=0
for m in examples/*.dairy stdlib/*.dairy $(bash tests/golden_cases.sh); do
    dir=$(dirname "$m"); base=$(basename "$m")
    tmp="$dir/.fmt-$base"
    if ! $B/dairy fmt "$m" >"$tmp" 2>/dev/null; then rm -f "$tmp"; continue; fi
    if ! $B/dairy fmt "$tmp" | cmp -s - "$tmp"; then
        echo "FAIL $m: fmt is not idempotent"; diff <($B/dairy fmt "$tmp") "$tmp" | head; bad=$((bad + 1))
    elif $B/dairy check --dump "$m" >"$tmp.a" 2>/dev/null; then
        $B/dairy check --dump "$tmp" >"$tmp.b" 2>/dev/null
        if cmp -s "$tmp.a" "$tmp.b"; then ok=$((ok + 1)); else
            echo "FAIL $m: fmt changed what check sees"; diff "$tmp.a" "$tmp.b" | head; bad=$((bad + 1)); fi
    else
        ok=$((ok + 1))
    fi
    rm -f "$tmp" "$tmp.a" "$tmp.b"
done
echo "fmt properties: $ok passed, $bad failed"
[ $bad = 0 ] && [ $ok -gt 0 ]
