/* Sources feed named series through the push path: text lines, CSV and binary frames through a
 * pipe, UDP datagrams on 127.0.0.1, CSV replay, the demo generator; malformed input is counted
 * and never disturbs the good samples around it; the series limit is enforced and counted. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <math.h>
#include <stdatomic.h>

#include "core/series_internal.h"
#include "figure/figure_internal.h"
#include "ingest/ingest.h"
#include "ingest/panels.h"
#include "ingest/signals.h"
#include "io/parse.h"
#include "rp_test.h"
#include "rp_test_ingest.h"
#include "rp_test_log.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static void test_text_pipe(void)
{
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(&(rp_ingest_desc){.capacity = 4096, .max_series = 4},
                                         (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    /* 1000 good lines for a and b, with junk of every kind mixed in */
    for (int i = 0; i < 1000; i++) {
        char line[128];
        /* b first: a stream that starts with plain name:value lines refuses its junk (one
         * decided by a '>' line takes it as log text: test_teleplot_serial_logs) */
        int n = snprintf(line, sizeof line, "b:%d.5\n>a:%d\n", i, i);
        RP_CHECK(write(fds[1], line, (size_t)n) == n);
        if (i % 100 == 0) {
            const char junk[] = "no colon here\n:5\nc:abc\n\x01\x02\xff binary\n";
            RP_CHECK(write(fds[1], junk, sizeof junk - 1) == (ssize_t)(sizeof junk - 1));
        }
    }
    /* more names than the limit: e..h, only two fit (a, b, c? no: c never had a good sample) */
    const char extra[] = "e:1\nf:2\ng:3\nh:4\nts:1700000000000:7\n";
    RP_CHECK(write(fds[1], extra, sizeof extra - 1) == (ssize_t)(sizeof extra - 1));
    close(fds[1]);
    rp_test_wait_ended(ing);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK(st.ended);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 1000);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "b"), 1000);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 4);
    RP_CHECK_EQ_INT(st.samples, 2002);      /* a, b and two of the extra names */
    RP_CHECK_EQ_INT(st.samples_dropped, 3); /* the other extra names: limit reached */
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_SERIES_LIMIT], 3);
    RP_CHECK(st.last_error[0] != 0);
    RP_CHECK_EQ_INT(st.lines_rejected, 10 * 4); /* 4 junk lines, 10 times */
    /* values exact, in order */
    rp_series *b = rp_test_find(ing, "b");
    RP_REQUIRE_VOID(b != NULL);
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(b, -1e300, 1e300, &lo, &hi, &found) == RP_OK && found);
    RP_CHECK(lo == 0.5f && hi == 999.5f);
    double x0, x1;
    RP_CHECK(rp_series_x_extent(b, &x0, &x1) == RP_OK && x1 >= x0 && x0 > 1e9); /* arrival times */
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* Bare numbers per line (Arduino Serial Plotter): auto-detected as text, named by position. */
static void test_bare_values(void)
{
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(rp_test_pipe_finish(ing, fds, "1.5,2\n2.5,3\n3.5;4\n"));
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "value1"), 3);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "value2"), 3);
    rp_ingest_destroy(ing);
    close(fds[0]);
}

static void test_binary_and_csv(void)
{
    int fds[2], cfd[2];
    RP_REQUIRE_VOID(pipe(fds) == 0 && pipe(cfd) == 0);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 100000}, &ing) == RP_OK);
    char err[256];
    RP_CHECK(rp_ingest_add_source(ing,
                                  &(rp_source_desc){.kind = RP_SOURCE_FD,
                                                    .fd.fd = fds[0],
                                                    .format = RP_FORMAT_BINARY,
                                                    .channels = 3,
                                                    .channel_names = "x,y",
                                                    .rate = 1000},
                                  err, sizeof err) == RP_OK);
    RP_CHECK(rp_ingest_add_source(
                 ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = cfd[0], .label = "csv"}, err,
                 sizeof err) == RP_OK);
    RP_CHECK(rp_ingest_add_source(
                 ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .format = RP_FORMAT_BINARY}, err,
                 sizeof err) == RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(err, "channels") != NULL);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    float frame[3 * 5000];
    for (int i = 0; i < 5000; i++) {
        frame[3 * i] = (float)i;
        frame[3 * i + 1] = (float)-i;
        frame[3 * i + 2] = 0.25f;
    }
    /* odd-sized writes split frames anywhere */
    const char *p = (const char *)frame;
    size_t left = sizeof frame;
    while (left) {
        size_t n = left < 1001 ? left : 1001;
        RP_CHECK(write(fds[1], p, n) == (ssize_t)n);
        p += n;
        left -= n;
    }
    close(fds[1]);
    const char csv[] =
        "time_ms,temp,\"hum idity\"\n0,20.5,40\n10,20.6,\n20,bad,41\n30,20.8\n40,20.9,43\n";
    RP_CHECK(write(cfd[1], csv, sizeof csv - 1) == (ssize_t)(sizeof csv - 1));
    close(cfd[1]);
    rp_test_wait_ended(ing);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "x"), 5000);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "y"), 5000);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "ch2"), 5000);
    rp_series *x = rp_test_find(ing, "x");
    RP_REQUIRE_VOID(x != NULL);
    rp_series_desc d = rp_series_get_desc(x);
    RP_CHECK(!d.timestamps && d.rate == 1000); /* uniform: rate given */
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(x, -1e300, 1e300, &lo, &hi, &found) == RP_OK && lo == 0 &&
             hi == 4999);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "temp"), 4); /* the short row is rejected whole */
    /* a bad field is a gap (NaN); an empty one beside a time is no sample at that time */
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "hum idity"), 3);
    rp_series *t = rp_test_find(ing, "temp");
    RP_REQUIRE_VOID(t != NULL);
    double x0, x1;
    RP_CHECK(rp_series_x_extent(t, &x0, &x1) == RP_OK && x0 == 0.0 && x1 == 0.04); /* ms → s */
    rp_ingest_destroy(ing);
    close(fds[0]);
    close(cfd[0]);
}

static void test_udp(void)
{
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    RP_REQUIRE_VOID(
        rp_ingest_add_source(
            ing, &(rp_source_desc){.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1", .udp.port = 0},
            err, sizeof err) == RP_OK);
    uint16_t port = rp_ingest_udp_port(ing, 0);
    RP_CHECK(port != 0);
    /* the same port again: a clear error */
    char err2[256];
    RP_CHECK(
        rp_ingest_add_source(
            ing,
            &(rp_source_desc){.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1", .udp.port = port},
            err2, sizeof err2) == RP_ERR_IO);
    RP_CHECK(strstr(err2, "cannot bind") != NULL);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    for (int i = 0; i < 200; i++) {
        char msg[256];
        int n = snprintf(msg, sizeof msg, "u:%d\nv:%d\n%s", i, i * 2,
                         i % 50 == 0 ? "bad line\n" : "w:1");
        sendto(fd, msg, (size_t)n, 0, (struct sockaddr *)&to, sizeof to);
        if (i % 20 == 0) sleep_ms(1);
    }
    for (int i = 0; i < RP_TEST_WAIT_STEPS / 10 &&
                    (rp_test_accepted(ing, "u") < 200 || rp_test_accepted(ing, "w") < 196);
         i++)
        sleep_ms(10);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "u"), 200);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "v"), 200);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "w"), 196);
    RP_CHECK_EQ_INT(st.datagrams, 200);
    RP_CHECK_EQ_INT(st.datagrams_rejected, 4);
    RP_CHECK_EQ_INT(st.senders, 1);
    RP_CHECK_EQ_INT(st.senders_rejected, 1);
    RP_CHECK_EQ_INT(st.lines_rejected, 4);
    close(fd);
    rp_ingest_destroy(ing);
}

/* Makes a file from the mkstemp template path (rewritten to its name) holding text. */
static bool temp_file(char *path, const char *text)
{
    int fd = mkstemp(path);
    if (fd < 0) return false;
    size_t n = strlen(text);
    bool ok = write(fd, text, n) == (ssize_t)n;
    close(fd);
    return ok;
}

/* An ingest of one replay source of the file at path (rate 0: none), played at speed
 * (INFINITY: at once), started and read to its end; NULL when the source or start failed. */
/* replay_to_end, its text values and log lines stored in notes (NULL: counted only). */
static rp_ingest *replay_to_end_notes(const char *path, double speed, double rate, rp_notes *notes)
{
    rp_ingest *ing = NULL;
    char err[256];
    if (rp_ingest_create(&(rp_ingest_desc){.notes = notes}, &ing) != RP_OK) return NULL;
    if (rp_ingest_add_source(
            ing,
            &(rp_source_desc){
                .kind = RP_SOURCE_REPLAY, .rate = rate, .replay.path = path, .replay.speed = speed},
            err, sizeof err) != RP_OK ||
        rp_ingest_start(ing) != RP_OK) {
        rp_ingest_destroy(ing);
        return NULL;
    }
    rp_test_wait_ended(ing);
    return ing;
}

static rp_ingest *replay_to_end(const char *path, double speed, double rate)
{
    return replay_to_end_notes(path, speed, rate, NULL);
}

/* A replayed file of Teleplot lines with timestamps (name:timestamp_ms:value, as captured from a
 * board) keeps its pace as a CSV's time column does: 2 s of data at 10x take 0.2 s. It was read
 * at once whatever the speed said. (A lower bound only: a slow machine takes longer, never less.) */
static void test_replay_text_paced(void)
{
    char path[] = "/tmp/rp_test_replay_text_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, "a:1000:1\na:2000:2\na:3000:3\n"));
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    RP_REQUIRE_VOID(
        rp_ingest_add_source(
            ing,
            &(rp_source_desc){.kind = RP_SOURCE_REPLAY, .replay.path = path, .replay.speed = 10},
            err, sizeof err) == RP_OK);
    double t0 = rp_wall_seconds();
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    rp_test_wait_ended(ing);
    double took = rp_wall_seconds() - t0;
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 3);
    RP_CHECK_MSG(took >= 0.19, "replay at 10x of 2 s took %.3f s", took); /* paced */
    /* labelled with its file's name (its panel's title, the name in stats and messages) */
    const char *label = rp_ingest_source_stats(ing, 0).label;
    RP_CHECK_MSG(!strcmp(label, strrchr(path, '/') + 1), "replay labelled '%s'", label);
    rp_ingest_destroy(ing);
    unlink(path);
}

/* Rows without a time are paced by --rate (R lines a second; they were played at once whatever
 * the rate said), and a replay stopped before its rows are due plays no more of them (the rest of
 * the 64 kB read went in at once: 6774 rows of a file at 1 row/s after 0.26 s). Lower bounds and
 * an upper bound far from the pace only: a slow machine takes longer, never less. */
static void test_replay_untimed_paced_and_stopped(void)
{
    char path[] = "/tmp/rp_test_replay_rate_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, "v:1\nv:2\nv:3\nv:4\n"));
    double t0 = rp_wall_seconds();
    rp_ingest *ing = replay_to_end(path, 1.0, 20); /* 4 lines at 20 a second: 0.15 s */
    RP_REQUIRE_VOID(ing != NULL);
    double took = rp_wall_seconds() - t0;
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "v"), 4);
    RP_CHECK_MSG(took >= 0.14, "4 untimed lines at --rate 20 took %.3f s", took);
    rp_ingest_destroy(ing);
    unlink(path);

    char csv[] = "/tmp/rp_test_replay_stop_XXXXXX";
    static char text[40000];
    int n = snprintf(text, sizeof text, "time,a\n");
    for (int i = 0; i < 3000; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%d,%d\n", i, i);
    RP_REQUIRE_VOID(temp_file(csv, text));
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    RP_REQUIRE_VOID(
        rp_ingest_add_source(
            ing, &(rp_source_desc){.kind = RP_SOURCE_REPLAY, .replay.path = csv, .replay.speed = 1},
            err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    for (int i = 0; i < RP_TEST_WAIT_STEPS && rp_ingest_source_stats(ing, 0).samples < 1; i++)
        sleep_ms(1);
    rp_ingest_stop(ing);
    int64_t played = rp_ingest_source_stats(ing, 0).samples;
    RP_CHECK_MSG(played >= 1 && played < 100, "%lld rows of a 1-row/s file played at a stop",
                 (long long)played);
    rp_ingest_destroy(ing);
    unlink(csv);
}

/* A file played at once holds all of its rows: each series' capacity is the file's line count
 * (4096 at least), not a span's worth of its rate; paced, a span's worth as for live sources. */
static void test_replay_whole(void)
{
    char path[] = "/tmp/rp_test_replay_whole_XXXXXX";
    static char text[300000];
    int n = snprintf(text, sizeof text, "t,a\n");
    for (int i = 0; i < 10000; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%d,%d\n", i, i % 3);
    RP_REQUIRE_VOID(temp_file(path, text));
    for (int paced = 0; paced < 2; paced++) {
        rp_ingest *ing = replay_to_end(path, paced ? 1e6 : INFINITY, 0);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 10000);
        rp_series *a = rp_test_find(ing, "a");
        RP_REQUIRE_VOID(a != NULL);
        /* paced at 1 sample/s: 3 × 10 s × 1/s, at least 4096 */
        RP_CHECK_EQ_INT((int)rp_series_get_desc(a).capacity, paced ? 4096 : 10001);
        rp_ingest_destroy(ing);
    }
    unlink(path);
}

/* A file played at once has no clock for its untimed rows: each is at its index, from 0, or
 * index / rate with a rate; never at a guessed rate. An empty field is a gap that keeps its row. */
static void test_replay_rows_by_index(void)
{
    char path[] = "/tmp/rp_test_replay_rows_XXXXXX";
    static char text[200000];
    int n = snprintf(text, sizeof text, "a,b\n");
    for (int i = 0; i < 5000; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%d,%d\n", i, -i);
    n += snprintf(text + n, sizeof text - (size_t)n, "7,\n"); /* b empty: a gap, still a row */
    RP_REQUIRE_VOID(temp_file(path, text));
    for (int with_rate = 0; with_rate < 2; with_rate++) {
        rp_ingest *ing = replay_to_end(path, INFINITY, with_rate ? 250 : 0);
        RP_REQUIRE_VOID(ing != NULL);
        double unit = with_rate ? 1.0 / 250 : 1.0, x0 = -1, x1 = -1;
        rp_series *a = rp_test_find(ing, "a"), *b = rp_test_find(ing, "b");
        RP_REQUIRE_VOID(a && b);
        RP_CHECK(rp_series_x_extent(a, &x0, &x1) == RP_OK);
        RP_CHECK_NEAR(x0, 0, 1e-12);
        RP_CHECK_NEAR(x1, 5000 * unit, 1e-9);
        RP_CHECK(rp_series_x_extent(b, &x0, &x1) == RP_OK);
        RP_CHECK_NEAR(x0, 0, 1e-12);
        RP_CHECK_NEAR(x1, 5000 * unit, 1e-9);
        /* the row 1234 of a holds 1234, at x 1234 (rows) or 1234 / 250 s */
        int64_t index = -1;
        double x = -1;
        float v = -1;
        RP_CHECK(rp_series_sample_near(a, 1234 * unit + unit / 4, &index, &x, &v) == RP_OK);
        RP_CHECK_NEAR(v, 1234, 0);
        RP_CHECK_NEAR(x, 1234 * unit, 1e-9);
        rp_ingest_destroy(ing);
    }
    unlink(path);
}

/* A uniform series first seen later (line 200 of `a:..` lines, then `a:..,b:..`) starts beside
 * the newest sample of the one that came most, not at the start with the first lines: with
 * --rate on a pipe, and by row in a file played at once. */
static void test_uniform_series_later(void)
{
    static char text[20000];
    int n = 0;
    for (int i = 0; i < 400; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, i < 200 ? "a:%d\n" : "a:%d,b:%d\n", i, i);
    char path[] = "/tmp/rp_test_uniform_later_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, text));
    for (int file = 0; file < 2; file++) {
        rp_ingest *ing = NULL;
        int fds[2] = {-1, -1};
        double unit = file ? 1.0 : 1.0 / 100;
        if (file) {
            ing = replay_to_end(path, INFINITY, 0);
            RP_REQUIRE_VOID(ing != NULL);
        } else {
            ing = rp_test_pipe_ingest(NULL, (rp_source_desc){.rate = 100}, fds);
            RP_REQUIRE_VOID(ing != NULL);
            RP_CHECK(rp_test_pipe_finish(ing, fds, text));
        }
        rp_series *a = rp_test_find(ing, "a"), *b = rp_test_find(ing, "b");
        RP_REQUIRE_VOID(a && b);
        double a0, a1, b0, b1;
        RP_REQUIRE_VOID(rp_series_x_extent(a, &a0, &a1) == RP_OK &&
                        rp_series_x_extent(b, &b0, &b1) == RP_OK);
        RP_CHECK_NEAR(a1 - a0, 399 * unit, 1e-6);
        RP_CHECK_MSG(fabs(b0 - (a0 + 200 * unit)) <= unit * 1.001, "b from %.4f, a[200] at %.4f",
                     b0, a0 + 200 * unit);
        RP_CHECK_MSG(fabs(b1 - a1) <= unit * 1.001, "b to %.4f, a to %.4f", b1, a1);
        rp_ingest_destroy(ing);
        if (fds[0] >= 0) close(fds[0]);
    }
    unlink(path);
}

/* A text file played at once has rows: one sample of each series, a series met again begins the
 * next. "a:..,b:.." every 4th line and "a:.." on the others: b's samples sit at their lines' rows
 * (counted alone, its 50 samples sat at 0..49 beside a's 0..199), with gaps between; "temp" and
 * "hum" on lines of their own make a row a pair (a line is no row of its own). */
static void test_text_rows_by_line(void)
{
    static char text[8000];
    int n = 0;
    for (int i = 0; i < 200; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, i % 4 ? "a:%d\n" : "a:%d,b:%d\n", i, i);
    char path[] = "/tmp/rp_test_rows_by_line_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, text));
    rp_ingest *ing = replay_to_end(path, INFINITY, 0);
    RP_REQUIRE_VOID(ing != NULL);
    rp_series *b = rp_test_find(ing, "b");
    RP_REQUIRE_VOID(b != NULL);
    for (int row = 0; row < 200; row += 4) {
        int64_t index = -1;
        double x = -1;
        float v = -1;
        RP_CHECK(rp_series_sample_near(b, row, &index, &x, &v) == RP_OK);
        RP_CHECK_MSG(v == (float)row && x == row, "b's sample of line %d: %g at x %g", row, v, x);
    }
    rp_range_stats st;
    RP_CHECK(rp_series_range_stats(b, 0, 200, &st) == RP_OK && st.finite == 50);
    rp_ingest_destroy(ing);
    unlink(path);
    char pairs[] = "/tmp/rp_test_rows_pairs_XXXXXX";
    RP_REQUIRE_VOID(temp_file(pairs, "temp:21\nhum:40\ntemp:22\nhum:41\ntemp:23\nhum:42\n"));
    ing = replay_to_end(pairs, INFINITY, 0);
    RP_REQUIRE_VOID(ing != NULL);
    rp_series *hum = rp_test_find(ing, "hum");
    double h0 = -1, h1 = -1;
    RP_CHECK(hum && rp_series_x_extent(hum, &h0, &h1) == RP_OK && h0 == 0 && h1 == 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "hum"), 3);
    rp_ingest_destroy(ing);
    unlink(pairs);
}

/* A text value or log line in a text file played at once lands at the row the file's samples
 * have reached where it stands, as live arrival order would put it, or that row / rate with a
 * rate: ">st:on|t" after ">v:20" at 20, ">:Motor stopped" after "v:30" at 30 (every note of such
 * a file was at x = 0: "off" over the whole file and "on" never seen). */
static void test_text_rows_notes(void)
{
    static char text[4000];
    int n = 0;
    for (int i = 0; i < 50; i++) {
        n += snprintf(text + n, sizeof text - (size_t)n, ">v:%d\n", i);
        if (i == 20) n += snprintf(text + n, sizeof text - (size_t)n, ">st:on|t\n");
        if (i == 30)
            n += snprintf(text + n, sizeof text - (size_t)n, ">st:off|t\n>:Motor stopped\n");
    }
    char path[] = "/tmp/rp_test_rows_notes_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, text));
    for (int with_rate = 0; with_rate < 2; with_rate++) {
        double unit = with_rate ? 1.0 / 10 : 1.0;
        rp_notes *notes = NULL;
        RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
        rp_ingest *ing = replay_to_end_notes(path, INFINITY, with_rate ? 10 : 0, notes);
        RP_REQUIRE_VOID(ing != NULL);
        rp_note out[4];
        RP_REQUIRE_VOID(rp_notes_read_texts(notes, 0, -INFINITY, INFINITY, out, 4) == 2);
        RP_CHECK_MSG(!strcmp(out[0].text, "on") && fabs(out[0].x - 20 * unit) < 1e-9,
                     "'%s' at %g (rate %d)", out[0].text, out[0].x, with_rate);
        RP_CHECK_MSG(!strcmp(out[1].text, "off") && fabs(out[1].x - 30 * unit) < 1e-9,
                     "'%s' at %g (rate %d)", out[1].text, out[1].x, with_rate);
        RP_CHECK(rp_notes_text_at(notes, 0, 25 * unit, &out[0]) && !strcmp(out[0].text, "on"));
        RP_REQUIRE_VOID(rp_notes_read_logs(notes, -INFINITY, INFINITY, out, 4) == 1);
        RP_CHECK_MSG(fabs(out[0].x - 30 * unit) < 1e-9, "log at %g", out[0].x);
        /* the note's x is the x of its row's sample */
        rp_series *v = rp_test_find(ing, "v");
        RP_CHECK(v && fabs(rp_x_at(v, 30) - 30 * unit) < 1e-9);
        rp_ingest_destroy(ing);
        rp_notes_destroy(notes);
    }
    unlink(path);
}

/* The Arduino IDE's "Show timestamp" capture across midnight (23:59:58 .. 00:00:01.9, 100 ms
 * apart): in a file played at once, paced and on a pipe every line is kept, 100 ms apart, with
 * no clock reset (a file refused the 20 lines after midnight as out of order; a pipe took
 * midnight for a reset and put the next line 1 ms after the one before). */
static void test_time_of_day_midnight_sources(void)
{
    static char text[4000];
    int n = 0;
    for (int i = 0; i < 40; i++) {
        int ms = (86398000 + i * 100) % 86400000;
        n += snprintf(text + n, sizeof text - (size_t)n, "%02d:%02d:%02d.%03d -> %d %d\n",
                      ms / 3600000, ms / 60000 % 60, ms / 1000 % 60, ms % 1000, i, 2 * i);
    }
    char path[] = "/tmp/rp_test_midnight_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, text));
    for (int how = 0; how < 3; how++) { /* at once, paced (fast), a pipe */
        rp_ingest *ing = NULL;
        int fds[2] = {-1, -1};
        if (how < 2) {
            ing = replay_to_end(path, how ? 100 : INFINITY, 0);
        } else {
            ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
            RP_CHECK(ing && rp_test_pipe_finish(ing, fds, text));
        }
        RP_REQUIRE_VOID(ing != NULL);
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        RP_CHECK_MSG(st.refused[RP_REFUSED_OUT_OF_ORDER] == 0 && st.clock_resets == 0,
                     "how %d: %lld out of order, %lld resets", how,
                     (long long)st.refused[RP_REFUSED_OUT_OF_ORDER], (long long)st.clock_resets);
        rp_series *v = rp_test_find(ing, "value1");
        RP_REQUIRE_VOID(v != NULL);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, "value1"), 40);
        RP_CHECK_MSG(fabs(rp_x_at(v, 39) - rp_x_at(v, 0) - 3.9) < 1e-6, "how %d: %.4f s", how,
                     rp_x_at(v, 39) - rp_x_at(v, 0));
        rp_ingest_destroy(ing);
        if (fds[0] >= 0) close(fds[0]);
    }
    unlink(path);
}

/* What files played at once hold: times 1 ns apart (an oscilloscope's CSV at 1 GS/s) kept to the
 * nanosecond, not collapsed onto whole microseconds; a row whose time goes back refused as out of
 * order, the rows after it at their own times (a file has no clock to restart on); a column
 * whose first value is words is no series and said so; OVER in a number column is a gap; Rigol's
 * export (X, Start, Increment) is read with its time. */
static void test_replay_file_times(void)
{
    static char text[60000];
    int n = snprintf(text, sizeof text, "time,v\n");
    for (int i = 0; i < 2000; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%.6e,%d\n", (i - 1000) * 1e-9, i);
    const char *files[6] = {text, "time,v\n0,1\n10,2\n20,3\n-60,99\n30,4\n40,5\n",
                            "time,name,v,w\n0,GPU A,OVER,1\n1,GPU A,2,2\n",
                            "time,name,v\n0,GPU A,1\n1,GPU A,2\n",
                            /* Rigol: time = Start + X * Increment; rows end with ',' or not */
                            "X,v,CH2,Start,Increment,\nSequence,Volt,Volt,-5.0e-04,1.0e-06\n"
                            "0,1.0,2.0,\n1,1.5,2.5,\n2,2.0,3.0,\n",
                            "X,v,Start,Increment\nSequence,Volt,-5.0e-04,1.0e-06\n"
                            "0,1.0\n1,1.5\n2,2.0\n"};
    for (int f = 0; f < 6; f++) {
        char path[] = "/tmp/rp_test_file_times_XXXXXX";
        RP_REQUIRE_VOID(temp_file(path, files[f]));
        rp_ingest *ing = replay_to_end(path, INFINITY, 0);
        RP_REQUIRE_VOID(ing != NULL);
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        rp_series *v = rp_test_find(ing, "v");
        RP_REQUIRE_VOID(v != NULL);
        int64_t first = v->desc.first_index;
        if (f == 0) {
            double worst = 0;
            for (int i = 1; i < 2000; i++) {
                double dx = rp_x_at(v, first + i) - rp_x_at(v, first + i - 1);
                if (fabs(dx - 1e-9) > worst) worst = fabs(dx - 1e-9);
            }
            RP_CHECK_MSG(worst < 1e-12, "1 ns spacing off by %.3g s", worst);
        } else if (f == 1) {
            RP_CHECK_EQ_INT(rp_series_stats_get(v).accepted, 5);
            RP_CHECK_EQ_INT(st.refused[RP_REFUSED_OUT_OF_ORDER], 1);
            RP_CHECK_EQ_INT(st.clock_resets, 0);
            RP_CHECK_NEAR(rp_x_at(v, first + 3), 30.0, 1e-6); /* at its own time, not moved */
            RP_CHECK_NEAR(rp_x_at(v, first + 4), 40.0, 1e-6);
        } else if (f >= 4) {
            RP_CHECK_EQ_INT(rp_series_stats_get(v).accepted, 3);
            RP_CHECK_NEAR(rp_x_at(v, first), -5e-4, 1e-12);
            RP_CHECK_NEAR(rp_x_at(v, first + 2), -5e-4 + 2e-6, 1e-12);
            RP_CHECK(rp_sample_at(v, first + 1) == 1.5f && !strcmp(rp_series_unit(v), "Volt"));
            RP_CHECK(rp_test_find(ing, "Start") == NULL && rp_test_find(ing, "X") == NULL);
            RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 0);
        } else if (f == 3) {
            RP_CHECK(rp_test_find(ing, "name") == NULL);
            RP_CHECK_MSG(strstr(st.last_error, "column 'name' holds words ('GPU A'") != NULL, "%s",
                         st.last_error);
        } else {
            RP_CHECK(rp_test_find(ing, "name") == NULL);
            /* a gap before its first number is nothing drawn: the series starts at 1 s */
            RP_CHECK(rp_series_stats_get(v).accepted == 1 && rp_sample_at(v, first) == 2.0f);
            RP_CHECK_NEAR(rp_x_at(v, first), 1.0, 1e-9);
            RP_CHECK_EQ_INT(rp_test_accepted(ing, "w"), 2);
            /* a gap said by nobody (README: no-value words are gaps), only the column of words */
            RP_CHECK_MSG(strstr(st.last_error, "OVER") == NULL, "%s", st.last_error);
        }
        rp_ingest_destroy(ing);
        unlink(path);
    }
}

