#!/usr/bin/env node
// tmcheck.js — tokenize .dairy files with the TextMate grammar of
// editors/vscode the way VS Code does (vscode-textmate on the Oniguruma
// WebAssembly build) and compare every character's scope with what the
// real scanner (src/lexer.l, through lextokens) says it is.
//
//   node tmcheck.js GRAMMAR TOKENS [--vim OUT] [--golden MODEL GOLDEN]... [--update]
//
// TOKENS is lextokens' output for the files to check.  Each character of a
// token must get the scope of its kind, and no other character may: a
// comment is comment.line.number-sign, a label string.quoted.double, a
// number constant.numeric, a unit keyword.other.unit, a keyword one of the
// keyword scopes, a declared name entity.name; names, operators and
// punctuation get theirs (CATEGORY below).  --vim writes the same
// expectations by byte column for tests/editors/vimcheck.vim.  --golden
// compares the exact scopes of one file with a committed listing
// (--update rewrites the listings).
'use strict';
const fs = require('fs');
const path = require('path');
const vsctm = require('vscode-textmate');
const onig = require('vscode-oniguruma');

// The grammar's scopes, by kind: the first that a character's scope stack
// matches (innermost scope last) decides its category.
const CATEGORY = [
    ['comment', /^comment\.line\.number-sign\./],
    ['string', /^string\.quoted\.double\./],
    ['unit', /^keyword\.other\.unit\./],
    ['number', /^constant\.numeric\./],
    ['keyword', /^(keyword\.control\.|keyword\.other\.|keyword\.operator\.word\.|storage\.type\.|constant\.language\.)/],
    ['operator', /^keyword\.operator\./],
    ['entity', /^entity\.name\./],
    ['support', /^support\./],
    ['punct', /^punctuation\./],
];

function grammarCategory(scopes) {
    for (const [cat, re] of CATEGORY)
        for (const s of scopes)
            if (re.test(s)) return cat;
    return 'none';
}

// What the grammar may say for a character the scanner put in a token of
// this category (or outside every token: "plain", and "semi" for a `;` the
// scanner swallowed because the statement goes on).
const ALLOWED = {
    comment: ['comment'], string: ['string'], number: ['number'], unit: ['unit'],
    keyword: ['keyword'], entity: ['entity'], operator: ['operator'], punct: ['punct'],
    ident: ['none', 'support'], plain: ['none'], semi: ['punct', 'none'],
};

const CLASS_CATEGORY = {
    kw: 'keyword', ctxkw: 'keyword', ident: 'ident', number: 'number', unit: 'unit',
    string: 'string', comment: 'comment', sign: 'operator', arith: 'operator',
    compare: 'operator', assign: 'operator', dotdot: 'operator', percent: 'operator',
    lbrace: 'punct', rbrace: 'punct', lparen: 'punct', rparen: 'punct', lbrack: 'punct',
    rbrack: 'punct', comma: 'punct', dot: 'punct', sep: 'punct',
};

// Kinds whose top-level declaration names something: `farm north`,
// `let r`, `period may`, `currency BYN`; and the lists `periods a, b`.
const NAMING = new Set(['product', 'farm', 'plant', 'market', 'segment', 'strategy',
    'scenario', 'let', 'period', 'currency']);
const LISTING = new Set(['periods', 'components', 'grades']);

function readTokens(file) {
    const files = [];
    let cur = null;
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
        if (!line) continue;
        const f = line.split(' ');
        if (f[0] === 'file') {
            cur = { path: line.slice(5), toks: [] };
            files.push(cur);
        } else if (f[0] === 'skip') {
            files.push({ path: line.slice(5), skip: true });
        } else {
            if (!cur || !(f[0] in CLASS_CATEGORY)) throw new Error(`${file}: bad line: ${line}`);
            cur.toks.push({ cls: f[0], lo: +f[1], hi: +f[2] });
        }
    }
    return files;
}

// The expected category of every byte of the file, from its tokens.
// Declared names are found as the scanner's own rule for declaration words
// finds a statement's start: outside braces and parentheses, after the
// start of the file or a statement's end.
function expectedBytes(buf, toks) {
    const cat = new Array(buf.length).fill(null);
    let brace = 0, paren = 0, last = null, naming = false, listing = false;
    for (const t of toks) {
        const text = buf.toString('latin1', t.lo, t.hi);
        let c = CLASS_CATEGORY[t.cls];
        if (t.cls === 'comment') {
            for (let i = t.lo; i < t.hi; i++) cat[i] = c;
            continue; // comments are not tokens to the parser
        }
        const start = brace === 0 && paren === 0 && (last === null || last === 'sep');
        if (t.cls === 'ident' && (naming || listing)) c = 'entity';
        naming = start && (t.cls === 'kw' || t.cls === 'ctxkw') && NAMING.has(text);
        if (start) listing = (t.cls === 'ctxkw' && LISTING.has(text));
        else if (t.cls === 'sep') listing = false;
        if (t.cls === 'lbrace') brace++;
        if (t.cls === 'rbrace' && brace > 0) brace--;
        if (t.cls === 'lparen') paren++;
        if (t.cls === 'rparen' && paren > 0) paren--;
        last = t.cls;
        if (t.cls === 'sep' && text !== ';') continue; // a line end
        for (let i = t.lo; i < t.hi; i++) cat[i] = c;
    }
    for (let i = 0; i < buf.length; i++) {
        if (cat[i] !== null) continue;
        const b = buf[i];
        if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
        if (b >= 0x80 && b < 0xc0) continue; // the rest of a character
        cat[i] = b === 0x3b ? 'semi' : 'plain';
    }
    return cat;
}

