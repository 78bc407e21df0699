/* font.h — glyph atlas from the font built into the binary (DejaVu Sans, rasterised with
 * stb_truetype at creation). No GL: the renderer uploads the atlas as a GL_R8 texture.
 * Thread: a font is used by one thread at a time; creation allocates, layout does not. */
#ifndef RP_TEXT_FONT_H
#define RP_TEXT_FONT_H

#include <stdbool.h>
#include <stdint.h>

#include "ringplot.h"

typedef struct rp_font rp_font;

typedef struct rp_glyph_quad {
    float x0, y0, x1, y1; /* screen px, y down, top-left origin */
    float u0, v0, u1, v1; /* atlas texture coordinates, 0..1 */
} rp_glyph_quad;

/* Bakes ASCII, Latin-1 and the symbols the axes use (µ ° − × · …) at pixel_height px
 * (already multiplied by the HiDPI scale). bold selects DejaVu Sans Bold.
 * pixel_height is the em size (CSS font-size): at 13 px capitals are ~9.5 px tall and the
 * line height ~15 px. Also baked: ± ² ³ Δ ∞ ← → ↑ ↓, some Greek, dashes, quotes, ≤ ≥ ≈ ≠,
 * U+FFFD (drawn for invalid UTF-8 bytes). Atlas: power-of-two width, tight height, 1 px free
 * around every glyph. 4 <= pixel_height <= 512, else RP_ERR_INVALID_ARG. */
rp_status rp_font_create(float pixel_height, bool bold, rp_font **out);
void rp_font_destroy(rp_font *font);

/* The atlas: one byte of coverage per texel, width*height bytes, row 0 at v = 0. Borrowed. */
void rp_font_atlas(const rp_font *font, const uint8_t **pixels, int *width, int *height);

float rp_font_ascent(const rp_font *font);      /* px above the baseline */
float rp_font_descent(const rp_font *font);     /* px below the baseline (positive) */
float rp_font_line_height(const rp_font *font); /* baseline to baseline */

/* Advance width of UTF-8 text in px (kerning included). Unknown code points draw as '?'. */
float rp_font_text_width(const rp_font *font, const char *utf8);

/* True when the atlas holds a glyph for this code point (others draw as '?'). */
bool rp_font_has_codepoint(const rp_font *font, uint32_t codepoint);
/* Advance width in px of one code point as it would be drawn (no kerning). */
float rp_font_advance(const rp_font *font, uint32_t codepoint);

/* Lays out UTF-8 text with its baseline starting at (x, baseline_y), px positions snapped so
 * that glyphs stay crisp. Writes at most max quads, returns how many were written. */
int rp_font_layout(const rp_font *font, const char *utf8, float x, float baseline_y,
                   rp_glyph_quad *out, int max);

#endif
