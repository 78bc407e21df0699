/* viewer.c — the live dashboard loop: new series into panels, events into view changes, HUD,
 * screenshots, window or headless frames. */
#include "viewer/viewer.h"

#include <SDL.h>
#include <errno.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#include "figure/figure_internal.h"
#include "ingest/panels.h"
#include "io/parse.h"

#define DRAG_THRESHOLD_PX 4.0f
#define ZOOM_STEP 0.85           /* view scale per wheel notch */
#define HEADLESS_IDLE_FRAMES 120 /* headless, sources that never end, no --frames */
#define MESSAGE_S 2.5            /* how long a key's message stays in the window */

struct rp_viewer {
    /* a layout snapshot's "series" keys that are no series name ("SOURCE: name": style_key) */
    char style_keys[RP_VIEWER_STYLES_MAX][2 * RP_NAME_MAX + 2];
    rp_viewer_options opt;
    bool xy_given[RP_MAX_PANELS]; /* time panels the x key gave an XY panel */
    char xy_key_specs[RP_VIEWER_MAX_XY][2 * RP_NAME_MAX]; /* --xy specs the x key made */
    /* panels that have their place and what the options ask for them (legend corner, levels,
     * y scale), once; a new one gets them at its final index (settle_new_panels) */
    bool settled[RP_MAX_PANELS];
    double settle_wait;   /* when an XY panel began to wait for its second series (0: none) */
    bool x_axis_settled;  /* a file shown whole: its first data said which x axis fits */
    bool file_dated;      /* ... and its times are dates (a wall-clock axis, no fixed origin) */
    bool cursors_pending; /* a file's --cursors with --span wait for its end (place_file_cursors) */
    rp_ingest *ingest;
    rp_figure *figure;
    rp_window *window;
    rp_headless *headless;
    rp_recorder *recorder;    /* --record */
    rp_recording *recording;  /* --open */
    double rec_x0, rec_x1;    /* its x extent */
    bool playing;             /* --open with --speed: the playhead moves */
    bool play_paused;         /* space during playback */
    double play_x, play_wall; /* playhead (x) and when it was last advanced (s) */
    double play_speed;        /* x units per second of wall clock: --speed, [ ] */
    double play_span;         /* x width of the view while playing (0: --span, or all of it) */
    bool scrubbing;           /* the left button went down on the timeline */
    /* live sources: the span a following view shows (--span, then what the wheel made of it:
     * zooming a live view changes only its span, its right edge stays the newest sample), and
     * the right edge of a view that left live (the newest sample then: set_time_view keeps a
     * paused, zoomed or dragged view from reaching past it, into samples that came later) */
    double live_span;
    double live_edge;
    bool ended_said[RP_INGEST_MAX_SOURCES];   /* a live source's end was said in the window */
    double ended_seen[RP_INGEST_MAX_SOURCES]; /* when it was first seen ended (0: not yet) */
    int series_recorded;                      /* ingest slots already given to the recorder */
    /* while the view does not follow live (paused, zoomed or dragged into the past) and nothing
     * else records: every series into a temporary, unlinked recording that the view scrolls back
     * into, so the samples it shows are not lost as the rings go on (--pause-history) */
    rp_recorder *hold;
    int hold_series;  /* ingest slots already given to it */
    bool hold_full;   /* it reached --pause-history bytes and was finished */
    bool hold_failed; /* it could not be made */
    bool hold_said;   /* a failure to make or keep it was said (once a run) */
    char hold_error[RP_ERROR_MAX];
    /* a live source's warnings that a user must see while it runs (a series' memory short of
     * the span, a guessed or mismatched rate, the series limit): how many of each source's
     * were said (rp_ingest_source_said_at), each said once */
    int warned[RP_INGEST_MAX_SOURCES];
    double warned_at;       /* when they were last looked at */
    rp_panel_policy panels; /* which panel each new series goes to */
    rp_notes *notes;        /* text values and log lines of the sources; NULL: counted only */
    int notes_panel;        /* its panel once the first note came (-1 before) */
    double first_note_wall; /* when the first note was seen (0: not yet) */
    bool y_range_applied[2 * RP_MAX_PANELS]; /* opt.y_ranges[i] is set (once) */
    bool sources_stopped; /* the run ended: the states below are the ones before */
    rp_mqtt_state mqtt_state_at_end[RP_INGEST_MAX_SOURCES];
    char gl_error[512]; /* the window's / headless target's newest error (log callback) */
    /* the open recording's and the recorder's newest error (keep_failure; they live as long as
     * the viewer: the recorder's thread may report into its buffer until it is destroyed) */
    char open_error[RP_ERROR_MAX], record_error[RP_ERROR_MAX];
    int64_t frames;
    bool running, hud, minimized, fullscreen;
    int windowed_w, windowed_h, windowed_x, windowed_y; /* window before fullscreen (SDL units) */
    bool screenshot_pending;
    rp_legend_place legend; /* --legend, applied to each panel as it is made */
    char last_screenshot[RP_VIEWER_PATH_MAX];
    /* mouse */
    bool dragging, pressed;
    bool legend_drag;       /* the press was on a legend: a drag moves it to a corner */
    int cursor_drag;        /* -1; 0/1: time cursor A/B; 2/3: level cursor 1/2 of drag_panel */
    float press_x, press_y; /* drawable px */
    int drag_panel;
    double drag_x0, drag_x1, drag_y0, drag_y1, drag_y2_0, drag_y2_1;
    bool drag_has_y2;
    bool view_drag; /* the press was in a spectrum, trigger or XY plot: a drag
                                       pans that panel's own axes */
    bool box_drag;  /* ctrl + press in a time plot: a drag draws a zoom box, the release zooms */
    float view_last_x, view_last_y; /* where the last pan of it left the pointer */
    rp_frame_layout frame; /* scratch for drawn(): where the renderer's last frame put things */
    /* drawing only on a change (rp_viewer_frame_if_changed): what the last frame drawn showed
     * (frame_signature), whether an event came since, and whether it left work for the next */
    uint64_t drawn_signature;
    void (*draw_hook)(void *user); /* rp_viewer__set_draw_hook */
    void *draw_hook_user;
    bool event_since_drawn, drawn_pending;
    int64_t frames_skipped;
    /* HUD */
    double last_frame_time, fps;
    double rate_time;
    int64_t rate_samples;
    double ingest_rate;
    char hud_text[2048];
    /* what the last key did or why it did nothing (say()), shown until message_until; the
     * badge: paused, or the playback's state and speed */
    char message[RP_FIGURE_MESSAGE_MAX];
    double message_until;
    char badge[RP_FIGURE_BADGE_MAX];
    /* ':' prompt: a line typed for the serial device(s) */
    bool prompt;
    bool prompt_skip_colon; /* the TEXTINPUT ':' of the key press that opened it */
    char prompt_text[256];
    char prompt_status[RP_INGEST_ERROR_MAX + 64]; /* result of the last send, shown in the prompt */
};

/* The renderer that draws the figure (the window's, or the headless target's). Where the last
 * frame put things is its own, not the figure's: hit tests and "as drawn" geometry ask it. */
static rp_renderer *viewer_renderer(rp_viewer *v)
{
    return v->window ? rp_window_renderer(v->window) : rp_headless_renderer(v->headless);
}

static rp_hit hit_test(rp_viewer *v, float px, float py)
{
    return rp_renderer_hit_test(viewer_renderer(v), v->figure, px, py);
}

/* The layout of the last frame (NULL before the first); valid until the next call. */
static const rp_frame_layout *drawn(rp_viewer *v)
{
    return rp_renderer_frame_layout(viewer_renderer(v), v->figure, &v->frame) ? &v->frame : NULL;
}

/* Panel p as the last frame drew it, NULL when it was not drawn (yet). */
static const rp_frame_panel *drawn_panel(rp_viewer *v, int p)
{
    const rp_frame_layout *fl = drawn(v);
    return fl && p >= 0 && p < fl->panel_count && fl->panels[p].plot.width > 0 &&
                   fl->panels[p].plot.height > 0
               ? &fl->panels[p]
               : NULL;
}

static double now_s(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void apply_y_scale(rp_viewer *v, int panel);

/* Every time view the user or a playback sets goes through here, kept where there is data to
 * show: an open recording's within the recording (a playhead at its start drew the span before
 * it, every panel empty; zoomed out further than all of it: all of it); a live source's view that
 * does not follow no further right than the newest sample when it left live (v->live_edge,
 * taken here then), so that a paused view stays as it is while data arrives (zoomed out or
 * dragged right it reached past that edge, and new samples filled it under the PAUSED badge).
 * The width is kept where it fits: the view moves, it does not shrink. */
static void set_time_view_edge(rp_viewer *v, double x0, double x1, double edge)
{
    double lo = -INFINITY, hi = INFINITY, c0, c1;
    if (v->recording && v->rec_x1 > v->rec_x0) {
        lo = v->rec_x0;
        hi = v->rec_x1;
    } else if (!v->recording && !v->opt.at_once) {
        if (rp_figure_following(v->figure))
            v->live_edge = !isnan(edge)                                     ? edge
                           : rp_figure_x_view(v->figure, &c0, &c1) == RP_OK ? c1
                                                                            : NAN;
        if (isfinite(v->live_edge)) hi = v->live_edge;
    }
    if (x1 - x0 >= hi - lo) {
        x0 = lo;
        x1 = hi;
    } else if (x1 > hi) {
        x0 -= x1 - hi;
        x1 = hi;
    } else if (x0 < lo) {
        x1 += lo - x0;
        x0 = lo;
    }
    rp_figure_set_x_view(v->figure, x0, x1);
}

/* The same, a live view's edge the newest sample now. */
static void set_time_view(rp_viewer *v, double x0, double x1)
{
    set_time_view_edge(v, x0, x1, NAN);
}

/* The one way the viewer tells what a key did, or why it did nothing: a line in the window for
 * MESSAGE_S seconds (rp_figure_set_message, at the right of the top time panel's header), also
 * printed on stderr. No allocation. */
static void say(rp_viewer *v, const char *format, ...) __attribute__((format(printf, 2, 3)));
static void say(rp_viewer *v, const char *format, ...)
{
    va_list ap, whole;
    va_start(ap, format);
    va_copy(whole, ap);
    fputs("ringplot: ", stderr); /* the whole line (a long path), the window's may be cut */
    vfprintf(stderr, format, whole);
    fputc('\n', stderr);
    va_end(whole);
    vsnprintf(v->message, sizeof v->message, format, ap);
    va_end(ap);
    v->message_until = now_s() + MESSAGE_S;
    rp_figure_set_message(v->figure, v->message);
}

/* "4x", "1/8x": a replay speed as the [ and ] keys make it (powers of 2). */
static void speed_text(double speed, char *out, size_t size)
{
    if (speed >= 1 || !(speed > 0))
        snprintf(out, size, "%gx", speed > 0 ? speed : 1);
    else
        snprintf(out, size, "1/%gx", 1 / speed);
}

/* A source's counters; after the run its MQTT state is the one it had before the viewer stopped
 * it (a run's report says "connected", not "stopped"). */
static rp_source_stats source_stats(const rp_viewer *v, int i)
{
    rp_source_stats st = rp_ingest_source_stats(v->ingest, i);
    if (v->sources_stopped && i < RP_INGEST_MAX_SOURCES) st.mqtt_state = v->mqtt_state_at_end[i];
    return st;
}

/* ---- series → panels: the shared policy (ingest/panels.h) ------------------------------------ */

/* --levels for a panel just made (panels appear as their first series does). */
static void apply_levels(rp_viewer *v, int panel)
{
    for (int i = 0; i < v->opt.level_count; i++)
        if (v->opt.levels[i].panel == panel + 1)
            for (int k = 0; k < v->opt.levels[i].count; k++)
                rp_figure_set_level_cursor(v->figure, panel, k, v->opt.levels[i].y[k]);
}

/* --y-range (a layout's y_ranges) once: a left view when its panel exists, a right view when the
 * panel has a series on its right axis (after that the user's zoom and 'a' decide). */
static void apply_pending_y_ranges(rp_viewer *v)
{
    for (int i = 0; i < v->opt.y_range_count; i++) {
        int panel = v->opt.y_ranges[i].panel - 1;
        if (v->y_range_applied[i] || panel >= rp_figure_panel_count(v->figure)) continue;
        double y0 = v->opt.y_ranges[i].y0, y1 = v->opt.y_ranges[i].y1;
        v->y_range_applied[i] =
            (v->opt.y_ranges[i].axis ? rp_figure_set_y2_view(v->figure, panel, y0, y1)
                                     : rp_figure_set_y_view(v->figure, panel, y0, y1)) == RP_OK;
    }
}

/* The index of the style named `name` in o's list, in *index; false when there is none. */
static bool style_name_match_in(const rp_viewer_options *o, const char *name, int *index)
{
    for (int i = 0; i < o->style_count; i++)
        if (!strcmp(o->styles[i].name, name)) {
            *index = i;
            return true;
        }
    return false;
}

/* The label of the source of series s of the ingest, in buf ("" when none). */
static const char *source_label_of(const rp_viewer *v, const rp_series *s, int *source, char *buf,
                                   size_t size)
{
    buf[0] = 0;
    *source = -1;
    for (int i = 0; i < rp_ingest_series_count(v->ingest); i++)
        if (rp_ingest_series_at(v->ingest, i, source) == s) {
            snprintf(buf, size, "%s", rp_ingest_source_stats(v->ingest, *source).label);
            return buf;
        }
    *source = -1;
    return buf;
}

/* The key of series s in a layout file's "series": its name, or "SOURCE: name" as its legend
 * says when a series of another source has that name (two files' "alt" got one colour: the
 * second's entry was the first's). */
static const char *style_key(const rp_viewer *v, const rp_series *s, char *buf, size_t size)
{
    const char *name = rp_series_name(s);
    char label[RP_NAME_MAX];
    int mine;
    source_label_of(v, s, &mine, label, sizeof label);
    for (int i = 0; i < rp_ingest_series_count(v->ingest) && mine >= 0; i++) {
        int source;
        const rp_series *o = rp_ingest_series_at(v->ingest, i, &source);
        if (o && o != s && source != mine && !strcmp(rp_series_name(o), name)) {
            snprintf(buf, size, "%s: %s", label, name);
            return buf;
        }
    }
    return name;
}

/* The layout file's style of a series (its index in *index), or false: by "SOURCE: name" first,
 * then by name. */
static bool style_name_match(const rp_viewer *v, const rp_series *series, int *index)
{
    char label[RP_NAME_MAX], key[2 * RP_NAME_MAX + 2];
    int source;
    if (source_label_of(v, series, &source, label, sizeof label)[0]) {
        snprintf(key, sizeof key, "%s: %s", label, rp_series_name(series));
        if (style_name_match_in(&v->opt, key, index)) return true;
    }
    return style_name_match_in(&v->opt, rp_series_name(series), index);
}

/* Colours of the layout file for the series just added to panels (the policy gave them the
 * palette's). */
static void apply_series_colors(rp_viewer *v)
{
    for (int p = 0; p < v->figure->panel_count; p++)
        for (int k = 0; k < v->figure->panels[p].series_count; k++) {
            rp_figure_series *fs = &v->figure->panels[p].series[k];
            int i;
            if (style_name_match(v, fs->series, &i) && v->opt.styles[i].color.a > 0)
                fs->color = v->opt.styles[i].color;
        }
}

/* A new series, before its panel is chosen: its unit from the layout file; its spectrum, trigger
 * and XY panels (settle_new_panels puts each right above its series' time panel). */
static void on_new_series(void *user, rp_series *series)
{
    rp_viewer *v = user;
    int style;
    if (style_name_match(v, series, &style) && v->opt.styles[style].unit)
        rp_series_set_unit(series, v->opt.styles[style].unit);
    rp_viewer_spectrum_series(v->figure, v->opt.spectra, v->opt.spectrum_count, series);
    rp_viewer_trigger_series(v->figure, v->opt.triggers, v->opt.trigger_count, series);
    rp_viewer_xy_series(v->figure, v->opt.xys, v->opt.xy_count, series);
}

/* --hide: a series just shown, hidden when the options name it. */
static void hide_if_listed(rp_viewer *v, rp_series *series)
{
    for (int i = 0; series && i < v->opt.hide_count; i++)
        if (!strcmp(v->opt.hide[i], rp_series_name(series)))
            rp_figure_set_series_visible(v->figure, series, false);
}

/* The notes panel appears with the first text value or log line, once the first series has its
 * panel (or a second later), so that it usually sits under the data it annotates. */
static void add_notes_panel(rp_viewer *v)
{
    if (!v->notes || v->notes_panel >= 0) return;
    rp_notes_stats ns = rp_notes_stats_get(v->notes);
    if (ns.logs == 0 && (ns.texts == 0 || v->opt.no_text_tracks)) return;
    double now = now_s();
    if (v->first_note_wall == 0) v->first_note_wall = now;
    bool ended = true;
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++)
        ended &= rp_ingest_source_stats(v->ingest, i).ended;
    if (v->panels.series_added == 0 && now - v->first_note_wall < 1.0 && !ended) return;
    rp_notes_panel_desc d = {.hide_tracks = v->opt.no_text_tracks,
                             .show_log_list = v->opt.log_list};
    if (rp_figure_add_notes_panel(v->figure, v->notes, &d, &v->notes_panel) != RP_OK)
        v->notes_panel = RP_MAX_PANELS; /* no room: counted, never retried */
}

/* A file shown whole (played at once, a bare FILE or --speed max, without --span) is labelled
 * with its own times: dated ones (Unix seconds from 1e8, 1973, up; a CSV's dates; a JSON "ts")
 * with their dates and clock times; times counted from zero (0..10 s) as seconds from that zero
 * ("2.5 s": the time origin fixed at 0), not as time before its last row ("-2500 d", "-7.5 s").
 * Rows without a time are placed by their index (sink.c): a plain x axis of row numbers from 0,
 * as matplotlib or PlotJuggler show them, or seconds from 0 with --rate. The axis kind is chosen
 * unless --x-axis (or a layout) gave one; the origin is fixed either way (on a plain or wall-clock
 * axis it places only the cursors), so that a saved layout draws the same frame again. Decided
 * once, by the first series with data. */
static void settle_x_axis(rp_viewer *v, int first_new)
{
    if (v->x_axis_settled) return;
    if (!v->opt.at_once) {
        v->x_axis_settled = true;
        return;
    }
    /* --span: the file's end is followed (time before its last row), its axis kind the same; its
     * --cursors are still file x, placed once it is read (place_file_cursors) */
    bool whole = !(v->opt.span > 0);
    bool choose = !v->opt.x_axis_given && v->opt.x_axis == RP_X_AXIS_TIME;
    for (int i = first_new; i < v->panels.series_added; i++) {
        double x0, x1;
        rp_series *s = rp_ingest_series_at(v->ingest, i, NULL);
        if (!s || rp_series_x_extent(s, &x0, &x1) != RP_OK) continue;
        v->x_axis_settled = true;
        bool timed = rp_series_get_desc(s).timestamps;
        rp_x_axis axis = !timed && !(v->opt.stream.rate > 0) ? RP_X_AXIS_NUMBER
                         : timed && x0 >= 1e8                ? RP_X_AXIS_WALL_CLOCK
                                                             : RP_X_AXIS_TIME;
        v->file_dated = timed && x0 >= 1e8;
        if (whole && !v->file_dated) rp_figure_set_time_origin(v->figure, 0);
        if (choose && axis != RP_X_AXIS_TIME && rp_figure_set_x_axis(v->figure, axis) == RP_OK)
            v->opt.x_axis = axis; /* what 'w' saves */
        return;
    }
}

/* --cursors of a file played at once with --span: x values of the file, as shown whole (without
 * dates), while its axis, read-outs and hover count back from its last row. Placed once the file
 * is read and its last row known: stored from the following view's origin, the newest sample,
 * they were 505 s after the end for --cursors 505 (every cell '-'), and set while rows still
 * came they would move on with them. A dated file's count from its last row, as live ones. */
static void place_file_cursors(rp_viewer *v)
{
    if (!v->cursors_pending || !v->x_axis_settled) return;
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++)
        if (!rp_ingest_source_stats(v->ingest, i).ended) return;
    if (rp_ingest_series_count(v->ingest) > v->panels.series_added) return; /* still being made */
    v->cursors_pending = false;
    for (int k = 0; k < v->opt.cursor_count; k++)
        if (v->file_dated)
            rp_figure_set_time_cursor_relative(v->figure, k, v->opt.cursors[k]);
        else
            rp_figure_set_time_cursor(v->figure, k, v->opt.cursors[k]);
}

/* The next series a recorder has not taken, walking ingest slots from *next (advanced past it):
 * a slot whose series failed is passed, one still being created ends the walk for this frame
 * (NULL). Its slot in *slot. The one walk of --record and of the pause history. */
static rp_series *next_to_record(rp_viewer *v, int *next, int *slot)
{
    for (; *next < rp_ingest_series_count(v->ingest); (*next)++) {
        rp_series *s = rp_ingest_series_at(v->ingest, *next, NULL);
        if (!s && *next >= v->panels.series_added) return NULL; /* still being created */
        if (s) {
            *slot = (*next)++;
            return s;
        }
    }
    return NULL;
}

/* Series of a source without --rate are piecewise uniform (estimated rates): a recording of
 * them keeps every sample's x. */
static bool record_keeps_x(const rp_viewer_options *opt)
{
    bool keep_x = false;
    for (int i = 0; i < opt->source_count; i++) keep_x |= !(opt->sources[i].rate > 0);
    return keep_x;
}

/* Where index i goes when panel `from` moves to `to`. */
static int moved_index(int i, int from, int to)
{
    if (i == from) return to;
    if (from < to && i > from && i <= to) return i - 1;
    if (to < from && i >= to && i < from) return i + 1;
    return i;
}

static void move_flag(bool *flags, int from, int to)
{
    bool f = flags[from];
    if (from < to)
        memmove(&flags[from], &flags[from + 1], (size_t)(to - from) * sizeof *flags);
    else
        memmove(&flags[to + 1], &flags[to], (size_t)(from - to) * sizeof *flags);
    flags[to] = f;
}

