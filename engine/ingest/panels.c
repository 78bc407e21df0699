/* panels.c — the panel-assignment policy (panels.h). */
#include "ingest/panels.h"

#include <stdio.h>
#include <string.h>

#include "figure/figure_internal.h"

/* The group of a series: the part of its name before '/' (or '.', or an index '[': a JSON
 * array's "pos[0]", "pos[1]" share "pos", labelled "[0]", "[1]"), else its source's label. A
 * leading '/' (ROS topics, PlotJuggler's exports: "/imu/accel/x") is not a group of its own.
 * True when the name holds a group. */
static bool group_of(const char *name, const char *source_label, char *group, const char **rest)
{
    const char *full = name;
    if (name[0] == '/' && strchr(name + 1, '/')) name++;
    const char *cut = strchr(name, '/');
    if (!cut) cut = strchr(name, '.');
    if (!cut) cut = strchr(name, '[');
    if (cut && cut != name && cut[1]) {
        size_t n = (size_t)(cut - name) < RP_NAME_MAX - 1 ? (size_t)(cut - name) : RP_NAME_MAX - 1;
        memcpy(group, name, n);
        group[n] = 0;
        *rest = *cut == '[' ? cut : cut + 1;
        return true;
    }
    snprintf(group, RP_NAME_MAX, "%s", source_label);
    *rest = full;
    return false;
}

static bool spec_matches(const char *spec, const char *name, const char *group)
{
    const char *p = spec;
    while (*p) {
        while (*p == ' ' || *p == ',') p++;
        const char *end = p;
        while (*end && *end != ',') end++;
        const char *tail = end;
        while (tail > p && tail[-1] == ' ') tail--;
        size_t n = (size_t)(tail - p);
        if (n > 0) {
            if (p[n - 1] == '*') {
                if (strncmp(name, p, n - 1) == 0) return true;
            } else if ((strlen(name) == n && !strncmp(name, p, n)) ||
                       (strlen(group) == n && !strncmp(group, p, n))) {
                return true;
            }
        }
        p = end;
    }
    return false;
}

bool rp_panel_spec_valid(const char *spec)
{
    for (const char *p = spec; p && *p; p++)
        if (*p != ' ' && *p != ',') return true;
    return false;
}

rp_status rp_panel_policy_init(rp_panel_policy *pp, rp_figure *figure, const char *const *specs,
                               int spec_count, int fixed_panel)
{
    memset(pp, 0, sizeof *pp);
    pp->figure = figure;
    pp->fixed_panel = fixed_panel;
    if (spec_count < 0 || spec_count > RP_MAX_PANELS) return RP_ERR_INVALID_ARG;
    for (int i = 0; i < spec_count; i++) {
        pp->specs[i] = specs[i];
        rp_status st =
            rp_figure_add_panel(figure, &(rp_panel_desc){.title = specs[i]}, &pp->spec_panel[i]);
        if (st != RP_OK) return st;
    }
    pp->spec_count = spec_count;
    return RP_OK;
}

/* group: what --panel specs match; panel_key: the automatic panel's title (the group, or for a
 * series without a group its source and unit). */
static int panel_for(rp_panel_policy *pp, const char *name, const char *group,
                     const char *panel_key)
{
    if (pp->fixed_panel >= 0) return pp->fixed_panel;
    for (int i = 0; i < pp->spec_count; i++)
        if (spec_matches(pp->specs[i], name, group)) {
            pp->spec_hits[i]++;
            return pp->spec_panel[i];
        }
    for (int i = 0; i < pp->group_count; i++)
        if (!strcmp(pp->groups[i].group, panel_key)) return pp->groups[i].panel;
    int panel;
    if (rp_figure_panel_count(pp->figure) >= RP_MAX_PANELS) return RP_MAX_PANELS - 1;
    if (rp_figure_add_panel(pp->figure, &(rp_panel_desc){.title = panel_key}, &panel) != RP_OK)
        return 0;
    if (pp->on_panel) pp->on_panel(pp->on_panel_user, panel);
    if (pp->group_count < RP_MAX_PANELS) {
        snprintf(pp->groups[pp->group_count].group, RP_NAME_MAX, "%s", panel_key);
        pp->groups[pp->group_count++].panel = panel;
    }
    return panel;
}

