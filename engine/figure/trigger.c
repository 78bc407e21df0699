/* trigger.c — trigger panels: an edge trigger with hysteresis and holdoff over a series' samples,
 * examined once each, in order, across updates. An update copies the newest samples (a block of
 * 4 sweeps, made at creation), scans those it has not seen, and keeps the sweep of the last
 * trigger whose samples are all there. When the figure does not follow live (paused, panned, a
 * replay) or the series is a recording's, the panel shows instead the newest trigger at or before
 * the view's right edge, found by a bounded search back from there (search_at_end), with the
 * triggers before it for persistence, in buffers of their own: the live scan goes on behind it.
 * Nothing is allocated after creation. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "core/series_copy.h"
#include "figure/figure_internal.h"
#include "figure/trigger.h"

#define RP_TRIGGER_DEFAULT_SWEEP 1000
#define RP_TRIGGER_MIN_SWEEP 16
#define RP_TRIGGER_MAX_SWEEP (1 << 20)
#define RP_TRIGGER_BLOCK_SWEEPS 4 /* samples read per update, in sweeps */
/* blocks a live update examines at most (a frame never stalls: the rest waits) */
#define SCAN_BLOCKS 64
#define RP_TRIGGER_AUTO_SWEEPS 2 /* auto mode: free-running after this many sweeps without one */
#define RP_TRIGGER_SCAN_CHUNK (1 << 14) /* samples a search back reads at a time */
#define RP_TRIGGER_FOUND_ROOM                                                                      \
    (RP_TRIGGER_MAX_PERSISTENCE + 1) /* the shown trigger and those before */

#define FAIL(figure, status, item, ...)                                                            \
    rp_log_fail(&(figure)->log, status, RP_LOGITEM_##item, __VA_ARGS__)

struct rp_trigger {
    rp_series *series; /* borrowed */
    uint64_t serial;
    rp_trigger_desc desc; /* title NULL (the panel keeps it) */
    int pre;              /* samples before the trigger sample */
    float *block;         /* RP_TRIGGER_BLOCK_SWEEPS · sweep + 1: the newest samples */
    int64_t block_len;    /* RP_TRIGGER_BLOCK_SWEEPS · sweep + 1 */
    float *sweep;         /* the shown sweep */
    float *scratch_xy;    /* 4 · sweep */
    bool have_sweep;
    int64_t next_scan; /* the next sample index to examine; -1: none yet */
    bool rescan;       /* the trigger changed: the next scan outside single mode looks at the
                          newest samples again */
    bool armed;
    int64_t holdoff_until; /* no trigger before this index */
    int64_t last_trigger;  /* index of the newest trigger fired; -1 none */
    int64_t idle_since;    /* auto: the index from which "no trigger" is counted */
    rp_trigger_state state;
    /* persistence: a ring of the previous triggered sweeps, room × sweep floats */
    float *history;
    int room;       /* sweeps the ring holds (desc.persistence at creation) */
    int kept;       /* sweeps in it */
    int newest;     /* slot of the newest */
    bool triggered; /* the shown sweep fired (so it goes into the ring when the next one fires) */
    /* At the view's end: what the last search found there (its own buffers, so the live state
     * above is intact when the figure follows live again). */
    bool at_end;              /* the last update showed the view's end */
    bool end_valid;           /* end_* below answer for end_index and end_desc */
    int64_t end_index;        /* one past the last sample at or before the view's end */
    rp_trigger_desc end_desc; /* the trigger they were searched with */
    float *scan;              /* RP_TRIGGER_SCAN_CHUNK samples: what a search reads */
    float *end_sweep;         /* sweep floats; end_have: it holds the shown sweep */
    bool end_have;
    float *end_history; /* room × sweep: the k-th trigger before the shown one in slot k */
    int end_kept;
    rp_trigger_state end_state;
    int64_t found[RP_TRIGGER_FOUND_ROOM]; /* the newest triggers a search met, a ring */
};

bool rp_trigger_uses(const rp_trigger *t, const rp_series *series) { return t->series == series; }

const rp_series *rp_trigger_series(const rp_trigger *t) { return t->series; }

bool rp_trigger_stale(const rp_trigger *t)
{
    return rp_handle_serial(t->series, RP_HANDLE_SERIES) != t->serial;
}

void rp_trigger_free(rp_trigger *t)
{
    if (!t) return;
    free(t->block);
    free(t->sweep);
    free(t->scratch_xy);
    free(t->history);
    free(t->scan);
    free(t->end_sweep);
    free(t->end_history);
    free(t);
}

static bool desc_ok(rp_figure *figure, const rp_trigger_desc *d)
{
    const char *call = "rp_figure_add_trigger_panel";
    if (d->sweep < RP_TRIGGER_MIN_SWEEP || d->sweep > RP_TRIGGER_MAX_SWEEP)
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: sweep %d outside %d .. %d", call,
             d->sweep, RP_TRIGGER_MIN_SWEEP, RP_TRIGGER_MAX_SWEEP);
    else if (!(d->pre_trigger >= 0 && d->pre_trigger <= 0.95))
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: pre_trigger %g outside 0 .. 0.95",
             call, d->pre_trigger);
    else if (!(d->hysteresis >= 0 && isfinite(d->hysteresis)) || !isfinite(d->level))
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
             "%s: level %g / hysteresis %g must be finite, "
             "hysteresis >= 0",
             call, d->level, d->hysteresis);
    else if (d->persistence < 0 || d->persistence > RP_TRIGGER_MAX_PERSISTENCE)
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: persistence %d outside 0 .. %d",
             call, d->persistence, RP_TRIGGER_MAX_PERSISTENCE);
    else if (d->holdoff < 0 || d->edge < RP_TRIGGER_RISING || d->edge > RP_TRIGGER_FALLING ||
             d->mode < RP_TRIGGER_AUTO || d->mode > RP_TRIGGER_SINGLE)
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT, "%s: bad holdoff, edge or mode", call);
    else if ((d->time_min != 0 || d->time_max != 0) &&
             !(isfinite(d->time_min) && isfinite(d->time_max) && d->time_max > d->time_min))
        FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
             "%s: time window [%g, %g] must be finite with time_max > time_min", call, d->time_min,
             d->time_max);
    else
        return true;
    return false;
}

