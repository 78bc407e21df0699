/* xy.h — an XY panel's state (xy.c): the two series, the axis ranges, and the pixel grid the
 * pairs are rasterised into (the decimation), as the renderer sees it (render/view_xy.c). */
#ifndef RP_FIGURE_XY_H
#define RP_FIGURE_XY_H

#include <stdint.h>

#include "ringplot.h"

typedef struct rp_xy rp_xy;

void rp_xy_free(rp_xy *xy); /* NULL ignored */
/* One of the panel's two series is `series`? either destroyed while still in the figure? */
bool rp_xy_uses(const rp_xy *xy, const rp_series *series);
bool rp_xy_stale(const rp_xy *xy);

/* Decides the axis ranges for the x window [x0, x1] (fixed, or the two series' finite ranges
 * there with 5 % headroom, kept while the data stays inside and fills at least half of them, so
 * a steady figure never rebuilds its grid) and gives the vertical one. Reads O(log N). */
void rp_xy_y_view(rp_xy *xy, double x0, double x1, double *y0, double *y1);

/* What the renderer draws: an 8-bit brightness image of w × h pixels (rows top to bottom) over
 * the plot, the ranges it spans, and the series (for labels). */
typedef struct rp_xy_view {
    const uint8_t *image; /* NULL: nothing to draw (no grid yet, or a series was destroyed) */
    int w, h;
    uint64_t version; /* changes whenever the image does */
    double x0, x1, y0, y1;
    const rp_series *x_series, *y_series;
    rp_xy_desc desc;
} rp_xy_view;

/* Brings the grid up to date for the window [x0, x1] at a plot of w × h px: rebuilds it when the
 * window moved back or shrank at its end, the ranges changed or the size did (allocating only
 * when it grows), else rasterises only the pairs that arrived since the last call; then renders
 * the image (brightness by age). The figure's thread. */
rp_xy_view rp_xy_frame(rp_xy *xy, double x0, double x1, int w, int h);

/* The two series (borrowed). */
void rp_xy_series(const rp_xy *xy, const rp_series **x, const rp_series **y);

#endif
