/* output.c — standard output checked to the end, and files replaced
 * atomically (see output.h for the promises). */
#include "output.h"

#include "xalloc.h"

#include <errno.h>
#include <limits.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* ------------------------------------------------ the temporary file and signals */

/* Ctrl-C or a kill while a file is being written must not leave the
 * temporary file behind.  The handler may only use async-signal-safe calls,
 * so the names it removes live in static buffers set up beforehand (with
 * those signals blocked, so that one is never seen half-written).  One
 * output file is open at a time, and one scratch file (output_scratch). */
enum { SLOT_OUTPUT, SLOT_SCRATCH, NSLOTS };
static char armed_path[NSLOTS][PATH_MAX + 32];
static volatile sig_atomic_t armed[NSLOTS];

static const int caught[] = {SIGINT, SIGTERM, SIGHUP};
enum { NCAUGHT = sizeof caught / sizeof *caught };
static struct sigaction saved[NCAUGHT];
static bool installed[NCAUGHT];

static void on_signal(int sig)
{
    for (int i = 0; i < NSLOTS; i++)
        if (armed[i])
            unlink(armed_path[i]);
    /* die of the same signal, so the shell sees what happened */
    signal(sig, SIG_DFL);
    raise(sig);
}

static void block_signals(sigset_t *old)
{
    sigset_t set;
    sigemptyset(&set);
    for (int i = 0; i < NCAUGHT; i++)
        sigaddset(&set, caught[i]);
    sigprocmask(SIG_BLOCK, &set, old);
}

static bool any_armed(void)
{
    for (int i = 0; i < NSLOTS; i++)
        if (armed[i])
            return true;
    return false;
}

/* Called with the signals blocked; the handlers are ours while any slot is
 * armed. */
static void arm(int slot, const char *tmp)
{
    bool first = !any_armed();
    strcpy(armed_path[slot], tmp); /* fits: checked by the caller */
    armed[slot] = 1;
    if (!first)
        return;
    for (int i = 0; i < NCAUGHT; i++) {
        sigaction(caught[i], NULL, &saved[i]);
        /* a signal the caller ignores (nohup, a background job) stays ignored */
        installed[i] = saved[i].sa_handler != SIG_IGN;
        if (installed[i]) {
            struct sigaction sa;
            memset(&sa, 0, sizeof sa);
            sa.sa_handler = on_signal;
            sigemptyset(&sa.sa_mask);
            sigaction(caught[i], &sa, NULL);
        }
    }
}

/* Called with the signals blocked. */
static void disarm(int slot)
{
    armed[slot] = 0;
    if (any_armed())
        return;
    for (int i = 0; i < NCAUGHT; i++)
        if (installed[i])
            sigaction(caught[i], &saved[i], NULL);
}

void output_init(void)
{
    signal(SIGXFSZ, SIG_IGN);
}

/* ------------------------------------------------------------ opening */

/* Follow symbolic links to the file a write should replace: renaming over
 * the link itself would turn it into a plain file and leave its target as
 * it was.  A link to a file that does not exist yet leads to where that file
 * will be.  NULL with *err set when the chain cannot be read. */
static char *follow_links(const char *path, int *err)
{
    char *p = xstrdup(path);
    for (int hops = 0;; hops++) {
        struct stat st;
        if (lstat(p, &st) != 0 || !S_ISLNK(st.st_mode))
            return p;
        if (hops == 40) {
            *err = ELOOP;
            break;
        }
        char to[PATH_MAX];
        ssize_t n = readlink(p, to, sizeof to - 1);
        if (n < 0) {
            *err = errno;
            break;
        }
        to[n] = '\0';
        const char *slash = strrchr(p, '/');
        char *next;
        if (to[0] == '/' || !slash) {
            next = xstrdup(to);
        } else { /* relative to the link's own folder */
            size_t dir = (size_t)(slash - p) + 1;
            next = xmalloc(dir + (size_t)n + 1);
            memcpy(next, p, dir);
            memcpy(next + dir, to, (size_t)n + 1);
        }
        free(p);
        p = next;
    }
    free(p);
    return NULL;
}

