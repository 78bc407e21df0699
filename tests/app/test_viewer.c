/* The viewer end to end, driven like a person would drive it:
 *   pipe    rp-stream → pipe → ringplot pipeline (headless); every sample arrives and each series'
 *           colour is drawn where its data says.
 *   udp     rp-stream → UDP 127.0.0.1 → ringplot; the same checks.
 *   window  a real SDL window (SDL_VIDEODRIVER=offscreen, or x11 under Xvfb): injected mouse and
 *           key events zoom, pan, pause (samples pushed while paused are all there after resume),
 *           toggle a legend entry, show the HUD, take a screenshot, go back to live.
 *   xdotool a real X11 window under Xvfb (no window manager) driven by xdotool: the legend of a
 *           scrolling view takes three clicks of three and can be dragged to a corner; space
 *           after a drag returns to live; a paused view keeps its time origin through zooms;
 *           fullscreen lays out at the screen's size.
 *   serial  a pseudo-terminal as the board (headless): --send reaches it at start, its lines are
 *           plotted, the ':' prompt types a line that reaches it (Esc cancels, other keys do
 *           nothing meanwhile), the HUD names the port and says when the device vanished.
 *   views   the same with a spectrum, a trigger and an XY panel: wheel, shift+wheel and drags over
 *           them move their own axes and never the paused time view; a double-click and 'a'
 *           bring them back to the whole range.
 *   layout  a layout set up by hand (a series hidden, a legend dragged, x, n, g, v, t, b, p, o)
 *           and saved with 'w' comes back in a second viewer of the file, which saves it again
 *           byte for byte.
 *   test_viewer <rp-stream path> <pipe|udp|window|xdotool|views|serial|layout> <scratch dir> */
#define _GNU_SOURCE
#include <dirent.h>
#include <SDL.h>
#include <SDL_syswm.h>
#include <dlfcn.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "viewer/viewer.h"
#include "figure/figure_internal.h"
#include "rp_test.h"

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wsign-compare"
#include <stb_image.h>
#pragma GCC diagnostic pop

static const char *rp_stream_path;
static const char *scratch;

static pid_t spawn(char *const argv[], int stdout_fd)
{
    pid_t pid = fork();
    if (pid == 0) {
        if (stdout_fd >= 0) dup2(stdout_fd, 1);
        execv(argv[0], argv);
        _exit(127);
    }
    return pid;
}

static int wait_exit(pid_t pid)
{
    int status = 0;
    waitpid(pid, &status, 0);
    return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
}

/* Where the viewer's last frame put things: its renderer's record, not the figure's. */
static const rp_frame_layout *frame_of(rp_viewer *v)
{
    static rp_frame_layout fl;
    RP_CHECK(rp_renderer_frame_layout(rp_viewer_renderer(v), rp_viewer_figure(v), &fl));
    return &fl;
}

/* The rectangle of series s's entry in the legend of panel p of the last frame, found as a user
 * finds it: the pixels of the legend box that hit-test to it (w 0: not there). */
static rp_rect legend_entry(rp_viewer *v, int p, const rp_series *s)
{
    rp_frame_rect box = frame_of(v)->panels[p].legend;
    float x0 = INFINITY, y0 = INFINITY, x1 = -INFINITY, y1 = -INFINITY;
    for (float y = box.y; y < box.y + box.height; y += 1)
        for (float x = box.x; x < box.x + box.width; x += 1) {
            rp_hit h = rp_renderer_hit_test(rp_viewer_renderer(v), rp_viewer_figure(v), x, y);
            if (h.kind != RP_HIT_LEGEND || h.series != s) continue;
            x0 = fminf(x0, x);
            y0 = fminf(y0, y);
            x1 = fmaxf(x1, x + 1);
            y1 = fmaxf(y1, y + 1);
        }
    return x1 > x0 ? (rp_rect){x0, y0, x1 - x0, y1 - y0} : (rp_rect){0};
}

static rp_rect plot_of(rp_viewer *v, int p)
{
    rp_frame_rect r = frame_of(v)->panels[p].plot;
    return (rp_rect){r.x, r.y, r.width, r.height};
}

static rp_series *find(rp_viewer *v, const char *name)
{
    rp_ingest *ing = rp_viewer_ingest(v);
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (s && !strcmp(rp_series_name(s), name)) return s;
    }
    return NULL;
}

/* Each visible series of panel 0 is drawn in its colour at (x, value) for a few x in view. */
static void check_colours_where_data_is(rp_viewer *v, const char *png)
{
    RP_REQUIRE_VOID(rp_viewer_write_png(v, png) == RP_OK);
    int w, h, n;
    unsigned char *img = stbi_load(png, &w, &h, &n, 4);
    RP_REQUIRE_VOID(img != NULL);
    rp_figure *f = rp_viewer_figure(v);
    const rp_figure_panel *pn = &f->panels[0];
    const rp_frame_layout *fl = frame_of(v);
    const rp_frame_panel *dp = &fl->panels[0];
    RP_CHECK(pn->series_count >= 2);
    for (int si = 0; si < pn->series_count; si++) {
        const rp_figure_series *fs = &pn->series[si];
        rp_color c = rp_figure_series_color(f, fs);
        int cr = (int)(c.r * 255 + 0.5f), cg = (int)(c.g * 255 + 0.5f),
            cb = (int)(c.b * 255 + 0.5f);
        int hits = 0, probes = 0;
        for (int k = 1; k <= 9; k++) {
            double x = fl->x0 + (fl->x1 - fl->x0) * k / 10.0;
            int64_t idx;
            double sx;
            float val;
            if (rp_series_sample_near(fs->series, x, &idx, &sx, &val) != RP_OK || !isfinite(val))
                continue;
            if (sx < fl->x0 || sx > fl->x1) continue;
            int px = (int)(dp->plot.x + (sx - fl->x0) / (fl->x1 - fl->x0) * dp->plot.width);
            int py = (int)(dp->plot.y + (dp->y1 - val) / (dp->y1 - dp->y0) * dp->plot.height);
            probes++;
            bool found = false;
            for (int dy = -4; dy <= 4 && !found; dy++)
                for (int dx = -4; dx <= 4 && !found; dx++) {
                    int x2 = px + dx, y2 = py + dy;
                    if (x2 < 0 || y2 < 0 || x2 >= w || y2 >= h) continue;
                    const unsigned char *p = img + ((size_t)y2 * (size_t)w + (size_t)x2) * 4;
                    found = abs(p[0] - cr) + abs(p[1] - cg) + abs(p[2] - cb) < 90;
                }
            hits += found;
        }
        RP_CHECK_MSG(probes >= 5 && hits == probes,
                     "series %s: colour found at %d of %d data points", fs->label, hits, probes);
    }
    stbi_image_free(img);
}

static void frames(rp_viewer *v, int n);
/* A wait for the viewer's sources ends as soon as what it waits for happened; its bound (frames
 * of at least 5 ms, SDL_Delay(1) steps) only keeps a broken build from hanging, and is ample for
 * a sanitizer build on a loaded 2-core machine: bounds of 1-3 s are not. */
#define WAIT_FRAMES 6000
#define WAIT_MS 60000
static bool wait_accepted(rp_viewer *v, const char *name, int64_t n);

