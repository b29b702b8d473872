/* lsp_pos.c — protocol positions (line, UTF-16 character) and byte offsets.
 *
 * The protocol counts characters in UTF-16 code units: a Cyrillic letter is
 * one unit (two UTF-8 bytes), a character beyond U+FFFF two units (four
 * bytes).  Text that is not UTF-8 (a CSV file with a stray byte) counts a
 * byte a unit, so that every offset still has a position.  A UTF-8 byte
 * order mark is not text: editors drop it, and dairy check counts no
 * column for it, so the first line starts after it. */
#include "lsp.h"

#include "text.h"
#include "xalloc.h"

#include <string.h>

static bool line_end(const char *t, size_t len, size_t i)
{
    return t[i] == '\n' || (t[i] == '\r' && (i + 1 >= len || t[i + 1] != '\n'));
}

uint32_t *lsp_line_starts(const char *text, size_t len, size_t *n)
{
    size_t k = 1;
    for (size_t i = 0; i < len; i++)
        k += line_end(text, len, i);
    uint32_t *s = xmalloc(k * sizeof *s);
    *n = 0;
    bool bom = len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0;
    s[(*n)++] = bom ? 3 : 0;
    for (size_t i = 0; i < len; i++)
        if (line_end(text, len, i))
            s[(*n)++] = (uint32_t)(i + 1);
    return s;
}

/* End of line li's text (before its line break). */
static size_t line_stop(const char *text, size_t len, const uint32_t *starts, size_t nlines,
                        size_t li)
{
    size_t e = li + 1 < nlines ? starts[li + 1] : len;
    while (e > starts[li] && (text[e - 1] == '\n' || text[e - 1] == '\r'))
        e--;
    return e;
}

/* One character at text[i..stop): its bytes and UTF-16 units. */
static size_t step(const char *text, size_t i, size_t stop, uint32_t *units)
{
    size_t k = text_utf8_char(text + i, stop - i, NULL);
    if (k == 0)
        k = 1;
    *units = k == 4 ? 2 : 1;
    return k;
}

size_t lsp_offset(const char *text, size_t len, const uint32_t *starts, size_t nlines,
                  LspPos pos)
{
    if (pos.line >= nlines)
        return len;
    size_t i = starts[pos.line];
    size_t stop = line_stop(text, len, starts, nlines, pos.line);
    uint32_t u = 0;
    while (i < stop) {
        uint32_t w;
        size_t k = step(text, i, stop, &w);
        if (u + w > pos.character)
            break;
        u += w;
        i += k;
    }
    return i;
}

LspPos lsp_position(const char *text, size_t len, const uint32_t *starts, size_t nlines,
                    size_t off)
{
    if (off > len)
        off = len;
    if (off < starts[0])
        off = starts[0];
    size_t lo = 0, hi = nlines; /* the last line start <= off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    LspPos p = {(uint32_t)lo, 0};
    size_t stop = line_stop(text, len, starts, nlines, lo);
    if (off > stop)
        off = stop;
    for (size_t i = starts[lo]; i < off;) {
        uint32_t w;
        i += step(text, i, stop, &w);
        p.character += w;
    }
    return p;
}
