// Runs before main: a build whose kernels use AVX2 and FMA (or AVX-512) prints one line and exits with status 70
// on a CPU without them, instead of dying later with an illegal instruction. This file itself is
// compiled without those instructions, so it runs anywhere.
#include "cpu_check.h"
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static int pretends_missing(const char *name) {
    const char *pretend = getenv("AUTOENCODERS_CPU_CHECK_PRETEND_MISSING");
    return pretend != NULL && strcmp(pretend, name) == 0;
}

const char *cpu_check_missing_extension(void) {
#if defined(__x86_64__) && defined(BOOK_REQUIRES_AVX2_FMA)
    __builtin_cpu_init();
    if (!__builtin_cpu_supports("avx2") || pretends_missing("avx2")) return "avx2";
    if (!__builtin_cpu_supports("fma") || pretends_missing("fma")) return "fma";
#endif
#if defined(__x86_64__) && defined(BOOK_REQUIRES_AVX512F)
    if (!__builtin_cpu_supports("avx512f") || pretends_missing("avx512f")) return "avx512f";
#endif
    return NULL;
}

int cpu_check_has_avx512f(void) {
#if defined(__x86_64__)
    __builtin_cpu_init();
    return __builtin_cpu_supports("avx512f") ? 1 : 0;
#else
    return 0;
#endif
}

static void write_text(const char *text) {
    ssize_t ignored = write(2, text, strlen(text));
    (void)ignored;
}

__attribute__((constructor)) static void stop_on_missing_extension(void) {
    const char *missing = cpu_check_missing_extension();
    if (missing == NULL) return;
#if defined(BOOK_REQUIRES_AVX512F)
    write_text("error: this program was built for CPUs with AVX-512, AVX2 and FMA, and this CPU has no ");
#else
    write_text("error: this program was built for CPUs with AVX2 and FMA, and this CPU has no ");
#endif
    write_text(missing);
    write_text("; rebuild it on this machine (rm -rf .build && swift build), which chooses the instructions "
               "this CPU has, or build the portable kernels with AUTOENCODERS_KERNELS=generic swift build\n");
    _exit(70);
}
