/* viewer_config.c — the layout as a JSON file (cJSON): --config FILE loads it where the flag
 * stands (later flags override it), the 'w' key saves the current one. Most fields are a flag of
 * the command line under another name and go through the same parser (rp_viewer_parse_words), so
 * a file accepts exactly what the flags accept, with the same messages. A bad file is refused with
 * the line of a syntax error or the name of the field that is wrong. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"
#include "viewer/viewer.h"

#define CONFIG_MAX_BYTES (1 << 20)

typedef enum field_kind {
    FIELD_STRING, /* "key": "value" → FLAG value */
    FIELD_NUMBER, /* "key": 5 (or "5k", "max": what the flag takes) → FLAG 5 */
    FIELD_LIST,   /* "key": ["a", "b"] → FLAG a FLAG b, replacing what earlier flags gave */
    FIELD_BOOL,   /* "key": true / false, set directly */
    FIELD_OTHER   /* parsed below: width, height, cursors, sources, series */
} field_kind;

typedef struct config_field {
    const char *key;
    const char *flag;
    field_kind kind;
    size_t offset; /* FIELD_LIST: the int count that the list replaces; FIELD_BOOL: the bool */
} config_field;

#define OPT_AT(member) offsetof(rp_viewer_options, member)

static const config_field fields[] = {
    {"title", "--title", FIELD_STRING, 0},
    {"theme", "--theme", FIELD_STRING, 0},
    {"x_axis", "--x-axis", FIELD_STRING, 0},
    {"span", "--span", FIELD_NUMBER, 0},
    {"x_view", "--x-view", FIELD_STRING, 0},
    {"width", NULL, FIELD_OTHER, 0},
    {"height", NULL, FIELD_OTHER, 0},
    {"fullscreen", NULL, FIELD_BOOL, OPT_AT(fullscreen)},
    {"hud", NULL, FIELD_BOOL, OPT_AT(hud)},
    {"legend", "--legend", FIELD_STRING, 0},
    {"legends", "--legend", FIELD_LIST, OPT_AT(legend_count)},
    {"markers", "--markers", FIELD_STRING, 0},
    {"capacity", "--capacity", FIELD_NUMBER, 0},
    {"max_series", "--max-series", FIELD_NUMBER, 0},
    {"sources", NULL, FIELD_OTHER, 0},
    {"format", "--format", FIELD_STRING, 0},
    {"channels", "--channels", FIELD_NUMBER, 0},
    {"names", "--names", FIELD_STRING, 0},
    {"time_column", "--time-column", FIELD_STRING, 0},
    {"date_order", "--date-order", FIELD_STRING, 0},
    {"binary_type", "--binary-type", FIELD_STRING, 0},
    {"binary_endian", "--binary-endian", FIELD_STRING, 0},
    {"binary_sync", "--binary-sync", FIELD_STRING, 0},
    {"binary_checksum", "--binary-checksum", FIELD_STRING, 0},
    {"rate", "--rate", FIELD_NUMBER, 0},
    {"speed", "--speed", FIELD_NUMBER, 0},
    {"serial_flow", "--serial-flow", FIELD_STRING, 0},
    {"serial_dtr", "--serial-dtr", FIELD_STRING, 0},
    {"serial_rts", "--serial-rts", FIELD_STRING, 0},
    {"topics", "--topic", FIELD_LIST, OPT_AT(stream.mqtt_topics)},
    {"topic_names", "--topic-name", FIELD_LIST, OPT_AT(stream.mqtt_names)},
    {"panels", "--panel", FIELD_LIST, OPT_AT(panel_count)},
    {"right", "--right", FIELD_LIST, OPT_AT(right_count)},
    {"y_scales", "--y-scale", FIELD_LIST, OPT_AT(y_scale_count)},
    {"y_ranges", "--y-range", FIELD_LIST, OPT_AT(y_range_count)},
    {"series", NULL, FIELD_OTHER, 0},
    {"hidden", "--hide", FIELD_LIST, OPT_AT(hide_count)},
    {"cursors", NULL, FIELD_OTHER, 0},
    {"levels", "--levels", FIELD_LIST, OPT_AT(level_count)},
    {"show_stats", NULL, FIELD_BOOL, OPT_AT(show_stats)},
    {"log_lines", "--log-lines", FIELD_NUMBER, 0},
    {"log_list", NULL, FIELD_BOOL, OPT_AT(log_list)},
    {"no_text_tracks", NULL, FIELD_BOOL, OPT_AT(no_text_tracks)},
    {"spectra", "--spectrum", FIELD_LIST, OPT_AT(spectrum_count)},
    {"triggers", "--trigger", FIELD_LIST, OPT_AT(trigger_count)},
    {"xy", "--xy", FIELD_LIST, OPT_AT(xy_count)},
};
#define FIELD_COUNT ((int)(sizeof fields / sizeof fields[0]))

