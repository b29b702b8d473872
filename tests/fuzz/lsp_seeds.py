#!/usr/bin/env python3
"""Write the seeds of fuzz_lsp (tests/fuzz/lsp_seeds/): sessions in the
harness's script language (see fuzz_lsp.c) built from the test models of
tests/lsp/data/.  Run from the repository root after changing either."""
import os
import struct

out = 'tests/fuzz/lsp_seeds'
os.makedirs(out, exist_ok=True)
A, B, C, U = 0, 1, 2, 3


def text(b):
    b = b[:1500]
    return struct.pack('<H', len(b)) + b


def open_(doc, body):
    return bytes([1, doc]) + text(body)


def change(doc, l0, c0, l1, c1, body, whole=False):
    return bytes([2 | (0x80 if whole else 0), doc, l0, c0, l1, c1]) + text(body)


def req(doc, k, line, ch, ascii_name=False):
    return bytes([3 | (0x80 if ascii_name else 0), doc, k, line, ch])


def raw(body, framed=True):
    return bytes([0 if framed else 0x80, 0]) + text(body)


def read(p):
    with open(p, 'rb') as f:
        return f.read()


cyr = read('tests/lsp/data/кириллица.dairy').replace('лавка.dairy'.encode(), b'b.dairy')
shop = read('tests/lsp/data/лавка.dairy')
csvm = read('tests/lsp/data/csv_error.dairy').replace(b'farms_bad.csv', b'c.csv')
farms = read('tests/lsp/data/farms_bad.csv')
seeds = {
    'cyrillic': open_(B, shop) + open_(A, cyr) +
    b''.join(req(A, k, 7, 10) for k in range(7)) + req(A, 3, 3, 7, True) +
    change(A, 4, 40, 4, 45, 'ма'.encode()) + req(A, 6, 4, 42) +
    change(B, 0, 0, 0, 0, b'', whole=True) + bytes([4, B, 5, 0, 6, 0]),
    'csv': open_(A, csvm) + open_(C, farms) + req(C, 0, 1, 13) + req(C, 0, 0, 20) +
    change(C, 2, 12, 2, 16, b'7_500') + req(C, 2, 2, 2) + req(A, 1, 8, 3),
    'raw': raw(b'{"jsonrpc":"2.0","id":1,"method":') + raw(b'[1,2]') +
    raw(b'{"jsonrpc":"2.0","id":[1],"method":"x"}') +
    raw(b'Content-Length: 5\r\n\r\n{}', framed=False) + bytes([5, 0, 7, 0, 6, 0]),
    'untitled': open_(U, cyr) + req(U, 4, 0, 0) + req(U, 5, 0, 0) +
    change(U, 9, 9, 0, 0, b'\xff\x00"\\') + req(U, 0, 3, 200),
}
for name, data in seeds.items():
    with open(os.path.join(out, name), 'wb') as f:
        f.write(data)
