/* viewer_args.c — the `ringplot` command line. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "viewer/viewer.h"
#include "ingest/panels.h"
#include "io/parse.h"

void rp_viewer_print_usage(void)
{
    printf(
        "usage: ringplot [options]\n"
        "Live plots of streaming float32 signals. With no source, shows the built-in demo stream.\n"
        "A flag's value may follow it after '=' (--title=TEXT): so a value may start with '--'.\n"
        "\n"
        "Sources (several may be combined; each series appears the first time its name is seen):\n"
        "  --demo                 built-in demo: IMU 3 axes at 1 kHz, ECG at 500 Hz, a noisy sensor at\n"
        "                         100 kHz, a slow temperature with dropouts\n"
        "  --stdin                read stdin (format from --format)\n"
        "  --udp [HOST:]PORT      listen for text or JSON datagrams (HOST default 127.0.0.1; Teleplot\n"
        "                         uses 47269, PlotJuggler's UDP server 9870)\n"
        "  --replay FILE          play a file back: CSV (its time column sets the pace) or text lines\n"
        "                         (their timestamps set it; rows without a time: --rate R a second,\n"
        "                         else at once), detected as on stdin unless --format says\n"
        "  --serial PATH[:BAUD[:FRAME]]  read a serial port, e.g. /dev/ttyACM0:115200 or\n"
        "                         /dev/ttyUSB0:2000000:8E2. BAUD: any rate the driver takes (250000,\n"
        "                         250k, 1.5M, 2M... through termios2), default 115200; FRAME: data bits 5-8,\n"
        "                         parity N/E/O, stop bits 1/2, default 8N1. Same formats as stdin.\n"
        "                         Reopens the device when it comes back after being unplugged\n"
        "  --serial-wait          a --serial device that is not there yet is waited for (the HUD says\n"
        "                         'waiting for device') instead of being an error\n"
        "  --serial-flow none|rtscts|xonxoff  flow control of every --serial port (default none)\n"
        "  --serial-dtr on|off    DTR after opening (default on; off holds it low, for boards that\n"
        "                         reset on DTR)\n"
        "  --serial-rts on|off    RTS after opening (default on)\n"
        "  --send TEXT            send TEXT and a newline to every --serial port at start (repeat for\n"
        "                         more lines, in order); in the viewer ':' types a line to send\n"
        "  --format FMT           stdin/replay/serial format: auto (default), text, csv, binary\n"
        "                           text:   name:value or name:timestamp_ms:value per line ('>' prefix ok),\n"
        "                                   or a JSON object per line ({\"temp\":21.5,\"imu\":{\"ax\":1}})\n"
        "                           csv:    header row naming the columns; optional time column\n"
        "                           binary: frames of --channels values, float32 little-endian\n"
        "                                   unless --binary-type / --binary-endian say\n"
        "  --time-column NAME[:UNIT]  csv: the column that holds the time (default: the one\n"
        "                         named time, t, ms, date..., or a first column of dates); UNIT\n"
        "                         s, ms, us or ns: what it counts (timestamp:us for PX4's\n"
        "                         ulog2csv); none: every column is a series\n"
        "  --date-order day|month  csv: dates such as 01/02/2026 are day first (29/11/2026) or\n"
        "                         month first (11/29/2026); default auto: the first date with a\n"
        "                         number over 12 tells, '/' dates read month first until then\n"
        "  --channels N           binary: values per frame (required for binary)\n"
        "  --names a,b,c          binary: channel names (default ch0, ch1, ...)\n"
        "  --binary-type T        binary: type of every value: int8, uint8, int16, uint16, int32,\n"
        "                         uint32, float32 (default) or float64\n"
        "  --binary-endian little|big  binary: byte order of the values (default little)\n"
        "  --binary-sync HEX      binary: a header of 1-8 bytes before every frame, e.g. AA55; the\n"
        "                         decoder locks on it and, when a frame lacks it, skips to the next\n"
        "  --binary-checksum none|sum8|xor8  binary: a byte after the values: their sum mod 256\n"
        "                         or their XOR (default none); a frame that fails it is dropped whole\n"
        "  --rate R               samples/s of each untimestamped series (e.g. 1000, 48k, 2.5M), binary\n"
        "                         or text: exact x = start + index / rate; without it each series' rate\n"
        "                         is estimated from its arrivals (README \"Time\")\n"
        "  --speed N|max          replay speed: 1 = original rate (default), N times faster, max = at once\n"
        "                         (a file played back: --replay, a FILE, --open)\n"
        "\n"
        "MQTT (the options below apply to every --mqtt source):\n"
        "  --mqtt HOST[:PORT]     subscribe to a broker (PORT default 1883, 8883 with --mqtt-cafile);\n"
        "                         reconnects with backoff (0.1 s doubling to 5 s) when it goes away\n"
        "  --topic FILTER         topic filter to subscribe to ('+' one level, '#' the rest); repeat, up\n"
        "                         to 16. Payload: a number (or a number and unit, 23.5 °C) → series\n"
        "                         named after the topic; a JSON object → topic/field per number field\n"
        "                         (\"ts\", \"time\" or \"timestamp\": Unix s, or ms when >= 1e11); text\n"
        "                         lines name:value → topic/name; one word (ON, Online) → a text value\n"
        "  --topic-name T=NAME    series name NAME for messages of topic T (repeat, up to 16)\n"
        "  --mqtt-client-id ID    client id (default random); with --mqtt-qos 1 the broker keeps a\n"
        "                         session for ID and queues QoS 1 messages while we are away\n"
        "  --mqtt-qos 0|1         subscription QoS (default 0)\n"
        "  --mqtt-keepalive S     keep-alive in seconds, 5..65535 (default 30)\n"
        "  --mqtt-cafile FILE     TLS: verify the broker against this CA bundle (PEM)\n"
        "  --mqtt-user USER       user name (default: $RINGPLOT_MQTT_USER)\n"
        "  --mqtt-password-file F password = first line of F (default: $RINGPLOT_MQTT_PASSWORD);\n"
        "                         never taken on the command line\n"
        "\n"
        "Display:\n"
        "  --panel LIST           one panel with these series: comma list of names, group names (the part\n"
        "                         before '/' or '.') or prefixes ending in '*'; repeat for more panels\n"
        "  --span SECONDS         x span while following live data (default 10; 0 = all retained)\n"
        "  --title TEXT           figure title\n"
        "  --theme dark|light     colour theme (default dark)\n"
        "  --x-axis time|wall|number  time: seconds before the newest sample (default); wall: clock time\n"
        "                         and dates (the default for a FILE shown whole whose times are\n"
        "                         dates or Unix times); number: plain x (the default for a FILE\n"
        "                         shown whole without times and --rate: x is the row's index)\n"
        "  --size WxH             window or PNG size in px (default 1280x720): each side 64..16384,\n"
        "                         W x H at most 64 Mpx (8192x8192, 16384x4096: what a PNG holds)\n"
        "  --fullscreen           start fullscreen\n"
        "  --hud                  start with the HUD (fps, frame time, ingest rate, memory, drops)\n"
        "  --legend PLACE         auto (default: the corner covering the least data, a left one in a\n"
        "                         live view; chosen once per layout), top-right, top-left,\n"
        "                         bottom-right, bottom-left, or off\n"
        "  --legend P:PLACE       the legend of panel P (1 = top) in that corner (or auto); repeat\n"
        "                         per panel (dragging a legend does the same)\n"
        "  --hide SERIES          start with SERIES (its full name) hidden, its legend entry dimmed\n"
        "                         (a click on it shows it); repeat for more\n"
        "  --markers auto|on|off  dots at the samples when zoomed in to single samples: auto (default)\n"
        "                         when they are 10 px apart or more, and at a lone sample; on: always\n"
        "  --no-vsync             do not wait for the display refresh\n"
        "\n"
        "Measuring (read out in a table under the plots):\n"
        "  --cursors A[,B]        time cursors A and B, in x units from the newest sample (time axis:\n"
        "                         seconds, e.g. --cursors -3,-2.5; a FILE shown whole without dates:\n"
        "                         at those x values, its times in seconds or its row numbers): dt,\n"
        "                         1/dt, each series at A and B\n"
        "  --levels P:Y1[,Y2]     level cursors at y = Y1, Y2 in panel P (1 = top); repeat per panel\n"
        "  --show-stats           statistics of the visible range per series: n, min, max, mean, RMS,\n"
        "                         std, peak-to-peak, measured rate\n"
        "\n"
        "Scales:\n"
        "  --right LIST           these series on their panel's right y axis (own view and ticks);\n"
        "                         names, group names or prefixes ending in '*', as for --panel\n"
        "  --y-scale P:SCALE[:T]  y scale of panel P (1 = top; 'all' for every panel): linear, log\n"
        "                         (values <= 0 at the bottom edge) or symlog (linear within +-T,\n"
        "                         default 1, logarithmic beyond); repeat per panel\n"
        "  --y-range P[:right]:MIN,MAX  a fixed y view of panel P's left (or right) axis instead\n"
        "                         of autoscaling ('a' or a double-click autoscales again)\n"
        "\n"
        "Views:\n"
        "  --spectrum SERIES[:N[:WINDOW[:OPTIONS]]]  a panel with the spectrum of SERIES's newest N\n"
        "                         samples (default 4096), in dB, peak read out; WINDOW hann (default),\n"
        "                         blackman-harris or flat-top; OPTIONS: log (log frequency axis),\n"
        "                         avg=A (exponential averaging, 0 .. 0.99), waterfall[=ROWS] (the\n"
        "                         last ROWS spectra, default 128, as a colour strip), fmin=F,fmax=F\n"
        "                         (frequency view, Hz), dbmin=DB,dbmax=DB (dB view); up to 4\n"
        "  --trigger SERIES[:SWEEP[:LEVEL[:OPTIONS]]]  an oscilloscope panel: sweeps of SWEEP samples\n"
        "                         (default 1000) aligned where SERIES crosses LEVEL (default 0);\n"
        "                         OPTIONS: rising (default) or falling, pre=F (fraction before the\n"
        "                         trigger), hyst=H, holdoff=N (samples), auto (default), normal or\n"
        "                         single, persist=K (the K sweeps before drawn fading, 0 .. 32),\n"
        "                         tmin=T,tmax=T (the part of the sweep shown, s from the trigger),\n"
        "                         ymin=Y,ymax=Y (y view); up to 4\n"
        "  --xy XSERIES,YSERIES[:OPTIONS]  a panel of YSERIES against XSERIES over the visible\n"
        "                         window (Lissajous, 2-D position; pairs by nearest time), newer\n"
        "                         points brighter; OPTIONS: fade=SECONDS (default: the span),\n"
        "                         equal (equal aspect), xmin=X,xmax=X and ymin=Y,ymax=Y (fixed\n"
        "                         ranges; default autoscale); up to 4. Teleplot's name:x:y|xy adds one\n"
        "                         (wheel, drag, shift+wheel over these panels zoom and pan their\n"
        "                         own axes; 'a' or a double-click there: the whole range again)\n"
        "\n"
        "Text values and log lines (Teleplot \"name:text|t\", \">ms:message\"), shown in a notes panel\n"
        "that appears with the first one:\n"
        "  --log-lines N          log lines kept (default 1024; 0: none, only counted)\n"
        "  --log-list             show the newest log lines under the state tracks ('o' toggles)\n"
        "  --no-text-tracks       do not draw text values as state tracks (still kept and counted)\n"
        "\n"
        "Memory:\n"
        "  --capacity N           samples kept per series (suffixes k, M, G). Default: 3 x span x the\n"
        "                         series' rate (4k..16M; 256k when the rate is unknown). All memory of a\n"
        "                         series is allocated when it appears and never grows.\n"
        "  --max-series N         most series in all (default 64, or the binary channel count, or 256\n"
        "                         for a FILE shown whole; at most 1024); more are dropped, counted\n"
        "  --pause-history BYTES  a paused (zoomed, dragged) live view keeps what it shows: every\n"
        "                         series goes on into a temporary file, deleted at once, up to BYTES\n"
        "                         (suffixes k, M, G; default 4G; 0: off, the rings only)\n"
        "\n"
        "Headless and batch:\n"
        "  --headless             render without a display (EGL), e.g. on a server or in CI;\n"
        "                         chosen on its own when no display is found\n"
        "  --frames N             stop after N frames (headless default: until the input ends;\n"
        "                         with demo, UDP or MQTT sources 120 frames). SIGINT / SIGTERM end a\n"
        "                         run cleanly too: stats printed, PNG written\n"
        "  --png FILE             write the last frame as a PNG\n"
        "  --screenshot-dir DIR   where the 's' key writes screenshots (default: current directory)\n"
        "  --stats[=text|json]    print every source's and series' counters at exit (text: one line\n"
        "                         each, refusals by reason; json: one object, README \"Statistics\")\n"
        "                         on stdout, alone: every other message (wrote FILE, layout\n"
        "                         saved, errors) goes to stderr; not with --export\n"
        "  --help                 this text\n"
        "\n"
        "Layout:\n"
        "  --config FILE          load a layout file (JSON, README \"Layout files\": sources, panels,\n"
        "                         series colours, units and hidden ones, legend corners, scales,\n"
        "                         fixed y views, cursors, view panels, theme, span, ...) where the\n"
        "                         flag stands; later flags override it. The 'w' key saves the\n"
        "                         current layout\n"
        "  --save-layout FILE     at exit, write the layout as the 'w' key does (headless too)\n"
        "\n"
        "Recordings (README: \"Recordings\"):\n"
        "  --record FILE          write every sample of every series to FILE while live (crash-safe:\n"
        "                         holds everything up to the last second); a paused or panned\n"
        "                         view reaches back past memory into it (one FILE a run)\n"
        "  --open FILE, FILE      show a recording: zoom from the whole file down to single samples;\n"
        "                         with --speed N it plays back at N x real time (--span wide, space\n"
        "                         or k pauses, zoom or drag stops it); a timeline under the plots:\n"
        "                         click or drag it to scrub. A bare FILE that is not a recording\n"
        "                         (CSV, text lines) is played back at once (--replay --speed max),\n"
        "                         its series hold all of it and the view shows all of it (--span:\n"
        "                         its end)\n"
        "  --x-view X0,X1         with --open: start with x from X0 to X1 in view (the recording's\n"
        "                         x: seconds of its clock; what 'w' saves of a recording's view)\n"
        "  --export FILE          with --open: write the whole recording to FILE (.csv: time column +\n"
        "                         one per series, readable by --replay; other names: raw float32) and exit\n"
        "  --verify               with --open: check every block against its checksum (files up to\n"
        "                         256 MiB always are); damaged blocks are said and read as gaps\n"
        "\n"
        "Mouse and keys:\n"
        "  wheel: zoom time around the cursor     shift+wheel: zoom y of the panel under the cursor\n"
        "  wheel over the y (or time) labels: zoom that axis alone, about the pointer\n"
        "  drag: pan                              double-click: back to following live data\n"
        "  click a legend entry: hide/show it     hover: crosshair with each series' value\n"
        "  u: show every hidden series again (no legend entry to click needed)\n"
        "  drag a legend: to another corner of its panel\n"
        "  ctrl+drag: zoom box (time and y; a flat box time only); Esc cancels it\n"
        "  c: time cursors A and B on/off    right click: put a time cursor there\n"
        "  y: level cursors of the panel under the pointer    shift+right click: put one there\n"
        "  drag a cursor line: move it   m: statistics of the visible range on/off\n"
        "  l: y scale of the panel under the pointer: linear, log, symlog\n"
        "  d: sample markers (dots when zoomed in to single samples): auto, on, off\n"
        "  space: pause/resume the view (data keeps flowing in)    a: autoscale y (and view panels)\n"
        "  s: screenshot (PNG)   h: HUD   f or F11: fullscreen   q, Esc, ctrl+q or ctrl+w: quit\n"
        "  keys act without ctrl, alt or shift (ctrl+s, ctrl+c, shift+c... do nothing, and say so)\n"
        "  e: export the visible range of an open recording to CSV (in --screenshot-dir)\n"
        "  k: play/pause an open recording   [ ]: its replay speed /2 x2   drag the timeline: scrub\n"
        "  w: save the layout as ringplot-layout-YYYYMMDD-HHMMSS.json (in --screenshot-dir)\n"
        "  n: next window of the spectrum under the pointer   g: its frequency axis linear/log\n"
        "  v: waterfall strip of the spectrum under the pointer on/off\n"
        "  t: trigger mode auto/normal/single   b: trigger edge   r: re-arm a single trigger\n"
        "  p: trigger persistence (the last 8 sweeps drawn fading) on/off\n"
        "  x: XY panel of the 2nd series against the 1st of the panel under the pointer; over an\n"
        "     XY panel: equal aspect on/off\n"
        "  over a spectrum, trigger or XY panel, wheel, drag and shift+wheel zoom and pan its own\n"
        "     axes (frequency / dB, time from the trigger / y, X and Y / Y only); double-click\n"
        "     there or a: back to the whole range\n"
        "  o: log list on/off   j: time cursor A on the newest log line in view (or click a log\n"
        "     marker or list line)\n"
        "  ':' (with --serial): type a line to send to the device; Enter sends it, Esc cancels\n");
}

static rp_status fail(char *err, int size, const char *flag, const char *why)
{
    snprintf(err, (size_t)size, "%s: %s", flag, why);
    return RP_ERR_PARSE;
}

/* True when a PNG of w x h px can be written (rp_write_png_rgba: RP_PNG_MAX_PIXELS, as
 * stb_image_write sizes its buffers in int); else why in msg. A larger --png failed at the end
 * of the run with "cannot write FILE: invalid argument". */
