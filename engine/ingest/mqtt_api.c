/* mqtt_api.c — the public rp_mqtt_* calls (ringplot.h): an rp_ingest holding one MQTT source,
 * plus the glue that hands its new series to a figure on the figure's thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "core/log.h"
#include "figure/figure_internal.h"
#include "ingest/ingest.h"

struct rp_mqtt {
    rp_figure *figure; /* borrowed */
    rp_ingest *ingest; /* owns the series */
    int series_added;  /* series handed to the figure so far */
    int fixed_panel;   /* -1: a panel per group */
    struct {
        char group[RP_NAME_MAX];
        int panel;
    } groups[RP_MAX_PANELS];
    int group_count;
    char error[RP_MQTT_ERROR_MAX]; /* rp_mqtt_last_error's copy of the connection's problem */
};

static bool mqtt_valid(const rp_mqtt *m) { return rp_handle_live(m, RP_HANDLE_MQTT); }

/* A failed attach: reported to desc->log (or the figure's callback when desc has none; stderr
 * when neither has one) and kept as the figure's last error. */
static rp_status attach_fail(rp_figure *figure, const rp_mqtt_desc *desc, rp_status st,
                             rp_log_item item, const char *why)
{
    bool live_figure = rp_figure_valid(figure);
    rp_log_desc log = desc && desc->log.func ? desc->log
                      : live_figure          ? rp_figure_log(figure)->desc
                                             : (rp_log_desc){0};
    rp_log_create_fail(&log, st, item, "rp_mqtt_attach: %s", why);
    if (live_figure) {
        char message[RP_ERROR_MAX];
        rp_format(message, sizeof message, "rp_mqtt_attach: %s", why);
        rp_log_sink_keep(rp_figure_log(figure), item, message);
    }
    return st;
}

rp_status rp_mqtt_attach(rp_figure *figure, const rp_mqtt_desc *desc, rp_mqtt **out)
{
    if (out) *out = NULL;
    if (!rp_figure_valid(figure))
        return attach_fail(figure, desc, RP_ERR_INVALID_ARG, RP_LOGITEM_STALE_HANDLE,
                           "not a live figure (NULL, destroyed, or another kind of object)");
    if (!desc || !out)
        return attach_fail(figure, desc, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "desc and out are required");
    if (desc->panel < 0 || desc->panel > rp_figure_panel_count(figure)) {
        char why[96];
        rp_format(why, sizeof why, "panel %d does not exist", desc->panel);
        return attach_fail(figure, desc, RP_ERR_INVALID_ARG, RP_LOGITEM_NOT_FOUND, why);
    }
    rp_mqtt *m = calloc(1, sizeof *m);
    if (!m)
        return attach_fail(figure, desc, RP_ERR_NO_MEMORY, RP_LOGITEM_OUT_OF_MEMORY,
                           "out of memory");
    m->figure = figure;
    m->fixed_panel = desc->panel - 1;
    char why[RP_MQTT_ERROR_MAX] = "";
    rp_status st = rp_ingest_create(
        &(rp_ingest_desc){.capacity = desc->capacity, .max_series = desc->max_series}, &m->ingest);
    if (st == RP_OK) {
        rp_source_desc sd = {.kind = RP_SOURCE_MQTT, .mqtt = *desc};
        st = rp_ingest_add_source(m->ingest, &sd, why, sizeof why);
    } else {
        rp_format(why, sizeof why, "bad capacity or max_series: %s", rp_status_string(st));
    }
    if (st == RP_OK) st = rp_ingest_start(m->ingest);
    if (st == RP_OK && !rp_handle_register(m, RP_HANDLE_MQTT)) {
        st = RP_ERR_LIMIT;
        rp_format(why, sizeof why, "%d objects are live already (RP_MAX_LIVE_OBJECTS)",
                  RP_MAX_LIVE_OBJECTS);
    }
    if (st != RP_OK) {
        rp_ingest_destroy(m->ingest);
        free(m);
        return attach_fail(figure, desc, st,
                           st == RP_ERR_LIMIT ? RP_LOGITEM_TOO_MANY_OBJECTS
                                              : RP_LOGITEM_MQTT_ATTACH,
                           why[0] ? why : rp_status_string(st));
    }
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
    if (rp_figure_panel_count(m->figure) >= RP_MAX_PANELS)
        return RP_MAX_PANELS - 1; /* share the last */
    if (rp_figure_add_panel(m->figure, &(rp_panel_desc){.title = group}, &panel) != RP_OK) return 0;
    if (m->group_count < RP_MAX_PANELS) {
        memcpy(m->groups[m->group_count].group, group, n + 1);
        m->groups[m->group_count++].panel = panel;
    }
    return panel;
}

int rp_mqtt_poll(rp_mqtt *m)
{
    if (!mqtt_valid(m)) return 0;
    int added = 0;
    int count = rp_ingest_series_count(m->ingest);
    while (m->series_added < count) {
        rp_series *s = rp_ingest_series_at(m->ingest, m->series_added, NULL);
        if (!s) break; /* still being created: next frame */
        const char *name = rp_series_name(s);
        int panel = panel_for(m, name);
        const char *cut = m->fixed_panel < 0 ? strchr(name, '/') : NULL;
        rp_figure_add_series(m->figure, panel, s,
                             &(rp_series_style){.label = cut && cut[1] ? cut + 1 : name});
        m->series_added++;
        added++;
    }
    return added;
}

rp_mqtt_stats rp_mqtt_stats_get(const rp_mqtt *m)
{
    rp_mqtt_stats out;
    memset(&out, 0, sizeof out);
    if (!mqtt_valid(m)) {
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
    return mqtt_valid(m) ? rp_ingest_mqtt_topics(m->ingest, 0, out, max) : 0;
}

const char *rp_mqtt_last_error(const rp_mqtt *m)
{
    if (!mqtt_valid(m)) return "not a live rp_mqtt (NULL, detached, or another kind of object)";
    rp_mqtt *w = (rp_mqtt *)m; /* the copy lives in the object: borrowed until the next call */
    rp_format(w->error, sizeof w->error, "%s", rp_ingest_source_stats(m->ingest, 0).last_error);
    return w->error;
}

void rp_mqtt_detach(rp_mqtt *m)
{
    if (!rp_handle_unregister(m, RP_HANDLE_MQTT)) return; /* NULL, stale: never read */
    rp_ingest_stop(m->ingest);
    for (int i = 0; i < m->series_added; i++) {
        rp_series *s = rp_ingest_series_at(m->ingest, i, NULL);
        if (s) rp_figure_remove_series(m->figure, s);
    }
    rp_ingest_destroy(m->ingest);
    free(m);
}
