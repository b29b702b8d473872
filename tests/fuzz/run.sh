#!/usr/bin/env bash
# Build the libFuzzer harness (clang, ASan+UBSan) and fuzz parse+check+fmt
# for $1 seconds (default 60), seeded from examples/, stdlib/ and the golden
# inputs.  `make test` runs a short smoke; `make fuzz` a longer campaign.
set -eu
secs=${1:-60}
cd "$(dirname "$0")/../.."
out=build/fuzz
mkdir -p $out/obj $out/corpus
flags="-std=c11 -D_XOPEN_SOURCE=700 -g -O1 -fsanitize=fuzzer-no-link,address,undefined -Isrc -Ibuild/gen"
for f in src/*.c build/gen/parser.c build/gen/lexer.c; do
    [ "$(basename "$f")" = main.c ] && continue
    o=$out/obj/$(basename "${f%.c}").o
    if [ ! -f "$o" ] || [ "$f" -nt "$o" ]; then
        clang $flags -Wno-unused-function -c "$f" -o "$o"
    fi
done
clang $flags -fsanitize=fuzzer tests/fuzz/fuzz_check.c $out/obj/*.o -lglpk -lm -o $out/fuzz_check
cp examples/*.dairy stdlib/*.dairy tests/golden/*.dairy $out/corpus/ 2>/dev/null || true
$out/fuzz_check -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
    -print_final_stats=1 $out/corpus >$out/fuzz.log 2>&1 || { tail -40 $out/fuzz.log; echo "fuzz: 0 passed, 1 failed"; exit 1; }
runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' $out/fuzz.log | grep -o '[0-9]*$')
echo "fuzz: ${runs:-?} inputs in $secs s, no crash, hang or leak: 1 passed, 0 failed"
