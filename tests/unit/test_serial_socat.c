/* test_serial_socat.c — a serial source against socat as a real peer:
 *   socat pty,raw,echo=0,link=DIR/A pty,raw,echo=0,link=DIR/B
 * The source reads DIR/A; a writer (the serial port module) sends on DIR/B, configured at 115200
 * and at 2 Mbaud. Every sample arrives (count and values); killing socat is the device
 * vanishing (the source says so, retained samples stay), restarting it brings the device back
 * (reopened); garbage lines are counted rejects with a message; noise such as a wrong baud rate
 * gives a message naming the configured rate. Waits are loops on conditions with generous
 * bounds, never sleeps used as assertions. Exit 77 (skipped) when socat is not installed. */
#define _GNU_SOURCE
#include <errno.h>
#include <math.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/series_internal.h"
#include "ingest/ingest.h"
#include "ingest/serial_port.h"
#include "io/parse.h"
#include "rp_test.h"
#include "rp_test_ingest.h"

#define WAIT_LIMIT_MS 60000

static char dir[128], path_a[160], path_b[160];
static pid_t socat_pid = -1;

static int64_t now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void nap(void)
{
    struct timespec ts = {0, 5000000};
    nanosleep(&ts, NULL);
}

static bool socat_start(void)
{
    char a[200], b[200];
    snprintf(a, sizeof a, "pty,raw,echo=0,link=%s", path_a);
    snprintf(b, sizeof b, "pty,raw,echo=0,link=%s", path_b);
    socat_pid = fork();
    if (socat_pid == 0) {
        char log
            [200]; /* socat -d -d reports its ptys and signals: keep that out of the test output */
        snprintf(log, sizeof log, "%s/socat.log", dir);
        if (!freopen(log, "a", stderr)) _exit(126);
        execlp("socat", "socat", "-d", "-d", a, b, (char *)NULL);
        _exit(127);
    }
    if (socat_pid < 0) return false;
    struct stat st;
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while ((stat(path_a, &st) != 0 || stat(path_b, &st) != 0) && now_ms() < end) {
        int status;
        if (waitpid(socat_pid, &status, WNOHANG) == socat_pid) return false; /* socat failed */
        nap();
    }
    return stat(path_a, &st) == 0 && stat(path_b, &st) == 0;
}

static void socat_kill(void)
{
    if (socat_pid <= 0) return;
    kill(socat_pid, SIGTERM);
    waitpid(socat_pid, NULL, 0);
    socat_pid = -1;
}

/* Sends bytes through the writer port, letting it write its outbox out as it goes. */
static void send_bytes(rp_serial_port *w, const char *data, size_t n)
{
    uint8_t scratch[256];
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (n > 0 && now_ms() < end) {
        size_t chunk = n < 1024 ? n : 1024;
        if (rp_serial_port_send(w, data, chunk) == RP_OK) {
            data += chunk;
            n -= chunk;
        }
        rp_serial_port_read(w, scratch, sizeof scratch, 5);
    }
    while (!rp_serial_port_send_idle(w) && now_ms() < end)
        rp_serial_port_read(w, scratch, sizeof scratch, 5);
}

/* n lines "name:k" for k = 0..n-1, after a newline (the source skips up to the first one). */
static void send_counting(rp_serial_port *w, const char *name, int n)
{
    static char buf[1 << 16];
    size_t len = 0;
    buf[len++] = '\n';
    for (int k = 0; k < n; k++) {
        len += (size_t)snprintf(buf + len, sizeof buf - len, "%s:%d\n", name, k);
        if (len > sizeof buf - 64) {
            send_bytes(w, buf, len);
            len = 0;
        }
    }
    send_bytes(w, buf, len);
}

static bool wait_accepted(rp_ingest *ing, const char *name, int64_t n)
{
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (rp_test_accepted(ing, name) < n && now_ms() < end) nap();
    return rp_test_accepted(ing, name) == n;
}

static void check_counting(rp_ingest *ing, const char *name, int n)
{
    rp_series *s = rp_test_find(ing, name);
    RP_REQUIRE_VOID(s != NULL);
    rp_series_stats st = rp_series_stats_get(s);
    RP_CHECK_EQ_INT(st.accepted, n);
    int wrong = 0;
    for (int k = 0; k < n; k++)
        wrong += rp_sample_at(s, rp_series_get_desc(s).first_index + k) != (float)k;
    RP_CHECK_EQ_INT(wrong, 0);
}

