/* test_serial_port.c — the serial port module against pseudo-terminal pairs (openpty): no device
 * needed. The test holds the master side (the "board"); the port opens the slave through a
 * symlink that the test re-points, as udev does when a board is plugged in again.
 * Nothing here depends on timing: every wait is a loop on a condition with a generous bound. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "core/series_internal.h"
#include "figure/figure_internal.h"
#include "ingest/ingest.h"
#include "ingest/serial_port.h"
#include "rp_test.h"
#include "rp_test_ingest.h"
#include "rp_test_log.h"

#define WAIT_LIMIT_MS 20000 /* bound of every wait: far above what any machine needs */

static char dir[256], link_path[300];

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A new pty pair; the link points at its slave. Returns the master (the test's end). */
static int new_board(void)
{
    int master, slave;
    char name[256];
    if (openpty(&master, &slave, name, NULL, NULL) != 0) return -1;
    close(slave); /* the port opens it by path */
    char tmp[320];
    snprintf(tmp, sizeof tmp, "%s/link.tmp", dir);
    unlink(tmp);
    if (symlink(name, tmp) != 0 || rename(tmp, link_path) != 0) {
        close(master);
        return -1;
    }
    fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK);
    return master;
}

static void write_all(int fd, const void *data, size_t n)
{
    const uint8_t *p = data;
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w > 0) {
            p += w;
            n -= (size_t)w;
        } else {
            struct pollfd pf = {.fd = fd, .events = POLLOUT};
            poll(&pf, 1, 100);
        }
    }
}

