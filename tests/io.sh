#!/usr/bin/env bash
# tests/io.sh BINARY — file safety, end to end (issue 9):
#   - output that cannot be written (/dev/full, a closed stdout, the file-size
#     limit of `ulimit -f`) is an error naming what was lost, exit 2, never 0;
#   - -o and fmt -w write through symbolic links, refuse devices, FIFOs,
#     folders, the model's own files and read-only files (unless --force),
#     and leave no partial or temporary file behind, even when killed;
#   - a chain of 8,000 `use`d files is read without a crash;
#   - a FIFO or a device is refused wherever a file is read, without hanging.
# Everything runs in a temporary folder, removed at the end.  Prints the
# failures and "io: N passed, N failed"; exits 1 when any failed.
set -u
root=$(cd "$(dirname "$0")/.." && pwd)
bin=$(realpath "$1")
W=$(mktemp -d)
trap 'rm -rf "$W"' EXIT
# a copy of the standard library, found through DAIRY_PATH by any binary
# (the sanitizer one lives in build/asan/), which a test tries to overwrite
cp -r "$root/stdlib" "$W/stdlib"
export DAIRY_PATH=$W/stdlib
pass=0; fail=0

ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }
check() { # name, condition...
    local name=$1; shift
    if "$@"; then ok; else bad "$name"; fi
}

# t NAME CODE PATTERN COMMAND...: runs COMMAND (at most $LIMIT s, 10 unless
# set for one call; stdout to
# $OUT, default $W/stdout), expects exit status CODE and stderr matching the
# extended regex PATTERN (empty: stderr has no error).  Leaves the stderr in
# $W/stderr for further checks.
t() {
    local name=$1 code=$2 pat=$3; shift 3
    timeout "${LIMIT:-10}" "$@" >"${OUT:-$W/stdout}" 2>"$W/stderr"
    local rc=$?
    if [ "$rc" != "$code" ]; then
        bad "$name: exit status $rc, expected $code"; sed 's/^/    /' "$W/stderr" | head -5; return
    fi
    if [ -n "$pat" ] && ! grep -Eq -- "$pat" "$W/stderr"; then
        bad "$name: stderr does not match /$pat/"; sed 's/^/    /' "$W/stderr" | head -5; return
    fi
    if [ -z "$pat" ] && grep -q 'error' "$W/stderr"; then
        bad "$name: unexpected error"; sed 's/^/    /' "$W/stderr" | head -5; return
    fi
    ok
}

no_tmp() { # dir...: no temporary file of an output is left
    [ -z "$(find "$@" -name '*.tmp-*' 2>/dev/null)" ]
}

E=$W/ex
mkdir -p "$E"
cp -r "$root/examples/." "$E/"
cd "$E" || exit 2
# a copy of intro.dairy out of canonical layout, for fmt to change
sed 's/^farm north {/farm   north {/' intro.dairy >messy.dairy
messy_fmt=$("$bin" fmt messy.dairy)

# ---------------------------------------------------------- 1. lost output

full='cannot write standard output: No space left on device'
for args in "check intro.dairy" "check --dump intro.dairy" "check --summary intro.dairy" \
            "fmt intro.dairy" "fmt --check messy.dairy" "--help" "--version" \
            "run intro.dairy" "run --format json intro.dairy" "run --all-scenarios region.dairy" \
            "emit lp intro.dairy" "emit mps intro.dairy" "emit mathprog intro.dairy" \
            "emit dot intro.dairy" "emit sql customers.dairy" "segment customers.dairy" \
            "segment --format csv customers.dairy" "segment --format json customers.dairy"; do
    # shellcheck disable=SC2086
    OUT=/dev/full t "$args >/dev/full" 2 "$full" "$bin" $args
done
# a closed standard output is no success either
t "check >&-" 2 'cannot write standard output: Bad file descriptor' \
    bash -c 'exec "$0" "$@" >&-' "$bin" check intro.dairy

# the file-size limit: SIGXFSZ must not kill dairy silently, EFBIG is said
big='File too large'
limited=(bash -c 'ulimit -f 1; exec "$0" "$@"')
t "stdout over ulimit -f" 2 "cannot write standard output: $big" \
    "${limited[@]}" "$bin" emit mps region.dairy
echo keep >big.mps
t "-o over ulimit -f" 2 "cannot write \`big.mps\`: $big" "${limited[@]}" "$bin" emit mps region.dairy -o big.mps
check "-o over ulimit -f: the old file is unchanged" [ "$(cat big.mps)" = keep ]
t "-o new file over ulimit -f" 2 "cannot write \`new.mps\`: $big" \
    "${limited[@]}" "$bin" emit mps region.dairy -o new.mps