/* Teleplot's "name:x:y|xy" points come as series name.x and name.y: when the second of a pair
 * appears, the pair gets an XY panel titled name. */
static void xy_pair(rp_panel_policy *pp, rp_ingest *ing, int index, rp_series *s)
{
    int role = rp_ingest_series_xy(ing, index);
    if (role == RP_INGEST_XY_NONE) return;
    const char *name = rp_series_name(s);
    size_t stem = strlen(name) - 2; /* without ".x" / ".y" */
    for (int i = 0; i < index; i++) {
        rp_series *other = rp_ingest_series_at(ing, i, NULL);
        int other_role = rp_ingest_series_xy(ing, i);
        const char *on = other ? rp_series_name(other) : "";
        if (other_role == RP_INGEST_XY_NONE || other_role == role || strlen(on) != stem + 2 ||
            strncmp(on, name, stem))
            continue;
        char title[RP_NAME_MAX];
        snprintf(title, sizeof title, "%.*s (XY)", (int)(stem < 50 ? stem : 50), name);
        rp_series *x = role == RP_INGEST_XY_X ? s : other, *y = role == RP_INGEST_XY_X ? other : s;
        if (rp_figure_add_xy_panel(pp->figure, x, y, &(rp_xy_desc){.title = title}, NULL) != RP_OK)
            fprintf(stderr, "ringplot: no XY panel for '%s': %s\n", title,
                    rp_figure_last_error(pp->figure));
        return;
    }
}

/* The source series o was placed from ("" when unknown). */
static const char *placed_source(const rp_panel_policy *pp, const rp_series *o)
{
    for (int i = 0; i < pp->placed_count; i++)
        if (pp->placed[i].series == o) return pp->placed[i].source;
    return "";
}

/* Labels series o (every entry of it in the figure) "SOURCE: label", once. */
static void label_with_source(rp_figure *f, const rp_series *o, const char *source)
{
    for (int p = 0; p < f->panel_count; p++)
        for (int k = 0; k < f->panels[p].series_count; k++) {
            rp_figure_series *fs = &f->panels[p].series[k];
            size_t n = strlen(source);
            if (fs->series != o || (!strncmp(fs->label, source, n) && fs->label[n] == ':'))
                continue;
            char label[RP_TEXT_MAX];
            snprintf(label, sizeof label, "%s: %s", source, fs->label);
            memcpy(fs->label, label, sizeof label);
        }
}

/* s was just placed from source_label: a series of the same name from another source makes both
 * say their source in their labels. */
static void name_sources(rp_panel_policy *pp, rp_series *s, const char *source_label)
{
    if (pp->placed_count < (int)(sizeof pp->placed / sizeof pp->placed[0])) {
        pp->placed[pp->placed_count].series = s;
        snprintf(pp->placed[pp->placed_count].source, RP_NAME_MAX, "%s", source_label);
        pp->placed_count++;
    }
    if (!source_label[0]) return;
    bool shared = false;
    for (int i = 0; i < pp->placed_count; i++) {
        const rp_series *o = pp->placed[i].series;
        const char *os = pp->placed[i].source;
        if (o == s || !os[0] || !strcmp(os, source_label) ||
            strcmp(rp_series_name(o), rp_series_name(s)))
            continue;
        label_with_source(pp->figure, o, os);
        shared = true;
    }
    if (shared) label_with_source(pp->figure, s, placed_source(pp, s));
}

