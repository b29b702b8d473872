#!/usr/bin/env bash
# Everything `make test` runs, in order; prints one summary line per step
# and a final "N passed, N failed".
set -u
cd "$(dirname "$0")/.."
B=build
steps_pass=0; steps_fail=0
step() { # name, command...
    local name=$1; shift
    local log; log=$(mktemp)
    if "$@" >"$log" 2>&1; then
        steps_pass=$((steps_pass + 1))
        printf 'ok    %s\n' "$name"
        grep -E '^(golden|fmt|examples|valgrind|fuzz|cross-check|sql agreement|io)[^:]*:|PASSED|FAILED' "$log" | sed 's/^/      /' | head -5
    else
        steps_fail=$((steps_fail + 1))
        printf 'FAIL  %s\n' "$name"
        tail -n 60 "$log" | sed 's/^/      /'
    fi
    rm -f "$log"
}

unit_tests() { # dir
    local ok=0 bad=0
    for t in "$1"/test_*; do
        [ -x "$t" ] || continue
        if "$t"; then ok=$((ok + 1)); else bad=$((bad + 1)); fi
    done
    echo "unit binaries: $ok passed, $bad failed"
    [ $bad = 0 ] && [ $ok -gt 0 ]
}

examples_check() { # binary
    local ok=0 bad=0
    for m in examples/*.dairy; do
        if "$1" check "$m" >/dev/null; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAIL $m"; fi
    done
    echo "examples: $ok passed, $bad failed"
    [ $bad = 0 ]
}

# fmt is idempotent and changes nothing that check sees, over every example,
# stdlib module and golden input that parses.
fmt_properties() {
    local ok=0 bad=0 m dir base tmp
    for m in examples/*.dairy stdlib/*.dairy tests/golden/*.dairy; do
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
}

# No leaks and no invalid accesses on any golden input (error paths
# included) or example, under valgrind.
valgrind_all() {
    local ok=0 bad=0 m args
    for m in tests/golden/*.dairy examples/*.dairy; do
        args=check
        [ -f "${m%.dairy}.args" ] && args=$(head -n1 "${m%.dairy}.args")
        # @OUT@: the scratch file of golden.sh, here in build/
        rm -f "$B/vg-out"
        [ -f "${m%.dairy}.before" ] && cp "${m%.dairy}.before" "$B/vg-out"
        args=${args//@OUT@/$PWD/$B/vg-out}
        # shellcheck disable=SC2086
        (cd "$(dirname "$m")" && valgrind -q --leak-check=full --errors-for-leak-kinds=all \
            --error-exitcode=99 "$OLDPWD/$B/dairy" $args "$(basename "$m")" >/dev/null 2>"$OLDPWD/$B/vg.log")
        if [ $? = 99 ]; then bad=$((bad + 1)); echo "FAIL $m"; head -30 $B/vg.log; else ok=$((ok + 1)); fi
    done
    echo "valgrind: $ok passed, $bad failed"
    [ $bad = 0 ]
}

step "unit tests" unit_tests $B/unit
step "unit tests (asan+ubsan)" unit_tests $B/asan/unit
step "golden tests" bash tests/golden.sh $B/dairy
# the sanitizer binary lives in build/asan/, so it finds stdlib/ through DAIRY_PATH
step "golden tests (asan+ubsan)" env DAIRY_PATH="$PWD/stdlib" bash tests/golden.sh $B/asan/dairy
step "examples check" examples_check $B/dairy
step "examples check (asan+ubsan)" env DAIRY_PATH="$PWD/stdlib" bash -c "$(declare -f examples_check); examples_check $B/asan/dairy"
step "fmt properties" fmt_properties
step "cross-check with glpsol and cbc" bash tests/crosscheck.sh $B/dairy
step "sql agreement on sqlite and postgresql" bash tests/sql/agree.sh $B/dairy
step "valgrind" valgrind_all
step "json schema" bash tests/json_schema.sh $B/dairy
step "file safety (io)" bash tests/io.sh $B/dairy
step "file safety (io, asan+ubsan)" bash tests/io.sh $B/asan/dairy
step "fuzz smoke" bash tests/fuzz/run.sh 20

echo
echo "tests: $steps_pass passed, $steps_fail failed"
[ $steps_fail = 0 ]
