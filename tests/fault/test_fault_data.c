/* test_fault_data.c — faults on the data path, no GPU: every documented limit at and one past
 * its edge (rejected with a counter and a message, never truncated into wrong data); a producer
 * that stalls and resumes; a stream closed mid-line or mid-frame; a UDP flood with junk from
 * several senders while another source keeps flowing; a producer far faster than the reader.
 * Checks are on counts, never on speed. Talks only to 127.0.0.1. */
#define _GNU_SOURCE
#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <pthread.h>
#include <sched.h>
#include <stdatomic.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ingest/ingest.h"
#include "io/parse.h"
#include "rp_test.h"
#include "rp_test_ingest.h"

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void sleep_ms(int ms)
{
    struct timespec ts = {ms / 1000, (long)(ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

static void write_all(int fd, const char *s, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, s, n);
        if (w <= 0) return;
        s += w;
        n -= (size_t)w;
    }
}

/* ---- limits -------------------------------------------------------------------------------- */

static int64_t g_count; /* samples seen by count_sample (this test's own parsers) */
static void count_sample(void *user, const rp_line_sample *s)
{
    (void)user;
    (void)s;
    g_count++;
}

static void check_line(rp_line_parser *p, const char *line, size_t len, bool ok, rp_line_reject why,
                       const char *msg_part)
{
    rp_line_stats before = rp_line_parser_stats(p);
    rp_status st = rp_line_parser_feed(p, line, len);
    rp_line_stats after = rp_line_parser_stats(p);
    if (ok) {
        RP_CHECK_EQ_INT(st, RP_OK);
        RP_CHECK_EQ_INT(after.lines_ok, before.lines_ok + 1);
    } else {
        RP_CHECK_EQ_INT(st, RP_ERR_PARSE);
        RP_CHECK_EQ_INT(after.rejected[why], before.rejected[why] + 1);
        RP_CHECK_EQ_INT(after.samples, before.samples); /* nothing of the line went through */
        RP_CHECK_MSG(strstr(rp_line_parser_last_error(p), msg_part) != NULL,
                     "message '%s' lacks '%s'", rp_line_parser_last_error(p), msg_part);
    }
}

static void test_parser_limits(void)
{
    rp_line_parser *p = NULL;
    RP_REQUIRE_VOID(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = count_sample}, &p) ==
                    RP_OK);
    static char buf[RP_DATAGRAM_MAX + 2];
    /* name length: RP_LINE_NAME_MAX bytes pass, one more is rejected */
    memset(buf, 'n', RP_LINE_NAME_MAX + 1);
    memcpy(buf + RP_LINE_NAME_MAX, ":1\n", 3);
    check_line(p, buf, RP_LINE_NAME_MAX + 3, true, 0, "");
    memset(buf, 'n', RP_LINE_NAME_MAX + 1);
    memcpy(buf + RP_LINE_NAME_MAX + 1, ":1\n", 3);
    check_line(p, buf, RP_LINE_NAME_MAX + 4, false, RP_LINE_REJECT_NAME_TOO_LONG,
               "longer than 63 bytes");
    /* line length: RP_LINE_MAX bytes pass (trailing blanks), one more is dropped whole */
    memset(buf, ' ', RP_LINE_MAX + 1);
    memcpy(buf, "a:1", 3);
    buf[RP_LINE_MAX] = '\n';
    check_line(p, buf, RP_LINE_MAX + 1, true, 0, "");
    memset(buf, ' ', RP_LINE_MAX + 2);
    memcpy(buf, "a:1", 3);
    buf[RP_LINE_MAX + 1] = '\n';
    check_line(p, buf, RP_LINE_MAX + 2, false, RP_LINE_REJECT_TOO_LONG, "longer than 16384 bytes");
    /* values per line: RP_LINE_VALUES_MAX pass, one more rejects the whole line */
    for (int n = RP_LINE_VALUES_MAX; n <= RP_LINE_VALUES_MAX + 1; n++) {
        size_t len = (size_t)snprintf(buf, sizeof buf, "v:0");
        for (int i = 1; i < n; i++) len += (size_t)snprintf(buf + len, sizeof buf - len, ";%d", i);
        buf[len++] = '\n';
        int64_t before = g_count;
        check_line(p, buf, len, n == RP_LINE_VALUES_MAX, RP_LINE_REJECT_TOO_MANY_VALUES,
                   "more than 64 samples");
        RP_CHECK_EQ_INT(g_count - before, n == RP_LINE_VALUES_MAX ? n : 0);
    }
    /* datagram size: RP_DATAGRAM_MAX bytes of valid lines pass, one more is dropped whole */
    for (size_t size = RP_DATAGRAM_MAX; size <= RP_DATAGRAM_MAX + 1; size++) {
        size_t len = 0, lines = 0;
        while (len + 8 <= size)
            len += (size_t)snprintf(buf + len, sizeof buf - len, "d:%04zu\n", lines++ % 10000);
        while (len < size) buf[len++] = ' '; /* pad the last line with blanks */
        int64_t before = g_count;
        rp_line_stats sb = rp_line_parser_stats(p);
        rp_status st = rp_line_parser_feed_datagram(p, buf, size);
        rp_line_stats sa = rp_line_parser_stats(p);
        if (size == RP_DATAGRAM_MAX) {
            RP_CHECK_EQ_INT(st, RP_OK);
            RP_CHECK_EQ_INT(g_count - before, (int64_t)lines);
        } else {
            RP_CHECK_EQ_INT(st, RP_ERR_LIMIT);
            RP_CHECK_EQ_INT(g_count, before);
            RP_CHECK_EQ_INT(sa.datagrams_rejected, sb.datagrams_rejected + 1);
            RP_CHECK(strstr(rp_line_parser_last_error(p), "more than 65507, dropped") != NULL);
        }
    }
    rp_line_parser_destroy(p);
}

