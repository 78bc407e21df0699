/* test_view_history.c — spectrum and trigger panels follow the figure's view into the past: when
 * the figure does not follow live, a spectrum is that of the samples ending at the view's right
 * edge (equal to the spectrum computed directly from those samples), read from the ring, from the
 * scroll-back recording beyond it, or from an opened recording; averaging never mixes unrelated
 * places; too few samples there show nothing. A trigger panel shows the newest trigger whose sweep
 * ends at or before the view's end (the expected sample index), the persistence's triggers before
 * it, and says when there is none within its search limit. rp_series_copy_ending_at underneath. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ringplot.h"
#include "rp_test.h"

#define RATE 1000.0
#define SIZE 1024
#define HALF 8192 /* samples of each tone */
#define PI 3.14159265358979323846

static char dir[256];

static void path_in(char *path, size_t size, const char *name)
{
    snprintf(path, size, "%s/%s", dir, name);
}

/* 50 Hz for the first HALF samples, 200 Hz after: the peak tells which half a block is from. */
static float two_tones(int64_t i)
{
    double f = i < HALF ? 50.0 : 200.0;
    return (float)(0.5 * sin(2 * PI * f * (double)i / RATE));
}

static void push_signal(rp_series *s, float (*signal)(int64_t), int64_t from, int64_t n)
{
    static float buf[4096];
    for (int64_t done = 0; done < n;) {
        int64_t k = n - done < 4096 ? n - done : 4096;
        for (int64_t j = 0; j < k; j++) buf[j] = signal(from + done + j);
        RP_CHECK_EQ_INT(rp_push(s, buf, k), RP_OK);
        done += k;
    }
}

static rp_series *make_series(const char *name, int64_t capacity)
{
    rp_series *s = NULL;
    RP_CHECK_EQ_INT(
        rp_series_create(&(rp_series_desc){.name = name, .capacity = capacity, .rate = RATE}, &s),
        RP_OK);
    return s;
}

/* The dB of the spectrum computed directly from samples [end - SIZE, end) of two_tones: a series
 * holding only those, its spectrum live. */
static void reference_db(int64_t end, rp_fft_window window, float *db)
{
    rp_series *s = make_series("reference", SIZE);
    push_signal(s, two_tones, end - SIZE, SIZE);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(
        rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = SIZE, .window = window}, &p),
        RP_OK);
    rp_spectrum_peak pk;
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    int bins = 0;
    const float *d = rp_figure_spectrum_db(f, p, &bins, NULL);
    RP_REQUIRE_VOID(d && bins == SIZE / 2 + 1);
    memcpy(db, d, sizeof(float) * (size_t)bins);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* The panel's dB equal those of the reference block ending before sample `end`. */
static void check_db_equal(rp_figure *f, int panel, int64_t end)
{
    static float want[SIZE / 2 + 1];
    reference_db(end, RP_WINDOW_HANN, want);
    int bins = 0;
    const float *got = rp_figure_spectrum_db(f, panel, &bins, NULL);
    RP_REQUIRE_VOID(got && bins == SIZE / 2 + 1);
    double worst = 0;
    for (int k = 0; k < bins; k++) {
        double d = fabs((double)got[k] - (double)want[k]);
        worst = d > worst ? d : worst;
    }
    RP_CHECK_MSG(worst < 1e-3, "block ending at %lld: dB differ by up to %g", (long long)end,
                 worst);
}

/* A figure with a spectrum panel of SIZE points on s (its number in *panel). */
static rp_figure *spectrum_figure(rp_series *s, int *panel)
{
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_spectrum_panel(f, s, &(rp_spectrum_desc){.size = SIZE}, panel),
                    RP_OK);
    return f;
}

/* x of sample i: a view ending there includes it. */
static double x_of(int64_t i) { return (double)i / RATE; }

