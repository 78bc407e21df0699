/* scenes.c — the golden-image scenes (see scenes.h). Every value comes from a formula or a fixed
 * seed, every x from a fixed t0 and rate, so the same build renders the same pixels. */
#include "scenes.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PI 3.14159265358979323846

/* ---------------------------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------------------------- */
typedef struct rng {
    uint64_t s;
} rng;

static uint64_t rng_next(rng *r) /* xorshift64* */
{
    r->s ^= r->s >> 12;
    r->s ^= r->s << 25;
    r->s ^= r->s >> 27;
    return r->s * 2685821657736338717ull;
}

static double rng_uniform(rng *r) /* [0, 1) */
{
    return (double)(rng_next(r) >> 11) * (1.0 / 9007199254740992.0);
}

static double rng_gauss(rng *r) /* Box–Muller, one of the pair */
{
    double u = rng_uniform(r), v = rng_uniform(r);
    if (u < 1e-300) u = 1e-300;
    return sqrt(-2.0 * log(u)) * cos(2.0 * PI * v);
}

static rp_series *add_series(rp_scene *sc, const char *name, int64_t capacity, double rate,
                             double t0)
{
    if (sc->series_count >= RP_SCENE_MAX_SERIES) return NULL;
    rp_series *s = NULL;
    if (rp_series_create(
            &(rp_series_desc){.name = name, .capacity = capacity, .rate = rate, .t0 = t0}, &s) !=
        RP_OK)
        return NULL;
    sc->series[sc->series_count++] = s;
    return s;
}

/* Pushes n samples of f(i) in chunks (no big temporary). */
typedef float (*sample_fn)(int64_t i, void *user);

static rp_status push_fn(rp_series *s, int64_t n, sample_fn f, void *user)
{
    float buf[4096];
    for (int64_t i = 0; i < n;) {
        int64_t k = n - i < 4096 ? n - i : 4096;
        for (int64_t j = 0; j < k; j++) buf[j] = f(i + j, user);
        rp_status st = rp_push(s, buf, k);
        if (st != RP_OK) return st;
        i += k;
    }
    return RP_OK;
}

typedef struct wave {
    double rate, freq, phase, amp, offset;
} wave;

static float wave_fn(int64_t i, void *user)
{
    const wave *w = user;
    double t = (double)i / w->rate;
    return (float)(w->offset + w->amp * sin(2.0 * PI * w->freq * t + w->phase));
}

#define TRY(expr)                                                                                  \
    do {                                                                                           \
        rp_status st_ = (expr);                                                                    \
        if (st_ != RP_OK) return st_;                                                              \
    } while (0)

#define NEED(ptr)                                                                                  \
    do {                                                                                           \
        if (!(ptr)) return RP_ERR_NO_MEMORY;                                                       \
    } while (0)

/* ---------------------------------------------------------------------------------------------
 * Scenes
 * ------------------------------------------------------------------------------------------- */
/* One sine, plain number axes with titles. */
/* Two periods of sin(x), x in rad, into panel 0. */
static rp_status add_sine(rp_scene *sc)
{
    rp_series *s = add_series(sc, "sin(x)", 4096, 2000.0 / (4 * PI), 0);
    NEED(s);
    wave w = {.rate = 2000.0 / (4 * PI), .freq = 1.0 / (2 * PI), .amp = 1};
    TRY(push_fn(s, 2001, wave_fn, &w));
    return rp_figure_add_series(sc->figure, 0, s, NULL);
}

static rp_status scene_sine(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Sine", .x_label = "phase (rad)"},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "amplitude"}, NULL));
    return add_sine(sc);
}

/* A figure title wider than the viewport: cut at a character with "…" (it was drawn centred
 * and clipped mid-glyph at both edges). */
static rp_status scene_long_title(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title =
                              "A very long figure title that certainly does not fit in an 800 px "
                              "wide window, whatever is done about it",
                          .x_label = "phase (rad)"},
        &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, NULL, NULL));
    return add_sine(sc);
}

/* Rows on a plain x axis (a file without times, numbered from 0) with their statistics: the rate
 * column counts samples per unit of x, "1.000 /x" (it said "1.000 /s", seconds the rows never
 * had). */
static rp_status scene_rows_stats(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Rows", .x_label = "row"}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, NULL, NULL));
    rp_series *s = add_series(sc, "level", 4096, 1.0, 0);
    NEED(s);
    wave w = {.rate = 1.0, .freq = 1.0 / 120, .amp = 3, .offset = 10};
    TRY(push_fn(s, 500, wave_fn, &w));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    TRY(rp_figure_show_stats(sc->figure, true));
    return RP_OK;
}

/* Statistics of two series far apart in one panel (a GPS fix: latitude near 47.3 moving by
 * 9e-4, longitude near 8.5 by 1.8e-3): min, max and mean keep digits enough to tell them apart
 * (at the panel's pixel size, 47.30 and 47.30). */
static rp_status scene_stats_spread(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "GPS", .x_axis = RP_X_AXIS_TIME}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, NULL, NULL));
    rp_series *lat = add_series(sc, "lat", 4096, 1.0, 0);
    rp_series *lon = add_series(sc, "lon", 4096, 1.0, 0);
    NEED(lat && lon);
    wave wlat = {.rate = 1.0, .freq = 1.0 / 40, .amp = 4.5e-4, .offset = 47.30045};
    wave wlon = {.rate = 1.0, .freq = 1.0 / 25, .amp = 9e-4, .offset = 8.5009};
    TRY(push_fn(lat, 60, wave_fn, &wlat));
    TRY(push_fn(lon, 60, wave_fn, &wlon));
    TRY(rp_figure_add_series(sc->figure, 0, lat, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, lon, NULL));
    TRY(rp_figure_show_stats(sc->figure, true));
    return RP_OK;
}