bool rp_panel_policy_place(rp_panel_policy *pp, rp_series *s, const char *source_label)
{
    char group[RP_NAME_MAX];
    const char *label;
    bool grouped = group_of(rp_series_name(s), source_label, group, &label);
    if (pp->on_series) pp->on_series(pp->on_panel_user, s); /* may set its unit */
    /* series without a group share their source's panel by unit: a sensor's temperature
     * (°C) and pressure (hPa) on one axis would flatten the temperature */
    char panel_key[RP_NAME_MAX];
    const char *unit = rp_series_unit(s);
    if (!grouped && unit[0])
        snprintf(panel_key, sizeof panel_key, "%.*s (%s)", RP_NAME_MAX - 36, group, unit);
    else
        snprintf(panel_key, sizeof panel_key, "%s", group);
    int panel = panel_for(pp, rp_series_name(s), group, panel_key);
    rp_series_style style = {.label = label};
    for (int i = 0; i < pp->right_count; i++)
        if (spec_matches(pp->right[i], rp_series_name(s), group)) {
            style.y_axis = 1;
            pp->right_hits[i]++;
        }
    rp_status st = rp_figure_add_series(pp->figure, panel, s, &style);
    if (st == RP_ERR_LIMIT) { /* the group's panel is full: the group continues in a new one */
        int next;
        if (rp_figure_panel_count(pp->figure) < RP_MAX_PANELS &&
            rp_figure_add_panel(pp->figure, &(rp_panel_desc){.title = panel_key}, &next) == RP_OK) {
            if (pp->on_panel) pp->on_panel(pp->on_panel_user, next);
            for (int i = 0; i < pp->group_count; i++)
                if (pp->groups[i].panel == panel) pp->groups[i].panel = next;
            for (int i = 0; i < pp->spec_count; i++)
                if (pp->spec_panel[i] == panel) pp->spec_panel[i] = next;
            if (pp->fixed_panel == panel) pp->fixed_panel = next;
            panel = next;
            st = rp_figure_add_series(pp->figure, panel, s, &style);
        }
    }
    if (st != RP_OK && pp->unshown++ == 0) { /* once: a 512-channel stream said it 480 times */
        snprintf(pp->unshown_first, sizeof pp->unshown_first, "%s", rp_series_name(s));
        fprintf(stderr,
                "ringplot: panel %d is full (%d panels of %d series at most); series '%s' not "
                "shown, nor any after it that finds no room (--panel arranges them)\n",
                panel + 1, RP_MAX_PANELS, RP_MAX_SERIES_PER_PANEL, rp_series_name(s));
    }
    if (st == RP_OK) name_sources(pp, s, source_label ? source_label : "");
    return st == RP_OK;
}

void rp_panel_policy_say_unshown(const rp_panel_policy *pp)
{
    if (pp->unshown > 1)
        fprintf(stderr, "ringplot: %d series not shown: the panels were full (the first '%s')\n",
                pp->unshown, pp->unshown_first);
}

/* in_source_order: whether every source has made a series or ended (then the first panels can
 * be made in source order); once true, it stays so for the run. */
static bool every_source_started(rp_panel_policy *pp, rp_ingest *ing)
{
    if (!pp->in_source_order || pp->series_added > 0) return true;
    for (int i = 0; i < rp_ingest_source_count(ing); i++) {
        rp_source_stats st = rp_ingest_source_stats(ing, i);
        if (st.series == 0 && !st.ended) return false;
    }
    return true;
}

int rp_panel_policy_poll(rp_panel_policy *pp, rp_ingest *ing)
{
    if (!every_source_started(pp, ing)) return 0;
    int added = 0;
    int count = rp_ingest_series_count(ing);
    int ready = pp->series_added; /* the slots made so far, without a gap */
    while (ready < count &&
           (rp_ingest_series_at(ing, ready, NULL) || rp_ingest_series_failed(ing, ready)))
        ready++;
    /* a batch in source order when asked (a stable pass a source; files have a few sources) */
    int sources = pp->in_source_order ? rp_ingest_source_count(ing) : 1;
    for (int from = 0; from < sources; from++) {
        for (int i = pp->series_added; i < ready; i++) {
            int source = 0;
            rp_series *s = rp_ingest_series_at(ing, i, &source);
            if (!s || (pp->in_source_order && source != from)) continue; /* failed: skipped */
            added += rp_panel_policy_place(pp, s, rp_ingest_source_stats(ing, source).label);
            xy_pair(pp, ing, i, s);
        }
    }
    pp->series_added = ready;
    return added;
}
