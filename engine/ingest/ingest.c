/* ingest.c — the series registry and the source threads.
 *
 * A source parses its input with the io/ parsers and stages samples per series (fixed arrays
 * made when the series is created); a stage is pushed when full and after every read, so a
 * series gets batches rather than single samples. Samples without timestamps get their arrival
 * time, spread evenly between the previous read and this one, so a fast stream draws as a line
 * rather than as steps. */
#define _GNU_SOURCE /* recvmmsg, SO_RXQ_OVFL */
#include "ingest/ingest.h"

#include <arpa/inet.h>
#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <netdb.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "ingest/signals.h"
#include "ingest/source_mqtt.h"
#include "io/parse.h"

#define STAGE 1024        /* samples staged per series before a push */
#define READ_CHUNK 262144 /* bytes per read() of a stream (and pipe size asked for) */
#define UDP_BATCH 32      /* datagrams per recvmmsg */
#define UDP_SENDERS 1024  /* distinct senders remembered */
#define POLL_MS 50        /* how often a blocked reader checks for stop */

/* ---- registry ------------------------------------------------------------------------------- */

enum { SLOT_PENDING = 0, SLOT_READY, SLOT_FAILED };

typedef struct source source;

struct rp_ingest {
    rp_ingest_desc desc;
    source *sources[RP_INGEST_MAX_SOURCES];
    int source_count;
    bool started;
    _Atomic int reserved; /* slots handed out */
    _Atomic int slot_state[RP_INGEST_SERIES_LIMIT];
    rp_series *slot_series[RP_INGEST_SERIES_LIMIT]; /* written before slot_state = READY */
    int slot_source[RP_INGEST_SERIES_LIMIT];
};

/* ---- a source --------------------------------------------------------------------------------- */

typedef struct staged_series {
    rp_series *series;
    char name[RP_NAME_MAX];
    int name_len;
    bool uniform;     /* pushed with rp_push (rate known, no timestamps) */
    double last_time; /* x of the newest pushed sample (arrival-stamped series) */
    int count;        /* staged samples */
    int untimed;      /* of which still waiting for an arrival time */
    float values[STAGE];
    double times[STAGE]; /* NaN: stamp with the arrival time at flush */
} staged_series;

struct source {
    rp_ingest *owner;
    int index;
    rp_source_desc desc;
    char label[RP_NAME_MAX];
    char path[1024];
    char host[RP_HOST_MAX];
    char channel_names[1024];
    pthread_t thread;
    bool thread_started;
    atomic_bool stop;
    atomic_bool running, ended;
    int fd;
    bool own_fd;
    uint16_t bound_port;
    rp_stream_format format; /* resolved (auto detection happens on the first line) */
    rp_line_parser *lines;
    rp_csv_parser *csv;
    rp_frame_parser *frames;
    rp_mqtt_source *mqtt; /* RP_SOURCE_MQTT (source_mqtt.c) */
    staged_series *local; /* max_series entries */
    int local_count;
    int *hash;       /* name → local index, open addressing, 2 × max_series slots */
    int last_series; /* local index of the previous sample's series */
    int hash_size;
    int csv_map[RP_CSV_COLUMNS_MAX];
    double *block_times;      /* binary frames without a rate: arrival times of one block */
    uint8_t *read_buf;        /* READ_CHUNK, or UDP_BATCH × RP_DATAGRAM_MAX */
    double now, prev_now;     /* arrival time of this read and of the previous one */
    double start;             /* wall time when the source started */
    double replay_first_time; /* replay: time of the first row (NaN before it) */
    int64_t replay_rows;
    uint64_t senders[UDP_SENDERS];
    uint8_t sender_bad[UDP_SENDERS];
    int sender_count;
    /* counters (written by the source thread, read by any) */
    _Atomic int64_t bytes, samples, dropped, datagrams, datagrams_rejected, datagrams_lost;
    _Atomic int64_t lines_rejected; /* copied from the parser's counters after each read */
    atomic_int senders_seen, senders_rejected;
    pthread_mutex_t error_lock; /* guards last_error only: never on the push path */
    char last_error[RP_INGEST_ERROR_MAX];
};

double rp_wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void set_error(source *src, const char *fmt, const char *detail)
{
    pthread_mutex_lock(&src->error_lock);
    snprintf(src->last_error, sizeof src->last_error, fmt, detail ? detail : "");
    pthread_mutex_unlock(&src->error_lock);
}

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* Pushes what a series has staged. Untimed samples are spread over (last push, now]. */
static void flush_series(source *src, staged_series *ss)
{
    if (ss->count == 0) return;
    if (ss->uniform) {
        rp_push(ss->series, ss->values, ss->count);
    } else {
        if (ss->untimed > 0) {
            double from = ss->last_time > src->prev_now ? ss->last_time : src->prev_now;
            double to = src->now > from ? src->now : from;
            int k = 0;
            for (int i = 0; i < ss->count; i++)
                if (isnan(ss->times[i]))
                    ss->times[i] = from + (to - from) * (double)(++k) / ss->untimed;
        }
        rp_push_timed(ss->series, ss->times, ss->values, ss->count);
        ss->last_time =
            ss->times[ss->count - 1] > ss->last_time ? ss->times[ss->count - 1] : ss->last_time;
    }
    atomic_fetch_add_explicit(&src->samples, ss->count, memory_order_relaxed);
    ss->count = ss->untimed = 0;
}

