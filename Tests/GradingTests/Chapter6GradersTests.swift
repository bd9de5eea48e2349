// Reference solutions to chapter 6's exercises, and proof that each grader rejects plausible mistakes.

import Foundation
import Testing
import Notebook
import Tensors
@testable import Grading

@Suite("Chapter 6 graders")
struct Chapter6GradersTests {
    // MARK: The Gaussian KL and its gradient

    /// Reference: ½ Σⱼ (μⱼ² + e^v − 1 − v) over the code of each row.
    static func kl(_ mean: Tensor<Double>, _ logVariance: Tensor<Double>) -> Tensor<Double> {
        ((mean.squared() + logVariance.exp() - logVariance - 1) * 0.5).sum(alongAxis: 1)
    }

    /// Reference: ∂/∂μ = μ, ∂/∂v = ½(e^v − 1).
    static func klGradient(_ mean: [Double], _ logVariance: [Double]) -> (mean: [Double], logVariance: [Double]) {
        (mean, logVariance.map { 0.5 * (Foundation.exp($0) - 1) })
    }

    @Test("the KL grader accepts the reference solution")
    func klAcceptsReference() throws {
        #expect(passed(try gradeGaussianKL(Self.kl, gradient: Self.klGradient)))
    }

    @Test("the KL grader rejects a forgotten ½")
    func klRejectsMissingHalf() throws {
        let verdict = try gradeGaussianKL({ m, v in (m.squared() + v.exp() - v - 1).sum(alongAxis: 1) }, gradient: Self.klGradient)
        #expect(failed(verdict, because: "mind the ½"))
    }

    @Test("the KL grader rejects σ in place of σ²")
    func klRejectsStandardDeviation() throws {
        let verdict = try gradeGaussianKL({ m, v in ((m.squared() + (v * 0.5).exp() - v - 1) * 0.5).sum(alongAxis: 1) },
                                          gradient: Self.klGradient)
        #expect(failed(verdict, because: "σ² is exp(log σ²)"))
    }

    @Test("the KL grader rejects one number for the whole batch")
    func klRejectsSumOverRows() throws {
        let verdict = try gradeGaussianKL({ m, v in Self.kl(m, v).sum() }, gradient: Self.klGradient)
        #expect(failed(verdict, because: "one KL per row"))
    }

    @Test("the KL grader rejects values the tape cannot differentiate")
    func klRejectsDetachedValues() throws {
        let verdict = try gradeGaussianKL({ m, v in Tensor(shape: [m.shape[0]], scalars: Self.kl(m, v).scalars) },
                                          gradient: Self.klGradient)
        #expect(failed(verdict, because: "tape's gradient"))
    }

    @Test("the KL grader rejects ∂/∂log σ² = e^v − 1 (the ½ dropped in the hand gradient)")
    func klRejectsHandGradientWithoutHalf() throws {
        let verdict = try gradeGaussianKL(Self.kl) { m, v in (m, v.map { Foundation.exp($0) - 1 }) }
        #expect(failed(verdict, because: "∂KL/∂log σ²"))
    }

    @Test("the KL grader rejects ∂/∂μ = 2μ")
    func klRejectsDoubledMeanGradient() throws {
        let verdict = try gradeGaussianKL(Self.kl) { m, v in (m.map { 2 * $0 }, Self.klGradient(m, v).logVariance) }
        #expect(failed(verdict, because: "∂KL/∂μ"))
    }

    // MARK: The reparameterised sample

    /// Reference: z = μ + exp(½ v) ⊙ ε.
    static func sample(_ mean: Tensor<Double>, _ logVariance: Tensor<Double>, _ noise: Tensor<Double>) -> Tensor<Double> {
        mean + (logVariance * 0.5).exp() * noise
    }

    @Test("the sampler grader accepts the reference solution")
    func sampleAcceptsReference() throws {
        #expect(passed(try gradeReparameterisedSample(Self.sample)))
    }

    @Test("the sampler grader rejects the variance in place of the standard deviation")
    func sampleRejectsVariance() throws {
        #expect(failed(try gradeReparameterisedSample { m, v, e in m + v.exp() * e }, because: "μ + σ ⊙ ε"))
    }

    @Test("the sampler grader rejects noise drawn inside the sampler")
    func sampleRejectsOwnNoise() throws {
        var generator = SeededGenerator(seed: 1)
        #expect(failed(try gradeReparameterisedSample { m, v, e in
            m + (v * 0.5).exp() * Tensor<Double>.randomNormal(e.shape, generator: &generator)
        }, because: "μ + σ ⊙ ε"))
    }

    @Test("the sampler grader rejects a sample cut off from the tape")
    func sampleRejectsDetachedSample() throws {
        #expect(failed(try gradeReparameterisedSample { m, v, e in
            Tensor(shape: m.shape, scalars: Self.sample(m, v, e).scalars)
        }, because: "gradient through z"))
    }

    @Test("the sampler grader rejects a gradient that stops at σ (log σ² detached)")
    func sampleRejectsDetachedVariance() throws {
        #expect(failed(try gradeReparameterisedSample { m, v, e in
            m + (v.detached() * 0.5).exp() * e
        }, because: "gradient through z"))
    }

    // MARK: The importance-weighted bound

    /// Reference: logSumExp over the samples minus log K.
    static func bound(_ logWeights: Tensor<Double>) -> Tensor<Double> {
        logWeights.logSumExp(alongAxis: 1) - Foundation.log(Double(logWeights.shape[1]))
    }

    @Test("the bound grader accepts the reference solution")
    func boundAcceptsReference() throws {
        #expect(passed(try gradeImportanceWeightedBound(Self.bound)))
    }

    @Test("the bound grader rejects a forgotten log K")
    func boundRejectsMissingLogK() throws {
        #expect(failed(try gradeImportanceWeightedBound { $0.logSumExp(alongAxis: 1) }, because: "mind the 1/K"))
    }

    @Test("the bound grader rejects the mean of the log-weights (the ELBO estimate)")
    func boundRejectsMeanOfLogWeights() throws {
        #expect(failed(try gradeImportanceWeightedBound { $0.mean(alongAxis: 1) }, because: "not of the log-weights"))
    }

    @Test("the bound grader rejects exp before the sum without a shift (it underflows near −1020)")
    func boundRejectsNaiveExponential() throws {
        #expect(failed(try gradeImportanceWeightedBound { w in
            (w.exp().mean(alongAxis: 1)).log()
        }, because: "not finite"))
    }

    @Test("the bound grader rejects a reduction over the rows")
    func boundRejectsWrongAxis() throws {
        #expect(failed(try gradeImportanceWeightedBound { w in
            w.logSumExp(alongAxis: 0) - Foundation.log(Double(w.shape[0]))
        }, because: "one bound per row"))
    }
}
