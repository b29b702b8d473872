/* json.h — the one JSON writer: the plan reports and the segmentation
 * write JSON only through it, so they share one quoting, one number format
 * and one layout.
 *
 * Layout: a container begun with json_object/json_array puts each item on
 * its own line, indented two spaces per open container, and its closing
 * bracket on a line of its own ("[]" and "{}" when empty); one begun with
 * json_object_line/json_array_line keeps everything inside it on one line,
 * items separated by ", ".  Keys follow with ": ".  Closing the outermost
 * container ends the document with a line break.
 *
 *   {
 *     "status": "optimal",
 *     "totals": {"revenue": 13160000, "milk_cost": 9049200},
 *     "collection": [
 *       {"farm": "north", "plant": "city_dairy", "tonnes": 3810}
 *     ],
 *     "plants": []
 *   }
 *
 * Errors of `out` are left for the caller's ferror. */
#ifndef DAIRY_JSON_H
#define DAIRY_JSON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum { JSON_MAX_DEPTH = 32 };

typedef struct {
    FILE *out;
    int depth;              /* containers open */
    bool after_key;         /* a key was written; its value comes next */
    struct {
        char close;         /* '}' or ']' */
        bool line;          /* on one line */
        bool any;           /* has an item */
    } open[JSON_MAX_DEPTH];
} Json;

void json_init(Json *j, FILE *out);

void json_object(Json *j);
void json_object_line(Json *j);
void json_array(Json *j);
void json_array_line(Json *j);
void json_end(Json *j);                 /* closes the innermost container */

void json_key(Json *j, const char *key);
void json_string(Json *j, const char *s);   /* NULL is null */
void json_number(Json *j, double v);        /* as json_put_number */
void json_size(Json *j, size_t v);          /* a count, in decimal digits */
void json_bool(Json *j, bool v);
void json_null(Json *j);

/* A key and its value. */
void json_key_string(Json *j, const char *key, const char *s);
void json_key_number(Json *j, const char *key, double v);

/* A JSON string: `"` and `\` escaped, control characters as \u00XX,
 * UTF-8 passed through (an ill-formed part, which checked input never has,
 * as \ufffd, so the output is always UTF-8); NULL is null. */
void json_put_string(FILE *out, const char *s);
/* A JSON number in base units: text_double (text.h: the shortest text
 * that reads back as the same double) after |v| < 1e-9 is rounded to 0
 * (solver noise never prints as 1e-13); NaN (no value) and an infinity (no
 * limit) are null, the only non-number JSON has. */
void json_put_number(FILE *out, double v);

#endif
