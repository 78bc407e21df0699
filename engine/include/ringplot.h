/* ringplot.h — GPU real-time plotting engine for live float32 streams. The only header a user
 * includes; C11 and C++ (extern "C"). Every function is listed below with one line saying what it
 * does, who owns what, and which thread may call it.
 *
 * Step by step
 *   1. Series, one per signal: rp_series_create(&(rp_series_desc){.capacity = 1 << 24}, &s).
 *      Every byte it will ever use is allocated (and touched) here; nothing grows later.
 *      Kinds: uniform (default; rp_push_segment makes it piecewise uniform), timestamped
 *      (.timestamps = true, rp_push_timed), or borrowed (.borrow = {your float buffer}: the
 *      series reads your ring in place, rp_series_commit tells it what you wrote).
 *   2. Push from one producer thread per series: rp_push(s, samples, n). Lock-free, never blocks,
 *      never allocates. The newest `capacity` samples are retained; older ones expire (counted).
 *      Read exact statistics of any x range with rp_series_range_stats, in O(log N).
 *   3. Figure: rp_figure_create, rp_figure_add_panel, rp_figure_add_series(fig, panel, s, NULL),
 *      rp_figure_follow(fig, span). Pure data, no GL: what to draw.
 *   4. Draw it, once per frame, on the thread that owns the figure:
 *        window:    rp_window_create + rp_window_present (SDL2; poll SDL events yourself);
 *        headless:  rp_headless_create + rp_headless_render + rp_headless_write_png, or one call
 *                   rp_render_png(fig, &(rp_headless_desc){.width = 800, .height = 500}, path)
 *                   (EGL surfaceless, no display);
 *        your GL:   rp_renderer_create(&(rp_renderer_desc){.get_proc_address = your_loader})
 *                   then rp_renderer_draw(r, fig, x, y, w, h) into your context and viewport.
 *      Each frame decimates every visible series to the plot's pixel columns (M4: first, min,
 *      max, last), so a frame costs O(pixels), whatever the number of samples.
 *   5. Destroy in reverse order: renderer / window / headless, figure, then the series (after the
 *      producer thread has stopped).
 *
 * Descriptions
 *   Create calls take a `const rp_xxx_desc *` whose zero value means "default" (NULL = all
 *   defaults): name only what changes, e.g. &(rp_series_desc){.rate = 1000}. rp_xxx_get_desc
 *   returns the resolved values.
 *
 * Threading
 *   Nothing is thread-safe except where stated. rp_push / rp_push_timed run on one producer thread
 *   per series, concurrently with every read of that series (rp_decimate, rp_series_y_range,
 *   rp_series_stats_get, drawing). Readers never see a torn range: they validate against the
 *   producer's write mark and retry. A figure belongs to one thread (the one that draws it); a
 *   renderer to the thread where its GL context is current; a window or headless object to the
 *   thread that created it (for SDL windows, the main thread). rp_status_string, rp_version,
 *   rp_log_item_name, rp_log_level_name and rp_write_png_rgba may be called from any thread. A log
 *   callback runs on the thread that made the failing call (for a series: possibly its producer).
 *
 * Memory and ownership
 *   No global state but the registry of live handles ("Live handles") and EGL's display: every
 *   object is an explicit handle, and any number may coexist (two windows, a window and a
 *   headless renderer). Strings and samples passed in are copied unless a comment
 *   says "borrowed". A figure borrows its series: each must outlive the figure or be removed from
 *   it first. Returned strings and sub-objects are borrowed from their owner and stay valid until
 *   it is destroyed (last-error strings: until the next failed call on that object). A series costs
 *   capacity × 4 bytes + a pyramid (min-max and exact moments) of 0.34 bytes per sample, 4.34 in
 *   all; timestamped series add 4 bytes per sample (8.4 in all); a series over a borrowed
 *   caller buffer costs only its pyramid (0.34). rp_series_stats_get reports the bytes. Every
 *   page is written at creation, so resident memory is the reported bytes from the start.
 *   Drawing allocates nothing per frame.
 *
 * Errors
 *   Calls that can fail return rp_status (RP_OK == 0); rp_status_string() names each code. One
 *   channel explains them: each create desc takes a log callback (rp_log_desc) that receives every
 *   failure as a numbered item (rp_log_item, listed in RP_LOG_ITEMS) with a readable message, and
 *   each object keeps the same message as its last error (rp_series_last_error,
 *   rp_figure_last_error, rp_renderer_last_error, rp_headless_last_error, rp_window_last_error).
 *   A failed create explains itself through desc->log (stderr when there is no callback). Misuse
 *   — NULL, a handle of the wrong kind or already destroyed, a negative capacity, a zero or
 *   negative size — returns RP_ERR_INVALID_ARG and changes nothing (void calls ignore it). Every
 *   handle is checked against a registry of live objects, never by reading the object, so a
 *   destroyed handle is refused safely (see "Live handles"). No error state is thread-local.
 *
 * GL state (rp_renderer_draw in your context)
 *   Draws into the framebuffer bound now, inside the viewport rectangle given. Saves and restores
 *   what it changes: viewport, scissor box and test, blend enable/func/equation, depth test, cull
 *   face, stencil test, current program, vertex array, GL_ARRAY_BUFFER binding, active texture
 *   unit, unit 0's GL_TEXTURE_2D and sampler, GL_UNPACK_ALIGNMENT. It fills its viewport with
 *   the theme's background and touches no pixel outside it; it never swaps buffers or polls
 *   events. It does not set, so leave at their defaults while it draws: color write mask, polygon
 *   mode GL_FILL, GL_FRAMEBUFFER_SRGB off, no GL_PIXEL_UNPACK_BUFFER bound, GL_UNPACK_ROW_LENGTH
 *   and GL_UNPACK_SKIP_* 0, rasterizer discard off.
 *
 * Positions
 *   A sample's position is a 64-bit index (count of samples pushed before it). Its x is
 *   t0 + index / rate for uniform series, t0' + (index - first') / rate' inside a segment started
 *   by rp_push_segment (piecewise-uniform series), or its own timestamp for timestamped series
 *   (kept as integer ticks of time_resolution: 1 µs by default). Decimation columns are cut on a
 *   grid anchored at x = t0, found per segment in integer index space, so a view that scrolls by
 *   whole columns shows exactly the same pixels after 10^10 samples as after 10^3.
 */
#ifndef RINGPLOT_H
#define RINGPLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* Version of this header; rp_version() gives the library's (they differ only with a stale .so). */
#define RINGPLOT_VERSION_MAJOR 0
#define RINGPLOT_VERSION_MINOR 3
#define RINGPLOT_VERSION_PATCH 0
#define RINGPLOT_VERSION_STRING "0.3.0"
#define RINGPLOT_VERSION                                                                           \
    (RINGPLOT_VERSION_MAJOR * 10000 + RINGPLOT_VERSION_MINOR * 100 + RINGPLOT_VERSION_PATCH)

/* RP_API marks the exported functions (the shared library hides everything else). */
#ifndef RP_API
#if defined(__GNUC__) || defined(__clang__)
#define RP_API __attribute__((visibility("default")))
#else
#define RP_API
#endif
#endif

/* ---------------------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------------------- */
typedef enum rp_status {
    RP_OK = 0,
    RP_ERR_INVALID_ARG,  /* NULL pointer, zero/negative size, bad range, wrong object */
    RP_ERR_NO_MEMORY,    /* allocation failed at creation time */
    RP_ERR_OUT_OF_ORDER, /* irregular series: timestamp older than the last one (sample rejected) */
    RP_ERR_LIMIT,        /* input beyond a documented limit (name too long, too many series...) */
    RP_ERR_BUFFER_SMALL, /* caller's output buffer is too small for the request */
    RP_ERR_OVERRUN,     /* a read could not complete: the producer overwrote the range repeatedly */
    RP_ERR_PARSE,       /* malformed outside input (a line, a frame, a flag value) */
    RP_ERR_IO,          /* file, socket or PNG write failed */
    RP_ERR_GL,          /* GL context, shader or framebuffer failure */
    RP_ERR_PLATFORM,    /* window system / EGL failure */
    RP_ERR_UNSUPPORTED, /* feature not available in this build or on this series kind */
    RP_ERR_WRONG_THREAD, /* a call overlapped one it must not: two producers pushing at once */
    RP_STATUS_COUNT
} rp_status;

/* A static string naming a status. Thread: any. */
RP_API const char *rp_status_string(rp_status status);
/* The library's RINGPLOT_VERSION_STRING (static). Thread: any. */
RP_API const char *rp_version(void);

/* ---------------------------------------------------------------------------------------------
 * Log channel: every failure, as a numbered item with a readable message, to your callback.
 *
 *   static void on_log(void *user, rp_log_level level, rp_log_item item, const char *message)
 *   { fprintf(stderr, "ringplot %s: %s\n", rp_log_item_name(item), message); }
 *   rp_series_create(&(rp_series_desc){.capacity = 1 << 20, .log = {.func = on_log}}, &s);
 *
 * Each create desc has a `log` (rp_log_desc); the object keeps it and reports every failed call
 * on it there, once, where the failure was found, and keeps the same message as its readable
 * last error (rp_series_last_error, rp_figure_last_error, ...). Objects made inside another
 * (a window's renderer, an rp_mqtt's series, rp_render_png's target) report to their maker's.
 * Without a callback (func NULL) nothing is printed, except a failed create: its reason has
 * nowhere else to go, so it is written to stderr ("ringplot: error [ITEM] message").
 * A call on a handle that is not live (NULL, destroyed, another kind of object) has no channel
 * to report to: it returns RP_ERR_INVALID_ARG and the handle's *_last_error names the problem.
 * The callback runs on the thread that made the failing call (for rp_push: the producer) and
 * may not call back into ringplot for the object that reports; message is borrowed for the call.
 * A source (rp_source_*, rp_mqtt_*) reports on its own channel (desc.log, default the figure's):
 * a failed attach or send on the calling thread; everything it meets while running (malformed
 * input, a vanished device, a refused MQTT connection...) on the source's own thread — for MQTT
 * the thread that runs libmosquitto's network loop — one call at a time per source. Make such a
 * callback quick and thread-safe (the source reads nothing while it runs); rp_source_stats_get
 * may be called from it. A repeat of one item within a second is kept, not delivered again.
 * ------------------------------------------------------------------------------------------- */
typedef enum rp_log_level {
    RP_LOG_ERROR = 1,   /* the call failed (it returned a status other than RP_OK) */
    RP_LOG_WARNING = 2, /* the call went on, but something was refused or adjusted */
    RP_LOG_INFO = 3,    /* for the curious (e.g. which GL a renderer got) */
} rp_log_level;

/* Every log item: RP_LOGITEM_<NAME>. The list only grows; a number never changes meaning. */
#define RP_LOG_ITEMS(X)                                                                            \
    X(NONE)              /* 0: no problem (a last error that is empty) */                          \
    X(INVALID_ARGUMENT)  /* a NULL pointer, a value out of range, an inconsistent desc */          \
    X(STALE_HANDLE)      /* a handle argument that is not live: destroyed, or another kind */      \
    X(STALE_SERIES)      /* a figure still shows a series that was destroyed */                    \
    X(TOO_MANY_OBJECTS)  /* the live-object registry is full (RP_MAX_LIVE_OBJECTS) */              \
    X(OUT_OF_MEMORY)     /* an allocation failed */                                                \
    X(LIMIT_EXCEEDED)    /* a name or text too long, too many panels or series */                  \
    X(NOT_FOUND)         /* no such panel, or the series is not in the figure */                   \
    X(ALREADY_PRESENT)   /* the series is already in that panel */                                 \
    X(WRONG_SERIES_KIND) /* rp_push on an irregular series, rp_push_timed on a uniform one */      \
    X(CONCURRENT_PUSH)   /* a push overlapped another push on the same series */                   \
    X(SAMPLES_REJECTED)  /* rp_push_timed: timestamps out of order or not finite (counted) */      \
    X(READ_OVERRUN)      /* a read gave up: the producer overwrote the range repeatedly */         \
    X(BUFFER_TOO_SMALL)  /* the caller's output buffer is too small */                             \
    X(GL_LOAD_FAILED)    /* the GL loader gave no usable entry points */                           \
    X(GL_VERSION)        /* the context is older than OpenGL 3.3 core */                           \
    X(SHADER_COMPILE)    /* a built-in shader failed to compile (message: name + driver log) */    \
    X(PROGRAM_LINK)      /* a built-in program failed to link (message: names + driver log) */     \
    X(GL_ERROR)          /* a GL call failed (buffers, textures, read-back) */                     \
    X(FONT_FAILED)       /* the built-in font could not be baked */                                \
    X(EGL_UNAVAILABLE)   /* no libEGL, no surfaceless platform, or no EGL display */               \
    X(EGL_CONTEXT)       /* no OpenGL 3.3 core context from EGL, or it cannot be made current */   \
    X(FRAMEBUFFER)       /* the offscreen framebuffer is incomplete */                             \
    X(SDL_FAILED)        /* SDL video, the window or its GL context could not be made */           \
    X(PNG_WRITE)         /* a PNG could not be written */                                          \
    X(MQTT_ATTACH)       /* rp_mqtt_attach refused the desc (topic, qos, CA, password file) */     \
    X(RENDERER_READY)    /* info: a renderer was created (message: the GL renderer string) */      \
    X(SOURCE_ATTACH)     /* rp_source_attach refused the desc or could not open the source */      \
    X(RECORD_IO)         /* a recording could not be created, written, synced or read */           \
    X(RECORD_CORRUPT)    /* a recording is not one, or a block failed its checksum */              \
    X(RECORD_LOST)       /* a recorder lost samples: the series overran it, or the disk failed */  \
    /* sources (rp_source_*, rp_mqtt_*): a failed attach, then what a running source meets */      \
    X(SERIAL_OPEN)       /* a serial device cannot be opened or configured (path, rights, baud) */ \
    X(UDP_BIND)          /* a UDP listener cannot resolve its host, make its socket or bind */     \
    X(INPUT_MALFORMED)   /* lines, CSV rows, frames or MQTT payloads refused as malformed */       \
    X(INPUT_OVERSIZED)   /* a datagram or message over the size limit, dropped */                  \
    X(SERIES_REFUSED)    /* samples dropped: a bad or duplicate series name, the limit, memory */  \
    X(TIMESTAMP_REFUSED) /* samples with an absurd timestamp, or older than the series' newest */  \
    X(CLOCK_RESET)       /* info: a device clock went back: a new segment after a gap */           \
    X(SOURCE_READ)       /* a read or poll of the input failed (retrying, or the source ended) */  \
    X(SERIAL_WAITING)    /* info: the serial device is not there (yet): waiting for it */          \
    X(SERIAL_VANISHED)   /* the serial device went away (unplugged): waiting for it to return */   \
    X(SERIAL_BACK)       /* info: the serial device is there again and was (re)opened */           \
    X(SERIAL_NOISE)      /* serial text that is mostly noise: a wrong baud rate? */                \
    X(SEND_REFUSED)      /* rp_source_send: the device is not open, or too much is waiting */      \
    X(MQTT_CONNECT)      /* the broker cannot be reached, refused us or the connection was lost */ \
    X(MQTT_AUTH)         /* the broker refused the user name or password (retrying slowly) */      \
    X(MQTT_SUBSCRIBE)    /* a subscription was refused or could not be sent */                     \
    X(CAPACITY_SHORT)    /* a series made before its rate was known holds less than the span */    \
    X(FRAME_SYNC)     /* binary frames: the sync header was missing, bytes skipped to the next */  \
    X(RATE_GUESSED)   /* an untimed series came too fast to time its first read: guessed rate */   \
    X(PRECISION_LOST) /* a CSV column's values vary by less than float32 keeps at their size */    \
    X(LINES_SKIPPED)  /* lines before a CSV header that are no data (an instrument's preamble) */  \
    X(RATE_MISMATCH)  /* a given rate (--rate) far above the rate its samples arrive at */         \
    X(UNIT_CHANGED)   /* a series' samples came in another unit than its first: names mixed up? */ \
    X(VALUE_INFINITE) /* a series' value beyond float32's range (or inf): kept as ±Inf */         \
    X(SENDERS_MIXED)  /* a series' timestamps come from two UDP senders: their clocks mixed */