static void test_pipe(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    char *argv[] = {(char *)rp_stream_path,
                    "--signal",
                    "sine",
                    "--channels",
                    "2",
                    "--rate",
                    "1000",
                    "--samples",
                    "3000",
                    "--fast",
                    "--format",
                    "text-ts",
                    "--quiet",
                    NULL};
    pid_t pid = spawn(argv, fds[1]);
    close(fds[1]);
    rp_viewer_options opt = {0};
    opt.sources[0] = (rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = fds[0]};
    opt.source_count = 1;
    opt.headless = true;
    opt.width = 800;
    opt.height = 480;
    opt.span = 0; /* everything retained */
    opt.x_axis = RP_X_AXIS_TIME;
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    RP_CHECK(rp_viewer_run(v) == RP_OK); /* until the input ends */
    RP_CHECK_EQ_INT(wait_exit(pid), 0);
    rp_series *a = find(v, "sine_0"), *b = find(v, "sine_1");
    RP_REQUIRE_VOID(a && b);
    RP_CHECK_EQ_INT(rp_series_stats_get(a).accepted, 3000);
    RP_CHECK_EQ_INT(rp_series_stats_get(b).accepted, 3000);
    char png[512];
    snprintf(png, sizeof png, "%s/viewer_pipe.png", scratch);
    check_colours_where_data_is(v, png);
    rp_viewer_destroy(v);
    close(fds[0]);

    /* input of which nothing could be plotted: the picture says why (it was blank, wordless) */
    RP_REQUIRE_VOID(pipe(fds) == 0);
    const char *refused = "timestamp,v\nMar 1 2024 12:00:00,1\nMar 1 2024 12:00:01,2\n";
    RP_CHECK(write(fds[1], refused, strlen(refused)) == (ssize_t)strlen(refused));
    close(fds[1]);
    opt.sources[0] = (rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = fds[0]};
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    RP_CHECK_EQ_INT(rp_viewer_run(v), RP_ERR_PARSE); /* a run that plotted nothing fails */
    const char *overlay = rp_viewer_figure(v)->overlay;
    RP_CHECK_MSG(overlay && strstr(overlay, "nothing to plot yet") &&
                     strstr(overlay, "bad time 'Mar 1 2024 12:00:01'"),
                 "%s", overlay ? overlay : "(no overlay)");
    rp_viewer_destroy(v);
    close(fds[0]);

    /* a silent pipe, then one of prose: a line over the plot area says so (the window was
     * blank: the prose is held while the format is unknown, not yet refused); gone with data */
    RP_REQUIRE_VOID(pipe(fds) == 0);
    opt.sources[0] = (rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = fds[0]};
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    const char *shown = rp_viewer_figure(v)->placeholder;
    frames(v, 2);
    RP_CHECK_MSG(strstr(shown, "waiting for data on stdin"), "silent: '%s'", shown);
    static const char *const words[] = {"it was a dark night\n", "and the wind blew\n",
                                        "nobody came home that evening\n", "still\n"};
    for (int i = 0; i < 30; i++) {
        const char *prose = i ? words[i % 4] : "hello world\n";
        RP_CHECK(write(fds[1], prose, strlen(prose)) == (ssize_t)strlen(prose));
    }
    for (int i = 0; i < WAIT_FRAMES && !strstr(shown, "30 lines"); i++) frames(v, 1);
    RP_CHECK_MSG(strstr(shown, "30 lines read, none held a number: 'hello world'"), "prose: '%s'",
                 shown);
    for (int i = 0; i < 50; i++) {
        char line[32];
        int n = snprintf(line, sizeof line, "a:%d\n", i);
        RP_CHECK(write(fds[1], line, (size_t)n) == n);
        SDL_Delay(2);
    }
    RP_CHECK(wait_accepted(v, "a", 2));
    frames(v, 1);
    RP_CHECK_MSG(!shown[0], "data came: '%s'", shown);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

static void test_udp(void)
{
    rp_viewer_options opt = {0};
    opt.sources[0] =
        (rp_source_desc){.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1", .udp.port = 0};
    opt.source_count = 1;
    opt.headless = true;
    opt.width = 800;
    opt.height = 480;
    opt.span = 0;
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    char dest[64];
    snprintf(dest, sizeof dest, "127.0.0.1:%u", rp_ingest_udp_port(rp_viewer_ingest(v), 0));
    char *argv[] = {(char *)rp_stream_path,
                    "--signal",
                    "sine",
                    "--channels",
                    "2",
                    "--rate",
                    "2000",
                    "--samples",
                    "4000",
                    "--format",
                    "text-ts",
                    "--udp",
                    dest,
                    "--quiet",
                    NULL};
    pid_t pid = spawn(argv, -1); /* real time: 2 s */
    rp_series *a = NULL, *b = NULL;
    for (int i = 0; i < WAIT_FRAMES; i++) {
        rp_viewer_frame(v);
        a = find(v, "sine_0");
        b = find(v, "sine_1");
        if (a && b && rp_series_stats_get(a).accepted == 4000 &&
            rp_series_stats_get(b).accepted == 4000)
            break;
        SDL_Delay(10);
    }
    RP_CHECK_EQ_INT(wait_exit(pid), 0);
    RP_REQUIRE_VOID(a && b);
    RP_CHECK_EQ_INT(rp_series_stats_get(a).accepted, 4000);
    RP_CHECK_EQ_INT(rp_series_stats_get(b).accepted, 4000);
    rp_source_stats st = rp_ingest_source_stats(rp_viewer_ingest(v), 0);
    RP_CHECK_EQ_INT(st.datagrams_rejected, 0);
    RP_CHECK_EQ_INT(st.datagrams_lost, 0);
    rp_viewer_frame(v);
    char png[512];
    snprintf(png, sizeof png, "%s/viewer_udp.png", scratch);
    check_colours_where_data_is(v, png);
    rp_viewer_destroy(v);
}

/* Writes n samples of a and b with timestamps 10 ms apart, continuing from *next. */
static void write_samples(int fd, int64_t *next, int n)
{
    char buf[128];
    for (int i = 0; i < n; i++, (*next)++) {
        double ms = 1.7e12 + (double)*next * 10.0;
        int len = snprintf(buf, sizeof buf, "a:%.0f:%g\nb:%.0f:%g\n", ms, sin(*next * 0.05), ms,
                           0.5 * cos(*next * 0.03));
        RP_CHECK(write(fd, buf, (size_t)len) == len);
    }
}

static void frames(rp_viewer *v, int n)
{
    for (int i = 0; i < n; i++) {
        rp_viewer_frame(v);
        SDL_Delay(5);
    }
}

static void send_event(rp_viewer *v, SDL_Event *e) { RP_CHECK(rp_viewer_handle_event(v, e)); }

static void mouse_button(rp_viewer *v, Uint32 type, float x, float y, int clicks)
{
    SDL_Event e = {.type = type};
    e.button.button = SDL_BUTTON_LEFT;
    e.button.x = (int)x;
    e.button.y = (int)y;
    e.button.clicks = (Uint8)clicks;
    send_event(v, &e);
}

static void key(rp_viewer *v, SDL_Keycode sym)
{
    SDL_Event e = {.type = SDL_KEYDOWN};
    e.key.keysym.sym = sym;
    send_event(v, &e);
}

/* The wheel turned `notches` (> 0: in) over the middle of panel p's plot. */
static void wheel_over(rp_viewer *v, int p, int notches)
{
    rp_rect r = plot_of(v, p);
    float scale = rp_window_scale(rp_viewer_window(v));
    SDL_Event e = {.type = SDL_MOUSEWHEEL};
    e.wheel.y = notches;
    e.wheel.preciseY = (float)notches;
    e.wheel.mouseX = (int)((r.x + r.w / 2) / scale);
    e.wheel.mouseY = (int)((r.y + r.h / 2) / scale);
    send_event(v, &e);
}

/* A right click (with shift: a level cursor) at drawable px (x, y). */
static void right_click(rp_viewer *v, float x, float y, bool shift)
{
    float scale = rp_window_scale(rp_viewer_window(v));
    SDL_SetModState(shift ? KMOD_LSHIFT : KMOD_NONE);
    SDL_Event e = {.type = SDL_MOUSEBUTTONDOWN};
    e.button.button = SDL_BUTTON_RIGHT;
    e.button.x = (int)(x / scale);
    e.button.y = (int)(y / scale);
    e.button.clicks = 1;
    send_event(v, &e);
    e.type = SDL_MOUSEBUTTONUP;
    send_event(v, &e);
    SDL_SetModState(KMOD_NONE);
}

static void key_mod(rp_viewer *v, SDL_Keycode sym, Uint16 mod)
{
    SDL_Event e = {.type = SDL_KEYDOWN};
    e.key.keysym.sym = sym;
    e.key.keysym.mod = mod;
    send_event(v, &e);
}

#define CHECK_SAYS_MOD(v, k, mod, says)                                                            \
    do {                                                                                           \
        key_mod(v, k, mod);                                                                        \
        RP_CHECK_MSG(strstr(rp_viewer_message(v), says), "key %s: '%s', not '%s'",                 \
                     SDL_GetKeyName(k), rp_viewer_message(v), says);                               \
    } while (0)

/* Key k gives a message containing `says` (the window's, for MESSAGE_S seconds). */
#define CHECK_SAYS(v, k, says)                                                                     \
    do {                                                                                           \
        key(v, k);                                                                                 \
        RP_CHECK_MSG(strstr(rp_viewer_message(v), says), "key %s: '%s', not '%s'",                 \
                     SDL_GetKeyName(k), rp_viewer_message(v), says);                               \
    } while (0)

static bool wait_accepted(rp_viewer *v, const char *name, int64_t n)
{
    for (int i = 0; i < WAIT_FRAMES; i++) {
        rp_series *s = find(v, name);
        if (s && rp_series_stats_get(s).accepted >= n) return true;
        frames(v, 1);
    }
    return false;
}

/* A 900 x 500 viewer reading the pipe fds (the test writes fds[1]), 5 s span, no vsync. */
static rp_viewer_options pipe_viewer_options(const int fds[2])
{
    rp_viewer_options opt = {0};
    opt.sources[0] = (rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = fds[0]};
    opt.source_count = 1;
    opt.width = 900;
    opt.height = 500;
    opt.span = 5;
    opt.no_vsync = true;
    return opt;
}

/* A paused view keeps what it shows however long it stays paused: the samples it shows went on
 * into the pause history (a temporary recording) before the rings overwrote them. Without it
 * (--pause-history 0) the view empties as the ring goes round. */
static void test_pause_history(void)
{
    for (int with = 1; with >= 0; with--) {
        int fds[2];
        RP_REQUIRE_VOID(pipe(fds) == 0);
        rp_viewer_options opt = pipe_viewer_options(fds);
        opt.headless = true;
        opt.capacity = 4096;
        opt.pause_history = with ? 0 : -1;
        rp_viewer *v;
        char err[256] = "";
        RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
        int64_t next = 0;
        write_samples(fds[1], &next, 1000); /* 10 s at 100 Hz */
        RP_REQUIRE_VOID(wait_accepted(v, "a", 1000));
        frames(v, 2);
        rp_figure *f = rp_viewer_figure(v);
        if (with) { /* keys of panels the run has none of say so */
            key(v, SDLK_t);
            RP_CHECK(strstr(f->message, "t: no trigger panel (--trigger SERIES makes one)"));
            key(v, SDLK_n);
            RP_CHECK(strstr(f->message, "n: no spectrum panel (--spectrum SERIES makes one)"));
        }
        key(v, SDLK_SPACE);
        frames(v, 1);
        RP_CHECK(rp_viewer_paused(v));
        double x0, x1;
        RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
        rp_series *a = find(v, "a");
        rp_range_stats before, after;
        RP_REQUIRE_VOID(rp_series_range_stats(a, x0, x1, &before) == RP_OK);
        RP_CHECK(before.count >= 450);
        rp_recorder *hold = rp_viewer_pause_history(v);
        RP_CHECK(with ? hold != NULL : hold == NULL);
        if (hold) RP_CHECK_EQ_INT(rp_recorder_flush(hold), RP_OK); /* what the view shows is in */
        for (int k = 1; k <= 8; k++) { /* twice round the ring, a second at a time */
            write_samples(fds[1], &next, 1000);
            RP_REQUIRE_VOID(wait_accepted(v, "a", 1000 + 1000 * k));
            frames(v, 1);
            if (hold) rp_recorder_flush(hold);
        }
        RP_CHECK(rp_viewer_paused(v));
        RP_REQUIRE_VOID(rp_series_range_stats(a, x0, x1, &after) == RP_OK);
        if (with)
            RP_CHECK_MSG(after.count == before.count && after.min == before.min &&
                             after.max == before.max,
                         "paused view: %lld samples, %lld before", (long long)after.count,
                         (long long)before.count);
        else
            RP_CHECK_MSG(after.count == 0, "rings only: %lld samples still in view",
                         (long long)after.count);
        /* back to live: dropped */
        key(v, SDLK_SPACE);
        frames(v, 1);
        RP_CHECK(rp_viewer_pause_history(v) == NULL);
        close(fds[1]);
        rp_viewer_destroy(v);
        close(fds[0]);
    }
}

/* The pause history's limits are said, once, in the window: a cap reached (the view keeps what
 * was written; the rest is a gap) and a $TMPDIR where no file can be made (the viewer goes on). */
static void test_pause_history_limits(void)
{
    for (int k = 0; k < 2; k++) {
        int fds[2];
        RP_REQUIRE_VOID(pipe(fds) == 0);
        rp_viewer_options opt = pipe_viewer_options(fds);
        opt.headless = true;
        opt.capacity = 4096;
        opt.pause_history = k == 0 ? 1000 : 0;
        char *old_tmpdir = getenv("TMPDIR") ? strdup(getenv("TMPDIR")) : NULL;
        if (k == 1) setenv("TMPDIR", "/nonexistent-ringplot-dir", 1);
        rp_viewer *v;
        char err[256] = "";
        RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
        int64_t next = 0;
        write_samples(fds[1], &next, 1000);
        RP_REQUIRE_VOID(wait_accepted(v, "a", 1000));
        frames(v, 2);
        key(v, SDLK_SPACE);
        for (int i = 0; i < WAIT_FRAMES && !strstr(rp_viewer_figure(v)->message,
                                                   k ? "no temporary" : "history stopped");
             i++) {
            write_samples(fds[1], &next, 10);
            frames(v, 1);
        }
        const char *said = rp_viewer_figure(v)->message;
        if (k == 0)
            RP_CHECK_MSG(strstr(said, "history stopped at") && strstr(said, "--pause-history"),
                         "cap: '%s'", said);
        else
            RP_CHECK_MSG(strstr(said, "no temporary recording in /nonexistent-ringplot-dir (No "
                                      "such file or directory)"),
                         "no TMPDIR: '%s'", said);
        RP_CHECK(rp_viewer_paused(v));
        if (old_tmpdir) {
            setenv("TMPDIR", old_tmpdir, 1);
            free(old_tmpdir);
        } else {
            unsetenv("TMPDIR");
        }
        close(fds[1]);
        rp_viewer_destroy(v);
        close(fds[0]);
    }
}

static void test_window(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.screenshot_dir = scratch;
    rp_viewer *v;
    char err[256] = "";
    rp_status created = rp_viewer_create(&opt, &v, err, sizeof err);
    RP_REQUIRE_VOID(created == RP_OK);
    RP_CHECK(rp_viewer_window(v) != NULL);
    /* a minimum size: at 200 x 150 titles, time labels and the table were drawn over each other */
    int min_w = 0, min_h = 0;
    SDL_GetWindowMinimumSize(rp_window_sdl_window(rp_viewer_window(v)), &min_w, &min_h);
    RP_CHECK_MSG(min_w >= 480 && min_h >= 320, "minimum window size %d x %d", min_w, min_h);
    int64_t next = 0;
    write_samples(fds[1], &next, 1000); /* 10 s of data */
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1000) && wait_accepted(v, "b", 1000));
    frames(v, 3);
    rp_figure *f = rp_viewer_figure(v);
    float scale = rp_window_scale(rp_viewer_window(v));
    const rp_rect plot = plot_of(v, 0);
    float cx = (plot.x + plot.w / 2) / scale, cy = (plot.y + plot.h / 2) / scale;
    double x0, x1, y0, y1;
    RP_CHECK(rp_figure_following(f));
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_NEAR(x1 - x0, 5.0, 1e-6);

    /* wheel up over the live plot: its span shrinks, it goes on following (its right edge the
     * newest sample); over a paused one: zoom in around the cursor */
    SDL_Event wheel = {.type = SDL_MOUSEWHEEL};
    wheel.wheel.y = 1;
    wheel.wheel.mouseX = (int)cx;
    wheel.wheel.mouseY = (int)cy;
    send_event(v, &wheel);
    frames(v, 1);
    double z0, z1;
    RP_CHECK(rp_figure_x_view(f, &z0, &z1) == RP_OK);
    RP_CHECK(rp_figure_following(f));
    RP_CHECK_NEAR((z1 - z0) / (x1 - x0), 0.85, 1e-3);
    RP_CHECK(z0 > x0 && z1 == x1);
    key(v, SDLK_SPACE);
    frames(v, 1);
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    send_event(v, &wheel);
    frames(v, 1);
    RP_CHECK(rp_figure_x_view(f, &z0, &z1) == RP_OK);
    RP_CHECK(!rp_figure_following(f));
    RP_CHECK_NEAR((z1 - z0) / (x1 - x0), 0.85, 1e-3);
    RP_CHECK(z0 > x0 && z1 < x1); /* around the cursor in the middle */

    /* shift+wheel: y zoom of the panel */
    RP_CHECK(rp_figure_y_view(f, 0, &y0, &y1) == RP_OK);
    SDL_SetModState(KMOD_LSHIFT);
    wheel.wheel.y = -2;
    send_event(v, &wheel);
    SDL_SetModState(KMOD_NONE);
    double w0, w1;
    RP_CHECK(rp_figure_y_view(f, 0, &w0, &w1) == RP_OK);
    RP_CHECK_NEAR((w1 - w0) / (y1 - y0), 1.0 / (0.85 * 0.85), 1e-3);

    /* the wheel over the y axis' tick labels zooms that axis about the pointer's value, not
     * time (QA: it zoomed time); over the time labels, time about the pointer's time */
    frames(v, 1);
    double ax0, ax1, v0, v1, g0, g1;
    RP_CHECK(rp_figure_x_view(f, &ax0, &ax1) == RP_OK);
    RP_CHECK(rp_figure_y_view(f, 0, &v0, &v1) == RP_OK);
    float gy = plot.y + plot.h / 4; /* a quarter down: the value there stays put */
    wheel.wheel.y = 1;
    wheel.wheel.mouseX = (int)((plot.x - 6 * scale) / scale);
    wheel.wheel.mouseY = (int)(gy / scale);
    send_event(v, &wheel);
    frames(v, 1);
    RP_CHECK(rp_figure_x_view(f, &g0, &g1) == RP_OK);
    RP_CHECK_MSG(g0 == ax0 && g1 == ax1, "time moved: %g..%g, was %g..%g", g0, g1, ax0, ax1);
    RP_CHECK(rp_figure_y_view(f, 0, &w0, &w1) == RP_OK);
    RP_CHECK_NEAR((w1 - w0) / (v1 - v0), 0.85, 1e-3);
    double gy_value = v1 - (v1 - v0) * ((double)wheel.wheel.mouseY * scale - plot.y) / plot.h;
    double after = w1 - (w1 - w0) * ((double)wheel.wheel.mouseY * scale - plot.y) / plot.h;
    RP_CHECK_MSG(fabs(after - gy_value) < 1e-3 * (v1 - v0), "y %g under the pointer became %g",
                 gy_value, after);
    const rp_rect bottom = plot_of(v, rp_figure_panel_count(f) - 1);
    wheel.wheel.mouseX = (int)((bottom.x + bottom.w / 4) / scale);
    wheel.wheel.mouseY = (int)((bottom.y + bottom.h + 8 * scale) / scale);
    double tx = g0 + (g1 - g0) * ((double)wheel.wheel.mouseX * scale - bottom.x) / bottom.w;
    send_event(v, &wheel);
    frames(v, 1);
    RP_CHECK(rp_figure_x_view(f, &ax0, &ax1) == RP_OK);
    RP_CHECK_NEAR((ax1 - ax0) / (g1 - g0), 0.85, 1e-3);
    double tx_after =
        ax0 + (ax1 - ax0) * ((double)wheel.wheel.mouseX * scale - bottom.x) / bottom.w;
    RP_CHECK_MSG(fabs(tx_after - tx) < 1e-3 * (g1 - g0), "time %g under the pointer became %g", tx,
                 tx_after);

    /* drag 100 px to the right: the view moves 100 px worth of time to the left */
    frames(v, 1);
    double p0, p1;
    rp_figure_x_view(f, &p0, &p1);
    mouse_button(v, SDL_MOUSEBUTTONDOWN, cx, cy, 1);
    SDL_Event motion = {.type = SDL_MOUSEMOTION};
    motion.motion.x = (int)cx + 100;
    motion.motion.y = (int)cy;
    send_event(v, &motion);
    mouse_button(v, SDL_MOUSEBUTTONUP, cx + 100, cy, 1);
    double q0, q1;
    rp_figure_x_view(f, &q0, &q1);
    RP_CHECK_NEAR(q0 - p0, -100.0 * scale * (p1 - p0) / plot.w, (p1 - p0) * 1e-3);
    RP_CHECK_NEAR(q1 - q0, p1 - p0, 1e-9);
    RP_CHECK(f->crosshair_on); /* hovering the plot shows the crosshair */

    /* 'a' autoscales y again, and says so (a, c, h, m, y, x and a double-click answered only
     * by their effect) */
    CHECK_SAYS(v, SDLK_a, "autoscale y: on");
    RP_CHECK(!f->panels[0].fixed_y);

    /* double-click: back to following live */
    mouse_button(v, SDL_MOUSEBUTTONDOWN, cx, cy, 2);
    RP_CHECK(rp_figure_following(f));
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "live, y autoscaled"), "double-click: '%s'",
                 rp_viewer_message(v));

    /* legend: click the first entry to hide it, again to show it */
    frames(v, 2);
    rp_series *a = f->panels[0].series[0].series;
    rp_rect lr = legend_entry(v, 0, a);
    RP_REQUIRE_VOID(lr.w > 0 && lr.h > 0);
    float lx = (lr.x + lr.w / 2) / scale, ly = (lr.y + lr.h / 2) / scale;
    mouse_button(v, SDL_MOUSEBUTTONDOWN, lx, ly, 1);
    mouse_button(v, SDL_MOUSEBUTTONUP, lx, ly, 1);
    RP_CHECK(!rp_figure_series_visible(f, a));
    frames(v, 1);
    mouse_button(v, SDL_MOUSEBUTTONDOWN, lx, ly, 1);
    mouse_button(v, SDL_MOUSEBUTTONUP, lx, ly, 1);
    RP_CHECK(rp_figure_series_visible(f, a));

    /* space pauses the view; data keeps flowing into the store; space resumes at live */
    key(v, SDLK_SPACE);
    RP_CHECK(rp_viewer_paused(v));
    double s0, s1;
    rp_figure_x_view(f, &s0, &s1);
    write_samples(fds[1], &next, 500);
    RP_CHECK(wait_accepted(v, "a", 1500) && wait_accepted(v, "b", 1500));
    double t0, t1;
    rp_figure_x_view(f, &t0, &t1);
    RP_CHECK(t0 == s0 && t1 == s1); /* frozen while paused */
    key(v, SDLK_SPACE);
    RP_CHECK(!rp_viewer_paused(v) && rp_figure_following(f));
    frames(v, 1);
    rp_figure_x_view(f, &t0, &t1);
    RP_CHECK_NEAR(t1, 1.7e9 + 1499 * 0.01, 1e-3); /* jumped to the newest sample */
    RP_CHECK_EQ_INT(rp_series_stats_get(find(v, "a")).accepted, 1500);

    /* j: time cursor A on the newest log line in view. A live view's cursors keep their distance
     * from the newest sample, so A slid off the line with the next data and read out other
     * times; now j (like a click on a log marker) pauses a live view first: A stays on the line */
    const char *log_line = ">1700000014500:motor started\n";
    RP_CHECK(write(fds[1], log_line, strlen(log_line)) == (ssize_t)strlen(log_line));
    const double log_x = 1.7e9 + 14.5;
    double xa = 0;
    for (int i = 0; i < WAIT_FRAMES && !(rp_figure_time_cursor(f, 0, &xa) && xa == log_x); i++) {
        frames(v, 1);
        key(v, SDLK_j);
    }
    RP_CHECK_MSG(xa == log_x, "cursor A at %.6f, the log line at %.6f", xa, log_x);
    RP_CHECK(!rp_figure_following(f));
    write_samples(fds[1], &next, 100);
    RP_CHECK(wait_accepted(v, "a", 1600));
    frames(v, 2);
    RP_CHECK(rp_figure_time_cursor(f, 0, &xa));
    RP_CHECK_MSG(xa == log_x, "after more data: cursor A at %.6f, the log line at %.6f", xa, log_x);
    CHECK_SAYS(v, SDLK_c, "cursors A/B: cleared"); /* cursors off, back to live */
    key(v, SDLK_SPACE);
    RP_CHECK(rp_figure_following(f));
    CHECK_SAYS(v, SDLK_c, "cursors A/B: on");
    CHECK_SAYS(v, SDLK_c, "cursors A/B: cleared");
    CHECK_SAYS(v, SDLK_m, "statistics: on");
    CHECK_SAYS(v, SDLK_m, "statistics: off");

    /* h shows the HUD, s writes a screenshot and says where */
    CHECK_SAYS(v, SDLK_h, "HUD: on");
    frames(v, 1);
    RP_CHECK(rp_viewer_hud_shown(v) && strstr(f->overlay, "fps") != NULL);
    /* the rate line's entries are unbreakable (no-break spaces inside, plain blanks between):
     * wrapped at its words it never parts a name from its rate */
    const char *rate = strstr(f->overlay, "\nrate\u00a0");
    RP_CHECK_MSG(rate != NULL, "HUD: %s", f->overlay);
    for (const char *c = rate ? rate + 1 : ""; *c && *c != '\n'; c++)
        if (*c == ' ') {
            RP_CHECK_MSG(c[1] == ' ' && c[2] == ' ', "a blank inside an entry: %s", rate + 1);
            c += 2;
        }
    key(v, SDLK_s);
    frames(v, 1);
    const char *shot = rp_viewer_last_screenshot(v);
    struct stat sb;
    RP_CHECK(shot[0] && stat(shot, &sb) == 0 && sb.st_size > 1000);
    if (shot[0]) unlink(shot);

    /* w saves the layout: it loads back with the span in view and the window size */
    key(v, SDLK_w);
    double lay0, lay1;
    rp_figure_x_view(f, &lay0, &lay1);
    char layout[1200] = "";
    DIR *d = opendir(scratch);
    for (struct dirent *e; d && (e = readdir(d));)
        if (!strncmp(e->d_name, "ringplot-layout-", 16))
            snprintf(layout, sizeof layout, "%s/%s", scratch, e->d_name);
    if (d) closedir(d);
    rp_viewer_options back = {0};
    char cerr[256] = "";
    RP_CHECK_MSG(layout[0] && rp_viewer_config_load(layout, &back, cerr, sizeof cerr) == RP_OK,
                 "%s", cerr);
    RP_CHECK(back.width == 900 && back.height == 500 && back.theme == RP_THEME_DARK);
    RP_CHECK_NEAR(back.span, lay1 - lay0, 1e-6 * (lay1 - lay0));
    if (layout[0]) unlink(layout);

    /* x over a time panel of two series: an XY panel, said; again: it is there already */
    SDL_WarpMouseInWindow(rp_window_sdl_window(rp_viewer_window(v)), (int)cx, (int)cy);
    CHECK_SAYS(v, SDLK_x, "XY panel: 'b' against 'a'");
    CHECK_SAYS(v, SDLK_x, "x: this panel has its XY panel already");

    /* a window event hides it: the loop must not spin; q quits */
    SDL_Event quit = {.type = SDL_KEYDOWN};
    quit.key.keysym.sym = SDLK_q;
    RP_CHECK(!rp_viewer_handle_event(v, &quit));
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* Reads from the board until `want` (a whole line) came; everything before it goes to *skipped. */
static bool board_reads(rp_viewer *v, int master, const char *want, char *log, size_t log_size)
{
    size_t len = strlen(log);
    for (int i = 0; i < WAIT_FRAMES; i++) {
        if (strstr(log, want)) return true;
        ssize_t n = read(master, log + len, log_size - 1 - len);
        if (n > 0) {
            len += (size_t)n;
            log[len] = 0;
        } else {
            frames(v, 1);
        }
    }
    return strstr(log, want) != NULL;
}

