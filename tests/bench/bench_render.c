/* rp-bench render — what a frame costs, headless (EGL surfaceless, RGBA8 FBO), 1920×1080:
 *   frame_ms_16x1e7                 16 series × 10^7 samples (4 panels × 4), mean frame: decimate +
 *                                   upload + draw + glFinish
 *   frame_ms_stats_16x1e7           the same scene with time and level cursors and the exact
 *                                   statistics of the visible range (10^7 samples a series) shown
 *   frame_ratio_raw_vs_decimated_1e7  every raw sample of a 10^7 series as one 1-px aliased line
 *                                   strip (points precomputed, so raw is favoured) ÷ the engine's
 *                                   whole frame (axes, text, AA lines) of the same series
 *   frame_ratio_1e8_vs_1e6          engine frame of a 10^8 series ÷ of a 10^6 series (≈ 1: the
 *                                   cost follows pixels, not samples)
 *   pan_ms_1e8                      a fixed view over half of 10^8 samples panned by 1 % of its
 *                                   span per frame, mean over 60 frames
 *   stream_fps_8x1e6                8 series in follow mode, each showing its newest 10^6
 *                                   samples, while another thread appends 10^8 samples/s in total
 *                                   (stream_lost_samples: what it could not push in time)
 *   fft_ms_65536                    a spectrum panel's update at 65536 points (bench_views.c)
 *   trigger_sweeps_per_s            a trigger panel over 10^7 samples, 10^4 triggers (bench_views.c)
 *   xy_frame_ms_1e7                 an XY panel (Lissajous) alone, following a window of 10^7 pairs
 *                                   live, 1/60 s of new samples (16667 pairs) a frame: rasterise
 *                                   the new pairs, age image, upload, draw, glFinish
 *                                   (xy_first_frame_ms_1e7, xy_fill_ms_1e7 / _frames_1e7: the
 *                                   rebuild, 2^18 pairs a frame until all 10^7 are in)
 * Where a frame's time goes (16x1e7, pan, stream): *_decimate_ms (CPU, rp_decimate), *_cpu_ms (all
 * of rp_renderer_draw on the CPU: layout, decimation, geometry, GL calls) and *_finish_ms (glFinish:
 * what the GL still had to do — on llvmpipe, the rasterisation).
 *   follow_frame_ms_8x1e6           8 series × newest 10^6 followed live, 1/60 s of new samples a
 *                                   frame (follow_cost_ratio: its CPU ÷ a full re-decimation's)
 *   frame_ms_16x1e7_4k              (--gpu) 16 × 10^7 at 3840×2160
 * pan, follow and stream frames are pipelined as a live viewer runs them: a fence per frame and a
 * wait only for the frame before (the CPU builds frame N+1 while the GL draws frame N).
 * Options: --quick (sizes ÷ 100, 1 s of streaming: a smoke run), --seconds S (streaming time),
 * --gpu (3840×2160 FBO and the 4K figure; tests/bench/gpu.sh runs it on an EGL device),
 * --only PARTS (a comma-separated subset of views,xy,16,raw,big,follow,stream, and keep, run only
 * when named), --no-copy (plots
 * that only scrolled are drawn again instead of copied from the frame before: plot_reuse.h).
 * Memory: 10^8 samples ≈ 450 MB, 16 × 10^7 ≈ 720 MB; each part frees its series before the next. */
#include <math.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "bench.h"
#include "figure/figure_internal.h"
#include "platform/egl_context.h"
#include "render/column_cache.h"
#include "render/plot_reuse.h"
#include "render/draw.h"
#include "ringplot.h"

enum { W = 1920, H = 1080, W4K = 3840, H4K = 2160, SOURCE = 1 << 20, BATCH = 1 << 16 };

typedef struct bench_ctx {
    rp_egl_context *egl;
    GladGLContext *gl;
    rp_renderer *renderer;
    float *source; /* SOURCE samples of a noisy sine, pushed over and over */
    bool quick;
    bool tsv;
    GLsync pending; /* fence of the frame in flight (pipelined frames) */
    bool gpu;       /* --gpu: the FBO is 3840×2160 and frame_ms_16x1e7_4k is measured */
    bool no_copy;   /* --no-copy: scrolled plots drawn again, not copied */
    int width, height;
} bench_ctx;

static float *make_source(void)
{
    float *x = malloc((size_t)SOURCE * sizeof *x);
    if (!x) return NULL;
    uint32_t r = 2463534242u;
    for (int64_t i = 0; i < SOURCE; i++) {
        r ^= r << 13;
        r ^= r >> 17;
        r ^= r << 5;
        x[i] = (float)sin((double)i * 0.00031) + (float)(r >> 8) * (1.0f / 16777216.0f) * 0.4f;
    }
    return x;
}

static rp_series *filled_series(bench_ctx *b, int64_t n, double rate, int64_t offset)
{
    rp_series *s = NULL;
    if (rp_series_create(&(rp_series_desc){.capacity = n, .rate = rate}, &s) != RP_OK) return NULL;
    for (int64_t done = 0; done < n; done += BATCH) {
        int64_t k = n - done < BATCH ? n - done : BATCH;
        rp_push(s, b->source + (done + offset) % (SOURCE - BATCH), k);
    }
    return s;
}

