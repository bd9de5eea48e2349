import Tensors

/// Normalises the last axis to mean 0 and variance 1, then scales and shifts:
/// y = (x − μ)/√(σ² + ε)·γ + β, as PyTorch's `nn.LayerNorm` (biased variance).
public final class LayerNorm<Scalar: TensorScalar>: Module {
    /// γ, [size], initialised to ones.
    public let weight: Tensor<Scalar>
    /// β, [size], initialised to zeros.
    public let bias: Tensor<Scalar>
    /// ε added to the variance.
    public let epsilon: Scalar

    /// Creates a layer normalising vectors of `size` elements.
    public init(size: Int, epsilon: Scalar = 1e-5) {
        require(size > 0, "LayerNorm", "size must be positive, got \(size)")
        weight = Tensor.ones([size], requiresGradient: true)
        bias = Tensor.zeros([size], requiresGradient: true)
        self.epsilon = epsilon
    }

    /// This module's own parameters, with the names PyTorch gives them.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] { [("weight", weight), ("bias", bias)] }

    /// Normalises x [..., size].
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        guard x.shape.last == weight.count else {
            shapeFailure("LayerNorm", "input \(describe(x.shape)) does not end in the size \(weight.count)")
        }
        let centred = x - x.mean(alongAxis: -1, keepingDimensions: true)
        let variance = centred.squared().mean(alongAxis: -1, keepingDimensions: true)
        return centred / (variance + epsilon).squareRoot() * weight + bias
    }
}
