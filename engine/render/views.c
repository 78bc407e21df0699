/* views.c — what the panels with views of their own share: their x axis pieces, dashed lines, the
 * crosshair read-out in their own units. */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include "axis/ticks.h"
#include "figure/spectrum.h"
#include "figure/trigger.h"
#include "figure/view_axes.h"
#include "figure/xy.h"
#include "render/views.h"

void rp_view_format_at(const rp_view_context *vc, double x, double resolution, float plot_w,
                       char *buf, int size)
{
    const rp_figure *f = vc->figure;
    char num[64];
    if (f->desc.x_axis == RP_X_AXIS_TIME) {
        double ref = x;
        rp_figure__origin(f, &ref); /* what the time labels count from */
        /* to the time view's pixel at most: a block ending 0.48 ms before the end of a 10 s
         * view read "at t = -0.0004790 s" (4 significant digits of what is 0 there) */
        double px_res = plot_w >= 1 && vc->x1 > vc->x0 ? (vc->x1 - vc->x0) / plot_w : 0;
        double res = fmax(resolution, px_res), dx = x - ref;
        if (res > 0) {
            double step = pow(10.0, ceil(log10(res))); /* a decimal step: 0.001, not 0.00098 */
            dx = round(dx / step) * step;
            if (dx == 0) dx = 0; /* never "-0" */
            rp_format_value(dx, step, num, (int)sizeof num);
        } else
            rp_format_readout(dx, resolution, num, (int)sizeof num);
        snprintf(buf, (size_t)size, "at t = %s s", num);
        return;
    }
    rp_view_format_x(f, NULL, x, resolution, num, (int)sizeof num); /* no relative labels here */
    snprintf(buf, (size_t)size, "at %s", num);
}

static float text_width(void *user, const char *text) { return rp_font_text_width(user, text); }

int rp_view_x_ticks(const rp_view_context *vc, const rp_rect *plot, double lo, double hi, bool time,
                    rp_tick_set *out)
{
    rp_tick_request req = {.lo = lo,
                           .hi = hi,
                           .axis_px = plot->w,
                           .label_height = rp_font_ascent(vc->font),
                           .min_gap_px = 24 * vc->scale,
                           .text_width = text_width,
                           .user = (void *)vc->font};
    return time ? rp_ticks_time(&req, RP_TIME_RELATIVE, out) : rp_ticks_numeric(&req, out);
}

void rp_view_grid_x(const rp_view_context *vc, const rp_rect *plot, double x)
{
    if (x < plot->x + 0.5 || x > plot->x + plot->w - 0.5) return;
    rp_draw_rect(
        vc->draw,
        (rp_rect){(float)floor(x - 0.5 * vc->line_px + 0.5), plot->y, vc->line_px, plot->h},
        vc->theme->grid);
}

float rp_view_axis_name(const rp_view_context *vc, const rp_panel_layout *pl, const char *text)
{
    float w = rp_font_text_width(vc->font, text);
    float x = roundf(pl->plot.x + pl->plot.w - w);
    rp_draw_text(vc->draw, vc->font, text, x, pl->own_axis_baseline, vc->theme->tick_label);
    return x - roundf(12 * vc->scale);
}

void rp_view_axis_tick(const rp_view_context *vc, const rp_panel_layout *pl, float x, bool major,
                       const char *label, float limit, float *free_left)
{
    const rp_rect *plot = &pl->plot;
    if (x < plot->x - 0.5f || x > plot->x + plot->w + 0.5f) return;
    float t = vc->line_px, len = major ? vc->tick_len : roundf(vc->tick_len * 0.6f);
    float bottom = plot->y + plot->h;
    rp_draw_rect(vc->draw, (rp_rect){floorf(x - 0.5f * t + 0.5f), bottom + t, t, len},
                 vc->theme->tick);
    if (!major || !label || !label[0]) return;
    float w = rp_font_text_width(vc->font, label), left = roundf(x - 0.5f * w);
    if (left < *free_left || left + w > limit || left < roundf(7 * vc->scale)) return;
    rp_draw_text(vc->draw, vc->font, label, left, pl->own_axis_baseline, vc->theme->tick_label);
    *free_left = left + w + roundf(8 * vc->scale);
}

