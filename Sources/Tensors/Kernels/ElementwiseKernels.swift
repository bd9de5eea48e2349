/// An operation on two tensors, element by element after broadcasting.
enum BinaryOperation: Sendable {
    case add, subtract, multiply, divide, maximum, minimum
    /// Comparisons give 1 where true and 0 where false.
    case equal, notEqual, less, lessOrEqual, greater, greaterOrEqual
}

/// A function applied to every element of a tensor (its derivative is beside the operation that uses it).
enum UnaryOperation: Sendable {
    case exp, log, tanh, sigmoid, relu, negate, square, squareRoot, absolute
}

/// The loop of an element-wise pullback: writes g·f′(x) into `out`, given x, y = f(x) and g.
typealias UnaryPullback<T> = (_ x: UnsafeBufferPointer<T>, _ y: UnsafeBufferPointer<T>, _ g: UnsafeBufferPointer<T>,
                              _ out: UnsafeMutableBufferPointer<T>) -> Void

/// Element-by-element loops, specialised for Float and Double.
///
/// A large array is cut into one run of elements per thread (`chunks`); every element is computed
/// on its own, so the bits never depend on the number of threads.
enum ElementwiseKernels {
    /// Elements per block of `chunks`: runs start at multiples of it, so a vector loop over a run
    /// groups the elements into the same lanes as one loop over the whole array would.
    static let chunkAlignment = 64

    /// Calls `body` with contiguous runs that together cover 0..<count: one run, or one per thread
    /// when the array is large (`BatchPieces`); every run but the last starts and ends at a multiple
    /// of `chunkAlignment`.
    static func chunks(_ count: Int, _ body: (Range<Int>) -> Void) {
        let blocks = (count + chunkAlignment - 1) / chunkAlignment
        BatchPieces.run(count: blocks, elements: count) { b in
            body(b.lowerBound * chunkAlignment..<Swift.min(count, b.upperBound * chunkAlignment))
        }
    }

