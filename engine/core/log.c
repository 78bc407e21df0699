/* log.c — the one error channel and the one message formatter (see core/log.h). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/log.h"

static const char *const item_names[RP_LOGITEM_COUNT] = {
#define RP_LOG_ITEM_NAME_(name) #name,
    RP_LOG_ITEMS(RP_LOG_ITEM_NAME_)
#undef RP_LOG_ITEM_NAME_
};

const char *rp_log_item_name(rp_log_item item)
{
    return (unsigned)item < RP_LOGITEM_COUNT ? item_names[item] : "?";
}

const char *rp_log_level_name(rp_log_level level)
{
    switch (level) {
    case RP_LOG_ERROR: return "error";
    case RP_LOG_WARNING: return "warning";
    case RP_LOG_INFO: return "info";
    }
    return "?";
}

void rp_vformat(char *buf, size_t size, const char *fmt, va_list ap)
{
    if (!buf || size == 0) return;
    if (vsnprintf(buf, size, fmt ? fmt : "", ap) < 0) buf[0] = '\0';
}

void rp_format_shortest(char *buf, size_t size, double v)
{
    for (int digits = 15; digits <= 17; digits++) {
        rp_format(buf, size, "%.*g", digits, v);
        if (digits == 17 || strtod(buf, NULL) == v || v != v) return;
    }
}

void rp_format(char *buf, size_t size, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    rp_vformat(buf, size, fmt, ap);
    va_end(ap);
}

void rp_log_sink_init(rp_log_sink *sink, const rp_log_desc *desc, char *text, size_t size)
{
    sink->desc = desc ? *desc : (rp_log_desc){0};
    sink->text = text;
    sink->size = text ? size : 0;
    sink->item = RP_LOGITEM_NONE;
    atomic_flag_clear(&sink->writing);
    if (text && size) text[0] = '\0';
}

void rp_log_sink_keep(rp_log_sink *sink, rp_log_item item, const char *message)
{
    if (!sink->text || atomic_flag_test_and_set_explicit(&sink->writing, memory_order_acquire))
        return;
    sink->item = item;
    rp_format(sink->text, sink->size, "%s", message ? message : "");
    atomic_flag_clear_explicit(&sink->writing, memory_order_release);
}

static void deliver(rp_log_sink *sink, rp_log_level level, rp_log_item item, const char *fmt,
                    va_list ap)
{
    char message[RP_ERROR_MAX];
    rp_vformat(message, sizeof message, fmt, ap);
    if (level == RP_LOG_ERROR) rp_log_sink_keep(sink, item, message);
    if (sink->desc.func) sink->desc.func(sink->desc.user, level, item, message);
}

void rp_log_msg(rp_log_sink *sink, rp_log_level level, rp_log_item item, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    deliver(sink, level, item, fmt, ap);
    va_end(ap);
}

rp_status rp_log_fail(rp_log_sink *sink, rp_status status, rp_log_item item, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    deliver(sink, RP_LOG_ERROR, item, fmt, ap);
    va_end(ap);
    return status;
}

rp_status rp_log_create_fail(const rp_log_desc *desc, rp_status status, rp_log_item item,
                             const char *fmt, ...)
{
    char message[RP_ERROR_MAX];
    va_list ap;
    va_start(ap, fmt);
    rp_vformat(message, sizeof message, fmt, ap);
    va_end(ap);
    if (desc && desc->func)
        desc->func(desc->user, RP_LOG_ERROR, item, message);
    else
        fprintf(stderr, "ringplot: error [%s] %s\n", rp_log_item_name(item), message);
    return status;
}
