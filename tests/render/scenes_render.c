/* scenes_render.c — the golden-image scenes (scenes.c) rendered headless at 800×500 and compared
 * with tests/render/golden/scene_<name>.png through the golden harness:
 *   rp-scenes [scene...]              compare (all scenes when none is named); exit 1 on a mismatch
 *   rp-scenes --out DIR [--scale S] [scene...]   write DIR/scene_<name>.png instead (to look at
 *                                    them; --scale renders at S × the size with HiDPI scale S)
 *   rp-scenes --api                   renderer misuse, stats and hit-testing after a real frame;
 *                                    two renderers of one figure each answer for their own frame
 * RINGPLOT_UPDATE_GOLDEN=1 rewrites the references (see golden.h). Every scene is drawn twice and
 * the two frames must be byte-identical. Pixel checks that mean something, beside the goldens:
 *   nan_gaps           inside each NaN gap (3.5 px clear of the samples that bound it) the series
 *                      draws nothing: its columns equal a frame without that series, exactly
 *   eight_series, light  each legend entry's swatch has its series' colour, exactly, and no other
 *                      series' colour
 *   markers            sample dots where the samples are 12 px apart and at a lone sample, and
 *                      nowhere else (against the frame with markers off) */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "figure/figure_internal.h"
#include "golden.h"
#include "ringplot.h"
#include "rp_test.h"
#include "rp_test_figures.h"
#include "scenes.h"

/* The renderer whose frames the checks below hit-test (the headless target's). */
static rp_renderer *drawer;

static rp_hit hit_at(const rp_figure *f, float px, float py)
{
    return rp_renderer_hit_test(drawer, f, px, py);
}

/* Data x at the left edge of pixel column px of the plot (hit-testing the frame just drawn along
 * row y); NAN outside the plot. */
static double data_x_at(const rp_figure *f, float px, float y)
{
    rp_hit hit = hit_at(f, px, y);
    return hit.kind == RP_HIT_PLOT ? hit.x : NAN;
}

/* Bounding box of the legend entries in the frame last drawn, grown by 8 px: x0, y0, x1, y1. */
static void legend_box(const rp_figure *f, int box[4])
{
    box[0] = box[1] = 1 << 20;
    box[2] = box[3] = -(1 << 20);
    for (int y = 0; y < RP_SCENE_HEIGHT; y++) {
        for (int x = 0; x < RP_SCENE_WIDTH; x++) {
            if (hit_at(f, x + 0.5f, y + 0.5f).kind != RP_HIT_LEGEND) continue;
            box[0] = x - 8 < box[0] ? x - 8 : box[0];
            box[1] = y - 8 < box[1] ? y - 8 : box[1];
            box[2] = x + 8 > box[2] ? x + 8 : box[2];
            box[3] = y + 8 > box[3] ? y + 8 : box[3];
        }
    }
}

/* Series `k` of the nan_gaps scene draws nothing over the x ranges gaps[2i]..gaps[2i+1] (its
 * finite samples just outside them): with only series k visible, every pixel column whose both
 * edges lie in a range shrunk by 3.5 px (a marker's reach) equals the frame with no series visible, over the plot. */
