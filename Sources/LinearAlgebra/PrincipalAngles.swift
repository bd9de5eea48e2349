// The angles between two subspaces spanned by the columns of two matrices.

import Tensors
import CMath

/// The principal angles between the column spaces of `a` [d, k₁] and `b` [d, k₂], in radians,
/// smallest first; there are min(k₁, k₂) of them.
///
/// Both bases are orthonormalised (modified Gram–Schmidt, applied twice, in Double) into Q₁ and
/// Q₂; the cosines of the angles are the singular values of Q₁ᵀQ₂, found as the square roots of
/// the eigenvalues of (Q₁ᵀQ₂)ᵀ(Q₁ᵀQ₂). Equal subspaces give angles of zero (to about 1e-8,
/// the resolution of an arccosine near 1 in Double); orthogonal ones give π/2.
public func principalAngles(_ a: Tensor<Double>, _ b: Tensor<Double>) -> [Double] {
    guard a.rank == 2, b.rank == 2, a.shape[0] == b.shape[0] else {
        shapeFailure("principalAngles", "bases must be [d, k₁] and [d, k₂] with the same d, "
                   + "got \(describe(a.shape)) and \(describe(b.shape))")
    }
    let q1 = orthonormalColumns(a, "principalAngles (first basis)")
    let q2 = orthonormalColumns(b, "principalAngles (second basis)")
    let m = GradientRecording.withoutGradients { q1.transposed().matmul(q2) }  // [k₁, k₂]
    let small = m.shape[0] <= m.shape[1] ? m.matmul(m, transposeOther: true) : m.transposed().matmul(m)
    let k = small.shape[0]
    let eigen = SymmetricEigendecomposition(matrix: small.scalars, size: k)
    return eigen.values.map { acos(min(1, max(0, $0).squareRoot())) }.sorted()
}

/// An orthonormal basis of the column space of `matrix` [d, k] (k ≤ d, full column rank), as [d, k].
func orthonormalColumns(_ matrix: Tensor<Double>, _ operation: String) -> Tensor<Double> {
    let (d, k) = (matrix.shape[0], matrix.shape[1])
    guard k <= d else { shapeFailure(operation, "\(k) columns cannot be independent in \(d) dimensions") }
    var columns = (0..<k).map { j in (0..<d).map { matrix.scalars[$0 * k + j] } }
    for j in 0..<k {
        let original = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
        for _ in 0..<2 {
            for i in 0..<j {
                let dot = zip(columns[i], columns[j]).reduce(0) { $0 + $1.0 * $1.1 }
                for r in 0..<d { columns[j][r] -= dot * columns[i][r] }
            }
        }
        let norm = columns[j].reduce(0) { $0 + $1 * $1 }.squareRoot()
        guard norm > 1e-12 * max(original, .leastNormalMagnitude) else {
            shapeFailure(operation, "column \(j) is (nearly) a combination of the columns before it")
        }
        columns[j] = columns[j].map { $0 / norm }
    }
    var scalars = [Double](repeating: 0, count: d * k)
    for j in 0..<k { for r in 0..<d { scalars[r * k + j] = columns[j][r] } }
    return Tensor(shape: [d, k], scalars: scalars)
}
