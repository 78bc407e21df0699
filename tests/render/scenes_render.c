/* scenes_render.c — the golden-image scenes (scenes.c) rendered headless at 800×500 and compared
 * with tests/render/golden/scene_<name>.png through the golden harness:
 *   rp-scenes [scene...]              compare (all scenes when none is named); exit 1 on a mismatch
 *   rp-scenes --out DIR [--scale S] [scene...]   write DIR/scene_<name>.png instead (to look at
 *                                    them; --scale renders at S × the size with HiDPI scale S)
 *   rp-scenes --api                   renderer misuse, stats and hit-testing after a real frame
 * RINGPLOT_UPDATE_GOLDEN=1 rewrites the references (see golden.h). Every scene is drawn twice and
 * the two frames must be byte-identical. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "golden.h"
#include "ringplot.h"
#include "scenes.h"

/* The renderer API around a real frame: misuse is refused with a message, stats are filled, the
 * figure's stored layout hit-tests back to the plot and the legend. */
static int api_checks(rp_headless *h)
{
    int failed = 0;
#define API_CHECK(cond)                                                                            \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond);               \
            failed++;                                                                              \
        }                                                                                          \
    } while (0)
    rp_renderer *r = rp_headless_renderer(h);
    API_CHECK(r != NULL);
    API_CHECK(rp_renderer_draw(r, NULL, 0, 0, 10, 10) == RP_ERR_INVALID_ARG);
    API_CHECK(strlen(rp_renderer_last_error(r)) > 0);
    API_CHECK(rp_renderer_draw(NULL, NULL, 0, 0, 10, 10) == RP_ERR_INVALID_ARG);
    API_CHECK(rp_renderer_create(NULL, NULL) == RP_ERR_INVALID_ARG);
    API_CHECK(strlen(rp_renderer_gl_string(r)) > 0);
    rp_scene sc;
    API_CHECK(rp_scene_build(0, &sc) == RP_OK);
    API_CHECK(rp_renderer_draw(r, sc.figure, 0, 0, 0, 10) == RP_ERR_INVALID_ARG);
    API_CHECK(rp_headless_render(h, sc.figure) == RP_OK);
    rp_frame_stats st = rp_renderer_last_stats(r);
    API_CHECK(st.total_ms > 0 && st.vertices > 0 && st.upload_bytes > 0);
    API_CHECK(st.samples_in_view == 2001);
    /* Hit-testing against the frame just drawn: the centre is data, the legend names the series. */
    rp_hit hit = rp_figure_hit_test(sc.figure, RP_SCENE_WIDTH * 0.5f, RP_SCENE_HEIGHT * 0.5f);
    API_CHECK(hit.kind == RP_HIT_PLOT && hit.panel == 0);
    API_CHECK(hit.x > 0 && hit.x < 12.6 && hit.y > -1.2 && hit.y < 1.2);
    bool legend_found = false;
    for (float y = 0; y < RP_SCENE_HEIGHT && !legend_found; y += 2)
        for (float x = RP_SCENE_WIDTH * 0.5f; x < RP_SCENE_WIDTH && !legend_found; x += 2) {
            hit = rp_figure_hit_test(sc.figure, x, y);
            legend_found = hit.kind == RP_HIT_LEGEND && hit.series == sc.series[0];
        }
    API_CHECK(legend_found);
    API_CHECK(rp_figure_hit_test(sc.figure, 4, RP_SCENE_HEIGHT * 0.5f).kind == RP_HIT_Y_AXIS);
    API_CHECK(rp_figure_hit_test(sc.figure, RP_SCENE_WIDTH * 0.5f, RP_SCENE_HEIGHT - 30).kind ==
              RP_HIT_X_AXIS);
    /* The default loader (desc NULL: eglGetProcAddress, found by the renderer itself) works in
     * the EGL context current now, and its renderer draws into the framebuffer bound. */
    rp_renderer *own = NULL;
    API_CHECK(rp_renderer_create(NULL, &own) == RP_OK);
    if (own) {
        API_CHECK(rp_renderer_draw(own, sc.figure, 0, 0, 320, 200) == RP_OK);
        API_CHECK(rp_renderer_last_stats(own).vertices > 0);
        rp_renderer_destroy(own);
    }
    API_CHECK(rp_headless_render(h, sc.figure) == RP_OK); /* the figure's layout is h's again */
    /* A hidden series is not drawn; a figure without panels draws its background. */
    rp_figure_set_series_visible(sc.figure, sc.series[0], false);
    API_CHECK(rp_headless_render(h, sc.figure) == RP_OK);
    API_CHECK(rp_renderer_last_stats(r).samples_in_view == 0);
    rp_figure *empty = NULL;
    rp_figure_create(&(rp_figure_desc){.title = "empty"}, &empty);
    API_CHECK(rp_headless_render(h, empty) == RP_OK);
    rp_figure_destroy(empty);
    rp_scene_free(&sc);
    printf("api: %s\n", failed ? "FAILED" : "ok");
    return failed;
#undef API_CHECK
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
    if (argc == 2 && strcmp(argv[1], "--api") == 0) {
        int failed = api_checks(h);
        rp_headless_destroy(h);
        return failed ? 1 : 0;
    }
    size_t size = (size_t)width * height * 4;
    uint8_t *a = malloc(size), *b = malloc(size);
    int failed = 0, ran = 0;
    for (int i = 0; i < rp_scene_count() && a && b; i++) {
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
        if (st != RP_OK || !same || !match) failed++;
        rp_scene_free(&sc);
    }
    free(a);
    free(b);
    rp_headless_destroy(h);
    if (ran == 0) {
        fprintf(stderr, "rp-scenes: no such scene\n");
        return 2;
    }
    return failed ? 1 : 0;
}
