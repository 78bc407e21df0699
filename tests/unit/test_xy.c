/* test_xy.c — XY panels without a GPU (figure/xy.c, what the renderer calls each frame):
 *   - the grid built live, a frame after every chunk of new samples (incremental, O(new
 *     samples)), lights exactly the pixels a grid built once over the same window lights, with
 *     the same brightness; only the first frame rebuilds;
 *   - a grid limited to 500 samples a frame fills a window of 2001 over 5 frames, oldest first,
 *     to the same image;
 *   - moving the window back (a pan to earlier data) rebuilds once; a pan forward does not;
 *   - pixels last lit before the window's start go dark;
 *   - pairing by nearest time: with a Y series at half the rate each X sample is drawn with the
 *     Y sample nearest in time, and a pair waits until Y has a sample at or after it;
 *   - bad descriptions are refused;
 *   - an opened recording's two series draw the same grid as the series it was recorded from;
 *   - equal aspect in a wide, short panel (an XY panel made of a dashboard's panel): one scale,
 *     the data inside both ranges and filling the axis that limits the scale, however the data
 *     moves, and after a wheel zoom. */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "figure/figure_internal.h"
#include "figure/xy.h"
#include "rp_test.h"

#define PI 3.14159265358979323846
#define W 120
#define H 90

static rp_series *make(const char *name, double rate)
{
    rp_series *s = NULL;
    RP_CHECK_EQ_INT(
        rp_series_create(&(rp_series_desc){.name = name, .capacity = 1 << 16, .rate = rate}, &s),
        RP_OK);
    return s;
}

static void push_circle(rp_series *x, rp_series *y, int64_t from, int64_t n, int y_every)
{
    for (int64_t i = from; i < from + n; i++) {
        float vx = (float)cos(2 * PI * (double)i / 400.0);
        float vy = (float)sin(2 * PI * (double)i / 400.0 * 3);
        rp_push(x, &vx, 1);
        if (i % y_every == 0) rp_push(y, &vy, 1);
    }
}

static struct rp_xy *panel_xy(rp_figure *f, int p) { return f->panels[p].xy; }

static void test_incremental_equals_rebuild(void)
{
    rp_series *x = make("x", 1000), *y = make("y", 1000);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int live = -1, once = -1;
    rp_xy_desc d = {.x_min = -1.2, .x_max = 1.2, .y_min = -1.2, .y_max = 1.2, .fade = 0.5};
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &d, &live), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &d, &once), RP_OK);
    /* live: a 2 s window following the data, a frame after each chunk of 37 samples */
    double y0, y1, x1 = 0;
    rp_xy_view v = {0};
    for (int64_t done = 0; done < 6000; done += 37) {
        push_circle(x, y, done, 37, 1);
        x1 = (double)(done + 36) / 1000.0;
        rp_xy_y_view(panel_xy(f, live), x1 - 2, x1, &y0, &y1);
        v = rp_xy_frame(panel_xy(f, live), x1 - 2, x1, W, H);
    }
    RP_REQUIRE_VOID(v.image != NULL);
    rp_xy_state st = rp_figure_xy_state(f, live);
    RP_CHECK_EQ_INT(st.rebuilds, 1);
    RP_CHECK_EQ_INT(st.pairs, 6031); /* every sample paired once (the window holds 2001) */
    /* once: the same window, built in one frame */
    rp_xy_y_view(panel_xy(f, once), x1 - 2, x1, &y0, &y1);
    rp_xy_view w = rp_xy_frame(panel_xy(f, once), x1 - 2, x1, W, H);
    RP_REQUIRE_VOID(w.image != NULL);
    int lit = 0, differ = 0;
    for (int i = 0; i < W * H; i++) {
        lit += w.image[i] > 0;
        /* the same pixels; brightness within 1 (a line entering the window mid-segment may
         * keep the stamp of its end in one, of the pair before the window in the other) */
        if ((v.image[i] > 0) != (w.image[i] > 0) || abs(v.image[i] - w.image[i]) > 1) differ++;
    }
    RP_CHECK(lit > 200);
    RP_CHECK_MSG(differ <= 2, "%d of %d pixels differ", differ, W * H);
    /* pixels lit only before the window are dark: the circle's x = cos, y = sin(3θ) never
     * reaches the corners */
    RP_CHECK(v.image[0] == 0 && v.image[W * H - 1] == 0);
    /* brightness: the newest pair full, fading over 0.5 s to 20 % */
    int full = 0;
    for (int i = 0; i < W * H; i++) full += v.image[i] == 255;
    RP_CHECK(full > 0 && full < lit / 4);

    /* a grid that may examine 500 samples a frame fills the same window in 5 frames, oldest
     * first, and ends with the same image */
    int slow = -1;
    rp_xy_desc ds = d;
    ds.samples_per_frame = 500;
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &ds, &slow), RP_OK);
    rp_xy_y_view(panel_xy(f, slow), x1 - 2, x1, &y0, &y1);
    int frames = 0;
    rp_xy_view z = {0};
    do {
        z = rp_xy_frame(panel_xy(f, slow), x1 - 2, x1, W, H);
        frames++;
    } while (rp_figure_xy_state(f, slow).filling && frames < 100);
    RP_CHECK_MSG(frames >= 4 && frames <= 6, "%d frames", frames);
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, slow).rebuilds, 1);
    RP_REQUIRE_VOID(z.image != NULL);
    RP_CHECK(memcmp(z.image, w.image, W * H) == 0);

    /* a pan back rebuilds once; forward again does not */
    rp_xy_frame(panel_xy(f, live), x1 - 3, x1 - 1, W, H);
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, live).rebuilds, 2);
    rp_xy_frame(panel_xy(f, live), x1 - 2.5, x1 - 0.5, W, H);
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, live).rebuilds, 2);
    rp_figure_destroy(f);
    rp_series_destroy(x);
    rp_series_destroy(y);
}

