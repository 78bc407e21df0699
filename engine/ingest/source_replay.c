/* source_replay.c — a file played back at its own pace (its time column, or its row number over
 * --rate), speed times faster; the format detected as on stdin unless it is given. */
#include <errno.h>
#include <math.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ingest/source.h"

#define READ_CHUNK 65536

typedef struct replay_source {
    rp_stream stream;
    int fd;
    uint8_t *buf;
} replay_source;

/* Lines in the file (a last one without newline counts): no series of a text or CSV file holds
 * more samples. The file is read once more for it, at the speed of a read. */
static int64_t count_lines(int fd, uint8_t *buf)
{
    int64_t lines = 0;
    bool open_line = false;
    off_t at = 0;
    for (;;) {
        ssize_t got = pread(fd, buf, READ_CHUNK, at);
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) break;
        for (const uint8_t *p = buf, *end = buf + got; (p = memchr(p, '\n', (size_t)(end - p)));
             p++)
            lines++;
        open_line = buf[got - 1] != '\n';
        at += got;
    }
    return lines + (open_line ? 1 : 0);
}

static rp_status replay_open(source *src, char *err, int err_size)
{
    replay_source *r = calloc(1, sizeof *r);
    if (!r) return RP_ERR_NO_MEMORY;
    r->fd = -1;
    src->impl = r;
    double speed = src->desc.replay.speed == 0 ? 1.0 : src->desc.replay.speed;
    if (!(speed > 0)) {
        snprintf(err, (size_t)err_size, "replay speed must be > 0");
        return RP_ERR_INVALID_ARG;
    }
    if (!src->path[0]) {
        snprintf(err, (size_t)err_size, "replay needs a file");
        return RP_ERR_INVALID_ARG;
    }
    r->fd = open(src->path, O_RDONLY | O_CLOEXEC);
    if (r->fd < 0) {
        snprintf(err, (size_t)err_size, "cannot open '%s': %s", src->path, strerror(errno));
        return RP_ERR_IO;
    }
    struct stat sb;
    if (fstat(r->fd, &sb) != 0 || !S_ISREG(sb.st_mode)) {
        snprintf(err, (size_t)err_size, "cannot replay '%s': %s", src->path,
                 S_ISDIR(sb.st_mode) ? "it is a directory" : "not a regular file");
        return RP_ERR_IO;
    }
    r->buf = malloc(READ_CHUNK);
    if (!r->buf) return RP_ERR_NO_MEMORY;
    /* Played at once (ringplot FILE): each row (a line, or a binary frame) at its index, and the
     * series hold the whole file unless a capacity is given. Binary frames are counted from the
     * file's size (with a sync header that is an upper bound: bytes between frames). */
    if (isinf(speed)) {
        if (src->desc.format != RP_FORMAT_BINARY) {
            src->whole_samples = count_lines(r->fd, r->buf);
        } else {
            size_t frame = src->desc.channels > 0
                               ? rp_binary_frame_bytes(&src->desc.binary, src->desc.channels)
                               : 0;
            src->whole_samples = frame > 0 ? (int64_t)((size_t)sb.st_size / frame + 1) : 0;
        }
        src->rows_by_index = true;
    }
    r->stream.replay_speed = speed;
    /* auto: detected like stdin (a CSV with its header, Teleplot / Arduino lines, bare numbers) */
    return rp_stream_open(src, &r->stream, src->desc.format, err, err_size);
}

static void replay_run(source *src)
{
    replay_source *r = src->impl;
    while (!rp_sink_stopping(src)) {
        ssize_t n = read(r->fd, r->buf, READ_CHUNK);
        if (n < 0 && errno == EINTR) continue;
        rp_sink_arrival(src, n > 0 ? n : 0);
        if (n <= 0) {
            rp_stream_finish(src, &r->stream);
            char msg[160];
            if (n < 0) snprintf(msg, sizeof msg, "replay ended: read failed: %s", strerror(errno));
            rp_sink_end(src, n < 0 ? msg : NULL);
            return;
        }
        rp_stream_feed(src, &r->stream, r->buf, (size_t)n);
        rp_sink_flush(src);
    }
}

static void replay_close(source *src)
{
    replay_source *r = src->impl;
    if (!r) return;
    rp_stream_close(&r->stream);
    if (r->fd >= 0) close(r->fd);
    free(r->buf);
    free(r);
    src->impl = NULL;
}

const rp_source_ops rp_source_replay_ops = {
    .label = "replay", .open = replay_open, .run = replay_run, .close = replay_close};
