/* test_render_follow.c — incremental frames (engine/render/column_cache.c) draw exactly what full
 * re-decimation draws, and decimate only the new columns.
 *
 * A figure of four dense series at 1,000 px: uniform at 20 kHz (one with NaN bursts and ±Inf
 * spikes, one that keeps only 1/8 more than the view) and an irregular (timestamped) one. Following live, 60 frames: before each frame every series gets
 * a deterministic number of new samples (0, 1, a part of a column, many columns); each frame is
 * drawn with the column cache, read back, drawn again with the cache off (plain rp_decimate), read
 * back: the two must be byte-identical. Then 30 frames panning a fixed view by 0.37 % of its span
 * a frame, compared the same way, starting 0.15 s before the short series' oldest sample (its
 * first columns are clamped: those frames must fall back to the full query).
 * Work: over the steady following frames (new samples < 2 % of the view), the columns decimated
 * afresh must be under 10 % of the columns drawn (the old renderer: 100 %), and so must the bars
 * built afresh (the others are last frame's, moved).
 * Then panning by whole columns (1, 3, 17, 60 ... columns a frame, back and forth): each frame
 * against the cache off, and the work must be O(shift) both ways (before, a pan to earlier data
 * re-decimated every column). The cache's window holds twice width + 8 columns and slides when
 * the view leaves it, on either side, keeping the columns still in view. After the following run and after the whole-column pans, the
 * final state is drawn by a fresh renderer (a new headless context that never drew a frame
 * before) and must be byte-identical to what the incremental renderer drew.
 * The same comparisons cover plot reuse (render/plot_reuse.h: a plot that only scrolled is
 * copied from the frame before and only its changed columns drawn): the "full" frame of each
 * pair has reuse off too, and over the steady following frames most plot columns must have been
 * copied, also over 80 frames that walk the plot around the kept texture's ring (across its seam), and when
 * the renderer draws into a rectangle of the framebuffer (nothing outside it touched). A second figure — light theme, a translucent 3-px line, a series on a right y axis,
 * a slower series with NaN gaps (about a sample a column), all at Unix-time x, a hidden series that comes
 * back, a y view that changes — is followed the same way, at scale 1 and 2. These force the copy
 * wherever it is exact; last, the default cost rules: following live, a steep trace is copied up to
 * half the plot new a frame, one dense series' solid columns are drawn in place. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "render/column_cache.h"
#include "render/plot_reuse.h"
#include "rp_test.h"

#define W 1000
#define H 400
#define RATE 20000.0
#define SPAN 2.0    /* s: 40,000 samples in view, 40 a column */
#define EPOCH 1.7e9 /* the styled figure's series start at a Unix time (x in the billions) */

static uint32_t rng = 24680u;
static float noise(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return (float)(rng & 0xffffff) / 16777216.0f - 0.5f;
}

typedef struct feed {
    rp_series *uniform, *gappy, *short_lived, *timed;
    int64_t n; /* samples pushed to each */
    double walk;
} feed;

static bool push(feed *f, int64_t count)
{
    static float v[60000], g[60000];
    static double x[60000];
    for (int64_t i = 0; i < count; i++) {
        int64_t k = f->n + i;
        f->walk += noise() * 0.05;
        v[i] = (float)(sin((double)k * 0.0007) + f->walk * 0.1 + noise() * 0.3);
        g[i] = (k / 3000) % 5 == 2 ? NAN : v[i] * 0.5f;
        if (k % 7919 == 100) g[i] = INFINITY;
        if (k % 7919 == 4000) g[i] = -INFINITY;
        x[i] = (double)k / RATE + 0.3e-6 * sin((double)k); /* irregular, increasing */
    }
    bool ok = rp_push(f->uniform, v, count) == RP_OK && rp_push(f->gappy, g, count) == RP_OK &&
              rp_push(f->short_lived, v, count) == RP_OK &&
              rp_push_timed(f->timed, x, v, count) == RP_OK;
    f->n += count;
    return ok;
}

