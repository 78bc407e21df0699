/* viewer_views.c — see viewer_views.h. */
#include "app/viewer_views.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/parse.h"

bool rp_viewer_parse_spectrum(const char *value, rp_viewer_spectrum *out, char *err, int err_size)
{
    memset(out, 0, sizeof *out);
    const char *usage = "expected SERIES[:N[:WINDOW[:OPTIONS]]], e.g. accel.x:8192:flat-top:log,avg=0.8 "
                        "(WINDOW hann, blackman-harris or flat-top; N 16 .. 4194304)";
    const char *colon = strchr(value, ':');
    size_t name_len = colon ? (size_t)(colon - value) : strlen(value);
    if (name_len == 0 || name_len >= RP_NAME_MAX) {
        snprintf(err, (size_t)err_size, "%s", usage);
        return false;
    }
    memcpy(out->series, value, name_len);
    out->series[name_len] = 0;
    out->desc.size = 4096;
    if (!colon) return true;
    char rest[256];
    snprintf(rest, sizeof rest, "%s", colon + 1);
    char *fields[3] = {rest, NULL, NULL};
    for (int i = 1; i < 3; i++) {
        char *c = fields[i - 1] ? strchr(fields[i - 1], ':') : NULL;
        if (!c) break;
        *c = 0;
        fields[i] = c + 1;
    }
    char *end;
    long n = strtol(fields[0], &end, 10);
    if (end == fields[0] || *end || n < 16 || n > (1 << 22)) {
        snprintf(err, (size_t)err_size, "size '%s': %s", fields[0], usage);
        return false;
    }
    out->desc.size = (int)n;
    if (fields[1] && !rp_fft_window_parse(fields[1], &out->desc.window)) {
        snprintf(err, (size_t)err_size, "window '%s': %s", fields[1], usage);
        return false;
    }
    for (char *opt = fields[2]; opt && *opt;) {
        char *comma = strchr(opt, ',');
        if (comma) *comma = 0;
        double avg = 0;
        if (!strcmp(opt, "log")) {
            out->desc.log_frequency = true;
        } else if (!strncmp(opt, "avg=", 4) && rp_io_parse_double(opt + 4, strlen(opt + 4), &avg) == RP_OK &&
                   avg >= 0 && avg <= 0.99) {
            out->desc.averaging = avg;
        } else {
            snprintf(err, (size_t)err_size, "option '%s': expected log or avg=A (0 .. 0.99)", opt);
            return false;
        }
        opt = comma ? comma + 1 : NULL;
    }
    return true;
}

void rp_viewer_spectrum_series(rp_figure *figure, rp_viewer_spectrum *specs, int count, rp_series *series)
{
    const char *name = rp_series_name(series);
    for (int i = 0; i < count; i++) {
        if (specs[i].added || strcmp(specs[i].series, name)) continue;
        specs[i].added = true;
        if (rp_figure_add_spectrum_panel(figure, series, &specs[i].desc, NULL) != RP_OK)
            fprintf(stderr, "ringplot: --spectrum %s: %s\n", name, rp_figure_last_error(figure));
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

static void toggle_log(rp_spectrum_desc *d)
{
    d->log_frequency = !d->log_frequency;
}

bool rp_viewer_spectrum_next_window(rp_figure *figure, int panel)
{
    return each_spectrum(figure, panel, next_window);
}

bool rp_viewer_spectrum_toggle_log(rp_figure *figure, int panel)
{
    return each_spectrum(figure, panel, toggle_log);
}
