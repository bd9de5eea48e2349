// Eigenvalues and eigenvectors of a symmetric matrix by cyclic Jacobi rotations, in Double.

import Tensors

/// The eigenvalues (largest first) and orthonormal eigenvectors of a real symmetric matrix.
///
/// Computed by the cyclic Jacobi method: each rotation zeroes one off-diagonal pair, and sweeps
/// over all pairs repeat until the off-diagonal part is negligible against the whole matrix.
/// Slower than tridiagonal QR for large matrices, but short, robust and accurate to rounding
/// for the few-hundred-row covariance matrices the book needs.
public struct SymmetricEigendecomposition: Sendable {
    /// The order of the matrix.
    public let size: Int
    /// The eigenvalues, largest first.
    public let values: [Double]
    /// The eigenvectors, one per row in the order of `values`: row i is `vectors[i*size ..< (i+1)*size]`.
    public let vectors: [Double]
    /// How many sweeps over all off-diagonal pairs were needed.
    public let sweeps: Int

    /// Decomposes the symmetric `size × size` matrix given row-major in `matrix`.
    ///
    /// Stops when the off-diagonal Frobenius norm is at most `relativeTolerance` times the
    /// matrix's Frobenius norm, or after `maximumSweeps` sweeps.
    public init(matrix: [Double], size: Int, relativeTolerance: Double = 1e-15, maximumSweeps: Int = 100) {
        require(size >= 0 && matrix.count == size * size, "SymmetricEigendecomposition",
                "a \(size)×\(size) matrix needs \(size * size) values, got \(matrix.count)")
        for i in 0..<size {
            for j in (i + 1)..<max(i + 1, size) where abs(matrix[i * size + j] - matrix[j * size + i])
                > 1e-9 * max(1, abs(matrix[i * size + j])) {
                shapeFailure("SymmetricEigendecomposition", "matrix is not symmetric at (\(i), \(j)): "
                             + "\(matrix[i * size + j]) vs \(matrix[j * size + i])")
            }
        }
        var a = matrix
        // v holds eigenvectors as columns while rotating.
        var v = [Double](repeating: 0, count: size * size)
        for i in 0..<size { v[i * size + i] = 1 }
        let total = matrix.reduce(0) { $0 + $1 * $1 }
        var sweep = 0
        a.withUnsafeMutableBufferPointer { a in
            v.withUnsafeMutableBufferPointer { v in
                while sweep < maximumSweeps {
                    var off = 0.0
                    for i in 0..<size { for j in 0..<size where j != i { off += a[i * size + j] * a[i * size + j] } }
                    if off <= relativeTolerance * relativeTolerance * total || off == 0 { break }
                    sweep += 1
                    for p in 0..<size {
                        for q in (p + 1)..<max(p + 1, size) {
                            Self.rotate(a, v, size: size, p: p, q: q)
                        }
                    }
                }
            }
        }
        let order = (0..<size).sorted { a[$0 * size + $0] > a[$1 * size + $1] }
        values = order.map { a[$0 * size + $0] }
        var rows = [Double](repeating: 0, count: size * size)
        for (row, column) in order.enumerated() {
            for k in 0..<size { rows[row * size + k] = v[k * size + column] }
        }
        vectors = rows
        sweeps = sweep
        self.size = size
    }

    /// Eigenvector `index` (in the order of `values`).
    public func vector(_ index: Int) -> ArraySlice<Double> {
        require(index >= 0 && index < size, "SymmetricEigendecomposition.vector", "index \(index) outside 0..<\(size)")
        return vectors[(index * size)..<((index + 1) * size)]
    }

    /// Applies the rotation in the (p, q) plane that zeroes a[p][q]: a ← JᵀaJ, v ← vJ.
    private static func rotate(_ a: UnsafeMutableBufferPointer<Double>, _ v: UnsafeMutableBufferPointer<Double>,
                               size n: Int, p: Int, q: Int) {
        let apq = a[p * n + q]
        if apq == 0 { return }
        let app = a[p * n + p], aqq = a[q * n + q]
        let theta = (aqq - app) / (2 * apq)
        let t = (theta >= 0 ? 1.0 : -1.0) / (abs(theta) + (theta * theta + 1).squareRoot())
        let c = 1 / (t * t + 1).squareRoot()
        let s = t * c
        for k in 0..<n {  // columns p and q
            let akp = a[k * n + p], akq = a[k * n + q]
            a[k * n + p] = c * akp - s * akq
            a[k * n + q] = s * akp + c * akq
        }
        for k in 0..<n {  // rows p and q
            let apk = a[p * n + k], aqk = a[q * n + k]
            a[p * n + k] = c * apk - s * aqk
            a[q * n + k] = s * apk + c * aqk
        }
        a[p * n + q] = 0
        a[q * n + p] = 0
        for k in 0..<n {
            let vkp = v[k * n + p], vkq = v[k * n + q]
            v[k * n + p] = c * vkp - s * vkq
            v[k * n + q] = s * vkp + c * vkq
        }
    }
}