static void test_spec(void)
{
    rp_serial_desc d;
    char path[256], err[256];
    RP_CHECK_EQ_INT(rp_serial_spec_parse("/dev/ttyACM0", &d, path, sizeof path, err, sizeof err),
                    RP_OK);
    RP_CHECK(strcmp(d.path, "/dev/ttyACM0") == 0 && d.baud == 115200 && d.data_bits == 8 &&
             d.stop_bits == 1);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyACM0:115200", &d, path, sizeof path, err, sizeof err), RP_OK);
    RP_CHECK(d.baud == 115200 && d.parity == RP_SERIAL_PARITY_NONE);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyUSB0:2000000:8E2", &d, path, sizeof path, err, sizeof err),
        RP_OK);
    RP_CHECK(strcmp(path, "/dev/ttyUSB0") == 0 && d.baud == 2000000 && d.data_bits == 8 &&
             d.parity == RP_SERIAL_PARITY_EVEN && d.stop_bits == 2);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyS1:250k:7o1", &d, path, sizeof path, err, sizeof err), RP_OK);
    RP_CHECK(d.baud == 250000 && d.data_bits == 7 && d.parity == RP_SERIAL_PARITY_ODD);
    RP_CHECK_EQ_INT(rp_serial_spec_parse("/dev/ttyS1:2M", &d, path, sizeof path, err, sizeof err),
                    RP_OK);
    RP_CHECK(d.baud == 2000000);
    /* a decimal point before a suffix, as --rate takes "2.5M" */
    RP_CHECK_EQ_INT(rp_serial_spec_parse("/tmp/x:1.5M", &d, path, sizeof path, err, sizeof err),
                    RP_OK);
    RP_CHECK(strcmp(path, "/tmp/x") == 0 && d.baud == 1500000);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyS1:115.2k:7E1", &d, path, sizeof path, err, sizeof err),
        RP_OK);
    RP_CHECK(d.baud == 115200 && d.data_bits == 7);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyS1:1.2345k", &d, path, sizeof path, err, sizeof err),
        RP_ERR_PARSE);
    RP_CHECK_MSG(strstr(err, "baud '1.2345k' is not a rate") != NULL, "%s", err);
    /* a part after ':' that is no baud: the open says so */
    rp_serial_port *port = NULL;
    RP_CHECK_EQ_INT(rp_serial_port_open(&(rp_serial_desc){.path = "/nonexistent/x:1,5M"}, NULL,
                                        &port, err, sizeof err),
                    RP_ERR_IO);
    RP_CHECK_MSG(strstr(err, "'1,5M' after ':' is not a baud rate") != NULL, "%s", err);
    /* udev by-path names hold ':' */
    const char *by_path = "/dev/serial/by-path/pci-0000:00:14.0-usb-0:1:1.0-port0";
    RP_CHECK_EQ_INT(rp_serial_spec_parse(by_path, &d, path, sizeof path, err, sizeof err), RP_OK);
    RP_CHECK(strcmp(path, by_path) == 0 && d.baud == 115200);
    char spec[300];
    snprintf(spec, sizeof spec, "%s:921600:8N1", by_path);
    RP_CHECK_EQ_INT(rp_serial_spec_parse(spec, &d, path, sizeof path, err, sizeof err), RP_OK);
    RP_CHECK(strcmp(path, by_path) == 0 && d.baud == 921600);
    /* errors name the problem */
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyUSB0:9600:9N1", &d, path, sizeof path, err, sizeof err),
        RP_ERR_PARSE);
    RP_CHECK(strstr(err, "data bits must be 5..8") != NULL);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyUSB0:9600:8X1", &d, path, sizeof path, err, sizeof err),
        RP_ERR_PARSE);
    RP_CHECK(strstr(err, "parity must be N, E or O") != NULL);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyUSB0:9600:8N3", &d, path, sizeof path, err, sizeof err),
        RP_ERR_PARSE);
    RP_CHECK(strstr(err, "stop bits must be 1 or 2") != NULL);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyUSB0:12x4", &d, path, sizeof path, err, sizeof err),
        RP_ERR_PARSE);
    RP_CHECK(strstr(err, "baud '12x4'") != NULL);
    RP_CHECK_EQ_INT(rp_serial_spec_parse("/dev/ttyUSB0:0", &d, path, sizeof path, err, sizeof err),
                    RP_ERR_PARSE);
    RP_CHECK_EQ_INT(
        rp_serial_spec_parse("/dev/ttyUSB0:8N1", &d, path, sizeof path, err, sizeof err),
        RP_ERR_PARSE);
    RP_CHECK(strstr(err, "give the baud first") != NULL);
    RP_CHECK_EQ_INT(rp_serial_spec_parse("/dev/ttyUSB0:", &d, path, sizeof path, err, sizeof err),
                    RP_ERR_PARSE);
    RP_CHECK(strstr(err, "empty field") != NULL);
    RP_CHECK_EQ_INT(rp_serial_spec_parse(":115200", &d, path, sizeof path, err, sizeof err),
                    RP_ERR_PARSE);
    RP_CHECK(strstr(err, "no device path") != NULL);
    char small[4];
    RP_CHECK_EQ_INT(rp_serial_spec_parse("/dev/ttyUSB0", &d, small, sizeof small, err, sizeof err),
                    RP_ERR_LIMIT);
    char text[64];
    rp_serial_spec_parse("/dev/x:1000000:7E2", &d, path, sizeof path, err, sizeof err);
    d.flow = RP_SERIAL_FLOW_RTSCTS;
    RP_CHECK(strcmp(rp_serial_desc_string(&d, text, sizeof text), "1000000 7E2 rtscts") == 0);
}

static void test_open_errors(void)
{
    rp_serial_port *port = NULL;
    char err[256];
    rp_serial_desc d = {.path = "/nonexistent/ttyUSB9"};
    RP_CHECK_EQ_INT(rp_serial_port_open(&d, NULL, &port, err, sizeof err), RP_ERR_IO);
    RP_CHECK(port == NULL && strstr(err, "cannot open '/nonexistent/ttyUSB9'") != NULL);
    d.path = "/dev/null";
    RP_CHECK_EQ_INT(rp_serial_port_open(&d, NULL, &port, err, sizeof err), RP_ERR_IO);
    RP_CHECK_MSG(strstr(err, "not a serial port") != NULL, "%s", err);
    d.data_bits = 9;
    RP_CHECK_EQ_INT(rp_serial_port_open(&d, NULL, &port, err, sizeof err), RP_ERR_INVALID_ARG);
}

/* Reads until `want` bytes came or the bound passes; returns how many. */
static size_t read_until(rp_serial_port *port, uint8_t *out, size_t want)
{
    size_t got = 0;
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (got < want && now_ms() < end) {
        ssize_t n = rp_serial_port_read(port, out + got, want - got, 50);
        if (n > 0) got += (size_t)n;
    }
    return got;
}

