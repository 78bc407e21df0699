/* ringplot.h — GPU real-time plotting engine for live float32 streams.
 *
 * Overview
 *   1. Create a series per signal: rp_series_create(&(rp_series_desc){.capacity = 1 << 24}, &s).
 *      Every byte the series will ever use is allocated (and touched) here; nothing grows later.
 *   2. Push samples from one producer thread per series: rp_push(s, samples, n). Lock-free,
 *      never blocks, never allocates. The newest `capacity` samples are retained; older ones
 *      expire and are counted.
 *   3. Query what the pixels can show: rp_decimate(s, x0, x1, width_px, ...) returns per pixel
 *      column its first, min, max and last sample (M4) in O(width · log N), whatever N.
 *   4. Draw: the renderer (see the rendering section) decimates every visible series each frame
 *      and draws thick anti-aliased lines, in a window or headless to PNG.
 *
 * Threading
 *   Nothing is thread-safe except where stated. rp_push / rp_push_timed may run on one producer
 *   thread per series, concurrently with every read call on that series (rp_decimate,
 *   rp_series_range, rp_series_stats, ...). Readers never see a torn or half-written range: they
 *   read optimistically and validate against the producer's write mark, retrying if it overran.
 *
 * Memory
 *   A series costs capacity × 4 bytes of samples + a min-max pyramid of at most 1/8 of that
 *   (uniform rate), + capacity × 8 bytes of timestamps for irregular series. rp_series_stats
 *   reports the bytes actually allocated.
 *
 * Errors
 *   Calls that can fail return rp_status (RP_OK == 0); rp_status_string() names each code. Objects
 *   that keep state keep a readable last-error message. Misuse (NULL, a destroyed object, zero
 *   capacity) is reported, never undefined behaviour.
 *
 * Positions
 *   A sample's position is a 64-bit index (count of samples pushed before it). Its x is
 *   t0 + index / rate for uniform series, or its own timestamp for irregular series. Decimation
 *   columns are cut in index space on a grid anchored at index 0, so a view that scrolls by whole
 *   columns shows exactly the same pixels after 10^10 samples as after 10^3.
 */
#ifndef RINGPLOT_H
#define RINGPLOT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#define RINGPLOT_VERSION_MAJOR 0
#define RINGPLOT_VERSION_MINOR 1
#define RINGPLOT_VERSION_PATCH 0

/* ---------------------------------------------------------------------------------------------
 * Status codes
 * ------------------------------------------------------------------------------------------- */
typedef enum rp_status {
    RP_OK = 0,
    RP_ERR_INVALID_ARG,   /* NULL pointer, zero/negative size, bad range, wrong object */
    RP_ERR_NO_MEMORY,     /* allocation failed at creation time */
    RP_ERR_OUT_OF_ORDER,  /* irregular series: timestamp older than the last one (sample rejected) */
    RP_ERR_LIMIT,         /* input beyond a documented limit (name too long, too many series...) */
    RP_ERR_BUFFER_SMALL,  /* caller's output buffer is too small for the request */
    RP_ERR_OVERRUN,       /* a read could not complete: the producer overwrote the range repeatedly */
    RP_ERR_PARSE,         /* malformed outside input (a line, a frame, a flag value) */
    RP_ERR_IO,            /* file, socket or PNG write failed */
    RP_ERR_GL,            /* GL context, shader or framebuffer failure */
    RP_ERR_PLATFORM,      /* window system / EGL failure */
    RP_ERR_UNSUPPORTED,   /* feature not available in this build or on this series kind */
    RP_STATUS_COUNT
} rp_status;

const char *rp_status_string(rp_status status); /* static string naming a status; any thread */

/* ---------------------------------------------------------------------------------------------
 * Series store: fixed-memory ring of float32 samples with an incremental min-max pyramid.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_series rp_series;

#define RP_NAME_MAX 64 /* bytes of a series name including the terminating NUL */

typedef struct rp_series_desc {
    const char *name;     /* copied; default "series"; longer than RP_NAME_MAX-1 → RP_ERR_LIMIT */
    int64_t capacity;     /* samples retained; default 1 << 20; must be >= 1 when set */
    double rate;          /* samples per x unit (e.g. Hz when x is seconds); default 1 */
    double t0;            /* x of sample index 0; default 0 (uniform series only) */
    bool timestamps;      /* irregular series: each sample carries a double x, non-decreasing */
    int64_t first_index;  /* index of the first sample pushed (resume a stream's numbering); 0 */
} rp_series_desc;

