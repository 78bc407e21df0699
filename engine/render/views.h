/* views.h — panels that show a view other than samples against the shared x axis (spectrum,
 * ...): each draws its content, its own x axis inside its plot, and its read-out. */
#ifndef RP_RENDER_VIEWS_H
#define RP_RENDER_VIEWS_H

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
} rp_view_context;

/* Draws spectrum panel p (its grid, curve, Hz axis, peak read-out) into pl's plot area. The
 * caller has drawn the plot background and the y axis. No allocation. */
void rp_view_spectrum_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                           const rp_panel_layout *pl);

/* Draws trigger panel p: its time-from-trigger axis, the sweep, trigger and level lines, state. */
void rp_view_trigger_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                          const rp_panel_layout *pl);

/* Draws notes panel fp (figure/notes.h): log markers, state bands, the log list, the crosshair's
 * values, on the shared x view of l. No allocation. */
void rp_view_notes_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                        const rp_panel_layout *pl, const rp_layout *l);

/* Formats an x value the way the x axis shows it (wall clock, seconds from the origin, number). */
void rp_view_format_x(const rp_figure *f, const rp_layout *l, double x, double resolution,
                      char *buf, int size);

#endif
