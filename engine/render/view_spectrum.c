/* view_spectrum.c — draws a spectrum panel over its frequency view (the whole axis, or the part
 * zoomed into): vertical grid lines of its frequency axis (linear 1-2-5 ticks, or decades with 2
 * and 5 between on a log axis) and their labels in the band under the plot, the dB curve reduced
 * to the loudest bin per pixel column (a narrow peak is never lost between columns), a mark at
 * the peak, and its read-out at the right of the header row. */
#include <math.h>
#include <stdio.h>

#include "axis/ticks.h"
#include "figure/spectrum.h"
#include "figure/view_axes.h"
#include "render/views.h"

/* Frequency → px on the panel's axis (lo..hi, linear or log10). */
static double freq_px(const rp_rect *plot, bool log_axis, double lo, double hi, double f)
{
    if (log_axis) return plot->x + (log10(f) - log10(lo)) / (log10(hi) - log10(lo)) * plot->w;
    return plot->x + (f - lo) / (hi - lo) * plot->w;
}

static void format_hz(double f, char *buf, int size)
{
    if (f >= 1e6)
        snprintf(buf, (size_t)size, "%gM", f / 1e6);
    else if (f >= 1e3)
        snprintf(buf, (size_t)size, "%gk", f / 1e3);
    else
        snprintf(buf, (size_t)size, "%g", f);
}

/* The frequency axis' marks at px x: pass 0 the grid line over the curve's plot (major: the
 * stronger colour), pass 1 the tick and its label (tick_major: labelled) under the whole plot. */
typedef struct axis_pass {
    const rp_view_context *vc;
    const rp_panel_layout *pl; /* the whole plot (the band is under it) */
    const rp_rect *curve;      /* the curve's part of it (above a waterfall) */
    int pass;
    float limit, free_left; /* labels end before the unit; the last label's end */
} axis_pass;

static void mark(axis_pass *ap, double x, bool grid_major, bool tick_major, const char *label)
{
    const rp_rect *plot = ap->curve;
    if (x < plot->x - 0.5 || x > plot->x + plot->w + 0.5) return;
    if (ap->pass == 1) {
        rp_view_axis_tick(ap->vc, ap->pl, (float)x, tick_major, label, ap->limit, &ap->free_left);
        return;
    }
    if (x < plot->x + 0.5 || x > plot->x + plot->w - 0.5) return; /* not on the frame */
    float t = ap->vc->line_px;
    rp_draw_rect(ap->vc->draw, (rp_rect){(float)floor(x - 0.5 * t + 0.5), plot->y, t, plot->h},
                 grid_major ? ap->vc->theme->grid : ap->vc->theme->grid_minor);
}

/* The frequency axis over [lo, hi]: decades with 2 and 5 between (a log axis spanning a decade or
 * more), or 1-2-5 ticks (linear, and a log axis zoomed within a decade). */
static void draw_axis(axis_pass *ap, bool log_axis, double lo, double hi)
{
    const rp_rect *plot = ap->curve;
    if (log_axis && hi >= 10 * lo) {
        for (double decade = pow(10, floor(log10(lo))); decade <= hi; decade *= 10) {
            for (int m = 1; m < 10; m++) {
                double f = decade * m;
                if (f < lo || f > hi) continue;
                char label[32] = "";
                bool labelled = m == 1 || m == 2 || m == 5;
                if (labelled) format_hz(f, label, sizeof label);
                mark(ap, freq_px(plot, true, lo, hi, f), m == 1, labelled, label);
            }
        }
    } else {
        rp_tick_set ticks;
        int n = rp_view_x_ticks(ap->vc, plot, lo, hi, false, &ticks);
        for (int i = 0; i < n; i++)
            if (ticks.ticks[i].major)
                mark(ap, freq_px(plot, log_axis, lo, hi, ticks.ticks[i].value), true, true,
                     ticks.ticks[i].label);
    }
}

/* The curve: per pixel column the loudest bin, so a peak narrower than a column stays; a mark on
 * the peak. */
