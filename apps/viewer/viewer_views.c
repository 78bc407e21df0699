/* viewer_views.c — see viewer_views.h. */
#include "viewer/viewer_views.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "figure/figure_internal.h"
#include "io/parse.h"

/* Splits "SERIES[:COUNT[:SECOND[:OPTIONS]]]" (--spectrum, --trigger): the series name into
 * series (RP_NAME_MAX), then COUNT as an integer in [lo, hi] into *count (left alone when absent),
 * and SECOND and OPTIONS as strings in rest (NULL when absent). count NULL: "SERIES[:OPTIONS]"
 * (--xy), everything after the colon in *options. False with err set (naming `what` for a bad
 * COUNT, then usage) on a bad name or count. */
static bool split_view_spec(const char *value, char *series, size_t series_size, long lo, long hi,
                            const char *what, int *count, char rest[256], char **second,
                            char **options, const char *usage, char *err, int err_size)
{
    const char *colon = strchr(value, ':');
    size_t name_len = colon ? (size_t)(colon - value) : strlen(value);
    *second = *options = NULL;
    if (name_len == 0 || name_len >= series_size) {
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

/* The view options of each kind of view panel: min and max of x, then of y ("key=" prefixes). */
static const char *const spectrum_view_keys[4] = {"fmin=", "fmax=", "dbmin=", "dbmax="};
static const char *const trigger_view_keys[4] = {"tmin=", "tmax=", "ymin=", "ymax="};
static const char *const xy_view_keys[4] = {"xmin=", "xmax=", "ymin=", "ymax="};

/* opt is one of the four keys with a finite number: into view[k]. */
static bool view_option(const char *opt, const char *const keys[4], double view[4])
{
    for (int k = 0; k < 4; k++) {
        size_t n = strlen(keys[k]);
        if (strncmp(opt, keys[k], n)) continue;
        return rp_io_parse_double(opt + n, strlen(opt + n), &view[k]) == RP_OK && isfinite(view[k]);
    }
    return false;
}

/* The pair view[k], view[k + 1] (NAN: not given) into *lo, *hi: both or neither (min_zero: a max
 * alone starts at 0), lo < hi. */
static bool view_pair(const double view[4], int k, const char *lo_name, const char *hi_name,
                      bool min_zero, double *lo, double *hi, char *err, int err_size)
{
    double a = view[k], b = view[k + 1];
    if (isnan(a) && isnan(b)) return true;
    if (isnan(a) && min_zero) a = 0;
    if (isnan(a) || isnan(b) || !(b > a)) {
        snprintf(err, (size_t)err_size, "%s and %s: both are needed, with %s < %s", lo_name,
                 hi_name, lo_name, hi_name);
        return false;
    }
    *lo = a;
    *hi = b;
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
    double view[4] = {NAN, NAN, NAN, NAN}; /* fmin, fmax, dbmin, dbmax */
    if (!split_view_spec(value, out->series, sizeof out->series, 16, 1 << 22, "size",
                         &out->desc.size, rest, &window, &options, usage, err, err_size))
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
        } else if (!view_option(opt, spectrum_view_keys, view)) {
            snprintf(err, (size_t)err_size,
                     "option '%s': expected log, avg=A (0 .. 0.99), waterfall or waterfall=ROWS "
                     "(1 .. 1024), fmin=F, fmax=F (frequency view), dbmin=DB, dbmax=DB (dB view)",
                     opt);
            return false;
        }
        opt = comma ? comma + 1 : NULL;
    }
    if (!view_pair(view, 0, "fmin", "fmax", true, &out->desc.freq_min, &out->desc.freq_max, err,
                   err_size) ||
        !view_pair(view, 2, "dbmin", "dbmax", false, &out->desc.db_min, &out->desc.db_max, err,
                   err_size))
        return false;
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
        specs[i].panel = panel;
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
    double view[4] = {NAN, NAN, NAN, NAN}; /* tmin, tmax, ymin, ymax */
    if (!split_view_spec(value, out->series, sizeof out->series, 16, 1 << 20, "sweep",
                         &out->desc.sweep, rest, &level, &options, usage, err, err_size))
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
        /* Each value is stored only once it is valid: a cast of one out of range (persist=1e90)
         * is undefined behaviour. */
        else if (!strncmp(opt, "pre=", 4)) {
            ok = rp_io_parse_double(opt + 4, strlen(opt + 4), &v) == RP_OK && v >= 0 && v <= 0.95;
            if (ok) out->desc.pre_trigger = v;
        } else if (!strncmp(opt, "hyst=", 5)) {
            ok = rp_io_parse_double(opt + 5, strlen(opt + 5), &v) == RP_OK && v >= 0 && isfinite(v);
            if (ok) out->desc.hysteresis = v;
        } else if (!strncmp(opt, "persist=", 8)) {
            ok = rp_io_parse_double(opt + 8, strlen(opt + 8), &v) == RP_OK && v >= 0 &&
                 v <= RP_TRIGGER_MAX_PERSISTENCE && v == floor(v);
            if (ok) out->desc.persistence = (int)v;
        } else if (!strncmp(opt, "holdoff=", 8)) {
            ok = rp_io_parse_double(opt + 8, strlen(opt + 8), &v) == RP_OK && v >= 0 && v <= 1e15 &&
                 v == floor(v);
            if (ok) out->desc.holdoff = (int64_t)v;
        } else
            ok = view_option(opt, trigger_view_keys, view);
        if (!ok) {
            snprintf(err, (size_t)err_size,
                     "option '%s': expected rising, falling, auto, normal, single, pre=0..0.95, "
                     "hyst=H >= 0, holdoff=N samples, persist=K (0 .. 32 sweeps), tmin=T, tmax=T "
                     "(time window, s from the trigger), ymin=Y, ymax=Y (y view)",
                     opt);
            return false;
        }
        opt = comma ? comma + 1 : NULL;
    }
    return view_pair(view, 0, "tmin", "tmax", false, &out->desc.time_min, &out->desc.time_max, err,
                     err_size) &&
           view_pair(view, 2, "ymin", "ymax", false, &out->y_min, &out->y_max, err, err_size);
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
        if (specs[i].y_max > specs[i].y_min)
            rp_figure_set_y_view(figure, panel, specs[i].y_min, specs[i].y_max);
        specs[i].panel = panel;
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
        if (key == 'r') { /* only a single trigger can be re-armed (auto and normal run on) */
            if (d.mode == RP_TRIGGER_SINGLE) rp_figure_trigger_rearm(figure, p);
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
                        "(OPTIONS: fade=SECONDS, equal, xmin=X, xmax=X, ymin=Y, ymax=Y)";
    char names[2 * RP_NAME_MAX], rest[256], *second, *options; /* "X,Y": two whole names */
    double view[4] = {NAN, NAN, NAN, NAN};                     /* xmin, xmax, ymin, ymax */
    if (!split_view_spec(value, names, sizeof names, 0, 0, "", NULL, rest, &second, &options, usage,
                         err, err_size))
        return false;
    char *comma = strchr(names, ',');
    if (!comma || comma == names || !comma[1] || strchr(comma + 1, ',')) {
        snprintf(err, (size_t)err_size, "'%s': %s", names, usage);
        return false;
    }
    *comma = 0;
    if (strlen(names) >= sizeof out->x_name || strlen(comma + 1) >= sizeof out->y_name) {
        snprintf(err, (size_t)err_size, "a series name over %d bytes: %s", RP_NAME_MAX - 1, usage);
        return false;
    }
    memcpy(out->x_name, names, strlen(names) + 1);
    memcpy(out->y_name, comma + 1, strlen(comma + 1) + 1);
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
        } else if (!view_option(opt, xy_view_keys, view)) {
            snprintf(err, (size_t)err_size,
                     "option '%s': expected fade=SECONDS (> 0), equal, xmin=X, xmax=X, ymin=Y or "
                     "ymax=Y (fixed ranges)",
                     opt);
            return false;
        }
        opt = next ? next + 1 : NULL;
    }
    return view_pair(view, 0, "xmin", "xmax", false, &out->desc.x_min, &out->desc.x_max, err,
                     err_size) &&
           view_pair(view, 2, "ymin", "ymax", false, &out->desc.y_min, &out->desc.y_max, err,
                     err_size);
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
        if (rp_figure_add_xy_panel(figure, xy->x, xy->y, &xy->desc, &xy->panel) != RP_OK)
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

