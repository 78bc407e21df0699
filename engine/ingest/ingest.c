/* ingest.c — the series registry and the source threads; each kind is behind rp_source_ops. */
#include "ingest/ingest.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/series_hold.h"
#include "ingest/source.h"

enum { SLOT_PENDING = 0, SLOT_READY, SLOT_FAILED };

struct rp_ingest {
    rp_ingest_desc desc;
    bool max_series_given;
    source *sources[RP_INGEST_MAX_SOURCES];
    int source_count;
    bool started;
    _Atomic int reserved; /* slots handed out */
    _Atomic int slot_state[RP_INGEST_SERIES_LIMIT];
    rp_series *slot_series[RP_INGEST_SERIES_LIMIT]; /* written before slot_state = READY */
    int slot_source[RP_INGEST_SERIES_LIMIT];
    int slot_xy[RP_INGEST_SERIES_LIMIT]; /* RP_INGEST_XY_* (written before the slot is ready) */
    _Atomic double slot_rate[RP_INGEST_SERIES_LIMIT];
    _Atomic double slot_arrival[RP_INGEST_SERIES_LIMIT]; /* rp_ingest_now of its newest push */
};

/* Every kind in this build; NULL: not built. */
static const rp_source_ops *ops_for(rp_source_kind kind)
{
    switch (kind) {
    case RP_SOURCE_DEMO: return &rp_source_demo_ops;
    case RP_SOURCE_FD: return &rp_source_fd_ops;
    case RP_SOURCE_UDP: return &rp_source_udp_ops;
    case RP_SOURCE_REPLAY: return &rp_source_replay_ops;
#ifdef RINGPLOT_WITH_MQTT
    case RP_SOURCE_MQTT: return &rp_source_mqtt_ops;
#endif
#ifdef RINGPLOT_WITH_SERIAL
    case RP_SOURCE_SERIAL: return &rp_source_serial_ops;
#endif
    default: return NULL;
    }
}

double rp_wall_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* ---- registry (called by the sink on source threads) ----------------------------------------- */

int rp_ingest__reserve_slot(rp_ingest *ing)
{
    int slot = atomic_fetch_add(&ing->reserved, 1);
    if (slot >= ing->desc.max_series) {
        atomic_fetch_sub(&ing->reserved, 1);
        return -1;
    }
    return slot;
}

int rp_ingest__max_series(const rp_ingest *ing) { return ing->desc.max_series; }

void rp_ingest__publish_slot(rp_ingest *ing, int slot, rp_series *series, int source_index)
{
    ing->slot_series[slot] = series;
    ing->slot_source[slot] = source_index;
    atomic_store_explicit(&ing->slot_state[slot], SLOT_READY, memory_order_release);
}

void rp_ingest__fail_slot(rp_ingest *ing, int slot)
{
    atomic_store_explicit(&ing->slot_state[slot], SLOT_FAILED, memory_order_release);
}

void rp_ingest__slot_xy(rp_ingest *ing, int slot, int role)
{
    if (slot >= 0 && slot < RP_INGEST_SERIES_LIMIT) ing->slot_xy[slot] = role;
}

void rp_ingest__slot_rate(rp_ingest *ing, int slot, double rate)
{
    if (slot >= 0 && slot < RP_INGEST_SERIES_LIMIT)
        atomic_store_explicit(&ing->slot_rate[slot], rate, memory_order_relaxed);
}

void rp_ingest__slot_arrival(rp_ingest *ing, int slot, double now)
{
    if (slot >= 0 && slot < RP_INGEST_SERIES_LIMIT)
        atomic_store_explicit(&ing->slot_arrival[slot], now, memory_order_relaxed);
}

double rp_ingest_series_idle(const rp_ingest *ing, int index)
{
    if (!ing || index < 0 || index >= RP_INGEST_SERIES_LIMIT) return 0;
    double at =
        atomic_load_explicit(&((rp_ingest *)ing)->slot_arrival[index], memory_order_relaxed);
    double idle = at > 0 ? rp_ingest_now(ing) - at : 0;
    return idle > 0 ? idle : 0;
}

double rp_ingest_now(const rp_ingest *ing)
{
    return ing && ing->desc.clock ? ing->desc.clock(ing->desc.clock_user) : rp_wall_seconds();
}