static void test_copy_ending_at(void)
{
    rp_series *s = make_series("copy", 10000);
    for (int64_t i = 0; i < 25000; i += 5000) {
        float buf[5000];
        for (int j = 0; j < 5000; j++) buf[j] = (float)(i + j);
        RP_CHECK_EQ_INT(rp_push(s, buf, 5000), RP_OK);
    }
    float out[200];
    int64_t got = -1;
    double x0 = 0, x1 = 0;
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, 20.3456, out, 100, &got, &x0, &x1), RP_OK);
    RP_CHECK_EQ_INT(got, 100);
    RP_CHECK(out[99] == 20345.0f && out[0] == 20246.0f);
    RP_CHECK_NEAR(x1, 20.345, 1e-9);
    RP_CHECK_NEAR(x0, 20.246, 1e-9);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, INFINITY, out, 200, &got, NULL, &x1), RP_OK);
    RP_CHECK(got == 200 && out[199] == 24999.0f);
    /* the ring holds 15000 .. 24999: before it nothing, at its start what there is */
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, 14.0, out, 100, &got, NULL, NULL), RP_OK);
    RP_CHECK_EQ_INT(got, 0);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, 15.05, out, 100, &got, NULL, NULL), RP_OK);
    RP_CHECK(got == 51 && out[0] == 15000.0f && out[50] == 15050.0f);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, NAN, out, 100, &got, NULL, NULL),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, 1.0, out, 0, &got, NULL, NULL), RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, 1.0, out, 10, NULL, NULL, NULL),
                    RP_ERR_INVALID_ARG);
    /* a refused call changes nothing: *got keeps its value; a bad handle is refused, not read
     * (a NULL series with a NULL got wrote through NULL) */
    got = 7;
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, NAN, out, 100, &got, NULL, NULL),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(got, 7);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(NULL, 1.0, out, 8, NULL, NULL, NULL),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(NULL, 1.0, out, 8, &got, NULL, NULL),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(got, 7);
    rp_series_destroy(s);
    RP_CHECK_EQ_INT(rp_series_copy_ending_at(s, 1.0, out, 8, NULL, NULL, NULL),
                    RP_ERR_INVALID_ARG); /* destroyed */
}

/* A paused ring: the peak follows the view's end from one tone to the other; the block equals
 * the direct spectrum of those samples; a jump restarts the average, a small step forward goes
 * on averaging; too few samples at the view's end show nothing; live again: the newest. */