/* the source kinds of "sources" entries and their flags */
static const char *const source_keys[][2] = {
    {"demo", "--demo"},     {"stdin", "--stdin"}, {"udp", "--udp"},  {"serial", "--serial"},
    {"replay", "--replay"}, {"mqtt", "--mqtt"},   {"open", "--open"}};

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

/* A field's value as the text of a flag's value: strings as they are, numbers exactly. */
static bool value_text(const cJSON *item, bool numbers, char *out, size_t size)
{
    if (cJSON_IsString(item)) {
        snprintf(out, size, "%s", item->valuestring);
        return strlen(item->valuestring) < size;
    }
    if (numbers && cJSON_IsNumber(item)) {
        rp_format_shortest(out, size, item->valuedouble);
        return true;
    }
    return false;
}

/* One flag (with its value, or none) through the command-line parser. */
static bool apply_flag(rp_viewer_options *opt, const char *flag, const char *value, char *what,
                       size_t what_size)
{
    const char *kept = value ? keep_string(opt, value) : NULL;
    if (value && !kept) {
        snprintf(what, what_size, "the file's strings exceed %d bytes in all",
                 RP_VIEWER_CONFIG_STRINGS);
        return false;
    }
    const char *words[2] = {flag, kept};
    bool help = false;
    char msg[300];
    if (rp_viewer_parse_words(opt, value ? 2 : 1, words, &help, msg, sizeof msg) != RP_OK) {
        snprintf(what, what_size, "%s", msg);
        return false;
    }
    return true;
}

static bool parse_color(const char *s, rp_color *out)
{
    size_t n = strlen(s);
    unsigned v[4] = {0, 0, 0, 255};
    if (s[0] != '#' || (n != 7 && n != 9) || strspn(s + 1, "0123456789abcdefABCDEF") != n - 1)
        return false;
    for (size_t i = 0; i < (n - 1) / 2; i++) sscanf(s + 1 + 2 * i, "%2x", &v[i]);
    *out = (rp_color){v[0] / 255.0f, v[1] / 255.0f, v[2] / 255.0f, v[3] / 255.0f};
    return out->a > 0;
}

/* "series": {"NAME": {"color": "#rrggbb[aa]", "unit": "V"}, ...} */
static bool parse_series(rp_viewer_options *opt, const cJSON *item, char *what, size_t what_size)
{
    if (!cJSON_IsObject(item)) {
        snprintf(what, what_size,
                 "field 'series' must be an object {\"NAME\": {\"color\": \"#rrggbb\", "
                 "\"unit\": \"V\"}, ...}");
        return false;
    }
    opt->style_count = 0;
    const cJSON *entry;
    cJSON_ArrayForEach(entry, item)
    {
        const char *name = entry->string;
        if (opt->style_count == RP_VIEWER_STYLES_MAX || !name[0] || strlen(name) >= RP_NAME_MAX) {
            snprintf(what, what_size, "field 'series': at most %d names of 1 .. %d bytes",
                     RP_VIEWER_STYLES_MAX, RP_NAME_MAX - 1);
            return false;
        }
        if (!cJSON_IsObject(entry)) {
            snprintf(what, what_size, "field 'series' entry '%.60s' must be an object", name);
            return false;
        }
        rp_color color = {0};
        const char *unit = NULL;
        const cJSON *attr;
        cJSON_ArrayForEach(attr, entry)
        {
            const char *v = cJSON_IsString(attr) ? attr->valuestring : NULL;
            if (!strcmp(attr->string, "color") && v && parse_color(v, &color)) continue;
            if (!strcmp(attr->string, "unit") && v && strlen(v) < RP_NAME_MAX &&
                (unit = keep_string(opt, v)))
                continue;
            snprintf(what, what_size,
                     "field 'series' entry '%.60s': '%.40s' must be \"color\": \"#rrggbb\" (or "
                     "#rrggbbaa) or \"unit\": a string of up to %d bytes",
                     name, attr->string, RP_NAME_MAX - 1);
            return false;
        }
        const char *kept = keep_string(opt, name);
        if (!kept) {
            snprintf(what, what_size, "the file's strings exceed %d bytes in all",
                     RP_VIEWER_CONFIG_STRINGS);
            return false;
        }
        opt->styles[opt->style_count].name = kept;
        opt->styles[opt->style_count].color = color;
        opt->styles[opt->style_count++].unit = unit;
    }
    return true;
}