rp_status rp_ingest_mqtt_deliver(rp_ingest *ing, int index, const char *topic, const void *payload,
                                 size_t len)
{
    if (!ing || index < 0 || index >= ing->source_count ||
        ing->sources[index]->desc.kind != RP_SOURCE_MQTT || ing->started || !topic)
        return RP_ERR_INVALID_ARG;
#ifdef RINGPLOT_WITH_MQTT
    rp_mqtt_source_deliver(ing->sources[index], topic, payload, len);
    rp_sink_flush_all(ing->sources[index]);
    return RP_OK;
#else
    (void)payload;
    (void)len;
    return RP_ERR_UNSUPPORTED;
#endif
}

rp_status rp_ingest_stream_deliver(rp_ingest *ing, int index, const void *bytes, size_t len,
                                   bool end)
{
    if (!ing || index < 0 || index >= ing->source_count ||
        ing->sources[index]->desc.kind != RP_SOURCE_FD || ing->started)
        return RP_ERR_INVALID_ARG;
    rp_fd_source_deliver(ing->sources[index], bytes, len, end);
    return RP_OK;
}

rp_notes *rp_ingest__notes(const rp_ingest *ing) { return ing->desc.notes; }

bool rp_ingest__hold_for_reader(const rp_ingest *ing) { return ing->desc.hold_for_reader; }

void rp_ingest_series_release(rp_ingest *ing, int index)
{
    rp_series *s = rp_ingest_series_at(ing, index, NULL);
    if (s) rp_series_hold(s, RP_NO_HOLD);
}

void rp_ingest__memory(const rp_ingest *ing, int64_t *capacity, double *span)
{
    *capacity = ing->desc.capacity;
    *span = ing->desc.span;
}

/* ---- lifetime ----------------------------------------------------------------------------------- */

rp_status rp_ingest_create(const rp_ingest_desc *desc, rp_ingest **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    rp_ingest_desc d = desc ? *desc : (rp_ingest_desc){0};
    bool given = d.max_series != 0;
    if (d.max_series == 0) d.max_series = 64;
    if (d.span == 0) d.span = 10;
    if (d.capacity < 0 || d.max_series < 1 || !(d.span >= 0)) return RP_ERR_INVALID_ARG;
    if (d.max_series > RP_INGEST_SERIES_LIMIT) return RP_ERR_LIMIT;
    rp_ingest *ing = calloc(1, sizeof *ing);
    if (!ing) return RP_ERR_NO_MEMORY;
    ing->desc = d;
    ing->max_series_given = given;
    *out = ing;
    return RP_OK;
}

static void source_free(source *src)
{
    if (!src) return;
    if (src->ops && src->ops->close) src->ops->close(src);
    rp_sink_free(src);
    pthread_mutex_destroy(&src->error_lock);
    pthread_mutex_destroy(&src->report_lock);
    free(src);
}

static void copy_string(char *dst, size_t size, const char *s, const char *fallback)
{
    snprintf(dst, size, "%s", s ? s : fallback);
}

/* A replay's default label: its file's name without the folders ("data.csv" titles the panel of
 * its ungrouped series, and says which file a message is about), cut to fit at a character's
 * start; the kind's label when the name could not name a series (control bytes, not UTF-8). */
static void file_label(char *dst, size_t size, const char *path, const char *fallback)
{
    const char *slash = path ? strrchr(path, '/') : NULL;
    const char *name = slash ? slash + 1 : path ? path : "";
    size_t n = strlen(name);
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)name[n] & 0xC0) == 0x80) n--;
    }
    if (!rp_sink_name_valid(name, n)) { /* a label is a panel's group, checked as a name */
        copy_string(dst, size, NULL, fallback);
        return;
    }
    memcpy(dst, name, n);
    dst[n] = 0;
}

/* A default label another source has already ("udp" twice, "x.csv" of two folders) gets " (2)",
 * " (3)" ...: the legend, --stats and layout files name a series of one of them "LABEL: name",
 * which was then the same for both. Cut to fit at a character's start. */
