/* test_views.c — golden images of the panels with views of their own (spectrum, ...), rendered
 * headless at 800×500 and compared with tests/render/golden/view_<name>.png (see golden.h):
 *   render_views [--out DIR]   compare, or write DIR/view_<name>.png to look at them.
 * Data from formulas and a fixed seed only. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "ringplot.h"

#define WIDTH 800
#define HEIGHT 500
#define PI 3.14159265358979323846

static int failures;
#define CHECK(cond)                                                                                \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

#define CHECK_MSG(cond, ...)                                                                       \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: ", __FILE__, __LINE__);                          \
            fprintf(stderr, __VA_ARGS__);                                                          \
            fputc('\n', stderr);                                                                   \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static uint64_t rng_state = 0x9e3779b97f4a7c15ull;
static double noise(void) /* xorshift64*, uniform in [-1, 1) */
{
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    return (double)((rng_state * 2685821657736338717ull) >> 11) * (2.0 / 9007199254740992.0) - 1.0;
}

/* The plot rect of panel p in the last frame: left, right (exclusive), top, bottom (exclusive). */
static void plot_rect(rp_headless *h, rp_figure *f, int p, int *left, int *right, int *top,
                      int *bottom)
{
    rp_frame_layout fl;
    CHECK(rp_renderer_frame_layout(rp_headless_renderer(h), f, &fl) && p < fl.panel_count);
    rp_frame_rect r = fl.panels[p].plot;
    *left = (int)r.x;
    *right = (int)(r.x + r.width);
    *top = (int)r.y;
    *bottom = (int)(r.y + r.height);
}

static void finish(rp_headless *h, rp_figure *f, const char *name, const char *out_dir)
{
    CHECK(rp_headless_render(h, f) == RP_OK);
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
    if (out_dir) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s.png", out_dir, name);
        CHECK(rp_headless_write_png(h, path) == RP_OK);
        printf("%s\n", path);
    } else if (!rp_golden_check(name, rgba, WIDTH, HEIGHT)) {
        failures++;
    }
}

/* A 1 kHz-sampled signal: tones at 50 Hz (amplitude 1) and 120 Hz (0.01, -40 dB) over noise,
 * 8192 samples of it. */
static rp_series *vibration(void)
{
    rp_series *s = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "vibration", .rate = 1000, .unit = "g"}, &s) ==
          RP_OK);
    static float buf[8192];
    for (int i = 0; i < 8192; i++)
        buf[i] = (float)(sin(2 * PI * 50 * i / 1000.0) + 0.01 * sin(2 * PI * 120 * i / 1000.0) +
                         1e-3 * noise());
    CHECK(rp_push(s, buf, 8192) == RP_OK);
    return s;
}

/* A 1 kHz-sampled signal: tones at 50 Hz (amplitude 1) and 120 Hz (0.01, -40 dB) over noise,
 * shown in time, as a linear spectrum (Hann) and a log spectrum (Blackman-Harris). */
static void view_spectrum(rp_headless *h, const char *out_dir)
{
    rp_series *s = vibration();
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.title = "spectrum panels", .x_axis = RP_X_AXIS_TIME},
                           &f) == RP_OK);
    int p0 = -1, p1 = -1, p2 = -1;
    CHECK(rp_figure_add_panel(f, NULL, &p0) == RP_OK);
    CHECK(rp_figure_add_series(f, p0, s, NULL) == RP_OK);
    CHECK(rp_figure_follow(f, 0.5) == RP_OK);
    CHECK(rp_figure_add_spectrum_panel(
              f, s, &(rp_spectrum_desc){.size = 4096, .title = "linear, Hann"}, &p1) == RP_OK);
    CHECK(rp_figure_add_spectrum_panel(
              f, s,
              &(rp_spectrum_desc){.size = 4096,
                                  .window = RP_WINDOW_BLACKMAN_HARRIS,
                                  .log_frequency = true,
                                  .db_min = -140,
                                  .db_max = 10,
                                  .title = "log, Blackman-Harris, -140 .. 10 dB"},
              &p2) == RP_OK);
    finish(h, f, "view_spectrum", out_dir);
    rp_spectrum_peak pk;
    CHECK(rp_figure_spectrum_update(f, p1, &pk) == RP_OK);
    CHECK(pk.computed == 1); /* the frame computed it; no new samples since: not again */
    CHECK(fabs(pk.frequency - 50.0) < 0.1 && fabs(pk.db) < 1.5);
    /* a second frame without new samples: the same pixels */
    CHECK(rp_headless_render(h, f) == RP_OK);
    CHECK(rp_figure_spectrum_update(f, p2, &pk) == RP_OK && pk.computed == 1);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* The same kind of trigger on a file's rows (a plain x axis, no rate): its axis and read-out
 * count rows from the trigger, not seconds ("-10 s ... 5 s from the trigger" for 10 rows). */
