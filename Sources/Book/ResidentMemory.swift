// How much memory this process has held, for the benchmark's comparison with a peer's.

#if canImport(Darwin)
import Darwin
#elseif canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The resident memory of this process, as the operating system counts it.
public enum ResidentMemory {
    /// The peak resident memory so far, in MB (getrusage: kilobytes on Linux, bytes on macOS);
    /// 0 where the system cannot say.
    public static var peakMegabytes: Double {
        var usage = rusage()
        #if canImport(Darwin)
        guard getrusage(RUSAGE_SELF, &usage) == 0 else { return 0 }
        return Double(usage.ru_maxrss) / 1_048_576
        #elseif canImport(Glibc)
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        return Double(usage.ru_maxrss) / 1024
        #else
        return 0
        #endif
    }
}