static void flush_all(source *src)
{
    for (int i = 0; i < src->local_count; i++) flush_series(src, &src->local[i]);
}

static bool name_is(const staged_series *ss, const char *name, size_t len)
{
    if ((size_t)ss->name_len != len) return false;
    for (size_t i = 0; i < len; i++) /* names are short: no memcmp call */
        if (ss->name[i] != name[i]) return false;
    return true;
}

/* Finds or creates the series `name` of this source; -1 when the limit is reached. */
static int series_for(source *src, const char *name, size_t len, bool uniform)
{
    if (len >= RP_NAME_MAX) return -1;
    /* a stream repeats a series or cycles through them in order: try those before hashing */
    int last = src->last_series;
    if (last < src->local_count) {
        if (name_is(&src->local[last], name, len)) return last;
        int next = last + 1 < src->local_count ? last + 1 : 0;
        if (name_is(&src->local[next], name, len)) return src->last_series = next;
    }
    uint64_t h = hash_bytes(name, len);
    int mask = src->hash_size - 1;
    int pos = (int)(h & (uint64_t)mask);
    for (;;) {
        int idx = src->hash[pos];
        if (idx < 0) break;
        staged_series *ss = &src->local[idx];
        if (name_is(ss, name, len)) return src->last_series = idx;
        pos = (pos + 1) & mask;
    }
    rp_ingest *ing = src->owner;
    if (src->local_count >= ing->desc.max_series) return -1;
    int slot = atomic_fetch_add(&ing->reserved, 1);
    if (slot >= ing->desc.max_series) {
        atomic_fetch_sub(&ing->reserved, 1);
        return -1;
    }
    staged_series *ss = &src->local[src->local_count];
    memset(ss, 0, offsetof(staged_series, values));
    memcpy(ss->name, name, len);
    ss->name[len] = 0;
    ss->name_len = (int)len;
    ss->uniform = uniform;
    ss->last_time = -INFINITY;
    rp_series_desc d = {.name = ss->name, .capacity = ing->desc.capacity, .timestamps = !uniform};
    if (uniform) {
        d.rate = src->desc.rate;
        d.t0 = src->start;
    }
    rp_status st = rp_series_create(&d, &ss->series);
    if (st != RP_OK) {
        set_error(src, "cannot create series: %s", rp_status_string(st));
        atomic_store_explicit(&ing->slot_state[slot], SLOT_FAILED, memory_order_release);
        return -1;
    }
    ing->slot_series[slot] = ss->series;
    ing->slot_source[slot] = src->index;
    atomic_store_explicit(&ing->slot_state[slot], SLOT_READY, memory_order_release);
    src->hash[pos] = src->local_count;
    src->last_series = src->local_count;
    return src->local_count++;
}

static void stage(source *src, int idx, double t, float v)
{
    staged_series *ss = &src->local[idx];
    if (ss->count == STAGE) flush_series(src, ss);
    ss->values[ss->count] = v;
    ss->times[ss->count] = t;
    if (isnan(t)) ss->untimed++;
    ss->count++;
}

static void drop_samples(source *src, int64_t n, const char *name)
{
    if (atomic_fetch_add_explicit(&src->dropped, n, memory_order_relaxed) == 0)
        set_error(src, "series limit reached: samples of '%s' dropped", name);
}

/* ---- for source files (source_mqtt.h): the same staging, on the source's thread ---- */

int rp_ingest_src_series(source *src, const char *name, size_t len)
{
    return series_for(src, name, len, false);
}
void rp_ingest_src_stage(source *src, int series, double t, float v) { stage(src, series, t, v); }
void rp_ingest_src_flush(source *src) { flush_all(src); }
void rp_ingest_src_drop(source *src, int64_t n, const char *name) { drop_samples(src, n, name); }
void rp_ingest_src_error(source *src, const char *message) { set_error(src, "%s", message); }
bool rp_ingest_src_stopping(const source *src)
{
    return atomic_load_explicit(&src->stop, memory_order_relaxed);
}

void rp_ingest_src_arrival(source *src, double now, int64_t bytes)
{
    src->prev_now = src->now;
    src->now = now;
    atomic_fetch_add_explicit(&src->bytes, bytes, memory_order_relaxed);
}

void rp_ingest_src_lines_rejected(source *src, int64_t total)
{
    atomic_store_explicit(&src->lines_rejected, total, memory_order_relaxed);
}