static void on_row(void *user, const rp_csv_row *row)
{
    (void)user;
    (void)row;
}

static void test_csv_columns_limit(void)
{
    for (int cols = RP_CSV_COLUMNS_MAX; cols <= RP_CSV_COLUMNS_MAX + 1; cols++) {
        rp_csv_parser *p = NULL;
        RP_REQUIRE_VOID(
            rp_csv_parser_create(&(rp_csv_parser_desc){.on_row = on_row, .time_column = ""}, &p) ==
            RP_OK);
        char line[2048];
        size_t len = 0;
        for (int c = 0; c < cols; c++)
            len += (size_t)snprintf(line + len, sizeof line - len, "%sc%d", c ? "," : "", c);
        line[len++] = '\n';
        rp_status st = rp_csv_parser_feed(p, line, len);
        rp_status st2 = rp_csv_parser_feed(p, "1\n", 2);
        if (cols == RP_CSV_COLUMNS_MAX) {
            RP_CHECK_EQ_INT(st, RP_OK);
            RP_CHECK_EQ_INT(rp_csv_parser_columns(p), cols);
        } else { /* one past: the first 256 read, the last column counted (and the row of one
                  * field refused as short of the header's 257) */
            RP_CHECK_EQ_INT(st, RP_OK);
            RP_CHECK_EQ_INT(rp_csv_parser_columns(p), RP_CSV_COLUMNS_MAX);
            RP_CHECK_EQ_INT(rp_csv_parser_columns_beyond(p), 1);
            RP_CHECK_EQ_INT(st2, RP_ERR_PARSE);
            RP_CHECK_EQ_INT(rp_csv_parser_stats(p).rejected[RP_CSV_REJECT_FIELD_COUNT], 1);
            RP_CHECK(strstr(rp_csv_parser_beyond_note(p), "more than 256 columns") != NULL);
        }
        rp_csv_parser_destroy(p);
    }
}

/* A pipe source on an ingest; returns the write end. */
static int add_pipe(rp_ingest *ing, rp_stream_format format, int channels)
{
    int fds[2];
    if (pipe(fds) != 0) return -1;
    char err[256];
    rp_source_desc d = {
        .kind = RP_SOURCE_FD, .fd.fd = fds[0], .format = format, .channels = channels};
    if (rp_ingest_add_source(ing, &d, err, sizeof err) != RP_OK) {
        fprintf(stderr, "add_source: %s\n", err);
        return -1;
    }
    return fds[1];
}

