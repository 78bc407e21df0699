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
    float fx, fy; /* the column's first sample in px (fy NaN: none, or NaN) */
    float lx, ly; /* its last sample likewise */
    float lo, hi; /* y px range of its samples and connectors (lo > hi: nothing) */
    float ml, mr; /* the connectors at the left / right boundary; NaN: none */
    uint8_t kind; /* series_geometry.c's KNOT_* */
} rp_column_knot;

rp_column_knot *rp_draw_column_knots(rp_draw *draw, int columns);
void rp_draw_bars_begin(rp_draw *draw, rp_color color);
void rp_draw_bar(rp_draw *draw, int x, int w, float top, float bottom);

#endif
