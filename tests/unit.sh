#!/usr/bin/env bash
# Run every unit test binary in DIR (build/unit or build/asan/unit).
set -u
cd "$(dirname "$0")/.."
ok=0 bad=0
for t in "$1"/test_*; do
    [ -x "$t" ] || continue
    if "$t"; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
done
echo "unit binaries: $ok passed, $bad failed"
[ $bad = 0 ] && [ $ok -gt 0 ]
