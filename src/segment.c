/* segment.c — customer segmentation ("Customers, segments and strategies"
 * in language.md and in docs/language.md).
 *
 * Every `let` and segment condition is compiled once into a tree of typed
 * nodes whose operands are resolved: column arrays, materialized lets,
 * constants in base units, text literals as text values.  The tree is then
 * evaluated a block of BLOCK rows at a time: each node fills a buffer of
 * BLOCK numbers (double, NaN missing), text values (int, -1 missing) or
 * conditions (int8: 0 false, 1 true, 2 unknown — SQL's three-valued logic).
 * No customer costs an allocation or a string operation (except in a rule
 * that compares customer ids, which are text by nature).  A product column
 * reads as the customer's base volume, a missing cell 0 (docs/language.md,
 * "The customer table").
 *
 * Text values are indices into a text universe: Customers.strings first,
 * then every literal and market name that is not among them, so that two
 * texts are equal exactly when their indices are.
 *
 * The same evaluator decides the rule analysis: the scores and the text
 * values the rules compare become synthetic columns holding every
 * combination of their values, one row each, and the rules run over them. */
#include "segment.h"

#include "arena.h"
#include "names.h"
#include "text.h"
#include "units.h"

#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

enum { BLOCK = 1024 };

/* Condition values. */
enum { C_FALSE = 0, C_TRUE = 1, C_UNKNOWN = 2 };

/* Text values besides universe indices. */
enum {
    T_MISSING = -1,
    T_OTHER = -3,      /* analysis: a present value none of the literals name */
    T_STRANGER = -4    /* an id that is no other text of the model */
};

/* The most combinations the rule analysis enumerates. */
#define MAX_COMBINATIONS 1000000.0

/* ------------------------------------------------------------ expressions */

/* Two expressions mean the same (parentheses aside): a quintile is the
 * ntile with 5 bins; numbers compare in base units. */
static bool expr_same(const RExpr *a, const RExpr *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case RX_NUM: return a->value == b->value;
    case RX_TEXT: return strcmp(a->text, b->text) == 0;
    case RX_COLUMN: case RX_LET: return a->index == b->index;
    case RX_BOOL: return a->truth == b->truth;
    case RX_CALL: return a->bins == b->bins && expr_same(a->a, b->a);
    case RX_IN:
        if (a->nitems != b->nitems || !expr_same(a->a, b->a))
            return false;
        for (int i = 0; i < a->nitems; i++)
            if (!expr_same(a->items[i], b->items[i]))
                return false;
        return true;
    default: return expr_same(a->a, b->a) && expr_same(a->b, b->b);
    }
}

/* ------------------------------------------------------------ scores */

/* A double as an unsigned key in the same order (-0 is 0; never NaN). */
static uint64_t sort_key(double v)
{
    if (v == 0)
        v = 0;
    uint64_t u;
    memcpy(&u, &v, sizeof u);
    return (u >> 63) ? ~u : u | (1ull << 63);
}

/* Least significant byte first; a byte that is the same in every key (the
 * low bytes of whole numbers) costs no pass.  Keys only: 16 bytes a value
 * at the peak (the keys and one buffer). */
static void radix_sort(uint64_t *key, size_t n)
{
    if (n < 2)
        return;
    uint64_t *kbuf = xmalloc(sizeof(uint64_t) * n);
    size_t(*count)[256] = xcalloc(8, sizeof *count);
    for (size_t i = 0; i < n; i++) {
        uint64_t k = key[i];
        for (int d = 0; d < 8; d++)
            count[d][(k >> (8 * d)) & 0xff]++;
    }
    uint64_t *ks = key, *kd = kbuf;
    for (int d = 0; d < 8; d++) {
        size_t *c = count[d];
        if (c[(ks[0] >> (8 * d)) & 0xff] == n)
            continue;
        size_t sum = 0;
        for (int b = 0; b < 256; b++) {
            size_t t = c[b];
            c[b] = sum;
            sum += t;
        }
        for (size_t i = 0; i < n; i++)
            kd[c[(ks[i] >> (8 * d)) & 0xff]++] = ks[i];
        uint64_t *tk = ks;
        ks = kd;
        kd = tk;
    }
    if (ks != key)
        memcpy(key, ks, sizeof(uint64_t) * n);
    free(count);
    free(kbuf);
}

/* How many of the sorted keys are strictly smaller than k (k + 1 then
 * counts those <= k; keys never reach UINT64_MAX: that is a NaN's). */