/* A spectrum of a series shown whole (following with span 0, as a file is) that holds fewer
 * than 16 samples: no more will come, so the panel says too few, not "waiting for 1024". */
static rp_status scene_spectrum_few(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Five rows", .x_axis = RP_X_AXIS_NUMBER},
                         &sc->figure));
    rp_series *s = add_series(sc, "a", 4096, 1.0, 0);
    NEED(s);
    const float v[5] = {0, 1, 2, 1, 0};
    TRY(rp_push(s, v, 5));
    TRY(rp_figure_add_spectrum_panel(sc->figure, s, &(rp_spectrum_desc){.size = 1024}, NULL));
    TRY(rp_figure_add_panel(sc->figure, NULL, NULL));
    TRY(rp_figure_add_series(sc->figure, 1, s, NULL));
    TRY(rp_figure_follow(sc->figure, 0));
    return RP_OK;
}

/* The crosshair over a silence of an arrival-timed series (segments at a measured 500 samples/s,
 * made with the default rate 1, as the ingest makes them): 2 .. 3 s holds no sample, so the
 * read-out at 2.5 s says "-" beside "steady" (it read the sample 0.5 s away: the reach came from
 * the default rate, 1 s a sample). "dropout" has samples there, NaN from 2.2 to 2.8 s (a sensor's
 * dropout): "-" too, with no dot (it read "NaN"). */
static float nan_dropout_fn(int64_t i, void *user)
{
    (void)user;
    return i >= 1100 && i < 1400 ? NAN : (float)(1.5 + 0.3 * sin((double)i / 80.0));
}

static rp_status scene_crosshair_gap(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "A silence", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, NULL, NULL));
    if (sc->series_count + 3 > RP_SCENE_MAX_SERIES) return RP_ERR_LIMIT;
    rp_series *burst = NULL;
    TRY(rp_series_create(&(rp_series_desc){.name = "bursty", .capacity = 4096}, &burst));
    sc->series[sc->series_count++] = burst;
    wave w = {.rate = 500, .freq = 1, .amp = 1};
    TRY(rp_push_segment(burst, 0.0, 500));
    TRY(push_fn(burst, 1000, wave_fn, &w));
    TRY(rp_push_segment(burst, 3.0, 500));
    TRY(push_fn(burst, 1000, wave_fn, &w));
    rp_series *steady = add_series(sc, "steady", 4096, 500, 0);
    NEED(steady);
    wave v = {.rate = 500, .freq = 0.5, .amp = 0.5, .offset = -2};
    TRY(push_fn(steady, 2500, wave_fn, &v));
    rp_series *dropout = add_series(sc, "dropout", 4096, 500, 0);
    NEED(dropout);
    TRY(push_fn(dropout, 2500, nan_dropout_fn, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, burst, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, steady, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, dropout, NULL));
    TRY(rp_figure_set_x_view(sc->figure, 0.0, 4.998));
    TRY(rp_figure_set_crosshair(sc->figure, 400, 200)); /* near x = 2.5 s */
    return RP_OK;
}

/* Zoomed in between two samples of a slow series (10 Hz, a 20 ms view): the line between the two
 * samples either side crosses the view and the y axis fits it (top panel); across a silence
 * (bottom panel: a new segment 0.5 s late) the view stays empty, a gap is not joined. */
static float slow_ramp_fn(int64_t i, void *user)
{
    (void)user;
    return 20.0f + 0.5f * (float)i;
}

static rp_status scene_between_samples(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "Between two samples", .x_axis = RP_X_AXIS_TIME}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "env"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "silence"}, NULL));
    rp_series *slow = add_series(sc, "temperature", 1024, 10, 0);
    NEED(slow);
    TRY(push_fn(slow, 40, slow_ramp_fn, NULL));
    if (sc->series_count + 1 > RP_SCENE_MAX_SERIES) return RP_ERR_LIMIT;
    rp_series *quiet = NULL;
    TRY(rp_series_create(&(rp_series_desc){.name = "pressure", .capacity = 1024}, &quiet));
    sc->series[sc->series_count++] = quiet;
    TRY(rp_push_segment(quiet, 0.0, 10));
    TRY(push_fn(quiet, 11, slow_ramp_fn, NULL)); /* 0 .. 1.0 s */
    TRY(rp_push_segment(quiet, 1.5, 10));
    TRY(push_fn(quiet, 10, slow_ramp_fn, NULL)); /* 1.5 .. 2.4 s */
    TRY(rp_figure_add_series(sc->figure, 0, slow, NULL));
    TRY(rp_figure_add_series(sc->figure, 1, quiet, NULL));
    return rp_figure_set_x_view(sc->figure, 1.02, 1.04);
}

/* The sine with a zoom box being dragged over its first crest (ctrl + drag in the viewer). */
static rp_status scene_zoom_box(rp_scene *sc)
{
    TRY(scene_sine(sc));
    return rp_figure_set_zoom_box(sc->figure, 120, 60, 260, 190);
}

