/* test_ticks — numeric and time ticks: invariants over listed edge cases and a seeded sweep of
 * thousands of ranges, exact label strings for known ranges and Unix times, value read-out. */
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "axis/scale.h"
#include "axis/ticks.h"
#include "rp_test.h"

/* ---------------------------------------------------------------------------------------------
 * Helpers
 * ------------------------------------------------------------------------------------------- */

static int utf8_len(const char *s)
{
    int n = 0;
    for (; *s; s++) n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A measuring function unlike the default: proportional-ish widths. */
static float width_fn(void *user, const char *text)
{
    float scale = user ? *(const float *)user : 1.0f;
    float w = 0.0f;
    for (const unsigned char *p = (const unsigned char *)text; *p; p++) {
        if ((*p & 0xC0) == 0x80) continue;
        w += (*p == '.' || *p == ':' || *p == ' ') ? 3.5f : *p == '-' ? 4.5f : 7.5f;
    }
    return w * scale;
}

static double measure(const rp_tick_request *req, const char *text)
{
    return req->text_width ? req->text_width(req->user, text) : 7.0 * utf8_len(text);
}

/* Value a numeric label stands for, applying the axis annotation ("×1eX", "+O", both). */
static double label_value(const char *label, const char *annotation)
{
    double v = strtod(label, NULL), scale = 1.0, offset = 0.0;
    const char *a = annotation;
    if (strncmp(a,
                "\xC3\x97"
                "1e",
                4) == 0) {
        char *end;
        scale = pow(10.0, (double)strtol(a + 4, &end, 10));
        a = end;
    }
    while (*a == ' ') a++;
    if (*a == '+' || *a == '-') offset = strtod(a, NULL);
    return v * scale + offset;
}

static int is_negative_zero(const char *label)
{
    return label[0] == '-' && strspn(label + 1, "0.") == strlen(label + 1);
}

static int check_failures;

#define EXPECT(cond, ...)                                                                          \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            if (check_failures++ < 40) {                                                           \
                fprintf(stderr, "%s:%d: %s: ", __FILE__, __LINE__, #cond);                         \
                fprintf(stderr, __VA_ARGS__);                                                      \
                fputc('\n', stderr);                                                               \
            }                                                                                      \
            ok = 0;                                                                                \
        }                                                                                          \
    } while (0)

enum { NUMERIC = 1, EVEN = 2, ROUND = 4, WALL = 8 };

/* Invariants every tick set keeps. flags: NUMERIC (labels are numbers: parse them back and
 * bound their length), EVEN (majors exactly `step` apart), ROUND (majors multiples of step),
 * WALL (wall-clock labels: sub-second ones are 12 characters, ~90 px at 13 px, so two of them
 * are only promised from 400 px of axis; every other axis gets two from 200 px). */
static int check_set(const char *what, const rp_tick_request *req, const rp_tick_set *s, int flags)
{
    int ok = 1;
    EXPECT(s->count >= 0 && s->count <= RP_MAX_TICKS, "%s: count %d", what, s->count);
    EXPECT(s->lo < s->hi, "%s: range %.17g..%.17g", what, s->lo, s->hi);
    EXPECT(memchr(s->annotation, '\0', sizeof s->annotation) != NULL, "%s: annotation unterminated",
           what);
    double mag = fmax(fabs(s->lo), fabs(s->hi));
    double tol = s->step * 1e-6 + 8.0 * mag * DBL_EPSILON;
    int majors = 0;
    const rp_tick *prev = NULL, *prev_major = NULL;
    for (int i = 0; i < s->count; i++) {
        const rp_tick *t = &s->ticks[i];
        EXPECT(memchr(t->label, '\0', sizeof t->label) != NULL, "%s: label unterminated", what);
        EXPECT(t->value >= s->lo && t->value <= s->hi, "%s: tick %.17g outside %.17g..%.17g", what,
               t->value, s->lo, s->hi);
        if (prev) EXPECT(t->value > prev->value, "%s: not increasing at %d", what, i);
        prev = t;
        if (!t->major) {
            EXPECT(t->label[0] == '\0', "%s: minor tick with label '%s'", what, t->label);
            continue;
        }
        majors++;
        EXPECT(t->label[0] != '\0', "%s: empty label", what);
        EXPECT(!is_negative_zero(t->label), "%s: label '%s'", what, t->label);
        if (flags & NUMERIC) {
            EXPECT(utf8_len(t->label) <= 10, "%s: label '%s' too long", what, t->label);
            EXPECT(strspn(t->label, "-0123456789.") == strlen(t->label), "%s: label '%s'", what,
                   t->label);
            double back = label_value(t->label, s->annotation);
            EXPECT(fabs(back - t->value) <= tol, "%s: label '%s' ann '%s' reads %.17g, tick %.17g",
                   what, t->label, s->annotation, back, t->value);
        }
        if (flags & ROUND)
            EXPECT(fmod(t->value, s->step) == 0.0, "%s: %.17g not a multiple of %g", what, t->value,
                   s->step);
        if (prev_major) {
            if (flags & EVEN)
                EXPECT(fabs(t->value - prev_major->value - s->step) <= tol,
                       "%s: spacing %.17g, step %.17g", what, t->value - prev_major->value,
                       s->step);
            /* Labels do not overlap with the caller's measure. */
            double px = (t->value - prev_major->value) / (s->hi - s->lo) * req->axis_px;
            double need = req->vertical
                              ? req->label_height + req->min_gap_px
                              : 0.5 * (measure(req, t->label) + measure(req, prev_major->label)) +
                                    req->min_gap_px;
            EXPECT(px >= need - 0.01, "%s: '%s' and '%s' %.2f px apart, need %.2f", what,
                   prev_major->label, t->label, px, need);
        }
        prev_major = t;
    }
    for (int i = 0; i < s->count; i++)
        for (int j = i + 1; j < s->count; j++)
            if (s->ticks[i].major && s->ticks[j].major)
                EXPECT(strcmp(s->ticks[i].label, s->ticks[j].label) != 0, "%s: label '%s' twice",
                       what, s->ticks[i].label);
    if (req->axis_px >= ((flags & WALL) ? 400.0f : 200.0f))
        EXPECT(majors >= 2 && majors <= 12, "%s: %d major ticks on %g px", what, majors,
               (double)req->axis_px);
    if (!ok) {
        fprintf(stderr, "  %s: [%.17g, %.17g] px %g ann '%s':", what, s->lo, s->hi,
                (double)req->axis_px, s->annotation);
        for (int i = 0; i < s->count; i++) fprintf(stderr, " '%s'", s->ticks[i].label);
        fputc('\n', stderr);
    }
    return ok;
}

