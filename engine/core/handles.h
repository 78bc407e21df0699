/* handles.h — internal: the registry of live objects behind every public handle.
 *
 * A handle is the object's address. Create registers it, destroy unregisters it before freeing,
 * and every call asks the registry whether its handle is live (and of the right kind) before it
 * touches the object, so a destroyed handle is refused without reading freed memory (the old
 * magic-number check read it). Each registration gets a serial number that is never reused: a
 * borrower (a figure holding a series) keeps the serial and so also tells "destroyed, and a new
 * object was made at the same address" from "still the one I was given".
 *
 * This is the library's one table of its own (ringplot.h, "Live handles"): process-wide because a
 * handle must be checkable without its object, bounded (RP_MAX_LIVE_OBJECTS live objects, a fixed
 * open-addressing table of twice that many slots, 1 MiB of zeroed memory touched as used),
 * mutex-protected for register / unregister, and read without locks: lookups are two atomic
 * loads per probe, cheap enough for rp_push. Linear probing with tombstones: a live entry never
 * moves, so a lookup racing with a create or destroy of another object still finds it.
 */
#ifndef RP_CORE_HANDLES_H
#define RP_CORE_HANDLES_H

#include <stdbool.h>
#include <stdint.h>

typedef enum rp_handle_kind {
    RP_HANDLE_SERIES = 1,
    RP_HANDLE_FIGURE,
    RP_HANDLE_RENDERER,
    RP_HANDLE_HEADLESS,
    RP_HANDLE_WINDOW,
    RP_HANDLE_MQTT,
    RP_HANDLE_TEST,   /* for the registry's own tests */
    RP_HANDLE_SOURCE, /* rp_source (ingest/source_api.c) */
    RP_HANDLE_RECORDER,
    RP_HANDLE_RECORDING,
    RP_HANDLE_NOTES, /* rp_notes (figure/notes.c) */
} rp_handle_kind;

/* Registers object as live; returns its serial (>= 1), or 0 when the table is full.
 * Thread: any. */
uint64_t rp_handle_register(const void *object, rp_handle_kind kind);
/* Unregisters it; false (and nothing changes) when it was not live as that kind: a double
 * destroy. Thread: any, but not concurrently with calls on the same object. */
bool rp_handle_unregister(const void *object, rp_handle_kind kind);
/* The serial of a live object of that kind; 0 when object is NULL, not live, or another kind.
 * Never dereferences object. Thread: any; lock-free. */
uint64_t rp_handle_serial(const void *object, rp_handle_kind kind);
static inline bool rp_handle_live(const void *object, rp_handle_kind kind)
{
    return rp_handle_serial(object, kind) != 0;
}
/* Live objects now (tests). */
int rp_handle_count(void);

#endif