static bool wait_for(rp_ingest *ing, int source, int64_t samples, bool ended, double timeout)
{
    double t0 = now_s();
    while (now_s() - t0 < timeout) {
        rp_source_stats st = rp_ingest_source_stats(ing, source);
        if (st.samples + st.samples_dropped >= samples && (!ended || st.ended)) return true;
        sleep_ms(5);
    }
    return false;
}

static void test_series_limit(void)
{
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 1024, .max_series = 3}, &ing) ==
                    RP_OK);
    int w = add_pipe(ing, RP_FORMAT_TEXT, 0);
    RP_REQUIRE_VOID(w >= 0 && rp_ingest_start(ing) == RP_OK);
    const char *text = "s1:1\ns2:2\ns3:3\ns4:4\ns5:5 s1:6\ns4:7\n";
    write_all(w, text, strlen(text));
    close(w);
    RP_CHECK(wait_for(ing, 0, 7, true, 10));
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(rp_ingest_series_count(ing), 3);
    RP_CHECK_EQ_INT(st.samples, 4);         /* s1 ×2, s2, s3 */
    RP_CHECK_EQ_INT(st.samples_dropped, 3); /* s4 ×2, s5: counted, with a message */
    RP_CHECK_MSG(strstr(st.last_error, "series limit reached") != NULL, "'%s'", st.last_error);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "s1"), 2);
    RP_CHECK(rp_test_find(ing, "s4") == NULL);
    rp_ingest_destroy(ing);

    /* binary channels beyond RP_FRAME_CHANNELS_MAX: refused with a message */
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256] = "";
    rp_source_desc d = {.kind = RP_SOURCE_FD,
                        .fd.fd = 0,
                        .format = RP_FORMAT_BINARY,
                        .channels = RP_FRAME_CHANNELS_MAX + 1};
    RP_CHECK(rp_ingest_add_source(ing, &d, err, sizeof err) != RP_OK);
    RP_CHECK_MSG(strstr(err, "--channels 1..1024") != NULL, "'%s'", err);
    rp_ingest_destroy(ing);
    /* max_series beyond RP_INGEST_SERIES_LIMIT */
    RP_CHECK_EQ_INT(
        rp_ingest_create(&(rp_ingest_desc){.max_series = RP_INGEST_SERIES_LIMIT + 1}, &ing),
        RP_ERR_LIMIT);
}

/* A UDP listener without an address binds the loopback interface only. */
static void test_default_bind(void)
{
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    char err[256];
    rp_source_desc d = {.kind = RP_SOURCE_UDP}; /* no host, no port: 127.0.0.1:47269 */
    if (rp_ingest_add_source(ing, &d, err, sizeof err) != RP_OK) {
        printf("default port busy (%s): bind address not checked\n", err);
        rp_ingest_destroy(ing);
        return;
    }
    RP_CHECK_EQ_INT(rp_ingest_udp_port(ing, 0), RP_UDP_DEFAULT_PORT);
    FILE *f = fopen("/proc/net/udp", "r");
    bool loopback = false, any = false;
    char line[512];
    char want_lo[32], want_any[32];
    snprintf(want_lo, sizeof want_lo, "0100007F:%04X", RP_UDP_DEFAULT_PORT);
    snprintf(want_any, sizeof want_any, "00000000:%04X", RP_UDP_DEFAULT_PORT);
    while (f && fgets(line, sizeof line, f)) {
        loopback |= strstr(line, want_lo) != NULL;
        any |= strstr(line, want_any) != NULL;
    }
    if (f) fclose(f);
    RP_CHECK(loopback && !any);
    rp_ingest_destroy(ing);
}

/* ---- a producer that stalls and resumes; a stream closed mid-line / mid-frame ---------------- */

