/* rp_stream.c — demo streamer: the synthetic signals of engine/ingest/signals (sine, chirp,
 * square, noise, ECG, IMU, sensor, temperature) as Teleplot text, CSV, binary float32 frames or
 * UDP datagrams, paced in real time or as fast as possible. Feeds a viewer under test:
 *
 *   rp-stream --signal mix --rate 10k | viewer --stdin
 *   rp-stream --signal imu --rate 1k --udp 127.0.0.1:47269
 *   rp-stream --signal sine --channels 8 --rate 1M --format binary --fast | viewer --binary 8
 *   rp-stream --signal imu --format binary --binary-type int16 --binary-endian big
 *             --binary-sync AA55 --binary-checksum sum8 --scale 1000     (as a microcontroller)
 *
 * What to look at: the achieved rate on stderr (once a second and at exit). Run --help for flags.
 */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <math.h>
#include <netdb.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/types.h>
#include <time.h>
#include <unistd.h>

#include "ingest/signals.h"
#include "io/parse.h"

#define MAX_CHANNELS 1024
#define BATCH_SAMPLES 65536     /* samples generated per batch (all channels) */
#define STDOUT_BUFFER (1 << 20) /* bytes written to stdout per write() */
#define SLACK (64 * 1024)       /* room for one record past the limit (a CSV row of 1024 ch) */
#define UDP_PAYLOAD 1400        /* datagram payload: fits an Ethernet MTU without fragments */
#define DEFAULT_PORT 47269
#define SIGNALS "sine|chirp|square|noise|ecg|imu|sensor|temperature|mix"

/* The only global state: what a signal handler may touch. */
static volatile sig_atomic_t g_stop;

static void on_signal(int sig)
{
    (void)sig;
    g_stop = 1;
}

enum { SIG_MIX = RP_SIGNAL_COUNT }; /* --signal mix: one of each, then again */
typedef enum { FMT_TEXT, FMT_TEXT_TS, FMT_CSV, FMT_BINARY, FMT_JSON } format_kind;

static const char *const k_format_names[] = {"text", "text-ts", "csv", "binary", "json"};
#define JSON_CHANNELS_MAX                                                                          \
    63 /* a JSON line holds the time and at most 63 samples (RP_LINE_VALUES_MAX) */

typedef struct options {
    int signal;   /* rp_signal_kind or SIG_MIX */
    int channels; /* 0 = default of the signal */
    double rate;  /* frames (samples per channel) per second */
    double freq;  /* base frequency, Hz */
    format_kind format;
    rp_binary_desc binary; /* --binary-type/-endian/-sync/-checksum */
    bool binary_given;
    double scale; /* --scale: every value times this */
    bool udp;
    char host[RP_HOST_MAX];
    uint16_t port;
    double duration; /* seconds, < 0: not given */
    int64_t samples; /* per channel, < 0: not given */
    bool fast, quiet;
    uint64_t seed;
    const char *name; /* prefix; NULL = the signal's name */
} options;

typedef struct channel {
    rp_signal sig;
    char name[RP_LINE_NAME_MAX + 1];
    size_t name_len;
} channel;

