// A hint to the processor that the cache line holding an address will be read soon.
#ifndef CACHE_HINTS_H
#define CACHE_HINTS_H

/// Starts bringing the cache line holding `address` into the caches (GCC and Clang's
/// `__builtin_prefetch`). It changes no result, and an address outside the process's memory is
/// ignored, never a fault.
static inline void cache_hint_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
