#!/usr/bin/env bash
# Build the libFuzzer harnesses (clang, ASan+UBSan) and fuzz them, one
# process at a time:
#   fuzz_check  model text through parse, check, rule analysis, segmentation,
#               the LP generator, the MPS writer, fmt, and for small programs
#               the solver (bounded), the text and JSON reports and the
#               scenarios side by side; seeded from examples/, stdlib/ and
#               the golden inputs
#   fuzz_csv    a CSV table (farms, routes, lines or customers, chosen by the
#               first byte) read by a fixed model, then the same pipeline;
#               seeded from tests/fuzz/csv_seeds/ and the golden CSV files
#   fuzz_lsp    a session of the language server: random JSON-RPC messages
#               and random document edits (see fuzz_lsp.c); seeded from
#               tests/fuzz/lsp_seeds/ (made by tests/fuzz/lsp_seeds.py)
#
#   run.sh [SECONDS] [HARNESS...]             smoke (`make test`: 20 s each)
#   run.sh --campaign [SECONDS] [HARNESS...]  long campaign (`make fuzz`)
#
# Both start from the committed corpus, tests/fuzz/corpus/check/ and
# tests/fuzz/corpus/csv/, plus the seeds.  New inputs go to a scratch
# directory, build/fuzz/new/<harness>/; the smoke never writes into the
# source tree.  A campaign then minimises with libFuzzer's -merge=1: the
# scratch inputs that reach coverage the seeds and the committed corpus do
# not are added to tests/fuzz/corpus/<harness>/ (commit them), so the next
# run, and CI, start where this one ended.  HARNESS is check, csv or lsp (all
# when none).  A crash, hang or leak leaves its input in build/fuzz/
# (crash-*, timeout-*, leak-*), the log in build/fuzz/<harness>.log, and
# fails the run.
set -eu
campaign=false
if [ "${1:-}" = --campaign ]; then campaign=true; shift; fi
secs=${1:-60}
[ $# -gt 0 ] && shift
harnesses=${*:-check csv lsp}
cd "$(dirname "$0")/../.."
out=build/fuzz
# Inputs are at most MAXLEN bytes (pipeline.h sizes the solver's limits for
# them); the larger seeds are read truncated.
MAXLEN=4096
opts="-timeout=10 -rss_limit_mb=2048 -max_len=$MAXLEN"
mkdir -p $out/obj
flags="-std=c11 -D_XOPEN_SOURCE=700 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -Isrc -Ibuild/gen"
objs=()   # the objects of today's sources only: a removed file's stays out
for f in src/*.c build/gen/parser.c build/gen/lexer.c; do
    [ "$(basename "$f")" = main.c ] && continue
    o=$out/obj/$(basename "${f%.c}").o
    objs+=("$o")
    if [ ! -f "$o" ] || [ "$f" -nt "$o" ] || [ -n "$(find src -name '*.h' -newer "$o" | head -1)" ]; then
        clang $flags -Wno-unused-function -c "$f" -o "$o"
    fi
done
# the Graphviz the HTML report links (the Makefile's GVLIBS)
gvplug=/usr/lib/$(cc -print-multiarch 2>/dev/null || echo x86_64-linux-gnu)/graphviz
for h in $harnesses; do
    clang $flags -fsanitize=fuzzer tests/fuzz/fuzz_$h.c "${objs[@]}" -lglpk -lgvc -lcgraph -lcdt -L$gvplug -lgvplugin_dot_layout -Wl,-rpath,$gvplug -lcjson -lm -o $out/fuzz_$h
done

# The seeds, rebuilt each run from the files they come from.
rm -rf $out/seeds
mkdir -p $out/seeds/check $out/seeds/csv $out/seeds/lsp
cp tests/fuzz/lsp_seeds/* $out/seeds/lsp/
# named after the folder they come from: examples/quality.dairy is not
# stdlib/quality.dairy (golden case names are unique across their folders)
for f in examples/*.dairy stdlib/*.dairy; do
    cp "$f" "$out/seeds/check/$(dirname "$f")-$(basename "$f")"
done
# shellcheck disable=SC2046
cp $(bash tests/golden_cases.sh) $out/seeds/check/
# CSV seeds: the first byte picks the table ('0' farms, '1' routes, '2'
# lines, '3' customers: the byte mod 4), the rest is the file
cp tests/fuzz/csv_seeds/*.csv $out/seeds/csv/
# (the golden CSV files are in the data/ of each golden folder; a table some
# folders share is there in identical copies, and makes one seed)
for f in $(find tests/golden -path '*/data/*.csv' -type f | LC_ALL=C sort) examples/data/*.csv; do
    [ -f "$f" ] || continue
    case $(basename "$f") in
    *customer*) k=3 ;; *route*) k=1 ;; *line*) k=2 ;; *) k=0 ;;
    esac
    # named after where they come from too: examples/data/customers.csv is
    # not tests/fuzz/csv_seeds/customers.csv
    case $f in tests/golden/*) from=golden ;; *) from=examples ;; esac
    { printf '%s' "$k"; cat "$f"; } >"$out/seeds/csv/$from-$(basename "$f")"
done

total=0
for h in $harnesses; do
    corpus=tests/fuzz/corpus/$h
    new=$out/new/$h
    rm -rf "$new"
    mkdir -p "$corpus" "$new"
    # the first directory gets the new inputs; the others are only read
    if ! $out/fuzz_$h -max_total_time="$secs" $opts -artifact_prefix=$out/ \
        -print_final_stats=1 "$new" "$corpus" $out/seeds/$h >$out/$h.log 2>&1; then
        tail -40 $out/$h.log
        echo "fuzz: fuzz_$h found a problem (input in $out/crash-*, timeout-* or leak-*): 0 passed, 1 failed"
        exit 1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' $out/$h.log | grep -o '[0-9]*$')
    total=$((total + ${runs:-0}))
    if $campaign; then
        # merge into a copy of corpus + seeds, so that only inputs adding
        # coverage beyond both are kept; libFuzzer names them by content
        merged=$out/merge/$h
        rm -rf "$merged"
        mkdir -p "$merged"
        cp -r "$corpus"/. $out/seeds/$h/. "$merged"/
        if ! $out/fuzz_$h -merge=1 $opts -artifact_prefix=$out/ "$merged" "$new" \
            >$out/$h-merge.log 2>&1; then
            tail -20 $out/$h-merge.log
            echo "fuzz: merging fuzz_$h's corpus failed: 0 passed, 1 failed"
            exit 1
        fi
        added=0
        for f in "$merged"/*; do
            b=$(basename "$f")
            [ -e "$out/seeds/$h/$b" ] || [ -e "$corpus/$b" ] && continue
            cp "$f" "$corpus/"
            added=$((added + 1))
        done
        echo "fuzz: fuzz_$h: ${runs:-0} inputs in $secs s; corpus/$h: $added added, now $(ls "$corpus" | wc -l) files, $(du -sb "$corpus" | cut -f1) bytes"
    fi
done
n=$(echo $harnesses | wc -w)
echo "fuzz: $total inputs in $n x $secs s, no crash, hang or leak: 1 passed, 0 failed"