/* Moves panel `from` to index `to` in the figure and in every panel number the viewer holds. */
static bool move_panel(rp_viewer *v, int from, int to)
{
    if (from == to || rp_figure_move_panel(v->figure, from, to) != RP_OK) return false;
#define MOVED(i) ((i) = (i) >= 0 && (i) < RP_MAX_PANELS ? moved_index((i), from, to) : (i))
    for (int i = 0; i < v->opt.spectrum_count; i++)
        if (v->opt.spectra[i].added) MOVED(v->opt.spectra[i].panel);
    for (int i = 0; i < v->opt.trigger_count; i++)
        if (v->opt.triggers[i].added) MOVED(v->opt.triggers[i].panel);
    for (int i = 0; i < v->opt.xy_count; i++)
        if (v->opt.xys[i].added) MOVED(v->opt.xys[i].panel);
    for (int i = 0; i < v->panels.group_count; i++) MOVED(v->panels.groups[i].panel);
    for (int i = 0; i < v->panels.spec_count; i++) MOVED(v->panels.spec_panel[i]);
    MOVED(v->panels.fixed_panel);
    MOVED(v->notes_panel);
    MOVED(v->drag_panel);
#undef MOVED
    move_flag(v->xy_given, from, to);
    move_flag(v->settled, from, to);
    return true;
}

static int time_panel_of(const rp_figure *f, const rp_series *series);

/* Panels made since the last call: each spectrum, trigger and XY panel goes right above the time
 * panel of its series (an XY panel: of its x series), below the ones made there before it,
 * however it was made (--spectrum, --trigger, --xy, x, a layout) and whichever came first; so
 * the screen's order is the order a saved layout reloads to. Then each new panel gets, at that
 * index, the legend corner, levels and y scale the options give its number. */
static void settle_new_panels(rp_viewer *v)
{
    rp_figure *f = v->figure;
    int n = rp_figure_panel_count(f), made[RP_MAX_PANELS], m = 0;
    for (int p = 0; p < n; p++) /* a --panel spec's panel once it has a series (views may come
                                   above it first) */
        if (!v->settled[p] &&
            (f->panels[p].series_count > 0 || rp_viewer_view_panel(f, p) || f->panels[p].notes))
            made[m++] = p;
    if (m == 0) return;
    for (int k = 0; k < m; k++) {
        const rp_series *s = rp_figure_view_series(f, made[k]);
        int t = s ? time_panel_of(f, s) : -1, from = made[k];
        if (t < 0) continue;
        int to = t > from ? t - 1 : t;
        if (!move_panel(v, from, to)) continue;
        for (int j = 0; j < m; j++) made[j] = moved_index(made[j], from, to);
    }
    /* an --xy panel whose first series came goes in above panels there when its second comes:
     * the numbers wait for it (up to a second, then the panels are numbered as they stand) */
    bool waiting = false;
    for (int i = 0; i < v->opt.xy_count; i++)
        waiting |= !v->opt.xys[i].added && (v->opt.xys[i].x || v->opt.xys[i].y);
    if (!waiting) {
        v->settle_wait = 0;
    } else {
        double now = now_s();
        if (v->settle_wait == 0) v->settle_wait = now;
        if (now - v->settle_wait < 1.0) return;
    }
    for (int k = 0; k < m; k++) {
        int p = made[k];
        v->settled[p] = true;
        rp_legend_place place = v->legend;
        for (int i = 0; i < v->opt.legend_count; i++)
            if (v->opt.legends[i].panel == p + 1) place = v->opt.legends[i].place;
        rp_figure_set_legend_place(f, p, place);
        if (rp_viewer_view_panel(f, p) || f->panels[p].notes) continue;
        apply_levels(v, p);
        apply_y_scale(v, p);
    }
    apply_pending_y_ranges(v);
}

static void add_new_series(rp_viewer *v)
{
    int before = v->panels.series_added;
    if (rp_panel_policy_poll(&v->panels, v->ingest) > 0 && v->opt.style_count > 0)
        apply_series_colors(v);
    settle_x_axis(v, before);
    for (int i = before; i < v->panels.series_added && v->opt.hide_count > 0; i++)
        hide_if_listed(v, rp_ingest_series_at(v->ingest, i, NULL));
    add_notes_panel(v);
    settle_new_panels(v);
    int slot;
    for (rp_series *s; v->recorder && (s = next_to_record(v, &v->series_recorded, &slot));) {
        if (rp_recorder_add_series(v->recorder, s, NULL) != RP_OK) {
            fprintf(stderr, "ringplot: series '%s' is not recorded: %s\n", rp_series_name(s),
                    rp_recorder_last_error(v->recorder));
            rp_ingest_series_release(v->ingest, slot); /* its source never waits */
        }
    }
}

/* ---- live warnings ---------------------------------------------------------------------------- */

/* A live source's warnings that change what the plot means, in the window and on stderr as they
 * come (a file read at once says all of its own at exit): a series whose memory holds less than
 * the span (CAPACITY_SHORT), first samples drawn at a guessed rate (RATE_GUESSED), a --rate far
 * above the arrivals (RATE_MISMATCH), a series whose values came in two units (UNIT_CHANGED),
 * each said once a series, every series that has it, a serial port's noise (SERIAL_NOISE: a
 * wrong baud rate, once), and
 * the first series the series limit refused, once. Looked at twice a second. */
static void say_live_warnings(rp_viewer *v, double now)
{
    if (v->opt.at_once || now - v->warned_at < 0.5) return;
    v->warned_at = now;
    int sources = rp_ingest_source_count(v->ingest);
    for (int i = 0; i < sources && i < RP_INGEST_MAX_SOURCES; i++) {
        char said[RP_SOURCE_ERROR_MAX];
        int count = rp_ingest_source_said_at(v->ingest, i, v->warned[i], NULL, said, sizeof said);
        for (; v->warned[i] < count;
             rp_ingest_source_said_at(v->ingest, i, ++v->warned[i], NULL, said, sizeof said)) {
            if (said[0]) {
                say(v, "%s", said);
            } else { /* past the ones kept: their number, once */
                say(v, "%d more warnings like these (one a series) not shown",
                    count - v->warned[i]);
                v->warned[i] = count;
                break;
            }
        }
    }
}

/* A live input that ended (the writer of a pipe exited, a --replay at its speed reached its end)
 * is said in the window once: the plot froze with nothing said, and its right edge, "0 s", read as
 * "now" although it is the input's last sample. A window's only: a headless run ends with its
 * input, and a file read at once was never live. */
static void say_ended_inputs(rp_viewer *v, double now)
{
    if (!v->window || v->opt.at_once) return;
    for (int i = 0; i < rp_ingest_source_count(v->ingest) && i < RP_INGEST_MAX_SOURCES; i++) {
        if (v->ended_said[i]) continue;
        rp_source_stats st = rp_ingest_source_stats(v->ingest, i);
        if (!st.ended) continue;
        if (v->ended_seen[i] == 0) v->ended_seen[i] = now;
        /* after what its end made the source say (a rate guessed for its last burst: the next
         * look at the warnings), and after the message in the window expired: said over either,
         * it was never seen, or hid it */
        if (now - v->ended_seen[i] < 0.6 || (v->message[0] && now < v->message_until)) continue;
        v->ended_said[i] = true;
        if (st.samples == 0) continue; /* the placeholder says "ended: nothing read" */
        bool failed = strstr(st.last_error, "ended: ") != NULL; /* a read error ended it */
        say(v, "%s ended: %lld sample%s%s%s%s", st.label, (long long)st.samples,
            st.samples == 1 ? "" : "s",
            rp_figure_get_desc(v->figure).x_axis == RP_X_AXIS_TIME
                ? "; 0 s on the time axis is its last sample, not now"
                : "",
            failed ? "; " : "", failed ? st.last_error : "");
    }
}

/* Every live source ended: nothing more comes (the badge says so, INPUT ENDED). */
static bool inputs_ended(const rp_viewer *v)
{
    int n = rp_ingest_source_count(v->ingest);
    for (int i = 0; i < n; i++)
        if (!rp_ingest_source_stats(v->ingest, i).ended) return false;
    return n > 0 && !v->recording && !v->opt.at_once;
}

/* ---- pause history ---------------------------------------------------------------------------- */

static void keep_failure(void *user, rp_log_level level, rp_log_item item, const char *message);

/* Whether the view needs the pause history: it does not follow live, the sources go on (a file
 * read at once is all in its rings), and neither --record (which scrolls back itself) nor an
 * opened recording is there. */
static bool pause_history_wanted(rp_viewer *v)
{
    if (v->opt.pause_history < 0 || v->recorder || v->recording || rp_figure_following(v->figure) ||
        rp_ingest_series_count(v->ingest) == 0)
        return false;
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++)
        if (!rp_ingest_source_stats(v->ingest, i).ended) return true;
    return false;
}

/* A temporary recording of every series, from the oldest sample each ring holds: made in
 * $TMPDIR (else /tmp) and unlinked once open, so nothing is left behind, even after a crash. */
static void start_pause_history(rp_viewer *v)
{
    const char *dir = getenv("TMPDIR");
    if (!dir || !dir[0]) dir = "/tmp";
    char path[RP_VIEWER_PATH_MAX];
    snprintf(path, sizeof path, "%s/ringplot-pause-XXXXXX", dir);
    int fd = mkstemp(path);
    int err = errno;
    rp_status st = RP_ERR_IO;
    if (fd < 0) {
        snprintf(v->hold_error, sizeof v->hold_error, "%s", strerror(err));
    } else {
        close(fd);
        st = rp_recorder_create(
            &(rp_recorder_desc){.path = path,
                                .keep_x = record_keeps_x(&v->opt),
                                .scroll_back = true,
                                .log = {.func = keep_failure, .user = v->hold_error}},
            &v->hold);
    }
    v->hold_series = 0;
    v->hold_full = false;
    int slot, added = 0;
    for (rp_series *s; st == RP_OK && (s = next_to_record(v, &v->hold_series, &slot));)
        added += rp_recorder_add_series(v->hold, s, NULL) == RP_OK;
    if (fd >= 0) unlink(path);       /* the recorder and its reader hold the file open */
    if (st == RP_OK && added == 0) { /* nothing opened the file to read it back: the next frame */
        rp_recorder_destroy(v->hold);
        v->hold = NULL;
        return;
    }
    if (st != RP_OK) {
        v->hold_failed = true;
        if (!v->hold_said)
            say(v,
                "a paused view keeps only what the rings hold: no temporary recording in %s (%s); "
                "--record FILE keeps everything",
                dir, v->hold_error[0] ? v->hold_error : rp_status_string(st));
        v->hold_said = true;
    }
}

static void human_bytes(double b, char *out, size_t n);

/* Each frame: the pause history starts when the view stops following live, takes series that
 * appear, stops at --pause-history bytes or a failed write (the paused view keeps what was
 * written; said once), and is dropped, file and all, when the view follows live again. */
static void update_pause_history(rp_viewer *v)
{
    bool want = pause_history_wanted(v);
    if (!want) {
        if (v->hold) rp_recorder_destroy(v->hold);
        v->hold = NULL;
        v->hold_failed = false; /* try again at the next pause */
        return;
    }
    if (!v->hold && !v->hold_failed) start_pause_history(v);
    if (!v->hold || v->hold_full) return;
    int slot;
    for (rp_series *s; (s = next_to_record(v, &v->hold_series, &slot));)
        rp_recorder_add_series(v->hold, s, NULL);
    int64_t cap = v->opt.pause_history > 0 ? v->opt.pause_history : RP_VIEWER_PAUSE_HISTORY;
    rp_recorder_stats rs = rp_recorder_stats_get(v->hold);
    if (rs.bytes_written >= cap || rs.failed) {
        rp_recorder_finish(v->hold); /* what it holds stays readable; nothing more is written */
        v->hold_full = true;
        char size[32];
        human_bytes((double)rs.bytes_written, size, sizeof size);
        if (!v->hold_said)
            say(v,
                "the paused view's history stopped at %s (%s): what is older than the rings and "
                "newer than that is a gap",
                size, rs.failed ? v->hold_error : "--pause-history");
        v->hold_said = true;
    }
}

/* ---- HUD ------------------------------------------------------------------------------------- */

static void human_bytes(double b, char *out, size_t n)
{
    const char *units[] = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (b >= 1024 && u < 4) {
        b /= 1024;
        u++;
    }
    snprintf(out, n, u ? "%.1f %s" : "%.0f %s", b, units[u]);
}

static void human_rate(double r, char *out, size_t n)
{
    /* the unit by the value as printed: 999.7 /s prints "1.0 k/s", never "1000 /s" on one frame
     * and "1.0 k/s" on the next */
    if (r >= 999.995e3)
        snprintf(out, n, "%.2f M/s", r / 1e6);
    else if (r >= 99.995e3)
        snprintf(out, n, "%.0f k/s", r / 1e3); /* "100 k/s", not "100.0 k/s" */
    else if (r >= 999.95)
        snprintf(out, n, "%.1f k/s", r / 1e3);
    else if (r >= 9.995 || r == 0)
        snprintf(out, n, "%.0f /s", r);
    else
        snprintf(out, n, "%.2f /s", r);
}

/* Appends text to out[len..size) with its blanks as no-break spaces (U+00A0), so that the HUD's
 * wrapping (rp_layout_overlay_row breaks at ' ') keeps it on one line: a rate entry such as
 * "ecg/lead II 500 /s" was cut into "ecg/lead II" and "500 /s" on two lines. Returns the new
 * length (at most size - 1). */
static size_t append_unbroken(char *out, size_t len, size_t size, const char *text)
{
    if (len >= size) return size > 0 ? size - 1 : 0;
    for (const char *c = text; *c && len + 2 < size; c++) {
        if (*c == ' ') {
            out[len++] = (char)0xc2;
            out[len++] = (char)0xa0;
        } else {
            out[len++] = *c;
        }
    }
    out[len] = '\0';
    return len;
}

/* Per MQTT source: broker, connection state, messages (malformed), reconnects, then the first
 * topics seen with their message counts. Appends to out[len..size). */
static size_t mqtt_hud(rp_viewer *v, char *out, size_t len, size_t size)
{
    for (int i = 0; i < rp_ingest_source_count(v->ingest) && i < v->opt.source_count; i++) {
        if (v->opt.sources[i].kind != RP_SOURCE_MQTT || len >= size) continue;
        rp_source_stats st = source_stats(v, i);
        len += (size_t)snprintf(
            out + len, size - len,
            "\nmqtt %.40s:%u: %s   messages %lld (malformed %lld)   reconnects %lld",
            v->opt.hosts[i],
            v->opt.sources[i].mqtt.port     ? v->opt.sources[i].mqtt.port
            : v->opt.sources[i].mqtt.cafile ? 8883u
                                            : 1883u,
            rp_mqtt_state_string(st.mqtt_state), (long long)st.messages,
            (long long)st.messages_rejected, (long long)st.reconnects);
        rp_mqtt_topic_stats ts[4];
        int n = rp_ingest_mqtt_topics(v->ingest, i, ts, 4);
        for (int k = 0; k < n && len < size; k++)
            len += (size_t)snprintf(out + len, size - len, "%s%.24s %lld", k ? "   " : "\n  ",
                                    ts[k].topic[0] ? ts[k].topic : "(others)",
                                    (long long)ts[k].messages);
        if (st.topics > n && len < size)
            len += (size_t)snprintf(out + len, size - len, "   +%d topics", st.topics - n);
    }
    return len < size ? len : size - 1;
}

static bool has_serial(const rp_viewer *v)
{
    for (int i = 0; i < v->opt.source_count; i++)
        if (v->opt.sources[i].kind == RP_SOURCE_SERIAL) return true;
    return false;
}

/* Per serial source: device, settings, state, bytes both ways, reopens, the newest problem. */
static size_t serial_hud(rp_viewer *v, char *out, size_t len, size_t size)
{
    for (int i = 0; i < rp_ingest_source_count(v->ingest) && i < v->opt.source_count; i++) {
        if (v->opt.sources[i].kind != RP_SOURCE_SERIAL || len >= size) continue;
        rp_source_stats st = source_stats(v, i);
        char settings[48];
        rp_serial_desc_string(&v->opt.sources[i].serial, settings, sizeof settings);
        len += (size_t)snprintf(
            out + len, size - len, "\nserial %.60s %s: %s   in %lld B   out %lld B   reopened %lld",
            v->opt.serial_paths[i], settings, rp_serial_state_string(st.serial_state),
            (long long)st.bytes, (long long)st.bytes_sent, (long long)st.serial_reopens);
        if (st.last_error[0] && len < size)
            len += (size_t)snprintf(out + len, size - len, "\n  %.200s", st.last_error);
    }
    return len < size ? len : size - 1;
}

/* Source i reads binary frames: "int16 big, sync AA55, sum8" into out; false for other sources. */
static bool binary_layout(const rp_viewer *v, int i, char *out, size_t size)
{
    if (i >= v->opt.source_count || v->opt.sources[i].format != RP_FORMAT_BINARY) return false;
    const rp_source_desc *d = &v->opt.sources[i];
    if (d->kind != RP_SOURCE_FD && d->kind != RP_SOURCE_SERIAL && d->kind != RP_SOURCE_REPLAY)
        return false;
    char sync[2 * RP_BINARY_SYNC_MAX + 1];
    rp_binary_sync_hex(d->binary.sync, d->binary.sync_len, sync, sizeof sync);
    snprintf(out, size, "%s %s%s%s%s%s", rp_binary_type_name(d->binary.type),
             rp_byte_order_name(d->binary.byte_order), d->binary.sync_len ? ", sync " : "", sync,
             d->binary.checksum ? ", " : "",
             d->binary.checksum ? rp_binary_checksum_name(d->binary.checksum) : "");
    return true;
}

/* --stats: a binary source's layout and counters through fmt (%s then four %lld: frames, failed
 * checksums, sync losses, bytes skipped); nothing for other sources. */
static void print_binary_counters(const rp_viewer *v, int i, const rp_source_stats *st,
                                  const char *fmt)
{
    char layout[64];
    if (!binary_layout(v, i, layout, sizeof layout)) return;
    printf(fmt, layout, (long long)st->frames, (long long)st->checksum_failed,
           (long long)st->sync_lost, (long long)st->sync_skipped);
}

/* Per binary source with a sync header or checksum: frames, bad checksums, sync losses. */
static size_t binary_hud(rp_viewer *v, char *out, size_t len, size_t size)
{
    for (int i = 0; i < rp_ingest_source_count(v->ingest) && len < size; i++) {
        char layout[64];
        if (!binary_layout(v, i, layout, sizeof layout)) continue;
        if (!v->opt.sources[i].binary.sync_len && !v->opt.sources[i].binary.checksum) continue;
        rp_source_stats st = source_stats(v, i);
        len += (size_t)snprintf(
            out + len, size - len,
            "\nbinary %.20s (%s): frames %lld   bad checksum %lld   sync lost %lld (%lld B skipped)",
            st.label, layout, (long long)st.frames, (long long)st.checksum_failed,
            (long long)st.sync_lost, (long long)st.sync_skipped);
    }
    return len < size ? len : size - 1;
}

/* True while a serial source waits for its device (not plugged in yet, or gone). */
static bool serial_waiting(rp_viewer *v)
{
    for (int i = 0; i < rp_ingest_source_count(v->ingest) && i < v->opt.source_count; i++)
        if (v->opt.sources[i].kind == RP_SOURCE_SERIAL &&
            rp_ingest_source_stats(v->ingest, i).serial_state == RP_SERIAL_WAITING)
            return true;
    return false;
}

/* Nothing received could be plotted, and a source said why (a file whose every row was refused
 * was a blank window without a word): the reason goes into v->hud_text. False otherwise. */
static bool nothing_plotted(rp_viewer *v, int64_t received)
{
    if (received > 0) return false;
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++) {
        rp_source_stats st = source_stats(v, i);
        if (st.last_error[0]) {
            snprintf(v->hud_text, sizeof v->hud_text, "nothing to plot yet: source %s: %s",
                     st.label, st.last_error);
            return true;
        }
    }
    return false;
}

/* While nothing could be plotted yet and no source said why (nothing_plotted): a line centred
 * over the plot area saying what each source is doing, so a silent or wordy input is never a
 * blank window: "waiting for data on stdin", "listening on 127.0.0.1:47269 (UDP), nothing
 * received yet", "30 lines read, none held a number: 'hello world'". */
static void update_placeholder(rp_viewer *v, int64_t received, bool said)
{
    char text[RP_FIGURE_PLACEHOLDER_MAX] = "";
    size_t len = 0;
    for (int i = 0; !said && received == 0 && !v->recording &&
                    i < rp_ingest_source_count(v->ingest) && len < sizeof text;
         i++) {
        rp_source_stats st = source_stats(v, i);
        const rp_source_desc *d = i < v->opt.source_count ? &v->opt.sources[i] : NULL;
        const char *sep = len ? "; " : "";
        int n;
        if (st.lines_held > 0)
            n = snprintf(text + len, sizeof text - len,
                         "%s%lld line%s read, none held a number: '%s'", sep,
                         (long long)st.lines_held, st.lines_held == 1 ? "" : "s", st.first_line);
        else if (st.kind == RP_SOURCE_UDP && st.datagrams > 0)
            n = snprintf(text + len, sizeof text - len,
                         "%s%lld datagram%s on port %u, none held a number", sep,
                         (long long)st.datagrams, st.datagrams == 1 ? "" : "s", st.port);
        else if (st.kind == RP_SOURCE_UDP)
            n = snprintf(text + len, sizeof text - len,
                         "%slistening on %s:%u (UDP), nothing received yet", sep,
                         d && d->udp.host ? d->udp.host : "127.0.0.1", st.port);
        else if (st.bytes > 0)
            n = snprintf(text + len, sizeof text - len,
                         "%s%lld bytes read from %s, no whole line yet", sep, (long long)st.bytes,
                         st.label);
        else if (st.ended)
            n = snprintf(text + len, sizeof text - len, "%s%s ended: nothing read", sep, st.label);
        else if (st.kind == RP_SOURCE_FD && !strcmp(st.label, "stdin"))
            n = snprintf(text + len, sizeof text - len, "%swaiting for data on stdin", sep);
        else if (st.kind != RP_SOURCE_DEMO)
            n = snprintf(text + len, sizeof text - len, "%swaiting for data from %s", sep,
                         st.label);
        else
            n = 0;
        if (n > 0) len += (size_t)n;
    }
    rp_figure_set_placeholder(v->figure, text);
}

