/// Loops that move elements without arithmetic: permutations, slices, row gathers.
enum LayoutKernels {
    /// Reorders axes: output axis i is input axis `permutation[i]`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func permute<T: TensorScalar>(_ x: [T], shape: [Int], permutation: [Int]) -> [T] {
        let inStrides = contiguousStrides(shape)
        let outShape = permutation.map { shape[$0] }
        let strides = permutation.map { inStrides[$0] }
        let total = x.count
        return [T](unsafeUninitializedCapacity: total) { out, initialized in
            initialized = total
            guard total > 0 else { return }
            let rank = outShape.count
            if rank == 0 { out[0] = x[0]; return }
            let innerSize = outShape[rank - 1], innerStride = strides[rank - 1]
            var counter = [Int](repeating: 0, count: rank)
            var source = 0, destination = 0
            x.withUnsafeBufferPointer { xs in
                while destination < total {
                    for j in 0..<innerSize { out[destination + j] = xs[source + j * innerStride] }
                    destination += innerSize
                    var axis = rank - 2
                    while axis >= 0 {
                        counter[axis] += 1
                        source += strides[axis]
                        if counter[axis] < outShape[axis] { break }
                        source -= strides[axis] * outShape[axis]
                        counter[axis] = 0
                        axis -= 1
                    }
                }
            }
        }
    }

    /// Copies blocks: for each of `outer` rows, `count` scalars from `source` at
    /// `sourceOffset + row·sourceRow` to `destination` at `destinationOffset + row·destinationRow`
    /// (added to what is there with `accumulate`). Many rows, or one long one, are shared out
    /// among the threads.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func copyBlocks<T: TensorScalar>(from source: [T], sourceOffset: Int, sourceRow: Int,
                                            to destination: inout [T], destinationOffset: Int,
                                            destinationRow: Int, outer: Int, count: Int, accumulate: Bool = false) {
        guard count > 0, outer > 0 else { return }
        source.withUnsafeBufferPointer { s in
            destination.withUnsafeMutableBufferPointer { d in
                let from = s.baseAddress! + sourceOffset, to = d.baseAddress! + destinationOffset
                if outer == 1 {
                    ElementwiseKernels.chunks(count) { run in
                        copy(from + run.lowerBound, to + run.lowerBound, count: run.count, accumulate: accumulate)
                    }
                } else {
                    BatchPieces.run(count: outer, elements: outer * count) { rows in
                        for row in rows {
                            copy(from + row * sourceRow, to + row * destinationRow, count: count, accumulate: accumulate)
                        }
                    }
                }
            }
        }
    }

    /// `count` scalars from `from` to `to`, or added to them.
    @inline(__always)
    private static func copy<T: TensorScalar>(_ from: UnsafePointer<T>, _ to: UnsafeMutablePointer<T>, count: Int,
                                              accumulate: Bool) {
        if accumulate {
            for j in 0..<count { to[j] += from[j] }
        } else {
            to.update(from: from, count: count)
        }
    }

    /// Parts of `outer` rows each, joined row by row: row r of the result [outer, Σ widths] is row r
    /// of every part in turn (part i is [outer, widths[i]]). The rows are shared out among the
    /// threads; a single row (parts laid end to end) is shared out by parts.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func joinRows<T: TensorScalar>(_ parts: [[T]], widths: [Int], outer: Int) -> [T] {
        let width = widths.reduce(0, +), total = outer * width
        return [T](unsafeUninitializedCapacity: total) { out, initialized in
            if let o = out.baseAddress, outer == 1 {
                let offsets = widths.reduce(into: [0]) { $0.append($0.last! + $1) }
                BatchPieces.run(count: parts.count, elements: total) { pieces in
                    for i in pieces where widths[i] > 0 {
                        parts[i].withUnsafeBufferPointer { p in (o + offsets[i]).initialize(from: p.baseAddress!, count: widths[i]) }
                    }
                }
            } else if let o = out.baseAddress {
                BatchPieces.run(count: outer, elements: total) { rows in
                    var offset = 0
                    for (part, partWidth) in zip(parts, widths) where partWidth > 0 {
                        part.withUnsafeBufferPointer { p in
                            for row in rows {
                                (o + row * width + offset).initialize(from: p.baseAddress! + row * partWidth, count: partWidth)
                            }
                        }
                        offset += partWidth
                    }
                }
            }
            initialized = total
        }
    }

    /// Rows `indices` of a [rows, width] table: the embedding lookup.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func gatherRows<T: TensorScalar>(_ table: [T], width: Int, indices: [Int]) -> [T] {
        [T](unsafeUninitializedCapacity: indices.count * width) { out, initialized in
            table.withUnsafeBufferPointer { t in
                for (i, index) in indices.enumerated() {
                    (out.baseAddress! + i * width).initialize(from: t.baseAddress! + index * width, count: width)
                }
            }
            initialized = indices.count * width
        }
    }

    /// Adds each row of g to row `indices[i]` of a zero [rows, width] table: the pullback of `gatherRows`.
    @_specialize(where T == Float)
    @_specialize(where T == Double)
    static func scatterAddRows<T: TensorScalar>(_ g: [T], width: Int, indices: [Int], rows: Int) -> [T] {
        var out = [T](repeating: 0, count: rows * width)
        out.withUnsafeMutableBufferPointer { o in
            g.withUnsafeBufferPointer { gs in
                for (i, index) in indices.enumerated() {
                    let to = o.baseAddress! + index * width, from = gs.baseAddress! + i * width
                    for j in 0..<width { to[j] += from[j] }
                }
            }
        }
        return out
    }
}
