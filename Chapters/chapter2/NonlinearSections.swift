// Sections 6 and 7 of chapter 2: the non-linear autoencoder, its figures, and denoising.

import Datasets
import NeuralNetworks
import Optimizers
import Notebook
import Plotting
import Tensors

/// The mean of every block of `width` consecutive values (the loss curve smoothed for plotting).
func blockMeans(_ values: [Double], width: Int) -> [Double] {
    Tensor<Double>(values).reshaped(to: [-1, width]).mean(alongAxis: 1).scalars
}

/// Rows of `images` [n, d] as arrays, for image grids.
func imageRows(_ images: Tensor<Float>) -> [[Float]] {
    (0..<images.shape[0]).map { images.select(alongAxis: 0, index: $0).scalars }
}

@MainActor
func includeNonlinearSections() {
    book.section("A non-linear autoencoder")
    book.prose("""
        A linear autoencoder can only rebuild the input from a flat k-dimensional slice through the \
        mean: it is PCA in disguise. Non-linear layers let the code describe a curved surface \
        instead. Our encoder is d → \(settings.hiddenSize) → k with a tanh after the first layer; the \
        decoder is k → \(settings.hiddenSize) → d with a tanh in the middle and a sigmoid at the end, \
        so every output pixel lies between 0 and 1 like the input. It sees the raw pixels (no \
        centring) and was trained above with Adam, learning rate 3e-3, minibatches of \
        \(settings.batchSize), for \(settings.mlpSteps) steps per k.
        """)
    let validationD = xValidation.converted(to: Double.self)
    let pcaValidation = codeSizes.map { k in
        reconstructionError(pca.reconstruct(validationD, keeping: k), validationD).scalar
    }
    let mlpValidation = codeSizes.map { k in
        Double(GradientRecording.withoutGradients { reconstructionError(sweep[k]!.mlp!(xValidation), xValidation) }.scalar)
    }
    let table = zip(codeSizes, zip(pcaValidation, mlpValidation)).map { k, errors in
        "k = \(k): PCA \(fixed(errors.0, 3)), MLP \(fixed(errors.1, 3))"
    }
    book.prose("Validation error (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖², PCA fitted on the training rows, against the MLP:")
    book.list(table)
    let smallest = codeSizes[0]
    book.prose("""
        With the tightest bottleneck, k = \(smallest), the non-linear model rebuilds the validation \
        images with error \(fixed(mlpValidation[0], 3)) where the best linear projection leaves \
        \(fixed(pcaValidation[0], 3)): two numbers are too few for a flat slice to tell ten digits \
        apart, but a curved one can wind through the data. \(quick ? "(In --quick mode the models are " + "trained for only a few hundred steps, so the gap is smaller.)" : "")
        """)
    book.check("MLP beats PCA on validation at k = \(smallest)", passed: mlpValidation[0] < pcaValidation[0],
               detail: "\(fixed(mlpValidation[0], 3)) < \(fixed(pcaValidation[0], 3))")

    let shown = sweep[pictureCodeSize]!
    book.figure("loss.png", caption: "training and validation error while training the k = \(pictureCodeSize) "
                + "autoencoders (training error averaged over blocks of 50 steps)") { path in
        var chart = LineChart(title: "Reconstruction error while training (k = \(pictureCodeSize))",
                              xLabel: "step", yLabel: "error per image, mean of |x - x_hat|^2", yScale: .log)
        let mlpTrain = blockMeans(shown.mlpHistory.train, width: 50)
        chart.add(series: "MLP, training", x: mlpTrain.indices.map { Double($0 * 50 + 25) }, y: mlpTrain)
        chart.add(series: "MLP, validation", x: shown.mlpHistory.validationSteps,
                  y: shown.mlpHistory.validation, marker: .circle)
        let linearTrain = blockMeans(shown.linearHistory.train, width: 50)
        chart.add(series: "linear, training", x: linearTrain.indices.map { Double($0 * 50 + 25) }, y: linearTrain)
        chart.add(series: "linear, validation", x: shown.linearHistory.validationSteps,
                  y: shown.linearHistory.validation, marker: .square)
        try chart.write(to: path)
    }

    let gapAtEnd = shown.mlpHistory.validation.last! - blockMeans(shown.mlpHistory.train, width: 50).last!
    book.prose("""
        In loss.png the linear model settles within a few hundred steps, at the error PCA predicts, \
        while the MLP keeps improving for thousands of steps and ends below it. Its validation \
        error stays above its training error (by \(fixed(gapAtEnd, 3)) per image at the end): \
        with \(trainCount) images and \(shown.mlp!.parameterCount) parameters it starts to fit \
        the particular training images, not only digits in general.
        """)

    // One validation image of each digit, in order.
    let examples = (0..<10).map { digit in validationSet.labels.firstIndex(of: digit)! }
    let exampleImages = xValidation.gatherRows(examples)
    let reconstructions = GradientRecording.withoutGradients {
        (mlp: shown.mlp!(exampleImages), linear: shown.linear!(exampleImages - meanRow) + meanRow,
         tight: sweep[smallest]!.mlp!(exampleImages))
    }
    book.figure("reconstructions.png", caption: "validation digits (top) and their reconstructions by the "
                + "MLP and linear autoencoders") { path in
        try ImageGrid(title: "Inputs and reconstructions", rows: [
            ImageRow(caption: "input", images: imageRows(exampleImages), width: side, height: side),
            ImageRow(caption: "MLP k=\(pictureCodeSize)", images: imageRows(reconstructions.mlp), width: side, height: side),
            ImageRow(caption: "linear k=\(pictureCodeSize)", images: imageRows(reconstructions.linear), width: side, height: side),
            ImageRow(caption: "MLP k=\(smallest)", images: imageRows(reconstructions.tight), width: side, height: side),
        ]).write(to: path)
    }

    let codes = GradientRecording.withoutGradients { sweep[smallest]!.mlp!.encode(xValidation) }   // [n, 2]
    book.figure("latent-2d.png", caption: "the 2-number codes of the validation digits, coloured by digit") { path in
        var scatter = ScatterPlot(title: "Codes of the k = \(smallest) MLP autoencoder", xLabel: "code z1",
                                  yLabel: "code z2")
        for digit in 0..<10 {
            let members = validationSet.labels.indices.filter { validationSet.labels[$0] == digit }
            let chosen = codes.gatherRows(members)
            scatter.add(class: "\(digit)", x: chosen.select(alongAxis: 1, index: 0).scalars,
                        y: chosen.select(alongAxis: 1, index: 1).scalars)
        }
        try scatter.write(to: path)
    }
    book.prose("""
        The autoencoder was never told the digits' labels, yet in latent-2d.png images of the same \
        digit tend to get nearby codes: the code keeps what distinguishes the images most, and the \
        digit is a large part of that.
        """)

    book.figure("error-vs-k.png", caption: "reconstruction error against the size of the code k") { path in
        var chart = LineChart(title: "Reconstruction error against code size", xLabel: "code size k",
                              yLabel: "error per image", xScale: .log, yScale: .log)
        let dense = Array(1...min(64, d))
        chart.add(series: "PCA bound (training)", x: dense.map(Double.init),
                  y: dense.map { pca.reconstructionError(keeping: $0) })
        chart.add(series: "linear AE (training)", x: codeSizes.map(Double.init),
                  y: codeSizes.map { linearTrainingError(sweep[$0]!.linear!) }, marker: .circle)
        chart.add(series: "PCA (validation)", x: codeSizes.map(Double.init), y: pcaValidation, marker: .square)
        chart.add(series: "MLP AE (validation)", x: codeSizes.map(Double.init), y: mlpValidation, marker: .circle)
        try chart.write(to: path)
    }

    book.prose("""
        In error-vs-k.png the linear autoencoders (circles) sit on the PCA curve at every k, as the \
        theory says they must; PCA applied to the validation images does almost as well as on the \
        training images, since its \(d)×\(d) covariance is estimated from many images. The MLP \
        lies below both, most clearly for small k, where bending the code's surface matters most.
        """)

    includeDenoisingSection(examples: exampleImages)
}
