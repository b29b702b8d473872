#!/usr/bin/env bash
# The HTML report in a real browser (Debian's chromium, headless): for
# examples/intro.dairy, examples/region.dairy, examples/seasons.dairy (a
# year), region's --all-scenarios and a model placed by latitude and
# longitude (tests/golden/run/run_html_geo.dairy), the page that
# `dairy run --format html` writes must
#   - hold the figures of the JSON report: the objective, the milk
#     collected and the shipments as the text tables print them (money with
#     2 decimals, tonnes with 3), and every sentence of `binding`, in the
#     text of the DOM (chromium --dump-dom);
#   - load without a script error or a console message: the page's own
#     recorder leaves data-errors="0" on <html> and no <pre class="js-error">,
#     and chromium's log (--enable-logging=stderr --v=0) has no CONSOLE line;
#   - draw something: its screenshot (--screenshot) is not blank, and shows
#     the blue of the routes or the bars.
# Usage: tests/html.sh BUILD/dairy      (make test-deps installs chromium)
set -u
bin=$(realpath "$1")
root=$(cd "$(dirname "$0")/.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$root"
browser=$(command -v chromium || command -v chromium-browser) || {
    echo "html.sh: chromium is not installed (make test-deps installs it)" >&2
    exit 2
}
# root needs --no-sandbox; a profile of its own keeps runs apart
chrome() {
    timeout 180 "$browser" --headless --no-sandbox --disable-gpu --no-first-run \
        --user-data-dir="$tmp/profile" --enable-logging=stderr --v=0 "$@"
}

pass=0 fail=0
check() { # name, model, run options...
    local name=$1 model=$2
    shift 2
    local page="$tmp/$name.html" json="$tmp/$name.json"
    "$bin" run "$model" "$@" --format html -o "$page" 2>/dev/null
    "$bin" run "$model" "$@" --format json >"$json" 2>/dev/null
    chrome --dump-dom "file://$page" >"$tmp/$name.dom" 2>"$tmp/$name.log"
    chrome --screenshot="$tmp/$name.png" --window-size=1200,1600 "file://$page" \
        >/dev/null 2>>"$tmp/$name.log"
    if python3 - "$json" "$tmp/$name.dom" "$tmp/$name.log" "$tmp/$name.png" <<'EOF'; then
import json, sys, struct, zlib
from html.parser import HTMLParser

jpath, dom_path, log_path, png_path = sys.argv[1:]
errors = []

class Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts, self.skip = [], 0
    def handle_starttag(self, tag, attrs):
        self.skip += tag in ("script", "style")
    def handle_endtag(self, tag):
        self.skip -= tag in ("script", "style")
    def handle_data(self, data):
        if not self.skip:
            self.parts.append(data)

dom = open(dom_path, encoding="utf-8").read()
p = Text()
p.feed(dom)
text = "\n".join(p.parts)
if 'data-errors="0"' not in dom or 'class="js-error"' in dom:
    errors.append("the page recorded a script error")
if "<svg" not in dom:
    errors.append("no SVG in the page")
for line in open(log_path, errors="replace"):
    if "CONSOLE" in line:
        errors.append("console: " + line.strip())

report = json.load(open(jpath))
cases = report.get("scenarios", [report])
for case in cases:
    want = ["%.2f" % case["objective"]]
    for key in ("collection", "shipments"):
        want += ["%.3f" % r["tonnes"] for r in case[key] if r["tonnes"] > 1e-6][:6]
    want += [b["text"] for b in case["binding"]]
    for w in want:
        if w not in text:
            errors.append("not in the page: %r" % w)

# The screenshot: an RGB(A) PNG, unfiltered row by row (PNG filters 0-4).
data = open(png_path, "rb").read()
assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
pos, idat, w = 8, b"", 0
while pos < len(data):
    n, kind = struct.unpack(">I4s", data[pos:pos + 8])
    body = data[pos + 8:pos + 8 + n]
    if kind == b"IHDR":
        w, h, depth, ctype = struct.unpack(">IIBB", body[:10])
        bpp = {2: 3, 6: 4}[ctype]
    elif kind == b"IDAT":
        idat += body
    pos += 12 + n
raw, stride = zlib.decompress(idat), w * bpp
prev, rows = bytearray(stride), []
for y in range(h):
    f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
    for i in range(stride):
        a = line[i - bpp] if i >= bpp else 0
        b, c = prev[i], prev[i - bpp] if i >= bpp else 0
        if f == 1: line[i] = (line[i] + a) & 255
        elif f == 2: line[i] = (line[i] + b) & 255
        elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
        elif f == 4:
            pa, pb, pc = abs(b - c), abs(a - c), abs(a + b - 2 * c)
            line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
    rows.append(line)
    prev = line
ink = blue = 0
for line in rows[::4]:
    for i in range(0, stride, 4 * bpp):
        r, g, b = line[i], line[i + 1], line[i + 2]
        ink += r + g + b < 700
        blue += b > r + 40 and b > 120
total = (h // 4) * (w // 4)
if ink < total * 0.01:
    errors.append("the screenshot is blank (%d of %d pixels inked)" % (ink, total))
if blue < 20:
    errors.append("no routes or bars in the screenshot (%d blue pixels)" % blue)
for e in errors[:10]:
    print("  " + e)
sys.exit(1 if errors else 0)
EOF
        pass=$((pass + 1))
    else
        fail=$((fail + 1))
        echo "FAIL $name"
    fi
}

check intro examples/intro.dairy
check region examples/region.dairy
check seasons examples/seasons.dairy
check region_cases examples/region.dairy --all-scenarios
check geo tests/golden/run/run_html_geo.dairy

echo "html (chromium): $pass passed, $fail failed"
[ "$fail" = 0 ]
