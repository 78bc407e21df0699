/* Recording files: a recording read back through the file's pyramid gives exactly the core's
 * answers (decimation, y range, nearest sample) for the same samples; crash (kill -9) after a
 * flush keeps everything flushed; a truncated or damaged file opens and holds a prefix; a full
 * disk stops the recording without touching the series; overrun samples are counted and become
 * NaN gaps with x kept exact; exports. */
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "core/minmax.h"
#include "core/series_hold.h"
#include "io/parse.h"
#include "record/reader_internal.h"
#include "ringplot.h"
#include "rp_test.h"

static char dir[256];

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static uint32_t rng = 12345u;
static uint32_t next_rand(void)
{
    rng ^= rng << 13;
    rng ^= rng >> 17;
    rng ^= rng << 5;
    return rng;
}

/* A signal with NaN gaps, ±Inf spikes and repeated extremes (first-occurrence rules matter). */
static float sample_value(int64_t i)
{
    if (i % 100003 < 40) return NAN;
    if (i % 250007 == 7) return INFINITY;
    if (i % 250007 == 9) return -INFINITY;
    if (i % 77777 == 0) return 5.0f;
    /* volatile: never folded at compile time (clang folds sinf of a constant with its own
     * rounding, one ulp from libm's: sample_value(12346) then differed from what was pushed) */
    volatile float x = (float)i * 0.001f;
    return sinf(x) * (float)(1 + (i / 1000) % 7) + (float)((i * 2654435761u) % 1000) * 1e-4f;
}

/* rp_series_range_stats of a recording's series (asked again while its moments are pending, at
 * most `calls` times) equals the in-memory series' over [x0, x1]: count, finite, flags, x and
 * extremes exactly, the moments to 1e-9 (they are summed in another order). */
static bool same_stats(const rp_series *mem, const rp_series *file, double x0, double x1, int calls)
{
    rp_range_stats m, f;
    if (rp_series_range_stats(mem, x0, x1, &m) != RP_OK) return false;
    do {
        if (rp_series_range_stats(file, x0, x1, &f) != RP_OK) return false;
    } while (f.pending > 0 && --calls > 0);
    bool ok = f.pending == 0 && m.count == f.count && m.finite == f.finite && m.flags == f.flags;
    ok = ok && (m.count == 0 || (m.x_first == f.x_first && m.x_last == f.x_last));
    if (m.finite > 0) {
        double tol = 1e-9 * (1.0 + fabs(m.rms));
        ok = ok && m.min == f.min && m.max == f.max && m.peak_to_peak == f.peak_to_peak &&
             fabs(m.mean - f.mean) <= tol && fabs(m.rms - f.rms) <= tol &&
             fabs(m.stddev - f.stddev) <= tol;
    }
    if (!ok)
        fprintf(stderr,
                "stats [%.6f, %.6f]: n %lld/%lld finite %lld/%lld mean %.12g/%.12g std "
                "%.12g/%.12g pending %lld\n",
                x0, x1, (long long)m.count, (long long)f.count, (long long)m.finite,
                (long long)f.finite, m.mean, f.mean, m.stddev, f.stddev, (long long)f.pending);
    return ok;
}

static void push_pattern(rp_series *s, int64_t first, int64_t n)
{
    static float buf[65536];
    for (int64_t i = 0; i < n;) {
        int64_t k = n - i < 65536 ? n - i : 65536;
        for (int64_t j = 0; j < k; j++) buf[j] = sample_value(first + i + j);
        rp_push(s, buf, k);
        i += k;
    }
}

/* A series of n pattern samples at `rate` (held whole in memory, *mem) recorded to `file` in the
 * test directory and opened again (*rd). */
static bool record_pattern(const char *file, const char *name, int64_t n, double rate,
                           rp_series **mem, rp_recording **rd)
{
    char path[512];
    path_in(path, sizeof path, file);
    rp_recorder *rec = NULL;
    if (rp_series_create(&(rp_series_desc){.name = name, .capacity = n, .rate = rate}, mem) !=
            RP_OK ||
        rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) != RP_OK)
        return false;
    rp_recorder_add_series(rec, *mem, NULL);
    push_pattern(*mem, 0, n);
    rp_recorder_destroy(rec);
    return rp_recording_open(path, NULL, rd) == RP_OK;
}

static bool same_m4(const rp_m4 *a, const rp_m4 *b)
{
    bool finite = a->flags & RP_M4_FINITE;
    return a->start == b->start && a->end == b->end && a->first_i == b->first_i &&
           a->last_i == b->last_i && a->flags == b->flags && memcmp(&a->first, &b->first, 4) == 0 &&
           memcmp(&a->last, &b->last, 4) == 0 && a->first_x == b->first_x &&
           a->last_x == b->last_x &&
           (!finite || (a->min == b->min && a->max == b->max && a->min_i == b->min_i &&
                        a->max_i == b->max_i && a->min_x == b->min_x && a->max_x == b->max_x));
}

static rp_m4 out_a[4100], out_b[4100];

/* The same view of both series must decimate to the same columns. */
static bool same_view(rp_series *mem, rp_series *file, double x0, double x1, int width, bool skip)
{
    rp_decimation a = {.out = out_a, .out_capacity = 4100, .skip_extreme_index = skip};
    rp_decimation b = {.out = out_b, .out_capacity = 4100, .skip_extreme_index = skip};
    rp_status sa = rp_decimate(mem, x0, x1, width, &a), sb = rp_decimate(file, x0, x1, width, &b);
    if (sa != sb || a.count != b.count || a.raw != b.raw || a.column_dx != b.column_dx ||
        a.first_column != b.first_column || a.has_before != b.has_before ||
        a.has_after != b.has_after) {
        fprintf(stderr, "view [%.17g, %.17g] w %d: status %d/%d count %d/%d raw %d/%d\n", x0, x1,
                width, sa, sb, a.count, b.count, a.raw, b.raw);
        return false;
    }
    for (int i = 0; i < a.count; i++)
        if (!same_m4(&a.out[i], &b.out[i])) {
            fprintf(
                stderr,
                "view [%.17g, %.17g] w %d: column %d differs (start %lld/%lld min_i %lld/%lld)\n",
                x0, x1, width, i, (long long)a.out[i].start, (long long)b.out[i].start,
                (long long)a.out[i].min_i, (long long)b.out[i].min_i);
            return false;
        }
    if (a.has_before && !same_m4(&a.before, &b.before)) return false;
    if (a.has_after && !same_m4(&a.after, &b.after)) return false;
    return true;
}

#define N_SAMPLES 3200000

static void test_round_trip_matches_core(void)
{
    char path[512];
    path_in(path, sizeof path, "round.rpr");
    rp_series *mem = NULL, *ts = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(
            &(rp_series_desc){.name = "volts", .capacity = N_SAMPLES, .rate = 1000, .t0 = 5},
            &mem) == RP_OK);
    RP_REQUIRE_VOID(
        rp_series_create(
            &(rp_series_desc){.name = "stamped", .capacity = 100000, .timestamps = true}, &ts) ==
        RP_OK);
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, mem, "V") == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, mem, "V") == RP_ERR_INVALID_ARG); /* twice */
    RP_CHECK(rp_recorder_add_series(rec, ts, NULL) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, ts, "a unit that is far too long to be kept") ==
             RP_ERR_LIMIT);
    for (int64_t i = 0; i < N_SAMPLES; i += 400000) {
        push_pattern(mem, i, 400000);
        if (i == 800000) RP_CHECK(rp_recorder_flush(rec) == RP_OK);
    }
    double x[1000];
    float v[1000];
    for (int k = 0; k < 50; k++) {
        for (int j = 0; j < 1000; j++) {
            x[j] = (k * 1000 + j) * 0.01 + (j % 3) * 0.001;
            v[j] = (float)(k * 1000 + j);
        }
        rp_push_timed(ts, x, v, 1000);
    }
    rp_recorder_stats rs = rp_recorder_stats_get(rec);
    rp_recorder_destroy(rec);
    RP_CHECK(rs.write_errors == 0 && !rs.failed);

    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    rp_recording_stats st = rp_recording_stats_get(rd);
    RP_CHECK(st.indexed);
    RP_CHECK_EQ_INT(st.samples, N_SAMPLES + 50000);
    RP_CHECK_EQ_INT(rp_recording_series_count(rd), 2);
    rp_recording_series_info info;
    RP_CHECK(rp_recording_series_info_get(rd, 0, &info) == RP_OK);
    RP_CHECK(strcmp(info.name, "volts") == 0 && strcmp(info.unit, "V") == 0 && info.rate == 1000 &&
             info.t0 == 5);
    RP_CHECK(rp_recording_series_info_get(rd, 1, &info) == RP_OK && info.timestamps &&
             info.samples == 50000);
    RP_CHECK(rp_recording_series_info_get(rd, 2, &info) == RP_ERR_INVALID_ARG);
    /* file size: about 4.4 bytes a sample (samples + the pyramid) */
    double per_sample = (double)st.file_bytes / (double)st.samples;
    RP_CHECK_MSG(per_sample < 4.6, "%.3f bytes per sample", per_sample);

    rp_series *file = rp_recording_series(rd, 0);
    RP_REQUIRE_VOID(file != NULL);
    RP_CHECK(rp_push(file, (float[1]){1}, 1) == RP_ERR_UNSUPPORTED);
    RP_CHECK_EQ_INT(rp_series_stats_get(file).accepted, N_SAMPLES);

    /* every sample, bit for bit */
    static float got[65536];
    bool all_same = true;
    for (int64_t i = 0; i < N_SAMPLES && all_same; i += 65536) {
        int64_t n = N_SAMPLES - i < 65536 ? N_SAMPLES - i : 65536;
        RP_CHECK(rp_recording_read(rd, 0, i, n, got, NULL) == RP_OK);
        for (int64_t j = 0; j < n; j++) {
            float want = sample_value(i + j);
            if (memcmp(&want, &got[j], 4) != 0) all_same = false;
        }
    }
    RP_CHECK(all_same);
    RP_CHECK(rp_recording_read(rd, 0, N_SAMPLES - 1, 2, got, NULL) == RP_ERR_INVALID_ARG);

    double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
    RP_CHECK(rp_series_x_extent(mem, &a0, &a1) == RP_OK &&
             rp_series_x_extent(file, &b0, &b1) == RP_OK);
    RP_CHECK(a0 == b0 && a1 == b1);
    /* views from the whole recording down to single samples, seeded */
    int same = 0, views = 0;
    double span_all = a1 - a0;
    for (int k = 0; k < 400; k++, views++) {
        double span = span_all * pow(10.0, -(double)(next_rand() % 7000) / 1000.0) * 1.1;
        double x0 = a0 - span * 0.05 + (double)(next_rand() % 100000) / 100000.0 * span_all;
        int width = 1 + (int)(next_rand() % 2000);
        bool skip = next_rand() & 1;
        if (same_view(mem, file, x0, x0 + span, width, skip)) same++;
        float m0, m1, f0, f1;
        bool fm, ff;
        rp_series_y_range(mem, x0, x0 + span, &m0, &m1, &fm);
        rp_series_y_range(file, x0, x0 + span, &f0, &f1, &ff);
        if (fm != ff || (fm && (m0 != f0 || m1 != f1))) same--;
        int64_t im, iff;
        double xm, xf;
        float vm, vf;
        rp_series_sample_near(mem, x0, &im, &xm, &vm);
        rp_series_sample_near(file, x0, &iff, &xf, &vf);
        if (im != iff || xm != xf || memcmp(&vm, &vf, 4) != 0) same--;
        if (!same_stats(mem, file, x0, x0 + span, 1)) same--; /* < 2^22 samples: at once */
    }
    RP_CHECK_EQ_INT(same, views);
    RP_CHECK(same_stats(mem, file, a0, a1, 1));
    RP_CHECK(same_stats(mem, file, a1 + 1, a1 + 2, 1));  /* nothing there */
    RP_CHECK(same_view(mem, file, a0, a1, 1000, false)); /* the whole recording */
    RP_CHECK(same_view(mem, file, a0, a1, 1, false));

    /* the timestamped series answers like the in-memory one (it holds all 50,000) */
    rp_series *fts = rp_recording_series(rd, 1);
    int same_ts = 0;
    for (int k = 0; k < 100; k++) {
        double x0 = (double)(next_rand() % 500000) / 1000.0 - 10,
               span = (double)(1 + next_rand() % 600000) / 1000.0;
        if (same_view(ts, fts, x0, x0 + span, 1 + (int)(next_rand() % 1500), false)) same_ts++;
    }
    RP_CHECK_EQ_INT(same_ts, 100);
    rp_recording_close(rd);
    rp_recording_close(rd); /* stale: ignored */
    rp_series_destroy(mem);
    rp_series_destroy(ts);
}

/* The statistics table of an opened recording: a range of more than RP_RECORDING_STATS_SCAN
 * samples gives count and extremes at once and its moments over two calls (the first sums what
 * the budget allows and says how many are pending), then from the kept block sums at once. */
