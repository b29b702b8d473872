#!/usr/bin/env bash
# Golden tests: every tests/golden/NAME.dairy is run as
#   dairy $(cat NAME.args || echo check) NAME.dairy
# from inside tests/golden, and its stdout, stderr and exit status are
# compared with NAME.out, NAME.err and NAME.code (a missing file means
# empty output / status 0).  --update rewrites the expected files: a
# deliberate act, reviewed in the diff.  A second argument CASE limits the
# run (and --update) to tests/golden/CASE.dairy.
#
# For commands that write a file (-o FILE, fmt -w): `@OUT@` in NAME.args
# stands for a scratch file, filled from NAME.before first when that exists;
# when NAME.written exists, the scratch file must then hold exactly that.
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
bin=$(realpath "$1")
only=${2:-}
dir=$(cd "$(dirname "$0")/golden" && pwd)
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$dir"
if [ -n "$only" ] && [ ! -f "$dir/$only.dairy" ]; then
    echo "golden: no case \`$only\` (no tests/golden/$only.dairy)" >&2; exit 2
fi
for model in *.dairy; do
    name=${model%.dairy}
    [ -n "$only" ] && [ "$name" != "$only" ] && continue
    [ -f "$name.skip-golden" ] && continue
    args="check"
    [ -f "$name.args" ] && args=$(head -n1 "$name.args")
    rm -f "$tmp/written"
    [ -f "$name.before" ] && cp "$name.before" "$tmp/written"
    args=${args//@OUT@/$tmp/written}
    # shellcheck disable=SC2086
    "$bin" $args "$model" >"$tmp/out" 2>"$tmp/err" </dev/null
    echo $? >"$tmp/code"
    if [ $update = 1 ]; then
        for k in out err; do
            if [ -s "$tmp/$k" ]; then cp "$tmp/$k" "$name.$k"; else rm -f "$name.$k"; fi
        done
        if [ "$(cat "$tmp/code")" != 0 ]; then cp "$tmp/code" "$name.code"; else rm -f "$name.code"; fi
        [ -f "$name.written" ] && cp "$tmp/written" "$name.written"
        continue
    fi
    ok=1
    for k in out err; do
        if [ -f "$name.$k" ]; then exp="$name.$k"; else exp=/dev/null; fi
        if ! cmp -s "$exp" "$tmp/$k"; then
            ok=0
            echo "FAIL $name ($k):"
            diff -u "$exp" "$tmp/$k" | head -20
        fi
    done
    if [ -f "$name.written" ] && ! cmp -s "$name.written" "$tmp/written"; then
        ok=0
        echo "FAIL $name (written file):"
        diff -u "$name.written" "$tmp/written" 2>&1 | head -20
    fi
    expcode=0
    [ -f "$name.code" ] && expcode=$(cat "$name.code")
    if [ "$expcode" != "$(cat "$tmp/code")" ]; then
        ok=0
        echo "FAIL $name: exit status $(cat "$tmp/code"), expected $expcode"
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done
[ $update = 1 ] && { echo "golden files updated"; exit 0; }
echo "golden ($(basename "$(dirname "$bin")")/$(basename "$bin")): $pass passed, $fail failed"
[ $fail = 0 ]
