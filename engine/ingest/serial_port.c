/* serial_port.c — a serial device on termios: raw mode, frame and flow settings, modem lines,
 * poll-driven non-blocking reads, vanish detection and reopening with bounded backoff, and the
 * outbox for bytes written back. The baud rate goes through termios2 in serial_baud.c.
 *
 * Who owns the descriptor: the reader thread alone opens, reads, writes and closes it after
 * rp_serial_port_open. Other threads only queue bytes (outbox, under a mutex that is never held
 * around a system call that can wait) and poke the eventfd that wakes the reader. */
#define _GNU_SOURCE /* CRTSCTS, eventfd */
#include "ingest/serial_port.h"

#include <stdarg.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/eventfd.h>
#include <sys/ioctl.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "io/parse.h"

struct rp_serial_port {
    rp_serial_desc desc;
    char path[1024];
    int fd;            /* -1 while the device is away */
    int wake_fd;       /* eventfd: send and wake make the reader's poll return */
    _Atomic int state; /* rp_serial_state */
    _Atomic uint32_t baud_actual;
    _Atomic int64_t bytes_in, bytes_out, opens, vanished, send_dropped;
    int64_t retry_at_ms; /* monotonic time of the next reopen attempt */
    int backoff_ms;
    int open_errno;       /* errno of the last failed open(), 0 when open worked */
    int reported_errno;   /* errno of the last failed reopen reported (one report per cause) */
    rp_log_desc log;      /* where vanish / return / reopen failures are reported */
    pthread_mutex_t lock; /* guards the outbox */
    uint8_t outbox[RP_SERIAL_SEND_MAX];
    size_t out_len;
};

const char *rp_serial_state_string(rp_serial_state state)
{
    switch (state) {
    case RP_SERIAL_CLOSED: return "closed";
    case RP_SERIAL_OPEN: return "open";
    case RP_SERIAL_WAITING: return "waiting for device";
    }
    return "unknown";
}

static int64_t monotonic_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (int64_t)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* One event on the port's channel (owner thread at open, the reader thread after). */
static void report(rp_serial_port *port, rp_log_level level, rp_log_item item, const char *fmt, ...)
    RP_PRINTF(4, 5);
static void report(rp_serial_port *port, rp_log_level level, rp_log_item item, const char *fmt, ...)
{
    if (!port->log.func) return;
    char message[RP_SERIAL_MESSAGE_MAX];
    va_list ap;
    va_start(ap, fmt);
    rp_vformat(message, sizeof message, fmt, ap);
    va_end(ap);
    port->log.func(port->log.user, level, item, message);
}

/* open() failed because nothing is at the path (yet): not plugged in, or udev not done. */
static bool device_absent(int err_no)
{
    return err_no == ENOENT || err_no == ENXIO || err_no == ENODEV || err_no == EIO;
}

/* ---- the spec string ------------------------------------------------------------------------- */

static bool all_digits(const char *s, size_t n)
{
    if (n == 0) return false;
    for (size_t i = 0; i < n; i++)
        if (s[i] < '0' || s[i] > '9') return false;
    return true;
}

/* "115200", "250k", "2M", "1.5M", "115.2k": digits with an optional k/M suffix, a decimal point
 * only before a suffix (as --rate takes "2.5M"), and a whole number of baud in the end. */
static bool parse_baud(const char *s, size_t n, uint32_t *out)
{
    uint64_t mult = 1;
    if (n > 1 && (s[n - 1] == 'k' || s[n - 1] == 'K'))
        mult = 1000, n--;
    else if (n > 1 && s[n - 1] == 'M')
        mult = 1000000, n--;
    const char *dot = memchr(s, '.', n);
    size_t whole = dot ? (size_t)(dot - s) : n, frac = dot ? n - whole - 1 : 0;
    if (dot && (mult == 1 || frac == 0 || frac > 6)) return false;
    if (!all_digits(s, whole) || (frac && !all_digits(dot + 1, frac)) || whole > 9) return false;
    uint64_t v = 0, scale = 1;
    for (size_t i = 0; i < whole; i++) v = v * 10 + (uint64_t)(s[i] - '0');
    for (size_t i = 0; i < frac; i++) {
        v = v * 10 + (uint64_t)(dot[1 + i] - '0');
        scale *= 10;
    }
    v *= mult;
    if (v % scale) return false; /* "1.2345k": not a whole number of baud */
    v /= scale;
    if (v < 50 || v > 100000000) return false;
    *out = (uint32_t)v;
    return true;
}