/* Draws fig with a renderer that never drew before and compares with `drawn`. */
static bool same_as_fresh(rp_figure *fig, const uint8_t *drawn, uint8_t *scratch, const char *what)
{
    size_t size = (size_t)W * H * 4;
    rp_headless *fresh = NULL;
    RP_REQUIRE(rp_headless_create(&(rp_headless_desc){.width = W, .height = H}, &fresh) == RP_OK);
    RP_REQUIRE(rp_headless_render(fresh, fig) == RP_OK);
    RP_REQUIRE(rp_headless_read_rgba(fresh, scratch, size) == RP_OK);
    rp_headless_destroy(fresh);
    int differ = 0;
    for (size_t i = 0; i < (size_t)W * H; i++)
        differ += memcmp(drawn + 4 * i, scratch + 4 * i, 4) != 0;
    if (differ) {
        fprintf(stderr, "%s: %d pixels differ from a fresh renderer\n", what, differ);
        char path[1024];
        rp_write_png_rgba(rp_golden_out_path("follow_drawn", ".png", path, sizeof path), drawn, W,
                          H);
        fprintf(stderr, "  %s\n", path);
        rp_write_png_rgba(rp_golden_out_path("follow_fresh", ".png", path, sizeof path), scratch, W,
                          H);
        fprintf(stderr, "  %s\n", path);
    }
    return differ == 0;
}

/* Draws with and without the cache; false when the two frames differ. */
static bool compare_frame(rp_headless *h, rp_figure *fig, uint8_t *a, uint8_t *b, int frame,
                          int64_t *fresh, int64_t *total)
{
    size_t size = (size_t)W * H * 4;
    rp_renderer *r = rp_headless_renderer(h);
    rp_column_cache *cache = rp_renderer_column_cache(r);
    RP_REQUIRE(cache != NULL);
    RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
    rp_column_cache_counts(cache, fresh, total);
    RP_REQUIRE(rp_headless_read_rgba(h, a, size) == RP_OK);
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(r);
    rp_column_cache_set_enabled(cache, false);
    rp_plot_reuse_set_enabled(reuse, false);
    RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
    rp_column_cache_set_enabled(cache, true);
    rp_plot_reuse_set_enabled(reuse, true);
    RP_REQUIRE(rp_headless_read_rgba(h, b, size) == RP_OK);
    if (memcmp(a, b, size) == 0) return true;
    int differ = 0;
    for (size_t i = 0; i < (size_t)W * H; i++) differ += memcmp(a + 4 * i, b + 4 * i, 4) != 0;
    fprintf(stderr, "frame %d: %d pixels differ between incremental and full decimation\n", frame,
            differ);
    char path[1024];
    rp_write_png_rgba(rp_golden_out_path("follow_incremental", ".png", path, sizeof path), a, W, H);
    fprintf(stderr, "  %s\n", path);
    rp_write_png_rgba(rp_golden_out_path("follow_full", ".png", path, sizeof path), b, W, H);
    fprintf(stderr, "  %s\n", path);
    return false;
}

/* The renderer drawing into a rectangle of the framebuffer (x 37, y 23 from the bottom-left),
 * as a host with its own GL context does: every frame of a followed figure with reuse forced
 * against the same frame drawn whole; the pixels outside the rectangle are never touched. */
