/* text.c — text line parser for Teleplot ("name:ts:value;ts:value§unit|flags", XY points, text
 * telemetry, logs) and the Arduino IDE 2 Serial Plotter ("label:value,label2:value", bare
 * numbers), streamed or one UDP datagram at a time. Grammar and limits: io/parse.h. */
#include <cjson/cJSON.h>
#include <ctype.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "io/io_internal.h"

/* A parsed name must always fit a series name (ringplot.h). */
_Static_assert(RP_LINE_NAME_MAX == RP_NAME_MAX - 1, "sample names must fit RP_NAME_MAX");

struct rp_line_parser {
    rp_line_parser_desc desc;
    rp_lines lines;
    rp_line_stats stats;
    int64_t datagram_no;   /* > 0 while a datagram is parsed: messages name it */
    int64_t datagram_line; /* line number inside that datagram */
    int64_t stream_lines;  /* lines of the stream (not of datagrams) so far */
    bool rejected_in_call; /* a feed call reports RP_ERR_PARSE when set */
    rp_line_sample pending[RP_LINE_VALUES_MAX]; /* a line's samples, emitted once all parsed */
    rp_line_event pending_events[RP_LINE_VALUES_MAX]; /* a line's XY points or texts, likewise */
    char bare_names[RP_LINE_VALUES_MAX][12];          /* "value1".. for lines of bare numbers */
    /* names a label-only line gave the bare-number columns ("Temp:,Hum:", Arduino's protocol) */
    char label_names[RP_LINE_VALUES_MAX][RP_LINE_NAME_MAX + 1];
    int label_count;
    /* a datagram parses as a stream of its own: the stream's labels, kept aside while a label
     * line of the datagram replaces them, and given back after it */
    char stream_label_names[RP_LINE_VALUES_MAX][RP_LINE_NAME_MAX + 1];
    int stream_label_count;
    bool labels_aside;
    /* a JSON line's key paths, or a text line's "label unit" names (other_unit_reading) */
    char json_names[RP_LINE_VALUES_MAX][RP_LINE_NAME_MAX];
    unsigned char byte_class[256]; /* BYTE_* bits: one table look-up per byte */
    char last_error[RP_IO_ERROR_MAX];
    unsigned char uncoloured[RP_LINE_MAX]; /* a line without its terminal colour codes */
    char json_scratch[3 * RP_LINE_MAX];    /* a JSON line with Python's NaN rewritten */
    bool line_has_time;                    /* the line opened with a time stamp (time_prefix) */
    double line_time_ms;    /* ...its time: Unix ms, or ms since the first midnight (time of day) */
    rp_day_clock day_clock; /* times of day alone go on past midnight, as a CSV time column's */
    bool atomic;    /* a line that is data or else log text: one bad pair refuses it whole */
    bool finishing; /* rp_line_parser_finish: the last line had no line end */
    bool probe;     /* format detection tries a line (rp_line_parser_set_probe) */
};

static const char *const k_reject_names[RP_LINE_REJECT_COUNT] = {
    [RP_LINE_REJECT_TOO_LONG] = "line too long",
    [RP_LINE_REJECT_BINARY] = "control byte",
    [RP_LINE_REJECT_NO_COLON] = "no colon",
    [RP_LINE_REJECT_EMPTY_NAME] = "empty name",
    [RP_LINE_REJECT_NAME_TOO_LONG] = "name too long",
    [RP_LINE_REJECT_BAD_NAME] = "bad name",
    [RP_LINE_REJECT_BAD_NUMBER] = "bad number",
    [RP_LINE_REJECT_BAD_TIMESTAMP] = "bad timestamp",
    [RP_LINE_REJECT_TRAILING] = "trailing junk",
    [RP_LINE_REJECT_TOO_MANY_VALUES] = "too many values",
    [RP_LINE_REJECT_BAD_UNIT] = "bad unit",
    [RP_LINE_REJECT_BAD_FLAGS] = "bad flags",
    [RP_LINE_REJECT_BAD_POINT] = "bad point",
    [RP_LINE_REJECT_BAD_TEXT] = "bad text",
    [RP_LINE_REJECT_BAD_JSON] = "bad JSON",
    [RP_LINE_REJECT_NO_FORMAT] = "format unknown",
    [RP_LINE_REJECT_3D] = "3D not supported",
    [RP_LINE_REJECT_IMAGE] = "image not supported",
    [RP_LINE_REJECT_COMMAND] = "command line",
};

const char *rp_line_reject_string(rp_line_reject reason)
{
    if ((unsigned)reason >= RP_LINE_REJECT_COUNT) return "unknown";
    return k_reject_names[reason];
}

/* Length of one well-formed UTF-8 sequence for U+00A0..U+10FFFF at s, or 0. */
static size_t utf8_len(const unsigned char *s, const unsigned char *e)
{
    unsigned c = s[0];
    size_t avail = (size_t)(e - s);
#define CONT(i) (avail > (i) && (s[i] & 0xC0u) == 0x80u)
    if (c < 0xC2) return 0; /* ASCII handled elsewhere; stray continuation; overlong C0/C1 */
    if (c < 0xE0) {
        if (!CONT(1)) return 0;
        unsigned cp = ((c & 0x1Fu) << 6) | (s[1] & 0x3Fu);
        return cp >= 0xA0 ? 2 : 0; /* U+0080..U+009F are C1 controls */
    }
    if (c < 0xF0) {
        if (!CONT(1) || !CONT(2)) return 0;
        if (c == 0xE0 && s[1] < 0xA0) return 0; /* overlong */
        if (c == 0xED && s[1] > 0x9F) return 0; /* surrogates */
        return 3;
    }
    if (c < 0xF5) {
        if (!CONT(1) || !CONT(2) || !CONT(3)) return 0;
        if (c == 0xF0 && s[1] < 0x90) return 0; /* overlong */
        if (c == 0xF4 && s[1] > 0x8F) return 0; /* beyond U+10FFFF */
        return 4;
    }
    return 0;
#undef CONT
}

static inline bool is_sep(unsigned char c) { return c == ' ' || c == '\t' || c == ','; }

/* Bytes that can belong to a number token; anything else ends it (and is then judged). */
static inline bool is_digit(unsigned char c) { return c >= '0' && c <= '9'; }

static inline bool is_num_char(unsigned char c)
{
    return (c >= '0' && c <= '9') || ((c | 0x20u) >= 'a' && (c | 0x20u) <= 'z') || c == '.' ||
           c == '+' || c == '-';
}

static void reject(rp_line_parser *p, rp_line_reject reason, const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 3, 4)))
#endif
    ;

