/* rect.h — a rectangle in viewport pixels (top-left origin, y down): the one geometry type the
 * figure's hit-test state, the layout and the GL primitives share. No dependencies. */
#ifndef RP_CORE_RECT_H
#define RP_CORE_RECT_H

typedef struct rp_rect {
    float x, y, w, h;
} rp_rect; /* px, top-left origin of the viewport */

#endif
