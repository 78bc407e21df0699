/* figure_internal.h — the figure model as the renderer and the app see it. No GL, no view state:
 * where the last frame put things (rectangles, views drawn, the legend's corner) lives in the
 * renderer that drew it (engine/layout/layout.h), so two renderers may draw one figure. */
#ifndef RP_FIGURE_INTERNAL_H
#define RP_FIGURE_INTERNAL_H

#include "core/log.h"
#include "ringplot.h"

#define RP_TEXT_MAX 128              /* bytes of a title or label including NUL */

typedef struct rp_figure_series {
    rp_series *series;                /* borrowed */
    uint64_t serial;                  /* its registration (core/handles.h): still the same one? */
    char label[RP_TEXT_MAX];
    rp_color color;                   /* a == 0: use palette_index in the theme's palette */
    int palette_index;
    float line_width;                 /* 0: the figure's */
    bool visible;
} rp_figure_series;

typedef struct rp_figure_panel {
    char title[RP_TEXT_MAX];
    char y_label[RP_TEXT_MAX];
    bool fixed_y;
    double y0, y1;                    /* fixed view (fixed_y) */
    rp_figure_series series[RP_MAX_SERIES_PER_PANEL];
    int series_count;
} rp_figure_panel;

struct rp_figure {
    rp_log_sink log;                  /* failures: desc.log's callback and error */
    char error[RP_ERROR_MAX];
    char title[RP_TEXT_MAX];
    char x_label[RP_TEXT_MAX];
    rp_figure_desc desc;              /* strings point at title / x_label above */
    rp_figure_panel panels[RP_MAX_PANELS];
    int panel_count;
    /* Counts changes of which series sit where (add/remove series or panel): a renderer's
     * legend rectangles of an older revision no longer name the right series. */
    uint32_t revision;
    int palette_next;
    bool follow;
    double follow_span;               /* 0: everything retained */
    double x0, x1;                    /* fixed view (!follow) */
    /* RP_X_AXIS_TIME labels are seconds relative to this x ("-2 s" … "0"): the newest sample
     * while following; frozen at the newest sample when a fixed view is set (so labels stay on
     * the data while paused). time_ref_valid false: the newest sample at draw time. */
    bool time_ref_valid;
    double time_ref;
    /* Overlays set by the app (figure_overlay.c), drawn by the renderer on top of the plots:
     * a crosshair at viewport px with each visible series' value at that x, and a text box at
     * the top-left (a HUD; "" when none). */
    bool crosshair_on;
    float crosshair_px, crosshair_py;
    char overlay[1024];
};

/* The non-data colours of a theme (backgrounds, grid, text, legend). */
typedef struct rp_theme_style {
    rp_color background;     /* the whole viewport */
    rp_color plot_background;/* the data area of each panel */
    rp_color frame;          /* axis lines / plot frame */
    rp_color grid;           /* major grid lines */
    rp_color grid_minor;     /* minor grid lines */
    rp_color tick;           /* tick marks */
    rp_color tick_label;     /* tick labels and annotations */
    rp_color text;           /* axis titles, legend text */
    rp_color title;          /* plot and panel titles */
    rp_color legend_background; /* semi-transparent */
    rp_color legend_border;
} rp_theme_style;

/* The style of a theme (unknown values fall back to the dark theme). */
rp_theme_style rp_theme_style_get(rp_theme theme);

/* The palette of a theme: RP_PALETTE_SIZE colour-blind-safe colours, distinct on its background. */
rp_color rp_theme_palette(rp_theme theme, int index);
/* A series' resolved colour in the figure's theme. */
rp_color rp_figure_series_color(const rp_figure *figure, const rp_figure_series *fs);
/* The y view of a panel for the x view [x0, x1]: its fixed view, or the autoscaled union of the
 * visible series' finite values with 5% headroom ([0, 1] without data; a band around flat data). */
rp_status rp_figure_resolve_y(const rp_figure *figure, int panel, double x0, double x1, double *y0,
                              double *y1);
/* The newest x over all series of the figure (shown or hidden); false when none has data. */
bool rp_figure_newest_x(const rp_figure *figure, double *x);
/* A live figure (registry lookup: never reads the object behind a stale pointer). */
bool rp_figure_valid(const rp_figure *figure);
/* The first series of the figure that was destroyed while still in it (its panel and entry in
 * *panel / *index), or false when every series is live. */
bool rp_figure_find_stale_series(const rp_figure *figure, int *panel, int *index);
/* The figure's sink (for the layers that report a failure on the figure's channel). */
static inline rp_log_sink *rp_figure_log(const rp_figure *figure)
{
    return &((rp_figure *)figure)->log;
}

#endif