static void reject(rp_line_parser *p, rp_line_reject reason, const char *fmt, ...)
{
    p->stats.rejected[reason]++;
    p->stats.lines_rejected++;
    p->rejected_in_call = true;
    char detail[RP_IO_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    rp_vformat(detail, sizeof detail, fmt, ap);
    va_end(ap);
    if (p->datagram_no > 0)
        rp_io_msg(p->last_error, sizeof p->last_error, "datagram %lld line %lld: %s",
                  (long long)p->datagram_no, (long long)p->datagram_line, detail);
    else
        rp_io_msg(p->last_error, sizeof p->last_error, "line %lld: %s",
                  (long long)(p->desc.lines_before + p->stats.lines), detail);
}

/* Bare numbers (the Arduino Serial Plotter convention, "21.5 40.2", "1,2,3", "1;2;3"): a line
 * with no ':' whose tokens, separated by blanks, ',' or ';', are all numbers, optionally in one
 * pair of brackets or parentheses as a script prints a list or a tuple ("[1.5, 2.0]", numpy's
 * "[1.  2.5]", "(1, 2)"). Stores up to max values (values may be NULL to only check) and returns
 * how many tokens there were, or -1 when the line is not bare numbers. One definition for the
 * parser and for format detection. */
static int bare_values(const unsigned char *s, const unsigned char *e, float *values, int max)
{
    if (memchr(s, ':', (size_t)(e - s))) return -1;
    while (s < e && rp_io_is_blank(*s)) s++;
    while (e > s && rp_io_is_blank(e[-1])) e--;
    if (e - s >= 2 && ((*s == '[' && e[-1] == ']') || (*s == '(' && e[-1] == ')'))) {
        s++;
        e--;
    }
    /* ';' or tab between the values and a ',' too: the ',' is a decimal comma, as in a CSV with
     * those delimiters ("21,5;40,2" from a logger set to a German locale is 21.5 and 40.2, not
     * four values) */
    bool decimal_comma = memchr(s, ',', (size_t)(e - s)) &&
                         (memchr(s, ';', (size_t)(e - s)) || memchr(s, '\t', (size_t)(e - s)));
#define BARE_SEP(c) ((c) == ';' || (decimal_comma ? (c) == ' ' || (c) == '\t' : is_sep(c)))
    /* a word for "no value" (nvidia-smi's "[N/A]", R's NA, a logger's "-") is a gap among
     * numbers, as in a CSV; blanks alone between: not opening the line ("ERR 3" is a message) */
    bool delimited = memchr(s, ',', (size_t)(e - s)) || memchr(s, ';', (size_t)(e - s)) ||
                     memchr(s, '\t', (size_t)(e - s));
    int count = 0, numbers = 0;
    while (s < e && BARE_SEP(*s)) s++;
    while (s < e) {
        const unsigned char *t = s;
        while (s < e && !BARE_SEP(*s)) s++;
        double value;
        if ((decimal_comma && rp_io_number((const char *)t, (size_t)(s - t), ',', &value)) ||
            rp_io_number((const char *)t, (size_t)(s - t), '.', &value) ||
            rp_io_hex_integer((const char *)t, (size_t)(s - t), &value))
            numbers++;
        else if ((delimited || count > 0) && rp_io_no_value_word((const char *)t, (size_t)(s - t)))
            value = NAN;
        else
            return -1;
        if (values && count < max) values[count] = rp_io_double_to_float(value);
        count++;
        while (s < e && BARE_SEP(*s)) s++;
    }
#undef BARE_SEP
    return numbers > 0 ? count : -1;
}

bool rp_line_is_bare_values(const char *line, size_t len)
{
    if (!line) return false;
    if (len > 0 && line[len - 1] == '\r') len--;
    return bare_values((const unsigned char *)line, (const unsigned char *)line + len, NULL, 0) > 0;
}

/* A line's count number samples, all parsed (pending): counted and emitted; those without a
 * timestamp of their own take the line's (time_prefix). */
static void emit_samples(rp_line_parser *p, int count)
{
    for (int i = 0; i < count; i++) {
        p->stats.samples += !(p->pending[i].flags & RP_LINE_FLAG_REFUSED); /* a place: none */
        if (p->line_has_time && !p->pending[i].has_timestamp) {
            p->pending[i].has_timestamp = true;
            p->pending[i].timestamp_ms = p->line_time_ms;
        }
        /* the line in the stream (0 in a datagram: its lines are not the stream's) */
        p->pending[i].line = p->datagram_no > 0 ? 0 : p->desc.lines_before + p->stats.lines;
        p->desc.on_sample(p->desc.user, &p->pending[i]);
    }
}

/* word[0..len) is a number in any base: decimal ("1e3"), or 0x1F, 0b101, 0o17 as firmware
 * prints registers and flags. */
static bool number_in_any_base(const char *word, size_t len)
{
    double v;
    if (rp_io_number(word, len, '.', &v)) return true;
    if (len > 2 && word[0] == '0') { /* 0x1F, 0b101, 0o17: a number in another base */
        char base = (char)(word[1] | 0x20);
        size_t i = 2;
        if (base == 'x')
            while (i < len && isxdigit((unsigned char)word[i])) i++;
        else if (base == 'b')
            while (i < len && (word[i] == '0' || word[i] == '1')) i++;
        else if (base == 'o')
            while (i < len && word[i] >= '0' && word[i] <= '7') i++;
        else
            i = 0;
        if (i == len) return true;
    }
    return false;
}

bool rp_line_is_key_value_fields(const char *line, size_t len, char delim)
{
    if (!line || !delim) return false;
    int fields = 0;
    bool number = false;
    for (size_t at = 0; at <= len;) {
        const char *d = memchr(line + at, delim, len - at);
        size_t end = d ? (size_t)(d - line) : len, a = at, b = end;
        at = end + 1;
        while (a < b && (line[a] == ' ' || line[a] == '\t')) a++;
        while (b > a && (line[b - 1] == ' ' || line[b - 1] == '\t' || line[b - 1] == '\r')) b--;
        const char *colon = memchr(line + a, ':', b - a);
        if (!colon) return false; /* "Value" beside "Time (hh:mm:ss)": a header's name */
        size_t c = (size_t)(colon - line), ka = a, kb = c, va = c + 1, vb = b;
        while (kb > ka && (line[kb - 1] == ' ' || line[kb - 1] == '\t')) kb--;
        while (va < vb && (line[va] == ' ' || line[va] == '\t')) va++;
        if (kb == ka || va == vb) return false;
        /* a key is a word or words: "Time (hh:mm:ss)" or "\"a:b\"" hold a ':' in a name */
        bool letter = false;
        for (size_t k = ka; k < kb; k++) {
            unsigned char ch = (unsigned char)line[k];
            if (strchr("()[]{}<>\"'", ch)) return false;
            letter |= isalpha(ch) || ch >= 0x80;
        }
        if (!letter) return false; /* "12:00:01": a clock time */
        number |= number_in_any_base(line + va, vb - va);
        fields++;
    }
    return fields >= 2 && number;
}

bool rp_line_word_is_no_label(const char *word, size_t len)
{
    if (!word || len == 0) return true;
    if (number_in_any_base(word, len)) return true;
    /* the words boot and status messages end on (kept short: a quantity is never one of them;
     * "error", "active", "heading", "speed" are columns of real sketches) */
    static const char *const status[] = {
        "connected",    "disconnected", "connecting", "ready",    "done",        "ok",
        "started",      "starting",     "booting",    "booted",   "initialized", "initialised",
        "initializing", "detected",     "failed",     "complete", "completed",   "finished",
        "success",      "successful",   "loaded",     "mounted",  "found"};
    for (size_t k = 0; k < sizeof status / sizeof status[0]; k++)
        if (strlen(status[k]) == len && !strncasecmp(status[k], word, len)) return true;
    return false;
}

/* Emits a bare-numbers line as value1, value2... by position. Returns false, emitting nothing,
 * when the line is not bare numbers: the caller then rejects it. */
static bool parse_bare_values(rp_line_parser *p, const unsigned char *s, const unsigned char *e)
{
    float values[RP_LINE_VALUES_MAX];
    int count = bare_values(s, e, values, RP_LINE_VALUES_MAX);
    if (count < 0) return false;
    if (count > RP_LINE_VALUES_MAX) {
        reject(p, RP_LINE_REJECT_TOO_MANY_VALUES, "more than %d values in the line",
               RP_LINE_VALUES_MAX);
        return true;
    }
    for (int i = 0; i < count; i++) {
        const char *name = i < p->label_count ? p->label_names[i] : p->bare_names[i];
        p->pending[i] =
            (rp_line_sample){.name = name, .name_len = strlen(name), .value = values[i]};
    }
    p->stats.lines_ok++;
    emit_samples(p, count);
    return true;
}

/* ---- spans and checks shared by the line forms ---------------------------------------------- */

enum {
    BYTE_CONTROL = 1, /* rejects the line (rp_io_is_control) */
    BYTE_TELEPLOT =
        2, /* '|' or 0xC2, the lead byte of '§': the line may be one Teleplot telemetry */
    BYTE_EQUALS = 4, /* '=': in a line without ':', it separates labels from values */
};

typedef struct span {
    const unsigned char *s, *e;
} span;

static span trimmed(const unsigned char *s, const unsigned char *e)
{
    while (s < e && rp_io_is_blank(*s)) s++;
    while (e > s && rp_io_is_blank(e[-1])) e--;
    return (span){s, e};
}

static inline size_t span_len(span x) { return (size_t)(x.e - x.s); }

static bool span_number(span x, double *out)
{
    return rp_io_number((const char *)x.s, span_len(x), '.', out);
}

/* Quotes a span for a message (printable ASCII as is, other bytes escaped, cut to max chars). */
static const char *quoted(char *buf, size_t size, span x, size_t max)
{
    rp_io_quote(buf, size, (const char *)x.s, span_len(x), max);
    return buf;
}

static inline bool is_section_sign(const unsigned char *q, const unsigned char *e)
{
    return e - q >= 2 && q[0] == 0xC2 && q[1] == 0xA7; /* '§' (U+00A7) in UTF-8 */
}

static const unsigned char *find_section_sign(const unsigned char *s, const unsigned char *e)
{
    for (const unsigned char *q = s; q < e; q++) {
        q = memchr(q, 0xC2, (size_t)(e - q));
        if (!q) return NULL;
        if (is_section_sign(q, e)) return q;
    }
    return NULL;
}

static const unsigned char *find_last(const unsigned char *s, const unsigned char *e,
                                      unsigned char c)
{
    for (const unsigned char *q = e; q > s; q--)
        if (q[-1] == c) return q - 1;
    return NULL;
}

/* Checks a trimmed name; rejects the line (and returns false) when it is not a valid name. */
static bool check_name_slow(rp_line_parser *p, span name);

/* ASCII bytes a name may hold: 0x20..0x7E except ',' ':' ';' '|' (bit c of the pair). */
static const uint64_t k_name_ascii[2] = {
    0xFFFFFFFF00000000ull & ~(1ull << ',' | 1ull << ':' | 1ull << ';'),
    0x7FFFFFFFFFFFFFFFull & ~(1ull << ('|' - 64)),
};

static inline bool check_name(rp_line_parser *p, span name)
{
    /* fast path: a short plain ASCII name, as nearly every stream sends */
    if (span_len(name) - 1 < RP_LINE_NAME_MAX) {
        const unsigned char *q = name.s;
        while (q < name.e && *q < 0x80 && (k_name_ascii[*q >> 6] >> (*q & 63) & 1u)) q++;
        if (q == name.e) return true;
    }
    return check_name_slow(p, name);
}

/* The whole check, with the message naming what is wrong. */
static bool check_name_slow(rp_line_parser *p, span name)
{
    char q1[48];
    if (span_len(name) == 0) {
        reject(p, RP_LINE_REJECT_EMPTY_NAME, "empty name before ':'");
        return false;
    }
    for (const unsigned char *q = name.s; q < name.e;) {
        if (*q < 0x80) {
            if (!(k_name_ascii[*q >> 6] >> (*q & 63) & 1u)) {
                char shown[8]; /* a control byte as \xNN: never raw in a message */
                if (*q == '\t')
                    snprintf(shown, sizeof shown, "\\t");
                else if (*q < 0x20 || *q == 0x7f)
                    snprintf(shown, sizeof shown, "\\x%02x", *q);
                else
                    snprintf(shown, sizeof shown, "%c", *q);
                reject(p, RP_LINE_REJECT_BAD_NAME, "'%s' not allowed in name '%s'", shown,
                       quoted(q1, sizeof q1, name, 40));
                return false;
            }
            q++;
            continue;
        }
        size_t n = utf8_len(q, name.e);
        if (n == 0) {
            reject(p, RP_LINE_REJECT_BAD_NAME, "invalid UTF-8 in name '%s'",
                   quoted(q1, sizeof q1, name, 40));
            return false;
        }
        if (is_section_sign(q, name.e)) {
            reject(p, RP_LINE_REJECT_BAD_NAME, "'\\xc2\\xa7' (unit sign) not allowed in name '%s'",
                   quoted(q1, sizeof q1, name, 40));
            return false;
        }
        q += n;
    }
    if (span_len(name) > RP_LINE_NAME_MAX) {
        reject(p, RP_LINE_REJECT_NAME_TOO_LONG, "name '%s' longer than %d bytes",
               quoted(q1, sizeof q1, name, 24), RP_LINE_NAME_MAX);
        return false;
    }
    return true;
}

/* True when x is valid UTF-8 for a text (control bytes were refused with the line already). */
static bool valid_text(span x)
{
    for (const unsigned char *q = x.s; q < x.e;) {
        if (*q < 0x80) {
            q++;
            continue;
        }
        size_t n = utf8_len(q, x.e);
        if (n == 0) return false;
        q += n;
    }
    return true;
}

static void emit_events(rp_line_parser *p, int count)
{
    if (!p->desc.on_event) return;
    for (int i = 0; i < count; i++) {
        rp_line_event *ev = &p->pending_events[i];
        if (p->line_has_time && !ev->has_timestamp) {
            ev->has_timestamp = true;
            ev->timestamp_ms = p->line_time_ms;
        }
        p->desc.on_event(p->desc.user, ev);
    }
}

/* The kernel's time stamp opening a dmesg line, "[   12.345678] " (seconds since boot, blanks
 * inside the brackets): where the message starts, with the time in *ms (ms since boot), or NULL
 * when the line opens otherwise. */
static const unsigned char *kernel_stamp(const unsigned char *s, const unsigned char *e, double *ms)
{
    if (s >= e || *s != '[') return NULL;
    const unsigned char *k = s + 1;
    while (k < e && *k == ' ') k++;
    const unsigned char *digits = k;
    while (k < e && *k >= '0' && *k <= '9') k++;
    size_t whole = (size_t)(k - digits);
    if (whole == 0 || whole > 10 || k >= e || *k != '.') return NULL;
    const unsigned char *frac = ++k;
    while (k < e && *k >= '0' && *k <= '9') k++;
    size_t fn = (size_t)(k - frac);
    const unsigned char *close = k;
    while (close < e && *close == ' ') close++;
    double sec;
    if (fn < 1 || fn > 9 || close >= e || *close != ']' ||
        !rp_io_number((const char *)digits, (size_t)(k - digits), '.', &sec))
        return NULL;
    const unsigned char *data = close + 1;
    while (data < e && rp_io_is_blank(*data)) data++;
    if (data == close + 1 || data == e) return NULL;
    *ms = sec * 1000.0;
    return data;
}

static bool two_digits(const unsigned char *s, const unsigned char *e)
{
    return e - s >= 2 && s[0] >= '0' && s[0] <= '9' && s[1] >= '0' && s[1] <= '9';
}

/* A numeric UTC offset right after an ISO date-time, "+01:00", "-0500", "+01", as Python's
 * isoformat() and date -Iseconds write it (s at its sign): where it ends, or s when there is none
 * (then the line's time is not a date-time with an offset, and the sign is the data's). */
static const unsigned char *utc_offset(const unsigned char *s, const unsigned char *e)
{
    const unsigned char *r = s + 1;
    if (!two_digits(r, e)) return s;
    r += 2;
    if (r < e && *r == ':') {
        if (!two_digits(r + 1, e)) return s;
        r += 3;
    } else if (two_digits(r, e)) {
        r += 2;
    }
    return r == e || *r == ']' || rp_io_is_blank(*r) ? r : s;
}

/* A time stamp opening a line, as serial terminals and loggers put one before the data: the
 * Arduino IDE's Serial Monitor ("12:00:01.123 -> temp:21.5"), a terminal's "[12:00:01.123] ",
 * a logger's "2024-03-01 12:00:00.123 " (',' before the fraction too); the kernel's is
 * kernel_stamp. From s: an optional '[',
 * a time of day HH:MM:SS[.fff] or an ISO 8601 date-time, the ']' if one opened, then " -> " or
 * blanks and more. Returns where the data starts, with the time in *ms (Unix ms; a time of day
 * alone: ms since midnight, the days passed added by the parser's day clock, so that "23:59:59.9"
 * then "00:00:00.0" is 0.1 s later, as in a CSV), or NULL when the line opens otherwise. */
static const unsigned char *time_prefix(rp_line_parser *p, const unsigned char *s,
                                        const unsigned char *e, double *ms)
{
    const unsigned char *t = s;
    bool bracket = t < e && *t == '[';
    t += bracket;
    bool date = e - t >= 10 && t[4] == '-' && t[7] == '-';
    if (!(date || (e - t >= 8 && t[2] == ':' && t[5] == ':'))) return NULL; /* the common case */
    const unsigned char *q = t + (date ? 11 : 0); /* past "YYYY-MM-DD" and its 'T' or blank */
    if (date && (e - t < 19 || (t[10] != 'T' && t[10] != ' '))) return NULL;
    const unsigned char *fraction = NULL; /* where the first fraction starts: Zephyr writes
                                             "00:00:01.234,567" (ms, then µs) */
    while (q < e && ((*q >= '0' && *q <= '9') || *q == ':' ||
                     ((*q == '.' || *q == ',') && q + 1 < e && q[1] >= '0' && q[1] <= '9'))) {
        if ((*q == '.' || *q == ',') && !fraction) fraction = q + 1;
        q++;
    }
    const unsigned char *parsed_end = q;
    double more = 0.0; /* a second fraction group: more digits of the first */
    if (fraction) {
        const unsigned char *f = fraction;
        while (f < q && *f >= '0' && *f <= '9') f++;
        if (f < q && (*f == '.' || *f == ',')) {
            double scale = 1.0;
            for (const unsigned char *d = fraction; d < f; d++) scale *= 0.1;
            for (const unsigned char *g = f + 1; g < q; g++) {
                if (*g < '0' || *g > '9') return NULL;
                scale *= 0.1;
                more += (*g - '0') * scale;
            }
            parsed_end = f;
        }
    }
    if (date && q < e && *q == 'Z')
        parsed_end = ++q;
    else if (date && q < e && (*q == '+' || *q == '-'))
        parsed_end = q = utc_offset(q, e);
    double seconds;
    if (rp_io_parse_iso8601((const char *)t, (size_t)(parsed_end - t), &seconds) != RP_OK)
        return NULL;
    seconds += more;
    if (bracket && (q == e || *q++ != ']')) return NULL;
    const unsigned char *data = q;
    while (data < e && rp_io_is_blank(*data)) data++;
    if (data + 1 < e && data[0] == '-' && data[1] == '>') /* the Serial Monitor's arrow */
        for (data += 2; data < e && rp_io_is_blank(*data); data++) {
        }
    if (data == q || data == e) return NULL; /* "12:00:01" alone is data ("12" at 00 ms) */
    if (!date && seconds >= 0 && seconds < 86400) seconds = rp_io_day_clock(&p->day_clock, seconds);
    *ms = seconds * 1000.0;
    return data;
}

/* ---- logs ------------------------------------------------------------------------------------ */

/* ">ts:text", ">:text", ">text" (s just after the '>'). Returns false, doing nothing, when the
 * line is a data line with Teleplot's '>' prefix instead (">temp:21.5"). */
static bool parse_log(rp_line_parser *p, const unsigned char *s, const unsigned char *e)
{
    const unsigned char *colon = memchr(s, ':', (size_t)(e - s));
    bool has_ts = false;
    double ts = 0.0;
    span text;
    if (!colon) {
        text = trimmed(s, e);
    } else {
        span head = trimmed(s, colon);
        if (span_len(head) > 0) {
            if (!span_number(head, &ts)) return false; /* a name: data */
            has_ts = isfinite(ts); /* ">nan:text": no usable time, like Teleplot's */
        }
        text = trimmed(colon + 1, e);
    }
    if (!valid_text(text)) {
        reject(p, RP_LINE_REJECT_BAD_TEXT, "invalid UTF-8 in a log line");
        return true;
    }
    p->pending_events[0] = (rp_line_event){
        .kind = RP_LINE_EVENT_LOG,
        .has_timestamp = has_ts,
        .timestamp_ms = has_ts ? ts : 0.0,
        .text = (const char *)text.s,
        .text_len = span_len(text),
    };
    p->stats.lines_ok++;
    p->stats.logs++;
    emit_events(p, 1);
    return true;
}

/* ---- one Teleplot telemetry: name:points§unit|flags ----------------------------------------- */

enum { KIND_NUMBER, KIND_XY, KIND_TEXT };

/* Reads the comma-separated flag words; false (line rejected) on an unknown or conflicting one. */
static bool parse_flags(rp_line_parser *p, span flags, span name, int *kind, unsigned *bits)
{
    char q1[48], q2[48];
    bool xy = false, text = false;
    *bits = 0;
    const unsigned char *q = flags.s;
    while (q <= flags.e) {
        const unsigned char *comma = memchr(q, ',', (size_t)(flags.e - q));
        if (!comma) comma = flags.e;
        span w = trimmed(q, comma);
        size_t n = span_len(w);
#define WORD_IS(lit) (n == sizeof(lit) - 1 && memcmp(w.s, lit, n) == 0)
        if (n == 0 || WORD_IS("g") || WORD_IS("c") || WORD_IS("ms") || WORD_IS("h") ||
            WORD_IS("s")) {
            /* nothing, or a statsd type (gauge, counter, timer, histogram, set): Teleplot plots
             * the number as sent, and so does ringplot */
        } else if (WORD_IS("np")) {
            *bits |= RP_LINE_FLAG_NO_PLOT;
        } else if (WORD_IS("clr")) {
            *bits |= RP_LINE_FLAG_CLEAR;
        } else if (WORD_IS("xy")) {
            xy = true;
        } else if (WORD_IS("t") || WORD_IS("text")) {
            text = true;
        } else if (WORD_IS("xyz")) {
            reject(p, RP_LINE_REJECT_3D, "3D points ('|xyz') of '%s' are not supported",
                   quoted(q2, sizeof q2, name, 40));
            return false;
        } else {
            reject(p, RP_LINE_REJECT_BAD_FLAGS, "unknown flag '%s' for '%s'",
                   quoted(q1, sizeof q1, w, 24), quoted(q2, sizeof q2, name, 40));
            return false;
        }
#undef WORD_IS
        if (comma == flags.e) break;
        q = comma + 1;
    }
    if (xy && text) {
        reject(p, RP_LINE_REJECT_BAD_FLAGS, "flags 'xy' and 't' together for '%s'",
               quoted(q2, sizeof q2, name, 40));
        return false;
    }
    *kind = xy ? KIND_XY : text ? KIND_TEXT : KIND_NUMBER;
    return true;
}

static bool check_unit(rp_line_parser *p, span unit, span name)
{
    char q1[48], q2[48];
    for (const unsigned char *q = unit.s; q < unit.e;) {
        size_t n = 1;
        if (*q < 0x80) {
            if (*q == ':' || *q == ';' || *q == '|' || *q == '\t') {
                reject(p, RP_LINE_REJECT_BAD_UNIT, "'%s' not allowed in the unit '%s' of '%s'",
                       *q == '\t' ? "\\t" : (char[2]){(char)*q, 0}, quoted(q1, sizeof q1, unit, 24),
                       quoted(q2, sizeof q2, name, 40));
                return false;
            }
        } else {
            n = utf8_len(q, unit.e);
            if (n == 0 || is_section_sign(q, unit.e)) {
                reject(p, RP_LINE_REJECT_BAD_UNIT, "%s in the unit of '%s'",
                       n == 0 ? "invalid UTF-8" : "a second unit sign",
                       quoted(q2, sizeof q2, name, 40));
                return false;
            }
        }
        q += n;
    }
    if (span_len(unit) > RP_LINE_UNIT_MAX) {
        reject(p, RP_LINE_REJECT_BAD_UNIT, "unit '%s' of '%s' longer than %d bytes",
               quoted(q1, sizeof q1, unit, 24), quoted(q2, sizeof q2, name, 40), RP_LINE_UNIT_MAX);
        return false;
    }
    return true;
}

/* The hint for a number that does not parse in a Teleplot line: several samples on it? */
static const char *one_telemetry_hint(span x)
{
    for (const unsigned char *q = x.s; q < x.e; q++)
        if (*q == ',' || *q == ' ' || *q == '|')
            return " (a line with '|' or a unit holds one telemetry)";
    return "";
}

static bool parse_timestamp(rp_line_parser *p, span field, span name, double *ts)
{
    char q1[48], q2[48];
    if (span_number(field, ts) && isfinite(*ts)) return true;
    reject(p, RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp '%s' for '%s'%s",
           quoted(q1, sizeof q1, field, 32), quoted(q2, sizeof q2, name, 40),
           one_telemetry_hint(field));
    return false;
}

static bool parse_value(rp_line_parser *p, span field, span name, const char *what, double *v)
{
    char q1[48], q2[48];
    if (span_number(field, v)) return true;
    reject(p, RP_LINE_REJECT_BAD_NUMBER, "bad %s '%s' for '%s'%s", what,
           quoted(q1, sizeof q1, field, 32), quoted(q2, sizeof q2, name, 40),
           one_telemetry_hint(field));
    return false;
}

/* A value with its unit glued on, as sketches print them: "23.5C", "40%", "3.3V", "21.5°C"
 * (Teleplot and the Arduino plotter read the number and drop the rest). From v: a decimal number
 * (digits, sign, point, exponent: never "inf" or "nan" as the start of a word, never hex) and
 * right after it a unit up to the next separator (blank, ',', ';', '|'), starting with a letter
 * other than 'e' (an exponent cut short), '%' or a non-ASCII character, valid UTF-8 without ':'
 * or '§', at most RP_LINE_UNIT_MAX bytes.
 * True with the value and the unit [*unit, *unit_end); false when v holds no such thing. */
static bool glued_unit(const unsigned char *v, const unsigned char *e, double *value,
                       const unsigned char **unit, const unsigned char **unit_end)
{
    const unsigned char *q = v;
    bool digit = false;
    while (q < e && ((*q >= '0' && *q <= '9') || *q == '.' || *q == '+' || *q == '-' ||
                     ((*q | 0x20u) == 'e' && digit && q + 1 < e &&
                      ((q[1] >= '0' && q[1] <= '9') || q[1] == '+' || q[1] == '-')))) {
        digit |= *q >= '0' && *q <= '9';
        q++;
    }
    if (!digit || q == e || !rp_io_number((const char *)v, (size_t)(q - v), '.', value))
        return false;
    unsigned char c = *q;
    bool starts = ((c | 0x20u) >= 'a' && (c | 0x20u) <= 'z') || c == '%' || c >= 0x80;
    if (!starts || (c | 0x20u) == 'e' || /* "1e": an exponent cut short, not a unit */
        (q - v == 1 && *v == '0' && (c | 0x20u) == 'x')) /* 0x1F */
        return false;
    const unsigned char *u = q;
    while (q < e && !is_sep(*q) && *q != ';' && *q != '|') {
        size_t n = 1;
        if (*q < 0x20 || *q == 0x7f || *q == ':') return false;
        if (*q >= 0x80 && ((n = utf8_len(q, e)) == 0 || is_section_sign(q, e))) return false;
        q += n;
    }
    if ((size_t)(q - u) > RP_LINE_UNIT_MAX) return false;
    *unit = u;
    *unit_end = q;
    return true;
}

/* True when what stands at t, the end of a value's unit, ends the sample: the line ends after it
 * (blanks allowed), or a ',', a tab, a ';' or two spaces follow. */
static bool ends_sample(const unsigned char *t, const unsigned char *e)
{
    const unsigned char *q = t;
    while (q < e && *q == ' ') q++;
    return q == e || *q == ',' || *q == '\t' || *q == ';' || q - t >= 2;
}

/* A unit after the value and a space, as sketches print it: "Temperature = 23.45 *C" (Adafruit's
 * BME280 examples), "Z: 9.81 m/s^2", "Temp: 23.5 C, Hum: 40 %". From s, the space after a value:
 * a word that starts with a letter, '%', '*' or a non-ASCII character ('°', 'µ'), valid UTF-8
 * without ':', '=' or '§', at most RP_LINE_UNIT_MAX bytes, that ends the sample: the line ends
 * after it, or a ',', a tab, a ';' or two spaces follow. Before one space and more words (the next
 * label) it is a unit only when it looks like one, at most 4 letters or holding another byte
 * ("hPa", "°C", "m/s^2"), and that label does not start with a digit: "Temp: 23.5 C Hum: 40" is C
 * and Hum, while "Sensor 1:512 Sensor 2:3" and "Fan 1:5 Fan 2:6" keep their labels with spaces;
 * nor, after an axis's value (after_axis: its label ends in a word of 1-2 letters), is a word of
 * 3 letters or more before an axis-like label ("Z: 3 Gyro X: 4": the next group's name, "Temp A:
 * 20 Temp B: 21": a label with a space).
 * True with the unit [*unit, *unit_end). */
/* The label's last word is axis-like: 1-2 ASCII letters ("Z", "Accel X", "gx"). */
static bool axis_label(span name)
{
    const unsigned char *w = name.e;
    while (w > name.s && ((w[-1] | 0x20u) >= 'a' && (w[-1] | 0x20u) <= 'z')) w--;
    return name.e - w >= 1 && name.e - w <= 2 && (w == name.s || w[-1] == ' ');
}

static bool spaced_unit(const unsigned char *s, const unsigned char *e, bool after_axis,
                        const unsigned char **unit, const unsigned char **unit_end)
{
    const unsigned char *q = s;
    while (q < e && *q == ' ') q++;
    if (q == e) return false;
    unsigned char c = *q;
    bool letter = (c | 0x20u) >= 'a' && (c | 0x20u) <= 'z';
    if (!letter && c != '%' && c != '*' && c < 0x80) return false;
    const unsigned char *u = q;
    bool letters_only = true;
    while (q < e && !is_sep(*q) && *q != ';' && *q != '|') {
        size_t n = 1;
        if (*q < 0x20 || *q == 0x7f || *q == ':' || *q == '=') return false;
        if (*q >= 0x80 && ((n = utf8_len(q, e)) == 0 || is_section_sign(q, e))) return false;
        letters_only &= (*q | 0x20u) >= 'a' && (*q | 0x20u) <= 'z';
        q += n;
    }
    if ((size_t)(q - u) > RP_LINE_UNIT_MAX) return false;
    const unsigned char *t = q;
    while (t < e && *t == ' ') t++;
    if (t < e && (*t == ':' || *t == '=')) return false; /* "b :2", "ay = 456": a label */
    if (!ends_sample(q, e) && ((letters_only && q - u > 4) || (*t >= '0' && *t <= '9')))
        return false;
    if (after_axis && !ends_sample(q, e) && letters_only && q - u >= 3) {
        /* "Z: 3 Gyro X: 4": after an axis's value (its label's last word 1-2 letters), a word of
         * letters before an axis-like label (1-2 letters and ':') names the next group, as
         * "Accel X" did; it was Z's unit, and every Accel axis's. After any other label it is
         * a unit still: "pressure: 1013 hPa T: 21" */
        const unsigned char *w = t;
        while (w < e && (*w | 0x20u) >= 'a' && (*w | 0x20u) <= 'z') w++;
        const unsigned char *colon = w;
        while (colon < e && *colon == ' ') colon++;
        if (w - t >= 1 && w - t <= 2 && colon < e && *colon == ':') return false;
    }
    *unit = u;
    *unit_end = q;
    return true;
}

/* The same reading again in another unit, after a value that had one: DHT sensors' example
 * prints "Temperature: 23.50°C 74.30°F  Heat index: 23.10°C 73.58°F". From s: a decimal number
 * with a unit glued on or after a space, ending the sample (the line ends, or a ',', a tab, a ';'
 * or two spaces follow). True with the value and its unit [*unit, *unit_end). */
static bool other_unit_reading(const unsigned char *s, const unsigned char *e, double *value,
                               const unsigned char **unit, const unsigned char **unit_end)
{
    if (!((*s >= '0' && *s <= '9') || *s == '-' || *s == '+' || *s == '.')) return false;
    if (!glued_unit(s, e, value, unit, unit_end)) {
        const unsigned char *v_end = s;
        while (v_end < e && is_num_char(*v_end)) v_end++;
        if (!rp_io_number((const char *)s, (size_t)(v_end - s), '.', value) || v_end == e ||
            *v_end != ' ' || !spaced_unit(v_end, e, false, unit, unit_end))
            return false;
    }
    return ends_sample(*unit_end, e);
}

/* The length of a number written with a decimal comma that opens s[0..len): [+-] digits ','
 * digits, not followed by another digit, ',' or '.' ("23,5", "-0,25"; not "1,2,3" nor "1,234.5");
 * *comma: where its comma is. 0 when there is none. */
static size_t decimal_comma_number(const char *s, size_t len, size_t *comma)
{
    size_t k = len > 0 && (s[0] == '-' || s[0] == '+');
    size_t whole = k;
    while (k < len && s[k] >= '0' && s[k] <= '9') k++;
    if (k == whole || k == len || s[k] != ',') return 0;
    *comma = k++;
    size_t fraction = k;
    while (k < len && s[k] >= '0' && s[k] <= '9') k++;
    if (k == fraction || (k < len && (s[k] == ',' || s[k] == '.'))) return 0;
    return k;
}

bool rp_line_value_with_unit(const char *text, size_t len, float *value, const char **unit,
                             size_t *unit_len)
{
    const unsigned char *s = (const unsigned char *)text, *e = s + len, *u, *u_end;
    double v;
    if (len > 0 && other_unit_reading(s, e, &v, &u, &u_end) && u_end == e) {
        *value = rp_io_double_to_float(v);
        *unit = (const char *)u;
        *unit_len = (size_t)(u_end - u);
        return true;
    }
    /* One reading written with a decimal comma, as devices and scripts set to a European locale
     * publish it ("23,5", "23,5 °C"): one value, not the two of a line "23,5" */
    size_t comma, n = decimal_comma_number(text, len, &comma);
    char dotted[64 + 2 * RP_LINE_UNIT_MAX]; /* the same bytes, '.' for the comma */
    if (n == 0 || len >= sizeof dotted) return false;
    memcpy(dotted, text, len);
    dotted[comma] = '.';
    if (n == len) {
        if (!rp_io_number(dotted, n, '.', &v)) return false;
        *value = rp_io_double_to_float(v);
        *unit = NULL;
        *unit_len = 0;
        return true;
    }
    const unsigned char *d = (const unsigned char *)dotted;
    if (!other_unit_reading(d, d + len, &v, &u, &u_end) || u_end != d + len) return false;
    *value = rp_io_double_to_float(v);
    *unit = text + (u - d); /* the unit in the caller's text */
    *unit_len = (size_t)(u_end - u);
    return true;
}

/* s: after the optional '>'; the line holds '|' or '§'. */
static void parse_teleplot(rp_line_parser *p, const unsigned char *s, const unsigned char *e)
{
    char q1[48], q2[48];
    const unsigned char *colon = memchr(s, ':', (size_t)(e - s));
    if (!colon) {
        const unsigned char *end = memchr(s, '|', (size_t)(e - s));
        reject(p, RP_LINE_REJECT_NO_COLON, "no ':' after '%s'",
               quoted(q1, sizeof q1, trimmed(s, end ? end : e), 40));
        return;
    }
    span name = trimmed(s, colon);
    if (!check_name(p, name)) return;
    /* statsd's sample rate ("lat:320|ms|@0.5") and DogStatsD's tags ("x:1|c|#env:prod") after
     * the type: the value is plotted as sent, they are ignored */
    for (const unsigned char *b; (b = find_last(colon + 1, e, '|')) != NULL;) {
        span section = trimmed(b + 1, e);
        if (span_len(section) < 2 || (section.s[0] != '@' && section.s[0] != '#')) break;
        e = b;
    }
    const unsigned char *bar = find_last(colon + 1, e, '|');
    const unsigned char *sign = find_section_sign(colon + 1, e);
    const unsigned char *points_end = bar ? bar : e;
    span flags = {e, e}, unit = {e, e};
    if (bar) flags = (span){bar + 1, e};
    if (sign) {
        if (bar && sign > bar) {
            reject(p, RP_LINE_REJECT_BAD_UNIT,
                   "the unit of '%s' comes after its flags ('\\xc2\\xa7unit|flags')",
                   quoted(q2, sizeof q2, name, 40));
            return;
        }
        unit = trimmed(sign + 2, points_end);
        points_end = sign;
    }
    int kind;
    unsigned bits;
    if (!parse_flags(p, flags, name, &kind, &bits)) return;
    if (!check_unit(p, unit, name)) return;
    size_t unit_len = span_len(unit);
    const char *unit_s = unit_len ? (const char *)unit.s : NULL;

    int count = 0;
    for (const unsigned char *q = colon + 1; q <= points_end;) {
        const unsigned char *semi = memchr(q, ';', (size_t)(points_end - q));
        if (!semi) semi = points_end;
        span point = trimmed(q, semi);
        q = semi + 1;
        if (span_len(point) > 0) {
            span f[3]; /* no kind takes more than 3 fields */
            int nf = 0;
            for (const unsigned char *r = point.s;;) {
                const unsigned char *c = memchr(r, ':', (size_t)(point.e - r));
                if (nf < 3) f[nf] = trimmed(r, c ? c : point.e);
                nf++;
                if (!c) break;
                r = c + 1;
            }
            if (count == RP_LINE_VALUES_MAX) {
                reject(p, RP_LINE_REJECT_TOO_MANY_VALUES, "more than %d points in the line",
                       RP_LINE_VALUES_MAX);
                return;
            }
            double ts = 0.0, v = 0.0, x = 0.0;
            bool has_ts = false;
            if (kind == KIND_NUMBER) {
                if (nf > 2) {
                    reject(p, RP_LINE_REJECT_BAD_POINT,
                           "%d fields in a point of '%s': a number point is "
                           "value or timestamp:value (x:y:timestamp needs '|xy')",
                           nf, quoted(q2, sizeof q2, name, 40));
                    return;
                }
                if (nf == 2 && !parse_timestamp(p, f[0], name, &ts)) return;
                const unsigned char *glued = NULL, *glued_end = NULL; /* "23.5C|g" */
                bool ok = span_number(f[nf - 1], &v);
                if (!ok && glued_unit(f[nf - 1].s, f[nf - 1].e, &v, &glued, &glued_end))
                    ok = glued_end == f[nf - 1].e;
                if (!ok && !parse_value(p, f[nf - 1], name, "number", &v)) return;
                p->pending[count] = (rp_line_sample){
                    .name = (const char *)name.s,
                    .name_len = span_len(name),
                    .has_timestamp = nf == 2,
                    .timestamp_ms = ts,
                    .value = rp_io_double_to_float(v),
                    .unit = unit_s ? unit_s : (const char *)glued,
                    .unit_len = unit_s  ? unit_len
                                : glued ? (size_t)(glued_end - glued)
                                        : 0,
                    .flags = bits,
                };
            } else if (kind == KIND_XY) {
                if (nf < 2 || nf > 3) {
                    reject(p, RP_LINE_REJECT_BAD_POINT,
                           "an XY point of '%s' is x:y or x:y:timestamp, not %d field%s",
                           quoted(q2, sizeof q2, name, 40), nf, nf == 1 ? "" : "s");
                    return;
                }
                if (!parse_value(p, f[0], name, "x", &x) || !parse_value(p, f[1], name, "y", &v))
                    return;
                if (nf == 3) {
                    if (!parse_timestamp(p, f[2], name, &ts)) return;
                    has_ts = true;
                }
                p->pending_events[count] = (rp_line_event){
                    .kind = RP_LINE_EVENT_XY,
                    .name = (const char *)name.s,
                    .name_len = span_len(name),
                    .has_timestamp = has_ts,
                    .timestamp_ms = ts,
                    .x = x,
                    .y = v,
                    .unit = unit_s,
                    .unit_len = unit_len,
                    .flags = bits,
                };
            } else {
                /* text: "text" or "timestamp:text"; a text cannot hold ':' (nor ';') */
                if (nf > 2 || (nf == 2 && !(span_number(f[0], &ts) && isfinite(ts)))) {
                    reject(p, RP_LINE_REJECT_BAD_POINT,
                           "':' in the text of '%s' (a text point is text or "
                           "timestamp:text)",
                           quoted(q2, sizeof q2, name, 40));
                    return;
                }
                span text = f[nf - 1];
                if (!valid_text(text)) {
                    reject(p, RP_LINE_REJECT_BAD_TEXT, "invalid UTF-8 in the text of '%s'",
                           quoted(q2, sizeof q2, name, 40));
                    return;
                }
                p->pending_events[count] = (rp_line_event){
                    .kind = RP_LINE_EVENT_TEXT,
                    .name = (const char *)name.s,
                    .name_len = span_len(name),
                    .has_timestamp = nf == 2,
                    .timestamp_ms = nf == 2 ? ts : 0.0,
                    .text = (const char *)text.s,
                    .text_len = span_len(text),
                    .unit = unit_s,
                    .unit_len = unit_len,
                    .flags = bits,
                };
            }
            count++;
        }
        if (semi == points_end) break;
    }
    if (count == 0) {
        reject(p, RP_LINE_REJECT_BAD_NUMBER, "no value for '%s'", quoted(q2, sizeof q2, name, 40));
        return;
    }
    p->stats.lines_ok++;
    if (kind == KIND_NUMBER) {
        emit_samples(p, count);
    } else {
        if (kind == KIND_XY)
            p->stats.xy_points += count;
        else
            p->stats.texts += count;
        emit_events(p, count);
    }
}

/* ---- several samples: "a:1,b:2 c:3", "Sensor 1:1 Sensor 2:2", "v:1000:1;1010:2;" ------------ */

/* Finds the label that starts at s: words joined by single-space gaps up to a label_sep (':', or
 * '=' in a line without ':'; blanks before it allowed). Returns the position of the label_sep
 * (name in *name), or NULL when the words end without one (*name then holds them, for the
 * message). */
static const unsigned char *scan_label(const unsigned char *s, const unsigned char *e,
                                       unsigned char label_sep, span *name)
{
    const unsigned char *start = s;
    for (;;) {
        while (s < e && *s != label_sep && !is_sep(*s)) s++;
        const unsigned char *word_end = s, *t = s;
        bool spaces_only = true;
        while (t < e && rp_io_is_blank(*t)) spaces_only &= *t++ == ' ';
        if (t < e && *t == label_sep) {
            *name = (span){start, word_end};
            return t;
        }
        if (t > word_end && spaces_only && t < e && *t != ',') {
            s = t; /* another word of the same label */
            continue;
        }
        *name = (span){start, word_end};
        return NULL;
    }
}

/* True when a point after ';' at s is rather the next label ("hum:40" after "temp:21.5;", as some
 * sketches separate samples): words up to the label separator that are not a number ("1010:2"
 * is a timestamped point). */
static bool starts_label(const unsigned char *s, const unsigned char *e, unsigned char label_sep)
{
    span name;
    double v;
    return scan_label(s, e, label_sep, &name) &&
           !rp_io_number((const char *)name.s, span_len(name), '.', &v);
}

/* A label-only line of the Arduino Serial Plotter protocol: every field is "name:" with no value
 * ("Label 1:", "Temp:,Hum:", "Temp:\tHum:", "a: b:"). It names the columns of the bare-number
 * lines that follow, by position, until the next such line (as a label line "Temp Hum" does).
 * Returns false, touching nothing, when the line is not one; true when it was taken (or refused
 * for a bad name). */
static bool parse_label_only(rp_line_parser *p, const unsigned char *s, const unsigned char *e)
{
    /* every field of such a line ends with its ':', so the line does (the fast way out of
     * nearly every line, which is data) */
    const unsigned char *t = e;
    while (t > s && (is_sep(t[-1]) || rp_io_is_blank(t[-1]))) t--;
    if (t == s || t[-1] != ':') return false;
    span names[RP_LINE_VALUES_MAX];
    int count = 0;
    while (s < e && is_sep(*s)) s++;
    while (s < e) {
        span name;
        const unsigned char *colon = scan_label(s, e, ':', &name);
        if (!colon || span_len(name) == 0 || count == RP_LINE_VALUES_MAX) return false;
        names[count++] = name;
        s = colon + 1;
        while (s < e && rp_io_is_blank(*s)) s++;
        if (s == e || is_sep(*s)) {
            while (s < e && is_sep(*s)) s++;
            continue;
        }
        /* after "name: " the next label, never a value ("a: 1", "a: 21.5C b:", "a: nan") */
        const unsigned char *w = s;
        while (w < e && !is_sep(*w) && *w != ':') w++;
        double v;
        if (is_digit(*s) || *s == '+' || *s == '-' || *s == '.' ||
            rp_io_number((const char *)s, (size_t)(w - s), '.', &v) || !starts_label(s, e, ':'))
            return false;
    }
    /* the stream's last line without a line end was cut ("b:" of "b:2"): not a label line */
    if (count == 0 || p->finishing) return false;
    for (int i = 0; i < count; i++)
        if (!check_name(p, names[i])) return true;
    if (p->datagram_no > 0 && !p->labels_aside) { /* the stream's, given back after it */
        memcpy(p->stream_label_names, p->label_names, sizeof p->label_names);
        p->labels_aside = true;
    }
    for (int i = 0; i < count; i++) {
        memcpy(p->label_names[i], names[i].s, span_len(names[i]));
        p->label_names[i][span_len(names[i])] = 0;
    }
    p->label_count = count;
    p->stats.lines_ok++;
    return true;
}

/* A label of a line of pairs and the samples it gave: pending[first..end). */
typedef struct label_run {
    int first, end;
    span name;
} label_run;

/* An axis-like token: 1-2 ASCII letters ("X", "Y", "gx"). */
static bool axis_token(const unsigned char *s, size_t n)
{
    if (n == 0 || n > 2) return false;
    for (size_t i = 0; i < n; i++)
        if ((s[i] | 0x20u) < 'a' || (s[i] | 0x20u) > 'z') return false;
    return true;
}

/* A group named once, then its axes, as sensor libraries' examples print a reading:
 * "Acceleration X: 0.12, Y: -0.34, Z: 9.81 m/s^2" (Adafruit's unified sensors, MPU6050 and many
 * sketches like them). A label of several words whose last is an axis-like token (1-2 letters),
 * followed at once by labels that are one such token each, of the same length and each new in the
 * group, names the series group/axis: "Acceleration/X", "Acceleration/Y", "Acceleration/Z" (one
 * panel, "Acceleration", as any group's names make one). They were "Acceleration X", "Y" and "Z",
 * and "Y" and "Z" took the next line's "Rotation X: .., Y: .., Z: .. rad/s" values in turn. The
 * unit that ends the group (the last axis's) is that of every axis without one of its own. Any
 * other line of pairs ("Sensor 1:5 Sensor 2:6", "Temp C: 20, RH: 40", "a:1 b:2") is unchanged. */
static void group_axes(rp_line_parser *p, const label_run *labels, int n)
{
    for (int g = 0; g < n;) {
        span first = labels[g].name;
        const unsigned char *sp = first.e;
        while (sp > first.s && sp[-1] != ' ') sp--;
        size_t token_len = (size_t)(first.e - sp);
        const unsigned char *prefix_end = sp;
        while (prefix_end > first.s && prefix_end[-1] == ' ') prefix_end--;
        size_t prefix_len = (size_t)(prefix_end - first.s);
        int end = g + 1; /* the group's labels: [g, end) */
        if (sp > first.s && prefix_len > 0 && axis_token(sp, token_len) &&
            prefix_len + 1 + token_len <= RP_LINE_NAME_MAX) {
            while (end < n && labels[end].first == labels[end - 1].end &&
                   span_len(labels[end].name) == token_len &&
                   axis_token(labels[end].name.s, token_len)) {
                bool seen = false; /* "X: 1, X: 2" is no axis group */
                for (int k = g; k < end && !seen; k++) {
                    const unsigned char *t = k == g ? sp : labels[k].name.s;
                    seen = strncasecmp((const char *)t, (const char *)labels[end].name.s,
                                       token_len) == 0;
                }
                if (seen) break;
                end++;
            }
        }
        if (end - g < 2) {
            g++;
            continue;
        }
        const rp_line_sample *last = &p->pending[labels[end - 1].end - 1];
        const char *unit = last->unit;
        size_t unit_len = last->unit_len;
        for (int k = g; k < end; k++) {
            const unsigned char *t = k == g ? sp : labels[k].name.s;
            char *name = p->json_names[labels[k].first];
            memcpy(name, first.s, prefix_len);
            name[prefix_len] = '/';
            memcpy(name + prefix_len + 1, t, token_len);
            for (int i = labels[k].first; i < labels[k].end; i++) {
                p->pending[i].name = name;
                p->pending[i].name_len = prefix_len + 1 + token_len;
                if (!p->pending[i].unit && unit) {
                    p->pending[i].unit = unit;
                    p->pending[i].unit_len = unit_len;
                }
            }
        }
        g = end;
    }
}

static void parse_samples(rp_line_parser *p, const unsigned char *s, const unsigned char *e,
                          unsigned char label_sep)
{
    char q1[48], q2[48];
    int count = 0;
    span label = {NULL, NULL};            /* the label of the sample before */
    label_run labels[RP_LINE_VALUES_MAX]; /* the labels taken, for group_axes */
    int label_count = 0;
    /* A bad pair is refused (the line counted once as rejected, under the first one's reason and
     * message) and skipped to the next separator; the line's good pairs still go in. With
     * p->atomic (a line that is data or else log text) the first bad pair refuses it whole. */
    bool bad = false;
    bool refused_value = false; /* the bad pair had a good name and a bad value: its place kept */
    rp_line_stats before_stats;
    char before_error[sizeof p->last_error];
#define FIELD_BAD(reason, ...)                                                                     \
    do {                                                                                           \
        if (!bad) reject(p, reason, __VA_ARGS__);                                                  \
        if (p->atomic || p->probe) return;                                                         \
        bad = true;                                                                                \
        goto next_field;                                                                           \
    } while (0)
/* check_name refuses with its own message: only the first bad pair of a line counts */
#define NAME_OK(x)                                                                                 \
    (bad ? (before_stats = p->stats, memcpy(before_error, p->last_error, sizeof before_error),     \
            check_name(p, x) || (p->stats = before_stats,                                          \
                                 memcpy(p->last_error, before_error, sizeof before_error), false)) \
         : check_name(p, x))
    while (s < e) {
        const unsigned char *field_start = s;
        int label_first = count; /* the pending samples of this label start here */
        if (*s == '>')           /* Teleplot's prefix, blanks after it allowed ("> temp:1") */
            for (s++; s < e && rp_io_is_blank(*s); s++) {
            }
        double other;
        const unsigned char *other_unit, *other_end;
        if (s < e && count > 0 && p->pending[count - 1].unit && count < RP_LINE_VALUES_MAX &&
            other_unit_reading(s, e, &other, &other_unit, &other_end)) {
            /* named after the label and the unit: "Temperature °F" */
            char joined[RP_LINE_NAME_MAX + RP_LINE_UNIT_MAX + 2];
            int n = snprintf(joined, sizeof joined, "%.*s %.*s", (int)span_len(label),
                             (const char *)label.s, (int)(other_end - other_unit),
                             (const char *)other_unit);
            span joined_name = {(const unsigned char *)joined, (const unsigned char *)joined + n};
            if (!NAME_OK(joined_name)) { /* counted once a line, as any bad pair */
                if (p->atomic || p->probe) return;
                bad = true;
                goto next_field;
            }
            memcpy(p->json_names[count], joined, (size_t)n);
            p->pending[count] = p->pending[count - 1];
            p->pending[count].name = p->json_names[count];
            p->pending[count].name_len = (size_t)n;
            p->pending[count].value = rp_io_double_to_float(other);
            p->pending[count].unit = (const char *)other_unit;
            p->pending[count].unit_len = (size_t)(other_end - other_unit);
            count++;
            for (s = other_end; s < e && is_sep(*s); s++) {
            }
            continue;
        }
        span name;
        const unsigned char *colon = scan_label(s, e, label_sep, &name);
        /* "temp1_input": 45.0 (pretty-printed JSON, a Python dict): the quotes are no part */
        if (colon && span_len(name) >= 3 &&
            ((name.s[0] == '"' && name.e[-1] == '"') ||
             (name.s[0] == '\'' && name.e[-1] == '\''))) {
            name.s++;
            name.e--;
            while (name.s < name.e && rp_io_is_blank(*name.s)) name.s++; /* '" t"': "t" */
            while (name.e > name.s && rp_io_is_blank(name.e[-1])) name.e--;
        }
        if (!colon) { /* not a pair: the line is no list of pairs, nothing of it is sure */
            if (!bad)
                reject(p, RP_LINE_REJECT_NO_COLON, "no ':' after '%s'",
                       quoted(q1, sizeof q1, name, 40));
            return;
        }
        if (span_len(name) == 0 && label_sep == '=') { /* "= 5": the message names the '=' */
            s = colon + 1;
            FIELD_BAD(RP_LINE_REJECT_EMPTY_NAME, "empty name before '='");
        }
        if (!NAME_OK(name)) {
            if (p->atomic || p->probe) return;
            bad = true;
            s = colon + 1;
            goto next_field;
        }
        size_t name_len = span_len(name);
        label = name;
        s = colon + 1;
        bool next_label = false; /* the points ended at a ';' before the next label */
        for (;;) {               /* points: [ts:]value, separated by ';' */
            while (s < e && rp_io_is_blank(*s)) s++;
            const unsigned char *t1 = s;
            while (s < e && is_num_char(*s)) s++;
            const unsigned char *t1_end = s;
            while (s < e && rp_io_is_blank(*s)) s++;
            const unsigned char *v = t1, *v_end = t1_end;
            bool has_ts = false;
            double ts = 0.0, value;
            if (s < e && *s == ':') {
                s++;
                while (s < e && rp_io_is_blank(*s)) s++;
                v = s;
                while (s < e && is_num_char(*s)) s++;
                v_end = s;
                has_ts = true;
                if (!rp_io_number((const char *)t1, (size_t)(t1_end - t1), '.', &ts) ||
                    !isfinite(ts)) {
                    FIELD_BAD(RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp '%s' for '%s'",
                              quoted(q1, sizeof q1, (span){t1, t1_end}, 32),
                              quoted(q2, sizeof q2, name, 40));
                }
            } else {
                s = t1_end; /* blanks after a value end the sample */
            }
            const unsigned char *unit = NULL, *unit_end = NULL;
            bool number = rp_io_number((const char *)v, (size_t)(v_end - v), '.', &value);
            bool glued_after = number && v_end < e && !is_sep(*v_end) && *v_end != ';' &&
                               *v_end != '|' && *v_end != ':';
            if ((!number || glued_after) && glued_unit(v, e, &value, &unit, &unit_end)) {
                number = true;
                s = unit_end;
            } else if (number && s < e && *s == ' ' &&
                       spaced_unit(s, e, axis_label(name), &unit, &unit_end)) {
                s = unit_end;
            }
            if (!number) {
                /* a value that starts with no number byte ('\xc2\xb0', a digit of another
                 * script) was quoted as '': show it up to the next separator, or say none came */
                const unsigned char *shown = v_end;
                if (shown == v)
                    while (shown < e && !is_sep(*shown) && *shown != ';' && *shown != '|') shown++;
                s = v_end > s ? v_end : s;
                refused_value = p->desc.refused_places; /* its place kept, when asked */
                if (shown == v)
                    FIELD_BAD(RP_LINE_REJECT_BAD_NUMBER, "no value for '%s'",
                              quoted(q2, sizeof q2, name, 40));
                FIELD_BAD(RP_LINE_REJECT_BAD_NUMBER, "bad number '%s' for '%s'",
                          quoted(q1, sizeof q1, (span){v, shown}, 32),
                          quoted(q2, sizeof q2, name, 40));
            }
            if (count == RP_LINE_VALUES_MAX) { /* the whole line, counted once */
                if (!bad)
                    reject(p, RP_LINE_REJECT_TOO_MANY_VALUES, "more than %d samples in the line",
                           RP_LINE_VALUES_MAX);
                return;
            }
            p->pending[count++] = (rp_line_sample){
                .name = (const char *)name.s,
                .name_len = name_len,
                .has_timestamp = has_ts,
                .timestamp_ms = ts,
                .value = rp_io_double_to_float(value),
                .unit = (const char *)unit,
                .unit_len = unit ? (size_t)(unit_end - unit) : 0,
            };
            if (s < e && *s == ';') {
                /* more points; empty ones (";;", a trailing ';') are skipped; a next label
                 * ("temp:21.5;hum:40", ';' between samples as some sketches print) ends them */
                while (s < e && (*s == ';' || rp_io_is_blank(*s))) s++;
                if (s < e && !is_sep(*s) && !(next_label = starts_label(s, e, label_sep))) continue;
            }
            break;
        }
        if (!next_label && s < e && !is_sep(*s)) {
            const unsigned char *j = s;
            while (j < e && !is_sep(*j)) j++;
            refused_value = p->desc.refused_places; /* "a:5#0": its place kept, when asked */
            FIELD_BAD(RP_LINE_REJECT_TRAILING, "unexpected '%s' after the value of '%s'",
                      quoted(q1, sizeof q1, (span){s, j}, 32), quoted(q2, sizeof q2, name, 40));
        }
        labels[label_count++] = (label_run){label_first, count, name};
        while (s < e && is_sep(*s)) s++;
        continue;
    next_field: /* a bad pair: its points go, the rest of it up to the next separator too */
        count = label_first;
        if (refused_value && count < RP_LINE_VALUES_MAX) /* its place, for series by index */
            p->pending[count++] = (rp_line_sample){.name = (const char *)label.s,
                                                   .name_len = span_len(label),
                                                   .value = NAN,
                                                   .flags = RP_LINE_FLAG_REFUSED};
        refused_value = false;
        if (s <= field_start) s = field_start + 1;
        while (s < e && !is_sep(*s)) s++;
        while (s < e && is_sep(*s)) s++;
    }
#undef FIELD_BAD
#undef NAME_OK
    group_axes(p, labels, label_count);
    if (bad) {
        if (count == 0) return;
        int kept = 0; /* not the refused values' places */
        for (int i = 0; i < count; i++) kept += !(p->pending[i].flags & RP_LINE_FLAG_REFUSED);
        size_t len = strlen(p->last_error); /* the line is counted as rejected already */
        if (kept > 0)
            rp_format(p->last_error + len, sizeof p->last_error - len,
                      " (the line's %d other sample%s kept)", kept, kept == 1 ? "" : "s");
    } else {
        p->stats.lines_ok++;
    }
    emit_samples(p, count);
}

/* ---- one line --------------------------------------------------------------------------------- */

/* Teleplot lines that are not telemetry this parser can take: refused by name. */
static bool refuse_other_teleplot(rp_line_parser *p, const unsigned char *s, const unsigned char *e)
{
    if (*s != '3' && *s != 'J' && *s != 'P' && *s != '|') return false; /* the common case, fast */
    size_t n = (size_t)(e - s);
    if (n >= 3 && memcmp(s, "3D|", 3) == 0) {
        reject(p, RP_LINE_REJECT_3D, "Teleplot 3D shapes ('3D|...') are not supported");
        return true;
    }
    if (n >= 4 && (memcmp(s, "JPG|", 4) == 0 || memcmp(s, "PNG|", 4) == 0)) {
        reject(p, RP_LINE_REJECT_IMAGE, "Teleplot images ('%.3s|...') are not supported",
               (const char *)s);
        return true;
    }
    if (n >= 1 && *s == '|') {
        reject(p, RP_LINE_REJECT_COMMAND,
               "a Teleplot command list ('|name|...') is not a telemetry");
        return true;
    }
    return false;
}

/* ---- one JSON object: {"temp":21.5,"imu":{"ax":0.1},"ts":1700000000.25} -------------------- */
#define JSON_DEPTH 4 /* nested objects flattened into "a/b/c/d" at most; deeper ones skipped */

bool rp_io_json_time(const cJSON *object, const cJSON **item, double *unix_seconds)
{
    *item = NULL;
    for (const cJSON *c = object->child; c; c = c->next) {
        if (!c->string || (strcasecmp(c->string, "ts") && strcasecmp(c->string, "time") &&
                           strcasecmp(c->string, "timestamp")))
            continue;
        *item = c;
        /* an ISO 8601 string: Node-RED, Python's isoformat(), Tasmota's "Time" */
        if (cJSON_IsString(c) && c->valuestring)
            return rp_io_parse_iso8601(c->valuestring, strlen(c->valuestring), unix_seconds) ==
                       RP_OK &&
                   *unix_seconds >= 0;
        if (!cJSON_IsNumber(c) || !isfinite(c->valuedouble) || c->valuedouble < 0) return false;
        *unix_seconds = rp_io_seconds_as_written(c->valuedouble);
        return true;
    }
    return true;
}

/* NaN is rewritten as this string (cJSON has no NaN): an escaped byte no text would hold. */
#define JSON_NAN_TEXT "\"\\u0001\""
#define JSON_NAN_VALUE "\x01"

/* A literal of Python's at s[i..n) where a value starts (after ':' ',' '[' and blanks) and
 * ending where a value ends: its length, and the text it is rewritten as; 0 when none. */
static size_t python_literal(const char *s, size_t i, size_t n, const char **as)
{
    static const struct {
        const char *word, *as;
    } literals[] = {{"NaN", JSON_NAN_TEXT}, {"Infinity", "1e999"}, {"-Infinity", "-1e999"}};
    size_t b = i;
    while (b > 0 && rp_io_is_blank((unsigned char)s[b - 1])) b--;
    if (b == 0 || !strchr(":,[", s[b - 1])) return 0;
    for (size_t k = 0; k < sizeof literals / sizeof literals[0]; k++) {
        size_t len = strlen(literals[k].word);
        if (n - i < len || memcmp(s + i, literals[k].word, len)) continue;
        if (i + len < n && !strchr(",}] \t\r\n", s[i + len])) continue;
        *as = literals[k].as;
        return len;
    }
    return 0;
}

cJSON *rp_io_json_parse(const char *p, size_t n, char *scratch, size_t cap)
{
    cJSON *root = cJSON_ParseWithLength(p, n);
    if (root) return root;
    char *own = NULL;
    if (!scratch || cap < 3 * n) {
        own = malloc(3 * n + 1);
        if (!own) return NULL;
        scratch = own;
        cap = 3 * n + 1;
    }
    size_t o = 0, found = 0;
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        const char *as;
        size_t len = in_string ? 0 : python_literal(p, i, n, &as);
        if (len) {
            size_t m = strlen(as);
            memcpy(scratch + o, as, m);
            o += m;
            i += len - 1;
            found++;
            continue;
        }
        if (in_string && p[i] == '\\' && i + 1 < n) {
            scratch[o++] = p[i++]; /* an escape: the next byte is no quote */
        } else if (p[i] == '"') {
            in_string = !in_string;
        }
        scratch[o++] = p[i];
    }
    root = found ? cJSON_ParseWithLength(scratch, o) : NULL;
    free(own);
    return root;
}