static void update_hud(rp_viewer *v)
{
    double t = now_s();
    int64_t samples = 0, dropped = 0, rejected = 0, lost = 0, datagrams_bad = 0, xy = 0, texts = 0,
            logs = 0;
    int senders_bad = 0, udp_sources = 0;
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++) {
        rp_source_stats st = source_stats(v, i);
        udp_sources += st.kind == RP_SOURCE_UDP;
        samples += st.samples;
        dropped += st.samples_dropped;
        rejected += st.lines_rejected;
        lost += st.datagrams_lost;
        datagrams_bad += st.datagrams_rejected;
        senders_bad += st.senders_rejected;
        xy += st.xy_points;
        texts += st.texts;
        logs += st.logs;
    }
    int64_t received = samples + xy + texts + logs;
    bool said = nothing_plotted(v, received); /* a source's reason, at the top */
    update_placeholder(v, received, said);
    if (t - v->rate_time >= 0.5) {
        if (v->rate_time > 0)
            v->ingest_rate = (double)(samples - v->rate_samples) / (t - v->rate_time);
        v->rate_time = t;
        v->rate_samples = samples;
    }
    if (!v->hud) {
        if (v->prompt) {
            snprintf(v->hud_text, sizeof v->hud_text, "send> %s_   (Enter sends, Esc cancels)%s%s",
                     v->prompt_text, v->prompt_status[0] ? "\n" : "", v->prompt_status);
            serial_hud(v, v->hud_text, strlen(v->hud_text), sizeof v->hud_text);
            rp_figure_set_overlay(v->figure, v->hud_text);
        } else if (serial_waiting(v)) { /* "waiting for device" shows even with the HUD off */
            v->hud_text[0] = '\0';
            serial_hud(v, v->hud_text, 0, sizeof v->hud_text);
            rp_figure_set_overlay(v->figure, v->hud_text + (v->hud_text[0] == '\n'));
        } else if (said) {
            rp_figure_set_overlay(v->figure, v->hud_text);
        } else {
            rp_figure_set_overlay(v->figure, NULL);
        }
        return;
    }
    int64_t bytes = 0, expired = 0, out_of_order = 0;
    int nseries = 0;
    for (int i = 0; i < v->panels.series_added; i++) {
        rp_series *s = rp_ingest_series_at(v->ingest, i, NULL);
        if (!s) continue;
        rp_series_stats ss = rp_series_stats_get(s);
        bytes += ss.bytes;
        expired += ss.expired;
        out_of_order += ss.rejected;
        nseries++;
    }
    /* an open recording's series are not the sources': counted too, its samples those it holds
     * (it read "0 series, memory 0 B, samples 0") */
    char playback[64] = "";
    if (v->recording) {
        for (int i = 0; i < rp_recording_series_count(v->recording); i++) {
            rp_series *s = rp_recording_series(v->recording, i);
            if (!s) continue;
            bytes += rp_series_stats_get(s).bytes;
            nseries++;
        }
        samples += rp_recording_stats_get(v->recording).samples;
        char speed[24];
        speed_text(v->play_speed, speed, sizeof speed);
        if (v->playing) /* nothing is live: never "PAUSED (space: back to live)" */
            snprintf(playback, sizeof playback, "\nplayback %s %s (k: %s)",
                     v->play_paused ? "paused at" : "playing at", speed,
                     v->play_paused ? "play" : "pause");
        else if (v->rec_x1 > v->rec_x0 && v->play_x >= v->rec_x1)
            snprintf(playback, sizeof playback, "\nend of recording (k: play from the start)");
    } else if (!rp_figure_following(v->figure)) {
        snprintf(playback, sizeof playback, "\nPAUSED (space: back to live)");
    }
    rp_frame_stats fs = rp_renderer_last_stats(viewer_renderer(v));
    char mem[32], rate[32];
    human_bytes((double)bytes, mem, sizeof mem);
    human_rate(v->ingest_rate, rate, sizeof rate);
    int head = snprintf(v->hud_text, sizeof v->hud_text,
                        "%.0f fps   frame %.2f ms (decimate %.2f ms)\n"
                        "ingest %s   %d series   memory %s\n"
                        "samples %lld   expired %lld\n"
                        "rejected lines %lld   dropped %lld   out-of-order %lld",
                        v->fps, fs.total_ms, fs.decimate_ms, rate, nseries, mem, (long long)samples,
                        (long long)expired, (long long)rejected, (long long)dropped,
                        (long long)out_of_order);
    size_t len = head > 0 && (size_t)head < sizeof v->hud_text ? (size_t)head : 0;
    if (udp_sources) /* a line of a kind only where a source of that kind is */
        len += (size_t)snprintf(v->hud_text + len, sizeof v->hud_text - len,
                                "\ndatagrams bad %lld (senders %d)   lost %lld",
                                (long long)datagrams_bad, senders_bad, (long long)lost);
    if (len < sizeof v->hud_text)
        len += (size_t)snprintf(v->hud_text + len, sizeof v->hud_text - len, "%s", playback);
    if (v->hold && len < sizeof v->hud_text) { /* what keeps the paused view whole */
        char kept[32];
        human_bytes((double)rp_recorder_stats_get(v->hold).bytes_written, kept, sizeof kept);
        len += (size_t)snprintf(v->hud_text + len, sizeof v->hud_text - len,
                                v->hold_full ? "   pause history full (%s): the rings go on"
                                             : "   kept on disk %s",
                                kept);
    }
    if (len >= sizeof v->hud_text) len = sizeof v->hud_text - 1;
    if (xy) /* Teleplot's XY points (drawn in XY panels) */
        len += (size_t)snprintf(v->hud_text + len, sizeof v->hud_text - len, "\nXY points %lld",
                                (long long)xy);
    if ((texts || logs) && len < sizeof v->hud_text) { /* the notes panel's */
        rp_notes_stats ns = rp_notes_stats_get(v->notes);
        len += (size_t)snprintf(v->hud_text + len, sizeof v->hud_text - len,
                                "\ntexts %lld   logs %lld   notes refused %lld", (long long)texts,
                                (long long)logs, (long long)ns.refused);
    }
    if (len >= sizeof v->hud_text) len = sizeof v->hud_text - 1;
    /* each series' rate: given, or estimated from its arrivals (README "Time") */
    int shown = 0, more = 0;
    for (int i = 0; i < v->panels.series_added && len < sizeof v->hud_text; i++) {
        rp_series *s = rp_ingest_series_at(v->ingest, i, NULL);
        double r = s ? rp_ingest_series_rate(v->ingest, i) : 0;
        if (!(r > 0)) continue;
        if (shown == 16) { /* the line wraps at its words (layout); 16 name the usual setups */
            more++;
            continue;
        }
        char rs[32];
        /* a series that stopped says so (its last estimate stayed, "300 /s", for minutes); a
         * file read at once has all it will get: its rate is its samples' */
        double idle = rp_ingest_series_idle(v->ingest, i);
        if (!v->opt.at_once && idle > 2.0 && idle > 5.0 / r)
            snprintf(rs, sizeof rs, "idle %.0f s", idle);
        else
            human_rate(r, rs, sizeof rs);
        char entry[96];
        snprintf(entry, sizeof entry, "%s%.20s %s", shown ? "" : "rate ", rp_series_name(s), rs);
        len += (size_t)snprintf(v->hud_text + len, sizeof v->hud_text - len, "%s",
                                shown ? "   " : "\n");
        len = append_unbroken(v->hud_text, len, sizeof v->hud_text, entry);
        shown++;
    }
    if (more && len < sizeof v->hud_text) {
        char entry[32];
        snprintf(entry, sizeof entry, "and %d more", more);
        len += (size_t)snprintf(v->hud_text + len, sizeof v->hud_text - len, "   ");
        len = append_unbroken(v->hud_text, len, sizeof v->hud_text, entry);
    }
    if (len >= sizeof v->hud_text) len = sizeof v->hud_text - 1;
    len = mqtt_hud(v, v->hud_text, len, sizeof v->hud_text);
    len = serial_hud(v, v->hud_text, len, sizeof v->hud_text);
    len = binary_hud(v, v->hud_text, len, sizeof v->hud_text);
    if (v->recorder) {
        rp_recorder_stats rs = rp_recorder_stats_get(v->recorder);
        char disk[32];
        human_bytes((double)rs.bytes_written, disk, sizeof disk);
        len = strlen(v->hud_text);
        snprintf(v->hud_text + len, sizeof v->hud_text - len,
                 "\nrecording %s   %lld samples   lost %lld%s", disk, (long long)rs.samples_written,
                 (long long)rs.samples_lost, rs.failed ? "   FAILED (see stderr)" : "");
    }
    if (v->recording) {
        rp_recording_stats rs = rp_recording_stats_get(v->recording);
        char disk[32];
        human_bytes((double)rs.file_bytes, disk, sizeof disk);
        len = strlen(v->hud_text);
        snprintf(v->hud_text + len, sizeof v->hud_text - len,
                 "\nrecording file %s   %lld samples%s%s", disk, (long long)rs.samples,
                 rs.indexed ? "" : "   (recovered: not closed cleanly)",
                 rs.bad_blocks ? "   DAMAGED blocks shown as gaps" : "");
    }
    len = strlen(v->hud_text);
    if (v->prompt)
        snprintf(v->hud_text + len, sizeof v->hud_text - len,
                 "\nsend> %s_   (Enter sends, Esc cancels)%s%s", v->prompt_text,
                 v->prompt_status[0] ? "\n" : "", v->prompt_status);
    rp_figure_set_overlay(v->figure, v->hud_text);
}

/* ---- frames and screenshots ---------------------------------------------------------------- */

rp_status rp_viewer_write_png(rp_viewer *v, const char *path)
{
    /* a trigger panel's scan behind the newest sample (a file shown whole): caught up, and the
     * frame drawn again */
    if (rp_figure_triggers_catch_up(v->figure) && v->headless)
        rp_headless_render(v->headless, v->figure);
    /* an XY panel still filling in a rebuild: frames until it is complete (an explicit action) */
    for (int frames = 0; v->headless && rp_figure_xy_filling(v->figure) && frames < 10000; frames++)
        if (rp_headless_render(v->headless, v->figure) != RP_OK) break;
    if (v->headless) return rp_headless_write_png(v->headless, path);
    int w, h;
    rp_window_drawable_size(v->window, &w, &h);
    uint8_t *rgba =
        malloc((size_t)w * (size_t)h * 4); /* an explicit user action, not the frame path */
    if (!rgba) return RP_ERR_NO_MEMORY;
    rp_status st = rp_window_render(v->window, v->figure);
    for (int frames = 0; st == RP_OK && rp_figure_xy_filling(v->figure) && frames < 10000; frames++)
        st = rp_window_render(v->window, v->figure);
    if (st == RP_OK) st = rp_window_read_rgba(v->window, rgba, (size_t)w * (size_t)h * 4);
    if (st == RP_OK) st = rp_write_png_rgba(path, rgba, w, h);
    free(rgba);
    return st;
}

static void take_screenshot(rp_viewer *v)
{
    char stamp[32];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    const char *dir = v->opt.screenshot_dir ? v->opt.screenshot_dir : ".";
    char path[RP_VIEWER_PATH_MAX];
    snprintf(path, sizeof path, "%s/ringplot-%s.png", dir, stamp);
    for (int n = 2; n < 100; n++) { /* never overwrite an earlier screenshot */
        FILE *f = fopen(path, "rb");
        if (!f) break;
        fclose(f);
        snprintf(path, sizeof path, "%s/ringplot-%s-%d.png", dir, stamp, n);
    }
    rp_status st = rp_viewer_write_png(v, path);
    if (st == RP_OK) {
        snprintf(v->last_screenshot, sizeof v->last_screenshot, "%s", path);
        say(v, "screenshot saved to %s", path);
    } else {
        say(v, "cannot write screenshot %s: %s (the dashboard keeps running)", path,
            rp_status_string(st));
    }
}

static void advance_playback(rp_viewer *v, double now);

static void update_timeline(rp_viewer *v);

/* The badge (a window's: a --png has no one to tell) and the message's end: "PAUSED" while a
 * live view is not following, the playback's state and speed while a recording plays. */
static void update_status(rp_viewer *v, double now)
{
    if (v->message[0] && now >= v->message_until) {
        v->message[0] = 0;
        rp_figure_set_message(v->figure, NULL);
    }
    char speed[24];
    speed_text(v->play_speed, speed, sizeof speed);
    if (!v->window)
        v->badge[0] = 0;
    else if (v->playing)
        snprintf(v->badge, sizeof v->badge, "%s %s", v->play_paused ? "PAUSED" : "PLAYING", speed);
    else if (!v->recording && !v->opt.at_once && !rp_figure_following(v->figure))
        snprintf(v->badge, sizeof v->badge, "PAUSED"); /* a file shown whole has no live end */
    else if (inputs_ended(v))
        snprintf(v->badge, sizeof v->badge, "INPUT ENDED"); /* its right edge is not "now" */
    else if (v->recording && v->rec_x1 > v->rec_x0 && v->play_x >= v->rec_x1)
        snprintf(v->badge, sizeof v->badge, "END OF RECORDING");
    else
        v->badge[0] = 0;
    rp_figure_set_badge(v->figure, v->badge);
}

/* The state a frame is drawn from, brought up to date: the playhead, new series, warnings, the
 * pause history, the HUD's text, the message (expired?) and the badge. Cheap: no drawing. */
static void frame_update(rp_viewer *v, double t)
{
    if (v->playing) advance_playback(v, t);
    update_timeline(v);
    add_new_series(v);
    place_file_cursors(v);
    say_live_warnings(v, t);
    say_ended_inputs(v, t);
    update_pause_history(v);
    update_hud(v);
    update_status(v, t);
}

static uint64_t hash_bytes(uint64_t h, const void *data, size_t n)
{
    const unsigned char *p = data;
    uint64_t w;
    for (; n >= 8; n -= 8, p += 8) { /* a word at a time: a figure is ~90 KB */
        memcpy(&w, p, 8);
        h = (h ^ w) * 0x100000001b3ULL;
        h ^= h >> 29;
    }
    for (; n > 0; n--, p++) h = (h ^ *p) * 0x100000001b3ULL;
    return h;
}

/* What the next frame would show, as a hash of all it is drawn from: the figure (views, cursors,
 * levels, hidden series, the crosshair, the zoom box, the HUD's text, the placeholder, the
 * message and the badge: everything an event or frame_update changes lands there) and the data
 * (each series' samples accepted and expired, the notes stored, what the recorders wrote). Equal
 * signatures: the same picture, nothing to draw. */
static uint64_t figure_signature(const rp_viewer *v)
{
    const rp_figure *f = v->figure;
    uint64_t h = hash_bytes(0xcbf29ce484222325ULL, f, offsetof(rp_figure, panels));
    for (int p = 0; p < f->panel_count && p < RP_MAX_PANELS; p++) { /* the series it has */
        const rp_figure_panel *pn = &f->panels[p];
        int n = pn->series_count < RP_MAX_SERIES_PER_PANEL ? pn->series_count : 0;
        h = hash_bytes(h, pn, offsetof(rp_figure_panel, series) + (size_t)n * sizeof pn->series[0]);
        h = hash_bytes(h, &pn->series_count, sizeof *pn - offsetof(rp_figure_panel, series_count));
    }
    return hash_bytes(h, &f->panel_count, sizeof *f - offsetof(rp_figure, panel_count));
}

/* The data part of the signature: taken before a frame draws, since samples keep arriving while
 * it does (taken after, it counted samples the frame never drew, and a file that ended then
 * stayed half drawn: nothing changed after that). */
static uint64_t data_signature(const rp_viewer *v)
{
    uint64_t h = 0x84222325cbf29ce4ULL;
    /* A view that does not follow live (paused, zoomed, dragged) shows none of the samples that
     * come after a series' first one past its right edge (the line from the last sample in view
     * goes to that one): a series that has one counts as unchanged by new samples, so a paused
     * view with data arriving is not drawn again every frame. What leaves its ring still counts
     * when the ring no longer reaches the view's left edge (there the view changes, or is read
     * from the scroll-back file, whose writes count then). */
    double x0 = 0, x1 = 0;
    bool fixed = !rp_figure_following(v->figure) && rp_figure_x_view(v->figure, &x0, &x1) == RP_OK;
    bool scrolled_back = !fixed;
    for (int i = 0; i < rp_ingest_series_count(v->ingest); i++) {
        rp_series *s = rp_ingest_series_at(v->ingest, i, NULL);
        if (!s) continue;
        rp_series_stats st = rp_series_stats_get(s);
        double first, last;
        bool have = rp_series_x_extent(s, &first, &last) == RP_OK;
        if (fixed && have && last > x1) {
            bool left_in_view = first > x0;
            scrolled_back |= left_in_view;
            int64_t c[2] = {-1, left_in_view ? st.expired : 0};
            h = hash_bytes(h, c, sizeof c);
            continue;
        }
        int64_t c[3] = {st.accepted, st.expired, st.segments};
        h = hash_bytes(h, c, sizeof c);
    }
    if (v->notes && !fixed) {
        rp_notes_stats ns = rp_notes_stats_get(v->notes);
        int64_t c[3] = {ns.texts, ns.logs, ns.refused};
        h = hash_bytes(h, c, sizeof c);
    } else if (v->notes) { /* the log lines in view, the marker row's and the list's */
        rp_notes_stats ns = rp_notes_stats_get(v->notes);
        rp_note newest = {0};
        int64_t c[4] = {rp_notes_read_logs(v->notes, x0, x1, &newest, 1), ns.texts_expired,
                        ns.logs_expired, 0};
        memcpy(&c[3], &newest.x, sizeof newest.x);
        h = hash_bytes(h, c, sizeof c);
        /* a text value's band reaches the end of the view until the next value: one that came
         * in view changes it (one after the view does not) */
        for (int t = 0; t < ns.tracks; t++) {
            rp_note value = {0};
            int64_t in_view[2] = {rp_notes_read_texts(v->notes, t, x0, x1, &value, 1), 0};
            memcpy(&in_view[1], &value.x, sizeof value.x);
            h = hash_bytes(h, in_view, sizeof in_view);
        }
    }
    rp_recorder *recs[2] = {v->recorder, v->hold}; /* the scroll-back a paused view reads */
    for (int k = 0; k < 2 && scrolled_back; k++) {
        if (!recs[k]) continue;
        rp_recorder_stats rs = rp_recorder_stats_get(recs[k]);
        int64_t c[2] = {rs.samples_written, rs.flushes};
        h = hash_bytes(h, c, sizeof c);
    }
    return h;
}

static uint64_t frame_signature(const rp_viewer *v, uint64_t data)
{
    return hash_bytes(figure_signature(v), &data, sizeof data);
}

/* Draws the frame; data: data_signature(v) taken just before (the samples it draws, or fewer). */
static rp_status frame_draw(rp_viewer *v, double t, uint64_t data)
{
    if (v->last_frame_time > 0) {
        double dt = t - v->last_frame_time;
        v->fps = v->fps > 0 ? 0.9 * v->fps + 0.1 / (dt > 1e-6 ? dt : 1e-6)
                            : 1.0 / (dt > 1e-6 ? dt : 1e-6);
    }
    v->last_frame_time = t;
    if (v->draw_hook) v->draw_hook(v->draw_hook_user);
    rp_status st;
    if (v->headless) {
        st = rp_headless_render(v->headless, v->figure);
    } else {
        if (v->screenshot_pending) {
            v->screenshot_pending = false;
            take_screenshot(v); /* renders into the back buffer; present below draws again */
        }
        st = rp_window_present(v->window, v->figure);
    }
    v->frames++;
    /* the figure after drawing (the renderer settles a live y view or a legend corner in it),
     * the data before */
    v->drawn_signature = frame_signature(v, data);
    v->event_since_drawn = false;
    v->drawn_pending = rp_renderer_last_stats(rp_viewer_renderer(v)).pending;
    return st;
}

rp_status rp_viewer_frame(rp_viewer *v)
{
    double t = now_s();
    frame_update(v, t);
    return frame_draw(v, t, data_signature(v));
}

rp_status rp_viewer_frame_if_changed(rp_viewer *v, bool *drew)
{
    double t = now_s();
    frame_update(v, t);
    uint64_t data = data_signature(v); /* once: compared, then drawn from */
    bool draw = v->headless || v->frames == 0 || v->event_since_drawn || v->drawn_pending ||
                v->screenshot_pending || frame_signature(v, data) != v->drawn_signature;
    if (drew) *drew = draw;
    if (!draw) {
        v->frames_skipped++;
        return RP_OK;
    }
    return frame_draw(v, t, data);
}

/* ---- recordings ------------------------------------------------------------------------------ */

/* Playback: the view is the --span seconds before the playhead, which moves at play_speed x the
 * wall clock while not paused and stops at the end of the recording. */
static void advance_playback(rp_viewer *v, double now)
{
    if (!v->play_paused) v->play_x += (now - v->play_wall) * v->play_speed;
    v->play_wall = now;
    if (v->play_x >= v->rec_x1) {
        v->play_x = v->rec_x1;
        v->playing = false; /* at the end: the view stays, the user takes over */
    }
    double span = v->play_span > 0  ? v->play_span
                  : v->opt.span > 0 ? v->opt.span
                                    : v->rec_x1 - v->rec_x0;
    set_time_view(v, v->play_x - span, v->play_x); /* at the start: the recording's first span */
}

/* The timeline under the plots: the whole recording, the playhead (or the view's end). */
static void update_timeline(rp_viewer *v)
{
    if (!v->recording || !(v->rec_x1 > v->rec_x0)) return;
    double x0, x1, at = v->play_x;
    if (!v->playing && rp_figure_x_view(v->figure, &x0, &x1) == RP_OK) at = x1;
    rp_figure_set_timeline(v->figure, v->rec_x0, v->rec_x1, at);
}

/* A click or a drag on the timeline: the playhead goes to x (a stopped playback resumes there,
 * paused; a running one goes on from there). */
static void scrub(rp_viewer *v, double x)
{
    if (!v->playing) {
        v->playing = true;
        v->play_paused = true;
        if (!(v->play_speed > 0)) v->play_speed = 1;
        /* the view keeps its width: zoomed down to single samples, a scrub stays there */
        double x0, x1;
        if (rp_figure_x_view(v->figure, &x0, &x1) == RP_OK && x1 > x0) v->play_span = x1 - x0;
    }
    v->play_x = x;
    v->play_wall = now_s();
    advance_playback(v, v->play_wall);
}

/* k: plays the recording from the playhead (from the view's end when stopped), or pauses. */
static void play_key(rp_viewer *v)
{
    char speed[24];
    if (!v->recording || !(v->rec_x1 > v->rec_x0)) {
        say(v, v->recording ? "k: the recording spans no time: nothing to play"
                            : "no recording to play: k, [ and ] work with --open FILE");
        return;
    }
    speed_text(v->play_speed, speed, sizeof speed);
    if (v->playing) {
        v->play_paused = !v->play_paused;
        say(v, v->play_paused ? "playback paused (k: play)" : "playing at %s", speed);
        return;
    }
    double x0, x1;
    if (rp_figure_x_view(v->figure, &x0, &x1) != RP_OK) x1 = v->rec_x0;
    scrub(v, x1 >= v->rec_x1 ? v->rec_x0 : x1 < v->rec_x0 ? v->rec_x0 : x1);
    v->play_paused = false;
    speed_text(v->play_speed, speed, sizeof speed);
    say(v, "playing at %s", speed);
}