/* Where a header text may start: after the panel's title and a gap. */
static float header_free_left(const rp_view_context *vc, const rp_figure_panel *fp,
                              const rp_panel_layout *pl)
{
    float x = pl->plot.x;
    if (fp->title[0] && vc->bold)
        x += rp_font_text_width(vc->bold, fp->title) + roundf(16 * vc->scale);
    return x;
}

bool rp_view_header_fits(const rp_view_context *vc, const rp_figure_panel *fp,
                         const rp_panel_layout *pl, const char *text)
{
    return pl->plot.x + pl->plot.w - rp_font_text_width(vc->font, text) >=
           header_free_left(vc, fp, pl);
}

void rp_view_header_text(const rp_view_context *vc, const rp_figure_panel *fp,
                         const rp_panel_layout *pl, const char *text, const char *shorter)
{
    if (!pl->has_header) return;
    const rp_rect *plot = &pl->plot;
    float title_end = header_free_left(vc, fp, pl);
    float w = rp_font_text_width(vc->font, text);
    if (shorter && plot->x + plot->w - w < title_end) { /* too long: the shorter one */
        text = shorter;
        w = rp_font_text_width(vc->font, text);
    }
    float x = fmaxf(roundf(plot->x + plot->w - w), title_end);
    if (x > plot->x + plot->w - 8 * vc->scale) return; /* no room beside the title */
    /* too long still: whole characters and "…" (a clip cut it mid-glyph: "sweeps 44" and half a
     * digit); none when not a character fits */
    char fit[512];
    snprintf(fit, sizeof fit, "%s", text);
    if (!rp_layout_fit_text(vc->font, fit, sizeof fit, plot->x + plot->w - x + 1))
        return; /* x rounded */
    rp_draw_text(vc->draw, vc->font, fit, x, pl->header_baseline, vc->theme->text);
}

void rp_view_plot_note(const rp_view_context *vc, const rp_rect *plot, const char *text, float pad)
{
    float ascent = rp_font_ascent(vc->font), descent = rp_font_descent(vc->font);
    if (plot->h < 2 * pad + ascent + descent) return; /* not a line's room: nothing over the next */
    char fit[512];
    snprintf(fit, sizeof fit, "%s", text);
    if (!rp_layout_fit_text(vc->font, fit, sizeof fit, plot->w - 2 * pad)) return;
    rp_draw_text(vc->draw, vc->font, fit, plot->x + pad, plot->y + pad + ascent,
                 vc->theme->tick_label);
}

static void heading(rp_readout_row *row, const char *text)
{
    row->color = (rp_color){0, 0, 0, 0};
    snprintf(row->label, sizeof row->label, "%s", text);
    row->value[0] = '\0';
}