bool rp_viewer_size_fits_png(int w, int h, char *msg, size_t size)
{
    if ((int64_t)w * h <= RP_PNG_MAX_PIXELS) return true;
    snprintf(msg, size,
             "%dx%d is %.0f Mpx: a window or PNG holds at most %d Mpx (e.g. 8192x8192, "
             "16384x4096)",
             w, h, (double)w * h / (1 << 20), RP_PNG_MAX_PIXELS >> 20);
    return false;
}

/* The flags whose value is a file (or a folder) to read or write. */
static bool is_path_flag(const char *flag)
{
    static const char *const paths[] = {
        "--replay", "--png",    "--save-layout",    "--config",      "--record",
        "--open",   "--export", "--screenshot-dir", "--mqtt-cafile", "--mqtt-password-file"};
    for (size_t k = 0; k < sizeof paths / sizeof paths[0]; k++)
        if (!strcmp(flag, paths[k])) return true;
    return false;
}

static bool is_folder_flag(const char *flag) { return !strcmp(flag, "--screenshot-dir"); }

/* A flag given another option as its separate value ("--png --hud"): said with the way to give
 * such a value on purpose. */
static rp_status option_as_value(char *err, int size, const char *flag, const char *val)
{
    bool path = is_path_flag(flag);
    snprintf(err, (size_t)size, "%s: needs %s, not the option '%s' (write %s=%s%s for such %s)",
             flag,
             is_folder_flag(flag) ? "a folder name"
             : path               ? "a file name"
                                  : "a value",
             val, flag, path ? "./" : "", val, path ? "a name" : "a value");
    return RP_ERR_PARSE;
}

