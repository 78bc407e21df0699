/* viewer.h — the live dashboard: sources → series → figure → window (or headless), with the
 * interaction of a plotting tool (zoom, pan, pause, autoscale, legend toggles, crosshair, HUD,
 * screenshots). The `ringplot` program is a thin main around it; tests drive it with injected
 * SDL events. This is the only module that knows SDL events.
 * Thread: everything on the main thread; the sources run on their own threads. */
#ifndef RP_APP_VIEWER_H
#define RP_APP_VIEWER_H

#include <stdatomic.h>
#include <stdbool.h>
#include <stdint.h>

#include "ingest/ingest.h"
#include "viewer/viewer_views.h"
#include "io/parse.h"
#include "ringplot.h"

#define RP_VIEWER_PATH_MAX 1024
#define RP_VIEWER_SEND_MAX 16    /* --send lines */
#define RP_VIEWER_STYLES_MAX 256 /* series colours and units of a layout file */
#define RP_VIEWER_CONFIG_STRINGS 65536
#define RP_VIEWER_HIDDEN_MAX 256 /* --hide names */
#define RP_VIEWER_MIN_WIDTH 480  /* the window never gets smaller (SDL_SetWindowMinimumSize) */
#define RP_VIEWER_MIN_HEIGHT 320

/* The settings that only sources take: a layout file's go with its sources (README "Layout
 * files"). The order of rp_viewer_setting_names (viewer_args.c). */
typedef enum rp_viewer_setting {
    RP_SET_FORMAT,
    RP_SET_CHANNELS,
    RP_SET_NAMES,
    RP_SET_TIME_COLUMN,
    RP_SET_DATE_ORDER,
    RP_SET_BINARY_TYPE,
    RP_SET_BINARY_ENDIAN,
    RP_SET_BINARY_SYNC,
    RP_SET_BINARY_CHECKSUM,
    RP_SET_RATE,
    RP_SET_SPEED,
    RP_SET_SERIAL_FLOW,
    RP_SET_SERIAL_DTR,
    RP_SET_SERIAL_RTS,
    RP_SET_TOPICS,
    RP_SET_TOPIC_NAMES,
    RP_VIEWER_SETTINGS
} rp_viewer_setting;

#define RP_VIEWER_PAUSE_HISTORY ((int64_t)4000000000) /* --pause-history default: 4 GB */

