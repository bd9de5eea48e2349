// Stops a program built for vector instructions this CPU lacks, before any of them runs.
#ifndef CPU_CHECK_H
#define CPU_CHECK_H

/// The instruction-set extension this build needs and this CPU lacks ("avx2", "fma", "avx512f"), or NULL.
/// The environment variable AUTOENCODERS_CPU_CHECK_PRETEND_MISSING names one to treat as absent (for tests).
const char *cpu_check_missing_extension(void);

/// Whether this CPU has AVX-512F, whatever the build uses (0 on other architectures).
int cpu_check_has_avx512f(void);

#endif
