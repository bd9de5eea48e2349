import Testing
import TestSupport
import Tensors
@testable import Optimizers

@Suite("Gradient clipping")
struct GradientClippingTests {
    @Test func gradientsAboveTheLimitAreScaledTogether() {
        let a = Tensor<Double>([1, 2], requiresGradient: true), b = Tensor<Double>(rows: [[0, 0]], requiresGradient: true)
        let unused = Tensor<Double>([5], requiresGradient: true)
        setGradient(a, [3, 4])
        setGradient(b, [0, 12])
        // By hand: √(9 + 16 + 144) = √169 = 13; PyTorch's coefficient is maxNorm/(norm + 1e-6).
        let norm = clipGradientNorm([a, b, unused], maxNorm: 6.5)
        #expect(norm == 13)
        let coefficient = 6.5 / (13 + 1e-6)
        #expect(allClose(a.gradientScalars!, [3 * coefficient, 4 * coefficient], 1e-15))
        #expect(allClose(b.gradientScalars!, [0, 12 * coefficient], 1e-15))
        #expect(unused.gradientScalars == nil)
        #expect(a.scalars == [1, 2], "clipping changes gradients, not values")
        // The clipped gradients have norm maxNorm·13/(13 + 1e-6), just below 6.5.
        let after = (a.gradientScalars! + b.gradientScalars!).reduce(0) { $0 + $1 * $1 }.squareRoot()
        #expect(after <= 6.5 && after > 6.5 * (1 - 1e-6))
    }

    @Test func gradientsWithinTheLimitAreUntouched() {
        let a = Tensor<Float>([1, 2], requiresGradient: true)
        setGradient(a, [0.3, -0.4])
        let norm = clipGradientNorm([a], maxNorm: 1)
        #expect(abs(norm - 0.5) < 1e-7)
        #expect(a.gradientScalars == [0.3, -0.4])
    }

    @Test func aTensorListedTwiceCountsOnceAndIsScaledOnce() {
        let a = Tensor<Double>([0, 0], requiresGradient: true)
        setGradient(a, [3, 4])
        let norm = clipGradientNorm([a, a], maxNorm: 1)
        #expect(norm == 5)
        #expect(allClose(a.gradientScalars!, [3 / (5 + 1e-6), 4 / (5 + 1e-6)], 1e-15))
    }

    @Test func noGradientsGiveNormZero() {
        #expect(clipGradientNorm([Tensor<Double>([1], requiresGradient: true)], maxNorm: 1) == 0)
    }
}