static void text_input(rp_viewer *v, const char *text)
{
    SDL_Event e = {.type = SDL_TEXTINPUT};
    snprintf(e.text.text, sizeof e.text.text, "%s", text);
    send_event(v, &e);
}

static void test_serial(void)
{
    int master, slave;
    char name[256], link_path[512];
    RP_REQUIRE_VOID(openpty(&master, &slave, name, NULL, NULL) == 0);
    close(slave);
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    snprintf(link_path, sizeof link_path, "%s/ttyTEST", scratch);
    unlink(link_path);
    RP_REQUIRE_VOID(symlink(name, link_path) == 0);

    rp_viewer_options opt = {0};
    char *argv[] = {"ringplot", "--serial",   link_path, "--send",
                    "hello",    "--headless", "--hud",   NULL};
    bool help;
    char err[256];
    RP_REQUIRE_VOID(rp_viewer_parse_args(7, argv, &opt, &help, err, sizeof err) == RP_OK);
    opt.width = 800;
    opt.height = 400;
    rp_viewer *v = NULL;
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    char log[4096] = {0};
    RP_CHECK(board_reads(v, master, "hello\n", log, sizeof log)); /* --send at start */

    /* the board's lines are plotted (the first newline ends the line it was in the middle of) */
    char lines[16384];
    size_t len = (size_t)snprintf(lines, sizeof lines, "\n");
    for (int i = 0; i < 1000; i++)
        len += (size_t)snprintf(lines + len, sizeof lines - len, "t:%d\n", i);
    size_t off = 0;
    for (int i = 0; i < 100000 && off < len; i++) {
        ssize_t w = write(master, lines + off, len - off);
        if (w > 0)
            off += (size_t)w;
        else
            frames(v, 1);
    }
    RP_CHECK(wait_accepted(v, "t", 1000));
    frames(v, 1);
    rp_figure *f = rp_viewer_figure(v);
    RP_CHECK_MSG(strstr(f->overlay, "serial ") && strstr(f->overlay, "115200 8N1: open"), "%s",
                 f->overlay);
    /* lines of the HUD for a kind of source only where one is: no UDP line on a serial run */
    RP_CHECK_MSG(strstr(f->overlay, "datagrams") == NULL, "%s", f->overlay);

    /* ':' opens the prompt; typed text is the line; other keys do nothing meanwhile */
    key(v, SDLK_COLON);
    RP_CHECK(rp_viewer_prompt_open(v));
    text_input(v, "led");
    text_input(v, " 1x");
    key(v, SDLK_BACKSPACE);
    key(v, SDLK_q);     /* not quit, not text (text comes as TEXTINPUT) */
    key(v, SDLK_SPACE); /* not pause */
    RP_CHECK(!rp_viewer_paused(v));
    frames(v, 1);
    RP_CHECK_MSG(strstr(f->overlay, "send> led 1_") != NULL, "%s", f->overlay);
    key(v, SDLK_RETURN);
    RP_CHECK(!rp_viewer_prompt_open(v));
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "sent 'led 1'"), "sent: '%s'",
                 rp_viewer_message(v)); /* in the window, not on stderr alone */
    log[0] = 0;
    RP_CHECK(board_reads(v, master, "led 1\n", log, sizeof log));
    RP_CHECK(strcmp(log, "led 1\n") == 0);

    /* Esc cancels: the next line the board gets is the one sent after */
    key(v, SDLK_COLON);
    text_input(v, "zzz");
    key(v, SDLK_ESCAPE);
    RP_CHECK(!rp_viewer_prompt_open(v));
    RP_CHECK(rp_viewer_handle_event(
        v, &(SDL_Event){.type = SDL_TEXTINPUT})); /* prompt closed: ignored */
    key(v, SDLK_COLON);
    text_input(v, "end");
    key(v, SDLK_KP_ENTER);
    log[0] = 0;
    RP_CHECK(board_reads(v, master, "end\n", log, sizeof log));
    RP_CHECK_MSG(strcmp(log, "end\n") == 0, "%s", log);

    /* the board goes away: the HUD says so; a line typed then is not sent, and says why */
    close(master);
    bool waiting = false;
    for (int i = 0; i < 2000 && !waiting; i++) {
        frames(v, 1);
        waiting = strstr(f->overlay, "waiting for device") != NULL &&
                  strstr(f->overlay, "vanished") != NULL;
    }
    RP_CHECK_MSG(waiting, "%s", f->overlay);
    key(v, SDLK_COLON);
    text_input(v, "lost");
    key(v, SDLK_RETURN);
    RP_CHECK(rp_viewer_prompt_open(v)); /* kept, to send again when the device is back */
    frames(v, 1);
    RP_CHECK_MSG(strstr(f->overlay, "not sent: device not open") != NULL, "%s", f->overlay);
    key(v, SDLK_ESCAPE);
    RP_CHECK_EQ_INT(rp_series_stats_get(find(v, "t")).accepted, 1000); /* retained */
    rp_viewer_destroy(v);
    unlink(link_path);
}

/* ---- a real X11 window driven by xdotool (under Xvfb, no window manager) -------------------- */

typedef struct xdo_run {
    rp_viewer *v;
    int fd; /* the viewer's stdin pipe: samples keep arriving while the test runs */
    int64_t next;
    int wx, wy; /* the window's position on the screen */
    float scale;
} xdo_run;

/* Draws frames and handles the real events for `frames` frames, feeding 4 new samples a frame
 * so that a live view scrolls. */
static int pump(xdo_run *x, int frames_n)
{
    int events = 0;
    for (int i = 0; i < frames_n; i++) {
        write_samples(x->fd, &x->next, 4);
        SDL_Event e;
        while (SDL_PollEvent(&e)) {
            rp_viewer_handle_event(x->v, &e);
            events++;
        }
        rp_viewer_frame(x->v);
        SDL_Delay(8);
    }
    return events;
}

/* Runs xdotool with the arguments, then lets the viewer take the events. */
static void xdo(xdo_run *x, const char *fmt, ...)
{
    char cmd[256] = "xdotool ";
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(cmd + 8, sizeof cmd - 8, fmt, ap);
    va_end(ap);
    RP_CHECK_MSG(system(cmd) == 0, "%s failed", cmd);
    /* However loaded the machine: frames until the X server's events have arrived (xdotool has
     * returned, so they are on their way), then a few more for the rest of them. */
    for (int i = 0; i < 100 && pump(x, 1) == 0; i++) {
    }
    pump(x, 4);
}

/* The size of this process's window as the X server has it (not SDL's idea of it). */
static bool x_window_size(SDL_Window *window, int *w, int *h)
{
    SDL_SysWMinfo info;
    SDL_VERSION(&info.version);
    if (!SDL_GetWindowWMInfo(window, &info) || info.subsystem != SDL_SYSWM_X11) return false;
    char cmd[128], line[128];
    snprintf(cmd, sizeof cmd, "xdotool getwindowgeometry --shell %lu",
             (unsigned long)info.info.x11.window);
    FILE *p = popen(cmd, "r");
    if (!p) return false;
    *w = *h = 0;
    while (fgets(line, sizeof line, p)) {
        sscanf(line, "WIDTH=%d", w);
        sscanf(line, "HEIGHT=%d", h);
    }
    return pclose(p) == 0 && *w > 0 && *h > 0;
}

/* Moves the real pointer to figure px (drawable pixels) of the window. */
static void pointer_to(xdo_run *x, float px, float py)
{
    xdo(x, "mousemove %d %d", x->wx + (int)(px / x->scale), x->wy + (int)(py / x->scale));
}

/* xdotool and an X display are there; else the test says it is skipped. */
static bool have_xdotool(void)
{
    if (system("xdotool version > /dev/null 2>&1") == 0 && getenv("DISPLAY")) return true;
    printf("skipped: needs xdotool and an X display (run under xvfb-run)\n");
    return false;
}

/* The viewer of opt (a pipe's read end; fds[1] its write end) in a real window driven by xdotool,
 * each click a single click, with 1000 samples of a and b drawn. false (reported) when it could
 * not be made. */
static bool xdo_open(rp_viewer_options *opt, const int fds[2], xdo_run *x)
{
    rp_viewer *v;
    char err[256] = "";
    SDL_SetHint(SDL_HINT_MOUSE_DOUBLE_CLICK_TIME, "1");
    RP_REQUIRE(rp_viewer_create(opt, &v, err, sizeof err) == RP_OK);
    *x = (xdo_run){.v = v, .fd = fds[1]};
    SDL_GetWindowPosition(rp_window_sdl_window(rp_viewer_window(v)), &x->wx, &x->wy);
    x->scale = rp_window_scale(rp_viewer_window(v));
    write_samples(fds[1], &x->next, 1000);
    RP_REQUIRE(wait_accepted(v, "a", 1000) && wait_accepted(v, "b", 1000));
    pump(x, 5);
    return true;
}