/* A field that can only be a baud with a decimal point: "1.5M", "115.2k". */
static bool decimal_baud_field(const char *s, size_t n)
{
    if (n < 4 || (s[n - 1] != 'k' && s[n - 1] != 'K' && s[n - 1] != 'M')) return false;
    const char *dot = memchr(s, '.', n - 1);
    return dot && dot > s && all_digits(s, (size_t)(dot - s)) &&
           all_digits(dot + 1, n - 2 - (size_t)(dot - s));
}

static void spec_error(char *err, int err_size, const char *spec, const char *what)
{
    if (err && err_size > 0) snprintf(err, (size_t)err_size, "serial spec '%s': %s", spec, what);
}

static bool is_spec_field(const char *s, size_t n)
{
    if (n == 0 || s[0] < '0' || s[0] > '9') return false;
    for (size_t i = 0; i < n; i++) {
        char c = s[i];
        if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return false;
    }
    return true;
}

/* A frame field: digit, letter, digit (8N1). Anything else starting with a digit is an error. */
static bool looks_like_frame(const char *s, size_t n)
{
    return n == 3 && s[0] >= '0' && s[0] <= '9' && s[2] >= '0' && s[2] <= '9';
}

rp_status rp_serial_spec_parse(const char *spec, rp_serial_desc *desc, char *path_buf,
                               int path_size, char *err, int err_size)
{
    if (err && err_size > 0) err[0] = 0;
    if (!spec || !desc || !path_buf || path_size <= 0) return RP_ERR_INVALID_ARG;
    *desc = (rp_serial_desc){.baud = RP_SERIAL_BAUD_DEFAULT, .data_bits = 8, .stop_bits = 1};
    size_t len = strlen(spec);
    /* fields from the right: [:FRAME] then [:BAUD]; what is left is the path */
    const char *fields[2] = {NULL, NULL};
    size_t field_len[2] = {0, 0};
    int nfields = 0;
    size_t path_len = len;
    while (nfields < 2) {
        const char *colon = NULL;
        for (size_t i = path_len; i > 0; i--)
            if (spec[i - 1] == ':') {
                colon = spec + i - 1;
                break;
            }
        if (!colon) break;
        const char *f = colon + 1;
        size_t fl = path_len - (size_t)(f - spec);
        if (fl == 0) {
            spec_error(
                err, err_size, spec,
                "empty field after ':' (the form is PATH[:BAUD[:FRAME]], e.g. /dev/ttyUSB0:115200:8N1)");
            return RP_ERR_PARSE;
        }
        /* ours: letters and digits starting with a digit; a part holding '.', '-' or '/' belongs
         * to the path (/dev/serial/by-path/...-usb-0:1:1.0-port0). A second field is taken only
         * when the first is a frame, which needs a baud before it. */
        if (!is_spec_field(f, fl) && !decimal_baud_field(f, fl)) break;
        if (nfields == 1 && !looks_like_frame(fields[0], field_len[0])) break;
        fields[nfields] = f;
        field_len[nfields] = fl;
        nfields++;
        path_len = (size_t)(colon - spec);
    }
    /* fields[] are right to left: with two, [0] is FRAME and [1] BAUD; with one, it is BAUD
     * unless it looks like a frame and the path before it ends in a baud (handled above) */
    const char *baud_s = NULL, *frame_s = NULL;
    size_t baud_n = 0, frame_n = 0;
    if (nfields == 2) {
        frame_s = fields[0], frame_n = field_len[0];
        baud_s = fields[1], baud_n = field_len[1];
    } else if (nfields == 1) {
        baud_s = fields[0], baud_n = field_len[0];
    }
    if (path_len == 0) {
        spec_error(err, err_size, spec,
                   "no device path (the form is PATH[:BAUD[:FRAME]], e.g. /dev/ttyACM0:115200)");
        return RP_ERR_PARSE;
    }
    if ((int)path_len >= path_size) {
        spec_error(err, err_size, spec, "device path too long");
        return RP_ERR_LIMIT;
    }
    if (baud_s && !parse_baud(baud_s, baud_n, &desc->baud)) {
        char what[96];
        if (nfields == 1 && looks_like_frame(baud_s, baud_n))
            snprintf(what, sizeof what,
                     "'%.*s' looks like a frame: give the baud first (PATH:BAUD:FRAME)",
                     (int)baud_n, baud_s);
        else
            snprintf(what, sizeof what,
                     "baud '%.*s' is not a rate in 50..100000000 (digits, k or M suffix: "
                     "115200, 250k, 1.5M)",
                     (int)(baud_n > 20 ? 20 : baud_n), baud_s);
        spec_error(err, err_size, spec, what);
        return RP_ERR_PARSE;
    }
    if (frame_s) {
        if (frame_n != 3) {
            spec_error(
                err, err_size, spec,
                "frame must be 3 characters: data bits 5-8, parity N/E/O, stop bits 1/2 (e.g. 8N1)");
            return RP_ERR_PARSE;
        }
        if (frame_s[0] < '5' || frame_s[0] > '8') {
            spec_error(err, err_size, spec, "data bits must be 5..8");
            return RP_ERR_PARSE;
        }
        desc->data_bits = frame_s[0] - '0';
        switch (frame_s[1]) {
        case 'N':
        case 'n': desc->parity = RP_SERIAL_PARITY_NONE; break;
        case 'E':
        case 'e': desc->parity = RP_SERIAL_PARITY_EVEN; break;
        case 'O':
        case 'o': desc->parity = RP_SERIAL_PARITY_ODD; break;
        default: spec_error(err, err_size, spec, "parity must be N, E or O"); return RP_ERR_PARSE;
        }
        if (frame_s[2] != '1' && frame_s[2] != '2') {
            spec_error(err, err_size, spec, "stop bits must be 1 or 2");
            return RP_ERR_PARSE;
        }
        desc->stop_bits = frame_s[2] - '0';
    }
    memcpy(path_buf, spec, path_len);
    path_buf[path_len] = 0;
    desc->path = path_buf;
    return RP_OK;
}

