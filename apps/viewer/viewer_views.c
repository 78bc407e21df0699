/* viewer_views.c — see viewer_views.h. */
#include "viewer/viewer_views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"

/* Splits "SERIES[:COUNT[:SECOND[:OPTIONS]]]" (--spectrum, --trigger): the series name into
 * series (RP_NAME_MAX), then COUNT as an integer in [lo, hi] into *count (left alone when absent),
 * and SECOND and OPTIONS as strings in rest (NULL when absent). count NULL: "SERIES[:OPTIONS]"
 * (--xy), everything after the colon in *options. False with err set (naming `what` for a bad
 * COUNT, then usage) on a bad name or count. */
static bool split_view_spec(const char *value, char series[RP_NAME_MAX], long lo, long hi,
                            const char *what, int *count, char rest[256], char **second,
                            char **options, const char *usage, char *err, int err_size)
{
    const char *colon = strchr(value, ':');
    size_t name_len = colon ? (size_t)(colon - value) : strlen(value);
    *second = *options = NULL;
    if (name_len == 0 || name_len >= RP_NAME_MAX) {
        snprintf(err, (size_t)err_size, "%s", usage);
        return false;
    }
    memcpy(series, value, name_len);
    series[name_len] = 0;
    if (!colon) return true;
    snprintf(rest, 256, "%s", colon + 1);
    if (!count) {
        *options = rest;
        return true;
    }
    char *fields[3] = {rest, NULL, NULL};
    for (int i = 1; i < 3; i++) {
        char *c = fields[i - 1] ? strchr(fields[i - 1], ':') : NULL;
        if (!c) break;
        *c = 0;
        fields[i] = c + 1;
    }
    char *end;
    long n = strtol(fields[0], &end, 10);
    if (end == fields[0] || *end || n < lo || n > hi) {
        snprintf(err, (size_t)err_size, "%s '%s': %s", what, fields[0], usage);
        return false;
    }
    *count = (int)n;
    *second = fields[1];
    *options = fields[2];
    return true;
}

bool rp_viewer_parse_spectrum(const char *value, rp_viewer_spectrum *out, char *err, int err_size)
{
    memset(out, 0, sizeof *out);
    const char *usage =
        "expected SERIES[:N[:WINDOW[:OPTIONS]]], e.g. accel.x:8192:flat-top:log,avg=0.8,waterfall "
        "(WINDOW hann, blackman-harris or flat-top; N 16 .. 4194304)";
    out->desc.size = 4096;
    char rest[256], *window, *options;
    if (!split_view_spec(value, out->series, 16, 1 << 22, "size", &out->desc.size, rest, &window,
                         &options, usage, err, err_size))
        return false;
    if (window && !rp_fft_window_parse(window, &out->desc.window)) {
        snprintf(err, (size_t)err_size, "window '%s': %s", window, usage);
        return false;
    }
    for (char *opt = options; opt && *opt;) {
        char *comma = strchr(opt, ',');
        if (comma) *comma = 0;
        double avg = 0;
        if (!strcmp(opt, "log")) {
            out->desc.log_frequency = true;
        } else if (!strcmp(opt, "waterfall")) {
            out->desc.waterfall = RP_VIEWER_WATERFALL;
        } else if (!strncmp(opt, "waterfall=", 10) &&
                   rp_io_parse_double(opt + 10, strlen(opt + 10), &avg) == RP_OK && avg >= 1 &&
                   avg <= RP_SPECTRUM_MAX_WATERFALL && avg == floor(avg)) {
            out->desc.waterfall = (int)avg;
        } else if (!strncmp(opt, "avg=", 4) &&
                   rp_io_parse_double(opt + 4, strlen(opt + 4), &avg) == RP_OK && avg >= 0 &&
                   avg <= 0.99) {
            out->desc.averaging = avg;
        } else {
            snprintf(err, (size_t)err_size,
                     "option '%s': expected log, avg=A (0 .. 0.99), waterfall or waterfall=ROWS "
                     "(1 .. 1024)",
                     opt);
            return false;
        }
        opt = comma ? comma + 1 : NULL;
    }
    return true;
}

