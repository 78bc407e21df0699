/* test_fault_viewer.c — the viewer under faults, with a GL context.
 *   test_fault_viewer headless <scratch>   a producer far faster than rendering (frame cost stays
 *                                          O(pixels)); PNGs that cannot be written (bad path,
 *                                          /dev/full): an error, and the next frames still draw
 *   test_fault_viewer window <scratch>     (SDL_VIDEODRIVER=offscreen) a screenshot into a missing
 *                                          directory; a minimised window: no frames drawn and CPU
 *                                          use a fraction of the visible window's (no busy loop) */
#define _GNU_SOURCE
#include <SDL.h>
#include <pthread.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "app/viewer.h"
#include "rp_test.h"

static double clock_s(clockid_t id)
{
    struct timespec ts;
    clock_gettime(id, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Options: one idle UDP source on 127.0.0.1 (an ephemeral port), so only the viewer works. */
static rp_viewer_options idle_options(bool headless)
{
    rp_viewer_options o;
    memset(&o, 0, sizeof o);
    o.sources[0] = (rp_source_desc){.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1", .udp.port = 0};
    o.source_count = 1;
    o.span = 1;
    o.width = 640;
    o.height = 360;
    o.x_axis = RP_X_AXIS_TIME;
    o.headless = headless;
    o.hud = true;
    o.screenshot_dir = "/nonexistent/dir";
    return o;
}

typedef struct producer {
    rp_series *series;
    atomic_bool stop;
    atomic_llong pushed;
} producer;

static void *produce(void *arg)
{
    producer *p = arg;
    float block[8192];
    for (int i = 0; i < 8192; i++) block[i] = (float)((i * 7919) % 1000) * 0.001f;
    while (!atomic_load(&p->stop))
        if (rp_push(p->series, block, 8192) == RP_OK) atomic_fetch_add(&p->pushed, 8192);
    return NULL;
}

/* A producer far faster than rendering: every frame stays valid and its size follows the
 * pixels (vertices, uploads), not the millions of samples arriving between frames. */
static void fast_producer_frames(void)
{
    rp_headless *h = NULL;
    RP_REQUIRE_VOID(
        rp_headless_create(&(rp_headless_desc){.width = 640, .height = 360, .scale = 1.0f}, &h) ==
        RP_OK);
    producer p = {0};
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "fast", .capacity = 1 << 22, .rate = 1e8},
                         &p.series) == RP_OK);
    rp_figure *fig = NULL;
    int panel;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &fig) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_panel(fig, NULL, &panel) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_series(fig, panel, p.series, NULL) == RP_OK);
    rp_figure_follow(fig, 0.04); /* up to 4M samples in view at 1e8/s */
    pthread_t th;
    RP_REQUIRE_VOID(pthread_create(&th, NULL, produce, &p) == 0);
    int ok = 0;
    int64_t max_vertices = 0, max_upload = 0, max_in_view = 0;
    for (int f = 0; f < 30; f++) {
        if (rp_headless_render(h, fig) == RP_OK) ok++;
        rp_frame_stats fs = rp_renderer_last_stats(rp_headless_renderer(h));
        if (fs.vertices > max_vertices) max_vertices = fs.vertices;
        if (fs.upload_bytes > max_upload) max_upload = fs.upload_bytes;
        if (fs.samples_in_view > max_in_view) max_in_view = fs.samples_in_view;
    }
    atomic_store(&p.stop, true);
    pthread_join(th, NULL);
    rp_series_stats ss = rp_series_stats_get(p.series);
    printf("fast producer: %lld samples pushed during 30 frames; per frame at most %lld in view, "
           "%lld vertices, %lld bytes uploaded\n",
           (long long)atomic_load(&p.pushed), (long long)max_in_view, (long long)max_vertices,
           (long long)max_upload);
    RP_CHECK_EQ_INT(ok, 30);
    RP_CHECK_EQ_INT(ss.accepted, atomic_load(&p.pushed));
    RP_CHECK_EQ_INT(ss.retained + ss.expired, ss.accepted);
    RP_CHECK(max_in_view > 100 * 640);  /* far more samples than pixels... */
    RP_CHECK(max_vertices <= 64 * 640); /* ...yet the frame is O(width) */
    RP_CHECK(max_upload <= 64 * 640 * 64);
    rp_figure_destroy(fig);
    rp_series_destroy(p.series);
    rp_headless_destroy(h);
}

static int run_headless(const char *scratch)
{
    fast_producer_frames();
    rp_viewer_options o = idle_options(true);
    rp_viewer *v = NULL;
    char err[256] = "";
    RP_REQUIRE(rp_viewer_create(&o, &v, err, sizeof err) == RP_OK);
    RP_CHECK_EQ_INT(rp_viewer_frame(v), RP_OK);
    /* PNGs that cannot be written: an I/O error, and the viewer keeps drawing */
    RP_CHECK_EQ_INT(rp_viewer_write_png(v, "/nonexistent/dir/x.png"), RP_ERR_IO);
    RP_CHECK_EQ_INT(rp_viewer_frame(v), RP_OK);
    RP_CHECK_EQ_INT(rp_viewer_write_png(v, "/dev/full"), RP_ERR_IO);
    struct stat st;
    RP_CHECK(stat("/dev/full", &st) == 0 && S_ISCHR(st.st_mode)); /* a device is never removed */
    RP_CHECK_EQ_INT(rp_viewer_frame(v), RP_OK);
    char path[1024];
    snprintf(path, sizeof path, "%s/fault_after_errors.png", scratch);
    RP_CHECK_EQ_INT(rp_viewer_write_png(v, path), RP_OK);
    RP_CHECK(stat(path, &st) == 0 && st.st_size > 0);
    rp_viewer_destroy(v);
    return rp_test_finish();
}

