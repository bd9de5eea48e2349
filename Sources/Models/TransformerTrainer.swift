import Tensors
import NeuralNetworks
import Optimizers
import Datasets

/// Trains a `TransformerAutoencoder<Float>` with Adam under teacher forcing on padded batches whose
/// targets end with the end token, and measures its greedy accuracy (decoding stops at the end token).
public final class TransformerTrainer: SequenceModelTrainer {
    /// The model being trained.
    public let model: TransformerAutoencoder<Float>
    /// The optimiser over every parameter of the model.
    public let optimizer: Adam<Float>
    /// The largest global gradient norm allowed; larger gradients are scaled down.
    public let maxGradientNorm: Float
    /// The loss of every step taken so far.
    public private(set) var losses: [Double] = []
    /// What is being trained, as the line that stops a diverged run names it.
    public var name = "the Transformer"

    /// Creates a trainer for `model` with Adam at `learningRate`.
    public init(model: TransformerAutoencoder<Float>, learningRate: Double = 1e-3, maxGradientNorm: Float = 1) {
        self.model = model
        optimizer = Adam(parameters: model.parameters, learningRate: learningRate)
        self.maxGradientNorm = maxGradientNorm
    }

    /// One update on a batch of (source, target) pairs; returns the batch's mean cross-entropy.
    ///
    /// A loss that is NaN or infinite stops the program (`stopDivergedTraining`) before the update.
    @discardableResult
    public func step(sources: [[Int]], targets: [[Int]]) -> Double {
        model.setTraining(true)
        model.zeroGradients()
        let loss = model.loss(teacherForcingBatch(sources: sources, targets: targets, operation: "TransformerTrainer.step"))
        let value = Double(loss.scalar)
        if !value.isFinite {
            stopDivergedTraining(name, step: losses.count + 1, loss: value, learningRate: optimizer.learningRate)
        }
        loss.backward()
        clipGradientNorm(model.parameters, maxNorm: maxGradientNorm)
        optimizer.step()
        losses.append(value)
        return value
    }

    /// Greedy decoding in evaluation mode, at most `maxLength` tokens per source.
    public func decode(sources: [[Int]], maxLength: Int) -> [[Int]] {
        _ = teacherForcingBatch(sources: sources, targets: sources, operation: "TransformerTrainer.decode")
        model.setTraining(false)
        defer { model.setTraining(true) }
        return model.greedyDecode(PaddedBatch(sources), maxLength: maxLength)
    }

    /// Greedy decoding of `sources` compared with `targets`, stopped after one token more than the
    /// longest target: a longer output could not be right in full, and tokens past a target's end
    /// count for nothing, so decoding further would change no accuracy (and each step of this decoder
    /// costs as much as all the steps before it).
    public func accuracy(sources: [[Int]], targets: [[Int]]) -> SequenceAccuracy {
        require(!targets.isEmpty, "TransformerTrainer.accuracy", "no examples: the lists of sources and targets are empty")
        _ = teacherForcingBatch(sources: sources, targets: targets, operation: "TransformerTrainer.accuracy")
        let predicted = decode(sources: sources, maxLength: (targets.map(\.count).max() ?? 0) + 1)
        return SequenceAccuracy(predicted: predicted, expected: targets)
    }

    /// The padded teacher-forcing batch of (source, target) pairs, checked against the model's vocabulary.
    func teacherForcingBatch(sources: [[Int]], targets: [[Int]], operation: String) -> TeacherForcingBatch {
        SequenceInputChecks.teacherForcingBatch(sources: sources, targets: targets,
                                                vocabularySize: model.configuration.vocabularySize, operation: operation)
    }
}
