/* view_trigger.c — draws a trigger panel over its time window (the whole sweep, or the part
 * zoomed into): a time axis from the trigger in the band under the plot, the sweep (every sample
 * while they are fewer than 4 per pixel column, else each column's min..max), the trigger instant
 * and level as dashed lines, and its state at the right of the header row. */
#include <math.h>
#include <stdio.h>

#include "axis/ticks.h"
#include "figure/trigger.h"
#include "figure/view_axes.h"
#include "render/views.h"

/* One sweep (tv->n samples from `v_of`), its samples first .. last (those in the window and one
 * beyond each end): every sample while they are at most 4 a pixel column, else each column's
 * extent; the shown sweep (`dots`) with a dot at each sample as the figure's sample markers say
 * (rp_markers_every_sample). */
static void draw_sweep(const rp_view_context *vc, const rp_trigger_view *tvp, const rp_rect *plot,
                       const float *v_of, int first, int last, double t0, double sx, double y0,
                       double sy, rp_color color, bool dots)
{
    rp_draw *d = vc->draw;
    rp_trigger_view tv = *tvp;
    double rate = tv.state.rate > 0 ? tv.state.rate : 1.0;
#define PX(t) (plot->x + ((t)-t0) * sx)
#define PY(v) (plot->y + plot->h - ((v)-y0) * sy)
    if (last - first + 1 <= 4 * (int)plot->w) {
        int n = 0;
        for (int i = first; i <= last; i++) {
            if (!isfinite(v_of[i])) continue;
            tv.scratch_xy[2 * n] = (float)PX((i - tv.pre) / rate);
            tv.scratch_xy[2 * n + 1] = (float)PY(v_of[i]);
            n++;
        }
        float lw = 1.5f * vc->scale;
        rp_draw_polyline(d, tv.scratch_xy, n, lw, color);
        rp_markers m = rp_figure_get_desc(vc->figure).markers;
        if (dots && rp_markers_every_sample(m, (double)plot->w, last - first + 1))
            for (int i = 0; i < n; i++) {
                float x = tv.scratch_xy[2 * i], y = tv.scratch_xy[2 * i + 1];
                rp_draw_line(d, x, y, x, y, rp_marker_diameter(lw, vc->scale), color);
            }
    } else { /* more samples than the column can show apart: each column's extent */
        int col = -1;
        float lo = 0, hi = 0;
        for (int i = first; i <= last + 1; i++) {
            int c = i <= last ? (int)floor(PX((i - tv.pre) / rate)) : col + 1;
            if (c != col && col >= 0)
                rp_draw_rect(d,
                             (rp_rect){(float)col, (float)PY(hi), vc->scale,
                                       fmaxf((float)(PY(lo) - PY(hi)), vc->scale)},
                             color);
            if (i == last + 1) break;
            float v = v_of[i];
            if (c != col) {
                col = c;
                lo = hi = v;
            } else if (isfinite(v)) {
                lo = fminf(lo, v);
                hi = fmaxf(hi, v);
            }
        }
    }
#undef PX
#undef PY
}