/* Sums of where frames' time went (ms). */
typedef struct frame_split {
    double decimate, cpu, finish;
    double thread_cpu; /* CPU time the calling thread spent in rp_renderer_draw (ms) */
    int frames;
} frame_split;

/* One whole frame of the engine: decimate + upload + draw + glFinish (ms); split may be NULL. */
static double engine_frame(bench_ctx *b, rp_figure *f, frame_split *split)
{
    double t = rp_bench_now();
    rp_renderer_draw(b->renderer, f, 0, 0, b->width, b->height);
    double t_submit = rp_bench_now();
    b->gl->Finish();
    double t_end = rp_bench_now();
    if (split) {
        rp_frame_stats st = rp_renderer_last_stats(b->renderer);
        split->decimate += st.decimate_ms;
        split->cpu += (t_submit - t) * 1e3;
        split->finish += (t_end - t_submit) * 1e3;
        split->frames++;
    }
    return (t_end - t) * 1e3;
}

/* A frame as a live viewer runs it: draw, fence, and wait only for the frame before (one frame
 * in flight: the CPU builds frame N+1 while the GL still draws frame N). Returns the wall time
 * of the call (ms); split: cpu = rp_renderer_draw, finish = the wait for the previous frame. */
static double thread_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

/* CPU time of every thread of the process (ms): the render thread plus the GL driver's
 * rasteriser threads on software GL. Per frame it measures the work, unlike wall time, which a
 * shared, loaded machine stretches. */
static double process_cpu_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec * 1e-6;
}

static double pipelined_frame(bench_ctx *b, rp_figure *f, frame_split *split)
{
    double t = rp_bench_now(), c0 = thread_cpu_ms();
    rp_renderer_draw(b->renderer, f, 0, 0, b->width, b->height);
    double t_submit = rp_bench_now(), c1 = thread_cpu_ms();
    GLsync fence = b->gl->FenceSync(GL_SYNC_GPU_COMMANDS_COMPLETE, 0);
    b->gl->Flush();
    if (b->pending) {
        while (b->gl->ClientWaitSync(b->pending, GL_SYNC_FLUSH_COMMANDS_BIT, 1000000000u) ==
               GL_TIMEOUT_EXPIRED) {
        }
        b->gl->DeleteSync(b->pending);
    }
    b->pending = fence;
    double t_end = rp_bench_now();
    if (split) {
        rp_frame_stats st = rp_renderer_last_stats(b->renderer);
        split->decimate += st.decimate_ms;
        split->cpu += (t_submit - t) * 1e3;
        split->thread_cpu += c1 - c0;
        split->finish += (t_end - t_submit) * 1e3;
        split->frames++;
    }
    return (t_end - t) * 1e3;
}

/* Waits for the frame in flight (after a run of pipelined frames). */
static void pipeline_drain(bench_ctx *b)
{
    if (b->pending) {
        b->gl->Finish();
        b->gl->DeleteSync(b->pending);
        b->pending = NULL;
    }
}

static void report_split(bench_ctx *b, const char *prefix, const frame_split *s)
{
    char name[64];
    int n = s->frames > 0 ? s->frames : 1;
    snprintf(name, sizeof name, "%s_cpu_ms", prefix);
    rp_bench_report(b->tsv, name, s->cpu / n, "ms",
                    "rp_renderer_draw on the CPU (incl. decimation)");
    snprintf(name, sizeof name, "%s_finish_ms", prefix);
    rp_bench_report(b->tsv, name, s->finish / n, "ms",
                    "waiting for the GL: glFinish, or the previous frame (pipelined)");
}

/* The mean of `frames` whole frames of an unchanged figure: plot reuse off, or every frame after
 * the first would be a copy of the one before (unchanged_frames measures that). */
static double mean_frames(bench_ctx *b, rp_figure *f, int warm, int frames, frame_split *split)
{
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(b->renderer);
    rp_plot_reuse_set_enabled(reuse, false);
    for (int i = 0; i < warm; i++) engine_frame(b, f, NULL);
    double sum = 0;
    for (int i = 0; i < frames; i++) sum += engine_frame(b, f, split);
    rp_plot_reuse_set_enabled(reuse, !b->no_copy);
    return sum / frames;
}

/* The same, as a live viewer redraws a figure that did not change: copied from the frame before
 * (plot reuse on, unless --no-copy). */
static double unchanged_frames(bench_ctx *b, rp_figure *f, int warm, int frames)
{
    for (int i = 0; i < warm; i++) engine_frame(b, f, NULL);
    double sum = 0;
    for (int i = 0; i < frames; i++) sum += engine_frame(b, f, NULL);
    return sum / frames;
}

