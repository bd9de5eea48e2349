// Training a linear and a non-linear autoencoder with the same bottleneck side by side.

import Foundation
import NeuralNetworks
import Optimizers
import Notebook
import Tensors

/// How long each model of the sweep trains.
struct SweepSettings: Sendable {
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
final class SweepEntry: @unchecked Sendable {
    let codeSize: Int
    var linear: LinearAutoencoder<Float>?
    var mlp: MLPAutoencoder<Float>?
    var linearHistory = LossHistory()
    var mlpHistory = LossHistory()
    init(codeSize: Int) { self.codeSize = codeSize }
}

/// The data the sweep trains on: raw pixels for the MLP, mean-centred pixels for the linear model.
struct SweepData: Sendable {
    var train: Tensor<Float>
    var validation: Tensor<Float>
    var centredTrain: Tensor<Float>
    var centredValidation: Tensor<Float>
}

/// Trains the linear autoencoder (on one core) and the MLP autoencoder (on the other) with code
/// size `k`. `progress` counts the steps of both (its total is `settings.stepsPerCodeSize`); the
/// MLP's thread reports them, and keeps reporting the linear model's steps if it finishes first.
func trainSideBySide(codeSize k: Int, data: SweepData, settings: SweepSettings, seed: UInt64,
                     progress: TrainingProgress) -> SweepEntry {
    let entry = SweepEntry(codeSize: k)
    let reporter = ProgressHandle(progress)
    let linearSteps = StepCounter(), mlpSteps = StepCounter()
    let d = data.train.shape[1]
    let threads = MatrixMultiply.maximumThreads
    MatrixMultiply.maximumThreads = 1
    DispatchQueue.concurrentPerform(iterations: 2) { side in
        if side == 0 {
            var generator = SeededGenerator(seed: seed &+ UInt64(2 * k))
            let model = LinearAutoencoder<Float>(inputSize: d, codeSize: k, generator: &generator)
            var first = train(model, model.callAsFunction, plan: TrainingPlan(
                inputs: data.centredTrain, validation: data.centredValidation, steps: settings.linearMinibatchSteps,
                batchSize: settings.batchSize, learningRate: 1e-2), generator: &generator, progress: nil,
                counter: linearSteps)
            let second = train(model, model.callAsFunction, plan: TrainingPlan(
                inputs: data.centredTrain, validation: data.centredValidation, steps: settings.linearFullBatchSteps,
                batchSize: nil, learningRate: 1e-3), generator: &generator, progress: nil, counter: linearSteps)
            let offset = Double(settings.linearMinibatchSteps)
            first.steps += second.steps.map { $0 + offset }
            first.train += second.train
            first.validationSteps += second.validationSteps.dropFirst().map { $0 + offset }
            first.validation += second.validation.dropFirst()
            entry.linear = model
            entry.linearHistory = first
        } else {
            var generator = SeededGenerator(seed: seed &+ UInt64(2 * k + 1))
            let model = MLPAutoencoder<Float>(inputSize: d, hiddenSize: settings.hiddenSize, codeSize: k,
                                              generator: &generator)
            entry.mlpHistory = train(model, model.callAsFunction, plan: TrainingPlan(
                inputs: data.train, validation: data.validation, steps: settings.mlpSteps,
                batchSize: settings.batchSize, learningRate: 3e-3), generator: &generator, progress: nil,
                counter: mlpSteps) { loss in
                reporter.progress.update(step: mlpSteps.value + linearSteps.value, loss: loss)
            }
            entry.mlp = model
            // The linear model may still be training: keep its progress visible until it is done.
            while linearSteps.value < settings.linearSteps {
                usleep(100_000)
                reporter.progress.update(step: mlpSteps.value + linearSteps.value, loss: entry.mlpHistory.train.last)
            }
        }
    }
    MatrixMultiply.maximumThreads = threads
    return entry
}

/// A step count one thread advances and another reads.
final class StepCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    /// Adds one step.
    func advance() { lock.lock(); count += 1; lock.unlock() }
    /// The steps so far.
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// Hands the progress line to the one training thread that reports to it (the other never does).
final class ProgressHandle: @unchecked Sendable {
    let progress: TrainingProgress
    init(_ progress: TrainingProgress) { self.progress = progress }
}
