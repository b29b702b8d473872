#!/usr/bin/env python3
"""explain cannot drift from the program (tests/explain.sh).

For each case directory given (each holding explain.txt, expand.txt,
model.glp — `dairy emit lp` read back by glpsol --wglp — and page.html):
  - every row and column family explain prints has as many rows or columns
    as the emitted LP has with that name head, and the families sum to the
    LP's row and column counts;
  - every row `explain --expand` prints has the LP's bounds and the same
    set of (column, coefficient); the objective coefficients, the column
    bounds and the integer columns are the LP's;
  - the HTML page is well-formed XML.
Prints one line per failure; exits 1 when any.
"""
import math
import re
import sys
import xml.dom.minidom

INF = math.inf


def read_glp(path):
    """rows {name: [lo, hi, {col: coef}]}, cols {name: [lo, hi, int]}, obj"""
    rows, cols, rname, cname, obj = {}, {}, {}, {}, {}
    rtype, ctype, coefs = {}, {}, []
    mip = False
    for line in open(path):
        t = line.split()
        if not t:
            continue
        if t[0] == 'p':
            mip = t[1] == 'mip'
            nrows, ncols = int(t[3]), int(t[4])
        elif t[0] == 'n' and t[1] == 'i':
            rname[int(t[2])] = t[3]
        elif t[0] == 'n' and t[1] == 'j':
            cname[int(t[2])] = t[3]
        elif t[0] == 'i':
            rtype[int(t[1])] = t[2:]
        elif t[0] == 'j':
            ctype[int(t[1])] = t[2:]
        elif t[0] == 'a':
            coefs.append((int(t[1]), int(t[2]), float(t[3])))

    def bounds(spec, default):
        spec = spec or default
        k, v = spec[0], [float(x) for x in spec[1:]]
        if k == 'f':
            return -INF, INF
        if k == 'l':
            return v[0], INF
        if k == 'u':
            return -INF, v[0]
        if k == 'd':
            return v[0], v[1]
        return v[0], v[0]

    for i in range(1, nrows + 1):
        lo, hi = bounds(rtype.get(i), ['s', '0'])
        rows[rname.get(i, 'r%d' % i)] = [lo, hi, {}]
    for j in range(1, ncols + 1):
        # a column without a `j` line: `l 0` in an LP, binary in a MIP
        spec = list(ctype.get(j, ['b'] if mip else []))
        integer = False
        if mip and spec and spec[0] in ('c', 'i', 'b'):
            kind = spec.pop(0)
            integer = kind in ('i', 'b')
            if kind == 'b':
                spec = ['d', '0', '1']
        lo, hi = bounds(spec, ['l', '0'])
        cols[cname.get(j, 'c%d' % j)] = [lo, hi, integer]
    ranged = {}
    for i, j, v in coefs:
        name = cname.get(j, 'c%d' % j)
        if i == 0:
            obj[name] = v
        elif name.startswith('~r_'):
            ranged[i] = name
        else:
            rows[rname.get(i, 'r%d' % i)][2][name] = v
    # GLPK's LP writer gives a ranged row as `expr - ~r_i = lo`, 0 <= ~r_i <= hi - lo
    for i, name in ranged.items():
        row = rows[rname[i]]
        lo, hi = cols.pop(name)[:2]
        row[0], row[1] = row[0] + lo, row[1] + hi
    for name in [c for c in cols if c.startswith('~r_')]:
        del cols[name]
    return rows, cols, obj


def logical_lines(path):
    out = []
    for line in open(path):
        line = line.rstrip('\n')
        if line.startswith('      ') and out:
            out[-1] += line.strip() if out[-1].endswith(' ') else ' ' + line.strip()
        else:
            out.append(line)
    return out


def parse_terms(tok):
    """[sign coef? name]... up to a relation; returns (terms, rest)"""
    terms, k = {}, 0
    while k < len(tok) and tok[k] in ('+', '-'):
        sign = -1.0 if tok[k] == '-' else 1.0
        k += 1
        coef = 1.0
        if re.match(r'^[0-9.]', tok[k]) and k + 1 < len(tok) and tok[k + 1] not in ('+', '-', '<=', '>=', '='):
            coef = float(tok[k])
            k += 1
        terms[tok[k]] = sign * coef
        k += 1
    if not terms and k < len(tok) and tok[k] == '0':
        k += 1
    return terms, tok[k:]