static int offset_viewport(rp_headless *h, rp_figure *fig, feed *f, uint8_t *a, uint8_t *b)
{
    enum { VX = 37, VY = 23, VW = W - 60, VH = H - 50 };
    size_t size = (size_t)W * H * 4;
    rp_renderer *r = rp_headless_renderer(h);
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(r);
    int differ = 0;
    int64_t copied0 = 0, copied = 0;
    RP_REQUIRE(rp_headless_render(h, fig) == RP_OK); /* its context current */
    uint8_t *around = malloc(size); /* what lies outside the rectangle: that frame's */
    RP_REQUIRE(around && rp_headless_read_rgba(h, around, size) == RP_OK);
    rp_plot_reuse_counts(reuse, &copied0, NULL);
    for (int frame = 0; frame < 24; frame++) {
        RP_REQUIRE(push(f, 137 + 61 * (frame % 4)));
        RP_REQUIRE(rp_renderer_draw(r, fig, VX, VY, VW, VH) == RP_OK);
        RP_REQUIRE(rp_headless_read_rgba(h, a, size) == RP_OK);
        rp_plot_reuse_set_enabled(reuse, false);
        RP_REQUIRE(rp_renderer_draw(r, fig, VX, VY, VW, VH) == RP_OK);
        rp_plot_reuse_set_enabled(reuse, true);
        RP_REQUIRE(rp_headless_read_rgba(h, b, size) == RP_OK);
        differ += memcmp(a, b, size) != 0;
        /* Outside the rectangle (rows top first): what the first frame left there. */
        int outside = 0;
        for (int y = 0; y < H; y++)
            for (int x = 0; x < W; x++) {
                bool inside = x >= VX && x < VX + VW && H - 1 - y >= VY && H - 1 - y < VY + VH;
                size_t i = 4 * ((size_t)y * W + (size_t)x);
                outside += !inside && memcmp(a + i, around + i, 4) != 0;
            }
        differ += outside != 0;
    }
    free(around);
    rp_plot_reuse_counts(reuse, &copied, NULL);
    printf("offset viewport: %lld plot px columns copied, %d frames wrong\n",
           (long long)(copied - copied0), differ);
    RP_CHECK(copied - copied0 > 10 * 800);
    return differ;
}

/* Plot columns copied while a one-panel figure follows a series made by gen for 30 frames, step
 * new samples a frame, with the default cost rules. */
static int64_t copied_following(rp_headless *h, float (*gen)(int64_t k), int step)
{
    rp_series *s = NULL;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.capacity = 200000, .rate = RATE}, &s) == RP_OK);
    rp_figure *fig = NULL;
    RP_REQUIRE(rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &fig) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 0, s, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_follow(fig, SPAN) == RP_OK);
    RP_REQUIRE(rp_figure_set_y_view(fig, 0, -1.5, 1.5) == RP_OK);
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(rp_headless_renderer(h));
    int64_t before = 0, after = 0;
    rp_plot_reuse_counts(reuse, &before, NULL);
    static float v[50000];
    int64_t n = 0;
    for (int frame = 0; frame < 30; frame++) {
        int count = frame == 0 ? 50000 : step;
        for (int i = 0; i < count; i++) v[i] = gen(n + i);
        RP_REQUIRE(rp_push(s, v, count) == RP_OK);
        n += count;
        RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
    }
    rp_plot_reuse_counts(reuse, &after, NULL);
    rp_figure_destroy(fig);
    rp_series_destroy(s);
    return after - before;
}

/* A fast sine (a period every 8 columns): neighbouring columns' spans hardly overlap. */
/* Over the steady frames, fewer than 10 % of `total` were done afresh (`what`: "columns
 * decimated", "bars built"); printed either way. */
static void few_afresh(const char *what, int64_t fresh, int64_t total)
{
    printf("following: %lld of %lld %s afresh over the steady frames (%.1f %%)\n", (long long)fresh,
           (long long)total, what, total ? 100.0 * (double)fresh / (double)total : 0.0);
    RP_CHECK_MSG(total > 0, "no %s counted", what);
    RP_CHECK_MSG(fresh * 10 < total, "%lld of %lld %s afresh", (long long)fresh, (long long)total,
                 what);
}

static float steep(int64_t k) { return (float)sin((double)k * 6.2831853 / 320.0); }
/* White noise: every column spans nearly the whole band, drawn solid. */
static float dense(int64_t k)
{
    (void)k;
    return 2.0f * noise();
}