/* Eight series: the whole palette and a legend; a live time axis following the last 10 s. */
static rp_status scene_eight(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Eight channels", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "signal (V)"}, NULL));
    TRY(rp_figure_follow(sc->figure, 10));
    static const char *names[8] = {
        "ch 0 · sensor A", "ch 1", "ch 2", "ch 3", "ch 4", "ch 5", "ch 6", "ch 7 (reference)"};
    for (int k = 0; k < 8; k++) {
        rp_series *s = add_series(sc, names[k], 8192, 200, 0);
        NEED(s);
        wave w = {.rate = 200,
                  .freq = 0.12 + 0.045 * k,
                  .phase = 0.7 * k,
                  .amp = 0.8,
                  .offset = 2.2 * (3.5 - k)};
        TRY(push_fn(s, 200 * 14, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    }
    return RP_OK;
}

/* NaN gaps, fewer samples than pixels (raw mode) so every gap shows: a long gap, a single and a
 * double NaN, a missing tail; a second series with a leading gap, a hole every 37 samples and
 * one finite sample alone between NaNs (a dot). */
static float gap_fn(int64_t i, void *user)
{
    (void)user;
    if ((i >= 100 && i < 140) || i == 250 || i == 330 || i == 331 || i >= 520) return NAN;
    return (float)(sin((double)i * 0.04) + 0.3 * sin((double)i * 0.23));
}

static float gap2_fn(int64_t i, void *user)
{
    (void)user;
    if (i < 60 || (i % 37 == 0) || (i >= 440 && i < 470 && i != 455)) return NAN;
    return (float)(0.6 * cos((double)i * 0.03) - 0.8);
}

static rp_status scene_nan_gaps(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "NaN gaps", .x_label = "sample"}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, NULL, NULL));
    rp_series *a = add_series(sc, "gaps of 40, 1, 2 samples, tail missing", 4096, 1, 0);
    rp_series *b = add_series(sc, "leading gap, a hole every 37, a lone sample", 4096, 1, 0);
    NEED(a);
    NEED(b);
    TRY(push_fn(a, 600, gap_fn, NULL));
    TRY(push_fn(b, 600, gap2_fn, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, a, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, b, NULL));
    TRY(rp_figure_set_x_view(sc->figure, 0, 600));
    return RP_OK;
}

/* 10^7 noisy samples: the min-max band of a random walk with bursts. */
typedef struct noisy {
    rng r;
    double walk;
} noisy;

static float noisy_fn(int64_t i, void *user)
{
    noisy *n = user;
    n->walk += 0.002 * rng_gauss(&n->r);
    n->walk *= 0.99999;
    double burst = (i / 500000) % 4 == 1 ? 3.0 : 1.0;
    return (float)(n->walk + 0.25 * burst * rng_gauss(&n->r) +
                   0.8 * sin(2.0 * PI * (double)i / 2.5e6));
}

static rp_status scene_dense(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "10 million samples at 1 MHz", .x_axis = RP_X_AXIS_TIME},
        &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "noise"}, NULL));
    rp_series *s = add_series(sc, "random walk + noise", 10000000, 1e6, 0);
    NEED(s);
    noisy n = {.r = {0x9E3779B97F4A7C15ull}};
    TRY(push_fn(s, 10000000, noisy_fn, &n));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    return RP_OK;
}

static float const_fn(int64_t i, void *user)
{
    (void)i;
    return *(const float *)user;
}

/* A flat line: autoscale makes a band around the value. */
static rp_status scene_flat(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Flat line"}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "setpoint"}, NULL));
    rp_series *s = add_series(sc, "constant 3.3", 1024, 10, 0);
    NEED(s);
    float v = 3.3f;
    TRY(push_fn(s, 1000, const_fn, &v));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    return RP_OK;
}

/* Values near 1e12 varying by a few 1e8: labels need an offset or a scale. */
static rp_status scene_big(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Values near 1e12"}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "bytes"}, NULL));
    rp_series *s = add_series(sc, "counter", 4096, 1, 0);
    NEED(s);
    wave w = {.rate = 1, .freq = 1.0 / 700, .amp = 4e8, .offset = 1.0e12};
    TRY(push_fn(s, 2000, wave_fn, &w));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    return RP_OK;
}

/* Values near 1e-9: a scaled axis ("×1e-9"). */
static rp_status scene_tiny(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Values near 1e-9", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "current (A)"}, NULL));
    rp_series *a = add_series(sc, "leakage", 4096, 1000, 0);
    rp_series *b = add_series(sc, "bias", 4096, 1000, 0);
    NEED(a);
    NEED(b);
    wave wa = {.rate = 1000, .freq = 1.3, .amp = 0.4e-9, .offset = 1.2e-9};
    wave wb = {.rate = 1000, .freq = 0.4, .phase = 1, .amp = 0.2e-9, .offset = 0.9e-9};
    TRY(push_fn(a, 2000, wave_fn, &wa));
    TRY(push_fn(b, 2000, wave_fn, &wb));
    TRY(rp_figure_add_series(sc->figure, 0, a, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, b, NULL));
    return RP_OK;
}

/* A negative range. */
static rp_status scene_negative(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Negative range", .x_label = "position (m)"},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "depth (m)"}, NULL));
    rp_series *s = add_series(sc, "depth", 4096, 100, -5);
    NEED(s);
    wave w = {.rate = 100, .freq = 0.17, .amp = 35, .offset = -215};
    TRY(push_fn(s, 1000, wave_fn, &w));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    return RP_OK;
}

/* Wall clock: t0 = 2023-11-14 22:13:20 UTC, 10 Hz for 90 s (crosses no day). */
static rp_status scene_wall_clock(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "Wall clock (UTC)", .x_axis = RP_X_AXIS_WALL_CLOCK},
        &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "load (%)"}, NULL));
    rp_series *s = add_series(sc, "cpu", 4096, 10, 1700000000.0);
    NEED(s);
    wave w = {.rate = 10, .freq = 1.0 / 40, .amp = 20, .offset = 55};
    TRY(push_fn(s, 900, wave_fn, &w));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    return RP_OK;
}