rp_status rp_figure_add_trigger_panel(rp_figure *figure, rp_series *series,
                                      const rp_trigger_desc *desc, int *panel)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!rp_handle_live(series, RP_HANDLE_SERIES))
        return FAIL(figure, RP_ERR_INVALID_ARG, STALE_HANDLE,
                    "rp_figure_add_trigger_panel: not a live series");
    rp_trigger_desc d = desc ? *desc : (rp_trigger_desc){0};
    if (d.sweep == 0) d.sweep = RP_TRIGGER_DEFAULT_SWEEP;
    if (!desc_ok(figure, &d)) return RP_ERR_INVALID_ARG;
    if (d.title && strlen(d.title) >= RP_TEXT_MAX)
        return FAIL(figure, RP_ERR_LIMIT, LIMIT_EXCEEDED,
                    "rp_figure_add_trigger_panel: title longer than %d bytes", RP_TEXT_MAX - 1);
    char title[RP_TEXT_MAX];
    snprintf(title, sizeof title, d.title ? "%s" : "trigger on %s",
             d.title ? d.title : rp_series_name(series));
    d.title = NULL;
    rp_trigger *t = calloc(1, sizeof *t);
    if (!t)
        return FAIL(figure, RP_ERR_NO_MEMORY, OUT_OF_MEMORY,
                    "rp_figure_add_trigger_panel: out of memory");
    t->series = series;
    t->serial = rp_handle_serial(series, RP_HANDLE_SERIES);
    t->desc = d;
    t->pre = (int)lround(d.pre_trigger * d.sweep);
    t->block_len = (int64_t)RP_TRIGGER_BLOCK_SWEEPS * d.sweep + 1;
    t->block = malloc(sizeof(float) * (size_t)t->block_len);
    t->sweep = malloc(sizeof(float) * (size_t)d.sweep);
    t->scratch_xy = malloc(4 * sizeof(float) * (size_t)d.sweep);
    t->room = d.persistence;
    t->end_sweep = malloc(sizeof(float) * (size_t)d.sweep);
    t->scan = malloc(sizeof(float) * RP_TRIGGER_SCAN_CHUNK);
    if (t->room > 0) {
        t->history = malloc(sizeof(float) * (size_t)t->room * (size_t)d.sweep);
        t->end_history = malloc(sizeof(float) * (size_t)t->room * (size_t)d.sweep);
    }
    if (!t->block || !t->sweep || !t->scratch_xy || !t->end_sweep || !t->scan ||
        (t->room > 0 && (!t->history || !t->end_history))) {
        rp_trigger_free(t);
        return FAIL(figure, RP_ERR_NO_MEMORY, OUT_OF_MEMORY,
                    "rp_figure_add_trigger_panel: out of memory");
    }
    t->next_scan = -1;
    t->last_trigger = -1;
    t->state.trigger_index = -1;
    t->state.first_index = -1;
    t->state.waiting = d.mode == RP_TRIGGER_SINGLE;
    int p = -1;
    rp_status st = rp_figure_add_panel(figure, &(rp_panel_desc){.title = title}, &p);
    if (st != RP_OK) {
        rp_trigger_free(t);
        return st;
    }
    figure->panels[p].trigger = t;
    if (panel) *panel = p;
    return RP_OK;
}

