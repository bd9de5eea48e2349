import Testing
import TestSupport
@testable import Tensors

/// Gradients that are added in place (a weight used at every step, an input used twice) against
/// gradients computed apart: the same values, and for two uses the same bits.
@Suite("Gradients added in place")
struct GradientAccumulationTests {
    /// The gradient of Σ(x·Wᵀ ⊙ r) for W, from its own backward pass.
    func weightGradient(_ x: Tensor<Float>, _ w: Tensor<Float>, _ r: Tensor<Float>) -> [Float] {
        w.zeroGradient()
        (x.matmul(w, transposeOther: true) * r).sum().backward()
        defer { w.zeroGradient() }
        return w.gradient!.scalars
    }

    @Test("A weight used twice gets one product over the rows of both uses, bit for bit",
          arguments: [(32, 1), (32, 2), (300, 1), (300, 2)])
    func weightUsedTwice(rows: Int, threads: Int) {
        let saved = MatrixMultiply.maximumThreads
        MatrixMultiply.maximumThreads = threads
        defer { MatrixMultiply.maximumThreads = saved }
        let w = randomFloat([1024, 128], seed: 1, requiresGradient: true)
        let (x1, x2) = (randomFloat([rows, 128], seed: 2), randomFloat([rows, 128], seed: 3))
        let (r1, r2) = (randomFloat([rows, 1024], seed: 4), randomFloat([rows, 1024], seed: 5))
        let apart = zip(weightGradient(x1, w, r1), weightGradient(x2, w, r2)).map { $0 + $1 }
        ((x1.matmul(w, transposeOther: true) * r1).sum() + (x2.matmul(w, transposeOther: true) * r2).sum()).backward()
        // The pass meets the second use first and W after both, then multiplies once:
        // ∂W = [r₂; r₁]ᵀ·[x₂; x₁], the rows of both uses joined by hand here.
        let joinedR = r2.scalars + r1.scalars, joinedX = x2.scalars + x1.scalars
        var joined = [Float](repeating: .nan, count: 1024 * 128)
        MatrixMultiply.gemm(transposeA: true, transposeB: false, m: 1024, n: 128, k: 2 * rows, alpha: 1,
                            a: joinedR, lda: 1024, b: joinedX, ldb: 128, beta: 0, c: &joined, ldc: 128)
        #expect(differingBits(w.gradient!.scalars, joined) == 0)
        // The same sum as the two products apart, rounded at other places: each element adds
        // 2·rows products of numbers in ±1, so the two differ by far less than 2·rows units of
        // Float's epsilon (a missing or doubled use would differ by about 10).
        let largest = zip(w.gradient!.scalars, apart).map { abs($0 - $1) }.max()!
        #expect(largest <= Float(2 * rows) * Float.ulpOfOne, "largest difference \(largest)")
    }

    /// ∂W for uses of W [37, 29] with `rows[i]` rows each, from the backward pass and from `gemm` on
    /// the uses' rows joined by hand (last use first, as the pass meets them).
    func gradientAndJoinedProduct<S: TensorScalar>(_: S.Type, rows: [Int]) -> (pass: [S], joined: [S]) {
        var random = SeededGenerator(seed: 7)
        func tensor(_ shape: [Int], requiresGradient: Bool = false) -> Tensor<S> {
            Tensor(shape: shape, scalars: (0..<shape.reduce(1, *)).map { _ in S(random.signedUniform()) },
                   requiresGradient: requiresGradient)
        }
        let w = tensor([37, 29], requiresGradient: true)
        let uses = rows.map { (x: tensor([$0, 29]), r: tensor([$0, 37])) }
        uses.map { (x, r) in (x.matmul(w, transposeOther: true) * r).sum() }.reduce(Tensor(shape: [], scalars: [0]), +)
            .backward()
        let joinedR = uses.reversed().flatMap(\.r.scalars), joinedX = uses.reversed().flatMap(\.x.scalars)
        var joined = [S](repeating: .nan, count: 37 * 29)
        joinedR.withUnsafeBufferPointer { a in
            joinedX.withUnsafeBufferPointer { b in
                joined.withUnsafeMutableBufferPointer { c in
                    S.gemm(transposeA: true, transposeB: false, m: 37, n: 29, k: rows.reduce(0, +), alpha: 1,
                           a: a.baseAddress!, lda: 37, b: b.baseAddress!, ldb: 29, beta: 0, c: c.baseAddress!, ldc: 29)
                }
            }
        }
        return (w.gradient!.scalars, joined)
    }