/* "sources": [{"stdin": true}, {"udp": "127.0.0.1:47269"}, ...]: each checked here with the
 * flag's parser, kept as words for rp_viewer_parse_args (used when no source flag is given). */
static bool parse_sources(rp_viewer_options *opt, const cJSON *item, char *what, size_t what_size)
{
    int count = cJSON_GetArraySize(item), i = 0;
    if (!cJSON_IsArray(item) || count > RP_INGEST_MAX_SOURCES) {
        snprintf(what, what_size, "field 'sources' must be a list of at most %d objects",
                 RP_INGEST_MAX_SOURCES);
        return false;
    }
    rp_viewer_options *scratch = malloc(sizeof *scratch);
    if (!scratch) {
        snprintf(what, what_size, "out of memory");
        return false;
    }
    opt->config_source_words = 0;
    opt->config_sources_path = opt->loading_config;
    const cJSON *entry;
    bool ok = true;
    cJSON_ArrayForEach(entry, item)
    {
        i++;
        const cJSON *kind =
            cJSON_IsObject(entry) && cJSON_GetArraySize(entry) == 1 ? entry->child : NULL;
        const char *flag = NULL;
        for (int k = 0; kind && k < (int)(sizeof source_keys / sizeof source_keys[0]); k++)
            if (!strcmp(kind->string, source_keys[k][0])) flag = source_keys[k][1];
        bool plain = flag && (!strcmp(flag, "--demo") || !strcmp(flag, "--stdin"));
        char value[RP_VIEWER_PATH_MAX];
        if (!flag || (plain ? !cJSON_IsTrue(kind) : !value_text(kind, true, value, sizeof value))) {
            snprintf(what, what_size,
                     "field 'sources' entry %d must be one of {\"demo\": true}, {\"stdin\": true}, "
                     "{\"udp\": \"[HOST:]PORT\"}, {\"serial\": \"PATH[:BAUD[:FRAME]]\"}, "
                     "{\"replay\": \"FILE\"}, {\"mqtt\": \"HOST[:PORT]\"}, "
                     "{\"open\": \"RECORDING\"}",
                     i);
            ok = false;
            break;
        }
        memset(scratch, 0, sizeof *scratch);
        char msg[300];
        const char *words[2] = {flag, plain ? NULL : keep_string(opt, value)};
        bool help = false;
        if (!plain && !words[1]) {
            snprintf(what, what_size, "the file's strings exceed %d bytes in all",
                     RP_VIEWER_CONFIG_STRINGS);
            ok = false;
            break;
        }
        if (rp_viewer_parse_words(scratch, plain ? 1 : 2, words, &help, msg, sizeof msg) != RP_OK) {
            snprintf(what, what_size, "field 'sources' entry %d: %s", i, msg);
            ok = false;
            break;
        }
        opt->config_sources[opt->config_source_words++] = flag;
        if (!plain) opt->config_sources[opt->config_source_words++] = words[1];
    }
    free(scratch);
    return ok;
}

static bool parse_cursors(rp_viewer_options *opt, const cJSON *item, char *what, size_t what_size)
{
    int count = cJSON_GetArraySize(item);
    double x[2] = {0, 0};
    for (int k = 0; cJSON_IsArray(item) && k < count && k < 2; k++) {
        const cJSON *c = cJSON_GetArrayItem(item, k);
        x[k] = cJSON_IsNumber(c) ? c->valuedouble : NAN;
    }
    if (!cJSON_IsArray(item) || count > 2 || !isfinite(x[0]) || !isfinite(x[1])) {
        snprintf(what, what_size,
                 "field 'cursors' must be a list of 0 to 2 numbers (x from the newest sample)");
        return false;
    }
    opt->cursor_count = count;
    memcpy(opt->cursors, x, sizeof x);
    return true;
}