static void unique_label(const rp_ingest *ing, char *label, size_t size)
{
    char base[RP_NAME_MAX], tried[RP_NAME_MAX];
    snprintf(base, sizeof base, "%s", label);
    snprintf(tried, sizeof tried, "%s", label);
    for (int k = 2; k <= RP_INGEST_MAX_SOURCES + 1; k++) {
        bool taken = false;
        for (int i = 0; i < ing->source_count && !taken; i++)
            taken = !strcmp(ing->sources[i]->label, tried);
        if (!taken) break;
        char suffix[16];
        int sn = snprintf(suffix, sizeof suffix, " (%d)", k);
        size_t n = strlen(base), room = sizeof tried - 1 - (size_t)sn;
        if (n > room) {
            n = room;
            while (n > 0 && ((unsigned char)base[n] & 0xC0) == 0x80) n--;
        }
        snprintf(tried, sizeof tried, "%.*s%s", (int)n, base, suffix);
    }
    snprintf(label, size, "%s", tried);
}

/* Copies s (NULL: "") into dst of size bytes; false, with why in err, when it does not fit
 * (what names it: "channel names"). */
static bool copy_whole(char *dst, size_t size, const char *s, const char *what, char *err,
                       int err_size)
{
    if (s && strlen(s) >= size) {
        snprintf(err, (size_t)err_size, "%s longer than %zu bytes", what, size - 1);
        return false;
    }
    copy_string(dst, size, s, "");
    return true;
}

rp_status rp_ingest_add_source(rp_ingest *ing, const rp_source_desc *desc, char *err, int err_size)
{
    return rp_ingest_add_source_item(ing, desc, NULL, err, err_size);
}

