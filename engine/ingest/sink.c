/* sink.c — what every source shares: its series (by name), staging, the time model, counters.
 *
 * Time (README "Time"): a series is decided by its first sample.
 *   - uniform: no timestamp and desc.rate > 0: x = start + index / rate, pushed as it comes;
 *     in a file played at once (rows_by_index) every series without timestamps, from x = 0, with
 *     rate 1 (x is the row's index) when none is given: reading it has no clock to place it on.
 *   - timestamped: the first sample has a timestamp: x = device time + its clock's offset. A
 *     source has one clock; a UDP source one per sender (rp_sink_use_clock): a series keeps the
 *     clock of the sender that made it, and a clock resets (a reboot) on its own.
 *   - arrival-timed: no timestamp, no rate: samples are placed on the series' rate estimated from
 *     their arrivals, in segments (t0, rate): a run of k samples read at wall time a continues the
 *     segment while it stays within DRIFT_BREAK of the wall clock (the rate is nudged to keep the
 *     drift bounded); after a silence (no data for max(SILENCE_MIN, 5 / rate)) a new segment
 *     starts so that the run ends at a — never earlier than the sample before it — leaving a gap.
 * A series is created once its rate is known: RATE_WAIT_S after its first sample when two reads
 * of it came without a silence between them, or when every read brought one sample (nothing to
 * space); otherwise its first burst (samples that arrived together) stays staged (the stage is
 * allocated with the name: nothing is allocated to hold it) until that happens, up to RATE_HOLD_S,
 * a full stage, or the end of input. Then every held run is placed on the rate, ending at its own
 * arrival; only a series whose rate could not be measured by then gets PROVISIONAL_RATE.
 * Capacity: max(CAP_MIN, 3 × span × rate) unless one is given; a source that knows how many
 * samples its whole input holds (a file played at once) gets room for all of them.
 * Arrival-timed series are stored uniform in segments (rp_push_segment): 4.3 B/sample. */
#include <float.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/series_hold.h"
#include "ingest/source.h"

#define STAGE 512           /* samples staged per series before a push */
#define RATE_WAIT_S 0.5     /* a new series measures its rate this long before it is created */
#define RATE_HOLD_S 2.0     /* ...and, while no rate could be measured, waits up to this long */
#define SILENCE_MIN 0.5     /* s without data that always count as a silence (gap) */
#define PAUSE_MIN 0.05      /* s without data that can be a pause (gap) in a stream... */
#define PAUSE_PERIODS 20.0  /* ...and at least this many sample periods */
#define SLOW_FIRST_S 5.0    /* s: a second arrival this soon after the first keeps its line */
#define SLOW_MAX_S 600.0    /* s: the longest cadence a slow stream's arrivals can keep */
#define SLOW_READ_MAX 4     /* samples of a series a read of a slow stream brings at most */
#define DRIFT_BREAK 1.0     /* s behind the wall clock: restart the segment (gap) */
#define AHEAD_MAX 0.2       /* s: the most a sample is drawn after its arrival (beyond a lead) */
#define LEAD_WEAR 0.05      /* s a second a lead kept from a guess wears off */
#define SQUEEZE_S 0.01      /* s: what a run past AHEAD_MAX may still take */
#define DRIFT_TIME 1.0      /* s over which a drift is corrected by nudging the rate */
#define RERATE_S 0.5        /* s between two rate nudges of a series */
#define ESTIMATE_WINDOW 1.0 /* s of continuous arrivals per rate measurement */
#define PROVISIONAL_RATE 1000.0 /* samples/s of a first burst while no rate is known */
/* samples/s of a first read that filled the stage (STAGE samples queued before it: a stream of
 * 10^5/s read every few ms); the next read measures the real one (RATE_GUESSED) */
#define FULL_STAGE_RATE (STAGE / 0.01)
/* samples/s: the most a rate measured over a few ms (the reads that filled the stage) sizes a
 * series for; it may be the inside of a sender's burst */
#define PROVISIONAL_CAP_RATE 131072.0
#define MEASURE_MIN_S 0.1    /* s of continuous arrivals a rate measured by the clock needs */
#define MEASURE_QUICK_S 0.02 /* ...or this long for a guess off by more than QUICK_OFF */
#define QUICK_OFF 0.25
#define CLOCK_BACK_S 1.0     /* a timestamp this much older than its series' newest: reset */
#define TIMESTAMP_LIMIT 1e11 /* s; beyond: absurd (year 5138) */
#define BREAKS_MAX 4         /* clock resets a series may have pending (staged, not pushed) */
/* A timestamped series that kept a cadence for SILENCE_RUN spacings falls silent where its next
 * timestamp is more than SILENCE_SPACINGS of them after the one before. */
#define SILENCE_RUN 16
#define SILENCE_SPACINGS 10.0
/* samples of a guessed burst that the end of the input says (rp_sink_end) */
#define GUESS_SAID_AT_END 16
/* s: a timestamp from here (1973) is a date, below a device clock (io's limit too) */
#define DATES_FROM RP_IO_DATES_FROM
#define CAP_MIN 4096
#define CAP_MAX ((int64_t)1 << 24)
#define CAP_UNKNOWN ((int64_t)1 << 18) /* rate never measured (e.g. a file read at once) */
#define CAP_SLOW ((int64_t)1 << 14)    /* ...of samples one a read: 4096 s at 4 samples/s */

struct sink_series {
    rp_series *series; /* NULL while pending or failed */
    bool pending, failed;
    rp_refusal failed_as; /* why its samples are refused once failed */
    bool timestamped;     /* decided by the first sample */
    bool uniform;         /* no timestamp, and desc.rate > 0 or rows_by_index */
    int64_t uniform_n;    /* samples a uniform series took (staged or pushed) */
    bool rate_said;       /* RATE_MISMATCH said (once a series) */
    bool unit_said;       /* UNIT_CHANGED said (once a series) */
    bool infinite_said;   /* VALUE_INFINITE said (once a series) */
    bool senders_said;    /* SENDERS_MIXED said (once a series) */
    /* a text file played at once (rp_sink_line_sample): the rows this series holds up to its
     * newest (its samples and the gaps padded for rows without it: rows_held - 1 is its newest's
     * row), and the row of its first sample (its x0) */
    int64_t rows_held, row_first;
    bool by_row;
    char name[RP_NAME_MAX];
    int name_len;
    char unit[RP_LINE_UNIT_MAX + 1]; /* "" none; the first unit seen before creation */
    int slot;                        /* registry slot once created */
    /* staging */
    int count;
    float *values;   /* STAGE each, allocated on first sight */
    double *tdev;    /* device time (s) or NaN */
    double *arrival; /* wall time of the read */
    int64_t *line;   /* the input's line it came from (0: none), for messages */
    double first_arrival;
    /* arrival model */
    double rate;      /* estimate, 0 unknown */
    int64_t capacity; /* of the series made */
    double span;      /* s a view shows, the capacity was chosen for */
    /* capacity against the measured rate (capacity_check): chosen for a rate (else guessed, or
     * given), that rate, and whether a short capacity was said already */
    bool capacity_chosen, capacity_said;
    double capacity_rate;
    double seg_t0, seg_rate; /* current segment; seg_rate 0: none */
    int64_t seg_n;           /* samples pushed in it */
    double seg_wall;         /* wall time the segment started (re-rates at most 1/s) */
    bool seg_guessed;        /* its rate is a guess (PROVISIONAL_ or FULL_STAGE_RATE) */
    bool rate_provisional;   /* its rate was measured over a full stage's few ms, not yet over
                              * MEASURE_MIN_S: checked again then (as a guess is) */
    bool quick_checked;      /* its guess or provisional rate was checked after MEASURE_QUICK_S */
    bool guess_reported;     /* RATE_GUESSED said (once a series) */
    double lead;             /* s its x runs ahead of (< 0: behind) its arrivals since a guess
                                was replaced */
    double last_arrival;     /* arrival of the previous run (NaN none) */
    double prev_since;       /* the interval from the run before that to it (NaN none) */
    double prev_wait;        /* s: the last interval of PAUSE_MIN or more (NaN none) */
    /* whole reads (a read's samples come in runs of up to STAGE): samples of the current one so
     * far and the interval it came after, and the same of the one before, complete */
    int64_t read_k, last_read_k;
    double read_interval, last_read_interval; /* NaN: none */
    bool read_silent, last_read_silent;       /* it came after a silence */
    bool slow; /* a slow stream: each read at its arrival (place_run) */
    /* the rate's estimation window: the reads after win_start, whole (window_may_end) */
    double win_start;
    int64_t win_samples;
    double win_longest;    /* s: the longest interval between two of its reads (recent) */
    double win_longest_at; /* the arrival that ended it */
    int win_intervals;     /* intervals between its reads (reads after its start) */
    bool win_aligned;      /* it starts at the end of a burst (a read before a clear wait) */
    double last_x;         /* newest x pushed (-inf none) */
    double seen_x;         /* newest x of a timestamp staged (-inf none): the clock-reset rule's */
    /* clock resets since its newest sample, where each began (ascending): its line breaks
     * before its first sample at or past one (another series' later reset on the source must not
     * move an earlier one; a reboot and then an NTP sync staged in one read break it twice) */
    double breaks[BREAKS_MAX];
    int break_count;
    /* a timestamped series' cadence (timestamp_silence): its recent spacing, and how many
     * spacings in a row were within 3x of it (a board's loop jitters by half its period) */
    double cadence;
    int cadence_run;
    bool last_nan;      /* its newest timestamped sample is a NaN (a gap the data holds) */
    double steady_rate; /* arrival-timed: the last rate a window confirmed (0: none yet) */
    double silence_gap; /* the spacing that was its last silence, when the sample before was
                         * one (0: it was not): the same spacing again is a slower cadence */
    int xy_role;        /* RP_INGEST_XY_*: made for Teleplot's "name:x:y|xy" (name.x or name.y) */
    /* the clock of the sender that made it (source.clock then): what is staged is placed by it
     * when flushed, whichever sender's datagram is parsed then */
    rp_clock *clock;
};

/* ---- helpers ----------------------------------------------------------------------------------- */

static uint64_t hash_bytes(const char *s, size_t n)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < n; i++) h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h;
}

/* Valid UTF-8 (no overlongs, no surrogates: rp_io_utf8_valid); controls (C0, DEL and C1
 * U+0080..U+009F, written C2 80..C2 9F): allowed only when `controls`. */
static bool utf8_check(const char *s, size_t n, bool controls)
{
    if (!rp_io_utf8_valid(s, n)) return false;
    if (controls) return true;
    const unsigned char *p = (const unsigned char *)s;
    for (size_t i = 0; i < n; i++)
        if (p[i] < 0x20 || p[i] == 0x7f || (p[i] == 0xc2 && i + 1 < n && p[i + 1] < 0xa0))
            return false;
    return true;
}

static bool name_valid(const char *s, size_t n)
{
    return n > 0 && n < RP_NAME_MAX && utf8_check(s, n, false);
}

bool rp_sink_name_valid(const char *s, size_t n) { return name_valid(s, n); }

bool rp_sink_utf8_valid(const char *s, size_t n) { return utf8_check(s, n, true); }

const char *rp_sink_series_name(const source *src, int idx)
{
    return idx >= 0 && idx < src->local_count ? src->local[idx].name : "";
}

rp_log_item rp_sink_refusal_item(rp_refusal reason)
{
    switch (reason) {
    case RP_REFUSED_MALFORMED:
    case RP_REFUSED_PAYLOAD: return RP_LOGITEM_INPUT_MALFORMED;
    case RP_REFUSED_OVERSIZED: return RP_LOGITEM_INPUT_OVERSIZED;
    case RP_REFUSED_BAD_TIMESTAMP:
    case RP_REFUSED_OUT_OF_ORDER: return RP_LOGITEM_TIMESTAMP_REFUSED;
    case RP_REFUSED_STORE: return RP_LOGITEM_SAMPLES_REJECTED;
    default: return RP_LOGITEM_SERIES_REFUSED;
    }
}

