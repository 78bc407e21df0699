/* renderer_internal.h — what the viewer and the tests may ask a renderer beyond ringplot.h. */
#ifndef RP_RENDER_RENDERER_INTERNAL_H
#define RP_RENDER_RENDERER_INTERNAL_H

#include "layout/layout.h"
#include "ringplot.h"

/* The layout of the last frame `renderer` drew, if that frame was of `figure`; NULL otherwise
 * (never drawn, another figure, not a renderer). Borrowed until the next draw. */
const rp_layout *rp_renderer_last_layout(const rp_renderer *renderer, const rp_figure *figure);

#endif