static bool wait_state(rp_serial_port *port, rp_serial_state want)
{
    uint8_t buf[256];
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (rp_serial_port_state(port) != want && now_ms() < end)
        rp_serial_port_read(port, buf, sizeof buf, 50);
    return rp_serial_port_state(port) == want;
}

static void test_bytes_baud_vanish_send(void)
{
    int master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    rp_serial_port *port = NULL;
    char err[256];
    rp_serial_desc d = {.path = link_path, .baud = 2000000};
    rp_test_log log = {0}; /* the port reports on the reader's thread: this one */
    rp_log_desc log_desc = rp_test_log_desc(&log);
    RP_REQUIRE_VOID(rp_serial_port_open(&d, &log_desc, &port, err, sizeof err) == RP_OK);
    RP_CHECK_EQ_INT(log.count, 0);
    RP_CHECK_EQ_INT(rp_serial_port_state(port), RP_SERIAL_OPEN);
    rp_serial_port_stats st = rp_serial_port_stats_get(port);
    RP_CHECK_EQ_INT(st.baud_actual, 2000000);
    /* the tty keeps the speed: read it back through another descriptor with TCGETS2 */
    int probe = open(link_path, O_RDWR | O_NOCTTY | O_NONBLOCK);
    uint32_t in_speed = 0, out_speed = 0;
    RP_CHECK(probe >= 0 && rp_serial__get_baud(probe, &in_speed, &out_speed) == RP_OK);
    RP_CHECK_EQ_INT(out_speed, 2000000);
    RP_CHECK_EQ_INT(in_speed, 2000000);
    /* non-standard rates through BOTHER, and a standard one */
    static const uint32_t rates[] = {250000, 1000000, 3000000, 74880, 115200};
    for (size_t i = 0; i < sizeof rates / sizeof rates[0]; i++) {
        uint32_t actual = 0;
        int e = 0;
        RP_CHECK(rp_serial__set_baud(probe, rates[i], &actual, &e) == RP_OK);
        RP_CHECK(rp_serial__get_baud(probe, &in_speed, &out_speed) == RP_OK);
        RP_CHECK_MSG(out_speed == rates[i] && in_speed == rates[i], "%u: %u/%u", rates[i], in_speed,
                     out_speed);
    }
    close(probe);

    /* bytes arrive in order: 200 KB of a counting pattern, more than the pty holds at once */
    enum { N = 200000 };
    uint8_t *sent = malloc(N), *got = malloc(N);
    for (int i = 0; i < N; i++) sent[i] = (uint8_t)(i * 7 + (i >> 8));
    size_t have = 0, written = 0;
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (have < N && now_ms() < end) {
        if (written < N) {
            ssize_t w = write(master, sent + written, N - written > 4096 ? 4096 : N - written);
            if (w > 0) written += (size_t)w;
        }
        ssize_t n = rp_serial_port_read(port, got + have, N - have, 10);
        if (n > 0) have += (size_t)n;
    }
    RP_CHECK_EQ_INT(have, N);
    RP_CHECK(memcmp(sent, got, N) == 0);
    RP_CHECK_EQ_INT(rp_serial_port_stats_get(port).bytes_in, N);

    /* write-back reaches the peer */
    RP_CHECK_EQ_INT(rp_serial_port_send(port, "led on\n", 7), RP_OK);
    char back[64] = {0};
    size_t back_n = 0;
    end = now_ms() + WAIT_LIMIT_MS;
    while (back_n < 7 && now_ms() < end) {
        uint8_t scratch[64];
        rp_serial_port_read(port, scratch, sizeof scratch, 10);
        ssize_t r = read(master, back + back_n, sizeof back - 1 - back_n);
        if (r > 0) back_n += (size_t)r;
    }
    RP_CHECK(back_n == 7 && memcmp(back, "led on\n", 7) == 0);
    RP_CHECK(rp_serial_port_send_idle(port));
    RP_CHECK_EQ_INT(rp_serial_port_stats_get(port).bytes_out, 7);
    uint8_t big[RP_SERIAL_SEND_MAX + 1] = {0};
    RP_CHECK_EQ_INT(rp_serial_port_send(port, big, sizeof big), RP_ERR_LIMIT);

    /* the peer closing is the device vanishing; what was read stays read */
    write_all(master, "tail\n", 5);
    RP_CHECK_EQ_INT(read_until(port, got, 5), 5);
    close(master);
    RP_CHECK(wait_state(port, RP_SERIAL_WAITING));
    st = rp_serial_port_stats_get(port);
    RP_CHECK_EQ_INT(st.vanished, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SERIAL_VANISHED);
    RP_CHECK_MSG(strstr(log.last, "vanished") != NULL, "%s", log.last);
    RP_CHECK_EQ_INT(rp_serial_port_send(port, "x\n", 2), RP_ERR_IO); /* nothing to send to */
    /* a few retries against a dangling link: still waiting, not failed */
    unlink(link_path);
    uint8_t scratch[64];
    int64_t until = now_ms() + 300;
    while (now_ms() < until) rp_serial_port_read(port, scratch, sizeof scratch, 50);
    RP_CHECK_EQ_INT(rp_serial_port_state(port), RP_SERIAL_WAITING);

    /* a new pty at the same path: the port comes back with the same settings */
    master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    RP_CHECK(wait_state(port, RP_SERIAL_OPEN));
    st = rp_serial_port_stats_get(port);
    RP_CHECK_EQ_INT(st.opens, 2);
    RP_CHECK_EQ_INT(st.baud_actual, 2000000);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SERIAL_BACK);
    RP_CHECK_MSG(strstr(log.last, "reopened") != NULL, "%s", log.last);
    write_all(master, "back:1\n", 7);
    memset(got, 0, 8);
    RP_CHECK_EQ_INT(read_until(port, got, 7), 7);
    RP_CHECK(memcmp(got, "back:1\n", 7) == 0);
    close(master);
    rp_serial_port_close(port);
    free(sent);
    free(got);
}

