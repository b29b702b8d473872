#!/usr/bin/env bash
# `dairy diff --git` end to end, in a throwaway git repository (docs/diff.md):
#   - a model that `use`s another file and reads a CSV table, committed, then
#     changed in all three: `dairy diff --git HEAD model.dairy` names each
#     change and exits 1, from the model's folder and from elsewhere;
#   - `dairy fmt -w` alone (layout only) is no change: exit 0, no output;
#   - an older commit, a revision that is not one, a model not in the commit,
#     a file outside any repository: exit 2 with a message;
#   - the old version with an error: its diagnostics name the file by its
#     path in the repository, exit 2;
#   - `.gitattributes` + `git config diff.dairy.textconv 'dairy diff
#     --textconv'`: `git diff` shows the canonical layout, nothing for a
#     fmt-only change, and the changed line for a real one;
#   - `git difftool -x 'dairy diff'` and a configured difftool
#     (difftool.dairy.cmd) print the meaning; with --trust-exit-code a
#     comment-only change passes (0) and a real one stops git (non-zero);
#   - no scratch folder is left behind (TMPDIR is the test's own).
# Usage: tests/diff_git.sh BUILD/dairy
set -u
bin=$(realpath "${1:-build/dairy}")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
pass=0; fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL $*"; }

# `dairy` on PATH for git's textconv and difftool, TMPDIR watched for leftovers
mkdir -p "$tmp/bin" "$tmp/scratch"
ln -s "$bin" "$tmp/bin/dairy"
export PATH="$tmp/bin:$PATH" TMPDIR="$tmp/scratch"
export GIT_CONFIG_NOSYSTEM=1 HOME="$tmp" GIT_AUTHOR_NAME=t GIT_AUTHOR_EMAIL=t@example.org \
    GIT_COMMITTER_NAME=t GIT_COMMITTER_EMAIL=t@example.org
repo="$tmp/repo"
mkdir -p "$repo/models/data"
cd "$repo" || exit 2
git init -q .

cat >models/chain.dairy <<'EOF'
# the chain, in a file of its own
currency BYN
product butter { milk 21 t/t }
product milk32 { milk 1.02 t/t }
farms from "data/farms.csv"
plant city_dairy { capacity 15_000 t; makes butter 400 t cost 310 BYN/t; makes milk32 9_000 t cost 95 BYN/t }
EOF
printf 'name,supply[t],price[BYN/t]\nnorth,9000,820\nsouth,7500,790\n' >models/data/farms.csv
cat >models/model.dairy <<'EOF'
model "Git test"
use "chain.dairy"
market city { demand butter 150..380 t price 10_400 BYN/t; demand milk32 8_000 t price 1_450 BYN/t }
transport { milk 0.45 BYN/t/km; product 0.60 BYN/t/km }
routes { from to distance; north city_dairy 38 km; south city_dairy 61 km; city_dairy city 12 km }
scenario drought { scale farm * supply 85% }
EOF
git add -A && git commit -qm "first" || exit 2

# 1. a change in each of the three files
printf 'name,supply[t],price[BYN/t]\nnorth,9500,820\nsouth,7500,790\nwest,3000,800\n' >models/data/farms.csv
sed -i 's/makes butter 400 t/makes butter 450 t/' models/chain.dairy
sed -i 's/scale farm \* supply 85%/scale farm * supply 80%/; s/south city_dairy 61 km;/south city_dairy 61 km; west city_dairy 20 km;/' models/model.dairy
cat >"$tmp/expected" <<'EOF'
~ farm north: supply 9 000 t → 9 500 t
+ farm west: supply 3 000 t, price 800 BYN/t
~ line city_dairy makes butter: output 400 t → 450 t
+ route west → city_dairy: 20 km
- scenario drought: scale farm * supply 85%
+ scenario drought: scale farm * supply 80%
EOF
(cd models && dairy diff --git HEAD model.dairy) >"$tmp/out" 2>"$tmp/err"; rc=$?
if [ $rc = 1 ] && cmp -s "$tmp/expected" "$tmp/out" && [ ! -s "$tmp/err" ]; then ok; else
    bad "diff --git HEAD (exit $rc)"; diff -u "$tmp/expected" "$tmp/out"; cat "$tmp/err"; fi
