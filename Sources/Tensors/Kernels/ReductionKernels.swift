/// Loops that reduce or normalise along one axis of a tensor viewed as [outer, n, inner].
enum ReductionKernels {
    /// Sums over the middle axis: [outer, n, inner] → [outer, inner].
    ///
    /// Called from generic code (`unbroadcast`, a generic `Tensor` method), a `@_specialize`d function
    /// runs unspecialised; so Float and Double go to concrete copies of the same loop (same order of
    /// additions, same bits).
    static func sum<T: TensorScalar>(_ x: [T], outer: Int, n: Int, inner: Int) -> [T] {
        // The types are equal here, so the bit casts are free (`as!` on arrays would cast element by element).
        if T.self == Float.self {
            return unsafeBitCast(sumOfFloats(unsafeBitCast(x, to: [Float].self), outer: outer, n: n, inner: inner), to: [T].self)
        }
        if T.self == Double.self {
            return unsafeBitCast(sumOfDoubles(unsafeBitCast(x, to: [Double].self), outer: outer, n: n, inner: inner), to: [T].self)
        }
        return sumLoop(x, outer: outer, n: n, inner: inner)
    }

    static func sumOfFloats(_ x: [Float], outer: Int, n: Int, inner: Int) -> [Float] {
        sumLoop(x, outer: outer, n: n, inner: inner)
    }

    static func sumOfDoubles(_ x: [Double], outer: Int, n: Int, inner: Int) -> [Double] {
        sumLoop(x, outer: outer, n: n, inner: inner)
    }