static void test_wake(void)
{
    int master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    rp_serial_port *port = NULL;
    rp_serial_desc d = {.path = link_path,
                        .dtr = RP_SERIAL_LINE_OFF,
                        .rts = RP_SERIAL_LINE_OFF,
                        .flow = RP_SERIAL_FLOW_XONXOFF,
                        .data_bits = 7,
                        .parity = RP_SERIAL_PARITY_EVEN};
    RP_REQUIRE_VOID(rp_serial_port_open(&d, NULL, &port, NULL, 0) == RP_OK);
    /* a wake-up makes a long wait return at once (the bound only guards a broken wake) */
    rp_serial_port_wake(port);
    uint8_t buf[16];
    int64_t t0 = now_ms();
    RP_CHECK_EQ_INT(rp_serial_port_read(port, buf, sizeof buf, WAIT_LIMIT_MS), 0);
    RP_CHECK(now_ms() - t0 < WAIT_LIMIT_MS);
    rp_serial_port_close(port);
    close(master);
}

/* The public way in: rp_source_attach with a serial desc plots the board's lines into a figure,
 * rp_source_send writes back to it. */
static void test_source_api(void)
{
    int master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    rp_figure *fig = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &fig) == RP_OK);
    rp_source *src = NULL;
    rp_source_desc desc = {.kind = RP_SOURCE_SERIAL,
                           .serial = {.path = link_path, .baud = 1000000}};
    RP_REQUIRE_VOID(rp_source_attach(fig, &desc, &src) == RP_OK);
    rp_source_stats st = rp_source_stats_get(src);
    RP_CHECK_EQ_INT(st.kind, RP_SOURCE_SERIAL);
    RP_CHECK_EQ_INT(st.serial_state, RP_SERIAL_OPEN);
    RP_CHECK_EQ_INT(st.serial_baud, 1000000);
    write_all(master, "\nx:1\nx:2\nx:3\n", 13);
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    rp_series *x = NULL;
    while (now_ms() < end && !(x && rp_series_stats_get(x).accepted == 3)) {
        rp_source_poll(src);
        x = fig->panel_count > 0 && fig->panels[0].series_count > 0
                ? fig->panels[0].series[0].series
                : NULL;
        struct timespec ts = {0, 5000000};
        nanosleep(&ts, NULL);
    }
    RP_CHECK(x != NULL && strcmp(rp_series_name(x), "x") == 0 &&
             rp_series_stats_get(x).accepted == 3);
    RP_CHECK_EQ_INT(rp_source_send(src, "go\n", 3), RP_OK);
    char back[8] = {0};
    size_t got = 0;
    end = now_ms() + WAIT_LIMIT_MS;
    while (got < 3 && now_ms() < end) {
        ssize_t r = read(master, back + got, 3 - got);
        if (r > 0)
            got += (size_t)r;
        else
            poll(NULL, 0, 5);
    }
    RP_CHECK(got == 3 && memcmp(back, "go\n", 3) == 0);
    RP_CHECK_EQ_INT(rp_source_send(NULL, "go\n", 3), RP_ERR_INVALID_ARG);
    rp_source_detach(src);
    /* a kind that cannot send says so */
    int fds[2];
    RP_REQUIRE_VOID(pipe(fds) == 0);
    RP_REQUIRE_VOID(rp_source_attach(fig,
                                     &(rp_source_desc){.kind = RP_SOURCE_FD, .fd = {.fd = fds[0]}},
                                     &src) == RP_OK);
    RP_CHECK_EQ_INT(rp_source_send(src, "go\n", 3), RP_ERR_UNSUPPORTED);
    rp_source_detach(src);
    close(fds[0]);
    close(fds[1]);
    /* a bad device fails at attach, with the reason, as SERIAL_OPEN on the log channel */
    rp_test_log log = {0};
    desc.serial.path = "/nonexistent/ttyACM3";
    desc.log = rp_test_log_desc(&log);
    RP_CHECK_EQ_INT(rp_source_attach(fig, &desc, &src), RP_ERR_IO);
    RP_CHECK_MSG(strstr(rp_figure_last_error(fig), "cannot open '/nonexistent/ttyACM3'") != NULL,
                 "%s", rp_figure_last_error(fig));
    RP_CHECK_EQ_INT(log.count, 1);
    RP_CHECK_EQ_INT(log.last_item, RP_LOGITEM_SERIAL_OPEN);
    RP_CHECK_EQ_INT(log.levels[0], RP_LOG_ERROR);
    RP_CHECK_MSG(strstr(log.last, "--serial-wait") != NULL, "%s", log.last); /* says how to wait */
    rp_figure_destroy(fig);
    close(master);
}

