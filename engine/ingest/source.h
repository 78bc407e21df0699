/* source.h — internal: what a source kind implements (rp_source_ops) and what it may call (the
 * sink, sink.c; the byte-stream decoder, stream.c). Not installed.
 *
 * A kind is one file, source_<kind>.c, defining `const rp_source_ops rp_source_<kind>_ops`, listed
 * in ingest.c's table. ingest.c owns each `source` and its thread:
 *   open   owner thread, from rp_ingest_add_source: check src->desc, allocate src->impl, open the
 *          file / socket / port so that errors come back at once (err). Never changes src->desc.
 *   run    the source's thread: read, decode, hand samples to the sink, until
 *          rp_sink_stopping(src) or the input ends (then rp_sink_end(src, reason)).
 *   close  owner thread, after the thread was joined (or never started): free src->impl.
 *   stats  any thread, optional: add the kind's own counters to st.
 *   send   any thread, optional: queue bytes for the device (serial); never blocks.
 *   wake   owner thread, optional: make a run that waits in a system call look at the stop flag now.
 * The sink functions run on the source's thread, the single producer of its series. */
#ifndef RP_INGEST_SOURCE_H
#define RP_INGEST_SOURCE_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/log.h"
#include "ingest/ingest.h"
#include "io/parse.h"

#define RP_SINK_SAID_MAX 32 /* warnings said once a series kept in order (source.said_list) */

typedef struct source source;

typedef struct rp_source_ops {
    const char *label; /* default label of the kind, e.g. "udp" */
    bool endless;      /* never ends by itself (headless runs need --frames or a signal) */
    rp_status (*open)(source *src, char *err, int err_size); /* may set src->open_item */
    void (*run)(source *src);
    void (*close)(source *src);                                  /* may be NULL */
    void (*stats)(const source *src, rp_source_stats *st);       /* may be NULL */
    rp_status (*send)(source *src, const void *bytes, size_t n); /* may be NULL */
    void (*wake)(source *src);                                   /* may be NULL */
} rp_source_ops;

extern const rp_source_ops rp_source_demo_ops;
extern const rp_source_ops rp_source_fd_ops;
extern const rp_source_ops rp_source_udp_ops;
extern const rp_source_ops rp_source_replay_ops;
#ifdef RINGPLOT_WITH_MQTT
extern const rp_source_ops rp_source_mqtt_ops;
int rp_mqtt_source_topics(const source *src, rp_mqtt_topic_stats *out, int max);
void rp_mqtt_source_deliver(source *src, const char *topic, const void *payload, size_t len);
bool rp_mqtt_source_filter_check(const char *filter, char *why, size_t size);
bool rp_mqtt_source_mapping_check(const char *mapping, char *why, size_t size);
#endif
/* Test hook: bytes into an fd source (not started) on the calling thread, as its thread would
 * read them; end: the stream ends after them. */
void rp_fd_source_deliver(source *src, const uint8_t *bytes, size_t n, bool end);
#ifdef RINGPLOT_WITH_SERIAL
extern const rp_source_ops rp_source_serial_ops;
#endif

/* ---- byte streams (stream.c): fd, serial and replay decode the same formats ---------------- */

typedef struct rp_csv_candidate { /* auto: a possible CSV header, waiting for a row */
    char text[RP_LINE_MAX];       /* a line as long as the parsers take (a 256-column header) */
    size_t len;
    char delim;
    char units[RP_LINE_MAX]; /* a row of words after it (units, "s,°C"), for the parser */
    size_t units_len;
    /* rows after it whose first field is a word ("Firmware Version,1.26"): an instrument's
     * "key,value" metadata, or a CSV whose first column is words; the next lines tell */
    char keyed[RP_LINE_MAX]; /* those lines, each ending in '\n' */
    size_t keyed_len;
    int keyed_rows;
    size_t last_at; /* where the last one starts in keyed[] */
} rp_csv_candidate;

/* Lines skipped while the format is unknown, not yet refused: before a CSV header they are the
 * file's preamble (said once), before text they are refused as malformed (stream.c). */
typedef struct rp_held_lines {
    int64_t lines;
    char last[200];                       /* the newest one's message */
    int64_t probed[RP_LINE_REJECT_COUNT]; /* reasons of the text parser's probe */
    bool overflowed;                      /* more than HELD_MAX: each is refused as it comes */
} rp_held_lines;

