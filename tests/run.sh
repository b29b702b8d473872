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
        grep -E '^(golden|fmt|examples|valgrind|fuzz|cross-check|ranges|bounded runs|solution files|explain|sql agreement|io|install|html|editors|diff git|diff properties)[^:]*:|PASSED|FAILED' "$log" | sed 's/^/      /' | head -5
    else
        steps_fail=$((steps_fail + 1))
        printf 'FAIL  %s\n' "$name"
        tail -n 60 "$log" | sed 's/^/      /'
    fi
    rm -f "$log"
}

# Each step is a script of its own, so `make unit`, `make golden`, ... run
# the same thing (see the Makefile).
step "unit tests" bash tests/unit.sh $B/unit
step "unit tests (asan+ubsan)" bash tests/unit.sh $B/asan/unit
step "golden tests" bash tests/golden.sh $B/dairy
# the sanitizer binary lives in build/asan/, so it finds stdlib/ through DAIRY_PATH
step "golden tests (asan+ubsan)" env DAIRY_PATH="$PWD/stdlib" bash tests/golden.sh $B/asan/dairy
step "examples check" bash tests/examples.sh $B/dairy
step "examples check (asan+ubsan)" env DAIRY_PATH="$PWD/stdlib" bash tests/examples.sh $B/asan/dairy
step "fmt properties" bash tests/fmt_props.sh
step "cross-check with glpsol and cbc" bash tests/crosscheck.sh $B/dairy
step "ranges against glpsol --ranges" bash tests/ranges.sh $B/dairy
step "bounded runs (--time-limit, --gap, Ctrl-C, progress)" bash tests/bounded.sh $B/dairy
step "solution files of glpsol and cbc (run --solution)" bash tests/solution.sh $B/dairy
step "explain against emit lp, pdflatex and XHTML" bash tests/explain.sh $B/dairy
step "sql agreement on sqlite and postgresql" bash tests/sql/agree.sh $B/dairy
step "valgrind" bash tests/valgrind.sh
step "json schema" bash tests/json_schema.sh $B/dairy
step "html pages in chromium" bash tests/html.sh $B/dairy
step "editor syntax (TextMate grammar, Vim) against the scanner" bash tests/editors.sh
step "file safety (io)" bash tests/io.sh $B/dairy
step "file safety (io, asan+ubsan)" bash tests/io.sh $B/asan/dairy
step "diff properties (fmt, itself, both ways)" bash tests/diff_props.sh $B/dairy
step "diff --git in a throwaway repository" bash tests/diff_git.sh $B/dairy
step "install" bash tests/install.sh
step "language server (protocol, same as check, neovim)" bash tests/lsp.sh $B/dairy
step "language server (asan+ubsan)" bash tests/lsp.sh $B/asan/dairy
step "fuzz smoke" bash tests/fuzz/run.sh 20

echo
echo "tests: $steps_pass passed, $steps_fail failed"
[ $steps_fail = 0 ]
