/* format.c — headers, series records and checksums of the recording file (record_format.h). */
#include <zlib.h>

#include "record/record_format.h"

uint32_t rpr_crc32(const void *data, uint64_t n)
{
    const uint8_t *p = data;
    uLong crc = crc32(0L, Z_NULL, 0);
    while (n > 0) { /* zlib takes a uInt length */
        uInt chunk = n > (1u << 30) ? (1u << 30) : (uInt)n;
        crc = crc32(crc, p, chunk);
        p += chunk;
        n -= chunk;
    }
    return (uint32_t)crc;
}

void rpr_write_file_header(uint8_t out[RPR_HEADER_BYTES], int flush_ms)
{
    memset(out, 0, RPR_HEADER_BYTES);
    memcpy(out, RPR_MAGIC, 8);
    rpr_put32(out + 8, RPR_VERSION);
    rpr_put32(out + 12, RPR_HEADER_BYTES);
    rpr_put32(out + 16, RPR_BLOCK_SAMPLES);
    rpr_put32(out + 20, RPR_LEAF);
    rpr_put32(out + 24, RPR_MID);
    rpr_put32(out + 28, RPR_DIR_BLOCKS);
    rpr_put32(out + 32, RPR_GROUP_BLOCKS);
    rpr_put32(out + 36, (uint32_t)flush_ms);
    rpr_put32(out + 60, rpr_crc32(out, 60));
}

uint32_t rpr_check_file_header(const uint8_t *p, uint64_t size)
{
    if (size < RPR_HEADER_BYTES) return 0;
    uint32_t version = rpr_get32(p + 8);
    bool ok = memcmp(p, RPR_MAGIC, 8) == 0 && rpr_get32(p + 60) == rpr_crc32(p, 60) &&
              version >= RPR_VERSION_MIN && version <= RPR_VERSION &&
              rpr_get32(p + 12) == RPR_HEADER_BYTES && rpr_get32(p + 16) == RPR_BLOCK_SAMPLES &&
              rpr_get32(p + 20) == RPR_LEAF && rpr_get32(p + 24) == RPR_MID &&
              rpr_get32(p + 28) == RPR_DIR_BLOCKS && rpr_get32(p + 32) == RPR_GROUP_BLOCKS;
    return ok ? version : 0;
}

void rpr_write_block_header(uint8_t out[RPR_BLOCK_HEADER_BYTES], const rpr_block_header *h)
{
    rpr_put32(out, RPR_BLOCK_MAGIC);
    out[4] = (uint8_t)h->type, out[5] = (uint8_t)(h->type >> 8);
    out[6] = (uint8_t)h->series, out[7] = (uint8_t)(h->series >> 8);
    rpr_put32(out + 8, h->payload_bytes);
    rpr_put32(out + 12, h->payload_crc);
    rpr_put64(out + 16, h->number);
    rpr_put32(out + 24, h->count);
    rpr_put32(out + 28, rpr_crc32(out, 28));
}

bool rpr_read_block_header(const uint8_t *p, rpr_block_header *h)
{
    if (rpr_get32(p) != RPR_BLOCK_MAGIC || rpr_get32(p + 28) != rpr_crc32(p, 28)) return false;
    h->type = (uint16_t)(p[4] | p[5] << 8);
    h->series = (uint16_t)(p[6] | p[7] << 8);
    h->payload_bytes = rpr_get32(p + 8);
    h->payload_crc = rpr_get32(p + 12);
    h->number = rpr_get64(p + 16);
    h->count = rpr_get32(p + 24);
    return h->payload_bytes % 8 == 0;
}

void rpr_write_series_meta(uint8_t out[RPR_SERIES_BYTES], const rpr_series_meta *m)
{
    memset(out, 0, RPR_SERIES_BYTES);
    rpr_put32(out, m->timestamps ? 1u : 0u);
    rpr_putd(out + 8, m->rate);
    rpr_putd(out + 16, m->t0);
    memcpy(out + 24, m->name, strnlen(m->name, RPR_NAME_BYTES - 1));
    memcpy(out + 24 + RPR_NAME_BYTES, m->unit, strnlen(m->unit, RPR_UNIT_BYTES - 1));
}

void rpr_read_series_meta(const uint8_t *p, rpr_series_meta *m)
{
    m->timestamps = rpr_get32(p) & 1u;
    m->rate = rpr_getd(p + 8);
    m->t0 = rpr_getd(p + 16);
    memcpy(m->name, p + 24, RPR_NAME_BYTES);
    m->name[RPR_NAME_BYTES - 1] = '\0';
    memcpy(m->unit, p + 24 + RPR_NAME_BYTES, RPR_UNIT_BYTES);
    m->unit[RPR_UNIT_BYTES - 1] = '\0';
}
