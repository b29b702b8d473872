/* output.h — where results go: standard output, or a named file replaced
 * atomically.
 *
 * A file given with `-o FILE` or rewritten by `fmt -w` is written to a
 * temporary file beside it and renamed over it only once every byte is on
 * disk, so a reader sees the old file or the new one, never half of one, and
 * a failed or interrupted run leaves the old file as it was and no temporary
 * file behind.  Every failure is said on stderr, naming what could not be
 * written; callers only turn it into an exit status. */
#ifndef DAIRY_OUTPUT_H
#define DAIRY_OUTPUT_H

#include "diag.h"

#include <stdbool.h>
#include <stdio.h>

typedef struct {
    /* replace a read-only file too (`--force`): its mode is kept */
    bool force;
    /* files never to write over, whatever their names: the model's own
     * (its source, what it `use`s and the CSV files it reads); NULL: none */
    const Diag *keep;
} OutputOptions;

typedef struct {
    FILE *fp;
    const char *path; /* as given, for messages; NULL: standard output */
    char *target;     /* path with symbolic links followed: the file replaced */
    char *tmp;        /* the temporary file beside target, until renamed */
} Output;

/* Once, before anything is written: a write past the file-size limit
 * (ulimit -f) then fails with EFBIG, which is reported, instead of killing
 * the process with SIGXFSZ and leaving a truncated file. */
void output_init(void);

/* Standard output when path is NULL, else a temporary file that becomes
 * path at output_close.  Writes go through a symbolic link to its target.
 * Refuses (NULL, after saying why) folders, devices, FIFOs and sockets, the
 * files of opt->keep, and read-only files unless opt->force. */
FILE *output_open(Output *o, const char *path, const OutputOptions *opt);

/* Finish: flush, sync and rename over the target (or flush standard
 * output).  0, or -1 after saying what could not be written, with the target
 * unchanged and the temporary file removed. */
int output_close(Output *o);

/* Give up an open output (the command failed before finishing it): the
 * target stays as it was, the temporary file is removed. */
void output_discard(Output *o);

/* A scratch file for a library that writes only to a file it names (GLPK's
 * LP writer): mkstemp(tmpl), and removed like a temporary output file if a
 * signal ends dairy before output_scratch_remove(tmpl).  One at a time.
 * The descriptor, or -1 with errno set. */
int output_scratch(char *tmpl);
void output_scratch_remove(const char *path);

/* Flush standard output: 0, or -1 after saying it could not be written
 * (said once, however often asked). */
int output_stdout_check(void);

/* At exit: flush and close standard output, so that nothing printed is lost
 * unnoticed (a full disk, /dev/full, a closed descriptor).  0 or -1. */
int output_finish(void);

#endif