static void test_stats_over_calls(void)
{
    const int64_t n = RP_RECORDING_STATS_SCAN + 40 * 16384 + 123;
    rp_series *mem = NULL;
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(record_pattern("stats.rpr", "s", n, 1e3, &mem, &rd));
    rp_series *file = rp_recording_series(rd, 0);
    double a0, a1;
    rp_series_x_extent(mem, &a0, &a1);
    rp_range_stats m, f;
    RP_CHECK(rp_series_range_stats(mem, a0, a1, &m) == RP_OK && m.pending == 0);
    RP_CHECK(rp_series_range_stats(file, a0, a1, &f) == RP_OK);
    RP_CHECK(f.pending > 0 && f.pending < n && f.finite == -1 && isnan(f.mean) && isnan(f.rms));
    RP_CHECK(f.count == n && f.min == m.min && f.max == m.max && f.flags == m.flags);
    RP_CHECK(same_stats(mem, file, a0, a1, 1));             /* the second call finishes */
    RP_CHECK(same_stats(mem, file, a0 + 0.5, a1 - 0.5, 1)); /* kept sums: at once */
    rp_recording_close(rd);
    rp_series_destroy(mem);
}

/* A child records, flushes, and is killed with SIGKILL: everything flushed is in the file. */
static void test_kill_after_flush(void)
{
    char path[512];
    path_in(path, sizeof path, "killed.rpr");
    pid_t pid = fork();
    if (pid == 0) {
        rp_series *s = NULL;
        rp_recorder *rec = NULL;
        rp_series *quiet_one = NULL; /* added first, never pushed: its SERIES block still leads */
        if (rp_series_create(&(rp_series_desc){.name = "quiet", .capacity = 1024}, &quiet_one) !=
                RP_OK ||
            rp_series_create(&(rp_series_desc){.name = "k", .capacity = 1 << 20}, &s) != RP_OK ||
            rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) != RP_OK ||
            rp_recorder_add_series(rec, quiet_one, NULL) != RP_OK ||
            rp_recorder_add_series(rec, s, NULL) != RP_OK)
            _exit(3);
        push_pattern(s, 0, 100000);
        if (rp_recorder_flush(rec) != RP_OK) _exit(4);
        push_pattern(s, 100000, 50000);
        if (rp_recorder_flush(rec) != RP_OK) _exit(4);
        raise(SIGKILL);
        _exit(5);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    RP_REQUIRE_VOID(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    rp_recording_stats st = rp_recording_stats_get(rd);
    RP_CHECK(!st.indexed);
    RP_CHECK_EQ_INT(st.samples, 150000);
    RP_CHECK_EQ_INT(rp_recording_series_count(rd), 2);
    static float got[150000];
    RP_CHECK(rp_recording_read(rd, 1, 0, 150000, got, NULL) == RP_OK);
    int bad = 0;
    for (int i = 0; i < 150000; i++) {
        float want = sample_value(i);
        if (memcmp(&want, &got[i], 4) != 0) bad++;
    }
    RP_CHECK_EQ_INT(bad, 0);
    rp_recording_close(rd);
}

static void quiet(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    (void)user, (void)level, (void)item, (void)message;
}

/* Every cut and a flipped byte: opens (or is refused), holds a prefix of the truth, never more. */
static void test_truncated_and_damaged(void)
{
    char path[512], cut[512];
    path_in(path, sizeof path, "whole.rpr");
    path_in(cut, sizeof cut, "cut.rpr");
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "w", .capacity = 100000}, &s) ==
                    RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    rp_recorder_add_series(rec, s, "m");
    push_pattern(s, 0, 40000);
    rp_recorder_flush(rec);
    push_pattern(s, 40000, 30000);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    FILE *f = fopen(path, "rb");
    RP_REQUIRE_VOID(f);
    static uint8_t whole[1 << 20];
    size_t size = fread(whole, 1, sizeof whole, f);
    fclose(f);
    int opened = 0, prefix_ok = 0, tries = 0;
    static float got[70000];
    for (size_t len = 0; len <= size; len += len < 200 ? 7 : 4099, tries++) {
        for (int damage = 0; damage < 2; damage++) {
            f = fopen(cut, "wb");
            if (damage && len > 100) whole[len / 2] ^= 0x40;
            fwrite(whole, 1, len, f);
            fclose(f);
            if (damage && len > 100) whole[len / 2] ^= 0x40;
            rp_recording *rd = NULL;
            if (rp_recording_open(cut, &(rp_recording_desc){.log = {.func = quiet}}, &rd) != RP_OK)
                continue;
            opened++;
            int64_t n = rp_recording_series_count(rd) ? rp_recording_stats_get(rd).samples : 0;
            bool ok = n <= 70000 && (n == 0 || rp_recording_read(rd, 0, 0, n, got, NULL) == RP_OK);
            for (int64_t i = 0; ok && i < n; i++) {
                float want = sample_value(i);
                ok = memcmp(&want, &got[i], 4) == 0 || got[i] != got[i]; /* damaged: NaN */
            }
            if (ok) prefix_ok++;
            rp_recording_close(rd);
        }
    }
    RP_CHECK(tries > 10 && opened > 10);
    RP_CHECK_EQ_INT(prefix_ok, opened);
    RP_CHECK(rp_recording_open(path, NULL, NULL) == RP_ERR_INVALID_ARG);
    char missing[512];
    path_in(missing, sizeof missing, "missing.rpr");
    rp_recording *rd = NULL;
    RP_CHECK(rp_recording_open(missing, NULL, &rd) == RP_ERR_IO && rd == NULL);
}

/* A disk that fills up (RLIMIT_FSIZE in a child): reported, counted, the series untouched. */
static void test_full_disk(void)
{
    char path[512];
    path_in(path, sizeof path, "full.rpr");
    pid_t pid = fork();
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        struct rlimit lim = {300000, 300000};
        setrlimit(RLIMIT_FSIZE, &lim);
        rp_series *s = NULL;
        rp_recorder *rec = NULL;
        if (rp_series_create(&(rp_series_desc){.name = "f", .capacity = 1 << 20}, &s) != RP_OK ||
            rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) != RP_OK ||
            rp_recorder_add_series(rec, s, NULL) != RP_OK)
            _exit(3);
        push_pattern(s, 0, 500000);
        rp_status st = rp_recorder_flush(rec);
        rp_recorder_stats rs = rp_recorder_stats_get(rec);
        rp_series_stats ss = rp_series_stats_get(s);
        int code = st == RP_ERR_IO && rs.failed && rs.write_errors >= 1 &&
                           rs.samples_lost + rs.samples_written == 500000 &&
                           ss.retained == 500000 &&
                           strstr(rp_recorder_last_error(rec), "write failed")
                       ? 0
                       : 6;
        rp_recorder_destroy(rec);
        rp_series_destroy(s);
        _exit(code);
    }
    int status = 0;
    waitpid(pid, &status, 0);
    RP_CHECK(WIFEXITED(status) && WEXITSTATUS(status) == 0);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    rp_recording_stats st = rp_recording_stats_get(rd);
    RP_CHECK_MSG(!st.indexed && st.samples > 0 && st.samples < 500000 && st.file_bytes <= 300000,
                 "indexed %d samples %lld bytes %lld", st.indexed, (long long)st.samples,
                 (long long)st.file_bytes);
    rp_recording_close(rd);
}

/* A series that outruns the recorder: counted, and a uniform series keeps exact x (NaN gap). */
static void test_overrun_counted(void)
{
    char path[512];
    path_in(path, sizeof path, "overrun.rpr");
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "o", .capacity = 1024}, &s) ==
                    RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    rp_recorder_add_series(rec, s, NULL);
    push_pattern(s, 0, 200000);
    rp_recorder_flush(rec);
    rp_recorder_stats rs = rp_recorder_stats_get(rec);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    RP_CHECK_EQ_INT(rs.samples_written + rs.samples_lost, 200000);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    RP_CHECK_EQ_INT(rp_recording_stats_get(rd).samples, 200000); /* numbering kept */
    static float got[200000];
    RP_CHECK(rp_recording_read(rd, 0, 0, 200000, got, NULL) == RP_OK);
    int64_t wrong = 0, gaps = 0;
    for (int i = 0; i < 200000; i++) {
        float want = sample_value(i);
        if (got[i] != got[i] && want == want)
            gaps++;
        else if (memcmp(&want, &got[i], 4) != 0)
            wrong++;
    }
    RP_CHECK_EQ_INT(wrong, 0);
    RP_CHECK(gaps <= rs.samples_lost);
    rp_recording_close(rd);
}

/* A series held for the recorder (as the ingest holds every series of `ringplot --record`) is
 * recorded from its hold, not from what its ring holds when the recorder attaches: samples a
 * producer overwrote before (one that cannot wait) are counted as lost and read back as NaN,
 * never silently left out (the file held only the last ring, with "0 lost"). The recorder moves
 * the hold as it copies, and lets go of it when it finishes; finished, its counters are final. */
static void test_held_from_first_sample(void)
{
    char path[512];
    path_in(path, sizeof path, "held.rpr");
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "h", .capacity = 1024}, &s) ==
                    RP_OK);
    rp_series_hold(s, 0);
    RP_CHECK_EQ_INT(rp_series_hold_room(s), 1024);
    push_pattern(s, 0, 3000); /* rp_push never waits: 1976 overwritten before the recorder came */
    RP_CHECK_EQ_INT(rp_series_hold_room(s), 0);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    RP_CHECK(rp_recorder_flush(rec) == RP_OK); /* a whole round: everything pushed is copied */
    RP_CHECK_EQ_INT(rp_series_held(s), 3000);
    RP_CHECK_EQ_INT(rp_series_hold_room(s), 1024);
    push_pattern(s, 3000, 500);
    RP_CHECK(rp_recorder_finish(rec) == RP_OK);
    RP_CHECK_EQ_INT(rp_series_held(s), RP_NO_HOLD); /* its producer never waits for it again */
    rp_recorder_stats rs = rp_recorder_stats_get(rec);
    RP_CHECK_EQ_INT(rs.samples_written, 3000 - 1976 + 500);
    RP_CHECK_EQ_INT(rs.samples_lost, 1976);
    struct stat st;
    RP_CHECK(stat(path, &st) == 0 && st.st_size == rs.bytes_written); /* final: index included */
    push_pattern(s, 3500, 100);                /* after the finish: not recorded, not counted */
    RP_CHECK(rp_recorder_flush(rec) == RP_OK); /* returns at once: nothing left to write */
    RP_CHECK(rp_recorder_add_series(rec, s, NULL) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(rp_recorder_stats_get(rec).samples_written, rs.samples_written);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    RP_CHECK_EQ_INT(rp_recording_stats_get(rd).samples, 3500); /* from sample 0, numbering kept */
    static float got[3500];
    RP_CHECK(rp_recording_read(rd, 0, 0, 3500, got, NULL) == RP_OK);
    int64_t nan_lost = 0, wrong = 0;
    for (int i = 0; i < 3500; i++) {
        float want = sample_value(i);
        if (i < 1976)
            nan_lost += isnan(got[i]);
        else if (memcmp(&want, &got[i], 4) != 0)
            wrong++;
    }
    RP_CHECK_EQ_INT(nan_lost, 1976);
    RP_CHECK_EQ_INT(wrong, 0);
    rp_recording_close(rd);
}

/* Samples lost inside a timestamped series read back as a gap, not as a line drawn across the
 * hole. Deterministic loss: rp_push_timed publishes runs of 256 samples, and a ring of 64 keeps
 * only the last 64 of each, whenever the recorder looks. */
static void test_timed_loss_is_gap(void)
{
    char path[512];
    path_in(path, sizeof path, "timed_loss.rpr");
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "t", .capacity = 64, .timestamps = true}, &s) ==
        RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    static double x[1010];
    static float v[1010];
    for (int i = 0; i < 1010; i++) x[i] = i * 0.001, v[i] = sample_value(i);
    RP_CHECK(rp_push_timed(s, x, v, 10) == RP_OK);
    RP_CHECK(rp_recorder_flush(rec) == RP_OK); /* the first 10 are in */
    RP_CHECK(rp_push_timed(s, x + 10, v + 10, 1000) == RP_OK);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    int64_t n = rp_recording_stats_get(rd).samples;
    RP_CHECK(n >= 10 + 64 && n <= 1010 - 3 * 192); /* each run of 256 lost 192 at least */
    static float got[1010];
    static double gx[1010];
    RP_REQUIRE_VOID(n <= 1010 && rp_recording_read(rd, 0, 0, n, got, gx) == RP_OK);
    int holes = 0;
    for (int64_t i = 1; i < n; i++) holes += gx[i] - gx[i - 1] > 0.0015;
    RP_CHECK(holes >= 1);
    /* raw view of everything: one gap entry per hole, each at the sample after it */
    rp_decimation b = {.out = out_b, .out_capacity = 4100};
    RP_CHECK(rp_decimate(rp_recording_series(rd, 0), -0.0005, 1.0105, 4000, &b) == RP_OK);
    RP_CHECK(b.raw);
    int gaps = 0, gaps_at_holes = 0;
    for (int i = 0; i < b.count; i++) {
        if (!(b.out[i].flags & RP_M4_GAP)) continue;
        gaps++;
        int64_t k = b.out[i].start;
        gaps_at_holes += k > 0 && k < n && gx[k] - gx[k - 1] > 0.0015;
    }
    RP_CHECK_EQ_INT(gaps, holes);
    RP_CHECK_EQ_INT(gaps_at_holes, holes);
    rp_recording_close(rd);
}

