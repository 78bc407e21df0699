/* panels.h — internal: which panel of a figure a new series goes to, one policy for the viewer,
 * rp_source_attach and rp_mqtt_attach.
 *
 *   1. the first --panel spec that matches (comma list of series names, group names, or
 *      prefixes ending in '*'), in spec order;
 *   2. else the series' group: the part of its name before the first '/' or '.', or '[' (when
 *      something follows it; a leading '/' skipped: "/imu/ax" is in "imu"), else its source's
 *      label, and then its unit as well ("stdin (hPa)"): series without a group share a panel
 *      only with those of the same unit; a group gets its own panel, made on first sight (the
 *      last panel is shared once RP_MAX_PANELS exist);
 *   3. or, with a fixed panel, always that one.
 * The legend label is the name without its group prefix; when sources of different labels bring
 * a series of the same name (two CSV files with the columns time,alt,speed), each of them is
 * labelled with its source too ("before.csv: alt", "after.csv: alt"): the legend and the read-out
 * table told them apart by colour only. Thread: the figure's. */
#ifndef RP_INGEST_PANELS_H
#define RP_INGEST_PANELS_H

#include "ingest/ingest.h"

typedef struct rp_panel_policy {
    rp_figure *figure;                /* borrowed */
    const char *specs[RP_MAX_PANELS]; /* borrowed */
    int spec_panel[RP_MAX_PANELS];
    int spec_count;
    int spec_hits[RP_MAX_PANELS]; /* series each spec took so far */
    int fixed_panel;              /* -1: by spec and group */
    struct {
        char group[RP_NAME_MAX];
        int panel;
    } groups[RP_MAX_PANELS];
    int group_count;
    int series_added; /* ingest slots already handled */
    /* optional, set after init: */
    void (*on_panel)(void *user, int panel); /* a panel was made for a group (or to continue one) */
    void (*on_series)(void *user, rp_series *series); /* a new series, before its panel is
                                                          chosen (on_panel_user) */
    void *on_panel_user;
    /* files played at once (set after init): nothing is placed until every source has made a
     * series or ended, and a batch is placed in source order, so that the panels come in the
     * order the files were named, not in the order their reading threads happened to finish */
    bool in_source_order;
    const char *right[RP_MAX_PANELS]; /* specs (as above) of series drawn on the right y axis */
    int right_count;
    int right_hits[RP_MAX_PANELS]; /* series each right spec took so far */
    int unshown; /* series not shown: every panel full (said once, at the first; the count is
                    the caller's to say at the end: rp_panel_policy_say_unshown) */
    char unshown_first[RP_NAME_MAX];
    /* the source of each series placed (for a name two sources share: the labels name them) */
    struct {
        const rp_series *series;
        char source[RP_NAME_MAX];
    } placed[RP_MAX_PANELS * RP_MAX_SERIES_PER_PANEL];
    int placed_count;
} rp_panel_policy;

/* Makes one panel per spec (titled with it). fixed_panel >= 0: every series goes there. */
rp_status rp_panel_policy_init(rp_panel_policy *policy, rp_figure *figure, const char *const *specs,
                               int spec_count, int fixed_panel);
/* Adds the ingest's new series to the figure; a slot whose series failed is skipped (it never
 * holds up later ones). Returns how many were added. */
int rp_panel_policy_poll(rp_panel_policy *policy, rp_ingest *ingest);
/* Says on stderr how many series were not shown (panels full) when more than the one said at
 * the first; nothing otherwise. */
void rp_panel_policy_say_unshown(const rp_panel_policy *policy);
/* Places one series as poll does a new one of a source labelled source_label (a recording's
 * series: the panels come out as they did live). False when no panel had room. */
bool rp_panel_policy_place(rp_panel_policy *policy, rp_series *series, const char *source_label);
/* True when some series name or group could match spec (for checking --panel at start). */
bool rp_panel_spec_valid(const char *spec);

#endif