static void test_xdotool(void)
{
    if (!have_xdotool()) return;
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.x_axis = RP_X_AXIS_TIME;
    xdo_run x;
    if (!xdo_open(&opt, fds, &x)) return;
    rp_viewer *v = x.v;
    char err[256] = "";
    rp_figure *f = rp_viewer_figure(v);
    rp_rect plot = plot_of(v, 0);
    float cx = plot.x + plot.w * 0.5f, cy = plot.y + plot.h * 0.5f;
    pointer_to(&x, cx, cy); /* no window manager: keys go to the window under the pointer */

    /* A live, scrolling view: three clicks on the first legend entry hit it three times. */
    rp_series *a = f->panels[0].series[0].series;
    for (int k = 0; k < 3; k++) {
        pump(&x, 20); /* scroll on */
        RP_CHECK(rp_figure_following(f));
        rp_rect lr = legend_entry(v, 0, a);
        RP_REQUIRE_VOID(lr.w > 0);
        bool before = rp_figure_series_visible(f, a);
        pointer_to(&x, lr.x + lr.w * 0.5f, lr.y + lr.h * 0.5f);
        xdo(&x, "click 1");
        RP_CHECK_MSG(rp_figure_series_visible(f, a) != before, "click %d on the live legend missed",
                     k + 1);
    }
    if (!rp_figure_series_visible(f, a)) rp_figure_set_series_visible(f, a, true);

    /* The legend dragged to the bottom-left corner stays there; while the button is down it is
     * already drawn in the corner nearest the pointer, with no crosshair over it. */
    rp_rect lr = legend_entry(v, 0, a);
    pointer_to(&x, lr.x + 3, lr.y + lr.h * 0.5f);
    xdo(&x, "mousedown 1");
    pointer_to(&x, plot.x + plot.w - 40, plot.y + plot.h - 20);
    pump(&x, 3);
    RP_CHECK_EQ_INT(frame_of(v)->panels[0].legend_place, RP_LEGEND_BOTTOM_RIGHT);
    RP_CHECK(!f->crosshair_on);
    pointer_to(&x, plot.x + 40, plot.y + plot.h - 20);
    pump(&x, 3);
    RP_CHECK_EQ_INT(frame_of(v)->panels[0].legend_place, RP_LEGEND_BOTTOM_LEFT);
    xdo(&x, "mouseup 1");
    pump(&x, 3);
    RP_CHECK_EQ_INT(rp_figure_legend_place(f, 0), RP_LEGEND_BOTTOM_LEFT);        /* asked for */
    RP_CHECK_EQ_INT(frame_of(v)->panels[0].legend_place, RP_LEGEND_BOTTOM_LEFT); /* and drawn */
    RP_CHECK(rp_figure_following(f)); /* moving the legend does not move the view */

    /* A drag pans; space then goes back to live (it used to pause). */
    pointer_to(&x, cx, cy);
    xdo(&x, "mousedown 1");
    pointer_to(&x, cx + 120, cy);
    xdo(&x, "mouseup 1");
    RP_CHECK(!rp_figure_following(f));
    xdo(&x, "key space");
    RP_CHECK_MSG(rp_figure_following(f), "space after a drag: back to live");

    /* ctrl + drag: a zoom box while dragging; the release zooms time to its width and y to its
     * height (200 x 80 px of the view it was drawn on); Esc during another box cancels it. */
    pump(&x, 2);
    xdo(&x, "key space"); /* paused: the view the box is drawn on stands still */
    pump(&x, 2);
    double v0, v1, y0, y1, w0, w1, u0, u1;
    rp_figure_x_view(f, &v0, &v1);
    rp_figure_y_view(f, 0, &y0, &y1);
    float box_x = 200 * x.scale, box_y = 80 * x.scale;
    xdo(&x, "keydown ctrl");
    pointer_to(&x, cx - 100, cy - 40);
    xdo(&x, "mousedown 1");
    pointer_to(&x, cx + 100, cy + 40);
    RP_CHECK_MSG(f->zoom_box_on, "no zoom box while ctrl-dragging");
    xdo(&x, "mouseup 1");
    xdo(&x, "keyup ctrl");
    RP_CHECK(!f->zoom_box_on);
    rp_figure_x_view(f, &w0, &w1);
    rp_figure_y_view(f, 0, &u0, &u1);
    RP_CHECK_NEAR(w1 - w0, (v1 - v0) * box_x / plot.w, (v1 - v0) * 2 * x.scale / plot.w);
    RP_CHECK_NEAR(u1 - u0, (y1 - y0) * box_y / plot.h, (y1 - y0) * 2 * x.scale / plot.h);
    RP_CHECK_NEAR(0.5 * (w0 + w1), 0.5 * (v0 + v1), (v1 - v0) * 2 * x.scale / plot.w);
    xdo(&x, "keydown ctrl");
    pointer_to(&x, cx - 50, cy - 20);
    xdo(&x, "mousedown 1");
    pointer_to(&x, cx + 50, cy + 20);
    xdo(&x, "key Escape");
    RP_CHECK_MSG(rp_viewer_running(v) && !f->zoom_box_on, "Esc during a zoom box: cancel it");
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "zoom box cancelled"), "Esc said '%s'",
                 rp_viewer_message(v)); /* it cancelled it silently */
    xdo(&x, "mouseup 1");
    xdo(&x, "keyup ctrl");
    rp_figure_x_view(f, &v0, &v1);
    RP_CHECK(v0 == w0 && v1 == w1); /* cancelled: no zoom */
    xdo(&x, "key a");
    xdo(&x, "key space");
    RP_CHECK(rp_figure_following(f));

    /* Space pauses a live view; wheel in and out keep the time origin while data arrives. */
    xdo(&x, "key space");
    RP_CHECK(!rp_figure_following(f) && rp_viewer_paused(v));
    double origin = 0, later = 0, x0, x1, z0, z1;
    RP_CHECK(rp_figure_time_origin(f, &origin));
    rp_figure_x_view(f, &x0, &x1);
    pointer_to(&x, cx, cy);
    xdo(&x, "click 4");
    pump(&x, 10);
    xdo(&x, "click 5");
    pump(&x, 10);
    rp_figure_x_view(f, &z0, &z1);
    RP_CHECK(rp_figure_time_origin(f, &later));
    RP_CHECK_MSG(later == origin, "time origin moved from %.6f to %.6f on zoom", origin, later);
    RP_CHECK_NEAR(z1 - z0, x1 - x0, (x1 - x0) * 1e-3); /* in and out again */
    RP_CHECK(!rp_figure_following(f));                 /* still paused */

    /* Measuring: c puts time cursors A and B on the view; A is dragged 60 px to the right;
     * a right click moves the nearer cursor there; m shows the statistics; y the level cursors
     * of the panel under the pointer, and one is dragged. */
    xdo(&x, "key c");
    double ca = 0, cb = 0, ca2 = 0, cb2 = 0;
    RP_CHECK(rp_figure_time_cursor(f, 0, &ca) && rp_figure_time_cursor(f, 1, &cb) && cb > ca);
    pump(&x, 2);
    float apx = frame_of(v)->cursor_px[0];
    RP_REQUIRE_VOID(isfinite(apx));
    pointer_to(&x, apx, cy);
    xdo(&x, "mousedown 1");
    pointer_to(&x, apx + 60, cy);
    xdo(&x, "mouseup 1");
    RP_CHECK(rp_figure_time_cursor(f, 0, &ca2) && rp_figure_time_cursor(f, 1, &cb2));
    double per_px = (frame_of(v)->x1 - frame_of(v)->x0) / plot_of(v, 0).w;
    RP_CHECK_NEAR(ca2 - ca, 60 * x.scale * per_px, 3 * x.scale * per_px);
    RP_CHECK(cb2 == cb);
    RP_CHECK(!rp_figure_following(f)); /* still the paused view: dragging a cursor does not pan */
    float bpx = frame_of(v)->cursor_px[1];
    pointer_to(&x, bpx + 30, cy);
    xdo(&x, "click 3");
    RP_CHECK(rp_figure_time_cursor(f, 1, &cb2) && cb2 > cb);
    xdo(&x, "key m");
    RP_CHECK(rp_figure_stats_shown(f));
    pointer_to(&x, cx, plot.y + 10);
    xdo(&x, "key y");
    double l0 = 0, l1 = 0, l0b = 0;
    RP_CHECK(rp_figure_level_cursor(f, 0, 0, &l0) && rp_figure_level_cursor(f, 0, 1, &l1) &&
             l1 > l0);
    pump(&x, 2);
    rp_rect pr = plot_of(v, 0);
    const rp_frame_panel *pn0 = &frame_of(v)->panels[0];
    float lpy = pr.y + (float)((pn0->y1 - l0) / (pn0->y1 - pn0->y0)) * pr.h;
    pointer_to(&x, cx + 37, lpy);
    xdo(&x, "mousedown 1");
    pointer_to(&x, cx + 37, lpy - 30);
    xdo(&x, "mouseup 1");
    RP_CHECK(rp_figure_level_cursor(f, 0, 0, &l0b) && l0b > l0);
    xdo(&x, "key l"); /* the panel under the pointer: linear -> log -> symlog -> linear */
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, 0), RP_Y_LOG);
    xdo(&x, "key l");
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, 0), RP_Y_SYMLOG);
    xdo(&x, "key l");
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, 0), RP_Y_LINEAR);
    xdo(&x, "key d"); /* sample markers: auto -> on -> off -> auto */
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).markers, RP_MARKERS_ON);
    xdo(&x, "key d");
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).markers, RP_MARKERS_OFF);
    xdo(&x, "key d");
    RP_CHECK_EQ_INT(rp_figure_get_desc(f).markers, RP_MARKERS_AUTO);
    char png[512];
    snprintf(png, sizeof png, "%s/viewer_xdotool_measure.png", scratch);
    RP_CHECK(rp_viewer_write_png(v, png) == RP_OK);
    xdo(&x, "key c");
    xdo(&x, "key m");
    RP_CHECK(!rp_figure_time_cursor(f, 0, &ca) && !rp_figure_stats_shown(f));

    /* Fullscreen without a window manager: the layout takes the whole screen. */
    SDL_DisplayMode dm;
    RP_REQUIRE_VOID(SDL_GetDesktopDisplayMode(0, &dm) == 0);
    xdo(&x, "key f");
    pump(&x, 10);
    RP_CHECK_MSG(frame_of(v)->width == dm.w && frame_of(v)->height == dm.h,
                 "fullscreen laid out at %dx%d on a %dx%d screen", frame_of(v)->width,
                 frame_of(v)->height, dm.w, dm.h);
    /* ...and the window really covers it: SDL's desktop fullscreen without a window manager left
     * the X window at its size while the layout took the screen's, so the picture was cut off */
    int xw = 0, xh = 0;
    RP_CHECK_MSG(x_window_size(rp_window_sdl_window(rp_viewer_window(v)), &xw, &xh) && xw == dm.w &&
                     xh == dm.h,
                 "fullscreen: the X window is %dx%d on a %dx%d screen", xw, xh, dm.w, dm.h);
    xdo(&x, "key f");
    pump(&x, 10);
    RP_CHECK_MSG(frame_of(v)->width == 900 && frame_of(v)->height == 500,
                 "back from fullscreen at %dx%d", frame_of(v)->width, frame_of(v)->height);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);

    /* Started fullscreen (--fullscreen): the first frames already fill the screen; f leaves it
     * for the size asked for. */
    RP_REQUIRE_VOID(pipe(fds) == 0);
    opt.sources[0].fd.fd = fds[0];
    opt.fullscreen = true;
    rp_status again = rp_viewer_create(&opt, &v, err, sizeof err);
    RP_CHECK_MSG(again == RP_OK, "second viewer: %s", err);
    if (again != RP_OK) return;
    x = (xdo_run){.v = v, .fd = fds[1]};
    x.scale = rp_window_scale(rp_viewer_window(v));
    f = rp_viewer_figure(v);
    pump(&x, 10);
    RP_CHECK_MSG(frame_of(v)->width == dm.w && frame_of(v)->height == dm.h,
                 "--fullscreen laid out at %dx%d", frame_of(v)->width, frame_of(v)->height);
    xdo(&x, "mousemove 200 200");
    xdo(&x, "key f");
    pump(&x, 10);
    RP_CHECK_MSG(frame_of(v)->width == 900 && frame_of(v)->height == 500,
                 "--fullscreen, then f: %dx%d", frame_of(v)->width, frame_of(v)->height);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* SDL unloads the GL libraries when its video subsystem quits, and Mesa its driver; what they
 * keep for the process's life then shows up in LeakSanitizer as "<unknown module>" that no
 * suppression can name. Keeping them mapped lets tests/lsan.supp suppress exactly those frames. */
/* ---- a recording replayed in a real window: the timeline dragged with xdotool --------------- */

/* A 10 s recording (1 kHz) opened with --speed 0.001 (the playhead all but still): a press on the
 * timeline under the plots and a drag along it move the playhead, and so the view, to the x the
 * bar stands for there; a drag past its right end puts it at the end; k pauses and resumes. */
static void test_replay_xdotool(void)
{
    if (system("xdotool version > /dev/null 2>&1") != 0 || !getenv("DISPLAY")) {
        printf("skipped: needs xdotool and an X display (run under xvfb-run)\n");
        return;
    }
    char path[512];
    snprintf(path, sizeof path, "%s/replay_timeline.rpr", scratch);
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "wave", .capacity = 1 << 14, .rate = 1000},
                         &s) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    float chunk[1000];
    for (int k = 0; k < 10; k++) {
        for (int i = 0; i < 1000; i++) chunk[i] = sinf((float)(k * 1000 + i) * 0.01f);
        rp_push(s, chunk, 1000);
        rp_recorder_flush(rec);
    }
    rp_recorder_destroy(rec);
    rp_series_destroy(s);

    rp_viewer_options opt = {0};
    opt.open_path = path;
    opt.play_speed = 0.001;
    opt.width = 900;
    opt.height = 500;
    opt.span = 1;
    opt.no_vsync = true;
    rp_viewer *v;
    char err[256] = "";
    SDL_SetHint(SDL_HINT_MOUSE_DOUBLE_CLICK_TIME, "1");
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    xdo_run x = {.v = v, .fd = open("/dev/null", O_WRONLY)};
    SDL_Window *win = rp_window_sdl_window(rp_viewer_window(v));
    SDL_GetWindowPosition(win, &x.wx, &x.wy);
    x.scale = rp_window_scale(rp_viewer_window(v));
    pump(&x, 5);
    rp_figure *f = rp_viewer_figure(v);
    rp_frame_layout fl;
    RP_REQUIRE_VOID(rp_renderer_frame_layout(rp_window_renderer(rp_viewer_window(v)), f, &fl));
    rp_rect bar = {fl.timeline.x, fl.timeline.y, fl.timeline.width, fl.timeline.height};
    RP_REQUIRE_VOID(bar.w > 100 && bar.h > 0);
    RP_CHECK(bar.y > fl.panels[0].plot.y + fl.panels[0].plot.height); /* under the plot */
    double x0, x1;
    /* playing from the start: the recording's first second in view, not the second before it
     * (every panel empty), the playhead inside it */
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK && x0 == 0 && fabs(x1 - 1.0) < 1e-9);
    RP_CHECK(f->timeline_at < 0.1);

    /* press at 60 % of the bar, drag to 25 %: the view ends at 2.5 s of the 10 s */
    float by = bar.y + bar.h * 0.5f;
    pointer_to(&x, bar.x + bar.w * 0.6f, by);
    xdo(&x, "mousedown 1");
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_MSG(fabs(x1 - 6.0) < 0.1, "a press at 60%% of the bar: view ends at %g", x1);
    pointer_to(&x, bar.x + bar.w * 0.25f, by);
    xdo(&x, "mouseup 1");
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    /* 1 % of the bar: the pointer's rounding, and a window placed a few px off on a loaded X */
    RP_CHECK_MSG(fabs(x1 - 2.5) < 0.1, "dragged to 25%% of the bar: view ends at %g", x1);
    RP_CHECK(fabs((x1 - x0) - 1.0) < 1e-9); /* --span 1 */
    RP_CHECK(f->timeline_at > 2.4 && f->timeline_at < 2.6);

    /* k pauses: the playhead stays however long it waits */
    xdo(&x, "key k");
    for (int i = 0; i < WAIT_FRAMES; i++) { /* a loaded machine: until the key has arrived */
        double before = f->timeline_at;
        pump(&x, 1);
        if (f->timeline_at == before) break;
    }
    double held = f->timeline_at;
    pump(&x, 30);
    RP_CHECK(f->timeline_at == held);
    xdo(&x, "key k");

    /* a drag from the bar past its right end: the end of the recording */
    pointer_to(&x, bar.x + bar.w * 0.5f, by);
    xdo(&x, "mousedown 1");
    pointer_to(&x, bar.x + bar.w + 40, by);
    xdo(&x, "mouseup 1");
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_MSG(fabs(x1 - 9.999) < 1e-6, "dragged past the end: view ends at %g", x1);

    /* zoomed in with the wheel (which stops the playback), a click on the bar moves the view
     * there as wide as it was: it went back to --span */
    pointer_to(&x, fl.panels[0].plot.x + fl.panels[0].plot.width * 0.5f,
               fl.panels[0].plot.y + fl.panels[0].plot.height * 0.5f);
    for (int i = 0; i < 3; i++) xdo(&x, "click 4");
    pump(&x, 3);
    RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    double zoomed = x1 - x0;
    RP_CHECK_MSG(zoomed < 0.9, "the wheel zoomed in: %g s in view", zoomed);
    pointer_to(&x, bar.x + bar.w * 0.3f, by);
    xdo(&x, "click 1");
    pump(&x, 3);
    RP_CHECK(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_MSG(fabs(x1 - 3.0) < 0.1 && fabs((x1 - x0) - zoomed) < 1e-6,
                 "a click at 30%%: view %g .. %g (was %g wide)", x0, x1, zoomed);
    rp_viewer_destroy(v);
    close(x.fd);
}