static rp_trigger *trigger_of(const rp_figure *figure, int panel, const char *call)
{
    if (!rp_figure_valid(figure)) return NULL;
    if (panel < 0 || panel >= figure->panel_count || !figure->panels[panel].trigger) {
        FAIL((rp_figure *)figure, RP_ERR_INVALID_ARG, NOT_FOUND,
             "%s: panel %d is not a trigger panel", call, panel);
        return NULL;
    }
    return figure->panels[panel].trigger;
}

rp_trigger_desc rp_figure_trigger_desc(const rp_figure *figure, int panel)
{
    if (!rp_figure_valid(figure) || panel < 0 || panel >= figure->panel_count ||
        !figure->panels[panel].trigger)
        return (rp_trigger_desc){0};
    rp_trigger_desc d = figure->panels[panel].trigger->desc;
    d.title = figure->panels[panel].title;
    return d;
}

rp_status rp_figure_set_trigger(rp_figure *figure, int panel, const rp_trigger_desc *desc)
{
    rp_trigger *t = trigger_of(figure, panel, "rp_figure_set_trigger");
    if (!t) return RP_ERR_INVALID_ARG;
    if (!desc)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_trigger: desc is required");
    rp_trigger_desc d = *desc;
    d.sweep = t->desc.sweep;
    d.title = NULL;
    if (!desc_ok(figure, &d)) return RP_ERR_INVALID_ARG;
    if (d.persistence > t->room)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "rp_figure_set_trigger: persistence %d, but the panel was made with room for "
                    "%d sweeps",
                    d.persistence, t->room);
    const rp_trigger_desc *o = &t->desc;
    if (d.edge == o->edge && d.level == o->level && d.hysteresis == o->hysteresis &&
        d.pre_trigger == o->pre_trigger && d.holdoff == o->holdoff && d.mode == o->mode &&
        d.persistence == o->persistence) { /* only the time window: nothing else resets */
        t->desc.time_min = d.time_min;
        t->desc.time_max = d.time_max;
        return RP_OK;
    }
    if (d.edge != t->desc.edge || d.level != t->desc.level ||
        d.pre_trigger != t->desc.pre_trigger) {
        /* the sweeps before would not line up with the new ones, the one shown now neither: it
         * does not go into the history when the next trigger replaces it */
        t->kept = 0;
        t->triggered = false;
    }
    bool to_single = d.mode == RP_TRIGGER_SINGLE && t->desc.mode != RP_TRIGGER_SINGLE;
    /* Another edge, level, hysteresis, pre-trigger or holdoff, or more sweeps to persist: the
     * newest samples are looked at again with it (a file shown whole brings no new ones, and
     * kept showing the sweep of the old trigger under the new one's name, without the traces
     * asked for); single mode waits for a trigger to come. */
    if (d.edge != o->edge || d.level != o->level || d.hysteresis != o->hysteresis ||
        d.pre_trigger != o->pre_trigger || d.holdoff != o->holdoff ||
        (d.persistence > o->persistence && d.mode != RP_TRIGGER_SINGLE))
        t->rescan = true; /* held while single mode waits, done when it is left */
    t->desc = d;
    t->pre = (int)lround(d.pre_trigger * d.sweep);
    t->armed = false;
    if (d.mode != RP_TRIGGER_SINGLE) t->state.stopped = t->state.waiting = false;
    return to_single ? rp_figure_trigger_rearm(figure, panel) : RP_OK;
}

