#!/usr/bin/env bash
# `dairy check` passes on every example, with the binary BIN; an example
# with an expected plan in tests/examples/NAME.out (a textbook case whose
# published answer the plan must reproduce) must print exactly that plan.
set -u
cd "$(dirname "$0")/.."
ok=0 bad=0
for m in examples/*.dairy; do
    if "$1" check "$m" >/dev/null; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAIL $m"; fi
    want=tests/examples/$(basename "$m" .dairy).out
    [ -f "$want" ] || continue
    if "$1" run "$m" | diff -u "$want" -; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAIL $m: plan differs from $want"; fi
done
echo "examples: $ok passed, $bad failed"
[ $bad = 0 ]