static void view_trigger_rows(rp_headless *h, const char *out_dir)
{
    rp_series *s = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "saw"}, &s) == RP_OK);
    static float buf[1000];
    for (int i = 0; i < 1000; i++) buf[i] = (float)(i % 10);
    CHECK(rp_push(s, buf, 1000) == RP_OK);
    rp_figure *f = NULL;
    CHECK(
        rp_figure_create(&(rp_figure_desc){.title = "trigger on rows", .x_axis = RP_X_AXIS_NUMBER},
                         &f) == RP_OK);
    int p0 = -1, p1 = -1;
    CHECK(rp_figure_add_panel(f, NULL, &p0) == RP_OK);
    CHECK(rp_figure_add_series(f, p0, s, NULL) == RP_OK);
    CHECK(rp_figure_add_trigger_panel(
              f, s, &(rp_trigger_desc){.sweep = 20, .level = 4.5, .pre_trigger = 0.5}, &p1) ==
          RP_OK);
    CHECK(rp_headless_render(h, f) == RP_OK);
    int left, right, top, bottom;
    plot_rect(h, f, p1, &left, &right, &top, &bottom);
    CHECK(rp_figure_set_crosshair(f, (float)(left + (right - left) * 0.7),
                                  (float)(top + (bottom - top) * 0.3)) == RP_OK);
    finish(h, f, "view_trigger_rows", out_dir);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* A 50 Hz square wave with ringing, sampled at 10 kHz: a trigger panel (rising at 0.5, 30 % before
 * the trigger, hysteresis 0.2, a holdoff of 50 samples, the 6 sweeps before drawn fading) under
 * the time panel; the frame's update finds the triggers. Its state line names the hysteresis and
 * the holdoff; the hover reads the time in the axis' unit (ms) and the value under the series'
 * name. */
