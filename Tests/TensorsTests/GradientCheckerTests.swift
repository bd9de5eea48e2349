import Testing
@testable import Tensors

@Suite("The gradient checker")
struct GradientCheckerTests {
    /// x³ with a deliberately wrong derivative 2x² (the right one is 3x²).
    static func cubeWithWrongDerivative(_ x: Tensor<Double>) -> Tensor<Double> {
        let values = x.scalars.map { $0 * $0 * $0 }
        return Tensor(shape: x.shape, scalars: values, inputs: [x]) { g in
            [zip(g, x.scalars).map { $0 * 2 * $1 * $1 }]
        }
    }

    static func cube(_ x: Tensor<Double>) -> Tensor<Double> {
        Tensor(shape: x.shape, scalars: x.scalars.map { $0 * $0 * $0 }, inputs: [x]) { g in
            [zip(g, x.scalars).map { $0 * 3 * $1 * $1 }]
        }
    }

    @Test func rejectsAWrongBackwardFormula() {
        let x = Tensor<Double>([0.5, -1.5, 2.0])
        let report = GradientChecker.check([x]) { Self.cubeWithWrongDerivative($0[0]) }
        #expect(!report.passes(tolerance: 1e-6))
        // The wrong derivative is off by a factor 2/3, so the relative error is 1/3 everywhere.
        #expect(abs(report.maxRelativeError - 1.0 / 3.0) < 1e-6)
    }

    @Test func acceptsTheRightBackwardFormula() {
        let x = Tensor<Double>([0.5, -1.5, 2.0])
        let report = GradientChecker.check([x]) { Self.cube($0[0]) }
        #expect(report.passes(tolerance: 1e-8), "\(report)")
    }

    @Test func namesTheInputAndElementThatIsWrong() {
        // Only the second input's third element goes through the wrong formula.
        let a = Tensor<Double>([1, 2]), b = Tensor<Double>([0.3, 0.7, 1.1])
        let report = GradientChecker.check([a, b]) { x in
            let right = Self.cube(x[1].slice(alongAxis: 0, 0..<2)).sum()
            let wrong = Self.cubeWithWrongDerivative(x[1].slice(alongAxis: 0, 2..<3)).sum()
            return x[0].squared().sum() + right + wrong
        }
        #expect(report.inputIndex == 1)
        #expect(report.elementIndex == 2)
        #expect(abs(report.analytic - 2 * 1.1 * 1.1) < 1e-12)
        #expect(abs(report.numeric - 3 * 1.1 * 1.1) < 1e-6)
    }

    @Test func catchesAMissingGradientThroughABroadcast() {
        // A pullback that forgets to sum over the broadcast axis is caught.
        let x = Tensor<Double>(shape: [2, 3], scalars: [1, 2, 3, 4, 5, 6]), bias = Tensor<Double>([0.1, 0.2, 0.3])
        let report = GradientChecker.check([x, bias]) { t in
            let sum = t[0].scalars.enumerated().map { $0.element + t[1].scalars[$0.offset % 3] }
            return Tensor(shape: [2, 3], scalars: sum, inputs: [t[0], t[1]]) { g in
                [g, Array(g[0..<3])]  // wrong: the bias gradient must add both rows
            }.squared().sum()
        }
        #expect(!report.passes(tolerance: 1e-3))
        #expect(report.inputIndex == 1)
    }

    @Test func aSampledCheckComparesThatManyElementsOfEachLeaf() {
        let a = Tensor<Double>(shape: [40], scalars: (0..<40).map { 0.1 * Double($0) - 2 }, requiresGradient: true)
        let b = Tensor<Double>([0.3, 0.7], requiresGradient: true)
        let report = GradientChecker.check(parameters: [a, b], elementsPerParameter: 5) {
            Self.cube(a).sum() + Self.cube(b).sum()
        }
        #expect(report.comparedCount == 5 + 2)
        #expect(report.passes(tolerance: 1e-8), "\(report)")
        let sample = { () -> [Int] in
            var generator = SeededGenerator(seed: 3)
            return GradientChecker.checkedElements(count: 40, sample: 5, generator: &generator)
        }
        #expect(sample() == sample())
        #expect(Set(sample()).count == 5 && sample().allSatisfy { (0..<40).contains($0) })
    }

    @Test func aSampledCheckStillRejectsAWrongFormula() {
        let x = Tensor<Double>(shape: [50], scalars: (0..<50).map { 0.05 * Double($0) + 0.1 }, requiresGradient: true)
        let report = GradientChecker.check(parameters: [x], elementsPerParameter: 3) {
            Self.cubeWithWrongDerivative(x).sum()
        }
        #expect(report.comparedCount == 3)
        #expect(abs(report.maxRelativeError - 1.0 / 3.0) < 1e-6)
    }
}