check "-o new file over ulimit -f: no file is made" [ ! -e new.mps ]
for cmd in "run --all-scenarios region.dairy" "segment --format csv customers.dairy" \
           "emit sql customers.dairy" "emit mathprog region.dairy"; do
    # shellcheck disable=SC2086
    t "$cmd -o over ulimit -f" 2 "cannot write \`part.txt\`: $big" \
        "${limited[@]}" "$bin" $cmd -o part.txt
    check "$cmd -o over ulimit -f: no file is made" [ ! -e part.txt ]
done
{ cat region.dairy; printf '\n\n\n# end\n'; } >bigfmt.dairy
cp bigfmt.dairy bigfmt.orig
t "fmt -w over ulimit -f" 2 "cannot write \`bigfmt.dairy\`: $big" \
    "${limited[@]}" "$bin" fmt -w bigfmt.dairy
check "fmt -w over ulimit -f: the model is unchanged" cmp -s bigfmt.dairy bigfmt.orig
check "no temporary file after write errors" no_tmp "$E"

# ------------------------------------------------------- 2. never clobber

# symbolic links: written through, the link stays a link
mkdir -p real links
cp messy.dairy real/model.dairy
ln -s ../real/model.dairy links/model.dairy
t "fmt -w through a symlink" 0 '' "$bin" fmt -w links/model.dairy
check "fmt -w: the link is still a link" [ -L links/model.dairy ]
check "fmt -w: the target is formatted" [ "$(cat real/model.dairy)" = "$messy_fmt" ]
ln -s ../real/report.txt links/report.txt
echo old >real/report.txt
t "-o through a symlink" 0 '' "$bin" run intro.dairy -o links/report.txt
check "-o: the link is still a link" [ -L links/report.txt ]
check "-o: the target has the report" grep -q '^status: optimal' real/report.txt
ln -s ../real/new.lp links/dangling.lp
t "-o through a dangling symlink" 0 '' "$bin" emit lp intro.dairy -o links/dangling.lp
check "-o dangling: the link is still a link" [ -L links/dangling.lp ]
check "-o dangling: its target is made" [ -s real/new.lp ]
check "no temporary file beside links or targets" no_tmp links real

# not a regular file: refused, left as it was.  A binary that got this wrong
# would replace the device with a file, and as root it may: so, when it can,
# the test makes its own node of /dev/full's kind (character device 1,7) to
# offer instead of the system's.
mkfifo fifo.out
mkdir dir.out
dev=/dev/full
if mknod "$W/full" c 1 7 2>/dev/null; then dev=$W/full; fi
ln -s "$dev" full.link
t "-o a FIFO" 2 'cannot write `fifo.out`: it is a FIFO, not a regular file' \
    "$bin" run intro.dairy -o fifo.out
check "-o a FIFO: still a FIFO" [ -p fifo.out ]
t "-o a directory" 2 'cannot write `dir.out`: it is a directory' "$bin" segment customers.dairy -o dir.out
check "-o a directory: still a directory" [ -d dir.out ]
for cmd in "run intro.dairy" "emit lp intro.dairy" "emit sql customers.dairy" "segment customers.dairy"; do
    # shellcheck disable=SC2086
    t "$cmd -o $dev" 2 "cannot write \`$dev\`: it is a character device, not a regular file" \
        "$bin" $cmd -o "$dev"
    check "$cmd -o $dev: still a character device" [ -c "$dev" ]
done
t "-o a link to $dev" 2 "cannot write \`full.link\` \\(a link to \`$dev\`\\): it is a character device" \
    "$bin" emit mps intro.dairy -o full.link
check "-o a link to $dev: still a character device" [ -c "$dev" ]
# the system's /dev/full itself, once the binary has shown that it refuses
# a device without touching it
if [ "$dev" != /dev/full ] && [ "$fail" = 0 ]; then
    t "-o /dev/full" 2 'cannot write `/dev/full`: it is a character device, not a regular file' \
        "$bin" emit dot intro.dairy -o /dev/full
    check "-o /dev/full: still a character device" [ -c /dev/full ]
fi

# the model's own files
cp intro.dairy own.dairy
t "-o the model itself" 2 'cannot write `own.dairy`: the model reads it' "$bin" run own.dairy -o own.dairy
check "-o the model: unchanged" cmp -s own.dairy intro.dairy
cp data/region_farms.csv farms.orig
t "-o the model's CSV file" 2 'cannot write `data/region_farms.csv`: the model reads it' \
    "$bin" emit lp region.dairy -o data/region_farms.csv
check "-o the CSV: unchanged" cmp -s data/region_farms.csv farms.orig
ln data/region_farms.csv hard.csv
t "-o a hard link to the CSV file" 2 'cannot write `hard.csv`: it is `data/region_farms.csv`, which the model reads' \
    "$bin" emit lp region.dairy -o hard.csv