rp_status rp_ingest_add_source_item(rp_ingest *ing, const rp_source_desc *desc, rp_log_item *item,
                                    char *err, int err_size)
{
    rp_log_item scratch_item;
    if (!item) item = &scratch_item;
    *item = RP_LOGITEM_SOURCE_ATTACH;
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
        *item = RP_LOGITEM_LIMIT_EXCEEDED;
        snprintf(err, (size_t)err_size, "at most %d sources", RP_INGEST_MAX_SOURCES);
        return RP_ERR_LIMIT;
    }
    const rp_source_ops *ops = ops_for(desc->kind);
    if (!ops) {
        snprintf(err, (size_t)err_size,
                 (unsigned)desc->kind < RP_SOURCE_KIND_COUNT
                     ? "this source kind is not in this build (see the RINGPLOT_WITH_* options)"
                     : "unknown source kind");
        return (unsigned)desc->kind < RP_SOURCE_KIND_COUNT ? RP_ERR_UNSUPPORTED
                                                           : RP_ERR_INVALID_ARG;
    }
    if (desc->rate < 0 || !isfinite(desc->rate) || desc->capacity < 0 || desc->max_series < 0 ||
        desc->max_series > RP_INGEST_SERIES_LIMIT) {
        snprintf(err, (size_t)err_size, "bad rate, capacity or max_series");
        return RP_ERR_INVALID_ARG;
    }
    if ((unsigned)desc->date_order > RP_DATE_ORDER_MDY) {
        snprintf(err, (size_t)err_size, "unknown date_order %d", (int)desc->date_order);
        return RP_ERR_INVALID_ARG;
    }
    source *src = calloc(1, sizeof *src);
    if (!src) {
        *item = RP_LOGITEM_OUT_OF_MEMORY;
        return RP_ERR_NO_MEMORY;
    }
    pthread_mutex_init(&src->error_lock, NULL);
    pthread_mutexattr_t recursive; /* a callback may call rp_source_send, which may report */
    pthread_mutexattr_init(&recursive);
    pthread_mutexattr_settype(&recursive, PTHREAD_MUTEX_RECURSIVE);
    pthread_mutex_init(&src->report_lock, &recursive);
    pthread_mutexattr_destroy(&recursive);
    src->open_item = RP_LOGITEM_SOURCE_ATTACH;
    src->owner = ing;
    src->index = ing->source_count;
    src->ops = ops;
    src->desc = *desc;
    if (!desc->label && desc->kind == RP_SOURCE_REPLAY)
        file_label(src->label, sizeof src->label, desc->replay.path, ops->label);
    else
        copy_string(src->label, sizeof src->label, desc->label, ops->label);
    if (!desc->label) unique_label(ing, src->label, sizeof src->label);
    src->desc.label = src->label;
    const char *path = desc->kind == RP_SOURCE_REPLAY   ? desc->replay.path
                       : desc->kind == RP_SOURCE_SERIAL ? desc->serial.path
                                                        : NULL;
    if (path && strlen(path) >= sizeof src->path) {
        snprintf(err, (size_t)err_size, "path longer than %zu bytes", sizeof src->path - 1);
        source_free(src);
        return RP_ERR_LIMIT;
    }
    copy_string(src->path, sizeof src->path, path, "");
    if (desc->kind == RP_SOURCE_REPLAY) src->desc.replay.path = src->path;
    if (desc->kind == RP_SOURCE_SERIAL) src->desc.serial.path = src->path;
    if (desc->kind == RP_SOURCE_UDP) {
        copy_string(src->host, sizeof src->host, desc->udp.host, "127.0.0.1");
        src->desc.udp.host = src->host;
        if (desc->udp.port == 0 && !desc->udp.host) src->desc.udp.port = RP_UDP_DEFAULT_PORT;
    }
    if (!copy_whole(src->channel_names, sizeof src->channel_names, desc->channel_names,
                    "channel names", err, err_size) ||
        !copy_whole(src->time_column, sizeof src->time_column, desc->time_column,
                    "time column name", err, err_size)) {
        source_free(src);
        return RP_ERR_LIMIT;
    }
    src->desc.channel_names = src->channel_names;
    src->desc.time_column = desc->time_column ? src->time_column : NULL;
    char *unit = strrchr(src->time_column, ':'); /* "timestamp:us": the column counts µs */
    if (unit && rp_time_unit_named(unit + 1, strlen(unit + 1)) != RP_TIME_UNIT_NONE) {
        src->time_column_unit = rp_time_unit_named(unit + 1, strlen(unit + 1));
        *unit = '\0';
    }
    /* binary frames: every channel is a series; the default limit grows to the channel count */
    if (desc->format == RP_FORMAT_BINARY && !ing->max_series_given &&
        desc->channels > ing->desc.max_series && desc->channels <= RP_INGEST_SERIES_LIMIT)
        ing->desc.max_series = desc->channels;
    int local_max = desc->max_series > 0 ? desc->max_series : ing->desc.max_series;
    if (desc->format == RP_FORMAT_BINARY && desc->channels > local_max &&
        desc->channels <= RP_INGEST_SERIES_LIMIT)
        local_max = desc->channels;
    rp_status st = rp_sink_init(src, local_max);
    if (st == RP_OK) st = ops->open(src, err, err_size);
    if (st != RP_OK) {
        if (!err[0]) snprintf(err, (size_t)err_size, "%s", rp_status_string(st));
        *item = st == RP_ERR_NO_MEMORY ? RP_LOGITEM_OUT_OF_MEMORY : src->open_item;
        source_free(src);
        return st;
    }
    ing->sources[ing->source_count++] = src;
    return RP_OK;
}

static void *source_thread(void *arg)
{
    source *src = arg;
    src->prev_now = src->now = rp_ingest_now(src->owner);
    src->ops->run(src);
    rp_sink_flush_all(src);
    atomic_store(&src->running, false);
    return NULL;
}

rp_status rp_ingest_start(rp_ingest *ing)
{
    if (!ing || ing->started) return RP_ERR_INVALID_ARG;
    ing->started = true;
    for (int i = 0; i < ing->source_count; i++) {
        source *src = ing->sources[i];
        src->start = rp_ingest_now(ing);
        atomic_store(&src->running, true);
        if (pthread_create(&src->thread, NULL, source_thread, src) != 0) {
            atomic_store(&src->running, false);
            rp_sink_log(src, RP_LOG_ERROR, RP_LOGITEM_SOURCE_READ, "%s", "cannot start thread");
            return RP_ERR_NO_MEMORY;
        }
        src->thread_started = true;
    }
    return RP_OK;
}

