/* draw_path.h — internal to engine/render: the path builder that series_geometry.c feeds.
 * A path is a polyline in viewport px (double precision until it is clipped to a guard band
 * around the clip rect, so far-away points never reach the GPU as huge floats). Consecutive
 * segments of a path are linked: the segment shader gives each pixel of a join to one segment.
 *
 *   rp_draw_path_begin(draw, width, color)   AA thick path (capsules)
 *   rp_draw_path_begin_aliased(draw, color)  1-px aliased GL_LINE_STRIP path (tests)
 *   rp_draw_path_point(draw, px, py)         next vertex (identical consecutive points skipped)
 *   rp_draw_path_break(draw)                 gap: the next point starts a new run
 *   rp_draw_path_end(draw)
 * A run of a single point draws a dot (AA mode). No allocation. */
#ifndef RP_RENDER_DRAW_PATH_H
#define RP_RENDER_DRAW_PATH_H

#include "render/column_cache.h"
#include "render/draw.h"

void rp_draw_path_begin(rp_draw *draw, float width, rp_color color);
void rp_draw_path_begin_aliased(rp_draw *draw, rp_color color);
void rp_draw_path_point(rp_draw *draw, double px, double py);
void rp_draw_path_break(rp_draw *draw);
void rp_draw_path_end(rp_draw *draw);

/* Dense series (column mode): one solid bar per pixel column, drawn by span.vert/.frag.
 *   rp_draw_column_knots(draw, n)            scratch for n columns (NULL: more than reserved)
 *   rp_draw_bars_begin(draw, color)          colour of the bars that follow
 *   rp_draw_bar(draw, x, w, top, bottom)     pixel columns [x, x + w) covered over the rows
 *       [top, bottom] (y px, top < bottom), box-filtered: rows strictly inside are solid, the two
 *       edge rows get their covered share (anti-aliased), nothing outside. */
typedef struct rp_column_knot {
    float fx, fy;         /* the column's first sample: x in columns from the column's left boundary
                     (series_geometry.c's column_u), y in px (fy NaN: none, or NaN) */
    float lx, ly;         /* its last sample likewise */
    float lo, hi;         /* y px range of its samples and connectors (lo > hi: nothing) */
    float own_lo, own_hi; /* of its samples alone (what connect() weighs) */
    float ml, mr;         /* the connectors at the left / right boundary; NaN: none */
    uint8_t kind;         /* series_geometry.c's KNOT_* */
} rp_column_knot;

rp_column_knot *rp_draw_column_knots(rp_draw *draw, int columns);
/* The draw's scratch of bars for one series (capacity: the columns reserved). */
typedef struct rp_bar {
    int x, w;          /* pixel columns [x, x + w), viewport px */
    float top, bottom; /* rows (y px); both 0 when the column draws nothing */
} rp_bar;
rp_bar *rp_draw_bar_scratch(rp_draw *draw, int *capacity);
void rp_draw_bars_begin(rp_draw *draw, rp_color color);
void rp_draw_bar(rp_draw *draw, int x, int w, float top, float bottom);

/* What a column's bar is built from: its samples' values and x (rp_m4 less the indices), the
 * same bytes whenever the column holds the same samples. */
typedef struct rp_bar_input {
    float first, last, min, max;
    double first_x, last_x;
    uint32_t flags;
    uint32_t filled; /* 0: no sample (then every other field is 0) */
} rp_bar_input;

/* Everything else a bar depends on: the series' grid, its px per column, the y map, the pen.
 * Filled after a memset to 0 (compared with memcmp). */
typedef struct rp_bar_basis {
    double column_dx, anchor, wpx;
    double y0, sy, y_threshold;
    float plot_y, plot_h, width;
    int y_scale;
} rp_bar_basis;

/* A series' bars kept from frame to frame, by grid column: column c's bar and what it was built
 * from at [c − base] (plot_reuse.c owns one per panel series). A frame that scrolls writes the
 * new columns' entries and every bar's x; the others stay where they are (base moves only when
 * the view leaves the store, copying what is still in view). */
typedef struct rp_bar_store {
    rp_bar *bars;
    rp_bar_input *inputs;
    int cap; /* columns; twice a view's at least */
    int64_t base;
} rp_bar_store;

#define RP_BAR_SPANS 32 /* spans of changed pixel columns a trace lists (more: all changed) */

/* One dense series of a frame as bars (series_geometry.c): what rp_draw_series draws in column
 * mode, built apart from drawing so that a plot that only scrolled can redraw a strip
 * (plot_reuse.h).
 *   rp_series_bars(draw, dec, tf, width, color, store, run, prev, &trace)
 *       false: not as bars (raw samples, a line wider than RP_DRAW_BAR_MAX_WIDTH, more columns
 *       than the store or the draw's scratch holds): draw it with rp_draw_series. Else
 *       trace.bars[i] is column i's bar, in store (NULL: the draw's scratch, every bar built).
 *       prev (NULL: none): last frame's trace of the series, built into the same store. A bar
 *       whose own column, the columns its pen reaches and the nearest non-empty ones beyond
 *       them (the connectors it carries) hold the same inputs on the same basis is last frame's,
 *       left in place, not built again. run (NULL: none): what rp_column_cache_decimate said of
 *       dec; the columns it proves unchanged since prev's are not even compared. While following
 *       live a frame then reads and builds its new and edge columns only, and writes each bar's
 *       x. trace.built counts the bars built, trace.examined the columns read; trace.spans lists the pixel columns where the bars
 *       differ from prev's moved left by trace.shift px (with prev's columns that left the
 *       view), for plot_reuse's plan.
 *   rp_draw_bar_trace(draw, &trace, plot, px0, px1, lines)
 *       draws the bars that lie wholly in pixel columns [px0, px1) and, with lines, the lines to
 *       before / after, clipped to the current clip ∩ plot; (INT_MIN, INT_MAX, true): all of it,
 *       as rp_draw_series. */
typedef struct rp_bar_trace {
    rp_bar *bars;
    int n;
    double origin;        /* x px of grid column 0's left edge: left − first_column · wpx */
    double wpx;           /* px per column */
    int64_t first_column; /* grid number of bars[0] */
    rp_color color;       /* the bars' (alpha scaled for lines under 1 px) */
    rp_color line_color;  /* the lines to before / after */
    float line_width;
    bool has_before, has_after;
    double before[4], after[4]; /* x0, y0, x1, y1 px */
    const rp_bar_store *store;  /* where the bars are kept, or NULL (the draw's scratch) */
    rp_column_run run;          /* the decimation's (epoch 0: none) */
    rp_bar_basis basis;
    bool grid;    /* placed on the series' grid (else no bar is taken from last frame) */
    int built;    /* bars built afresh (the rest taken from prev) */
    int examined; /* columns whose inputs were read (compared with prev's, or all of them) */
    /* Against prev: */
    int shift;      /* px the columns moved left since prev */
    bool spans_all; /* no prev, or too many spans: any pixel column may differ */
    int spans;      /* [span_x0[k], span_x1[k]): viewport px columns that differ */
    int span_x0[RP_BAR_SPANS], span_x1[RP_BAR_SPANS];
} rp_bar_trace;

bool rp_series_bars(rp_draw *draw, const rp_decimation *dec, const rp_plot_transform *tf,
                    float width, rp_color color, rp_bar_store *store, const rp_column_run *run,
                    const rp_bar_trace *prev, rp_bar_trace *trace);
void rp_draw_bar_trace(rp_draw *draw, const rp_bar_trace *trace, rp_rect plot, int px0, int px1,
                       bool lines);

#endif