/* A view panel with something drawn to zoom (quietly nothing before: no error logged a notch). */
static bool view_ready(const rp_figure *figure, int panel)
{
    if (!rp_viewer_view_panel(figure, panel)) return false;
    if (rp_figure_spectrum_desc(figure, panel).size > 0)
        return rp_figure_spectrum_db(figure, panel, NULL, NULL) != NULL;
    if (rp_figure_trigger_desc(figure, panel).sweep > 0)
        return rp_figure_trigger_sweep(figure, panel, NULL) != NULL;
    rp_xy_state st = rp_figure_xy_state(figure, panel);
    return st.x1 > st.x0 && st.y1 > st.y0;
}

bool rp_viewer_view_drag(rp_figure *figure, int panel, double du, double dv)
{
    return view_ready(figure, panel) && rp_figure_view_pan(figure, panel, du, dv) == RP_OK;
}

bool rp_viewer_view_wheel(rp_figure *figure, int panel, double u, double v, double factor,
                          bool shift)
{
    if (!view_ready(figure, panel)) return false;
    bool xy = rp_figure_xy_desc(figure, panel).title != NULL;
    double fx = shift ? 1.0 : factor, fy = shift || xy ? factor : 1.0;
    return rp_figure_view_zoom(figure, panel, u, v, fx, fy) == RP_OK;
}