/* ---- what a key did, or why it did nothing: the window says so ------------------------------ */

static int panel_of_kind(rp_viewer *v, char kind);
static void drag_over(rp_viewer *v, int p, float dx);

/* The SDL pointer over the middle of panel p's plot (the keys act on the panel under it). */
static void pointer_over(rp_viewer *v, int p)
{
    rp_rect r = plot_of(v, p);
    float scale = rp_window_scale(rp_viewer_window(v));
    SDL_WarpMouseInWindow(rp_window_sdl_window(rp_viewer_window(v)), (int)((r.x + r.w / 2) / scale),
                          (int)((r.y + r.h / 2) / scale));
    int mx = 0, my = 0;
    SDL_GetMouseState(&mx, &my);
    RP_CHECK_MSG(fabsf(mx * scale - (r.x + r.w / 2)) < 2 * scale, "pointer at %d, %d", mx, my);
}

/* Keys that did nothing said nothing: x over a one-series panel, o and j without log lines, k [ ]
 * without a recording, ':' without --serial, y and l over a spectrum or trigger panel, e. Now each
 * says why in the window; a paused view wears a PAUSED badge (the HUD off); a recording that
 * plays shows its state and speed. */
typedef struct late_writer {
    rp_viewer *v;
    int fd;
    int64_t next;
    int writes; /* draws left to write during */
} late_writer;

/* The draw hook: 100 more samples of a and b arrive while the frame draws (waited for). */
static void write_while_drawing(void *user)
{
    late_writer *w = user;
    if (w->writes <= 0) return;
    w->writes--;
    write_samples(w->fd, &w->next, 100);
    for (int i = 0; i < WAIT_MS && rp_series_stats_get(find(w->v, "b")).accepted < w->next; i++)
        SDL_Delay(1);
}

/* A window that draws only on a change still shows every sample: samples that came while a
 * frame was being drawn were counted as drawn (the data's signature was taken after drawing),
 * and a file or a pipe that ended then stayed half drawn until a key was pressed. */
static void test_idle_after_input_ends(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    char err[256] = "";
    rp_viewer *v;
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    late_writer w = {.v = v, .fd = fds[1]};
    write_samples(fds[1], &w.next, 100);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 100) && wait_accepted(v, "b", 100));
    bool drew = false;
    for (int i = 0; i < 3; i++) RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK);
    rp_viewer__set_draw_hook(v, write_while_drawing, &w);
    w.writes = 1;
    SDL_Event move = {.type = SDL_MOUSEMOTION}; /* an event: the next frame draws */
    move.motion.x = 100;
    move.motion.y = 100;
    rp_viewer_handle_event(v, &move);
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && drew);
    rp_viewer__set_draw_hook(v, NULL, NULL);
    RP_CHECK_EQ_INT(w.next, 200);
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK);
    RP_CHECK_MSG(drew, "samples that came while a frame drew: the next frame draws them");
    RP_CHECK_MSG(rp_renderer_last_stats(rp_viewer_renderer(v)).samples_in_view == 400,
                 "the last frame drawn holds %lld of 400 samples",
                 (long long)rp_renderer_last_stats(rp_viewer_renderer(v)).samples_in_view);
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && !drew); /* then nothing changes */
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* A CSV "t,a" of 200 rows dt apart, a = wave(row / 10): the feedback tests' files. */
static bool write_wave_csv(const char *path, double dt, double (*wave)(double))
{
    FILE *f = fopen(path, "w");
    if (!f) return false;
    fprintf(f, "t,a\n");
    for (int i = 0; i < 200; i++) fprintf(f, "%g,%g\n", i * dt, wave(i * 0.1));
    return fclose(f) == 0;
}

/* A recording at path of one series "w", 1000 samples/s, `seconds` of a sine repeating each
 * second, flushed a second at a time as a live --record is. False when it could not be made. */
static bool write_sine_recording(const char *path, int seconds)
{
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    if (rp_series_create(&(rp_series_desc){.name = "w", .rate = 1000}, &s) != RP_OK) return false;
    bool ok = rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK &&
              rp_recorder_add_series(rec, s, NULL) == RP_OK;
    float chunk[1000];
    for (int i = 0; i < 1000; i++) chunk[i] = sinf((float)i * 0.01f);
    for (int k = 0; ok && k < seconds; k++)
        ok = rp_push(s, chunk, 1000) == RP_OK && rp_recorder_flush(rec) == RP_OK;
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    return ok;
}

