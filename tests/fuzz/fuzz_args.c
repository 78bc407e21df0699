/* fuzz_args.c — the whole `ringplot` command line (rp_viewer_parse_args).
 * Input: the arguments separated by NUL bytes (at most 64). Checks: either an error with a
 * message, or options inside every documented limit. */
#include <unistd.h>

#include "viewer/viewer.h"
#include "fuzz_util.h"

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    if (!freopen("/dev/null", "w", stdout)) return 0; /* --help prints the usage */
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    char *buf = malloc(size + 1);
    memcpy(buf, data, size);
    buf[size] = 0;
    char *argv[66];
    int argc = 0;
    argv[argc++] = "ringplot";
    for (size_t i = 0; i <= size && argc < 65;) {
        argv[argc++] = buf + i;
        i += strlen(buf + i) + 1;
    }
    argv[argc] = NULL;

    rp_viewer_options *opt = malloc(sizeof *opt);
    bool help = true;
    char err[128];
    rp_status st = rp_viewer_parse_args(argc, argv, opt, &help, err, sizeof err);
    if (st != RP_OK) {
        FUZZ_CHECK(err[0] != 0 && memchr(err, 0, sizeof err));
    } else if (!help) {
        /* a recording shown alone (--open FILE, or a bare FILE) has no live source */
        FUZZ_CHECK((opt->source_count >= 1 || opt->open_path) &&
                   opt->source_count <= RP_INGEST_MAX_SOURCES);
        FUZZ_CHECK(!opt->open_path || opt->source_count == 0);
        FUZZ_CHECK(opt->panel_count >= 0 && opt->panel_count <= RP_MAX_PANELS);
        FUZZ_CHECK(opt->width >= 64 && opt->width <= 16384 && opt->height >= 64 &&
                   opt->height <= 16384);
        FUZZ_CHECK(opt->max_series >= 0 && opt->max_series <= RP_INGEST_SERIES_LIMIT);
        FUZZ_CHECK(opt->capacity >= 0 && opt->capacity <= (int64_t)1 << 34);
        FUZZ_CHECK(opt->send_count >= 0 && opt->send_count <= RP_VIEWER_SEND_MAX);
        FUZZ_CHECK(opt->frames >= 0 && opt->span >= 0 && opt->span <= 1e9);
        for (int i = 0; i < opt->source_count; i++) {
            const rp_source_desc *d = &opt->sources[i];
            FUZZ_CHECK(d->kind >= RP_SOURCE_DEMO && d->kind < RP_SOURCE_KIND_COUNT);
            FUZZ_CHECK(d->rate >= 0 && d->rate <= 1e12);
            FUZZ_CHECK(d->channels >= 0 && d->channels <= RP_FRAME_CHANNELS_MAX);
            if (d->kind == RP_SOURCE_UDP)
                FUZZ_CHECK(d->udp.host && strlen(d->udp.host) < RP_HOST_MAX && d->udp.port >= 1);
            if (d->kind == RP_SOURCE_FD && d->format == RP_FORMAT_BINARY)
                FUZZ_CHECK(d->channels >= 1);
            if (d->kind == RP_SOURCE_SERIAL)
                FUZZ_CHECK(d->serial.path && d->serial.path[0] && d->serial.baud >= 50 &&
                           d->serial.baud <= 100000000 && d->serial.data_bits >= 5 &&
                           d->serial.data_bits <= 8 &&
                           (d->serial.stop_bits == 1 || d->serial.stop_bits == 2));
        }
    }
    free(opt);
    free(buf);
    return 0;
}