/* A borrowed series (the caller's buffer, samples committed) is recorded like any other. */
static void test_borrowed_recorded(void)
{
    char path[512];
    path_in(path, sizeof path, "borrowed.rpr");
    static float buffer[1 << 16];
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "b",
                                                       .unit = "mV",
                                                       .capacity = 1 << 16,
                                                       .borrow = {.data = buffer}},
                                     &s) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    for (int64_t i = 0; i < 300000; i += 1000) { /* the caller writes its ring, then commits */
        for (int64_t j = 0; j < 1000; j++) buffer[(i + j) % (1 << 16)] = sample_value(i + j);
        RP_CHECK(rp_series_commit(s, 1000) == RP_OK);
        if (i % 20000 == 0) rp_recorder_flush(rec); /* stay well within the ring */
    }
    rp_recorder_stats rs = rp_recorder_stats_get(rec);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    RP_CHECK_EQ_INT(rs.samples_lost, 0);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    rp_recording_series_info info;
    RP_CHECK(rp_recording_series_info_get(rd, 0, &info) == RP_OK && info.samples == 300000 &&
             !strcmp(info.unit, "mV"));
    RP_CHECK(!strcmp(rp_series_unit(rp_recording_series(rd, 0)), "mV"));
    static float got[300000];
    RP_CHECK(rp_recording_read(rd, 0, 0, 300000, got, NULL) == RP_OK);
    int bad = 0;
    for (int i = 0; i < 300000; i++) {
        float want = sample_value(i);
        if (memcmp(&want, &got[i], 4) != 0) bad++;
    }
    RP_CHECK_EQ_INT(bad, 0);
    rp_recording_close(rd);
}

/* A series and a recorder of it into the scratch file `name` (path gets its path). */
static bool start_recording(const char *name, rp_series_desc sd, rp_recorder_desc rd, char *path,
                            size_t path_size, rp_series **s, rp_recorder **rec)
{
    path_in(path, path_size, name);
    rd.path = path;
    *s = NULL;
    *rec = NULL;
    bool ok = rp_series_create(&sd, s) == RP_OK && rp_recorder_create(&rd, rec) == RP_OK &&
              rp_recorder_add_series(*rec, *s, NULL) == RP_OK;
    if (!ok) {
        rp_recorder_destroy(*rec);
        rp_series_destroy(*s);
    }
    return ok;
}

/* A piecewise-uniform series (rp_push_segment) recorded with keep_x keeps every sample's x. */
static void test_segments_keep_x(void)
{
    char path[512];
    rp_series *s;
    rp_recorder *rec;
    RP_REQUIRE_VOID(start_recording(
        "segments.rpr", (rp_series_desc){.name = "seg", .capacity = 1 << 18, .rate = 100},
        (rp_recorder_desc){.keep_x = true}, path, sizeof path, &s, &rec));
    push_pattern(s, 0, 50000);
    RP_CHECK(rp_push_segment(s, 1000.0, 250) == RP_OK); /* a gap, then a faster rate */
    push_pattern(s, 50000, 50000);
    rp_recorder_destroy(rec);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    rp_series *file = rp_recording_series(rd, 0);
    double a0 = 0, a1 = 0, b0 = 0, b1 = 0;
    RP_CHECK(rp_series_x_extent(s, &a0, &a1) == RP_OK &&
             rp_series_x_extent(file, &b0, &b1) == RP_OK);
    RP_CHECK(a0 == b0 && a1 == b1 && a1 > 1000);
    /* every sample keeps its x: 100 per unit from 0, then 250 per unit from 1000 */
    static float v[100000];
    static double x[100000];
    RP_CHECK(rp_recording_read(rd, 0, 0, 100000, v, x) == RP_OK);
    int wrong = 0;
    for (int i = 0; i < 100000; i++) {
        double want = i < 50000 ? i / 100.0 : 1000.0 + (i - 50000) / 250.0;
        if (fabs(x[i] - want) > 1e-9 * (1 + want)) wrong++;
    }
    RP_CHECK_EQ_INT(wrong, 0);
    rp_recording_close(rd);
    rp_series_destroy(s);
}

/* Destroy right after a big push: the recorder copies everything still in the ring. */
static void test_destroy_drains(void)
{
    char path[512];
    path_in(path, sizeof path, "drain.rpr");
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "d", .capacity = 1 << 23}, &s) ==
                    RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    rp_recorder_add_series(rec, s, NULL);
    push_pattern(s, 0, 4000000);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    RP_CHECK_EQ_INT(rp_recording_stats_get(rd).samples, 4000000);
    float last;
    RP_CHECK(rp_recording_read(rd, 0, 3999999, 1, &last, NULL) == RP_OK &&
             last == sample_value(3999999));
    rp_recording_close(rd);
}

static void test_export(void)
{
    char path[512], csv[512], raw[512];
    path_in(path, sizeof path, "round.rpr");
    path_in(csv, sizeof csv, "out.csv");
    path_in(raw, sizeof raw, "out.f32");
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    /* a range: x 5 + [1.0, 1.009] s of 'volts' at 1 kHz = samples 1000..1009 */
    RP_CHECK(rp_recording_export_csv(rd, 6.0, 6.009, csv) == RP_OK);
    FILE *f = fopen(csv, "r");
    RP_REQUIRE_VOID(f);
    char line[256];
    RP_CHECK(fgets(line, sizeof line, f) && strcmp(line, "seconds,volts [V],stamped\n") == 0);
    int rows = 0;
    bool values_ok = true;
    while (fgets(line, sizeof line, f)) {
        double t, a, b = -1;
        int fields = sscanf(line, "%lf,%lf,%lf", &t, &a, &b);
        if ((float)a != sample_value(1000 + rows) || t != 5 + (1000 + rows) / 1000.0)
            values_ok = false;
        /* the stamped series has one sample at x = 6.0 (its index 600, value 600): same line */
        if (rows == 0 ? fields != 3 || b != 600 : fields != 2 || line[strlen(line) - 2] != ',')
            values_ok = false;
        rows++;
    }
    fclose(f);
    RP_CHECK_EQ_INT(rows, 10);
    RP_CHECK(values_ok);
    RP_CHECK(rp_recording_export_raw(rd, 6.0, 6.009, raw) == RP_OK);
    struct stat stt;
    RP_CHECK(stat(raw, &stt) == 0);
    /* 10 of 'volts' + the stamped series' one sample with x in [6, 6.009] (x = 6.0, index 600) */
    RP_CHECK_EQ_INT(stt.st_size, 44);
    RP_CHECK(rp_recording_export_csv(rd, 1, 0, "/nonexistent-dir/x.csv") == RP_ERR_IO);
    rp_recording_close(rd);
}

static rp_log_item last_item;
static void keep_item(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    (void)user, (void)level, (void)message;
    last_item = item;
}

/* Misuse: refused with a status and a numbered log item, stale handles refused safely. */
static void test_misuse(void)
{
    rp_recorder *rec = NULL;
    RP_CHECK(rp_recorder_create(NULL, &rec) == RP_ERR_INVALID_ARG && rec == NULL);
    RP_CHECK(rp_recorder_create(
                 &(rp_recorder_desc){.path = "/nonexistent-dir/x.rpr", .log = {.func = keep_item}},
                 &rec) == RP_ERR_IO);
    RP_CHECK(rec == NULL && last_item == RP_LOGITEM_RECORD_IO);
    RP_CHECK(rp_recorder_create(
                 &(rp_recorder_desc){.path = "x", .flush_ms = -1, .log = {.func = keep_item}},
                 &rec) == RP_ERR_INVALID_ARG);
    char path[512];
    path_in(path, sizeof path, "misuse.rpr");
    RP_REQUIRE_VOID(
        rp_recorder_create(&(rp_recorder_desc){.path = path, .log = {.func = keep_item}}, &rec) ==
        RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, NULL, NULL) == RP_ERR_INVALID_ARG &&
             last_item == RP_LOGITEM_STALE_HANDLE);
    rp_recording *rd = NULL;
    char round[512];
    path_in(round, sizeof round, "round.rpr");
    RP_REQUIRE_VOID(rp_recording_open(round, NULL, &rd) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, rp_recording_series(rd, 0), NULL) == RP_ERR_UNSUPPORTED);
    RP_CHECK(last_item == RP_LOGITEM_WRONG_SERIES_KIND);
    RP_CHECK(rp_recording_series(rd, 5) == NULL && rp_recording_series(rd, -1) == NULL);
    rp_recording_close(rd);
    RP_CHECK(rp_recording_series_count(rd) == 0 && rp_recording_series(rd, 0) == NULL); /* stale */
    RP_CHECK(strcmp(rp_recording_last_error(rd), "not a live recording") == 0);
    RP_CHECK(rp_recorder_flush(rec) == RP_OK);
    rp_recorder_destroy(rec);
    RP_CHECK(rp_recorder_flush(rec) == RP_ERR_INVALID_ARG); /* stale */
    RP_CHECK(rp_recorder_stats_get(rec).flushes == 0);
    rp_recorder_destroy(rec); /* twice: ignored */
    rp_recorder_destroy(NULL);
    RP_CHECK(strcmp(rp_log_item_name(RP_LOGITEM_RECORD_CORRUPT), "RECORD_CORRUPT") == 0);
    /* an empty recording (no series) opens, indexed, with nothing in it */
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    RP_CHECK(rp_recording_stats_get(rd).indexed && rp_recording_series_count(rd) == 0);
    RP_CHECK(rp_recording_export_csv(rd, 1, 0, path) == RP_ERR_INVALID_ARG);
    rp_recording_close(rd);
}

/* --big (ctest test_record_big, label soak: 1.3 GB of memory and a 0.66 GB file): 150 M samples,
 * so two full DIRs, their group and dir summaries, and a tail are used by the queries. */
static void test_big_matches_core(void)
{
    const int64_t n = 150000000;
    rp_series *mem = NULL;
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(record_pattern("big.rpr", "big", n, 1e6, &mem, &rd));
    RP_CHECK(rp_recording_stats_get(rd).indexed && rp_recording_stats_get(rd).samples == n);
    rp_series *file = rp_recording_series(rd, 0);
    double a0, a1;
    rp_series_x_extent(mem, &a0, &a1);
    int same = 0, views = 300;
    for (int k = 0; k < views; k++) {
        double span = (a1 - a0) * pow(10.0, -(double)(next_rand() % 8000) / 1000.0) * 1.1;
        double x0 = a0 - span * 0.05 + (double)(next_rand() % 100000) / 100000.0 * (a1 - a0);
        int width = 1 + (int)(next_rand() % 2000);
        bool skip = next_rand() & 1, ok = same_view(mem, file, x0, x0 + span, width, skip);
        float m0, m1, f0, f1;
        bool fm, ff;
        rp_series_y_range(mem, x0, x0 + span, &m0, &m1, &fm);
        rp_series_y_range(file, x0, x0 + span, &f0, &f1, &ff);
        if (ok && fm == ff && (!fm || (m0 == f0 && m1 == f1))) same++;
    }
    RP_CHECK_EQ_INT(same, views);
    RP_CHECK(same_view(mem, file, a0, a1, 1920, false));
    /* statistics over 2 dirs of 4096 blocks and more: summed over calls, then from the dirs'
     * kept totals at once (the same answer), also for a range from inside a dir to inside
     * another */
    RP_CHECK(same_stats(mem, file, a0, a1, 64));
    RP_CHECK(same_stats(mem, file, a0, a1, 1));
    RP_CHECK(same_stats(mem, file, a0 + 11.5, a1 - 7.25, 1));
    rp_series_destroy(mem);
}

/* Scroll back past the ring: a live series of 50,000 slots recorded with scroll_back holds
 * 400,000 samples; a view of all of them (paused, panned to the start) decimates to contiguous
 * columns from sample 0 whose min, max, first and last are exactly those of the known signal,
 * with no seam where the file's part meets the ring's; the y range covers the older part too. */