static bool parse_field(rp_viewer_options *opt, const config_field *f, const cJSON *item,
                        char *what, size_t what_size)
{
    char value[RP_VIEWER_PATH_MAX], msg[400];
    switch (f->kind) {
    case FIELD_STRING:
    case FIELD_NUMBER:
        if (!value_text(item, f->kind == FIELD_NUMBER, value, sizeof value)) {
            snprintf(what, what_size, "field '%s' must be %s", f->key,
                     f->kind == FIELD_NUMBER ? "a number (or a string the flag takes)"
                                             : "a string");
            return false;
        }
        if (!apply_flag(opt, f->flag, value, msg, sizeof msg)) {
            snprintf(what, what_size, "field '%s': %s", f->key, msg);
            return false;
        }
        if (!strcmp(f->key, "x_view")) opt->x_view_from_file = true;
        return true;
    case FIELD_LIST: {
        int i = 0;
        if (!cJSON_IsArray(item)) {
            snprintf(what, what_size, "field '%s' must be a list of strings", f->key);
            return false;
        }
        *(int *)((char *)opt + f->offset) = 0; /* the file's list replaces earlier flags' */
        if (f->offset == OPT_AT(stream.mqtt_topics)) opt->stream.layout_topics = 0;
        if (f->offset == OPT_AT(stream.mqtt_names)) opt->stream.layout_names = 0;
        const cJSON *entry;
        cJSON_ArrayForEach(entry, item)
        {
            i++;
            if (!value_text(entry, false, value, sizeof value)) {
                snprintf(what, what_size, "field '%s' entry %d must be a string", f->key, i);
                return false;
            }
            if (!strcmp(f->key, "legends") && !strchr(value, ':')) { /* not every panel's */
                snprintf(what, what_size,
                         "field 'legends' entry %d: expected PANEL:PLACE, e.g. 2:bottom-left", i);
                return false;
            }
            if (!apply_flag(opt, f->flag, value, msg, sizeof msg)) {
                snprintf(what, what_size, "field '%s' entry %d: %s", f->key, i, msg);
                return false;
            }
        }
        return true;
    }
    case FIELD_BOOL:
        if (!cJSON_IsBool(item)) {
            snprintf(what, what_size, "field '%s' must be true or false", f->key);
            return false;
        }
        *(bool *)((char *)opt + f->offset) = cJSON_IsTrue(item);
        return true;
    case FIELD_OTHER: break;
    }
    if (!strcmp(f->key, "sources")) return parse_sources(opt, item, what, what_size);
    if (!strcmp(f->key, "series")) return parse_series(opt, item, what, what_size);
    if (!strcmp(f->key, "cursors")) return parse_cursors(opt, item, what, what_size);
    /* width, height: as --size takes them */
    double px = cJSON_IsNumber(item) ? item->valuedouble : 0;
    if (!(px >= 64 && px <= 16384 && px == floor(px))) {
        snprintf(what, what_size, "field '%s' must be a whole number of px, 64 .. 16384", f->key);
        return false;
    }
    *(f->key[0] == 'w' ? &opt->width : &opt->height) = (int)px;
    return true;
}