bool rp_io_json_is_sample(const cJSON *item)
{
    return cJSON_IsNumber(item) || cJSON_IsBool(item) ||
           (cJSON_IsString(item) && item->valuestring &&
            !strcmp(item->valuestring, JSON_NAN_VALUE));
}

float rp_io_json_value(const cJSON *item)
{
    if (cJSON_IsString(item)) return NAN; /* NaN (rp_io_json_is_sample) */
    return cJSON_IsBool(item) ? (cJSON_IsTrue(item) ? 1.0f : 0.0f)
                              : rp_io_double_to_float(item->valuedouble);
}

const char *rp_io_json_key(const cJSON *item, size_t *len)
{
    const char *k = item->string ? item->string : "";
    size_t n = strlen(k);
    while (n > 0 && rp_io_is_blank((unsigned char)*k)) {
        k++;
        n--;
    }
    while (n > 0 && rp_io_is_blank((unsigned char)k[n - 1])) n--;
    *len = n;
    return k;
}

bool rp_io_json_has_escaped_nul(const char *p, size_t n)
{
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        if (!in_string) {
            in_string = p[i] == '"';
            continue;
        }
        if (p[i] == '"') {
            in_string = false;
        } else if (p[i] == '\\' && i + 1 < n) {
            if (p[i + 1] == 'u' && i + 5 < n && p[i + 2] == '0' && p[i + 3] == '0' &&
                p[i + 4] == '0' && p[i + 5] == '0')
                return true;
            i++; /* the escaped character */
        }
    }
    return false;
}

