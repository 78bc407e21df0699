/* source_api.h — internal: what rp_mqtt_* (mqtt_api.c) shares with rp_source_* (source_api.c). */
#ifndef RP_INGEST_SOURCE_API_H
#define RP_INGEST_SOURCE_API_H

#include "core/log.h"
#include "ingest/ingest.h"

/* rp_source_attach without reporting: the status, the log item and the reason in why. */
rp_status rp_source__attach(rp_figure *figure, const rp_source_desc *desc, rp_source **out,
                            rp_log_item *item, char *why, size_t why_size);
/* Reports a failed attach of `call` to log (or the figure's channel), keeps it on the figure. */
rp_status rp_source__attach_fail(rp_figure *figure, const rp_log_desc *log, const char *call,
                                 rp_status st, rp_log_item item, const char *why);
/* The ingest behind a live source (NULL otherwise). */
rp_ingest *rp_source__ingest(const rp_source *source);

#endif
