/* series_geometry.c — a decimated series (rp_decimation) on screen.
 *
 * Raw mode (≤ 1 sample a column): a thick AA polyline through the samples.
 * Column mode: one solid bar per pixel column (rp_draw_bar), so the cost is the pixels covered,
 * never the samples. A column's bar is its span — the y range of its samples (first, min, max,
 * last) and of the straight connectors to the neighbouring columns (last of k-1 → first of k, cut
 * at the column boundary) — grown by half the line width and anti-aliased by a box filter. Inside
 * a dense column the raw line sweeps its whole span, so the span is drawn solid, and nothing
 * outside it but the pen (the fidelity test checks both against the raw samples). Lines wider
 * than 1 px take the neighbouring columns' trace within the pen's reach of the column's edges
 * where it keeps its slope through the edge, so a steep ramp is about as wide as a flat one and
 * a square wave's edge or a spike gives its flat neighbours nothing. Columns never overlap, so a translucent colour blends once.
 * NaN breaks the trace (a column of only NaN is a gap; a NaN first / last breaks the connection to
 * the neighbouring column); ±Inf is drawn at the plot's top / bottom edge; empty columns carry the
 * connector across them. before / after extend the line to the plot edges (AA segments), and
 * everything is clipped (scissor) to tf->plot.
 * rp_draw_series_aliased draws the M4 path (first → min/max in time order → last) as 1-px line
 * strips for the fidelity test. */
#include <limits.h>
#include <math.h>
#include <string.h>

#include "axis/scale.h"
#include "render/draw.h"
#include "render/draw_path.h"

/* ---------------------------------------------------------------------------------------------
 * Defines
 * ------------------------------------------------------------------------------------------- */
#define BAR_MAX_HW (0.5 * RP_DRAW_BAR_MAX_WIDTH)       /* wider lines keep the polyline */
#define BAR_REACH_MAX ((int)RP_DRAW_BAR_MAX_WIDTH + 2) /* columns a pen can reach */
#define FAR_PX 1e6 /* y px beyond this are clamped (keeps float px exact enough) */

enum { KNOT_GAP = 0, KNOT_EMPTY, KNOT_DATA };

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
    if (e->end <= e->start) return; /* empty column: the neighbours connect across it */
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
        if (has_lo) emit_sample(d, tf, lo_x, lo);
        if (has_hi) emit_sample(d, tf, hi_x, hi);
    } else {
        if (has_hi) emit_sample(d, tf, hi_x, hi);
        if (has_lo) emit_sample(d, tf, lo_x, lo);
    }

    if (isnan(e->last))
        rp_draw_path_break(d);
    else
        emit_sample(d, tf, e->last_x, e->last);
}

static void emit_series(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf)
{
    if (dec->has_before) emit_sample(d, tf, dec->before.last_x, dec->before.last);
    for (int i = 0; i < dec->count; i++) {
        const rp_m4 *e = &dec->out[i];
        if (dec->raw)
            emit_sample(d, tf, e->first_x, e->first);
        else
            emit_column(d, tf, e);
    }
    if (dec->has_after) emit_sample(d, tf, dec->after.first_x, dec->after.first);
}

/* ---- column bars ----------------------------------------------------------------------------- */
static float clamp_far(double py)
{
    return (float)(py < -FAR_PX ? -FAR_PX : py > FAR_PX ? FAR_PX : py);
}

static float y_px(const rp_plot_transform *tf, double y)
{
    double px, py;
    rp_plot_transform_apply(tf, 0.0, y, &px, &py);
    return clamp_far(py);
}

/* y → px for one series' columns: the arithmetic of rp_plot_transform_apply, with its per-call
 * tests (scale, ±Inf) hoisted out of the hot loop for a linear axis and finite values. */
typedef struct y_map {
    const rp_plot_transform *tf;
    double bottom, y0, sy;
    bool linear;
} y_map;

static y_map y_map_make(const rp_plot_transform *tf)
{
    return (y_map){tf, (double)tf->plot.y + (double)tf->plot.h, tf->y0, tf->sy,
                   tf->y_scale == RP_Y_LINEAR};
}

static float y_map_px(const y_map *m, double y)
{
    if (m->linear && y - y == 0.0) /* finite (Inf - Inf and NaN - NaN are NaN) */
        return clamp_far(m->bottom - (y - m->y0) * m->sy);
    return y_px(m->tf, y);
}

static double x_px(const rp_plot_transform *tf, double x)
{
    return (double)tf->plot.x + (x - tf->x0) * tf->sx;
}

static void take(float *lo, float *hi, float v)
{
    *lo = v < *lo ? v : *lo;
    *hi = v > *hi ? v : *hi;
}

/* x → position in columns from the first column's left boundary (u = 2.5: the middle of the
 * third column). With the series' grid (rp_plot_transform.has_grid) it is (x − anchor) / dx −
 * first_column: a sample's u differs between two frames by exactly the whole columns the view
 * moved, so the bars of unchanged columns are the same bytes (plot reuse compares them), and x
 * in the billions (Unix time) loses nothing to the view's x0. Without, it is measured in px from
 * `left` (the smallest estimate of the boundary from the columns' first samples). */