/* A library call's failure, kept for the viewer's own one line (without a callback the library
 * prints it to stderr as well: two lines for one mistake). user: char[RP_ERROR_MAX]; the
 * function's name before the first ": " ("rp_recording_open: ") is left out. */
static void keep_failure(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    (void)item;
    if (level != RP_LOG_ERROR) return;
    const char *colon = strncmp(message, "rp_", 3) == 0 ? strstr(message, ": ") : NULL;
    snprintf(user, RP_ERROR_MAX, "%s", colon ? colon + 2 : message);
}

/* [ and ]: the replay speed halves or doubles (1/1024x .. 1024x). */
static void speed_key(rp_viewer *v, double factor)
{
    if (!v->recording) {
        say(v, "no recording to play: k, [ and ] work with --open FILE");
        return;
    }
    double s = (v->play_speed > 0 ? v->play_speed : 1) * factor;
    v->play_speed = s < 1.0 / 1024 ? 1.0 / 1024 : s > 1024 ? 1024 : s;
    char speed[24];
    speed_text(v->play_speed, speed, sizeof speed);
    say(v, "speed %s%s", speed, v->playing ? "" : " (k: play)");
}

static bool is_csv(const char *path)
{
    size_t n = strlen(path);
    return n >= 4 && !strcasecmp(path + n - 4, ".csv"); /* DATA.CSV too */
}

/* The lines of a CSV just written, less its header: the rows an export wrote. */
static int64_t csv_rows(const char *path)
{
    FILE *f = fopen(path, "rb");
    if (!f) return 0;
    int64_t lines = 0;
    char buf[65536];
    for (size_t n; (n = fread(buf, 1, sizeof buf, f)) > 0;)
        for (size_t i = 0; i < n; i++) lines += buf[i] == '\n';
    fclose(f);
    return lines > 0 ? lines - 1 : 0;
}

rp_status rp_viewer_export_view(rp_viewer *v, const char *path, int64_t *rows)
{
    if (rows) *rows = 0;
    if (!v->recording) return RP_ERR_UNSUPPORTED;
    double x0, x1;
    rp_status st = rp_figure_x_view(v->figure, &x0, &x1);
    if (st != RP_OK) return st;
    /* what the view shows: its hidden series left out (they were exported too) */
    bool shown[RP_RECORD_MAX_SERIES];
    int64_t samples = 0; /* of the shown series in view: none, no file (it had only its header) */
    int count = rp_recording_series_count(v->recording);
    for (int i = 0; i < count && i < RP_RECORD_MAX_SERIES; i++) {
        rp_range_stats rs;
        rp_series *s = rp_recording_series(v->recording, i);
        shown[i] = s && rp_figure_series_visible(v->figure, s);
        if (shown[i] && rp_series_range_stats(s, x0, x1, &rs) == RP_OK) samples += rs.count;
    }
    if (samples == 0) return RP_OK;
    bool csv = is_csv(path);
    st = csv ? rp_recording_export_csv_series(v->recording, x0, x1, shown, path)
             : rp_recording_export_raw_series(v->recording, x0, x1, shown, path);
    if (st == RP_OK && rows) *rows = csv ? csv_rows(path) : samples;
    return st;
}

/* A recording's blocks checked against their checksums (opening trusts a closed file's blocks
 * past their headers): always for files up to VERIFY_AUTO_BYTES, any with --verify. Damaged
 * blocks read as gaps from then on; said on stderr. */
#define VERIFY_AUTO_BYTES ((int64_t)256 << 20)
static void verify_recording(rp_recording *rec, const rp_viewer_options *opt)
{
    rp_recording_stats rs = rp_recording_stats_get(rec);
    if (!opt->verify && (!rs.indexed || rs.file_bytes > VERIFY_AUTO_BYTES))
        return; /* a scanned file's blocks were all checked by the scan */
    int64_t damaged = 0;
    if (rp_recording_verify(rec, &damaged) == RP_OK && damaged > 0)
        fprintf(stderr, "ringplot: %s: %lld damaged block%s (checksum): %s samples read as gaps\n",
                opt->open_path, (long long)damaged, damaged == 1 ? "" : "s",
                damaged == 1 ? "its" : "their");
    else if (opt->verify)
        fprintf(stderr, "ringplot: %s: every block checked: intact\n", opt->open_path);
}

rp_status rp_viewer_export_recording(const rp_viewer_options *opt, char *err, int err_size)
{
    char why[RP_ERROR_MAX] = "";
    rp_recording *rec = NULL;
    rp_status st = rp_recording_open(
        opt->open_path, &(rp_recording_desc){.log = {.func = keep_failure, .user = why}}, &rec);
    if (st != RP_OK) {
        snprintf(err, (size_t)err_size, "--open: %s", why[0] ? why : rp_status_string(st));
        return st;
    }
    verify_recording(rec, opt);
    st = is_csv(opt->export_path)
             ? rp_recording_export_csv(rec, INFINITY, -INFINITY, opt->export_path)
             : rp_recording_export_raw(rec, INFINITY, -INFINITY, opt->export_path);
    if (st != RP_OK) snprintf(why, sizeof why, "%s", rp_recording_last_error(rec));
    rp_recording_close(rec);
    if (st != RP_OK) snprintf(err, (size_t)err_size, "%s", why);
    return st;
}

static void export_view_key(rp_viewer *v)
{
    if (!v->recording) {
        if (v->opt.at_once)
            say(v, "e: nothing to export: e writes the view of a recording (a .rpr file that "
                   "--record wrote) as CSV; a CSV or text file shown whole is not one: its rows "
                   "are in the file already");
        else
            say(v, "e: nothing to export: e writes the view of a recording (ringplot REC.rpr, made "
                   "with --record) as CSV; live data is not one (--record FILE keeps it)");
        return;
    }
    char stamp[32], path[RP_VIEWER_PATH_MAX];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/ringplot-export-%s.csv",
             v->opt.screenshot_dir ? v->opt.screenshot_dir : ".", stamp);
    int64_t rows = 0;
    rp_status st = rp_viewer_export_view(v, path, &rows);
    if (st == RP_OK && rows == 0)
        say(v, "e: nothing in the view to export (no sample of a shown series lies in it): "
               "nothing written");
    else if (st == RP_OK)
        say(v, "%lld row%s of the visible range exported to %s", (long long)rows,
            rows == 1 ? "" : "s", path);
    else
        say(v, "cannot export %s: %s", path, rp_recording_last_error(v->recording));
}

/* One of a layout's lists sorted by its entries' panel numbers (an int at panel_at in each of
 * count entries of size bytes), stable: a saved file lists them top to bottom. */
static void sort_by_panel(void *list, int count, size_t size, size_t panel_at)
{
    char *at = list, swap[64];
    if (size > sizeof swap) return;
    for (int i = 1; i < count; i++)
        for (int j = i; j > 0; j--) {
            int a, b;
            memcpy(&a, at + (size_t)(j - 1) * size + panel_at, sizeof a);
            memcpy(&b, at + (size_t)j * size + panel_at, sizeof b);
            if (a <= b) break;
            memcpy(swap, at + (size_t)j * size, size);
            memcpy(at + (size_t)j * size, at + (size_t)(j - 1) * size, size);
            memcpy(at + (size_t)(j - 1) * size, swap, size);
        }
}

/* Panel `number` (1 = top) is there and has had the options given its number (settle_new_panels);
 * false for a number beyond the panels. */
static bool panel_settled(const rp_viewer *v, int number)
{
    return number >= 1 && number <= v->figure->panel_count && v->settled[number - 1];
}

/* The state a view changes (HUD, statistics, cursors, levels, y scales and views) of time panel
 * p into o, as the flags that restore it. */
static void snapshot_panel(const rp_viewer *v, int p, rp_viewer_options *o, bool scale_all)
{
    const rp_figure_panel *pn = &v->figure->panels[p];
    if (pn->level_on[0]) {
        o->levels[o->level_count].panel = p + 1;
        o->levels[o->level_count].count = pn->level_on[1] ? 2 : 1;
        o->levels[o->level_count].y[0] = pn->level_y[0];
        o->levels[o->level_count++].y[1] = pn->level_on[1] ? pn->level_y[1] : 0;
    }
    if ((pn->y_scale != RP_Y_LINEAR || scale_all) && o->y_scale_count <= RP_MAX_PANELS) {
        o->y_scales[o->y_scale_count].panel = p + 1;
        o->y_scales[o->y_scale_count].scale = pn->y_scale;
        o->y_scales[o->y_scale_count++].threshold = pn->symlog_threshold;
    }
    for (int axis = 0; axis < 2; axis++)
        if (axis ? pn->fixed_y2 : pn->fixed_y) {
            o->y_ranges[o->y_range_count].panel = p + 1;
            o->y_ranges[o->y_range_count].axis = axis;
            o->y_ranges[o->y_range_count].y0 = axis ? pn->y2_0 : pn->y0;
            o->y_ranges[o->y_range_count++].y1 = axis ? pn->y2_1 : pn->y1;
        }
}

/* The figure shows a series named `name` in some panel; *visible: whether it is shown there. */
static bool figure_has_series(const rp_figure *f, const char *name, bool *visible)
{
    for (int p = 0; p < f->panel_count; p++)
        for (int k = 0; k < f->panels[p].series_count; k++)
            if (!strcmp(rp_series_name(f->panels[p].series[k].series), name)) {
                *visible = f->panels[p].series[k].visible;
                return true;
            }
    return false;
}

/* At exit: `name` (from `flag`, typed as `given`) is a series that came, or no series came at all
 * (nothing to judge); otherwise an error line naming a series that did come, and st becomes
 * RP_ERR_INVALID_ARG (unless it already holds an error). */
/* True when a series named name came; else *example is the name of one that did (NULL: none). */
static bool series_came(const rp_viewer *v, const char *name, const char **example)
{
    *example = NULL;
    for (int i = 0; i < v->panels.series_added; i++) {
        rp_series *s = rp_ingest_series_at(v->ingest, i, NULL);
        if (!s) continue;
        if (!strcmp(rp_series_name(s), name)) return true;
        if (!*example) *example = rp_series_name(s);
    }
    return false;
}

/* A flag's series (name, and name2 unless NULL: --xy's pair) that never came although others
 * did: a misspelt full name, said in one line (the pair's two in one: two lines for one flag
 * read as two mistakes). */
static rp_status check_named(const rp_viewer *v, const char *flag, const char *given,
                             const char *name, const char *name2, rp_status st)
{
    if (v->panels.series_added == 0) return st;
    const char *example = NULL;
    bool gone = name && name[0] && !series_came(v, name, &example);
    bool gone2 = name2 && name2[0] && !series_came(v, name2, &example);
    if (!gone && !gone2) return st;
    char names[2 * RP_NAME_MAX + 16];
    if (gone && gone2)
        snprintf(names, sizeof names, "'%s' or '%s'", name, name2);
    else
        snprintf(names, sizeof names, "'%s'", gone ? name : name2);
    fprintf(stderr,
            "ringplot: %s '%s': no series named %s came (%d series came, full names such as "
            "'%s')\n",
            flag, given ? given : name, names, v->panels.series_added, example ? example : "");
    return st == RP_OK ? RP_ERR_INVALID_ARG : st;
}

/* A --right that put none of the series that came on a right axis (the panel policy counts what
 * each took): a misspelt name, said and an error as for --panel. */
static rp_status check_right(const rp_viewer *v, int i, rp_status st)
{
    if (v->panels.series_added == 0 || v->panels.right_hits[i] > 0) return st;
    fprintf(
        stderr,
        "ringplot: --right '%s' matched none of the %d series (names, groups before '/' or '.', "
        "or prefixes ending in '*')\n",
        v->opt.right[i], v->panels.series_added);
    return st == RP_OK ? RP_ERR_INVALID_ARG : st;
}

/* A --hide naming no series that came: a misspelt name, or a series still to come (a layout
 * keeps it for another run): a note, as for a panel that never appeared. */
static void note_hidden(const rp_viewer *v, const char *name)
{
    const char *example;
    if (v->panels.series_added == 0 || series_came(v, name, &example)) return;
    fprintf(stderr,
            "ringplot: note: --hide '%s': no series of that name came (%d series came, full "
            "names such as '%s'); a saved layout keeps it\n",
            name, v->panels.series_added, example ? example : "");
}

/* A panel number given to flag (1 = top; 0: every panel) beyond the panels of a run in which
 * series came: said on stderr. Not an error: a layout keeps settings for panels still to come
 * (another run of the same layout may make them). */
static void note_missing_panel(const rp_viewer *v, const char *flag, int panel, int panels)
{
    if (v->panels.series_added == 0 || panel <= panels) return;
    fprintf(stderr,
            "ringplot: note: %s %d: no such panel in this run (it had %d; 1 = top); a saved "
            "layout keeps it\n",
            flag, panel, panels);
}

/* A panel number given to flag that is a view panel (spectrum, trigger, XY: they count in the
 * numbers, 1 = top), which the flag does not apply to: said on stderr, as a miscount. */
static void note_view_panel(const rp_viewer *v, const char *flag, int panel)
{
    if (panel < 1 || panel > v->figure->panel_count) return;
    const rp_figure_panel *fp = &v->figure->panels[panel - 1];
    const char *kind = fp->spectrum ? "spectrum" : fp->trigger ? "trigger" : fp->xy ? "XY" : NULL;
    if (!kind) return;
    fprintf(stderr,
            "ringplot: note: %s %d: panel %d is a %s panel, which %s does not apply to (panels "
            "count from 1 at the top, views included)\n",
            flag, panel, panel, kind, flag);
}

/* What a layout restores besides the panels' own state: the series hidden now (by name, in the
 * order of the panels) and those --hide names that have not come yet; each panel's legend place
 * where it is not the one of every panel; an open recording's x view when it is not the whole
 * recording. */
static void snapshot_figure(const rp_viewer *v, rp_viewer_options *o)
{
    const rp_figure *f = v->figure;
    bool visible;
    o->hide_count = 0;
    for (int p = 0; p < f->panel_count; p++)
        for (int k = 0; k < f->panels[p].series_count && o->hide_count < RP_VIEWER_HIDDEN_MAX;
             k++) {
            const char *name = rp_series_name(f->panels[p].series[k].series);
            bool listed = false;
            for (int i = 0; i < o->hide_count; i++) listed |= !strcmp(o->hide[i], name);
            if (!listed && figure_has_series(f, name, &visible) && !visible)
                o->hide[o->hide_count++] = name;
        }
    for (int i = 0; i < v->opt.hide_count && o->hide_count < RP_VIEWER_HIDDEN_MAX; i++)
        if (!figure_has_series(f, v->opt.hide[i], &visible))
            o->hide[o->hide_count++] = v->opt.hide[i];
    o->legend_count = 0;
    for (int p = 0; p < f->panel_count && !o->hide_legend; p++)
        if (rp_figure_legend_place(f, p) != v->legend) {
            o->legends[o->legend_count].panel = p + 1;
            o->legends[o->legend_count++].place = rp_figure_legend_place(f, p);
        }
    for (int i = 0; i < v->opt.legend_count && !o->hide_legend; i++)
        if (!panel_settled(v, v->opt.legends[i].panel)) /* panels still to come */
            o->legends[o->legend_count++] = v->opt.legends[i];
    double x0, x1;
    o->x_view_given = v->recording && !rp_figure_following(f) &&
                      rp_figure_x_view(f, &x0, &x1) == RP_OK && x1 > x0 &&
                      (x0 != v->rec_x0 || x1 != v->rec_x1);
    if (o->x_view_given) {
        o->x_view[0] = x0;
        o->x_view[1] = x1;
    }
}

/* The time panel (not a spectrum, trigger, XY or notes panel) showing `series`; -1: none. */
static int time_panel_of(const rp_figure *f, const rp_series *series)
{
    for (int p = 0; p < f->panel_count; p++) {
        const rp_figure_panel *pn = &f->panels[p];
        for (int k = 0; k < pn->series_count && !pn->spectrum && !pn->trigger && !pn->xy; k++)
            if (pn->series[k].series == series) return p;
    }
    return -1;
}

/* The 'd' key: sample markers auto → on → off → auto (printed, since they only show when
 * zoomed in to single samples). */
static void markers_key(rp_viewer *v)
{
    static const char *const names[] = {"auto", "on", "off"};
    rp_markers m = rp_figure_get_desc(v->figure).markers;
    m = m == RP_MARKERS_AUTO ? RP_MARKERS_ON
        : m == RP_MARKERS_ON ? RP_MARKERS_OFF
                             : RP_MARKERS_AUTO;
    if (rp_figure_set_markers(v->figure, m) == RP_OK) say(v, "sample markers %s", names[m]);
}

rp_status rp_viewer_save_layout(rp_viewer *v, const char *path)
{
    rp_viewer_options *o = malloc(sizeof *o);
    if (!o) return RP_ERR_NO_MEMORY;
    *o = v->opt;
    const rp_figure *f = v->figure;
    o->hud = v->hud;
    o->markers = rp_figure_get_desc(f).markers;
    o->show_stats = rp_figure_stats_shown(f);
    o->cursor_count = 0;
    bool file_x = v->opt.at_once && v->opt.span > 0 && !v->file_dated; /* place_file_cursors */
    for (int k = 0; k < 2 && f->cursor_on[k] && (k == 0 || f->cursor_on[0]); k++) {
        double x = f->cursor_offset[k];
        if (file_x) rp_figure_time_cursor(f, k, &x);
        o->cursors[o->cursor_count++] = x;
    }
    if (v->cursors_pending) { /* not placed yet: as given */
        o->cursor_count = v->opt.cursor_count;
        for (int k = 0; k < o->cursor_count; k++) o->cursors[k] = v->opt.cursors[k];
    }
    /* a scale for every panel ('all') stays for panels still to come; the panels there are
     * follow with their own */
    int all = -1;
    for (int i = 0; i < v->opt.y_scale_count; i++)
        if (v->opt.y_scales[i].panel == 0) all = i;
    o->y_scale_count = o->level_count = o->y_range_count = 0;
    if (all >= 0) o->y_scales[o->y_scale_count++] = v->opt.y_scales[all];
    o->style_count = 0;
    for (int p = 0; p < f->panel_count; p++) {
        if (f->panels[p].spectrum || f->panels[p].trigger) continue;
        snapshot_panel(v, p, o, all >= 0);
        for (int k = 0; k < f->panels[p].series_count && o->style_count < RP_VIEWER_STYLES_MAX;
             k++) {
            const rp_figure_series *fs = &f->panels[p].series[k];
            int known;
            const char *key =
                style_key(v, fs->series, v->style_keys[o->style_count], sizeof v->style_keys[0]);
            if (style_name_match_in(o, key, &known)) continue;
            const char *unit = rp_series_unit(fs->series);
            o->styles[o->style_count].name = key;
            o->styles[o->style_count].color = rp_figure_series_color(f, fs);
            o->styles[o->style_count++].unit = unit[0] ? unit : NULL;
        }
    }
    /* levels and y scales asked for a panel still to come, or for one that has not had them yet
     * (a --panel spec's panel before its first series: settle_new_panels) stay as given */
    for (int i = 0; i < v->opt.level_count && o->level_count < RP_MAX_PANELS; i++)
        if (!panel_settled(v, v->opt.levels[i].panel))
            o->levels[o->level_count++] = v->opt.levels[i];
    for (int i = 0; i < v->opt.y_scale_count && o->y_scale_count < RP_MAX_PANELS; i++)
        if (v->opt.y_scales[i].panel > 0 && !panel_settled(v, v->opt.y_scales[i].panel))
            o->y_scales[o->y_scale_count++] = v->opt.y_scales[i];
    /* y views asked for that could not be set yet stay: a panel still to come, or a right axis
     * before its first series (--y-range 2:right:0,100 with the right series not come) */
    for (int i = 0; i < v->opt.y_range_count && o->y_range_count < 2 * RP_MAX_PANELS; i++) {
        bool taken = v->y_range_applied[i];
        for (int k = 0; k < o->y_range_count && !taken; k++)
            taken = o->y_ranges[k].panel == v->opt.y_ranges[i].panel &&
                    o->y_ranges[k].axis == v->opt.y_ranges[i].axis;
        if (!taken) o->y_ranges[o->y_range_count++] = v->opt.y_ranges[i];
    }
    /* styles of series that have not come yet stay */
    for (int i = 0; i < v->opt.style_count && o->style_count < RP_VIEWER_STYLES_MAX; i++) {
        int known;
        if (!style_name_match_in(o, v->opt.styles[i].name, &known))
            o->styles[o->style_count++] = v->opt.styles[i];
    }
    /* view panels: their specs with the views they have now (zoomed or panned) */
    char specs[RP_VIEWER_MAX_SPECTRA + RP_VIEWER_MAX_TRIGGERS + RP_VIEWER_MAX_XY][512];
    int k = 0;
    for (int i = 0; i < o->spectrum_count; i++, k++) {
        rp_viewer_spectrum_spec(f, &o->spectra[i], o->spectrum_specs[i], specs[k], 512);
        o->spectrum_specs[i] = specs[k];
    }
    for (int i = 0; i < o->trigger_count; i++, k++) {
        rp_viewer_trigger_spec(f, &o->triggers[i], o->trigger_specs[i], specs[k], 512);
        o->trigger_specs[i] = specs[k];
    }
    for (int i = 0; i < o->xy_count; i++, k++) {
        rp_viewer_xy_spec(f, &o->xys[i], o->xy_specs[i], specs[k], 512);
        o->xy_specs[i] = specs[k];
    }
    snapshot_figure(v, o);
#define SORT(list, count)                                                                          \
    sort_by_panel(list, count, sizeof(list)[0],                                                    \
                  (size_t)((char *)&(list)[0].panel - (char *)&(list)[0]))
    SORT(o->levels, o->level_count);
    SORT(o->y_scales, o->y_scale_count);
    SORT(o->y_ranges, o->y_range_count);
    SORT(o->legends, o->legend_count);
#undef SORT
    double x0, x1, span = v->opt.span;
    bool all_retained = v->figure->follow && v->figure->follow_span == 0; /* --span 0, live */
    if (!all_retained && rp_figure_x_view(v->figure, &x0, &x1) == RP_OK && x1 > x0)
        span = x1 - x0; /* the span in view */
    if (all_retained) span = 0;
    rp_status st = rp_viewer_config_save(o, span, path);
    free(o);
    return st;
}

