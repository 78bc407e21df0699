/* source_mqtt.c — an ingest source that subscribes to MQTT topics (libmosquitto) and turns each
 * message into samples: a plain number, a JSON object (cJSON) or Teleplot text lines.
 *
 * One thread per source runs mosquitto_loop itself (no libmosquitto thread), so the message
 * callback runs on the source thread, the single producer of the source's series. Connecting is
 * asynchronous and a lost connection is retried with backoff; the series and their retained
 * samples belong to the ingest and are untouched by reconnects.
 *
 * Memory: topics, mappings, per-topic counters and the line parser are fixed tables made at
 * creation. The message path allocates nothing itself; libmosquitto allocates each incoming
 * message, and cJSON allocates its tree while one JSON payload is parsed (freed at once). cJSON's
 * allocator hooks are process-global, so they are left alone. */
#include "ingest/source.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <mosquitto.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "io/parse.h"

#define FILTER_MAX 256  /* bytes of a subscription filter or mapped topic, NUL included */
#define TOPIC_KEEP 256  /* bytes of a topic kept for exact comparison; longer ones by hash */
#define TOPIC_SLOTS 256 /* hash slots for RP_MQTT_TOPIC_STATS_MAX topics (power of two) */
#define PASSWORD_MAX 256
#define LOOP_MS 50      /* longest wait in mosquitto_loop: how soon a stop is seen */
#define BURST_MAX 256   /* packets read back to back after one wait, while messages keep coming */
#define BACKOFF_MIN 0.1 /* seconds before the first retry; doubles up to BACKOFF_MAX */
#define BACKOFF_MAX 5.0
/* A connection that lasted this long restarts the backoff at BACKOFF_MIN when it is lost; one
 * dropped sooner (a broker that takes the CONNECT, then closes on the SUBSCRIBE as a "malformed
 * packet") goes on doubling it, or it was retried 10 times a second forever. */
#define BACKOFF_STABLE BACKOFF_MAX
#define CONNECT_TIMEOUT                                                                            \
    10.0 /* seconds for TCP + TLS + CONNACK before an attempt counts as failed */
/* nested objects flattened into "topic/a/b/c/d" at most, as JSON lines (io/text.c); deeper ones
 * skipped */
#define JSON_DEPTH 4

typedef struct rp_mqtt_source rp_mqtt_source;

typedef struct topic_entry {
    uint64_t hash;
    size_t len;
    char topic[TOPIC_KEEP]; /* the topic's first bytes, NUL-terminated */
    char base[RP_NAME_MAX]; /* series name of the topic: its mapped name, or the topic */
    size_t base_len;        /* 0: the topic is too long to name a series */
    int series;             /* series of its plain numbers, -1 until the first */
    _Atomic int64_t messages, rejected, samples;
} topic_entry;

typedef struct topic_map {
    char topic[FILTER_MAX];
    char name[RP_NAME_MAX];
} topic_map;

struct rp_mqtt_source {
    source *src;
    struct mosquitto *mosq;
    bool lib_initialised;
    char host[RP_HOST_MAX];
    int port, qos, keepalive;
    char filters[RP_MQTT_TOPICS_MAX][FILTER_MAX];
    char *filter_ptrs[RP_MQTT_TOPICS_MAX];
    int filter_count;
    topic_map map[RP_MQTT_TOPICS_MAX];
    int map_count;
    rp_line_parser *lines;
    /* connection, source thread only */
    bool ever_connected, refused;
    double backoff;
    double connected_at; /* mono_seconds of the last CONNACK that accepted us */
    /* the message being parsed, source thread only */
    const char *base;
    size_t base_len;
    int64_t msg_samples;
    int64_t delivered; /* messages handed to on_message (the burst loop watches it) */
    /* counters: written by the source thread, read by any */
    atomic_int state;
    _Atomic int64_t messages, rejected, reconnects;
    topic_entry entries[RP_MQTT_TOPIC_STATS_MAX + 1]; /* the last one counts every other topic */
    atomic_int entry_count;     /* published with release after the entry is filled */
    int16_t slots[TOPIC_SLOTS]; /* topic hash → entry, -1 empty */
};

/* ---- helpers ------------------------------------------------------------------------------------ */