static void sink_vlog(source *src, rp_log_level level, rp_log_item item, bool once, const char *fmt,
                      va_list ap)
{
    rp_log_desc to = src->desc.log;
    /* the time of the report is taken before its message is visible as the last error */
    double now = to.func ? rp_ingest_now(src->owner) : 0;
    char message[RP_SOURCE_ERROR_MAX];
    rp_vformat(message, sizeof message, fmt, ap);
    if ((unsigned)item >= RP_LOGITEM_COUNT) item = RP_LOGITEM_NONE;
    pthread_mutex_lock(&src->error_lock);
    rp_format(src->last_error, sizeof src->last_error, "%s", message);
    src->last_item = item;
    if (level <= RP_LOG_WARNING) rp_format(src->said[item], sizeof src->said[item], "%s", message);
    if (once) {
        if (src->said_count < RP_SINK_SAID_MAX) {
            rp_format(src->said_list[src->said_count], sizeof src->said_list[0], "%s", message);
            src->said_list_item[src->said_count] = item;
        }
        src->said_count++;
    }
    pthread_mutex_unlock(&src->error_lock);
    if (!to.func) return;
    /* a flood of one problem (a stream of junk) reaches the callback about once a second; a
     * warning said once a series is no flood: each names another series */
    pthread_mutex_lock(&src->report_lock);
    double last = src->reported_at[item];
    if (!once && !isnan(last) && now >= last && now - last < RP_SINK_REPEAT_S) {
        src->suppressed[item]++;
        pthread_mutex_unlock(&src->report_lock);
        return;
    }
    if (src->suppressed[item] > 0) {
        size_t len = strlen(message);
        rp_format(message + len, sizeof message - len, " (%lld more like it not reported)",
                  (long long)src->suppressed[item]);
        src->suppressed[item] = 0;
    }
    src->reported_at[item] = now;
    to.func(to.user, level, item, message);
    pthread_mutex_unlock(&src->report_lock);
}

void rp_sink_log(source *src, rp_log_level level, rp_log_item item, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sink_vlog(src, level, item, false, fmt, ap);
    va_end(ap);
}

void rp_sink_log_once(source *src, rp_log_level level, rp_log_item item, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    sink_vlog(src, level, item, true, fmt, ap);
    va_end(ap);
}

void rp_sink_refuse(source *src, rp_refusal reason, int64_t n, const char *message)
{
    if ((unsigned)reason >= RP_REFUSAL_COUNT || n <= 0) return;
    atomic_fetch_add_explicit(&src->refused[reason], n, memory_order_relaxed);
    if (message) rp_sink_log(src, RP_LOG_WARNING, rp_sink_refusal_item(reason), "%s", message);
}

bool rp_sink_stopping(const source *src)
{
    return atomic_load_explicit(&((source *)src)->stop, memory_order_relaxed);
}

void rp_sink_sleep_until(source *src, double due)
{
    while (!rp_sink_stopping(src)) {
        double left = due - rp_wall_seconds();
        if (left <= 0) return;
        if (left > 0.05) left = 0.05;
        struct timespec ts = {0, (long)(left * 1e9)};
        nanosleep(&ts, NULL);
    }
}

void rp_sink_arrival(source *src, int64_t bytes)
{
    src->prev_now = src->now;
    src->now = rp_ingest_now(src->owner);
    if (bytes > 0) atomic_fetch_add_explicit(&src->bytes, bytes, memory_order_relaxed);
}

/* ---- pushing ------------------------------------------------------------------------------------ */

/* Counts what the store refused of a push of n. */
static void note_push(source *src, sink_series *ss, rp_status st, int64_t n,
                      int64_t before_rejected)
{
    rp_ingest__slot_arrival(src->owner, ss->slot, src->now); /* the HUD says when it went idle */
    if (st == RP_OK) {
        atomic_fetch_add_explicit(&src->samples, n, memory_order_relaxed);
        return;
    }
    int64_t refused = rp_series_stats_get(ss->series).rejected - before_rejected;
    if (st != RP_ERR_OUT_OF_ORDER) refused = n; /* the whole push was refused */
    if (refused > n) refused = n;
    atomic_fetch_add_explicit(&src->samples, n - refused, memory_order_relaxed);
    rp_sink_refuse(src, st == RP_ERR_OUT_OF_ORDER ? RP_REFUSED_OUT_OF_ORDER : RP_REFUSED_STORE,
                   refused, NULL);
    rp_sink_log(src, RP_LOG_WARNING,
                st == RP_ERR_OUT_OF_ORDER ? RP_LOGITEM_TIMESTAMP_REFUSED
                                          : RP_LOGITEM_SAMPLES_REJECTED,
                "series '%s': %lld samples refused by the store: %s", ss->name, (long long)refused,
                rp_status_string(st));
}

/* A file or a pipe read at once can wait (its writer, or the disk, waits with it); a datagram,
 * a serial line or a broker cannot. */
static bool can_wait(const source *src)
{
    return src->desc.kind == RP_SOURCE_FD || src->desc.kind == RP_SOURCE_REPLAY;
}

/* How many of n samples may go to the series now. A series held by a reader (the recorder,
 * rp_ingest_desc.hold_for_reader) is not overrun by a source that can wait: it waits, in 1 ms
 * steps, until the reader has copied enough (the recorder copies every 10 ms) or the source
 * stops (then it pushes on: the reader counts what it missed). Other sources never wait. */
static int64_t hold_room(source *src, sink_series *ss, int64_t n)
{
    if (!can_wait(src)) return n;
    for (;;) {
        int64_t room = rp_series_hold_room(ss->series);
        if (room >= n) return n;
        if (room > 0) return room;
        if (rp_sink_stopping(src)) return n;
        struct timespec ts = {0, 1000000L};
        nanosleep(&ts, NULL);
    }
}

static void push_timed(source *src, sink_series *ss, const double *x, const float *v, int64_t n)
{
    if (n <= 0) return;
    while (n > 0) {
        int64_t k = hold_room(src, ss, n);
        int64_t before = rp_series_stats_get(ss->series).rejected;
        rp_status st = rp_push_timed(ss->series, x, v, k);
        note_push(src, ss, st, k, before);
        x += k, v += k, n -= k;
    }
    if (x[-1] > ss->last_x) ss->last_x = x[-1];
}

/* The x units per sample of a uniform series: the given rate, or 1 (the row index). */
static double uniform_rate(const source *src) { return src->desc.rate > 0 ? src->desc.rate : 1.0; }

static void push_uniform(source *src, sink_series *ss, const float *v, int64_t n)
{
    while (n > 0) {
        int64_t k = hold_room(src, ss, n);
        rp_status st = rp_push(ss->series, v, k);
        note_push(src, ss, st, k, 0);
        v += k, n -= k;
    }
}

/* Starts a segment at t0 (>= last_x) with rate. The store breaks the line when t0 leaves a gap
 * (more than 1.5 periods after the last sample); `gap` says whether one is meant. */
static void segment_start(source *src, sink_series *ss, double t0, double rate, bool gap)
{
    (void)gap;
    rp_status st = rp_push_segment(ss->series, t0, rate);
    if (st != RP_OK)
        rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_SAMPLES_REJECTED,
                    "series '%s': segment refused: %s", ss->name, rp_status_string(st));
    ss->seg_t0 = t0;
    ss->seg_rate = rate;
    ss->seg_n = 0;
    ss->seg_wall = src->now;
    ss->seg_guessed = false;
}

/* Pushes k values on the current segment. */
static void segment_push(source *src, sink_series *ss, const float *v, int64_t k)
{
    push_uniform(src, ss, v, k);
    ss->seg_n += k;
    ss->last_x = ss->seg_t0 + (double)(ss->seg_n - 1) / ss->seg_rate;
}

/* Memory is fixed at creation: a series whose capacity was guessed (a fast stream's first read
 * fills the stage before its rate is measured) or chosen for a rate that later rose (a sender
 * going from 100 to 1000 samples/s: 4096 samples then hold 4 s of a 10 s view) says, once,
 * when it no longer holds the span; the fix is --rate or --capacity. A capacity given is not
 * second-guessed. */
static void capacity_check(source *src, sink_series *ss)
{
    if (ss->capacity_said || !(ss->rate > 0) || !(ss->span > 0)) return;
    double held_s = (double)ss->capacity / ss->rate;
    if (held_s >= ss->span) return;
    ss->capacity_said = true;
    if (ss->capacity_chosen)
        rp_sink_log_once(
            src, RP_LOG_WARNING, RP_LOGITEM_CAPACITY_SHORT,
            "series '%s' went from %.6g to %.6g samples/s: its %lld samples, chosen for the "
            "first rate, hold %.3g s, less than the %.3g s span (give --rate or "
            "--capacity)",
            ss->name, ss->capacity_rate, ss->rate, (long long)ss->capacity, held_s, ss->span);
    else
        rp_sink_log_once(
            src, RP_LOG_WARNING, RP_LOGITEM_CAPACITY_SHORT,
            "series '%s' was made before its rate was known: %lld samples hold %.3g s at "
            "the measured %.6g samples/s, less than the %.3g s span (give --rate or "
            "--capacity)",
            ss->name, (long long)ss->capacity, held_s, ss->rate, ss->span);
}

/* One timeline a source: whatever has no timestamp (a series without one, a log line, a text
 * value) is placed on the device clock c of its sender's timestamps (the source's newest clock
 * while c has none), at its arrival plus the newest timestamp's offset from its own arrival, so
 * that a board's `>a:5000:1` lines and its untimed "WiFi connected" or `>b:2` line plot side by
 * side. A series does so only while that clock is a device's (below 1e8 s): next to Unix times
 * its arrival is on their clock already (an MQTT source's topics come from many publishers); a
 * note next to the newest of any clock (any_clock; not on MQTT: note_x).
 * Before any timestamp it is the arrival itself (wall time), or in a file played at once (no
 * clock) the row the file's samples have reached, where live arrival order would put it: a
 * `>st:on|t` after row 20's `>v:20` is at row 20 (it was at 0, every note of the file was). */
static double timeline_x(source *src, const rp_clock *c, double a, bool any_clock)
{
    /* a clock without a timestamp (a UDP sender of untimed lines) is on the source's newest */
    if (!isfinite(c->newest_x) && src->newest_clock) c = src->newest_clock;
    if (isfinite(c->newest_x) && (any_clock || c->device_clock))
        return a + (c->newest_x - c->newest_arrival);
    if (isfinite(c->newest_x)) return a; /* Unix times: the arrival is on their clock */
    /* a file played at once: the row its samples go to now, as they are placed (index / rate) */
    if (src->rows_by_index) return (double)src->text_row / uniform_rate(src);
    src->arrival_placed = true;
    return a;
}

/* x at arrival a is the newest of clock c (and of the source, when it is). */
static void clock_newest(source *src, rp_clock *c, double x, double a)
{
    c->newest_x = x;
    c->newest_arrival = a;
    if (!src->newest_clock || !(x < src->newest_clock->newest_x)) src->newest_clock = c;
}

static void device_clocks_to_dates(source *src, const rp_clock *dates);

/* timeline_join: the join below alone, for a clock's first timestamp (a no-op after it).
 * A timestamp met on clock c (a sample staged, a note), at once, so that untimed things staged or
 * noted after it share its clock. The clock's first one, if it is a device clock, not a date
 * (below 1e8 s, 1973: a board's millis()), joins the source's timeline at its arrival: another
 * sender's clock (two boards on one UDP port booted an hour apart are both drawn now, not an
 * hour apart), or, after anything was placed at its arrival, that arrival clock (else it would
 * land decades before them). A Unix time is on the arrival clock already. Refused timestamps
 * (beyond TIMESTAMP_LIMIT) move nothing. */
static void timeline_join(source *src, rp_clock *c, double tdev)
{
    if (isfinite(c->newest_x) || !(fabs(tdev) <= TIMESTAMP_LIMIT)) return;
    if (fabs(tdev) >= DATES_FROM) {
        device_clocks_to_dates(src, c);
        return;
    }
    const rp_clock *t = src->newest_clock; /* another clock's: this one has none yet */
    if (t)
        c->offset = t->newest_x + (src->now - t->newest_arrival) - tdev;
    else if (src->arrival_placed)
        c->offset = src->now - tdev;
}

static void timeline_timestamp(source *src, rp_clock *c, double tdev)
{
    if (!(fabs(tdev) <= TIMESTAMP_LIMIT)) return;
    timeline_join(src, c, tdev);
    double x = tdev + c->offset;
    if (!isfinite(c->newest_x) || x > c->newest_x) {
        clock_newest(src, c, x, src->now);
        c->device_clock = fabs(tdev) < DATES_FROM;
    }
}

/* Whether a wait repeats the one before it (within 1.5x either way): a sender's cadence. False
 * when either is NaN (none). */
