// Chapter 2's autoencoders: the linear one that PCA predicts and the non-linear one that beats it.
import NeuralNetworks
import Tensors

/// q(x) = W_q x and p(z) = W_p z: an autoencoder with no non-linearity and no biases, for
/// mean-centred data (chapter 2 compares it with the principal components).
public final class LinearAutoencoder<S: TensorScalar>: Module {
    public typealias Scalar = S
    /// q: d → k, weight W_q [k, d].
    public let encoder: Linear<S>
    /// p: k → d, weight W_p [d, k].
    public let decoder: Linear<S>

    /// An autoencoder from `inputSize` numbers to a code of `codeSize` and back.
    public init(inputSize: Int, codeSize: Int, generator: inout SeededGenerator) {
        require(inputSize > 0 && codeSize > 0, "LinearAutoencoder",
                "sizes must be positive, got input \(inputSize) and code \(codeSize)")
        encoder = Linear(inputSize: inputSize, outputSize: codeSize, bias: false, generator: &generator)
        decoder = Linear(inputSize: codeSize, outputSize: inputSize, bias: false, generator: &generator)
    }

    public var submodules: [(name: String, module: any Module<S>)] { [("encoder", encoder), ("decoder", decoder)] }

    /// x [n, d] → z [n, k].
    public func encode(_ x: Tensor<S>) -> Tensor<S> { encoder(x) }
    /// z [n, k] → x̂ [n, d].
    public func decode(_ z: Tensor<S>) -> Tensor<S> { decoder(z) }
    /// x [n, d] → p(q(x)) [n, d].
    public func callAsFunction(_ x: Tensor<S>) -> Tensor<S> { decode(encode(x)) }
}

/// d → h → k → h → d with tanh in the hidden layers and a sigmoid on the output (pixels in 0…1).
public final class MLPAutoencoder<S: TensorScalar>: Module {
    public typealias Scalar = S
    /// d → h.
    public let encoderHidden: Linear<S>
    /// h → k.
    public let encoderCode: Linear<S>
    /// k → h.
    public let decoderHidden: Linear<S>
    /// h → d.
    public let decoderOutput: Linear<S>

    /// An autoencoder d → `hiddenSize` → `codeSize` → `hiddenSize` → d, with d = `inputSize`.
    public init(inputSize: Int, hiddenSize: Int, codeSize: Int, generator: inout SeededGenerator) {
        require(inputSize > 0 && hiddenSize > 0 && codeSize > 0, "MLPAutoencoder",
                "sizes must be positive, got input \(inputSize), hidden \(hiddenSize) and code \(codeSize)")
        encoderHidden = Linear(inputSize: inputSize, outputSize: hiddenSize, generator: &generator)
        encoderCode = Linear(inputSize: hiddenSize, outputSize: codeSize, generator: &generator)
        decoderHidden = Linear(inputSize: codeSize, outputSize: hiddenSize, generator: &generator)
        decoderOutput = Linear(inputSize: hiddenSize, outputSize: inputSize, generator: &generator)
    }

    /// PyTorch's names for the same model written as two `nn.Sequential(Linear, Tanh, Linear)`.
    public var submodules: [(name: String, module: any Module<S>)] {
        [("encoder.0", encoderHidden), ("encoder.2", encoderCode),
         ("decoder.0", decoderHidden), ("decoder.2", decoderOutput)]
    }

    /// x [n, d] → z [n, k].
    public func encode(_ x: Tensor<S>) -> Tensor<S> { encoderCode(encoderHidden(x).tanh()) }
    /// z [n, k] → x̂ [n, d] in (0, 1).
    public func decode(_ z: Tensor<S>) -> Tensor<S> { decoderOutput(decoderHidden(z).tanh()).sigmoid() }
    /// x [n, d] → p(q(x)) [n, d].
    public func callAsFunction(_ x: Tensor<S>) -> Tensor<S> { decode(encode(x)) }
}

/// The autoencoders' loss (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖²: the squared distance summed over the d pixels of a
/// row, averaged over the n rows. Its gradient is ∂L/∂x̂ᵢⱼ = (2/n)(x̂ᵢⱼ − xᵢⱼ).
public func reconstructionError<S: TensorScalar>(_ output: Tensor<S>, _ target: Tensor<S>) -> Tensor<S> {
    meanSquaredError(output, target) * S(Double(target.shape.last ?? 1))
}