def relation(rest, lo):
    if not rest or rest[0] == 'free':
        return lo, INF
    v = float(rest[1])
    return {'<=': (lo, v), '>=': (v, INF), '=': (v, v)}[rest[0]]


def read_expand(path):
    lines = logical_lines(path)
    start = next(i for i, l in enumerate(lines) if l.startswith('The program, row by row'))
    rows, cols, obj, part = {}, {}, {}, None
    for line in lines[start + 1:]:
        body = line.strip()
        if re.match(r'^(maximize|minimize) ', body):
            obj, _ = parse_terms(body.split(':', 1)[1].split())
            part = 'obj'
        elif body in ('subject to', 'bounds'):
            part = body
        elif part == 'subject to' and ': ' in body:
            name, rest = body.split(': ', 1)
            tok = rest.split()
            lo = -INF
            if len(tok) > 1 and tok[1] == '<=' and tok[0] not in ('+', '-'):
                lo, tok = float(tok[0]), tok[2:]
            terms, rest = parse_terms(tok)
            lo, hi = relation(rest, lo)
            rows[name] = [lo, hi, terms]
        elif part == 'bounds' and body:
            tok = body.split()
            integer = tok[-1] == 'integer'
            tok = tok[:-1] if integer else tok
            lo = -INF
            if len(tok) > 1 and tok[1] == '<=':
                lo, tok = float(tok[0]), tok[2:]
            lo, hi = relation(tok[1:], lo)
            cols[tok[0]] = [lo, hi, integer]
    return rows, cols, obj


def close(a, b):
    return a == b or abs(a - b) <= 1e-9 * max(1.0, abs(a), abs(b))


def families(path):
    fam = []
    for line in open(path):
        m = re.match(r'^  (\S+)  .*, (\d+) (row|column)s?$', line.rstrip('\n'))
        if m:
            fam.append((m.group(1).split('(')[0], int(m.group(2)), m.group(3)))
    return fam


def check(case):
    errs = []
    rows, cols, obj = read_glp(case + '/model.glp')
    fam = families(case + '/explain.txt')
    for what, have in (('row', rows), ('column', cols)):
        printed = [(h, n) for h, n, w in fam if w == what]
        if sum(n for _, n in printed) != len(have):
            errs.append('%ss: explain counts %d, the LP has %d'
                        % (what, sum(n for _, n in printed), len(have)))
        for head, n in printed:
            real = sum(1 for name in have if name == head or name.startswith(head + '('))
            if real != n:
                errs.append('%s family %s: explain counts %d, the LP has %d' % (what, head, n, real))
    erows, ecols, eobj = read_expand(case + '/expand.txt')
    if set(erows) != set(rows):
        errs.append('rows differ: %s' % sorted(set(erows) ^ set(rows))[:5])
    for name in set(erows) & set(rows):
        (elo, ehi, et), (lo, hi, t) = erows[name], rows[name]
        if et != t:
            errs.append('row %s: coefficients %s, the LP has %s' % (name, et, t))
        if not (close(elo, lo) and close(ehi, hi)):
            errs.append('row %s: bounds %s..%s, the LP has %s..%s' % (name, elo, ehi, lo, hi))
    if ecols != cols:
        errs.append('column bounds differ: %s' % sorted(
            n for n in set(ecols) | set(cols) if ecols.get(n) != cols.get(n))[:5])
    if eobj != obj:
        errs.append('objective differs: %s' % sorted(
            n for n in set(eobj) | set(obj) if eobj.get(n) != obj.get(n))[:5])
    try:
        xml.dom.minidom.parse(case + '/page.html')
    except Exception as e:  # noqa: BLE001 - any parse error is the failure
        errs.append('page.html is not well-formed: %s' % e)
    return errs


def main():
    fail = 0
    for case in sys.argv[1:]:
        label = open(case + '/label').read().strip()
        for e in check(case):
            print('FAIL %s: %s' % (label, e))
            fail += 1
    return 1 if fail else 0


if __name__ == '__main__':
    sys.exit(main())