static const char *kind_of(mode_t m)
{
    return S_ISCHR(m) ? "a character device" : S_ISBLK(m) ? "a block device"
         : S_ISFIFO(m) ? "a FIFO" : S_ISSOCK(m) ? "a socket" : "a special file";
}

/* `path`, and where it leads when that is elsewhere. */
static void say_cannot(const Output *o)
{
    fprintf(stderr, "dairy: error: cannot write `%s`", o->path);
    if (o->target && strcmp(o->target, o->path) != 0)
        fprintf(stderr, " (a link to `%s`)", o->target);
    fputs(": ", stderr);
}

/* The model file that is st, or NULL. */
static const char *kept_file(const OutputOptions *opt, const struct stat *st)
{
    if (!opt || !opt->keep)
        return NULL;
    for (size_t i = 0; i < opt->keep->nfiles; i++) {
        const SrcFile *f = diag_file(opt->keep, (int32_t)i);
        if (f->ino && f->dev == (unsigned long long)st->st_dev &&
            f->ino == (unsigned long long)st->st_ino)
            return f->path;
    }
    return NULL;
}

static FILE *open_failed(Output *o)
{
    free(o->target);
    free(o->tmp);
    o->target = o->tmp = NULL;
    o->fp = NULL;
    return NULL;
}

FILE *output_open(Output *o, const char *path, const OutputOptions *opt)
{
    o->path = path;
    o->target = o->tmp = NULL;
    o->fp = stdout;
    if (!path)
        return o->fp;
    int err = 0;
    o->target = follow_links(path, &err);
    if (!o->target) {
        say_cannot(o);
        fprintf(stderr, "%s\n", strerror(err));
        return open_failed(o);
    }
    struct stat st;
    bool exists = stat(o->target, &st) == 0;
    if (exists) {
        const char *kept = kept_file(opt, &st);
        if (S_ISDIR(st.st_mode)) {
            say_cannot(o);
            fputs("it is a directory; give the path of a file\n", stderr);
            return open_failed(o);
        }
        if (!S_ISREG(st.st_mode)) {
            say_cannot(o);
            fprintf(stderr, "it is %s, not a regular file; give the path of a regular file "
                            "(or leave out `-o` and redirect standard output)\n",
                    kind_of(st.st_mode));
            return open_failed(o);
        }
        if (kept) {
            say_cannot(o);
            if (strcmp(kept, o->path) == 0 || strcmp(kept, o->target) == 0)
                fputs("the model reads it; give another output file\n", stderr);
            else
                fprintf(stderr, "it is `%s`, which the model reads; give another output file\n",
                        kept);
            return open_failed(o);
        }
        /* the mode bits, not access() alone: root may write anything, but a
         * file nobody may write is one its owner wants left alone */
        if ((!(st.st_mode & 0222) || access(o->target, W_OK) != 0) && !(opt && opt->force)) {
            say_cannot(o);
            fputs("it is read-only; add --force to replace it anyway (its mode is kept)\n",
                  stderr);
            return open_failed(o);
        }
    }
    size_t n = strlen(o->target) + sizeof ".tmp-XXXXXX";
    if (n > sizeof armed_path[0]) {
        say_cannot(o);
        fprintf(stderr, "%s\n", strerror(ENAMETOOLONG));
        return open_failed(o);
    }
    o->tmp = xmalloc(n);
    snprintf(o->tmp, n, "%s.tmp-XXXXXX", o->target);
    sigset_t old;
    block_signals(&old);
    int fd = mkstemp(o->tmp);
    err = errno;
    if (fd >= 0)
        arm(SLOT_OUTPUT, o->tmp);
    sigprocmask(SIG_SETMASK, &old, NULL);
    if (fd < 0) {
        say_cannot(o);
        fprintf(stderr, "%s\n", strerror(err));
        return open_failed(o);
    }
    /* the new file is what the old one was: same mode and, when we may give
     * it away, same owner; a new file gets the usual 0666 less the umask */
    if (exists) {
        fchmod(fd, st.st_mode & 0777);
        if ((st.st_uid != geteuid() || st.st_gid != getegid()) &&
            fchown(fd, st.st_uid, st.st_gid) != 0) {
            /* not ours to give away: the file stays ours */
        }
    } else {
        mode_t mask = umask(0);
        umask(mask);
        fchmod(fd, 0666 & ~mask);
    }
    o->fp = fdopen(fd, "wb");
    if (!o->fp) {
        err = errno;
        close(fd);
        output_discard(o);
        say_cannot(o);
        fprintf(stderr, "%s\n", strerror(err));
        return open_failed(o);
    }
    return o->fp;
}