typedef struct column_map {
    bool grid;
    double anchor, dx, first; /* grid: u = (x − anchor) / dx − first */
    const rp_plot_transform *tf;
    double left, wpx; /* no grid: u = (x_px − left) / wpx */
} column_map;

static double column_u(const column_map *cm, double x)
{
    if (cm->grid) return (x - cm->anchor) / cm->dx - cm->first;
    return (x_px(cm->tf, x) - cm->left) / cm->wpx;
}

/* A column's samples: first and last (for the connectors; x in columns from the column's own
 * left boundary, y in px) and the y range of first, min, max and last in px (±Inf at the plot's
 * edge). The order of min and max within the column does not
 * matter here: the column's span is drawn solid. */
static void knot_column(const rp_m4 *e, const rp_plot_transform *tf, const y_map *ym,
                        const column_map *cm, int column, rp_column_knot *k)
{
    k->lo = k->own_lo = INFINITY;
    k->hi = k->own_hi = -INFINITY;
    k->ml = k->mr = NAN;
    k->fy = k->ly = NAN;
    k->kind = KNOT_EMPTY;
    if (e->end <= e->start) return;
    uint32_t fl = e->flags;
    if (!(fl & (RP_M4_FINITE | RP_M4_POS_INF | RP_M4_NEG_INF))) {
        k->kind = KNOT_GAP;
        return;
    }
    k->kind = KNOT_DATA;
    if (fl & RP_M4_FINITE) {
        take(&k->lo, &k->hi, y_map_px(ym, (double)e->min));
        take(&k->lo, &k->hi, y_map_px(ym, (double)e->max));
    }
    if (fl & RP_M4_POS_INF) take(&k->lo, &k->hi, y_px(tf, INFINITY));
    if (fl & RP_M4_NEG_INF) take(&k->lo, &k->hi, y_px(tf, -INFINITY));
    if (!isnan(e->first)) {
        k->fx = (float)(column_u(cm, e->first_x) - (double)column);
        k->fy = y_map_px(ym, (double)e->first);
        take(&k->lo, &k->hi, k->fy);
    }
    if (!isnan(e->last)) {
        k->lx = (float)(column_u(cm, e->last_x) - (double)column);
        k->ly = y_map_px(ym, (double)e->last);
        take(&k->lo, &k->hi, k->ly);
    }
    k->own_lo = k->lo; /* before any connector: what connect() weighs */
    k->own_hi = k->hi;
}

/* The straight connector (x0, y0) → (x1, y1), x in columns (column_u), cut at the column
 * boundaries from column a's right one to column b's left one (a = -1: from before; b = n: to
 * after); empty columns between get the whole of their piece. A connector between neighbours
 * half a column long or less that straddles their boundary goes whole to one of them where
 * cutting it would draw what no sample holds: to the one whose own span covers it already (a
 * lone spike at a column's edge: the other drew a stub beside it, a third or more of its
 * height), or, when it is a jump
 * (taller than twice either column's own span: a square wave's or a step's edge, sampled many
 * times a column), to the column that holds its middle (cut, each column drew a part of the
 * edge a pixel apart, with a doubled stub at the cut's height: marks at levels no sample
 * holds). A smooth steep trace is still cut exactly (even steps). */
static void connect(rp_column_knot *kn, int n, int a, int b, double x0, double y0, double x1,
                    double y1)
{
    double slope = x1 > x0 ? (y1 - y0) / (x1 - x0) : 0.0;
    double ylo = y0 < y1 ? y0 : y1, yhi = y0 < y1 ? y1 : y0;
    double at_edge = NAN; /* the connector's y at the boundary when it goes whole to one side */
    if (b == a + 1 && x1 - x0 < 0.5 && x0 < (double)b && x1 > (double)b) { /* it straddles */
        /* Their own spans, the samples' alone: with the connectors already taken, the choice
         * would hang on every connector to the left (before, when the view scrolls), and a bar
         * on the columns around it alone (series_geometry's rebuild rule) could not be kept. */
        const rp_column_knot *ka = a >= 0 ? &kn[a] : NULL, *kb = b < n ? &kn[b] : NULL;
        bool own_a = ka && ka->own_lo <= ka->own_hi, own_b = kb && kb->own_lo <= kb->own_hi;
        bool covers_a = own_a && ka->own_lo <= ylo && ka->own_hi >= yhi;
        bool covers_b = own_b && kb->own_lo <= ylo && kb->own_hi >= yhi;
        double span_a = own_a ? ka->own_hi - ka->own_lo : 0.0,
               span_b = own_b ? kb->own_hi - kb->own_lo : 0.0;
        if (covers_a != covers_b)
            at_edge = covers_a ? y1 : y0; /* y1 at the edge: all of it is column a's */
        else if (!covers_a && fabs(y1 - y0) > 1.0 + 2.0 * (span_a > span_b ? span_a : span_b))
            at_edge = 0.5 * (x0 + x1) < (double)b ? y1 : y0;
    }
    for (int j = a + 1; j <= b; j++) {
        double xb = (double)j;
        double y = !isnan(at_edge) ? at_edge : x1 > x0 ? y0 + (xb - x0) * slope : 0.5 * (y0 + y1);
        float yf = (float)(y < ylo ? ylo : y > yhi ? yhi : y);
        if (j >= 1) {
            kn[j - 1].mr = yf;
            take(&kn[j - 1].lo, &kn[j - 1].hi, yf);
        }
        if (j < n) {
            kn[j].ml = yf;
            take(&kn[j].lo, &kn[j].hi, yf);
        }
    }
}