static void *mqtt_thread(void *arg)
{
    source *src = arg;
    src->prev_now = src->now = rp_wall_seconds();
    rp_mqtt_source_run(src->mqtt);
    atomic_store(&src->running, false);
    return NULL;
}

/* ---- parser callbacks ------------------------------------------------------------------------ */

static void on_line_sample(void *user, const rp_line_sample *s)
{
    source *src = user;
    int idx = series_for(src, s->name, s->name_len, false);
    if (idx < 0) {
        char name[RP_NAME_MAX];
        size_t n = s->name_len < sizeof name - 1 ? s->name_len : sizeof name - 1;
        memcpy(name, s->name, n);
        name[n] = 0;
        drop_samples(src, 1, name);
        return;
    }
    stage(src, idx, s->has_timestamp ? s->timestamp_ms / 1000.0 : NAN, s->value);
}

static void on_csv_header(void *user, const rp_csv_parser *p)
{
    source *src = user;
    bool uniform = rp_csv_parser_time_unit(p) == RP_TIME_UNIT_NONE && src->desc.rate > 0;
    for (int c = 0; c < rp_csv_parser_columns(p) && c < RP_CSV_COLUMNS_MAX; c++) {
        const char *name = rp_csv_parser_column_name(p, c);
        src->csv_map[c] = series_for(src, name, strlen(name), uniform);
        if (src->csv_map[c] < 0) set_error(src, "series limit reached: column '%s' dropped", name);
    }
}

static void sleep_until_wall(source *src, double due)
{
    while (!atomic_load_explicit(&src->stop, memory_order_relaxed)) {
        double left = due - rp_wall_seconds();
        if (left <= 0) return;
        if (left > 0.05) left = 0.05;
        struct timespec ts = {0, (long)(left * 1e9)};
        nanosleep(&ts, NULL);
    }
}

static void on_csv_row(void *user, const rp_csv_row *row)
{
    source *src = user;
    double t = NAN;
    if (row->has_time) {
        rp_time_unit unit = rp_csv_parser_time_unit(src->csv);
        t = unit == RP_TIME_UNIT_MS ? row->time / 1000.0 : row->time;
    }
    if (src->desc.kind == RP_SOURCE_REPLAY && isfinite(src->desc.speed)) {
        /* pace: a row is due when its time (or its number / rate) has come, scaled by speed */
        double offset = NAN;
        if (row->has_time) {
            if (isnan(src->replay_first_time)) src->replay_first_time = t;
            offset = t - src->replay_first_time;
        } else if (src->desc.rate > 0) {
            offset = (double)src->replay_rows / src->desc.rate;
        }
        if (isfinite(offset)) {
            double due = src->start + offset / src->desc.speed;
            if (due > rp_wall_seconds() + 0.002) {
                src->now = rp_wall_seconds();
                flush_all(src); /* show what is due before waiting */
                src->prev_now = src->now;
                sleep_until_wall(src, due);
            }
        }
    }
    src->replay_rows++;
    for (int c = 0; c < row->count && c < RP_CSV_COLUMNS_MAX; c++) {
        if (src->csv_map[c] < 0) {
            drop_samples(src, 1, rp_csv_parser_column_name(src->csv, c));
            continue;
        }
        stage(src, src->csv_map[c], t, row->values[c]);
    }
}

static void on_frame_block(void *user, const rp_frame_block *b)
{
    source *src = user;
    double times_from = NAN; /* block_times holds the times spread from here (NaN: none yet) */
    for (int c = 0; c < b->channels; c++) {
        int idx = src->csv_map[c];
        if (idx < 0) {
            drop_samples(src, b->frames, "binary channel");
            continue;
        }
        staged_series *ss = &src->local[idx];
        const float *v = b->samples + (size_t)c * b->stride;
        if (ss->uniform) {
            rp_push(ss->series, v, b->frames);
        } else {
            double from = ss->last_time > src->prev_now ? ss->last_time : src->prev_now;
            double to = src->now > from ? src->now : from;
            if (from != times_from) { /* the channels of a frame share their times: spread once */
                double step = (to - from) / b->frames;
                for (int i = 0; i < b->frames - 1; i++) src->block_times[i] = from + step * (i + 1);
                src->block_times[b->frames - 1] = to;
                times_from = from;
            }
            rp_push_timed(ss->series, src->block_times, v, b->frames);
            ss->last_time = to;
        }
        atomic_fetch_add_explicit(&src->samples, b->frames, memory_order_relaxed);
    }
}

/* ---- stream sources (fd, replay) ---------------------------------------------------------------- */

static rp_stream_format detect_format(const uint8_t *data, size_t len)
{
    size_t end = 0;
    while (end < len && data[end] != '\n') end++;
    bool colon = false, delimiter = false;
    for (size_t i = 0; i < end; i++) {
        colon |= data[i] == ':';
        delimiter |= data[i] == ',' || data[i] == ';' || data[i] == '\t';
    }
    if (!delimiter || colon) return RP_FORMAT_TEXT;
    /* A first line of numbers only is data, not a CSV header: bare values per line ("1,2,3"),
     * which the text parser reads as value1, value2... */
    return rp_line_is_bare_values((const char *)data, end) ? RP_FORMAT_TEXT : RP_FORMAT_CSV;
}

