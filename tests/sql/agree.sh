#!/usr/bin/env bash
# tests/sql/agree.sh [BIN] — `dairy emit sql` agrees with `dairy segment`.
#
# For every model of examples/, tests/golden/ (tests/golden_cases.sh) and
# tests/sql/ that checks, declares customers and has segments: run the
# script `BIN emit sql --load CSV --dialect D` writes (the table, its
# loader, the view) on SQLite and on PostgreSQL, list the view's rows in
# input order and compare them byte for byte with `BIN segment --format
# csv`.
#
# Customers from a CSV file are loaded from that file itself, as a user
# would, by the emitted loader (sqlite3 .import, psql \copy) and nothing
# else: empty cells stay as each loader stores them ('' in SQLite) and the
# view must read them as dairy does.  An inline table is first written as
# CSV by tests/sql/customers_csv.c (built here against build/libdairy.a).
# SQLite's rows are listed in input order (rowid), PostgreSQL's sorted and
# compared with `dairy segment`'s sorted (the ids are unique).  tests/sql/segments.dairy and rfm.dairy hold the
# hard cases (2,000 customers in tests/sql/data/customers.csv, written by
# gen_customers.py); both run again over AGREE_CUSTOMERS (default 100,000)
# customers generated into the scratch folder with a BOM and CRLF line
# ends.
#
# A caveat this test avoids rather than proves: sqlite3's reader (3.40)
# rounds twice and reads about one in 4,000 15-digit decimals one ulp away
# from strtod (727132.912063664), so a CSV value spelt that way is not the
# double C reads; the emitted literals avoid such spellings, a user's file
# may not.  PostgreSQL reads every number as C does.
#
# PostgreSQL: a private server is started for the run (initdb in a fresh
# folder under /tmp, a Unix socket in that folder, no TCP) and stopped on
# exit, even on failure; the Debian `postgresql` package is installed when
# no initdb is found.  As root, the server runs as the `postgres` user.
#
# Prints one line per model and "sql agreement (sqlite, postgresql): N
# passed, M failed"; exits non-zero on any mismatch or set-up failure.
set -u
cd "$(dirname "$0")/../.." || exit 2
BIN=${1:-build/dairy}
case $BIN in /*) ;; *) BIN=$PWD/$BIN ;; esac

work=$(mktemp -d /tmp/dairy-sql.XXXXXX)
pgroot=""
pgbin=""
as_pg() { # run a PostgreSQL server program as its owner
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}
cleanup() {
    if [ -n "$pgroot" ] && [ -f "$pgroot/data/postmaster.pid" ]; then
        as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -m fast -w stop >/dev/null 2>&1
    fi
    [ -n "$pgroot" ] && rm -rf "$pgroot"
    rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 2' INT TERM HUP

die() { echo "agree.sh: $*" >&2; exit 2; }

[ -x "$BIN" ] || die "no dairy binary at $BIN (run make first)"
command -v sqlite3 >/dev/null || die "sqlite3 is not installed (apt-get install sqlite3)"
LIB=${LIBDAIRY:-build/libdairy.a}
[ -f "$LIB" ] || make -s "$LIB" >/dev/null || die "cannot build $LIB"
${CC:-cc} -std=c11 -O2 -D_XOPEN_SOURCE=700 -Isrc -Ibuild/gen tests/sql/customers_csv.c \
    "$LIB" -o "$work/customers_csv" -lglpk -lm || die "cannot build customers_csv"

# ------------------------------------------------------------ PostgreSQL

find_pgbin() {
    pgbin=$(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
    [ -n "$pgbin" ] && [ -x "$pgbin/initdb" ]
}
if ! find_pgbin; then
    echo "installing postgresql"
    SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
    { $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive \
        $SUDO apt-get install -y -qq postgresql >/dev/null; } || die "cannot install postgresql"
    find_pgbin || die "postgresql installed, but no initdb under /usr/lib/postgresql"
fi
command -v psql >/dev/null || die "psql is not installed"

pgroot=$(mktemp -d /tmp/dairy-pg.XXXXXX)
if [ "$(id -u)" = 0 ]; then
    getent passwd postgres >/dev/null || die "no postgres user to run the server as"
    chown postgres: "$pgroot"
fi
as_pg "$pgbin/initdb" -D "$pgroot/data" -U postgres --auth=trust -E UTF8 --locale=C \
    >"$pgroot/initdb.log" 2>&1 || { cat "$pgroot/initdb.log" >&2; die "initdb failed"; }
as_pg "$pgbin/pg_ctl" -D "$pgroot/data" -l "$pgroot/server.log" -w -t 60 \
    -o "-k $pgroot -c listen_addresses='' -p 5432 -c fsync=off" start >/dev/null 2>&1 ||
    { cat "$pgroot/server.log" >&2; die "the PostgreSQL server did not start"; }
export PGHOST=$pgroot PGPORT=5432 PGUSER=postgres PGCLIENTENCODING=UTF8
export PGOPTIONS='-c client_min_messages=warning'
psql -X -q -d postgres -v ON_ERROR_STOP=1 \
    -c "CREATE DATABASE dairy_sql TEMPLATE template0 ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C'" \
    >/dev/null || die "cannot create the test database"
export PGDATABASE=dairy_sql
pgversion=$(psql -X -A -t -c 'SHOW server_version' | cut -d' ' -f1)

# ------------------------------------------------------------ helpers

US=$'\x1f'
RS=$'\x1e'
# Rows with fields separated by US and ended by RS (NULL empty) as the CSV
# `dairy segment --format csv` writes: a field is quoted when it holds a
# comma, a quote or a line break.
to_csv() {
    awk -v RS="$RS" -v FS="$US" '
        function q(s) {
            if (s ~ /[,"\r\n]/) { gsub(/"/, "\"\"", s); return "\"" s "\"" }
            return s
        }
        BEGIN { print "id,segment,strategy" }
        { sub(/^\n/, ""); sub(/\n$/, "") }
        NF == 0 { next }
        { print q($1) "," q($2) "," q($3) }'
}

sqlident() { printf '"%s"' "${1//\"/\"\"}"; }


TAB=$'\t'

# emit MODEL CSV DIALECT: the table, its loader and the view, on stdout
emit() {
    if ! "$BIN" emit sql "$1" --load "$2" --dialect "$3" 2>"$d/emit.err"; then
        echo "FAIL  $label: dairy emit sql --dialect $3 failed" >&2
        sed 's/^/      /' "$d/emit.err" | head -5 >&2
        return 1
    fi
}

# compare ENGINE OUT [sorted]: the engine's rows (OUT) are `dairy
# segment`'s, in input order or, with `sorted`, both sorted (ids are unique,
# so that still compares every customer's segment and strategy)
compare() {
    to_csv <"$2" >"$d/$1.csv"
    if [ "${3:-}" = sorted ]; then
        LC_ALL=C sort "$d/expected.csv" >"$d/expected.sorted"
        LC_ALL=C sort "$d/$1.csv" >"$d/$1.sorted"
        cmp -s "$d/expected.sorted" "$d/$1.sorted" && return 0
        echo "FAIL  $label: $1 gives other segments than dairy segment"
        diff "$d/expected.sorted" "$d/$1.sorted" | head -10 | sed 's/^/      /'
        return 1
    fi
    cmp -s "$d/expected.csv" "$d/$1.csv" && return 0
    echo "FAIL  $label: $1 gives other segments than dairy segment"
    diff "$d/expected.csv" "$d/$1.csv" | head -10 | sed 's/^/      /'
    return 1
}

# run_model MODEL [LABEL]: 0 agree, 1 differ, 2 skipped
run_model() {
    local model=$1 label=${2:-$1} d info source segs data
    d=$work/m
    rm -rf "$d"; mkdir -p "$d"
    "$BIN" check "$model" >/dev/null 2>&1 || return 2
    info=$("$work/customers_csv" "$model" "$d/customers.csv" 2>"$d/conv.err") || return 2
    source=$(sed -n 's/^source //p' <<<"$info")
    segs=$(sed -n 's/^segments //p' <<<"$info")
    [ "$source" != "" ] && [ "${segs:-0}" -gt 0 ] || return 2
    grep -q '^column ' <<<"$info" || return 2
    data=$d/customers.csv
    [ "$source" = - ] || data=$source

    if ! "$BIN" segment "$model" --format csv >"$d/expected.csv" 2>"$d/segment.err"; then
        echo "FAIL  $label: dairy segment failed"; sed 's/^/      /' "$d/segment.err" | head -5
        return 1
    fi
    case $data in /*) ;; *) data=$PWD/$data ;; esac
    local id; id=$(sqlident id)
    # the view's id: blanks stripped, as dairy reads it
    local idjoin="TRIM(c.$id, ' $TAB') = v.id"
    local bad=0

    # SQLite: the file loaded by the emitted .import, as it is
    if ! emit "$model" "$data" sqlite >"$d/lite.sql"; then
        bad=1
    elif ! sqlite3 -bail "$d/db.sqlite" >"$d/sqlite.out" 2>"$d/sqlite.err" <<EOF
.read '$d/lite.sql'
CREATE TEMP TABLE v AS SELECT * FROM customer_segments;
CREATE INDEX v_id ON v (id);
.mode ascii
SELECT v.id, v.segment, v.strategy FROM v JOIN customers AS c ON $idjoin ORDER BY c.rowid;
EOF
    then
        echo "FAIL  $label: sqlite: $(head -3 "$d/sqlite.err")"; bad=1
    else
        compare sqlite "$d/sqlite.out" || bad=1
    fi

    # PostgreSQL: the file loaded by the emitted \copy, as it is.  Its
    # table has no column to keep the input order (COPY's batched inserts
    # may put a row on an earlier page: ctid is not the order), so the rows
    # are compared sorted
    if ! emit "$model" "$data" postgresql >"$d/pg.sql"; then
        bad=1
    elif ! psql -X -q -A -t -F "$US" -R "$RS" -v ON_ERROR_STOP=1 >"$d/pg.out" 2>"$d/pg.err" <<EOF
\\i '$d/pg.sql'
SELECT id, segment, strategy FROM customer_segments;
EOF
    then
        echo "FAIL  $label: postgresql: $(head -3 "$d/pg.err")"; bad=1
    else
        compare postgresql "$d/pg.out" sorted || bad=1
    fi
    [ $bad = 0 ] || return 1
    echo "ok    $label ($(($(wc -l <"$d/expected.csv") - 1)) customers)"
    return 0
}

pass=0 fail=0
count() {
    case $1 in
        0) pass=$((pass + 1)) ;;
        1) fail=$((fail + 1)) ;;
    esac
}
for model in examples/*.dairy $(bash tests/golden_cases.sh) tests/sql/*.dairy; do
    run_model "$model"
    count $?
done

# The models of tests/sql/ again over $BIG generated customers, saved as a
# spreadsheet saves "CSV UTF-8": a BOM and CRLF line ends.
BIG=${AGREE_CUSTOMERS:-100000}
big=$work/big
mkdir -p "$big/data"
python3 tests/sql/gen_customers.py "$BIG" "$big/data/customers.csv" --crlf --bom ||
    die "cannot generate $BIG customers"
for model in tests/sql/*.dairy; do
    cp "$model" "$big/"
    run_model "$big/${model##*/}" "$model with $BIG customers (BOM, CRLF)"
    count $?
done
echo "sqlite $(sqlite3 --version | cut -d' ' -f1), postgresql $pgversion"
echo "sql agreement (sqlite, postgresql): $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
