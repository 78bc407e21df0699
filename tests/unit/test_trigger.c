/* test_trigger.c — trigger panels without a GPU: a sine of period 100 samples fed in uneven
 * chunks fires once per period on the chosen edge, and every sweep starts `pre` samples before
 * a sample that crossed the level; holdoff skips crossings; hysteresis ignores noise on the
 * level; normal holds, single stops until re-armed, auto free-runs without triggers. */
#include <math.h>
#include <string.h>

#include "ringplot.h"
#include "rp_test.h"

#define PI 3.14159265358979323846
#define PERIOD 100

static float wave(int64_t i) /* sin, offset so no sample sits exactly on 0 */
{
    return (float)sin(2 * PI * ((double)i + 0.25) / PERIOD);
}

/* A series "w" at 1 kHz (16384 samples kept) and an empty figure. */
static void make_series_figure(rp_series **s, rp_figure **f)
{
    RP_CHECK_EQ_INT(
        rp_series_create(&(rp_series_desc){.name = "w", .capacity = 1 << 14, .rate = 1000}, s),
        RP_OK);
    RP_CHECK_EQ_INT(rp_figure_create(NULL, f), RP_OK);
}

/* Pushes n samples of wave in chunks of 37, updating after each; checks each new sweep. */
static int64_t feed(rp_figure *f, int panel, rp_series *s, int64_t *pushed, int64_t n, int pre,
                    bool rising, int *bad)
{
    float chunk[37];
    int64_t new_sweeps = 0, last_index = -1;
    rp_trigger_state st = {0};
    for (int64_t done = 0; done < n;) {
        int k = 0;
        for (; k < 37 && done < n; k++, done++) chunk[k] = wave((*pushed)++);
        rp_push(s, chunk, k);
        int64_t before = st.sweeps;
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, panel, &st), RP_OK);
        if (st.sweeps > before && st.trigger_index != last_index) {
            new_sweeps += st.sweeps - before;
            last_index = st.trigger_index;
            int count = 0;
            const float *sw = rp_figure_trigger_sweep(f, panel, &count);
            /* the sweep lands on its trigger: sample pre is the crossing */
            bool crossed =
                rising ? (sw[pre - 1] < 0 && sw[pre] >= 0) : (sw[pre - 1] > 0 && sw[pre] <= 0);
            bool matches =
                sw[pre] == wave(st.trigger_index) && st.first_index == st.trigger_index - pre;
            if (!crossed || !matches) (*bad)++;
        }
    }
    return new_sweeps;
}

static void test_edges(void)
{
    for (int e = 0; e < 2; e++) {
        rp_series *s = NULL;
        rp_figure *f = NULL;
        make_series_figure(&s, &f);
        int p = -1;
        rp_trigger_desc d = {.sweep = 80,
                             .edge = (rp_trigger_edge)e,
                             .pre_trigger = 0.25,
                             .mode = RP_TRIGGER_NORMAL};
        RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &d, &p), RP_OK);
        int64_t pushed = 0;
        int bad = 0;
        /* 100 periods; crossings at the same phase each period: 99 or 100 full sweeps */
        int64_t sweeps = feed(f, p, s, &pushed, 100 * PERIOD, 20, e == 0, &bad);
        rp_trigger_state st;
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
        RP_CHECK_EQ_INT(bad, 0);
        RP_CHECK_MSG(st.sweeps >= 99 && st.sweeps <= 100, "%lld sweeps", (long long)st.sweeps);
        RP_CHECK(sweeps >= 1);
        RP_CHECK_EQ_INT(st.trigger_index % PERIOD, e == 0 ? 0 : 50); /* the crossing's phase */
        RP_CHECK(st.triggered && st.missed == 0);
        rp_figure_destroy(f);
        rp_series_destroy(s);
    }
}

