/* figure_measure.c — measuring on a figure: two vertical time cursors (A, B), two horizontal
 * level cursors per panel, and the statistics table's switch. Pure data: the renderer draws
 * them and their read-out table (a band of its own under the plots, never over the data). */
#include <math.h>
#include <string.h>

#include "figure/figure_internal.h"

/* Reports a refused call on the figure's channel and returns its status. */
#define FAIL(figure, ...)                                                                          \
    rp_log_fail(rp_figure_log(figure), RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT, __VA_ARGS__)

rp_status rp_figure_set_time_cursor(rp_figure *figure, int cursor, double x)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (cursor < 0 || cursor > 1 || isinf(x))
        return FAIL(
            figure,
            "rp_figure_set_time_cursor: cursor %d must be 0 (A) or 1 (B), x %g finite or NAN",
            cursor, x);
    if (isnan(x)) {
        figure->cursor_on[cursor] = false;
        return RP_OK;
    }
    double origin;
    if (!rp_figure__origin(figure, &origin)) origin = 0;
    figure->cursor_on[cursor] = true;
    figure->cursor_offset[cursor] = x - origin;
    return RP_OK;
}

rp_status rp_figure_set_time_cursor_relative(rp_figure *figure, int cursor, double offset)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (cursor < 0 || cursor > 1 || !isfinite(offset))
        return FAIL(
            figure,
            "rp_figure_set_time_cursor_relative: cursor %d must be 0 (A) or 1 (B), offset %g finite",
            cursor, offset);
    figure->cursor_on[cursor] = true;
    figure->cursor_offset[cursor] = offset;
    return RP_OK;
}

bool rp_figure_time_cursor(const rp_figure *figure, int cursor, double *x)
{
    if (!rp_figure_valid(figure) || cursor < 0 || cursor > 1 || !figure->cursor_on[cursor] || !x)
        return false;
    double origin;
    if (!rp_figure__origin(figure, &origin)) origin = 0;
    *x = origin + figure->cursor_offset[cursor];
    return true;
}

rp_status rp_figure_set_level_cursor(rp_figure *figure, int panel, int cursor, double y)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (panel < 0 || panel >= figure->panel_count || cursor < 0 || cursor > 1 || isinf(y))
        return FAIL(
            figure,
            "rp_figure_set_level_cursor: panel %d (of %d), cursor %d (0 or 1), y %g finite or NAN",
            panel, figure->panel_count, cursor, y);
    rp_figure_panel *pn = &figure->panels[panel];
    pn->level_on[cursor] = !isnan(y);
    pn->level_y[cursor] = isnan(y) ? 0 : y;
    return RP_OK;
}

bool rp_figure_level_cursor(const rp_figure *figure, int panel, int cursor, double *y)
{
    if (!rp_figure_valid(figure) || panel < 0 || panel >= figure->panel_count || cursor < 0 ||
        cursor > 1 || !figure->panels[panel].level_on[cursor] || !y)
        return false;
    *y = figure->panels[panel].level_y[cursor];
    return true;
}

rp_status rp_figure_show_stats(rp_figure *figure, bool show)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    figure->stats_on = show;
    return RP_OK;
}

bool rp_figure_stats_shown(const rp_figure *figure)
{
    return rp_figure_valid(figure) && figure->stats_on;
}