typedef struct rp_viewer_options {
    rp_source_desc sources[RP_INGEST_MAX_SOURCES]; /* none: the built-in demo stream */
    int source_count;
    int64_t capacity;      /* samples per series (--capacity); default 1 << 20 */
    int64_t pause_history; /* bytes a paused view may write to a temporary recording so that it
                              keeps what it shows (--pause-history); 0: RP_VIEWER_PAUSE_HISTORY,
                              < 0: off */
    int max_series;        /* --max-series; default 64 */
    const char *panels[RP_MAX_PANELS]; /* --panel "a,b": series names, group names or prefix* */
    int panel_count;
    double span; /* seconds shown while following live (--span); default 10 */
    const char *title;
    rp_theme theme;
    rp_x_axis x_axis;  /* default RP_X_AXIS_TIME: seconds before the newest sample */
    int width, height; /* window or PNG size; default 1280 x 720 */
    bool fullscreen;
    bool headless;                /* EGL, no display */
    int frames;                   /* stop after N frames (0: run until closed, or until the
                                    input ends when headless) */
    const char *png_path;         /* write the last frame here */
    const char *save_layout_path; /* --save-layout: the layout at exit, as the 'w' key writes it */
    bool hud;                     /* start with the HUD shown */
    rp_legend_place legend;       /* --legend: a corner, or AUTO (default) */
    int legend_count;             /* --legend P:PLACE: the legend of panel P (1-based) */
    struct {
        int panel;
        rp_legend_place place;
    } legends[RP_MAX_PANELS];
    rp_markers markers; /* --markers: sample dots, AUTO (default), ON or OFF */
    int cursor_count;   /* --cursors A[,B]: time cursors counted from the time origin */
    double cursors[2];
    int level_count; /* --levels P:Y1[,Y2]: level cursors of panel P (1-based) */
    struct {
        int panel;
        int count;
        double y[2];
    } levels[RP_MAX_PANELS];
    bool show_stats;     /* --show-stats: the statistics table from the start */
    int log_lines;       /* --log-lines N: log lines kept (default 1024; -1 for 0: none) */
    bool log_list;       /* --log-list: the log list shown from the start ('o' toggles) */
    bool no_text_tracks; /* --no-text-tracks: text values counted and kept, not drawn */
    int spectrum_count;  /* --spectrum SERIES[:N[:WINDOW[:OPTIONS]]]: spectrum panels */
    rp_viewer_spectrum spectra[RP_VIEWER_MAX_SPECTRA];
    const char *spectrum_specs[RP_VIEWER_MAX_SPECTRA]; /* as given (a saved layout writes them) */
    int trigger_count; /* --trigger SERIES[:SWEEP[:LEVEL[:OPTIONS]]]: trigger panels */
    rp_viewer_trigger triggers[RP_VIEWER_MAX_TRIGGERS];
    const char *trigger_specs[RP_VIEWER_MAX_TRIGGERS];
    int xy_count; /* --xy XSERIES,YSERIES[:OPTIONS]: XY panels */
    rp_viewer_xy xys[RP_VIEWER_MAX_XY];
    const char *xy_specs[RP_VIEWER_MAX_XY];
    int right_count; /* --right LIST: these series on their panel's right y axis */
    const char *right[RP_MAX_PANELS];
    int y_scale_count; /* --y-scale P:SCALE[:T] (panel 0: every panel) */
    struct {
        int panel;
        rp_y_scale scale;
        double threshold;
    } y_scales[RP_MAX_PANELS + 1];
    int y_range_count; /* --y-range P[:right]:MIN,MAX: a fixed y view of panel P's left or right
                          axis (the layout file's y_ranges) */
    struct {
        int panel;
        int axis; /* 0 left, 1 right */
        double y0, y1;
    } y_ranges[2 * RP_MAX_PANELS];
    int style_count; /* the layout file's "series": colour and unit of series by name */
    struct {
        const char *name;
        rp_color color;   /* a == 0: the palette's */
        const char *unit; /* NULL: the data's */
    } styles[RP_VIEWER_STYLES_MAX];
    bool hide_legend; /* --legend off */
    int hide_count;   /* --hide NAME: series hidden from the start (legend dimmed) */
    const char *hide[RP_VIEWER_HIDDEN_MAX];
    bool x_view_given;     /* --x-view X0,X1: the x view of an --open recording at start */
    bool x_view_from_file; /* ...given by a layout file (ignored without a recording) */
    double x_view[2];
    const char *screenshot_dir; /* where 's' writes; default "." */
    bool no_vsync;
    bool print_stats; /* --stats: per-source and per-series counters at exit */
    char serial_paths[RP_INGEST_MAX_SOURCES]
                     [RP_VIEWER_PATH_MAX];      /* storage for sources[i].serial.path */
    const char *send_lines[RP_VIEWER_SEND_MAX]; /* --send TEXT: written (with "\n") to every serial
                                                   source once it is open, in order */
    int send_count;
    bool stats_json;         /* --stats=json: the same as one JSON object */
    atomic_bool *stop_flag;  /* set (e.g. by a signal handler) to end the run cleanly: the
                                    stats are printed and the PNG written; NULL: none */
    const char *record_path; /* --record FILE: every sample of every series to a recording */
    const char *open_path;   /* --open FILE or a bare FILE: show a recording (no live sources) */
    bool bare_file[RP_INGEST_MAX_SOURCES]; /* sources[i] is a bare FILE that is not a
                                              recording: played at once */
    int bare_files;                        /* how many */
    bool at_once;      /* every source is a file played at once (bare FILEs, or --speed max): shown
                     whole unless --span is given, its x axis settled by its times (viewer.c) */
    bool span_given;   /* --span (or a layout's span) was given */
    bool x_axis_given; /* --x-axis (or a layout's x_axis) was given */
    double play_speed; /* --speed N with --open: play the recording back at N x (0: show
                                    it whole, as without --speed) */
    bool verify;       /* --verify: check every block of the --open recording, whatever its size */
    const char *export_path; /* --export FILE (with --open): the whole recording to FILE.csv or
                                    raw float32 (any other name), then exit */
    char config_strings[RP_VIEWER_CONFIG_STRINGS]; /* storage for the strings of --config */
    size_t config_used;
    /* The sources (and recording) of the last layout file, as flag words: used only when the
     * command line names none (so `--stdin --config saved.json` reads stdin once). */
    const char *config_sources[2 * RP_INGEST_MAX_SOURCES];
    int config_source_words;
    const char *config_sources_path; /* the layout file that gave them */
    const char *config_path;
    /* Flags that apply to every source of their kind wherever they stand (the command line and
     * a layout file both set them; rp_viewer_parse_args applies them at the end). */
    struct {
        rp_stream_format format;
        int channels;
        const char *names;
        const char *time_column;  /* --time-column as given ("none": no time column) */
        rp_date_order date_order; /* --date-order */
        rp_binary_desc binary;    /* --binary-type/-endian/-sync/-checksum */
        bool binary_given;
        double rate, speed;
        bool speed_given;
        rp_mqtt_desc mqtt;
        int mqtt_topics, mqtt_names;
        rp_serial_flow serial_flow;
        rp_serial_line serial_dtr, serial_rts;
        bool serial_options, serial_wait;
        /* Where each setting of rp_viewer_setting came from: NULL not given, "" the command
         * line, else the layout file that gave it. A layout's source settings go with its
         * sources: when the command line names its own sources, finish_options drops them. */
        const char *origin[RP_VIEWER_SETTINGS];
        int layout_topics, layout_names; /* the first N of topics / topic_names are a layout's */
        const char *mqtt_option;         /* the last --mqtt-* flag given (it needs --mqtt) */
    } stream;
    const char *loading_config; /* the layout file being applied (rp_viewer_config_parse) */
    bool sources_from_layout;   /* the sources are the layout's (none on the command line) */
    bool demo_by_default;       /* no source was named: the demo stands in */
    char hosts[RP_INGEST_MAX_SOURCES][RP_HOST_MAX]; /* storage for sources[i].udp.host (UDP)
                                                       and sources[i].mqtt.host (MQTT) */
} rp_viewer_options;

