#!/usr/bin/env python3
"""gen_customers.py [N OUT [--crlf] [--bom]]: N customers for the SQL
agreement test (tests/sql/agree.sh) in OUT, deterministic (fixed seed).
Without arguments it writes tests/sql/data/customers.csv, 2,000 customers
with LF line ends (run it from the repository root); agree.sh writes
100,000 more at test time with --crlf (CRLF line ends) and --bom (a UTF-8
byte order mark first), as spreadsheets save "CSV UTF-8".

The file is read as every loader reads it: empty cells (`,,`), quoted empty
cells (`""`), spaces and tabs around numbers and text, a text cell of only
blanks (all missing for dairy), quoted numbers, quoted commas ("Minsk,
centre").  Never a numeric cell of only blanks: PostgreSQL's COPY refuses
it (docs/cli.md, `dairy emit sql`).

The hard cases, on purpose: heavy ties (small integer ranges, repeated
amounts), so quintile boundaries fall inside runs of equal values; missing
cells in every attribute; zero frequencies (x / 0 is missing); Cyrillic
header names and text; text with commas and quotes; ids that look like
numbers; recency in weeks near 30 days (30/7 written with 15-17 digits, so
the conversion to days lands on both sides of 30); shares of exactly 30 %
(0.3, below the double 0.1 + 0.2); butter in kg around 700 kg = 0.7 t;
negative scores and -0."""
import random
import sys

args = [a for a in sys.argv[1:] if not a.startswith("--")]
N = int(args[0]) if args else 2000
OUT = args[1] if len(args) > 1 else "tests/sql/data/customers.csv"
EOL = "\r\n" if "--crlf" in sys.argv else "\n"
BOM = "\ufeff" if "--bom" in sys.argv else ""
rng = random.Random(20270101)
rows = []
near30 = ["4.2857142857142856", "4.285714285714286", "4.2857142857142865",
          "4.28571428571428", "4.2857142857142847", "4.29", "4.28"]
amounts = [0, 12500, 35400, 99999.5, 150000, 161500, 167600, 250000, 788200, 900000]
channels = ["магазин", "кафе", "школа", "HoReCa", "-", "магазин, сеть", 'кафе "Ёлка"',
            "retail", "Minsk, centre", " кафе", "школа\t", "   "]
QUOTED_EMPTY = "\0"   # written as "", read as an empty cell


def spell(num):
    """A number cell as people and programs write it: mostly plain, some
    with blanks around, some quoted, an empty one sometimes quoted."""
    if num == "":
        return QUOTED_EMPTY if rng.random() < 0.3 else ""
    u = rng.random()
    if u < 0.03:
        return " " + num + " "
    if u < 0.04:
        return "\t" + num
    if u < 0.06:
        return '"' + num + '"'
    return num

for i in range(1, N + 1):
    cid = "k%04d" % i
    if i % 397 == 0:
        cid = "%03d" % (i // 397)          # 001, 002, ...: text, as written
    if i == 1000:
        cid = "1e3"
    if i == 1500:
        cid = "Иванов, ООО"
    if i == 1501:
        cid = 'say "hi"'
    u = rng.random()
    if u < 0.05:
        rec = ""
    elif u < 0.15:
        rec = rng.choice(near30)
    elif u < 0.18:
        rec = rng.choice(["0", "-0", "0.5"])
    else:
        rec = str(rng.randint(0, 40))
    u = rng.random()
    freq = "" if u < 0.04 else ("0" if u < 0.10 else str(rng.randint(1, 12)))
    u = rng.random()
    if u < 0.05:
        mon = ""
    elif u < 0.60:
        mon = str(rng.choice(amounts))
    else:
        mon = "%.2f" % (rng.randint(0, 90000000) / 100)
    u = rng.random()
    chan = "" if u < 0.06 else rng.choice(channels)
    u = rng.random()
    if u < 0.05:
        share = ""
    elif u < 0.20:
        share = "30"
    else:
        share = str(rng.choice([0, 5, 10, 29.5, 30.5, 45, 60, 100]))
    u = rng.random()
    if u < 0.08:
        butter = ""
    elif u < 0.25:
        butter = "700"
    else:
        butter = str(rng.choice([0, 100, 250, 699.9, 700.1, 1000, 2500, 5000]))
    u = rng.random()
    if u < 0.05:
        score = ""
    else:
        score = str(rng.choice([-3, -1.5, -0.0, 0, 0.25, 1, 2, 2, 3, 7.75]))
    rows.append([cid, spell(rec), spell(freq), spell(mon), chan, spell(share), spell(butter),
                 spell(score)])


def cell(s):
    if s == QUOTED_EMPTY:
        return '""'
    if s.startswith('"') and s.endswith('"') and len(s) > 1:
        return s   # a quoted number, spelt so on purpose
    if any(c in s for c in ',"\n\r'):
        return '"' + s.replace('"', '""') + '"'
    return s


with open(OUT, "w", encoding="utf-8", newline="") as f:
    f.write(BOM + "id,recency[weeks],frequency,monetary[BYN],канал,share[%],butter[kg],оценка"
            + EOL)
    for r in rows:
        f.write(",".join(cell(c) for c in r) + EOL)
