/* figure_overlay.c — the app's overlays on a figure: crosshair, zoom box, a text box (HUD) and a
 * replay's timeline. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "figure/figure_internal.h"

rp_status rp_figure_set_crosshair(rp_figure *figure, float px, float py)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    figure->crosshair_on = isfinite(px) && isfinite(py);
    figure->crosshair_px = px;
    figure->crosshair_py = py;
    return RP_OK;
}

rp_status rp_figure_set_zoom_box(rp_figure *figure, float x0, float y0, float x1, float y1)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    figure->zoom_box_on = isfinite(x0) && isfinite(y0) && isfinite(x1) && isfinite(y1);
    figure->zoom_box[0] = x0;
    figure->zoom_box[1] = y0;
    figure->zoom_box[2] = x1;
    figure->zoom_box[3] = y1;
    return RP_OK;
}

rp_status rp_figure_set_timeline(rp_figure *figure, double x0, double x1, double playhead)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    figure->timeline_on = isfinite(x0) && isfinite(x1) && x1 > x0;
    figure->timeline_x0 = x0;
    figure->timeline_x1 = x1;
    figure->timeline_at = isfinite(playhead) ? playhead : x0;
    return RP_OK;
}

/* Copies text (NULL: "") into out[size], cut at a whole UTF-8 character and at the first line
 * break (one line). */
static void copy_line(char *out, size_t size, const char *text)
{
    size_t n = text ? strcspn(text, "\n") : 0;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)text[n] & 0xC0) == 0x80) n--;
    }
    if (n) memcpy(out, text, n);
    out[n] = 0;
}

rp_status rp_figure_set_badge(rp_figure *figure, const char *text)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    copy_line(figure->badge, sizeof figure->badge, text);
    return RP_OK;
}

rp_status rp_figure_set_message(rp_figure *figure, const char *text)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    copy_line(figure->message, sizeof figure->message, text);
    return RP_OK;
}

rp_status rp_figure_set_placeholder(rp_figure *figure, const char *text)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    snprintf(figure->placeholder, sizeof figure->placeholder, "%s", text ? text : "");
    return RP_OK;
}

rp_status rp_figure_set_overlay(rp_figure *figure, const char *text)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    size_t n = text ? strlen(text) : 0;
    if (n >= sizeof figure->overlay) n = sizeof figure->overlay - 1;
    if (n) memcpy(figure->overlay, text, n);
    figure->overlay[n] = 0;
    return RP_OK;
}