// Lines as the scanner ends them (LF, CRLF or a lone CR), by byte range;
// a byte order mark is not part of the first line's text.
function splitLines(buf) {
    const lines = [];
    let s = buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf ? 3 : 0;
    let i = s;
    while (i <= buf.length) {
        if (i === buf.length || buf[i] === 0x0a || buf[i] === 0x0d) {
            lines.push({ lo: s, hi: i });
            if (i === buf.length) break;
            i += buf[i] === 0x0d && buf[i + 1] === 0x0a ? 2 : 1;
            s = i;
        } else i++;
    }
    return lines;
}

// For each UTF-16 index of the line's text, the byte offset of its character.
function utf16ToByte(buf, line) {
    const map = [];
    let i = line.lo;
    while (i < line.hi) {
        const b = buf[i];
        const n = b < 0x80 ? 1 : b < 0xe0 ? 2 : b < 0xf0 ? 3 : 4;
        map.push(i);
        if (n === 4) map.push(i); // a surrogate pair
        i += n;
    }
    return map;
}

async function loadGrammar(grammarPath) {
    const wasm = fs.readFileSync(path.join(path.dirname(require.resolve('vscode-oniguruma')), 'onig.wasm'));
    const onigLib = onig.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength)).then(() => ({
        createOnigScanner: (p) => new onig.OnigScanner(p),
        createOnigString: (s) => new onig.OnigString(s),
    }));
    const registry = new vsctm.Registry({
        onigLib,
        loadGrammar: async (scope) => scope === 'source.dairy'
            ? vsctm.parseRawGrammar(fs.readFileSync(grammarPath, 'utf8'), grammarPath) : null,
    });
    const g = await registry.loadGrammar('source.dairy');
    if (!g) throw new Error(`${grammarPath}: no grammar for source.dairy`);
    return g;
}

// The grammar's tokens of each line: [{text, tokens: [{startIndex, endIndex, scopes}]}].
function tokenize(grammar, buf, lines) {
    let stack = vsctm.INITIAL;
    return lines.map((ln) => {
        const text = buf.toString('utf8', ln.lo, ln.hi);
        const r = grammar.tokenizeLine(text, stack, 0);
        if (r.stoppedEarly) throw new Error('tokenizing stopped early');
        stack = r.ruleStack;
        return { text, tokens: r.tokens };
    });
}

function lineCol(lines, off) {
    let l = 0;
    while (l + 1 < lines.length && lines[l + 1].lo <= off) l++;
    return [l + 1, off - lines[l].lo + 1];
}

const NAMES = {
    comment: 'comment', string: 'label', number: 'number', unit: 'unit', keyword: 'keyword',
    entity: 'declared name', operator: 'operator', punct: 'punctuation', ident: 'name',
    plain: 'character outside every token', semi: '`;`',
};

function checkFile(grammar, f, stats, vimOut) {
    const buf = fs.readFileSync(f.path);
    const cat = expectedBytes(buf, f.toks);
    const lines = splitLines(buf);
    const tok = tokenize(grammar, buf, lines);
    const bad = [];
    for (let l = 0; l < lines.length; l++) {
        const map = utf16ToByte(buf, lines[l]);
        const { text, tokens } = tok[l];
        let ti = 0;
        for (let u = 0; u < map.length; u++) {
            const want = cat[map[u]];
            if (want === null || (u > 0 && map[u] === map[u - 1])) continue;
            while (ti + 1 < tokens.length && tokens[ti].endIndex <= u) ti++;
            const got = grammarCategory(tokens[ti].scopes);
            stats.chars++;
            stats.byCat[want] = (stats.byCat[want] || 0) + 1;
            if (!ALLOWED[want].includes(got)) {
                // one report per scanner token (or stray character)
                const key = `${l}:${want}:${got}`;
                if (bad.length && bad[bad.length - 1].key === key && bad[bad.length - 1].u + 1 === u) {
                    bad[bad.length - 1].u = u;
                    bad[bad.length - 1].text += text[u];
                    continue;
                }
                bad.push({ key, u, line: l + 1, col: u + 1, want, got, text: text[u],
                    scopes: tokens[ti].scopes.slice(1).join(' ') || 'source.dairy' });
            }
        }
    }
    for (const b of bad)
        console.log(`${f.path}:${b.line}:${b.col}: \`${b.text}\`: the scanner reads a ${NAMES[b.want]}, the grammar scopes it ${b.scopes} (${b.got})`);
    if (vimOut) vimExpect(buf, lines, cat, f.path, vimOut);
    return bad.length;
}

