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

#include "ingest/ingest.h"
#include "rp_test.h"

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    nanosleep(&ts, NULL);
}

static rp_series *find(rp_ingest *ing, const char *name)
{
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (s && strcmp(rp_series_name(s), name) == 0) return s;
    }
    return NULL;
}

static int64_t accepted(rp_ingest *ing, const char *name)
{
    rp_series *s = find(ing, name);
    return s ? rp_series_stats_get(s).accepted : -1;
}

/* Waits until every source ended (stream sources) or the timeout passes. */
static void wait_ended(rp_ingest *ing)
{
    for (int i = 0; i < 500 && !rp_ingest_all_ended(ing); i++) sleep_ms(10);
}

static void test_text_pipe(void)
{
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 4096, .max_series = 4}, &ing) ==
                    RP_OK);
    char err[256];
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .fd = fds[0]},
                                         err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    /* 1000 good lines for a and b, with junk of every kind mixed in */
    for (int i = 0; i < 1000; i++) {
        char line[128];
        int n = snprintf(line, sizeof line, ">a:%d\nb:%d.5\n", i, i);
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
    wait_ended(ing);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK(st.ended);
    RP_CHECK_EQ_INT(accepted(ing, "a"), 1000);
    RP_CHECK_EQ_INT(accepted(ing, "b"), 1000);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 4);
    RP_CHECK_EQ_INT(st.samples, 2002);      /* a, b and two of the extra names */
    RP_CHECK_EQ_INT(st.samples_dropped, 3); /* the other extra names: limit reached */
    RP_CHECK(st.last_error[0] != 0);
    RP_CHECK_EQ_INT(st.lines_rejected, 10 * 4); /* 4 junk lines, 10 times */
    /* values exact, in order */
    rp_series *b = find(ing, "b");
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
    RP_REQUIRE_VOID(pipe(fds) == 0);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .fd = fds[0]},
                                         err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    const char in[] = "1.5,2\n2.5,3\n3.5;4\n";
    RP_CHECK(write(fds[1], in, sizeof in - 1) == (ssize_t)(sizeof in - 1));
    close(fds[1]);
    wait_ended(ing);
    RP_CHECK_EQ_INT(accepted(ing, "value1"), 3);
    RP_CHECK_EQ_INT(accepted(ing, "value2"), 3);
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
                                                    .fd = fds[0],
                                                    .format = RP_FORMAT_BINARY,
                                                    .channels = 3,
                                                    .channel_names = "x,y",
                                                    .rate = 1000},
                                  err, sizeof err) == RP_OK);
    RP_CHECK(rp_ingest_add_source(
                 ing, &(rp_source_desc){.kind = RP_SOURCE_FD, .fd = cfd[0], .label = "csv"}, err,
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
    wait_ended(ing);
    RP_CHECK_EQ_INT(accepted(ing, "x"), 5000);
    RP_CHECK_EQ_INT(accepted(ing, "y"), 5000);
    RP_CHECK_EQ_INT(accepted(ing, "ch2"), 5000);
    rp_series *x = find(ing, "x");
    RP_REQUIRE_VOID(x != NULL);
    rp_series_desc d = rp_series_get_desc(x);
    RP_CHECK(!d.timestamps && d.rate == 1000); /* uniform: rate given */
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(x, -1e300, 1e300, &lo, &hi, &found) == RP_OK && lo == 0 &&
             hi == 4999);
    RP_CHECK_EQ_INT(accepted(ing, "temp"), 4);      /* the short row is rejected whole */
    RP_CHECK_EQ_INT(accepted(ing, "hum idity"), 4); /* empty and bad fields are gaps (NaN) */
    rp_series *t = find(ing, "temp");
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
    RP_REQUIRE_VOID(rp_ingest_add_source(
                        ing,
                        &(rp_source_desc){.kind = RP_SOURCE_UDP, .host = "127.0.0.1", .port = 0},
                        err, sizeof err) == RP_OK);
    uint16_t port = rp_ingest_udp_port(ing, 0);
    RP_CHECK(port != 0);
    /* the same port again: a clear error */
    char err2[256];
    RP_CHECK(rp_ingest_add_source(
                 ing, &(rp_source_desc){.kind = RP_SOURCE_UDP, .host = "127.0.0.1", .port = port},
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
    for (int i = 0; i < 300 && accepted(ing, "u") < 200; i++) sleep_ms(10);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(accepted(ing, "u"), 200);
    RP_CHECK_EQ_INT(accepted(ing, "v"), 200);
    RP_CHECK_EQ_INT(accepted(ing, "w"), 196);
    RP_CHECK_EQ_INT(st.datagrams, 200);
    RP_CHECK_EQ_INT(st.datagrams_rejected, 4);
    RP_CHECK_EQ_INT(st.senders, 1);
    RP_CHECK_EQ_INT(st.senders_rejected, 1);
    RP_CHECK_EQ_INT(st.lines_rejected, 4);
    close(fd);
    rp_ingest_destroy(ing);
}

static void test_replay_and_demo(void)
{
    char path[] = "/tmp/rp_test_replay_XXXXXX";
    int fd = mkstemp(path);
    RP_REQUIRE_VOID(fd >= 0);
    const char csv[] = "seconds;a;b\n1;1,5;2\n2;2,5;3\n3;3,5;4\n";
    RP_CHECK(write(fd, csv, sizeof csv - 1) == (ssize_t)(sizeof csv - 1));
    close(fd);
    rp_ingest *ing;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    RP_CHECK(rp_ingest_add_source(
                 ing, &(rp_source_desc){.kind = RP_SOURCE_REPLAY, .path = "/nonexistent/x.csv"},
                 err, sizeof err) == RP_ERR_IO);
    RP_CHECK(strstr(err, "cannot open") != NULL);
    RP_REQUIRE_VOID(rp_ingest_add_source(
                        ing,
                        &(rp_source_desc){.kind = RP_SOURCE_REPLAY, .path = path, .speed = 100},
                        err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &(rp_source_desc){.kind = RP_SOURCE_DEMO}, err,
                                         sizeof err) == RP_OK);
    double t0 = rp_wall_seconds();
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    for (int i = 0; i < 300 && accepted(ing, "b") < 3; i++) sleep_ms(10);
    double took = rp_wall_seconds() - t0;
    RP_CHECK_EQ_INT(accepted(ing, "a"), 3);
    RP_CHECK_EQ_INT(accepted(ing, "b"), 3);
    RP_CHECK_MSG(took >= 0.015, "replay at 100x of 2 s took %.3f s", took); /* paced, not instant */
    rp_series *a = find(ing, "a");
    RP_REQUIRE_VOID(a != NULL);
    float lo, hi;
    bool found;
    RP_CHECK(rp_series_y_range(a, 0, 10, &lo, &hi, &found) == RP_OK && lo == 1.5f && hi == 3.5f);
    sleep_ms(200);
    RP_CHECK(accepted(ing, "sensor/pressure") > 1000); /* 100 kHz demo channel */
    RP_CHECK(accepted(ing, "imu/accel z") > 10);
    RP_CHECK(find(ing, "env/temperature") != NULL);
    rp_ingest_destroy(ing);
    unlink(path);
}

int main(void)
{
    test_text_pipe();
    test_bare_values();
    test_binary_and_csv();
    test_udp();
    test_replay_and_demo();
    return rp_test_finish();
}
