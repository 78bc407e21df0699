/* text.c — Teleplot-style text line parser ("name:value", "name:ts_ms:value", ...), streamed or
 * one UDP datagram at a time. Grammar and limits: io/parse.h. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "io/io_internal.h"

/* A parsed name must always fit a series name (ringplot.h). */
_Static_assert(RP_LINE_NAME_MAX == RP_NAME_MAX - 1, "sample names must fit RP_NAME_MAX");

struct rp_line_parser {
    rp_line_parser_desc desc;
    rp_lines lines;
    rp_line_stats stats;
    int64_t datagram_no;   /* > 0 while a datagram is parsed: messages name it */
    int64_t datagram_line; /* line number inside that datagram */
    bool rejected_in_call; /* a feed call reports RP_ERR_PARSE when set */
    rp_line_sample pending[RP_LINE_VALUES_MAX]; /* a line's samples, emitted once all parsed */
    char bare_names[RP_LINE_VALUES_MAX][12];    /* "value1".. for lines of bare numbers */
    char last_error[RP_IO_ERROR_MAX];
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
        rp_io_msg(p->last_error, sizeof p->last_error, "line %lld: %s", (long long)p->stats.lines,
                  detail);
}

/* Bare numbers (the Arduino Serial Plotter convention, "21.5 40.2", "1,2,3", "1;2;3"): a line
 * with no ':' whose tokens, separated by blanks, ',' or ';', are all numbers. Stores up to max
 * values (values may be NULL to only check) and returns how many tokens there were, or -1 when
 * the line is not bare numbers. One definition for the parser and for format detection. */
static int bare_values(const unsigned char *s, const unsigned char *e, float *values, int max)
{
    if (memchr(s, ':', (size_t)(e - s))) return -1;
    int count = 0;
    while (s < e && (is_sep(*s) || *s == ';')) s++;
    while (s < e) {
        const unsigned char *t = s;
        while (s < e && !is_sep(*s) && *s != ';') s++;
        double value;
        if (!rp_io_number((const char *)t, (size_t)(s - t), '.', &value)) return -1;
        if (values && count < max) values[count] = rp_io_double_to_float(value);
        count++;
        while (s < e && (is_sep(*s) || *s == ';')) s++;
    }
    return count > 0 ? count : -1;
}

bool rp_line_is_bare_values(const char *line, size_t len)
{
    if (!line) return false;
    if (len > 0 && line[len - 1] == '\r') len--;
    return bare_values((const unsigned char *)line, (const unsigned char *)line + len, NULL, 0) > 0;
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
    for (int i = 0; i < count; i++)
        p->pending[i] = (rp_line_sample){
            .name = p->bare_names[i], .name_len = strlen(p->bare_names[i]), .value = values[i]};
    p->stats.lines_ok++;
    p->stats.samples += count;
    for (int i = 0; i < count; i++) p->desc.on_sample(p->desc.user, &p->pending[i]);
    return true;
}

