import Foundation
import Testing
@testable import Tensors

/// Element-wise loops, copies and random draws over arrays large enough to run on the worker
/// threads must give, on any number of threads, the bits of one plain loop written here.
@Suite("Large element-wise loops on the worker threads")
struct LargeElementwiseTests {
    /// Runs `body` once per thread count (1, 2 and 3), restoring the setting afterwards.
    static func onEachThreadCount(_ body: (Int) -> Void) {
        let before = MatrixMultiply.maximumThreads
        defer { MatrixMultiply.maximumThreads = before }
        for threads in 1...3 {
            MatrixMultiply.maximumThreads = threads
            body(threads)
        }
    }

    static func randomFloats(_ count: Int, seed: UInt64) -> [Float] {
        var random = SeededGenerator(seed: seed)
        return (0..<count).map { _ in Float(random.signedUniform()) }
    }

    static func differing(_ a: [Float], _ b: [Float]) -> Int {
        a.count != b.count ? max(a.count, b.count) : zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
    }

    @Test("Sums and products of equal shapes, and adding in place")
    func equalShapes() {
        let n = 100_003  // not a multiple of the runs' alignment
        let a = Self.randomFloats(n, seed: 1), b = Self.randomFloats(n, seed: 2)
        #expect(n >= 2 * BatchPieces.elementsPerThread)
        let sum = (0..<n).map { a[$0] + b[$0] }, product = (0..<n).map { a[$0] * b[$0] }
        Self.onEachThreadCount { threads in
            let strides = [1]
            #expect(Self.differing(ElementwiseKernels.binary(.add, a, strides, b, strides, shape: [n]), sum) == 0,
                    "a + b, \(threads) threads")
            #expect(Self.differing(ElementwiseKernels.binary(.multiply, a, strides, b, strides, shape: [n]), product) == 0,
                    "a · b, \(threads) threads")
            var target = a
            ElementwiseKernels.addInPlace(&target, b)
            #expect(Self.differing(target, sum) == 0, "a += b, \(threads) threads")
        }
    }

    @Test("Broadcasting: a row added to every row, a middle axis repeated")
    func broadcasting() {
        // [rows, width] + [width]
        let rows = 1_001, width = 64
        let x = Self.randomFloats(rows * width, seed: 3), bias = Self.randomFloats(width, seed: 4)
        var expectedRows = [Float](repeating: 0, count: rows * width)
        for r in 0..<rows { for j in 0..<width { expectedRows[r * width + j] = x[r * width + j] + bias[j] } }
        // [outer, 7, inner] · [outer, 1, inner]: the second operand repeats along the middle axis.
        let outer = 90, middle = 7, inner = 64
        let y = Self.randomFloats(outer * middle * inner, seed: 5), m = Self.randomFloats(outer * inner, seed: 6)
        var expectedMiddle = [Float](repeating: 0, count: y.count)
        for i in 0..<outer {
            for k in 0..<middle {
                for j in 0..<inner {
                    expectedMiddle[(i * middle + k) * inner + j] = y[(i * middle + k) * inner + j] * m[i * inner + j]
                }
            }
        }
        Self.onEachThreadCount { threads in
            let shifted = ElementwiseKernels.binary(.add, x, [width, 1], bias, [0, 1], shape: [rows, width])
            #expect(Self.differing(shifted, expectedRows) == 0, "rows + bias, \(threads) threads")
            let scaled = ElementwiseKernels.binary(.multiply, y, [middle * inner, inner, 1], m, [inner, 0, 1],
                                                   shape: [outer, middle, inner])
            #expect(Self.differing(scaled, expectedMiddle) == 0, "middle axis repeated, \(threads) threads")
        }
    }

    @Test("exp, tanh and σ cut into runs: the bits of one call over the whole array")
    func vectorFunctions() {
        let n = 70_001
        let x = Self.randomFloats(n, seed: 7).map { 6 * $0 }
        for (operation, function) in [(UnaryOperation.exp, VectorFunction.exp), (.tanh, .tanh), (.sigmoid, .sigmoid)] {
            var whole = [Float](repeating: 0, count: n)
            x.withUnsafeBufferPointer { xs in
                whole.withUnsafeMutableBufferPointer { out in
                    Float.vectorized(function, xs.baseAddress!, out.baseAddress!, count: n)
                }
            }
            Self.onEachThreadCount { threads in
                #expect(Self.differing(ElementwiseKernels.unary(operation, x), whole) == 0, "\(operation), \(threads) threads")
            }
        }
    }

    @Test("Dropout masks and uniform samples: the draws of one loop, and the generator left where the loop leaves it")
    func randomDraws() {
        let n = 50_000, keep = 0.7, scale = Float(1 / 0.7)
        var sequential = SeededGenerator(seed: 11)
        let expectedMask = (0..<n).map { _ in sequential.nextUniform() < keep ? scale : 0 }
        let expectedUniform = (0..<n).map { _ in -2 + 5 * Float(sequential.nextUniform()) }
        let expectedNext = sequential.next()
        Self.onEachThreadCount { threads in
            var generator = SeededGenerator(seed: 11)
            let mask = RandomKernels.mask(count: n, keep: keep, scale: scale, generator: &generator)
            let uniform = RandomKernels.uniform(count: n, low: Float(-2), high: 3, generator: &generator)
            #expect(Self.differing(mask, expectedMask) == 0, "mask, \(threads) threads")
            #expect(Self.differing(uniform, expectedUniform) == 0, "uniform, \(threads) threads")
            #expect(generator.next() == expectedNext, "the generator after the draws, \(threads) threads")
        }
    }

    @Test("Softmax and log-softmax of many rows and their pullbacks: the same bits on 1, 2 and 3 threads, rows that sum to 1")
    func softmaxRows() {
        let rows = 700, n = 100
        let x = Self.randomFloats(rows * n, seed: 30).map { 8 * $0 }, g = Self.randomFloats(rows * n, seed: 31)
        var first: [[Float]] = []
        Self.onEachThreadCount { threads in
            let y = ReductionKernels.softmax(x, outer: rows, n: n, inner: 1, logarithm: false)
            let logY = ReductionKernels.softmax(x, outer: rows, n: n, inner: 1, logarithm: true)
            let results = [y, logY,
                           ReductionKernels.softmaxPullback(y, g, outer: rows, n: n, inner: 1, logarithm: false),
                           ReductionKernels.softmaxPullback(logY, g, outer: rows, n: n, inner: 1, logarithm: true)]
            if first.isEmpty {
                first = results
                let worst = (0..<rows).map { r in abs(y[(r * n)..<((r + 1) * n)].reduce(0, +) - 1) }.max()!
                #expect(worst < 1e-5, "a softmax row sums to 1 ± \(worst)")
                let logWorst = (0..<rows).map { r in abs(logY[(r * n)..<((r + 1) * n)].map { Foundation.exp($0) }.reduce(0, +) - 1) }.max()!
                #expect(logWorst < 1e-5, "exp of a log-softmax row sums to 1 ± \(logWorst)")
            } else {
                for (result, expected) in zip(results, first) {
                    #expect(Self.differing(result, expected) == 0, "\(threads) threads against 1")
                }
            }
        }
    }

    @Test("Concatenating and slicing along a middle axis put every element where the index says")
    func joinsAndSlices() {
        let outer = 40, inner = 300, sizes = [3, 5, 1]
        let parts = sizes.enumerated().map { i, size in
            Tensor(shape: [outer, size, inner], scalars: Self.randomFloats(outer * size * inner, seed: 20 + UInt64(i)))
        }
        let total = sizes.reduce(0, +)
        var expected = [Float](repeating: 0, count: outer * total * inner)
        var offset = 0
        for (part, size) in zip(parts, sizes) {
            for i in 0..<outer {
                for k in 0..<size {
                    for j in 0..<inner {
                        expected[(i * total + offset + k) * inner + j] = part.scalars[(i * size + k) * inner + j]
                    }
                }
            }
            offset += size
        }
        #expect(expected.count >= 2 * BatchPieces.elementsPerThread)
        Self.onEachThreadCount { threads in
            let joined = Tensor.concatenate(parts, alongAxis: 1)
            #expect(joined.shape == [outer, total, inner])
            #expect(Self.differing(joined.scalars, expected) == 0, "concatenate, \(threads) threads")
            let middle = joined.slice(alongAxis: 1, 3..<8)
            #expect(Self.differing(middle.scalars, parts[1].scalars) == 0, "slice, \(threads) threads")
        }
    }
}
