/* source_mqtt.h — internal: the seam between ingest.c (registry, staging, pushing) and
 * source_mqtt.c (libmosquitto connection, payload parsing). Not installed.
 *
 * ingest.c owns the `source` and its thread; source_mqtt.c owns the MQTT client. The rp_ingest_src_*
 * helpers are ingest.c's staging functions, exported only for source files: they run on the
 * source's own thread, the single producer of its series. */
#ifndef RP_INGEST_SOURCE_MQTT_H
#define RP_INGEST_SOURCE_MQTT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ingest/ingest.h"

typedef struct source source; /* ingest.c */
typedef struct rp_mqtt_source rp_mqtt_source;

/* ---- source_mqtt.c, called by ingest.c on the owner thread (create, destroy) or the source
 *      thread (run); stats and topics from any thread ---- */

/* Checks and copies desc, reads the password, creates the client (no network yet). */
rp_status rp_mqtt_source_create(source *src, const rp_mqtt_desc *desc, rp_mqtt_source **out,
                                char *err, int err_size);
void rp_mqtt_source_destroy(rp_mqtt_source *mqtt); /* NULL ignored; the thread must have ended */
/* The source thread's body: connect, loop, reconnect with backoff, until rp_ingest_src_stopping. */
void rp_mqtt_source_run(rp_mqtt_source *mqtt);
/* Fills the MQTT fields of st. */
void rp_mqtt_source_stats(const rp_mqtt_source *mqtt, rp_source_stats *st);
int rp_mqtt_source_topics(const rp_mqtt_source *mqtt, rp_mqtt_topic_stats *out, int max);

/* ---- ingest.c, for source files; source thread only ---- */

/* Index of the timestamped series `name` of this source, made on first sight; -1 when the series
 * limit is reached (counted as dropped by rp_ingest_src_drop, by the caller). */
int rp_ingest_src_series(source *src, const char *name, size_t len);
/* Stages one sample; t NaN = arrival time, spread over (previous arrival, this one] at flush. */
void rp_ingest_src_stage(source *src, int series, double t, float v);
void rp_ingest_src_flush(source *src); /* pushes everything staged */
void rp_ingest_src_arrival(source *src, double now,
                           int64_t bytes); /* a read of `bytes` arrived at now */
void rp_ingest_src_drop(source *src, int64_t n, const char *name); /* counts refused samples */
void rp_ingest_src_error(source *src, const char *message);        /* sets last_error */
void rp_ingest_src_lines_rejected(source *src, int64_t total);     /* parser's running total */
bool rp_ingest_src_stopping(const source *src);

#endif