static void test_replay_and_demo(void)
{
    char path[] = "/tmp/rp_test_replay_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, "seconds;a;b\n1;1,5;2\n2;2,5;3\n3;3,5;4\n"));
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    RP_CHECK(rp_ingest_add_source(
                 ing,
                 &(rp_source_desc){.kind = RP_SOURCE_REPLAY, .replay.path = "/nonexistent/x.csv"},
                 err, sizeof err) == RP_ERR_IO);
    RP_CHECK(strstr(err, "cannot open") != NULL);
    RP_REQUIRE_VOID(
        rp_ingest_add_source(
            ing,
            &(rp_source_desc){.kind = RP_SOURCE_REPLAY, .replay.path = path, .replay.speed = 100},
            err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &(rp_source_desc){.kind = RP_SOURCE_DEMO}, err,
                                         sizeof err) == RP_OK);
    double t0 = rp_wall_seconds();
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    for (int i = 0; i < RP_TEST_WAIT_STEPS / 10 && rp_test_accepted(ing, "b") < 3; i++)
        sleep_ms(10);
    double took = rp_wall_seconds() - t0;
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 3);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "b"), 3);
    RP_CHECK_MSG(took >= 0.015, "replay at 100x of 2 s took %.3f s", took); /* paced, not instant */
    rp_series *a = rp_test_find(ing, "a");
    RP_REQUIRE_VOID(a != NULL);
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(a, 0, 10, &lo, &hi, &found) == RP_OK && lo == 1.5f && hi == 3.5f);
    for (int i = 0; i < RP_TEST_WAIT_STEPS && (rp_test_accepted(ing, "sensor/pressure") <= 1000 ||
                                               rp_test_accepted(ing, "imu/accel z") <= 10);
         i++)
        sleep_ms(1);
    RP_CHECK(rp_test_accepted(ing, "sensor/pressure") > 1000); /* 100 kHz demo channel */
    RP_CHECK(rp_test_accepted(ing, "imu/accel z") > 10);
    RP_CHECK(rp_test_find(ing, "env/temperature") != NULL);
    rp_ingest_destroy(ing);
    unlink(path);
}

/* ---- time (issue 10): an arrival clock the test steps, so every x is exact ------------------- */

typedef struct step_clock {
    _Atomic double t;
} step_clock;

static double step_now(void *user) { return atomic_load(&((step_clock *)user)->t); }

typedef struct clocked {
    rp_test_log *log; /* the source's log channel (NULL: none) */
    rp_notes *notes;  /* the ingest's notes store (NULL: none); set before opening */
    double rate;      /* the source's given rate (0: none); set before opening */
    rp_ingest *ing;
    step_clock clock;
    int w; /* write end of the source's pipe */
    int r;
    int64_t written;
} clocked;

static bool clocked_open_log(clocked *c, double t0, int64_t capacity, rp_test_log *log)
{
    c->log = log;
    int fds[2];
    if (pipe(fds) != 0) return false;
    c->r = fds[0];
    c->w = fds[1];
    c->written = 0;
    atomic_store(&c->clock.t, t0);
    rp_ingest_desc d = {
        .capacity = capacity, .clock = step_now, .clock_user = &c->clock, .notes = c->notes};
    if (rp_ingest_create(&d, &c->ing) != RP_OK) return false;
    char err[256];
    if (rp_ingest_add_source(
            c->ing,
            &(rp_source_desc){.kind = RP_SOURCE_FD,
                              .format = RP_FORMAT_TEXT,
                              .rate = c->rate,
                              .fd.fd = fds[0],
                              .log = log ? rp_test_log_desc(log) : (rp_log_desc){0}},
            err, sizeof err) != RP_OK)
        return false;
    return rp_ingest_start(c->ing) == RP_OK;
}

static bool clocked_open(clocked *c, double t0, int64_t capacity)
{
    c->notes = NULL;
    c->rate = 0;
    return clocked_open_log(c, t0, capacity, NULL);
}

/* Waits until the source's newest message mentions marker (it has reported what was written). */
static bool wait_last_error(rp_ingest *ing, const char *marker)
{
    for (int i = 0; i < RP_TEST_WAIT_STEPS; i++, sleep_ms(1))
        if (strstr(rp_ingest_source_stats(ing, 0).last_error, marker)) return true;
    return false;
}

/* Sets the clock to t, writes text and waits until the source has read all of it (so every
 * byte arrives at exactly t). */
static void clocked_write(clocked *c, double t, const char *text, size_t len)
{
    atomic_store(&c->clock.t, t);
    RP_CHECK(write(c->w, text, len) == (ssize_t)len);
    c->written += (int64_t)len;
    /* 20 us steps: a test of 10 000 reads waited 1 ms a read */
    for (int i = 0;
         i < RP_TEST_WAIT_STEPS * 50 && rp_ingest_source_stats(c->ing, 0).bytes < c->written; i++)
        nanosleep(&(struct timespec){0, 20000}, NULL);
}

static void clocked_end(clocked *c, double t)
{
    atomic_store(&c->clock.t, t);
    close(c->w);
    rp_test_wait_ended(c->ing);
}

static void clocked_close(clocked *c)
{
    rp_ingest_destroy(c->ing);
    close(c->r);
}

/* Ends the input at t and returns series name, checked to hold n samples (NULL: missing). */
static rp_series *clocked_series(clocked *c, double t, const char *name, int64_t n)
{
    clocked_end(c, t);
    rp_series *s = rp_test_find(c->ing, name);
    RP_CHECK_MSG(s && rp_series_stats_get(s).accepted == n, "series %s: %lld of %lld", name,
                 (long long)rp_test_accepted(c->ing, name), (long long)n);
    return s;
}

/* x grows strictly over the first n samples. */
static void check_increasing(rp_series *s, int64_t n)
{
    int64_t bad = 0;
    for (int64_t i = 1; i < n; i++) bad += !(rp_x_at(s, i) > rp_x_at(s, i - 1));
    RP_CHECK_EQ_INT(bad, 0);
}

/* The widest step between two consecutive samples of s from index `from` to n - 1 (s). */
static double widest_step(rp_series *s, int64_t from, int64_t n)
{
    double widest = 0;
    for (int64_t i = from; i < n; i++) widest = fmax(widest, rp_x_at(s, i) - rp_x_at(s, i - 1));
    return widest;
}

static void lines(char *buf, size_t size, size_t *len, const char *name, int from, int to)
{
    *len = 0;
    for (int i = from; i < to; i++)
        *len += (size_t)snprintf(buf + *len, size - *len, "%s:%d\n", name, i);
}

/* Writes lines name:from .. name:to-1 at clock time t (clocked_write). */
static void clocked_lines(clocked *c, double t, const char *name, int from, int to)
{
    static char buf[1 << 16];
    size_t len;
    lines(buf, sizeof buf, &len, name, from, to);
    clocked_write(c, t, buf, len);
}

/* 100 samples, 3 s of silence, 100 more: two bursts with a gap; neither is smeared back over the
 * silence before it (nor the first over the 10 s the listener waited). */
/* A listener opened at 990 s; `name` gets samples 0..n/2-1 at t1 and n/2..n-1 at t2; the input
 * ends at `end`. The series, checked to hold n samples (NULL: missing). */
static rp_series *clocked_two_runs(clocked *c, const char *name, double t1, double t2, int n,
                                   double end)
{
    if (!clocked_open(c, 990.0, 0)) return NULL;
    clocked_lines(c, t1, name, 0, n / 2);
    clocked_lines(c, t2, name, n / 2, n);
    return clocked_series(c, end, name, n);
}

static void test_arrival_burst_gap(void)
{
    clocked c = {0};
    rp_series *s = clocked_two_runs(&c, "a", 1000.0, 1003.0, 200, 1004.0);
    RP_REQUIRE_VOID(s != NULL);
    RP_CHECK(!rp_series_get_desc(s).timestamps); /* uniform store: 4.3 B/sample */
    RP_CHECK_MSG(rp_x_at(s, 0) > 999.0, "first x %.3f", rp_x_at(s, 0)); /* not back to 990 */
    RP_CHECK_MSG(fabs(rp_x_at(s, 99) - 1000.0) < 1e-6, "x99 %.6f",
                 rp_x_at(s, 99));                                         /* ends at its arrival */
    RP_CHECK_MSG(rp_x_at(s, 100) > 1002.0, "x100 %.3f", rp_x_at(s, 100)); /* after the silence */
    RP_CHECK_MSG(fabs(rp_x_at(s, 199) - 1003.0) < 1e-6, "x199 %.6f", rp_x_at(s, 199));
    check_increasing(s, 200);
    clocked_close(&c);
}

/* The first burst of a series whose rate is not known yet is held (not drawn at a guessed 1 kHz)
 * until reads without a silence between them give the rate, then drawn on that rate ending at its
 * arrival. Here the burst is followed by 0.6 s of silence (longer than the 0.5 s a new series
 * waited before) and then 200 samples/s in reads of 2 every 10 ms. */
static void test_arrival_first_burst(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 990.0, 0));
    clocked_lines(&c, 1000.0, "f", 0, 100);
    for (int k = 0; k < 100; k++) {
        clocked_lines(&c, 1000.6 + 0.01 * k, "f", 100 + 2 * k, 102 + 2 * k);
    }
    rp_series *s = clocked_series(&c, 1002.0, "f", 300);
    RP_REQUIRE_VOID(s != NULL);
    RP_CHECK_MSG(fabs(rp_x_at(s, 99) - 1000.0) < 1e-6, "x99 %.6f", rp_x_at(s, 99));
    double spacing = (rp_x_at(s, 99) - rp_x_at(s, 0)) / 99;
    RP_CHECK_MSG(fabs(spacing - 1.0 / 200) < 0.1 / 200, "first burst spacing %.6f s", spacing);
    RP_CHECK(rp_x_at(s, 100) > 1000.5); /* after the silence */
    check_increasing(s, 300);
    clocked_close(&c);
}

/* A board that dumps 100 lines at once over USB: the kernel hands them over in two reads 100 us
 * apart, then nothing. That is one burst, not a stream at 500 k samples/s: it was measured as one,
 * so the series got 15 M samples (68 MB) and its 100 samples were drawn 2 us apart. Now the
 * clock measures a rate only over 0.1 s of continuous arrivals: the rate stays unknown (256 k
 * samples) and the burst is drawn at 1 kHz from its arrival on, as one read would be. */
static void test_arrival_split_burst(void)
{
    clocked c = {0};
    rp_series *s = clocked_two_runs(&c, "dump", 1000.0, 1000.0001, 100, 1003.0);
    RP_REQUIRE_VOID(s != NULL);
    RP_CHECK_MSG(rp_series_get_desc(s).capacity <= (1 << 18), "capacity %lld",
                 (long long)rp_series_get_desc(s).capacity);
    double spacing = (rp_x_at(s, 99) - rp_x_at(s, 0)) / 99;
    RP_CHECK_MSG(fabs(spacing - 1e-3) < 1e-6, "burst spacing %.9f s", spacing);
    RP_CHECK_MSG(fabs(rp_x_at(s, 49) - 1000.0) < 1e-6, "x49 %.6f", rp_x_at(s, 49)); /* arrival */
    check_increasing(s, 100);
    clocked_close(&c);
}

/* A series whose reads each bring one sample (a slow sensor, an MQTT message per value) has
 * nothing to space: it is created 0.5 s after its first sample, not held for a rate. */
static void test_arrival_single_samples(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 100.0, 0));
    clocked_write(&c, 100.0, "slow:1\n", 7);
    atomic_store(&c.clock.t, 100.6); /* the source's next idle flush sees 0.6 s passed */
    for (int i = 0; i < RP_TEST_WAIT_STEPS && !rp_test_find(c.ing, "slow"); i++) sleep_ms(1);
    rp_series *s = rp_test_find(c.ing, "slow");
    RP_CHECK(s != NULL);
    RP_CHECK(s && fabs(rp_x_at(s, 0) - 100.0) < 1e-9); /* at its arrival */
    clocked_end(&c, 101.0);
    clocked_close(&c);
}

/* 1 kHz in reads of 10 samples every 10 ms for 4 s: the rate is estimated (and reported), the
 * samples are evenly spaced, and the newest x stays near the clock. */
static void test_arrival_steady(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 2000.0, 0));
    for (int step = 1; step <= 400; step++) {
        clocked_lines(&c, 2000.0 + step * 0.01, "s", (step - 1) * 10, step * 10);
    }
    rp_series *s = rp_test_find(c.ing, "s");
    RP_REQUIRE_VOID(s != NULL);
    int64_t n = rp_series_stats_get(s).accepted;
    RP_CHECK_EQ_INT(n, 4000);
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(fabs(rate - 1000.0) < 20.0, "estimated rate %.2f", rate);
    double drift = rp_x_at(s, n - 1) - 2004.0;
    RP_CHECK_MSG(fabs(drift) < 0.1, "drift against the clock %.4f s", drift);
    /* steady: over the last 2 s every spacing is within 5 % of 1 ms */
    int uneven = 0;
    for (int64_t i = n - 2000; i < n; i++) {
        double dx = rp_x_at(s, i) - rp_x_at(s, i - 1);
        if (fabs(dx - 1e-3) > 5e-5) uneven++;
    }
    RP_CHECK_MSG(uneven == 0, "%d uneven spacings", uneven);
    /* capacity from the measured rate: 3 x 10 s x ~1 kHz, not a fixed megasample */
    int64_t cap = rp_series_get_desc(s).capacity;
    RP_CHECK_MSG(cap >= 25000 && cap <= 40000, "capacity %lld", (long long)cap);
    clocked_end(&c, 2004.5);
    clocked_close(&c);
}

/* 100 lines a second for 3 s, a board's backlog of 500 lines at once, 4 s of silence, then 100 a
 * second again: after the silence the samples are 10 ms apart from the first on. The burst's
 * read made the rate 50 000/s (a stream that sped up, unconfirmed), and the first 10 samples
 * after the silence were drawn 0.02 ms apart, then a 0.11 s hole where the check measured
 * 100/s (QA). */
static void test_arrival_burst_silence_resume(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 3000.0, 0));
    int v = 0;
    for (int i = 1; i <= 300; i++, v++) clocked_lines(&c, 3000.0 + i * 0.01, "p", v, v + 1);
    clocked_lines(&c, 3003.02, "p", v, v + 500);
    v += 500;
    for (int i = 1; i <= 200; i++, v++) clocked_lines(&c, 3007.02 + i * 0.01, "p", v, v + 1);
    rp_series *s = clocked_series(&c, 3010.0, "p", 1000);
    RP_REQUIRE_VOID(s != NULL);
    int uneven = 0;
    for (int64_t i = 801; i < 1000; i++) {
        double dx = rp_x_at(s, i) - rp_x_at(s, i - 1);
        if (fabs(dx - 0.01) > 0.0005) uneven++;
    }
    RP_CHECK_MSG(uneven == 0, "%d uneven spacings after the silence (800..801 %.5f s)", uneven,
                 rp_x_at(s, 801) - rp_x_at(s, 800));
    RP_CHECK_MSG(fabs(rp_x_at(s, 800) - 3007.03) < 0.005, "the first after the silence at %.4f",
                 rp_x_at(s, 800));
    clocked_close(&c);
}

/* A board's timestamped 'a' (its millis(), 100 Hz) beside its untimed 'b' (10 Hz, a line with
 * every 10th of a's) that resets after a 0.3 s stall: b's line breaks at the reset as a's does,
 * and b's samples after it sit where a's sent with them do. b was joined at its old cadence
 * across the stall, its samples 0.3 s before a's, and its line drawn through the reset (QA). */
static void test_untimed_beside_reset(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 1000.0, 0));
    char text[64];
    double t = 1000.0;
    for (int seg = 0; seg < 2; seg++) {
        for (int k = 0; k < 200; k++) {
            t += 0.01;
            int v = seg * 1000 + k;
            int n = snprintf(text, sizeof text, ">a:%d:%d\n", (seg ? 5 : 1000) + 10 * k, v);
            if (k % 10 == 0) n += snprintf(text + n, sizeof text - (size_t)n, ">b:%d\n", v);
            clocked_write(&c, t, text, (size_t)n);
        }
        t += 0.3; /* the stall, then the reboot's millis() from 5 */
    }
    clocked_end(&c, t + 0.5);
    rp_series *a = rp_test_find(c.ing, "a"), *b = rp_test_find(c.ing, "b");
    RP_REQUIRE_VOID(a && b);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(c.ing, 0).clock_resets, 1);
    int64_t na = rp_series_stats_get(a).accepted, nb = rp_series_stats_get(b).accepted;
    RP_CHECK_EQ_INT(na, 401); /* and the NaN at the reset */
    /* b's first sample of the new boot (value 1000) beside a's (1000), and its line broken:
     * more than 1.5 of its periods after its last sample before */
    int64_t ia = -1, ib = -1;
    for (int64_t i = 0; i < na; i++)
        if (rp_sample_at(a, i) == 1000.0f) ia = i;
    for (int64_t i = 0; i < nb; i++)
        if (rp_sample_at(b, i) == 1000.0f) ib = i;
    RP_REQUIRE_VOID(ia >= 0 && ib > 0);
    double off = rp_x_at(b, ib) - rp_x_at(a, ia);
    RP_CHECK_MSG(fabs(off) < 0.02, "b's first sample after the reset %.3f s from a's", off);
    double step = rp_x_at(b, ib) - rp_x_at(b, ib - 1);
    RP_CHECK_MSG(step > 0.15 || isnan(rp_sample_at(b, ib - 1)), "b's step over the reset %.3f s",
                 step);
    clocked_close(&c);
}

/* 10 kHz whose first full stage came in reads 10x faster (4 reads of 128, 1.28 ms apart: two
 * datagrams a sender wrote back to back): a gross error is measured again after 20 ms of the
 * reads after the stage, not only after 0.1 s (the first 0.1 s of a 10^6 samples/s UDP stream
 * was drawn into 10 ms). From 30 ms to 49 ms in, the spacing is within 10 % of 100 us. */
static void test_arrival_gross_first_rate(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 4000.0, 0));
    for (int k = 0; k < 4; k++)
        clocked_lines(&c, 4000.0 + 0.00128 * k, "q", 128 * k, 128 * (k + 1));
    int n = 512;
    for (int step = 1; step <= 50; step++, n += 10)
        clocked_lines(&c, 4000.00384 + 0.001 * step, "q", n, n + 10);
    rp_series *s = clocked_series(&c, 4000.5, "q", n);
    RP_REQUIRE_VOID(s != NULL);
    int64_t i0 = 512 + 300, i1 = 512 + 490; /* arrived about 30 ms and 49 ms in */
    double spacing = (rp_x_at(s, i1) - rp_x_at(s, i0)) / (double)(i1 - i0);
    RP_CHECK_MSG(fabs(spacing - 1e-4) < 1e-5, "spacing 30-49 ms in: %.3f us", spacing * 1e6);
    check_increasing(s, n);
    clocked_close(&c);
}

/* 1000 lines in one write, 2.5 s of silence, then 10 Hz a line at a time: the burst's rate can
 * not be measured (drawn at a guess, and said so, naming the burst, not "its first 1 samples");
 * the 10 Hz tail is drawn at its arrivals (its first sample's guessed 1000/s put the second 1 ms
 * after it, and the whole tail 0.1 s before it came). */
static void test_arrival_burst_then_slow(void)
{
    rp_test_log log = {0};
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open_log(&c, 999.0, 0, &log));
    clocked_lines(&c, 1000.0, "t", 0, 1000);
    for (int i = 0; i < 20; i++) clocked_lines(&c, 1002.5 + 0.1 * i, "t", 1000 + i, 1001 + i);
    rp_series *s = clocked_series(&c, 1005.0, "t", 1020);
    RP_REQUIRE_VOID(s != NULL);
    double worst = 0;
    for (int i = 0; i < 20; i++)
        worst = fmax(worst, fabs(rp_x_at(s, 1000 + i) - (1002.5 + 0.1 * i)));
    RP_CHECK_MSG(worst < 0.005, "the 10 Hz tail is %.4f s off its arrivals", worst);
    char said[RP_SOURCE_ERROR_MAX] = "";
    RP_CHECK(rp_ingest_source_said(c.ing, 0, RP_LOGITEM_RATE_GUESSED, said, sizeof said) &&
             strstr(said, "a burst of 1000 samples"));
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_RATE_GUESSED), 1);
    check_increasing(s, 1020);
    clocked_close(&c);
}

/* 3000 lines in one write, then the end of the input (`seq 1 3000 | ringplot --stdin`): the rate
 * could not be measured; said as for a burst before a silence (nothing was said). */
static void test_arrival_burst_then_end(void)
{
    rp_test_log log = {0};
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open_log(&c, 999.0, 0, &log));
    clocked_lines(&c, 1000.0, "v", 0, 3000);
    clocked_end(&c, 1000.1);
    char said[RP_SOURCE_ERROR_MAX] = "";
    RP_CHECK(rp_ingest_source_said(c.ing, 0, RP_LOGITEM_RATE_GUESSED, said, sizeof said) &&
             strstr(said, "the input ended there") && strstr(said, "series 'v'"));
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_RATE_GUESSED), 1);
    clocked_close(&c);
}

/* The sender of test_udp_burst_sender (1000 samples every 150 ms, about 6700/s) read by a reader
 * slower than the sender (a loaded machine): each burst comes in two reads 3 ms apart, so the
 * first stage measured the burst's inside, ~300 000 samples/s. That rate was checked only over
 * 0.1 s of continuous reads, and every 150 ms gap between bursts passed for a pause at it (the
 * window restarted): the series kept the burst's rate and drew each burst as a bar 3 ms wide.
 * The rate is the bursts' once 0.1 s of them was measured, and the drawing is continuous. */
/* The sender of test_arrival_bursts_of_datagrams, its first burst cut by 8 ms (the sending loop
 * was preempted after 15 datagrams): the check's window began with the cut-off piece, measured
 * 8300 samples/s for 6645, and as every later wait between bursts passed for a pause at that
 * rate, no window ever measured again: the bursts kept their gaps for good. A wait as long as
 * the one before it is the stream's cadence, not a pause: the 1 s estimate measures whole bursts,
 * and from the third second on the rate is within 2 % and the drawing continuous. */
static void test_arrival_bursts_cut(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 8000.0, 0));
    int n = 0;
    for (int burst = 0; burst < 30; burst++) {
        double t = 8000.0 + 0.1505 * burst;
        for (int d = 0; d < 20; d++, n += 50)
            clocked_lines(&c, t + 1e-5 * d + (burst == 0 && d >= 15 ? 0.008 : 0), "u", n, n + 50);
    }
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(fabs(rate - 6645) < 0.02 * 6645, "bursts of 6645 samples/s: rate %.0f/s", rate);
    rp_series *s = clocked_series(&c, 8005.0, "u", n);
    RP_REQUIRE_VOID(s != NULL);
    double widest = widest_step(s, 20001, n);
    RP_CHECK_MSG(widest < 3.0 / 6645, "widest step %.2f ms from the 21st burst on", widest * 1e3);
    check_increasing(s, n);
    clocked_close(&c);
}

/* Batches whose size changes (100 to 3000 samples every 0.5 s, each spread over the 0.5 s
 * before it, arriving as a UDP sender's did): the first 512 samples of a batch were placed
 * ending 0.2 s after its arrival and the rest ran 8.9 s past it. From the third batch on every
 * batch ends within 0.55 s of its arrival, about one interval (its size cannot be known before
 * its last sample). */
static void test_arrival_irregular_batches(void)
{
    static const int sizes[20] = {1806, 141,  1323, 1609, 893,  1206, 2418, 1886, 762, 1628,
                                  608,  1873, 1169, 2402, 2669, 814,  2605, 2365, 865, 1553};
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 30000.0, 0));
    int n = 0;
    int ends[20];
    /* as a UDP sender's came: the first 0.7 s after the listener, then 0.5 s apart +-0.3 ms */
    double arrival[20];
    for (int b = 0; b < 20; b++) {
        arrival[b] = 30000.7 + 0.5 * b + (b % 3 == 1 ? -0.0003 : b % 3 == 2 ? 0.0003 : 0);
        clocked_lines(&c, arrival[b], "v", n, n + sizes[b]);
        n += sizes[b];
        ends[b] = n - 1;
    }
    rp_series *s = clocked_series(&c, 30011.0, "v", n);
    RP_REQUIRE_VOID(s != NULL);
    double worst = 0;
    for (int b = 2; b < 20; b++) worst = fmax(worst, fabs(rp_x_at(s, ends[b]) - arrival[b]));
    RP_CHECK_MSG(worst < 0.55, "a batch ends %.3f s off its arrival", worst);
    check_increasing(s, n);
    clocked_close(&c);
}

/* 100 samples/s, a read a sample, stopping for 2 s twice: the second silence repeated the first,
 * so it passed for a stream that had slowed down, its first read was joined to the line before
 * and the next ones drawn 0.2 s late (a line across the silence, a false gap after it). Every
 * sample is within 20 ms of its arrival. */
static void test_arrival_repeated_silences(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 40000.0, 0));
    static double arrival[600];
    int n = 0;
    for (int part = 0; part < 3; part++)
        for (int i = 0; i < 200; i++, n++) {
            arrival[n] = 40000.0 + 4.0 * part + 0.01 * i;
            clocked_lines(&c, arrival[n], "s", n, n + 1);
        }
    rp_series *s = clocked_series(&c, 40011.0, "s", n);
    RP_REQUIRE_VOID(s != NULL);
    double worst = 0;
    for (int i = 0; i < n; i++) worst = fmax(worst, fabs(rp_x_at(s, i) - arrival[i]));
    RP_CHECK_MSG(worst < 0.02, "a sample %.3f s off its arrival", worst);
    check_increasing(s, n);
    clocked_close(&c);
}

