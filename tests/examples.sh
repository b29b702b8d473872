#!/usr/bin/env bash
# `dairy check` passes on every example, with the binary BIN.
set -u
cd "$(dirname "$0")/.."
ok=0 bad=0
for m in examples/*.dairy; do
    if "$1" check "$m" >/dev/null; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAIL $m"; fi
done
echo "examples: $ok passed, $bad failed"
[ $bad = 0 ]