static rp_serial_port *open_writer(uint32_t baud)
{
    rp_serial_port *w = NULL;
    char err[256];
    rp_serial_desc d = {.path = path_b, .baud = baud};
    if (rp_serial_port_open(&d, NULL, &w, err, sizeof err) != RP_OK)
        fprintf(stderr, "writer: %s\n", err);
    return w;
}

/* Every sample arrives with both ends configured at `baud`. */
static void test_rate(uint32_t baud, int n)
{
    RP_REQUIRE_VOID(socat_start());
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(
        rp_ingest_create(&(rp_ingest_desc){.capacity = 1 << 17, .max_series = 8}, &ing) == RP_OK);
    char err[256];
    rp_source_desc sd = {.kind = RP_SOURCE_SERIAL, .serial = {.path = path_a, .baud = baud}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &sd, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    rp_serial_port *w = open_writer(baud);
    RP_REQUIRE_VOID(w != NULL);
    send_counting(w, "v", n);
    RP_CHECK_MSG(wait_accepted(ing, "v", n), "baud %u: %lld of %d", baud,
                 (long long)rp_test_accepted(ing, "v"), n);
    check_counting(ing, "v", n);
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.serial_baud, baud);
    RP_CHECK_EQ_INT(st.lines_rejected, 0);
    RP_CHECK_EQ_INT(st.samples_dropped, 0);
    /* the newline before the first line: skipped when it came at once, kept as an empty line
     * when the reader saw the port quiet first (rp_serial_first_line): never a sample lost */
    RP_CHECK(st.serial_skipped == 0 || st.serial_skipped == 1);
    rp_serial_port_close(w);
    rp_ingest_destroy(ing);
    socat_kill();
}

/* Waits until the source is in `state` after `reopens` reopenings and says `message`. */
static bool wait_source(rp_ingest *ing, rp_serial_state state, int64_t reopens, const char *message)
{
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    for (;;) {
        rp_source_stats st = rp_ingest_source_stats(ing, 0);
        if (st.serial_state == state && st.serial_reopens == reopens &&
            strstr(st.last_error, message))
            return true;
        if (now_ms() > end) return false;
        nap();
    }
}

static void test_vanish_garbage_baud(void)
{
    RP_REQUIRE_VOID(socat_start());
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(
        rp_ingest_create(&(rp_ingest_desc){.capacity = 1 << 16, .max_series = 8}, &ing) == RP_OK);
    char err[256];
    rp_source_desc sd = {.kind = RP_SOURCE_SERIAL, .serial = {.path = path_a, .baud = 2000000}};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &sd, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    rp_serial_port *w = open_writer(2000000);
    RP_REQUIRE_VOID(w != NULL);
    send_counting(w, "before", 1000);
    RP_CHECK(wait_accepted(ing, "before", 1000));

    /* socat gone: the device vanished; what was retained stays */
    rp_serial_port_close(w);
    socat_kill();
    RP_CHECK(wait_source(ing, RP_SERIAL_WAITING, 0, "vanished"));
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.serial_vanished, 1);
    RP_CHECK_MSG(strstr(st.last_error, "vanished") && strstr(st.last_error, path_a), "%s",
                 st.last_error);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "before"), 1000);
    RP_CHECK_EQ_INT(rp_ingest_send(ing, 0, "x\n", 2), RP_ERR_IO);

    /* socat back: the same path reopens, new samples arrive, the old ones are still there */
    RP_REQUIRE_VOID(socat_start());
    RP_CHECK(wait_source(ing, RP_SERIAL_OPEN, 1, "reopened"));
    st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_MSG(strstr(st.last_error, "reopened") != NULL, "%s", st.last_error);
    w = open_writer(2000000);
    RP_REQUIRE_VOID(w != NULL);
    send_counting(w, "after", 1000);
    RP_CHECK(wait_accepted(ing, "after", 1000));
    check_counting(ing, "before", 1000);
    check_counting(ing, "after", 1000);

    /* write-back reaches the peer */
    RP_CHECK_EQ_INT(rp_ingest_send(ing, 0, "reset\n", 6), RP_OK);
    char back[16] = {0};
    size_t got = 0;
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (got < 6 && now_ms() < end) {
        ssize_t n = rp_serial_port_read(w, (uint8_t *)back + got, 6 - got, 10);
        if (n > 0) got += (size_t)n;
    }
    RP_CHECK(got == 6 && memcmp(back, "reset\n", 6) == 0);

    /* garbage lines: each counted, with a message; the good lines around them still count */
    int64_t rejected0 = rp_ingest_source_stats(ing, 0).lines_rejected;
    const char garbage[] = "\x01\x02\x7f\x1b[2J\n"
                           "after:1000\n"
                           "#%&!?\n"
                           "after:1001\n"
                           "\x03\x04\x05\n";
    send_bytes(w, garbage, sizeof garbage - 1);
    RP_CHECK(wait_accepted(ing, "after", 1002));
    end = now_ms() + WAIT_LIMIT_MS;
    while (rp_ingest_source_stats(ing, 0).lines_rejected < rejected0 + 3 && now_ms() < end) nap();
    st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.lines_rejected, rejected0 + 3);
    RP_CHECK_MSG(st.last_error[0] != 0 && strstr(st.last_error, "line") != NULL, "%s",
                 st.last_error);

    /* what a UART gives at the wrong baud rate: control and high bytes, few newlines */
    static char noise[4096];
    uint32_t x = 2024;
    for (size_t i = 0; i < sizeof noise; i++) {
        x = x * 1103515245u + 12345u;
        uint8_t c = (uint8_t)(x >> 16);
        noise[i] = (char)(c == '\n' ? 0x8a : c < 0x20 ? c : (c | 0x80));
        if (i % 200 == 199) noise[i] = '\n';
    }
    send_bytes(w, noise, sizeof noise);
    end = now_ms() + WAIT_LIMIT_MS;
    while (rp_ingest_source_stats(ing, 0).serial_noisy < 4 && now_ms() < end) nap();
    st = rp_ingest_source_stats(ing, 0);
    RP_CHECK(st.serial_noisy >= 4);
    RP_CHECK_MSG(strstr(st.last_error, "wrong baud rate? (configured 2000000 8N1)") != NULL, "%s",
                 st.last_error);
    RP_CHECK(st.lines_rejected > rejected0 + 3);
    RP_CHECK_EQ_INT(rp_test_accepted(ing, "after"), 1002);

    rp_serial_port_close(w);
    rp_ingest_destroy(ing);
    socat_kill();
}