static void test_feedback(void)
{
    test_idle_after_input_ends();
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.height = 760;
    opt.panels[0] = "b"; /* a and b in panels of their own: one series each */
    opt.panel_count = 1;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_parse_spectrum("a:256", &opt.spectra[0], err, sizeof err));
    RP_REQUIRE_VOID(rp_viewer_parse_trigger("a:200:0", &opt.triggers[0], err, sizeof err));
    opt.spectrum_count = opt.trigger_count = 1;
    rp_viewer *v;
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    int64_t next = 0;
    write_samples(fds[1], &next, 1000);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1000) && wait_accepted(v, "b", 1000));
    frames(v, 3);
    rp_figure *f = rp_viewer_figure(v);
    int sp = panel_of_kind(v, 's'), tr = panel_of_kind(v, 't'), tp = panel_of_kind(v, 'p');
    RP_REQUIRE_VOID(sp >= 0 && tr >= 0 && tp >= 0);
    RP_CHECK_EQ_INT(f->panels[tp].series_count, 1);

    pointer_over(v, tp);
    int panels = rp_figure_panel_count(f);
    CHECK_SAYS(v, SDLK_x, "x: an XY panel needs two series in the panel");
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), panels);
    CHECK_SAYS(v, SDLK_o, "o: no log lines yet");
    CHECK_SAYS(v, SDLK_j, "j: no log line has come yet");
    CHECK_SAYS(v, SDLK_k, "no recording to play: k, [ and ] work with --open");
    CHECK_SAYS(v, SDLK_LEFTBRACKET, "no recording to play");
    CHECK_SAYS(v, SDLK_RIGHTBRACKET, "no recording to play");
    /* the trigger's and the spectrum's keys say what they did (they changed it silently) */
    CHECK_SAYS(v, SDLK_t, "trigger mode normal");
    CHECK_SAYS(v, SDLK_t, "trigger mode single");
    CHECK_SAYS(v, SDLK_t, "trigger mode auto");
    CHECK_SAYS(v, SDLK_r, "r re-arms a single trigger; this one is in auto mode");
    CHECK_SAYS(v, SDLK_n, "window blackman-harris");
    CHECK_SAYS(v, SDLK_n, "window flat-top");
    CHECK_SAYS(v, SDLK_n, "window hann");
    CHECK_SAYS(v, SDLK_g, "frequency axis log");
    CHECK_SAYS(v, SDLK_g, "frequency axis linear");
    CHECK_SAYS(v, SDLK_COLON, "there is none (--serial)");
    /* the keys a scope's or PlotJuggler's user tries first did nothing and said nothing: each
     * says what does it instead and where the keys are listed; any other key says so too */
    CHECK_SAYS(v, SDLK_LEFT, "Left: no action (drag pans, the wheel zooms; the keys: man ringplot");
    CHECK_SAYS(v, SDLK_PAGEUP, "PageUp: no action (drag pans");
    CHECK_SAYS(v, SDLK_PLUS, "+: no action (the wheel zooms time around the pointer");
    CHECK_SAYS(v, SDLK_KP_MINUS, "-: no action (the wheel zooms");
    CHECK_SAYS(v, SDLK_HOME, "Home: no action (space or a double-click: back to live");
    CHECK_SAYS(v, SDLK_F1, "F1: no help screen here (the keys: man ringplot");
    CHECK_SAYS_MOD(v, SDLK_SLASH, KMOD_LSHIFT, "?: no help screen here");
    CHECK_SAYS(v, SDLK_TAB, "Tab: no action (the keys: man ringplot");
    CHECK_SAYS(v, SDLK_i, "i: no action (the keys");
    CHECK_SAYS(v, SDLK_1, "1: no action (the keys");
    /* u shows every hidden series again: the way back when a small window has no legend entry
     * to click (there was none) */
    CHECK_SAYS(v, SDLK_u, "u: no hidden series");
    rp_series *hidden = f->panels[tp].series[0].series;
    RP_REQUIRE_VOID(rp_figure_set_series_visible(f, hidden, false) == RP_OK);
    CHECK_SAYS(v, SDLK_u, "u: 1 hidden series shown again (b)");
    RP_CHECK(rp_figure_series_visible(f, hidden));
    /* f and F11 toggle fullscreen and say so, as every other key does */
    CHECK_SAYS(v, SDLK_f, "fullscreen: on (f or F11: off)");
    CHECK_SAYS(v, SDLK_F11, "fullscreen: off");
    RP_CHECK(!rp_viewer_prompt_open(v));
    CHECK_SAYS(v, SDLK_e, "e: nothing to export");
    CHECK_SAYS(v, SDLK_y, ": on");
    RP_CHECK(f->panels[tp].level_on[0] && f->panels[tp].level_on[1]);
    CHECK_SAYS(v, SDLK_y, ": cleared");
    RP_CHECK(!f->panels[tp].level_on[0] && !f->panels[tp].level_on[1]);
    CHECK_SAYS(v, SDLK_l, "y scale log");
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, tp), RP_Y_LOG);
    frames(v, 1);
    RP_CHECK(strstr(f->message, "y scale log") != NULL); /* drawn by the figure */

    pointer_over(v, sp);
    CHECK_SAYS(v, SDLK_l, "l: a spectrum's dB axis is a log scale already");
    CHECK_SAYS(v, SDLK_y, "y: level cursors are for time and XY panels");
    RP_CHECK(!f->panels[sp].level_on[0] && rp_figure_y_scale(f, sp) == RP_Y_LINEAR);
    pointer_over(v, tr);
    CHECK_SAYS(v, SDLK_l, "l: a trigger panel's y axis stays linear");
    CHECK_SAYS(v, SDLK_y, "y: level cursors are for time and XY panels");
    CHECK_SAYS(v, SDLK_x, "x: point at a time panel");
    RP_CHECK(!f->panels[tr].level_on[0] && rp_figure_y_scale(f, tr) == RP_Y_LINEAR);

    /* space: paused, said, and a badge that stays (the HUD is off). What it pauses is what the
     * last frame showed, its cursors and time labels too: counted from the newest sample it
     * drew (its right edge is snapped up to the column grid, less than a column later), not
     * from samples that came after that frame (the paused view lost its "0 s") */
    RP_CHECK(!rp_viewer_hud_shown(v) && !rp_viewer_badge(v)[0]);
    frames(v, 1);
    rp_frame_layout live = *frame_of(v);
    double newest_drawn = 0;
    RP_CHECK(rp_series_x_extent(find(v, "a"), &(double){0}, &newest_drawn) == RP_OK);
    RP_CHECK(live.time_origin == newest_drawn && live.time_origin <= live.x1 &&
             live.x1 - live.time_origin < (live.x1 - live.x0) / 100);
    write_samples(fds[1], &next, 50); /* after that frame: newer than its right edge */
    for (int i = 0; i < WAIT_MS && rp_series_stats_get(find(v, "a")).accepted < 1050; i++)
        SDL_Delay(1);
    RP_CHECK_EQ_INT(rp_series_stats_get(find(v, "a")).accepted, 1050);
    CHECK_SAYS(v, SDLK_SPACE, "paused \u2014 space: back to live");
    frames(v, 1);
    RP_CHECK(frame_of(v)->x0 == live.x0 && frame_of(v)->x1 == live.x1);
    RP_CHECK_MSG(frame_of(v)->time_origin == live.time_origin,
                 "paused labels counted from %.6f, live ones from %.6f (the right edge)",
                 frame_of(v)->time_origin, live.time_origin);
    RP_CHECK(!strcmp(rp_viewer_badge(v), "PAUSED") && !strcmp(f->badge, "PAUSED"));
    CHECK_SAYS(v, SDLK_SPACE, "live");
    frames(v, 1);
    RP_CHECK(!rp_viewer_badge(v)[0] && !f->badge[0]);
    /* the wheel over a live view changes its span, and says so; leaving live by a drag replaces
     * that "live" (it stood beside the PAUSED badge) */
    wheel_over(v, tp, 1);
    frames(v, 1);
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "live, span 4.25 s"), "after the wheel: '%s'",
                 rp_viewer_message(v));
    RP_CHECK(!rp_viewer_badge(v)[0]);
    drag_over(v, tp, 100);
    frames(v, 1);
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "paused (dragged)"), "after the drag: '%s'",
                 rp_viewer_message(v));
    RP_CHECK(!strcmp(rp_viewer_badge(v), "PAUSED"));
    CHECK_SAYS(v, SDLK_SPACE, "live");
    frames(v, 1);
    { /* live data: every frame that has new samples is drawn, none is held back */
        bool drew = false;
        RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK);
        int64_t before = rp_series_stats_get(find(v, "a")).accepted;
        write_samples(fds[1], &next, 10);
        for (int i = 0; i < WAIT_MS && rp_series_stats_get(find(v, "a")).accepted < before + 10;
             i++)
            SDL_Delay(1);
        RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && drew);
    }
    /* a right click that cannot place a cursor says why (it did nothing silently) */
    rp_rect spr = plot_of(v, sp);
    right_click(v, spr.x + spr.w / 2, spr.y + spr.h / 2, false);
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "time cursors are for time panels"), "'%s'",
                 rp_viewer_message(v));
    right_click(v, spr.x + spr.w / 2, spr.y + spr.h / 2, true);
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "level cursors are for time and XY panels"), "'%s'",
                 rp_viewer_message(v));
    right_click(v, spr.x + spr.w / 2, spr.y + spr.h + 3, false); /* its axis, under the plot */
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "put it over a panel's plot"), "'%s'",
                 rp_viewer_message(v));
    RP_CHECK(!f->cursor_on[0]);

    /* keys with ctrl or alt are not the plain key's (ctrl+w wrote a layout, ctrl+s a
     * screenshot, ctrl+c and shift+c toggled the cursors): they say so; ctrl+q / ctrl+w quit */
    pointer_over(v, tp);
    bool cursors = f->cursor_on[0];
    CHECK_SAYS_MOD(v, SDLK_c, KMOD_LCTRL, "ctrl+c: no action");
    CHECK_SAYS_MOD(v, SDLK_c, KMOD_LSHIFT, "shift+c: no action");
    CHECK_SAYS_MOD(v, SDLK_c, KMOD_LALT, "alt+c: no action");
    RP_CHECK(f->cursor_on[0] == cursors);
    CHECK_SAYS_MOD(v, SDLK_s, KMOD_LCTRL, "ctrl+s: no action");
    CHECK_SAYS_MOD(v, SDLK_h, KMOD_RCTRL, "ctrl+h: no action");
    RP_CHECK(!rp_viewer_hud_shown(v));
    CHECK_SAYS_MOD(v, SDLK_LEFTBRACKET, KMOD_RALT, "no recording to play"); /* AltGr: '[' */
    {
        SDL_Event q = {.type = SDL_KEYDOWN};
        q.key.keysym.sym = SDLK_w;
        q.key.keysym.mod = KMOD_LCTRL;
        RP_CHECK(!rp_viewer_handle_event(v, &q)); /* quits, writes no layout */
    }
    rp_viewer_destroy(v);
    close(fds[0]);
    close(fds[1]);

    /* a CSV shown whole: e says what it exports and that the file is no recording; space says
     * a file has no live end (it said "paused \u2014 space: back to live", and PAUSED showed) */
    char csv[512];
    snprintf(csv, sizeof csv, "%s/feedback_whole.csv", scratch);
    RP_REQUIRE_VOID(write_wave_csv(csv, 1.0, sin));
    rp_viewer_options co;
    bool help = false;
    char *cw[] = {"ringplot", csv, "--size", "900x500", "--no-vsync", NULL};
    RP_REQUIRE_VOID(rp_viewer_parse_args(5, cw, &co, &help, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_viewer_create(&co, &v, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 200));
    frames(v, 2);
    CHECK_SAYS(v, SDLK_e, "a CSV or text file shown whole is not one");
    CHECK_SAYS(v, SDLK_SPACE, "a file shown whole has no live end");
    frames(v, 1);
    RP_CHECK_MSG(!rp_viewer_badge(v)[0], "badge '%s'", rp_viewer_badge(v));
    wheel_over(v, 0, 2);
    frames(v, 1);
    RP_CHECK_MSG(
        strstr(rp_viewer_message(v), "zoomed \u2014 double-click or space: the whole file"), "'%s'",
        rp_viewer_message(v));
    RP_CHECK_MSG(!rp_viewer_badge(v)[0], "badge '%s'", rp_viewer_badge(v));
    CHECK_SAYS(v, SDLK_SPACE, "the whole file in view");
    /* an idle window draws nothing (it drew 60 identical frames a second: a third of a core
     * with llvmpipe's threads); a key, a pointer move or a resize draws the next frame */
    bool drew = true;
    for (int i = 0; i < 3; i++) RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK);
    int64_t drawn = rp_viewer_frames(v), skipped = rp_viewer_frames_skipped(v);
    for (int i = 0; i < 10; i++) {
        RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK);
        RP_CHECK_MSG(!drew, "idle frame %d drawn", i);
    }
    RP_CHECK(rp_viewer_frames(v) == drawn && rp_viewer_frames_skipped(v) == skipped + 10);
    key(v, SDLK_m);
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && drew);
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && !drew);
    SDL_Event move = {.type = SDL_MOUSEMOTION}; /* the crosshair moves */
    move.motion.x = 200;
    move.motion.y = 150;
    rp_viewer_handle_event(v, &move);
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && drew);
    rp_viewer_destroy(v);

    /* the HUD of a file read at once gives its rate, never "idle": nothing more was to come
     * ("rate a idle 26 s" 26 s after it was read) */
    char fast_csv[512];
    snprintf(fast_csv, sizeof fast_csv, "%s/feedback_100hz.csv", scratch);
    RP_REQUIRE_VOID(write_wave_csv(fast_csv, 0.01, sin));
    char *ch[] = {"ringplot", fast_csv, "--size", "900x500", "--no-vsync", "--hud", NULL};
    RP_REQUIRE_VOID(rp_viewer_parse_args(6, ch, &co, &help, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_viewer_create(&co, &v, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 200));
    SDL_Delay(2500); /* idle for a live series: over 2 s and 5 periods */
    frames(v, 1);
    f = rp_viewer_figure(v);
    RP_CHECK_MSG(strstr(f->overlay, "rate") && strstr(f->overlay, "100") &&
                     !strstr(f->overlay, "idle"),
                 "HUD: %s", f->overlay);
    rp_viewer_destroy(v);

    /* u names the series it shows again as the legend does: with the file's name where two
     * files bring the same column ("a" and "a" said nothing of which came back) */
    char second[512];
    snprintf(second, sizeof second, "%s/feedback_second.csv", scratch);
    RP_REQUIRE_VOID(write_wave_csv(second, 1.0, cos));
    char *c2[] = {"ringplot", csv, second, "--size", "900x500", "--no-vsync", NULL};
    RP_REQUIRE_VOID(rp_viewer_parse_args(6, c2, &co, &help, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_viewer_create(&co, &v, err, sizeof err) == RP_OK);
    for (int i = 0; i < WAIT_FRAMES && rp_ingest_series_count(rp_viewer_ingest(v)) < 2; i++)
        frames(v, 1);
    frames(v, 2);
    f = rp_viewer_figure(v);
    RP_REQUIRE_VOID(rp_ingest_series_count(rp_viewer_ingest(v)) == 2);
    rp_series *second_a = rp_ingest_series_at(rp_viewer_ingest(v), 1, NULL);
    RP_CHECK(rp_figure_set_series_visible(f, second_a, false) == RP_OK);
    CHECK_SAYS(v, SDLK_u, "u: 1 hidden series shown again (feedback_");
    RP_CHECK_MSG(strstr(rp_viewer_message(v), ".csv: a)"), "'%s'", rp_viewer_message(v));
    rp_viewer_destroy(v);

    /* the same file with --span: its end in view, counted back from its last row (the axis, the
     * hover, the table), and its --cursors at file x as documented (they were placed 50 s and
     * 60 s after the end, every cell "-") */
    char *cs[] = {"ringplot", csv,         "--size", "900x500",      "--no-vsync", "--span",
                  "20",       "--cursors", "50,60",  "--show-stats", NULL};
    RP_REQUIRE_VOID(rp_viewer_parse_args(10, cs, &co, &help, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_viewer_create(&co, &v, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 200));
    frames(v, 2);
    f = rp_viewer_figure(v);
    double ca = NAN, cb = NAN;
    RP_CHECK(rp_figure_time_cursor(f, 0, &ca) && rp_figure_time_cursor(f, 1, &cb));
    RP_CHECK_MSG(ca == 50 && cb == 60, "--cursors 50,60 with --span: at x %g and %g", ca, cb);
    const rp_frame_layout *sl = frame_of(v);
    RP_CHECK_MSG(sl->time_origin == 199, "axis, cursors and hover count from %g, not its end",
                 sl->time_origin);
    RP_CHECK_MSG(sl->x1 >= 199 && sl->x1 - sl->x0 < 21, "view %g .. %g: not the file's end", sl->x0,
                 sl->x1);
    rp_viewer_destroy(v);

    /* a recording that plays: its state and speed in the badge, [ and ] said */
    char path[512];
    snprintf(path, sizeof path, "%s/feedback.rpr", scratch);
    RP_REQUIRE_VOID(write_sine_recording(path, 5));
    rp_viewer_options ro = {0};
    ro.open_path = path;
    ro.play_speed = 1.0 / 1024;
    ro.width = 900;
    ro.height = 500;
    ro.span = 1;
    ro.no_vsync = true;
    RP_REQUIRE_VOID(rp_viewer_create(&ro, &v, err, sizeof err) == RP_OK);
    frames(v, 2);
    RP_CHECK_MSG(!strcmp(rp_viewer_badge(v), "PLAYING 1/1024x"), "badge '%s'", rp_viewer_badge(v));
    CHECK_SAYS(v, SDLK_RIGHTBRACKET, "speed 1/512x");
    CHECK_SAYS(v, SDLK_k, "playback paused");
    frames(v, 1);
    RP_CHECK_MSG(!strcmp(rp_viewer_badge(v), "PAUSED 1/512x"), "badge '%s'", rp_viewer_badge(v));
    CHECK_SAYS(v, SDLK_SPACE, "playing at 1/512x");
    frames(v, 1);
    RP_CHECK_MSG(!strcmp(rp_viewer_badge(v), "PLAYING 1/512x"), "badge '%s'", rp_viewer_badge(v));

    /* the HUD of a recording: its series, samples and file, the playback's state; at its end
     * "end of recording", never "PAUSED (space: back to live)": nothing is live */
    f = rp_viewer_figure(v);
    key(v, SDLK_h);
    frames(v, 1);
    RP_CHECK_MSG(strstr(f->overlay, "1 series") && strstr(f->overlay, "samples 5000") &&
                     strstr(f->overlay, "recording file") &&
                     strstr(f->overlay, "playback playing at 1/512x"),
                 "HUD: %s", f->overlay);
    for (int i = 0; i < 20; i++) key(v, SDLK_RIGHTBRACKET); /* 1024x: 5 s in 5 ms */
    for (int i = 0; i < WAIT_FRAMES && strcmp(rp_viewer_badge(v), "END OF RECORDING"); i++)
        frames(v, 1);
    RP_CHECK_MSG(!strcmp(rp_viewer_badge(v), "END OF RECORDING"), "badge '%s'", rp_viewer_badge(v));
    RP_CHECK_MSG(strstr(f->overlay, "end of recording") && !strstr(f->overlay, "PAUSED"),
                 "HUD at the end: %s", f->overlay);
    rp_viewer_destroy(v);
    unlink(path);
}

/* ---- view panels in a real window: their own axes under the wheel and the mouse ------------ */

/* Panel `p` of v is a spectrum / trigger / XY / time panel. */
static int panel_of_kind(rp_viewer *v, char kind)
{
    rp_figure *f = rp_viewer_figure(v);
    for (int p = 0; p < rp_figure_panel_count(f); p++) {
        bool sp = rp_figure_spectrum_desc(f, p).size > 0,
             tr = rp_figure_trigger_desc(f, p).sweep > 0;
        bool xy = rp_figure_xy_desc(f, p).title != NULL;
        if ((kind == 's' && sp) || (kind == 't' && tr) || (kind == 'x' && xy) ||
            (kind == 'p' && !sp && !tr && !xy && !f->panels[p].notes))
            return p;
    }
    return -1;
}

/* The time view is exactly [x0, x1] still (the paused view the test started from). */
static bool time_view_is(rp_figure *f, double x0, double x1)
{
    double a = 0, b = 0;
    return rp_figure_x_view(f, &a, &b) == RP_OK && a == x0 && b == x1 && !rp_figure_following(f);
}

/* A spectrum, a trigger and an XY panel beside a paused time panel, driven by real X input: the
 * wheel, shift+wheel and a drag over each move that panel's own axes and never the time view; a
 * double-click and 'a' bring them back to the whole range; the wheel over the time panel still
 * zooms time. */
static void test_views_xdotool(void)
{
    if (!have_xdotool()) return;
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.x_axis = RP_X_AXIS_TIME;
    opt.height = 760;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_parse_spectrum("a:256", &opt.spectra[0], err, sizeof err));
    RP_REQUIRE_VOID(rp_viewer_parse_trigger("a:200:0", &opt.triggers[0], err, sizeof err));
    RP_REQUIRE_VOID(rp_viewer_parse_xy("a,b", &opt.xys[0], err, sizeof err));
    opt.spectrum_count = opt.trigger_count = opt.xy_count = 1;
    xdo_run x; /* 100 samples/s: a spectrum up to 50 Hz */
    if (!xdo_open(&opt, fds, &x)) return;
    rp_viewer *v = x.v;
    pump(&x, 5);
    rp_figure *f = rp_viewer_figure(v);
    int sp = panel_of_kind(v, 's'), tr = panel_of_kind(v, 't'), xy = panel_of_kind(v, 'x');
    int tp = panel_of_kind(v, 'p');
    RP_REQUIRE_VOID(sp >= 0 && tr >= 0 && xy >= 0 && tp >= 0);
    rp_rect t = plot_of(v, tp);
    pointer_to(&x, t.x + t.w * 0.5f, t.y + t.h * 0.5f);
    xdo(&x, "key space"); /* paused: the time view stands still while samples arrive */
    double x0 = 0, x1 = 0;
    RP_REQUIRE_VOID(!rp_figure_following(f) && rp_figure_x_view(f, &x0, &x1) == RP_OK);

    /* spectrum: the wheel at 30 % of the plot zooms the frequency axis around 15 Hz */
    rp_rect r = plot_of(v, sp);
    pointer_to(&x, r.x + r.w * 0.3f, r.y + r.h * 0.5f);
    xdo(&x, "click 4");
    rp_spectrum_desc sd = rp_figure_spectrum_desc(f, sp);
    RP_CHECK_MSG(sd.freq_max > sd.freq_min && sd.freq_max - sd.freq_min < 0.9 * 50,
                 "spectrum after the wheel: %g .. %g Hz", sd.freq_min, sd.freq_max);
    RP_CHECK_NEAR(sd.freq_min + 0.3 * (sd.freq_max - sd.freq_min), 15.0, 50.0 * 2 / r.w);
    RP_CHECK_MSG(time_view_is(f, x0, x1), "the wheel over a spectrum moved the time view");
    RP_CHECK(sd.db_min == 0 && sd.db_max == 0);
    xdo(&x, "keydown shift");
    xdo(&x, "click 4");
    xdo(&x, "keyup shift");
    sd = rp_figure_spectrum_desc(f, sp);
    RP_CHECK_MSG(sd.db_max > sd.db_min, "shift+wheel over a spectrum: dB view %g .. %g", sd.db_min,
                 sd.db_max);
    RP_CHECK(time_view_is(f, x0, x1));
    double f0 = sd.freq_min;
    xdo(&x, "mousedown 1"); /* drag right: lower frequencies come into view */
    pointer_to(&x, r.x + r.w * 0.3f + 60, r.y + r.h * 0.5f);
    xdo(&x, "mouseup 1");
    sd = rp_figure_spectrum_desc(f, sp);
    RP_CHECK_MSG(sd.freq_min < f0, "drag over a spectrum: %g -> %g Hz", f0, sd.freq_min);
    RP_CHECK(time_view_is(f, x0, x1));
    SDL_SetHint(SDL_HINT_MOUSE_DOUBLE_CLICK_TIME, "5000"); /* a double-click: back to the whole */
    xdo(&x, "click --repeat 2 --delay 40 1");
    SDL_SetHint(SDL_HINT_MOUSE_DOUBLE_CLICK_TIME, "1");
    sd = rp_figure_spectrum_desc(f, sp);
    RP_CHECK_MSG(sd.freq_min == 0 && sd.freq_max == 0 && sd.db_min == 0 && sd.db_max == 0,
                 "double-click over a spectrum: %g .. %g Hz", sd.freq_min, sd.freq_max);
    RP_CHECK_MSG(time_view_is(f, x0, x1), "a double-click over a spectrum went back to live");

    /* trigger: the wheel opens a window into the sweep, a drag moves it */
    r = plot_of(v, tr);
    pointer_to(&x, r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    xdo(&x, "click 4");
    rp_trigger_desc td = rp_figure_trigger_desc(f, tr);
    RP_CHECK_MSG(td.time_max > td.time_min, "trigger after the wheel: %g .. %g s", td.time_min,
                 td.time_max);
    RP_CHECK_MSG(time_view_is(f, x0, x1), "the wheel over a trigger panel moved the time view");
    double w0 = td.time_min;
    xdo(&x, "mousedown 1");
    pointer_to(&x, r.x + r.w * 0.5f - 50, r.y + r.h * 0.5f);
    xdo(&x, "mouseup 1");
    td = rp_figure_trigger_desc(f, tr);
    RP_CHECK_MSG(td.time_min > w0, "drag left over a trigger panel: %g -> %g s", w0, td.time_min);
    RP_CHECK(time_view_is(f, x0, x1));

    /* XY: the wheel zooms both axes (fixed from then on), shift+wheel Y only */
    pump(&x, 3);
    r = plot_of(v, xy);
    pointer_to(&x, r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    xdo(&x, "click 4");
    rp_xy_desc xd = rp_figure_xy_desc(f, xy);
    RP_CHECK_MSG(xd.x_max > xd.x_min && xd.y_max > xd.y_min,
                 "XY after the wheel: %g .. %g, %g .. %g", xd.x_min, xd.x_max, xd.y_min, xd.y_max);
    RP_CHECK_MSG(time_view_is(f, x0, x1), "the wheel over an XY panel moved the time view");
    double xa = xd.x_min, xb = xd.x_max, ya = xd.y_min;
    xdo(&x, "keydown shift");
    xdo(&x, "click 5");
    xdo(&x, "keyup shift");
    xd = rp_figure_xy_desc(f, xy);
    RP_CHECK(xd.x_min == xa && xd.x_max == xb && xd.y_min < ya); /* out, Y only */
    RP_CHECK(time_view_is(f, x0, x1));

    /* a: every view panel's axes back to the whole range */
    xdo(&x, "key a");
    td = rp_figure_trigger_desc(f, tr);
    xd = rp_figure_xy_desc(f, xy);
    RP_CHECK(td.time_min == 0 && td.time_max == 0 && xd.x_min == 0 && xd.x_max == 0 &&
             xd.y_min == 0 && xd.y_max == 0);
    RP_CHECK(time_view_is(f, x0, x1));

    /* the wheel over the time panel still zooms time */
    pointer_to(&x, t.x + t.w * 0.5f, t.y + t.h * 0.5f);
    xdo(&x, "click 4");
    double z0 = 0, z1 = 0;
    RP_CHECK(rp_figure_x_view(f, &z0, &z1) == RP_OK && z1 - z0 < 0.9 * (x1 - x0));
    char png[512];
    snprintf(png, sizeof png, "%s/viewer_views_xdotool.png", scratch);
    RP_CHECK(rp_viewer_write_png(v, png) == RP_OK);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* ---- a layout set up by hand, saved with 'w' and loaded again --------------------------- */

/* The one file in dir (a fresh directory the 'w' key wrote to) into path; false when not one. */
static bool only_file(const char *dir, char *path, size_t size)
{
    DIR *d = opendir(dir);
    int n = 0;
    for (struct dirent *e; d && (e = readdir(d));)
        if (e->d_name[0] != '.') n += snprintf(path, size, "%s/%s", dir, e->d_name) > 0;
    if (d) closedir(d);
    return n == 1;
}

static bool same_bytes(const char *a, const char *b)
{
    char cmd[2100];
    snprintf(cmd, sizeof cmd, "cmp -s '%s' '%s'", a, b);
    return system(cmd) == 0;
}

/* Each key of `keys` pressed with the pointer over the middle of panel p's plot. */
static void keys_over(xdo_run *x, int p, const char *keys)
{
    rp_rect r = plot_of(x->v, p);
    pointer_to(x, r.x + r.w * 0.5f, r.y + r.h * 0.5f);
    for (const char *k = keys; *k; k++) xdo(x, "key %c", *k);
}

/* A series g/c (a panel of its own, made after a and b's) from sample `next` on, as
 * write_samples times them. */
static void write_group_samples(int fd, int64_t next, int n)
{
    char buf[64];
    for (int i = 0; i < n; i++, next++) {
        int len = snprintf(buf, sizeof buf, "g/c:%.0f:%g\n", 1.7e12 + (double)next * 10.0,
                           1.0 + 0.5 * sin(next * 0.02));
        RP_CHECK(write(fd, buf, (size_t)len) == len);
    }
}

/* The panels top to bottom as letters (s spectrum, t trigger, x XY, p time, n notes) and titles. */
static void panel_order(rp_viewer *v, char *out, size_t size)
{
    rp_figure *f = rp_viewer_figure(v);
    size_t len = 0;
    out[0] = 0;
    for (int p = 0; p < rp_figure_panel_count(f) && len < size; p++) {
        char kind = rp_figure_spectrum_desc(f, p).size > 0   ? 's'
                    : rp_figure_trigger_desc(f, p).sweep > 0 ? 't'
                    : rp_figure_xy_desc(f, p).title != NULL  ? 'x'
                    : f->panels[p].notes                     ? 'n'
                                                             : 'p';
        len += (size_t)snprintf(out + len, size - len, "%c:%s|", kind, f->panels[p].title);
    }
}

/* Everything a user sets up by hand comes back from the layout 'w' saves: b hidden by a click on
 * its legend entry, the time panel's legend dragged to a corner, an XY panel made with x (and its
 * equal aspect, x over it), the spectrum's window and log axis (n, g, v), the trigger's mode,
 * edge and persistence (t, b, p), the log list (o), a log y scale (l) on the panel of g/c, which
 * came after a and b. Every view panel sits right above its series' time panel, made by a flag
 * or by x, so x puts the XY panel above a and b's panel (not at the bottom), and the second viewer
 * of the file shows the panels in the same order with the same numbers, and saves the same
 * bytes. */
static void test_layout_xdotool(void)
{
    if (!have_xdotool()) return;
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    char dir[512], saved[1024], again[1024], err[256] = "";
    snprintf(dir, sizeof dir, "%s/layout_keys", scratch);
    snprintf(again, sizeof again, "%s/layout_keys_again.json", scratch);
    char cmd[1100];
    snprintf(cmd, sizeof cmd, "rm -rf '%s' && mkdir -p '%s'", dir, dir);
    RP_REQUIRE_VOID(system(cmd) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.height = 760;
    opt.screenshot_dir = dir;
    bool help = false;
    const char *words[] = {"--spectrum", "a:256", "--trigger", "b:100"};
    RP_REQUIRE_VOID(rp_viewer_parse_words(&opt, 4, words, &help, err, sizeof err) == RP_OK);
    xdo_run x;
    if (!xdo_open(&opt, fds, &x)) return;
    rp_viewer *v = x.v;
    rp_figure *f = rp_viewer_figure(v);
    write_group_samples(fds[1], x.next, 200);
    RP_REQUIRE_VOID(wait_accepted(v, "g/c", 200));
    pump(&x, 3);
    int sp = panel_of_kind(v, 's'), tr = panel_of_kind(v, 't'), tp = panel_of_kind(v, 'p');
    int gp = rp_figure_panel_count(f) - 1;
    RP_REQUIRE_VOID(sp >= 0 && tr >= 0 && tp >= 0 && panel_of_kind(v, 'x') < 0 && gp > tr);
    rp_series *b = find(v, "b");
    rp_rect t = plot_of(v, tp), lr = legend_entry(v, tp, b);
    RP_REQUIRE_VOID(lr.w > 0);
    pointer_to(&x, lr.x + lr.w * 0.5f, lr.y + lr.h * 0.5f);
    xdo(&x, "click 1");
    RP_CHECK(!rp_figure_series_visible(f, b));
    lr = legend_entry(v, tp, b);
    pointer_to(&x, lr.x + 3, lr.y + lr.h * 0.5f);
    xdo(&x, "mousedown 1");
    pointer_to(&x, t.x + 40, t.y + t.h - 20);
    xdo(&x, "mouseup 1");
    RP_CHECK_EQ_INT(rp_figure_legend_place(f, tp), RP_LEGEND_BOTTOM_LEFT);
    keys_over(&x, tp, "x");
    pump(&x, 3);
    int xy = panel_of_kind(v, 'x');
    RP_REQUIRE_VOID(xy >= 0);
    RP_CHECK_EQ_INT(xy, tp); /* right above a and b's panel, which moved down one */
    RP_CHECK_EQ_INT(panel_of_kind(v, 'p'), tp + 1);
    RP_CHECK(sp < tp && tr < tp); /* the spectrum and trigger above it too */
    tp++;
    gp++;
    keys_over(&x, xy, "x");
    RP_CHECK(rp_figure_xy_desc(f, xy).equal_aspect);
    keys_over(&x, sp, "ngv");
    keys_over(&x, tr, "tbpo");
    keys_over(&x, gp, "l");
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, gp), RP_Y_LOG);
    xdo(&x, "key w");
    RP_REQUIRE_VOID(only_file(dir, saved, sizeof saved));
    int panels = rp_figure_panel_count(f);
    char order[512], order2[512];
    panel_order(v, order, sizeof order);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);

    /* the file says so */
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt2 = pipe_viewer_options(fds);
    RP_REQUIRE_VOID(rp_viewer_config_load(saved, &opt2, err, sizeof err) == RP_OK);
    RP_CHECK(opt2.hide_count == 1 && !strcmp(opt2.hide[0], "b"));
    RP_CHECK(opt2.legend_count == 1 && opt2.legends[0].panel == tp + 1 &&
             opt2.legends[0].place == RP_LEGEND_BOTTOM_LEFT);
    RP_CHECK_MSG(opt2.xy_count == 1 && !strcmp(opt2.xy_specs[0], "a,b:equal"), "xy: %s",
                 opt2.xy_count ? opt2.xy_specs[0] : "none");
    RP_CHECK_MSG(!strcmp(opt2.spectrum_specs[0], "a:256:blackman-harris:log,waterfall"),
                 "spectrum: %s", opt2.spectrum_specs[0]);
    RP_CHECK_MSG(!strcmp(opt2.trigger_specs[0], "b:100:0:normal,falling,persist=8"), "trigger: %s",
                 opt2.trigger_specs[0]);
    RP_CHECK(opt2.log_list);
    RP_CHECK_MSG(opt2.y_scale_count == 1 && opt2.y_scales[0].panel == gp + 1 &&
                     opt2.y_scales[0].scale == RP_Y_LOG,
                 "the log scale of g/c's panel %d saved for panel %d", gp + 1,
                 opt2.y_scale_count ? opt2.y_scales[0].panel : 0);

    /* ...and a viewer of it shows it */
    opt2.no_vsync = true;
    if (!xdo_open(&opt2, fds, &x)) return;
    v = x.v;
    f = rp_viewer_figure(v);
    write_group_samples(fds[1], x.next, 200);
    RP_REQUIRE_VOID(wait_accepted(v, "g/c", 200));
    pump(&x, 3);
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), panels);
    panel_order(v, order2, sizeof order2);
    RP_CHECK_MSG(!strcmp(order, order2), "panels on screen %s, reloaded %s", order, order2);
    RP_CHECK_EQ_INT(panel_of_kind(v, 'x'), tp - 1);
    RP_CHECK_EQ_INT(rp_figure_y_scale(f, gp), RP_Y_LOG);
    RP_CHECK(!rp_figure_series_visible(f, find(v, "b")) &&
             rp_figure_series_visible(f, find(v, "a")));
    RP_CHECK_EQ_INT(rp_figure_legend_place(f, tp), RP_LEGEND_BOTTOM_LEFT);
    xy = panel_of_kind(v, 'x');
    RP_CHECK(xy >= 0 && rp_figure_xy_desc(f, xy).equal_aspect);
    rp_spectrum_desc sd = rp_figure_spectrum_desc(f, sp);
    RP_CHECK(sd.window == RP_WINDOW_BLACKMAN_HARRIS && sd.log_frequency &&
             sd.waterfall == RP_VIEWER_WATERFALL);
    rp_trigger_desc td = rp_figure_trigger_desc(f, tr);
    RP_CHECK(td.mode == RP_TRIGGER_NORMAL && td.edge == RP_TRIGGER_FALLING &&
             td.persistence == RP_VIEWER_PERSISTENCE);
    keys_over(&x, tp, "x"); /* x again over the time panel: its XY panel is there already */
    RP_CHECK_EQ_INT(rp_figure_panel_count(f), panels);
    RP_CHECK(rp_viewer_save_layout(v, again) == RP_OK);
    RP_CHECK_MSG(same_bytes(saved, again), "save -> load -> save differs: %s %s", saved, again);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

static void keep_gl_libraries_mapped(void)
{
    const char *libs[] = {"libEGL.so.1",   "libEGL_mesa.so.0",
                          "libGLX.so.0",   "libGLX_mesa.so.0",
                          "libglapi.so.0", "/usr/lib/x86_64-linux-gnu/dri/swrast_dri.so",
                          "libX11.so.6",   "libdbus-1.so.3"};
    for (size_t i = 0; i < sizeof libs / sizeof libs[0]; i++)
        dlopen(libs[i], RTLD_LAZY | RTLD_NODELETE);
}

/* ---- the QA session's findings: live zoom, a frozen pause, j, r, e, an ended input --------- */

/* The newest x of series `name` (NAN when it has none). */
static double newest_x(rp_viewer *v, const char *name)
{
    double first, last;
    rp_series *s = find(v, name);
    return s && rp_series_x_extent(s, &first, &last) == RP_OK ? last : NAN;
}

/* A drag in panel p's plot from its middle, dx drawable px to the right. */
static void drag_over(rp_viewer *v, int p, float dx)
{
    rp_rect r = plot_of(v, p);
    float scale = rp_window_scale(rp_viewer_window(v));
    float cx = (r.x + r.w / 2) / scale, cy = (r.y + r.h / 2) / scale;
    mouse_button(v, SDL_MOUSEBUTTONDOWN, cx, cy, 1);
    SDL_Event motion = {.type = SDL_MOUSEMOTION};
    motion.motion.x = (int)(cx + dx / scale);
    motion.motion.y = (int)cy;
    send_event(v, &motion);
    mouse_button(v, SDL_MOUSEBUTTONUP, cx + dx / scale, cy, 1);
}

/* Zooming a live view keeps it live: its right edge the newest sample, only the span changes
 * (zoomed out 4 notches it showed seconds of the future, "0 s" mid-plot); space keeps that span,
 * a double-click goes back to --span. */
static void test_live_zoom(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    int64_t next = 0;
    write_samples(fds[1], &next, 1000); /* 10 s at 100 Hz */
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1000) && wait_accepted(v, "b", 1000));
    frames(v, 3);
    rp_figure *f = rp_viewer_figure(v);
    double x0, x1;

    wheel_over(v, 0, -4); /* out */
    frames(v, 1);
    RP_CHECK_MSG(rp_figure_following(f), "zoomed out, the live view stopped following");
    RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_MSG(x1 <= newest_x(v, "a") + 1e-9, "view ends %.3f s after the newest sample",
                 x1 - newest_x(v, "a"));
    RP_CHECK_NEAR(x1 - x0, 5.0 / pow(0.85, 4), 1e-6);
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "live, span 9.58 s"), "'%s'", rp_viewer_message(v));
    RP_CHECK_MSG(!rp_viewer_badge(v)[0], "badge '%s'", rp_viewer_badge(v));
    write_samples(fds[1], &next, 100); /* it goes on following */
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1100));
    frames(v, 1);
    RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_NEAR(x1, newest_x(v, "a"), 1e-9);
    RP_CHECK_NEAR(x1 - x0, 5.0 / pow(0.85, 4), 1e-6);
    wheel_over(v, 0, 2); /* in: live still, the span smaller */
    RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK(rp_figure_following(f));
    RP_CHECK_NEAR(x1 - x0, 5.0 / pow(0.85, 2), 1e-6);
    /* space pauses and resumes at that span; a double-click goes back to --span */
    key(v, SDLK_SPACE);
    key(v, SDLK_SPACE);
    RP_REQUIRE_VOID(rp_figure_following(f) && rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_NEAR(x1 - x0, 5.0 / pow(0.85, 2), 1e-6);
    rp_rect r = plot_of(v, 0);
    float scale = rp_window_scale(rp_viewer_window(v));
    mouse_button(v, SDL_MOUSEBUTTONDOWN, (r.x + r.w / 2) / scale, (r.y + r.h / 2) / scale, 2);
    RP_REQUIRE_VOID(rp_figure_following(f) && rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_NEAR(x1 - x0, 5.0, 1e-6);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* A paused view stays as it is while data arrives: zoomed out or dragged right it stops at the
 * edge it had (new samples filled the part past it under the PAUSED badge), and it is not drawn
 * again for samples that land past its right edge (every frame was: the data's signature changed
 * with each), unless the HUD shows their counts. */
static void test_paused_view_stays(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    int64_t next = 0;
    write_samples(fds[1], &next, 1100);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1100) && wait_accepted(v, "b", 1100));
    frames(v, 3);
    rp_figure *f = rp_viewer_figure(v);
    double x0, x1;
    /* paused: zoomed out and dragged right, it never reaches past what it showed */
    key(v, SDLK_SPACE);
    frames(v, 1);
    double p0, p1;
    RP_REQUIRE_VOID(rp_figure_x_view(f, &p0, &p1) == RP_OK && !rp_figure_following(f));
    wheel_over(v, 0, -4);
    double q0, q1;
    RP_REQUIRE_VOID(rp_figure_x_view(f, &q0, &q1) == RP_OK);
    RP_CHECK_MSG(q1 <= p1, "zoomed out, the paused view reaches %.3f s past its edge", q1 - p1);
    RP_CHECK_NEAR(q1 - q0, (p1 - p0) / pow(0.85, 4), 1e-6);
    drag_over(v, 0, -200); /* the data moves left: the view to later times */
    RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_MSG(x1 <= p1 && fabs((x1 - x0) - (q1 - q0)) < 1e-9,
                 "dragged right: %.3f .. %.3f past the edge", x0 - p1, x1 - p1);
    SDL_Delay(2600); /* the messages of the keys above expire (a frame draws then) */
    frames(v, 2);
    rp_range_stats before, after;
    RP_REQUIRE_VOID(rp_series_range_stats(find(v, "a"), x0, x1, &before) == RP_OK);
    /* samples that land past the right edge draw nothing (the HUD off) once one is there (the
     * line from the last sample in view goes to it) */
    bool drew = true;
    write_samples(fds[1], &next, 50);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1150));
    for (int i = 0; i < 3; i++) RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK);
    int64_t skipped = rp_viewer_frames_skipped(v);
    for (int k = 1; k <= 3; k++) {
        write_samples(fds[1], &next, 50);
        RP_REQUIRE_VOID(wait_accepted(v, "a", 1150 + 50 * k));
        RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK);
        RP_CHECK_MSG(!drew, "paused, %d x 50 samples past its right edge: drawn again", k);
    }
    RP_CHECK_EQ_INT(rp_viewer_frames_skipped(v), skipped + 3);
    double y0, y1;
    RP_REQUIRE_VOID(rp_figure_x_view(f, &y0, &y1) == RP_OK);
    RP_CHECK(y0 == x0 && y1 == x1);
    RP_REQUIRE_VOID(rp_series_range_stats(find(v, "a"), x0, x1, &after) == RP_OK);
    RP_CHECK_MSG(after.count == before.count, "paused view: %lld samples, %lld before",
                 (long long)after.count, (long long)before.count);
    RP_CHECK(!strcmp(rp_viewer_badge(v), "PAUSED"));
    /* with the HUD on its counts change: drawn */
    key(v, SDLK_h);
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && drew);
    write_samples(fds[1], &next, 50);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1350));
    SDL_Delay(600); /* past the HUD's half-second rate */
    RP_CHECK(rp_viewer_frame_if_changed(v, &drew) == RP_OK && drew);
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* j and a click on a log line say where cursor A went (nothing was said); j with nothing to
 * jump to says why. */
