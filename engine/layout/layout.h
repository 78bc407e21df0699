/* layout.h — where every part of a figure goes for one frame: plot title, panels stacked with a
 * shared x axis, margins sized from the real widths of the tick labels, axis titles, legends.
 * No GL: pure arithmetic over the figure, the fonts' metrics and the tick sets. The renderer
 * draws from an rp_layout; nothing here allocates (an rp_layout lives inside the renderer).
 * What a frame drew is kept by whoever drew it, not in the figure (drawn.c): the renderer holds an
 * rp_drawn_frames table, one record per figure it drew recently.
 *
 *   rp_layout_compute   resolve views, ticks and rectangles for a viewport
 *   rp_drawn_record     keep what a frame drew (for hit-testing and the next frame's legend)
 *   rp_drawn_hit_test   what a pixel of that frame shows
 */
#ifndef RP_LAYOUT_LAYOUT_H
#define RP_LAYOUT_LAYOUT_H

#include "axis/ticks.h"
#include "figure/figure_internal.h"
#include "text/font.h"

#define RP_LAYOUT_RIGHT_MARK " (right)"   /* legend: after a series on the right y axis */
#define RP_LAYOUT_STAT_COLS 8             /* n, min, max, mean, RMS, std, p-p, rate */
#define RP_LAYOUT_TABLE_MAX_FRACTION 0.4f /* of the viewport height, at most */
#define RP_LAYOUT_MIN_PLOT_H 28.0f        /* px at scale 1 each plot keeps before the table grows */
#define RP_LAYOUT_SLIVER_H 8.0f /* px at scale 1 each plot keeps: else no table (not over them) */
#define RP_LAYOUT_LEGEND_KEY 10

typedef struct rp_layout_fonts {
    const rp_font *label;      /* tick labels, axis titles, legend */
    const rp_font *label_bold; /* panel titles */
    const rp_font *title;      /* plot title */
    float scale;               /* HiDPI scale of paddings and widths */
} rp_layout_fonts;

typedef struct rp_legend_entry {
    rp_rect rect;             /* the entry's row (hit-testing) */
    float swatch_x, swatch_y; /* left end and vertical centre of the colour swatch */
    float text_x, baseline;
    bool shown; /* false: did not fit */
    int cut;    /* a narrow legend: > 0 the name cut to its first `cut` bytes and "…", -1 the name
                without its " (right)" mark; 0 whole (after `skip`) */
    int skip;   /* a narrow legend of names that share a long head: its bytes left out, "…" in
                   their place, so that what tells the names apart shows (0: none) */
} rp_legend_entry;

/* The text entry e shows of its series' name `label` (without the " (right)" mark): its cut and
 * skip applied. */
void rp_layout_legend_text(const rp_legend_entry *e, const char *label, char *out, size_t size);

typedef struct rp_panel_layout {
    rp_rect panel;      /* the whole panel: header, y axis, plot (hit-testing) */
    rp_rect plot;       /* the data area, whole pixels */
    double y0, y1;      /* y view */
    rp_y_scale y_scale; /* and its scale (axis/scale.h): px are linear in its unit */
    double y_threshold;
    rp_tick_set yticks;
    char y_title[RP_TEXT_MAX]; /* the panel's y_label, else the unit its left series share */
    char y2_unit[RP_TEXT_MAX]; /* the unit the right axis' series share ("" when none/mixed) */
    bool has_right;            /* a right y axis (series with y_axis 1): its view and ticks */
    double y2_0, y2_1;
    rp_tick_set y2ticks;
    bool has_header; /* a row above the plot for the panel title / y annotation */
    float header_baseline;
    float own_axis_baseline; /* a view panel's own x axis labels, in a band under its plot (0:
                                a time panel) */
    rp_rect legend;          /* w == 0: no legend */
    int legend_corner;       /* 0 top-right, 1 top-left, 2 bottom-right, 3 bottom-left */
    bool legend_compact;     /* a plot too short for the box: one row close to the corner */
    /* The layout the automatic corner was chosen for (viewport, legend box, entries, x span,
     * the place asked for, the figure's refits, live or not): the corner is chosen once per layout and kept while the data
     * scrolls, so a click aimed at an entry of a live plot lands on it. */
    float legend_key[RP_LAYOUT_LEGEND_KEY];
    rp_legend_entry entries[RP_MAX_SERIES_PER_PANEL];
    /* entries that did not fit, said in the legend's last place ("+12 more"; 0: all shown), or
     * after the one entry shown on its row when the legend has one place */
    int legend_more;
    float legend_more_x, legend_more_baseline;
} rp_panel_layout;

