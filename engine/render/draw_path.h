/* draw_path.h — internal to engine/render: the path builder that series_geometry.c feeds.
 * A path is a polyline in viewport px (double precision until it is clipped to a guard band
 * around the clip rect, so far-away points never reach the GPU as huge floats). Consecutive
 * segments of a path are linked: the segment shader gives each pixel of a join to one segment.
 *
 *   rp_draw_path_begin(draw, width, color)   AA thick path (capsules)
 *   rp_draw_path_begin_aliased(draw, color)  1-px aliased GL_LINE_STRIP path (tests)
 *   rp_draw_path_point(draw, px, py)         next vertex (identical consecutive points skipped)
 *   rp_draw_path_break(draw)                 gap: the next point starts a new run
 *   rp_draw_path_end(draw)
 * A run of a single point draws a dot (AA mode). No allocation. */
#ifndef RP_RENDER_DRAW_PATH_H
#define RP_RENDER_DRAW_PATH_H

#include "render/draw.h"

void rp_draw_path_begin(rp_draw *draw, float width, rp_color color);
void rp_draw_path_begin_aliased(rp_draw *draw, rp_color color);
void rp_draw_path_point(rp_draw *draw, double px, double py);
void rp_draw_path_break(rp_draw *draw);
void rp_draw_path_end(rp_draw *draw);

#endif
