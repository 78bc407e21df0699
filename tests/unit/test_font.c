/* test_font — glyph atlas from the built-in font: coverage, metrics, kerning, UTF-8 robustness,
 * pixel-snapped quads inside the atlas, padding between glyphs, scaling with pixel height. */
#include <math.h>
#include <string.h>

#include "rp_test.h"
#include "text/font.h"

/* Code points the axes and units need (beyond ASCII 32-126 and Latin-1 160-255). */
static const uint32_t required_extra[] = {
    0x00B5, 0x00B0, 0x2212, 0x00D7, 0x00B7, 0x2026, 0x00B1, 0x00B2, 0x00B3,
    0x0394, 0x221E, 0x2190, 0x2192, 0x2191, 0x2193, 0x03BC, 0xFFFD,
};

/* Every texel in the one-pixel ring around a glyph's atlas rectangle is empty. */
static int ring_is_empty(const uint8_t *px, int w, int h, int x0, int y0, int x1, int y1)
{
    for (int x = x0 - 1; x <= x1; x++)
        for (int y = y0 - 1; y <= y1; y++) {
            if (x >= x0 && x < x1 && y >= y0 && y < y1) continue;
            if (x < 0 || y < 0 || x >= w || y >= h)
                return 0; /* the padding must lie inside the atlas too */
            if (px[y * w + x] != 0) return 0;
        }
    return 1;
}

static void check_font(float size, bool bold)
{
    rp_font *font = NULL;
    RP_CHECK_EQ_INT(rp_font_create(size, bold, &font), RP_OK);
    if (!font) return;

    const uint8_t *px;
    int w, h;
    rp_font_atlas(font, &px, &w, &h);
    RP_CHECK(px != NULL && w > 0 && h > 0);
    RP_CHECK_MSG((w & (w - 1)) == 0, "atlas width %d is a power of two", w);
    long ink = 0;
    for (long i = 0; i < (long)w * h; i++) ink += px[i] != 0;
    RP_CHECK_MSG(ink > 1000, "atlas has %ld inked texels", ink);

    RP_CHECK(rp_font_ascent(font) > 0.5f * size && rp_font_ascent(font) < 1.5f * size);
    RP_CHECK(rp_font_descent(font) > 0.0f && rp_font_descent(font) < 0.6f * size);
    RP_CHECK(rp_font_line_height(font) >= rp_font_ascent(font) + rp_font_descent(font));

    /* Coverage: every required code point has a glyph with a non-zero advance. */
    int missing = 0;
    for (uint32_t cp = 32; cp <= 255; cp++) {
        if (cp >= 127 && cp < 160) continue;
        if (!rp_font_has_codepoint(font, cp) || !(rp_font_advance(font, cp) > 0.0f)) {
            missing++;
            fprintf(stderr, "size %g: U+%04X missing\n", size, (unsigned)cp);
        }
    }
    for (size_t i = 0; i < sizeof required_extra / sizeof required_extra[0]; i++) {
        uint32_t cp = required_extra[i];
        if (!rp_font_has_codepoint(font, cp) || !(rp_font_advance(font, cp) > 0.0f)) {
            missing++;
            fprintf(stderr, "size %g: U+%04X missing\n", size, (unsigned)cp);
        }
    }
    RP_CHECK_EQ_INT(missing, 0);
    /* Names in other scripts: Cyrillic (all of it), Latin Extended-A (Polish ś, Turkish ı, Czech
     * ř) and Greek: a "Давление" or "Ciśnienie" column's legend was "????????" */
    for (uint32_t cp = 0x0410; cp <= 0x044F; cp++) missing += !rp_font_has_codepoint(font, cp);
    static const uint32_t latin_greek[] = {0x015B, 0x0131, 0x0159, 0x0142, 0x011F, 0x0391, 0x03C8};
    for (size_t i = 0; i < sizeof latin_greek / sizeof latin_greek[0]; i++)
        missing += !rp_font_has_codepoint(font, latin_greek[i]);
    RP_CHECK_EQ_INT(missing, 0);
    RP_CHECK_NEAR(rp_font_text_width(font, "\xD0\x94"), rp_font_advance(font, 0x0414),
                  1e-4); /* Д */

    /* Widths: longer text is wider; kerning tightens "AV"; unknown code points draw as '?'. */
    float wa = rp_font_text_width(font, "A"), wabc = rp_font_text_width(font, "ABC");
    RP_CHECK(wa > 0.0f && wabc > wa);
    RP_CHECK_MSG(rp_font_text_width(font, "AV") < wa + rp_font_text_width(font, "V") - 0.1f,
                 "kerning AV: %g vs %g", (double)rp_font_text_width(font, "AV"),
                 (double)(wa + rp_font_text_width(font, "V")));
    RP_CHECK_NEAR(rp_font_text_width(font, "\xE4\xB8\xAD"), rp_font_text_width(font, "?"),
                  1e-4); /* U+4E2D */
    RP_CHECK(!rp_font_has_codepoint(font, 0x4E2D));
    RP_CHECK_NEAR(rp_font_text_width(font, ""), 0.0, 0.0);
    RP_CHECK_NEAR(rp_font_text_width(font, "\xC2\xB5s"),
                  rp_font_advance(font, 0xB5) + rp_font_advance(font, 's'),
                  0.5); /* µ decodes as one */

    /* Layout: quads snapped to whole pixels, UVs inside the atlas, sizes 1:1 with texels, and a
     * free ring of padding around every glyph in the atlas. */
    const char *text =
        "Temperature \xE2\x88\x92"
        "12.5 \xC2\xB0"
        "C \xC2\xB5s \xC3\x97"
        "1e-9 \xC2\xB1\xE2\x88\x9E "
        "\xCE\x94t \xE2\x86\x90\xE2\x86\x92 x\xC2\xB2 \xE2\x80\xA6 ABCxyz 0123456789";
    rp_glyph_quad q[128];
    int n = rp_font_layout(font, text, 10.3f, 50.6f, q, 128);
    RP_CHECK(n > 40);
    int bad_snap = 0, bad_uv = 0, bad_size = 0, bad_pad = 0;
    for (int i = 0; i < n; i++) {
        if (q[i].x0 != floorf(q[i].x0) || q[i].y0 != floorf(q[i].y0) ||
            q[i].x1 != floorf(q[i].x1) || q[i].y1 != floorf(q[i].y1))
            bad_snap++;
        if (!(q[i].u0 >= 0.0f && q[i].u1 <= 1.0f && q[i].v0 >= 0.0f && q[i].v1 <= 1.0f &&
              q[i].u0 < q[i].u1 && q[i].v0 < q[i].v1))
            bad_uv++;
        int ax0 = (int)lroundf(q[i].u0 * (float)w), ax1 = (int)lroundf(q[i].u1 * (float)w);
        int ay0 = (int)lroundf(q[i].v0 * (float)h), ay1 = (int)lroundf(q[i].v1 * (float)h);
        if (fabsf((float)(ax1 - ax0) - (q[i].x1 - q[i].x0)) > 1e-3f ||
            fabsf((float)(ay1 - ay0) - (q[i].y1 - q[i].y0)) > 1e-3f)
            bad_size++;
        if (!ring_is_empty(px, w, h, ax0, ay0, ax1, ay1)) bad_pad++;
    }
    RP_CHECK_EQ_INT(bad_snap, 0);
    RP_CHECK_EQ_INT(bad_uv, 0);
    RP_CHECK_EQ_INT(bad_size, 0);
    RP_CHECK_EQ_INT(bad_pad, 0);
    /* Glyphs sit around the (rounded) baseline, left to right. */
    RP_CHECK(q[0].x0 >= 9.0f && q[0].y1 <= 51.0f + 1.0f && q[0].y0 >= 51.0f - size * 1.2f);
    for (int i = 1; i < n; i++) RP_CHECK(q[i].x0 > q[i - 1].x0);

    /* max limits what is written. */
    RP_CHECK_EQ_INT(rp_font_layout(font, "ABCDEF", 0, 0, q, 3), 3);
    RP_CHECK_EQ_INT(rp_font_layout(font, "ABCDEF", 0, 0, q, 0), 0);
    RP_CHECK_EQ_INT(rp_font_layout(font, "A B", 0, 0, q, 8), 2); /* a space has no quad */

    /* Invalid UTF-8: never crashes or reads past the terminator; bad bytes draw a substitute. */
    static const char *const bad[] = {
        "\xFF",     "\xC3",         "abc\xE2\x82",          "\xF0\x9F\x98",
        "\xC0\xAF", "\xED\xA0\x80", "\xF4\x90\x80\x80",     "\x80\x80\x80",
        "a\xC3(b",  "\xE2\x88",     "\xF8\x88\x80\x80\x80", "\xFE\xFF",
    };
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
        char buf[16];
        memset(buf, 0, sizeof buf);
        memcpy(buf, bad[i], strlen(bad[i]));
        int m = rp_font_layout(font, buf, 0, 20, q, 128);
        RP_CHECK(m >= 1 && m <= (int)strlen(bad[i]));
        RP_CHECK(rp_font_text_width(font, buf) > 0.0f);
    }
    /* A 4-byte code point outside the atlas counts as one '?', not four. */
    RP_CHECK_EQ_INT(rp_font_layout(font, "\xF0\x9F\x98\x80", 0, 20, q, 128), 1);

    rp_font_destroy(font);
}