static bool repeats(double wait, double before)
{
    return wait <= 1.5 * before && wait >= before / 1.5;
}

/* Starts the estimation window after the read at `after`: the reads after it count. aligned:
 * that read came before a clear wait (the end of a burst, if the stream comes in bursts). */
static void window_restart(sink_series *ss, double after, bool aligned)
{
    ss->win_start = after;
    ss->win_samples = 0;
    ss->win_longest = 0;
    ss->win_longest_at = after;
    ss->win_intervals = 0;
    ss->win_aligned = aligned;
}

/* Whether the estimation window, asked to span `asked` s and spanning `done` s up to the read
 * before this one, may end there. A rate is measured over whole reads, and ends before a read
 * that came after a wait about as long as the longest of the window: a sender's burst that a
 * slower reader took in two reads 3 ms apart is counted whole or not at all (ended between the
 * two, every 0.15 s burst of 1000 samples read as 150, and 6700 samples/s as 1000). A window
 * three times as long as asked and as that wait ends anyway (a stall long ago set it). */
static bool window_may_end(const sink_series *ss, double since, double done, double asked)
{
    return done >= asked &&
           (since >= 0.5 * ss->win_longest || done >= 3.0 * fmax(asked, ss->win_longest));
}

/* Takes the pending breaks (break_lines_at) a sample at x is past: true when there was one (the
 * resets it is past make one break for them all). */
static bool take_breaks(sink_series *ss, double x)
{
    int passed = 0;
    while (passed < ss->break_count && x >= ss->breaks[passed]) passed++;
    ss->break_count -= passed;
    memmove(ss->breaks, ss->breaks + passed, sizeof ss->breaks[0] * (size_t)ss->break_count);
    return passed > 0;
}

/* The arrival model: places a run of k untimed samples that arrived at a (on the source's
 * timeline: timeline_x). */
static void place_run(source *src, sink_series *ss, double a, const float *v, int64_t k)
{
    bool have_seg = ss->seg_rate > 0;
    double silence_s = ss->rate > 0 ? fmax(SILENCE_MIN, 5.0 / ss->rate) : SILENCE_MIN;
    double since = isnan(ss->last_arrival) ? INFINITY : a - ss->last_arrival;
    /* A pause shorter than a silence, but of many periods, after which the read does not bring
     * the samples the pause would have held (firmware blocked a moment: none were made) is a
     * silence too; a late delivery brings its backlog and stays contiguous. Not by a rate
     * measured over a few ms (the inside of a sender's burst, read by a slower reader): every
     * gap between bursts passed for a pause at it, which restarted the window that would have
     * measured the bursts' rate, and each burst was drawn as a bar for good. */
    /* Nor, for a read of more than SLOW_READ_MAX samples, a wait as long as the one before it
     * (within 1.5x): the stream's cadence (a sender writing a burst every 150 ms), which the
     * read's first datagram alone does not fill; as a pause it restarted the window every
     * burst, and a rate measured once, over a burst cut in two, stayed wrong for good. */
    bool recurring = repeats(since, ss->prev_wait);
    bool paused = ss->rate > 0 && !ss->rate_provisional && !(recurring && k > SLOW_READ_MAX) &&
                  since >= fmax(PAUSE_MIN, PAUSE_PERIODS / ss->rate) &&
                  (double)k < 0.5 * since * ss->rate;
    /* A slow stream (a sensor read once a second, a ping: reads of a few samples, SILENCE_MIN
     * or more apart): each read is placed at its arrival, joined to the one before while it
     * keeps the cadence (within 4x of the interval before; the second within SLOW_FIRST_S), a
     * gap where it does not. Every sample of a stream slower than 2 Hz was a dot of its own
     * (each interval was a silence, which restarted the estimate that would have measured its
     * rate); on a rate's uniform grid a jittery 1 Hz sensor was drawn up to 1.5 s off its
     * arrivals. A read of more samples, or one soon after the last, ends the slow mode: the
     * stream sped up, its rate is measured afresh from there (on the slow rate it was drawn
     * for a minute ahead of its arrivals). */
    bool slow_read = k <= SLOW_READ_MAX && isfinite(since) && since >= SILENCE_MIN;
    bool sped_up = ss->slow && !slow_read && isfinite(since);
    if (sped_up) {
        ss->slow = false;
        ss->rate = 0;
        ss->guess_reported = true; /* its next reads measure the rate: no guess to report */
        silence_s = SILENCE_MIN;
        paused = false;
    }
    bool keeps =
        slow_read && (isnan(ss->prev_since) ? since <= SLOW_FIRST_S
                                            : since <= 4.0 * ss->prev_since && since <= SLOW_MAX_S);
    /* slow already, its rate unknown, or a stream that slowed down: an interval over the
     * silence that keeps the cadence of the one before, also over it */
    bool slowed = isfinite(ss->prev_since) && ss->prev_since > silence_s && since > silence_s;
    bool cadence = have_seg && keeps && (ss->slow || !(ss->rate > 0) || slowed);
    if (cadence) ss->slow = true;
    /* A stream sent in batches as far apart as a silence or more (a datagram of 2000 samples
     * every 0.5 s, 100 an MQTT message a second): a wait within 1.5x of the one before is its
     * cadence, not a silence, and its batches one stream, measured and drawn continuous (each
     * was drawn apart, at a guessed rate, and its rate was never measured) */
    bool batches = recurring && k > SLOW_READ_MAX && since <= SLOW_MAX_S;
    /* A stream that slowed down (from 1000 to 10 or 20 reads a second, a sample each): a pause
     * that repeats the one before is its new cadence, each read joined at its arrival (as a slow
     * stream's) while the window measures the new rate. Each pause restarted the window, the rate
     * stayed 1000/s and the reads were dots; or, not a pause, they were crammed 1 ms apart. */
    bool slowed_down =
        paused && recurring && k <= SLOW_READ_MAX && have_seg && !cadence && since <= silence_s;
    if (slowed_down) paused = false;
    /* A reset of its clock since its newest sample (a timestamped series' board rebooted or
     * synced: break_lines_at): its line breaks there as theirs do, and this read starts afresh at
     * its arrival (joined at its old cadence it sat a stall's length before them) */
    bool clock_break = take_breaks(ss, a);
    bool silence = clock_break || (!cadence && (sped_up || !have_seg || isnan(ss->last_arrival) ||
                                                (since > silence_s && !batches) || paused ||
                                                (ss->slow && slow_read)));
    /* the window as it stands before this read, whole reads only (measured at a read's first
     * run: the runs of one read come in stages of STAGE samples, and a window ended between
     * two of them counted part of the read) */
    bool continued = !silence && !isnan(ss->last_arrival) && since > 0;
    /* A window started anywhere (the series made, a silence, a check) starts again at the first
     * clear wait, 4 times its longest interval after two or more: it began inside a burst (the
     * stage filled after 10 of a burst's 20 datagrams, and the other 10 made 6700 samples/s
     * read as 9700) */
    if (continued && !ss->win_aligned && ss->win_intervals >= 2 && since >= 4.0 * ss->win_longest)
        window_restart(ss, ss->last_arrival, true);
    double done = continued ? ss->last_arrival - ss->win_start : 0;
    double done_rate = done > 0 ? (double)ss->win_samples / done : 0;
    /* the estimate: samples over continuous windows of ESTIMATE_WINDOW s */
    if (silence || isnan(ss->last_arrival)) {
        window_restart(ss, a, false);
    } else {
        /* a change of more than 2x is taken after MEASURE_MIN_S and 8 reads (a stream that went
         * from 100 to 1000 samples a second ran a second ahead in the 1 s window) */
        bool changed = ss->rate > 0 && ss->win_intervals >= 8 &&
                       window_may_end(ss, since, done, MEASURE_MIN_S) &&
                       (done_rate > 2.0 * ss->rate || done_rate < 0.5 * ss->rate);
        if (continued && ss->win_samples > 0 &&
            (changed || window_may_end(ss, since, done, ESTIMATE_WINDOW))) {
            double r = done_rate;
            /* small differences are smoothed; a change of more than 10 % is taken at once */
            ss->rate = ss->rate > 0 && fabs(r - ss->rate) <= 0.1 * ss->rate
                           ? ss->rate + 0.3 * (r - ss->rate)
                           : r;
            window_restart(ss, ss->last_arrival, true);
            capacity_check(src, ss);
        }
        /* runs of the read that started the window arrived with it, queued before it: no time
         * to count them in (a start-up backlog of 1300 samples made 10 k/s read as 18 k/s) */
        if (a > ss->win_start) ss->win_samples += k;
        /* the longest wait counts for twice its length: a stream that sped up from 100 to 1000
         * reads a second no longer waits for a read 5 ms after the last (its window ran 3 s) */
        if (since > ss->win_longest || a - ss->win_longest_at > 2.0 * ss->win_longest) {
            ss->win_longest = since;
            ss->win_longest_at = a;
        }
        if (since > 0) ss->win_intervals++;
    }
    double r = ss->rate;
    bool guessed = false;
    bool measured_read = false; /* r is a whole read's samples over MEASURE_MIN_S or more */
    if (since != 0) {           /* a new read: the one before is whole */
        ss->last_read_k = ss->read_k;
        ss->last_read_interval = ss->read_interval;
        ss->last_read_silent = ss->read_silent;
        ss->read_k = 0;
        ss->read_interval = isfinite(since) ? since : NAN;
        ss->read_silent = silence;
    }
    ss->read_k += k;
    /* the interval the whole read before this one came after, when it stood for the samples that
     * read brought: not after a silence, or after one this read's wait repeats (a batch sender's
     * cadence) */
    double whole_interval = ss->last_read_interval;
    if (ss->last_read_silent && !repeats(since, whole_interval)) whole_interval = NAN;
    if (!(r > 0)) {
        /* from the whole read before this one: this run alone is the first STAGE samples of its
         * read (512 of a 2000-sample datagram every 0.5 s read as 1024/s and drew it 3 s ahead) */
        if (!silence && since > 0 && ss->last_read_k > 0 && whole_interval > 0 &&
            isfinite(whole_interval)) {
            r = (double)ss->last_read_k / whole_interval;
            measured_read = whole_interval >= MEASURE_MIN_S;
        } else if (!silence && a > ss->last_arrival)
            r = (double)k / (a - ss->last_arrival);
        else if (ss->win_samples > 0 && a > ss->win_start)
            r = (double)ss->win_samples / (a - ss->win_start);
        else {
            r = k >= STAGE ? FULL_STAGE_RATE : PROVISIONAL_RATE;
            guessed = true;
        }
    }
    if (ss->rate > 0) rp_ingest__slot_rate(src->owner, ss->slot, ss->rate);
    double next_x = have_seg ? ss->seg_t0 + (double)ss->seg_n / ss->seg_rate : -INFINITY;
    /* a guessed rate, or one measured over a few ms, against MEASURE_MIN_S of continuous reads */
    /* a measure needs a read counted in the window before this one: at the first read after the
     * window's start only that read counts, and a burst split between reads (the sender's, or a
     * slow reader's) read as its first datagram alone, 50 samples in 0.15 s */
    bool measurable = continued && !cadence && done > 0 && done_rate > 0;
    bool measured_long = measurable && window_may_end(ss, since, done, MEASURE_MIN_S);
    /* a gross error shows sooner, once: 10x too fast at 10^6 samples/s (a rate measured over
     * two datagrams a sender wrote back to back) drew the first 0.1 s into 10 ms; the window
     * then starts afresh for the check after MEASURE_MIN_S */
    bool measured_quick =
        measurable && !ss->quick_checked && window_may_end(ss, since, done, MEASURE_QUICK_S);
    double off = ss->seg_rate > 0 ? fabs(done_rate - ss->seg_rate) / ss->seg_rate : 0;
    bool recheck = (ss->seg_guessed || ss->rate_provisional) &&
                   ((measured_long && off > 0.1) || (measured_quick && off > QUICK_OFF));
    if (measured_quick) ss->quick_checked = true;
    if (cadence || slowed_down) { /* at its arrival, at this interval's cadence, joined */
        r = (double)k / since;
        segment_start(src, ss, a - (double)(k - 1) / r, r, false);
        ss->lead = 0;
    } else if (silence) {
        /* A rate a single fast read made (a board's backlog dumped at once, taken for a stream
         * that sped up) and no window confirmed: after a silence the stream goes on at the rate
         * measured before it (the first reads after a burst and a 4 s pause were drawn at the
         * burst's 50 000/s, 0.02 ms apart, then a hole where the check measured 100/s) */
        if (ss->rate_provisional && ss->steady_rate > 0 && !clock_break) {
            r = ss->steady_rate;
            ss->rate = r;
        }
        if (ss->seg_guessed && ss->seg_n > 1 && !ss->guess_reported) {
            /* a burst that came at once and then nothing: its rate was never measured */
            rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_RATE_GUESSED,
                             "series '%s': a burst of %lld samples came at once, then a silence, "
                             "and was drawn at a guessed %.0f samples/s (no rate was measured "
                             "before it; give --rate for exact time)",
                             ss->name, (long long)ss->seg_n, ss->seg_rate);
            ss->guess_reported = true;
        }
        double t0 = a - (double)(k - 1) / r;
        double earliest = isfinite(ss->last_x) ? ss->last_x + 1.0 / r : -INFINITY;
        if (t0 < earliest) t0 = earliest;
        segment_start(src, ss, t0, r, isfinite(ss->last_x));
        ss->seg_guessed = guessed;
        if (guessed) ss->quick_checked = false;
        ss->lead = 0;
    } else if (ss->seg_guessed && ss->seg_n == 1 && since > 0) {
        /* a lone sample after a silence, the rate never measured: its guess spaced nothing, and
         * this read's interval is the first measure there is. Placed at its arrival, joined to
         * it (at the guessed 1000/s the next sample stood 1 ms after it, and a 10 Hz stream that
         * followed a burst was drawn 0.1 s before its arrivals from there on); checked again
         * after MEASURE_MIN_S as a rate measured over a few ms is. */
        r = (double)k / since;
        ss->rate = r;
        ss->rate_provisional = true;
        ss->quick_checked = false;
        segment_start(src, ss, a - (double)(k - 1) / r, r, false);
        ss->lead = 0;
    } else if (recheck) {
        /* A guess (or a rate measured over a full stage's few ms) that 0.1 s of continuous
         * reads proves wrong (a stream of 10^5 samples/s whose first read filled the stage; a
         * sender writing in bursts): what was pushed stays as placed, but the rest goes on at
         * the measured rate at once, its lead over the arrivals kept (up to AHEAD_MAX, wearing
         * off at LEAD_WEAR), not worked off at once by the drift rule (which would draw the next
         * seconds squeezed or stretched). Reads
         * closer together than that are one burst (a board's dump the kernel hands over in two
         * reads), not a rate. */
        r = done_rate;
        /* measured afresh (or the first measure of a guessed start): the drift rule goes on
         * from it (with none, it went on from each read's samples over its interval) */
        if (ss->rate_provisional || !(ss->rate > 0)) ss->rate = r;
        if (ss->seg_guessed && !ss->guess_reported)
            rp_sink_log_once(
                src, RP_LOG_WARNING, RP_LOGITEM_RATE_GUESSED,
                "series '%s': its first %lld samples came %s and were drawn at a guessed "
                "%.0f samples/s; it runs at about %.3g samples/s (give --rate for exact "
                "time)",
                ss->name, (long long)ss->seg_n,
                ss->seg_rate == FULL_STAGE_RATE
                    ? "too fast to be timed (its first read filled the stage)"
                    : "before its rate could be measured",
                ss->seg_rate, r);
        ss->guess_reported = true;
        /* ahead of the arrivals (a guess too slow): kept, x cannot go back; behind (too fast):
         * on from this read's arrival, as it came (kept, a 10x guess drew the rest of the stream
         * 0.15 s before its arrivals for good). The read is taken to be as long as the one before
         * when that was longer than this run: its first 512 samples of a batch of 2000 ended at
         * the arrival, the other 1488 ran 0.37 s past it, after a jump of as much. */
        int64_t read_len = k > ss->last_read_k ? k : ss->last_read_k;
        double at_arrival = a - (double)(read_len - 1) / r;
        double t0 = next_x > at_arrival ? next_x : at_arrival;
        ss->lead = fmin(t0 - at_arrival, AHEAD_MAX); /* more is held to AHEAD_MAX below */
        segment_start(src, ss, t0, r, false);
        if (!measured_long) { /* the quick check: measured again, afresh, after MEASURE_MIN_S */
            ss->rate = r;
            ss->rate_provisional = true;
            window_restart(ss, a, false); /* this read is the new window's start */
        }
    } else if (since > 0) {
        /* The drift is that of the whole read before this one: its last sample against its
         * arrival. Of this run's own end it was as far off as the read is long (the first 512
         * samples of a batch of 2000 every 0.5 s kept each batch ending 0.4 s after it came,
         * and nudged the rate by 7 % a batch); the other runs of a read nudge nothing. A lead
         * kept from a guess wears off at LEAD_WEAR s a second (0.15 s stayed ahead for good). */
        if (ss->lead > 0) ss->lead = fmax(0.0, ss->lead - LEAD_WEAR * since);
        double drift = ss->last_x - (ss->last_arrival + ss->lead); /* > 0: ahead of the clock */
        if (drift < -DRIFT_BREAK) { /* data kept coming: a jump forward, not a gap */
            double t0 = a + ss->lead - (double)(k - 1) / r;
            if (t0 < next_x) t0 = next_x;
            segment_start(src, ss, t0, r, false);
        } else {
            /* nudge the rate so that the drift decays over DRIFT_TIME, or two of the intervals
             * between reads when they are longer (a batch every 2 s, corrected over the next
             * alone, swung 8 % either way batch after batch) */
            double factor = 1.0 + drift / fmax(DRIFT_TIME, 2.0 * since);
            factor = factor < 0.5 ? 0.5 : factor > 2.0 ? 2.0 : factor;
            double want = r * factor;
            /* at most every RERATE_S; a guess goes at the first measure (a batch of 2000 after
             * a guessed one was drawn at 51 200/s, into 40 ms) */
            if (fabs(want - ss->seg_rate) > 0.005 * ss->seg_rate &&
                (src->now - ss->seg_wall >= RERATE_S || (ss->seg_guessed && measured_read)))
                segment_start(src, ss, next_x, want, false);
        }
    }
    if (measured_long) ss->rate_provisional = false;
    /* No sample is drawn more than AHEAD_MAX after its arrival: data is not from the future. A stream that sped up (2 to 50, 10 to 1000 samples a second,
     * a read a sample) was drawn on its old rate until a window measured the new one, and the
     * drift rule, which at most halves the spacing, took as long again to work the lead off:
     * 26 s and 120 s ahead. The run goes on at the rate its read came at (its samples over the
     * interval it came after), or faster if that does not fit; a read faster than the estimate
     * makes that the rate, measured again as one over a few ms is */
    if (!cadence && !silence && ss->seg_rate > 0 && isfinite(ss->last_x)) {
        double seg_next = ss->seg_t0 + (double)ss->seg_n / ss->seg_rate;
        double limit = a + AHEAD_MAX;
        /* past the limit already (a run before filled it): a new read takes at most half its
         * interval, the rest of a read SQUEEZE_S, so x comes back under the limit */
        double room = fmax(limit - ss->last_x, since > 0 ? 0.5 * since : SQUEEZE_S);
        if (seg_next + (double)(k - 1) / ss->seg_rate > ss->last_x + room) {
            limit = ss->last_x + room;
            double r_read = ss->read_interval > 0 ? (double)ss->read_k / ss->read_interval : 0;
            double r_cap = fmax(fmax(r_read, ss->seg_rate), (double)k / room);
            /* ending at its arrival where it can, the rest of its read in the room after it
             * (placed ending at the limit, the first 512 samples of a batch of 1323 left the
             * other 811 none, and they ran 1.3 s past it) */
            double t0 = a - (double)(k - 1) / r_cap;
            double earliest = ss->last_x + 1.0 / r_cap;
            if (t0 < earliest) t0 = earliest;
            if (t0 > limit - (double)(k - 1) / r_cap) t0 = limit - (double)(k - 1) / r_cap;
            segment_start(src, ss, t0, r_cap, false);
            if (r_read > 0 && !(r_read <= ss->rate)) { /* it sped up: measured afresh */
                ss->rate = r_read;
                ss->rate_provisional = true;
                window_restart(ss, a, false);
            }
        }
    }
    segment_push(src, ss, v, k);
    if (ss->rate > 0 && !ss->rate_provisional) ss->steady_rate = ss->rate;
    ss->prev_since = isfinite(since) ? since : NAN;
    if (isfinite(since) && since >= PAUSE_MIN) ss->prev_wait = since;
    ss->last_arrival = a;
}

