/* test_render_primitives.c — the draw primitives headless (EGL surfaceless, RGBA8 FBO), compared
 * with tests/render/golden/render_primitives.png (tolerance: golden.h).
 * What to look at in the image (the build dir keeps render_primitives.png):
 *   row 1: four fans of AA lines, widths 1, 1.5, 2.5 and 5 px, every 15°: even width, no gaps;
 *   row 2: a zig-zag with very sharp turns drawn in a 75 % transparent colour (any double blend
 *          at a join would show as a darker blob), a polyline with NaN gaps and a lone point;
 *   row 3: a dense column-span series (noisy band, a NaN-only gap, +Inf / -Inf columns clamped
 *          to the plot edges, lines to the edges from before/after), text in two sizes and
 *          vertical text.
 * Also checks that rp_draw_begin/end restore the GL state they change. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "platform/egl_context.h"
#include "render/draw.h"
#include "rp_test.h"
#include "text/font.h"

#define W 640
#define H 420

static const rp_color BG = {0.078f, 0.094f, 0.118f, 1.0f};
static const rp_color PLOT_BG = {0.11f, 0.13f, 0.16f, 1.0f};
static const rp_color BLUE = {0.34f, 0.71f, 0.91f, 1.0f};
static const rp_color ORANGE = {0.90f, 0.62f, 0.0f, 0.75f};
static const rp_color GREEN = {0.0f, 0.62f, 0.45f, 1.0f};
static const rp_color YELLOW = {0.94f, 0.89f, 0.26f, 1.0f};
static const rp_color WHITE = {0.92f, 0.93f, 0.95f, 1.0f};
static const rp_color PINK = {0.80f, 0.47f, 0.65f, 1.0f};

static uint32_t rng_state = 12345u;
static float rnd(void) /* deterministic 0..1 */
{
    rng_state = rng_state * 1664525u + 1013904223u;
    return (float)(rng_state >> 8) / 16777216.0f;
}

static void draw_fans(rp_draw *d)
{
    const float widths[4] = {1.0f, 1.5f, 2.5f, 5.0f};
    for (int f = 0; f < 4; f++) {
        float cx = 80.0f + 160.0f * (float)f, cy = 82.0f;
        for (int a = 0; a < 24; a++) {
            double ang = (double)a * 15.0 * M_PI / 180.0;
            float r0 = 14.0f, r1 = 68.0f;
            rp_draw_line(d, cx + r0 * (float)cos(ang), cy - r0 * (float)sin(ang),
                         cx + r1 * (float)cos(ang), cy - r1 * (float)sin(ang), widths[f],
                         a % 2 ? WHITE : BLUE);
        }
    }
}

static void draw_polylines(rp_draw *d)
{
    float zig[2 * 40];
    for (int i = 0; i < 40; i++) {
        zig[2 * i] = 14.0f + 7.5f * (float)i;
        zig[2 * i + 1] = (i % 2) ? 172.0f : 288.0f - 2.0f * (float)i;
    }
    rp_draw_polyline(d, zig, 40, 3.0f, ORANGE);

    /* A sine with NaN gaps: a gap of one point, a gap of several, a lone point between NaNs. */
    float wave[2 * 120];
    for (int i = 0; i < 120; i++) {
        wave[2 * i] = 330.0f + 2.5f * (float)i;
        wave[2 * i + 1] = 230.0f - 45.0f * (float)sin((double)i * 0.11);
    }
    const int nan_at[] = {0, 25, 50, 51, 52, 53, 79, 81, 100};
    for (size_t k = 0; k < sizeof nan_at / sizeof nan_at[0]; k++) wave[2 * nan_at[k] + 1] = NAN;
    rp_draw_polyline(d, wave, 120, 2.0f, GREEN);
}