typedef enum rp_log_item {
#define RP_LOG_ITEM_ENUM_(name) RP_LOGITEM_##name,
    RP_LOG_ITEMS(RP_LOG_ITEM_ENUM_)
#undef RP_LOG_ITEM_ENUM_
        RP_LOGITEM_COUNT
} rp_log_item;

typedef void (*rp_log_func)(void *user, rp_log_level level, rp_log_item item, const char *message);

typedef struct rp_log_desc {
    rp_log_func func; /* NULL: no callback (see above) */
    void *user;       /* passed back to func; borrowed */
} rp_log_desc;

/* "STALE_HANDLE" for RP_LOGITEM_STALE_HANDLE ("?" beyond the list); static; any thread. */
RP_API const char *rp_log_item_name(rp_log_item item);
/* "error", "warning" or "info"; static; any thread. */
RP_API const char *rp_log_level_name(rp_log_level level);

/* Live handles. Every object made by a create call is entered in a process-wide registry of live
 * objects (the library's one table of its own: bounded, mutex-protected on create and destroy,
 * read without locks), and every call looks its handle up there before touching it, so a
 * destroyed handle is refused without reading the freed memory. A figure remembers which
 * registration of each series it shows, so a series destroyed while still in a figure is caught
 * even when a new series took its address (rendering it fails with RP_LOGITEM_STALE_SERIES).
 * A stale handle you pass yourself is caught unless a new object of the same kind has since been
 * created at the very same address (then it names that object). */
#define RP_MAX_LIVE_OBJECTS 32768 /* beyond: creates fail with RP_ERR_LIMIT (TOO_MANY_OBJECTS) */

/* ---------------------------------------------------------------------------------------------
 * Series store: fixed-memory ring of float32 samples with an incremental min-max pyramid.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_series rp_series;

#define RP_NAME_MAX 64 /* bytes of a series name including the terminating NUL */

/* A caller's float32 buffer that a series reads in place (see rp_series_desc.borrow). */
typedef struct rp_borrow {
    const float *data;   /* borrowed: must outlive the series; NULL = the series owns its ring */
    int64_t offset;      /* slot of the first sample: sample k (k = 0, 1, ... counted from
                             first_index) is read from slot (offset + k) % capacity; default 0 */
    int64_t stride;      /* bytes from one slot to the next (ImPlot's stride: a float inside an
                             array of structs); default sizeof(float); a multiple of 4 */
    int64_t write_ahead; /* slots past the last committed sample that the caller may be filling
                             at any moment: readers never look at the write_ahead oldest slots,
                             so retained = capacity - write_ahead; default capacity / 64 (1 ..
                             65536). Must cover the most the caller writes between commits */
} rp_borrow;

typedef struct rp_series_desc {
    const char *name;     /* copied; default "series"; longer than RP_NAME_MAX-1 → RP_ERR_LIMIT */
    int64_t capacity;     /* samples retained; default 1 << 20; must be >= 1 when set */
    double rate;          /* samples per x unit (e.g. Hz when x is seconds); default 1 */
    double t0;            /* x of sample index 0; default 0 (uniform series only) */
    bool timestamps;      /* timestamped series: each sample carries its x (rp_push_timed),
                             non-decreasing, kept exact to time_resolution */
    int64_t first_index;  /* index of the first sample pushed (resume a stream's numbering); 0 */
    const char *unit;     /* copied; default "" (e.g. "V", "°C"); longer than RP_NAME_MAX-1 →
                             RP_ERR_LIMIT. Axes and read-outs show it */
    int64_t max_segments; /* segments (runs sharing one time base) kept at once. Uniform
                             series (rp_push_segment runs): default capacity / 4096 within
                             64 .. 1024, 32 bytes each. Timestamped series (a new one per 2^32
                             ticks of time): default capacity / 256 + 16, 16 bytes each. Never
                             more than capacity + 1 by default. When full, the oldest segment
                             and its samples expire early (stats.expired_early) */
    double time_resolution; /* timestamped series: x is kept as an integer count of this (x
                             units); default 1e-6 (1 µs when x is seconds). Exact: a timestamp
                             comes back as the nearest double to ticks · time_resolution */
    rp_borrow borrow;       /* borrow.data set: a series over the caller's buffer of `capacity`
                             slots (capacity must be given; uniform series only). The series
                             keeps only its pyramid (≈ 0.34 bytes per sample); samples arrive
                             by rp_series_commit, never rp_push */
    rp_log_desc log;        /* where its failures are reported (see "Log channel"); default none */
} rp_series_desc;

typedef struct rp_series_stats {
    int64_t pushed;       /* samples offered to push (accepted + rejected) */
    int64_t accepted;     /* samples appended (the next sample's index is first_index + accepted) */
    int64_t retained;     /* samples currently held (<= capacity) */
    int64_t expired;      /* accepted samples no longer retained: overwritten by newer ones (by
                             design) or dropped with the oldest segment (expired_early) */
    int64_t rejected;     /* samples refused: out-of-order, non-finite or out-of-range timestamps */
    int64_t bytes;        /* bytes allocated for this series, measured at allocation */
    int64_t read_retries; /* reads that were retried because the producer overran them */
    int64_t expired_early; /* of expired: dropped with the oldest segment when the segment table
                              was full (see rp_series_desc.max_segments) */
    int64_t segments; /* segments live now (1 for a plain uniform series once it has samples) */
    int64_t segments_refused; /* rp_push_segment calls refused (t0 before the last sample) */
} rp_series_stats;

/* Creates a series; all memory is allocated and touched here. desc: NULL or zero fields =
 * defaults; copied. Thread: any; the caller owns the series until rp_series_destroy. */
RP_API rp_status rp_series_create(const rp_series_desc *desc, rp_series **out);
/* Frees the series. No producer, reader or figure may still use it. NULL is ignored. Thread:
 * any, once nothing else uses it (a figure holding it refuses to draw: rp_figure_remove_series
 * first). */
RP_API void rp_series_destroy(rp_series *series);
/* The resolved description (defaults filled in); name borrowed from the series. Thread: any. */
RP_API rp_series_desc rp_series_get_desc(const rp_series *series);
/* The name, borrowed until the series is destroyed. Thread: any. */
RP_API const char *rp_series_name(const rp_series *series);
/* The unit ("" when none), borrowed until the series is destroyed. Thread: any. */
RP_API const char *rp_series_unit(const rp_series *series);
/* Replaces the unit (copied; NULL or "" for none; RP_ERR_INVALID_ARG over RP_NAME_MAX - 1
 * bytes), e.g. from a saved layout. Thread: the one that draws the series, while no other thread
 * reads its unit (the ingest sets a unit only when it creates a series). */
RP_API rp_status rp_series_set_unit(rp_series *series, const char *unit);
/* Why the last failed call on this series failed ("" after none), the message its log callback
 * got; for a handle that is not live, a static sentence saying so. Borrowed until the next failed
 * call on the series (from any thread: read it on the thread that made the call, while no other
 * thread is failing calls on it; the callback sees every message). Thread: any. */
RP_API const char *rp_series_last_error(const rp_series *series);

/* Appends n samples (copied) to a uniform-rate series. NaN marks a gap; ±Inf is kept and drawn
 * at the plot edge. Lock-free, never blocks or allocates. Thread: the series' one producer; the
 * producer may change threads if the hand-over is synchronised. A push that overlaps another push
 * on the same series (two producers) is refused with RP_ERR_WRONG_THREAD and changes nothing. */
RP_API rp_status rp_push(rp_series *series, const float *samples, int64_t n);
/* Appends n samples with their x (copied) to a timestamped series. x is kept as whole ticks of
 * time_resolution (rounded to the nearest): 8 bytes per sample in all with the value (a 64-bit
 * base per segment + a 32-bit offset per sample; a segment ends when its offsets would pass
 * 2^32 ticks, 71.6 min at 1 µs). A timestamp that is not finite, beyond ±9e15 ticks (285 years
 * of µs), or older than the last accepted one rejects that sample (counted) without changing
 * what the next one is compared with, and the rest still go in; returns RP_ERR_OUT_OF_ORDER if
 * any was rejected. Thread: the series' one producer. */
#define RP_TICKS_MAX 9.0e15 /* |x| / time_resolution beyond this is refused */
RP_API rp_status rp_push_timed(rp_series *series, const double *x, const float *samples,
                               int64_t n); /* overlapping pushes: as rp_push */

/* Borrowed series: tells the pyramid that the caller has written the next n samples (indices
 * head .. head + n - 1, slots as rp_borrow says) into its buffer; readers see them from now on.
 * Protocol, all on the series' one producer thread: write samples into the slots after the last
 * committed one (never more than borrow.write_ahead ahead of it), then commit them. Slots of
 * committed samples are not written again until they fall into that write-ahead window; readers
 * never read it, so they never see a half-written sample. n > capacity: RP_ERR_INVALID_ARG.
 * Lock-free, never blocks or allocates. Owned series: RP_ERR_UNSUPPORTED. */
RP_API rp_status rp_series_commit(rp_series *series, int64_t n);

/* Starts a new segment of a uniform series: the next sample pushed gets x = t0, the following
 * ones t0 + k / rate; the series becomes piecewise uniform (e.g. a text stream whose rate is
 * re-estimated, or that falls silent). t0 must be >= the x of the last sample pushed, else
 * RP_ERR_OUT_OF_ORDER (counted in stats.segments_refused; nothing changes). When t0 lies more than 1.5
 * periods of the previous segment after its last sample, the line breaks there (drawn as a gap,
 * like NaN). Calling it again before the next sample replaces the pending segment. A segment
 * that exactly continues the current one (same rate, t0 equal to t0' + (index - first') / rate'
 * of the next sample) adds no segment, so calling it on every batch is free while nothing
 * changes. Segments are kept in a bounded table (rp_series_desc.max_segments). Timestamped series: RP_ERR_UNSUPPORTED.
 * Thread: the series' one producer (overlapping pushes: as rp_push). */
RP_API rp_status rp_push_segment(rp_series *series, double t0, double rate);

/* Counters and memory. Thread: any (values are individually atomic snapshots). */
RP_API rp_series_stats rp_series_stats_get(const rp_series *series);

/* x range [*x_first, *x_last] of the retained samples; RP_ERR_INVALID_ARG when empty.
 * Thread: any reader. */
RP_API rp_status rp_series_x_extent(const rp_series *series, double *x_first, double *x_last);
/* Finite min and max of the samples with x in [x0, x1] (NaN and ±Inf ignored), in O(log N).
 * *found is false (and y untouched) when there is no finite sample there. Thread: any reader. */
RP_API rp_status rp_series_y_range(const rp_series *series, double x0, double x1, float *y_min,
                                   float *y_max, bool *found);
/* The y range a view [x0, x1] draws of the series: rp_series_y_range's, or, with no sample in
 * [x0, x1], the line between the samples either side of it (a view zoomed in between two samples
 * of a slow series), as it crosses x0 and x1. *found is false without samples in view and
 * without such a line (nothing on one side, a NaN there, or a gap between them). Autoscaling
 * uses this. Thread: any reader. */
RP_API rp_status rp_series_view_y_range(const rp_series *series, double x0, double x1, float *y_min,
                                        float *y_max, bool *found);
/* Exact statistics of the samples with x in [x0, x1]. NaN and ±Inf are counted (count - finite;
 * flags say which occurred) and left out of the rest; values are NaN when no sample is finite. */
typedef struct rp_range_stats {
    int64_t count;          /* samples with x in [x0, x1] */
    int64_t finite;         /* of which finite: min .. stddev are over these */
    uint32_t flags;         /* RP_M4_* of the range (NaN, +Inf, -Inf, finite present) */
    double x_first, x_last; /* x of the first and last sample counted (count / span: the rate) */
    double min, max, peak_to_peak;
    double mean, rms;
    double stddev; /* population standard deviation (divides by finite) */
    /* Samples whose moments are still to be summed (a recording's series, or the scroll-back
     * part of a live one, sums at most RP_RECORDING_STATS_SCAN new samples a call and keeps what
     * it summed, block by block): while > 0, finite is -1 and mean, rms and stddev are NaN, and a
     * later call gets further; count, flags, x_first, x_last, min, max and peak_to_peak are exact
     * at once. Always 0 for a range the ring holds. */
    int64_t pending;
} rp_range_stats;
#define RP_RECORDING_STATS_SCAN (1 << 22)
/* Fills *out in O(log N) whatever the range: the pyramid keeps each block's count, mean and
 * sum of squared deviations (double), merged exactly; only the ends (< 2048 samples each) are
 * summed sample by sample. Thread: any reader, concurrently with the producer. A recording's
 * series (rp_recording_series): count, min and max from the file's summaries at once; the
 * moments of each 16384-sample block summed the first time a range needs them and kept, at most
 * RP_RECORDING_STATS_SCAN new samples a call (see `pending`); the recording's thread. With
 * scroll-back (rp_recorder_desc.scroll_back), on the thread that added the series, the part of
 * the range older than the ring is taken from the recording in the same way and merged. */
RP_API rp_status rp_series_range_stats(const rp_series *series, double x0, double x1,
                                       rp_range_stats *out);
/* Value and x of the retained sample nearest to x (for crosshair read-outs). Thread: any reader. */
RP_API rp_status rp_series_sample_near(const rp_series *series, double x, int64_t *index,
                                       double *sample_x, float *value);
/* Copies the newest min(n, retained) samples, oldest first, into out (n floats, the caller's);
 * how many in *got; the x of the first and last copied in *x_first / *x_last (each may be NULL;
 * untouched when none was copied). Never allocates. Thread: any reader, concurrently with the
 * producer. */
RP_API rp_status rp_series_copy_latest(const rp_series *series, float *out, int64_t n, int64_t *got,
                                       double *x_first, double *x_last);
/* Copies up to n samples ending with the last one whose x <= x (x = +Inf: the newest), oldest
 * first, into out (n floats, the caller's): the samples at a place in the past, as views that
 * follow a paused or panned figure need (spectrum and trigger panels). Read from the ring and,
 * with scroll-back (rp_recorder_desc.scroll_back) on the thread that added the series, from the
 * recording beyond it; from the file for a recording's series. *got: how many, fewer than n when
 * fewer are held contiguously before that point, 0 when that point itself is not held (before
 * the first sample kept, or in a hole not yet flushed); *x_first / *x_last (may be NULL) as
 * rp_series_copy_latest. Never allocates. Thread: any reader (the history: as above). */
RP_API rp_status rp_series_copy_ending_at(const rp_series *series, double x, float *out, int64_t n,
                                          int64_t *got, double *x_first, double *x_last);

/* ---------------------------------------------------------------------------------------------
 * Decimation (M4): per pixel column the first, min, max and last sample, in time order.
 * ------------------------------------------------------------------------------------------- */
enum {
    RP_M4_NAN = 1u << 0,     /* the column contains at least one NaN: a gap */
    RP_M4_POS_INF = 1u << 1, /* the column contains +Inf (draw to the top edge) */
    RP_M4_NEG_INF = 1u << 2, /* the column contains -Inf (draw to the bottom edge) */
    RP_M4_FINITE = 1u << 3,  /* the column has at least one finite sample (min/max valid) */
    RP_M4_GAP = 1u << 4,     /* a segment gap precedes this entry: do not join it to the left.
                                Raw mode: an entry of its own (no sample: start == end, first
                                and last NaN, x mid-gap). Column mode / after: `first` is NaN
                                (first_i still names the sample), so a drawer that breaks at a NaN
                                first draws the gap without knowing this flag */
};

