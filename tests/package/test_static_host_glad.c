/* test_static_host_glad.c — a host program that uses glad itself links libringplot.a cleanly.
 * It defines the names glad generates (loader functions and the glad_egl* function pointers), as
 * a host with its own glad does. On a static library that exported its glad, the link fails
 * (multiple definitions) or, worse, ringplot would call the host's glad; here ringplot must keep
 * using its own: the host's functions are never called and a headless render works. */
#include <stdio.h>

#include "ringplot.h"

/* The host's glad: same names, the host's own meaning. */
int host_glad_calls;
int gladLoadGLContextUserPtr(void *context, void *load, void *userptr);
int gladLoaderLoadEGL(void *display);
int gladLoadGL(void *load);
void *glad_eglGetProcAddress;
void *glad_eglGetError;
void *glad_eglMakeCurrent;

int gladLoadGLContextUserPtr(void *context, void *load, void *userptr)
{
    (void)context, (void)load, (void)userptr;
    return ++host_glad_calls, 0;
}
int gladLoaderLoadEGL(void *display) { return (void)display, ++host_glad_calls, 0; }
int gladLoadGL(void *load) { return (void)load, ++host_glad_calls, 0; }

int main(void)
{
    rp_headless *h = NULL;
    rp_figure *fig = NULL;
    if (rp_headless_create(&(rp_headless_desc){.width = 64, .height = 48}, &h) != RP_OK) {
        fprintf(stderr, "static_host_glad: headless: %s\n", rp_headless_last_error(NULL));
        return 1;
    }
    rp_status st = rp_figure_create(NULL, &fig);
    if (st == RP_OK) st = rp_headless_render(h, fig);
    rp_figure_destroy(fig);
    rp_headless_destroy(h);
    if (st != RP_OK || host_glad_calls != 0 || glad_eglGetProcAddress != NULL) {
        fprintf(stderr, "static_host_glad: render %s, host glad called %d times\n",
                rp_status_string(st), host_glad_calls);
        return 1;
    }
    printf("static_host_glad: ok (ringplot kept its own glad)\n");
    return 0;
}
