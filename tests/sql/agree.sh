#!/usr/bin/env bash
# tests/sql/agree.sh [BIN] — `dairy emit sql` agrees with `dairy segment`.
#
# For every model of examples/, tests/golden/ (tests/golden_cases.sh) and
# tests/sql/ that checks, declares customers and has segments: load its
# customers into a table
# (created by `BIN emit sql --create-table`), run the emitted SQL on SQLite
# and on PostgreSQL, list the view's rows in input order and compare them
# byte for byte with `BIN segment --format csv`.
#
# Customers from a CSV file are loaded from that file itself, as a user
# would (sqlite3 .import, psql \copy); an inline table is first written as
# CSV by tests/sql/customers_csv.c (built here against build/libdairy.a).
# Empty cells become NULL.  Rows keep their input order: SQLite's rowid,
# and in PostgreSQL an ordinal column added to the table before \copy.
# tests/sql/segments.dairy and rfm.dairy hold the hard cases (2,000
# customers in tests/sql/data/customers.csv, written by gen_customers.py).
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
sqltext() { printf "'%s'" "${1//\'/\'\'}"; }

ORD=dairy_test_ordinal

# run_model MODEL: 0 agree, 1 differ, 2 skipped
run_model() {
    local model=$1 d info source segs data cols=() kinds=() i col
    d=$work/m
    rm -rf "$d"; mkdir -p "$d"
    "$BIN" check "$model" >/dev/null 2>&1 || return 2
    info=$("$work/customers_csv" "$model" "$d/customers.csv" 2>"$d/conv.err") || return 2
    source=$(sed -n 's/^source //p' <<<"$info")
    segs=$(sed -n 's/^segments //p' <<<"$info")
    [ "$source" != "" ] && [ "${segs:-0}" -gt 0 ] || return 2
    grep -q '^column ' <<<"$info" || return 2
    while read -r _ col kind; do cols+=("$col"); kinds+=("$kind"); done < <(grep '^column ' <<<"$info")
    data=$d/customers.csv
    [ "$source" = - ] || data=$source

    if ! "$BIN" segment "$model" --format csv >"$d/expected.csv" 2>"$d/segment.err"; then
        echo "FAIL  $model: dairy segment failed"; sed 's/^/      /' "$d/segment.err" | head -5
        return 1
    fi
    if ! "$BIN" emit sql "$model" --create-table >"$d/view.sql" 2>"$d/emit.err"; then
        echo "FAIL  $model: dairy emit sql failed"; sed 's/^/      /' "$d/emit.err" | head -5
        return 1
    fi
    local nulls="" textnulls=""
    for i in "${!cols[@]}"; do
        col=$(sqlident "${cols[$i]}")
        nulls+="UPDATE customers SET $col = NULL WHERE $col = '';"$'\n'
        [ "${kinds[$i]}" = text ] && textnulls+="UPDATE customers SET $col = NULL WHERE $col = '';"$'\n'
    done
    local id; id=$(sqlident id)

    # SQLite
    local bad=0
    if ! sqlite3 -bail "$d/db.sqlite" >"$d/sqlite.out" 2>"$d/sqlite.err" <<EOF
.read '$d/view.sql'
.import --csv --skip 1 '$data' customers
$nulls
.mode ascii
SELECT v.id, v.segment, v.strategy FROM customer_segments AS v
  JOIN customers AS c ON TRIM(c.$id) = v.id ORDER BY c.rowid;
EOF
    then
        echo "FAIL  $model: sqlite: $(head -3 "$d/sqlite.err")"; bad=1
    else
        to_csv <"$d/sqlite.out" >"$d/sqlite.csv"
        if ! cmp -s "$d/expected.csv" "$d/sqlite.csv"; then
            echo "FAIL  $model: sqlite gives other segments than dairy segment"
            diff "$d/expected.csv" "$d/sqlite.csv" | head -10 | sed 's/^/      /'
            bad=1
        fi
    fi

    # PostgreSQL
    local collist="" sep=""
    for col in "${cols[@]}"; do collist+="$sep$(sqlident "$col")"; sep=", "; done
    if ! psql -X -q -A -t -F "$US" -R "$RS" -v ON_ERROR_STOP=1 >"$d/pg.out" 2>"$d/pg.err" <<EOF
DROP VIEW IF EXISTS customer_segments;
DROP TABLE IF EXISTS customers;
\\i '$d/view.sql'
ALTER TABLE customers ADD COLUMN $ORD BIGSERIAL;
\\copy customers ($collist) FROM '$data' WITH (FORMAT csv, HEADER true)
$textnulls
SELECT v.id, v.segment, v.strategy FROM customer_segments AS v
  JOIN customers AS c ON TRIM(c.$id) = v.id ORDER BY c.$ORD;
EOF
    then
        echo "FAIL  $model: postgresql: $(head -3 "$d/pg.err")"; bad=1
    else
        to_csv <"$d/pg.out" >"$d/pg.csv"
        if ! cmp -s "$d/expected.csv" "$d/pg.csv"; then
            echo "FAIL  $model: postgresql gives other segments than dairy segment"
            diff "$d/expected.csv" "$d/pg.csv" | head -10 | sed 's/^/      /'
            bad=1
        fi
    fi
    [ $bad = 0 ] || return 1
    echo "ok    $model ($(($(wc -l <"$d/expected.csv") - 1)) customers)"
    return 0
}

pass=0 fail=0
for model in examples/*.dairy $(bash tests/golden_cases.sh) tests/sql/*.dairy; do
    run_model "$model"
    case $? in
        0) pass=$((pass + 1)) ;;
        1) fail=$((fail + 1)) ;;
    esac
done
echo "sqlite $(sqlite3 --version | cut -d' ' -f1), postgresql $pgversion"
echo "sql agreement (sqlite, postgresql): $pass passed, $fail failed"
[ $fail = 0 ] && [ $pass -gt 0 ]