static void draw_curve(const rp_view_context *vc, const rp_spectrum_view *sv,
                       const rp_panel_layout *pl, bool log_axis, double lo, double hi,
                       rp_color color)
{
    const rp_rect *plot = &pl->plot;
    rp_draw *d = vc->draw;
    double sy = plot->h / (pl->y1 - pl->y0);
    int n = 0, last_col = -1;
    /* the bins in view and one beyond each end (the line runs on to the frame) */
    int k0 = (int)floor(lo / sv->bin_width) - 1, k1 = (int)ceil(hi / sv->bin_width) + 1;
    k0 = k0 < (log_axis ? 1 : 0) ? (log_axis ? 1 : 0) : k0;
    k1 = k1 > sv->bins - 1 ? sv->bins - 1 : k1;
    for (int k = k0; k <= k1; k++) {
        double x = freq_px(plot, log_axis, lo, hi, k * sv->bin_width);
        int col = (int)floor(x);
        float y = (float)(plot->y + plot->h - (sv->db[k] - pl->y0) * sy);
        if (col == last_col && n > 0) {
            if (y < sv->scratch_xy[2 * n - 1])
                sv->scratch_xy[2 * n - 1] = y; /* louder: higher on screen */
            continue;
        }
        sv->scratch_xy[2 * n] = (float)x;
        sv->scratch_xy[2 * n + 1] = y;
        n++;
        last_col = col;
    }
    rp_draw_set_clip(d, *plot);
    rp_draw_polyline(d, sv->scratch_xy, n, 1.5f * vc->scale, color);
    /* peak mark: a small square on the peak, when it is in view (the read-out names it anyway);
     * a log axis shows a peak at 0 Hz at its left end when that end is the first bin */
    double f = sv->peak.frequency;
    bool dc_at_left = log_axis && f < sv->bin_width && lo <= sv->bin_width * (1.0 + 1e-9);
    if ((f >= lo && f <= hi) || dc_at_left) {
        double px = freq_px(plot, log_axis, lo, hi, f > lo ? f : lo);
        double py = plot->y + plot->h - (sv->peak.db - pl->y0) * sy;
        float m = roundf(3 * vc->scale);
        rp_draw_rect(d, (rp_rect){(float)px - m, (float)py - m, 2 * m, 2 * m}, vc->theme->title);
    }
    rp_draw_set_clip(d, (rp_rect){0, 0, 0, 0});
}

/* The waterfall strip at the bottom of the plot: the image of the last spectra (newest at the
 * top; the header's read-out says so). */
static void draw_waterfall(const rp_view_context *vc, const rp_figure_panel *fp,
                           const rp_rect *plot, float strip_h, bool log_axis, double lo, double hi,
                           double db0, double db1)
{
    int rows = 0;
    uint64_t version = 0;
    const uint8_t *img = rp_spectrum_waterfall_image(fp->spectrum, (int)plot->w, log_axis, lo, hi,
                                                     db0, db1, &rows, &version);
    rp_rect strip = {plot->x, plot->y + plot->h - strip_h, plot->w, strip_h};
    rp_draw_rect(vc->draw, strip, vc->theme->plot_background);
    if (img)
        rp_draw_image(vc->draw, fp->spectrum, version, img, (int)plot->w, rows, 4, strip,
                      (rp_color){1, 1, 1, 1});
    rp_draw_rect(vc->draw, (rp_rect){strip.x, strip.y, strip.w, vc->line_px}, vc->theme->frame);
}