static bool parse_on_off(const char *s, rp_serial_line *line)
{
    if (!strcmp(s, "on"))
        *line = RP_SERIAL_LINE_ON;
    else if (!strcmp(s, "off"))
        *line = RP_SERIAL_LINE_OFF;
    else
        return false;
    return true;
}

/* True (with a message) when a comma list names one channel twice, or leaves one unnamed ("a,",
 * ",b": the channel became "ch1" without a word). */
static bool names_duplicate(const char *list, char *msg, size_t size)
{
    int index = 0;
    size_t n = strlen(list);
    if (n == 0 || list[0] == ',' || list[n - 1] == ',' || strstr(list, ",,")) {
        snprintf(msg, size, "'%.60s' leaves a channel without a name: one name a channel", list);
        return true;
    }
    for (const char *p = list; *p; index++) {
        const char *end = strchr(p, ',');
        size_t len = end ? (size_t)(end - p) : strlen(p);
        int other = 0;
        for (const char *q = list; q < p; other++) {
            const char *qe = strchr(q, ',');
            size_t qlen = (size_t)(qe - q);
            if (len > 0 && qlen == len && !strncmp(p, q, len)) {
                snprintf(msg, size,
                         "'%.*s' names channels %d and %d: each channel needs its own name",
                         (int)(len < 60 ? len : 60), p, other, index);
                return true;
            }
            q = qe + 1;
        }
        p = end ? end + 1 : p + len;
    }
    return false;
}

/* True when path names a directory (followed through links). */
static bool is_directory(const char *path)
{
    struct stat sb;
    return stat(path, &sb) == 0 && S_ISDIR(sb.st_mode);
}

/* True unless path is a readable regular file that does not start like a recording (so a
 * missing file still gets the recording's error message). */
static bool is_recording_file(const char *path)
{
    char head[8] = {0};
    FILE *f = fopen(path, "rb");
    if (!f) return true;
    struct stat st;
    bool regular = fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode);
    size_t n = regular ? fread(head, 1, sizeof head, f) : 0;
    fclose(f);
    return !regular || (n == sizeof head && !memcmp(head, "RINGPREC", sizeof head));
}

/* The file to be written may be written: it exists and is writable, or its folder exists and is
 * writable (a device such as /dev/full is the write's to judge). False with why in msg. */
static bool folder_writable(const char *path, char *msg, size_t size)
{
    if (is_directory(path)) { /* "--png /tmp": it failed at exit, after the whole run */
        snprintf(msg, size, "cannot write '%s': it is a directory", path);
        return false;
    }
    if (access(path, F_OK) == 0) return true;
    char dir[1024];
    const char *slash = strrchr(path, '/');
    size_t len = slash ? (size_t)(slash - path) : 0;
    if (len >= sizeof dir) return true; /* let the write say */
    if (slash && len == 0) len = 1;     /* "/x.png": the root */
    memcpy(dir, slash ? path : ".", slash ? len : 1);
    dir[slash ? len : 1] = 0;
    if (access(dir, W_OK) == 0) return true;
    snprintf(msg, size, "cannot write '%s': folder '%s': %s", path, dir, strerror(errno));
    return false;
}

/* Each setting's layout field and flag, for messages (rp_viewer_setting's order). */
static const char *const setting_names[RP_VIEWER_SETTINGS][2] = {
    [RP_SET_FORMAT] = {"format", "--format"},
    [RP_SET_CHANNELS] = {"channels", "--channels"},
    [RP_SET_NAMES] = {"names", "--names"},
    [RP_SET_TIME_COLUMN] = {"time_column", "--time-column"},
    [RP_SET_DATE_ORDER] = {"date_order", "--date-order"},
    [RP_SET_BINARY_TYPE] = {"binary_type", "--binary-type"},
    [RP_SET_BINARY_ENDIAN] = {"binary_endian", "--binary-endian"},
    [RP_SET_BINARY_SYNC] = {"binary_sync", "--binary-sync"},
    [RP_SET_BINARY_CHECKSUM] = {"binary_checksum", "--binary-checksum"},
    [RP_SET_RATE] = {"rate", "--rate"},
    [RP_SET_SPEED] = {"speed", "--speed"},
    [RP_SET_SERIAL_FLOW] = {"serial_flow", "--serial-flow"},
    [RP_SET_SERIAL_DTR] = {"serial_dtr", "--serial-dtr"},
    [RP_SET_SERIAL_RTS] = {"serial_rts", "--serial-rts"},
    [RP_SET_TOPICS] = {"topics", "--topic"},
    [RP_SET_TOPIC_NAMES] = {"topic_names", "--topic-name"},
};

/* Notes who gave setting s: the layout file being applied, or the command line. */
static void mark_setting(rp_viewer_options *opt, rp_viewer_setting s)
{
    opt->stream.origin[s] = opt->loading_config ? opt->loading_config : "";
}

static bool from_layout(const rp_viewer_options *opt, rp_viewer_setting s)
{
    return opt->stream.origin[s] && opt->stream.origin[s][0];
}

/* What an error calls setting s: its flag, or the layout file and field that gave it, so that a
 * mistake in a file is not blamed on a flag the command line never had. */
static const char *setting_label(const rp_viewer_options *opt, rp_viewer_setting s, char *buf,
                                 size_t size)
{
    if (from_layout(opt, s))
        snprintf(buf, size, "config %s: field '%s': %s", opt->stream.origin[s], setting_names[s][0],
                 setting_names[s][1]);
    else
        snprintf(buf, size, "%s", setting_names[s][1]);
    return buf;
}

/* True when a source of the run takes setting s (finish_options hands each kind its own). */
static bool setting_taken(const rp_viewer_options *opt, rp_viewer_setting s)
{
    bool taken = s == RP_SET_SPEED && opt->open_path; /* a recording's playback */
    for (int k = 0; k < opt->source_count; k++) {
        rp_source_kind kind = opt->sources[k].kind;
        bool stream = kind == RP_SOURCE_FD || kind == RP_SOURCE_REPLAY || kind == RP_SOURCE_SERIAL;
        if (s == RP_SET_TOPICS || s == RP_SET_TOPIC_NAMES)
            taken |= kind == RP_SOURCE_MQTT;
        else if (s == RP_SET_SERIAL_FLOW || s == RP_SET_SERIAL_DTR || s == RP_SET_SERIAL_RTS)
            taken |= kind == RP_SOURCE_SERIAL;
        else if (s == RP_SET_SPEED)
            taken |= kind == RP_SOURCE_REPLAY;
        else if (s == RP_SET_RATE)
            taken |= stream || kind == RP_SOURCE_UDP;
        else
            taken |= stream;
    }
    return taken;
}

/* Drops the first *lead entries of a list of *count (a layout's, leading a command line's). */
static void drop_leading(const char **list, int *count, int *lead)
{
    int rest = *count - *lead;
    memmove(list, list + *lead, (size_t)rest * sizeof list[0]);
    *count = rest;
    *lead = 0;
}

/* The command line names its own sources, so the layout's are not used, and neither are the
 * settings that only the layout's sources could take: the topics of a layout saved from an MQTT
 * session refused `--udp PORT --config L` ("--topic: needs --mqtt"). A setting that a source of
 * the command line takes stays (`--stdin --config L` of a binary stdin session reads binary). */
static void drop_layout_settings(rp_viewer_options *opt)
{
    bool drop[RP_VIEWER_SETTINGS];
    for (int s = 0; s < RP_VIEWER_SETTINGS; s++)
        drop[s] =
            from_layout(opt, (rp_viewer_setting)s) && !setting_taken(opt, (rp_viewer_setting)s);
    struct {
        rp_viewer_setting s;
        void *at;
        size_t size;
    } const scalars[] = {
        {RP_SET_FORMAT, &opt->stream.format, sizeof opt->stream.format},
        {RP_SET_CHANNELS, &opt->stream.channels, sizeof opt->stream.channels},
        {RP_SET_NAMES, &opt->stream.names, sizeof opt->stream.names},
        {RP_SET_TIME_COLUMN, &opt->stream.time_column, sizeof opt->stream.time_column},
        {RP_SET_DATE_ORDER, &opt->stream.date_order, sizeof opt->stream.date_order},
        {RP_SET_BINARY_TYPE, &opt->stream.binary.type, sizeof opt->stream.binary.type},
        {RP_SET_BINARY_ENDIAN, &opt->stream.binary.byte_order,
         sizeof opt->stream.binary.byte_order},
        {RP_SET_BINARY_SYNC, &opt->stream.binary.sync_len, sizeof opt->stream.binary.sync_len},
        {RP_SET_BINARY_CHECKSUM, &opt->stream.binary.checksum, sizeof opt->stream.binary.checksum},
        {RP_SET_RATE, &opt->stream.rate, sizeof opt->stream.rate},
        {RP_SET_SERIAL_FLOW, &opt->stream.serial_flow, sizeof opt->stream.serial_flow},
        {RP_SET_SERIAL_DTR, &opt->stream.serial_dtr, sizeof opt->stream.serial_dtr},
        {RP_SET_SERIAL_RTS, &opt->stream.serial_rts, sizeof opt->stream.serial_rts},
    };
    /* every default is zero (auto, none, little-endian float32, default lines), but speed's */
    for (size_t k = 0; k < sizeof scalars / sizeof scalars[0]; k++)
        if (drop[scalars[k].s]) memset(scalars[k].at, 0, scalars[k].size);
    if (drop[RP_SET_SPEED]) {
        opt->stream.speed = 1;
        opt->stream.speed_given = false;
    }
    rp_mqtt_desc *m = &opt->stream.mqtt; /* the layout's entries lead each list */
    if (drop[RP_SET_TOPICS])
        drop_leading(m->topics, &opt->stream.mqtt_topics, &opt->stream.layout_topics);
    if (drop[RP_SET_TOPIC_NAMES])
        drop_leading(m->topic_names, &opt->stream.mqtt_names, &opt->stream.layout_names);
    for (int s = 0; s < RP_VIEWER_SETTINGS; s++)
        if (drop[s]) opt->stream.origin[s] = NULL;
    if (drop[RP_SET_TOPICS] && opt->stream.mqtt_topics > 0) opt->stream.origin[RP_SET_TOPICS] = "";
    if (drop[RP_SET_TOPIC_NAMES] && opt->stream.mqtt_names > 0)
        opt->stream.origin[RP_SET_TOPIC_NAMES] = "";
    const char *const *o = opt->stream.origin;
    opt->stream.binary_given = o[RP_SET_BINARY_TYPE] || o[RP_SET_BINARY_ENDIAN] ||
                               o[RP_SET_BINARY_SYNC] || o[RP_SET_BINARY_CHECKSUM];
    opt->stream.serial_options = opt->stream.serial_wait || o[RP_SET_SERIAL_FLOW] ||
                                 o[RP_SET_SERIAL_DTR] || o[RP_SET_SERIAL_RTS];
}

