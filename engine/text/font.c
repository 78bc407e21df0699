/* font.c — bakes the built-in DejaVu Sans (or Bold) into one single-channel glyph atlas with
 * stb_truetype, and lays out UTF-8 text as pixel-snapped quads.
 *
 * Crispness: glyphs are rasterised once at integer positions (no oversampling) and every quad
 * is placed on whole pixels with texels mapping 1:1 to screen pixels, so sampling (nearest or
 * bilinear) reproduces the rasterised coverage exactly. The pen keeps fractional advances and
 * kerning; only each glyph's origin is rounded, so spacing errors never accumulate. */
#include "text/font.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "rp_font_data.h"

/* stb_truetype is compiled here, static to this file, with its warnings kept out of ours. */
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wunused-function"
#pragma GCC diagnostic ignored "-Wshadow"
#pragma GCC diagnostic ignored "-Wsign-compare"
#pragma GCC diagnostic ignored "-Wunused-parameter"
#pragma GCC diagnostic ignored "-Wmissing-prototypes"
#pragma GCC diagnostic ignored "-Wstrict-prototypes"
#pragma GCC diagnostic ignored "-Wcast-qual"
#pragma GCC diagnostic ignored "-Wconversion"
#endif
#define STBTT_STATIC
#define STB_TRUETYPE_IMPLEMENTATION
#include "stb_truetype.h"
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif

/* ---------------------------------------------------------------------------------------------
 * Types
 * ------------------------------------------------------------------------------------------- */

#define RP_FONT_PAD 1 /* free texels around every glyph: bilinear sampling never bleeds */
#define RP_FONT_REPLACEMENT 0xFFFDu
/* Printable ASCII, the glyphs' first slots (sorted by code point): their kerning is a table, as
 * stb_truetype looks each pair up in the GPOS tables (a layout measures every frame's labels). */
#define KERN_SLOTS 95

typedef struct rp_glyph {
    uint32_t codepoint;
    int index;              /* stb_truetype glyph index, for kerning */
    float advance;          /* px */
    int bx0, by0, bx1, by1; /* bitmap box relative to pen origin on the baseline, px, y down */
    int ax, ay;             /* top-left of the bitmap in the atlas */
} rp_glyph;

struct rp_font {
    stbtt_fontinfo info; /* points into the embedded font bytes (static storage) */
    float scale;
    float ascent, descent, line_gap;
    uint8_t *atlas;
    int atlas_w, atlas_h;
    rp_glyph *glyphs; /* sorted by codepoint */
    int glyph_count;
    int16_t latin1[256]; /* codepoint < 256 -> glyph slot, -1 when absent (fast path) */
    int question;        /* slot of '?', drawn for unknown code points */
    int replacement;     /* slot of U+FFFD (or '?'), drawn for invalid UTF-8 bytes */
    int kern_slots;      /* slots [0, kern_slots) are in kern (printable ASCII) */
    int16_t kern[KERN_SLOTS][KERN_SLOTS]; /* font units, between two of those slots */
};

/* The scripts series names and units come in (a CSV header "Температура [°C]", a Polish
 * "Ciśnienie", Greek units), as the built-in fonts hold them: ASCII, Latin-1, Latin
 * Extended-A and -B, Greek and Coptic, Cyrillic. Ascending, then the extras (above them). */
static const uint32_t rp_font_ranges[][2] = {
    {0x0020, 0x007E}, {0x00A0, 0x00FF}, {0x0100, 0x024F}, {0x0370, 0x03FF}, {0x0400, 0x04FF},
};
#define RANGE_COUNT (int)(sizeof rp_font_ranges / sizeof rp_font_ranges[0])

/* Code points beyond those ranges that axes, units and legends use: thin and narrow no-break
 * spaces, dashes, quotes, bullet, ellipsis, per mille, primes, euro, arrows, minus, root,
 * infinity, approximately, not equal, less and greater or equal, diameter, ohm, and the legend's
 * markers (triangles, circle, square); U+FFFD for invalid bytes. */
static const uint32_t rp_font_extra[] = {
    0x2009, 0x202F, 0x2013, 0x2014, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2026, 0x2030, 0x2032,
    0x2033, 0x20AC, 0x2190, 0x2191, 0x2192, 0x2193, 0x2194, 0x2195, 0x2212, 0x221A, 0x221E, 0x2248,
    0x2260, 0x2264, 0x2265, 0x2300, 0x2126, 0x25B2, 0x25BC, 0x25CF, 0x25A0, 0xFFFD,
};

