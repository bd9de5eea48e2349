// Section 6 of chapter 2: the non-linear autoencoder against PCA, and the chapter's figures of it.

import Book
import Models
import Notebook
import Plotting
import Tensors

/// Compares the MLP autoencoders with PCA on validation images and draws loss.png,
/// reconstructions.png, latent-2d.png and error-vs-k.png. Returns one validation image per digit.
func nonlinearSection(_ book: Notebook, _ digits: DigitData, _ sweep: [Int: SweepEntry], sizes: ChapterSizes)
    -> Tensor<Float> {
    book.section("A non-linear autoencoder")
    book.prose("""
        A linear autoencoder can only rebuild the input from a flat k-dimensional slice through the \
        mean: it is PCA in disguise. Non-linear layers let the code describe a curved surface \
        instead. Our encoder is d → \(sizes.sweep.hiddenSize) → k with a tanh after the first layer; the \
        decoder is k → \(sizes.sweep.hiddenSize) → d with a tanh in the middle and a sigmoid at the end, \
        so every output pixel lies between 0 and 1 like the input. It sees the raw pixels (no \
        centring) and was trained above with Adam, learning rate 3e-3, minibatches of \
        \(sizes.sweep.batchSize), for \(sizes.sweep.mlpSteps) steps per k.
        """)
    let validationD = digits.xValidation.converted(to: Double.self)
    let pcaValidation = digits.codeSizes.map { k in
        reconstructionError(digits.pca.reconstruct(validationD, keeping: k), validationD).scalar
    }
    let mlpValidation = digits.codeSizes.map { k in
        Double(GradientRecording.withoutGradients { reconstructionError(sweep[k]!.mlp(digits.xValidation), digits.xValidation) }.scalar)
    }
    let table = zip(digits.codeSizes, zip(pcaValidation, mlpValidation)).map { k, errors in
        "k = \(k): PCA \(fixed(errors.0, 3)), MLP \(fixed(errors.1, 3))"
    }
    book.prose("Validation error (1/n) Σᵢ ‖xᵢ − x̂ᵢ‖², PCA fitted on the training rows, against the MLP:")
    book.list(table)
    let smallest = digits.codeSizes[0]
    book.prose("""
        With the tightest bottleneck, k = \(smallest), the non-linear model rebuilds the validation \
        images with error \(fixed(mlpValidation[0], 3)) where the best linear projection leaves \
        \(fixed(pcaValidation[0], 3)): two numbers are too few for a flat slice to tell ten digits \
        apart, but a curved one can wind through the data. \(book.quick ? "(In --quick mode the models are " + "trained for only a few hundred steps, so the gap is smaller.)" : "")
        """)
    book.check("MLP beats PCA on validation at k = \(smallest)", passed: mlpValidation[0] < pcaValidation[0],
               detail: "\(fixed(mlpValidation[0], 3)) < \(fixed(pcaValidation[0], 3))")

    let shown = sweep[sizes.pictureCodeSize]!
    book.figure("loss.png", caption: "training and validation error while training the k = \(sizes.pictureCodeSize) "
                + "autoencoders (training error averaged over blocks of 50 steps)") { path in
        var chart = LineChart(title: "Reconstruction error while training (k = \(sizes.pictureCodeSize))",
                              xLabel: "step", yLabel: "error per image, mean of |x - x_hat|^2", yScale: .log)
        let mlpTrain = windowMeans(shown.mlpHistory.train, window: 50)
        chart.add(series: "MLP, training", x: mlpTrain.indices.map { Double($0 * 50 + 25) }, y: mlpTrain)
        chart.add(series: "MLP, validation", x: shown.mlpHistory.validationSteps,
                  y: shown.mlpHistory.validation, marker: .circle)
        let linearTrain = windowMeans(shown.linearHistory.train, window: 50)
        chart.add(series: "linear, training", x: linearTrain.indices.map { Double($0 * 50 + 25) }, y: linearTrain)
        chart.add(series: "linear, validation", x: shown.linearHistory.validationSteps,
                  y: shown.linearHistory.validation, marker: .square)
        try chart.write(to: path)
    }

    let gapAtEnd = shown.mlpHistory.validation.last! - windowMeans(shown.mlpHistory.train, window: 50).last!
    book.prose("""
        In loss.png the linear model settles within a few hundred steps, at the error PCA predicts, \
        while the MLP keeps improving for thousands of steps and ends below it. Its validation \
        error stays above its training error (by \(fixed(gapAtEnd, 3)) per image at the end): \
        with \(sizes.trainCount) images and \(shown.mlp.parameterCount) parameters it starts to fit \
        the particular training images, not only digits in general.
        """)

    // One validation image of each digit, in order.
    let examples = (0..<10).map { digit in digits.validationSet.labels.firstIndex(of: digit)! }
    let exampleImages = digits.xValidation.gatherRows(examples)
    let reconstructions = GradientRecording.withoutGradients {
        (mlp: shown.mlp(exampleImages), linear: shown.linear(exampleImages - digits.meanRow) + digits.meanRow,
         tight: sweep[smallest]!.mlp(exampleImages))
    }
    book.figure("reconstructions.png", caption: "validation digits (top) and their reconstructions by the "
                + "MLP and linear autoencoders") { path in
        try ImageGrid(title: "Inputs and reconstructions", rows: [
            ImageRow(caption: "input", images: rows(of: exampleImages), width: digits.side, height: digits.side),
            ImageRow(caption: "MLP k=\(sizes.pictureCodeSize)", images: rows(of: reconstructions.mlp), width: digits.side, height: digits.side),
            ImageRow(caption: "linear k=\(sizes.pictureCodeSize)", images: rows(of: reconstructions.linear), width: digits.side, height: digits.side),
            ImageRow(caption: "MLP k=\(smallest)", images: rows(of: reconstructions.tight), width: digits.side, height: digits.side),
        ]).write(to: path)
    }

    let codes = GradientRecording.withoutGradients { sweep[smallest]!.mlp.encode(digits.xValidation) }   // [n, 2]
    book.figure("latent-2d.png", caption: "the 2-number codes of the validation digits, coloured by digit") { path in
        var scatter = ScatterPlot(title: "Codes of the k = \(smallest) MLP autoencoder", xLabel: "code z1",
                                  yLabel: "code z2")
        for digit in 0..<10 {
            let members = digits.validationSet.labels.indices.filter { digits.validationSet.labels[$0] == digit }
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
        let dense = Array(1...min(64, digits.d))
        chart.add(series: "PCA bound (training)", x: dense.map(Double.init),
                  y: dense.map { digits.pca.reconstructionError(keeping: $0) })
        chart.add(series: "linear AE (training)", x: digits.codeSizes.map(Double.init),
                  y: digits.codeSizes.map { digits.linearTrainingError(sweep[$0]!.linear) }, marker: .circle)
        chart.add(series: "PCA (validation)", x: digits.codeSizes.map(Double.init), y: pcaValidation, marker: .square)
        chart.add(series: "MLP AE (validation)", x: digits.codeSizes.map(Double.init), y: mlpValidation, marker: .circle)
        try chart.write(to: path)
    }

    book.prose("""
        In error-vs-k.png the linear autoencoders (circles) sit on the PCA curve at every k, as the \
        theory says they must; PCA applied to the validation images does almost as well as on the \
        training images, since its \(digits.d)×\(digits.d) covariance is estimated from many images. The MLP \
        lies below both, most clearly for small k, where bending the code's surface matters most.
        """)
    return exampleImages
}
