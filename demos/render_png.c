/* render_png.c — plots to PNG from a C program, no window, no display (EGL headless).
 *
 *   render_png [out.png]        (default render_png.png, 1280 x 720)
 *
 * Builds a figure from data already in memory — a damped oscillation measured with noise and a
 * 0.4 s sensor dropout — and writes it with one call, rp_render_png. What to look at:
 *   - two panels sharing one x axis (seconds from the start), light theme, a legend in each;
 *   - top: the noisy measurement follows the model inside the grey ±envelope;
 *   - bottom: the residual (measurement − model) is flat noise;
 *   - the dropout at 6.0–6.4 s (NaN samples) is a gap in both panels, not a line to zero. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>

#include "ringplot.h"

#define RATE 1000.0 /* samples per second */
#define N 10000     /* 10 s */
#define PI 3.14159265358979323846

static float noise(uint64_t *state) /* deterministic: xorshift64, roughly normal (sum of 4) */
{
    float sum = 0.0f;
    for (int i = 0; i < 4; i++) {
        *state ^= *state << 13, *state ^= *state >> 7, *state ^= *state << 17;
        sum += (float)(*state >> 40) / (float)(1u << 24) - 0.5f;
    }
    return sum;
}

int main(int argc, char **argv)
{
    const char *path = argc > 1 ? argv[1] : "render_png.png";
    const char *names[5] = {"measured", "model", "envelope", "-envelope", "residual"};
    rp_series *s[5] = {0};
    for (int k = 0; k < 5; k++)
        if (rp_series_create(&(rp_series_desc){.name = names[k], .capacity = N, .rate = RATE},
                             &s[k]) != RP_OK)
            return 1;

    static float v[5][N];
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (int i = 0; i < N; i++) {
        double t = i / RATE, env = exp(-t / 3.0);
        float model = (float)(env * cos(2.0 * PI * 1.5 * t));
        float measured = (t >= 6.0 && t < 6.4) ? NAN : model + 0.06f * noise(&seed);
        v[0][i] = measured;
        v[1][i] = model;
        v[2][i] = (float)env;
        v[3][i] = (float)-env;
        v[4][i] = measured - model; /* NaN stays NaN: the gap shows here too */
    }
    for (int k = 0; k < 5; k++) rp_push(s[k], v[k], N); /* copied into the series */

    rp_figure *fig = NULL;
    int top = 0, bottom = 0;
    rp_figure_create(&(rp_figure_desc){.title = "Damped oscillator, 10 s at 1 kHz",
                                       .x_label = "time (s)",
                                       .theme = RP_THEME_LIGHT},
                     &fig);
    rp_figure_add_panel(fig, &(rp_panel_desc){.title = "displacement", .y_label = "mm"}, &top);
    rp_figure_add_panel(fig, &(rp_panel_desc){.title = "residual", .y_label = "mm"}, &bottom);
    const rp_color grey = {0.55f, 0.55f, 0.55f, 1.0f};
    rp_figure_add_series(
        fig, top, s[2], &(rp_series_style){.label = "envelope", .color = grey, .line_width = 1.0f});
    rp_figure_add_series(
        fig, top, s[3],
        &(rp_series_style){.label = "-envelope", .color = grey, .line_width = 1.0f});
    rp_figure_add_series(fig, top, s[0], NULL);
    rp_figure_add_series(fig, top, s[1], &(rp_series_style){.line_width = 2.0f});
    rp_figure_add_series(fig, bottom, s[4], NULL);
    rp_figure_set_x_view(fig, 0.0, N / RATE);

    rp_status st = rp_render_png(fig, 1280, 720, path);
    if (st != RP_OK)
        fprintf(stderr, "render_png: %s: %s\n", rp_status_string(st), rp_figure_last_error(fig));
    else
        printf("render_png: wrote %s\n", path);
    rp_figure_destroy(fig); /* the figure first: it borrows the series */
    for (int k = 0; k < 5; k++) rp_series_destroy(s[k]);
    return st == RP_OK ? 0 : 1;
}