/* A dense series as rp_decimate would return it in column mode: 1 px columns of a noisy sine. */
static void draw_dense(rp_draw *d)
{
    enum { COLS = 400 };
    static rp_m4 cols[COLS];
    rp_plot_transform tf = {.x0 = 0.0,
                            .y0 = -60.0,
                            .sx = 1.0,
                            .sy = 100.0 / 120.0,
                            .plot = {10.0f, 310.0f, 400.0f, 100.0f}};
    rp_draw_rect(d, tf.plot, PLOT_BG);
    for (int k = 0; k < COLS; k++) {
        rp_m4 *e = &cols[k];
        memset(e, 0, sizeof *e);
        double c = 28.0 * sin(k / 23.0) + 10.0 * sin(k / 5.0);
        float spread = 2.0f + 10.0f * rnd() * rnd();
        e->start = (int64_t)k * 100;
        e->end = e->start + 100;
        e->first_i = e->start;
        e->last_i = e->end - 1;
        e->first_x = k + 0.005;
        e->last_x = k + 0.995;
        e->min = (float)c - spread * rnd();
        e->max = (float)c + spread * rnd();
        e->first = e->min + (e->max - e->min) * rnd();
        e->last = e->min + (e->max - e->min) * rnd();
        bool min_first = rnd() < 0.5f;
        e->min_i = e->start + (min_first ? 30 : 60);
        e->max_i = e->start + (min_first ? 60 : 30);
        e->min_x = k + (min_first ? 0.3 : 0.6);
        e->max_x = k + (min_first ? 0.6 : 0.3);
        e->flags = RP_M4_FINITE;
        if (k >= 150 && k < 162) { /* only NaN: a gap */
            e->flags = RP_M4_NAN;
            e->first = e->last = NAN;
            e->min_i = e->max_i = -1;
        }
        if (k == 162) { /* NaN first: starts a new run after the gap */
            e->flags |= RP_M4_NAN;
            e->first = NAN;
        }
        if (k == 220) e->flags |= RP_M4_POS_INF;
        if (k == 290) {
            e->flags |= RP_M4_NEG_INF;
            e->last = -INFINITY;
        }
    }
    rp_decimation dec = {.out = cols,
                         .out_capacity = COLS,
                         .count = COLS,
                         .raw = false,
                         .column_dx = 1.0,
                         .first_column = 0,
                         .has_before = true,
                         .has_after = true};
    dec.before.last_x = -3.0;
    dec.before.last = -45.0f;
    dec.before.first_x = -3.0;
    dec.before.first = -45.0f;
    dec.before.flags = RP_M4_FINITE;
    dec.after.first_x = 404.0;
    dec.after.first = 50.0f;
    dec.after.flags = RP_M4_FINITE;
    rp_draw_series(d, &dec, &tf, 1.5f, YELLOW);

    /* Raw mode over the same plot: a sparse series with before/after outside the view. */
    static rp_m4 raw[12];
    for (int i = 0; i < 12; i++) {
        memset(&raw[i], 0, sizeof raw[i]);
        raw[i].first_x = raw[i].last_x = 20.0 + 33.0 * i;
        raw[i].first = raw[i].last = (float)(40.0 * cos(i * 0.9));
        raw[i].flags = RP_M4_FINITE;
    }
    raw[7].first = raw[7].last = INFINITY;
    raw[7].flags = RP_M4_POS_INF;
    rp_decimation rd = {.out = raw,
                        .out_capacity = 12,
                        .count = 12,
                        .raw = true,
                        .has_before = true,
                        .has_after = true};
    rd.before.last_x = -40.0;
    rd.before.last = -50.0f;
    rd.after.first_x = 440.0;
    rd.after.first = 55.0f;
    rp_draw_series(d, &rd, &tf, 1.5f, PINK);
}

static void draw_text(rp_draw *d, rp_font *small, rp_font *large)
{
    rp_draw_text(d, large, "Signal 1.5 µs", 436.0f, 334.0f, WHITE);
    rp_draw_text(d, small, "0123456789 −2×10³ 45°", 436.0f, 360.0f, WHITE);
    rp_draw_text(d, small, "AVWXyz quick brown fox", 436.0f, 380.0f, BLUE);
    rp_draw_text_vertical(d, small, "vertical ↑ y", 624.0f, 410.0f, YELLOW);
}