static void view_trigger(rp_headless *h, const char *out_dir)
{
    rp_series *s = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "clock", .rate = 10000, .unit = "V"}, &s) ==
          RP_OK);
    static float buf[4000];
    for (int i = 0; i < 4000; i++) {
        double ph = fmod(i / 10000.0 * 50, 1.0), since = ph < 0.5 ? ph : ph - 0.5;
        double ring = exp(-since * 200 / 0.02) * 0.3 * sin(2 * PI * since * 2000 / 0.2);
        buf[i] = (float)((ph < 0.5 ? 1.0 : 0.0) + ring + 0.02 * noise());
    }
    CHECK(rp_push(s, buf, 4000) == RP_OK);
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.title = "trigger panel", .x_axis = RP_X_AXIS_TIME},
                           &f) == RP_OK);
    int p0 = -1, p1 = -1;
    CHECK(rp_figure_add_panel(f, NULL, &p0) == RP_OK);
    CHECK(rp_figure_add_series(f, p0, s, NULL) == RP_OK);
    CHECK(rp_figure_add_trigger_panel(f, s,
                                      &(rp_trigger_desc){.sweep = 300,
                                                         .level = 0.5,
                                                         .hysteresis = 0.2,
                                                         .pre_trigger = 0.3,
                                                         .mode = RP_TRIGGER_NORMAL,
                                                         .holdoff = 50,
                                                         .persistence = 6},
                                      &p1) == RP_OK);
    CHECK(rp_headless_render(h, f) == RP_OK);
    int left, right, top, bottom;
    plot_rect(h, f, p1, &left, &right, &top, &bottom);
    CHECK(rp_figure_set_crosshair(f, (float)(left + (right - left) * 0.6),
                                  (float)(top + (bottom - top) * 0.3)) == RP_OK);
    finish(h, f, "view_trigger", out_dir);
    rp_trigger_state st;
    CHECK(rp_figure_trigger_update(f, p1, &st) == RP_OK);
    /* rising edges every 200 samples; the one at 0 has no samples before it and the sweep of the
     * one at 3800 is not complete: 18, the last at 3600 */
    CHECK(st.sweeps == 18 && st.triggered && st.trigger_index == 3600);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* A waterfall: a tone sweeping up from 50 to 350 Hz (1 kHz sampling), a spectrum of 1024 points
 * computed after every 256 new samples, 60 rows kept; the crosshair over the curve reads out
 * frequency and dB. The newest row (the strip's top) is loud at
 * the tone's last frequency and quiet far from it; the sweep draws a diagonal down the strip. */
static void view_waterfall(rp_headless *h, const char *out_dir, const char *name, float pointer_y)
{
    rp_series *s = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "chirp", .rate = 1000, .unit = "V"}, &s) ==
          RP_OK);
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.title = "waterfall", .x_axis = RP_X_AXIS_TIME}, &f) ==
          RP_OK);
    int p = -1;
    CHECK(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = 1024, .waterfall = 60},
                                       &p) == RP_OK);
    CHECK(rp_figure_follow(f, 10.0) == RP_OK); /* a live window: a row a computation */
    /* the crosshair over the curve near the tone's last frequency (read out in Hz and dB); over
     * the strip (view_waterfall_strip_pointer) no "pointer ... dB": a height there is a time */
    CHECK(rp_figure_set_crosshair(f, 560, pointer_y) == RP_OK);
    CHECK(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = 1024, .waterfall = 1025},
                                       NULL) == RP_ERR_INVALID_ARG);
    static float buf[256];
    double phase = 0;
    int64_t i = 0;
    double last_f = 0;
    for (int block = 0; block < 64; block++) {
        for (int k = 0; k < 256; k++, i++) {
            last_f = 50 + 300 * (double)i / (64 * 256);
            phase += 2 * PI * last_f / 1000.0;
            buf[k] = (float)(sin(phase) + 1e-3 * noise());
        }
        CHECK(rp_push(s, buf, 256) == RP_OK);
        CHECK(rp_figure_spectrum_update(f, p, NULL) == RP_OK);
    }
    finish(h, f, name, out_dir);
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
    /* the plot as this frame drew it; the strip's top row lies 40 % of the plot up from its
     * bottom */
    int left, right, top, bottom;
    plot_rect(h, f, p, &left, &right, &top, &bottom);
    CHECK(left > 0 && right > left && top > 0 && bottom > top);
    int strip_top = bottom - (int)lroundf((bottom - top) * 0.4f);
    int row = strip_top + 2; /* the newest spectrum */
    int tone_x = left + (int)(last_f / 500.0 * (right - left));
    int quiet_x = left + (int)(450.0 / 500.0 * (right - left));
    int loud = 0;
    for (int dx = -3; dx <= 3; dx++) { /* the tone's column (one of a few, a Hann peak) */
        const uint8_t *q = &rgba[((size_t)row * WIDTH + (size_t)(tone_x + dx)) * 4];
        if (q[0] > 200 && q[1] > 100) loud++;
    }
    const uint8_t *far = &rgba[((size_t)row * WIDTH + (size_t)quiet_x) * 4];
    CHECK(loud >= 1);
    CHECK(far[0] < 100 && far[1] < 60); /* -100 dB or so: the dark end of the map */
    if (!loud || far[0] >= 100)
        fprintf(stderr, "view_waterfall: loud %d, far %d %d %d\n", loud, far[0], far[1], far[2]);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* The loudest column of image row y within the plot [left, right): its x, or -1 when no pixel of
 * the row is loud (the waterfall's orange to pale yellow). */
static int loudest_column(const uint8_t *rgba, int y, int left, int right)
{
    int best = -1, best_v = 0;
    for (int x = left; x < right; x++) {
        const uint8_t *q = &rgba[((size_t)y * WIDTH + (size_t)x) * 4];
        int v = q[0] + q[1];
        if (q[0] > 200 && q[1] > 100 && v > best_v) best = x, best_v = v;
    }
    return best;
}

/* A view that does not follow live (paused, moved back): its waterfall is the spectrogram of the
 * view, 64 spectra whose blocks end evenly across it, its end on top — computing only at the
 * view's end gave one row, too thin to see (a file shown whole had a blank strip). The tone of
 * the chirp (50 → 350 Hz over 16.4 s, 1 kHz) sits at the frequency of each row's block: its
 * middle, 0.512 s before the row's end. Where a block has not all its samples (before 1.024 s)
 * the row is empty. */
static void view_waterfall_of_view(rp_headless *h)
{
    rp_series *s = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "chirp", .rate = 1000}, &s) == RP_OK);
    rp_figure *f = NULL;
    CHECK(rp_figure_create(NULL, &f) == RP_OK);
    int p = -1;
    CHECK(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = 1024, .waterfall = 64},
                                       &p) == RP_OK);
    CHECK(rp_figure_add_panel(f, NULL, NULL) == RP_OK);
    CHECK(rp_figure_add_series(f, 1, s, NULL) == RP_OK);
    static float buf[16384];
    double phase = 0;
    for (int i = 0; i < 16384; i++) {
        phase += 2 * PI * (50 + 300 * (double)i / 16384) / 1000.0;
        buf[i] = (float)sin(phase);
    }
    CHECK(rp_push(s, buf, 16384) == RP_OK);
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    const double views[2][2] = {{4.0, 12.0}, {-4.0, 6.0}};
    for (int v = 0; v < 2; v++) {
        CHECK(rp_figure_set_x_view(f, views[v][0], views[v][1]) == RP_OK);
        CHECK(rp_headless_render(h, f) == RP_OK);
        CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
        int left, right, top, bottom;
        plot_rect(h, f, p, &left, &right, &top, &bottom);
        int strip_top = bottom - (int)lroundf((bottom - top) * 0.4f);
        int strip_h = bottom - strip_top;
        for (int k = 0; k < 8; k++) { /* image rows from just under the top line down */
            int y = strip_top + 2 + k * (strip_h - 3) / 8;
            int r = (y - strip_top) * 64 / strip_h; /* the block ending (64 - r) / 64 in */
            double end = views[v][0] + (views[v][1] - views[v][0]) * (64 - r) / 64.0;
            int got = loudest_column(rgba, y, left, right);
            if (end < 1.023) {
                CHECK_MSG(got < 0, "view %d row %d (block ending at %.2f s): loud at %d", v, r, end,
                          got);
                continue;
            }
            double tone = 50 + 300 * (end - 0.512) * 1000 / 16384;
            int want = left + (int)(tone / 500.0 * (right - left));
            CHECK_MSG(got >= want - 6 && got <= want + 6,
                      "view %d row %d (block ending at %.2f s, %.1f Hz): loudest at %d, want %d", v,
                      r, end, tone, got, want);
        }
    }
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* A Lissajous figure: x = sin(2π·3t), y = sin(2π·2t + π/4), 1 kHz for 4 s, in a time panel and an
 * XY panel with equal aspect. The frame rasterises every pair; the pixels of the curve are lit in
 * the first palette colour and pixels 4 px or more away from it are the plot's background. */
