// Introduced in chapter 6: the Gaussian fitted to a plain autoencoder's codes, to sample from it.

import Tensors

extension PrincipalComponents {
    /// `count` draws from the Gaussian N(μ, C) with the analysed rows' mean and covariance: [count, dimension].
    ///
    /// With C = V Λ Vᵀ (the principal directions and variances), z = μ + Σᵢ √λᵢ εᵢ vᵢ for ε ~ N(0, I),
    /// so the draws have covariance V Λ Vᵀ = C exactly in expectation, correlations included.
    public func gaussianSamples(count: Int, generator: inout SeededGenerator) -> Tensor<Double> {
        require(count > 0, "PrincipalComponents.gaussianSamples", "count must be positive, got \(count)")
        let noise = Tensor<Double>.randomNormal([count, dimension], generator: &generator)     // [count, d]
        let scales = Tensor<Double>(shape: [1, dimension], scalars: variances.map { $0.squareRoot() })
        let mu = Tensor<Double>(shape: [1, dimension], scalars: mean)
        return GradientRecording.withoutGradients {
            (noise * scales).matmul(basis(dimension), transposeOther: true) + mu                // [count, d]
        }
    }
}
