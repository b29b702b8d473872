#!/usr/bin/env bash
# bench/run_segment.sh — speed and memory of `dairy segment --format csv`
# against SQLite running the SQL of `dairy emit sql` on the same customers.
#
# For each size, bench/gen_customers.c writes build/bench/seg/cN.csv (N
# customers) and cN.dairy (std.rfm: RFM quintiles and the standard map);
# both are kept and only rewritten when bench/gen_customers.c changes.
# Then:
#
#   dairy      `dairy segment cN.dairy --format csv >/dev/null`, BENCH_SEG_RUNS
#              times: the best wall time and the peak RSS over the runs
#              (/usr/bin/time %M).  The RSS includes the pages of the
#              customer file, which dairy maps into memory.
#   heap       one run under `valgrind --tool=massif --peak-inaccuracy=0.0`:
#              the peak of the heap (malloc'd bytes + malloc's own overhead,
#              mem_heap_B + mem_heap_extra_B; mapped files and stacks are not
#              heap) divided by N.  Sizes above BENCH_SEG_MASSIF_MAX are
#              skipped (valgrind runs ~15x slower).
#   sqlite     the customers loaded once into a file database cN.sqlite
#              by the script `dairy emit sql --load cN.csv --dialect sqlite`
#              writes (the table, `.import --csv --skip 1`, the view; empty
#              cells stay '', which the view reads as missing; kept while
#              the CSV and the emitted SQL stay the same).  Timed: only the query,
#              `sqlite3 -readonly -csv cN.sqlite 'SELECT * FROM
#              customer_segments' >/dev/null`, a fresh process per run, best
#              wall time.  A query is repeated only while its runs so far took
#              under BENCH_SEG_SQLITE_BUDGET s, and stopped (the size is then
#              reported as skipped for SQLite) after BENCH_SEG_SQLITE_LIMIT s.
#   agreement  for N <= BENCH_SEG_VERIFY_MAX, one more (untimed) run of each
#              writes its rows; sorted, they must be the same lines.
#
# Prints a table (also written to build/bench/seg/results.txt).  Exits 1 if
# a command fails or dairy and SQLite disagree, 2 if the benchmark cannot
# run.  The aims (1M customers: under 1 s, >= 5x faster than SQLite's
# query, heap <= 100 B per customer) are reported; with BENCH_STRICT=1 a
# miss also exits 1.
#
#   BENCH_SEG_SIZES="10000 100000 1000000 10000000"   customers per case
#   BENCH_SEG_RUNS=3               runs per case (best time is kept)
#   BENCH_SEG_MASSIF_MAX=10000000  largest size measured with massif
#   BENCH_SEG_VERIFY_MAX=10000000  largest size whose results are compared
#   BENCH_SEG_SQLITE_BUDGET=300    no further query run after this many s
#   BENCH_SEG_SQLITE_LIMIT=600     a query run is stopped after this many s
#   BENCH_DAIRY=path/to/dairy      the binary to measure (default: a copy of build/dairy)
set -euo pipefail

cd "$(dirname "$0")/.."
OUT=build/bench/seg
SIZES=${BENCH_SEG_SIZES:-10000 100000 1000000 10000000}
RUNS=${BENCH_SEG_RUNS:-3}
MASSIF_MAX=${BENCH_SEG_MASSIF_MAX:-10000000}
VERIFY_MAX=${BENCH_SEG_VERIFY_MAX:-10000000}
SQL_BUDGET=${BENCH_SEG_SQLITE_BUDGET:-300}
SQL_LIMIT=${BENCH_SEG_SQLITE_LIMIT:-600}
AIM_S=1
AIM_RATIO=5
AIM_HEAP=100
mkdir -p "$OUT"

# GNU time, sqlite3 and valgrind: install the Debian packages if missing.
need=""
[ -x /usr/bin/time ] || need="$need time"
command -v sqlite3 >/dev/null || need="$need sqlite3"
command -v valgrind >/dev/null || need="$need valgrind"
if [ -n "$need" ]; then
    echo "bench segment: installing$need"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    # shellcheck disable=SC2086
    if ! { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $need >/dev/null; }; then
        echo "bench segment: cannot install$need" >&2
        exit 2
    fi
fi

# The compiler: a private copy, so that a rebuild by someone else halfway
# through does not disturb the runs.  The copy does not sit beside stdlib/,
# so DAIRY_PATH points at the repository's.
if [ -n "${BENCH_DAIRY:-}" ]; then
    DAIRY=$BENCH_DAIRY
