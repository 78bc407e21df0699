/* rp-bench e2e — the whole viewer: a source thread parsing a stream into series while the main
 * thread renders headless frames (EGL, 1280×720, the viewer's default figure), as `ringplot
 * --headless` does. Frames are paced at 60 fps (--max-fps: back to back).
 *   e2e_latency_ms_p50 / _p99      a producer writes one marker line "lat:1" into a pipe read by
 *                                  an FD text source at a random phase to the frames; latency =
 *                                  from just before write() to the end (glFinish) of the first
 *                                  frame whose start saw the marker in the series (accepted count
 *                                  read after the pacing sleep, just before rp_viewer_frame).
 *                                  300 markers, 5 to 25 ms apart.
 *   e2e_latency_loaded_ms_*        the same while a second pipe carries 1 M text samples/s.
 *   stdin_text_msamples_per_s      a writer thread pushes pre-formatted Teleplot lines
 *                                  ("s0:-0.841471", 4 series) into a pipe as fast as it drains;
 *                                  samples written ÷ writer time; counts then checked equal
 *                                  (no rejected line, no dropped or refused sample).
 *                                  Arrival-stamped series (no --rate), the CLI default;
 *                                  _uniform: with --rate (rp_push, no timestamps).
 *   stdin_binary_msamples_per_s    the same with float32 frames of 4 channels
 *                                  (--format binary --channels 4).
 *   serial_msamples_per_s          the same Teleplot lines written as fast as they drain into the
 *                                  master of a pseudo-terminal whose slave a serial source reads
 *                                  (--serial PTS:BAUD at the highest baud the pty takes through
 *                                  termios2); counts checked equal (zero loss). A pty has no
 *                                  UART: the figure is what the source and viewer sustain, far
 *                                  above any real serial line (2 Mbaud 8N1 carries 200 kB/s).
 *   udp_text_msamples_per_s        a sender thread paces ~1400-byte datagrams of text lines to
 *                                  127.0.0.1; the highest rate (stepped up ×2, then bisected) at
 *                                  which datagrams received == sent, SO_RXQ_OVFL drops == 0 and
 *                                  every line arrived as a sample.
 * Options: --seconds S (each rate run, default 3), --max-fps, --quick (a smoke run),
 *   timestamped_bytes_per_sample   memory of a series fed name:timestamp_ms:value lines, per retained sample.
 *   (every run: capacity 1 M samples, the old default, so the figures compare across versions)
 * --only PREFIX (only the figures whose name starts with it: e2e_latency_ms, stdin_text, udp...). */
#define _GNU_SOURCE /* sendmmsg */
#include <errno.h>
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <pty.h>
#include <fcntl.h>
#include <sys/socket.h>
#include <unistd.h>

#include "ingest/serial_port.h"
#include "viewer/viewer.h"
#include "bench.h"

enum {
    SERIES = 4,
    TEXT_LINES = 1 << 16,
    BIN_FRAMES = 1 << 16,
    UDP_PAYLOAD = 1400,
    UDP_SET = 64,
    MARKERS = 300,
    WARMUP_MARKERS = 5
};

typedef struct e2e_opts {
    bool tsv, quick, max_fps;
    double seconds;
    const char *only; /* run only the parts whose metric starts with this */
} e2e_opts;

static bool wanted(const e2e_opts *o, const char *metric)
{
    return !o->only || !strncmp(metric, o->only, strlen(o->only));
}

