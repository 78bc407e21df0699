/* mqtt_api.c — the public rp_mqtt_* calls (ringplot.h): rp_source_attach with an MQTT source,
 * behind its own checked handle. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "core/log.h"
#include "ingest/source_api.h"

struct rp_mqtt {
    rp_source *source;
    char error[RP_MQTT_ERROR_MAX]; /* rp_mqtt_last_error's copy of the connection's problem */
};

static bool mqtt_valid(const rp_mqtt *m) { return rp_handle_live(m, RP_HANDLE_MQTT); }

rp_status rp_mqtt_attach(rp_figure *figure, const rp_mqtt_desc *desc, rp_mqtt **out)
{
    if (out) *out = NULL;
    const rp_log_desc *log = desc ? &desc->log : NULL;
    rp_log_item item = RP_LOGITEM_INVALID_ARGUMENT;
    char why[RP_MQTT_ERROR_MAX] = "";
    if (!desc || !out) {
        rp_status st = rp_source__attach(figure, NULL, NULL, &item, why,
                                         sizeof why); /* figure checked first */
        return rp_source__attach_fail(
            figure, log, "rp_mqtt_attach", st, item,
            item == RP_LOGITEM_STALE_HANDLE ? why : "desc and out are required");
    }
    rp_mqtt *m = calloc(1, sizeof *m);
    if (!m)
        return rp_source__attach_fail(figure, log, "rp_mqtt_attach", RP_ERR_NO_MEMORY,
                                      RP_LOGITEM_OUT_OF_MEMORY, "out of memory");
    rp_source_desc sd = {.kind = RP_SOURCE_MQTT,
                         .capacity = desc->capacity,
                         .max_series = desc->max_series,
                         .panel = desc->panel,
                         .log = desc->log,
                         .mqtt = *desc};
    rp_status st = rp_source__attach(figure, &sd, &m->source, &item, why, sizeof why);
    if (st == RP_OK && !rp_handle_register(m, RP_HANDLE_MQTT)) {
        rp_source_detach(m->source);
        st = RP_ERR_LIMIT;
        item = RP_LOGITEM_TOO_MANY_OBJECTS;
        rp_format(why, sizeof why, "%d objects are live already (RP_MAX_LIVE_OBJECTS)",
                  RP_MAX_LIVE_OBJECTS);
    }
    if (st != RP_OK) {
        free(m);
        if (item == RP_LOGITEM_SOURCE_ATTACH) item = RP_LOGITEM_MQTT_ATTACH;
        return rp_source__attach_fail(figure, log, "rp_mqtt_attach", st, item, why);
    }
    *out = m;
    return RP_OK;
}

int rp_mqtt_poll(rp_mqtt *m) { return mqtt_valid(m) ? rp_source_poll(m->source) : 0; }

rp_mqtt_stats rp_mqtt_stats_get(const rp_mqtt *m)
{
    rp_mqtt_stats out;
    memset(&out, 0, sizeof out);
    if (!mqtt_valid(m)) {
        out.state = RP_MQTT_STOPPED;
        return out;
    }
    rp_source_stats st = rp_source_stats_get(m->source);
    out.state = st.mqtt_state;
    out.messages = st.messages;
    out.messages_rejected = st.messages_rejected;
    out.samples = st.samples;
    out.samples_dropped = st.samples_dropped;
    out.reconnects = st.reconnects;
    out.series = rp_ingest_series_count(rp_source__ingest(m->source));
    out.topics = st.topics;
    snprintf(out.last_error, sizeof out.last_error, "%s", st.last_error);
    return out;
}

int rp_mqtt_topic_stats_get(const rp_mqtt *m, rp_mqtt_topic_stats *out, int max)
{
    return mqtt_valid(m) ? rp_ingest_mqtt_topics(rp_source__ingest(m->source), 0, out, max) : 0;
}

const char *rp_mqtt_last_error(const rp_mqtt *m)
{
    if (!mqtt_valid(m)) return "not a live rp_mqtt (NULL, detached, or another kind of object)";
    rp_mqtt *w = (rp_mqtt *)m; /* the copy lives in the object: borrowed until the next call */
    rp_format(w->error, sizeof w->error, "%s", rp_source_stats_get(m->source).last_error);
    return w->error;
}

void rp_mqtt_detach(rp_mqtt *m)
{
    if (!rp_handle_unregister(m, RP_HANDLE_MQTT)) return; /* NULL, stale: never read */
    rp_source_detach(m->source);
    free(m);
}

const char *rp_mqtt_state_string(rp_mqtt_state state)
{
    switch (state) {
    case RP_MQTT_CONNECTING: return "connecting";
    case RP_MQTT_CONNECTED: return "connected";
    case RP_MQTT_RETRYING: return "reconnecting";
    case RP_MQTT_AUTH_FAILED: return "not authorised";
    case RP_MQTT_STOPPED: return "stopped";
    }
    return "unknown";
}
