/* emit_lp.c — the LP or MIP in CPLEX LP format, as GLPK writes it.
 *
 * GLPK writes LP files by name only: write to a scratch file (removed on a
 * fatal signal too, see output_scratch), then copy it into out.  MPS has
 * its own writer (emit_mps.c), the same bytes as GLPK's. */
#include "emit.h"
#include "output.h"

#include <stdio.h>
#include <unistd.h>

int emit_lp(glp_prob *P, FILE *out)
{
    glp_sort_matrix(P);
    char tmp[] = "/tmp/dairy-emit-XXXXXX";
    int fd = output_scratch(tmp);
    if (fd < 0)
        return -1;
    close(fd);
    glp_term_out(GLP_OFF);
    int rc = glp_write_lp(P, NULL, tmp);
    if (rc == 0) {
        FILE *in = fopen(tmp, "rb");
        char buf[1 << 16];
        size_t n;
        while (in && (n = fread(buf, 1, sizeof buf, in)) > 0)
            fwrite(buf, 1, n, out);
        if (in)
            fclose(in);
        else
            rc = -1;
    }
    output_scratch_remove(tmp);
    return rc;
}
