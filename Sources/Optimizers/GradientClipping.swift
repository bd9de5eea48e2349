import Tensors

/// Scales all gradients together so that their global L2 norm is at most `maxNorm`, as PyTorch's
/// `torch.nn.utils.clip_grad_norm_`, and returns the norm they had before.
///
/// The norm is √(Σ g²) over every element of every parameter that has a gradient (parameters
/// without one are skipped; a tensor listed twice counts once). When it exceeds `maxNorm`, every
/// gradient is multiplied by maxNorm / (norm + 10⁻⁶), PyTorch's coefficient, which leaves a
/// norm just below `maxNorm`; otherwise the gradients are untouched. Sums run in Double.
/// A non-finite norm (an overflow or a NaN in some gradient) is returned and changes nothing,
/// so the caller can see it and skip the step.
@discardableResult
public func clipGradientNorm<S: TensorScalar>(_ parameters: [Tensor<S>], maxNorm: S) -> S {
    guard maxNorm >= 0 else {
        shapeFailure("clipGradientNorm", "maxNorm must be a number ≥ 0, got \(maxNorm)")
    }
    var seen = Set<ObjectIdentifier>()
    let withGradients = parameters.filter { $0.gradientScalars != nil && seen.insert(ObjectIdentifier($0)).inserted }
    var sumOfSquares = 0.0
    for parameter in withGradients {
        sumOfSquares += parameter.gradientScalars!.withUnsafeBufferPointer { squaredSum($0) }
    }
    let norm = sumOfSquares.squareRoot()
    let coefficient = Double(maxNorm) / (norm + 1e-6)
    if coefficient < 1 {
        for parameter in withGradients {
            parameter.setGradient(parameter.gradientScalars!.withUnsafeBufferPointer { scaledCopy($0, by: S(coefficient)) })
        }
    }
    return S(norm)
}

/// Σ xᵢ², accumulated in Double.
@_specialize(where S == Float)
@_specialize(where S == Double)
func squaredSum<S: TensorScalar>(_ values: UnsafeBufferPointer<S>) -> Double {
    var sum = 0.0
    for value in values {
        let x = Double(value)
        sum += x * x
    }
    return sum
}

/// The values times `factor`.
@_specialize(where S == Float)
@_specialize(where S == Double)
func scaledCopy<S: TensorScalar>(_ values: UnsafeBufferPointer<S>, by factor: S) -> [S] {
    [S](unsafeUninitializedCapacity: values.count) { buffer, initialized in
        for i in 0..<values.count { buffer[i] = values[i] * factor }
        initialized = values.count
    }
}