rp_status rp_figure_trigger_rearm(rp_figure *figure, int panel)
{
    rp_trigger *t = trigger_of(figure, panel, "rp_figure_trigger_rearm");
    if (!t) return RP_ERR_INVALID_ARG;
    /* the next trigger from now on: samples that came while stopped are not looked at */
    float one;
    int64_t got = 0, first = 0;
    if (rp_series_copy_latest_at(t->series, &one, 1, &got, &first, NULL, NULL) == RP_OK && got == 1)
        t->next_scan = first + 1;
    t->state.stopped = false;
    t->state.waiting = t->desc.mode == RP_TRIGGER_SINGLE;
    t->armed = false;
    return RP_OK;
}

/* One sample through the edge detector: a gap disarms it, a sample beyond level ∓ hysteresis on
 * the other side arms it; true when the sample is at or beyond the level on the trigger's edge (it
 * fires if armed and past the holdoff: the caller's decision). */
static inline bool at_level(const rp_trigger_desc *d, float v, bool *armed)
{
    const bool rising = d->edge == RP_TRIGGER_RISING;
    if (!isfinite(v)) { /* a gap: start over */
        *armed = false;
        return false;
    }
    if (rising ? v < d->level - d->hysteresis : v > d->level + d->hysteresis) {
        *armed = true;
        return false;
    }
    return rising ? v >= d->level : v <= d->level;
}

/* Copies the sweep around trigger sample `at` (or starting at `first` when at < 0) from the
 * block, whose sample 0 has index block_first. */
static void take_sweep(rp_trigger *t, int64_t block_first, int64_t first, int64_t at)
{
    size_t bytes = sizeof(float) * (size_t)t->desc.sweep;
    if (t->room > 0 && t->have_sweep && t->triggered && at >= 0) { /* the shown one: history */
        t->newest = (t->newest + 1) % t->room;
        memcpy(t->history + (size_t)t->newest * (size_t)t->desc.sweep, t->sweep, bytes);
        if (t->kept < t->room) t->kept++;
    }
    t->triggered = at >= 0;
    memcpy(t->sweep, t->block + (first - block_first), sizeof(float) * (size_t)t->desc.sweep);
    t->have_sweep = true;
    t->state.first_index = first;
    t->state.trigger_index = at;
    t->state.triggered = at >= 0;
}

/* The rate a sweep's time axis is drawn with. Measured afresh each update, it moves in its last
 * digits (the x of samples far from 0, a timestamped series' jitter), so the axis' ends move by
 * a hair each frame and a tick on an end comes and goes: its label flickers. A change within
 * 0.1 % (a pixel in a thousand) keeps the rate held. */
static double steady_rate(double held, double measured)
{
    return held > 0 && fabs(measured - held) <= 1e-3 * held ? held : measured;
}

/* The index of the oldest sample the series holds (0 when it holds none). */
static int64_t oldest_index(rp_trigger *t)
{
    int64_t oldest = 0, n0 = 0;
    rp_series_copy_range(t->series, 0, t->block, 1, &n0, &oldest, NULL);
    return oldest;
}