static int compare_keys(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A key given twice in an object of item, or below it: cJSON keeps both and the parser would
 * take one without a word, so `{"span": 5, "span": 6}` is refused instead. Keys are sorted, not
 * compared pairwise, so a 1 MiB object of keys stays fast. False with what (and out of memory). */
static bool find_repeated_key(const cJSON *item, const char *field, char *what, size_t what_size)
{
    int count = 0;
    const cJSON *c;
    for (c = item->child; c; c = c->next) count++;
    if (cJSON_IsObject(item) && count > 1) {
        const char **keys = malloc((size_t)count * sizeof *keys);
        if (!keys) {
            snprintf(what, what_size, "out of memory");
            return false;
        }
        int n = 0;
        for (c = item->child; c; c = c->next) keys[n++] = c->string;
        qsort(keys, (size_t)n, sizeof *keys, compare_keys);
        const char *twice = NULL;
        for (int k = 1; k < n && !twice; k++)
            if (!strcmp(keys[k - 1], keys[k])) twice = keys[k];
        if (twice && field)
            snprintf(what, what_size, "field '%.60s': key '%.60s' given twice", field, twice);
        else if (twice)
            snprintf(what, what_size, "field '%.60s' given twice", twice);
        free(keys);
        if (twice) return false;
    }
    for (c = item->child; c; c = c->next)
        if ((cJSON_IsObject(c) || cJSON_IsArray(c)) &&
            !find_repeated_key(c, field ? field : c->string, what, what_size))
            return false;
    return true;
}

static rp_status config_fail(char *err, int size, const char *name, const char *what)
{
    snprintf(err, (size_t)size, "config %s: %s", name, what);
    return RP_ERR_PARSE;
}

rp_status rp_viewer_config_parse(const char *text, size_t size, const char *name,
                                 rp_viewer_options *opt, char *err, int err_size)
{
    size_t skip = size >= 3 && !memcmp(text, "\xEF\xBB\xBF", 3) ? 3 : 0; /* a UTF-8 BOM */
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text + skip, size - skip, &end, false);
    if (!root || !cJSON_IsObject(root)) {
        int line = 1;
        const char *at = !root && end ? end : text + skip;
        for (const char *p = text; p < at && p < text + size; p++) line += *p == '\n';
        char what[160];
        snprintf(what, sizeof what,
                 root ? "line 1: the top level must be an object {...}"
                      : "line %d: JSON syntax error",
                 line);
        cJSON_Delete(root);
        return config_fail(err, err_size, name, what);
    }
    char what[900] = "";
    /* cJSON stops at the end of the object: text after it was ignored, and a second object or a
     * stray word is a mistake of the file, not nothing */
    const char *after = end;
    while (after < text + size && strchr(" \t\r\n", *after) && *after) after++;
    if (after < text + size) {
        int line = 1;
        for (const char *p = text; p < after; p++) line += *p == '\n';
        snprintf(what, sizeof what, "line %d: text after the JSON object", line);
        cJSON_Delete(root);
        return config_fail(err, err_size, name, what);
    }
    if (!find_repeated_key(root, NULL, what, sizeof what)) {
        cJSON_Delete(root);
        return config_fail(err, err_size, name, what);
    }
    const cJSON *item;
    const char *outer = opt->loading_config; /* the settings given now are this file's */
    opt->loading_config = name;
    cJSON_ArrayForEach(item, root)
    {
        const config_field *f = NULL;
        for (int k = 0; k < FIELD_COUNT && !f; k++)
            if (!strcmp(item->string, fields[k].key)) f = &fields[k];
        if (!f) {
            char known[800] = "";
            for (int k = 0; k < FIELD_COUNT; k++)
                snprintf(known + strlen(known), sizeof known - strlen(known), "%s%s", k ? ", " : "",
                         fields[k].key);
            snprintf(what, sizeof what, "unknown field '%.60s' (known: %s)", item->string, known);
            break;
        }
        if (!parse_field(opt, f, item, what, sizeof what)) break;
    }
    opt->loading_config = outer;
    /* each side may be right and the two together too many px for a PNG, as for --size */
    char why[200];
    if (!what[0] && (cJSON_HasObjectItem(root, "width") || cJSON_HasObjectItem(root, "height")) &&
        !rp_viewer_size_fits_png(opt->width, opt->height, why, sizeof why))
        snprintf(what, sizeof what, "fields 'width', 'height': %s", why);
    cJSON_Delete(root);
    if (what[0]) return config_fail(err, err_size, name, what);
    opt->config_path = name;
    return RP_OK;
}

rp_status rp_viewer_config_load(const char *path, rp_viewer_options *opt, char *err, int err_size)
{
    FILE *f = fopen(path, "rb");
    if (!f) return config_fail(err, err_size, path, strerror(errno));
    char *text = malloc(CONFIG_MAX_BYTES + 1);
    size_t n = text ? fread(text, 1, CONFIG_MAX_BYTES + 1, f) : 0;
    bool failed = ferror(f) != 0;
    fclose(f);
    rp_status st;
    if (!text)
        st = config_fail(err, err_size, path, "out of memory");
    else if (failed)
        st = config_fail(err, err_size, path, "read failed (a directory?)");
    else if (n > CONFIG_MAX_BYTES)
        st = config_fail(err, err_size, path, "larger than 1 MiB");
    else
        st = rp_viewer_config_parse(text, n, path, opt, err, err_size);
    free(text);
    return st;
}

/* ---- saving ------------------------------------------------------------------------------- */

/* A number of the view as a person would write it in a layout: a float the window computed (a
 * span zoomed by the wheel, a cursor or level dragged: 5.274250030517578) as the float's shortest
 * decimal (5.27425), which reads back within a float's precision; any other value as the shortest
 * decimal of its double, exact. Not for x views: their times need every digit. */
static void layout_number(char *buf, size_t size, double v)
{
    float f = (float)v;
    if (isfinite(v) && (double)f == v) {
        for (int digits = 6; digits <= 9; digits++) {
            snprintf(buf, size, "%.*g", digits, v);
            if ((float)strtod(buf, NULL) == f) return;
        }
    }
    rp_format_shortest(buf, size, v);
}

