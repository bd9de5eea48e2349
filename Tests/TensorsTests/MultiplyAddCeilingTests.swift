import Testing
import Foundation
@testable import Tensors

/// The ceiling loop must do the multiply–adds it claims: its result, worked out in closed form.
@Suite struct MultiplyAddCeilingTests {
    /// a_n = bⁿ·a₀ + c·(1 − bⁿ)/(1 − b), summed over every lane's start a₀ = start + index/4096.
    func closedForm(iterations n: Int, start: Double, factor b: Double, addend c: Double) -> Double {
        let power = Foundation.pow(b, Double(n))
        let lanes = MultiplyAddCeiling.multiplyAddsPerIteration
        return (0..<lanes).reduce(0) { sum, index in
            sum + power * (start + Double(index) / 4096) + c * (1 - power) / (1 - b)
        }
    }

    @Test func sumAfterIterationsMatchesTheClosedForm() {
        // One iteration more or less moves each lane by about 1% of its value (b³⁶ ≈ 0.023).
        for n in [1, 2, 36, 37] {
            let got = Double(MultiplyAddCeiling.run(iterations: n, start: 0.25, factor: 0.9, addend: 0.5))
            let expected = closedForm(iterations: n, start: 0.25, factor: 0.9, addend: 0.5)
            #expect(abs(got - expected) <= 1e-5 * abs(expected), "\(n) iterations: \(got) against \(expected)")
        }
    }

    @Test func noIterationsGiveTheStarts() {
        let got = MultiplyAddCeiling.run(iterations: 0, start: 1, factor: 3, addend: 7)
        #expect(Double(got) == closedForm(iterations: 0, start: 1, factor: 3, addend: 7))
    }

    @Test func twelveVectorsAnIteration() {
        #expect(MultiplyAddCeiling.multiplyAddsPerIteration == 12 * FloatKernelVector.scalarCount)
        #expect([96, 192].contains(MultiplyAddCeiling.multiplyAddsPerIteration))
    }
}