/* 16 series × 10^7 in 4 panels of 4 (and, with --gpu, the same at 3840×2160). */
static void bench_16(bench_ctx *b)
{
    int64_t n = b->quick ? 100000 : 10000000;
    rp_series *s[16] = {0};
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.title = "16 × 10^7", .x_axis = RP_X_AXIS_TIME}, &f);
    for (int p = 0; p < 4; p++) rp_figure_add_panel(f, NULL, NULL);
    for (int i = 0; i < 16; i++) {
        s[i] = filled_series(b, n, 1e6, (int64_t)i * 77777);
        if (s[i]) rp_figure_add_series(f, i / 4, s[i], NULL);
    }
    frame_split split = {0};
    double ms = mean_frames(b, f, 3, b->quick ? 5 : 20, &split);
    rp_frame_stats st = rp_renderer_last_stats(b->renderer);
    rp_bench_report(b->tsv, "frame_ms_16x1e7", ms, "ms",
                    "16 series x 1e7 samples, 1920x1080, decimate+upload+draw+glFinish");
    rp_bench_report(b->tsv, "frame_decimate_ms_16x1e7", split.decimate / split.frames, "ms",
                    "of which decimation (CPU)");
    report_split(b, "frame_16x1e7", &split);
    rp_bench_report(b->tsv, "frame_vertices_16x1e7", (double)st.vertices, "vertices",
                    "streamed per frame");
    rp_bench_report(b->tsv, "frame_upload_kb_16x1e7", (double)st.upload_bytes / 1024.0, "KiB",
                    "uploaded per frame (grows with pixels, not samples)");
    rp_bench_report(b->tsv, "frame_ms_16x1e7_unchanged",
                    unchanged_frames(b, f, 3, b->quick ? 5 : 20), "ms",
                    "the same frame again, nothing changed: copied from the frame before");
    if (b->gpu) {
        b->width = W4K;
        b->height = H4K;
        double ms4k = mean_frames(b, f, 3, b->quick ? 5 : 20, NULL);
        rp_bench_report(b->tsv, "frame_ms_16x1e7_4k", ms4k, "ms",
                        "16 series x 1e7 samples, 3840x2160, decimate+upload+draw+glFinish");
        b->width = W;
        b->height = H;
    }
    /* The same scene measured: time cursors A and B, level cursors in each panel, and the exact
     * statistics of the visible range (all 10^7 samples of each series) in the read-out table. */
    rp_figure_set_time_cursor_relative(f, 0, -0.6 * (double)n / 1e6);
    rp_figure_set_time_cursor_relative(f, 1, -0.3 * (double)n / 1e6);
    for (int p = 0; p < 4; p++) {
        rp_figure_set_level_cursor(f, p, 0, -0.5);
        rp_figure_set_level_cursor(f, p, 1, 0.5);
    }
    rp_figure_show_stats(f, true);
    frame_split measured = {0};
    ms = mean_frames(b, f, 2, b->quick ? 3 : 10, &measured);
    rp_bench_report(b->tsv, "frame_ms_stats_16x1e7", ms, "ms",
                    "the same with cursors, level cursors and statistics of all 16 x 1e7 shown");
    rp_figure_destroy(f);
    for (int i = 0; i < 16; i++) rp_series_destroy(s[i]);
}

/* Appends count pairs of the Lissajous (x = sin 3.1·2πt, y = sin 2·2πt + noise, 1 MHz). */
static void push_xy(bench_ctx *b, rp_series *sx, rp_series *sy, float *bx, float *by,
                    int64_t *pushed, int64_t count)
{
    for (int64_t left = count; left > 0;) {
        int64_t k = left < BATCH ? left : BATCH;
        for (int64_t i = 0; i < k; i++) {
            double t = (double)(*pushed + i) * 1e-6;
            bx[i] = (float)sin(6.283185307179586 * 3.1 * t);
            by[i] =
                (float)sin(6.283185307179586 * 2.0 * t) + b->source[(*pushed + i) % SOURCE] * 0.01f;
        }
        rp_push(sx, bx, k);
        rp_push(sy, by, k);
        *pushed += k;
        left -= k;
    }
}