static void test_spectrum_follows_view(void)
{
    rp_series *s = make_series("tones", 1 << 16);
    push_signal(s, two_tones, 0, 2 * HALF);
    int p = -1;
    rp_figure *f = spectrum_figure(s, &p);
    rp_spectrum_peak pk;
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(!pk.at_view_end && pk.computed == 1 && pk.held == SIZE);
    RP_CHECK_NEAR(pk.frequency, 200.0, 1.0);
    check_db_equal(f, p, 2 * HALF);

    /* paused at the end of the first tone */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(HALF - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(pk.at_view_end && pk.computed == 2 && pk.held == SIZE);
    RP_CHECK_NEAR(pk.frequency, 50.0, 1.0);
    RP_CHECK_NEAR(pk.x_end, x_of(HALF - 1), 1e-9);
    check_db_equal(f, p, HALF);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK); /* standing still: no work */
    RP_CHECK_EQ_INT(pk.computed, 2);
    /* a view ending between samples ends at the one before */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(HALF + 300) + 0.0004), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    check_db_equal(f, p, HALF + 301);

    /* averaging: a jump starts afresh (the direct spectrum exactly), a small step goes on */
    rp_spectrum_desc d = rp_figure_spectrum_desc(f, p);
    d.averaging = 0.5;
    RP_CHECK_EQ_INT(rp_figure_set_spectrum(f, p, &d), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(2 * HALF - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(HALF - 1)), RP_OK); /* back: a jump */
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    check_db_equal(f, p, HALF);
    RP_CHECK_NEAR(pk.frequency, 50.0, 1.0);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(HALF + 499)), RP_OK); /* half a block on */
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    static float alone[SIZE / 2 + 1];
    reference_db(HALF + 500, RP_WINDOW_HANN, alone);
    const float *db = rp_figure_spectrum_db(f, p, NULL, NULL);
    int k50 = (int)lround(50.0 * SIZE / RATE);
    RP_REQUIRE_VOID(db != NULL);
    RP_CHECK(db[k50] > alone[k50] + 3.0); /* the 50 Hz of the block before is still averaged in */

    /* fewer samples than the size before the view's end: the spectrum of those, zero-padded */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, -1.0, 0.5), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(pk.at_view_end && pk.held == 501);
    RP_CHECK(rp_figure_spectrum_db(f, p, NULL, NULL) != NULL);
    RP_CHECK_NEAR(pk.frequency, 50.0, 1.0);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, -10.0, -1.0), RP_OK); /* before the first sample */
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(pk.held == 0 && rp_figure_spectrum_db(f, p, NULL, NULL) == NULL);

    /* live again: the newest samples */
    RP_CHECK_EQ_INT(rp_figure_follow(f, 0), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(!pk.at_view_end);
    RP_CHECK_NEAR(pk.frequency, 200.0, 1.0);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* Records two_tones, with scroll-back (the ring holds the last 4096 samples) and then opened. */
static void test_spectrum_scroll_back_and_recording(void)
{
    char path[512];
    path_in(path, sizeof path, "tones.rpr");
    rp_series *s = make_series("tones", 4096);
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_recorder_create(&(rp_recorder_desc){.path = path, .scroll_back = true}, &rec) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    for (int64_t i = 0; i < 2 * HALF; i += 1024) {
        push_signal(s, two_tones, i, 1024);
        rp_recorder_flush(rec);
    }
    int p = -1;
    rp_figure *f = spectrum_figure(s, &p);
    rp_spectrum_peak pk;
    /* all in the file (the ring starts at 12288), then across file and ring */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(HALF - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(pk.at_view_end && pk.held == SIZE);
    RP_CHECK_NEAR(pk.frequency, 50.0, 1.0);
    check_db_equal(f, p, HALF);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(12500 - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK_EQ_INT(pk.held, SIZE);
    check_db_equal(f, p, 12500);
    rp_recorder_destroy(rec);
    /* without the recording the ring alone: nothing there any more */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(HALF - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(pk.held == 0 && rp_figure_spectrum_db(f, p, NULL, NULL) == NULL);
    rp_figure_destroy(f);
    rp_series_destroy(s);

    /* the opened recording: its end while the figure follows, the view's end when it does not */
    rp_recording *r = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &r) == RP_OK);
    f = spectrum_figure(rp_recording_series(r, 0), &p);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK(pk.at_view_end && pk.held == SIZE);
    RP_CHECK_NEAR(pk.frequency, 200.0, 1.0);
    check_db_equal(f, p, 2 * HALF);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(HALF - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_spectrum_update(f, p, &pk), RP_OK);
    RP_CHECK_NEAR(pk.frequency, 50.0, 1.0);
    check_db_equal(f, p, HALF);
    rp_figure_destroy(f);
    rp_recording_close(r);
}

/* A sine of 10 Hz at 1 kHz, its rising zero crossings between samples 100k - 1 and 100k: with
 * level 0 and hysteresis 0.1 the trigger fires at sample 100k (k >= 1). */
static float sine10(int64_t i) { return (float)sin(2 * PI * ((double)i + 0.5) / 100.0); }

static void test_trigger_at_view_end(void)
{
    rp_series *s = make_series("sine", 1 << 16);
    push_signal(s, sine10, 0, 20000);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int p = -1;
    rp_trigger_desc d = {.sweep = 50, .pre_trigger = 0.2, .hysteresis = 0.1, .persistence = 3};
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &d, &p), RP_OK);
    rp_trigger_state st;
    for (int frame = 0; frame < 3; frame++) /* live examines 64 blocks of 4 sweeps a frame */
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK(!st.at_view_end && st.triggered && st.trigger_index == 19900);
    int64_t live_sweeps = st.sweeps;

    /* view ending at sample 5030: the newest sweep (10 before, 40 from the trigger) that ends by
     * then is that of 4900 (4990's would need up to 5039) */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(5030)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK(st.at_view_end && st.triggered);
    RP_CHECK_EQ_INT(st.trigger_index, 4900);
    RP_CHECK_EQ_INT(st.first_index, 4890);
    RP_CHECK_NEAR(st.x_end, x_of(5030), 1e-9);
    RP_CHECK_NEAR(st.rate, RATE, 1e-6);
    int n = 0;
    const float *sw = rp_figure_trigger_sweep(f, p, &n);
    RP_REQUIRE_VOID(sw && n == 50);
    RP_CHECK(sw[0] == sine10(4890) && sw[10] == sine10(4900) && sw[49] == sine10(4939));
    for (int k = 0; k < 3; k++) { /* persistence: 4800, 4700, 4600 */
        const float *old = rp_figure_trigger_history(f, p, k, &n);
        RP_REQUIRE_VOID(old != NULL);
        RP_CHECK(old[10] == sine10(4800 - 100 * k) && old[0] == sine10(4790 - 100 * k));
    }
    RP_CHECK(rp_figure_trigger_history(f, p, 3, &n) == NULL);
    /* one more sample and 4990's sweep fits */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(5039)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK_EQ_INT(st.trigger_index, 5000);
    /* a view that ends before the first sample: nothing searched, and where it ends moves with
     * each step back (it kept the first place that held nothing) */
    for (int k = 1; k <= 2; k++) {
        RP_CHECK_EQ_INT(rp_figure_set_x_view(f, -10.0 * k - 1, -10.0 * k), RP_OK);
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
        RP_CHECK_MSG(st.at_view_end && !st.triggered && st.searched == 0 && st.x_end == -10.0 * k,
                     "view end %g: searched %lld, at %g", -10.0 * k, (long long)st.searched,
                     st.x_end);
    }
    /* live again: the live scan went on behind (more samples arrived meanwhile) */
    push_signal(s, sine10, 20000, 1000);
    RP_CHECK_EQ_INT(rp_figure_follow(f, 0), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK(!st.at_view_end && st.trigger_index == 20900 && st.sweeps == live_sweeps + 10);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

static float flat(int64_t i) { return i == 100 ? 1.0f : -1.0f; } /* one trigger, at sample 100 */

/* No trigger within the search limit: NORMAL shows none, AUTO the sweep ending at the view's end,
 * untriggered; the one trigger is found from a view end within reach. */
static void test_trigger_search_limit(void)
{
    const int64_t total = RP_TRIGGER_SEARCH_SAMPLES + 4096;
    rp_series *s = make_series("flat", total);
    push_signal(s, flat, 0, total);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int normal = -1, autop = -1;
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(
                        f, s, &(rp_trigger_desc){.sweep = 64, .mode = RP_TRIGGER_NORMAL}, &normal),
                    RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &(rp_trigger_desc){.sweep = 64}, &autop),
                    RP_OK);
    rp_trigger_state st;
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(total - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, normal, &st), RP_OK);
    RP_CHECK(st.at_view_end && !st.triggered && st.trigger_index == -1);
    RP_CHECK_EQ_INT(st.searched, RP_TRIGGER_SEARCH_SAMPLES);
    RP_CHECK(rp_figure_trigger_sweep(f, normal, NULL) == NULL);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, autop, &st), RP_OK);
    RP_CHECK(!st.triggered && st.first_index == total - 64);
    RP_CHECK(rp_figure_trigger_sweep(f, autop, NULL) != NULL);
    /* within reach */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(RP_TRIGGER_SEARCH_SAMPLES - 1)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, normal, &st), RP_OK);
    RP_CHECK(st.triggered && st.trigger_index == 100);
    RP_CHECK_EQ_INT(st.searched, RP_TRIGGER_SEARCH_SAMPLES);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* An opened recording: a trigger panel on its series shows the trigger before the view's end. */
