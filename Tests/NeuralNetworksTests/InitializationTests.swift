import Testing
import Tensors
@testable import NeuralNetworks

/// Mean of x² (the variance about the known mean 0) and the largest |x|.
private func secondMomentAndLargest(_ values: [Double]) -> (secondMoment: Double, largest: Double) {
    (values.reduce(0) { $0 + $1 * $1 } / Double(values.count), values.map(abs).max() ?? 0)
}

/// Row-major product of a (n×k) and b (k×m).
private func product(_ a: [Double], _ b: [Double], n: Int, k: Int, m: Int) -> [Double] {
    var c = [Double](repeating: 0, count: n * m)
    for i in 0..<n { for j in 0..<m { for l in 0..<k { c[i * m + j] += a[i * k + l] * b[l * m + j] } } }
    return c
}

private func transpose(_ a: [Double], rows: Int, columns: Int) -> [Double] {
    (0..<columns * rows).map { index in a[(index % rows) * columns + index / rows] }
}

@Suite("Initialisation")
struct InitializationTests {
    // The variance tests draw n = 400·500 = 200 000 samples with known mean 0 and compare the mean
    // of x² with the closed-form variance σ². Its standard error is σ²·√((κ − 1)/n), with kurtosis
    // κ = 3 for a normal (0.32 % of σ²) and κ = 9/5 for a uniform (0.20 %). The tolerance is five
    // standard errors.
    static let shape = [400, 500]  // fan-in 500, fan-out 400
    static let n = 200_000.0
    static let normalTolerance = 5 * (2 / n).squareRoot()
    static let uniformTolerance = 5 * (0.8 / n).squareRoot()

    func check(_ scheme: Initialization, variance: Double, uniformBound: Double?, seed: UInt64) {
        var generator = SeededGenerator(seed: seed)
        let values = scheme.values(shape: Self.shape, generator: &generator)
        #expect(values.count == 200_000)
        let (secondMoment, largest) = secondMomentAndLargest(values)
        let tolerance = uniformBound == nil ? Self.normalTolerance : Self.uniformTolerance
        #expect(abs(secondMoment / variance - 1) < tolerance, "\(scheme): \(secondMoment) vs \(variance)")
        let mean = values.reduce(0, +) / Self.n
        #expect(abs(mean) < 5 * (variance / Self.n).squareRoot(), "\(scheme): mean \(mean)")
        if let uniformBound {
            #expect(largest <= uniformBound && largest > 0.999 * uniformBound, "\(scheme): largest \(largest)")
        }
    }

    @Test func fansFollowPyTorchsLayout() {
        #expect(Initialization.fans(of: [8, 3]) == (3, 8))
        #expect(Initialization.fans(of: [8, 4, 3, 3]) == (4 * 9, 8 * 9))
    }

    @Test func gainsMatchCalculateGain() {
        #expect(Initialization.Nonlinearity.linear.gain == 1)
        #expect(Initialization.Nonlinearity.sigmoid.gain == 1)
        #expect(Initialization.Nonlinearity.tanh.gain == 5.0 / 3.0)
        #expect(Initialization.Nonlinearity.relu.gain == 2.0.squareRoot())
        #expect(Initialization.Nonlinearity.selu.gain == 0.75)
        #expect(Initialization.Nonlinearity.leakyReLU(negativeSlope: 0.2).gain == (2 / 1.04).squareRoot())
    }

    @Test func uniformAndNormalHaveTheirVariance() {
        check(.uniform(bound: 0.3), variance: 0.09 / 3, uniformBound: 0.3, seed: 1)
        check(.normal(mean: 0, standardDeviation: 0.02), variance: 0.0004, uniformBound: nil, seed: 2)
    }

    @Test func xavierHasVarianceTwoGainSquaredOverFanInPlusFanOut() {
        check(.xavierUniform(gain: 2), variance: 4 * 2 / 900, uniformBound: 2 * (6.0 / 900).squareRoot(), seed: 3)
        check(.xavierNormal(), variance: 2.0 / 900, uniformBound: nil, seed: 4)
    }