typedef struct rp_stream {
    rp_stream_format format; /* resolved; RP_FORMAT_AUTO until a data line decided it */
    rp_line_parser *lines;
    rp_csv_parser *csv;
    rp_frame_parser *frames;
    int *column_series; /* CSV column / binary channel → sink series (-1: refused) */
    /* CSV: the column has had a number. Its gaps (NaN) before are dropped: a column of which no
     * value is a number gets no series (an empty panel); one placed by row starts at the row
     * of its first number (rp_sink_series_start_row), so the rows stay in step */
    bool *column_numbered;
    char pending[RP_LINE_MAX]; /* auto: bytes of an incomplete line (as long as the parsers
                                  take: 40 labelled values or a 256-column CSV row run past 512) */
    size_t pending_len;
    bool pending_cr;      /* auto: the last line ended at a read's last byte, a '\r' */
    int64_t banner_lines; /* auto: lines skipped before the format was known */
    int64_t lines_read;   /* auto: complete lines judged so far (the parsers number on from it) */
    bool utf16;           /* auto: the stream opened with a UTF-16 BOM (said with each line) */
    rp_csv_candidate candidate;
    rp_held_lines held;
    char comment[RP_LINE_MAX]; /* auto: the last '#' line's text, a possible header (numpy's
                                  savetxt "# time,a,b", a gnuplot file's "# x y") */
    size_t comment_len;
    int64_t comment_line;     /* its line (lines_read when it was judged) */
    char csv_delimiter;       /* for the CSV parser: ' ' when detection found blanks, else 0 */
    double replay_speed;      /* > 0: pace CSV rows by their time (replay kind), this much faster */
    double replay_first_time; /* replay: time of the first row (NaN before it) */
    int64_t replay_rows;
    double *block_times;      /* binary without rate: scratch */
    rp_binary_stats reported; /* binary: the parser's counters when last logged */
} rp_stream;

/* Creates the parsers for format (auto: on the first data line). Owner thread. */
rp_status rp_stream_open(source *src, rp_stream *stream, rp_stream_format format, char *err,
                         int err_size);
/* Decodes bytes (any chunking); samples go to the sink. Source thread. */
void rp_stream_feed(source *src, rp_stream *stream, const uint8_t *data, size_t len);
/* End of input: a last line without newline still counts. Source thread. */
void rp_stream_finish(source *src, rp_stream *stream);
void rp_stream_close(rp_stream *stream);

/* ---- a source ---------------------------------------------------------------------------------- */

typedef struct sink_series sink_series; /* sink.c */

/* One device clock: where a sender's timestamps land on the source's x axis (sink.c). A source
 * has one (source.own_clock); a UDP source has one per sender (source_udp.c), since two boards on
 * one port count millis() from their own boots. Source thread only. */
typedef struct rp_clock {
    double offset;         /* device time + offset = x (moves on a clock reset) */
    double newest_x;       /* newest x of any timestamped sample (or note) on this clock */
    double newest_arrival; /* wall time that sample arrived */
    bool device_clock;     /* the newest timestamp is a device's clock (below 1e8 s), no date */
} rp_clock;