/* Whether device time tdev (at xv) going back from last_x (the newest x of the series, or of the
 * source for a note) is a clock reset: back by more than CLOCK_BACK_S, or a device clock that
 * starts again from its beginning (below half the time it had: a board that resets within a
 * second of booting, whose millis() begin again, lost everything up to its old time). A file
 * played at once has no clock to restart on: never there. */
static bool clock_went_back(const source *src, const rp_clock *c, double tdev, double xv,
                            double last_x)
{
    if (src->rows_by_index) return false;
    if (xv < last_x - CLOCK_BACK_S) return true;
    double last_tdev = last_x - c->offset;
    return tdev >= 0 && last_tdev < DATES_FROM && tdev < 0.5 * last_tdev;
}

/* A reboot, met in arrival order (a sample staged, a note): clock c moves so that device time
 * tdev lands after its newest x (last_x or the clock's newest) plus the wall time that passed
 * since that arrived; the line of every series on c breaks there (another sender's board did
 * not reboot: its series and offset stay). What is staged came before the reboot: its device
 * times move with the offset, so it stays where it was. Counted and said, naming `what` went
 * back. */
static void move_clock(source *src, rp_clock *c, double offset)
{
    double old = c->offset;
    c->offset = offset;
    for (int j = 0; j < src->local_count; j++) {
        sink_series *o = &src->local[j];
        if (o->clock != c) continue;
        for (int i = 0; i < o->count; i++) o->tdev[i] += old - offset; /* NaN stays */
    }
}

/* The line of every series on clock c breaks at x (a clock reset or set began there), after those
 * pending (the newest kept in the last place when they are BREAKS_MAX already). */
static void break_lines_at(source *src, const rp_clock *c, double x)
{
    for (int j = 0; j < src->local_count; j++) {
        sink_series *o = &src->local[j];
        if (o->clock != c) continue;
        if (o->break_count > 0 && x <= o->breaks[o->break_count - 1]) continue;
        if (o->break_count < BREAKS_MAX) o->break_count++;
        o->breaks[o->break_count - 1] = x;
    }
}

/* A sender's first date (a board with NTP) on a source whose other clocks are devices' that
 * joined nothing (offset 0: the first sender's millis(), with nothing placed at arrival before
 * it): those clocks join the dates, each newest timestamp where it arrived (wall time, the dates'
 * clock), and lines drawn before break; else the board that came first stays at its uptime,
 * decades before the dates, outside the view. One clock: a date after the device's own is the
 * device setting its clock (clock_set_to_date). */
static void device_clocks_to_dates(source *src, const rp_clock *dates)
{
    for (int j = 0; j < src->local_count; j++) {
        rp_clock *o = src->local[j].clock;
        if (o == dates || !o->device_clock || o->offset != 0 || !isfinite(o->newest_x) ||
            !isfinite(o->newest_arrival))
            continue;
        double newest = o->newest_x; /* its device time: offset 0 */
        /* what is staged moves with it (not drawn yet); a line drawn already breaks after its
         * newest x, before anything of the new offset */
        o->offset = o->newest_arrival - newest;
        o->newest_x = o->newest_arrival;
        break_lines_at(src, o, newest + 1e-6);
        rp_sink_log(src, RP_LOG_INFO, RP_LOGITEM_CLOCK_RESET,
                    "a sender's device clock joined another sender's dates: new segment");
    }
}

static void clock_reset(source *src, rp_clock *c, double tdev, double a, double last_x,
                        const char *what)
{
    double newest = isfinite(c->newest_x) && c->newest_x > last_x ? c->newest_x : last_x;
    double elapsed = isfinite(c->newest_arrival) ? a - c->newest_arrival : 0;
    if (!(elapsed > 1e-3)) elapsed = 1e-3;
    double back = last_x - (tdev + c->offset);
    move_clock(src, c, newest + elapsed - tdev);
    break_lines_at(src, c, tdev + c->offset);
    atomic_fetch_add_explicit(&src->clock_resets, 1, memory_order_relaxed);
    rp_sink_log(src, RP_LOG_INFO, RP_LOGITEM_CLOCK_RESET,
                "%s: device clock went back %.3f s: new segment after a gap", what, back);
}

