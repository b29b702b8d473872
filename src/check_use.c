/* check_use.c — reading the root file and the files it `use`s, in order,
 * once each, with cycles reported. */
#include "check_int.h"
#include "vec.h"
#include "xalloc.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* printf at buf + *len, never past cap (a long text is cut). */
static void append_text(char *buf, size_t cap, size_t *len, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
static void append_text(char *buf, size_t cap, size_t *len, const char *fmt, ...)
{
    if (*len + 1 >= cap)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(buf + *len, cap - *len, fmt, ap);
    va_end(ap);
    *len = n < 0 || *len + (size_t)n >= cap ? cap - 1 : *len + (size_t)n;
}

/* `use std.NAME` looks in each stdlib folder; `use "path"` is relative to
 * the file that says it.  A file is read once; a cycle is an error.  True
 * when the file is new: it is loaded and last in c->files, to be read. */
static bool use_file(Ck *c, const Decl *d)
{
    char *path = NULL;
    if (d->use_std) {
        if (strcmp(d->path, "std") != 0) {
            diag_error(c->d, d->path_span, "unknown module prefix `%s`", d->path);
            diag_hint(c->d, "standard modules are `use std.NAME`; other files are `use \"file.dairy\"`");
            return false;
        }
        for (int i = 0; i < c->opt->nstd && !path; i++) {
            char *p = arena_printf(c->arena, "%s/%s.dairy", c->opt->std_dirs[i], d->name);
            if (access(p, R_OK) == 0)
                path = p;
        }
        if (!path) {
            static const char *const mods[] = {"products", "strategies", "rfm"};
            for (int i = 0; i < 3; i++)
                if (strcmp(d->name, mods[i]) == 0) {
                    /* a module dairy ships, but no folder searched has it */
                    const char *where =
                        c->opt->nstd == 0 ? "any folder"
                        : arena_printf(c->arena, "`%s`%s", c->opt->std_dirs[0],
                                       c->opt->nstd > 1 ? " or the other folders searched" : "");
                    diag_error(c->d, d->name_span,
                               "the standard library is not found: no `%s.dairy` in %s", d->name,
                               where);
                    diag_hint(c->d, "set DAIRY_PATH to the folder that holds `%s.dairy` "
                                    "(`stdlib/` in dairy's sources), or `make install`",
                              d->name);
                    return false;
                }
            diag_error(c->d, d->name_span, "unknown standard module `std.%s`", d->name);
            const char *best = diag_closest(d->name, mods, sizeof mods / sizeof *mods);
            if (best)
                diag_hint(c->d, "did you mean `std.%s`?", best);
            else
                diag_hint(c->d, "the standard modules are `std.products`, `std.strategies` and "
                                "`std.rfm`; DAIRY_PATH adds folders to search");
            return false;
        }
    } else {
        path = ck_relative_to(c, d->path_span, d->path);
    }
    char *real = realpath(path, NULL);
    char *text = NULL;
    size_t len = 0;
    if (!real && c->d->overlay && c->d->overlay(c->d->overlay_ctx, path, &text, &len)) {
        free(text); /* a file only an editor holds, not yet saved: known by its path */
        real = xstrdup(path);
    }
    if (!real) {
        diag_error(c->d, d->path ? d->path_span : d->span, "cannot read `%s`: %s", path,
                   strerror(errno));
        diag_hint(c->d, "the path is relative to the file that uses it");
        return false;
    }
    UsedFile *uf = c->files.data;
    for (size_t i = 0; i < c->files.len; i++) {
        if (strcmp(uf[i].real, real) != 0)
            continue;
        if (uf[i].state == 1) {
            /* the files on the stack from uf[i] to here form the cycle; a
             * long one (a chain of thousands) is shown by its two ends */
            size_t total = 0, k = 0;
            for (size_t j = i; j < c->files.len; j++)
                total += uf[j].state == 1;
            char chain[1024] = "";
            size_t len = 0;
            for (size_t j = i; j < c->files.len; j++) {
                if (uf[j].state != 1)
                    continue;
                if (total > 8 && k >= 3 && k < total - 3) {
                    if (k == 3)
                        append_text(chain, sizeof chain, &len, "… (%zu more) → ", total - 6);
                } else {
                    append_text(chain, sizeof chain, &len, "%s → ",
                                diag_file(c->d, uf[j].id)->path);
                }
                k++;
            }
            append_text(chain, sizeof chain, &len, "%s", diag_file(c->d, uf[i].id)->path);
            if (len == sizeof chain - 1) { /* cut: end on a whole character, and say so */
                len = sizeof chain - 4;
                while (len > 0 && ((unsigned char)chain[len] & 0xC0) == 0x80)
                    len--;
                memcpy(chain + len, "…", sizeof "…");
            }
            diag_error(c->d, d->span, "cycle of `use`: %s", chain);
            diag_hint(c->d, "remove one `use` of the cycle; a file may be used by several others");
        }
        free(real);
        return false;
    }
    int err = 0;
    int32_t id = diag_load_file(c->d, path, &err);
    if (id < 0) {
        diag_error(c->d, d->path ? d->path_span : d->span, "cannot read `%s`: %s", path,
                   diag_strerror(err));
        diag_hint(c->d, "the path is relative to the file that uses it");
        free(real);
        return false;
    }
    UsedFile *nf = vec_push(&c->files);
    nf->real = real;
    nf->id = id;
    return true;
}

/* A file being read: where its declarations have got to. */
typedef struct {
    size_t file; /* index in c->files */
    const Decl *next;
} UseFrame;

static void start_file(Ck *c, Vec *stack, size_t file)
{
    UsedFile *uf = (UsedFile *)c->files.data + file;
    uf->state = 1;
    uf->ast = ast_parse(c->arena, c->d, uf->id);
    UseFrame *f = vec_push(stack);
    f->file = file;
    f->next = uf->ast->decls;
}

/* Read the last file of c->files and everything it uses.  A used file's
 * declarations come where its `use` stands, as if pasted in; the files being
 * read are kept on a stack of our own rather than the C stack, so that a
 * chain of thousands of `use`d files cannot overflow it. */
void ck_read_file(Ck *c)
{
    Vec stack;
    vec_init(&stack, sizeof(UseFrame));
    start_file(c, &stack, c->files.len - 1);
    while (stack.len) {
        UseFrame *top = (UseFrame *)stack.data + stack.len - 1;
        const Decl *d = top->next;
        if (!d) {
            ((UsedFile *)c->files.data)[top->file].state = 2;
            stack.len--;
            continue;
        }
        top->next = d->next;
        if (d->kind != D_USE)
            *(const Decl **)vec_push(&c->decls) = d;
        else if (use_file(c, d))
            start_file(c, &stack, c->files.len - 1);
    }
    vec_free(&stack);
}
