import Tensors

/// A scheme for the starting values of a parameter tensor, as PyTorch's `torch.nn.init` defines it.
///
/// Every scheme draws from a `SeededGenerator`, element by element in row-major order, so a seed
/// fixes the values. Fans follow PyTorch for weights laid out `[out, in, k₁, k₂, …]`:
/// fan-in = in·k₁·k₂·…, fan-out = out·k₁·k₂·… (see `fans(of:)`).
///
///     var generator = SeededGenerator(seed: 1)
///     let weight: Tensor<Float> = Initialization.xavierUniform().tensor([64, 32], generator: &generator)
public enum Initialization: Sendable, Equatable {
    /// Every element equal to the value.
    case constant(Double)
    /// Uniform on [−bound, bound): variance bound²/3.
    case uniform(bound: Double)
    /// Normal with the given mean and standard deviation.
    case normal(mean: Double = 0, standardDeviation: Double = 1)
    /// Glorot uniform: bound = gain·√(6 / (fan-in + fan-out)), variance gain²·2/(fan-in + fan-out).
    case xavierUniform(gain: Double = 1)
    /// Glorot normal: standard deviation gain·√(2 / (fan-in + fan-out)).
    case xavierNormal(gain: Double = 1)
    /// He uniform: bound = gain·√(3 / fan), variance gain²/fan, gain from the nonlinearity.
    ///
    /// `.kaimingUniform(nonlinearity: .leakyReLU(negativeSlope: 5.squareRoot()))` is the default
    /// of PyTorch's `nn.Linear` weight: uniform on ±1/√fan-in.
    case kaimingUniform(nonlinearity: Nonlinearity = .relu, mode: FanMode = .fanIn)
    /// He normal: standard deviation gain/√fan, gain from the nonlinearity.
    case kaimingNormal(nonlinearity: Nonlinearity = .relu, mode: FanMode = .fanIn)
    /// A (semi-)orthogonal matrix times `gain`: orthonormal columns for tall shapes, orthonormal
    /// rows for wide ones. A rank-k shape is treated as a matrix [shape[0], product of the rest].
    ///
    /// As PyTorch does: draw a standard normal matrix, transpose it if wide, take its QR
    /// factorisation (Householder reflections, in Double), multiply Q's columns by the signs of
    /// R's diagonal (so the result is unique), transpose back if wide, scale by `gain`.
    case orthogonal(gain: Double = 1)

    /// The activation that follows a layer, which sets the gain of the Kaiming schemes.
    public enum Nonlinearity: Sendable, Equatable {
        case linear, sigmoid, tanh, relu, selu
        case leakyReLU(negativeSlope: Double)

        /// The recommended gain, as PyTorch's `calculate_gain`: 1, 1, 5/3, √2, 3/4, √(2/(1+slope²)).
        public var gain: Double {
            switch self {
            case .linear, .sigmoid: return 1
            case .tanh: return 5.0 / 3.0
            case .relu: return 2.0.squareRoot()
            case .selu: return 0.75
            case let .leakyReLU(slope): return (2 / (1 + slope * slope)).squareRoot()
            }
        }
    }

    /// Which fan the Kaiming schemes divide by: fan-in keeps the forward pass's variance,
    /// fan-out the backward pass's.
    public enum FanMode: Sendable, Equatable {
        case fanIn, fanOut
    }

