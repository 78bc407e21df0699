/* layout.h — where every part of a figure goes for one frame: plot title, panels stacked with a
 * shared x axis, margins sized from the real widths of the tick labels, axis titles, legends.
 * No GL: pure arithmetic over the figure, the fonts' metrics and the tick sets. The renderer
 * draws from an rp_layout; nothing here allocates (an rp_layout lives inside the renderer).
 *
 *   rp_layout_compute   resolve views, ticks and rectangles for a viewport
 *   rp_layout_hit_test  what a pixel of the frame drawn from a layout shows
 * The renderer keeps the layout of the last frame it drew: that is the view state (hit-testing,
 * the legend's corner), never stored in the figure.
 */
#ifndef RP_LAYOUT_LAYOUT_H
#define RP_LAYOUT_LAYOUT_H

#include "axis/ticks.h"
#include "figure/figure_internal.h"
#include "layout/rect.h"
#include "text/font.h"

typedef struct rp_layout_fonts {
    const rp_font *label;      /* tick labels, axis titles, legend */
    const rp_font *label_bold; /* panel titles */
    const rp_font *title;      /* plot title */
    float scale;               /* HiDPI scale of paddings and widths */
} rp_layout_fonts;

typedef struct rp_legend_entry {
    rp_series *series;         /* the series of this entry when laid out (borrowed) */
    rp_rect rect;              /* the entry's row (hit-testing) */
    float swatch_x, swatch_y;  /* left end and vertical centre of the colour swatch */
    float text_x, baseline;
    bool shown;                /* false: did not fit */
} rp_legend_entry;

typedef struct rp_panel_layout {
    rp_rect panel;             /* the whole panel: header, y axis, plot (hit-testing) */
    rp_rect plot;              /* the data area, whole pixels */
    double y0, y1;             /* y view */
    rp_tick_set yticks;
    bool has_header;           /* a row above the plot for the panel title / y annotation */
    float header_baseline;
    rp_rect legend;            /* w == 0: no legend */
    int legend_corner;         /* 0 top-right, 1 top-left, 2 bottom-right, 3 bottom-left */
    rp_legend_entry entries[RP_MAX_SERIES_PER_PANEL];
} rp_panel_layout;

typedef struct rp_layout {
    int width, height;         /* viewport px */
    float scale;
    double x0, x1;             /* x view */
    double x_label_ref;        /* x tick labels show x - x_label_ref (relative time), else 0 */
    rp_tick_set xticks;        /* values in data x (x_label_ref already added back) */
    int panel_count;
    rp_panel_layout panels[RP_MAX_PANELS];
    /* Shared geometry */
    float tick_len;            /* px */
    float tick_label_right;    /* y tick labels end here (right-aligned) */
    float y_title_baseline_x;  /* vertical y axis titles: baseline x */
    bool has_title;
    float title_baseline;
    float x_labels_baseline;   /* under the bottom panel */
    bool has_x_title_row;
    float x_title_baseline;
    float line_px;             /* width of grid and axis lines, whole px */
    rp_rect overlay;           /* the app's text box (HUD) at the top-left of the top plot;
                                  w == 0 when the figure has none */
    float overlay_row_h, overlay_pad;
} rp_layout;

/* Computes the layout of `figure` in a width × height viewport for the x view [x0, x1] and the
 * y views y0[p], y1[p] of each panel. previous: the layout of this figure's previous frame (its
 * legend corners are kept unless another is clearly better), or NULL; it may be `out` itself.
 * Thread: the figure's owner. */
void rp_layout_compute(rp_layout *out, const rp_figure *figure, const rp_layout_fonts *fonts,
                       int width, int height, double x0, double x1, const double *y0,
                       const double *y1, const rp_layout *previous);

/* What is at px, py of the frame drawn from `layout` (the meaning of rp_renderer_hit_test).
 * with_legend false: legend entries are ignored (their series may have been removed since). */
rp_hit rp_layout_hit_test(const rp_layout *layout, float px, float py, bool with_legend);

/* The vertical pixel of data y in a panel / the horizontal pixel of data x (double math). */
double rp_layout_y_px(const rp_panel_layout *panel, double y);
double rp_layout_x_px(const rp_layout *layout, const rp_rect *plot, double x);

#endif
