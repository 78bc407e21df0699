/* series_geometry.c — a decimated series (rp_decimation) as a path of viewport px points.
 *
 * Raw mode: one point per sample. Column mode (≥ 2 samples a column): per column, in time order,
 * first → the two extremes (min and max, ordered by their indices) → last, each at its own
 * sample's x. The min→max segment is the column's vertical span (a bar one line width wide with
 * AA edges), and last of column k → first of column k+1 is the connector; so the vertices (and
 * the pixels shaded) follow the columns, never the sample count.
 * NaN breaks the path (a column of only NaN is a gap; a NaN first / last breaks the connection to
 * the neighbouring column); ±Inf is drawn at the plot's top / bottom edge; empty columns are
 * skipped (the neighbours connect across them). before / after extend the line to the plot edges,
 * and everything is clipped (scissor) to tf->plot. */
#include <math.h>

#include "render/draw.h"
#include "render/draw_path.h"

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */
static void emit_sample(rp_draw *d, const rp_plot_transform *tf, double x, float v)
{
    if (isnan(v) || isnan(x)) {
        rp_draw_path_break(d);
        return;
    }
    double px, py;
    rp_plot_transform_apply(tf, x, (double)v, &px, &py);
    rp_draw_path_point(d, px, py);
}

static void emit_column(rp_draw *d, const rp_plot_transform *tf, const rp_m4 *e)
{
    if (e->end <= e->start)
        return; /* empty column: the neighbours connect across it */
    bool finite = (e->flags & RP_M4_FINITE) != 0;
    bool pos_inf = (e->flags & RP_M4_POS_INF) != 0;
    bool neg_inf = (e->flags & RP_M4_NEG_INF) != 0;
    if (!finite && !pos_inf && !neg_inf) { /* only NaN: a gap */
        rp_draw_path_break(d);
        return;
    }
    if (isnan(e->first))
        rp_draw_path_break(d);
    else
        emit_sample(d, tf, e->first_x, e->first);

    /* The extremes: finite min / max (or the plot edge for ±Inf, whose index is not kept). */
    double mid_x = 0.5 * (e->first_x + e->last_x);
    bool has_lo = finite || neg_inf, has_hi = finite || pos_inf;
    double lo_x = neg_inf ? mid_x : e->min_x, hi_x = pos_inf ? mid_x : e->max_x;
    float lo = neg_inf ? -INFINITY : e->min, hi = pos_inf ? INFINITY : e->max;
    bool lo_first;
    if (!neg_inf && !pos_inf) {
        lo_first = e->min_i <= e->max_i;
    } else { /* order unknown: visit first the extreme nearer to the entry value */
        double ref = isnan(e->first) ? 0.0 : (double)e->first;
        double dlo = has_lo ? fabs(ref - (double)lo) : INFINITY;
        double dhi = has_hi ? fabs(ref - (double)hi) : INFINITY;
        lo_first = dlo <= dhi;
    }
    if (lo_first) {
        if (has_lo)
            emit_sample(d, tf, lo_x, lo);
        if (has_hi)
            emit_sample(d, tf, hi_x, hi);
    } else {
        if (has_hi)
            emit_sample(d, tf, hi_x, hi);
        if (has_lo)
            emit_sample(d, tf, lo_x, lo);
    }

    if (isnan(e->last))
        rp_draw_path_break(d);
    else
        emit_sample(d, tf, e->last_x, e->last);
}

static void emit_series(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf)
{
    if (dec->has_before)
        emit_sample(d, tf, dec->before.last_x, dec->before.last);
    for (int i = 0; i < dec->count; i++) {
        const rp_m4 *e = &dec->out[i];
        if (dec->raw)
            emit_sample(d, tf, e->first_x, e->first);
        else
            emit_column(d, tf, e);
    }
    if (dec->has_after)
        emit_sample(d, tf, dec->after.first_x, dec->after.first);
}

/* Clip = the current clip ∩ the plot rect; returns the previous clip. */
static rp_rect clip_to_plot(rp_draw *d, rp_rect plot)
{
    rp_rect prev = rp_draw_get_clip(d);
    rp_rect c = plot;
    if (prev.w > 0.0f) {
        float x0 = fmaxf(c.x, prev.x), y0 = fmaxf(c.y, prev.y);
        float x1 = fminf(c.x + c.w, prev.x + prev.w), y1 = fminf(c.y + c.h, prev.y + prev.h);
        c = (rp_rect){x0, y0, x1 - x0, y1 - y0};
        if (c.w <= 0.0f || c.h <= 0.0f)
            c = (rp_rect){x0, y0, 0.001f, 0.0f}; /* empty */
    }
    rp_draw_set_clip(d, c);
    return prev;
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */
void rp_plot_transform_apply(const rp_plot_transform *tf, double x, double y, double *px,
                             double *py)
{
    *px = (double)tf->plot.x + (x - tf->x0) * tf->sx;
    double top = (double)tf->plot.y, bottom = (double)tf->plot.y + (double)tf->plot.h;
    if (isinf(y))
        *py = (y > 0.0) == (tf->sy >= 0.0) ? top : bottom;
    else
        *py = bottom - (y - tf->y0) * tf->sy;
}

void rp_draw_series(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf,
                    float width, rp_color color)
{
    if (!d || !dec || !tf || (dec->count > 0 && !dec->out) || !(tf->plot.w > 0.0f) ||
        !(tf->plot.h > 0.0f))
        return;
    rp_rect prev = clip_to_plot(d, tf->plot);
    rp_draw_path_begin(d, width, color);
    emit_series(d, dec, tf);
    rp_draw_path_end(d);
    rp_draw_set_clip(d, prev);
}

void rp_draw_series_aliased(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf,
                            rp_color color)
{
    if (!d || !dec || !tf || (dec->count > 0 && !dec->out) || !(tf->plot.w > 0.0f) ||
        !(tf->plot.h > 0.0f))
        return;
    rp_rect prev = clip_to_plot(d, tf->plot);
    rp_draw_path_begin_aliased(d, color);
    emit_series(d, dec, tf);
    rp_draw_path_end(d);
    rp_draw_set_clip(d, prev);
}