// For Vim: the file, how to read it (its line ends), then runs of byte
// columns of one category: "LINE FROMCOL TOCOL CATEGORY", TOCOL exclusive.
function vimExpect(buf, lines, cat, file, out) {
    const s = buf.toString('latin1');
    const crlf = /\r\n/.test(s), lonecr = /\r(?!\n)/.test(s), lf = /(^|[^\r])\n/.test(s);
    const ff = lonecr ? (crlf || lf ? null : 'mac') : crlf && !lf ? 'dos' : 'unix';
    if (!ff) {
        out.push(`skip ${file}`);
        return;
    }
    out.push(`file ${ff} ${file}`);
    for (let l = 0; l < lines.length; l++) {
        // in Vim the first line starts after a byte order mark too
        const base = lines[l].lo;
        let run = null;
        for (let i = lines[l].lo; i <= lines[l].hi; i++) {
            const c = i < lines[l].hi ? cat[i] : null;
            const cont = i < lines[l].hi && buf[i] >= 0x80 && buf[i] < 0xc0;
            if (cont && run) continue;
            if (run && c === run.cat) continue;
            if (run) out.push(`${l + 1} ${run.from - base + 1} ${i - base + 1} ${run.cat}`);
            run = c === null ? null : { from: i, cat: c };
        }
    }
}

// The exact listing of one file's scopes: a line per grammar token, text
// and scopes, for a reviewer to read and a golden file to hold.
function listing(grammar, file) {
    const buf = fs.readFileSync(file);
    const lines = splitLines(buf);
    const out = [];
    tokenize(grammar, buf, lines).forEach(({ text, tokens }, l) => {
        for (const t of tokens) {
            const s = text.slice(t.startIndex, t.endIndex);
            if (!s.trim() && t.scopes.length === 1) continue;
            out.push(`${l + 1}:${t.startIndex + 1} ${JSON.stringify(s)} ${t.scopes.slice(1).join(' ') || '-'}`);
        }
    });
    return out.join('\n') + '\n';
}

async function main(argv) {
    const [grammarPath, tokensPath] = argv;
    if (!grammarPath || !tokensPath) {
        console.error('usage: tmcheck.js GRAMMAR TOKENS [--vim OUT] [--golden MODEL GOLDEN]... [--update]');
        return 2;
    }
    const opt = { update: false, goldens: [] };
    for (let i = 2; i < argv.length; i++) {
        if (argv[i] === '--vim') opt.vim = argv[++i];
        else if (argv[i] === '--golden') { opt.goldens.push([argv[i + 1], argv[i + 2]]); i += 2; }
        else if (argv[i] === '--update') opt.update = true;
        else throw new Error(`unknown argument ${argv[i]}`);
    }
    const grammar = await loadGrammar(grammarPath);
    const files = readTokens(tokensPath);
    const stats = { chars: 0, byCat: {} };
    const vimOut = opt.vim ? [] : null;
    let failed = 0, skipped = 0, checked = 0;
    for (const f of files) {
        if (f.skip) { skipped++; continue; }
        checked++;
        if (checkFile(grammar, f, stats, vimOut) > 0) failed++;
    }
    if (vimOut) fs.writeFileSync(opt.vim, vimOut.join('\n') + '\n');
    const goldenBad = [];
    for (const [model, golden] of opt.goldens) {
        const got = listing(grammar, model);
        if (opt.update) fs.writeFileSync(golden, got);
        const want = fs.existsSync(golden) ? fs.readFileSync(golden, 'utf8') : '';
        if (got !== want) {
            goldenBad.push(path.basename(golden));
            const g = got.split('\n'), w = want.split('\n');
            let i = 0;
            while (i < g.length && g[i] === w[i]) i++;
            console.log(`${golden}: the scopes of ${model} differ first at entry ${i + 1}:`);
            console.log(`  expected: ${w[i] ?? '(end)'}\n  got:      ${g[i] ?? '(end)'}`);
        }
    }
    // a kind never seen would make its check vacuous
    const unseen = Object.keys(ALLOWED).filter((k) => !['plain', 'semi'].includes(k) && !stats.byCat[k]);
    if (unseen.length) console.log(`no ${unseen.join(', ')} in the files checked`);
    const per = Object.keys(stats.byCat).sort().map((k) => `${k} ${stats.byCat[k]}`).join(', ');
    console.log(`textmate: ${checked} files (${skipped} not UTF-8, skipped), ${stats.chars} characters against the scanner (${per}); ${failed} files differ; ${opt.goldens.length - goldenBad.length} of ${opt.goldens.length} scope listings match${goldenBad.length ? ` (${goldenBad.join(', ')} differ)` : ''}`);
    return failed || goldenBad.length || unseen.length ? 1 : 0;
}

main(process.argv.slice(2)).then((rc) => process.exit(rc), (e) => {
    console.error(`tmcheck: ${e.stack || e}`);
    process.exit(2);
});
