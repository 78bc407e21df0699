/* lines.c — streaming line splitter shared by the text and CSV parsers. */
#include <string.h>

#include "io/io_internal.h"

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
    while (p < end) {
        const char *nl = memchr(p, '\n', (size_t)(end - p));
        if (!nl) {
            append(lines, p, (size_t)(end - p));
            return;
        }
        size_t n = (size_t)(nl - p);
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
        p = nl + 1;
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
}