typedef struct rp_m4 {
    int64_t start, end;      /* sample indices [start, end) that fell in this column */
    int64_t first_i, last_i; /* index of the first and last sample (-1 when empty) */
    int64_t min_i, max_i;    /* index of the first finite min / max (-1 without RP_M4_FINITE) */
    double first_x, last_x;  /* x of those samples */
    double min_x, max_x;
    float first, last; /* raw values (may be NaN or ±Inf) */
    float min, max;    /* finite min and max (valid with RP_M4_FINITE) */
    uint32_t flags;    /* RP_M4_* */
} rp_m4;

typedef struct rp_decimation {
    /* in: */
    rp_m4 *out;              /* caller's buffer; borrowed for the call */
    int out_capacity;        /* entries available; width + 2 is always enough */
    bool skip_extreme_index; /* true: column-mode min_i/max_i = -1 and min_x/max_x = the column
                                middle, which saves descending the pyramid (~1/3 of the time);
                                for drawers that place min and max by column, not by sample */
    /* out: */
    int count;            /* entries written */
    bool raw;             /* true: each entry is one raw sample (the range held <= width samples) */
    double column_dx;     /* x width of one column (0 in raw mode) */
    int64_t first_column; /* grid number of out[0] (column k covers x from k·column_dx) */
    bool has_before;      /* before/after: the retained sample just outside the entries, */
    bool has_after;       /* so a line can be drawn to the plot edge */
    rp_m4 before, after;
    int64_t head;   /* accepted count when the query ran */
    int64_t oldest; /* oldest index the query could use */
} rp_decimation;

/* Decimates the samples with x in [x0, x1] to `width` columns (width >= 1, x1 > x0).
 * Columns lie on a grid of width column_dx = (x1 - x0) / width anchored at x = t0 (uniform) or
 * x = 0 (irregular), so the first and last column may extend slightly past x0 / x1; empty
 * columns come back with start == end. When the range holds no more than `width` samples the raw
 * samples come back instead (raw = true). Thread: any reader, concurrently with the producer. */
RP_API rp_status rp_decimate(const rp_series *series, double x0, double x1, int width,
                             rp_decimation *result);

/* ---------------------------------------------------------------------------------------------
 * Figure: what to draw — a vertical stack of panels sharing one x range. Pure data, no GL.
 * A figure borrows its series: each must outlive the figure (or be removed first).
 * Every rp_figure_* call belongs to the thread that owns the figure (usually the render thread).
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_figure rp_figure;

typedef struct rp_color {
    float r, g, b, a;
} rp_color; /* straight alpha, 0..1 */

typedef enum rp_theme {
    RP_THEME_DEFAULT = 0,
    RP_THEME_DARK = RP_THEME_DEFAULT,
    RP_THEME_LIGHT
} rp_theme;

typedef enum rp_x_axis {
    RP_X_AXIS_DEFAULT = 0,
    RP_X_AXIS_NUMBER = RP_X_AXIS_DEFAULT, /* plain numbers */
    RP_X_AXIS_TIME,       /* x is seconds: labels in s, ms, µs relative to the view */
    RP_X_AXIS_WALL_CLOCK, /* x is Unix seconds: HH:MM:SS, with the date when needed */
} rp_x_axis;

#define RP_MAX_PANELS 16
#define RP_MAX_SERIES_PER_PANEL 32
#define RP_PALETTE_SIZE 8

/* Sample markers: a filled dot (twice the line width + 2 px across) at each sample of a view
 * zoomed in to single samples (at most one a pixel column; denser views draw the columns'
 * extents, where a dot would hide the trace).
 *   AUTO  when the samples in view are at least RP_MARKER_SPACING_PX apart on average, and
 *         always at a sample with no line to either neighbour (between gaps, or alone)
 *   ON    at every sample whenever single samples are drawn
 *   OFF   never: lines only */
typedef enum rp_markers { RP_MARKERS_AUTO = 0, RP_MARKERS_ON, RP_MARKERS_OFF } rp_markers;
#define RP_MARKER_SPACING_PX 10.0

typedef struct rp_figure_desc {
    const char *title;     /* copied; default none */
    const char *x_label;   /* copied; default none ("time" axes add their unit) */
    rp_theme theme;        /* default dark */
    rp_x_axis x_axis;      /* default numbers */
    bool wall_clock_local; /* RP_X_AXIS_WALL_CLOCK in local time (default UTC) */
    float line_width;      /* px at scale 1; default 1.5 */
    bool hide_legend;      /* default: legend shown */
    bool hide_grid;        /* default: grid shown */
    rp_log_desc log;       /* where its failures are reported (see "Log channel"); default none */
    rp_markers markers;    /* dots at the samples (rp_markers); default AUTO */
} rp_figure_desc;

/* A panel's y scale. LOG: decades; values <= 0 have no place and are drawn at the bottom edge
 * (autoscale then reaches 6 decades below the largest value). SYMLOG: linear within
 * ±threshold, logarithmic beyond, through zero: for data of both signs spanning decades. */
typedef enum rp_y_scale { RP_Y_LINEAR = 0, RP_Y_LOG, RP_Y_SYMLOG } rp_y_scale;

typedef struct rp_panel_desc {
    const char *title;   /* copied; default none */
    const char *y_label; /* copied; default none */
    bool fixed_y;        /* true: use y_min..y_max; default false = autoscale with headroom */
    double y_min, y_max;
    rp_y_scale y_scale;      /* default linear */
    double symlog_threshold; /* RP_Y_SYMLOG: the linear part is ±this; default 1 */
} rp_panel_desc;

typedef struct rp_series_style {
    const char *label; /* copied; default the series name */
    rp_color color;    /* a == 0 → next colour of the figure's palette: the 8 colour-blind-
                               safe ones, 56 more chosen far from those before them, then all 64
                               again with lines twice as wide */
    float line_width;  /* px at scale 1; 0 → the figure's */
    int y_axis;        /* 0: the panel's left y axis (default); 1: its right y axis, with its
                               own view (autoscaled or fixed) and ticks on the right */
} rp_series_style;

/* Creates an empty figure. desc: NULL or zero fields = defaults; strings copied. Thread: any; the
 * caller owns it until rp_figure_destroy, and it then belongs to the thread that draws it. */
RP_API rp_status rp_figure_create(const rp_figure_desc *desc, rp_figure **out);
/* Frees the figure (its series are not touched). NULL and stale handles are ignored. */
RP_API void rp_figure_destroy(rp_figure *figure);
/* Why the last failed call on this figure failed ("" after none): the message its log callback
 * got (rp_render_png's and rp_mqtt_attach's failures too); for a handle that is not live, a
 * static sentence saying so. Borrowed until the next failed call on it. */
RP_API const char *rp_figure_last_error(const rp_figure *figure);
/* The resolved description; strings borrowed from the figure until it is destroyed. */
RP_API rp_figure_desc rp_figure_get_desc(const rp_figure *figure);
/* Adds a panel at the bottom of the stack (desc copied, may be NULL); its 0-based number goes to
 * *panel (may be NULL). RP_ERR_LIMIT beyond RP_MAX_PANELS. */
RP_API rp_status rp_figure_add_panel(rp_figure *figure, const rp_panel_desc *desc, int *panel);
/* Number of panels (0 for an invalid figure). */
RP_API int rp_figure_panel_count(const rp_figure *figure);
/* Shows `series` (borrowed: it must outlive the figure or be removed) in `panel`; style copied,
 * may be NULL. RP_ERR_LIMIT beyond RP_MAX_SERIES_PER_PANEL. */
RP_API rp_status rp_figure_add_series(rp_figure *figure, int panel, rp_series *series,
                                      const rp_series_style *style);
/* The index-th series shown in `panel` (borrowed), NULL past the last. Thread: the figure's. */
RP_API rp_series *rp_figure_panel_series(const rp_figure *figure, int panel, int index);
/* Removes the series from every panel, and removes every spectrum, trigger or XY panel made of
 * it (the panels after such a panel move up one); the series itself is not touched (it may be
 * destroyed already: only its address is compared). RP_ERR_INVALID_ARG (NOT_FOUND) when the
 * figure does not show it. Thread: the figure's. */
RP_API rp_status rp_figure_remove_series(rp_figure *figure, rp_series *series);
/* Hides or shows the series everywhere (its legend entry stays, dimmed). */
RP_API rp_status rp_figure_set_series_visible(rp_figure *figure, rp_series *series, bool visible);
RP_API bool rp_figure_series_visible(const rp_figure *figure, const rp_series *series);

/* ---- Spectrum panels ----------------------------------------------------------------------
 * A spectrum panel shows the magnitude spectrum (FFTW3, single precision) of the newest `size`
 * samples of one series: windowed, |X| scaled so that a sine of amplitude A reads 20·log10(A)
 * dB at its peak, optionally averaged over frames, with the peak's frequency and level read out.
 * Its x axis is frequency in cycles per x unit (Hz when x is seconds), linear or log, drawn
 * under the panel's plot (a part of it: freq_min/max); the other panels keep the shared time
 * axis. The sample rate is measured from the x of the block (so it follows rp_push_segment rate
 * changes and timestamped series). The FFT plan and every buffer are made when the panel is
 * added; a frame only computes, and only when the series has new samples. */
typedef enum rp_fft_window {
    RP_WINDOW_HANN = 0,        /* default: general purpose */
    RP_WINDOW_BLACKMAN_HARRIS, /* 4-term, -92 dB side lobes: weak tones next to strong ones */
    RP_WINDOW_FLAT_TOP,        /* amplitude within 0.05 dB anywhere between bins; wide peaks */
    RP_WINDOW_COUNT
} rp_fft_window;

typedef struct rp_spectrum_desc {
    int size;              /* samples per transform, 16 .. 1 << 22; default 4096 */
    rp_fft_window window;  /* default Hann */
    double averaging;      /* exponential averaging of power, 0 (none, default) .. 0.99: each new
                               block counts (1 - averaging) */
    bool log_frequency;    /* x axis log10 (from the first bin); default linear from 0 */
    double db_min, db_max; /* fixed dB view when db_min < db_max; default autoscale: from the
                               first multiple of 10 dB at least 9.5 dB above the loudest bin
                               down 110 dB */
    const char *title;     /* copied; default "spectrum of NAME" */
    int waterfall;         /* waterfall (spectrogram): the last `waterfall` spectra as a colour
                               image scrolling down under the curve (newest at the top, dB over
                               the curve's view), 0 (default) none .. RP_SPECTRUM_MAX_WATERFALL.
                               Its memory (waterfall × (size/2 + 1) × 2 bytes) is made when the
                               panel is added; rp_figure_set_spectrum can hide it (0) or show up
                               to that many rows */
    double freq_min, freq_max; /* frequency view (x units⁻¹: Hz when x is seconds) when
                               freq_min < freq_max, kept within 0 .. half the sample rate (a
                               log axis starts at the first bin); default 0, 0: the whole axis.
                               rp_figure_view_zoom / _pan / _reset change it */
} rp_spectrum_desc;
#define RP_SPECTRUM_MAX_WATERFALL 1024

/* The state of a spectrum panel after its last computation. */
typedef struct rp_spectrum_peak {
    double frequency; /* of the peak: the loudest bin past DC and the window's leakage of
                               DC (the bins falling away from bin 0), refined by the power-
                               weighted centre of the window's main lobe (within 1/100 of a
                               bin); per x unit */
    double db;        /* its bin's level, dB re 1 unit of amplitude (no interpolation: the
                               window's scalloping loss, up to 1.42 dB for Hann half way between
                               bins, stays; flat-top reads within 0.05 dB) */
    int bin;          /* the highest bin (0 .. size/2) */
    double rate;      /* samples per x unit, measured over the block */
    int64_t computed; /* transforms computed so far (0: not enough samples yet) */
    bool at_view_end; /* the last update read the `size` samples ending at the figure's view's
                         right edge (the figure does not follow live: paused, panned, a replay;
                         or the series is a recording's); false: the newest samples (live) */
    double x_end;     /* x of the last sample of the block shown (at the view's end: where it is) */
    int64_t held;     /* samples in the last block; below size where no more will come into it
                         (the view's end, or following with span 0: a file shown whole), the
                         spectrum is of those, windowed over their length and zero-padded to
                         size; below 16 nothing is shown (rp_figure_spectrum_db: NULL). While
                         following a live window (span > 0) nothing is shown below size */
} rp_spectrum_peak;

/* Adds a spectrum panel of `series` (borrowed, like rp_figure_add_series) at the bottom of the
 * stack; desc copied, may be NULL; its number to *panel (may be NULL). Allocates its buffers and
 * plans the FFT here (FFTW_ESTIMATE: fast to plan). RP_ERR_INVALID_ARG for a bad size, window or
 * averaging; RP_ERR_LIMIT beyond RP_MAX_PANELS. Thread: the figure's. */
RP_API rp_status rp_figure_add_spectrum_panel(rp_figure *figure, rp_series *series,
                                              const rp_spectrum_desc *desc, int *panel);
/* Changes window, averaging, log_frequency, the dB view, the frequency view and the waterfall
 * rows shown of a spectrum panel (size and title stay; the average restarts when the window
 * changes).
 * RP_ERR_INVALID_ARG for another panel, or more waterfall rows than were made. */
RP_API rp_status rp_figure_set_spectrum(rp_figure *figure, int panel, const rp_spectrum_desc *desc);
/* The panel's current description (size, window, ...); zeroed for a panel that is no spectrum. */
RP_API rp_spectrum_desc rp_figure_spectrum_desc(const rp_figure *figure, int panel);
/* Computes the spectrum now if its block changed (every frame does this before it draws; call it
 * yourself without a renderer) and reads the peak out. The block follows the figure's view: the
 * newest `size` samples while the figure follows live (rp_figure_follow); otherwise the `size`
 * samples ending at the view's right edge (rp_figure_set_x_view: paused, panned, a replay's
 * playhead), read where they live (the ring, the scroll-back recording, a recording's file; as
 * rp_series_copy_ending_at). Averaging goes on live and while that end moves forward by at most
 * 8 blocks; any other move starts it afresh. Never allocates. RP_ERR_INVALID_ARG for a panel that
 * is no spectrum. Thread: the figure's. */
RP_API rp_status rp_figure_spectrum_update(rp_figure *figure, int panel, rp_spectrum_peak *peak);
/* The magnitudes in dB of the last computation, bins 0 .. size/2 (size/2 + 1 values), borrowed
 * until the next update; NULL before the first, and while the block has too few samples
 * (peak.held: under size following a live window, under 16 elsewhere). *bins gets the count,
 * *bin_width its width. */
RP_API const float *rp_figure_spectrum_db(const rp_figure *figure, int panel, int *bins,
                                          double *bin_width);
/* Name of a window ("hann", "blackman-harris", "flat-top"); parse with rp_fft_window_parse
 * (false for an unknown name). Any thread. */
RP_API const char *rp_fft_window_name(rp_fft_window window);
RP_API bool rp_fft_window_parse(const char *name, rp_fft_window *out);

/* ---- Trigger panels (oscilloscope) ----------------------------------------------------------
 * A trigger panel shows one sweep of a series aligned on a trigger: the sample where the signal
 * crosses `level` on the chosen edge, after having been beyond level ∓ hysteresis (so noise on
 * the level does not re-trigger). The sweep holds `sweep` samples, pre_trigger of them before
 * the trigger sample; its x axis is time from the trigger (drawn under the panel's plot; a window
 * into it: time_min/max). Every sample is examined once, in order, across frames; buffers are
 * made when the panel is added. */
typedef enum rp_trigger_edge { RP_TRIGGER_RISING = 0, RP_TRIGGER_FALLING } rp_trigger_edge;
typedef enum rp_trigger_mode {
    RP_TRIGGER_AUTO = 0, /* triggered sweeps; without a trigger for 2 sweeps, the newest samples
                              free-running (marked untriggered) */
    RP_TRIGGER_NORMAL,   /* triggered sweeps only: the last one stays until the next */
    RP_TRIGGER_SINGLE    /* the first triggered sweep, then stopped until rp_figure_trigger_rearm */
} rp_trigger_mode;