static void *quit_later(void *arg)
{
    double s = *(const double *)arg;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    nanosleep(&ts, NULL);
    SDL_Event q = {.type = SDL_QUIT};
    SDL_PushEvent(&q); /* thread-safe */
    return NULL;
}

/* Runs rp_viewer_run for `seconds` (a thread pushes SDL_QUIT); returns CPU seconds used. */
static double timed_run(rp_viewer *v, double seconds, double *wall)
{
    pthread_t th;
    double cpu0 = clock_s(CLOCK_PROCESS_CPUTIME_ID), t0 = clock_s(CLOCK_MONOTONIC);
    pthread_create(&th, NULL, quit_later, &seconds);
    rp_viewer_run(v);
    pthread_join(th, NULL);
    *wall = clock_s(CLOCK_MONOTONIC) - t0;
    return clock_s(CLOCK_PROCESS_CPUTIME_ID) - cpu0;
}

static void drain(rp_viewer *v)
{
    SDL_Event e;
    SDL_PumpEvents();
    while (SDL_PollEvent(&e)) rp_viewer_handle_event(v, &e);
}

static int run_window(void)
{
    /* Keep SDL video and its GL library loaded across the two viewers: unloading Mesa in between
     * would turn its known leak into unsymbolised frames that lsan.supp cannot name. */
    if (SDL_InitSubSystem(SDL_INIT_VIDEO) != 0 ||
        !SDL_CreateWindow("keep", 0, 0, 8, 8, SDL_WINDOW_OPENGL | SDL_WINDOW_HIDDEN)) {
        fprintf(stderr, "no SDL video: %s\n", SDL_GetError());
        return 1;
    }
    rp_viewer_options o = idle_options(false);
    rp_viewer *v = NULL;
    char err[256] = "";
    if (rp_viewer_create(&o, &v, err, sizeof err) != RP_OK) {
        fprintf(stderr, "no window: %s\n", err);
        return 1;
    }
    drain(v);
    /* a screenshot into a directory that does not exist: a message, and the next frames draw */
    SDL_Event key = {.type = SDL_KEYDOWN};
    key.key.keysym.sym = SDLK_s;
    RP_CHECK(rp_viewer_handle_event(v, &key));
    RP_CHECK_EQ_INT(rp_viewer_frame(v), RP_OK);
    RP_CHECK_EQ_INT(rp_viewer_last_screenshot(v)[0], 0);
    RP_CHECK_EQ_INT(rp_viewer_write_png(v, "/dev/full"), RP_ERR_IO);
    for (int i = 0; i < 3; i++) RP_CHECK_EQ_INT(rp_viewer_frame(v), RP_OK);

    /* visible: the loop draws frames */
    double wall_vis, wall_min;
    int64_t f0 = rp_viewer_frames(v);
    double cpu_vis = timed_run(v, 1.0, &wall_vis);
    int64_t frames_vis = rp_viewer_frames(v) - f0;
    rp_viewer_destroy(v);

    /* minimised: a second viewer (a run ends with quit), minimised through its event queue */
    RP_REQUIRE(rp_viewer_create(&o, &v, err, sizeof err) == RP_OK);
    drain(v);
    SDL_Event min = {.type = SDL_WINDOWEVENT};
    min.window.event = SDL_WINDOWEVENT_MINIMIZED;
    min.window.windowID = SDL_GetWindowID(rp_window_sdl_window(rp_viewer_window(v)));
    SDL_PushEvent(&min);
    f0 = rp_viewer_frames(v);
    double cpu_min = timed_run(v, 1.5, &wall_min);
    int64_t frames_min = rp_viewer_frames(v) - f0;
    rp_viewer_destroy(v);

    printf("visible: %lld frames, CPU %.0f%% of wall; minimised: %lld frames, CPU %.1f%% of wall\n",
           (long long)frames_vis, 100 * cpu_vis / wall_vis, (long long)frames_min,
           100 * cpu_min / wall_min);
    RP_CHECK(frames_vis >= 5);
    RP_CHECK_MSG(frames_min <= 1, "%lld frames drawn while minimised", (long long)frames_min);
    /* no busy loop: a spinning loop would use a whole core; waiting uses next to nothing */
    RP_CHECK_MSG(cpu_min / wall_min < 0.2, "minimised CPU %.2f of wall", cpu_min / wall_min);
    RP_CHECK_MSG(cpu_min / wall_min < 0.5 * cpu_vis / wall_vis + 0.02,
                 "minimised %.3f vs visible %.3f", cpu_min / wall_min, cpu_vis / wall_vis);
    return rp_test_finish();
}

int main(int argc, char **argv)
{
    if (argc == 3 && !strcmp(argv[1], "headless")) return run_headless(argv[2]);
    if (argc >= 2 && !strcmp(argv[1], "window")) return run_window();
    fprintf(stderr, "usage: test_fault_viewer headless|window <scratch dir>\n");
    return 2;
}
