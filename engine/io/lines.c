/* lines.c — streaming line splitter shared by the text and CSV parsers (and format detection).
 * A line ends at '\n' (a '\r' before it stays in the line for the parsers to drop), or at a
 * '\r' followed by any other byte: devices that end their lines with CR alone. A '\r' that is
 * the last byte of a chunk waits for the next one, so the lines never depend on the chunking. */
#include <string.h>

#include "io/io_internal.h"

const char *rp_lines_end(const char *p, const char *end, const char **next)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    const char *cr = memchr(p, '\r', (size_t)(stop - p));
    if (cr && cr + 1 < stop) { /* a lone CR: it stays in the line, as a CRLF's does */
        *next = cr + 1;
        return cr + 1;
    }
    if (!nl) return NULL;
    *next = nl + 1;
    return nl;
}

/* Appends to the pending line, switching to discard mode once it cannot be a valid line. */
static void append(rp_lines *lines, const char *data, size_t len)
{
    if (len > 0) lines->cr_last = data[len - 1] == '\r';
    if (lines->discarding) return;
    if (len > sizeof lines->buf - lines->len) {
        lines->discarding = true;
        lines->len = 0;
        return;
    }
    memcpy(lines->buf + lines->len, data, len);
    lines->len += len;
}

/* The pending line is complete: to fn, and the next line starts empty. */
static void end_pending(rp_lines *lines, rp_lines_fn fn, void *ctx)
{
    if (lines->discarding)
        fn(ctx, NULL, 0, true);
    else
        fn(ctx, lines->buf, lines->len, false);
    lines->len = 0;
    lines->discarding = false;
    lines->cr_last = false;
}

void rp_lines_feed(rp_lines *lines, const char *data, size_t len, rp_lines_fn fn, void *ctx)
{
    if (len == 0) return; /* data may be NULL then: no pointer arithmetic on it */
    const char *p = data, *end = data + len;
    if (lines->cr_last && *p != '\n') /* the last chunk ended a line with a lone CR */
        end_pending(lines, fn, ctx);
    while (p < end) {
        const char *next = NULL;
        const char *eol = rp_lines_end(p, end, &next);
        if (!eol) {
            append(lines, p, (size_t)(end - p));
            return;
        }
        size_t n = (size_t)(eol - p);
        if (lines->len == 0 && !lines->discarding) {
            /* Common case: the whole line lies in this chunk — parse it in place, no copy. */
            if (n > RP_LINE_MAX + 1)
                fn(ctx, NULL, 0, true);
            else
                fn(ctx, p, n, false);
            lines->cr_last = false;
        } else {
            append(lines, p, n);
            end_pending(lines, fn, ctx);
        }
        p = next;
    }
}

void rp_lines_finish(rp_lines *lines, rp_lines_fn fn, void *ctx)
{
    if (lines->discarding || lines->len > 0) end_pending(lines, fn, ctx);
    lines->cr_last = false;
}