/* A sender that batches half a second: `per` samples in one datagram every 0.5 s (with `jitter`
 * s alternating, or none: 0.5001 s apart, every wait just over a silence), for 12 s. Its reads
 * were as far apart as a silence, so every one over 0.5 s made one: the batches were drawn apart,
 * at a guessed 51 200/s or 1000/s, and the rate never measured (2000 a batch); the run that
 * filled the stage was counted with 12 of its 250 samples, and the series was made for 24/s
 * (4096 samples, 8 s of a 10 s span; 250 a batch); the first run alone (512 of 2000) made the
 * rate 1024/s and drew a batch 3 s ahead; and the drift taken at each read's first run kept every
 * batch ending 0.4 s after it came. A wait as long as the one before is the stream's cadence, and
 * rates and drift are taken over whole reads, a guessed rate giving way to the first whole read
 * measured: from the fourth batch on the drawing is continuous, each batch ends within 10 ms of
 * its arrival, the rate is within 2 % and the series holds the span. */
static void check_half_second_batches(int per, double jitter)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 9000.0, 0));
    int n = 0;
    double period = jitter > 0 ? 0.5 : 0.5001;
    for (int batch = 0; batch < 24; batch++, n += per)
        clocked_lines(&c, 9000.0 + period * batch + (batch % 2 ? jitter : -jitter), "h", n,
                      n + per);
    double want = per / period;
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(fabs(rate - want) < 0.02 * want, "%d a batch: rate %.0f/s", per, rate);
    rp_series *s = clocked_series(&c, 9012.5, "h", n);
    RP_REQUIRE_VOID(s != NULL);
    double widest = widest_step(s, 3 * per + 1, n), off = 0;
    for (int batch = 3; batch < 24; batch++) {
        double arrival = 9000.0 + period * batch + (batch % 2 ? jitter : -jitter);
        off = fmax(off, fabs(rp_x_at(s, (int64_t)batch * per + per - 1) - arrival));
    }
    RP_CHECK_MSG(widest < 3.0 / want, "%d a batch: widest step %.2f ms from the fourth batch on",
                 per, widest * 1e3);
    RP_CHECK_MSG(off < 0.01, "%d a batch: a batch ends %.3f s off its arrival", per, off);
    int64_t cap = rp_series_get_desc(s).capacity;
    RP_CHECK_MSG(cap >= 10 * want, "%d a batch: capacity %lld", per, (long long)cap);
    check_increasing(s, n);
    clocked_close(&c);
}

/* One sample a read: `rate0` a second for `dur0` s, then after `gap` s `rate1` a second for
 * `dur1` s. Gives the worst |x - arrival| of the samples from the switch on (worst) and from
 * 1.5 s after it (settled), and the widest step between two of the latter in periods of rate1. */
static void rate_switch(const double q[5], double *worst, double *settled, double *widest)
{
    *worst = *settled = *widest = INFINITY;
    clocked c = {0};
    if (!clocked_open(&c, 20000.0, 0)) return;
    static double arrival[16384];
    int n = 0;
    double t = 20000.0;
    for (int i = 0; i < (int)(q[0] * q[1] + 0.5); i++, n++) {
        t = 20000.0 + i / q[0];
        arrival[n] = t;
        clocked_lines(&c, t, "w", n, n + 1);
    }
    double t1 = t + q[2];
    int first = n;
    for (int i = 0; i < (int)(q[3] * q[4] + 0.5); i++, n++) {
        t = t1 + i / q[3];
        arrival[n] = t;
        clocked_lines(&c, t, "w", n, n + 1);
    }
    rp_series *s = clocked_series(&c, t + 0.5, "w", n);
    if (s) {
        *worst = *settled = *widest = 0;
        for (int i = first; i < n; i++) {
            double off = fabs(rp_x_at(s, i) - arrival[i]);
            *worst = fmax(*worst, off);
            if (arrival[i] < t1 + 1.5) continue;
            *settled = fmax(*settled, off);
            *widest = fmax(*widest, (rp_x_at(s, i) - rp_x_at(s, i - 1)) * q[3]);
        }
        check_increasing(s, n);
    }
    clocked_close(&c);
}

/* A stream that changes its rate, one sample a read. One that sped up (2 to 50, 10 to 1000
 * samples a second) was drawn on its old rate until a 1 s window measured the new one (3 s when
 * the window waited for a read as far from the last as the old rate's), and the drift rule, which
 * at most halves the spacing, took as long again to work off the lead: 8 to 120 s in the future.
 * Now no sample is drawn more than 0.2 s after its arrival, a change of more than 2x is measured
 * after 0.1 s, and one that slowed down to reads 0.05 s or more apart pauses at each (1000 to 10
 * a second: 1.2 s of reads crammed 1 ms apart, then a 1.2 s gap). From the switch on every sample
 * is within 0.5 s of its arrival; from 1.5 s after it within 0.25 s, its steps within 1.1 periods
 * (a sped-up stream within 0.1 s). */
static void test_arrival_rate_switches(void)
{
    static const double cases[][5] = {
        {2, 4, 0.005, 50, 4},     {2, 4, 0.5, 50, 4},      {100, 3, 0.01, 1000, 3},
        {10, 3, 0.1, 1000, 3},    {1000, 2, 0.001, 10, 3}, {1000, 2, 0.001, 20, 3},
        {1000, 2, 0.001, 100, 3}, {100, 3, 0.01, 200, 3},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        const double *q = cases[k];
        double worst, settled, widest;
        rate_switch(q, &worst, &settled, &widest);
        RP_CHECK_MSG(worst < 0.5 && settled < (q[3] > q[0] ? 0.1 : 0.25) && widest < 1.1,
                     "%g to %g samples/s: %.3f s off from the switch, %.3f s from 1.5 s after "
                     "it, steps up to %.2f periods",
                     q[0], q[3], worst, settled, widest);
    }
}

static void test_arrival_half_second_batches(void)
{
    check_half_second_batches(2000, 0.002);
    check_half_second_batches(250, 0.002);
    check_half_second_batches(2000, 0);
    check_half_second_batches(250, 0);
}

/* A sender of 1000 samples every 150 ms in 20 datagrams 10 us apart (a Python loop of sendto),
 * each read alone: the stage filled inside the first burst, measuring ~4.6 million samples/s, and
 * the series took the 16 M cap (72 MB) for 6700 samples/s; the window that checked the rate began
 * with the other half of that burst (9700 samples/s), and the bursts were drawn with gaps. A rate
 * measured over a few ms sizes for at most 131 072 samples/s (3 x 10 s of it), the check's window
 * starts again at the first clear wait, and the drawing is continuous. */
static void test_arrival_bursts_of_datagrams(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 6000.0, 0));
    int n = 0;
    for (int burst = 0; burst < 20; burst++) {
        double t = 6000.0 + 0.15 * burst;
        for (int d = 0; d < 20; d++, n += 50) clocked_lines(&c, t + 1e-5 * d, "d", n, n + 50);
    }
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(rate > 6000 && rate < 7500, "bursts of ~6700 samples/s: rate %.0f/s", rate);
    rp_series *s = clocked_series(&c, 6003.5, "d", n);
    RP_REQUIRE_VOID(s != NULL);
    double widest = widest_step(s, 3001, n);
    RP_CHECK_MSG(widest < 3.0 / 6667, "widest step %.2f ms from the fourth burst on", widest * 1e3);
    int64_t cap = rp_series_get_desc(s).capacity;
    RP_CHECK_MSG(cap <= 3 * 10 * 131072, "capacity %lld", (long long)cap);
    check_increasing(s, n);
    clocked_close(&c);
}

static void test_arrival_bursts_slow_reader(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 5000.0, 0));
    int n = 0;
    for (int burst = 0; burst < 20; burst++, n += 1000) {
        double t = 5000.0 + 0.15 * burst;
        clocked_lines(&c, t, "b", n, n + 150);
        clocked_lines(&c, t + 0.003, "b", n + 150, n + 1000);
    }
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(rate > 5000 && rate < 9000, "bursts of ~6700 samples/s: rate %.0f/s", rate);
    rp_series *s = clocked_series(&c, 5003.5, "b", n);
    RP_REQUIRE_VOID(s != NULL);
    /* from the fourth burst on, no gap between bursts wider than 3 sample periods */
    double widest = widest_step(s, 3001, n);
    RP_CHECK_MSG(widest < 3.0 / 6667, "widest step %.2f ms from the fourth burst on", widest * 1e3);
    check_increasing(s, n);
    clocked_close(&c);
}

/* A sender that writes its datagrams in bursts, back to back (20 of 50 samples in one sendmmsg,
 * every 150 ms: about 6700 samples/s): its rate is the bursts', not the millions of samples a
 * second of datagrams microseconds apart (what the kernel's receive times measured, which
 * drew each burst as a bar). Every burst is read at its step of the clock, however the reader
 * splits it. */
static void test_udp_burst_sender(void)
{
    step_clock clock = {.t = 7000.0};
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.clock = step_now, .clock_user = &clock},
                                     &ing) == RP_OK);
    char err[256];
    RP_REQUIRE_VOID(
        rp_ingest_add_source(
            ing, &(rp_source_desc){.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1", .udp.port = 0},
            err, sizeof err) == RP_OK);
    uint16_t port = rp_ingest_udp_port(ing, 0);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET, .sin_port = htons(port)};
    inet_pton(AF_INET, "127.0.0.1", &to.sin_addr);
    static char text[20][512];
    struct mmsghdr msgs[20];
    struct iovec iov[20];
    int value = 0;
    for (int burst = 0; burst < 9; burst++) {
        atomic_store(&clock.t, 7000.0 + 0.15 * burst);
        for (int d = 0; d < 20; d++) {
            size_t len = 0;
            for (int i = 0; i < 50; i++)
                len += (size_t)snprintf(text[d] + len, sizeof text[d] - len, "burst:%d\n",
                                        value++ % 100);
            iov[d] = (struct iovec){text[d], len};
            msgs[d] = (struct mmsghdr){.msg_hdr = {.msg_name = &to,
                                                   .msg_namelen = sizeof to,
                                                   .msg_iov = &iov[d],
                                                   .msg_iovlen = 1}};
        }
        RP_CHECK(sendmmsg(fd, msgs, 20, 0) == 20);
        int64_t sent = 20 * (burst + 1);
        for (int i = 0; i < RP_TEST_WAIT_STEPS && rp_ingest_source_stats(ing, 0).datagrams < sent;
             i++)
            sleep_ms(1);
    }
    atomic_store(&clock.t, 7000.0 + 0.15 * 9);
    for (int i = 0; i < RP_TEST_WAIT_STEPS && rp_test_accepted(ing, "burst") < 9000; i++)
        sleep_ms(1);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "burst"), 9000);
    double rate = rp_ingest_series_rate(ing, 0);
    RP_CHECK_MSG(rate > 5000 && rate < 9000, "a sender of ~6700 samples/s in bursts: rate %.0f/s",
                 rate);
    close(fd);
    rp_ingest_destroy(ing);
}

/* ---- UDP senders, each with its own device clock ------------------------------------------------
 * Two boards on one port stamp their lines with millis() since their own boots: each sender
 * (address and port) has a clock of its own. The arrival clock is stepped by the test and each
 * datagram is read before the next is sent, so every x is exact. */

typedef struct udp_rig {
    rp_ingest *ing;
    step_clock clock;
    struct sockaddr_in to;
    int fd[3]; /* the senders: sockets on 127.0.0.1, each bound to a port of its own */
    int64_t sent;
} udp_rig;

static bool udp_rig_open(udp_rig *r, double t0, rp_notes *notes)
{
    atomic_store(&r->clock.t, t0);
    r->sent = 0;
    for (int k = 0; k < 3; k++) r->fd[k] = -1;
    rp_ingest_desc d = {.clock = step_now, .clock_user = &r->clock, .notes = notes};
    if (rp_ingest_create(&d, &r->ing) != RP_OK) return false;
    char err[256];
    if (rp_ingest_add_source(r->ing,
                             &(rp_source_desc){.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1"}, err,
                             sizeof err) != RP_OK)
        return false;
    r->to = (struct sockaddr_in){.sin_family = AF_INET,
                                 .sin_port = htons(rp_ingest_udp_port(r->ing, 0))};
    inet_pton(AF_INET, "127.0.0.1", &r->to.sin_addr);
    for (int k = 0; k < 3; k++) {
        struct sockaddr_in me = {.sin_family = AF_INET}; /* port 0: the kernel picks one */
        inet_pton(AF_INET, "127.0.0.1", &me.sin_addr);
        r->fd[k] = socket(AF_INET, SOCK_DGRAM, 0);
        if (r->fd[k] < 0 || bind(r->fd[k], (struct sockaddr *)&me, sizeof me) != 0) return false;
    }
    return rp_ingest_start(r->ing) == RP_OK;
}

/* Sender k sends text; waits until the source has read it (it arrived at the clock's time). */
static void udp_rig_send(udp_rig *r, int k, const char *text)
{
    size_t len = strlen(text);
    RP_CHECK(sendto(r->fd[k], text, len, 0, (struct sockaddr *)&r->to, sizeof r->to) ==
             (ssize_t)len);
    r->sent++;
    for (int i = 0;
         i < RP_TEST_WAIT_STEPS * 50 && rp_ingest_source_stats(r->ing, 0).datagrams < r->sent; i++)
        nanosleep(&(struct timespec){0, 20000}, NULL);
}

/* Every 10 ms from step `from` to `to` (excluded), at t0 + step / 100 on the arrival clock:
 * sender 0 sends a:(a_ms + 10 step), sender 1 b:(b_ms + 10 step) (a_ms < 0: sender 0 is
 * silent). */
static void udp_rig_steps(udp_rig *r, double t0, int from, int to, long long a_ms, long long b_ms)
{
    char text[96];
    for (int i = from; i < to; i++) {
        atomic_store(&r->clock.t, t0 + i / 100.0);
        if (a_ms >= 0) {
            snprintf(text, sizeof text, "a:%lld:%d", a_ms + 10LL * i, i % 7);
            udp_rig_send(r, 0, text);
        }
        snprintf(text, sizeof text, "b:%lld:%d", b_ms + 10LL * i, i % 5);
        udp_rig_send(r, 1, text);
    }
}

/* Series name once it holds n samples (NULL: it does not). */
static rp_series *udp_rig_series(udp_rig *r, const char *name, int64_t n)
{
    for (int i = 0; i < RP_TEST_WAIT_STEPS && rp_test_accepted(r->ing, name) < n; i++) sleep_ms(1);
    rp_series *s = rp_test_find(r->ing, name);
    RP_CHECK_MSG(s && rp_series_stats_get(s).accepted == n, "series %s: %lld of %lld samples", name,
                 (long long)rp_test_accepted(r->ing, name), (long long)n);
    return s && rp_series_stats_get(s).accepted == n ? s : NULL;
}

static void udp_rig_close(udp_rig *r)
{
    rp_ingest_destroy(r->ing);
    for (int k = 0; k < 3; k++)
        if (r->fd[k] >= 0) close(r->fd[k]);
}

/* Two boards booted an hour apart on one port: both are drawn now, side by side (the second
 * was placed with the first's offset, an hour before the view); the second's timestamped log
 * line is on its own clock, not a reset of the first's. */
static void test_udp_senders_own_clocks(void)
{
    rp_notes *notes = NULL;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
    udp_rig r;
    RP_REQUIRE_VOID(udp_rig_open(&r, 500.0, notes));
    udp_rig_steps(&r, 500.0, 0, 100, 3600000, 5000);
    atomic_store(&r.clock.t, 501.0);
    udp_rig_send(&r, 1, ">5995:b: wifi connected");
    rp_series *a = udp_rig_series(&r, "a", 100), *b = udp_rig_series(&r, "b", 100);
    RP_REQUIRE_VOID(a && b);
    rp_source_stats st = rp_ingest_source_stats(r.ing, 0);
    RP_CHECK_EQ_INT(st.senders, 2);
    RP_CHECK_EQ_INT(st.clock_resets, 0);
    double xa = rp_x_at(a, 99), xb = rp_x_at(b, 99);
    RP_CHECK_MSG(fabs(xa - xb) < 1.0, "newest a at %.3f s, b at %.3f s", xa, xb);
    RP_CHECK(fabs(xa - 3600.99) < 1e-6); /* the first sender's clock is as it came */
    RP_CHECK(fabs(rp_x_at(b, 1) - rp_x_at(b, 0) - 0.01) < 1e-6);
    rp_note out[2];
    RP_CHECK_EQ_INT(rp_notes_read_logs(notes, -INFINITY, INFINITY, out, 2), 1);
    RP_CHECK_MSG(fabs(out[0].x - (xb + 0.005)) < 1e-6, "b's log line at %.3f s, b at %.3f s",
                 out[0].x, xb);
    char said[256];
    RP_CHECK(!rp_ingest_source_said(r.ing, 0, RP_LOGITEM_SENDERS_MIXED, said, sizeof said));
    /* the second board also sends 'a' (two boards, one name): said once, naming the series */
    for (int i = 0; i < 5; i++) {
        char text[64];
        snprintf(text, sizeof text, "a:%d:%d", 6000 + 10 * i, i);
        udp_rig_send(&r, 1, text);
    }
    RP_REQUIRE_VOID(udp_rig_series(&r, "a", 106) != NULL); /* on a's clock: a reset, a NaN */
    RP_CHECK(rp_ingest_source_said(r.ing, 0, RP_LOGITEM_SENDERS_MIXED, said, sizeof said));
    RP_CHECK_MSG(strstr(said, "series 'a' also comes from another sender") != NULL, "%s", said);
    udp_rig_close(&r);
    rp_notes_destroy(notes);
}

/* One of two boards reboots (its millis() from 0 again): one clock reset, its own line breaks
 * there and goes on after the real silence; the other board's line and offset are untouched. */
static void test_udp_sender_reboots(void)
{
    udp_rig r;
    RP_REQUIRE_VOID(udp_rig_open(&r, 500.0, NULL));
    udp_rig_steps(&r, 500.0, 0, 100, 3600000, 5000);
    RP_REQUIRE_VOID(udp_rig_series(&r, "b", 100));
    udp_rig_steps(&r, 500.0, 100, 150, 3600000, 100 - 1000); /* b: 100 ms at step 100 */
    rp_series *a = udp_rig_series(&r, "a", 150), *b = udp_rig_series(&r, "b", 151);
    RP_REQUIRE_VOID(a && b);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(r.ing, 0).clock_resets, 1);
    for (int i = 0; i < 150; i++) RP_CHECK(!isnan(rp_sample_at(a, i)));
    RP_CHECK_MSG(fabs(rp_x_at(a, 149) - 3601.49) < 1e-6, "a's newest at %.6f s, not 3601.49",
                 rp_x_at(a, 149));
    RP_CHECK(isnan(rp_sample_at(b, 100)));
    /* b's new boot goes on 10 ms after its last sample before it, beside a */
    RP_CHECK_MSG(fabs(rp_x_at(b, 101) - rp_x_at(b, 99) - 0.01) < 1e-6, "b after its reboot: %.6f",
                 rp_x_at(b, 101) - rp_x_at(b, 99));
    RP_CHECK(fabs(rp_x_at(b, 150) - rp_x_at(a, 149)) < 1.0);
    udp_rig_close(&r);
}

/* A board whose reboot brings it back on another port (an ESP32 without a fixed local port) is
 * a new sender: its series keep their clock, where the reboot is met as a clock going back (one
 * reset, b's line breaks once); the other board's line and offset are untouched. Then it syncs
 * NTP: only its clock is set to the date (a second reset, b's second break), a's stays. */
static void test_udp_sender_reboots_elsewhere(void)
{
    udp_rig r;
    RP_REQUIRE_VOID(udp_rig_open(&r, 500.0, NULL));
    udp_rig_steps(&r, 500.0, 0, 100, 3600000, 5000);
    RP_REQUIRE_VOID(udp_rig_series(&r, "b", 100));
    char text[96];
    for (int i = 100; i < 120; i++) { /* b's new boot, from the third socket */
        atomic_store(&r.clock.t, 500.0 + i / 100.0);
        snprintf(text, sizeof text, "a:%d:%d", 3600000 + 10 * i, i % 7);
        udp_rig_send(&r, 0, text);
        snprintf(text, sizeof text, "b:%d:%d", 10 * (i - 100) + 50, i % 5);
        udp_rig_send(&r, 2, text);
    }
    RP_REQUIRE_VOID(udp_rig_series(&r, "b", 121));
    RP_CHECK_EQ_INT(rp_ingest_source_stats(r.ing, 0).clock_resets, 1);
    for (int i = 120; i < 130; i++) { /* ... and its NTP time */
        atomic_store(&r.clock.t, 500.0 + i / 100.0);
        snprintf(text, sizeof text, "a:%d:%d", 3600000 + 10 * i, i % 7);
        udp_rig_send(&r, 0, text);
        snprintf(text, sizeof text, "b:%lld:%d", 1700000000000LL + 10 * i, i % 5);
        udp_rig_send(&r, 2, text);
    }
    rp_series *a = udp_rig_series(&r, "a", 130), *b = udp_rig_series(&r, "b", 132);
    RP_REQUIRE_VOID(a && b);
    rp_source_stats st = rp_ingest_source_stats(r.ing, 0);
    RP_CHECK_EQ_INT(st.senders, 3);
    RP_CHECK_EQ_INT(st.clock_resets, 2);
    for (int i = 0; i < 130; i++) RP_CHECK(!isnan(rp_sample_at(a, i)));
    RP_CHECK(fabs(rp_x_at(a, 129) - 3601.29) < 1e-6);
    RP_CHECK(isnan(rp_sample_at(b, 100)) && isnan(rp_sample_at(b, 121)));
    RP_CHECK(fabs(rp_x_at(b, 101) - rp_x_at(b, 99) - 0.01) < 1e-6);
    RP_CHECK_MSG(rp_x_at(b, 122) == 1700000001.2, "b after its sync at %.6f", rp_x_at(b, 122));
    udp_rig_close(&r);
}

/* Past the 1024 senders remembered, a sender's datagrams are still read, its timestamps on the
 * clock the later senders share, which joins the source's timeline as any sender's does: a
 * board's millis() lands at its arrival beside the untimed lines before it. */
/* Two sources with one default label ("udp" twice, "x.csv" of two folders): the second is
 * "udp (2)", so that the legend, --stats and layout files tell their series apart; a label given
 * is kept as it is. */
static void test_labels_unique(void)
{
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    for (int k = 0; k < 3; k++)
        RP_CHECK(rp_ingest_add_source(ing,
                                      &(rp_source_desc){.kind = RP_SOURCE_UDP,
                                                        .udp.host = "127.0.0.1",
                                                        .label = k == 2 ? "udp" : NULL},
                                      err, sizeof err) == RP_OK);
    RP_CHECK(!strcmp(rp_ingest_source_stats(ing, 0).label, "udp"));
    RP_CHECK(!strcmp(rp_ingest_source_stats(ing, 1).label, "udp (2)"));
    RP_CHECK(!strcmp(rp_ingest_source_stats(ing, 2).label, "udp"));
    rp_ingest_destroy(ing);
}

static void test_udp_senders_past_limit(void)
{
    udp_rig r;
    RP_REQUIRE_VOID(udp_rig_open(&r, 800.0, NULL));
    for (int k = 0; k < 1026; k++) {
        /* each from an address of its own (127.0.0.0/8 is all loopback): a port the kernel
         * hands out again would be the same sender */
        struct sockaddr_in me = {.sin_family = AF_INET,
                                 .sin_addr.s_addr = htonl(0x7f000000u | (uint32_t)(k + 2))};
        int fd = socket(AF_INET, SOCK_DGRAM, 0);
        RP_REQUIRE_VOID(fd >= 0 && bind(fd, (struct sockaddr *)&me, sizeof me) == 0);
        close(r.fd[2]);
        r.fd[2] = fd; /* one socket at a time: the fd limit may be 1024 */
        atomic_store(&r.clock.t, 800.0 + k / 1000.0);
        udp_rig_send(&r, 2, k < 1024 ? "untimed:1" : k == 1024 ? "late:5000:1" : "late:5010:2");
    }
    atomic_store(&r.clock.t, 802.0); /* the new series measured their rates: made */
    RP_REQUIRE_VOID(udp_rig_series(&r, "untimed", 1024));
    rp_series *late = udp_rig_series(&r, "late", 2);
    RP_REQUIRE_VOID(late);
    rp_source_stats st = rp_ingest_source_stats(r.ing, 0);
    RP_CHECK_EQ_INT(st.senders, 1024);
    RP_CHECK_EQ_INT(st.datagrams, 1026);
    RP_CHECK_MSG(fabs(rp_x_at(late, 0) - 801.024) < 1e-6, "late at %.6f", rp_x_at(late, 0));
    RP_CHECK(fabs(rp_x_at(late, 1) - 801.034) < 1e-6);
    udp_rig_close(&r);
}

/* A third sender stamping Unix times (NTP) is placed by its dates, beside a board whose millis()
 * joined the arrival clock (an untimed line of it came first): a date is no reset of the
 * board's clock (it was taken for one, and its samples moved after the board's newest). */
static void test_udp_sender_dates(void)
{
    const double t0 = 1700000000.0;
    udp_rig r;
    RP_REQUIRE_VOID(udp_rig_open(&r, t0, NULL));
    udp_rig_send(&r, 0, "status:1");
    char text[96];
    for (int i = 1; i <= 100; i++) {
        atomic_store(&r.clock.t, t0 + i / 100.0);
        snprintf(text, sizeof text, "a:%d:%d", 3600000 + 10 * i, i % 7);
        udp_rig_send(&r, 0, text);
        /* c's dates are 20 ms behind the arrival clock (its network's delay) */
        snprintf(text, sizeof text, "c:%lld:%d", 1700000000000LL + 10 * i - 20, i % 3);
        udp_rig_send(&r, 2, text);
    }
    rp_series *a = udp_rig_series(&r, "a", 100), *c = udp_rig_series(&r, "c", 100);
    RP_REQUIRE_VOID(a && c);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(r.ing, 0).clock_resets, 0);
    for (int i = 0; i < 100; i++)
        RP_CHECK_MSG(fabs(rp_x_at(c, i) - (t0 + (i + 1) / 100.0 - 0.02)) < 1e-6,
                     "c's %dth sample at %.6f, not its date %.6f", i, rp_x_at(c, i),
                     t0 + (i + 1) / 100.0 - 0.02);
    RP_CHECK_MSG(fabs(rp_x_at(a, 99) - (t0 + 1.0)) < 1e-6, "a's newest at %.6f", rp_x_at(a, 99));
    udp_rig_close(&r);
}

/* The board with the younger clock first, then one whose millis() are an hour ahead: the second
 * one's first sample was seen at its own uptime (an hour ahead of the timeline) before its clock
 * joined the timeline, so its next sample "went back" an hour: a clock reset every run, and the
 * first board's line pushed out of the view. Both end together now, with no reset. */