/* Binary frames as a board sends them through a pty (int16 big-endian, AA55, sum8): opened in
 * the middle of a frame, one frame damaged, one missing a byte; exactly those two are dropped,
 * every other value arrives in its channel, the losses are counted. */
static void test_binary_frames(void)
{
    RP_REQUIRE_VOID(socat_start());
    rp_ingest *ing = NULL;
    RP_REQUIRE_VOID(rp_ingest_create(&(rp_ingest_desc){.capacity = 1 << 14}, &ing) == RP_OK);
    const rp_binary_desc fmt = rp_test_board_format();
    char err[256];
    rp_source_desc sd = {.kind = RP_SOURCE_SERIAL,
                         .serial = {.path = path_a, .baud = 2000000},
                         .format = RP_FORMAT_BINARY,
                         .channels = 2,
                         .channel_names = "adc0,adc1",
                         .binary = fmt};
    RP_REQUIRE_VOID(rp_ingest_add_source(ing, &sd, err, sizeof err) == RP_OK);
    RP_REQUIRE_VOID(rp_ingest_start(ing) == RP_OK);
    rp_serial_port *w = open_writer(2000000);
    RP_REQUIRE_VOID(w != NULL);
    enum { FRAMES = 1000, F = 7 };
    static uint8_t bytes[3 + FRAMES * F];
    size_t len = 0;
    bytes[len++] = 0x12; /* the tail of a frame sent before the port was opened */
    bytes[len++] = 0x34;
    bytes[len++] = 0x9F;
    for (int i = 0; i < FRAMES; i++) {
        float v[2] = {(float)(i * 30 - 15000), (float)(4095 - i)};
        len += rp_binary_encode(&fmt, v, 1, 2, bytes + len);
        if (i == 300) bytes[len - 2] ^= 0x01;                              /* damaged */
        if (i == 600) memmove(bytes + len - 3, bytes + len - 2, 2), len--; /* a byte lost */
    }
    send_bytes(w, (const char *)bytes, len);
    int64_t end = now_ms() + WAIT_LIMIT_MS;
    while (rp_ingest_source_stats(ing, 0).frames < FRAMES - 2 && now_ms() < end) nap();
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.frames, FRAMES - 2);
    RP_CHECK_EQ_INT(st.checksum_failed, 1);
    RP_CHECK_EQ_INT(st.sync_lost, 1);
    RP_CHECK_EQ_INT(st.sync_skipped, 3 + F - 1);
    RP_CHECK_EQ_INT(st.serial_skipped, 0); /* binary: nothing skipped up to a newline */
    rp_series *a = NULL, *b = NULL;
    while ((!a || !b) && now_ms() < end) {
        a = rp_test_find(ing, "adc0");
        b = rp_test_find(ing, "adc1");
        nap();
    }
    RP_REQUIRE_VOID(a && b);
    /* the damaged frame: a gap in its place; the one that lost a byte: left out */
    while (rp_series_stats_get(b).accepted < FRAMES - 1 && now_ms() < end) nap();
    int wrong = 0;
    for (int i = 0, k = 0; i < FRAMES; i++) {
        if (i == 600) continue;
        float va = rp_sample_at(a, rp_series_get_desc(a).first_index + k);
        float vb = rp_sample_at(b, rp_series_get_desc(b).first_index + k);
        wrong += i == 300 ? !isnan(va) + !isnan(vb)
                          : (va != (float)(i * 30 - 15000)) + (vb != (float)(4095 - i));
        k++;
    }
    RP_CHECK_EQ_INT(wrong, 0);

    /* unplugged in the middle of a frame, back in the middle of another: the cut frame is
     * dropped (counted by the parser, reported), the decoder hunts for the header again and
     * every whole frame after the reconnect arrives */
    uint8_t frame[F];
    float v[2] = {1, 2};
    rp_binary_encode(&fmt, v, 1, 2, frame);
    send_bytes(w, (const char *)frame, 4);
    rp_serial_port_close(w);
    socat_kill();
    /* (the newest message may be the cut frame's, reported right after "vanished") */
    RP_CHECK(wait_source(ing, RP_SERIAL_WAITING, 0, ""));
    RP_REQUIRE_VOID(socat_start());
    RP_CHECK(wait_source(ing, RP_SERIAL_OPEN, 1, "reopened"));
    w = open_writer(2000000);
    RP_REQUIRE_VOID(w != NULL);
    len = 0;
    memcpy(bytes, frame + 2, F - 2); /* the rest of a frame the board was sending */
    len += F - 2;
    for (int i = 0; i < 100; i++) {
        float after[2] = {(float)(-i), (float)(i * 2)};
        len += rp_binary_encode(&fmt, after, 1, 2, bytes + len);
    }
    send_bytes(w, (const char *)bytes, len);
    while (rp_ingest_source_stats(ing, 0).frames < FRAMES - 2 + 100 && now_ms() < end) nap();
    st = rp_ingest_source_stats(ing, 0);
    RP_CHECK_EQ_INT(st.frames, FRAMES - 2 + 100);
    RP_CHECK_EQ_INT(st.sync_skipped, 3 + F - 1 + F - 2);
    RP_CHECK_EQ_INT(st.sync_lost, 1); /* a new session's first header is a lock, not a loss */
    while (rp_series_stats_get(b).accepted < FRAMES - 1 + 100 && now_ms() < end) nap();
    wrong = 0;
    int64_t first = rp_series_get_desc(a).first_index + FRAMES - 1;
    for (int i = 0; i < 100; i++) {
        wrong += rp_sample_at(a, first + i) != (float)(-i);
        wrong += rp_sample_at(b, first + i) != (float)(i * 2);
    }
    RP_CHECK_EQ_INT(wrong, 0);
    rp_serial_port_close(w);
    rp_ingest_destroy(ing);
    socat_kill();
}

int main(void)
{
    if (system("command -v socat > /dev/null 2>&1") != 0) {
        fprintf(stderr, "socat not installed (third_party/install-deps.sh): skipped\n");
        return 77;
    }
    snprintf(dir, sizeof dir, "/tmp/rp_socat_XXXXXX");
    if (!mkdtemp(dir)) return 1;
    snprintf(path_a, sizeof path_a, "%s/A", dir);
    snprintf(path_b, sizeof path_b, "%s/B", dir);
    test_rate(115200, 20000);
    test_rate(2000000, 100000);
    test_vanish_garbage_baud();
    test_binary_frames();
    socat_kill();
    unlink(path_a);
    unlink(path_b);
    char log[200];
    snprintf(log, sizeof log, "%s/socat.log", dir);
    unlink(log);
    rmdir(dir);
    return rp_test_finish();
}