    @Test("Uses of unequal lengths, crossing the kernels' depth blocks, on shapes with partial panels: the joined product's bits",
          arguments: [1, 2])
    func unequalUsesGiveTheJoinedProduct(threads: Int) {
        let saved = MatrixMultiply.maximumThreads
        MatrixMultiply.maximumThreads = threads
        defer { MatrixMultiply.maximumThreads = saved }
        // 5 + 300 + 7 rows: the depth blocks of 256 end inside the second use. 37 rows of W leave a
        // panel of A one row high; 29 columns, a panel of B 13 wide.
        let float = gradientAndJoinedProduct(Float.self, rows: [5, 300, 7])
        #expect(float.pass.map(\.bitPattern) == float.joined.map(\.bitPattern))
        let double = gradientAndJoinedProduct(Double.self, rows: [5, 300, 7])
        #expect(double.pass.map(\.bitPattern) == double.joined.map(\.bitPattern))
    }

    @Test("A computed matrix used twice gets the Float sum of the two products, bit for bit",
          arguments: [32, 300])
    func computedMatrixUsedTwice(rows: Int) {
        // Not a weight (it is computed from one), so each use adds its product when the pass meets it:
        // rows ≤ 256 is added straight into the gradient; 300 is computed apart and then added.
        let w = randomFloat([1024, 128], seed: 1, requiresGradient: true)
        let (x1, x2) = (randomFloat([rows, 128], seed: 2), randomFloat([rows, 128], seed: 3))
        let (r1, r2) = (randomFloat([rows, 1024], seed: 4), randomFloat([rows, 1024], seed: 5))
        func gradient(_ uses: [(Tensor<Float>, Tensor<Float>)]) -> [Float] {
            let m = w * Tensor(shape: [], scalars: [1])  // W's values, as a computed matrix
            uses.map { (x, r) in (x.matmul(m, transposeOther: true) * r).sum() }.reduce(Tensor(shape: [], scalars: [0]), +)
                .backward()
            defer { w.zeroGradient() }
            return w.gradient!.scalars
        }
        let apart = zip(gradient([(x1, r1)]), gradient([(x2, r2)])).map { $0 + $1 }
        #expect(differingBits(gradient([(x1, r1), (x2, r2)]), apart) == 0)
    }

    @Test func theSingleBlockDepthIsTheKernelsDepthBlock() {
        #expect(MatrixMultiply.singleBlockDepth == Float.tiling.blockDepth)
        #expect(MatrixMultiply.singleBlockDepth == Double.tiling.blockDepth)
    }

    @Test func aWeightUsedAtManyStepsPassesTheGradientCheck() {
        // h ← tanh(h·W + xₜ) for five steps: W's gradient is a sum over the steps.
        let w = random([4, 4], seed: 6), h0 = random([3, 4], seed: 7)
        let xs = (0..<5).map { random([3, 4], seed: 8 + UInt64($0), requiresGradient: false) }
        let report = GradientChecker.check(parameters: [w, h0]) {
            xs.reduce(h0) { h, x in h.matmul(w, adding: x).tanh() }
        }
        #expect(report.passes(tolerance: 1e-6), "\(report)")
    }

    @Test func aMatrixTimesItsOwnTransposeHasTheHandWorkedGradient() {
        // f = Σᵢⱼ (X·Xᵀ + X)ᵢⱼ = Σₖ (Σᵢ Xᵢₖ)² + Σ X, so ∂f/∂X_ab = 2·Σᵢ X_ib + 1: X is all three inputs.
        let x = Tensor<Double>(rows: [[1, 2, -1], [0.5, -3, 2], [4, 1, 0.25]], requiresGradient: true)
        x.matmul(x, transposeOther: true, adding: x).sum().backward()
        let columnSums = (0..<3).map { k in (0..<3).reduce(0.0) { $0 + x[$1, k] } }
        let expected = (0..<3).flatMap { _ in columnSums.map { 2 * $0 + 1 } }
        #expect(x.gradient!.scalars == expected)
    }
}
