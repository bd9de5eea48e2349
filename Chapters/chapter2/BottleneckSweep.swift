// The bottleneck sweep of chapter 2: for each code size k, a linear and a non-linear autoencoder
// trained at the same time, one per core.

import Book
import Models
import Notebook
import Tensors

/// How long each model of the sweep trains.
struct SweepSettings {
    /// Minibatch Adam steps of the linear autoencoder (learning rate 1e-2).
    var linearMinibatchSteps: Int
    /// Full-batch Adam steps that follow (learning rate 1e-3), to settle on the optimum.
    var linearFullBatchSteps: Int
    /// Minibatch Adam steps of the MLP autoencoder (learning rate 3e-3).
    var mlpSteps: Int
    /// Rows per minibatch.
    var batchSize: Int
    /// Width of the MLP's hidden layers.
    var hiddenSize: Int
    /// All the linear autoencoder's steps.
    var linearSteps: Int { linearMinibatchSteps + linearFullBatchSteps }
    /// The steps of both models trained for one code size.
    var stepsPerCodeSize: Int { linearSteps + mlpSteps }
}

/// The two models trained for one bottleneck size k, and their loss curves.
struct SweepEntry {
    let linear: LinearAutoencoder<Float>
    let linearHistory: LossHistory
    let mlp: MLPAutoencoder<Float>
    let mlpHistory: LossHistory
}

/// Trains both autoencoders for every k of `digits.codeSizes`, each pair on the two cores at once.
func trainSweep(_ book: Notebook, _ digits: DigitData, settings: SweepSettings) -> [Int: SweepEntry] {
    let centredTrain = digits.xTrain - digits.meanRow, centredValidation = digits.xValidation - digits.meanRow
    var sweep: [Int: SweepEntry] = [:]
    for k in digits.codeSizes {
        let progress = book.progress("k = \(k)", total: settings.stepsPerCodeSize)
        let shared = SharedProgress(progress)
        let seed = book.seed &+ 100
        let (linear, mlp) = SideBySide.run({ shared.side { side in
            var generator = SeededGenerator(seed: seed &+ UInt64(2 * k))
            let model = LinearAutoencoder<Float>(inputSize: digits.d, codeSize: k, generator: &generator)
            let first = trainReconstruction(model, model.callAsFunction, plan: TrainingPlan(
                inputs: centredTrain, validation: centredValidation, steps: settings.linearMinibatchSteps,
                batchSize: settings.batchSize, learningRate: 1e-2), generator: &generator) { _, _ in side.advance() }
            let second = trainReconstruction(model, model.callAsFunction, plan: TrainingPlan(
                inputs: centredTrain, validation: centredValidation, steps: settings.linearFullBatchSteps,
                batchSize: nil, learningRate: 1e-3), generator: &generator) { _, _ in side.advance() }
            return (model, first.followed(by: second))
        } }, { shared.side { side in
            var generator = SeededGenerator(seed: seed &+ UInt64(2 * k + 1))
            let model = MLPAutoencoder<Float>(inputSize: digits.d, hiddenSize: settings.hiddenSize, codeSize: k,
                                              generator: &generator)
            let history = trainReconstruction(model, model.callAsFunction, plan: TrainingPlan(
                inputs: digits.xTrain, validation: digits.xValidation, steps: settings.mlpSteps,
                batchSize: settings.batchSize, learningRate: 3e-3), generator: &generator) { side.advance(loss: $1) }
            return (model, history)
        } })
        let entry = SweepEntry(linear: linear.0, linearHistory: linear.1, mlp: mlp.0, mlpHistory: mlp.1)
        progress.finish(note: "validation: MLP \(fixed(entry.mlpHistory.validation.last!, 2)), "
                        + "linear \(fixed(entry.linearHistory.validation.last!, 2))")
        sweep[k] = entry
    }
    return sweep
}
