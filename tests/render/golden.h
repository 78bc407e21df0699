/* golden.h — render tests: compare an RGBA8 image in memory with a reference PNG in the repo.
 *
 * Reference: tests/render/golden/<name>.png (RP_GOLDEN_DIR). Tolerance, in one place:
 *   a pixel "differs" when any channel (R, G, B or A) differs by more than RP_GOLDEN_CHANNEL_TOL;
 *   the image passes when no more than RP_GOLDEN_MAX_BAD_FRACTION of its pixels differ.
 * On failure <name>.actual.png and <name>.diff.png (differing pixels in red over a dimmed grey copy
 * of the actual image) are written to the test output folder (RP_TEST_OUT_DIR, the build dir) and
 * their paths printed. RINGPLOT_UPDATE_GOLDEN=1 in the environment rewrites the reference instead.
 *
 *   rp_golden_check(name, rgba, w, h)  → true when it matches (or was updated)
 *   rp_golden_out_path(name, suffix, buf, size)  → "<out dir>/<name><suffix>"
 *   rp_golden_read_png(path, &w, &h)  → RGBA8 pixels top row first (free()), NULL on failure */
#ifndef RP_TESTS_GOLDEN_H
#define RP_TESTS_GOLDEN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Renders are byte-identical run to run (llvmpipe, RGBA8 FBO): 1 LSB covers a rounding step of
 * another Mesa build, and 0.01 % of the pixels (40 of 800×500) a few edge pixels, no more. */
#define RP_GOLDEN_CHANNEL_TOL 1           /* per-channel difference allowed for every pixel */
#define RP_GOLDEN_MAX_BAD_FRACTION 0.0001 /* 0.01 % of the pixels may differ by more than that */

bool rp_golden_check(const char *name, const uint8_t *rgba, int width, int height);
const char *rp_golden_out_path(const char *name, const char *suffix, char *buf, size_t size);
uint8_t *rp_golden_read_png(const char *path, int *width, int *height);

#endif
