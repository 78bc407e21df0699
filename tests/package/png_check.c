/* png_check.c — png_check FILE [WIDTH HEIGHT]: the PNG loads, has that size and is not blank
 * (at least 16 distinct colours, no colour covering more than 97% of it). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define STB_IMAGE_IMPLEMENTATION
#define STBI_ONLY_PNG
#include <stb_image.h>

static int cmp_u32(const void *a, const void *b)
{
    unsigned x = *(const unsigned *)a, y = *(const unsigned *)b;
    return x < y ? -1 : x > y;
}

int main(int argc, char **argv)
{
    if (argc != 2 && argc != 4) {
        fprintf(stderr, "usage: png_check FILE [WIDTH HEIGHT]\n");
        return 2;
    }
    int w = 0, h = 0, n = 0;
    unsigned char *px = stbi_load(argv[1], &w, &h, &n, 4);
    if (!px) {
        fprintf(stderr, "png_check: cannot load %s: %s\n", argv[1], stbi_failure_reason());
        return 1;
    }
    if (argc == 4 && (w != atoi(argv[2]) || h != atoi(argv[3]))) {
        fprintf(stderr, "png_check: %s is %d x %d, expected %s x %s\n", argv[1], w, h, argv[2],
                argv[3]);
        return 1;
    }
    size_t count = (size_t)w * (size_t)h;
    unsigned *c = malloc(count * sizeof *c);
    if (!c) return 1;
    for (size_t i = 0; i < count; i++) memcpy(&c[i], px + 4 * i, 4);
    qsort(c, count, sizeof *c, cmp_u32);
    size_t distinct = 0, run = 0, longest = 0;
    for (size_t i = 0; i < count; i++) {
        run = (i > 0 && c[i] == c[i - 1]) ? run + 1 : 1;
        distinct += run == 1;
        longest = run > longest ? run : longest;
    }
    double top = (double)longest / (double)count;
    printf("png_check: %s %d x %d, %zu colours, most common %.1f%%\n", argv[1], w, h, distinct,
           100.0 * top);
    free(c);
    stbi_image_free(px);
    return distinct >= 16 && top <= 0.97 ? 0 : 1;
}