    /// `target[i] += addend[i]`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func addInPlace<T: TensorScalar>(_ target: inout [T], _ addend: [T]) {
        guard !target.isEmpty else { return }
        target.withUnsafeMutableBufferPointer { pt in
            addend.withUnsafeBufferPointer { pa in
                let t = pt.baseAddress!, a = pa.baseAddress!
                chunks(pt.count) { run in for i in run { t[i] += a[i] } }
            }
        }
    }

    /// An array of `count` copies of `value` (a specialised loop: generic array filling copies element by element).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func filled<T: TensorScalar>(_ value: T, count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { out, initialized in
            if let o = out.baseAddress { chunks(count) { run in for i in run { o[i] = value } } }
            initialized = count
        }
    }

    /// An array of `count` elements whose values the caller overwrites before reading them.
    static func uninitialized<T: TensorScalar>(count: Int) -> [T] {
        [T](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }

    /// `a` read through broadcast strides into a contiguous array of `shape`.
    static func broadcast<T: TensorScalar>(_ a: [T], _ aStrides: [Int], shape: [Int]) -> [T] {
        let total = shape.reduce(1, *)
        if a.count == total { return a }  // nothing is repeated: the same elements in the same order
        // `a` fills the trailing axes and repeats along the leading ones (a bias over rows): copy rows.
        if total > 0, !a.isEmpty, total % a.count == 0, aStrides == broadcastStridesOfTrailingBlock(a.count, shape) {
            return [T](unsafeUninitializedCapacity: total) { out, initialized in
                a.withUnsafeBufferPointer { row in
                    for start in stride(from: 0, to: total, by: row.count) {
                        (out.baseAddress! + start).initialize(from: row.baseAddress!, count: row.count)
                    }
                }
                initialized = total
            }
        }
        return binary(.add, a, aStrides, [T.zero], [Int](repeating: 0, count: shape.count), shape: shape)
    }

    /// The strides of a contiguous block of `count` elements spanning the trailing axes of `shape`
    /// and repeated along the leading ones, or nil if `count` does not span whole trailing axes.
    private static func broadcastStridesOfTrailingBlock(_ count: Int, _ shape: [Int]) -> [Int]? {
        var strides = [Int](repeating: 0, count: shape.count)
        var span = 1
        for axis in stride(from: shape.count - 1, through: 0, by: -1) where span < count {
            strides[axis] = shape[axis] == 1 ? 0 : span
            span *= shape[axis]
        }
        return span == count ? strides : nil
    }

    /// `scale · x + shift` for every element.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func affine<T: TensorScalar>(_ x: [T], scale: T, shift: T) -> [T] {
        [T](unsafeUninitializedCapacity: x.count) { out, initialized in
            x.withUnsafeBufferPointer { xs in
                guard let o = out.baseAddress, let x = xs.baseAddress else { return }
                chunks(xs.count) { run in for i in run { o[i] = scale * x[i] + shift } }
            }
            initialized = x.count
        }
    }

    /// `a op b` where `a` and `b` are read through broadcast strides into `shape`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func binary<T: TensorScalar>(_ op: BinaryOperation, _ a: [T], _ aStrides: [Int],
                                        _ b: [T], _ bStrides: [Int], shape: [Int]) -> [T] {
        let total = shape.reduce(1, *)
        // Merge axes that both operands traverse contiguously, to lengthen the inner loop.
        var dims: [(size: Int, sa: Int, sb: Int)] = []
        for axis in 0..<shape.count where shape[axis] != 1 {
            let next = (shape[axis], aStrides[axis], bStrides[axis])
            if let last = dims.last, last.sa == next.1 * next.0, last.sb == next.2 * next.0 {
                dims[dims.count - 1] = (last.size * next.0, next.1, next.2)
            } else {
                dims.append(next)
            }
        }
        if dims.isEmpty { dims = [(1, 0, 0)] }
        let inner = dims.removeLast()
        return [T](unsafeUninitializedCapacity: total) { out, initialized in
            initialized = total
            guard total > 0 else { return }
            a.withUnsafeBufferPointer { pa in
                b.withUnsafeBufferPointer { pb in
                    let a = pa.baseAddress!, b = pb.baseAddress!, o = out.baseAddress!
                    if dims.isEmpty {
                        // One long row (operands of the result's shape, or a scalar): cut it into runs.
                        chunks(inner.size) { run in
                            row(op, a + run.lowerBound * inner.sa, inner.sa, b + run.lowerBound * inner.sb, inner.sb,
                                o + run.lowerBound, run.count)
                        }
                    } else {
                        // Rows of `inner.size`: each thread takes a run of rows.
                        BatchPieces.run(count: total / inner.size, elements: total) { rows in
                            broadcastRows(op, a, b, o, dims: dims, inner: inner, rows: rows)
                        }
                    }
                }
            }
        }
    }

    /// Rows `rows` of `binary`: the outer multi-index of the first row is found by division, then
    /// advanced like an odometer.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func broadcastRows<T: TensorScalar>(_ op: BinaryOperation, _ a: UnsafePointer<T>, _ b: UnsafePointer<T>,
                                               _ out: UnsafeMutablePointer<T>, dims: [(size: Int, sa: Int, sb: Int)],
                                               inner: (size: Int, sa: Int, sb: Int), rows: Range<Int>) {
        var counter = [Int](repeating: 0, count: dims.count)
        var offsetA = 0, offsetB = 0, remainder = rows.lowerBound
        for axis in stride(from: dims.count - 1, through: 0, by: -1) {
            counter[axis] = remainder % dims[axis].size
            remainder /= dims[axis].size
            offsetA += counter[axis] * dims[axis].sa
            offsetB += counter[axis] * dims[axis].sb
        }
        for r in rows {
            row(op, a + offsetA, inner.sa, b + offsetB, inner.sb, out + r * inner.size, inner.size)
            var axis = dims.count - 1
            while axis >= 0 {
                counter[axis] += 1
                offsetA += dims[axis].sa
                offsetB += dims[axis].sb
                if counter[axis] < dims[axis].size { break }
                offsetA -= dims[axis].sa * dims[axis].size
                offsetB -= dims[axis].sb * dims[axis].size
                counter[axis] = 0
                axis -= 1
            }
        }
    }

    /// One row of `binary`: n results from a and b read with strides sa and sb (0 for a repeated element).
    ///
    /// The loops are written out per operation: a helper called per element was not specialised
    /// inside the prespecialised caller and ran ten times slower.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func row<T: TensorScalar>(_ op: BinaryOperation, _ a: UnsafePointer<T>, _ sa: Int,
                                     _ b: UnsafePointer<T>, _ sb: Int,
                                     _ out: UnsafeMutablePointer<T>, _ n: Int) {
        if sa == 1 && sb == 1 {
            switch op {
            case .add: for i in 0..<n { out[i] = a[i] + b[i] }
            case .subtract: for i in 0..<n { out[i] = a[i] - b[i] }
            case .multiply: for i in 0..<n { out[i] = a[i] * b[i] }
            case .divide: for i in 0..<n { out[i] = a[i] / b[i] }
            default: stridedRow(op, a, sa, b, sb, out, n)
            }
        } else {
            stridedRow(op, a, sa, b, sb, out, n)
        }
    }

    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func stridedRow<T: TensorScalar>(_ op: BinaryOperation, _ a: UnsafePointer<T>, _ sa: Int,
                                            _ b: UnsafePointer<T>, _ sb: Int,
                                            _ out: UnsafeMutablePointer<T>, _ n: Int) {
        switch op {
        case .add: for i in 0..<n { out[i] = a[i * sa] + b[i * sb] }
        case .subtract: for i in 0..<n { out[i] = a[i * sa] - b[i * sb] }
        case .multiply: for i in 0..<n { out[i] = a[i * sa] * b[i * sb] }
        case .divide: for i in 0..<n { out[i] = a[i * sa] / b[i * sb] }
        case .maximum: for i in 0..<n { out[i] = a[i * sa] >= b[i * sb] ? a[i * sa] : b[i * sb] }
        case .minimum: for i in 0..<n { out[i] = a[i * sa] <= b[i * sb] ? a[i * sa] : b[i * sb] }
        case .equal: for i in 0..<n { out[i] = a[i * sa] == b[i * sb] ? 1 : 0 }
        case .notEqual: for i in 0..<n { out[i] = a[i * sa] != b[i * sb] ? 1 : 0 }
        case .less: for i in 0..<n { out[i] = a[i * sa] < b[i * sb] ? 1 : 0 }
        case .lessOrEqual: for i in 0..<n { out[i] = a[i * sa] <= b[i * sb] ? 1 : 0 }
        case .greater: for i in 0..<n { out[i] = a[i * sa] > b[i * sb] ? 1 : 0 }
        case .greaterOrEqual: for i in 0..<n { out[i] = a[i * sa] >= b[i * sb] ? 1 : 0 }
        }
    }

    /// `f(x)` for every element.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func unary<T: TensorScalar>(_ op: UnaryOperation, _ x: [T]) -> [T] {
        [T](unsafeUninitializedCapacity: x.count) { out, initialized in
            x.withUnsafeBufferPointer { xs in
                guard let x = xs.baseAddress, let o = out.baseAddress else { return }
                chunks(xs.count) { run in
                    let x = x + run.lowerBound, o = o + run.lowerBound, n = run.count
                    switch op {
                    case .exp: T.vectorized(.exp, x, o, count: n)
                    case .log: for i in 0..<n { o[i] = T.log(x[i]) }
                    case .tanh: T.vectorized(.tanh, x, o, count: n)
                    case .sigmoid: T.vectorized(.sigmoid, x, o, count: n)
                    case .relu: for i in 0..<n { o[i] = x[i] > 0 ? x[i] : 0 }
                    case .negate: for i in 0..<n { o[i] = -x[i] }
                    case .square: for i in 0..<n { o[i] = x[i] * x[i] }
                    case .squareRoot: for i in 0..<n { o[i] = x[i].squareRoot() }
                    case .absolute: for i in 0..<n { o[i] = abs(x[i]) }
                    }
                }
            }
            initialized = x.count
        }
    }

    /// The gradient of a function of one tensor: `pullback` writes g·f′(x) from x, y = f(x) and g.
    static func pullback<T: TensorScalar>(x: [T], y: [T], gradient g: [T], _ pullback: UnaryPullback<T>) -> [T] {
        [T](unsafeUninitializedCapacity: x.count) { out, initialized in
            x.withUnsafeBufferPointer { xs in
                y.withUnsafeBufferPointer { ys in
                    g.withUnsafeBufferPointer { gs in
                        chunks(xs.count) { run in
                            pullback(UnsafeBufferPointer(rebasing: xs[run]), UnsafeBufferPointer(rebasing: ys[run]),
                                     UnsafeBufferPointer(rebasing: gs[run]), UnsafeMutableBufferPointer(rebasing: out[run]))
                        }
                    }
                }
            }
            initialized = x.count
        }
    }

    /// The logistic function 1 / (1 + e^(−x)), computed without overflow for large |x|.
    @inline(__always)
    static func sigmoid<T: TensorScalar>(_ x: T) -> T {
        if x >= 0 { return 1 / (1 + T.exp(-x)) }
        let e = T.exp(x)
        return e / (1 + e)
    }

    /// `condition ? a : b` element by element (condition is 0 or non-zero).
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func select<T: TensorScalar>(_ condition: [T], _ a: [T], _ b: [T]) -> [T] {
        [T](unsafeUninitializedCapacity: a.count) { out, initialized in
            condition.withUnsafeBufferPointer { c in
                a.withUnsafeBufferPointer { pa in
                    b.withUnsafeBufferPointer { pb in
                        guard let c = c.baseAddress, let a = pa.baseAddress, let b = pb.baseAddress,
                              let o = out.baseAddress else { return }
                        chunks(pa.count) { run in for i in run { o[i] = c[i] != 0 ? a[i] : b[i] } }
                    }
                }
            }
            initialized = a.count
        }
    }
}
