/* status.c — names for rp_status codes. */
#include "ringplot.h"

const char *rp_status_string(rp_status status)
{
    switch (status) {
    case RP_OK: return "ok";
    case RP_ERR_INVALID_ARG: return "invalid argument";
    case RP_ERR_NO_MEMORY: return "out of memory";
    case RP_ERR_OUT_OF_ORDER: return "timestamp out of order";
    case RP_ERR_LIMIT: return "limit exceeded";
    case RP_ERR_BUFFER_SMALL: return "output buffer too small";
    case RP_ERR_OVERRUN: return "producer overran the read";
    case RP_ERR_PARSE: return "malformed input";
    case RP_ERR_IO: return "input/output error";
    case RP_ERR_GL: return "OpenGL error";
    case RP_ERR_PLATFORM: return "window system error";
    case RP_ERR_UNSUPPORTED: return "unsupported";
    case RP_ERR_WRONG_THREAD: return "called from a second thread at the same time";
    case RP_STATUS_COUNT: break;
    }
    return "unknown status";
}