/* ---------------------------------------------------------------------------------------------
 * Internal functions
 * ------------------------------------------------------------------------------------------- */

/* Decodes one UTF-8 code point at *s and advances *s. Invalid or truncated sequences, overlong
 * forms and surrogates consume exactly one byte and yield U+FFFD; the NUL terminator is never
 * passed because it is not a continuation byte. */
static uint32_t utf8_next(const char **s)
{
    const unsigned char *p = (const unsigned char *)*s;
    uint32_t c = p[0];
    int len;
    uint32_t min;
    if (c < 0x80) {
        *s += 1;
        return c;
    } else if (c >= 0xC2 && c <= 0xDF) {
        len = 2, min = 0x80, c &= 0x1F;
    } else if (c >= 0xE0 && c <= 0xEF) {
        len = 3, min = 0x800, c &= 0x0F;
    } else if (c >= 0xF0 && c <= 0xF4) {
        len = 4, min = 0x10000, c &= 0x07;
    } else {
        *s += 1;
        return RP_FONT_REPLACEMENT;
    }
    for (int i = 1; i < len; i++) {
        if ((p[i] & 0xC0) != 0x80) {
            *s += 1;
            return RP_FONT_REPLACEMENT;
        }
        c = (c << 6) | (p[i] & 0x3F);
    }
    if (c < min || c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF)) {
        *s += 1;
        return RP_FONT_REPLACEMENT;
    }
    *s += len;
    return c;
}

static int find_slot(const rp_font *font, uint32_t cp)
{
    if (cp < 256) return font->latin1[cp];
    int lo = 0, hi = font->glyph_count - 1;
    while (lo <= hi) {
        int mid = (lo + hi) / 2;
        uint32_t m = font->glyphs[mid].codepoint;
        if (m == cp) return mid;
        if (m < cp)
            lo = mid + 1;
        else
            hi = mid - 1;
    }
    return -1;
}

/* The kerning between the glyphs in slots a and b, px. */
static float kern_px(const rp_font *font, int a, int b)
{
    if (a < font->kern_slots && b < font->kern_slots) return font->scale * (float)font->kern[a][b];
    return font->scale * (float)stbtt_GetGlyphKernAdvance(&font->info, font->glyphs[a].index,
                                                          font->glyphs[b].index);
}

/* Slot to draw for a decoded code point: the glyph, '?' for unknown, U+FFFD for bad bytes. */
static int draw_slot(const rp_font *font, uint32_t cp)
{
    int slot = find_slot(font, cp);
    if (slot >= 0) return slot;
    return cp == RP_FONT_REPLACEMENT ? font->replacement : font->question;
}

typedef struct pack_item {
    int height;
    int slot;
} pack_item;

static int pack_item_cmp(const void *a, const void *b)
{
    const pack_item *x = a, *y = b;
    if (x->height != y->height)
        return y->height - x->height; /* tallest first: shelves waste less space */
    return x->slot - y->slot;
}

/* Shelf packing at width w; returns the height used, or -1 if a glyph is wider than w. */
static int pack_shelves(rp_glyph *glyphs, const pack_item *order, int n, int w)
{
    int x = RP_FONT_PAD, y = RP_FONT_PAD, shelf_h = 0;
    for (int i = 0; i < n; i++) {
        rp_glyph *g = &glyphs[order[i].slot];
        int gw = g->bx1 - g->bx0, gh = g->by1 - g->by0;
        if (gw <= 0 || gh <= 0) {
            g->ax = g->ay = 0;
            continue;
        }
        if (gw + 2 * RP_FONT_PAD > w) return -1;
        if (x + gw + RP_FONT_PAD > w) {
            x = RP_FONT_PAD;
            y += shelf_h + RP_FONT_PAD;
            shelf_h = 0;
        }
        g->ax = x;
        g->ay = y;
        x += gw + RP_FONT_PAD;
        if (gh > shelf_h) shelf_h = gh;
    }
    return y + shelf_h + RP_FONT_PAD;
}

static int cmp_glyph_cp(const void *a, const void *b)
{
    const rp_glyph *x = a, *y = b;
    return (x->codepoint > y->codepoint) - (x->codepoint < y->codepoint);
}

