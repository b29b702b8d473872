#!/usr/bin/env python3
"""The language server says what `dairy check` says.

    same_as_check.py DAIRY MODEL...

For each model: `DAIRY check` on its absolute path gives the diagnostics as
text (FILE:LINE:COL: error|warning: MESSAGE, then `hint:` lines, `note:`
lines for related places); `DAIRY lsp`, given the model opened in an editor
(its text from disk), gives publishDiagnostics.  Both are reduced to the
same lines — file, line, column, kind, message with its hints, and each
note with its place — and must be equal.  (Columns: dairy check counts code
points, the server UTF-16 units; the models here have no character beyond
U+FFFF are converted.)  Models that are not UTF-8 text are skipped: JSON
cannot carry them, so no editor sends them.  Prints one line per model that
differs, then a total; exits 1 if any did."""
import json
import os
import re
import subprocess
import sys
import urllib.parse

dairy = sys.argv[1]
root = os.path.realpath(os.path.join(os.path.dirname(__file__), '..', '..'))
env = dict(os.environ, DAIRY_PATH=os.path.join(root, 'stdlib'))
head = re.compile(r'^(.*):(\d+):(\d+): (error|warning|note): (.*)$')


def utf16_col(path, line, col):
    """dairy check's column (code points) as UTF-16 units, 1-based."""
    try:
        with open(path, encoding='utf-8-sig') as f:
            text = f.read().splitlines()[line - 1]
    except (OSError, IndexError, UnicodeDecodeError):
        return col
    return len(text[:col - 1].encode('utf-16-le')) // 2 + 1


def from_check(path):
    p = subprocess.run([dairy, 'check', path], stdout=subprocess.DEVNULL,
                       stderr=subprocess.PIPE, env=env, timeout=60)
    out, cur = [], None
    for line in p.stderr.decode('utf-8', 'replace').split('\n'):
        m = head.match(line)
        if m and m.group(4) != 'note':
            f, ln = os.path.realpath(m.group(1)), int(m.group(2))
            cur = [f, ln, utf16_col(f, ln, int(m.group(3))), m.group(4), m.group(5), []]
            out.append(cur)
        elif m and cur:
            f, ln = os.path.realpath(m.group(1)), int(m.group(2))
            cur[5].append((f, ln, utf16_col(f, ln, int(m.group(3))), m.group(5)))
        elif line.startswith('hint: ') and cur:
            cur[4] += '\n' + line
        elif line.startswith('dairy: error: '):  # no place: the server puts it at 1:1
            cur = [path, 1, 1, 'error', line[len('dairy: error: '):], []]
            out.append(cur)
    return sorted(repr(x) for x in out)


def frame(obj):
    b = json.dumps(obj, ensure_ascii=False).encode('utf-8')
    return b'Content-Length: %d\r\n\r\n' % len(b) + b


def path_of(uri):
    return os.path.realpath(urllib.parse.unquote(uri[len('file://'):]))


def from_lsp(path):
    uri = 'file://' + urllib.parse.quote(path)
    with open(path, encoding='utf-8') as f:
        text = f.read()
    data = frame({'jsonrpc': '2.0', 'id': 1, 'method': 'initialize', 'params': {}})
    data += frame({'jsonrpc': '2.0', 'method': 'textDocument/didOpen', 'params': {
        'textDocument': {'uri': uri, 'languageId': 'dairy', 'version': 1, 'text': text}}})
    data += frame({'jsonrpc': '2.0', 'id': 2, 'method': 'shutdown'})
    data += frame({'jsonrpc': '2.0', 'method': 'exit'})
    p = subprocess.run([dairy, 'lsp'], input=data, stdout=subprocess.PIPE, env=env, timeout=60)
    out, rest = [], p.stdout
    while rest:
        h, _, rest = rest.partition(b'\r\n\r\n')
        n = int(h.split(b':')[1])
        msg, rest = json.loads(rest[:n]), rest[n:]
        if msg.get('method') != 'textDocument/publishDiagnostics':
            continue
        f = path_of(msg['params']['uri'])
        for d in msg['params']['diagnostics']:
            s = d['range']['start']
            notes = [(path_of(r['location']['uri']), r['location']['range']['start']['line'] + 1,
                      r['location']['range']['start']['character'] + 1, r['message'])
                     for r in d.get('relatedInformation', [])]
            out.append([f, s['line'] + 1, s['character'] + 1,
                        'error' if d['severity'] == 1 else 'warning', d['message'], notes])
    return sorted(repr(x) for x in out)


bad = skipped = 0
models = sys.argv[2:]
for m in models:
    path = os.path.realpath(m)
    with open(path, 'rb') as f:
        raw = f.read()
    try:
        raw.decode('utf-8')
        text_ok = b'\0' not in raw
    except UnicodeDecodeError:
        text_ok = False
    if not text_ok:
        skipped += 1
        continue
    a, b = from_check(path), from_lsp(path)
    if a != b:
        bad += 1
        print('differs: %s\n  check: %s\n  lsp:   %s' % (m, a, b))
print('lsp same as check: %d passed, %d failed, %d skipped (not UTF-8 text)'
      % (len(models) - bad - skipped, bad, skipped))
sys.exit(1 if bad else 0)
