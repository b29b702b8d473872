/* lsp.h — `dairy lsp`: a Language Server Protocol 3.17 server over stdio.
 *
 * The server reads framed JSON-RPC messages (Content-Length headers), keeps
 * the editor's open documents, and answers from the same checker as `dairy
 * check`: its diagnostics come through the one Diag sink (diag.h), unsaved
 * buffers are read through Diag.overlay, names through Diag.on_name.  JSON
 * is read and written by jansson.  See docs/lsp.md. */
#ifndef DAIRY_LSP_H
#define DAIRY_LSP_H

#include "check.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* Serve on in/out until `exit` or the end of input.  Returns the process
 * exit status: 0 after shutdown then exit, 1 otherwise (as the protocol
 * says).  Nothing is written to stderr. */
int lsp_main(FILE *in, FILE *out, const CheckOptions *opt);

/* --- framing (lsp.c), public for the tests ---------------------------- */

enum { LSP_MAX_MESSAGE = 64 << 20 }; /* bytes of one message body */

/* Read one message: headers up to an empty line, then Content-Length bytes.
 * Returns 1 with a malloc'd NUL-terminated *body of *len bytes; 0 at the
 * end of input; -1 for a message that cannot be read (no or a bad
 * Content-Length, a body too large: its bytes are skipped), after which
 * reading may go on. */
int lsp_read_message(FILE *in, char **body, size_t *len);
/* Write body with its Content-Length header, and flush. */
void lsp_write_message(FILE *out, const char *body, size_t len);

/* --- positions (lsp_pos.c) ------------------------------------------- */

/* A protocol position: 0-based line, character in UTF-16 code units. */
typedef struct {
    uint32_t line, character;
} LspPos;

/* The byte offsets where the lines of text[0..len) start (LF, CRLF and a
 * lone CR end a line, as the protocol says); *n lines, malloc'd. */
uint32_t *lsp_line_starts(const char *text, size_t len, size_t *n);
/* Byte offset of pos: a character past the line's end is its end, a line
 * past the text's end is the end; inside a UTF-8 sequence (a character
 * that needs two UTF-16 units) it is the sequence's start. */
size_t lsp_offset(const char *text, size_t len, const uint32_t *starts, size_t nlines,
                  LspPos pos);
/* Position of a byte offset (clamped to len). */
LspPos lsp_position(const char *text, size_t len, const uint32_t *starts, size_t nlines,
                    size_t off);

#endif
