// Section 7 of chapter 2: a denoising autoencoder.

import Book
import Models
import Notebook
import Plotting
import Tensors

/// Trains an MLP autoencoder to undo Gaussian noise and compares it with the plain one; draws denoising.png.
func denoisingSection(_ book: Notebook, _ digits: DigitData, _ sweep: [Int: SweepEntry], sizes: ChapterSizes,
                      examples: Tensor<Float>) {
    let sigma = 0.3
    book.section("A denoising autoencoder")
    book.prose("""
        A bottleneck is one way to stop an autoencoder from copying; another is to make copying \
        useless. A denoising autoencoder receives a corrupted input x̃ = x + ε, here with Gaussian \
        noise ε of standard deviation \(sigma) on every pixel (fresh noise at every step), and is \
        trained to output the clean x:
        """)
    book.formula("minimise  E ‖x − p(q(x + ε))‖²   over q and p,   ε ~ N(0, \(sigma)² I)")
    book.prose("""
        To do that it must learn what digits look like and pull a noisy image back towards them. \
        We train the same MLP architecture with k = \(sizes.pictureCodeSize) for \(sizes.sweep.mlpSteps) steps.
        """)
    var generator = SeededGenerator(seed: book.seed &+ 300)
    let model = MLPAutoencoder<Float>(inputSize: digits.d, hiddenSize: sizes.sweep.hiddenSize, codeSize: sizes.pictureCodeSize,
                                      generator: &generator)
    let progress = book.progress("denoising", total: sizes.sweep.mlpSteps)
    let history = trainReconstruction(model, model.callAsFunction, plan: TrainingPlan(
        inputs: digits.xTrain, validation: digits.xValidation, steps: sizes.sweep.mlpSteps, batchSize: sizes.sweep.batchSize,
        learningRate: 3e-3, inputNoise: sigma), generator: &generator) { progress.update(step: $0, loss: $1) }
    progress.finish(note: "validation \(fixed(history.validation.last!, 2))")

    // One fixed corruption of the validation set, shared by every comparison below.
    var noiseGenerator = SeededGenerator(seed: book.seed &+ 301)
    let noisyValidation = noisy(digits.xValidation, sigma, &noiseGenerator)
    let errors = GradientRecording.withoutGradients {
        (noisy: Double(reconstructionError(noisyValidation, digits.xValidation).scalar),
         denoised: Double(reconstructionError(model(noisyValidation), digits.xValidation).scalar),
         plain: Double(reconstructionError(sweep[sizes.pictureCodeSize]!.mlp(noisyValidation), digits.xValidation).scalar),
         clean: Double(reconstructionError(model(digits.xValidation), digits.xValidation).scalar))
    }
    book.prose("""
        On the noisy validation images the noise itself costs \(fixed(errors.noisy, 2)) per image \
        (its expected value is d·σ² = \(fixed(Double(digits.d) * sigma * sigma, 1))). The \
        denoising autoencoder brings the error against the clean images down to \
        \(fixed(errors.denoised, 3)); the plain autoencoder with the same k, which never saw noise \
        in training, reaches \(fixed(errors.plain, 3)) on the same inputs. On clean inputs the \
        denoiser's error is \(fixed(errors.clean, 3)).
        """)
    book.check("denoised error below the noise's own error", passed: errors.denoised < errors.noisy,
               detail: "\(fixed(errors.denoised, 3)) < \(fixed(errors.noisy, 3))")
    book.check("denoising AE beats the plain AE on noisy inputs", passed: errors.denoised < errors.plain,
               detail: "\(fixed(errors.denoised, 3)) < \(fixed(errors.plain, 3))")

    var exampleNoise = SeededGenerator(seed: book.seed &+ 302)
    let noisyExamples = noisy(examples, sigma, &exampleNoise)
    let denoised = GradientRecording.withoutGradients { model(noisyExamples) }
    let plain = GradientRecording.withoutGradients { sweep[sizes.pictureCodeSize]!.mlp(noisyExamples) }
    book.figure("denoising.png", caption: "noisy validation digits, the denoising autoencoder's output, "
                + "the plain autoencoder's output, and the clean digits") { path in
        try ImageGrid(title: "Denoising (noise σ = \(sigma))", rows: [
            ImageRow(caption: "noisy input", images: rows(of: noisyExamples), width: digits.side, height: digits.side),
            ImageRow(caption: "denoised", images: rows(of: denoised), width: digits.side, height: digits.side),
            ImageRow(caption: "plain AE", images: rows(of: plain), width: digits.side, height: digits.side),
            ImageRow(caption: "clean", images: rows(of: examples), width: digits.side, height: digits.side),
        ]).write(to: path)
    }
}