struct source {
    rp_ingest *owner;
    int index;
    const rp_source_ops *ops;
    rp_source_desc desc; /* resolved copy: strings point at the buffers below; never changed */
    char label[RP_NAME_MAX];
    char path[1024];
    char host[RP_HOST_MAX];
    char channel_names[4096];
    char time_column[RP_NAME_MAX]; /* desc.time_column's copy (desc points here, or NULL), its
                                      ":UNIT" cut off into time_column_unit */
    rp_time_unit time_column_unit; /* NONE: from the column's name or units, as detected */
    rp_log_item open_item; /* the item a failed open is reported as (default SOURCE_ATTACH) */
    void *impl;            /* the kind's state */
    /* Samples a series of this source may need to hold all of its input (a file played at once:
     * its lines), set by open; 0: unknown. A series' default capacity then (sink.c). */
    int64_t whole_samples;
    /* A file played at once: its reading has no clock, so a row without a time is placed by its
     * index, from 0: x = index / desc.rate, or the index itself when no rate is given (sink.c). */
    bool rows_by_index;
    bool input_ended;  /* rp_sink_end is flushing: series made now get all they will ever get */
    int64_t text_row;  /* the row a text file's samples go to now (sink.c: rows by index) */
    rp_stream *stream; /* byte streams: the decoder (rp_stream_open sets it) */
    pthread_t thread;
    bool thread_started;
    atomic_bool stop, running, ended;
    /* sink state, source thread only */
    sink_series *local; /* local_max entries */
    int local_count, local_max;
    int pending_count; /* series still measuring their rate */
    int *hash;         /* name → local index, open addressing, hash_size slots */
    int hash_size;
    int last_series;
    double now, prev_now; /* wall time of this read and of the previous one */
    double start;         /* wall time when the source started */
    rp_clock own_clock;   /* the source's clock, and that of a UDP sender past UDP_SENDERS */
    /* the clock in effect: own_clock, or the clock of the UDP datagram's sender being parsed
     * (rp_sink_use_clock); a series made now is bound to it for good (sink.c) */
    rp_clock *clock;
    /* the clock with the newest x of the source (NULL before any timestamp): a sender's first
     * device timestamp, and an untimed series of a sender without one, join its timeline */
    rp_clock *newest_clock;
    /* something was placed at its arrival before any timestamp came (of any clock: before the
     * first timestamp the arrivals are the one timeline of the source) */
    bool arrival_placed;
    int64_t block_frames; /* while rp_sink_block stages a channel's frames one by one: how many */
    /* counters: written by the source thread, read by any */
    _Atomic int64_t bytes, samples, clock_resets;
    _Atomic int64_t units_changed; /* samples whose unit differs from their series' (sink.c) */
    _Atomic int64_t refused[RP_REFUSAL_COUNT];
    _Atomic int64_t csv_fields_bad;         /* of parser_malformed: CSV fields, not rows */
    _Atomic int64_t parser_malformed;       /* running total copied from the stream's parser */
    _Atomic int64_t xy_points, texts, logs; /* text-line events (rp_sink_line_event) */
    _Atomic int64_t line_rejected[RP_LINE_REJECT_COUNT]; /* text lines refused, per parser reason */
    int64_t line_rejected_probed[RP_LINE_REJECT_COUNT];  /* of those, by format detection's probe
                                                           parsers (gone): source thread only */
    _Atomic int64_t datagrams, datagrams_rejected, datagrams_lost;
    _Atomic int64_t frames, checksum_failed, sync_lost, sync_skipped; /* binary, from the parser */
    atomic_int senders_seen, senders_rejected, series_made;
    atomic_int_fast16_t bound_port;
    /* auto format: lines held while the format is unknown (none a sample yet), and the first
     * line read (printable ASCII, cut), written once before first_line_set is published */
    _Atomic int64_t lines_held;
    char first_line[64];
    atomic_bool first_line_set;
    /* the log channel (rp_sink_log): the callback is desc.log; the newest message is kept as the
     * source's last error. error_lock guards last_error and last_item only (any thread reads
     * them); report_lock (recursive) serialises the callback and the repeat limiter. Neither is
     * taken on the push path unless something is reported. */
    pthread_mutex_t error_lock, report_lock;
    int64_t line; /* the input's line the samples staged now come from (0: not known); source
                     thread */
    char last_error[RP_SOURCE_ERROR_MAX];
    rp_log_item last_item;
    /* the newest warning or error of each item (error_lock): every kind of problem a file met is
     * said at exit, not only the newest (rp_ingest_source_said) */
    char said[RP_LOGITEM_COUNT][RP_SOURCE_ERROR_MAX];
    /* warnings said once a series (CAPACITY_SHORT, RATE_GUESSED, RATE_MISMATCH) and the first
     * refusal of the series limit, in order (error_lock): said[item] keeps only the newest, so
     * two series with one problem would be one name; the viewer says each (rp_ingest_source_
     * said_at). Fixed size; past RP_SINK_SAID_MAX they are counted (said_count) */
    char said_list[RP_SINK_SAID_MAX][RP_SOURCE_ERROR_MAX];
    rp_log_item said_list_item[RP_SINK_SAID_MAX];
    int said_count;
    bool limit_said;          /* the series limit's first refusal was said (source thread) */
    _Atomic int64_t infinite; /* samples taken as ±Inf (rp_source_stats.samples_infinite) */
    double reported_at[RP_LOGITEM_COUNT]; /* source clock of the item's last delivery (NaN) */
    int64_t suppressed[RP_LOGITEM_COUNT]; /* repeats not delivered since then */
};

/* ---- the sink (sink.c): source thread only unless stated ------------------------------------- */

/* Index of series `name` of this source, made on first sight; -1 when refused (name not valid
 * UTF-8 without control bytes, too long, series limit, creation failed): n samples counted under
 * that reason. A series with no timestamps becomes uniform when src->desc.rate > 0. */
int rp_sink_series(source *src, const char *name, size_t len, int64_t n);
/* As rp_sink_series for a column or channel; a name this source already uses becomes "name.1"
 * (".2", ... as pandas names a CSV's repeated columns); -2 when none of those is free either
 * (the caller counts its samples as RP_REFUSED_DUPLICATE_NAME), -1 when refused otherwise. */
int rp_sink_series_new(source *src, const char *name, size_t len);
/* A series placed by row (a file read at once) whose first sample is that of data row `row`
 * (from 0) starts there, not beside the others' newest; before its first sample only. */
void rp_sink_series_start_row(source *src, int idx, int64_t row);
/* Gives series idx its unit (len bytes: from a CSV header, an MQTT payload) if it has none and is
 * not created yet. */