static rp_status make_stream_parser(source *src)
{
    switch (src->format) {
    case RP_FORMAT_CSV: {
        rp_csv_parser_desc d = {.on_row = on_csv_row, .on_header = on_csv_header, .user = src};
        return rp_csv_parser_create(&d, &src->csv);
    }
    case RP_FORMAT_BINARY: {
        rp_frame_parser_desc d = {
            .channels = src->desc.channels, .on_block = on_frame_block, .user = src};
        return rp_frame_parser_create(&d, &src->frames);
    }
    default: {
        rp_line_parser_desc d = {.on_sample = on_line_sample, .user = src};
        return rp_line_parser_create(&d, &src->lines);
    }
    }
}

static void feed_stream(source *src, const uint8_t *data, size_t len)
{
    if (src->format == RP_FORMAT_AUTO) {
        src->format = detect_format(data, len);
        if (make_stream_parser(src) != RP_OK) {
            set_error(src, "%s", "cannot create parser");
            atomic_store(&src->stop, true);
            return;
        }
    }
    if (src->lines)
        rp_line_parser_feed(src->lines, data, len);
    else if (src->csv)
        rp_csv_parser_feed(src->csv, data, len);
    else if (src->frames)
        rp_frame_parser_feed(src->frames, data, len);
}

static void finish_stream(source *src)
{
    if (src->lines) rp_line_parser_finish(src->lines);
    if (src->csv) rp_csv_parser_finish(src->csv);
    if (src->frames) rp_frame_parser_finish(src->frames);
}

static void copy_parser_counters(source *src)
{
    int64_t bad = 0;
    if (src->lines) bad = rp_line_parser_stats(src->lines).lines_rejected;
    if (src->csv) {
        rp_csv_stats cs = rp_csv_parser_stats(src->csv);
        bad = cs.rows_rejected + cs.fields_bad;
    }
    atomic_store_explicit(&src->lines_rejected, bad, memory_order_relaxed);
}

static void copy_parser_error(source *src)
{
    copy_parser_counters(src);
    const char *e = src->lines    ? rp_line_parser_last_error(src->lines)
                    : src->csv    ? rp_csv_parser_last_error(src->csv)
                    : src->frames ? rp_frame_parser_last_error(src->frames)
                                  : "";
    if (e && *e) set_error(src, "%s", e);
}

static void *stream_thread(void *arg)
{
    source *src = arg;
    src->prev_now = src->now = rp_wall_seconds();
    while (!atomic_load_explicit(&src->stop, memory_order_relaxed)) {
        struct pollfd pfd = {.fd = src->fd, .events = POLLIN};
        int ready = poll(&pfd, 1, POLL_MS);
        if (ready < 0 && errno != EINTR) break;
        if (ready <= 0) continue;
        ssize_t n = read(src->fd, src->read_buf, READ_CHUNK);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            set_error(src, "read failed: %s", strerror(errno));
            break;
        }
        src->prev_now = src->now;
        src->now = rp_wall_seconds();
        if (n == 0) { /* end of stream: a last line without newline still counts */
            finish_stream(src);
            flush_all(src);
            atomic_store(&src->ended, true);
            break;
        }
        atomic_fetch_add_explicit(&src->bytes, n, memory_order_relaxed);
        feed_stream(src, src->read_buf, (size_t)n);
        flush_all(src);
        copy_parser_error(src);
    }
    copy_parser_error(src);
    atomic_store(&src->running, false);
    return NULL;
}

/* ---- UDP ---------------------------------------------------------------------------------------- */

static void note_sender(source *src, const struct sockaddr_storage *addr, socklen_t len, bool bad)
{
    uint64_t h = hash_bytes((const char *)addr, len);
    int i = 0;
    for (; i < src->sender_count; i++)
        if (src->senders[i] == h) break;
    if (i == src->sender_count) {
        if (src->sender_count == UDP_SENDERS) return;
        src->senders[src->sender_count++] = h;
        atomic_store_explicit(&src->senders_seen, src->sender_count, memory_order_relaxed);
    }
    if (bad && !src->sender_bad[i]) {
        src->sender_bad[i] = 1;
        atomic_fetch_add_explicit(&src->senders_rejected, 1, memory_order_relaxed);
    }
}