static int spectrum_readout(const rp_view_context *vc, const rp_figure_panel *fp,
                            const rp_panel_layout *pl, float px, float py, rp_readout_row *rows)
{
    rp_spectrum_view sv = rp_spectrum_get_view(fp->spectrum);
    const rp_rect *plot = &pl->plot;
    double lo, hi;
    if (plot->w < 2 || !rp_spectrum_freq_view(&sv, &lo, &hi)) return 0;
    double u = (px - plot->x) / plot->w, f;
    if (sv.desc.log_frequency)
        f = pow(10.0, log10(lo) + u * (log10(hi) - log10(lo)));
    else
        f = lo + u * (hi - lo);
    int k = (int)lround(f / sv.bin_width);
    k = k < 0 ? 0 : k >= sv.bins ? sv.bins - 1 : k;
    bool time = vc->figure->desc.x_axis != RP_X_AXIS_NUMBER;
    char num[48], text[RP_TEXT_MAX];
    rp_format_readout(f, sv.bin_width / 10, num, (int)sizeof num);
    snprintf(text, sizeof text, "%s %s", num, time ? "Hz" : "cycles/x");
    heading(&rows[0], text);
    int n = 1;
    /* the pointer's dB over the curve; over the waterfall strip under it a height is a time, not
     * a dB value (it read "pointer -93 dB" there) */
    float strip_h = sv.waterfall_rows > 0 ? roundf(plot->h * RP_SPECTRUM_WATERFALL_FRACTION) : 0;
    if (py < plot->y + plot->h - strip_h) {
        double pointer_db = pl->y0 + (plot->y + plot->h - py) / plot->h * (pl->y1 - pl->y0);
        snprintf(text, sizeof text, "pointer %.1f dB", pointer_db);
        heading(&rows[n++], text);
    }
    rows[n].color = rp_view_series_color(vc->figure, fp);
    snprintf(rows[n].label, sizeof rows[n].label, "bin %d", k);
    snprintf(rows[n].value, sizeof rows[n].value, "%.2f dB", sv.db[k]);
    return n + 1;
}

rp_color rp_view_series_color(const rp_figure *figure, const rp_figure_panel *fp)
{
    const rp_series *s = fp->spectrum  ? rp_spectrum_series(fp->spectrum)
                         : fp->trigger ? rp_trigger_series(fp->trigger)
                                       : NULL;
    for (int p = 0; s && p < figure->panel_count; p++) {
        const rp_figure_panel *pn = &figure->panels[p];
        for (int k = 0; k < pn->series_count; k++)
            if (pn->series[k].series == s) return rp_figure_series_color(figure, &pn->series[k]);
    }
    return rp_theme_palette(figure->desc.theme, 0);
}

double rp_view_time_unit(const rp_tick_set *ts, int n, const char **name)
{
    static const struct {
        const char *suffix;
        double size;
    } units[] = {{" ms", 1e-3}, {" \xC2\xB5s", 1e-6}, {" ns", 1e-9}, {" ps", 1e-12}};
    for (int i = 0; i < n; i++) {
        size_t len = strlen(ts->ticks[i].label);
        for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
            size_t sl = strlen(units[k].suffix);
            if (len > sl && !strcmp(ts->ticks[i].label + len - sl, units[k].suffix)) {
                *name = units[k].suffix + 1;
                return units[k].size;
            }
        }
    }
    *name = "s";
    return 1.0;
}

static int trigger_readout(const rp_view_context *vc, const rp_figure_panel *fp,
                           const rp_panel_layout *pl, float px, float py, rp_readout_row *rows)
{
    rp_trigger_view tv = rp_trigger_get_view(fp->trigger);
    const rp_rect *plot = &pl->plot;
    if (!tv.sweep || plot->w < 2) return 0;
    double rate = tv.state.rate > 0 ? tv.state.rate : 1.0, t0, t1;
    rp_trigger_time_view(&tv, &t0, &t1);
    double t = t0 + (px - plot->x) / plot->w * (t1 - t0);
    long i = lround(t * rate) + tv.pre;
    i = i < 0 ? 0 : i >= tv.n ? tv.n - 1 : i;
    char num[48], text[RP_TEXT_MAX];
    rp_tick_set ticks; /* in the unit of the axis under it ("38.45 ms", not "0.03845 s") */
    const char *unit = "";
    double size = 1.0;
    if (vc->figure->desc.x_axis != RP_X_AXIS_NUMBER) /* else rows of a file: no unit */
        size = rp_view_time_unit(&ticks, rp_view_x_ticks(vc, plot, t0, t1, true, &ticks), &unit);
    rp_format_readout(t / size, 1.0 / rate / size, num, (int)sizeof num);
    snprintf(text, sizeof text, "%s%s%s from the trigger", num, *unit ? " " : "", unit);
    heading(&rows[0], text);
    double res = (pl->y1 - pl->y0) / plot->h;
    rp_format_readout(pl->y0 + (plot->y + plot->h - py) / plot->h * (pl->y1 - pl->y0), res, num,
                      (int)sizeof num);
    snprintf(text, sizeof text, "pointer %s", num);
    heading(&rows[1], text);
    rows[2].color = rp_view_series_color(vc->figure, fp);
    snprintf(rows[2].label, sizeof rows[2].label, "%s", tv.series ? rp_series_name(tv.series) : "");
    if (isnan(tv.sweep[i])) /* a gap in the sweep: "-", as the time panels' read-outs say */
        snprintf(rows[2].value, sizeof rows[2].value, "-");
    else
        rp_format_readout(tv.sweep[i], res, rows[2].value, (int)sizeof rows[2].value);
    return 3;
}