typedef struct rp_trigger_desc {
    int sweep;                 /* samples per sweep, 16 .. 1 << 20; default 1000 */
    rp_trigger_edge edge;      /* default rising */
    double level;              /* default 0 */
    double hysteresis;         /* >= 0; default 0 */
    double pre_trigger;        /* fraction of the sweep before the trigger sample, 0 .. 0.95;
                               default 0 (the trigger at the left edge) */
    int64_t holdoff;           /* samples after a trigger before the next may fire; default 0 */
    rp_trigger_mode mode;      /* default auto */
    const char *title;         /* copied; default "trigger on NAME" */
    int persistence;           /* persistence: the previous triggered sweeps drawn fading behind the
                             newest, 0 (default) .. RP_TRIGGER_MAX_PERSISTENCE. Their memory
                             (persistence × sweep floats) is made when the panel is added;
                             rp_figure_set_trigger may change it up to that number */
    double time_min, time_max; /* the part of the sweep shown, in x units from the trigger
                             (seconds when x is seconds), when time_min < time_max, kept within
                             the sweep; default 0, 0: the whole sweep. rp_figure_view_zoom /
                             _pan / _reset change it */
} rp_trigger_desc;
#define RP_TRIGGER_MAX_PERSISTENCE 32

typedef struct rp_trigger_state {
    int64_t sweeps;        /* triggers fired so far (each one a sweep) */
    int64_t trigger_index; /* series index of the shown sweep's trigger sample; -1: none */
    int64_t first_index;   /* series index of the shown sweep's first sample; -1: no sweep */
    bool triggered;        /* false: auto's free-running sweep (or none yet) */
    bool stopped;          /* single mode after its sweep */
    double rate;           /* samples per x unit, measured over the samples read (held while
                              a new measure is within 0.1 % of it: a steady time axis) */
    int64_t missed;        /* samples never examined (the producer overwrote them first) */
    bool at_view_end;      /* the figure does not follow live (paused, panned, a replay) or the
                              series is a recording's: the sweep shown is the newest trigger whose
                              sweep ends at or before the view's right edge (trigger_index and
                              first_index are its), found by searching back from there; sweeps,
                              stopped and missed are still the live scan's */
    int64_t searched;      /* at the view's end: samples searched back (at most
                              RP_TRIGGER_SEARCH_SAMPLES, or 4 sweeps when more); no sweep shown
                              (NORMAL, SINGLE) or an untriggered one (AUTO): none in those */
    double x_end;          /* at the view's end: x of the last sample at or before it */
    bool waiting;          /* single mode armed (entered, or rp_figure_trigger_rearm) and no sweep
                              captured since: the one shown, if any, is from before */
    bool behind;           /* the live scan has samples left to examine up to the newest (an
                              update examines at most 64 blocks of 4 sweeps: a file shown
                              whole, a burst): the next updates go on, and the sweep shown is
                              not the newest yet (rp_render_png updates until it is) */
} rp_trigger_state;
/* How far a trigger panel searches back from the view's end for a trigger (samples). */
#define RP_TRIGGER_SEARCH_SAMPLES (1 << 20)

/* Adds a trigger panel on `series` (borrowed) at the bottom of the stack; desc copied, may be
 * NULL. RP_ERR_INVALID_ARG for a bad sweep, pre_trigger, hysteresis or holdoff. Thread: the
 * figure's. */
RP_API rp_status rp_figure_add_trigger_panel(rp_figure *figure, rp_series *series,
                                             const rp_trigger_desc *desc, int *panel);
/* Examines the samples that arrived since the last call (every frame does this before it
 * draws) and reports the state. While the figure does not follow live (rp_figure_set_x_view:
 * paused, panned, a replay's playhead) or the series is a recording's, the panel shows instead
 * the newest trigger whose sweep ends at or before the view's right edge, searched back from
 * there (windows of 4, 8, 16 ... sweeps, each scanned in order, up to RP_TRIGGER_SEARCH_SAMPLES)
 * each time that end moves, with the persistence's triggers before it, read where the samples
 * live (ring, scroll-back file, recording); AUTO without one there shows the sweep ending there,
 * untriggered. The live scan goes on meanwhile (sweeps counted), and its sweep is shown again
 * when the figure follows live. Never allocates. Thread: the figure's. */
RP_API rp_status rp_figure_trigger_update(rp_figure *figure, int panel, rp_trigger_state *state);
/* The shown sweep (`sweep` values; *n gets the count), borrowed until the next update; NULL
 * before the first. */
RP_API const float *rp_figure_trigger_sweep(const rp_figure *figure, int panel, int *n);
/* Single mode: arm again: the first trigger among the samples that arrive from now on is
 * captured. Other modes: the scan continues from the newest sample. */
RP_API rp_status rp_figure_trigger_rearm(rp_figure *figure, int panel);
/* Changes edge, level, hysteresis, pre_trigger, holdoff, mode, persistence and the time window
 * (sweep and title stay); switching to single arms it; a new time window alone changes nothing
 * else (the trigger stays armed). RP_ERR_INVALID_ARG for a bad value or another panel. */
RP_API rp_status rp_figure_set_trigger(rp_figure *figure, int panel, const rp_trigger_desc *desc);
/* The panel's description (title borrowed); zeroed for a panel that is no trigger panel. */
RP_API rp_trigger_desc rp_figure_trigger_desc(const rp_figure *figure, int panel);
/* The k-th triggered sweep before the shown one (k = 0: the one just before), kept for
 * persistence (`sweep` values; *n gets the count), borrowed until the next update; NULL beyond
 * those kept (at most desc.persistence, and only sweeps that fired since the panel was added or
 * its trigger last changed). Thread: the figure's. */
RP_API const float *rp_figure_trigger_history(const rp_figure *figure, int panel, int k, int *n);

/* ---- XY panels --------------------------------------------------------------------------------
 * An XY panel draws one series against another over the visible x window (a Lissajous figure, a
 * 2-D position): each sample of the X series is paired with the Y series' sample nearest in x
 * (for two uniform series of equal rate and start, the sample of the same index; for Teleplot's
 * `|xy`, the same timestamp), consecutive pairs joined by a line, newer points brighter.
 * Decimation: the pairs are rasterised on the CPU into a grid of the plot's pixels that keeps, per
 * pixel, the x (time) of the newest pair that lit it; the frame turns the grid into an 8-bit
 * image (brightness by age) drawn as one texture. While the window only moves forward (live),
 * a frame rasterises only the pairs that arrived since the last one (O(new samples)) and pixels
 * last lit before the window's start go dark; a window that moves back, a zoom, a new axis range
 * or a resize rebuilds the grid once from the samples in the window (O(samples in view)). The
 * image costs O(plot pixels) per frame, 4 + 1 bytes per pixel, whatever the samples. */
typedef struct rp_xy_desc {
    double fade;               /* x units (s) for a point to fade from full brightness to its
                                  floor (20 %); 0 (default): the visible window's span */
    bool equal_aspect;         /* one unit is as many pixels on both axes (a circle stays round) */
    double x_min, x_max;       /* fixed horizontal range when x_min < x_max; default autoscale */
    double y_min, y_max;       /* fixed vertical range when y_min < y_max; default autoscale */
    const char *title;         /* copied; default "Y against X" (the series' names) */
    int64_t samples_per_frame; /* most X samples a frame pairs and rasterises; default 1 << 18.
                                  A rebuild over more fills in over several frames, oldest
                                  first, so a zoom or pan never stalls a frame */
} rp_xy_desc;

/* What an XY panel has done (counters since it was added). */
typedef struct rp_xy_state {
    int64_t pairs;      /* pairs rasterised, incremental and rebuilds together */
    int64_t rebuilds;   /* times the grid was rebuilt from the window's samples */
    double x0, x1;      /* the horizontal (X series) range drawn */
    double y0, y1;      /* the vertical (Y series) range drawn */
    int64_t lit_pixels; /* pixels lit in the last image */
    bool filling;       /* the grid has not reached the window's end yet (samples_per_frame) */
} rp_xy_state;

/* Adds an XY panel of y against x (both borrowed, like rp_figure_add_series) at the bottom of the
 * stack; desc copied, may be NULL; its number to *panel (may be NULL). The grid is allocated at
 * the first frame and again only when the plot grows. RP_ERR_INVALID_ARG for a bad fade or range.
 * Thread: the figure's. */
RP_API rp_status rp_figure_add_xy_panel(rp_figure *figure, rp_series *x, rp_series *y,
                                        const rp_xy_desc *desc, int *panel);
/* Changes fade, equal_aspect, the ranges and samples_per_frame (title stays); desc copied.
 * RP_ERR_INVALID_ARG for another panel or a bad value. Thread: the figure's. */
RP_API rp_status rp_figure_set_xy(rp_figure *figure, int panel, const rp_xy_desc *desc);
/* The panel's description (title borrowed from the figure); zeroed for a panel that is no XY
 * panel. Thread: the figure's. */
RP_API rp_xy_desc rp_figure_xy_desc(const rp_figure *figure, int panel);
/* Counters and the ranges of the last frame (copied); zeroed for a panel that is no XY panel.
 * Thread: the figure's. */
RP_API rp_xy_state rp_figure_xy_state(const rp_figure *figure, int panel);

/* ---- The own axes of spectrum, trigger and XY panels (what the viewer's wheel and drag do) ----
 * These panels' x axes are not the shared time axis: a frequency axis, the sweep's time from the
 * trigger, the X series. Zoom and pan them here (or set the desc fields yourself):
 *   spectrum  x: rp_spectrum_desc.freq_min/max (within 0 .. half the sample rate; a log axis
 *             zooms and pans by factors); y: the dB view, rp_spectrum_desc.db_min/max
 *   trigger   x: rp_trigger_desc.time_min/max (within the sweep); y: the panel's y view
 *             (rp_figure_set_y_view)
 *   XY        x, y: rp_xy_desc.x_min/max, y_min/max (fixed from then on: autoscale off)
 * rp_figure_view_zoom scales the axes by factor_x and factor_y (< 1 zooms in, 1 leaves an axis
 * alone) around the point at fractions (u, v) of the plot (0, 0: bottom-left; 1, 1: top-right);
 * rp_figure_view_pan moves the view by du plot widths and dv plot heights (positive: towards
 * higher values); rp_figure_view_reset returns both axes to the whole range, autoscaled. A view
 * zoomed out past the whole range is the whole range. RP_ERR_INVALID_ARG for a time panel or a
 * bad argument; RP_ERR_UNSUPPORTED before the panel's first computation (no sample rate yet:
 * spectrum and trigger). Thread: the figure's. */
RP_API rp_status rp_figure_view_zoom(rp_figure *figure, int panel, double u, double v,
                                     double factor_x, double factor_y);
RP_API rp_status rp_figure_view_pan(rp_figure *figure, int panel, double du, double dv);
RP_API rp_status rp_figure_view_reset(rp_figure *figure, int panel);

/* The x view. Follow mode (the default): the view ends at the newest sample of all series and
 * spans `span` x units (0 = everything retained). A fixed view [x0, x1] stays where it is put. */
RP_API rp_status rp_figure_follow(rp_figure *figure, double span);
RP_API rp_status rp_figure_set_x_view(rp_figure *figure, double x0, double x1);
RP_API bool rp_figure_following(const rp_figure *figure); /* true in follow mode */
/* The x view the next frame will use (resolves follow mode against the series now). */
RP_API rp_status rp_figure_x_view(const rp_figure *figure, double *x0, double *x1);
/* A panel's y view: fixed, or autoscaled to the visible data (with 5 % headroom). While the figure
 * follows live, an autoscaled linear axis holds still until a sample would leave it (it grows,
 * 10 % of the data's span more) or the data would fill under 60 % of it (it fits again): a live
 * plot does not rescale on every new extreme. rp_figure_autoscale_y fits it at once. */
RP_API rp_status rp_figure_set_y_view(rp_figure *figure, int panel, double y0, double y1);
RP_API rp_status rp_figure_autoscale_y(rp_figure *figure, int panel); /* back to autoscale */
/* The next frame is drawn as if it were the first of its view: every autoscaled y view fits the
 * data in view (a live view lets go of the range it held) and every automatic legend corner is
 * chosen afresh; fixed views and corners the user chose stay. Call it before a frame whose picture
 * must depend on the data alone, not on which frames came before it (the viewer does, before the
 * last frame of a run: the one --png writes). Thread: the figure's. */
RP_API rp_status rp_figure_refit(rp_figure *figure);
/* The right y axis of a panel (series with style.y_axis = 1): fixed view, back to autoscale,
 * the view the next frame will use (RP_ERR_INVALID_ARG when the panel has no right series). The
 * panel's y scale applies to both axes. */
RP_API rp_status rp_figure_set_y2_view(rp_figure *figure, int panel, double y0, double y1);
RP_API rp_status rp_figure_autoscale_y2(rp_figure *figure, int panel);
RP_API rp_status rp_figure_y2_view(const rp_figure *figure, int panel, double *y0, double *y1);
/* Moves a series to the left (0) or right (1) y axis of its panel. */
RP_API rp_status rp_figure_set_series_y_axis(rp_figure *figure, rp_series *series, int y_axis);
/* A panel's y scale (threshold: SYMLOG's linear part, 0 = 1). A fixed y view that the new scale
 * cannot show (a log view reaching 0 or below) returns to autoscale. A spectrum (dB: a log scale
 * already), trigger or XY panel is linear only: another scale is RP_ERR_UNSUPPORTED, said. */
RP_API rp_status rp_figure_set_y_scale(rp_figure *figure, int panel, rp_y_scale scale,
                                       double threshold);
RP_API rp_y_scale rp_figure_y_scale(const rp_figure *figure, int panel);
RP_API rp_status rp_figure_y_view(const rp_figure *figure, int panel, double *y0, double *y1);

/* Crosshair at viewport px (as rp_renderer_hit_test): the next frames draw a vertical line there
 * and each visible series' value at that x. NAN hides it. */
RP_API rp_status rp_figure_set_crosshair(rp_figure *figure, float px, float py);
/* A zoom box (rubber band) between viewport px (x0, y0) and (x1, y1) (as the crosshair): the
 * next frames draw it, a translucent fill and an outline, clipped to the plot of the panel under
 * (x0, y0). NAN in any coordinate hides it. Drawing only: the zoom itself is
 * rp_figure_set_x_view (and rp_figure_set_y_view) of the data the box covers. */
RP_API rp_status rp_figure_set_zoom_box(rp_figure *figure, float x0, float y0, float x1, float y1);
/* Text drawn in a box at the top-left of the figure, lines separated by '\n' (e.g. a HUD with
 * fps and counters). Copied (up to 1023 bytes); NULL or "" hides it. */
RP_API rp_status rp_figure_set_overlay(rp_figure *figure, const char *text);
#define RP_FIGURE_PLACEHOLDER_MAX 256 /* bytes of rp_figure_set_placeholder's text, with the NUL */
/* One line centred over the plot area (the panels' plots; the whole figure under the overlay
 * when it has no panel) while there is nothing to plot: "waiting for data on stdin". Copied (cut
 * to RP_FIGURE_PLACEHOLDER_MAX - 1 bytes); NULL or "" hides it. */
RP_API rp_status rp_figure_set_placeholder(rp_figure *figure, const char *text);
#define RP_FIGURE_BADGE_MAX 48    /* bytes of rp_figure_set_badge's text, with the NUL */
#define RP_FIGURE_MESSAGE_MAX 160 /* bytes of rp_figure_set_message's text, with the NUL */
/* A status word that stays (e.g. "PAUSED", "PLAYING 4x"), drawn as a small filled tag at the
 * right end of the first time panel's header row (inside the top plot's top-right corner when no
 * time panel has a header). One line, copied (up to RP_FIGURE_BADGE_MAX - 1 bytes, cut at a
 * whole UTF-8 character); NULL or "" hides it. Thread: the figure's. */