printf 'model "uses"\ncurrency BYN\nuse "part.dairy"\n' >uses.dairy
printf 'product butter { milk 21 t/t }\n' >part.dairy
cp part.dairy part.orig
t "-o a used file" 2 'cannot write `part.dairy`: it is `./part.dairy`, which the model reads|cannot write `part.dairy`: the model reads it' \
    "$bin" emit dot uses.dairy -o part.dairy
check "-o a used file: unchanged" cmp -s part.dairy part.orig
t "-o the stdlib the model uses" 2 'the model reads it|which the model reads' \
    "$bin" emit lp region.dairy -o "$DAIRY_PATH/products.dairy"

# read-only files: refused, then replaced with --force (mode kept)
cp messy.dairy ro.dairy
chmod 0444 ro.dairy
t "fmt -w a read-only file" 2 'cannot write `ro.dairy`: it is read-only; add --force' "$bin" fmt -w ro.dairy
check "fmt -w read-only: unchanged" cmp -s ro.dairy messy.dairy
t "fmt -w --force a read-only file" 0 '' "$bin" fmt -w --force ro.dairy
check "fmt -w --force: formatted" [ "$(cat ro.dairy)" = "$messy_fmt" ]
check "fmt -w --force: still 0444" [ "$(stat -c %a ro.dairy)" = 444 ]
echo old >ro.txt
chmod 0444 ro.txt
t "-o a read-only file" 2 'cannot write `ro.txt`: it is read-only' "$bin" run intro.dairy -o ro.txt
check "-o read-only: unchanged" [ "$(cat ro.txt)" = old ]
t "-o --force a read-only file" 0 '' "$bin" run intro.dairy -o ro.txt --force
check "-o --force: replaced" grep -q '^status: optimal' ro.txt
t "--force without -o" 2 'run: --force goes with -o FILE' "$bin" run intro.dairy --force
t "--force without -w" 2 'fmt: --force goes with -w' "$bin" fmt --force intro.dairy
# a rewritten file keeps its mode
cp messy.dairy mode.dairy
chmod 0640 mode.dairy
t "fmt -w keeps the mode" 0 '' "$bin" fmt -w mode.dairy
check "fmt -w keeps the mode: 0640" [ "$(stat -c %a mode.dairy)" = 640 ]
check "no temporary file after refusals" no_tmp "$E"

# killed while writing: the temporary file goes, the old file stays.  The
# output of `run` is opened before solving, so it exists while 400
# scenarios are solved; the signal comes as soon as it appears.  SIGINT
# is Ctrl-C, which stops the solve and reports (issue 14, docs/cli.md
# "Bounded runs"): its report replaces the old file whole.
{
    printf 'model "slow"\ncurrency BYN\nproduct milk32 { milk 1.02 t/t }\n'
    for ((f = 1; f <= 60; f++)); do printf 'farm f%d { supply %d t; price %d BYN/t }\n' $f $((1000 + f * 7 % 500)) $((700 + f * 13 % 200)); done
    for ((p = 1; p <= 20; p++)); do printf 'plant p%d { capacity 20_000 t\n  makes milk32 9_000 t cost %d BYN/t\n}\n' $p $((90 + p % 17)); done
    for ((m = 1; m <= 60; m++)); do printf 'market m%d { demand milk32 0..%d t price %d BYN/t }\n' $m $((500 + m * 31 % 400)) $((1400 + m * 7 % 100)); done
    printf 'transport {\n  milk 0.45 BYN/t/km\n  product 0.60 BYN/t/km\n}\nroutes {\n  from to distance\n'
    for ((f = 1; f <= 60; f++)); do for ((p = 1; p <= 20; p++)); do printf '  f%d p%d %d km\n' $f $p $(((f * 37 + p * 11) % 90 + 5)); done; done
    for ((p = 1; p <= 20; p++)); do for ((m = 1; m <= 60; m++)); do printf '  p%d m%d %d km\n' $p $m $(((p * 17 + m * 23) % 120 + 5)); done; done
    printf '}\nobjective maximize profit\n'
    for ((s = 1; s <= 400; s++)); do printf 'scenario s%d { scale farm * supply %d%% }\n' $s $((50 + s % 60)); done
} >slow.dairy
mkdir -p sig
for sig in TERM INT HUP; do
    echo old >sig/out.txt
    # job control gives the background job default signals (a script's
    # background jobs would otherwise ignore SIGINT)
    set -m
    # with the signal's default action even when this script runs under
    # nohup (an ignored SIGHUP is inherited, and dairy keeps it ignored)
    env --default-signal="$sig" "$bin" run slow.dairy --all-scenarios -o sig/out.txt \
        >/dev/null 2>&1 &
    pid=$!
    set +m
    seen=0
    for ((i = 0; i < 1000; i++)); do
        if ! no_tmp sig; then seen=1; break; fi
        kill -0 $pid 2>/dev/null || break
        sleep 0.01
    done
    kill -$sig $pid 2>/dev/null
    { wait $pid; } 2>/dev/null
    rc=$?
    if [ $seen = 0 ]; then
        bad "SIG$sig while writing: never saw the temporary file (exit $rc)"
        continue
    fi
    check "SIG$sig while writing: no temporary file" no_tmp sig
    if [ $sig = INT ]; then
        # Ctrl-C stops the solve, not the program (issue 14): the cases
        # solved so far and the rest marked interrupted replace the old
        # file whole, exit 3
        check "SIGINT while solving: the report of the run stopped (exit $rc)" [ $rc = 3 ]
        check "SIGINT while solving: the new report replaces the old file whole" \
            bash -c "head -1 sig/out.txt | grep -q '^slow' && grep -q 'interrupted' sig/out.txt"
    else
        check "SIG$sig while writing: dairy dies of it (exit $rc)" [ $rc -gt 128 ]
        check "SIG$sig while writing: the old file is unchanged" [ "$(cat sig/out.txt)" = old ]
    fi
