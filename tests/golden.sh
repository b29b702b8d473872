#!/usr/bin/env bash
# Golden tests: every case tests/golden/FOLDER/NAME.dairy is run as
#   dairy $(cat NAME.args || echo check) NAME.dairy
# from inside its folder, and its stdout, stderr and exit status are
# compared with NAME.out, NAME.err and NAME.code (a missing file means
# empty output / status 0).  --update rewrites the expected files: a
# deliberate act, reviewed in the diff.  A second argument CASE limits the
# run (and --update) to one case, by name (NAME or FOLDER/NAME), or to the
# cases of a folder and its subfolders (FOLDER, e.g. check/csv or run).
# tests/golden/README.md lists the folders; tests/golden_cases.sh lists the
# cases.
#
# For commands that write a file (-o FILE, fmt -w): `@OUT@` in NAME.args
# stands for a scratch file, filled from NAME.before first when that exists;
# when NAME.written exists, the scratch file must then hold exactly that.
set -u
update=0
if [ "${1:-}" = "--update" ]; then update=1; shift; fi
bin=$(realpath "$1")
only=${2:-}
only=${only#tests/golden/}; only=${only%/}; only=${only%.dairy}
dir=$(cd "$(dirname "$0")/golden" && pwd)
pass=0; fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
bash "$(dirname "$0")/golden_cases.sh" | sed 's|^tests/golden/||; s|\.dairy$||' >"$tmp/cases"
cd "$dir"
# A case belongs in a folder, its name is unique across the folders (CASE
# picks it by name), and every expected file has its model: nothing is
# silently left out of the run.  (Hidden files are not looked at: fmt_props.sh
# writes its scratch .fmt-* files beside the models.)
bad=$(find . -maxdepth 1 -type f ! -name README.md | sed 's|^\./||')
[ -n "$bad" ] && { echo "golden: files outside a folder (move them into one, see README.md): $bad" >&2; exit 2; }
bad=$(sed 's|.*/||' "$tmp/cases" | sort | uniq -d)
[ -n "$bad" ] && { echo "golden: case names used twice: $bad" >&2; exit 2; }
bad=$(find . -mindepth 2 -type f -not -path '*/data/*' ! -name README.md ! -name '.*' | sed 's|^\./||' |
    while read -r f; do [ -f "${f%%.*}.dairy" ] || echo "$f"; done)
[ -n "$bad" ] && { echo "golden: files of no case (no NAME.dairy beside them): $bad" >&2; exit 2; }
# a companion file several folders need is in the data/ of each, the same
bad=$(find . -path '*/data/*' -type f | LC_ALL=C sort | while read -r f; do
    first=$(find . -path "*/data/${f##*/}" -type f | LC_ALL=C sort | head -n1)
    cmp -s "$first" "$f" || echo "$f"; done)
[ -n "$bad" ] && { echo "golden: copies of a data file that differ (README.md): $bad" >&2; exit 2; }
if [ -n "$only" ]; then
    grep -E "^(.*/)?$only\$|^$only/" "$tmp/cases" >"$tmp/selected" || {
        echo "golden: no case or folder \`$only\` under tests/golden" >&2; exit 2; }
    mv "$tmp/selected" "$tmp/cases"
fi
while read -r case; do
    folder=${case%/*}; name=${case##*/}; model=$name.dairy
    cd "$dir/$folder" || exit 2
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
            echo "FAIL $case ($k):"
            diff -u "$exp" "$tmp/$k" | head -20
        fi
    done
    if [ -f "$name.written" ] && ! cmp -s "$name.written" "$tmp/written"; then
        ok=0
        echo "FAIL $case (written file):"
        diff -u "$name.written" "$tmp/written" 2>&1 | head -20
    fi
    expcode=0
    [ -f "$name.code" ] && expcode=$(cat "$name.code")
    if [ "$expcode" != "$(cat "$tmp/code")" ]; then
        ok=0
        echo "FAIL $case: exit status $(cat "$tmp/code"), expected $expcode"
    fi
    if [ $ok = 1 ]; then pass=$((pass + 1)); else fail=$((fail + 1)); fi
done <"$tmp/cases"
[ $update = 1 ] && { echo "golden files updated"; exit 0; }
echo "golden ($(basename "$(dirname "$bin")")/$(basename "$bin")): $pass passed, $fail failed"
[ $fail = 0 ]