static void *udp_thread(void *arg)
{
    source *src = arg;
    struct mmsghdr msgs[UDP_BATCH];
    struct iovec iov[UDP_BATCH];
    struct sockaddr_storage from[UDP_BATCH];
    char control[UDP_BATCH][CMSG_SPACE(sizeof(uint32_t))];
    src->prev_now = src->now = rp_wall_seconds();
    while (!atomic_load_explicit(&src->stop, memory_order_relaxed)) {
        struct pollfd pfd = {.fd = src->fd, .events = POLLIN};
        int ready = poll(&pfd, 1, POLL_MS);
        if (ready <= 0) continue;
        for (int i = 0; i < UDP_BATCH; i++) {
            iov[i].iov_base = src->read_buf + (size_t)i * (RP_DATAGRAM_MAX + 1);
            iov[i].iov_len = RP_DATAGRAM_MAX + 1; /* one byte more: oversized datagrams show */
            msgs[i].msg_hdr = (struct msghdr){.msg_name = &from[i],
                                              .msg_namelen = sizeof from[i],
                                              .msg_iov = &iov[i],
                                              .msg_iovlen = 1,
                                              .msg_control = control[i],
                                              .msg_controllen = sizeof control[i]};
        }
        int got = recvmmsg(src->fd, msgs, UDP_BATCH, MSG_DONTWAIT, NULL);
        if (got <= 0) continue;
        src->prev_now = src->now;
        src->now = rp_wall_seconds();
        for (int i = 0; i < got; i++) {
            size_t len = msgs[i].msg_len;
            bool truncated = (msgs[i].msg_hdr.msg_flags & MSG_TRUNC) != 0;
            atomic_fetch_add_explicit(&src->bytes, (int64_t)len, memory_order_relaxed);
            atomic_fetch_add_explicit(&src->datagrams, 1, memory_order_relaxed);
            rp_status st = truncated
                               ? RP_ERR_LIMIT
                               : rp_line_parser_feed_datagram(src->lines, iov[i].iov_base, len);
            if (st != RP_OK) {
                atomic_fetch_add_explicit(&src->datagrams_rejected, 1, memory_order_relaxed);
                if (truncated)
                    set_error(src, "%s", "datagram larger than 65507 bytes dropped");
                else
                    copy_parser_error(src);
            }
            note_sender(src, &from[i], msgs[i].msg_hdr.msg_namelen, st != RP_OK);
            for (struct cmsghdr *c = CMSG_FIRSTHDR(&msgs[i].msg_hdr); c;
                 c = CMSG_NXTHDR(&msgs[i].msg_hdr, c)) {
                if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_RXQ_OVFL) {
                    uint32_t lost;
                    memcpy(&lost, CMSG_DATA(c), sizeof lost);
                    atomic_store_explicit(&src->datagrams_lost, lost, memory_order_relaxed);
                }
            }
        }
        flush_all(src);
        copy_parser_counters(src);
    }
    atomic_store(&src->running, false);
    return NULL;
}

static rp_status open_udp(source *src, char *err, int err_size)
{
    struct addrinfo hints = {
        .ai_family = AF_UNSPEC, .ai_socktype = SOCK_DGRAM, .ai_flags = AI_PASSIVE | AI_NUMERICSERV};
    struct addrinfo *res = NULL;
    char port[8];
    snprintf(port, sizeof port, "%u", src->desc.port);
    int rc = getaddrinfo(src->host, port, &hints, &res);
    if (rc != 0) {
        snprintf(err, (size_t)err_size, "udp: cannot resolve '%s': %s", src->host,
                 gai_strerror(rc));
        return RP_ERR_IO;
    }
    int fd = socket(res->ai_family, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        snprintf(err, (size_t)err_size, "udp: socket: %s", strerror(errno));
        freeaddrinfo(res);
        return RP_ERR_IO;
    }
    int on = 1, rcvbuf = 8 << 20;
    setsockopt(fd, SOL_SOCKET, SO_RXQ_OVFL, &on, sizeof on);       /* kernel drops become visible */
    setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &rcvbuf, sizeof rcvbuf); /* absorb bursts */
    if (bind(fd, res->ai_addr, res->ai_addrlen) != 0) {
        snprintf(err, (size_t)err_size, "udp: cannot bind %s:%u: %s", src->host, src->desc.port,
                 strerror(errno));
        close(fd);
        freeaddrinfo(res);
        return RP_ERR_IO;
    }
    freeaddrinfo(res);
    struct sockaddr_storage bound;
    socklen_t blen = sizeof bound;
    getsockname(fd, (struct sockaddr *)&bound, &blen);
    src->bound_port = ntohs(bound.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&bound)->sin6_port
                                                        : ((struct sockaddr_in *)&bound)->sin_port);
    src->fd = fd;
    src->own_fd = true;
    return RP_OK;
}

/* ---- demo ---------------------------------------------------------------------------------------- */

typedef struct demo_channel {
    const char *name;
    rp_signal_kind kind;
    double rate;
    int axis;
} demo_channel;