/* ---------------------------------------------------------------------------------------------
 * Public functions
 * ------------------------------------------------------------------------------------------- */

rp_status rp_font_create(float pixel_height, bool bold, rp_font **out)
{
    if (!out) return RP_ERR_INVALID_ARG;
    *out = NULL;
    if (!(pixel_height >= 4.0f && pixel_height <= 512.0f)) return RP_ERR_INVALID_ARG;

    rp_font *font = calloc(1, sizeof *font);
    if (!font) return RP_ERR_NO_MEMORY;
    const unsigned char *data = bold ? rp_font_dejavu_sans_bold : rp_font_dejavu_sans;
    if (!stbtt_InitFont(&font->info, data, stbtt_GetFontOffsetForIndex(data, 0))) {
        free(font);
        return RP_ERR_UNSUPPORTED;
    }
    /* pixel_height is the em size (CSS font-size sense): 13 px text has ~9.5 px capitals. */
    font->scale = stbtt_ScaleForMappingEmToPixels(&font->info, pixel_height);
    int asc, desc, gap;
    stbtt_GetFontVMetrics(&font->info, &asc, &desc, &gap);
    font->ascent = (float)asc * font->scale;
    font->descent = (float)-desc * font->scale;
    font->line_gap = (float)gap * font->scale;

    int max_glyphs = (int)(sizeof rp_font_extra / sizeof rp_font_extra[0]);
    for (int r = 0; r < RANGE_COUNT; r++)
        max_glyphs += (int)(rp_font_ranges[r][1] - rp_font_ranges[r][0] + 1);
    font->glyphs = calloc((size_t)max_glyphs, sizeof *font->glyphs);
    pack_item *order = calloc((size_t)max_glyphs, sizeof *order);
    if (!font->glyphs || !order) {
        free(order);
        rp_font_destroy(font);
        return RP_ERR_NO_MEMORY;
    }

    /* Collect the glyphs present in the font, in codepoint order (the ranges are ascending). */
    int n = 0;
    for (int pass = 0; pass <= RANGE_COUNT; pass++) {
        bool extra = pass == RANGE_COUNT;
        int count = extra ? (int)(sizeof rp_font_extra / sizeof rp_font_extra[0])
                          : (int)(rp_font_ranges[pass][1] - rp_font_ranges[pass][0] + 1);
        for (int i = 0; i < count; i++) {
            uint32_t cp = extra ? rp_font_extra[i] : rp_font_ranges[pass][0] + (uint32_t)i;
            int index = stbtt_FindGlyphIndex(&font->info, (int)cp);
            if (index == 0) continue;
            rp_glyph *g = &font->glyphs[n];
            g->codepoint = cp;
            g->index = index;
            int adv, lsb;
            stbtt_GetGlyphHMetrics(&font->info, index, &adv, &lsb);
            g->advance = (float)adv * font->scale;
            stbtt_GetGlyphBitmapBox(&font->info, index, font->scale, font->scale, &g->bx0, &g->by0,
                                    &g->bx1, &g->by1);
            n++;
        }
    }
    qsort(font->glyphs, (size_t)n, sizeof *font->glyphs, cmp_glyph_cp); /* already sorted; cheap */
    font->glyph_count = n;

    /* Pack: the narrowest power-of-two width whose shelves are no taller than it is wide. */
    long area = 0;
    for (int i = 0; i < n; i++) {
        const rp_glyph *g = &font->glyphs[i];
        order[i].slot = i;
        order[i].height = g->by1 - g->by0;
        area += (long)(g->bx1 - g->bx0 + RP_FONT_PAD) * (g->by1 - g->by0 + RP_FONT_PAD);
    }
    qsort(order, (size_t)n, sizeof *order, pack_item_cmp);
    int w = 64;
    while ((long)w * w < area) w *= 2;
    int h;
    while ((h = pack_shelves(font->glyphs, order, n, w)) < 0 || h > w) w *= 2;
    free(order);
    h = (h + 3) & ~3; /* tight height, rounded to 4 rows */

    font->atlas = calloc((size_t)w * (size_t)h, 1);
    if (!font->atlas) {
        rp_font_destroy(font);
        return RP_ERR_NO_MEMORY;
    }
    font->atlas_w = w;
    font->atlas_h = h;
    for (int i = 0; i < n; i++) {
        const rp_glyph *g = &font->glyphs[i];
        int gw = g->bx1 - g->bx0, gh = g->by1 - g->by0;
        if (gw > 0 && gh > 0)
            stbtt_MakeGlyphBitmap(&font->info,
                                  font->atlas + (size_t)g->ay * (size_t)w + (size_t)g->ax, gw, gh,
                                  w, font->scale, font->scale, g->index);
    }

    for (int i = 0; i < 256; i++) font->latin1[i] = -1;
    for (int i = 0; i < n && font->glyphs[i].codepoint < 256; i++)
        font->latin1[font->glyphs[i].codepoint] = (int16_t)i;
    while (font->kern_slots < n && font->kern_slots < KERN_SLOTS &&
           font->glyphs[font->kern_slots].codepoint <= 0x7E)
        font->kern_slots++;
    for (int a = 0; a < font->kern_slots; a++)
        for (int b = 0; b < font->kern_slots; b++)
            font->kern[a][b] = (int16_t)stbtt_GetGlyphKernAdvance(
                &font->info, font->glyphs[a].index, font->glyphs[b].index);
    font->question = font->latin1['?'];
    font->replacement = find_slot(font, RP_FONT_REPLACEMENT);
    if (font->replacement < 0) font->replacement = font->question;
    if (font->question < 0) { /* cannot happen with DejaVu; guards the fallbacks above */
        rp_font_destroy(font);
        return RP_ERR_UNSUPPORTED;
    }
    *out = font;
    return RP_OK;
}