/* The second figure (see the top): returns the frames that differ. */
static int styled_figure(rp_headless *h, uint8_t *a, uint8_t *b)
{
    rp_series *fast = NULL, *right = NULL, *sparse = NULL;
    RP_REQUIRE(rp_series_create(
                   &(rp_series_desc){.name = "fast", .capacity = 200000, .rate = RATE, .t0 = EPOCH},
                   &fast) == RP_OK);
    RP_REQUIRE(
        rp_series_create(
            &(rp_series_desc){.name = "right", .capacity = 200000, .rate = RATE / 4, .t0 = EPOCH},
            &right) == RP_OK);
    RP_REQUIRE(
        rp_series_create(
            &(rp_series_desc){.name = "sparse", .capacity = 20000, .rate = RATE / 40, .t0 = EPOCH},
            &sparse) == RP_OK);
    rp_figure *fig = NULL;
    RP_REQUIRE(
        rp_figure_create(
            &(rp_figure_desc){.title = "styled", .x_axis = RP_X_AXIS_TIME, .theme = RP_THEME_LIGHT},
            &fig) == RP_OK);
    RP_REQUIRE(rp_figure_add_panel(fig, NULL, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_panel(fig, NULL, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 0, fast,
                                    &(rp_series_style){.color = {0.8f, 0.2f, 0.1f, 0.55f},
                                                       .line_width = 3.0f}) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 0, right, &(rp_series_style){.y_axis = 1}) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 1, sparse, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_follow(fig, SPAN) == RP_OK);
    /* Fixed y views on the top panel (an autoscaled view of a sliding oscillation changes every
     * frame, and every change of view draws the whole plot); the bottom one autoscales. */
    RP_REQUIRE(rp_figure_set_y_view(fig, 0, -3.0, 3.0) == RP_OK);
    RP_REQUIRE(rp_figure_set_y2_view(fig, 0, 80.0, 120.0) == RP_OK);
    static float v[8000];
    int64_t n = 0, m = 0, q = 0;
    int mismatched = 0;
    int64_t copied0 = 0, drawn0 = 0, copied = 0, drawn = 0;
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(rp_headless_renderer(h));
    rp_plot_reuse_counts(reuse, &copied0, &drawn0);
    for (int frame = 0; frame < 48; frame++) {
        int64_t count = frame == 0 ? 50000 : (frame % 5) * 137; /* 0 to 548 new samples */
        for (int64_t done = 0; done < count;) {
            int64_t k = count - done < 8000 ? count - done : 8000;
            for (int64_t i = 0; i < k; i++) {
                double t = (double)(n + i) / RATE;
                v[i] = (float)(sin(t * 9.0) + 0.3 * sin(t * 211.0) + 0.2 * noise());
            }
            RP_REQUIRE(rp_push(fast, v, k) == RP_OK);
            n += k;
            done += k;
        }
        for (; m < n / 4; m++) {
            float x = (float)(100.0 + 10.0 * cos((double)m / RATE * 16.0));
            RP_REQUIRE(rp_push(right, &x, 1) == RP_OK);
        }
        for (; q < n / 40; q++) {
            float x = q % 9 == 4 ? NAN : (float)((q * 7919) % 13) - 6.0f;
            RP_REQUIRE(rp_push(sparse, &x, 1) == RP_OK);
        }
        if (frame == 30) RP_REQUIRE(rp_figure_set_y_view(fig, 0, -4.0, 4.0) == RP_OK);
        if (frame == 20) RP_REQUIRE(rp_figure_set_series_visible(fig, right, false) == RP_OK);
        if (frame == 26) RP_REQUIRE(rp_figure_set_series_visible(fig, right, true) == RP_OK);
        int64_t fresh = 0, total = 0;
        mismatched += !compare_frame(h, fig, a, b, 300 + frame, &fresh, &total);
    }
    rp_plot_reuse_counts(reuse, &copied, &drawn);
    printf("styled figure: %lld plot px columns copied, %lld drawn\n",
           (long long)(copied - copied0), (long long)(drawn - drawn0));
    RP_CHECK(copied - copied0 > drawn - drawn0);
    rp_figure_destroy(fig);
    rp_series_destroy(fast);
    rp_series_destroy(right);
    rp_series_destroy(sparse);
    return mismatched;
}