RP_API rp_status rp_figure_set_badge(rp_figure *figure, const char *text);
/* A short message drawn in a box left of the badge, readable on both themes (e.g. what a key did,
 * or why it did nothing). It stays until replaced or cleared: an app shows it for a while and
 * then passes NULL. One line, copied (up to RP_FIGURE_MESSAGE_MAX - 1 bytes). */
RP_API rp_status rp_figure_set_message(rp_figure *figure, const char *text);
/* A replay's timeline: a bar in a band of its own under the plots standing for [x0, x1] (e.g. a
 * recording's extent), filled up to the playhead. x1 <= x0 or NAN hides it. A renderer's hit test
 * on it (or just beside it) answers RP_HIT_TIMELINE with the x it stands for there, clamped to
 * [x0, x1]: where a click or a drag puts the playhead; rp_frame_layout.timeline is the bar. */
RP_API rp_status rp_figure_set_timeline(rp_figure *figure, double x0, double x1, double playhead);

/* Where a panel's legend goes. AUTO (the default) picks the corner that covers the least data
 * when the layout changes (size, series, labels, going live) and keeps it while the data
 * scrolls; a time panel following live prefers the left corners, off its newest samples. */
typedef enum rp_legend_place {
    RP_LEGEND_AUTO = 0,
    RP_LEGEND_TOP_RIGHT,
    RP_LEGEND_TOP_LEFT,
    RP_LEGEND_BOTTOM_RIGHT,
    RP_LEGEND_BOTTOM_LEFT,
} rp_legend_place;
/* Sample markers of every series of the figure (rp_markers; rp_figure_get_desc reads them back). */
RP_API rp_status rp_figure_set_markers(rp_figure *figure, rp_markers markers);
/* The kind of x axis from the next frame on (rp_x_axis; rp_figure_get_desc reads it back): e.g.
 * RP_X_AXIS_WALL_CLOCK once the data turn out to be dated. Same thread as drawing. */
RP_API rp_status rp_figure_set_x_axis(rp_figure *figure, rp_x_axis axis);
/* Puts the legend of `panel` (-1: every panel) in a corner, or back to AUTO. */
RP_API rp_status rp_figure_set_legend_place(rp_figure *figure, int panel, rp_legend_place place);
/* The place asked for (rp_figure_set_legend_place; AUTO by default), not where a frame put it:
 * the corner a renderer drew it in is rp_renderer_frame_layout's panels[p].legend_place. */
RP_API rp_legend_place rp_figure_legend_place(const rp_figure *figure, int panel);
/* The origin of relative time labels (RP_X_AXIS_TIME: labels show x - origin) and of time
 * cursors (every kind of x axis). Following live it is the newest sample of the figure's series;
 * when the view leaves live (rp_figure_set_x_view from follow mode) it is frozen at the newest
 * sample of that moment and kept through every later zoom and pan, so a point keeps its label;
 * rp_figure_follow releases it. Model state: it depends on the data, never on a frame drawn (a
 * renderer's frame of a live view counts its cursors and read-outs from the newest sample it
 * drew, rp_frame_layout.time_origin, and its x tick labels from the end of the view, snapped up
 * to its pixel columns: less than a column later). false when no series has data yet. */
RP_API bool rp_figure_time_origin(const rp_figure *figure, double *x);
/* Fixes the time origin at x for good (labels show x - origin, "2.5 s" into a file; time cursors
 * count from it), live or not; NAN: back to the rules above. The viewer fixes it at 0 for a file
 * shown whole whose time counts from zero. Same thread as drawing. */
RP_API rp_status rp_figure_set_time_origin(rp_figure *figure, double x);

/* Measuring. Two vertical time cursors, A (0) and B (1), shared by every panel; the next frames
 * draw them and a read-out table in a band of its own under the plots (it never hides data):
 * Δt = B − A, 1/Δt, and each visible series' value at A and at B (the nearest sample) and their
 * difference. On a live view a cursor keeps its place relative to the newest sample (its label
 * "-2.5 s" stays); on a fixed view it stays on the data (see rp_figure_time_origin). */
RP_API rp_status rp_figure_set_time_cursor(rp_figure *figure, int cursor, double x); /* NAN: off */
/* The same, counted from the time origin: -2.5 = 2.5 s before the newest sample while live. */
RP_API rp_status rp_figure_set_time_cursor_relative(rp_figure *figure, int cursor, double offset);
RP_API bool rp_figure_time_cursor(const rp_figure *figure, int cursor, double *x); /* false: off */
/* Two horizontal level cursors per panel (0, 1) at data y; NAN removes one. The table shows
 * both levels and Δy. */
RP_API rp_status rp_figure_set_level_cursor(rp_figure *figure, int panel, int cursor, double y);
RP_API bool rp_figure_level_cursor(const rp_figure *figure, int panel, int cursor, double *y);
/* Shows the statistics of the visible range of each visible series in the read-out table. */
RP_API rp_status rp_figure_show_stats(rp_figure *figure, bool show);
RP_API bool rp_figure_stats_shown(const rp_figure *figure);

/* ---- Notes: text states and log lines (Teleplot "name:text|t" and ">ms:message") -------------
 * An rp_notes store keeps, in memory fixed when it is created, the newest `entries` values of each
 * of up to `tracks` text series (a state: "IDLE", "RUNNING"...) and the newest `log_lines` log
 * lines, each with its x. A track interns its values (at most RP_NOTES_VALUES_MAX distinct ones
 * held at once; a value no entry uses any more is recycled, and a new one beyond them expires the
 * track's oldest entries until one is free), so each state keeps one colour.
 * Bad input is refused and counted, never stored half: invalid UTF-8 or control bytes (a tab in
 * a text is kept as a blank; in a name it is refused), an empty
 * or too long track name, a track beyond `tracks`, a non-finite x, an x older than the newest of
 * its track (or of the log). A text
 * longer than RP_NOTE_TEXT_MAX - 1 bytes (values) or RP_NOTE_LOG_MAX - 1 (log lines) is cut at
 * a UTF-8 character boundary and counted as truncated. A push never allocates; it holds the
 * store's lock for one copy (readers hold it for the entries they copy out), so pushes from
 * several threads and reads from the render thread may run at once.
 * A notes panel (rp_figure_add_notes_panel) draws a store on the shared time axis: one row of
 * log markers (a tick per log line), one state-band row per track (each run of one value a band
 * in that value's colour, labelled where it is wide enough), then, when shown, the newest log
 * lines up to the end of the view with their time. Sources attached to a figure with a notes
 * panel (rp_source_attach) push their texts and log lines into its store. */
#define RP_NOTE_TEXT_MAX 48            /* bytes of a text value, NUL included */
#define RP_NOTE_LOG_MAX 160            /* bytes of a log line, NUL included */
#define RP_NOTES_TRACKS_MAX 64         /* text tracks of one store */
#define RP_NOTES_VALUES_MAX 64         /* distinct values a track holds at once */
#define RP_NOTES_ENTRIES_MAX (1 << 20) /* entries and log_lines, each at most */

typedef struct rp_notes rp_notes;

typedef struct rp_notes_desc {
    int tracks;    /* text series kept, 1 .. RP_NOTES_TRACKS_MAX; default 8 */
    int entries;   /* values kept per track; default 4096 */
    int log_lines; /* log lines kept; default 1024; -1: none (log lines refused, counted) */
} rp_notes_desc;

typedef struct rp_note {
    double x;
    int value;                  /* text values: the value's number in its track (its colour);
                                   log lines: -1 */
    char text[RP_NOTE_LOG_MAX]; /* NUL-terminated UTF-8 */
} rp_note;

typedef struct rp_notes_stats {
    int tracks;            /* text tracks made so far */
    int64_t texts;         /* text values stored */
    int64_t logs;          /* log lines stored */
    int64_t truncated;     /* texts and log lines stored cut (too long) */
    int64_t refused;       /* texts and log lines refused, all reasons (see above) */
    int64_t texts_expired; /* text values overwritten by newer ones (ring full) */
    int64_t logs_expired;  /* log lines overwritten by newer ones */
    int64_t bytes;         /* memory held by the store */
} rp_notes_stats;

/* Creates a store; desc may be NULL (defaults). All its memory is allocated here.
 * RP_ERR_INVALID_ARG for a count out of range. Thread: any; the caller owns it. */
RP_API rp_status rp_notes_create(const rp_notes_desc *desc, rp_notes **out);
/* Frees it; it must be in no figure any more, no source may still push. NULL ignored. Thread:
 * any, once nothing else uses it. */
RP_API void rp_notes_destroy(rp_notes *notes);
/* Appends `text` (len bytes, need not be NUL-terminated; copied) as the value of track `name`
 * (name_len bytes, copied; made on first use) from x on. RP_ERR_INVALID_ARG / RP_ERR_LIMIT when
 * refused (counted). Thread: any. Never allocates. */
RP_API rp_status rp_notes_push_text(rp_notes *notes, const char *name, size_t name_len, double x,
                                    const char *text, size_t len);
/* Appends a log line (len bytes, copied) at x. As rp_notes_push_text otherwise. */
RP_API rp_status rp_notes_push_log(rp_notes *notes, double x, const char *text, size_t len);
/* Tracks made so far, and a track's name (borrowed until the store is destroyed; "" beyond).
 * Thread: any. */
RP_API int rp_notes_track_count(const rp_notes *notes);
RP_API const char *rp_notes_track_name(const rp_notes *notes, int track);
/* Copies the entries of `track` that show on [x0, x1]: the one in effect at x0 (the newest at
 * or before it) then those after x0 up to x1, in time order, at most `max` (the first `max`).
 * Returns how many there are in all (may exceed max). Thread: any. Never allocates. */
RP_API int rp_notes_read_texts(const rp_notes *notes, int track, double x0, double x1, rp_note *out,
                               int max);
/* The value of `track` at x (the newest entry at or before x); false when none. Thread: any. */
RP_API bool rp_notes_text_at(const rp_notes *notes, int track, double x, rp_note *out);
/* Copies the newest `max` log lines with x in [x0, x1], oldest first; returns how many lines
 * lie in that range in all. Thread: any. Never allocates. */
RP_API int rp_notes_read_logs(const rp_notes *notes, double x0, double x1, rp_note *out, int max);
/* Counters. Thread: any. */
RP_API rp_notes_stats rp_notes_stats_get(const rp_notes *notes);

typedef struct rp_notes_panel_desc {
    const char *title;  /* copied; default none */
    bool hide_tracks;   /* true: only the log marker row (and list); texts still stored */
    bool show_log_list; /* the newest log lines under the tracks; default hidden */
    int list_lines;     /* log lines the list shows; default 6, at most 32 */
} rp_notes_panel_desc;

/* Adds a notes panel drawing `notes` (borrowed: it must outlive the figure) at the bottom of the
 * stack; desc copied, may be NULL. Its height follows its rows (one per track, the marker row,
 * the list); its x axis is the shared one. The first notes panel's store is the figure's:
 * rp_figure_notes, where attached sources push. Thread: the figure's. */
RP_API rp_status rp_figure_add_notes_panel(rp_figure *figure, rp_notes *notes,
                                           const rp_notes_panel_desc *desc, int *panel);
/* Shows or hides the log list of a notes panel (-1: every notes panel). */
RP_API rp_status rp_figure_show_log_list(rp_figure *figure, int panel, bool show);
/* The panel's description (title borrowed); zeroed for a panel that is no notes panel. */
RP_API rp_notes_panel_desc rp_figure_notes_panel_desc(const rp_figure *figure, int panel);
/* The store of the figure's first notes panel; NULL when it has none. */
RP_API rp_notes *rp_figure_notes(const rp_figure *figure);
/* The log line at data point (x, y) of notes panel `panel` (as rp_renderer_hit_test gives them):
 * in the marker row the line nearest x within x_tolerance, in the log list the line of that row
 * (the list as drawn for the current x view); false elsewhere. A click on it can put a time
 * cursor at out->x (the viewer does). Thread: the figure's. */
RP_API bool rp_figure_notes_log_at(const rp_figure *figure, int panel, double x, double y,
                                   double x_tolerance, rp_note *out);

/* ---------------------------------------------------------------------------------------------
 * Renderer: GL 3.3 core objects (shaders, buffers, glyph atlas) in one GL context.
 * Every rp_renderer_* call belongs to the thread where that context is current.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_renderer rp_renderer;
typedef void *(*rp_gl_proc_loader)(const char *name);

typedef struct rp_renderer_desc {
    rp_gl_proc_loader get_proc_address; /* e.g. SDL_GL_GetProcAddress; NULL → eglGetProcAddress */
    float scale;                        /* HiDPI scale of px sizes (fonts, widths); default 1 */
    rp_log_desc log;                    /* where its failures are reported; default none */
} rp_renderer_desc;

typedef struct rp_frame_stats {
    double decimate_ms;      /* CPU time decimating this frame */
    double total_ms;         /* CPU time of rp_renderer_draw */
    int64_t vertices;        /* vertices streamed this frame */
    int64_t upload_bytes;    /* bytes uploaded to GPU buffers this frame */
    int64_t samples_in_view; /* samples covered by the visible series */
    bool pending; /* part of the frame is still being computed (statistics of a recording or a
                     scroll-back still being summed, drawn "…"): the next frame gets further, so
                     an app that draws only on a change should draw again */
} rp_frame_stats;

/* Creates the GL objects in the context current on this thread (GL 3.3 core or newer), loading GL
 * through desc->get_proc_address into its own function table (no GL globals: a host may use
 * any loader, and several renderers in several contexts may coexist). desc copied, may be NULL.
 * A failure is reported to desc->log (stderr without a callback) with the reason: no entry
 * points (GL_LOAD_FAILED), GL older than 3.3 (GL_VERSION), a shader's name and the driver's
 * compile or link log (SHADER_COMPILE, PROGRAM_LINK). Success reports RENDERER_READY (info).
 * Thread: the one where that context is current; every later call too. */
RP_API rp_status rp_renderer_create(const rp_renderer_desc *desc, rp_renderer **out);
/* Frees the GL objects; its context must be current. NULL is ignored. */
RP_API void rp_renderer_destroy(rp_renderer *renderer);
/* Draws the figure into the viewport (x, y, width, height) of the framebuffer bound now (y from
 * the bottom, as glViewport). Saves and restores the GL state it changes (see "GL state" above);
 * never swaps buffers or polls events. The renderer keeps where this frame put things
 * (rp_renderer_hit_test, rp_renderer_frame_layout); the figure keeps no trace of the frame. A
 * figure holding a series that was destroyed is not drawn: RP_ERR_INVALID_ARG,
 * RP_LOGITEM_STALE_SERIES. With no GL context current on the calling thread: RP_ERR_GL,
 * RP_LOGITEM_GL_ERROR, nothing drawn. */
RP_API rp_status rp_renderer_draw(rp_renderer *renderer, rp_figure *figure, int x, int y, int width,
                                  int height);
/* Timings and counts of the last rp_renderer_draw. */
RP_API rp_frame_stats rp_renderer_last_stats(const rp_renderer *renderer);
/* Why the last failed call failed ("" after none); borrowed until the next failed call. */
RP_API const char *rp_renderer_last_error(const rp_renderer *renderer);
/* GL_RENDERER of its context, e.g. "llvmpipe (LLVM 15.0.6, 256 bits)"; borrowed. */
RP_API const char *rp_renderer_gl_string(const rp_renderer *renderer);

/* ---- As drawn: where a renderer's last frame of a figure put things (mouse hit-testing) -----
 * A figure holds only what was asked for (views, cursors, the legend's place); each renderer
 * keeps the layout of its last frame of each of the RP_RENDERER_FIGURES figures it drew most
 * recently (a table made with the renderer: nothing is allocated per frame; a figure drawn longer
 * ago is forgotten and answers as never drawn). So two renderers that draw one figure (a window
 * and a PNG export, two sizes) each answer for their own frame, and one's frames never move the
 * legend the other shows. Thread: the renderer's; the figure is only read. */