    /// PyTorch's fan-in and fan-out of a weight of shape [out, in, k₁, …] (rank at least 2).
    public static func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
        guard shape.count >= 2 else {
            shapeFailure("Initialization.fans(of:)",
                         "fan-in and fan-out need a shape of rank ≥ 2, got \(describe(shape))")
        }
        let receptiveField = shape.dropFirst(2).reduce(1, *)
        return (shape[1] * receptiveField, shape[0] * receptiveField)
    }

    /// Samples of this scheme for a tensor of `shape`, in row-major order.
    public func values(shape: [Int], generator: inout SeededGenerator) -> [Double] {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            shapeFailure("Initialization", "negative size in shape \(describe(shape))")
        }
        let count = shape.reduce(1, *)
        guard count > 0 else { return [] }
        switch self {
        case let .constant(value):
            return [Double](repeating: value, count: count)
        case let .uniform(bound):
            return Initialization.uniformSamples(count: count, bound: bound, generator: &generator)
        case let .normal(mean, standardDeviation):
            return Initialization.normalSamples(count: count, mean: mean, standardDeviation: standardDeviation,
                                                generator: &generator)
        case let .xavierUniform(gain):
            let (fanIn, fanOut) = Initialization.fans(of: shape)
            let standardDeviation = gain * (2 / Double(fanIn + fanOut)).squareRoot()
            return Initialization.uniformSamples(count: count, bound: 3.0.squareRoot() * standardDeviation,
                                                 generator: &generator)
        case let .xavierNormal(gain):
            let (fanIn, fanOut) = Initialization.fans(of: shape)
            let standardDeviation = gain * (2 / Double(fanIn + fanOut)).squareRoot()
            return Initialization.normalSamples(count: count, mean: 0, standardDeviation: standardDeviation,
                                                generator: &generator)
        case let .kaimingUniform(nonlinearity, mode):
            let standardDeviation = nonlinearity.gain / Double(Initialization.fan(of: shape, mode)).squareRoot()
            return Initialization.uniformSamples(count: count, bound: 3.0.squareRoot() * standardDeviation,
                                                 generator: &generator)
        case let .kaimingNormal(nonlinearity, mode):
            let standardDeviation = nonlinearity.gain / Double(Initialization.fan(of: shape, mode)).squareRoot()
            return Initialization.normalSamples(count: count, mean: 0, standardDeviation: standardDeviation,
                                                generator: &generator)
        case let .orthogonal(gain):
            return Initialization.orthogonalSamples(shape: shape, gain: gain, generator: &generator)
        }
    }

    /// A new leaf tensor of `shape` holding this scheme's samples (a parameter by default).
    public func tensor<S: TensorScalar>(_ shape: [Int], as _: S.Type = S.self, generator: inout SeededGenerator,
                                        requiresGradient: Bool = true) -> Tensor<S> {
        Tensor(shape: shape, scalars: convertedScalars(values(shape: shape, generator: &generator), to: S.self),
               requiresGradient: requiresGradient)
    }

    /// Overwrites a leaf tensor's values, in place, with this scheme's samples for its shape.
    public func fill<S: TensorScalar>(_ tensor: Tensor<S>, generator: inout SeededGenerator) {
        tensor.assign(convertedScalars(values(shape: tensor.shape, generator: &generator), to: S.self))
    }

    private static func fan(of shape: [Int], _ mode: FanMode) -> Int {
        let (fanIn, fanOut) = fans(of: shape)
        return mode == .fanIn ? fanIn : fanOut
    }

    private static func uniformSamples(count: Int, bound: Double, generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in -bound + 2 * bound * generator.nextUniform() }
    }

    private static func normalSamples(count: Int, mean: Double, standardDeviation: Double,
                                      generator: inout SeededGenerator) -> [Double] {
        (0..<count).map { _ in mean + standardDeviation * generator.nextNormal() }
    }

    private static func orthogonalSamples(shape: [Int], gain: Double, generator: inout SeededGenerator) -> [Double] {
        guard shape.count >= 2 else {
            shapeFailure("Initialization.orthogonal", "needs a shape of rank ≥ 2, got \(describe(shape))")
        }
        let rows = shape[0], columns = shape.dropFirst().reduce(1, *)
        let drawn = normalSamples(count: rows * columns, mean: 0, standardDeviation: 1, generator: &generator)
        let q: [Double]
        if rows >= columns {
            q = HouseholderQR.orthonormalFactor(drawn, rows: rows, columns: columns)
        } else {
            let transposedQ = HouseholderQR.orthonormalFactor(
                transposed(drawn, rows: rows, columns: columns), rows: columns, columns: rows)
            q = transposed(transposedQ, rows: columns, columns: rows)
        }
        return q.map { gain * $0 }
    }
}

