#!/usr/bin/env bash
# `make install` into a fresh folder gives a dairy that finds its standard
# library with DAIRY_PATH unset, run from another folder: with PREFIX (the
# share folder compiled in), with DESTDIR (a staged tree, found beside the
# binary), and after moving the installed tree (relocatable).
set -u
cd "$(dirname "$0")/.."
root=$PWD
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
unset DAIRY_PATH
model=$root/examples/intro.dairy

check() { # name, binary
    local out rc
    out=$(cd "$tmp" && "$2" run "$model" 2>&1); rc=$?
    if [ $rc = 0 ] && grep -q '^profit' <<<"$out"; then
        pass=$((pass + 1))
    else
        fail=$((fail + 1)); echo "FAIL $1 (exit $rc):"; head -10 <<<"$out"
    fi
}

# install rebuilds build/dairy for its PREFIX; put back the one there was
prefix_before=$(cat build/.prefix 2>/dev/null || echo /usr/local)
if make -s install PREFIX="$tmp/prefix" >"$tmp/log" 2>&1; then
    check "make install PREFIX" "$tmp/prefix/bin/dairy"
    mv "$tmp/prefix" "$tmp/moved"
    check "installed tree moved" "$tmp/moved/bin/dairy"
else
    fail=$((fail + 1)); echo "FAIL make install PREFIX:"; tail -20 "$tmp/log"
fi
if make -s install PREFIX=/opt/dairy-test DESTDIR="$tmp/stage" >"$tmp/log" 2>&1; then
    check "make install DESTDIR" "$tmp/stage/opt/dairy-test/bin/dairy"
else
    fail=$((fail + 1)); echo "FAIL make install DESTDIR:"; tail -20 "$tmp/log"
fi
make -s PREFIX="$prefix_before" >"$tmp/log" 2>&1 || { fail=$((fail + 1)); echo "FAIL make after install:"; tail -20 "$tmp/log"; }
echo "install: $pass passed, $fail failed"
[ $fail = 0 ]