else
    for _ in 1 2 3; do
        [ -x build/dairy ] && break
        make -s build/dairy >/dev/null 2>&1 || sleep 2
    done
    if [ ! -x build/dairy ]; then
        echo "bench segment: build/dairy is missing and \`make build/dairy\` failed" >&2
        exit 2
    fi
    cp build/dairy "$OUT/dairy.tmp" && mv "$OUT/dairy.tmp" "$OUT/dairy"
    DAIRY=$OUT/dairy
fi
export DAIRY_PATH=${DAIRY_PATH:-$PWD/stdlib}

cc -std=c11 -O2 -Wall -Wextra -Werror bench/gen_customers.c -o "$OUT/gen_customers.tmp"
mv "$OUT/gen_customers.tmp" "$OUT/gen_customers"

# measure MAXRUNS BUDGET_S LIMIT_S OUTFILE LOG CMD...: runs CMD (stdout to
# OUTFILE, stderr to LOG) up to MAXRUNS times, stopping early once the runs
# so far took BUDGET_S seconds (0: no budget); a run is killed after LIMIT_S
# seconds (0: no limit; RC is then 124).  Sets BEST_NS, PEAK_KB, NRUN and RC
# (the status of the last run; a nonzero status stops the repetition), and
# BEST_CPU: the user + system seconds of the best run (the machine may be
# shared: CPU time is less disturbed by other jobs than wall time).
measure() {
    local maxruns=$1 budget=$2 limit=$3 outfile=$4 log=$5 t0 t1 ns kb cpu spent=0
    shift 5
    local pre=()
    [ "$limit" = 0 ] || pre=(timeout "$limit")
    BEST_NS='' PEAK_KB=0 NRUN=0 RC=0 BEST_CPU=
    while [ "$NRUN" -lt "$maxruns" ]; do
        rm -f "$log.time"
        t0=$(date +%s%N)
        set +e
        "${pre[@]}" /usr/bin/time -f '%e %M %U %S' -o "$log.time" "$@" >"$outfile" 2>"$log"
        RC=$?
        set -e
        t1=$(date +%s%N)
        NRUN=$((NRUN + 1))
        [ "$RC" = 0 ] || break
        ns=$((t1 - t0))
        kb=$(awk 'END { print $2 }' "$log.time")
        cpu=$(awk 'END { printf "%.2f", $3 + $4 }' "$log.time")
        if [ -z "$BEST_NS" ] || [ "$ns" -lt "$BEST_NS" ]; then BEST_NS=$ns BEST_CPU=$cpu; fi
        if [ "${kb:-0}" -gt "$PEAK_KB" ]; then PEAK_KB=$kb; fi
        spent=$((spent + ns))
        if [ "$budget" != 0 ] && [ "$spent" -ge $((budget * 1000000000)) ]; then break; fi
    done
}

# load_sqlite N: (re)builds $OUT/cN.sqlite unless it holds the same CSV
# loaded with the same emitted SQL.  Prints the load time.
load_sqlite() {
    local n=$1 csv=$OUT/c$1.csv db=$OUT/c$1.sqlite sql=$OUT/c$1.sql
    if [ -s "$db" ] && [ "$db" -nt "$csv" ] && cmp -s "$sql" "$db.sql"; then
        echo "  sqlite: $db is up to date"
        return 0
    fi
    local t0 t1
    rm -f "$db" "$db.tmp" "$db.sql"
    t0=$(date +%s%N)
    if ! sqlite3 -bail "$db.tmp" >"$OUT/c$n.load.log" 2>&1 <<EOF
PRAGMA journal_mode = OFF;
PRAGMA synchronous = OFF;
.read '$sql'
EOF
    then
        echo "bench segment: loading $csv into SQLite failed:" >&2
        head -5 "$OUT/c$n.load.log" >&2
        rm -f "$db.tmp"
        return 1
    fi
    t1=$(date +%s%N)
    mv "$db.tmp" "$db"
    cp "$sql" "$db.sql"
    awk -v ns=$((t1 - t0)) -v db="$db" 'BEGIN { printf "  sqlite: loaded %s in %.1f s (not timed below)\n", db, ns / 1e9 }'
}

