// Section 3 of chapter 6, continued: samples from the prior and interpolation, beside a plain autoencoder.

import Book
import LinearAlgebra
import Models
import NeuralNetworks
import Notebook
import Plotting
import Tensors

/// Draws vae-samples.png and interpolation.png for the real digits. Returns how far the VAE's and the plain
/// autoencoder's decoded random codes lie from their nearest training images (MSE per pixel).
@discardableResult
func generationFigures(_ book: Notebook, _ vae: TrainedVAE, _ plain: TrainedAutoencoders, sizes: ChapterSizes)
    -> (vae: Double, plain: Double) {
    let set = plain.set, k = sizes.vaeCodeSize
    var generator = SeededGenerator(seed: book.seed &+ 900)
    let count = 12
    // The VAE: z from its prior. The plain MLP autoencoder of the same k: z from a Gaussian fitted to its training codes.
    let prior = Tensor<Float>.randomNormal([2 * count, k], generator: &generator)                      // [24, k]
    let vaeSamples = GradientRecording.withoutGradients { vae.model.decode(prior) }
    let codes = plain.codes(.mlp, k, set.train).converted(to: Double.self)                            // [n, k]
    let fitted = PrincipalComponents(data: codes)
    let plainDraws = fitted.gaussianSamples(count: 2 * count, generator: &generator).converted(to: Float.self)
    let plainSamples = plain.decode(.mlp, k, plainDraws)
    let real = set.test.gatherRows(Array(0..<count))
    let side = set.side
    func half(_ t: Tensor<Float>, _ part: Int) -> [[Float]] { rows(of: t.gatherRows(Array((part * count)..<((part + 1) * count)))) }
    book.prose("""
        Figure vae-samples.png shows what each model makes of random codes. The VAE's codes are drawn from its \
        prior N(0, I), the distribution its KL term pulled every q(z|x) towards. The plain MLP autoencoder \
        (section 1, k = \(k)) has no prior, so the fairest thing is to fit one: a Gaussian with the mean and the \
        full covariance of its training codes, sampled through their principal axes. Both decoders show pixel \
        probabilities, and the top row holds real held-out digits for scale.
        """)
    book.figure("vae-samples.png", caption: "decoded random codes: the VAE's from its prior, the plain autoencoder's "
                + "from a Gaussian fitted to its codes") { path in
        try ImageGrid(title: "Random codes, decoded (UCI digits, k = \(k))", rows: [
            ImageRow(caption: "real digits", images: rows(of: real), width: side, height: side),
            ImageRow(caption: "VAE, z ~ N(0, I)", images: half(vaeSamples, 0), width: side, height: side),
            ImageRow(caption: "", images: half(vaeSamples, 1), width: side, height: side),
            ImageRow(caption: "AE, Gaussian fit", images: half(plainSamples, 0), width: side, height: side),
            ImageRow(caption: "", images: half(plainSamples, 1), width: side, height: side),
        ]).write(to: path)
    }

    // How far each kind of image lies from its nearest training image (mean squared error per pixel).
    let many = 200
    let vaeMany = GradientRecording.withoutGradients {
        vae.model.decode(Tensor<Float>.randomNormal([many, k], generator: &generator))
    }
    let plainMany = plain.decode(.mlp, k, fitted.gaussianSamples(count: many, generator: &generator).converted(to: Float.self))
    let reference = set.test.gatherRows(Array(0..<many))
    let reconstructed = GradientRecording.withoutGradients { vae.model.decode(vae.model.encode(reference).mean) }
    let distances = [reference, reconstructed, vaeMany, plainMany].map { nearestTrainingDistance($0, set.train) }
    book.prose("""
        A number for what the eye sees: the mean squared error per pixel between an image and the training \
        image nearest to it, over \(many) images of each kind. Real held-out digits: \(fixed(distances[0], 4)); \
        the VAE's reconstructions of them (decoded μ): \(fixed(distances[1], 4)); the VAE's decoded prior \
        samples: \(fixed(distances[2], 4)); the plain autoencoder's decoded Gaussian samples: \(fixed(distances[3], 4)). \
        \(distances[2] < distances[3] ? "The VAE's random codes land nearer to real handwriting than the plain autoencoder's." : "By this measure the plain autoencoder's Gaussian samples are no worse than the VAE's: with a full-covariance Gaussian fitted to its codes, an 8-number code space of 8 × 8 digits has few holes, and the KL term's advantage does not show here.") \
        (The real digits' distance sets the scale: a new handwritten digit is that far from its nearest \
        training image.)
        """)

    // Interpolation between two held-out digits of different classes.
    let first = set.testLabels.firstIndex(of: 2)!, second = set.testLabels.firstIndex(of: 7)!
    let ends = set.test.gatherRows([first, second])                                                    // [2, d]
    let steps = 9
    let weights = Tensor<Float>.linearlySpaced(from: 0, to: 1, count: steps).reshaped(to: [steps, 1]) // [steps, 1]
    func between(_ pair: Tensor<Float>) -> Tensor<Float> {                                              // [2, f] → [steps, f]
        pair.select(alongAxis: 0, index: 0).reshaped(to: [1, pair.shape[1]]) * (1 - weights)
            + pair.select(alongAxis: 0, index: 1).reshaped(to: [1, pair.shape[1]]) * weights
    }
    let (vaeLine, plainLine) = GradientRecording.withoutGradients {
        (vae.model.decode(between(vae.model.encode(ends).mean)), plain.decode(.mlp, k, between(plain.codes(.mlp, k, ends))))
    }
    let faded = between(ends)
    let endRows = [0, steps - 1]
    let endErrors = (vae: Double(meanSquaredError(vaeLine.gatherRows(endRows), ends).scalar),
                     plain: Double(meanSquaredError(plainLine.gatherRows(endRows), ends).scalar))
    book.prose("""
        Figure interpolation.png walks from a held-out 2 to a held-out 7 in \(steps) steps. Cross-fading the \
        pixels passes through a 2 and a 7 laid over each other, two sets of strokes at half strength. The walks \
        in code space, from the code of the 2 to the code of the 7 (μ for the VAE), decode every step into one \
        blurred set of strokes that changes shape on the way. At 8 × 8 pixels the plain autoencoder's walk \
        looks much like the VAE's: between two codes that both exist, the plain code space has no hole to fall \
        into. Where the KL term shows is away from the training codes, in the random draws above. The \
        walks start and end at each model's reconstruction, not at the real digits: the VAE's ends differ from the \
        real 2 and 7 by MSE \(fixed(endErrors.vae, 4)) per pixel (mean of the two), the plain autoencoder's by \
        \(fixed(endErrors.plain, 4))\(endErrors.vae > endErrors.plain ? ": the VAE's β = 1 code keeps few bits (section 4)" : ""). 
        """)
    book.figure("interpolation.png", caption: "from a 2 to a 7: in the VAE's code space, in the plain autoencoder's, "
                + "and cross-faded in pixel space") { path in
        try ImageGrid(title: "Interpolating between two held-out digits", rows: [
            ImageRow(caption: "VAE latent", images: rows(of: vaeLine), width: side, height: side),
            ImageRow(caption: "AE latent", images: rows(of: plainLine), width: side, height: side),
            ImageRow(caption: "pixel fade", images: rows(of: faded), width: side, height: side),
        ]).write(to: path)
    }
    return (distances[2], distances[3])
}

/// The mean over rows of `images` [n, d] of the mean squared error per pixel to the nearest row of `training` [m, d].
func nearestTrainingDistance(_ images: Tensor<Float>, _ training: Tensor<Float>) -> Double {
    GradientRecording.withoutGradients {
        let d = Float(images.shape[1])
        let squared = images.squared().sum(alongAxis: 1, keepingDimensions: true)                       // [n, 1]
            + training.squared().sum(alongAxis: 1).reshaped(to: [1, training.shape[0]])                  // [1, m]
            - images.matmul(training, transposeOther: true) * 2                                           // [n, m]
        return Double((squared.min(alongAxis: 1) / d).mean().scalar)
    }
}
