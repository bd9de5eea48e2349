// Section 7 of chapter 2: a denoising autoencoder.

import Datasets
import NeuralNetworks
import Notebook
import Plotting
import Tensors

@MainActor
func includeDenoisingSection(examples: Tensor<Float>) {
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
        We train the same MLP architecture with k = \(pictureCodeSize) for \(settings.mlpSteps) steps.
        """)
    var generator = SeededGenerator(seed: book.seed &+ 300)
    let model = MLPAutoencoder<Float>(inputSize: d, hiddenSize: settings.hiddenSize, codeSize: pictureCodeSize,
                                      generator: &generator)
    let progress = book.progress("denoising", total: settings.mlpSteps)
    let history = train(model, model.callAsFunction, plan: TrainingPlan(
        inputs: xTrain, validation: xValidation, steps: settings.mlpSteps, batchSize: settings.batchSize,
        learningRate: 3e-3, inputNoise: sigma), generator: &generator, progress: progress)
    progress.finish(note: "validation \(fixed(history.validation.last!, 2))")

    // One fixed corruption of the validation set, shared by every comparison below.
    var noiseGenerator = SeededGenerator(seed: book.seed &+ 301)
    let noisyValidation = noisy(xValidation, sigma, &noiseGenerator)
    let errors = GradientRecording.withoutGradients {
        (noisy: Double(reconstructionError(noisyValidation, xValidation).scalar),
         denoised: Double(reconstructionError(model(noisyValidation), xValidation).scalar),
         plain: Double(reconstructionError(sweep[pictureCodeSize]!.mlp!(noisyValidation), xValidation).scalar),
         clean: Double(reconstructionError(model(xValidation), xValidation).scalar))
    }
    book.prose("""
        On the noisy validation images the noise itself costs \(fixed(errors.noisy, 2)) per image \
        (its expected value is d·σ² = \(fixed(Double(d) * sigma * sigma, 1))). The \
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
    let plain = GradientRecording.withoutGradients { sweep[pictureCodeSize]!.mlp!(noisyExamples) }
    book.figure("denoising.png", caption: "noisy validation digits, the denoising autoencoder's output, "
                + "the plain autoencoder's output, and the clean digits") { path in
        try ImageGrid(title: "Denoising (noise σ = \(sigma))", rows: [
            ImageRow(caption: "noisy input", images: imageRows(noisyExamples), width: side, height: side),
            ImageRow(caption: "denoised", images: imageRows(denoised), width: side, height: side),
            ImageRow(caption: "plain AE", images: imageRows(plain), width: side, height: side),
            ImageRow(caption: "clean", images: imageRows(examples), width: side, height: side),
        ]).write(to: path)
    }
}
