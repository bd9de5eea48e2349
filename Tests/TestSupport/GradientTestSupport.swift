import Tensors

/// Sets a leaf's accumulated gradient to `values`, as a backward pass would leave it.
public func setGradient<S: TensorScalar>(_ tensor: Tensor<S>, _ values: [S]) {
    tensor.setGradient(values)
}

/// |a − b| ≤ tolerance·max(1, |b|) for every element.
public func allClose(_ a: [Double], _ b: [Double], _ tolerance: Double) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tolerance * max(1, abs($1)) }
}

/// A Float64 tensor of standard normal samples fixed by `seed`, tracked for gradients by default.
public func random(_ shape: [Int], seed: UInt64, requiresGradient: Bool = true) -> Tensor<Double> {
    var generator = SeededGenerator(seed: seed)
    return Tensor.randomNormal(shape, generator: &generator, requiresGradient: requiresGradient)
}

/// A Float32 tensor uniform in [−1, 1) fixed by `seed`, not tracked for gradients by default.
public func randomFloat(_ shape: [Int], seed: UInt64, requiresGradient: Bool = false) -> Tensor<Float> {
    var generator = SeededGenerator(seed: seed)
    return Tensor.randomUniform(shape, low: -1, high: 1, generator: &generator, requiresGradient: requiresGradient)
}

/// How many elements of two Float arrays differ in their bits (all of them when the counts differ).
public func differingBits(_ actual: [Float], _ expected: [Float]) -> Int {
    guard actual.count == expected.count else { return Swift.max(actual.count, expected.count) }
    return zip(actual, expected).filter { $0.bitPattern != $1.bitPattern }.count
}