static int round_int(double v)
{
    double r = v + 0.5;
    int i = (int)r;
    return i - ((double)i > r);
}

/* Knots of columns [a, b] and the connectors between them; the lines from before (a = 0) and
 * to after (b = n − 1). A column's knot is whole when the nearest non-empty columns on both
 * sides are in [a, b] (or it has none there and the range reaches that end). */
static void build_knots(rp_column_knot *kn, const rp_decimation *dec, const rp_plot_transform *tf,
                        const y_map *ym, const column_map *cm, int a, int b)
{
    int n = dec->count;
    for (int i = a; i <= b; i++) knot_column(&dec->out[i], tf, ym, cm, i, &kn[i]);
    /* Connectors: last sample of a data column → first of the next (across empty columns), not
     * across a gap nor a NaN first / last; before and after count as columns -1 and n. */
    int prev = -2;             /* -2: nothing to connect from */
    double px = 0.0, py = NAN; /* px: in columns (column_u) */
    if (a == 0 && dec->has_before && !isnan(dec->before.last)) {
        prev = -1;
        px = column_u(cm, dec->before.last_x);
        py = y_px(tf, (double)dec->before.last);
    }
    for (int i = a; i <= b; i++) {
        rp_column_knot *k = &kn[i];
        if (k->kind == KNOT_GAP) {
            prev = -2;
        } else if (k->kind == KNOT_DATA) {
            if (prev >= -1 && !isnan(py) && !isnan(k->fy))
                connect(kn, n, prev, i, px, py, (double)i + (double)k->fx, k->fy);
            prev = i;
            px = (double)i + (double)k->lx;
            py = k->ly;
        }
    }
    if (b == n - 1 && prev >= -1 && !isnan(py) && dec->has_after && !isnan(dec->after.first))
        connect(kn, n, prev, n, px, py, column_u(cm, dec->after.first_x),
                y_px(tf, (double)dec->after.first));
}

/* The rows [top, bottom] of column i's bar: its span grown by the pen, and wider lines take the
 * neighbours' trace within `reach` px of the column's edges, so a steep edge keeps about its
 * width: the part of neighbour j's span nearest the shared boundary, share[k] of the way (k
 * columns away), from the connector there towards its low and high ends, grown by half the pen.
 * Nothing to draw (NaN, or a gap's empty span) is 0 rows, the same every frame. */
typedef struct bar_pen {
    float share[BAR_REACH_MAX + 1];
    float pen, side;
    int reach_cols;
} bar_pen;

static float at_least_0(float v) { return v > 0.0f ? v : 0.0f; }

/* Widens [*top, *bottom] by neighbour j's trace near connector c (its y at the shared edge). The
 * trace is taken to keep its slope through the edge: j's part above c only as far as column i
 * reaches below it, and the other way round, so a steep ramp keeps its width while a square
 * wave's edge or a lone spike, whose neighbours are flat, gives them no shelf (a quarter of its
 * height, drawn solid beside every edge, read as a level no sample holds). */
static void take_neighbour(const rp_column_knot *i, const rp_column_knot *j, float c, float share,
                           float side, float *top, float *bottom)
{
    bool own = i->lo <= i->hi; /* column i has a span (else: nothing of its own to continue) */
    float i_above = own ? at_least_0(c - i->lo) : 0.0f,
          i_below = own ? at_least_0(i->hi - c) : 0.0f;
    float j_above = at_least_0(c - j->lo), j_below = at_least_0(j->hi - c);
    float t = c - share * fminf(j_above, i_below) - side;
    float u = c + share * fminf(j_below, i_above) + side;
    *top = t < *top ? t : *top;
    *bottom = u > *bottom ? u : *bottom;
}

static void bar_rows(const rp_column_knot *kn, int n, int i, const bar_pen *bp, float *top_out,
                     float *bottom_out)
{
    float top = kn[i].lo - bp->pen, bottom = kn[i].hi + bp->pen;
    for (int k = 1; k <= bp->reach_cols; k++) {
        if (i + k < n && !isnan(kn[i + k].ml)) /* right neighbour, from its left edge */
            take_neighbour(&kn[i], &kn[i + k], kn[i + k].ml, bp->share[k], bp->side, &top, &bottom);
        if (i - k >= 0 && !isnan(kn[i - k].mr)) /* left neighbour, from its right edge */
            take_neighbour(&kn[i], &kn[i - k], kn[i - k].mr, bp->share[k], bp->side, &top, &bottom);
    }
    if (!(bottom > top)) top = bottom = 0.0f;
    *top_out = top;
    *bottom_out = bottom;
}