static void view_xy(rp_headless *h, const char *out_dir)
{
    rp_series *sx = NULL, *sy = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "pos.x", .rate = 1000, .unit = "mm"}, &sx) ==
          RP_OK);
    CHECK(rp_series_create(&(rp_series_desc){.name = "pos.y", .rate = 1000, .unit = "mm"}, &sy) ==
          RP_OK);
    enum { N = 4000 };
    static float bx[N], by[N];
    for (int i = 0; i < N; i++) {
        double t = i / 1000.0;
        bx[i] = (float)sin(2 * PI * 3 * t);
        by[i] = (float)(0.8 * sin(2 * PI * 2 * t + PI / 4));
    }
    CHECK(rp_push(sx, bx, N) == RP_OK && rp_push(sy, by, N) == RP_OK);
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.title = "XY panel", .x_axis = RP_X_AXIS_TIME}, &f) ==
          RP_OK);
    int p0 = -1, p1 = -1;
    CHECK(rp_figure_add_panel(f, NULL, &p0) == RP_OK);
    CHECK(rp_figure_add_series(f, p0, sx, NULL) == RP_OK);
    CHECK(rp_figure_add_series(f, p0, sy, NULL) == RP_OK);
    CHECK(rp_figure_add_xy_panel(f, sx, sy, &(rp_xy_desc){.equal_aspect = true}, &p1) == RP_OK);
    CHECK(rp_figure_follow(f, 0) == RP_OK);   /* everything retained: all 4000 pairs */
    CHECK(rp_headless_render(h, f) == RP_OK); /* equal aspect settles on the plot's size */
    finish(h, f, "view_xy", out_dir);
    rp_xy_state st = rp_figure_xy_state(f, p1);
    CHECK(st.pairs >= N && st.rebuilds >= 1);
    CHECK(st.x0 < -1.0 && st.x1 > 1.0 && st.y0 < -0.8 && st.y1 > 0.8);

    /* the plot rect of the XY panel as this frame drew it */
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
    int left, right, top, bottom;
    plot_rect(h, f, p1, &left, &right, &top, &bottom);
    CHECK(left > 0 && right > left + 100 && top > 0 && bottom > top + 100);
    double w = right - left, hh = bottom - top;
    /* equal aspect: as many px per mm on both axes */
    CHECK(fabs(w / (st.x1 - st.x0) - hh / (st.y1 - st.y0)) < 0.01 * w / (st.x1 - st.x0));
    const uint8_t *bg = &rgba[((size_t)(top + 2) * WIDTH + (size_t)(left + 2)) * 4];
    int lit = 0, on = 0, dark = 0, off = 0;
    for (int i = 0; i < N; i += 7) { /* on the curve: bright (every pixel lit in the last second) */
        int px = left + (int)((bx[i] - st.x0) / (st.x1 - st.x0) * w);
        int py = top + (int)((st.y1 - by[i]) / (st.y1 - st.y0) * hh);
        if (py >= bottom - 1) continue; /* the frame */
        const uint8_t *q = &rgba[((size_t)py * WIDTH + (size_t)px) * 4];
        on++;
        if (abs(q[0] - bg[0]) + abs(q[1] - bg[1]) + abs(q[2] - bg[2]) > 120) lit++;
    }
    /* away from it: the background, down to the bottom of the plot (the X axis' labels are in
     * the band under it, never over the pairs) */
    for (int py = top + 8; py < bottom - 2; py += 5) {
        for (int px = left + 8; px < right - 8; px += 5) {
            double dx = st.x0 + (px + 0.5 - left) / w * (st.x1 - st.x0);
            double dy = st.y1 - (py + 0.5 - top) / hh * (st.y1 - st.y0);
            double nearest = 1e9;
            for (int i = 0; i < N; i++) {
                double ex = (bx[i] - dx) / (st.x1 - st.x0) * w,
                       ey = (by[i] - dy) / (st.y1 - st.y0) * hh;
                nearest = fmin(nearest, ex * ex + ey * ey);
            }
            if (nearest < 16.0) continue;
            const uint8_t *q = &rgba[((size_t)py * WIDTH + (size_t)px) * 4];
            bool grid = abs(q[0] - bg[0]) + abs(q[1] - bg[1]) + abs(q[2] - bg[2]) < 60;
            off++;
            if (grid) dark++;
        }
    }
    CHECK(on > 300 && lit == on);
    CHECK(off > 500 && dark >= off * 99 / 100); /* grid lines are the rest */
    if (lit != on || dark < off * 99 / 100)
        fprintf(stderr, "view_xy: %d of %d curve pixels lit, %d of %d others dark\n", lit, on, dark,
                off);
    rp_figure_destroy(f);
    rp_series_destroy(sx);
    rp_series_destroy(sy);
}