static void test_pairing(void)
{
    /* Y at half X's rate: each X sample takes the Y sample nearest in time; a Y that lags
     * holds the pair back until it catches up */
    rp_series *x = make("x", 1000), *y = make("y", 500);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(
        rp_figure_add_xy_panel(
            f, x, y, &(rp_xy_desc){.x_min = -0.5, .x_max = 99.5, .y_min = -0.5, .y_max = 99.5}, &p),
        RP_OK);
    float vx[100], vy[50];
    for (int i = 0; i < 100; i++) vx[i] = (float)i;      /* X = its index: column i */
    for (int j = 0; j < 50; j++) vy[j] = (float)(2 * j); /* Y = 2j at t = j / 500 */
    rp_push(x, vx, 100);
    rp_push(y, vy, 20); /* Y up to t = 0.038 only */
    double y0, y1;
    rp_xy_y_view(panel_xy(f, p), 0, 0.099, &y0, &y1);
    rp_xy_view v = rp_xy_frame(panel_xy(f, p), 0, 0.099, 100, 100);
    RP_REQUIRE_VOID(v.image != NULL);
    /* X samples up to t = 0.038 are paired; the rest wait for Y */
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, p).pairs, 39);
    rp_push(y, vy + 20, 30);
    v = rp_xy_frame(panel_xy(f, p), 0, 0.099, 100, 100);
    /* all but the last: X at t = 0.099 waits for a Y sample at or after it (Y ends at 0.098) */
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, p).pairs, 99);
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, p).rebuilds, 1);
    /* X sample i (t = i/1000) pairs with Y sample j = i/2 (t = j/500) when i is even; an odd i
     * lies half way between j and j + 1 (either is nearest, rounding decides): its column is lit
     * at row 99 - 2j or 99 - 2(j + 1) */
    int bad = 0;
    for (int i = 0; i < 99; i++) {
        int j = i / 2;
        bool at_j = v.image[(99 - 2 * j) * 100 + i] > 0;
        bool at_next = i % 2 && j + 1 < 50 && v.image[(99 - 2 * (j + 1)) * 100 + i] > 0;
        if (!at_j && !at_next) bad++;
    }
    RP_CHECK_EQ_INT(bad, 0);
    /* bad descriptions */
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &(rp_xy_desc){.fade = -1}, NULL),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &(rp_xy_desc){.x_min = 1, .x_max = 1}, NULL),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, NULL, NULL, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_set_xy(f, p, &(rp_xy_desc){.y_min = NAN, .y_max = 1}),
                    RP_ERR_INVALID_ARG);
    RP_CHECK(rp_figure_xy_desc(f, p + 5).title == NULL);
    rp_figure_destroy(f);
    rp_series_destroy(x);
    rp_series_destroy(y);
}