/// The QR factorisation of a tall matrix by Householder reflections, in Double.
enum HouseholderQR {
    /// Q (rows × columns, orthonormal columns) of a = QR for rows ≥ columns, with Q's columns
    /// multiplied by the signs of R's diagonal so that R's diagonal is positive. Row-major in
    /// and out; the work runs on columns stored contiguously.
    static func orthonormalFactor(_ a: [Double], rows m: Int, columns n: Int) -> [Double] {
        require(m >= n && a.count == m * n, "HouseholderQR", "needs a tall matrix, got \(m)×\(n)")
        var r = transposed(a, rows: m, columns: n)  // column j is r[j*m ..< (j+1)*m]
        var reflectors: [(vector: [Double], squaredNorm: Double)] = []
        var signs = [Double](repeating: 1, count: n)
        for k in 0..<n {
            var norm = 0.0
            for i in k..<m { norm += r[k * m + i] * r[k * m + i] }
            norm = norm.squareRoot()
            // Reflect column k onto alpha·e_k; alpha of opposite sign to the pivot avoids cancellation.
            let alpha = r[k * m + k] >= 0 ? -norm : norm
            var v = Array(r[(k * m + k)..<(k * m + m)])
            v[0] -= alpha
            let squaredNorm = v.reduce(0) { $0 + $1 * $1 }
            if squaredNorm > 0 { reflect(&r, rows: m, firstRow: k, columns: k..<n, by: v, squaredNorm: squaredNorm) }
            reflectors.append((v, squaredNorm))
            signs[k] = alpha < 0 ? -1 : 1  // R[k][k] = alpha
        }
        // Q = H₀H₁⋯Hₙ₋₁ applied to the first n columns of the identity, innermost reflection first.
        // Columns j < k of the partial product are still e_j, which H_k leaves alone.
        var q = [Double](repeating: 0, count: m * n)
        for j in 0..<n { q[j * m + j] = 1 }
        for k in stride(from: n - 1, through: 0, by: -1) where reflectors[k].squaredNorm > 0 {
            reflect(&q, rows: m, firstRow: k, columns: k..<n, by: reflectors[k].vector,
                    squaredNorm: reflectors[k].squaredNorm)
        }
        for j in 0..<n { for i in 0..<m { q[j * m + i] *= signs[j] } }
        return transposed(q, rows: n, columns: m)
    }

    /// Applies H = I − 2vvᵀ/(vᵀv) to rows firstRow… of the given columns of a column-major matrix.
    private static func reflect(_ matrix: inout [Double], rows m: Int, firstRow: Int, columns: Range<Int>,
                                by v: [Double], squaredNorm: Double) {
        matrix.withUnsafeMutableBufferPointer { entries in
            v.withUnsafeBufferPointer { v in
                for j in columns {
                    let column = entries.baseAddress! + j * m + firstRow
                    var dot = 0.0
                    for i in 0..<v.count { dot += v[i] * column[i] }
                    let factor = 2 * dot / squaredNorm
                    for i in 0..<v.count { column[i] -= factor * v[i] }
                }
            }
        }
    }
}

/// The transpose of a row-major rows × columns matrix.
private func transposed(_ matrix: [Double], rows: Int, columns: Int) -> [Double] {
    var result = [Double](repeating: 0, count: matrix.count)
    for i in 0..<rows { for j in 0..<columns { result[j * rows + i] = matrix[i * columns + j] } }
    return result
}

/// Doubles converted to `S`, in a loop specialised for Float and Double.
@_specialize(where S == Float)
@_specialize(where S == Double)
func convertedScalars<S: TensorScalar>(_ values: [Double], to _: S.Type) -> [S] {
    values.map { S($0) }
}
