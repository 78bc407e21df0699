/* consumer.c — a program outside the ringplot tree, built against an installed ringplot (CMake
 * find_package and pkg-config, shared and static). Renders a sine headless, checks the pixels
 * and writes them as a PNG. Usage: consumer OUT.png */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <ringplot.h>

enum { W = 320, H = 200 };

int main(int argc, char **argv)
{
    const char *png = argc > 1 ? argv[1] : "consumer.png";
    if (strcmp(rp_version(), RINGPLOT_VERSION_STRING) != 0) {
        fprintf(stderr, "header %s, library %s\n", RINGPLOT_VERSION_STRING, rp_version());
        return 1;
    }
    rp_series *s = NULL;
    rp_figure *f = NULL;
    rp_headless *h = NULL;
    int panel = 0;
    if (rp_series_create(&(rp_series_desc){.name = "sine", .capacity = 4096}, &s) != RP_OK ||
        rp_figure_create(&(rp_figure_desc){.title = "consumer"}, &f) != RP_OK ||
        rp_figure_add_panel(f, NULL, &panel) != RP_OK ||
        rp_figure_add_series(f, panel, s, NULL) != RP_OK) {
        fprintf(stderr, "consumer: setup failed\n");
        return 1;
    }
    float v[1000];
    for (int i = 0; i < 1000; i++) v[i] = sinf((float)i * 0.02f);
    rp_push(s, v, 1000);
    rp_status st =
        rp_headless_create(&(rp_headless_desc){.width = W, .height = H, .scale = 1.0f}, &h);
    if (st != RP_OK) {
        fprintf(stderr, "consumer: %s (the reason is on stderr above)\n", rp_status_string(st));
        return 1;
    }
    static uint8_t rgba[W * H * 4];
    st = rp_headless_render(h, f);
    if (st == RP_OK) st = rp_headless_read_rgba(h, rgba, sizeof rgba);
    if (st == RP_OK) st = rp_headless_write_png(h, png);
    if (st != RP_OK) {
        fprintf(stderr, "consumer: %s: %s\n", rp_status_string(st), rp_headless_last_error(h));
        return 1;
    }
    int differing = 0; /* pixels unlike the top-left one: the plot is not blank */
    for (int i = 0; i < W * H; i++) differing += memcmp(rgba + 4 * i, rgba, 4) != 0;
    printf("consumer: ringplot %s on %s, %d of %d pixels drawn, wrote %s\n", rp_version(),
           rp_renderer_gl_string(rp_headless_renderer(h)), differing, W * H, png);
    rp_headless_destroy(h);
    rp_figure_destroy(f);
    rp_series_destroy(s);
    return differing > W * H / 50 ? 0 : 1;
}