(cd "$tmp" && dairy diff --git HEAD repo/models/model.dairy) >"$tmp/out2" 2>&1; rc=$?
if [ $rc = 1 ] && cmp -s "$tmp/expected" "$tmp/out2"; then ok; else bad "diff --git from another folder (exit $rc)"; fi
dairy diff --git HEAD models/model.dairy --format json >"$tmp/json" 2>&1; rc=$?
if [ $rc = 1 ] && grep -q '"old": "HEAD:models/model.dairy"' "$tmp/json" &&
    grep -q '"new": "models/model.dairy"' "$tmp/json"; then ok; else bad "diff --git --format json names the sides (exit $rc)"; cat "$tmp/json"; fi
dairy diff --git HEAD models/model.dairy --plan >"$tmp/plan" 2>&1; rc=$?
if [ $rc = 1 ] && grep -q '^plan (base case):$' "$tmp/plan"; then ok; else bad "diff --git --plan (exit $rc)"; cat "$tmp/plan"; fi
git commit -qam "second"

# 2. fmt alone changes nothing that means anything
dairy fmt -w models/model.dairy models/chain.dairy
git diff --quiet && bad "fmt -w changed no file: the fmt-only case tests nothing"
dairy diff --git HEAD models/model.dairy >"$tmp/out" 2>&1; rc=$?
if [ $rc = 0 ] && [ ! -s "$tmp/out" ]; then ok; else bad "fmt-only change (exit $rc)"; cat "$tmp/out"; fi
# an older commit still differs
dairy diff --git HEAD~1 models/model.dairy >"$tmp/out" 2>&1; rc=$?
if [ $rc = 1 ] && cmp -s "$tmp/expected" "$tmp/out"; then ok; else bad "diff --git HEAD~1 (exit $rc)"; cat "$tmp/out"; fi

# 3. errors: exit 2 with a message, never 1
expect_error() { # what, pattern, command...
    local what=$1 pat=$2; shift 2
    "$@" >"$tmp/out" 2>"$tmp/err"; local rc=$?
    if [ $rc = 2 ] && [ ! -s "$tmp/out" ] && grep -q -- "$pat" "$tmp/err"; then ok; else
        bad "$what (exit $rc)"; cat "$tmp/err"; fi
}
expect_error "no such revision" "is not a commit" dairy diff --git no-such-branch models/model.dairy
expect_error "a revision that looks like an option" "is not a revision" dairy diff --git --help models/model.dairy
cp models/model.dairy models/new.dairy
expect_error "a model not in the commit" "is not in commit" dairy diff --git HEAD models/new.dairy
rm models/new.dairy
mkdir -p "$tmp/outside" && cp models/model.dairy "$tmp/outside/"
expect_error "outside a repository" "is not in a git repository" dairy diff --git HEAD "$tmp/outside/model.dairy"
expect_error "a missing model" "cannot read" dairy diff --git HEAD models/missing.dairy
# an old version with an error: its messages name the repository's path
sed -i 's/12 km/12/' models/model.dairy && git commit -qam "broken" && git revert --no-edit HEAD >/dev/null
expect_error "an old version with errors" "^models/model.dairy:[0-9]*:[0-9]*: error: expected distance" \
    dairy diff --git HEAD~1 models/model.dairy