void rp_view_spectrum_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                           const rp_panel_layout *pl)
{
    rp_spectrum_view sv = rp_spectrum_get_view(fp->spectrum);
    const rp_rect *plot = &pl->plot;
    bool x_is_time = vc->figure->desc.x_axis == RP_X_AXIS_TIME ||
                     vc->figure->desc.x_axis == RP_X_AXIS_WALL_CLOCK;
    const char *unit = x_is_time ? "Hz" : "cycles/x";
    char at[96] = ""; /* not live: where the block ends */
    double resolution = sv.peak.rate > 0 ? 1.0 / sv.peak.rate : 0;
    if (sv.peak.at_view_end)
        rp_view_format_at(vc, sv.peak.x_end, resolution, plot->w, at, (int)sizeof at);
    if (plot->w < 2 || plot->h < 2) return; /* no room: it said "not enough samples" */
    if (!sv.db) {
        char wait[192];
        /* following with span 0 (a file shown whole) no more may come: too few is said so */
        bool whole = vc->figure->follow && vc->figure->follow_span <= 0 && sv.peak.held > 0;
        if (!sv.peak.at_view_end && whole)
            snprintf(wait, sizeof wait, "not enough samples (%lld of %d; 16 at least)",
                     (long long)sv.peak.held, sv.desc.size);
        else if (!sv.peak.at_view_end)
            snprintf(wait, sizeof wait, "waiting for %d samples", sv.desc.size);
        else if (sv.peak.held == 0)
            snprintf(wait, sizeof wait, "no samples %s", at);
        else
            snprintf(wait, sizeof wait, "not enough samples %s (%lld of %d)", at,
                     (long long)sv.peak.held, sv.desc.size);
        rp_view_plot_note(vc, plot, wait, roundf(6 * vc->scale));
        return;
    }
    bool log_axis = sv.desc.log_frequency;
    double lo, hi;
    rp_spectrum_freq_view(&sv, &lo, &hi);

    /* With a waterfall: the curve and its grid in the plot above the strip, over the dB view
     * before it was widened for the strip; the axis band is under the whole plot. */
    static rp_panel_layout curve_layout; /* the figure's thread only; too large for the stack */
    curve_layout = *pl;
    double floor_db = rp_spectrum_curve_floor(fp->spectrum, pl->y0, pl->y1);
    float strip_h = sv.waterfall_rows > 0 ? roundf(plot->h * RP_SPECTRUM_WATERFALL_FRACTION) : 0;
    curve_layout.plot.h = plot->h - strip_h;
    curve_layout.y0 = floor_db;
    axis_pass ap = {.vc = vc, .pl = pl, .curve = &curve_layout.plot};
    draw_axis(&ap, log_axis, lo, hi); /* the grid, under the curve */
    draw_curve(vc, &sv, &curve_layout, log_axis, lo, hi,
               rp_view_series_color(vc->figure, fp)); /* its series' colour, not the palette's */
    if (strip_h > 0) draw_waterfall(vc, fp, &pl->plot, strip_h, log_axis, lo, hi, floor_db, pl->y1);
    ap.pass = 1; /* ticks and labels in the band, the unit at its end */
    ap.limit = rp_view_axis_name(vc, pl, unit);
    draw_axis(&ap, log_axis, lo, hi);

    char readout[256], freq[48], points[64];
    rp_format_readout(sv.peak.frequency, sv.bin_width / 100, freq, sizeof freq);
    if (sv.peak.held < sv.desc.size) /* a short block, zero-padded */
        snprintf(points, sizeof points, "%lld samples padded to %d points", (long long)sv.peak.held,
                 sv.desc.size);
    else
        snprintf(points, sizeof points, "%d points", sv.desc.size);
    double db = fabs(sv.peak.db) < 0.005 ? 0.0 : sv.peak.db; /* never "-0.00 dB" */
    int len =
        snprintf(readout, sizeof readout, "peak %s %s  %.2f dB   %s, %s, %.3g %s per bin%s%s%s",
                 freq, unit, db, rp_fft_window_name(sv.desc.window), points, sv.bin_width, unit,
                 sv.desc.averaging > 0 ? ", averaged" : "", at[0] ? "   " : "", at);
    char peak_only[224]; /* when the rest does not fit beside the title */
    snprintf(peak_only, sizeof peak_only, "peak %s %s  %.2f dB%s%s", freq, unit, sv.peak.db,
             at[0] ? "   " : "", at);
    char with_waterfall[320];
    if (sv.waterfall_of_view)
        snprintf(with_waterfall, sizeof with_waterfall,
                 "%s   waterfall: %d spectra across the view, its end on top", readout,
                 sv.waterfall_rows);
    else
        snprintf(with_waterfall, sizeof with_waterfall,
                 "%s   waterfall: last %d spectra, newest on top", readout, sv.waterfall_rows);
    bool fits = rp_view_header_fits(vc, fp, pl, readout);
    rp_view_header_text(vc, fp, pl, strip_h > 0 && len > 0 ? with_waterfall : readout,
                        fits ? readout : peak_only);
}