#define RP_RENDERER_FIGURES 8

typedef enum rp_hit_kind {
    RP_HIT_NONE = 0,
    RP_HIT_PLOT,
    RP_HIT_LEGEND,
    RP_HIT_X_AXIS,
    RP_HIT_Y_AXIS,
    RP_HIT_TIMELINE /* the replay's timeline (rp_figure_set_timeline): x is where it points */
} rp_hit_kind;
typedef struct rp_hit {
    rp_hit_kind kind;
    int panel;         /* panel under the point (-1 if none) */
    double x, y;       /* data coordinates under the point (RP_HIT_PLOT); y: left axis */
    double y_right;    /* ...on the panel's right y axis (NAN when it has none) */
    rp_series *series; /* legend entry under the point (RP_HIT_LEGEND; NULL on the box's padding
                          or when the series left the figure since) */
} rp_hit;
/* What is at px, py (framebuffer px from the top-left of the viewport) in this renderer's last
 * frame of figure; RP_HIT_NONE when it has not drawn the figure. series borrowed. */
RP_API rp_hit rp_renderer_hit_test(const rp_renderer *renderer, const rp_figure *figure, float px,
                                   float py);

typedef struct rp_frame_rect {
    float x, y, width, height; /* framebuffer px from the top-left of the viewport */
} rp_frame_rect;
typedef struct rp_frame_panel {
    rp_frame_rect plot;           /* the data area */
    rp_frame_rect legend;         /* the legend box (width 0: none drawn) */
    rp_legend_place legend_place; /* the corner the legend was drawn in (AUTO: none drawn) */
    double y0, y1;                /* the left y view drawn */
    bool has_right;               /* a right y axis was drawn, with the view y2_0 .. y2_1 */
    double y2_0, y2_1;
} rp_frame_panel;
typedef struct rp_frame_layout {
    int width, height;  /* the viewport */
    double x0, x1;      /* the x view drawn (a following view snapped to whole pixel columns) */
    double time_origin; /* the x its time cursors and read-outs were counted from (and its
                         * relative time labels, but on a live view: those from x1) */
    float cursor_px[2]; /* where time cursors A and B were drawn, px; NAN: off or out of view */
    int panel_count;    /* the panels drawn, top to bottom */
    rp_frame_panel panels[RP_MAX_PANELS];
    rp_frame_rect timeline; /* the replay's timeline bar (width 0: none drawn) */
} rp_frame_layout;
/* The layout of this renderer's last frame of figure, copied into *out (about 1.5 KB); false,
 * and *out zeroed, when it has not drawn the figure. */
RP_API bool rp_renderer_frame_layout(const rp_renderer *renderer, const rp_figure *figure,
                                     rp_frame_layout *out);

/* ---------------------------------------------------------------------------------------------
 * Headless: an EGL surfaceless context with an RGBA8 framebuffer object; no display needed.
 * Every rp_headless_* call belongs to the thread that created it.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_headless rp_headless;

#define RP_HEADLESS_DEFAULT_WIDTH 1280
#define RP_HEADLESS_DEFAULT_HEIGHT 720

typedef struct rp_headless_desc {
    int width, height; /* px, 1..16384 each; default RP_HEADLESS_DEFAULT_WIDTH x _HEIGHT */
    float scale;       /* HiDPI factor of px sizes (fonts, widths), 0..16; default 1 */
    rp_log_desc log;   /* where its failures (and its renderer's) are reported; default none */
} rp_headless_desc;

/* Creates an offscreen target, its own EGL context and a renderer in it. desc: NULL or zero
 * fields = defaults; copied. The context is current on return. A failure is reported to
 * desc->log (stderr without a callback): EGL_UNAVAILABLE (no libEGL, no surfaceless platform),
 * EGL_CONTEXT (no GL 3.3 core context; also while a GLX context is current on the thread: release
 * it first, or use rp_render_png, which does), FRAMEBUFFER, or the renderer's own reason. */
RP_API rp_status rp_headless_create(const rp_headless_desc *desc, rp_headless **out);
/* Frees the context, the target and the renderer. NULL and stale handles are ignored. The EGL or
 * GLX context current on the calling thread before the call (another target's, your own) is
 * current after it. Thread: the one that created it. */
RP_API void rp_headless_destroy(rp_headless *headless);
/* Makes its context current, clears and draws the figure over the whole target; submits the GL
 * work without waiting for it (rp_headless_read_rgba / write_png wait where pixels are read). */
RP_API rp_status rp_headless_render(rp_headless *headless, rp_figure *figure);
/* Copies the last frame, top row first, RGBA8, into rgba (size >= width * height * 4 bytes). */
RP_API rp_status rp_headless_read_rgba(rp_headless *headless, uint8_t *rgba, size_t size);
/* Writes the last frame as a PNG (path copied; RP_ERR_IO when it cannot be written). */
RP_API rp_status rp_headless_write_png(rp_headless *headless, const char *path);
/* Its renderer, borrowed until rp_headless_destroy (for rp_renderer_last_stats and such). */
RP_API rp_renderer *rp_headless_renderer(rp_headless *headless);
/* Why the last failed call on headless failed ("" after none), borrowed until the next failed
 * call; a static sentence for a handle that is not live. */
RP_API const char *rp_headless_last_error(const rp_headless *headless);
/* One call: renders the figure headless on a target described by desc (as rp_headless_create:
 * NULL = 1280 x 720 at scale 1; its log is not used) and writes a PNG to path (copied); creates
 * and destroys a headless target, so for many images keep one rp_headless instead. Every failure,
 * the target's creation included, is reported on the figure's channel and kept as
 * rp_figure_last_error. The GL context current on the calling thread before the call (an SDL
 * window's, on EGL or GLX, another target's) is current again on return: a GLX one is released
 * while the export works (EGL cannot make its context current over it). Thread: the figure's. */
RP_API rp_status rp_render_png(rp_figure *figure, const rp_headless_desc *desc, const char *path);
#define RP_PNG_MAX_SIDE 32768       /* px: the widest or tallest PNG rp_write_png_rgba writes */
#define RP_PNG_MAX_PIXELS (1 << 26) /* width × height: 64 Mpx (e.g. 8192 x 8192), 256 MiB RGBA */
/* Writes top-row-first RGBA8 pixels (borrowed for the call; width * height * 4 bytes) as a PNG.
 * A side beyond RP_PNG_MAX_SIDE or more than RP_PNG_MAX_PIXELS pixels: RP_ERR_INVALID_ARG and
 * no file. Thread: any. */
RP_API rp_status rp_write_png_rgba(const char *path, const uint8_t *rgba, int width, int height);

/* ---------------------------------------------------------------------------------------------
 * Window: an SDL2 window with a GL 3.3 core context (vsync, HiDPI) and a renderer in it, for the
 * viewer and the demos. Event handling stays with the caller: poll SDL events yourself
 * (SDL_PollEvent; rp_window_sdl_window gives the SDL_Window*). Works under X11 (also Xvfb) and
 * SDL_VIDEODRIVER=offscreen. Every rp_window_* call belongs to the thread that created the window
 * (for SDL, the main thread). A window and headless objects can exist at the same time.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_window rp_window;

typedef struct rp_window_desc {
    const char *title; /* copied by SDL; default "ringplot" */
    int width, height; /* window size in screen units; default 1280 x 720 */
    bool no_vsync;     /* default: vsync on (falls back silently where unsupported) */
    bool resizable;    /* default: fixed size */
    bool hidden;       /* create it hidden (tests) */
    bool no_high_dpi;  /* default: HiDPI drawable (more pixels than screen units) */
    rp_log_desc log;   /* where its failures (and its renderer's) are reported; default none */
} rp_window_desc;

/* True when a window opened now would be seen: SDL's video driver (the one SDL_VIDEODRIVER names,
 * else the first of SDL's own order that starts) is not "offscreen" or "dummy", where SDL 2.26+
 * falls back on a machine without a display. False at once, without asking SDL, when none of
 * SDL_VIDEODRIVER, DISPLAY, WAYLAND_DISPLAY and XDG_RUNTIME_DIR is set (a server, a container,
 * CI: probing would print libwayland's "XDG_RUNTIME_DIR is invalid"). Initialises SDL video for
 * the call and quits it again (a window already open keeps it). The viewer renders headless when
 * this is false and SDL_VIDEODRIVER is not set. Thread: the one that creates windows (for SDL,
 * the main thread). */
RP_API bool rp_window_display_available(void);
/* Opens the window (initialising SDL video), makes its GL 3.3 core context current and creates a
 * renderer in it with scale = drawable px / window units. desc: NULL or zero fields = defaults.
 * A failure is reported to desc->log (stderr without a callback): SDL_FAILED with SDL's reason
 * (also when SDL fell back to its offscreen or dummy driver, a window nobody sees, without
 * SDL_VIDEODRIVER asking for it), GL_LOAD_FAILED, or the renderer's own reason. */
RP_API rp_status rp_window_create(const rp_window_desc *desc, rp_window **out);
/* Closes the window and frees its context and renderer; SDL video is quit when the last window
 * goes. NULL and stale handles are ignored. */
RP_API void rp_window_destroy(rp_window *window);
/* Its renderer, borrowed until rp_window_destroy. */
RP_API rp_renderer *rp_window_renderer(rp_window *window);
/* Makes the window's context current (after drawing with another context on this thread). */
RP_API rp_status rp_window_make_current(rp_window *window);
/* Makes it current, clears and draws figure (NULL: just clear) over the whole drawable, swaps. */
RP_API rp_status rp_window_present(rp_window *window, rp_figure *figure);
/* The two halves of rp_window_present, for hosts that add their own GL or read pixels back. */
RP_API rp_status rp_window_render(rp_window *window, rp_figure *figure);
RP_API rp_status rp_window_swap(rp_window *window);
/* Reads the back buffer (after rp_window_render, before rp_window_swap), top row first, RGBA8;
 * size >= drawable width * height * 4. */
RP_API rp_status rp_window_read_rgba(rp_window *window, uint8_t *rgba, size_t size);
/* Drawable size in framebuffer px (0 x 0 for an invalid window); either pointer may be NULL. */
RP_API void rp_window_drawable_size(const rp_window *window, int *width, int *height);
/* Drawable px per window unit (2 on Retina, 1 for an invalid window). */
RP_API float rp_window_scale(const rp_window *window);
/* The SDL_Window* (as void *, so this header needs no SDL), borrowed until rp_window_destroy. */
RP_API void *rp_window_sdl_window(rp_window *window);
/* Why the last failed call on window failed ("" after none), borrowed until the next failed
 * call; a static sentence for a handle that is not live. */
RP_API const char *rp_window_last_error(const rp_window *window);

/* ---------------------------------------------------------------------------------------------
 * MQTT: attach a figure to a broker (libmosquitto; topics become series)
 *
 *   rp_mqtt *m;
 *   rp_mqtt_attach(fig, &(rp_mqtt_desc){.host = "broker.local", .topics = {"sensors/#"}}, &m);
 *   for (;;) { rp_mqtt_poll(m); rp_window_present(win, fig); ... }   // once per frame
 *   rp_mqtt_detach(m);                                                  // before rp_figure_destroy
 *
 * Payloads (one MQTT message), tried in this order:
 *   plain number   "21.5"                    → series named after the topic
 *   JSON object    {"temp":21.5,"rh":40}     → series "topic/temp", "topic/rh" (nested objects:
 *                  "topic/a/b"); a number field "ts", "time" or "timestamp" is the sample time
 *                  in Unix seconds, or milliseconds when >= 1e11; other value kinds are ignored
 *   text lines     "a:1 b:2\nc:1627551892444:3"  (the stdin / UDP grammar) → "topic/a", ...
 * Without a timestamp a sample gets its arrival time (wall clock). A payload that is none of these
 * (or a JSON object without a number) is counted in messages_rejected and skipped.
 * A background thread owns the connection: it connects without blocking the caller, resubscribes
 * after every reconnect (backoff 0.1 s doubling to 5 s), and never touches the figure. Series are
 * allocated when first seen (capacity samples each, max_series in all) and kept across reconnects.
 * ------------------------------------------------------------------------------------------- */
#define RP_MQTT_TOPICS_MAX 16      /* subscriptions, and topic=name mappings, per connection */
#define RP_MQTT_TOPIC_STATS_MAX 64 /* distinct topics with their own counters (more: "other") */
#define RP_MQTT_ERROR_MAX 256

typedef enum rp_mqtt_state {
    RP_MQTT_CONNECTING = 0, /* first attempt under way */
    RP_MQTT_CONNECTED,      /* CONNACK accepted, subscriptions sent */
    RP_MQTT_RETRYING,       /* connection lost or refused: reconnecting with backoff */
    RP_MQTT_AUTH_FAILED,    /* the broker refused the credentials (still retrying, slowly) */
    RP_MQTT_STOPPED,        /* thread ended (detach or stop) */
} rp_mqtt_state;
RP_API const char *rp_mqtt_state_string(rp_mqtt_state state); /* "connected", ...; any thread */

typedef struct rp_mqtt_desc {
    const char *host;                       /* broker; default "127.0.0.1" (copied) */
    uint16_t port;                          /* default 1883, or 8883 with cafile */
    const char *topics[RP_MQTT_TOPICS_MAX]; /* subscription filters ('+', '#' allowed), up to the
                                   first NULL; at least one (copied). An empty one, or one
                                   that libmosquitto refuses (mosquitto_sub_topic_check,
                                   mosquitto_validate_utf8), is RP_ERR_INVALID_ARG at attach */
    const char *topic_names[RP_MQTT_TOPICS_MAX]; /* "topic=name": messages of exactly `topic`
                                   feed series `name` (and "name/field"); NULL ends (copied) */
    const char *client_id;     /* default: a random one. With qos 1 a given id asks the broker
                                   for a persistent session (messages queued while away) */
    int qos;                   /* 0 (default) or 1 */
    int keepalive;             /* seconds; default 30 */
    const char *cafile;        /* PEM CA bundle: connect with TLS and verify the broker */
    const char *username;      /* default none (copied) */
    const char *password;      /* in memory (copied, wiped at the end); prefer the next two */
    const char *password_file; /* its first line is the password (read when attached) */
    const char *password_env;  /* name of an environment variable holding the password (one
                                   that is not set is refused: MQTT_ATTACH) */
    /* rp_mqtt_attach only (an MQTT source of rp_source_attach takes these from its desc): */
    int64_t capacity; /* samples kept per series; default 1 << 20 */
    int max_series;   /* series in all; default 64, at most 256 */
    int panel;        /* 0: a new panel per group (name before its first '/');
                                   k >= 1: every series into the figure's existing panel k - 1 */
    rp_log_desc log;  /* where its failures are reported (attach, then the connection's and the
                         payloads' from its thread: see "Log channel"); default: the figure's */
} rp_mqtt_desc;

typedef struct rp_mqtt_topic_stats {
    char topic[RP_NAME_MAX]; /* the topic, cut to 63 bytes ("" for the "other topics" entry) */
    int64_t messages;        /* messages received on it */
    int64_t rejected;        /* of which malformed (skipped) */
    int64_t samples;         /* samples they carried */
} rp_mqtt_topic_stats;

typedef struct rp_mqtt_stats {
    rp_mqtt_state state;
    int64_t messages, messages_rejected, samples;
    int64_t samples_dropped; /* series limit reached, name too long */
    int64_t reconnects;      /* successful connections after the first */
    int series;              /* series made so far */
    int topics;              /* entries in rp_mqtt_topic_stats_get (distinct topics seen) */
    char last_error[RP_MQTT_ERROR_MAX]; /* newest problem ("" none), e.g. "not authorised" */
} rp_mqtt_stats;

typedef struct rp_mqtt rp_mqtt;

