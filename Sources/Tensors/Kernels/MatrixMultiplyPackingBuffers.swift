#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// A reusable, 64-byte-aligned scratch buffer into which the matrix product packs its panels.
final class MatrixMultiplyPackingBuffer {
    /// The start of the buffer.
    private(set) var base: UnsafeMutableRawPointer
    /// The buffer's size in bytes.
    private(set) var byteCount: Int

    init(byteCount: Int) {
        self.byteCount = Swift.max(byteCount, 64)
        base = UnsafeMutableRawPointer.allocate(byteCount: self.byteCount, alignment: 64)
    }

    deinit { base.deallocate() }

    /// Grows the buffer (discarding its contents) so that it holds at least `needed` bytes.
    func reserve(byteCount needed: Int) {
        guard needed > byteCount else { return }
        base.deallocate()
        byteCount = needed
        base = UnsafeMutableRawPointer.allocate(byteCount: needed, alignment: 64)
    }
}

/// A locked free-list of packing buffers, so that a thread running a product borrows one
/// instead of allocating: after the first few calls, a product allocates nothing.
final class MatrixMultiplyPackingBufferPool: @unchecked Sendable {
    /// The pool every matrix product draws from.
    static let shared = MatrixMultiplyPackingBufferPool()

    private let mutex: UnsafeMutablePointer<pthread_mutex_t>
    private var free: [MatrixMultiplyPackingBuffer] = []

    private init() {
        mutex = .allocate(capacity: 1)
        mutex.initialize(to: pthread_mutex_t())
        pthread_mutex_init(mutex, nil)
    }

    deinit {
        pthread_mutex_destroy(mutex)
        mutex.deallocate()
    }

    /// Runs `body` with a buffer of at least `byteCount` bytes, then returns it to the pool.
    func withBuffer(byteCount: Int, _ body: (UnsafeMutableRawPointer) -> Void) {
        pthread_mutex_lock(mutex)
        let buffer = free.popLast()
        pthread_mutex_unlock(mutex)
        let borrowed = buffer ?? MatrixMultiplyPackingBuffer(byteCount: byteCount)
        borrowed.reserve(byteCount: byteCount)
        defer {
            pthread_mutex_lock(mutex)
            free.append(borrowed)
            pthread_mutex_unlock(mutex)
        }
        body(borrowed.base)
    }
}