static double mono_seconds(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void sleep_seconds(double s)
{
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    nanosleep(&ts, NULL);
}

static uint64_t hash_topic(const char *s, size_t *len)
{
    uint64_t h = 1469598103934665603ull;
    size_t n = 0;
    for (; s[n]; n++) h = (h ^ (unsigned char)s[n]) * 1099511628211ull;
    *len = n;
    return h;
}

/* Wipes a password buffer in a way the compiler may not drop as a dead store. */
static void wipe(char *p, size_t n)
{
    volatile char *v = p;
    while (n--) *v++ = 0;
}

/* Reports a connection problem on the source's channel (this runs on the source thread, which
 * runs libmosquitto's network loop itself). */
static void error_at(rp_mqtt_source *m, rp_log_level level, rp_log_item item, const char *what,
                     const char *detail)
{
    rp_sink_log(m->src, level, item, "mqtt %.46s:%d: %.80s%.110s", m->host, m->port, what,
                detail ? detail : "");
}

/* The series name of a topic: a --topic-name mapping, else the topic itself. *len 0: too long. */
static void base_name(const rp_mqtt_source *m, const char *topic, size_t topic_len, char *base,
                      size_t *len)
{
    for (int i = 0; i < m->map_count; i++) {
        if (strcmp(m->map[i].topic, topic) == 0) {
            *len = strlen(m->map[i].name);
            memcpy(base, m->map[i].name, *len + 1);
            return;
        }
    }
    *len = topic_len < RP_NAME_MAX ? topic_len : 0;
    if (*len)
        memcpy(base, topic, topic_len + 1);
    else
        base[0] = 0;
}

/* The counters of a topic, made on first sight; beyond the table, the shared "other" entry (its
 * base name then set for this message). */
static topic_entry *topic_entry_for(rp_mqtt_source *m, const char *topic)
{
    size_t len;
    uint64_t h = hash_topic(topic, &len);
    int pos = (int)(h & (TOPIC_SLOTS - 1));
    for (;;) {
        int idx = m->slots[pos];
        if (idx < 0) break;
        topic_entry *e = &m->entries[idx];
        if (e->hash == h && e->len == len && strncmp(e->topic, topic, TOPIC_KEEP - 1) == 0)
            return e;
        pos = (pos + 1) & (TOPIC_SLOTS - 1);
    }
    int count = atomic_load_explicit(&m->entry_count, memory_order_relaxed);
    if (count == RP_MQTT_TOPIC_STATS_MAX) {
        topic_entry *other = &m->entries[RP_MQTT_TOPIC_STATS_MAX];
        base_name(m, topic, len, other->base, &other->base_len); /* per message: not cached */
        return other;
    }
    topic_entry *e = &m->entries[count];
    e->hash = h;
    e->len = len;
    snprintf(e->topic, sizeof e->topic, "%s", topic);
    base_name(m, topic, len, e->base, &e->base_len);
    e->series = -1;
    m->slots[pos] = (int16_t)count;
    atomic_store_explicit(&m->entry_count, count + 1, memory_order_release);
    return e;
}

/* Writes "prefix/field" (field NULL: "prefix") into name (RP_NAME_MAX bytes, NUL-terminated);
 * its length, or -1 when it is too long (refused, counted). */
static int join_name(rp_mqtt_source *m, const char *prefix, size_t plen, const char *field,
                     size_t flen, char *name)
{
    size_t len = plen + (field ? 1 + flen : 0);
    if (len >= RP_NAME_MAX) {
        char msg[RP_INGEST_ERROR_MAX];
        snprintf(msg, sizeof msg,
                 "series name '%.*s/%.*s' longer than %d bytes: sample dropped (map the topic "
                 "to a shorter name)",
                 (int)(plen < 60 ? plen : 60), prefix, (int)(flen < 60 ? flen : 60),
                 field ? field : "", RP_NAME_MAX - 1);
        rp_sink_refuse(m->src, RP_REFUSED_BAD_NAME, 1, msg);
        return -1;
    }
    memcpy(name, prefix, plen);
    if (field) {
        name[plen] = '/';
        memcpy(name + plen + 1, field, flen);
    }
    name[len] = 0;
    return (int)len;
}

/* Stages v for series "prefix/field" (field NULL: "prefix"), with its unit (NULL: none). False
 * when refused (counted). */
static bool stage_named(rp_mqtt_source *m, const char *prefix, size_t plen, const char *field,
                        size_t flen, double t, float v, const char *unit, size_t unit_len)
{
    char name[RP_NAME_MAX];
    int len = join_name(m, prefix, plen, field, flen, name);
    if (len < 0) return false;
    int idx = rp_sink_series(m->src, name, (size_t)len, 1); /* refusals counted there */
    if (idx < 0) return false;
    rp_sink_series_unit(m->src, idx, unit, unit_len);
    rp_sink_stage(m->src, idx, t, v);
    m->msg_samples++;
    return true;
}

/* ---- payloads ------------------------------------------------------------------------------------ */

/* A text line's XY point or text value, named as its samples are ("topic/name"); a log line. */
static void on_line_event(void *user, const rp_line_event *ev)
{
    rp_mqtt_source *m = user;
    if (!ev->name) {
        rp_sink_line_event(m->src, ev);
        return;
    }
    char name[RP_NAME_MAX];
    int len = join_name(m, m->base, m->base_len, ev->name, ev->name_len, name);
    if (len < 0) return;
    rp_line_event named = *ev;
    named.name = name;
    named.name_len = (size_t)len;
    rp_sink_line_event(m->src, &named);
}

static void on_line_sample(void *user, const rp_line_sample *s)
{
    rp_mqtt_source *m = user;
    stage_named(m, m->base, m->base_len, s->name, s->name_len,
                s->has_timestamp ? s->timestamp_ms / 1000.0 : NAN, s->value, s->unit, s->unit_len);
}

static int count_numbers(const cJSON *obj, int depth)
{
    int n = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (rp_io_json_is_sample(c))
            n++;
        else if (cJSON_IsObject(c) && depth + 1 < JSON_DEPTH)
            n += count_numbers(c, depth + 1);
        else if (cJSON_IsArray(c))
            for (const cJSON *e = c->child; e; e = e->next) n += rp_io_json_is_sample(e);
    }
    return n;
}

