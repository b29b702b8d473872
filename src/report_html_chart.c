/* report_html_chart.c — grouped bar charts as inline SVG, for the periods
 * of a year and the cases of --all-scenarios side by side.  One scale per
 * chart, from its least value (or 0) to its greatest (or 0); each bar's
 * exact value in its <title>. */
#include "report_html_int.h"

#include <math.h>

enum { CH_LEFT = 8, CH_TOP = 26, CH_PLOT_H = 150, CH_BOTTOM = 34, CH_BAR = 14, CH_GAP = 12 };

/* The value of a bar as the text report prints it, with the unit. */
static void bar_title(const HxBars *c, int s, int k, FILE *out)
{
    double v = c->v[s * c->ncat + k];
    fputs("<title>", out);
    hx_esc(out, c->cats[k]);
    fputs(", ", out);
    hx_esc(out, c->series[s]);
    fprintf(out, ": %s %s</title>", c->money ? rep_money(v).s : rep_tonnes(v).s, c->unit);
}

/* The series' names, each beside a swatch of its colour. */
static void legend(const HxBars *c, FILE *out)
{
    double x = CH_LEFT;
    for (int s = 0; s < c->nseries && c->nseries > 1; s++) {
        fprintf(out, "<rect class=\"s%d\" x=\"%.1f\" y=\"%.1f\" width=\"10\" height=\"10\"/>"
                     "<text class=\"legend\" x=\"%.1f\" y=\"%.1f\">", s, x, 14.0, x + 14, 23.0);
        hx_esc(out, c->series[s]);
        fputs("</text>", out);
        x += 24 + 7.0 * (double)text_width(c->series[s]);
    }
}

void hx_bars(const HxBars *c, FILE *out)
{
    double lo = 0, hi = 0;
    for (int i = 0; i < c->ncat * c->nseries; i++)
        if (!isnan(c->v[i]))
            lo = fmin(lo, c->v[i]), hi = fmax(hi, c->v[i]);
    double span = hi - lo > 0 ? hi - lo : 1;
    double group = c->nseries * CH_BAR + CH_GAP; /* wide enough for its name */
    for (int k = 0; k < c->ncat; k++)
        group = fmax(group, 7.0 * (double)text_width(c->cats[k]) + CH_GAP);
    double width = CH_LEFT * 2 + c->ncat * group;
    double zero = CH_TOP + CH_PLOT_H * hi / span; /* y of the value 0 */
    double height = CH_TOP + CH_PLOT_H + CH_BOTTOM;
    fputs("<figure class=\"bars\"><figcaption>", out);
    hx_esc(out, c->title);
    fprintf(out, " (%s; greatest %s, least %s)</figcaption>\n", c->unit,
            c->money ? rep_money(hi).s : rep_tonnes(hi).s,
            c->money ? rep_money(lo).s : rep_tonnes(lo).s);
    fprintf(out, "<svg viewBox=\"0 0 %.0f %.0f\" width=\"%.0f\" role=\"img\">\n", width, height, width);
    legend(c, out);
    for (int k = 0; k < c->ncat; k++) {
        double x0 = CH_LEFT + k * group + (group - c->nseries * CH_BAR) / 2;
        for (int s = 0; s < c->nseries; s++) {
            double v = c->v[s * c->ncat + k];
            if (isnan(v))
                continue;
            double h = CH_PLOT_H * fabs(v) / span;
            fprintf(out, "<g><rect class=\"s%d\" x=\"%.1f\" y=\"%.1f\" width=\"%d\" height=\"%.1f\"/>",
                    s, x0 + s * CH_BAR, v >= 0 ? zero - h : zero, CH_BAR - 2, h);
            bar_title(c, s, k, out);
            fputs("</g>\n", out);
        }
        fprintf(out, "<text class=\"cat\" x=\"%.1f\" y=\"%.1f\">", x0 + c->nseries * CH_BAR / 2.0,
                CH_TOP + CH_PLOT_H + 16.0);
        hx_esc(out, c->cats[k]);
        fputs("</text>\n", out);
    }
    fprintf(out, "<line class=\"axis\" x1=\"%d\" x2=\"%.1f\" y1=\"%.1f\" y2=\"%.1f\"/>\n",
            CH_LEFT, width - CH_LEFT, zero, zero);
    fputs("</svg></figure>\n", out);
}