static rp_tick_request request(double lo, double hi, float px)
{
    return (rp_tick_request){
        .lo = lo, .hi = hi, .axis_px = px, .label_height = 13.0f, .min_gap_px = 8.0f};
}

/* Ticks for a request and its exact labels and annotation. */
static void expect_labels(const char *what, rp_tick_request req, int time_mode,
                          const char *annotation, const char *const *labels, int n)
{
    rp_tick_set s;
    int count = time_mode < 0 ? rp_ticks_numeric(&req, &s)
                              : rp_ticks_time(&req, (rp_time_mode)time_mode, &s);
    int ok = count == n && strcmp(s.annotation, annotation) == 0;
    for (int i = 0; ok && i < n; i++) ok = strcmp(s.ticks[i].label, labels[i]) == 0;
    RP_CHECK_MSG(ok, "%s", what);
    if (!ok) {
        fprintf(stderr, "  got %d, ann '%s':", count, s.annotation);
        for (int i = 0; i < count; i++) fprintf(stderr, " '%s'", s.ticks[i].label);
        fprintf(stderr, "\n  want %d, ann '%s':", n, annotation);
        for (int i = 0; i < n; i++) fprintf(stderr, " '%s'", labels[i]);
        fputc('\n', stderr);
    }
}

#define LABELS(...)                                                                                \
    (const char *const[]){__VA_ARGS__},                                                            \
        (int)(sizeof((const char *const[]){__VA_ARGS__}) / sizeof(const char *))

static uint64_t rng_state;
static uint64_t rng_next(void)
{
    rng_state ^= rng_state << 13;
    rng_state ^= rng_state >> 7;
    rng_state ^= rng_state << 17;
    return rng_state;
}
static double rng_unit(void) { return (double)(rng_next() >> 11) / 9007199254740992.0; }

/* ---------------------------------------------------------------------------------------------
 * Numeric
 * ------------------------------------------------------------------------------------------- */

static void test_numeric_cases(void)
{
    static const struct {
        const char *name;
        double lo, hi;
    } cases[] = {
        {"0..1", 0, 1},
        {"-1..1", -1, 1},
        {"crossing zero", -0.3, 0.7},
        {"crossing zero odd", -1.7e-3, 2.9e-3},
        {"tiny", 1e-9, 1.1e-9},
        {"tiny range 1e-10", 0, 1e-10},
        {"tiny signed", -3e-9, 7e-9},
        {"tiny 1e-12", 1e-12, 5e-12},
        {"huge", 0, 1e12},
        {"huge 1e15", -3e15, 8e15},
        {"huge offset", 1e12, 1e12 + 1000},
        {"huge offset odd", 1234567890123.0, 1234567891123.0},
        {"huge offset neg", -1e12 - 1000, -1e12},
        {"huge offset 1", 1e12, 1e12 + 1},
        {"tiny offset", 1e-9, 1e-9 + 1e-15},
        {"flat 0", 0, 0},
        {"flat 5", 5, 5},
        {"flat -5", -5, -5},
        {"flat 1e12", 1e12, 1e12},
        {"flat 1e-9", 1e-9, 1e-9},
        {"flat -3.7e-12", -3.7e-12, -3.7e-12},
        {"single huge", 7.3e14, 7.3e14},
        {"swapped", 10, -10},
        {"negative", -105, -95},
        {"1000.001", 1000.001, 1000.003},
        {"12345", 12345, 12346},
        {"2e6", 0, 2e6},
        {"5e-4", 0, 5e-4},
        {"5e-5", 0, 5e-5},
        {"sub-ulp", 1.0, 1.0 + 4e-16},
        {"1e300", 1e300, 2e300},
        {"denormal", 1e-320, 2e-320},
        {"0.1 steps", 0.1, 0.3},
        {"float-ish", 0.30000000000000004, 0.9},
    };
    static const float widths[] = {200, 333, 800, 1111, 2000};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++)
        for (size_t w = 0; w < sizeof widths / sizeof widths[0]; w++)
            for (int vertical = 0; vertical < 2; vertical++) {
                rp_tick_request req = request(cases[c].lo, cases[c].hi, widths[w]);
                req.vertical = vertical;
                rp_tick_set s;
                int n = rp_ticks_numeric(&req, &s);
                RP_CHECK_MSG(n == s.count && n >= 2, "%s: %d ticks", cases[c].name, n);
                RP_CHECK(check_set(cases[c].name, &req, &s, NUMERIC | EVEN));
                /* Flat and swapped ranges still cover the requested value(s). */
                double lo = fmin(cases[c].lo, cases[c].hi), hi = fmax(cases[c].lo, cases[c].hi);
                if (fabs(lo) > 1e-280)
                    RP_CHECK_MSG(s.lo <= lo && s.hi >= hi, "%s: range %.17g..%.17g", cases[c].name,
                                 s.lo, s.hi);
            }

    /* Exact labels for known ranges (800 px x axis, default 7 px/char). */
    expect_labels("0..1", request(0, 1, 800), -1, "",
                  LABELS("0", "0.2", "0.4", "0.6", "0.8", "1.0"));
    expect_labels("-1..1", request(-1, 1, 800), -1, "", LABELS("-1.0", "-0.5", "0", "0.5", "1.0"));
    expect_labels("crossing", request(-0.3, 0.7, 800), -1, "",
                  LABELS("-0.2", "0", "0.2", "0.4", "0.6"));
    expect_labels("tiny", request(0, 1e-9, 800), -1,
                  "\xC3\x97"
                  "1e-9",
                  LABELS("0", "0.2", "0.4", "0.6", "0.8", "1.0"));
    expect_labels("tiny signed", request(-3e-9, 7e-9, 800), -1,
                  "\xC3\x97"
                  "1e-9",
                  LABELS("-2", "0", "2", "4", "6"));
    expect_labels("huge", request(0, 1e12, 800), -1,
                  "\xC3\x97"
                  "1e12",
                  LABELS("0", "0.2", "0.4", "0.6", "0.8", "1.0"));
    expect_labels("offset", request(1e12, 1e12 + 1000, 800), -1, "+1e12",
                  LABELS("0", "200", "400", "600", "800", "1000"));
    expect_labels("offset neg", request(-1e12 - 1000, -1e12, 800), -1, "-1e12",
                  LABELS("-1000", "-800", "-600", "-400", "-200", "0"));
    expect_labels("flat 5", request(5, 5, 800), -1, "", LABELS("4.6", "4.8", "5.0", "5.2", "5.4"));
    expect_labels("flat 0", request(0, 0, 800), -1, "", LABELS("-1.0", "-0.5", "0", "0.5", "1.0"));
    expect_labels("1000.001", request(1000.001, 1000.003, 800), -1, "+1000",
                  LABELS("0.0010", "0.0015", "0.0020", "0.0025", "0.0030"));
    expect_labels("thousands", request(0, 800000, 800), -1, "",
                  LABELS("0", "100000", "200000", "300000", "400000", "500000", "600000", "700000",
                         "800000"));
    expect_labels("tiny offset", request(1e-9, 1e-9 + 1e-15, 800), -1,
                  "\xC3\x97"
                  "1e-15 +1e-9",
                  LABELS("0", "0.2", "0.4", "0.6", "0.8", "1.0"));

    /* Swapped input gives the same ticks as ordered input. */
    rp_tick_request a = request(3, -7, 640), b = request(-7, 3, 640);
    rp_tick_set sa, sb;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&a, &sa), rp_ticks_numeric(&b, &sb));
    RP_CHECK(memcmp(sa.ticks, sb.ticks, sizeof(rp_tick) * (size_t)sa.count) == 0 && sa.lo == -7 &&
             sa.hi == 3);

    /* NaN, Inf, overflowing spans and bad requests: no ticks, no crash. */
    static const double bad[][2] = {
        {NAN, 1},   {0, NAN},       {INFINITY, 1}, {0, -INFINITY}, {-INFINITY, INFINITY},
        {NAN, NAN}, {-1e308, 1e308}};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        rp_tick_request req = request(bad[i][0], bad[i][1], 800);
        rp_tick_set s;
        RP_CHECK_EQ_INT(rp_ticks_numeric(&req, &s), 0);
        RP_CHECK_EQ_INT(s.count, 0);
        RP_CHECK_EQ_INT(rp_ticks_time(&req, RP_TIME_RELATIVE, &s), 0);
        RP_CHECK_EQ_INT(rp_ticks_time(&req, RP_TIME_WALL_UTC, &s), 0);
    }
    rp_tick_set s;
    rp_tick_request zero_px = request(0, 1, 0), nan_px = request(0, 1, NAN);
    RP_CHECK_EQ_INT(rp_ticks_numeric(&zero_px, &s), 0);
    RP_CHECK_EQ_INT(rp_ticks_numeric(&nan_px, &s), 0);
    RP_CHECK_EQ_INT(rp_ticks_numeric(NULL, &s), 0);
    rp_tick_request ok_req = request(0, 1, 800);
    RP_CHECK_EQ_INT(rp_ticks_numeric(&ok_req, NULL), 0);
    RP_CHECK_EQ_INT(rp_ticks_time(&ok_req, RP_TIME_RELATIVE, NULL), 0);

    /* A very short axis keeps at most one label rather than overlapping. */
    rp_tick_request tiny_axis = request(0, 1, 30);
    RP_CHECK(rp_ticks_numeric(&tiny_axis, &s) >= 1 && check_set("30 px", &tiny_axis, &s, NUMERIC));

    /* Wide labels thin the ticks out: measured widths are respected. */
    float big = 12.0f;
    rp_tick_request wide = request(0, 1, 800);
    wide.text_width = width_fn;
    wide.user = &big;
    RP_CHECK(rp_ticks_numeric(&wide, &s) >= 2 &&
             check_set("wide labels", &wide, &s, NUMERIC | EVEN));
    rp_tick_set narrow;
    RP_CHECK(rp_ticks_numeric(&ok_req, &narrow) > s.count);

    /* Minor ticks: majors unchanged, minors unlabelled and between them. */
    rp_tick_request with_minor = request(0, 1, 800);
    with_minor.minor = true;
    rp_tick_set m;
    int nm = rp_ticks_numeric(&with_minor, &m);
    RP_CHECK(nm > narrow.count && check_set("minor", &with_minor, &m, NUMERIC));
    int majors = 0, minors = 0;
    for (int i = 0; i < m.count; i++) {
        if (m.ticks[i].major) {
            RP_CHECK(majors < narrow.count && m.ticks[i].value == narrow.ticks[majors].value &&
                     strcmp(m.ticks[i].label, narrow.ticks[majors].label) == 0);
            majors++;
        } else {
            minors++;
        }
    }
    RP_CHECK_EQ_INT(majors, narrow.count);
    RP_CHECK_EQ_INT(minors, 3 * (narrow.count - 1)); /* step 0.2 splits in 4 (0.05) */
}

