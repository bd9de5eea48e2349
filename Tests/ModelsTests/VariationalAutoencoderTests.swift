import Foundation
import Testing
import Models
import Tensors
import TestSupport

/// The variational autoencoder's pieces against closed forms, hand-worked values, Monte Carlo and
/// central differences.
@Suite struct VariationalAutoencoderTests {
    typealias VAE = VariationalAutoencoder<Double>

    @Test func theGaussianKLMatchesItsClosedFormByHand() {
        // μ = 1, σ² = 4: ½(1 + 4 − 1 − log 4) = 2 − log 2; and a standard normal has KL 0.
        let kl = VAE.gaussianKL(mean: Tensor(shape: [2, 1], scalars: [1, 0]),
                                logVariance: Tensor(shape: [2, 1], scalars: [Foundation.log(4), 0]))
        #expect(abs(kl.scalars[0] - (2 - Foundation.log(2))) < 1e-15)
        #expect(abs(kl.scalars[1]) < 1e-15)
    }

    @Test func theGaussianKLAgreesWithAMonteCarloEstimate() {
        // E_q[log q(z) − log p(z)] from 200,000 samples of q, within 4 standard errors.
        let mean = Tensor<Double>(shape: [1, 3], scalars: [0.5, -1.2, 2.0])
        let logVariance = Tensor<Double>(shape: [1, 3], scalars: [-0.7, 0.4, -2.0])
        let closed = VAE.gaussianKL(mean: mean, logVariance: logVariance).scalars[0]
        var generator = SeededGenerator(seed: 11)
        let n = 200_000
        let noise = Tensor<Double>.randomNormal([n, 3], generator: &generator)
        let means = Tensor<Double>(shape: [n, 3], scalars: Array((0..<n).map { _ in mean.scalars }.joined()))
        let logVariances = Tensor<Double>(shape: [n, 3], scalars: Array((0..<n).map { _ in logVariance.scalars }.joined()))
        let z = VAE.reparameterised(mean: means, logVariance: logVariances, noise: noise)
        let zeros = Tensor<Double>.zeros([n, 3])
        let terms = (VAE.gaussianLogDensity(z, mean: means, logVariance: logVariances)
                     - VAE.gaussianLogDensity(z, mean: zeros, logVariance: zeros)).scalars
        let estimate = terms.reduce(0, +) / Double(n)
        let variance = terms.map { ($0 - estimate) * ($0 - estimate) }.reduce(0, +) / Double(n - 1)
        let standardError = (variance / Double(n)).squareRoot()
        #expect(abs(estimate - closed) <= 4 * standardError, "MC \(estimate) ± \(standardError), closed form \(closed)")
    }

    @Test func theBernoulliLogLikelihoodIsTheCrossEntropyAndStaysFinite() {
        let logits = Tensor<Double>(shape: [1, 4], scalars: [0.3, -2.0, 800, -800])
        let targets = Tensor<Double>(shape: [1, 4], scalars: [1, 0.25, 1, 0])
        let value = VAE.bernoulliLogLikelihood(logits: logits, targets: targets).scalars[0]
        // x log σ(a) + (1 − x) log(1 − σ(a)) by hand; the last two terms are 0 to double precision.
        func term(_ a: Double, _ x: Double) -> Double {
            let p = 1 / (1 + Foundation.exp(-a))
            return x * Foundation.log(p) + (1 - x) * Foundation.log(1 - p)
        }
        let expected = term(0.3, 1) + term(-2.0, 0.25)
        #expect(abs(value - expected) < 1e-13, "\(value) vs \(expected)")
    }

    @Test func theGradientThroughTheReparameterisedSamplePassesTheChecker() {
        var generator = SeededGenerator(seed: 5)
        let model = VAE(inputSize: 6, hiddenSize: 5, codeSize: 2, generator: &generator)
        let x = Tensor<Double>.randomUniform([3, 6], generator: &generator)
        let noise = Tensor<Double>.randomNormal([3, 2], generator: &generator)  // held fixed
        let report = GradientChecker.check(parameters: model.parameters) { model.loss(x, noise: noise, beta: 0.7) }
        #expect(report.passes(tolerance: 1e-6), "\(report.maxRelativeError)")
    }

    @Test func importanceWeightingNeverLowersTheBound() {
        var generator = SeededGenerator(seed: 8)
        let model = VAE(inputSize: 8, hiddenSize: 6, codeSize: 3, generator: &generator)
        let x = Tensor<Double>.randomUniform([4, 8], generator: &generator)
        // With the same draws, log-mean-exp of K log-weights is at least their mean (Jensen), and one
        // draw gives exactly the one-sample log-weight.
        var one = SeededGenerator(seed: 21), fifty = SeededGenerator(seed: 21)
        let k1 = model.importanceWeightedBound(x, samples: 1, generator: &one).scalars
        let k50 = model.importanceWeightedBound(x, samples: 50, generator: &fifty).scalars
        let (mean, logVariance) = model.encode(x)
        var again = SeededGenerator(seed: 21)
        let noise = Tensor<Double>.randomNormal([4, 3], generator: &again)
        let z = VAE.reparameterised(mean: mean, logVariance: logVariance, noise: noise)
        let zeros = Tensor<Double>.zeros([4, 3])
        let logWeight = (VAE.bernoulliLogLikelihood(logits: model.decodeLogits(z), targets: x)
                         + VAE.gaussianLogDensity(z, mean: zeros, logVariance: zeros)
                         - VAE.gaussianLogDensity(z, mean: mean, logVariance: logVariance)).scalars
        for row in 0..<4 {
            #expect(abs(k1[row] - logWeight[row]) < 1e-12)
            #expect(k50[row].isFinite)
        }
        // Averaged over rows and many draws, the 50-sample bound is above the closed-form ELBO.
        let elbo = model.evidenceLowerBound(x, noise: Tensor<Double>.zeros([4, 3])).bound.scalars
        let meanELBO = (0..<200).map { _ -> Double in
            let noise = Tensor<Double>.randomNormal([4, 3], generator: &generator)
            return model.evidenceLowerBound(x, noise: noise).bound.scalars.reduce(0, +) / 4
        }.reduce(0, +) / 200
        #expect(k50.reduce(0, +) / 4 > meanELBO, "IWAE-50 \(k50) vs ELBO \(meanELBO) (at the mean code: \(elbo))")
    }
}