/* A date (a Unix time) after a device clock (a board's millis(), or a clock reset's offset): the
 * device set its clock (NTP after a reboot). A date is kept as it is, so the offset goes back to
 * 0 and every line breaks there; a date before what is drawn already is a clock going back (the
 * reset rule's). 1700000001 s, a reboot's 1 s, 2 s, then 1700000010 s went to 3400000010 s. */
static void clock_set_to_date(source *src, rp_clock *c, double tdev, const char *what)
{
    if (!(fabs(tdev) >= DATES_FROM && fabs(tdev) <= TIMESTAMP_LIMIT) || !c->device_clock ||
        !isfinite(c->newest_x))
        return; /* (a device clock with offset 0, drawn at its uptime, is set to a date too) */
    if (tdev < c->newest_x) {
        clock_reset(src, c, tdev, src->now, c->newest_x, what);
        return;
    }
    move_clock(src, c, 0);
    break_lines_at(src, c, tdev);
    atomic_fetch_add_explicit(&src->clock_resets, 1, memory_order_relaxed);
    rp_sink_log(src, RP_LOG_INFO, RP_LOGITEM_CLOCK_RESET,
                "%s: device clock set to a date: new segment", what);
}

/* A timestamped sample: x = device time + offset, with the clock-reset rule; *reset: the series'
 * line breaks before it (the clock was reset since its newest sample). */
static bool map_timestamp(source *src, sink_series *ss, double tdev, double a, int64_t line,
                          double *x, bool *reset)
{
    char at[32] = ""; /* "line 4: " where the input has lines; made only for a message */
    if (!(fabs(tdev) <= TIMESTAMP_LIMIT)) {
        if (line > 0) snprintf(at, sizeof at, "line %lld: ", (long long)line);
        char msg[160];
        snprintf(msg, sizeof msg, "%sseries '%s': timestamp %.6g s beyond +-1e11 s refused", at,
                 ss->name, tdev);
        rp_sink_refuse(src, RP_REFUSED_BAD_TIMESTAMP, 1, msg);
        return false;
    }
    double xv = tdev + ss->clock->offset;
    if (isfinite(ss->last_x) && xv < ss->last_x) {
        /* out of order: not a reboot (rp_sink_stage met those) — a glitch, UDP's reordering, or
         * in a file played at once (no clock to restart on) a row out of order or a date read
         * the wrong way round; refused and said. Dates whose order (day or month first) was
         * proven only after some were read the other way: the likely cause, said with its fix */
        const char *dates =
            src->stream && src->stream->csv ? rp_csv_parser_date_note(src->stream->csv) : "";
        char msg[RP_SOURCE_ERROR_MAX], when[40], newest[40]; /* a date as a date, not 1.7e9 s */
        if (line > 0) snprintf(at, sizeof at, "line %lld: ", (long long)line);
        rp_io_format_time(xv, when, sizeof when);
        rp_io_format_time(ss->last_x, newest, sizeof newest);
        snprintf(msg, sizeof msg, "%sseries '%s': time %s is before the newest, %s: refused%s%s%s",
                 at, ss->name, when, newest, src->rows_by_index ? " (rows out of time order)" : "",
                 *dates ? ": " : "", dates);
        rp_sink_refuse(src, RP_REFUSED_OUT_OF_ORDER, 1, msg);
        return false;
    }
    *reset = take_breaks(ss, xv);
    if (!isfinite(ss->clock->newest_x) || xv >= ss->clock->newest_x)
        clock_newest(src, ss->clock, xv, a);
    *x = xv;
    return true;
}

/* Whether spacing d is within 3x of `spacing` either way (a board's loop jitters). */
static bool within_3x(double d, double spacing)
{
    return spacing > 0 && d <= 3 * spacing && d >= spacing / 3;
}

/* Whether a timestamped sample at x comes after a silence of its series, and learns the series'
 * cadence. Timestamps say when a regular stream stopped (a logger paused, a board lost its link
 * and sent nothing for 3 s): a line across the hole would draw data that never was, where the
 * cursors' read-out already says "-". A series without a steady cadence (values on change,
 * events) is joined as it comes: its spacings say nothing of a hole. */
static bool timestamp_silence(sink_series *ss, double x)
{
    if (!isfinite(ss->last_x)) return false;
    double d = x - ss->last_x;
    if (!(d > 0)) return false; /* the same time again: no spacing */
    bool silence = ss->cadence_run >= SILENCE_RUN && d > SILENCE_SPACINGS * ss->cadence;
    if (silence && within_3x(d, ss->silence_gap)) {
        /* the silence's spacing again: the series slowed down (a logger set to a slower rate, a
         * burst of buffered samples before its cadence), and that spacing is its cadence now;
         * the first one stays a gap (it could not be told from a silence then) */
        silence = false;
        ss->cadence = ss->silence_gap;
        ss->cadence_run = 1;
    }
    if (within_3x(d, ss->cadence)) {
        ss->cadence += (d - ss->cadence) / SILENCE_RUN;
        ss->cadence_run++;
    } else if (!silence) { /* another cadence (after a silence: the one before goes on) */
        ss->cadence = d;
        ss->cadence_run = 1;
    }
    ss->silence_gap = silence ? d : 0;
    return silence;
}

/* Pushes staged samples [0, count) of a created series. */
static void push_staged(source *src, sink_series *ss)
{
    int n = ss->count;
    ss->count = 0;
    if (n == 0 || !ss->series) return;
    if (ss->uniform) {
        push_uniform(src, ss, ss->values, n);
        return;
    }
    int i = 0;
    while (i < n) {
        if (!isnan(ss->tdev[i])) {
            double x;
            bool reset = false;
            if (!map_timestamp(src, ss, ss->tdev[i], ss->arrival[i], ss->line[i], &x, &reset)) {
                i++;
                continue;
            }
            if (ss->timestamped) {
                /* a silence before or after a gap of the data's own (a NaN: an exported
                 * recording's hole, replayed) is broken already */
                if (timestamp_silence(ss, x) && !ss->last_nan && !isnan(ss->values[i]))
                    reset = true;
                if (reset && isfinite(ss->last_x)) { /* the line breaks at the reset */
                    double xb = ss->last_x + (x - ss->last_x) * 0.5;
                    float nan = NAN;
                    hold_room(src, ss, 1);
                    rp_push_timed(ss->series, &xb, &nan, 1);
                    ss->last_x = xb;
                }
                push_timed(src, ss, &x, &ss->values[i], 1);
                ss->last_nan = isnan(ss->values[i]);
            } else {
                /* a timestamp on an arrival-timed series starts a segment there */
                double r = ss->rate > 0       ? ss->rate
                           : ss->seg_rate > 0 ? ss->seg_rate
                                              : PROVISIONAL_RATE;
                double floor_x = isfinite(ss->last_x) ? ss->last_x + 1.0 / r : -INFINITY;
                if (x < floor_x) x = floor_x;
                segment_start(src, ss, x, r, isfinite(ss->last_x) && x > floor_x);
                segment_push(src, ss, &ss->values[i], 1);
                ss->last_arrival = ss->arrival[i];
            }
            i++;
            continue;
        }
        int j = i;
        while (j < n && isnan(ss->tdev[j]) && ss->arrival[j] == ss->arrival[i]) j++;
        if (ss->timestamped) {
            /* untimed samples on a timestamped series: its device clock at arrival */
            const rp_clock *c = ss->clock;
            double base = isfinite(c->newest_x) ? ss->arrival[i] + (c->newest_x - c->newest_arrival)
                                                : ss->arrival[i];
            for (int k = i; k < j; k++) {
                double x = base > ss->last_x ? base : ss->last_x;
                push_timed(src, ss, &x, &ss->values[k], 1);
            }
        } else {
            place_run(src, ss, timeline_x(src, ss->clock, ss->arrival[i], false), &ss->values[i],
                      j - i);
        }
        i = j;
    }
}

/* ---- series creation -------------------------------------------------------------------------- */

/* Segments a timestamped series of this capacity needs to hold it full: one starts every 2^32
 * ticks of its resolution (71.6 min at 1 µs) of its time, so samples minutes to days apart (an hourly weather
 * log, a daily price) need up to one each, where the core's default (capacity / 256 + 16) let
 * all but the newest ~64 of such a file expire at once. rate: samples/s its first samples came
 * at (0: not known yet: one segment for 16 samples, enough for a sample every 19 min). Twice
 * what the rate asks, as it may slow; 16 bytes each. */
static int64_t timed_segments(int64_t capacity, double rate, double resolution)
{
    const double segment_s = 4294967296.0 * resolution; /* 2^32 ticks: 71.6 min at 1 µs */
    double need = rate > 0 ? 2.0 * ceil((double)capacity / rate / segment_s) : capacity / 16.0;
    double most = (double)capacity + 1, least = (double)(capacity / 256 + 16);
    return (int64_t)(need + 16 > most ? most : need + 16 < least ? least : need + 16);
}

/* Segments of an arrival-timed series: one starts at each re-estimate of its rate (at most 1/s)
 * and after each silence, and when the table is full the oldest goes with its samples. The
 * default (capacity / 4096, at least 64) held a 20 samples/s series over UDP to its last ~40 s
 * of 4096 samples (200 s); 256 or more (8 kB of 32-byte slots) keep minutes. */
static int64_t arrival_segments(int64_t capacity)
{
    int64_t n = capacity / 64;
    return n < 256 ? 256 : n > 1024 ? 1024 : n;
}

/* The time resolution of a timestamped series: 1 µs, or finer when its first samples are closer
 * than 10 µs (an oscilloscope's CSV at 1 GS/s, 1 ns apart, collapsed onto whole microseconds):
 * a power of ten at least 10 ticks a spacing, down to 1 ps. */
static double timed_resolution(const sink_series *ss)
{
    double finest = INFINITY, prev = NAN, largest = 0;
    for (int i = 0; i < ss->count; i++) {
        if (!(fabs(ss->tdev[i]) <= TIMESTAMP_LIMIT)) continue; /* none, or refused when pushed */
        double dt = ss->tdev[i] - prev;
        if (dt > 0 && dt < finest) finest = dt;
        prev = ss->tdev[i];
        double x = fabs(ss->tdev[i] + ss->clock->offset);
        if (x > largest) largest = x;
    }
    if (!(finest < 1e-5)) return 1e-6;
    double r = pow(10.0, floor(log10(finest / 10.0)));
    /* the store keeps |ticks| within RP_TICKS_MAX: a Unix time (1.8e9 s) keeps 1 µs, not the
     * 0.1 µs of 5 µs spacing (1.8e16 ticks: every sample refused); a clock counted from 0 keeps
     * its finer ticks */
    while (r < 1e-6 && (largest + 1e6) / r > RP_TICKS_MAX) r *= 10.0;
    return r < 1e-12 ? 1e-12 : r;
}

/* Where a uniform series that appears after others of its source starts, in samples from the
 * start: beside the newest sample of the one that has taken most (with `a:1,b:2` lines, b first
 * seen on line 200 starts at index 199 or 200, as a stands, not at 0 with the first lines). */
static double uniform_later(const source *src)
{
    int64_t most = 0;
    for (int i = 0; i < src->local_count; i++)
        if (src->local[i].uniform && src->local[i].uniform_n > most) most = src->local[i].uniform_n;
    /* what the others took with this sample: its own line's one, or a binary block's frames */
    int64_t along = src->block_frames > 0 ? src->block_frames : 1;
    return most > along ? (double)(most - along) : 0;
}

/* True when two staged samples arrived in one read: their spacing needs the rate (a sample that
 * came alone is placed at its arrival, whatever the rate). */
static bool staged_burst(const sink_series *ss)
{
    for (int i = 1; i < ss->count; i++)
        if (ss->arrival[i] == ss->arrival[i - 1]) return true;
    return false;
}

/* Samples and seconds of the continuous arrivals among the first `end` staged: samples of a run
 * that followed a silence arrived at once (a wait within 1.5x of the one before is a batch
 * sender's cadence, as in place_run). */
