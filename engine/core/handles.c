/* handles.c — the registry of live objects (see core/handles.h for the design). */
#include <pthread.h>
#include <stdatomic.h>

#include "core/handles.h"
#include "ringplot.h"

#define SLOTS (2 * RP_MAX_LIVE_OBJECTS) /* a power of two: load factor at most 1/2 */
#define EMPTY ((uintptr_t)0)
#define TOMBSTONE ((uintptr_t)1)

typedef struct slot {
    _Atomic uintptr_t key; /* the object's address, EMPTY or TOMBSTONE */
    _Atomic uint64_t tag;  /* serial << 8 | kind, written before key is published */
} slot;

/* Module state (the one table; see the header). */
static slot table[SLOTS];
static pthread_mutex_t table_lock = PTHREAD_MUTEX_INITIALIZER;
static uint64_t next_serial = 1; /* guarded by table_lock */
static int live_count;           /* guarded by table_lock */

static size_t home_of(uintptr_t key)
{
    uint64_t h = (uint64_t)key * 0x9e3779b97f4a7c15ull; /* Fibonacci hashing */
    return (size_t)(h >> 32) & (SLOTS - 1);
}

/* Index of key's slot, or SLOTS when absent. Lock-free; a live key never moves. */
static size_t find(uintptr_t key)
{
    size_t i = home_of(key);
    for (size_t n = 0; n < SLOTS; n++, i = (i + 1) & (SLOTS - 1)) {
        uintptr_t k = atomic_load_explicit(&table[i].key, memory_order_acquire);
        if (k == key) return i;
        if (k == EMPTY) return SLOTS;
    }
    return SLOTS;
}

uint64_t rp_handle_register(const void *object, rp_handle_kind kind)
{
    uintptr_t key = (uintptr_t)object;
    if (key <= TOMBSTONE) return 0;
    pthread_mutex_lock(&table_lock);
    uint64_t serial = 0;
    if (live_count < RP_MAX_LIVE_OBJECTS) {
        size_t i = home_of(key);
        for (;;) { /* the first free slot: a table at most half full always has one */
            uintptr_t k = atomic_load_explicit(&table[i].key, memory_order_relaxed);
            if (k == EMPTY || k == TOMBSTONE) break;
            i = (i + 1) & (SLOTS - 1);
        }
        serial = next_serial++;
        atomic_store_explicit(&table[i].tag, serial << 8 | (uint64_t)kind, memory_order_relaxed);
        atomic_store_explicit(&table[i].key, key, memory_order_release);
        live_count++;
    }
    pthread_mutex_unlock(&table_lock);
    return serial;
}

bool rp_handle_unregister(const void *object, rp_handle_kind kind)
{
    uintptr_t key = (uintptr_t)object;
    if (key <= TOMBSTONE) return false;
    pthread_mutex_lock(&table_lock);
    size_t i = find(key);
    bool ok = i < SLOTS &&
              (atomic_load_explicit(&table[i].tag, memory_order_relaxed) & 0xff) == (uint64_t)kind;
    if (ok) {
        atomic_store_explicit(&table[i].tag, 0, memory_order_relaxed);
        atomic_store_explicit(&table[i].key, TOMBSTONE, memory_order_release);
        live_count--;
        /* A tombstone followed by an empty slot ends no probe chain of a live key: empty it and
         * the tombstones before it, so misses stay short however many objects come and go. */
        size_t next = (i + 1) & (SLOTS - 1);
        if (atomic_load_explicit(&table[next].key, memory_order_relaxed) == EMPTY) {
            size_t j = i;
            while (atomic_load_explicit(&table[j].key, memory_order_relaxed) == TOMBSTONE) {
                atomic_store_explicit(&table[j].key, EMPTY, memory_order_release);
                j = (j - 1) & (SLOTS - 1);
            }
        }
    }
    pthread_mutex_unlock(&table_lock);
    return ok;
}

uint64_t rp_handle_serial(const void *object, rp_handle_kind kind)
{
    uintptr_t key = (uintptr_t)object;
    if (key <= TOMBSTONE) return 0;
    size_t i = find(key);
    if (i == SLOTS) return 0;
    uint64_t tag = atomic_load_explicit(&table[i].tag, memory_order_relaxed);
    if ((tag & 0xff) != (uint64_t)kind) return 0;
    return tag >> 8;
}

int rp_handle_count(void)
{
    pthread_mutex_lock(&table_lock);
    int n = live_count;
    pthread_mutex_unlock(&table_lock);
    return n;
}
