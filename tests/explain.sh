#!/usr/bin/env bash
# `dairy explain` cannot drift from the program `dairy run` solves: for
# every example and golden model that builds a program (and each of its
# scenarios), tests/explain_cmp.py checks that the rows and columns explain
# counts per family are those of `dairy emit lp` (read back by glpsol),
# that every row, bound and objective coefficient of `explain --expand` is
# the LP's, and that `explain --format html` is well-formed XHTML.  Then
# the LaTeX of the intro and of a year with stores compiles with pdflatex,
# and the PDF's text (pdftotext) names every row family explain printed.
# Usage: tests/explain.sh BUILD/dairy
set -u
bin=$(realpath "${1:-build/dairy}")
cd "$(dirname "$0")/.."
root=$PWD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
n=0; skipped=0; fail=0

case_one() { # model [scenario]
    local model=$1 scen=${2:-} sargs=() dir base out
    [ -n "$scen" ] && sargs=(--scenario "$scen")
    dir=$(dirname "$model"); base=$(basename "$model")
    out="$tmp/c$n"; mkdir -p "$out"
    echo "$model${scen:+ [$scen]}" >"$out/label"
    if ! (cd "$dir" && "$bin" explain "$base" "${sargs[@]}") >"$out/explain.txt" 2>/dev/null; then
        rm -rf "$out"; return   # not a model that builds a program
    fi
    (cd "$dir" && "$bin" explain --expand "$base" "${sargs[@]}") >"$out/expand.txt" 2>&1 &&
    (cd "$dir" && "$bin" explain --format html "$base" "${sargs[@]}") >"$out/page.html" 2>&1 &&
    (cd "$dir" && "$bin" emit lp "$base" "${sargs[@]}") >"$out/model.lp" 2>&1 || {
        echo "FAIL $model${scen:+ [$scen]}: explain --expand, --format html or emit lp failed"
        fail=$((fail + 1)); rm -rf "$out"; return; }
    # a program without rows or columns is no LP file glpsol reads
    if grep -q 'NO ROWS/COLUMNS' "$out/model.lp" ||
       ! glpsol --lp "$out/model.lp" --check --wglp "$out/model.glp" >/dev/null 2>&1; then
        skipped=$((skipped + 1)); rm -rf "$out"; return
    fi
    n=$((n + 1))
}

for model in examples/*.dairy $(bash tests/golden_cases.sh); do
    case_one "$model"
    for s in $(sed -n 's/^scenario \([A-Za-z_][A-Za-z0-9_]*\).*/\1/p' "$model"); do
        case_one "$model" "$s"
    done
done
cmp_fail=0
if [ $n -gt 0 ]; then
    python3 tests/explain_cmp.py "$tmp"/c* >"$tmp/cmp.out" 2>&1
    rc=$?
    cat "$tmp/cmp.out"
    cmp_fail=$(grep -c '^FAIL' "$tmp/cmp.out")
    [ $rc = 0 ] || [ "$cmp_fail" -gt 0 ] || cmp_fail=1
fi

# LaTeX: compiles, and the PDF names each row family explain printed
latex_ok=0
for model in examples/intro.dairy examples/seasons.dairy; do
    name=$(basename "$model" .dairy)
    mkdir -p "$tmp/tex"
    "$bin" explain --format latex --expand "$model" -o "$tmp/tex/$name.tex" || {
        echo "FAIL $model: explain --format latex"; fail=$((fail + 1)); continue; }
    if ! (cd "$tmp/tex" && pdflatex -interaction=nonstopmode -halt-on-error "$name.tex" \
            >"$name.log" 2>&1); then
        echo "FAIL $model: pdflatex"; tail -20 "$tmp/tex/$name.log"; fail=$((fail + 1)); continue
    fi
    pdftotext "$tmp/tex/$name.pdf" "$tmp/tex/$name.txt"
    missing=""
    for fam in $("$bin" explain "$model" | sed -n 's/^  \([a-z_]*\)(\S*  .*, [0-9]* rows\?$/\1/p'); do
        grep -q "^$fam(\|[^a-z_]$fam(" "$tmp/tex/$name.txt" || missing="$missing $fam"
    done
    if [ -n "$missing" ]; then
        echo "FAIL $model: the PDF does not name$missing"; fail=$((fail + 1))
    else
        latex_ok=$((latex_ok + 1))
    fi
done
cd "$root" || exit 1
total_fail=$((fail + cmp_fail))
echo "explain (families, --expand and HTML against emit lp; LaTeX through pdflatex): $n models, $skipped without a program, $latex_ok PDFs, $total_fail failed"
[ $total_fail = 0 ] && [ $n -gt 0 ] && [ $latex_ok = 2 ]