static int check_gaps(rp_headless *h, rp_scene *sc, int k, const double *gaps, int ranges,
                      uint8_t *with, uint8_t *without)
{
    int w = RP_SCENE_WIDTH, ht = RP_SCENE_HEIGHT, failed = 0, checked = 0;
    size_t size = (size_t)w * ht * 4;
    double y0 = 0, y1 = 0; /* the y view of the full scene, kept while series are hidden */
    if (rp_figure_y_view(sc->figure, 0, &y0, &y1) != RP_OK ||
        rp_figure_set_y_view(sc->figure, 0, y0, y1) != RP_OK)
        return 1;
    for (int i = 0; i < sc->series_count; i++)
        rp_figure_set_series_visible(sc->figure, sc->series[i], false);
    if (rp_headless_render(h, sc->figure) != RP_OK || rp_headless_read_rgba(h, without, size))
        return 1;
    /* The legend moves with the data it avoids: its box (the entries' hit area grown by 8 px
     * for the padding and border) in either frame is not compared. */
    int box[2][4];
    legend_box(sc->figure, box[0]);
    rp_figure_set_series_visible(sc->figure, sc->series[k], true);
    if (rp_headless_render(h, sc->figure) != RP_OK || rp_headless_read_rgba(h, with, size))
        return 1;
    legend_box(sc->figure, box[1]);
    float mid = 0.5f * (float)ht;
    double px_per_x = 1.0 / (data_x_at(sc->figure, 201, mid) - data_x_at(sc->figure, 200, mid));
    double margin = 3.5 / px_per_x; /* the pen, or a lone sample's marker (5 px + AA) */
    for (int px = 0; px < w; px++) {
        double xa = data_x_at(sc->figure, (float)px, mid),
               xb = data_x_at(sc->figure, px + 1.0f, mid);
        bool in_gap = false;
        for (int g = 0; g < ranges; g++)
            in_gap |= xa >= gaps[2 * g] + margin && xb <= gaps[2 * g + 1] - margin;
        if (!in_gap) continue;
        for (int y = 0; y < ht; y++) {
            bool in_legend = false;
            for (int b = 0; b < 2; b++)
                in_legend |= px >= box[b][0] && px <= box[b][2] && y >= box[b][1] && y <= box[b][3];
            if (in_legend || hit_at(sc->figure, px + 0.5f, y + 0.5f).kind != RP_HIT_PLOT) continue;
            checked++;
            size_t o = ((size_t)y * w + (size_t)px) * 4;
            if (memcmp(with + o, without + o, 4) != 0) {
                if (failed < 5)
                    fprintf(stderr, "nan_gaps: series %d drew pixel (%d, %d) inside a gap\n", k, px,
                            y);
                failed++;
            }
        }
    }
    for (int i = 0; i < sc->series_count; i++)
        rp_figure_set_series_visible(sc->figure, sc->series[i], true);
    rp_figure_autoscale_y(sc->figure, 0);
    if (failed > 0) {
        char path[1024], name[64];
        snprintf(name, sizeof name, "nan_gaps_series%d", k);
        rp_write_png_rgba(rp_golden_out_path(name, ".with.png", path, sizeof path), with, w, ht);
        fprintf(stderr, "  %s\n", path);
        rp_write_png_rgba(rp_golden_out_path(name, ".without.png", path, sizeof path), without, w,
                          ht);
        fprintf(stderr, "  %s\n", path);
    }
    printf("nan_gaps: series %d, %d pixels inside its gaps, %d not background\n", k, checked,
           failed);
    return failed > 0 || checked < 1000;
}

/* Each legend entry holds pixels of exactly its series' colour (the swatch), none of another's. */
static int check_legend(rp_scene *sc, const uint8_t *rgba)
{
    int w = RP_SCENE_WIDTH, ht = RP_SCENE_HEIGHT, failed = 0;
    uint8_t col[RP_SCENE_MAX_SERIES][3];
    const rp_figure_panel *fp = &sc->figure->panels[0];
    for (int k = 0; k < fp->series_count; k++) {
        rp_color c = rp_figure_series_color(sc->figure, &fp->series[k]);
        const float ch[3] = {c.r, c.g, c.b};
        for (int j = 0; j < 3; j++) col[k][j] = (uint8_t)(ch[j] * 255.0f + 0.5f);
    }
    int own[RP_SCENE_MAX_SERIES] = {0}, other[RP_SCENE_MAX_SERIES] = {0};
    for (int y = 0; y < ht; y++) {
        for (int x = 0; x < w; x++) {
            rp_hit hit = hit_at(sc->figure, x + 0.5f, y + 0.5f);
            if (hit.kind != RP_HIT_LEGEND) continue;
            int e = -1;
            for (int k = 0; k < fp->series_count; k++)
                e = fp->series[k].series == hit.series ? k : e;
            if (e < 0) continue;
            const uint8_t *p = rgba + ((size_t)y * w + (size_t)x) * 4;
            for (int k = 0; k < fp->series_count; k++) {
                if (memcmp(p, col[k], 3) == 0) {
                    if (k == e)
                        own[e]++;
                    else
                        other[e]++;
                }
            }
        }
    }
    for (int k = 0; k < fp->series_count; k++) {
        if (own[k] < 8 || other[k] > 0) {
            fprintf(stderr, "legend entry %d: %d pixels of its colour, %d of another series'\n", k,
                    own[k], other[k]);
            failed++;
        }
    }
    printf("legend: %d entries checked, %d wrong\n", fp->series_count, failed);
    return failed;
}