static void sleep_for(double s)
{
    if (s <= 0) return;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* ---- the viewer and its frame loop ---------------------------------------------------------- */

typedef struct frame_loop {
    rp_viewer *viewer;
    double period, next; /* 0: back to back */
    int64_t frames;
    double busy; /* seconds inside rp_viewer_frame */
} frame_loop;

static rp_viewer *make_viewer(const rp_source_desc *sources, int count)
{
    /* capacity fixed at the old default (1 M samples) so that the figures compare across versions:
     * the automatic one (3 x span x rate) would keep 10 s of a 1 MHz stream, 16 M samples */
    rp_viewer_options opt = {.headless = true,
                             .width = 1280,
                             .height = 720,
                             .span = 10,
                             .source_count = count,
                             .capacity = (int64_t)1 << 20};
    for (int i = 0; i < count; i++) opt.sources[i] = sources[i];
    char err[256] = "";
    rp_viewer *v = NULL;
    if (rp_viewer_create(&opt, &v, err, sizeof err) != RP_OK) {
        fprintf(stderr, "rp-bench e2e: cannot create the viewer: %s\n", err);
        return NULL;
    }
    return v;
}

static void loop_init(frame_loop *f, rp_viewer *v, const e2e_opts *o)
{
    *f = (frame_loop){.viewer = v, .period = o->max_fps ? 0 : 1.0 / 60.0, .next = rp_bench_now()};
}

/* Sleeps until the next frame slot (60 fps pacing; nothing with --max-fps). */
static void loop_wait(frame_loop *f)
{
    if (f->period <= 0) return;
    double now = rp_bench_now();
    if (f->next > now)
        sleep_for(f->next - now);
    else if (now - f->next > f->period)
        f->next = now; /* late: no burst to catch up */
    f->next += f->period;
}

/* Renders one frame; returns when it has finished (glFinish). */
static bool loop_render(frame_loop *f)
{
    double t0 = rp_bench_now();
    rp_status st = rp_viewer_frame(f->viewer);
    f->busy += rp_bench_now() - t0;
    f->frames++;
    if (st != RP_OK) fprintf(stderr, "rp-bench e2e: frame failed: %s\n", rp_status_string(st));
    return st == RP_OK;
}

static bool loop_frame(frame_loop *f)
{
    loop_wait(f);
    return loop_render(f);
}

static rp_series *find_series(rp_viewer *v, const char *name)
{
    rp_ingest *ing = rp_viewer_ingest(v);
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series *s = rp_ingest_series_at(ing, i, NULL);
        if (s && !strcmp(rp_series_name(s), name)) return s;
    }
    return NULL;
}

static int64_t accepted(rp_series *s) { return s ? rp_series_stats_get(s).accepted : 0; }

/* ---- a writer thread: one buffer into a pipe, over and over ---------------------------------- */

typedef struct feeder {
    int fd;
    const char *buf;
    size_t len;
    int64_t samples_per_buf;
    double seconds;  /* how long to write */
    double rate;     /* samples/s to pace at; 0: as fast as the pipe drains */
    int64_t written; /* samples, when done */
    double elapsed;  /* first write to the return of the last */
    atomic_bool stop;
    bool keep_open; /* a pty master: closing it would be the device vanishing */
} feeder;

static bool write_all(int fd, const char *p, size_t n)
{
    while (n > 0) {
        ssize_t w = write(fd, p, n);
        if (w < 0) {
            if (errno == EINTR) continue;
            return false;
        }
        p += w;
        n -= (size_t)w;
    }
    return true;
}

static void *feeder_thread(void *arg)
{
    feeder *fd = arg;
    double t0 = rp_bench_now(), now = t0;
    int64_t bufs = 0;
    while (now - t0 < fd->seconds && !atomic_load(&fd->stop)) {
        if (fd->rate > 0 && (double)(bufs * fd->samples_per_buf) > fd->rate * (now - t0)) {
            sleep_for(0.001);
        } else {
            if (!write_all(fd->fd, fd->buf, fd->len)) break;
            bufs++;
        }
        now = rp_bench_now();
    }
    fd->elapsed = now - t0;
    fd->written = bufs * fd->samples_per_buf;
    if (!fd->keep_open) close(fd->fd);
    return NULL;
}

/* TEXT_LINES Teleplot lines over SERIES series (s0, s1, ...), values of a sine. */
static char *make_text(size_t *len)
{
    char *buf = malloc((size_t)TEXT_LINES * 24);
    if (!buf) return NULL;
    size_t n = 0;
    for (int i = 0; i < TEXT_LINES; i++)
        n += (size_t)sprintf(buf + n, "s%d:%.6g\n", i % SERIES, sin(i * 0.001 * (1 + i % SERIES)));
    *len = n;
    return buf;
}

static char *make_binary(size_t *len)
{
    float *f = malloc(sizeof(float) * BIN_FRAMES * SERIES);
    if (!f) return NULL;
    for (int i = 0; i < BIN_FRAMES * SERIES; i++) f[i] = (float)sin(i * 0.001);
    *len = sizeof(float) * BIN_FRAMES * SERIES;
    return (char *)f;
}