    /// The loop of `sum`. A large sum (a bias's gradient, summed over a batch's rows) is split
    /// along its outputs (`BatchPieces`): by blocks of `outer` when there are two per thread or more,
    /// else by ranges of 16 columns of `inner`. Each output is still the sum over j in order, so the
    /// bits do not depend on the threads.
    @inline(__always)
    static func sumLoop<T: TensorScalar>(_ x: [T], outer: Int, n: Int, inner: Int) -> [T] {
        var out = [T](repeating: 0, count: outer * inner)
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                guard let source = xs.baseAddress, let target = o.baseAddress else { return }
                // out[i, k] += x[i, j, k] for the outputs of blocks `outers` and columns `columns`.
                func add(_ outers: Range<Int>, _ columns: Range<Int>) {
                    if inner == 1 {
                        // A whole axis into one number (a mean loss): the running sum stays in a
                        // register, added in the same order. Through `dst[k] +=` it would be stored
                        // and loaded again at every step, since the two pointers might overlap.
                        for i in outers {
                            let src = source + i * n
                            var sum = target[i]
                            for j in 0..<n { sum += src[j] }
                            target[i] = sum
                        }
                        return
                    }
                    for i in outers {
                        let dst = target + i * inner
                        for j in 0..<n {
                            let src = source + (i * n + j) * inner
                            for k in columns { dst[k] += src[k] }
                        }
                    }
                }
                if outer >= 2 * MatrixMultiply.maximumThreads {
                    BatchPieces.run(count: outer, elements: x.count) { add($0, 0..<inner) }
                } else {
                    BatchPieces.run(count: (inner + 15) / 16, elements: x.count) { blocks in
                        add(0..<outer, 16 * blocks.lowerBound..<Swift.min(inner, 16 * blocks.upperBound))
                    }
                }
            }
        }
        return out
    }

    /// Repeats [outer, inner] along a new middle axis of size n: the pullback of `sum`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func expand<T: TensorScalar>(_ g: [T], outer: Int, n: Int, inner: Int, scale: T) -> [T] {
        [T](unsafeUninitializedCapacity: outer * n * inner) { out, initialized in
            g.withUnsafeBufferPointer { gs in
                if inner == 1 {
                    // The pullback of a whole-axis sum: one value repeated, a loop the compiler vectorises.
                    for i in 0..<outer {
                        let value = scale * gs[i]
                        for j in 0..<n { out[i * n + j] = value }
                    }
                } else {
                    for i in 0..<outer {
                        for j in 0..<n {
                            for k in 0..<inner { out[(i * n + j) * inner + k] = scale * gs[i * inner + k] }
                        }
                    }
                }
            }
            initialized = outer * n * inner
        }
    }

    /// The largest value over the middle axis and where it is (the first one on ties).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func max<T: TensorScalar>(_ x: [T], outer: Int, n: Int, inner: Int) -> (values: [T], indices: [Int]) {
        var values = [T](repeating: -T.infinity, count: outer * inner)
        var indices = [Int](repeating: 0, count: outer * inner)
        x.withUnsafeBufferPointer { xs in
            for i in 0..<outer {
                for j in 0..<n {
                    for k in 0..<inner {
                        let v = xs[(i * n + j) * inner + k]
                        let slot = i * inner + k
                        if j == 0 || v > values[slot] || (v.isNaN && !values[slot].isNaN) {
                            values[slot] = v
                            indices[slot] = j
                        }
                    }
                }
            }
        }
        return (values, indices)
    }

    /// Places g[outer, inner] at the chosen positions of a zero [outer, n, inner]: the pullback of `max`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scatter<T: TensorScalar>(_ g: [T], indices: [Int], outer: Int, n: Int, inner: Int) -> [T] {
        var out = [T](repeating: 0, count: outer * n * inner)
        for i in 0..<outer {
            for k in 0..<inner {
                out[(i * n + indices[i * inner + k]) * inner + k] = g[i * inner + k]
            }
        }
        return out
    }

    /// Softmax (or log-softmax) over the middle axis, subtracting the maximum for stability.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func softmax<T: TensorScalar>(_ x: [T], outer: Int, n: Int, inner: Int, logarithm: Bool) -> [T] {
        var out: [T] = ElementwiseKernels.uninitialized(count: x.count)  // every element is written below
        x.withUnsafeBufferPointer { xs in
            out.withUnsafeMutableBufferPointer { o in
                // Each row is its own: rows split across threads give the same bits.
                BatchPieces.run(count: outer, elements: x.count) { rows in
                    for i in rows {
                        for k in 0..<inner {
                            let base = i * n * inner + k
                            var largest = -T.infinity
                            for j in 0..<n { largest = Swift.max(largest, xs[base + j * inner]) }
                            if largest == -T.infinity { largest = 0 }  // a fully masked row
                            var total: T = 0
                            for j in 0..<n { o[base + j * inner] = xs[base + j * inner] - largest }
                            if inner == 1 {
                                T.vectorized(.exp, o.baseAddress! + base, o.baseAddress! + base, count: n)
                            } else {
                                for j in 0..<n { o[base + j * inner] = T.exp(o[base + j * inner]) }
                            }
                            for j in 0..<n { total += o[base + j * inner] }
                            if logarithm {
                                let logTotal = T.log(total) + largest
                                for j in 0..<n { o[base + j * inner] = xs[base + j * inner] - logTotal }
                            } else {
                                let inverse = 1 / total
                                for j in 0..<n { o[base + j * inner] *= inverse }
                            }
                        }
                    }
                }
            }
        }
        return out
    }

    /// The pullback of softmax: y ⊙ (g − Σ g⊙y), or of log-softmax: g − softmax ⊙ Σ g.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func softmaxPullback<T: TensorScalar>(_ y: [T], _ g: [T], outer: Int, n: Int, inner: Int,
                                                 logarithm: Bool) -> [T] {
        var out: [T] = ElementwiseKernels.uninitialized(count: y.count)  // every element is written below
        y.withUnsafeBufferPointer { ys in
            g.withUnsafeBufferPointer { gs in
                out.withUnsafeMutableBufferPointer { o in
                    BatchPieces.run(count: outer, elements: y.count) { rows in
                        for i in rows {
                            for k in 0..<inner {
                                let base = i * n * inner + k
                                var total: T = 0
                                if logarithm {
                                    for j in 0..<n { total += gs[base + j * inner] }
                                    for j in 0..<n {
                                        let at = base + j * inner
                                        o[at] = gs[at] - T.exp(ys[at]) * total
                                    }
                                } else {
                                    for j in 0..<n { total += gs[base + j * inner] * ys[base + j * inner] }
                                    for j in 0..<n {
                                        let at = base + j * inner
                                        o[at] = ys[at] * (gs[at] - total)
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        return out
    }
}
