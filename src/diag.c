/* diag.c — diagnostics: each message an event for the Diag's sink; the default
 * sink (diag_print) prints GNU-style text with the source line and a caret. */
#include "diag.h"

#include "xalloc.h"
#include "text.h"

#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

void diag_init(Diag *d, FILE *out)
{
    memset(d, 0, sizeof *d);
    d->out = out;
    d->sink = diag_print;
}

void diag_free(Diag *d)
{
    for (size_t i = 0; i < d->nfiles; i++) {
        free(d->files[i].path);
        if (d->files[i].mapped)
            munmap(d->files[i].text, d->files[i].len);
        else
            free(d->files[i].text);
        free(d->files[i].lines);
    }
    free(d->files);
    memset(d, 0, sizeof *d);
}

int32_t diag_add_file(Diag *d, const char *path, char *text, size_t len)
{
    if (d->nfiles == d->fcap) {
        d->fcap = d->fcap ? d->fcap * 2 : 8;
        d->files = xrealloc(d->files, d->fcap * sizeof *d->files);
    }
    SrcFile *f = &d->files[d->nfiles];
    f->path = xstrdup(path);
    f->text = text;
    f->len = len;
    f->lines = NULL;
    f->nlines = 0;
    f->mapped = false;
    f->dev = f->ino = 0;
    return (int32_t)d->nfiles++;
}

/* Open a file to read it whole: non-blocking, so that a FIFO with no writer
 * is refused instead of waiting forever; then only regular files (a folder,
 * device or pipe would never end or make no sense).  The fd, or -1. */
static int open_regular(const char *path, struct stat *st, int *err)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK);
    if (fd < 0) {
        *err = errno;
        return -1;
    }
    if (fstat(fd, st) != 0) {
        *err = errno;
        close(fd);
        return -1;
    }
    if (!S_ISREG(st->st_mode)) {
        *err = S_ISDIR(st->st_mode) ? EISDIR : DIAG_ENOTREG;
        close(fd);
        return -1;
    }
    return fd;
}

static int32_t add_read_file(Diag *d, const char *path, char *text, size_t len,
                             const struct stat *st)
{
    int32_t id = diag_add_file(d, path, text, len);
    d->files[id].dev = (unsigned long long)st->st_dev;
    d->files[id].ino = (unsigned long long)st->st_ino;
    return id;
}

/* An unsaved editor buffer for path, registered as the file; -1 if none. */
static int32_t add_overlay(Diag *d, const char *path)
{
    char *text = NULL;
    size_t len = 0;
    if (!d->overlay || !d->overlay(d->overlay_ctx, path, &text, &len))
        return -1;
    return diag_add_file(d, path, text, len);
}

int32_t diag_map_file(Diag *d, const char *path, int *err)
{
    int32_t ov = add_overlay(d, path);
    if (ov >= 0)
        return ov;
    struct stat st;
    int fd = open_regular(path, &st, err);
    if (fd < 0)
        return -1;
    size_t len = (size_t)st.st_size;
    if (len == 0) { /* nothing to map: an empty heap text */
        close(fd);
        char *empty = xmalloc(1);
        empty[0] = '\0';
        return add_read_file(d, path, empty, 0, &st);
    }
    void *p = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        *err = errno;
        return -1;
    }
    posix_madvise(p, len, POSIX_MADV_SEQUENTIAL);
    int32_t id = add_read_file(d, path, p, len, &st);
    d->files[id].mapped = true;
    return id;
}

int32_t diag_load_file(Diag *d, const char *path, int *err)
{
    int32_t ov = add_overlay(d, path);
    if (ov >= 0)
        return ov;
    struct stat st;
    int fd = open_regular(path, &st, err);
    if (fd < 0)
        return -1;
    size_t cap = 1 << 16, len = 0;
    char *buf = xmalloc(cap);
    for (;;) {
        if (cap - len < 2) {
            cap *= 2;
            buf = xrealloc(buf, cap);
        }
        ssize_t n = read(fd, buf + len, cap - len - 1);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            *err = errno;
            close(fd);
            free(buf);
            return -1;
        }
        if (n == 0)
            break;
        len += (size_t)n;
    }
    close(fd);
    buf[len] = '\0';
    return add_read_file(d, path, buf, len, &st);
}

