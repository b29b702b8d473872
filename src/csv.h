/* csv.h — RFC 4180 reader over a memory buffer, with byte offsets for
 * diagnostics.  The reader never copies the buffer: unquoted fields point
 * into it; quoted fields with "" escapes are unescaped into a scratch area
 * that lives until the next call to csv_next. */
#ifndef DAIRY_CSV_H
#define DAIRY_CSV_H

#include <stdbool.h>
#include <stddef.h>

typedef struct {
    const char *p;  /* field text (unescaped), not NUL-terminated */
    size_t len;
    size_t offset;  /* byte offset in the buffer of the field's first byte
                       (the opening quote for a quoted field) */
    bool quoted;
} CsvField;

typedef struct {
    const char *buf;
    size_t len;
    size_t pos;        /* next byte to read */
    size_t rec_offset; /* byte offset where the current record starts */
    CsvField *fields;
    size_t nfields, fcap;
    char *scratch;
    size_t scap;
    /* set when csv_next returns -1 */
    const char *err_msg; /* static text, e.g. "unterminated quoted field" */
    size_t err_offset;   /* byte offset of the error in the buffer */
} CsvReader;

/* Start reading buf[0..len).  A UTF-8 byte order mark is skipped. */
void csv_init(CsvReader *r, const char *buf, size_t len);

/* Read the next record into r->fields[0..r->nfields).
 * Records end at LF or CRLF (a lone CR also ends a record); the last record
 * may lack a line end.  Blank lines (no bytes between line ends) are skipped.
 * Returns 1 when a record was read, 0 at the end of the buffer, -1 on a
 * malformed record (unterminated quote, a quote inside an unquoted field,
 * bytes after a closing quote): err_msg and err_offset say what and where,
 * and reading may continue with the next record. */
int csv_next(CsvReader *r);

/* Free what the reader allocated (not the buffer). */
void csv_free(CsvReader *r);

#endif