/* Thousands of random ranges: magnitudes 1e-12..1e15, both signs, some nearly flat. */
static void test_numeric_sweep(void)
{
    const uint64_t seed = 0x5eed2024u;
    rng_state = seed;
    printf("numeric sweep seed 0x%llx\n", (unsigned long long)seed);
    int failed = 0, total = 0;
    for (int i = 0; i < 20000; i++) {
        double lo = (rng_next() & 1 ? -1.0 : 1.0) * pow(10.0, -12.0 + 27.0 * rng_unit());
        double hi;
        switch (rng_next() % 4) {
        case 0: /* independent magnitude */
            hi = (rng_next() & 1 ? -1.0 : 1.0) * pow(10.0, -12.0 + 27.0 * rng_unit());
            break;
        case 1: /* narrow relative range: exercises the offset labels */
            hi = lo + fabs(lo) * pow(10.0, -14.0 * rng_unit());
            break;
        case 2: /* crossing zero */ hi = -lo * pow(10.0, -3.0 + 6.0 * rng_unit()); break;
        default: /* flat */ hi = lo; break;
        }
        /* 200..2000 logical px at a HiDPI scale of 1..2.5: labels and the axis scale alike. */
        float scale = (float)(1.0 + 1.5 * rng_unit());
        rp_tick_request req = request(lo, hi, (float)(200.0 + 1800.0 * rng_unit()));
        req.vertical = rng_next() % 3 == 0;
        if (rng_next() & 1) {
            req.text_width = width_fn;
            req.user = &scale;
            req.label_height = 13.0f * scale;
            req.axis_px *= scale;
        }
        req.minor = rng_next() % 4 == 0;
        rp_tick_set s;
        int n = rp_ticks_numeric(&req, &s);
        char what[64];
        snprintf(what, sizeof what, "sweep #%d", i);
        total++;
        if (n != s.count || !check_set(what, &req, &s, NUMERIC | (req.minor ? 0 : EVEN))) failed++;
    }
    RP_CHECK_MSG(failed == 0, "%d of %d random ranges failed", failed, total);
}

/* ---------------------------------------------------------------------------------------------
 * Time
 * ------------------------------------------------------------------------------------------- */

