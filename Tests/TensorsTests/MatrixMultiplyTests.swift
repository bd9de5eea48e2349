import Dispatch
import Testing
@testable import Tensors

// Every product is compared, element by element, with a naive triple loop written here in
// Double, on seeded random operands.
//
// Tolerance. For any summation order, with or without fused multiply-adds, a computed
// c = alpha · Σₚ aᵢₚ bₚⱼ + beta · cᵢⱼ in a format with unit roundoff u satisfies
//   |computed − exact| ≤ (k + 2) · u · (|alpha| · Σₚ |aᵢₚ bₚⱼ| + |beta| · |cᵢⱼ|) + O(u²)
// (k − 1 additions, one rounding per product, and the alpha/beta scaling and final rounding:
// Higham, "Accuracy and Stability of Numerical Algorithms", §3.1). The test allows (k + 3) · u
// times that scale, the worst-case bound with a margin for the O(u²) term, computed per element.
// The Float reference is exact to Double precision (errors ~k · 2⁻⁵³, far below Float's
// 2⁻²⁴), so the bound applies to the kernel alone. For Double, the reference itself carries the
// same bound, so the allowed difference is twice it. A wrong index or a missed panel is off by
// O(1) · scale and fails by many orders of magnitude.

extension SeededGenerator {
    /// Uniform in [-1, 1).
    mutating func signedUniform() -> Double { 2 * nextUniform() - 1 }
}

/// A Float or Double the tests can multiply with either the public API or the driver directly.
protocol GEMMTestScalar: BinaryFloatingPoint & MatrixMultiplyScalar {
    /// Unit roundoff u = ε / 2.
    static var unitRoundoff: Double { get }
    /// How many times the one-sided bound the reference and the kernel may differ.
    static var referenceFactor: Double { get }
    static func publicGEMM(_ p: MatrixMultiplyProblem<Self>)
}

extension Float: GEMMTestScalar {
    static var unitRoundoff: Double { Double(Float.ulpOfOne) / 2 }
    static var referenceFactor: Double { 1 }
    static func publicGEMM(_ p: MatrixMultiplyProblem<Float>) {
        MatrixMultiply.gemm(transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n,
                            k: p.k, alpha: p.alpha, a: p.a, lda: p.lda, b: p.b, ldb: p.ldb,
                            beta: p.beta, c: p.c, ldc: p.ldc)
    }
}

extension Double: GEMMTestScalar {
    static var unitRoundoff: Double { Double.ulpOfOne / 2 }
    static var referenceFactor: Double { 2 }
    static func publicGEMM(_ p: MatrixMultiplyProblem<Double>) {
        MatrixMultiply.gemm(transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n,
                            k: p.k, alpha: p.alpha, a: p.a, lda: p.lda, b: p.b, ldb: p.ldb,
                            beta: p.beta, c: p.c, ldc: p.ldc)
    }
}

/// One product to check: sizes, transposes, scalars, padding of each leading dimension.
struct GEMMCase: Sendable, CustomTestStringConvertible {
    var m: Int, n: Int, k: Int
    var transposeA = false, transposeB = false
    var alpha = 1.0, beta = 0.0
    var padA = 0, padB = 0, padC = 0
    var testDescription: String {
        "m=\(m) n=\(n) k=\(k) tA=\(transposeA) tB=\(transposeB) α=\(alpha) β=\(beta) "
            + "pads=\(padA),\(padB),\(padC)"
    }
}

/// A value handed to worker threads that the test itself keeps apart (one slot per thread).
struct UncheckedSendable<Value>: @unchecked Sendable {
    var value: Value
    init(_ value: Value) { self.value = value }
}

/// How to run the product under test.
enum GEMMRoute { case publicAPI, driver(threads: Int) }