static void save_layout_key(rp_viewer *v)
{
    char stamp[32], path[RP_VIEWER_PATH_MAX];
    time_t now = time(NULL);
    struct tm tm;
    localtime_r(&now, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(path, sizeof path, "%s/ringplot-layout-%s.json",
             v->opt.screenshot_dir ? v->opt.screenshot_dir : ".", stamp);
    if (rp_viewer_save_layout(v, path) == RP_OK)
        say(v, "layout saved to %s", path);
    else
        say(v, "cannot write %s", path);
}

/* Shows every series of the open recording, grouped into panels like live series, the whole
 * recording in view. */
static rp_status show_recording(rp_viewer *v, char *err, int err_size)
{
    char *why = v->open_error;
    rp_status st = rp_recording_open(
        v->opt.open_path, &(rp_recording_desc){.log = {.func = keep_failure, .user = why}},
        &v->recording);
    if (st != RP_OK) {
        snprintf(err, (size_t)err_size, "--open: %s", why[0] ? why : rp_status_string(st));
        return st;
    }
    verify_recording(v->recording, &v->opt);
    /* nothing in it (a recording killed before its first flush, 1 s in): said, as an empty
     * file is, not a blank window */
    rp_recording_stats rs = rp_recording_stats_get(v->recording);
    if (rs.samples == 0) {
        snprintf(err, (size_t)err_size, "%s: the recording holds no samples (%s): nothing plotted",
                 v->opt.open_path,
                 rs.indexed ? "it was closed empty"
                            : "it was cut before its first flush, or is not a recording's start");
        return RP_ERR_IO;
    }
    double lo = INFINITY, hi = -INFINITY;
    const char *slash = strrchr(v->opt.open_path, '/');
    const char *label = slash ? slash + 1 : v->opt.open_path;
    for (int i = 0; i < rp_recording_series_count(v->recording); i++) {
        rp_series *s = rp_recording_series(v->recording, i);
        /* panels as live (groups, --panel, --right, units; --spectrum, --trigger and --xy panels
         * above, through on_new_series): series without a group share the recording's panel,
         * titled with its file name, as a live source's share the source's */
        rp_panel_policy_place(&v->panels, s, label);
        hide_if_listed(v, s);
        double a, b;
        if (rp_series_x_extent(s, &a, &b) == RP_OK) {
            lo = a < lo ? a : lo;
            hi = b > hi ? b : hi;
        }
    }
    v->rec_x0 = lo;
    v->rec_x1 = hi;
    v->play_x = lo;
    if (hi > lo &&
        v->opt.x_view_given) { /* --x-view: a saved layout's view; playback from its end */
        set_time_view(v, v->opt.x_view[0], v->opt.x_view[1]);
        v->play_x = fmin(fmax(v->opt.x_view[1], lo), hi);
    } else if (hi > lo) {
        rp_figure_set_x_view(v->figure, lo, hi);
    } else {
        rp_figure_follow(v->figure, 0);
    }
    v->play_speed = v->opt.play_speed;
    if (hi > lo && v->opt.play_speed > 0) {
        v->playing = true;
        v->play_wall = now_s();
    }
    return RP_OK;
}

/* ---- interaction ---------------------------------------------------------------------------- */

static float window_scale(const rp_viewer *v)
{
    return v->window ? rp_window_scale(v->window) : 1.0f;
}

/* Back to following live data (a file shown whole: the whole file, or its end with --span), at
 * the live span (the wheel may have changed it) or, reset, at --span again. */
static void follow_live(rp_viewer *v, bool reset_span)
{
    if (reset_span || v->recording || v->opt.at_once) v->live_span = v->opt.span;
    v->live_edge = NAN;
    if (v->recording && v->rec_x1 > v->rec_x0 && v->live_span > v->rec_x1 - v->rec_x0)
        set_time_view(v, v->rec_x0, v->rec_x1); /* shorter than the span: all of it, no empty
                                                   time before its start */
    else
        rp_figure_follow(v->figure, v->live_span);
    for (int p = 0; p < rp_figure_panel_count(v->figure); p++) {
        rp_figure_autoscale_y(v->figure, p);
        rp_figure_autoscale_y2(v->figure, p);
    }
}

/* Pausing freezes exactly what the last frame showed (view and time labels). */
static void pause_view(rp_viewer *v)
{
    const rp_frame_layout *fl = drawn(v);
    double x0 = fl ? fl->x0 : 0, x1 = fl ? fl->x1 : 0;
    if (!(x1 > x0) && rp_figure_x_view(v->figure, &x0, &x1) != RP_OK) return;
    set_time_view_edge(v, x0, x1, x1); /* what it showed, not what came after that frame */
    /* its cursors and labels too: counted from the newest sample that frame drew, as live (a
     * newer one may have come after that frame, past its right edge) */
    if (fl && fl->x1 > fl->x0) rp_figure__freeze_time_ref(v->figure, fl->time_origin);
}

/* The trigger (or spectrum) panel a key changed: the one under the pointer when it is one, else
 * the first (the keys change all of them then); -1 when there is none. */
static int view_panel_for_key(const rp_viewer *v, int panel, bool trigger)
{
    const rp_figure *f = v->figure;
    if (panel >= 0 && panel < f->panel_count &&
        (trigger ? f->panels[panel].trigger != NULL : f->panels[panel].spectrum != NULL))
        return panel;
    for (int q = 0; q < f->panel_count; q++)
        if (trigger ? f->panels[q].trigger != NULL : f->panels[q].spectrum != NULL) return q;
    return -1;
}

/* What r did to the trigger panel under the pointer (else to all of them): only a single
 * trigger re-arms (rp_viewer_trigger_key); an auto or normal one is said to be one ("trigger
 * re-armed" was said of every mode). */
static void rearm_said(rp_viewer *v, int panel)
{
    static const char *const modes[3] = {"auto", "normal", "single"};
    const rp_figure *f = v->figure;
    bool one = panel >= 0 && rp_figure_trigger_desc(f, panel).sweep > 0;
    int panels = 0, single = 0;
    rp_trigger_mode other = RP_TRIGGER_AUTO;
    for (int p = 0; p < rp_figure_panel_count(f); p++) {
        rp_trigger_desc d = rp_figure_trigger_desc(f, p);
        if (d.sweep == 0 || (one && p != panel)) continue;
        panels++;
        if (d.mode == RP_TRIGGER_SINGLE)
            single++;
        else
            other = d.mode;
    }
    if (single > 0 && single == panels)
        say(v, "single trigger%s re-armed: the next trigger from now on is captured",
            single > 1 ? "s" : "");
    else if (single > 0)
        say(v,
            "%d single trigger%s re-armed; the other %d panel%s not in single mode (t: "
            "change mode)",
            single, single > 1 ? "s" : "", panels - single, panels - single > 1 ? "s are" : " is");
    else if (panels == 1)
        say(v, "r re-arms a single trigger; this one is in %s mode (t: change mode)",
            modes[other % 3]);
    else
        say(v, "r re-arms a single trigger; none of these %d is in single mode (t: change mode)",
            panels);
}

/* Space: a live view pauses; any other view (paused, zoomed, dragged) goes back to live. */
static void space(rp_viewer *v)
{
    if (v->playing) { /* playback: space pauses and resumes the playhead */
        play_key(v);
        return;
    }
    if (v->recording) { /* nothing is live: a recording's view stays */
        say(v, "space: nothing live in a recording (k: play it)");
        return;
    }
    if (v->opt.at_once) { /* a file shown whole: nothing comes, there is no live end */
        if (rp_figure_following(v->figure)) {
            say(v, "space: a file shown whole has no live end to pause (wheel or drag to look "
                   "closer)");
        } else {
            follow_live(v, true);
            say(v, "%s", v->opt.span > 0 ? "the file's end in view" : "the whole file in view");
        }
        return;
    }
    if (rp_figure_following(v->figure)) {
        pause_view(v);
        say(v, "paused \u2014 space: back to live");
    } else {
        follow_live(v, false);
        say(v, "live");
    }
}

/* Where px, py lies in panel p's plot as fractions of it, (0, 0) bottom-left, kept within it;
 * false when the panel was not drawn. */
static bool plot_fraction(rp_viewer *v, int p, float px, float py, double *u, double *w)
{
    const rp_frame_panel *dp = drawn_panel(v, p);
    if (!dp) return false;
    *u = fmin(fmax((px - dp->plot.x) / dp->plot.width, 0.0), 1.0);
    *w = fmin(fmax(1.0 - (py - dp->plot.y) / dp->plot.height, 0.0), 1.0);
    return true;
}

/* The time view left live data by the wheel, a drag or a zoom box: said, so that the message of
 * a space before ("live") does not stand beside the PAUSED badge. */
static void left_live(rp_viewer *v, const char *how)
{
    if (v->recording) return;
    if (v->opt.at_once)
        say(v, "%s \u2014 double-click or space: %s", how,
            v->opt.span > 0 ? "the file's end again" : "the whole file again");
    else
        say(v, "paused (%s) \u2014 space or double-click: back to live", how);
}

static void zoom(rp_viewer *v, float px, float py, double notches, bool y_axis)
{
    double factor = pow(ZOOM_STEP, notches);
    rp_hit hit = hit_test(v, px, py);
    if (hit.kind == RP_HIT_Y_AXIS) y_axis = true;  /* over an axis' labels: that axis */
    if (hit.kind == RP_HIT_X_AXIS) y_axis = false; /* (about the pointer's value) */
    double u, w; /* a spectrum, trigger or XY panel: its own axes, not the time axis */
    if (rp_viewer_view_panel(v->figure, hit.panel)) {
        if (plot_fraction(v, hit.panel, px, py, &u, &w))
            rp_viewer_view_wheel(v->figure, hit.panel, u, w, factor, y_axis);
        return;
    }
    if (!y_axis) v->playing = false; /* the user takes the view over */
    if (y_axis) {
        if (hit.panel < 0) return;
        double y0, y1;
        if (rp_figure_y_view(v->figure, hit.panel, &y0, &y1) != RP_OK) return;
        const rp_figure_panel *pn = &v->figure->panels[hit.panel]; /* zoom in the scale's unit */
        double u0 = rp_panel_y_unit(pn, y0), u1 = rp_panel_y_unit(pn, y1);
        bool at = hit.kind == RP_HIT_PLOT || hit.kind == RP_HIT_Y_AXIS;
        double f = at ? (rp_panel_y_unit(pn, hit.y) - u0) / (u1 - u0) : 0.5;
        double c = u0 + f * (u1 - u0);
        rp_figure_set_y_view(v->figure, hit.panel, rp_panel_y_from_unit(pn, c - (c - u0) * factor),
                             rp_panel_y_from_unit(pn, c + (u1 - c) * factor));
        if (rp_figure_y2_view(v->figure, hit.panel, &y0, &y1) == RP_OK) { /* the right axis alike */
            u0 = rp_panel_y_unit(pn, y0), u1 = rp_panel_y_unit(pn, y1);
            c = u0 + f * (u1 - u0);
            rp_figure_set_y2_view(v->figure, hit.panel,
                                  rp_panel_y_from_unit(pn, c - (c - u0) * factor),
                                  rp_panel_y_from_unit(pn, c + (u1 - c) * factor));
        }
        return;
    }
    double x0, x1;
    if (rp_figure_x_view(v->figure, &x0, &x1) != RP_OK) return;
    double c = hit.kind == RP_HIT_PLOT || hit.kind == RP_HIT_X_AXIS ? hit.x : 0.5 * (x0 + x1);
    double n0 = c - (c - x0) * factor, n1 = c + (x1 - c) * factor;
    if (n1 - n0 < 1e-9 * (fabs(c) + 1) * 1e-3) return; /* stop before doubles run out */
    bool was_live = rp_figure_following(v->figure);
    if (was_live && !v->recording && !v->opt.at_once) {
        /* a live view zoomed goes on following, its right edge the newest sample: only its span
         * changes, as in PlotJuggler or a scope (around the pointer, a zoom out showed seconds
         * of the future, and a "paused" view that filled as they came) */
        v->live_span = n1 - n0;
        v->live_edge = NAN;
        rp_figure_follow(v->figure, v->live_span);
        char span[32];
        snprintf(span, sizeof span, v->live_span < 1000 ? "%.3g s" : "%.0f s", v->live_span);
        say(v, "live, span %s (drag or space pauses; double-click: --span again)", span);
        return;
    }
    set_time_view(v, n0, n1);
    if (was_live) left_live(v, "zoomed");
}

#define CURSOR_GRAB_PX 6.0f

/* The cursor line within CURSOR_GRAB_PX of (px, py) in the plot of `panel`: 0/1 time cursor,
 * 2/3 level cursor of that panel, -1 none. */
static int cursor_at(rp_viewer *v, int panel, float px, float py)
{
    rp_figure *f = v->figure;
    int best = -1;
    float best_d = CURSOR_GRAB_PX * window_scale(v);
    const rp_frame_layout *fl = drawn(v);
    if (!fl) return -1;
    for (int k = 0; k < 2 && !rp_viewer_view_panel(f, panel); k++) { /* not drawn in views */
        float d = fabsf(px - fl->cursor_px[k]);
        if (f->cursor_on[k] && isfinite(fl->cursor_px[k]) && d <= best_d) {
            best = k;
            best_d = d;
        }
    }
    const rp_frame_panel *dp = drawn_panel(v, panel);
    if (!dp) return best;
    const rp_figure_panel *pn = &f->panels[panel];
    const rp_frame_rect *pr = &dp->plot;
    for (int k = 0; k < 2; k++) {
        if (!pn->level_on[k]) continue;
        double t1 = rp_panel_y_unit(pn, dp->y1), t0 = rp_panel_y_unit(pn, dp->y0);
        double y = pr->y + (t1 - rp_panel_y_unit(pn, pn->level_y[k])) / (t1 - t0) * pr->height;
        float d = fabsf(py - (float)y);
        if (d <= best_d) {
            best = 2 + k;
            best_d = d;
        }
    }
    return best;
}

/* l: the y scale of the panel under the pointer (else the top one): linear → log → symlog →
 * linear, autoscaled. A spectrum (dB), trigger or XY panel stays linear, and says so. */
static void cycle_y_scale(rp_viewer *v, int panel)
{
    if (panel < 0) panel = 0;
    if (panel >= rp_figure_panel_count(v->figure)) return;
    const rp_figure_panel *pn = &v->figure->panels[panel];
    if (pn->spectrum || pn->trigger || pn->xy) {
        say(v, "%s",
            pn->spectrum  ? "l: a spectrum's dB axis is a log scale already (not changed)"
            : pn->trigger ? "l: a trigger panel's y axis stays linear, as a scope's"
                          : "l: an XY panel's axes stay linear");
        return;
    }
    static const char *const names[] = {"linear", "log", "symlog"};
    rp_y_scale next = (rp_y_scale)((rp_figure_y_scale(v->figure, panel) + 1) % 3);
    rp_figure_set_y_scale(v->figure, panel, next, v->figure->panels[panel].symlog_threshold);
    rp_figure_autoscale_y(v->figure, panel);
    say(v, "y scale %s", names[next]);
}

/* --y-scale for a panel just made. */
static void apply_y_scale(rp_viewer *v, int panel)
{
    for (int i = 0; i < v->opt.y_scale_count; i++)
        if (v->opt.y_scales[i].panel == panel + 1 || v->opt.y_scales[i].panel == 0)
            rp_figure_set_y_scale(v->figure, panel, v->opt.y_scales[i].scale,
                                  v->opt.y_scales[i].threshold);
}

/* x over a time panel with two or more series: an XY panel of its second series against its
 * first, made as an --xy spec "X,Y" would make it, so that a saved layout has it (once per
 * panel; RP_VIEWER_MAX_XY in all). Over an XY panel: equal aspect on / off. */
static void xy_key(rp_viewer *v, int panel)
{
    rp_series *x = rp_figure_panel_series(v->figure, panel, 0);
    rp_series *y = rp_figure_panel_series(v->figure, panel, 1);
    int n = v->opt.xy_count;
    if (rp_figure_xy_desc(v->figure, panel).title) { /* an XY panel: equal aspect */
        rp_viewer_xy_key(v->figure, panel, v->xy_given, RP_MAX_PANELS);
        say(v, "equal aspect: %s", rp_figure_xy_desc(v->figure, panel).equal_aspect ? "on" : "off");
        return;
    }
    if (panel < 0 || rp_viewer_view_panel(v->figure, panel) || v->figure->panels[panel].notes) {
        say(v, "x: point at a time panel with two series (or at an XY panel)");
        return;
    }
    if (!x || !y) {
        say(v, "x: an XY panel needs two series in the panel");
        return;
    }
    if (panel >= RP_MAX_PANELS || v->xy_given[panel]) {
        say(v, "x: this panel has its XY panel already");
        return;
    }
    if (n == RP_VIEWER_MAX_XY) {
        say(v, "x: %d XY panels at most (as --xy)", RP_VIEWER_MAX_XY);
        return;
    }
    for (int i = 0; i < n; i++) /* a layout's (or --xy) XY panel of the pair is there already */
        if (!strcmp(v->opt.xys[i].x_name, rp_series_name(x)) &&
            !strcmp(v->opt.xys[i].y_name, rp_series_name(y))) {
            say(v, "x: the XY panel of '%s' and '%s' is there already", rp_series_name(x),
                rp_series_name(y));
            return;
        }
    char *spec = v->xy_key_specs[n], why[200];
    snprintf(spec, sizeof v->xy_key_specs[n], "%s,%s", rp_series_name(x), rp_series_name(y));
    rp_viewer_xy *xy = &v->opt.xys[n];
    if (!rp_viewer_parse_xy(spec, xy, why, sizeof why) || strcmp(xy->x_name, rp_series_name(x)) ||
        strcmp(xy->y_name, rp_series_name(y))) { /* a name with ',' or ':': not as a spec */
        rp_viewer_xy_key(v->figure, panel, v->xy_given, RP_MAX_PANELS);
        say(v, "the XY panel of '%s' and '%s' is not saved in layouts", rp_series_name(x),
            rp_series_name(y));
        return;
    }
    v->xy_given[panel] = true;
    v->opt.xy_specs[v->opt.xy_count++] = spec;
    rp_viewer_xy_series(v->figure, xy, 1, x);
    rp_viewer_xy_series(v->figure, xy, 1, y);
    say(v, "XY panel: '%s' against '%s'", rp_series_name(y), rp_series_name(x));
}

/* o: the log list of the notes panel on or off (before the panel exists: how it will start). */
static void toggle_log_list(rp_viewer *v)
{
    v->opt.log_list = !v->opt.log_list;
    if (v->notes_panel >= 0 && v->notes_panel < rp_figure_panel_count(v->figure)) {
        rp_figure_show_log_list(v->figure, v->notes_panel, v->opt.log_list);
        say(v, "log list %s", v->opt.log_list ? "on" : "off");
    } else {
        say(v, "o: no log lines yet: their list will be %s when they come",
            v->opt.log_list ? "shown" : "hidden");
    }
}

/* Where x is as the x axis counts it: "t = -3.20 s" from the time labels' origin (the newest
 * sample, or a file's zero), "at 14:03:22.120" on a wall-clock axis, "x = 42" on a plain one;
 * to a thousandth of the view's width. */
static void x_text(const rp_viewer *v, double x, char *out, size_t size)
{
    double x0 = 0, x1 = 0, origin = 0;
    rp_figure_x_view(v->figure, &x0, &x1);
    double res = x1 > x0 ? (x1 - x0) / 1000 : 1e-3;
    int decimals = res >= 1 ? 0 : (int)fmin(9, ceil(-log10(res)));
    rp_x_axis axis = rp_figure_get_desc(v->figure).x_axis;
    if (axis == RP_X_AXIS_WALL_CLOCK) {
        time_t secs = (time_t)floor(x);
        struct tm tm;
        char clock[32];
        localtime_r(&secs, &tm);
        strftime(clock, sizeof clock, "%H:%M:%S", &tm);
        snprintf(out, size, "at %s.%03d", clock, (int)((x - floor(x)) * 1000));
    } else if (axis == RP_X_AXIS_NUMBER) {
        snprintf(out, size, "x = %.*f", decimals, x);
    } else {
        if (!rp_figure_time_origin(v->figure, &origin)) origin = 0;
        double t = x - origin;
        snprintf(out, size, "t = %.*f s", decimals, fabs(t) < 0.5 * res ? 0.0 : t);
    }
}

/* Time cursor A on a log line. A live view pauses first: its cursors keep their distance from the
 * newest sample, so A would slide off the line with the next data and read out other times than
 * the line's. Says where A went (j and a click said nothing). */
static void cursor_on_log(rp_viewer *v, const rp_note *line, const char *how)
{
    bool paused = rp_figure_following(v->figure) && !v->recording && !v->opt.at_once;
    if (rp_figure_following(v->figure)) pause_view(v);
    rp_figure_set_time_cursor(v->figure, 0, line->x);
    char at[64];
    x_text(v, line->x, at, sizeof at);
    say(v, "%sA at the log line '%.80s' (%s)%s", how, line->text, at,
        paused ? "; paused, space: back to live" : "");
}

/* j: time cursor A on the newest log line in the view (the line's time, read out in the table);
 * when there is none, why: no log lines kept, none came yet, or none in view (where the newest
 * is). */
static void cursor_on_newest_log(rp_viewer *v)
{
    double x0, x1;
    rp_note line;
    rp_notes_stats ns = v->notes ? rp_notes_stats_get(v->notes) : (rp_notes_stats){0};
    int held = v->notes ? rp_notes_read_logs(v->notes, -INFINITY, INFINITY, &line, 1) : 0;
    if (!v->notes || v->opt.log_lines < 0) {
        say(v, "j: log lines are not kept (--log-lines 0): nothing to put cursor A on");
    } else if (held == 0) {
        say(v, "j: no log line has come%s (j puts cursor A on the newest one in view)",
            ns.logs_expired > 0 ? " that is still kept" : " yet");
    } else if (rp_figure_x_view(v->figure, &x0, &x1) == RP_OK &&
               rp_notes_read_logs(v->notes, x0, x1, &line, 1) > 0) {
        cursor_on_log(v, &line, "j: ");
    } else {
        char at[64];
        x_text(v, line.x, at, sizeof at);
        say(v, "j: none of the %d log lines is in view (the newest: '%.60s', %s)%s", held,
            line.text, at,
            rp_figure_following(v->figure) ? "" : "; space or a double-click: back to live");
    }
}

/* c: time cursors A and B at a third and two thirds of the view, or off when they are on. */
static void toggle_time_cursors(rp_viewer *v)
{
    double x0, x1;
    if (v->figure->cursor_on[0] || v->figure->cursor_on[1]) {
        rp_figure_set_time_cursor(v->figure, 0, NAN);
        rp_figure_set_time_cursor(v->figure, 1, NAN);
        say(v, "cursors A/B: cleared");
    } else if (rp_figure_x_view(v->figure, &x0, &x1) == RP_OK) {
        rp_figure_set_time_cursor(v->figure, 0, x0 + (x1 - x0) / 3);
        rp_figure_set_time_cursor(v->figure, 1, x0 + (x1 - x0) * 2 / 3);
        say(v, "cursors A/B: on (drag them; right click places one)");
    } else {
        say(v, "c: nothing in view to put cursors on yet");
    }
}

/* y: level cursors of the panel under the pointer (else the top one) at a third and two thirds
 * of its y view, or off. */
static void toggle_level_cursors(rp_viewer *v, int panel)
{
    if (panel < 0) panel = 0;
    if (panel >= rp_figure_panel_count(v->figure)) return;
    rp_figure_panel *pn = &v->figure->panels[panel];
    if (pn->spectrum || pn->trigger) {
        say(v, "y: level cursors are for time and XY panels%s",
            pn->trigger ? " (a trigger's level is its dashed line)" : "");
        return;
    }
    char name[RP_TEXT_MAX + 16];
    if (pn->title[0])
        snprintf(name, sizeof name, "%.40s", pn->title);
    else
        snprintf(name, sizeof name, "panel %d", panel + 1);
    if (pn->level_on[0] || pn->level_on[1]) {
        rp_figure_set_level_cursor(v->figure, panel, 0, NAN);
        rp_figure_set_level_cursor(v->figure, panel, 1, NAN);
        say(v, "level cursors of %s: cleared", name);
        return;
    }
    const rp_frame_panel *dp = drawn_panel(v, panel); /* a third of the view on screen */
    double y0, y1;
    if (dp) {
        y0 = dp->y0;
        y1 = dp->y1;
    } else if (rp_figure_y_view(v->figure, panel, &y0, &y1) != RP_OK) {
        return;
    }
    double u0 = rp_panel_y_unit(pn, y0), u1 = rp_panel_y_unit(pn, y1);
    rp_figure_set_level_cursor(v->figure, panel, 0, rp_panel_y_from_unit(pn, u0 + (u1 - u0) / 3));
    rp_figure_set_level_cursor(v->figure, panel, 1,
                               rp_panel_y_from_unit(pn, u0 + (u1 - u0) * 2 / 3));
    say(v, "level cursors of %s: on", name);
}

/* Right click: a time cursor there (A first, then B, then the nearer one moves); with shift, a
 * level cursor of the panel the same way. */
static void place_cursor(rp_viewer *v, float px, float py, bool level)
{
    rp_hit hit = hit_test(v, px, py);
    rp_figure *f = v->figure;
    if (hit.kind != RP_HIT_PLOT) { /* it did nothing silently */
        say(v, "%s: put it over a panel's plot (not between panels or on an axis)",
            level ? "shift+right click places a level cursor" : "right click places a time cursor");
        return;
    }
    bool view = rp_viewer_view_panel(f, hit.panel), xy = rp_figure_xy_desc(f, hit.panel).title;
    if (level && view && !xy) {
        say(v, "shift+right click: level cursors are for time and XY panels");
        return;
    }
    if (!level && view) { /* time means nothing there */
        say(v,
            "right click: time cursors are for time panels (this panel's x is %s; shift+right "
            "click: a level cursor%s)",
            xy                                               ? "a series"
            : rp_figure_spectrum_desc(f, hit.panel).size > 0 ? "frequency"
                                                             : "time from the trigger",
            xy ? "" : " in a time or XY panel");
        return;
    }
    if (level) {
        rp_figure_panel *pn = &f->panels[hit.panel];
        int k = !pn->level_on[0]                                               ? 0
                : !pn->level_on[1]                                             ? 1
                : fabs(hit.y - pn->level_y[0]) <= fabs(hit.y - pn->level_y[1]) ? 0
                                                                               : 1;
        rp_figure_set_level_cursor(f, hit.panel, k, hit.y);
        return;
    }
    double a = 0, b = 0;
    bool on_a = rp_figure_time_cursor(f, 0, &a), on_b = rp_figure_time_cursor(f, 1, &b);
    int k = !on_a ? 0 : !on_b ? 1 : fabs(hit.x - a) <= fabs(hit.x - b) ? 0 : 1;
    rp_figure_set_time_cursor(f, k, hit.x);
}

/* Drags the grabbed cursor to the pointer. */
static void drag_cursor(rp_viewer *v, float px, float py)
{
    rp_figure *f = v->figure;
    int panel = v->drag_panel >= 0 ? v->drag_panel : 0;
    const rp_frame_panel *dp = drawn_panel(v, panel);
    if (!dp) return;
    const rp_figure_panel *pn = &f->panels[panel];
    const rp_frame_rect *pr = &dp->plot;
    if (v->cursor_drag < 2) {
        float cx = fminf(fmaxf(px, pr->x), pr->x + pr->width);
        double x0 = v->frame.x0, x1 = v->frame.x1; /* filled by drawn_panel */
        rp_figure_set_time_cursor(f, v->cursor_drag, x0 + (cx - pr->x) / pr->width * (x1 - x0));
    } else {
        float cy = fminf(fmaxf(py, pr->y), pr->y + pr->height);
        double t1 = rp_panel_y_unit(pn, dp->y1), t0 = rp_panel_y_unit(pn, dp->y0);
        rp_figure_set_level_cursor(
            f, v->drag_panel, v->cursor_drag - 2,
            rp_panel_y_from_unit(pn, t1 - (cy - pr->y) / pr->height * (t1 - t0)));
    }
}

static void start_press(rp_viewer *v, float px, float py)
{
    v->pressed = true;
    v->dragging = false;
    v->press_x = px;
    v->press_y = py;
    rp_hit hit = hit_test(v, px, py);
    v->drag_panel = hit.kind == RP_HIT_PLOT ? hit.panel : -1;
    v->legend_drag = hit.kind == RP_HIT_LEGEND;
    if (v->legend_drag) v->drag_panel = hit.panel;
    v->cursor_drag = hit.kind == RP_HIT_PLOT ? cursor_at(v, hit.panel, px, py) : -1;
    v->view_drag =
        hit.kind == RP_HIT_PLOT && v->cursor_drag < 0 && rp_viewer_view_panel(v->figure, hit.panel);
    v->box_drag = hit.kind == RP_HIT_PLOT && v->cursor_drag < 0 && !v->view_drag &&
                  (SDL_GetModState() & KMOD_CTRL) != 0;
    v->view_last_x = px;
    v->view_last_y = py;
    rp_figure_x_view(v->figure, &v->drag_x0, &v->drag_x1);
    if (v->drag_panel >= 0) rp_figure_y_view(v->figure, v->drag_panel, &v->drag_y0, &v->drag_y1);
    v->drag_has_y2 = v->drag_panel >= 0 && rp_figure_y2_view(v->figure, v->drag_panel,
                                                             &v->drag_y2_0, &v->drag_y2_1) == RP_OK;
}

static void drop_legend(rp_viewer *v, float px, float py);

static void drag_to(rp_viewer *v, float px, float py)
{
    if (v->drag_panel < 0) return;
    float dx = px - v->press_x, dy = py - v->press_y;
    if (!v->dragging && fabsf(dx) < DRAG_THRESHOLD_PX && fabsf(dy) < DRAG_THRESHOLD_PX) return;
    v->dragging = true;
    if (v->legend_drag) { /* it follows the pointer from corner to corner, and stays on release */
        drop_legend(v, px, py);
        return;
    }
    if (v->cursor_drag >= 0) {
        drag_cursor(v, px, py);
        return;
    }
    const rp_frame_panel *dp = drawn_panel(v, v->drag_panel);
    if (!dp) return;
    const rp_frame_rect *plot = &dp->plot;
    if (v->box_drag) { /* the box follows the pointer, inside the plot */
        float bx = fminf(fmaxf(px, plot->x), plot->x + plot->width);
        float by = fminf(fmaxf(py, plot->y), plot->y + plot->height);
        rp_figure_set_zoom_box(v->figure, v->press_x, v->press_y, bx, by);
        return;
    }
    if (v->view_drag) { /* that panel's own axes (y once the pointer left the press's height) */
        bool y_too = fabsf(dy) >= DRAG_THRESHOLD_PX;
        rp_viewer_view_drag(v->figure, v->drag_panel, -(px - v->view_last_x) / plot->width,
                            y_too ? (py - v->view_last_y) / plot->height : 0.0);
        v->view_last_x = px;
        if (y_too) v->view_last_y = py;
        return;
    }
    v->playing = false; /* the user takes the view over */
    double shift_x = -(double)dx * (v->drag_x1 - v->drag_x0) / plot->width;
    bool was_live = rp_figure_following(v->figure);
    set_time_view(v, v->drag_x0 + shift_x, v->drag_x1 + shift_x);
    if (was_live) left_live(v, "dragged");
    if (fabsf(dy) >= DRAG_THRESHOLD_PX) { /* pan in the scale's unit: a log axis pans by factors */
        const rp_figure_panel *pn = &v->figure->panels[v->drag_panel];
        double u0 = rp_panel_y_unit(pn, v->drag_y0), u1 = rp_panel_y_unit(pn, v->drag_y1);
        double shift_y = (double)dy * (u1 - u0) / plot->height;
        rp_figure_set_y_view(v->figure, v->drag_panel, rp_panel_y_from_unit(pn, u0 + shift_y),
                             rp_panel_y_from_unit(pn, u1 + shift_y));
        if (v->drag_has_y2) {
            u0 = rp_panel_y_unit(pn, v->drag_y2_0), u1 = rp_panel_y_unit(pn, v->drag_y2_1);
            shift_y = (double)dy * (u1 - u0) / plot->height;
            rp_figure_set_y2_view(v->figure, v->drag_panel, rp_panel_y_from_unit(pn, u0 + shift_y),
                                  rp_panel_y_from_unit(pn, u1 + shift_y));
        }
    }
}

/* A zoom box released at (px, py): the time view becomes the box's width and the panel's y view
 * its height (both axes', in the scale's unit); a box under ZOOM_BOX_MIN_PX on one side leaves
 * that axis alone (a flat box zooms time only, a thin one y only). */
#define ZOOM_BOX_MIN_PX 8.0f
static void zoom_to_box(rp_viewer *v, float px, float py)
{
    rp_figure_set_zoom_box(v->figure, NAN, NAN, NAN, NAN);
    const rp_frame_panel *dp = drawn_panel(v, v->drag_panel);
    if (!dp) return;
    const rp_frame_rect *pr = &dp->plot;
    float x0 = fminf(v->press_x, px), x1 = fmaxf(v->press_x, px);
    float y0 = fminf(v->press_y, py), y1 = fmaxf(v->press_y, py);
    x0 = fmaxf(x0, pr->x), x1 = fminf(x1, pr->x + pr->width);
    y0 = fmaxf(y0, pr->y), y1 = fminf(y1, pr->y + pr->height);
    v->playing = false; /* the user takes the view over */
    if (x1 - x0 >= ZOOM_BOX_MIN_PX) {
        double t0 = v->frame.x0, t1 = v->frame.x1; /* filled by drawn_panel */
        bool was_live = rp_figure_following(v->figure);
        set_time_view(v, t0 + (x0 - pr->x) / pr->width * (t1 - t0),
                      t0 + (x1 - pr->x) / pr->width * (t1 - t0));
        if (was_live) left_live(v, "zoomed to a box");
    }
    if (y1 - y0 >= ZOOM_BOX_MIN_PX) {
        const rp_figure_panel *pn = &v->figure->panels[v->drag_panel];
        double f0 = (pr->y + pr->height - y1) / pr->height,
               f1 = (pr->y + pr->height - y0) / pr->height;
        double u0 = rp_panel_y_unit(pn, dp->y0), u1 = rp_panel_y_unit(pn, dp->y1);
        rp_figure_set_y_view(v->figure, v->drag_panel,
                             rp_panel_y_from_unit(pn, u0 + f0 * (u1 - u0)),
                             rp_panel_y_from_unit(pn, u0 + f1 * (u1 - u0)));
        if (dp->has_right) {
            u0 = rp_panel_y_unit(pn, dp->y2_0), u1 = rp_panel_y_unit(pn, dp->y2_1);
            rp_figure_set_y2_view(v->figure, v->drag_panel,
                                  rp_panel_y_from_unit(pn, u0 + f0 * (u1 - u0)),
                                  rp_panel_y_from_unit(pn, u0 + f1 * (u1 - u0)));
        }
    }
}

/* A legend dropped at (px, py): it goes to the corner of its panel's plot nearest to there. */
static void drop_legend(rp_viewer *v, float px, float py)
{
    const rp_frame_panel *dp = drawn_panel(v, v->drag_panel);
    if (!dp) return;
    const rp_frame_rect *plot = &dp->plot;
    bool right = px >= plot->x + 0.5f * plot->width, bottom = py >= plot->y + 0.5f * plot->height;
    rp_legend_place place = bottom ? (right ? RP_LEGEND_BOTTOM_RIGHT : RP_LEGEND_BOTTOM_LEFT)
                                   : (right ? RP_LEGEND_TOP_RIGHT : RP_LEGEND_TOP_LEFT);
    rp_figure_set_legend_place(v->figure, v->drag_panel, place);
}

static void click(rp_viewer *v, float px, float py)
{
    rp_hit hit = hit_test(v, px, py);
    if (hit.kind == RP_HIT_LEGEND && hit.series)
        rp_figure_set_series_visible(v->figure, hit.series,
                                     !rp_figure_series_visible(v->figure, hit.series));
    /* a log marker or a line of the log list: time cursor A at its time */
    const rp_frame_panel *dp = drawn_panel(v, hit.panel);
    rp_note line;
    if (hit.kind == RP_HIT_PLOT && dp &&
        rp_figure_notes_log_at(v->figure, hit.panel, hit.x, hit.y,
                               4 * (v->frame.x1 - v->frame.x0) / dp->plot.width, &line))
        cursor_on_log(v, &line, "");
}

/* Fullscreen: a borderless window over the whole display (SDL's desktop fullscreen asks the
 * window manager, and without one, e.g. on Xvfb, the window kept its size while the layout took
 * the screen's: the picture was cut off). Leaving it restores the border, place and size. */
static void toggle_fullscreen(rp_viewer *v)
{
    if (!v->window) return;
    SDL_Window *win = rp_window_sdl_window(v->window);
    v->fullscreen = !v->fullscreen;
    if (v->fullscreen) {
        SDL_Rect bounds;
        if (SDL_GetDisplayBounds(SDL_GetWindowDisplayIndex(win), &bounds) != 0) {
            v->fullscreen = false;
            return;
        }
        SDL_GetWindowSize(win, &v->windowed_w, &v->windowed_h);
        SDL_GetWindowPosition(win, &v->windowed_x, &v->windowed_y);
        SDL_SetWindowBordered(win, SDL_FALSE);
        SDL_SetWindowPosition(win, bounds.x, bounds.y);
        SDL_SetWindowSize(win, bounds.w, bounds.h);
        SDL_RaiseWindow(win);
    } else {
        SDL_SetWindowBordered(win, SDL_TRUE);
        if (v->windowed_w > 0 && v->windowed_h > 0)
            SDL_SetWindowSize(win, v->windowed_w, v->windowed_h);
        SDL_SetWindowPosition(win, v->windowed_x, v->windowed_y);
    }
}

rp_status rp_viewer_send_line(rp_viewer *v, const char *text)
{
    char line[RP_SERIAL_SEND_MAX];
    int n = snprintf(line, sizeof line, "%s\n", text);
    if (n < 0 || (size_t)n >= sizeof line) return RP_ERR_LIMIT;
    rp_status result = RP_ERR_UNSUPPORTED;
    int sent = 0;
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++) {
        if (i >= v->opt.source_count || v->opt.sources[i].kind != RP_SOURCE_SERIAL) continue;
        rp_status st = rp_ingest_send(v->ingest, i, line, (size_t)n);
        if (st == RP_OK)
            sent++;
        else
            result = st;
    }
    if (sent > 0) result = RP_OK;
    return result;
}