const SrcFile *diag_file(const Diag *d, int32_t id)
{
    return id >= 0 && (size_t)id < d->nfiles ? &d->files[id] : NULL;
}

/* A UTF-8 byte order mark at the start of a file: an encoding marker that
 * the lexer and the CSV reader skip, so it takes no column either. */
static size_t bom_len(const SrcFile *f)
{
    return f->len >= 3 && (unsigned char)f->text[0] == 0xEF &&
                   (unsigned char)f->text[1] == 0xBB && (unsigned char)f->text[2] == 0xBF
               ? 3
               : 0;
}

/* Line ends are LF, CRLF and a lone CR (as the lexer and the CSV reader
 * take them): a line starts after an LF, and after a CR not followed by LF. */
static bool line_end_at(const SrcFile *f, size_t i)
{
    return f->text[i] == '\n' || (f->text[i] == '\r' && (i + 1 >= f->len || f->text[i + 1] != '\n'));
}

static void index_lines(SrcFile *f)
{
    size_t n = 1;
    for (size_t i = 0; i < f->len; i++)
        n += line_end_at(f, i);
    f->lines = xmalloc(n * sizeof *f->lines);
    f->nlines = 0;
    f->lines[f->nlines++] = (uint32_t)bom_len(f);
    for (size_t i = 0; i < f->len; i++)
        if (line_end_at(f, i))
            f->lines[f->nlines++] = (uint32_t)(i + 1);
}

/* Characters (code points) in text[a, b): every byte that is not a UTF-8
 * continuation byte starts one. */
static uint32_t count_chars(const char *text, size_t a, size_t b)
{
    uint32_t n = 0;
    for (size_t i = a; i < b; i++)
        n += ((unsigned char)text[i] & 0xC0) != 0x80;
    return n;
}