/// Runs one case and returns a description of the first wrong element, or nil when all agree.
func firstMismatch<S: GEMMTestScalar>(_ t: GEMMCase, _: S.Type, route: GEMMRoute, seed: UInt64) -> String? {
    var random = SeededGenerator(seed: seed)
    let (rowsA, columnsA) = t.transposeA ? (t.k, t.m) : (t.m, t.k)
    let (rowsB, columnsB) = t.transposeB ? (t.n, t.k) : (t.k, t.n)
    let lda = columnsA + t.padA, ldb = columnsB + t.padB, ldc = t.n + t.padC
    // Padding holds NaN: reading it would poison the result.
    var a = [S](repeating: .nan, count: rowsA * lda)
    var b = [S](repeating: .nan, count: rowsB * ldb)
    for r in 0..<rowsA { for q in 0..<columnsA { a[r * lda + q] = S(random.signedUniform()) } }
    for r in 0..<rowsB { for q in 0..<columnsB { b[r * ldb + q] = S(random.signedUniform()) } }
    // C's padding holds a sentinel that must survive; with beta = 0 its body holds NaN.
    let sentinel: S = 12345
    var c = [S](repeating: sentinel, count: t.m * ldc)
    for i in 0..<t.m { for j in 0..<t.n { c[i * ldc + j] = t.beta == 0 ? .nan : S(random.signedUniform()) } }
    let original = c

    func opA(_ i: Int, _ p: Int) -> Double { Double(t.transposeA ? a[p * lda + i] : a[i * lda + p]) }
    func opB(_ p: Int, _ j: Int) -> Double { Double(t.transposeB ? b[j * ldb + p] : b[p * ldb + j]) }

    a.withUnsafeBufferPointer { pa in
        b.withUnsafeBufferPointer { pb in
            c.withUnsafeMutableBufferPointer { pc in
                let problem = MatrixMultiplyProblem<S>(
                    transposeA: t.transposeA, transposeB: t.transposeB, m: t.m, n: t.n, k: t.k,
                    alpha: S(t.alpha), a: pa.baseAddress!, lda: lda, b: pb.baseAddress!, ldb: ldb,
                    beta: S(t.beta), c: pc.baseAddress!, ldc: ldc)
                switch route {
                case .publicAPI: S.publicGEMM(problem)
                case .driver(let threads):
                    MatrixMultiplyDriver.run(problem, maximumThreads: threads, workPerThread: 1)
                }
            }
        }
    }

    for i in 0..<t.m {
        for j in 0..<ldc {
            let got = Double(c[i * ldc + j])
            if j >= t.n {
                if c[i * ldc + j] != sentinel { return "padding C[\(i), \(j)] overwritten with \(got)" }
                continue
            }
            var sum = 0.0, magnitude = 0.0
            for p in 0..<t.k {
                let product = opA(i, p) * opB(p, j)
                sum += product
                magnitude += abs(product)
            }
            let old = Double(original[i * ldc + j])
            let expected = t.alpha * sum + (t.beta == 0 ? 0 : t.beta * old)
            let scale = abs(t.alpha) * magnitude + (t.beta == 0 ? 0 : abs(t.beta * old))
            let tolerance = S.referenceFactor * Double(t.k + 3) * S.unitRoundoff * scale
            if !(abs(got - expected) <= tolerance) {
                return "C[\(i), \(j)] = \(got), expected \(expected) ± \(tolerance)"
            }
        }
    }
    return nil
}

/// Sizes: empty, 1, primes, every remainder of m modulo 6 and modulo 8 and widths of edge tiles
/// (1–16 columns), and sizes on both sides of the block sizes (MR = 6 or 8, NR = 16, 32 or 8,
/// MC = 120, KC = 256, NC = 2048 or 1024).
let gemmShapes: [(m: Int, n: Int, k: Int)] = [
    (0, 5, 3), (5, 0, 3), (4, 5, 0), (0, 0, 0), (1, 1, 1), (1, 7, 1), (7, 1, 13), (7, 13, 67),
    (13, 67, 7), (6, 16, 8), (12, 32, 256), (5, 17, 257), (67, 33, 300), (121, 19, 5),
    (125, 130, 70), (3, 2049, 5), (2, 1025, 3), (241, 20, 513), (32, 100, 67), (4, 24, 9), (16, 10, 31), (10, 40, 17),
]

/// Every shape with every transpose combination and a mix of scalars and paddings.
let gemmCases: [GEMMCase] = {
    var random = SeededGenerator(seed: 2024)
    let scalars: [(Double, Double)] = [(1, 0), (0.5, -1.25), (-2, 1), (1, 1), (0.75, 0)]
    var cases: [GEMMCase] = []
    for shape in gemmShapes {
        for transposeA in [false, true] {
            for transposeB in [false, true] {
                let (alpha, beta) = scalars[random.nextInt(below: scalars.count)]
                let padded = random.nextInt(below: 2) == 1
                cases.append(GEMMCase(
                    m: shape.m, n: shape.n, k: shape.k, transposeA: transposeA, transposeB: transposeB,
                    alpha: alpha, beta: beta,
                    padA: padded ? 1 + random.nextInt(below: 5) : 0, padB: padded ? 1 + random.nextInt(below: 5) : 0,
                    padC: padded ? 1 + random.nextInt(below: 5) : 0))
            }
        }
    }
    return cases
}()