/* The markers scene (scenes.c): the frame (AUTO) differs from one with markers off only within
 * a marker's reach (3.5 px) of series 0's samples (12 px apart) and of series 1's lone sample
 * (its others are 1.2 px apart: no dots), and at each of those samples by a dot's worth. */
static int check_markers(rp_headless *h, rp_scene *sc, const uint8_t *rgba, uint8_t *off)
{
    int w = RP_SCENE_WIDTH, ht = RP_SCENE_HEIGHT, failed = 0;
    rp_frame_layout fl;
    if (!rp_renderer_frame_layout(drawer, sc->figure, &fl)) return 1;
    rp_frame_rect plot = fl.panels[0].plot;
    double x0 = fl.x0, x1 = fl.x1, y0 = fl.panels[0].y0, y1 = fl.panels[0].y1;
    enum { MARKED = 62 };
    double mx[MARKED], my[MARKED];
    int marked = 0;
    for (int i = 0; i <= 60; i++) {
        double x = i / 20.0, y = sin(2.0 * 3.14159265358979323846 * 1.5 * x);
        mx[marked] = plot.x + (x - x0) * plot.width / (x1 - x0);
        my[marked++] = plot.y + plot.height - (y - y0) * plot.height / (y1 - y0);
    }
    mx[marked] = plot.x + (320 / 200.0 - x0) * plot.width / (x1 - x0);
    my[marked++] = plot.y + plot.height - ((-1.6 + 0.32) - y0) * plot.height / (y1 - y0);
    if (rp_figure_set_markers(sc->figure, RP_MARKERS_OFF) != RP_OK ||
        rp_headless_render(h, sc->figure) != RP_OK ||
        rp_headless_read_rgba(h, off, (size_t)w * ht * 4) != RP_OK)
        return 1;
    rp_figure_set_markers(sc->figure, RP_MARKERS_AUTO);
    int near[MARKED] = {0}, stray = 0;
    for (int y = 0; y < ht; y++)
        for (int x = 0; x < w; x++) {
            size_t o = ((size_t)y * w + (size_t)x) * 4;
            if (memcmp(rgba + o, off + o, 4) == 0) continue;
            int hit = -1;
            for (int k = 0; k < marked && hit < 0; k++)
                if (hypot(x + 0.5 - mx[k], y + 0.5 - my[k]) <= 3.5) hit = k;
            if (hit < 0)
                stray++;
            else
                near[hit]++;
        }
    for (int k = 0; k < marked; k++) {
        bool inside = mx[k] > plot.x + 3 && mx[k] < plot.x + plot.width - 3;
        if (inside && near[k] < 4) {
            fprintf(stderr, "markers: sample %d at (%.1f, %.1f): %d pixels of a dot\n", k, mx[k],
                    my[k], near[k]);
            failed++;
        }
    }
    if (stray > 0) fprintf(stderr, "markers: %d pixels changed away from every sample\n", stray);
    printf("markers: %d samples checked, %d without a dot, %d stray pixels\n", marked, failed,
           stray);
    return failed + (stray > 0);
}

/* The scene-specific checks (0: passed or none). */
static int meaning_checks(rp_headless *h, rp_scene *sc, const char *name, const uint8_t *rgba,
                          uint8_t *scratch_a, uint8_t *scratch_b)
{
    if (strcmp(name, "nan_gaps") == 0) {
        /* scenes.c: series 0 is finite but for 100..139, 250, 330..331 and 520..; series 1 is
         * NaN before 60, at multiples of 37 and over 440..469 but for 455. */
        const double gaps0[4] = {99, 140, 519, 600};
        const double gaps1[6] = {0, 60, 439, 455, 455, 470};
        return check_gaps(h, sc, 0, gaps0, 2, scratch_a, scratch_b) +
               check_gaps(h, sc, 1, gaps1, 3, scratch_a, scratch_b);
    }
    if (strcmp(name, "eight_series") == 0 || strcmp(name, "light") == 0)
        return check_legend(sc, rgba);
    if (strcmp(name, "markers") == 0) return check_markers(h, sc, rgba, scratch_a);
    return 0;
}