static void test_holdoff_hysteresis_modes(void)
{
    rp_series *s = NULL;
    RP_CHECK_EQ_INT(rp_series_create(&(rp_series_desc){.name = "w", .capacity = 1 << 14}, &s),
                    RP_OK);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int hold = -1, single = -1, noisy = -1, autop = -1;
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(
                        f, s,
                        &(rp_trigger_desc){
                            .sweep = 50, .level = 0.5, .holdoff = 150, .mode = RP_TRIGGER_NORMAL},
                        &hold),
                    RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(
                        f, s,
                        &(rp_trigger_desc){.sweep = 50, .level = 0.5, .mode = RP_TRIGGER_SINGLE},
                        &single),
                    RP_OK);
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s,
                                                &(rp_trigger_desc){.sweep = 50,
                                                                   .level = 0.5,
                                                                   .hysteresis = 0.2,
                                                                   .mode = RP_TRIGGER_NORMAL},
                                                &noisy),
                    RP_OK);
    RP_CHECK_EQ_INT(
        rp_figure_add_trigger_panel(f, s, &(rp_trigger_desc){.sweep = 50, .level = 5}, &autop),
        RP_OK);
    /* 10 periods of a square-ish wave with chatter on 0.5: 0, 0.45, 0.55, 0.45, 0.55, 1 ... */
    float buf[1000];
    for (int i = 0; i < 1000; i++) {
        int ph = i % PERIOD;
        buf[i] = ph < 50 ? 0.0f : ph < 54 ? (ph % 2 ? 0.55f : 0.45f) : 1.0f;
    }
    RP_CHECK_EQ_INT(rp_push(s, buf, 1000), RP_OK);
    rp_trigger_state st;
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, hold, &st), RP_OK);
    /* crossings at 51, 151, ... 951; 951's sweep is not complete yet. Holdoff 150: every 2nd */
    RP_CHECK_MSG(st.sweeps == 5, "holdoff 150 over 10 periods: %lld sweeps", (long long)st.sweeps);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, noisy, &st), RP_OK);
    RP_CHECK_MSG(st.sweeps == 9, "hysteresis: %lld sweeps",
                 (long long)st.sweeps);             /* once a period */
    RP_CHECK_EQ_INT(st.trigger_index % PERIOD, 51); /* the first sample at or above 0.5 */
    int chatter = -1; /* the same without hysteresis: the chatter fires twice a period */
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(
                        f, s,
                        &(rp_trigger_desc){.sweep = 50, .level = 0.5, .mode = RP_TRIGGER_NORMAL},
                        &chatter),
                    RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, chatter, &st), RP_OK);
    RP_CHECK_MSG(st.sweeps == 18, "no hysteresis: %lld sweeps", (long long)st.sweeps);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, single, &st), RP_OK);
    RP_CHECK(st.sweeps == 1 && st.stopped && st.trigger_index == 51 && !st.waiting);
    RP_CHECK_EQ_INT(rp_figure_trigger_rearm(f, single), RP_OK); /* from sample 1000 on */
    /* re-armed, nothing new yet: waiting (the state line read TRIG'D of the old sweep) */
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, single, &st), RP_OK);
    RP_CHECK(st.sweeps == 1 && !st.stopped && st.waiting);
    RP_CHECK_EQ_INT(rp_push(s, buf, 1000), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, single, &st), RP_OK);
    RP_CHECK(st.sweeps == 2 && st.stopped && st.trigger_index == 1051 && !st.waiting);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, autop, &st), RP_OK);          /* level 5: never */
    RP_CHECK(st.sweeps == 0 && !st.triggered && st.first_index == 2000 - 50); /* free-running */
    RP_CHECK(rp_figure_trigger_sweep(f, autop, NULL) != NULL);
    /* misuse */
    int bad = -1;
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &(rp_trigger_desc){.sweep = 8}, &bad),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &(rp_trigger_desc){.pre_trigger = 1}, &bad),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &(rp_trigger_desc){.hysteresis = -1}, &bad),
                    RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, 99, &st), RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(rp_figure_last_error(f), "not a trigger panel") != NULL);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* Persistence: a sine whose amplitude grows by 1 % a period, triggered rising at 0 with 4 sweeps
 * kept: after each update the k-th sweep kept is the one PERIOD · (k + 1) samples before the shown
 * one (told apart by its amplitude), fewer while fewer have fired; set_trigger can lower it, not
 * raise it past the room made at creation; a new level forgets the old sweeps. */
/* A holdoff longer than a period (128 samples, period 100): a crossing inside it is passed over,
 * and the next trigger is the next crossing after it, at the same phase. The detector stayed
 * armed through the holdoff and fired at its end on whatever sample was above the level: phase
 * 28, the falling slope (QA: a 50 Hz sine with holdoff 28 at 1 kHz showed sweeps half a period
 * apart). Live, and at the end of a view that does not follow (its own scan). */
