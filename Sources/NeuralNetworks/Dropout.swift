import Tensors

/// Zeroes each element with probability p during training and scales the rest by 1/(1 − p),
/// so the expected value is unchanged; does nothing in evaluation mode.
public final class Dropout<Scalar: TensorScalar>: Module {
    /// The probability of zeroing an element.
    public let probability: Double
    /// Whether the layer is in training mode.
    public private(set) var isTraining = true
    private var generator: SeededGenerator

    /// Creates a dropout layer with its own seeded random numbers.
    public init(probability: Double, seed: UInt64) {
        require((0..<1).contains(probability), "Dropout", "probability must be in [0, 1), got \(probability)")
        self.probability = probability
        generator = SeededGenerator(seed: seed)
    }

    /// Switches between training and evaluation behaviour.
    public func setTrainingFlag(_ training: Bool) { isTraining = training }

    /// Applies dropout (in training mode) to `x`.
    public func callAsFunction(_ x: Tensor<Scalar>) -> Tensor<Scalar> {
        guard isTraining, probability > 0 else { return x }
        return x * Tensor.dropoutMask(x.shape, keepProbability: 1 - probability, generator: &generator)
    }
}