/* Serial source state, polled (bounded) until it is `want`. */
static bool wait_source_state(rp_source *src, rp_serial_state want)
{
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (rp_source_stats_get(src).serial_state != want && now_ms() < end) poll(NULL, 0, 5);
    return rp_source_stats_get(src).serial_state == want;
}

/* The board is plugged in after the viewer started: with .wait the source waits for the path
 * (SERIAL_WAITING), opens it when it appears (SERIAL_BACK, from the source's thread) and plots
 * what it sends. Sending while it waits is refused (SEND_REFUSED). */
static void test_wait_for_device(void)
{
    unlink(link_path);
    rp_figure *fig = NULL;
    RP_REQUIRE_VOID(rp_figure_create(NULL, &fig) == RP_OK);
    rp_test_log log = {0};
    rp_source *src = NULL;
    rp_source_desc desc = {.kind = RP_SOURCE_SERIAL,
                           .rate = 100,
                           .serial = {.path = link_path, .wait = true},
                           .log = rp_test_log_desc(&log)};
    RP_REQUIRE_VOID(rp_source_attach(fig, &desc, &src) == RP_OK);
    RP_CHECK(rp_test_log_has(&log, RP_LOGITEM_SERIAL_WAITING));
    rp_source_stats st = rp_source_stats_get(src);
    RP_CHECK_EQ_INT(st.serial_state, RP_SERIAL_WAITING);
    RP_CHECK_EQ_INT(st.last_item, RP_LOGITEM_SERIAL_WAITING);
    RP_CHECK_MSG(strstr(st.last_error, "waiting for") != NULL, "%s", st.last_error);
    RP_CHECK_EQ_INT(rp_source_send(src, "x\n", 2), RP_ERR_IO);
    RP_CHECK(rp_test_log_has(&log, RP_LOGITEM_SEND_REFUSED));
    /* a few tries against nothing: still waiting, nothing more reported */
    poll(NULL, 0, 300);
    RP_CHECK_EQ_INT(rp_source_stats_get(src).serial_state, RP_SERIAL_WAITING);
    RP_CHECK(!rp_test_log_has(&log, RP_LOGITEM_SERIAL_OPEN));
    int master = new_board(); /* plugged in */
    RP_REQUIRE_VOID(master >= 0);
    RP_CHECK(wait_source_state(src, RP_SERIAL_OPEN));
    RP_CHECK(rp_test_log_wait(&log, RP_LOGITEM_SERIAL_BACK, WAIT_LIMIT_MS));
    write_all(master, "\nw:1\nw:2\nw:3\n", 13);
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (rp_source_stats_get(src).samples < 3 && now_ms() < end) poll(NULL, 0, 5);
    st = rp_source_stats_get(src);
    RP_CHECK_EQ_INT(st.samples, 3);
    RP_CHECK_EQ_INT(st.serial_reopens, 0); /* the first open, late */
    RP_CHECK_EQ_INT(rp_source_poll(src), 1);
    rp_source_detach(src);
    RP_CHECK_MSG(strstr(log.last, "appeared, opened") != NULL, "%s", log.last);
    rp_figure_destroy(fig);
    close(master);
}