const char *rp_serial_desc_string(const rp_serial_desc *desc, char *out, int out_size)
{
    if (!out || out_size <= 0) return "";
    if (!desc) {
        out[0] = 0;
        return out;
    }
    static const char parity[] = "NEO";
    snprintf(out, (size_t)out_size, "%u %d%c%d%s", desc->baud ? desc->baud : RP_SERIAL_BAUD_DEFAULT,
             desc->data_bits ? desc->data_bits : 8, parity[(unsigned)desc->parity % 3],
             desc->stop_bits ? desc->stop_bits : 1,
             desc->flow == RP_SERIAL_FLOW_RTSCTS    ? " rtscts"
             : desc->flow == RP_SERIAL_FLOW_XONXOFF ? " xonxoff"
                                                    : "");
    return out;
}

/* ---- open and configure --------------------------------------------------------------------------- */

static void set_modem_line(int fd, int bit, rp_serial_line line)
{
    int bits = bit;
    /* a pseudo-terminal has no modem lines (ENOTTY/EINVAL): nothing to set, not an error */
    (void)ioctl(fd, line == RP_SERIAL_LINE_OFF ? TIOCMBIC : TIOCMBIS, &bits);
}

/* Opens and configures the device; returns the descriptor or -1 with a message in err. */
static int open_device(rp_serial_port *port, uint32_t *actual, char *err, size_t err_size)
{
    const rp_serial_desc *d = &port->desc;
    int fd = open(port->path, O_RDWR | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    port->open_errno = fd < 0 ? errno : 0;
    if (fd < 0) {
        int e = errno;
        const char *last = strrchr(port->path, ':');
        char hint[160] = "";
        if (e == ENOENT && last && last[1] >= '0' && last[1] <= '9')
            snprintf(hint, sizeof hint,
                     " ('%.24s' after ':' is not a baud rate: digits with an optional k or M "
                     "suffix, e.g. 115200, 250k, 1.5M)",
                     last + 1);
        else if (e == ENOENT && last)
            snprintf(hint, sizeof hint,
                     " (the spec is PATH[:BAUD[:FRAME]], e.g. /dev/ttyUSB0:115200:8N1)");
        else if (e == EACCES)
            snprintf(hint, sizeof hint, " (is the user in the 'dialout' group?)");
        snprintf(err, err_size, "cannot open '%s': %s%s", port->path, strerror(e), hint);
        return -1;
    }
    struct termios t;
    if (tcgetattr(fd, &t) != 0) {
        snprintf(err, err_size, "'%s' is not a serial port: %s", port->path, strerror(errno));
        close(fd);
        return -1;
    }
    cfmakeraw(&t);
    t.c_cflag &= ~(tcflag_t)(CSIZE | PARENB | PARODD | CSTOPB | CRTSCTS);
    static const tcflag_t sizes[] = {CS5, CS6, CS7, CS8};
    t.c_cflag |= sizes[d->data_bits - 5] | CLOCAL | CREAD;
    if (d->parity != RP_SERIAL_PARITY_NONE) {
        t.c_cflag |= PARENB | (d->parity == RP_SERIAL_PARITY_ODD ? PARODD : 0);
        t.c_iflag |=
            INPCK; /* a byte with a parity error arrives as NUL: noise, never a wrong digit */
    }
    t.c_iflag &= ~(tcflag_t)(IGNPAR | PARMRK); /* framing errors arrive as NUL bytes too */
    if (d->stop_bits == 2) t.c_cflag |= CSTOPB;
    t.c_iflag &= ~(tcflag_t)(IXON | IXOFF | IXANY);
    if (d->flow == RP_SERIAL_FLOW_RTSCTS) t.c_cflag |= CRTSCTS;
    if (d->flow == RP_SERIAL_FLOW_XONXOFF) t.c_iflag |= IXON | IXOFF;
    t.c_cc[VMIN] = 0; /* reads never wait: poll does */
    t.c_cc[VTIME] = 0;
    if (tcsetattr(fd, TCSANOW, &t) != 0) {
        snprintf(err, err_size, "'%s': the driver refused %dN%d settings: %s", port->path,
                 d->data_bits, d->stop_bits, strerror(errno));
        close(fd);
        return -1;
    }
    int err_no = 0;
    if (rp_serial__set_baud(fd, d->baud, actual, &err_no) != RP_OK) {
        snprintf(err, err_size, "'%s': baud %u not accepted by the driver: %s", port->path, d->baud,
                 strerror(err_no));
        close(fd);
        return -1;
    }
    /* a UART clock cannot divide to every rate: more than 3% off garbles every byte */
    double off = (double)*actual / (double)d->baud;
    if (off < 0.97 || off > 1.03) {
        snprintf(err, err_size, "'%s': baud %u not supported (the driver sets %u)", port->path,
                 d->baud, *actual);
        close(fd);
        return -1;
    }
    if (d->flow != RP_SERIAL_FLOW_RTSCTS) set_modem_line(fd, TIOCM_RTS, d->rts);
    set_modem_line(fd, TIOCM_DTR, d->dtr);
    tcflush(fd, TCIFLUSH); /* bytes from before we configured are at the wrong settings */
    return fd;
}

rp_status rp_serial_port_open(const rp_serial_desc *desc, const rp_log_desc *log,
                              rp_serial_port **out, char *err, int err_size)
{
    char scratch[8];
    if (!err || err_size <= 0) {
        err = scratch;
        err_size = sizeof scratch;
    }
    err[0] = 0;
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    if (!desc || !desc->path || !desc->path[0]) {
        snprintf(err, (size_t)err_size, "serial: no device path");
        return RP_ERR_INVALID_ARG;
    }
    rp_serial_desc d = *desc;
    if (d.baud == 0) d.baud = RP_SERIAL_BAUD_DEFAULT;
    if (d.data_bits == 0) d.data_bits = 8;
    if (d.stop_bits == 0) d.stop_bits = 1;
    if (d.data_bits < 5 || d.data_bits > 8 || (d.stop_bits != 1 && d.stop_bits != 2) ||
        (unsigned)d.parity > RP_SERIAL_PARITY_ODD || (unsigned)d.flow > RP_SERIAL_FLOW_XONXOFF ||
        (unsigned)d.dtr > RP_SERIAL_LINE_OFF || (unsigned)d.rts > RP_SERIAL_LINE_OFF) {
        snprintf(
            err, (size_t)err_size,
            "serial '%s': data bits must be 5..8, stop bits 1 or 2, and parity, flow, dtr, rts known values",
            desc->path);
        return RP_ERR_INVALID_ARG;
    }
    if (strlen(desc->path) >= sizeof((rp_serial_port *)0)->path) {
        snprintf(err, (size_t)err_size, "serial: device path too long");
        return RP_ERR_LIMIT;
    }
    rp_serial_port *port = calloc(1, sizeof *port);
    if (!port) return RP_ERR_NO_MEMORY;
    pthread_mutex_init(&port->lock, NULL);
    snprintf(port->path, sizeof port->path, "%s", desc->path);
    port->desc = d;
    port->desc.path = port->path;
    if (log) port->log = *log;
    port->wake_fd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    uint32_t actual = 0;
    port->fd = port->wake_fd < 0 ? -1 : open_device(port, &actual, err, (size_t)err_size);
    if (port->fd < 0 && port->wake_fd >= 0 && d.wait && device_absent(port->open_errno)) {
        /* not plugged in yet: the reader opens it when it appears (as after a vanish) */
        err[0] = 0;
        port->reported_errno = port->open_errno;
        port->backoff_ms = RP_SERIAL_RETRY_FIRST_MS;
        port->retry_at_ms = monotonic_ms();
        atomic_store(&port->state, RP_SERIAL_WAITING);
        report(port, RP_LOG_INFO, RP_LOGITEM_SERIAL_WAITING, "waiting for '%.160s' to appear (%s)",
               port->path, strerror(port->open_errno));
        *out = port;
        return RP_OK;
    }
    if (port->fd < 0) {
        if (port->wake_fd < 0)
            snprintf(err, (size_t)err_size, "serial: eventfd: %s", strerror(errno));
        else if (device_absent(port->open_errno) && !d.wait) {
            size_t len = strlen(err);
            snprintf(err + len, (size_t)err_size - len,
                     " (plug it in first, or wait for it: --serial-wait, rp_serial_desc.wait)");
        }
        rp_serial_port_close(port);
        return RP_ERR_IO;
    }
    atomic_store(&port->baud_actual, actual);
    atomic_store(&port->opens, 1);
    atomic_store(&port->state, RP_SERIAL_OPEN);
    *out = port;
    return RP_OK;
}

void rp_serial_port_close(rp_serial_port *port)
{
    if (!port) return;
    if (port->fd >= 0) close(port->fd);
    if (port->wake_fd >= 0) close(port->wake_fd);
    pthread_mutex_destroy(&port->lock);
    free(port);
}

/* ---- the reader's loop --------------------------------------------------------------------------- */

static void device_vanished(rp_serial_port *port, const char *why, const char *detail)
{
    close(port->fd);
    port->fd = -1;
    atomic_fetch_add(&port->vanished, 1);
    pthread_mutex_lock(&port->lock);
    if (port->out_len) atomic_fetch_add(&port->send_dropped, (int64_t)port->out_len);
    port->out_len = 0; /* a line for the device that went away is not for the one that comes back */
    pthread_mutex_unlock(&port->lock);
    port->backoff_ms = RP_SERIAL_RETRY_FIRST_MS;
    port->retry_at_ms = monotonic_ms() + port->backoff_ms;
    port->reported_errno = 0;
    atomic_store(&port->state, RP_SERIAL_WAITING);
    report(port, RP_LOG_WARNING, RP_LOGITEM_SERIAL_VANISHED,
           "'%.160s' vanished (%s%s); waiting for it to come back", port->path, why, detail);
}

static void try_reopen(rp_serial_port *port)
{
    char err[RP_SERIAL_MESSAGE_MAX];
    uint32_t actual = 0;
    int fd = open_device(port, &actual, err, sizeof err);
    if (fd < 0) {
        port->backoff_ms = port->backoff_ms * 2 > RP_SERIAL_RETRY_MAX_MS ? RP_SERIAL_RETRY_MAX_MS
                                                                         : port->backoff_ms * 2;
        port->retry_at_ms = monotonic_ms() + port->backoff_ms;
        /* a device simply absent was said already; name other failures (no rights yet while
         * udev sets the group, a baud the new device refuses) once per cause */
        int e = port->open_errno;
        if (!device_absent(e) && e != port->reported_errno)
            report(port, RP_LOG_WARNING, RP_LOGITEM_SERIAL_OPEN, "%s (retrying)", err);
        port->reported_errno = e;
        return;
    }
    port->fd = fd;
    port->reported_errno = 0;
    atomic_store(&port->baud_actual, actual);
    int64_t opens = atomic_fetch_add(&port->opens, 1);
    atomic_store(&port->state, RP_SERIAL_OPEN);
    report(port, RP_LOG_INFO, RP_LOGITEM_SERIAL_BACK,
           opens ? "'%.160s' is back, reopened" : "'%.160s' appeared, opened", port->path);
}

static void drain_wake(rp_serial_port *port)
{
    uint64_t v;
    while (read(port->wake_fd, &v, sizeof v) > 0) {
    }
}

/* Writes what the outbox holds, as far as the device takes it now. */
static void write_outbox(rp_serial_port *port)
{
    pthread_mutex_lock(&port->lock);
    if (port->out_len > 0) {
        ssize_t n = write(port->fd, port->outbox, port->out_len); /* O_NONBLOCK: never waits */
        if (n > 0) {
            memmove(port->outbox, port->outbox + n, port->out_len - (size_t)n);
            port->out_len -= (size_t)n;
            atomic_fetch_add(&port->bytes_out, n);
        }
    }
    pthread_mutex_unlock(&port->lock);
}

ssize_t rp_serial_port_read(rp_serial_port *port, uint8_t *buf, size_t cap, int timeout_ms)
{
    if (!port || !buf || cap == 0) return 0;
    if (port->fd < 0) { /* waiting for the device: sleep until the retry time or a wake-up */
        int64_t wait = port->retry_at_ms - monotonic_ms();
        if (wait > 0) {
            struct pollfd w = {.fd = port->wake_fd, .events = POLLIN};
            if (poll(&w, 1, wait < timeout_ms ? (int)wait : timeout_ms) > 0) drain_wake(port);
            if (port->retry_at_ms > monotonic_ms()) return 0;
        }
        try_reopen(port);
        if (port->fd < 0) return 0;
    }
    pthread_mutex_lock(&port->lock);
    bool pending = port->out_len > 0;
    pthread_mutex_unlock(&port->lock);
    struct pollfd p[2] = {{.fd = port->fd, .events = (short)(POLLIN | (pending ? POLLOUT : 0))},
                          {.fd = port->wake_fd, .events = POLLIN}};
    int ready = poll(p, 2, timeout_ms);
    if (ready < 0) return 0; /* EINTR: the caller loops */
    if (p[1].revents & POLLIN) drain_wake(port);
    if (p[0].revents & POLLOUT) write_outbox(port);
    if (p[0].revents & POLLIN) {
        ssize_t n = read(port->fd, buf, cap);
        if (n > 0) {
            atomic_fetch_add_explicit(&port->bytes_in, n, memory_order_relaxed);
            return n;
        }
        if (n == 0) {
            device_vanished(port, "end of file", "");
            return 0;
        }
        if (errno == EAGAIN || errno == EINTR) return 0;
        device_vanished(port, "read: ", strerror(errno));
        return 0;
    }
    if (p[0].revents & (POLLHUP | POLLERR | POLLNVAL)) {
        device_vanished(port, p[0].revents & POLLHUP ? "hang-up" : "poll error", "");
        return 0;
    }
    return 0;
}

void rp_serial_port_drain(rp_serial_port *port, int timeout_ms)
{
    if (!port || port->fd < 0) return;
    int64_t end = monotonic_ms() + timeout_ms;
    for (;;) {
        pthread_mutex_lock(&port->lock);
        bool pending = port->out_len > 0;
        pthread_mutex_unlock(&port->lock);
        int64_t left = end - monotonic_ms();
        if (!pending || left <= 0) break;
        struct pollfd p = {.fd = port->fd, .events = POLLOUT};
        if (poll(&p, 1, (int)left) <= 0 || (p.revents & (POLLHUP | POLLERR | POLLNVAL))) break;
        write_outbox(port);
    }
}

rp_status rp_serial_port_send(rp_serial_port *port, const void *bytes, size_t n)
{
    if (!port || (!bytes && n)) return RP_ERR_INVALID_ARG;
    if (atomic_load(&port->state) != RP_SERIAL_OPEN) {
        atomic_fetch_add(&port->send_dropped, (int64_t)n);
        return RP_ERR_IO;
    }
    pthread_mutex_lock(&port->lock);
    rp_status st = RP_OK;
    if (n > sizeof port->outbox - port->out_len) {
        st = RP_ERR_LIMIT;
    } else {
        memcpy(port->outbox + port->out_len, bytes, n);
        port->out_len += n;
    }
    pthread_mutex_unlock(&port->lock);
    if (st != RP_OK)
        atomic_fetch_add(&port->send_dropped, (int64_t)n);
    else
        rp_serial_port_wake(port);
    return st;
}

void rp_serial_port_wake(rp_serial_port *port)
{
    if (!port) return;
    uint64_t one = 1;
    ssize_t ignored =
        write(port->wake_fd, &one, sizeof one); /* full counter: a wake is pending anyway */
    (void)ignored;
}

bool rp_serial_port_send_idle(const rp_serial_port *port)
{
    if (!port) return true;
    rp_serial_port *p = (rp_serial_port *)port;
    pthread_mutex_lock(&p->lock);
    bool idle = p->out_len == 0;
    pthread_mutex_unlock(&p->lock);
    return idle;
}

rp_serial_state rp_serial_port_state(const rp_serial_port *port)
{
    return port ? (rp_serial_state)atomic_load(&((rp_serial_port *)port)->state) : RP_SERIAL_CLOSED;
}

rp_serial_port_stats rp_serial_port_stats_get(const rp_serial_port *port)
{
    rp_serial_port_stats s;
    memset(&s, 0, sizeof s);
    if (!port) return s;
    rp_serial_port *p = (rp_serial_port *)port;
    s.state = (rp_serial_state)atomic_load(&p->state);
    s.baud_actual = atomic_load(&p->baud_actual);
    s.bytes_in = atomic_load(&p->bytes_in);
    s.bytes_out = atomic_load(&p->bytes_out);
    s.opens = atomic_load(&p->opens);
    s.vanished = atomic_load(&p->vanished);
    s.send_dropped = atomic_load(&p->send_dropped);
    return s;
}

const char *rp_serial_port_path(const rp_serial_port *port) { return port ? port->path : ""; }

/* ---- noise ------------------------------------------------------------------------------------------ */

double rp_serial_noise_feed(rp_serial_noise *nz, const uint8_t *data, size_t len)
{
    double share = -1;
    for (size_t i = 0; i < len; i++) {
        uint8_t c = data[i];
        bool noise;
        if (nz->utf8_pending >
            0) { /* a continuation byte is text; anything else ends the sequence */
            noise = (c & 0xC0) != 0x80;
            nz->utf8_pending = noise ? 0 : nz->utf8_pending - 1;
        } else if (c < 0x80) {
            noise = (c < 0x20 && c != '\t' && c != '\r' && c != '\n') || c == 0x7F;
        } else if (c >= 0xC2 && c <= 0xF4) { /* a UTF-8 lead byte (units such as °C) */
            nz->utf8_pending = c >= 0xF0 ? 3 : c >= 0xE0 ? 2 : 1;
            noise = false;
        } else {
            noise = true;
        }
        nz->window_noise += noise;
        if (++nz->window_bytes == RP_SERIAL_NOISE_WINDOW) {
            share = (double)nz->window_noise / RP_SERIAL_NOISE_WINDOW;
            if (nz->window_noise * 4 >= RP_SERIAL_NOISE_WINDOW) nz->windows_noisy++;
            nz->window_bytes = nz->window_noise = 0;
        }
    }
    return share;
}

/* ---- the first line ----------------------------------------------------------------------------- */

void rp_serial_first_line_open(rp_serial_first_line *f, int64_t now_ms)
{
    *f = (rp_serial_first_line){.skipping = true, .last_ms = now_ms};
}

int rp_serial_first_line_wait(const rp_serial_first_line *f, int64_t now_ms, int max_ms)
{
    if (!f->skipping) return max_ms;
    int64_t left = f->last_ms + RP_SERIAL_QUIET_MS - now_ms;
    return left <= 0 ? 0 : left < max_ms ? (int)left : max_ms;
}

bool rp_serial_first_line_idle(rp_serial_first_line *f, int64_t now_ms)
{
    if (!f->skipping || now_ms - f->last_ms < RP_SERIAL_QUIET_MS) return false;
    f->skipping = false; /* quiet: the next byte starts a line */
    return f->skipped > 0;
}

size_t rp_serial_first_line_skip(rp_serial_first_line *f, const uint8_t *data, size_t n,
                                 int64_t now_ms, bool *ended, bool *cr_last)
{
    *ended = *cr_last = false;
    if (!f->skipping || n == 0) return 0;
    const char *next = NULL;
    const char *eol = rp_lines_end((const char *)data, (const char *)data + n, &next, cr_last);
    size_t skip = eol ? (size_t)((const uint8_t *)next - data) : n;
    f->skipped += (int64_t)skip;
    f->last_ms = now_ms;
    if (eol) {
        f->skipping = false;
        *ended = true;
    }
    return skip;
}
