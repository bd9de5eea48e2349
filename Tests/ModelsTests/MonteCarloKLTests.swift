import Foundation
import Testing
import Models
import Tensors

/// The sampled KL agrees with the closed form, and its standard error is honest.
@Suite struct MonteCarloKLTests {
    typealias VAE = VariationalAutoencoder<Double>

    @Test func theEstimateFallsWithinFourStandardErrorsOfTheClosedForm() {
        let mean = Tensor<Double>(shape: [2, 3], scalars: [0.5, -1.2, 2.0, 0, 0.3, -0.1])
        let logVariance = Tensor<Double>(shape: [2, 3], scalars: [-0.7, 0.4, -2.0, 0.1, -1.5, 0.9])
        let closed = VAE.gaussianKL(mean: mean, logVariance: logVariance).mean().scalar
        var generator = SeededGenerator(seed: 4)
        let estimate = VAE.monteCarloKL(mean: mean, logVariance: logVariance, samples: 50_000, generator: &generator)
        #expect(abs(estimate.value - closed) <= 4 * estimate.standardError, "\(estimate) vs \(closed)")
        #expect(estimate.standardError > 0 && estimate.standardError < 0.01)
    }

    @Test func theMeanOfFourValuesHasTheStandardErrorWorkedByHand() {
        // Mean 2.5, sample variance 5/3, standard error √(5/3 / 4).
        let estimate = MonteCarloEstimate(mean: [1, 2, 3, 4])
        #expect(estimate.value == 2.5 && abs(estimate.standardError - (5.0 / 12).squareRoot()) < 1e-15)
    }

    @Test func aStandardNormalPosteriorHasNoKLAndNoSpread() {
        // q = p: every term log q(z) − log p(z) is exactly 0.
        var generator = SeededGenerator(seed: 2)
        let zeros = Tensor<Double>.zeros([3, 2])
        let estimate = VAE.monteCarloKL(mean: zeros, logVariance: zeros, samples: 100, generator: &generator)
        #expect(estimate.value == 0 && estimate.standardError == 0)
    }
}