static bool wait_series(rp_ingest *ing, const char *name, int64_t n)
{
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    for (;;) {
        rp_series *s = rp_test_find(ing, name);
        if (s && rp_series_stats_get(s).accepted >= n) return rp_series_stats_get(s).accepted == n;
        if (now_ms() > end) return false;
        poll(NULL, 0, 5);
    }
}

/* The stdin formats over a port: binary float32 frames (no newline skipping: a frame stream has
 * no lines), Arduino bare numbers and CSV with a header. */
static void test_formats(void)
{
    /* binary: 2 channels, 1000 frames, every value checked */
    int master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 4096, .max_series = 4}, &ing) ==
                    RP_OK);
    char err[256];
    rp_source_desc d = {.kind = RP_SOURCE_SERIAL,
                        .format = RP_FORMAT_BINARY,
                        .channels = 2,
                        .channel_names = "p,q",
                        .rate = 1000,
                        .serial = {.path = link_path, .baud = 921600}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    static float frames[2000];
    for (int i = 0; i < 1000; i++) {
        frames[2 * i] = (float)i;
        frames[2 * i + 1] = -0.5f * (float)i;
    }
    write_all(master, frames, sizeof frames);
    RP_CHECK(wait_series(ing, "p", 1000) && wait_series(ing, "q", 1000));
    rp_series *p = rp_test_find(ing, "p"), *q = rp_test_find(ing, "q");
    int wrong = 0;
    for (int i = 0; p && q && i < 1000; i++)
        wrong += rp_sample_at(p, rp_series_get_desc(p).first_index + i) != (float)i ||
                 rp_sample_at(q, rp_series_get_desc(q).first_index + i) != -0.5f * (float)i;
    RP_CHECK_EQ_INT(wrong, 0);
    RP_CHECK_EQ_INT(rp_ingest_source_stats(ing, 0).serial_skipped, 0);
    rp_ingest_destroy(ing);
    close(master);

    /* Arduino Serial Plotter: a board mid-line ("5" of a line it was in), then label:value
     * pairs; and the same from an instrument that ends its lines with CR alone */
    const char *const boards[2] = {"5\ntemp:20,hum:40\ntemp:21,hum:41\ntemp:22,hum:42\n",
                                   "5\rtemp:20,hum:40\rtemp:21,hum:41\rtemp:22,hum:42\r"};
    for (int b = 0; b < 2; b++) {
        master = new_board();
        RP_REQUIRE_VOID(master >= 0);
        RP_REQUIRE_VOID(
            rp_ingest_create(&(rp_ingest_desc){.capacity = 4096, .max_series = 8}, &ing) == RP_OK);
        d = (rp_source_desc){.kind = RP_SOURCE_SERIAL, .serial = {.path = link_path}};
        RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
        /* written before the reading begins: the reader finds them waiting, never a silence */
        write_all(master, boards[b], strlen(boards[b]));
        RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
        RP_CHECK(wait_series(ing, "temp", 3) && wait_series(ing, "hum", 3));
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        RP_CHECK_EQ_INT(st.serial_skipped, 2); /* "5" and its line end */
        RP_CHECK_EQ_INT(st.lines_rejected, 0);
        rp_ingest_destroy(ing);
        close(master);
    }

    /* CSV with a header row */
    master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 4096, .max_series = 8}, &ing) ==
                    RP_OK);
    d = (rp_source_desc){
        .kind = RP_SOURCE_SERIAL, .format = RP_FORMAT_CSV, .serial = {.path = link_path}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    const char csv[] = "\ntime_ms,volts,amps\n0,1.5,0.1\n10,1.6,0.2\n20,1.7,0.3\n";
    write_all(master, csv, sizeof csv - 1);
    RP_CHECK(wait_series(ing, "volts", 3) && wait_series(ing, "amps", 3));
    rp_ingest_destroy(ing);
    close(master);
}

