/* view_xy.c — draws an XY panel: the X series' axis (1-2-5 ticks, labels inside the bottom of the
 * plot, its name and unit at the right end), the pairs as one texture of the brightness image the
 * figure rasterised (figure/xy.h), in the first palette colour. The y axis is the panel's own (the
 * Y series' range, drawn by the renderer). */
#include <math.h>
#include <stdio.h>

#include "axis/ticks.h"
#include "figure/xy.h"
#include "render/views.h"

static float text_width(void *user, const char *text) { return rp_font_text_width(user, text); }

/* A label on a patch of the plot background at the plot's bottom, centred on px x (skipped when
 * it would leave the plot); returns false when skipped. */
static bool label_inside(const rp_view_context *vc, const rp_rect *plot, float x, const char *text)
{
    float w = rp_font_text_width(vc->font, text), ascent = rp_font_ascent(vc->font);
    float left = roundf(x - 0.5f * w), pad = roundf(2 * vc->scale);
    float base = plot->y + plot->h - roundf(4 * vc->scale);
    if (left < plot->x + 2 || left + w > plot->x + plot->w - 2) return false;
    rp_color patch = vc->theme->plot_background;
    patch.a = 0.85f;
    rp_draw_rect(vc->draw,
                 (rp_rect){left - pad, base - ascent - pad, w + 2 * pad, ascent + 2 * pad + 1},
                 patch);
    rp_draw_text(vc->draw, vc->font, text, left, base, vc->theme->tick_label);
    return true;
}

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
    rp_tick_request req = {.lo = xv.x0,
                           .hi = xv.x1,
                           .axis_px = plot->w,
                           .label_height = ascent,
                           .min_gap_px = 24 * vc->scale,
                           .text_width = text_width,
                           .user = (void *)vc->font};
    rp_tick_set ticks;
    int nt = rp_ticks_numeric(&req, &ticks);
    for (int i = 0; i < nt; i++) { /* the X grid, under the pairs */
        double x = plot->x + (ticks.ticks[i].value - xv.x0) * sx;
        if (!ticks.ticks[i].major || x < plot->x + 0.5 || x > plot->x + plot->w - 0.5) continue;
        rp_draw_rect(
            d, (rp_rect){(float)floor(x - 0.5 * vc->line_px + 0.5), plot->y, vc->line_px, plot->h},
            vc->theme->grid);
    }
    rp_color color = rp_theme_palette(vc->figure->desc.theme, 0);
    rp_draw_image(d, fp->xy, xv.version, xv.image, xv.w, xv.h, 1,
                  (rp_rect){plot->x, plot->y, (float)xv.w, (float)xv.h}, color);
    for (int i = 0; i < nt; i++)
        if (ticks.ticks[i].major && ticks.ticks[i].label[0])
            label_inside(vc, plot, (float)(plot->x + (ticks.ticks[i].value - xv.x0) * sx),
                         ticks.ticks[i].label);

    /* the X axis' name, unit and annotation at the right end of the label band */
    char name[2 * RP_NAME_MAX + 64];
    const char *unit = rp_series_unit(xv.x_series);
    snprintf(name, sizeof name, "%s%s%s%s%s", ticks.annotation, ticks.annotation[0] ? "  " : "",
             rp_series_name(xv.x_series), unit && unit[0] ? " / " : "", unit ? unit : "");
    float nw = rp_font_text_width(vc->font, name);
    float nx = plot->x + plot->w - nw - pad;
    rp_draw_rect(d,
                 (rp_rect){nx - pad / 2, plot->y + plot->h - pad - ascent - pad / 2, nw + pad,
                           ascent + pad + 1},
                 vc->theme->plot_background);
    rp_draw_text(d, vc->font, name, nx, plot->y + plot->h - pad, vc->theme->tick_label);
}
