/* figure_internal.h — the figure model as the renderer and the app see it. No GL.
 * The renderer reads the model and writes back the layout of the last frame (for hit-testing). */
#ifndef RP_FIGURE_INTERNAL_H
#define RP_FIGURE_INTERNAL_H

#include "ringplot.h"

#define RP_FIGURE_MAGIC 0x52504647u /* "RPFG": set at create, cleared at destroy */
#define RP_TEXT_MAX 128              /* bytes of a title or label including NUL */

typedef struct rp_rect { float x, y, w, h; } rp_rect; /* px, top-left origin of the viewport */

typedef struct rp_figure_series {
    rp_series *series;                /* borrowed */
    char label[RP_TEXT_MAX];
    rp_color color;                   /* a == 0: use palette_index in the theme's palette */
    int palette_index;
    float line_width;                 /* 0: the figure's */
    bool visible;
    rp_rect legend_rect;              /* layout of the last frame (written by the renderer) */
} rp_figure_series;

typedef struct rp_figure_panel {
    char title[RP_TEXT_MAX];
    char y_label[RP_TEXT_MAX];
    bool fixed_y;
    double y0, y1;                    /* fixed view (fixed_y) */
    rp_figure_series series[RP_MAX_SERIES_PER_PANEL];
    int series_count;
    rp_rect plot_rect;                /* layout of the last frame: the data area */
    rp_rect panel_rect;               /* ...the whole panel including axes */
    double drawn_y0, drawn_y1;        /* y view the last frame used */
} rp_figure_panel;

struct rp_figure {
    uint32_t magic;
    char title[RP_TEXT_MAX];
    char x_label[RP_TEXT_MAX];
    rp_figure_desc desc;              /* strings point at title / x_label above */
    rp_figure_panel panels[RP_MAX_PANELS];
    int panel_count;
    int palette_next;
    bool follow;
    double follow_span;               /* 0: everything retained */
    double x0, x1;                    /* fixed view (!follow) */
    /* layout of the last frame */
    float viewport_w, viewport_h;
    double drawn_x0, drawn_x1;
    int x_axis_panel;                 /* panel that shows the x tick labels (the bottom one) */
};

/* The palette of a theme: RP_PALETTE_SIZE colour-blind-safe colours, distinct on its background. */
rp_color rp_theme_palette(rp_theme theme, int index);
/* A series' resolved colour in the figure's theme. */
rp_color rp_figure_series_color(const rp_figure *figure, const rp_figure_series *fs);
/* Validates a figure pointer (magic) and returns true when usable. */
bool rp_figure_valid(const rp_figure *figure);

#endif
