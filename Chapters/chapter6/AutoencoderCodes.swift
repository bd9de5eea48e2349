// Chapter 2's three ways to a k-number code, trained once on each digit set and shared by sections 1 and 2.

import Book
import Models
import Notebook
import Tensors

/// Which model makes the code.
enum CodeModel: String, CaseIterable {
    case pca = "PCA"
    case linear = "linear AE"
    case mlp = "MLP AE"
}

/// The autoencoders of every code size k for one digit set: encoders to codes and decoders back.
struct TrainedAutoencoders {
    let set: DigitSet
    let linear: [Int: LinearAutoencoder<Float>]
    let mlp: [Int: MLPAutoencoder<Float>]

    /// The codes [n, k] that `model` gives `images` [n, d].
    func codes(_ model: CodeModel, _ k: Int, _ images: Tensor<Float>) -> Tensor<Float> {
        GradientRecording.withoutGradients {
            switch model {
            case .pca: return (images - set.meanRow).matmul(set.pca.basis(k).converted(to: Float.self))   // [n, k]
            case .linear: return linear[k]!.encode(images - set.meanRow)
            case .mlp: return mlp[k]!.encode(images)
            }
        }
    }

    /// The images [n, d] that `model`'s decoder makes of `codes` [n, k].
    func decode(_ model: CodeModel, _ k: Int, _ codes: Tensor<Float>) -> Tensor<Float> {
        GradientRecording.withoutGradients {
            switch model {
            case .pca: return codes.matmul(set.pca.basis(k).converted(to: Float.self), transposeOther: true) + set.meanRow
            case .linear: return linear[k]!.decode(codes) + set.meanRow
            case .mlp: return mlp[k]!.decode(codes)
            }
        }
    }

    /// Trains a linear and an MLP autoencoder for every k of `sizes`, the two on the two cores at once.
    static func train(_ book: Notebook, _ set: DigitSet, sizes: ChapterSizes, seed: UInt64) -> TrainedAutoencoders {
        var linear: [Int: LinearAutoencoder<Float>] = [:], mlp: [Int: MLPAutoencoder<Float>] = [:]
        let centredTrain = set.train - set.meanRow, centredTest = set.test - set.meanRow
        let linearSteps = sizes.autoencoderSteps + sizes.linearSettlingSteps
        let progress = book.progress("\(set.name): linear and MLP autoencoders, k = "
                                     + sizes.codeSizes.map(String.init).joined(separator: ", "),
                                     total: sizes.codeSizes.count * (linearSteps + sizes.autoencoderSteps))
        let shared = SharedProgress(progress)
        for k in sizes.codeSizes {
            let (a, b) = SideBySide.run({ shared.side { side in
                var generator = SeededGenerator(seed: seed &+ UInt64(2 * k))
                let model = LinearAutoencoder<Float>(inputSize: set.d, codeSize: k, generator: &generator)
                _ = trainReconstruction(model, model.callAsFunction, plan: TrainingPlan(
                    inputs: centredTrain, validation: centredTest, steps: sizes.autoencoderSteps,
                    batchSize: sizes.batchSize, learningRate: 1e-2, validationEvery: sizes.autoencoderSteps),
                    generator: &generator) { _, _ in side.advance() }
                _ = trainReconstruction(model, model.callAsFunction, plan: TrainingPlan(
                    inputs: centredTrain, validation: centredTest, steps: sizes.linearSettlingSteps,
                    batchSize: nil, learningRate: 1e-3, validationEvery: sizes.linearSettlingSteps),
                    generator: &generator) { _, _ in side.advance() }
                return model
            } }, { shared.side { side in
                var generator = SeededGenerator(seed: seed &+ UInt64(2 * k + 1))
                let model = MLPAutoencoder<Float>(inputSize: set.d, hiddenSize: sizes.hiddenSize, codeSize: k,
                                                  generator: &generator)
                _ = trainReconstruction(model, model.callAsFunction, plan: TrainingPlan(
                    inputs: set.train, validation: set.test, steps: sizes.autoencoderSteps,
                    batchSize: sizes.batchSize, learningRate: 3e-3, validationEvery: sizes.autoencoderSteps),
                    generator: &generator) { side.advance(loss: $1) }
                return model
            } })
            linear[k] = a
            mlp[k] = b
        }
        progress.finish()
        return TrainedAutoencoders(set: set, linear: linear, mlp: mlp)
    }
}
