import Testing
import TestSupport
@testable import Tensors

/// The vectorised Float functions against the C library in Double.
@Suite("Vectorised Float exp, tanh and sigmoid")
struct FloatVectorMathTests {
    /// Sample points: a dense grid over [−100, 100], plus tiny and boundary values.
    static let points: [Float] = (-20_000...20_000).map { Float($0) / 200 }
        + [1e-30, -1e-30, 1e-7, -3e-5, 0.4999, 0.5, 0.5001, 87.9, -86.9, 0]

    func apply(_ function: VectorFunction, _ x: [Float]) -> [Float] {
        var y = [Float](repeating: .nan, count: x.count)
        x.withUnsafeBufferPointer { xs in
            y.withUnsafeMutableBufferPointer { ys in Float.vectorized(function, xs.baseAddress!, ys.baseAddress!, count: x.count) }
        }
        return y
    }

    /// The largest relative error against a Double reference, over points where the reference is a normal Float.
    func worstRelativeError(_ function: VectorFunction, reference: (Double) -> Double) -> Double {
        let y = apply(function, Self.points)
        var worst = 0.0
        for (x, value) in zip(Self.points, y) {
            let exact = reference(Double(x))
            guard abs(exact) >= Double(Float.leastNormalMagnitude), abs(exact) <= Double(Float.greatestFiniteMagnitude) else { continue }
            worst = max(worst, abs(Double(value) - exact) / abs(exact))
        }
        return worst
    }

    // Float's unit roundoff is 2⁻²⁴ ≈ 6e-8: these bounds allow a few units in the last place.
    @Test func expIsAccurate() {
        #expect(worstRelativeError(.exp, reference: libmExp) < 4e-7)
    }

    @Test func tanhIsAccurateIncludingNearZero() {
        #expect(worstRelativeError(.tanh, reference: libmTanh) < 4e-7)
    }

    @Test func sigmoidIsAccurate() {
        #expect(worstRelativeError(.sigmoid) { 1 / (1 + libmExp(-$0)) } < 4e-7)
    }

    @Test func limitsAndSpecialValues() {
        let x: [Float] = [-1e30, -200, 100, 1e30, .nan, -.infinity, .infinity, 0]
        #expect(apply(.exp, x).prefix(4) == [0, 0, .infinity, .infinity])
        #expect(apply(.exp, x)[4].isNaN)
        #expect(apply(.exp, x)[5...] == [0, .infinity, 1])
        #expect(apply(.tanh, x).prefix(4) == [-1, -1, 1, 1])
        #expect(apply(.sigmoid, x).prefix(4) == [0, 0, 1, 1])
    }

    @Test func tanhOfALaneDoesNotDependOnItsNeighbours() {
        // A vector whose lanes are all near 0 (|x| < 0.5), or all away from it, computes one of
        // tanh's two formulas; a mixed one computes both and picks per lane. The same x must give
        // the same bits either way: alone in a vector of copies of itself, and among lanes of the
        // other kind.
        let width = FloatVectorMath.Lanes.scalarCount
        let points: [Float] = (-800...800).map { Float($0) / 400 } + [0.4999999, 0.5, -0.5, 1e-20, .nan]
        for x in points {
            let uniform = apply(.tanh, [Float](repeating: x, count: width))
            let other: Float = abs(x) < 0.5 ? 3 : 0.25
            let mixed = apply(.tanh, [x] + [Float](repeating: other, count: width - 1))
            #expect(uniform.allSatisfy { $0.bitPattern == mixed[0].bitPattern }, "tanh(\(x)): \(uniform[0]) alone, \(mixed[0]) mixed")
        }
    }

    @Test func tailElementsMatchFullVectors() {
        // 13 elements: one full vector of 8, then a tail of 5 computed through a padded vector.
        let x: [Float] = (0..<13).map { Float($0) * 0.37 - 2 }
        let all = apply(.tanh, x)
        let one = x.map { apply(.tanh, [$0])[0] }
        #expect(all == one)
    }
}
