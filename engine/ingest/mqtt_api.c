/* mqtt_api.c — the public rp_mqtt_* calls (ringplot.h): rp_source_attach with an MQTT source. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"

rp_ingest *rp_source__ingest(rp_source *s); /* source_api.c */

struct rp_mqtt {
    rp_source *source;
};

static _Thread_local char last_error[RP_MQTT_ERROR_MAX];

rp_status rp_mqtt_attach(rp_figure *figure, const rp_mqtt_desc *desc, rp_mqtt **out)
{
    if (out) *out = NULL;
    if (!figure || !desc || !out) {
        snprintf(last_error, sizeof last_error, "rp_mqtt_attach: figure, desc and out are required");
        return RP_ERR_INVALID_ARG;
    }
    rp_mqtt *m = calloc(1, sizeof *m);
    if (!m) return RP_ERR_NO_MEMORY;
    rp_source_desc sd = {.kind = RP_SOURCE_MQTT, .capacity = desc->capacity, .max_series = desc->max_series,
                         .panel = desc->panel, .mqtt = *desc};
    rp_status st = rp_source_attach(figure, &sd, &m->source);
    if (st != RP_OK) {
        snprintf(last_error, sizeof last_error, "%s", rp_source_last_error(NULL));
        free(m);
        return st;
    }
    last_error[0] = 0;
    *out = m;
    return RP_OK;
}

int rp_mqtt_poll(rp_mqtt *m)
{
    return m ? rp_source_poll(m->source) : 0;
}

rp_mqtt_stats rp_mqtt_stats_get(const rp_mqtt *m)
{
    rp_mqtt_stats out;
    memset(&out, 0, sizeof out);
    if (!m) {
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
    return m ? rp_ingest_mqtt_topics(rp_source__ingest(m->source), 0, out, max) : 0;
}

const char *rp_mqtt_last_error(const rp_mqtt *m)
{
    if (m) snprintf(last_error, sizeof last_error, "%s", rp_source_stats_get(m->source).last_error);
    return last_error;
}

void rp_mqtt_detach(rp_mqtt *m)
{
    if (!m) return;
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
