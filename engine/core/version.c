/* version.c — rp_version: the library's version, to compare with the header's at run time. */
#include "ringplot.h"

const char *rp_version(void) { return RINGPLOT_VERSION_STRING; }
