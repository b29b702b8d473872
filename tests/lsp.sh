#!/usr/bin/env bash
# The language server (docs/lsp.md), three ways:
#   1. protocol cases: tests/lsp/cases/NAME.in (one JSON-RPC message a
#      line) piped framed into `dairy lsp`; the answers must equal
#      NAME.out exactly (tests/lsp/frame.py)
#   2. the same diagnostics as `dairy check`, on every golden model
#      (tests/lsp/same_as_check.py)
#   3. a real client: Neovim's built-in LSP client, headless, driven by
#      tests/lsp/nvim.lua
#   lsp.sh [--update] [DAIRY]    --update rewrites the .out files (review the diff)
set -u
cd "$(dirname "$0")/.."
update=false
if [ "${1:-}" = --update ]; then update=true; shift; fi
dairy=${1:-build/dairy}
pass=0; fail=0
for in in tests/lsp/cases/*.in; do
    out=${in%.in}.out
    got=$(python3 tests/lsp/frame.py "$dairy" "$in" 2>&1)
    if $update; then
        printf '%s\n' "$got" >"$out"
        pass=$((pass + 1))
    elif [ "$got" = "$(cat "$out" 2>/dev/null)" ]; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $in"
        diff <(printf '%s\n' "$got") "$out" | head -20
    fi
done
echo "lsp protocol: $pass passed, $fail failed"
# shellcheck disable=SC2046
python3 tests/lsp/same_as_check.py "$dairy" $(bash tests/golden_cases.sh) examples/*.dairy \
    tests/lsp/data/*.dairy || fail=$((fail + 1))
if command -v nvim >/dev/null; then
    if DAIRY="$dairy" timeout 120 nvim --headless -u NONE -i NONE -c 'luafile tests/lsp/nvim.lua' 2>&1; then
        pass=$((pass + 1))
    else
        echo "FAIL neovim client (tests/lsp/nvim.lua)"
        fail=$((fail + 1))
    fi
else
    echo "FAIL neovim is not installed (make test-deps)"
    fail=$((fail + 1))
fi
[ $fail = 0 ]
