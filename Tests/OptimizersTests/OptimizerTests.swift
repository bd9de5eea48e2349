import CMath
import Testing
import TestSupport
import Tensors
import NeuralNetworks
@testable import Optimizers

@Suite("Optimisers")
struct OptimizerTests {
    static let gradients: [[Double]] = [[0.5, -1.5, 2.0], [-0.25, 3.0, 0.75], [1.0, 1.0, -4.0], [0.1, -0.2, 0.3]]

    @Test func sgdWithoutMomentumStepsAgainstTheGradient() {
        let p = Tensor<Double>([1, -2, 3], requiresGradient: true)
        let optimizer = SGD(parameters: [p], learningRate: 0.1)
        setGradient(p, [0.5, -1.5, 2.0])
        optimizer.step()
        #expect(allClose(p.scalars, [1 - 0.05, -2 + 0.15, 3 - 0.2], 1e-15))
    }

    @Test func sgdWithWeightDecayAndNoMomentumAddsTheDecayToTheGradient() {
        // PyTorch's convention: p ← p − lr·(g + λ·p). Worked by hand with lr = 0.1, λ = 0.5:
        //   step 1, g = [0.5, −1.5, 2]:    g + λp = [1, −2.5, 3.5]        → p = [0.9, −1.75, 2.65]
        //   step 2, g = [−0.25, 3, 0.75]:  g + λp = [0.2, 2.125, 2.075]   → p = [0.88, −1.9625, 2.4425]
        // A decay with the wrong sign (g − λp) would give [1, −1.95, 2.95] after the first step.
        let p = Tensor<Double>([1, -2, 3], requiresGradient: true)
        let optimizer = SGD(parameters: [p], learningRate: 0.1, weightDecay: 0.5)
        setGradient(p, [0.5, -1.5, 2.0])
        optimizer.step()
        #expect(allClose(p.scalars, [0.9, -1.75, 2.65], 1e-12), "after step 1: \(p.scalars)")
        setGradient(p, [-0.25, 3.0, 0.75])
        optimizer.step()
        #expect(allClose(p.scalars, [0.88, -1.9625, 2.4425], 1e-12), "after step 2: \(p.scalars)")
    }

    @Test func sgdWithMomentumAndWeightDecayFollowsTheUpdateRuleOverSeveralSteps() {
        let p = Tensor<Double>([1, -2, 3], requiresGradient: true)
        let (lr, mu, wd) = (0.05, 0.9, 0.01)
        let optimizer = SGD(parameters: [p], learningRate: lr, momentum: mu, weightDecay: wd)
        // By hand, element by element: d = g + wd·p; v = d first, then mu·v + d; p -= lr·v.
        var expected = [1.0, -2, 3], velocity = [0.0, 0, 0]
        for (step, g) in Self.gradients.enumerated() {
            setGradient(p, g)
            optimizer.step()
            for i in 0..<3 {
                let d = g[i] + wd * expected[i]
                velocity[i] = step == 0 ? d : mu * velocity[i] + d
                expected[i] -= lr * velocity[i]
            }
            #expect(allClose(p.scalars, expected, 1e-14), "after step \(step + 1)")
        }
    }

    @Test func sgdWithMomentumConvergesOnAQuadratic() {
        // f(p) = ½·Σ aᵢ(pᵢ − cᵢ)², minimum at c; curvatures aᵢ from 1 to 10.
        let a = Tensor<Double>([1, 4, 10]), c = Tensor<Double>([3, -1, 0.5])
        let p = Tensor<Double>([0, 0, 0], requiresGradient: true)
        let optimizer = SGD(parameters: [p], learningRate: 0.05, momentum: 0.9)
        for _ in 0..<300 {
            optimizer.zeroGradients()
            let difference = p - c
            let loss = (a * difference * difference).sum() * 0.5
            loss.backward()
            optimizer.step()
        }
        #expect(allClose(p.scalars, c.scalars, 1e-6), "\(p.scalars)")
    }

    @Test func adamsFirstStepMovesEachParameterByTheLearningRateAgainstTheGradientSign() {
        let p = Tensor<Float>([1, -2, 3, 0.5], requiresGradient: true)
        let g: [Float] = [0.5, -1e-3, 200, -7]
        let optimizer = Adam(parameters: [p], learningRate: 0.01)
        setGradient(p, g)
        optimizer.step()
        // m̂ = g and v̂ = g² after one step, so Δp = −lr·g/(|g| + ε) ≈ −lr·sign(g).
        for i in 0..<4 {
            let moved = Double(p.scalars[i]) - [1, -2, 3, 0.5][i]
            let expected = -0.01 * Double(g[i]) / (abs(Double(g[i])) + 1e-8)
            #expect(abs(moved - expected) < 1e-6, "element \(i): moved \(moved)")
        }
    }

    @Test func adamFollowsTheBiasCorrectedUpdateOverSeveralSteps() {
        for weightDecay in [0.0, 0.1] {
            let p = Tensor<Double>([1, -2, 3], requiresGradient: true)
            let (lr, b1, b2, eps) = (0.01, 0.9, 0.999, 1e-8)
            let optimizer = Adam(parameters: [p], learningRate: lr, weightDecay: weightDecay)
            // The textbook form: m̂ = m/(1 − β₁ᵗ), v̂ = v/(1 − β₂ᵗ), p −= lr·m̂/(√v̂ + ε).
            var expected = [1.0, -2, 3], m = [0.0, 0, 0], v = [0.0, 0, 0]
            var b1Power = 1.0, b2Power = 1.0
            for (step, gradient) in Self.gradients.enumerated() {
                setGradient(p, gradient)
                optimizer.step()
                b1Power *= b1
                b2Power *= b2
                for i in 0..<3 {
                    let g = gradient[i] + weightDecay * expected[i]
                    m[i] = b1 * m[i] + (1 - b1) * g
                    v[i] = b2 * v[i] + (1 - b2) * g * g
                    let mHat = m[i] / (1 - b1Power), vHat = v[i] / (1 - b2Power)
                    expected[i] -= lr * mHat / (vHat.squareRoot() + eps)
                }
                #expect(allClose(p.scalars, expected, 1e-12), "weight decay \(weightDecay), step \(step + 1)")
            }
            #expect(optimizer.stepCounts == [4])
        }
    }

