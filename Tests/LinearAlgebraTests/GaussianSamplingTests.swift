import Testing
import Tensors
import LinearAlgebra

/// Draws from the Gaussian fitted to data rows have that data's mean and covariance.
@Suite("Gaussian samples from principal components")
struct GaussianSamplingTests {
    @Test("100,000 draws reproduce a correlated 2-d covariance within 4 standard errors")
    func drawsHaveTheFittedCovariance() {
        // Rows with covariance [[4, 1.5], [1.5, 1]] and mean (1, −2), built as a fixed linear map of normal noise.
        var generator = SeededGenerator(seed: 3)
        let noise = Tensor<Double>.randomNormal([2000, 2], generator: &generator)
        let map = Tensor<Double>(shape: [2, 2], scalars: [2, 0, 0.75, 0.6614378277661477])   // rows of L, C = L Lᵀ
        let data = noise.matmul(map, transposeOther: true) + Tensor<Double>(shape: [1, 2], scalars: [1, -2])
        let pca = PrincipalComponents(data: data)
        let n = 100_000
        let draws = pca.gaussianSamples(count: n, generator: &generator)
        let mean = draws.mean(alongAxis: 0).scalars
        for j in 0..<2 {
            let standardError = (pca.covariance(j, j) / Double(n)).squareRoot()
            #expect(abs(mean[j] - pca.mean[j]) <= 4 * standardError, "mean \(j): \(mean[j]) vs \(pca.mean[j])")
        }
        let centred = draws - Tensor<Double>(shape: [1, 2], scalars: mean)
        let covariance = (centred.transposed().matmul(centred) / Double(n)).scalars
        for (i, j) in [(0, 0), (0, 1), (1, 1)] {
            // Var of a product of jointly normal variables: C_ii C_jj + C_ij².
            let standardError = ((pca.covariance(i, i) * pca.covariance(j, j) + pca.covariance(i, j) * pca.covariance(i, j))
                                 / Double(n)).squareRoot()
            #expect(abs(covariance[i * 2 + j] - pca.covariance(i, j)) <= 4 * standardError,
                    "C[\(i)\(j)]: \(covariance[i * 2 + j]) vs \(pca.covariance(i, j))")
        }
    }
}

extension PrincipalComponents {
    /// Entry (i, j) of V Λ Vᵀ, the covariance the components were computed from.
    func covariance(_ i: Int, _ j: Int) -> Double {
        (0..<dimension).reduce(0.0) { $0 + directions[$1 * dimension + i] * variances[$1] * directions[$1 * dimension + j] }
    }
}
