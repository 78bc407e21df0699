/* parse.h — parsers for outside input: text lines (Teleplot, Arduino plotter), CSV, binary
 * float32 frames, UDP datagrams, and command-line values. Pure C: no GL, no SDL, no series
 * store. Parsers hand their samples to a callback; the caller (the viewer) glues them to rp_push
 * / rp_push_timed.
 *
 * Functions
 *   numbers      rp_io_parse_double, rp_io_parse_float, rp_io_format_g6
 *   text lines   rp_line_parser_create/_destroy/_feed/_feed_datagram/_finish/_stats/_last_error,
 *                rp_line_reject_string
 *   CSV          rp_csv_parser_create/_destroy/_feed/_finish/_stats/_last_error/_columns/
 *                _column_name/_delimiter/_time_unit, rp_csv_reject_string
 *   frames       rp_frame_parser_create/_destroy/_feed/_finish/_stats/_last_error,
 *                rp_binary_frame_bytes/_desc_check/_encode, binary type/order/checksum/sync names
 *   CLI values   rp_parse_host_port, rp_parse_int, rp_parse_count, rp_parse_rate, rp_parse_duration
 *
 * Common rules
 *   - Every parser allocates once, at creation; feeding never allocates and never blocks.
 *   - Threading: a parser object belongs to one thread at a time; different objects are
 *     independent (no global state). The CLI and number functions are reentrant.
 *   - Bad input is counted (per-reason counters in *_stats) and the newest problem is kept as a
 *     readable message (*_last_error, "line 12: bad number 'abc' for 'temp'"). A bad line never
 *     disturbs the lines around it. Feed calls still return RP_ERR_PARSE when some line in that
 *     call was rejected (everything else in the call was processed), so callers may ignore it.
 *   - Pointers handed to callbacks (names, value arrays) are borrowed for the duration of the
 *     callback only. Callbacks must not call back into the same parser.
 *   - Numbers are parsed without the C library's locale: the decimal point is always '.' (CSV with
 *     ';' or tab delimiters also accepts ','), whatever setlocale() says. Conversions are correctly
 *     rounded to double (fast exact path for up to 19 digits and |exponent| <= 22, else strtod on a
 *     locale-neutral rewrite of the digits); floats are that double rounded to nearest float.
 */
#ifndef RINGPLOT_IO_PARSE_H
#define RINGPLOT_IO_PARSE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "ringplot.h"

