/* test_render_fidelity_bars.c — DESIGN "Decimation fidelity" on the production path: dense
 * columns drawn by rp_draw_series as solid anti-aliased bars (what every real frame uses),
 * compared column by column with the brute-force span of the raw samples.
 *
 * Scene: 10^6 and 10^7 samples (1,000 and 10,000 a column) of a random walk with a chirp, spikes
 * and noise, into 1,000 px columns on pixel boundaries (x0 = 0, as the follow view snaps them),
 * a 1-px white line on black, decimated as the renderer does (skip_extreme_index).
 * Truth for column k: lo, hi = min / max of the raw samples' y px over [k·c, (k+1)·c] — its own
 * samples and the first of the next column, which is where the raw line crosses the right
 * boundary (the last column has no next one). A 1-px pen covers [lo − ½, hi + ½]. Checks, for
 * every column:
 *   solid   every pixel whose centre lies in [lo + ε, hi − ε] has value ≥ 254 (no streaks)
 *   outside every pixel wholly beyond 1 px of the span (bottom edge ≤ lo − 1 − ε or top edge
 *           ≥ hi + 1 + ε) is 0 (no filled notches, nothing beyond the anti-aliased edge)
 *   mass    the column's summed coverage equals hi − lo + 1 px within RP_BARS_MASS_TOL (the AA
 *           edges carry exactly the pen's share)
 * ε = RP_BARS_EPS px covers float32 positions. Zero violations are allowed.
 * fidelity_bars_<n>.png (the picture) is always written to the build dir; on failure also
 * fidelity_bars_<n>.diff.png (violations in red). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fidelity_scene.h"
#include "golden.h"
#include "rp_test.h"

#define W 1000
#define H 400
#define RP_BARS_EPS 0.01
#define RP_BARS_MASS_TOL 0.02

/* Draws dec white on black with a line `width` px wide into the W x H frame and reads it back
 * into img (W * H RGBA). */
static bool draw_white(rp_egl_context *ctx, rp_draw *d, const rp_decimation *dec,
                       const rp_plot_transform *tf, float width, uint8_t *img)
{
    GladGLContext *gl = rp_egl_context_gl(ctx);
    gl->Viewport(0, 0, W, H);
    gl->ClearColor(0.0f, 0.0f, 0.0f, 1.0f);
    gl->Clear(GL_COLOR_BUFFER_BIT);
    rp_draw_begin(d, 0, 0, W, H);
    rp_draw_series(d, dec, tf, width, (rp_color){1.0f, 1.0f, 1.0f, 1.0f});
    rp_draw_end(d);
    return rp_egl_context_read_rgba(ctx, img, (size_t)W * H * 4) == RP_OK;
}