typedef struct rp_layout {
    int width, height; /* viewport px */
    float scale;
    double x0, x1;      /* x view */
    double x_label_ref; /* x tick labels show x - x_label_ref (relative time), else 0; live:
                         * the view's end, a fraction of a column past `origin` */
    rp_tick_set xticks; /* values in data x (x_label_ref already added back) */
    int panel_count;
    rp_panel_layout panels[RP_MAX_PANELS];
    /* Shared geometry */
    float tick_len;           /* px */
    float tick_label_right;   /* y tick labels end here (right-aligned) */
    float right_label_left;   /* right y axis tick labels start here (left-aligned); 0: none */
    float y_title_baseline_x; /* vertical y axis titles: baseline x */
    bool has_title;
    float title_baseline;
    float x_labels_baseline; /* under the x axis panel */
    int x_axis_panel;        /* the last time panel (-1: none, every panel has its own x axis) */
    bool has_x_title_row;
    float x_title_baseline;
    float line_px;   /* width of grid and axis lines, whole px */
    rp_rect overlay; /* the app's text box (HUD) in a band of its own above the top
                                  plot (never over data); w == 0 when the figure has none */
    float overlay_row_h, overlay_pad;
    int overlay_rows;    /* text lines flow down columns of this many rows */
    float overlay_col_w; /* column pitch, px */
    float
        overlay_wrap_w; /* > 0: a line wider than this wraps (rp_layout_overlay_row); one column */
    /* Measuring: the x cursors are counted from (see rp_figure_time_origin), the cursors' data x
     * and px (NAN: off or out of view), and the read-out table in a band of its own at the
     * bottom of the figure: a cursor line (A, B, Δt, 1/Δt), a line per panel with level cursors
     * (across the columns: rp_layout_level_line), column titles, then a row per visible series,
     * as many as fit (`table_rows`); when some do not, the last line counts them (`table_more`).
     * The band takes at most RP_LAYOUT_TABLE_MAX_FRACTION of the height, and no more than leaves
     * every plot RP_LAYOUT_MIN_PLOT_H (yet always two lines: the cursor line and "+N more"; none
     * when those would leave a plot under RP_LAYOUT_SLIVER_H: a table over the panels' titles and
     * the time labels told nothing). */
    double origin;
    bool cursor_on[2];
    double cursor_x[2];
    float cursor_px[2];
    rp_rect timeline; /* the replay's bar at the very bottom (w == 0: none) */
    rp_rect table;    /* w == 0: no table */
    float table_row_h, table_pad, table_label_w, table_col_w;
    float table_text_w;     /* its widest line of text across the columns (cursor, levels) */
    int table_cursor_cols;  /* 0, 1 (one cursor) or 3 (A, B, B−A) */
    int table_stat_cols;    /* 0 or RP_LAYOUT_STAT_COLS */
    bool table_cursor_line; /* the first row is the A / B / Δt line */
    int table_cols;         /* value columns in all (cursor + statistics) */
    int table_per_line;     /* value columns that fit side by side: a series' row wraps onto
                                  table_lines lines when there are more */
    int table_lines;
    int table_rows;   /* text lines the band holds */
    int table_wanted; /* data rows there are (levels + series) */
    int table_levels; /* of which level lines */
    bool table_more;  /* not every line fits: the last line is "+N more rows" */
} rp_layout;

/* What one frame drew of a figure: the rectangles and views hit-testing answers from, and the
 * legend corners the next frame keeps (hysteresis). Fixed size; no pointer into a layout. */
typedef struct rp_drawn_panel {
    rp_rect plot;  /* the data area */
    rp_rect panel; /* the whole panel including axes */
    rp_rect legend;
    double y0, y1;
    bool has_right;
    double y2_0, y2_1;
    rp_y_scale y_scale;
    double y_threshold;
    int legend_corner;
    float legend_key[RP_LAYOUT_LEGEND_KEY];
    int entry_count;
    rp_rect entries[RP_MAX_SERIES_PER_PANEL]; /* w == 0: not shown */
    const rp_series *entry_series[RP_MAX_SERIES_PER_PANEL];
    uint64_t entry_serial[RP_MAX_SERIES_PER_PANEL]; /* the figure entry's registration */
} rp_drawn_panel;

typedef struct rp_drawn_frame {
    int width, height; /* 0: nothing drawn */
    double x0, x1;
    double origin;      /* cursors and read-outs were counted from it (see rp_layout.origin) */
    float cursor_px[2]; /* NAN: off or out of view */
    int panel_count;
    int x_axis_panel; /* the panel under which the time labels are (-1: none) */
    rp_drawn_panel panels[RP_MAX_PANELS];
    rp_rect timeline;                /* the replay's bar (w == 0: none drawn) */
    double timeline_x0, timeline_x1; /* the x it stood for, end to end */
} rp_drawn_frame;

/* The last frame of each of the RP_RENDERER_FIGURES figures drawn most recently; the least
 * recently drawn one gives its record up to a new figure. */
typedef struct rp_drawn_frames {
    rp_drawn_frame frames[RP_RENDERER_FIGURES];
    const rp_figure *figure[RP_RENDERER_FIGURES]; /* never read through: compared only */
    uint64_t serial[RP_RENDERER_FIGURES];         /* its registration (core/handles.h) */
    uint64_t used[RP_RENDERER_FIGURES];           /* clock of its last frame; 0: free */
    uint64_t clock;
} rp_drawn_frames;