static void test_stall_resume(void)
{
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 1500}, &ing) == RP_OK);
    int w = add_pipe(ing, RP_FORMAT_TEXT, 0);
    RP_REQUIRE_VOID(w >= 0 && rp_ingest_start(ing) == RP_OK);
    char line[32];
    for (int i = 0; i < 1000; i++)
        write_all(w, line, (size_t)snprintf(line, sizeof line, "s:%d\n", i));
    RP_CHECK(wait_for(ing, 0, 1000, false, 10));
    sleep_ms(1200); /* the producer stalls: the source waits, neither ends nor spins */
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK(st.running && !st.ended);
    RP_CHECK_EQ_INT(st.samples, 1000);
    for (int i = 1000; i < 2000; i++)
        write_all(w, line, (size_t)snprintf(line, sizeof line, "s:%d\n", i));
    close(w);
    RP_CHECK(wait_for(ing, 0, 2000, true, 10));
    rp_series *s = rp_test_find(ing, "s");
    RP_REQUIRE_VOID(s != NULL);
    rp_series_stats ss = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(ss.accepted, 2000);
    RP_CHECK_EQ_INT(ss.rejected, 0); /* arrival times stay monotonic across the stall */
    RP_CHECK_EQ_INT(ss.retained, 1500);
    RP_CHECK_EQ_INT(ss.expired, 500);
    double x0, x1;
    RP_CHECK(rp_series_x_extent(s, &x0, &x1) == RP_OK &&
             x1 - x0 >= 1.0); /* the gap in time shows */
    rp_ingest_destroy(ing);
}

static void test_closed_mid_line(void)
{
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(NULL, &ing) == RP_OK);
    int w1 = add_pipe(ing, RP_FORMAT_TEXT, 0);   /* ends with a complete last line, no "\n" */
    int w2 = add_pipe(ing, RP_FORMAT_TEXT, 0);   /* ends inside a sample: rejected, counted */
    int w3 = add_pipe(ing, RP_FORMAT_BINARY, 2); /* ends inside a frame: dropped, reported */
    RP_REQUIRE_VOID(w1 >= 0 && w2 >= 0 && w3 >= 0 && rp_ingest_start(ing) == RP_OK);
    write_all(w1, "a:1\na:2\nb:3", 11);
    write_all(w2, "c:1\nc:2\nd:", 10);
    float frames[5] = {1, 2, 3, 4, 5}; /* 2.5 frames of 2 channels */
    write_all(w3, (const char *)frames, sizeof frames);
    close(w1);
    close(w2);
    close(w3);
    RP_CHECK(wait_for(ing, 0, 3, true, 10));
    RP_CHECK(wait_for(ing, 1, 2, true, 10));
    RP_CHECK(wait_for(ing, 2, 4, true, 10));
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "a"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "b"), 1);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "c"), 2);
    RP_CHECK(rp_test_find(ing, "d") == NULL);
    rp_source_stats s2 = rp_ingest_source_stats(ing, 1), s3 = rp_ingest_source_stats(ing, 2);
    RP_CHECK_EQ_INT(s2.lines_rejected, 1);
    RP_CHECK_MSG(strstr(s2.last_error, "no value for 'd'") != NULL, "'%s'", s2.last_error);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "ch0"), 2);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "ch1"), 2);
    RP_CHECK_MSG(strstr(s3.last_error, "stream ended inside a frame: 4 of 8 bytes dropped") != NULL,
                 "'%s'", s3.last_error);
    rp_ingest_destroy(ing);
}

/* ---- UDP flood ------------------------------------------------------------------------------ */

typedef struct flood_ctx {
    uint16_t port;
    atomic_bool stop;
    int64_t sent;    /* datagrams accepted by sendto */
    int64_t refused; /* sendto errors (ENOBUFS, EAGAIN): never left the sender */
} flood_ctx;

static int udp_socket_to(uint16_t port, struct sockaddr_in *to)
{
    *to = (struct sockaddr_in){.sin_family = AF_INET, .sin_port = htons(port)};
    to->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    return socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
}

#define FLOOD_VALUES 64
static size_t flood_line(char *buf, size_t size)
{
    size_t len = (size_t)snprintf(buf, size, "f:0");
    for (int i = 1; i < FLOOD_VALUES; i++) len += (size_t)snprintf(buf + len, size - len, ";%d", i);
    return len;
}

