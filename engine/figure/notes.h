/* notes.h — the notes store's panel side (figure/notes.c): what a notes panel holds and what the
 * layout and the renderer ask of it. The store itself is public (ringplot.h, "Notes"). No GL. */
#ifndef RP_FIGURE_NOTES_H
#define RP_FIGURE_NOTES_H

#include "figure/figure_internal.h"

#define RP_NOTES_LIST_MAX 32    /* log lines a list shows at most */
#define RP_NOTES_ROWS_TRACKS 12 /* track rows a panel shows at most (the rest are counted) */
#define RP_NOTES_VIEW_MAX 1024  /* entries a frame reads per track, and log lines per frame */

typedef struct rp_notes_panel {
    rp_notes *store; /* borrowed */
    uint64_t serial; /* its registration: a destroyed store is not read */
    rp_notes_panel_desc desc;
    char title[RP_TEXT_MAX];
    rp_note *scratch; /* RP_NOTES_VIEW_MAX entries: a frame copies what it draws here */
} rp_notes_panel;

/* The store when it is still live, else NULL. */
rp_notes *rp_notes_panel_store(const rp_notes_panel *np);
/* Track rows the panel shows now (0 when hidden), and all its rows: the marker row, the tracks
 * and the list when shown. Row 0 is the top one. */
int rp_notes_panel_track_rows(const rp_notes_panel *np);
int rp_notes_panel_rows(const rp_notes_panel *np);
/* Row of the first list line. */
static inline int rp_notes_panel_list_row(const rp_notes_panel *np)
{
    return 1 + rp_notes_panel_track_rows(np);
}
void rp_notes_panel_free(rp_notes_panel *np);
/* The x range of what the panel's store holds (every track and the log); false when empty. A
 * following view reaches the newest note as it reaches the newest sample. */
bool rp_notes_panel_x_extent(const rp_notes_panel *np, double *lo, double *hi);
/* A colour for value number v of a track (stable: the same value keeps it). */
rp_color rp_notes_value_color(rp_theme theme, int value);

#endif