/* The first line after an open: skipped up to its end when the device was already sending,
 * kept whole when the reader saw RP_SERIAL_QUIET_MS without input first (a board that resets on
 * the open and prints its header from setup()). The rule on a clock the test owns. */
static void test_first_line_rule(void)
{
    rp_serial_first_line f;
    bool ended, cr;
    const uint8_t *cut = (const uint8_t *)"5\ntemp:1\n";
    /* bytes waiting at once: a board already sending, caught in the middle of "25" */
    rp_serial_first_line_open(&f, 1000);
    RP_CHECK_EQ_INT(rp_serial_first_line_wait(&f, 1000, 50), 50);
    RP_CHECK_EQ_INT((int)rp_serial_first_line_skip(&f, cut, 9, 1000, &ended, &cr), 2);
    RP_CHECK(ended && !cr && !f.skipping);
    RP_CHECK_EQ_INT((int)rp_serial_first_line_skip(&f, cut, 9, 1001, &ended, &cr), 0);
    /* quiet first: nothing skipped, the header is whole */
    rp_serial_first_line_open(&f, 1000);
    RP_CHECK_EQ_INT(rp_serial_first_line_wait(&f, 1060, 50),
                    40); /* wakes when the silence is due */
    RP_CHECK(!rp_serial_first_line_idle(&f, 1099) && f.skipping);
    RP_CHECK(!rp_serial_first_line_idle(&f, 1100) && !f.skipping); /* no cut line to count */
    RP_CHECK_EQ_INT(rp_serial_first_line_wait(&f, 1100, 50), 50);
    const uint8_t *header = (const uint8_t *)"time_ms,temp\n";
    RP_CHECK_EQ_INT((int)rp_serial_first_line_skip(&f, header, 13, 1900, &ended, &cr), 0);
    /* a reader held up past the silence finds bytes waiting: they may have come at once */
    rp_serial_first_line_open(&f, 1000);
    RP_CHECK_EQ_INT(rp_serial_first_line_wait(&f, 1500, 50), 0);
    RP_CHECK_EQ_INT((int)rp_serial_first_line_skip(&f, cut, 9, 1500, &ended, &cr), 2);
    /* a cut line, then the board resets (silence), then its header: the cut bytes alone go */
    rp_serial_first_line_open(&f, 1000);
    RP_CHECK_EQ_INT(
        (int)rp_serial_first_line_skip(&f, (const uint8_t *)"21.", 3, 1002, &ended, &cr), 3);
    RP_CHECK(!ended && f.skipping);
    RP_CHECK(!rp_serial_first_line_idle(&f, 1101)); /* 99 ms after the last byte */
    RP_CHECK(rp_serial_first_line_idle(&f, 1102));  /* the cut line counts as a line */
    RP_CHECK_EQ_INT((int)rp_serial_first_line_skip(&f, header, 13, 1500, &ended, &cr), 0);
    /* a line end that is a lone CR at the end of a read */
    rp_serial_first_line_open(&f, 0);
    RP_CHECK_EQ_INT((int)rp_serial_first_line_skip(&f, (const uint8_t *)"x\r", 2, 0, &ended, &cr),
                    2);
    RP_CHECK(ended && cr);
}