typedef struct rp_series_stats {
    int64_t pushed;       /* samples offered to push (accepted + rejected) */
    int64_t accepted;     /* samples appended (the next sample's index is first_index + accepted) */
    int64_t retained;     /* samples currently held (<= capacity) */
    int64_t expired;      /* accepted samples overwritten by newer ones, by design */
    int64_t rejected;     /* samples refused: out-of-order or non-finite timestamps */
    int64_t bytes;        /* bytes allocated for this series, measured at allocation */
    int64_t read_retries; /* reads that were retried because the producer overran them */
} rp_series_stats;

/* Creates a series; all memory is allocated and touched here. desc may be NULL (all defaults).
 * Thread: any; the series is then owned by the caller until rp_series_destroy. */
rp_status rp_series_create(const rp_series_desc *desc, rp_series **out);
/* Frees the series. No producer or reader may be using it. NULL is ignored. */
void rp_series_destroy(rp_series *series);
/* The resolved description (defaults filled in); name points into the series. Thread: any. */
rp_series_desc rp_series_get_desc(const rp_series *series);
const char *rp_series_name(const rp_series *series); /* borrowed, lives as long as the series */

/* Appends n samples (copied) to a uniform-rate series. NaN marks a gap; ±Inf is kept and drawn
 * at the plot edge. Lock-free, never blocks or allocates. Thread: the series' one producer. */
rp_status rp_push(rp_series *series, const float *samples, int64_t n);
/* Appends n samples with their x (copied) to an irregular series. A timestamp that is not finite
 * or is older than the last accepted one rejects that sample (counted) and the rest still go in;
 * returns RP_ERR_OUT_OF_ORDER if any was rejected. Thread: the series' one producer. */
rp_status rp_push_timed(rp_series *series, const double *x, const float *samples, int64_t n);

/* Counters and memory. Thread: any (values are individually atomic snapshots). */
rp_series_stats rp_series_stats_get(const rp_series *series);

/* x range [*x_first, *x_last] of the retained samples; RP_ERR_INVALID_ARG when empty.
 * Thread: any reader. */
rp_status rp_series_x_extent(const rp_series *series, double *x_first, double *x_last);
/* Finite min and max of the samples with x in [x0, x1] (NaN and ±Inf ignored), in O(log N).
 * *found is false (and y untouched) when there is no finite sample there. Thread: any reader. */
rp_status rp_series_y_range(const rp_series *series, double x0, double x1,
                            float *y_min, float *y_max, bool *found);
/* Value and x of the retained sample nearest to x (for crosshair read-outs). Thread: any reader. */
rp_status rp_series_sample_near(const rp_series *series, double x, int64_t *index, double *sample_x,
                                float *value);

/* ---------------------------------------------------------------------------------------------
 * Decimation (M4): per pixel column the first, min, max and last sample, in time order.
 * ------------------------------------------------------------------------------------------- */
enum {
    RP_M4_NAN = 1u << 0,     /* the column contains at least one NaN: a gap */
    RP_M4_POS_INF = 1u << 1, /* the column contains +Inf (draw to the top edge) */
    RP_M4_NEG_INF = 1u << 2, /* the column contains -Inf (draw to the bottom edge) */
    RP_M4_FINITE = 1u << 3,  /* the column has at least one finite sample (min/max valid) */
};

typedef struct rp_m4 {
    int64_t start, end;          /* sample indices [start, end) that fell in this column */
    int64_t first_i, last_i;     /* index of the first and last sample (-1 when empty) */
    int64_t min_i, max_i;        /* index of the first finite min / max (-1 without RP_M4_FINITE) */
    double first_x, last_x;      /* x of those samples */
    double min_x, max_x;
    float first, last;           /* raw values (may be NaN or ±Inf) */
    float min, max;              /* finite min and max (valid with RP_M4_FINITE) */
    uint32_t flags;              /* RP_M4_* */
} rp_m4;