static void *flood_thread(void *arg)
{
    flood_ctx *c = arg;
    struct sockaddr_in to;
    int fd = udp_socket_to(c->port, &to);
    char buf[1024];
    size_t len = flood_line(buf, sizeof buf);
    while (!atomic_load(&c->stop)) {
        if (sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof to) == (ssize_t)len)
            c->sent++;
        else
            c->refused++;
    }
    close(fd);
    return NULL;
}

static void test_udp_flood(void)
{
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 1 << 16}, &ing) == RP_OK);
    char err[256];
    rp_source_desc d = {.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1", .udp.port = 0, .rate = 1e6};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    int w = add_pipe(ing, RP_FORMAT_TEXT, 0); /* another source that must keep flowing */
    RP_REQUIRE_VOID(w >= 0 && rp_ingest_start(ing) == RP_OK);
    uint16_t port = rp_ingest_udp_port(ing, 0);

    /* junk from three senders: each datagram rejected, each sender counted once */
    static const char *const junk[] = {"no colon", "\x01\x02\xff\xfe", "a:1:2:3", "x:abc\ny:1"};
    int junk_sent = 0;
    for (int s = 0; s < 3; s++) {
        struct sockaddr_in to;
        int fd = udp_socket_to(port, &to);
        for (int i = 0; i < 4; i++)
            if (sendto(fd, junk[i], strlen(junk[i]), 0, (struct sockaddr *)&to, sizeof to) > 0)
                junk_sent++;
        close(fd);
    }
    double t0 = now_s();
    while (rp_ingest_source_stats(ing, 0).datagrams < junk_sent && now_s() - t0 < 10) sleep_ms(5);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.datagrams, 12);
    RP_CHECK_EQ_INT(st.datagrams_rejected, 12);
    RP_CHECK_EQ_INT(st.senders, 3);
    RP_CHECK_EQ_INT(st.senders_rejected, 3);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "y"),
                    3); /* the good line of a bad datagram still counts */

    /* the flood: one sender as fast as it can for 1.5 s; the pipe source keeps flowing */
    flood_ctx fc = {.port = port};
    pthread_t th;
    RP_REQUIRE_VOID(pthread_create(&th, NULL, flood_thread, &fc) == 0);
    double start = now_s();
    int piped = 0;
    char line[32];
    while (now_s() - start < 1.5) {
        write_all(w, line, (size_t)snprintf(line, sizeof line, "p:%d\n", piped++));
        sleep_ms(1);
    }
    atomic_store(&fc.stop, true);
    pthread_join(th, NULL);
    close(w);
    RP_CHECK(wait_for(ing, 1, piped, true, 10));
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "p"), piped);

    /* drain, then a received datagram carries the kernel's final drop count (SO_RXQ_OVFL); a
     * probe may itself be dropped while the buffer is still full, so probe until one lands */
    sleep_ms(300);
    struct sockaddr_in to;
    int fd = udp_socket_to(port, &to);
    char buf[1024];
    size_t len = flood_line(buf, sizeof buf);
    int64_t total = junk_sent + fc.sent;
    for (int probe = 0; probe < 20; probe++) {
        RP_CHECK(sendto(fd, buf, len, 0, (struct sockaddr *)&to, sizeof to) == (ssize_t)len);
        total++;
        t0 = now_s();
        do {
            st = rp_ingest_source_stats(ing, 0);
            if (st.datagrams + st.datagrams_lost >= total) break;
            sleep_ms(10);
        } while (now_s() - t0 < 1.0);
        if (st.datagrams + st.datagrams_lost >= total) break;
    }
    close(fd);
    int64_t flood_received = st.datagrams - junk_sent;
    printf(
        "udp flood: %lld datagrams sent (%lld refused by sendto), %lld received, %lld lost in the kernel\n",
        (long long)(total - junk_sent), (long long)fc.refused, (long long)flood_received,
        (long long)st.datagrams_lost);
    RP_CHECK_EQ_INT(st.datagrams + st.datagrams_lost,
                    total); /* every datagram: received or counted lost */
    RP_CHECK_EQ_INT(st.datagrams_rejected, 12);
    rp_series *f = rp_test_find(ing, "f");
    RP_REQUIRE_VOID(f != NULL);
    rp_series_stats fs = rp_series_stats_get(f);
    RP_CHECK_EQ_INT(fs.accepted, flood_received * FLOOD_VALUES);
    RP_CHECK_EQ_INT(fs.retained + fs.expired, fs.accepted);
    RP_CHECK_EQ_INT(st.senders, 5);
    rp_ingest_destroy(ing);
}