/* The legend entry of series s in the last frame r drew of f: its centre, false when none. */
static bool legend_entry_at(rp_renderer *r, const rp_figure *f, const rp_series *s, float *ex,
                            float *ey)
{
    rp_frame_layout fl;
    if (!rp_renderer_frame_layout(r, f, &fl)) return false;
    rp_frame_rect box = fl.panels[0].legend;
    float n = 0, sx = 0, sy = 0;
    for (float y = box.y + 0.5f; y < box.y + box.height; y += 1)
        for (float x = box.x + 0.5f; x < box.x + box.width; x += 1) {
            rp_hit hit = rp_renderer_hit_test(r, f, x, y);
            if (hit.kind != RP_HIT_LEGEND || hit.series != s) continue;
            sx += x;
            sy += y;
            n++;
        }
    *ex = sx / n;
    *ey = sy / n;
    return n > 0;
}

/* Two renderers draw one figure at two sizes (a window and a smaller export, say): each answers
 * hit tests for its own frame, and one's frame never moves the legend of the other. The figure
 * used to hold a single "last frame" written by whoever drew last: the big renderer then
 * hit-tested against the small one's layout, and chose its legend corner afresh after every
 * frame of the other (here: off the corner the data has since moved into, a jump). */
static void two_renderers(rp_headless *h)
{
    rp_renderer *big = rp_headless_renderer(h), *small = NULL;
    RP_REQUIRE_VOID(rp_renderer_create(NULL, &small) == RP_OK); /* in h's context, current now */
    rp_series *s = NULL;
    rp_figure *f = rp_test_legend_figure(&s); /* low left, high right */
    RP_REQUIRE_VOID(f != NULL);
    rp_frame_layout fb, fs;
    RP_CHECK(!rp_renderer_frame_layout(big, f, &fb) && fb.width == 0); /* not drawn yet */
    RP_CHECK(rp_renderer_hit_test(big, f, 100, 100).kind == RP_HIT_NONE);
    RP_CHECK(rp_headless_render(h, f) == RP_OK);
    RP_CHECK(rp_renderer_frame_layout(big, f, &fb) && fb.width == RP_SCENE_WIDTH);
    RP_CHECK(fb.panels[0].legend_place == RP_LEGEND_TOP_LEFT); /* the free corner */
    rp_test_push_level(s, 250, 10.0f); /* high, low at the very right: top-left covered now */
    rp_test_push_level(s, 250, 0.0f);
    RP_CHECK(rp_renderer_draw(small, f, 0, 0, 320, 200) == RP_OK);
    RP_CHECK(rp_renderer_frame_layout(small, f, &fs) && fs.width == 320 && fs.height == 200);
    RP_CHECK(fs.panels[0].legend_place != RP_LEGEND_TOP_LEFT); /* its own, fresh choice */
    RP_CHECK(rp_headless_render(h, f) == RP_OK);
    RP_CHECK(rp_renderer_frame_layout(big, f, &fb) && fb.width == RP_SCENE_WIDTH);
    RP_CHECK(fb.panels[0].legend_place == RP_LEGEND_TOP_LEFT); /* held: the layout is the same */
    /* Hit tests: a point of the big plot beyond the small viewport; each one's legend entry. */
    rp_frame_rect pb = fb.panels[0].plot;
    float px = pb.x + pb.width - 3, py = pb.y + pb.height - 3;
    RP_CHECK(rp_renderer_hit_test(big, f, px, py).kind == RP_HIT_PLOT);
    RP_CHECK(rp_renderer_hit_test(small, f, px, py).kind == RP_HIT_NONE);
    float bx = 0, by = 0, sx = 0, sy = 0;
    RP_CHECK(legend_entry_at(big, f, s, &bx, &by) && legend_entry_at(small, f, s, &sx, &sy));
    RP_CHECK(bx != sx || by != sy);
    RP_CHECK(rp_renderer_hit_test(big, f, bx, by).series == s);
    RP_CHECK(rp_renderer_hit_test(small, f, sx, sy).series == s);
    /* A destroyed renderer or figure answers nothing. */
    rp_renderer_destroy(small);
    RP_CHECK(rp_renderer_hit_test(small, f, sx, sy).kind == RP_HIT_NONE);
    RP_CHECK(!rp_renderer_frame_layout(small, f, &fs));
    rp_figure_destroy(f);
    RP_CHECK(rp_renderer_hit_test(big, f, px, py).kind == RP_HIT_NONE);
    rp_series_destroy(s);
}