typedef struct rp_decimation {
    /* in: */
    rp_m4 *out;          /* caller's buffer; borrowed for the call */
    int out_capacity;    /* entries available; width + 2 is always enough */
    /* out: */
    int count;           /* entries written */
    bool raw;            /* true: each entry is one raw sample (the range held <= width samples) */
    double column_dx;    /* x width of one column (0 in raw mode) */
    int64_t first_column;/* grid number of out[0] (column k covers x from k·column_dx) */
    bool has_before;     /* before/after: the retained sample just outside the entries, */
    bool has_after;      /* so a line can be drawn to the plot edge */
    rp_m4 before, after;
    int64_t head;        /* accepted count when the query ran */
    int64_t oldest;      /* oldest index the query could use */
} rp_decimation;

/* Decimates the samples with x in [x0, x1] to `width` columns (width >= 1, x1 > x0).
 * Columns lie on a grid of width column_dx = (x1 - x0) / width anchored at x = t0 (uniform) or
 * x = 0 (irregular), so the first and last column may extend slightly past x0 / x1; empty
 * columns come back with start == end. When the range holds no more than `width` samples the raw
 * samples come back instead (raw = true). Thread: any reader, concurrently with the producer. */
rp_status rp_decimate(const rp_series *series, double x0, double x1, int width,
                      rp_decimation *result);

/* ---------------------------------------------------------------------------------------------
 * Figure: what to draw — a vertical stack of panels sharing one x range. Pure data, no GL.
 * A figure borrows its series: each must outlive the figure (or be removed first).
 * Every rp_figure_* call belongs to the thread that owns the figure (usually the render thread).
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_figure rp_figure;

typedef struct rp_color { float r, g, b, a; } rp_color; /* straight alpha, 0..1 */

typedef enum rp_theme { RP_THEME_DEFAULT = 0, RP_THEME_DARK = RP_THEME_DEFAULT, RP_THEME_LIGHT } rp_theme;

typedef enum rp_x_axis {
    RP_X_AXIS_DEFAULT = 0,
    RP_X_AXIS_NUMBER = RP_X_AXIS_DEFAULT, /* plain numbers */
    RP_X_AXIS_TIME,                       /* x is seconds: labels in s, ms, µs relative to the view */
    RP_X_AXIS_WALL_CLOCK,                 /* x is Unix seconds: HH:MM:SS, with the date when needed */
} rp_x_axis;

#define RP_MAX_PANELS 16
#define RP_MAX_SERIES_PER_PANEL 32
#define RP_PALETTE_SIZE 8

typedef struct rp_figure_desc {
    const char *title;      /* copied; default none */
    const char *x_label;    /* copied; default none ("time" axes add their unit) */
    rp_theme theme;         /* default dark */
    rp_x_axis x_axis;       /* default numbers */
    bool wall_clock_local;  /* RP_X_AXIS_WALL_CLOCK in local time (default UTC) */
    float line_width;       /* px at scale 1; default 1.5 */
    bool hide_legend;       /* default: legend shown */
    bool hide_grid;         /* default: grid shown */
} rp_figure_desc;

typedef struct rp_panel_desc {
    const char *title;      /* copied; default none */
    const char *y_label;    /* copied; default none */
    bool fixed_y;           /* true: use y_min..y_max; default false = autoscale with headroom */
    double y_min, y_max;
} rp_panel_desc;

typedef struct rp_series_style {
    const char *label;      /* copied; default the series name */
    rp_color color;         /* a == 0 → next colour of the colour-blind-safe palette */
    float line_width;       /* px at scale 1; 0 → the figure's */
} rp_series_style;

/* Creates an empty figure (desc may be NULL). Thread: any; then owned by the caller. */
rp_status rp_figure_create(const rp_figure_desc *desc, rp_figure **out);
void rp_figure_destroy(rp_figure *figure); /* NULL is ignored; the series are not touched */
/* The resolved description; strings point into the figure. */
rp_figure_desc rp_figure_get_desc(const rp_figure *figure);
/* Adds a panel at the bottom of the stack; its number goes to *panel (0-based). */
rp_status rp_figure_add_panel(rp_figure *figure, const rp_panel_desc *desc, int *panel);
int rp_figure_panel_count(const rp_figure *figure);
/* Shows `series` (borrowed) in `panel`; style may be NULL. */
rp_status rp_figure_add_series(rp_figure *figure, int panel, rp_series *series,
                               const rp_series_style *style);
