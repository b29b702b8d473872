/* diag.h — source files and the one place that prints diagnostics.
 *
 * Every AST node carries a Span: a file id and a byte range.  Line and
 * column are computed only when a diagnostic is printed; columns count
 * characters (UTF-8 code points), so carets sit under Cyrillic correctly. */
#ifndef DAIRY_DIAG_H
#define DAIRY_DIAG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct {
    int32_t file; /* index into Diag.files, -1 for "no location" */
    uint32_t lo, hi; /* byte offsets, [lo, hi) */
} Span;

typedef struct {
    char *path;       /* as given or resolved (for messages) */
    char *text;       /* contents (owned): NUL-terminated unless mapped */
    size_t len;
    uint32_t *lines;  /* byte offset of each line start, computed lazily */
    size_t nlines;
    bool mapped;      /* text is a read-only mapping (not NUL-terminated) */
    /* the file read (0, 0 for text given in memory): output must never be
     * written over a file the model reads (see output.h) */
    unsigned long long dev, ino;
} SrcFile;

/* At most DIAG_MAX_ERRORS errors and DIAG_MAX_WARNINGS warnings are shown;
 * the rest are counted, so that the last line can give the totals.
 * Checking goes on past the shown errors (to count them) until
 * DIAG_COUNT_MAX errors, where diag_full stops it. */
enum { DIAG_MAX_ERRORS = 20, DIAG_MAX_WARNINGS = 20, DIAG_COUNT_MAX = 10000 };

/* What the checker says, one event at a time.  An error or a warning opens
 * a diagnostic; the notes (related places) and hints after it belong to it
 * until the next error or warning.  DIAG_PLAIN is a line with no place of
 * its own ("dairy: error: cannot read ...", the totals of diag_finish). */
typedef enum { DIAG_ERROR, DIAG_WARNING, DIAG_NOTE, DIAG_HINT, DIAG_PLAIN } DiagKind;

struct Diag;
/* Where the events go: every message of the program passes through one
 * sink.  The default, diag_print, writes the GNU-style text of `dairy
 * check` (with the source line and a caret) to d->out; `dairy lsp` sets its
 * own to collect the same events as LSP diagnostics.  The caps
 * (DIAG_MAX_ERRORS, ...) are applied before the sink: it sees exactly what
 * `dairy check` would print.  sp.file is -1 for events with no place (and
 * always for hints and plain lines); msg is the formatted message. */
typedef void (*DiagSink)(struct Diag *d, DiagKind kind, Span sp, const char *msg);

typedef struct Diag {
    FILE *out;        /* stderr in the program, a memstream in tests */
    DiagSink sink;    /* diag_print unless set otherwise after diag_init */
    void *sink_ctx;   /* for the sink's own use */
    /* Unsaved editor buffers (dairy lsp): consulted before a file is read
     * from disk by diag_load_file or diag_map_file.  Given the path as
     * asked for, returns true with a malloc'd NUL-terminated copy of the
     * text (ownership passes) when it holds that file. */
    bool (*overlay)(void *ctx, const char *path, char **text, size_t *len);
    void *overlay_ctx;
    /* Told each entity name as the checker declares it (decl) and each use
     * of one that resolves, with its place (in a .dairy or a CSV file) and
     * its EntityKind: what `dairy lsp` answers definition, references and
     * rename from.  Here, beside the other editor hook, because every
     * stage that reads names has the Diag at hand.  NULL: none. */
    void (*on_name)(void *ctx, const char *name, Span sp, int kind, bool decl);
    void *name_ctx;
    SrcFile *files;
    size_t nfiles, fcap;
    int errors;       /* errors reported (including suppressed ones) */
    int warnings;     /* warnings reported (including suppressed ones) */
    int warnings_shown;
    bool suppressed;  /* the last diagnostic was over the cap: drop its hints */
    bool color;
} Diag;

void diag_init(Diag *d, FILE *out);
/* The default sink: prints an event as `dairy check` shows it. */
void diag_print(Diag *d, DiagKind kind, Span sp, const char *msg);
void diag_free(Diag *d);

/* Register a file's contents (ownership of text passes to d; text must be
 * NUL-terminated at text[len]).  Returns its id. */
int32_t diag_add_file(Diag *d, const char *path, char *text, size_t len);
/* Read a whole regular file and register it; -1 on failure, with *err an
 * errno value or DIAG_ENOTREG (say it with diag_strerror).  Folders,
 * devices and FIFOs are refused without blocking: opening a FIFO with no
 * writer would otherwise wait forever. */
enum { DIAG_ENOTREG = -1000 };
const char *diag_strerror(int err);
/* The same, mapping the file read-only instead of copying it into the heap
 * (data files of millions of rows); text is then not NUL-terminated. */
int32_t diag_map_file(Diag *d, const char *path, int *err);
int32_t diag_load_file(Diag *d, const char *path, int *err);
const SrcFile *diag_file(const Diag *d, int32_t id);

/* 1-based line and column (in characters) of a byte offset. */
void diag_line_col(Diag *d, int32_t file, uint32_t off, uint32_t *line,
                   uint32_t *col);

/* FILE:LINE:COL: error: MESSAGE, the source line, a caret under the span.
 * After DIAG_MAX_ERRORS errors, further errors are counted but not shown;
 * after DIAG_MAX_WARNINGS warnings (or once errors are capped), warnings. */
void diag_error(Diag *d, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void diag_warning(Diag *d, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* A "note:" pointing at another place (e.g. the first declaration). */
void diag_note(Diag *d, Span sp, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* "hint: ..." under the last error or warning. */
void diag_hint(Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Check that a registered file is UTF-8 text (text_utf8_check) without NUL
 * bytes.  The first fault is an error at its place, e.g. "CSV file is not
 * valid UTF-8 (byte 0xff, a byte UTF-8 never uses)", what naming the kind
 * of file, followed by the hint; returns false then. */
bool diag_check_text(Diag *d, int32_t file, const char *what, const char *hint);
/* dairy: error: MESSAGE — for errors with no place in a file. */
void diag_plain(Diag *d, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* DIAG_COUNT_MAX errors are counted: stop checking, the count is enough. */
bool diag_full(const Diag *d);

/* The last lines of a run: "dairy: stopped after 20 errors (35 found); fix
 * these and run again" when errors were left unshown, and "dairy: 7 more
 * warnings not shown" when warnings were.  Prints nothing otherwise.
 * Called once, after the last stage that reports (segment_analyze). */
void diag_finish(Diag *d);

/* Edit distance (Damerau-Levenshtein, optimal string alignment) of two
 * names, in bytes; gives up and returns limit+1 past limit. */
size_t diag_edit_distance(const char *a, const char *b, size_t limit);

/* For "did you mean ...?": the first of the n names nearest to word, if
 * it is at most 2 edits away; NULL if none is. */
const char *diag_closest(const char *word, const char *const *names, size_t n);

#endif