/* Live: examines the samples that arrived since the last scan, in order. */
static rp_status scan_live(rp_trigger *t)
{
    /* the newest samples: the rate, the head, and where an idle auto trigger free-runs from; the
     * rate over a block (4 sweeps), so that a millis() stamp's 1 ms (3, 3, 4 ms steps) moves it
     * by a quarter of what it would over one sweep, within steady_rate's hold */
    int64_t got = 0, first = 0;
    double x0 = 0, x1 = 0;
    int64_t want = t->block_len;
    rp_status st = rp_series_copy_latest_at(t->series, t->block, want, &got, &first, &x0, &x1);
    if (st != RP_OK) return st;
    if (got >= 2 && x1 > x0)
        t->state.rate = steady_rate(t->state.rate, (double)(got - 1) / (x1 - x0));
    int64_t head = first + got;
    int sweep = t->desc.sweep, post = sweep - t->pre;
    if (t->next_scan < 0) {
        if (got == 0) return RP_OK;
        int64_t oldest = oldest_index(t);
        t->next_scan = oldest + 1;
        t->idle_since = oldest;
    }
    if (t->rescan && t->desc.mode != RP_TRIGGER_SINGLE) {
        /* what one update examines, back from the newest: its newest trigger */
        t->rescan = false;
        int64_t oldest = oldest_index(t);
        int64_t from = head - SCAN_BLOCKS * t->block_len;
        t->next_scan = from > oldest + 1 ? from : oldest + 1;
        t->holdoff_until = t->next_scan;
        t->idle_since = t->next_scan;
        t->state.sweeps = 0; /* counted with this trigger from there */
        t->state.behind = false;
        t->kept = 0; /* the history is made again from those samples (the shown sweep too) */
        t->triggered = false;
    }
    bool fired = false, waits_for_samples = false;
    /* Blocks from just before the next sample to examine (its sweep's start included), until
     * the head; a bounded number per update so one frame never stalls (the rest waits). */
    for (int blocks = 0; blocks < SCAN_BLOCKS && t->next_scan < head && !t->state.stopped;
         blocks++) {
        int64_t bfirst = 0, bgot = 0, bhead = 0;
        st = rp_series_copy_range(t->series, t->next_scan - 1 - t->pre, t->block, t->block_len,
                                  &bgot, &bfirst, &bhead);
        if (st != RP_OK) return st;
        if (bgot < 2) break;
        if (t->next_scan < bfirst + 1) { /* overwritten before it was examined */
            t->state.missed += bfirst + 1 - t->next_scan;
            t->next_scan = bfirst + 1;
            t->armed = false;
        }
        int64_t i = t->next_scan;
        bool wait = false;
        for (; i < bhead; i++) {
            if (t->state.stopped) break;
            float v = t->block[i - bfirst];
            if (!at_level(&t->desc, v, &t->armed) || !t->armed) continue;
            if (i < t->holdoff_until) { /* an edge within the holdoff: passed over, not kept */
                t->armed = false;
                continue;
            }
            if (i + post > bhead) {   /* its sweep is not all in this block */
                wait = bhead >= head; /* ... nor in the series yet: look again next time */
                break;
            }
            t->armed = false;
            if (i - t->pre < bfirst)
                continue; /* its start is gone (or before the first sample): not a full sweep */
            take_sweep(t, bfirst, i - t->pre, i);
            fired = true;
            t->state.sweeps++;
            t->last_trigger = i;
            t->idle_since = i;
            t->holdoff_until = i + t->desc.holdoff;
            if (t->desc.mode == RP_TRIGGER_SINGLE) t->state.stopped = true;
            t->state.waiting = false;
        }
        t->next_scan = i;
        if (wait) {
            waits_for_samples = true;
            break;
        }
    }
    t->state.behind = !t->state.stopped && !waits_for_samples && t->next_scan < head;
    if (!fired && t->desc.mode == RP_TRIGGER_AUTO && got >= sweep &&
        head - t->idle_since > (int64_t)RP_TRIGGER_AUTO_SWEEPS * sweep) {
        st = rp_series_copy_latest_at(t->series, t->block, sweep, &got, &first, NULL, NULL);
        if (st == RP_OK && got == sweep)
            take_sweep(t, first, first, -1); /* free-running: the newest samples */
    }
    return RP_OK;
}

