// The failure path (ShapeError, shapeFailure, require, describe) lives in ArgumentChecks, which every
// module that imports Tensors sees too.
@_exported import ArgumentChecks

/// The number of elements of a tensor of this shape.
@inline(__always) func elementCount(_ shape: [Int]) -> Int { shape.reduce(1, *) }

/// Row-major strides of a contiguous tensor of this shape.
func contiguousStrides(_ shape: [Int]) -> [Int] {
    var strides = [Int](repeating: 1, count: shape.count)
    var running = 1
    for axis in stride(from: shape.count - 1, through: 0, by: -1) {
        strides[axis] = running
        running *= shape[axis]
    }
    return strides
}

/// The shape two tensors broadcast to (NumPy rules: align on the right, 1 stretches), or nil.
public func broadcastShape(_ a: [Int], _ b: [Int]) -> [Int]? {
    let rank = max(a.count, b.count)
    var result = [Int](repeating: 1, count: rank)
    for i in 0..<rank {
        let da = i < rank - a.count ? 1 : a[i - (rank - a.count)]
        let db = i < rank - b.count ? 1 : b[i - (rank - b.count)]
        if da == db || db == 1 { result[i] = da } else if da == 1 { result[i] = db } else { return nil }
    }
    return result
}

/// Strides to read a tensor of `shape` as if it had `target` shape: 0 along broadcast axes.
func broadcastStrides(_ shape: [Int], to target: [Int]) -> [Int] {
    let own = contiguousStrides(shape)
    let offset = target.count - shape.count
    return (0..<target.count).map { i in
        i < offset || shape[i - offset] == 1 ? 0 : own[i - offset]
    }
}

/// Resolves a possibly negative axis against a rank, stopping with a clear message when out of range.
func normalizedAxis(_ axis: Int, rank: Int, _ operation: String) -> Int {
    let resolved = axis < 0 ? axis + rank : axis
    guard resolved >= 0, resolved < max(rank, 1) else {
        shapeFailure(operation, "axis \(axis) is out of range for a tensor of rank \(rank)")
    }
    return resolved
}
