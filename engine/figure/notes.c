/* notes.c — the notes store (ringplot.h, "Notes"): per text track a ring of (x, value number)
 * entries over a table of interned values, and a ring of log lines; and the notes panel that
 * draws one. Every byte is allocated by rp_notes_create; a push copies under the store's lock. */
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "core/handles.h"
#include "figure/notes.h"

#define DEFAULT_TRACKS 8
#define DEFAULT_ENTRIES 4096
#define DEFAULT_LOG_LINES 1024
#define DEFAULT_LIST_LINES 6

typedef struct notes_entry {
    double x;
    int32_t value; /* index into the track's values */
} notes_entry;

typedef struct notes_track {
    char name[RP_NAME_MAX];
    int64_t head; /* entries pushed */
    int64_t tail; /* the oldest held: the ring holds [tail, head), at most `entries` of them */
    notes_entry *ring;
    char values[RP_NOTES_VALUES_MAX][RP_NOTE_TEXT_MAX];
    int32_t uses[RP_NOTES_VALUES_MAX]; /* entries in the ring holding the value; 0: free slot */
    int value_count;                   /* slots ever used */
} notes_track;

typedef struct notes_log {
    double x;
    char text[RP_NOTE_LOG_MAX];
} notes_log;

struct rp_notes {
    pthread_mutex_t lock; /* every field below */
    rp_notes_desc desc;
    notes_track *tracks; /* desc.tracks */
    int track_count;
    notes_log *logs; /* desc.log_lines (none when -1) */
    int64_t log_head;
    rp_notes_stats stats;
};

/* ---- text checks ------------------------------------------------------------------------------ */

/* Bytes of the well-formed UTF-8 character at s (n bytes left), or 0 for a control byte, a C1
 * control or a malformed sequence. */
static size_t char_bytes(const unsigned char *s, size_t n)
{
    unsigned c = s[0];
    if (c == '\t') return 1; /* kept as a blank (copy_text) */
    if (c < 0x20 || c == 0x7f) return 0;
    if (c < 0x80) return 1;
    size_t len = c >= 0xc2 && c < 0xe0   ? 2
                 : c >= 0xe0 && c < 0xf0 ? 3
                 : c >= 0xf0 && c < 0xf5 ? 4
                                         : 0;
    if (len == 0 || len > n) return 0;
    for (size_t k = 1; k < len; k++)
        if ((s[k] & 0xc0) != 0x80) return 0;
    if (len == 2 && c == 0xc2 && s[1] < 0xa0) return 0; /* C1 controls */
    if (len == 3 && c == 0xe0 && s[1] < 0xa0) return 0; /* overlong */
    if (len == 3 && c == 0xed && s[1] > 0x9f) return 0; /* surrogates */
    if (len == 4 && ((c == 0xf0 && s[1] < 0x90) || (c == 0xf4 && s[1] > 0x8f))) return 0;
    return len;
}

/* Checks text and measures the longest prefix of whole characters that fits in limit bytes.
 * Returns false for invalid text. */
static bool text_fit(const char *text, size_t len, size_t limit, size_t *fit)
{
    const unsigned char *s = (const unsigned char *)text;
    size_t i = 0, kept = 0;
    while (i < len) {
        size_t n = char_bytes(s + i, len - i);
        if (n == 0) return false;
        i += n;
        if (i <= limit) kept = i;
    }
    *fit = kept;
    return true;
}

/* Copies the first len bytes of text (checked by text_fit) to out and ends it; tabs (Arduino
 * sketches separate with them) become blanks, which the fonts draw. */
static void copy_text(char *out, const char *text, size_t len)
{
    for (size_t i = 0; i < len; i++) out[i] = text[i] == '\t' ? ' ' : text[i];
    out[len] = 0;
}

/* ---- the store -------------------------------------------------------------------------------- */