/* The skipped cut line is a line: a problem after it has the number it has on stdin. */
static void test_first_line_numbers(void)
{
    int master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 64, .max_series = 4}, &ing) ==
                    RP_OK);
    char err[256];
    rp_source_desc d = {.kind = RP_SOURCE_SERIAL, .serial = {.path = link_path}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    const char text[] = "5\ntemp:1\ntemp:abc\ntemp:2\n"; /* waiting when the reading begins */
    write_all(master, text, sizeof text - 1);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    RP_CHECK(wait_series(ing, "temp", 2));
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.serial_skipped, 2);
    RP_CHECK_MSG(strstr(st.last_error, "line 3: bad number 'abc'") != NULL, "%s", st.last_error);
    rp_ingest_destroy(ing);
    close(master);
}

/* Text at the wrong baud rate: the cause is what the source's last problem says, not the
 * message of the newest garbled line (which used to replace it at once). */
static void test_noise_message(void)
{
    int master = new_board();
    RP_REQUIRE_VOID(master >= 0);
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 64, .max_series = 8}, &ing) ==
                    RP_OK);
    char err[256];
    rp_source_desc d = {.kind = RP_SOURCE_SERIAL, .serial = {.path = link_path, .baud = 9600}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &d, err, sizeof err) == RP_OK);
    static uint8_t junk[4 * RP_SERIAL_NOISE_WINDOW];
    uint32_t x = 777;
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)((x = x * 1103515245u + 12345u) >> 16);
    write_all(master, junk, sizeof junk);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (rp_ingest_source_stats(ing, 0).bytes < (int64_t)sizeof junk && now_ms() < end)
        poll(NULL, 0, 5);
    /* more garbled text, less than a window: its line is refused after the noise was said */
    write_all(master, "\x01\x02\xff\n", 4);
    rp_source_stats st;
    do {
        poll(NULL, 0, 5);
        st = rp_ingest_source_stats(ing, 0);
    } while ((st.bytes < (int64_t)sizeof junk + 4 || !strstr(st.last_error, "wrong baud rate?")) &&
             now_ms() < end);
    RP_CHECK(st.serial_noisy >= 1);
    RP_CHECK_MSG(strstr(st.last_error, "wrong baud rate? (configured 9600 8N1)") != NULL, "%s",
                 st.last_error);
    /* ... and once among the warnings a viewer says as they come (noise that parses now and then
     * made junk series, and only the HUD said why) */
    char said[RP_SOURCE_ERROR_MAX] = "";
    rp_log_item item = RP_LOGITEM_NONE;
    int count = rp_ingest_source_said_at(ing, 0, 0, &item, said, sizeof said);
    RP_CHECK_EQ_INT(count, 1);
    RP_CHECK(item == RP_LOGITEM_SERIAL_NOISE && strstr(said, "wrong baud rate?") != NULL);
    rp_ingest_destroy(ing);
    close(master);
}

static void test_noise(void)
{
    rp_serial_noise nz = {0};
    char text[RP_SERIAL_NOISE_WINDOW * 2];
    for (size_t i = 0; i < sizeof text; i++)
        text[i] = "temp:21.5 \xc2\xb0"
                  "C\r\n"[i % 15];
    double share = rp_serial_noise_feed(&nz, (const uint8_t *)text, sizeof text);
    RP_CHECK(share >= 0 && share < 0.01);
    RP_CHECK_EQ_INT(nz.windows_noisy, 0);
    /* what a UART gives at the wrong rate: bytes all over the range (fixed LCG) */
    uint8_t junk[RP_SERIAL_NOISE_WINDOW];
    uint32_t x = 12345;
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (uint8_t)((x = x * 1103515245u + 12345u) >> 16);
    share = rp_serial_noise_feed(&nz, junk, sizeof junk);
    RP_CHECK_MSG(share > 0.4, "%f", share);
    RP_CHECK_EQ_INT(nz.windows_noisy, 1);
}

int main(void)
{
    snprintf(dir, sizeof dir, "/tmp/rp_serial_test_XXXXXX");
    if (!mkdtemp(dir)) return 1;
    snprintf(link_path, sizeof link_path, "%s/ttyBOARD", dir);
    test_spec();
    test_open_errors();
    test_bytes_baud_vanish_send();
    test_wake();
    test_source_api();
    test_wait_for_device();
    test_formats();
    test_first_line_rule();
    test_first_line_numbers();
    test_noise();
    test_noise_message();
    unlink(link_path);
    rmdir(dir);
    return rp_test_finish();
}