/* Stages every number and boolean of obj as "prefix/key" (nested objects: "prefix/key/sub", an
 * array's elements "prefix/key[i]"); returns how many there were. skip is the timestamp item.
 * prefix has RP_NAME_MAX bytes. */
static int stage_json_object(rp_mqtt_source *m, const cJSON *obj, char *prefix, size_t plen,
                             double t, const cJSON *skip, int depth)
{
    int found = 0;
    for (const cJSON *c = obj->child; c; c = c->next) {
        if (c == skip || !c->string) continue;
        size_t klen;
        const char *key_s = rp_io_json_key(c, &klen); /* " temp " is temp */
        if (rp_io_json_is_sample(c)) {                /* true / false: 1 / 0 */
            found++;
            stage_named(m, prefix, plen, key_s, klen, t, rp_io_json_value(c), NULL, 0);
        } else if (cJSON_IsArray(c)) { /* its numbers and booleans: key[0], key[1]... */
            int i = 0;
            for (const cJSON *e = c->child; e; e = e->next, i++) {
                if (!rp_io_json_is_sample(e)) continue;
                char key[RP_NAME_MAX + 16];
                int n = snprintf(key, sizeof key, "%.*s[%d]", (int)klen, key_s, i);
                found++;
                size_t klen_i = n < 0 ? 0 : (size_t)n < sizeof key ? (size_t)n : sizeof key - 1;
                stage_named(m, prefix, plen, key, klen_i, t, rp_io_json_value(e), NULL,
                            0); /* too long: refused */
            }
        } else if (cJSON_IsObject(c) && depth + 1 < JSON_DEPTH) {
            if (plen + 1 + klen >= RP_NAME_MAX) { /* every name below would be too long */
                int n = count_numbers(c, depth + 1);
                if (n > 0) {
                    char msg[RP_INGEST_ERROR_MAX];
                    snprintf(
                        msg, sizeof msg,
                        "series names under '%.60s/%.*s' longer than %d bytes: %d samples dropped",
                        prefix, (int)(klen < 60 ? klen : 60), key_s, RP_NAME_MAX - 1, n);
                    rp_sink_refuse(m->src, RP_REFUSED_BAD_NAME, n, msg);
                }
                found += n;
                continue;
            }
            prefix[plen] = '/';
            memcpy(prefix + plen + 1, key_s, klen);
            prefix[plen + 1 + klen] = '\0';
            found += stage_json_object(m, c, prefix, plen + 1 + klen, t, NULL, depth + 1);
            prefix[plen] = 0;
        }
    }
    return found;
}

static bool parse_json(rp_mqtt_source *m, const char *p, size_t n, char *why, size_t why_size)
{
    if (rp_io_json_has_escaped_nul(p, n)) {
        snprintf(why, why_size, "JSON string with an escaped NUL (\\u0000): names cannot hold it");
        return false;
    }
    cJSON *root = rp_io_json_parse(p, n, NULL, 0); /* Python's NaN too */
    if (!root || !cJSON_IsObject(root)) {
        snprintf(why, why_size, "%s",
                 root ? "JSON payload that is not an object" : "malformed JSON");
        cJSON_Delete(root);
        return false;
    }
    double t = NAN;
    const cJSON *time_item;
    if (!rp_io_json_time(root, &time_item, &t)) {
        snprintf(why, why_size,
                 "JSON timestamp '%s' is not a number of seconds (or ms, us, ns) or an ISO 8601 "
                 "date-time",
                 time_item->string);
        cJSON_Delete(root);
        return false;
    }
    char prefix[RP_NAME_MAX];
    memcpy(prefix, m->base, m->base_len + 1);
    int found = stage_json_object(m, root, prefix, m->base_len, t, time_item, 0);
    cJSON_Delete(root);
    if (found == 0) {
        snprintf(why, why_size, "JSON object without a number field");
        return false;
    }
    return true;
}

/* A payload of one word, as switches, relays and availability topics publish their state ("ON",
 * "OFF", "Online", "closed"): 1..RP_LINE_NAME_MAX bytes of valid UTF-8 without blanks, controls,
 * or the text-line separators ':' ',' ';' '|' '{' '[' '"'. */
static bool one_word(const char *p, size_t n)
{
    if (n == 0 || n > RP_LINE_NAME_MAX || !rp_io_utf8_valid(p, n)) return false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)p[i];
        if (c <= ' ' || c == 0x7f || strchr(":,;|{[\"", c)) return false;
    }
    return true;
}

/* False with why and the reason the message counts under (one per message): bad_payload for a
 * payload that is no number, word, JSON object or text lines (empty, JSON errors), malformed for
 * text lines that did not parse (counted per line by the line parser, as on every text source),
 * bad_name for a topic too long to name a series. */