void rp_viewer_spectrum_series(rp_figure *figure, rp_viewer_spectrum *specs, int count,
                               rp_series *series)
{
    const char *name = rp_series_name(series);
    for (int i = 0; i < count; i++) {
        if (specs[i].added || strcmp(specs[i].series, name)) continue;
        specs[i].added = true;
        /* room for RP_VIEWER_WATERFALL rows (up to 65536 points: at most 8 MB), so the v key can
         * show a waterfall */
        rp_spectrum_desc d = specs[i].desc;
        if (d.waterfall < RP_VIEWER_WATERFALL && d.size <= 65536) d.waterfall = RP_VIEWER_WATERFALL;
        int panel = -1;
        if (rp_figure_add_spectrum_panel(figure, series, &d, &panel) != RP_OK) {
            fprintf(stderr, "ringplot: --spectrum %s: %s\n", name, rp_figure_last_error(figure));
            continue;
        }
        d.waterfall = specs[i].desc.waterfall;
        rp_figure_set_spectrum(figure, panel, &d);
    }
}

/* Applies change to the spectrum panel `panel`, or to every one when it is none. */
static bool each_spectrum(rp_figure *figure, int panel, void (*change)(rp_spectrum_desc *))
{
    bool any = false;
    bool one = panel >= 0 && rp_figure_spectrum_desc(figure, panel).size > 0;
    for (int p = 0; p < rp_figure_panel_count(figure); p++) {
        if ((one && p != panel)) continue;
        rp_spectrum_desc d = rp_figure_spectrum_desc(figure, p);
        if (d.size == 0) continue;
        change(&d);
        rp_figure_set_spectrum(figure, p, &d);
        any = true;
    }
    return any;
}

static void next_window(rp_spectrum_desc *d)
{
    d->window = (rp_fft_window)((d->window + 1) % RP_WINDOW_COUNT);
}

static void toggle_log(rp_spectrum_desc *d) { d->log_frequency = !d->log_frequency; }

static void toggle_waterfall(rp_spectrum_desc *d)
{
    d->waterfall = d->waterfall > 0 ? 0 : RP_VIEWER_WATERFALL;
}

bool rp_viewer_spectrum_toggle_waterfall(rp_figure *figure, int panel)
{
    return each_spectrum(figure, panel, toggle_waterfall);
}

bool rp_viewer_spectrum_next_window(rp_figure *figure, int panel)
{
    return each_spectrum(figure, panel, next_window);
}

bool rp_viewer_spectrum_toggle_log(rp_figure *figure, int panel)
{
    return each_spectrum(figure, panel, toggle_log);
}

