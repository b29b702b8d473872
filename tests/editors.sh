#!/usr/bin/env bash
# The editor support in editors/ against the real scanner (src/lexer.l):
#
#  1. tests/editors/lextokens (built here from build/libdairy.a) lists the
#     scanner's tokens of every example, stdlib module, golden input and
#     tests/editors/edges.dairy;
#  2. tmcheck.js tokenizes each with the TextMate grammar as VS Code does
#     (npm vscode-textmate + vscode-oniguruma, installed by `npm ci` into
#     tests/editors/node_modules) and checks every character's scope against
#     the token it is in; then the exact scopes of two files against
#     tests/editors/*.scopes;
#  3. pkgcheck.js: editors/vscode is a loadable extension;
#  4. headless Vim with editors/vim on its runtimepath opens every file:
#     filetype dairy, no error, every byte column's syntax group of the
#     token's kind (vimcheck.vim);
#  5. mutations: broken copies of the grammar and of the Vim syntax must
#     fail those checks, so that each check is seen to be able to fail.
#
#   bash tests/editors.sh            # the checks
#   bash tests/editors.sh --update   # rewrite tests/editors/*.scopes (review the diff)
set -u
cd "$(dirname "$0")/.."
B=build
T=tests/editors
GRAMMAR=editors/vscode/syntaxes/dairy.tmLanguage.json
update=; [ "${1:-}" = --update ] && update=--update
pass=0; fail=0
ok() { pass=$((pass + 1)); printf 'ok    %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL  %s\n' "$1"; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

# A copy of $1 with literal replacements ($3 by $4, $5 by $6, ...) into $2;
# each must occur.
mutate() {
    node -e '
        const fs = require("fs");
        const [from, to, ...pairs] = process.argv.slice(1);
        let s = fs.readFileSync(from, "utf8");
        for (let i = 0; i < pairs.length; i += 2) {
            if (!s.includes(pairs[i])) { console.log(`mutation: no ${pairs[i]} in ${from}`); process.exit(1); }
            s = s.split(pairs[i]).join(pairs[i + 1]);
        }
        fs.writeFileSync(to, s);' "$@"
}
# Debian's full Vim (package vim; vim-tiny has no syntax highlighting)
vimbin=vim.basic; command -v $vimbin >/dev/null || vimbin=vim

# --- the scanner's tokens -------------------------------------------------
make -s --no-print-directory $B/libdairy.a || exit 1
mkdir -p $B/editors
cc -std=c11 -Wall -Wextra -Werror -D_XOPEN_SOURCE=700 -O2 -g -Isrc -I$B/gen \
   $T/lextokens.c $B/libdairy.a -o $B/editors/lextokens -lm || exit 1
mapfile -t files < <({ ls examples/*.dairy stdlib/*.dairy; echo $T/edges.dairy; echo $T/line-ends.dairy; echo $T/crlf.dairy;
                       find tests/golden -name '*.dairy' | LC_ALL=C sort; })
$B/editors/lextokens "${files[@]}" >"$work/tokens" || { echo "lextokens failed"; exit 1; }
nfiles=$(grep -c '^file ' "$work/tokens")
# every example and stdlib module is read (none skipped as not UTF-8)
for f in examples/*.dairy stdlib/*.dairy $T/edges.dairy $T/line-ends.dairy $T/crlf.dairy; do
    grep -qx "file $f" "$work/tokens" || { echo "lextokens did not read $f"; exit 1; }
done
$B/editors/lextokens $T/edges.dairy $T/line-ends.dairy $T/crlf.dairy examples/*.dairy stdlib/*.dairy >"$work/tokens-small" || exit 1

# --- the TextMate grammar ---------------------------------------------------
if [ ! -d $T/node_modules/vscode-textmate ] || [ ! -d $T/node_modules/vscode-oniguruma ] ||
   [ $T/package-lock.json -nt $T/node_modules/.package-lock.json ]; then
    (cd $T && npm ci --no-audit --no-fund --loglevel=error) || { echo "npm ci failed in $T"; exit 1; }
fi
out=$(node $T/tmcheck.js $GRAMMAR "$work/tokens" --vim "$work/vim-expect" \
        --golden examples/intro.dairy $T/intro.scopes --golden $T/edges.dairy $T/edges.scopes $update)
rc=$?
printf '%s\n' "$out" | tail -n 40
if [ $rc = 0 ] && printf '%s\n' "$out" | grep -q "^textmate: $nfiles files .* 0 files differ; 2 of 2 scope listings match"; then
    ok "TextMate grammar: $nfiles files, every character against the scanner; exact scopes of intro.dairy and edges.dairy"
else
    bad "TextMate grammar against the scanner"
fi

out=$(node $T/pkgcheck.js editors/vscode); rc=$?
printf '%s\n' "$out"
[ $rc = 0 ] && ok "VS Code extension package" || bad "VS Code extension package"
# each of its checks can fail
cp -r editors/vscode "$work/vscode-mutant"
# $1: what is broken, $2: text the report must hold, $3: file, then the replacements
pkg_mutant() {
    local what=$1 report=$2 file=$3; shift 3
    cp editors/vscode/*.json "$work/vscode-mutant/"
    if mutate "editors/vscode/$file" "$work/vscode-mutant/$file" "$@" &&
       ! node $T/pkgcheck.js "$work/vscode-mutant" >"$work/pkg-mutant" &&
       grep -q -- "$report" "$work/pkg-mutant"; then
        ok "the package check fails with $what"
    else
        bad "the package check does not fail with $what"
    fi
}
pkg_mutant "no .dairy files" "does not claim .dairy files" package.json '".dairy"' '".dry"'
pkg_mutant "// comments" "line comments are not #" language-configuration.json '"lineComment": "#"' '"lineComment": "//"'
pkg_mutant "the grammar under another scope" "scopeName is not source.dairy" \
    package.json '"scopeName": "source.dairy"' '"scopeName": "source.dry"'

# --- Vim --------------------------------------------------------------------
# $1: runtimepath folder, $2: expectations, $3: result file
vimcheck() {
    $vimbin -Es -N -u NONE -i NONE --cmd "set rtp^=$1" -c 'filetype plugin on' -c 'syntax on' \
        --cmd "let g:expect = '$2' | let g:result = '$3'" -S $T/vimcheck.vim </dev/null >/dev/null 2>&1
}
if vimcheck editors/vim "$work/vim-expect" "$work/vim-result" &&
   grep -q "^vim: $nfiles files (0 skipped.* 0 files differ" "$work/vim-result"; then
    cat "$work/vim-result"
    ok "Vim syntax: $nfiles files, every byte column against the scanner"
else
    tail -n 40 "$work/vim-result" 2>/dev/null || echo "vim stopped before its report"
    bad "Vim syntax against the scanner"
fi

# The install of README.md and docs/editors.md: editors/vim as a package in
# a home folder's ~/.vim/pack, Vim started as a user starts it (no vimrc:
# defaults.vim turns on file types and syntax), on a terminal it has not.
home="$work/home"; mkdir -p "$home/.vim/pack/dairy/start"
ln -s "$PWD/editors/vim" "$home/.vim/pack/dairy/start/dairy"
HOME=$home timeout 60 $vimbin -N -i NONE -c 'edit examples/intro.dairy' \
    -c "call writefile([&filetype, &commentstring, synIDattr(synID(12, 1, 1), 'name'),
        synIDattr(synID(12, 6, 1), 'name'), synIDattr(synID(12, 27, 1), 'name')], '$work/pack')" \
    -c 'qall!' </dev/null >/dev/null 2>&1
if [ "$(tr '\n' ' ' <"$work/pack" 2>/dev/null)" = "dairy # %s dairyDecl dairyDeclName dairyUnit " ]; then
    ok "Vim loads editors/vim installed as a package (~/.vim/pack/dairy/start)"
else
    echo "got: $(cat "$work/pack" 2>/dev/null)"; bad "Vim with editors/vim installed as a package"
fi

# --- mutations: each check can fail ------------------------------------------
node $T/tmcheck.js $GRAMMAR "$work/tokens-small" --vim "$work/vim-small" >/dev/null ||
    bad "the small set passes before mutation"
# $1: what is broken, $2: the kind the check must report, then the replacements
tm_mutant() {
    local what=$1 kind=$2; shift 2
    mutate $GRAMMAR "$work/mutant.json" "$@" || { bad "mutation '$what' does not apply"; return; }
    local out; out=$(node $T/tmcheck.js "$work/mutant.json" "$work/tokens-small" \
                       --golden $T/edges.dairy $T/edges.scopes)
    if [ $? = 1 ] && printf '%s\n' "$out" | grep -q "the scanner reads a $kind," &&
       printf '%s\n' "$out" | grep -q "edges.scopes differ"; then
        ok "TextMate check fails with $what"
    else
        printf '%s\n' "$out" | tail -n 5; bad "TextMate check does not fail with $what"
    fi
}
tm_mutant "comments unscoped" "comment" '"comment.line.number-sign.dairy"' '"meta.note.dairy"'
tm_mutant "labels unscoped" "label" '"string.quoted.double.dairy"' '"meta.label.dairy"'
tm_mutant "labels ending at an escaped quote" "label" \
    '"match": "\\\\[\"\\\\n]"' '"match": "\\\\Q"' '"match": "\\\\."' '"match": "\\\\Q"'
tm_mutant "numbers unscoped" "number" '"constant.numeric.dairy"' '"meta.number.dairy"'
tm_mutant "units unscoped" "unit" '"keyword.other.unit.dairy"' '"meta.unit.dairy"'
tm_mutant "units anywhere" "name" '{"include": "#common"}' \
    '{"match": "\\b(?:t|km)\\b", "name": "keyword.other.unit.dairy"}, {"include": "#common"}'
tm_mutant "kinds unscoped" "keyword" '"storage.type.dairy"' '"meta.kind.dairy"'
tm_mutant "declared names unscoped" "declared name" '"entity.name.type.$1.dairy"' '"meta.name.dairy"'
tm_mutant "period a keyword everywhere" "name" '"(?:product|farm|' '"(?:period|product|farm|'

cp -r editors/vim "$work/vim-ok"
# $1: what is broken, $2: text the report must hold, then the replacements
# in syntax/dairy.vim
vim_mutant() {
    local what=$1 report=$2; shift 2
    rm -rf "$work/vim-mutant"; cp -r "$work/vim-ok" "$work/vim-mutant"
    mutate editors/vim/syntax/dairy.vim "$work/vim-mutant/syntax/dairy.vim" "$@" ||
        { bad "Vim mutation '$what' does not apply"; return; }
    rm -f "$work/vim-mutant-result"
    if ! vimcheck "$work/vim-mutant" "$work/vim-small" "$work/vim-mutant-result" &&
       grep -q -- "$report" "$work/vim-mutant-result"; then
        ok "Vim check fails with $what"
    else
        tail -n 5 "$work/vim-mutant-result" 2>/dev/null; bad "Vim check does not fail with $what"
    fi
}
vim_mutant "comments unhighlighted" "scanner reads comment, Vim shows no group" \
    'syn match dairyComment /#.*/' 'syn match dairyComment /#/'
vim_mutant "labels unhighlighted" "scanner reads string" 'syn region dairyString' 'syn region dairyXString'
vim_mutant "numbers unhighlighted" "scanner reads number" 'syn match dairyNumber /' 'syn match dairyXNumber /'
vim_mutant "units unhighlighted" "scanner reads unit" ' nextgroup=dairyUnit skipwhite' ''
vim_mutant "declared names unhighlighted" "scanner reads entity" " nextgroup=dairyDeclName skipwhite'" "'"
vim_mutant "keywords unhighlighted" "scanner reads keyword" "exe 'syn match dairy' . s:group" "exe 'syn match dairyX' . s:group"
vim_mutant "period a keyword everywhere" "scanner reads ident" "\\|let'," "\\|let\\|period',"
rm -rf "$work/vim-mutant"; cp -r "$work/vim-ok" "$work/vim-mutant"; rm "$work/vim-mutant/ftdetect/dairy.vim"
if ! vimcheck "$work/vim-mutant" "$work/vim-small" "$work/vim-mutant-result" &&
   grep -q 'not dairy' "$work/vim-mutant-result"; then
    ok "Vim check fails without ftdetect"
else
    bad "Vim check does not fail without ftdetect"
fi
rm -rf "$work/vim-mutant"; cp -r "$work/vim-ok" "$work/vim-mutant"; rm "$work/vim-mutant/ftplugin/dairy.vim"
if ! vimcheck "$work/vim-mutant" "$work/vim-small" "$work/vim-mutant-result" &&
   grep -q 'commentstring is' "$work/vim-mutant-result"; then
    ok "Vim check fails without the ftplugin"
else
    bad "Vim check does not fail without the ftplugin"
fi

echo "editors: $pass passed, $fail failed"
[ $fail = 0 ]
