/* figure_internal.h — the figure model as the renderer and the app see it. No GL.
 * Only what was asked for (views, cursors, the legend's place, overlays): where a frame put
 * things is the drawer's (layout/layout.h, rp_drawn_frame), so a figure never depends on which
 * renderer drew it last. */
#ifndef RP_FIGURE_INTERNAL_H
#define RP_FIGURE_INTERNAL_H

#include "core/log.h"
#include "core/rect.h"
#include "ringplot.h"

#define RP_TEXT_MAX 128 /* bytes of a title or label including NUL */

typedef struct rp_figure_series {
    rp_series *series; /* borrowed */
    uint64_t serial;   /* its registration (core/handles.h): still the same one? */
    char label[RP_TEXT_MAX];
    rp_color color; /* a == 0: use palette_index in the theme's palette */
    int palette_index;
    float line_width; /* 0: the figure's */
    int y_axis;       /* 0 left, 1 right */
    bool visible;
} rp_figure_series;

typedef struct rp_figure_panel {
    char title[RP_TEXT_MAX];
    char y_label[RP_TEXT_MAX];
    bool fixed_y;
    double y0, y1; /* fixed view (fixed_y) */
    rp_figure_series series[RP_MAX_SERIES_PER_PANEL];
    int series_count;
    rp_legend_place legend_place; /* RP_LEGEND_AUTO or a corner the user chose */
    bool fixed_y2;                /* the right axis: fixed view, or autoscaled */
    double y2_0, y2_1;
    rp_y_scale y_scale; /* linear, log, symlog (axis/scale.h), both axes */
    double symlog_threshold;
    bool level_on[2]; /* horizontal level cursors of this panel, in data y */
    double level_y[2];
    struct rp_spectrum *spectrum; /* a spectrum panel (figure/spectrum.h); NULL: a time panel */
    struct rp_trigger *trigger;   /* a trigger panel (figure/trigger.h); NULL: a time panel */
    struct rp_notes_panel *notes; /* a notes panel (figure/notes.h): states and log lines */
    struct rp_xy *xy;             /* an XY panel (figure/xy.h); NULL: a time panel */
    /* While following live, each autoscaled linear axis (0 left, 1 right) holds its view
     * (rp_figure_hold_y): held[axis] says the view below is in force. */
    bool held[2];
    double held0[2], held1[2];
} rp_figure_panel;

struct rp_figure {
    rp_log_sink log; /* failures: desc.log's callback and error */
    char error[RP_ERROR_MAX];
    char title[RP_TEXT_MAX];
    char x_label[RP_TEXT_MAX];
    rp_figure_desc desc; /* strings point at title / x_label above */
    rp_figure_panel panels[RP_MAX_PANELS];
    int panel_count;
    int palette_next;
    bool follow;
    double follow_span; /* 0: everything retained */
    /* Bumped by rp_figure_refit: part of each panel's legend layout key, so the next frame
     * chooses every automatic legend corner afresh (layout.c legend_corner). */
    unsigned refits;
    /* View images made (spectrum strips, XY images): with the figure's handle serial, the base of
     * each one's image version (rp_figure__image_version_base) */
    uint64_t images_made;
    double x0, x1; /* fixed view (!follow) */
    /* RP_X_AXIS_TIME labels are seconds relative to this x ("-2 s" … "0"): the newest sample
     * while following; frozen at the newest sample when a fixed view is set (so labels stay on
     * the data while paused). time_ref_valid false: the newest sample at draw time. The
     * renderer labels a following view from the end of the view it drew instead (snapped to
     * its pixel columns, so labels never shimmer); that is the frame's, not the model's. */
    bool time_ref_valid;
    double time_ref;
    /* rp_figure_set_time_origin: a fixed origin (a file's zero) that every other rule yields to */
    bool origin_fixed;
    double origin_x;
    /* Vertical time cursors A and B, stored as offsets from the time origin (see
     * rp_figure_time_origin): on a live view they keep their place on screen (and their label,
     * "-2.5 s") as the data scrolls; on a fixed view they stay on the data. */
    bool cursor_on[2];
    double cursor_offset[2];
    bool stats_on; /* the statistics table of the visible range */
    /* Overlays set by the app (figure_overlay.c), drawn by the renderer on top of the plots:
     * a crosshair at viewport px with each visible series' value at that x, and a text box at
     * the top-left (a HUD; "" when none). */
    bool crosshair_on;
    float crosshair_px, crosshair_py;
    bool zoom_box_on; /* a rubber band between viewport px zoom_box[0..1] and [2..3] */
    float zoom_box[4];
    char overlay[1024];
    char placeholder[RP_FIGURE_PLACEHOLDER_MAX]; /* centred over the plots ("" when none) */
    /* A status word (badge, "PAUSED") and a short message beside it, at the right of the first
     * time panel's header row ("" when none). */
    char badge[RP_FIGURE_BADGE_MAX];
    char message[RP_FIGURE_MESSAGE_MAX];
    /* A replay's timeline: a bar under the plots for [timeline_x0, timeline_x1] with a playhead
     * at timeline_at (off: timeline_on false). */
    bool timeline_on;
    double timeline_x0, timeline_x1, timeline_at;
};

/* The non-data colours of a theme (backgrounds, grid, text, legend). */
typedef struct rp_theme_style {
    rp_color background;        /* the whole viewport */
    rp_color plot_background;   /* the data area of each panel */
    rp_color frame;             /* axis lines / plot frame */
    rp_color grid;              /* major grid lines */
    rp_color grid_minor;        /* minor grid lines */
    rp_color tick;              /* tick marks */
    rp_color tick_label;        /* tick labels and annotations */
    rp_color text;              /* axis titles, legend text */
    rp_color title;             /* plot and panel titles */
    rp_color legend_background; /* semi-transparent */
    rp_color legend_border;
} rp_theme_style;

