/* ingest.h — internal: a set of sources (ringplot.h, "Sources") feeding named series, for the
 * viewer and for rp_source_attach / rp_mqtt_attach.
 *
 * Each source runs on its own thread and is the single producer of the series it creates, so
 * every sample reaches the store through the same lock-free push path. A series appears the
 * first time its name is seen (its creation may wait up to 0.5 s while its rate is measured, see
 * sink.c), up to max_series in all. The render thread picks up new series with
 * rp_ingest_series_count() and rp_ingest_series_at(); a slot whose creation failed stays failed
 * (rp_ingest_series_failed) and later slots are unaffected. No GL, no SDL.
 *
 * Layout of engine/ingest/: ingest.c (this registry and the threads), sink.c (what every source
 * shares: staging, series creation, time, counters), stream.c (byte-stream formats shared by fd,
 * serial and replay), source_<kind>.c (one per kind, behind rp_source_ops: source.h), panels.c
 * (which panel a new series goes to), source_api.c (rp_source_*), mqtt_api.c (rp_mqtt_*).
 *
 * Threading: create / add_source / start / stop / destroy belong to one owner thread (the
 * viewer's main thread); count, series_at and stats may be called from it while sources run.
 * Memory: a series' memory is fixed when it is created; sources allocate their buffers when
 * added. Nothing grows afterwards. */
#ifndef RP_INGEST_H
#define RP_INGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "ringplot.h"

#define RP_INGEST_MAX_SOURCES 8
#define RP_INGEST_SERIES_LIMIT RP_SOURCE_SERIES_MAX /* upper bound for max_series */
#define RP_INGEST_ERROR_MAX RP_SOURCE_ERROR_MAX
#define RP_UDP_DEFAULT_PORT 47269 /* Teleplot's port */

typedef struct rp_ingest_desc {
    int64_t capacity;            /* samples kept per series; 0: from span and rate (sink.c) */
    double span;                 /* seconds a view shows (for the default capacity); default 10 */
    double (*clock)(void *user); /* wall-clock seconds of arrivals; default rp_wall_seconds (tests
                                   inject a clock they step, so the time model is exact) */
    void *clock_user;
    int max_series;       /* in all; default 64 (or a binary source's channel count), at most
                                   RP_INGEST_SERIES_LIMIT */
    rp_notes *notes;      /* where Teleplot text values and log lines go (borrowed: must outlive the
                        ingest); NULL: they are only counted */
    bool hold_for_reader; /* every series is held for a reader from its first sample (the
                             recorder: rp_recorder_add_series copies from there, then moves the
                             hold): a file or pipe source waits rather than overwrite samples not
                             yet copied; release a series that no reader takes with
                             rp_ingest_series_release */
} rp_ingest_desc;

typedef struct rp_ingest rp_ingest;

rp_status rp_ingest_create(const rp_ingest_desc *desc, rp_ingest **out);
/* Stops the sources and frees everything, the series included. NULL is ignored. */
void rp_ingest_destroy(rp_ingest *ingest);
/* Adds a source; opens its socket or file now so that errors ("address in use", "cannot open")
 * are reported here, in err. desc is copied (its strings too) and never changed. Its thread
 * starts with rp_ingest_start. RP_ERR_UNSUPPORTED: the kind is not in this build. */
rp_status rp_ingest_add_source(rp_ingest *ingest, const rp_source_desc *desc, char *err,
                               int err_size);
/* The same, also saying which log item the failure is (SERIAL_OPEN, UDP_BIND, MQTT_ATTACH,
 * SOURCE_ATTACH, ...); the caller reports it. While the source runs, everything it meets goes to
 * desc->log (ringplot.h, "Sources"). item may be NULL. */
rp_status rp_ingest_add_source_item(rp_ingest *ingest, const rp_source_desc *desc,
                                    rp_log_item *item, char *err, int err_size);
rp_status rp_ingest_start(rp_ingest *ingest);
/* Asks every source to stop and joins the threads (series stay readable). */
void rp_ingest_stop(rp_ingest *ingest);

/* Series slots handed out so far; rp_ingest_series_at(i) for i below it is stable for the
 * ingest's life once non-NULL. Any thread. */
int rp_ingest_series_count(const rp_ingest *ingest);
/* NULL while the slot's series is being created, or when its creation failed. */
rp_series *rp_ingest_series_at(const rp_ingest *ingest, int index, int *source);
/* Lets go of the hold (hold_for_reader) on the slot's series: for a series no reader will take,
 * so that its source never waits for one. Any thread. */