/* Parses the command line into opt (strings point into argv). Returns RP_OK, or RP_ERR_PARSE /
 * RP_ERR_INVALID_ARG with a message in err; *help is set for --help (usage already printed). */
rp_status rp_viewer_parse_args(int argc, char **argv, rp_viewer_options *opt, bool *help, char *err,
                               int err_size);
void rp_viewer_print_usage(void);

typedef struct rp_viewer rp_viewer;

/* Opens the sources (errors such as "port in use" come back here, in err), the window or the
 * headless target, and builds the figure. */
rp_status rp_viewer_create(const rp_viewer_options *opt, rp_viewer **out, char *err, int err_size);
void rp_viewer_destroy(rp_viewer *viewer);
/* Runs until quit, the frame count, a stop_flag, or (headless) the end of the input; prints the
 * stats and writes png_path. Then returns RP_ERR_INVALID_ARG when a --panel spec took none of the
 * series that came, RP_ERR_IO when an input failed (both said on stderr). */
rp_status rp_viewer_run(rp_viewer *viewer);
/* One frame: picks up new series, updates the HUD, draws and presents. */
rp_status rp_viewer_frame(rp_viewer *viewer);
/* The same, drawn only when something changed since the last frame drawn (new samples, an event,
 * a message that expired, a playback, statistics still being summed...): *drew says whether it
 * was (may be NULL). The window's loop runs on it, so an idle plot costs next to nothing. */
rp_status rp_viewer_frame_if_changed(rp_viewer *viewer, bool *drew);
/* Handles one SDL event (an SDL_Event*, as void* so that this header needs no SDL). Returns
 * false when the viewer should quit. */
bool rp_viewer_handle_event(rp_viewer *viewer, const void *sdl_event);

/* Sends text and a newline to every serial source (as --send and the ':' prompt do). RP_OK when at
 * least one took it; RP_ERR_IO when no device is open, RP_ERR_UNSUPPORTED without serial sources. */
rp_status rp_viewer_send_line(rp_viewer *viewer, const char *text);
bool rp_viewer_prompt_open(const rp_viewer *viewer); /* the ':' send prompt is shown */
/* Prints every source's and series' counters to stdout. */
void rp_viewer_print_stats(rp_viewer *viewer);
rp_figure *rp_viewer_figure(rp_viewer *viewer);
rp_ingest *rp_viewer_ingest(rp_viewer *viewer);
rp_window *rp_viewer_window(rp_viewer *viewer); /* NULL when headless */
/* The renderer that draws the figure (the window's or the headless target's): where its last
 * frame put things (rp_renderer_hit_test, rp_renderer_frame_layout). Borrowed. */