/* rp_render_png renders until an XY panel limited to 500 samples a frame holds all 20000 pairs:
 * the picture written is complete. */
static void xy_png_complete(void)
{
    rp_series *sx = NULL, *sy = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "a", .rate = 1000}, &sx) == RP_OK);
    CHECK(rp_series_create(&(rp_series_desc){.name = "b", .rate = 1000}, &sy) == RP_OK);
    static float bx[20000], by[20000];
    for (int i = 0; i < 20000; i++) {
        bx[i] = (float)cos(i * 0.01);
        by[i] = (float)sin(i * 0.013);
    }
    CHECK(rp_push(sx, bx, 20000) == RP_OK && rp_push(sy, by, 20000) == RP_OK);
    rp_figure *f = NULL;
    CHECK(rp_figure_create(NULL, &f) == RP_OK);
    int p = -1;
    CHECK(rp_figure_add_xy_panel(f, sx, sy, &(rp_xy_desc){.samples_per_frame = 500}, &p) == RP_OK);
    CHECK(rp_figure_follow(f, 0) == RP_OK);
    char path[1024];
    rp_golden_out_path("xy_png_complete", ".png", path, sizeof path);
    CHECK(rp_render_png(f, &(rp_headless_desc){.width = 320, .height = 240}, path) == RP_OK);
    rp_xy_state st = rp_figure_xy_state(f, p);
    CHECK(!st.filling && st.pairs == 20000 && st.rebuilds == 1);
    if (st.filling || st.pairs != 20000 || st.rebuilds != 1)
        fprintf(stderr, "xy_png_complete: filling %d pairs %lld rebuilds %lld\n", st.filling,
                (long long)st.pairs, (long long)st.rebuilds);
    rp_figure_destroy(f);
    rp_series_destroy(sx);
    rp_series_destroy(sy);
}