/* One sample of a JSON line: item (a number, or a boolean: 1 / 0) named name[0..len). */
static bool json_sample(rp_line_parser *p, const char *name, size_t len, const cJSON *item,
                        int *count, const rp_line_sample *proto)
{
    if (*count == RP_LINE_VALUES_MAX) {
        reject(p, RP_LINE_REJECT_TOO_MANY_VALUES, "more than %d samples in the line",
               RP_LINE_VALUES_MAX);
        return false;
    }
    memcpy(p->json_names[*count], name, len);
    rp_line_sample *out = &p->pending[*count];
    *out = *proto;
    out->name = p->json_names[*count];
    out->name_len = len;
    out->value = rp_io_json_value(item);
    (*count)++;
    return true;
}

/* Stages every number and boolean of obj under name[0..len) + "/" + key (nested objects one
 * level deeper each, an array's elements as key[i]); false when the line is refused (a bad or
 * long name, too many values). */
static bool json_samples(rp_line_parser *p, const cJSON *obj, char *name, size_t len, int depth,
                         const cJSON *skip, int *count, const rp_line_sample *proto)
{
    char q1[48], q2[48];
    for (const cJSON *c = obj->child; c; c = c->next) {
        bool object = cJSON_IsObject(c), array = cJSON_IsArray(c);
        if (c == skip || !c->string || (!rp_io_json_is_sample(c) && !object && !array) ||
            (object && depth + 1 >= JSON_DEPTH))
            continue; /* strings and null are not samples */
        size_t k, at = len + (len > 0);
        const char *key_s = rp_io_json_key(c, &k);
        if (k == 0) {
            reject(p, RP_LINE_REJECT_EMPTY_NAME, "empty JSON key");
            return false;
        }
        if (at + k > RP_LINE_NAME_MAX) {
            const unsigned char *key = (const unsigned char *)key_s;
            reject(
                p, RP_LINE_REJECT_NAME_TOO_LONG, "name '%s%s%s' longer than %d bytes",
                quoted(q1, sizeof q1,
                       (span){(const unsigned char *)name, (const unsigned char *)name + len}, 20),
                len ? "/" : "", quoted(q2, sizeof q2, (span){key, key + k}, 20), RP_LINE_NAME_MAX);
            return false;
        }
        if (len) name[len] = '/';
        memcpy(name + at, key_s, k);
        if (!check_name(
                p, (span){(const unsigned char *)name + at, (const unsigned char *)name + at + k}))
            return false;
        if (object) {
            if (!json_samples(p, c, name, at + k, depth + 1, NULL, count, proto)) return false;
            continue;
        }
        if (!array) {
            if (!json_sample(p, name, at + k, c, count, proto)) return false;
            continue;
        }
        int i = 0; /* an array's numbers and booleans: key[0], key[1]... */
        for (const cJSON *e = c->child; e; e = e->next, i++) {
            if (!rp_io_json_is_sample(e)) continue;
            char index[16];
            int n = snprintf(index, sizeof index, "[%d]", i);
            if (at + k + (size_t)n > RP_LINE_NAME_MAX) {
                const unsigned char *key = (const unsigned char *)key_s;
                reject(p, RP_LINE_REJECT_NAME_TOO_LONG, "name '%s%s' longer than %d bytes",
                       quoted(q2, sizeof q2, (span){key, key + k}, 20), index, RP_LINE_NAME_MAX);
                return false;
            }
            memcpy(name + at + k, index, (size_t)n);
            if (!json_sample(p, name, at + k + (size_t)n, e, count, proto)) return false;
        }
    }
    return true;
}