static void test_scroll_back(void)
{
    char path[512];
    path_in(path, sizeof path, "scroll.rpr");
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "live", .capacity = 50000, .rate = 1000}, &s) ==
        RP_OK);
    RP_REQUIRE_VOID(
        rp_recorder_create(&(rp_recorder_desc){.path = path, .scroll_back = true}, &rec) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    const int64_t total = 400000;
    for (int64_t i = 0; i < total; i += 10000) { /* the recorder keeps up: nothing is lost */
        push_pattern(s, i, 10000);
        rp_recorder_flush(rec);
    }
    RP_CHECK_EQ_INT(rp_recorder_stats_get(rec).samples_lost, 0);
    for (int width = 700; width <= 1400; width += 700) {
        rp_decimation d = {.out = out_a, .out_capacity = 4100};
        RP_CHECK(rp_decimate(s, 0.0, (double)(total - 1) / 1000.0, width, &d) == RP_OK);
        RP_CHECK(!d.raw);
        RP_CHECK_EQ_INT(d.oldest, 0);
        RP_CHECK(d.count > 0 && d.out[0].start == 0 && d.out[d.count - 1].end == total);
        int64_t bad = 0, seams = 0;
        for (int c = 0; c < d.count; c++) {
            const rp_m4 *e = &d.out[c];
            if (c > 0 && e->start != d.out[c - 1].end) seams++;
            if (e->start >= e->end) continue;
            rp_summary want = rp_summary_empty();
            for (int64_t i = e->start; i < e->end; i++) rp_summary_add(&want, sample_value(i));
            float first = sample_value(e->start), last = sample_value(e->end - 1);
            if (want.flags != e->flags || memcmp(&first, &e->first, 4) != 0 ||
                memcmp(&last, &e->last, 4) != 0 ||
                ((want.flags & RP_M4_FINITE) &&
                 (want.min != e->min || want.max != e->max || sample_value(e->min_i) != e->min ||
                  sample_value(e->max_i) != e->max)))
                bad++;
        }
        RP_CHECK_EQ_INT(seams, 0);
        RP_CHECK_EQ_INT(bad, 0);
    }
    /* a view entirely older than the ring, in raw mode: every sample, in order */
    rp_decimation d = {.out = out_a, .out_capacity = 4100};
    RP_CHECK(rp_decimate(s, 1.0, 1.5, 1000, &d) == RP_OK);
    RP_CHECK(d.raw && d.count == 501 && d.out[0].start == 1000);
    int64_t wrong = 0;
    for (int c = 0; c < d.count; c++) {
        float want = sample_value(1000 + c);
        if (d.out[c].start != 1000 + c || memcmp(&want, &d.out[c].first, 4) != 0) wrong++;
    }
    RP_CHECK_EQ_INT(wrong, 0);
    float lo = 0, hi = 0;
    bool found = false;
    rp_summary want = rp_summary_empty();
    for (int64_t i = 0; i < total; i++) rp_summary_add(&want, sample_value(i));
    RP_CHECK(rp_series_y_range(s, 0.0, (double)total / 1000.0, &lo, &hi, &found) == RP_OK);
    RP_CHECK(found && lo == want.min && hi == want.max);
    /* the nearest sample (crosshair, cursors) too: 12.3456 s is sample 12346 */
    int64_t idx = -1;
    double sx = 0;
    float sv = 0;
    RP_CHECK(rp_series_sample_near(s, 12.3456, &idx, &sx, &sv) == RP_OK);
    float sw = sample_value(12346);
    RP_CHECK(idx == 12346 && fabs(sx - 12.346) < 1e-9 && memcmp(&sv, &sw, 4) == 0);
    rp_recorder_destroy(rec);
    /* without the recorder the view holds the ring only */
    d = (rp_decimation){.out = out_a, .out_capacity = 4100};
    RP_CHECK(rp_decimate(s, 0.0, (double)(total - 1) / 1000.0, 700, &d) == RP_OK);
    RP_CHECK_EQ_INT(d.oldest, total - 50000);
    rp_series_destroy(s);
}

/* A recording that stops (its cap, a full disk) while the ring goes on: the samples between the
 * file's end and the ring's oldest are nowhere; the view draws a gap there, in raw and in column
 * mode, not a line from the file's last sample to the ring's first (a 20 s ramp that was not). */
static void test_scroll_back_hole(void)
{
    char path[512];
    path_in(path, sizeof path, "hole.rpr");
    rp_series *s = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "live", .capacity = 5000, .rate = 1000}, &s) ==
        RP_OK);
    RP_REQUIRE_VOID(
        rp_recorder_create(&(rp_recorder_desc){.path = path, .scroll_back = true}, &rec) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_add_series(rec, s, NULL) == RP_OK);
    for (int64_t i = 0; i < 10000; i += 1000) {
        push_pattern(s, i, 1000);
        rp_recorder_flush(rec);
    }
    RP_REQUIRE_VOID(rp_recorder_finish(rec) == RP_OK); /* the file ends at sample 9999 */
    push_pattern(s, 10000, 5500);                      /* the ring: 10500 .. 15499 */
    /* raw: 9.9 .. 10.6 s holds 100 file samples and 101 ring samples, a gap between */
    rp_decimation d = {.out = out_a, .out_capacity = 4100};
    RP_CHECK(rp_decimate(s, 9.9, 10.6, 1000, &d) == RP_OK);
    RP_CHECK(d.raw);
    int gaps = 0, at = -1;
    for (int c = 0; c < d.count; c++)
        if (d.out[c].flags & RP_M4_GAP) {
            gaps++;
            at = c;
        }
    RP_CHECK_MSG(gaps == 1 && at > 0 && at + 1 < d.count && d.out[at - 1].start == 9999 &&
                     d.out[at + 1].start == 10500,
                 "raw: %d gap entries, at %d", gaps, at);
    /* columns: the first column of the ring's is marked, none joins the file to it */
    d = (rp_decimation){.out = out_a, .out_capacity = 4100};
    RP_CHECK(rp_decimate(s, 0.0, 15.499, 700, &d) == RP_OK);
    RP_CHECK(!d.raw);
    int marked = 0;
    for (int c = 0; c < d.count; c++)
        if (d.out[c].start == 10500 && d.out[c].end > 10500) marked = d.out[c].flags & RP_M4_GAP;
    RP_CHECK_MSG(marked, "the ring's first column is not marked as after a gap");
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
}

/* Scroll back over an arrival-timed series (segments, x kept per sample in the file): a silence
 * older than the ring is a gap there too, and the columns over file and ring cover every sample
 * once, in order, with the known min and max. */
static void test_scroll_back_segments(void)
{
    char path[512];
    rp_series *s;
    rp_recorder *rec;
    RP_REQUIRE_VOID(start_recording(
        "scroll_seg.rpr", (rp_series_desc){.name = "arrivals", .capacity = 8192, .rate = 1000},
        (rp_recorder_desc){.keep_x = true, .scroll_back = true}, path, sizeof path, &s, &rec));
    /* 10 bursts of 4,000 samples at 1 kHz, each 2 s after the previous began (1 s of silence) */
    static float burst[4000];
    for (int k = 0; k < 10; k++) {
        for (int i = 0; i < 4000; i++) burst[i] = sample_value(k * 4000 + i);
        if (k > 0) RP_CHECK(rp_push_segment(s, 5.0 * k, 1000) == RP_OK);
        rp_push(s, burst, 4000);
        rp_recorder_flush(rec);
    }
    RP_CHECK_EQ_INT(rp_recorder_stats_get(rec).samples_lost, 0);
    /* raw: 0.5 s around the first silence (long gone from the ring): one gap entry before 4000 */
    rp_decimation d = {.out = out_a, .out_capacity = 4100};
    RP_CHECK(rp_decimate(s, 3.9, 5.1, 2000, &d) == RP_OK && d.raw);
    int gaps = 0, gap_at = -1;
    for (int c = 0; c < d.count; c++)
        if (d.out[c].flags & RP_M4_GAP) gaps++, gap_at = (int)d.out[c].start;
    RP_CHECK_EQ_INT(gaps, 1);
    RP_CHECK_EQ_INT(gap_at, 4000);
    /* columns over everything */
    d = (rp_decimation){.out = out_a, .out_capacity = 4100};
    RP_CHECK(rp_decimate(s, 0.0, 49.0, 900, &d) == RP_OK && !d.raw);
    int64_t covered = 0, bad = 0, order = 0, marked = 0;
    for (int c = 0; c < d.count; c++) {
        const rp_m4 *e = &d.out[c];
        if (c > 0 && e->start != d.out[c - 1].end) order++;
        if (e->start >= e->end) continue;
        covered += e->end - e->start;
        if (e->start % 4000 == 0 && e->start > 0 && (e->flags & RP_M4_GAP)) marked++;
        rp_summary want = rp_summary_empty();
        for (int64_t i = e->start; i < e->end; i++) rp_summary_add(&want, sample_value(i));
        if ((want.flags & RP_M4_FINITE) && (want.min != e->min || want.max != e->max)) bad++;
    }
    RP_CHECK_EQ_INT(order, 0);
    RP_CHECK_EQ_INT(covered, 40000);
    RP_CHECK_EQ_INT(bad, 0);
    RP_CHECK_EQ_INT(marked, 9); /* each burst after the first starts a column after a gap */
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
}

/* Pushes [first, first + n) of the pattern into both series, flushing the recording every `step`
 * samples so that the recorder keeps up with a small ring (nothing lost). */
static void push_both(rp_series *live, rp_series *mem, rp_recorder *rec, int64_t first, int64_t n,
                      int64_t step)
{
    for (int64_t i = first; i < first + n; i += step) {
        int64_t k = first + n - i < step ? first + n - i : step;
        push_pattern(live, i, k);
        push_pattern(mem, i, k);
        rp_recorder_flush(rec);
    }
}

/* Statistics of a live view that reaches back past the ring into the scroll-back recording: a
 * series of 4,096 slots holding 45,000 and then 60,000 samples (the file's last block still
 * growing, then complete) answers every view, in the file, across file and ring, in the ring,
 * as a series in memory that holds everything. A file cut back (the recorder's disk failed)
 * leaves the ring's samples only. */
static void test_scroll_back_stats(void)
{
    char path[512];
    rp_series *live, *mem = NULL;
    rp_recorder *rec;
    RP_REQUIRE_VOID(start_recording(
        "scroll_stats.rpr", (rp_series_desc){.name = "live", .capacity = 4096, .rate = 1000},
        (rp_recorder_desc){.scroll_back = true}, path, sizeof path, &live, &rec));
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "all", .capacity = 60000, .rate = 1000}, &mem) ==
        RP_OK);
    static const double views[][2] = {
        {-1, 100},        /* everything (NaN from 0 to 39, +Inf at 7, -Inf at 9) */
        {1.0, 30.0},      /* in the file only: two whole blocks and two ends */
        {20.0, 44.0},     /* across the file's part and the ring's */
        {41.0, 44.999},   /* in the ring only (45,000 pushed) */
        {40.9, 40.91},    /* at the seam of 45,000 pushed */
        {32.768, 40.903}, /* the growing block's part in the file */
        {32.768, 49.151}, /* that block, complete once 60,000 are pushed */
        {0.0, 0.039},     /* NaN only */
        {100.0, 200.0},   /* nothing */
    };
    const int n_views = (int)(sizeof views / sizeof views[0]);
    push_both(live, mem, rec, 0, 45000, 4000);
    RP_CHECK_EQ_INT(rp_recorder_stats_get(rec).samples_lost, 0);
    int same = 0;
    for (int v = 0; v < n_views; v++) same += same_stats(mem, live, views[v][0], views[v][1], 1);
    RP_CHECK_EQ_INT(same, n_views);
    rp_range_stats st;
    RP_CHECK(rp_series_range_stats(live, -1, 100, &st) == RP_OK && st.count == 45000);
    push_both(live, mem, rec, 45000, 15000, 4000);
    same = 0;
    for (int v = 0; v < n_views; v++) same += same_stats(mem, live, views[v][0], views[v][1], 1);
    RP_CHECK_EQ_INT(same, n_views);
    /* the file cut back: the follower stops serving it, the ring's 4,096 remain */
    RP_CHECK(truncate(path, 100) == 0);
    RP_CHECK(rp_series_range_stats(live, -1, 100, &st) == RP_OK);
    RP_CHECK_EQ_INT(st.count, 4096);
    RP_CHECK(st.pending == 0 && st.x_first == 55.904);
    rp_recorder_destroy(rec);
    rp_series_destroy(live);
    rp_series_destroy(mem);
}

/* A live view over more than RP_RECORDING_STATS_SCAN samples of the scroll-back recording: count
 * and extremes at once, its moments pending on the first call and exact on the second; after that
 * every view is answered at once from the kept block sums. */