/* Parses one complete line (without "\n"); emits its samples or rejects it whole. */
static void parse_line(void *ctx, const char *data, size_t len, bool too_long)
{
    rp_line_parser *p = ctx;
    p->stats.lines++;
    p->datagram_line++;
    if (len > 0 && data[len - 1] == '\r') len--;
    if (too_long || len > RP_LINE_MAX) {
        reject(p, RP_LINE_REJECT_TOO_LONG, "longer than %d bytes, dropped", RP_LINE_MAX);
        return;
    }
    const unsigned char *s = (const unsigned char *)data, *e = s + len;
    for (const unsigned char *q = s; q < e; q++) {
        if (rp_io_is_control(*q)) {
            reject(p, RP_LINE_REJECT_BINARY, "control byte 0x%02x at byte %zu", *q,
                   (size_t)(q - s) + 1);
            return;
        }
    }
    while (s < e && is_sep(*s)) s++;
    if (s == e) {
        p->stats.lines_empty++;
        return;
    }
    if (p->desc.prefix_only && *s != '>') {
        p->stats.lines_ignored++;
        return;
    }
    if (parse_bare_values(p, s, e)) return;

    char q1[48], q2[48];
    int count = 0;
    while (s < e) {
        if (*s == '>') s++;
        const unsigned char *name = s;
        while (s < e && *s != ':' && !is_sep(*s)) {
            if (*s < 0x80) {
                if (*s == ';' || *s == '|') {
                    rp_io_quote(q1, sizeof q1, (const char *)name, (size_t)(s - name) + 1, 40);
                    reject(p, RP_LINE_REJECT_BAD_NAME, "'%c' not allowed in name '%s'", *s, q1);
                    return;
                }
                s++;
            } else {
                size_t n = utf8_len(s, e);
                if (n == 0) {
                    rp_io_quote(q1, sizeof q1, (const char *)name, (size_t)(s - name) + 1, 40);
                    reject(p, RP_LINE_REJECT_BAD_NAME, "invalid UTF-8 in name '%s'", q1);
                    return;
                }
                s += n;
            }
        }
        size_t name_len = (size_t)(s - name);
        while (s < e && rp_io_is_blank(*s)) s++;
        if (s == e || *s != ':') {
            rp_io_quote(q1, sizeof q1, (const char *)name, name_len, 40);
            reject(p, RP_LINE_REJECT_NO_COLON, "no ':' after '%s'", q1);
            return;
        }
        if (name_len == 0) {
            reject(p, RP_LINE_REJECT_EMPTY_NAME, "empty name before ':'");
            return;
        }
        if (name_len > RP_LINE_NAME_MAX) {
            rp_io_quote(q1, sizeof q1, (const char *)name, name_len, 24);
            reject(p, RP_LINE_REJECT_NAME_TOO_LONG, "name '%s' longer than %d bytes", q1,
                   RP_LINE_NAME_MAX);
            return;
        }
        s++;       /* ':' */
        for (;;) { /* points: [ts:]value, separated by ';' */
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
                    rp_io_quote(q1, sizeof q1, (const char *)t1, (size_t)(t1_end - t1), 32);
                    rp_io_quote(q2, sizeof q2, (const char *)name, name_len, 40);
                    reject(p, RP_LINE_REJECT_BAD_TIMESTAMP, "bad timestamp '%s' for '%s'", q1, q2);
                    return;
                }
            } else {
                s = t1_end; /* blanks after a value end the sample */
            }
            if (!rp_io_number((const char *)v, (size_t)(v_end - v), '.', &value)) {
                rp_io_quote(q1, sizeof q1, (const char *)v, (size_t)(v_end - v), 32);
                rp_io_quote(q2, sizeof q2, (const char *)name, name_len, 40);
                reject(p, RP_LINE_REJECT_BAD_NUMBER, "bad number '%s' for '%s'", q1, q2);
                return;
            }
            if (count == RP_LINE_VALUES_MAX) {
                reject(p, RP_LINE_REJECT_TOO_MANY_VALUES, "more than %d samples in the line",
                       RP_LINE_VALUES_MAX);
                return;
            }
            p->pending[count++] = (rp_line_sample){
                .name = (const char *)name,
                .name_len = name_len,
                .has_timestamp = has_ts,
                .timestamp_ms = ts,
                .value = rp_io_double_to_float(value),
            };
            if (s < e && *s == ';') {
                s++;
                continue;
            }
            break;
        }
        /* Teleplot suffixes, read and ignored: "§unit" then "|flags", each up to a separator. */
        if (e - s >= 2 && s[0] == 0xC2 && s[1] == 0xA7) {
            s += 2;
            while (s < e && !is_sep(*s) && *s != '|') s++;
        }
        if (s < e && *s == '|')
            while (s < e && !is_sep(*s)) s++;
        if (s < e && !is_sep(*s)) {
            const unsigned char *j = s;
            while (j < e && !is_sep(*j)) j++;
            rp_io_quote(q1, sizeof q1, (const char *)s, (size_t)(j - s), 32);
            rp_io_quote(q2, sizeof q2, (const char *)name, name_len, 40);
            reject(p, RP_LINE_REJECT_TRAILING, "unexpected '%s' after the value of '%s'", q1, q2);
            return;
        }
        while (s < e && is_sep(*s)) s++;
    }
    p->stats.lines_ok++;
    p->stats.samples += count;
    for (int i = 0; i < count; i++) p->desc.on_sample(p->desc.user, &p->pending[i]);
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

rp_status rp_line_parser_finish(rp_line_parser *parser)
{
    if (!parser) return RP_ERR_INVALID_ARG;
    parser->rejected_in_call = false;
    parser->datagram_no = 0;
    rp_lines_finish(&parser->lines, parse_line, parser);
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
    /* The whole datagram is in memory: split it in place, the last line needs no "\n", and the
     * stream's pending line (parser->lines) is neither used nor disturbed. */
    const char *p = data, *end = p + len;
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        const char *stop = nl ? nl : end;
        size_t n = (size_t)(stop - p);
        if (n > RP_LINE_MAX + 1)
            parse_line(parser, NULL, 0, true);
        else
            parse_line(parser, p, n, false);
        p = nl ? nl + 1 : end;
    }
    parser->datagram_no = 0;
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