/* ---- a producer far faster than the reader -------------------------------------------------- */

typedef struct fast_ctx {
    rp_series *series;
    atomic_bool stop;
    _Atomic int64_t pushed;
} fast_ctx;

static void *fast_producer(void *arg)
{
    fast_ctx *c = arg;
    float block[4096];
    for (int i = 0; i < 4096; i++) block[i] = (float)(i % 100);
    while (!atomic_load(&c->stop)) {
        if (rp_push(c->series, block, 4096) == RP_OK) atomic_fetch_add(&c->pushed, 4096);
        sched_yield(); /* valgrind runs one thread at a time: let the reader have its turns */
    }
    return NULL;
}

/* A slow reader (10 frames a second) against a producer that laps the ring many times between
 * two reads. The run is counted, not timed: at least 5 reads, and until the producer has lapped
 * the ring 3 times, however slow the machine (valgrind serialises the threads). */
static void test_fast_producer(void)
{
    enum { CAPACITY = 1 << 20 };
    fast_ctx c = {0};
    RP_REQUIRE_VOID(
        rp_series_create(&(rp_series_desc){.name = "fast", .capacity = CAPACITY, .rate = 1e6},
                         &c.series) == RP_OK);
    pthread_t th;
    RP_REQUIRE_VOID(pthread_create(&th, NULL, fast_producer, &c) == 0);
    static rp_m4 out[1002];
    int attempts = 0, whole = 0, completed = 0;
    while (attempts < 5 || atomic_load(&c.pushed) < 3 * (int64_t)CAPACITY) {
        double x0 = 0, x1 = 0;
        rp_status ext = rp_series_x_extent(c.series, &x0, &x1);
        attempts++;
        /* A reader starved long enough to be lapped again and again gets RP_ERR_OVERRUN (the
         * documented answer, never a torn result); every completed read must be whole. */
        if (ext == RP_OK && x1 > x0) {
            rp_decimation dec = {.out = out, .out_capacity = 1002};
            rp_status st = rp_decimate(c.series, x0, x1, 1000, &dec);
            if (st == RP_OK) completed++;
            if ((st == RP_OK && dec.count <= 1002) || st == RP_ERR_OVERRUN) whole++;
        } else if (ext == RP_OK || ext == RP_ERR_OVERRUN || ext == RP_ERR_INVALID_ARG) {
            whole++; /* an extent refused (overrun) or not there yet (empty) is an answer too */
        }
        sleep_ms(100);
    }
    atomic_store(&c.stop, true);
    pthread_join(th, NULL);
    rp_series_stats ss = rp_series_stats_get(c.series);
    int64_t pushed = atomic_load(&c.pushed);
    printf("fast producer: %lld samples pushed during %d slow reads (%d completed)\n",
           (long long)pushed, attempts, completed);
    RP_CHECK_EQ_INT(whole, attempts);
    RP_CHECK_EQ_INT(ss.accepted, pushed);
    RP_CHECK_EQ_INT(ss.retained, pushed < CAPACITY ? pushed : CAPACITY);
    RP_CHECK_EQ_INT(ss.expired, ss.accepted - ss.retained);
    rp_series_destroy(c.series);
}

int main(void)
{
    test_parser_limits();
    test_csv_columns_limit();
    test_series_limit();
    test_default_bind();
    test_stall_resume();
    test_closed_mid_line();
    test_udp_flood();
    test_fast_producer();
    return rp_test_finish();
}