void rp_sink_series_unit(source *src, int idx, const char *unit, size_t len);
/* Stages one sample. t_device: its timestamp in seconds (device clock), NaN = none. */
void rp_sink_stage(source *src, int series, double t_device, float v);
/* n values of one series that arrived together (binary channels). */
void rp_sink_block(source *src, int series, const float *values, int64_t n);
/* The name of a local series. */
const char *rp_sink_series_name(const source *src, int series);
/* Valid UTF-8 without overlongs or surrogates (any thread). */
bool rp_sink_utf8_valid(const char *s, size_t n);
/* True when s[0..n) may name a series: 1..RP_NAME_MAX-1 bytes of UTF-8 without control bytes. */
bool rp_sink_name_valid(const char *s, size_t n);
/* A text-line sample (io/parse.h): its series (taking the line's unit if it has none yet),
 * its timestamp in ms, its value. */
void rp_sink_line_sample(source *src, const rp_line_sample *s);
/* Copies a text parser's counters (malformed lines, per reason) for the stats. */
void rp_sink_line_counters(source *src, const rp_line_parser *parser);
/* A text-line event (XY point, text, log), user = the source: counted (not drawn yet). */
void rp_sink_line_event(void *user, const rp_line_event *ev);
/* One sample by name: rp_sink_series + rp_sink_stage. */
void rp_sink_sample(source *src, const char *name, size_t len, double t_device, float v);
/* A read of `bytes` arrived now (wall clock): the arrival time of what is staged next. */
void rp_sink_arrival(source *src, int64_t bytes);
/* Pushes what is staged (series still measuring their rate keep it up to 0.5 s). */
void rp_sink_flush(source *src);
/* Pushes everything, creating every pending series (end of input, stop). */
void rp_sink_flush_all(source *src);
/* Counts n refused units under reason; message (may be NULL) is reported (rp_sink_log, warning)
 * under the reason's item (rp_sink_refusal_item). */
void rp_sink_refuse(source *src, rp_refusal reason, int64_t n, const char *message);
rp_log_item rp_sink_refusal_item(rp_refusal reason);
/* The source's one error channel: formats the message once (core/log.h), keeps it as the
 * source's last error, and hands it to desc.log's callback on the calling thread, one call at a
 * time per source. A repeat of the same item within RP_SINK_REPEAT_S of the source's clock is
 * kept but not delivered; the next delivery of that item says how many were held back. Any
 * thread. */
#define RP_SINK_REPEAT_S 1.0
void rp_sink_log(source *src, rp_log_level level, rp_log_item item, const char *fmt, ...)
    RP_PRINTF(4, 5);
/* As rp_sink_log for a warning said once a series (or once a source): kept in the source's list
 * of such warnings as well (rp_ingest_source_said_at) and never held back by the repeat
 * limiter (each is about another series). Any thread. */
void rp_sink_log_once(source *src, rp_log_level level, rp_log_item item, const char *fmt, ...)
    RP_PRINTF(4, 5);
bool rp_sink_stopping(const source *src);
/* The input ended (EOF, error: message says why, or NULL). Flushes everything. */
void rp_sink_end(source *src, const char *message);
/* Sleeps until wall time `due` or a stop, in short steps. */
void rp_sink_sleep_until(source *src, double due);

/* A clock with no timestamp yet (offset 0). Any thread, before the clock is used. */
void rp_sink_clock_init(rp_clock *clock);
/* The clock the samples and notes parsed next are timed by; a series made from now on keeps it
 * for good. NULL: the source's own. Source thread. */
void rp_sink_use_clock(source *src, rp_clock *clock);

/* Owner thread: allocate / free the sink state of src (local_max series). */
rp_status rp_sink_init(source *src, int local_max);
void rp_sink_free(source *src);

/* Registry (ingest.c), called by the sink on the source thread: reserves a global slot; -1 full. */
int rp_ingest__reserve_slot(rp_ingest *ingest);
int rp_ingest__max_series(const rp_ingest *ingest);
void rp_ingest__publish_slot(rp_ingest *ingest, int slot, rp_series *series, int source);
void rp_ingest__fail_slot(rp_ingest *ingest, int slot);
void rp_ingest__slot_rate(rp_ingest *ingest, int slot, double rate);   /* samples/s for stats */
void rp_ingest__slot_arrival(rp_ingest *ingest, int slot, double now); /* its newest push */
void rp_ingest__slot_xy(rp_ingest *ingest, int slot, int role);        /* before publish_slot */
/* The ingest's capacity (0: automatic) and span. */
void rp_ingest__memory(const rp_ingest *ingest, int64_t *capacity, double *span);
/* rp_ingest_desc.hold_for_reader: every new series is held from index 0 (core/series_hold.h). */
bool rp_ingest__hold_for_reader(const rp_ingest *ingest);
/* The store text values and log lines go to (rp_ingest_desc.notes); NULL: counted only. */
rp_notes *rp_ingest__notes(const rp_ingest *ingest);

#endif
