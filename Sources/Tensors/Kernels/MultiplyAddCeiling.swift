/// A loop of nothing but vector multiply–adds on registers: timed, it gives the most Float
/// multiply–adds one core can do per second with this build's vectors, the ceiling that no matrix
/// product on that core can pass.
///
/// Twelve accumulators, each updated as a ← a·b + c: the updates of one accumulator wait for each
/// other, but twelve independent ones keep both of a core's multiply–add units busy (each takes 3–5
/// cycles). The matrix product's micro-kernel runs the same multiply–adds but also loads its
/// operands; the gap between the two is what its loads and bookkeeping cost.
public enum MultiplyAddCeiling {
    /// Float multiply–adds in one iteration: twelve vectors of this build's width (8 lanes with
    /// AVX2 and in the portable build, 16 with AVX-512).
    public static var multiplyAddsPerIteration: Int { 12 * lanes }

    /// The Floats in one of this build's vectors.
    public static var lanes: Int { FloatKernelVector.scalarCount }

    /// Runs `iterations` iterations and returns the sum of every lane of every accumulator at the
    /// end, so that the work cannot be left out. Lane j of accumulator i starts at start + (i·lanes + j)/4096
    /// (its own value, so that no two chains are the same), and each iteration sets a ← a·factor + addend.
    public static func run(iterations: Int, start: Float, factor: Float, addend: Float) -> Float {
        typealias V = FloatKernelVector
        let b = V(repeating: factor), c = V(repeating: addend)
        func initial(_ i: Int) -> V {
            var v = V()
            for j in 0..<V.scalarCount { v[j] = start + Float(i * V.scalarCount + j) / 4096 }
            return v
        }
        // Twelve named variables, not an array, so that each lives in its own register.
        var (a0, a1, a2, a3, a4, a5) = (initial(0), initial(1), initial(2), initial(3), initial(4), initial(5))
        var (a6, a7, a8, a9, a10, a11) = (initial(6), initial(7), initial(8), initial(9), initial(10), initial(11))
        for _ in 0..<Swift.max(iterations, 0) {
            a0 = c.addingProduct(a0, b); a1 = c.addingProduct(a1, b); a2 = c.addingProduct(a2, b)
            a3 = c.addingProduct(a3, b); a4 = c.addingProduct(a4, b); a5 = c.addingProduct(a5, b)
            a6 = c.addingProduct(a6, b); a7 = c.addingProduct(a7, b); a8 = c.addingProduct(a8, b)
            a9 = c.addingProduct(a9, b); a10 = c.addingProduct(a10, b); a11 = c.addingProduct(a11, b)
        }
        let total = ((a0 + a1) + (a2 + a3)) + ((a4 + a5) + (a6 + a7)) + ((a8 + a9) + (a10 + a11))
        return total.sum()
    }
}
