/// A 64-byte-aligned scratch buffer into which the matrix product packs its panels.
struct MatrixMultiplyPackingBuffer {
    /// The start of the buffer.
    var base: UnsafeMutableRawPointer
    /// The buffer's size in bytes.
    var byteCount: Int
}

/// A locked free-list of packing buffers, so that a thread running a product borrows one
/// instead of allocating: after the first few calls, a product allocates nothing.
///
/// Plain pointers and a pthread mutex, with no reference counting on the way, because a
/// small product is over in a few hundred nanoseconds. The storage lives as long as the process.
enum MatrixMultiplyPackingBufferPool {
    /// Buffers kept at most; a buffer returned when the pool is full is freed.
    private static let capacity = 64
    private static let mutex = SystemMutex()
    nonisolated(unsafe) private static let free =
        UnsafeMutablePointer<MatrixMultiplyPackingBuffer>.allocate(capacity: capacity)
    /// How many buffers `free` holds; read and written only with `mutex` locked.
    nonisolated(unsafe) private static var count = 0

    /// A buffer of at least `byteCount` bytes, to be handed back with `release`.
    static func acquire(byteCount: Int) -> MatrixMultiplyPackingBuffer {
        mutex.lock()
        var buffer: MatrixMultiplyPackingBuffer?
        if count > 0 {
            count -= 1
            buffer = free[count]
        }
        mutex.unlock()
        if let buffer, buffer.byteCount >= byteCount { return buffer }
        buffer?.base.deallocate()
        let size = Swift.max(byteCount, 4096)
        return MatrixMultiplyPackingBuffer(
            base: UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 64), byteCount: size)
    }

    /// Returns a buffer from `acquire` to the pool.
    static func release(_ buffer: MatrixMultiplyPackingBuffer) {
        mutex.lock()
        let kept = count < capacity
        if kept {
            free[count] = buffer
            count += 1
        }
        mutex.unlock()
        if !kept { buffer.base.deallocate() }
    }
}
