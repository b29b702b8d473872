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
 * The same program decides the rule analysis (segment_analysis.c). */
#include "segment_int.h"

#include "xalloc.h"

#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* ------------------------------------------------------------ expressions */

/* Two expressions mean the same (parentheses aside): a quintile is the
 * ntile with 5 bins; numbers compare in base units. */
bool seg_expr_same(const RExpr *a, const RExpr *b)
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
    case RX_CALL: return a->bins == b->bins && seg_expr_same(a->a, b->a);
    case RX_IN:
        if (a->nitems != b->nitems || !seg_expr_same(a->a, b->a))
            return false;
        for (int i = 0; i < a->nitems; i++)
            if (!seg_expr_same(a->items[i], b->items[i]))
                return false;
        return true;
    default: return seg_expr_same(a->a, b->a) && seg_expr_same(a->b, b->b);
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

typedef struct Node {
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


static void *own(Prog *p, void *ptr)
{
    if (p->nowned == p->capo) {
        p->capo = p->capo ? p->capo * 2 : 64;
        p->owned = xrealloc(p->owned, sizeof(void *) * p->capo);
    }
    p->owned[p->nowned++] = ptr;
    return ptr;
}

void seg_prog_init(Prog *p, const Model *m, size_t n, Analysis *an)
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

void seg_prog_free(Prog *p)
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
int seg_text_value(Prog *p, const char *s)
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

/* Each evaluator below fills node nd's buffer with its values for rows
 * s .. s+len-1 from its operands' and returns it. */

/* The leaves whose per-row data needs converting: a product column (a
 * missing base volume is 0), scores, markets and ids.  A leaf may be used
 * by several nodes: the block it holds is remembered. */
static const void *eval_leaf(Prog *p, Node *nd, size_t s, size_t len)
{
    switch ((Op)nd->op) {
    case N_VOLCOL: {
        const double *x = (const double *)nd->data + s;
        double *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = isnan(x[i]) ? 0 : x[i];
        break;
    }
    case N_SCORE: {
        const uint16_t *x = (const uint16_t *)nd->data + s;
        double *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = x[i] ? (double)x[i] : NAN;
        break;
    }
    case N_MARKET: {
        const int *x = (const int *)nd->data + s;
        int *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = x[i] < 0 ? T_MISSING : nd->map[x[i]];
        break;
    }
    default: { /* N_ID */
        const Customers *cu = p->cu;
        int *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = cu->id_at ? univ_find(p, cu->id_text + cu->id_at[s + i]) : T_MISSING;
        break;
    }
    }
    nd->at = s;
    nd->len = len;
    return nd->buf;
}

/* -a, a + b, a - b, a * b, a / b (x / 0 is missing). */
static const void *eval_arith(Prog *p, Node *nd, size_t s, size_t len)
{
    if (nd->op == N_NEG) {
        const double *a = seg_eval(p, nd->a, s, len);
        double *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = -a[i];
        return o;
    }
    const double *a = seg_eval(p, nd->a, s, len), *b = seg_eval(p, nd->b, s, len);
    double *o = nd->buf;
    switch ((Op)nd->op) {
    case N_ADD: for (size_t i = 0; i < len; i++) o[i] = a[i] + b[i]; break;
    case N_SUB: for (size_t i = 0; i < len; i++) o[i] = a[i] - b[i]; break;
    case N_MUL: for (size_t i = 0; i < len; i++) o[i] = a[i] * b[i]; break;
    default:    for (size_t i = 0; i < len; i++) o[i] = b[i] == 0 ? NAN : a[i] / b[i]; break;
    }
    return o;
}

/* Numbers compared, with a number or (the K ops) the constant k: an
 * ordered comparison with NaN is false, and 2 is added for unknown. */
static const void *eval_compare(Prog *p, Node *nd, size_t s, size_t len)
{
    const double *a = seg_eval(p, nd->a, s, len);
    int8_t *o = nd->buf;
    if (nd->op >= N_LTK) {
        const double k = nd->k;
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
    const double *b = seg_eval(p, nd->b, s, len);
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

/* Texts compared (== or !=), with a text or the constant ki. */
static const void *eval_text(Prog *p, Node *nd, size_t s, size_t len)
{
    if (nd->op == N_TEQK || nd->op == N_TNEK) {
        const int *a = seg_eval(p, nd->a, s, len);
        const int k = nd->ki;
        int8_t *o = nd->buf;
        int8_t eq = nd->op == N_TEQK;
        for (size_t i = 0; i < len; i++)
            o[i] = a[i] == T_MISSING ? C_UNKNOWN : (int8_t)((a[i] == k) == eq);
        return o;
    }
    const int *a = seg_eval(p, nd->a, s, len), *b = seg_eval(p, nd->b, s, len);
    int8_t *o = nd->buf;
    int8_t eq = nd->op == N_TEQ;
    for (size_t i = 0; i < len; i++)
        o[i] = a[i] == T_MISSING || b[i] == T_MISSING ? C_UNKNOWN
                                                      : (int8_t)((a[i] == b[i]) == eq);
    return o;
}

/* a in (x1, x2, ...) over numbers (N_IN) or texts (N_TIN). */
static const void *eval_in(Prog *p, Node *nd, size_t s, size_t len)
{
    if (nd->op == N_TIN) {
        const int *a = seg_eval(p, nd->a, s, len);
        int8_t *o = nd->buf;
        memset(o, C_FALSE, len);
        for (int j = 0; j < nd->nlist; j++) {
            const int *b = seg_eval(p, nd->list[j], s, len);
            for (size_t i = 0; i < len; i++)
                if (o[i] != C_TRUE)
                    o[i] = b[i] == T_MISSING ? C_UNKNOWN : a[i] == b[i] ? C_TRUE : o[i];
        }
        for (size_t i = 0; i < len; i++)
            if (a[i] == T_MISSING)
                o[i] = C_UNKNOWN;
        return o;
    }
    /* a = x1 or a = x2 or ...: true if one is, else unknown if one is */
    const double *a = seg_eval(p, nd->a, s, len);
    int8_t *o = nd->buf;
    memset(o, C_FALSE, len);
    for (int j = 0; j < nd->nlist; j++) {
        const double *b = seg_eval(p, nd->list[j], s, len);
        for (size_t i = 0; i < len; i++)
            if (o[i] != C_TRUE)
                o[i] = a[i] == b[i] ? C_TRUE : isnan(b[i]) ? C_UNKNOWN : o[i];
    }
    for (size_t i = 0; i < len; i++)
        if (isnan(a[i]))
            o[i] = C_UNKNOWN;
    return o;
}

/* not, and, or in three-valued logic. */
static const void *eval_logic(Prog *p, Node *nd, size_t s, size_t len)
{
    if (nd->op == N_NOT) {
        const int8_t *a = seg_eval(p, nd->a, s, len);
        int8_t *o = nd->buf;
        for (size_t i = 0; i < len; i++)
            o[i] = (int8_t)(a[i] == C_UNKNOWN ? C_UNKNOWN : 1 - a[i]);
        return o;
    }
    if (nd->op == N_AND) {
        /* false wins, then unknown */
        const int8_t *a = seg_eval(p, nd->a, s, len), *b = seg_eval(p, nd->b, s, len);
        int8_t *o = nd->buf;
        /* both non-zero: a | b is 1 when both are true, 2 or 3 otherwise */
        for (size_t i = 0; i < len; i++)
            o[i] = (int8_t)(((a[i] != 0) & (b[i] != 0)) * (1 + ((a[i] | b[i]) != 1)));
        return o;
    }
    /* true wins, then unknown */
    const int8_t *a = seg_eval(p, nd->a, s, len), *b = seg_eval(p, nd->b, s, len);
    int8_t *o = nd->buf;
    /* neither true: a | b is 0 or 2 */
    for (size_t i = 0; i < len; i++) {
        int t = (a[i] == C_TRUE) | (b[i] == C_TRUE);
        o[i] = (int8_t)(t | ((a[i] | b[i]) & ~(t << 1)));
    }
    return o;
}

/* The values of node ni for rows s .. s+len-1 (len <= BLOCK): a pointer
 * into a column or a materialized let, or the node's buffer. */
const void *seg_eval(Prog *p, int ni, size_t s, size_t len)
{
    Node *nd = &p->nodes[ni];
    if (nd->at == s && nd->len == len)
        return nd->buf; /* a leaf used again in the same block */
    switch ((Op)nd->op) {
    case N_NUMCOL: return (const double *)nd->data + s;
    case N_TXTCOL: return (const int *)nd->data + s;
    case N_CONDCOL: return (const int8_t *)nd->data + s;
    case N_CONST: return nd->buf;
    case N_VOLCOL: case N_SCORE: case N_MARKET: case N_ID: return eval_leaf(p, nd, s, len);
    case N_NEG: case N_ADD: case N_SUB: case N_MUL: case N_DIV: return eval_arith(p, nd, s, len);
    case N_LT: case N_LE: case N_GT: case N_GE: case N_EQ: case N_NE:
    case N_LTK: case N_LEK: case N_GTK: case N_GEK: case N_EQK: case N_NEK:
        return eval_compare(p, nd, s, len);
    case N_TEQ: case N_TNE: case N_TEQK: case N_TNEK: return eval_text(p, nd, s, len);
    case N_IN: case N_TIN: return eval_in(p, nd, s, len);
    case N_NOT: case N_AND: case N_OR: return eval_logic(p, nd, s, len);
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
    const void *v = seg_eval(p, ni, 0, 1);
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
        memcpy(data + s * size, seg_eval(p, ni, s, len), len * size);
    }
    return leaf(p, vt == VT_NUM ? N_NUMCOL : vt == VT_TXT ? N_TXTCOL : N_CONDCOL, vt, data);
}

static int compile_let(Prog *p, int li)
{
    if (p->let_node[li] < 0)
        p->let_node[li] = materialize(p, seg_compile(p, p->m->lets[li].expr));
    return p->let_node[li];
}

static const int *market_map(Prog *p)
{
    if (!p->market_text) {
        p->market_text = own(p, xmalloc(sizeof(int) * ((size_t)p->m->nmarkets + 1)));
        for (int i = 0; i < p->m->nmarkets; i++)
            p->market_text[i] = seg_text_value(p, p->m->markets[i].n.name);
    }
    return p->market_text;
}

static int compile_column(Prog *p, int j)
{
    const Column *col = &p->cu->cols[j];
    bool text = col->kind != COL_NUMBER && col->kind != COL_VOLUME;
    if (p->an) {
        const int *v = text ? seg_an_texts(p->an, j) : NULL;
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
        if (seg_expr_same(p->call_expr[i], e))
            return p->call_node[i];
    int ni;
    if (p->an) {
        const uint16_t *v = seg_an_scores(p->an, e);
        ni = v ? leaf(p, N_SCORE, VT_NUM, v) : const_num(p, NAN);
    } else {
        /* quintile/ntile: 1 + floor(q k / n), n the rows with a value, k
         * those whose value is strictly smaller, so ties share a score; 0
         * where x is missing.  x is evaluated twice rather than stored: once
         * to sort the present values' keys, once to score each row;
         * q k < 1000 * 2^32 fits 64 bits. */
        int xa = seg_compile(p, e->a);
        uint64_t *key = xmalloc(sizeof(uint64_t) * (p->n + 1));
        size_t np = 0;
        for (size_t s = 0; s < p->n; s += BLOCK) {
            size_t len = p->n - s < BLOCK ? p->n - s : BLOCK;
            const double *x = seg_eval(p, xa, s, len);
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
            const double *x = seg_eval(p, xa, s, len);
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

int seg_compile(Prog *p, const RExpr *e)
{
    switch (e->kind) {
    case RX_NUM: return const_num(p, e->value);
    case RX_TEXT: return const_txt(p, seg_text_value(p, e->text));
    case RX_BOOL: return const_cond(p, e->truth ? C_TRUE : C_FALSE);
    case RX_COLUMN: return compile_column(p, e->index);
    case RX_LET: return compile_let(p, e->index);
    case RX_CALL: return compile_call(p, e);
    case RX_NEG: return op_node(p, N_NEG, VT_NUM, seg_compile(p, e->a), -1);
    case RX_NOT: return op_node(p, N_NOT, VT_COND, seg_compile(p, e->a), -1);
    case RX_AND: case RX_OR: {
        int a = seg_compile(p, e->a), b = seg_compile(p, e->b);
        return op_node(p, e->kind == RX_AND ? N_AND : N_OR, VT_COND, a, b);
    }
    case RX_ADD: case RX_SUB: case RX_MUL: case RX_DIV: {
        static const Op ops[] = {[RX_ADD] = N_ADD, [RX_SUB] = N_SUB, [RX_MUL] = N_MUL,
                                 [RX_DIV] = N_DIV};
        int a = seg_compile(p, e->a), b = seg_compile(p, e->b);
        return op_node(p, ops[e->kind], VT_NUM, a, b);
    }
    case RX_EQ: case RX_NE: case RX_LT: case RX_LE: case RX_GT: case RX_GE: {
        int a = seg_compile(p, e->a), b = seg_compile(p, e->b);
        return compare(p, e->kind, a, b);
    }
    case RX_IN: {
        int a = seg_compile(p, e->a);
        int *list = own(p, xmalloc(sizeof(int) * ((size_t)e->nitems + 1)));
        for (int i = 0; i < e->nitems; i++)
            list[i] = seg_compile(p, e->items[i]);
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
int seg_usable(const Model *m)
{
    return m->nsegments < INT16_MAX ? m->nsegments : INT16_MAX;
}

int segment_run(const Model *m, Segmentation *out)
{
    memset(out, 0, sizeof *out);
    const Customers *cu = &m->customers;
    size_t n = cu->present ? cu->n : 0;
    int nseg = seg_usable(m);
    out->n = n;
    out->segment = xmalloc(sizeof(int16_t) * (n + 1));
    out->count = xcalloc((size_t)m->nsegments + 1, sizeof(size_t));
    Prog p;
    seg_prog_init(&p, m, n, NULL);
    int *cond = xmalloc(sizeof(int) * ((size_t)nseg + 1));
    for (int s = 0; s < nseg; s++)
        cond[s] = m->segments[s].when ? seg_compile(&p, m->segments[s].when) : -1;
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
                const int8_t *c = seg_eval(&p, cond[s], s0, len);
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
    seg_prog_free(&p);
    return 0;
}

/* Per segment, market and product: the base volume of the segment's
 * customers of that market (a missing volume is 0), whatever their
 * strategy offers.  Summed in customer order, as lp.c sums the classes. */
void segment_base_volumes(const Model *m, const Segmentation *seg, double *out)
{
    const Customers *cu = &m->customers;
    if (!cu->present || cu->market_col < 0)
        return;
    const int *mkt = cu->cols[cu->market_col].text;
    size_t nm = (size_t)m->nmarkets, np = (size_t)m->nproducts;
    for (int j = 0; j < cu->ncols; j++) {
        const Column *col = &cu->cols[j];
        if (col->kind != COL_VOLUME || !col->num)
            continue;
        for (size_t i = 0; i < cu->n && i < seg->n; i++) {
            int s = seg->segment[i], mk = mkt[i];
            if (s < 0 || mk < 0 || isnan(col->num[i]))
                continue;
            out[((size_t)s * nm + (size_t)mk) * np + (size_t)col->product] += col->num[i];
        }
    }
}

void segment_free(Segmentation *s)
{
    if (!s)
        return;
    free(s->segment);
    free(s->count);
    memset(s, 0, sizeof *s);
}