/* The next row of the app's text box from p: the text up to its '\n', or, when wrap_w > 0 and
 * that is wider, the most whole words that fit wrap_w (a word wider alone is cut between
 * characters). Copies the row into line (size bytes, NUL-terminated); returns where the next row
 * starts (at the NUL when none). The layout and the drawer both read rows through it. */
const char *rp_layout_overlay_row(const rp_font *font, const char *p, float wrap_w, char *line,
                                  size_t size);

/* Computes the layout of `figure` in a width × height viewport for the x view [x0, x1] and the
 * y views y0[p], y1[p] of each panel. newest_x: while the figure follows live, its newest x (the
 * view's end before the renderer snapped x1 up to the column grid): the time cursors and the
 * read-outs count from it (NAN: from x1). previous: the last frame drawn of this figure by the
 * same drawer (its legend corners are kept while the layout stays), NULL for none. Thread: the
 * figure's owner. */
void rp_layout_compute(rp_layout *out, const rp_figure *figure, const rp_layout_fonts *fonts,
                       int width, int height, double x0, double x1, double newest_x,
                       const double *y0, const double *y1, const rp_drawn_frame *previous);

/* The record of the last frame of figure in the table (NULL: not drawn, or another figure that
 * lives at the same address now). */
const rp_drawn_frame *rp_drawn_find(const rp_drawn_frames *frames, const rp_figure *figure);
/* The record for a frame of figure about to be kept: its own, else a free or the least recently
 * used one. */
rp_drawn_frame *rp_drawn_take(rp_drawn_frames *frames, const rp_figure *figure);
/* Keeps what `layout` drew of figure in *out. */
void rp_drawn_record(rp_drawn_frame *out, const rp_layout *layout, const rp_figure *figure);
/* What is at px, py of that frame (NULL frame: nothing). figure: the one drawn (for the legend
 * entries' series, returned only while still in it). */
rp_hit rp_drawn_hit_test(const rp_drawn_frame *frame, const rp_figure *figure, float px, float py);
/* The public description of the frame (zeroed, false, for NULL). */
bool rp_drawn_describe(const rp_drawn_frame *frame, rp_frame_layout *out);

/* Where the app's badge and message go (rp_figure_set_badge / _message): in the first time
 * panel's header row, right-aligned, in the stretches its title and the time cursors' A / B tags
 * leave free (the badge moves left of a tag at the right edge; the message takes the rightmost
 * stretch it fits, else the widest, shortened with "…", else none). Without a time panel with a
 * header: inside the top plot's top-right corner. */
typedef struct rp_status_place {
    rp_rect badge, message;                       /* w == 0: not drawn */
    float baseline;                               /* of both texts */
    char message_text[RP_FIGURE_MESSAGE_MAX + 4]; /* the message as it fits (+ "…") */
} rp_status_place;
void rp_layout_status(const rp_layout *l, const rp_figure *figure, const rp_layout_fonts *fonts,
                      rp_status_place *out);
/* Shortens text t (a buffer of size bytes) in place to at most room px in font: whole UTF-8
 * characters, trailing spaces dropped, then "…" (U+2026). Unchanged when it fits; false (t
 * emptied) when not one character and the mark fit. */
bool rp_layout_fit_text(const rp_font *font, char *t, size_t size, float room);
/* The same, keeping the end: "…" then the last whole characters that fit ("…s/door"). */
bool rp_layout_fit_text_tail(const rp_font *font, char *t, size_t size, float room);
/* The tag of time cursor k (0: A, 1: B) above the first time panel (w == 0: none). */
rp_rect rp_layout_cursor_tag(const rp_layout *l, const rp_figure *figure,
                             const rp_layout_fonts *fonts, int k);

/* The read-out table's line for panel p's level cursors, with the cells a, b (the levels) and d
 * (their difference) in it. */
void rp_layout_level_line(const rp_figure *figure, int p, const char *a, const char *b,
                          const char *d, char *out, size_t size);

/* The vertical pixel of data y in a panel / the horizontal pixel of data x (double math). */
double rp_layout_y_px(const rp_panel_layout *panel, double y);
double rp_layout_y2_px(const rp_panel_layout *panel, double y); /* on the right axis */
/* Height of one row of a notes panel (a state track, the log marker row, a log list line). */
float rp_layout_notes_row_h(const rp_layout_fonts *fonts);
double rp_layout_x_px(const rp_layout *layout, const rp_rect *plot, double x);

/* The statistics table's cells of one series from its range statistics (st; NULL: none): n,
 * min, max, mean, RMS, std, p-p, rate (RP_LAYOUT_STAT_COLS, 24 bytes each). "-": none; "…": a
 * recording's moments still being summed. n counts the finite samples; a ±Inf sample (a value
 * beyond float32's range) makes min or max "-inf" / "inf", and the p-p, mean and RMS what they
 * are with it (inf; "-" when undefined), not the finite samples' figures as if it were not
 * there. res_y: the panel's y resolution; per_second: "/s" (else "/x", a plain x axis). */
void rp_layout_stats_cells(const rp_range_stats *st, double res_y, bool per_second, char (*v)[24]);

#endif