rp_status rp_notes_create(const rp_notes_desc *desc, rp_notes **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    rp_notes_desc d = desc ? *desc : (rp_notes_desc){0};
    if (d.tracks == 0) d.tracks = DEFAULT_TRACKS;
    if (d.entries == 0) d.entries = DEFAULT_ENTRIES;
    if (d.log_lines == 0) d.log_lines = DEFAULT_LOG_LINES;
    if (d.tracks < 1 || d.tracks > RP_NOTES_TRACKS_MAX || d.entries < 1 ||
        d.entries > RP_NOTES_ENTRIES_MAX || d.log_lines < -1 || d.log_lines > RP_NOTES_ENTRIES_MAX)
        return RP_ERR_INVALID_ARG;
    rp_notes *n = calloc(1, sizeof *n);
    if (!n) return RP_ERR_NO_MEMORY;
    n->desc = d;
    n->tracks = calloc((size_t)d.tracks, sizeof *n->tracks);
    bool ok = n->tracks != NULL;
    for (int t = 0; ok && t < d.tracks; t++) {
        n->tracks[t].ring = malloc(sizeof(notes_entry) * (size_t)d.entries);
        ok = n->tracks[t].ring != NULL;
    }
    if (ok && d.log_lines > 0) {
        n->logs = malloc(sizeof(notes_log) * (size_t)d.log_lines);
        ok = n->logs != NULL;
    }
    if (!ok || pthread_mutex_init(&n->lock, NULL) != 0) {
        for (int t = 0; n->tracks && t < d.tracks; t++) free(n->tracks[t].ring);
        free(n->tracks);
        free(n->logs);
        free(n);
        return RP_ERR_NO_MEMORY;
    }
    n->stats.bytes = (int64_t)(sizeof *n + (size_t)d.tracks * sizeof(notes_track) +
                               (size_t)d.tracks * (size_t)d.entries * sizeof(notes_entry) +
                               (size_t)(d.log_lines > 0 ? d.log_lines : 0) * sizeof(notes_log));
    if (!rp_handle_register(n, RP_HANDLE_NOTES)) {
        pthread_mutex_destroy(&n->lock);
        for (int t = 0; t < d.tracks; t++) free(n->tracks[t].ring);
        free(n->tracks);
        free(n->logs);
        free(n);
        return RP_ERR_LIMIT;
    }
    *out = n;
    return RP_OK;
}

void rp_notes_destroy(rp_notes *notes)
{
    if (!rp_handle_unregister(notes, RP_HANDLE_NOTES)) return;
    pthread_mutex_destroy(&notes->lock);
    for (int t = 0; t < notes->desc.tracks; t++) free(notes->tracks[t].ring);
    free(notes->tracks);
    free(notes->logs);
    free(notes);
}

static bool live(const rp_notes *notes) { return rp_handle_live(notes, RP_HANDLE_NOTES); }

static rp_status refuse(rp_notes *n, rp_status st)
{
    n->stats.refused++;
    pthread_mutex_unlock(&n->lock);
    return st;
}

/* The track named name, made on first use; NULL when the store holds `tracks` already. */
static notes_track *track_of(rp_notes *n, const char *name, size_t len)
{
    for (int t = 0; t < n->track_count; t++)
        if (strlen(n->tracks[t].name) == len && memcmp(n->tracks[t].name, name, len) == 0)
            return &n->tracks[t];
    if (n->track_count == n->desc.tracks) return NULL;
    notes_track *tr = &n->tracks[n->track_count];
    memcpy(tr->name, name, len);
    tr->name[len] = 0;
    n->track_count++;
    n->stats.tracks = n->track_count;
    return tr;
}

/* The oldest entry of the track goes (its value's slot may become free); counted as expired. */
static void expire_oldest(rp_notes *n, notes_track *tr)
{
    tr->uses[tr->ring[tr->tail % n->desc.entries].value]--;
    tr->tail++;
    n->stats.texts_expired++;
}

/* The number of value text[0..len) in the track, interned on first use (into a slot no entry
 * uses any more when all are taken); -1 when every slot is in use. */
