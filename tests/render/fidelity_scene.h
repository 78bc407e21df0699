/* fidelity_scene.h — the scene the two fidelity tests share (test_render_fidelity.c: M4 against
 * the raw polyline, 1-px aliased; test_render_fidelity_bars.c: the production bar path against
 * the raw samples' per-column span): the same signal, the same GL set-up and the same view.
 * Everything is deterministic (a fixed xorshift seed). */
#ifndef RP_FIDELITY_SCENE_H
#define RP_FIDELITY_SCENE_H

#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "platform/egl_context.h"
#include "render/draw.h"

static uint32_t rp_fidelity_rng = 987654321u;
static inline float rp_fidelity_noise(void)
{
    rp_fidelity_rng ^= rp_fidelity_rng << 13;
    rp_fidelity_rng ^= rp_fidelity_rng >> 17;
    rp_fidelity_rng ^= rp_fidelity_rng << 5;
    return (float)(rp_fidelity_rng & 0xffffff) / 16777216.0f - 0.5f;
}

/* Random walk + a slow sine + a chirp + a noisy tail, and a spike of 1.2 at every sample i with
 * i % spike_every == spike_at: flat, steep and dense parts in one picture. The walk's step and
 * decay scale with n so that 10^6 and 10^7 samples look alike. */
static inline void rp_fidelity_signal(float *v, int64_t n, int64_t spike_every, int64_t spike_at)
{
    double walk = 0.0, step = 0.04 * sqrt(1e6 / (double)n);
    for (int64_t i = 0; i < n; i++) {
        walk += rp_fidelity_noise() * step;
        walk *= 1.0 - 5e-5 * 1e6 / (double)n;
        double t = (double)i / (double)n;
        double s = 0.6 * sin(2.0 * M_PI * 3.0 * t) + walk;
        if (t > 0.55 && t < 0.75)
            s += 0.25 * sin(2.0 * M_PI * (20.0 + 4000.0 * (t - 0.55)) * (t - 0.55));
        if (t > 0.8) s += 0.05 * rp_fidelity_noise();
        if (i % spike_every == spike_at) s += 1.2;
        v[i] = (float)s;
    }
}

/* A w x h EGL context and a draw object on it; false (with the reason printed) when either
 * cannot be made. */
static inline bool rp_fidelity_gl(int w, int h, rp_egl_context **ctx, rp_draw **d)
{
    char err[256] = "";
    rp_log_sink err_log = rp_log_capture(err, sizeof err);
    *d = NULL;
    if (rp_egl_context_create(w, h, ctx, &err_log) != RP_OK) {
        fprintf(stderr, "egl: %s\n", err);
        return false;
    }
    if (rp_draw_create(rp_egl_context_gl(*ctx), d, &err_log) != RP_OK) {
        fprintf(stderr, "draw: %s\n", err);
        return false;
    }
    return true;
}

/* The view: n samples over w px (x0 in samples: where the first column starts), y the data
 * range with a 5 % margin over h px. */
static inline rp_plot_transform rp_fidelity_view(const float *v, int64_t n, double x0, int w, int h)
{
    float lo = v[0], hi = v[0];
    for (int64_t i = 1; i < n; i++) {
        lo = fminf(lo, v[i]);
        hi = fmaxf(hi, v[i]);
    }
    return (rp_plot_transform){.x0 = x0,
                               .y0 = lo - 0.05 * (hi - lo),
                               .sx = (double)w / (double)n,
                               .sy = h / (1.1 * (hi - lo)),
                               .plot = {0.0f, 0.0f, (float)w, (float)h}};
}

#endif
