/* export.c — a recording (or a range of it) to CSV or raw float32. Reads block by block through
 * the same checked access as the queries; memory is one chunk of each series. */
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "record/reader_internal.h"

#define CHUNK 4096

static bool all_range(double x0, double x1) { return !(x1 >= x0); }

/* Sample range [*a, *b) of series s inside [x0, x1]. */
static void select_range(rdr_series *s, double x0, double x1, int64_t *a, int64_t *b)
{
    if (all_range(x0, x1)) {
        *a = 0;
        *b = s->count;
        return;
    }
    *a = rdr_index_at_or_after(s, x0);
    *b = rdr_index_after(s, x1);
    if (*b < *a) *b = *a;
}

static rp_status open_out(rp_recording *r, const char *path, const char *call, FILE **f)
{
    if (!path || !path[0])
        return rp_log_fail(&r->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "%s: path is required", call);
    *f = fopen(path, "wb");
    if (!*f)
        return rp_log_fail(&r->log, RP_ERR_IO, RP_LOGITEM_RECORD_IO, "%s: cannot create '%s': %s",
                           call, path, strerror(errno));
    return RP_OK;
}

static rp_status close_out(rp_recording *r, FILE *f, const char *path, const char *call)
{
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0) bad = true;
    if (bad)
        return rp_log_fail(&r->log, RP_ERR_IO, RP_LOGITEM_RECORD_IO, "%s: writing '%s' failed",
                           call, path);
    return RP_OK;
}

/* A column name as the CSV reader takes it back: "name [unit]" (the unit, when there is one, in
 * brackets), quoted with "" doubling when it holds a separator, a quote or a line break. */
static void put_header_field(FILE *f, const char *name, const char *unit)
{
    char field[RPR_NAME_BYTES + RPR_UNIT_BYTES + 4];
    snprintf(field, sizeof field, unit[0] ? "%s [%s]" : "%s", name, unit);
    if (!strpbrk(field, ",;\t\"\r\n")) {
        fputs(field, f);
        return;
    }
    fputc('"', f);
    for (const char *c = field; *c; c++) {
        if (*c == '"') fputc('"', f);
        fputc(*c, f);
    }
    fputc('"', f);
}

/* Whether include (NULL: all) takes any of r's series; fails with a message naming call. */
static rp_status check_include(rp_recording *r, const bool *include, const char *call)
{
    if (r->series_count == 0)
        return rp_log_fail(&r->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                           "%s: the recording holds no series", call);
    for (int k = 0; k < r->series_count; k++)
        if (!include || include[k]) return RP_OK;
    return rp_log_fail(&r->log, RP_ERR_INVALID_ARG, RP_LOGITEM_INVALID_ARGUMENT,
                       "%s: no series included", call);
}

rp_status rp_recording_export_csv(const rp_recording *rec, double x0, double x1, const char *path)
{
    return rp_recording_export_csv_series(rec, x0, x1, NULL, path);
}

rp_status rp_recording_export_csv_series(const rp_recording *rec, double x0, double x1,
                                         const bool *include, const char *path)
{
    if (!rp_handle_live(rec, RP_HANDLE_RECORDING)) return RP_ERR_INVALID_ARG;
    rp_recording *r = (rp_recording *)rec;
    const char *call = include ? "rp_recording_export_csv_series" : "rp_recording_export_csv";
    rp_status st = check_include(r, include, call);
    if (st != RP_OK) return st;
    FILE *f;
    st = open_out(r, path, call, &f);
    if (st != RP_OK) return st;
    /* One row per distinct x, in order (a merge of the series): each series' value where it has a
     * sample at that x, an empty field where it has none. x within two roundings of the last bit
     * of the row's are that x: samples of one line, of series placed on segments of their own,
     * differ by that (0.3 us at a Unix time), and made two rows. */
    int64_t at[RPR_MAX_SERIES], end[RPR_MAX_SERIES];
    for (int k = 0; k < r->series_count; k++) {
        select_range(&r->series[k], x0, x1, &at[k], &end[k]);
        if (include && !include[k]) end[k] = at[k]; /* left out: no column, no rows */
    }
    fputs("seconds", f);
    for (int i = 0; i < r->series_count; i++) {
        if (include && !include[i]) continue;
        fputc(',', f);
        put_header_field(f, r->series[i].meta.name, r->series[i].meta.unit);
    }
    fputc('\n', f);
    for (;;) {
        double t = INFINITY;
        for (int k = 0; k < r->series_count; k++)
            if (at[k] < end[k]) {
                double x = rdr_x(&r->series[k], at[k]);
                if (x < t) t = x;
            }
        if (t == INFINITY) break;
        char when[32]; /* 5.01, not 5.0099999999999998 */
        rp_format_shortest(when, sizeof when, t);
        fputs(when, f);
        double near = nextafter(nextafter(t, INFINITY), INFINITY);
        for (int k = 0; k < r->series_count; k++) {
            if (include && !include[k]) continue;
            rdr_series *s = &r->series[k];
            if (at[k] >= end[k] || rdr_x(s, at[k]) > near) {
                fputc(',', f);
                continue;
            }
            float v = rdr_sample(s, at[k]++);
            if (v != v)
                fputs(",nan", f);
            else if (v - v != 0.0f)
                fputs(v > 0 ? ",inf" : ",-inf", f);
            else
                fprintf(f, ",%.9g", (double)v);
        }
        fputc('\n', f);
    }
    return close_out(r, f, path, call);
}

rp_status rp_recording_export_raw(const rp_recording *rec, double x0, double x1, const char *path)
{
    return rp_recording_export_raw_series(rec, x0, x1, NULL, path);
}

rp_status rp_recording_export_raw_series(const rp_recording *rec, double x0, double x1,
                                         const bool *include, const char *path)
{
    if (!rp_handle_live(rec, RP_HANDLE_RECORDING)) return RP_ERR_INVALID_ARG;
    rp_recording *r = (rp_recording *)rec;
    const char *call = include ? "rp_recording_export_raw_series" : "rp_recording_export_raw";
    if (include) {
        rp_status st = check_include(r, include, call);
        if (st != RP_OK) return st;
    }
    FILE *f;
    rp_status st = open_out(r, path, call, &f);
    if (st != RP_OK) return st;
    uint8_t buf[CHUNK * 4];
    for (int k = 0; k < r->series_count; k++) {
        if (include && !include[k]) continue;
        rdr_series *s = &r->series[k];
        int64_t a, b;
        select_range(s, x0, x1, &a, &b);
        for (int64_t i = a; i < b;) {
            int64_t n = b - i < CHUNK ? b - i : CHUNK;
            for (int64_t j = 0; j < n; j++) rpr_putf(buf + 4 * j, rdr_sample(s, i + j));
            fwrite(buf, 4, (size_t)n, f);
            i += n;
        }
    }
    return close_out(r, f, path, call);
}