/* ---- at the view's end ----------------------------------------------------------------------- */

/* The search back from the view's end examines at most this many samples (or 4 sweeps and one
 * sample when that is more). */
static int64_t search_limit(const rp_trigger *t)
{
    return RP_TRIGGER_SEARCH_SAMPLES > t->block_len ? RP_TRIGGER_SEARCH_SAMPLES : t->block_len;
}

/* Scans samples [from, end) in order with the edge detector starting disarmed, and rings up in
 * t->found each trigger whose whole sweep is held and ends at or before `end` (as live would
 * have shown it when `end` was the newest sample). Returns how many it found; *oldest: the scan
 * met the oldest sample held (nothing earlier to search). */
static int64_t scan_window(rp_trigger *t, int64_t from, int64_t end, bool *oldest)
{
    int post = t->desc.sweep - t->pre;
    bool armed = false;
    int64_t holdoff_until = from, run_start = from, expect = from, count = 0;
    *oldest = from <= 0;
    for (int64_t a = from; a < end; a += RP_TRIGGER_SCAN_CHUNK) {
        int64_t b = end - a < RP_TRIGGER_SCAN_CHUNK ? end : a + RP_TRIGGER_SCAN_CHUNK;
        rp_sample_span sp;
        if (rp_series_copy_to_index(t->series, b, t->scan, b - a, &sp) != RP_OK) break;
        if (sp.first > expect) { /* the samples before it are not held: a run starts here */
            *oldest |= a == from;
            armed = false;
            run_start = sp.first;
        }
        for (int64_t i = sp.first; i < sp.end; i++) {
            if (!at_level(&t->desc, t->scan[i - sp.first], &armed) || !armed) continue;
            if (i < holdoff_until) { /* an edge within the holdoff: passed over (as live) */
                armed = false;
                continue;
            }
            if (i + post > end) return count; /* its sweep would run past the view's end */
            armed = false;
            if (i - t->pre < run_start) continue; /* its start is not held: no full sweep */
            t->found[count % RP_TRIGGER_FOUND_ROOM] = i;
            count++;
            holdoff_until = i + t->desc.holdoff;
        }
        expect = b;
    }
    return count;
}

/* The slot of end_history holding the k-th trigger before the shown one: the ring order of the live
 * history with the newest in slot 0, so the drawer reads both alike. */
static int end_slot(const rp_trigger *t, int k) { return (t->room - k) % t->room; }

/* Copies the sweep of `sweep` samples ending before `end` into out; false when they are not all
 * held. x of its first and last sample into *x0, *x1. */
static bool copy_sweep(rp_trigger *t, int64_t end, float *out, double *x0, double *x1)
{
    rp_sample_span sp;
    if (rp_series_copy_to_index(t->series, end, out, t->desc.sweep, &sp) != RP_OK ||
        sp.got != t->desc.sweep || sp.end != end)
        return false;
    *x0 = sp.x_first;
    *x1 = sp.x_last;
    return true;
}

/* The newest trigger at or before sample `end` (exclusive) and the persistence's triggers before
 * it: windows of 4 sweeps, 8, 16 ... back from `end`, each scanned in order, until one holds them
 * or the search limit or the oldest sample held is reached. Auto mode without a trigger shows
 * the sweep ending at `end`, untriggered. */