/* ---- rate over a pipe ------------------------------------------------------------------------ */

typedef struct rate_result {
    double msps, fps;
    int64_t lost; /* samples written but not accepted, plus any rejected or dropped */
} rate_result;

/* The figures of a rate run once the feeder is done: what it wrote against what the series
 * accepted; any difference, refusal or drop is loss, and is printed. */
static void rate_finish(rate_result *out, rp_ingest *ing, const feeder *fd, int64_t frames,
                        double seconds, const char *what)
{
    rp_source_stats st = rp_ingest_source_stats(ing, 0);
    int64_t got = 0, refused = 0;
    for (int i = 0; i < rp_ingest_series_count(ing); i++) {
        rp_series_stats ss = rp_series_stats_get(rp_ingest_series_at(ing, i, NULL));
        got += ss.accepted;
        refused += ss.rejected;
    }
    out->msps = (double)fd->written / fd->elapsed / 1e6;
    out->fps = (double)frames / seconds;
    out->lost = (fd->written - got) + refused + st.lines_rejected + st.samples_dropped;
    if (out->lost != 0 || st.samples != fd->written)
        fprintf(stderr,
                "rp-bench e2e: %sLOSS: written %lld, pushed %lld, accepted %lld, refused %lld, "
                "rejected lines %lld, dropped %lld\n",
                what, (long long)fd->written, (long long)st.samples, (long long)got,
                (long long)refused, (long long)st.lines_rejected, (long long)st.samples_dropped);
}

static bool pipe_rate(const e2e_opts *o, rp_stream_format format, double uniform_rate,
                      rate_result *out)
{
    size_t len = 0;
    char *buf = format == RP_FORMAT_BINARY ? make_binary(&len) : make_text(&len);
    int p[2];
    if (!buf || pipe(p) != 0) {
        free(buf);
        return false;
    }
    rp_source_desc src = {.kind = RP_SOURCE_FD,
                          .format = format,
                          .fd.fd = p[0],
                          .rate = uniform_rate,
                          .channels = SERIES,
                          .channel_names = "s0,s1,s2,s3"};
    rp_viewer *v = make_viewer(&src, 1);
    if (!v) {
        close(p[0]);
        close(p[1]);
        free(buf);
        return false;
    }
    feeder fd = {.fd = p[1],
                 .buf = buf,
                 .len = len,
                 .seconds = o->seconds,
                 .samples_per_buf =
                     format == RP_FORMAT_BINARY ? (int64_t)BIN_FRAMES * SERIES : TEXT_LINES};
    pthread_t th;
    pthread_create(&th, NULL, feeder_thread, &fd);
    frame_loop f;
    loop_init(&f, v, o);
    double t0 = rp_bench_now();
    rp_ingest *ing = rp_viewer_ingest(v);
    while (!rp_ingest_all_ended(ing) && loop_frame(&f)) {
    }
    double t1 = rp_bench_now();
    pthread_join(th, NULL);
    loop_frame(&f);
    rate_finish(out, ing, &fd, f.frames, t1 - t0, "");
    rp_viewer_destroy(v);
    close(p[0]);
    free(buf);
    return true;
}

/* ---- memory of a timestamped text series ------------------------------------------------------- */

/* Bytes per retained sample of a series fed "name:timestamp_ms:value" lines (1 kHz, Unix ms):
 * the series' allocation over its capacity. */
static bool timestamped_bytes(const e2e_opts *o, double *bytes_per_sample, int64_t *capacity)
{
    enum { LINES = 100000 };
    int p[2];
    if (pipe(p) != 0) return false;
    char *buf = malloc((size_t)LINES * 40);
    if (!buf) return false;
    size_t len = 0;
    for (int i = 0; i < LINES; i++)
        len += (size_t)sprintf(buf + len, "ts:%lld:%.6g\n", 1764000000000LL + i, sin(i * 0.01));
    rp_source_desc src = {.kind = RP_SOURCE_FD, .format = RP_FORMAT_TEXT, .fd.fd = p[0]};
    rp_viewer *v = make_viewer(&src, 1);
    if (!v) {
        free(buf);
        return false;
    }
    feeder fd = {.fd = p[1],
                 .buf = buf,
                 .len = len,
                 .samples_per_buf = LINES,
                 .seconds = 1e-9}; /* one buffer */
    pthread_t th;
    pthread_create(&th, NULL, feeder_thread, &fd);
    frame_loop f;
    loop_init(&f, v, o);
    while (!rp_ingest_all_ended(rp_viewer_ingest(v)) && loop_frame(&f)) {
    }
    pthread_join(th, NULL);
    rp_series *s = find_series(v, "ts");
    bool ok = s && rp_series_stats_get(s).accepted == LINES;
    if (ok) {
        *capacity = rp_series_get_desc(s).capacity;
        *bytes_per_sample = (double)rp_series_stats_get(s).bytes / (double)*capacity;
    }
    rp_viewer_destroy(v);
    close(p[0]);
    free(buf);
    return ok;
}