/* A daily log on a wall-clock axis, measured: cursors A and B read out as dates and clock times
 * (they were bare Unix seconds, "A 1506441600"), Δt with its length in days. 1000 days from
 * 2016-01-01 00:00 UTC; A on 2016-06-01, B 500 days later. */
static rp_status scene_wall_cursors(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "A daily log, measured", .x_axis = RP_X_AXIS_WALL_CLOCK},
        &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "close"}, NULL));
    rp_series *s = add_series(sc, "close", 4096, 1.0 / 86400, 1451606400.0);
    NEED(s);
    wave w = {.rate = 1.0 / 86400, .freq = 1.0 / (86400 * 365.0), .amp = 10, .offset = 100};
    TRY(push_fn(s, 1000, wave_fn, &w));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    TRY(rp_figure_set_x_view(sc->figure, 1451606400.0, 1451606400.0 + 999 * 86400.0));
    TRY(rp_figure_set_time_cursor(sc->figure, 0, 1464739200.0));
    TRY(rp_figure_set_time_cursor(sc->figure, 1, 1464739200.0 + 500 * 86400.0));
    TRY(rp_figure_show_stats(sc->figure, true));
    return RP_OK;
}

/* Light theme with three series and a legend. */
static rp_status scene_light(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Light theme",
                                           .theme = RP_THEME_LIGHT,
                                           .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "value"}, NULL));
    static const char *names[4] = {"alpha", "beta", "gamma", "delta"};
    for (int k = 0; k < 4; k++) {
        rp_series *s = add_series(sc, names[k], 4096, 100, 0);
        NEED(s);
        wave w = {.rate = 100,
                  .freq = 0.2 + 0.1 * k,
                  .phase = 1.1 * k,
                  .amp = 1.0 - 0.15 * k,
                  .offset = 0.5 * k};
        TRY(push_fn(s, 3000, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    }
    return RP_OK;
}

/* Three panels sharing a live time axis, panel titles, y titles, a noisy channel. */
typedef struct flow {
    rng r;
} flow;

static float flow_fn(int64_t i, void *user)
{
    flow *f = user;
    double t = (double)i / 50.0;
    double base = t < 12 ? 4.0 : 6.5;
    return (float)(base + 0.15 * rng_gauss(&f->r) + 0.5 * sin(t * 0.9));
}

static rp_status scene_three_panels(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Process line 3", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "Pressure", .y_label = "kPa"},
                            NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "Temperature", .y_label = "°C"},
                            NULL));
    TRY(rp_figure_add_panel(
        sc->figure,
        &(rp_panel_desc){
            .title = "Flow", .y_label = "L/min", .fixed_y = true, .y_min = 0, .y_max = 10},
        NULL));
    TRY(rp_figure_follow(sc->figure, 20));
    rp_series *p1 = add_series(sc, "inlet", 4096, 50, 0);
    rp_series *p2 = add_series(sc, "outlet", 4096, 50, 0);
    rp_series *t1 = add_series(sc, "tank", 4096, 50, 0);
    rp_series *f1 = add_series(sc, "flow", 4096, 50, 0);
    NEED(p1);
    NEED(p2);
    NEED(t1);
    NEED(f1);
    wave wp1 = {.rate = 50, .freq = 0.05, .amp = 12, .offset = 101.3};
    wave wp2 = {.rate = 50, .freq = 0.05, .phase = -0.6, .amp = 9, .offset = 96};
    wave wt = {.rate = 50, .freq = 0.02, .phase = 2, .amp = 3.5, .offset = 71.5};
    flow fl = {.r = {12345}};
    TRY(push_fn(p1, 50 * 30, wave_fn, &wp1));
    TRY(push_fn(p2, 50 * 30, wave_fn, &wp2));
    TRY(push_fn(t1, 50 * 30, wave_fn, &wt));
    TRY(push_fn(f1, 50 * 30, flow_fn, &fl));
    TRY(rp_figure_add_series(sc->figure, 0, p1, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, p2, NULL));
    TRY(rp_figure_add_series(sc->figure, 1, t1, NULL));
    TRY(rp_figure_add_series(sc->figure, 2, f1, NULL));
    return RP_OK;
}

/* The app's overlays: a crosshair with its read-outs in two panels and a HUD text box. */
static rp_status scene_crosshair(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Crosshair and HUD", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "V"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "A"}, NULL));
    TRY(rp_figure_follow(sc->figure, 4));
    static const char *names[3] = {"phase a", "phase b", "current"};
    for (int k = 0; k < 3; k++) {
        rp_series *s = add_series(sc, names[k], 4096, 250, 0);
        NEED(s);
        wave w = {.rate = 250,
                  .freq = 0.5,
                  .phase = 2.1 * k,
                  .amp = k == 2 ? 3 : 230,
                  .offset = k == 2 ? 10 : 0};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, k == 2 ? 1 : 0, s, NULL));
    }
    TRY(rp_figure_set_crosshair(sc->figure, 430, 150));
    TRY(rp_figure_set_overlay(sc->figure, "60.0 fps\n1.5 k samples/s\n0 lost"));
    return RP_OK;
}

/* Measuring: time cursors A and B (Δt = 1 s over a 0.5 Hz wave), a pair of level cursors in
 * the lower panel, and the statistics of the visible range, all read out in the table band
 * under the plots (nothing over the data). A small value (the ripple, ~1e-4) reads in
 * significant digits. */
