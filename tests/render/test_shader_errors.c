/* A shader that does not compile, or programs that do not link, fail with a clear message that
 * names the shader and carries the driver's log, leave no GL error and no GL object behind, and
 * the good programs still build afterwards (the fault of issue 6: "a failing shader compile"). */
#include <string.h>

#include "platform/egl_context.h"
#include "render/draw.h"
#include "rp_test.h"

static const unsigned char good_vs[] = "#version 330 core\n"
                                       "layout(location = 0) in vec2 p;\n"
                                       "void main() { gl_Position = vec4(p, 0.0, 1.0); }\n";
static const unsigned char good_fs[] =
    "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0); }\n";
static const unsigned char broken_fs[] =
    "#version 330 core\nout vec4 c;\nvoid main() { c = vec4(1.0) }\n";
/* Compiles, but has no main(): a link error. */
static const unsigned char unlinked_fs[] = "#version 330 core\nout vec4 c;\n"
                                           "void colour() { c = vec4(1.0); }\n";

int main(void)
{
    char err[256] = "";
    rp_log_sink err_log = rp_log_capture(err, sizeof err);
    rp_egl_context *ctx = NULL;
    rp_status st = rp_egl_context_create(64, 64, &ctx, &err_log);
    if (st != RP_OK) fprintf(stderr, "egl: %s\n", err);
    RP_REQUIRE(st == RP_OK);
    GladGLContext *gl = rp_egl_context_gl(ctx);
    GLuint before_max = gl->CreateProgram(); /* object names grow: a leak would show below */
    gl->DeleteProgram(before_max);

    err[0] = 0;
    GLuint prog =
        rp_draw_link_program(gl, good_vs, "good.vert", broken_fs, "broken.frag", &err_log);
    RP_CHECK(prog == 0);
    RP_CHECK_EQ_INT(err_log.item, RP_LOGITEM_SHADER_COMPILE);
    RP_CHECK_MSG(strstr(err, "shader broken.frag failed to compile") != NULL, "%s", err);
    RP_CHECK_MSG(strlen(err) > strlen("draw: shader broken.frag failed to compile: "),
                 "no driver log: %s", err);
    RP_CHECK_EQ_INT(gl->GetError(), GL_NO_ERROR);

    err[0] = 0;
    prog = rp_draw_link_program(gl, good_vs, "good.vert", unlinked_fs, "unlinked.frag", &err_log);
    RP_CHECK(prog == 0);
    RP_CHECK_EQ_INT(err_log.item, RP_LOGITEM_PROGRAM_LINK);
    RP_CHECK_MSG(strstr(err, "good.vert + unlinked.frag failed to link") != NULL, "%s", err);
    RP_CHECK_EQ_INT(gl->GetError(), GL_NO_ERROR);

    err[0] = 0;
    prog = rp_draw_link_program(gl, good_vs, "good.vert", good_fs, "good.frag", &err_log);
    RP_CHECK(prog != 0 && gl->IsProgram(prog));
    RP_CHECK(err[0] == 0);
    gl->DeleteProgram(prog);

    /* and the built-in programs still build in the same context */
    rp_draw *d = NULL;
    RP_CHECK(rp_draw_create(gl, &d, &err_log) == RP_OK);
    rp_draw_destroy(d);
    rp_egl_context_destroy(ctx);
    return rp_test_finish();
}
