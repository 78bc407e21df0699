/* bench.h — shared pieces of the rp-bench program. Benchmarks print figures (ratios measured
 * in one run); they are programs, never timed tests. */
#ifndef RP_BENCH_H
#define RP_BENCH_H

#include <stdbool.h>
#include <stdio.h>
#include <time.h>

static inline double rp_bench_now(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* Prints one figure: "metric<TAB>value" with --tsv, else an aligned table row. */
static inline void rp_bench_report(bool tsv, const char *metric, double value, const char *unit,
                                   const char *what)
{
    if (tsv)
        printf("%s\t%.6g\n", metric, value);
    else
        printf("  %-36s %14.4g %-10s %s\n", metric, value, unit, what);
    fflush(stdout);
}

int rp_bench_core(int argc, char **argv, bool tsv);
int rp_bench_render(int argc, char **argv, bool tsv);
int rp_bench_e2e(int argc, char **argv, bool tsv);
int rp_bench_mqtt(int argc, char **argv, bool tsv);
int rp_bench_history(int argc, char **argv, bool tsv);
void rp_bench_views(bool tsv, bool quick);   /* bench_views.c, run by rp-bench render */
void rp_bench_trigger(bool tsv, bool quick); /* bench_views.c, run by rp-bench render */

#endif