static void continuous_arrivals(const sink_series *ss, int end, int64_t *samples, double *time)
{
    *samples = 0;
    *time = 0;
    double prev_dt = NAN;
    bool counted = false; /* the current run followed another without a silence */
    for (int i = 1; i < end; i++) {
        double dt = ss->arrival[i] - ss->arrival[i - 1];
        if (dt != 0) { /* a new run: it took dt to arrive after the previous one */
            bool recurring = repeats(dt, prev_dt) && dt <= SLOW_MAX_S;
            counted = dt <= SILENCE_MIN || recurring;
            if (counted) *time += dt;
            if (dt >= PAUSE_MIN) prev_dt = dt;
        }
        if (counted) (*samples)++;
    }
}

/* min_time: the continuous arrivals must span this long, else the rate is unknown (0).
 * resolution: of a timestamped series, the store's tick (s): its span is measured in whole ticks,
 * as the samples are kept (a Unix time in float64 seconds is only good to 2^-22 s, 0.24 µs: 100
 * date-times 1 µs apart measured 99.18 µs, 998164/s); 0: as the timestamps say. */
static double staged_rate(const sink_series *ss, double min_time, double resolution)
{
    if (ss->uniform) return 0;
    if (ss->timestamped) {
        double first = NAN, last = NAN;
        int n = 0;
        for (int i = 0; i < ss->count; i++) {
            /* none, or absurd (refused when pushed: a1e300 made the rate 3e-297/s) */
            if (!(fabs(ss->tdev[i]) <= TIMESTAMP_LIMIT)) continue;
            /* only samples that move time on: one going back (refused, or a clock reset's new
             * segment) is no part of this span (a 100 Hz clock stepping back 0.3 s read 145/s) */
            if (isnan(first)) {
                first = last = ss->tdev[i];
                n = 1;
            } else if (ss->tdev[i] > last) {
                last = ss->tdev[i];
                n++;
            }
        }
        double span = last - first;
        if (resolution > 0 && fabs(last) / resolution < 0x1p52 && fabs(first) / resolution < 0x1p52)
            span = (nearbyint(last / resolution) - nearbyint(first / resolution)) * resolution;
        return n >= 2 && span > 0 ? (double)(n - 1) / span : 0;
    }
    /* A full stage's last run may be cut (the rest of its read waits outside): not counted (12 of
     * a read's 250 samples counted over its 0.5 s made 500 samples/s read as 24), unless nothing
     * else measures and it came within MEASURE_MIN_S of the run before (a burst read in pieces:
     * the rate, measured over a few ms, is checked again) */
    int end = ss->count;
    if (end == STAGE)
        while (end > 1 && ss->arrival[end - 1] == ss->arrival[ss->count - 1]) end--;
    int64_t samples = 0;
    double time = 0;
    continuous_arrivals(ss, end, &samples, &time);
    if (!(time > 0) && end < ss->count && end > 0 &&
        ss->arrival[ss->count - 1] - ss->arrival[end - 1] <= MEASURE_MIN_S)
        continuous_arrivals(ss, ss->count, &samples, &time);
    if (time > 0 && time >= min_time) return (double)samples / time;
    /* a slow stream (a sensor read once a second): one sample a read, at a steady cadence (every
     * interval within 3x of the others; one interval: within SLOW_FIRST_S), its rate the reads
     * over their span; place_run then places each read at its arrival (slow mode) */
    if (staged_burst(ss)) return 0;
    double shortest = INFINITY, longest = 0;
    for (int i = 1; i < ss->count; i++) {
        double dt = ss->arrival[i] - ss->arrival[i - 1];
        shortest = dt < shortest ? dt : shortest;
        longest = dt > longest ? dt : longest;
    }
    bool steady = ss->count > 1 && longest <= 3.0 * shortest &&
                  longest <= (ss->count == 2 ? SLOW_FIRST_S : SLOW_MAX_S);
    double total = ss->count > 1 ? ss->arrival[ss->count - 1] - ss->arrival[0] : 0;
    return steady && total > 0 ? (double)(ss->count - 1) / total : 0;
}

/* A series of a source reports on the source's channel (its refusals are counted and reported
 * by note_push, so SAMPLES_REJECTED is not reported twice). Called on the thread that failed. */
static void series_log(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    source *src = user;
    if (level == RP_LOG_ERROR && item != RP_LOGITEM_SAMPLES_REJECTED)
        rp_sink_log(src, level, item, "%s", message);
}

/* The samples of a new name over the series limit (`limit` series) are dropped and counted; the
 * first such name of the source is said once as it comes, with the option that raises the limit
 * (a live stream of 80 names would else lose 16 of them with nothing said), later ones as any
 * refusal (the newest kept as the last problem). */
static void refuse_over_limit(source *src, const char *name, size_t len, int64_t n, int limit)
{
    char msg[200];
    if (!src->limit_said) {
        src->limit_said = true;
        rp_sink_refuse(src, RP_REFUSED_SERIES_LIMIT, n, NULL);
        rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_SERIES_REFUSED,
                         "series limit reached (%d series): samples of '%.*s' and of any later "
                         "new name dropped (--max-series N raises it, up to %d)",
                         limit, (int)(len < 60 ? len : 60), name, RP_INGEST_SERIES_LIMIT);
        return;
    }
    snprintf(msg, sizeof msg, "series limit reached: samples of '%.*s' dropped", (int)len, name);
    rp_sink_refuse(src, RP_REFUSED_SERIES_LIMIT, n, msg);
}

/* min_time: as for staged_rate. */
static void create_series(source *src, sink_series *ss, double min_time)
{
    ss->pending = false;
    src->pending_count--;
    rp_ingest *ing = src->owner;
    int slot = rp_ingest__reserve_slot(ing);
    if (slot < 0) {
        ss->failed = true;
        ss->failed_as = RP_REFUSED_SERIES_LIMIT;
        refuse_over_limit(src, ss->name, strlen(ss->name), ss->count,
                          rp_ingest__max_series(src->owner));
        ss->count = 0;
        return;
    }
    double resolution = ss->timestamped ? timed_resolution(ss) : 0; /* 0: the default */
    double rate = ss->uniform ? uniform_rate(src) : staged_rate(ss, min_time, resolution);
    if (!ss->uniform && !ss->timestamped && rate > 0) ss->rate = rate;
    /* timed by its cadence (staged_rate's slow stream): each read at its arrival (place_run) */
    if (!ss->uniform && !ss->timestamped && rate > 0 && rate < 1.0 / SILENCE_MIN &&
        !staged_burst(ss))
        ss->slow = true;
    /* a full stage of a fast stream measured its rate over a few ms of reads: a sender that
     * writes in bursts (a timer tick's worth at a time) reads 20 % off there, and the drift rule
     * then took a second to work that off, the start squeezed or stretched */
    ss->quick_checked = false;
    ss->rate_provisional =
        !ss->uniform && !ss->timestamped && rate > 0 && !ss->slow && min_time < MEASURE_MIN_S;
    int64_t capacity;
    double span;
    rp_ingest__memory(ing, &capacity, &span);
    int64_t ing_capacity = capacity;
    if (src->desc.capacity > 0) capacity = src->desc.capacity;
    if (src->desc.span > 0) span = src->desc.span;
    bool guessed = false;                        /* neither given nor chosen for a known rate */
    if (capacity <= 0 && src->whole_samples > 0) /* all of it, within the usual bounds */
        capacity = src->whole_samples < CAP_MIN   ? CAP_MIN
                   : src->whole_samples > CAP_MAX ? CAP_MAX
                                                  : src->whole_samples;
    if (capacity <= 0 && src->input_ended) /* the input ended: its staged samples are all */
        capacity = ss->count < CAP_MIN ? CAP_MIN : ss->count;
    if (capacity <= 0) {
        guessed = !(rate > 0 && span > 0);
        if (!guessed) {
            double c = ceil(3.0 * span * rate);
            /* a rate measured over a few ms sizes for at most PROVISIONAL_CAP_RATE: it may be
             * the inside of a sender's burst (1000 samples in 20 datagrams every 150 ms read as
             * 4.6 million a second took the 16 M cap, 72 MB, for 6700 a second); a steady
             * 200 000 a second still holds its span, and CAPACITY_SHORT says when the rate
             * measured later needs more */
            double most = ceil(3.0 * span * PROVISIONAL_CAP_RATE);
            if (ss->rate_provisional && c > most) {
                c = most;
                guessed = true;
            }
            capacity = c < CAP_MIN ? CAP_MIN : c > (double)CAP_MAX ? CAP_MAX : (int64_t)c;
        } else {
            /* samples that came one a read, too few to time (a sensor read every second or
             * slower, a value an MQTT message): a slow stream, not 256 k samples (1.1 MB) */
            capacity = !ss->timestamped && !staged_burst(ss) ? CAP_SLOW : CAP_UNKNOWN;
        }
    }
    ss->capacity = capacity;
    ss->span = span;
    /* given (or a whole file's), or by a rate known now: only a guessed or chosen one is checked */
    bool given =
        src->desc.capacity > 0 || src->whole_samples > 0 || ing_capacity > 0 || src->input_ended;
    ss->capacity_said = given || ss->timestamped || ss->uniform;
    ss->capacity_chosen = !guessed;
    ss->capacity_rate = rate;
    if (!given && !guessed && capacity == CAP_MAX && rate > 0 && span > 0 &&
        (double)capacity / rate < span) {
        /* the rate known (--rate 10M, a timestamped stream) needs more than a series is given
         * unasked: said now (with --rate it was never said, 1.7 s of a 10 s span shown) */
        ss->capacity_said = true;
        rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_CAPACITY_SHORT,
                         "series '%s' at %.9g samples/s: its %lld samples (the most a series gets "
                         "unasked) hold %.3g s, less than the %.3g s span (give --capacity %.0f "
                         "for all of it, or a shorter --span)",
                         ss->name, rate, (long long)capacity, (double)capacity / rate, span,
                         ceil(span * rate));
    }
    rp_series_desc d = {.name = ss->name,
                        .unit = ss->unit,
                        .capacity = capacity,
                        .max_segments = ss->timestamped ? timed_segments(capacity, rate, resolution)
                                        : ss->uniform   ? 0
                                                        : arrival_segments(capacity),
                        .time_resolution = resolution,
                        .timestamps = ss->timestamped,
                        .log = {.func = series_log, .user = src}};
    if (ss->uniform) {
        d.rate = uniform_rate(src);
        /* a series placed by row starts at the row of its first sample */
        d.t0 = (src->rows_by_index ? 0 : src->start) +
               (ss->by_row ? (double)ss->row_first : uniform_later(src)) / d.rate;
    }
    rp_status st = rp_series_create(&d, &ss->series);
    if (st != RP_OK) {
        ss->series = NULL;
        ss->failed = true;
        ss->failed_as = RP_REFUSED_SERIES_FAILED;
        rp_ingest__fail_slot(ing, slot);
        char msg[200];
        snprintf(msg, sizeof msg,
                 "cannot create series '%s' (%lld samples): %s; its samples are dropped", ss->name,
                 (long long)capacity, rp_status_string(st));
        rp_sink_refuse(src, RP_REFUSED_SERIES_FAILED, ss->count, msg);
        ss->count = 0;
        return;
    }
    ss->slot = slot;
    /* samples/s where there are seconds: a row index has none (rp_source_series_rate 0) */
    if (ss->uniform ? src->desc.rate > 0 : rate > 0) rp_ingest__slot_rate(ing, slot, rate);
    rp_ingest__slot_xy(ing, slot, ss->xy_role);
    /* held from its first sample: the reader (the recorder) attaches on the owner's thread a
     * frame later, and a file read at once must not overrun the ring before it does */
    if (rp_ingest__hold_for_reader(ing)) rp_series_hold(ss->series, 0);
    rp_ingest__publish_slot(ing, slot, ss->series, src->index);
    atomic_fetch_add_explicit(&src->series_made, 1, memory_order_relaxed);
    push_staged(src, ss);
    /* a rate measured over the stage is checked against the reads after it, not against the
     * stage's own (a sender's bursts made it) */
    if (ss->rate_provisional && isfinite(ss->last_arrival))
        window_restart(ss, ss->last_arrival, false);
}

static bool name_is(const sink_series *ss, const char *name, size_t len)
{
    return (size_t)ss->name_len == len && memcmp(ss->name, name, len) == 0;
}

