import Testing
import Tensors
import NeuralNetworks
@testable import LinearAlgebra
import CMath

@Suite("Symmetric eigendecomposition, principal components and principal angles")
struct PrincipalComponentsTests {
    @Test("eigenvalues of a hand-worked 3×3 matrix: [[2,1,0],[1,2,0],[0,0,5]] has 5, 3, 1")
    func handWorkedEigenvalues() {
        let e = SymmetricEigendecomposition(matrix: [2, 1, 0, 1, 2, 0, 0, 0, 5], size: 3)
        #expect(zip(e.values, [5.0, 3, 1]).allSatisfy { abs($0 - $1) < 1e-14 })
        // The eigenvector of 3 is ±(1, 1, 0)/√2.
        let v = Array(e.vector(1))
        #expect(abs(abs(v[0]) - 0.5.squareRoot()) < 1e-14 && abs(v[0] - v[1]) < 1e-14 && abs(v[2]) < 1e-14)
    }

    @Test("random symmetric matrices: A·v = λ·v, orthonormal vectors, trace preserved", arguments: [1, 2, 7, 40])
    func randomSymmetric(size n: Int) {
        var generator = SeededGenerator(seed: UInt64(n))
        let b = (0..<(n * n)).map { _ in generator.nextNormal() }
        var a = [Double](repeating: 0, count: n * n)
        for i in 0..<n { for j in 0..<n { a[i * n + j] = b[i * n + j] + b[j * n + i] } }
        let e = SymmetricEigendecomposition(matrix: a, size: n)
        let scale = a.map(abs).max()!
        for k in 0..<n {
            let v = Array(e.vector(k))
            for i in 0..<n {
                let av = (0..<n).reduce(0.0) { $0 + a[i * n + $1] * v[$1] }
                #expect(abs(av - e.values[k] * v[i]) < 1e-12 * scale * Double(n))
            }
            for l in 0..<n {
                let dot = zip(v, e.vector(l)).reduce(0.0) { $0 + $1.0 * $1.1 }
                #expect(abs(dot - (k == l ? 1 : 0)) < 1e-12 * Double(n))
            }
        }
        let trace = (0..<n).reduce(0.0) { $0 + a[$1 * n + $1] }
        #expect(abs(e.values.reduce(0, +) - trace) < 1e-11 * scale * Double(n))
        #expect(zip(e.values, e.values.dropFirst()).allSatisfy { $0 >= $1 })
    }

    @Test("PCA of points built along known orthogonal directions with known variances")
    func knownCovariance() {
        // Rows μ + 3·s₁·u + 1·s₂·w with s = ±1 in all four combinations: variances 9 and 1
        // along the unit vectors u and w, zero elsewhere.
        let u = [1.0, 2, 2].map { $0 / 3 }, w = [2.0, 1, -2].map { $0 / 3 }, mu = [5.0, -1, 0.5]
        var rows: [Double] = []
        for s1 in [-1.0, 1] { for s2 in [-1.0, 1] { rows += (0..<3).map { mu[$0] + 3 * s1 * u[$0] + s2 * w[$0] } } }
        let pca = PrincipalComponents(data: Tensor(shape: [4, 3], scalars: rows))
        #expect(zip(pca.mean, mu).allSatisfy { abs($0 - $1) < 1e-14 })
        #expect(abs(pca.variances[0] - 9) < 1e-12 && abs(pca.variances[1] - 1) < 1e-12 && abs(pca.variances[2]) < 1e-12)
        let first = pca.basis(1).scalars
        #expect(abs(abs(zip(first, u).reduce(0.0) { $0 + $1.0 * $1.1 }) - 1) < 1e-12)
        #expect(abs(pca.reconstructionError(keeping: 1) - 1) < 1e-12)
        #expect(abs(pca.totalVariance - 10) < 1e-12)
    }

    @Test("the rank-k reconstruction error equals the sum of the remaining variances, measured directly")
    func reconstructionErrorMatchesResiduals() {
        var generator = SeededGenerator(seed: 3)
        let (n, d) = (50, 6)
        let data = Tensor<Double>(shape: [n, d], scalars: (0..<(n * d)).map { i in
            generator.nextNormal() * Double(1 + i % d) + Double(i % d) })
        let pca = PrincipalComponents(data: data)
        for k in 0...d {
            let residual = (data - pca.reconstruct(data, keeping: k)).squared().sum().scalar / Double(n)
            #expect(abs(residual - pca.reconstructionError(keeping: k)) < 1e-10 * pca.totalVariance)
        }
    }

    @Test("principal angles between two planes in R³ at a known angle, from non-orthonormal bases")
    func anglesOfPlanes() {
        let theta = 0.3
        // span{e₁, e₂} given as columns (2, 1, 0) and (0, 3, 0); span{e₁, cos θ e₂ + sin θ e₃} scaled.
        let a = Tensor<Double>(shape: [3, 2], scalars: [2, 0, 1, 3, 0, 0])
        let b = Tensor<Double>(shape: [3, 2], scalars: [0, -4, 5 * cos(theta), 0, 5 * sin(theta), 0])
        let angles = principalAngles(a, b)
        #expect(angles.count == 2 && abs(angles[0]) < 1e-7 && abs(angles[1] - theta) < 1e-12)
        let line = Tensor<Double>(shape: [3, 1], scalars: [0, 0, 1])
        #expect(abs(principalAngles(a, line)[0] - Double.pi / 2) < 1e-12)
    }
}
