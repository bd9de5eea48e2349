// Which vector instructions the kernels were compiled for, as the package manifest chose them.

import CPUCheck

/// The instruction set the numeric kernels were built for (set by `Package.swift` through a
/// compilation condition, beside the compiler flags that enable the instructions).
public enum KernelTarget {
    /// A short description for benchmark headers, e.g. "AVX2 + FMA (256-bit vectors)".
    public static var vectorExtensions: String {
        #if KERNELS_AVX512
        return "AVX-512F + AVX2 + FMA (512-bit vectors in the Float32 matrix product and in exp, tanh and σ; 256-bit elsewhere)"
        #elseif KERNELS_AVX2_FMA
        return "AVX2 + FMA (256-bit vectors)"
        #else
        return "no CPU-specific instructions (the compiler's baseline for this architecture)"
        #endif
    }

    /// Whether this CPU has AVX-512F, whichever kernels this build uses.
    public static var processorHasAVX512: Bool { cpu_check_has_avx512f() != 0 }

    /// The extension this build needs and the CPU lacks, or nil. (A program whose build needs one
    /// never reaches its main: the check runs before it, prints one line and exits with status 70.)
    public static var missingExtension: String? {
        cpu_check_missing_extension().map { String(cString: $0) }
    }
}
