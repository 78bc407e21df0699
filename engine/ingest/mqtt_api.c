/* mqtt_api.c — the public rp_mqtt_* calls (ringplot.h): an rp_ingest holding one MQTT source,
 * plus the glue that hands its new series to a figure on the figure's thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/ingest.h"

struct rp_mqtt {
    rp_figure *figure;          /* borrowed */
    rp_ingest *ingest;          /* owns the series */
    int series_added;           /* series handed to the figure so far */
    int fixed_panel;            /* -1: a panel per group */
    struct {
        char group[RP_NAME_MAX];
        int panel;
    } groups[RP_MAX_PANELS];
    int group_count;
};

/* Per thread, like rp_window_last_error: why the last attach failed, or a copy of an error. */
static _Thread_local char last_error[RP_MQTT_ERROR_MAX];

rp_status rp_mqtt_attach(rp_figure *figure, const rp_mqtt_desc *desc, rp_mqtt **out)
{
    if (out) *out = NULL;
    if (!figure || !desc || !out) {
        snprintf(last_error, sizeof last_error, "rp_mqtt_attach: figure, desc and out are required");
        return RP_ERR_INVALID_ARG;
    }
    if (desc->panel < 0 || desc->panel > rp_figure_panel_count(figure)) {
        snprintf(last_error, sizeof last_error, "rp_mqtt_attach: panel %d does not exist", desc->panel);
        return RP_ERR_INVALID_ARG;
    }
    rp_mqtt *m = calloc(1, sizeof *m);
    if (!m) return RP_ERR_NO_MEMORY;
    m->figure = figure;
    m->fixed_panel = desc->panel - 1;
    rp_status st = rp_ingest_create(&(rp_ingest_desc){.capacity = desc->capacity, .max_series = desc->max_series},
                                    &m->ingest);
    if (st == RP_OK) {
        rp_source_desc sd = {.kind = RP_SOURCE_MQTT, .mqtt = *desc};
        st = rp_ingest_add_source(m->ingest, &sd, last_error, sizeof last_error);
    } else {
        snprintf(last_error, sizeof last_error, "rp_mqtt_attach: bad capacity or max_series: %s",
                 rp_status_string(st));
    }
    if (st == RP_OK) st = rp_ingest_start(m->ingest);
    if (st != RP_OK) {
        rp_ingest_destroy(m->ingest);
        free(m);
        return st;
    }
    last_error[0] = 0;
    *out = m;
    return RP_OK;
}

/* Same grouping as the viewer: the part of the name before its first '/'. */
static int panel_for(rp_mqtt *m, const char *name)
{
    if (m->fixed_panel >= 0) return m->fixed_panel;
    char group[RP_NAME_MAX];
    const char *cut = strchr(name, '/');
    size_t n = cut && cut != name ? (size_t)(cut - name) : strlen(name);
    memcpy(group, name, n);
    group[n] = 0;
    for (int i = 0; i < m->group_count; i++)
        if (!strcmp(m->groups[i].group, group)) return m->groups[i].panel;
    int panel;
    if (rp_figure_panel_count(m->figure) >= RP_MAX_PANELS) return RP_MAX_PANELS - 1; /* share the last */
    if (rp_figure_add_panel(m->figure, &(rp_panel_desc){.title = group}, &panel) != RP_OK) return 0;
    if (m->group_count < RP_MAX_PANELS) {
        memcpy(m->groups[m->group_count].group, group, n + 1);
        m->groups[m->group_count++].panel = panel;
    }
    return panel;
}

int rp_mqtt_poll(rp_mqtt *m)
{
    if (!m) return 0;
    int added = 0;
    int count = rp_ingest_series_count(m->ingest);
    while (m->series_added < count) {
        rp_series *s = rp_ingest_series_at(m->ingest, m->series_added, NULL);
        if (!s) break; /* still being created: next frame */
        const char *name = rp_series_name(s);
        int panel = panel_for(m, name);
        const char *cut = m->fixed_panel < 0 ? strchr(name, '/') : NULL;
        rp_figure_add_series(m->figure, panel, s, &(rp_series_style){.label = cut && cut[1] ? cut + 1 : name});
        m->series_added++;
        added++;
    }
    return added;
}

rp_mqtt_stats rp_mqtt_stats_get(const rp_mqtt *m)
{
    rp_mqtt_stats out;
    memset(&out, 0, sizeof out);
    if (!m) {
        out.state = RP_MQTT_STOPPED;
        return out;
    }
    rp_source_stats st = rp_ingest_source_stats(m->ingest, 0);
    out.state = st.mqtt_state;
    out.messages = st.messages;
    out.messages_rejected = st.messages_rejected;
    out.samples = st.samples;
    out.samples_dropped = st.samples_dropped;
    out.reconnects = st.reconnects;
    out.series = rp_ingest_series_count(m->ingest);
    out.topics = st.topics;
    snprintf(out.last_error, sizeof out.last_error, "%s", st.last_error);
    return out;
}

int rp_mqtt_topic_stats_get(const rp_mqtt *m, rp_mqtt_topic_stats *out, int max)
{
    return m ? rp_ingest_mqtt_topics(m->ingest, 0, out, max) : 0;
}

const char *rp_mqtt_last_error(const rp_mqtt *m)
{
    if (m) snprintf(last_error, sizeof last_error, "%s", rp_ingest_source_stats(m->ingest, 0).last_error);
    return last_error;
}

void rp_mqtt_detach(rp_mqtt *m)
{
    if (!m) return;
    rp_ingest_stop(m->ingest);
    for (int i = 0; i < m->series_added; i++) {
        rp_series *s = rp_ingest_series_at(m->ingest, i, NULL);
        if (s) rp_figure_remove_series(m->figure, s);
    }
    rp_ingest_destroy(m->ingest);
    free(m);
}