static void test_scroll_back_stats_over_calls(void)
{
    char path[512];
    rp_series *live, *mem = NULL;
    rp_recorder *rec;
    const int64_t ring = 1 << 16, n = RP_RECORDING_STATS_SCAN + ring + 3 * 16384 + 123;
    RP_REQUIRE_VOID(start_recording(
        "scroll_calls.rpr", (rp_series_desc){.name = "live", .capacity = ring, .rate = 1000},
        (rp_recorder_desc){.scroll_back = true}, path, sizeof path, &live, &rec));
    RP_REQUIRE_VOID(rp_series_create(&(rp_series_desc){.name = "all", .capacity = n, .rate = 1000},
                                     &mem) == RP_OK);
    push_both(live, mem, rec, 0, n, ring);
    RP_CHECK_EQ_INT(rp_recorder_stats_get(rec).samples_lost, 0);
    double a0 = 0, a1 = (double)(n - 1) / 1000.0;
    rp_range_stats m, f;
    RP_CHECK(rp_series_range_stats(mem, a0, a1, &m) == RP_OK && m.pending == 0);
    RP_CHECK(rp_series_range_stats(live, a0, a1, &f) == RP_OK);
    RP_CHECK(f.pending > 0 && f.pending < n && f.finite == -1 && isnan(f.mean) && isnan(f.rms));
    RP_CHECK(f.count == n && f.min == m.min && f.max == m.max && f.flags == m.flags &&
             f.x_first == m.x_first && f.x_last == m.x_last);
    RP_CHECK(same_stats(mem, live, a0, a1, 1));             /* the second call finishes */
    RP_CHECK(same_stats(mem, live, a0 + 0.5, a1 - 0.5, 1)); /* kept sums: at once */
    RP_CHECK(same_stats(mem, live, a1 - 70.0, a1, 1));      /* across file and ring */
    rp_recorder_destroy(rec);
    rp_series_destroy(live);
    rp_series_destroy(mem);
}

/* The bytes of a file (malloc'd, *size set); NULL when unreadable or empty. */
static uint8_t *slurp(const char *file, size_t *size)
{
    FILE *f = fopen(file, "rb");
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    fseek(f, 0, SEEK_SET);
    uint8_t *p = n > 0 ? malloc((size_t)n) : NULL;
    if (p && fread(p, 1, (size_t)n, f) != (size_t)n) {
        free(p);
        p = NULL;
    }
    fclose(f);
    *size = p ? (size_t)n : 0;
    return p;
}

/* Appends to `out` the blocks of a recording (bytes p, size) of the given type, and of those of
 * type SAMPLES only a copy of block `number` when number >= 0. */
static void append_blocks(FILE *out, const uint8_t *p, size_t size, int type, int64_t number)
{
    rpr_block_header h;
    for (size_t at = RPR_HEADER_BYTES;
         at + RPR_BLOCK_HEADER_BYTES <= size && rpr_read_block_header(p + at, &h);
         at += RPR_BLOCK_HEADER_BYTES + h.payload_bytes)
        if (h.type == type && (number < 0 || (int64_t)h.number == number))
            fwrite(p + at, 1, RPR_BLOCK_HEADER_BYTES + h.payload_bytes, out);
}

static void keep_message(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    (void)level, (void)item;
    snprintf(user, 512, "%s", message);
}

/* One byte flipped in the samples of a closed file's block 1 (a disk's bit rot): opening trusts a
 * closed file's blocks past their headers, so its values came out wrong, unsaid (QA: 24191 read
 * as 32383); rp_recording_verify finds it (and only it), and its samples read as gaps from then
 * on, the other blocks' as recorded. An intact file verifies clean. */
static void test_verify_finds_damage(void)
{
    rp_series *mem = NULL;
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(record_pattern("verify.rpr", "v", 5 * RPR_BLOCK_SAMPLES, 1000, &mem, &rd));
    int64_t damaged = -1;
    RP_CHECK(rp_recording_verify(rd, &damaged) == RP_OK && damaged == 0);
    rp_recording_close(rd);
    char path[512];
    path_in(path, sizeof path, "verify.rpr");
    size_t size = 0;
    uint8_t *p = slurp(path, &size);
    RP_REQUIRE_VOID(p != NULL);
    rpr_block_header h;
    size_t flip = 0;
    for (size_t at = RPR_HEADER_BYTES;
         at + RPR_BLOCK_HEADER_BYTES <= size && rpr_read_block_header(p + at, &h);
         at += RPR_BLOCK_HEADER_BYTES + h.payload_bytes)
        if (h.type == RPR_SAMPLES && h.number == 1) /* its sample 100 */
            flip = at + RPR_BLOCK_HEADER_BYTES + 100 * sizeof(float) + 2;
    RP_REQUIRE_VOID(flip > 0);
    p[flip] ^= 0x40;
    FILE *out = fopen(path, "wb");
    RP_REQUIRE_VOID(out && fwrite(p, 1, size, out) == size);
    fclose(out);
    free(p);
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    RP_CHECK(rp_recording_stats_get(rd).indexed && rp_recording_stats_get(rd).bad_blocks == 0);
    float v = 0;
    int64_t at = RPR_BLOCK_SAMPLES + 100;
    RP_CHECK(rp_recording_read(rd, 0, at, 1, &v, NULL) == RP_OK && v != sample_value(at));
    RP_CHECK(rp_recording_verify(rd, &damaged) == RP_OK);
    RP_CHECK_EQ_INT(damaged, 1);
    RP_CHECK_EQ_INT(rp_recording_stats_get(rd).bad_blocks, 1);
    RP_CHECK(rp_recording_read(rd, 0, at, 1, &v, NULL) == RP_OK && isnan(v));
    int64_t other[2] = {100, 2 * RPR_BLOCK_SAMPLES + 100};
    for (int k = 0; k < 2; k++)
        RP_CHECK(rp_recording_read(rd, 0, other[k], 1, &v, NULL) == RP_OK &&
                 v == sample_value(other[k]));
    RP_CHECK(rp_recording_verify(rd, &damaged) == RP_OK && damaged == 1); /* again: the same */
    RP_CHECK(strstr(rp_recording_last_error(rd), "damaged") != NULL);
    rp_recording_close(rd);
    /* a byte of the file header (its magic and version intact): said damaged, not "not a ringplot
     * recording (versions 1 to 3)", which sent users after versions */
    p = slurp(path, &size);
    RP_REQUIRE_VOID(p != NULL);
    p[20] ^= 0x40;
    out = fopen(path, "wb");
    RP_REQUIRE_VOID(out && fwrite(p, 1, size, out) == size);
    fclose(out);
    free(p);
    static char said[512];
    said[0] = 0;
    RP_CHECK(rp_recording_open(path,
                               &(rp_recording_desc){.log = {.func = keep_message, .user = said}},
                               &rd) == RP_ERR_PARSE);
    RP_CHECK_MSG(strstr(said, "file header is damaged") != NULL, "%s", said);
    rp_series_destroy(mem);
}

/* kB of file pages mapped into this process and resident (/proc/self/status RssFile); -1 when
 * unknown. */
static long rss_file_kb(void)
{
    FILE *f = fopen("/proc/self/status", "r");
    if (!f) return -1;
    char line[256];
    long kb = -1;
    while (fgets(line, sizeof line, f))
        if (sscanf(line, "RssFile: %ld kB", &kb) == 1) break;
    fclose(f);
    return kb;
}

/* A follower checks every block the recorder writes (its payload's CRC), and the pages it read
 * stayed mapped: the viewer's resident size grew with its recording (QA: +290 MB over 8 minutes
 * of --record). After following a 32 MB file its file pages in memory stay a few MB. */
static void test_follow_drops_scanned_pages(void)
{
    rp_series *mem = NULL;
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(record_pattern("follow_pages.rpr", "p", 8 << 20, 1e6, &mem, &rd));
    rp_recording_close(rd);
    char path[512];
    path_in(path, sizeof path, "follow_pages.rpr");
    long before = rss_file_kb();
    rp_recording *follower = NULL;
    RP_REQUIRE_VOID(rdr_follow_open(path, &follower) == RP_OK);
    for (int i = 0; i < 8; i++) rdr_follow_refresh(follower); /* 64 MB a refresh at most */
    long after = rss_file_kb();
    RP_CHECK(follower->scan_pos > (uint64_t)32 << 20); /* it read the whole file */
    RP_CHECK_MSG(before < 0 || after - before < 4096, "RssFile %ld kB -> %ld kB", before, after);
    rdr_follow_close(follower);
    rp_series_destroy(mem);
}

/* The follower of a growing file forgets the moments it kept of a block when the block is taken
 * again: a live series whose history is a file holding blocks 0 to 2 of one signal answers the
 * statistics of block 0 from them (and keeps its sums); a later complete copy of block 0 with other
 * samples, appended to the file, is what the same view then describes. A history without a
 * moments op leaves the statistics to the ring. */
static void test_follow_forgets_retaken_block(void)
{
    char first[512], other[512], grown[512];
    path_in(first, sizeof first, "retake_a.rpr");
    path_in(other, sizeof other, "retake_b.rpr");
    path_in(grown, sizeof grown, "retake.rpr");
    rp_series *a = NULL, *b = NULL, *live = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "a", .capacity = 1 << 16, .rate = 1000}, &a) ==
        RP_OK);
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "b", .capacity = 1 << 16, .rate = 1000}, &b) ==
        RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = first}, &rec) == RP_OK);
    rp_recorder_add_series(rec, a, NULL);
    push_pattern(a, 0, 40000);
    rp_recorder_destroy(rec);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = other}, &rec) == RP_OK);
    rp_recorder_add_series(rec, b, NULL);
    push_pattern(b, 100000, 16384); /* other samples, at the same places */
    rp_recorder_destroy(rec);
    size_t na, nb;
    uint8_t *pa = slurp(first, &na), *pb = slurp(other, &nb);
    FILE *out = fopen(grown, "wb");
    RP_REQUIRE_VOID(pa && pb && out);
    fwrite(pa, 1, RPR_HEADER_BYTES, out);
    append_blocks(out, pa, na, RPR_SERIES, -1);
    append_blocks(out, pa, na, RPR_SAMPLES, -1);
    fflush(out);

    /* a live series holding samples 39,904 to 44,000, its history that file */
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "live", .capacity = 4096, .rate = 1000},
                         &live) == RP_OK);
    push_pattern(live, 0, 44000);
    rp_recording *follower = NULL;
    RP_REQUIRE_VOID(rdr_follow_open(grown, &follower) == RP_OK);
    rdr_history history = {follower, 0, 0};
    rp_series_set_history(live, &rdr_history_ops, &history);
    const double x0 = 0.0, x1 = 16.383; /* block 0 exactly */
    RP_CHECK(same_stats(a, live, x0, x1, 1));
    RP_CHECK(same_stats(a, live, 0.5, 39.95, 1)); /* file and ring */

    append_blocks(out, pb, nb, RPR_SAMPLES, 0); /* block 0 again: b's samples */
    fclose(out);
    RP_CHECK(same_stats(b, live, x0, x1, 1));
    rp_range_stats st;
    RP_CHECK(rp_series_range_stats(live, x0, 40.5, &st) == RP_OK && st.count == 40501);
    /* a history that keeps no moments: the statistics are the ring's (never pending forever) */
    rp_series_history_ops no_moments = rdr_history_ops;
    no_moments.moments = NULL;
    rp_series_set_history(live, &no_moments, &history);
    RP_CHECK(rp_series_range_stats(live, x0, 40.5, &st) == RP_OK && st.count == 597 &&
             st.pending == 0 && st.x_first == 39.904);
    rp_series_set_history(live, NULL, NULL);
    rdr_follow_close(follower);
    free(pa);
    free(pb);
    rp_series_destroy(live);
    rp_series_destroy(a);
    rp_series_destroy(b);
}

/* Segment breaks survive the recording: silence of an arrival-timed series (a segment that
 * starts late) and a NaN are drawn as gaps when the file is reopened, as in memory: raw views put
 * a gap entry (first = NaN, RP_M4_GAP) exactly where the series in memory does, a column view
 * marks the first column after the silence, and a segment that starts on time (a rate change,
 * no silence) is no break. */
static void test_segment_breaks(void)
{
    char path[512];
    rp_series *s;
    rp_recorder *rec;
    RP_REQUIRE_VOID(start_recording(
        "breaks.rpr", (rp_series_desc){.name = "burst", .capacity = 1 << 16, .rate = 100},
        (rp_recorder_desc){.keep_x = true}, path, sizeof path, &s, &rec));
    float one[40];
    for (int i = 0; i < 40; i++) one[i] = (float)i;
    one[25] = NAN;
    rp_push(s, one, 20);                              /* 0.00 .. 0.19 */
    RP_CHECK(rp_push_segment(s, 0.50, 100) == RP_OK); /* silence: a gap before sample 20 */
    rp_push(s, one + 20, 10);                         /* 0.50 .. 0.59, a NaN at 25 */
    RP_CHECK(rp_push_segment(s, 0.60, 200) == RP_OK); /* on time, faster: no gap */
    rp_push(s, one + 30, 10);
    rp_recorder_destroy(rec);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    rp_series *file = rp_recording_series(rd, 0);
    rp_decimation a = {.out = out_a, .out_capacity = 4100},
                  b = {.out = out_b, .out_capacity = 4100};
    RP_CHECK(rp_decimate(s, 0.0, 1.0, 1000, &a) == RP_OK);
    RP_CHECK(rp_decimate(file, 0.0, 1.0, 1000, &b) == RP_OK);
    RP_CHECK(a.raw && b.raw);
    RP_CHECK_EQ_INT(b.count, a.count);
    RP_CHECK_EQ_INT(b.count, 41); /* 40 samples and one gap entry */
    int gaps_mem = 0, gaps_file = 0, differ = 0;
    for (int i = 0; i < a.count && i < b.count; i++) {
        gaps_mem += (a.out[i].flags & RP_M4_GAP) != 0;
        gaps_file += (b.out[i].flags & RP_M4_GAP) != 0;
        if (a.out[i].start != b.out[i].start || a.out[i].flags != b.out[i].flags ||
            memcmp(&a.out[i].first, &b.out[i].first, 4) != 0)
            differ++;
    }
    RP_CHECK_EQ_INT(gaps_mem, 1);
    RP_CHECK_EQ_INT(gaps_file, 1);
    RP_CHECK_EQ_INT(differ, 0);
    RP_CHECK(b.out[20].start == 20 && isnan(b.out[20].first) && (b.out[20].flags & RP_M4_GAP));
    RP_CHECK(isnan(b.out[26].first) && !(b.out[26].flags & RP_M4_GAP)); /* the NaN sample */
    /* columns of 0.05: the column that starts at sample 20 (x 0.50) follows the silence */
    RP_CHECK(rp_decimate(file, 0.0, 0.65, 13, &b) == RP_OK && !b.raw);
    int marked = 0, marked_at_20 = 0;
    for (int i = 0; i < b.count; i++)
        if (b.out[i].flags & RP_M4_GAP) {
            marked++;
            marked_at_20 += b.out[i].start == 20 && isnan(b.out[i].first);
        }
    RP_CHECK_EQ_INT(marked, 1);
    RP_CHECK_EQ_INT(marked_at_20, 1);
    rp_recording_close(rd);
    rp_series_destroy(s);
}