static bool check_size(rp_egl_context *ctx, rp_draw *d, int64_t n)
{
    float *v = malloc(sizeof(float) * (size_t)n);
    rp_m4 *cols = calloc(W + 2, sizeof *cols);
    uint8_t *img = malloc((size_t)W * H * 4);
    RP_REQUIRE(v && cols && img);
    rp_fidelity_signal(v, n, n / 10 + 3, n / 200);
    rp_series *s = NULL;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.name = "bars", .capacity = n}, &s) == RP_OK);
    RP_REQUIRE(rp_push(s, v, n) == RP_OK);
    rp_decimation dec = {.out = cols, .out_capacity = W + 2, .skip_extreme_index = true};
    RP_REQUIRE(rp_decimate(s, 0.0, (double)n, W, &dec) == RP_OK);
    RP_CHECK(!dec.raw);
    RP_CHECK(dec.first_column == 0);
    RP_CHECK_NEAR(dec.column_dx, (double)n / W, 0.0);

    rp_plot_transform tf = rp_fidelity_view(v, n, 0.0, W, H);
    RP_REQUIRE(draw_white(ctx, d, &dec, &tf, 1.0f, img));

    int64_t c = n / W, solid = 0, solid_bad = 0, outside_bad = 0, mass_bad = 0;
    double worst_mass = 0.0;
    uint8_t *bad = calloc((size_t)W * H, 1);
    RP_REQUIRE(bad);
    for (int k = 0; k < W; k++) {
        int64_t i0 = (int64_t)k * c, i1 = k + 1 < W ? (int64_t)(k + 1) * c : n - 1;
        double t = INFINITY, b = -INFINITY;
        for (int64_t i = i0; i <= i1; i++) {
            double px, py;
            rp_plot_transform_apply(&tf, (double)i, (double)v[i], &px, &py);
            t = py < t ? py : t;
            b = py > b ? py : b;
        }
        double mass = 0.0;
        for (int r = 0; r < H; r++) {
            uint8_t val = img[((size_t)r * W + (size_t)k) * 4];
            mass += val / 255.0;
            double centre = r + 0.5;
            if (centre >= t + RP_BARS_EPS && centre <= b - RP_BARS_EPS) {
                solid++;
                if (val < 254) {
                    solid_bad++;
                    bad[(size_t)r * W + (size_t)k] = 1;
                }
            } else if ((r + 1 <= t - 1.0 - RP_BARS_EPS || r >= b + 1.0 + RP_BARS_EPS) && val != 0) {
                outside_bad++;
                bad[(size_t)r * W + (size_t)k] = 1;
            }
        }
        double err = fabs(mass - (b - t + 1.0));
        if (t - 0.5 > 0.0 && b + 0.5 < H) { /* the whole pen is inside the image */
            worst_mass = err > worst_mass ? err : worst_mass;
            if (err > RP_BARS_MASS_TOL) {
                if (mass_bad < 5)
                    fprintf(stderr, "column %d: coverage %.3f px, span + pen %.3f px\n", k, mass,
                            b - t + 1.0);
                mass_bad++;
            }
        }
    }
    printf("bars %lld samples: %lld solid pixels, %lld not solid, %lld lit outside span ± 1 px, "
           "%lld columns off in coverage (worst %.4f px)\n",
           (long long)n, (long long)solid, (long long)solid_bad, (long long)outside_bad,
           (long long)mass_bad, worst_mass);
    RP_CHECK(solid > 20 * W);
    RP_CHECK_MSG(solid_bad == 0, "%lld pixels inside the true span are not solid",
                 (long long)solid_bad);
    RP_CHECK_MSG(outside_bad == 0, "%lld pixels beyond span ± 1 px are lit",
                 (long long)outside_bad);
    RP_CHECK_MSG(mass_bad == 0, "%lld columns' coverage differs from span + pen",
                 (long long)mass_bad);

    char name[64], path[1024];
    snprintf(name, sizeof name, "fidelity_bars_%lld", (long long)n);
    rp_write_png_rgba(rp_golden_out_path(name, ".png", path, sizeof path), img, W, H);
    bool ok = solid_bad == 0 && outside_bad == 0 && mass_bad == 0;
    if (!ok) {
        for (size_t i = 0; i < (size_t)W * H; i++) {
            img[4 * i + 0] = bad[i] ? 255 : img[4 * i] / 3;
            img[4 * i + 1] = bad[i] ? 0 : img[4 * i + 1] / 3;
            img[4 * i + 2] = bad[i] ? 0 : img[4 * i + 2] / 3;
        }
        rp_write_png_rgba(rp_golden_out_path(name, ".diff.png", path, sizeof path), img, W, H);
        fprintf(stderr, "  diff: %s\n", path);
    }
    free(bad);
    rp_series_destroy(s);
    free(v);
    free(cols);
    free(img);
    return ok;
}

/* A square wave and lone spikes at 10 samples a column, drawn with the default 1.5-px line: the
 * neighbours of an edge or a spike must not take a part of its height (a "shelf" at a level no
 * sample holds, which turned a dense square wave into bands at a quarter of its height). Truth
 * for column k: the raw samples within the pen's horizontal reach of it (¼ px, 2.5 samples,
 * taken as 3) and the line between them; every pixel more than the half pen (0.75 px) and the
 * anti-aliased pixel beyond that span must be dark. */
static bool check_square(rp_egl_context *ctx, rp_draw *d)
{
    enum { PER = 10, N = W * PER, REACH = 3 };
    float *v = malloc(sizeof(float) * N);
    rp_m4 *cols = calloc(W + 2, sizeof *cols);
    uint8_t *img = malloc((size_t)W * H * 4);
    RP_REQUIRE(v && cols && img);
    for (int i = 0; i < N; i++) {
        v[i] = i < N / 2 ? ((i / 25) % 2 ? 1.0f : -1.0f) : 0.0f; /* an edge every 2.5 columns */
        if (i >= N / 2 && i % 97 == 45) v[i] = 1.0f;             /* then lone spikes */
    }
    rp_series *s = NULL;
    RP_REQUIRE(rp_series_create(&(rp_series_desc){.name = "square", .capacity = N}, &s) == RP_OK);
    RP_REQUIRE(rp_push(s, v, N) == RP_OK);
    rp_decimation dec = {.out = cols, .out_capacity = W + 2, .skip_extreme_index = true};
    RP_REQUIRE(rp_decimate(s, 0.0, (double)N, W, &dec) == RP_OK);
    rp_plot_transform tf = rp_fidelity_view(v, N, 0.0, W, H);
    RP_REQUIRE(draw_white(ctx, d, &dec, &tf, 1.5f, img));
    int64_t lit_beyond = 0;
    int worst_column = -1;
    for (int k = 0; k < W; k++) {
        int i0 = k * PER - REACH < 0 ? 0 : k * PER - REACH;
        int i1 = (k + 1) * PER + REACH >= N ? N - 1 : (k + 1) * PER + REACH;
        double t = INFINITY, b = -INFINITY;
        for (int i = i0; i <= i1; i++) {
            double px, py;
            rp_plot_transform_apply(&tf, (double)i, (double)v[i], &px, &py);
            t = py < t ? py : t;
            b = py > b ? py : b;
        }
        for (int r = 0; r < H; r++)
            if ((r + 1 <= t - 1.75 || r >= b + 1.75) && img[((size_t)r * W + (size_t)k) * 4]) {
                if (worst_column < 0) worst_column = k;
                lit_beyond++;
            }
    }
    printf("square wave and spikes, 1.5-px line: %lld pixels lit beyond the pen's reach (first "
           "in column %d)\n",
           (long long)lit_beyond, worst_column);
    RP_CHECK_MSG(lit_beyond == 0, "%lld pixels lit beyond the trace within the pen's reach",
                 (long long)lit_beyond);
    char path[1024];
    rp_write_png_rgba(rp_golden_out_path("fidelity_bars_square", ".png", path, sizeof path), img, W,
                      H);
    rp_series_destroy(s);
    free(v);
    free(cols);
    free(img);
    return lit_beyond == 0;
}