static void search_at_end(rp_trigger *t, int64_t end)
{
    int want = 1 + t->desc.persistence;
    int64_t limit = search_limit(t), width = t->block_len, count = 0, from = end;
    for (;;) {
        bool oldest = false;
        from = end - width > 0 ? end - width : 0;
        count = scan_window(t, from, end, &oldest);
        if (count >= want || oldest || from == 0 || width >= limit) break;
        width = 2 * width < limit ? 2 * width : limit;
    }
    rp_trigger_state *st = &t->end_state;
    double held = st->rate;
    *st = (rp_trigger_state){.trigger_index = -1, .first_index = -1, .at_view_end = true};
    st->searched = end - from;
    t->end_have = false;
    t->end_kept = 0;
    double x0 = 0, x1 = 0;
    if (count > 0) {
        int64_t at = t->found[(count - 1) % RP_TRIGGER_FOUND_ROOM];
        int64_t first = at - t->pre;
        if (copy_sweep(t, first + t->desc.sweep, t->end_sweep, &x0, &x1)) {
            t->end_have = true;
            st->trigger_index = at;
            st->first_index = first;
            st->triggered = true;
        }
        for (int k = 0; t->end_have && k < t->desc.persistence && k + 1 < count; k++) {
            int64_t before = t->found[(count - 2 - k) % RP_TRIGGER_FOUND_ROOM] - t->pre;
            double b0, b1;
            float *slot = t->end_history + (size_t)end_slot(t, k) * (size_t)t->desc.sweep;
            if (!copy_sweep(t, before + t->desc.sweep, slot, &b0, &b1)) break;
            t->end_kept++;
        }
    } else if (t->desc.mode == RP_TRIGGER_AUTO &&
               copy_sweep(t, end, t->end_sweep, &x0, &x1)) { /* free-running */
        t->end_have = true;
        st->first_index = end - t->desc.sweep;
    }
    if (t->end_have && x1 > x0)
        st->rate = steady_rate(held, (double)(t->desc.sweep - 1) / (x1 - x0));
}

/* Does a search with desc a answer for desc b (the same trigger, mode and persistence)? */
static bool same_search(const rp_trigger_desc *a, const rp_trigger_desc *b)
{
    return a->edge == b->edge && a->level == b->level && a->hysteresis == b->hysteresis &&
           a->pre_trigger == b->pre_trigger && a->holdoff == b->holdoff && a->mode == b->mode &&
           a->persistence == b->persistence;
}

/* The view's end: searched again when it moved or the trigger changed. */
static rp_status update_at_end(rp_trigger *t, double x_end)
{
    float last;
    rp_sample_span sp;
    rp_status st = rp_series_copy_to_x(t->series, x_end, &last, 1, &sp);
    if (st != RP_OK) return st;
    if (!t->end_valid || sp.end != t->end_index || !same_search(&t->end_desc, &t->desc)) {
        search_at_end(t, sp.end);
        t->end_valid = true;
        t->end_index = sp.end;
        t->end_desc = t->desc;
        t->end_state.x_end = sp.got > 0 ? sp.x_last : x_end;
    }
    /* no sample at or before the view's end: nothing to search, but where it is moves with the
     * view (it kept the first place it found nothing) */
    if (sp.got == 0) t->end_state.x_end = x_end;
    /* the live scan's counters go on behind the view */
    t->end_state.sweeps = t->state.sweeps;
    t->end_state.stopped = t->state.stopped;
    t->end_state.waiting = t->state.waiting;
    t->end_state.missed = t->state.missed;
    t->end_state.behind = t->state.behind;
    return RP_OK;
}

bool rp_figure_triggers_catch_up(rp_figure *figure)
{
    bool was_behind = false;
    for (int p = 0; p < rp_figure_panel_count(figure); p++) {
        if (rp_figure_trigger_desc(figure, p).sweep <= 0) continue;
        rp_trigger_state st;
        for (int k = 0; k < (1 << 20); k++) {
            if (rp_figure_trigger_update(figure, p, &st) != RP_OK || !st.behind) break;
            was_behind = true;
        }
    }
    return was_behind;
}

