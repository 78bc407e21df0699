/* test_io_stream.c — runs the built rp-stream (path in argv[1]) and reads its output back through
 * the parsers: sample counts, names, values, every format, bad flags, a reader that goes away. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>
#include <time.h>

#include "io/parse.h"
#include "rp_test.h"

#ifndef M_PI
#define M_PI 3.14159265358979323846
#endif

typedef struct text_got {
    int64_t n, per[2], order_errors;
    double max_err;
    bool ts_ok;
    double last_ts;
} text_got;

static void on_text(void *user, const rp_line_sample *s)
{
    text_got *g = user;
    /* Expect sine_0, sine_1, sine_0, ... : frame i = n / 2. */
    int ch = (int)(g->n % 2);
    char want[8];
    snprintf(want, sizeof want, "sine_%d", ch);
    if (s->name_len != 6 || memcmp(s->name, want, 6) != 0) g->order_errors++;
    int64_t i = g->n / 2;
    /* rp-stream's sine: frequency 1 Hz × (1 + 0.5·ch), phase 0.7·ch, at 1000 samples/s. */
    double expect = sin(2.0 * M_PI * (1.0 + 0.5 * ch) * (double)i / 1000.0 + 0.7 * ch);
    double err = fabs((double)s->value - expect);
    if (err > g->max_err) g->max_err = err;
    if (s->has_timestamp) {
        if (ch == 0 && g->n > 0 && fabs(s->timestamp_ms - g->last_ts - 1.0) > 1e-3)
            g->ts_ok = false;
        if (ch == 0) g->last_ts = s->timestamp_ms;
    }
    if (ch < 2) g->per[ch]++;
    g->n++;
}

static void on_row(void *user, const rp_csv_row *r)
{
    int64_t *rows = user;
    if (r->count == 8 && r->has_time && fabs(r->time - (double)*rows / 1000.0) < 1e-9) (*rows)++;
}

static void on_block(void *user, const rp_frame_block *b)
{
    int64_t *frames = user;
    *frames += b->frames;
}

static FILE *start(const char *exe, const char *args)
{
    char cmd[1024];
    snprintf(cmd, sizeof cmd, "'%s' %s", exe, args);
    return popen(cmd, "r");
}

/* Waits for the child; its exit code (128 + signal when killed). Called once per child, outside
 * the check macros (they evaluate their arguments twice). */
static int finish(FILE *f)
{
    int status = pclose(f);
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

static void test_text(const char *exe, const char *format)
{
    char args[256];
    snprintf(args, sizeof args,
             "--signal sine --channels 2 --samples 1000 --fast --quiet --format %s", format);
    FILE *f = start(exe, args);
    RP_CHECK(f != NULL);
    if (!f) return;
    text_got g = {.ts_ok = true};
    rp_line_parser *p = NULL;
    RP_CHECK(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_text, .user = &g}, &p) ==
             RP_OK);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) rp_line_parser_feed(p, buf, n);
    rp_line_parser_finish(p);
    int rc = finish(f);
    RP_CHECK_EQ_INT(rc, 0);
    rp_line_stats s = rp_line_parser_stats(p);
    RP_CHECK_MSG(g.n == 2000 && g.per[0] == 1000 && g.per[1] == 1000, "%s: %lld samples", format,
                 (long long)g.n);
    RP_CHECK_EQ_INT(s.lines_rejected, 0);
    RP_CHECK_EQ_INT(g.order_errors, 0);
    RP_CHECK_MSG(g.max_err < 1e-5, "%s: max error %g (6 significant digits)", format, g.max_err);
    RP_CHECK(g.ts_ok);
    rp_line_parser_destroy(p);
}

static void test_csv_binary(const char *exe)
{
    FILE *f = start(exe, "--signal mix --samples 500 --fast --quiet --format csv");
    RP_CHECK(f != NULL);
    if (!f) return;
    int64_t rows = 0;
    rp_csv_parser *c = NULL;
    RP_CHECK(rp_csv_parser_create(&(rp_csv_parser_desc){.on_row = on_row, .user = &rows}, &c) ==
             RP_OK);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0) rp_csv_parser_feed(c, buf, n);
    rp_csv_parser_finish(c);
    int rc = finish(f);
    RP_CHECK_EQ_INT(rc, 0);
    RP_CHECK_EQ_INT(rows, 500);
    RP_CHECK(rp_csv_parser_time_unit(c) == RP_TIME_UNIT_S);
    RP_CHECK(rp_csv_parser_columns(c) == 8 &&
             strcmp(rp_csv_parser_column_name(c, 4), "mix_ecg") == 0);
    RP_CHECK_EQ_INT(rp_csv_parser_stats(c).rows_rejected, 0);
    rp_csv_parser_destroy(c);

    f = start(exe, "--signal imu --samples 7777 --fast --quiet --format binary");
    RP_CHECK(f != NULL);
    if (!f) return;
    int64_t frames = 0;
    rp_frame_parser *b = NULL;
    RP_CHECK(rp_frame_parser_create(
                 &(rp_frame_parser_desc){.channels = 3, .on_block = on_block, .user = &frames},
                 &b) == RP_OK);
    while ((n = fread(buf, 1, sizeof buf - 1, f)) > 0) rp_frame_parser_feed(b, buf, n);
    RP_CHECK(rp_frame_parser_finish(b) == RP_OK);
    rc = finish(f);
    RP_CHECK_EQ_INT(rc, 0);
    RP_CHECK_EQ_INT(frames, 7777);
    rp_frame_parser_destroy(b);
}

