/* trigger.h — a trigger panel's state (trigger.c), as the renderer sees it. */
#ifndef RP_FIGURE_TRIGGER_H
#define RP_FIGURE_TRIGGER_H

#include "ringplot.h"

typedef struct rp_trigger rp_trigger;

void rp_trigger_free(rp_trigger *trigger); /* NULL ignored */
/* The panel's series: `series` itself? and destroyed while still in the figure? */
bool rp_trigger_uses(const rp_trigger *trigger, const rp_series *series);
/* The series it triggers on (borrowed). */
const rp_series *rp_trigger_series(const rp_trigger *trigger);
bool rp_trigger_stale(const rp_trigger *trigger);
/* The autoscaled y view: the shown sweep and the level, with 5 % headroom. */
void rp_trigger_y_view(const rp_trigger *trigger, double *y0, double *y1);

typedef struct rp_trigger_view {
    const float *sweep;      /* NULL: none yet */
    const rp_series *series; /* the series it triggers on (borrowed) */
    int n, pre;
    rp_trigger_desc desc;
    rp_trigger_state state;
    float *scratch_xy; /* 4 · n floats for the drawn points */
    /* persistence: history_kept earlier sweeps in a ring of history_room, the newest in slot
     * history_newest, the k-th before it in (history_newest - k) mod history_room */
    const float *history;
    int history_kept, history_newest, history_room;
} rp_trigger_view;
rp_trigger_view rp_trigger_get_view(rp_trigger *trigger);

#endif