/* v exactly (a rate), or (view) as layout_number writes a number of the view */
static void add_number_text(cJSON *obj, const char *key, double v, bool view)
{
    char text[40];
    if (view)
        layout_number(text, sizeof text, v);
    else
        rp_format_shortest(text, sizeof text, v); /* exact, whatever cJSON prints */
    cJSON_AddItemToObject(obj, key, cJSON_CreateRaw(text));
}

static void add_source(cJSON *list, const char *key, const char *value)
{
    cJSON *entry = cJSON_CreateObject();
    if (value)
        cJSON_AddStringToObject(entry, key, value);
    else
        cJSON_AddTrueToObject(entry, key);
    cJSON_AddItemToArray(list, entry);
}

static void save_sources(cJSON *root, const rp_viewer_options *opt)
{
    cJSON *list = cJSON_AddArrayToObject(root, "sources");
    const rp_viewer_options *o = opt;
    for (int i = 0; i < o->source_count; i++) {
        const rp_source_desc *d = &o->sources[i];
        char spec[RP_VIEWER_PATH_MAX + 64];
        switch (d->kind) {
        case RP_SOURCE_DEMO: add_source(list, "demo", NULL); break;
        case RP_SOURCE_FD:
            if (d->fd.fd == 0) add_source(list, "stdin", NULL);
            break;
        case RP_SOURCE_UDP:
        case RP_SOURCE_MQTT: {
            const char *host = d->kind == RP_SOURCE_UDP ? d->udp.host : d->mqtt.host;
            unsigned port = d->kind == RP_SOURCE_UDP ? d->udp.port : d->mqtt.port;
            bool v6 = host && strchr(host, ':');
            snprintf(spec, sizeof spec, v6 ? "[%s]:%u" : "%s:%u", host ? host : "127.0.0.1", port);
            if (port == 0) snprintf(spec, sizeof spec, v6 ? "[%s]" : "%s", host ? host : "");
            add_source(list, d->kind == RP_SOURCE_UDP ? "udp" : "mqtt", spec);
            break;
        }
        case RP_SOURCE_SERIAL:
            snprintf(spec, sizeof spec, "%s:%u:%d%c%d", d->serial.path ? d->serial.path : "",
                     (unsigned)d->serial.baud, d->serial.data_bits,
                     "NEO"[d->serial.parity <= RP_SERIAL_PARITY_ODD ? d->serial.parity : 0],
                     d -> serial.stop_bits);
            add_source(list, "serial", spec);
            break;
        case RP_SOURCE_REPLAY: add_source(list, "replay", d->replay.path); break;
        default: break;
        }
    }
    if (o->open_path) add_source(list, "open", o->open_path);
    static const char *const formats[] = {[RP_FORMAT_AUTO] = "auto",
                                          [RP_FORMAT_TEXT] = "text",
                                          [RP_FORMAT_CSV] = "csv",
                                          [RP_FORMAT_BINARY] = "binary"};
    if (o->stream.format != RP_FORMAT_AUTO && o->stream.format <= RP_FORMAT_BINARY)
        cJSON_AddStringToObject(root, "format", formats[o->stream.format]);
    if (o->stream.channels) cJSON_AddNumberToObject(root, "channels", o->stream.channels);
    if (o->stream.names) cJSON_AddStringToObject(root, "names", o->stream.names);
    if (o->stream.time_column) cJSON_AddStringToObject(root, "time_column", o->stream.time_column);
    if (o->stream.date_order != RP_DATE_ORDER_AUTO)
        cJSON_AddStringToObject(root, "date_order",
                                o->stream.date_order == RP_DATE_ORDER_DMY ? "day" : "month");
    const rp_binary_desc *bin = &o->stream.binary; /* binary frames: what differs from float32 */
    if (bin->type != RP_BINARY_FLOAT32)
        cJSON_AddStringToObject(root, "binary_type", rp_binary_type_name(bin->type));
    if (bin->byte_order != RP_BYTE_ORDER_LITTLE)
        cJSON_AddStringToObject(root, "binary_endian", rp_byte_order_name(bin->byte_order));
    char sync_hex[2 * RP_BINARY_SYNC_MAX + 1];
    if (bin->sync_len)
        cJSON_AddStringToObject(
            root, "binary_sync",
            rp_binary_sync_hex(bin->sync, bin->sync_len, sync_hex, sizeof sync_hex));
    if (bin->checksum != RP_BINARY_CHECKSUM_NONE)
        cJSON_AddStringToObject(root, "binary_checksum", rp_binary_checksum_name(bin->checksum));
    if (o->stream.rate > 0) add_number_text(root, "rate", o->stream.rate, false);
    if (o->stream.speed_given && isfinite(o->stream.speed))
        add_number_text(root, "speed", o->stream.speed, false);
    else if (o->stream.speed_given || o->bare_files) /* a bare FILE plays at once */
        cJSON_AddStringToObject(root, "speed", "max");
    static const char *const flows[] = {"none", "rtscts", "xonxoff"};
    if (o->stream.serial_flow != RP_SERIAL_FLOW_NONE && o->stream.serial_flow <= 2)
        cJSON_AddStringToObject(root, "serial_flow", flows[o->stream.serial_flow]);
    if (o->stream.serial_dtr != RP_SERIAL_LINE_DEFAULT)
        cJSON_AddStringToObject(root, "serial_dtr",
                                o->stream.serial_dtr == RP_SERIAL_LINE_ON ? "on" : "off");
    if (o->stream.serial_rts != RP_SERIAL_LINE_DEFAULT)
        cJSON_AddStringToObject(root, "serial_rts",
                                o->stream.serial_rts == RP_SERIAL_LINE_ON ? "on" : "off");
    if (o->stream.mqtt_topics)
        cJSON_AddItemToObject(root, "topics",
                              cJSON_CreateStringArray((const char *const *)o->stream.mqtt.topics,
                                                      o->stream.mqtt_topics));
    if (o->stream.mqtt_names)
        cJSON_AddItemToObject(
            root, "topic_names",
            cJSON_CreateStringArray((const char *const *)o->stream.mqtt.topic_names,
                                    o->stream.mqtt_names));
}