/* ---- saved layouts: a spec with the view its panel has now ------------------------------------ */

/* What the keys changed in a view panel since its spec was given, for spec_with_view. */
typedef struct spec_edit {
    int fields;            /* fields before OPTIONS: NAME:FIELD1:FIELD2:OPTIONS */
    char field[2][48];     /* each field's default (when the spec has none)... */
    bool replace_field[2]; /* ...or its value now, replacing the given one (n: the window) */
    const char *drop[8];   /* options dropped: exact, or a prefix ending in '='; NULL-ended */
    char extra[64];        /* options appended (a comma list; "" none) */
    bool changed;          /* something differs from the spec: rebuild it */
} spec_edit;

static bool dropped(const spec_edit *e, const char *opt)
{
    for (int i = 0; i < 8 && e->drop[i]; i++) {
        size_t n = strlen(e->drop[i]);
        if (e->drop[i][n - 1] == '=' ? !strncmp(opt, e->drop[i], n) : !strcmp(opt, e->drop[i]))
            return true;
    }
    return false;
}

/* `given` rebuilt as NAME:FIELD...:OPTIONS with e->fields fields (missing or replaced ones from
 * e->field), its options of `keys` and e->drop dropped, e->extra appended and view[k] (NAN: none)
 * appended as keys[k]VALUE; `given` itself when nothing changed and neither it nor view has a
 * view option. */
static void spec_with_view(const char *given, const spec_edit *e, const char *const keys[4],
                           const double view[4], char *out, int size)
{
    bool any = e->changed;
    for (int k = 0; k < 4; k++) any |= !isnan(view[k]) || strstr(given, keys[k]) != NULL;
    snprintf(out, (size_t)size, "%s", given);
    if (!any) return;
    char copy[512];
    snprintf(copy, sizeof copy, "%s", given);
    char *part = strchr(copy, ':'), *options = NULL;
    if (part) *part++ = 0;
    int n = snprintf(out, (size_t)size, "%s", copy);
    for (int i = 0; i < e->fields;
         i++) { /* the fields before OPTIONS, as given or their defaults */
        char *next = part ? strchr(part, ':') : NULL;
        if (next) *next++ = 0;
        const char *value = part && !e->replace_field[i] ? part : e->field[i];
        n += snprintf(out + n, (size_t)(size > n ? size - n : 0), ":%s", value);
        part = next;
    }
    options = part;
    char sep = ':';
    for (char *opt = options; opt && *opt;) { /* the other options, in order */
        char *comma = strchr(opt, ',');
        if (comma) *comma = 0;
        bool view_key = dropped(e, opt);
        for (int k = 0; k < 4; k++) view_key |= !strncmp(opt, keys[k], strlen(keys[k]));
        if (!view_key) {
            n += snprintf(out + n, (size_t)(size > n ? size - n : 0), "%c%s", sep, opt);
            sep = ',';
        }
        opt = comma ? comma + 1 : NULL;
    }
    if (e->extra[0]) {
        n += snprintf(out + n, (size_t)(size > n ? size - n : 0), "%c%s", sep, e->extra);
        sep = ',';
    }
    for (int k = 0; k < 4; k++) {
        if (isnan(view[k])) continue;
        char num[32]; /* the shortest that reads back the same double */
        rp_format_shortest(num, sizeof num, view[k]);
        n += snprintf(out + n, (size_t)(size > n ? size - n : 0), "%c%s%s", sep, keys[k], num);
        sep = ',';
    }
}

/* view[k], view[k + 1] = lo, hi when hi > lo (a set view), else left NAN. */
static void set_pair(double view[4], int k, double lo, double hi)
{
    if (!(hi > lo)) return;
    view[k] = lo;
    view[k + 1] = hi;
}

/* Appends option `opt` to e->extra. */
static void add_extra(spec_edit *e, const char *opt)
{
    size_t n = strlen(e->extra);
    snprintf(e->extra + n, sizeof e->extra - n, "%s%s", n ? "," : "", opt);
}

