#!/usr/bin/env bash
# No leaks and no invalid accesses on any golden input (error paths
# included) or example, under valgrind.  Uses build/dairy.
set -u
cd "$(dirname "$0")/.."
B=build
ok=0 bad=0
for m in $(bash tests/golden_cases.sh) examples/*.dairy; do
    args=check
    [ -f "${m%.dairy}.args" ] && args=$(head -n1 "${m%.dairy}.args")
    # @OUT@: the scratch file of golden.sh, here in build/
    rm -f "$B/vg-out"
    [ -f "${m%.dairy}.before" ] && cp "${m%.dairy}.before" "$B/vg-out"
    args=${args//@OUT@/$PWD/$B/vg-out}
    # shellcheck disable=SC2086
    (cd "$(dirname "$m")" && valgrind -q --leak-check=full --errors-for-leak-kinds=all \
        --suppressions="$OLDPWD/tests/valgrind.supp" \
        --error-exitcode=99 "$OLDPWD/$B/dairy" $args "$(basename "$m")" >/dev/null 2>"$OLDPWD/$B/vg.log")
    if [ $? = 99 ]; then bad=$((bad + 1)); echo "FAIL $m"; head -30 $B/vg.log; else ok=$((ok + 1)); fi
done
echo "valgrind: $ok passed, $bad failed"
[ $bad = 0 ]