static void test_udp_older_clock_later(void)
{
    const double t0 = 1700000000.0;
    udp_rig r;
    RP_REQUIRE_VOID(udp_rig_open(&r, t0, NULL));
    char text[96];
    for (int i = 1; i <= 200; i++) {
        atomic_store(&r.clock.t, t0 + i / 100.0);
        snprintf(text, sizeof text, "a:%d:%d", 5000 + 10 * i, i % 7);
        udp_rig_send(&r, 0, text);
        if (i <= 100) continue;
        snprintf(text, sizeof text, "b:%d:%d", 3600000 + 10 * i, i % 5);
        udp_rig_send(&r, 1, text);
    }
    rp_series *a = udp_rig_series(&r, "a", 200), *b = udp_rig_series(&r, "b", 100);
    RP_REQUIRE_VOID(a && b);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(r.ing, 0).clock_resets, 0);
    double xa = rp_x_at(a, 199), xb = rp_x_at(b, 99);
    RP_CHECK_MSG(fabs(xa - xb) < 1.0, "newest a at %.3f s, b at %.3f s", xa, xb);
    for (int64_t i = 0; i < 100; i++) RP_CHECK(!isnan(rp_sample_at(b, i)));
    udp_rig_close(&r);
}

/* The same two boards starting together, the millis() board's datagram first: its clock joined
 * nothing (nothing was at its arrival yet), so it stayed at its uptime, 3600 s, while the NTP
 * board's dates are 1.7e9 s: the first board's series was never in the view. The first date
 * takes that clock onto the dates, its newest timestamp where it arrived. */
static void test_udp_device_then_dates(void)
{
    const double t0 = 1700000000.0;
    udp_rig r;
    RP_REQUIRE_VOID(udp_rig_open(&r, t0, NULL));
    char text[96];
    for (int i = 1; i <= 100; i++) {
        atomic_store(&r.clock.t, t0 + i / 100.0);
        snprintf(text, sizeof text, "a:%d:%d", 3600000 + 10 * i, i % 7);
        udp_rig_send(&r, 0, text);
        snprintf(text, sizeof text, "c:%lld:%d", 1700000000000LL + 10 * i, i % 3);
        udp_rig_send(&r, 2, text);
    }
    rp_series *a = udp_rig_series(&r, "a", 100), *c = udp_rig_series(&r, "c", 100);
    RP_REQUIRE_VOID(a && c);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(r.ing, 0).clock_resets, 0);
    RP_CHECK_MSG(fabs(rp_x_at(c, 99) - (t0 + 1.0)) < 1e-6, "c's newest at %.6f", rp_x_at(c, 99));
    for (int i = 0; i < 100; i++)
        RP_CHECK_MSG(fabs(rp_x_at(a, i) - (t0 + (i + 1) / 100.0)) < 1e-6,
                     "a's %dth sample at %.6f, not where it arrived, %.6f", i, rp_x_at(a, i),
                     t0 + (i + 1) / 100.0);
    udp_rig_close(&r);

    /* The millis() board alone for 2 s first (drawn at its uptime), then the NTP board: the
     * first board's samples from then on are where they arrive, after a gap (a NaN). */
    RP_REQUIRE_VOID(udp_rig_open(&r, t0, NULL));
    for (int i = 1; i <= 300; i++) {
        atomic_store(&r.clock.t, t0 + i / 100.0);
        snprintf(text, sizeof text, "a:%d:%d", 3600000 + 10 * i, i % 7);
        udp_rig_send(&r, 0, text);
        if (i <= 200) continue;
        snprintf(text, sizeof text, "c:%lld:%d", 1700000000000LL + 10 * i, i % 3);
        udp_rig_send(&r, 2, text);
    }
    a = udp_rig_series(&r, "a", 301);
    RP_REQUIRE_VOID(a != NULL);
    int64_t n = rp_series_stats_get(a).accepted, nan = 0;
    for (int64_t i = 0; i < n; i++) nan += isnan(rp_sample_at(a, i));
    RP_CHECK_EQ_INT(nan, 1);
    RP_CHECK_MSG(fabs(rp_x_at(a, 0) - 3600.01) < 1e-6, "a's first at %.6f", rp_x_at(a, 0));
    RP_CHECK_MSG(fabs(rp_x_at(a, n - 1) - (t0 + 3.0)) < 1e-6, "a's newest at %.6f",
                 rp_x_at(a, n - 1));
    udp_rig_close(&r);
}

/* 10 kHz whose first full stage (512 samples: the series is made from it) came in reads of 128
 * at 15 kHz (a sender writing in bursts): that rate, measured over 25 ms, was kept until the
 * first whole second was measured, the drift rule bending it slowly, so the stream's first
 * second was drawn squeezed by a third. It is measured again after 0.1 s of reads, as a guess
 * is: from 0.3 s to 0.9 s the spacing is within 10 % of 100 us. */
static void test_arrival_bursty_start(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 3000.0, 0));
    for (int k = 0; k < 4; k++) clocked_lines(&c, 3000.0 + 0.0085 * k, "b", 128 * k, 128 * (k + 1));
    int n = 512;
    for (int step = 1; step <= 100; step++, n += 100)
        clocked_lines(&c, 3000.0255 + 0.01 * step, "b", n, n + 100);
    rp_series *s = clocked_series(&c, 3001.1, "b", n);
    RP_REQUIRE_VOID(s != NULL);
    int64_t i0 = 512 + 2700, i1 = 512 + 8700; /* arrived 0.3 s and 0.9 s in */
    double spacing = (rp_x_at(s, i1) - rp_x_at(s, i0)) / (double)(i1 - i0);
    RP_CHECK_MSG(fabs(spacing - 1e-4) < 1e-5, "spacing 0.3-0.9 s in: %.3f us", spacing * 1e6);
    check_increasing(s, n);
    clocked_close(&c);
}

/* 1 kHz in reads of 10 every 10 ms, a pause of 0.3 s (firmware blocked on a WiFi reconnect: no
 * samples made, shorter than the 0.5 s that is always a silence), then on: the samples after it are
 * drawn from their arrival (a gap), not squeezed against those before and worked off by bending the
 * next seconds (they were drawn 0.3 s early, then 0.29 s after they arrived, spacings 0.77 to 1.56
 * ms for 4 s). A read that brings the backlog of a late delivery stays contiguous. */
static void test_arrival_short_pause(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 4000.0, 0));
    int n = 0;
    double t = 4000.0;
    for (int step = 1; step <= 450; step++) {
        t += step == 151 ? 0.31 : 0.01; /* the pause: no read for 0.31 s */
        clocked_lines(&c, t, "p", n, n + 10);
        n += 10;
    }
    /* a late delivery: 0.2 s without a read, then its 200 samples at once */
    t += 0.2;
    clocked_lines(&c, t, "p", n, n + 200);
    n += 200;
    for (int step = 1; step <= 100; step++) {
        t += 0.01;
        clocked_lines(&c, t, "p", n, n + 10);
        n += 10;
    }
    rp_series *s = rp_test_find(c.ing, "p");
    RP_REQUIRE_VOID(s != NULL);
    int64_t got = rp_series_stats_get(s).accepted;
    RP_CHECK_EQ_INT(got, n);
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(fabs(rate - 1000.0) < 20.0, "estimated rate %.2f", rate);
    /* the last sample before the pause arrived at 4001.5, the first after it at 4001.81 - 9 ms */
    RP_CHECK_MSG(fabs(rp_x_at(s, 1499) - 4001.5) < 0.02, "x1499 %.4f", rp_x_at(s, 1499));
    RP_CHECK_MSG(fabs(rp_x_at(s, 1500) - 4001.801) < 0.02, "x1500 %.4f", rp_x_at(s, 1500));
    /* from there on, never after its arrival, and every spacing within 5 % of 1 ms (but the
     * late delivery's, which keeps the stream contiguous) */
    int late = 0, uneven = 0;
    for (int64_t i = 1501; i < 4500; i++) {
        double arrival = 4001.81 + (double)((i - 1500) / 10) * 0.01;
        late += rp_x_at(s, i) > arrival + 1e-6;
        uneven += fabs(rp_x_at(s, i) - rp_x_at(s, i - 1) - 1e-3) > 5e-5;
    }
    RP_CHECK_MSG(late == 0 && uneven == 0,
                 "after the pause: %d placed after their arrival, %d "
                 "uneven spacings",
                 late, uneven);
    int gaps = 0;
    for (int64_t i = 4500; i < got; i++) gaps += rp_x_at(s, i) - rp_x_at(s, i - 1) > 2e-3;
    RP_CHECK_MSG(gaps == 0, "the late delivery broke the stream %d times", gaps);
    check_increasing(s, got);
    clocked_end(&c, t + 0.5);
    clocked_close(&c);
}

/* A sensor read once a second (one line a read): its samples are joined by its line, each at its
 * arrival, its rate measured from its cadence, and its memory chosen for a slow stream. Every
 * interval was over the 0.5 s that is always a silence, so each sample was a dot of its own, the
 * rate never measured and the series given 256 k samples (1.1 MB). */
static void test_arrival_slow_cadence(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 100.0, 0));
    for (int i = 0; i < 8; i++) {
        char line[32];
        int len = snprintf(line, sizeof line, "slow:%d\n", i);
        clocked_write(&c, 100.0 + i, line, (size_t)len);
    }
    rp_series *s = clocked_series(&c, 108.0, "slow", 8);
    RP_REQUIRE_VOID(s != NULL);
    int off = 0;
    for (int i = 0; i < 8; i++) off += fabs(rp_x_at(s, i) - (100.0 + i)) > 1e-6;
    RP_CHECK_MSG(off == 0, "%d samples away from their arrival", off);
    rp_m4 out[64];
    rp_decimation r = {.out = out, .out_capacity = 64};
    RP_REQUIRE_VOID(rp_decimate(s, 99.0, 109.0, 60, &r) == RP_OK);
    RP_CHECK(r.raw);
    RP_CHECK_MSG(r.count == 8, "%d entries for 8 samples: the line breaks between them", r.count);
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(fabs(rate - 1.0) < 0.05, "estimated rate %.3f", rate);
    RP_CHECK_MSG(rp_series_get_desc(s).capacity <= 16384, "capacity %lld",
                 (long long)rp_series_get_desc(s).capacity);
    clocked_close(&c);
}

/* Entries of a raw decimation of s over [x0, x1]: its samples plus one per gap between them. */
static int raw_entries(rp_series *s, double x0, double x1)
{
    static rp_m4 out[256];
    rp_decimation r = {.out = out, .out_capacity = 256};
    if (rp_decimate(s, x0, x1, 250, &r) != RP_OK || !r.raw) return -1;
    return r.count;
}

/* A slow stream whose pace changes: a jittery 1 Hz sensor is drawn at its arrivals (on a 1 Hz
 * grid it was up to 1.5 s off them), one that speeds up to 1 kHz goes on at that rate from its
 * arrival (on the slow rate it ran a minute ahead of the clock), one that slows down from 10 Hz
 * to 1 Hz is a line again from its second slow interval (every sample was a dot). */
static void test_arrival_slow_changes(void)
{
    clocked c = {0};
    const double at[6] = {100.0, 101.0, 101.6, 103.0, 103.5, 105.0};
    RP_REQUIRE_VOID(clocked_open(&c, 100.0, 0));
    for (int i = 0; i < 6; i++) clocked_write(&c, at[i], "j:1\n", 4);
    rp_series *s = clocked_series(&c, 105.5, "j", 6);
    RP_REQUIRE_VOID(s != NULL);
    int off = 0;
    for (int i = 0; i < 6; i++) off += fabs(rp_x_at(s, i) - at[i]) > 1e-6;
    RP_CHECK_MSG(off == 0, "jittery 1 Hz: %d samples away from their arrival", off);
    RP_CHECK_EQ_INT(raw_entries(s, 99, 106), 6); /* no gap */
    clocked_close(&c);

    RP_REQUIRE_VOID(clocked_open(&c, 100.0, 0));
    for (int i = 0; i < 3; i++) clocked_write(&c, 100.0 + i, "f:1\n", 4);
    int n = 3;
    double t = 102.5;
    for (int r = 0; r < 60; r++, t += 0.01, n += 10) clocked_lines(&c, t, "f", n, n + 10);
    s = clocked_series(&c, t + 0.5, "f", n);
    RP_REQUIRE_VOID(s != NULL);
    double last = t - 0.01, spacing = (rp_x_at(s, n - 1) - rp_x_at(s, n - 101)) / 100;
    RP_CHECK_MSG(rp_x_at(s, n - 1) <= last + 1e-6 && rp_x_at(s, n - 1) > last - 0.05,
                 "sped up: its last sample at %.3f, arrived at %.3f", rp_x_at(s, n - 1), last);
    RP_CHECK_MSG(fabs(spacing - 1e-3) < 1e-4, "sped up: spacing %.6f s", spacing);
    clocked_close(&c);

    RP_REQUIRE_VOID(clocked_open(&c, 100.0, 0));
    t = 100.0;
    for (int i = 0; i < 20; i++, t += 0.1) clocked_write(&c, t, "d:1\n", 4);
    t += 0.9;
    for (int i = 0; i < 5; i++, t += 1.0) clocked_write(&c, t, "d:1\n", 4);
    s = clocked_series(&c, t, "d", 25);
    RP_REQUIRE_VOID(s != NULL);
    /* 25 samples and one gap: where 10 Hz stopped (a pause), then the 1 Hz line */
    RP_CHECK_EQ_INT(raw_entries(s, 99, t), 26);
    clocked_close(&c);
}

/* An input that ends before its series' rate is known (a dump of 3 samples each of many names
 * through a pipe): its series get what they hold, 4096 samples at least, not the 256 k of an
 * unknown rate (1000 such series took 1.3 GB). */
static void test_ended_input_capacity(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 100.0, 0));
    clocked_write(&c, 100.0, "dump:1\ndump:2\ndump:3\n", 21);
    rp_series *s = clocked_series(&c, 100.1, "dump", 3);
    RP_REQUIRE_VOID(s != NULL);
    RP_CHECK_EQ_INT((int)rp_series_get_desc(s).capacity, 4096);
    clocked_close(&c);
}

/* --rate 1000 over a board that sends 100 samples/s: its x axis runs 10x ahead of the clock,
 * said once after 5 s (RATE_MISMATCH); at its true rate, or faster (a backlog), nothing is said. */
static void test_given_rate_mismatch(void)
{
    const int per_s[3] = {100, 1000, 5000};
    for (int k = 0; k < 3; k++) {
        clocked c = {.rate = 1000};
        RP_REQUIRE_VOID(clocked_open_log(&c, 5000.0, 0, NULL));
        int n = 0;
        for (int step = 1; step <= 60; step++) { /* 6 s, a read every 0.1 s */
            clocked_lines(&c, 5000.0 + step * 0.1, "g", n, n + per_s[k] / 10);
            n += per_s[k] / 10;
        }
        clocked_end(&c, 5006.5);
        rp_source_stats st = rp_ingest_source_stats(c.ing, 0);
        bool said = strstr(st.last_error, "runs 10.0x ahead of the clock") != NULL;
        RP_CHECK_MSG(k == 0 ? said && st.last_item == RP_LOGITEM_RATE_MISMATCH : !said,
                     "%d/s: '%s'", per_s[k], st.last_error);
        RP_CHECK_EQ_INT(rp_test_accepted(c.ing, "g"), n);
        clocked_close(&c);
    }
}

/* A 100 Hz device clock that steps back 0.3 s (30 samples refused as out of order) measures
 * 100 samples/s, not the 145/s of every staged sample over the span of those that moved time on
 * (the rate the series' memory is sized from, and --stats says). */
static void test_timestamps_back_rate(void)
{
    char text[4096];
    size_t len = 0;
    for (int i = 0; i < 70; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, ">x:%d:%d\n", 100000 + 10 * i, i);
    for (int i = 0; i < 30; i++)
        len += (size_t)snprintf(text + len, sizeof text - len, ">x:%d:%d\n", 100390 + 10 * i, i);
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(rp_test_pipe_finish(ing, fds, text));
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "x"), 70);
    double rate = rp_ingest_series_rate(ing, 0);
    RP_CHECK_MSG(fabs(rate - 100.0) < 1.0, "rate %.3f/s", rate);
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* A series whose samples come in another unit than its first ("Z: 9.81 m/s^2", then "Z: 0.03
 * rad/s": two sensors' axes under one name) keeps its first unit; the others are counted
 * (units_changed) and said once (UNIT_CHANGED). The Adafruit sensors' lines themselves now make
 * group/axis series, each with its group's unit, and nothing is said. */
static void test_unit_changed(void)
{
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(rp_test_pipe_finish(ing, fds,
                                 "Z: 9.81 m/s^2\nZ: 0.03 rad/s\nZ: 9.8 m/s^2\nZ: 0.06 rad/s\n"
                                 "w: 1 V\nw: 2 V\n"));
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.units_changed, 2);
    char said[RP_SOURCE_ERROR_MAX] = "";
    RP_CHECK(rp_ingest_source_said(ing, 0, RP_LOGITEM_UNIT_CHANGED, said, sizeof said) &&
             strstr(said, "series 'Z': unit 'rad/s' after 'm/s^2'"));
    rp_series *z = rp_test_find(ing, "Z");
    RP_CHECK(z && !strcmp(rp_series_unit(z), "m/s^2"));
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "Z"), 4);
    rp_ingest_destroy(ing);
    close(fds[0]);

    ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(rp_test_pipe_finish(ing, fds,
                                 "Acceleration X: 0.00, Y: -0.20, Z: 9.81 m/s^2\n"
                                 "Rotation X: 0.01, Y: 0.02, Z: 0.00 rad/s\n"
                                 "Temperature: 24.50 degC\n\n"
                                 "Acceleration X: 0.10, Y: -0.20, Z: 9.81 m/s^2\n"
                                 "Rotation X: 0.01, Y: 0.02, Z: 0.03 rad/s\n"
                                 "Temperature: 24.50 degC\n"));
    st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.units_changed, 0);
    const char *names[6] = {"Acceleration/X", "Acceleration/Y", "Acceleration/Z",
                            "Rotation/X",     "Rotation/Y",     "Rotation/Z"};
    for (int i = 0; i < 6; i++) {
        rp_series *s = rp_test_find(ing, names[i]);
        RP_CHECK_MSG(s && !strcmp(rp_series_unit(s), i < 3 ? "m/s^2" : "rad/s"), "%s: %s", names[i],
                     s ? rp_series_unit(s) : "none");
        RP_CHECK_EQ_INT(rp_test_accepted(ing, names[i]), 2);
    }
    RP_CHECK(!rp_test_find(ing, "Y") && !rp_test_find(ing, "Z"));
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* Two series of one source both 10x slower than --rate: each is named, in the log channel (the
 * repeat limiter held the second back, as the second within a second) and in the source's list
 * of warnings said once a series (said[] kept only the newest: the viewer named only one). */
static void test_given_rate_mismatch_each_series(void)
{
    rp_test_log log = {0};
    clocked c = {.rate = 1000};
    RP_REQUIRE_VOID(clocked_open_log(&c, 5000.0, 0, &log));
    for (int step = 1; step <= 60; step++) { /* 6 s, a read every 0.1 s, 100/s each */
        char buf[512];
        size_t len = 0;
        for (int i = 0; i < 10; i++)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "idx:%d,sin:%d\n", step, i);
        clocked_write(&c, 5000.0 + step * 0.1, buf, len);
    }
    clocked_end(&c, 5006.5);
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_RATE_MISMATCH), 2);
    char said[RP_SOURCE_ERROR_MAX], all[2 * RP_SOURCE_ERROR_MAX] = "";
    rp_log_item item;
    int count = rp_ingest_source_said_at(c.ing, 0, 0, NULL, said, sizeof said);
    RP_CHECK_EQ_INT(count, 2);
    for (int k = 0; k < count; k++) {
        rp_ingest_source_said_at(c.ing, 0, k, &item, said, sizeof said);
        RP_CHECK_EQ_INT(item, RP_LOGITEM_RATE_MISMATCH);
        strncat(all, said, sizeof all - strlen(all) - 1);
    }
    RP_CHECK_MSG(strstr(all, "series 'idx'") && strstr(all, "series 'sin'"), "%s", all);
    RP_CHECK_EQ_INT(rp_ingest_source_said_at(c.ing, 0, 2, &item, said, sizeof said), 2);
    RP_CHECK(said[0] == '\0' && item == RP_LOGITEM_NONE); /* past the end: nothing */
    clocked_close(&c);
}

/* A live stream of more names than the series limit: the first refused name is said once as it
 * comes, naming the option that raises the limit (it was counted only); later ones are counted. */
static void test_series_limit_said(void)
{
    rp_test_log log = {0};
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open_log(&c, 100.0, 0, &log));
    char buf[4096];
    size_t len = 0;
    for (int i = 0; i < 80; i++) len += (size_t)snprintf(buf + len, sizeof buf - len, "s%d:1\n", i);
    clocked_write(&c, 100.0, buf, len);
    clocked_end(&c, 101.0);
    rp_source_stats st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_SERIES_LIMIT], 16);
    char said[RP_SOURCE_ERROR_MAX];
    rp_log_item item;
    RP_CHECK_EQ_INT(rp_ingest_source_said_at(c.ing, 0, 0, &item, said, sizeof said), 1);
    RP_CHECK_EQ_INT(item, RP_LOGITEM_SERIES_REFUSED);
    RP_CHECK_MSG(strstr(said, "series limit reached (64 series)") && strstr(said, "'s64'") &&
                     strstr(said, "--max-series"),
                 "%s", said);
    clocked_close(&c);
}

/* The device doubles its rate: the estimate follows, the drift against the clock stays bounded. */
static void test_arrival_rate_change(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 3000.0, 0));
    int n = 0;
    for (int step = 1; step <= 600; step++) {
        int k = step <= 200 ? 10 : 20; /* 1 kHz for 2 s, then 2 kHz for 4 s */
        clocked_lines(&c, 3000.0 + step * 0.01, "r", n, n + k);
        n += k;
    }
    rp_series *s = rp_test_find(c.ing, "r");
    RP_REQUIRE_VOID(s != NULL);
    int64_t got = rp_series_stats_get(s).accepted;
    RP_CHECK_EQ_INT(got, n);
    double rate = rp_ingest_series_rate(c.ing, 0);
    RP_CHECK_MSG(fabs(rate - 2000.0) < 100.0, "estimated rate %.1f", rate);
    double drift = rp_x_at(s, got - 1) - 3006.0;
    RP_CHECK_MSG(fabs(drift) < 0.25, "drift %.4f s", drift);
    check_increasing(s, got);
    clocked_end(&c, 3006.5);
    clocked_close(&c);
}