/* When a key changed an option (changed): the given options of its family (NULL-ended) are
 * dropped and `opt`, its value now (NULL: off), appended. */
static void edit_option(spec_edit *e, bool changed, const char *const *family, const char *opt)
{
    if (!changed) return;
    e->changed = true;
    int d = 0;
    while (d < 8 && e->drop[d]) d++;
    for (int i = 0; family[i] && d < 7; i++) e->drop[d++] = family[i];
    if (opt) add_extra(e, opt);
}

void rp_viewer_spectrum_spec(const rp_figure *figure, const rp_viewer_spectrum *spec,
                             const char *given, char *out, int size)
{
    double view[4] = {NAN, NAN, NAN, NAN};
    rp_spectrum_desc d =
        spec->added ? rp_figure_spectrum_desc(figure, spec->panel) : (rp_spectrum_desc){0};
    if (d.size == 0) d = spec->desc; /* not made (yet): as given */
    set_pair(view, 0, d.freq_min, d.freq_max);
    set_pair(view, 2, d.db_min, d.db_max);
    spec_edit e = {.fields = 2};
    snprintf(e.field[0], sizeof e.field[0], "%d", spec->desc.size);
    snprintf(e.field[1], sizeof e.field[1], "%s", rp_fft_window_name(d.window));
    e.replace_field[1] = e.changed = d.window != spec->desc.window; /* n */
    edit_option(&e, d.log_frequency != spec->desc.log_frequency, (const char *const[]){"log", NULL},
                d.log_frequency ? "log" : NULL); /* g */
    char rows[32];
    snprintf(rows, sizeof rows, d.waterfall == RP_VIEWER_WATERFALL ? "waterfall" : "waterfall=%d",
             d.waterfall);
    edit_option(&e, d.waterfall != spec->desc.waterfall,
                (const char *const[]){"waterfall", "waterfall=", NULL},
                d.waterfall > 0 ? rows : NULL); /* v */
    spec_with_view(given, &e, spectrum_view_keys, view, out, size);
}

void rp_viewer_trigger_spec(const rp_figure *figure, const rp_viewer_trigger *spec,
                            const char *given, char *out, int size)
{
    static const char *const modes[] = {"auto", "normal", "single"};
    double view[4] = {NAN, NAN, NAN, NAN};
    bool made = spec->added && rp_figure_trigger_desc(figure, spec->panel).sweep > 0;
    rp_trigger_desc d = made ? rp_figure_trigger_desc(figure, spec->panel) : spec->desc;
    set_pair(view, 0, d.time_min, d.time_max);
    const rp_figure_panel *pn = made ? &figure->panels[spec->panel] : NULL;
    if (pn && pn->fixed_y)
        set_pair(view, 2, pn->y0, pn->y1);
    else if (!made)
        set_pair(view, 2, spec->y_min, spec->y_max);
    spec_edit e = {.fields = 2};
    snprintf(e.field[0], sizeof e.field[0], "%d", spec->desc.sweep);
    rp_format_shortest(e.field[1], sizeof e.field[1], spec->desc.level);
    edit_option(&e, d.mode != spec->desc.mode,
                (const char *const[]){"auto", "normal", "single", NULL},
                d.mode <= RP_TRIGGER_SINGLE ? modes[d.mode] : NULL); /* t */
    edit_option(&e, d.edge != spec->desc.edge, (const char *const[]){"rising", "falling", NULL},
                d.edge == RP_TRIGGER_FALLING ? "falling" : "rising"); /* b */
    char persist[32];
    snprintf(persist, sizeof persist, "persist=%d", d.persistence);
    edit_option(&e, d.persistence != spec->desc.persistence,
                (const char *const[]){"persist=", NULL}, persist); /* p */
    spec_with_view(given, &e, trigger_view_keys, view, out, size);
}

void rp_viewer_xy_spec(const rp_figure *figure, const rp_viewer_xy *spec, const char *given,
                       char *out, int size)
{
    double view[4] = {NAN, NAN, NAN, NAN};
    rp_xy_desc d = spec->added ? rp_figure_xy_desc(figure, spec->panel) : (rp_xy_desc){0};
    if (!d.title) d = spec->desc;
    set_pair(view, 0, d.x_min, d.x_max);
    set_pair(view, 2, d.y_min, d.y_max);
    spec_edit e = {.fields = 0};
    edit_option(&e, d.equal_aspect != spec->desc.equal_aspect, (const char *const[]){"equal", NULL},
                d.equal_aspect ? "equal" : NULL); /* x */
    spec_with_view(given, &e, xy_view_keys, view, out, size);
}