/* Starts the connection thread and remembers fig (borrowed: must outlive the rp_mqtt). Errors
 * found without the network (no topic, bad qos, unreadable CA or password file) return
 * RP_ERR_INVALID_ARG / RP_ERR_IO with *out NULL, report RP_LOGITEM_MQTT_ATTACH to desc->log (or
 * the figure's callback; stderr when neither has one) and keep the reason as
 * rp_figure_last_error(fig); a broker that is down or refuses us is not an error here: see
 * rp_mqtt_stats_get. Thread: the figure's. */
RP_API rp_status rp_mqtt_attach(rp_figure *figure, const rp_mqtt_desc *desc, rp_mqtt **out);
/* Adds the series that appeared since the last call to the figure; returns how many. Call once a
 * frame on the figure's thread. Never blocks. */
RP_API int rp_mqtt_poll(rp_mqtt *mqtt);
/* Counters and connection state; any thread. */
RP_API rp_mqtt_stats rp_mqtt_stats_get(const rp_mqtt *mqtt);
/* Copies up to max per-topic counters into out; returns how many were copied. Any thread. */
RP_API int rp_mqtt_topic_stats_get(const rp_mqtt *mqtt, rp_mqtt_topic_stats *out, int max);
/* The connection's newest problem ("" none; a static sentence for a handle that is not live);
 * borrowed until the next call on mqtt. Thread: the figure's. */
RP_API const char *rp_mqtt_last_error(const rp_mqtt *mqtt);
/* Disconnects, joins the thread, removes its series from the figure and frees them. NULL and
 * stale handles are ignored (every rp_mqtt_* call checks its handle is live). Thread: the
 * figure's. */
RP_API void rp_mqtt_detach(rp_mqtt *mqtt);

/* ---------------------------------------------------------------------------------------------
 * Serial ports (termios; any baud the driver takes, non-standard ones through termios2/BOTHER)
 *
 *   rp_serial_desc sd;  char path[256], err[256];
 *   rp_serial_spec_parse("/dev/ttyACM0:2000000:8N1", &sd, path, sizeof path, err, sizeof err);
 *
 * The spec is PATH[:BAUD[:FRAME]]: BAUD digits with an optional k or M suffix (115200, 250k, 2M;
 * default 115200), FRAME data bits 5-8, parity N/E/O, stop bits 1/2 (default 8N1). A PATH may hold
 * ':' (udev's /dev/serial/by-path names do) as long as its last part is not all digits.
 * rp_source_attach(fig, &(rp_source_desc){.kind = RP_SOURCE_SERIAL, .serial = sd}, &src) plots
 * it; rp_source_send(src, "reset\n", 6) writes to it ("Sources" below).
 * A serial source reads the same formats as stdin (text, CSV, binary frames). When the device
 * disappears (unplugged, EIO/ENXIO/ENODEV, hang-up) the source says so and reopens PATH when it
 * comes back (retries every 0.1 s, doubling to 1 s); retained samples stay.
 * ------------------------------------------------------------------------------------------- */
#define RP_SERIAL_BAUD_DEFAULT 115200u
#define RP_SERIAL_SEND_MAX 4096 /* bytes waiting to be written to one port */

typedef enum rp_serial_parity {
    RP_SERIAL_PARITY_NONE = 0,
    RP_SERIAL_PARITY_EVEN,
    RP_SERIAL_PARITY_ODD
} rp_serial_parity;
typedef enum rp_serial_flow {
    RP_SERIAL_FLOW_NONE = 0, /* default */
    RP_SERIAL_FLOW_RTSCTS,   /* hardware handshake (the driver then owns RTS) */
    RP_SERIAL_FLOW_XONXOFF,  /* software handshake, both directions */
} rp_serial_flow;
typedef enum rp_serial_line {
    RP_SERIAL_LINE_DEFAULT = 0, /* asserted, as most terminal programs do */
    RP_SERIAL_LINE_ON,          /* asserted */
    RP_SERIAL_LINE_OFF,         /* held low (after open: Linux raises DTR/RTS while opening) */
} rp_serial_line;

typedef struct rp_serial_desc {
    const char *path;        /* the device, e.g. "/dev/ttyACM0" (required; copied) */
    uint32_t baud;           /* default RP_SERIAL_BAUD_DEFAULT; any value the driver accepts */
    int data_bits;           /* 5..8; default 8 */
    rp_serial_parity parity; /* default none */
    int stop_bits;           /* 1 or 2; default 1 */
    rp_serial_flow flow;     /* default none */
    rp_serial_line dtr, rts; /* modem lines (many boards reset when DTR rises); default on */
    bool wait; /* a device that is not there at attach (no such file: not plugged in yet) is
                  waited for: the source starts in RP_SERIAL_WAITING, reports SERIAL_WAITING and
                  opens it when it appears (SERIAL_BACK). Default: attach fails (SERIAL_OPEN) */
} rp_serial_desc;

typedef enum rp_serial_state {
    RP_SERIAL_CLOSED = 0, /* not opened yet, or stopped */
    RP_SERIAL_OPEN,       /* configured and reading */
    RP_SERIAL_WAITING,    /* the device is not there (went away, or not yet with .wait):
                             opening it with backoff */
} rp_serial_state;
RP_API const char *rp_serial_state_string(rp_serial_state state); /* "open", ...; any thread */

/* Parses a PATH[:BAUD[:FRAME]] spec into *desc (zeroed first; defaults filled in). The path is
 * copied into path_buf (path_size bytes), which desc->path then points to. On RP_ERR_PARSE err
 * (err_size bytes, may be NULL) says what is wrong, e.g. "serial spec '/dev/x:9600:9N1': data
 * bits must be 5..8". Reentrant; any thread. */
RP_API rp_status rp_serial_spec_parse(const char *spec, rp_serial_desc *desc, char *path_buf,
                                      int path_size, char *err, int err_size);
/* Writes "115200 8N1" (and " rtscts" / " xonxoff") into out; returns out. Any thread. */
RP_API const char *rp_serial_desc_string(const rp_serial_desc *desc, char *out, int out_size);

/* ---------------------------------------------------------------------------------------------
 * Sources: every way samples come in, one call for each kind
 *
 *   rp_source *src;
 *   rp_source_attach(fig, &(rp_source_desc){.kind = RP_SOURCE_UDP, .udp = {.port = 47269}}, &src);
 *   for (;;) { rp_source_poll(src); rp_window_present(win, fig); ... }  // once per frame
 *   rp_source_detach(src);                                              // before rp_figure_destroy
 *
 * A source runs on its own thread, parses its input and creates one series per name it sees
 * (up to max_series); rp_source_poll adds the new ones to the figure on the figure's thread: a
 * panel per group (the part of the name before its first '/' or '.', else the source's label),
 * or every series into one panel (desc.panel). Time: samples with a timestamp keep it (mapped
 * through a per-source offset that starts at 0 and moves only when the device clock goes back
 * by more than 1 s: a new segment, after a gap); with desc.rate > 0 a series is uniform
 * (x = start + index / rate); otherwise each series' rate is estimated from its arrivals and its
 * samples placed on that estimate (a silence is a gap; a burst ends at its arrival time).
 * The README ("Time") gives the exact rules. Every refused sample, line, datagram or message is
 * counted under its reason (rp_source_stats.refused, rp_refusal_name) and reported on the
 * source's log channel (INPUT_MALFORMED, SERIES_REFUSED, TIMESTAMP_REFUSED, ...: "Log channel").
 * ------------------------------------------------------------------------------------------- */
typedef enum rp_source_kind {
    RP_SOURCE_DEMO = 0, /* built-in generator: IMU 1 kHz, ECG 500 Hz, sensor 100 kHz, temperature */
    RP_SOURCE_FD,       /* a byte stream on a file descriptor (stdin by default) */
    RP_SOURCE_UDP,      /* text datagrams (Teleplot's port 47269 by default) */
    RP_SOURCE_REPLAY,   /* a CSV (or text) file played back at its own pace */
    RP_SOURCE_MQTT,   /* topics of an MQTT broker (RP_ERR_UNSUPPORTED without RINGPLOT_WITH_MQTT) */
    RP_SOURCE_SERIAL, /* a serial port (tty) */
    RP_SOURCE_KIND_COUNT /* number of kinds; not a kind */
} rp_source_kind;

typedef enum rp_stream_format {
    RP_FORMAT_AUTO = 0, /* from the first data line; re-detected while only banners came so far */
    RP_FORMAT_TEXT,     /* Teleplot lines name:value, name:timestamp_ms:value; bare numbers */
    RP_FORMAT_CSV,      /* header row naming the columns, optional time column */
    RP_FORMAT_BINARY,   /* frames of `channels` values: float32 little-endian unless .binary says */
} rp_stream_format;

/* RP_FORMAT_BINARY: how a frame is laid out (rp_source_desc.binary; zero = float32 little-endian,
 * no header, no checksum: interleaved values and nothing else). A frame is
 *   [sync: sync_len bytes] [channels values of `type`, in `byte_order`] [checksum: 0 or 1 byte]
 * Every value becomes a float32 sample (integers as their value: above 2^24 in magnitude an int32
 * or uint32 is rounded to float32's 24-bit precision). With a sync header the decoder locks on
 * it and, when a frame does not start with it, skips to the next one (counted: sync_lost,
 * sync_skipped). A frame whose checksum fails is dropped whole (checksum_failed). README
 * "Binary frames" gives the byte layout with an example. */
typedef enum rp_binary_type {
    RP_BINARY_FLOAT32 = 0, /* IEEE-754 single (default) */
    RP_BINARY_INT8,
    RP_BINARY_UINT8,
    RP_BINARY_INT16,
    RP_BINARY_UINT16,
    RP_BINARY_INT32,
    RP_BINARY_UINT32,
    RP_BINARY_FLOAT64, /* IEEE-754 double, rounded to float32 (beyond its range: +-Inf) */
    RP_BINARY_TYPE_COUNT
} rp_binary_type;
typedef enum rp_byte_order {
    RP_BYTE_ORDER_LITTLE = 0, /* least significant byte first (default; ARM, AVR, x86) */
    RP_BYTE_ORDER_BIG,        /* most significant byte first ("network order") */
} rp_byte_order;
typedef enum rp_binary_checksum {
    RP_BINARY_CHECKSUM_NONE = 0, /* default */
    RP_BINARY_CHECKSUM_SUM8,     /* one byte after the values: their bytes summed, mod 256 */
    RP_BINARY_CHECKSUM_XOR8,     /* one byte after the values: their bytes XORed */
} rp_binary_checksum;
#define RP_BINARY_SYNC_MAX 8 /* bytes of a sync header */
typedef struct rp_binary_desc {
    rp_binary_type type;              /* of every value; default float32 */
    rp_byte_order byte_order;         /* default little-endian */
    uint8_t sync[RP_BINARY_SYNC_MAX]; /* the header that starts every frame (sync_len bytes) */
    int sync_len;                     /* 0: no header (default); 1..RP_BINARY_SYNC_MAX */
    rp_binary_checksum checksum;      /* over the value bytes (not the header); default none */
} rp_binary_desc;

#define RP_SOURCE_CHANNELS_MAX 1024 /* binary channels of one stream */
#define RP_SOURCE_SERIES_MAX 1024   /* series of one source (max_series) */
#define RP_SOURCE_ERROR_MAX 256

typedef struct rp_source_fd_desc {
    int fd; /* descriptor to read (borrowed, not closed); 0 = stdin (default) */
} rp_source_fd_desc;
typedef struct rp_source_udp_desc {
    const char *host; /* bind address (copied); default "127.0.0.1" */
    uint16_t port;    /* default 47269 (Teleplot); 0 with a host set: any free port */
} rp_source_udp_desc;
typedef rp_serial_desc rp_source_serial_desc; /* "Serial ports" above: path, baud, frame, lines */
typedef struct rp_source_replay_desc {
    const char *path; /* file (copied); required */
    double speed;     /* 1 = original pace (default), N = N x faster, INFINITY = at once: then
                         rows without a timestamp are at x = index / rate from 0 (the row index
                         when rate is 0), as reading a file has no clock */
} rp_source_replay_desc;
typedef struct rp_source_demo_desc {
    double speed; /* rate multiplier; default 1 */
} rp_source_demo_desc;

/* How a CSV time column's dates with the day and month both numbers are written (rp_source_desc,
 * --date-order). AUTO: the first date that tells (a number over 12) sets it; until one does, '/'
 * dates are read month first and '.' or '-' dates day first (README "CSV"). */
typedef enum rp_date_order {
    RP_DATE_ORDER_AUTO = 0,
    RP_DATE_ORDER_DMY, /* day first: 29/11/2026, 29.11.2026 */
    RP_DATE_ORDER_MDY, /* month first: 11/29/2026 */
} rp_date_order;

typedef struct rp_source_desc {
    rp_source_kind kind;
    const char *label;         /* name in stats and the panel group of ungrouped series (copied);
                                 default from the kind: "demo", "stdin", "udp", ...; a
                                 replay: its file's name ("data.csv", no folders); a default
                                 another source has gets " (2)", " (3)"... */
    double rate;               /* > 0: series without timestamps are uniform at this rate (exact
                                 x, 4.3 B/sample); 0: rate estimated from arrivals */
    rp_stream_format format;   /* byte streams (fd, serial, replay); default auto */
    int channels;              /* RP_FORMAT_BINARY: values per frame, 1..RP_SOURCE_CHANNELS_MAX */
    const char *channel_names; /* RP_FORMAT_BINARY: "ax,ay,az" (copied; distinct); default ch0.. */
    int64_t capacity; /* samples kept per series; 0: from span and rate (README "Memory"), or for a
                         replay at INFINITY speed of text or CSV, the file's line count */
    double span;      /* seconds a view shows, for the default capacity; default 10 */
    int max_series;   /* series of this source; default 64, at most RP_SOURCE_SERIES_MAX */
    int panel;        /* rp_source_attach: 0 = a panel per group; k >= 1 = panel k - 1 */
    rp_log_desc log;  /* where its failures are reported (attach, then what it meets while it
                         runs, from its thread: see "Log channel"); default: the figure's */
    union {           /* the part of the kind named by `kind` */
        rp_source_fd_desc fd;
        rp_source_udp_desc udp;
        rp_source_serial_desc serial;
        rp_source_replay_desc replay;
        rp_source_demo_desc demo;
        rp_mqtt_desc mqtt; /* its capacity, max_series and panel are not used here */
    };
    rp_binary_desc binary;    /* RP_FORMAT_BINARY: value type, byte order, sync header, checksum;
                              zero: float32 little-endian frames, no header (as before) */
    const char *time_column;  /* CSV (fd, serial, replay): the header name of the column holding
                                the time (case-insensitive; copied; under RP_NAME_MAX bytes), its
                                unit from the name or a units row as for a detected one, or
                                after a colon: "timestamp:us" (s, ms, us, ns); "": no
                                time column, every column a series; NULL: found by its name or
                                its dates (README "CSV"). A header without that column is
                                refused (last_error names it). */
    rp_date_order date_order; /* CSV: how the time column's dates are written; AUTO: they tell.
                                 A date against a given order is a bad time (row refused). */
} rp_source_desc;

/* Why input was refused. Each counter counts the unit its comment names. */
typedef enum rp_refusal {
    RP_REFUSED_MALFORMED = 0, /* lines / CSV rows (or fields) / frames the parser rejected */
    RP_REFUSED_BAD_NAME,      /* samples: series name with control bytes, invalid UTF-8, too long */
    RP_REFUSED_DUPLICATE_NAME, /* samples: a second column / channel with a name already used */
    RP_REFUSED_SERIES_LIMIT,   /* samples: max_series reached */
    RP_REFUSED_SERIES_FAILED,  /* samples: their series could not be created (memory) */
    RP_REFUSED_BAD_TIMESTAMP,  /* samples: timestamp beyond +-1e11 s (year 5138) */
    RP_REFUSED_OUT_OF_ORDER,   /* samples: up to 1 s older than their series' newest */
    RP_REFUSED_OVERSIZED,      /* datagrams / messages over the size limit */
    RP_REFUSED_PAYLOAD,        /* MQTT messages that are no number, word, JSON object or text
                                  lines (empty, JSON errors); a message refused for its text lines
                                  counts them as MALFORMED, one refused for a topic over 63 bytes
                                  counts 1 as BAD_NAME: one reason per rejected message */
    RP_REFUSED_STORE,          /* samples the store refused for another reason (counted by it) */
    RP_REFUSAL_COUNT
} rp_refusal;
/* A stable lower-case name, e.g. "out_of_order" (static; any thread). */
RP_API const char *rp_refusal_name(rp_refusal reason);

