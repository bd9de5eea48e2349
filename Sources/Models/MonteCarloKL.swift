// Introduced in chapter 6: the closed-form KL of the VAE, estimated independently by sampling.
import Tensors

/// A Monte-Carlo estimate and its standard error.
public struct MonteCarloEstimate: Sendable, Equatable {
    /// The estimate.
    public var value: Double
    /// Its standard error (the standard deviation of the estimate over repeated runs).
    public var standardError: Double

    /// An estimate and its standard error.
    public init(value: Double, standardError: Double) {
        self.value = value
        self.standardError = standardError
    }

    /// The mean of independent draws and its standard error s/√n (s the sample standard deviation).
    public init(mean values: [Double]) {
        require(values.count >= 2, "MonteCarloEstimate", "needs at least 2 values, got \(values.count)")
        let mean = values.reduce(0, +) / Double(values.count)
        let variance = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(values.count - 1)
        self.init(value: mean, standardError: (variance / Double(values.count)).squareRoot())
    }
}

extension VariationalAutoencoder {
    /// The mean over rows of KL(q(z|x) ‖ N(0, I)) estimated as the average of log q(z) − log p(z) over
    /// `samples` draws z ~ q per row, with mean and log σ² [n, k]; never uses the closed form.
    ///
    /// The standard error is √(Σᵣ s²ᵣ / samples) / n, from each row's own sample variance s²ᵣ.
    public static func monteCarloKL(mean: Tensor<S>, logVariance: Tensor<S>, samples: Int,
                                    generator: inout SeededGenerator) -> MonteCarloEstimate {
        require(mean.rank == 2 && mean.shape == logVariance.shape, "VariationalAutoencoder.monteCarloKL",
                "mean \(describe(mean.shape)) and log variance \(describe(logVariance.shape)) must both be [n, k]")
        require(samples > 1, "VariationalAutoencoder.monteCarloKL", "needs at least 2 samples, got \(samples)")
        let (n, k) = (mean.shape[0], mean.shape[1])
        let repeated = (0..<n).flatMap { [Int](repeating: $0, count: samples) }   // row r, `samples` times
        let terms: [Double] = GradientRecording.withoutGradients {
            let means = mean.gatherRows(repeated), logVariances = logVariance.gatherRows(repeated)   // [n·samples, k]
            let noise = Tensor<S>.randomNormal([n * samples, k], generator: &generator)
            let z = reparameterised(mean: means, logVariance: logVariances, noise: noise)
            let zeros = Tensor<S>.zeros([n * samples, k])
            return (gaussianLogDensity(z, mean: means, logVariance: logVariances)
                    - gaussianLogDensity(z, mean: zeros, logVariance: zeros)).scalars.map { Double($0) }  // [n·samples]
        }
        var total = 0.0, variances = 0.0
        for r in 0..<n {
            let row = terms[(r * samples)..<((r + 1) * samples)]
            let rowMean = row.reduce(0, +) / Double(samples)
            total += rowMean
            variances += row.reduce(0) { $0 + ($1 - rowMean) * ($1 - rowMean) } / Double(samples - 1)
        }
        return MonteCarloEstimate(value: total / Double(n),
                                  standardError: (variances / Double(samples)).squareRoot() / Double(n))
    }
}