/* What an error calls a source: its flag, or the layout's field 'sources' when it came from
 * there. */
static const char *source_label(const rp_viewer_options *opt, const char *flag, char *buf,
                                size_t size)
{
    if (opt->sources_from_layout)
        snprintf(buf, size, "config %s: field 'sources': %s", opt->config_sources_path, flag);
    else
        snprintf(buf, size, "%s", flag);
    return buf;
}

static rp_stream_format parse_format(const char *s, bool *ok)
{
    *ok = true;
    if (!strcmp(s, "auto")) return RP_FORMAT_AUTO;
    if (!strcmp(s, "text")) return RP_FORMAT_TEXT;
    if (!strcmp(s, "csv")) return RP_FORMAT_CSV;
    if (!strcmp(s, "binary")) return RP_FORMAT_BINARY;
    *ok = false;
    return RP_FORMAT_AUTO;
}

static rp_status finish_options(rp_viewer_options *opt, char *err, int err_size);

rp_status rp_viewer_parse_args(int argc, char **argv, rp_viewer_options *opt, bool *help, char *err,
                               int err_size)
{
    memset(opt, 0, sizeof *opt);
    *help = false;
    err[0] = 0;
    opt->span = 10;
    opt->width = 1280;
    opt->height = 720;
    opt->x_axis = RP_X_AXIS_TIME;
    opt->stream.speed = 1;
    /* the password from the environment when it is there (the library refuses a name that is
     * not set) */
    opt->stream.mqtt = (rp_mqtt_desc){
        .username = getenv("RINGPLOT_MQTT_USER"),
        .password_env = getenv("RINGPLOT_MQTT_PASSWORD") ? "RINGPLOT_MQTT_PASSWORD" : NULL};
    rp_status status =
        rp_viewer_parse_words(opt, argc - 1, (const char *const *)argv + 1, help, err, err_size);
    if (status != RP_OK || *help) return status;
    return finish_options(opt, err, err_size);
}

