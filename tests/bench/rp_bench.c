/* rp-bench — prints ringplot's figures. Each subcommand measures ratios within one run, so the
 * numbers mean something on any machine:
 *   rp-bench core   [--tsv]   push rate vs memcpy, decimation vs N, bytes per sample
 *   rp-bench render [--tsv]   frame times headless (EGL), raw vs decimated, pan, streaming fps
 *   rp-bench e2e    [--tsv]   viewer ingest rates and push-to-frame latency
 *   rp-bench mqtt   [--tsv]   samples/s through a loopback mosquitto broker, zero loss
 *   rp-bench history [--tsv] [--samples N] [--dir DIR] [--keep FILE]   recording to disk,
 *                             opening, panning
 *   rp-bench all    [--tsv]   everything above */
#include <string.h>

#include "bench.h"

typedef struct subcommand {
    const char *name;
    int (*run)(int argc, char **argv, bool tsv);
} subcommand;

static const subcommand commands[] = {
    {"core", rp_bench_core},
#ifdef RP_BENCH_HAVE_RENDER
    {"render", rp_bench_render},
#endif
#ifdef RP_BENCH_HAVE_E2E
    {"e2e", rp_bench_e2e},
#endif
#ifdef RP_BENCH_HAVE_MQTT
    {"mqtt", rp_bench_mqtt},
#endif
    {"history", rp_bench_history},
};
enum { COMMAND_COUNT = sizeof commands / sizeof commands[0] };

static int usage(FILE *out)
{
    fprintf(out, "usage: rp-bench <all");
    for (int i = 0; i < COMMAND_COUNT; i++) fprintf(out, "|%s", commands[i].name);
    fprintf(out,
            "> [--tsv] [options]\n"
            "  --tsv                one 'metric<TAB>value' line per figure\n"
            "render:  --only PARTS  comma list of views,xy,16,raw,big,follow,stream (and\n"
            "                       keep: plot reuse against drawing whole, only when named)\n"
            "         --seconds S   of the streaming scene (default 10); --quick: short runs\n"
            "         --gpu         also 16 x 10^7 samples at 3840x2160 (tests/bench/gpu.sh)\n"
            "e2e:     --only PREFIX the metrics starting with PREFIX; --seconds S a run\n"
            "         (default 3); --quick: 0.5 s; --max-fps: frames back to back, not at 60 fps\n"
            "history: --samples N   recorded in all (default 10^9); --dir DIR for the file\n"
            "         (default /tmp); --keep FILE records to FILE and keeps it (an existing\n"
            "         FILE is only opened and panned)\n");
    return out == stdout ? 0 : 2;
}

int main(int argc, char **argv)
{
    if (argc < 2) return usage(stderr);
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) return usage(stdout);
    bool tsv = false;
    for (int i = 2; i < argc; i++)
        if (!strcmp(argv[i], "--tsv")) tsv = true;
    int status = 0;
    bool found = false;
    for (int i = 0; i < COMMAND_COUNT; i++) {
        if (!strcmp(argv[1], "all") || !strcmp(argv[1], commands[i].name)) {
            found = true;
            status |= commands[i].run(argc - 1, argv + 1, tsv);
        }
    }
    if (!found) {
        fprintf(stderr, "rp-bench: unknown benchmark '%s'\n", argv[1]);
        return usage(stderr);
    }
    return status;
}