/* Timestamps: mixed with untimed samples, one absurd, and a device clock that restarts. */
static void test_timestamps(void)
{
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open(&c, 1.8e9, 4096));
    const char mixed[] = "a:1\na:1764000000000:2\na:3\na:1e300:4\na:5\n";
    clocked_write(&c, 1.8e9 + 1, mixed, sizeof mixed - 1);
    clocked_end(&c, 1.8e9 + 2);
    rp_source_stats st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.samples, 4); /* every sample but the absurd one */
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_BAD_TIMESTAMP], 1);
    RP_CHECK_EQ_INT(st.samples_dropped, 1);
    RP_CHECK_EQ_INT(st.clock_resets, 1); /* 2025 after 2027: a new segment */
    RP_CHECK(strstr(st.last_error, "beyond") != NULL || strstr(st.last_error, "clock") != NULL);
    rp_series *a = rp_test_find(c.ing, "a");
    RP_REQUIRE_VOID(a != NULL);
    RP_CHECK_EQ_INT(rp_series_stats_get(a).rejected, 0);
    for (int i = 1; i < 4; i++) RP_CHECK(rp_x_at(a, i) > rp_x_at(a, i - 1));
    rp_ingest_destroy(c.ing);
    close(c.r);

    /* a board that reboots 2 s after its last sample: its ms clock starts again */
    RP_REQUIRE_VOID(clocked_open(&c, 100.0, 4096));
    const char boot1[] = "t:5000:1\nt:5010:2\nt:5020:3\n";
    clocked_write(&c, 102.0, boot1, sizeof boot1 - 1);
    const char boot2[] = "t:10:4\nt:20:5\n";
    clocked_write(&c, 104.0, boot2, sizeof boot2 - 1);
    clocked_end(&c, 105.0);
    st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.samples, 5);
    RP_CHECK_EQ_INT(st.samples_dropped, 0);
    RP_CHECK_EQ_INT(st.clock_resets, 1);
    rp_series *t = rp_test_find(c.ing, "t");
    RP_REQUIRE_VOID(t != NULL);
    RP_CHECK(rp_series_get_desc(t).timestamps);
    /* a NaN breaks the line; the new segment starts after the real silence (2 s) */
    RP_CHECK_EQ_INT(rp_series_stats_get(t).accepted, 6);
    RP_CHECK(fabs(rp_x_at(t, 2) - 5.02) < 1e-6);
    RP_CHECK(isnan(rp_sample_at(t, 3)));
    RP_CHECK_MSG(fabs(rp_x_at(t, 4) - (5.02 + 2.0)) < 1e-6, "x after reset %.6f", rp_x_at(t, 4));
    RP_CHECK(fabs(rp_x_at(t, 5) - rp_x_at(t, 4) - 0.01) < 1e-6);
    clocked_close(&c);

    /* a board that resets 0.8 s after booting: its clock goes back less than 1 s, but to its
     * start (below half the time it had): a reset too, its new samples kept (they were refused
     * until the new clock passed the old one, up to a second of data lost each reboot) */
    RP_REQUIRE_VOID(clocked_open(&c, 200.0, 4096));
    const char quick1[] = "q:100:1\nq:400:2\nq:800:3\n";
    clocked_write(&c, 201.0, quick1, sizeof quick1 - 1);
    const char quick2[] = "q:50:4\nq:150:5\nq:250:6\n";
    clocked_write(&c, 201.3, quick2, sizeof quick2 - 1);
    clocked_end(&c, 202.0);
    st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.samples, 6);
    RP_CHECK_EQ_INT(st.samples_dropped, 0);
    RP_CHECK_EQ_INT(st.clock_resets, 1);
    rp_series *q = rp_test_find(c.ing, "q");
    RP_REQUIRE_VOID(q != NULL);
    RP_CHECK_EQ_INT(rp_series_stats_get(q).accepted, 7); /* and the NaN breaking the line */
    RP_CHECK(isnan(rp_sample_at(q, 3)));
    RP_CHECK(rp_x_at(q, 4) > rp_x_at(q, 2));
    clocked_close(&c);
    /* UDP's few ms out of order late in a device's uptime stay refused, not a reset */
    RP_REQUIRE_VOID(clocked_open(&c, 300.0, 4096));
    const char late[] = "u:90000:1\nu:90020:2\nu:90010:3\nu:90030:4\n";
    clocked_write(&c, 301.0, late, sizeof late - 1);
    clocked_end(&c, 302.0);
    st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.clock_resets, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_OUT_OF_ORDER], 1);
    clocked_close(&c);

    /* an ESP-IDF board that reboots: the new boot's log lines come before its first sample;
     * they make the reset (they were refused as older than the last boot's lines) */
    rp_notes *notes = NULL;
    RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
    c.notes = notes;
    RP_REQUIRE_VOID(clocked_open_log(&c, 400.0, 4096, NULL));
    const char esp1[] = "I (29) boot: ESP-IDF v5.1\nI (3000) main: temp=21.5\n"
                        "I (3500) main: temp=21.6\n";
    clocked_write(&c, 403.5, esp1, sizeof esp1 - 1);
    const char esp2[] = "I (29) boot: ESP-IDF v5.1\nI (31) cpu_start: Starting scheduler.\n"
                        "I (3000) main: temp=21.7\n";
    clocked_write(&c, 410.0, esp2, sizeof esp2 - 1);
    clocked_end(&c, 411.0);
    st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.logs, 3);
    RP_CHECK_EQ_INT(st.clock_resets, 1);
    rp_notes_stats ns = rp_notes_stats_get(notes);
    RP_CHECK_MSG(ns.logs == 3 && ns.refused == 0, "notes: %lld logs kept, %lld refused",
                 (long long)ns.logs, (long long)ns.refused);
    rp_series *temp = rp_test_find(c.ing, "temp");
    RP_REQUIRE_VOID(temp != NULL);
    RP_CHECK_EQ_INT(rp_series_stats_get(temp).accepted, 4); /* 3 and the NaN at the reboot */
    rp_note out[4];
    RP_CHECK_EQ_INT(rp_notes_read_logs(notes, -INFINITY, INFINITY, out, 4), 3);
    RP_CHECK(out[1].x > rp_x_at(temp, 1) && out[1].x < rp_x_at(temp, 3)); /* between the boots */
    clocked_close(&c);
    rp_notes_destroy(notes);

    /* an ESP32 sending Unix ms that reboots (small times until NTP), then syncs again: the dates
     * after the sync are kept as they are (they went to 2077: the reboot's offset was added), a
     * line break at the reboot and at the sync */
    RP_REQUIRE_VOID(clocked_open(&c, 1700000000.5, 4096));
    const char ntp1[] = "t:1700000000000:1\nt:1700000001000:2\n";
    clocked_write(&c, 1700000001.5, ntp1, sizeof ntp1 - 1);
    const char ntp2[] = "t:1000:3\nt:2000:4\n";
    clocked_write(&c, 1700000005.0, ntp2, sizeof ntp2 - 1);
    const char ntp3[] = "t:1700000010000:5\nt:1700000011000:6\n";
    clocked_write(&c, 1700000011.5, ntp3, sizeof ntp3 - 1);
    clocked_end(&c, 1700000012.0);
    st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.samples, 6);
    RP_CHECK_EQ_INT(st.clock_resets, 2);
    t = rp_test_find(c.ing, "t");
    RP_REQUIRE_VOID(t != NULL);
    RP_CHECK_EQ_INT(rp_series_stats_get(t).accepted, 8); /* and a NaN at the reboot and sync */
    RP_CHECK(isnan(rp_sample_at(t, 2)) && isnan(rp_sample_at(t, 5)));
    RP_CHECK_MSG(rp_x_at(t, 3) > 1700000001.0 && rp_x_at(t, 4) < 1700000010.0,
                 "after the reboot %.3f %.3f", rp_x_at(t, 3), rp_x_at(t, 4));
    RP_CHECK_MSG(rp_x_at(t, 6) == 1700000010.0 && rp_x_at(t, 7) == 1700000011.0,
                 "after the sync %.3f %.3f", rp_x_at(t, 6), rp_x_at(t, 7));
    clocked_close(&c);

    /* a board's millis() first (drawn at its uptime: the clock's offset 0), then its NTP dates:
     * the line breaks there and it is counted as a reset (it was neither, a line drawn from the
     * uptime across 54 years to the first date) */
    RP_REQUIRE_VOID(clocked_open(&c, 1700000000.5, 4096));
    const char boot[] = "u:8000:1\nu:8020:2\nu:8040:3\n";
    clocked_write(&c, 1700000001.0, boot, sizeof boot - 1);
    const char synced[] = "u:1700000001100:4\nu:1700000001120:5\n";
    clocked_write(&c, 1700000001.2, synced, sizeof synced - 1);
    clocked_end(&c, 1700000002.0);
    st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.clock_resets, 1);
    t = rp_test_find(c.ing, "u");
    RP_REQUIRE_VOID(t != NULL);
    RP_CHECK_EQ_INT(rp_series_stats_get(t).accepted, 6);
    RP_CHECK(isnan(rp_sample_at(t, 3)));
    RP_CHECK(rp_x_at(t, 2) == 8.04 && rp_x_at(t, 4) == 1700000001.1);
    clocked_close(&c);

    /* the same in one read (the reboot and the sync staged together): a break at each (the
     * sync's was lost: one pending break a series) */
    RP_REQUIRE_VOID(clocked_open(&c, 1700000000.5, 4096));
    const char ntp_all[] = "t:1700000000000:1\nt:1700000001000:2\nt:1000:3\nt:2000:4\n"
                           "t:1700000010000:5\nt:1700000011000:6\n";
    clocked_write(&c, 1700000011.5, ntp_all, sizeof ntp_all - 1);
    clocked_end(&c, 1700000012.0);
    t = rp_test_find(c.ing, "t");
    RP_REQUIRE_VOID(t != NULL);
    RP_CHECK_EQ_INT(rp_series_stats_get(t).accepted, 8);
    RP_CHECK(isnan(rp_sample_at(t, 2)) && isnan(rp_sample_at(t, 5)));
    RP_CHECK_MSG(rp_x_at(t, 6) == 1700000010.0, "after the sync %.3f", rp_x_at(t, 6));
    clocked_close(&c);

    /* two series of one source whose clocks reset in turn: each line breaks at its own reset
     * (the second reset moved the first's break past a's new samples: a was drawn across it),
     * and a's again at b's, which moved the source's one clock under a's line too */
    RP_REQUIRE_VOID(clocked_open(&c, 500.0, 4096));
    const char two[] = "a:1000:1\na:3000:2\nb:1000:10\nb:3000:11\na:500:3\nb:200:12\n"
                       "a:900:4\nb:300:13\n";
    clocked_write(&c, 503.5, two, sizeof two - 1);
    clocked_end(&c, 504.0);
    st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.samples, 8);
    RP_CHECK_EQ_INT(st.samples_dropped, 0);
    rp_series *sa = rp_test_find(c.ing, "a"), *sb = rp_test_find(c.ing, "b");
    RP_REQUIRE_VOID(sa != NULL && sb != NULL);
    RP_CHECK_EQ_INT(rp_series_stats_get(sa).accepted, 6);
    RP_CHECK_EQ_INT(rp_series_stats_get(sb).accepted, 5);
    RP_CHECK(isnan(rp_sample_at(sa, 2)) && isnan(rp_sample_at(sa, 4)) &&
             isnan(rp_sample_at(sb, 2)));
    clocked_close(&c);
}

/* An absurd timestamp among a series' first samples (refused when pushed) takes no part in the
 * rate and resolution they are measured from: a1e300 made the rate 3e-297/s; first, it left the
 * series without a rate and 2.45 MB of capacity. */
static rp_ingest *ingest_of_text(const char *text, int *fd);

static void test_absurd_timestamp_first(void)
{
    static const char *const texts[2] = {">v:100:1\n>v:200:2\n>v:300:3\n>v:1e300:4\n",
                                         ">v:1e300:0\n>v:100:1\n>v:200:2\n>v:300:3\n"};
    for (int k = 0; k < 2; k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(texts[k], &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, "v"), 3);
        double rate = rp_ingest_series_rate(ing, 0);
        RP_CHECK_MSG(fabs(rate - 10.0) < 1e-6, "text %d: rate %g", k, rate);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_BAD_TIMESTAMP], 1);
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* Prose said again ("hello world" 30 times, a status line each second) is no CSV header over
 * rows that repeat it: every line is refused with a reason (it read as a CSV whose rows were all
 * skipped as repeated headers: 0 rejected lines, "comments and blank lines only"). */
static void test_repeated_prose(void)
{
    int fd;
    rp_ingest *ing = ingest_of_text("hello world\nhello world\nhello world\nhello world\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.lines_rejected, 4);
    RP_CHECK_EQ_INT(st.series, 0);
    RP_CHECK_MSG(strstr(st.last_error, "'hello world'") != NULL, "'%s'", st.last_error);
    rp_ingest_destroy(ing);
    close(fd);
}

/* A series whose creation fails never holds up the series after it (viewer, rp_source, MQTT). */
static void test_failed_series_slot(void)
{
    int f1[2], f2[2];
    RP_REQUIRE_VOID(pipe(f1) == 0 && pipe(f2) == 0);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    /* source 0 asks for an impossible capacity: its series cannot be created */
    RP_REQUIRE_VOID(rp_ingest_add_source(ing,
                                         &(rp_source_desc){.kind = RP_SOURCE_FD,
                                                           .fd.fd = f1[0],
                                                           .capacity = ((int64_t)1 << 40) + 1},
                                         err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_add_source(ing,
                                         &(rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = f2[0]},
                                         err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    RP_CHECK(write(f1[1], "bad:1\n", 6) == 6);
    close(f1[1]);
    for (int i = 0; i < RP_TEST_WAIT_STEPS / 5 &&
                    rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_SERIES_FAILED] == 0;
         i++)
        sleep_ms(5);
    RP_CHECK(write(f2[1], "good:1\n", 7) == 7);
    close(f2[1]);
    rp_test_wait_ended(ing);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 2);
    RP_CHECK(rp_ingest_series_failed(ing, 0));
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_SERIES_FAILED], 1);
    rp_figure *fig;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &fig) == RP_OK);
    rp_panel_policy pp;
    RP_REQUIRE_VOID(rp_panel_policy_init(&pp, fig, NULL, 0, -1) == RP_OK);
    RP_CHECK_EQ_INT(rp_panel_policy_poll(&pp, ing), 1); /* "good" is shown */
    rp_figure_destroy(fig);
    rp_ingest_destroy(ing);
    close(f1[0]);
    close(f2[0]);
}

/* An ingest with one auto-detecting fd source that has read all of `in` and ended; the read end
 * of its pipe in *read_fd (close it after destroying the ingest). */
static rp_ingest *ingest_of_text(const char *in, int *read_fd)
{
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    if (!ing) return NULL;
    RP_CHECK(rp_test_pipe_finish(ing, fds, in));
    *read_fd = fds[0];
    return ing;
}

/* The panels the viewer's policy makes of `text` (an auto-detected stream that has ended). */
typedef struct policy_run {
    rp_ingest *ing;
    rp_figure *fig;
    int fd;
} policy_run;

/* True when the policy added `series` series in `panels` panels; end_policy_run after, always. */
static bool start_policy_run(const char *text, int series, int panels, policy_run *r)
{
    memset(r, 0, sizeof *r);
    r->fd = -1;
    r->ing = ingest_of_text(text, &r->fd);
    if (!r->ing || rp_figure_create(NULL, &r->fig) != RP_OK) return false;
    rp_panel_policy pp;
    if (rp_panel_policy_init(&pp, r->fig, NULL, 0, -1) != RP_OK) return false;
    RP_CHECK_EQ_INT(rp_panel_policy_poll(&pp, r->ing), series);
    RP_CHECK_EQ_INT(rp_figure_panel_count(r->fig), panels);
    return rp_figure_panel_count(r->fig) == panels;
}

static void end_policy_run(policy_run *r)
{
    rp_figure_destroy(r->fig);
    rp_ingest_destroy(r->ing);
    if (r->fd >= 0) close(r->fd);
}

/* Panels by group; ROS-style names ("/imu/ax", PlotJuggler's exports) are in the group after the
 * leading '/', not all in one panel of the source. */
static void test_panels_by_group(void)
{
    policy_run r;
    if (start_policy_run("/imu/ax:1\n/imu/ay:2\ngps/lat:3\n/top:4\n{\"pos\":[1,2],\"[x]\":5}\n", 7,
                         4, &r)) {
        const rp_figure_panel *panels = r.fig->panels;
        /* a JSON array's elements share a panel named by the key, labelled by their index */
        RP_CHECK(strcmp(panels[3].title, "pos") == 0 && panels[3].series_count == 2 &&
                 strcmp(panels[3].series[1].label, "[1]") == 0);
        RP_CHECK(panels[2].series_count == 2 && /* "[x]": nothing before '[', no group */
                 strcmp(panels[2].series[1].label, "[x]") == 0);
        RP_CHECK(strcmp(panels[0].title, "imu") == 0 && panels[0].series_count == 2);
        RP_CHECK(strcmp(panels[0].series[0].label, "ax") == 0);
        RP_CHECK(strcmp(panels[1].title, "gps") == 0);
        RP_CHECK(panels[2].series_count >= 1 && /* "/top": no group, the source's panel */
                 strcmp(panels[2].series[0].label, "/top") == 0);
    }
    end_policy_run(&r);
}

/* Two files with the same columns (time,alt,speed): the legend and the read-out table listed alt,
 * speed, alt, speed, told apart by colour only. A name that two sources share is labelled with
 * each one's source, in every panel it is in; a name of one source alone keeps its label, and so
 * do two series of one source with the same name (the source would not tell them apart). */
static void test_panels_shared_names_say_their_source(void)
{
    rp_figure *f = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &f) == RP_OK);
    static const char *const specs[1] = {"alt"};
    rp_panel_policy *pp = calloc(1, sizeof *pp);
    RP_REQUIRE_VOID(pp && rp_panel_policy_init(pp, f, specs, 1, -1) == RP_OK);
    const char *names[5] = {"alt", "speed", "alt", "imu/ax", "imu/ax"};
    const char *sources[5] = {"before.csv", "before.csv", "after.csv", "stdin", "stdin"};
    rp_series *s[5];
    for (int i = 0; i < 5; i++) {
        RP_REQUIRE_VOID(
            rp_series_create(&(rp_series_desc){.name = names[i], .capacity = 16}, &s[i]) == RP_OK);
        RP_CHECK(rp_panel_policy_place(pp, s[i], sources[i]));
    }
    const char *want[5] = {"before.csv: alt", "speed", "after.csv: alt", "ax", "ax"};
    for (int i = 0; i < 5; i++)
        for (int p = 0; p < f->panel_count; p++)
            for (int k = 0; k < f->panels[p].series_count; k++)
                if (f->panels[p].series[k].series == s[i])
                    RP_CHECK_MSG(!strcmp(f->panels[p].series[k].label, want[i]),
                                 "series %d labelled '%s', not '%s'", i,
                                 f->panels[p].series[k].label, want[i]);
    rp_figure_destroy(f);
    for (int i = 0; i < 5; i++) rp_series_destroy(s[i]);
    free(pp);
}

/* Series without a group share their source's panel only with series of the same unit (a
 * sensor's temperature and pressure on one axis flattened the temperature); a group keeps its
 * series together whatever their units; series without a unit stay in the source's panel. */
static void test_panels_by_unit(void)
{
    policy_run r;
    if (start_policy_run("Temperature = 23.45 *C\nPressure = 1013.25 hPa\nHeat index: 23.1 *C\n"
                         "count:5\nimu/ax:1\xc2\xa7g|\nimu/gx:2\xc2\xa7"
                         "dps|\nlevel:3\n",
                         7, 4, &r)) {
        const char *title[4] = {"stdin (*C)", "stdin (hPa)", "stdin", "imu"};
        int count[4] = {2, 1, 2, 2};
        for (int i = 0; i < 4; i++)
            RP_CHECK_MSG(strcmp(r.fig->panels[i].title, title[i]) == 0 &&
                             r.fig->panels[i].series_count == count[i],
                         "panel %d: '%s' with %d series", i, r.fig->panels[i].title,
                         r.fig->panels[i].series_count);
        RP_CHECK(strcmp(r.fig->panels[0].series[1].label, "Heat index") == 0);
    }
    end_policy_run(&r);
}

/* A boot banner with a comma, then binary junk, then text: detection recovers; no series gets a
 * name that is not UTF-8. */
static void test_detection_recovers(void)
{
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(rp_test_pipe_finish(
        ing, fds, "Booting, fw v1.2\n\xff\xfe\x01,\x80:1\ntemp:21.5\nhum:40\ntemp:22\n"));
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "temp"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "hum"), 1);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 2);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 2);
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* A stream decided by Teleplot's '>' data lines (a sketch on a serial port) takes its other lines
 * as the sketch's log text, not as malformed data; a stream of plain name:value lines still
 * refuses them. */
static void test_teleplot_serial_logs(void)
{
    int fd;
    rp_ingest *ing = ingest_of_text("Booting\n>a:1\nSetup done\n>a:2\nvalue is 5\n>a:3\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 3);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 1); /* the banner, before '>' was seen */
    RP_CHECK_EQ_INT(st.logs, 2);
    rp_ingest_destroy(ing);
    close(fd);
    ing = ingest_of_text("a:1\nSetup done\na:2\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 2);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 1);
    rp_ingest_destroy(ing);
    close(fd);
    /* a '>' log line without ':' decides the stream too, first as anywhere else */
    ing = ingest_of_text(">Booting\n>temp:1\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "temp"), 1);
    st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 0);
    RP_CHECK_EQ_INT(st.logs, 1);
    rp_ingest_destroy(ing);
    close(fd);
}

/* A CSV header whose names hold ':' ("Time (hh:mm:ss)") is a header, not a text line: it was
 * refused and the first row became a series "12" of text samples. A text line with fields that
 * no row of numbers follows is still refused, and the text after it read. */
static void test_detection_header_with_colon(void)
{
    int fd;
    rp_ingest *ing =
        ingest_of_text("Time (hh:mm:ss),Value\n12:00:00,1\n12:00:01,2\n12:00:02,3\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "Value"), 3);
    RP_CHECK(rp_test_find(ing, "12") == NULL);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 1);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
    rp_ingest_destroy(ing);
    close(fd);
    ing = ingest_of_text("a:x,b:y\nc:1\nc:2\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "c"), 2);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 1);
    rp_ingest_destroy(ing);
    close(fd);
    /* streams of two series, two samples each, as tools write them:
     * - a GPS module's NMEA sentences hold readings (4807.038): no header, nothing invented; a
     *   script's printed lists are bare values;
     * - an oscilloscope's header names its channels by number: still a header;
     * - R's write.table and write.csv without a name for the row names: rows of one field more */
    const struct {
        const char *text, *first, *second;
        int64_t malformed; /* lines refused */
    } two[] = {
        {"$GPGGA,123519,4807.038,N,01131.000,E,1,08,0.9,545.4,M,46.9,M,,*47\n"
         "$GPGGA,123520,4807.039,N,01131.001,E,1,08,0.9,545.5,M,46.9,M,,*48\n"
         "[1.5, 2.5]\n[1.6, 2.6]\n",
         "value1", "value2", 2},
        {"x-axis,1,2\nsecond,Volt,Volt\n-1.0e-03,0.01,0.02\n-0.999e-03,0.02,0.03\n", "1", "2", 0},
        {"\"a\" \"b\"\n\"1\" 1 1.5\n\"2\" 2 2.5\n", "a", "b", 0},
        {"\"a\",\"b\"\n\"Mazda RX4\",1,1.5\n\"Fiat 128\",2,2.5\n", "a", "b", 0},
    };
    for (int k = 0; k < 4; k++) {
        ing = ingest_of_text(two[k].text, &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_MSG(rp_ingest_series_count(ing) == 2 && rp_test_accepted(ing, two[k].first) == 2 &&
                         rp_test_accepted(ing, two[k].second) == 2,
                     "stream %d: %d series", k, rp_ingest_series_count(ing));
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED],
                        two[k].malformed);
        rp_ingest_destroy(ing);
        close(fd);
    }
    /* a clock time read before the format is known: refused with its reason (none was said) */
    const char *clocks[] = {"Uptime 00:01:23\n", "a 10:00:01 UTC\n",
                            "host;2026-11-30 10:00:01 UTC;-1;2,51\n"};
    for (int k = 0; k < 3; k++) {
        ing = ingest_of_text(clocks[k], &fd);
        RP_REQUIRE_VOID(ing != NULL);
        rp_source_stats ss = rp_ingest_source_stats(ing, 0);
        RP_CHECK_MSG(ss.refused[RP_REFUSED_MALFORMED] == 1 && strstr(ss.last_error, "clock time"),
                     "clock %d: '%s'", k, ss.last_error);
        rp_ingest_destroy(ing);
        close(fd);
    }
    /* a CSV without a header (nvidia-smi's --format=csv,noheader): its first row is data when
     * its fields are numbers (with units) or of the kinds of the next row's; the columns are
     * value1.. and the first row is kept (it was the header: series "35 %", "1024 MiB", "41",
     * one sample each); a column of words is no series */
    const struct {
        const char *text, *first, *second;
        int64_t samples;
    } noheader[] = {
        {"35 %, 1024 MiB, 41\n80 %, 2048 MiB, 43\n", "value1", "value3", 2},
        {"NVIDIA H200, 35, 41\nNVIDIA H200, 80, 43\nNVIDIA H200, 81, 44\n", "value2", "value3", 3},
    };
    for (int k = 0; k < 2; k++) {
        ing = ingest_of_text(noheader[k].text, &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_MSG(rp_ingest_series_count(ing) == 2 + (k == 0) &&
                         rp_test_accepted(ing, noheader[k].first) == noheader[k].samples &&
                         rp_test_accepted(ing, noheader[k].second) == noheader[k].samples,
                     "noheader %d: %d series", k, rp_ingest_series_count(ing));
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        rp_ingest_destroy(ing);
        close(fd);
    }
    /* names that are numbers with a unit over rows of plain numbers are a header (a depth
     * profile, a frequency response): they were read as a first row of data */
    static const char *const named[2] = {"0m,5m,10m\n21.5,18.2,12.1\n21.6,18.3,12.0\n",
                                         "100Hz,1kHz,10kHz\n-0.1,-0.5,-3.2\n-0.2,-0.4,-3.0\n"};
    static const char *const names[2] = {"5m", "1kHz"};
    for (int k = 0; k < 2; k++) {
        ing = ingest_of_text(named[k], &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_MSG(rp_ingest_series_count(ing) == 3 && rp_test_accepted(ing, names[k]) == 2,
                     "named %d: %d series", k, rp_ingest_series_count(ing));
        rp_ingest_destroy(ing);
        close(fd);
    }
    /* lines refused before the format was known: escaped in the message as every message
     * quotes input (a tab was '?', a '°' '??'), and their reasons add up to malformed (one
     * without a parser's reason is "format unknown") */
    ing = ingest_of_text("PING x\t(1.2.3.4) 56(84) \xc2\xb0 bytes\nrtt a/b = 1/2\na:1\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    {
        rp_source_stats ss = rp_ingest_source_stats(ing, 0);
        int64_t reasons[RP_LINE_REJECT_COUNT], sum = 0;
        rp_ingest_line_rejects(ing, 0, reasons);
        for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) sum += reasons[r];
        RP_CHECK_MSG(ss.refused[RP_REFUSED_MALFORMED] == 2 && sum == 2 &&
                         reasons[RP_LINE_REJECT_NO_FORMAT] == 1,
                     "malformed %lld, reasons %lld", (long long)ss.refused[RP_REFUSED_MALFORMED],
                     (long long)sum);
    }
    rp_ingest_destroy(ing);
    close(fd);
    ing = ingest_of_text("PING x\t\xc2\xb0\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_MSG(strstr(rp_ingest_source_stats(ing, 0).last_error, "PING x\\x09\\xc2\\xb0") != NULL,
                 "'%s'", rp_ingest_source_stats(ing, 0).last_error);
    rp_ingest_destroy(ing);
    close(fd);
    /* sadf -d: a '#' header over rows that open with a word and hold a date-time "... UTC"
     * (every line was refused: a clock time read before the format was known) */
    ing = ingest_of_text("# hostname;interval;timestamp;CPU;%user\n"
                         "host;1;2026-11-30 10:00:01 UTC;-1;2,51\n"
                         "host;1;2026-11-30 10:00:02 UTC;-1;10,05\n"
                         "host;1;2026-11-30 10:00:03 UTC;-1;5,00\n",
                         &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "%user"), 3);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
    rp_ingest_destroy(ing);
    close(fd);
    /* mosquitto_sub -v: "TOPIC PAYLOAD" lines decide the stream as text (the first was
     * skipped and refused, the JSON one made a series 'sensors/esp1 {"temp"') */
    ing =
        ingest_of_text("home/a/temp 21.5\nsensors/esp1 {\"temp\": 22.1}\nhome/a/temp 21.6\n", &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "home/a/temp"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "sensors/esp1/temp"), 1);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
    rp_ingest_destroy(ing);
    close(fd);
    /* dmesg: the kernel's boot line (no ':' nor '=') decides the stream as text, a log line,
     * not a line skipped before the format was known and refused */
    ing = ingest_of_text("[    0.000000] Linux version 6.5.0\n[   12.300000] temp=45.2\n"
                         "[   13.300000] temp=45.3\n",
                         &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "temp"), 2);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).logs, 1);
    rp_ingest_destroy(ing);
    close(fd);
    /* a Serial Monitor capture with its time stamps: samples at their stamped times; an ESP-IDF
     * log in colour: its boot line a log line (not a refused banner), its data lines samples at
     * the ms since boot */
    const struct {
        const char *text, *unit;
        int64_t logs;
    } stamped[] = {
        {"12:30:00.000 -> Temperature = 22.00 *C\n12:30:00.500 -> Temperature = 22.10 *C\n", "*C",
         0},
        {"\x1b[0;32mI (100) boot: ESP-IDF v5.1\x1b[0m\r\n\x1b[0;32mI (1000) main: "
         "Temperature=21.5\x1b[0m\r\n\x1b[0;32mI (1500) main: Temperature=21.7\x1b[0m\r\n",
         "", 1},
    };
    for (int k = 0; k < 2; k++) {
        ing = ingest_of_text(stamped[k].text, &fd);
        RP_REQUIRE_VOID(ing != NULL);
        rp_series *t = rp_test_find(ing, "Temperature");
        RP_CHECK_MSG(t != NULL && rp_series_stats_get(t).accepted == 2 &&
                         !strcmp(rp_series_unit(t), stamped[k].unit),
                     "stamped %d", k);
        if (t)
            RP_CHECK_NEAR(rp_x_at(t, t->desc.first_index + 1) - rp_x_at(t, t->desc.first_index),
                          0.5, 1e-6);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).logs, stamped[k].logs);
        rp_ingest_destroy(ing);
        close(fd);
    }
    /* a label, then raw readings between tabs (a sketch printing an IMU's registers): more
     * numbers than names is no header; it made series named "-1234", "567"... of the next rows */
    ing = ingest_of_text("a/g:\t-1234\t567\t16384\na/g:\t-1200\t560\t16000\n"
                         "a/g:\t-1100\t550\t15000\n",
                         &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 0);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 3);
    rp_ingest_destroy(ing);
    close(fd);
}

/* Samples an hour or a day apart (a weather log, daily prices) each start a segment of their
 * timestamped series (2^32 µs, 71.6 min, a segment): all of a 2500-row file is kept, where the
 * core's default segment count let all but the newest 64 rows expire at once. Unix µs and ns
 * time stamps (1e14, 1e17 up) are read as such; "timestamp:us" says a column's unit. */