static int intern(notes_track *tr, const char *text, size_t len)
{
    int free_slot = -1;
    for (int v = 0; v < tr->value_count; v++) {
        if (tr->uses[v] == 0) {
            if (free_slot < 0) free_slot = v;
            continue;
        }
        if (strlen(tr->values[v]) == len && memcmp(tr->values[v], text, len) == 0) return v;
    }
    if (free_slot < 0) {
        if (tr->value_count == RP_NOTES_VALUES_MAX) return -1;
        free_slot = tr->value_count++;
    }
    memcpy(tr->values[free_slot], text, len + 1);
    return free_slot;
}

rp_status rp_notes_push_text(rp_notes *notes, const char *name, size_t name_len, double x,
                             const char *text, size_t len)
{
    if (!live(notes)) return RP_ERR_INVALID_ARG;
    rp_notes *n = notes;
    pthread_mutex_lock(&n->lock);
    size_t name_fit = 0, fit = 0;
    if (!name || !text || !isfinite(x) || name_len == 0 || name_len >= RP_NAME_MAX ||
        !text_fit(name, name_len, name_len, &name_fit) || memchr(name, '\t', name_len) ||
        !text_fit(text, len, RP_NOTE_TEXT_MAX - 1, &fit))
        return refuse(n, RP_ERR_INVALID_ARG);
    notes_track *tr = track_of(n, name, name_len);
    if (!tr) return refuse(n, RP_ERR_LIMIT);
    int64_t cap = n->desc.entries;
    if (tr->head > 0 && x < tr->ring[(tr->head - 1) % cap].x) return refuse(n, RP_ERR_INVALID_ARG);
    if (tr->head - tr->tail >= cap) expire_oldest(n, tr);
    char value[RP_NOTE_TEXT_MAX];
    copy_text(value, text, fit);
    int v = intern(tr, value, fit);
    /* Every slot held by an entry (a free-text track: a value a line): the oldest entries go
     * until a value is used by none, so the newest keep coming (the track then holds fewer than
     * `entries`, as many as its RP_NOTES_VALUES_MAX newest distinct values span). */
    while (v < 0 && tr->tail < tr->head) {
        expire_oldest(n, tr);
        v = intern(tr, value, fit);
    }
    if (v < 0) return refuse(n, RP_ERR_LIMIT); /* cannot happen: an empty track frees all */
    tr->uses[v]++;
    tr->ring[tr->head % cap] = (notes_entry){x, v};
    tr->head++;
    n->stats.texts++;
    if (fit < len) n->stats.truncated++;
    pthread_mutex_unlock(&n->lock);
    return RP_OK;
}

rp_status rp_notes_push_log(rp_notes *notes, double x, const char *text, size_t len)
{
    if (!live(notes)) return RP_ERR_INVALID_ARG;
    rp_notes *n = notes;
    pthread_mutex_lock(&n->lock);
    size_t fit = 0;
    int64_t cap = n->desc.log_lines;
    if (!text || !isfinite(x) || !text_fit(text, len, RP_NOTE_LOG_MAX - 1, &fit))
        return refuse(n, RP_ERR_INVALID_ARG);
    if (cap <= 0) return refuse(n, RP_ERR_LIMIT);
    if (n->log_head > 0 && x < n->logs[(n->log_head - 1) % cap].x)
        return refuse(n, RP_ERR_INVALID_ARG);
    if (n->log_head >= cap) n->stats.logs_expired++;
    notes_log *e = &n->logs[n->log_head % cap];
    e->x = x;
    copy_text(e->text, text, fit);
    n->log_head++;
    n->stats.logs++;
    if (fit < len) n->stats.truncated++;
    pthread_mutex_unlock(&n->lock);
    return RP_OK;
}

int rp_notes_track_count(const rp_notes *notes)
{
    if (!live(notes)) return 0;
    rp_notes *n = (rp_notes *)notes;
    pthread_mutex_lock(&n->lock);
    int count = n->track_count;
    pthread_mutex_unlock(&n->lock);
    return count;
}

const char *rp_notes_track_name(const rp_notes *notes, int track)
{
    /* a name is written once, before the count that makes it visible (both under the lock) */
    if (track < 0 || track >= rp_notes_track_count(notes)) return "";
    return notes->tracks[track].name;
}

