/* source_serial.c — a serial port (serial_port.c: termios, termios2 baud, reopening) feeding the
 * byte-stream decoder (stream.c), so a port takes every stdin format. On top of a plain stream:
 * the bytes before the first newline after each open are skipped (a board already sending is
 * caught mid-line) unless the device was quiet first (rp_serial_first_line), a line cut by the device vanishing is refused rather than read short, and
 * text that is mostly noise says "wrong baud rate?" naming the configured settings. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ingest/serial_port.h"
#include "ingest/source.h"

#define READ_CHUNK 65536 /* a tty hands out at most a few KB a read */
#define POLL_MS 50       /* how often a waiting reader checks for stop */

typedef struct serial_source {
    rp_stream stream;
    rp_serial_port *port;
    rp_serial_noise noise;
    uint8_t *buf;
    uint8_t last_byte;  /* the last byte fed: '\n' when no line is cut */
    double noise_share; /* non-text share of the newest complete window (0 before one) */
    bool noise_said;    /* the first noisy window was said in the window and on stderr */
    _Atomic int64_t skipped, noisy;
} serial_source;

/* The port's events (vanished, back, waiting) go to the source's channel. */
static void port_log(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    rp_sink_log(user, level, item, "%s", message);
}

static rp_status serial_open(source *src, char *err, int err_size)
{
    serial_source *s = calloc(1, sizeof *s);
    if (!s) return RP_ERR_NO_MEMORY;
    src->impl = s;
    src->open_item = RP_LOGITEM_SERIAL_OPEN;
    s->buf = malloc(READ_CHUNK);
    if (!s->buf) return RP_ERR_NO_MEMORY;
    rp_log_desc log = {.func = port_log, .user = src};
    rp_status st = rp_serial_port_open(&src->desc.serial, &log, &s->port, err, err_size);
    if (st != RP_OK) return st;
    return rp_stream_open(src, &s->stream, src->desc.format, err, err_size);
}

/* The device went away in the middle of a line or frame: what came of it is refused and counted
 * (a cut number must not be read as a shorter one), so the next session starts clean. */
static void cut_partial_input(source *src, serial_source *s)
{
    if (s->stream.frames) {
        rp_stream_finish(src, &s->stream);
    } else if (s->last_byte != '\n' && s->last_byte != '\r') { /* a CR alone ends lines too */
        static const uint8_t cut[] = {0x01, '\n'}; /* a control byte: the line is refused whole */
        rp_stream_feed(src, &s->stream, cut, sizeof cut);
    }
    s->last_byte = '\n';
}

/* A wrong baud rate turns text into noise: say so, naming the settings. The garbled lines are
 * refused with messages of their own ("control byte 0x00 at byte 3"), each replacing the last
 * one: while the newest window is noisy the cause is said again after each read, so that it is
 * what the HUD and --stats show (the log callback hears it about once a second). The first time
 * it is also one of the warnings the viewer says in its window and on stderr as they come: noise
 * that parses now and then makes junk series (".", "5a5"), and only the HUD said why. */
static void check_noise(source *src, serial_source *s, const uint8_t *data, size_t len)
{
    if (s->stream.format == RP_FORMAT_BINARY) return;
    double share = rp_serial_noise_feed(&s->noise, data, len);
    if (share >= 0) s->noise_share = share; /* a window completed */
    if (s->noise_share < 0.25) return;
    share = s->noise_share;
    atomic_store_explicit(&s->noisy, s->noise.windows_noisy, memory_order_relaxed);
    char settings[48];
    rp_serial_desc_string(&src->desc.serial, settings, sizeof settings);
    char said[RP_SOURCE_ERROR_MAX];
    snprintf(said, sizeof said,
             "serial '%.100s': %d%% of the last %d bytes are not text: wrong baud rate? "
             "(configured %s)",
             rp_serial_port_path(s->port), (int)(share * 100 + 0.5), RP_SERIAL_NOISE_WINDOW,
             settings);
    if (s->noise_said)
        rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_SERIAL_NOISE, "%s", said);
    else
        rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_SERIAL_NOISE, "%s", said);
    s->noise_said = true;
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* A line cut by the open ended (or a silence ended it): it is a line of the stream all the same,
 * so the lines after it are numbered as on stdin. An empty line is what every parser counts
 * and ignores. */