rp_status rp_figure_trigger_update(rp_figure *figure, int panel, rp_trigger_state *state)
{
    rp_trigger *t = trigger_of(figure, panel, "rp_figure_trigger_update");
    if (!t) return RP_ERR_INVALID_ARG;
    if (rp_handle_serial(t->series, RP_HANDLE_SERIES) != t->serial)
        return FAIL(
            figure, RP_ERR_INVALID_ARG, STALE_SERIES,
            "rp_figure_trigger_update: the series of trigger panel %d was destroyed while still in "
            "the figure",
            panel);
    bool recording = rp_series_is_recording(t->series);
    rp_status st = recording ? RP_OK : scan_live(t); /* a recording has no live end */
    if (st != RP_OK) return st;
    /* Not following live (paused, panned, a replay) or a recording: the view's right edge. */
    t->at_end = !figure->follow || recording;
    if (t->at_end) st = update_at_end(t, figure->follow ? INFINITY : figure->x1);
    if (state) *state = t->at_end ? t->end_state : t->state;
    return st;
}

/* The sweep the panel shows: live, or at the view's end; NULL when none. */
static const float *shown_sweep(const rp_trigger *t)
{
    if (t->at_end) return t->end_have ? t->end_sweep : NULL;
    return t->have_sweep ? t->sweep : NULL;
}

const float *rp_figure_trigger_history(const rp_figure *figure, int panel, int k, int *n)
{
    rp_trigger *t = trigger_of(figure, panel, "rp_figure_trigger_history");
    if (!t || k < 0 || k >= t->desc.persistence) return NULL;
    if (t->at_end) {
        if (k >= t->end_kept) return NULL;
        if (n) *n = t->desc.sweep;
        return t->end_history + (size_t)end_slot(t, k) * (size_t)t->desc.sweep;
    }
    if (k >= t->kept) return NULL;
    if (n) *n = t->desc.sweep;
    return t->history + (size_t)((t->newest - k + t->room) % t->room) * (size_t)t->desc.sweep;
}

const float *rp_figure_trigger_sweep(const rp_figure *figure, int panel, int *n)
{
    rp_trigger *t = trigger_of(figure, panel, "rp_figure_trigger_sweep");
    const float *shown = t ? shown_sweep(t) : NULL;
    if (shown && n) *n = t->desc.sweep;
    return shown;
}

static void widen(const float *sweep, int n, double *lo, double *hi)
{
    for (int i = 0; sweep && i < n; i++) {
        float v = sweep[i];
        if (!isfinite(v)) continue;
        *lo = v < *lo ? v : *lo;
        *hi = v > *hi ? v : *hi;
    }
}

void rp_trigger_y_view(const rp_trigger *t, double *y0, double *y1)
{
    double lo = t->desc.level, hi = t->desc.level;
    widen(shown_sweep(t), t->desc.sweep, &lo, &hi);
    /* and the persistence's sweeps drawn behind it: a sweep 1 tall in front of traces 50 tall
     * scaled them off the plot, stray edges at its top */
    int kept = t->at_end ? t->end_kept : t->kept;
    kept = kept < t->desc.persistence ? kept : t->desc.persistence;
    const float *history = t->at_end ? t->end_history : t->history;
    int newest = t->at_end ? 0 : t->newest;
    for (int k = 0; history && k < kept; k++)
        widen(history + (size_t)((newest - k + t->room) % t->room) * (size_t)t->desc.sweep,
              t->desc.sweep, &lo, &hi);
    double pad = hi > lo ? 0.05 * (hi - lo) : (fabs(hi) > 0 ? 0.1 * fabs(hi) : 1.0);
    *y0 = lo - pad;
    *y1 = hi + pad;
}

rp_trigger_view rp_trigger_get_view(rp_trigger *t)
{
    /* at the view's end: its own sweeps, the k-th before the shown one in slot end_slot(k) */
    int kept = t->at_end ? t->end_kept : t->kept;
    rp_trigger_view v = {
        .sweep = shown_sweep(t),
        .series = t->series,
        .n = t->desc.sweep,
        .pre = t->pre,
        .desc = t->desc,
        .state = t->at_end ? t->end_state : t->state,
        .scratch_xy = t->scratch_xy,
        .history = t->at_end ? t->end_history : t->history,
        .history_kept = kept < t->desc.persistence ? kept : t->desc.persistence,
        .history_newest = t->at_end ? 0 : t->newest,
        .history_room = t->room,
    };
    return v;
}