cpu=$(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | sed 's/.*: //')
mem=$(awk '/MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo)
printf 'dairy segment benchmark — %s, %s cores, %s, %s; best of %s runs\n' \
    "$(date -u +%Y-%m-%d)" "$(nproc)" "$(uname -m)" "$mem" "$RUNS"
printf '%s; sqlite %s; load average %s\n' "$cpu" "$(sqlite3 --version | cut -d' ' -f1)" \
    "$(cut -d' ' -f1-3 /proc/loadavg)"
printf 'dairy: %s (%s)\n\n' "$DAIRY" "$("$DAIRY" --version 2>&1 | head -1)"

failed=0
results=()   # "rows dairy_ns dairy_kb heap_bytes sqlite_ns sqlite_kb csv_bytes agree" per size
notes=()
for n in $SIZES; do
    csv=$OUT/c$n.csv model=$OUT/c$n.dairy
    echo "size $n:"
    if [ -s "$csv" ] && [ -s "$model" ] && [ "$csv" -nt bench/gen_customers.c ] &&
        [ "$model" -nt bench/gen_customers.c ]; then
        echo "  $csv is up to date"
    else
        t0=$(date +%s%N)
        "$OUT/gen_customers" "$csv" "$n"
        t1=$(date +%s%N)
        awk -v ns=$((t1 - t0)) -v f="$csv" 'BEGIN { printf "  wrote %s in %.1f s\n", f, ns / 1e9 }'
    fi
    csv_bytes=$(stat -c %s "$csv")

    # dairy
    measure "$RUNS" 0 0 /dev/null "$OUT/c$n.segment.err" "$DAIRY" segment "$model" --format csv
    if [ "$RC" != 0 ]; then
        echo "bench segment: \`dairy segment\` on $n customers exited with status $RC:" >&2
        head -20 "$OUT/c$n.segment.err" >&2
        failed=1
        results+=("$n FAIL 0 - - - $csv_bytes -")
        continue
    fi
    d_ns=$BEST_NS d_kb=$PEAK_KB
    awk -v ns="$d_ns" -v kb="$d_kb" -v cpu="$BEST_CPU" \
        'BEGIN { printf "  dairy segment: %.3f s (CPU %.2f s), peak RSS %.1f MB\n", ns / 1e9, cpu, kb / 1024 }'

    # heap, with massif
    heap=-
    if [ "$n" -le "$MASSIF_MAX" ]; then
        if valgrind --tool=massif --peak-inaccuracy=0.0 --depth=1 \
            --massif-out-file="$OUT/c$n.massif" "$DAIRY" segment "$model" --format csv \
            >/dev/null 2>"$OUT/c$n.massif.err"; then
            heap=$(awk -F= '/^mem_heap_B=/ { h = $2 } /^mem_heap_extra_B=/ { t = h + $2; if (t > m) m = t }
                             END { printf "%d", m }' "$OUT/c$n.massif")
            awk -v h="$heap" -v n="$n" 'BEGIN { printf "  massif: peak heap %.1f MB, %.1f B/customer\n", h / 1048576, h / n }'
        else
            echo "bench segment: dairy segment under massif failed, see $OUT/c$n.massif.err" >&2
            failed=1
        fi
    fi

    # SQLite: the emitted SQL, the rows loaded once, then the query alone
    s_ns=- s_kb=-
    if ! "$DAIRY" emit sql "$model" --load "$OUT/c$n.csv" --dialect sqlite -o "$OUT/c$n.sql" \
        2>"$OUT/c$n.emit.err"; then
        echo "bench segment: \`dairy emit sql\` failed on $model:" >&2
        head -20 "$OUT/c$n.emit.err" >&2
        failed=1
    elif ! load_sqlite "$n"; then
        failed=1
    else
        measure "$RUNS" "$SQL_BUDGET" "$SQL_LIMIT" /dev/null "$OUT/c$n.sqlite.err" \
            sqlite3 -readonly -bail -csv "$OUT/c$n.sqlite" 'SELECT * FROM customer_segments;'
        if [ "$RC" = 124 ]; then
            echo "  sqlite query: stopped after $SQL_LIMIT s, skipped at this size"
            notes+=("$n customers: the SQLite query was stopped after $SQL_LIMIT s (BENCH_SEG_SQLITE_LIMIT) and is not in the table.")
            s_ns=skip
        elif [ "$RC" != 0 ]; then
            echo "bench segment: the SQLite query on $n customers exited with status $RC:" >&2
            head -5 "$OUT/c$n.sqlite.err" >&2
            failed=1
        else
            s_ns=$BEST_NS s_kb=$PEAK_KB
            awk -v ns="$s_ns" -v kb="$s_kb" -v r="$NRUN" -v cpu="$BEST_CPU" \
                'BEGIN { printf "  sqlite query: %.3f s (CPU %.2f s; best of %d), peak RSS %.1f MB\n", ns / 1e9, cpu, r, kb / 1024 }'
            [ "$NRUN" = "$RUNS" ] || notes+=("$n customers: SQLite best of $NRUN run(s) (BENCH_SEG_SQLITE_BUDGET).")
        fi
    fi

    # agreement
    agree=-
    if [ "$n" -le "$VERIFY_MAX" ] && [[ "$s_ns" =~ ^[0-9]+$ ]]; then
        if "$DAIRY" segment "$model" --format csv | tail -n +2 | LC_ALL=C sort >"$OUT/c$n.dairy.sorted" &&
            sqlite3 -readonly -bail -csv "$OUT/c$n.sqlite" 'SELECT * FROM customer_segments;' |
            LC_ALL=C sort >"$OUT/c$n.sqlite.sorted" &&
            cmp -s "$OUT/c$n.dairy.sorted" "$OUT/c$n.sqlite.sorted"; then
            agree=yes
            echo "  agreement: the same $(wc -l <"$OUT/c$n.dairy.sorted") rows"
        else
            agree=NO
            echo "bench segment: dairy and SQLite give different segments for $n customers:" >&2
            diff "$OUT/c$n.dairy.sorted" "$OUT/c$n.sqlite.sorted" | head -10 >&2 || true
            failed=1
        fi
        rm -f "$OUT/c$n.dairy.sorted" "$OUT/c$n.sqlite.sorted"
    fi
    results+=("$n $d_ns $d_kb $heap $s_ns $s_kb $csv_bytes $agree")
done
echo

# The table.  ratio = SQLite's query time / dairy's time.
set +e
printf '%s\n' "${results[@]}" | awk -v aim_s="$AIM_S" -v aim_r="$AIM_RATIO" -v aim_h="$AIM_HEAP" '
    function num(x) { return x ~ /^[0-9]+$/ }
    BEGIN {
        printf "| %9s | %8s | %9s | %8s | %10s | %9s | %7s | %10s | %6s | %5s |\n", "rows", "dairy s", "dairy MB",
               "heap B/c", "sqlite s", "sqlite MB", "ratio", "marg. B/c", "CSV MB", "agree"
        printf "|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n", "----------:", "---------:", "----------:", "---------:",
               "-----------:", "----------:", "--------:", "-----------:", "-------:", ":-----:"
    }
    {
        n = $1
        ds = num($2) ? sprintf("%.3f", $2 / 1e9) : $2
        dm = num($2) ? sprintf("%.1f", $3 / 1024) : "-"
        hb = num($4) ? sprintf("%.1f", $4 / n) : "-"
        ss = num($5) ? sprintf("%.3f", $5 / 1e9) : ($5 == "skip" ? "skipped" : "-")
        sm = num($6) ? sprintf("%.1f", $6 / 1024) : "-"
        ra = num($2) && num($5) ? sprintf("%.1fx", $5 / $2) : "-"
        mg = "-"
        if (num($4) && hn) mg = sprintf("%.1f", ($4 - ph) / (n - pn))
        if (num($4)) { pn = n; ph = $4; hn = 1 }
        printf "| %9d | %8s | %9s | %8s | %10s | %9s | %7s | %10s | %6.1f | %5s |\n", n, ds, dm, hb, ss, sm, ra, mg,
               $7 / 1048576, $8
        if (n == 1000000) { big = 1; bs = $2; bss = $5; bh = $4 }
    }
    END {
        print ""
        if (!big) exit 0
        miss = 0
        if (num(bs)) {
            ok = bs / 1e9 < aim_s; miss += !ok
            printf "1M customers: dairy %.3f s (aim < %d s: %s)", bs / 1e9, aim_s, ok ? "ok" : "MISSED"
        }
        if (num(bs) && num(bss)) {
            ok = bss / bs >= aim_r; miss += !ok
            printf ", %.1fx faster than SQLite (aim >= %dx: %s)", bss / bs, aim_r, ok ? "ok" : "MISSED"
        }
        if (num(bh)) {
            ok = bh / 1e6 <= aim_h; miss += !ok
            printf ", heap %.1f B/customer (aim <= ~%d: %s)", bh / 1e6, aim_h, ok ? "ok" : "MISSED"
        }
        print ""
        if (miss) exit 3
    }' | tee "$OUT/results.txt"
over=${PIPESTATUS[1]}
set -e
for note in "${notes[@]}"; do echo "note: $note" | tee -a "$OUT/results.txt"; done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)" | tee -a "$OUT/results.txt"

cat <<EOF

heap B/c: massif's peak heap / rows; marg. B/c: the heap each extra customer
costs over the previous size; dairy MB and sqlite MB: peak RSS (dairy's
includes the mapped customer file, CSV MB).  Profile without perf:
  valgrind --tool=callgrind --callgrind-out-file=$OUT/callgrind.out $DAIRY segment $OUT/c100000.dairy --format csv >/dev/null
  callgrind_annotate $OUT/callgrind.out | head -40
EOF

if [ "$failed" != 0 ]; then
    echo "bench segment: FAILED: a command failed or the results disagree" >&2
    exit 1
fi
if [ "$over" = 3 ] && [ "${BENCH_STRICT:-0}" = 1 ]; then
    echo "bench segment: the 1M case misses its aims (BENCH_STRICT=1)" >&2
    exit 1
fi
exit 0