/* First ring position [oldest, head) whose x is greater than x (entries are in x order). */
#define UPPER_BOUND(ring, cap, oldest, head, key, result)                                          \
    do {                                                                                           \
        int64_t lo_ = (oldest), hi_ = (head);                                                      \
        while (lo_ < hi_) {                                                                        \
            int64_t mid_ = lo_ + (hi_ - lo_) / 2;                                                  \
            if ((ring)[mid_ % (cap)].x <= (key))                                                   \
                lo_ = mid_ + 1;                                                                    \
            else                                                                                   \
                hi_ = mid_;                                                                        \
        }                                                                                          \
        (result) = lo_;                                                                            \
    } while (0)

static void copy_text_entry(const notes_track *tr, const notes_entry *e, rp_note *out)
{
    out->x = e->x;
    out->value = e->value;
    memcpy(out->text, tr->values[e->value], RP_NOTE_TEXT_MAX);
}

int rp_notes_read_texts(const rp_notes *notes, int track, double x0, double x1, rp_note *out,
                        int max)
{
    if (!live(notes) || (!out && max > 0) || !(x0 <= x1)) return 0;
    rp_notes *n = (rp_notes *)notes;
    pthread_mutex_lock(&n->lock);
    int total = 0;
    if (track >= 0 && track < n->track_count) {
        const notes_track *tr = &n->tracks[track];
        int64_t cap = n->desc.entries, head = tr->head, oldest = tr->tail;
        int64_t first, end;
        UPPER_BOUND(tr->ring, cap, oldest, head, x0, first);
        UPPER_BOUND(tr->ring, cap, first, head, x1, end);
        if (first > oldest) first--; /* the value in effect at x0 */
        total = (int)(end - first);
        for (int64_t i = first; i < end && i - first < max; i++)
            copy_text_entry(tr, &tr->ring[i % cap], &out[i - first]);
    }
    pthread_mutex_unlock(&n->lock);
    return total;
}

bool rp_notes_text_at(const rp_notes *notes, int track, double x, rp_note *out)
{
    if (!live(notes) || !out) return false;
    rp_notes *n = (rp_notes *)notes;
    pthread_mutex_lock(&n->lock);
    bool found = false;
    if (track >= 0 && track < n->track_count) {
        const notes_track *tr = &n->tracks[track];
        int64_t cap = n->desc.entries, head = tr->head, oldest = tr->tail;
        int64_t after;
        UPPER_BOUND(tr->ring, cap, oldest, head, x, after);
        found = after > oldest;
        if (found) copy_text_entry(tr, &tr->ring[(after - 1) % cap], out);
    }
    pthread_mutex_unlock(&n->lock);
    return found;
}

int rp_notes_read_logs(const rp_notes *notes, double x0, double x1, rp_note *out, int max)
{
    if (!live(notes) || (!out && max > 0) || !(x0 <= x1)) return 0;
    rp_notes *n = (rp_notes *)notes;
    pthread_mutex_lock(&n->lock);
    int total = 0;
    int64_t cap = n->desc.log_lines;
    if (cap > 0) {
        int64_t head = n->log_head, oldest = head > cap ? head - cap : 0, first, end;
        UPPER_BOUND(n->logs, cap, oldest, head, x1, end);
        /* the first line at or after x0: after the last one before it */
        int64_t lo = oldest, hi = end;
        while (lo < hi) {
            int64_t mid = lo + (hi - lo) / 2;
            if (n->logs[mid % cap].x < x0)
                lo = mid + 1;
            else
                hi = mid;
        }
        first = lo;
        total = (int)(end - first);
        int64_t from = end - first > max ? end - max : first;
        for (int64_t i = from; i < end; i++) {
            const notes_log *e = &n->logs[i % cap];
            rp_note *o = &out[i - from];
            o->x = e->x;
            o->value = -1;
            memcpy(o->text, e->text, RP_NOTE_LOG_MAX);
        }
    }
    pthread_mutex_unlock(&n->lock);
    return total;
}