static void prompt_open(rp_viewer *v)
{
    v->prompt = true;
    v->prompt_skip_colon = true;
    v->prompt_text[0] = 0;
    v->prompt_status[0] = 0;
    SDL_StartTextInput();
}

static void prompt_close(rp_viewer *v)
{
    v->prompt = false;
    SDL_StopTextInput();
}

/* Keys while the prompt is open: text goes into the line, nothing else reacts to them. */
static void prompt_key(rp_viewer *v, SDL_Keycode sym)
{
    size_t len = strlen(v->prompt_text);
    switch (sym) {
    case SDLK_ESCAPE: prompt_close(v); break;
    case SDLK_BACKSPACE:
        while (len > 0 && ((unsigned char)v->prompt_text[len - 1] & 0xC0) == 0x80)
            len--; /* a whole UTF-8 character */
        if (len > 0) len--;
        v->prompt_text[len] = 0;
        break;
    case SDLK_RETURN:
    case SDLK_KP_ENTER: {
        rp_status st = rp_viewer_send_line(v, v->prompt_text);
        if (st == RP_OK) {
            say(v, "sent '%s'", v->prompt_text); /* in the window too, not on stderr alone */
            prompt_close(v);
        } else { /* keep the line so that it can be sent again once the device is back */
            snprintf(v->prompt_status, sizeof v->prompt_status, "not sent: %s",
                     st == RP_ERR_IO      ? "device not open (waiting for it)"
                     : st == RP_ERR_LIMIT ? "the device is not taking bytes (outbox full)"
                                          : rp_status_string(st));
        }
        break;
    }
    default: break;
    }
}

static void prompt_text_input(rp_viewer *v, const char *text)
{
    if (v->prompt_skip_colon && !strcmp(text, ":")) {
        v->prompt_skip_colon = false;
        return;
    }
    v->prompt_skip_colon = false;
    size_t len = strlen(v->prompt_text), add = strlen(text);
    if (len + add < sizeof v->prompt_text) memcpy(v->prompt_text + len, text, add + 1);
}

bool rp_viewer_prompt_open(const rp_viewer *v) { return v->prompt; }

/* A key pressed with ctrl, alt or the Windows / command key is not the plain key: ctrl+s must
 * not write a screenshot, ctrl+w a layout, ctrl+c toggle cursors. Ctrl+Q and Ctrl+W quit, as
 * in most programs; any other such key (but Esc, which cancels a ctrl + drag's zoom box), and
 * shift with a letter (C is not c), does nothing and says so. AltGr (a layout's third level: '[' on a German keyboard) stays a plain key. False
 * when the key is not to act (v->running false: quit). */
static bool plain_key(rp_viewer *v, const SDL_Keysym *ks)
{
    SDL_Keycode k = ks->sym;
    if (k == SDLK_LCTRL || k == SDLK_RCTRL || k == SDLK_LSHIFT || k == SDLK_RSHIFT ||
        k == SDLK_LALT || k == SDLK_RALT || k == SDLK_LGUI || k == SDLK_RGUI || k == SDLK_MODE ||
        k == SDLK_CAPSLOCK)
        return false;
    if (k == SDLK_ESCAPE) return true; /* Esc cancels a zoom box, whose drag holds ctrl down */
    Uint16 mod = ks->mod;
    bool altgr_char = (mod & KMOD_RALT) && !(mod & (KMOD_LALT | KMOD_GUI)) &&
                      (k == SDLK_LEFTBRACKET || k == SDLK_RIGHTBRACKET || k == SDLK_COLON);
    bool ctrl = (mod & KMOD_CTRL) != 0, alt = (mod & KMOD_ALT) && !altgr_char,
         gui = (mod & KMOD_GUI) != 0;
    bool shift_letter = (mod & KMOD_SHIFT) && k >= SDLK_a && k <= SDLK_z;
    if (ctrl && !alt && !gui && (k == SDLK_q || k == SDLK_w)) {
        v->running = false;
        return false;
    }
    if (!ctrl && !alt && !gui && !shift_letter) return true;
    char name[32];
    snprintf(name, sizeof name, "%s", SDL_GetKeyName(k));
    for (char *c = name; *c; c++)
        *c = (char)(*c >= 'A' && *c <= 'Z' && !name[1] ? *c - 'A' + 'a' : *c);
    say(v, "%s%s%s%s%s: no action (keys act without %s; ctrl+q or ctrl+w quits)",
        ctrl ? "ctrl+" : "", alt ? "alt+" : "", gui ? "super+" : "", shift_letter ? "shift+" : "",
        name, shift_letter && !ctrl && !alt && !gui ? "shift" : "ctrl or alt");
    return false;
}

/* A key with no action of its own says so (the window answers every key) and, for the keys a
 * scope's or PlotJuggler's user tries first, what does it instead. */
/* u: every hidden series shown again. A legend entry's click is the other way back, but a small
 * window may have no room for a legend: this key always works. Says which came back. */
static void show_hidden_key(rp_viewer *v)
{
    rp_figure *f = v->figure;
    int count = 0;
    char names[160] = "";
    size_t used = 0;
    for (int p = 0; p < f->panel_count; p++)
        for (int k = 0; k < f->panels[p].series_count; k++) {
            rp_series *s = f->panels[p].series[k].series;
            if (f->panels[p].series[k].visible) continue;
            rp_figure_set_series_visible(f, s, true);
            if (count++ < 3 && used < sizeof names) {
                int w = snprintf(names + used, sizeof names - used, "%s%s", used ? ", " : "",
                                 f->panels[p].series[k].label); /* as the legend names it */
                if (w > 0) used += (size_t)w;
            }
        }
    if (count == 0)
        say(v, "u: no hidden series (a click on a legend entry hides one)");
    else
        say(v, "u: %d hidden series shown again (%s%s)", count, names, count > 3 ? ", ..." : "");
}