static void count_cut_line(source *src, serial_source *s)
{
    static const uint8_t empty[] = {'\n'};
    rp_stream_feed(src, &s->stream, empty, 1);
}

static void serial_run(source *src)
{
    serial_source *s = src->impl;
    rp_serial_state shown = rp_serial_port_state(s->port); /* WAITING with desc.wait */
    bool lines = s->stream.format != RP_FORMAT_BINARY;     /* a frame stream has no lines */
    rp_serial_first_line first;
    rp_serial_first_line_open(&first, monotonic_ms()); /* the reading begins */
    first.skipping = lines;
    s->last_byte = '\n';
    while (!rp_sink_stopping(src)) {
        int wait = rp_serial_first_line_wait(&first, monotonic_ms(), POLL_MS);
        ssize_t n = rp_serial_port_read(s->port, s->buf, READ_CHUNK, wait);
        int64_t now = monotonic_ms();
        rp_serial_state state = rp_serial_port_state(s->port);
        if (state != shown) { /* vanished or back: the port reported which */
            if (state == RP_SERIAL_WAITING) cut_partial_input(src, s);
            rp_serial_first_line_open(&first, now);
            first.skipping = lines;
            shown = state;
        }
        rp_sink_arrival(src, n > 0 ? n : 0);
        if (n <= 0) {
            if (state == RP_SERIAL_OPEN && rp_serial_first_line_idle(&first, now))
                count_cut_line(src, s);
            rp_sink_flush(src); /* pending series still get created on time */
            continue;
        }
        const uint8_t *data = s->buf;
        if (first.skipping) {
            bool ended = false, cr_last = false;
            size_t skip = rp_serial_first_line_skip(&first, data, (size_t)n, now, &ended, &cr_last);
            atomic_fetch_add_explicit(&s->skipped, (int64_t)skip, memory_order_relaxed);
            if (ended) count_cut_line(src, s);
            s->stream.pending_cr = cr_last; /* a "\n" first in the next read is this end's */
            data += skip;
            n -= (ssize_t)skip;
            if (n == 0) continue;
        }
        rp_stream_feed(src, &s->stream, data, (size_t)n);
        s->last_byte = data[n - 1];
        rp_sink_flush(src);
        check_noise(src, s, data, (size_t)n);
    }
    rp_serial_port_drain(s->port, 1000); /* lines queued just before the stop still go out */
}

static void serial_close(source *src)
{
    serial_source *s = src->impl;
    if (!s) return;
    rp_stream_close(&s->stream);
    rp_serial_port_close(s->port);
    free(s->buf);
    free(s);
    src->impl = NULL;
}

static void serial_stats(const source *src, rp_source_stats *st)
{
    serial_source *s = src->impl;
    if (!s || !s->port) return;
    rp_serial_port_stats ps = rp_serial_port_stats_get(s->port);
    st->serial_state = ps.state;
    st->serial_baud = ps.baud_actual;
    st->serial_reopens = ps.opens > 0 ? ps.opens - 1 : 0;
    st->serial_vanished = ps.vanished;
    st->bytes_sent = ps.bytes_out;
    st->serial_noisy = atomic_load_explicit(&s->noisy, memory_order_relaxed);
    st->serial_skipped = atomic_load_explicit(&s->skipped, memory_order_relaxed);
}

static rp_status serial_send(source *src, const void *bytes, size_t n)
{
    serial_source *s = src->impl;
    rp_status st = rp_serial_port_send(s->port, bytes, n);
    if (st == RP_ERR_IO)
        rp_sink_log(src, RP_LOG_ERROR, RP_LOGITEM_SEND_REFUSED,
                    "send: '%.160s' is not open (waiting for the device); nothing sent",
                    rp_serial_port_path(s->port));
    else if (st == RP_ERR_LIMIT)
        rp_sink_log(src, RP_LOG_ERROR, RP_LOGITEM_SEND_REFUSED,
                    "send: more than %d bytes waiting for the device; nothing sent",
                    RP_SERIAL_SEND_MAX);
    return st;
}

static void serial_wake(source *src)
{
    serial_source *s = src->impl;
    if (s) rp_serial_port_wake(s->port);
}

const rp_source_ops rp_source_serial_ops = {.label = "serial",
                                            .endless = true,
                                            .open = serial_open,
                                            .run = serial_run,
                                            .close = serial_close,
                                            .stats = serial_stats,
                                            .send = serial_send,
                                            .wake = serial_wake};