done

# ------------------------------------------------------- 3. deep use chains

mkdir chain
(
    cd chain || exit 1
    n=8000
    printf 'model "chain"\ncurrency BYN\nuse "u1.dairy"\n' >m.dairy
    for ((i = 1; i < n; i++)); do printf 'use "u%d.dairy"\n' $((i + 1)) >u$i.dairy; done
    printf 'product butter { milk 21 t/t }\n' >u$n.dairy
)
# a sanitizer build on a busy machine may take more than 10 s: this is about
# not crashing, not speed
LIMIT=60 t "a chain of 8,000 used files" 0 '' "$bin" check chain/m.dairy
check "a chain of 8,000 used files: checked" grep -q 'ok: 1 product' "$W/stdout"
# the same chain closed into a cycle: reported, not a crash
echo 'use "m.dairy"' >>chain/u8000.dairy
t "a cycle through 8,000 used files" 1 \
    'cycle of `use`: chain/m.dairy → chain/u1.dairy → chain/u2.dairy → … \(7995 more\) → chain/u7998.dairy → chain/u7999.dairy → chain/u8000.dairy → chain/m.dairy' \
    "$bin" check chain/m.dairy
# a cycle of files with long names: the message is cut, not overflowed
mkdir long
long=$(printf 'x%.0s' {1..200})
for i in 1 2 3 4 5 6 7 8; do printf 'use "%s%d.dairy"\n' "$long" $((i % 8 + 1)) >"long/$long$i.dairy"; done
t "a cycle of long file names" 1 'cycle of `use`: ' "$bin" check "long/${long}1.dairy"

# ------------------------------------------------ 4. FIFOs and devices read

mkfifo fifo.dairy fifo.csv
printf 'model "f"\ncurrency BYN\nuse "fifo.dairy"\n' >use_fifo.dairy
sed 's|"data/region_farms.csv"|"fifo.csv"|' region.dairy >csv_fifo.dairy
t "a FIFO as the model" 2 'cannot read `fifo.dairy`: not a regular file' timeout 5 "$bin" check fifo.dairy
t "a FIFO as the model of fmt" 2 'cannot read `fifo.dairy`: not a regular file' timeout 5 "$bin" fmt fifo.dairy
t "a FIFO as the model of run" 2 'cannot read `fifo.dairy`: not a regular file' timeout 5 "$bin" run fifo.dairy
t "a FIFO as a used file" 1 'use_fifo.dairy:3:5: error: cannot read `fifo.dairy`: not a regular file' \
    timeout 5 "$bin" check use_fifo.dairy
t "a FIFO as a CSV file" 1 'csv_fifo.dairy:[0-9]+:[0-9]+: error: cannot read `fifo.csv`: not a regular file' \
    timeout 5 "$bin" check csv_fifo.dairy
t "/dev/zero as the model" 2 'cannot read `/dev/zero`: not a regular file' timeout 5 "$bin" check /dev/zero
printf 'model "z"\ncurrency BYN\nuse "/dev/zero"\n' >use_zero.dairy
t "/dev/zero as a used file" 1 'cannot read `/dev/zero`: not a regular file' timeout 5 "$bin" check use_zero.dairy

echo "io ($(basename "$(dirname "$bin")")/$(basename "$bin")): $pass passed, $fail failed"
[ $fail = 0 ]