static bool parse_payload(rp_mqtt_source *m, topic_entry *e, const char *p, size_t n, char *why,
                          size_t why_size, rp_refusal *reason)
{
    *reason = RP_REFUSED_PAYLOAD;
    while (n > 0 && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n')) {
        p++;
        n--;
    }
    while (n > 0 && (p[n - 1] == ' ' || p[n - 1] == '\t' || p[n - 1] == '\r' || p[n - 1] == '\n'))
        n--;
    if (n == 0) {
        snprintf(why, why_size, "empty payload");
        return false;
    }
    if (e->base_len == 0) {
        snprintf(why, why_size,
                 "topic longer than %d bytes cannot name a series (map it to a name)",
                 RP_NAME_MAX - 1);
        *reason = RP_REFUSED_BAD_NAME;
        return false;
    }
    m->base = e->base;
    m->base_len = e->base_len;
    float v;
    const char *unit = NULL; /* a reading with its unit: "23.5 °C", "40%" */
    size_t unit_len = 0;
    if (rp_io_parse_float(p, n, &v) == RP_OK ||
        rp_line_value_with_unit(p, n, &v, &unit, &unit_len)) {
        int idx = e->series;
        if (idx < 0 || e == &m->entries[RP_MQTT_TOPIC_STATS_MAX]) {
            idx = rp_sink_series(m->src, e->base, e->base_len, 1);
            if (idx < 0) return true; /* a well-formed message; the refusal is counted on its own */
            if (e != &m->entries[RP_MQTT_TOPIC_STATS_MAX]) e->series = idx;
        }
        rp_sink_series_unit(m->src, idx, unit, unit_len);
        rp_sink_stage(m->src, idx, NAN, v);
        m->msg_samples++;
        return true;
    }
    if (*p == '{') return parse_json(m, p, n, why, why_size);
    if (*p == '[' || *p == '"') { /* a JSON array or string is refused as one; "[x]:1" is text */
        cJSON *root = cJSON_ParseWithLength(p, n);
        bool is_json = root != NULL;
        cJSON_Delete(root);
        if (is_json) {
            snprintf(why, why_size, "JSON payload that is not an object");
            return false;
        }
    }
    if (one_word(p, n)) { /* a state: "ON", "Online", "open" (a text value of the topic) */
        rp_line_event ev = {.kind = RP_LINE_EVENT_TEXT,
                            .name = e->base,
                            .name_len = e->base_len,
                            .text = p,
                            .text_len = n};
        rp_sink_line_event(m->src, &ev);
        return true;
    }
    /* a payload is a whole text: no datagram size limit, and no line carries over */
    rp_status fed = rp_line_parser_feed(m->lines, p, n);
    rp_status fin = rp_line_parser_finish(m->lines);
    if (fed != RP_OK || fin != RP_OK) {
        rp_sink_line_counters(m->src, m->lines);
        snprintf(why, why_size, "%s", rp_line_parser_last_error(m->lines));
        *reason = RP_REFUSED_MALFORMED; /* its lines are counted there already */
        return false;
    }
    return true;
}

/* ---- libmosquitto callbacks (all on the source thread, inside mosquitto_loop) ---------------- */

static void on_message(struct mosquitto *mosq, void *obj, const struct mosquitto_message *msg)
{
    (void)mosq;
    rp_mqtt_source *m = obj;
    m->delivered++;
    rp_sink_arrival(m->src, msg->payloadlen);
    topic_entry *e = topic_entry_for(m, msg->topic);
    atomic_fetch_add_explicit(&m->messages, 1, memory_order_relaxed);
    atomic_fetch_add_explicit(&e->messages, 1, memory_order_relaxed);
    m->msg_samples = 0;
    char why[200];
    size_t len = msg->payloadlen > 0 ? (size_t)msg->payloadlen : 0;
    rp_refusal reason;
    if (!parse_payload(m, e, msg->payload, len, why, sizeof why, &reason)) {
        atomic_fetch_add_explicit(&m->rejected, 1, memory_order_relaxed);
        /* the documented counter of the reason; it was never counted (bad_payload stayed 0) */
        if (reason != RP_REFUSED_MALFORMED) rp_sink_refuse(m->src, reason, 1, NULL);
        atomic_fetch_add_explicit(&e->rejected, 1, memory_order_relaxed);
        char text[RP_INGEST_ERROR_MAX];
        snprintf(text, sizeof text, "mqtt: message on '%.60s' skipped: %.160s", msg->topic, why);
        rp_sink_log(m->src, RP_LOG_WARNING, RP_LOGITEM_INPUT_MALFORMED, "%s", text);
    }
    if (m->msg_samples)
        atomic_fetch_add_explicit(&e->samples, m->msg_samples, memory_order_relaxed);
}