static size_t line_index(SrcFile *f, uint32_t off)
{
    if (!f->lines)
        index_lines(f);
    size_t lo = 0, hi = f->nlines; /* last line start <= off */
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->lines[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

void diag_line_col(Diag *d, int32_t file, uint32_t off, uint32_t *line,
                   uint32_t *col)
{
    SrcFile *f = &d->files[file];
    if (off > f->len)
        off = (uint32_t)f->len;
    size_t li = line_index(f, off);
    *line = (uint32_t)li + 1;
    *col = off > f->lines[li] ? count_chars(f->text, f->lines[li], off) + 1 : 1;
}

enum { SHOW_MAX = 100 }; /* characters of a long line shown around the caret */

/* Byte offset reached after stepping n characters forward from i. */
static size_t skip_chars(const char *t, size_t i, size_t end, uint32_t n)
{
    while (i < end && n > 0) {
        i++;
        while (i < end && ((unsigned char)t[i] & 0xC0) == 0x80)
            i++;
        n--;
    }
    return i;
}

/* The source line, then spaces (tabs kept, so they align) and ^~~~ under
 * [lo, hi) clipped to the line.  Very long lines are shown as a window
 * around the span, marked with "...". */
static void show_source(Diag *d, Span sp)
{
    SrcFile *f = &d->files[sp.file];
    uint32_t lo = sp.lo > f->len ? (uint32_t)f->len : sp.lo;
    size_t li = line_index(f, lo);
    size_t start = f->lines[li];
    if (lo < start) /* inside a byte order mark */
        lo = (uint32_t)start;
    size_t end = start;
    while (end < f->len && f->text[end] != '\n' && f->text[end] != '\r')
        end++;
    size_t hi = sp.hi < lo ? lo : sp.hi;
    if (hi > end)
        hi = end;
    if (lo > end)
        lo = (uint32_t)end;
    /* window for long lines */
    size_t wstart = start, wend = end;
    bool cut_left = false, cut_right = false;
    if (count_chars(f->text, start, end) > SHOW_MAX) {
        uint32_t before = count_chars(f->text, start, lo);
        if (before > SHOW_MAX / 3) {
            wstart = skip_chars(f->text, start, end, before - SHOW_MAX / 3);
            cut_left = true;
        }
        size_t w = skip_chars(f->text, wstart, end, SHOW_MAX);
        if (w < end) {
            wend = w;
            cut_right = true;
        }
        if (hi > wend)
            hi = wend;
    }
    char num[16];
    int width = snprintf(num, sizeof num, "%zu", li + 1);
    if (width < 4)
        width = 4;
    fprintf(d->out, "%*zu | %s", width, li + 1, cut_left ? "..." : "");
    for (size_t i = wstart; i < wend;) {
        unsigned char c = (unsigned char)f->text[i];
        Utf8Fault bad;
        size_t k = text_utf8_char(f->text + i, wend - i, &bad);
        if (k == 0) { /* not UTF-8: never send raw bytes to a terminal */
            fputc('?', d->out);
            i += bad.len;
        } else if (k == 1) {
            fputc((c < 0x20 && c != '\t') || c == 0x7f ? ' ' : c, d->out);
            i++;
        } else {
            fwrite(f->text + i, 1, k, d->out);
            i += k;
        }
    }
    fprintf(d->out, "%s\n%*s | %s", cut_right ? "..." : "", width, "",
            cut_left ? "   " : "");
    for (size_t i = wstart; i < lo; i++) {
        unsigned char c = (unsigned char)f->text[i];
        if ((c & 0xC0) == 0x80)
            continue;
        fputc(c == '\t' ? '\t' : ' ', d->out);
    }
    fputc('^', d->out);
    uint32_t n = count_chars(f->text, lo, hi);
    for (uint32_t i = 1; i < n; i++)
        fputc('~', d->out);
    fputc('\n', d->out);
}

void diag_print(Diag *d, DiagKind kind, Span sp, const char *msg)
{
    static const char *const kinds[] = {"error", "warning", "note"};
    if (kind == DIAG_HINT) {
        fprintf(d->out, "hint: %s\n", msg);
    } else if (kind == DIAG_PLAIN) {
        fprintf(d->out, "%s\n", msg);
    } else if (sp.file >= 0 && (size_t)sp.file < d->nfiles) {
        uint32_t line, col;
        diag_line_col(d, sp.file, sp.lo, &line, &col);
        fprintf(d->out, "%s:%u:%u: %s: %s\n", d->files[sp.file].path, line, col, kinds[kind],
                msg);
        show_source(d, sp);
    } else {
        fprintf(d->out, "dairy: %s: %s\n", kinds[kind], msg);
    }
}

/* Format the message and hand the event to the sink. */
static void vemit(Diag *d, DiagKind kind, Span sp, const char *fmt, va_list ap)
{
    va_list aq;
    va_copy(aq, ap);
    int n = vsnprintf(NULL, 0, fmt, aq);
    va_end(aq);
    char *msg = xmalloc(n > 0 ? (size_t)n + 1 : 1);
    msg[0] = '\0';
    if (n > 0)
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    if (sp.file >= 0 && (size_t)sp.file >= d->nfiles)
        sp.file = -1;
    d->sink(d, kind, sp, msg);
    free(msg);
}

static void emit(Diag *d, DiagKind kind, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void emit(Diag *d, DiagKind kind, Span sp, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vemit(d, kind, sp, fmt, ap);
    va_end(ap);
}

bool diag_check_text(Diag *d, int32_t file, const char *what, const char *hint)
{
    const SrcFile *f = diag_file(d, file);
    Utf8Fault bad = {0};
    size_t at = text_utf8_check(f->text, f->len, &bad);
    const char *nul = memchr(f->text, '\0', at);
    if (nul) {
        uint32_t o = (uint32_t)(nul - f->text);
        diag_error(d, (Span){file, o, o + 1}, "NUL byte in %s", what);
    } else if (at < f->len) {
        char bytes[32];
        int w = snprintf(bytes, sizeof bytes, "%s", bad.len > 1 ? "bytes" : "byte");
        for (size_t j = 0; j < bad.len && w > 0 && (size_t)w < sizeof bytes; j++)
            w += snprintf(bytes + w, sizeof bytes - (size_t)w, " 0x%02x",
                          (unsigned char)f->text[at + j]);
        diag_error(d, (Span){file, (uint32_t)at, (uint32_t)(at + bad.len)},
                   "%s is not valid UTF-8 (%s, %s)", what, bytes, bad.why);
    } else
        return true;
    diag_hint(d, "%s", hint);
    return false;
}

void diag_error(Diag *d, Span sp, const char *fmt, ...)
{
    d->errors++;
    d->suppressed = d->errors > DIAG_MAX_ERRORS;
    if (d->suppressed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vemit(d, DIAG_ERROR, sp, fmt, ap);
    va_end(ap);
    if (d->errors == DIAG_MAX_ERRORS)
        d->suppressed = false;
}

void diag_warning(Diag *d, Span sp, const char *fmt, ...)
{
    d->warnings++;
    d->suppressed = d->errors >= DIAG_MAX_ERRORS || d->warnings_shown >= DIAG_MAX_WARNINGS;
    if (d->suppressed)
        return;
    d->warnings_shown++;
    va_list ap;
    va_start(ap, fmt);
    vemit(d, DIAG_WARNING, sp, fmt, ap);
    va_end(ap);
}

void diag_note(Diag *d, Span sp, const char *fmt, ...)
{
    if (d->suppressed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vemit(d, DIAG_NOTE, sp, fmt, ap);
    va_end(ap);
}

void diag_hint(Diag *d, const char *fmt, ...)
{
    if (d->suppressed)
        return;
    va_list ap;
    va_start(ap, fmt);
    vemit(d, DIAG_HINT, (Span){-1, 0, 0}, fmt, ap);
    va_end(ap);
}

void diag_plain(Diag *d, const char *fmt, ...)
{
    d->errors++;
    va_list ap;
    va_start(ap, fmt);
    vemit(d, DIAG_ERROR, (Span){-1, 0, 0}, fmt, ap);
    va_end(ap);
}

bool diag_full(const Diag *d)
{
    return d->errors >= DIAG_COUNT_MAX;
}

void diag_finish(Diag *d)
{
    if (d->errors > DIAG_MAX_ERRORS) {
        if (d->errors >= DIAG_COUNT_MAX)
            emit(d, DIAG_PLAIN, (Span){-1, 0, 0}, "dairy: stopped after %d errors (at least %d "
                 "found); fix these and run again", DIAG_MAX_ERRORS, d->errors);
        else
            emit(d, DIAG_PLAIN, (Span){-1, 0, 0},
                 "dairy: stopped after %d errors (%d found); fix these and run again",
                 DIAG_MAX_ERRORS, d->errors);
    }
    int hidden = d->warnings - d->warnings_shown;
    if (hidden > 0)
        emit(d, DIAG_PLAIN, (Span){-1, 0, 0}, "dairy: %d more warning%s not shown (the first %d are)",
             hidden, hidden == 1 ? "" : "s", d->warnings_shown);
}

size_t diag_edit_distance(const char *a, const char *b, size_t limit)
{
    size_t n = strlen(a), m = strlen(b);
    if ((n > m ? n - m : m - n) > limit)
        return limit + 1;
    if (n > 64 || m > 64)
        return strcmp(a, b) == 0 ? 0 : limit + 1;
    size_t prev2[65], prev[65], cur[65];
    for (size_t j = 0; j <= m; j++)
        prev[j] = j;
    for (size_t i = 1; i <= n; i++) {
        cur[0] = i;
        size_t best = cur[0];
        for (size_t j = 1; j <= m; j++) {
            size_t cost = a[i - 1] != b[j - 1];
            size_t v = prev[j - 1] + cost;
            if (prev[j] + 1 < v)
                v = prev[j] + 1;
            if (cur[j - 1] + 1 < v)
                v = cur[j - 1] + 1;
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] &&
                prev2[j - 2] + 1 < v)
                v = prev2[j - 2] + 1;
            cur[j] = v;
            if (v < best)
                best = v;
        }
        if (best > limit)
            return limit + 1;
        memcpy(prev2, prev, sizeof prev);
        memcpy(prev, cur, sizeof cur);
    }
    return prev[m];
}

const char *diag_strerror(int err)
{
    return err == DIAG_ENOTREG ? "not a regular file" : strerror(err);
}

const char *diag_closest(const char *word, const char *const *names, size_t n)
{
    const char *best = NULL;
    size_t bestd = 3;
    for (size_t i = 0; i < n; i++) {
        size_t dd = diag_edit_distance(word, names[i], 2);
        if (dd < bestd) {
            bestd = dd;
            best = names[i];
        }
    }
    return best;
}
