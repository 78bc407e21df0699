/* fuzz_config.c — a layout file (--config, rp_viewer_config_parse) after a fixed command line.
 * Input: the file's bytes. Checks: either an error naming the file, or options inside every
 * documented limit; and a layout that loads saves to a file that loads again to the same
 * options (save → load round trip). */
#include <unistd.h>

#include "viewer/viewer.h"
#include "fuzz_util.h"

static void check_limits(const rp_viewer_options *o)
{
    FUZZ_CHECK(o->panel_count >= 0 && o->panel_count <= RP_MAX_PANELS);
    FUZZ_CHECK(o->width >= 64 && o->width <= 16384 && o->height >= 64 && o->height <= 16384);
    FUZZ_CHECK(o->max_series >= 0 && o->max_series <= RP_INGEST_SERIES_LIMIT);
    FUZZ_CHECK(o->span >= 0 && o->span <= 1e9);
    FUZZ_CHECK(o->config_used <= sizeof o->config_strings);
    FUZZ_CHECK(o->style_count >= 0 && o->style_count <= RP_VIEWER_STYLES_MAX);
    FUZZ_CHECK(o->config_source_words >= 0 && o->config_source_words <= 2 * RP_INGEST_MAX_SOURCES);
    FUZZ_CHECK(o->cursor_count >= 0 && o->cursor_count <= 2);
    FUZZ_CHECK(o->y_range_count >= 0 && o->y_range_count <= 2 * RP_MAX_PANELS);
    for (int i = 0; i < o->y_range_count; i++) FUZZ_CHECK(o->y_ranges[i].y0 < o->y_ranges[i].y1);
    for (int i = 0; i < o->style_count; i++)
        FUZZ_CHECK(o->styles[i].name && strlen(o->styles[i].name) < RP_NAME_MAX);
    FUZZ_CHECK(o->hide_count >= 0 && o->hide_count <= RP_VIEWER_HIDDEN_MAX);
    for (int i = 0; i < o->hide_count; i++)
        FUZZ_CHECK(o->hide[i] && o->hide[i][0] && strlen(o->hide[i]) < RP_NAME_MAX);
    FUZZ_CHECK(o->legend_count >= 0 && o->legend_count <= RP_MAX_PANELS);
    for (int i = 0; i < o->legend_count; i++)
        FUZZ_CHECK(o->legends[i].panel >= 1 && o->legends[i].panel <= RP_MAX_PANELS &&
                   o->legends[i].place <= RP_LEGEND_BOTTOM_LEFT);
    FUZZ_CHECK(!o->x_view_given || o->x_view[0] < o->x_view[1]);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    rp_viewer_options *opt = malloc(sizeof *opt);
    char *argv[] = {"ringplot", "--demo", NULL};
    bool help = false;
    char err[256];
    FUZZ_CHECK(rp_viewer_parse_args(2, argv, opt, &help, err, sizeof err) == RP_OK);
    rp_status st = rp_viewer_config_parse((const char *)data, size, "fuzz", opt, err, sizeof err);
    if (st != RP_OK) {
        FUZZ_CHECK(!strncmp(err, "config fuzz: ", 13) && memchr(err, 0, sizeof err));
    } else {
        check_limits(opt);
        char path[] = "/tmp/fuzz_config_XXXXXX";
        int fd = mkstemp(path);
        FUZZ_CHECK(fd >= 0);
        close(fd);
        FUZZ_CHECK(rp_viewer_config_save(opt, opt->span, path) == RP_OK);
        rp_viewer_options *again = malloc(sizeof *again);
        FUZZ_CHECK(rp_viewer_parse_args(2, argv, again, &help, err, sizeof err) == RP_OK);
        st = rp_viewer_config_load(path, again, err, sizeof err);
        unlink(path);
        FUZZ_CHECK(st == RP_OK);
        check_limits(again);
        FUZZ_CHECK(
            again->panel_count == opt->panel_count && again->style_count == opt->style_count &&
            again->cursor_count == opt->cursor_count &&
            again->y_range_count == opt->y_range_count &&
            again->y_scale_count == opt->y_scale_count && again->theme == opt->theme &&
            again->width == opt->width && again->height == opt->height &&
            again->hide_count == opt->hide_count && again->legend_count == opt->legend_count &&
            again->x_view_given == opt->x_view_given && again->log_list == opt->log_list &&
            again->log_lines == opt->log_lines && again->no_text_tracks == opt->no_text_tracks);
        for (int i = 0; i < opt->legend_count; i++)
            FUZZ_CHECK(again->legends[i].panel == opt->legends[i].panel &&
                       again->legends[i].place == opt->legends[i].place);
        for (int i = 0; i < opt->hide_count; i++) FUZZ_CHECK(!strcmp(again->hide[i], opt->hide[i]));
        FUZZ_CHECK(!opt->x_view_given ||
                   (again->x_view[0] == opt->x_view[0] && again->x_view[1] == opt->x_view[1]));
        free(again);
    }
    free(opt);
    return 0;
}