/* Resolves each channel's signal and name; false (with a message) for an unusable --name. */
static bool setup_channels(const options *o, channel *chs, int count)
{
    static const rp_signal_kind k_mix[8] = {RP_SIGNAL_SINE,  RP_SIGNAL_CHIRP, RP_SIGNAL_SQUARE,
                                            RP_SIGNAL_NOISE, RP_SIGNAL_ECG,   RP_SIGNAL_IMU,
                                            RP_SIGNAL_IMU,   RP_SIGNAL_IMU};
    static const char *const k_axis[3] = {"ax", "ay", "az"};
    const char *prefix = o->name                ? o->name
                         : o->signal == SIG_MIX ? "mix"
                                                : rp_signal_kind_name(o->signal);
    for (int c = 0; c < count; c++) {
        channel *ch = &chs[c];
        memset(ch, 0, sizeof *ch);
        rp_signal_kind kind = o->signal == SIG_MIX ? k_mix[c % 8] : (rp_signal_kind)o->signal;
        /* the channel number sets a signal's phase, frequency step or IMU axis (channel % 3) */
        int number = o->signal != SIG_MIX    ? c
                     : kind == RP_SIGNAL_IMU ? c % 8 - 5 + 3 * (c / 8)
                                             : c / 8;
        rp_signal_init(&ch->sig, kind, o->rate, number, o->seed);
        ch->sig.freq = o->freq;
        char name[256];
        if (o->signal == SIG_MIX) {
            const char *kname =
                kind == RP_SIGNAL_IMU ? k_axis[number % 3] : rp_signal_kind_name(kind);
            if (c < 8)
                snprintf(name, sizeof name, "%s_%s", prefix, kname);
            else
                snprintf(name, sizeof name, "%s_%s%d", prefix, kname, c / 8);
        } else if (o->signal == RP_SIGNAL_IMU) {
            if (c < 3)
                snprintf(name, sizeof name, "%s_%s", prefix, k_axis[c % 3]);
            else
                snprintf(name, sizeof name, "%s_%s%d", prefix, k_axis[c % 3], c / 3);
        } else if (count == 1) {
            snprintf(name, sizeof name, "%s", prefix);
        } else {
            snprintf(name, sizeof name, "%s_%d", prefix, c);
        }
        ch->name_len = strlen(name);
        if (ch->name_len == 0) { /* "--name ''": lines ":0" every reader refuses */
            fprintf(stderr, "rp-stream: --name: a series name cannot be empty\n");
            return false;
        }
        if (ch->name_len > RP_LINE_NAME_MAX) {
            fprintf(stderr, "rp-stream: series name '%s' is longer than %d bytes (--name)\n", name,
                    RP_LINE_NAME_MAX);
            return false;
        }
        for (size_t i = 0; i < ch->name_len; i++) {
            unsigned char b = (unsigned char)name[i];
            if (b <= ' ' || b == ':' || b == ',' || b == ';' || b == '|' || b == 0x7F) {
                fprintf(stderr, "rp-stream: --name: series names cannot hold blanks, control "
                                "bytes, ':', ',', ';' or '|'\n");
                return false;
            }
        }
        memcpy(ch->name, name, ch->name_len + 1);
    }
    return true;
}

/* ---- output --------------------------------------------------------------------------------- */

typedef struct sink {
    char *buf;
    size_t len;   /* bytes ready */
    size_t limit; /* emit before the buffer grows past this (datagram size for UDP) */
    int fd;
    bool udp;
    bool closed; /* the reader went away (EPIPE) */
    int64_t bytes, datagrams, send_errors;
} sink;

static void sink_emit(sink *k, const char *data, size_t len)
{
    if (k->closed || len == 0) return;
    if (k->udp) {
        /* A refused datagram (no listener yet, ECONNREFUSED) or a full socket buffer is dropped
         * and counted: the viewer may start later, and a demo must not stall. */
        if (send(k->fd, data, len, 0) < 0)
            k->send_errors++;
        else {
            k->bytes += (int64_t)len;
            k->datagrams++;
        }
        return;
    }
    while (len > 0) {
        ssize_t w = write(k->fd, data, len);
        if (w < 0) {
            if (errno == EINTR) continue;
            if (errno == EPIPE) {
                k->closed = true;
                return;
            }
            fprintf(stderr, "rp-stream: write failed: %s\n", strerror(errno));
            exit(1);
        }
        data += w;
        len -= (size_t)w;
        k->bytes += w;
    }
}

static void sink_flush(sink *k)
{
    sink_emit(k, k->buf, k->len);
    k->len = 0;
}

/* A record of n bytes was just written at buf + len: keep it, or first emit what came before
 * when it would pass the limit (so a datagram never holds a partial line). */
static inline void sink_commit(sink *k, size_t n)
{
    if (k->len + n > k->limit && k->len > 0) {
        sink_emit(k, k->buf, k->len);
        memmove(k->buf, k->buf + k->len, n);
        k->len = n;
    } else {
        k->len += n;
    }
}