rp_status rp_figure_remove_series(rp_figure *figure, rp_series *series); /* from every panel */
rp_status rp_figure_set_series_visible(rp_figure *figure, rp_series *series, bool visible);
bool rp_figure_series_visible(const rp_figure *figure, const rp_series *series);

/* The x view. Follow mode (the default): the view ends at the newest sample of all series and
 * spans `span` x units (0 = everything retained). A fixed view stays where it is put. */
rp_status rp_figure_follow(rp_figure *figure, double span);
rp_status rp_figure_set_x_view(rp_figure *figure, double x0, double x1);
bool rp_figure_following(const rp_figure *figure);
/* The x view the next frame will use (resolves follow mode against the series now). */
rp_status rp_figure_x_view(const rp_figure *figure, double *x0, double *x1);
/* A panel's y view: fixed, or autoscaled to the visible data (with headroom). */
rp_status rp_figure_set_y_view(rp_figure *figure, int panel, double y0, double y1);
rp_status rp_figure_autoscale_y(rp_figure *figure, int panel); /* back to autoscale */
rp_status rp_figure_y_view(const rp_figure *figure, int panel, double *y0, double *y1);

/* Crosshair at viewport px (as rp_figure_hit_test): the next frames draw a vertical line there
 * and each visible series' value at that x. NAN hides it. */
rp_status rp_figure_set_crosshair(rp_figure *figure, float px, float py);
/* Text drawn in a box at the top-left of the figure, lines separated by '\n' (e.g. a HUD with
 * fps and counters). Copied (up to 1023 bytes); NULL or "" hides it. */
rp_status rp_figure_set_overlay(rp_figure *figure, const char *text);

/* Where things were drawn by the last render of this figure, for mouse hit-testing. */
typedef enum rp_hit_kind { RP_HIT_NONE = 0, RP_HIT_PLOT, RP_HIT_LEGEND, RP_HIT_X_AXIS, RP_HIT_Y_AXIS } rp_hit_kind;
typedef struct rp_hit {
    rp_hit_kind kind;
    int panel;             /* panel under the point (-1 if none) */
    double x, y;           /* data coordinates under the point (RP_HIT_PLOT) */
    rp_series *series;     /* legend entry under the point (RP_HIT_LEGEND) */
} rp_hit;
/* px, py in framebuffer pixels from the top-left of the viewport last rendered. */
rp_hit rp_figure_hit_test(const rp_figure *figure, float px, float py);

/* ---------------------------------------------------------------------------------------------
 * Renderer: GL 3.3 core objects (shaders, buffers, glyph atlas) in one GL context.
 * Every rp_renderer_* call belongs to the thread where that context is current.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_renderer rp_renderer;
typedef void *(*rp_gl_proc_loader)(const char *name);

typedef struct rp_renderer_desc {
    rp_gl_proc_loader get_proc_address; /* e.g. SDL_GL_GetProcAddress; NULL → eglGetProcAddress */
    float scale;                        /* HiDPI scale of px sizes (fonts, widths); default 1 */
} rp_renderer_desc;

typedef struct rp_frame_stats {
    double decimate_ms;      /* CPU time decimating this frame */
    double total_ms;         /* CPU time of rp_renderer_draw */
    int64_t vertices;        /* vertices streamed this frame */
    int64_t upload_bytes;    /* bytes uploaded to GPU buffers this frame */
    int64_t samples_in_view; /* samples covered by the visible series */
} rp_frame_stats;

/* Creates the GL objects in the context current on this thread (GL 3.3 core or newer). */
rp_status rp_renderer_create(const rp_renderer_desc *desc, rp_renderer **out);
void rp_renderer_destroy(rp_renderer *renderer); /* its context must be current; NULL ignored */
/* Draws the figure into the viewport (x, y, width, height) of the framebuffer bound now
 * (y from the bottom, as glViewport). Saves and restores the GL state it changes (see
 * README "GL state"); never swaps buffers or polls events. Updates the figure's hit-test layout. */
rp_status rp_renderer_draw(rp_renderer *renderer, rp_figure *figure, int x, int y, int width,
                           int height);
rp_frame_stats rp_renderer_last_stats(const rp_renderer *renderer);
const char *rp_renderer_last_error(const rp_renderer *renderer);
const char *rp_renderer_gl_string(const rp_renderer *renderer); /* GL_RENDERER, e.g. "llvmpipe" */