/* ------------------------------------------------------------ closing */

/* Why the earlier buffered write failed: stdio keeps no errno for it, and
 * errno may have changed since.  Asking the file again with one byte past
 * its end gives the reason (a full disk, the size limit); the temporary
 * file is about to be removed anyway. */
static int write_error(int fd)
{
    off_t end = lseek(fd, 0, SEEK_END);
    if (end >= 0 && pwrite(fd, "\n", 1, end) < 0)
        return errno;
    return EIO;
}

static void remove_tmp(Output *o)
{
    sigset_t old;
    block_signals(&old);
    unlink(o->tmp);
    disarm(SLOT_OUTPUT);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

void output_discard(Output *o)
{
    if (!o->tmp)
        return;
    if (o->fp)
        fclose(o->fp);
    remove_tmp(o);
    free(o->tmp);
    free(o->target);
    o->tmp = o->target = NULL;
    o->fp = NULL;
}

int output_close(Output *o)
{
    if (!o->tmp)
        return output_stdout_check();
    int err = 0, fd = fileno(o->fp);
    if (fflush(o->fp) != 0)
        err = errno ? errno : EIO;
    else if (ferror(o->fp))
        err = write_error(fd);
    if (!err && fsync(fd) != 0)
        err = errno;
    if (fclose(o->fp) != 0 && !err)
        err = errno;
    o->fp = NULL;
    if (!err) {
        sigset_t old;
        block_signals(&old);
        if (rename(o->tmp, o->target) != 0)
            err = errno;
        else
            disarm(SLOT_OUTPUT);
        sigprocmask(SIG_SETMASK, &old, NULL);
    }
    if (err) {
        remove_tmp(o);
        say_cannot(o);
        fprintf(stderr, "%s\n", strerror(err));
    }
    free(o->tmp);
    free(o->target);
    o->tmp = o->target = NULL;
    return err ? -1 : 0;
}

/* ------------------------------------------------------------ scratch files */

int output_scratch(char *tmpl)
{
    if (strlen(tmpl) >= sizeof armed_path[0] || armed[SLOT_SCRATCH]) {
        errno = armed[SLOT_SCRATCH] ? EBUSY : ENAMETOOLONG;
        return -1;
    }
    sigset_t old;
    block_signals(&old);
    int fd = mkstemp(tmpl);
    int err = errno;
    if (fd >= 0)
        arm(SLOT_SCRATCH, tmpl);
    sigprocmask(SIG_SETMASK, &old, NULL);
    errno = err;
    return fd;
}

void output_scratch_remove(const char *path)
{
    sigset_t old;
    block_signals(&old);
    unlink(path);
    disarm(SLOT_SCRATCH);
    sigprocmask(SIG_SETMASK, &old, NULL);
}

/* ------------------------------------------------------------ standard output */

static bool stdout_said; /* the failure is reported once */

static int stdout_failed(int err)
{
    if (!stdout_said)
        fprintf(stderr, "dairy: error: cannot write standard output: %s\n",
                strerror(err ? err : EIO));
    stdout_said = true;
    return -1;
}

int output_stdout_check(void)
{
    if (fflush(stdout) != 0)
        return stdout_failed(errno);
    /* an earlier buffered write failed and nothing is left to flush: errno
     * still holds its reason unless something has changed it since (and
     * unlike a temporary file, standard output cannot be asked again) */
    if (ferror(stdout))
        return stdout_failed(errno);
    return stdout_said ? -1 : 0;
}

int output_finish(void)
{
    int rc = output_stdout_check();
    errno = 0;
    /* a closed descriptor with nothing written to it is no failure */
    if (fclose(stdout) != 0 && rc == 0 && errno != EBADF)
        rc = stdout_failed(errno);
    return rc;
}