/* An XY panel over 10^7 pairs, followed live. */
static void bench_xy(bench_ctx *b)
{
    int64_t n = b->quick ? 100000 : 10000000, step = 16667;
    int frames = b->quick ? 5 : 60;
    rp_series *sx = NULL, *sy = NULL;
    rp_figure *f = NULL;
    float *bx = malloc(sizeof(float) * BATCH), *by = malloc(sizeof(float) * BATCH);
    int64_t cap = n + (int64_t)frames * step + BATCH;
    if (!bx || !by ||
        rp_series_create(&(rp_series_desc){.capacity = cap, .rate = 1e6}, &sx) != RP_OK ||
        rp_series_create(&(rp_series_desc){.capacity = cap, .rate = 1e6}, &sy) != RP_OK ||
        rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f) != RP_OK) {
        fprintf(stderr, "bench xy: out of memory\n");
        goto done;
    }
    int64_t pushed = 0;
    push_xy(b, sx, sy, bx, by, &pushed, n);
    int panel = -1;
    rp_figure_add_xy_panel(f, sx, sy, NULL, &panel);
    rp_figure_follow(f, (double)n / 1e6);
    double first = engine_frame(b, f, NULL), fill = first;
    int fill_frames = 1;
    while (rp_figure_xy_state(f, panel).filling && fill_frames < 1000) {
        fill += engine_frame(b, f, NULL);
        fill_frames++;
    }
    double total = 0;
    frame_split split = {0};
    for (int i = 0; i < frames; i++) {
        push_xy(b, sx, sy, bx, by, &pushed, step);
        total += engine_frame(b, f, &split);
    }
    rp_xy_state st = rp_figure_xy_state(f, panel);
    rp_bench_report(b->tsv, "xy_frame_ms_1e7", total / frames, "ms",
                    "XY panel over 1e7 pairs followed live, 16667 new pairs a frame, 1920x1080");
    report_split(b, "xy_frame_1e7", &split);
    rp_bench_report(b->tsv, "xy_first_frame_ms_1e7", first, "ms",
                    "its first frame: the grid rebuilt, 2^18 of the 1e7 pairs (samples_per_frame)");
    rp_bench_report(b->tsv, "xy_fill_ms_1e7", fill, "ms",
                    "frames until the grid holds all 1e7 pairs, in all");
    rp_bench_report(b->tsv, "xy_fill_frames_1e7", fill_frames, "frames",
                    "how many frames that was");
    rp_bench_report(b->tsv, "xy_pairs", (double)st.pairs, "pairs",
                    "rasterised in all: the 1e7 once, then only the new ones");
    rp_bench_report(b->tsv, "xy_rebuilds", (double)st.rebuilds, "rebuilds",
                    "grid rebuilds over those frames (1: only the first)");
done:
    free(bx);
    free(by);
    rp_figure_destroy(f);
    rp_series_destroy(sx);
    rp_series_destroy(sy);
}