static rp_status scene_measure(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "Cursors and statistics", .x_axis = RP_X_AXIS_TIME},
        &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "V"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "A"}, NULL));
    TRY(rp_figure_follow(sc->figure, 4));
    static const char *names[3] = {"phase a", "ripple", "current"};
    for (int k = 0; k < 3; k++) {
        rp_series *s = add_series(sc, names[k], 4096, 250, 0);
        NEED(s);
        wave w = {.rate = 250,
                  .freq = k == 1 ? 2 : 0.5,
                  .phase = 2.1 * k,
                  .amp = k == 2   ? 3
                         : k == 1 ? 40
                                  : 230,
                  .offset = k == 2 ? 10 : 0};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, k == 2 ? 1 : 0, s, NULL));
    }
    TRY(rp_figure_set_time_cursor_relative(sc->figure, 0, -3.0));
    TRY(rp_figure_set_time_cursor_relative(sc->figure, 1, -2.0));
    TRY(rp_figure_set_level_cursor(sc->figure, 1, 0, 8.0));
    TRY(rp_figure_set_level_cursor(sc->figure, 1, 1, 12.0));
    TRY(rp_figure_show_stats(sc->figure, true));
    return RP_OK;
}

/* The table's cells on values that need many digits and on gaps: "offset" is 10000 ± 0.01 (a
 * sensor's raw counts around a large bias: its readings ran to 11 characters, "10000.00977",
 * and overprinted their neighbours; a cell now keeps to RP_CELL_CHARS, "10000.0098"); "dropout"
 * is NaN over a third of its samples and ±Inf at two: its n counts the finite ones only (it
 * counted every sample), and its min, max, p-p and RMS read -inf, inf, inf, inf, its mean and
 * std "-" (undefined with both signs): they read the finite samples' figures as if the two
 * infinite ones were not there. */
static float dropout_fn(int64_t i, void *user)
{
    (void)user;
    if (i >= 500 && i < 1000) return NAN;
    if (i == 1200) return INFINITY;
    if (i == 1300) return -INFINITY;
    return (float)(2.0 * sin(2.0 * PI * (double)i / 250.0));
}

static rp_status scene_wide_cells(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "Long values and gaps", .x_axis = RP_X_AXIS_TIME}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "counts"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "V"}, NULL));
    rp_series *offset = add_series(sc, "offset", 4096, 250, 0);
    NEED(offset);
    wave w = {.rate = 250, .freq = 3, .amp = 0.01, .offset = 10000};
    TRY(push_fn(offset, 1500, wave_fn, &w));
    TRY(rp_figure_add_series(sc->figure, 0, offset, NULL));
    rp_series *dropout = add_series(sc, "dropout", 4096, 250, 0);
    NEED(dropout);
    TRY(push_fn(dropout, 1500, dropout_fn, NULL));
    TRY(rp_figure_add_series(sc->figure, 1, dropout, NULL));
    TRY(rp_figure_set_x_view(sc->figure, 0, 1499.0 / 250));
    TRY(rp_figure_set_time_cursor(sc->figure, 0, 1.0));
    TRY(rp_figure_set_time_cursor(sc->figure, 1, 5.1));
    TRY(rp_figure_show_stats(sc->figure, true));
    return RP_OK;
}

/* Cells that must read exactly: "square" is ±1 in equal numbers (5000 samples, 50 a level), so
 * its mean is 0 (it read -1.084e-18, the sums' rounding); cursor B is before A, so Δt and 1/Δt
 * are both negative (1/Δt had lost its sign). */
static float square_fn(int64_t i, void *user)
{
    (void)user;
    return (i / 50) % 2 ? -1.0f : 1.0f;
}

static rp_status scene_stats_square(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "A square wave's mean", .x_axis = RP_X_AXIS_TIME}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.y_label = "V"}, NULL));
    rp_series *square = add_series(sc, "square", 8192, 1000, 0);
    NEED(square);
    TRY(push_fn(square, 5000, square_fn, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, square, NULL));
    TRY(rp_figure_set_x_view(sc->figure, 0, 4.999));
    TRY(rp_figure_set_time_cursor(sc->figure, 0, 4.5));
    TRY(rp_figure_set_time_cursor(sc->figure, 1, 0.5));
    TRY(rp_figure_show_stats(sc->figure, true));
    return RP_OK;
}

/* Read-outs where a series has no data: "late" began 1.5 s before the view's end, so cursor A
 * (-3 s) and the crosshair (near -3.4 s) are before its first sample. Its cells read "-" (and
 * the crosshair puts no dot on it), where "early" reads its value; Δt's cell too. */
static rp_status scene_no_data_yet(rp_scene *sc)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "Read-outs before a series began", .x_axis = RP_X_AXIS_TIME},
        &sc->figure));
    TRY(rp_figure_follow(sc->figure, 4));
    rp_series *early = add_series(sc, "early", 4096, 250, 0);
    rp_series *late = add_series(sc, "late", 4096, 250, 4.5);
    NEED(early && late);
    wave w = {.rate = 250, .freq = 0.5, .amp = 2, .offset = 0};
    TRY(push_fn(early, 250 * 6, wave_fn, &w));
    wave w2 = {.rate = 250, .freq = 2, .phase = 1, .amp = 1, .offset = 3};
    TRY(push_fn(late, 250 * 3 / 2, wave_fn, &w2));
    TRY(rp_figure_add_series(sc->figure, 0, early, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, late, NULL));
    TRY(rp_figure_set_time_cursor_relative(sc->figure, 0, -3.0));
    TRY(rp_figure_set_time_cursor_relative(sc->figure, 1, -1.0));
    TRY(rp_figure_show_stats(sc->figure, true));
    TRY(rp_figure_set_crosshair(sc->figure, 180, 140));
    return RP_OK;
}

