import Tensors

/// y = x·Wᵀ + b, with W stored [outputSize, inputSize] as in PyTorch's `nn.Linear`.
public final class Linear<Scalar: TensorScalar>: Module {
    /// The weight, [outputSize, inputSize].
    public let weight: Tensor<Scalar>
    /// The bias, [outputSize], if the layer has one.
    public let bias: Tensor<Scalar>?

    /// Creates a layer initialised as PyTorch does: uniform in ±1/√inputSize.
    public init(inputSize: Int, outputSize: Int, bias hasBias: Bool = true, generator: inout SeededGenerator) {
        require(inputSize > 0 && outputSize > 0, "Linear", "sizes must be positive, got \(inputSize) → \(outputSize)")
        let bound = 1 / Scalar(inputSize).squareRoot()
        weight = Tensor.randomUniform([outputSize, inputSize], low: -bound, high: bound,
                                      generator: &generator, requiresGradient: true)
        bias = hasBias ? Tensor.randomUniform([outputSize], low: -bound, high: bound,
                                              generator: &generator, requiresGradient: true) : nil
    }

    /// Creates a layer from given weights ([out, in]) and an optional bias ([out]).
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) {
        require(weight.rank == 2 && (bias == nil || bias!.shape == [weight.shape[0]]), "Linear",
                "weight \(describe(weight.shape)) and bias \(bias.map { describe($0.shape) } ?? "none") do not fit")
        self.weight = weight
        self.bias = bias
    }

    /// This module's own parameters, with the names PyTorch gives them.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] {
        [("weight", weight)] + (bias.map { [("bias", $0)] } ?? [])
    }

    /// Applies the layer to [..., inputSize], giving [..., outputSize].
    ///
    /// Another width stops the program with a line naming the layer, e.g.
    /// `Linear(4 → 8): input has width 5, shape [2, 5]`.
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        let (inputSize, outputSize) = (weight.shape[1], weight.shape[0])
        if x.shape.last != inputSize {
            shapeFailure("Linear(\(inputSize) → \(outputSize))", x.rank == 0 ? "input is a scalar, not [..., \(inputSize)]"
                         : "input has width \(x.shape[x.rank - 1]), shape \(describe(x.shape))")
        }
        if x.rank == 1 { return callAsFunction(x.expandingShape(at: 0)).squeezingShape(at: 0) }
        return x.matmul(weight, transposeOther: true, adding: bias)  // [..., out]
    }
}