int main(void)
{
    check_font(13.0f, false);
    check_font(13.0f, true);
    check_font(26.0f, false);
    check_font(16.0f, true);

    /* 26 px is twice 13 px (within the rounding of advances). */
    rp_font *f13 = NULL, *f26 = NULL;
    RP_REQUIRE(rp_font_create(13.0f, false, &f13) == RP_OK &&
               rp_font_create(26.0f, false, &f26) == RP_OK);
    const char *s = "Temperature -12.5 \xC2\xB0"
                    "C 0123456789 ABCxyz";
    double ratio = rp_font_text_width(f26, s) / rp_font_text_width(f13, s);
    RP_CHECK_MSG(ratio > 1.95 && ratio < 2.05, "ratio %g", ratio);
    RP_CHECK_NEAR(rp_font_line_height(f26) / rp_font_line_height(f13), 2.0, 0.01);
    rp_font_destroy(f13);
    rp_font_destroy(f26);

    /* Misuse is reported, never undefined. */
    rp_font *f = (rp_font *)&f;
    RP_CHECK(rp_font_create(0.0f, false, &f) != RP_OK && f == NULL);
    RP_CHECK(rp_font_create(NAN, false, &f) != RP_OK);
    RP_CHECK(rp_font_create(13.0f, false, NULL) != RP_OK);
    rp_font_destroy(NULL);
    RP_CHECK_NEAR(rp_font_text_width(NULL, "abc"), 0.0, 0.0);
    RP_CHECK_EQ_INT(rp_font_layout(NULL, "abc", 0, 0, NULL, 4), 0);
    return rp_test_finish();
}