static void on_connect(struct mosquitto *mosq, void *obj, int rc)
{
    rp_mqtt_source *m = obj;
    if (rc == 0) {
        if (m->ever_connected) atomic_fetch_add_explicit(&m->reconnects, 1, memory_order_relaxed);
        m->ever_connected = true;
        m->connected_at = mono_seconds(); /* the backoff restarts only once it lasted */
        atomic_store(&m->state, RP_MQTT_CONNECTED);
        int s = mosquitto_subscribe_multiple(mosq, NULL, m->filter_count, m->filter_ptrs, m->qos, 0,
                                             NULL);
        if (s != MOSQ_ERR_SUCCESS)
            error_at(m, RP_LOG_ERROR, RP_LOGITEM_MQTT_SUBSCRIBE,
                     "cannot subscribe: ", mosquitto_strerror(s));
        return;
    }
    /* MQTT 3.1.1 CONNACK: 4 bad user name or password, 5 not authorised */
    bool auth = rc == 4 || rc == 5;
    m->refused = true;
    /* the reason first, then the state: whoever sees the state finds its reason */
    error_at(m, auth ? RP_LOG_ERROR : RP_LOG_WARNING,
             auth ? RP_LOGITEM_MQTT_AUTH : RP_LOGITEM_MQTT_CONNECT,
             "the broker refused the connection: ",
             auth ? "not authorised: check the user name and password "
                    "(retrying every 5 s)"
                  : mosquitto_connack_string(rc));
    atomic_store(&m->state, auth ? RP_MQTT_AUTH_FAILED : RP_MQTT_RETRYING);
    if (auth) m->backoff = BACKOFF_MAX;
}

static void on_subscribe(struct mosquitto *mosq, void *obj, int mid, int count, const int *granted)
{
    (void)mosq;
    (void)mid;
    rp_mqtt_source *m = obj;
    for (int i = 0; i < count; i++) {
        if (granted[i] == 0x80 && i < m->filter_count) {
            char text[RP_INGEST_ERROR_MAX];
            snprintf(text, sizeof text, "subscription to '%.40s' refused", m->filter_ptrs[i]);
            error_at(m, RP_LOG_ERROR, RP_LOGITEM_MQTT_SUBSCRIBE, text, NULL);
        }
    }
}

/* ---- the thread ---------------------------------------------------------------------------------- */

static void connection_down(rp_mqtt_source *m, int rc, int err_no, bool connecting)
{
    if (m->refused) return; /* on_connect said why, and set the state */
    const char *what = connecting || !m->ever_connected ? "cannot connect: " : "connection lost: ";
    const char *detail = rc == MOSQ_ERR_ERRNO ? strerror(err_no)
                         : rc == MOSQ_ERR_TLS || rc == MOSQ_ERR_TLS_HANDSHAKE
                             ? "TLS failure (check the CA file and the broker's certificate and "
                               "host name)"
                         : rc == MOSQ_ERR_EAI     ? "host name not found"
                         : rc == MOSQ_ERR_TIMEOUT ? "no answer within 10 s"
                                                  : mosquitto_strerror(rc);
    error_at(m, RP_LOG_WARNING, RP_LOGITEM_MQTT_CONNECT, what, detail);
    atomic_store(&m->state, RP_MQTT_RETRYING); /* after its reason: see on_connect */
}

static void rp_mqtt_source_run(rp_mqtt_source *m)
{
    source *src = m->src;
    bool sock_open = false;
    double next_try = 0, attempt_start = 0;
    m->backoff = BACKOFF_MIN;
    while (!rp_sink_stopping(src)) {
        if (!sock_open) {
            double now = mono_seconds();
            if (now < next_try) {
                sleep_seconds(next_try - now < LOOP_MS / 1000.0 ? next_try - now
                                                                : LOOP_MS / 1000.0);
                continue;
            }
            m->refused = false;
            /* asynchronous: the TCP handshake and CONNACK complete inside mosquitto_loop */
            int rc = mosquitto_connect_async(m->mosq, m->host, m->port, m->keepalive);
            if (rc != MOSQ_ERR_SUCCESS) {
                connection_down(m, rc, errno, true);
                next_try = mono_seconds() + m->backoff;
                m->backoff = m->backoff * 2 < BACKOFF_MAX ? m->backoff * 2 : BACKOFF_MAX;
                continue;
            }
            sock_open = true;
            attempt_start = mono_seconds();
        }
        int64_t before = m->delivered;
        int rc = mosquitto_loop(m->mosq, LOOP_MS, 1);
        /* mosquitto_loop reads one packet per wait. While messages keep coming (so the session is
         * up), read on without waiting until a pass completes none (nothing buffered, or a packet
         * that is not a PUBLISH): a wait per message would cost a pselect each. */
        for (int burst = 0; rc == MOSQ_ERR_SUCCESS && m->delivered != before && burst < BURST_MAX;
             burst++) {
            before = m->delivered;
            rc = mosquitto_loop_read(m->mosq, 1);
        }
        int err_no = errno;
        rp_sink_flush(src); /* what this pass staged reaches the series now */
        if (rc == MOSQ_ERR_SUCCESS && atomic_load(&m->state) != RP_MQTT_CONNECTED && !m->refused &&
            mono_seconds() - attempt_start > CONNECT_TIMEOUT) { /* a host that never answers */
            rc = MOSQ_ERR_TIMEOUT; /* the next mosquitto_connect_async closes the socket */
        }
        if (rc != MOSQ_ERR_SUCCESS) {
            if (atomic_load(&m->state) == RP_MQTT_CONNECTED &&
                mono_seconds() - m->connected_at >= BACKOFF_STABLE)
                m->backoff = BACKOFF_MIN; /* a session that worked: retry at once */
            connection_down(m, rc, err_no, atomic_load(&m->state) != RP_MQTT_CONNECTED);
            sock_open = false;
            next_try = mono_seconds() + m->backoff;
            m->backoff = m->backoff * 2 < BACKOFF_MAX ? m->backoff * 2 : BACKOFF_MAX;
        }
    }
    if (sock_open) {
        mosquitto_disconnect(m->mosq);
        mosquitto_loop(m->mosq, 0, 1); /* sends the DISCONNECT if the socket takes it */
    }
    rp_sink_flush(src);
    atomic_store(&m->state, RP_MQTT_STOPPED);
}