/* Unsigned decimal, returns bytes written. */
static inline int put_u64(char *o, uint64_t v)
{
    char tmp[24];
    int n = 0;
    do {
        tmp[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    for (int i = 0; i < n; i++) o[i] = tmp[n - 1 - i];
    return n;
}

/* v / 10^digits as a decimal with trailing fraction zeros dropped ("12.5", "3"). */
static inline int put_fixed(char *o, int64_t v, int digits, uint64_t scale)
{
    char *p = o;
    if (v < 0) {
        *p++ = '-';
        v = -v;
    }
    p += put_u64(p, (uint64_t)v / scale);
    uint64_t frac = (uint64_t)v % scale;
    if (frac) {
        *p++ = '.';
        for (int d = digits - 1; d >= 0; d--) {
            p[d] = (char)('0' + frac % 10);
            frac /= 10;
        }
        int n = digits;
        while (p[n - 1] == '0') n--;
        p += n;
    }
    return (int)(p - o);
}

typedef struct stream {
    const options *o;
    channel *chs;
    int C;
    float *gen;   /* C × batch, channel-major */
    int batch;    /* frames per batch */
    double t0_us; /* Unix time at start, µs (text-ts) */
    sink out;
} stream;

static void write_header(stream *st)
{
    if (st->o->format != FMT_CSV) return;
    char *w = st->out.buf + st->out.len;
    size_t n = 0;
    memcpy(w, "time_s", 6);
    n = 6;
    for (int c = 0; c < st->C; c++) {
        w[n++] = ',';
        memcpy(w + n, st->chs[c].name, st->chs[c].name_len);
        n += st->chs[c].name_len;
    }
    w[n++] = '\n';
    sink_commit(&st->out, n);
}

/* Formats frames [i0, i0 + n) from st->gen into the sink. */
static void write_frames(stream *st, int64_t i0, int n)
{
    const int C = st->C;
    const size_t stride = (size_t)st->batch;
    sink *k = &st->out;
    switch (st->o->format) {
    case FMT_TEXT:
    case FMT_TEXT_TS:
        for (int i = 0; i < n; i++) {
            char ts[40];
            int ts_len = 0;
            if (st->o->format == FMT_TEXT_TS) {
                int64_t us = (int64_t)llround(st->t0_us + (double)(i0 + i) * 1e6 / st->o->rate);
                ts_len = put_fixed(ts, us, 3, 1000);
                ts[ts_len++] = ':';
            }
            for (int c = 0; c < C; c++) {
                const channel *ch = &st->chs[c];
                char *w = k->buf + k->len;
                memcpy(w, ch->name, ch->name_len);
                size_t m = ch->name_len;
                w[m++] = ':';
                memcpy(w + m, ts, (size_t)ts_len);
                m += (size_t)ts_len;
                m += (size_t)rp_io_format_g6(st->gen[(size_t)c * stride + (size_t)i], w + m);
                w[m++] = '\n';
                sink_commit(k, m);
            }
        }
        break;
    case FMT_CSV:
        for (int i = 0; i < n; i++) {
            char *w = k->buf + k->len;
            int64_t ns = (int64_t)llround((double)(i0 + i) * 1e9 / st->o->rate);
            size_t m = (size_t)put_fixed(w, ns, 9, 1000000000);
            for (int c = 0; c < C; c++) {
                w[m++] = ',';
                m += (size_t)rp_io_format_g6(st->gen[(size_t)c * stride + (size_t)i], w + m);
            }
            w[m++] = '\n';
            sink_commit(k, m);
        }
        break;
    case FMT_JSON: /* {"ts":unix_s,"name":value,...}: one object a frame (PlotJuggler's UDP JSON) */
        for (int i = 0; i < n; i++) {
            char *w = k->buf + k->len;
            int64_t us = (int64_t)llround(st->t0_us + (double)(i0 + i) * 1e6 / st->o->rate);
            memcpy(w, "{\"ts\":", 6);
            size_t m = 6 + (size_t)put_fixed(w + 6, us, 6, 1000000);
            for (int c = 0; c < C; c++) {
                const channel *ch = &st->chs[c];
                float v = st->gen[(size_t)c * stride + (size_t)i];
                w[m++] = ',';
                w[m++] = '"';
                memcpy(w + m, ch->name, ch->name_len);
                m += ch->name_len;
                w[m++] = '"';
                w[m++] = ':';
                if (isfinite(v)) {
                    m += (size_t)rp_io_format_g6(v, w + m);
                } else { /* JSON has no NaN or Inf: a gap is null (no sample) */
                    memcpy(w + m, "null", 4);
                    m += 4;
                }
            }
            w[m++] = '}';
            w[m++] = '\n';
            sink_commit(k, m);
        }
        break;
    case FMT_BINARY: /* the byte order is written byte by byte: the same on every host */
        for (int i = 0; i < n; i++)
            sink_commit(k, rp_binary_encode(&st->o->binary, st->gen + i, stride, C,
                                            (uint8_t *)k->buf + k->len));
        break;
    }
}

/* ---- command line --------------------------------------------------------------------------- */

static void usage(FILE *f)
{
    fprintf(
        f,
        "usage: rp-stream [flags]\n"
        "Generates synthetic float32 signals for a live plot viewer.\n\n"
        "  --signal S      " SIGNALS " (default sine)\n"
        "                  imu: accelerometer x/y/z in m/s^2; sensor: 50 Hz hum, noise, spikes;\n"
        "                  temperature: slow drift with NaN dropouts; mix: sine, chirp,\n"
        "                  square, noise, ecg and imu x/y/z, repeated\n"
        "  --channels N    channels, 1..%d (default 1; imu 3; mix 8)\n"
        "  --rate R        samples per second per channel, k/M suffixes (default 1000)\n"
        "  --freq F        base frequency in Hz of sine/chirp/square (default 1)\n"
        "  --format F      text|text-ts|csv|binary|json (default text)\n"
        "                  text: name:value lines (Teleplot); text-ts: name:unix_ms:value;\n"
        "                  json: {\"ts\":unix_s,\"name\":value,...} a line (up to 63 channels);\n"
        "                  csv: header time_s,names then rows; binary: little-endian\n"
        "                  float32 frames of N channels, interleaved, no header (unless:)\n"
        "  --binary-type T  binary value type: int8|uint8|int16|uint16|int32|uint32|float32|\n"
        "                  float64 (default float32); integers rounded, clamped (see --scale)\n"
        "  --binary-endian little|big  binary byte order (default little)\n"
        "  --binary-sync HEX  binary: a header of 1-8 bytes before every frame, e.g. AA55\n"
        "  --binary-checksum none|sum8|xor8  binary: a byte after the values of each frame\n"
        "  --scale K       multiply every value by K (e.g. 1000 before --binary-type int16)\n"
        "  --udp [HOST:]PORT  send text datagrams (<= %d bytes, whole lines) instead of\n"
        "                  stdout (default destination 127.0.0.1:%d)\n"
        "  --duration D    stop after D of signal (10s, 500ms, 2m, 1h; with --fast\n"
        "                  sooner: D × rate samples); default: forever\n"
        "  --samples N     stop after N samples per channel (k/M/G suffixes); default: forever\n"
        "  --fast          as fast as possible instead of real time\n"
        "  --seed S        seed of the noise generator (default 1)\n"
        "  --name PREFIX   series name prefix (default: the signal name)\n"
        "  --quiet         no rate report on stderr\n"
        "  --help          this text\n"
        "Names: PREFIX (one channel), PREFIX_0.. (several), PREFIX_ax/_ay/_az (imu),\n"
        "PREFIX_sine, PREFIX_chirp... (mix). Exit status 0 also when the reader goes away.\n",
        MAX_CHANNELS, UDP_PAYLOAD, DEFAULT_PORT);
}

static int bad_flag(const char *msg)
{
    fprintf(stderr, "rp-stream: %s (see --help)\n", msg);
    return 2;
}

static int pick(const char *v, const char *const *names, int count)
{
    for (int i = 0; i < count; i++)
        if (strcmp(v, names[i]) == 0) return i;
    return -1;
}

/* Every flag and whether it takes a value: 'n' never, 'y' always, 'o' optionally (--udp). */
static const struct {
    const char *name;
    char value;
} k_flags[] = {
    {"--help", 'n'},        {"--fast", 'n'},
    {"--quiet", 'n'},       {"--udp", 'o'},
    {"--signal", 'y'},      {"--format", 'y'},
    {"--binary-type", 'y'}, {"--binary-endian", 'y'},
    {"--binary-sync", 'y'}, {"--binary-checksum", 'y'},
    {"--scale", 'y'},       {"--channels", 'y'},
    {"--rate", 'y'},        {"--freq", 'y'},
    {"--duration", 'y'},    {"--samples", 'y'},
    {"--seed", 'y'},        {"--name", 'y'},
};

/* Returns 0 to go on, or an exit status + 1 (help → 1, error → 3). */
static int parse_args(int argc, char **argv, options *o)
{
    char err[RP_IO_ERROR_MAX], msg[RP_IO_ERROR_MAX + 64];
    for (int a = 1; a < argc; a++) {
        const char *arg = argv[a];
        const char *val = NULL;
        char flag[32];
        const char *eq = strchr(arg, '=');
        if (strcmp(arg, "-h") == 0) arg = "--help";
        if (strncmp(arg, "--", 2) != 0) {
            snprintf(msg, sizeof msg, "unexpected argument '%s'", arg);
            return bad_flag(msg) + 1;
        }
        size_t fl = eq ? (size_t)(eq - arg) : strlen(arg);
        if (fl >= sizeof flag) fl = sizeof flag - 1;
        memcpy(flag, arg, fl);
        flag[fl] = '\0';
        if (eq) val = eq + 1;
        char kind = 0;
        for (size_t k = 0; k < sizeof k_flags / sizeof k_flags[0] && !kind; k++)
            if (strcmp(flag, k_flags[k].name) == 0) kind = k_flags[k].value;
        if (!kind) { /* before asking for its value: "--bogus needs a value" misled */
            snprintf(msg, sizeof msg, "unknown option '%s'", flag);
            return bad_flag(msg) + 1;
        }
        bool takes = kind != 'n', optional = kind == 'o';
        if (takes && !val) {
            if (a + 1 < argc && (!optional || strncmp(argv[a + 1], "--", 2) != 0))
                val = argv[++a];
            else if (!optional) {
                snprintf(msg, sizeof msg, "%s needs a value", flag);
                return bad_flag(msg) + 1;
            }
        } else if (!takes && val) {
            snprintf(msg, sizeof msg, "%s takes no value", flag);
            return bad_flag(msg) + 1;
        }
        rp_status s = RP_OK;
        int64_t iv;
        if (strcmp(flag, "--help") == 0) {
            usage(stdout);
            return 1;
        } else if (strcmp(flag, "--fast") == 0) {
            o->fast = true;
        } else if (strcmp(flag, "--quiet") == 0) {
            o->quiet = true;
        } else if (strcmp(flag, "--signal") == 0) {
            int k = strcmp(val, "mix") == 0 ? SIG_MIX : rp_signal_kind_from_name(val);
            if (k < 0) {
                snprintf(msg, sizeof msg, "unknown signal '%s' (%s)", val, SIGNALS);
                return bad_flag(msg) + 1;
            }
            o->signal = k;
        } else if (strcmp(flag, "--format") == 0) {
            int k = pick(val, k_format_names, 5);
            if (k < 0) {
                snprintf(msg, sizeof msg, "unknown format '%s' (text|text-ts|csv|binary|json)",
                         val);
                return bad_flag(msg) + 1;
            }
            o->format = (format_kind)k;
        } else if (strncmp(flag, "--binary-", 9) == 0) {
            rp_binary_desc *b = &o->binary;
            o->binary_given = true;
            if (strcmp(flag, "--binary-type") == 0)
                s = rp_parse_binary_type(val, &b->type, err, sizeof err);
            else if (strcmp(flag, "--binary-endian") == 0)
                s = rp_parse_byte_order(val, &b->byte_order, err, sizeof err);
            else if (strcmp(flag, "--binary-sync") == 0)
                s = rp_parse_binary_sync(val, b->sync, &b->sync_len, err, sizeof err);
            else if (strcmp(flag, "--binary-checksum") == 0)
                s = rp_parse_binary_checksum(val, &b->checksum, err, sizeof err);
            else {
                snprintf(msg, sizeof msg, "unknown flag '%s'", flag);
                return bad_flag(msg) + 1;
            }
        } else if (strcmp(flag, "--scale") == 0) {
            if (rp_io_parse_double(val, strlen(val), &o->scale) != RP_OK || !isfinite(o->scale)) {
                snprintf(msg, sizeof msg, "--scale: '%s' is not a finite number", val);
                return bad_flag(msg) + 1;
            }
        } else if (strcmp(flag, "--channels") == 0) {
            s = rp_parse_int(val, 1, MAX_CHANNELS, &iv, err, sizeof err);
            if (s == RP_OK) o->channels = (int)iv;
        } else if (strcmp(flag, "--rate") == 0) {
            s = rp_parse_rate(val, &o->rate, err, sizeof err);
        } else if (strcmp(flag, "--freq") == 0) {
            if (rp_parse_rate(val, &o->freq, err, sizeof err) != RP_OK) { /* its words: a rate */
                snprintf(msg, sizeof msg, "--freq: bad frequency '%s': Hz > 0 (k, M suffixes)",
                         val);
                return bad_flag(msg) + 1;
            }
        } else if (strcmp(flag, "--duration") == 0) {
            s = rp_parse_duration(val, &o->duration, err, sizeof err);
        } else if (strcmp(flag, "--samples") == 0) {
            s = rp_parse_count(val, 0, INT64_C(1) << 53, &o->samples, err, sizeof err);
        } else if (strcmp(flag, "--seed") == 0) {
            s = rp_parse_int(val, 0, INT64_MAX, &iv, err, sizeof err);
            if (s == RP_OK) o->seed = (uint64_t)iv;
        } else if (strcmp(flag, "--name") == 0) {
            o->name = val;
        } else if (strcmp(flag, "--udp") == 0) {
            o->udp = true;
            if (val)
                s = rp_parse_host_port(val, "127.0.0.1", o->host, sizeof o->host, &o->port, err,
                                       sizeof err);
        } else {
            snprintf(msg, sizeof msg, "unknown flag '%s'", flag);
            return bad_flag(msg) + 1;
        }
        if (s != RP_OK) {
            snprintf(msg, sizeof msg, "%s: %s", flag, err);
            return bad_flag(msg) + 1;
        }
    }
    return 0;
}

static double now_s(clockid_t clk)
{
    struct timespec ts;
    clock_gettime(clk, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void sleep_s(double s)
{
    if (s <= 0) return;
    struct timespec ts = {.tv_sec = (time_t)s, .tv_nsec = (long)((s - floor(s)) * 1e9)};
    nanosleep(&ts, NULL); /* EINTR: the loop re-checks the clock and g_stop */
}

static int open_udp(const options *o)
{
    char port[8];
    snprintf(port, sizeof port, "%u", (unsigned)o->port);
    struct addrinfo hints = {.ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM}, *res = NULL;
    int rc = getaddrinfo(o->host, port, &hints, &res);
    if (rc != 0) {
        fprintf(stderr, "rp-stream: cannot resolve '%s': %s\n", o->host, gai_strerror(rc));
        return -1;
    }
    int fd = -1;
    for (struct addrinfo *ai = res; ai; ai = ai->ai_next) {
        fd = socket(ai->ai_family, ai->ai_socktype, ai->ai_protocol);
        if (fd < 0) continue;
        if (connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) break;
        close(fd);
        fd = -1;
    }
    freeaddrinfo(res);
    if (fd < 0)
        fprintf(stderr, "rp-stream: cannot open UDP to %s:%u: %s\n", o->host, (unsigned)o->port,
                strerror(errno));
    return fd;
}

/* One line on stderr: the rate over the last interval (or the whole run at exit). */
static void report(const stream *st, const char *what, int64_t d_samples, int64_t d_bytes,
                   double dt, int64_t samples, double seconds)
{
    if (dt <= 0) dt = 1e-9;
    fprintf(stderr, "rp-stream: %s %.3f M samples/s, %.1f MB/s%s; %lld samples in %.2f s", what,
            (double)d_samples / dt / 1e6, (double)d_bytes / dt / 1e6, st->o->fast ? "" : " (paced)",
            (long long)samples, seconds);
    if (st->out.udp)
        fprintf(stderr, ", %lld datagrams, %lld not sent", (long long)st->out.datagrams,
                (long long)st->out.send_errors);
    fputc('\n', stderr);
}

int main(int argc, char **argv)
{
    options o = {.signal = RP_SIGNAL_SINE,
                 .rate = 1000.0,
                 .freq = 1.0,
                 .format = FMT_TEXT,
                 .duration = -1.0,
                 .samples = -1,
                 .seed = 1,
                 .scale = 1.0,
                 .port = DEFAULT_PORT};
    snprintf(o.host, sizeof o.host, "127.0.0.1");
    int pr = parse_args(argc, argv, &o);
    if (pr) return pr - 1;
    if (o.channels == 0) o.channels = o.signal == RP_SIGNAL_IMU ? 3 : o.signal == SIG_MIX ? 8 : 1;
    if (o.udp && (o.format == FMT_CSV || o.format == FMT_BINARY))
        return bad_flag("--udp sends text lines: use --format text, text-ts or json");
    if (o.format == FMT_JSON && o.channels > JSON_CHANNELS_MAX)
        return bad_flag("--format json carries at most 63 channels (a line's samples)");
    if (o.binary_given && o.format != FMT_BINARY)
        return bad_flag("--binary-type/-endian/-sync/-checksum need --format binary");

    const int C = o.channels;
    channel *chs = calloc((size_t)C, sizeof *chs);
    if (!chs) {
        fprintf(stderr, "rp-stream: out of memory\n");
        return 1;
    }
    if (!setup_channels(&o, chs, C)) { /* a bad --name, said */
        free(chs);
        return 2;
    }

    int64_t total = -1; /* frames per channel; -1: forever */
    if (o.samples >= 0) total = o.samples;
    if (o.duration >= 0) {
        int64_t d = (int64_t)llround(o.duration * o.rate);
        total = total < 0 || d < total ? d : total;
    }

    stream st = {.o = &o, .chs = chs, .C = C};
    st.batch = BATCH_SAMPLES / C > 0 ? BATCH_SAMPLES / C : 1;
    st.gen = malloc((size_t)C * (size_t)st.batch * sizeof(float));
    st.out.limit = o.udp ? UDP_PAYLOAD : STDOUT_BUFFER;
    st.out.buf = malloc(st.out.limit + SLACK);
    st.out.fd = 1;
    if (!st.gen || !st.out.buf) {
        fprintf(stderr, "rp-stream: out of memory\n");
        return 1;
    }
    if (o.udp) {
        st.out.udp = true;
        st.out.fd = open_udp(&o);
        if (st.out.fd < 0) return 1;
    }
    st.t0_us = floor(now_s(CLOCK_REALTIME) * 1e6);

    /* A reader that goes away is a normal end: see EPIPE instead of dying of SIGPIPE. */
    signal(SIGPIPE, SIG_IGN);
    struct sigaction sa = {.sa_handler = on_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);

    write_header(&st);
    const double start = now_s(CLOCK_MONOTONIC);
    /* Real time: wake at most ~1000 times a second and write what is due (1 MS/s → 1000 frames a
     * wake-up), so high rates cost few system calls. */
    const int64_t min_batch = o.fast                          ? 1
                              : (int64_t)(o.rate * 0.001) > 0 ? (int64_t)(o.rate * 0.001)
                                                              : 1;
    int64_t i = 0, last_i = 0, last_bytes = 0;
    double last_report = start;
    while (!g_stop && !st.out.closed && (total < 0 || i < total)) {
        int64_t n = st.batch;
        if (total >= 0 && total - i < n) n = total - i;
        if (!o.fast) {
            double t = now_s(CLOCK_MONOTONIC) - start;
            int64_t due = (int64_t)floor(t * o.rate) + 1 - i; /* frames due now */
            int64_t want = min_batch;
            if (total >= 0 && total - i < want) want = total - i;
            if (due < want) {
                sleep_s((double)(i + want - 1) / o.rate - t);
                continue;
            }
            if (due < n) n = due;
        }
        for (int c = 0; c < C; c++)
            rp_signal_generate(&chs[c].sig, st.gen + (size_t)c * (size_t)st.batch, n);
        if (o.scale != 1.0)
            for (int c = 0; c < C; c++)
                for (int64_t k = 0; k < n; k++)
                    st.gen[(size_t)c * (size_t)st.batch + (size_t)k] *= (float)o.scale;
        write_frames(&st, i, (int)n);
        i += n;
        if (!o.fast) sink_flush(&st.out); /* the reader sees samples when they are due */
        double now = now_s(CLOCK_MONOTONIC);
        if (!o.quiet && now - last_report >= 1.0) {
            report(&st, "sending", (i - last_i) * C, st.out.bytes - last_bytes, now - last_report,
                   i * C, now - start);
            last_report = now;
            last_i = i;
            last_bytes = st.out.bytes;
        }
    }
    sink_flush(&st.out);
    double end = now_s(CLOCK_MONOTONIC);
    if (st.out.closed)
        fprintf(stderr, "rp-stream: the reader closed the output (EPIPE); stopping\n");
    if (!o.quiet) report(&st, "done:", i * C, st.out.bytes, end - start, i * C, end - start);
    if (o.udp) close(st.out.fd);
    free(st.out.buf);
    free(st.gen);
    free(chs);
    return 0;
}