/* Opens the recording at path and exports all of it, from its first series on, to csv. */
static bool export_whole(const char *path, const char *csv)
{
    rp_recording *rd = NULL;
    if (rp_recording_open(path, NULL, &rd) != RP_OK) return false;
    bool ok = rp_recording_export_csv(rd, 1, 0, csv) == RP_OK;
    rp_recording_close(rd);
    return ok;
}

/* Column names the CSV reader takes back: a name with a separator and quotes is quoted, its unit
 * follows in brackets, and the CSV parser reads both back as they were recorded. */
static void header_seen(void *user, const rp_csv_parser *p)
{
    bool *ok = user;
    *ok = rp_csv_parser_columns(p) == 1 &&
          strcmp(rp_csv_parser_column_name(p, 0), "a,b \"q\"") == 0 &&
          strcmp(rp_csv_parser_column_unit(p, 0), "m/s") == 0;
}
static void row_seen(void *user, const rp_csv_row *row) { (void)user, (void)row; }

static void test_export_names_round_trip(void)
{
    char path[512], csv[512];
    path_in(path, sizeof path, "names.rpr");
    path_in(csv, sizeof csv, "names.csv");
    rp_series *s = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "a,b \"q\"", .capacity = 64, .rate = 10}, &s) ==
        RP_OK);
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, s, "m/s") == RP_OK);
    float v[4] = {1, 2, 3, 4};
    RP_CHECK(rp_push(s, v, 4) == RP_OK);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
    RP_REQUIRE_VOID(export_whole(path, csv));
    size_t n = 0;
    uint8_t *text = slurp(csv, &n);
    RP_REQUIRE_VOID(text);
    const char *header = "seconds,\"a,b \"\"q\"\" [m/s]\"\n";
    RP_CHECK_MSG(n >= strlen(header) && memcmp(text, header, strlen(header)) == 0, "%.*s", (int)n,
                 (const char *)text);
    bool header_ok = false;
    rp_csv_parser *p = NULL;
    RP_REQUIRE_VOID(
        rp_csv_parser_create(
            &(rp_csv_parser_desc){.on_row = row_seen, .on_header = header_seen, .user = &header_ok},
            &p) == RP_OK);
    rp_csv_parser_feed(p, (const char *)text, n);
    rp_csv_parser_finish(p);
    RP_CHECK(header_ok);
    RP_CHECK_EQ_INT(rp_csv_parser_stats(p).rows_ok, 4);
    rp_csv_parser_destroy(p);
    free(text);
}

/* Some series only (what a view shows, its hidden series left out): their columns and rows, in
 * CSV and raw; none at all is refused. */
static void test_export_some_series(void)
{
    char path[512], csv[512], raw[512];
    path_in(path, sizeof path, "some.rpr");
    path_in(csv, sizeof csv, "some.csv");
    path_in(raw, sizeof raw, "some.raw");
    rp_series *a = NULL, *b = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "a", .capacity = 64, .rate = 10}, &a) == RP_OK);
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "b", .capacity = 64, .rate = 10}, &b) == RP_OK);
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, a, NULL) == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, b, NULL) == RP_OK);
    float va[3] = {1, 2, 3}, vb[3] = {7, 8, 9};
    RP_CHECK(rp_push(a, va, 3) == RP_OK && rp_push(b, vb, 3) == RP_OK);
    rp_recorder_destroy(rec);
    rp_series_destroy(a);
    rp_series_destroy(b);
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    const bool only_b[2] = {false, true}, none[2] = {false, false};
    RP_CHECK(rp_recording_export_csv_series(rd, 1, 0, only_b, csv) == RP_OK);
    RP_CHECK(rp_recording_export_raw_series(rd, 1, 0, only_b, raw) == RP_OK);
    RP_CHECK(rp_recording_export_csv_series(rd, 1, 0, none, csv) == RP_ERR_INVALID_ARG);
    rp_recording_close(rd);
    size_t n = 0, m = 0;
    uint8_t *text = slurp(csv, &n), *bytes = slurp(raw, &m);
    RP_REQUIRE_VOID(text && bytes);
    char csv_text[256] = "";
    memcpy(csv_text, text, n < sizeof csv_text - 1 ? n : sizeof csv_text - 1);
    RP_CHECK_MSG(!strncmp(csv_text, "seconds,b\n", 10) && strstr(csv_text, ",9\n") &&
                     !strstr(csv_text, ",1"),
                 "%s", csv_text);
    float got[3];
    RP_CHECK(m == sizeof got && (memcpy(got, bytes, sizeof got), got[0] == 7 && got[2] == 9));
    free(text);
    free(bytes);
}

/* Samples of one line, of two series placed on their own segments, differ in x by a rounding
 * or two of the last bit (0.3 us at a Unix time): one row, not two (a line's 'sin' and 'cos'
 * split into two rows 0.3 us apart). Samples truly apart stay apart. */
static void test_export_merges_rounding(void)
{
    char path[512], csv[512];
    path_in(path, sizeof path, "merge.rpr");
    path_in(csv, sizeof csv, "merge.csv");
    /* a burst of 11 samples of a and 10 of b (the line before held only a), each series placed
     * ending at the burst's arrival T on its own segment, 1 ms apart: b's j-th sample and a's
     * (j+1)-th are one line's, x = T - (10 - 1 - j) ms computed from two t0s */
    const double T = 1796044784.0523751, r = 1000;
    rp_series *a = NULL, *b = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "a", .capacity = 64, .rate = r}, &a) == RP_OK);
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "b", .capacity = 64, .rate = r}, &b) == RP_OK);
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path, .keep_x = true}, &rec) ==
                    RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, a, "") == RP_OK);
    RP_CHECK(rp_recorder_add_series(rec, b, "") == RP_OK);
    float v[11] = {0};
    RP_CHECK(rp_push_segment(a, T - 10 / r, r) == RP_OK && rp_push(a, v, 11) == RP_OK);
    RP_CHECK(rp_push_segment(b, T - 9 / r, r) == RP_OK && rp_push(b, v, 10) == RP_OK);
    rp_recorder_destroy(rec);
    int differ = 0; /* the two series' x of one line, as placed */
    for (int j = 0; j < 10; j++) differ += rp_x_at(a, j + 1) != rp_x_at(b, j);
    rp_series_destroy(a);
    rp_series_destroy(b);
    RP_REQUIRE_VOID(export_whole(path, csv));
    FILE *f = fopen(csv, "r");
    RP_REQUIRE_VOID(f);
    char line[256];
    int rows = -1;
    while (fgets(line, sizeof line, f)) rows++;
    fclose(f);
    RP_CHECK_MSG(differ > 0, "the case needs x that differ by a rounding (%d did)", differ);
    RP_CHECK_EQ_INT(rows, 11); /* one row per line, not one more per rounding */
}

/* ---- PART blocks (format version 3): a flush appends only what arrived since the last ------- */

/* Pushes n samples of `value` from index first to a uniform series u and a timestamped series t
 * (x of sample i: i / 10 plus a wobble, so that x is not a formula of i), then flushes. */
static float slow_value(int64_t i) { return i % 97 == 5 ? NAN : sample_value(i + 1000); }
static double slow_x(int64_t i) { return (double)i * 0.1 + (double)(i % 7) * 0.003; }
static void push_slow(rp_series *u, rp_series *t, int64_t first, int n)
{
    float v[64];
    double x[64];
    for (int i = 0; i < n; i++) {
        v[i] = slow_value(first + i);
        x[i] = slow_x(first + i);
    }
    rp_push(u, v, n);
    rp_push_timed(t, x, v, n);
}

/* A slow recording costs about its samples, not a block per flush: a 10 Hz timestamped series and
 * an untimed uniform one, flushed 3,000 times with 10 new samples each (30,000 samples: one block
 * completed, one unfinished), make a file within the bound of each sample written twice (in a PART
 * block and once in its block's SAMPLES copy: 12 + 12.4 bytes timestamped, 4 + 4.4 untimed), one
 * PART header per series per flush (48 bytes at most) and 4 KiB for the rest: 1.3 MB. Before PART
 * blocks each flush wrote the unfinished block whole: about 400 MB here. */
static void test_parts_file_growth(void)
{
    char path[512];
    path_in(path, sizeof path, "slow.rpr");
    rp_series *u = NULL, *t = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "u", .capacity = 1 << 16, .rate = 10}, &u) ==
        RP_OK);
    RP_REQUIRE_VOID(
        rp_series_create(
            &(rp_series_desc){.name = "t", .capacity = 1 << 16, .rate = 10, .timestamps = true},
            &t) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path}, &rec) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_add_series(rec, u, NULL) == RP_OK &&
                    rp_recorder_add_series(rec, t, NULL) == RP_OK);
    const int flushes = 3000, per = 10;
    const int64_t n = (int64_t)flushes * per;
    for (int f = 0; f < flushes; f++) {
        push_slow(u, t, (int64_t)f * per, per);
        RP_REQUIRE_VOID(rp_recorder_flush(rec) == RP_OK);
    }
    RP_REQUIRE_VOID(rp_recorder_finish(rec) == RP_OK);
    rp_recorder_stats rs = rp_recorder_stats_get(rec);
    rp_recorder_destroy(rec);
    struct stat st;
    RP_REQUIRE_VOID(stat(path, &st) == 0);
    double per_sample =
        (12 + 12.0 * (1 + 1.0 / 32 + 1.0 / 512)) + (4 + 4.0 * (1 + 1.0 / 32 + 1.0 / 512));
    double bound = 4096 + (double)rs.flushes * 2 * 48 + (double)n * per_sample;
    RP_CHECK_EQ_INT(rs.samples_written, 2 * n);
    RP_CHECK_MSG((double)st.st_size <= bound && st.st_size >= n * 16,
                 "%lld bytes for %lld samples a series after %lld flushes (bound %.0f)",
                 (long long)st.st_size, (long long)n, (long long)rs.flushes, bound);
    /* and it holds them */
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    RP_CHECK(rp_recording_stats_get(rd).indexed);
    static float v[30000];
    static double x[30000];
    int bad = 0;
    for (int id = 0; id < 2; id++) {
        RP_CHECK(rp_recording_read(rd, id, 0, n, v, x) == RP_OK);
        for (int64_t i = 0; i < n; i++) {
            float want = slow_value(i);
            double want_x = id ? slow_x(i) : (double)i / 10;
            bad += memcmp(&want, &v[i], 4) != 0 || fabs(x[i] - want_x) > 1e-6;
        }
    }
    RP_CHECK_EQ_INT(bad, 0);
    rp_recording_close(rd);
    rp_series_destroy(u);
    rp_series_destroy(t);
}

/* What a recording holds, sample by sample: value, x and whether a segment break precedes it. */
typedef struct rec_truth {
    int64_t n;
    float *v;
    double *x;
    bool *gap;
} rec_truth;

static bool read_truth(rp_recording *rd, int id, rec_truth *t)
{
    rdr_series *s = &rd->series[id];
    t->n = s->count;
    t->v = malloc((size_t)(t->n + 1) * sizeof *t->v);
    t->x = malloc((size_t)(t->n + 1) * sizeof *t->x);
    t->gap = malloc((size_t)(t->n + 1) * sizeof *t->gap);
    if (!t->v || !t->x || !t->gap) return false;
    for (int64_t i = 0; i < t->n; i++) {
        t->v[i] = rdr_sample(s, i);
        t->x[i] = rdr_x(s, i);
        t->gap[i] = rdr_gap_before(s, i);
    }
    return true;
}

static void free_truth(rec_truth *t) { free(t->v), free(t->x), free(t->gap); }