bool rp_viewer_parse_trigger(const char *value, rp_viewer_trigger *out, char *err, int err_size)
{
    memset(out, 0, sizeof *out);
    const char *usage =
        "expected SERIES[:SWEEP[:LEVEL[:OPTIONS]]], e.g. clk:500:1.5:falling,pre=0.2,hyst=0.1,persist=8 "
        "(SWEEP 16 .. 1048576 samples)";
    out->desc.sweep = 1000;
    char rest[256], *level, *options;
    if (!split_view_spec(value, out->series, 16, 1 << 20, "sweep", &out->desc.sweep, rest, &level,
                         &options, usage, err, err_size))
        return false;
    if (level && (rp_io_parse_double(level, strlen(level), &out->desc.level) != RP_OK ||
                  !isfinite(out->desc.level))) {
        snprintf(err, (size_t)err_size, "level '%s': %s", level, usage);
        return false;
    }
    for (char *opt = options; opt && *opt;) {
        char *comma = strchr(opt, ',');
        if (comma) *comma = 0;
        double v = 0;
        bool ok = true;
        if (!strcmp(opt, "rising"))
            out->desc.edge = RP_TRIGGER_RISING;
        else if (!strcmp(opt, "falling"))
            out->desc.edge = RP_TRIGGER_FALLING;
        else if (!strcmp(opt, "auto"))
            out->desc.mode = RP_TRIGGER_AUTO;
        else if (!strcmp(opt, "normal"))
            out->desc.mode = RP_TRIGGER_NORMAL;
        else if (!strcmp(opt, "single"))
            out->desc.mode = RP_TRIGGER_SINGLE;
        else if (!strncmp(opt, "pre=", 4))
            ok = rp_io_parse_double(opt + 4, strlen(opt + 4), &v) == RP_OK && v >= 0 && v <= 0.95,
            out->desc.pre_trigger = v;
        else if (!strncmp(opt, "hyst=", 5))
            ok = rp_io_parse_double(opt + 5, strlen(opt + 5), &v) == RP_OK && v >= 0 && isfinite(v),
            out->desc.hysteresis = v;
        else if (!strncmp(opt, "persist=", 8))
            ok = rp_io_parse_double(opt + 8, strlen(opt + 8), &v) == RP_OK && v >= 0 &&
                 v <= RP_TRIGGER_MAX_PERSISTENCE && v == floor(v),
            out->desc.persistence = (int)v;
        else if (!strncmp(opt, "holdoff=", 8))
            ok = rp_io_parse_double(opt + 8, strlen(opt + 8), &v) == RP_OK && v >= 0 && v <= 1e15 &&
                 v == floor(v),
            out->desc.holdoff = (int64_t)v;
        else
            ok = false;
        if (!ok) {
            snprintf(err, (size_t)err_size,
                     "option '%s': expected rising, falling, auto, normal, single, pre=0..0.95, "
                     "hyst=H >= 0, holdoff=N samples or persist=K (0 .. 32 sweeps)",
                     opt);
            return false;
        }
        opt = comma ? comma + 1 : NULL;
    }
    return true;
}

void rp_viewer_trigger_series(rp_figure *figure, rp_viewer_trigger *specs, int count,
                              rp_series *series)
{
    const char *name = rp_series_name(series);
    for (int i = 0; i < count; i++) {
        if (specs[i].added || strcmp(specs[i].series, name)) continue;
        specs[i].added = true;
        /* room for RP_VIEWER_PERSISTENCE sweeps at least, so the p key can show them */
        rp_trigger_desc d = specs[i].desc;
        if (d.persistence < RP_VIEWER_PERSISTENCE) d.persistence = RP_VIEWER_PERSISTENCE;
        int panel = -1;
        if (rp_figure_add_trigger_panel(figure, series, &d, &panel) != RP_OK) {
            fprintf(stderr, "ringplot: --trigger %s: %s\n", name, rp_figure_last_error(figure));
            continue;
        }
        d.persistence = specs[i].desc.persistence;
        rp_figure_set_trigger(figure, panel, &d);
    }
}

bool rp_viewer_trigger_key(rp_figure *figure, int panel, char key)
{
    bool one = panel >= 0 && rp_figure_trigger_desc(figure, panel).sweep > 0, any = false;
    for (int p = 0; p < rp_figure_panel_count(figure); p++) {
        if (one && p != panel) continue;
        rp_trigger_desc d = rp_figure_trigger_desc(figure, p);
        if (d.sweep == 0) continue;
        any = true;
        if (key == 'r') {
            rp_figure_trigger_rearm(figure, p);
            continue;
        }
        if (key == 't') d.mode = (rp_trigger_mode)((d.mode + 1) % 3);
        if (key == 'b')
            d.edge = d.edge == RP_TRIGGER_RISING ? RP_TRIGGER_FALLING : RP_TRIGGER_RISING;
        if (key == 'p') d.persistence = d.persistence > 0 ? 0 : RP_VIEWER_PERSISTENCE;
        rp_figure_set_trigger(figure, p, &d);
    }
    return any;
}