/* The pairs of an opened recording (read from the file) light the same pixels, as bright, as the
 * live series the recording was made from. */
/* Y's producer overwrote the samples the pairing stood at (a slow frame, a fast producer, or a
 * producer thread running during the frame): the Y chunk in hand still held that place, so the
 * walk reached its end and read the next chunk from there, which the ring had dropped; the read
 * started at the oldest sample left and the walk indexed its chunk from before it (ASan: index
 * -11298 of x[4096], a segfault in the release build; UBSan's bounds check catches it here).
 * Every X sample in the window pairs, to the image a grid built once over the window draws. */
static void test_y_overwritten(void)
{
    rp_series *x = make("x", 1e6), *y = make("y", 1e6); /* rings of 65,536 */
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int live = -1, fresh = -1;
    rp_xy_desc d = {.x_min = -1.2, .x_max = 1.2, .y_min = -1.2, .y_max = 1.2};
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &d, &live), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &d, &fresh), RP_OK);
    push_circle(x, y, 0, 20000, 1);
    rp_xy_frame(panel_xy(f, live), 0, 0.02, W, H);
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, live).pairs, 20000);
    /* 100,000 more of each: both rings start at 54,464 now, past where the pairing stood */
    push_circle(x, y, 20000, 100000, 1);
    rp_xy_view a = rp_xy_frame(panel_xy(f, live), 0.06, 0.12, W, H);
    static uint8_t live_image[W * H];
    RP_CHECK(a.image != NULL && a.w == W && a.h == H);
    if (a.image) memcpy(live_image, a.image, sizeof live_image);
    rp_xy_view b = rp_xy_frame(panel_xy(f, fresh), 0.06, 0.12, W, H); /* built once, whole */
    rp_xy_state sl = rp_figure_xy_state(f, live), sf = rp_figure_xy_state(f, fresh);
    RP_CHECK_MSG(sl.pairs == 20000 + 60000 && sf.pairs == 60000, "pairs %lld, %lld",
                 (long long)sl.pairs, (long long)sf.pairs);
    RP_CHECK_EQ_INT(sl.rebuilds, 1);
    RP_CHECK(b.image != NULL && memcmp(live_image, b.image, sizeof live_image) == 0);
    rp_figure_destroy(f);
    rp_series_destroy(x);
    rp_series_destroy(y);
}

static void test_recording(void)
{
    char path[128];
    snprintf(path, sizeof path, "/tmp/rp-test-xy-%d.rpr", (int)getpid());
    rp_series *x = make("x", 1000), *y = make("y", 1000);
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_CHECK_EQ_INT(rp_recorder_add_series(rec, x, NULL), RP_OK);
    RP_CHECK_EQ_INT(rp_recorder_add_series(rec, y, NULL), RP_OK);
    push_circle(x, y, 0, 3000, 1);
    rp_recorder_destroy(rec);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    rp_xy_desc d = {.x_min = -1.2, .x_max = 1.2, .y_min = -1.2, .y_max = 1.2, .fade = 0.5};
    int live = -1, file = -1;
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &d, &live), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, rp_recording_series(rd, 0),
                                           rp_recording_series(rd, 1), &d, &file),
                    RP_OK);
    double y0, y1;
    rp_xy_y_view(panel_xy(f, live), 1.0, 2.999, &y0, &y1);
    rp_xy_view a = rp_xy_frame(panel_xy(f, live), 1.0, 2.999, W, H);
    rp_xy_y_view(panel_xy(f, file), 1.0, 2.999, &y0, &y1);
    rp_xy_view b = rp_xy_frame(panel_xy(f, file), 1.0, 2.999, W, H);
    RP_REQUIRE_VOID(a.image != NULL && b.image != NULL);
    int lit = 0, differ = 0;
    for (int i = 0; i < W * H; i++) {
        lit += b.image[i] > 0;
        differ += a.image[i] != b.image[i];
    }
    RP_CHECK(lit > 200);
    RP_CHECK_MSG(differ == 0, "%d pixels differ", differ);
    RP_CHECK_EQ_INT(rp_figure_xy_state(f, file).pairs, rp_figure_xy_state(f, live).pairs);
    rp_figure_destroy(f);
    rp_recording_close(rd);
    rp_series_destroy(x);
    rp_series_destroy(y);
    unlink(path);
}