int main(void)
{
    rp_headless *h = NULL;
    RP_REQUIRE(rp_headless_create(&(rp_headless_desc){.width = W, .height = H}, &h) == RP_OK);
    /* The copy itself on trial: wherever it is exact, whatever the cost rules would choose. */
    rp_plot_reuse_set_always(rp_renderer_plot_reuse(rp_headless_renderer(h)), true);
    feed f = {0};
    int64_t view = (int64_t)(SPAN * RATE);
    RP_REQUIRE(
        rp_series_create(&(rp_series_desc){.name = "uniform", .capacity = 4 * view, .rate = RATE},
                         &f.uniform) == RP_OK);
    RP_REQUIRE(rp_series_create(
                   &(rp_series_desc){.name = "gaps and Inf", .capacity = 4 * view, .rate = RATE},
                   &f.gappy) == RP_OK);
    RP_REQUIRE(rp_series_create(
                   &(rp_series_desc){.name = "expiring", .capacity = view + view / 8, .rate = RATE},
                   &f.short_lived) == RP_OK);
    RP_REQUIRE(
        rp_series_create(
            &(rp_series_desc){.name = "timestamped", .capacity = 4 * view, .timestamps = true},
            &f.timed) == RP_OK);
    rp_figure *fig = NULL;
    RP_REQUIRE(rp_figure_create(&(rp_figure_desc){.title = "follow", .x_axis = RP_X_AXIS_TIME},
                                &fig) == RP_OK);
    RP_REQUIRE(rp_figure_add_panel(fig, NULL, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_panel(fig, NULL, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 0, f.uniform, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 0, f.gappy, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 1, f.short_lived, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_add_series(fig, 1, f.timed, NULL) == RP_OK);
    RP_REQUIRE(rp_figure_follow(fig, SPAN) == RP_OK);
    RP_REQUIRE(push(&f, view + 1234));

    uint8_t *a = malloc((size_t)W * H * 4), *b = malloc((size_t)W * H * 4);
    RP_REQUIRE(a && b);
    static const int steps[] = {0, 1, 17, 40, 333, 41, 0, 2000, 39, 80, 7, 600};
    int mismatched = 0;
    int64_t steady_fresh = 0, steady_total = 0, steady_built = 0, steady_bars = 0,
            steady_examined = 0;
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(rp_headless_renderer(h));
    for (int frame = 0; frame < 60; frame++) {
        int64_t count = steps[frame % 12];
        if (frame == 30) count = 50000; /* a jump: more than the view */
        RP_REQUIRE(push(&f, count));
        int64_t fresh = 0, total = 0, built0 = 0, bars0 = 0, built1 = 0, bars1 = 0;
        int64_t examined0 = 0, examined1 = 0;
        rp_plot_reuse_bar_counts(reuse, &built0, &examined0, &bars0);
        mismatched += !compare_frame(h, fig, a, b, frame, &fresh, &total);
        rp_plot_reuse_bar_counts(reuse, &built1, &examined1, &bars1);
        if (frame >= 2 && frame != 30 && frame != 31 && count <= view / 50) {
            steady_fresh += fresh;
            steady_total += total;
            steady_built += built1 - built0;
            steady_examined += examined1 - examined0;
            steady_bars += bars1 - bars0;
        }
    }
    int64_t copied = 0, drawn = 0;
    rp_plot_reuse_counts(rp_renderer_plot_reuse(rp_headless_renderer(h)), &copied, &drawn);
    printf("following: %lld plot px columns copied from the frame before, %lld drawn\n",
           (long long)copied, (long long)drawn);
    RP_CHECK_MSG(copied > 2 * drawn, "following: %lld plot columns copied, %lld drawn",
                 (long long)copied, (long long)drawn);
    few_afresh("columns decimated", steady_fresh, steady_total);
    /* ... and their bars built afresh (the rest are last frame's: rp_series_bars' prev). */
    few_afresh("bars built", steady_built, steady_bars);
    /* ... and only the columns the column cache did not prove unchanged were even compared with
     * last frame's (rp_column_run: the bars of the rest are left in place, unread). */
    few_afresh("bar inputs read", steady_examined, steady_bars);
    /* Following far: 80 frames of 25 new columns walk the plot twice around the kept texture's
     * ring (the viewport's width), across its seam, where it is copied in two pieces. */
    int64_t far_copied0 = 0, far_copied = 0;
    rp_plot_reuse_counts(rp_renderer_plot_reuse(rp_headless_renderer(h)), &far_copied0, NULL);
    for (int frame = 0; frame < 80; frame++) {
        RP_REQUIRE(push(&f, 1000));
        int64_t fresh = 0, total = 0;
        mismatched += !compare_frame(h, fig, a, b, 400 + frame, &fresh, &total);
    }
    rp_plot_reuse_counts(rp_renderer_plot_reuse(rp_headless_renderer(h)), &far_copied, NULL);
    printf("following far: %lld plot px columns copied\n", (long long)(far_copied - far_copied0));
    RP_CHECK(far_copied - far_copied0 > 60 * 2 * 800);
    RP_CHECK_MSG(mismatched == 0, "%d frames differ", mismatched);
    mismatched += offset_viewport(h, fig, &f, a, b);
    RP_CHECK_MSG(mismatched == 0, "%d frames differ", mismatched);
    /* The last following frame, incremental (the cache on), against a renderer that starts cold.
     * The legend is pinned: AUTO keeps the corner each renderer chose before (its view state). */
    RP_REQUIRE(rp_figure_set_legend_place(fig, -1, RP_LEGEND_TOP_LEFT) == RP_OK);
    RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
    RP_REQUIRE(rp_headless_read_rgba(h, a, (size_t)W * H * 4) == RP_OK);
    RP_CHECK(same_as_fresh(fig, a, b, "following, last frame"));
    RP_REQUIRE(rp_figure_set_legend_place(fig, -1, RP_LEGEND_AUTO) == RP_OK);

    /* Panning a fixed view by a fraction of a column's multiple each frame. */
    double end = (double)f.n / RATE;
    double x0 = end - (double)(view + view / 8) / RATE - 0.15;
    int64_t pan_fresh = 0, pan_total = 0;
    for (int frame = 0; frame < 30; frame++) {
        RP_REQUIRE(rp_figure_set_x_view(fig, x0, x0 + SPAN) == RP_OK);
        int64_t fresh = 0, total = 0;
        mismatched += !compare_frame(h, fig, a, b, 100 + frame, &fresh, &total);
        if (frame >= 1) {
            pan_fresh += fresh;
            pan_total += total;
        }
        x0 += 0.0037 * SPAN;
    }
    printf("panning: %lld of %lld columns decimated afresh\n", (long long)pan_fresh,
           (long long)pan_total);
    RP_CHECK_MSG(mismatched == 0, "%d frames differ", mismatched);
    RP_CHECK(pan_fresh * 4 < pan_total);
    RP_CHECK(pan_total > 0);

    /* Panning by whole columns. The plot's width in columns is what the renderer decimates each
     * series at: a fixed view gives width or width + 1 columns a series; of the candidates, the
     * one whose one-column pan decimates fewest columns afresh is the grid. */
    rp_column_cache *cache = rp_renderer_column_cache(rp_headless_renderer(h));
    double base = end - SPAN - 0.2; /* the expiring series' oldest sample: end − 2.25 s */
    RP_REQUIRE(rp_figure_set_x_view(fig, base, base + SPAN) == RP_OK);
    RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
    int64_t fresh = 0, total = 0;
    rp_column_cache_counts(cache, &fresh, &total);
    int width = 0;
    int64_t best = INT64_MAX;
    for (int w = (int)(total / 4) - 2; w <= (int)(total / 4) + 1; w++) {
        double dx = SPAN / w;
        RP_REQUIRE(rp_figure_set_x_view(fig, base, base + SPAN) == RP_OK);
        RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
        RP_REQUIRE(rp_figure_set_x_view(fig, base + dx, base + dx + SPAN) == RP_OK);
        RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
        rp_column_cache_counts(cache, &fresh, &total);
        if (fresh < best) {
            best = fresh;
            width = w;
        }
    }
    RP_REQUIRE(width > 0);
    /* Back and forth (net 0, at most 77 columns from base) within every series' samples. */
    static const int shifts[] = {1, 3, 17, -5, 60, 1, -40, 30, 2, -1, -50, -18};
    double dx = SPAN / width, at = base;
    int64_t whole_fresh = 0, whole_total = 0, shifted = 0;
    for (int frame = 0; frame < 36; frame++) {
        int shift = shifts[frame % 12];
        at += shift * dx;
        RP_REQUIRE(rp_figure_set_x_view(fig, at, at + SPAN) == RP_OK);
        int64_t fr = 0, tot = 0;
        mismatched += !compare_frame(h, fig, a, b, 200 + frame, &fr, &tot);
        whole_fresh += fr;
        whole_total += tot;
        shifted += 4 * (shift < 0 ? -shift : shift); /* columns that entered the view */
    }
    int64_t copied_pan = 0, drawn_pan = 0;
    rp_plot_reuse_counts(rp_renderer_plot_reuse(rp_headless_renderer(h)), &copied_pan, &drawn_pan);
    printf(
        "panning by whole columns (%d px): %lld of %lld columns decimated afresh, %lld entered\n",
        width, (long long)whole_fresh, (long long)whole_total, (long long)shifted);
    printf("panning by whole columns: %lld plot px columns copied, %lld drawn (all phases)\n",
           (long long)copied_pan, (long long)drawn_pan);
    RP_CHECK(copied_pan > copied); /* the whole-column pans copied too */
    RP_CHECK_MSG(mismatched == 0, "%d frames differ", mismatched);
    /* O(shift): the columns that entered, plus a few at each edge of each series, per frame. */
    RP_CHECK_MSG(whole_fresh <= shifted + 36 * 4 * 8, "%lld fresh for %lld entered",
                 (long long)whole_fresh, (long long)shifted);
    RP_REQUIRE(rp_figure_set_legend_place(fig, -1, RP_LEGEND_TOP_LEFT) == RP_OK);
    RP_REQUIRE(rp_headless_render(h, fig) == RP_OK);
    RP_REQUIRE(rp_headless_read_rgba(h, a, (size_t)W * H * 4) == RP_OK);
    RP_CHECK(same_as_fresh(fig, a, b, "panned by whole columns"));

    mismatched += styled_figure(h, a, b);
    /* The same at HiDPI scale 2 (2-px grid lines, thicker pens). */
    rp_headless *h2 = NULL;
    RP_REQUIRE(rp_headless_create(&(rp_headless_desc){.width = W, .height = H, .scale = 2.0f},
                                  &h2) == RP_OK);
    rp_plot_reuse_set_always(rp_renderer_plot_reuse(rp_headless_renderer(h2)), true);
    mismatched += styled_figure(h2, a, b);
    rp_headless_destroy(h2);
    RP_CHECK_MSG(mismatched == 0, "%d frames differ", mismatched);

    /* The cost rules (plot_reuse.h): a steep trace is copied with 1 % and with 40 % of the plot
     * new a frame, not with 60 %; one dense series' solid columns are drawn in place. */
    rp_plot_reuse_set_always(rp_renderer_plot_reuse(rp_headless_renderer(h)), false);
    int64_t steep_slow = copied_following(h, steep, 333),
            dense_slow = copied_following(h, dense, 333);
    int64_t steep_fast = copied_following(h, steep, 16000);
    int64_t dense_fast = copied_following(h, dense, 16000);
    int64_t steep_faster = copied_following(h, steep, 24000);
    printf("cost rules: plot columns copied following a steep trace %lld / %lld / %lld (1 / 40 / "
           "60 %% new a frame), a dense one %lld / %lld\n",
           (long long)steep_slow, (long long)steep_fast, (long long)steep_faster,
           (long long)dense_slow, (long long)dense_fast);
    RP_CHECK(steep_slow > 20 * 900);
    RP_CHECK(steep_fast > 20 * 500);
    RP_CHECK_EQ_INT((int)steep_faster, 0);
    RP_CHECK_EQ_INT((int)dense_slow, 0);
    RP_CHECK_EQ_INT((int)dense_fast, 0);

    free(a);
    free(b);
    rp_figure_destroy(fig);
    rp_series_destroy(f.uniform);
    rp_series_destroy(f.gappy);
    rp_series_destroy(f.short_lived);
    rp_series_destroy(f.timed);
    rp_headless_destroy(h);
    return rp_test_finish();
}