static void test_holdoff_takes_edges_only(void)
{
    rp_series *s = NULL;
    rp_figure *f = NULL;
    make_series_figure(&s, &f);
    int p = -1;
    rp_trigger_desc d = {
        .sweep = 80, .pre_trigger = 0.25, .holdoff = 128, .mode = RP_TRIGGER_NORMAL};
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &d, &p), RP_OK);
    int64_t pushed = 0;
    int bad = 0;
    feed(f, p, s, &pushed, 100 * PERIOD, 20, true, &bad);
    rp_trigger_state st;
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK_MSG(bad == 0, "%d sweeps off a rising crossing", bad);
    /* crossings at 100, 300, ... 9900 (every other one), 9900's sweep complete */
    RP_CHECK_MSG(st.sweeps == 50, "%lld sweeps", (long long)st.sweeps);
    RP_CHECK_EQ_INT(st.trigger_index % (2 * PERIOD), PERIOD);
    /* a view ending at sample 5050: a crossing whose sweep ends before it, 4900 or 4800 (the
     * search's holdoff counts from the triggers it finds, not the live ones) */
    RP_CHECK_EQ_INT(rp_figure_set_x_view(f, 0.0, 5.050), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK_MSG(st.trigger_index % PERIOD == 0 && st.trigger_index >= 4800 &&
                     st.trigger_index <= 4900,
                 "view's end: trigger at %lld", (long long)st.trigger_index);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* 300,000 samples at once (a file shown whole): an update examines a bounded part and says it is
 * behind; updates until it is not reach the newest trigger, every crossing counted. The PNG of
 * such a file showed a sweep from its middle (rp_render_png and the viewer now catch up). */
static void test_behind_catches_up(void)
{
    rp_series *s = NULL;
    RP_CHECK_EQ_INT(
        rp_series_create(&(rp_series_desc){.name = "w", .capacity = 1 << 19, .rate = 1000}, &s),
        RP_OK);
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int p = -1;
    rp_trigger_desc d = {.sweep = 80, .pre_trigger = 0.25, .mode = RP_TRIGGER_NORMAL};
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &d, &p), RP_OK);
    static float buf[300000];
    for (int i = 0; i < 300000; i++) buf[i] = wave(i);
    RP_CHECK_EQ_INT(rp_push(s, buf, 300000), RP_OK);
    rp_trigger_state st;
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK(st.behind);
    int updates = 1;
    while (st.behind && updates < 10000) {
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
        updates++;
    }
    RP_CHECK(!st.behind && updates > 2);
    /* crossings at 100, 200, ... 299,900: 2999 (the one at 0 was not armed) */
    RP_CHECK_MSG(st.sweeps == 2999, "%lld sweeps", (long long)st.sweeps);
    RP_CHECK_EQ_INT(st.trigger_index, 299900);
    /* a live stream that keeps up is never behind */
    RP_CHECK_EQ_INT(rp_push(s, buf, 37), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK(!st.behind);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

static void test_persistence(void)
{
    rp_series *s = NULL;
    rp_figure *f = NULL;
    make_series_figure(&s, &f);
    int p = -1;
    rp_trigger_desc d = {
        .sweep = 60, .pre_trigger = 0.25, .mode = RP_TRIGGER_NORMAL, .persistence = 4};
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &d, &p), RP_OK);
    rp_trigger_desc too_many = d;
    too_many.persistence = RP_TRIGGER_MAX_PERSISTENCE + 1;
    int q = -1;
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &too_many, &q), RP_ERR_INVALID_ARG);
    float chunk[PERIOD];
    int bad = 0, checked = 0;
    for (int64_t c = 0; c < 30; c++) {
        for (int i = 0; i < PERIOD; i++)
            chunk[i] = (float)(1.0 + 0.01 * (double)c) * wave(c * PERIOD + i);
        rp_push(s, chunk, PERIOD);
        rp_trigger_state st;
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
        if (st.sweeps == 0) continue;
        int n = 0;
        const float *shown = rp_figure_trigger_sweep(f, p, &n);
        int64_t expect_kept = st.sweeps - 1 < 4 ? st.sweeps - 1 : 4;
        for (int k = 0; k < 4; k++) {
            const float *old = rp_figure_trigger_history(f, p, k, &n);
            if (k >= expect_kept) {
                RP_CHECK(old == NULL);
                continue;
            }
            RP_REQUIRE_VOID(old != NULL && n == 60);
            /* the same phase one period earlier per step: the amplitude 1 % lower per step */
            int64_t cycle = st.trigger_index / PERIOD - (k + 1);
            float want = (float)(1.0 + 0.01 * (double)cycle) * wave(cycle * PERIOD + 30 - 15);
            checked++;
            if (old[30] != want || old[30] == shown[30]) bad++;
        }
    }
    RP_CHECK_EQ_INT(bad, 0);
    RP_CHECK(checked > 80);
    d.persistence = 2; /* fewer shown */
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f, p, &d), RP_OK);
    RP_CHECK(rp_figure_trigger_history(f, p, 1, NULL) != NULL);
    RP_CHECK(rp_figure_trigger_history(f, p, 2, NULL) == NULL);
    d.persistence = 5; /* more than the room made */
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f, p, &d), RP_ERR_INVALID_ARG);
    d.persistence = 4;
    d.level = 0.5; /* another trigger: the old sweeps go */
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f, p, &d), RP_OK);
    RP_CHECK(rp_figure_trigger_history(f, p, 0, NULL) == NULL);
    /* ... the one shown then too: after the next trigger the history holds none of the old
     * level's sweeps (the shown one was pushed into it, a ghost out of phase for 4 sweeps) */
    d.edge = RP_TRIGGER_FALLING;
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f, p, &d), RP_OK);
    int64_t c0 = 30;
    rp_trigger_state st;
    for (int64_t c = c0; c < c0 + 2; c++) {
        for (int i = 0; i < PERIOD; i++) chunk[i] = wave(c * PERIOD + i);
        rp_push(s, chunk, PERIOD);
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    }
    int n = 0;
    const float *shown = rp_figure_trigger_sweep(f, p, &n);
    RP_REQUIRE_VOID(shown != NULL);
    /* the sweeps before the shown one fall through 0.5 at their trigger sample (15) as it does:
     * none of the old rising one (the change looked at the newest samples again: the falling
     * sweeps in them, of the older cycles' amplitudes) */
    RP_CHECK(shown[14] > 0.5f && shown[15] <= 0.5f);
    int behind_shown = 0;
    for (int k = 0; k < 4; k++) {
        const float *before = rp_figure_trigger_history(f, p, k, &n);
        if (!before) continue;
        behind_shown++;
        RP_CHECK_MSG(before[14] > 0.5f && before[15] <= 0.5f, "sweep %d back: %g, %g", k,
                     before[14], before[15]);
    }
    RP_CHECK_EQ_INT(behind_shown, 4);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* A file shown whole (no new samples come): another edge, level or holdoff set on its panel
 * shows the newest sweep of the new trigger at the next update, counted from there; it kept the
 * old trigger's sweep under the new one's name (QA: "falling" over a rising sweep). Single mode
 * waits for a trigger to come instead. */