/* A timestamped stream that stops (a logger paused 3 s; a board off its link) is drawn with a gap,
 * not a line across the hole, where the cursors already read "-": a series that kept a cadence for
 * 16 spacings breaks before a timestamp more than 10 of them after the one before (one NaN). A
 * shorter hiccup (5 spacings), and a series of events with no steady cadence, are joined. */
static void test_timestamp_silence(void)
{
    static char text[65536];
    int n = snprintf(text, sizeof text, "time,v,e,j\n");
    double t = 1.7e9, event = 1.7e9, jt = 1.7e9;
    uint32_t lcg = 12345;
    static const double event_gaps[] = {1, 3, 0.5, 7, 2, 60, 1.5};
    for (int i = 0; i < 600; i++) {
        t += i == 200 ? 3.0 : i == 400 ? 0.05 : 0.01; /* a silence, then a hiccup */
        if (i % 20 == 0) event += event_gaps[(i / 20) % 7];
        if (i % 20 == 0)
            n += snprintf(text + n, sizeof text - (size_t)n, "%.3f,%d,,\n%.3f,,%d,\n", t, i % 9,
                          event, i % 5);
        else
            n += snprintf(text + n, sizeof text - (size_t)n, "%.3f,%d,,\n", t, i % 9);
    }
    /* a board's loop that jitters by half its period (5 to 15 whole ms), with a 3 s hole */
    for (int i = 0; i < 300; i++) {
        lcg = lcg * 1103515245u + 12345u;
        jt += i == 150 ? 3.0 : (double)(5 + (lcg >> 16) % 11) / 1000;
        n += snprintf(text + n, sizeof text - (size_t)n, "%.3f,,,%d\n", jt, i % 4);
    }
    int fd;
    rp_ingest *ing = ingest_of_text(text, &fd);
    RP_REQUIRE_VOID(ing != NULL);
    rp_series *v = rp_test_find(ing, "v"), *e = rp_test_find(ing, "e");
    RP_REQUIRE_VOID(v && e);
    int64_t nv = rp_series_stats_get(v).accepted, ne = rp_series_stats_get(e).accepted;
    int64_t nan_v = 0, nan_at = -1, nan_e = 0;
    for (int64_t i = 0; i < nv; i++)
        if (isnan(rp_sample_at(v, i))) nan_v++, nan_at = i;
    for (int64_t i = 0; i < ne; i++) nan_e += isnan(rp_sample_at(e, i));
    RP_CHECK_EQ_INT(nv, 601);
    RP_CHECK_EQ_INT(nan_v, 1);
    RP_CHECK_EQ_INT(nan_at, 200); /* between the 200th sample and the one 3 s later */
    RP_CHECK_EQ_INT(ne, 30);
    RP_CHECK_EQ_INT(nan_e, 0);
    rp_series *j = rp_test_find(ing, "j");
    RP_REQUIRE_VOID(j != NULL);
    int64_t nj = rp_series_stats_get(j).accepted, nan_j = 0;
    for (int64_t i = 0; i < nj; i++) nan_j += isnan(rp_sample_at(j, i));
    RP_CHECK_EQ_INT(nj, 301);
    RP_CHECK_EQ_INT(nan_j, 1);
    rp_ingest_destroy(ing);
    close(fd);
    /* A series that slows down (1 kHz for 1 s, then 10 Hz), and one whose first 20 samples came
     * 0.1 ms apart (a buffered burst) before its 10 ms cadence: one gap where the spacing grew,
     * then a line at the new cadence. Every later sample was cut off by a gap (the old cadence
     * went on), the line drawn as dots. */
    n = snprintf(text, sizeof text, "time,s,b\n");
    t = 1.7e9;
    for (int i = 0; i < 1100; i++) {
        t += i < 1000 ? 0.001 : 0.1;
        n += snprintf(text + n, sizeof text - (size_t)n, "%.4f,%d,\n", t, i % 7);
    }
    t = 1.8e9;
    for (int i = 0; i < 120; i++) {
        t += i < 20 ? 0.0001 : 0.01;
        n += snprintf(text + n, sizeof text - (size_t)n, "%.4f,,%d\n", t, i % 7);
    }
    ing = ingest_of_text(text, &fd);
    RP_REQUIRE_VOID(ing != NULL);
    rp_series *slow = rp_test_find(ing, "s"), *burst = rp_test_find(ing, "b");
    RP_REQUIRE_VOID(slow && burst);
    rp_series *both[2] = {slow, burst};
    const int64_t samples[2] = {1100, 120}, gap_after[2] = {1000, 20};
    for (int k = 0; k < 2; k++) {
        int64_t count = rp_series_stats_get(both[k]).accepted, nans = 0, at = -1;
        for (int64_t i = 0; i < count; i++)
            if (isnan(rp_sample_at(both[k], i))) nans++, at = i;
        RP_CHECK_MSG(count == samples[k] + 1 && nans == 1 && at == gap_after[k],
                     "series %d: %lld samples, %lld gaps, the last at %lld", k, (long long)count,
                     (long long)nans, (long long)at);
    }
    rp_ingest_destroy(ing);
    close(fd);
    /* A hole the data marks itself (an exported recording: a NaN row in the middle of it): that
     * NaN is the break; none is added before or after it (a replayed export had three) */
    n = snprintf(text, sizeof text, "time,g\n");
    t = 1.7e9;
    for (int i = 0; i < 60; i++) {
        t += i == 30 ? 2.5 : i == 31 ? 2.5 : 0.01;
        if (i == 30)
            n += snprintf(text + n, sizeof text - (size_t)n, "%.4f,nan\n", t);
        else
            n += snprintf(text + n, sizeof text - (size_t)n, "%.4f,%d\n", t, i % 7);
    }
    ing = ingest_of_text(text, &fd);
    RP_REQUIRE_VOID(ing != NULL);
    rp_series *g = rp_test_find(ing, "g");
    RP_REQUIRE_VOID(g != NULL);
    int64_t ng = rp_series_stats_get(g).accepted, nan_g = 0;
    for (int64_t i = 0; i < ng; i++) nan_g += isnan(rp_sample_at(g, i));
    RP_CHECK_MSG(ng == 60 && nan_g == 1 && isnan(rp_sample_at(g, 30)), "%lld samples, %lld gaps",
                 (long long)ng, (long long)nan_g);
    rp_ingest_destroy(ing);
    close(fd);
}

static void test_slow_and_fine_timestamps(void)
{
    static char text[120000];
    const double spacing[2] = {3600, 86400};
    for (int k = 0; k < 2; k++) {
        int n = snprintf(text, sizeof text, "time,temp\n");
        for (int i = 0; i < 2500; i++)
            n += snprintf(text + n, sizeof text - (size_t)n, "%.0f,%d\n", 1.7e9 + spacing[k] * i,
                          i % 24);
        int fd;
        rp_ingest *ing = ingest_of_text(text, &fd);
        RP_REQUIRE_VOID(ing != NULL);
        rp_series *t = rp_test_find(ing, "temp");
        RP_REQUIRE_VOID(t != NULL);
        rp_series_stats st = rp_series_stats_get(t);
        RP_CHECK_MSG(st.accepted == 2500 && st.retained == 2500 && st.expired_early == 0,
                     "%.0f s apart: %lld retained of %lld", spacing[k], (long long)st.retained,
                     (long long)st.accepted);
        RP_CHECK_NEAR(rp_x_at(t, t->desc.first_index + 2499) - rp_x_at(t, t->desc.first_index),
                      spacing[k] * 2499, 1e-3);
        rp_ingest_destroy(ing);
        close(fd);
    }
    const struct {
        const char *text, *time_column;
        double first, step; /* s */
    } fine[] = {
        {"time,v\n1700000000000000,1\n1700000000001000,2\n", NULL, 1.7e9, 1e-3}, /* µs */
        {"timestamp,v\n1700000000000000000,1\n1700000000010000000,2\n", NULL, 1.7e9, 1e-2}, /* ns */
        {"%time,v\n1700000000000000000,1\n1700000000010000000,2\n", NULL, 1.7e9, 1e-2}, /* ROS */
        {"timestamp,v\n20000000,1\n20004000,2\n", "timestamp:us", 20, 4e-3}, /* PX4 boot µs */
        {"Zeit,v\n5,1\n6,2\n", "zeit:ms", 5e-3, 1e-3},
        /* Unix times closer than 10 µs: kept to 1 µs (finer ticks would pass RP_TICKS_MAX and
         * every sample was refused as out of order) */
        {"time,v\n1796000000.000000,1\n1796000000.000005,2\n", NULL, 1.796e9, 5e-6},
        {"timestamp,v\n1700000000000000000,1\n1700000000000001000,2\n", NULL, 1.7e9, 1e-6},
    };
    for (int k = 0; k < (int)(sizeof fine / sizeof fine[0]); k++) {
        int fds[2];
        rp_ingest *ing =
            rp_test_pipe_ingest(NULL, (rp_source_desc){.time_column = fine[k].time_column}, fds);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK(rp_test_pipe_finish(ing, fds, fine[k].text));
        rp_series *v = rp_test_find(ing, "v");
        RP_CHECK_MSG(v && rp_series_stats_get(v).accepted == 2, "case %d", k);
        if (v) {
            double x0 = rp_x_at(v, v->desc.first_index), x1 = rp_x_at(v, v->desc.first_index + 1);
            RP_CHECK_MSG(fabs(x0 - fine[k].first) < 1e-6 * fabs(fine[k].first) + 1e-9 &&
                             fabs(x1 - x0 - fine[k].step) < 1e-6 * fine[k].step + 5e-7,
                         "case %d: x %.9g, then %.9g", k, x0, x1);
        }
        rp_ingest_destroy(ing);
        close(fds[0]);
    }
}

/* A '#' line naming every column right before the first row is its header (numpy's savetxt
 * header=, gnuplot's "# x y"): those columns plotted as value1, value2... Any other '#' line is a
 * comment: not right before the row, a word count that differs, numbers. */
static void test_detection_comment_header(void)
{
    const struct {
        const char *text, *first, *second;
        bool timed; /* the first column "time" is the time: x 0, 0.5 */
    } cases[] = {
        {"# time,sin,cos\n0.0e+00,0.0e+00,1.0e+00\n5.0e-01,4.8e-01,8.8e-01\n", "sin", "cos", true},
        {"# time sin cos\n0.0e+00 0.0e+00 1.0e+00\n5.0e-01 4.8e-01 8.8e-01\n", "sin", "cos", true},
        {"# made by a tool\n# x y\n1\t2\n3\t4\n", "x", "y", false},
        {"## ax;ay\n1;2\n3;4\n", "ax", "ay", false},
        {"x y\n1\t2\n3\t4\n", "x", "y", false}, /* no '#': blanks over tabs (it was refused) */
        {"# x y\n# generated\n1 2\n3 4\n", "value1", "value2", false},
        {"# a,b,c\n1,2\n3,4\n", "value1", "value2", false},
        {"# 1.5 2.5\n1 2\n3 4\n", "value1", "value2", false},
        {"# Starting\n1 2\n3 4\n", "value1", "value2", false},
        {"# x y\n\n1 2\n3 4\n", "value1", "value2", false},
    };
    for (int k = 0; k < (int)(sizeof cases / sizeof cases[0]); k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(cases[k].text, &fd);
        RP_REQUIRE_VOID(ing != NULL);
        rp_series *a = rp_test_find(ing, cases[k].first);
        RP_CHECK_MSG(rp_ingest_series_count(ing) == 2 && a &&
                         rp_test_accepted(ing, cases[k].first) == 2 &&
                         rp_test_accepted(ing, cases[k].second) == 2,
                     "case %d: %d series", k, rp_ingest_series_count(ing));
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        if (a && cases[k].timed) RP_CHECK_NEAR(rp_x_at(a, a->desc.first_index + 1), 0.5, 1e-9);
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* A CSV whose every value carries its unit (`nvidia-smi --query-gpu=... --format=csv`: "35 %",
 * "1024 MiB", a column of names, a date-time) is detected as CSV from a stream and a file: its
 * rows held no bare number, so no row confirmed the header and every line was refused; and the
 * first row is data, not a row of units. */
static void test_detection_units_on_values(void)
{
    const char *texts[2] = {"timestamp, name, utilization.gpu [%], memory.used [MiB]\n"
                            "2026/11/30 05:31:05.123, NVIDIA H200, 35 %, 1024 MiB\n"
                            "2026/11/30 05:31:06.123, NVIDIA H200, 40 %, 1030 MiB\n"
                            "2026/11/30 05:31:07.123, NVIDIA H200, 45 %, 1040 MiB\n",
                            "util [%],mem [MiB]\n35 %,1024 MiB\n40 %,1030 MiB\n45 %,1040 MiB\n"};
    const char *names[2][2] = {{"utilization.gpu", "memory.used"}, {"util", "mem"}};
    for (int k = 0; k < 2; k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(texts[k], &fd);
        RP_REQUIRE_VOID(ing != NULL);
        rp_series *a = rp_test_find(ing, names[k][0]), *b = rp_test_find(ing, names[k][1]);
        RP_CHECK_MSG(a && b && rp_test_accepted(ing, names[k][0]) == 3 &&
                         rp_test_accepted(ing, names[k][1]) == 3,
                     "case %d: %d series", k, rp_ingest_series_count(ing));
        if (a && b) {
            RP_CHECK(!strcmp(rp_series_unit(a), "%") && !strcmp(rp_series_unit(b), "MiB"));
            float v[3];
            int64_t got = 0;
            RP_CHECK(rp_series_copy_ending_at(b, INFINITY, v, 3, &got, NULL, NULL) == RP_OK &&
                     got == 3 && v[0] == 1024.0f && v[2] == 1040.0f);
        }
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* JSON lines on a byte stream (a sketch printing ArduinoJson, a script's json.dumps) are told
 * from CSV although they hold commas, after a boot banner too, with a JSON time for all fields. */
static void test_detection_json_lines(void)
{
    int fd;
    rp_ingest *ing = ingest_of_text("ESP32 booting\n{\"temp\":21.5,\"imu\":{\"ax\":1,\"ay\":2}}\n"
                                    "{\"temp\":22,\"imu\":{\"ax\":3,\"ay\":4}}\n"
                                    "{\"ts\":1700000000,\"temp\":23}\n",
                                    &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "temp"), 3);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "imu/ax"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "imu/ay"), 2);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 3);
    rp_ingest_destroy(ing);
    close(fd);
}

/* A line refused while the format is still being detected says why, as it would once the format
 * is known (it was only counted, with no reason and no message), and line numbers count from the
 * stream's first line, the banner lines included (they counted from the line that decided). */
static void test_detection_names_the_problem(void)
{
    const struct {
        const char *text, *series, *message; /* the message the last problem starts with */
        int64_t accepted;
        rp_line_reject reason; /* counted once; RP_LINE_REJECT_COUNT: a CSV row */
    } cases[3] = {
        {"temp:abc\n", "temp", "line 1: bad number 'abc' for 'temp'", -1,
         RP_LINE_REJECT_BAD_NUMBER},
        {"Booting\n\nfw 1.2\nt:1\nt 2\nt:3\n", "t", "line 5: no ':' after 't 2'", 2,
         RP_LINE_REJECT_NO_COLON},
        {"Booting\nfw 1.2\ntime,a\n0,1\n1,2,3\n", "a", "line 5: ", 1, RP_LINE_REJECT_COUNT},
    };
    for (int k = 0; k < 3; k++) {
        int fds[2];
        rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK(rp_test_pipe_finish(ing, fds, cases[k].text));
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, cases[k].series), cases[k].accepted);
        RP_CHECK_MSG(!strncmp(st.last_error, cases[k].message, strlen(cases[k].message)),
                     "case %d: '%s'", k, st.last_error);
        int64_t why[RP_LINE_REJECT_COUNT];
        rp_ingest_line_rejects(ing, 0, why);
        if (cases[k].reason < RP_LINE_REJECT_COUNT) RP_CHECK_EQ_INT(why[cases[k].reason], 1);
        rp_ingest_destroy(ing);
        close(fds[0]);
    }
}

/* A text line of more values than a line takes, first in a stream, is refused with that reason;
 * it was held as a CSV header and refused at the end as one "no CSV row followed". */
static void test_detection_too_many_values(void)
{
    static char text[4000];
    int n = 0;
    for (int line = 0; line < 2; line++) {
        for (int i = 0; i < 70; i++)
            n += snprintf(text + n, sizeof text - (size_t)n, "%ss%d:1", i ? "," : "", i);
        n += snprintf(text + n, sizeof text - (size_t)n, "\n");
    }
    snprintf(text + n, sizeof text - (size_t)n, "a:1\n");
    int fd;
    rp_ingest *ing = ingest_of_text(text, &fd);
    RP_REQUIRE_VOID(ing != NULL);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 1);
    RP_CHECK_MSG(strstr(st.last_error, "more than 64") != NULL, "%s", st.last_error);
    rp_ingest_destroy(ing);
    close(fd);
}

/* UTF-16 (PowerShell's '>', Notepad's "Unicode") is refused with its name and the fix, on its
 * first line and the ones after it, not as "binary bytes or invalid UTF-8". */
static void test_detection_utf16(void)
{
    const char bytes[] = "\xFF\xFEt\0:\0001\0\n\0t\0:\0002\0\n\0";
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(write(fds[1], bytes, sizeof bytes - 1) == (ssize_t)(sizeof bytes - 1));
    RP_CHECK(rp_test_pipe_finish(ing, fds, ""));
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.samples, 0);
    RP_CHECK(st.refused[RP_REFUSED_MALFORMED] >= 2);
    RP_CHECK_MSG(strstr(st.last_error, "UTF-16") && strstr(st.last_error, "iconv"), "%s",
                 st.last_error);
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* Bytes with no newline at all (binary frames sent without --format binary): the line too long to
 * judge was skipped while reading and, at the end of the input, dropped without being counted:
 * 800 bytes, 0 samples, 0 rejected. Now it is a refused line with its reason. */
static void test_detection_counts_a_last_long_line(void)
{
    static char bytes[RP_LINE_MAX + 4000];
    for (int i = 0; i < (int)sizeof bytes; i++) bytes[i] = (char)(0x80 + i % 64); /* no '\n' */
    int fds[2];
    rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK(write(fds[1], bytes, sizeof bytes) == (ssize_t)sizeof bytes);
    RP_CHECK(rp_test_pipe_finish(ing, fds, ""));
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 1);
    RP_CHECK_MSG(strstr(st.last_error, "longer than 16384 bytes") != NULL, "%s", st.last_error);
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* A UTF-8 byte order mark opening a text stream (a log saved by Windows Notepad) was read as
 * part of the first name: series "\uFEFFa" and "a", and bare numbers after it were not detected.
 * Auto-detected and --format text alike, it is skipped now. */
static void test_bom_opens_text(void)
{
    const rp_stream_format formats[2] = {RP_FORMAT_AUTO, RP_FORMAT_TEXT};
    const struct {
        const char *text, *names[2];
    } inputs[2] = {{"\xEF\xBB\xBF"
                    "a:1\na:2\n",
                    {"a", NULL}},
                   {"\xEF\xBB\xBF"
                    "1 2\n3 4\n",
                    {"value1", "value2"}}};
    for (int k = 0; k < 4; k++) {
        int fds[2];
        rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){.format = formats[k / 2]}, fds);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK(rp_test_pipe_finish(ing, fds, inputs[k % 2].text));
        RP_CHECK_EQ_INT(rp_ingest_series_count(ing), inputs[k % 2].names[1] ? 2 : 1);
        for (int n = 0; n < 2 && inputs[k % 2].names[n]; n++)
            RP_CHECK_EQ_INT(rp_test_accepted(ing, inputs[k % 2].names[n]), 2);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        rp_ingest_destroy(ing);
        close(fds[0]);
    }
}

/* Lines longer than 512 bytes (40 labelled values from a sketch, a 60-column CSV) were never
 * detected: detection held 512 bytes of a line, skipped every longer one, and all the data was
 * refused. Detection takes lines as long as the parsers do (RP_LINE_MAX). */
static void test_detection_wide_lines(void)
{
    static char text[2][4 * 8192];
    size_t len[2] = {0, 0};
    for (int c = 0; c < 60; c++) /* the CSV header */
        len[1] += (size_t)snprintf(text[1] + len[1], 64, "%scolumn_%02d", c ? "," : "", c);
    len[1] += (size_t)snprintf(text[1] + len[1], 2, "\n");
    for (int row = 0; row < 3; row++) {
        for (int c = 0; c < 40; c++)
            len[0] += (size_t)snprintf(text[0] + len[0], 64, "%schannel_%02d:%.6f", c ? "," : "", c,
                                       row + c * 0.5);
        for (int c = 0; c < 60; c++)
            len[1] += (size_t)snprintf(text[1] + len[1], 64, "%s%.6f", c ? "," : "", row + c * 0.5);
        for (int k = 0; k < 2; k++) len[k] += (size_t)snprintf(text[k] + len[k], 2, "\n");
    }
    const char *last[2] = {"channel_39", "column_59"};
    for (int k = 0; k < 2; k++) {
        int fds[2];
        rp_ingest *ing = rp_test_pipe_ingest(NULL, (rp_source_desc){0}, fds);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK(rp_test_pipe_finish(ing, fds, text[k]));
        RP_CHECK_EQ_INT(rp_ingest_series_count(ing), k ? 60 : 40);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, last[k]), 3);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        rp_ingest_destroy(ing);
        close(fds[0]);
    }
}

/* A file of one CSV column ("level" then a number a line, as pandas' Series.to_csv writes it):
 * the header names the series (it was skipped as a banner and the series called "value1"). A
 * lone word over rows of two numbers is a banner, and the first row is a row (it was taken for
 * the word's units row, then skipped). */
static void test_replay_one_column(void)
{
    const struct {
        const char *text, *series;
        int64_t accepted, malformed;
        int series_count;
    } files[2] = {{"level\n1.5\n-2\n3\n", "level", 3, 0, 1},
                  {"Booting\n1 2\n3 4\n", "value1", 2, 1, 2}};
    for (int f = 0; f < 2; f++) {
        char path[] = "/tmp/rp_test_replay_one_column_XXXXXX";
        RP_REQUIRE_VOID(temp_file(path, files[f].text));
        rp_ingest *ing = replay_to_end(path, INFINITY, 0);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_EQ_INT(rp_ingest_series_count(ing), files[f].series_count);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, files[f].series), files[f].accepted);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED],
                        files[f].malformed);
        rp_ingest_destroy(ing);
        unlink(path);
    }
}

/* What spreadsheets and loggers write, auto-detected as CSV as the README's CSV section says:
 * '#' comment lines before and after the header (skipped, not counted), ';' with decimal commas
 * ("1,5" is one number there, so the header is a header), units in the header ("volt [V]"). */
static void test_detection_csv_as_written(void)
{
    const char *inputs[2] = {"# logger v2\ntime [s];volt [V];amp\n# started\n0;1,5;2,25\n1;3,5;4\n",
                             "\xEF\xBB\xBF# comment\r\ntime\tvolt\tamp\r\n0\t1,5\t2,25\r\n"};
    for (int k = 0; k < 2; k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(inputs[k], &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 2);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, "volt"), k == 0 ? 2 : 1);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, "amp"), k == 0 ? 2 : 1);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        rp_series *volt = rp_test_find(ing, "volt");
        float lo, hi;
        bool found;
        RP_CHECK(volt && rp_series_y_range(volt, -1e300, 1e300, &lo, &hi, &found) == RP_OK &&
                 found && lo == 1.5f && hi == (k == 0 ? 3.5f : 1.5f));
        RP_CHECK(volt && strcmp(rp_series_unit(volt), k == 0 ? "V" : "") == 0); /* "volt [V]" */
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* "temp=21.5 hum=40" lines on a stream of unknown format: text samples (the lines were skipped as
 * "neither text samples nor a CSV header"), and with ',' between them not taken for a CSV header. */
static void test_detection_equals_labels(void)
{
    const char *inputs[4] = {"temp=21.5 hum=40\ntemp=21.6 hum=41\n", "a=1,b=2\na=2,b=3\n",
                             "sep=;\ntime;x;y\n0;1,5;2\n1;2;3\n", /* Excel's "sep=" line */
                             "time,x,y\ns,V,A\n0,1,2\n1,2,3\n"};  /* a units row */
    const char *first[4] = {"temp", "a", "x", "x"}, *second[4] = {"hum", "b", "y", "y"};
    for (int k = 0; k < 4; k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(inputs[k], &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 2);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, first[k]), 2);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, second[k]), 2);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 0);
        rp_series *x = rp_test_find(ing, "x");
        RP_CHECK(k != 3 || (x && !strcmp(rp_series_unit(x), "V")));
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* A time column named as written ("timestamp", "time") holding Unix milliseconds, as pandas,
 * loggers and Date.now() write it: read as ms (it was refused whole as "beyond 1e11 s"), while a
 * column of seconds keeps its values. */
static void test_csv_epoch_ms_as_written(void)
{
    const char *inputs[2] = {"timestamp,v\n1709294400000,1\n1709294401500,2\n",
                             "time,v\n1709294400,1\n1709294401.5,2\n"};
    for (int k = 0; k < 2; k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(inputs[k], &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, "v"), 2);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_BAD_TIMESTAMP], 0);
        rp_series *v = rp_test_find(ing, "v");
        double x0, x1;
        RP_CHECK(v && rp_series_x_extent(v, &x0, &x1) == RP_OK && x0 == 1709294400.0 &&
                 x1 == 1709294401.5);
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* Binary frames as a board sends them (int16 big-endian, AA55 header, sum8) through a pipe: junk
 * before the first header, a damaged frame, a frame that lost a byte. Exactly those two frames are
 * missing, every other value is exact in its channel, the source counts and reports both; a
 * binary desc out of range is refused at attach. */