/* The renderer API around a real frame: misuse is refused with a message, stats are filled, the
 * renderer's record of the frame hit-tests back to the plot and the legend. */
static void api_checks(rp_headless *h)
{
    rp_renderer *r = rp_headless_renderer(h);
    RP_CHECK(r != NULL);
    RP_CHECK(rp_renderer_draw(r, NULL, 0, 0, 10, 10) == RP_ERR_INVALID_ARG);
    RP_CHECK(strlen(rp_renderer_last_error(r)) > 0);
    RP_CHECK(rp_renderer_draw(NULL, NULL, 0, 0, 10, 10) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_renderer_create(NULL, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK(strlen(rp_renderer_gl_string(r)) > 0);
    rp_scene sc;
    RP_CHECK(rp_scene_build(0, &sc) == RP_OK);
    RP_CHECK(rp_renderer_draw(r, sc.figure, 0, 0, 0, 10) == RP_ERR_INVALID_ARG);
    RP_CHECK(rp_headless_render(h, sc.figure) == RP_OK);
    rp_frame_stats st = rp_renderer_last_stats(r);
    RP_CHECK(st.total_ms > 0 && st.vertices > 0 && st.upload_bytes > 0);
    RP_CHECK(st.samples_in_view == 2001);
    /* Hit-testing against the frame just drawn: the centre is data, the legend names the series. */
    rp_hit hit = hit_at(sc.figure, RP_SCENE_WIDTH * 0.5f, RP_SCENE_HEIGHT * 0.5f);
    RP_CHECK(hit.kind == RP_HIT_PLOT && hit.panel == 0);
    RP_CHECK(hit.x > 0 && hit.x < 12.6 && hit.y > -1.2 && hit.y < 1.2);
    bool legend_found = false;
    for (float y = 0; y < RP_SCENE_HEIGHT && !legend_found; y += 2)
        for (float x = 0; x < RP_SCENE_WIDTH && !legend_found; x += 2) {
            hit = hit_at(sc.figure, x, y);
            legend_found = hit.kind == RP_HIT_LEGEND && hit.series == sc.series[0];
        }
    RP_CHECK(legend_found);
    RP_CHECK(hit_at(sc.figure, 4, RP_SCENE_HEIGHT * 0.5f).kind == RP_HIT_Y_AXIS);
    RP_CHECK(hit_at(sc.figure, RP_SCENE_WIDTH * 0.5f, RP_SCENE_HEIGHT - 30).kind == RP_HIT_X_AXIS);
    /* The default loader (desc NULL: eglGetProcAddress, found by the renderer itself) works in
     * the EGL context current now, and its renderer draws into the framebuffer bound. */
    rp_renderer *own = NULL;
    RP_CHECK(rp_renderer_create(NULL, &own) == RP_OK);
    if (own) {
        RP_CHECK(rp_renderer_draw(own, sc.figure, 0, 0, 320, 200) == RP_OK);
        RP_CHECK(rp_renderer_last_stats(own).vertices > 0);
        rp_renderer_destroy(own);
    }
    RP_CHECK(hit_at(sc.figure, RP_SCENE_WIDTH * 0.5f, RP_SCENE_HEIGHT - 30).kind ==
             RP_HIT_X_AXIS); /* own's frame left h's record alone */
    /* A hidden series is not drawn; a figure without panels draws its background. */
    rp_figure_set_series_visible(sc.figure, sc.series[0], false);
    RP_CHECK(rp_headless_render(h, sc.figure) == RP_OK);
    RP_CHECK(rp_renderer_last_stats(r).samples_in_view == 0);
    rp_figure *empty = NULL;
    rp_figure_create(&(rp_figure_desc){.title = "empty"}, &empty);
    RP_CHECK(rp_headless_render(h, empty) == RP_OK);
    rp_figure_destroy(empty);
    rp_scene_free(&sc);
}

int main(int argc, char **argv)
{
    const char *out_dir = NULL;
    int first = 1;
    float scale = 1;
    if (argc >= 3 && strcmp(argv[1], "--out") == 0) {
        out_dir = argv[2];
        first = 3;
        if (argc >= 5 && strcmp(argv[3], "--scale") == 0) {
            scale = (float)atof(argv[4]);
            first = 5;
            if (!(scale >= 1 && scale <= 4)) scale = 1;
        }
    }
    int width = (int)(RP_SCENE_WIDTH * scale), height = (int)(RP_SCENE_HEIGHT * scale);
    rp_headless *h = NULL;
    rp_status st = rp_headless_create(
        &(rp_headless_desc){.width = width, .height = height, .scale = scale}, &h);
    if (st != RP_OK) {
        fprintf(stderr, "rp-scenes: headless: %s\n", rp_status_string(st));
        return 1;
    }
    drawer = rp_headless_renderer(h);
    if (argc == 2 && strcmp(argv[1], "--api") == 0) {
        api_checks(h);
        two_renderers(h);
        rp_headless_destroy(h);
        return rp_test_finish();
    }
    size_t size = (size_t)width * height * 4;
    uint8_t *a = malloc(size), *b = malloc(size), *c = malloc(size);
    int failed = 0, ran = 0;
    for (int i = 0; i < rp_scene_count() && a && b && c; i++) {
        const char *name = rp_scene_name(i);
        bool wanted = argc == first;
        for (int k = first; k < argc; k++) wanted |= strcmp(argv[k], name) == 0;
        if (!wanted) continue;
        ran++;
        rp_scene sc;
        st = rp_scene_build(i, &sc);
        if (st == RP_OK) st = rp_headless_render(h, sc.figure);
        if (st == RP_OK) st = rp_headless_read_rgba(h, a, size);
        if (st == RP_OK) st = rp_headless_render(h, sc.figure);
        if (st == RP_OK) st = rp_headless_read_rgba(h, b, size);
        rp_frame_stats fs = rp_renderer_last_stats(rp_headless_renderer(h));
        bool same = st == RP_OK && memcmp(a, b, size) == 0;
        char golden_name[128];
        snprintf(golden_name, sizeof golden_name, "scene_%s", name);
        bool match = false;
        if (st == RP_OK && out_dir) {
            char path[1024];
            snprintf(path, sizeof path, "%s/%s.png", out_dir, golden_name);
            st = rp_write_png_rgba(path, a, width, height);
            match = st == RP_OK;
        } else if (st == RP_OK) {
            match = rp_golden_check(golden_name, a, RP_SCENE_WIDTH, RP_SCENE_HEIGHT);
        }
        printf("%-14s %-8s %-9s %-8s total %.2f ms, decimate %.2f ms, %lld vertices, %lld "
               "samples\n",
               name, st == RP_OK ? "ok" : rp_status_string(st), same ? "stable" : "UNSTABLE",
               match ? "match" : "MISMATCH", fs.total_ms, fs.decimate_ms, (long long)fs.vertices,
               (long long)fs.samples_in_view);
        if (st != RP_OK) fprintf(stderr, "rp-scenes: %s: %s\n", name, rp_headless_last_error(h));
        if (st != RP_OK || !same || !match)
            failed++;
        else if (!out_dir && meaning_checks(h, &sc, name, a, b, c) != 0)
            failed++;
        rp_scene_free(&sc);
    }
    free(a);
    free(b);
    free(c);
    rp_headless_destroy(h);
    if (ran == 0) {
        fprintf(stderr, "rp-scenes: no such scene\n");
        return 2;
    }
    return failed ? 1 : 0;
}