/* An opened recording, paused part-way (the view ends at 6 s of 12): a 40 Hz tone that becomes
 * 160 Hz at 8 s and a 25 Hz clock, recorded at 1 kHz and read back from the file. The spectrum
 * panel shows the 40 Hz tone of the 1024 samples ending at the view's end (not the 160 Hz at the
 * file's end) and says where ("at t = -6 s"); the trigger panel the clock's newest rising edge
 * whose sweep ends by then, with the 3 before it fading. */
static void view_recording(rp_headless *h, const char *out_dir)
{
    char path[1024];
    rp_golden_out_path("view_recording", ".rpr", path, sizeof path);
    rp_series *tone = NULL, *clock = NULL;
    CHECK(rp_series_create(&(rp_series_desc){.name = "rig/tone", .rate = 1000, .unit = "V"},
                           &tone) == RP_OK);
    CHECK(rp_series_create(&(rp_series_desc){.name = "rig/clock", .rate = 1000, .unit = "V"},
                           &clock) == RP_OK);
    rp_recorder *rec = NULL;
    CHECK(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    CHECK(rp_recorder_add_series(rec, tone, "V") == RP_OK);
    CHECK(rp_recorder_add_series(rec, clock, "V") == RP_OK);
    static float a[12000], b[12000];
    for (int i = 0; i < 12000; i++) {
        a[i] = (float)(sin(2 * PI * (i < 8000 ? 40.0 : 160.0) * i / 1000.0) + 1e-3 * noise());
        double ph = fmod(i / 1000.0 * 25, 1.0);
        b[i] = (float)((ph < 0.5 ? 1.0 : 0.0) + 0.05 * noise());
    }
    CHECK(rp_push(tone, a, 12000) == RP_OK && rp_push(clock, b, 12000) == RP_OK);
    rp_recorder_destroy(rec);
    rp_series_destroy(tone);
    rp_series_destroy(clock);

    rp_recording *r = NULL;
    CHECK(rp_recording_open(path, NULL, &r) == RP_OK);
    if (!r) return;
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.title = "a recording, paused 6 s before its end",
                                             .x_axis = RP_X_AXIS_TIME},
                           &f) == RP_OK);
    int p0 = -1, ps = -1, pt = -1;
    CHECK(rp_figure_add_panel(f, &(rp_panel_desc){.title = "rig"}, &p0) == RP_OK);
    CHECK(rp_figure_add_series(f, p0, rp_recording_series(r, 0), NULL) == RP_OK);
    CHECK(rp_figure_add_series(f, p0, rp_recording_series(r, 1), NULL) == RP_OK);
    CHECK(rp_figure_add_spectrum_panel(f, rp_recording_series(r, 0),
                                       &(rp_spectrum_desc){.size = 1024}, &ps) == RP_OK);
    CHECK(rp_figure_add_trigger_panel(f, rp_recording_series(r, 1),
                                      &(rp_trigger_desc){.sweep = 100,
                                                         .level = 0.5,
                                                         .hysteresis = 0.2,
                                                         .pre_trigger = 0.25,
                                                         .mode = RP_TRIGGER_NORMAL,
                                                         .persistence = 3},
                                      &pt) == RP_OK);
    CHECK(rp_figure_set_x_view(f, 4.0, 5.9995) == RP_OK); /* ends at sample 5999 */
    finish(h, f, "view_recording", out_dir);
    rp_spectrum_peak pk;
    CHECK(rp_figure_spectrum_update(f, ps, &pk) == RP_OK);
    CHECK(pk.at_view_end && pk.held == 1024 && fabs(pk.frequency - 40.0) < 1.0);
    CHECK(rp_figure_spectrum_db(f, ps, NULL, NULL) != NULL);
    rp_trigger_state st;
    CHECK(rp_figure_trigger_update(f, pt, &st) == RP_OK);
    /* rising edges every 40 samples; 5960's sweep would need samples up to 6034: 5920 */
    CHECK(st.at_view_end && st.triggered && st.trigger_index == 5920);
    if (st.trigger_index != 5920 || fabs(pk.frequency - 40.0) >= 1.0)
        fprintf(stderr, "view_recording: trigger %lld, peak %g Hz\n", (long long)st.trigger_index,
                pk.frequency);
    rp_figure_destroy(f);
    rp_recording_close(r);
    remove(path);
}