/* ---- serial over a pseudo-terminal ------------------------------------------------------------ */

static bool serial_rate(const e2e_opts *o, rate_result *out, uint32_t *baud_used)
{
    size_t len = 0;
    char *text = make_text(&len);
    int master = -1, slave = -1;
    char name[256];
    if (!text || openpty(&master, &slave, name, NULL, NULL) != 0) {
        free(text);
        return false;
    }
    /* the highest rate the pty takes through termios2 */
    static const uint32_t bauds[] = {12000000, 4000000, 3000000, 2000000, 1000000, 921600, 115200};
    *baud_used = 115200;
    for (size_t i = 0; i < sizeof bauds / sizeof bauds[0]; i++) {
        uint32_t actual = 0;
        int e = 0;
        if (rp_serial__set_baud(slave, bauds[i], &actual, &e) == RP_OK && actual == bauds[i]) {
            *baud_used = bauds[i];
            break;
        }
    }
    close(slave);
    rp_source_desc src = {.kind = RP_SOURCE_SERIAL,
                          .format = RP_FORMAT_TEXT,
                          .serial = {.path = name, .baud = *baud_used}};
    rp_viewer *v = make_viewer(&src, 1);
    if (!v) {
        close(master);
        free(text);
        return false;
    }
    /* the source skips up to the first newline after opening (a line it came in the middle of) */
    if (write(master, "\n", 1) != 1) {
        rp_viewer_destroy(v);
        close(master);
        free(text);
        return false;
    }
    feeder fd = {.fd = master,
                 .buf = text,
                 .len = len,
                 .seconds = o->seconds,
                 .samples_per_buf = TEXT_LINES,
                 .keep_open = true};
    pthread_t th;
    pthread_create(&th, NULL, feeder_thread, &fd);
    frame_loop f;
    loop_init(&f, v, o);
    double t0 = rp_bench_now();
    rp_ingest *ing = rp_viewer_ingest(v);
    while (loop_frame(&f)) { /* until the writer is done and everything it wrote was taken */
        if (atomic_load(&fd.stop)) break;
        if (fd.written > 0 && rp_ingest_source_stats(ing, 0).samples >= fd.written) break;
        if (rp_bench_now() - t0 > o->seconds + 30)
            break; /* a stuck source: reported as loss below */
    }
    double t1 = rp_bench_now();
    pthread_join(th, NULL);
    for (int i = 0; i < 1000 && rp_ingest_source_stats(ing, 0).samples < fd.written; i++)
        loop_frame(&f);
    loop_frame(&f);
    rate_finish(out, ing, &fd, f.frames, t1 - t0, "serial ");
    rp_viewer_destroy(v);
    close(master);
    free(text);
    return true;
}

/* ---- latency --------------------------------------------------------------------------------- */

typedef struct marker_writer {
    int fd;
    int count;
    double sent[WARMUP_MARKERS + MARKERS]; /* monotonic time just before each write */
    _Atomic int written;
    atomic_bool go; /* warm-up seen: send the measured markers */
    uint64_t rng;
} marker_writer;

static double next_gap(marker_writer *m) /* uniform 5..25 ms: a random phase to the frames */
{
    m->rng ^= m->rng << 13;
    m->rng ^= m->rng >> 7;
    m->rng ^= m->rng << 17;
    return 0.005 + 0.020 * (double)(m->rng >> 11) / 9007199254740992.0;
}