@Suite("MatrixMultiply")
struct MatrixMultiplyTests {
    @Test("Float32 gemm matches the naive product", arguments: gemmCases)
    func floatMatchesReference(_ t: GEMMCase) {
        let mismatch = firstMismatch(t, Float.self, route: .publicAPI, seed: 1)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("Float64 gemm matches the naive product", arguments: gemmCases)
    func doubleMatchesReference(_ t: GEMMCase) {
        let mismatch = firstMismatch(t, Double.self, route: .publicAPI, seed: 2)
        #expect(mismatch == nil, "\(mismatch ?? "")")
    }

    @Test("Products split over 1, 2 and 3 threads match the naive product",
          arguments: [1, 2, 3])
    func threadedMatchesReference(_ threads: Int) {
        let cases = [
            GEMMCase(m: 125, n: 130, k: 70, alpha: 0.5, beta: -1.25, padA: 2, padB: 1, padC: 3),
            GEMMCase(m: 7, n: 301, k: 40, transposeA: true, beta: 1),
            GEMMCase(m: 301, n: 9, k: 40, transposeB: true),
            GEMMCase(m: 13, n: 17, k: 5, transposeA: true, transposeB: true, alpha: 2, beta: 0),
            GEMMCase(m: 1, n: 1, k: 3),
        ]
        for t in cases {
            let single = firstMismatch(t, Float.self, route: .driver(threads: threads), seed: 3)
            #expect(single == nil, "Float \(t.testDescription): \(single ?? "")")
            let double = firstMismatch(t, Double.self, route: .driver(threads: threads), seed: 4)
            #expect(double == nil, "Double \(t.testDescription): \(double ?? "")")
        }
    }

    @Test("Products running at once on several threads do not disturb each other")
    func concurrentCallers() {
        let cases = (0..<8).map { GEMMCase(m: 20 + 7 * $0, n: 30 + 5 * $0, k: 40 + 3 * $0, beta: 0.5) }
        let failures = UnsafeMutableBufferPointer<Bool>.allocate(capacity: cases.count)
        defer { failures.deallocate() }
        let results = UncheckedSendable(failures)
        DispatchQueue.concurrentPerform(iterations: cases.count) { index in
            let mismatch = firstMismatch(cases[index], Float.self, route: .publicAPI, seed: UInt64(index))
            results.value[index] = mismatch != nil
        }
        #expect(Array(failures) == Array(repeating: false, count: cases.count))
    }

    @Test("alpha = 0 reads neither A nor B: C becomes beta · C")
    func zeroAlphaIgnoresOperands() {
        let a = [Float](repeating: .nan, count: 6), b = [Float](repeating: .nan, count: 6)
        var c: [Float] = [1, -2, 3, 4]
        MatrixMultiply.gemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 3, alpha: 0,
                            a: a, lda: 3, b: b, ldb: 2, beta: 0.5, c: &c, ldc: 2)
        #expect(c == [0.5, -1, 1.5, 2])
        var d = [Double](repeating: .nan, count: 4)
        MatrixMultiply.gemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 3, alpha: 0,
                            a: a.map(Double.init), lda: 3, b: b.map(Double.init), ldb: 2,
                            beta: 0, c: &d, ldc: 2)
        #expect(d == [0, 0, 0, 0])
    }

    @Test("A hand-worked 2×3 · 3×2 product")
    func handWorkedProduct() {
        // [1 2 3; 4 5 6] · [7 8; 9 10; 11 12] = [58 64; 139 154]
        var c = [Float](repeating: .nan, count: 4)
        MatrixMultiply.gemm(transposeA: false, transposeB: false, m: 2, n: 2, k: 3, alpha: 1,
                            a: [1, 2, 3, 4, 5, 6], lda: 3, b: [7, 8, 9, 10, 11, 12], ldb: 2,
                            beta: 0, c: &c, ldc: 2)
        #expect(c == [58, 64, 139, 154])
    }
}
