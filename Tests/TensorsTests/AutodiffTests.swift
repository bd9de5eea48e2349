import Testing
import TestSupport
@testable import Tensors

@Suite("Reverse-mode differentiation")
struct AutodiffTests {
    @Test func handWorkedExpression() {
        // f(a, b) = tanh(a·b + a): ∂f/∂a = (1 − t²)(b + 1), ∂f/∂b = (1 − t²)·a with t = f.
        let a = Tensor<Double>(scalar: 0.4, requiresGradient: true)
        let b = Tensor<Double>(scalar: -1.3, requiresGradient: true)
        let f = (a * b + a).tanh()
        f.backward()
        let t = libmTanh(0.4 * -1.3 + 0.4)
        #expect(abs(f.scalar - t) < 1e-15)
        #expect(abs(a.gradient!.scalar - (1 - t * t) * (-1.3 + 1)) < 1e-15)
        #expect(abs(b.gradient!.scalar - (1 - t * t) * 0.4) < 1e-15)
    }

    @Test func linearLayerGradientsInFloat32() {
        // y = tanh(x·w + b), loss = Σy: the README's first example, checked by hand.
        let x = Tensor<Float>(rows: [[1, 2]])
        let w = Tensor<Float>(rows: [[0.1, -0.2], [0.3, 0.05]], requiresGradient: true)
        let b = Tensor<Float>([0.01, 0.02], requiresGradient: true)
        let y = tanh(x.matmul(w) + b)
        y.sum().backward()
        let z: [Float] = [1 * 0.1 + 2 * 0.3 + 0.01, 1 * -0.2 + 2 * 0.05 + 0.02]
        let d = z.map { 1 - Float(libmTanh(Double($0))) * Float(libmTanh(Double($0))) }
        #expect(zip(b.gradient!.scalars, d).allSatisfy { abs($0 - $1) < 1e-6 })
        let expectedW: [Float] = [1 * d[0], 1 * d[1], 2 * d[0], 2 * d[1]]
        #expect(zip(w.gradient!.scalars, expectedW).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func backwardTwiceAccumulates() {
        let x = Tensor<Double>([1, 2, 3], requiresGradient: true)
        let loss = (x * x).sum()
        loss.backward()
        #expect(x.gradient!.scalars == [2, 4, 6])
        loss.backward()
        #expect(x.gradient!.scalars == [4, 8, 12])
        x.zeroGradient()
        #expect(x.gradient == nil)
        loss.backward()
        #expect(x.gradient!.scalars == [2, 4, 6])
    }

    @Test func aTensorUsedTwiceGetsTheSumOfBothUses() {
        // f = x·y + x with y = 3x: df/dx = 6x + 1.
        let x = Tensor<Double>([2, -1], requiresGradient: true)
        let y = x * 3
        (x * y + x).sum().backward()
        #expect(x.gradient!.scalars == [13, -5])
    }

    @Test func intermediateResultsKeepNoGradient() {
        let x = Tensor<Double>([1, 2], requiresGradient: true)
        let hidden = x.exp()
        hidden.sum().backward()
        #expect(hidden.gradient == nil)
        #expect(x.gradient != nil)
    }

    @Test func noGradientModeRecordsNothing() {
        let x = Tensor<Double>([1, 2], requiresGradient: true)
        let y = GradientRecording.withoutGradients { (x * x).sum() }
        #expect(!y.requiresGradient)
        #expect(y.isLeaf)
        y.backward()
        #expect(x.gradient == nil)
    }

    @Test func constantsGetNoGradient() {
        let x = Tensor<Double>([1, 2], requiresGradient: true)
        let c = Tensor<Double>([5, 7])
        (x * c).sum().backward()
        #expect(c.gradient == nil)
        #expect(x.gradient!.scalars == [5, 7])
    }

    @Test func aCustomSeedScalesTheGradient() {
        let x = Tensor<Double>([1, 2], requiresGradient: true)
        (x * 2).backward(seed: [1, 10])
        #expect(x.gradient!.scalars == [2, 20])
    }

    @Test func longChainsDoNotOverflowTheStack() {
        let x = Tensor<Double>([1], requiresGradient: true)
        var y = x
        for _ in 0..<20_000 { y = y * 1.0 }
        y.sum().backward()
        #expect(x.gradient!.scalars == [1])
    }
}
