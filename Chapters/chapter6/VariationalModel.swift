// The variational autoencoders of chapter 6: trained once per digit set (section 3) and per β (section 4).

import Book
import Models
import NeuralNetworks
import Notebook
import Tensors

/// A trained VAE, with a Float64 copy of it for the checks.
struct TrainedVAE {
    let model: VariationalAutoencoder<Float>
    let beta: Double

    /// What one VAE trains on, and how.
    struct Plan {
        let set: DigitSet
        let steps: Int
        let beta: Double
        let seed: UInt64
    }

    /// Trains two VAEs d → hidden → k at once, one per core, under one progress line.
    static func trainPair(_ book: Notebook, _ plans: (Plan, Plan), sizes: ChapterSizes, label: String) -> (TrainedVAE, TrainedVAE) {
        let progress = book.progress(label, total: plans.0.steps + plans.1.steps)
        let shared = SharedProgress(progress)
        func train(_ plan: Plan, showsLoss: Bool) -> TrainedVAE {
            shared.side { side in
                var generator = SeededGenerator(seed: plan.seed)
                let model = VariationalAutoencoder<Float>(inputSize: plan.set.d, hiddenSize: sizes.hiddenSize,
                                                          codeSize: sizes.vaeCodeSize, generator: &generator)
                trainVariationalAutoencoder(model, inputs: plan.set.train, steps: plan.steps, batchSize: sizes.batchSize,
                                            learningRate: 2e-3, beta: plan.beta, generator: &generator) { _, loss in
                    side.advance(loss: showsLoss ? loss : nil)
                }
                return TrainedVAE(model: model, beta: plan.beta)
            }
        }
        let pair = SideBySide.run({ train(plans.0, showsLoss: true) }, { train(plans.1, showsLoss: false) })
        progress.finish()
        return pair
    }

    /// The same model in Float64, parameter by parameter.
    func inDouble() -> VariationalAutoencoder<Double> {
        var generator = SeededGenerator(seed: 0)
        let copy = VariationalAutoencoder<Double>(inputSize: model.encoderHidden.weight.shape[1],
                                                  hiddenSize: model.encoderHidden.weight.shape[0],
                                                  codeSize: model.codeSize, generator: &generator)
        for (target, source) in zip(copy.parameters, model.parameters) {
            target.assign(source.converted(to: Double.self).scalars)
        }
        return copy
    }

    /// Rate and distortion on `images` [n, d], with one sample z ~ q(z|x) per image: the mean KL in bits,
    /// the mean squared error per pixel of the decoded probabilities, and −log p(x|z) in nats.
    func rateAndDistortion(_ images: Tensor<Float>, generator: inout SeededGenerator)
        -> (bits: Double, meanSquaredError: Double, nats: Double) {
        GradientRecording.withoutGradients {
            typealias VAE = VariationalAutoencoder<Float>
            let (mean, logVariance) = model.encode(images)                                          // [n, k]
            let noise = Tensor<Float>.randomNormal(mean.shape, generator: &generator)
            let z = VAE.reparameterised(mean: mean, logVariance: logVariance, noise: noise)
            let kl = VAE.gaussianKL(mean: mean, logVariance: logVariance).mean()
            let logits = model.decodeLogits(z)
            let error = meanSquaredError(logits.sigmoid().converted(to: Double.self), images.converted(to: Double.self))
            let likelihood = VAE.bernoulliLogLikelihood(logits: logits, targets: images).mean()
            return (Double(kl.scalar) / 0.6931471805599453, error.scalar, -Double(likelihood.scalar))
        }
    }
}