# 4. git diff through textconv: the canonical layout
printf '*.dairy diff=dairy\n' >.gitattributes
git config diff.dairy.textconv 'dairy diff --textconv'
git add .gitattributes && git commit -qm attributes
sed -i 's/^model "Git test"/model   "Git test"    # a comment that is new/' models/model.dairy
sed -i 's/^product butter { milk 21 t\/t }/product   butter   {  milk 21  t\/t   }/' models/chain.dairy  # layout only
git diff --quiet -- models/chain.dairy && bad "the layout change changed nothing"
git diff -- models/chain.dairy >"$tmp/out" 2>&1
if ! grep -q '^[-+][^-+]' "$tmp/out"; then ok; else bad "git diff with textconv shows a fmt-only change"; cat "$tmp/out"; fi
git diff -- models/model.dairy >"$tmp/out" 2>&1
if grep -qx '+model "Git test"  # a comment that is new' "$tmp/out" && grep -qx -- '-model "Git test"' "$tmp/out"; then ok; else
    bad "git diff with textconv: the changed line in canonical layout"; cat "$tmp/out"; fi
git diff --no-textconv -- models/chain.dairy | grep -q '^[-+][^-+]' && ok || bad "git diff --no-textconv shows the raw lines"
git checkout -q -- models

# 5. git difftool: dairy diff as the tool (a model that uses no other file)
cat >solo.dairy <<'EOF'
currency BYN
product butter { milk 21 t/t }
farm north { supply 9_000 t; price 820 BYN/t }
plant city_dairy { capacity 15_000 t; makes butter 400 t cost 310 BYN/t }
market city { demand butter 150..380 t price 10_400 BYN/t }
routes { from to cost; north city_dairy 17 BYN/t; city_dairy city 7 BYN/t }
EOF
git add solo.dairy && git commit -qm solo
sed -i 's/supply 9_000 t/supply 9_000_000 kg/; s/price 10_400/price 10_600/' solo.dairy
git difftool -y -x 'dairy diff' HEAD -- solo.dairy >"$tmp/out" 2>&1
if grep -qx '~ demand butter at city: price 10 400 BYN/t → 10 600 BYN/t' "$tmp/out" &&
    ! grep -q supply "$tmp/out"; then ok; else bad "git difftool -x 'dairy diff'"; cat "$tmp/out"; fi
git config difftool.dairy.cmd 'dairy diff "$LOCAL" "$REMOTE"'
git difftool -y -t dairy HEAD -- solo.dairy >"$tmp/out" 2>&1; rc=$?
if [ $rc = 0 ] && grep -q 'price 10 400 BYN/t → 10 600 BYN/t' "$tmp/out"; then ok; else
    bad "configured difftool (exit $rc)"; cat "$tmp/out"; fi
# --trust-exit-code stops at the first model that differs (exit 1, like diff)
git difftool -y -t dairy --trust-exit-code HEAD -- solo.dairy >"$tmp/out" 2>&1; rc=$?
if [ $rc != 0 ]; then ok; else bad "difftool --trust-exit-code passed a difference as 0"; fi
sed -i 's/supply 9_000_000 kg/supply 9_000 t/; s/price 10_600/price 10_400/' solo.dairy
printf '# only a comment\n' >>solo.dairy
git difftool -y -t dairy --trust-exit-code HEAD -- solo.dairy >"$tmp/out" 2>&1; rc=$?
if [ $rc = 0 ] && [ ! -s "$tmp/out" ]; then ok; else bad "difftool --trust-exit-code on a comment-only change (exit $rc)"; cat "$tmp/out"; fi

# 6. nothing left in TMPDIR: every scratch folder was removed
left=$(find "$tmp/scratch" -mindepth 1 -maxdepth 1 -name 'dairy-diff-*' | wc -l)
if [ "$left" = 0 ]; then ok; else bad "$left scratch folders left in TMPDIR"; fi
# ... also when the command is killed while it reads the commit
sed -i 's/price 10_400/price 10_500/' solo.dairy
timeout -s INT 0.05 dairy diff --git HEAD models/model.dairy --plan >/dev/null 2>&1
left=$(find "$tmp/scratch" -mindepth 1 -maxdepth 1 -name 'dairy-diff-*' | wc -l)
if [ "$left" = 0 ]; then ok; else bad "$left scratch folders left after SIGINT"; fi

echo "diff git: $pass passed, $fail failed"
[ $fail = 0 ]