/* Samples of series id of rd among its first n that differ from t's (value bits, x, break). */
static int64_t differs(rp_recording *rd, int id, const rec_truth *t, int64_t n)
{
    rdr_series *s = &rd->series[id];
    int64_t bad = 0;
    for (int64_t i = 0; i < n && i < t->n; i++) {
        float v = rdr_sample(s, i);
        double x = rdr_x(s, i);
        bad += memcmp(&v, &t->v[i], 4) != 0 || memcmp(&x, &t->x[i], 8) != 0 ||
               rdr_gap_before(s, i) != t->gap[i];
    }
    return bad + (n > t->n ? n - t->n : 0);
}

/* The samples of series 0 and 1 that the blocks wholly inside the first len bytes of a recording
 * hold by the format's rules (a SAMPLES copy ends at its block's end, a PART where it ends), and
 * the SERIES blocks among them. */
static int expected_counts(const uint8_t *p, size_t len, int64_t counts[2])
{
    int series = 0;
    counts[0] = counts[1] = 0;
    rpr_block_header h;
    for (size_t at = RPR_HEADER_BYTES;
         at + RPR_BLOCK_HEADER_BYTES <= len && rpr_read_block_header(p + at, &h) &&
         h.payload_bytes <= len - at - RPR_BLOCK_HEADER_BYTES;
         at += RPR_BLOCK_HEADER_BYTES + h.payload_bytes) {
        int64_t start = (int64_t)h.number * RPR_BLOCK_SAMPLES;
        if (h.type == RPR_SERIES) series++;
        if (h.type == RPR_SAMPLES && h.series < 2) counts[h.series] = start + h.count;
        if (h.type == RPR_PART && h.series < 2)
            counts[h.series] = start + rpr_get32(p + at + RPR_BLOCK_HEADER_BYTES) + h.count;
    }
    return series;
}

static bool write_file(const char *path, const uint8_t *p, size_t n)
{
    FILE *f = fopen(path, "wb");
    bool ok = f && fwrite(p, 1, n, f) == n;
    return f && fclose(f) == 0 && ok;
}

/* Crash safety with PART blocks: a recording copied while unfinished (after many flushes of a few
 * samples, across a block's completion: as kill -9 or a power loss leaves it) opens by a scan and
 * holds every flushed sample, its x, its NaN and its segment breaks exactly as the same recording
 * closed cleanly; cut at every block's start and inside every block, it holds exactly what the
 * whole blocks before the cut hold (a torn PART loses only itself and what follows); a PART left
 * out (the next one then does not continue its block) stops the scan there, counted as bad. With
 * keep_x the uniform series is piecewise uniform (silences: breaks) and keeps x; without, it is
 * stored as t0 and rate. */
static void test_parts_crash(bool keep_x)
{
    char path[512], cut[512], name[64];
    snprintf(name, sizeof name, "parts_crash_%d.rpr", (int)keep_x);
    path_in(path, sizeof path, name);
    path_in(cut, sizeof cut, "parts_cut.rpr");
    rp_series *u = NULL, *t = NULL;
    rp_recorder *rec = NULL;
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "u", .capacity = 1 << 16, .rate = 100}, &u) ==
        RP_OK);
    RP_REQUIRE_VOID(
        rp_series_create(
            &(rp_series_desc){.name = "t", .capacity = 1 << 16, .rate = 10, .timestamps = true},
            &t) == RP_OK);
    RP_REQUIRE_VOID(rp_recorder_create(&(rp_recorder_desc){.path = path, .keep_x = keep_x}, &rec) ==
                    RP_OK);
    RP_REQUIRE_VOID(rp_recorder_add_series(rec, u, NULL) == RP_OK &&
                    rp_recorder_add_series(rec, t, NULL) == RP_OK);
    /* 16,000 samples, then 40 flushes of 23: block 0 completes at the 17th */
    static double ux[17000]; /* u's x */
    int64_t pushed = 0, breaks_pushed = 0, seg_first = 0;
    double seg_t0 = 0;
    size_t size = 0;
    uint8_t *copy = NULL;
    for (int c = 0; c <= 41; c++) {
        int n = c == 0 ? 16000 : 23;
        if (c == 41) /* the file as a crash leaves it; then samples never flushed */
            copy = slurp(path, &size);
        if (keep_x && c % 6 == 3) { /* a silence of 1 s: the next sample starts a segment */
            seg_t0 += (double)(pushed - seg_first) / 100 + 1.0;
            seg_first = pushed;
            RP_CHECK(rp_push_segment(u, seg_t0, 100) == RP_OK);
            breaks_pushed++;
        }
        for (int i = 0; i < n; i++)
            ux[pushed + i] = seg_t0 + (double)(pushed + i - seg_first) / 100;
        for (int i = 0; i < n; i += 64) push_slow(u, t, pushed + i, n - i < 64 ? n - i : 64);
        pushed += n;
        if (c < 41) RP_REQUIRE_VOID(rp_recorder_flush(rec) == RP_OK);
    }
    const int64_t flushed = pushed - 23;
    RP_REQUIRE_VOID(copy != NULL);
    RP_REQUIRE_VOID(rp_recorder_finish(rec) == RP_OK);

    /* the clean recording is the truth: what was pushed, read from its index */
    rp_recording *rd = NULL;
    RP_REQUIRE_VOID(rp_recording_open(path, NULL, &rd) == RP_OK);
    RP_CHECK(rp_recording_stats_get(rd).indexed);
    rec_truth truth[2] = {{0}, {0}};
    RP_REQUIRE_VOID(read_truth(rd, 0, &truth[0]) && read_truth(rd, 1, &truth[1]));
    rp_recording_close(rd);
    RP_CHECK(truth[0].n == pushed && truth[1].n == pushed);
    int64_t wrong = 0, gaps = 0, nans = 0;
    for (int64_t i = 0; i < pushed && truth[0].n == pushed && truth[1].n == pushed; i++) {
        float want = slow_value(i);
        wrong += memcmp(&want, &truth[0].v[i], 4) != 0 || memcmp(&want, &truth[1].v[i], 4) != 0;
        wrong += fabs(truth[1].x[i] - slow_x(i)) > 1e-6 || truth[1].gap[i];
        wrong += fabs(truth[0].x[i] - ux[i]) > 1e-9 * (1 + ux[i]);
        gaps += truth[0].gap[i];
        nans += isnan(truth[0].v[i]);
    }
    RP_CHECK_EQ_INT(wrong, 0);
    RP_CHECK_EQ_INT(gaps, breaks_pushed);
    RP_CHECK(nans > 100);

    /* the unfinished copy: every flushed sample, nothing more, by a scan through its parts */
    int64_t counts[2];
    int parts = 0;
    rpr_block_header h;
    for (size_t at = RPR_HEADER_BYTES;
         at + RPR_BLOCK_HEADER_BYTES <= size && rpr_read_block_header(copy + at, &h);
         at += RPR_BLOCK_HEADER_BYTES + h.payload_bytes)
        parts += h.type == RPR_PART;
    RP_CHECK_MSG(parts >= 80, "%d PART blocks", parts);
    RP_REQUIRE_VOID(write_file(cut, copy, size));
    RP_REQUIRE_VOID(rp_recording_open(cut, NULL, &rd) == RP_OK);
    rp_recording_stats rst = rp_recording_stats_get(rd);
    RP_CHECK(!rst.indexed && rst.bad_blocks == 0 && rp_recording_series_count(rd) == 2);
    RP_CHECK(rd->series[0].count == flushed && rd->series[1].count == flushed);
    RP_CHECK_EQ_INT(differs(rd, 0, &truth[0], flushed) + differs(rd, 1, &truth[1], flushed), 0);
    rp_recording_close(rd);

    /* cut at every block's start and in the middle of every block */
    int cuts = 0, right = 0;
    for (size_t at = RPR_HEADER_BYTES;
         at + RPR_BLOCK_HEADER_BYTES <= size && rpr_read_block_header(copy + at, &h);
         at += RPR_BLOCK_HEADER_BYTES + h.payload_bytes) {
        size_t lens[2] = {at, at + RPR_BLOCK_HEADER_BYTES + h.payload_bytes / 2};
        for (int k = 0; k < 2; k++, cuts++) {
            int series = expected_counts(copy, lens[k], counts);
            if (!write_file(cut, copy, lens[k]) ||
                rp_recording_open(cut, &(rp_recording_desc){.log = {.func = quiet}}, &rd) != RP_OK)
                continue;
            bool ok = rp_recording_series_count(rd) == series;
            for (int id = 0; ok && id < series; id++)
                ok = rd->series[id].count == counts[id] &&
                     differs(rd, id, &truth[id], counts[id]) == 0;
            right += ok;
            rp_recording_close(rd);
        }
    }
    RP_CHECK(cuts > 160);
    RP_CHECK_EQ_INT(right, cuts);

    /* the 10th PART of series 0 left out: the scan stops at the next one of that series */
    size_t left_out = 0, out_len = 0;
    int seen = 0;
    for (size_t at = RPR_HEADER_BYTES;
         at + RPR_BLOCK_HEADER_BYTES <= size && rpr_read_block_header(copy + at, &h);
         at += RPR_BLOCK_HEADER_BYTES + h.payload_bytes)
        if (h.type == RPR_PART && h.series == 0 && ++seen == 10) {
            left_out = at;
            out_len = RPR_BLOCK_HEADER_BYTES + h.payload_bytes;
            expected_counts(copy, at, counts);
        }
    RP_REQUIRE_VOID(left_out > 0);
    uint8_t *holed = malloc(size);
    RP_REQUIRE_VOID(holed != NULL);
    memcpy(holed, copy, left_out);
    memcpy(holed + left_out, copy + left_out + out_len, size - left_out - out_len);
    RP_REQUIRE_VOID(write_file(cut, holed, size - out_len));
    RP_REQUIRE_VOID(rp_recording_open(cut, &(rp_recording_desc){.log = {.func = quiet}}, &rd) ==
                    RP_OK);
    RP_CHECK_EQ_INT(rp_recording_stats_get(rd).bad_blocks, 1);
    RP_CHECK_EQ_INT(rd->series[0].count, counts[0]);
    RP_CHECK(rd->series[1].count >= counts[1] && rd->series[1].count < flushed);
    RP_CHECK_EQ_INT(differs(rd, 0, &truth[0], rd->series[0].count) +
                        differs(rd, 1, &truth[1], rd->series[1].count),
                    0);
    rp_recording_close(rd);
    free(holed);
    free(copy);
    free_truth(&truth[0]);
    free_truth(&truth[1]);
    rp_series_destroy(u);
    rp_series_destroy(t);
}

/* A follower of a recording being written (scroll-back, the viewer's live recording) sees the
 * samples appear flush by flush through the PART blocks: values, x and segment breaks; the unfinished
 * block is one assembled block of the reader's; when the block completes its SAMPLES copy replaces
 * the assembled one (same samples), and the unfinished block written whole at the close is byte
 * for byte the payload the follower had assembled from its parts. */