/* A square wave whose edges fall anywhere in a column (10.3 samples a column: an edge's two
 * samples straddle a column boundary at every fraction), 1.5-px line: each edge is one column
 * lit from level to level, never split between two columns at the height where it crosses their
 * boundary (a one-pixel jog with a doubled stub: a staircase of marks at levels no sample holds).
 * Between the levels, away from the pen, a column is either wholly lit or wholly dark. The same
 * for lone spikes (`spikes`): one column each, no stub beside one at a column's edge. */
static bool check_square_edges(rp_egl_context *ctx, rp_draw *d, bool spikes)
{
    enum { N = 10300, HALF = 37 };  /* an edge (or a spike) every 37 samples: 3.6 columns */
    double spacing = (double)W / N; /* x of sample i: i · spacing, in columns */
    float *v = malloc(sizeof(float) * N);
    rp_m4 *cols = calloc(W + 2, sizeof *cols);
    uint8_t *img = malloc((size_t)W * H * 4);
    RP_REQUIRE(v && cols && img);
    for (int i = 0; i < N; i++)
        v[i] = spikes ? (i % HALF == HALF / 2 ? 1.0f : -1.0f) : (i / HALF) % 2 ? 1.0f : -1.0f;
    rp_series *s = NULL;
    RP_REQUIRE(
        rp_series_create(&(rp_series_desc){.name = "edges", .capacity = N, .rate = 1.0 / spacing},
                         &s) == RP_OK);
    RP_REQUIRE(rp_push(s, v, N) == RP_OK);
    rp_decimation dec = {.out = cols, .out_capacity = W + 2, .skip_extreme_index = true};
    RP_REQUIRE(rp_decimate(s, 0.0, (double)W, W, &dec) == RP_OK);
    RP_CHECK(!dec.raw);
    rp_plot_transform tf = rp_fidelity_view(v, N, 0.0, W, H);
    tf.sx = 1.0; /* x in columns */
    RP_REQUIRE(draw_white(ctx, d, &dec, &tf, 1.5f, img));
    double top, bottom, px;
    rp_plot_transform_apply(&tf, 0.0, 1.0, &px, &top);
    rp_plot_transform_apply(&tf, 0.0, -1.0, &px, &bottom);
    if (top > bottom) {
        double t = top;
        top = bottom;
        bottom = t;
    }
    int split = 0, edges = 0, first_split = -1;
    for (int k = 1; k < W - 1; k++) {
        int lit = 0, rows = 0;
        for (int r = (int)ceil(top + 2); r + 1 <= (int)floor(bottom - 2); r++, rows++)
            lit += img[((size_t)r * W + (size_t)k) * 4] != 0;
        if (lit == rows) edges++;
        if (lit > 0 && lit < rows) {
            if (first_split < 0) first_split = k;
            split++;
        }
    }
    const char *what = spikes ? "lone spikes" : "square edges";
    printf("%s anywhere in a column, 1.5-px line: %d drawn whole, %d columns with a part of one "
           "(first: column %d)\n",
           what, edges, split, first_split);
    RP_CHECK_MSG(split == 0, "%s: %d columns draw a part of one (first: column %d)", what, split,
                 first_split);
    RP_CHECK_EQ_INT(edges, spikes ? (N + HALF / 2) / HALF : N / HALF); /* every one, once */
    char path[1024];
    rp_write_png_rgba(rp_golden_out_path(spikes ? "fidelity_bars_spikes" : "fidelity_bars_edges",
                                         ".png", path, sizeof path),
                      img, W, H);
    rp_series_destroy(s);
    free(v);
    free(cols);
    free(img);
    return split == 0;
}

int main(void)
{
    rp_egl_context *ctx = NULL;
    rp_draw *d = NULL;
    RP_REQUIRE(rp_fidelity_gl(W, H, &ctx, &d));
    check_size(ctx, d, 1000000);
    check_size(ctx, d, 10000000);
    check_square(ctx, d);
    check_square_edges(ctx, d, false);
    check_square_edges(ctx, d, true);
    rp_draw_destroy(d);
    rp_egl_context_destroy(ctx);
    return rp_test_finish();
}
