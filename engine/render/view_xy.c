/* view_xy.c — draws an XY panel: the X series' axis (1-2-5 ticks and labels in the band under the
 * plot, its name and unit at the right end), the pairs as one texture of the brightness image the
 * figure rasterised (figure/xy.h), in the first palette colour. The y axis is the panel's own (the
 * Y series' range, drawn by the renderer). */
#include <math.h>
#include <stdio.h>

#include "axis/ticks.h"
#include "figure/xy.h"
#include "render/views.h"

void rp_view_xy_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                     const rp_panel_layout *pl)
{
    const rp_rect *plot = &pl->plot;
    rp_draw *d = vc->draw;
    float ascent = rp_font_ascent(vc->font), pad = roundf(4 * vc->scale);
    rp_xy_view xv = rp_xy_frame(fp->xy, vc->x0, vc->x1, (int)plot->w, (int)plot->h);
    if (!xv.image) {
        rp_draw_text(d, vc->font, "no pairs in view", plot->x + 2 * pad, plot->y + 2 * pad + ascent,
                     vc->theme->tick_label);
        return;
    }
    double sx = plot->w / (xv.x1 - xv.x0);
    rp_tick_set ticks;
    int nt = rp_view_x_ticks(vc, plot, xv.x0, xv.x1, false, &ticks);
    for (int i = 0; i < nt; i++) /* the X grid, under the pairs */
        if (ticks.ticks[i].major)
            rp_view_grid_x(vc, plot, plot->x + (ticks.ticks[i].value - xv.x0) * sx);
    rp_color color = rp_theme_palette(vc->figure->desc.theme, 0);
    rp_draw_image(d, fp->xy, xv.version, xv.image, xv.w, xv.h, 1,
                  (rp_rect){plot->x, plot->y, (float)xv.w, (float)xv.h}, color);
    /* the X axis in the band under the plot: its ticks and labels, its name, unit and annotation
     * at the right end */
    char name[2 * RP_NAME_MAX + 64];
    const char *unit = rp_series_unit(xv.x_series);
    snprintf(name, sizeof name, "%s%s%s%s%s%s", ticks.annotation, ticks.annotation[0] ? "  " : "",
             rp_series_name(xv.x_series), unit && unit[0] ? " (" : "", unit ? unit : "",
             unit && unit[0] ? ")" : ""); /* as the y axis' title: "pos.x (mm)" */
    float limit = rp_view_axis_name(vc, pl, name), free_left = 0;
    for (int i = 0; i < nt; i++)
        rp_view_axis_tick(vc, pl, (float)(plot->x + (ticks.ticks[i].value - xv.x0) * sx),
                          ticks.ticks[i].major, ticks.ticks[i].label, limit, &free_left);
}