rp_notes_stats rp_notes_stats_get(const rp_notes *notes)
{
    rp_notes_stats s = {0};
    if (!live(notes)) return s;
    rp_notes *n = (rp_notes *)notes;
    pthread_mutex_lock(&n->lock);
    s = n->stats;
    pthread_mutex_unlock(&n->lock);
    return s;
}

/* ---- the panel -------------------------------------------------------------------------------- */

#define FAIL(figure, status, item, ...)                                                            \
    rp_log_fail(rp_figure_log(figure), status, RP_LOGITEM_##item, __VA_ARGS__)

rp_notes *rp_notes_panel_store(const rp_notes_panel *np)
{
    return np && rp_handle_serial(np->store, RP_HANDLE_NOTES) == np->serial ? np->store : NULL;
}

int rp_notes_panel_track_rows(const rp_notes_panel *np)
{
    if (np->desc.hide_tracks) return 0;
    int n = rp_notes_track_count(rp_notes_panel_store(np));
    return n < RP_NOTES_ROWS_TRACKS ? n : RP_NOTES_ROWS_TRACKS;
}

int rp_notes_panel_rows(const rp_notes_panel *np)
{
    return rp_notes_panel_list_row(np) + (np->desc.show_log_list ? np->desc.list_lines : 0);
}

bool rp_notes_panel_x_extent(const rp_notes_panel *np, double *lo, double *hi)
{
    rp_notes *n = rp_notes_panel_store(np);
    if (!n) return false;
    pthread_mutex_lock(&n->lock);
    bool any = false;
    double a = 0, b = 0;
#define TAKE(first, last)                                                                          \
    do {                                                                                           \
        if (!any || (first) < a) a = (first);                                                      \
        if (!any || (last) > b) b = (last);                                                        \
        any = true;                                                                                \
    } while (0)
    for (int t = 0; t < n->track_count; t++) {
        const notes_track *tr = &n->tracks[t];
        int64_t cap = n->desc.entries, oldest = tr->tail;
        if (tr->head > tr->tail) TAKE(tr->ring[oldest % cap].x, tr->ring[(tr->head - 1) % cap].x);
    }
    int64_t cap = n->desc.log_lines;
    if (cap > 0 && n->log_head > 0) {
        int64_t oldest = n->log_head > cap ? n->log_head - cap : 0;
        TAKE(n->logs[oldest % cap].x, n->logs[(n->log_head - 1) % cap].x);
    }
#undef TAKE
    pthread_mutex_unlock(&n->lock);
    *lo = a;
    *hi = b;
    return any;
}

void rp_notes_panel_free(rp_notes_panel *np)
{
    if (!np) return;
    free(np->scratch);
    free(np);
}

rp_color rp_notes_value_color(rp_theme theme, int value)
{
    return rp_theme_palette(theme, value < 0 ? 0 : value % (2 * RP_PALETTE_SIZE));
}

static rp_notes_panel *notes_panel_of(const rp_figure *figure, int panel)
{
    if (!rp_figure_valid(figure) || panel < 0 || panel >= figure->panel_count) return NULL;
    return figure->panels[panel].notes;
}

rp_status rp_figure_add_notes_panel(rp_figure *figure, rp_notes *notes,
                                    const rp_notes_panel_desc *desc, int *panel)
{
    static const char *call = "rp_figure_add_notes_panel";
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    if (!live(notes))
        return FAIL(figure, RP_ERR_INVALID_ARG, STALE_HANDLE, "%s: not a live rp_notes", call);
    rp_notes_panel_desc d = desc ? *desc : (rp_notes_panel_desc){0};
    if (d.list_lines == 0) d.list_lines = DEFAULT_LIST_LINES;
    if (d.list_lines < 1 || d.list_lines > RP_NOTES_LIST_MAX)
        return FAIL(figure, RP_ERR_INVALID_ARG, INVALID_ARGUMENT,
                    "%s: list_lines %d outside 1 .. %d", call, d.list_lines, RP_NOTES_LIST_MAX);
    if (d.title && strlen(d.title) >= RP_TEXT_MAX)
        return FAIL(figure, RP_ERR_LIMIT, LIMIT_EXCEEDED, "%s: title longer than %d bytes", call,
                    RP_TEXT_MAX - 1);
    rp_notes_panel *np = calloc(1, sizeof *np);
    if (np) np->scratch = malloc(sizeof(rp_note) * RP_NOTES_VIEW_MAX);
    if (!np || !np->scratch) {
        rp_notes_panel_free(np);
        return FAIL(figure, RP_ERR_NO_MEMORY, OUT_OF_MEMORY, "%s: out of memory", call);
    }
    np->store = notes;
    np->serial = rp_handle_serial(notes, RP_HANDLE_NOTES);
    if (d.title) memcpy(np->title, d.title, strlen(d.title) + 1);
    d.title = NULL;
    np->desc = d;
    int p = -1;
    rp_status st = rp_figure_add_panel(figure, &(rp_panel_desc){.title = np->title}, &p);
    if (st != RP_OK) {
        rp_notes_panel_free(np);
        return st;
    }
    figure->panels[p].notes = np;
    if (panel) *panel = p;
    return RP_OK;
}

rp_status rp_figure_show_log_list(rp_figure *figure, int panel, bool show)
{
    if (!rp_figure_valid(figure)) return RP_ERR_INVALID_ARG;
    bool any = false;
    for (int p = 0; p < figure->panel_count; p++) {
        if ((panel >= 0 && p != panel) || !figure->panels[p].notes) continue;
        figure->panels[p].notes->desc.show_log_list = show;
        any = true;
    }
    if (!any)
        return FAIL(figure, RP_ERR_INVALID_ARG, NOT_FOUND,
                    "rp_figure_show_log_list: panel %d is not a notes panel", panel);
    return RP_OK;
}

rp_notes_panel_desc rp_figure_notes_panel_desc(const rp_figure *figure, int panel)
{
    const rp_notes_panel *np = notes_panel_of(figure, panel);
    if (!np) return (rp_notes_panel_desc){0};
    rp_notes_panel_desc d = np->desc;
    d.title = np->title;
    return d;
}

bool rp_figure_notes_log_at(const rp_figure *figure, int panel, double x, double y,
                            double x_tolerance, rp_note *out)
{
    const rp_notes_panel *np = notes_panel_of(figure, panel);
    const rp_notes *store = rp_notes_panel_store(np);
    double x0, x1;
    if (!store || !out || !isfinite(x) || !isfinite(y) || !(x_tolerance >= 0) ||
        rp_figure_x_view(figure, &x0, &x1) != RP_OK)
        return false;
    int rows = rp_notes_panel_rows(np), row = (int)floor(rows - y); /* y: a unit a row, 0 bottom */
    if (row < 0 || row >= rows) return false;
    if (row == 0) { /* the marker row: the nearest line */
        int n = rp_notes_read_logs(store, x - x_tolerance, x + x_tolerance, np->scratch,
                                   RP_NOTES_VIEW_MAX);
        int best = -1;
        for (int i = 0; i < n && i < RP_NOTES_VIEW_MAX; i++)
            if (best < 0 || fabs(np->scratch[i].x - x) < fabs(np->scratch[best].x - x)) best = i;
        if (best >= 0) *out = np->scratch[best];
        return best >= 0;
    }
    int first = rp_notes_panel_list_row(np), lines = np->desc.list_lines;
    if (!np->desc.show_log_list || row < first) return false;
    int total = rp_notes_read_logs(store, -INFINITY, x1, np->scratch, lines);
    int n = total < lines ? total : lines, i = row - first - (lines - n); /* newest at the bottom */
    if (i < 0 || i >= n) return false;
    *out = np->scratch[i];
    return true;
}

rp_notes *rp_figure_notes(const rp_figure *figure)
{
    if (!rp_figure_valid(figure)) return NULL;
    for (int p = 0; p < figure->panel_count; p++)
        if (figure->panels[p].notes) return rp_notes_panel_store(figure->panels[p].notes);
    return NULL;
}