static const demo_channel demo_channels[] = {
    {"imu/accel x", RP_SIGNAL_IMU, 1000, 0},
    {"imu/accel y", RP_SIGNAL_IMU, 1000, 1},
    {"imu/accel z", RP_SIGNAL_IMU, 1000, 2},
    {"ecg/lead II", RP_SIGNAL_ECG, 500, 0},
    {"sensor/pressure", RP_SIGNAL_SENSOR, 100000, 0},
    {"env/temperature", RP_SIGNAL_TEMPERATURE, 10, 0},
};
enum { DEMO_CHANNELS = sizeof demo_channels / sizeof demo_channels[0] };

static void *demo_thread(void *arg)
{
    source *src = arg;
    rp_signal sig[DEMO_CHANNELS];
    rp_series *series[DEMO_CHANNELS];
    float buf[4096];
    double speed = src->desc.demo_speed > 0 ? src->desc.demo_speed : 1.0;
    for (int c = 0; c < DEMO_CHANNELS; c++) {
        rp_signal_init(&sig[c], demo_channels[c].kind, demo_channels[c].rate, demo_channels[c].axis,
                       42);
        series[c] = NULL;
        /* uniform series: x = start + index / rate, exactly where the sample belongs */
        src->desc.rate = demo_channels[c].rate * speed;
        int idx = series_for(src, demo_channels[c].name, strlen(demo_channels[c].name), true);
        if (idx >= 0) series[c] = src->local[idx].series;
    }
    while (!atomic_load_explicit(&src->stop, memory_order_relaxed)) {
        double elapsed = rp_wall_seconds() - src->start;
        for (int c = 0; c < DEMO_CHANNELS; c++) {
            if (!series[c]) continue;
            int64_t due = (int64_t)(elapsed * demo_channels[c].rate * speed) - sig[c].index;
            while (due > 0) {
                int64_t n = due < 4096 ? due : 4096;
                rp_signal_generate(&sig[c], buf, n);
                rp_push(series[c], buf, n);
                atomic_fetch_add_explicit(&src->samples, n, memory_order_relaxed);
                due -= n;
            }
        }
        struct timespec ts = {0, 2000000}; /* 2 ms: data arrives smoothly at any frame rate */
        nanosleep(&ts, NULL);
    }
    atomic_store(&src->running, false);
    return NULL;
}

/* ---- public ------------------------------------------------------------------------------------- */

rp_status rp_ingest_create(const rp_ingest_desc *desc, rp_ingest **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    rp_ingest_desc d = desc ? *desc : (rp_ingest_desc){0};
    if (d.capacity == 0) d.capacity = (int64_t)1 << 20;
    if (d.max_series == 0) d.max_series = 64;
    if (d.capacity < 1 || d.max_series < 1) return RP_ERR_INVALID_ARG;
    if (d.max_series > RP_INGEST_SERIES_LIMIT) return RP_ERR_LIMIT;
    rp_ingest *ing = calloc(1, sizeof *ing);
    if (!ing) return RP_ERR_NO_MEMORY;
    ing->desc = d;
    *out = ing;
    return RP_OK;
}

static void source_free(source *src)
{
    if (!src) return;
    if (src->own_fd && src->fd >= 0) close(src->fd);
    rp_line_parser_destroy(src->lines);
    rp_csv_parser_destroy(src->csv);
    rp_frame_parser_destroy(src->frames);
    rp_mqtt_source_destroy(src->mqtt);
    free(src->local);
    free(src->hash);
    free(src->block_times);
    free(src->read_buf);
    pthread_mutex_destroy(&src->error_lock);
    free(src);
}

static void copy_string(char *dst, size_t size, const char *s, const char *fallback)
{
    snprintf(dst, size, "%s", s ? s : fallback);
}