static void test_parts_followed(void)
{
    char path[512];
    rp_series *s;
    rp_recorder *rec;
    RP_REQUIRE_VOID(start_recording(
        "parts_follow.rpr", (rp_series_desc){.name = "f", .capacity = 1 << 16, .rate = 1000},
        (rp_recorder_desc){.keep_x = true}, path, sizeof path, &s, &rec));
    rp_recording *fo = NULL;
    RP_REQUIRE_VOID(rdr_follow_open(path, &fo) == RP_OK);
    static float v[1000];
    int64_t pushed = 0, flushes_right = 0, assembled_right = 0;
    double seg_t0 = 0;
    int64_t seg_first = 0;
    static bool gap_at[24000];
    static double xs[24000];
    for (int k = 0; k < 24; k++) {
        if (k % 5 == 2) { /* half a second of silence */
            seg_t0 += (double)(pushed - seg_first) / 1000 + 0.5;
            seg_first = pushed;
            RP_CHECK(rp_push_segment(s, seg_t0, 1000) == RP_OK);
            gap_at[pushed] = true;
        }
        for (int i = 0; i < 1000; i++) {
            v[i] = sample_value(pushed + i);
            xs[pushed + i] = seg_t0 + (double)(pushed + i - seg_first) / 1000;
        }
        rp_push(s, v, 1000);
        pushed += 1000;
        RP_REQUIRE_VOID(rp_recorder_flush(rec) == RP_OK);
        rdr_follow_refresh(fo);
        rdr_series *fs = &fo->series[0];
        bool ok = fo->series_count == 1 && fs->count == pushed;
        for (int64_t i = 0; ok && i < pushed; i++) {
            float got = rdr_sample(fs, i), want = sample_value(i);
            ok = memcmp(&got, &want, 4) == 0 && rdr_gap_before(fs, i) == gap_at[i] &&
                 fabs(rdr_x(fs, i) - xs[i]) < 1e-9 * (1 + xs[i]);
        }
        flushes_right += ok;
        /* the unfinished block is the assembled one; a completed one is its SAMPLES copy */
        int64_t last = (pushed - 1) / RPR_BLOCK_SAMPLES;
        const uint8_t *e0 = fs->dir_entries ? fs->dir_entries[0] : NULL;
        assembled_right += fs->part && fs->part->block == last && e0 &&
                           rpr_get64(e0 + (size_t)last * RPR_ENTRY_BYTES) == UINT64_MAX &&
                           (last == 0 || rpr_get64(e0) != UINT64_MAX);
    }
    RP_CHECK_EQ_INT(flushes_right, 24);
    RP_CHECK_EQ_INT(assembled_right, 24);
    /* the assembled payload of block 1 (7,616 samples), as the follower reads it */
    rdr_series *fs = &fo->series[0];
    RP_REQUIRE_VOID(fs->part && fs->part->block == 1);
    (void)rdr_sample(fs, RPR_BLOCK_SAMPLES); /* laid out at its first read */
    uint32_t n = fs->part->count;
    uint64_t bytes = rpr_samples_payload_bytes(n, true) + rpr_breaks_bytes(fs->part->breaks);
    uint8_t *assembled = malloc(bytes);
    RP_REQUIRE_VOID(assembled != NULL);
    memcpy(assembled, fs->part->payload, bytes);
    RP_REQUIRE_VOID(rp_recorder_finish(rec) == RP_OK);
    rdr_follow_refresh(fo);
    RP_CHECK(fs->part == NULL && fs->count == pushed);
    uint64_t off = rpr_get64(fs->dir_entries[0] + RPR_ENTRY_BYTES);
    rpr_block_header h = {0};
    RP_REQUIRE_VOID(off > 0 && off < fo->size && rpr_read_block_header(fo->map + off, &h));
    RP_CHECK(h.type == RPR_SAMPLES && h.number == 1 && h.count == n && h.payload_bytes == bytes);
    RP_CHECK(memcmp(fo->map + off + RPR_BLOCK_HEADER_BYTES, assembled, bytes) == 0);
    int64_t same = 0;
    for (int64_t i = 0; i < pushed; i++) {
        float got = rdr_sample(fs, i), want = sample_value(i);
        same += memcmp(&got, &want, 4) == 0 && rdr_gap_before(fs, i) == gap_at[i];
    }
    RP_CHECK_EQ_INT(same, pushed);
    free(assembled);
    rdr_follow_close(fo);
    rp_recorder_destroy(rec);
    rp_series_destroy(s);
}

/* FNV-1a over bytes, for a digest of what a recording reads back. */
static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const uint8_t *b = p;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

/* Opens `file` and digests every series: name, count, each sample's value bits, x bits and break. */
static bool digest_recording(const char *file, int *series, int64_t *samples, uint64_t *digest,
                             bool *indexed)
{
    rp_recording *rd = NULL;
    if (rp_recording_open(file, &(rp_recording_desc){.log = {.func = quiet}}, &rd) != RP_OK)
        return false;
    *series = rp_recording_series_count(rd);
    *samples = 0;
    *digest = 0xcbf29ce484222325ull;
    *indexed = rp_recording_stats_get(rd).indexed;
    for (int id = 0; id < *series; id++) {
        rdr_series *s = &rd->series[id];
        *digest = fnv(*digest, s->meta.name, strlen(s->meta.name));
        *samples += s->count;
        for (int64_t i = 0; i < s->count; i++) {
            float v = rdr_sample(s, i);
            double x = rdr_x(s, i);
            bool g = rdr_gap_before(s, i);
            *digest = fnv(fnv(fnv(*digest, &v, 4), &x, 8), &g, 1);
        }
    }
    rp_recording_close(rd);
    return true;
}

/* Files of versions 1 and 2 read exactly as before PART blocks: the fuzz corpus' recordings (v1
 * and v2, indexed and scanned) give the series, counts and digests of every value, x and break
 * that the version 2 reader gave them. A version 2 file whose last block was flushed as partial
 * SAMPLES copies (how version 2 flushed) opens by a scan at its last copy; a PART block in it is
 * not of its format (the scan stops there, as at any unknown block), while the same bytes as
 * version 3 take the part. */
static void test_older_versions(void)
{
    static const struct {
        const char *name;
        int series;
        int64_t samples;
        uint64_t digest;
        bool indexed;
    } corpus[] = {
        {"indexed", 2, 2400, 0x5378568126839dc4ull, true},
        {"no_trailer", 1, 0, 0x10d2d89fc59a4c16ull, false},
        {"flushed_twice", 1, 2850, 0x3b56b3b6a755a97aull, false},
        {"v2_breaks_indexed", 1, 600, 0x33b0d1165967cb07ull, true},
        {"v2_breaks_no_trailer", 1, 600, 0x33b0d1165967cb07ull, false},
    };
    char path[512], file[512];
    path_in(file, sizeof file, "corpus.rpr");
    for (size_t k = 0; k < sizeof corpus / sizeof corpus[0]; k++) {
        snprintf(path, sizeof path, "%s/%s", RP_RECORD_CORPUS, corpus[k].name);
        size_t size = 0;
        uint8_t *p = slurp(path, &size);
        RP_CHECK_MSG(p && size > 1, "%s", path);
        if (!p || size <= 1 || !write_file(file, p + 1, size - 1)) { /* byte 0: fuzz options */
            free(p);
            continue;
        }
        free(p);
        int series = -1;
        int64_t samples = -1;
        uint64_t digest = 0;
        bool indexed = false;
        RP_CHECK(digest_recording(file, &series, &samples, &digest, &indexed));
        RP_CHECK_MSG(series == corpus[k].series && samples == corpus[k].samples &&
                         digest == corpus[k].digest && indexed == corpus[k].indexed,
                     "%s: {\"%s\", %d, %lld, 0x%016llxull, %s}", corpus[k].name, corpus[k].name,
                     series, (long long)samples, (unsigned long long)digest,
                     indexed ? "true" : "false");
    }

    /* version 2 as it flushed: block 0 copied at 5,000 and 12,000 samples, then 20,000 closed */
    char a[512], b[512], c[512], v2[512];
    path_in(a, sizeof a, "v2_a.rpr");
    path_in(b, sizeof b, "v2_b.rpr");
    path_in(c, sizeof c, "v2_c.rpr");
    path_in(v2, sizeof v2, "v2.rpr");
    static const int64_t n[3] = {5000, 12000, 20000};
    const char *files[3] = {a, b, c};
    uint8_t *bytes[3] = {NULL, NULL, NULL};
    size_t sizes[3] = {0, 0, 0};
    for (int k = 0; k < 3; k++) {
        rp_series *mem = NULL;
        rp_recording *rd = NULL;
        const char *base = strrchr(files[k], '/') + 1;
        RP_REQUIRE_VOID(record_pattern(base, "p", n[k], 1000, &mem, &rd));
        rp_recording_close(rd);
        rp_series_destroy(mem);
        bytes[k] = slurp(files[k], &sizes[k]);
        RP_REQUIRE_VOID(bytes[k] != NULL);
    }
    /* the closed one as version 2: opens from its index */
    rpr_put32(bytes[2] + 8, 2);
    rpr_put32(bytes[2] + 60, rpr_crc32(bytes[2], 60));
    RP_REQUIRE_VOID(write_file(v2, bytes[2], sizes[2]));
    int series;
    int64_t samples;
    uint64_t whole, digest;
    bool indexed;
    RP_CHECK(digest_recording(c, &series, &samples, &whole, &indexed) && indexed &&
             samples == 20000);
    RP_CHECK(digest_recording(v2, &series, &samples, &digest, &indexed) && indexed &&
             samples == 20000 && digest == whole);
    /* version 2 as it flushed: its last block written again as it grew, as partial SAMPLES
     * copies; the scan takes the last copy */
    FILE *out = fopen(v2, "wb");
    RP_REQUIRE_VOID(out != NULL);
    fwrite(bytes[2], 1, RPR_HEADER_BYTES, out);
    append_blocks(out, bytes[0], sizes[0], RPR_SERIES, -1);
    append_blocks(out, bytes[0], sizes[0], RPR_SAMPLES, -1);
    append_blocks(out, bytes[1], sizes[1], RPR_SAMPLES, -1);
    append_blocks(out, bytes[2], sizes[2], RPR_SAMPLES, -1);
    fclose(out);
    RP_CHECK(digest_recording(v2, &series, &samples, &digest, &indexed) && !indexed &&
             samples == 20000 && digest == whole);
    /* block 0 complete, then a hand-made PART of block 1: of 10 samples at its start, taken in
     * version 3 only; one that does not start where block 1 does, or one that would complete
     * the block (the recorder writes a complete block as SAMPLES), is damage */
    static const struct {
        uint32_t version, first, count;
        int64_t samples, bad;
    } cases[] = {
        {2, 0, 10, RPR_BLOCK_SAMPLES, 0}, /* an unknown block ends a version 2 scan */
        {3, 0, 10, RPR_BLOCK_SAMPLES + 10, 0},
        {3, 5, 10, RPR_BLOCK_SAMPLES, 1},
        {3, 0, RPR_BLOCK_SAMPLES, RPR_BLOCK_SAMPLES, 1},
    };
    static uint8_t part[RPR_BLOCK_HEADER_BYTES + RPR_PART_HEAD_BYTES + 4 * RPR_BLOCK_SAMPLES];
    static float got[2 * RPR_BLOCK_SAMPLES];
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        uint8_t *q = part + RPR_BLOCK_HEADER_BYTES;
        uint32_t m = cases[k].count, len = (uint32_t)rpr_part_payload_bytes(m, 0, false);
        memset(part, 0, sizeof part);
        rpr_put32(q, cases[k].first);
        for (uint32_t i = 0; i < m; i++) rpr_putf(q + RPR_PART_HEAD_BYTES + 4 * i, 7.0f + (float)i);
        rpr_block_header h = {.type = RPR_PART, .number = 1, .count = m, .payload_bytes = len};
        h.payload_crc = rpr_crc32(q, len);
        rpr_write_block_header(part, &h);
        uint8_t head[RPR_HEADER_BYTES];
        memcpy(head, bytes[2], RPR_HEADER_BYTES);
        rpr_put32(head + 8, cases[k].version);
        rpr_put32(head + 60, rpr_crc32(head, 60));
        out = fopen(v2, "wb");
        RP_REQUIRE_VOID(out != NULL);
        fwrite(head, 1, RPR_HEADER_BYTES, out);
        append_blocks(out, bytes[2], sizes[2], RPR_SERIES, -1);
        append_blocks(out, bytes[2], sizes[2], RPR_SAMPLES, 0);
        fwrite(part, 1, RPR_BLOCK_HEADER_BYTES + len, out);
        fclose(out);
        rp_recording *rd = NULL;
        RP_REQUIRE_VOID(rp_recording_open(v2, &(rp_recording_desc){.log = {.func = quiet}}, &rd) ==
                        RP_OK);
        rp_recording_stats st = rp_recording_stats_get(rd);
        RP_CHECK_MSG(st.samples == cases[k].samples && st.bad_blocks == cases[k].bad,
                     "case %zu: %lld samples, %lld bad", k, (long long)st.samples,
                     (long long)st.bad_blocks);
        int64_t wrong = rp_recording_read(rd, 0, 0, st.samples, got, NULL) == RP_OK ? 0 : 1;
        for (int64_t i = 0; i < st.samples; i++) {
            float want =
                i < RPR_BLOCK_SAMPLES ? sample_value(i) : 7.0f + (float)(i - RPR_BLOCK_SAMPLES);
            wrong += memcmp(&want, &got[i], 4) != 0;
        }
        RP_CHECK_EQ_INT(wrong, 0);
        rp_recording_close(rd);
    }
    for (int k = 0; k < 3; k++) free(bytes[k]);
}

int main(int argc, char **argv)
{
    snprintf(dir, sizeof dir, "/tmp/rp-test-record-%d", (int)getpid());
    mkdir(dir, 0700);
    if (argc > 1 && !strcmp(argv[1], "--big")) {
        test_big_matches_core();
        char cmd[300];
        snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
        if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
        return rp_test_finish();
    }
    test_round_trip_matches_core();
    test_export_merges_rounding();
    test_stats_over_calls();
    test_kill_after_flush();
    test_truncated_and_damaged();
    test_full_disk();
    test_overrun_counted();
    test_held_from_first_sample();
    test_timed_loss_is_gap();
    test_destroy_drains();
    test_borrowed_recorded();
    test_segments_keep_x();
    test_export();
    test_export_names_round_trip();
    test_export_some_series();
    test_misuse();
    test_scroll_back();
    test_scroll_back_hole();
    test_scroll_back_segments();
    test_scroll_back_stats();
    test_scroll_back_stats_over_calls();
    test_follow_forgets_retaken_block();
    test_follow_drops_scanned_pages();
    test_verify_finds_damage();
    test_segment_breaks();
    test_parts_file_growth();
    test_parts_crash(false);
    test_parts_crash(true);
    test_parts_followed();
    test_older_versions();
    char cmd[300];
    snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
    if (system(cmd) != 0) fprintf(stderr, "could not remove %s\n", dir);
    return rp_test_finish();
}