rp_renderer *rp_viewer_renderer(rp_viewer *viewer);
bool rp_viewer_paused(const rp_viewer *viewer);
bool rp_viewer_running(const rp_viewer *viewer); /* false once quit (q, Esc, the window closed) */
bool rp_viewer_hud_shown(const rp_viewer *viewer);
/* The message the window shows now (what the last key did, or why it did nothing; "" when
 * none or after MESSAGE_S seconds) and the badge beside it ("PAUSED", "PLAYING 4x"...). */
const char *rp_viewer_message(const rp_viewer *viewer);
const char *rp_viewer_badge(const rp_viewer *viewer);
const char *rp_viewer_last_screenshot(const rp_viewer *viewer); /* "" until one was written */
int64_t rp_viewer_frames(const rp_viewer *viewer);
int64_t rp_viewer_frames_skipped(const rp_viewer *viewer); /* rp_viewer_frame_if_changed's */
/* Test hook: fn(user) runs in every frame drawn, after the frame took the signature of its data
 * and before it draws (what arrives while a frame draws). NULL removes it. */
void rp_viewer__set_draw_hook(rp_viewer *viewer, void (*fn)(void *user), void *user);
rp_recorder *rp_viewer_recorder(rp_viewer *viewer); /* NULL without --record */
/* The temporary recording a paused view keeps what it shows in (NULL while live, with --record or
 * --open, or --pause-history 0); its file is unlinked as soon as it is open. */
rp_recorder *rp_viewer_pause_history(rp_viewer *viewer);
rp_recording *rp_viewer_recording(rp_viewer *viewer); /* NULL without --open */
/* Writes the visible x range of the open recording to path (CSV when it ends in .csv, else raw
 * float32): the 'e' key. *rows (may be NULL): the rows written (CSV: lines after the header;
 * raw: samples); 0 when no sample lies in the view, and then nothing is written (RP_OK).
 * RP_ERR_UNSUPPORTED without a recording. */
rp_status rp_viewer_export_view(rp_viewer *viewer, const char *path, int64_t *rows);
/* Applies command-line words (flags and their values, as after argv[0]) to opt: what
 * rp_viewer_parse_args does between its defaults and its final checks, and what a layout file's
 * fields turn into. Strings are borrowed from words. */
rp_status rp_viewer_parse_words(rp_viewer_options *opt, int count, const char *const *words,
                                bool *help, char *err, int err_size);
/* True when a window or PNG of w x h px can be written (rp_write_png_rgba's RP_PNG_MAX_PIXELS);
 * else false and why in msg. viewer_args.c. */
bool rp_viewer_size_fits_png(int w, int h, char *msg, size_t size);
/* --config FILE: a layout (README "Layout files") from a JSON object into opt, where the flag
 * stands; its strings are kept in opt->config_strings. err names the line of a syntax error or
 * the bad field (then opt is unusable: the command line fails). viewer_config.c. */
rp_status rp_viewer_config_load(const char *path, rp_viewer_options *opt, char *err, int err_size);
/* The same from text in memory (name: what errors call it; text need not end in NUL). */
rp_status rp_viewer_config_parse(const char *text, size_t size, const char *name,
                                 rp_viewer_options *opt, char *err, int err_size);
/* Writes opt as a layout file: span is the span in view. */
rp_status rp_viewer_config_save(const rp_viewer_options *opt, double span, const char *path);
/* Writes the viewer's current layout (the 'w' key): its options with the state changed since
 * (HUD, statistics, cursors, levels, y scales, fixed y views, each series' colour and unit, the
 * span in view), so that --config path shows the same. Thread: main. */
rp_status rp_viewer_save_layout(rp_viewer *viewer, const char *path);
/* --open FILE --export OUT: the whole recording to OUT (no window, no GL); err says why not. */
rp_status rp_viewer_export_recording(const rp_viewer_options *opt, char *err, int err_size);
/* Writes the current frame to path (window: back buffer; headless: FBO). */
rp_status rp_viewer_write_png(rp_viewer *viewer, const char *path);

#endif