rp_status rp_viewer_parse_words(rp_viewer_options *opt, int argc, const char *const *argv,
                                bool *help, char *err, int err_size)
{
    char msg[400]; /* the longest option message (--trigger's list) whole */
    rp_mqtt_desc *mqtt = &opt->stream.mqtt;
    for (int i = 0; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        /* --flag=value: the value is taken as it is, whatever it starts with ("--png=./--x") */
        char flag[48];
        const char *eq = a[0] == '-' && a[1] == '-' ? strchr(a, '=') : NULL;
        bool joined = eq && (size_t)(eq - a) < sizeof flag;
        bool took = false; /* the flag took its value */
        if (joined) {
            memcpy(flag, a, (size_t)(eq - a));
            flag[eq - a] = 0;
            a = flag;
            val = eq + 1;
        }
/* A separate value that is another option ("--png --hud") is refused: it was taken as the
 * value, and the run went on without the option (a PNG named "--hud"). */
#define NEED_VALUE()                                                                               \
    do {                                                                                           \
        took = true;                                                                               \
        if (joined) break;                                                                         \
        if (!val) return fail(err, err_size, a, "needs a value");                                  \
        if (val[0] == '-' && val[1] == '-') return option_as_value(err, err_size, a, val);         \
        i++;                                                                                       \
    } while (0)
/* A file (or folder) name: never empty (it was found out at exit, or never) */
#define NEED_PATH()                                                                                \
    do {                                                                                           \
        NEED_VALUE();                                                                              \
        if (!val[0])                                                                               \
            return fail(err, err_size, a,                                                          \
                        is_folder_flag(a) ? "needs a folder name, got an empty one"                \
                                          : "needs a file name, got an empty one");                \
    } while (0)
#define ADD_SOURCE(kind_)                                                                          \
    do {                                                                                           \
        if (opt->source_count == RP_INGEST_MAX_SOURCES)                                            \
            return fail(err, err_size, a, "too many sources");                                     \
        opt->sources[opt->source_count] = (rp_source_desc){.kind = (kind_)};                       \
    } while (0)
        if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
            rp_viewer_print_usage();
            *help = true;
            return RP_OK;
        } else if (!strcmp(a, "--demo")) {
            ADD_SOURCE(RP_SOURCE_DEMO);
            opt->source_count++;
        } else if (!strcmp(a, "--stdin")) {
            for (int k = 0; k < opt->source_count; k++)
                if (opt->sources[k].kind == RP_SOURCE_FD && opt->sources[k].fd.fd == 0)
                    return fail(err, err_size, a, "given twice (one reader of stdin)");
            ADD_SOURCE(RP_SOURCE_FD);
            opt->sources[opt->source_count++].fd.fd = 0;
        } else if (!strcmp(a, "--udp")) {
            NEED_VALUE();
            ADD_SOURCE(RP_SOURCE_UDP);
            uint16_t port;
            char *host = opt->hosts[opt->source_count];
            if (rp_parse_host_port(val, "127.0.0.1", host, RP_HOST_MAX, &port, msg, sizeof msg) !=
                RP_OK)
                return fail(err, err_size, a, msg);
            opt->sources[opt->source_count].udp.host = host;
            opt->sources[opt->source_count].udp.port = port;
            opt->source_count++;
        } else if (!strcmp(a, "--mqtt")) {
            NEED_VALUE();
            ADD_SOURCE(RP_SOURCE_MQTT);
            char *host = opt->hosts[opt->source_count];
            uint16_t port = 0;
            if (val[0] != '[' && !strchr(val, ':') && strspn(val, "0123456789") != strlen(val)) {
                char with_port[RP_HOST_MAX + 8]; /* HOST alone: the default port comes later */
                snprintf(with_port, sizeof with_port, "%.*s:1", RP_HOST_MAX - 1, val);
                if (rp_parse_host_port(with_port, NULL, host, RP_HOST_MAX, &port, msg,
                                       sizeof msg) != RP_OK)
                    return fail(err, err_size, a, msg);
                port = 0;
            } else if (rp_parse_host_port(val, "127.0.0.1", host, RP_HOST_MAX, &port, msg,
                                          sizeof msg) != RP_OK) {
                return fail(err, err_size, a, msg);
            }
            opt->sources[opt->source_count].mqtt.host = host;
            opt->sources[opt->source_count].mqtt.port = port;
            opt->source_count++;
        } else if (!strcmp(a, "--topic") || !strcmp(a, "--topic-name")) {
            NEED_VALUE();
            bool is_name = a[7] == '-';
            int *count = is_name ? &opt->stream.mqtt_names : &opt->stream.mqtt_topics;
            if (*count == RP_MQTT_TOPICS_MAX) return fail(err, err_size, a, "at most 16");
            /* refused now with exit 2, as the broker would refuse it later: an empty filter
             * made it drop every connection ("malformed packet") */
            char why[600];
            if (!(is_name ? rp_ingest_mqtt_mapping_check(val, why, sizeof why)
                          : rp_ingest_mqtt_filter_check(val, why, sizeof why)))
                return fail(err, err_size, a, why);
            if (is_name)
                mqtt->topic_names[(*count)++] = val;
            else
                mqtt->topics[(*count)++] = val;
            mark_setting(opt, is_name ? RP_SET_TOPIC_NAMES : RP_SET_TOPICS);
            if (opt->loading_config) /* a file's list replaced what came before: its entries lead */
                *(is_name ? &opt->stream.layout_names : &opt->stream.layout_topics) = *count;
        } else if (!strcmp(a, "--mqtt-client-id")) {
            NEED_VALUE();
            mqtt->client_id = val;
            opt->stream.mqtt_option = "--mqtt-client-id";
        } else if (!strcmp(a, "--mqtt-qos")) {
            NEED_VALUE();
            int64_t n;
            if (rp_parse_int(val, 0, 1, &n, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            mqtt->qos = (int)n;
            opt->stream.mqtt_option = "--mqtt-qos";
        } else if (!strcmp(a, "--mqtt-keepalive")) {
            NEED_VALUE();
            int64_t n;
            if (rp_parse_int(val, 5, 65535, &n, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            mqtt->keepalive = (int)n;
            opt->stream.mqtt_option = "--mqtt-keepalive";
        } else if (!strcmp(a, "--mqtt-cafile")) {
            NEED_PATH();
            mqtt->cafile = val;
            opt->stream.mqtt_option = "--mqtt-cafile";
        } else if (!strcmp(a, "--mqtt-user")) {
            NEED_VALUE();
            mqtt->username = val;
            opt->stream.mqtt_option = "--mqtt-user";
        } else if (!strcmp(a, "--mqtt-password-file")) {
            NEED_PATH();
            mqtt->password_file = val;
            opt->stream.mqtt_option = "--mqtt-password-file";
        } else if (!strcmp(a, "--mqtt-password")) { /* visible in ps and shell history: refuse */
            return fail(err, err_size, a,
                        "not taken on the command line: use --mqtt-password-file FILE or "
                        "the environment variable RINGPLOT_MQTT_PASSWORD");
        } else if (!strcmp(a, "--serial")) {
            NEED_VALUE();
            ADD_SOURCE(RP_SOURCE_SERIAL);
            char *path = opt->serial_paths[opt->source_count];
            if (rp_serial_spec_parse(val, &opt->sources[opt->source_count].serial, path,
                                     RP_VIEWER_PATH_MAX, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            opt->source_count++;
        } else if (!strcmp(a, "--serial-wait")) {
            opt->stream.serial_options = opt->stream.serial_wait = true;
        } else if (!strcmp(a, "--serial-flow")) {
            NEED_VALUE();
            opt->stream.serial_options = true;
            mark_setting(opt, RP_SET_SERIAL_FLOW);
            if (!strcmp(val, "none"))
                opt->stream.serial_flow = RP_SERIAL_FLOW_NONE;
            else if (!strcmp(val, "rtscts"))
                opt->stream.serial_flow = RP_SERIAL_FLOW_RTSCTS;
            else if (!strcmp(val, "xonxoff"))
                opt->stream.serial_flow = RP_SERIAL_FLOW_XONXOFF;
            else
                return fail(err, err_size, a, "expected none, rtscts or xonxoff");
        } else if (!strcmp(a, "--serial-dtr") || !strcmp(a, "--serial-rts")) {
            NEED_VALUE();
            opt->stream.serial_options = true;
            mark_setting(opt, a[9] == 'd' ? RP_SET_SERIAL_DTR : RP_SET_SERIAL_RTS);
            if (!parse_on_off(val, a[9] == 'd' ? &opt->stream.serial_dtr : &opt->stream.serial_rts))
                return fail(err, err_size, a, "expected on or off");
        } else if (!strcmp(a, "--send")) {
            NEED_VALUE();
            if (opt->send_count == RP_VIEWER_SEND_MAX)
                return fail(err, err_size, a, "at most 16 lines");
            if (strlen(val) >= RP_SERIAL_SEND_MAX)
                return fail(err, err_size, a, "line longer than 4095 bytes");
            opt->send_lines[opt->send_count++] = val;
        } else if (!strcmp(a, "--replay")) {
            NEED_PATH();
            ADD_SOURCE(RP_SOURCE_REPLAY);
            opt->sources[opt->source_count++].replay.path = val;
        } else if (!strcmp(a, "--format")) {
            NEED_VALUE();
            bool ok;
            opt->stream.format = parse_format(val, &ok);
            mark_setting(opt, RP_SET_FORMAT);
            if (!ok) return fail(err, err_size, a, "expected auto, text, csv or binary");
        } else if (!strcmp(a, "--time-column")) {
            NEED_VALUE();
            if (!val[0] || val[0] == ':' || strlen(val) >= RP_NAME_MAX)
                return fail(err, err_size, a,
                            "expected a column name of 1 to 63 bytes (then :s, :ms, :us or :ns "
                            "for its unit), or none");
            /* NAME:UNIT with a word that is no unit was taken for a column named so, and the
             * run ended with "no time column named 'time:fortnights'" */
            const char *unit = strrchr(val, ':');
            if (unit && rp_time_unit_named(unit + 1, strlen(unit + 1)) == RP_TIME_UNIT_NONE) {
                snprintf(msg, sizeof msg,
                         "the unit '%.60s' is not one of s, ms, us, ns (NAME:UNIT, e.g. "
                         "timestamp:us)",
                         unit + 1);
                return fail(err, err_size, a, msg);
            }
            opt->stream.time_column = val;
            mark_setting(opt, RP_SET_TIME_COLUMN);
        } else if (!strcmp(a, "--date-order")) {
            NEED_VALUE();
            if (!strcmp(val, "day"))
                opt->stream.date_order = RP_DATE_ORDER_DMY;
            else if (!strcmp(val, "month"))
                opt->stream.date_order = RP_DATE_ORDER_MDY;
            else if (!strcmp(val, "auto"))
                opt->stream.date_order = RP_DATE_ORDER_AUTO;
            else
                return fail(err, err_size, a, "expected day, month or auto");
            mark_setting(opt, RP_SET_DATE_ORDER);
        } else if (!strcmp(a, "--channels")) {
            NEED_VALUE();
            int64_t n;
            if (rp_parse_int(val, 1, RP_FRAME_CHANNELS_MAX, &n, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            opt->stream.channels = (int)n;
            mark_setting(opt, RP_SET_CHANNELS);
        } else if (!strcmp(a, "--binary-type") || !strcmp(a, "--binary-endian") ||
                   !strcmp(a, "--binary-sync") || !strcmp(a, "--binary-checksum")) {
            NEED_VALUE();
            rp_binary_desc *b = &opt->stream.binary;
            rp_status ok;
            if (a[9] == 't')
                ok = rp_parse_binary_type(val, &b->type, msg, sizeof msg);
            else if (a[9] == 'e')
                ok = rp_parse_byte_order(val, &b->byte_order, msg, sizeof msg);
            else if (a[9] == 's')
                ok = rp_parse_binary_sync(val, b->sync, &b->sync_len, msg, sizeof msg);
            else
                ok = rp_parse_binary_checksum(val, &b->checksum, msg, sizeof msg);
            if (ok != RP_OK) return fail(err, err_size, a, msg);
            opt->stream.binary_given = true;
            mark_setting(opt, a[9] == 't'   ? RP_SET_BINARY_TYPE
                              : a[9] == 'e' ? RP_SET_BINARY_ENDIAN
                              : a[9] == 's' ? RP_SET_BINARY_SYNC
                                            : RP_SET_BINARY_CHECKSUM);
        } else if (!strcmp(a, "--names")) {
            NEED_VALUE();
            opt->stream.names = val;
            mark_setting(opt, RP_SET_NAMES);
            if (names_duplicate(val, msg, sizeof msg)) return fail(err, err_size, a, msg);
        } else if (!strcmp(a, "--rate")) {
            NEED_VALUE();
            if (rp_parse_rate(val, &opt->stream.rate, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            mark_setting(opt, RP_SET_RATE);
        } else if (!strcmp(a, "--speed")) {
            NEED_VALUE();
            opt->stream.speed_given = true;
            mark_setting(opt, RP_SET_SPEED);
            if (!strcmp(val, "max"))
                opt->stream.speed = INFINITY;
            else if (rp_io_parse_double(val, strlen(val), &opt->stream.speed) != RP_OK ||
                     !(opt->stream.speed > 0))
                return fail(err, err_size, a, "expected a positive number or max");
        } else if (!strcmp(a, "--panel")) {
            NEED_VALUE();
            if (opt->panel_count == RP_MAX_PANELS)
                return fail(err, err_size, a, "too many panels (16 at most)");
            if (!rp_panel_spec_valid(val))
                return fail(err, err_size, a,
                            "empty: give series names, group names or prefixes ending in '*'");
            opt->panels[opt->panel_count++] = val;
        } else if (!strcmp(a, "--span")) {
            NEED_VALUE();
            if (rp_parse_duration(val, &opt->span, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            opt->span_given = true;
        } else if (!strcmp(a, "--title")) {
            NEED_VALUE();
            opt->title = val;
        } else if (!strcmp(a, "--theme")) {
            NEED_VALUE();
            if (!strcmp(val, "dark"))
                opt->theme = RP_THEME_DARK;
            else if (!strcmp(val, "light"))
                opt->theme = RP_THEME_LIGHT;
            else
                return fail(err, err_size, a, "expected dark or light");
        } else if (!strcmp(a, "--x-axis")) {
            NEED_VALUE();
            opt->x_axis_given = true;
            if (!strcmp(val, "time"))
                opt->x_axis = RP_X_AXIS_TIME;
            else if (!strcmp(val, "wall"))
                opt->x_axis = RP_X_AXIS_WALL_CLOCK;
            else if (!strcmp(val, "number"))
                opt->x_axis = RP_X_AXIS_NUMBER;
            else
                return fail(err, err_size, a, "expected time, wall or number");
        } else if (!strcmp(a, "--size")) {
            NEED_VALUE();
            int w = 0, h = 0;
            char tail;
            if (sscanf(val, "%dx%d%c", &w, &h, &tail) != 2 || w < 64 || h < 64 || w > 16384 ||
                h > 16384)
                return fail(err, err_size, a, "expected WxH, each 64..16384, e.g. 1280x720");
            if (!rp_viewer_size_fits_png(w, h, msg, sizeof msg)) return fail(err, err_size, a, msg);
            opt->width = w;
            opt->height = h;
        } else if (!strcmp(a, "--fullscreen")) {
            opt->fullscreen = true;
        } else if (!strcmp(a, "--hud")) {
            opt->hud = true;
        } else if (!strcmp(a, "--cursors") || !strcmp(a, "--levels")) {
            NEED_VALUE();
            bool levels = !strcmp(a, "--levels");
            const char *p = val;
            int panel = 0;
            if (levels) {
                char *end;
                long n = strtol(val, &end, 10);
                if (end == val || *end != ':' || n < 1 || n > RP_MAX_PANELS)
                    return fail(err, err_size, a,
                                "expected PANEL:Y1[,Y2] with PANEL 1..16, e.g. 2:-0.5,0.5");
                if (opt->level_count == RP_MAX_PANELS)
                    return fail(err, err_size, a, "16 panels at most");
                panel = (int)n;
                p = end + 1;
            }
            double y[2];
            int count = 0;
            while (count < 2) {
                size_t len = strcspn(p, ",");
                if (len == 0) break;
                if (rp_io_parse_double(p, len, &y[count]) != RP_OK || !isfinite(y[count]))
                    return fail(err, err_size, a,
                                levels ? "expected PANEL:Y1[,Y2] with numbers, e.g. 2:-0.5,0.5"
                                       : "expected one or two numbers, e.g. -3,-2.5");
                count++;
                p += len;
                if (*p != ',') break;
                p++;
            }
            if (count == 0 || *p)
                return fail(err, err_size, a,
                            levels ? "expected PANEL:Y1[,Y2], e.g. 2:-0.5,0.5"
                                   : "expected one or two numbers, e.g. -3,-2.5");
            if (levels) {
                opt->levels[opt->level_count].panel = panel;
                opt->levels[opt->level_count].count = count;
                memcpy(opt->levels[opt->level_count++].y, y, sizeof y);
            } else {
                opt->cursor_count = count;
                memcpy(opt->cursors, y, sizeof y);
            }
        } else if (!strcmp(a, "--right")) {
            NEED_VALUE();
            if (opt->right_count == RP_MAX_PANELS) return fail(err, err_size, a, "16 at most");
            if (!rp_panel_spec_valid(val)) /* as --panel "": it put nothing on the right */
                return fail(err, err_size, a,
                            "empty: give series names, group names or prefixes ending in '*'");
            opt->right[opt->right_count++] = val;
        } else if (!strcmp(a, "--y-scale")) {
            NEED_VALUE();
            const char *usage =
                "expected PANEL:linear|log|symlog[:THRESHOLD], PANEL 1..16 or all, e.g. 2:log";
            int panel = 0;
            const char *p = val;
            if (!strncmp(val, "all:", 4)) {
                p = val + 4;
            } else {
                char *end;
                long n = strtol(val, &end, 10);
                if (end == val || *end != ':' || n < 1 || n > RP_MAX_PANELS)
                    return fail(err, err_size, a, usage);
                panel = (int)n;
                p = end + 1;
            }
            if (opt->y_scale_count > RP_MAX_PANELS) return fail(err, err_size, a, "17 at most");
            rp_y_scale scale;
            double threshold = 0;
            if (!strcmp(p, "linear"))
                scale = RP_Y_LINEAR;
            else if (!strcmp(p, "log"))
                scale = RP_Y_LOG;
            else if (!strncmp(p, "symlog", 6) && (p[6] == 0 || p[6] == ':')) {
                scale = RP_Y_SYMLOG;
                if (p[6] == ':' && (rp_io_parse_double(p + 7, strlen(p + 7), &threshold) != RP_OK ||
                                    !isfinite(threshold) || !(threshold > 0)))
                    return fail(err, err_size, a,
                                "the symlog threshold must be a number > 0, e.g. 1:symlog:0.01");
            } else {
                return fail(err, err_size, a, usage);
            }
            opt->y_scales[opt->y_scale_count].panel = panel;
            opt->y_scales[opt->y_scale_count].scale = scale;
            opt->y_scales[opt->y_scale_count++].threshold = threshold;
        } else if (!strcmp(a, "--y-range")) {
            NEED_VALUE();
            const char *usage = "expected PANEL[:right]:MIN,MAX with PANEL 1..16 and MIN < MAX, "
                                "e.g. 2:-1,1 or 1:right:0,100";
            char *end;
            long n = strtol(val, &end, 10);
            if (end == val || *end != ':' || n < 1 || n > RP_MAX_PANELS)
                return fail(err, err_size, a, usage);
            const char *p = end + 1;
            int axis = !strncmp(p, "right:", 6);
            if (axis) p += 6;
            const char *comma = strchr(p, ',');
            double y0, y1;
            if (!comma || rp_io_parse_double(p, (size_t)(comma - p), &y0) != RP_OK ||
                rp_io_parse_double(comma + 1, strlen(comma + 1), &y1) != RP_OK || !isfinite(y0) ||
                !isfinite(y1) || !(y0 < y1))
                return fail(err, err_size, a, usage);
            if (opt->y_range_count == 2 * RP_MAX_PANELS)
                return fail(err, err_size, a, "32 at most");
            opt->y_ranges[opt->y_range_count].panel = (int)n;
            opt->y_ranges[opt->y_range_count].axis = axis;
            opt->y_ranges[opt->y_range_count].y0 = y0;
            opt->y_ranges[opt->y_range_count++].y1 = y1;
        } else if (!strcmp(a, "--spectrum")) {
            NEED_VALUE();
            if (opt->spectrum_count == RP_VIEWER_MAX_SPECTRA)
                return fail(err, err_size, a, "4 at most");
            opt->spectrum_specs[opt->spectrum_count] = val;
            if (!rp_viewer_parse_spectrum(val, &opt->spectra[opt->spectrum_count++], msg,
                                          sizeof msg))
                return fail(err, err_size, a, msg);
        } else if (!strcmp(a, "--trigger")) {
            NEED_VALUE();
            if (opt->trigger_count == RP_VIEWER_MAX_TRIGGERS)
                return fail(err, err_size, a, "4 at most");
            opt->trigger_specs[opt->trigger_count] = val;
            if (!rp_viewer_parse_trigger(val, &opt->triggers[opt->trigger_count++], msg,
                                         sizeof msg))
                return fail(err, err_size, a, msg);
        } else if (!strcmp(a, "--xy")) {
            NEED_VALUE();
            if (opt->xy_count == RP_VIEWER_MAX_XY) return fail(err, err_size, a, "4 at most");
            opt->xy_specs[opt->xy_count] = val;
            if (!rp_viewer_parse_xy(val, &opt->xys[opt->xy_count++], msg, sizeof msg))
                return fail(err, err_size, a, msg);
        } else if (!strcmp(a, "--show-stats")) {
            opt->show_stats = true;
        } else if (!strcmp(a, "--log-lines")) {
            NEED_VALUE();
            int64_t n;
            if (rp_parse_int(val, 0, RP_NOTES_ENTRIES_MAX, &n, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            opt->log_lines = n == 0 ? -1 : (int)n;
        } else if (!strcmp(a, "--log-list")) {
            opt->log_list = true;
        } else if (!strcmp(a, "--no-text-tracks")) {
            opt->no_text_tracks = true;
        } else if (!strcmp(a, "--legend")) {
            NEED_VALUE();
            static const char *places[] = {"auto", "top-right", "top-left", "bottom-right",
                                           "bottom-left"};
            char *end;
            long panel = strtol(val, &end, 10); /* P:PLACE: one panel's */
            bool one = end != val && *end == ':' && val[0] >= '0' && val[0] <= '9';
            const char *place = one ? end + 1 : val;
            int known = !one && !strcmp(place, "off") ? 0 : -1;
            for (int k = 0; k < 5 && known < 0; k++)
                if (!strcmp(place, places[k])) known = k;
            if (known < 0 || (one && (panel < 1 || panel > RP_MAX_PANELS)))
                return fail(err, err_size, a,
                            "expected [PANEL:]PLACE with PLACE auto, top-right, top-left, "
                            "bottom-right or bottom-left (or off for every panel), PANEL 1..16, "
                            "e.g. 2:bottom-left");
            if (one) {
                int at = 0; /* a later one for the same panel replaces it */
                while (at < opt->legend_count && opt->legends[at].panel != (int)panel) at++;
                opt->legends[at].panel = (int)panel;
                opt->legends[at].place = (rp_legend_place)known;
                if (at == opt->legend_count) opt->legend_count++;
            } else {
                opt->hide_legend = !strcmp(val, "off");
                opt->legend = opt->hide_legend ? RP_LEGEND_AUTO : (rp_legend_place)known;
            }
        } else if (!strcmp(a, "--hide")) {
            NEED_VALUE();
            if (!val[0] || strlen(val) >= RP_NAME_MAX)
                return fail(err, err_size, a, "expected a series' full name (1 .. 63 bytes)");
            if (opt->hide_count == RP_VIEWER_HIDDEN_MAX)
                return fail(err, err_size, a, "256 series at most");
            opt->hide[opt->hide_count++] = val;
        } else if (!strcmp(a, "--x-view")) {
            NEED_VALUE();
            const char *comma = strchr(val, ',');
            double x0, x1;
            if (!comma || rp_io_parse_double(val, (size_t)(comma - val), &x0) != RP_OK ||
                rp_io_parse_double(comma + 1, strlen(comma + 1), &x1) != RP_OK || !isfinite(x0) ||
                !isfinite(x1) || !(x0 < x1))
                return fail(err, err_size, a,
                            "expected X0,X1 with X0 < X1 (the recording's x units), e.g. 12,14.5");
            opt->x_view_given = true;
            opt->x_view_from_file = false;
            opt->x_view[0] = x0;
            opt->x_view[1] = x1;
        } else if (!strcmp(a, "--markers")) {
            NEED_VALUE();
            if (!strcmp(val, "auto"))
                opt->markers = RP_MARKERS_AUTO;
            else if (!strcmp(val, "on"))
                opt->markers = RP_MARKERS_ON;
            else if (!strcmp(val, "off"))
                opt->markers = RP_MARKERS_OFF;
            else
                return fail(err, err_size, a, "expected auto, on or off");
        } else if (!strcmp(a, "--stats")) { /* its format only after '=': --stats=json */
            took = joined;
            if (joined && strcmp(val, "text") && strcmp(val, "json")) {
                snprintf(err, (size_t)err_size,
                         "%s: the format must be text or json (--stats, --stats=text or "
                         "--stats=json)",
                         argv[i]);
                return RP_ERR_PARSE;
            }
            opt->print_stats = true;
            if (joined && !strcmp(val, "json")) opt->stats_json = true;
        } else if (!strcmp(a, "--no-vsync")) {
            opt->no_vsync = true;
        } else if (!strcmp(a, "--capacity")) {
            NEED_VALUE();
            if (rp_parse_count(val, 1, (int64_t)1 << 34, &opt->capacity, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
        } else if (!strcmp(a, "--pause-history")) {
            NEED_VALUE();
            int64_t bytes;
            if (rp_parse_count(val, 0, (int64_t)1 << 50, &bytes, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            opt->pause_history = bytes > 0 ? bytes : -1;
        } else if (!strcmp(a, "--max-series")) {
            NEED_VALUE();
            int64_t n;
            if (rp_parse_int(val, 1, RP_INGEST_SERIES_LIMIT, &n, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            opt->max_series = (int)n;
        } else if (!strcmp(a, "--headless")) {
            opt->headless = true;
        } else if (!strcmp(a, "--frames")) {
            NEED_VALUE();
            int64_t n;
            if (rp_parse_int(val, 0, 100000000, &n, msg, sizeof msg) != RP_OK)
                return fail(err, err_size, a, msg);
            opt->frames = (int)n;
        } else if (!strcmp(a, "--png")) {
            NEED_PATH();
            opt->png_path = val;
        } else if (!strcmp(a, "--save-layout")) {
            NEED_PATH();
            opt->save_layout_path = val;
        } else if (!strcmp(a, "--config")) {
            NEED_PATH();
            rp_status st = rp_viewer_config_load(val, opt, err, err_size);
            if (st != RP_OK) return st;
        } else if (!strcmp(a, "--record")) {
            NEED_PATH();
            if (opt->record_path) { /* only the last was written: the first run's data lost */
                snprintf(msg, sizeof msg,
                         "given twice ('%.60s', then '%.60s'): one recording a run",
                         opt->record_path, val);
                return fail(err, err_size, a, msg);
            }
            opt->record_path = val;
        } else if (!strcmp(a, "--open")) {
            NEED_PATH();
            if (opt->open_path) return fail(err, err_size, a, "one recording at a time");
            opt->open_path = val;
        } else if (!strcmp(a, "--export")) {
            NEED_PATH();
            opt->export_path = val;
        } else if (!strcmp(a, "--verify")) {
            opt->verify = true;
        } else if (a[0] != '-' && a[0] && access(a, F_OK) != 0) {
            /* a bare word that names no file: a misspelt file, or a value given to a flag that
             * takes none ("--stats json"); it was taken for a recording to open, and the message
             * spoke of --open or of a recording */
            bool stats = i > 0 && !strcmp(argv[i - 1], "--stats");
            snprintf(err, (size_t)err_size,
                     "'%s': %s (a bare argument is a file to show: a recording, CSV or text "
                     "lines)%s%s",
                     a, strerror(errno),
                     stats ? "; --stats takes its format after '=': --stats=" : "", stats ? a : "");
            return RP_ERR_IO;
        } else if (a[0] != '-' && a[0] && is_directory(a)) {
            /* a folder: said as --replay says it (it was "--open: cannot map ...: No such
             * device") */
            snprintf(err, (size_t)err_size,
                     "cannot show '%s': it is a directory (a bare argument is a file to show: a "
                     "recording, CSV or text lines)",
                     a);
            return RP_ERR_IO;
        } else if (a[0] != '-' && a[0] && !is_recording_file(a)) {
            /* a bare FILE that is not a recording (CSV, text lines): play it back, at once
             * unless --speed says otherwise */
            ADD_SOURCE(RP_SOURCE_REPLAY);
            opt->bare_file[opt->source_count] = true;
            opt->bare_files++;
            opt->sources[opt->source_count++].replay.path = a;
        } else if (a[0] != '-' && a[0]) { /* a bare FILE: a recording to open */
            if (opt->open_path) return fail(err, err_size, a, "one recording at a time");
            opt->open_path = a;
        } else if (!strcmp(a, "--screenshot-dir")) {
            NEED_PATH();
            opt->screenshot_dir = val;
        } else {
            snprintf(err, (size_t)err_size, "unknown option '%s' (see --help)", argv[i]);
            return RP_ERR_INVALID_ARG;
        }
        if (joined && !took) /* "--hud=1": the value would do nothing */
            return fail(err, err_size, a, "takes no value (no '=VALUE')");
#undef NEED_PATH
#undef NEED_VALUE
#undef ADD_SOURCE
    }
    return RP_OK;
}

/* The checks and the stream flags that need the whole command line. */
static rp_status finish_options(rp_viewer_options *opt, char *err, int err_size)
{
    char label[RP_VIEWER_PATH_MAX + 64];
    if (opt->config_source_words > 0 && (opt->source_count > 0 || opt->open_path))
        drop_layout_settings(opt); /* the layout's sources are replaced: their settings too */
    rp_stream_format format = opt->stream.format;
    int channels = opt->stream.channels;
    const char *names = opt->stream.names;
    double rate = opt->stream.rate, speed = opt->stream.speed;
    const rp_mqtt_desc mqtt = opt->stream.mqtt;
    rp_viewer_setting binary_flag = RP_SET_BINARY_TYPE; /* the first binary flag given */
    while (binary_flag < RP_SET_BINARY_CHECKSUM && !opt->stream.origin[binary_flag]) binary_flag++;
    if (opt->source_count == 0 && !opt->open_path && opt->config_source_words > 0) {
        opt->sources_from_layout = true;
        bool help = false;
        char why[200];
        if (rp_viewer_parse_words(opt, opt->config_source_words, opt->config_sources, &help, why,
                                  sizeof why) != RP_OK) {
            snprintf(err, (size_t)err_size, "config %s: field 'sources': %s",
                     opt->config_sources_path, why);
            return RP_ERR_PARSE;
        }
    }
    /* stream options apply to every stdin / replay source */
    for (int s = 0; s < opt->source_count; s++) {
        rp_source_desc *d = &opt->sources[s];
        if (d->kind == RP_SOURCE_SERIAL) {
            d->serial.flow = opt->stream.serial_flow;
            d->serial.dtr = opt->stream.serial_dtr;
            d->serial.rts = opt->stream.serial_rts;
            d->serial.wait = opt->stream.serial_wait;
        }
        if (d->kind == RP_SOURCE_FD || d->kind == RP_SOURCE_REPLAY || d->kind == RP_SOURCE_SERIAL) {
            d->format = format;
            d->channels = channels;
            d->channel_names = names;
            d->binary = opt->stream.binary;
            d->date_order = opt->stream.date_order;
            bool csv_flags = opt->stream.time_column || opt->stream.date_order;
            rp_viewer_setting csv_flag =
                opt->stream.time_column ? RP_SET_TIME_COLUMN : RP_SET_DATE_ORDER;
            if (csv_flags && (format == RP_FORMAT_TEXT || format == RP_FORMAT_BINARY))
                return fail(err, err_size, setting_label(opt, csv_flag, label, sizeof label),
                            "applies to CSV: --format csv, or auto (the default)");
            if (opt->stream.time_column) {
                d->time_column =
                    !strcmp(opt->stream.time_column, "none") ? "" : opt->stream.time_column;
            }
            if (opt->stream.binary_given && format != RP_FORMAT_BINARY)
                return fail(err, err_size, setting_label(opt, binary_flag, label, sizeof label),
                            "needs --format binary (and --channels N)");
            /* binary frames are never detected: without the format the bytes were read as text
             * lines and, holding no newline, dropped without a word */
            if ((channels > 0 || names) && format != RP_FORMAT_BINARY)
                return fail(err, err_size,
                            setting_label(opt, channels > 0 ? RP_SET_CHANNELS : RP_SET_NAMES, label,
                                          sizeof label),
                            "applies to binary frames: give --format binary too (auto detects "
                            "text and CSV only)");
        }
        if (d->kind == RP_SOURCE_REPLAY)
            d->replay.speed = opt->bare_file[s] && !opt->stream.speed_given ? INFINITY : speed;
        if (d->kind == RP_SOURCE_MQTT) { /* broker address per source, the rest shared */
            if (opt->stream.mqtt_topics == 0)
                return fail(err, err_size, source_label(opt, "--mqtt", label, sizeof label),
                            "needs at least one --topic FILTER");
            const char *host = d->mqtt.host;
            uint16_t port = d->mqtt.port;
            d->mqtt = mqtt;
            d->mqtt.host = host;
            d->mqtt.port = port;
        }
        if (d->kind != RP_SOURCE_DEMO && d->kind != RP_SOURCE_MQTT) d->rate = rate;
        if ((d->kind == RP_SOURCE_FD || d->kind == RP_SOURCE_SERIAL) &&
            format == RP_FORMAT_BINARY && channels == 0)
            return fail(err, err_size, setting_label(opt, RP_SET_FORMAT, label, sizeof label),
                        "binary needs --channels N");
        /* a name a channel: one more was dropped without a word, one fewer named the rest chN */
        int named = names ? 1 : 0;
        for (const char *c = names; c && *c; c++) named += *c == ',';
        if (names && channels > 0 && named != channels) {
            char why[96];
            snprintf(why, sizeof why, "%d name%s for --channels %d: give one a channel", named,
                     named == 1 ? "" : "s", channels);
            return fail(err, err_size, setting_label(opt, RP_SET_NAMES, label, sizeof label), why);
        }
    }
    bool any_mqtt = false;
    for (int s = 0; s < opt->source_count; s++) any_mqtt |= opt->sources[s].kind == RP_SOURCE_MQTT;
    bool any_serial = false;
    for (int s = 0; s < opt->source_count; s++)
        any_serial |= opt->sources[s].kind == RP_SOURCE_SERIAL;
    if (!any_serial && (opt->stream.serial_options || opt->send_count))
        return fail(err, err_size,
                    opt->send_count           ? "--send"
                    : opt->stream.serial_wait ? "--serial-wait"
                    : opt->stream.origin[RP_SET_SERIAL_FLOW]
                        ? setting_label(opt, RP_SET_SERIAL_FLOW, label, sizeof label)
                    : opt->stream.origin[RP_SET_SERIAL_DTR]
                        ? setting_label(opt, RP_SET_SERIAL_DTR, label, sizeof label)
                        : setting_label(opt, RP_SET_SERIAL_RTS, label, sizeof label),
                    "needs --serial PATH[:BAUD[:FRAME]]");
    bool any_stream = false;
    for (int s = 0; s < opt->source_count; s++)
        any_stream |= opt->sources[s].kind == RP_SOURCE_FD ||
                      opt->sources[s].kind == RP_SOURCE_REPLAY ||
                      opt->sources[s].kind == RP_SOURCE_SERIAL;
    if (!any_stream && (channels > 0 || names || opt->stream.binary_given))
        return fail(err, err_size,
                    setting_label(opt,
                                  channels > 0 ? RP_SET_CHANNELS
                                  : names      ? RP_SET_NAMES
                                               : binary_flag,
                                  label, sizeof label),
                    "applies to binary frames: needs --stdin, --serial PATH or --replay FILE (with "
                    "--format binary)");
    if (!any_stream && (opt->stream.time_column || opt->stream.date_order))
        return fail(err, err_size,
                    setting_label(opt,
                                  opt->stream.time_column ? RP_SET_TIME_COLUMN : RP_SET_DATE_ORDER,
                                  label, sizeof label),
                    "needs a CSV source: --stdin, --replay FILE, --serial PATH or a FILE");
    /* flags that no source of the run takes did nothing, without a word: refused as
     * --time-column is without a CSV source */
    bool any_replay = false, any_udp = false;
    for (int s = 0; s < opt->source_count; s++) {
        any_replay |= opt->sources[s].kind == RP_SOURCE_REPLAY;
        any_udp |= opt->sources[s].kind == RP_SOURCE_UDP;
    }
    if (!any_stream && opt->stream.origin[RP_SET_FORMAT])
        return fail(err, err_size, setting_label(opt, RP_SET_FORMAT, label, sizeof label),
                    "applies to --stdin, --serial PATH, --replay FILE or a FILE (UDP datagrams "
                    "and MQTT payloads are numbers, JSON or text lines, told apart by themselves; "
                    "never CSV or binary)");
    if (!any_stream && !any_udp && opt->stream.origin[RP_SET_RATE])
        return fail(err, err_size, setting_label(opt, RP_SET_RATE, label, sizeof label),
                    "applies to --stdin, --udp, --serial PATH, --replay FILE or a FILE (the "
                    "demo's rates are its own; MQTT samples are timed by arrival or their "
                    "timestamps)");
    if (!any_replay && !opt->open_path && opt->stream.origin[RP_SET_SPEED])
        return fail(err, err_size, setting_label(opt, RP_SET_SPEED, label, sizeof label),
                    "applies to a file played back: --replay FILE, a FILE or --open RECORDING "
                    "(live sources come at their own pace)");
    if (!any_mqtt && opt->stream.mqtt_option)
        return fail(err, err_size, opt->stream.mqtt_option, "needs --mqtt HOST[:PORT]");
    if (opt->pause_history != 0 && (opt->record_path || opt->open_path))
        return fail(err, err_size, "--pause-history",
                    opt->record_path ? "does nothing with --record (its file keeps a paused view "
                                       "whole)"
                                     : "does nothing with --open (a recording is on disk whole)");
    if (!any_mqtt && (opt->stream.mqtt_topics || opt->stream.mqtt_names))
        return fail(err, err_size,
                    setting_label(opt, opt->stream.mqtt_topics ? RP_SET_TOPICS : RP_SET_TOPIC_NAMES,
                                  label, sizeof label),
                    "needs --mqtt HOST[:PORT]");
    if (opt->open_path && isfinite(speed)) opt->play_speed = opt->stream.speed_given ? speed : 0;
    /* Files played at once are shown whole, as a recording is (their series hold all of them:
     * source_replay.c), unless --span asks to follow their end. */
    opt->at_once = opt->source_count > 0;
    for (int s = 0; s < opt->source_count; s++)
        opt->at_once &=
            opt->sources[s].kind == RP_SOURCE_REPLAY && isinf(opt->sources[s].replay.speed);
    if (opt->at_once && !opt->span_given) opt->span = 0;
    /* a file shown whole shows every column a CSV can have, not a live stream's 64, and every
     * channel of its binary frames (a file of 1024 channels lost 768 of them at 256) */
    if (opt->at_once && opt->max_series == 0) {
        opt->max_series = RP_CSV_COLUMNS_MAX;
        for (int s = 0; s < opt->source_count; s++)
            if (opt->sources[s].format == RP_FORMAT_BINARY &&
                opt->sources[s].channels > opt->max_series &&
                opt->sources[s].channels <= RP_INGEST_SERIES_LIMIT)
                opt->max_series = opt->sources[s].channels;
    }
    struct stat dir;
    if (opt->screenshot_dir && (stat(opt->screenshot_dir, &dir) != 0 || !S_ISDIR(dir.st_mode)))
        return fail(err, err_size, "--screenshot-dir",
                    "not a directory (the 's', 'w' and 'e' keys write there)");
    /* files written at exit: a folder that is not there (a typo) is said now, not after the
     * whole run (a long capture ended with "cannot write ...: input/output error") */
    const char *at_exit[3][2] = {{"--png", opt->png_path},
                                 {"--save-layout", opt->save_layout_path},
                                 {"--export", opt->export_path}};
    char msg[1200];
    for (int k = 0; k < 3; k++)
        if (at_exit[k][1] && !folder_writable(at_exit[k][1], msg, sizeof msg))
            return fail(err, err_size, at_exit[k][0], msg);
    if (opt->export_path && !opt->open_path)
        return fail(err, err_size, "--export", "needs --open FILE");
    if (opt->verify && !opt->open_path)
        return fail(err, err_size, "--verify", "needs --open FILE (a recording to check)");
    if (opt->export_path && opt->print_stats) /* it writes the file and exits: no run */
        return fail(err, err_size, "--stats",
                    "counts a run; --export writes the file and exits without one");
    if (opt->open_path && opt->record_path)
        return fail(err, err_size, "--record", "records live sources, not an open recording");
    if (opt->x_view_given && !opt->open_path) {
        if (!opt->x_view_from_file) /* a layout's view of a recording, given live sources */
            return fail(err, err_size, "--x-view",
                        "needs --open FILE (a live view follows "
                        "the newest data)");
        opt->x_view_given = false;
    }
    if (opt->open_path && opt->source_count) { /* say what the other one is: a file is no live
                                                  source */
        const rp_source_desc *d = &opt->sources[0];
        const char *kinds[] = {[RP_SOURCE_DEMO] = "--demo",
                               [RP_SOURCE_FD] = "--stdin",
                               [RP_SOURCE_UDP] = "--udp",
                               [RP_SOURCE_SERIAL] = "--serial",
                               [RP_SOURCE_MQTT] = "--mqtt"};
        char why[RP_VIEWER_PATH_MAX + 200];
        if (d->kind == RP_SOURCE_REPLAY)
            snprintf(why, sizeof why,
                     "'%.300s' is a recording, shown alone: not with '%.300s', a file to play "
                     "back (show one at a time)",
                     opt->open_path, d->replay.path);
        else
            snprintf(why, sizeof why,
                     "'%.300s' is a recording, shown alone: not with live sources (%s)",
                     opt->open_path,
                     (unsigned)d->kind < sizeof kinds / sizeof kinds[0] && kinds[d->kind]
                         ? kinds[d->kind]
                         : "a source");
        return fail(err, err_size, "--open", why);
    }
    if (opt->source_count == 0 && !opt->open_path) {
        opt->sources[opt->source_count++] = (rp_source_desc){.kind = RP_SOURCE_DEMO};
        opt->demo_by_default = true;
    }
    return RP_OK;
}