/* Every raw sample as a 1-px aliased line strip vs the engine. */
static void bench_raw(bench_ctx *b)
{
    int64_t n = b->quick ? 100000 : 10000000;
    rp_series *s = filled_series(b, n, 1e6, 0);
    rp_figure *f = NULL;
    rp_figure_create(NULL, &f);
    rp_figure_add_series(f, 0, s, NULL);
    double engine_ms = mean_frames(b, f, 2, b->quick ? 3 : 10, NULL);

    /* The same plot rect and y view the engine used; points computed once, outside the timing. */
    static rp_frame_layout fl; /* where the renderer's last frame put things */
    rp_renderer_frame_layout(b->renderer, f, &fl);
    rp_rect plot = {fl.panels[0].plot.x, fl.panels[0].plot.y, fl.panels[0].plot.width,
                    fl.panels[0].plot.height};
    double x0 = fl.x0, x1 = fl.x1;
    double y0 = fl.panels[0].y0, y1 = fl.panels[0].y1;
    float *xy = malloc((size_t)n * 2 * sizeof *xy);
    rp_draw *d = NULL;
    char err[256] = "";
    rp_log_sink err_log = rp_log_capture(err, sizeof err);
    if (xy && rp_draw_create(b->gl, &d, &err_log) == RP_OK) {
        /* The samples exactly as filled_series pushed them (batch by batch from the source). */
        for (int64_t done = 0; done < n; done += BATCH) {
            int64_t k = n - done < BATCH ? n - done : BATCH;
            const float *src = b->source + done % (SOURCE - BATCH);
            for (int64_t j = 0; j < k; j++) {
                double x = (double)(done + j) / 1e6;
                xy[2 * (done + j)] = (float)(plot.x + (x - x0) * plot.w / (x1 - x0));
                xy[2 * (done + j) + 1] =
                    (float)(plot.y + plot.h - ((double)src[j] - y0) * plot.h / (y1 - y0));
            }
        }
        rp_color c = rp_theme_palette(RP_THEME_DARK, 0);
        rp_theme_style th = rp_theme_style_get(RP_THEME_DARK);
        double sum = 0;
        int frames = b->quick ? 3 : 5;
        for (int it = -1; it < frames; it++) {
            double t = rp_bench_now();
            rp_draw_begin(d, 0, 0, W, H);
            rp_draw_rect(d, (rp_rect){0, 0, W, H}, th.background);
            rp_draw_polyline_aliased(d, xy, (int)n, c);
            rp_draw_end(d);
            b->gl->Finish();
            if (it >= 0) sum += (rp_bench_now() - t) * 1e3;
        }
        double raw_ms = sum / frames;
        rp_bench_report(b->tsv, "frame_ms_raw_1e7", raw_ms, "ms",
                        "every raw sample, 1-px aliased GL line strip");
        rp_bench_report(b->tsv, "frame_ms_engine_1e7", engine_ms, "ms",
                        "the engine's whole frame of the same series");
        rp_bench_report(b->tsv, "frame_ratio_raw_vs_decimated_1e7", raw_ms / engine_ms, "x",
                        "raw / engine (higher is better)");
    } else {
        fprintf(stderr, "bench render: raw line strip unavailable (%s)\n", xy ? err : "memory");
    }
    rp_draw_destroy(d);
    free(xy);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* 10^8 vs 10^6 samples, then panning over the 10^8. */
static void bench_big(bench_ctx *b)
{
    int64_t small = b->quick ? 10000 : 1000000, big = b->quick ? 1000000 : 100000000;
    rp_series *s = filled_series(b, small, 1e6, 0);
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_series(f, 0, s, NULL);
    double ms_small = mean_frames(b, f, 3, b->quick ? 5 : 20, NULL);
    rp_figure_destroy(f);
    rp_series_destroy(s);

    s = filled_series(b, big, 1e6, 0);
    rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_series(f, 0, s, NULL);
    double ms_big = mean_frames(b, f, 3, b->quick ? 5 : 20, NULL);
    rp_bench_report(b->tsv, "frame_ms_1e6", ms_small, "ms", "one series of 1e6 samples");
    rp_bench_report(b->tsv, "frame_ms_1e8", ms_big, "ms", "one series of 1e8 samples");
    rp_bench_report(b->tsv, "frame_ratio_1e8_vs_1e6", ms_big / ms_small, "x",
                    "cost follows pixels, not samples (goal ~1)");

    double span = 0.5 * (double)big / 1e6, x = 0, sum = 0;
    int frames = 60;
    frame_split split = {0};
    engine_frame(b, f, NULL);
    double t_pan = rp_bench_now(), cpu_pan = process_cpu_ms();
    for (int i = 0; i < frames; i++) {
        rp_figure_set_x_view(f, x, x + span);
        pipelined_frame(b, f, &split);
        x += 0.01 * span;
    }
    pipeline_drain(b);
    sum = (rp_bench_now() - t_pan) * 1e3;
    double pan_work = process_cpu_ms() - cpu_pan;
    rp_bench_report(b->tsv, "pan_ms_1e8", sum / frames, "ms",
                    "view over half of 1e8 samples panned 1% a frame, mean of 60, pipelined");
    rp_bench_report(b->tsv, "pan_work_ms_1e8", pan_work / frames, "ms",
                    "CPU time of all threads per pan frame (incl. llvmpipe's rasteriser threads)");
    rp_bench_report(b->tsv, "pan_decimate_ms_1e8", split.decimate / frames, "ms",
                    "of which decimation (CPU)");
    report_split(b, "pan_1e8", &split);
    rp_figure_destroy(f);
    rp_series_destroy(s);
}

/* Streaming: one producer thread appends `rate` samples/s in total to 8 series. */
typedef struct producer {
    rp_series **series;
    int count;
    const float *source;
    double rate;
    atomic_bool stop;
    int64_t pushed; /* written by the producer, read after join */
    int64_t shortfall;
} producer;

static void *producer_main(void *arg)
{
    producer *p = arg;
    const int chunk = 8192;
    double t0 = rp_bench_now();
    int64_t pushed = 0, offset = 0;
    struct timespec nap = {0, 100000};
    while (!atomic_load_explicit(&p->stop, memory_order_relaxed)) {
        double target = p->rate * (rp_bench_now() - t0);
        if ((double)pushed >= target) {
            nanosleep(&nap, NULL);
            continue;
        }
        for (int i = 0; i < p->count; i++) rp_push(p->series[i], p->source + offset, chunk);
        offset = (offset + chunk) % (SOURCE - chunk);
        pushed += (int64_t)chunk * p->count;
    }
    double target = p->rate * (rp_bench_now() - t0);
    p->pushed = pushed;
    p->shortfall =
        (double)pushed < target - (double)chunk * p->count ? (int64_t)(target - (double)pushed) : 0;
    return NULL;
}

static void bench_stream(bench_ctx *b, double seconds)
{
    const int count = 8;
    double total_rate = b->quick ? 1e7 : 1e8;
    double per_series = total_rate / count;
    int64_t view = b->quick ? 100000 : 1000000;
    rp_series *s[8] = {0};
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.title = "8 streams", .x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_panel(f, NULL, NULL);
    rp_figure_add_panel(f, NULL, NULL);
    for (int i = 0; i < count; i++) {
        /* x in seconds at the streaming rate: the newest `view` samples span view / rate. */
        if (rp_series_create(&(rp_series_desc){.capacity = 4 * view, .rate = per_series}, &s[i]) !=
            RP_OK)
            continue;
        rp_push(s[i], b->source, view);
        rp_figure_add_series(f, i / 4, s[i], NULL);
    }
    rp_figure_follow(f, (double)view / per_series);

    producer p = {.series = s, .count = count, .source = b->source, .rate = total_rate};
    atomic_init(&p.stop, false);
    pthread_t thread;
    if (pthread_create(&thread, NULL, producer_main, &p) != 0) {
        fprintf(stderr, "bench render: no producer thread\n");
        rp_figure_destroy(f);
        for (int i = 0; i < count; i++) rp_series_destroy(s[i]);
        return;
    }
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(b->renderer);
    int64_t copied0 = 0, drawn0 = 0, copied1 = 0, drawn1 = 0;
    rp_plot_reuse_counts(reuse, &copied0, &drawn0);
    double t0 = rp_bench_now(), t = t0;
    int frames = 0;
    int64_t in_view = 0;
    frame_split split = {0};
    while ((t = rp_bench_now()) - t0 < seconds) {
        pipelined_frame(b, f, &split);
        in_view += rp_renderer_last_stats(b->renderer).samples_in_view;
        frames++;
    }
    pipeline_drain(b);
    t = rp_bench_now();
    rp_plot_reuse_counts(reuse, &copied1, &drawn1);
    atomic_store(&p.stop, true);
    pthread_join(thread, NULL);
    double elapsed = t - t0;
    int64_t rejected = 0;
    for (int i = 0; i < count; i++) rejected += rp_series_stats_get(s[i]).rejected;
    rp_bench_report(b->tsv, "stream_fps_8x1e6", frames / elapsed, "fps",
                    "8 series x newest 1e6 samples while 1e8 samples/s are appended");
    rp_bench_report(b->tsv, "stream_push_msamples_per_s", (double)p.pushed / elapsed / 1e6, "M/s",
                    "appended by the producer thread during the run");
    rp_bench_report(b->tsv, "stream_lost_samples", (double)(p.shortfall + rejected), "samples",
                    "not appended in time + rejected (0 expected)");
    rp_bench_report(b->tsv, "stream_samples_per_frame", frames ? (double)in_view / frames : 0,
                    "samples", "covered by the 8 views each frame");
    rp_bench_report(b->tsv, "stream_decimate_ms", split.decimate / (frames ? frames : 1), "ms",
                    "decimation per frame (CPU)");
    int64_t copied = copied1 - copied0, drawn = drawn1 - drawn0;
    rp_bench_report(b->tsv, "stream_copied_share",
                    copied + drawn ? (double)copied / (double)(copied + drawn) : 0, "x",
                    "plot pixel columns copied from the frame before (plot_reuse.h)");
    report_split(b, "stream", &split);
    rp_figure_destroy(f);
    for (int i = 0; i < count; i++) rp_series_destroy(s[i]);
}

/* Following live, nothing else moving: 8 series × newest 10^6 samples in follow mode; before each
 * frame every series gets 1/60 s of new samples at 10^6 samples/s (pushed by this thread, so the
 * data each frame is the same run to run). follow_cost_ratio: that frame's CPU time (all of
 * rp_renderer_draw) ÷ the CPU time of the same frames with the renderer's column cache off (every
 * column decimated afresh, as before incremental frames). */
static void bench_follow(bench_ctx *b)
{
    const int count = 8;
    int64_t view = b->quick ? 100000 : 1000000, step = view / 60;
    double rate = (double)view; /* samples per second per series: the view is 1 s */
    rp_series *s[8] = {0};
    rp_figure *f = NULL;
    rp_figure_create(&(rp_figure_desc){.title = "8 followed", .x_axis = RP_X_AXIS_TIME}, &f);
    rp_figure_add_panel(f, NULL, NULL);
    rp_figure_add_panel(f, NULL, NULL);
    int64_t offset = 0;
    for (int i = 0; i < count; i++) {
        if (rp_series_create(&(rp_series_desc){.capacity = 4 * view, .rate = rate}, &s[i]) != RP_OK)
            continue;
        rp_push(s[i], b->source, view);
        rp_figure_add_series(f, i / 4, s[i], NULL);
    }
    offset = view;
    rp_figure_follow(f, 1.0);
    int frames = b->quick ? 20 : 120;
    frame_split split = {0};
    double work = 0;
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(b->renderer);
    int64_t copied0 = 0, drawn0 = 0, copied = 0, drawn = 0;
    int64_t built0 = 0, bars0 = 0, built = 0, bars = 0, examined0 = 0, examined = 0;
    double copy_ms = 0;
    for (int i = -3; i < frames; i++) {
        if (i == 0) {
            work = process_cpu_ms();
            rp_plot_reuse_counts(reuse, &copied0, &drawn0);
            rp_plot_reuse_bar_counts(reuse, &built0, &examined0, &bars0);
            copy_ms = rp_plot_reuse_copy_ms(reuse);
        }
        for (int k = 0; k < count; k++)
            if (s[k]) rp_push(s[k], b->source + offset % (SOURCE - step), step);
        offset += step;
        pipelined_frame(b, f, i >= 0 ? &split : NULL);
    }
    pipeline_drain(b);
    work = (process_cpu_ms() - work) / frames;
    /* The same, every column decimated afresh (the renderer's column cache off). */
    rp_column_cache *cache = rp_renderer_column_cache(b->renderer);
    rp_plot_reuse_counts(reuse, &copied, &drawn);
    copied -= copied0;
    drawn -= drawn0;
    rp_plot_reuse_bar_counts(reuse, &built, &examined, &bars);
    built -= built0;
    examined -= examined0;
    bars -= bars0;
    copy_ms = (rp_plot_reuse_copy_ms(reuse) - copy_ms) / frames;
    rp_column_cache_set_enabled(cache, false);
    rp_plot_reuse_set_enabled(reuse, false);
    frame_split full = {0};
    double full_work = 0;
    for (int i = -3; i < frames; i++) {
        if (i == 0) full_work = process_cpu_ms();
        for (int k = 0; k < count; k++)
            if (s[k]) rp_push(s[k], b->source + offset % (SOURCE - step), step);
        offset += step;
        pipelined_frame(b, f, i >= 0 ? &full : NULL);
    }
    pipeline_drain(b);
    full_work = (process_cpu_ms() - full_work) / frames;
    rp_column_cache_set_enabled(cache, true);
    rp_plot_reuse_set_enabled(reuse, !b->no_copy);
    double follow_cpu = split.thread_cpu / split.frames, full_cpu = full.thread_cpu / full.frames;
    rp_bench_report(b->tsv, "follow_frame_ms_8x1e6", (split.cpu + split.finish) / split.frames,
                    "ms", "8 x newest 1e6 followed live, 1/60 s of new samples a frame, pipelined");
    rp_bench_report(
        b->tsv, "follow_work_ms_8x1e6", work, "ms",
        "CPU time of all threads per follow frame (incl. llvmpipe's rasteriser threads)");
    rp_bench_report(b->tsv, "follow_full_work_ms_8x1e6", full_work, "ms",
                    "the same, every column decimated afresh and every plot drawn whole");
    rp_bench_report(b->tsv, "follow_work_ratio", work / full_work, "x",
                    "all threads' CPU: follow frame / full frame");
    rp_bench_report(b->tsv, "follow_cpu_ms_8x1e6", follow_cpu, "ms",
                    "render thread CPU time in rp_renderer_draw (incl. the GL driver's share)");
    rp_bench_report(b->tsv, "follow_full_cpu_ms_8x1e6", full_cpu, "ms",
                    "the same frames decimating every column afresh");
    rp_bench_report(b->tsv, "follow_cost_ratio", follow_cpu / full_cpu, "x",
                    "follow frame CPU / full re-decimation frame CPU (goal <= 0.2)");
    rp_bench_report(
        b->tsv, "follow_copy_cpu_ms", copy_ms, "ms",
        "render thread CPU copying the kept plots onto the frame (software GL's memcpy)");
    rp_bench_report(b->tsv, "follow_cost_ratio_without_copy", (follow_cpu - copy_ms) / full_cpu,
                    "x", "follow_cost_ratio less that copy (what a GPU would leave on the CPU)");
    rp_bench_report(b->tsv, "follow_bars_built_share", bars ? (double)built / (double)bars : 0, "x",
                    "bars built afresh; the rest are last frame's, left in place (rp_series_bars)");
    rp_bench_report(b->tsv, "follow_bars_read_share", bars ? (double)examined / (double)bars : 0,
                    "x",
                    "columns whose inputs were read (the rest proved unchanged: rp_column_run)");
    rp_bench_report(b->tsv, "follow_copied_share",
                    copied + drawn ? (double)copied / (double)(copied + drawn) : 0, "x",
                    "plot pixel columns copied from the frame before (plot_reuse.h)");
    rp_bench_report(b->tsv, "follow_wall_cpu_ms_8x1e6", split.cpu / split.frames, "ms",
                    "wall time of rp_renderer_draw (incl. waits inside the driver)");
    rp_bench_report(b->tsv, "follow_decimate_ms_8x1e6", split.decimate / split.frames, "ms",
                    "decimation per follow frame (only the new and edge columns)");
    rp_bench_report(b->tsv, "follow_full_decimate_ms_8x1e6", full.decimate / full.frames, "ms",
                    "decimation per frame, every column afresh");
    rp_bench_report(b->tsv, "follow_decimate_ratio", split.decimate / full.decimate, "x",
                    "follow decimation / full decimation");
    rp_figure_destroy(f);
    for (int i = 0; i < count; i++) rp_series_destroy(s[i]);
}

/* The plot reuse cost rules' ground (plot_reuse.c): all threads' CPU a frame with every plot kept
 * and copied wherever exact (rp_plot_reuse_set_always), divided by the same frames drawn whole,
 * for 8 series of 10^6 samples in two panels (y fixed) followed live with `share` of the view
 * new each frame; three traces: the benchmark's noisy sine, a steep sine (1,600 samples a period:
 * bars that hardly overlap) and dense white noise (every column spans the band, drawn solid). */
static void bench_keep(bench_ctx *b)
{
    static const char *const kinds[] = {"noisy", "steep", "dense"};
    static const double shares[] = {0.1, 0.3, 0.5};
    const int count = 8;
    int64_t view = b->quick ? 100000 : 1000000, length = 4 * view;
    float *data = malloc(sizeof(float) * (size_t)length);
    if (!data) return;
    rp_plot_reuse *reuse = rp_renderer_plot_reuse(b->renderer);
    for (int kind = 0; kind < 3; kind++) {
        uint32_t r = 12345;
        for (int64_t i = 0; i < length; i++) {
            r ^= r << 13;
            r ^= r >> 17;
            r ^= r << 5;
            float u = (float)(r >> 8) * (1.0f / 16777216.0f);
            data[i] = kind == 0   ? b->source[i % SOURCE]
                      : kind == 1 ? (float)sin((double)i * 6.283185307179586 / 1600.0)
                                  : 2.0f * u - 1.0f;
        }
        for (int sh = 0; sh < 3; sh++) {
            int64_t step = (int64_t)(shares[sh] * (double)view);
            rp_series *s[8] = {0};
            rp_figure *f = NULL;
            rp_figure_create(&(rp_figure_desc){.x_axis = RP_X_AXIS_TIME}, &f);
            rp_figure_add_panel(f, NULL, NULL);
            rp_figure_add_panel(f, NULL, NULL);
            for (int i = 0; i < count; i++) {
                if (rp_series_create(&(rp_series_desc){.capacity = length, .rate = (double)view},
                                     &s[i]) != RP_OK)
                    continue;
                rp_push(s[i], data, view);
                rp_figure_add_series(f, i / 4, s[i], NULL);
            }
            rp_figure_set_y_view(f, 0, -1.5, 1.9);
            rp_figure_set_y_view(f, 1, -1.5, 1.9);
            rp_figure_follow(f, 1.0);
            double work[2] = {0, 0};
            int64_t offset = view;
            for (int mode = 0; mode < 2; mode++) { /* kept, then drawn whole */
                rp_plot_reuse_set_enabled(reuse, mode == 0);
                rp_plot_reuse_set_always(reuse, mode == 0);
                int frames = b->quick ? 10 : 40;
                for (int i = -3; i < frames; i++) {
                    if (i == 0) work[mode] = process_cpu_ms();
                    for (int k = 0; k < count; k++)
                        if (s[k]) rp_push(s[k], data + offset % (length - view), step);
                    offset += step;
                    pipelined_frame(b, f, NULL);
                }
                pipeline_drain(b);
                work[mode] = (process_cpu_ms() - work[mode]) / frames;
            }
            char name[64], what[96];
            snprintf(name, sizeof name, "keep_ratio_%s_%d", kinds[kind],
                     (int)(shares[sh] * 100.0 + 0.5));
            snprintf(what, sizeof what, "kept / drawn whole, all threads' CPU (%.1f / %.1f ms)",
                     work[0], work[1]);
            rp_bench_report(b->tsv, name, work[0] / work[1], "x", what);
            rp_figure_destroy(f);
            for (int i = 0; i < count; i++) rp_series_destroy(s[i]);
        }
    }
    rp_plot_reuse_set_always(reuse, false);
    rp_plot_reuse_set_enabled(reuse, !b->no_copy);
    free(data);
}

int rp_bench_render(int argc, char **argv, bool tsv)
{
    bench_ctx b = {.tsv = tsv, .width = W, .height = H};
    const char *only = NULL;
    double seconds = 10;
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "--quick")) {
            b.quick = true;
            seconds = 1;
        } else if (!strcmp(argv[i], "--only") && i + 1 < argc) {
            only = argv[++i];
        } else if (!strcmp(argv[i], "--gpu")) {
            b.gpu = true;
        } else if (!strcmp(argv[i], "--no-copy")) {
            b.no_copy = true;
        } else if (!strcmp(argv[i], "--seconds") && i + 1 < argc) {
            seconds = atof(argv[++i]);
        }
    }
    char err[256] = "";
    rp_log_sink err_log = rp_log_capture(err, sizeof err);
    if (rp_egl_context_create(b.gpu ? W4K : W, b.gpu ? H4K : H, &b.egl, &err_log) != RP_OK) {
        fprintf(stderr, "bench render: no headless GL context: %s\n", err);
        return 1;
    }
    b.gl = rp_egl_context_gl(b.egl);
    if (rp_renderer_create(&(rp_renderer_desc){.get_proc_address = rp_egl_get_proc_address},
                           &b.renderer) != RP_OK) {
        fprintf(stderr, "bench render: renderer creation failed\n");
        rp_egl_context_destroy(b.egl);
        return 1;
    }
    rp_plot_reuse_set_enabled(rp_renderer_plot_reuse(b.renderer), !b.no_copy);
    b.source = make_source();
    if (!b.source) {
        rp_renderer_destroy(b.renderer);
        rp_egl_context_destroy(b.egl);
        return 1;
    }
    if (tsv)
        printf("renderer\t%s\n", rp_renderer_gl_string(b.renderer));
    else
        printf("render (headless %dx%d, %s)%s\n", W, H, rp_renderer_gl_string(b.renderer),
               b.quick ? " --quick: sizes / 100" : "");
    fflush(stdout);
    if (!only || strstr(only, "views")) {
        rp_bench_views(tsv, b.quick);
        rp_bench_trigger(tsv, b.quick);
    }
    if (!only || strstr(only, "xy")) bench_xy(&b);
    if (!only || strstr(only, "16")) bench_16(&b);
    if (!only || strstr(only, "raw")) bench_raw(&b);
    if (!only || strstr(only, "big")) bench_big(&b);
    if (!only || strstr(only, "follow")) bench_follow(&b);
    if (!only || strstr(only, "stream")) bench_stream(&b, seconds);
    if (only && strstr(only, "keep")) bench_keep(&b); /* only when asked: ~1 min */
    free(b.source);
    rp_renderer_destroy(b.renderer);
    rp_egl_context_destroy(b.egl);
    return 0;
}