static size_t rank_of(const uint64_t *sorted, size_t n, uint64_t k)
{
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (sorted[mid] < k)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ------------------------------------------------------------ programs */

typedef enum { VT_NUM, VT_TXT, VT_COND } VType;

typedef enum {
    /* leaves */
    N_NUMCOL,  /* data: double per row */
    N_VOLCOL,  /* data: double per row, a missing base volume is 0 */
    N_TXTCOL,  /* data: int per row (text value) */
    N_CONDCOL, /* data: int8 per row */
    N_SCORE,   /* data: uint16 per row, 0 missing */
    N_MARKET,  /* data: market index per row, map: its text value */
    N_ID,      /* the id column: looked up in the text universe */
    N_CONST,   /* buf holds BLOCK copies of the value */
    /* operations */
    N_NEG, N_ADD, N_SUB, N_MUL, N_DIV,
    N_LT, N_LE, N_GT, N_GE, N_EQ, N_NE,
    N_LTK, N_LEK, N_GTK, N_GEK, N_EQK, N_NEK, /* b is the constant k */
    N_TEQ, N_TNE, N_TEQK, N_TNEK,             /* text; K: b is the constant ki */
    N_IN, N_TIN,
    N_NOT, N_AND, N_OR
} Op;

typedef struct {
    uint8_t op, vt;
    int a, b;           /* operands, -1 none */
    int *list;          /* N_IN, N_TIN: the items */
    int nlist;
    double k;
    int ki;
    const void *data;   /* leaves: the per-row array */
    size_t at, len;     /* leaves with a buffer: the rows it holds */
    const int *map;     /* N_MARKET */
    void *buf;          /* BLOCK values of the node's type */
} Node;

typedef struct Analysis Analysis;

typedef struct {
    const Model *m;
    const Customers *cu;
    size_t n;                 /* rows */
    Node *nodes;
    int nnodes, capn;
    int *let_node;            /* per let: its leaf node, -1 until compiled */
    const RExpr **call_expr;  /* scores computed so far, reused by equal calls */
    int *call_node;
    int ncalls, capc;
    NameMap strmap;           /* Customers.strings -> index */
    bool strmap_ready;
    NameMap extra;            /* other texts -> nstrings + value */
    int nextra;
    int *market_text;         /* per market: its name's text value */
    void **owned;
    size_t nowned, capo;
    Analysis *an;             /* rule analysis: scores and text columns are bound */
} Prog;

static void *own(Prog *p, void *ptr)
{
    if (p->nowned == p->capo) {
        p->capo = p->capo ? p->capo * 2 : 64;
        p->owned = xrealloc(p->owned, sizeof(void *) * p->capo);
    }
    p->owned[p->nowned++] = ptr;
    return ptr;
}

static void prog_init(Prog *p, const Model *m, size_t n, Analysis *an)
{
    memset(p, 0, sizeof *p);
    p->m = m;
    p->cu = &m->customers;
    p->n = n;
    p->an = an;
    p->let_node = xmalloc(sizeof(int) * ((size_t)m->nlets + 1));
    for (int i = 0; i < m->nlets; i++)
        p->let_node[i] = -1;
    names_init(&p->strmap);
    names_init(&p->extra);
    /* the analysis sees no data: its texts are the literals alone */
    p->strmap_ready = an != NULL;
}

static void prog_free(Prog *p)
{
    for (size_t i = 0; i < p->nowned; i++)
        free(p->owned[i]);
    free(p->owned);
    free(p->nodes);
    free(p->let_node);
    free(p->call_expr);
    free(p->call_node);
    names_free(&p->strmap);
    names_free(&p->extra);
    memset(p, 0, sizeof *p);
}

/* ---- the text universe */

static void univ_ready(Prog *p)
{
    if (p->strmap_ready)
        return;
    p->strmap_ready = true;
    for (size_t i = 0; i < p->cu->nstrings; i++)
        names_put(&p->strmap, p->cu->strings[i], (int)i);
}

static int univ_base(const Prog *p)
{
    return p->an ? 0 : (int)p->cu->nstrings;
}

/* The text value of s, added to the universe when no customer has it. */
static int univ_index(Prog *p, const char *s)
{
    univ_ready(p);
    int v = names_get(&p->strmap, s);
    if (v >= 0)
        return v;
    v = names_put(&p->extra, s, p->nextra);
    if (v < 0)
        v = p->nextra++;
    return univ_base(p) + v;
}

/* The text value of s if the universe has it, else T_STRANGER. */
static int univ_find(const Prog *p, const char *s)
{
    int v = names_get(&p->strmap, s);
    if (v >= 0)
        return v;
    v = names_get(&p->extra, s);
    return v >= 0 ? univ_base(p) + v : T_STRANGER;
}

/* ---- nodes */

static bool is_direct(Op op)
{
    return op == N_NUMCOL || op == N_TXTCOL || op == N_CONDCOL;
}

static int node_new(Prog *p, Op op, VType vt)
{
    if (p->nnodes == p->capn) {
        p->capn = p->capn ? p->capn * 2 : 32;
        p->nodes = xrealloc(p->nodes, sizeof(Node) * (size_t)p->capn);
    }
    Node *nd = &p->nodes[p->nnodes];
    memset(nd, 0, sizeof *nd);
    nd->op = (uint8_t)op;
    nd->vt = (uint8_t)vt;
    nd->a = nd->b = -1;
    if (!is_direct(op))
        nd->buf = own(p, xmalloc(sizeof(double) * BLOCK));
    nd->at = SIZE_MAX;
    return p->nnodes++;
}

static int leaf(Prog *p, Op op, VType vt, const void *data)
{
    int ni = node_new(p, op, vt);
    p->nodes[ni].data = data;
    return ni;
}

static int const_num(Prog *p, double v)
{
    int ni = node_new(p, N_CONST, VT_NUM);
    double *b = p->nodes[ni].buf;
    for (int i = 0; i < BLOCK; i++)
        b[i] = v;
    return ni;
}

static int const_txt(Prog *p, int v)
{
    int ni = node_new(p, N_CONST, VT_TXT);
    int *b = p->nodes[ni].buf;
    for (int i = 0; i < BLOCK; i++)
        b[i] = v;
    return ni;
}

static int const_cond(Prog *p, int8_t v)
{
    int ni = node_new(p, N_CONST, VT_COND);
    memset(p->nodes[ni].buf, v, BLOCK);
    return ni;
}

static bool is_const(const Prog *p, int ni)
{
    return ni >= 0 && p->nodes[ni].op == N_CONST;
}

/* ---- evaluation */

/* The values of node ni for rows s .. s+len-1 (len <= BLOCK): a pointer
 * into a column or a materialized let, or the node's buffer. */
static const void *eval(Prog *p, int ni, size_t s, size_t len)
{
    Node *nd = &p->nodes[ni];
    if (nd->at == s && nd->len == len)
        return nd->buf; /* a leaf used again in the same block */
    switch ((Op)nd->op) {
    case N_NUMCOL: return (const double *)nd->data + s;
    case N_TXTCOL: return (const int *)nd->data + s;
    case N_CONDCOL: return (const int8_t *)nd->data + s;
    case N_CONST: return nd->buf;
    case N_VOLCOL: {
        const double *x = (const double *)nd->data + s;
        double *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = isnan(x[i]) ? 0 : x[i];
        nd->at = s;
        nd->len = len;
        return o;
    }
    case N_SCORE: {
        const uint16_t *x = (const uint16_t *)nd->data + s;
        double *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = x[i] ? (double)x[i] : NAN;
        nd->at = s;
        nd->len = len;
        return o;
    }
    case N_MARKET: {
        const int *x = (const int *)nd->data + s;
        int *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = x[i] < 0 ? T_MISSING : nd->map[x[i]];
        nd->at = s;
        nd->len = len;
        return o;
    }
    case N_ID: {
        const Customers *cu = p->cu;
        int *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = cu->id_at ? univ_find(p, cu->id_text + cu->id_at[s + i]) : T_MISSING;
        nd->at = s;
        nd->len = len;
        return o;
    }
    case N_NEG: {
        const double *a = eval(p, nd->a, s, len);
        double *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = -a[i];
        return o;
    }
    case N_ADD: case N_SUB: case N_MUL: case N_DIV: {
        const double *a = eval(p, nd->a, s, len), *b = eval(p, nd->b, s, len);
        double *o = nd->buf;
        switch ((Op)nd->op) {
        case N_ADD: for (size_t i = 0; i < len; i++) o[i] = a[i] + b[i]; break;
        case N_SUB: for (size_t i = 0; i < len; i++) o[i] = a[i] - b[i]; break;
        case N_MUL: for (size_t i = 0; i < len; i++) o[i] = a[i] * b[i]; break;
        default:    for (size_t i = 0; i < len; i++) o[i] = b[i] == 0 ? NAN : a[i] / b[i]; break;
        }
        return o;
    }
    case N_LT: case N_LE: case N_GT: case N_GE: case N_EQ: case N_NE: {
        const double *a = eval(p, nd->a, s, len), *b = eval(p, nd->b, s, len);
        int8_t *o = nd->buf;
        /* an ordered comparison with NaN is false: add 2 for unknown */
#define CMP(rel)                                                                   \
    for (size_t i = 0; i < len; i++)                                               \
        o[i] = (int8_t)((a[i] rel b[i]) + 2 * ((a[i] != a[i]) | (b[i] != b[i])));  \
    break
        switch ((Op)nd->op) {
        case N_LT: CMP(<);
        case N_LE: CMP(<=);
        case N_GT: CMP(>);
        case N_GE: CMP(>=);
        case N_EQ: CMP(==);
        default:
            for (size_t i = 0; i < len; i++)
                o[i] = (int8_t)(1 - (a[i] == b[i]) + ((a[i] != a[i]) | (b[i] != b[i])));
            break;
        }
#undef CMP
        return o;
    }
    case N_LTK: case N_LEK: case N_GTK: case N_GEK: case N_EQK: case N_NEK: {
        const double *a = eval(p, nd->a, s, len);
        const double k = nd->k;
        int8_t *o = nd->buf;
#define CMPK(rel)                                                       \
    for (size_t i = 0; i < len; i++)                                    \
        o[i] = (int8_t)((a[i] rel k) + 2 * (a[i] != a[i]));             \
    break
        switch ((Op)nd->op) {
        case N_LTK: CMPK(<);
        case N_LEK: CMPK(<=);
        case N_GTK: CMPK(>);
        case N_GEK: CMPK(>=);
        case N_EQK: CMPK(==);
        default:
            for (size_t i = 0; i < len; i++)
                o[i] = (int8_t)(1 - (a[i] == k) + (a[i] != a[i]));
            break;
        }
#undef CMPK
        return o;
    }
    case N_TEQ: case N_TNE: {
        const int *a = eval(p, nd->a, s, len), *b = eval(p, nd->b, s, len);
        int8_t *o = nd->buf;
        int8_t eq = nd->op == N_TEQ;
        for (size_t i = 0; i < len; i++)
            o[i] = a[i] == T_MISSING || b[i] == T_MISSING ? C_UNKNOWN
                                                          : (int8_t)((a[i] == b[i]) == eq);
        return o;
    }
    case N_TEQK: case N_TNEK: {
        const int *a = eval(p, nd->a, s, len);
        const int k = nd->ki;
        int8_t *o = nd->buf;
        int8_t eq = nd->op == N_TEQK;
        for (size_t i = 0; i < len; i++)
            o[i] = a[i] == T_MISSING ? C_UNKNOWN : (int8_t)((a[i] == k) == eq);
        return o;
    }
    case N_IN: {
        /* a = x1 or a = x2 or ...: true if one is, else unknown if one is */
        const double *a = eval(p, nd->a, s, len);
        int8_t *o = nd->buf;
        memset(o, C_FALSE, len);
        for (int j = 0; j < nd->nlist; j++) {
            const double *b = eval(p, nd->list[j], s, len);
            for (size_t i = 0; i < len; i++)
                if (o[i] != C_TRUE)
                    o[i] = a[i] == b[i] ? C_TRUE : isnan(b[i]) ? C_UNKNOWN : o[i];
        }
        for (size_t i = 0; i < len; i++)
            if (isnan(a[i]))
                o[i] = C_UNKNOWN;
        return o;
    }
    case N_TIN: {
        const int *a = eval(p, nd->a, s, len);
        int8_t *o = nd->buf;
        memset(o, C_FALSE, len);
        for (int j = 0; j < nd->nlist; j++) {
            const int *b = eval(p, nd->list[j], s, len);
            for (size_t i = 0; i < len; i++)
                if (o[i] != C_TRUE)
                    o[i] = b[i] == T_MISSING ? C_UNKNOWN : a[i] == b[i] ? C_TRUE : o[i];
        }
        for (size_t i = 0; i < len; i++)
            if (a[i] == T_MISSING)
                o[i] = C_UNKNOWN;
        return o;
    }
    case N_NOT: {
        const int8_t *a = eval(p, nd->a, s, len);
        int8_t *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = (int8_t)(a[i] == C_UNKNOWN ? C_UNKNOWN : 1 - a[i]);
        return o;
    }
    case N_AND: {
        /* false wins, then unknown */
        const int8_t *a = eval(p, nd->a, s, len), *b = eval(p, nd->b, s, len);
        int8_t *o = nd->buf;
        /* both non-zero: a | b is 1 when both are true, 2 or 3 otherwise */
        for (size_t i = 0; i < len; i++)
            o[i] = (int8_t)(((a[i] != 0) & (b[i] != 0)) * (1 + ((a[i] | b[i]) != 1)));
        return o;
    }
    case N_OR: {
        /* true wins, then unknown */
        const int8_t *a = eval(p, nd->a, s, len), *b = eval(p, nd->b, s, len);
        int8_t *o = nd->buf;
        /* neither true: a | b is 0 or 2 */
        for (size_t i = 0; i < len; i++) {
            int t = (a[i] == C_TRUE) | (b[i] == C_TRUE);
            o[i] = (int8_t)(t | ((a[i] | b[i]) & ~(t << 1)));
        }
        return o;
    }
    }
    return nd->buf;
}

/* A node whose operands are all constants becomes a constant. */
static int fold(Prog *p, int ni)
{
    const Node *nd = &p->nodes[ni];
    if ((nd->a >= 0 && !is_const(p, nd->a)) || (nd->b >= 0 && !is_const(p, nd->b)))
        return ni;
    for (int j = 0; j < nd->nlist; j++)
        if (!is_const(p, nd->list[j]))
            return ni;
    const void *v = eval(p, ni, 0, 1);
    switch ((VType)p->nodes[ni].vt) {
    case VT_NUM: return const_num(p, *(const double *)v);
    case VT_TXT: return const_txt(p, *(const int *)v);
    default: return const_cond(p, *(const int8_t *)v);
    }
}

static int op_node(Prog *p, Op op, VType vt, int a, int b)
{
    int ni = node_new(p, op, vt);
    p->nodes[ni].a = a;
    p->nodes[ni].b = b;
    return fold(p, ni);
}

/* a OP b, with b a constant made part of the operation where possible. */
static int compare(Prog *p, RExprKind k, int a, int b)
{
    if (p->nodes[a].vt == VT_TXT) {
        if (is_const(p, a) && !is_const(p, b)) {
            int t = a;
            a = b;
            b = t;
        }
        if (is_const(p, b) && !is_const(p, a)) {
            int ni = node_new(p, k == RX_EQ ? N_TEQK : N_TNEK, VT_COND);
            p->nodes[ni].a = a;
            p->nodes[ni].ki = *(const int *)p->nodes[b].buf;
            return ni;
        }
        return op_node(p, k == RX_EQ ? N_TEQ : N_TNE, VT_COND, a, b);
    }
    static const Op ops[] = {[RX_EQ] = N_EQ, [RX_NE] = N_NE, [RX_LT] = N_LT,
                             [RX_LE] = N_LE, [RX_GT] = N_GT, [RX_GE] = N_GE};
    static const RExprKind flipped[] = {[RX_EQ] = RX_EQ, [RX_NE] = RX_NE, [RX_LT] = RX_GT,
                                        [RX_LE] = RX_GE, [RX_GT] = RX_LT, [RX_GE] = RX_LE};
    if (is_const(p, a) && !is_const(p, b)) {
        int t = a;
        a = b;
        b = t;
        k = flipped[k];
    }
    if (is_const(p, b) && !is_const(p, a) && !isnan(*(const double *)p->nodes[b].buf)) {
        int ni = node_new(p, (Op)(ops[k] + (N_LTK - N_LT)), VT_COND);
        p->nodes[ni].a = a;
        p->nodes[ni].k = *(const double *)p->nodes[b].buf;
        return ni;
    }
    return op_node(p, ops[k], VT_COND, a, b);
}

/* A node's values for every row, stored once (a let): leaves are kept. */
static int materialize(Prog *p, int ni)
{
    Op op = (Op)p->nodes[ni].op;
    if (op <= N_CONST)
        return ni;
    VType vt = (VType)p->nodes[ni].vt;
    size_t size = vt == VT_NUM ? sizeof(double) : vt == VT_TXT ? sizeof(int) : 1;
    char *data = own(p, xmalloc(size * (p->n + 1)));
    for (size_t s = 0; s < p->n; s += BLOCK) {
        size_t len = p->n - s < BLOCK ? p->n - s : BLOCK;
        memcpy(data + s * size, eval(p, ni, s, len), len * size);
    }
    return leaf(p, vt == VT_NUM ? N_NUMCOL : vt == VT_TXT ? N_TXTCOL : N_CONDCOL, vt, data);
}

static int compile(Prog *p, const RExpr *e);

/* ---- the rule analysis's bindings (defined with the analysis below) */
static const uint16_t *an_scores(Analysis *an, const RExpr *call);
static const int *an_texts(Analysis *an, int col);

static int compile_let(Prog *p, int li)
{
    if (p->let_node[li] < 0)
        p->let_node[li] = materialize(p, compile(p, p->m->lets[li].expr));
    return p->let_node[li];
}

static const int *market_map(Prog *p)
{
    if (!p->market_text) {
        p->market_text = own(p, xmalloc(sizeof(int) * ((size_t)p->m->nmarkets + 1)));
        for (int i = 0; i < p->m->nmarkets; i++)
            p->market_text[i] = univ_index(p, p->m->markets[i].n.name);
    }
    return p->market_text;
}

static int compile_column(Prog *p, int j)
{
    const Column *col = &p->cu->cols[j];
    bool text = col->kind != COL_NUMBER && col->kind != COL_VOLUME;
    if (p->an) {
        const int *v = text ? an_texts(p->an, j) : NULL;
        if (v)
            return leaf(p, N_TXTCOL, VT_TXT, v);
        /* not enumerated: the analysis has decided nothing */
        return text ? const_txt(p, T_MISSING) : const_num(p, NAN);
    }
    switch (col->kind) {
    case COL_NUMBER: return leaf(p, N_NUMCOL, VT_NUM, col->num);
    case COL_VOLUME: return leaf(p, N_VOLCOL, VT_NUM, col->num);
    case COL_TEXT: return leaf(p, N_TXTCOL, VT_TXT, col->text);
    case COL_MARKET: {
        const int *map = market_map(p);
        int ni = leaf(p, N_MARKET, VT_TXT, col->text);
        p->nodes[ni].map = map;
        return ni;
    }
    case COL_ID:
        univ_ready(p);
        return leaf(p, N_ID, VT_TXT, NULL);
    }
    return const_num(p, NAN);
}

/* quintile(x) / ntile(x, q): x evaluated for every row, then scored; an
 * equal call elsewhere reuses the scores. */
static int compile_call(Prog *p, const RExpr *e)
{
    for (int i = 0; i < p->ncalls; i++)
        if (expr_same(p->call_expr[i], e))
            return p->call_node[i];
    int ni;
    if (p->an) {
        const uint16_t *v = an_scores(p->an, e);
        ni = v ? leaf(p, N_SCORE, VT_NUM, v) : const_num(p, NAN);
    } else {
        /* quintile/ntile: 1 + floor(q k / n), n the rows with a value, k
         * those whose value is strictly smaller, so ties share a score; 0
         * where x is missing.  x is evaluated twice rather than stored: once
         * to sort the present values' keys, once to score each row;
         * q k < 1000 * 2^32 fits 64 bits. */
        int xa = compile(p, e->a);
        uint64_t *key = xmalloc(sizeof(uint64_t) * (p->n + 1));
        size_t np = 0;
        for (size_t s = 0; s < p->n; s += BLOCK) {
            size_t len = p->n - s < BLOCK ? p->n - s : BLOCK;
            const double *x = eval(p, xa, s, len);
            for (size_t j = 0; j < len; j++)
                if (!isnan(x[j]))
                    key[np++] = sort_key(x[j]);
        }
        radix_sort(key, np);
        /* the score only rises where a run of equal keys starts, at most q
         * times: keep those keys, free the rest, and rank each row against
         * the few thresholds (they stay in the cache) */
        uint64_t q = (uint64_t)e->bins;
        uint64_t *thr = xmalloc(sizeof(uint64_t) * (q + 1));
        uint16_t *thr_score = xmalloc(sizeof(uint16_t) * (q + 1));
        size_t nthr = 0;
        uint64_t cur = 1;
        for (size_t i = 0; i < np; i++) {
            if (i > 0 && key[i] == key[i - 1])
                continue;
            uint64_t s = 1 + q * i / np;
            if (s > cur) {
                thr[nthr] = key[i];
                thr_score[nthr++] = (uint16_t)s;
                cur = s;
            }
        }
        free(key);
        uint16_t *sc = own(p, xmalloc(sizeof(uint16_t) * (p->n + 1)));
        for (size_t s = 0; s < p->n; s += BLOCK) {
            size_t len = p->n - s < BLOCK ? p->n - s : BLOCK;
            const double *x = eval(p, xa, s, len);
            for (size_t j = 0; j < len; j++) {
                if (isnan(x[j])) {
                    sc[s + j] = 0;
                    continue;
                }
                size_t t = rank_of(thr, nthr, sort_key(x[j]) + 1); /* thresholds <= key */
                sc[s + j] = t ? thr_score[t - 1] : 1;
            }
        }
        free(thr);
        free(thr_score);
        ni = leaf(p, N_SCORE, VT_NUM, sc);
    }
    if (p->ncalls == p->capc) {
        p->capc = p->capc ? p->capc * 2 : 8;
        p->call_expr = xrealloc(p->call_expr, sizeof(const RExpr *) * (size_t)p->capc);
        p->call_node = xrealloc(p->call_node, sizeof(int) * (size_t)p->capc);
    }
    p->call_expr[p->ncalls] = e;
    p->call_node[p->ncalls++] = ni;
    return ni;
}

static int compile(Prog *p, const RExpr *e)
{
    switch (e->kind) {
    case RX_NUM: return const_num(p, e->value);
    case RX_TEXT: return const_txt(p, univ_index(p, e->text));
    case RX_BOOL: return const_cond(p, e->truth ? C_TRUE : C_FALSE);
    case RX_COLUMN: return compile_column(p, e->index);
    case RX_LET: return compile_let(p, e->index);
    case RX_CALL: return compile_call(p, e);
    case RX_NEG: return op_node(p, N_NEG, VT_NUM, compile(p, e->a), -1);
    case RX_NOT: return op_node(p, N_NOT, VT_COND, compile(p, e->a), -1);
    case RX_AND: case RX_OR: {
        int a = compile(p, e->a), b = compile(p, e->b);
        return op_node(p, e->kind == RX_AND ? N_AND : N_OR, VT_COND, a, b);
    }
    case RX_ADD: case RX_SUB: case RX_MUL: case RX_DIV: {
        static const Op ops[] = {[RX_ADD] = N_ADD, [RX_SUB] = N_SUB, [RX_MUL] = N_MUL,
                                 [RX_DIV] = N_DIV};
        int a = compile(p, e->a), b = compile(p, e->b);
        return op_node(p, ops[e->kind], VT_NUM, a, b);
    }
    case RX_EQ: case RX_NE: case RX_LT: case RX_LE: case RX_GT: case RX_GE: {
        int a = compile(p, e->a), b = compile(p, e->b);
        return compare(p, e->kind, a, b);
    }
    case RX_IN: {
        int a = compile(p, e->a);
        int *list = own(p, xmalloc(sizeof(int) * ((size_t)e->nitems + 1)));
        for (int i = 0; i < e->nitems; i++)
            list[i] = compile(p, e->items[i]);
        int ni = node_new(p, p->nodes[a].vt == VT_TXT ? N_TIN : N_IN, VT_COND);
        p->nodes[ni].a = a;
        p->nodes[ni].list = list;
        p->nodes[ni].nlist = e->nitems;
        return fold(p, ni);
    }
    }
    return const_num(p, NAN);
}

/* ------------------------------------------------------------ running */

/* The segments a customer can be assigned (Segmentation.segment is int16). */
static int usable_segments(const Model *m)
{
    return m->nsegments < INT16_MAX ? m->nsegments : INT16_MAX;
}

int segment_run(const Model *m, Segmentation *out)
{
    memset(out, 0, sizeof *out);
    const Customers *cu = &m->customers;
    size_t n = cu->present ? cu->n : 0;
    int nseg = usable_segments(m);
    out->n = n;
    out->segment = xmalloc(sizeof(int16_t) * (n + 1));
    out->count = xcalloc((size_t)m->nsegments + 1, sizeof(size_t));
    Prog p;
    prog_init(&p, m, n, NULL);
    int *cond = xmalloc(sizeof(int) * ((size_t)nseg + 1));
    for (int s = 0; s < nseg; s++)
        cond[s] = m->segments[s].when ? compile(&p, m->segments[s].when) : -1;
    size_t assigned = 0;
    for (size_t s0 = 0; s0 < n; s0 += BLOCK) {
        size_t len = n - s0 < BLOCK ? n - s0 : BLOCK;
        int16_t *seg = out->segment + s0;
        for (size_t i = 0; i < len; i++)
            seg[i] = -1;
        size_t left = len;
        /* first match: a customer takes the first rule that is true */
        for (int s = 0; s < nseg && left; s++) {
            size_t before = left;
            if (cond[s] < 0) {
                for (size_t i = 0; i < len; i++)
                    if (seg[i] < 0)
                        seg[i] = (int16_t)s;
                left = 0;
            } else {
                const int8_t *c = eval(&p, cond[s], s0, len);
                for (size_t i = 0; i < len; i++) {
                    int take = (seg[i] < 0) & (c[i] == C_TRUE);
                    seg[i] = take ? (int16_t)s : seg[i];
                    left -= (size_t)take;
                }
            }
            out->count[s] += before - left;
        }
        assigned += len - left;
    }
    out->unsegmented = n - assigned;

    free(cond);
    prog_free(&p);
    return 0;
}

void segment_free(Segmentation *s)
{
    if (!s)
        return;
    free(s->segment);
    free(s->count);
    memset(s, 0, sizeof *s);
}

/* ------------------------------------------------------------ rule analysis */

typedef struct {
    bool text;
    int order;               /* enumeration order (scores by let, texts by column) */
    /* a score */
    const RExpr *call;
    const char *name;        /* the let that is exactly this call, or NULL */
    uint16_t *score;         /* per combination */
    /* a text or market column */
    int col;
    const char **lits;       /* the literals the rules compare it with */
    int nlits, caplits;
    bool other;              /* a present value that is none of them */
    int *value;              /* per combination */
    int dom;                 /* values enumerated */
} Var;

enum { WHY_RAW = 1, WHY_ID, WHY_TWO };

struct Analysis {
    const Model *m;
    Var *vars;
    int nvars, capv;
    bool *let_ok;            /* the let depends on scores and constants only */
    const RExpr *bad;        /* the first comparison the analysis cannot enumerate */
    int why;
};

static const uint16_t *an_scores(Analysis *an, const RExpr *call)
{
    for (int i = 0; i < an->nvars; i++)
        if (!an->vars[i].text && expr_same(an->vars[i].call, call))
            return an->vars[i].score;
    return NULL;
}

static const int *an_texts(Analysis *an, int col)
{
    for (int i = 0; i < an->nvars; i++)
        if (an->vars[i].text && an->vars[i].col == col)
            return an->vars[i].value;
    return NULL;
}

static Var *an_var(Analysis *an)
{
    if (an->nvars == an->capv) {
        an->capv = an->capv ? an->capv * 2 : 8;
        an->vars = xrealloc(an->vars, sizeof(Var) * (size_t)an->capv);
    }
    Var *v = &an->vars[an->nvars++];
    memset(v, 0, sizeof *v);
    return v;
}

static void an_add_score(Analysis *an, const RExpr *call)
{
    for (int i = 0; i < an->nvars; i++)
        if (!an->vars[i].text && expr_same(an->vars[i].call, call))
            return;
    const Model *m = an->m;
    Var *v = an_var(an);
    v->call = call;
    v->order = m->nlets + an->nvars;
    for (int li = 0; li < m->nlets; li++) {
        const RExpr *x = m->lets[li].expr;
        if (x->kind == RX_CALL && expr_same(x, call)) {
            v->name = m->lets[li].n.name;
            v->order = li;
            break;
        }
    }
    v->dom = call->bins;
}

static Var *an_text_var(Analysis *an, int col)
{
    for (int i = 0; i < an->nvars; i++)
        if (an->vars[i].text && an->vars[i].col == col)
            return &an->vars[i];
    Var *v = an_var(an);
    v->text = true;
    v->col = col;
    v->order = col;
    return v;
}

static void var_lit(Var *v, const char *lit)
{
    for (int i = 0; i < v->nlits; i++)
        if (strcmp(v->lits[i], lit) == 0)
            return;
    if (v->nlits == v->caplits) {
        v->caplits = v->caplits ? v->caplits * 2 : 8;
        v->lits = xrealloc(v->lits, sizeof(const char *) * (size_t)v->caplits);
    }
    v->lits[v->nlits++] = lit;
}

static bool an_fail(Analysis *an, const RExpr *at, int why)
{
    if (!an->bad) {
        an->bad = at;
        an->why = why;
    }
    return false;
}

enum { OPD_BAD, OPD_ID, OPD_LIT, OPD_COL };

/* A text operand: a literal, a text or market column (through text lets),
 * or the id column. */
static int text_operand(const Model *m, const RExpr *e, int *col, const char **lit)
{
    if (e->kind == RX_TEXT) {
        *lit = e->text;
        return OPD_LIT;
    }
    if (e->kind == RX_LET)
        return text_operand(m, m->lets[e->index].expr, col, lit);
    if (e->kind != RX_COLUMN)
        return OPD_BAD;
    ColumnKind k = m->customers.cols[e->index].kind;
    if (k == COL_ID)
        return OPD_ID;
    if (k != COL_TEXT && k != COL_MARKET)
        return OPD_BAD;
    *col = e->index;
    return OPD_COL;
}

/* A text comparison (==, !=, in) is enumerated when it compares one text
 * column with literals. */
static bool an_text_cmp(Analysis *an, const RExpr *e)
{
    /* the operands after a: b, or the list */
    const RExpr *const *rest = e->kind == RX_IN ? e->items : &e->b;
    int nrest = e->kind == RX_IN ? e->nitems : 1;
    int col = -1;
    for (int pass = 0; pass < 2; pass++) {
        Var *v = pass && col >= 0 ? an_text_var(an, col) : NULL;
        for (int k = -1; k < nrest; k++) {
            int c = -1;
            const char *lit = NULL;
            int kind = text_operand(an->m, k < 0 ? e->a : rest[k], &c, &lit);
            if (pass == 0) {
                if (kind == OPD_ID)
                    return an_fail(an, e, WHY_ID);
                if (kind == OPD_BAD || (kind == OPD_COL && col >= 0 && c != col))
                    return an_fail(an, e, WHY_TWO);
                if (kind == OPD_COL)
                    col = c;
            } else if (v && kind == OPD_LIT)
                var_lit(v, lit);
        }
    }
    return true;
}

/* Whether e depends on scores, constants and enumerated text comparisons
 * only; collects the scores and text columns.  cmp is the comparison e is
 * part of, for the note. */
static bool an_expr(Analysis *an, const RExpr *e, const RExpr *cmp)
{
    const Model *m = an->m;
    switch (e->kind) {
    case RX_NUM: case RX_TEXT: case RX_BOOL: return true;
    case RX_CALL:
        an_add_score(an, e);
        return true;
    case RX_LET: {
        const RExpr *x = m->lets[e->index].expr;
        if (x->kind == RX_CALL) {
            an_add_score(an, x);
            return true;
        }
        if (!an->let_ok[e->index] && !an_expr(an, x, cmp))
            return false;
        an->let_ok[e->index] = true;
        return true;
    }
    case RX_COLUMN: {
        ColumnKind k = m->customers.cols[e->index].kind;
        return an_fail(an, cmp ? cmp : e,
                       k == COL_ID ? WHY_ID : k == COL_NUMBER || k == COL_VOLUME ? WHY_RAW : WHY_TWO);
    }
    case RX_NEG: case RX_NOT: return an_expr(an, e->a, cmp);
    case RX_AND: case RX_OR: case RX_ADD: case RX_SUB: case RX_MUL: case RX_DIV:
        return an_expr(an, e->a, cmp) && an_expr(an, e->b, cmp);
    case RX_EQ: case RX_NE: case RX_LT: case RX_LE: case RX_GT: case RX_GE:
        if (e->a->type == T_TEXT)
            return an_text_cmp(an, e);
        return an_expr(an, e->a, e) && an_expr(an, e->b, e);
    case RX_IN:
        if (e->a->type == T_TEXT)
            return an_text_cmp(an, e);
        if (!an_expr(an, e->a, e))
            return false;
        for (int i = 0; i < e->nitems; i++)
            if (!an_expr(an, e->items[i], e))
                return false;
        return true;
    }
    return an_fail(an, cmp ? cmp : e, WHY_RAW);
}

static int var_cmp(const void *pa, const void *pb)
{
    const Var *a = pa, *b = pb;
    if (a->text != b->text)
        return a->text ? 1 : -1;
    return (a->order > b->order) - (a->order < b->order);
}

/* A text variable's values: the literals it can hold, then `other`.  A
 * market column holds only markets with customers. */
static void text_domain(const Model *m, Var *v)
{
    if (m->customers.cols[v->col].kind == COL_MARKET) {
        int keep = 0;
        for (int i = 0; i < v->nlits; i++)
            for (int k = 0; k < m->nmarkets; k++)
                if (m->markets[k].from_customers && strcmp(m->markets[k].n.name, v->lits[i]) == 0) {
                    v->lits[keep++] = v->lits[i];
                    break;
                }
        v->nlits = keep;
        for (int k = 0; k < m->nmarkets && !v->other; k++) {
            if (!m->markets[k].from_customers)
                continue;
            bool named = false;
            for (int i = 0; i < v->nlits; i++)
                named |= strcmp(m->markets[k].n.name, v->lits[i]) == 0;
            v->other = !named;
        }
    } else
        v->other = true;
    if (v->nlits == 0)
        v->other = true;
    v->dom = v->nlits + v->other;
}

/* Combination `row` of the enumeration: the digits of row in the mixed
 * radix of the variables' domains, the first variable the most significant. */
static int digit_of(const Analysis *an, size_t row, int var)
{
    for (int i = an->nvars - 1; i > var; i--)
        row /= (size_t)an->vars[i].dom;
    return (int)(row % (size_t)an->vars[var].dom);
}

/* One combination in words: `r = 1, f = 5, channel = "horeca"`. */
static void put_combination(Buf *b, const Model *m, const Analysis *an, size_t row)
{
    for (int i = 0; i < an->nvars; i++) {
        const Var *v = &an->vars[i];
        int d = digit_of(an, row, i);
        if (i)
            buf_puts(b, ", ");
        if (!v->text) {
            if (v->name)
                buf_puts(b, v->name);
            else
                rexpr_put(b, v->call, REXPR_INNER);
            buf_printf(b, " = %d", d + 1);
            continue;
        }
        buf_puts(b, m->customers.cols[v->col].name);
        if (d < v->nlits) {
            buf_puts(b, " = ");
            text_put_label(b, v->lits[d]);
        } else if (v->nlits == 0)
            buf_puts(b, " = any value");
        else if (v->nlits == 1) {
            buf_puts(b, " != ");
            text_put_label(b, v->lits[0]);
        } else {
            buf_puts(b, " not in (");
            for (int k = 0; k < v->nlits; k++) {
                if (k)
                    buf_puts(b, ", ");
                text_put_label(b, v->lits[k]);
            }
            buf_putc(b, ')');
        }
    }
}

/* "`a`, `b` and `c`", at most five names. */
static void put_segment_names(Buf *b, const Model *m, const int *segs, int n)
{
    int shown = n > 5 ? 4 : n;
    for (int i = 0; i < shown; i++) {
        if (i)
            buf_puts(b, i == n - 1 ? " and " : ", ");
        buf_printf(b, "`%s`", m->segments[segs[i]].n.name);
    }
    if (shown < n)
        buf_printf(b, " and %d more", n - shown);
}

static const char *const why_text[] = {
    [WHY_RAW] = "compares a raw value, not a score",
    [WHY_ID] = "compares customer ids",
    [WHY_TWO] = "compares two text columns",
};

/* Enumerate every combination of the scores and text values the first na
 * rules use, run the rules over them and say which rules no combination
 * reaches first and, with gaps, which combinations no rule matches. */
static void decide(const Model *m, Diag *d, int na, bool gaps)
{
    if (na == 0)
        return;
    Analysis an = {0};
    an.m = m;
    an.let_ok = xcalloc((size_t)m->nlets + 1, sizeof(bool));
    for (int s = 0; s < na; s++)
        if (!an_expr(&an, m->segments[s].when, NULL))
            break;
    Prog p;
    bool have_prog = false;
    int *cond = NULL;
    size_t *first_count = NULL;
    bool *ever = NULL;
    uint8_t *cover = NULL;
    if (an.bad) {
        Buf b = {0};
        rexpr_put(&b, an.bad, REXPR_INNER);
        diag_note(d, an.bad->span,
                  "rule analysis cannot decide which rules overlap or leave gaps, because `%s` %s",
                  buf_str(&b), why_text[an.why]);
        free(b.s);
        goto done;
    }
    if (an.nvars > 1)
        qsort(an.vars, (size_t)an.nvars, sizeof(Var), var_cmp);
    double total = 1;
    bool any_score = false, any_text = false;
    for (int i = 0; i < an.nvars; i++) {
        Var *v = &an.vars[i];
        if (v->text)
            text_domain(m, v);
        any_score |= !v->text;
        any_text |= v->text;
        total *= v->dom;
    }
    const char *what = !any_text ? "score combinations"
                       : !any_score ? "value combinations"
                                    : "combinations of scores and values";
    const char *what1 = !any_text ? "score combination"
                        : !any_score ? "value combination"
                                     : "combination of scores and values";
    if (total > MAX_COMBINATIONS) {
        diag_note(d, m->segments[0].n.span,
                  "rule analysis cannot decide which rules overlap or leave gaps: the rules "
                  "combine %.0f %s, more than the %.0f it enumerates",
                  total, what, MAX_COMBINATIONS);
        goto done;
    }
    size_t rows = (size_t)total;
    prog_init(&p, m, rows, &an);
    have_prog = true;
    /* the synthetic columns: row r holds combination r */
    for (int i = 0; i < an.nvars; i++) {
        Var *v = &an.vars[i];
        int *lit_value = xmalloc(sizeof(int) * ((size_t)v->dom + 1));
        for (int k = 0; k < v->dom; k++)
            lit_value[k] = k < v->nlits ? univ_index(&p, v->lits[k]) : T_OTHER;
        if (v->text)
            v->value = xmalloc(sizeof(int) * (rows + 1));
        else
            v->score = xmalloc(sizeof(uint16_t) * (rows + 1));
        size_t stride = 1;
        for (int j = i + 1; j < an.nvars; j++)
            stride *= (size_t)an.vars[j].dom;
        for (size_t r = 0; r < rows; r++) {
            int dg = (int)(r / stride % (size_t)v->dom);
            if (v->text)
                v->value[r] = lit_value[dg];
            else
                v->score[r] = (uint16_t)(dg + 1);
        }
        free(lit_value);
    }
    cond = xmalloc(sizeof(int) * (size_t)na);
    for (int s = 0; s < na; s++)
        cond[s] = compile(&p, m->segments[s].when);
    first_count = xcalloc((size_t)na, sizeof(size_t));
    ever = xcalloc((size_t)na, sizeof(bool));
    if (na <= 2048)
        cover = xcalloc((size_t)na * (size_t)na, 1); /* cover[s][t]: t takes some of s */
    size_t unmatched = 0, example = 0;
    int16_t first[BLOCK];
    for (size_t s0 = 0; s0 < rows; s0 += BLOCK) {
        size_t len = rows - s0 < BLOCK ? rows - s0 : BLOCK;
        for (size_t i = 0; i < len; i++)
            first[i] = -1;
        for (int s = 0; s < na; s++) {
            const int8_t *c = eval(&p, cond[s], s0, len);
            for (size_t i = 0; i < len; i++) {
                if (c[i] != C_TRUE)
                    continue;
                ever[s] = true;
                if (first[i] < 0)
                    first[i] = (int16_t)s;
                else if (cover)
                    cover[(size_t)s * (size_t)na + (size_t)first[i]] = 1;
            }
        }
        for (size_t i = 0; i < len; i++) {
            if (first[i] >= 0)
                first_count[first[i]]++;
            else if (unmatched++ == 0)
                example = s0 + i;
        }
    }
    for (int s = 0; s < na; s++) {
        if (first_count[s])
            continue;
        const Segment *sg = &m->segments[s];
        if (!ever[s]) {
            diag_warning(d, sg->n.span, "segment `%s` can never match: its rule is never true",
                         sg->n.name);
            if (any_score)
                diag_hint(d, "no %s makes it true; quintile scores run from 1 to 5, "
                             "ntile(x, q) scores from 1 to q", what1);
            else if (any_text)
                diag_hint(d, "no %s makes it true", what1);
            continue;
        }
        diag_warning(d, sg->n.span,
                     "segment `%s` can never match: earlier rules take every customer it would match",
                     sg->n.name);
        if (cover) {
            int *by = xmalloc(sizeof(int) * (size_t)na);
            int nby = 0;
            for (int t = 0; t < s; t++)
                if (cover[(size_t)s * (size_t)na + (size_t)t])
                    by[nby++] = t;
            Buf b = {0};
            put_segment_names(&b, m, by, nby);
            diag_hint(d, "the customers it would match go to %s first", buf_str(&b));
            free(b.s);
            free(by);
        }
    }
    if (gaps && unmatched) {
        const Segment *last = &m->segments[na - 1];
        if (an.nvars == 0)
            diag_warning(d, last->n.span, "no rule matches any customer");
        else {
            Buf b = {0};
            put_combination(&b, m, &an, example);
            diag_warning(d, last->n.span, "no rule matches %zu of %zu %s, e.g. %s", unmatched,
                         rows, what, buf_str(&b));
            free(b.s);
        }
        diag_hint(d, "add a final rule without `when` to catch the rest, or extend the rules");
    }
done:
    if (have_prog)
        prog_free(&p);
    for (int i = 0; i < an.nvars; i++) {
        free(an.vars[i].lits);
        free(an.vars[i].score);
        free(an.vars[i].value);
    }
    free(an.vars);
    free(an.let_ok);
    free(cond);
    free(first_count);
    free(ever);
    free(cover);
}

void segment_analyze(const Model *m, Diag *d)
{
    int nseg = usable_segments(m);
    int all = -1; /* the first rule without `when` */
    for (int s = 0; s < nseg && all < 0; s++)
        if (!m->segments[s].when)
            all = s;
    /* the rules before it are analysed; a catch-all leaves no gap (and is
     * never itself reported: it takes the customers with missing values) */
    decide(m, d, all >= 0 ? all : nseg, all < 0);
    for (int s = all + 1; all >= 0 && s < nseg; s++) {
        diag_warning(d, m->segments[s].n.span,
                     "segment `%s` can never match: earlier rules take every customer it would match",
                     m->segments[s].n.name);
        diag_hint(d, "segment `%s` has no `when`: it takes every customer that reaches it",
                  m->segments[all].n.name);
    }
}