rp_status rp_ingest_add_source(rp_ingest *ing, const rp_source_desc *desc, char *err, int err_size)
{
    char scratch[8];
    if (!err || err_size <= 0) {
        err = scratch;
        err_size = sizeof scratch;
    }
    err[0] = 0;
    if (!ing || !desc) return RP_ERR_INVALID_ARG;
    if (ing->started) {
        snprintf(err, (size_t)err_size, "sources must be added before start");
        return RP_ERR_INVALID_ARG;
    }
    if (ing->source_count == RP_INGEST_MAX_SOURCES) {
        snprintf(err, (size_t)err_size, "at most %d sources", RP_INGEST_MAX_SOURCES);
        return RP_ERR_LIMIT;
    }
    source *src = calloc(1, sizeof *src);
    if (!src) return RP_ERR_NO_MEMORY;
    pthread_mutex_init(&src->error_lock, NULL);
    src->owner = ing;
    src->index = ing->source_count;
    src->desc = *desc;
    src->fd = -1;
    src->replay_first_time = NAN;
    static const char *const default_labels[] = {"demo", "stdin", "udp", "replay", "mqtt"};
    copy_string(src->label, sizeof src->label, desc->label,
                (unsigned)desc->kind < RP_SOURCE_KIND_COUNT ? default_labels[desc->kind]
                                                            : "source");
    copy_string(src->path, sizeof src->path, desc->path, "");
    copy_string(src->host, sizeof src->host, desc->host, "127.0.0.1");
    copy_string(src->channel_names, sizeof src->channel_names, desc->channel_names, "");
    src->desc.label = src->label;
    src->desc.path = src->path;
    src->desc.host = src->host;
    src->desc.channel_names = src->channel_names;
    if (src->desc.kind == RP_SOURCE_UDP && src->desc.port == 0 && !desc->host)
        src->desc.port = RP_UDP_DEFAULT_PORT;
    if (src->desc.kind == RP_SOURCE_REPLAY && src->desc.speed == 0) src->desc.speed = 1.0;
    src->hash_size = 1;
    while (src->hash_size < 2 * ing->desc.max_series) src->hash_size <<= 1;
    src->local = malloc(sizeof *src->local * (size_t)ing->desc.max_series);
    src->hash = malloc(sizeof *src->hash * (size_t)src->hash_size);
    size_t buf_size =
        desc->kind == RP_SOURCE_UDP ? (size_t)UDP_BATCH * (RP_DATAGRAM_MAX + 1) : READ_CHUNK;
    src->read_buf = malloc(buf_size);
    if (!src->local || !src->hash || !src->read_buf) {
        source_free(src);
        return RP_ERR_NO_MEMORY;
    }
    for (int i = 0; i < src->hash_size; i++) src->hash[i] = -1;
    for (int i = 0; i < RP_CSV_COLUMNS_MAX; i++) src->csv_map[i] = -1;

    rp_status st = RP_OK;
    src->format = desc->format;
    switch (desc->kind) {
    case RP_SOURCE_DEMO: break;
    case RP_SOURCE_FD:
    case RP_SOURCE_REPLAY:
        if (desc->kind == RP_SOURCE_REPLAY) {
            src->fd = open(src->path, O_RDONLY | O_CLOEXEC);
            if (src->fd < 0) {
                snprintf(err, (size_t)err_size, "cannot open '%s': %s", src->path, strerror(errno));
                st = RP_ERR_IO;
                break;
            }
            src->own_fd = true;
            if (src->format == RP_FORMAT_AUTO) src->format = RP_FORMAT_CSV;
        } else {
            src->fd = desc->fd;
            fcntl(src->fd, F_SETPIPE_SZ,
                  READ_CHUNK); /* a pipe: fewer, larger reads; else fails, harmless */
        }
        if (src->format == RP_FORMAT_BINARY) {
            if (desc->channels < 1 || desc->channels > RP_FRAME_CHANNELS_MAX) {
                snprintf(err, (size_t)err_size, "binary input needs --channels 1..%d",
                         RP_FRAME_CHANNELS_MAX);
                st = RP_ERR_INVALID_ARG;
                break;
            }
            src->block_times = malloc(sizeof(double) * RP_FRAME_BLOCK_DEFAULT);
            if (!src->block_times) {
                st = RP_ERR_NO_MEMORY;
                break;
            }
        }
        if (src->format != RP_FORMAT_AUTO && make_stream_parser(src) != RP_OK) {
            snprintf(err, (size_t)err_size, "cannot create the parser");
            st = RP_ERR_INVALID_ARG;
        }
        break;
    case RP_SOURCE_UDP: {
        rp_line_parser_desc d = {.on_sample = on_line_sample, .user = src};
        st = rp_line_parser_create(&d, &src->lines);
        if (st == RP_OK) st = open_udp(src, err, err_size);
        break;
    }
    case RP_SOURCE_MQTT:
        st = rp_mqtt_source_create(src, &desc->mqtt, &src->mqtt, err, err_size);
        break;
    default: snprintf(err, (size_t)err_size, "unknown source kind"); st = RP_ERR_INVALID_ARG;
    }
    if (st != RP_OK) {
        source_free(src);
        return st;
    }
    ing->sources[ing->source_count++] = src;
    return RP_OK;
}

/* Binary channels are known up front: make their series in channel order. */
static void create_binary_series(source *src)
{
    const char *names = src->channel_names;
    for (int c = 0; c < src->desc.channels && c < RP_CSV_COLUMNS_MAX; c++) {
        char name[RP_NAME_MAX];
        const char *comma = strchr(names, ',');
        size_t len = comma ? (size_t)(comma - names) : strlen(names);
        if (len > 0 && len < sizeof name) {
            memcpy(name, names, len);
            name[len] = 0;
        } else {
            snprintf(name, sizeof name, "ch%d", c);
        }
        names = comma ? comma + 1 : names + len;
        src->csv_map[c] = series_for(src, name, strlen(name), src->desc.rate > 0);
    }
}

