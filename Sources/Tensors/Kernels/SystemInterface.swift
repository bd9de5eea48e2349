// The only operating-system calls of the tensor library: a mutex, the processor count, and how
// the C library's allocator keeps freed memory.
// libm comes through `import CMath`; these are POSIX calls, so the C library is imported here,
// once, for each platform.
#if canImport(Glibc)
import CAllocator
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

/// Asks the C library's allocator to keep 32 MiB of freed memory at the top of the heap.
///
/// Training allocates and frees the same large arrays at every step. Without padding, glibc hands
/// the freed top of the heap back to the system after each step and takes it again at the next,
/// and every page taken again is a page fault: chapter 2's quick run spent a fifth of its time on
/// 350,000 of them. With it, that run takes about 4,000. Touched once, by the first tensor created.
let heapPadding: Void = {
    #if canImport(Glibc)
    _ = mallopt(M_TOP_PAD, 32 << 20)
    #endif
}()