    @Test func kaimingHasVarianceGainSquaredOverFan() {
        check(.kaimingUniform(), variance: 2.0 / 500, uniformBound: (6.0 / 500).squareRoot(), seed: 5)
        check(.kaimingNormal(nonlinearity: .tanh, mode: .fanOut), variance: (25.0 / 9) / 400, uniformBound: nil, seed: 6)
        // PyTorch's nn.Linear default: uniform on ±1/√fan-in.
        check(.kaimingUniform(nonlinearity: .leakyReLU(negativeSlope: 5.0.squareRoot())),
              variance: 1.0 / (3 * 500), uniformBound: 1 / 500.0.squareRoot(), seed: 7)
    }

    @Test func orthogonalMatricesHaveOrthonormalColumnsOrRows() {
        for (shape, gain) in [([6, 4], 1.0), ([5, 5], 1.0), ([3, 7], 1.0), ([4, 2, 3], 1.0), ([64, 16], 1.5)] {
            var generator = SeededGenerator(seed: 11)
            let q = Initialization.orthogonal(gain: gain).values(shape: shape, generator: &generator)
            let rows = shape[0], columns = q.count / rows
            let qt = transpose(q, rows: rows, columns: columns)
            // Tall: QᵀQ = gain²·I (columns × columns); wide: QQᵀ = gain²·I (rows × rows).
            let size = min(rows, columns)
            let gram = rows >= columns ? product(qt, q, n: columns, k: rows, m: columns)
                                       : product(q, qt, n: rows, k: columns, m: rows)
            var largestError = 0.0
            for i in 0..<size { for j in 0..<size {
                largestError = max(largestError, abs(gram[i * size + j] - (i == j ? gain * gain : 0)))
            } }
            #expect(largestError < 1e-10, "shape \(shape): \(largestError)")
        }
    }

    @Test func orthogonalIsTheSignCorrectedQOfTheDrawnNormalMatrix() {
        // QR with a positive diagonal of R is unique, so Q is right exactly when QᵀA is upper
        // triangular with a positive diagonal, for the same normal matrix A the scheme draws.
        for shape in [[7, 3], [3, 7], [5, 5]] { for seed: UInt64 in 1...8 {
            let rows = shape[0], columns = shape[1]
            var generator = SeededGenerator(seed: seed), replay = SeededGenerator(seed: seed)
            let q = Initialization.orthogonal().values(shape: shape, generator: &generator)
            let a = (0..<rows * columns).map { _ in replay.nextNormal() }
            // Tall: R = QᵀA (columns × columns). Wide: PyTorch factors Aᵀ = Q′R with Q′ = Qᵀ, so R = Q·Aᵀ.
            let r = rows >= columns
                ? product(transpose(q, rows: rows, columns: columns), a, n: columns, k: rows, m: columns)
                : product(q, transpose(a, rows: rows, columns: columns), n: rows, k: columns, m: rows)
            let size = min(rows, columns)
            for i in 0..<size {
                // Positive, and far above the rounding error of the zeros below it.
                #expect(r[i * size + i] > 1e-6, "diagonal \(i) of R is \(r[i * size + i]) for shape \(shape)")
                for j in 0..<i { #expect(abs(r[i * size + j]) < 1e-12, "R[\(i)][\(j)] = \(r[i * size + j])") }
            }
        } }
    }

    @Test func sameSeedSameValuesAndFillingWritesInPlace() {
        var a = SeededGenerator(seed: 9), b = SeededGenerator(seed: 9), c = SeededGenerator(seed: 10)
        let x: Tensor<Float> = Initialization.xavierUniform().tensor([3, 4], generator: &a)
        let y = Tensor<Float>.zeros([3, 4])
        Initialization.xavierUniform().fill(y, generator: &b)
        let z = Initialization.xavierUniform().tensor([3, 4], as: Float.self, generator: &c)
        #expect(x.scalars == y.scalars)
        #expect(x.scalars != z.scalars)
        #expect(x.requiresGradient, "initialised tensors are parameters by default")
        var d = SeededGenerator(seed: 9)
        let doubles = Initialization.xavierUniform().values(shape: [3, 4], generator: &d)
        #expect(x.scalars == doubles.map { Float($0) })
    }

    @Test func constantAndEmptyShapes() {
        var generator = SeededGenerator(seed: 1)
        #expect(Initialization.constant(0.5).values(shape: [2, 2], generator: &generator) == [0.5, 0.5, 0.5, 0.5])
        #expect(Initialization.xavierUniform().values(shape: [0, 3], generator: &generator).isEmpty)
        #expect(Initialization.orthogonal().values(shape: [4, 0], generator: &generator).isEmpty)
    }
}