/* A frame as the renderer draws it: the layout asks the y view, then the panel draws. */
static rp_xy_view equal_frame(rp_figure *f, int p, double x0, double x1, int w, int h)
{
    double y0, y1;
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    rp_xy_view v = rp_xy_frame(panel_xy(f, p), x0, x1, w, h);
    RP_CHECK_MSG(v.y0 == y0 && v.y1 == y1, "drawn y %g..%g, the axis %g..%g", v.y0, v.y1, y0, y1);
    return v;
}

static void test_equal_aspect(void)
{
    enum { PW = 1190, PH = 93 }; /* the top panel of a 1280x720 dashboard */
    rp_series *x = make("x", 1000), *y = make("y", 1000);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(rp_figure_add_xy_panel(f, x, y, &(rp_xy_desc){.equal_aspect = true}, &p),
                    RP_OK);
    double t = 0, worst_fill = 1;
    for (int64_t i = 0; i < 40000; i++) { /* an ellipse whose size swings 1x..6x over 20 s */
        double k = 1 + 2.5 * (1 - cos(2 * PI * (double)i / 20000.0));
        float vx = (float)(k * cos(2 * PI * (double)i / 700.0)) + 1;
        float vy = (float)(k * 0.8 * sin(2 * PI * (double)i / 700.0)) - 0.5f;
        rp_push(x, &vx, 1);
        rp_push(y, &vy, 1);
        t = (double)i / 1000.0;
        if (i % 250 || t < 2) continue;
        rp_figure_set_x_view(f, t - 2, t);
        rp_xy_view v = equal_frame(f, p, t - 2, t, PW, PH);
        float ax, bx, ay, by;
        bool fx = false, fy = false;
        rp_series_y_range(x, t - 2, t, &ax, &bx, &fx);
        rp_series_y_range(y, t - 2, t, &ay, &by, &fy);
        double sx = (v.x1 - v.x0) / PW, sy = (v.y1 - v.y0) / PH;
        RP_CHECK_MSG(fabs(sx - sy) <= 1e-9 * sx, "one scale: %g and %g a px", sx, sy);
        RP_CHECK_MSG(ax >= v.x0 && bx <= v.x1 && ay >= v.y0 && by <= v.y1,
                     "t %g: data x %g..%g y %g..%g inside x %g..%g y %g..%g", t, ax, bx, ay, by,
                     v.x0, v.x1, v.y0, v.y1);
        /* the axis that limits the scale: the data fills most of it */
        double fill = fmax((bx - ax) / (v.x1 - v.x0), (by - ay) / (v.y1 - v.y0));
        worst_fill = fmin(worst_fill, fill);
    }
    RP_CHECK_MSG(worst_fill >= 0.75, "the data filled only %.2f of the limiting axis", worst_fill);
    rp_figure_destroy(f);
    rp_series_destroy(x);
    rp_series_destroy(y);
}

int main(void)
{
    test_equal_aspect();
    test_incremental_equals_rebuild();
    test_pairing();
    test_y_overwritten();
    test_recording();
    return rp_test_finish();
}