void rp_view_trigger_draw(const rp_view_context *vc, const rp_figure_panel *fp,
                          const rp_panel_layout *pl)
{
    rp_trigger_view tv = rp_trigger_get_view(fp->trigger);
    const rp_rect *plot = &pl->plot;
    rp_draw *d = vc->draw;
    float pad = roundf(4 * vc->scale);
    char at[96] = "", none[96] = ""; /* not live: where the search began, what it found */
    if (tv.state.at_view_end) {
        rp_view_format_at(vc, tv.state.x_end, tv.state.rate > 0 ? 1.0 / tv.state.rate : 0, plot->w,
                          at, (int)sizeof at);
        if (!tv.state.triggered && tv.state.searched == 0)
            snprintf(none, sizeof none, "no samples");
        else if (!tv.state.triggered)
            snprintf(none, sizeof none, "no trigger in the last %lld samples",
                     (long long)tv.state.searched);
    }
    if (plot->w < 2 || plot->h < 2) return; /* no room */
    if (!tv.sweep) {
        char wait[224];
        if (tv.state.at_view_end)
            snprintf(wait, sizeof wait, "%s %s", none, at);
        else
            snprintf(wait, sizeof wait, "waiting for a trigger (%d samples a sweep)", tv.n);
        rp_view_plot_note(vc, plot, wait, 2 * pad);
        return;
    }
    double rate = tv.state.rate > 0 ? tv.state.rate : 1.0, t0, t1;
    rp_trigger_time_view(&tv, &t0, &t1);
    double sx = plot->w / (t1 - t0), sy = plot->h / (pl->y1 - pl->y0);
    int first = (int)floor(t0 * rate) + tv.pre - 1, last = (int)ceil(t1 * rate) + tv.pre + 1;
    first = first < 0 ? 0 : first;
    last = last > tv.n - 1 ? tv.n - 1 : last;
#define PX(t) (plot->x + ((t)-t0) * sx)
#define PY(v) (plot->y + plot->h - ((v)-pl->y0) * sy)

    /* time grid */
    rp_tick_set ticks;
    bool time = vc->figure->desc.x_axis != RP_X_AXIS_NUMBER; /* rows of a file: no seconds */
    int nt = rp_view_x_ticks(vc, plot, t0, t1, time, &ticks);
    for (int i = 0; i < nt; i++)
        if (ticks.ticks[i].major) rp_view_grid_x(vc, plot, PX(ticks.ticks[i].value));

    /* the sweep */
    rp_color color =
        rp_view_series_color(vc->figure, fp); /* its series' colour, not the palette's */
    rp_draw_set_clip(d, *plot);
    rp_view_dashed(d, plot->x, (float)PY(tv.desc.level), plot->x + plot->w,
                   (float)PY(tv.desc.level), vc->line_px, 5 * vc->line_px, vc->theme->tick);
    if (tv.state.triggered)
        rp_view_dashed(d, (float)PX(0.0), plot->y, (float)PX(0.0), plot->y + plot->h, vc->line_px,
                       5 * vc->line_px, vc->theme->tick);
    for (int k = tv.history_kept - 1; k >= 0; k--) { /* persistence: older ones fainter */
        const float *old =
            tv.history +
            (size_t)((tv.history_newest - k + tv.history_room) % tv.history_room) * (size_t)tv.n;
        rp_color faded = color;
        faded.a *= 0.6f * (float)(tv.history_kept - k) / (float)(tv.history_kept + 1);
        draw_sweep(vc, &tv, plot, old, first, last, t0, sx, pl->y0, sy, faded, false);
    }
    draw_sweep(vc, &tv, plot, tv.sweep, first, last, t0, sx, pl->y0, sy, color, true);
    rp_draw_set_clip(d, (rp_rect){0, 0, 0, 0});

    /* the time axis in the band under the plot, its name at the end */
    char name[sizeof ticks.annotation + 32];
    snprintf(name, sizeof name, "%s%s%s", ticks.annotation, ticks.annotation[0] ? "  " : "",
             tv.state.triggered ? "from the trigger" : "free-running, no trigger");
    float limit = rp_view_axis_name(vc, pl, name), free_left = 0;
    for (int i = 0; i < nt; i++)
        rp_view_axis_tick(vc, pl, (float)PX(ticks.ticks[i].value), ticks.ticks[i].major,
                          ticks.ticks[i].label, limit, &free_left);

    static const char *const modes[] = {"auto", "normal", "single"};
    char status[384], sweeps[48] = ""; /* at the view's end: the live scan's, said so (none of
                                          * a recording's series, which is never live) */
    if (!tv.state.at_view_end || tv.state.sweeps > 0)
        snprintf(sweeps, sizeof sweeps, "  %ssweeps %lld", tv.state.at_view_end ? "live " : "",
                 (long long)tv.state.sweeps);
    char persist[32] = "", hyst[40] = "", holdoff[64] = "";
    if (tv.desc.persistence > 0)
        snprintf(persist, sizeof persist, "  persist %d", tv.desc.persistence);
    if (tv.desc.hysteresis > 0) snprintf(hyst, sizeof hyst, " \xC2\xB1 %g", tv.desc.hysteresis);
    if (tv.desc.holdoff > 0) { /* samples, and the time they take in the axis' words */
        char t[48];
        const char *unit;
        double size = rp_view_time_unit(&ticks, nt, &unit);
        rp_format_readout((double)tv.desc.holdoff / rate / size, 1.0 / rate / size, t,
                          (int)sizeof t);
        snprintf(holdoff, sizeof holdoff, "  holdoff %lld (%s %s)", (long long)tv.desc.holdoff, t,
                 unit);
    }
    snprintf(status, sizeof status, "%s%s%s%s%s  %s %g%s%s  %s%s%s%s", at, at[0] ? "  " : "", none,
             none[0] ? "  " : "",
             tv.state.stopped     ? "STOPPED"
             : tv.state.waiting   ? "ARMED, waiting for a trigger"
             : tv.state.triggered ? "TRIG'D"
                                  : "AUTO (untriggered)",
             tv.desc.edge == RP_TRIGGER_RISING ? "rising" : "falling", tv.desc.level, hyst, holdoff,
             modes[tv.desc.mode], persist, sweeps, tv.state.missed ? ", samples missed" : "");
    rp_view_header_text(vc, fp, pl, status, NULL);
#undef PX
#undef PY
}
