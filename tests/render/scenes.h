/* scenes.h — the figures of the golden-image render tests: deterministic data (fixed seeds, fixed
 * t0), fixed sizes, each scene one look the renderer must get right.
 *
 *   rp_scene_count / rp_scene_name   the table
 *   rp_scene_build                   makes the scene's series and figure (owned by the scene)
 *   rp_scene_free                    destroys them */
#ifndef RP_TESTS_RENDER_SCENES_H
#define RP_TESTS_RENDER_SCENES_H

#include "ringplot.h"

#define RP_SCENE_WIDTH 800
#define RP_SCENE_HEIGHT 500
#define RP_SCENE_MAX_SERIES 40

typedef struct rp_scene {
    rp_figure *figure;
    rp_series *series[RP_SCENE_MAX_SERIES];
    int series_count;
} rp_scene;

int rp_scene_count(void);
const char *rp_scene_name(int index);
/* Builds scene `index` into *scene (zeroed first). */
rp_status rp_scene_build(int index, rp_scene *scene);
void rp_scene_free(rp_scene *scene);

#endif