/* Zoomed views: the spectrum of view_spectrum's signal shown over 30 .. 140 Hz and -120 .. 10 dB,
 * the crosshair on the 120 Hz tone (its read-out in the zoomed view's frequency), and a trigger
 * panel on it (rising through 0) showing -4 .. 12 ms of its 100 ms sweep. Every label is outside
 * the plots: the frequency and time labels in the bands under them, the read-outs in the title
 * rows. The 50 Hz peak stands where the zoomed axis puts it. */
static void view_spectrum_zoom(rp_headless *h, const char *out_dir)
{
    rp_series *s = vibration();
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.title = "zoomed views", .x_axis = RP_X_AXIS_TIME},
                           &f) == RP_OK);
    int ps = -1, pt = -1;
    CHECK(rp_figure_add_spectrum_panel(f, s,
                                       &(rp_spectrum_desc){.size = 4096,
                                                           .db_min = -120,
                                                           .db_max = 10,
                                                           .freq_min = 30,
                                                           .freq_max = 140,
                                                           .title = "spectrum, 30 .. 140 Hz"},
                                       &ps) == RP_OK);
    CHECK(rp_figure_add_trigger_panel(f, s,
                                      &(rp_trigger_desc){.sweep = 100,
                                                         .level = 0,
                                                         .pre_trigger = 0.1,
                                                         .mode = RP_TRIGGER_NORMAL,
                                                         .time_min = -0.004,
                                                         .time_max = 0.012,
                                                         .title = "trigger, -4 .. 12 ms"},
                                      &pt) == RP_OK);
    CHECK(rp_headless_render(h, f) == RP_OK); /* lays the panels out */
    int left, right, top, bottom;
    plot_rect(h, f, ps, &left, &right, &top, &bottom);
    float tone_x = left + (float)((120.0 - 30) / 110 * (right - left));
    CHECK(rp_figure_set_crosshair(f, tone_x, top + 0.3f * (bottom - top)) == RP_OK);
    finish(h, f, "view_spectrum_zoom", out_dir);
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
    /* the 50 Hz peak (0 dB, 10/130 of the plot from its top) at 20/110 of its width */
    int peak_x = left + (int)lround((50.0 - 30) / 110 * (right - left));
    int peak_y = top + (int)lround(10.0 / 130 * (bottom - top));
    const uint8_t *bg = &rgba[((size_t)(bottom - 3) * WIDTH + (size_t)(right - 3)) * 4];
    int lit = 0;
    for (int dy = -4; dy <= 4; dy++)
        for (int dx = -2; dx <= 2; dx++) {
            const uint8_t *q = &rgba[((size_t)(peak_y + dy) * WIDTH + (size_t)(peak_x + dx)) * 4];
            lit += abs(q[0] - bg[0]) + abs(q[1] - bg[1]) + abs(q[2] - bg[2]) > 120;
        }
    CHECK(lit > 0);
    if (!lit) fprintf(stderr, "view_spectrum_zoom: no peak at %d, %d\n", peak_x, peak_y);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* The spectrum's peak (50 Hz, 0 dB) outside its view (80 .. 140 Hz): no mark in the plot. It was
 * drawn at the left edge, at the peak's height, as if the peak were at 80 Hz. */