/* The style of a theme (unknown values fall back to the dark theme). */
rp_theme_style rp_theme_style_get(rp_theme theme);

/* The palette of a theme: RP_PALETTE_SIZE colour-blind-safe colours (index 0..7), then more up
 * to RP_PALETTE_COLOURS, each as far as can be from all before it, new hues first, then shades;
 * all visible on the theme's background. Indices wrap at RP_PALETTE_COLOURS. */
#define RP_PALETTE_COLOURS 64
rp_color rp_theme_palette(rp_theme theme, int index);
/* The line width factor of a series' style: 2 for the second round of the palette (series
 * 65..128 of a figure), else 1. */
float rp_figure_series_width_scale(const rp_figure_series *fs);
/* A series' resolved colour in the figure's theme. */
rp_color rp_figure_series_color(const rp_figure *figure, const rp_figure_series *fs);
/* The y view of a panel for the x view [x0, x1]: its fixed view, or the autoscaled union of the
 * visible series' finite values with 5% headroom ([0, 1] without data; a band around flat data). */
rp_status rp_figure_resolve_y(const rp_figure *figure, int panel, double x0, double x1, double *y0,
                              double *y1);
/* While the figure follows live, each autoscaled linear y axis of the panel holds still: it
 * grows (with a margin of RP_HOLD_MARGIN of the data's span on the side that grew) only when the
 * data in [x0, x1] leaves it, and shrinks to fit only when the data's view would be under
 * RP_HOLD_SHRINK of its height (also right after growing: it fits at once rather than grow and
 * fit in two frames, so a call over unchanged data changes nothing); resolve then returns the
 * held view. So a live plot does not
 * rescale (and redraw whole) on every new extreme. Anything else — a fixed x view, a fixed y
 * view, log and symlog scales, no data — drops the hold: the view fits the data exactly as
 * before. The renderer calls it once a frame before resolving the y views. Returns whether either
 * axis' view over [x0, x1] is not what resolve gave before the call. */
bool rp_figure_hold_y(rp_figure *figure, int panel, double x0, double x1);
/* The same for the right y axis (series with y_axis 1); false when the panel has none. */
bool rp_figure_resolve_y2(const rp_figure *figure, int panel, double x0, double x1, double *y0,
                          double *y1);
/* The newest x over all series of the figure (shown or hidden); false when none has data. */
bool rp_figure_newest_x(const rp_figure *figure, double *x);
/* The x that cursor offsets are counted from right now: the newest sample of the series on a
 * live view, the frozen origin on a fixed one. false when no series has data yet. */
bool rp_figure__origin(const rp_figure *figure, double *x);
/* A fixed view's frozen time origin set to x (finite): an app that pauses what a frame showed
 * keeps that frame's labels, counted from the end of the view it drew (its "0 s" at the right
 * edge), not from a sample that came after it. No effect while following. */
void rp_figure__freeze_time_ref(rp_figure *figure, double x);
/* A panel's y in its scale's unit (linear on screen), and back. */
double rp_panel_y_unit(const rp_figure_panel *panel, double y);
double rp_panel_y_from_unit(const rp_figure_panel *panel, double u);
/* A live figure (registry lookup: never reads the object behind a stale pointer). */
bool rp_figure_valid(const rp_figure *figure);
/* The first series of the figure that was destroyed while still in it (its panel and entry in
 * *panel / *index; *index -1: the series of a spectrum, trigger or XY panel), or false when
 * every series is live. */
bool rp_figure_find_stale_series(const rp_figure *figure, int *panel, int *index);
/* The series a spectrum or trigger panel shows, or an XY panel's x series; NULL for other panels.
 * (The viewer places such a panel right above that series' time panel.) */
const rp_series *rp_figure_view_series(const rp_figure *figure, int panel);
/* Moves panel `from` to index `to`, the panels between shifting by one (everything of a panel
 * moves with it: series, views, levels, legend corner). RP_ERR_INVALID_ARG for a bad index. */
rp_status rp_figure_move_panel(rp_figure *figure, int from, int to);
/* A picture drawn once, as an export draws it, must be whole:
 *   rp_figure_triggers_catch_up  updates every trigger panel until its live scan has reached
 *                                the newest sample (a frame examines a bounded part: a file shown
 *                                whole showed a sweep from its middle); true when one was behind
 *                                (a frame drawn before is stale)
 *   rp_figure_xy_filling         some XY panel's grid has not reached its window's end yet
 *                                (rp_xy_desc.samples_per_frame): draw frames until it has
 * Thread: the figure's. */
bool rp_figure_triggers_catch_up(rp_figure *figure);
bool rp_figure_xy_filling(const rp_figure *figure);
/* The figure's sink (for the layers that report a failure on the figure's channel). */
static inline rp_log_sink *rp_figure_log(const rp_figure *figure)
{
    return &((rp_figure *)figure)->log;
}

/* The first image version of a view image made now (a spectrum's waterfall, an XY panel's
 * image): unique across figures and images, so a drawer's texture cache keyed by the image's
 * address and version never takes one image for another made at the same address after it was
 * freed (the last of two waterfall goldens showed the first one's rows now and then). */
uint64_t rp_figure__image_version_base(rp_figure *figure);

#endif