void rp_ingest_stop(rp_ingest *ing)
{
    if (!ing) return;
    for (int i = 0; i < ing->source_count; i++) {
        source *src = ing->sources[i];
        atomic_store(&src->stop, true);
        if (src->ops->wake && src->impl) src->ops->wake(src);
    }
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

/* ---- queries ------------------------------------------------------------------------------------ */

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

bool rp_ingest_series_failed(const rp_ingest *ing, int index)
{
    if (!ing || index < 0 || index >= RP_INGEST_SERIES_LIMIT) return false;
    return atomic_load_explicit(&((rp_ingest *)ing)->slot_state[index], memory_order_acquire) ==
           SLOT_FAILED;
}

int rp_ingest_series_xy(const rp_ingest *ing, int index)
{
    if (!rp_ingest_series_at(ing, index, NULL)) return RP_INGEST_XY_NONE;
    return ing->slot_xy[index]; /* written before the acquire in rp_ingest_series_at */
}

double rp_ingest_series_rate(const rp_ingest *ing, int index)
{
    if (!ing || index < 0 || index >= RP_INGEST_SERIES_LIMIT) return 0;
    return atomic_load_explicit(&((rp_ingest *)ing)->slot_rate[index], memory_order_relaxed);
}

int rp_ingest_source_count(const rp_ingest *ing) { return ing ? ing->source_count : 0; }

int rp_ingest_source_said_at(const rp_ingest *ing, int index, int k, rp_log_item *item, char *out,
                             size_t size)
{
    if (size > 0) out[0] = '\0';
    if (item) *item = RP_LOGITEM_NONE;
    if (!ing || index < 0 || index >= ing->source_count) return 0;
    source *src = ing->sources[index];
    pthread_mutex_lock(&src->error_lock);
    int count = src->said_count;
    if (k >= 0 && k < count && k < RP_SINK_SAID_MAX) {
        if (size > 0) snprintf(out, size, "%s", src->said_list[k]);
        if (item) *item = src->said_list_item[k];
    }
    pthread_mutex_unlock(&src->error_lock);
    return count;
}

void rp_ingest_line_rejects(const rp_ingest *ing, int index, int64_t *out)
{
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) out[r] = 0;
    if (!ing || index < 0 || index >= ing->source_count) return;
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++)
        out[r] = atomic_load_explicit(&ing->sources[index]->line_rejected[r], memory_order_relaxed);
}

bool rp_ingest_source_said(const rp_ingest *ing, int index, rp_log_item item, char *out,
                           size_t size)
{
    if (size > 0) out[0] = '\0';
    if (!ing || index < 0 || index >= ing->source_count || (unsigned)item >= RP_LOGITEM_COUNT ||
        size == 0)
        return false;
    source *src = ing->sources[index];
    pthread_mutex_lock(&src->error_lock);
    snprintf(out, size, "%s", src->said[item]);
    pthread_mutex_unlock(&src->error_lock);
    return out[0] != '\0';
}