static void test_change_on_still_data(void)
{
    rp_series *s = NULL;
    rp_figure *f = NULL;
    make_series_figure(&s, &f);
    int p = -1;
    rp_trigger_desc d = {.sweep = 80, .pre_trigger = 0.25, .mode = RP_TRIGGER_NORMAL};
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &d, &p), RP_OK);
    static float buf[50 * PERIOD];
    for (int i = 0; i < 50 * PERIOD; i++) buf[i] = wave(i);
    RP_CHECK_EQ_INT(rp_push(s, buf, 50 * PERIOD), RP_OK);
    rp_trigger_state st;
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK_EQ_INT(st.trigger_index, 49 * PERIOD); /* rising: phase 0 */
    d.edge = RP_TRIGGER_FALLING;
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f, p, &d), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK_MSG(st.trigger_index == 48 * PERIOD + 50, "falling: trigger at %lld",
                 (long long)st.trigger_index); /* 49*100+50's sweep is not complete */
    int n = 0;
    const float *shown = rp_figure_trigger_sweep(f, p, &n);
    RP_REQUIRE_VOID(shown != NULL && n == 80);
    RP_CHECK(shown[19] > 0 && shown[20] <= 0);
    RP_CHECK_MSG(st.sweeps > 0 && st.sweeps < 50, "%lld sweeps", (long long)st.sweeps);
    d.mode = RP_TRIGGER_SINGLE; /* armed: waits for the next trigger, none comes */
    d.level = 0.5;
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f, p, &d), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK(st.waiting && st.trigger_index == 48 * PERIOD + 50);
    /* ... and left for auto: the change made while it waited is looked at now (it kept the old
     * level's sweep under the new level's name, QA) */
    d.mode = RP_TRIGGER_AUTO;
    RP_CHECK_EQ_INT(rp_figure_set_trigger(f, p, &d), RP_OK);
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK_MSG(st.triggered && st.trigger_index == 48 * PERIOD + 42,
                 "falling through 0.5: trigger at %lld", (long long)st.trigger_index);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* Persistence in the y view: pulses of falling height (the newest the lowest) keep their traces
 * on the plot. The autoscale covered the shown sweep only, and traces 50 tall behind a sweep 1
 * tall ran off the top as stray edges (QA). */
