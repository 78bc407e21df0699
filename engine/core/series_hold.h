/* series_hold.h — internal: a reader's hold on a series' unread samples, so that a producer that
 * can wait (a file or pipe read at once) waits for the reader instead of overwriting them.
 *
 * The recorder must see every sample; it copies the rings every few ms, while a file or a pipe
 * fed at full speed overruns a ring in less. A hold is the first index that reader still needs;
 * rp_push never looks at it (it never blocks): a producer that may wait asks
 * rp_series_hold_room first and waits while it is 0. A producer that may not wait (UDP, a
 * serial line, MQTT) pushes on and the reader counts what it missed.
 *
 * Any thread: the hold is one atomic. The reader moves it forward only. */
#ifndef RP_SERIES_HOLD_H
#define RP_SERIES_HOLD_H

#include <stdint.h>

#include "ringplot.h"

#define RP_NO_HOLD INT64_C(-1)

/* Sets the first index a reader still needs (RP_NO_HOLD: none, the producer never waits). */
void rp_series_hold(rp_series *series, int64_t index);
/* The index held now, RP_NO_HOLD when none. */
int64_t rp_series_held(const rp_series *series);
/* Samples that can be pushed now without overwriting a held one: INT64_MAX without a hold. */
int64_t rp_series_hold_room(const rp_series *series);

#endif