    @Test func adamInFloatAgreesWithDouble() {
        let pf = Tensor<Float>([1, -2, 3], requiresGradient: true)
        let pd = Tensor<Double>([1, -2, 3], requiresGradient: true)
        let adamF = Adam(parameters: [pf], learningRate: 0.01), adamD = Adam(parameters: [pd], learningRate: 0.01)
        for gradient in Self.gradients {
            setGradient(pf, gradient.map { Float($0) })
            setGradient(pd, gradient)
            adamF.step()
            adamD.step()
        }
        #expect(allClose(pf.scalars.map { Double($0) }, pd.scalars, 1e-6))
    }

    @Test func adamOnALargeFloatParameterHasTheBitsOfTheScalarUpdateOnAnyNumberOfThreads() {
        // 100,003 elements: several pieces for the threads, eight-lane blocks and a tail of three.
        let count = 100_003
        var generator = SeededGenerator(seed: 5)
        let start = (0..<count).map { _ in Float(generator.nextUniform() * 2 - 1) }
        let gradients = (0..<3).map { _ in (0..<count).map { _ in Float(generator.nextUniform() * 0.02 - 0.01) } }
        let before = MatrixMultiply.maximumThreads
        defer { MatrixMultiply.maximumThreads = before }
        for weightDecay in [0.0, 0.1] {
            // PyTorch's single-tensor order of operations, one element at a time.
            let (lr, b1, b2, eps) = (0.01, 0.9, 0.999, 1e-8)
            var expected = start, m = [Float](repeating: 0, count: count), v = m
            for (step, gradient) in gradients.enumerated() {
                let t = Double(step + 1)
                let stepSize = Float(lr / (1 - pow(b1, t))), root = Float((1 - pow(b2, t)).squareRoot())
                for i in 0..<count {
                    let g = weightDecay == 0 ? gradient[i] : gradient[i] + Float(weightDecay) * expected[i]
                    m[i] += Float(1 - b1) * (g - m[i])
                    v[i] = v[i] * Float(b2) + Float(1 - b2) * (g * g)
                    expected[i] -= stepSize * (m[i] / (v[i].squareRoot() / root + Float(eps)))
                }
            }
            for threads in [1, 2, 3] {
                MatrixMultiply.maximumThreads = threads
                let p = Tensor<Float>(shape: [count], scalars: start, requiresGradient: true)
                let optimizer = Adam(parameters: [p], learningRate: lr, weightDecay: weightDecay)
                for gradient in gradients {
                    setGradient(p, gradient)
                    optimizer.step()
                }
                let differing = (0..<count).filter { p.scalars[$0].bitPattern != expected[$0].bitPattern }
                let differingCount = differing.count, firstDiffering = Array(differing.prefix(3))
                #expect(differingCount == 0, "weight decay \(weightDecay), \(threads) threads: first \(firstDiffering)")
            }
        }
    }

    @Test func parametersWithoutGradientsAreLeftAloneAndCountTheirOwnSteps() {
        let a = Tensor<Double>([1, 2], requiresGradient: true), b = Tensor<Double>([3, 4], requiresGradient: true)
        let sgd = SGD(parameters: [a, b], learningRate: 0.1, momentum: 0.9)
        setGradient(a, [1, 1])
        sgd.step()
        #expect(b.scalars == [3, 4])
        #expect(allClose(a.scalars, [0.9, 1.9], 1e-15))

        let c = Tensor<Double>([1, 2], requiresGradient: true), d = Tensor<Double>([3, 4], requiresGradient: true)
        let adam = Adam(parameters: [c, d], learningRate: 0.1)
        setGradient(c, [1, -1])
        adam.step()
        #expect(d.scalars == [3, 4])
        adam.zeroGradients()
        #expect(c.gradientScalars == nil && d.gradientScalars == nil)
        // d's first update comes on the optimiser's second step: its own bias correction is for t = 1.
        setGradient(d, [2, -2])
        adam.step()
        #expect(adam.stepCounts == [1, 1])
        // A first step moves by lr·g/(|g| + ε).
        let firstMove = { (g: Double) in 0.1 * g / (abs(g) + 1e-8) }
        #expect(allClose(c.scalars, [1 - firstMove(1), 2 - firstMove(-1)], 1e-15))
        #expect(allClose(d.scalars, [3 - firstMove(2), 4 - firstMove(-2)], 1e-15))
    }

    @Test func theLearningRateCanChangeBetweenSteps() {
        let p = Tensor<Double>([1], requiresGradient: true)
        let optimizer: any Optimizer = SGD(parameters: [p], learningRate: 0.1)
        setGradient(p, [1])
        optimizer.step()
        optimizer.learningRate = 0.01
        optimizer.step()
        #expect(allClose(p.scalars, [1 - 0.1 - 0.01], 1e-15))
    }
}
