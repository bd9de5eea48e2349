extension Tensor {
    /// A tensor of the given shape filled with `value`.
    public convenience init(repeating value: Scalar, shape: [Int], requiresGradient: Bool = false) {
        guard shape.allSatisfy({ $0 >= 0 }) else {
            shapeFailure("Tensor(repeating:shape:)", "negative size in shape \(describe(shape))")
        }
        self.init(shape: shape, scalars: ElementwiseKernels.filled(value, count: elementCount(shape)),
                  requiresGradient: requiresGradient)
    }

    /// A tensor of zeros.
    public static func zeros(_ shape: [Int], requiresGradient: Bool = false) -> Tensor {
        Tensor(repeating: 0, shape: shape, requiresGradient: requiresGradient)
    }

    /// A tensor of ones.
    public static func ones(_ shape: [Int], requiresGradient: Bool = false) -> Tensor {
        Tensor(repeating: 1, shape: shape, requiresGradient: requiresGradient)
    }

    /// A 1-D tensor from an array.
    public convenience init(_ values: [Scalar], requiresGradient: Bool = false) {
        self.init(shape: [values.count], scalars: values, requiresGradient: requiresGradient)
    }

    /// A 2-D tensor from rows of equal length.
    public convenience init(rows: [[Scalar]], requiresGradient: Bool = false) {
        let width = rows.first?.count ?? 0
        if let bad = rows.first(where: { $0.count != width }) {
            shapeFailure("Tensor(rows:)", "rows of lengths \(width) and \(bad.count)")
        }
        self.init(shape: [rows.count, width], scalars: rows.flatMap { $0 }, requiresGradient: requiresGradient)
    }

    /// A 0-D tensor holding one number.
    public convenience init(scalar: Scalar, requiresGradient: Bool = false) {
        self.init(shape: [], scalars: [scalar], requiresGradient: requiresGradient)
    }

    /// start, start + step, … up to but excluding `end`, as a 1-D tensor.
    public static func range(from start: Scalar = 0, to end: Scalar, by step: Scalar = 1) -> Tensor {
        guard step != 0, (end - start) / step >= 0 else {
            shapeFailure("range", "cannot step from \(start) to \(end) by \(step)")
        }
        let count = Int(((end - start) / step).rounded(.up))
        return Tensor([Scalar]((0..<count).map { start + Scalar($0) * step }))
    }

    /// `count` evenly spaced values from `start` to `end` inclusive.
    public static func linearlySpaced(from start: Scalar, to end: Scalar, count: Int) -> Tensor {
        guard count >= 2 else { return Tensor(count == 1 ? [start] : []) }
        let step = (end - start) / Scalar(count - 1)
        return Tensor((0..<count).map { start + Scalar($0) * step })
    }

    /// Samples from the normal distribution N(mean, standardDeviation²).
    public static func randomNormal(_ shape: [Int], mean: Scalar = 0, standardDeviation: Scalar = 1,
                                    generator: inout SeededGenerator, requiresGradient: Bool = false) -> Tensor {
        let values: [Scalar] = RandomKernels.normal(count: elementCount(shape), mean: mean,
                                                    standardDeviation: standardDeviation, generator: &generator)
        return Tensor(shape: shape, scalars: values, requiresGradient: requiresGradient)
    }

    /// Samples from the uniform distribution on [low, high).
    public static func randomUniform(_ shape: [Int], low: Scalar = 0, high: Scalar = 1,
                                     generator: inout SeededGenerator, requiresGradient: Bool = false) -> Tensor {
        let values: [Scalar] = RandomKernels.uniform(count: elementCount(shape), low: low, high: high,
                                                     generator: &generator)
        return Tensor(shape: shape, scalars: values, requiresGradient: requiresGradient)
    }

    /// A dropout mask: each element is 1/keep with probability `keep`, else 0.
    public static func dropoutMask(_ shape: [Int], keepProbability keep: Double,
                                   generator: inout SeededGenerator) -> Tensor {
        Tensor(shape: shape, scalars: RandomKernels.mask(count: elementCount(shape), keep: keep,
                                                         scale: Scalar(1 / keep), generator: &generator))
    }
}
