/* views.h — panels that show a view other than samples against the shared x axis (spectrum,
 * trigger, XY): each draws its content, its own x axis in the band the layout keeps under its
 * plot, its state or peak line at the right of its header row (never over the data), and its
 * read-out. */
#ifndef RP_RENDER_VIEWS_H
#define RP_RENDER_VIEWS_H

#include "axis/ticks.h"
#include "figure/figure_internal.h"
#include "render/draw.h"
#include "layout/layout.h"
#include "text/font.h"

typedef struct rp_view_context {
    rp_draw *draw;
    const rp_font *font;
    const rp_theme_style *theme;
    const rp_figure *figure;
    float line_px, tick_len, scale;
    double x0, x1;       /* the figure's x window this frame (XY panels pair over it) */
    const rp_font *bold; /* panel titles (the header row a state line shares) */
} rp_view_context;

/* Draws spectrum panel p (its grid, curve, Hz axis under the plot, peak read-out in the header)
 * over its frequency view. The caller has drawn the plot background and the y axis. No
 * allocation. */
void rp_view_spectrum_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                           const rp_panel_layout *pl);

/* Draws trigger panel p over its time window: its time-from-trigger axis under the plot, the
 * sweep, trigger and level lines, its state in the header. */
void rp_view_trigger_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                          const rp_panel_layout *pl);

/* Draws notes panel fp (figure/notes.h): log markers, state bands, the log list, the crosshair's
 * values, on the shared x view of l. No allocation. */
void rp_view_notes_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                        const rp_panel_layout *pl, const rp_layout *l);

/* Formats an x value the way the x axis shows it (wall clock, seconds from the origin, number). */
void rp_view_format_x(const rp_figure *f, const rp_layout *l, double x, double resolution,
                      char *buf, int size);
/* Where a view panel's samples end when it does not show the newest (the figure does not follow
 * live, or a recording): "at t = -4.607 s" from the time labels' origin, else "at " and x as the
 * x axis shows it (wall clock, number), to `resolution`; seconds from the origin to the coarser
 * of it and a pixel of the time view over plot_w px, as a decimal step ("at t = 0 s", never
 * "-0.0004790 s" for what is 0 at that scale). */
void rp_view_format_at(const rp_view_context *vc, double x, double resolution, float plot_w,
                       char *buf, int size);
/* Draws XY panel p: its X axis under the plot and the pairs over the window [vc->x0, vc->x1]
 * (brings the panel's grid up to date first). */
void rp_view_xy_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                     const rp_panel_layout *pl);

/* Shared pieces of the views' own x axes (views.c). The ticks over [lo, hi] along the plot's
 * width: numeric 1-2-5, or relative time (time). */
int rp_view_x_ticks(const rp_view_context *vc, const rp_rect *plot, double lo, double hi, bool time,
                    rp_tick_set *out);
/* The colour of a spectrum or trigger panel's series: the one it has in its time panel (the
 * palette's first colour when it is in none, and for other panels). */
rp_color rp_view_series_color(const rp_figure *figure, const rp_figure_panel *fp);
/* The unit of a relative time axis' n labels ("-150 ms"): its name in *name and its size in
 * seconds; "s" when the labels use none of the sub-second ones. */
double rp_view_time_unit(const rp_tick_set *ticks, int n, const char **name);
/* A dashed vertical or horizontal line of thickness t (dash and gap of `dash` px): cursor B, level
 * cursors, a trigger's level and instant. */
void rp_view_dashed(rp_draw *d, float x0, float y0, float x1, float y1, float t, float dash,
                    rp_color c);
/* A vertical grid line at px x (none outside the plot). */
void rp_view_grid_x(const rp_view_context *vc, const rp_rect *plot, double x);
/* The own x axis in the band under panel pl's plot (pl->own_axis_baseline). rp_view_axis_name
 * draws the axis' name or unit right-aligned at the band's end and returns where it starts
 * (labels stop before it). rp_view_axis_tick draws a tick mark under the plot at px x (major:
 * longer) and its label centred under it when it fits right of *free_left and left of limit
 * (moving *free_left past it). */
float rp_view_axis_name(const rp_view_context *vc, const rp_panel_layout *pl, const char *text);
void rp_view_axis_tick(const rp_view_context *vc, const rp_panel_layout *pl, float x, bool major,
                       const char *label, float limit, float *free_left);
/* A line of text at the top left of a view panel's plot (its placeholder: "waiting for 4096
 * samples"), pad px in: shortened with "…" to the plot's width, none in a plot too low for it. */
void rp_view_plot_note(const rp_view_context *vc, const rp_rect *plot, const char *text, float pad);
/* A state or read-out line right-aligned in the panel's header row, after its title: `text`, or
 * `shorter` (may be NULL) when text does not fit beside the title; where even that does not,
 * shortened with "…" at a character (none when not one fits). */
void rp_view_header_text(const rp_view_context *vc, const rp_figure_panel *fp,
                         const rp_panel_layout *pl, const char *text, const char *shorter);
bool rp_view_header_fits(const rp_view_context *vc, const rp_figure_panel *fp,
                         const rp_panel_layout *pl, const char *text);

/* A panel with a view of its own (its x axis is not the shared time axis). */
static inline bool own_x_axis(const rp_figure_panel *fp)
{
    return fp->spectrum || fp->trigger || fp->xy;
}

/* The lowest y value panel fp shows on its y axis: a spectrum panel's curve floor above its
 * waterfall strip (no dB ticks beside the strip); -Inf for every other panel. */
double rp_view_y_floor(const rp_figure_panel *fp, const rp_panel_layout *pl);

/* A row of a crosshair read-out box: a swatch colour (a == 0: a heading, label only), a label and
 * a right-aligned value. */
typedef struct rp_readout_row {
    rp_color color;
    char label[RP_TEXT_MAX];
    char value[48];
} rp_readout_row;

/* The crosshair read-out of view panel fp at viewport px (px, py) inside its plot, in the view's
 * own units (spectrum: frequency and dB; trigger: time from the trigger and the value; XY: the
 * X and Y values under the pointer); returns the rows written (at most max). */
int rp_view_readout(const rp_view_context *vc, const rp_figure_panel *fp, const rp_panel_layout *pl,
                    float px, float py, rp_readout_row *rows, int max);

#endif
