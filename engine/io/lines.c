/* lines.c — streaming line splitter shared by the text and CSV parsers (and format detection,
 * datagrams). A line ends at "\n", "\r\n" or a lone "\r" (devices that end their lines with CR
 * alone), at once: a CR that is the last byte of a chunk ends its line, and a "\n" first in the
 * next chunk is the rest of that line end, so the lines never depend on the chunking. */
#include <string.h>

#include "io/io_internal.h"

const char *rp_lines_end(const char *p, const char *end, const char **next, bool *cr_last)
{
    const char *nl = memchr(p, '\n', (size_t)(end - p));
    const char *stop = nl ? nl : end;
    const char *cr = memchr(p, '\r', (size_t)(stop - p));
    *cr_last = false;
    if (cr) {
        *next = cr + 1 < end && cr[1] == '\n' ? cr + 2 : cr + 1;
        *cr_last = cr + 1 == end;
        return cr;
    }
    if (!nl) return NULL;
    *next = nl + 1;
    return nl;
}

/* Appends to the pending line, switching to discard mode once it cannot be a valid line. */
static void append(rp_lines *lines, const char *data, size_t len)
{
    if (lines->discarding) return;
    if (len > sizeof lines->buf - lines->len) {
        lines->discarding = true;
        lines->len = 0;
        return;
    }
    memcpy(lines->buf + lines->len, data, len);
    lines->len += len;
}

void rp_lines_feed(rp_lines *lines, const char *data, size_t len, rp_lines_fn fn, void *ctx)
{
    if (len == 0) return; /* data may be NULL then: no pointer arithmetic on it */
    const char *p = data, *end = data + len;
    if (lines->cr_last && *p == '\n') p++; /* the "\n" of a "\r\n" cut between two chunks */
    lines->cr_last = false;
    while (p < end) {
        const char *next = NULL;
        bool cr_last = false;
        const char *eol = rp_lines_end(p, end, &next, &cr_last);
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
        } else {
            append(lines, p, n);
            if (lines->discarding)
                fn(ctx, NULL, 0, true);
            else
                fn(ctx, lines->buf, lines->len, false);
            lines->len = 0;
            lines->discarding = false;
        }
        lines->cr_last = cr_last;
        p = next;
    }
}

void rp_lines_finish(rp_lines *lines, rp_lines_fn fn, void *ctx)
{
    if (lines->discarding)
        fn(ctx, NULL, 0, true);
    else if (lines->len > 0)
        fn(ctx, lines->buf, lines->len, false);
    lines->len = 0;
    lines->discarding = false;
    lines->cr_last = false;
}
