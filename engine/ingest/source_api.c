/* source_api.c — the public rp_source_* calls (ringplot.h, "Sources"): an rp_ingest holding one
 * source, and the panel policy that hands its new series to a figure on the figure's thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest/panels.h"

struct rp_source {
    rp_figure *figure;          /* borrowed */
    rp_ingest *ingest;          /* owns the series */
    rp_panel_policy panels;
};

/* Per thread, like rp_window_last_error: why the last attach failed, or a copy of an error. */
static _Thread_local char last_error[RP_SOURCE_ERROR_MAX];

rp_status rp_source_attach(rp_figure *figure, const rp_source_desc *desc, rp_source **out)
{
    if (out) *out = NULL;
    if (!figure || !desc || !out) {
        snprintf(last_error, sizeof last_error, "rp_source_attach: figure, desc and out are required");
        return RP_ERR_INVALID_ARG;
    }
    if (desc->panel < 0 || desc->panel > rp_figure_panel_count(figure)) {
        snprintf(last_error, sizeof last_error, "rp_source_attach: panel %d does not exist", desc->panel);
        return RP_ERR_INVALID_ARG;
    }
    rp_source *s = calloc(1, sizeof *s);
    if (!s) return RP_ERR_NO_MEMORY;
    s->figure = figure;
    rp_status st = rp_ingest_create(&(rp_ingest_desc){.capacity = desc->capacity, .span = desc->span,
                                                      .max_series = desc->max_series}, &s->ingest);
    if (st == RP_OK) {
        st = rp_ingest_add_source(s->ingest, desc, last_error, sizeof last_error);
    } else {
        snprintf(last_error, sizeof last_error, "rp_source_attach: bad capacity, span or max_series: %s",
                 rp_status_string(st));
    }
    if (st == RP_OK) st = rp_panel_policy_init(&s->panels, figure, NULL, 0, desc->panel - 1);
    if (st == RP_OK) st = rp_ingest_start(s->ingest);
    if (st != RP_OK) {
        if (!last_error[0]) snprintf(last_error, sizeof last_error, "rp_source_attach: %s", rp_status_string(st));
        rp_ingest_destroy(s->ingest);
        free(s);
        return st;
    }
    last_error[0] = 0;
    *out = s;
    return RP_OK;
}

int rp_source_poll(rp_source *s)
{
    return s ? rp_panel_policy_poll(&s->panels, s->ingest) : 0;
}

rp_source_stats rp_source_stats_get(const rp_source *s)
{
    if (!s) {
        rp_source_stats none;
        memset(&none, 0, sizeof none);
        return none;
    }
    return rp_ingest_source_stats(s->ingest, 0);
}

double rp_source_series_rate(const rp_source *s, const rp_series *series)
{
    if (!s || !series) return 0;
    for (int i = 0; i < rp_ingest_series_count(s->ingest); i++)
        if (rp_ingest_series_at(s->ingest, i, NULL) == series) return rp_ingest_series_rate(s->ingest, i);
    return 0;
}

rp_status rp_source_send(rp_source *s, const void *bytes, size_t n)
{
    return s ? rp_ingest_send(s->ingest, 0, bytes, n) : RP_ERR_INVALID_ARG;
}

const char *rp_source_last_error(const rp_source *s)
{
    if (s) snprintf(last_error, sizeof last_error, "%s", rp_ingest_source_stats(s->ingest, 0).last_error);
    return last_error;
}

void rp_source_detach(rp_source *s)
{
    if (!s) return;
    rp_ingest_stop(s->ingest);
    for (int i = 0; i < s->panels.series_added; i++) {
        rp_series *series = rp_ingest_series_at(s->ingest, i, NULL);
        if (series) rp_figure_remove_series(s->figure, series);
    }
    rp_ingest_destroy(s->ingest);
    free(s);
}

/* Internal: the ingest behind a source (mqtt_api.c). */
rp_ingest *rp_source__ingest(rp_source *s);
rp_ingest *rp_source__ingest(rp_source *s) { return s->ingest; }
