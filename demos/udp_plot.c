/* udp_plot — a UDP listener into a live figure with one call, rp_source_attach. Look at: the
 * series appear by name as datagrams arrive ("temp:21.5", Teleplot's format), each group in its
 * own panel; the counters say what came in and what was refused, and why.
 *   udp_plot PORT OUT.png [SECONDS [SAMPLES]]   headless: plots what arrives for SECONDS (default
 *                                               3), or until SAMPLES samples have arrived
 *   rp-stream --signal imu --udp 127.0.0.1:PORT --duration 3s     a sender to try it with */
#define _POSIX_C_SOURCE 200809L /* nanosleep */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include <ringplot.h>

int main(int argc, char **argv)
{
    if (argc < 3) return fprintf(stderr, "usage: udp_plot PORT OUT.png [SECONDS [SAMPLES]]\n"), 2;
    int port = atoi(argv[1]), frames = (int)(60 * (argc > 3 ? atof(argv[3]) : 3.0));
    long long until_samples = argc > 4 ? atoll(argv[4]) : 0; /* 0: run all the frames */
    rp_figure *fig;
    rp_headless *out;
    rp_source *udp;
    if (rp_figure_create(&(rp_figure_desc){.title = "udp", .x_axis = RP_X_AXIS_TIME}, &fig) !=
            RP_OK ||
        rp_figure_follow(fig, 5.0) != RP_OK || rp_headless_create(NULL, &out) != RP_OK)
        return 1; /* without a log callback, the reason went to stderr */
    if (rp_source_attach(
            fig, &(rp_source_desc){.kind = RP_SOURCE_UDP, .udp = {.port = (uint16_t)port}}, &udp))
        return fprintf(stderr, "udp_plot: %s\n", rp_figure_last_error(fig)), 1;
    printf("udp_plot: listening on 127.0.0.1:%u\n", rp_source_stats_get(udp).port);
    fflush(stdout);
    for (int i = 0; i < frames; i++) {
        bool all_in = until_samples > 0 && rp_source_stats_get(udp).samples >= until_samples;
        rp_source_poll(udp); /* new series into the figure */
        rp_headless_render(out, fig);
        if (all_in) break; /* the frame just drawn holds every sample */
        nanosleep(&(struct timespec){0, 16000000}, NULL);
    }
    rp_status st = rp_headless_write_png(out, argv[2]);
    rp_source_stats s = rp_source_stats_get(udp);
    printf("udp_plot: %lld datagrams, %lld samples in %d series, %lld refused as malformed\n",
           (long long)s.datagrams, (long long)s.samples, s.series,
           (long long)s.refused[RP_REFUSED_MALFORMED]);
    rp_headless_destroy(out);
    rp_source_detach(udp); /* removes and frees its series */
    rp_figure_destroy(fig);
    return st == RP_OK ? 0 : 1;
}