/* A line that opens with '{': one JSON object, a sample per number or boolean field named by
 * its key path (PlotJuggler's and many sketches' way: {"temp":21.5,"imu":{"ax":0.1}} → temp,
 * imu/ax), all at the time of its "ts" / "time" / "timestamp" field when it has one (Unix
 * seconds, or ms, µs, ns by size, as rp_io_seconds_as_written); anything else opening
 * with '{' (a line cut short) is refused as bad JSON. False: not such a line. */
/* Where the JSON object opening s[0..n) ends (past its closing '}', braces inside strings not
 * counted), or n when it does not close. */
static size_t json_object_end(const unsigned char *s, size_t n)
{
    int depth = 0;
    bool in_string = false;
    for (size_t i = 0; i < n; i++) {
        if (in_string) {
            if (s[i] == '\\')
                i++;
            else if (s[i] == '"')
                in_string = false;
        } else if (s[i] == '"') {
            in_string = true;
        } else if (s[i] == '{' || s[i] == '[') {
            depth++;
        } else if ((s[i] == '}' || s[i] == ']') && --depth == 0) {
            return i + 1;
        }
    }
    return n;
}

static bool parse_json_named(rp_line_parser *p, const unsigned char *s, const unsigned char *e,
                             span prefix);

static bool parse_json(rp_line_parser *p, const unsigned char *s, const unsigned char *e)
{
    return parse_json_named(p, s, e, (span){s, s});
}