rp_source_stats rp_ingest_source_stats(const rp_ingest *ing, int index)
{
    rp_source_stats st;
    memset(&st, 0, sizeof st);
    if (!ing || index < 0 || index >= ing->source_count) return st;
    source *src = ing->sources[index];
    snprintf(st.label, sizeof st.label, "%s", src->label);
    st.kind = src->desc.kind;
    st.running = atomic_load(&src->running);
    st.ended = atomic_load(&src->ended);
    st.bytes = atomic_load_explicit(&src->bytes, memory_order_relaxed);
    st.samples = atomic_load_explicit(&src->samples, memory_order_relaxed);
    for (int r = 0; r < RP_REFUSAL_COUNT; r++)
        st.refused[r] = atomic_load_explicit(&src->refused[r], memory_order_relaxed);
    st.refused[RP_REFUSED_MALFORMED] +=
        atomic_load_explicit(&src->parser_malformed, memory_order_relaxed);
    st.fields_bad = atomic_load_explicit(&src->csv_fields_bad, memory_order_relaxed);
    st.samples_infinite = atomic_load_explicit(&src->infinite, memory_order_relaxed);
    st.lines_rejected = st.refused[RP_REFUSED_MALFORMED] - st.fields_bad;
    for (int r = 0; r < RP_REFUSAL_COUNT; r++)
        if (r != RP_REFUSED_MALFORMED && r != RP_REFUSED_OVERSIZED && r != RP_REFUSED_PAYLOAD)
            st.samples_dropped += st.refused[r];
    st.clock_resets = atomic_load_explicit(&src->clock_resets, memory_order_relaxed);
    st.units_changed = atomic_load_explicit(&src->units_changed, memory_order_relaxed);
    st.xy_points = atomic_load_explicit(&src->xy_points, memory_order_relaxed);
    st.texts = atomic_load_explicit(&src->texts, memory_order_relaxed);
    st.logs = atomic_load_explicit(&src->logs, memory_order_relaxed);
    st.series = atomic_load_explicit(&src->series_made, memory_order_relaxed);
    st.port = (uint16_t)atomic_load_explicit(&src->bound_port, memory_order_relaxed);
    st.datagrams = atomic_load_explicit(&src->datagrams, memory_order_acquire);
    st.datagrams_rejected = atomic_load_explicit(&src->datagrams_rejected, memory_order_relaxed);
    st.datagrams_lost = atomic_load_explicit(&src->datagrams_lost, memory_order_relaxed);
    st.senders = atomic_load_explicit(&src->senders_seen, memory_order_relaxed);
    st.senders_rejected = atomic_load_explicit(&src->senders_rejected, memory_order_relaxed);
    st.frames = atomic_load_explicit(&src->frames, memory_order_relaxed);
    st.checksum_failed = atomic_load_explicit(&src->checksum_failed, memory_order_relaxed);
    st.sync_lost = atomic_load_explicit(&src->sync_lost, memory_order_relaxed);
    st.sync_skipped = atomic_load_explicit(&src->sync_skipped, memory_order_relaxed);
    st.lines_held = atomic_load_explicit(&src->lines_held, memory_order_relaxed);
    if (atomic_load_explicit(&src->first_line_set, memory_order_acquire))
        snprintf(st.first_line, sizeof st.first_line, "%s", src->first_line);
    if (src->ops->stats) src->ops->stats(src, &st);
    pthread_mutex_lock(&src->error_lock);
    snprintf(st.last_error, sizeof st.last_error, "%s", src->last_error);
    st.last_item = src->last_item;
    pthread_mutex_unlock(&src->error_lock);
    return st;
}

rp_status rp_ingest_send(rp_ingest *ing, int index, const void *bytes, size_t n)
{
    if (!ing || index < 0 || index >= ing->source_count || (!bytes && n)) return RP_ERR_INVALID_ARG;
    source *src = ing->sources[index];
    if (!src->ops->send || !src->impl) return RP_ERR_UNSUPPORTED;
    return src->ops->send(src, bytes, n);
}

uint16_t rp_ingest_udp_port(const rp_ingest *ing, int index)
{
    if (!ing || index < 0 || index >= ing->source_count) return 0;
    return (uint16_t)atomic_load(&ing->sources[index]->bound_port);
}

int rp_ingest_mqtt_topics(const rp_ingest *ing, int index, rp_mqtt_topic_stats *out, int max)
{
    if (!ing || index < 0 || index >= ing->source_count ||
        ing->sources[index]->desc.kind != RP_SOURCE_MQTT)
        return 0;
#ifdef RINGPLOT_WITH_MQTT
    return rp_mqtt_source_topics(ing->sources[index], out, max);
#else
    (void)out;
    (void)max;
    return 0;
#endif
}

bool rp_ingest_mqtt_filter_check(const char *filter, char *why, size_t size)
{
#ifdef RINGPLOT_WITH_MQTT
    return rp_mqtt_source_filter_check(filter, why, size);
#else
    (void)filter; /* no broker to refuse it: the MQTT source kind is refused instead */
    (void)why;
    (void)size;
    return true;
#endif
}

bool rp_ingest_mqtt_mapping_check(const char *mapping, char *why, size_t size)
{
#ifdef RINGPLOT_WITH_MQTT
    return rp_mqtt_source_mapping_check(mapping, why, size);
#else
    (void)mapping;
    (void)why;
    (void)size;
    return true;
#endif
}

bool rp_ingest_all_ended(const rp_ingest *ing)
{
    if (!ing) return true;
    for (int i = 0; i < ing->source_count; i++)
        if (!atomic_load(&ing->sources[i]->ended)) return false;
    return true;
}

bool rp_ingest_has_endless(const rp_ingest *ing)
{
    if (!ing) return false;
    for (int i = 0; i < ing->source_count; i++)
        if (ing->sources[i]->ops->endless) return true;
    return false;
}