static void *marker_thread(void *arg)
{
    marker_writer *m = arg;
    for (int i = 0; i < m->count; i++) {
        if (i == WARMUP_MARKERS)
            while (!atomic_load(&m->go)) sleep_for(0.001);
        sleep_for(next_gap(m));
        m->sent[i] = rp_bench_now();
        atomic_store(&m->written, i + 1); /* before write(): the reader may see it at once */
        if (!write_all(m->fd, "lat:1\n", 6)) break;
    }
    sleep_for(0.1);
    close(m->fd);
    return NULL;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double percentile(const double *sorted, int n, double p)
{
    int i = (int)ceil(p * n) - 1;
    return sorted[i < 0 ? 0 : i >= n ? n - 1 : i];
}

/* Latency of `markers` markers; with load_rate > 0 a second pipe carries that many text samples/s. */
static bool latency(const e2e_opts *o, double load_rate, double *p50, double *p99,
                    double *mean_frame_ms)
{
    int mp[2], lp[2] = {-1, -1};
    if (pipe(mp) != 0) return false;
    if (load_rate > 0 && pipe(lp) != 0) return false;
    rp_source_desc src[2] = {
        {.kind = RP_SOURCE_FD, .format = RP_FORMAT_TEXT, .fd.fd = mp[0], .label = "lat"},
        {.kind = RP_SOURCE_FD, .format = RP_FORMAT_TEXT, .fd.fd = lp[0], .label = "load"}};
    rp_viewer *v = make_viewer(src, load_rate > 0 ? 2 : 1);
    if (!v) return false;
    int markers = o->quick ? 50 : MARKERS;
    marker_writer *m = calloc(1, sizeof *m);
    double *lat = malloc(sizeof(double) * (size_t)markers);
    size_t len = 0;
    char *load_buf = load_rate > 0 ? make_text(&len) : NULL;
    feeder load = {.fd = lp[1],
                   .buf = load_buf,
                   .len = len,
                   .samples_per_buf = TEXT_LINES,
                   .seconds = 1e9,
                   .rate = load_rate};
    pthread_t th, load_th;
    if (load_rate > 0) {
        /* the paced feeder sleeps between whole buffers: use a 1/64 slice for smooth pacing */
        load.len = 0;
        for (int lines = 0; lines < TEXT_LINES / 64; lines++)
            load.len = (size_t)(strchr(load_buf + load.len, '\n') - load_buf) + 1;
        load.samples_per_buf = TEXT_LINES / 64;
        pthread_create(&load_th, NULL, feeder_thread, &load);
    }
    *m = (marker_writer){
        .fd = mp[1], .count = WARMUP_MARKERS + markers, .rng = 0x2545F4914F6CDD1Dull};
    pthread_create(&th, NULL, marker_thread, m);
    frame_loop f;
    loop_init(&f, v, o);
    rp_series *s = NULL;
    int done = 0;
    int64_t busy_from = 0;
    double busy0 = 0;
    while (done < markers) {
        if (!s) s = find_series(v, "lat");
        loop_wait(&f);
        int64_t seen = accepted(s); /* what this frame can draw, at least */
        if (!loop_render(&f)) break;
        double end = rp_bench_now();
        if (seen >= WARMUP_MARKERS && !atomic_load(&m->go)) {
            atomic_store(&m->go, true);
            busy_from = f.frames;
            busy0 = f.busy;
        }
        for (; done < markers && WARMUP_MARKERS + done < seen; done++)
            lat[done] = (end - m->sent[WARMUP_MARKERS + done]) * 1e3;
    }
    atomic_store(&load.stop, true);
    pthread_join(th, NULL);
    if (load_rate > 0) pthread_join(load_th, NULL);
    *mean_frame_ms =
        f.frames > busy_from ? (f.busy - busy0) / (double)(f.frames - busy_from) * 1e3 : 0;
    rp_source_stats ls = rp_ingest_source_stats(rp_viewer_ingest(v), 1);
    if (load_rate > 0 && (ls.lines_rejected || ls.samples_dropped))
        fprintf(stderr, "rp-bench e2e: load source rejected %lld lines\n",
                (long long)ls.lines_rejected);
    rp_viewer_destroy(v);
    close(mp[0]);
    if (lp[0] >= 0) close(lp[0]);
    qsort(lat, (size_t)done, sizeof *lat, cmp_double);
    bool ok = done == markers;
    if (ok) {
        *p50 = percentile(lat, done, 0.50);
        *p99 = percentile(lat, done, 0.99);
    }
    free(lat);
    free(m);
    free(load_buf);
    return ok;
}

/* ---- UDP ------------------------------------------------------------------------------------- */

typedef struct udp_sender {
    int fd;
    char payload[UDP_SET][UDP_PAYLOAD];
    size_t len[UDP_SET];
    int lines[UDP_SET];
    double rate, seconds;
    int64_t sent_datagrams, sent_samples, send_errors;
    double elapsed;
} udp_sender;

static void udp_fill(udp_sender *u)
{
    int k = 0;
    for (int d = 0; d < UDP_SET; d++) {
        size_t n = 0;
        int lines = 0;
        char line[32];
        for (;;) {
            int l = sprintf(line, "u%d:%.6g\n", k % SERIES, sin(k * 0.001 * (1 + k % SERIES)));
            if (n + (size_t)l > UDP_PAYLOAD) break;
            memcpy(u->payload[d] + n, line, (size_t)l);
            n += (size_t)l;
            lines++;
            k++;
        }
        u->len[d] = n;
        u->lines[d] = lines;
    }
}

static void *udp_sender_thread(void *arg)
{
    udp_sender *u = arg;
    struct mmsghdr msgs[16];
    struct iovec iov[16];
    double t0 = rp_bench_now(), now = t0;
    int next = 0;
    u->sent_datagrams = u->sent_samples = u->send_errors = 0;
    while (now - t0 < u->seconds) {
        double due = u->rate * (now - t0) - (double)u->sent_samples;
        if (due <= 0) {
            sleep_for(0.0002);
            now = rp_bench_now();
            continue;
        }
        int batch = 0, lines = 0;
        while (batch < 16 && lines < due) {
            int d = (next + batch) % UDP_SET;
            iov[batch] = (struct iovec){.iov_base = u->payload[d], .iov_len = u->len[d]};
            msgs[batch] = (struct mmsghdr){.msg_hdr = {.msg_iov = &iov[batch], .msg_iovlen = 1}};
            lines += u->lines[d];
            batch++;
        }
        int got = sendmmsg(u->fd, msgs, (unsigned)batch, 0);
        if (got < 0) {
            u->send_errors++;
            got = 0;
            sleep_for(0.0002);
        }
        for (int i = 0; i < got; i++) u->sent_samples += u->lines[(next + i) % UDP_SET];
        u->sent_datagrams += got;
        next = (next + got) % UDP_SET;
        now = rp_bench_now();
    }
    u->elapsed = now - t0;
    return NULL;
}

typedef struct udp_totals {
    int64_t datagrams, lost, samples, rejected;
} udp_totals;

static udp_totals udp_now(rp_viewer *v)
{
    rp_source_stats st = rp_ingest_source_stats(rp_viewer_ingest(v), 0);
    return (udp_totals){st.datagrams, st.datagrams_lost, st.samples,
                        st.datagrams_rejected + st.lines_rejected};
}

/* Sends one probe datagram ("probe:0") and renders until it arrived: the kernel's drop count
 * (delivered with the next datagram received) is then current. The totals include the probe. */
static udp_totals udp_sync(rp_viewer *v, udp_sender *u, frame_loop *f)
{
    udp_totals t = udp_now(v);
    if (send(u->fd, "probe:0\n", 8, 0) != 8) return t;
    for (double t0 = rp_bench_now(); rp_bench_now() - t0 < 1.0 && udp_now(v).samples == t.samples;)
        loop_frame(f);
    return udp_now(v);
}

/* One step at `rate`: true when nothing was lost; *achieved: what the sender managed. */
static bool udp_step(const e2e_opts *o, rp_viewer *v, udp_sender *u, double rate, double *achieved,
                     double *fps)
{
    frame_loop f;
    loop_init(&f, v, o);
    udp_totals before = udp_sync(v, u, &f);
    u->rate = rate;
    u->seconds = o->quick ? 0.5 : 2.0;
    pthread_t th;
    pthread_create(&th, NULL, udp_sender_thread, u);
    int64_t frames0 = f.frames;
    double t0 = rp_bench_now();
    while (rp_bench_now() - t0 < u->seconds) loop_frame(&f);
    pthread_join(th, NULL);
    *fps = (double)(f.frames - frames0) / (rp_bench_now() - t0);
    for (double t1 = rp_bench_now(); rp_bench_now() - t1 < 1.0;) { /* drain the socket buffer */
        if (udp_now(v).samples - before.samples >= u->sent_samples) break;
        loop_frame(&f);
    }
    udp_totals after = udp_sync(v, u, &f);
    after.datagrams--; /* this probe */
    after.samples--;
    *achieved = (double)u->sent_samples / u->elapsed;
    bool ok = after.datagrams - before.datagrams == u->sent_datagrams &&
              after.lost == before.lost && after.samples - before.samples == u->sent_samples &&
              after.rejected == before.rejected && u->send_errors == 0 && *achieved >= 0.97 * rate;
    if (!o->tsv)
        printf(
            "    udp step %7.3f M/s: sent %.3f M/s, %lld/%lld datagrams received, %lld dropped by the "
            "kernel, %.0f fps%s\n",
            rate / 1e6, *achieved / 1e6, (long long)(after.datagrams - before.datagrams),
            (long long)u->sent_datagrams, (long long)(after.lost - before.lost), *fps,
            ok ? "" : "  (fail)");
    return ok;
}

static bool udp_rate(const e2e_opts *o, double *best, double *best_fps)
{
    rp_source_desc src = {.kind = RP_SOURCE_UDP, .udp.host = "127.0.0.1", .udp.port = 0};
    rp_viewer *v = make_viewer(&src, 1);
    udp_sender *u = calloc(1, sizeof *u);
    if (!v || !u) {
        rp_viewer_destroy(v);
        free(u);
        return false;
    }
    udp_fill(u);
    u->fd = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in to = {.sin_family = AF_INET,
                             .sin_port = htons(rp_ingest_udp_port(rp_viewer_ingest(v), 0))};
    to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    int sndbuf = 4 << 20;
    setsockopt(u->fd, SOL_SOCKET, SO_SNDBUF, &sndbuf, sizeof sndbuf);
    if (u->fd < 0 || connect(u->fd, (struct sockaddr *)&to, sizeof to) != 0) {
        if (u->fd >= 0) close(u->fd);
        rp_viewer_destroy(v);
        free(u);
        return false;
    }
    *best = 0;
    *best_fps = 0;
    double lo = 0, hi = 0, rate = 1e6, achieved, fps;
    for (int i = 0; i < 7; i++) { /* ×2 up to the first failure */
        if (!udp_step(o, v, u, rate, &achieved, &fps)) {
            hi = rate;
            break;
        }
        lo = rate;
        *best = achieved;
        *best_fps = fps;
        rate *= 2;
    }
    for (int i = 0; hi > 0 && i < (o->quick ? 1 : 3); i++) { /* bisect [lo, hi) */
        rate = lo > 0 ? 0.5 * (lo + hi) : 0.5 * hi;
        if (udp_step(o, v, u, rate, &achieved, &fps)) {
            lo = rate;
            if (achieved > *best) {
                *best = achieved;
                *best_fps = fps;
            }
        } else {
            hi = rate;
        }
    }
    close(u->fd);
    rp_viewer_destroy(v);
    free(u);
    return true;
}

/* ---- entry ----------------------------------------------------------------------------------- */

int rp_bench_e2e(int argc, char **argv, bool tsv)
{
    e2e_opts o = {.tsv = tsv, .seconds = 3.0};
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick"))
            o.quick = true;
        else if (!strcmp(argv[i], "--max-fps"))
            o.max_fps = true;
        else if (!strcmp(argv[i], "--seconds") && i + 1 < argc)
            o.seconds = atof(argv[++i]);
        else if (!strcmp(argv[i], "--only") && i + 1 < argc)
            o.only = argv[++i];
    }
    if (o.quick) o.seconds = 0.5;
    if (!(o.seconds > 0)) o.seconds = 3.0;
    if (!tsv)
        printf("rp-bench e2e: headless viewer 1280x720, frames %s, 4 series per stream\n",
               o.max_fps ? "back to back" : "paced at 60 fps");
    int status = 0;
    double p50, p99, frame_ms;
    if (!wanted(&o, "e2e_latency_ms")) {
    } else if (latency(&o, 0, &p50, &p99, &frame_ms)) {
        rp_bench_report(tsv, "e2e_latency_ms_p50", p50, "ms",
                        "write() of a marker line -> end of the frame drawing it");
        rp_bench_report(tsv, "e2e_latency_ms_p99", p99, "ms",
                        "(60 fps: within two frames = 33.3 ms)");
        rp_bench_report(tsv, "e2e_frame_ms_mean", frame_ms, "ms", "rp_viewer_frame incl. glFinish");
    } else {
        status = 1;
    }
    if (!wanted(&o, "e2e_latency_loaded")) {
    } else if (latency(&o, 1e6, &p50, &p99, &frame_ms)) {
        rp_bench_report(tsv, "e2e_latency_loaded_ms_p50", p50, "ms",
                        "same, another pipe carrying 1 M text samples/s");
        rp_bench_report(tsv, "e2e_latency_loaded_ms_p99", p99, "ms", "");
    } else {
        status = 1;
    }
    static const struct {
        const char *metric, *what;
        rp_stream_format format;
        double rate;
    } runs[] = {
        {"stdin_text", "Teleplot lines via a pipe, arrival-stamped", RP_FORMAT_TEXT, 0},
        {"stdin_text_uniform", "same with --rate (no timestamps)", RP_FORMAT_TEXT, 1e6},
        {"stdin_binary", "float32 frames x4 via a pipe, arrival-stamped", RP_FORMAT_BINARY, 0},
        {"stdin_binary_uniform", "same with --rate", RP_FORMAT_BINARY, 1e6},
    };
    for (size_t i = 0; i < sizeof runs / sizeof runs[0]; i++) {
        rate_result r;
        char metric[96];
        snprintf(metric, sizeof metric, "%s_msamples_per_s", runs[i].metric);
        if (!wanted(&o, metric)) continue;
        if (!pipe_rate(&o, runs[i].format, runs[i].rate, &r)) {
            status = 1;
            continue;
        }
        rp_bench_report(tsv, metric, r.msps, "M/s", runs[i].what);
        snprintf(metric, sizeof metric, "%s_lost_samples", runs[i].metric);
        rp_bench_report(tsv, metric, (double)r.lost, "samples", "must be 0");
        snprintf(metric, sizeof metric, "%s_fps", runs[i].metric);
        rp_bench_report(tsv, metric, r.fps, "fps", "frames rendered meanwhile");
        if (r.lost) status = 1;
    }
    double tbytes;
    int64_t tcap;
    if (!wanted(&o, "timestamped_bytes_per_sample")) {
    } else if (timestamped_bytes(&o, &tbytes, &tcap)) {
        char what[96];
        snprintf(what, sizeof what, "Unix-ms text timestamps, 1 kHz: allocation / capacity (%lld)",
                 (long long)tcap);
        rp_bench_report(tsv, "timestamped_bytes_per_sample", tbytes, "B", what);
    } else {
        status = 1;
    }
    rate_result sr;
    uint32_t baud = 0;
    if (!wanted(&o, "serial")) {
    } else if (serial_rate(&o, &sr, &baud)) {
        char what[96];
        snprintf(what, sizeof what,
                 "Teleplot lines via a pty at %u baud (termios2), arrival-stamped", baud);
        rp_bench_report(tsv, "serial_msamples_per_s", sr.msps, "M/s", what);
        rp_bench_report(tsv, "serial_lost_samples", (double)sr.lost, "samples", "must be 0");
        rp_bench_report(tsv, "serial_fps", sr.fps, "fps", "frames rendered meanwhile");
        if (sr.lost) status = 1;
    } else {
        status = 1;
    }
    double udp, udp_fps;
    if (!wanted(&o, "udp")) {
    } else if (udp_rate(&o, &udp, &udp_fps)) {
        rp_bench_report(tsv, "udp_text_msamples_per_s", udp / 1e6, "M/s",
                        "highest paced rate with zero loss, ~1400 B datagrams");
        rp_bench_report(tsv, "udp_text_fps", udp_fps, "fps", "frames rendered meanwhile");
    } else {
        status = 1;
    }
    return status;
}