static void test_log_jump_said(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.height = 600;
    opt.x_axis = RP_X_AXIS_TIME; /* as the command line's default */
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    int64_t next = 0;
    write_samples(fds[1], &next, 900);
    CHECK_SAYS(v, SDLK_j, "j: no log line has come yet");
    char line[64];
    int len = snprintf(line, sizeof line, ">%.0f:WiFi connected\n", 1.7e12 + 899 * 10.0);
    RP_CHECK(write(fds[1], line, (size_t)len) == len);
    write_samples(fds[1], &next, 100); /* the line at -1 s */
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1000));
    rp_figure *f = rp_viewer_figure(v);
    for (int i = 0; i < WAIT_FRAMES && rp_notes_stats_get(rp_figure_notes(f)).logs < 1; i++)
        frames(v, 1);
    frames(v, 3);
    CHECK_SAYS(v, SDLK_o, "log list on");
    frames(v, 2);
    CHECK_SAYS(v, SDLK_j, "j: A at the log line 'WiFi connected' (t = -1.000 s); paused");
    double a = 0;
    RP_CHECK(rp_viewer_paused(v) && rp_figure_time_cursor(f, 0, &a));
    RP_CHECK_NEAR(a - newest_x(v, "a"), -1.0, 1e-6);
    rp_figure_set_time_cursor(f, 0, NAN);
    frames(v, 2);
    /* a click on its line of the list: the same words */
    int np = -1;
    for (int p = 0; p < rp_figure_panel_count(f); p++)
        if (f->panels[p].notes) np = p;
    RP_REQUIRE_VOID(np >= 0);
    rp_rect r = plot_of(v, np);
    float scale = rp_window_scale(rp_viewer_window(v)), hx = -1, hy = -1;
    for (float y = r.y + r.h - 2; y > r.y && hx < 0; y -= 2) /* its list is at the bottom */
        for (float x = r.x + r.w / 2; x < r.x + r.w && hx < 0; x += 20) {
            rp_hit h = rp_renderer_hit_test(rp_viewer_renderer(v), f, x, y);
            rp_note n;
            if (h.kind == RP_HIT_PLOT && h.panel == np &&
                rp_figure_notes_log_at(f, np, h.x, h.y, 0, &n))
                hx = x, hy = y;
        }
    RP_REQUIRE_VOID(hx >= 0);
    mouse_button(v, SDL_MOUSEBUTTONDOWN, hx / scale, hy / scale, 1);
    mouse_button(v, SDL_MOUSEBUTTONUP, hx / scale, hy / scale, 1);
    RP_CHECK_MSG(strstr(rp_viewer_message(v), "A at the log line 'WiFi connected' (t = -1.000 s)"),
                 "click: '%s'", rp_viewer_message(v));
    RP_CHECK(rp_figure_time_cursor(f, 0, &a));
    /* zoomed in away from it: j says where the newest is */
    wheel_over(v, 0, 10);
    CHECK_SAYS(v, SDLK_j,
               "j: none of the 1 log lines is in view (the newest: 'WiFi connected', t = -1.0");
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* r re-arms a single trigger only, and says what it did (it said "trigger re-armed" in every
 * mode). */
