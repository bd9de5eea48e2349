// The only operating-system calls of the tensor library: a mutex and the processor count.
// libm comes through `import CMath`; these are POSIX calls, so the C library is imported here,
// once, for each platform.
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A pthread mutex at a fixed address, with no reference counting on the way to it.
///
/// The matrix product's buffer pool and work counter lock it for a few instructions at a time.
struct SystemMutex: @unchecked Sendable {
    private let mutex: UnsafeMutablePointer<pthread_mutex_t>

    /// Allocates and initialises a mutex; `destroy()` frees it.
    init() {
        mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    /// Waits for and takes the mutex.
    func lock() { pthread_mutex_lock(mutex) }
    /// Releases the mutex.
    func unlock() { pthread_mutex_unlock(mutex) }

    /// Destroys the mutex and frees its memory.
    func destroy() {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }
}

/// The number of processors currently online, at least 1.
func activeProcessorCount() -> Int {
    #if canImport(Darwin) || canImport(Glibc) || canImport(Musl)
    return Swift.max(Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))), 1)
    #else
    return 1
    #endif
}