void rp_ingest_series_release(rp_ingest *ingest, int index);
/* True when the slot's series could not be created (the reason went to the source's log). */
bool rp_ingest_series_failed(const rp_ingest *ingest, int index);
/* What a series is to Teleplot's "name:x:y|xy" points: none, the x (name.x) or the y (name.y). */
enum { RP_INGEST_XY_NONE = 0, RP_INGEST_XY_X, RP_INGEST_XY_Y };
int rp_ingest_series_xy(const rp_ingest *ingest, int index);
/* Samples/s of a series: given (--rate), or estimated from arrivals or timestamps; 0 unknown. */
double rp_ingest_series_rate(const rp_ingest *ingest, int index);
/* Seconds since the series last received samples (rp_ingest_now's clock); 0 before any. */
double rp_ingest_series_idle(const rp_ingest *ingest, int index);
int rp_ingest_source_count(const rp_ingest *ingest);
/* A copy of a source's counters (any thread). */
rp_source_stats rp_ingest_source_stats(const rp_ingest *ingest, int source);
/* The newest warning or error the source reported as item (copied into out, size bytes); false
 * and "" when it reported none. Every kind of problem a file met can so be said at its end, not
 * only the newest (last_error). Any thread. */
bool rp_ingest_source_said(const rp_ingest *ingest, int source, rp_log_item item, char *out,
                           size_t size);
/* The k-th (from 0, in order) of the warnings the source said once a series (CAPACITY_SHORT,
 * RATE_GUESSED, RATE_MISMATCH) or once a source (the series limit's first refusal), each also
 * the newest of its item for a while (rp_ingest_source_said): copied into out with its item;
 * the number said so far is returned (k past it, or past the RP_SINK_SAID_MAX kept: out ""),
 * so a caller that says each once keeps a count. Any thread. */
int rp_ingest_source_said_at(const rp_ingest *ingest, int source, int k, rp_log_item *item,
                             char *out, size_t size);
/* Text lines source `source` refused, per reason of the text parser (io/parse.h): copies
 * RP_LINE_REJECT_COUNT counters into out (all 0 for sources without text). Any thread. */
void rp_ingest_line_rejects(const rp_ingest *ingest, int source, int64_t *out);
/* The UDP port actually bound (after add_source; useful with port 0 in tests). */
uint16_t rp_ingest_udp_port(const rp_ingest *ingest, int source);
/* Serial: queues n bytes for the device (copied; written by the source's thread). RP_ERR_IO when
 * the device is not open (the reason in the source's last_error), RP_ERR_LIMIT when more than
 * RP_SERIAL_SEND_MAX bytes would wait, RP_ERR_UNSUPPORTED for other kinds. Any thread; never
 * blocks. */
rp_status rp_ingest_send(rp_ingest *ingest, int source, const void *bytes, size_t n);
/* MQTT: copies up to max per-topic counters of source `source` into out; returns the count. */
int rp_ingest_mqtt_topics(const rp_ingest *ingest, int source, rp_mqtt_topic_stats *out, int max);
/* True when filter is a subscription filter an MQTT broker takes (libmosquitto's own checks,
 * and not empty); false with why ("invalid topic filter '...': ..."). rp_mqtt_attach and the
 * viewer's --topic both refuse with it. Without MQTT support: true. Any thread. */
bool rp_ingest_mqtt_filter_check(const char *filter, char *why, size_t size);
/* The same for a --topic-name mapping "TOPIC=NAME" (split at the last '='). */
bool rp_ingest_mqtt_mapping_check(const char *mapping, char *why, size_t size);
/* True when every source has ended (EOF, replay done, read error). */
bool rp_ingest_all_ended(const rp_ingest *ingest);
/* True when some source never ends by itself (demo, UDP, MQTT, serial). */
bool rp_ingest_has_endless(const rp_ingest *ingest);
/* Wall-clock seconds (CLOCK_REALTIME) as used for arrival times. */
double rp_wall_seconds(void);
/* The ingest's arrival clock (desc.clock or rp_wall_seconds). Any thread. */
double rp_ingest_now(const rp_ingest *ingest);

/* Test hook (fuzz_mqtt): hands one MQTT message to source `source` (MQTT, not started) on the
 * calling thread, as its thread would, then flushes. RP_ERR_UNSUPPORTED without MQTT. */
rp_status rp_ingest_mqtt_deliver(rp_ingest *ingest, int source, const char *topic,
                                 const void *payload, size_t len);

/* Test hook (fuzz_stream): hands bytes to source `source` (an fd source, not started: its
 * descriptor is never read) on the calling thread, as its thread would after a read, then
 * flushes; end: the stream ends after them (a last line without newline counts). */
rp_status rp_ingest_stream_deliver(rp_ingest *ingest, int source, const void *bytes, size_t len,
                                   bool end);

#endif