/* A line's JSON object, its samples named prefix/key... (prefix: an MQTT topic, "" none). */
static bool parse_json_named(rp_line_parser *p, const unsigned char *s, const unsigned char *e,
                             span prefix)
{
    span line = trimmed(s, e);
    if (span_len(line) < 1 || line.s[0] != '{') return false;
    /* one object a line: text after it ("{"a":1} junk") or a second object ("{"a":2}{"b":3}")
     * makes the line no JSON line (cJSON read the first and dropped the rest unsaid) */
    size_t end = json_object_end(line.s, span_len(line));
    span rest = trimmed(line.s + end, line.e);
    if (span_len(rest) > 0) {
        char q[48];
        if (rest.s[0] == '{')
            reject(p, RP_LINE_REJECT_BAD_JSON,
                   "a second JSON object ('%s') after the first: one object a line",
                   quoted(q, sizeof q, rest, 24));
        else
            reject(p, RP_LINE_REJECT_BAD_JSON, "text '%s' after the JSON object",
                   quoted(q, sizeof q, rest, 24));
        return true;
    }
    if (rp_io_json_has_escaped_nul((const char *)line.s, span_len(line))) {
        reject(p, RP_LINE_REJECT_BAD_JSON, "JSON string with an escaped NUL (\\u0000)");
        return true;
    }
    cJSON *root = rp_io_json_parse((const char *)line.s, span_len(line), p->json_scratch,
                                   sizeof p->json_scratch);
    if (!root || !cJSON_IsObject(root)) {
        reject(p, RP_LINE_REJECT_BAD_JSON, "malformed JSON");
        cJSON_Delete(root);
        return true;
    }
    rp_line_sample proto = {0};
    const cJSON *time_item;
    double t;
    if (!rp_io_json_time(root, &time_item, &t)) {
        reject(p, RP_LINE_REJECT_BAD_TIMESTAMP,
               "JSON time '%s' is not a number of seconds (or ms, us, ns) or an ISO 8601 date-time",
               time_item->string);
        cJSON_Delete(root);
        return true;
    }
    proto.has_timestamp = time_item != NULL;
    proto.timestamp_ms = time_item ? t * 1000.0 : 0.0;
    char name[RP_LINE_NAME_MAX + 1];
    memcpy(name, prefix.s, span_len(prefix)); /* at most RP_LINE_NAME_MAX (topic_line) */
    int count = 0;
    bool ok = json_samples(p, root, name, span_len(prefix), 0, time_item, &count, &proto);
    cJSON_Delete(root);
    if (!ok) return true;
    if (count == 0) {
        reject(p, RP_LINE_REJECT_BAD_NUMBER, "JSON object without a number field");
        return true;
    }
    p->stats.lines_ok++;
    emit_samples(p, count);
    return true;
}