#ifdef __cplusplus
extern "C" {
#endif

/* ---------------------------------------------------------------------------------------------
 * Limits
 * ------------------------------------------------------------------------------------------- */
#define RP_LINE_MAX                                                                                \
    16384                   /* bytes of a text or CSV line, not counting its "\n" or "\r\n";
                                   a longer line is dropped whole up to its newline */
#define RP_LINE_NAME_MAX 63 /* bytes of a sample name (== RP_NAME_MAX - 1 of ringplot.h) */
#define RP_LINE_VALUES_MAX                                                                         \
    64                             /* samples, XY points or texts in one text line (all `name:value`
                                   and `;` points; Teleplot's C++ client sends at most 62) */
#define RP_DATAGRAM_MAX 65507      /* bytes of one UDP datagram (largest IPv4 UDP payload) */
#define RP_CSV_COLUMNS_MAX 256     /* columns of a CSV file read, the time column included */
#define RP_CSV_NAME_READ_MAX 1024  /* bytes of a CSV column name read (then shortened) */
#define RP_CSV_QUOTED_LINES_MAX 64 /* lines of one CSV row whose quoted fields hold line breaks */
#define RP_FRAME_CHANNELS_MAX 1024 /* channels of a binary frame */
#define RP_FRAME_BLOCK_DEFAULT 4096 /* frames per de-interleaved block when not given */
#define RP_IO_ERROR_MAX 200         /* bytes of a last-error message, NUL included */
#define RP_HOST_MAX 256             /* bytes of a host name buffer, NUL included */

/* Writes s[0..len) quoted for a message: printable ASCII as is, other bytes as \xNN, cut to
 * max_chars with "..." — outside input never puts control bytes into a message. */
void rp_io_quote(char *buf, size_t size, const char *s, size_t len, size_t max_chars);
/* A hexadecimal integer "0x1F" (an optional sign, 1 to 16 hex digits, any case), as loggers
 * print registers and raw readings: true with its value in *out. CSV fields and bare-number
 * lines take it as a number. */
bool rp_io_hex_integer(const char *s, size_t len, double *out);
/* ---------------------------------------------------------------------------------------------
 * Numbers
 * ------------------------------------------------------------------------------------------- */
/* Parses exactly s[0..len) (no surrounding blanks) as a decimal number:
 *   [+-]? (digits [. digits] | . digits) ([eE] [+-]? digits)?   or   [+-]? (nan | inf | infinity)
 * (case-insensitive words). No hex floats, no digit separators. Correctly rounded; beyond the
 * double range → ±Inf, below → ±0. RP_ERR_PARSE for anything else (empty included). */
rp_status rp_io_parse_double(const char *s, size_t len, double *out);
/* Same syntax, rounded to the nearest float (beyond ±FLT_MAX → ±Inf). */
rp_status rp_io_parse_float(const char *s, size_t len, float *out);
/* A value followed by a unit ("35 %", "1024 MiB", "21.5°C", as nvidia-smi and loggers write
 * every value): s[0..len) ends in 1..unit_max bytes that hold no digit and no blank, after the
 * value's last digit and optional blanks. True with the value's bytes s[0..*value_len) (blanks
 * cut: the caller parses them) and the unit's at s + *unit_at; the unit is not checked further. */
bool rp_io_split_unit(const char *s, size_t len, size_t unit_max, size_t *value_len,
                      size_t *unit_at);
/* Parses exactly s[0..len) as an ISO 8601 date or date-time into Unix seconds:
 *   YYYY-MM-DD [('T'|' ') hh:mm [:ss [('.'|',') fraction]] ['Z' | ±hh[:mm] | ±hhmm]]
 * Without a zone the time is taken as UTC. With '/' instead of '-' ("2024/3/1 9:05", as
 * spreadsheets write it), month, day and hour may have one digit. A time of day alone, h[h]:mm[:ss[.fraction]] ("12:00:01",
 * "9:05:00.5", as loggers and spreadsheets write a time column), is seconds since midnight
 * (1970-01-01). RP_ERR_PARSE for anything else. */
rp_status rp_io_parse_iso8601(const char *s, size_t len, double *unix_seconds);
/* Times from here (1e8 s: 1973) are dates, below a device clock (a board's millis(), seconds
 * since a start), as the ingest sink tells them apart. */
#define RP_IO_DATES_FROM 1e8
/* Writes a time in seconds for a message, as snprintf does (NUL-terminated, cut to size; returns
 * the length it wanted): a date (RP_IO_DATES_FROM up to year 9999, Unix seconds) as its ISO 8601
 * UTC date-time, "2024-01-19T00:00:00Z" with the fraction's digits to the µs when it has one
 * ("...:00.25Z"), which rp_io_parse_iso8601 reads back; any other time as "%.6f s" ("1.500000
 * s", "nan s"). No locale, no TZ; any thread. */
int rp_io_format_time(double seconds, char *out, size_t size);
/* Dates written day or month first, as spreadsheets and loggers of many locales write them:
 *   D[D] sep M[M] sep YYYY [(' '|'T') h[h]:mm[:ss[('.'|',') fraction]] [[' '] AM|PM]]
 * with sep '/', '.' or '-' (or the month first), as UTC; any ISO 8601 form of
 * rp_io_parse_iso8601 is taken too. *order (rp_date_order, ringplot.h) is a column's order so
 * far (RP_DATE_ORDER_AUTO at first, or as the user said; kept by the caller): a first number over
 * 12 proves the day first, a second over 12 the month first, and the proof is kept in *order;
 * until then, '/' dates are read month first (as US spreadsheets write them) and '.' or '-' dates
 * day first. A date that contradicts a proven order is RP_ERR_PARSE, as is anything else. No
 * allocation; the caller's thread. */
rp_status rp_io_parse_date_as_written(const char *s, size_t len, rp_date_order *order,
                                      double *unix_seconds);
/* A time "as written" (a CSV column named time, timestamp...; a JSON "ts") in Unix seconds:
 * from 1e11 up (year 5138 in seconds) it can only be Unix milliseconds, as loggers, pandas and
 * JavaScript's Date.now() write them, and is divided by 1000; from 1e14 up (year 5138 in ms)
 * microseconds (Python's time.time_ns() // 1000, a µs logger), from 1e17 up nanoseconds (ROS,
 * time.time_ns(), InfluxDB's line protocol). Any thread. */
static inline double rp_io_seconds_as_written(double t)
{
    return t >= 1e17 ? t / 1e9 : t >= 1e14 ? t / 1e6 : t >= 1e11 ? t / 1e3 : t;
}
/* The time field of a JSON object (cJSON's), as MQTT payloads and JSON text lines carry it: the
 * first top-level member named "ts", "time" or "timestamp" (any case: Tasmota's "Time"). *item:
 * it (NULL when there is none); *unix_seconds: its number as written (rp_io_seconds_as_written),
 * or its string as an ISO 8601 date-time ("2024-03-01T12:00:00.5Z", rp_io_parse_iso8601). False
 * when it is there but neither, or before 1970 (*item names it). Any thread. */
struct cJSON;
bool rp_io_json_time(const struct cJSON *object, const struct cJSON **item, double *unix_seconds);
/* cJSON's parse of p[0..n), taking also the literals Python's json.dumps writes for floats that
 * JSON cannot hold (NaN, Infinity, -Infinity: a line of several values was refused whole for
 * one of them). They are read as a gap and as ±Inf. scratch[0..cap): room for the rewritten
 * text, at least 3 n bytes; NULL: allocated for the call when needed. NULL when it is not JSON.
 * The caller frees the tree (cJSON_Delete). Any thread. */
struct cJSON *rp_io_json_parse(const char *p, size_t n, char *scratch, size_t cap);
/* True when a member is a sample: a number, a boolean, or a NaN that rp_io_json_parse read. */
bool rp_io_json_is_sample(const struct cJSON *item);
/* A sample's value (rp_io_json_is_sample): a number (rp_io_double_to_float), true / false as
 * 1 / 0, NaN as NaN (a gap). */
float rp_io_json_value(const struct cJSON *item);
/* A member's key as a part of a series name: blanks at either end dropped, as around the names
 * of text lines and CSV headers ({" temp ": 1} is "temp"). *len: its length (0: none left). */
const char *rp_io_json_key(const struct cJSON *item, size_t *len);
/* True when a JSON string in p[0..n) holds the escape \u0000, at which cJSON would cut the key
 * or value (a name cannot hold it). */
bool rp_io_json_has_escaped_nul(const char *p, size_t n);
/* Writes v like printf("%.6g") (6 significant digits, trailing zeros dropped, exponent form below
 * 1e-4 and from 1e6; "nan", "inf", "-inf") without locale and ~10× faster. The last digit may
 * differ from printf's in rare ties. Writes at most 16 bytes, no NUL; returns the byte count. */
int rp_io_format_g6(double v, char *out);

/* ---------------------------------------------------------------------------------------------
 * Text lines: Teleplot and the Arduino IDE 2 Serial Plotter
 *
 * A line is the bytes up to "\n" (a "\r" right before the "\n" is dropped). Any other control
 * byte (< 0x20 other than '\t', or 0x7F; NUL included) rejects the line as binary. Empty and
 * blank-only lines are counted as empty. A line is atomic: all of what it holds is emitted, or
 * nothing (the line is rejected with one reason). Each line is one of these forms, tried in order:
 *
 * 1. Log (Teleplot):  '>' [timestamp_ms] ':' text    |  '>' text-without-':'
 *      ">1627551892437:motor started", ">:Hello world", ">Booting".
 *    A '>' line is a log when what stands between '>' and its first ':' is empty or a number, or
 *    when it has no ':' at all; otherwise '>' is Teleplot's serial prefix of a data line
 *    (">temp:21.5" is the sample temp = 21.5). Emitted as one RP_LINE_EVENT_LOG (text trimmed of
 *    blanks, valid UTF-8). With prefix_only, every line without '>' that is not valid data is
 *    also a log, not a refused line (Teleplot's serial convention: what a sketch prints besides
 *    its '>' lines).
 * 1b. One JSON object, for every line whose data opens with '{' (after blanks and a '>'):
 *      {"temp": 21.5, "imu": {"ax": 0.1}, "armed": true, "ts": 1700000000.25}
 *    A sample per number or boolean (1 / 0) field, named by its key path joined with '/'
 *    ("imu/ax"; objects flattened up to 4 names, deeper ones skipped; an array's numbers and
 *    booleans are "key[0]", "key[1]"...; strings and null are no samples); keys are checked as
 *    names (below). A top-level number "ts", "time" or
 *    "timestamp" is the time of all of them (Unix seconds, or ms from 1e11 up:
 *    rp_io_seconds_as_written) and no sample; another value there is RP_LINE_REJECT_BAD_TIMESTAMP.
 *    No number field: RP_LINE_REJECT_BAD_NUMBER. Not one JSON object (cut short, "{a:1}", an
 *    escaped NUL in a string): RP_LINE_REJECT_BAD_JSON. Parsed with cJSON, which allocates its
 *    tree for the line (freed at once).
 * 2. Teleplot features that are refused, each with its own reason: "3D|..." shapes (and the
 *    "|xyz" flag) → RP_LINE_REJECT_3D, "JPG|..." / "PNG|..." images → RP_LINE_REJECT_IMAGE,
 *    "|cmd|..." command lists → RP_LINE_REJECT_COMMAND.
 * 3. Bare numbers (Arduino plotter): no ':' and every token, separated by blanks, ',' or ';', a
 *    number ("21.5 40.2", "1,2,3", "1;2;3"), optionally in one pair of brackets or parentheses
 *    ("[1.5, 2.0]", "(1, 2)") → samples value1, value2... by position (rp_line_is_bare_values
 *    tells such a line).
 * 4. One Teleplot telemetry, for every line holding '|' or '§' (Teleplot's full syntax):
 *      ['>'] name ':' points [ '§' unit ] [ '|' flags ]
 *      points := point ( ';' point )* [';']     (empty points, e.g. a trailing ';', are skipped)
 *    name is everything before the first ':'; flags everything after the last '|'; the unit
 *    stands between the first '§' and that '|' (a '§' after the flags is refused). Blanks around
 *    every field are trimmed. Flags are comma-separated words: "" (Teleplot's C++ client always
 *    ends with '|'), "g" "c" "ms" "h" "s" (statsd types: the number as sent, as Teleplot plots it),
 *    "np" (no plot: RP_LINE_FLAG_NO_PLOT), "clr" (clear: RP_LINE_FLAG_CLEAR), "xy", "t" or
 *    "text"; e.g. "|xy,np". Any other word is refused
 *    (RP_LINE_REJECT_BAD_FLAGS, naming it), so are "xy" with "t" together.
 *      numbers (no xy, no t):  point := value | timestamp_ms ':' value          → samples
 *      "|xy":                  point := x ':' y | x ':' y ':' timestamp_ms      → RP_LINE_EVENT_XY
 *      "|t" / "|text":         point := text | timestamp_ms ':' text            → RP_LINE_EVENT_TEXT
 *    Another number of ':'-fields in a point is RP_LINE_REJECT_BAD_POINT (a text holding ':' is
 *    refused). A line without any point is RP_LINE_REJECT_BAD_NUMBER.
 *    unit := 1..RP_LINE_UNIT_MAX bytes of printable ASCII except ':' ';' '|', or UTF-8 (not '§');
 *    inner spaces allowed ("km/h", "°C", "m/s²", "rad per s"); an empty unit is no unit.
 * 5. Several samples (Arduino plotter and plain Teleplot), for every other line:
 *      line   := sample ( sep sample )* [sep]            sep := one or more of ' ', '\t', ','
 *      sample := ['>'] name blank* ':' blank* point ( ';' blank* point )* [';']
 *      point  := [ timestamp_ms blank* ':' blank* ] value
 *    "temp:21.5", "temp: 21.5", "temp:1627551892444:21.5", "a:1,b:2 c:3", "v:1000:1;1010:2;".
 *    A label may hold spaces (not tabs or commas): words without ':' that precede a label:value
 *    across spaces belong to that label, so "Sensor 1:1 Sensor 2:2" is "Sensor 1" = 1 and
 *    "Sensor 2" = 2, and "a:1 b:2" stays two samples. (Arduino IDE 2 splits on every space and
 *    would plot "1" = 1, dropping "Sensor"; its documentation stopped using such labels, but
 *    sketches written for IDE 1.x and early IDE 2 still print them.) Words left without a ':'
 *    after the last value reject the line (RP_LINE_REJECT_NO_COLON). In a line without any ':',
 *    '=' takes its place ("temp=21.5 hum=40", "temp = 21.5"), as many loggers print. After ';'
 *    a label that is not a number starts the next sample ("temp:21.5;hum:40"). A unit may be
 *    glued to a value ("23.5C") or follow it after a space ("23.45 *C"), and a number with a
 *    unit right after a value with a unit is the same reading in another unit, the series
 *    "label unit" ("Temperature: 23.50°C 74.30°F"): see spaced_unit and other_unit_reading.
 *    A label of several words ending in a 1-2 letter axis, followed at once by labels that are
 *    one such axis each, is a group named once: "Acceleration X: 0, Y: 1, Z: 9.8 m/s^2" is
 *    "Acceleration/X", "/Y", "/Z", each in the unit that ends the group (text.c: group_axes).
 * 0. Any form may open with a time stamp, as serial terminals save a capture: ['['] (HH:MM:SS
 *    [.fff] | ISO 8601 date-time [Z | +HH[[:]MM] | -HH[[:]MM]]) [']'] then " -> " or blanks ("12:00:01.123 -> temp:21.5",
 *    "[2024-03-01 12:00:00.5] a:1"): the time of every sample and event of the line without its
 *    own (Unix ms; a time of day alone: ms since midnight, going on past midnight as a CSV time
 *    column's does: rp_io_day_clock). ESP-IDF's log prefix "I (1234) tag: "
 *    (level E W I D V, ms since boot or a clock time) is a time stamp too, and a message after it
 *    that is no data is an RP_LINE_EVENT_LOG ("tag: message"), counted as lines_ignored.
 *    After a time stamp, a level ("INFO ", Zephyr's "<inf> module: ") makes the line a log line
 *    the same way. Terminal colour codes (ESC '[' digits and ';' then a letter) are dropped
 *    first.
 *
 *   value        := a number of rp_io_parse_double (nan, -nan, inf, -inf included)
 *   timestamp_ms := a finite number of rp_io_parse_double (milliseconds, usually Unix time)
 *   name := 1..RP_LINE_NAME_MAX bytes, each printable ASCII except ':' ',' ';' '|', or a
 *           well-formed UTF-8 sequence for U+00A0..U+10FFFF (no overlongs, surrogates, C1
 *           controls, not '§'); inner spaces allowed, no tab. A leading '>' is not part of it.
 *   text := of "|t": valid UTF-8, spaces included, not holding ';' or ':'; of a log: the rest of
 *           the line, valid UTF-8
 *   blank := ' ' or '\t'
 * ------------------------------------------------------------------------------------------- */
#define RP_LINE_UNIT_MAX 31 /* bytes of a unit ("§unit") */

typedef enum rp_line_reject {
    RP_LINE_REJECT_TOO_LONG = 0,    /* longer than RP_LINE_MAX: dropped up to its newline */
    RP_LINE_REJECT_BINARY,          /* a control byte (NUL, ESC, lone CR...) in the line */
    RP_LINE_REJECT_NO_COLON,        /* a sample without ':' ("temp 21.5") */
    RP_LINE_REJECT_EMPTY_NAME,      /* ":1" */
    RP_LINE_REJECT_NAME_TOO_LONG,   /* name over RP_LINE_NAME_MAX bytes */
    RP_LINE_REJECT_BAD_NAME,        /* a byte not allowed in names, or invalid UTF-8 */
    RP_LINE_REJECT_BAD_NUMBER,      /* value is not a number ("abc", "1.5x", ""), or no point */
    RP_LINE_REJECT_BAD_TIMESTAMP,   /* timestamp not a finite number */
    RP_LINE_REJECT_TRAILING,        /* extra fields or junk after a sample ("a:1:2:3", "a:1#") */
    RP_LINE_REJECT_TOO_MANY_VALUES, /* more than RP_LINE_VALUES_MAX samples / points in the line */
    RP_LINE_REJECT_BAD_UNIT,        /* unit too long, a byte not allowed in it, after the flags */
    RP_LINE_REJECT_BAD_FLAGS,       /* an unknown flag word, or "xy" with "t" */
    RP_LINE_REJECT_BAD_POINT,       /* a point with the wrong number of ':' fields for its kind */
    RP_LINE_REJECT_BAD_TEXT,        /* text or log that is not valid UTF-8 */
    RP_LINE_REJECT_3D,              /* Teleplot 3D: "3D|" shapes or "|xyz" points (not supported) */
    RP_LINE_REJECT_IMAGE,           /* Teleplot "JPG|" / "PNG|" images (not supported) */
    RP_LINE_REJECT_COMMAND,         /* Teleplot command list "|name|...|" (not a telemetry) */
    RP_LINE_REJECT_BAD_JSON,        /* a "{...}" line that is not one JSON object */
    RP_LINE_REJECT_NO_FORMAT,       /* skipped while the format was unknown, no parser's reason
                                       ("neither text samples nor a CSV header"; stream.c) */
    RP_LINE_REJECT_COUNT
} rp_line_reject;
const char *rp_line_reject_string(rp_line_reject reason); /* static, e.g. "bad number" */
/* True when line[0..len) (a trailing "\r" allowed) is a bare-numbers line as defined above. */
bool rp_line_is_bare_values(const char *line, size_t len);
/* True when line is mosquitto_sub -v's "TOPIC PAYLOAD" with a JSON object or a number (and its
 * unit) as payload: "sensors/esp1 {\"temp\": 22.1}", "home/kitchen/temp 21.5" (the topic holds
 * '/'). Its samples are named topic/key and topic, as MQTT payloads are. */
bool rp_line_is_topic_line(const char *line, size_t len);
/* True when word[0..len) cannot name a column in a line of labels separated by blanks (an
 * Arduino sketch's "Temperature Humidity" before its rows of numbers): a number in any base
 * ("0x400805e4", "0b1010", "0o17", "1e3"), or a word a status message ends on rather than a
 * quantity ("connected", "ready", "done", "ok", "started", "initialized", "failed"...: "WiFi
 * connected" or "Sensor ready" before rows of numbers is the board's message, not two names).
 * Case-insensitive. Format detection asks it for each word of a candidate label line. */
bool rp_line_word_is_no_label(const char *word, size_t len);
/* True when line[0..len), split by delim (',' ';' or tab), is two fields or more, each a key and
 * a value around a ':' (blanks around either allowed), at least one value a number in any base:
 * ESP32's boot lines "mode:DIO, clock div:1" and "load:0x3fff0030,len:1184", a text line of pairs
 * or banner text, never a CSV header (the header "Time (hh:mm:ss),Value" is none: "Value" has no
 * ':', a key in brackets is a name's; "Sensor:Temp,Sensor:Hum", no value a number, is none).
 * A key holds a letter and no bracket or quote. Format detection asks it of a line with the
 * delimiter before holding it as a header. */
bool rp_line_is_key_value_fields(const char *line, size_t len, char delim);
/* True when text[0..len) is one decimal number and a unit, glued on ("23.5°C", "40%") or after
 * spaces ("23.5 °C", "1013.25 hPa"), as a text line's value and unit are read (an MQTT payload
 * that is a reading): *value, and the unit at *unit (pointing into text), *unit_len bytes. Also
 * true for one number written with a decimal comma, [+-] digits ',' digits and nothing else but
 * such a unit ("23,5" = 23.5, "-0,5 °C"; *unit NULL and *unit_len 0 without one): a payload
 * holding one reading is far more often a European locale's than two values (a text line
 * "23,5" stays two, value1 and value2; "1,2,3", "23, 5" and "1,234.5" are no such number). */
bool rp_line_value_with_unit(const char *text, size_t len, float *value, const char **unit,
                             size_t *unit_len);

/* Flags of a Teleplot line, carried by its samples and events. */
enum {
    RP_LINE_FLAG_NO_PLOT = 1u << 0, /* "|np": Teleplot does not chart it by default */
    RP_LINE_FLAG_CLEAR = 1u << 1,   /* "|clr": Teleplot clears the telemetry before adding */
    /* a sample whose value was refused ("a:5#0", the line counted as rejected): NaN, its name
     * and place only, so that a series placed by index (--rate) keeps the index of the samples
     * after it; a consumer that places by time drops it */
    RP_LINE_FLAG_REFUSED = 1u << 2,
};

/* A number sample. Pointers are borrowed for the callback and NOT NUL-terminated. */
typedef struct rp_line_sample {
    const char *name;
    size_t name_len; /* 1..RP_LINE_NAME_MAX */
    bool has_timestamp;
    double timestamp_ms; /* valid when has_timestamp (finite) */
    float value;         /* may be NaN (gap) or ±Inf */
    const char *unit;    /* "§unit" of a Teleplot line; NULL when none */
    size_t unit_len;     /* 0 when none, else 1..RP_LINE_UNIT_MAX */
    unsigned flags;      /* RP_LINE_FLAG_* */
    int64_t line;        /* the line of the stream it came from, 1-based; 0 in a datagram */
} rp_line_sample;
typedef void (*rp_line_sample_fn)(void *user, const rp_line_sample *sample);

typedef enum rp_line_event_kind {
    RP_LINE_EVENT_XY = 1, /* "name:x:y[:ts]|xy": one point of an XY plot */
    RP_LINE_EVENT_TEXT,   /* "name:[ts:]text|t": text telemetry (a state such as "Turned On") */
    RP_LINE_EVENT_LOG,    /* ">ts:text", ">:text", ">text": a log message */
} rp_line_event_kind;

/* What is not a number sample. Pointers are borrowed for the callback, NOT NUL-terminated. */
typedef struct rp_line_event {
    rp_line_event_kind kind;
    const char *name; /* XY, TEXT: the telemetry; LOG: NULL */
    size_t name_len;  /* XY, TEXT: 1..RP_LINE_NAME_MAX; LOG: 0 */
    bool has_timestamp;
    double timestamp_ms; /* valid when has_timestamp (finite) */
    double x, y;         /* XY (may be NaN or ±Inf) */
    const char *text;    /* TEXT, LOG: valid UTF-8, may be empty; else NULL */
    size_t text_len;
    const char *unit; /* XY, TEXT: "§unit" or NULL */
    size_t unit_len;
    unsigned flags; /* RP_LINE_FLAG_* */
} rp_line_event;
typedef void (*rp_line_event_fn)(void *user, const rp_line_event *event);

typedef struct rp_line_parser_desc {
    rp_line_sample_fn on_sample; /* required */
    rp_line_event_fn on_event;   /* optional: XY points, text telemetry, logs; without it they
                                    are only counted (xy_points, texts, logs) */
    void *user;                  /* passed to both */
    bool prefix_only;            /* true: lines starting with '>' are data; the others that are
                                    not valid data (log text of a sketch) are counted as
                                    lines_ignored, not errors, and emitted as RP_LINE_EVENT_LOG
                                    when valid UTF-8 */
    int64_t lines_before;        /* lines of the stream before the first one fed here (read by
                                    format detection): messages number lines from the stream's
                                    start, as an editor shows them */
    bool refused_places;         /* a pair whose value is refused is still emitted as a NaN
                                    flagged RP_LINE_FLAG_REFUSED (its place): for series placed
                                    by index (--rate) */
} rp_line_parser_desc;

typedef struct rp_line_stats {
    int64_t bytes;          /* bytes fed (streams and datagrams) */
    int64_t lines;          /* lines seen: ok + empty + ignored + rejected */
    int64_t lines_ok;       /* lines whose samples / events were all emitted */
    int64_t lines_empty;    /* empty or blank lines */
    int64_t lines_ignored;  /* non-'>' lines that are not data, with prefix_only; lines that
                               tell a clock time ("Uptime 00:01:23"), always */
    int64_t lines_rejected; /* sum of rejected[] */
    int64_t rejected[RP_LINE_REJECT_COUNT];
    int64_t samples;   /* number samples emitted */
    int64_t datagrams; /* datagrams fed (rejected ones included) */
    int64_t
        datagrams_rejected; /* larger than RP_DATAGRAM_MAX: dropped whole, not counted as lines */
    int64_t xy_points;      /* RP_LINE_EVENT_XY emitted */
    int64_t texts;          /* RP_LINE_EVENT_TEXT emitted */
    int64_t logs;           /* RP_LINE_EVENT_LOG emitted (prefix_only's other lines included) */
} rp_line_stats;

typedef struct rp_line_parser rp_line_parser;

/* Allocates the parser (one allocation, ~20 KB; a JSON line allocates cJSON's tree while it is
 * parsed, nothing else does). RP_ERR_INVALID_ARG without on_sample. */
rp_status rp_line_parser_create(const rp_line_parser_desc *desc, rp_line_parser **out);
void rp_line_parser_destroy(rp_line_parser *parser); /* NULL is ignored */
/* Streams bytes: any chunking gives the same samples and events. A line split across calls is
 * kept in the parser (up to RP_LINE_MAX bytes) until its "\n". RP_ERR_PARSE when a line completed
 * in this call was rejected; RP_ERR_INVALID_ARG for NULL. */
rp_status rp_line_parser_feed(rp_line_parser *parser, const void *data, size_t len);
/* End of stream: a pending line without "\n" is parsed as complete. The parser can go on after. */
rp_status rp_line_parser_finish(rp_line_parser *parser);
/* One self-contained datagram (UDP): its last line needs no "\n"; nothing carries over to or from
 * other datagrams or the stream state (senders may interleave). Over RP_DATAGRAM_MAX bytes →
 * RP_ERR_LIMIT, dropped whole and counted. RP_ERR_PARSE when a line in it was rejected. */
rp_status rp_line_parser_feed_datagram(rp_line_parser *parser, const void *data, size_t len);
rp_line_stats rp_line_parser_stats(const rp_line_parser *parser);
/* While format detection tries a line (probe true): the line is data whole or nothing (a line
 * with a bad pair emits none of its good ones: before the format is known it is a banner's,
 * "configsip: 0, SPIWP:0xee" of ESP32's boot text), and a line that tells a clock time is
 * ignored without a log event (it decides nothing: "ets Jun  8 2016 00:22:57"). */
void rp_line_parser_set_probe(rp_line_parser *parser, bool probe);
/* Newest problem ("" when none), e.g. "line 1234: bad number 'abc' for 'temp'" or
 * "datagram 7 line 2: ..."; borrowed until the next feed. */
const char *rp_line_parser_last_error(const rp_line_parser *parser);

/* ---------------------------------------------------------------------------------------------
 * CSV with a header row
 *
 *   - Lines starting with '#' and blank lines are skipped (counted as lines_skipped).
 *   - The first other line is the header: column names, each optionally in double quotes (""
 *     inside quotes is a quote; a quoted name may contain the delimiter), blanks around trimmed.
 *     An empty name becomes "col<N>" (N 1-based). A name over RP_LINE_NAME_MAX bytes (unit cut
 *     off) is shortened to its head and tail around "…" (U+2026; the column number between two
 *     of them if that name was taken), said in rp_csv_parser_long_note. A header of 3 columns or more over a first row
 *     one field short: its last column is a remark rows leave out when empty (LabVIEW's
 *     "Comment"), no value column; a row with it has that field dropped. The first
 *     RP_CSV_COLUMNS_MAX columns are read; those after them are no value columns, their fields
 *     counted (rp_csv_parser_columns_beyond), said (rp_csv_parser_beyond_note). At most
 *     RP_CSV_NAME_READ_MAX bytes a name, else the header is refused (as is one with bad quotes or
 *     without the requested time column), and every later row is rejected (RP_CSV_REJECT_NO_HEADER) until the parser is re-created.
 *   - Delimiter: given by the caller, or detected from the header: the most frequent of ',' ';'
 *     '\t' outside quotes (ties: ',' then ';' then tab); none → one column.
 *   - Time column: chosen by the caller by name, or the first column named (case-insensitive)
 *     time_ms, timestamp_ms, ms, millis (→ RP_TIME_UNIT_MS), time_us, timestamp_us, us, µs, micros
 *     (→ RP_TIME_UNIT_US), time_ns, timestamp_ns, ns, nanos, %time (→ RP_TIME_UNIT_NS), seconds,
 *     time_s, sec, s, __time, x_value (→ RP_TIME_UNIT_S), time, t, timestamp, date, datetime
 *     (→ RP_TIME_UNIT_UNSPECIFIED: the value as written; rp_io_seconds_as_written turns it into
 *     seconds); a unit alone or "t" only as the first column. A time
 *     field may also be a date-time, ISO 8601 or written day or month first
 *     (rp_io_parse_date_as_written; the column's order is proven by its first date that tells):
 *     it is converted to Unix time in the column's unit (seconds, or milliseconds for an ms
 *     column). A "date" column with a later column named "time" (or another language's pair:
 *     Datum/Zeit, Fecha/Hora, Date/Heure, Data/Ora, Datum/Tijd, Data/Hora; unless time_column
 *     names another) is the time column and takes that column's time of day too (number of
 *     seconds or h:mm:ss; unit UNSPECIFIED), and that column is no value column. Without such a name, a
 *     first column whose first row holds a date-time (pandas' index under an empty name, a
 *     logger's "Datum") is the time column (on_header is then called at that first row, or at finish
 *     when none comes). The time column is not
 *     a value column; value columns are numbered 0.. in header order without it.
 *   - Units row: the row after the header, when it has as many fields and none is a number or
 *     a date-time ("ms,°C,%"): each word (brackets dropped) is its column's unit where the header
 *     gave none; "ms"/"s" under an unnamed-unit time column sets its unit. Skipped. on_header is
 *     called at the first row after the header (or at finish), once these are known.
 *   - Columns of words: a value column whose first row's field holds a letter and is neither a
 *     number, a number with a unit, a date nor a no-value word (NA, N/A, [N/A], null, none, -,
 *     ERR, ...) is no value column (a device's name, a frame id); the others move up.
 *   - Units on values: a field "<number>[blanks]<unit>" ("35 %", "21.5°C") is that number when
 *     the unit is its column's (the header's, or else the one its first row's field carried).
 *   - Rows: fields split on the delimiter (quotes around a number are removed), blanks trimmed.
 *     A quoted field may hold line breaks (RFC 4180): a row (or the header) goes on over the
 *     next lines while a quote that opened a field is open, up to RP_CSV_QUOTED_LINES_MAX lines
 *     and RP_LINE_MAX bytes in all; a break reads as a space. A quote not closed so, by the end,
 *     or closing with text after it before the delimiter (a stray '"') rejects the row's first
 *     line (RP_CSV_REJECT_OPEN_QUOTE; a header: refused for its quotes) and the lines after it
 *     are read anew. Rows and messages name the line a row starts on. Empty field → NaN (a gap, counted in fields_empty). Malformed field
 *     → NaN, counted in fields_bad, the row is kept. With ';' or tab as delimiter a decimal comma is
 *     accepted ("1,5" = 1.5), with '.' between well-formed groups of 3 digits before it
 *     ("1.012,50" = 1012.5; "1.012" alone is 1.012). A row with another field count than the header is rejected whole
 *     (a shifted field cannot be attributed); so is a row whose time field is empty or not a
 *     finite number, a row with a control byte, and a row over RP_LINE_MAX bytes.
 * ------------------------------------------------------------------------------------------- */
typedef enum rp_time_unit {
    RP_TIME_UNIT_NONE = 0,    /* no time column */
    RP_TIME_UNIT_UNSPECIFIED, /* time as written (the column name gives no unit) */
    RP_TIME_UNIT_S,           /* seconds */
    RP_TIME_UNIT_MS,          /* milliseconds */
    RP_TIME_UNIT_US,          /* microseconds */
    RP_TIME_UNIT_NS,          /* nanoseconds */
} rp_time_unit;

/* Units of a time column per second: 1000 for MS, 1e6 for US, 1e9 for NS, else 1. Any thread. */
static inline double rp_time_unit_per_second(rp_time_unit unit)
{
    return unit == RP_TIME_UNIT_MS   ? 1e3
           : unit == RP_TIME_UNIT_US ? 1e6
           : unit == RP_TIME_UNIT_NS ? 1e9
                                     : 1.0;
}
/* The unit a word names: "s", "ms", "us" (or "µs"), "ns", any case; NONE for any other word.
 * n: its length. Any thread. */
rp_time_unit rp_time_unit_named(const char *word, size_t n);

typedef enum rp_csv_reject {
    RP_CSV_REJECT_TOO_LONG = 0, /* row over RP_LINE_MAX bytes */
    RP_CSV_REJECT_BINARY,       /* control byte in the row */
    RP_CSV_REJECT_FIELD_COUNT,  /* not as many fields as the header has columns */
    RP_CSV_REJECT_BAD_TIME,     /* time field empty, malformed or not finite */
    RP_CSV_REJECT_NO_HEADER,    /* the header was refused: nothing can be attributed */
    RP_CSV_REJECT_OPEN_QUOTE,   /* a quote not closed within RP_CSV_QUOTED_LINES_MAX lines */
    RP_CSV_REJECT_COUNT
} rp_csv_reject;
const char *rp_csv_reject_string(rp_csv_reject reason);

typedef struct rp_csv_row {
    int64_t row;  /* 0-based number of this data row among accepted rows */
    int64_t line; /* its line in the stream, 1-based (lines_before counted) */
    bool has_time;
    double time;         /* in the unit of rp_csv_parser_time_unit(); valid when has_time */
    const float *values; /* borrowed for the callback: values[column], column < count */
    const bool *empty;   /* borrowed too: empty[column] when its field was empty (values NaN) */
    int count;           /* == rp_csv_parser_columns() */
    /* non-NULL on the row where the parser found columns whose values vary by less than float32
     * keeps at their size ("1000000.03": steps of 0.0625 there): a sentence to say, once */
    const char *precision_note;
} rp_csv_row;

typedef struct rp_csv_parser rp_csv_parser;
typedef void (*rp_csv_header_fn)(void *user, const rp_csv_parser *parser); /* once, header read */
typedef void (*rp_csv_row_fn)(void *user, const rp_csv_row *row);

typedef struct rp_csv_parser_desc {
    rp_csv_row_fn on_row;       /* required */
    rp_csv_header_fn on_header; /* optional: the columns are known (create series here) */
    void *user;
    char delimiter;           /* 0: detect from the header; else ',' ';' '\t', or ' ' for blanks
                                (a run of spaces and tabs between fields, none at the ends) */
    const char *time_column;  /* NULL: detect by name (above); "": no time column; else the
                                   header name (case-insensitive) of the time column (copied) */
    rp_time_unit time_unit;   /* 0: from the column name; else the unit of the time column */
    rp_date_order date_order; /* AUTO: the time column's dates tell (rp_io_parse_date_as_written);
                                 else how they are written */
    int64_t lines_before;     /* lines of the stream before the first one fed here (read by
                                format detection): added to the line numbers of messages */
} rp_csv_parser_desc;

typedef struct rp_csv_stats {
    int64_t bytes;
    int64_t lines;         /* all lines, header, skipped and rejected included */
    int64_t lines_skipped; /* blank and '#' lines */
    int64_t lines_joined;  /* lines after the first of rows (or the header) whose quoted fields
                              hold line breaks: lines == skipped + joined + rows_ok +
                              rows_rejected + the header's 1 */
    int64_t rows_ok;       /* rows emitted */
    int64_t rows_rejected; /* sum of rejected[] */
    int64_t rejected[RP_CSV_REJECT_COUNT];
    int64_t fields_empty; /* empty fields in emitted rows (NaN) */
    int64_t fields_bad;   /* malformed fields in emitted rows (NaN) */
} rp_csv_stats;

rp_status rp_csv_parser_create(const rp_csv_parser_desc *desc, rp_csv_parser **out);
void rp_csv_parser_destroy(rp_csv_parser *parser);
/* Streams bytes like rp_line_parser_feed. RP_ERR_PARSE when a row of this call was rejected or had
 * a bad field; once the header was refused (now or before), the refusal's status on every call:
 * RP_ERR_LIMIT (too many columns, name too long) or RP_ERR_PARSE (bad quotes, control byte, the
 * requested time column missing). */
rp_status rp_csv_parser_feed(rp_csv_parser *parser, const void *data, size_t len);
rp_status rp_csv_parser_finish(rp_csv_parser *parser); /* a last row without "\n" is complete */
rp_csv_stats rp_csv_parser_stats(const rp_csv_parser *parser);
/* Newest problem ("" when none): "line 7: 3 fields, the header has 4", "line 9: bad number 'x' in
 * column 'temp'"; after a refused header, the refusal ("line 1: header refused: ..."). */
const char *rp_csv_parser_last_error(const rp_csv_parser *parser);
/* Which value columns the first row showed to be words, not numbers (nvidia-smi's "name"), and so
 * are no series: "column 'name' holds words ('NVIDIA H200' in its first row): no series" ("" none).
 * Set when on_header is called. */
/* "" or, once a date proved the column's order (day or month first) after others had been read
 * the other way, a sentence naming it and the fix (--date-order): rows after it go back in
 * time. Borrowed from the parser. */
const char *rp_csv_parser_date_note(const rp_csv_parser *parser);
const char *rp_csv_parser_text_note(const rp_csv_parser *parser);
/* "" or, after rp_csv_parser_finish, a sentence naming the value column of which no value could
 * be read (every field of it malformed, "1.012,50" in a comma-separated file) with its first
 * field; "(and more)" when there are others. Borrowed from the parser. */
const char *rp_csv_parser_unread_note(const rp_csv_parser *parser);
/* "" or, once on_header is called, a sentence naming a column whose name was over
 * RP_LINE_NAME_MAX bytes, in full, and the name it got ("(and more)" for others). Borrowed. */
const char *rp_csv_parser_long_note(const rp_csv_parser *parser);
/* Columns of the header past RP_CSV_COLUMNS_MAX (time included): no series, their fields of
 * every row counted, not read (0: none, or no header yet); and "" or, once on_header is called,
 * a sentence saying which they are. Borrowed. */
int rp_csv_parser_columns_beyond(const rp_csv_parser *parser);
const char *rp_csv_parser_beyond_note(const rp_csv_parser *parser);
bool rp_csv_parser_has_header(const rp_csv_parser *parser); /* header read and accepted */
int rp_csv_parser_columns(const rp_csv_parser *parser);     /* value columns; 0 before header */
/* NUL-terminated name of value column `column` (borrowed: lives as long as the parser); NULL
 * when out of range. */
const char *rp_csv_parser_column_name(const rp_csv_parser *parser, int column);
/* Its unit from the header ("volt [V]", "temp (°C)", "CH1(V)" with a known unit: the name is
 * "volt", the unit "V"; "sin(t)" stays a name; digits
 * alone are an index of the name, "motor[0]"); "" when none, NULL when out of range. Borrowed like
 * the name. */
const char *rp_csv_parser_column_unit(const rp_csv_parser *parser, int column);
char rp_csv_parser_delimiter(const rp_csv_parser *parser); /* 0 before the header; ' ': blanks */
rp_time_unit rp_csv_parser_time_unit(const rp_csv_parser *parser); /* NONE: no time column */
/* True when line[0..len) is Excel's delimiter hint "sep=;" (also "sep=," "sep=<tab>"), quoted or
 * not, after a UTF-8 BOM or not, a trailing '\r' or blanks allowed; *delim gets it. Before the
 * header, the parser skips such a line and uses its delimiter. Any thread. */
bool rp_csv_is_sep_line(const char *line, size_t len, char *delim);

/* Where the line starting at p ends (lines.c): at the first "\n", "\r\n" or lone "\r" (devices
 * that end their lines with CR alone). Returns the end (exclusive: the terminator is not in the
 * line) and sets *next to where the next line starts; NULL when [p, end) holds no line end.
 * *cr_last: the line ended at a '\r' that is end's last byte, so a '\n' first in the next chunk
 * is the rest of this line's end (the caller skips it). */
const char *rp_lines_end(const char *p, const char *end, const char **next, bool *cr_last);

/* Text encodings (encoding.c). True when s[0..n) is well-formed UTF-8 (no overlongs, no
 * surrogates). */
bool rp_io_utf8_valid(const char *s, size_t n);
/* The length of the terminal colour code (ESC '[', digits and ';', then a letter: what ESP-IDF and
 * Zephyr put around their log lines) that starts s[0..n), or 0 when none does. */
size_t rp_io_colour_code_len(const char *s, size_t n);
/* s[0..n) read as Windows-1252 (Latin-1 with its 0x80..0x9F characters) written as UTF-8 into
 * out (size bytes, NUL-terminated); the length, or SIZE_MAX when it does not fit or s holds a
 * byte Windows-1252 does not define (then it is not such text). CSV headers and units rows that
 * are not valid UTF-8 are read so. */
size_t rp_io_cp1252_to_utf8(const char *s, size_t n, char *out, size_t size);

/* ---------------------------------------------------------------------------------------------
 * Binary frames: `channels` interleaved values a frame, of one type (rp_binary_desc, ringplot.h:
 * float32 little-endian by default), optionally behind a sync header and followed by a checksum
 * byte. Bytes may arrive in any chunking (a frame split anywhere). Samples are de-interleaved into
 * a block buffer, channel-major, as float32, and handed over a block at a time — when the block
 * is full and at the end of every feed call (so a slow stream is not held back). Values are read
 * byte by byte, so any host gets the right ones.
 *
 * Without a header and checksum the bytes are cut into frames as they come (zero-copy). With a
 * header the parser hunts for it (bytes before it: skipped), then expects one at the start of
 * every frame; when one is missing (a byte lost or added) it counts a loss and hunts again from
 * the next byte. A frame whose checksum fails is dropped whole when the next frame's header
 * follows it (a damaged byte); otherwise it is taken as a loss of sync (a lost byte) and hunted
 * past, so the next whole frame is found either way.
 * ------------------------------------------------------------------------------------------- */
typedef struct rp_frame_block {
    const float *samples; /* borrowed: channel c's frames at samples[c * stride + i], i < frames */
    size_t stride;        /* == block_frames of the desc */
    int channels;
    int frames;          /* 1..block_frames */
    int64_t first_frame; /* frame number of samples[c * stride] since creation */
} rp_frame_block;
typedef void (*rp_frame_block_fn)(void *user, const rp_frame_block *block);

typedef struct rp_frame_parser_desc {
    int channels;               /* 1..RP_FRAME_CHANNELS_MAX, required */
    int block_frames;           /* frames per block; 0 → RP_FRAME_BLOCK_DEFAULT */
    float *buffer;              /* channels × block_frames floats, borrowed (must outlive the
                                  parser); NULL → allocated at creation */
    rp_frame_block_fn on_block; /* required */
    void *user;
    rp_binary_desc format; /* value type, byte order, sync header, checksum; zero: float32 LE */
} rp_frame_parser_desc;

typedef struct rp_binary_stats { /* (rp_frame_stats is the renderer's, in ringplot.h) */
    int64_t bytes;
    int64_t frames;          /* complete frames emitted (their values; gaps not counted) */
    int64_t blocks;          /* callbacks made */
    int64_t pending_bytes;   /* bytes of an incomplete frame held now (< frame bytes; with a
                                checksum, up to a header more while a failed frame waits) */
    int64_t truncated_bytes; /* bytes of incomplete frames dropped by finish */
    int64_t checksum_failed; /* frames whose checksum was wrong, the next header in place: each
                                emitted as a gap (NaN in every channel), not counted in frames */
    int64_t sync_lost;       /* a frame did not start with the header (or failed its checksum
                                without the next header after it): hunting again */
    int64_t sync_skipped;    /* bytes passed over while hunting (no frame of theirs emitted) */
    int64_t sync_found;      /* times the header was found by hunting (the first lock included) */
} rp_binary_stats;

typedef struct rp_frame_parser rp_frame_parser;
rp_status rp_frame_parser_create(const rp_frame_parser_desc *desc, rp_frame_parser **out);
void rp_frame_parser_destroy(rp_frame_parser *parser);
rp_status rp_frame_parser_feed(rp_frame_parser *parser, const void *data, size_t len);
/* End of stream: an incomplete frame is dropped and counted (RP_ERR_PARSE). */
rp_status rp_frame_parser_finish(rp_frame_parser *parser);
rp_binary_stats rp_frame_parser_stats(const rp_frame_parser *parser);
/* "stream ended inside a frame: 5 of 12 bytes dropped", or "" */
const char *rp_frame_parser_last_error(const rp_frame_parser *parser);
/* Bytes of one frame in this format (header, values, checksum). */
size_t rp_binary_frame_bytes(const rp_binary_desc *format, int channels);
/* RP_OK, or RP_ERR_INVALID_ARG with a sentence in err (a type, order or checksum out of range,
 * sync_len beyond 0..RP_BINARY_SYNC_MAX). */
rp_status rp_binary_desc_check(const rp_binary_desc *format, char *err, size_t err_size);
/* Writes one frame of `channels` values in this format into out (rp_binary_frame_bytes of them;
 * floats converted to integer types rounded to nearest and clamped to the type's range, NaN as
 * 0); returns the bytes written. The inverse of the parser: rp-stream and the tests use it. */
size_t rp_binary_encode(const rp_binary_desc *format, const float *values, size_t stride,
                        int channels, uint8_t *out);

/* Names as on the command line and in layout files: "int16", "big", "sum8"; NULL out of range. */
const char *rp_binary_type_name(rp_binary_type type);
const char *rp_byte_order_name(rp_byte_order order);
const char *rp_binary_checksum_name(rp_binary_checksum checksum);
/* Parse those names; RP_ERR_PARSE with "expected int8, uint8, ..." in err. */
rp_status rp_parse_binary_type(const char *s, rp_binary_type *out, char *err, size_t err_size);
rp_status rp_parse_byte_order(const char *s, rp_byte_order *out, char *err, size_t err_size);
rp_status rp_parse_binary_checksum(const char *s, rp_binary_checksum *out, char *err,
                                   size_t err_size);
/* A sync header in hex, 1..8 bytes: "AA55", "aa 55", "0xAA55"; writes sync and len. */
rp_status rp_parse_binary_sync(const char *s, uint8_t *sync, int *len, char *err, size_t err_size);
/* The header as upper-case hex ("AA55") into out (2 × 8 + 1 bytes suffice). */
const char *rp_binary_sync_hex(const uint8_t *sync, int len, char *out, size_t size);

/* ---------------------------------------------------------------------------------------------
 * Command-line values. Each parses the whole string (no blanks), returns RP_OK or RP_ERR_PARSE /
 * RP_ERR_LIMIT / RP_ERR_INVALID_ARG and then writes a one-line message to err (err may be NULL;
 * truncated to err_size). Outputs are written only on RP_OK.
 * ------------------------------------------------------------------------------------------- */
/* "HOST:PORT", ":PORT", "PORT", "[IPv6]:PORT". HOST: a name of letters, digits, '-', '.', '_'
 * (max 253), an IPv4 dotted quad, or a bracketed IPv6 literal (written to host without brackets).
 * Without HOST, default_host is copied (may be NULL → ""). Port: decimal 1..65535. */
rp_status rp_parse_host_port(const char *s, const char *default_host, char *host, size_t host_size,
                             uint16_t *port, char *err, size_t err_size);
/* Decimal integer (optional sign) in [min, max]. */
rp_status rp_parse_int(const char *s, int64_t min, int64_t max, int64_t *out, char *err,
                       size_t err_size);
/* A count with an optional suffix k (10^3), M (10^6), G (10^9): "1000", "10k", "2.5M"; the result
 * must be a whole number in [min, max]. */
rp_status rp_parse_count(const char *s, int64_t min, int64_t max, int64_t *out, char *err,
                         size_t err_size);
/* Samples per second: a positive number with an optional k, M, G suffix and optional "Hz" or "/s":
 * "1000", "1k", "2.5M", "48kHz". Range (0, 1e12]. */
rp_status rp_parse_rate(const char *s, double *out, char *err, size_t err_size);
/* A duration in seconds: a number >= 0 with a unit us, ms, s, m (or min), h; a bare number is
 * seconds: "10s", "500ms", "2m", "1h", "1.5". Range [0, 1e9] seconds. */
rp_status rp_parse_duration(const char *s, double *seconds, char *err, size_t err_size);

#ifdef __cplusplus
}
#endif

#endif /* RINGPLOT_IO_PARSE_H */