static int lookup(source *src, const char *name, size_t len, int *slot_pos)
{
    int last = src->last_series;
    if (last < src->local_count) {
        if (name_is(&src->local[last], name, len)) return last;
        int next = last + 1 < src->local_count ? last + 1 : 0;
        if (name_is(&src->local[next], name, len)) return src->last_series = next;
    }
    int mask = src->hash_size - 1;
    int pos = (int)(hash_bytes(name, len) & (uint64_t)mask);
    for (;;) {
        int idx = src->hash[pos];
        if (idx < 0) break;
        if (name_is(&src->local[idx], name, len)) return src->last_series = idx;
        pos = (pos + 1) & mask;
    }
    *slot_pos = pos;
    return -1;
}

static int new_series(source *src, const char *name, size_t len, int pos, int64_t n)
{
    if (!name_valid(name, len)) {
        char msg[200];
        snprintf(msg, sizeof msg, "series name of %zu bytes refused (%s): %lld samples dropped",
                 len,
                 len >= RP_NAME_MAX ? "longer than 63 bytes"
                 : len == 0         ? "empty"
                                    : "control byte or invalid UTF-8",
                 (long long)n);
        rp_sink_refuse(src, RP_REFUSED_BAD_NAME, n, msg);
        return -1;
    }
    if (src->local_count >= src->local_max) {
        refuse_over_limit(src, name, len, n, src->local_max);
        return -1;
    }
    sink_series *ss = &src->local[src->local_count];
    ss->values = malloc(sizeof(float) * STAGE); /* a new name: creation time, not the push path */
    ss->tdev = malloc(sizeof(double) * STAGE);
    ss->arrival = malloc(sizeof(double) * STAGE);
    ss->line = malloc(sizeof(int64_t) * STAGE);
    if (!ss->values || !ss->tdev || !ss->arrival || !ss->line) {
        free(ss->values);
        free(ss->tdev);
        free(ss->arrival);
        free(ss->line);
        ss->values = NULL;
        ss->tdev = ss->arrival = NULL;
        ss->line = NULL;
        rp_sink_refuse(src, RP_REFUSED_SERIES_FAILED, n, "out of memory for a new series");
        return -1;
    }
    memcpy(ss->name, name, len);
    ss->name[len] = 0;
    ss->name_len = (int)len;
    ss->pending = true;
    src->pending_count++;
    ss->last_x = -INFINITY;
    ss->seen_x = -INFINITY;
    ss->last_arrival = NAN;
    ss->prev_since = NAN;
    ss->prev_wait = NAN;
    ss->read_interval = ss->last_read_interval = NAN;
    ss->first_arrival = src->now;
    ss->clock = src->clock;
    src->hash[pos] = src->local_count;
    return src->last_series = src->local_count++;
}

int rp_sink_series(source *src, const char *name, size_t len, int64_t n)
{
    int pos = 0;
    int idx = lookup(src, name, len, &pos);
    if (idx < 0) idx = new_series(src, name, len, pos, n);
    if (idx >= 0 && src->local[idx].failed) {
        rp_sink_refuse(src, src->local[idx].failed_as, n, NULL);
        return -1;
    }
    return idx;
}

int rp_sink_series_new(source *src, const char *name, size_t len)
{
    int pos = 0;
    if (lookup(src, name, len, &pos) < 0) return new_series(src, name, len, pos, 0);
    /* a column named like an earlier one (a logger's "Temperature,Temperature"): "name.1",
     * "name.2"..., as pandas reads it, not refused */
    char alt[RP_NAME_MAX];
    for (int k = 1; k < 100 && len + 4 < sizeof alt; k++) {
        int n = snprintf(alt, sizeof alt, "%.*s.%d", (int)len, name, k);
        if (name_valid(alt, (size_t)n) && lookup(src, alt, (size_t)n, &pos) < 0)
            return new_series(src, alt, (size_t)n, pos, 0);
    }
    rp_sink_log(src, RP_LOG_WARNING, RP_LOGITEM_SERIES_REFUSED,
                "name '%.*s' used twice: the second column is refused", (int)(len < 60 ? len : 60),
                name);
    return -2; /* the caller counts its samples as RP_REFUSED_DUPLICATE_NAME */
}

/* A live series placed at a given rate (x = index / rate) whose samples come far slower than
 * that (a 100 Hz board read with --rate 1000) has an x axis that runs ahead of the clock, 3 s
 * drawn as 0.3 s: said once, after 5 s of its samples, with the rate they come at. Faster is a
 * backlog catching up (a file piped in), not said. */
#define RATE_CHECK_S 5.0
static void check_given_rate(source *src, sink_series *ss)
{
    if (ss->rate_said || src->rows_by_index || src->desc.kind == RP_SOURCE_REPLAY ||
        !(src->desc.rate > 0) || isnan(ss->first_arrival))
        return;
    double elapsed = src->now - ss->first_arrival;
    if (elapsed < RATE_CHECK_S) return;
    double came = (double)ss->uniform_n / elapsed;
    ss->rate_said = true;
    if (came >= 0.5 * src->desc.rate) return;
    rp_sink_log_once(
        src, RP_LOG_WARNING, RP_LOGITEM_RATE_MISMATCH,
        "series '%s': --rate %g, but its samples came at about %.3g/s over %.0f s: its x "
        "axis (index / rate) runs %.1fx ahead of the clock (leave --rate out to time them "
        "by arrival)",
        ss->name, src->desc.rate, came, elapsed, src->desc.rate / came);
}

/* k of a series' samples are ±Inf: a value beyond float32's range (1e39, -1e300, 3.5e38 read
 * from text) or inf as written. Kept (drawn at the plot's edge, as DESIGN says of Inf), counted,
 * and said once a series: drawn so, 1e300 looked like a value near the panel's top. */
static void note_infinite(source *src, sink_series *ss, int64_t k, float v)
{
    atomic_fetch_add_explicit(&src->infinite, k, memory_order_relaxed);
    if (ss->infinite_said) return;
    ss->infinite_said = true;
    rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_VALUE_INFINITE,
                     "series '%s': a value beyond float32's range (above %.4g in size) or written "
                     "as inf is kept as %s: drawn at the plot's edge, the statistics' %s (--stats "
                     "counts such samples)",
                     ss->name, (double)FLT_MAX, v > 0 ? "inf" : "-inf",
                     v > 0 ? "max inf" : "min -inf");
}

static int64_t count_infinite(const float *v, int64_t n)
{
    int64_t k = 0;
    for (int64_t i = 0; i < n; i++) k += isinf(v[i]);
    return k;
}

void rp_sink_stage(source *src, int idx, double tdev, float v)
{
    sink_series *ss = &src->local[idx];
    if (isinf(v) && !ss->failed) note_infinite(src, ss, 1, v);
    if (ss->pending && ss->count == 0 && !ss->timestamped && !ss->uniform && !ss->failed) {
        /* the first sample decides the kind */
        ss->timestamped = !isnan(tdev);
        ss->uniform = isnan(tdev) && (src->desc.rate > 0 || src->rows_by_index);
        ss->first_arrival = src->now;
        if (ss->uniform) create_series(src, ss, 0);
    }
    if (ss->count == STAGE && !ss->failed) {
        if (ss->pending) /* a full stage: data still flowing, its reads' spacing is the rate */
            create_series(src, ss, 0);
        else
            push_staged(src, ss);
    }
    if (ss->failed) {
        rp_sink_refuse(src, ss->failed_as, 1, NULL);
        return;
    }
    if (!isnan(tdev) && ss->clock != src->clock && !ss->senders_said) {
        /* two boards sending one name: each timestamp is read on the clock of the sender that
         * made the series (a board back from a reboot on another port is one: its series keep
         * their clock), so the other board's uptime is taken for reboots, each moving that
         * clock, and that board's other series with it */
        ss->senders_said = true;
        rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_SENDERS_MIXED,
                         "series '%s' also comes from another sender than the one that made it: "
                         "its timestamps are read on the first sender's clock, so the other's are "
                         "taken for reboots (clock resets) that move that clock and every series "
                         "on it (two boards sending one name? give each its own names)",
                         ss->name);
    }
    if (!isnan(tdev) && fabs(tdev) <= TIMESTAMP_LIMIT) {
        /* the device clock went back (a reboot), met here in arrival order: a new segment after
         * the real silence (rows going back in a file, or within a second: refused when pushed) */
        char what[RP_NAME_MAX + 16];
        snprintf(what, sizeof what, "series '%s'", ss->name);
        rp_clock *c = ss->clock;
        clock_set_to_date(src, c, tdev, what);
        /* a clock's first timestamp joins the timeline first: what this sample is measured
         * against, and what it leaves as seen, is on it (a board whose millis() were ahead of
         * the first's was seen an hour ahead, then "went back" to the timeline and reset) */
        timeline_join(src, c, tdev);
        double xv = tdev + c->offset, newest = fmax(ss->last_x, ss->seen_x);
        if (isfinite(newest) && xv < newest && clock_went_back(src, c, tdev, xv, newest)) {
            clock_reset(src, c, tdev, src->now, newest, what);
            xv = tdev + c->offset;
        }
        if (xv > ss->seen_x) ss->seen_x = xv;
    } else if (isnan(tdev) && !ss->uniform && !src->rows_by_index) {
        /* placed about its arrival on the source's timeline (the arrival model may place it a
         * little earlier): what a timestamp after it going back is measured against */
        double xa = timeline_x(src, ss->clock, src->now, false);
        if (xa > ss->seen_x) ss->seen_x = xa;
    }
    if (!isnan(tdev)) timeline_timestamp(src, ss->clock, tdev);
    if (ss->uniform) {
        ss->uniform_n++;
        check_given_rate(src, ss);
    }
    ss->values[ss->count] = v;
    ss->tdev[ss->count] = tdev;
    ss->arrival[ss->count] = src->now;
    ss->line[ss->count] = src->line;
    ss->count++;
}

void rp_sink_block(source *src, int idx, const float *v, int64_t n)
{
    sink_series *ss = &src->local[idx];
    if (!ss->failed && !ss->pending && ss->count == 0 && ss->series &&
        (ss->uniform || !ss->timestamped)) { /* pushed here: rp_sink_stage notes the others */
        for (int64_t i = 0; i < n; i++)
            if (isinf(v[i])) {
                note_infinite(src, ss, count_infinite(v + i, n - i), v[i]);
                break;
            }
        if (ss->uniform) {
            ss->uniform_n += n;
            check_given_rate(src, ss);
            push_uniform(src, ss, v, n);
            return;
        }
        if (!ss->timestamped) {
            place_run(src, ss, timeline_x(src, ss->clock, src->now, false), v, n);
            return;
        }
    }
    src->block_frames = n; /* a channel of these frames is never later than the others */
    for (int64_t i = 0; i < n; i++) rp_sink_stage(src, idx, NAN, v[i]);
    src->block_frames = 0;
}

void rp_sink_series_start_row(source *src, int idx, int64_t row)
{
    sink_series *ss = &src->local[idx];
    if (!src->rows_by_index || !ss->pending || ss->count > 0 || ss->by_row) return;
    ss->by_row = true;
    ss->row_first = ss->rows_held = row;
}

/* The first unit a pending series gets is its unit. Another unit later ("Z" in m/s^2 on one line
 * and rad/s on the next: two sensors' values under one name) is kept out, counted and said once a
 * series (UNIT_CHANGED): its values are most likely not one quantity. */
static void take_unit(source *src, sink_series *ss, const char *unit, size_t len)
{
    if (len == 0) return;
    if (!ss->unit[0]) {
        if (!ss->pending) return;
        size_t n = len < sizeof ss->unit - 1 ? len : sizeof ss->unit - 1;
        memcpy(ss->unit, unit, n);
        ss->unit[n] = '\0';
        return;
    }
    size_t have = strlen(ss->unit);
    if (len > sizeof ss->unit - 1) len = sizeof ss->unit - 1; /* as it would have been kept */
    if (have == len && !memcmp(ss->unit, unit, len)) return;
    atomic_fetch_add_explicit(&src->units_changed, 1, memory_order_relaxed);
    if (ss->unit_said) return;
    ss->unit_said = true;
    rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_UNIT_CHANGED,
                     "series '%s': unit '%.*s' after '%s': values in two units under one name (two "
                     "quantities mixed up?); its unit stays '%s'",
                     ss->name, (int)len, unit, ss->unit, ss->unit);
}

void rp_sink_series_unit(source *src, int idx, const char *unit, size_t len)
{
    if (idx >= 0 && unit) take_unit(src, &src->local[idx], unit, len);
}