/* Parses one complete line (without "\n"); emits what it holds or rejects it whole. */
static void parse_data(rp_line_parser *p, unsigned classes, const unsigned char *s,
                       const unsigned char *body, const unsigned char *e);

/* Copies [s, e) into out without its terminal colour codes (ESC '[' parameters and a final
 * letter: ESP-IDF's and Zephyr's coloured logs, "\x1b[0;32mI (1234) main: t=1\x1b[0m"); other
 * bytes stay, an ESC not opening such a code included. Returns the copy's end. */
static unsigned char *strip_colours(const unsigned char *s, const unsigned char *e,
                                    unsigned char *out)
{
    while (s < e) {
        size_t code = rp_io_colour_code_len((const char *)s, (size_t)(e - s));
        if (code) {
            s += code;
            continue;
        }
        *out++ = *s++;
    }
    return out;
}

/* Log levels as loggers write them (level_prefix, bracket_level_prefix). */
static const char *const k_level_words[] = {"TRACE",   "DEBUG", "INFO",     "NOTICE", "WARN",
                                            "WARNING", "ERROR", "CRITICAL", "FATAL"};

/* A log level after a line's time stamp, as logging libraries write it: Zephyr's "<inf> app: "
 * (then a module name and ": ") or a level word, "INFO " (Python's logging, many loggers). Sets
 * *tag to where the log text starts (the module, or the level word) and returns where the
 * message starts, or NULL. */
static const unsigned char *level_prefix(const unsigned char *s, const unsigned char *e,
                                         const unsigned char **tag)
{
    const unsigned char *q = NULL;
    if (e - s >= 6 && *s == '<' && s[4] == '>' && s[5] == ' ') { /* Zephyr: "<inf> module: " */
        const unsigned char *colon = memchr(s + 6, ':', (size_t)(e - s - 6));
        if (!colon || colon + 1 >= e || colon[1] != ' ') return NULL;
        *tag = s + 6;
        q = colon + 2;
    } else {
        for (size_t i = 0; i < sizeof k_level_words / sizeof k_level_words[0] && !q; i++) {
            size_t n = strlen(k_level_words[i]);
            if ((size_t)(e - s) > n + 1 && !memcmp(s, k_level_words[i], n) && rp_io_is_blank(s[n]))
                q = s + n + 1;
        }
        *tag = s; /* the log text keeps its level: "WARNING disk low" */
    }
    while (q && q < e && rp_io_is_blank(*q)) q++;
    return q && q < e ? q : NULL;
}

/* Python's default logging format, "LEVEL:logger:message" ("INFO:root:temp=21.5", what
 * logging.basicConfig() prints): returns where the message starts, *tag the line (its log text
 * keeps level and logger), or NULL when the line opens otherwise. */
static const unsigned char *python_log_prefix(const unsigned char *s, const unsigned char *e,
                                              const unsigned char **tag)
{
    static const char *const words[] = {"DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL"};
    if (s >= e || (*s != 'D' && *s != 'I' && *s != 'W' && *s != 'E' && *s != 'C'))
        return NULL; /* the way out of nearly every line, which is data */
    const unsigned char *q = NULL;
    for (size_t i = 0; i < sizeof words / sizeof words[0] && !q; i++) {
        size_t n = strlen(words[i]);
        if ((size_t)(e - s) > n + 2 && !memcmp(s, words[i], n) && s[n] == ':') q = s + n + 1;
    }
    if (!q) return NULL;
    const unsigned char *logger = q;
    while (q < e && *q != ':' && !rp_io_is_blank(*q)) q++;
    if (q == logger || q >= e || *q != ':') return NULL;
    q++;
    while (q < e && rp_io_is_blank(*q)) q++;
    *tag = s;
    return q < e ? q : NULL;
}

/* A log level in brackets opening a line, as many firmware loggers write it ("[INFO] temp=21",
 * "[warn] ..."): returns where the message starts, *tag the line (its log text keeps the level),
 * or NULL when the line opens otherwise (it made a series "[INFO] temp"). */
static const unsigned char *bracket_level_prefix(const unsigned char *s, const unsigned char *e,
                                                 const unsigned char **tag)
{
    static const char *const short_words[] = {"DBG", "INF", "WRN", "ERR", "VERBOSE"};
    if (e - s < 4 || *s != '[') return NULL;
    const unsigned char *close = memchr(s + 1, ']', (size_t)(e - s - 1));
    if (!close || close + 1 >= e || !rp_io_is_blank(close[1])) return NULL;
    size_t n = (size_t)(close - s - 1);
    bool level = false;
    for (size_t i = 0; i < sizeof k_level_words / sizeof k_level_words[0] && !level; i++)
        level =
            strlen(k_level_words[i]) == n && !strncasecmp((const char *)s + 1, k_level_words[i], n);
    for (size_t i = 0; i < sizeof short_words / sizeof short_words[0] && !level; i++)
        level = strlen(short_words[i]) == n && !strncasecmp((const char *)s + 1, short_words[i], n);
    if (!level) return NULL;
    const unsigned char *q = close + 1;
    while (q < e && rp_io_is_blank(*q)) q++;
    *tag = s;
    return q < e ? q : NULL;
}

/* ESP-IDF's log prefix ("I (1234) main: ", level letter E W I D V, the ms since boot or a clock
 * time in parentheses, the tag): its time in *ms and where the tag starts in *tag; returns where
 * the message starts, or NULL when the line opens otherwise. */
static const unsigned char *esp_log_prefix(rp_line_parser *p, const unsigned char *s,
                                           const unsigned char *e, double *ms,
                                           const unsigned char **tag)
{
    if (e - s < 8 || !strchr("EWIDV", *s) || s[1] != ' ' || s[2] != '(') return NULL;
    const unsigned char *q = s + 3, *close = memchr(q, ')', (size_t)(e - q));
    if (!close || close == q || close + 2 >= e || close[1] != ' ') return NULL;
    double seconds = NAN, boot_ms;
    if (memchr(q, ':', (size_t)(close - q))) { /* "I (12:00:01.123) tag: ": a clock time */
        if (rp_io_parse_iso8601((const char *)q, (size_t)(close - q), &seconds) != RP_OK)
            return NULL;
    } else if (!rp_io_number((const char *)q, (size_t)(close - q), '.', &boot_ms) ||
               !isfinite(boot_ms) || boot_ms < 0) {
        return NULL;
    }
    *tag = close + 2;
    const unsigned char *colon = memchr(*tag, ':', (size_t)(e - *tag));
    if (!colon || colon == *tag || colon + 1 >= e || colon[1] != ' ') return NULL;
    const unsigned char *message = colon + 2;
    while (message < e && rp_io_is_blank(*message)) message++;
    if (message == e) return NULL;
    if (isnan(seconds))
        *ms = boot_ms;
    else /* a time of day alone goes on past midnight (the parser's day clock) */
        *ms = 1000.0 *
              (seconds >= 0 && seconds < 86400 ? rp_io_day_clock(&p->day_clock, seconds) : seconds);
    return message;
}

/* A clock time at s: h:mm or h:mm:ss (1-2 digits of hours, minutes and seconds of two digits
 * below 60, a fraction after the seconds), then the end of the line or a blank and no more ':'.
 * Returns its end, or NULL. */
static const unsigned char *clock_at(const unsigned char *s, const unsigned char *e)
{
    const unsigned char *q = s;
    while (q < e && is_digit(*q) && q - s < 3) q++;
    if (q == s || q - s > 2) return NULL;
    for (int field = 0; field < 2; field++) {
        if (field == 1 && (q == e || *q != ':')) break;
        if (e - q < 3 || q[0] != ':' || q[1] < '0' || q[1] > '5' || !is_digit(q[2])) return NULL;
        q += 3;
    }
    if (q < e && *q == '.' && q - s >= 7) /* a fraction of the seconds */
        for (q++; q < e && is_digit(*q); q++) {
        }
    if (q < e && !rp_io_is_blank(*q)) return NULL;
    return memchr(q, ':', (size_t)(e - q)) ? NULL : q;
}

/* A line (from its first non-blank; no Teleplot '>') that tells a clock time, not
 * "name:timestamp:value": ESP32's boot line "ets Jun  8 2016 00:22:57", "Uptime 00:01:23",
 * "GPS fix at 12:34:56", "Time: 12:34". Either the name before the first ':' ends in a number of
 * 1-2 digits (a word of its own) that opens a clock with seconds, or a clock that ends the line;
 * or the value after that ':' is a clock and nothing else. Teleplot's full syntax ('|', '§')
 * and JSON are never clock text. */
static bool clock_text(const unsigned char *s, const unsigned char *e)
{
    if (s == e || *s == '>' || *s == '{') return false;
    const unsigned char *colon = memchr(s, ':', (size_t)(e - s));
    if (!colon) return false;
    bool clock = false;
    const unsigned char *h = colon;
    while (h > s && is_digit(h[-1]) && colon - h < 3) h--;
    if (h < colon && colon - h <= 2 && (h == s || rp_io_is_blank(h[-1]))) {
        const unsigned char *end = clock_at(h, e);
        clock = end && (end - h >= 7 || end == e);
    }
    if (!clock) {
        const unsigned char *v = colon + 1;
        while (v < e && rp_io_is_blank(*v)) v++;
        const unsigned char *end = clock_at(v, e);
        if (!end) return false;
        while (end < e && rp_io_is_blank(*end)) end++;
        if (end != e) return false;
    }
    /* a clock was told: but not in Teleplot's flagged or unit lines (the rarer check, last) */
    return !memchr(s, '|', (size_t)(e - s)) && !find_section_sign(s, e);
}

/* A line that is no data: log text (counted as ignored, emitted when valid UTF-8). */
static void log_text(rp_line_parser *p, const unsigned char *from, const unsigned char *e)
{
    p->stats.lines_ignored++;
    span text = trimmed(from, e);
    if (!valid_text(text)) return;
    p->pending_events[0] = (rp_line_event){
        .kind = RP_LINE_EVENT_LOG, .text = (const char *)text.s, .text_len = span_len(text)};
    p->stats.logs++;
    emit_events(p, 1);
}

static void parse_line(void *ctx, const char *data, size_t len, bool too_long)
{
    rp_line_parser *p = ctx;
    p->stats.lines++;
    p->datagram_line++;
    if (p->datagram_no == 0) p->stream_lines++;
    if (too_long || len > RP_LINE_MAX) {
        reject(p, RP_LINE_REJECT_TOO_LONG, "longer than %d bytes, dropped", RP_LINE_MAX);
        return;
    }
    const unsigned char *s = (const unsigned char *)data, *e = s + len;
    if (memchr(s, 0x1b, len)) { /* terminal colour codes around a log line: not part of it */
        e = strip_colours(s, e, p->uncoloured);
        s = p->uncoloured;
        len = (size_t)(e - s);
    }
    /* a UTF-8 byte order mark opening the stream (a file saved by Windows Notepad), or a
     * datagram (each is read as a stream of its own), is no part of the first name: "\uFEFFa"
     * and "a" were two series */
    bool opening =
        p->datagram_no ? p->datagram_line == 1 : p->stream_lines == 1 && p->desc.lines_before == 0;
    if (opening && len >= 3 && !memcmp(s, "\xEF\xBB\xBF", 3)) s += 3;
    unsigned classes = 0; /* every byte is looked at once, whatever the line turns out to be */
    for (const unsigned char *q = s; q < e; q++) classes |= p->byte_class[*q];
    if (classes & BYTE_CONTROL) {
        const unsigned char *q = s;
        while (!rp_io_is_control(*q)) q++;
        reject(p, RP_LINE_REJECT_BINARY, "control byte 0x%02x at byte %zu", *q,
               (size_t)(q - s) + 1);
        return;
    }
    while (s < e && is_sep(*s)) s++;
    if (s == e) {
        p->stats.lines_empty++;
        return;
    }
    const unsigned char *kernel = kernel_stamp(s, e, &p->line_time_ms);
    const unsigned char *stamped = kernel ? kernel : time_prefix(p, s, e, &p->line_time_ms);
    p->line_has_time = stamped != NULL;
    if (stamped) s = stamped;
    /* a log line: its message is data ("I (1234) main: temp=21.5" from ESP-IDF, a stamped
     * "INFO temp=21.5", Zephyr's "<inf> app: temp=21.5", the kernel's "[ 12.3] temp=45.2") or
     * else log text */
    const unsigned char *tag = NULL, *message = esp_log_prefix(p, s, e, &p->line_time_ms, &tag);
    if (message) p->line_has_time = true;
    if (!message && stamped) message = level_prefix(s, e, &tag);
    if (!message && kernel) message = tag = s;
    if (!message) message = python_log_prefix(s, e, &tag);
    if (!message) message = bracket_level_prefix(s, e, &tag);
    if ((p->desc.prefix_only && *s != '>') || message) {
        const unsigned char *log_from = message ? tag : s;
        if (message) s = message;
        /* Teleplot's serial convention: what a sketch prints besides its '>' lines is its log.
         * Valid data without '>' is still data (a stream may mix both); any other line is log
         * text, not an error: its refusal is undone (a line emits all or nothing). */
        if (!clock_text(s, e)) {
            rp_line_stats stats = p->stats;
            bool rejected_in_call = p->rejected_in_call;
            char last_error[sizeof p->last_error];
            memcpy(last_error, p->last_error, sizeof last_error);
            p->atomic = true;
            parse_data(p, classes, s, s, e);
            p->atomic = false;
            if (p->stats.lines_rejected == stats.lines_rejected) return;
            p->stats = stats;
            p->rejected_in_call = rejected_in_call;
            memcpy(p->last_error, last_error, sizeof last_error);
        }
        log_text(p, log_from, e);
        return;
    }
    const unsigned char *body = s;
    if (*s == '>') {
        if (parse_log(p, s + 1, e)) return;
        body = s + 1;
    } else if (clock_text(s, e)) {
        if (p->probe) /* before the format is known it decides nothing: a banner line */
            p->stats.lines_ignored++;
        else
            log_text(p, s, e); /* "Uptime 00:01:23": a message, not name:timestamp:value */
        return;
    }
    parse_data(p, classes, s, body, e);
}

