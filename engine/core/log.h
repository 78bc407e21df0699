/* log.h — internal: the one error channel. Every layer formats its messages with rp_format /
 * rp_vformat and reports a failure with rp_log_fail on the rp_log_sink of the object whose call
 * failed: the message is formatted once, kept as that object's readable last error, and handed
 * to the user's callback (ringplot.h, "Log channel") with its item number.
 *
 *   rp_format / rp_vformat   snprintf into a fixed buffer (never overflows, always terminated)
 *   rp_format_shortest       a double as the shortest decimal that reads back as it
 *   rp_log_sink_init         bind a callback and the object's last-error buffer
 *   rp_log_fail              report an error, return the status given (one-line error returns)
 *   rp_log_msg               report at any level (warnings, info)
 *   rp_log_create_fail       a create that failed before its object existed: callback or stderr
 *   rp_log_sink_keep         keep a message as the last error without reporting it again (an
 *                            outer object taking over what its inner object already reported)
 */
#ifndef RP_CORE_LOG_H
#define RP_CORE_LOG_H

#include <stdarg.h>
#include <stdatomic.h>
#include <stddef.h>

#include "ringplot.h"

#if defined(__GNUC__)
#define RP_PRINTF(fmt_index, first_arg) __attribute__((format(printf, fmt_index, first_arg)))
#else
#define RP_PRINTF(fmt_index, first_arg)
#endif

#define RP_ERROR_MAX 512 /* bytes of a message, including the NUL (longer ones are cut) */

void rp_format(char *buf, size_t size, const char *fmt, ...) RP_PRINTF(3, 4);
void rp_vformat(char *buf, size_t size, const char *fmt, va_list ap);
/* v as the shortest of %.15g, %.16g and %.17g that strtod reads back as v: 5.01, not
 * 5.0099999999999998, in files people read (exports, layouts), and never a value changed. */
void rp_format_shortest(char *buf, size_t size, double v);

/* Where an object's failures go. text may be NULL (report to the callback only). writing guards
 * text when several threads may fail on the object at once (a series: producer and readers): a
 * writer that finds it taken skips the copy instead of waiting, so the push path never blocks. */
typedef struct rp_log_sink {
    rp_log_desc desc;
    char *text;
    size_t size;
    rp_log_item item; /* of the last error kept in text (RP_LOGITEM_NONE: none) */
    atomic_flag writing;
} rp_log_sink;

void rp_log_sink_init(rp_log_sink *sink, const rp_log_desc *desc, char *text, size_t size);
void rp_log_sink_keep(rp_log_sink *sink, rp_log_item item, const char *message);
/* A sink without callback that only keeps the message and item: an inner layer reports into it
 * during a create, and the create then passes the result on with rp_log_create_fail. */
static inline rp_log_sink rp_log_capture(char *text, size_t size)
{
    rp_log_sink sink = {.text = text, .size = size, .writing = ATOMIC_FLAG_INIT};
    if (text && size) text[0] = '\0';
    return sink;
}
void rp_log_msg(rp_log_sink *sink, rp_log_level level, rp_log_item item, const char *fmt, ...)
    RP_PRINTF(4, 5);
rp_status rp_log_fail(rp_log_sink *sink, rp_status status, rp_log_item item, const char *fmt, ...)
    RP_PRINTF(4, 5);
/* For a create call whose object does not exist (yet): desc's callback, or stderr without one. */
rp_status rp_log_create_fail(const rp_log_desc *desc, rp_status status, rp_log_item item,
                             const char *fmt, ...) RP_PRINTF(4, 5);

#endif
