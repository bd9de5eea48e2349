import Book
import Notebook
import Tensors

/// One product to time: op(A) is m × k, op(B) is k × n.
struct MatrixMultiplyCase {
    var label: String
    var m: Int
    var n: Int
    var k: Int
    var transposeA = false
    var transposeB = false
    /// The row strides of A and B as stored (row-major).
    var lda: Int { transposeA ? m : k }
    var ldb: Int { transposeB ? k : n }
}

func runMatrixMultiplyBenchmark(_ options: BenchmarkOptions) {
    let cores = options.maximumThreads
    let squares = options.quick ? [64, 128, 256] : [64, 128, 256, 512, 1024]
    let models: [MatrixMultiplyCase] = [
        .init(label: "[32×456]·[456×1024]", m: 32, n: 1024, k: 456),
        .init(label: "[32×1024]·[456×1024]ᵀ", m: 32, n: 456, k: 1024, transposeB: true),
        .init(label: "[32×456]ᵀ·[32×1024]", m: 456, n: 1024, k: 32, transposeA: true),
        .init(label: "[640×256]·[256×256]", m: 640, n: 256, k: 256),
        .init(label: "[640×256]·[256×256]ᵀ", m: 640, n: 256, k: 256, transposeB: true),
        .init(label: "[640×256]ᵀ·[640×256]", m: 256, n: 256, k: 640, transposeA: true),
        .init(label: "[32×512]·[512×100]", m: 32, n: 100, k: 512),
        .init(label: "[32×100]·[512×100]ᵀ", m: 32, n: 512, k: 100, transposeB: true),
        .init(label: "[32×512]ᵀ·[32×100]", m: 512, n: 100, k: 32, transposeA: true),
        .init(label: "[64×32]·[32×256]", m: 64, n: 256, k: 32),
        .init(label: "[64×64]·[64×256]", m: 64, n: 256, k: 64),
        .init(label: "[64×256]·[64×256]ᵀ", m: 64, n: 64, k: 256, transposeB: true),
        .init(label: "[64×64]ᵀ·[64×256]", m: 64, n: 256, k: 64, transposeA: true),
        .init(label: "[640×64]·[64×21]", m: 640, n: 21, k: 64),
    ]
    let peers = !options.peers.isEmpty
    print("Matrix product C = op(A)·op(B), GFLOP/s (2·m·n·k / best time of several runs)")
    if peers {
        print("Square products are timed here, then by numpy (its BLAS, same threads), in turn; ratio = this package / numpy.")
    }
    print("")
    let peerColumns = { (threads: Int) in peers ? "numpy".leftPadded(9) + "ratio".leftPadded(7) : "" }
    let header = "shape".rightPadded(26) + "f32 1 thread".leftPadded(13) + peerColumns(1)
        + (cores > 1 ? "f32 \(cores) threads".leftPadded(14) + peerColumns(cores) : "") + "f64 1 thread".leftPadded(13)
    print(header)
    print(String(repeating: "-", count: header.count))
    let cases = squares.map { MatrixMultiplyCase(label: "\($0) × \($0) square", m: $0, n: $0, k: $0) }
        + (options.quick ? Array(models.prefix(3)) : models)
    for (index, product) in cases.enumerated() {
        if index == squares.count { print("") }
        let isSquare = index < squares.count
        /// This package's f32 speed with `threads` threads, and numpy's for a square product.
        func columns(threads: Int, width: Int) -> String {
            let ours = measure(product, Float.self, threads: threads, quick: options.quick)
            var text = fixed(ours, 1).leftPadded(width)
            if peers {
                let peer = isSquare ? options.peers[threads]?.measure("matmul \(product.m)") : nil
                text += (peer.map { fixed($0, 1) } ?? "—").leftPadded(9) + (peer.map { fixed(ours / $0, 2) } ?? "—").leftPadded(7)
            }
            return text
        }
        let single = columns(threads: 1, width: 13)
        let multi = cores > 1 ? columns(threads: cores, width: 14) : ""
        let double = measure(product, Double.self, threads: 1, quick: options.quick)
        print(product.label.rightPadded(26) + single + multi + fixed(double, 1).leftPadded(13))
    }
    let tiny = MatrixMultiplyCase(label: "", m: 1, n: 1, k: 1)
    let overhead = 2 / measure(tiny, Float.self, threads: cores, quick: options.quick)
    print("")
    print("Time of a 1×1·1×1 product (the cost of one call): \(fixed(overhead, 1)) ns")
    print("")
}

/// A scalar `gemm` accepts, so one timing routine serves Float and Double.
protocol BenchmarkScalar: ExpressibleByFloatLiteral {
    static func gemm(_ product: MatrixMultiplyCase, a: [Self], b: [Self], c: inout [Self])
}

extension Float: BenchmarkScalar {
    static func gemm(_ p: MatrixMultiplyCase, a: [Float], b: [Float], c: inout [Float]) {
        MatrixMultiply.gemm(transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k,
                            alpha: 1, a: a, lda: p.lda, b: b, ldb: p.ldb, beta: 0, c: &c, ldc: p.n)
    }
}

extension Double: BenchmarkScalar {
    static func gemm(_ p: MatrixMultiplyCase, a: [Double], b: [Double], c: inout [Double]) {
        MatrixMultiply.gemm(transposeA: p.transposeA, transposeB: p.transposeB, m: p.m, n: p.n, k: p.k,
                            alpha: 1, a: a, lda: p.lda, b: b, ldb: p.ldb, beta: 0, c: &c, ldc: p.n)
    }
}

/// The product's speed in GFLOP/s: the best of several batches, each long enough to time well.
func measure<Scalar: BenchmarkScalar>(_ product: MatrixMultiplyCase, _: Scalar.Type,
                                      threads: Int, quick: Bool) -> Double {
    MatrixMultiply.maximumThreads = threads
    // Constant operands: the speed of a product does not depend on its (normal) values.
    let a = [Scalar](repeating: 0.5, count: product.m * product.k)
    let b = [Scalar](repeating: 0.25, count: product.k * product.n)
    var c = [Scalar](repeating: 0.0, count: product.m * product.n)
    let best = Timing.fastestSeconds(batches: quick ? 3 : 7, batchSeconds: quick ? 0.005 : 0.02) {
        Scalar.gemm(product, a: a, b: b, c: &c)
    }
    return 2 * Double(product.m) * Double(product.n) * Double(product.k) / best / 1e9
}