static void test_trigger_recording(void)
{
    char path[512];
    path_in(path, sizeof path, "sine.rpr");
    rp_series *s = make_series("sine", 1 << 15);
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    push_signal(s, sine10, 0, 20000);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    rp_recording *r = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &r) == RP_OK);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(
                        f, rp_recording_series(r, 0),
                        &(rp_trigger_desc){.sweep = 50, .pre_trigger = 0.2, .hysteresis = 0.1}, &p),
                    RP_OK);
    rp_trigger_state st;
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK); /* following: the file's end */
    RP_CHECK(st.at_view_end && st.trigger_index == 19900);
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, x_of(5030)), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK_EQ_INT(st.trigger_index, 4900);
    const float *sw = rp_figure_trigger_sweep(f, p, NULL);
    RP_REQUIRE_VOID(sw != NULL);
    RP_CHECK(sw[10] == sine10(4900));
    rp_figure_destroy(f);
    rp_recording_close(r);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/rp-test-view-history-%d", (int)getpid());
    mkdir(dir, 0700);
    test_copy_ending_at();
    test_spectrum_follows_view();
    test_spectrum_scroll_back_and_recording();
    test_trigger_at_view_end();
    test_trigger_search_limit();
    test_trigger_recording();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return rp_test_finish();
}