static void test_persistence_in_y_view(void)
{
    rp_series *s = NULL;
    rp_figure *f = NULL;
    make_series_figure(&s, &f);
    int p = -1;
    rp_trigger_desc d = {.sweep = 60,
                         .level = 0.5,
                         .pre_trigger = 0.25,
                         .mode = RP_TRIGGER_NORMAL,
                         .persistence = 4};
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(f, s, &d, &p), RP_OK);
    float buf[10 * PERIOD];
    for (int i = 0; i < 10 * PERIOD; i++) /* pulse k: 20 samples of height 10 - k */
        buf[i] = i % PERIOD >= 10 && i % PERIOD < 30 ? (float)(10 - i / PERIOD) : 0.0f;
    RP_CHECK_EQ_INT(rp_push(s, buf, 10 * PERIOD), RP_OK);
    rp_trigger_state st;
    RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
    RP_CHECK(st.triggered && rp_figure_trigger_history(f, p, 3, NULL) != NULL);
    double y0 = 0, y1 = 0;
    RP_CHECK_EQ_INT(rp_figure_y_view(f, p, &y0, &y1), RP_OK);
    /* shown: pulse 9 (1 tall); behind it 8, 7, 6, 5 (2 .. 5 tall) */
    RP_CHECK_MSG(y1 >= 5.0 && y0 <= 0.0, "y view %g .. %g", y0, y1);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* The time axis holds still: a 300 Hz series stamped in whole milliseconds (steps of 3, 3 and
 * 4 ms, as an Arduino's millis() gives), far from x = 0 (a Unix time), measures a slightly
 * different rate each update; the rate the panel draws its axis with stays bit for bit the one
 * first measured (its ends moved each frame, and a tick label on an end flickered; at 500 Hz with
 * jitter the tick step flipped), and follows a real change (600 Hz). */
static void test_steady_rate(void)
{
    rp_series *s = NULL;
    rp_figure *f = NULL;
    RP_CHECK_EQ_INT(
        rp_series_create(&(rp_series_desc){.name = "t", .capacity = 1 << 14, .timestamps = true},
                         &s),
        RP_OK);
    RP_CHECK_EQ_INT(rp_figure_create(NULL, &f), RP_OK);
    int p = -1;
    RP_CHECK_EQ_INT(rp_figure_add_trigger_panel(
                        f, s, &(rp_trigger_desc){.sweep = 250, .mode = RP_TRIGGER_AUTO}, &p),
                    RP_OK);
    double x[50], ms = 0, period_ms = 1000.0 / 300;
    float v[50];
    double first = 0;
    int updates = 0, moved = 0;
    for (int64_t c = 0; c < 160; c++) {
        if (c == 80) period_ms = 1000.0 / 600; /* the series now runs at 600 Hz */
        for (int i = 0; i < 50; i++) {
            int64_t k = c * 50 + i;
            ms += period_ms;
            x[i] = 1.7e9 + floor(ms) / 1000; /* whole milliseconds */
            v[i] = wave(k);
        }
        RP_CHECK_EQ_INT(rp_push_timed(s, x, v, 50), RP_OK);
        rp_trigger_state st;
        RP_CHECK_EQ_INT(rp_figure_trigger_update(f, p, &st), RP_OK);
        if (c < 24 || !(st.rate > 0)) continue; /* a block's worth (4 sweeps) first */
        if (c < 80) {
            if (first == 0) first = st.rate;
            updates++;
            moved += st.rate != first;
        } else if (c >= 104) { /* a block of the new rate */
            RP_CHECK_MSG(fabs(st.rate - 600) < 3, "at 600 Hz the rate is %.3f", st.rate);
        }
    }
    RP_CHECK_MSG(fabs(first - 300) < 0.5, "the rate measured %.3f", first);
    RP_CHECK(updates > 40);
    RP_CHECK_EQ_INT(moved, 0);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

int main(void)
{
    test_steady_rate();
    test_persistence();
    test_edges();
    test_holdoff_hysteresis_modes();
    test_holdoff_takes_edges_only();
    test_behind_catches_up();
    test_change_on_still_data();
    test_persistence_in_y_view();
    return rp_test_finish();
}