static void unknown_key(rp_viewer *v, const SDL_Keysym *ks)
{
    SDL_Keycode k = ks->sym;
    bool shift = (ks->mod & KMOD_SHIFT) != 0;
    const char *keys = "the keys: man ringplot, or the README's 'Mouse and keys'";
    if (k == SDLK_LEFT || k == SDLK_RIGHT || k == SDLK_UP || k == SDLK_DOWN || k == SDLK_PAGEUP ||
        k == SDLK_PAGEDOWN)
        say(v, "%s: no action (drag pans, the wheel zooms; %s)", SDL_GetKeyName(k), keys);
    else if (k == SDLK_PLUS || k == SDLK_KP_PLUS || k == SDLK_MINUS || k == SDLK_KP_MINUS ||
             k == SDLK_EQUALS)
        say(v, "%s: no action (the wheel zooms time around the pointer, shift+wheel y; %s)",
            k == SDLK_MINUS || k == SDLK_KP_MINUS ? "-" : "+", keys);
    else if (k == SDLK_HOME || k == SDLK_END)
        say(v, "%s: no action (space or a double-click: back to %s; %s)", SDL_GetKeyName(k),
            v->recording     ? "the newest data"
            : v->opt.at_once ? (v->opt.span > 0 ? "the file's end" : "the whole file")
                             : "live",
            keys);
    else if (k == SDLK_F1 || k == SDLK_QUESTION || (k == SDLK_SLASH && shift))
        say(v, "%s: no help screen here (%s; h: HUD)", k == SDLK_F1 ? "F1" : "?", keys);
    else {
        char name[32];
        snprintf(name, sizeof name, "%s", SDL_GetKeyName(k));
        for (char *c = name; *c; c++) /* 'i', as typed, not 'I' */
            *c = (char)(*c >= 'A' && *c <= 'Z' && !name[1] ? *c - 'A' + 'a' : *c);
        if (name[0]) say(v, "%s: no action (%s)", name, keys);
    }
}

bool rp_viewer_handle_event(rp_viewer *v, const void *event)
{
    const SDL_Event *e = event;
    float scale = window_scale(v);
    v->event_since_drawn = true; /* whatever it was (an expose, a resize): the next frame draws */
    if (v->prompt) {
        if (e->type == SDL_KEYDOWN) {
            prompt_key(v, e->key.keysym.sym);
            return true;
        }
        if (e->type == SDL_TEXTINPUT) {
            prompt_text_input(v, e->text.text);
            return true;
        }
    }
    switch (e->type) {
    case SDL_QUIT: v->running = false; return false;
    case SDL_KEYDOWN:
        if (!plain_key(v, &e->key.keysym)) return v->running;
        switch (e->key.keysym.sym) {
        case SDLK_ESCAPE:
            if (v->box_drag && v->pressed) { /* cancels the zoom box, not the program */
                rp_figure_set_zoom_box(v->figure, NAN, NAN, NAN, NAN);
                v->box_drag = v->dragging = false;
                v->pressed = false;
                say(v, "zoom box cancelled");
                break;
            }
            v->running = false;
            return false;
        case SDLK_q: v->running = false; return false;
        case SDLK_SPACE: space(v); break;
        case SDLK_a:
            for (int p = 0; p < rp_figure_panel_count(v->figure); p++) {
                rp_figure_autoscale_y(v->figure, p);
                rp_figure_autoscale_y2(v->figure, p);
                if (rp_viewer_view_panel(v->figure, p)) /* their own axes: the whole range */
                    rp_figure_view_reset(v->figure, p);
            }
            say(v, "autoscale y: on (every panel)");
            break;
        case SDLK_s: v->screenshot_pending = true; break;
        case SDLK_c: toggle_time_cursors(v); break;
        case SDLK_y: {
            int mx, my;
            SDL_GetMouseState(&mx, &my);
            toggle_level_cursors(v, hit_test(v, mx * scale, my * scale).panel);
            break;
        }
        case SDLK_m:
            rp_figure_show_stats(v->figure, !rp_figure_stats_shown(v->figure));
            say(v, "statistics: %s", rp_figure_stats_shown(v->figure) ? "on" : "off");
            break;
        case SDLK_o: toggle_log_list(v); break;
        case SDLK_j: cursor_on_newest_log(v); break;
        case SDLK_l: {
            int mx, my;
            SDL_GetMouseState(&mx, &my);
            cycle_y_scale(v, hit_test(v, mx * scale, my * scale).panel);
            break;
        }
        case SDLK_t:
        case SDLK_b:
        case SDLK_p:
        case SDLK_r: {
            int mx, my;
            SDL_GetMouseState(&mx, &my);
            int panel = hit_test(v, mx * scale, my * scale).panel;
            char k = (char)e->key.keysym.sym;
            if (!rp_viewer_trigger_key(v->figure, panel, k)) {
                say(v, "%c: no trigger panel (--trigger SERIES makes one)", k);
                break;
            }
            rp_trigger_desc d =
                rp_figure_trigger_desc(v->figure, view_panel_for_key(v, panel, true));
            static const char *const modes[3] = {"auto", "normal", "single"};
            if (k == 't') say(v, "trigger mode %s", modes[d.mode % 3]);
            if (k == 'b')
                say(v, "trigger on the %s edge",
                    d.edge == RP_TRIGGER_RISING ? "rising" : "falling");
            if (k == 'p') say(v, "persistence %s", d.persistence > 0 ? "on" : "off");
            if (k == 'r') rearm_said(v, panel);
            break;
        }
        case SDLK_x: {
            int mx, my;
            SDL_GetMouseState(&mx, &my);
            xy_key(v, hit_test(v, mx * scale, my * scale).panel);
            break;
        }
        case SDLK_n:
        case SDLK_v:
        case SDLK_g: {
            int mx, my;
            SDL_GetMouseState(&mx, &my);
            int panel = hit_test(v, mx * scale, my * scale).panel;
            char k = (char)e->key.keysym.sym;
            bool any = k == 'n'   ? rp_viewer_spectrum_next_window(v->figure, panel)
                       : k == 'v' ? rp_viewer_spectrum_toggle_waterfall(v->figure, panel)
                                  : rp_viewer_spectrum_toggle_log(v->figure, panel);
            if (!any) {
                say(v, "%c: no spectrum panel (--spectrum SERIES makes one)", k);
                break;
            }
            rp_spectrum_desc d =
                rp_figure_spectrum_desc(v->figure, view_panel_for_key(v, panel, false));
            if (k == 'n') say(v, "window %s", rp_fft_window_name(d.window));
            if (k == 'v') say(v, "waterfall %s", d.waterfall > 0 ? "on" : "off");
            if (k == 'g') say(v, "frequency axis %s", d.log_frequency ? "log" : "linear");
            break;
        }
        case SDLK_h:
            v->hud = !v->hud;
            say(v, "HUD: %s", v->hud ? "on" : "off");
            break;
        case SDLK_d: markers_key(v); break;
        case SDLK_u: show_hidden_key(v); break;
        case SDLK_k: play_key(v); break; /* as video players; p is the trigger's */
        case SDLK_LEFTBRACKET: speed_key(v, 0.5); break;
        case SDLK_RIGHTBRACKET: speed_key(v, 2.0); break;
        case SDLK_e: export_view_key(v); break;
        case SDLK_w: save_layout_key(v); break;
        case SDLK_f:
        case SDLK_F11:
            toggle_fullscreen(v);
            say(v, "fullscreen: %s", v->fullscreen ? "on (f or F11: off)" : "off");
            break;
        case SDLK_COLON:
        case SDLK_SEMICOLON: /* ':' is shift+';' on most layouts */
            if (e->key.keysym.sym == SDLK_COLON || (e->key.keysym.mod & KMOD_SHIFT)) {
                if (has_serial(v))
                    prompt_open(v);
                else
                    say(v, ": sends a line to a serial device: there is none (--serial)");
            } else
                unknown_key(v, &e->key.keysym);
            break;
        default: unknown_key(v, &e->key.keysym); break;
        }
        break;
    case SDL_MOUSEWHEEL: {
        int mx = e->wheel.mouseX, my = e->wheel.mouseY; /* SDL >= 2.26: where the wheel turned */
        double notches = e->wheel.preciseY != 0 ? e->wheel.preciseY : e->wheel.y;
        if (e->wheel.direction == SDL_MOUSEWHEEL_FLIPPED) notches = -notches;
        bool shift = (SDL_GetModState() & KMOD_SHIFT) != 0;
        zoom(v, mx * scale, my * scale, notches, shift);
        break;
    }
    case SDL_MOUSEBUTTONDOWN:
        if (e->button.button == SDL_BUTTON_RIGHT)
            place_cursor(v, e->button.x * scale, e->button.y * scale,
                         (SDL_GetModState() & KMOD_SHIFT) != 0);
        rp_hit on = hit_test(v, e->button.x * scale, e->button.y * scale);
        if (e->button.button == SDL_BUTTON_LEFT && on.kind == RP_HIT_TIMELINE) {
            v->scrubbing = true;
            scrub(v, on.x);
        } else if (e->button.button == SDL_BUTTON_LEFT) {
            if (e->button.clicks >= 2 && rp_viewer_view_panel(v->figure, on.panel)) {
                rp_figure_view_reset(v->figure, on.panel); /* that panel's own axes */
                say(v, "axes of this panel: whole range");
            } else if (e->button.clicks >= 2) {
                follow_live(v, true);
                say(v, v->recording                        ? "newest data, y autoscaled"
                       : v->opt.at_once && v->opt.span > 0 ? "the file's end, y autoscaled"
                       : v->opt.at_once                    ? "the whole file, y autoscaled"
                                                           : "live, y autoscaled");
            } else
                start_press(v, e->button.x * scale, e->button.y * scale);
        }
        break;
    case SDL_MOUSEBUTTONUP:
        if (e->button.button == SDL_BUTTON_LEFT) v->scrubbing = false;
        if (e->button.button == SDL_BUTTON_LEFT && v->pressed) {
            if (!v->dragging)
                click(v, e->button.x * scale, e->button.y * scale);
            else if (v->box_drag)
                zoom_to_box(v, e->button.x * scale, e->button.y * scale);
            else if (v->legend_drag)
                drop_legend(v, e->button.x * scale, e->button.y * scale);
            v->pressed = v->dragging = v->legend_drag = v->box_drag = false;
            v->cursor_drag = -1;
        }
        break;
    case SDL_MOUSEMOTION: {
        float px = e->motion.x * scale, py = e->motion.y * scale;
        const rp_frame_layout *fl = v->scrubbing ? drawn(v) : NULL;
        if (fl && fl->timeline.width > 0) { /* beside the bar too: the x along it counts */
            double f = (px - fl->timeline.x) / fl->timeline.width;
            f = f < 0 ? 0 : f > 1 ? 1 : f;
            scrub(v, v->rec_x0 + f * (v->rec_x1 - v->rec_x0));
        }
        if (v->pressed) drag_to(v, px, py);
        rp_hit hit = hit_test(v, px, py);
        /* no crosshair over a legend being dragged: its read-outs would hide it */
        bool over = hit.kind == RP_HIT_PLOT && !(v->legend_drag && v->dragging);
        rp_figure_set_crosshair(v->figure, over ? px : NAN, py);
        break;
    }
    case SDL_WINDOWEVENT:
        switch (e->window.event) {
        case SDL_WINDOWEVENT_SIZE_CHANGED:
        case SDL_WINDOWEVENT_RESIZED: v->minimized = false; break;
        case SDL_WINDOWEVENT_MINIMIZED:
        case SDL_WINDOWEVENT_HIDDEN: v->minimized = true; break;
        case SDL_WINDOWEVENT_RESTORED:
        case SDL_WINDOWEVENT_SHOWN:
        case SDL_WINDOWEVENT_EXPOSED: v->minimized = false; break;
        case SDL_WINDOWEVENT_LEAVE: rp_figure_set_crosshair(v->figure, NAN, NAN); break;
        default: break;
        }
        break;
    default: break;
    }
    return true;
}

/* ---- lifetime -------------------------------------------------------------------------------- */

/* The log callback of the window / headless target: keeps the newest error (a failed create's
 * reason ends up in the viewer's own message). user: the viewer's gl_error, which lives as long
 * as the window or headless target. */
static void keep_gl_error(void *user, rp_log_level level, rp_log_item item, const char *message)
{
    (void)item;
    if (level == RP_LOG_ERROR) snprintf(user, sizeof((rp_viewer *)0)->gl_error, "%s", message);
}

rp_status rp_viewer_create(const rp_viewer_options *opt, rp_viewer **out, char *err, int err_size)
{
    *out = NULL;
    rp_viewer *v = calloc(1, sizeof *v);
    if (!v) return RP_ERR_NO_MEMORY;
    v->opt = *opt;
    /* No display: SDL would open an offscreen window nobody sees, that never closes by itself.
     * Render headless instead, so the run ends with its input and --png is written. */
    if (!opt->headless && !getenv("SDL_VIDEODRIVER") && !rp_window_display_available()) {
        v->opt.headless = true;
        fprintf(stderr, "ringplot: no display found: rendering headless, as with --headless\n");
    }
    for (int i = 0; i < opt->source_count; i++) /* the HUD names the port: keep our own copy */
        if (opt->sources[i].kind == RP_SOURCE_SERIAL && opt->sources[i].serial.path) {
            snprintf(v->opt.serial_paths[i], sizeof v->opt.serial_paths[i], "%s",
                     opt->sources[i].serial.path);
            v->opt.sources[i].serial.path = v->opt.serial_paths[i];
        }
    v->hud = opt->hud;
    v->running = true;
    v->notes_panel = -1;
    rp_status st = RP_OK;
    if (opt->log_lines >= 0 || !opt->no_text_tracks) /* --log-lines 0 --no-text-tracks: none */
        st = rp_notes_create(&(rp_notes_desc){.log_lines = opt->log_lines}, &v->notes);
    if (st == RP_OK)
        st = rp_ingest_create(&(rp_ingest_desc){.capacity = opt->capacity,
                                                .span = opt->span,
                                                .max_series = opt->max_series,
                                                .notes = v->notes,
                                                /* the recorder takes every series from its
                                                 * first sample: a file or pipe waits for it */
                                                .hold_for_reader = opt->record_path != NULL},
                              &v->ingest);
    for (int i = 0; st == RP_OK && i < opt->source_count; i++)
        st = rp_ingest_add_source(v->ingest, &opt->sources[i], err, err_size);
    if (st == RP_OK)
        st = rp_figure_create(&(rp_figure_desc){.title = opt->title,
                                                .theme = opt->theme,
                                                .x_axis = opt->x_axis,
                                                .hide_legend = opt->hide_legend,
                                                .markers = opt->markers},
                              &v->figure);
    if (st == RP_OK)
        st = rp_panel_policy_init(&v->panels, v->figure, opt->panels, opt->panel_count, -1);
    if (st == RP_OK) {
        v->panels.on_series = on_new_series;
        v->panels.on_panel_user = v;
        v->panels.in_source_order = opt->at_once; /* files: panels in the order named */
        v->panels.right_count = opt->right_count;
        for (int i = 0; i < opt->right_count; i++) v->panels.right[i] = opt->right[i];
    }
    if (st == RP_OK) rp_figure_set_legend_place(v->figure, -1, opt->legend);
    v->cursors_pending = opt->at_once && opt->span > 0 && opt->cursor_count > 0;
    for (int k = 0; st == RP_OK && !v->cursors_pending && k < opt->cursor_count; k++)
        rp_figure_set_time_cursor_relative(v->figure, k, opt->cursors[k]);
    if (st == RP_OK) rp_figure_show_stats(v->figure, opt->show_stats);
    v->cursor_drag = -1;
    v->live_span = opt->span;
    v->live_edge = NAN;
    if (st == RP_OK) rp_figure_follow(v->figure, opt->span);
    if (st == RP_OK && opt->open_path) st = show_recording(v, err, err_size);
    if (st == RP_OK && opt->record_path) {
        /* scroll_back: a paused or panned view reaches past the rings into the file */
        char *why = v->record_error;
        st = rp_recorder_create(&(rp_recorder_desc){.path = opt->record_path,
                                                    .keep_x = record_keeps_x(opt),
                                                    .scroll_back = true,
                                                    .log = {.func = keep_failure, .user = why}},
                                &v->recorder);
        if (st != RP_OK)
            snprintf(err, (size_t)err_size, "--record: %s", why[0] ? why : rp_status_string(st));
    }
    if (st == RP_OK) v->legend = opt->legend;
    if (st == RP_OK) {
        rp_log_desc log = {.func = keep_gl_error, .user = v->gl_error};
        const char *reason = v->gl_error;
        if (v->opt.headless) {
            st = rp_headless_create(
                &(rp_headless_desc){
                    .width = opt->width, .height = opt->height, .scale = 1.0f, .log = log},
                &v->headless);
            if (st != RP_OK)
                snprintf(err, (size_t)err_size, "headless rendering unavailable: %s", reason);
        } else {
            rp_window_desc wd = {.title = opt->title ? opt->title : "ringplot",
                                 .width = opt->width,
                                 .height = opt->height,
                                 .resizable = true,
                                 .no_vsync = opt->no_vsync,
                                 .log = log};
            st = rp_window_create(&wd, &v->window);
            if (st != RP_OK)
                snprintf(err, (size_t)err_size, "cannot open a window: %s (try --headless)",
                         reason);
            else {
                /* below this the panels' titles, the time labels and the read-out table have
                 * no room and were drawn over each other, cut mid-glyph (200 x 150) */
                SDL_SetWindowMinimumSize(rp_window_sdl_window(v->window), RP_VIEWER_MIN_WIDTH,
                                         RP_VIEWER_MIN_HEIGHT);
                if (opt->fullscreen) toggle_fullscreen(v);
            }
        }
    }
    if (st == RP_OK) st = rp_ingest_start(v->ingest);
    for (int i = 0; st == RP_OK && i < opt->send_count; i++) { /* --send: queued in order */
        st = rp_viewer_send_line(v, opt->send_lines[i]);
        if (st != RP_OK)
            snprintf(err, (size_t)err_size, "--send '%.100s': %s", opt->send_lines[i],
                     rp_status_string(st));
    }
    if (st != RP_OK) {
        if (!err[0]) snprintf(err, (size_t)err_size, "%s", rp_status_string(st));
        rp_viewer_destroy(v);
        return st;
    }
    *out = v;
    return RP_OK;
}

void rp_viewer_destroy(rp_viewer *v)
{
    if (!v) return;
    rp_ingest_stop(v->ingest);
    rp_recorder_destroy(v->recorder); /* after the sources stopped: it copies their last samples */
    rp_recorder_destroy(v->hold);
    rp_window_destroy(v->window);
    rp_headless_destroy(v->headless);
    rp_figure_destroy(v->figure);
    rp_ingest_destroy(v->ingest); /* the series go last: the figure borrowed them */
    rp_notes_destroy(v->notes);   /* after the sources that pushed and the figure that drew it */
    rp_recording_close(v->recording);
    free(v);
}

static void sleep_s(double s)
{
    if (s <= 0) return;
    struct timespec ts = {(time_t)s, (long)((s - (double)(time_t)s) * 1e9)};
    while (nanosleep(&ts, &ts) != 0 && errno == EINTR) {
    }
}

/* Whether message is one of the warnings source said once a series (said_at lists them). */
static bool said_once(rp_viewer *v, int source, const char *message)
{
    char said[RP_SOURCE_ERROR_MAX];
    int count = rp_ingest_source_said_at(v->ingest, source, 0, NULL, said, sizeof said);
    for (int k = 0; k < count && said[0]; k++) {
        rp_ingest_source_said_at(v->ingest, source, k, NULL, said, sizeof said);
        if (!strcmp(said, message)) return true;
    }
    return false;
}

/* A file read at once is a batch job: what of it is not drawn is said at exit, not left to
 * --stats: samples and rows refused (rows out of time order, columns over --max-series, a
 * refused name) and samples expired (a file longer than its series hold). */
static void say_file_losses(rp_viewer *v, int source, const rp_source_stats *ss)
{
    bool losses = ss->samples_dropped + ss->lines_rejected > 0 && ss->last_error[0];
    if (losses)
        fprintf(stderr,
                "ringplot: %s: %lld sample%s and %lld line%s not plotted (--stats counts them by "
                "reason); the last: %s\n",
                ss->label, (long long)ss->samples_dropped, ss->samples_dropped == 1 ? "" : "s",
                (long long)ss->lines_rejected, ss->lines_rejected == 1 ? "" : "s", ss->last_error);
    /* every kind of problem it met, its newest message each (a column of words, a name
     * shortened, float32 steps, a preamble skipped...), not only the newest of all */
    for (int item = 1; item < RP_LOGITEM_COUNT; item++) {
        char said[RP_SOURCE_ERROR_MAX];
        if (!rp_ingest_source_said(v->ingest, source, (rp_log_item)item, said, sizeof said) ||
            (losses && !strcmp(said, ss->last_error)) || said_once(v, source, said))
            continue;
        fprintf(stderr, "ringplot: %s: %s\n", ss->label, said);
    }
    /* and those said once a series, each series that had it (the newest of an item above would
     * name one of them only) */
    char said[RP_SOURCE_ERROR_MAX];
    int count = rp_ingest_source_said_at(v->ingest, source, 0, NULL, said, sizeof said);
    for (int k = 0; k < count;
         rp_ingest_source_said_at(v->ingest, source, ++k, NULL, said, sizeof said)) {
        if (!said[0]) {
            fprintf(stderr, "ringplot: %s: %d more warnings like these (one a series) not shown\n",
                    ss->label, count - k);
            break;
        }
        if (!losses || strcmp(said, ss->last_error))
            fprintf(stderr, "ringplot: %s: %s\n", ss->label, said);
    }
    int64_t expired = 0, held = 0; /* a full series holds its capacity */
    for (int k = 0; k < rp_ingest_series_count(v->ingest); k++) {
        int from = -1;
        rp_series *s = rp_ingest_series_at(v->ingest, k, &from);
        if (!s || from != source) continue;
        rp_series_stats st = rp_series_stats_get(s);
        expired += st.expired;
        if (st.expired > 0 && st.retained > held) held = st.retained;
    }
    if (expired > 0)
        fprintf(stderr,
                "ringplot: %s: its first %lld samples expired: more rows than its series hold "
                "(%lld samples; --capacity N keeps more)\n",
                ss->label, (long long)expired, (long long)held);
}

/* Says what a write at the end of the run did or why it failed, both on stderr: stdout holds only
 * what a script reads (--stats, --help), so `--stats=json --png F` stays valid JSON. Returns st. */
static rp_status report_written(rp_status st, const char *done, const char *path)
{
    if (st != RP_OK)
        fprintf(stderr, "ringplot: cannot write %s: %s\n", path, rp_status_string(st));
    else
        fprintf(stderr, "ringplot: %s %s\n", done, path);
    return st;
}

