/* serial_port.h — one serial device on termios: open, configure (any baud through termios2),
 * non-blocking reads with poll, detection of the device going away and reopening it when it
 * comes back, and a small outbox for lines written back to the device. No GL, no parsing: the
 * serial source (source_serial.c) feeds what it reads to the stream parsers.
 *
 * Functions
 *   rp_serial_port_open / _close         the port object (open fails on a bad path or baud)
 *   rp_serial_port_read                  one wait + read, reopening a vanished device
 *   rp_serial_port_send / _wake          queue bytes for the device; interrupt a read's wait
 *   rp_serial_port_state / _stats        what the HUD and --stats show
 *   rp_serial_noise_feed                 share of non-text bytes (a wrong baud rate shows so)
 *   rp_serial_first_line_*               where whole lines start after an open (a cut line or not)
 *   rp_serial__set_baud / __get_baud     termios2 ioctls (serial_baud.c, the one file that
 *                                        includes <asm/termbits.h>)
 *
 * Threading: open / close belong to the owner; read belongs to one reader thread; send, wake,
 * state and stats may be called from any thread. Memory: everything is allocated at open. */
#ifndef RP_SERIAL_PORT_H
#define RP_SERIAL_PORT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "core/log.h"
#include "ringplot.h"

#define RP_SERIAL_MESSAGE_MAX 256
#define RP_SERIAL_RETRY_FIRST_MS 100 /* first reopen attempt after the device vanished */
#define RP_SERIAL_RETRY_MAX_MS 1000  /* backoff doubles up to this */

typedef struct rp_serial_port rp_serial_port;

typedef struct rp_serial_port_stats {
    rp_serial_state state;
    uint32_t baud_actual; /* what the driver reports after configuring (0 before) */
    int64_t bytes_in, bytes_out;
    int64_t opens;        /* successful opens, the first included */
    int64_t vanished;     /* times the device went away */
    int64_t send_dropped; /* bytes refused or discarded: outbox full, device gone */
} rp_serial_port_stats;

/* Opens and configures desc->path (desc copied). Fails with a message in err when the path
 * cannot be opened, is not a terminal, or the driver refuses the settings (the baud named).
 * With desc->wait a path where nothing is (yet) is not a failure: the port starts WAITING and
 * the reader opens it when it appears. Events go to log (may be NULL; copied), one call each:
 * SERIAL_WAITING (here, on the caller's thread), then on the reader's thread SERIAL_VANISHED,
 * SERIAL_BACK, and SERIAL_OPEN for a reopen that fails for another reason than absence. */
rp_status rp_serial_port_open(const rp_serial_desc *desc, const rp_log_desc *log,
                              rp_serial_port **out, char *err, int err_size);
void rp_serial_port_close(rp_serial_port *port); /* NULL ignored; owner thread, reader stopped */

/* Waits up to timeout_ms for input (or for the retry time while the device is away), then reads
 * at most cap bytes. Returns the bytes read (> 0), 0 when nothing came (timeout, wake-up, the
 * device vanished or came back: see rp_serial_port_state). Writes queued bytes when the device
 * takes them. Reader thread only. */
ssize_t rp_serial_port_read(rp_serial_port *port, uint8_t *buf, size_t cap, int timeout_ms);
/* Queues n bytes for the device (copied; written by the reader thread, in order). RP_ERR_IO when
 * the device is not open, RP_ERR_LIMIT when the outbox (RP_SERIAL_SEND_MAX) lacks room: nothing
 * is queued then. Any thread; never blocks. */
rp_status rp_serial_port_send(rp_serial_port *port, const void *bytes, size_t n);
/* Writes what is queued, waiting up to timeout_ms for the device to take it (a source that
 * stops right after --send still sends). Reader thread only, after its last read. */
void rp_serial_port_drain(rp_serial_port *port, int timeout_ms);
/* Makes a pending rp_serial_port_read return now. Any thread. */
void rp_serial_port_wake(rp_serial_port *port);
/* True when every queued byte has been written. Any thread. */
bool rp_serial_port_send_idle(const rp_serial_port *port);
rp_serial_state rp_serial_port_state(const rp_serial_port *port);
rp_serial_port_stats rp_serial_port_stats_get(const rp_serial_port *port);
const char *rp_serial_port_path(const rp_serial_port *port); /* borrowed for the port's life */

/* Tracks which share of a text stream is not text (control bytes other than tab/CR/LF, DEL,
 * bytes that are not UTF-8): at the wrong baud a UART turns every byte into such noise. */
typedef struct rp_serial_noise {
    int64_t window_bytes, window_noise; /* the window being filled */
    int64_t windows_noisy;              /* completed windows with >= 1/4 noise */
    int utf8_pending;                   /* continuation bytes still expected */
} rp_serial_noise;
#define RP_SERIAL_NOISE_WINDOW 512
/* Counts data; returns the noise share (0..1) of a window just completed, or -1 when none. */
double rp_serial_noise_feed(rp_serial_noise *noise, const uint8_t *data, size_t len);

/* Where whole lines start after an open. A device already sending is caught in the middle of a
 * line: its bytes up to the first line end are skipped, so that "21.5" of "temp:21.5" never
 * becomes a sample. A device that was quiet (it reset on the open and prints its header from
 * setup(), or it prints on demand) starts a whole line: the skip ends, and nothing is skipped,
 * when RP_SERIAL_QUIET_MS pass with nothing to read — after the reading began, or after the last
 * byte of a line cut short. "Nothing to read" is what a read finds, never a guess from the time
 * between reads, so a reader held up by a loaded machine finds the bytes waiting and skips: a
 * line is kept whole only after the reader saw the silence. Pure state, no clock of its own: the
 * caller passes monotonic milliseconds (the tests pass their own). */
#define RP_SERIAL_QUIET_MS 100
typedef struct rp_serial_first_line {
    bool skipping;   /* bytes are of a line cut by the open, until its end or a silence */
    int64_t skipped; /* bytes skipped of this cut line so far */
    int64_t last_ms; /* when the reading began, or the last byte skipped arrived */
} rp_serial_first_line;
/* The port was (re)opened or the reading begins now: skipping until a line end or a silence. */
void rp_serial_first_line_open(rp_serial_first_line *f, int64_t now_ms);
/* How long the next read may wait (at most max_ms) so that a silence is seen when it is due. */
int rp_serial_first_line_wait(const rp_serial_first_line *f, int64_t now_ms, int max_ms);
/* A read found nothing at now_ms. True when that ends a skip whose bytes were a line cut short
 * (count it as a line); after a silence, the next byte starts a whole line either way. */
bool rp_serial_first_line_idle(rp_serial_first_line *f, int64_t now_ms);
/* n bytes were read at now_ms: returns how many of them belong to the cut line (its line end
 * included: "\n", "\r\n" or a lone "\r"). *ended: the cut line ended in them (count it as a
 * line); *cr_last: it ended with a '\r' that is the last byte (a '\n' next is part of it). */
size_t rp_serial_first_line_skip(rp_serial_first_line *f, const uint8_t *data, size_t n,
                                 int64_t now_ms, bool *ended, bool *cr_last);

/* termios2 (serial_baud.c): sets input and output speed to baud with BOTHER; RP_OK or errno-style
 * failure (the errno value is returned through *err_no). Reads back what the driver took. */
rp_status rp_serial__set_baud(int fd, uint32_t baud, uint32_t *actual, int *err_no);
rp_status rp_serial__get_baud(int fd, uint32_t *in_speed, uint32_t *out_speed);

#endif
