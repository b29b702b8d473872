#!/usr/bin/env python3
"""Run `dairy lsp` on a case: one JSON-RPC message a line in, one a line out.

    frame.py DAIRY CASE.in      prints the server's messages, one a line

Lines of CASE.in are framed with Content-Length and piped to `DAIRY lsp`;
`${ROOT}` in them is the repository's absolute path (URIs must be
absolute), and the same path in the output is written back as `${ROOT}`, so
the expected files do not depend on where the repository is.  A line
starting with `#` is a comment; `${TEXT:path}` is the contents of a
repository file as the inside of a JSON string; a line `RAW <text>` is sent as it is,
without framing (to test broken headers; `\\r\\n` in it are CR LF).  The
server's exit status is the last line, as `exit N`."""
import json
import os
import re
import subprocess
import sys

root = os.path.realpath(os.path.join(os.path.dirname(__file__), '..', '..'))
dairy, case = sys.argv[1], sys.argv[2]
data = b''
with open(case, encoding='utf-8') as f:
    for line in f:
        line = line.rstrip('\n')
        if not line or line.startswith('#'):
            continue
        if line.startswith('RAW '):
            data += line[4:].replace('\\r', '\r').replace('\\n', '\n').encode()
            continue
        # ${TEXT:path}: the file's contents as a JSON string (without quotes)
        line = re.sub(r'\$\{TEXT:([^}]*)\}', lambda m: json.dumps(
            open(os.path.join(root, m.group(1)), encoding='utf-8').read(),
            ensure_ascii=False)[1:-1], line)
        body = line.replace('${ROOT}', root).encode('utf-8')
        data += b'Content-Length: %d\r\n\r\n' % len(body) + body
env = dict(os.environ, DAIRY_PATH=os.path.join(root, 'stdlib'))
p = subprocess.run([dairy, 'lsp'], input=data, stdout=subprocess.PIPE, env=env, timeout=60)
out = p.stdout
while out:
    head, sep, rest = out.partition(b'\r\n\r\n')
    if not sep or not head.startswith(b'Content-Length: '):
        print('BAD FRAME: %r' % out[:80])
        break
    n = int(head[len(b'Content-Length: '):])
    print(rest[:n].decode('utf-8').replace(root, '${ROOT}'))
    out = rest[n:]
print('exit %d' % p.returncode)
