// The C library allocator's tuning call (mallopt), where the C library is glibc; nothing elsewhere.
#if defined(__linux__)
#include <features.h>
#if defined(__GLIBC__)
#include <malloc.h>
#endif
#endif