static void test_time_relative(void)
{
    expect_labels("0..2 ms", request(0, 0.002, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 ms", "0.5 ms", "1.0 ms", "1.5 ms", "2.0 ms"));
    expect_labels("0..1 s", request(0, 1, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 s", "0.2 s", "0.4 s", "0.6 s", "0.8 s", "1.0 s"));
    expect_labels("0..10 s", request(0, 10, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 s", "2 s", "4 s", "6 s", "8 s", "10 s"));
    expect_labels("0..100 us", request(0, 1e-4, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 \xC2\xB5s", "20 \xC2\xB5s", "40 \xC2\xB5s", "60 \xC2\xB5s",
                         "80 \xC2\xB5s", "100 \xC2\xB5s"));
    expect_labels("0..100 ns", request(0, 1e-7, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 ns", "20 ns", "40 ns", "60 ns", "80 ns", "100 ns"));
    expect_labels("0..10 min", request(0, 600, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 min", "2 min", "4 min", "6 min", "8 min", "10 min"));
    expect_labels(
        "0..90 s", request(0, 90, 800), RP_TIME_RELATIVE, "",
        LABELS("0:00:00", "0:00:15", "0:00:30", "0:00:45", "0:01:00", "0:01:15", "0:01:30"));
    expect_labels("0..2 h", request(0, 7200, 800), RP_TIME_RELATIVE, "",
                  LABELS("0:00:00", "0:15:00", "0:30:00", "0:45:00", "1:00:00", "1:15:00",
                         "1:30:00", "1:45:00", "2:00:00"));
    expect_labels("0..1 d", request(0, 86400, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 h", "3 h", "6 h", "9 h", "12 h", "15 h", "18 h", "21 h", "24 h"));
    expect_labels("0..1e6 s", request(0, 1e6, 800), RP_TIME_RELATIVE, "",
                  LABELS("0 d", "2 d", "4 d", "6 d", "8 d", "10 d"));
    expect_labels("-30..0 s", request(-30, 0, 800), RP_TIME_RELATIVE, "",
                  LABELS("-30 s", "-25 s", "-20 s", "-15 s", "-10 s", "-5 s", "0 s"));
    expect_labels("3600 s + 10 ms", request(3600, 3600.01, 800), RP_TIME_RELATIVE, "+3600 s",
                  LABELS("0 ms", "2 ms", "4 ms", "6 ms", "8 ms", "10 ms"));

    /* Invariants over spans from picoseconds to years, offsets included. */
    rng_state = 0x7e1a71eu;
    printf("relative sweep seed 0x%llx\n", (unsigned long long)rng_state);
    int failed = 0;
    for (int i = 0; i < 5000; i++) {
        double span = pow(10.0, -11.0 + 20.0 * rng_unit());
        double lo =
            (rng_next() % 3 == 0) ? 0.0 : (rng_unit() - 0.3) * pow(10.0, -6.0 + 15.0 * rng_unit());
        rp_tick_request req = request(lo, lo + span, (float)(200.0 + 1800.0 * rng_unit()));
        req.vertical = rng_next() % 3 == 0;
        rp_tick_set s;
        rp_ticks_time(&req, RP_TIME_RELATIVE, &s);
        char what[64];
        snprintf(what, sizeof what, "relative #%d", i);
        if (!check_set(what, &req, &s, EVEN)) failed++;
        for (int k = 0; k < s.count; k++)
            if (utf8_len(s.ticks[k].label) > 12 && failed++ < 5)
                fprintf(stderr, "%s: label '%s' long\n", what, s.ticks[k].label);
    }
    RP_CHECK_MSG(failed == 0, "%d relative ranges failed", failed);
}

static void test_time_wall(void)
{
    const double t = 1764000000.0; /* 2025-11-24 16:00:00 UTC, a Monday */
    expect_labels("2 min", request(t, t + 120, 800), RP_TIME_WALL_UTC, "2025-11-24",
                  LABELS("16:00:00", "16:00:15", "16:00:30", "16:00:45", "16:01:00", "16:01:15",
                         "16:01:30", "16:01:45", "16:02:00"));
    expect_labels("1 h", request(t, t + 3600, 800), RP_TIME_WALL_UTC, "2025-11-24",
                  LABELS("16:00", "16:10", "16:20", "16:30", "16:40", "16:50", "17:00"));
    expect_labels("10 ms", request(t, t + 0.01, 800), RP_TIME_WALL_UTC, "2025-11-24",
                  LABELS("16:00:00.000", "16:00:00.002", "16:00:00.004", "16:00:00.006",
                         "16:00:00.008", "16:00:00.010"));
    expect_labels("1 s", request(t + 0.25, t + 1.25, 800), RP_TIME_WALL_UTC, "2025-11-24",
                  LABELS("16:00:00.4", "16:00:00.6", "16:00:00.8", "16:00:01.0", "16:00:01.2"));
    expect_labels(
        "12 h", request(t, t + 43200, 800), RP_TIME_WALL_UTC, "2025",
        LABELS("Nov 24 16:00", "18:00", "20:00", "22:00", "Nov 25 00:00", "02:00", "04:00"));
    expect_labels("midnight", request(t + 8 * 3600 - 20, t + 8 * 3600 + 20, 800), RP_TIME_WALL_UTC,
                  "2025",
                  LABELS("Nov 24 23:59:40", "23:59:45", "23:59:50", "23:59:55", "Nov 25 00:00:00",
                         "00:00:05", "00:00:10", "00:00:15", "00:00:20"));
    expect_labels("new year", request(1767225600.0 - 3 * 86400, 1767225600.0 + 3 * 86400, 800),
                  RP_TIME_WALL_UTC, "2025-2026",
                  LABELS("Dec 29", "Dec 30", "Dec 31", "Jan 1", "Jan 2", "Jan 3", "Jan 4"));
    expect_labels("weeks", request(t, t + 30 * 86400, 800), RP_TIME_WALL_UTC, "2025",
                  LABELS("Dec 1", "Dec 8", "Dec 15", "Dec 22"));
    expect_labels("months", request(t, t + 365 * 86400, 800), RP_TIME_WALL_UTC, "",
                  LABELS("Jan 2026", "Mar 2026", "May 2026", "Jul 2026", "Sep 2026", "Nov 2026"));
    expect_labels("years", request(t, t + 3650 * 86400.0, 800), RP_TIME_WALL_UTC, "",
                  LABELS("2026", "2028", "2030", "2032", "2034"));
    expect_labels("before 1970", request(-2 * 86400, 0, 800), RP_TIME_WALL_UTC, "1969-1970",
                  LABELS("Dec 30 00:00", "Dec 30 06:00", "Dec 30 12:00", "Dec 30 18:00",
                         "Dec 31 00:00", "Dec 31 06:00", "Dec 31 12:00", "Dec 31 18:00",
                         "Jan 1 00:00"));
    /* A flat wall range becomes a minute around the instant. */
    rp_tick_request flat = request(t, t, 800);
    rp_tick_set s;
    RP_CHECK(rp_ticks_time(&flat, RP_TIME_WALL_UTC, &s) >= 2 && s.lo < t && s.hi > t);

    /* Sweep: UTC ticks land on round clock values (multiples of the step from midnight). */
    rng_state = 0xc10c4u;
    printf("wall sweep seed 0x%llx\n", (unsigned long long)rng_state);
    int failed = 0;
    for (int i = 0; i < 5000; i++) {
        double span = pow(10.0, -3.0 + 12.0 * rng_unit());
        double lo = 4e9 * rng_unit() - 1e9;
        rp_tick_request req = request(lo, lo + span, (float)(200.0 + 1800.0 * rng_unit()));
        req.vertical = rng_next() % 3 == 0;
        rp_time_mode mode = rng_next() % 4 == 0 ? RP_TIME_WALL_LOCAL : RP_TIME_WALL_UTC;
        rp_ticks_time(&req, mode, &s);
        char what[64];
        snprintf(what, sizeof what, "wall #%d", i);
        int flags = WALL | (mode == RP_TIME_WALL_UTC && s.step < 86400 ? EVEN : 0);
        if (mode == RP_TIME_WALL_UTC && s.step >= 1.0 && s.step < 86400 * 2) flags |= ROUND;
        if (!check_set(what, &req, &s, flags)) failed++;
    }
    RP_CHECK_MSG(failed == 0, "%d wall ranges failed", failed);
}

/* Local time, with POSIX TZ strings (no tz database needed). Only this test program sets TZ:
 * the library itself reads the zone through localtime_r and keeps no state. */
static void test_time_local(void)
{
    const double t = 1764000000.0; /* 16:00 UTC = 21:30 in India (UTC+5:30) */
    setenv("TZ", "IST-5:30", 1);
    tzset();
    expect_labels("local +5:30", request(t, t + 3600, 800), RP_TIME_WALL_LOCAL, "2025-11-24",
                  LABELS("21:30", "21:40", "21:50", "22:00", "22:10", "22:20", "22:30"));
    expect_labels("local +5:30 hours", request(t, t + 6 * 3600, 800), RP_TIME_WALL_LOCAL, "2025",
                  LABELS("Nov 24 22:00", "23:00", "Nov 25 00:00", "01:00", "02:00", "03:00"));
    /* A day step lands on local midnight, not UTC midnight. */
    rp_tick_request days = request(t, t + 10 * 86400, 800);
    rp_tick_set s;
    RP_CHECK(rp_ticks_time(&days, RP_TIME_WALL_LOCAL, &s) >= 2);
    for (int i = 0; i < s.count; i++)
        RP_CHECK_MSG(fmod(s.ticks[i].value + 19800.0, 86400.0) == 0.0, "'%s' at %.0f",
                     s.ticks[i].label, s.ticks[i].value);

    /* Across the US spring-forward (2025-03-09 02:00 EST -> 03:00 EDT) and fall-back
     * (2025-11-02 02:00 EDT -> 01:00 EST): ticks stay increasing, distinct and on the hour. */
    setenv("TZ", "EST5EDT,M3.2.0,M11.1.0", 1);
    tzset();
    static const double spans[][2] = {{1741485600.0, 1741514400.0}, {1762056000.0, 1762088400.0}};
    for (int k = 0; k < 2; k++) {
        for (float px = 300; px <= 2000; px += 170) {
            rp_tick_request req = request(spans[k][0], spans[k][1], px);
            RP_CHECK(rp_ticks_time(&req, RP_TIME_WALL_LOCAL, &s) >= 2);
            RP_CHECK(check_set("dst", &req, &s, WALL));
            for (int i = 0; i < s.count; i++) {
                time_t tt = (time_t)s.ticks[i].value;
                struct tm tm;
                localtime_r(&tt, &tm);
                if (s.step >= 3600 && s.step < 86400)
                    RP_CHECK_MSG(tm.tm_min == 0 && tm.tm_sec == 0, "dst: '%s'", s.ticks[i].label);
            }
        }
    }
    unsetenv("TZ");
    tzset();
}

/* ---------------------------------------------------------------------------------------------
 * Read-out
 * ------------------------------------------------------------------------------------------- */

static void expect_value(double v, double res, const char *want)
{
    char buf[48];
    rp_format_value(v, res, buf, sizeof buf);
    RP_CHECK_MSG(strcmp(buf, want) == 0, "rp_format_value(%.17g, %g) = '%s', want '%s'", v, res,
                 buf, want);
}

static void test_format_value(void)
{
    expect_value(3.14159265, 0.01, "3.14");
    expect_value(3.14159265, 0.001, "3.142");
    expect_value(-2.5, 0.5, "-2.5");
    expect_value(1234.5678, 1.0, "1235");
    expect_value(0.0, 0.01, "0");
    expect_value(-0.0, 0.01, "0");
    expect_value(-0.001, 0.01, "0");
    expect_value(1.5e-9, 1e-11, "1.50e-9");
    expect_value(-1.5e-9, 1e-12, "-1.500e-9");
    expect_value(1764000000.25, 0.01, "1764000000.25");
    expect_value(6.02e23, 1e21, "6.02e23");
    expect_value(NAN, 1, "NaN");
    expect_value(INFINITY, 1, "Inf");
    expect_value(-INFINITY, 1, "-Inf");
    expect_value(0.1 + 0.2, 0.1, "0.3");
    char small[4];
    rp_format_value(123456.0, 1.0, small, sizeof small); /* truncates, terminated */
    RP_CHECK(strlen(small) == 3);
    char buf[32];
    rp_format_value(1.0 / 3.0, 0.0, buf, sizeof buf); /* unknown resolution: still readable */
    RP_CHECK(strncmp(buf, "0.3333", 6) == 0 && strlen(buf) < 16);
}

/* Read-outs of data (crosshair, cursors) keep RP_READOUT_DIGITS significant digits: a value
 * small against the view never reads "0" (rp_format_value alone would say "0" for each). */
static void test_format_readout(void)
{
    struct {
        double v, res;
        const char *want;
    } cases[] = {
        {3.2e-5, 0.01, "3.200e-5"},
        {-0.0123, 0.01, "-0.01230"},
        {0.004, 0.02, "0.004000"},
        {230.5, 2.0, "230.5"},
        {0.0, 0.01, "0"},
        {1234.5678, 1.0, "1235"},
        {3.14159265, 0.001, "3.142"},
        /* rounding up to the next power of ten keeps 4 digits (a table's min of float 0.01
         * read "0.010000" beside "0.06657") */
        {0.009999999, 0.0, "0.01000"},
        {99.99951, 0.0, "100.0"},
        {-0.099999, 0.0, "-0.1000"},
        {NAN, 1, "NaN"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[48];
        rp_format_readout(cases[i].v, cases[i].res, buf, sizeof buf);
        RP_CHECK_MSG(strcmp(buf, cases[i].want) == 0,
                     "rp_format_readout(%.17g, %g) = '%s', want '%s'", cases[i].v, cases[i].res,
                     buf, cases[i].want);
    }
}

/* A table cell keeps to RP_CELL_CHARS: fewer decimals first, then an exponent; short values
 * are rp_format_readout's (the read-out of a raw count around a bias ran to 11 characters and
 * overprinted the next column). */
static void test_format_cell(void)
{
    struct {
        double v, res;
        int max;
        const char *want;
    } cases[] = {
        {10000.009765625, 6e-5, 10, "10000.0098"},
        {-10000.009765625, 6e-5, 10, "-10000.010"},
        {9999.990234375, 6e-5, 10, "9999.99023"},
        {123456789012.0, 1.0, 10, "1.23457e11"},
        {-123456789012.0, 1.0, 10, "-1.2346e11"},
        {99999.99996, 1e-5, 10, "100000.000"},
        {3.2e-5, 0.01, 10, "3.200e-5"},
        {0.0, 0.01, 10, "0"},
        {1234.5678, 1.0, 10, "1235"},
        {-1.0e-300, 1e-303, 8, "-1e-300"},
        {125000000.0, 0, 8, "1.250e8"},
        {125000000.0, 1e5, 8, "1.250e8"},
        {NAN, 1, 10, "NaN"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char buf[48];
        rp_format_cell(cases[i].v, cases[i].res, cases[i].max, buf, sizeof buf);
        RP_CHECK_MSG(strcmp(buf, cases[i].want) == 0 && (int)strlen(buf) <= cases[i].max,
                     "rp_format_cell(%.17g, %g, %d) = '%s', want '%s'", cases[i].v, cases[i].res,
                     cases[i].max, buf, cases[i].want);
    }
}

/* Log and symlog scales: the mapping and its inverse; where 0 and negatives go; ticks on
 * decades (with minor ticks when there is room), symmetric through 0 for symlog. */
static void test_scales(void)
{
    const double ys[] = {1e-9, 0.5, 1, 7.25, 1e6};
    for (size_t i = 0; i < sizeof ys / sizeof ys[0]; i++) {
        RP_CHECK_NEAR(rp_scale_inverse(RP_Y_LOG, 1, rp_scale_forward(RP_Y_LOG, 1, ys[i])), ys[i],
                      ys[i] * 1e-12);
        for (int sgn = -1; sgn <= 1; sgn += 2) {
            double y = sgn * ys[i];
            double u = rp_scale_forward(RP_Y_SYMLOG, 0.1, y);
            RP_CHECK_NEAR(rp_scale_inverse(RP_Y_SYMLOG, 0.1, u), y, fabs(y) * 1e-9);
            RP_CHECK(sgn > 0 ? u > 0 : u < 0);
        }
    }
    RP_CHECK_NEAR(rp_scale_forward(RP_Y_LOG, 1, 1000), 3, 1e-12);
    RP_CHECK(rp_scale_forward(RP_Y_LOG, 1, 0) == -INFINITY); /* no place: the bottom edge */
    RP_CHECK(rp_scale_forward(RP_Y_LOG, 1, -5) == -INFINITY);
    RP_CHECK(isnan(rp_scale_forward(RP_Y_LOG, 1, NAN))); /* a gap stays a gap */
    RP_CHECK(rp_scale_forward(RP_Y_SYMLOG, 1, 0) == 0);
    RP_CHECK_NEAR(rp_scale_forward(RP_Y_SYMLOG, 2, -2), -log10(2.0), 1e-12);
    RP_CHECK(rp_scale_forward(RP_Y_LINEAR, 1, -3.5) == -3.5);

    rp_tick_request req = {.lo = 0.002,
                           .hi = 5000,
                           .axis_px = 400,
                           .vertical = true,
                           .label_height = 10,
                           .min_gap_px = 8};
    rp_tick_set ts;
    int n = rp_ticks_scaled(&req, RP_Y_LOG, 0, &ts);
    int majors = 0, minors = 0;
    for (int i = 0; i < n; i++) {
        RP_CHECK(ts.ticks[i].value >= req.lo && ts.ticks[i].value <= req.hi);
        if (ts.ticks[i].major) {
            double k = log10(ts.ticks[i].value);
            RP_CHECK_NEAR(k, round(k), 1e-12); /* on a decade */
            majors++;
        } else {
            minors++;
        }
    }
    RP_CHECK_EQ_INT(majors, 6); /* 0.01 .. 1000 */
    RP_CHECK(minors > 20);      /* 2..9 × each decade: 66 px a decade has room */
    bool saw_001 = false, saw_1000 = false;
    for (int i = 0; i < n; i++) {
        saw_001 |= !strcmp(ts.ticks[i].label, "0.01");
        saw_1000 |= !strcmp(ts.ticks[i].label, "1000");
    }
    RP_CHECK(saw_001 && saw_1000);
    req.axis_px = 60; /* 6 decades in 60 px: every other decade or fewer, no minors */
    n = rp_ticks_scaled(&req, RP_Y_LOG, 0, &ts);
    RP_CHECK(n >= 2 && n <= 4);
    req.lo = 1e-9;
    req.hi = 1e9;
    req.axis_px = 300;
    n = rp_ticks_scaled(&req, RP_Y_LOG, 0, &ts);
    RP_CHECK(n >= 3 && strstr(ts.ticks[n - 1].label, "e") != NULL); /* "1e9" */

    rp_tick_request sym = {.lo = -2000,
                           .hi = 2000,
                           .axis_px = 400,
                           .vertical = true,
                           .label_height = 10,
                           .min_gap_px = 8};
    n = rp_ticks_scaled(&sym, RP_Y_SYMLOG, 1, &ts);
    bool zero = false;
    int pos = 0, neg = 0;
    for (int i = 0; i < n; i++) {
        if (!ts.ticks[i].major) continue;
        zero |= ts.ticks[i].value == 0 && !strcmp(ts.ticks[i].label, "0");
        pos += ts.ticks[i].value > 0;
        neg += ts.ticks[i].value < 0;
        if (i > 0) RP_CHECK(ts.ticks[i].value > ts.ticks[i - 1].value); /* ascending */
    }
    RP_CHECK(zero);
    RP_CHECK_EQ_INT(pos, neg); /* symmetric */
    RP_CHECK(pos >= 3);        /* 1, 10, 100, 1000 as room allows */
    RP_CHECK(rp_ticks_scaled(&(rp_tick_request){.lo = -1, .hi = 10, .axis_px = 100}, RP_Y_LOG, 0,
                             &ts) == 0);
    /* data far from 0 within a decade (4900..5100): no decade mark in range, so nice linear
     * values label it (there were none at all) */
    sym.lo = 4900;
    sym.hi = 5100;
    n = rp_ticks_scaled(&sym, RP_Y_SYMLOG, 1, &ts);
    int labelled = 0;
    for (int i = 0; i < n; i++)
        if (ts.ticks[i].major && ts.ticks[i].value >= 4900 && ts.ticks[i].value <= 5100 &&
            ts.ticks[i].label[0])
            labelled++;
    RP_CHECK_MSG(labelled >= 3, "%d labelled ticks in 4900..5100", labelled);
}

/* A short vertical axis tall enough for two labels shows two, not the lone "0" of the step whose
 * ticks are far enough apart: every other tick of a denser step ("-0.5" and "0.5" around 0). */
static void test_numeric_two_labels(void)
{
    static const struct {
        double lo, hi;
        float px;
    } cases[] = {{-0.6, 0.6, 40}, {-1.4, 1.6, 36}, {-0.061, 0.058, 44}, {-3.2, 4.3, 46}};
    for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
        rp_tick_request req = {.lo = cases[c].lo,
                               .hi = cases[c].hi,
                               .axis_px = cases[c].px,
                               .vertical = true,
                               .label_height = 11,
                               .min_gap_px = 11};
        rp_tick_set ts;
        int n = rp_ticks_numeric(&req, &ts);
        int majors = 0;
        for (int i = 0; i < ts.count; i++) majors += ts.ticks[i].major;
        RP_CHECK_MSG(n >= 2 && majors >= 2, "%g .. %g in %g px: %d labels (%s ...)", cases[c].lo,
                     cases[c].hi, cases[c].px, majors, ts.count ? ts.ticks[0].label : "");
        double px_per = cases[c].px / (cases[c].hi - cases[c].lo), prev = -1e300;
        for (int i = 0; i < ts.count; i++) { /* each inside, and 22 px apart at least */
            if (!ts.ticks[i].major) continue;
            double at = (ts.ticks[i].value - cases[c].lo) * px_per;
            RP_CHECK(ts.ticks[i].value >= cases[c].lo && ts.ticks[i].value <= cases[c].hi);
            RP_CHECK_MSG(at - prev >= 22 - 1e-3, "labels %g px apart", at - prev);
            prev = at;
        }
    }
    /* too short for two labels a round step apart at the full gap: two a quarter label height
     * apart (the sensor panel of `ringplot --demo` with three view panels showed "4" alone) */
    rp_tick_set one;
    rp_tick_request r1 = {.lo = -0.3,
                          .hi = 0.4,
                          .axis_px = 30,
                          .vertical = true,
                          .label_height = 11,
                          .min_gap_px = 11};
    RP_CHECK_EQ_INT(rp_ticks_numeric(&r1, &one), 2);
    RP_CHECK_MSG(!strcmp(one.ticks[0].label, "-0.25"), "%s", one.ticks[0].label);
    RP_CHECK_MSG(!strcmp(one.ticks[1].label, "0.25"), "%s", one.ticks[1].label);
    r1.lo = 21.2;
    r1.hi = 22.9;
    r1.axis_px = 34;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&r1, &one), 2);
    RP_CHECK_MSG(!strcmp(one.ticks[0].label, "21.5"), "%s", one.ticks[0].label);
    RP_CHECK_MSG(!strcmp(one.ticks[1].label, "22.5"), "%s", one.ticks[1].label);
    r1.lo = 0.3;
    r1.hi = 4.6;
    r1.axis_px = 40;
    r1.label_height = r1.min_gap_px = 12;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&r1, &one), 2);
    RP_CHECK_MSG(!strcmp(one.ticks[0].label, "2"), "%s", one.ticks[0].label);
    RP_CHECK_MSG(!strcmp(one.ticks[1].label, "4"), "%s", one.ticks[1].label);
    r1.lo = -4;
    r1.hi = 13;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&r1, &one), 2);
    RP_CHECK_MSG(!strcmp(one.ticks[0].label, "0"), "%s", one.ticks[0].label);
    RP_CHECK_MSG(!strcmp(one.ticks[1].label, "10"), "%s", one.ticks[1].label);
    r1.lo = -0.8; /* three would fit 15 px apart ("0", "2", "4"): crowded, two are drawn */
    r1.hi = 4.5;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&r1, &one), 2);
    RP_CHECK_MSG(!strcmp(one.ticks[0].label, "1"), "%s", one.ticks[0].label);
    RP_CHECK_MSG(!strcmp(one.ticks[1].label, "3"), "%s", one.ticks[1].label);
    /* not even that: one label, not 0 */
    rp_tick_request req = {.lo = -0.6,
                           .hi = 0.6,
                           .axis_px = 12,
                           .vertical = true,
                           .label_height = 11,
                           .min_gap_px = 11};
    rp_tick_set ts;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&req, &ts), 1);
    RP_CHECK_MSG(!strcmp(ts.ticks[0].label, "0.5"), "%s", ts.ticks[0].label);
    req.lo = 21.2;
    req.hi = 22.9;
    req.axis_px = 13;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&req, &ts), 1);
    RP_CHECK_MSG(!strcmp(ts.ticks[0].label, "22"), "%s", ts.ticks[0].label);
}

/* A value that is a whole multiple of a round step 1, 2, 2.5 or 5 x 10^j. */
static bool round_step(double step)
{
    double m = step / pow(10.0, floor(log10(step) + 1e-9));
    static const double nice[] = {1, 2, 2.5, 5, 10};
    for (int i = 0; i < 5; i++)
        if (fabs(m - nice[i]) < 1e-6 * nice[i]) return true;
    return false;
}

/* Ticks fall on round values whatever the zoom (QA read "4.0", "0.5", "-3.0" on a zoomed XY
 * panel's short y axis: every 7th tick of step 0.5): over thousands of ranges and short and long
 * axes, the majors are evenly spaced by a round step, on multiples of half of it ("-1" and "1"
 * of step 2). A short axis around 0 that keeps one label keeps a non-zero one, so that
 * amplitudes of 1e-3 and 1e6 read differently (QA: fourteen panels each showed a lone "0"). */
static void test_numeric_round_steps(void)
{
    rng_state = 0x5eedu;
    int failed = 0;
    for (int i = 0; i < 20000 && failed < 5; i++) {
        double span = pow(10.0, -6.0 + 12.0 * rng_unit());
        double lo = (rng_unit() * 4 - 2) * span;
        float px = (float)(14 + 300 * rng_unit() * rng_unit());
        rp_tick_request req = {.lo = lo,
                               .hi = lo + span,
                               .axis_px = px,
                               .vertical = true,
                               .label_height = 13,
                               .min_gap_px = 6};
        rp_tick_set ts;
        int n = rp_ticks_numeric(&req, &ts);
        double v[RP_MAX_TICKS];
        int nm = 0;
        for (int k = 0; k < n; k++)
            if (ts.ticks[k].major) v[nm++] = ts.ticks[k].value;
        bool ok = nm >= 1;
        if (nm >= 2) {
            double step = v[1] - v[0];
            ok = round_step(step);
            for (int k = 2; k < nm && ok; k++) ok = fabs((v[k] - v[k - 1]) - step) <= 1e-6 * step;
            double q = v[0] / step;
            ok = ok && fabs(2 * q - round(2 * q)) < 1e-6; /* on multiples of half the step */
        } else if (nm == 1) {
            ok = v[0] != 0 || !(req.lo < 0 && req.hi > 0);
        }
        if (!ok) {
            failed++;
            RP_CHECK_MSG(false, "%.9g .. %.9g in %g px: %d majors %s %s %s", req.lo, req.hi, px, nm,
                         n > 0 ? ts.ticks[0].label : "", n > 1 ? ts.ticks[1].label : "",
                         n > 2 ? ts.ticks[2].label : "");
        }
    }
    /* the QA's axis: a zoomed XY panel's y, about -3.2 .. 4.3 in 46 px */
    rp_tick_request req = {.lo = -3.2,
                           .hi = 4.3,
                           .axis_px = 46,
                           .vertical = true,
                           .label_height = 13,
                           .min_gap_px = 6};
    rp_tick_set ts;
    int n = rp_ticks_numeric(&req, &ts);
    RP_CHECK_MSG(n >= 2 && round_step(ts.ticks[1].value - ts.ticks[0].value), "%d: %s %s", n,
                 ts.ticks[0].label, n > 1 ? ts.ticks[1].label : "");
    /* one label around 0: not "0" but the amplitude */
    req = (rp_tick_request){
        .lo = -1.1e-3, .hi = 1.1e-3, .axis_px = 12, .vertical = true, .label_height = 13};
    RP_CHECK_EQ_INT(rp_ticks_numeric(&req, &ts), 1);
    RP_CHECK_MSG(ts.ticks[0].value == 1e-3, "%g (%s)", ts.ticks[0].value, ts.ticks[0].label);
    req.lo = -1.1e6;
    req.hi = 1.1e6;
    RP_CHECK_EQ_INT(rp_ticks_numeric(&req, &ts), 1);
    RP_CHECK_MSG(ts.ticks[0].value == 1e6, "%g (%s)", ts.ticks[0].value, ts.ticks[0].label);
}

/* A label or read-out that is zero with a sign: "-0", "-0.0 s", "-0:00:00" (no digit 1..9). */
static bool negative_zero(const char *s)
{
    if (s[0] != '-') return false;
    for (const char *p = s + 1; *p && *p != ' ' && *p != 'e'; p++)
        if (*p >= '1' && *p <= '9') return false;
    return true;
}

/* No tick label or read-out is a negative zero (QA saw "-0:00:00" as the rightmost tick of an
 * opened 76 s recording, though its own screenshots read "0:00:00"): the formatters print whole
 * multiples of a step from integers, and the read-outs drop the sign of a rounded zero. Ranges
 * ending at, just before and just after zero, as a view that ends at its newest sample has. */
static void test_no_negative_zero(void)
{
    expect_labels("a 76 s recording's view", request(-76.03, 0, 1100), RP_TIME_RELATIVE, "",
                  LABELS("-0:01:10", "-0:01:00", "-0:00:50", "-0:00:40", "-0:00:30", "-0:00:20",
                         "-0:00:10", "0:00:00"));
    rng_state = 0x2e60u;
    int failed = 0;
    for (int i = 0; i < 20000; i++) {
        double span = pow(10.0, -10.0 + 16.0 * rng_unit());
        double end = (rng_next() % 2 ? -1 : 1) * span * pow(10.0, -12.0 * rng_unit());
        if (rng_next() % 4 == 0) end = 0;
        rp_tick_request req = request(end - span, end, (float)(200.0 + 1800.0 * rng_unit()));
        rp_tick_set s;
        int n = i % 2 ? rp_ticks_time(&req, RP_TIME_RELATIVE, &s) : rp_ticks_numeric(&req, &s);
        for (int k = 0; k < n && k < s.count; k++)
            if (negative_zero(s.ticks[k].label) && failed++ < 5)
                fprintf(stderr, "[%.17g, %.17g]: label '%s'\n", req.lo, req.hi, s.ticks[k].label);
        double v = -span * pow(10.0, -8.0 * rng_unit());
        char buf[64];
        rp_format_readout(v, span / 1000, buf, (int)sizeof buf);
        if (negative_zero(buf) && failed++ < 5) fprintf(stderr, "readout %.17g: '%s'\n", v, buf);
        rp_format_cell(v, span / 1000, 8, buf, (int)sizeof buf);
        if (negative_zero(buf) && failed++ < 5) fprintf(stderr, "cell %.17g: '%s'\n", v, buf);
        rp_format_value(v, span / 1000, buf, (int)sizeof buf);
        if (negative_zero(buf) && failed++ < 5) fprintf(stderr, "value %.17g: '%s'\n", v, buf);
    }
    RP_CHECK_MSG(failed == 0, "%d negative zeros", failed);
}

int main(void)
{
    test_no_negative_zero();
    test_numeric_two_labels();
    test_numeric_round_steps();
    test_scales();
    test_format_readout();
    test_format_cell();
    test_numeric_cases();
    test_numeric_sweep();
    test_time_relative();
    test_time_wall();
    test_time_local();
    test_format_value();
    return rp_test_finish();
}