typedef struct rp_source_stats {
    char label[RP_NAME_MAX];
    rp_source_kind kind;
    bool running;    /* thread alive (false after the end or a stop) */
    bool ended;      /* the input ended (EOF, replay done, read error: see last_error) */
    int64_t bytes;   /* bytes read */
    int64_t samples; /* samples accepted into series */
    int64_t refused[RP_REFUSAL_COUNT]; /* per reason */
    int64_t lines_rejected;  /* lines, CSV rows and frames refused whole: refused[MALFORMED] less
                               fields_bad */
    int64_t samples_dropped; /* samples refused, all reasons */
    int64_t clock_resets;    /* device clock went back > 1 s: new segment after a gap */
    int64_t xy_points;       /* text: Teleplot "|xy" points; unsupported (no XY view), counted */
    int64_t texts; /* text: Teleplot "|t" text values (into the figure's notes: rp_figure_notes) */
    int64_t logs;  /* text: log lines (">ms:message"), likewise; without notes only counted */
    int series;    /* series made so far */
    uint16_t port; /* UDP: the port actually bound */
    int64_t datagrams;            /* UDP: datagrams received */
    int64_t datagrams_rejected;   /* UDP: oversized or holding a malformed line */
    int64_t datagrams_lost;       /* UDP: dropped by the kernel (socket buffer full) */
    int senders;                  /* UDP: distinct sender addresses seen (capped at 1024) */
    int senders_rejected;         /* UDP: senders that sent at least one bad datagram */
    rp_mqtt_state mqtt_state;     /* MQTT: connection state */
    int64_t messages;             /* MQTT: messages received */
    int64_t messages_rejected;    /* MQTT: malformed payloads, skipped */
    int64_t reconnects;           /* MQTT: successful connections after the first */
    int topics;                   /* MQTT: distinct topics seen */
    rp_serial_state serial_state; /* serial: open, or waiting for the device to come back */
    uint32_t serial_baud;         /* serial: the rate the driver set (read back through termios2) */
    int64_t serial_reopens;       /* serial: opens after the first (the device came back) */
    int64_t serial_vanished;      /* serial: times the device went away */
    int64_t serial_skipped; /* serial: bytes before the first newline after each open (the rest
                                 of a line the board was in the middle of), not parsed */
    int64_t serial_noisy;   /* serial: 512-byte windows of text with >= 1/4 non-text bytes
                                 (a wrong baud rate; last_error names the configured one) */
    int64_t bytes_sent;     /* serial: bytes written to the device (rp_source_send, --send) */
    char last_error[RP_SOURCE_ERROR_MAX]; /* newest message of its log channel, "" when none */
    rp_log_item last_item;                /* its item (RP_LOGITEM_NONE when none) */
    int64_t frames;          /* binary: frames decoded (each gave one sample per channel) */
    int64_t checksum_failed; /* binary with a checksum: frames dropped whole (also counted in
                                refused[RP_REFUSED_MALFORMED]) */
    int64_t sync_lost;       /* binary with a sync header: a frame did not start with it */
    int64_t sync_skipped;    /* binary with a sync header: bytes in no frame (before the first
                                header, and from each loss to the next header) */
    int64_t fields_bad;      /* CSV: fields that were no number, in rows otherwise taken (each a gap
                           in its series; in refused[RP_REFUSED_MALFORMED], not lines_rejected) */
    int64_t lines_held;  /* format auto: lines read while the format is still unknown, none of them
                           samples yet (prose, a banner); refused as malformed once it is known
                           or the input ends */
    char first_line[64]; /* byte streams: the first line read (printable ASCII, cut), "" before */
    int64_t units_changed;    /* samples with a unit other than their series' (UNIT_CHANGED) */
    int64_t samples_infinite; /* samples taken as ±Inf: beyond float32's range (1e39, -1e300) or
                                 inf as written; drawn at the plot's edge (VALUE_INFINITE) */
} rp_source_stats;

typedef struct rp_source rp_source;

/* Opens the source (socket, file, port, broker client) and starts its thread. Errors that need
 * no waiting ("address in use", "cannot open", a bad desc) return here with *out NULL and are
 * reported as RP_LOGITEM_SOURCE_ATTACH to desc->log (or the figure's callback) and kept as
 * rp_figure_last_error(figure). figure borrowed: must outlive the source. desc copied.
 * Thread: the figure's. */
RP_API rp_status rp_source_attach(rp_figure *figure, const rp_source_desc *desc, rp_source **out);
/* Adds the series that appeared since the last call to the figure; returns how many. Once a frame
 * on the figure's thread; never blocks. */
RP_API int rp_source_poll(rp_source *source);
/* Counters; any thread. */
RP_API rp_source_stats rp_source_stats_get(const rp_source *source);
/* Estimated (or given) samples/s of the series, 0 while unknown; any thread. */
RP_API double rp_source_series_rate(const rp_source *source, const rp_series *series);
/* Serial: queues n bytes (copied) to be written to the device by the source's thread, in order;
 * add the "\n" yourself. RP_ERR_IO when the device is not open (it vanished: nothing is kept for
 * a later device), RP_ERR_LIMIT when more than RP_SERIAL_SEND_MAX bytes would wait,
 * RP_ERR_UNSUPPORTED for other kinds. Any thread; never blocks. */
RP_API rp_status rp_source_send(rp_source *source, const void *bytes, size_t n);
/* The source's newest problem ("" none; for a handle that is not live, a sentence saying so);
 * borrowed until the next call on the source. Thread: the figure's. */
RP_API const char *rp_source_last_error(const rp_source *source);
/* Stops the thread, removes the source's series from the figure and frees them. NULL ignored.
 * Thread: the figure's. */
RP_API void rp_source_detach(rp_source *source);

/* ---------------------------------------------------------------------------------------------
 * Recording: every sample of every recorded series, to an append-only file on disk; and opening
 * a recording as read-only series (zoom from the whole file to single samples). Format: README,
 * "Recording file format". A recording is indexed as it is written (a min-max pyramid beside the
 * samples), so opening one reads only its index, and a frame reads only the levels it needs.
 *
 *   rp_recorder *rec;
 *   rp_recorder_create(&(rp_recorder_desc){.path = "run.rpr"}, &rec);
 *   rp_recorder_add_series(rec, series, "V");     // then push to series as usual
 *   ...
 *   rp_recorder_destroy(rec);                      // drains, indexes, syncs, closes
 *
 * The recorder's own thread copies new samples out of each series' ring (as any reader does:
 * rp_push is not touched, never waits), cuts them into blocks of 16,384 samples and writes them in
 * order. Every flush_ms it also appends what each unfinished block gained since the last flush (a
 * PART block: the new samples only, never the block again) and syncs, so after a crash (kill -9,
 * power loss) the file holds everything up to the last flush. A series that outruns the recorder
 * (more than its capacity pushed between two visits, every RP_RECORD_POLL_MS) loses the oldest
 * unread samples: counted in samples_lost, reported once (RECORD_LOST), read back as NaN (a uniform
 * series) or as a segment break before the next sample (a series that keeps x): a gap either way.
 * (The ringplot viewer's file and pipe sources wait for the recorder instead of outrunning it:
 * README "Recordings".) A failed write (disk full, I/O error) stops the recording: the file keeps
 * what was written before, everything later is counted as lost, and nothing else is affected (the
 * series in memory, the live view).
 * Memory: fixed at creation (~0.3 MiB a series + a 1 MiB batch), plus 24 bytes per 2^26 samples
 * of a series for the index (300 KB at 10^12 samples).
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_recorder rp_recorder;

#define RP_RECORD_MAX_SERIES 256 /* series per recording */
#define RP_RECORD_UNIT_MAX 32    /* bytes of a unit string including the NUL */
#define RP_RECORD_POLL_MS 10     /* how often the recorder thread copies new samples */
#define RP_RECORD_FLUSH_MS 1000  /* default and largest flush interval: the crash-loss bound */

typedef struct rp_recorder_desc {
    const char *path; /* copied; the file is created (or truncated); required */
    int flush_ms;     /* new samples appended and synced this often; default/max 1000 */
    bool keep_x;      /* keep every sample's x (8 bytes more a sample) for uniform series too:
                             needed for piecewise-uniform ones (rp_push_segment, e.g. sources that
                             estimate rates), whose x is not one t0 + k / rate. Default: uniform
                             series are recorded as t0 and rate (the segment they are in when
                             recording starts); timestamped series always keep x */
    bool scroll_back; /* views of each recorded series reach past its ring into this file: the
                             part of a view older than the ring's oldest sample is drawn from the
                             blocks flushed so far (rp_decimate, rp_series_y_range,
                             rp_series_sample_near, rp_series_range_stats,
                             rp_series_copy_ending_at), on the thread that added the series
                             only. Default off */
    rp_log_desc log;  /* where its failures are reported; default none */
} rp_recorder_desc;

typedef struct rp_recorder_stats {
    int64_t samples_written; /* samples taken into the recording (on disk by the next flush; after
                                 a failed write up to one 1 MiB batch of them did not get there) */
    int64_t samples_lost;    /* samples never written: overrun by the series, or disk failure */
    int64_t bytes_written;   /* file size so far */
    int64_t write_errors;    /* failed writes or syncs (the first one stops the recording) */
    int64_t flushes;         /* flush + sync rounds done */
    bool failed;             /* a write failed: the recording stopped (see last_error) */
} rp_recorder_stats;

/* Creates the file and starts the recorder thread. Thread: any; the caller owns the recorder. */
RP_API rp_status rp_recorder_create(const rp_recorder_desc *desc, rp_recorder **out);
/* Records `series` (borrowed: it must outlive the recorder) from its oldest retained sample on;
 * unit copied (NULL: none, longer than RP_RECORD_UNIT_MAX-1: RP_ERR_LIMIT). A read-only
 * (recording) series is refused. Thread: the recorder's owner. */
RP_API rp_status rp_recorder_add_series(rp_recorder *rec, rp_series *series, const char *unit);
/* Writes what is pending now and syncs (as the periodic flush does), then returns. Thread: owner. */
RP_API rp_status rp_recorder_flush(rp_recorder *rec);
/* Counters. Thread: any. */
RP_API rp_recorder_stats rp_recorder_stats_get(const rp_recorder *rec);
/* The last failure ("" none); borrowed until the next failure. Thread: owner. */
RP_API const char *rp_recorder_last_error(const rp_recorder *rec);
/* Finishes the recording: copies every sample pushed so far, writes the index and closes the
 * file; the counters (rp_recorder_stats_get) are final from here on, and later samples are not
 * recorded (add_series refuses, flush does nothing). RP_ERR_IO when the recording failed.
 * Destroy still frees it. Thread: owner. */
RP_API rp_status rp_recorder_finish(rp_recorder *rec);
/* Finishes the recording (rp_recorder_finish) if it is not finished and frees it. The series may
 * be destroyed after this. NULL and stale handles are ignored. Thread: owner. */
RP_API void rp_recorder_destroy(rp_recorder *rec);

typedef struct rp_recording rp_recording;

typedef struct rp_recording_desc {
    rp_log_desc log; /* where its failures are reported; default none */
} rp_recording_desc;

typedef struct rp_recording_series_info {
    const char *name; /* borrowed from the recording */
    const char *unit; /* borrowed; "" when none */
    int64_t samples;  /* samples held */
    double rate, t0;  /* x of sample i = t0 + i / rate (uniform series) */
    bool timestamps;  /* irregular: each sample has its own x */
} rp_recording_series_info;

typedef struct rp_recording_stats {
    int64_t file_bytes; /* size of the file */
    int64_t samples;    /* all series together */
    bool indexed;       /* closed cleanly: opened from its index; false: recovered by a scan */
    int64_t bad_blocks; /* blocks that failed their checksum (a scan stops at the first) */
    int64_t bytes_read; /* bytes of the file touched by queries and the open (approx.) */
} rp_recording_stats;

/* Opens a recording without loading it: maps the file, reads its header and index (or, when it
 * was not closed cleanly, scans its blocks and stops at the first bad one). desc may be NULL.
 * Thread: any; the caller owns it, and every later rp_recording_* call belongs to the caller's
 * thread. Each series it holds is a read-only rp_series (its readers: as any series'). */
RP_API rp_status rp_recording_open(const char *path, const rp_recording_desc *desc,
                                   rp_recording **out);
RP_API int rp_recording_series_count(const rp_recording *rec); /* 0 for an invalid handle */
RP_API rp_status rp_recording_series_info_get(const rp_recording *rec, int index,
                                              rp_recording_series_info *info);
/* The i-th series as a read-only rp_series, owned by the recording (valid until it is closed):
 * add it to a figure, decimate it, query it; rp_push on it returns RP_ERR_UNSUPPORTED. */
RP_API rp_series *rp_recording_series(const rp_recording *rec, int index);
/* Copies samples [first, first + n) of series `index` to out (and their x to x_out, may be NULL).
 * RP_ERR_INVALID_ARG past the end. */
RP_API rp_status rp_recording_read(const rp_recording *rec, int index, int64_t first, int64_t n,
                                   float *out, double *x_out);
/* Checks every block's samples against its CRC-32 (reads the whole file once: about 1 s per GB
 * from the page cache). Opening trusts a closed file's blocks past their headers, so that a view
 * reads only what it draws; a block found damaged here reads as gaps from then on (its summaries
 * in the index, checked on their own, still give its min and max zoomed out), is counted in
 * rp_recording_stats.bad_blocks and said (RECORD_CORRUPT). *damaged (may be NULL): blocks found
 * so (this call and before). RP_OK however many: the call ran. Thread: the recording's. */
RP_API rp_status rp_recording_verify(rp_recording *rec, int64_t *damaged);
RP_API rp_recording_stats rp_recording_stats_get(const rp_recording *rec);
RP_API const char *rp_recording_last_error(const rp_recording *rec); /* "" none; borrowed */
/* Unmaps and frees; its series must no longer be in a figure. NULL is ignored. */
RP_API void rp_recording_close(rp_recording *rec);

/* Export. x0 > x1 (e.g. INFINITY, -INFINITY) means everything. CSV: a header line
 * "seconds,<name>,..." then one line per distinct x (all series merged in time order) with each
 * series' value at that x, or an empty field where it has no sample there. `ringplot --replay`
 * reads it back sample for sample when the series share their x (one sample each per line, e.g.
 * frames of a binary stream, or one series); otherwise an empty field comes back as a NaN gap.
 * Values are written with 9 significant digits (float32 exactly), x with 17 (double exactly).
 * Raw: every selected sample of every series, float32 little-endian, series after series.
 * Threads: the recording's. */
RP_API rp_status rp_recording_export_csv(const rp_recording *rec, double x0, double x1,
                                         const char *path);
RP_API rp_status rp_recording_export_raw(const rp_recording *rec, double x0, double x1,
                                         const char *path);
/* The same for the series i whose include[i] is true (i as rp_recording_series takes it;
 * include NULL: every series), as a view that hides some exports what it shows. RP_ERR_INVALID_ARG
 * when include leaves out every series. Threads: the recording's. */
RP_API rp_status rp_recording_export_csv_series(const rp_recording *rec, double x0, double x1,
                                                const bool *include, const char *path);
RP_API rp_status rp_recording_export_raw_series(const rp_recording *rec, double x0, double x1,
                                                const bool *include, const char *path);

#ifdef __cplusplus
}
#endif

#endif /* RINGPLOT_H */
