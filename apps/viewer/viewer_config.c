/* viewer_config.c — the layout as a JSON file (cJSON): --config FILE loads it where the flag
 * stands (later flags override it), the 'w' key saves the current one. A bad file is refused with
 * the line of a syntax error or the name of the field that is wrong; nothing is half-applied. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "viewer/viewer.h"

#define CONFIG_MAX_BYTES (1 << 20)

static rp_status config_fail(char *err, int size, const char *path, const char *what)
{
    snprintf(err, (size_t)size, "config %s: %s", path, what);
    return RP_ERR_PARSE;
}

/* Copies s into the options' string storage; NULL when it is full. */
static const char *keep_string(rp_viewer_options *opt, const char *s)
{
    size_t n = strlen(s) + 1;
    if (opt->config_used + n > sizeof opt->config_strings) return NULL;
    char *dst = opt->config_strings + opt->config_used;
    memcpy(dst, s, n);
    opt->config_used += n;
    return dst;
}

static bool whole_in(const cJSON *item, double lo, double hi)
{
    return cJSON_IsNumber(item) && item->valuedouble >= lo && item->valuedouble <= hi &&
           item->valuedouble == (double)(int64_t)item->valuedouble;
}

rp_status rp_viewer_config_load(const char *path, rp_viewer_options *opt, char *err, int err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return config_fail(err, err_size, path, strerror(errno));
    char *text = malloc(CONFIG_MAX_BYTES + 1);
    size_t n = text ? fread(text, 1, CONFIG_MAX_BYTES + 1, f) : 0;
    fclose(f);
    if (!text) return config_fail(err, err_size, path, "out of memory");
    if (n > CONFIG_MAX_BYTES) {
        free(text);
        return config_fail(err, err_size, path, "larger than 1 MiB");
    }
    text[n] = '\0';
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, n, &end, false);
    if (!root || !cJSON_IsObject(root)) {
        int line = 1;
        const char *at = root ? text : end ? end : text;
        for (const char *p = text; p < at && *p; p++) line += *p == '\n';
        char what[160];
        snprintf(what, sizeof what,
                 root ? "line 1: the top level must be an object {...}"
                      : "line %d: JSON syntax error",
                 line);
        cJSON_Delete(root);
        free(text);
        return config_fail(err, err_size, path, what);
    }
    rp_viewer_options o = *opt; /* applied only when every field is good */
    char what[200] = "";
    const cJSON *item;
    cJSON_ArrayForEach(item, root)
    {
        const char *k = item->string;
        if (!strcmp(k, "title")) {
            if (!cJSON_IsString(item) || !(o.title = keep_string(&o, item->valuestring)))
                snprintf(what, sizeof what, "field 'title' must be a string (up to 1 KiB in all)");
        } else if (!strcmp(k, "theme")) {
            if (cJSON_IsString(item) && !strcmp(item->valuestring, "dark"))
                o.theme = RP_THEME_DARK;
            else if (cJSON_IsString(item) && !strcmp(item->valuestring, "light"))
                o.theme = RP_THEME_LIGHT;
            else
                snprintf(what, sizeof what, "field 'theme' must be \"dark\" or \"light\"");
        } else if (!strcmp(k, "x_axis")) {
            const char *v = cJSON_IsString(item) ? item->valuestring : "";
            if (!strcmp(v, "time"))
                o.x_axis = RP_X_AXIS_TIME;
            else if (!strcmp(v, "wall"))
                o.x_axis = RP_X_AXIS_WALL_CLOCK;
            else if (!strcmp(v, "number"))
                o.x_axis = RP_X_AXIS_NUMBER;
            else
                snprintf(what, sizeof what,
                         "field 'x_axis' must be \"time\", \"wall\" or \"number\"");
        } else if (!strcmp(k, "span")) {
            if (cJSON_IsNumber(item) && item->valuedouble >= 0 && item->valuedouble <= 1e15)
                o.span = item->valuedouble;
            else
                snprintf(what, sizeof what, "field 'span' must be a number of seconds >= 0");
        } else if (!strcmp(k, "width") || !strcmp(k, "height")) {
            if (!whole_in(item, 16, 16384))
                snprintf(what, sizeof what, "field '%s' must be a whole number of px, 16 .. 16384",
                         k);
            else if (k[0] == 'w')
                o.width = item->valueint;
            else
                o.height = item->valueint;
        } else if (!strcmp(k, "capacity")) {
            if (whole_in(item, 1, 1099511627776.0))
                o.capacity = (int64_t)item->valuedouble;
            else
                snprintf(what, sizeof what,
                         "field 'capacity' must be a whole number of samples >= 1");
        } else if (!strcmp(k, "max_series")) {
            if (whole_in(item, 1, 256))
                o.max_series = item->valueint;
            else
                snprintf(what, sizeof what, "field 'max_series' must be a whole number, 1 .. 256");
        } else if (!strcmp(k, "hud")) {
            if (cJSON_IsBool(item))
                o.hud = cJSON_IsTrue(item);
            else
                snprintf(what, sizeof what, "field 'hud' must be true or false");
        } else if (!strcmp(k, "panels")) {
            int count = cJSON_GetArraySize(item), i = 0;
            if (!cJSON_IsArray(item) || count > RP_MAX_PANELS) {
                snprintf(what, sizeof what, "field 'panels' must be a list of at most %d strings",
                         RP_MAX_PANELS);
            } else {
                const cJSON *p;
                o.panel_count = 0;
                cJSON_ArrayForEach(p, item)
                {
                    const char *kept = cJSON_IsString(p) ? keep_string(&o, p->valuestring) : NULL;
                    if (!kept) {
                        snprintf(what, sizeof what, "field 'panels' entry %d must be a string",
                                 i + 1);
                        break;
                    }
                    o.panels[o.panel_count++] = kept;
                    i++;
                }
            }
        } else {
            snprintf(what, sizeof what,
                     "unknown field '%.60s' (known: title, theme, x_axis, span, width, height, "
                     "capacity, max_series, hud, panels)",
                     k);
        }
        if (what[0]) break;
    }
    cJSON_Delete(root);
    free(text);
    if (what[0]) return config_fail(err, err_size, path, what);
    /* strings kept from this file live in o's storage: point them at opt's copy of it */
    *opt = o;
    const char *lo = o.config_strings, *hi = o.config_strings + sizeof o.config_strings;
    if (opt->title >= lo && opt->title < hi) opt->title = opt->config_strings + (opt->title - lo);
    for (int i = 0; i < opt->panel_count; i++)
        if (opt->panels[i] >= lo && opt->panels[i] < hi)
            opt->panels[i] = opt->config_strings + (opt->panels[i] - lo);
    return RP_OK;
}