/* 20 series in one panel: the colour-blind-safe set, the second set, then the first colours
 * again with lines twice as wide; the legend tells each apart. */
static rp_status scene_many(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "20 series", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_follow(sc->figure, 4));
    for (int k = 0; k < 20; k++) {
        char name[16];
        snprintf(name, sizeof name, "s%02d", k + 1);
        rp_series *s = add_series(sc, name, 4096, 250, 0);
        NEED(s);
        wave w = {.rate = 250, .freq = 0.25, .phase = 0.3 * k, .amp = 1, .offset = 2.2 * k};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    }
    return RP_OK;
}

/* A decaying resonance over 6 decades with a dropout to 0 (no place on a log axis: drawn at
 * the bottom edge) and a growing oscillation of both signs from 0.01 to 1000. */
static float decay_fn(int64_t i, void *user)
{
    (void)user;
    double t = (double)i / 250.0;
    if (t > 3.0 && t < 3.2) return 0.0f;
    return (float)(1e3 * exp(-t * 2.3) * (1.2 + sin(2.0 * PI * 3.0 * t)));
}

static float grow_fn(int64_t i, void *user)
{
    (void)user;
    double t = (double)i / 250.0;
    return (float)(0.01 * pow(10.0, t * 0.8) * sin(2.0 * PI * 1.5 * t));
}

static rp_status scene_log(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Log and symlog", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "log", .y_scale = RP_Y_LOG},
                            NULL));
    TRY(rp_figure_add_panel(sc->figure,
                            &(rp_panel_desc){.title = "symlog, linear within ±0.1",
                                             .y_scale = RP_Y_SYMLOG,
                                             .symlog_threshold = 0.1},
                            NULL));
    rp_series *a = add_series(sc, "decay", 4096, 250, 0),
              *b = add_series(sc, "oscillation", 4096, 250, 0);
    NEED(a);
    NEED(b);
    TRY(push_fn(a, 250 * 6, decay_fn, NULL));
    TRY(push_fn(b, 250 * 6, grow_fn, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, a, NULL));
    TRY(rp_figure_add_series(sc->figure, 1, b, NULL));
    TRY(rp_figure_set_level_cursor(sc->figure, 0, 0, 1.0));
    return RP_OK;
}

/* A log axis over data with nothing above 0 (a negative pressure difference, in Pa): drawn on the
 * bottom edge under an axis of no data, which read as a constant 0.1; the panel says why. */
static rp_status scene_log_no_positive(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Nothing above 0", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "log", .y_scale = RP_Y_LOG},
                            NULL));
    rp_series *s = add_series(sc, "dp", 4096, 250, 0);
    NEED(s);
    wave w = {.rate = 250, .freq = 0.5, .amp = 20, .offset = -120};
    TRY(push_fn(s, 250 * 6, wave_fn, &w));
    TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    return RP_OK;
}

/* Two y axes in one panel: a temperature near 21 °C (left) and a pressure near 1013 hPa (right),
 * each autoscaled on its own; the lower panel has a right-axis series fixed to 0..100 %. The
 * series' units label the axes. */
static rp_status scene_two_axes(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "Two y axes", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "weather"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "pump"}, NULL));
    TRY(rp_figure_follow(sc->figure, 4));
    static const struct {
        const char *name, *unit;
        double amp, offset, freq;
        int panel, axis;
    } w[4] = {
        {"temperature", "\u00b0C", 1.5, 21, 0.3, 0, 0},
        {"pressure", "hPa", 6, 1013, 0.2, 0, 1},
        {"flow", "L/s", 0.4, 2.5, 0.7, 1, 0},
        {"duty", "%", 30, 50, 0.5, 1, 1},
    };
    for (int k = 0; k < 4;
         k++) { /* units label the axes: the left as its title, the right on top */
        rp_series *s = NULL;
        NEED(sc->series_count < RP_SCENE_MAX_SERIES);
        TRY(rp_series_create(
            &(rp_series_desc){.name = w[k].name, .unit = w[k].unit, .capacity = 4096, .rate = 250},
            &s));
        sc->series[sc->series_count++] = s;
        wave wv = {.rate = 250,
                   .freq = w[k].freq,
                   .phase = 1.3 * k,
                   .amp = w[k].amp,
                   .offset = w[k].offset};
        TRY(push_fn(s, 250 * 6, wave_fn, &wv));
        TRY(rp_figure_add_series(sc->figure, w[k].panel, s,
                                 &(rp_series_style){.y_axis = w[k].axis}));
    }
    TRY(rp_figure_set_y2_view(sc->figure, 1, 0, 100));
    return RP_OK;
}

/* ---------------------------------------------------------------------------------------------
 * Table
 * ------------------------------------------------------------------------------------------- */
/* Zoomed in to single samples: a 1.5 Hz sine sampled at 20 Hz (about 12 px apart: a dot at each
 * sample), and a slow ramp sampled at 200 Hz (about 1.2 px apart: lines only) with one sample
 * alone between NaNs (a dot). */
static float sparse_fn(int64_t i, void *user)
{
    (void)user;
    return (float)sin(2.0 * PI * 1.5 * (double)i / 20.0);
}

static float ramp_fn(int64_t i, void *user)
{
    (void)user;
    if (i >= 300 && i < 340 && i != 320) return NAN;
    return (float)(-1.6 + 0.001 * (double)i);
}

