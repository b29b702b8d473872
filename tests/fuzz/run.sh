#!/usr/bin/env bash
# Build the libFuzzer harnesses (clang, ASan+UBSan) and fuzz each for $1
# seconds (default 60):
#   fuzz_check  model text through parse, check, rule analysis, segmentation,
#               the LP generator, the MPS writer and fmt; seeded from
#               examples/, stdlib/ and the golden inputs
#   fuzz_csv    a CSV table (farms, routes, lines or customers, chosen by the
#               first byte) read by a fixed model, then the same pipeline;
#               seeded from the golden CSV files
# `make test` runs a short smoke; `make fuzz` a longer campaign.  A crash
# leaves its input in build/fuzz/ (crash-*), the log in build/fuzz/*.log.
set -eu
secs=${1:-60}
cd "$(dirname "$0")/../.."
out=build/fuzz
mkdir -p $out/obj $out/corpus $out/corpus_csv
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
for h in fuzz_check fuzz_csv; do
    clang $flags -fsanitize=fuzzer tests/fuzz/$h.c "${objs[@]}" -lglpk -lm -o $out/$h
done
cp examples/*.dairy stdlib/*.dairy tests/golden/*.dairy $out/corpus/ 2>/dev/null || true
# CSV seeds: the first byte picks the table ('0' farms, '1' routes, '2'
# lines, '3' customers: the byte mod 4), the rest is the file
cp tests/fuzz/csv_seeds/*.csv $out/corpus_csv/
for f in tests/golden/data/*.csv examples/data/*.csv; do
    [ -f "$f" ] || continue
    case $(basename "$f") in
    *customer*) k=3 ;; *route*) k=1 ;; *line*) k=2 ;; *) k=0 ;;
    esac
    { printf '%s' "$k"; cat "$f"; } >"$out/corpus_csv/$(basename "$f")"
done
total=0
for h in fuzz_check fuzz_csv; do
    corpus=$out/corpus; [ $h = fuzz_csv ] && corpus=$out/corpus_csv
    if ! $out/$h -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
        -artifact_prefix=$out/ -print_final_stats=1 "$corpus" >$out/$h.log 2>&1; then
        tail -40 $out/$h.log
        echo "fuzz: $h found a problem (input in $out/crash-* or $out/leak-*): 0 passed, 1 failed"
        exit 1
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' $out/$h.log | grep -o '[0-9]*$')
    total=$((total + ${runs:-0}))
done
echo "fuzz: $total inputs in 2 x $secs s, no crash, hang or leak: 1 passed, 0 failed"