void rp_sink_line_sample(source *src, const rp_line_sample *s)
{
    if (s->flags & RP_LINE_FLAG_REFUSED) {
        /* a refused value ("a:5#0"): a gap in its place for a series placed by index (--rate),
         * whose later samples would otherwise be drawn 1/rate early each; nothing otherwise (its
         * refusal is counted by the parser) */
        int pos = 0, known = lookup(src, s->name, s->name_len, &pos);
        if (known >= 0 && src->local[known].uniform && !src->local[known].failed)
            rp_sink_stage(src, known, NAN, NAN);
        return;
    }
    int idx = rp_sink_series(src, s->name, s->name_len, 1);
    if (idx < 0) return;
    sink_series *ss = &src->local[idx];
    take_unit(src, ss, s->unit, s->unit_len);
    if (src->rows_by_index && !s->has_timestamp && !ss->timestamped) {
        /* A text file read at once has rows as a CSV has: a row gathers one sample of each
         * series, and a series met again begins the next ("a:1,b:2" a line, or "temp:21" and
         * "hum:40" on lines of their own, each pair a row). A series a row lacks has a gap there
         * ("a:..,b:.." every 4th line, "a:.." on the others: b at rows 0, 4, 8...; counted
         * alone, its 50 samples sat at 0..49 beside a's 200). */
        if (ss->by_row && ss->rows_held > src->text_row) src->text_row++; /* in this row already */
        if (!ss->by_row && ss->pending && ss->count == 0) { /* its first: it starts here */
            ss->by_row = true;
            ss->row_first = ss->rows_held = src->text_row;
        }
        while (ss->by_row && ss->rows_held < src->text_row && !ss->failed) {
            rp_sink_stage(src, idx, NAN, NAN);
            ss->rows_held++;
        }
        ss->rows_held++;
    }
    rp_sink_stage(src, idx, s->has_timestamp ? s->timestamp_ms / 1000.0 : NAN, s->value);
}

void rp_sink_line_counters(source *src, const rp_line_parser *parser)
{
    rp_line_stats ls = rp_line_parser_stats(parser);
    atomic_store_explicit(&src->parser_malformed, ls.lines_rejected, memory_order_relaxed);
    for (int r = 0; r < RP_LINE_REJECT_COUNT; r++)
        atomic_store_explicit(&src->line_rejected[r], src->line_rejected_probed[r] + ls.rejected[r],
                              memory_order_relaxed);
}

/* The x of a text value or log line: as a sample's (device time + the source's clock offset),
 * or, without a timestamp, its arrival on the source's timeline. */
static double note_x(source *src, const rp_line_event *ev)
{
    /* next to the newest timestamp, even a Unix time (a log replayed through a pipe), except on
     * MQTT: its topics come from many publishers, and a switch's ON/OFF next to another
     * publisher's stale "ts" was drawn years back, all its changes in one spot */
    rp_clock *c = src->clock; /* a note is timed by its sender's clock (bound to no series) */
    if (!ev->has_timestamp) return timeline_x(src, c, src->now, src->desc.kind != RP_SOURCE_MQTT);
    double tdev = ev->timestamp_ms / 1000.0;
    const char *what = ev->kind == RP_LINE_EVENT_TEXT ? "a text value" : "a log line";
    clock_set_to_date(src, c, tdev, what);
    double xv = tdev + c->offset;
    /* a board's log lines after it rebooted come first ("I (29) boot: ..."): the reset is theirs
     * to make, or they would be refused as older than the lines before the reboot */
    if (fabs(tdev) <= TIMESTAMP_LIMIT && isfinite(c->newest_x) && xv < c->newest_x &&
        clock_went_back(src, c, tdev, xv, c->newest_x))
        clock_reset(src, c, tdev, src->now, c->newest_x, what);
    timeline_timestamp(src, c, tdev);
    return tdev + c->offset;
}

/* A text value or log line into the notes store (rp_ingest_desc.notes), when there is one.
 * Refusals are counted by the store; the source's last problem says why, except for log lines
 * of a store that keeps none (the user's choice, e.g. --log-lines 0). */
static void push_note(source *src, const rp_line_event *ev)
{
    rp_notes *notes = rp_ingest__notes(src->owner);
    if (!notes) return;
    bool text = ev->kind == RP_LINE_EVENT_TEXT;
    rp_status st = text ? rp_notes_push_text(notes, ev->name, ev->name_len, note_x(src, ev),
                                             ev->text, ev->text_len)
                        : rp_notes_push_log(notes, note_x(src, ev), ev->text, ev->text_len);
    if (st == RP_OK || (!text && st == RP_ERR_LIMIT)) return;
    size_t len = text ? ev->name_len : ev->text_len;
    rp_sink_log(src, RP_LOG_WARNING,
                st == RP_ERR_LIMIT ? RP_LOGITEM_SERIES_REFUSED : RP_LOGITEM_TIMESTAMP_REFUSED,
                "%s '%.*s' not kept: %s", text ? "text value of" : "log line",
                (int)(len < 40 ? len : 40), text ? ev->name : ev->text,
                st == RP_ERR_LIMIT ? "every text track of the notes store is in use"
                                   : "older than the newest one");
}

/* Teleplot's XY point "name:x:y[:ts]|xy": x into series name.x, y into name.y, with the same
 * time; both marked, so the panel policy gives the pair an XY panel. */
static void stage_xy(source *src, const rp_line_event *ev)
{
    char name[RP_NAME_MAX + 2];
    size_t len = ev->name_len < RP_NAME_MAX ? ev->name_len : RP_NAME_MAX;
    memcpy(name, ev->name, len);
    double t = ev->has_timestamp ? ev->timestamp_ms / 1000.0 : NAN;
    const double value[2] = {ev->x, ev->y};
    for (int k = 0; k < 2; k++) {
        name[len] = '.';
        name[len + 1] = k == 0 ? 'x' : 'y';
        int idx = rp_sink_series(src, name, len + 2, 1);
        if (idx < 0) return;
        sink_series *ss = &src->local[idx];
        if (ss->pending && ss->count == 0) ss->xy_role = k == 0 ? RP_INGEST_XY_X : RP_INGEST_XY_Y;
        if (ev->unit_len > 0 && !ss->unit[0] && ss->pending) {
            size_t n = ev->unit_len < sizeof ss->unit - 1 ? ev->unit_len : sizeof ss->unit - 1;
            memcpy(ss->unit, ev->unit, n);
            ss->unit[n] = '\0';
        }
        rp_sink_stage(src, idx, t, (float)value[k]);
    }
}

void rp_sink_line_event(void *user, const rp_line_event *ev)
{
    source *src = user;
    _Atomic int64_t *counter = ev->kind == RP_LINE_EVENT_XY     ? &src->xy_points
                               : ev->kind == RP_LINE_EVENT_TEXT ? &src->texts
                                                                : &src->logs;
    atomic_fetch_add_explicit(counter, 1, memory_order_relaxed);
    if (ev->kind == RP_LINE_EVENT_XY)
        stage_xy(src, ev);
    else
        push_note(src, ev);
}

void rp_sink_sample(source *src, const char *name, size_t len, double tdev, float v)
{
    int idx = rp_sink_series(src, name, len, 1);
    if (idx >= 0) rp_sink_stage(src, idx, tdev, v);
}

static void flush(source *src, bool all)
{
    double wall = src->pending_count > 0 ? rp_ingest_now(src->owner)
                                         : 0; /* pending series wait on the clock */
    for (int i = 0; i < src->local_count; i++) {
        sink_series *ss = &src->local[i];
        if (ss->failed) continue;
        if (ss->pending) {
            if (ss->count == 0) continue;
            double waited = wall - ss->first_arrival;
            /* a first burst is held until its rate is known (bounded), not drawn at a guess */
            /* a burst the kernel split into reads microseconds apart (a board dumping its
             * buffer over USB) is one burst, not a stream at 10^5..10^6 samples/s: the clock
             * measures a rate only over MEASURE_MIN_S of continuous arrivals */
            bool known =
                ss->timestamped || !staged_burst(ss) || staged_rate(ss, MEASURE_MIN_S, 0) > 0;
            if (all || waited >= RATE_HOLD_S || (waited >= RATE_WAIT_S && known))
                create_series(src, ss, MEASURE_MIN_S);
            continue;
        }
        push_staged(src, ss);
    }
}

void rp_sink_flush(source *src) { flush(src, false); }
void rp_sink_flush_all(source *src) { flush(src, true); }

void rp_sink_end(source *src, const char *message)
{
    src->input_ended = true;
    rp_sink_flush_all(src);
    /* a burst that came at once and then the end (`seq 1 3000 | ringplot --stdin`): its rate was
     * never measured and it was drawn at a guess, said as a burst before a silence is (nothing
     * was said: 3000 samples drawn in 0.03 s at the right edge, no word why); once a source */
    sink_series *first = NULL;
    int more = 0;
    for (int i = 0; i < src->local_count; i++) {
        sink_series *ss = &src->local[i];
        if (!ss->series || ss->timestamped || ss->uniform || !ss->seg_guessed ||
            ss->seg_n < GUESS_SAID_AT_END || ss->guess_reported)
            continue;
        ss->guess_reported = true;
        if (first)
            more++;
        else
            first = ss;
    }
    if (first) {
        /* said, but the source's last problem stays what went wrong with its data (a bad line) */
        char kept[RP_SOURCE_ERROR_MAX];
        pthread_mutex_lock(&src->error_lock);
        rp_format(kept, sizeof kept, "%s", src->last_error);
        rp_log_item kept_item = src->last_item;
        pthread_mutex_unlock(&src->error_lock);
        char others[48] = "";
        if (more > 0) snprintf(others, sizeof others, " (and %d series more)", more);
        rp_sink_log_once(src, RP_LOG_WARNING, RP_LOGITEM_RATE_GUESSED,
                         "series '%s'%s: its last %lld samples came at once and the input ended "
                         "there; they were drawn at a guessed %.0f samples/s, as no rate was "
                         "measured (give --rate for exact time, or open a file as FILE to plot "
                         "it by row)",
                         first->name, others, (long long)first->seg_n, first->seg_rate);
        if (kept[0]) {
            pthread_mutex_lock(&src->error_lock);
            rp_format(src->last_error, sizeof src->last_error, "%s", kept);
            src->last_item = kept_item;
            pthread_mutex_unlock(&src->error_lock);
        }
    }
    if (message) rp_sink_log(src, RP_LOG_ERROR, RP_LOGITEM_SOURCE_READ, "%s", message);
    atomic_store(&src->ended, true);
}

/* ---- lifetime ---------------------------------------------------------------------------------- */

void rp_sink_clock_init(rp_clock *clock)
{
    *clock = (rp_clock){.offset = 0, .newest_x = NAN, .newest_arrival = NAN};
}

void rp_sink_use_clock(source *src, rp_clock *clock)
{
    src->clock = clock ? clock : &src->own_clock;
}

rp_status rp_sink_init(source *src, int local_max)
{
    src->local_max = local_max;
    src->hash_size = 1;
    while (src->hash_size < 2 * local_max) src->hash_size <<= 1;
    src->local = calloc((size_t)local_max, sizeof *src->local);
    src->hash = malloc(sizeof *src->hash * (size_t)src->hash_size);
    if (!src->local || !src->hash) return RP_ERR_NO_MEMORY;
    for (int i = 0; i < src->hash_size; i++) src->hash[i] = -1;
    rp_sink_clock_init(&src->own_clock);
    src->clock = &src->own_clock;
    src->newest_clock = NULL;
    for (int i = 0; i < RP_LOGITEM_COUNT; i++) src->reported_at[i] = NAN;
    return RP_OK;
}

void rp_sink_free(source *src)
{
    for (int i = 0; src->local && i < src->local_count; i++) {
        free(src->local[i].values);
        free(src->local[i].tdev);
        free(src->local[i].line);
        free(src->local[i].arrival);
    }
    free(src->local);
    free(src->hash);
    src->local = NULL;
    src->hash = NULL;
}

const char *rp_refusal_name(rp_refusal reason)
{
    static const char *const names[RP_REFUSAL_COUNT] = {
        "malformed",     "bad_name",     "duplicate_name", "series_limit", "series_failed",
        "bad_timestamp", "out_of_order", "oversized",      "bad_payload",  "store",
    };
    return (unsigned)reason < RP_REFUSAL_COUNT ? names[reason] : "unknown";
}
