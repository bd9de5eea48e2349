import Tensors

/// One LSTM step: PyTorch's `nn.LSTMCell`, gates in the order input, forget, cell, output
/// (the step's math, forward and backward, is in `LSTMStep.swift`).
///
///     i = σ(Wᵢᵢx + bᵢᵢ + Wₕᵢh + bₕᵢ)      f = σ(W_if x + b_if + W_hf h + b_hf)
///     g = tanh(W_ig x + b_ig + W_hg h + b_hg)  o = σ(W_io x + b_io + W_ho h + b_ho)
///     c′ = f⊙c + i⊙g                        h′ = o⊙tanh(c′)
public final class LSTMCell<Scalar: TensorScalar>: Module {
    /// Input-to-hidden weights [4·hidden, input].
    public let weightIH: Tensor<Scalar>
    /// Hidden-to-hidden weights [4·hidden, hidden].
    public let weightHH: Tensor<Scalar>
    /// Input-to-hidden bias [4·hidden].
    public let biasIH: Tensor<Scalar>
    /// Hidden-to-hidden bias [4·hidden].
    public let biasHH: Tensor<Scalar>
    /// The size of the input vectors.
    public let inputSize: Int
    /// The size of h and c.
    public let hiddenSize: Int
    /// The suffix PyTorch adds to names in a stacked LSTM (`_l0`), empty for a lone cell.
    let nameSuffix: String

    /// Creates a cell initialised as PyTorch does: uniform in ±1/√hidden.
    public init(inputSize: Int, hiddenSize: Int, generator: inout SeededGenerator, nameSuffix: String = "") {
        require(inputSize > 0 && hiddenSize > 0, "LSTMCell", "sizes must be positive, got \(inputSize), \(hiddenSize)")
        self.inputSize = inputSize
        self.hiddenSize = hiddenSize
        self.nameSuffix = nameSuffix
        let bound = 1 / Scalar(hiddenSize).squareRoot()
        func uniform(_ shape: [Int]) -> Tensor<Scalar> {
            Tensor.randomUniform(shape, low: -bound, high: bound, generator: &generator, requiresGradient: true)
        }
        weightIH = uniform([4 * hiddenSize, inputSize])
        weightHH = uniform([4 * hiddenSize, hiddenSize])
        biasIH = uniform([4 * hiddenSize])
        biasHH = uniform([4 * hiddenSize])
    }

    /// This module's own parameters, with the names PyTorch gives them.
    public var ownParameters: [(name: String, tensor: Tensor<Scalar>)] {
        [("weight_ih" + nameSuffix, weightIH), ("weight_hh" + nameSuffix, weightHH),
         ("bias_ih" + nameSuffix, biasIH), ("bias_hh" + nameSuffix, biasHH)]
    }

    /// W_ih·x + b_ih + b_hh for inputs [..., input], giving [..., 4·hidden]; can be done for all steps at once.
    public func inputProjection(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        guard x.shape.last == inputSize else {
            shapeFailure("LSTMCell", "input \(describe(x.shape)) does not end in the input size \(inputSize)")
        }
        return x.matmul(weightIH, transposeOther: true, adding: biasIH + biasHH)
    }

    /// One step from x [batch, input] and the state (h, c), each [batch, hidden]; returns (h′, c′).
    public func callAsFunction(_ x: Tensor<Scalar>, state: (h: Tensor<Scalar>, c: Tensor<Scalar>))
        -> (h: Tensor<Scalar>, c: Tensor<Scalar>) {
        step(.projected(inputProjection(x)), state: state)  // see LSTMStep.swift
    }

    /// A zero state for a batch.
    public func zeroState(batchSize: Int) -> (h: Tensor<Scalar>, c: Tensor<Scalar>) {
        (Tensor.zeros([batchSize, hiddenSize]), Tensor.zeros([batchSize, hiddenSize]))
    }
}