static void test_rearm_said(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.height = 600;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_parse_trigger("a:200:0", &opt.triggers[0], err, sizeof err));
    opt.trigger_count = 1;
    rp_viewer *v;
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    int64_t next = 0;
    write_samples(fds[1], &next, 1000);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 1000));
    frames(v, 3);
    int tr = panel_of_kind(v, 't');
    RP_REQUIRE_VOID(tr >= 0);
    pointer_over(v, tr);
    CHECK_SAYS(v, SDLK_r, "r re-arms a single trigger; this one is in auto mode (t: change mode)");
    CHECK_SAYS(v, SDLK_t, "trigger mode normal");
    CHECK_SAYS(v, SDLK_r, "this one is in normal mode");
    CHECK_SAYS(v, SDLK_t, "trigger mode single");
    CHECK_SAYS(v, SDLK_r, "single trigger re-armed: the next trigger from now on is captured");
    close(fds[1]);
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* The end of a live input is said in the window, once, and the badge says the right edge is its
 * last sample (the plot froze with nothing said, "0 s" read as now). */
static void test_input_end_said(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_viewer_options opt = pipe_viewer_options(fds);
    opt.x_axis = RP_X_AXIS_TIME;
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&opt, &v, err, sizeof err) == RP_OK);
    int64_t next = 0;
    write_samples(fds[1], &next, 100);
    RP_REQUIRE_VOID(wait_accepted(v, "a", 100) && wait_accepted(v, "b", 100));
    frames(v, 2);
    RP_CHECK(!rp_viewer_badge(v)[0] && !strstr(rp_viewer_message(v), "ended"));
    close(fds[1]);
    for (int i = 0; i < WAIT_FRAMES && !strstr(rp_viewer_message(v), "ended"); i++) frames(v, 1);
    RP_CHECK_MSG(strstr(rp_viewer_message(v),
                        " ended: 200 samples; 0 s on the time axis is its last sample, not now"),
                 "'%s'", rp_viewer_message(v));
    RP_CHECK_MSG(!strcmp(rp_viewer_badge(v), "INPUT ENDED"), "badge '%s'", rp_viewer_badge(v));
    key(v, SDLK_h); /* another message; the end is not said again */
    frames(v, 2);
    RP_CHECK(!strstr(rp_viewer_message(v), "ended"));
    rp_viewer_destroy(v);
    close(fds[0]);
}

/* A recording's view stays within the recording (a playhead scrubbed to its start drew the span
 * before it, and the wheel zoomed into that empty time); e says how many rows it wrote, and that
 * there is nothing to export when no sample is in view (it said "exported" of a header alone). */
static void test_recording_view_and_export(void)
{
    char path[512], dir[512];
    snprintf(path, sizeof path, "%s/live_export.rpr", scratch);
    snprintf(dir, sizeof dir, "%s/live_export", scratch);
    mkdir(dir, 0755);
    RP_REQUIRE_VOID(write_sine_recording(path, 14));
    rp_viewer_options ro = {0};
    ro.open_path = path;
    ro.width = 900;
    ro.height = 500;
    ro.no_vsync = true;
    ro.screenshot_dir = dir;
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&ro, &v, err, sizeof err) == RP_OK);
    frames(v, 2);
    rp_figure *f = rp_viewer_figure(v);
    /* k, ] ], space, a click on the timeline near its start, the wheel in 4 times */
    key(v, SDLK_k);
    key(v, SDLK_RIGHTBRACKET);
    key(v, SDLK_RIGHTBRACKET);
    frames(v, 2);
    key(v, SDLK_SPACE);
    frames(v, 1);
    rp_frame_rect bar = frame_of(v)->timeline;
    RP_REQUIRE_VOID(bar.width > 0);
    float scale = rp_window_scale(rp_viewer_window(v));
    float bx = (bar.x + 3) / scale, by = (bar.y + bar.height / 2) / scale;
    mouse_button(v, SDL_MOUSEBUTTONDOWN, bx, by, 1);
    mouse_button(v, SDL_MOUSEBUTTONUP, bx, by, 1);
    frames(v, 1);
    double x0, x1;
    RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_MSG(x0 >= 0 && x1 <= 13.999 + 1e-9, "scrubbed to the start: view %g .. %g", x0, x1);
    for (int i = 0; i < 4; i++) wheel_over(v, 0, 1);
    frames(v, 1);
    RP_REQUIRE_VOID(rp_figure_x_view(f, &x0, &x1) == RP_OK);
    RP_CHECK_MSG(x0 >= 0 && x1 > x0, "zoomed in at the start: view %g .. %g", x0, x1);
    /* e writes the view and says how many rows */
    key(v, SDLK_e);
    long long rows = -1;
    const char *said = strstr(rp_viewer_message(v), " of the visible range exported to ");
    RP_CHECK_MSG(said && sscanf(rp_viewer_message(v), "%lld row", &rows) == 1 && rows > 0,
                 "e: '%s'", rp_viewer_message(v));
    int64_t in_view = 0;
    rp_range_stats rs;
    RP_CHECK(rp_series_range_stats(rp_recording_series(rp_viewer_recording(v), 0), x0, x1, &rs) ==
             RP_OK);
    in_view = rs.count;
    RP_CHECK_EQ_INT(rows, in_view);
    /* no sample in view: said, nothing written */
    RP_REQUIRE_VOID(rp_figure_set_x_view(f, -30, -20) == RP_OK); /* as a saved view could be */
    int files = 0;
    DIR *d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) files += e->d_name[0] != '.';
    if (d) closedir(d);
    SDL_Delay(1100); /* another second: another file name */
    CHECK_SAYS(v, SDLK_e, "e: nothing in the view to export");
    int after = 0;
    d = opendir(dir);
    for (struct dirent *e; d && (e = readdir(d));) after += e->d_name[0] != '.';
    if (d) closedir(d);
    RP_CHECK_EQ_INT(after, files);
    int64_t none = -1;
    char out[600];
    snprintf(out, sizeof out, "%s/empty.csv", dir);
    unlink(out);
    RP_CHECK(rp_viewer_export_view(v, out, &none) == RP_OK && none == 0 && access(out, F_OK) != 0);
    rp_viewer_destroy(v);
    unlink(path);
}

/* A recording shorter than the span, double-clicked ("the newest data"): all of it in view, no
 * empty time before its start (the view became the span before its end, 7 s of nothing). */
static void test_short_recording_double_click(void)
{
    char path[512];
    snprintf(path, sizeof path, "%s/short.rpr", scratch);
    RP_REQUIRE_VOID(write_sine_recording(path, 3));
    rp_viewer_options ro = {0};
    ro.open_path = path;
    ro.span = 10;
    ro.screenshot_dir = scratch;
    ro.width = 900;
    ro.height = 500;
    ro.no_vsync = true;
    rp_viewer *v;
    char err[256] = "";
    RP_REQUIRE_VOID(rp_viewer_create(&ro, &v, err, sizeof err) == RP_OK);
    frames(v, 2);
    const rp_frame_layout *fl = frame_of(v);
    RP_REQUIRE_VOID(fl && fl->panel_count > 0);
    float scale = rp_window_scale(rp_viewer_window(v));
    rp_frame_rect plot = fl->panels[0].plot;
    float cx = (plot.x + plot.width / 2) / scale, cy = (plot.y + plot.height / 2) / scale;
    mouse_button(v, SDL_MOUSEBUTTONDOWN, cx, cy, 2);
    frames(v, 1);
    double x0, x1;
    RP_REQUIRE_VOID(rp_figure_x_view(rp_viewer_figure(v), &x0, &x1) == RP_OK);
    RP_CHECK_MSG(x0 >= -1e-9 && x1 <= 2.999 + 1e-9 && x1 - x0 > 2.9,
                 "a 3 s recording double-clicked: view %g .. %g", x0, x1);
    /* e exports what the view shows: its only series hidden, nothing (it was exported anyway) */
    rp_figure *f = rp_viewer_figure(v);
    RP_REQUIRE_VOID(rp_figure_set_series_visible(f, rp_recording_series(rp_viewer_recording(v), 0),
                                                 false) == RP_OK);
    frames(v, 1);
    CHECK_SAYS(v, SDLK_e, "e: nothing in the view to export (no sample of a shown series");
    rp_viewer_destroy(v);
    unlink(path);
}

int main(int argc, char **argv)
{
    keep_gl_libraries_mapped();
    if (argc < 4) {
        fprintf(stderr, "usage: test_viewer <rp-stream> <pipe|udp|window|xdotool|replay|serial> "
                        "<scratch dir>\n");
        return 2;
    }
    signal(SIGPIPE, SIG_IGN);
    rp_stream_path = argv[1];
    scratch = argv[3];
    if (!strcmp(argv[2], "pipe")) {
        test_pipe();
        test_pause_history();
        test_pause_history_limits();
    } else if (!strcmp(argv[2], "udp"))
        test_udp();
    else if (!strcmp(argv[2], "window"))
        test_window();
    else if (!strcmp(argv[2], "serial"))
        test_serial();
    else if (!strcmp(argv[2], "xdotool"))
        test_xdotool();
    else if (!strcmp(argv[2], "views"))
        test_views_xdotool();
    else if (!strcmp(argv[2], "replay"))
        test_replay_xdotool();
    else if (!strcmp(argv[2], "layout"))
        test_layout_xdotool();
    else if (!strcmp(argv[2], "feedback"))
        test_feedback();
    else if (!strcmp(argv[2], "live")) {
        test_live_zoom();
        test_paused_view_stays();
        test_log_jump_said();
        test_rearm_said();
        test_input_end_said();
        test_recording_view_and_export();
        test_short_recording_double_click();
    } else
        return 2;
    return rp_test_finish();
}