bool rp_viewer_parse_xy(const char *value, rp_viewer_xy *out, char *err, int err_size)
{
    memset(out, 0, sizeof *out);
    const char *usage = "expected XSERIES,YSERIES[:OPTIONS], e.g. pos.x,pos.y:fade=2,equal "
                        "(OPTIONS: fade=SECONDS, equal)";
    char names[RP_NAME_MAX], rest[256], *second, *options;
    if (!split_view_spec(value, names, 0, 0, "", NULL, rest, &second, &options, usage, err,
                         err_size))
        return false;
    char *comma = strchr(names, ',');
    if (!comma || comma == names || !comma[1] || strchr(comma + 1, ',')) {
        snprintf(err, (size_t)err_size, "'%s': %s", names, usage);
        return false;
    }
    *comma = 0;
    snprintf(out->x_name, sizeof out->x_name, "%s", names);
    snprintf(out->y_name, sizeof out->y_name, "%s", comma + 1);
    for (char *opt = options; opt && *opt;) {
        char *next = strchr(opt, ',');
        if (next) *next = 0;
        double fade = 0;
        if (!strcmp(opt, "equal")) {
            out->desc.equal_aspect = true;
        } else if (!strncmp(opt, "fade=", 5) &&
                   rp_io_parse_double(opt + 5, strlen(opt + 5), &fade) == RP_OK && isfinite(fade) &&
                   fade > 0) {
            out->desc.fade = fade;
        } else {
            snprintf(err, (size_t)err_size, "option '%s': expected fade=SECONDS (> 0) or equal",
                     opt);
            return false;
        }
        opt = next ? next + 1 : NULL;
    }
    return true;
}

void rp_viewer_xy_series(rp_figure *figure, rp_viewer_xy *specs, int count, rp_series *series)
{
    const char *name = rp_series_name(series);
    for (int i = 0; i < count; i++) {
        rp_viewer_xy *xy = &specs[i];
        if (xy->added) continue;
        if (!strcmp(xy->x_name, name)) xy->x = series;
        if (!strcmp(xy->y_name, name)) xy->y = series;
        if (!xy->x || !xy->y) continue;
        xy->added = true;
        if (rp_figure_add_xy_panel(figure, xy->x, xy->y, &xy->desc, NULL) != RP_OK)
            fprintf(stderr, "ringplot: --xy %s,%s: %s\n", xy->x_name, xy->y_name,
                    rp_figure_last_error(figure));
    }
}

bool rp_viewer_xy_key(rp_figure *figure, int panel, bool *given, int given_size)
{
    if (panel < 0 || panel >= rp_figure_panel_count(figure)) return false;
    rp_xy_desc d = rp_figure_xy_desc(figure, panel);
    if (d.title) { /* an XY panel */
        d.equal_aspect = !d.equal_aspect;
        return rp_figure_set_xy(figure, panel, &d) == RP_OK;
    }
    rp_series *x = rp_figure_panel_series(figure, panel, 0);
    rp_series *y = rp_figure_panel_series(figure, panel, 1);
    if (!x || !y || panel >= given_size || given[panel]) return false;
    given[panel] = true;
    return rp_figure_add_xy_panel(figure, x, y, NULL, NULL) == RP_OK;
}

bool rp_viewer_view_panel(const rp_figure *figure, int panel)
{
    return panel >= 0 && panel < rp_figure_panel_count(figure) &&
           (rp_figure_spectrum_desc(figure, panel).size > 0 ||
            rp_figure_trigger_desc(figure, panel).sweep > 0 ||
            rp_figure_xy_desc(figure, panel).title);
}

bool rp_viewer_xy_filling(const rp_figure *figure)
{
    for (int p = 0; p < rp_figure_panel_count(figure); p++)
        if (rp_figure_xy_state(figure, p).filling) return true;
    return false;
}