/* ---- creation ------------------------------------------------------------------------------------- */

static rp_status read_password(const rp_mqtt_desc *d, char *out, size_t size, bool *have, char *err,
                               int err_size)
{
    *have = false;
    if (d->password) {
        if (strlen(d->password) >= size) {
            snprintf(err, (size_t)err_size, "mqtt: password longer than %zu bytes", size - 1);
            return RP_ERR_LIMIT;
        }
        snprintf(out, size, "%s", d->password);
        *have = true;
        return RP_OK;
    }
    if (d->password_file) {
        FILE *f = fopen(d->password_file, "r");
        if (!f) {
            snprintf(err, (size_t)err_size, "mqtt: cannot read password file '%s': %s",
                     d->password_file, strerror(errno));
            return RP_ERR_IO;
        }
        bool got = fgets(out, (int)size, f) != NULL;
        fclose(f);
        if (!got) out[0] = 0;
        out[strcspn(out, "\r\n")] = 0;
        *have = true;
        return RP_OK;
    }
    const char *env = d->password_env ? getenv(d->password_env) : NULL;
    if (env) {
        if (strlen(env) >= size) {
            snprintf(err, (size_t)err_size, "mqtt: password in $%s longer than %zu bytes",
                     d->password_env, size - 1);
            return RP_ERR_LIMIT;
        }
        snprintf(out, size, "%s", env);
        *have = true;
    } else if (d->password_env) { /* named, not there: a login that would fail at the broker */
        snprintf(err, (size_t)err_size, "mqtt: password_env names $%s, which is not set",
                 d->password_env);
        return RP_ERR_INVALID_ARG;
    }
    return RP_OK;
}

/* s for a message: at most max bytes, a control byte as \xNN (never raw on a terminal), and
 * every byte over 0x7f too when s is not UTF-8. */
static void shown_text(const char *s, size_t max, char *out, size_t size)
{
    size_t n = 0;
    bool utf8 = mosquitto_validate_utf8(s, (int)strnlen(s, 65535)) == MOSQ_ERR_SUCCESS;
    for (const unsigned char *p = (const unsigned char *)s; *p && max > 0 && n + 5 < size;
         p++, max--) {
        if (*p < 0x20 || *p == 0x7f || (*p > 0x7f && !utf8))
            n += (size_t)snprintf(out + n, size - n, "\\x%02x", *p);
        else
            out[n++] = (char)*p;
    }
    out[n] = 0;
}

bool rp_mqtt_source_filter_check(const char *filter, char *why, size_t size)
{
    size_t len = strlen(filter);
    char shown[420];
    shown_text(filter, 100, shown, sizeof shown);
    /* libmosquitto's checks let an empty filter through, and the broker answers its SUBSCRIBE
     * by dropping the connection ("malformed packet"): every reconnect did the same. */
    if (len == 0)
        snprintf(why, size, "invalid topic filter '': empty (e.g. 'sensors/#')");
    else if (len >= FILTER_MAX)
        snprintf(why, size, "invalid topic filter '%s...': longer than %d bytes", shown,
                 FILTER_MAX - 1);
    else if (mosquitto_validate_utf8(filter, (int)len) != MOSQ_ERR_SUCCESS)
        snprintf(why, size,
                 "invalid topic filter '%s': not UTF-8, or holds a control character (MQTT "
                 "refuses both)",
                 shown);
    else if (mosquitto_sub_topic_check(filter) != MOSQ_ERR_SUCCESS)
        snprintf(why, size,
                 "invalid topic filter '%s' (wildcards: '+' for one whole level, '#' for the "
                 "whole last level, e.g. 'a/+/c', 'a/#')",
                 shown);
    else
        return true;
    return false;
}

bool rp_mqtt_source_mapping_check(const char *mapping, char *why, size_t size)
{
    const char *eq = strrchr(mapping, '=');
    size_t tlen = eq ? (size_t)(eq - mapping) : 0, nlen = eq ? strlen(eq + 1) : 0;
    char shown[420];
    shown_text(mapping, 100, shown, sizeof shown);
    if (!eq || tlen == 0 || tlen >= FILTER_MAX || nlen == 0 || nlen >= RP_NAME_MAX)
        snprintf(why, size, "topic name mapping '%s' is not TOPIC=NAME (name 1..%d bytes)", shown,
                 RP_NAME_MAX - 1);
    else if (mosquitto_validate_utf8(mapping, (int)tlen) != MOSQ_ERR_SUCCESS)
        snprintf(why, size,
                 "topic name mapping '%s': the topic is not UTF-8, or holds a control character "
                 "(no message can have it)",
                 shown);
    else
        return true;
    return false;
}