static int xy_readout(const rp_view_context *vc, const rp_figure_panel *fp,
                      const rp_panel_layout *pl, float px, float py, rp_readout_row *rows)
{
    int panel = (int)(fp - vc->figure->panels);
    rp_xy_state st = rp_figure_xy_state(vc->figure, panel);
    const rp_rect *plot = &pl->plot;
    if (!(st.x1 > st.x0) || plot->w < 2 || plot->h < 2) return 0;
    const rp_series *sx = NULL, *sy = NULL;
    rp_xy_series(fp->xy, &sx, &sy);
    double x = st.x0 + (px - plot->x) / plot->w * (st.x1 - st.x0);
    double y = st.y1 - (py - plot->y) / plot->h * (st.y1 - st.y0);
    const rp_series *series[2] = {sx, sy};
    double value[2] = {x, y}, res[2] = {(st.x1 - st.x0) / plot->w, (st.y1 - st.y0) / plot->h};
    for (int k = 0; k < 2; k++) {
        char num[48];
        const char *unit = rp_series_unit(series[k]);
        rp_format_readout(value[k], res[k], num, (int)sizeof num);
        rows[k].color = (rp_color){0, 0, 0, 0};
        snprintf(rows[k].label, sizeof rows[k].label, "%s %s%s%s", rp_series_name(series[k]), num,
                 unit && unit[0] ? " " : "", unit ? unit : "");
        rows[k].value[0] = '\0';
    }
    return 2;
}

int rp_view_readout(const rp_view_context *vc, const rp_figure_panel *fp, const rp_panel_layout *pl,
                    float px, float py, rp_readout_row *rows, int max)
{
    if (max < 3) return 0;
    if (fp->spectrum) return spectrum_readout(vc, fp, pl, px, py, rows);
    if (fp->trigger) return trigger_readout(vc, fp, pl, px, py, rows);
    if (fp->xy) return xy_readout(vc, fp, pl, px, py, rows);
    return 0;
}

double rp_view_y_floor(const rp_figure_panel *fp, const rp_panel_layout *pl)
{
    if (!fp->spectrum || rp_spectrum_get_view(fp->spectrum).waterfall_rows <= 0) return -INFINITY;
    return rp_spectrum_curve_floor(fp->spectrum, pl->y0, pl->y1) - 1e-9 * (pl->y1 - pl->y0);
}

void rp_view_dashed(rp_draw *d, float x0, float y0, float x1, float y1, float t, float dash,
                    rp_color c)
{
    float len = hypotf(x1 - x0, y1 - y0);
    if (len <= 0) return;
    float ux = (x1 - x0) / len, uy = (y1 - y0) / len;
    for (float a = 0; a < len; a += 2 * dash) {
        float b = fminf(a + dash, len);
        if (ux != 0)
            rp_draw_rect(d, (rp_rect){x0 + ux * a, roundf(y0 - 0.5f * t), ux * (b - a), t}, c);
        else
            rp_draw_rect(d, (rp_rect){roundf(x0 - 0.5f * t), y0 + uy * a, t, uy * (b - a)}, c);
    }
}
