#!/usr/bin/env node
// pkgcheck.js — editors/vscode is an extension VS Code can load from a
// folder (~/.vscode/extensions/dairy): what VS Code reads of package.json
// and language-configuration.json is there, consistent and well-formed.
//
//   node pkgcheck.js EXTENSION_DIR
//
// Prints one line per failed requirement and a summary; exit 1 on a failure.
'use strict';
const fs = require('fs');
const path = require('path');

const dir = process.argv[2];
if (!dir) {
    console.error('usage: pkgcheck.js EXTENSION_DIR');
    process.exit(2);
}
let passed = 0, failed = 0;
function check(ok, what) {
    if (ok) passed++;
    else {
        failed++;
        console.log(`${dir}: ${what}`);
    }
}
function readJson(file) {
    try {
        return JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8'));
    } catch (e) {
        check(false, `${file}: ${e.message}`);
        return null;
    }
}

const pkg = readJson('package.json') || {};
// VS Code refuses an extension without these (its manifest validation)
for (const key of ['name', 'publisher', 'version'])
    check(typeof pkg[key] === 'string' && pkg[key] !== '', `package.json has no "${key}"`);
check(/^[a-z0-9][a-z0-9-]*$/.test(pkg.name || ''), 'package.json: "name" is not lower case letters, digits and -');
check(/^\d+\.\d+\.\d+$/.test(pkg.version || ''), 'package.json: "version" is not x.y.z');
check(/^\^?\d+\.\d+\.\d+$/.test((pkg.engines || {}).vscode || ''), 'package.json: no "engines.vscode" version');
check(!('main' in pkg) && !('browser' in pkg), 'package.json names code to run: this extension is declarative');

const contrib = pkg.contributes || {};
const langs = (contrib.languages || []).filter((l) => l.id === 'dairy');
check(langs.length === 1, 'contributes.languages has no (or more than one) "dairy"');
const lang = langs[0] || {};
check((lang.extensions || []).includes('.dairy'), 'the dairy language does not claim .dairy files');

const grammars = (contrib.grammars || []).filter((g) => g.language === 'dairy');
check(grammars.length === 1, 'contributes.grammars has no (or more than one) grammar for dairy');
const gr = grammars[0] || {};
check(gr.scopeName === 'source.dairy', 'the grammar\'s scopeName is not source.dairy');
if (gr.path && fs.existsSync(path.join(dir, gr.path))) {
    const g = readJson(gr.path) || {};
    check(g.scopeName === 'source.dairy', `${gr.path}: scopeName is not source.dairy`);
    check(Array.isArray(g.patterns) && g.patterns.length > 0, `${gr.path}: no patterns`);
    // every #name the grammar includes is in its repository
    const repo = g.repository || {};
    const missing = new Set();
    (function walk(x) {
        if (Array.isArray(x)) x.forEach(walk);
        else if (x && typeof x === 'object') {
            if (typeof x.include === 'string' && x.include.startsWith('#') && !(x.include.slice(1) in repo))
                missing.add(x.include);
            Object.values(x).forEach(walk);
        }
    })(g);
    check(missing.size === 0, `${gr.path}: includes what its repository lacks: ${[...missing].join(', ')}`);
} else check(false, `the grammar file ${gr.path} is missing`);

if (lang.configuration && fs.existsSync(path.join(dir, lang.configuration))) {
    const conf = readJson(lang.configuration) || {};
    check((conf.comments || {}).lineComment === '#', 'language-configuration: line comments are not #');
    const pairs = (conf.brackets || []).map((b) => b.join(''));
    for (const p of ['{}', '[]', '()'])
        check(pairs.includes(p), `language-configuration: ${p} is not a bracket pair`);
    const closing = (conf.autoClosingPairs || []).map((p) => (p.open || p[0]) + (p.close || p[1]));
    for (const p of ['{}', '[]', '()', '""'])
        check(closing.includes(p), `language-configuration: ${p} does not close itself`);
    // the word VS Code selects on a double click is a whole name or number
    let word = null;
    try {
        word = new RegExp(`^(?:${conf.wordPattern})$`, 'u');
    } catch (e) {
        check(false, `language-configuration: wordPattern: ${e.message}`);
    }
    if (word)
        for (const w of ['north', 'city_dairy', 'Смолевичи_1', '_x2', '9_000', '1.5e6'])
            check(word.test(w), `language-configuration: wordPattern does not take \`${w}\` whole`);
    for (const key of ['increaseIndentPattern', 'decreaseIndentPattern']) {
        let re = null;
        try {
            re = new RegExp((conf.indentationRules || {})[key]);
        } catch (e) {
            check(false, `language-configuration: ${key}: ${e.message}`);
        }
        if (re && key === 'increaseIndentPattern') {
            check(re.test('plant city_dairy "City Dairy" {'), 'a line opening a block does not indent the next');
            check(!re.test('farm north { supply 9_000 t }'), 'a block closed on its line indents the next');
            check(!re.test('# a comment {'), 'a comment with a brace indents the next line');
        }
        if (re && key === 'decreaseIndentPattern')
            check(re.test('  }') && !re.test('  supply 9 t'), 'a closing brace does not outdent');
    }
} else check(false, `the language configuration ${lang.configuration} is missing`);

console.log(`vscode package: ${passed} checks passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