void rp_font_destroy(rp_font *font)
{
    if (!font) return;
    free(font->atlas);
    free(font->glyphs);
    free(font);
}

void rp_font_atlas(const rp_font *font, const uint8_t **pixels, int *width, int *height)
{
    if (pixels) *pixels = font ? font->atlas : NULL;
    if (width) *width = font ? font->atlas_w : 0;
    if (height) *height = font ? font->atlas_h : 0;
}

float rp_font_ascent(const rp_font *font) { return font ? font->ascent : 0.0f; }
float rp_font_descent(const rp_font *font) { return font ? font->descent : 0.0f; }
float rp_font_line_height(const rp_font *font)
{
    return font ? font->ascent + font->descent + font->line_gap : 0.0f;
}

bool rp_font_has_codepoint(const rp_font *font, uint32_t codepoint)
{
    return font && find_slot(font, codepoint) >= 0;
}

float rp_font_advance(const rp_font *font, uint32_t codepoint)
{
    if (!font) return 0.0f;
    return font->glyphs[draw_slot(font, codepoint)].advance;
}

float rp_font_text_width(const rp_font *font, const char *utf8)
{
    if (!font || !utf8) return 0.0f;
    float pen = 0.0f;
    int prev = -1;
    while (*utf8) {
        int slot = draw_slot(font, utf8_next(&utf8));
        const rp_glyph *g = &font->glyphs[slot];
        if (prev >= 0) pen += kern_px(font, prev, slot);
        pen += g->advance;
        prev = slot;
    }
    return pen;
}

int rp_font_layout(const rp_font *font, const char *utf8, float x, float baseline_y,
                   rp_glyph_quad *out, int max)
{
    if (!font || !utf8 || !out || max <= 0) return 0;
    const float iw = 1.0f / (float)font->atlas_w, ih = 1.0f / (float)font->atlas_h;
    const float base = floorf(baseline_y + 0.5f);
    float pen = x;
    int prev = -1, count = 0;
    while (*utf8 && count < max) {
        int slot = draw_slot(font, utf8_next(&utf8));
        const rp_glyph *g = &font->glyphs[slot];
        if (prev >= 0) pen += kern_px(font, prev, slot);
        int gw = g->bx1 - g->bx0, gh = g->by1 - g->by0;
        if (gw > 0 && gh > 0) {
            /* Only the origin is rounded: texels land 1:1 on pixels, the pen stays exact. */
            float ox = floorf(pen + 0.5f);
            rp_glyph_quad *q = &out[count++];
            q->x0 = ox + (float)g->bx0;
            q->y0 = base + (float)g->by0;
            q->x1 = q->x0 + (float)gw;
            q->y1 = q->y0 + (float)gh;
            q->u0 = (float)g->ax * iw;
            q->v0 = (float)g->ay * ih;
            q->u1 = (float)(g->ax + gw) * iw;
            q->v1 = (float)(g->ay + gh) * ih;
        }
        pen += g->advance;
        prev = slot;
    }
    return count;
}