rp_status rp_ingest_start(rp_ingest *ing)
{
    if (!ing || ing->started) return RP_ERR_INVALID_ARG;
    ing->started = true;
    for (int i = 0; i < ing->source_count; i++) {
        source *src = ing->sources[i];
        src->start = rp_wall_seconds();
        if (src->format == RP_FORMAT_BINARY) create_binary_series(src);
        void *(*fn)(void *) = src->desc.kind == RP_SOURCE_DEMO   ? demo_thread
                              : src->desc.kind == RP_SOURCE_UDP  ? udp_thread
                              : src->desc.kind == RP_SOURCE_MQTT ? mqtt_thread
                                                                 : stream_thread;
        atomic_store(&src->running, true);
        if (pthread_create(&src->thread, NULL, fn, src) != 0) {
            atomic_store(&src->running, false);
            set_error(src, "%s", "cannot start thread");
            return RP_ERR_NO_MEMORY;
        }
        src->thread_started = true;
    }
    return RP_OK;
}

void rp_ingest_stop(rp_ingest *ing)
{
    if (!ing) return;
    for (int i = 0; i < ing->source_count; i++) atomic_store(&ing->sources[i]->stop, true);
    for (int i = 0; i < ing->source_count; i++) {
        source *src = ing->sources[i];
        if (src->thread_started) pthread_join(src->thread, NULL);
        src->thread_started = false;
    }
}

void rp_ingest_destroy(rp_ingest *ing)
{
    if (!ing) return;
    rp_ingest_stop(ing);
    int reserved = atomic_load(&ing->reserved);
    for (int i = 0; i < reserved && i < RP_INGEST_SERIES_LIMIT; i++)
        if (atomic_load(&ing->slot_state[i]) == SLOT_READY) rp_series_destroy(ing->slot_series[i]);
    for (int i = 0; i < ing->source_count; i++) source_free(ing->sources[i]);
    free(ing);
}

int rp_ingest_series_count(const rp_ingest *ing)
{
    if (!ing) return 0;
    int n = atomic_load_explicit(&((rp_ingest *)ing)->reserved, memory_order_acquire);
    return n < ing->desc.max_series ? n : ing->desc.max_series;
}

rp_series *rp_ingest_series_at(const rp_ingest *ing, int index, int *source_index)
{
    if (!ing || index < 0 || index >= RP_INGEST_SERIES_LIMIT) return NULL;
    if (atomic_load_explicit(&((rp_ingest *)ing)->slot_state[index], memory_order_acquire) !=
        SLOT_READY)
        return NULL;
    if (source_index) *source_index = ing->slot_source[index];
    return ing->slot_series[index];
}

int rp_ingest_source_count(const rp_ingest *ing) { return ing ? ing->source_count : 0; }

rp_source_stats rp_ingest_source_stats(const rp_ingest *ing, int index)
{
    rp_source_stats st;
    memset(&st, 0, sizeof st);
    if (!ing || index < 0 || index >= ing->source_count) return st;
    source *src = ing->sources[index];
    snprintf(st.label, sizeof st.label, "%s", src->label);
    st.running = atomic_load(&src->running);
    st.ended = atomic_load(&src->ended);
    st.bytes = atomic_load_explicit(&src->bytes, memory_order_relaxed);
    st.samples = atomic_load_explicit(&src->samples, memory_order_relaxed);
    st.samples_dropped = atomic_load_explicit(&src->dropped, memory_order_relaxed);
    st.datagrams = atomic_load_explicit(&src->datagrams, memory_order_relaxed);
    st.datagrams_rejected = atomic_load_explicit(&src->datagrams_rejected, memory_order_relaxed);
    st.datagrams_lost = atomic_load_explicit(&src->datagrams_lost, memory_order_relaxed);
    st.lines_rejected = atomic_load_explicit(&src->lines_rejected, memory_order_relaxed);
    st.senders = atomic_load_explicit(&src->senders_seen, memory_order_relaxed);
    st.senders_rejected = atomic_load_explicit(&src->senders_rejected, memory_order_relaxed);
    if (src->mqtt) rp_mqtt_source_stats(src->mqtt, &st);
    pthread_mutex_lock(&src->error_lock);
    snprintf(st.last_error, sizeof st.last_error, "%s", src->last_error);
    pthread_mutex_unlock(&src->error_lock);
    return st;
}

uint16_t rp_ingest_udp_port(const rp_ingest *ing, int index)
{
    if (!ing || index < 0 || index >= ing->source_count) return 0;
    return ing->sources[index]->bound_port;
}

int rp_ingest_mqtt_topics(const rp_ingest *ing, int index, rp_mqtt_topic_stats *out, int max)
{
    if (!ing || index < 0 || index >= ing->source_count || !ing->sources[index]->mqtt) return 0;
    return rp_mqtt_source_topics(ing->sources[index]->mqtt, out, max);
}

bool rp_ingest_all_ended(const rp_ingest *ing)
{
    if (!ing) return true;
    for (int i = 0; i < ing->source_count; i++) {
        source *src = ing->sources[i];
        if (src->desc.kind == RP_SOURCE_DEMO || src->desc.kind == RP_SOURCE_UDP) return false;
        if (!atomic_load(&src->ended)) return false;
    }
    return true;
}