/* What a column's bar is built from. */
static rp_bar_input bar_input(const rp_m4 *e)
{
    if (e->end <= e->start) return (rp_bar_input){0};
    bool finite = (e->flags & RP_M4_FINITE) != 0;
    return (rp_bar_input){.first = e->first,
                          .last = e->last,
                          .min = finite ? e->min : 0.0f,
                          .max = finite ? e->max : 0.0f,
                          .first_x = isnan(e->first) ? 0.0 : e->first_x,
                          .last_x = isnan(e->last) ? 0.0 : e->last_x,
                          .flags = e->flags,
                          .filled = 1};
}

/* Whether two inputs hold the same bits (NaN equal to the same NaN), compared in registers: read
 * back through memory just after it is written, the new one would stall on store forwarding. */
static bool same_float_bits(float a, float b)
{
    uint32_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

static bool same_double_bits(double a, double b)
{
    uint64_t x, y;
    memcpy(&x, &a, sizeof x);
    memcpy(&y, &b, sizeof y);
    return x == y;
}

static bool same_input(rp_bar_input a, const rp_bar_input *b)
{
    return same_float_bits(a.first, b->first) & same_float_bits(a.last, b->last) &
           same_float_bits(a.min, b->min) & same_float_bits(a.max, b->max) &
           same_double_bits(a.first_x, b->first_x) & same_double_bits(a.last_x, b->last_x) &
           (a.flags == b->flags) & (a.filled == b->filled);
}

/* Whether column i holds a sample, and the nearest column before / after i that does (-1 / n:
 * none). A bar's inputs reach across empty columns to these (the connectors). */
static bool filled_at(const rp_decimation *dec, int i)
{
    return dec->out[i].end > dec->out[i].start;
}

static int filled_before(const rp_decimation *dec, int i)
{
    for (int j = i - 1; j >= 0; j--)
        if (filled_at(dec, j)) return j;
    return -1;
}

static int filled_after(const rp_decimation *dec, int i)
{
    for (int j = i + 1; j < dec->count; j++)
        if (filled_at(dec, j)) return j;
    return dec->count;
}

/* Columns [a, b] (inclusive). */
typedef struct col_range {
    int a, b;
} col_range;

enum { DIFFER_MAX = 8, DIFFER_JOIN = 16, SPAN_JOIN_PX = 8 };

/* Adds column i to the sorted ranges of columns whose inputs differ from last frame's; ranges
 * less than DIFFER_JOIN apart are joined (a column counted as differing is only built again). */
static void add_differ(col_range *d, int *nd, int i)
{
    if (*nd > 0 && i <= d[*nd - 1].b + DIFFER_JOIN) {
        d[*nd - 1].b = i;
    } else if (*nd < DIFFER_MAX) {
        d[(*nd)++] = (col_range){i, i};
    } else {
        d[*nd - 1].b = i;
    }
}

/* The bars that cannot be last frame's, as sorted ranges (out: room for nd + 2). Bar i depends
 * on the knots of columns [i − reach, i + reach], and each of those on its own inputs and the
 * nearest non-empty columns on both sides (the connectors it carries): on the columns [a(i),
 * b(i)] from the nearest non-empty one before i − reach to the nearest after i + reach. It is
 * last frame's when that window lies inside the view and meets no differing column. Both ends of
 * the window grow with i, so the bars a differing range [d0, d1] touches are those from the
 * nearest non-empty column before d0, less reach, to the nearest after d1, plus reach; those
 * whose window leaves the view are the first ones up to the first non-empty column plus reach
 * and the last ones likewise. */
static int rebuild_ranges(const rp_decimation *dec, const col_range *differ, int nd, int reach,
                          col_range *out)
{
    int n = dec->count;
    int first = filled_at(dec, 0) ? 0 : filled_after(dec, 0);
    if (first >= n) { /* no sample in view: every bar */
        out[0] = (col_range){0, n - 1};
        return 1;
    }
    int last = filled_at(dec, n - 1) ? n - 1 : filled_before(dec, n - 1);
    col_range r[DIFFER_MAX + 2];
    int m = 0;
    r[m++] = (col_range){0, first + reach};
    for (int k = 0; k < nd; k++)
        r[m++] = (col_range){filled_before(dec, differ[k].a) - reach,
                             filled_after(dec, differ[k].b) + reach};
    r[m++] = (col_range){last - reach, n - 1};
    /* In order of a (the differing ranges are; the two ends may not be), clamped, merged. */
    for (int k = 1; k < m; k++)
        for (int j = k; j > 0 && r[j].a < r[j - 1].a; j--) {
            col_range t = r[j];
            r[j] = r[j - 1];
            r[j - 1] = t;
        }
    int count = 0;
    for (int k = 0; k < m; k++) {
        int a = r[k].a < 0 ? 0 : r[k].a, b = r[k].b > n - 1 ? n - 1 : r[k].b;
        if (a > b) continue;
        if (count > 0 && a <= out[count - 1].b + 1) {
            if (b > out[count - 1].b) out[count - 1].b = b;
        } else {
            out[count++] = (col_range){a, b};
        }
    }
    return count;
}

/* Pixel columns [x0, x1) of this frame differ from last frame's moved by the shift. */
static void add_span(rp_bar_trace *t, int x0, int x1)
{
    if (t->spans_all || x1 <= x0) return;
    int k = t->spans - 1;
    if (k >= 0 && x0 <= t->span_x1[k] + SPAN_JOIN_PX && x1 >= t->span_x0[k] - SPAN_JOIN_PX) {
        if (x0 < t->span_x0[k]) t->span_x0[k] = x0;
        if (x1 > t->span_x1[k]) t->span_x1[k] = x1;
    } else if (t->spans < RP_BAR_SPANS) {
        t->span_x0[t->spans] = x0;
        t->span_x1[t->spans] = x1;
        t->spans++;
    } else {
        t->spans_all = true;
    }
}

/* The pixel columns the bars a .. b (in column order) touch, moved left by `shift`: a bar of
 * width 0 joins its rows to a neighbour's pixel (rp_draw_bar_trace), so it touches both. */
static void add_bars(rp_bar_trace *t, const rp_bar *a, const rp_bar *b, int shift)
{
    add_span(t, a->x - (a->w > 0 ? 0 : 1) - shift, b->x + (b->w > 0 ? b->w : 1) - shift);
}

/* Last frame's grid columns [c0, c1) (in the store, not in this frame's view) as the pixel
 * columns they covered, moved by the shift: what is copied there must be drawn again. */
static void add_gone(rp_bar_trace *t, const rp_bar_store *st, int64_t c0, int64_t c1)
{
    if (c0 < c1) add_bars(t, &st->bars[c0 - st->base], &st->bars[c1 - 1 - st->base], t->shift);
}

/* Moves the store's window so that it holds grid columns [f, f + n), keeping the bars and inputs
 * of [keep0, keep1) (last frame's, still in view). */
static void store_hold(rp_bar_store *st, int64_t f, int n, int64_t keep0, int64_t keep1)
{
    if (f >= st->base && f + n <= st->base + st->cap) return;
    int64_t base = f >= st->base ? f : f + n - st->cap; /* room on the side the view goes */
    if (keep0 < keep1) {
        memmove(&st->bars[keep0 - base], &st->bars[keep0 - st->base],
                sizeof(rp_bar) * (size_t)(keep1 - keep0));
        memmove(&st->inputs[keep0 - base], &st->inputs[keep0 - st->base],
                sizeof(rp_bar_input) * (size_t)(keep1 - keep0));
    }
    st->base = base;
}

/* Column mode as bars; false when it cannot (the caller draws the polyline instead).
 * Builds the bars into trace.bars[0 .. dec->count) and the lines to before / after into *t;
 * drawing them is rp_draw_bar_trace's (so a plot that only scrolled can redraw a strip of them).
 * Each column's bar is its span — the y range of its samples and of the connectors at its
 * boundaries — solid, grown by half the line width above and below, so the trace is continuous
 * and never covers less than the data nor more than the pen. Wider lines (> 1 px) also take the
 * neighbours' trace near the shared boundaries, so a steep edge is about as wide as a flat one.
 * With prev, the bars whose inputs did not change are last frame's (see rebuild_ranges). */
bool rp_series_bars(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf, float width,
                    rp_color color, rp_bar_store *store, const rp_column_run *run,
                    const rp_bar_trace *prev, rp_bar_trace *out)
{
    int n = dec->count;
    int capacity = 0;
    rp_bar *scratch = store ? NULL : rp_draw_bar_scratch(d, &capacity);
    if (store) capacity = store->cap;
    if ((!store && !scratch) || (store && (!store->bars || !store->inputs)) || n > capacity)
        return false;
    double wpx = dec->column_dx * tf->sx; /* px per column */
    double hw = 0.5 * (double)width;
    rp_column_knot *kn = rp_draw_column_knots(d, n);
    if (dec->raw || n <= 0 || !kn || !(wpx > 0.0) || !isfinite(wpx) || !(hw <= BAR_MAX_HW))
        return false;

    /* Column 0's left boundary in px: on the series' grid; else each column starts at or before
     * its first sample, and some first sample sits on its boundary (to within a sample), so take
     * the smallest estimate. */
    column_map cm = {.grid = tf->has_grid && dec->column_dx > 0.0,
                     .anchor = tf->grid_anchor,
                     .dx = dec->column_dx,
                     .first = (double)dec->first_column,
                     .tf = tf,
                     .wpx = wpx};
    double left = INFINITY;
    if (cm.grid) {
        left = (double)tf->plot.x +
               ((tf->grid_anchor - tf->x0) + (double)dec->first_column * dec->column_dx) * tf->sx;
    } else {
        for (int i = 0; i < n; i++) {
            if (dec->out[i].end > dec->out[i].start) {
                double l = x_px(tf, dec->out[i].first_x) - (double)i * wpx;
                left = l < left ? l : left;
            }
        }
    }
    if (!isfinite(left)) return false;
    cm.left = left;

    /* Lines thinner than 1 px: 1 px with less alpha, as the segment shader does. */
    rp_color c = color;
    if (hw < 0.5) {
        c.a *= (float)(2.0 * hw);
        hw = 0.5;
    }
    /* reach = hw − ½: at any height a steep trace then lights its own column and about reach px
     * on either side, w px in all, like a flat one; 1-px lines draw the span exactly. */
    double reach = hw - 0.5;
    bar_pen bp = {.pen = (float)hw, .side = (float)(0.5 * hw)};
    for (int k = 1; k <= BAR_REACH_MAX; k++) {
        double f = reach / wpx - (double)(k - 1);
        if (!(f > 0.0)) break;
        bp.share[k] = (float)(f < 1.0 ? f : 1.0);
        bp.reach_cols = k;
    }

    *out = (rp_bar_trace){.n = n,
                          .origin = left - (double)dec->first_column * wpx,
                          .wpx = wpx,
                          .first_column = dec->first_column,
                          .color = c,
                          .line_color = color,
                          .line_width = width,
                          .store = store,
                          .grid = cm.grid,
                          .built = n,
                          .examined = n,
                          .spans_all = true};
    if (run) out->run = *run;
    memset(&out->basis, 0, sizeof out->basis);
    out->basis.column_dx = dec->column_dx;
    out->basis.anchor = tf->grid_anchor;
    out->basis.wpx = wpx;
    out->basis.y0 = tf->y0;
    out->basis.sy = tf->sy;
    out->basis.y_threshold = tf->y_threshold;
    out->basis.plot_y = tf->plot.y;
    out->basis.plot_h = tf->plot.h;
    out->basis.width = width;
    out->basis.y_scale = (int)tf->y_scale;

    /* Last frame's bars are in the store, in place: this frame's are compared with them
     * (against), and where their inputs are the same on the same basis, taken (take). A basis
     * that differs only in the last bits of its px per column (a span computed at large x)
     * builds every bar, and the bytes still decide what the plan may copy. */
    int64_t F = dec->first_column, pF = 0, pn = 0;
    bool against = store && prev && prev->store == store && prev->grid && cm.grid && prev->n > 0;
    double moved = against ? prev->origin - out->origin : 0.0;
    if (against && !(fabs(moved) < 1e9)) against = false;
    bool take = against && memcmp(&prev->basis, &out->basis, sizeof out->basis) == 0;
    if (against) {
        pF = prev->first_column;
        pn = prev->n;
        out->shift = (int)lround(moved);
        out->spans_all = false;
        /* Last frame's columns that left the view, while the store still holds them. */
        add_gone(out, store, pF, pF + pn < F ? pF + pn : F);
    }
    int64_t keep0 = F > pF ? F : pF, keep1 = F + n < pF + pn ? F + n : pF + pn;
    int64_t gone0 = F + n > pF ? F + n : pF, gone1 = pF + pn;
    rp_bar gone_a = {0}, gone_b = {0}; /* the right side's, kept across the move below */
    if (against && gone0 < gone1) {
        gone_a = store->bars[gone0 - store->base];
        gone_b = store->bars[gone1 - 1 - store->base];
    }
    rp_bar *bars = scratch;
    rp_bar_input *inputs = NULL;
    if (store) {
        store_hold(store, F, n, against ? keep0 : 0, against ? keep1 : 0);
        bars = store->bars + (F - store->base);
        inputs = store->inputs + (F - store->base);
    }
    out->bars = bars;

    /* Which columns' inputs differ from last frame's: none of those the column cache proves
     * the same (taken from its window now, and in it after last frame's call, of one epoch). */
    col_range differ[DIFFER_MAX], rebuild[DIFFER_MAX + 2];
    int nd = 0, nr = 0;
    if (take) {
        int sa = 0, sb = 0; /* [sa, sb): proven the same */
        if (run && run->epoch != 0 && run->epoch == prev->run.epoch) {
            int64_t lo = run->copied_lo, hi = run->copied_hi;
            lo = lo > prev->run.kept_lo ? lo : prev->run.kept_lo;
            hi = hi < prev->run.kept_hi ? hi : prev->run.kept_hi;
            lo = lo > keep0 ? lo : keep0;
            hi = hi < keep1 ? hi : keep1;
            if (lo < hi) {
                sa = (int)(lo - F);
                sb = (int)(hi - F);
            }
        }
        out->examined = n - (sb - sa);
        for (int i = 0; i < n; i++) {
            if (i == sa && sb > sa) {
                i = sb - 1;
                continue;
            }
            rp_bar_input v = bar_input(&dec->out[i]);
            int64_t col = F + i;
            bool same = col >= keep0 && col < keep1 && same_input(v, &inputs[i]);
            inputs[i] = v;
            if (!same) add_differ(differ, &nd, i);
        }
        nr = rebuild_ranges(dec, differ, nd, bp.reach_cols, rebuild);
    } else {
        if (inputs)
            for (int i = 0; i < n; i++) inputs[i] = bar_input(&dec->out[i]);
        rebuild[0] = (col_range){0, n - 1};
        nr = 1;
    }

    /* The knots the bars built need (their reach and the nearest non-empty columns beyond it),
     * as ranges: the windows only move right with i, so they merge as they come. */
    y_map ym = y_map_make(tf);
    int ra = -1, rb = -1, built = 0;
    for (int k = 0; k < nr; k++) {
        built += rebuild[k].b - rebuild[k].a + 1;
        int lo = rebuild[k].a - bp.reach_cols < 0 ? 0 : rebuild[k].a - bp.reach_cols;
        int hi = rebuild[k].b + bp.reach_cols >= n ? n - 1 : rebuild[k].b + bp.reach_cols;
        int a = filled_before(dec, lo), b = filled_after(dec, hi);
        a = a >= 0 ? a : 0;
        b = b < n ? b : n - 1;
        if (ra >= 0 && a <= rb + 1) {
            rb = b > rb ? b : rb;
            continue;
        }
        if (ra >= 0) build_knots(kn, dec, tf, &ym, &cm, ra, rb);
        ra = a;
        rb = b;
    }
    if (ra >= 0) build_knots(kn, dec, tf, &ym, &cm, ra, rb);
    out->built = built;

    /* Every bar's x (the view moved); the rows of those built. Against last frame's, moved by
     * the shift: what differs is listed for the plan. */
    int x0 = round_int(left), k = 0;
    for (int i = 0; i < n; i++) {
        int x1 = round_int(left + (double)(i + 1) * wpx);
        int w = x1 - x0; /* 0: a column a hair narrower than a pixel, inside one (see below) */
        while (k < nr && rebuild[k].b < i) k++;
        bool rebuilt = k < nr && rebuild[k].a <= i;
        rp_bar *b = &bars[i];
        if (against) {
            int64_t col = F + i;
            rp_bar was = *b;
            if (rebuilt) bar_rows(kn, n, i, &bp, &b->top, &b->bottom);
            b->x = x0;
            b->w = w;
            bool kept = col >= keep0 && col < keep1;
            if (!kept || was.x - out->shift != x0 || was.w != w ||
                (rebuilt &&
                 !(same_float_bits(was.top, b->top) & same_float_bits(was.bottom, b->bottom)))) {
                /* A column of width 0 joins its rows to a neighbour's pixel (rp_draw_bar_trace):
                 * that pixel changes with it, now and where it was. */
                add_bars(out, b, b, 0);
                if (kept && was.w == 0) add_bars(out, &was, &was, out->shift);
            }
        } else {
            *b = (rp_bar){x0, w, 0.0f, 0.0f};
            bar_rows(kn, n, i, &bp, &b->top, &b->bottom);
        }
        x0 = x1;
    }
    if (against && gone0 < gone1) add_bars(out, &gone_a, &gone_b, out->shift);

    /* The lines to before / after (outside the columns, usually past the plot edge). */
    if (!isnan(kn[0].ml)) {
        out->has_before = true;
        out->before[0] = x_px(tf, dec->before.last_x);
        out->before[1] = y_px(tf, (double)dec->before.last);
        out->before[2] = left;
        out->before[3] = kn[0].ml;
    }
    if (!isnan(kn[n - 1].mr)) {
        out->has_after = true;
        out->after[0] = left + (double)n * wpx;
        out->after[1] = kn[n - 1].mr;
        out->after[2] = x_px(tf, dec->after.first_x);
        out->after[3] = y_px(tf, (double)dec->after.first);
    }
    return true;
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
        if (c.w <= 0.0f || c.h <= 0.0f) c = (rp_rect){x0, y0, 0.001f, 0.0f}; /* empty */
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
    if (tf->y_scale != RP_Y_LINEAR) /* log: y <= 0 becomes -Inf, the bottom edge */
        y = rp_scale_forward(tf->y_scale, tf->y_threshold, y);
    if (isinf(y))
        *py = (y > 0.0) == (tf->sy >= 0.0) ? top : bottom;
    else
        *py = bottom - (y - tf->y0) * tf->sy;
}

void rp_draw_series(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf, float width,
                    rp_color color)
{
    if (!d || !dec || !tf || (dec->count > 0 && !dec->out) || !(tf->plot.w > 0.0f) ||
        !(tf->plot.h > 0.0f))
        return;
    rp_bar_trace t;
    if (rp_series_bars(d, dec, tf, width, color, NULL, NULL, NULL, &t)) {
        rp_draw_bar_trace(d, &t, tf->plot, INT_MIN, INT_MAX, true);
        return;
    }
    rp_rect prev = clip_to_plot(d, tf->plot);
    rp_draw_path_begin(d, width, color);
    emit_series(d, dec, tf);
    rp_draw_path_end(d);
    rp_draw_set_clip(d, prev);
}

/* Whether the line x0, y0 → x1, y1 (xy) can touch a pixel of clip: its box grown by the pen and
 * the anti-aliased fringe. One that cannot is not drawn at all (the scissor would drop all of
 * it), which spares software GL a draw call a series when the line runs past the plot's edge. */
static bool line_meets(const double *xy, float width, rp_rect clip)
{
    double pad = 0.5 * (double)width + 2.0;
    double x0 = fmin(xy[0], xy[2]) - pad, x1 = fmax(xy[0], xy[2]) + pad;
    double y0 = fmin(xy[1], xy[3]) - pad, y1 = fmax(xy[1], xy[3]) + pad;
    if (!(x1 >= x0) || !(y1 >= y0)) return true; /* NaN: leave it to the path */
    return x1 > (double)clip.x && x0 < (double)clip.x + (double)clip.w && y1 > (double)clip.y &&
           y0 < (double)clip.y + (double)clip.h;
}

void rp_draw_bar_trace(rp_draw *d, const rp_bar_trace *t, rp_rect plot, int px0, int px1,
                       bool lines)
{
    if (!d || !t || t->n <= 0) return;
    rp_rect prev = clip_to_plot(d, plot);
    rp_draw_bars_begin(d, t->color);
    /* Bars are in column order and never overlap: find the first one that starts at px0. */
    int lo = 0, hi = t->n;
    while (lo < hi) {
        int mid = lo + (hi - lo) / 2;
        if (t->bars[mid].x < px0)
            lo = mid + 1;
        else
            hi = mid;
    }
    /* A column a hair narrower than a pixel can fall inside one (both its edges round to the
     * same pixel boundary: width 0). Its rows join the next column's bar, or the one before
     * when it is the last: one bar a pixel, so nothing blends twice. */
    float join_top = INFINITY, join_bottom = -INFINITY;
    for (int i = lo; i < t->n && t->bars[i].x < px1; i++) {
        const rp_bar *b = &t->bars[i];
        if (px1 - b->x < b->w) continue; /* whole bars only */
        if (b->w == 0) {
            if (b->bottom > b->top) {
                join_top = b->top < join_top ? b->top : join_top;
                join_bottom = b->bottom > join_bottom ? b->bottom : join_bottom;
            }
            continue;
        }
        const rp_bar *last = i + 2 == t->n && t->bars[i + 1].w == 0 ? &t->bars[i + 1] : NULL;
        if (last && last->bottom > last->top) { /* the last column, of width 0 */
            join_top = last->top < join_top ? last->top : join_top;
            join_bottom = last->bottom > join_bottom ? last->bottom : join_bottom;
        }
        float top = b->top, bottom = b->bottom;
        if (join_bottom > join_top) {
            bool own = bottom > top;
            top = own && top < join_top ? top : join_top;
            bottom = own && bottom > join_bottom ? bottom : join_bottom;
            join_top = INFINITY;
            join_bottom = -INFINITY;
        }
        rp_draw_bar(d, b->x, b->w, top, bottom);
    }
    rp_rect clip = rp_draw_get_clip(d);
    if (lines && t->has_before && line_meets(t->before, t->line_width, clip)) {
        rp_draw_path_begin(d, t->line_width, t->line_color);
        rp_draw_path_point(d, t->before[0], t->before[1]);
        rp_draw_path_point(d, t->before[2], t->before[3]);
        rp_draw_path_end(d);
    }
    if (lines && t->has_after && line_meets(t->after, t->line_width, clip)) {
        rp_draw_path_begin(d, t->line_width, t->line_color);
        rp_draw_path_point(d, t->after[0], t->after[1]);
        rp_draw_path_point(d, t->after[2], t->after[3]);
        rp_draw_path_end(d);
    }
    rp_draw_set_clip(d, prev);
}

bool rp_markers_every_sample(rp_markers markers, double width, int64_t n)
{
    return markers == RP_MARKERS_ON ||
           (markers == RP_MARKERS_AUTO && width >= RP_MARKER_SPACING_PX * (double)n);
}

float rp_marker_diameter(float line_width, float scale) { return 2.0f * line_width + 2.0f * scale; }

void rp_draw_series_markers(rp_draw *d, const rp_decimation *dec, const rp_plot_transform *tf,
                            float diameter, rp_color color, bool all)
{
    if (!d || !dec || !tf || !dec->raw || dec->count <= 0 || !dec->out || !(tf->plot.w > 0.0f) ||
        !(tf->plot.h > 0.0f) || !(diameter > 0.0f))
        return;
    rp_rect prev = clip_to_plot(d, tf->plot);
    /* A neighbour that draws a line to the sample: a number on that side (before / after count). */
    bool left = dec->has_before && !isnan(dec->before.last);
    for (int i = 0; i < dec->count; i++) {
        const rp_m4 *e = &dec->out[i];
        bool here = !isnan(e->first);
        bool right = i + 1 < dec->count ? !isnan(dec->out[i + 1].first)
                                        : dec->has_after && !isnan(dec->after.first);
        if (here && (all || (!left && !right))) {
            double px, py;
            rp_plot_transform_apply(tf, e->first_x, (double)e->first, &px, &py);
            rp_draw_line(d, (float)px, (float)py, (float)px, (float)py, diameter, color);
        }
        left = here;
    }
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