static void test_exit_codes(const char *exe)
{
    const char *bad[] = {
        "--bogus",      "--rate abc", "--signal saw",      "--channels 0",
        "--format xml", "--samples",  "--udp 1.2.3:99999", "--udp 9000 --format csv",
        "extra"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char args[128];
        snprintf(args, sizeof args, "%s --samples 1 --fast 2>/dev/null", bad[i]);
        FILE *f = start(exe, args);
        if (!f) {
            RP_CHECK(f != NULL);
            continue;
        }
        char buf[256];
        while (fread(buf, 1, sizeof buf, f) > 0) {
        }
        int rc = finish(f);
        RP_CHECK_MSG(rc != 0, "'%s' should fail", bad[i]);
    }
    FILE *f = start(exe, "--help");
    if (f) {
        char buf[8192];
        size_t n = fread(buf, 1, sizeof buf - 1, f);
        buf[n] = '\0';
        int rc = finish(f);
        RP_CHECK_EQ_INT(rc, 0);
        RP_CHECK(strstr(buf, "--signal") && strstr(buf, "--udp") && strstr(buf, "default 1000"));
    }
    /* The reader goes away after 100 bytes of an endless stream: rp-stream exits 0. */
    f = start(exe, "--fast --quiet");
    if (f) {
        char buf[100];
        RP_CHECK(fread(buf, 1, sizeof buf, f) == sizeof buf);
        int rc = finish(f);
        RP_CHECK_EQ_INT(rc, 0);
    }
    /* Real-time pacing: 300 samples at 1000/s take about 0.3 s (only the lower bound is checked). */
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    f = start(exe, "--rate 1k --duration 300ms --quiet");
    if (f) {
        char buf[4096];
        size_t total = 0, n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0) total += n;
        int rc = finish(f);
        RP_CHECK_EQ_INT(rc, 0);
        clock_gettime(CLOCK_MONOTONIC, &t1);
        double dt = (double)(t1.tv_sec - t0.tv_sec) + 1e-9 * (double)(t1.tv_nsec - t0.tv_nsec);
        RP_CHECK_MSG(dt > 0.25, "paced run took %.3f s", dt);
        RP_CHECK(total > 300 * 5);
    }
}

/* UDP on loopback: every datagram holds whole lines, at most 1400 bytes, and all samples arrive
 * (2000 lines ≈ 30 KB stay far below the socket's receive buffer, so nothing is dropped). */
static void test_udp(const char *exe)
{
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    RP_CHECK(fd >= 0);
    if (fd < 0) return;
    struct sockaddr_in a = {.sin_family = AF_INET, .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
    socklen_t al = sizeof a;
    if (bind(fd, (struct sockaddr *)&a, sizeof a) != 0 ||
        getsockname(fd, (struct sockaddr *)&a, &al) != 0) {
        RP_CHECK(!"bind");
        close(fd);
        return;
    }
    char args[128];
    snprintf(args, sizeof args,
             "--signal sine --channels 2 --samples 1000 --fast --quiet --udp 127.0.0.1:%u",
             (unsigned)ntohs(a.sin_port));
    FILE *f = start(exe, args);
    if (f) {
        int rc = finish(f);
        RP_CHECK_EQ_INT(rc, 0);
    }
    text_got g = {.ts_ok = true};
    rp_line_parser *p = NULL;
    RP_CHECK(rp_line_parser_create(&(rp_line_parser_desc){.on_sample = on_text, .user = &g}, &p) ==
             RP_OK);
    char buf[65536];
    int64_t datagrams = 0, oversize = 0, partial = 0;
    for (;;) {
        ssize_t n = recv(fd, buf, sizeof buf, MSG_DONTWAIT);
        if (n <= 0) break;
        datagrams++;
        if (n > 1400) oversize++;
        if (buf[n - 1] != '\n') partial++;
        rp_line_parser_feed_datagram(p, buf, (size_t)n);
    }
    close(fd);
    RP_CHECK_MSG(g.n == 2000 && g.order_errors == 0, "%lld samples over UDP", (long long)g.n);
    RP_CHECK(datagrams >= 20 && oversize == 0 && partial == 0);
    RP_CHECK_EQ_INT(rp_line_parser_stats(p).lines_rejected, 0);
    rp_line_parser_destroy(p);
}

int main(int argc, char **argv)
{
    if (argc < 2) {
        fprintf(stderr, "usage: test_io_stream PATH-TO-rp-stream\n");
        return 2;
    }
    test_text(argv[1], "text");
    test_text(argv[1], "text-ts");
    test_text(argv[1], "json"); /* one JSON object a frame, read back by the line parser */
    test_csv_binary(argv[1]);
    test_exit_codes(argv[1]);
    test_udp(argv[1]);
    return rp_test_finish();
}
