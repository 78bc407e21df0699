/* ringplot — the live dashboard. With no arguments it shows the built-in demo stream: IMU,
 * ECG, a 100 kHz sensor and a temperature with dropouts, scrolling at the display's rate.
 *   ringplot --help                         every flag
 *   rp-stream --signal imu | ringplot --stdin
 *   ringplot --udp 47269                    Teleplot-style datagrams on 127.0.0.1
 *   ringplot --headless --frames 120 --png out.png
 *   ringplot --record run.rpr ...           every sample to a recording; ringplot run.rpr shows it */
#define _POSIX_C_SOURCE 200809L /* SIGPIPE, sigaction */
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include "viewer/viewer.h"

/* Set by SIGINT / SIGTERM: the run ends cleanly (stats printed, PNG written). A program's own
 * signal flag is its one piece of process state; the library keeps none. */
static atomic_bool stop_requested;

static void on_stop_signal(int sig)
{
    (void)sig;
    atomic_store(&stop_requested, true); /* lock-free: async-signal-safe */
}

int main(int argc, char **argv)
{
    /* A closed stdout (ringplot --stats | head -1) must not kill the dashboard: see EPIPE. */
    signal(SIGPIPE, SIG_IGN);
    rp_viewer_options opt;
    bool help;
    char err[512] = "";
    rp_status parsed = rp_viewer_parse_args(argc, argv, &opt, &help, err, sizeof err);
    if (parsed != RP_OK) {
        fprintf(stderr, "ringplot: %s\n", err);
        return parsed == RP_ERR_IO ? 1 : 2; /* a file that is not there, as --replay FILE */
    }
    if (help) return 0;
    struct stat in;
    if (opt.demo_by_default && fstat(STDIN_FILENO, &in) == 0 &&
        (S_ISFIFO(in.st_mode) || S_ISREG(in.st_mode))) /* `cmd | ringplot`: stdin is not read */
        fprintf(stderr, "ringplot: no source named: showing the demo stream; stdin is not read "
                        "unless asked: cmd | ringplot --stdin\n");
    if (opt.export_path) { /* --open FILE --export OUT: no window needed */
        if (rp_viewer_export_recording(&opt, err, sizeof err) != RP_OK) {
            fprintf(stderr, "ringplot: %s\n", err);
            return 1;
        }
        fprintf(stderr, "ringplot: exported %s to %s\n", opt.open_path, opt.export_path);
        return 0;
    }
    struct sigaction sa = {.sa_handler = on_stop_signal};
    sigemptyset(&sa.sa_mask);
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    opt.stop_flag = &stop_requested;
    rp_viewer *viewer;
    if (rp_viewer_create(&opt, &viewer, err, sizeof err) != RP_OK) {
        fprintf(stderr, "ringplot: %s\n", err);
        return 1;
    }
    rp_status st = rp_viewer_run(viewer);
    rp_viewer_destroy(viewer);
    return st == RP_OK ? 0 : 1;
}