static rp_status scene_markers(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.title = "sample markers", .x_axis = RP_X_AXIS_TIME},
                         &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, NULL, NULL));
    rp_series *a = add_series(sc, "20 Hz: a dot at each sample", 1024, 20, 0);
    rp_series *b = add_series(sc, "200 Hz: lines, a lone sample", 1024, 200, 0);
    NEED(a);
    NEED(b);
    TRY(push_fn(a, 61, sparse_fn, NULL));
    TRY(push_fn(b, 601, ramp_fn, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, a, NULL));
    TRY(rp_figure_add_series(sc->figure, 0, b, NULL));
    TRY(rp_figure_set_x_view(sc->figure, 0, 3));
    return RP_OK;
}

/* The app's status: a badge ("PAUSED") and a message left of it at the end of the first time
 * panel's header row, in either theme: the second panel's, as the first is an XY panel (its
 * header row is its own). */
static rp_status status_scene(rp_scene *sc, rp_theme theme)
{
    TRY(rp_figure_create(
        &(rp_figure_desc){.title = "Status", .theme = theme, .x_axis = RP_X_AXIS_TIME},
        &sc->figure));
    rp_series *a = add_series(sc, "phase a", 4096, 250, 0);
    rp_series *b = add_series(sc, "phase b", 4096, 250, 0);
    NEED(a);
    NEED(b);
    wave wa = {.rate = 250, .freq = 0.5, .amp = 230};
    wave wb = {.rate = 250, .freq = 0.5, .phase = 2.1, .amp = 230};
    TRY(push_fn(a, 250 * 6, wave_fn, &wa));
    TRY(push_fn(b, 250 * 6, wave_fn, &wb));
    TRY(rp_figure_add_xy_panel(sc->figure, a, b, &(rp_xy_desc){.title = "a against b"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "mains", .y_label = "V"}, NULL));
    TRY(rp_figure_add_series(sc->figure, 1, a, NULL));
    TRY(rp_figure_add_series(sc->figure, 1, b, NULL));
    TRY(rp_figure_set_x_view(sc->figure, 1, 5));
    TRY(rp_figure_set_badge(sc->figure, "PAUSED"));
    TRY(rp_figure_set_message(sc->figure, "paused \u2014 space: back to live"));
    return RP_OK;
}

/* The crosshair over six short panels: each panel's read-out box stays within its plot, its rows
 * flowing into columns (the first panel's 4 rows: x and three series side by side) instead of
 * spilling over the next panel's title. */
static rp_status scene_crosshair_short(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &sc->figure));
    static const char *titles[6] = {"imu", "ecg", "sensor", "env", "power", "flow"};
    for (int p = 0; p < 6; p++)
        TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = titles[p]}, NULL));
    TRY(rp_figure_follow(sc->figure, 4));
    static const char *names[8] = {"accel x",  "accel y",     "accel z", "lead II",
                                   "pressure", "temperature", "watts",   "litres"};
    for (int k = 0; k < 8; k++) {
        rp_series *s = add_series(sc, names[k], 4096, 250, 0);
        NEED(s);
        wave w = {.rate = 250, .freq = 0.5 + 0.2 * k, .phase = 0.7 * k, .amp = 1 + k};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, k < 3 ? 0 : k - 2, s, NULL));
    }
    TRY(rp_figure_set_crosshair(sc->figure, 430, 40));
    return RP_OK;
}

/* Small panels (QA at 480 x 320 and with 14 panels): 8 panels in 500 px, plots about 24 px
 * high. Each y axis shows two round ticks or one that is not 0, so amplitudes from 1e-3 to 1e6
 * read apart (each showed a lone "0"); the top panel's five long names are cut with "…" to fit
 * its compact legend (a legend that did not fit was left out). */
static rp_status small_panels(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &sc->figure));
    for (int p = 0; p < 8; p++) {
        char title[16];
        snprintf(title, sizeof title, "p%d", p);
        TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = title}, NULL));
    }
    TRY(rp_figure_follow(sc->figure, 4));
    static const char *top[5] = {"imu/accelerometer x", "imu/accelerometer y",
                                 "imu/accelerometer z", "imu/gyroscope x", "imu/gyroscope y"};
    for (int k = 0; k < 5; k++) {
        rp_series *s = add_series(sc, top[k], 2048, 250, 0);
        NEED(s);
        wave w = {.rate = 250, .freq = 0.5 + 0.3 * k, .phase = 0.5 * k, .amp = 1 + k};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, 0, s, NULL));
    }
    static const char *mid[3] = {"accel x", "accel y", "accel z"};
    for (int k = 0; k < 3; k++) {
        rp_series *s = add_series(sc, mid[k], 2048, 250, 0);
        NEED(s);
        wave w = {.rate = 250, .freq = 0.4 + 0.2 * k, .phase = 1.1 * k, .amp = 1, .offset = 3 * k};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, 1, s, NULL));
    }
    static const int exponent[6] = {-3, -1, 1, 3, 5, 6};
    for (int p = 2; p < 8; p++) { /* amplitudes 1e-3 .. 1e6 */
        char name[16];
        snprintf(name, sizeof name, "amp 1e%d", exponent[p - 2]);
        rp_series *s = add_series(sc, name, 2048, 250, 0);
        NEED(s);
        wave w = {.rate = 250, .freq = 0.7, .phase = 0.3 * p, .amp = pow(10.0, exponent[p - 2])};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, p, s, NULL));
    }
    return RP_OK;
}

static rp_status scene_small_panels(rp_scene *sc) { return small_panels(sc); }

/* The same with the crosshair over the second panel's three series, near "accel z": its box
 * shows that series and its value before "+2 more", sized to that (it said only "+3 more", in
 * a box as wide as every row); over the top panel's five, one row: the first and "+4 more". */
static rp_status scene_small_readout(rp_scene *sc)
{
    TRY(small_panels(sc));
    TRY(rp_figure_set_crosshair(sc->figure, 420, 84));
    return RP_OK;
}