static void view_spectrum_peak_outside(rp_headless *h)
{
    rp_series *s = vibration();
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.title = "peak outside", .x_axis = RP_X_AXIS_TIME},
                           &f) == RP_OK);
    int ps = -1;
    CHECK(rp_figure_add_spectrum_panel(
              f, s,
              &(rp_spectrum_desc){
                  .size = 4096, .db_min = -120, .db_max = 10, .freq_min = 80, .freq_max = 140},
              &ps) == RP_OK);
    CHECK(rp_headless_render(h, f) == RP_OK); /* lays the panel out */
    CHECK(rp_headless_render(h, f) == RP_OK);
    int left, right, top, bottom;
    plot_rect(h, f, ps, &left, &right, &top, &bottom);
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
    int peak_y = top + (int)lround(10.0 / 130 * (bottom - top)); /* 0 dB */
    const uint8_t *bg = &rgba[((size_t)(bottom - 3) * WIDTH + (size_t)(right - 3)) * 4];
    int lit = 0;
    for (int dy = -5; dy <= 5; dy++)
        for (int dx = 0; dx <= 5; dx++) {
            const uint8_t *q = &rgba[((size_t)(peak_y + dy) * WIDTH + (size_t)(left + dx)) * 4];
            lit += abs(q[0] - bg[0]) + abs(q[1] - bg[1]) + abs(q[2] - bg[2]) > 120;
        }
    CHECK(lit == 0);
    if (lit) fprintf(stderr, "view_spectrum_peak_outside: %d px lit at the left edge\n", lit);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* Time cursors with a spectrum panel on top: their A / B tags sit above the time panel they cross,
 * not in the spectrum's title row over its peak read-out. */
static void view_cursors_under_spectrum(rp_headless *h, const char *out_dir)
{
    rp_series *s = vibration();
    rp_figure *f = NULL;
    CHECK(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f) == RP_OK);
    int sp = -1, tp = -1;
    CHECK(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = 4096}, &sp) == RP_OK);
    CHECK(rp_figure_add_panel(f, &(rp_panel_desc){.title = "vibration"}, &tp) == RP_OK);
    CHECK(rp_figure_add_series(f, tp, s, NULL) == RP_OK);
    CHECK(rp_figure_set_x_view(f, 8.0, 8.19) == RP_OK);
    CHECK(rp_figure_set_time_cursor(f, 0, 8.0 + 0.19 * 0.82) == RP_OK); /* under the read-out */
    CHECK(rp_figure_set_time_cursor(f, 1, 8.0 + 0.19 * 0.95) == RP_OK);
    finish(h, f, "view_cursors_under_spectrum", out_dir);
    rp_frame_layout fl;
    CHECK(rp_renderer_frame_layout(rp_headless_renderer(h), f, &fl));
    /* the spectrum's title row (between its panel top and plot top) is free of the tags' fill */
    static uint8_t rgba[WIDTH * HEIGHT * 4];
    CHECK(rp_headless_read_rgba(h, rgba, sizeof rgba) == RP_OK);
    int tagged = 0; /* a tag is a light fill: 9 light px in a row around its cursor (no glyph) */
    for (int k = 0; k < 2; k++)
        for (int y = 0; y < (int)fl.panels[sp].plot.y; y++) { /* the top panel: above its plot */
            int run = 0;
            for (int x = (int)fl.cursor_px[k] - 4; x <= (int)fl.cursor_px[k] + 4; x++)
                run += rgba[((size_t)y * WIDTH + (size_t)x) * 4 + 1] > 150;
            tagged += run == 9;
        }
    CHECK_MSG(tagged == 0, "%d rows of a cursor tag in the spectrum's title row", tagged);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

int main(int argc, char **argv)
{
    const char *out_dir = argc >= 3 && !strcmp(argv[1], "--out") ? argv[2] : NULL;
    rp_headless *h = NULL;
    if (rp_headless_create(&(rp_headless_desc){.width = WIDTH, .height = HEIGHT}, &h) != RP_OK) {
        fprintf(stderr, "render_views: no headless GL context\n");
        return 1;
    }
    view_spectrum(h, out_dir);
    view_trigger(h, out_dir);
    view_trigger_rows(h, out_dir);
    view_xy(h, out_dir);
    view_waterfall(h, out_dir, "view_waterfall", 150);
    if (!out_dir) view_waterfall_of_view(h);
    view_recording(h, out_dir);
    view_spectrum_zoom(h, out_dir);
    view_cursors_under_spectrum(h, out_dir);
    view_waterfall(h, out_dir, "view_waterfall_strip_pointer", 420); /* noise() goes on */
    if (!out_dir) view_spectrum_peak_outside(h);                     /* no golden: after them */
    rp_headless_destroy(h);
    xy_png_complete();
    printf("render_views: %s\n", failures ? "FAILED" : "ok");
    return failures ? 1 : 0;
}