static rp_status check_desc(rp_mqtt_source *m, const rp_mqtt_desc *d, char *err, int err_size)
{
    for (int i = 0; i < RP_MQTT_TOPICS_MAX && d->topics[i]; i++) {
        const char *t = d->topics[i];
        char why[600];
        if (!rp_mqtt_source_filter_check(t, why, sizeof why)) {
            snprintf(err, (size_t)err_size, "mqtt: %s", why);
            return RP_ERR_INVALID_ARG;
        }
        snprintf(m->filters[i], FILTER_MAX, "%s", t);
        m->filter_ptrs[i] = m->filters[i];
        m->filter_count++;
    }
    if (m->filter_count == 0) {
        snprintf(err, (size_t)err_size, "mqtt: no topic to subscribe to (--topic FILTER)");
        return RP_ERR_INVALID_ARG;
    }
    for (int i = 0; i < RP_MQTT_TOPICS_MAX && d->topic_names[i]; i++) {
        const char *s = d->topic_names[i];
        char why[600];
        if (!rp_mqtt_source_mapping_check(s, why, sizeof why)) {
            snprintf(err, (size_t)err_size, "mqtt: %s", why);
            return RP_ERR_INVALID_ARG;
        }
        const char *eq = strrchr(s, '=');
        size_t tlen = (size_t)(eq - s), nlen = strlen(eq + 1);
        memcpy(m->map[m->map_count].topic, s, tlen);
        m->map[m->map_count].topic[tlen] = 0;
        memcpy(m->map[m->map_count].name, eq + 1, nlen + 1);
        m->map_count++;
    }
    if (d->qos != 0 && d->qos != 1) {
        snprintf(err, (size_t)err_size, "mqtt: qos must be 0 or 1");
        return RP_ERR_INVALID_ARG;
    }
    m->qos = d->qos;
    m->keepalive = d->keepalive ? d->keepalive : 30;
    if (m->keepalive < 5 || m->keepalive > 65535) {
        snprintf(err, (size_t)err_size, "mqtt: keep-alive must be 5..65535 s");
        return RP_ERR_INVALID_ARG;
    }
    if (d->host && strlen(d->host) >= RP_HOST_MAX) {
        snprintf(err, (size_t)err_size, "mqtt: host name too long");
        return RP_ERR_INVALID_ARG;
    }
    snprintf(m->host, sizeof m->host, "%s", d->host && *d->host ? d->host : "127.0.0.1");
    m->port = d->port ? d->port : d->cafile ? 8883 : 1883;
    return RP_OK;
}

static void rp_mqtt_source_destroy(rp_mqtt_source *m);

static rp_status rp_mqtt_source_create(source *src, const rp_mqtt_desc *d, rp_mqtt_source **out,
                                       char *err, int err_size)
{
    *out = NULL;
    rp_mqtt_source *m = calloc(1, sizeof *m);
    if (!m) return RP_ERR_NO_MEMORY;
    m->src = src;
    for (int i = 0; i < TOPIC_SLOTS; i++) m->slots[i] = -1;
    m->entries[RP_MQTT_TOPIC_STATS_MAX].series = -1;
    rp_status st = check_desc(m, d, err, err_size);
    if (st != RP_OK) {
        rp_mqtt_source_destroy(m);
        return st;
    }
    rp_line_parser_desc ld = {.on_sample = on_line_sample, .on_event = on_line_event, .user = m};
    st = rp_line_parser_create(&ld, &m->lines);
    if (st != RP_OK) {
        rp_mqtt_source_destroy(m);
        return st;
    }
    /* reference-counted in libmosquitto 2.x (not atomically: see the README) */
    mosquitto_lib_init();
    m->lib_initialised = true;
    bool persistent = d->client_id && *d->client_id && d->qos == 1;
    m->mosq = mosquitto_new(d->client_id && *d->client_id ? d->client_id : NULL, !persistent, m);
    if (!m->mosq) {
        snprintf(err, (size_t)err_size, "mqtt: cannot create the client: %s", strerror(errno));
        rp_mqtt_source_destroy(m);
        return errno == ENOMEM ? RP_ERR_NO_MEMORY : RP_ERR_INVALID_ARG;
    }
    mosquitto_connect_callback_set(m->mosq, on_connect);
    mosquitto_message_callback_set(m->mosq, on_message);
    mosquitto_subscribe_callback_set(m->mosq, on_subscribe);
    if (d->cafile) {
        FILE *f = fopen(d->cafile, "r");
        if (!f) {
            snprintf(err, (size_t)err_size, "mqtt: cannot read CA file '%s': %s", d->cafile,
                     strerror(errno));
            rp_mqtt_source_destroy(m);
            return RP_ERR_IO;
        }
        fclose(f);
        int rc = mosquitto_tls_set(m->mosq, d->cafile, NULL, NULL, NULL, NULL);
        if (rc != MOSQ_ERR_SUCCESS) {
            snprintf(err, (size_t)err_size, "mqtt: TLS setup with CA file '%s' failed: %s",
                     d->cafile, mosquitto_strerror(rc));
            rp_mqtt_source_destroy(m);
            return RP_ERR_INVALID_ARG;
        }
    }
    char password[PASSWORD_MAX];
    bool have_password;
    st = read_password(d, password, sizeof password, &have_password, err, err_size);
    if (st == RP_OK && have_password && !(d->username && *d->username)) {
        snprintf(err, (size_t)err_size, "mqtt: a password needs a user name");
        st = RP_ERR_INVALID_ARG;
    }
    if (st == RP_OK && d->username && *d->username) {
        int rc = mosquitto_username_pw_set(m->mosq, d->username, have_password ? password : NULL);
        if (rc != MOSQ_ERR_SUCCESS) {
            snprintf(err, (size_t)err_size, "mqtt: user name refused: %s", mosquitto_strerror(rc));
            st = RP_ERR_INVALID_ARG;
        }
    }
    wipe(password, sizeof password); /* libmosquitto keeps its own copy for reconnects */
    if (st != RP_OK) {
        rp_mqtt_source_destroy(m);
        return st;
    }
    atomic_store(&m->state, RP_MQTT_CONNECTING);
    *out = m;
    return RP_OK;
}

