/* rexpr.c — printing resolved expressions (see rexpr.h). */
#include "rexpr.h"

const char *rexpr_op(RExprKind k)
{
    switch (k) {
    case RX_AND: return "and";
    case RX_OR: return "or";
    case RX_EQ: return "==";
    case RX_NE: return "!=";
    case RX_LT: return "<";
    case RX_LE: return "<=";
    case RX_GT: return ">";
    case RX_GE: return ">=";
    case RX_ADD: return "+";
    case RX_SUB: return "-";
    case RX_MUL: return "*";
    case RX_DIV: return "/";
    default: return "?";
    }
}

/* Recursion is bounded by the parser's expression depth limit. */
static void put(Buf *b, const RExpr *e, unsigned flags)
{
    bool own_parens = !(flags & REXPR_INNER);
    flags &= ~(unsigned)REXPR_INNER;
    if (own_parens)
        for (int i = 0; i < e->parens; i++)
            buf_putc(b, '(');
    switch (e->kind) {
    case RX_NUM: text_put_num(b, e->sign, e->digits, e->unit); break;
    case RX_TEXT: text_put_label(b, e->text); break;
    case RX_COLUMN: case RX_LET: buf_puts(b, e->text); break;
    case RX_BOOL: buf_puts(b, e->truth ? "true" : "false"); break;
    case RX_CALL:
        buf_puts(b, e->text);
        buf_putc(b, '(');
        put(b, e->a, flags);
        if (e->b) {
            buf_puts(b, ", ");
            put(b, e->b, flags);
        }
        buf_putc(b, ')');
        break;
    case RX_NEG:
        /* `--` starts an SQL comment: `- -x` there */
        buf_puts(b, (flags & REXPR_COMMENT) && !e->a->parens &&
                            (e->a->kind == RX_NEG || (e->a->kind == RX_NUM && e->a->sign))
                        ? "- " : "-");
        put(b, e->a, flags);
        break;
    case RX_NOT:
        buf_puts(b, "not ");
        put(b, e->a, flags);
        break;
    case RX_IN:
        put(b, e->a, flags);
        buf_puts(b, " in (");
        for (int i = 0; i < e->nitems; i++) {
            if (i)
                buf_puts(b, ", ");
            put(b, e->items[i], flags);
        }
        buf_putc(b, ')');
        break;
    default:
        put(b, e->a, flags);
        buf_putc(b, ' ');
        buf_puts(b, rexpr_op(e->kind));
        buf_putc(b, ' ');
        put(b, e->b, flags);
        break;
    }
    if (own_parens)
        for (int i = 0; i < e->parens; i++)
            buf_putc(b, ')');
}

void rexpr_put(Buf *b, const RExpr *e, unsigned flags)
{
    if (e)
        put(b, e, flags);
}