static void test_binary_framed(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 4096}, &ing) == RP_OK);
    rp_test_log log = {0};
    const rp_binary_desc fmt = rp_test_board_format();
    char err[256];
    RP_CHECK(rp_ingest_add_source(ing,
                                  &(rp_source_desc){.kind = RP_SOURCE_FD,
                                                    .fd.fd = fds[0],
                                                    .format = RP_FORMAT_BINARY,
                                                    .channels = 2,
                                                    .rate = 100,
                                                    .log = rp_test_log_desc(&log),
                                                    .binary = fmt},
                                  err, sizeof err) == RP_OK);
    rp_source_desc bad = {
        .kind = RP_SOURCE_FD, .format = RP_FORMAT_BINARY, .channels = 2, .binary = fmt};
    bad.binary.sync_len = RP_BINARY_SYNC_MAX + 1;
    RP_CHECK(rp_ingest_add_source(ing, &bad, err, sizeof err) == RP_ERR_INVALID_ARG &&
             strstr(err, "binary format: sync header length") != NULL);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    enum { FRAMES = 200, F = 2 + 2 * 2 + 1 };
    uint8_t bytes[3 + FRAMES * F];
    size_t len = 0;
    bytes[len++] = 0x55; /* the end of a frame the board was in the middle of */
    bytes[len++] = 0xAA;
    bytes[len++] = 0x00;
    for (int i = 0; i < FRAMES; i++) {
        float v[2] = {(float)(i * 3 - 300), (float)(30000 - i)};
        len += rp_binary_encode(&fmt, v, 1, 2, bytes + len);
        if (i == 50) bytes[len - 3] ^= 0x40; /* a damaged value byte */
        if (i == 120) memmove(bytes + len - 4, bytes + len - 3, 3), len--; /* a lost byte */
    }
    RP_CHECK(write(fds[1], bytes, len) == (ssize_t)len);
    close(fds[1]);
    rp_test_wait_ended(ing);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.frames, FRAMES - 2);
    RP_CHECK_EQ_INT(st.checksum_failed, 1);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 1);
    RP_CHECK_EQ_INT(st.sync_lost, 1);
    RP_CHECK_EQ_INT(st.sync_skipped, 3 + F - 1); /* the junk, and what came of frame 120 */
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_FRAME_SYNC), 1);
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_INPUT_MALFORMED), 1);
    rp_series *a = rp_test_find(ing, "ch0"), *b = rp_test_find(ing, "ch1");
    RP_REQUIRE_VOID(a && b);
    float va[FRAMES], vb[FRAMES];
    int64_t got_a = 0, got_b = 0;
    RP_CHECK(rp_series_copy_latest(a, va, FRAMES, &got_a, NULL, NULL) == RP_OK);
    RP_CHECK(rp_series_copy_latest(b, vb, FRAMES, &got_b, NULL, NULL) == RP_OK);
    /* the damaged frame is a gap in its place (with --rate the frames after it keep their
     * time); the frame that lost a byte cannot be placed: it is left out */
    RP_CHECK_EQ_INT(got_a, FRAMES - 1);
    RP_CHECK_EQ_INT(got_b, FRAMES - 1);
    bool exact = got_a == FRAMES - 1 && got_b == FRAMES - 1;
    for (int i = 0, k = 0; i < FRAMES && exact; i++) {
        if (i == 120) continue;
        exact = i == 50 ? isnan(va[k]) && isnan(vb[k])
                        : va[k] == (float)(i * 3 - 300) && vb[k] == (float)(30000 - i);
        k++;
    }
    RP_CHECK(exact);
    RP_CHECK_NEAR(rp_x_at(a, 51) - rp_x_at(a, 0), 0.51, 1e-6); /* --rate 100: frame 51 at 0.51 s */
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* A CSV header naming a column twice: the second is "x.1", as pandas names it (it was refused);
 * binary channel names given twice are refused at attach. */
static void test_csv_duplicate_column(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    RP_REQUIRE_VOID(
        rp_ingest_add_source(
            ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = fds[0], .format = RP_FORMAT_CSV},
            err, sizeof err) == RP_OK);
    RP_CHECK(rp_ingest_add_source(ing,
                                  &(rp_source_desc){.kind = RP_SOURCE_FD,
                                                    .fd.fd = fds[0],
                                                    .format = RP_FORMAT_BINARY,
                                                    .channels = 4,
                                                    .channel_names = "a,a,b,b"},
                                  err, sizeof err) == RP_ERR_INVALID_ARG);
    RP_CHECK(strstr(err, "given twice") != NULL);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    const char in[] = "x,y,x\n1,2,3\n4,5,6\n";
    RP_CHECK(write(fds[1], in, sizeof in - 1) == (ssize_t)(sizeof in - 1));
    close(fds[1]);
    rp_test_wait_ended(ing);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "x"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "y"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "x.1"), 2); /* as pandas names it */
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_DUPLICATE_NAME], 0);
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* rp_source_desc.time_column: the named column is the time (its unit from the brackets), the
 * rest are series; a name too long for a column is refused at attach. */
static void test_csv_time_column(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256], longer[RP_NAME_MAX + 1];
    memset(longer, 'z', RP_NAME_MAX);
    longer[RP_NAME_MAX] = '\0';
    RP_CHECK(rp_ingest_add_source(
                 ing,
                 &(rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = fds[0], .time_column = longer},
                 err, sizeof err) == RP_ERR_LIMIT);
    RP_CHECK(strstr(err, "time column name longer than 63 bytes") != NULL);
    RP_REQUIRE_VOID(
        rp_ingest_add_source(
            ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .fd.fd = fds[0], .time_column = "ZEIT"},
            err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    const char in[] = "Zeit [ms];Temp\n1000;21,5\n1500;21,6\n";
    RP_CHECK(write(fds[1], in, sizeof in - 1) == (ssize_t)(sizeof in - 1));
    close(fds[1]);
    rp_test_wait_ended(ing);
    RP_CHECK(rp_test_find(ing, "Zeit") == NULL);
    rp_series *t = rp_test_find(ing, "Temp");
    RP_REQUIRE_VOID(t != NULL);
    double x0 = 0, x1 = 0;
    RP_CHECK(rp_series_x_extent(t, &x0, &x1) == RP_OK);
    RP_CHECK_NEAR(x1 - x0, 0.5, 1e-9); /* 500 ms apart */
    rp_ingest_destroy(ing);
    close(fds[0]);
}

/* Format detection takes a CSV header written in Windows-1252 (Excel's "Temp [°C]" with 0xB0)
 * and a logger's trailing delimiters: it skipped such a header as binary bytes, and the rows
 * became unnamed values. */
static void test_csv_windows_1252_detected(void)
{
    int fd;
    rp_ingest *ing = ingest_of_text("time;Temp [\xb0"
                                    "C];Hum;\ns;;%;\n0;21,5;40;\n1;21,6;41;\n",
                                    &fd);
    RP_REQUIRE_VOID(ing != NULL);
    rp_series *t = rp_test_find(ing, "Temp"), *h = rp_test_find(ing, "Hum");
    RP_REQUIRE_VOID(t && h);
    RP_CHECK(!strcmp(rp_series_unit(t), "\xc2\xb0"
                                        "C") &&
             !strcmp(rp_series_unit(h), "%"));
    RP_CHECK_EQ_INT(rp_series_stats_get(t).accepted, 2);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 2); /* no "col4" */
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).samples_dropped, 0);
    rp_ingest_destroy(ing);
    close(fd);
}

/* A CSV's bad cells are gaps, counted as fields_bad, not as rejected lines (the viewer's stats
 * said "2 rejected lines" for two bad cells); a row of the wrong width is a rejected line. */
static void test_csv_fields_bad(void)
{
    int fd;
    rp_ingest *ing = ingest_of_text("time,a,b\n0,1,2\n1,x,3\n2,4,y\n3,5\n4,6,7\n", &fd);
    RP_REQUIRE_VOID(ing);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.fields_bad, 2);
    RP_CHECK_EQ_INT(st.lines_rejected, 1);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 3);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 4); /* the gap is a sample of its series */
    rp_ingest_destroy(ing);
    close(fd);
}

/* A stream read as it comes (stdin), what detection makes of its first lines: a label line of
 * words over columns separated by blanks names them (an Arduino sketch's "Temperature Humidity",
 * aligned program output); a banner ("Booting v1.2...") does not. */
static void test_detect_blank_columns(void)
{
    const struct {
        const char *text, *series, *also, *absent; /* also: a second series, as many samples */
        int64_t accepted, rejected;
    } streams[] = {
        {"Temperature Humidity\n21.5 40\n21.6 41\n", "Temperature", "Humidity", NULL, 2, 0},
        {"  time    temp   hum\n  0.0     21.5   40\n  0.5     21.6   41\n", "temp", "hum", "time",
         2, 0}, /* "time": the time column */
        /* lines ended by a lone CR, as some devices send them: detected and read as lines */
        {"time,a\r0,1\r1,2\r", "a", NULL, "time", 2, 0},
        {"temp:1\rtemp:2\rtemp:3\r", "temp", NULL, NULL, 3, 0},
        {"Booting v1.2...\n1 2\n3 4\n", "value1", NULL, NULL, 2, 1},
        {"temp hum pressure\n1 2 3\n4 5 6\n", "temp", "pressure", "value1", 2, 0},
        /* a board's message before its numbers names no series: a status word, a number in
         * another base (ESP32's banner ends on "entry 0x400805e4") */
        {"WiFi connected\n1 5\n2 5\n", "value1", "value2", "connected", 2, 1},
        {"Sensor READY\n1 5\n2 5\n", "value1", "value2", "READY", 2, 1},
        {"entry 0x400805e4\r\n21.50 40.20\r\n21.60 40.30\r\n", "value1", "value2", "entry", 2, 1},
    };
    for (size_t k = 0; k < sizeof streams / sizeof streams[0]; k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(streams[k].text, &fd);
        RP_REQUIRE_VOID(ing);
        RP_CHECK_MSG(rp_test_accepted(ing, streams[k].series) == streams[k].accepted, "stream %zu",
                     k);
        RP_CHECK_MSG(!streams[k].also ||
                         rp_test_accepted(ing, streams[k].also) == streams[k].accepted,
                     "stream %zu", k);
        RP_CHECK_MSG(!streams[k].absent || rp_test_find(ing, streams[k].absent) == NULL,
                     "stream %zu", k);
        RP_CHECK_MSG(rp_ingest_source_stats(ing, 0).lines_rejected == streams[k].rejected,
                     "stream %zu", k);
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* ESP32's boot text before its numbers: every line of it is a banner, none names a series (a
 * line's good pairs are kept only once the stream is known to be text: "clock div:1" of
 * "mode:DIO, clock div:1" is no sample); after that a bad pair costs only itself. */
static void test_detect_esp32_banner(void)
{
    int fd;
    rp_ingest *ing = ingest_of_text("ets Jun  8 2016 00:22:57\r\n\r\n"
                                    "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n"
                                    "configsip: 0, SPIWP:0xee\r\nmode:DIO, clock div:1\r\n"
                                    "load:0x3fff0030,len:1184\r\nentry 0x400805e4\r\n"
                                    "21.50 40.20\r\n21.60 40.30\r\nUptime 00:01:23\r\n"
                                    "a:1,b:xyz\r\n",
                                    &fd);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "value1"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "value2"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 1);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 3);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.logs, 1); /* "Uptime 00:01:23", once the stream is text */
    RP_CHECK_MSG(strstr(st.last_error, "bad number 'xyz' for 'b'") != NULL, "%s", st.last_error);
    rp_ingest_destroy(ing);
    close(fd);
}

/* A port opened mid-boot: the first line read is one line of ESP32's banner, a line of
 * key:value fields, then the sketch's numbers. Such a line was held as a CSV header the rows
 * confirmed: series "mode:DIO" and "clock div:1" (or "load:0x3fff0030", "len:1184"). It is
 * banner text: the numbers are value1, value2 and the line is refused. */
static void test_detect_banner_line_no_header(void)
{
    const char *banners[] = {"mode:DIO, clock div:1\r\n", "load:0x3fff0030,len:1184\r\n",
                             "configsip: 0, SPIWP:0xee\r\n"};
    for (size_t k = 0; k < sizeof banners / sizeof *banners; k++) {
        char text[128];
        snprintf(text, sizeof text, "%s0,0\r\n1,2\r\n", banners[k]);
        int fd;
        rp_ingest *ing = ingest_of_text(text, &fd);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK_MSG(rp_test_accepted(ing, "value1") == 2, "%s", banners[k]);
        RP_CHECK_MSG(rp_test_accepted(ing, "value2") == 2, "%s", banners[k]);
        RP_CHECK_MSG(rp_ingest_series_count(ing) == 2, "%s", banners[k]);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_MALFORMED], 1);
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* An ingest with one MQTT source fed by rp_ingest_mqtt_deliver (no broker); NULL when the build
 * has no MQTT (nothing to test), or a failed check. */
static rp_ingest *mqtt_ingest_without_broker(void)
{
    rp_ingest *ing = NULL;
    RP_CHECK(rp_ingest_create(&(rp_ingest_desc){.capacity = 4096}, &ing) == RP_OK);
    if (!ing) return NULL;
    char err[256];
    rp_status st = rp_ingest_add_source(
        ing, &(rp_source_desc){.kind = RP_SOURCE_MQTT, .mqtt = {.topics = {"#"}}}, err, sizeof err);
    RP_CHECK(st == RP_OK || st == RP_ERR_UNSUPPORTED); /* unsupported: built without MQTT */
    if (st == RP_OK) return ing;
    rp_ingest_destroy(ing);
    return NULL;
}

/* Every rejected MQTT message is counted under exactly one refusal reason, the one the README's
 * table gives: bad_payload for a payload that is no number, JSON object or text lines (it stayed
 * 0 while messages_rejected counted them), malformed for its text lines, bad_name for a topic too
 * long to name a series. */
static void test_mqtt_refusal_reasons(void)
{
    rp_ingest *ing = mqtt_ingest_without_broker();
    if (!ing) return;
    const char *bad_payloads[] = {"",
                                  " \n",
                                  "[1,2]",
                                  "{\"a\":",
                                  "{\"a\":\"x\",\"b\":null}",
                                  "{\"ts\":\"abc\",\"a\":1}",
                                  "\"text\"",
                                  "{\"c\\u0000d\": 1}"};
    int n_bad = (int)(sizeof bad_payloads / sizeof bad_payloads[0]);
    for (int k = 0; k < n_bad; k++)
        RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", bad_payloads[k], strlen(bad_payloads[k])) ==
                 RP_OK);
    rp_source_stats ss = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(ss.messages_rejected, n_bad);
    RP_CHECK_EQ_INT(ss.refused[RP_REFUSED_PAYLOAD], n_bad);
    RP_CHECK_EQ_INT(ss.refused[RP_REFUSED_MALFORMED], 0);
    RP_CHECK_EQ_INT(ss.samples_dropped, 0); /* messages, not samples */
    /* text lines that do not parse: their lines under malformed, not the message again */
    const char lines[] = "a:1\noops here\n";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", lines, sizeof lines - 1) == RP_OK);
    char topic[100];
    memset(topic, 't', sizeof topic - 1);
    topic[sizeof topic - 1] = 0;
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, topic, "1", 1) == RP_OK);
    ss = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(ss.messages_rejected, n_bad + 2);
    RP_CHECK_EQ_INT(ss.refused[RP_REFUSED_PAYLOAD], n_bad);
    RP_CHECK_EQ_INT(ss.refused[RP_REFUSED_MALFORMED], 1);
    RP_CHECK_EQ_INT(ss.refused[RP_REFUSED_BAD_NAME], 1);
    int64_t sum = 0; /* one reason each: the counters add up to the messages */
    for (int r = 0; r < RP_REFUSAL_COUNT; r++) sum += ss.refused[r];
    RP_CHECK_EQ_INT(sum, ss.messages_rejected);
    rp_ingest_destroy(ing);
}

/* MQTT payloads without a broker: JSON keys are checked like text names (control bytes, invalid
 * UTF-8, an escaped NUL that would cut a name), and a text payload has no datagram size limit. */
/* A payload of one number written with a decimal comma, "23,5" as a German-locale device
 * publishes it, is the topic's 23.5: it was two series, topic/value1 = 23 and topic/value2 = 5.
 * "1,2,3" and "23, 5" stay several values; a line of a text stream "23,5" stays two. */
static void test_mqtt_decimal_comma(void)
{
    rp_ingest *ing = mqtt_ingest_without_broker();
    if (!ing) return;
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "room/temp", "23,5", 4) == RP_OK);
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "room/temp",
                                    "-0,25 \xc2\xb0"
                                    "C",
                                    9) == RP_OK);
    rp_series *t = rp_test_find(ing, "room/temp");
    RP_CHECK(t && rp_series_stats_get(t).accepted == 2 && rp_sample_at(t, 0) == 23.5f &&
             rp_sample_at(t, 1) == -0.25f);
    RP_CHECK(rp_test_find(ing, "room/temp/value1") == NULL);
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "xyz", "1,2,3", 5) == RP_OK);
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "pair", "23, 5", 5) == RP_OK);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "xyz/value3"), 1);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "pair/value2"), 1);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).messages_rejected, 0);
    rp_ingest_destroy(ing);
}

static void test_mqtt_payloads(void)
{
    rp_ingest *ing = mqtt_ingest_without_broker();
    if (!ing) return;
    const char nul[] = "{\"c\\u0000d\": 1}";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", nul, sizeof nul - 1) == RP_OK);
    rp_source_stats ss = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(ss.messages_rejected, 1);
    RP_CHECK(strstr(ss.last_error, "NUL") != NULL);
    RP_CHECK(rp_test_find(ing, "dev/c") == NULL);
    const char ctl[] = "{\"a\\u0001b\": 1, \"ok\": 2}";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", ctl, sizeof ctl - 1) == RP_OK);
    const char bad[] = "{\"\xff\xfe\": 1}";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", bad, sizeof bad - 1) == RP_OK);
    ss = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(ss.refused[RP_REFUSED_BAD_NAME], 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "dev/ok"), 1);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 1);
    /* 12000 lines, 84 kB: more than a datagram, fine for MQTT */
    size_t cap = 12000 * 12, len = 0;
    char *big = malloc(cap);
    RP_REQUIRE_VOID(big != NULL);
    for (int i = 0; i < 12000; i++) len += (size_t)snprintf(big + len, cap - len, "v:%d\n", i);
    RP_CHECK(len > 65507);
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "big", big, len) == RP_OK);
    free(big);
    ss = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "big/v"), 12000);
    RP_CHECK_EQ_INT(ss.messages_rejected, 1); /* still only the NUL one */
    RP_CHECK(strstr(ss.last_error, "datagram") == NULL);
    /* a JSON array or string is refused as JSON that is not an object (README "Payloads"), not
     * as a text line; a text line whose name starts with '[' is still a sample */
    const char array[] = "[1, 2]";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", array, sizeof array - 1) == RP_OK);
    ss = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(ss.messages_rejected, 2);
    RP_CHECK_MSG(strstr(ss.last_error, "JSON payload that is not an object") != NULL, "%s",
                 ss.last_error);
    const char string[] = "\"on\"";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", string, sizeof string - 1) == RP_OK);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).messages_rejected, 3);
    const char bracketed[] = "[x]:5";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", bracketed, sizeof bracketed - 1) == RP_OK);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).messages_rejected, 3);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "dev/[x]"), 1);
    /* nested objects: four levels under the topic, as JSON lines; deeper ones are skipped */
    const char deep[] = "{\"a\": {\"b\": {\"c\": {\"d\": 1, \"e\": {\"f\": 2}}}}}";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", deep, sizeof deep - 1) == RP_OK);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "dev/a/b/c/d"), 1);
    RP_CHECK(rp_test_find(ing, "dev/a/b/c/e/f") == NULL);
    const char blanks[] = "{\" sp \": 3}"; /* blanks around a key dropped, as in JSON lines */
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "dev", blanks, sizeof blanks - 1) == RP_OK);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "dev/sp"), 1);
    /* Python's json.dumps: NaN is a gap, the message's other values kept */
    const char py[] = "{\"a\": NaN, \"b\": 2}";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "py", py, sizeof py - 1) == RP_OK);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "py/a"), 1);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "py/b"), 1);
    /* Tasmota's SENSOR message: its "Time", an ISO string without a zone, is the time (UTC) */
    const char tasmota[] = "{\"Time\":\"2023-11-14T22:13:20\",\"ENERGY\":{\"Power\":45}}";
    RP_CHECK(rp_ingest_mqtt_deliver(ing, 0, "plug", tasmota, sizeof tasmota - 1) == RP_OK);
    rp_series *power = rp_test_find(ing, "plug/ENERGY/Power");
    RP_CHECK(power && rp_series_get_desc(power).timestamps);
    if (power) RP_CHECK_NEAR(rp_x_at(power, power->desc.first_index), 1700000000.0, 1e-6);
    RP_CHECK(rp_test_find(ing, "plug/Time") == NULL);
    rp_ingest_destroy(ing);
}

/* The public source API: a pipe into a figure in three calls; a failed attach is reported as
 * SOURCE_ATTACH to the desc's log and kept on the figure; a detached handle is refused. */
static void test_source_api(void)
{
    rp_figure *fig;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &fig) == RP_OK);
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_source *src = NULL;
    RP_REQUIRE_VOID(rp_source_attach(fig,
                                     &(rp_source_desc){.kind = RP_SOURCE_FD,
                                                       .fd = {.fd = fds[0]},
                                                       .rate = 100,
                                                       .label = "dev"},
                                     &src) == RP_OK);
    const char in[] = "imu/ax:1\nimu/ay:2\ntemp:3\n";
    RP_CHECK(write(fds[1], in, sizeof in - 1) == (ssize_t)(sizeof in - 1));
    close(fds[1]);
    int added = 0;
    for (int i = 0; i < RP_TEST_WAIT_STEPS / 5 && added < 3; i++, sleep_ms(5))
        added += rp_source_poll(src);
    RP_CHECK_EQ_INT(added, 3);
    RP_CHECK_EQ_INT(rp_figure_panel_count(fig), 2); /* group "imu", and "dev" for temp */
    rp_source_stats st = rp_source_stats_get(src);
    RP_CHECK_EQ_INT(st.samples, 3);
    RP_CHECK_EQ_INT(st.series, 3);
    RP_CHECK(st.kind == RP_SOURCE_FD && !strcmp(st.label, "dev"));
    RP_CHECK_EQ_INT(rp_source_last_error(src)[0], 0);
    rp_source_detach(src);
    RP_CHECK(strstr(rp_source_last_error(src), "not a live") != NULL); /* never read */
    RP_CHECK_EQ_INT(rp_source_poll(src), 0);
    rp_source_detach(src); /* twice: ignored */
    close(fds[0]);

    /* a port in use: the reason goes to the log callback and stays on the figure */
    rp_source *a = NULL, *b = NULL;
    RP_REQUIRE_VOID(rp_source_attach(
                        fig, &(rp_source_desc){.kind = RP_SOURCE_UDP, .udp = {.host = "127.0.0.1"}},
                        &a) == RP_OK);
    uint16_t port = rp_source_stats_get(a).port;
    RP_CHECK(port != 0);
    rp_test_log log = {0};
    RP_CHECK(rp_source_attach(fig,
                              &(rp_source_desc){.kind = RP_SOURCE_UDP,
                                                .udp = {.host = "127.0.0.1", .port = port},
                                                .log = rp_test_log_desc(&log)},
                              &b) == RP_ERR_IO &&
             b == NULL);
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_UDP_BIND);
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_ERROR);
    RP_CHECK_MSG(strstr(log.last, "cannot bind") != NULL, "%s", log.last);
    RP_CHECK(strstr(rp_figure_last_error(fig), "cannot bind") != NULL);
    RP_CHECK(rp_source_attach(
                 fig,
                 &(rp_source_desc){.kind = RP_SOURCE_KIND_COUNT, .log = rp_test_log_desc(&log)},
                 &b) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SOURCE_ATTACH);
    /* a panel that does not exist is a bad desc too (it was NOT_FOUND, which a callback
     * watching SOURCE_ATTACH missed) */
    RP_CHECK(rp_source_attach(fig,
                              &(rp_source_desc){.kind = RP_SOURCE_UDP,
                                                .udp = {.host = "127.0.0.1"},
                                                .panel = 99,
                                                .log = rp_test_log_desc(&log)},
                              &b) == RP_ERR_INVALID_ARG);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SOURCE_ATTACH);
    RP_CHECK_MSG(strstr(log.last, "panel 99") != NULL, "%s", log.last);
    rp_source_detach(a);
    rp_figure_destroy(fig);
}

/* A source attached to a figure with a notes panel pushes its text values and log lines into that
 * panel's store, at their own timestamps. */
static void test_attach_notes(void)
{
    rp_figure *fig;
    rp_notes *notes;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &fig) == RP_OK);
    RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
    RP_REQUIRE_VOID(rp_figure_add_notes_panel(fig, notes, NULL, NULL) == RP_OK);
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_source *src = NULL;
    RP_REQUIRE_VOID(rp_source_attach(fig,
                                     &(rp_source_desc){.kind = RP_SOURCE_FD, .fd = {.fd = fds[0]}},
                                     &src) == RP_OK);
    const char in[] = "motor:1000:RUN|t\n>1500:started\nv:1000:1\nmotor:2000:STOP|t\n";
    RP_CHECK(write(fds[1], in, sizeof in - 1) == (ssize_t)(sizeof in - 1));
    close(fds[1]);
    for (int i = 0; i < RP_TEST_WAIT_STEPS / 5 && !rp_source_stats_get(src).ended; i++) sleep_ms(5);
    rp_note out[4];
    RP_CHECK_EQ_INT(rp_notes_track_count(notes), 1);
    RP_CHECK(!strcmp(rp_notes_track_name(notes, 0), "motor"));
    RP_CHECK_EQ_INT(rp_notes_read_texts(notes, 0, 0, 10, out, 4), 2);
    RP_CHECK(out[0].x == 1.0 && !strcmp(out[0].text, "RUN") && out[1].x == 2.0);
    RP_CHECK_EQ_INT(rp_notes_read_logs(notes, 0, 10, out, 4), 1);
    RP_CHECK(out[0].x == 1.5 && !strcmp(out[0].text, "started"));
    rp_source_detach(src);
    close(fds[0]);
    rp_figure_destroy(fig);
    rp_notes_destroy(notes);
}

/* One timeline a source: a board's millis() timestamps and its untimed lines (a log line, a
 * series without a time) plot side by side, whichever came first. Timestamps first: the untimed
 * ones go on the device clock (x near 5 s); untimed first: the device clock joins their arrival
 * clock, and a timed log line after an untimed one is kept, not refused as older. */
static void test_one_timeline(void)
{
    const char *inputs[2] = {">a:5000:1\n>a:5100:2\nWiFi connected\n>plain:7\n",
                             ">:boot\n>plain:7\n>5000:motor started\n>a:5000:1\n>a:5100:2\n"};
    for (int k = 0; k < 2; k++) {
        rp_notes *notes;
        RP_REQUIRE_VOID(rp_notes_create(NULL, &notes) == RP_OK);
        int fds[2];
        rp_ingest *ing =
            rp_test_pipe_ingest(&(rp_ingest_desc){.notes = notes}, (rp_source_desc){0}, fds);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK(rp_test_pipe_finish(ing, fds, inputs[k]));
        rp_series *a = rp_test_find(ing, "a"), *plain = rp_test_find(ing, "plain");
        RP_REQUIRE_VOID(a && plain);
        double a0, a1, p0, p1;
        RP_REQUIRE_VOID(rp_series_x_extent(a, &a0, &a1) == RP_OK &&
                        rp_series_x_extent(plain, &p0, &p1) == RP_OK);
        /* kept to 1 µs ticks: on the arrival clock (input 1: Unix time, wherever the read fell)
         * the two round independently, and a double near 1.8e9 is 2.4e-7 s coarse */
        RP_CHECK_NEAR(a1 - a0, 0.1, 1.5e-6);
        RP_CHECK_MSG(fabs(p0 - a0) < 1.0, "untimed x %.3f, timed %.3f (input %d)", p0, a0, k);
        if (k == 0) RP_CHECK_NEAR(a0, 5.0, 1e-9); /* the device clock, untouched */
        rp_note out[4];
        RP_CHECK_EQ_INT(rp_notes_read_logs(notes, -INFINITY, INFINITY, out, 4), k + 1);
        for (int i = 0; i <= k; i++)
            RP_CHECK_MSG(fabs(out[i].x - a0) < 1.0, "log '%s' at %.3f, a at %.3f", out[i].text,
                         out[i].x, a0);
        RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).refused[RP_REFUSED_OUT_OF_ORDER], 0);
        rp_ingest_destroy(ing);
        close(fds[0]);
        rp_notes_destroy(notes);
    }
}