/* ---------------------------------------------------------------------------------------------
 * Headless: an EGL surfaceless context with an RGBA8 framebuffer object; no display needed.
 * Every rp_headless_* call belongs to the thread that created it.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_headless rp_headless;

/* Creates a width × height offscreen target and a renderer for it (scale: HiDPI, 0 → 1). */
rp_status rp_headless_create(int width, int height, float scale, rp_headless **out);
void rp_headless_destroy(rp_headless *headless);
rp_status rp_headless_render(rp_headless *headless, rp_figure *figure); /* draws, glFinish */
/* Copies the last frame, top row first, RGBA8, into rgba (width*height*4 bytes). */
rp_status rp_headless_read_rgba(rp_headless *headless, uint8_t *rgba, size_t size);
rp_status rp_headless_write_png(rp_headless *headless, const char *path);
rp_renderer *rp_headless_renderer(rp_headless *headless); /* borrowed */
/* The last error of headless; NULL: why the last rp_headless_create / rp_render_png on this
 * thread failed (no EGL, no surfaceless platform, no GL 3.3 context, FBO incomplete, bad path). */
const char *rp_headless_last_error(const rp_headless *headless);
/* One call: renders the figure headless at width × height and writes a PNG. */
rp_status rp_render_png(rp_figure *figure, int width, int height, const char *path);
/* Writes top-row-first RGBA8 pixels as a PNG. Thread: any. */
rp_status rp_write_png_rgba(const char *path, const uint8_t *rgba, int width, int height);

/* ---------------------------------------------------------------------------------------------
 * Window: an SDL2 window with a GL 3.3 core context (vsync, HiDPI) and a renderer in it, for the
 * viewer and the demos. Event handling stays with the caller: poll SDL events yourself
 * (SDL_PollEvent; rp_window_sdl_window gives the SDL_Window*). Works under X11 (also Xvfb) and
 * SDL_VIDEODRIVER=offscreen. Every rp_window_* call belongs to the thread that created the window
 * (for SDL, the main thread). A window and headless objects can exist at the same time.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_window rp_window;

typedef struct rp_window_desc {
    const char *title;    /* copied by SDL; default "ringplot" */
    int width, height;    /* window size in screen units; default 1280 x 720 */
    bool no_vsync;        /* default: vsync on (falls back silently where unsupported) */
    bool resizable;       /* default: fixed size */
    bool hidden;          /* create it hidden (tests) */
    bool no_high_dpi;     /* default: HiDPI drawable (more pixels than screen units) */
} rp_window_desc;

/* Opens the window (initialising SDL video), makes its GL 3.3 core context current and creates a
 * renderer in it with scale = drawable px / window units. desc may be NULL (all defaults). */
rp_status rp_window_create(const rp_window_desc *desc, rp_window **out);
void rp_window_destroy(rp_window *window); /* NULL ignored; SDL video is quit when the last goes */
rp_renderer *rp_window_renderer(rp_window *window); /* borrowed */
/* Makes the window's context current (after drawing with another context on this thread). */
rp_status rp_window_make_current(rp_window *window);
/* Clears and draws figure (may be NULL: just clear) into the whole drawable, then swaps. */
rp_status rp_window_present(rp_window *window, rp_figure *figure);
/* The two halves of rp_window_present, for hosts that add their own GL or read pixels back. */
rp_status rp_window_render(rp_window *window, rp_figure *figure);
rp_status rp_window_swap(rp_window *window);
/* Reads the back buffer (after rp_window_render, before rp_window_swap), top row first, RGBA8;
 * size >= drawable width * height * 4. */
rp_status rp_window_read_rgba(rp_window *window, uint8_t *rgba, size_t size);
void rp_window_drawable_size(const rp_window *window, int *width, int *height); /* framebuffer px */
float rp_window_scale(const rp_window *window); /* drawable px per window unit (2 on Retina) */
void *rp_window_sdl_window(rp_window *window);  /* the SDL_Window*, borrowed */
/* The last error of window; NULL: why the last rp_window_create on this thread failed. */
const char *rp_window_last_error(const rp_window *window);

#ifdef __cplusplus
}
#endif

#endif /* RINGPLOT_H */
