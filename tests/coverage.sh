#!/usr/bin/env bash
# `make coverage`: run the unit tests, the golden tests and `check`/`run` of
# every example with the --coverage build in DIR (build/cov), then report
# line and branch coverage of src/ with gcovr:
#   DIR/lines.txt, DIR/branches.txt  per-file tables with the totals
#   DIR/uncovered.txt                every line never run and every line
#                                    with a branch never taken, with its text
#   DIR/coverage.json                gcovr's full data
# Fails when a test fails, or when line coverage is below COV_LINE_MIN or
# branch coverage below COV_BRANCH_MIN (percent).
set -u
cd "$(dirname "$0")/.."
dir=${1:-build/cov}
line_min=${COV_LINE_MIN:-97}
branch_min=${COV_BRANCH_MIN:-90}
failed=0

# Start from zero: counts from an earlier run would add up.
find "$dir" -name '*.gcda' -delete

ok=0; bad=0
for t in "$dir"/unit/test_*; do
    [ -x "$t" ] || continue
    if "$t" >"$dir/unit.log" 2>&1; then ok=$((ok + 1)); else
        bad=$((bad + 1)); echo "FAIL $t"; tail -n 20 "$dir/unit.log"; fi
done
echo "unit binaries: $ok passed, $bad failed"
[ $bad = 0 ] && [ $ok -gt 0 ] || failed=1

DAIRY_PATH="$PWD/stdlib" bash tests/golden.sh "$dir/dairy" || failed=1

# The examples: each must check, and solve (0) or say why it cannot (3).
ok=0; bad=0
for m in examples/*.dairy; do
    DAIRY_PATH="$PWD/stdlib" "$dir/dairy" check "$m" >/dev/null || { bad=$((bad + 1)); echo "FAIL check $m"; continue; }
    DAIRY_PATH="$PWD/stdlib" "$dir/dairy" run "$m" >/dev/null 2>&1
    rc=$?
    if [ $rc = 0 ] || [ $rc = 3 ]; then ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAIL run $m: exit status $rc"; fi
done
echo "examples: $ok passed, $bad failed"
[ $bad = 0 ] || failed=1

# the language server: its protocol cases (tests/lsp.sh runs them, and more)
ok=0; bad=0
for c in tests/lsp/cases/*.in; do
    if [ "$(python3 tests/lsp/frame.py "$dir/dairy" "$c")" = "$(cat "${c%.in}.out")" ]; then
        ok=$((ok + 1)); else bad=$((bad + 1)); echo "FAIL lsp $c"; fi
done
echo "lsp protocol: $ok passed, $bad failed"
[ $bad = 0 ] || failed=1

# src/ only: the bison/flex skeletons in build/gen are not ours, but their
# #line directives bring the actions back to src/parser.y and src/lexer.l.
# Branches the compiler made unreachable are not branches of the source.
gcovr --root . --object-directory "$dir" --filter 'src/' \
    --exclude-unreachable-branches --exclude-throw-branches \
    --json "$dir/coverage.json" "$dir" || exit 2
gcovr --add-tracefile "$dir/coverage.json" --txt "$dir/lines.txt" || exit 2
gcovr --add-tracefile "$dir/coverage.json" --txt "$dir/branches.txt" --branches || exit 2
cat "$dir/lines.txt" "$dir/branches.txt"

python3 - "$dir/coverage.json" "$dir/uncovered.txt" "$line_min" "$branch_min" <<'PY' || failed=1
import json, sys
data = json.load(open(sys.argv[1]))
out = open(sys.argv[2], "w")
line_min, branch_min = float(sys.argv[3]), float(sys.argv[4])
lines = lines_hit = branches = branches_hit = 0
nl = nb = 0
for f in sorted(data["files"], key=lambda f: f["file"]):
    try:
        text = open(f["file"], encoding="utf-8", errors="replace").read().split("\n")
    except OSError:
        text = []
    for ln in sorted(f["lines"], key=lambda l: l["line_number"]):
        if ln.get("gcovr/noncode") or ln.get("gcovr/excluded"):
            continue
        no = ln["line_number"]
        src = text[no - 1].strip() if no <= len(text) else ""
        lines += 1
        if ln["count"] == 0:
            print(f"{f['file']}:{no}: not run: {src}", file=out)
            nl += 1
        else:
            lines_hit += 1
        bs = ln.get("branches", [])
        taken = sum(1 for b in bs if b["count"] > 0)
        branches += len(bs)
        branches_hit += taken
        if ln["count"] > 0 and taken < len(bs):
            print(f"{f['file']}:{no}: {taken} of {len(bs)} branches taken: {src}", file=out)
            nb += 1
line_pct = 100.0 * lines_hit / lines if lines else 100.0
branch_pct = 100.0 * branches_hit / branches if branches else 100.0
print(f"coverage of src/: lines {line_pct:.1f}% ({lines_hit} of {lines}), "
      f"branches {branch_pct:.1f}% ({branches_hit} of {branches}); "
      f"{nl} lines never run and {nb} lines with a branch never taken in {sys.argv[2]}")
ok = True
if line_pct < line_min:
    print(f"coverage: lines {line_pct:.1f}% < {line_min:g}%"); ok = False
if branch_pct < branch_min:
    print(f"coverage: branches {branch_pct:.1f}% < {branch_min:g}%"); ok = False
sys.exit(0 if ok else 1)
PY
[ $failed = 0 ]