/* Malformed lines go to the source's log channel as INPUT_MALFORMED warnings, from the source's
 * thread; a flood reaches the callback at most once a second of the source's clock, the next
 * report saying how many were held back, while every line is counted and kept as last error. */
static void test_log_channel_malformed(void)
{
    rp_test_log log = {0};
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open_log(&c, 100.0, 0, &log));
    clocked_write(&c, 100.0, "a:1\nb1:oops\n", 12);
    RP_CHECK(wait_last_error(c.ing, "'b1'"));
    clocked_write(&c, 100.5, "b2:oops\na:2\n", 12);
    RP_CHECK(wait_last_error(c.ing, "'b2'"));
    clocked_write(&c, 101.6, "b3:oops\n", 8);
    RP_CHECK(wait_last_error(c.ing, "'b3'"));
    clocked_end(&c, 102.0);
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_INPUT_MALFORMED), 2); /* b2 held back */
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_WARNING);
    RP_CHECK_MSG(strstr(log.last, "'b3'") && strstr(log.last, "(1 more like it not reported)"),
                 "%s", log.last);
    rp_source_stats st = rp_ingest_source_stats(c.ing, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 3);
    RP_CHECK_EQ_INT(st.last_item, RP_LOGITEM_INPUT_MALFORMED);
    RP_CHECK_EQ_INT(rp_test_accepted(c.ing, "a"), 2); /* the good lines around them count */
    clocked_close(&c);
}

/* A stream fast enough that a new series' first read fills its stage cannot have its rate measured
 * before the series is made: it gets the guessed capacity (256 k samples). Once the rate is
 * measured (100 kHz here: 2.6 s held, less than the 10 s span) that is said once, as a warning
 * naming the fix; a stream whose capacity was chosen for its rate says nothing. */
static void test_capacity_short_warning(void)
{
    rp_test_log log = {0};
    clocked c = {0};
    RP_REQUIRE_VOID(clocked_open_log(&c, 500.0, 0, &log));
    clocked_lines(&c, 500.0, "q", 0, 600); /* one read: the stage fills, no rate yet */
    for (int k = 1; k <= 240; k++)         /* 500 samples every 5 ms: 100 kHz for 1.2 s */
        clocked_lines(&c, 500.0 + 0.005 * k, "q", 100 + 500 * k, 600 + 500 * k);
    rp_series *q = clocked_series(&c, 501.3, "q", 600 + 500 * 240);
    RP_REQUIRE_VOID(q != NULL);
    RP_CHECK_EQ_INT(rp_series_get_desc(q).capacity, 1 << 18);
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_CAPACITY_SHORT), 1);
    RP_CHECK_MSG(strstr(log.last, "'q'") && strstr(log.last, "--capacity"), "%s", log.last);
    /* its first read had no rate to go by (a guess, said once); 0.1 s of reads measured it, and
     * from then on every sample is 10 µs apart, not stretched or squeezed (the last 1.0 s) */
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_RATE_GUESSED), 1);
    int64_t held = rp_series_stats_get(q).retained, first = held - 100000;
    RP_REQUIRE_VOID(first >= 0);
    double worst = 0;
    for (int64_t i = first + 1; i < held; i++) {
        double dx = rp_x_at(q, q->desc.first_index + i) - rp_x_at(q, q->desc.first_index + i - 1);
        if (fabs(dx - 1e-5) > worst) worst = fabs(dx - 1e-5);
    }
    RP_CHECK_MSG(worst < 1e-6, "spacing off by up to %.3g s after the first read", worst);
    clocked_close(&c);

    rp_test_log_reset(&log); /* 200 samples/s from the start: sized for its rate, no warning */
    RP_REQUIRE_VOID(clocked_open_log(&c, 600.0, 0, &log));
    for (int k = 0; k < 150; k++) clocked_lines(&c, 600.0 + 0.01 * k, "slow", 2 * k, 2 * k + 2);
    RP_CHECK(clocked_series(&c, 601.6, "slow", 300) != NULL);
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_CAPACITY_SHORT), 0);
    clocked_close(&c);

    /* 100 samples/s, sized for it (4096: 41 s), then 1000/s: 4096 hold 4.1 s of the 10 s span.
     * Said once, naming both rates (the view was 60 % empty without a word) */
    rp_test_log_reset(&log);
    RP_REQUIRE_VOID(clocked_open_log(&c, 700.0, 0, &log));
    for (int k = 0; k < 200; k++) clocked_lines(&c, 700.0 + 0.01 * k, "rise", k, k + 1);
    for (int k = 0; k < 300; k++)
        clocked_lines(&c, 702.0 + 0.01 * k, "rise", 200 + 10 * k, 210 + 10 * k);
    rp_series *rise = clocked_series(&c, 705.1, "rise", 3200);
    RP_REQUIRE_VOID(rise != NULL);
    RP_CHECK_EQ_INT(rp_series_get_desc(rise).capacity, 4096);
    /* a segment a re-estimate: 256 of them (64 held a jittery 20/s sender to ~40 s of 200) */
    RP_CHECK_EQ_INT(rp_series_get_desc(rise).max_segments, 256);
    RP_CHECK_EQ_INT(rp_test_log_count(&log, RP_LOGITEM_CAPACITY_SHORT), 1);
    RP_CHECK_MSG(strstr(log.last, "'rise' went from") && strstr(log.last, "--capacity"), "%s",
                 log.last);
    /* how long since its last samples (the HUD says "idle 10 s" instead of its old rate) */
    atomic_store(&c.clock.t, 715.0);
    RP_CHECK_NEAR(rp_ingest_series_idle(c.ing, 0), 715.0 - 704.99, 0.02);
    clocked_close(&c);
}

/* Files and streams that open with an instrument's metadata before the CSV header: the header is
 * the last line of words before the rows of numbers, the lines before it are skipped and said
 * once (LINES_SKIPPED), not refused; the time column is found (also when named). The first line
 * became the header and 99 % of the rows were refused. */
static void test_detection_preamble(void)
{
    /* a first row one field short drops the last column only when it is a remark (LabVIEW's
     * Comment); any other column keeps its samples, the short row refused as ever */
    int sfd;
    rp_ingest *short_row = ingest_of_text("time,a,b,c\n0,1,2\n1,2,3,4\n2,3,4,5\n", &sfd);
    RP_REQUIRE_VOID(short_row != NULL);
    RP_CHECK_EQ_INT(rp_test_accepted(short_row, "c"), 2);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(short_row, 0).refused[RP_REFUSED_MALFORMED], 1);
    rp_ingest_destroy(short_row);
    close(sfd);

    static const char scope[] = "Model,MDO3024\nFirmware Version,1.26\n\nWaveform Type,ANALOG\n"
                                "Point Format,Y\nSample Interval,2e-06\nRecord Length,3\n"
                                "Vertical Units,V\n\nTIME,CH1,CH2\n-2e-03,0.1,1\n"
                                "-1.998e-03,0.2,2\n-1.996e-03,0.3,3\n";
    static const char lvm[] = "LabVIEW Measurement\t\nWriter_Version\t2\nSeparator\tTab\n"
                              "Date\t2024/03/01\nTime\t12:00:00.000\n***End_of_Header***\t\n\n"
                              "Channels\t2\t\nSamples\t3\t3\t\nDate\t2024/03/01\t2024/03/01\t\n"
                              "X_Dimension\tTime\tTime\t\nX0\t0.0E+0\t0.0E+0\t\n"
                              "***End_of_Header***\t\t\t\nX_Value\tVoltage_0\tVoltage_1\tComment\n"
                              "0.000\t0.1\t1\n0.001\t0.2\t2\tmark\n0.002\t0.3\t3\n";
    const struct {
        const char *text, *first, *second, *time_column;
        double x0; /* the first sample's time */
        int64_t skipped;
    } files[] = {
        {scope, "CH1", "CH2", NULL, -2e-3, 7},
        {scope, "CH1", "CH2", "TIME", -2e-3, 7},
        {lvm, "Voltage_0", "Voltage_1", NULL, 0, 12},
        /* the same width: the last line of words before the numbers is the header */
        {"Model,MDO3024\nFirmware Version,1.26\nTIME,CH1\n0,1\n1,2\n2,3\n", "CH1", NULL, NULL, 0,
         2},
    };
    for (int f = 0; f < 4; f++) {
        char path[] = "/tmp/rp_test_preamble_XXXXXX";
        RP_REQUIRE_VOID(temp_file(path, files[f].text));
        rp_ingest *ing = NULL;
        char err[256];
        RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
        RP_REQUIRE_VOID(rp_ingest_add_source(ing,
                                             &(rp_source_desc){.kind = RP_SOURCE_REPLAY,
                                                               .replay.path = path,
                                                               .replay.speed = INFINITY,
                                                               .time_column = files[f].time_column},
                                             err, sizeof err) == RP_OK);
        RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
        rp_test_wait_ended(ing);
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        RP_CHECK_MSG(rp_test_accepted(ing, files[f].first) == 3, "file %d: %s", f, st.last_error);
        if (files[f].second) RP_CHECK_EQ_INT(rp_test_accepted(ing, files[f].second), 3);
        RP_CHECK_EQ_INT(rp_ingest_series_count(ing), files[f].second ? 2 : 1);
        RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], 0);
        RP_CHECK_EQ_INT(st.last_item, RP_LOGITEM_LINES_SKIPPED);
        char said[32];
        snprintf(said, sizeof said, "%lld lines before", (long long)files[f].skipped);
        RP_CHECK_MSG(strstr(st.last_error, said) != NULL, "file %d: %s", f, st.last_error);
        rp_series *v = rp_test_find(ing, files[f].first);
        if (v) RP_CHECK_NEAR(rp_x_at(v, v->desc.first_index), files[f].x0, 1e-9);
        rp_ingest_destroy(ing);
        unlink(path);
    }
    /* a stream the same way; a CSV whose first column is words still is one (its word repeats,
     * metadata keys do not; or it ends) and a banner before a header is not refused */
    struct {
        const char *text, *series;
        int64_t accepted, malformed;
    } streams[] = {
        {"Model,MDO3024\nFirmware Version,1.26\nTIME,CH1,CH2\n0,1,2\n1,2,3\n", "CH2", 2, 0},
        {"name,temp\nGPU A,35\nGPU A,36\nGPU A,37\n", "temp", 3, 0},
        {"name,temp\nGPU A,35\n", "temp", 1, 0},
        {"name,temp\nGPU A,35\nGPU B,36\nGPU A,37\n", "temp", 3, 0}, /* two GPUs */
        {"Booting\ntime,a\n0,1\n1,2\n", "a", 2, 0},
        {"Booting\na:1\na:2\n", "a", 2, 1},
        {NULL, "a", 2, 70}, /* 70 banner lines: past 64 no preamble, refused */
    };
    static char banners[2000];
    int len = 0;
    for (int i = 0; i < 70; i++)
        len += snprintf(banners + len, sizeof banners - (size_t)len, "Booting\n");
    snprintf(banners + len, sizeof banners - (size_t)len, "time,a\n0,1\n1,2\n");
    streams[6].text = banners;
    for (int k = 0; k < 7; k++) {
        int fd;
        rp_ingest *ing = ingest_of_text(streams[k].text, &fd);
        RP_REQUIRE_VOID(ing != NULL);
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        RP_CHECK_MSG(rp_test_accepted(ing, streams[k].series) == streams[k].accepted,
                     "stream %d: %s", k, st.last_error);
        RP_CHECK_EQ_INT(st.refused[RP_REFUSED_MALFORMED], streams[k].malformed);
        rp_ingest_destroy(ing);
        close(fd);
    }
}

/* A file's column of which no value is a number (nvidia-smi's pci.bus_id '00000000:19:00.0', read
 * as malformed numbers, or NA throughout) is said and gets no series: it was a series of gaps,
 * an empty panel. A column whose first values are gaps starts at its first number, in step
 * with the rows (placed by row, without a time column, and at its time with one). */
static void test_column_without_numbers(void)
{
    const char *files[2] = {"a,bus,na,b\n1,00:19.0,NA,NA\n2,00:1a.0,NA,\n3,00:1b.0,NA,6\n"
                            "4,00:1c.0,NA,7\n",
                            "time,bus,b\n10,00:19.0,\n11,00:1a.0,NA\n12,00:1b.0,6\n13,x,7\n"};
    for (int f = 0; f < 2; f++) {
        char path[] = "/tmp/rp_test_no_numbers_XXXXXX";
        RP_REQUIRE_VOID(temp_file(path, files[f]));
        rp_ingest *ing = replay_to_end(path, INFINITY, 0);
        RP_REQUIRE_VOID(ing != NULL);
        RP_CHECK(rp_test_find(ing, "bus") == NULL && rp_test_find(ing, "na") == NULL);
        RP_CHECK_EQ_INT(rp_ingest_series_count(ing), f == 0 ? 2 : 1);
        char said[RP_SOURCE_ERROR_MAX];
        RP_CHECK(rp_ingest_source_said(ing, 0, RP_LOGITEM_INPUT_MALFORMED, said, sizeof said) &&
                 strstr(said, "column 'bus': none of its 4 values") != NULL);
        rp_series *b = rp_test_find(ing, "b");
        RP_REQUIRE_VOID(b != NULL);
        int64_t first = b->desc.first_index;
        RP_CHECK_EQ_INT(rp_series_stats_get(b).accepted, 2);
        RP_CHECK(rp_sample_at(b, first) == 6.0f && rp_sample_at(b, first + 1) == 7.0f);
        RP_CHECK_NEAR(rp_x_at(b, first), f == 0 ? 2.0 : 12.0, 1e-9); /* row 2, or 12 s */
        if (f == 0) {
            rp_series *a = rp_test_find(ing, "a");
            RP_REQUIRE_VOID(a != NULL);
            RP_CHECK_NEAR(rp_x_at(a, a->desc.first_index + 2), rp_x_at(b, first), 1e-9);
        }
        rp_ingest_destroy(ing);
        unlink(path);
    }
}

/* A file wider than RP_CSV_COLUMNS_MAX (time and 499 columns, with --max-series 1024): its
 * first 255 value columns are series, the 244 after them refused and counted each row
 * (series_limit) and said once; the whole header was refused (nothing plotted). */
static void test_csv_wider_than_limit(void)
{
    static char text[40000];
    int n = snprintf(text, sizeof text, "time");
    for (int c = 0; c < 499; c++) n += snprintf(text + n, sizeof text - (size_t)n, ",c%d", c);
    for (int r = 0; r < 3; r++) {
        n += snprintf(text + n, sizeof text - (size_t)n, "\n%d", r);
        for (int c = 0; c < 499; c++) n += snprintf(text + n, sizeof text - (size_t)n, ",%d", c);
    }
    text[n++] = '\n';
    text[n] = '\0';
    char path[] = "/tmp/rp_test_wide_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, text));
    rp_ingest *ing = NULL;
    char err[256];
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.max_series = 1024}, &ing) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_add_source(ing,
                                         &(rp_source_desc){.kind = RP_SOURCE_REPLAY,
                                                           .replay.path = path,
                                                           .replay.speed = INFINITY},
                                         err, sizeof err) == RP_OK &&
                    rp_ingest_start(ing) == RP_OK);
    rp_test_wait_ended(ing);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 255);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "c254"), 3);
    RP_CHECK(rp_test_find(ing, "c255") == NULL);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.refused[RP_REFUSED_SERIES_LIMIT], 3 * 244);
    RP_CHECK_EQ_INT(st.lines_rejected, 0);
    char said[RP_SOURCE_ERROR_MAX];
    RP_CHECK_MSG(rp_ingest_source_said(ing, 0, RP_LOGITEM_LIMIT_EXCEEDED, said, sizeof said) &&
                     strstr(said, "the 244 from column 257 ('c255') to 500"),
                 "%s", said);
    rp_ingest_destroy(ing);
    unlink(path);
}

/* Values beyond float32's range (1e39, -1e300, 3.5e38: the CSV and the text parser alike) and
 * inf as written are kept as ±Inf, counted (samples_infinite) and said once a series
 * (VALUE_INFINITE), every series that has them; they were drawn at the panel's edge unsaid. */
static void test_values_beyond_float32(void)
{
    const char *files[2] = {"t,v,w\n0,1,1\n1,1e300,2\n2,-1e300,3\n3,2,3.5e38\n4,inf,4\n",
                            "v:1\nv:1e39\nw:1\nv:-1e308\nw:3.5e38\nv:2\n"};
    const int infinite[2] = {4, 3};
    for (int f = 0; f < 2; f++) {
        char path[] = "/tmp/rp_test_beyond_XXXXXX";
        RP_REQUIRE_VOID(temp_file(path, files[f]));
        rp_ingest *ing = replay_to_end(path, INFINITY, 0);
        RP_REQUIRE_VOID(ing != NULL);
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        RP_CHECK_EQ_INT(st.samples_infinite, infinite[f]);
        char said[RP_SOURCE_ERROR_MAX], all[2 * RP_SOURCE_ERROR_MAX] = "";
        rp_log_item item;
        int count = rp_ingest_source_said_at(ing, 0, 0, NULL, said, sizeof said), found = 0;
        for (int k = 0; k < count; k++) {
            rp_ingest_source_said_at(ing, 0, k, &item, said, sizeof said);
            if (item != RP_LOGITEM_VALUE_INFINITE) continue;
            found++;
            strncat(all, said, sizeof all - strlen(all) - 1);
        }
        RP_CHECK_EQ_INT(found, 2); /* once a series */
        RP_CHECK_MSG(strstr(all, "series 'v': a value beyond float32's range") &&
                         strstr(all, "series 'w'"),
                     "%s", all);
        rp_series *v = rp_test_find(ing, "v");
        RP_REQUIRE_VOID(v != NULL);
        RP_CHECK(rp_sample_at(v, v->desc.first_index + 1) == INFINITY &&
                 rp_sample_at(v, v->desc.first_index + 2) == -INFINITY);
        rp_ingest_destroy(ing);
        unlink(path);
    }
}

/* Every kind of warning about a source stays readable at its end, the newest of each item (a
 * file's "column holds words" was replaced by a later float32 warning as the only one said). */
static void test_every_warning_kept(void)
{
    static char text[8000];
    int n = snprintf(text, sizeof text, "time,name,v\n");
    for (int i = 0; i < 70; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "%d,GPU A,%.3f\n", i, 1e6 + i * 0.001);
    char path[] = "/tmp/rp_test_warnings_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, text));
    rp_ingest *ing = replay_to_end(path, INFINITY, 0);
    RP_REQUIRE_VOID(ing != NULL);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).last_item, RP_LOGITEM_PRECISION_LOST);
    char said[RP_SOURCE_ERROR_MAX];
    RP_CHECK(rp_ingest_source_said(ing, 0, RP_LOGITEM_SERIES_REFUSED, said, sizeof said) &&
             strstr(said, "column 'name' holds words") != NULL);
    RP_CHECK(rp_ingest_source_said(ing, 0, RP_LOGITEM_PRECISION_LOST, said, sizeof said) &&
             strstr(said, "column 'v'") != NULL);
    RP_CHECK(!rp_ingest_source_said(ing, 0, RP_LOGITEM_INPUT_MALFORMED, said, sizeof said) &&
             said[0] == '\0');
    RP_CHECK(!rp_ingest_source_said(ing, 0, RP_LOGITEM_COUNT, said, sizeof said));
    rp_ingest_destroy(ing);
    unlink(path);
}

/* A sample refused for its time names its line and reads as a time (it read "timestamp 1 s older
 * than the newest (5)", no line), in a CSV file and in a file of text lines. */
static void test_out_of_order_names_the_line(void)
{
    const struct {
        const char *text, *message;
    } files[] = {
        {"time,a\n0,1\n5,2\n1,3\n6,4\n",
         "line 4: series 'a': time 1.000000 s is before the newest, 5.000000 s: refused (rows out "
         "of time order)"},
        {"# log\na:0:1\na:5000:2\na:1000:3\na:6000:4\n",
         "line 4: series 'a': time 1.000000 s is before the newest, 5.000000 s: refused"},
    };
    for (int f = 0; f < 2; f++) {
        char path[] = "/tmp/rp_test_order_XXXXXX";
        RP_REQUIRE_VOID(temp_file(path, files[f].text));
        rp_ingest *ing = replay_to_end(path, INFINITY, 0);
        RP_REQUIRE_VOID(ing != NULL);
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        RP_CHECK_EQ_INT(st.refused[RP_REFUSED_OUT_OF_ORDER], 1);
        RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 3);
        RP_CHECK_MSG(!strncmp(st.last_error, files[f].message, strlen(files[f].message)),
                     "file %d: %s", f, st.last_error);
        rp_ingest_destroy(ing);
        unlink(path);
    }
}

/* Date-times with nanoseconds 1 µs apart (pandas' to_csv of a DatetimeIndex): a Unix time in
 * float64 seconds is good to 2^-22 s (0.24 µs) and the store keeps Unix times to 1 µs, so the
 * samples are kept 1 µs apart exactly, and the rate is measured in the store's ticks: it read
 * 998164/s from the float64 span. */
static void test_nanosecond_dates_rate(void)
{
    static char text[8000];
    int n = snprintf(text, sizeof text, "time,v\n");
    for (int i = 0; i < 100; i++)
        n += snprintf(text + n, sizeof text - (size_t)n, "2024-03-01 12:00:00.%09d,%d\n",
                      123456789 + 1000 * i, i);
    char path[] = "/tmp/rp_test_ns_XXXXXX";
    RP_REQUIRE_VOID(temp_file(path, text));
    rp_ingest *ing = replay_to_end(path, INFINITY, 0);
    RP_REQUIRE_VOID(ing != NULL);
    rp_series *v = rp_test_find(ing, "v");
    RP_REQUIRE_VOID(v != NULL);
    int index = -1;
    for (int k = 0; k < rp_ingest_series_count(ing); k++)
        if (rp_ingest_series_at(ing, k, NULL) == v) index = k;
    RP_CHECK_NEAR(rp_ingest_series_rate(ing, index), 1e6, 1e-3);
    int64_t first = v->desc.first_index;
    double x0 = rp_x_at(v, first), x99 = rp_x_at(v, first + 99);
    RP_CHECK_NEAR(x0, 1709294400.123457, 3e-7); /* the nanoseconds are rounded to 1 µs */
    RP_CHECK_NEAR(x99 - x0, 99e-6, 3e-7);
    rp_ingest_destroy(ing);
    unlink(path);
}

/* The demo's ECG keeps a heart rate of 72 +- 4 bpm for as long as it runs (its rate grew with
 * time: 90 bpm at a minute, 198 after five, the beats garbled). R peaks counted a minute at a
 * time over ten minutes at 500 samples/s. */
static void test_demo_ecg_heart_rate(void)
{
    rp_signal sig;
    rp_signal_init(&sig, RP_SIGNAL_ECG, 500.0, 0, 1);
    static float minute[500 * 60];
    bool above = false;
    int worst_low = 1000, worst_high = 0;
    for (int m = 0; m < 10; m++) {
        rp_signal_generate(&sig, minute, 500 * 60);
        int beats = 0;
        for (int i = 0; i < 500 * 60; i++) {
            if (!above && minute[i] > 0.7f) beats++;
            above = minute[i] > 0.7f;
        }
        if (beats < worst_low) worst_low = beats;
        if (beats > worst_high) worst_high = beats;
    }
    RP_CHECK_MSG(worst_low >= 66 && worst_high <= 78, "beats a minute %d .. %d", worst_low,
                 worst_high);
}

int main(void)
{
    test_demo_ecg_heart_rate();
    test_panels_shared_names_say_their_source();
    test_nanosecond_dates_rate();
    test_out_of_order_names_the_line();
    test_every_warning_kept();
    test_column_without_numbers();
    test_csv_wider_than_limit();
    test_values_beyond_float32();
    test_detection_preamble();
    test_attach_notes();
    test_one_timeline();
    test_text_pipe();
    test_bare_values();
    test_binary_and_csv();
    test_udp();
    test_udp_burst_sender();
    test_udp_senders_own_clocks();
    test_udp_sender_reboots();
    test_udp_sender_reboots_elsewhere();
    test_udp_senders_past_limit();
    test_udp_sender_dates();
    test_udp_device_then_dates();
    test_udp_older_clock_later();
    test_labels_unique();
    test_replay_and_demo();
    test_replay_rows_by_index();
    test_uniform_series_later();
    test_text_rows_by_line();
    test_text_rows_notes();
    test_time_of_day_midnight_sources();
    test_unit_changed();
    test_timestamps_back_rate();
    test_replay_file_times();
    test_replay_text_paced();
    test_replay_untimed_paced_and_stopped();
    test_replay_whole();
    test_teleplot_serial_logs();
    test_detection_header_with_colon();
    test_detection_comment_header();
    test_detection_units_on_values();
    test_slow_and_fine_timestamps();
    test_timestamp_silence();
    test_detection_json_lines();
    test_replay_one_column();
    test_arrival_burst_gap();
    test_arrival_slow_cadence();
    test_arrival_slow_changes();
    test_repeated_prose();
    test_ended_input_capacity();
    test_arrival_first_burst();
    test_arrival_split_burst();
    test_arrival_single_samples();
    test_arrival_steady();
    test_untimed_beside_reset();
    test_arrival_burst_silence_resume();
    test_arrival_bursty_start();
    test_arrival_bursts_slow_reader();
    test_arrival_bursts_of_datagrams();
    test_arrival_bursts_cut();
    test_arrival_half_second_batches();
    test_arrival_irregular_batches();
    test_arrival_repeated_silences();
    test_arrival_rate_switches();
    test_arrival_burst_then_slow();
    test_arrival_burst_then_end();
    test_arrival_gross_first_rate();
    test_arrival_rate_change();
    test_arrival_short_pause();
    test_given_rate_mismatch();
    test_given_rate_mismatch_each_series();
    test_series_limit_said();
    test_timestamps();
    test_absurd_timestamp_first();
    test_failed_series_slot();
    test_detection_recovers();
    test_detection_names_the_problem();
    test_bom_opens_text();
    test_detection_wide_lines();
    test_detection_counts_a_last_long_line();
    test_detection_utf16();
    test_detection_too_many_values();
    test_detection_csv_as_written();
    test_csv_epoch_ms_as_written();
    test_detection_equals_labels();
    test_panels_by_group();
    test_panels_by_unit();
    test_csv_duplicate_column();
    test_csv_time_column();
    test_csv_windows_1252_detected();
    test_detect_blank_columns();
    test_detect_esp32_banner();
    test_detect_banner_line_no_header();
    test_csv_fields_bad();
    test_binary_framed();
    test_mqtt_payloads();
    test_mqtt_decimal_comma();
    test_mqtt_refusal_reasons();
    test_source_api();
    test_log_channel_malformed();
    test_capacity_short_warning();
    return rp_test_finish();
}
