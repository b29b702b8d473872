#!/usr/bin/env bash
# bench/run.sh — speed benchmark of `dairy check` (run by `make bench`).
#
# Builds bench/gen_check.c, generates a model with 5,000 farms, 200 plants,
# 2,000 markets and a routes CSV of 10k / 100k / 1M rows under build/bench/,
# runs `dairy check` on each BENCH_RUNS times (default 3) and prints the best
# wall time, the peak RSS and the time per row.  Exits 1 if any check fails
# (exit status != 0), 2 if the benchmark cannot run.  The targets (1M rows:
# under 2 s and under 1 GB) are reported; set BENCH_STRICT=1 to also fail
# when they are missed.
#
#   BENCH_SIZES="10000 100000 1000000"   routes rows per case
#   BENCH_RUNS=3                         runs per case (best time is kept)
#   BENCH_DAIRY=path/to/dairy            measure another build (e.g. a patched copy)
#   BENCH_LP=0                           skip bench/run_lp.sh (dairy vs glpsol), run after
#                                        the check benchmark; its own variables are there
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=build/bench
SIZES=${BENCH_SIZES:-10000 100000 1000000}
RUNS=${BENCH_RUNS:-3}
LIMIT_S=2
LIMIT_MB=1024
mkdir -p "$OUT"

# GNU time gives the peak RSS; install the Debian package if it is missing.
if [ ! -x /usr/bin/time ]; then
    echo "bench: installing GNU time"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq time >/dev/null
fi

# The compiler.  Others may be rebuilding build/dairy while we measure, so
# the runs use a private copy.
if [ -n "${BENCH_DAIRY:-}" ]; then
    DAIRY=$BENCH_DAIRY
else
    for try in 1 2 3; do
        [ -x build/dairy ] && break
        make -s build/dairy >/dev/null 2>&1 || sleep 2
    done
    if [ ! -x build/dairy ]; then
        echo "bench: build/dairy is missing and \`make build/dairy\` failed" >&2
        exit 2
    fi
    cp build/dairy "$OUT/dairy.tmp" && mv "$OUT/dairy.tmp" "$OUT/dairy"
    DAIRY=$OUT/dairy
fi

cc -std=c11 -O2 -Wall -Wextra -Werror bench/gen_check.c -o "$OUT/gen_check" -lm

printf 'dairy check benchmark — %s, %s cores, %s, best of %s runs\n' \
    "$(date -u +%Y-%m-%d)" "$(nproc)" "$(uname -m)" "$RUNS"
printf '%s\n' "$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')"
echo

failed=0
results=()   # "rows seconds kb" per case
for n in $SIZES; do
    dir=$OUT/r$n
    mkdir -p "$dir"
    "$OUT/gen_check" "$dir" "$n"
    best_ns=
    peak_kb=0
    for ((i = 1; i <= RUNS; i++)); do
        t0=$(date +%s%N)
        set +e
        /usr/bin/time -f '%e %M' -o "$dir/time.txt" "$DAIRY" check "$dir/model.dairy" \
            >"$dir/check.out" 2>"$dir/check.err"
        rc=$?
        set -e
        t1=$(date +%s%N)
        if [ "$rc" != 0 ]; then
            echo "bench: \`dairy check\` on $n rows exited with status $rc:" >&2
            head -20 "$dir/check.err" >&2
            failed=1
            break
        fi
        ns=$((t1 - t0))
        kb=$(awk 'END { print $2 }' "$dir/time.txt")
        if [ -z "$best_ns" ] || [ "$ns" -lt "$best_ns" ]; then best_ns=$ns; fi
        if [ "$kb" -gt "$peak_kb" ]; then peak_kb=$kb; fi
    done
    if [ "$rc" = 0 ]; then
        results+=("$n $best_ns $peak_kb")
    else
        results+=("$n FAIL 0")
    fi
done

# The table.  "marginal µs/row" is the time the extra rows cost over the
# previous case: it stays flat when time grows linearly in the rows.
set +e
printf '%s\n' "${results[@]}" | awk -v lim_s="$LIMIT_S" -v lim_mb="$LIMIT_MB" '
    BEGIN {
        printf "| %9s | %7s | %7s | %6s | %15s |\n", "rows", "seconds", "MB", "µs/row", "marginal µs/row"
        printf "|%s|%s|%s|%s|%s|\n", "----------:", "--------:", "--------:", "-------:", "----------------:"
    }
    $2 == "FAIL" { printf "| %9d | %7s | %7s | %6s | %15s |\n", $1, "FAIL", "-", "-", "-"; next }
    {
        s = $2 / 1e9; mb = $3 / 1024; us = s * 1e6 / $1
        marg = "-"
        if (have) marg = sprintf("%.3f", (s - ps) * 1e6 / ($1 - pn))
        printf "| %9d | %7.3f | %7.1f | %6.3f | %15s |\n", $1, s, mb, us, marg
        if ($1 == 1000000) { big_s = s; big_mb = mb; big = 1 }
        if (have) { m[++nm] = (s - ps) / ($1 - pn) }
        pn = $1; ps = s; have = 1
    }
    END {
        print ""
        if (big)
            printf "1M rows: %.3f s (target < %d s: %s), %.1f MB (target < %d MB: %s)\n",
                   big_s, lim_s, big_s < lim_s ? "ok" : "OVER", big_mb, lim_mb, big_mb < lim_mb ? "ok" : "OVER"
        if (nm >= 2 && m[nm - 1] > 0)
            printf "growth: the last interval costs %.2fx per row what the one before did (1.0 = linear)\n",
                   m[nm] / m[nm - 1]
        if (big && (big_s >= lim_s || big_mb >= lim_mb)) exit 3
    }' | tee "$OUT/results.txt"
over=${PIPESTATUS[1]}
set -e

cat <<EOF

Profiling without perf (see bench/README.md):
  valgrind --tool=callgrind --callgrind-out-file=$OUT/callgrind.out $DAIRY check $OUT/r100000/model.dairy
  callgrind_annotate $OUT/callgrind.out | head -40
EOF

# The generation / solve benchmark against glpsol (bench/run_lp.sh), with
# the same binary.  BENCH_LP=0 skips it (it takes about eight minutes).
lp_failed=0
if [ "${BENCH_LP:-1}" != 0 ]; then
    echo
    BENCH_DAIRY=$DAIRY bash bench/run_lp.sh || lp_failed=1
fi

if [ "$failed" != 0 ]; then
    echo "bench: FAILED: a check exited with a nonzero status" >&2
    exit 1
fi
if [ "$over" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    echo "bench: the 1M case misses its targets (BENCH_STRICT=1)" >&2
    exit 1
fi
if [ "$lp_failed" != 0 ]; then
    echo "bench: FAILED: the generation / solve benchmark (bench/run_lp.sh)" >&2
    exit 1
fi
# segmentation against SQLite (BENCH_SEG=0 skips it)
[ "${BENCH_SEG:-1}" = 0 ] || { echo; BENCH_DAIRY=$DAIRY exec bash bench/run_segment.sh; }
exit 0
