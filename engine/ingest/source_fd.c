/* source_fd.c — a byte stream on a file descriptor (stdin by default): text, CSV or binary frames
 * (stream.c). The end of the stream, and a read error, end the source and say why. */
#define _GNU_SOURCE /* F_SETPIPE_SZ */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ingest/source.h"

#define READ_CHUNK 262144 /* bytes per read() (and pipe size asked for) */
#define POLL_MS 50        /* how often a blocked reader checks for stop */

typedef struct fd_source {
    rp_stream stream;
    uint8_t *buf;
} fd_source;

static rp_status fd_open(source *src, char *err, int err_size)
{
    fd_source *f = calloc(1, sizeof *f);
    if (!f) return RP_ERR_NO_MEMORY;
    src->impl = f;
    f->buf = malloc(READ_CHUNK);
    if (!f->buf) return RP_ERR_NO_MEMORY;
    int fd = src->desc.fd.fd;
    if (fd < 0 || fcntl(fd, F_GETFD) < 0) {
        snprintf(err, (size_t)err_size, "file descriptor %d is not open", fd);
        return RP_ERR_IO;
    }
    fcntl(fd, F_SETPIPE_SZ, READ_CHUNK); /* a pipe: fewer, larger reads; else fails, harmless */
    return rp_stream_open(src, &f->stream, src->desc.format, err, err_size);
}

static void fd_run(source *src)
{
    fd_source *f = src->impl;
    int fd = src->desc.fd.fd;
    while (!rp_sink_stopping(src)) {
        struct pollfd pfd = {.fd = fd, .events = POLLIN};
        int ready = poll(&pfd, 1, POLL_MS);
        if (ready < 0 && errno != EINTR) {
            rp_stream_finish(src, &f->stream);
            char msg[160];
            snprintf(msg, sizeof msg, "input ended: poll failed: %s", strerror(errno));
            rp_sink_end(src, msg);
            return;
        }
        if (ready <= 0) {
            rp_sink_arrival(src, 0);
            rp_sink_flush(src); /* pending series still get created on time */
            continue;
        }
        if (pfd.revents & POLLNVAL) {
            rp_stream_finish(src, &f->stream);
            rp_sink_end(src, "input ended: the descriptor is not open (stdin closed?)");
            return;
        }
        ssize_t n = read(fd, f->buf, READ_CHUNK);
        if (n < 0) {
            if (errno == EINTR || errno == EAGAIN) continue;
            rp_stream_finish(src, &f->stream);
            char msg[160];
            snprintf(msg, sizeof msg, "input ended: read failed: %s", strerror(errno));
            rp_sink_end(src, msg);
            return;
        }
        rp_sink_arrival(src, n);
        if (n == 0) { /* end of stream: a last line without newline still counts */
            rp_stream_finish(src, &f->stream);
            rp_sink_end(src, NULL);
            return;
        }
        rp_stream_feed(src, &f->stream, f->buf, (size_t)n);
        rp_sink_flush(src);
    }
}

static void fd_close(source *src)
{
    fd_source *f = src->impl;
    if (!f) return;
    rp_stream_close(&f->stream);
    free(f->buf);
    free(f);
    src->impl = NULL;
}

void rp_fd_source_deliver(source *src, const uint8_t *bytes, size_t n, bool end)
{
    fd_source *f = src->impl;
    rp_sink_arrival(src, (int64_t)n);
    rp_stream_feed(src, &f->stream, bytes, n);
    if (end) rp_stream_finish(src, &f->stream);
    rp_sink_flush(src);
}

const rp_source_ops rp_source_fd_ops = {
    .label = "stdin", .open = fd_open, .run = fd_run, .close = fd_close};
