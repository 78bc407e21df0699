/* ingest.h — sources that feed named series: stdin or a file descriptor (Teleplot text, CSV or
 * binary float32 frames), UDP datagrams, CSV file replay, MQTT topics (source_mqtt.c), and the
 * built-in demo generator.
 *
 * Each source runs on its own thread and is the single producer of the series it creates, so
 * every sample reaches the store through the same lock-free rp_push path. A series appears the
 * first time its name is seen, up to max_series in all; samples beyond that limit are counted
 * and dropped. The render thread picks up new series with rp_ingest_series_count() and
 * rp_ingest_series_at(). No GL, no SDL.
 *
 * Threading: create / add_source / start / stop / destroy belong to one owner thread (the
 * viewer's main thread); count, series_at and stats may be called from it while sources run.
 * Memory: every series is allocated at its first sample with the configured capacity; sources
 * allocate their buffers when added. Nothing grows afterwards. */
#ifndef RP_INGEST_H
#define RP_INGEST_H

#include <stdbool.h>
#include <stdint.h>

#include "ringplot.h"

#define RP_INGEST_MAX_SOURCES 8
#define RP_INGEST_SERIES_LIMIT 256 /* upper bound for max_series */
#define RP_INGEST_ERROR_MAX 256
#define RP_UDP_DEFAULT_PORT 47269 /* Teleplot's port */

typedef enum rp_source_kind {
    RP_SOURCE_DEMO = 0, /* built-in generator: IMU 1 kHz, ECG 500 Hz, sensor 100 kHz, temperature */
    RP_SOURCE_FD,       /* a stream on a file descriptor (stdin by default) */
    RP_SOURCE_UDP,      /* text datagrams */
    RP_SOURCE_REPLAY,   /* a CSV file played back */
    RP_SOURCE_MQTT,     /* topics of an MQTT broker (payload formats: ringplot.h, rp_mqtt_desc) */
    RP_SOURCE_KIND_COUNT /* number of kinds; not a kind */
} rp_source_kind;

typedef enum rp_stream_format {
    RP_FORMAT_AUTO = 0, /* fd / replay: CSV when the first line has a delimiter and no ':' */
    RP_FORMAT_TEXT,     /* Teleplot lines: name:value, name:timestamp_ms:value, '>' prefix */
    RP_FORMAT_CSV,      /* header row naming the columns, optional time column */
    RP_FORMAT_BINARY,   /* interleaved little-endian float32 frames of `channels` values */
} rp_stream_format;

typedef struct rp_source_desc {
    rp_source_kind kind;
    rp_stream_format format;   /* RP_SOURCE_FD and RP_SOURCE_REPLAY */
    int fd;                    /* RP_SOURCE_FD: descriptor to read; 0 (stdin) by default */
    const char *path;          /* RP_SOURCE_REPLAY: CSV file (copied) */
    double speed;              /* RP_SOURCE_REPLAY: 1 = original rate (default), N = N× faster,
                                   INFINITY = all at once */
    const char *host;          /* RP_SOURCE_UDP: bind address (copied); default 127.0.0.1 */
    uint16_t port;             /* RP_SOURCE_UDP: default RP_UDP_DEFAULT_PORT */
    int channels;              /* RP_FORMAT_BINARY: values per frame (required) */
    const char *channel_names; /* RP_FORMAT_BINARY: "ax,ay,az" (copied); default ch0, ch1... */
    double rate;               /* samples/s of each series when the stream has no timestamps:
                                   > 0 makes uniform series (x = start + index / rate); 0 stamps
                                   samples with their arrival time, spread evenly over each read */
    const char *label;         /* group name for panels and stats; default from the kind */
    double demo_speed;         /* RP_SOURCE_DEMO: rate multiplier (default 1) */
    rp_mqtt_desc mqtt;         /* RP_SOURCE_MQTT: broker, topics, auth, TLS (strings copied;
                                   host and port are taken from here, not from the fields above;
                                   capacity, max_series and panel are not used) */
} rp_source_desc;

typedef struct rp_ingest_desc {
    int64_t capacity; /* samples kept per series; default 1 << 20 */
    int max_series;   /* default 64, at most RP_INGEST_SERIES_LIMIT */
} rp_ingest_desc;

typedef struct rp_source_stats {
    char label[RP_NAME_MAX];
    bool running;               /* thread alive (false after EOF or stop) */
    bool ended;                 /* the stream ended (EOF, replay finished) */
    int64_t bytes;              /* bytes read */
    int64_t samples;            /* samples pushed into series */
    int64_t lines_rejected;     /* malformed lines / rows / datagrams, counted by the parsers */
    int64_t samples_dropped;    /* samples refused: series limit reached, out-of-order time */
    int64_t datagrams;          /* UDP datagrams received */
    int64_t datagrams_rejected; /* UDP: oversized or holding a malformed line */
    int64_t datagrams_lost;     /* UDP: dropped by the kernel (socket buffer full), SO_RXQ_OVFL */
    int senders;                /* UDP: distinct sender addresses seen (capped at 1024) */
    int senders_rejected;       /* UDP: senders that sent at least one bad datagram */
    rp_mqtt_state mqtt_state;   /* MQTT: connection state */
    int64_t messages;           /* MQTT: messages received */
    int64_t messages_rejected;  /* MQTT: malformed payloads, skipped */
    int64_t reconnects;         /* MQTT: successful connections after the first */
    int topics;                 /* MQTT: distinct topics seen (rp_ingest_mqtt_topics) */
    char last_error[RP_INGEST_ERROR_MAX]; /* newest problem, "" when none */
} rp_source_stats;

typedef struct rp_ingest rp_ingest;

rp_status rp_ingest_create(const rp_ingest_desc *desc, rp_ingest **out);
/* Stops the sources and frees everything, the series included. NULL is ignored. */
void rp_ingest_destroy(rp_ingest *ingest);
/* Adds a source; opens its socket or file now so that errors ("address in use", "cannot open")
 * are reported here, in err. Its thread starts with rp_ingest_start. */
rp_status rp_ingest_add_source(rp_ingest *ingest, const rp_source_desc *desc, char *err,
                               int err_size);
rp_status rp_ingest_start(rp_ingest *ingest);
/* Asks every source to stop and joins the threads (series stay readable). */
void rp_ingest_stop(rp_ingest *ingest);

/* Series published so far; rp_ingest_series_at(i) for i below it is stable for the ingest's life.
 * Any thread. */
int rp_ingest_series_count(const rp_ingest *ingest);
rp_series *rp_ingest_series_at(const rp_ingest *ingest, int index, int *source);
int rp_ingest_source_count(const rp_ingest *ingest);
/* A copy of a source's counters (any thread). */
rp_source_stats rp_ingest_source_stats(const rp_ingest *ingest, int source);
/* The UDP port actually bound (after add_source; useful with port 0 in tests). */
uint16_t rp_ingest_udp_port(const rp_ingest *ingest, int source);
/* MQTT: copies up to max per-topic counters of source `source` into out (fixed table of
 * RP_MQTT_TOPIC_STATS_MAX topics, then one "" entry for all others); returns the count. Any thread. */
int rp_ingest_mqtt_topics(const rp_ingest *ingest, int source, rp_mqtt_topic_stats *out, int max);
/* True when every source has ended (EOF or replay done); demo, UDP and MQTT never end. */
bool rp_ingest_all_ended(const rp_ingest *ingest);
/* Wall-clock seconds (CLOCK_REALTIME) as used for arrival times. */
double rp_wall_seconds(void);

#endif