static void rp_mqtt_source_destroy(rp_mqtt_source *m)
{
    if (!m) return;
    if (m->mosq) mosquitto_destroy(m->mosq);
    if (m->lib_initialised) mosquitto_lib_cleanup();
    rp_line_parser_destroy(m->lines);
    free(m);
}

/* ---- counters ------------------------------------------------------------------------------------- */

static void mqtt_stats(const source *src, rp_source_stats *st)
{
    rp_mqtt_source *m = src->impl; /* atomics are read, never written */
    st->mqtt_state = (rp_mqtt_state)atomic_load(&m->state);
    st->messages = atomic_load_explicit(&m->messages, memory_order_relaxed);
    st->messages_rejected = atomic_load_explicit(&m->rejected, memory_order_relaxed);
    st->reconnects = atomic_load_explicit(&m->reconnects, memory_order_relaxed);
    st->topics = atomic_load_explicit(&m->entry_count, memory_order_acquire) +
                 (atomic_load_explicit(&m->entries[RP_MQTT_TOPIC_STATS_MAX].messages,
                                       memory_order_relaxed) > 0);
}

int rp_mqtt_source_topics(const source *src, rp_mqtt_topic_stats *out, int max)
{
    rp_mqtt_source *m = src->impl;
    if (!m) return 0;
    if (!out || max <= 0) return 0;
    int count = atomic_load_explicit(&m->entry_count, memory_order_acquire);
    int n = 0;
    for (int i = 0; i <= RP_MQTT_TOPIC_STATS_MAX && n < max; i++) {
        if (i >= count && i < RP_MQTT_TOPIC_STATS_MAX) continue;
        topic_entry *e = &m->entries[i];
        int64_t messages = atomic_load_explicit(&e->messages, memory_order_relaxed);
        if (i == RP_MQTT_TOPIC_STATS_MAX && messages == 0) break;
        rp_mqtt_topic_stats *o = &out[n++];
        memset(o, 0, sizeof *o);
        if (i < RP_MQTT_TOPIC_STATS_MAX)
            snprintf(o->topic, sizeof o->topic, "%.*s", RP_NAME_MAX - 1, e->topic);
        o->messages = messages;
        o->rejected = atomic_load_explicit(&e->rejected, memory_order_relaxed);
        o->samples = atomic_load_explicit(&e->samples, memory_order_relaxed);
    }
    return n;
}

void rp_mqtt_source_deliver(source *src, const char *topic, const void *payload, size_t len)
{
    rp_mqtt_source *m = src->impl;
    struct mosquitto_message msg = {
        .topic = (char *)topic, .payload = (void *)payload, .payloadlen = (int)len};
    on_message(m->mosq, m, &msg);
}

/* ---- the kind ------------------------------------------------------------------------------------- */

static rp_status mqtt_open(source *src, char *err, int err_size)
{
    src->open_item = RP_LOGITEM_MQTT_ATTACH;
    rp_mqtt_source *m = NULL;
    rp_status st = rp_mqtt_source_create(src, &src->desc.mqtt, &m, err, err_size);
    src->impl = m;
    return st;
}

static void mqtt_run(source *src) { rp_mqtt_source_run(src->impl); }

static void mqtt_close(source *src)
{
    rp_mqtt_source_destroy(src->impl);
    src->impl = NULL;
}

const rp_source_ops rp_source_mqtt_ops = {.label = "mqtt",
                                          .endless = true,
                                          .open = mqtt_open,
                                          .run = mqtt_run,
                                          .close = mqtt_close,
                                          .stats = mqtt_stats};