static void put_string(FILE *f, const char *key, const char *value, bool comma)
{
    cJSON *str = cJSON_CreateString(value); /* quoting and escapes by cJSON */
    char *text = str ? cJSON_PrintUnformatted(str) : NULL;
    fprintf(f, "  \"%s\": %s%s\n", key, text ? text : "\"\"", comma ? "," : "");
    cJSON_free(text);
    cJSON_Delete(str);
}

rp_status rp_viewer_config_save(const rp_viewer_options *opt, double span, const char *path)
{
    FILE *f = fopen(path, "wb");
    if (!f) return RP_ERR_IO;
    static const char *const axes[] = {
        [RP_X_AXIS_NUMBER] = "number", [RP_X_AXIS_TIME] = "time", [RP_X_AXIS_WALL_CLOCK] = "wall"};
    fprintf(f, "{\n");
    if (opt->title) put_string(f, "title", opt->title, true);
    put_string(f, "theme", opt->theme == RP_THEME_LIGHT ? "light" : "dark", true);
    put_string(f, "x_axis", axes[opt->x_axis], true);
    fprintf(f, "  \"span\": %.17g,\n  \"width\": %d,\n  \"height\": %d,\n", span, opt->width,
            opt->height);
    if (opt->capacity) fprintf(f, "  \"capacity\": %lld,\n", (long long)opt->capacity);
    if (opt->max_series) fprintf(f, "  \"max_series\": %d,\n", opt->max_series);
    fprintf(f, "  \"hud\": %s,\n  \"panels\": [", opt->hud ? "true" : "false");
    for (int i = 0; i < opt->panel_count; i++) {
        cJSON *str = cJSON_CreateString(opt->panels[i]);
        char *text = str ? cJSON_PrintUnformatted(str) : NULL;
        fprintf(f, "%s%s", i ? ", " : "", text ? text : "\"\"");
        cJSON_free(text);
        cJSON_Delete(str);
    }
    fprintf(f, "]\n}\n");
    bool bad = ferror(f) != 0;
    if (fclose(f) != 0) bad = true;
    return bad ? RP_ERR_IO : RP_OK;
}
