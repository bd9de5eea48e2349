// Storage access for the fused kernels of this library: one closure for several arrays.

/// Runs `body` with read access to the storage of two arrays.
///
/// Inlined into the specialised kernels that call it, so it costs what nested
/// `withUnsafeBufferPointer` calls cost, without their nesting.
@inline(__always)
func withBuffers<T, R>(_ a: [T], _ b: [T], _ body: (UnsafeBufferPointer<T>, UnsafeBufferPointer<T>) -> R) -> R {
    a.withUnsafeBufferPointer { pa in b.withUnsafeBufferPointer { pb in body(pa, pb) } }
}

/// Runs `body` with read access to the storage of three arrays.
@inline(__always)
func withBuffers<T, R>(_ a: [T], _ b: [T], _ c: [T],
                       _ body: (UnsafeBufferPointer<T>, UnsafeBufferPointer<T>, UnsafeBufferPointer<T>) -> R) -> R {
    a.withUnsafeBufferPointer { pa in withBuffers(b, c) { pb, pc in body(pa, pb, pc) } }
}

/// Runs `body` with write access to the storage of two arrays.
@inline(__always)
func withMutableBuffers<T, R>(_ x: inout [T], _ y: inout [T],
                              _ body: (UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<T>) -> R) -> R {
    x.withUnsafeMutableBufferPointer { px in y.withUnsafeMutableBufferPointer { py in body(px, py) } }
}

/// Runs `body` with write access to the storage of three arrays.
@inline(__always)
func withMutableBuffers<T, R>(_ x: inout [T], _ y: inout [T], _ z: inout [T],
                              _ body: (UnsafeMutableBufferPointer<T>, UnsafeMutableBufferPointer<T>,
                                       UnsafeMutableBufferPointer<T>) -> R) -> R {
    x.withUnsafeMutableBufferPointer { px in withMutableBuffers(&y, &z) { py, pz in body(px, py, pz) } }
}

/// An array whose elements the caller writes before reading them.
@inline(__always)
func uninitializedArray<T>(count: Int) -> [T] {
    [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
}