static void add_strings(cJSON *root, const char *key, const char *const *list, int count)
{
    cJSON_AddItemToObject(root, key, cJSON_CreateStringArray(list, count));
}

rp_status rp_viewer_config_save(const rp_viewer_options *o, double span, const char *path)
{
    static const char *const axes[] = {
        [RP_X_AXIS_NUMBER] = "number", [RP_X_AXIS_TIME] = "time", [RP_X_AXIS_WALL_CLOCK] = "wall"};
    static const char *const places[] = {"auto", "top-right", "top-left", "bottom-right",
                                         "bottom-left"};
    cJSON *root = cJSON_CreateObject();
    if (!root) return RP_ERR_NO_MEMORY;
    if (o->title) cJSON_AddStringToObject(root, "title", o->title);
    cJSON_AddStringToObject(root, "theme", o->theme == RP_THEME_LIGHT ? "light" : "dark");
    cJSON_AddStringToObject(root, "x_axis", axes[o->x_axis]);
    add_number_text(root, "span", span, true);
    char spec[256], a[32], b[32];
    if (o->x_view_given) {
        rp_format_shortest(a, sizeof a, o->x_view[0]);
        rp_format_shortest(b, sizeof b, o->x_view[1]);
        snprintf(spec, sizeof spec, "%s,%s", a, b);
        cJSON_AddStringToObject(root, "x_view", spec);
    }
    cJSON_AddNumberToObject(root, "width", o->width);
    cJSON_AddNumberToObject(root, "height", o->height);
    if (o->fullscreen) cJSON_AddTrueToObject(root, "fullscreen");
    cJSON_AddBoolToObject(root, "hud", o->hud);
    cJSON_AddStringToObject(root, "legend",
                            o->hide_legend ? "off" : places[o->legend <= 4 ? o->legend : 0]);
    cJSON *list = cJSON_AddArrayToObject(root, "legends");
    for (int i = 0; i < o->legend_count; i++) {
        snprintf(spec, sizeof spec, "%d:%s", o->legends[i].panel,
                 places[o->legends[i].place <= 4 ? o->legends[i].place : 0]);
        cJSON_AddItemToArray(list, cJSON_CreateString(spec));
    }
    cJSON_AddStringToObject(root, "markers",
                            o->markers == RP_MARKERS_ON    ? "on"
                            : o->markers == RP_MARKERS_OFF ? "off"
                                                           : "auto");
    if (o->capacity) cJSON_AddNumberToObject(root, "capacity", (double)o->capacity);
    if (o->max_series) cJSON_AddNumberToObject(root, "max_series", o->max_series);
    save_sources(root, o);
    add_strings(root, "panels", o->panels, o->panel_count);
    add_strings(root, "right", o->right, o->right_count);
    list = cJSON_AddArrayToObject(root, "y_scales");
    for (int i = 0; i < o->y_scale_count; i++) {
        static const char *const scales[] = {"linear", "log", "symlog"};
        char panel[16] = "all";
        if (o->y_scales[i].panel) snprintf(panel, sizeof panel, "%d", o->y_scales[i].panel);
        int n = snprintf(spec, sizeof spec, "%s:%s", panel, scales[o->y_scales[i].scale % 3]);
        if (o->y_scales[i].scale == RP_Y_SYMLOG && o->y_scales[i].threshold > 0) {
            layout_number(a, sizeof a, o->y_scales[i].threshold);
            snprintf(spec + n, sizeof spec - (size_t)n, ":%s", a);
        }
        cJSON_AddItemToArray(list, cJSON_CreateString(spec));
    }
    list = cJSON_AddArrayToObject(root, "y_ranges");
    for (int i = 0; i < o->y_range_count; i++) {
        layout_number(a, sizeof a, o->y_ranges[i].y0);
        layout_number(b, sizeof b, o->y_ranges[i].y1);
        snprintf(spec, sizeof spec, "%d:%s%s,%s", o->y_ranges[i].panel,
                 o->y_ranges[i].axis ? "right:" : "", a, b);
        cJSON_AddItemToArray(list, cJSON_CreateString(spec));
    }
    cJSON *series = cJSON_AddObjectToObject(root, "series");
    for (int i = 0; i < o->style_count; i++) {
        cJSON *entry = cJSON_CreateObject();
        const rp_color c = o->styles[i].color;
        if (c.a > 0) {
            unsigned v[4];
            const float ch[4] = {c.r, c.g, c.b, c.a};
            for (int k = 0; k < 4; k++)
                v[k] = (unsigned)lrintf((ch[k] < 0 ? 0 : ch[k] > 1 ? 1 : ch[k]) * 255);
            snprintf(spec, sizeof spec, v[3] == 255 ? "#%02x%02x%02x" : "#%02x%02x%02x%02x", v[0],
                     v[1], v[2], v[3]);
            cJSON_AddStringToObject(entry, "color", spec);
        }
        if (o->styles[i].unit) cJSON_AddStringToObject(entry, "unit", o->styles[i].unit);
        cJSON_AddItemToObject(series, o->styles[i].name, entry);
    }
    add_strings(root, "hidden", o->hide, o->hide_count);
    list = cJSON_AddArrayToObject(root, "cursors");
    for (int k = 0; k < o->cursor_count && k < 2; k++) {
        layout_number(spec, sizeof spec, o->cursors[k]);
        cJSON_AddItemToArray(list, cJSON_CreateRaw(spec));
    }
    list = cJSON_AddArrayToObject(root, "levels");
    for (int i = 0; i < o->level_count; i++) {
        layout_number(a, sizeof a, o->levels[i].y[0]);
        int n = snprintf(spec, sizeof spec, "%d:%s", o->levels[i].panel, a);
        if (o->levels[i].count > 1) {
            layout_number(b, sizeof b, o->levels[i].y[1]);
            snprintf(spec + n, sizeof spec - (size_t)n, ",%s", b);
        }
        cJSON_AddItemToArray(list, cJSON_CreateString(spec));
    }
    cJSON_AddBoolToObject(root, "show_stats", o->show_stats);
    if (o->log_lines)
        cJSON_AddNumberToObject(root, "log_lines", o->log_lines < 0 ? 0 : o->log_lines);
    cJSON_AddBoolToObject(root, "log_list", o->log_list);
    if (o->no_text_tracks) cJSON_AddTrueToObject(root, "no_text_tracks");
    add_strings(root, "spectra", o->spectrum_specs, o->spectrum_count);
    add_strings(root, "triggers", o->trigger_specs, o->trigger_count);
    add_strings(root, "xy", o->xy_specs, o->xy_count);
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text) return RP_ERR_NO_MEMORY;
    FILE *f = fopen(path, "wb");
    bool bad = !f || fputs(text, f) < 0 || fputc('\n', f) == EOF;
    if (f && fclose(f) != 0) bad = true;
    cJSON_free(text);
    return bad ? RP_ERR_IO : RP_OK;
}
