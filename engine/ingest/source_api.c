/* source_api.c — the public rp_source_* calls (ringplot.h, "Sources"): an rp_ingest holding one
 * source, and the panel policy that hands its new series to a figure on the figure's thread. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "core/log.h"
#include "figure/figure_internal.h"
#include "ingest/panels.h"
#include "ingest/source_api.h"

struct rp_source {
    rp_figure *figure; /* borrowed */
    rp_ingest *ingest; /* owns the series */
    rp_panel_policy panels;
    char error[RP_SOURCE_ERROR_MAX]; /* rp_source_last_error's copy of the newest problem */
};

static bool source_valid(const rp_source *s) { return rp_handle_live(s, RP_HANDLE_SOURCE); }

rp_status rp_source__attach(rp_figure *figure, const rp_source_desc *desc, rp_source **out,
                            rp_log_item *item, char *why, size_t why_size)
{
    *item = RP_LOGITEM_INVALID_ARGUMENT;
    why[0] = 0;
    if (out) *out = NULL;
    if (!rp_figure_valid(figure)) {
        *item = RP_LOGITEM_STALE_HANDLE;
        rp_format(why, why_size, "not a live figure (NULL, destroyed, or another kind of object)");
        return RP_ERR_INVALID_ARG;
    }
    if (!desc || !out) {
        rp_format(why, why_size, "desc and out are required");
        return RP_ERR_INVALID_ARG;
    }
    if (desc->panel < 0 || desc->panel > rp_figure_panel_count(figure)) {
        *item = RP_LOGITEM_SOURCE_ATTACH; /* a bad desc, as the README says */
        rp_format(why, why_size, "panel %d does not exist", desc->panel);
        return RP_ERR_INVALID_ARG;
    }
    rp_source *s = calloc(1, sizeof *s);
    if (!s) {
        *item = RP_LOGITEM_OUT_OF_MEMORY;
        rp_format(why, why_size, "out of memory");
        return RP_ERR_NO_MEMORY;
    }
    s->figure = figure;
    *item = RP_LOGITEM_SOURCE_ATTACH;
    rp_status st = rp_ingest_create(&(rp_ingest_desc){.capacity = desc->capacity,
                                                      .span = desc->span,
                                                      .max_series = desc->max_series,
                                                      .notes = rp_figure_notes(figure)},
                                    &s->ingest);
    /* the running source reports to desc->log, or to the figure's channel */
    rp_source_desc resolved = *desc;
    if (!resolved.log.func) resolved.log = rp_figure_log(figure)->desc;
    if (st == RP_OK)
        st = rp_ingest_add_source_item(s->ingest, &resolved, item, why, (int)why_size);
    else
        rp_format(why, why_size, "bad capacity, span or max_series: %s", rp_status_string(st));
    if (st == RP_OK) st = rp_panel_policy_init(&s->panels, figure, NULL, 0, desc->panel - 1);
    if (st == RP_OK) st = rp_ingest_start(s->ingest);
    if (st == RP_OK && !rp_handle_register(s, RP_HANDLE_SOURCE)) {
        st = RP_ERR_LIMIT;
        *item = RP_LOGITEM_TOO_MANY_OBJECTS;
        rp_format(why, why_size, "%d objects are live already (RP_MAX_LIVE_OBJECTS)",
                  RP_MAX_LIVE_OBJECTS);
    }
    if (st != RP_OK) {
        if (!why[0]) rp_format(why, why_size, "%s", rp_status_string(st));
        rp_ingest_destroy(s->ingest);
        free(s);
        return st;
    }
    *out = s;
    return RP_OK;
}

/* A failed attach: reported to log (or the figure's callback when log has none; stderr when
 * neither has one) and kept as the figure's last error. */
rp_status rp_source__attach_fail(rp_figure *figure, const rp_log_desc *log, const char *call,
                                 rp_status st, rp_log_item item, const char *why)
{
    bool live_figure = rp_figure_valid(figure);
    rp_log_desc to = log && log->func ? *log
                     : live_figure    ? rp_figure_log(figure)->desc
                                      : (rp_log_desc){0};
    rp_log_create_fail(&to, st, item, "%s: %s", call, why);
    if (live_figure) {
        char message[RP_ERROR_MAX];
        rp_format(message, sizeof message, "%s: %s", call, why);
        rp_log_sink_keep(rp_figure_log(figure), item, message);
    }
    return st;
}

rp_status rp_source_attach(rp_figure *figure, const rp_source_desc *desc, rp_source **out)
{
    rp_log_item item;
    char why[RP_SOURCE_ERROR_MAX];
    rp_status st = rp_source__attach(figure, desc, out, &item, why, sizeof why);
    if (st != RP_OK)
        return rp_source__attach_fail(figure, desc ? &desc->log : NULL, "rp_source_attach", st,
                                      item, why);
    return RP_OK;
}

int rp_source_poll(rp_source *s)
{
    return source_valid(s) ? rp_panel_policy_poll(&s->panels, s->ingest) : 0;
}

rp_source_stats rp_source_stats_get(const rp_source *s)
{
    if (!source_valid(s)) {
        rp_source_stats none;
        memset(&none, 0, sizeof none);
        return none;
    }
    return rp_ingest_source_stats(s->ingest, 0);
}

double rp_source_series_rate(const rp_source *s, const rp_series *series)
{
    if (!source_valid(s) || !series) return 0;
    for (int i = 0; i < rp_ingest_series_count(s->ingest); i++)
        if (rp_ingest_series_at(s->ingest, i, NULL) == series)
            return rp_ingest_series_rate(s->ingest, i);
    return 0;
}

rp_status rp_source_send(rp_source *s, const void *bytes, size_t n)
{
    return source_valid(s) ? rp_ingest_send(s->ingest, 0, bytes, n) : RP_ERR_INVALID_ARG;
}

const char *rp_source_last_error(const rp_source *s)
{
    if (!source_valid(s)) return "not a live rp_source (NULL, detached, or another kind of object)";
    rp_source *w = (rp_source *)s; /* the copy lives in the object: borrowed until the next call */
    rp_format(w->error, sizeof w->error, "%s", rp_ingest_source_stats(s->ingest, 0).last_error);
    return w->error;
}

void rp_source_detach(rp_source *s)
{
    if (!rp_handle_unregister(s, RP_HANDLE_SOURCE)) return; /* NULL, stale: never read */
    rp_ingest_stop(s->ingest);
    for (int i = 0; i < s->panels.series_added; i++) {
        rp_series *series = rp_ingest_series_at(s->ingest, i, NULL);
        if (series) rp_figure_remove_series(s->figure, series);
    }
    rp_ingest_destroy(s->ingest);
    free(s);
}

rp_ingest *rp_source__ingest(const rp_source *s) { return source_valid(s) ? s->ingest : NULL; }