rp_status rp_viewer_run(rp_viewer *v)
{
    /* a frame per refresh of the display (60 Hz when it does not say: Xvfb, headless) */
    double frame_budget = 1.0 / 60.0;
    SDL_DisplayMode mode;
    if (v->window && SDL_GetCurrentDisplayMode(0, &mode) == 0 && mode.refresh_rate >= 30)
        frame_budget = 1.0 / mode.refresh_rate;
    rp_status st = RP_OK;
    int tail_frames = 0;
    while (v->running) {
        double start = now_s();
        if (v->window) {
            SDL_Event e;
            if (v->minimized) {    /* no busy loop while nobody can see the window */
                add_new_series(v); /* the recorder still takes new series: their sources wait */
                if (SDL_WaitEventTimeout(&e, 100) && !rp_viewer_handle_event(v, &e)) break;
                continue;
            }
            while (SDL_PollEvent(&e))
                if (!rp_viewer_handle_event(v, &e)) break;
            if (!v->running) break;
        }
        /* A window draws only what changed (new samples, an event, a message that expires, a
         * playback, statistics still being summed): an idle plot waits for events instead of
         * drawing 60 identical frames a second. --frames N counts frames drawn: it draws all. */
        bool drew = true;
        st = v->window && v->opt.frames == 0 ? rp_viewer_frame_if_changed(v, &drew)
                                             : rp_viewer_frame(v);
        if (st != RP_OK) {
            fprintf(stderr, "ringplot: frame failed: %s\n", rp_status_string(st));
            break;
        }
        if (v->opt.frames > 0 && v->frames >= v->opt.frames) break;
        if (v->opt.stop_flag && atomic_load(v->opt.stop_flag)) break; /* SIGINT / SIGTERM */
        if (v->headless && v->opt.frames == 0) {
            /* without --frames: until every source that can end has ended, and sources that
             * never end (demo, UDP, MQTT, serial) had HEADLESS_IDLE_FRAMES frames */
            bool finite_ended = true;
            for (int i = 0; i < rp_ingest_source_count(v->ingest); i++) {
                rp_source_stats ss = source_stats(v, i);
                if (!ss.ended && ss.kind != RP_SOURCE_DEMO && ss.kind != RP_SOURCE_UDP &&
                    ss.kind != RP_SOURCE_MQTT && ss.kind != RP_SOURCE_SERIAL)
                    finite_ended = false;
            }
            if (v->playing) finite_ended = false; /* a playback runs to its end (no source too) */
            bool endless = rp_ingest_has_endless(v->ingest);
            if (finite_ended && !endless && ++tail_frames > 2)
                break; /* the input ended: draw it complete */
            if (finite_ended && endless && v->frames >= HEADLESS_IDLE_FRAMES) break;
        }
        /* pace to the refresh where vsync does not hold the loop (headless, --no-vsync, Xvfb,
         * whose buffer swap takes a few ms of copying but waits for nothing: 117 fps and a core
         * for a paused view); a frame that took most of the budget was held by vsync */
        double spent = now_s() - start;
        if (!drew) { /* nothing to draw: wait for an event until the next frame's time */
            SDL_Event e;
            int ms = (int)((frame_budget - spent) * 1000.0);
            if (SDL_WaitEventTimeout(&e, ms > 1 ? ms : 1) && !rp_viewer_handle_event(v, &e)) break;
            continue;
        }
        if (spent < frame_budget && (v->headless || v->opt.no_vsync || spent < 0.75 * frame_budget))
            sleep_s(frame_budget - spent);
    }
    /* The sources stop here, not at destroy: a series still measuring its rate (its first 0.5 s)
     * is created with what it has, so the last frame, the PNG and the stats hold every sample
     * that arrived (a run ended by --frames or a signal within 0.5 s of a series' first sample
     * showed and counted nothing of it). */
    for (int i = 0; i < rp_ingest_source_count(v->ingest) && i < RP_INGEST_MAX_SOURCES; i++)
        v->mqtt_state_at_end[i] = rp_ingest_source_stats(v->ingest, i).mqtt_state;
    rp_ingest_stop(v->ingest);
    v->sources_stopped = true;
    /* the last frame (the PNG, the saved layout's picture) shows the data as a first frame
     * would: a held live y range or a legend corner kept from frames drawn while the data came
     * would make it depend on how fast this machine drew them */
    rp_figure_refit(v->figure);
    if (st == RP_OK && !v->minimized) st = rp_viewer_frame(v); /* a hidden window draws nothing */
    /* the recording ends with the sources: its last samples copied, the index written, the file
     * closed, so that the recorder line of --stats gives the file's final numbers (printed while
     * it was still copying, it said 23 M samples of a file that held 80 M) */
    if (v->recorder) rp_recorder_finish(v->recorder);
    if (v->opt.print_stats) rp_viewer_print_stats(v);
    if (st == RP_OK && v->opt.png_path)
        st = report_written(rp_viewer_write_png(v, v->opt.png_path), "wrote", v->opt.png_path);
    if (st == RP_OK && v->opt.save_layout_path)
        st = report_written(rp_viewer_save_layout(v, v->opt.save_layout_path), "layout saved to",
                            v->opt.save_layout_path);
    /* a --panel that took no series although series came: a misspelt name, say so */
    for (int i = 0; i < v->panels.spec_count && v->panels.series_added > 0; i++) {
        if (v->panels.spec_hits[i] > 0) continue;
        fprintf(
            stderr,
            "ringplot: --panel '%s' matched none of the %d series (names, groups before '/' or '.', "
            "or prefixes ending in '*')\n",
            v->panels.specs[i], v->panels.series_added);
        if (st == RP_OK) st = RP_ERR_INVALID_ARG;
    }
    /* --levels, --y-scale, --y-range and --legend P:... for a panel that never appeared: a
     * miscounted panel, or one of a layout still to come; say so (panels come with their data:
     * only the end of a run knows) */
    int panels = rp_figure_panel_count(v->figure);
    for (int i = 0; i < v->opt.level_count; i++) {
        note_missing_panel(v, "--levels", v->opt.levels[i].panel, panels);
        note_view_panel(v, "--levels", v->opt.levels[i].panel);
    }
    for (int i = 0; i < v->opt.y_scale_count; i++) {
        note_missing_panel(v, "--y-scale", v->opt.y_scales[i].panel, panels);
        note_view_panel(v, "--y-scale", v->opt.y_scales[i].panel);
    }
    for (int i = 0; i < v->opt.y_range_count; i++)
        note_missing_panel(v, "--y-range", v->opt.y_ranges[i].panel, panels);
    for (int i = 0; i < v->opt.legend_count; i++)
        note_missing_panel(v, "--legend", v->opt.legends[i].panel, panels);
    /* --spectrum, --trigger and --xy name series by their full name: one that never came
     * although others did is a misspelt name (the panel never appeared), say so as for --panel
     * (--hide may name a series still to come: a layout keeps it) */
    for (int i = 0; i < v->opt.spectrum_count; i++)
        st = check_named(v, "--spectrum", v->opt.spectrum_specs[i], v->opt.spectra[i].series, NULL,
                         st);
    for (int i = 0; i < v->opt.trigger_count; i++)
        st = check_named(v, "--trigger", v->opt.trigger_specs[i], v->opt.triggers[i].series, NULL,
                         st);
    for (int i = 0; i < v->opt.xy_count; i++)
        st = check_named(v, "--xy", v->opt.xy_specs[i], v->opt.xys[i].x_name, v->opt.xys[i].y_name,
                         st);
    /* --right names series as --panel does: one that took none is an error as there; --hide a
     * full name, perhaps of a series still to come: a note */
    for (int i = 0; i < v->opt.right_count; i++) st = check_right(v, i, st);
    for (int i = 0; i < v->opt.hide_count; i++) note_hidden(v, v->opt.hide[i]);
    rp_panel_policy_say_unshown(&v->panels);
    say_live_warnings(v, INFINITY); /* what came after the last look (a short pipe) */
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++) { /* an input that failed says so */
        rp_source_stats ss = source_stats(v, i);
        if (ss.ended && strstr(ss.last_error, "ended: ")) {
            fprintf(stderr, "ringplot: source %s: %s\n", ss.label, ss.last_error);
            if (st == RP_OK) st = RP_ERR_IO;
        } else if (v->opt.at_once && ss.ended && ss.bytes == 0) {
            fprintf(stderr, "ringplot: %s: the file is empty: nothing plotted\n", ss.label);
            if (st == RP_OK) st = RP_ERR_PARSE;
        } else if (ss.series == 0 && ss.texts + ss.logs == 0 &&
                   ((ss.last_error[0] && ss.samples_dropped + ss.lines_rejected > 0) || ss.ended ||
                    ss.refused[RP_REFUSED_SERIES_FAILED] > 0 ||
                    (ss.kind == RP_SOURCE_DEMO && ss.last_error[0]))) { /* its series failed */
            /* input came, none of it could be plotted (a refused CSV header, a wrong format),
             * or an input ended with nothing in it (stdin as a file): a run that leaves only an
             * empty picture says why, in its exit status too */
            fprintf(stderr, "ringplot: source %s: nothing plotted: %s\n", ss.label,
                    ss.last_error[0] ? ss.last_error
                    : ss.bytes == 0  ? "the input is empty"
                                     : "no samples in it (comments and blank lines only)");
            if (st == RP_OK) st = RP_ERR_PARSE;
        }
        if (v->opt.at_once && ss.series > 0)
            say_file_losses(v, i, &ss);
        else if (ss.refused[RP_REFUSED_SERIES_LIMIT] > 0) /* live: said as it came, and here */
            fprintf(stderr,
                    "ringplot: %s: %lld samples of series over the series limit dropped "
                    "(--max-series N raises it, up to %d)\n",
                    ss.label, (long long)ss.refused[RP_REFUSED_SERIES_LIMIT],
                    RP_INGEST_SERIES_LIMIT);
    }
    return st;
}

/* A JSON string: quotes, backslash and control bytes escaped (names are valid UTF-8). */
static void json_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(f, "\\%c", c);
        else if (c < 0x20)
            fprintf(f, "\\u%04x", c);
        else
            fputc(c, f);
    }
    fputc('"', f);
}

static const char *kind_name(rp_source_kind kind)
{
    static const char *const names[RP_SOURCE_KIND_COUNT] = {"demo",   "fd",   "udp",
                                                            "replay", "mqtt", "serial"};
    return (unsigned)kind < RP_SOURCE_KIND_COUNT ? names[kind] : "unknown";
}

static void print_stats_json(rp_viewer *v)
{
    printf("{\"sources\": [");
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++) {
        rp_source_stats st = source_stats(v, i);
        printf("%s\n  {\"label\": ", i ? "," : "");
        json_string(stdout, st.label);
        printf(
            ", \"kind\": \"%s\", \"ended\": %s, \"bytes\": %lld, \"samples\": %lld, \"series\": %d, "
            "\"clock_resets\": %lld, \"units_changed\": %lld, \"lines_rejected\": %lld, "
            "\"fields_bad\": %lld, \"samples_infinite\": %lld, \"refused\": {",
            kind_name(st.kind), st.ended ? "true" : "false", (long long)st.bytes,
            (long long)st.samples, st.series, (long long)st.clock_resets,
            (long long)st.units_changed, (long long)st.lines_rejected, (long long)st.fields_bad,
            (long long)st.samples_infinite);
        for (int r = 0; r < RP_REFUSAL_COUNT; r++)
            printf("%s\"%s\": %lld", r ? ", " : "", rp_refusal_name((rp_refusal)r),
                   (long long)st.refused[r]);
        printf("}, \"xy_points\": %lld, \"texts\": %lld, \"logs\": %lld, \"text_lines_refused\": {",
               (long long)st.xy_points, (long long)st.texts, (long long)st.logs);
        int64_t line_rejects[RP_LINE_REJECT_COUNT];
        rp_ingest_line_rejects(v->ingest, i, line_rejects);
        for (int r = 0, n = 0; r < RP_LINE_REJECT_COUNT; r++)
            if (line_rejects[r])
                printf("%s\"%s\": %lld", n++ ? ", " : "", rp_line_reject_string((rp_line_reject)r),
                       (long long)line_rejects[r]);
        printf("}");
        if (st.kind == RP_SOURCE_UDP)
            printf(
                ", \"datagrams\": %lld, \"datagrams_rejected\": %lld, \"datagrams_lost\": %lld, \"senders\": %d, "
                "\"senders_rejected\": %d",
                (long long)st.datagrams, (long long)st.datagrams_rejected,
                (long long)st.datagrams_lost, st.senders, st.senders_rejected);
        if (st.kind == RP_SOURCE_MQTT)
            printf(
                ", \"mqtt_state\": \"%s\", \"messages\": %lld, \"messages_rejected\": %lld, \"topics\": %d, "
                "\"reconnects\": %lld",
                rp_mqtt_state_string(st.mqtt_state), (long long)st.messages,
                (long long)st.messages_rejected, st.topics, (long long)st.reconnects);
        if (st.kind == RP_SOURCE_SERIAL && i < v->opt.source_count) {
            char settings[48];
            rp_serial_desc_string(&v->opt.sources[i].serial, settings, sizeof settings);
            printf(", \"serial_path\": ");
            json_string(stdout, v->opt.serial_paths[i]);
            printf(
                ", \"serial_settings\": \"%s\", \"serial_baud\": %u, \"serial_state\": \"%s\", \"bytes_sent\": %lld, "
                "\"serial_reopens\": %lld, \"serial_vanished\": %lld, \"serial_skipped\": %lld, \"serial_noisy\": %lld",
                settings, st.serial_baud, rp_serial_state_string(st.serial_state),
                (long long)st.bytes_sent, (long long)st.serial_reopens,
                (long long)st.serial_vanished, (long long)st.serial_skipped,
                (long long)st.serial_noisy);
        }
        print_binary_counters(v, i, &st,
                              ", \"binary\": \"%s\", \"frames\": %lld, \"checksum_failed\": "
                              "%lld, \"sync_lost\": %lld, \"sync_skipped\": %lld");
        printf(", \"last_error\": ");
        json_string(stdout, st.last_error);
        printf("}");
    }
    printf("\n], \"series\": [");
    int n = 0;
    for (int i = 0; i < rp_ingest_series_count(v->ingest); i++) {
        int source = 0;
        rp_series *s = rp_ingest_series_at(v->ingest, i, &source);
        if (!s) continue;
        rp_series_stats ss = rp_series_stats_get(s);
        printf("%s\n  {\"name\": ", n++ ? "," : "");
        json_string(stdout, rp_series_name(s));
        printf(
            ", \"source\": %d, \"accepted\": %lld, \"retained\": %lld, \"expired\": %lld, \"rejected\": %lld, "
            "\"bytes\": %lld, \"capacity\": %lld, \"rate\": %.6g, \"unit\": ",
            source, (long long)ss.accepted, (long long)ss.retained, (long long)ss.expired,
            (long long)ss.rejected, (long long)ss.bytes, (long long)rp_series_get_desc(s).capacity,
            rp_ingest_series_rate(v->ingest, i));
        json_string(stdout, rp_series_unit(s));
        printf("}");
    }
    rp_notes_stats ns = rp_notes_stats_get(v->notes);
    printf("\n], \"notes\": {\"tracks\": %d, \"texts\": %lld, \"logs\": %lld, \"expired\": %lld, "
           "\"truncated\": %lld, \"refused\": %lld, \"bytes\": %lld}}\n",
           ns.tracks, (long long)ns.texts, (long long)ns.logs,
           (long long)(ns.texts_expired + ns.logs_expired), (long long)ns.truncated,
           (long long)ns.refused, (long long)ns.bytes);
    fflush(stdout);
}

void rp_viewer_print_stats(rp_viewer *v)
{
    if (v->opt.stats_json) {
        print_stats_json(v);
        return;
    }
    for (int i = 0; i < rp_ingest_source_count(v->ingest); i++) {
        rp_source_stats st = source_stats(v, i);
        printf("source %s: %lld bytes, %lld samples, %lld rejected lines, %lld dropped samples",
               st.label, (long long)st.bytes, (long long)st.samples, (long long)st.lines_rejected,
               (long long)st.samples_dropped);
        if (st.fields_bad)
            printf(", %lld CSV fields that were not numbers (gaps)", (long long)st.fields_bad);
        if (st.samples_infinite)
            printf(", %lld samples beyond float32's range or inf (kept as +-inf)",
                   (long long)st.samples_infinite);
        if (st.datagrams)
            printf(", %lld datagrams (%lld rejected from %d of %d senders, %lld lost)",
                   (long long)st.datagrams, (long long)st.datagrams_rejected, st.senders_rejected,
                   st.senders, (long long)st.datagrams_lost);
        if (st.kind == RP_SOURCE_MQTT)
            printf(", mqtt %s, %lld messages (%lld malformed) on %d topics, %lld reconnects",
                   rp_mqtt_state_string(st.mqtt_state), (long long)st.messages,
                   (long long)st.messages_rejected, st.topics, (long long)st.reconnects);
        if (i < v->opt.source_count && v->opt.sources[i].kind == RP_SOURCE_SERIAL) {
            char settings[48], driver[40] = ""; /* the rate the driver set: none before open */
            rp_serial_desc_string(&v->opt.sources[i].serial, settings, sizeof settings);
            if (st.serial_baud > 0)
                snprintf(driver, sizeof driver, " (driver %u baud)", st.serial_baud);
            printf(", serial %s %s%s: %s, %lld bytes sent, %lld reopens after %lld vanished, "
                   "%lld bytes skipped before a first newline, %lld noisy windows",
                   v->opt.serial_paths[i], settings, driver,
                   rp_serial_state_string(st.serial_state), (long long)st.bytes_sent,
                   (long long)st.serial_reopens, (long long)st.serial_vanished,
                   (long long)st.serial_skipped, (long long)st.serial_noisy);
        }
        print_binary_counters(v, i, &st,
                              ", binary %s: %lld frames, %lld failed the checksum, %lld sync "
                              "losses (%lld bytes skipped)");
        bool any = false;
        for (int r = 0; r < RP_REFUSAL_COUNT; r++) {
            if (!st.refused[r]) continue;
            printf("%s%s %lld", any ? ", " : "; refused: ", rp_refusal_name((rp_refusal)r),
                   (long long)st.refused[r]);
            any = true;
        }
        if (st.clock_resets) printf("; clock resets %lld", (long long)st.clock_resets);
        if (st.units_changed)
            printf("; samples in another unit than their series' %lld",
                   (long long)st.units_changed);
        if (st.xy_points || st.texts || st.logs)
            printf("; %lld XY points (in XY panels), %lld text values, %lld log lines",
                   (long long)st.xy_points, (long long)st.texts, (long long)st.logs);
        int64_t line_rejects[RP_LINE_REJECT_COUNT];
        rp_ingest_line_rejects(v->ingest, i, line_rejects);
        bool any_line = false;
        for (int r = 0; r < RP_LINE_REJECT_COUNT; r++) {
            if (!line_rejects[r]) continue;
            printf("%s%s %lld", any_line ? ", " : "; text lines refused: ",
                   rp_line_reject_string((rp_line_reject)r), (long long)line_rejects[r]);
            any_line = true;
        }
        printf("%s%s\n", st.last_error[0] ? "; last problem: " : "", st.last_error);
    }
    for (int i = 0; i < rp_ingest_series_count(v->ingest); i++) {
        rp_series *s = rp_ingest_series_at(v->ingest, i, NULL);
        if (!s) continue;
        rp_series_stats ss = rp_series_stats_get(s);
        char key[2 * RP_NAME_MAX]; /* "SOURCE: name" where two sources have the name */
        printf("series %s: %lld accepted, %lld retained, %lld expired, %lld rejected, %lld bytes",
               style_key(v, s, key, sizeof key), (long long)ss.accepted, (long long)ss.retained,
               (long long)ss.expired, (long long)ss.rejected, (long long)ss.bytes);
        if (rp_series_unit(s)[0]) printf(", unit %s", rp_series_unit(s));
        double rate = rp_ingest_series_rate(v->ingest, i);
        if (rate > 0) printf(", rate %.6g/s", rate);
        printf("\n");
    }
    rp_notes_stats ns = rp_notes_stats_get(v->notes);
    if (ns.texts || ns.logs || ns.refused)
        printf("notes: %d text tracks, %lld text values, %lld log lines kept, %lld expired, %lld "
               "truncated, %lld refused, %lld bytes\n",
               ns.tracks, (long long)ns.texts, (long long)ns.logs,
               (long long)(ns.texts_expired + ns.logs_expired), (long long)ns.truncated,
               (long long)ns.refused, (long long)ns.bytes);
    if (v->recorder) {
        rp_recorder_stats rs = rp_recorder_stats_get(v->recorder);
        printf("recorder %s: %lld samples, %lld lost, %lld bytes, %lld write errors%s%s\n",
               v->opt.record_path, (long long)rs.samples_written, (long long)rs.samples_lost,
               (long long)rs.bytes_written, (long long)rs.write_errors,
               rs.failed ? "; stopped: " : "",
               rs.failed ? rp_recorder_last_error(v->recorder) : "");
    }
    if (v->recording) {
        rp_recording_stats rs = rp_recording_stats_get(v->recording);
        printf("recording %s: %lld samples, %lld bytes, %s, %lld damaged blocks\n",
               v->opt.open_path, (long long)rs.samples, (long long)rs.file_bytes,
               rs.indexed ? "indexed" : "recovered by a scan", (long long)rs.bad_blocks);
        if (v->play_speed > 0)
            printf("playback at %gx: %.6g s of %.6g s played%s\n", v->play_speed,
                   v->play_x - v->rec_x0, v->rec_x1 - v->rec_x0,
                   v->play_x >= v->rec_x1 ? " (the end)" : "");
    }
    fflush(stdout);
}

rp_figure *rp_viewer_figure(rp_viewer *v) { return v->figure; }
rp_ingest *rp_viewer_ingest(rp_viewer *v) { return v->ingest; }
rp_window *rp_viewer_window(rp_viewer *v) { return v->window; }
rp_renderer *rp_viewer_renderer(rp_viewer *v) { return viewer_renderer(v); }
bool rp_viewer_paused(const rp_viewer *v) { return !rp_figure_following(v->figure); }
bool rp_viewer_running(const rp_viewer *v) { return v->running; }
int64_t rp_viewer_frames_skipped(const rp_viewer *v) { return v->frames_skipped; }
void rp_viewer__set_draw_hook(rp_viewer *v, void (*fn)(void *user), void *user)
{
    v->draw_hook = fn;
    v->draw_hook_user = user;
}
bool rp_viewer_hud_shown(const rp_viewer *v) { return v->hud; }
const char *rp_viewer_last_screenshot(const rp_viewer *v) { return v->last_screenshot; }
const char *rp_viewer_message(const rp_viewer *v)
{
    return now_s() < v->message_until ? v->message : "";
}
const char *rp_viewer_badge(const rp_viewer *v) { return v->badge; }
int64_t rp_viewer_frames(const rp_viewer *v) { return v->frames; }
rp_recorder *rp_viewer_recorder(rp_viewer *v) { return v->recorder; }

rp_recorder *rp_viewer_pause_history(rp_viewer *v) { return v->hold; }
rp_recording *rp_viewer_recording(rp_viewer *v) { return v->recording; }