/* The crosshair over a crowded panel (32 series, a bus of channels): the read-out box keeps to
 * the wider side of the pointer within its plot (it spanned the whole panel, past its right
 * edge, and dropped rows without a word), its last row counting the rows it cannot show
 * ("+16 more"); opaque, so the legend under it does not show through. */
static rp_status scene_crosshair_crowded(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "bus"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "supply"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "load"}, NULL));
    TRY(rp_figure_follow(sc->figure, 4));
    for (int k = 0; k < RP_MAX_SERIES_PER_PANEL + 2; k++) {
        char name[16];
        snprintf(name, sizeof name, k < RP_MAX_SERIES_PER_PANEL ? "ch%02d" : "rail %d",
                 k < RP_MAX_SERIES_PER_PANEL ? k : k - RP_MAX_SERIES_PER_PANEL);
        rp_series *s = add_series(sc, name, 4096, 250, 0);
        NEED(s);
        wave w = {.rate = 250, .freq = 0.3 + 0.05 * k, .phase = 0.4 * k, .amp = 1, .offset = k};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure,
                                 k < RP_MAX_SERIES_PER_PANEL ? 0 : k - RP_MAX_SERIES_PER_PANEL + 1,
                                 s, NULL));
    }
    TRY(rp_figure_set_crosshair(sc->figure, 300, 80));
    return RP_OK;
}

/* The badge and message beside the time cursors' tags: B near the right edge, where PAUSED
 * covered its tag; the badge moves left of it, and the message takes the free stretch between
 * A's tag and the badge instead of covering A. */
static rp_status scene_status_cursors(rp_scene *sc)
{
    TRY(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &sc->figure));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "mains", .y_label = "V"}, NULL));
    TRY(rp_figure_add_panel(sc->figure, &(rp_panel_desc){.title = "load", .y_label = "A"}, NULL));
    TRY(rp_figure_follow(sc->figure, 4));
    for (int k = 0; k < 2; k++) {
        rp_series *s = add_series(sc, k ? "current" : "phase a", 4096, 250, 0);
        NEED(s);
        wave w = {.rate = 250, .freq = 0.5, .phase = 2.1 * k, .amp = k ? 3 : 230, .offset = k * 10};
        TRY(push_fn(s, 250 * 6, wave_fn, &w));
        TRY(rp_figure_add_series(sc->figure, k, s, NULL));
    }
    TRY(rp_figure_set_time_cursor_relative(sc->figure, 0, -3.0));
    TRY(rp_figure_set_time_cursor_relative(sc->figure, 1, -0.06));
    TRY(rp_figure_set_badge(sc->figure, "PAUSED"));
    TRY(rp_figure_set_message(sc->figure,
                              "no recording to play: k, [ and ] work with --open FILE"));
    return RP_OK;
}

static rp_status scene_status_dark(rp_scene *sc) { return status_scene(sc, RP_THEME_DARK); }

static rp_status scene_status_light(rp_scene *sc) { return status_scene(sc, RP_THEME_LIGHT); }

static const struct {
    const char *name;
    rp_status (*build)(rp_scene *sc);
} scenes[] = {
    {"sine", scene_sine},
    {"eight_series", scene_eight},
    {"nan_gaps", scene_nan_gaps},
    {"dense_1e7", scene_dense},
    {"flat", scene_flat},
    {"big_1e12", scene_big},
    {"tiny_1e-9", scene_tiny},
    {"negative", scene_negative},
    {"wall_clock", scene_wall_clock},
    {"light", scene_light},
    {"three_panels", scene_three_panels},
    {"crosshair", scene_crosshair},
    {"measure", scene_measure},
    {"many_series", scene_many},
    {"log_scales", scene_log},
    {"two_axes", scene_two_axes},
    {"markers", scene_markers},
    {"zoom_box", scene_zoom_box},
    {"no_data_yet", scene_no_data_yet},
    {"wall_cursors", scene_wall_cursors},
    {"wide_cells", scene_wide_cells},
    {"log_no_positive", scene_log_no_positive},
    {"rows_stats", scene_rows_stats},
    {"stats_spread", scene_stats_spread},
    {"stats_square", scene_stats_square},
    {"spectrum_few", scene_spectrum_few},
    {"crosshair_gap", scene_crosshair_gap},
    {"status_dark", scene_status_dark},
    {"crosshair_short", scene_crosshair_short},
    {"status_light", scene_status_light},
    {"crosshair_crowded", scene_crosshair_crowded},
    {"status_cursors", scene_status_cursors},
    {"between_samples", scene_between_samples},
    {"long_title", scene_long_title},
    {"small_panels", scene_small_panels},
    {"small_readout", scene_small_readout},
};

int rp_scene_count(void) { return (int)(sizeof scenes / sizeof scenes[0]); }

const char *rp_scene_name(int index)
{
    return index >= 0 && index < rp_scene_count() ? scenes[index].name : NULL;
}

rp_status rp_scene_build(int index, rp_scene *scene)
{
    if (!scene || index < 0 || index >= rp_scene_count()) return RP_ERR_INVALID_ARG;
    memset(scene, 0, sizeof *scene);
    rp_status st = scenes[index].build(scene);
    if (st != RP_OK) rp_scene_free(scene);
    return st;
}

void rp_scene_free(rp_scene *scene)
{
    if (!scene) return;
    rp_figure_destroy(scene->figure);
    for (int i = 0; i < scene->series_count; i++) rp_series_destroy(scene->series[i]);
    memset(scene, 0, sizeof *scene);
}