int main(void)
{
    char err[256] = "";
    rp_log_sink err_log = rp_log_capture(err, sizeof err);
    rp_egl_context *ctx = NULL;
    rp_status st = rp_egl_context_create(W, H, &ctx, &err_log);
    if (st != RP_OK) fprintf(stderr, "egl: %s\n", err);
    RP_REQUIRE(st == RP_OK);
    printf("GL_RENDERER: %s\n", rp_egl_context_renderer_string(ctx));
    GladGLContext *gl = rp_egl_context_gl(ctx);

    rp_draw *d = NULL;
    st = rp_draw_create(gl, &d, &err_log);
    if (st != RP_OK) fprintf(stderr, "draw: %s\n", err);
    RP_REQUIRE(st == RP_OK);
    rp_font *small = NULL, *large = NULL;
    RP_REQUIRE(rp_font_create(13.0f, false, &small) == RP_OK);
    RP_REQUIRE(rp_font_create(22.0f, true, &large) == RP_OK);

    /* A host's state that begin/end must preserve. */
    gl->ClearColor(BG.r, BG.g, BG.b, 1.0f);
    gl->Clear(GL_COLOR_BUFFER_BIT);
    gl->Enable(GL_SCISSOR_TEST);
    gl->Scissor(3, 4, 50, 60);
    gl->Disable(GL_BLEND);
    gl->BlendFunc(GL_ONE, GL_ZERO);
    gl->Enable(GL_DEPTH_TEST);
    gl->Viewport(1, 2, 30, 40);

    rp_draw_begin(d, 0, 0, W, H);
    draw_fans(d);
    draw_polylines(d);
    draw_dense(d);
    draw_text(d, small, large);
    rp_draw_end(d);
    RP_CHECK(rp_draw_vertices(d) > 0);
    RP_CHECK(rp_draw_upload_bytes(d) > 0);
    RP_CHECK(rp_draw_upload_bytes(d) < 1 << 20);

    GLint vp[4], sc[4], src = 0;
    gl->GetIntegerv(GL_VIEWPORT, vp);
    gl->GetIntegerv(GL_SCISSOR_BOX, sc);
    gl->GetIntegerv(GL_BLEND_SRC_RGB, &src);
    RP_CHECK(vp[0] == 1 && vp[1] == 2 && vp[2] == 30 && vp[3] == 40);
    RP_CHECK(sc[0] == 3 && sc[1] == 4 && sc[2] == 50 && sc[3] == 60);
    RP_CHECK(gl->IsEnabled(GL_SCISSOR_TEST));
    RP_CHECK(!gl->IsEnabled(GL_BLEND));
    RP_CHECK(gl->IsEnabled(GL_DEPTH_TEST));
    RP_CHECK(src == GL_ONE);
    RP_CHECK_EQ_INT(gl->GetError(), GL_NO_ERROR);

    size_t size = (size_t)W * H * 4;
    uint8_t *rgba = malloc(size), *again = malloc(size);
    RP_REQUIRE(rgba && again);
    RP_REQUIRE(rp_egl_context_read_rgba(ctx, rgba, size) == RP_OK);
    char path[1024];
    rp_write_png_rgba(rp_golden_out_path("render_primitives", ".png", path, sizeof path), rgba, W,
                      H);
    printf("wrote %s\n", path);
    RP_CHECK(rp_golden_check("render_primitives", rgba, W, H));

    /* Same frame again: byte-identical (deterministic streaming, no state leaking). */
    gl->Disable(GL_SCISSOR_TEST);
    gl->Disable(GL_DEPTH_TEST);
    gl->Viewport(0, 0, W, H);
    gl->Clear(GL_COLOR_BUFFER_BIT);
    rng_state = 12345u;
    rp_draw_begin(d, 0, 0, W, H);
    draw_fans(d);
    draw_polylines(d);
    draw_dense(d);
    draw_text(d, small, large);
    rp_draw_end(d);
    RP_REQUIRE(rp_egl_context_read_rgba(ctx, again, size) == RP_OK);
    RP_CHECK(memcmp(rgba, again, size) == 0);

    /* Joins are invisible: a slanted line cut into 20,000 collinear segments (two staging flushes
     * in the middle) in a 50 % transparent colour draws exactly the pixels of one segment — no
     * double blend, no hole at any join or flush boundary. */
    {
        enum { NJ = 20000 };
        float *xy = malloc(sizeof(float) * 2 * NJ);
        RP_REQUIRE(xy);
        for (int i = 0; i < NJ; i++) {
            xy[2 * i] = 10.0f + 0.03f * (float)i;
            xy[2 * i + 1] = 50.5f + 0.0002f * (float)i;
        }
        const rp_color half = {1.0f, 1.0f, 1.0f, 0.5f};
        gl->ClearColor(0.0f, 0.0f, 0.0f, 1.0f);
        gl->Clear(GL_COLOR_BUFFER_BIT);
        rp_draw_begin(d, 0, 0, W, H);
        rp_draw_line(d, xy[0], xy[1], xy[2 * NJ - 2], xy[2 * NJ - 1], 3.0f, half);
        rp_draw_end(d);
        RP_REQUIRE(rp_egl_context_read_rgba(ctx, rgba, size) == RP_OK);
        gl->Clear(GL_COLOR_BUFFER_BIT);
        rp_draw_begin(d, 0, 0, W, H);
        rp_draw_polyline(d, xy, NJ, 3.0f, half);
        rp_draw_end(d);
        RP_REQUIRE(rp_egl_context_read_rgba(ctx, again, size) == RP_OK);
        int worst = 0;
        for (size_t i = 0; i < size; i++) {
            int dd = abs((int)rgba[i] - (int)again[i]);
            worst = dd > worst ? dd : worst;
        }
        RP_CHECK_MSG(worst <= 1, "polyline vs one segment: worst channel difference %d", worst);
        free(xy);
    }
    /* Sharp turns: a 50 % white zig-zag (turns of ~7°) over black never blends twice, so no
     * pixel is brighter than one blend (128); and the tips are filled (some pixel reaches it). */
    {
        float zig[2 * 30];
        for (int i = 0; i < 30; i++) {
            zig[2 * i] = 20.0f + 9.0f * (float)i;
            zig[2 * i + 1] = (i % 2) ? 40.0f : 160.0f;
        }
        gl->Clear(GL_COLOR_BUFFER_BIT);
        rp_draw_begin(d, 0, 0, W, H);
        rp_draw_polyline(d, zig, 30, 4.0f, (rp_color){1.0f, 1.0f, 1.0f, 0.5f});
        rp_draw_end(d);
        RP_REQUIRE(rp_egl_context_read_rgba(ctx, rgba, size) == RP_OK);
        int brightest = 0;
        for (size_t i = 0; i < size; i += 4) brightest = rgba[i] > brightest ? rgba[i] : brightest;
        RP_CHECK_MSG(brightest >= 127 && brightest <= 129, "brightest %d (one blend: 128)",
                     brightest);
    }

    free(rgba);
    free(again);
    rp_draw_forget_font(d, small);
    rp_font_destroy(small);
    rp_font_destroy(large);
    rp_draw_destroy(d);
    rp_egl_context_destroy(ctx);
    return rp_test_finish();
}
