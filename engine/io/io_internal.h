/* io_internal.h — pieces shared by the io parsers: the streaming line splitter, the number core
 * and message helpers. Not part of the API. */
#ifndef RINGPLOT_IO_INTERNAL_H
#define RINGPLOT_IO_INTERNAL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "core/log.h"
#include "io/parse.h"

/* Streaming line splitter. A line completed inside one chunk is handed over in place (no copy);
 * only a line split across chunks is assembled in buf. buf holds RP_LINE_MAX + 1 bytes so that a
 * maximal line with its "\r" still fits; beyond that the line is dropped up to its "\n". */
typedef struct rp_lines {
    char buf[RP_LINE_MAX + 1];
    size_t len;
    bool discarding; /* the pending line already exceeded the limit */
    bool cr_last;    /* the last line ended at a chunk's last byte, a '\r' (lines.c) */
} rp_lines;

/* Called per complete line with the bytes before its end ("\n", "\r\n" or a lone "\r") and
 * whether the line exceeded the limit (then data is NULL and len 0). */
typedef void (*rp_lines_fn)(void *ctx, const char *data, size_t len, bool too_long);

void rp_lines_feed(rp_lines *lines, const char *data, size_t len, rp_lines_fn fn, void *ctx);
void rp_lines_finish(rp_lines *lines, rp_lines_fn fn, void *ctx); /* pending line, if any */

/* Parses s[0..len) entirely as a number with the given decimal point ('.' or ','). */
bool rp_io_number(const char *s, size_t len, char decimal_point, double *out);
/* True when s[0..len) says "no value" in some writer's words (R's NA, nvidia-smi's [N/A], a
 * logger's "-" or "ERR", a meter's OL; any case): a gap where a number was expected. */
bool rp_io_no_value_word(const char *s, size_t len);
float rp_io_double_to_float(double d); /* round to nearest; beyond the float range → ±Inf */

/* A clock of times of day alone ("23:59:58", a logger's time column, the Arduino IDE's "Show
 * timestamp" prefix): it goes on past midnight. A step back of over 12 h is the next day, not a
 * time out of order ("23:59:59.9" then "00:00:00.0" is 0.1 s later). Zero-initialised: no time
 * yet. */
typedef struct rp_day_clock {
    int64_t days; /* midnights passed */
    double last;  /* the newest time, days included (s) */
    bool seen;
} rp_day_clock;
/* seconds since midnight → seconds since the first time's midnight (days passed added). */
double rp_io_day_clock(rp_day_clock *clock, double seconds);

/* Messages are formatted by the library's one formatter (core/log.h: rp_format, rp_vformat:
 * never overflows, always NUL-terminated). */
#define rp_io_msg rp_format

static inline bool rp_io_is_blank(unsigned char c) { return c == ' ' || c == '\t'; }
/* Control bytes reject a line: < 0x20 except tab, and DEL. */
static inline bool rp_io_is_control(unsigned char c)
{
    return (c < 0x20 && c != '\t') || c == 0x7F;
}

#endif
