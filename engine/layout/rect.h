/* rect.h — a rectangle in viewport pixels (top-left origin, y down): the one geometry type the
 * layout, the GL primitives and hit-testing share. No dependencies. */
#ifndef RP_LAYOUT_RECT_H
#define RP_LAYOUT_RECT_H

typedef struct rp_rect { float x, y, w, h; } rp_rect; /* px, top-left origin of the viewport */

#endif