/* mosquitto_sub -v's "TOPIC PAYLOAD" (s: from the line's first non-blank): a first word holding
 * '/' and none of ':' ',' ';' '=' '{' '"', then blanks, then the payload. Returns where the
 * payload starts with the topic in *topic, or NULL when the line is no such line. */
static const unsigned char *topic_payload(const unsigned char *s, const unsigned char *e,
                                          span *topic)
{
    const unsigned char *q = s;
    bool slash = false;
    while (q < e && !rp_io_is_blank(*q)) {
        if (*q == ':' || *q == ',' || *q == ';' || *q == '=' || *q == '{' || *q == '"' ||
            *q == '\'' || *q == '|' || *q == '[' || *q < 0x20)
            return NULL;
        slash |= *q == '/';
        q++;
    }
    if (!slash || q == s || q == e || (size_t)(q - s) > RP_LINE_NAME_MAX || *s == '/' ||
        q[-1] == '/')
        return NULL;
    *topic = (span){s, q};
    while (q < e && rp_io_is_blank(*q)) q++;
    return q < e ? q : NULL;
}

/* A "TOPIC PAYLOAD" line (topic_payload): a JSON object's samples are topic/key, a number (with
 * its unit) is the sample topic, as MQTT payloads are named. False when the line is no such
 * line (nothing done). */
static bool parse_topic_line(rp_line_parser *p, const unsigned char *s, const unsigned char *e)
{
    span topic;
    const unsigned char *payload = topic_payload(s, e, &topic);
    if (!payload) return false;
    span rest = trimmed(payload, e);
    if (*rest.s == '{') return parse_json_named(p, rest.s, rest.e, topic);
    double v;
    size_t value_len, unit_at;
    const char *r = (const char *)rest.s;
    size_t n = span_len(rest);
    bool number = rp_io_number(r, n, '.', &v), unit = false;
    if (!number && rp_io_split_unit(r, n, RP_LINE_UNIT_MAX, &value_len, &unit_at) &&
        rp_io_number(r, value_len, '.', &v) && rp_io_utf8_valid(r + unit_at, n - unit_at)) {
        number = unit = true;
        for (size_t k = unit_at; k < n; k++) /* what a unit may hold (check_unit) */
            if (r[k] == ':' || r[k] == ';' || r[k] == '|' || (unsigned char)r[k] < 0x20 ||
                is_section_sign(rest.s + k, rest.e))
                number = unit = false;
    }
    /* a word as payload only under a topic of three levels or more ("home/door/state open"):
     * "I/O error" is a message */
    size_t levels = 1;
    for (const unsigned char *q = topic.s; q < topic.e; q++) levels += *q == '/';
    bool word = !number && levels >= 3 && n <= 64 && valid_text(rest);
    for (size_t k = 0; word && k < n; k++)
        word = !rp_io_is_blank(rest.s[k]) && rest.s[k] != ':' && rest.s[k] != ';';
    if (!word && !number) return false;
    if (!check_name(p, topic)) return true; /* refused, said */
    if (word) {                             /* a state ("online", "ON"): a text value, as MQTT's */
        p->pending_events[0] = (rp_line_event){.kind = RP_LINE_EVENT_TEXT,
                                               .name = (const char *)topic.s,
                                               .name_len = span_len(topic),
                                               .text = (const char *)rest.s,
                                               .text_len = n};
        p->stats.lines_ok++;
        p->stats.texts++;
        emit_events(p, 1);
        return true;
    }
    p->pending[0] = (rp_line_sample){.name = (const char *)topic.s,
                                     .name_len = span_len(topic),
                                     .value = rp_io_double_to_float(v),
                                     .unit = unit ? r + unit_at : NULL,
                                     .unit_len = unit ? n - unit_at : 0};
    p->stats.lines_ok++;
    emit_samples(p, 1);
    return true;
}

bool rp_line_is_topic_line(const char *line, size_t len)
{
    span topic;
    const unsigned char *s = (const unsigned char *)line, *e = s + len;
    while (s < e && rp_io_is_blank(*s)) s++;
    while (e > s && (rp_io_is_blank(e[-1]) || e[-1] == '\r')) e--;
    const unsigned char *payload = topic_payload(s, e, &topic);
    if (!payload) return false;
    if (*payload == '{') return true;
    double v;
    size_t value_len, unit_at;
    size_t n = (size_t)(e - payload);
    return rp_io_number((const char *)payload, n, '.', &v) ||
           (rp_io_split_unit((const char *)payload, n, RP_LINE_UNIT_MAX, &value_len, &unit_at) &&
            rp_io_number((const char *)payload, value_len, '.', &v));
}

/* A line's data, body after its '>' prefix if any (s: the line, from its first non-blank;
 * classes: the byte classes it holds). */
static void parse_data(rp_line_parser *p, unsigned classes, const unsigned char *s,
                       const unsigned char *body, const unsigned char *e)
{
    if (*body == '{' && parse_json(p, body, e)) return;
    if (body == s && parse_topic_line(p, s, e)) return; /* mosquitto_sub -v */
    if (refuse_other_teleplot(p, body, e)) return;
    if (parse_bare_values(p, s, e)) return;
    if (body == s && !(classes & BYTE_TELEPLOT) && parse_label_only(p, s, e)) return;
    /* "64 bytes from host (1.2.3.4): icmp_seq=1 ttl=117 time=12.3 ms" (ping), "tag: a=1 b=2":
     * a message of '=' pairs after a text and ": " is read as its pairs, when they all are */
    const unsigned char *colon = body == s && (classes & BYTE_EQUALS) && !(classes & BYTE_TELEPLOT)
                                     ? memchr(s, ':', (size_t)(e - s))
                                     : NULL;
    if (colon && colon + 1 < e && rp_io_is_blank(colon[1]) &&
        !memchr(colon + 1, ':', (size_t)(e - colon - 1)) && !p->atomic) {
        rp_line_stats stats = p->stats;
        bool rejected_in_call = p->rejected_in_call;
        char last_error[sizeof p->last_error];
        memcpy(last_error, p->last_error, sizeof last_error);
        const unsigned char *m = colon + 1;
        while (m < e && rp_io_is_blank(*m)) m++;
        p->atomic = true;
        parse_samples(p, m, e, '=');
        p->atomic = false;
        if (p->stats.lines_ok > stats.lines_ok) return; /* read whole */
        p->stats = stats;
        p->rejected_in_call = rejected_in_call;
        memcpy(p->last_error, last_error, sizeof last_error);
    }
    if ((classes & BYTE_TELEPLOT) &&
        (memchr(body, '|', (size_t)(e - body)) || find_section_sign(body, e)))
        parse_teleplot(p, body, e);
    else /* "temp=21.5 hum=40", as many loggers print: '=' labels a value in a line without ':' */
        parse_samples(
            p, s, e, (classes & BYTE_EQUALS) && !memchr(body, ':', (size_t)(e - body)) ? '=' : ':');
}

rp_status rp_line_parser_create(const rp_line_parser_desc *desc, rp_line_parser **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    if (!desc || !desc->on_sample) return RP_ERR_INVALID_ARG;
    rp_line_parser *p = calloc(1, sizeof *p);
    if (!p) return RP_ERR_NO_MEMORY;
    p->desc = *desc;
    for (int i = 0; i < RP_LINE_VALUES_MAX; i++)
        snprintf(p->bare_names[i], sizeof p->bare_names[i], "value%d", i + 1);
    for (int c = 0; c < 256; c++)
        p->byte_class[c] = (unsigned char)((rp_io_is_control((unsigned char)c) ? BYTE_CONTROL : 0) |
                                           (c == '|' || c == 0xC2 ? BYTE_TELEPLOT : 0) |
                                           (c == '=' ? BYTE_EQUALS : 0));
    *out = p;
    return RP_OK;
}

void rp_line_parser_destroy(rp_line_parser *parser) { free(parser); }

rp_status rp_line_parser_feed(rp_line_parser *parser, const void *data, size_t len)
{
    if (!parser || (!data && len > 0)) return RP_ERR_INVALID_ARG;
    parser->stats.bytes += (int64_t)len;
    parser->rejected_in_call = false;
    parser->datagram_no = 0;
    rp_lines_feed(&parser->lines, data, len, parse_line, parser);
    return parser->rejected_in_call ? RP_ERR_PARSE : RP_OK;
}

void rp_line_parser_set_probe(rp_line_parser *parser, bool probe)
{
    if (parser) parser->probe = probe;
}

rp_status rp_line_parser_finish(rp_line_parser *parser)
{
    if (!parser) return RP_ERR_INVALID_ARG;
    parser->rejected_in_call = false;
    parser->datagram_no = 0;
    parser->finishing = true;
    rp_lines_finish(&parser->lines, parse_line, parser);
    parser->finishing = false;
    return parser->rejected_in_call ? RP_ERR_PARSE : RP_OK;
}

rp_status rp_line_parser_feed_datagram(rp_line_parser *parser, const void *data, size_t len)
{
    if (!parser || (!data && len > 0)) return RP_ERR_INVALID_ARG;
    parser->stats.bytes += (int64_t)len;
    parser->stats.datagrams++;
    if (len > RP_DATAGRAM_MAX) {
        parser->stats.datagrams_rejected++;
        rp_io_msg(parser->last_error, sizeof parser->last_error,
                  "datagram %lld: %zu bytes, more than %d, dropped",
                  (long long)parser->stats.datagrams, len, RP_DATAGRAM_MAX);
        return RP_ERR_LIMIT;
    }
    parser->rejected_in_call = false;
    if (len == 0) return RP_OK; /* an empty datagram holds no line */
    parser->datagram_no = parser->stats.datagrams;
    parser->datagram_line = 0;
    /* no label of the stream (nor of an earlier datagram) names this one's columns */
    parser->stream_label_count = parser->label_count;
    parser->label_count = 0;
    parser->labels_aside = false;
    /* The whole datagram is in memory: split it in place, the last line needs no "\n", and the
     * stream's pending line (parser->lines) is neither used nor disturbed. */
    const char *p = data, *end = p + len;
    while (p < end) { /* lines end as in a stream (rp_lines_end), the datagram's end too */
        const char *next = end;
        bool cr_last;
        const char *stop = rp_lines_end(p, end, &next, &cr_last);
        if (!stop) stop = end;
        size_t n = (size_t)(stop - p);
        /* its last line without a line end reads as a stream's last one does */
        parser->finishing = next == end && stop == end;
        if (n > RP_LINE_MAX + 1)
            parse_line(parser, NULL, 0, true);
        else
            parse_line(parser, p, n, false);
        parser->finishing = false;
        p = next;
    }
    parser->datagram_no = 0;
    if (parser->labels_aside)
        memcpy(parser->label_names, parser->stream_label_names, sizeof parser->label_names);
    parser->label_count = parser->stream_label_count;
    parser->labels_aside = false;
    return parser->rejected_in_call ? RP_ERR_PARSE : RP_OK;
}

rp_line_stats rp_line_parser_stats(const rp_line_parser *parser)
{
    rp_line_stats none = {0};
    return parser ? parser->stats : none;
}

const char *rp_line_parser_last_error(const rp_line_parser *parser)
{
    return parser ? parser->last_error : "";
}
